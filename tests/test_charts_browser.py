"""Charts in a real browser: they take the theme's colours, follow the
system's dark mode and the reader's toggle, and read as one image."""

PAGE = "so-lieu/funds/"


def token(browser, name):
    """A theme token as the browser resolves it, e.g. --link -> 'rgb(10, 79, 145)'."""
    return browser.execute_script(
        "const probe = document.createElement('span');"
        "probe.style.color = 'var(' + arguments[0] + ')';"
        "document.body.append(probe);"
        "const colour = getComputedStyle(probe).color; probe.remove(); return colour;", name)


def paint(browser, selector, prop="fill"):
    return browser.execute_script(
        "return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]]",
        selector, prop)


def system_scheme(browser, scheme):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": [
        {"name": "prefers-color-scheme", "value": scheme}]})


def colours(browser):
    return {
        "series 1": paint(browser, ".chart-svg .chart-s1"),
        "series 2": paint(browser, ".chart-svg .chart-s2"),
        "text": paint(browser, ".chart-svg text"),
        "grid": paint(browser, ".chart-svg .chart-grid", "stroke"),
    }


def expected(browser):
    return {
        "series 1": token(browser, "--link"),
        "series 2": token(browser, "--accent"),
        "text": token(browser, "--text"),
        "grid": token(browser, "--border"),
    }


def test_chart_colours_are_the_themes(browser, site_url):
    browser.get(site_url + PAGE)
    light = colours(browser)
    assert light == expected(browser)
    system_scheme(browser, "dark")
    dark = colours(browser)
    assert dark == expected(browser)
    assert dark["series 1"] != light["series 1"] and dark["text"] != light["text"]


def test_chart_colours_follow_the_readers_toggle(browser, site_url):
    browser.get(site_url + PAGE)
    light = colours(browser)
    browser.find_element("css selector", "[data-theme-toggle]").click()
    assert browser.execute_script("return document.documentElement.dataset.theme") == "dark"
    dark = colours(browser)
    assert dark == expected(browser)
    assert dark != light


def test_a_chart_is_one_image_named_by_its_title_and_described(browser, site_url):
    browser.get(site_url + PAGE)
    svg = browser.find_element("css selector", ".chart-svg")
    assert svg.get_attribute("role") == "img"
    title_id, desc_id = svg.get_attribute("aria-labelledby").split()
    title = browser.find_element("id", title_id).get_attribute("textContent")
    description = browser.find_element("id", desc_id).get_attribute("textContent")
    figure = browser.find_element("css selector", ".chart")
    shown = figure.find_element("css selector", ".chart-description")
    assert title == figure.find_element("css selector", "figcaption").get_attribute("textContent")
    assert description == shown.get_attribute("textContent")
    assert svg.size["width"] > 300  # drawn, at the width of the text


def phone(browser, width):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": True})


CAPTIONS = """
return [...document.querySelectorAll('.data-table')].filter(w => w.querySelector('caption'))
  .map(w => {
    const box = w.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(w.querySelector('caption'));
    const lines = [...range.getClientRects()];
    return {wide: w.scrollWidth > w.clientWidth, left: box.left, right: box.right,
            first: Math.min(...lines.map(r => r.left)), last: Math.max(...lines.map(r => r.right))};
  });
"""


def test_a_wide_tables_caption_stays_in_view_on_a_320_px_phone(browser, site_url):
    """Issue 19: the caption scrolled away with the table, cut off at the
    screen's edge. Wrapped to the visible width, it stays there while the
    table scrolls, to its end."""
    phone(browser, 320)
    browser.get(site_url + "bao-cao/2024/")
    for scroll in ("0", "w.scrollWidth"):
        browser.execute_script(
            f"document.querySelectorAll('.data-table').forEach(w => w.scrollLeft = {scroll})")
        captions = browser.execute_script(CAPTIONS)
        assert sum(c["wide"] for c in captions) >= 3  # tables wider than the phone
        for caption in captions:
            assert caption["left"] - 0.5 <= caption["first"], caption
            assert caption["last"] <= caption["right"] + 0.5, caption


def test_a_ranking_is_readable_on_a_360_px_phone(browser, site_url):
    phone(browser, 360)
    browser.get(site_url + PAGE)
    sizes = browser.execute_script(
        "const svg = document.querySelector('.chart-ranking .chart-svg');"
        "return [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect().height);")
    assert sizes and min(sizes) >= 11  # pixels of text on the screen, not squeezed
