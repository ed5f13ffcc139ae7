"""Signal receivers, at module level because Pelican holds them weakly."""

from khuyenhoc import site_folders
from khuyenhoc.checks import content, content_files
from khuyenhoc.data import association, cache
from khuyenhoc.errors import BuildStopped, problems
from khuyenhoc.pages import downloads, statistics
from khuyenhoc.reading.front_matter import FrontMatterMarkdownReader
from khuyenhoc.vietnamese import formats


def start_build(pelican):
    problems.clear()
    # hoi.yaml's mistakes (the settings were made from what was right in it).
    problems.extend(association.problems_of(pelican.settings))


def add_readers(readers):
    for extension in FrontMatterMarkdownReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterMarkdownReader


def add_jinja_filters(generator):
    generator.env.filters.update(formats.FILTERS)
    generator.env.globals["FOLDERS"] = site_folders.FOLDERS
    # Each build makes its own environment and the theme does not change
    # while it runs: Jinja need not look at a file's date on every include.
    generator.env.auto_reload = False
    # JSON-LD in pages: Vietnamese letters as they are, not as \u escapes
    # (tojson still escapes <, >, & and ' so a title cannot end the script).
    generator.env.policies["json.dumps_kwargs"] = {
        "sort_keys": True, "ensure_ascii": False, "separators": (",", ":"),
    }


def load_data(generator):
    """Read data/ once per build, when the first generator is made.

    That is before any article is read, so readers and every template
    (as ``data``) can use it; the generators all share this context.
    Mistakes join the build's problems and stop it before any output.
    """
    if "data" in generator.context:
        return
    data, errors = cache.read(generator.settings)
    problems.extend(errors)
    problems.extend(association.unit_errors(generator.settings, data))
    generator.context["data"] = data
    # The association's own unit (hoi.yaml's, else the one with most figures).
    generator.context["main_unit"] = statistics.main_unit(data, generator.settings)


def add_downloads(pelican):
    """/du-lieu/{dataset}.csv and .json, written with the rest of the output."""
    return downloads.DownloadsGenerator


# What the last build read, for its closing message (build.py).
counts = {}


def count_contents(generators):
    """all_generators_finalized: how many articles, drafts and pages were read."""
    counts.clear()
    for generator in generators:
        for name in ("articles", "drafts", "pages", "hidden_articles", "hidden_pages",
                     "draft_pages"):
            if isinstance(getattr(generator, name, None), list):
                counts[name] = counts.get(name, 0) + len(getattr(generator, name))


def stop_on_errors(generators):
    """Every file has been read: stop before anything is written if any was wrong."""
    problems.extend(content_files.check(generators[0].settings))
    problems.extend(content.check(generators, [e.path for e in problems]))
    if problems:
        raise BuildStopped(problems)
