"""Searching the built sample site in headless Chromium, as a reader does.

The development build is served over HTTP on 127.0.0.1. The production build,
published at https://example.org/some/path/, is served on 127.0.0.1 under
that sub-path by an HTTPS server that Chromium reaches for example.org, so
the pages, the search index and every result link carry the real address.
"""

import functools
import http.server
import os
import ssl
import subprocess
import threading
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser import chromium
from conftest import make_site

PUBLISHED = "https://example.org/some/path"

DOAN = "doan-thanh-nien-so-tai-chinh-ra-mat-tu-sach-doc-de-vuon-xa/"
VUA_LAM = "vua-lam-vua-hoc-thac-si-o-tuoi-bon-muoi/"
ONG = "phat-dong-mo-hinh-ong-tiet-kiem-khuyen-hoc-trong-cac-co-so-hoi/"
QUY_2019 = "quy-khuyen-hoc-khoi-nam-2019-huy-dong-hon-186-trieu-dong/"
TONG_KET_2018 = "hoi-khuyen-hoc-khoi-tong-ket-cong-tac-nam-2018/"
BANG_KHEN = "trao-bang-khen-va-ky-niem-chuong-vi-su-nghiep-khuyen-hoc-nam-2018/"
GIAI_NHI = "chang-trai-giai-nhi-tin-hoc-quoc-gia-va-bi-quyet-tu-can-bep-nho/"
QUY_2020 = "quy-khuyen-hoc-nam-2020-giu-vung-nguon-luc-trong-nam-dich-benh/"
NU_SINH = "nu-sinh-con-can-bo-so-y-te-tu-hoc-vuot-kho-trong-mua-dich/"
CONG_TAC_2022 = "cong-tac-quy-khuyen-hoc-nam-2022-so-huy-dong-vuot-moc-200-trieu-dong/"
TRIEN_KHAI = ("trien-khai-quyet-dinh-387-qd-ttg-ve-khuyen-hoc-khuyen-tai-xay-dung-xa-hoi-"
              "hoc-tap-giai-doan-2021-2030/")
SO_Y_TE = "don-vi/so-yte/"
LISTINGS = ["", "tim-kiem/", "luu-tru/", "the/quy-khuyen-hoc/", "chuyen-muc/quy-khuyen-hoc/"]


# --- The production build at its published address ----------------------------------

class SubPathHandler(chromium.QuietHandler):
    """Serves a built site under a path prefix, 404 outside it."""

    prefix = "/"

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return "/nonexistent-outside-the-site"
        return super().translate_path("/" + path[len(self.prefix):])


