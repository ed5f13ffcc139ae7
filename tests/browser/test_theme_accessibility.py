"""Accessibility and phone layout in a real browser: axe-core (WCAG 2.1 A and
AA) on every kind of page, no horizontal scrolling at 320 px, and no request
to any other host."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tooling import require

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def page_kinds(output):
    """One page of each kind the built site has (statistics and search when merged)."""
    # The richest article: cover, table of contents, related articles.
    article = next(p for p in sorted(output.glob("*/index.html"))
                   if all(part in p.read_text(encoding="utf-8")
                          for part in ('class="toc"', 'class="cover"', 'class="related"')))
    kinds = {
        "home": "",
        "article": article.parent.name + "/",
        "page": "gioi-thieu/",
        "category": "chuyen-muc/tin-hoat-dong/",
        "tag": next(output.glob("the/*/index.html")).parent.relative_to(output).as_posix() + "/",
        "author": next(output.glob("tac-gia/*/index.html")).parent.relative_to(output).as_posix() + "/",
        "archives": "luu-tru/",
        "year archive": "luu-tru/2024/",
        "second page": "trang/2/",
        "404": "404.html",
    }
    optional = {
        "statistics": "so-lieu/index.html",
        "year report": "bao-cao/*/index.html",
        "search": "tim-kiem/index.html",
    }
    for kind, pattern in optional.items():
        found = sorted(output.glob(pattern))
        if found:
            kinds[kind] = found[-1].parent.relative_to(output).as_posix() + "/"
    return kinds


@pytest.fixture(scope="module")
def kinds(sample_site):
    return page_kinds(sample_site.output)


def axe_violations(browser):
    if not AXE.exists():
        require(str(AXE))
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations), e => done([{id: 'axe failed', help: String(e), nodes: []}]));",
        WCAG)
    return [f"{v['id']}: {v['help']} at {[n.get('target') for n in v['nodes']][:5]}" for v in result]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_kind_of_page(browser, site_url, kinds, scheme):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
        {"name": "prefers-color-scheme", "value": scheme}]})
    problems = {}
    for kind, path in kinds.items():
        browser.get(site_url + path)
        found = axe_violations(browser)
        if found:
            problems[kind] = found
    assert problems == {}


def test_all_expected_kinds_are_checked(kinds):
    assert {"home", "article", "category"} <= set(kinds)


def test_no_horizontal_scrolling_at_320_px(browser, site_url, kinds):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": True})
    too_wide = {}
    for kind, path in kinds.items():
        browser.get(site_url + path)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        if width > 320:
            too_wide[kind] = width
    assert too_wide == {}


def requested_urls(browser):
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_no_page_asks_another_host_for_anything(browser, site_url, kinds):
    own = urlsplit(site_url).netloc
    foreign = []
    seen = 0
    for path in kinds.values():
        browser.get(site_url + path)
        browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")  # lazy images
        browser.execute_script("return new Promise(r => setTimeout(r, 200))")
        for url in requested_urls(browser):
            seen += 1
            parts = urlsplit(url)
            if parts.scheme not in ("data", "blob") and parts.netloc != own:
                foreign.append(url)
    assert seen > len(kinds), "the browser's requests were not recorded"
    assert foreign == []


def test_reading_order_starts_with_a_skip_link(browser, site_url, kinds):
    browser.get(site_url + kinds["article"])
    from selenium.webdriver.common.keys import Keys

    browser.find_element("css selector", "body").send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.text == "Bỏ qua, đến nội dung chính"
    assert focused.is_displayed()
    focused.send_keys(Keys.ENTER)
    assert re.search(r"#noi-dung$", browser.current_url)


def test_axe_does_report_a_broken_page(browser, site_url):
    """The check above can fail: a button without a name is caught."""
    browser.get(site_url)
    browser.execute_script("document.querySelector('main').append(document.createElement('button'))")
    assert any(v.startswith("button-name") for v in axe_violations(browser))
