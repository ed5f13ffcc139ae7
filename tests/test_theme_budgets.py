"""Budgets on the built sample site: weight of an article page, and no
resource from another host (no CDN, web font, analytics or share widget)."""

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

ARTICLE_BUDGET = 40_000  # bytes of HTML + CSS + JS, uncompressed; images and charts aside
SITEURL = "https://example.org/some/path"

# Attributes through which a page makes the browser fetch something.
FETCHING = {
    "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src",
    "video": "poster", "audio": "src", "object": "data", "embed": "src", "track": "src",
}
LINK_RELS_FETCHED = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload",
                     "prefetch", "manifest", "mask-icon"}


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def fetched(page, document):
    """URLs this page makes the browser request, resolved against its address."""
    base = f"{SITEURL}/{page.as_posix()}"
    for tag in document.find_all(list(FETCHING)):
        if tag.name == "link" and not LINK_RELS_FETCHED & set(tag.get("rel", [])):
            continue
        value = tag.get(FETCHING[tag.name])
        if value:
            yield urljoin(base, value)
        for candidate in (tag.get("srcset") or "").split(","):
            if candidate.strip():
                yield urljoin(base, candidate.split()[0])
    for style in document.find_all(style=True):
        yield from (urljoin(base, u) for u in css_urls(style["style"]))


def css_urls(text):
    return [m.group(2) for m in re.finditer(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""", text)]


def local_file(output, url):
    path = urlsplit(url).path.removeprefix(urlsplit(SITEURL).path)
    target = output / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def article_pages(site):
    for page in sorted(site.output.glob("*/index.html")):
        if "NewsArticle" in page.read_text(encoding="utf-8"):
            yield page


def test_every_article_page_weighs_at_most_40_kb(published_site):
    output = published_site.output
    weights = {}
    for page in article_pages(published_site):
        document = soup(page)
        assets = {url for url in fetched(page.relative_to(output), document)
                  if re.search(r"\.(css|js)$", urlsplit(url).path)}
        assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
        # A chart's drawing is an image, written inline so that it takes the
        # theme's colours (plugins/khuyenhoc/charts/drawing.py): images are aside.
        html = page.read_text(encoding="utf-8")
        drawings = re.findall(r'<svg [^>]*class="chart-svg".*?</svg>', html, re.S)
        weights[page.parent.name] = page.stat().st_size + sum(
            local_file(output, url).stat().st_size for url in assets) - sum(
            len(drawing.encode()) for drawing in drawings)
    assert len(weights) >= 12
    too_heavy = {name: size for name, size in weights.items() if size > ARTICLE_BUDGET}
    assert too_heavy == {}, f"budget {ARTICLE_BUDGET} bytes"


def test_no_page_or_stylesheet_fetches_from_another_host(published_site):
    output = published_site.output
    own = urlsplit(SITEURL).netloc
    foreign, checked = [], 0
    for page in output.rglob("*.html"):
        for url in fetched(page.relative_to(output), soup(page)):
            checked += 1
            if urlsplit(url).netloc != own:
                foreign.append(f"{page.relative_to(output)}: {url}")
    for sheet in output.rglob("*.css"):
        for url in css_urls(sheet.read_text(encoding="utf-8")):
            checked += 1
            if urlsplit(url).netloc not in ("", own):
                foreign.append(f"{sheet.relative_to(output)}: {url}")
        assert "@import" not in sheet.read_text(encoding="utf-8")
    assert checked > 100
    assert foreign == []


def test_every_fetched_file_exists(published_site):
    output = published_site.output
    missing = set()
    for page in output.rglob("*.html"):
        for url in fetched(page.relative_to(output), soup(page)):
            if not local_file(output, url).exists():
                missing.add(f"{page.relative_to(output)}: {url}")
    assert missing == set()
