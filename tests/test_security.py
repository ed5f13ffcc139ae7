"""Nothing from content or data runs in the reader's browser.

A "hostile" site puts script-like text in every place an officer can type
it (title, tag, category, author, caption, unit name); it must show as text.
The whole output of the sample site is scanned for inline scripts, event
handlers and inline styles, which the Content-Security-Policy would refuse,
and real Chromium checks that the policy is in force and breaks nothing.
"""

import csv
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser import chromium
from conftest import PROJECT, TEST_CATEGORIES, make_site, write_association

PAYLOAD = '<script>window.hacked=1</script><img src=x onerror="window.hacked=2">'
SHOWN = "&lt;script&gt;window.hacked=1&lt;/script&gt;&lt;img src=x onerror=&#34;window.hacked=2&#34;&gt;"
HOSTILE_SLUG = "quy-windowhacked1"
SHORT_NAME = "Sở $Tài$ <script>window.hacked=3</script>"
CHART_TITLE = "Giá $5 và $10 <script>window.hacked=4</script><img src=x onerror=window.hacked=5>"
CHART_TITLE_SHOWN = ("Giá $5 và $10 &lt;script&gt;window.hacked=4&lt;/script&gt;"
                     "&lt;img src=x onerror=window.hacked=5&gt;")


def yaml_text(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("hostile"))
    # A category is one of hoi.yaml's: the hostile one is declared there.
    write_association(site.root, categories=[*TEST_CATEGORIES, yaml_text("Tin " + PAYLOAD)])
    shutil.rmtree(site.root / "data")
    shutil.copytree(PROJECT / "data", site.root / "data")
    shutil.copy(PROJECT / "content/images/tu-sach.png", site.root / "content/images/tu-sach.png")
    units = (site.root / "data/units.yaml").read_text(encoding="utf-8")
    site.write("data/units.yaml", units.replace(
        "name: Chi hội Khuyến học Sở Tài chính", f"name: {yaml_text('Sở ' + PAYLOAD)}").replace(
        "short_name: Chi hội Sở Tài chính", f"short_name: {yaml_text(SHORT_NAME)}"))
    site.write("content/articles/charts.md", (
        "---\ntitle: Biểu đồ và bảng\ndate: 2020-03-24\ncategory: Quỹ khuyến học\n---\n"
        f'[[biểu đồ cột: funds/*/2024 closing tiêu-đề="{CHART_TITLE}"]]\n\n'
        "[[bảng: funds/*/2024 closing]]\n"))
    site.write("content/articles/hostile.md", (
        "---\n"
        f"title: {yaml_text('Quỹ ' + PAYLOAD)}\n"
        "date: 2020-03-23 08:30\n"
        f"category: {yaml_text('Tin ' + PAYLOAD)}\n"
        f"tags: [{yaml_text('thẻ ' + PAYLOAD)}, bình thường]\n"
        f"author: {yaml_text('Ai ' + PAYLOAD)}\n"
        "cover: images/tu-sach.png\n"
        f"cover_caption: {yaml_text('Ảnh ' + PAYLOAD)}\n"
        'summary: "Giá $5 và $10, không phải công thức."\n'
        "---\n"
        "Nội dung có `<script>` trong mã, được hiện như chữ.\n"))
    result = site.build("publishconf.py", env={"SITEURL": "https://example.org/some/path"})
    assert result.returncode == 0, result.stderr
    return site


