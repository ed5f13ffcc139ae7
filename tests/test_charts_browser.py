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