@pytest.fixture(scope="module")
def published_server(published_site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=example.org", "-addext", "subjectAltName=DNS:example.org",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    handler = type("Handler", (SubPathHandler,), {"prefix": urlsplit(PUBLISHED).path + "/"})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(published_site.output)))
    # The handshake happens in each request's thread, never in the accept loop.
    server.socket = context.wrap_socket(
        server.socket, server_side=True, do_handshake_on_connect=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def published_browser(published_server, tmp_path_factory):
    """A Chromium for which example.org is the server above."""
    driver = chromium.start(tmp_path_factory.mktemp("chromium-published"), extra_flags=(
        "--ignore-certificate-errors",
        f"--host-resolver-rules=MAP example.org 127.0.0.1:{published_server.server_port}",
    ))
    yield driver
    driver.quit()


# --- Reading the search page -------------------------------------------------------

def wait(browser, condition, seconds=20):
    return WebDriverWait(browser, seconds, poll_frequency=0.05).until(condition)


def wait_for_results(browser):
    wait(browser, lambda b: b.execute_script(
        "return document.querySelector('.search-results').getAttribute('aria-busy')") == "false")


READ_RESULTS = """
return [...document.querySelectorAll('.search-results .search-result')].map((item) => ({
  href: item.querySelector('h2 a').href,
  title: item.querySelector('h2 a').textContent,
  meta: item.querySelector('.search-result-meta')?.textContent || '',
  excerpt: item.querySelector('.search-result-excerpt').innerHTML,
}));
"""


def found(browser, base):
    """The results on the page: path (relative to the site), title, meta line, excerpt."""
    wait_for_results(browser)
    results = browser.execute_script(READ_RESULTS)
    for result in results:
        assert result["href"].startswith(base), result["href"]
        result["path"] = result.pop("href")[len(base):]
    return results


def search(browser, base, **params):
    browser.get(base + "tim-kiem/?" + urlencode(params))
    return found(browser, base)


def every_result(browser, base, **params):
    """All the results, pressing "Xem thêm kết quả" until none are left."""
    search(browser, base, **params)
    while browser.find_elements(By.CSS_SELECTOR, ".search-more:not([hidden])"):
        shown = len(browser.find_elements(By.CSS_SELECTOR, ".search-result"))
        browser.find_element(By.CSS_SELECTOR, ".search-more").click()
        wait(browser, lambda b: len(b.find_elements(By.CSS_SELECTOR, ".search-result")) > shown)
    return found(browser, base)


def status(browser):
    return browser.find_element(By.CSS_SELECTOR, ".search-status").text


def paths(results):
    return [result["path"] for result in results]


# --- Queries, with the pages each must and must not return ---------------------------

QUERIES = [
    # (query, must return, must not return, must come first)
    ("khuyến học", [QUY_2019, "gioi-thieu/", DOAN], LISTINGS, None),
    ("khuyen hoc", [QUY_2019, "gioi-thieu/", DOAN], LISTINGS, None),
    ("KHUYẾN HỌC", [QUY_2019, "gioi-thieu/", DOAN], LISTINGS, None),
    ("doan thanh nien", [DOAN, TONG_KET_2018], [VUA_LAM, ONG, "lien-he/"], DOAN),
    ("Đoàn Thanh niên", [DOAN, TONG_KET_2018], [VUA_LAM, ONG, "lien-he/"], DOAN),
    ("ĐOÀN THANH NIÊN", [DOAN, TONG_KET_2018], [VUA_LAM, ONG, "lien-he/"], DOAN),
    ("DOAN THANH NIEN", [DOAN, TONG_KET_2018], [VUA_LAM, ONG, "lien-he/"], DOAN),
    # "duong" is đường (road, line), dưỡng (bồi dưỡng: training), dương (praise)…
    ("duong", ["lien-he/", "gioi-thieu/", DOAN, CONG_TAC_2022, VUA_LAM], [ONG, NU_SINH, BANG_KHEN],
     None),
    ("DUONG", ["lien-he/", "gioi-thieu/", DOAN, CONG_TAC_2022, VUA_LAM], [ONG, NU_SINH, BANG_KHEN],
     None),
    ("đường", ["lien-he/", "gioi-thieu/", DOAN], [ONG, NU_SINH, BANG_KHEN], None),
    # The page of the Sở Y tế's own branch first, then the article about it.
    ("so y te", [NU_SINH], [VUA_LAM, ONG, DOAN], SO_Y_TE),
    ("Sở Y tế", [NU_SINH], [VUA_LAM, ONG, DOAN], SO_Y_TE),
    ("thac si", [VUA_LAM], [DOAN, "lien-he/", "gioi-thieu/"], VUA_LAM),
    ("ong tiet kiem khuyen hoc", [ONG], [VUA_LAM, DOAN, "lien-he/"], ONG),
    # The footer of every page gives the address in phường Hạc Thành: only the
    # contact page, which gives it in its own text, is found.
    ("hac thanh", ["lien-he/"], [DOAN, ONG, "gioi-thieu/", ""], "lien-he/"),
    # Words of a title only, and an author named in the byline: neither is in
    # the excerpts, both are found.
    ("chang trai", [GIAI_NHI], [DOAN, VUA_LAM, "lien-he/"], GIAI_NHI),
    ("le van tuan", [DOAN, VUA_LAM], [ONG, NU_SINH, "lien-he/"], None),
]


@pytest.mark.parametrize("query, must, must_not, first", QUERIES,
                         ids=[case[0] for case in QUERIES])
def test_query_returns_the_right_pages(browser, site_url, query, must, must_not, first):
    results = every_result(browser, site_url, q=query)
    assert status(browser) == f"Tìm thấy {len(results)} kết quả cho “{query}”."
    returned = paths(results)
    for path in must:
        assert path in returned, (query, path, returned)
    for path in must_not:
        assert path not in returned, (query, path, returned)
    if first:
        assert returned[0] == first, (query, returned)


def test_queries_with_and_without_diacritics_find_the_same_pages(browser, site_url):
    def every_page(query):
        return set(paths(every_result(browser, site_url, q=query)))

    assert every_page("khuyen hoc") == every_page("khuyến học") == every_page("KHUYẾN HỌC")
    assert every_page("doan thanh nien") == every_page("Đoàn Thanh niên")
    assert len(every_page("khuyen hoc")) >= 19


def test_a_word_found_nowhere_says_so(browser, site_url):
    assert search(browser, site_url, q="kangaroo") == []
    assert status(browser) == (
        "Không tìm thấy kết quả nào cho “kangaroo”. Hãy thử từ khác, ít từ hơn hoặc bỏ bộ lọc.")
    assert search(browser, site_url, q="?!") == []
    assert status(browser).startswith("Không tìm thấy kết quả nào cho “?!”.")


def test_a_result_shows_title_date_category_and_highlighted_excerpt(browser, site_url):
    result = search(browser, site_url, q="doan thanh nien")[0]
    assert result["title"] == "Đoàn Thanh niên Sở Tài chính ra mắt tủ sách “Đọc để vươn xa”"
    assert result["meta"] == "12/10/2021 · Tin hoạt động"
    assert "<mark>Đoàn</mark> <mark>Thanh</mark> <mark>niên</mark>" in result["excerpt"]
    assert not result["excerpt"].startswith(result["title"][:20])


# Pages of the sample that spell "duong" one way only, by spelling.
ONE_SPELLING = {
    "đường": {"lien-he/", "gioi-thieu/"},  # đường dây nóng, đường truyền
    "dương": {CONG_TAC_2022, TRIEN_KHAI},  # biểu dương
    "dưỡng": {DOAN, GIAI_NHI},  # bồi dưỡng
    "đương": {VUA_LAM},  # đảm đương
}


@pytest.mark.parametrize("spelling", ONE_SPELLING)
def test_exact_spellings_rank_above_folded_ones(browser, site_url, spelling):
    ranked = paths(every_result(browser, site_url, q=spelling))
    exact = ONE_SPELLING[spelling]
    folded = set().union(*ONE_SPELLING.values()) - exact
    assert exact | folded <= set(ranked), ranked
    assert max(ranked.index(path) for path in exact) < min(ranked.index(path) for path in folded)


def test_whole_words_rank_above_the_start_of_longer_ones(browser, site_url):
    # "quy" is the start of "quyết" (bí quyết, in the title of GIAI_NHI), but a
    # reader who types "quy khuyen hoc" means the fund, quỹ khuyến học.
    ranked = paths(every_result(browser, site_url, q="quy khuyen hoc"))
    assert GIAI_NHI in ranked
    for fund in (QUY_2019, CONG_TAC_2022, QUY_2020):
        assert ranked.index(fund) < ranked.index(GIAI_NHI), ranked


def test_filter_by_year_from_the_address(browser, site_url):
    results = search(browser, site_url, q="khuyen hoc", nam="2019")
    assert sorted(paths(results)) == sorted([QUY_2019, BANG_KHEN, "bao-cao/2019/"])
    for result in results:
        assert "/2019 · " in result["meta"] or result["path"] == "bao-cao/2019/", result
    assert status(browser) == "Tìm thấy 3 kết quả cho “khuyen hoc” trong năm 2019."
    assert Select(browser.find_element(By.NAME, "nam")).first_selected_option.text.startswith("2019 (")


def test_filter_by_category_chosen_in_the_form(browser, site_url):
    everything = paths(every_result(browser, site_url, q="khuyen hoc"))
    Select(browser.find_element(By.NAME, "chuyen-muc")).select_by_value("Quỹ khuyến học")
    wait(browser, lambda b: "chuyen-muc=" in b.current_url)
    results = found(browser, site_url)
    assert len(results) == 4
    assert {result["meta"].split(" · ")[1] for result in results} == {"Quỹ khuyến học"}
    assert QUY_2019 in paths(results) and DOAN not in paths(results)
    assert set(paths(results)) < set(everything)
    assert status(browser) == "Tìm thấy 4 kết quả cho “khuyen hoc” trong chuyên mục Quỹ khuyến học."
    assert "chuyen-muc=Qu%E1%BB%B9+kh" in browser.current_url


def test_statistics_and_year_reports_are_found(browser, site_url):
    results = search(browser, site_url, q="bao cao nam 2021")
    assert results[0]["path"] == "bao-cao/2021/"
    assert results[0]["title"] == "Báo cáo năm 2021"
    assert results[0]["meta"] == "Số liệu"
    # A table's cells are words apart in the index, as on the page.
    assert "Đơn vị Số dư đầu năm" in search(browser, site_url, **{
        "chuyen-muc": "Số liệu", "nam": "2021"})[0]["excerpt"]
    assert paths(search(browser, site_url, **{"chuyen-muc": "Số liệu", "nam": "2021"})) == [
        "bao-cao/2021/"]
    units = paths(every_result(browser, site_url, q="chi hoi so y te", **{"chuyen-muc": "Số liệu"}))
    assert "don-vi/so-yte/" in units and DOAN not in units


def test_filters_offer_categories_and_years_in_proper_vietnamese(browser, site_url):
    search(browser, site_url, q="")
    categories = [o.get_attribute("value") for o in
                  Select(browser.find_element(By.NAME, "chuyen-muc")).options]
    assert categories[0] == ""
    assert {"Tin hoạt động", "Quỹ khuyến học", "Khen thưởng", "Gương hiếu học",
            "Văn bản", "Số liệu"} <= set(categories)
    years = [o.get_attribute("value") for o in Select(browser.find_element(By.NAME, "nam")).options]
    assert years[1:] == sorted(years[1:], reverse=True)
    assert {"2018", "2021", "2025"} <= set(years)
    assert not browser.find_element(By.CSS_SELECTOR, ".search-filters").get_attribute("hidden")


def test_a_filter_alone_lists_its_pages_newest_first(browser, site_url):
    results = search(browser, site_url, **{"chuyen-muc": "Văn bản"})
    assert len(results) == 3
    dates = [result["meta"].split(" · ")[0] for result in results]
    assert dates == ["20/03/2024", "15/09/2022", "20/04/2022"]
    assert status(browser) == "Tìm thấy 3 kết quả trong chuyên mục Văn bản."


def test_typing_searches_and_keeps_the_query_in_the_address(browser, site_url):
    browser.get(site_url + "tim-kiem/")
    wait_for_results(browser)
    box = browser.find_element(By.NAME, "q")
    box.send_keys("thac si")
    wait(browser, lambda b: "thac si" in status(b))
    assert paths(found(browser, site_url))[0] == VUA_LAM
    assert browser.current_url.endswith("/tim-kiem/?q=thac+si")


def test_under_a_sub_path_from_the_header_box_to_the_article(published_browser):
    browser = published_browser
    base = PUBLISHED + "/"
    browser.get(base + DOAN)
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Đoàn Thanh niên")
    box = browser.find_element(By.CSS_SELECTOR, ".site-search input[name=q]")
    box.send_keys("doan thanh nien", Keys.ENTER)
    wait(browser, lambda b: "/tim-kiem/" in b.current_url)
    assert browser.current_url == base + "tim-kiem/?q=doan+thanh+nien"
    results = found(browser, base)
    assert paths(results)[0] == DOAN
    assert VUA_LAM not in paths(results)
    browser.find_element(By.CSS_SELECTOR, ".search-result h2 a").click()
    wait(browser, lambda b: b.current_url == base + DOAN)
    assert browser.find_element(By.TAG_NAME, "h1").text == (
        "Đoàn Thanh niên Sở Tài chính ra mắt tủ sách “Đọc để vươn xa”")


def test_under_a_sub_path_filters_work(published_browser):
    browser = published_browser
    base = PUBLISHED + "/"
    results = search(browser, base, q="khuyen hoc", nam="2019")
    assert sorted(paths(results)) == sorted([QUY_2019, BANG_KHEN, "bao-cao/2019/"])


def test_search_page_fits_a_phone(browser, site_url, tmp_path):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 360, "height": 1400, "deviceScaleFactor": 1, "mobile": True})
    try:
        results = search(browser, site_url, q="quy khuyen hoc")
        assert len(results) >= 4
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 360, width
        button = browser.find_element(By.CSS_SELECTOR, ".search-form button[type=submit]")
        assert button.size["height"] >= 40
        field = browser.find_element(By.NAME, "q")
        # 16 px or more: phones do not zoom into the field when it is touched.
        assert float(field.value_of_css_property("font-size").removesuffix("px")) >= 16
        first = browser.find_element(By.CSS_SELECTOR, ".search-result")
        assert first.is_displayed() and first.rect["x"] >= 0
        shot = Path(os.environ.get("SEARCH_SCREENSHOT", tmp_path / "tim-kiem-360.png"))
        browser.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture(scope="module")
