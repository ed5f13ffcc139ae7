"""The site's search index, written into the built site for the search page.

``build.py`` writes it once Pelican has written every page and let go of
them, so that it reuses their memory, into the build's staging folder: an
index that cannot be written fails the build like any other error and the
published ``output/`` stays as it was. The search page
(``theme/static/js/search.js``) reads it; nothing else runs on the reader's
side, and no server is needed.

Why not Pagefind, which this site used before: at 1,000 bulletins it took
6 s of CPU and 350 MB of memory (0.33 MB more per page, whatever its options:
Pagefind/pagefind#842), seven times the memory of the whole Pelican build,
for a language whose words are a few thousand syllables. It also needed
"đ" disguised as "d" plus a combining mark to fold it, two searches per
query to rank whole syllables first, and a 68 kB WebAssembly module on the
reader's phone. This index is made in the build process in about 4 s at that
size, holds 12 MB, and the search script is plain JavaScript.

What it writes in ``INDEX_DIR`` (all JSON, one line each): ``index.json``,
and the other files in a folder named after a hash of them all, its
``version``. A search page opened before the site was published anew asks
for files of a folder that is gone, and loads ``index.json`` again instead
of mixing two builds' files; the files of a version never change.

- ``index.json``: ``version``, ``pages`` (how many), ``lengths`` (each page's
  number of words), ``newest`` (the page numbers newest first, by the date
  that orders listings; pages without one after, by address), ``words`` and
  ``pairs`` (the first key of each chunk, in order) and ``filters`` (for
  ``category`` and ``year``: each value's page numbers, increasing, as
  differences from the previous one).
- ``words/N.json``: chunk N of the words, by folded word, then by the word as
  written on the pages: ``{"duong": {"đường": [pages, counts, titles], …}, …}``:
  the pages that have it (page numbers as differences from the previous one),
  how often each has it, and the pages whose title has it. The search page
  weighs them with BM25 and ``lengths``.
- ``pairs/N.json``: chunk N of the pairs of folded words found side by side
  (``"so y"``, ``"y te"``; not two numbers), each with its pages, so that
  pages with a query's words in order come first.
- ``pages/N.json``: page N's address (relative to the site's root), title,
  date, category, author and text (the start of it on very long pages), for
  its result and excerpt; on a long page (SECTIONS_FROM headings or more),
  its ``sections``: ``[heading's id, heading's text, the number of words of
  the text before the heading]``, for sub-results that lead to the part of
  the page that matched.
- ``vocabulary.json``: the folded words without digits, in one string, from
  the word on the most pages to those on the fewest; the search page fetches
  it only when a query word is in no chunk, to correct it to the closest.

Pages are numbered in the order of their paths, each indexed as soon as it is
read: no page's text is held longer than that.
"""

import hashlib
import json
import os
import re
import shutil
from array import array
from collections import Counter, defaultdict, deque
from functools import partial
from itertools import chain, filterfalse
from operator import methodcaller, sub

from khuyenhoc import site_folders
from khuyenhoc.errors import OfficerError
from khuyenhoc.search import text as search_text

INDEX_DIR = os.path.join(*site_folders.SEARCH_INDEX.split("/"))
# Postings per word chunk: about 5 kB gzipped, what one query word fetches
# (at 10,000, a four-word query's first search at N = 1,000 came to 103 kB
# gzipped, over the 100 kB budget; at 5,000, 79 kB: bench/search.py).
CHUNK_SIZE = 5_000
# A result's excerpt comes from its page's text; the longest statistics
# pages (tables of every unit and year) keep only their first part for it.
TEXT_LIMIT = 20_000
# A page with this many headings or more (h2 and h3 with an id: what an
# article's table of contents lists) is long: its record gives its sections,
# for sub-results that lead to the part that matched.
SECTIONS_FROM = 3
# Two numbers side by side are mostly the groups of one figure ("186.500.000")
# or neighbouring table cells: no pair for them, and half the pairs' memory saved.
_NUMBERS_PAIR = re.compile(r"[0-9]+ [0-9]+")


def write_index(site):
    """Index the pages of the folder ``site`` into ``site``/INDEX_DIR."""
    target = os.path.join(site, INDEX_DIR)
    try:
        shutil.rmtree(target, ignore_errors=True)
        index = _Index(target)
        for path in _html_files(site):
            page = search_text.page(_read(site, path))
            if page is not None:
                index.add(_address(path), page)
        index.finish()
    except OSError as exc:
        raise OfficerError(
            f"không ghi được chỉ mục tìm kiếm vào {target}",
            found=str(exc),
            fix="kiểm tra ổ đĩa còn chỗ trống và thư mục dự án ghi được, rồi dựng lại trang",
        ) from exc


def _html_files(site):
    for folder, subfolders, files in os.walk(site):
        subfolders.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                yield os.path.relpath(os.path.join(folder, name), site)


def _read(site, path):
    with open(os.path.join(site, path), "rb") as handle:
        return handle.read()


def _address(path):
    address = path.replace(os.sep, "/")
    return address[:-len("index.html")] if address.endswith("index.html") else address


def _listing_order(address, page):
    # Newest first: the date's digits turned around, so that an ascending sort does it.
    return (not page.sort, page.sort.translate(_DESCENDING), address)


_DESCENDING = str.maketrans("0123456789", "9876543210")