class Scan(HTMLParser):
    """Scripts, event handlers, inline styles and script URLs of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts = []      # (attributes, inline text)
        self.handlers = []
        self.styles = []
        self.script_urls = []
        self.csp = []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}=...>")
            if name == "style":
                self.styles.append(f"<{tag} style={value!r}>")
            if name in ("href", "src", "action", "formaction") and value and re.match(
                    r"\s*(javascript|vbscript|data):", value, re.I):
                self.script_urls.append(value)
        if tag == "style":
            self.styles.append("<style>")
        if tag == "script":
            self._in_script = [attributes, ""]
            self.scripts.append(self._in_script)
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(attributes.get("content"))

    def handle_data(self, data):
        if self._in_script is not None:
            self._in_script[1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def scan(path):
    parser = Scan()
    parser.feed(Path(path).read_text(encoding="utf-8"))
    return parser


def html_files(output):
    return sorted(output.rglob("*.html"))


def assert_no_running_code(page, scanned):
    assert scanned.handlers == [], page
    assert scanned.script_urls == [], page
    for attributes, text in scanned.scripts:
        if attributes.get("type") == "application/ld+json":
            assert "<" not in text, (page, text)  # "</script>" could end it early
            continue
        assert "src" in attributes and not text.strip(), (page, attributes, text)


# Script-like text from content and data is shown as text

@pytest.mark.parametrize("page", [
    f"{HOSTILE_SLUG}/index.html",   # title, tag, category, author, caption
    "index.html",                   # the article in the list
    "the/index.html",               # tags
    "chuyen-muc/index.html",        # categories
    "tac-gia/index.html",           # authors
])
def test_script_in_content_is_shown_as_text(hostile_site, page):
    html = hostile_site.html(page)
    assert SHOWN in html
    assert PAYLOAD not in html
    assert_no_running_code(page, scan(hostile_site.output / page))


@pytest.mark.parametrize("page", ["don-vi/so-tc/index.html", "so-lieu/funds/index.html",
                                  "so-lieu/index.html"])
def test_script_in_a_unit_name_is_shown_as_text_on_statistics_pages(hostile_site, page):
    html = hostile_site.html(page)
    assert "Sở " + SHOWN in html or "Sở $Tài$ &lt;script&gt;window.hacked=3&lt;/script&gt;" in html
    assert PAYLOAD not in html and SHORT_NAME not in html
    assert_no_running_code(page, scan(hostile_site.output / page))


def test_every_field_of_the_hostile_article_is_text(hostile_site):
    html = hostile_site.html(f"{HOSTILE_SLUG}/index.html")
    for label in ("Quỹ ", "Tin ", "thẻ ", "Ai ", "Ảnh "):
        assert label + SHOWN in html, label
    assert "<code>&lt;script&gt;</code>" in html


def test_script_in_a_title_cannot_end_the_structured_data(hostile_site):
    page = scan(hostile_site.output / HOSTILE_SLUG / "index.html")
    [(_, data)] = [s for s in page.scripts if s[0].get("type") == "application/ld+json"]
    assert "\\u003cscript\\u003ewindow.hacked=1\\u003c/script\\u003e" in data


def test_script_in_a_unit_name_is_text_in_the_downloads(hostile_site):
    with open(hostile_site.output / "du-lieu" / "funds.csv", encoding="utf-8-sig") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert "Sở " + PAYLOAD in cells  # a spreadsheet shows it as text
    for page in html_files(hostile_site.output):
        html = page.read_text(encoding="utf-8")
        assert PAYLOAD not in html, page
        assert_no_running_code(page, scan(page))


def test_no_page_of_the_hostile_site_runs_code_in_chromium(hostile_site, browser, tmp_path):
    copy = tmp_path / "some" / "path"
    shutil.copytree(hostile_site.output, copy)
    with chromium.serve(tmp_path) as url:
        for page in (f"{HOSTILE_SLUG}/", "", "the/", "chuyen-muc/", "tac-gia/",
                     "bieu-do-va-bang/", "don-vi/so-tc/", "so-lieu/funds/"):
            browser.get(url + "some/path/" + page)
            assert browser.execute_script("return window.hacked === undefined"), page
            assert "window.hacked" in browser.find_element("tag name", "body").text, page


def chart_svg(html):
    found = re.search(r'<svg[^>]*class="chart-svg".*?</svg>', html, re.S)
    assert found, "no inline chart"
    return found.group(0)


def test_dollars_in_chart_labels_stay_dollars(hostile_site):
    """Dollars stay dollars: a "$...$" is text, not a formula (as matplotlib once read it)."""
    svg = chart_svg(hostile_site.html("bieu-do-va-bang/index.html"))
    texts = "".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    assert "Sở $Tài$" in texts
    title = re.search(r"<title[^>]*>([^<]*)</title>", svg).group(1)
    assert title.startswith("Giá $5 và $10 ")


def test_script_in_chart_labels_and_table_cells_is_text(hostile_site):
    page = "bieu-do-va-bang/index.html"
    html = hostile_site.html(page)
    svg = chart_svg(html)
    assert "<script" not in svg and "<img" not in svg
    assert "<title id=" in svg and CHART_TITLE_SHOWN in svg
    assert f'<figcaption class="chart-title">{CHART_TITLE_SHOWN}</figcaption>' in html
    cells = re.findall(r"<th scope=\"row\">([^<]*)</th>", html)
    assert "Sở $Tài$ &lt;script&gt;window.hacked=3&lt;/script&gt;" in cells
    assert_no_running_code(page, scan(hostile_site.output / page))


# The policy

def test_every_page_carries_the_policy_before_anything_it_governs(sample_site):
    from pelicanconf import CONTENT_SECURITY_POLICY
    for page in html_files(sample_site.output):
        scanned = scan(page)
        assert scanned.csp == [CONTENT_SECURITY_POLICY], page
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        before = head.split("Content-Security-Policy")[0]
        assert "<script" not in before and "<link" not in before, page


def test_the_policy_allows_only_the_site_itself():
    from pelicanconf import CONTENT_SECURITY_POLICY as policy
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert directives["object-src"] == "'none'"
    for sources in directives.values():
        assert "http" not in sources and "*" not in sources
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources


def test_hosts_that_read_header_files_get_the_policy_as_a_header(published_site):
    from pelicanconf import CONTENT_SECURITY_POLICY
    netlify = (published_site.output / "_headers").read_text(encoding="utf-8")
    apache = (published_site.output / ".htaccess").read_text(encoding="utf-8")
    header = CONTENT_SECURITY_POLICY + "; frame-ancestors 'self'"
    assert netlify.startswith("/*\n")
    assert f"  Content-Security-Policy: {header}\n" in netlify
    assert "  X-Content-Type-Options: nosniff\n" in netlify
    assert f'  Header always set Content-Security-Policy "{header}"\n' in apache
    assert "ErrorDocument 404 /some/path/404.html\n" in apache


def test_no_page_has_inline_code_or_styles_that_the_policy_would_refuse(published_site):
    """Every HTML file of the built site, theme and statistics pages included."""
    pages = html_files(published_site.output)
    assert len(pages) > 30
    for page in pages:
        scanned = scan(page)
        assert_no_running_code(page, scanned)
        assert scanned.styles == [], page


def test_the_site_breaks_no_rule_of_its_policy_in_chromium(browser, site_url):
    """Each kind of page loads without a single refusal in the console."""
    pages = ["", "hoi-khuyen-hoc-khoi-tong-ket-cong-tac-nam-2018/", "luu-tru/", "the/",
             "chuyen-muc/quy-khuyen-hoc/", "gioi-thieu/", "khong-co-trang-nay/"]
    browser.get_log("browser")
    for page in pages:
        browser.get(site_url + page)
        refusals = [entry["message"] for entry in browser.get_log("browser")
                    if "Content Security Policy" in entry["message"]]
        assert refusals == [], page


def test_the_policy_blocks_inline_script_that_slipped_through(sample_site, browser, tmp_path):
    """If some inline script ever reached a page, the browser would not run it."""
    copy = tmp_path / "site"
    shutil.copytree(sample_site.output, copy)
    page = copy / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</main>", '<script>window.hacked=1</script><img src="x.png" alt="" '
                   'onerror="window.hacked=2"></main>'), encoding="utf-8")
    with chromium.serve(copy) as url:
        browser.get_log("browser")
        browser.get(url)
        assert browser.execute_script("return window.hacked === undefined")
        refusals = [entry["message"] for entry in browser.get_log("browser")
                    if "Content Security Policy" in entry["message"]]
        assert len(refusals) == 2, refusals


# YAML and data files

def test_yaml_is_only_read_with_the_safe_loader():
    """No call or loader of PyYAML that can build Python objects appears in
    the plugin (the behaviour is tested below)."""
    sources = sorted((PROJECT / "plugins").rglob("*.py"))
    assert sources
    unsafe = re.compile(
        r"yaml\.(load|load_all|full_load|full_load_all|unsafe_load|unsafe_load_all|"
        r"add_constructor|add_multi_constructor)\(|"
        r"yaml\.(C?Loader|C?FullLoader|C?UnsafeLoader|C?UnsafeConstructor|C?FullConstructor)\b|"
        r"from yaml import .*\b(Loader|FullLoader|UnsafeLoader|load)\b")
    for path in sources:
        found = unsafe.search(path.read_text(encoding="utf-8"))
        assert not found, (path, found and found.group(0))


@pytest.mark.parametrize("where", ["data/organisation.yaml", "content/articles/a.md"])
def test_a_python_object_in_yaml_is_refused_and_never_run(site, tmp_path, where):
    marker = tmp_path / "da-chay"
    value = f'!!python/object/apply:os.mkdir ["{marker}"]'
    if where.endswith(".md"):
        site.article("a.md", extra=f"author: {value}\n")
    else:
        site.write(where, f"- unit: khoi-cq\n  year: 2019\n  members: {value}\n")
    result = site.build()
    assert result.returncode == 1
    assert "kiểu giá trị đặc biệt của YAML không được phép (gặp: !!python/object/apply:os.mkdir)" \
        in result.stderr
    assert not marker.exists()


# --- Headers and the site's address (issue 17, point 7) ---------------------------

PERMISSIONS = ("camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
               "bluetooth=(), browsing-topics=()")


def test_an_https_site_gets_hsts_and_every_site_a_permissions_policy(published_site):
    netlify = (published_site.output / "_headers").read_text(encoding="utf-8")
    apache = (published_site.output / ".htaccess").read_text(encoding="utf-8")
    assert "  Strict-Transport-Security: max-age=31536000\n" in netlify
    assert f"  Permissions-Policy: {PERMISSIONS}\n" in netlify
    assert '  Header always set Strict-Transport-Security "max-age=31536000"\n' in apache
    assert f'  Header always set Permissions-Policy "{PERMISSIONS}"\n' in apache


def test_an_http_address_builds_with_a_notice_and_no_hsts(site):
    site.article("a.md")
    result = site.build("publishconf.py", env={"SITEURL": "http://khuyenhoc.example.vn"})
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "Lưu ý: địa chỉ trang web http://khuyenhoc.example.vn dùng http://, không mã hoá: "
        "trình duyệt sẽ báo trang \"Không bảo mật\" và người khác trên đường truyền đọc hoặc "
        "sửa được trang. Trang vẫn được dựng. Cách sửa: đề nghị nơi cho thuê máy chủ bật "
        "HTTPS (thường miễn phí, Let's Encrypt), rồi dựng lại với địa chỉ https://")
    headers = (site.output / "_headers").read_text(encoding="utf-8")
    assert "Strict-Transport-Security" not in headers
    assert f"  Permissions-Policy: {PERMISSIONS}\n" in headers


@pytest.mark.parametrize("siteurl", [
    'https://example.org/"><script>alert(1)</script>',
    "https://example.org/ban tin",
    "javascript:alert(1)",
    "example.org",
])
def test_a_site_address_that_pages_cannot_carry_is_refused(site, siteurl):
    site.article("a.md")
    result = site.build("publishconf.py", env={"SITEURL": siteurl})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f'1. trường "SITEURL": địa chỉ trang web (SITEURL) không hợp lệ (gặp: {siteurl}). ' \
           "Cách sửa: viết địa chỉ đầy đủ bắt đầu bằng https://, không có dấu cách hay dấu " \
           "ngoặc kép, ví dụ SITEURL=https://khuyenhoc.example.vn make publish" in result.stderr
    assert not site.output.exists()