def hostile_site_url(tmp_path_factory):
    """A site whose article quotes markup in its title and text."""
    built = make_site(tmp_path_factory.mktemp("hostile"))
    built.article("a.md", title="Mã <b onmouseover='window.hacked=1'>độc</b> nguyhiem",
                  body='Ký hiệu `<img src=x onerror="window.hacked=1">` và a &lt; b trong nguyhiem.')
    result = built.build()
    assert result.returncode == 0, result.stderr
    with chromium.serve(built.output) as url:
        yield url


@pytest.fixture(scope="module")
def syllables_site_url(tmp_path_factory):
    """Articles with the same syllables, side by side in one, apart in the others."""
    built = make_site(tmp_path_factory.mktemp("syllables"))
    built.article("a.md", title="Sân chơi cho trẻ em", date="2021-05-01",
                  body="Nhiều năm nay thanh niên xã tình nguyện dựng sân chơi.")
    built.article("b.md", title="Ngày hội đọc sách", date="2023-05-01",
                  body="Niên khóa mới, thư viện xã thanh lý sách cũ. " * 4
                       + "Thanh toán phí thư viện theo niên học.")
    built.article("c.md", title="Góc học tập", date="2024-05-01",
                  body="Niên học này, các em dọn góc học tập thanh sạch.")
    result = built.build()
    assert result.returncode == 0, result.stderr
    with chromium.serve(built.output) as url:
        yield url


