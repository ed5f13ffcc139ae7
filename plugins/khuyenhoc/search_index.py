"""The site's search index: Pagefind run over the freshly built site.

It runs when Pelican has written every page, on the build's staging folder
(``OUTPUT_PATH`` during a build), so an index that cannot be made fails the
build like any other error and the published ``output/`` stays as it was.

Readers often type without diacritics. Pagefind folds tone and vowel marks
(NFD, then drops the combining marks: "khuyen" finds "khuyến") but not "đ",
which has no decomposition. So Pagefind is given a copy of every page it
indexes in which "đ" is written "d" followed by U+0369 COMBINING LATIN SMALL
LETTER D: Pagefind keeps it as part of the word (Unicode counts it as
alphabetic), so the spelling it records for ranking still tells "đường" from
"dương", and drops it with the other marks for matching, so "duong" finds
both. Exact spellings then rank first by Pagefind's own diacritic ranking,
as for any other mark. The search page writes the query the same way and
turns the mark back into "đ" in every title, excerpt and filter it shows
(``theme/static/js/search.js``), so readers only ever see proper Vietnamese.

Indexing is the slowest part of a build, and most builds change no indexed
page: a build whose input to Pagefind is the same as a recent one's reuses
that one's bundle (``search_bundle_cache.py``).
"""

import contextlib
import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import tempfile

from pagefind.service import get_executable

from . import search_bundle_cache
from .errors import OfficerError
from .pagefind_reproducible import make_reproducible

BUNDLE_DIR = "pagefind"
# A result shows the page's title, date, category and author above its
# excerpt (from Pagefind's meta, partials/search_record.html): the heading,
# category line and byline are kept out of the indexed text so that excerpts
# do not repeat them. Pagefind still takes the heading as the page's title,
# which is searched with extra weight; the author is searched in the meta.
NOT_IN_EXCERPTS = "[data-pagefind-body] h1, .kicker, .byline"
D_MARK = "\u0369"
# Only the pages that Pagefind indexes are given to it: once any page has
# this attribute, Pagefind skips every page without it (the lists, tags,
# archives), and a page whose bytes do not hold it cannot have it.
INDEXED_MARK = b"data-pagefind-body"
_HERE = os.path.dirname(os.path.abspath(__file__))
# The code that turns pages into a bundle: a change to it makes a new one.
_INDEXING_CODE = ("search_index.py", "pagefind_reproducible.py")


# Pagefind runs the text of adjacent cells together ("Đơn vịSố dư",
# "Cấp:tỉnh"), which would make words that nobody types: a space after each
# table cell, list item and definition.
_CELL_END = re.compile(r"</(td|th|li|dt|dd)>", re.IGNORECASE)


# Pagefind reads every byte it is given but indexes none of these: the
# drawings (it skips <svg>), the navigation that the theme marks
# data-pagefind-ignore, and the site's header and footer, outside the part
# marked data-pagefind-body. Its copy of a page goes without them: the same
# bundle, byte for byte (tests/test_search_index.py), a fifth sooner.
_NOT_INDEXED = re.compile(
    r'<svg\b.*?</svg>|<nav\b[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</nav>'
    r'|<header class="site-header">.*?</header>|<footer class="site-footer">.*?</footer>',
    re.DOTALL)


def for_index(html):
    """The page as Pagefind is given it: đ written as d plus a foldable mark,
    cells apart, without what it would not index."""
    html = _NOT_INDEXED.sub("", html)
    # str.replace, not str.translate: ten times faster on a site's worth of pages.
    html = html.replace("đ", "d" + D_MARK).replace("Đ", "D" + D_MARK)
    return _CELL_END.sub(r"</\1> ", html)


def index_site(pelican):
    """Receiver of ``finalized``: index the built site into OUTPUT_PATH/pagefind/,
    or reuse the bundle of the last builds whose pages Pagefind read were the same.
    Inside ``in_background`` Pagefind is only started here."""
    settings = pelican.settings
    output = settings["OUTPUT_PATH"]
    indexing = _Indexing(output, os.path.join(output, BUNDLE_DIR),
                         os.path.join(settings["CACHE_PATH"], search_bundle_cache.FOLDER))
    if _deferred is not None:
        _deferred.append(indexing)
    else:
        indexing.finish()


def write_bundle(site, bundle, cache=None):
    """Index the pages of the folder ``site`` into Pagefind's bundle ``bundle``
    (with a ``cache`` folder: unless a bundle of the same input is kept there)."""
    _Indexing(site, bundle, cache).finish()


# Inside ``in_background``: the indexings started and not finished yet.
_deferred = None


