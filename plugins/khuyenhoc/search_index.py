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
reader's phone. This index is made in the build process in about a second,
holds a few MB, and the search script is 10 kB of plain JavaScript.

What it writes in ``INDEX_DIR`` (all JSON, one line each):

- ``index.json``: ``version`` (a hash of the whole index: every other file is
  fetched with it, so a browser never mixes two builds' files), ``pages`` (how
  many), ``newest`` (the page numbers newest first, by the date that orders
  listings; pages without one after, by address), ``words`` and ``pairs`` (the
  first key of each chunk, in order) and ``filters`` (for ``category`` and
  ``year``: each value's page numbers, increasing, as differences from the
  previous one).
- ``words/N.json``: chunk N of the words, by folded word, then by the word as
  written on the pages: ``{"duong": {"đường": [page, weight, …], …}, …}``, page
  numbers as differences from the previous one. A weight is the word's BM25
  term-frequency part for that page, times 10, plus ``TITLE_BONUS`` if the
  page's title has it; the search page multiplies it by the word's rarity.
- ``pairs/N.json``: chunk N of the pairs of folded words found side by side
  (``"so y"``, ``"y te"``; not two numbers), each with its pages, so that
  pages with a query's words in order come first.
- ``pages/N.json``: page N's address (relative to the site's root), title,
  date, category, author and text (the start of it on very long pages), for
  its result and excerpt.

Pages are numbered in the order of their paths, each indexed as soon as it is
read: no page's text is held longer than that.
"""

import hashlib
import json
import math
import operator
import os
import re
import shutil
from array import array
from collections import Counter, defaultdict
from itertools import chain, filterfalse

from . import search_text
from .errors import OfficerError

INDEX_DIR = os.path.join("tim-kiem", "chi-muc")
# A word of the page's title adds this to the page's weight for it: more
# than the most that repeats in the text give (BM25's saturation keeps those
# under (K1 + 1) × 10 = 22), so that the page about a thing comes first.
TITLE_BONUS = 25
# Postings per word chunk: about 10 kB gzipped, what one query word fetches.
CHUNK_SIZE = 10_000
# A result's excerpt comes from its page's text; the longest statistics
# pages (tables of every unit and year) keep only their first part for it.
TEXT_LIMIT = 20_000
# BM25's usual constants: how fast repeats stop counting, how much a long
# page's words are discounted.
K1, B = 1.2, 0.75
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
    with open(os.path.join(site, path), encoding="utf-8") as handle:
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
        self.postings = {}  # word as written -> (page numbers, counts)
        self.pairs = defaultdict(lambda: array("I"))  # two folded words in a row -> page numbers
        self.lengths = array("I")
        self.listing = []  # (listing order, page number)
        self.filters = {"category": {}, "year": {}}  # value -> page numbers
        # Of every file but index.json: its name in the browser's cache.
        self.version = hashlib.sha256()

    def add(self, address, page):
        number = len(self.listing)
        self.listing.append((_listing_order(address, page), number))
        for name, value in (("category", page.category), ("year", page.year)):
            if value:
                self.filters[name].setdefault(value, []).append(number)
        counts, pairs = Counter(), set()
        for text in (page.text, page.author, page.title):
            counts.update(search_text.words(text))
            folded = search_text.folded_words(text)
            side_by_side = map(" ".join, zip(folded, folded[1:]))
            pairs.update(filterfalse(_NUMBERS_PAIR.fullmatch, side_by_side))
        for pair in pairs:
            self.pairs[pair].append(number)
        self.lengths.append(sum(counts.values()))
        in_title = set(search_text.words(page.title))
        for word, count in counts.items():
            entry = self.postings.get(word)
            if entry is None:
                entry = self.postings[word] = (array("I"), array("I"))
            entry[0].append(number)
            entry[1].append(count * 2 + (word in in_title))
        self._write(f"pages/{number}.json", {
            "url": address, "title": page.title, "date": page.date,
            "category": page.category, "author": page.author,
            "text": page.text[:TEXT_LIMIT],
        })

    def finish(self):
        average = (sum(self.lengths) / len(self.lengths)) if self.lengths else 1.0
        by_fold = {}
        for word in self.postings:
            by_fold.setdefault(search_text.fold(word), []).append(word)
        first_words = self._chunks("words", sorted(by_fold), lambda folded: {
            word: self._weighted(word, average) for word in sorted(by_fold[folded])})
        first_pairs = self._chunks("pairs", sorted(self.pairs),
                                   lambda pair: _differences(self.pairs[pair]))
        self._write("index.json", {
            "version": self.version.hexdigest()[:16], "pages": len(self.listing),
            "newest": [number for _order, number in sorted(self.listing)],
            "words": first_words, "pairs": first_pairs,
            "filters": {name: {value: _differences(numbers)
                               for value, numbers in sorted(values.items())}
                        for name, values in self.filters.items()},
        })

    def _weighted(self, word, average):
        """[page, weight, …] of ``word``, page numbers as differences from the previous one."""
        numbers, counts = self.postings[word]
        flat, previous = [], 0
        for number, count in zip(numbers, counts):
            count, in_title = divmod(count, 2)
            length = self.lengths[number] / average
            saturation = count * (K1 + 1) / (count + K1 * (1 - B + B * length))
            weight = max(1, math.floor(saturation * 10 + 0.5)) + TITLE_BONUS * in_title
            flat += (number - previous, weight)
            previous = number
        return flat

    def _chunks(self, kind, keys, value):
        """Write ``keys`` (in order) with their ``value(key)`` in files of about
        CHUNK_SIZE page numbers; return each file's first key."""
        firsts, chunk, size = [], {}, 0
        for key in keys:
            if not chunk:
                firsts.append(key)
            content = chunk[key] = value(key)
            size += len(content) if isinstance(content, list) else \
                sum(map(len, content.values())) // 2
            if size >= CHUNK_SIZE:
                self._write(f"{kind}/{len(firsts) - 1}.json", chunk)
                chunk, size = {}, 0
        if chunk:
            self._write(f"{kind}/{len(firsts) - 1}.json", chunk)
        return firsts

    def _write(self, name, content):
        data = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.version.update(f"{name}\0".encode() + data + b"\0")
        path = os.path.join(self.folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)


def _differences(numbers):
    """``numbers`` (increasing), each as its difference from the one before."""
    return list(map(operator.sub, numbers, chain((0,), numbers)))