def test_words_side_by_side_rank_above_the_same_words_apart(browser, syllables_site_url):
    # "thanh niên" (youth) is one word of two syllables: the page that has
    # them together comes first, though the others have each more often.
    ranked = paths(every_result(browser, syllables_site_url, q="thanh nien"))
    assert ranked == ["san-choi-cho-tre-em/", "ngay-hoi-doc-sach/", "goc-hoc-tap/"]
    assert paths(every_result(browser, syllables_site_url, q="nien thanh"))[0] != (
        "san-choi-cho-tre-em/")


def test_quoted_markup_in_a_page_is_shown_as_text_in_its_result(browser, hostile_site_url):
    result = search(browser, hostile_site_url, q="nguyhiem")[0]
    assert result["title"] == "Mã <b onmouseover='window.hacked=1'>độc</b> nguyhiem"
    assert '&lt;img src=x onerror="window.hacked=1"&gt;' in result["excerpt"]
    assert "<mark>nguyhiem.</mark>" in result["excerpt"]
    assert browser.find_elements(By.CSS_SELECTOR, ".search-result img, .search-result b") == []
    assert browser.execute_script("return window.hacked") is None


def test_warm_rebuilds_find_an_edited_article_by_its_new_words_and_forget_a_removed_one(
        browser, tmp_path):
    built = make_site(tmp_path)
    built.article("a.md", title="Hội thi", body="Các em thi cờ vua ở nhà văn hóa.")
    removed = built.article("b.md", title="Thư viện", body="Sách cờ vua mới ở thư viện xã.")
    assert built.build().returncode == 0
    with chromium.serve(built.output) as url:
        assert sorted(paths(search(browser, url, q="co vua"))) == ["hoi-thi/", "thu-vien/"]

        built.article("a.md", title="Hội thi", body="Các em thi đánh đàn bầu ở nhà văn hóa.")
        assert built.build().returncode == 0
        assert paths(search(browser, url, q="dan bau")) == ["hoi-thi/"]
        assert paths(search(browser, url, q="co vua")) == ["thu-vien/"]

        removed.unlink()
        assert built.build().returncode == 0
        assert "thu-vien/" not in paths(search(browser, url, q="co vua"))
        assert "thu-vien/" not in paths(search(browser, url, q="thu vien"))


