"""HTML that would run code in the reader's browser.

Markdown lets raw HTML through, so an article pasted from elsewhere can carry
a ``<script>``, an ``onerror=`` or a ``javascript:`` link. The site's
Content-Security-Policy would block most of it, but we refuse it at build
time with the line, so that the officer knows and nothing depends on the
browser honouring the policy.

The same pass notes the images without a description (``alt``), for
content_checks.py: parsing an article is the costly part, so it is done
once, when the article is read (frontmatter_reader.py).
"""

from html.parser import HTMLParser

# Elements that run code, load other sites into the page or change how the
# page's addresses and policy are read.
RUNNING_ELEMENTS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet",
    "base", "meta", "link", "style", "form", "portal",
})
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "poster", "data",
    "background", "cite", "ping",
})
# data: images are pictures; any other data: or script scheme runs or hides code.
SAFE_DATA_PREFIXES = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")
RUNNING_SCHEMES = ("javascript:", "vbscript:", "data:")


class Danger:
    """One construct that would run: ``kind`` is "element", "attribute" or
    "url"; ``name`` is what to look for in the source."""

    def __init__(self, kind, name, shown):
        self.kind = kind
        self.name = name
        self.shown = shown

    def __repr__(self):
        return f"Danger({self.kind!r}, {self.shown!r})"


def dangers(html):
    """Every construct of ``html`` that would run code, in document order."""
    return scan(html)[0]


def scan(html):
    """``(dangers, images)`` of ``html`` in one pass: the constructs that would
    run code, and the ``src`` of every image without a description (alt)."""
    finder = _Finder()
    finder.feed(html or "")
    finder.close()
    return finder.found, finder.images_without_alt


def findings(content, summary):
    """What content_checks.py reports of an article's own HTML, found when the
    article is read (frontmatter_reader.py), before figures are filled in: it
    runs with the reading (on both cores, and not again while the file is
    unchanged). The constructs that would run code in the body and in the
    summary, and the images without a description; plain tuples, as Pelican
    keeps them in its content cache."""
    body_dangers, images = scan(content)
    summary_dangers = dangers(summary) if summary else []
    return {
        "dangers": [(d.kind, d.name, d.shown) for d in body_dangers],
        "summary_dangers": [(d.kind, d.name, d.shown) for d in summary_dangers],
        "images_without_alt": images,
    }


def _scheme(url):
    # Browsers ignore whitespace and control characters inside a scheme
    # ("java\tscript:"); so do we, after the parser decoded the entities.
    squeezed = "".join(ch for ch in url if ch > " ").lower()
    if squeezed.startswith(SAFE_DATA_PREFIXES):
        return None
    for scheme in RUNNING_SCHEMES:
        if squeezed.startswith(scheme):
            return scheme
    return None


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.images_without_alt = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            given = dict(attrs)
            if not (given.get("alt") or "").strip():
                self.images_without_alt.append(given.get("src") or "")
        if tag in RUNNING_ELEMENTS:
            self.found.append(Danger("element", f"<{tag}", f"<{tag}>"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(Danger("attribute", name, f"{name}="))
            elif name in URL_ATTRIBUTES or name == "srcset":
                scheme = _scheme(value or "")
                if scheme:
                    self.found.append(Danger("url", scheme.rstrip(":"), scheme))

    handle_startendtag = handle_starttag
