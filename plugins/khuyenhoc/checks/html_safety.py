"""HTML that could run code in the reader's browser, or be read by it otherwise than we read it.

Markdown lets raw HTML through, so an article pasted from elsewhere can carry
a ``<script>``, an ``onerror=`` or a ``javascript:`` link. Such markup must
be read the way a browser reads it: a hand-written check (we had one on
Python's ``html.parser``) is fooled by the places where the HTML parsing
algorithm differs from it (``<!-->``, ``<noscript>``, ``<title>``,
``<textarea>``, ``<xmp>``, ``<noembed>``, CDATA in SVG: markup that looks
like text or a comment to one reader and is a live element to the other).

So the article's HTML is parsed by ammonia (nh3, html5ever: the WHATWG
algorithm, as a browser does) twice: once keeping only an allow-list of
elements, attributes and link schemes, once keeping everything that is
written (only when the first changed anything: Markdown's own output comes
out of it unchanged, byte for byte). If the two differ, something outside
the list is there and the article is refused; html5lib (the same algorithm,
in Python) then finds what it is, to name it in the message. Only the
failing path pays for html5lib, fifteen times slower than ammonia. The site's
Content-Security-Policy stays as a second line; feed readers have none,
and they receive the same checked HTML.

The same pass notes the images without a description (``alt``), for
content_checks.py: parsing an article is the costly part, so it is done
once, when the article is read (frontmatter_reader.py).
"""

import html as html_entities
import re
from html.parser import HTMLParser

import nh3

# What an article may hold: Markdown's own output (with its "extra"
# extensions: tables, footnotes, abbreviations, definition lists, attribute
# lists) and the plain formatting an officer pastes from a word processor.
ALLOWED_ELEMENTS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
})
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "rel", "target", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "details": {"open"},
    # markdown_figures.py's placeholders of [[...]] references.
    "span": {"data-khuyenhoc-ref", "data-line", "data-column"},
    "div": {"data-khuyenhoc-ref", "data-line", "data-column"},
}
# Markdown writes a table column's alignment as a style: only these values.
ALLOWED_ATTRIBUTE_VALUES = {
    tag: {"style": {f"text-align: {side};" for side in ("left", "center", "right")}}
    for tag in ("th", "td")
}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# Elements that run code, load other sites into the page or change how the
# page's addresses and policy are read: the message says so.
RUNNING_ELEMENTS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet",
    "base", "meta", "link", "style", "form", "portal",
})
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "poster", "data",
    "background", "cite", "ping", "srcset", "values", "to", "from",
})
RUNNING_SCHEMES = ("javascript:", "vbscript:", "data:")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_TAG_NAME = re.compile(r"<([A-Za-z][^\t\n\f\r />]*)")
_SCHEME_WORD = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


class Danger:
    """One construct outside the allow-list: ``kind`` is "element" (one that
    runs), "tag" (any other element), "attribute" (an event handler),
    "style", "other" (any other attribute), "url" or "markup";
    ``name`` is what to look for in the source."""

    def __init__(self, kind, name, shown):
        self.kind = kind
        self.name = name
        self.shown = shown

    def __repr__(self):
        return f"Danger({self.kind!r}, {self.shown!r})"


def dangers(html):
    """Every construct of ``html`` outside the allow-list, in document order."""
    html = html or ""
    if _allowed(html):
        return []
    return _locate(html)


def scan(html):
    """``(dangers, images)`` of ``html``: the constructs outside the
    allow-list, and the ``src`` of every image without a description (alt)."""
    html = html or ""
    images = []
    if "<img" in html.lower():  # most articles have none: no second parse
        finder = _ImagesWithoutAlt()
        finder.feed(html)
        finder.close()
        images = finder.images_without_alt
    return dangers(html), images


def findings(content, summary):
    """What content_checks.py reports of an article's own HTML, found when the
    article is read (frontmatter_reader.py), before figures are filled in: it
    runs with the reading (on both cores, and not again while the file is
    unchanged). The constructs outside the allow-list in the body and in the
    summary, and the images without a description; plain tuples, as Pelican
    keeps them in its content cache."""
    body_dangers, images = scan(content)
    summary_dangers = dangers(summary) if summary else []
    return {
        "dangers": [(d.kind, d.name, d.shown) for d in body_dangers],
        "summary_dangers": [(d.kind, d.name, d.shown) for d in summary_dangers],
        "images_without_alt": images,
    }