def test_a_search_page_left_open_while_the_site_is_published_anew_loads_the_new_index(
        browser, tmp_path):
    built = make_site(tmp_path)
    built.article("a.md", title="Hội thi", body="Các em thi cờ vua ở nhà văn hóa.")
    built.article("b.md", title="Thư viện", body="Sách mới ở thư viện xã.")
    assert built.build().returncode == 0
    with chromium.serve(built.output) as url:
        assert paths(search(browser, url, q="co vua")) == ["hoi-thi/"]

        built.article("b.md", title="Thư viện", body="Sách cờ tướng mới ở thư viện xã.")
        assert built.build().returncode == 0
        # The same page, not loaded again: the files of its index are gone,
        # and its next search loads the new one rather than failing.
        box = browser.find_element(By.NAME, "q")
        box.clear()
        box.send_keys("thu vien", Keys.ENTER)
        wait(browser, lambda b: "thu vien" in status(b))
        results = found(browser, url)
        assert paths(results) == ["thu-vien/"]
        assert "cờ tướng" in results[0]["excerpt"]


# --- A reader in a hurry: typos and half-typed words ---------------------------------

def fetched(browser, name):
    """How many files named ``name`` the search page has fetched."""
    return browser.execute_script(
        "return performance.getEntriesByType('resource')"
        ".filter((entry) => entry.name.endsWith('/' + arguments[0])).length", name)