@contextlib.contextmanager
def in_background():
    """Pagefind runs on its own while the build goes on (build.py checks the
    site's links meanwhile); ``finish_background()`` waits for it and puts the
    bundle in place. Leaving without it stops Pagefind."""
    global _deferred
    _deferred = []
    try:
        yield
    finally:
        for indexing in _deferred:
            indexing.stop()
        _deferred = None


def finish_background():
    while _deferred:
        _deferred.pop(0).finish()


class _Indexing:
    """One bundle being made: Pagefind started on a copy of the pages; the
    bundle appears at ``bundle`` only once complete (``finish``)."""

    def __init__(self, site, bundle, cache):
        self.bundle, self.cache, self.process, self.work = bundle, cache, None, None
        executable = get_executable()
        if executable is None:
            raise _index_error("không tìm thấy chương trình Pagefind")
        pages, digest = _pages_for_index(site)
        self.pages = len(pages)
        self.key = cache and _input_key(executable, digest)
        if cache and search_bundle_cache.reuse(bundle, cache, self.key, self.pages):
            return
        self.work = tempfile.mkdtemp(prefix="tim-kiem-")
        try:
            copy = os.path.join(self.work, "site")
            _copy_pages_for_index(site, pages, copy)
            self.made = os.path.join(self.work, "bundle")
            self.said = os.path.join(self.work, "pagefind.log")
            self.process = _start_pagefind(executable, copy, self.made, self.said)
        except BaseException:
            self.stop()
            raise

    def finish(self):
        if self.process is None:
            return
        try:
            if self.process.wait() != 0:
                with open(self.said, encoding="utf-8", errors="replace") as log:
                    said = " ".join(log.read().split()[-40:])
                raise _index_error(f"Pagefind dừng với mã {self.process.returncode}",
                                   found=said or None)
            make_reproducible(self.made)
            shutil.move(self.made, self.bundle)
            if self.cache:
                search_bundle_cache.keep(self.bundle, self.cache, self.key, self.pages)
        finally:
            self.stop()

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.work:
            shutil.rmtree(self.work, ignore_errors=True)
            self.work = None


def _pages_for_index(site):
    """The site-relative paths of the pages to give Pagefind, in order, and a
    hash of their paths and bytes."""
    every, marked = [], {}
    for folder, _subfolders, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                path = os.path.relpath(os.path.join(folder, name), site)
                every.append(path)
                data = _read(site, path)
                if INDEXED_MARK in data:
                    marked[path] = hashlib.sha256(data).hexdigest()
    if not marked:  # Pagefind then indexes every page
        marked = {path: hashlib.sha256(_read(site, path)).hexdigest() for path in every}
    pages = sorted(marked)
    listing = "".join(f"{path}\0{marked[path]}\n" for path in pages)
    return pages, hashlib.sha256(listing.encode()).hexdigest()


def _read(site, path):
    with open(os.path.join(site, path), "rb") as page:
        return page.read()


def _input_key(executable, pages_digest):
    """What the bundle depends on: the pages, the code that gives them to
    Pagefind and the Pagefind binary with its options."""
    digest = hashlib.sha256()
    try:
        found = os.stat(executable)
    except OSError as exc:
        raise _not_runnable(executable) from exc
    digest.update(f"{importlib.metadata.version('pagefind')}\0{os.fspath(executable)}\0"
                  f"{found.st_size}\0{found.st_mtime_ns}\0{NOT_IN_EXCERPTS}\0".encode())
    for name in _INDEXING_CODE:
        with open(os.path.join(_HERE, name), "rb") as handle:
            digest.update(handle.read())
    digest.update(pages_digest.encode())
    return digest.hexdigest()[:32]


def _copy_pages_for_index(site, pages, copy):
    for path in pages:
        target = os.path.join(copy, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(os.path.join(site, path), encoding="utf-8") as page:
            text = page.read()
        with open(target, "w", encoding="utf-8") as page:
            page.write(for_index(text))


def _start_pagefind(executable, site, bundle, log):
    try:
        with open(log, "wb") as said:
            return subprocess.Popen(
                [os.fspath(executable), "--site", site, "--output-path", bundle,
                 "--exclude-selectors", NOT_IN_EXCERPTS],
                stdout=said, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )
    except OSError as exc:
        raise _not_runnable(executable) from exc


def _not_runnable(executable):
    return _index_error(f"không chạy được Pagefind ở {executable}")


def _index_error(problem, found=None):
    return OfficerError(
        f"không lập được chỉ mục tìm kiếm: {problem}",
        found=found,
        fix="dựng lại trang (make html hoặc make publish); nếu vẫn lỗi, xóa thư mục .venv "
            "rồi dựng lại để cài lại Pagefind, hoặc gửi nguyên thông báo này cho người "
            "phụ trách kỹ thuật",
    )
