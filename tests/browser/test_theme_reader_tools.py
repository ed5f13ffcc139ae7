"""The reader's tools in a real browser: text size, dark mode, copy link,
print, and what is left when JavaScript is off."""

import base64

import pytest
from selenium.webdriver.support.ui import WebDriverWait

ARTICLE = "hoi-khuyen-hoc-khoi-tong-ket-cong-tac-nam-2018/"
WHITE = "rgb(255, 255, 255)"


def css(browser, selector, prop):
    return browser.execute_script(
        "return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]]",
        selector, prop)


def root_font_px(browser):
    return float(css(browser, "html", "fontSize").removesuffix("px"))


def button(browser, selector):
    return browser.find_element("css selector", selector)


def system_scheme(browser, scheme, media=""):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media, "features": [
        {"name": "prefers-color-scheme", "value": scheme}]})


def is_dark(browser):
    rgb = [int(part) for part in css(browser, "body", "backgroundColor")[4:-1].split(",")[:3]]
    return sum(rgb) < 3 * 80


# Text size

def test_text_size_grows_shrinks_and_resets(browser, site_url):
    browser.get(site_url + ARTICLE)
    normal = root_font_px(browser)
    assert normal == 16
    button(browser, '[data-font-step="1"]').click()
    assert root_font_px(browser) == pytest.approx(normal * 1.125)
    button(browser, '[data-font-step="0"]').click()
    assert root_font_px(browser) == normal
    smaller = button(browser, '[data-font-step="-1"]')
    smaller.click()
    assert root_font_px(browser) == pytest.approx(normal * 0.875)
    assert not smaller.is_enabled(), "A− stops at the smallest size"


def test_text_size_is_remembered_from_page_to_page(browser, site_url):
    browser.get(site_url + ARTICLE)
    bigger = button(browser, '[data-font-step="1"]')
    for _ in range(5):  # past the largest step
        if bigger.is_enabled():
            bigger.click()
    assert not bigger.is_enabled()
    assert root_font_px(browser) == 24
    body_text = float(css(browser, ".prose p", "fontSize").removesuffix("px"))
    assert body_text == pytest.approx(17 * 1.5)
    browser.get(site_url + "luu-tru/")
    assert root_font_px(browser) == 24
    assert button(browser, '[data-font-step="0"]').get_attribute("aria-pressed") == "false"


def test_largest_text_still_fits_a_phone(browser, site_url):
    browser.get(site_url + ARTICLE)
    browser.execute_script("localStorage.setItem('khuyenhoc:co-chu', '3')")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 320, "height": 700, "deviceScaleFactor": 1, "mobile": True})
    browser.get(site_url + ARTICLE)
    assert root_font_px(browser) == 24
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 320


# Dark mode

def test_dark_mode_follows_the_system(browser, site_url):
    system_scheme(browser, "dark")
    browser.get(site_url)
    assert is_dark(browser)
    assert button(browser, "[data-theme-toggle]").get_attribute("aria-pressed") == "true"
    system_scheme(browser, "light")
    assert not is_dark(browser)
    # The button follows on the media query's change event, a moment later.
    WebDriverWait(browser, 5).until(
        lambda b: button(b, "[data-theme-toggle]").get_attribute("aria-pressed") == "false")


def test_dark_mode_toggle_is_remembered(browser, site_url):
    browser.get(site_url + ARTICLE)
    assert css(browser, "body", "backgroundColor") == WHITE
    toggle = button(browser, "[data-theme-toggle]")
    toggle.click()
    assert is_dark(browser)
    assert toggle.get_attribute("aria-pressed") == "true"
    assert css(browser, "html", "colorScheme") == "dark"
    browser.get(site_url + "luu-tru/")
    assert is_dark(browser), "the choice follows the reader to the next page"
    button(browser, "[data-theme-toggle]").click()
    assert css(browser, "body", "backgroundColor") == WHITE
    # Choosing what the system shows means following the system again.
    assert browser.execute_script("return localStorage.getItem('khuyenhoc:giao-dien')") is None