# (typed, the words searched for instead, the page that must come first)
TYPOS = [
    ("khuyen hcoc", "khuyen hoc", None),  # a letter too many
    ("thca si", "thac si", VUA_LAM),  # two letters swapped: one edit
    ("doan thanh nein", "doan thanh nien", DOAN),
    ("Đoàn thanh nein", "đoàn thanh nien", DOAN),  # the words as searched: lower case
    # "hco" is one edit from "co", commoner, and from "hoc", which the index
    # has after "khuyen": the neighbour decides.
    ("ong tiet kiem khuyen hco", "ong tiet kiem khuyen hoc", ONG),
    ("chagn trai", "chang trai", GIAI_NHI),
]


@pytest.mark.parametrize("typed, used, first", TYPOS, ids=[case[0] for case in TYPOS])
def test_a_word_found_nowhere_is_replaced_by_the_closest_one(
        browser, site_url, typed, used, first):
    intended = every_result(browser, site_url, q=used)
    assert fetched(browser, "vocabulary.json") == 0  # no extra download for known words
    results = every_result(browser, site_url, q=typed)
    assert fetched(browser, "vocabulary.json") == 1
    assert status(browser) == (
        f"Không tìm thấy “{typed}”. Hiển thị kết quả cho “{used}”: {len(results)} kết quả.")
    # The pages of the words meant, in the same order (the replacing word is
    # matched whole, not also as the start of longer ones: maybe fewer).
    assert paths(results) == [path for path in paths(intended) if path in paths(results)]
    assert paths(results)[0] == paths(intended)[0]
    if first:
        assert paths(results)[0] == first
    # The corrected word is marked in the excerpts.
    assert "<mark>" in results[0]["excerpt"]


def test_khuyen_hcoc_finds_khuyen_hoc(browser, site_url):
    results = search(browser, site_url, q="khuyen hcoc")
    assert QUY_2019 in paths(every_result(browser, site_url, q="khuyen hcoc"))
    assert "<mark>Khuyến</mark> <mark>học</mark>" in "".join(
        result["excerpt"] for result in results)


def test_a_word_with_no_close_one_is_left_out_if_the_others_match(browser, site_url):
    meant = paths(every_result(browser, site_url, q="thac si"))
    results = every_result(browser, site_url, q="thac si kangaroo")
    assert paths(results) == meant and meant[0] == VUA_LAM
    assert status(browser) == (
        f"Không tìm thấy “thac si kangaroo”. Hiển thị kết quả cho “thac si”: {len(results)} kết quả.")
    # Nothing close to any word: nothing found, and it says so.
    assert search(browser, site_url, q="kangaroo xyzzyq") == []
    assert status(browser) == ("Không tìm thấy kết quả nào cho “kangaroo xyzzyq”. "
                               "Hãy thử từ khác, ít từ hơn hoặc bỏ bộ lọc.")