def _allowed(html):
    """Whether the browser's reading of ``html`` holds nothing outside the list."""
    if "<" not in html and ":" not in html:
        return True
    strict = nh3.clean(
        html, tags=set(ALLOWED_ELEMENTS), clean_content_tags=set(),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES, strip_comments=False,
        link_rel=None, url_schemes=set(ALLOWED_SCHEMES))
    if strict == html:
        # What is published is, byte for byte, what the sanitiser wrote:
        # Markdown's own output always is (a build of the sample site finds
        # no other case), and this costs one parse.
        return True
    # Otherwise the allow-listed parse must equal a parse that keeps all that
    # is written (it differs only in how the serialiser spells things):
    # every element name, and every word before a ":" that a browser could
    # read as a link's scheme (entities decoded, tabs and line ends dropped
    # as a browser drops them in a scheme).
    written = re.sub(r"[\t\n\r]", "", html_entities.unescape(html))
    names = {name.lower() for name in _TAG_NAME.findall(html)} | set(ALLOWED_ELEMENTS)
    schemes = {word.lower() for word in _SCHEME_WORD.findall(written)}
    everything = nh3.clean(
        html, tags=names, clean_content_tags=set(), attributes={},
        generic_attribute_prefixes={""}, strip_comments=False, link_rel=None,
        url_schemes=schemes | set(ALLOWED_SCHEMES))
    return strict == everything


def _locate(html):
    """What is outside the list, in document order, read by html5lib as a
    browser with scripting on reads it."""
    import html5lib  # only on the failing path

    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False,
                                      scripting=True)
    found = []
    for child in fragment:
        _walk(child, found, inside_refused=False)
    if not found:
        # ammonia and html5lib disagree about this markup: refuse it anyway.
        found.append(Danger("markup", "<", "<"))
    seen, unique = set(), []
    for danger in found:
        if (danger.kind, danger.name) not in seen:
            seen.add((danger.kind, danger.name))
            unique.append(danger)
    return unique


def _walk(element, found, inside_refused):
    """Each element outside the list (not those inside one: removing the
    outer one removes them), and every attribute that runs or links to a
    script, wherever it is."""
    if not isinstance(element.tag, str):  # a comment
        return
    tag = element.tag.rsplit("}", 1)[-1].lower()
    refused = tag not in ALLOWED_ELEMENTS
    if refused and not inside_refused:
        kind = "element" if tag in RUNNING_ELEMENTS else "tag"
        found.append(Danger(kind, f"<{tag}", f"<{tag}>"))
    for key, value in element.attrib.items():
        danger = _attribute_danger(tag, _attribute_name(key), value)
        if danger and (danger.kind in ("attribute", "url") or not inside_refused):
            found.append(danger)
    for child in element:
        _walk(child, found, inside_refused or refused)


def _attribute_name(key):
    if key.startswith("{"):
        namespace, _, local = key[1:].partition("}")
        prefix = {"http://www.w3.org/1999/xlink": "xlink:",
                  "http://www.w3.org/XML/1998/namespace": "xml:"}.get(namespace, "")
        return prefix + local
    return key.lower()


def _attribute_danger(tag, name, value):
    if name.startswith("on"):
        return Danger("attribute", name, f"{name}=")
    if name in URL_ATTRIBUTES:
        scheme = _scheme(value or "")
        if scheme and scheme not in ALLOWED_SCHEMES:
            return Danger("url", scheme, f"{scheme}:")
    allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
    if name in allowed:
        return None
    values = ALLOWED_ATTRIBUTE_VALUES.get(tag, {}).get(name)
    if values and value in values:
        return None
    if tag not in ALLOWED_ELEMENTS:
        return None  # the element itself is reported
    return Danger("style" if name == "style" else "other", name, f"{name}=")


def _scheme(url):
    """The scheme of ``url`` as a browser reads it: whitespace and control
    characters inside it are ignored ("java\\tscript:")."""
    squeezed = "".join(ch for ch in url if ch > " ").lower()
    match = _SCHEME.match(squeezed)
    return match.group(1) if match else None


class _ImagesWithoutAlt(HTMLParser):
    """The ``src`` of images without a description. Python's own parser is
    enough here: the allow-list check above has read the HTML as a browser."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images_without_alt = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            given = dict(attrs)
            if not (given.get("alt") or "").strip():
                self.images_without_alt.append(given.get("src") or "")

    handle_startendtag = handle_starttag
