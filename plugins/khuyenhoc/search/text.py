"""What the search index takes from a built page, and the words of a text.

A page is indexed when one of its elements carries ``data-search-body``
(``article.html``, ``page.html``, the statistics pages): the text of that
element, without the parts marked ``data-search-ignore`` (menus, table of
contents, share links), the drawings, and the heading, category line and
byline, which a search result shows above its excerpt anyway. The heading is
the page's title. An empty ``<span data-search-record …>`` inside it gives
the date, category, year and author (``partials/search_record.html``). The
headings ``h2`` and ``h3`` with an ``id`` (the anchors of an article's table
of contents, the parts of a year's report) divide the text into sections, so
that a result can lead to the part of a long page that matched.

The page is read by a real HTML parser, selectolax's Lexbor (the WHATWG
algorithm, in C): what a browser sees is what is indexed, whatever the
markup. It reads the 1,061 pages of the N = 1,000 benchmark site in about
the time the regular expressions it replaced took (the page is parsed from
its bytes, and only pages that mention the mark are parsed at all); Python's
own parser, through BeautifulSoup, took ten times as long.

The words of a text are its runs of letters and digits, lower-cased; a word
is matched by its folded form (``fold``: no tone or vowel marks, "đ" as "d"),
so that "duong" finds "đường" and "dương". ``theme/static/js/search.js``
splits and folds a query the same way (``tests/test_search_folding.py``
runs both on the same inputs).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import chain

from selectolax.lexbor import LexborHTMLParser

BODY = "data-search-body"
IGNORE = "data-search-ignore"
RECORD = "data-search-record"
# What is not indexed inside the marked part.
_LEFT_OUT = f"[{IGNORE}], .kicker, .byline, svg, script, style, template, h1"
# Inline elements join their text to what surrounds them ("<b>Quỹ</b>," is
# "Quỹ,"); every other element ends a word, so table cells, list items and
# paragraphs stay apart ("Đơn vị Số dư", not "Đơn vịSố dư").
_INLINE = ("a, abbr, b, bdi, bdo, cite, code, data, dfn, em, i, kbd, mark, q, s, samp, small, "
           "span, strong, sub, sup, time, u, var, wbr")
_SECTION_HEADINGS = "h2[id], h3[id]"
# Put before each section's heading in the text: an HTML parser never leaves
# U+0000 in a page's text (the standard drops or replaces it).
_SECTION_MARK = "\0"
_WORD = re.compile(r"[^\W_]+")
_MARK = re.compile("[\u0300-\u036f]")  # the combining marks of Latin letters
_FIELDS = ("date", "sort", "year", "category", "author")


@dataclass
class Page:
    title: str
    text: str
    date: str = ""      # YYYY-MM-DD, shown under the result
    sort: str = ""      # YYYY-MM-DD that orders a listing by filter alone
    year: str = ""
    category: str = ""
    author: str = ""
    # (heading's id, heading's text, where the heading starts in the text:
    # how many words of text.split(" ") come before it), in page order.
    sections: list = field(default_factory=list)


def page(markup):
    """The indexed part of the page ``markup`` (bytes in UTF-8, or text), or
    None if it has none."""
    mark = BODY.encode() if isinstance(markup, bytes) else BODY
    if mark not in markup:  # most pages that are not indexed, without parsing them
        return None
    body = LexborHTMLParser(markup).css_first(f"[{BODY}]")
    if body is None:
        return None
    found = body.css_first(f"[{RECORD}]")
    attributes = found.attributes if found is not None else {}
    heading = body.css_first("h1")
    title = plain(heading) if heading is not None else ""
    for node in body.css(_LEFT_OUT):
        node.decompose()
    _join_inline(body)
    headings = []
    for node in body.css(_SECTION_HEADINGS):
        if node.attributes["id"]:  # id="" is no anchor
            headings.append((node.attributes["id"], plain(node)))
            node.insert_before(_SECTION_MARK)
    parts = [part.split() for part in body.text(separator=" ").split(_SECTION_MARK)]
    sections, before = [], len(parts[0])
    for (anchor, name), part in zip(headings, parts[1:]):
        sections.append((anchor, name, before))
        before += len(part)
    return Page(
        title=title,
        text=" ".join(chain.from_iterable(parts)),
        sections=sections,
        **{key: attributes.get(f"data-{key}") or "" for key in _FIELDS},
    )


def plain(node):
    """The text of the element ``node`` as a reader sees it, on one line."""
    _join_inline(node)
    return " ".join(node.text(separator=" ").split())


def _join_inline(node):
    # One query for every inline element (unwrap_tags makes one per tag name:
    # twice as long), each replaced by what it holds, then the text on
    # either side of it made one.
    for inline in node.css(_INLINE):
        inline.unwrap(delete_empty=True)
    node.merge_text_nodes()


def words(text):
    """The words of ``text``, lower-cased, in order."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def fold(text):
    """``text`` (lower-case) without tone and vowel marks, "đ" as "d". Each
    letter stays one letter, so the words of a folded text are its words folded."""
    return _MARK.sub("", unicodedata.normalize("NFD", text.replace("đ", "d")))