def test_light_choice_wins_over_a_dark_system(browser, site_url):
    system_scheme(browser, "dark")
    browser.get(site_url)
    button(browser, "[data-theme-toggle]").click()
    assert css(browser, "body", "backgroundColor") == WHITE
    browser.get(site_url + ARTICLE)
    assert css(browser, "body", "backgroundColor") == WHITE


def test_saved_choices_apply_before_the_deferred_script(browser, site_url):
    """A reader who chose dark and large text never sees a white, small page
    first: preferences.js applies them even while site.js has not arrived."""
    browser.get(site_url)
    browser.execute_script("localStorage.setItem('khuyenhoc:giao-dien', 'dark');"
                           "localStorage.setItem('khuyenhoc:co-chu', '2')")
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/site.js"]})
    try:
        browser.get(site_url + ARTICLE)
        assert is_dark(browser)
        assert root_font_px(browser) == 20
        assert browser.find_element("css selector", "[data-reader-tools]").is_displayed()
    finally:
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


# Copy link

def test_copy_link_puts_the_article_address_on_the_clipboard(browser, site_url):
    browser.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": site_url.rstrip("/"),
        "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    browser.get(site_url + ARTICLE)
    copy = button(browser, "[data-copy-link]")
    assert copy.is_displayed()
    copy.click()
    status = browser.find_element("css selector", "[data-copy-status]")
    expected = site_url + ARTICLE
    WebDriverWait(browser, 5).until(lambda b: status.text)
    assert status.text == "Đã chép liên kết: " + expected
    clipboard = browser.execute_async_script(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('error: ' + e))")
    assert clipboard == expected


# Print

def test_print_button_opens_the_print_dialog(browser, site_url):
    browser.get(site_url + ARTICLE)
    browser.execute_script("window.print = () => { window.printed = (window.printed || 0) + 1; }")
    button(browser, "[data-print]").click()
    assert browser.execute_script("return window.printed") == 1


def test_print_stylesheet_keeps_the_article_and_drops_the_chrome(browser, site_url):
    browser.get(site_url + ARTICLE)
    button(browser, "[data-theme-toggle]").click()  # even a dark reader prints black on white
    system_scheme(browser, "dark", media="print")
    for hidden in (".site-nav", ".masthead-tools", ".breadcrumb", ".share", ".prev-next",
                   ".related", ".toc"):
        assert css(browser, hidden, "display") == "none", hidden
    assert browser.find_element("css selector", ".prose").is_displayed()
    assert browser.find_element("css selector", ".site-footer address").is_displayed()
    assert css(browser, "body", "backgroundColor") == WHITE
    assert css(browser, ".prose p", "color") == "rgb(0, 0, 0)"
    assert css(browser, "html", "fontSize") == "14.6667px"  # 11pt
    pdf = base64.b64decode(browser.print_page())
    assert pdf.startswith(b"%PDF")


# Without JavaScript

def test_without_javascript_the_page_still_works(browser, site_url):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(site_url + ARTICLE)
    for js_only in ("[data-reader-tools]", "[data-copy-link]", "[data-print]"):
        assert not browser.find_element("css selector", js_only).is_displayed(), js_only
    shares = browser.find_elements("css selector", ".share a")
    assert [a.text for a in shares] == ["Facebook", "Zalo", "Thư điện tử"]
    assert all(a.is_displayed() for a in shares)
    first_heading = browser.find_element("css selector", ".toc a")
    target = first_heading.get_attribute("href").split("#")[1]
    first_heading.click()
    assert browser.current_url.endswith("#" + target)
    menu = browser.find_elements("css selector", ".site-nav a")
    assert len(menu) >= 5
    menu[1].click()
    assert "/chuyen-muc/" in browser.current_url
