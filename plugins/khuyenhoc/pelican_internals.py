"""Every use of Pelican's private parts, in one place.

Pelican's plugin interface (signals, generators, readers, writers, the
context) covers most of what the site needs. A few speed-ups and checks
reach further, into names that Pelican does not promise to keep: the memo
caches behind ``Content.get_content``, the log filter's memory, the readers'
cache, the writer's ``_open_w``... Each is reached through a function of
this module, and nowhere else, and each has a canary in
``tests/test_pelican_internals.py`` that fails with a message naming the
function to update when a Pelican release moves what it relies on.
``pyproject.toml`` admits only the Pelican releases the canaries were run
against (``PELICAN_RANGE``).

What each buys is measured in BENCHMARKS.md; the function's docstring says
why it is needed.
"""

import contextlib
import gzip
import io
import os
import pickle
from collections import defaultdict

from pelican.contents import Content
from pelican.log import LimitFilter, console
from pelican.readers import _filter_discardable_metadata
from pelican.writers import Writer

# The Pelican releases whose internals the canaries were run against.
PELICAN_RANGE = ">=4.12.0,<4.13"

# Pelican's English warnings that repeat a check of ours (pelican_messages),
# matched by the start of their log template, as Pelican writes it.
ECHOED_WARNING_TEMPLATES = (
    "Could not process %s",
    "Cannot get modification stamp for %s",
    "Empty alt attribute for image %s in %s",
    "There are %s items ",
    "There are %s original (not translated) items ",
)


# --- the build process --------------------------------------------------

def forget_logged_warnings():
    """Pelican's log filter drops a message it has seen before, even from an
    earlier build in the same process (the preview worker, the tests): forget
    them, so that no warning of this build is lost."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def silence_console(quiet):
    """Pelican prints its closing line ("Done: Processed 17 articles...", in
    English) on its rich console, not through logging: the build says it in
    Vietnamese instead (build._report_success). Returns the former state."""
    former, console.quiet = console.quiet, quiet
    return former


def move_readers_cache(path, before, after):
    """Pelican's readers' cache names each file by its full path: when the
    project moved from ``before`` to ``after`` (a fresh clone given the last
    run's cache), rename its entries. False when the file is not what this
    Pelican writes (it is then removed: Pelican would start afresh anyway)."""
    try:
        with open(path, "rb") as handle:
            zipped = handle.read(2) == b"\x1f\x8b"  # GZIP_CACHE
        opener = gzip.open if zipped else open
        with opener(path, "rb") as handle:
            entries = pickle.load(handle)
        if not isinstance(entries, dict):
            raise TypeError(type(entries).__name__)
        moved = {(after + key[len(before):]
                  if before and isinstance(key, str) and key.startswith(before + os.sep)
                  else key): value for key, value in entries.items()}
        with opener(path + ".tmp", "wb") as handle:
            pickle.dump(moved, handle)
        os.replace(path + ".tmp", path)
        return True
    except (OSError, EOFError, ValueError, TypeError, AttributeError, pickle.UnpicklingError):
        with contextlib.suppress(OSError):
            os.remove(path)
        return False


def forget_memoized_html():
    """Pelican memoizes each content's HTML and summary on the class, for the
    life of the process: every article stays alive after the run. Let go,
    their memory is reused by the search index and the link check."""
    for name in ("get_content", "get_summary"):
        memo = vars(Content).get(name)
        if hasattr(memo, "cache"):
            memo.cache.clear()


def drop_readers_cache(generator):
    """The readers' cache, once Pelican has saved it into CACHE_PATH (it is
    read only when a build starts): kept until the build ends, it is every
    file's HTML a second time."""
    readers = getattr(generator, "readers", None)
    if readers is not None and hasattr(readers, "_cache"):
        readers._cache = {}


def is_content_cache_file(name):
    """Whether ``name``, in CACHE_PATH, is one of Pelican's content caches
    (``{Generator}-Readers`` and ``{Generator}``), which content_cache drops
    when what reading depends on has changed."""
    return name.endswith("-Readers") or name.endswith("Generator")


def filter_discardable_metadata(metadata):
    """The metadata as Readers.read_file keeps it (the parallel reader must
    send the worker's reading in the same form)."""
    return _filter_discardable_metadata(metadata)


# --- an article's or page's HTML ------------------------------------------

def html_of(content):
    """The content's HTML as read, before Pelican's link replacement (what
    the figures are filled into)."""
    return content._content


def set_html(content, html):
    content._content = html


def set_summary(content, summary):
    """Replace the summary (Pelican keeps it in ``_summary`` and returns it
    from the memoized ``get_summary``)."""
    content._summary = content.metadata["summary"] = summary


def context_of(content):
    """The build's shared context that the content was read in."""
    return content._context


def give_context(content, context):
    """Attach a kept content to a new run's context (preview worker)."""
    content._context = context


def intrasite_link_regex(content):
    """The pattern of ``{filename}``/``{static}`` links, with the groups
    ``what`` and ``path``, as Pelican will replace them."""
    return content._get_intrasite_link_regex()


# --- the preview's quick step ---------------------------------------------

def generator_classes(pelican):
    """The generator classes of ``pelican``'s run, plugins' included."""
    return pelican._get_generator_classes()


def skip_year_archives(generator):
    """An ArticlesGenerator that makes no year archives: the quick step's
    pages never show them, and Pelican matches every article against every
    year's list to make them (a quarter of a save's time at 5,000 articles,
    growing with the square of their number)."""
    generator._build_period_archives = _no_period_archives


def _no_period_archives(sorted_articles, articles, settings):
    return defaultdict(list)


class ReplacingWriter(Writer):
    """A Writer whose every page is written beside the served one and
    renamed over it when complete (``replace``), never written in place."""

    def replace(self, path, data):  # pragma: no cover - overridden
        raise NotImplementedError

    def _open_w(self, filename, encoding, override=False):
        # Pelican's own check against writing a file twice is left to the
        # full build: the quick step writes each saved file's page once.
        self._written_files.add(filename)
        return _Replacing(filename, encoding, self.replace)


class _Replacing(io.StringIO):
    """A page's text, handed to ``put`` whole when the writer closes it."""

    def __init__(self, path, encoding, put):
        super().__init__()
        self.path, self.charset, self.put = path, encoding, put

    def __exit__(self, kind, error, trace):
        if kind is None:
            self.put(self.path, self.getvalue().encode(self.charset))
        return super().__exit__(kind, error, trace)