class _Index:
    """The index being written into ``folder``: each page's file at once,
    the words, pairs and filters at the end."""

    def __init__(self, folder):
        self.folder = folder
        self.making = os.path.join(folder, "dang-viet")  # renamed to the version
        os.makedirs(self.making)
        # Word as written -> the pages that have it, how often each, those
        # whose title has it; two folded words in a row -> the pages.
        self.pages, self.counts, self.titles, self.pairs = (
            defaultdict(partial(array, "I")) for _ in range(4))
        self.lengths = array("I")
        self.listing = []  # (listing order, page number)
        self.filters = {"category": {}, "year": {}}  # value -> page numbers
        self.folded = _Folded()
        # A hash of every file but index.json: their folder's name.
        self.version = hashlib.sha256()

    def add(self, address, page):
        number = len(self.listing)
        self.listing.append((_listing_order(address, page), number))
        for name, value in (("category", page.category), ("year", page.year)):
            if value:
                self.filters[name].setdefault(value, []).append(number)
        counts, pairs = Counter(), set()
        in_title = search_text.words(page.title)
        for said in (search_text.words(page.text), search_text.words(page.author), in_title):
            counts.update(said)
            # The folded words, in order: each word folded once for the whole site.
            folded = list(map(self.folded.__getitem__, said))
            side_by_side = map(" ".join, zip(folded, folded[1:]))
            pairs.update(filterfalse(_NUMBERS_PAIR.fullmatch, side_by_side))
        self.lengths.append(sum(counts.values()))
        # Each page adds hundreds of thousands of entries to a site's index:
        # appended by map() and consumed by deque(), with no Python loop.
        _each(map(methodcaller("append", number), map(self.pairs.__getitem__, pairs)))
        _each(map(methodcaller("append", number), map(self.pages.__getitem__, counts)))
        _each(map(array.append, map(self.counts.__getitem__, counts), counts.values()))
        for word in set(in_title):
            self.titles[word].append(number)
        record = {
            "url": address, "title": page.title, "date": page.date,
            "category": page.category, "author": page.author,
            "text": page.text[:TEXT_LIMIT],
        }
        if len(page.sections) >= SECTIONS_FROM:
            kept = record["text"].count(" ") + 1
            record["sections"] = [list(section) for section in page.sections
                                  if section[2] < kept]
        self._write(f"pages/{number}.json", record)

    def finish(self):
        """Write the words, pairs and index.json, and name the folder."""
        by_fold = {}
        for word in self.pages:
            by_fold.setdefault(self.folded[word], []).append(word)
        first_words = self._chunks(
            "words", sorted(by_fold),
            lambda folded: {word: [_differences(self.pages[word]), self.counts[word].tolist(),
                                   self.titles[word].tolist() if word in self.titles else []]
                            for word in sorted(by_fold[folded])},
            size=lambda spellings: sum(len(pages) for pages, _, _ in spellings.values()))
        first_pairs = self._chunks("pairs", sorted(self.pairs),
                                   lambda pair: _differences(self.pairs[pair]), size=len)
        self._write("vocabulary.json", self._vocabulary(by_fold))
        version = self.version.hexdigest()[:16]
        os.rename(self.making, os.path.join(self.folder, version))
        self._write("index.json", into=self.folder, content={
            "version": version, "pages": len(self.listing),
            "lengths": self.lengths.tolist(),
            "newest": [number for _order, number in sorted(self.listing)],
            "words": first_words, "pairs": first_pairs,
            "filters": {name: {value: _differences(numbers)
                               for value, numbers in sorted(values.items())}
                        for name, values in self.filters.items()},
        })

    def _vocabulary(self, by_fold):
        """The folded words that a misspelt one may be corrected to, in one
        string: from the word on the most pages to those on the fewest (then
        alphabetically), so that the search page takes the commonest of the
        closest ones. Words with a digit are left out: a number is not
        corrected."""
        on_pages = {folded: max(len(self.pages[word]) for word in spellings)
                    for folded, spellings in by_fold.items() if folded.isalpha()}
        return " ".join(sorted(on_pages, key=lambda word: (-on_pages[word], word)))

    def _chunks(self, kind, keys, value, size):
        """Write ``keys`` (in order) with their ``value(key)`` in files of about
        CHUNK_SIZE page numbers (``size(value)`` of each); return each file's
        first key."""
        firsts, chunk, pages = [], {}, 0
        for key in keys:
            if not chunk:
                firsts.append(key)
            content = chunk[key] = value(key)
            pages += size(content)
            if pages >= CHUNK_SIZE:
                self._write(f"{kind}/{len(firsts) - 1}.json", chunk)
                chunk, pages = {}, 0
        if chunk:
            self._write(f"{kind}/{len(firsts) - 1}.json", chunk)
        return firsts

    def _write(self, name, content, into=None):
        data = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.version.update(f"{name}\0".encode() + data + b"\0")
        path = os.path.join(into or self.making, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)


class _Folded(dict):
    """Word -> its folded form, worked out the first time it is asked for: a
    site of 1,000 articles has about a million words, and a few thousand
    different ones."""

    def __missing__(self, word):
        folded = self[word] = search_text.fold(word)
        return folded


def _each(iterator):
    deque(iterator, maxlen=0)


def _differences(numbers):
    """``numbers`` (increasing), each as its difference from the one before."""
    return list(map(sub, numbers, chain((0,), numbers)))
