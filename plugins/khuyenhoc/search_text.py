"""What the search index takes from a built page, and the words of a text.

A page is indexed when one of its elements carries ``data-search-body``
(``article.html``, ``page.html``, the statistics pages): the text of that
element, without the parts marked ``data-search-ignore`` (menus, table of
contents, share links), the drawings, and the heading, category line and
byline, which a search result shows above its excerpt anyway. The heading is
the page's title. An empty ``<span data-search-record …>`` inside it gives
the date, category, year and author (``partials/search_record.html``).

The pages are our theme's own output, so regular expressions find these
parts: a real HTML parser took 4.5 s for the 1,061 pages of a site of 1,000
articles, these 0.4 s. Elements are cut out by counting their nested
openings and closings, so a section holding sections goes whole.

The words of a text are its runs of letters and digits, lower-cased; a word
is matched by its folded form (``fold``: no tone or vowel marks, "đ" as "d"),
so that "duong" finds "đường" and "dương". ``theme/static/js/search.js``
splits and folds a query the same way.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

BODY = "data-search-body"
IGNORE = "data-search-ignore"
RECORD = "data-search-record"

_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_RECORD_TAG = re.compile(rf"<span\b[^>]*\b{RECORD}\b[^>]*>")
_ATTRIBUTE = re.compile(r'\bdata-([a-z]+)="([^"]*)"')
_HEADING = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
# Elements whose text is not indexed: (regular expression of their opening tag).
_LEFT_OUT = re.compile(
    rf'<([a-zA-Z][a-zA-Z0-9]*)\b(?:[^>]*\b{IGNORE}\b|[^>]*\bclass="(?:[^"]*\s)?(?:kicker|byline)'
    r'(?:\s[^"]*)?")[^>]*>'
    r"|<(svg|script|style|template|h1)\b[^>]*>")
# Inline elements join their text to what surrounds them ("<b>Quỹ</b>," is
# "Quỹ,"); every other tag ends a word, so table cells, list items and
# paragraphs stay apart ("Đơn vị Số dư", not "Đơn vịSố dư").
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|dfn|em|i|kbd|mark|q|s|samp|small|span|strong"
    r"|sub|sup|time|u|var|wbr)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+")
_MARK = re.compile("[\u0300-\u036f]")  # the combining marks of Latin letters
_ELEMENT_EDGE = {}
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


def record(markup):
    """{date, sort, year, category, author: value} of the page ``markup``
    (those it gives), or None if it has no part to index."""
    mark = markup.find(BODY)
    return None if mark < 0 else _record_from(markup, mark)


def page(markup):
    """The indexed part of the page ``markup``, or None if it has none."""
    mark = markup.find(BODY)
    if mark < 0:
        return None
    start = markup.rfind("<", 0, mark)
    name = _START_TAG.match(markup, start).group(1)
    body = markup[start:_element_end(markup, start, name)]
    heading = _HEADING.search(body)
    return Page(
        title=plain(heading.group(1)) if heading else "",
        text=plain(_without_left_out(body)),
        **{key: value for key, value in _record_from(markup, mark).items()
           if key in _FIELDS},
    )


def _record_from(markup, mark):
    found = _RECORD_TAG.search(markup, mark)
    if found is None:
        return {}
    return {key: html.unescape(value) for key, value in _ATTRIBUTE.findall(found.group(0))}


def plain(markup):
    """The text of ``markup`` as a reader sees it, on one line."""
    text = _TAG.sub(" ", _INLINE_TAG.sub("", markup))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def words(text):
    """The words of ``text``, lower-cased, in order."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def fold(text):
    """``text`` (lower-case) without tone and vowel marks, "đ" as "d". Each
    letter stays one letter, so the words of a folded text are its words folded."""
    return _MARK.sub("", unicodedata.normalize("NFD", text.replace("đ", "d")))


def _without_left_out(body):
    parts, position = [], 0
    while True:
        found = _LEFT_OUT.search(body, position)
        if found is None:
            parts.append(body[position:])
            return " ".join(parts)
        parts.append(body[position:found.start()])
        position = _element_end(body, found.start(), found.group(1) or found.group(2))


def _element_end(markup, start, name):
    """Where the element opened at ``start`` ends, its nested namesakes counted."""
    edge = _ELEMENT_EDGE.get(name)
    if edge is None:
        edge = _ELEMENT_EDGE[name] = re.compile(rf"<(/?){name}\b[^>]*>", re.IGNORECASE)
    depth = 0
    for tag in edge.finditer(markup, start):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                return tag.end()
        elif not tag.group(0).endswith("/>"):
            depth += 1
    return len(markup)
