"""Signal receivers, at module level because Pelican holds them weakly."""

from . import formats
from .errors import BuildStopped, problems
from .frontmatter_reader import FrontMatterMarkdownReader


def start_build(pelican):
    problems.clear()


def add_readers(readers):
    for extension in FrontMatterMarkdownReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterMarkdownReader


def add_jinja_filters(generator):
    generator.env.filters.update(formats.FILTERS)


def stop_on_errors(generators):
    """Every file has been read: stop before anything is written if any was wrong."""
    if problems:
        raise BuildStopped(problems)