# (typed so far, the page that must come first)
HALF_TYPED = [("thac s", VUA_LAM), ("chang t", GIAI_NHI), ("ong tiet kiem k", ONG),
              ("doan thanh n", DOAN)]


@pytest.mark.parametrize("typed, first", HALF_TYPED, ids=[case[0] for case in HALF_TYPED])
def test_a_last_word_of_one_letter_is_the_start_of_a_word(browser, site_url, typed, first):
    results = every_result(browser, site_url, q=typed)
    assert status(browser) == f"Tìm thấy {len(results)} kết quả cho “{typed}”."
    assert paths(results)[0] == first
    assert fetched(browser, "vocabulary.json") == 0


def test_a_half_typed_word_as_the_reader_types(browser, site_url):
    browser.get(site_url + "tim-kiem/")
    wait_for_results(browser)
    browser.find_element(By.NAME, "q").send_keys("khuyen h")
    wait(browser, lambda b: "khuyen h”" in status(b))
    typed = paths(found(browser, site_url))[:3]
    # "h" still starts many words ("hội", "hiệu"...): the page that "khuyen hoc"
    # finds first is among the first three, not always first.
    assert paths(search(browser, site_url, q="khuyen hoc"))[0] in typed
    # A one-letter word that is not the last is a word of one letter: "y" of "Sở Y tế".
    assert paths(search(browser, site_url, q="so y te"))[0] == SO_Y_TE


# --- A long page's sections ----------------------------------------------------------

READ_SECTIONS = """
return [...document.querySelectorAll('.search-result')].map((item) => [
  item.querySelector('h2 a').href,
  [...item.querySelectorAll('.search-sections li')].map((li) => ({
    href: li.querySelector('a').href,
    heading: li.querySelector('a').textContent,
    excerpt: li.querySelector('.search-result-excerpt').innerHTML,
  })),
]);
"""


def sections_of(browser, base, path):
    for href, parts in browser.execute_script(READ_SECTIONS):
        if href == base + path:
            return parts
    raise AssertionError(f"{path} is not among the results")


def test_a_long_reports_section_is_reached_from_its_sub_result(browser, site_url):
    search(browser, site_url, q="mo hinh hoc tap", nam="2021")
    parts = sections_of(browser, site_url, "bao-cao/2021/")
    assert [part["heading"] for part in parts] == ["Mô hình học tập"]
    part = parts[0]
    assert part["href"] == site_url + "bao-cao/2021/#learning_models"
    assert "<mark>Mô</mark> <mark>hình</mark> <mark>học</mark> <mark>tập</mark>" in part["excerpt"]
    assert not part["excerpt"].startswith("Mô hình học tập")  # the heading is the link
    browser.find_element(By.CSS_SELECTOR, ".search-sections a").click()
    wait(browser, lambda b: b.current_url == site_url + "bao-cao/2021/#learning_models")
    heading = browser.find_element(By.ID, "learning_models")
    assert heading.text == "Mô hình học tập"
    # The page opens at the section, not at its top.
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", heading)
    assert 0 <= top < browser.execute_script("return innerHeight") / 2
    assert browser.execute_script("return scrollY") > 0


def test_a_long_articles_sections_link_to_its_table_of_contents_anchors(browser, site_url):
    search(browser, site_url, q="nhiem vu trong tam nam 2019")
    parts = sections_of(browser, site_url, TONG_KET_2018)
    assert "Nhiệm vụ trọng tâm năm 2019" in [part["heading"] for part in parts]
    browser.get(site_url + TONG_KET_2018)
    toc = browser.execute_script(
        "return [...document.querySelectorAll('nav.toc a')].map((a) => a.href)")
    assert {part["href"] for part in parts} <= set(toc)


def test_a_short_page_has_no_sub_results(browser, site_url):
    search(browser, site_url, q="thac si")
    assert sections_of(browser, site_url, VUA_LAM) == []
