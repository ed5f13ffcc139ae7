"""What the theme puts on each kind of page, on a small site built for real
and on the sample site's production build."""

import json
import math
import re
import runpy
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT, make_site, write_association

TITLE = 'Tổng kết <script>alert("x")</script> & “năm”'
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


@pytest.fixture(scope="module")
def theme_site(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("theme"))
    site.write("content/images/hoi-nghi.png", PNG)
    headings = "".join(f"## Phần {n}: Đánh giá\n\n{'Chữ của phần. ' * 60}\n\n" for n in range(1, 5))
    site.article(
        "dai.md", title=TITLE.replace('"', '\\"'), date="2020-03-23 08:30", category="Tin hoạt động",
        body=headings,
        extra=("tags: [quỹ khuyến học, tổng kết]\nauthor: Trịnh Thu Hà\n"
               'summary: "Tóm tắt <b>ngắn</b>."\ncover: images/hoi-nghi.png\n'
               'cover_caption: "Ảnh: Quang cảnh hội nghị."\nfeatured: true\n'))
    site.article("ngan.md", title="Trao quỹ khuyến học", date="2020-04-01 09:00",
                 category="Khen thưởng", extra="tags: [quỹ khuyến học]\n")
    site.article("cu.md", title="Tin cũ", date="2019-01-02 09:00", category="Khen thưởng",
                 extra="tags: [khác]\n")
    site.write("content/pages/gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nVề Hội.\n")
    site.write("data/units.yaml", """
        - id: khoi-cq
          name: Hội Khuyến học Khối các cơ quan tỉnh Thanh Hóa
          short_name: Hội Khuyến học Khối
          level: khối
        """)
    site.write("data/organisation.yaml", """
        - unit: khoi-cq
          year: 2017
          members: 7900
        - unit: khoi-cq
          year: 2018
          branches: 70
          members: hơn 8000
        """)
    site.write("data/funds.yaml", """
        - unit: khoi-cq
          year: 2018
          opening: 559_500_000
          raised: 164_000_000
          disbursed: 298_500_000
          closing: 425_000_000
        """)
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


def page(site, relative):
    return BeautifulSoup(site.html(relative), "html.parser")


def slug_of(site, title):
    for path in site.output.glob("*/index.html"):
        h1 = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("h1")
        if h1 and h1.get_text() == title:
            return path.parent.name
    raise AssertionError(f"no page with title {title!r}")


@pytest.fixture(scope="module")
def long_article(theme_site):
    return page(theme_site, slug_of(theme_site, TITLE) + "/index.html")


def test_every_kind_of_page_is_written(theme_site):
    for relative in ("index.html", "gioi-thieu/index.html", "chuyen-muc/index.html",
                     "chuyen-muc/khen-thuong/index.html", "the/index.html",
                     "the/quy-khuyen-hoc/index.html", "tac-gia/index.html",
                     "tac-gia/trinh-thu-ha/index.html", "luu-tru/index.html",
                     "luu-tru/2020/index.html", "404.html", "robots.txt", "sitemap.xml"):
        assert (theme_site.output / relative).exists(), relative


def test_a_title_with_markup_is_shown_as_text_everywhere(theme_site, long_article):
    assert long_article.find("h1").get_text() == TITLE
    assert long_article.title.get_text().startswith(TITLE + " · ")
    assert long_article.find("meta", property="og:title")["content"] == TITLE
    data = json.loads(long_article.find("script", type="application/ld+json").string)
    assert data["headline"] == TITLE
    for path in theme_site.output.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html, path
    listed = page(theme_site, "index.html")
    assert TITLE in [a.get_text() for a in listed.select(".card-title a")]


def test_article_page_has_its_parts(theme_site, long_article):
    crumbs = long_article.select(".breadcrumb li")
    assert [c.get_text(strip=True) for c in crumbs] == ["Trang chủ", "Tin hoạt động", TITLE]
    assert crumbs[-1].find(attrs={"aria-current": "page"})
    byline = long_article.select_one(".byline")
    assert byline.find("time")["datetime"] == "2020-03-23T08:30:00+07:00"
    assert byline.find("time").get_text() == "Thứ Hai, 23/03/2020"
    assert byline.find("a", rel="author").get_text() == "Trịnh Thu Hà"
    words = len(long_article.select_one(".prose").get_text().split())
    assert f"Đọc khoảng {math.ceil(words / 200)} phút" in byline.get_text()
    assert long_article.select_one(".kicker a").get_text() == "Tin hoạt động"
    assert [a.get_text() for a in long_article.select(".tags a[rel=tag]")] == [
        "quỹ khuyến học", "tổng kết"]
    cover = long_article.select_one("figure.cover")
    assert cover.img["src"].endswith("images/hoi-nghi.png")
    assert cover.figcaption.get_text() == "Ảnh: Quang cảnh hội nghị."
    assert long_article.select_one(".lede b").get_text() == "ngắn"


def test_long_article_has_a_table_of_contents_linking_its_headings(long_article):
    links = long_article.select(".toc a")
    ids = [h["id"] for h in long_article.select(".prose h2")]
    assert [a["href"] for a in links] == ["#" + i for i in ids]
    assert ids[0] == "phan-1-danh-gia", "heading anchors are transliterated, đ included"
    assert links[0].get_text() == "Phần 1: Đánh giá"


def test_short_article_has_no_table_of_contents(theme_site):
    short = page(theme_site, slug_of(theme_site, "Trao quỹ khuyến học") + "/index.html")
    assert short.select(".toc") == []
    assert "Đọc khoảng 1 phút" in short.select_one(".byline").get_text()


def test_previous_next_and_related_articles(theme_site, long_article):
    prev_next = long_article.select_one("nav.prev-next")
    assert prev_next.find("a", rel="prev").get_text().endswith("Tin cũ")
    assert prev_next.find("a", rel="next").get_text().endswith("Trao quỹ khuyến học")
    related = [a.get_text() for a in long_article.select(".related li a")]
    assert related == ["Trao quỹ khuyến học"], "shares a tag; 'Tin cũ' shares none"


def test_share_links_need_no_script(long_article):
    url = "../" + long_article.find("link", rel="canonical")["href"].split("/", 1)[1]
    links = {a.get_text(): a["href"] for a in long_article.select(".share a")}
    assert links["Facebook"].startswith("https://www.facebook.com/sharer/sharer.php?u=")
    assert links["Zalo"].startswith("https://sp.zalo.me/share_inline?url=")
    assert links["Thư điện tử"].startswith("mailto:?subject=" + quote(TITLE, safe="/"))
    assert all(link.endswith(quote(url, safe="/")) for link in links.values())
    for button in ("data-copy-link", "data-print"):
        found = long_article.find("button", attrs={button: True})
        assert found.find_parent(attrs={"data-js-only": True}), "shown only with JavaScript"


def test_menu_lists_home_categories_menu_entries_and_pages(theme_site):
    home = page(theme_site, "index.html")
    settings = runpy.run_path(str(theme_site.root / "pelicanconf.py"))
    labels = [a.get_text() for a in home.select(".site-nav a")]
    menu = [label for label, _ in settings["MENU"]]
    # The categories that have articles, in hoi.yaml's order (not by name).
    assert labels == [menu[0], "Tin hoạt động", "Khen thưởng", *menu[1:], "Giới thiệu"]
    assert home.select_one(".site-nav a[aria-current]").get_text() == "Trang chủ"
    category = page(theme_site, "chuyen-muc/khen-thuong/index.html")
    current = category.select(".site-nav a[aria-current]")
    assert [(a.get_text(), a["aria-current"]) for a in current] == [("Khen thưởng", "page")]


def test_an_article_marks_its_category_in_the_menu(long_article):
    current = long_article.select(".site-nav a[aria-current]")
    assert [(a.get_text(), a["aria-current"]) for a in current] == [("Tin hoạt động", "true")]


def test_footer_comes_from_the_settings_not_the_templates(theme_site):
    association = runpy.run_path(str(theme_site.root / "pelicanconf.py"))["ASSOCIATION"]
    footer = page(theme_site, "luu-tru/index.html").select_one("footer.site-footer").get_text()
    templates = "".join(p.read_text(encoding="utf-8")
                        for p in (PROJECT / "theme" / "templates").rglob("*.html"))
    for key in ("name", "address", "phone", "hotline", "email", "editor_in_chief"):
        assert association[key] in footer, key
        assert association[key] not in templates, key


def test_menu_follows_the_order_of_hoi_yaml(site):
    write_association(site.root, categories=["Văn bản", "Tin hoạt động", "Khen thưởng"])
    for name, category in (("a.md", "Tin hoạt động"), ("b.md", "Văn bản"), ("c.md", "Khen thưởng")):
        site.article(name, title=name, category=category)
    assert site.build().returncode == 0
    home = BeautifulSoup(site.html("index.html"), "html.parser")
    assert [a.get_text() for a in home.select(".site-nav a")][1:4] == [
        "Văn bản", "Tin hoạt động", "Khen thưởng"]


def test_home_shows_featured_then_latest(theme_site):
    home = page(theme_site, "index.html")
    featured = [a.get_text() for a in home.select(".featured .card-title a")]
    latest = [a.get_text() for a in home.select(".latest .card-title a")]
    assert featured == [TITLE]
    assert latest == ["Trao quỹ khuyến học", "Tin cũ"]
    assert [a.get_text() for a in home.select(".sidebar a")][-2:] == ["2020", "2019"]


def test_home_shows_key_figures_of_the_association_with_their_qualifier(theme_site):
    figures = page(theme_site, "index.html").select(".key-figures li")
    shown = [(li.select_one(".figure-value").get_text(), li.select_one(".figure-label").get_text())
             for li in figures]
    assert shown == [
        ("hơn 8.000", "hội viên năm 2018, trong 70 tổ chức cơ sở Hội"),
        ("164\u00a0triệu\u00a0đồng", "Quỹ khuyến học huy động năm 2018"),
        ("425\u00a0triệu\u00a0đồng", "số dư Quỹ cuối năm 2018"),
    ]


def test_home_without_figures_has_no_empty_box(site):
    site.article("a.md")
    assert site.build().returncode == 0
    assert 'class="key-figures"' not in site.html("index.html")


def test_no_inline_script_style_or_event_handler(theme_site, sample_site):
    """Pages must keep working under Content-Security-Policy: default-src 'self'."""
    for site in (theme_site, sample_site):
        for path in site.output.rglob("*.html"):
            document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for script in document.find_all("script"):
                assert script.get("src") or script.get("type") == "application/ld+json", path
                if script.get("src", "").endswith("/preferences.js"):
                    # Applies saved preferences before the first paint, so not deferred.
                    assert script.parent.name == "head", path
                elif script.get("src"):
                    assert script.has_attr("defer") and not script.string, path
            assert document.find("style") is None, path
            for tag in document.find_all(True):
                assert not any(a.startswith("on") or a == "style" for a in tag.attrs), (path, tag)
                assert not str(tag.get("href", "")).startswith("javascript:"), path


def test_the_script_that_runs_before_paint_stays_tiny():
    source = (PROJECT / "theme" / "static" / "js" / "preferences.js").read_bytes()
    assert len(source) < 1200


def test_search_index_markers(theme_site, long_article):
    body = long_article.select("[data-search-body]")
    assert [tag.name for tag in body] == ["article"]
    for part in (".breadcrumb", ".share", ".prev-next", ".related", ".toc"):
        assert long_article.select_one(part).has_attr("data-search-ignore"), part
    assert page(theme_site, "gioi-thieu/index.html").select("article[data-search-body]")
    for listing in ("index.html", "chuyen-muc/khen-thuong/index.html", "luu-tru/index.html"):
        assert not page(theme_site, listing).select("[data-search-body]"), listing


def test_not_found_page(theme_site):
    missing = page(theme_site, "404.html")
    assert missing.find("h1").get_text() == "Không tìm thấy trang"
    assert missing.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert missing.find("link", rel="canonical") is None


def test_development_build_links_no_feed(theme_site):
    assert page(theme_site, "index.html").find("link", rel="alternate") is None


# The production build of the sample site

SITEURL = "https://example.org/some/path"


def test_production_pages_link_their_feeds(published_site):
    home = BeautifulSoup(published_site.html("index.html"), "html.parser")
    feeds = {link["type"]: link["href"] for link in home.find_all("link", rel="alternate")}
    assert feeds == {"application/atom+xml": SITEURL + "/feeds/all.atom.xml",
                     "application/rss+xml": SITEURL + "/feeds/all.rss.xml"}
    category = BeautifulSoup(published_site.html("chuyen-muc/van-ban/index.html"), "html.parser")
    hrefs = [link["href"] for link in category.find_all("link", rel="alternate")]
    assert SITEURL + "/feeds/van-ban.atom.xml" in hrefs
    for href in hrefs:
        assert (published_site.output / href.removeprefix(SITEURL + "/")).exists()


def test_production_article_has_canonical_social_cards_and_news_article(published_site):
    article = next(p for p in sorted(published_site.output.glob("*/index.html"))
                   if 'class="cover"' in p.read_text(encoding="utf-8"))
    url = f"{SITEURL}/{article.parent.name}/"
    document = BeautifulSoup(article.read_text(encoding="utf-8"), "html.parser")
    assert document.find("link", rel="canonical")["href"] == url
    og = {m["property"]: m["content"] for m in document.find_all("meta", property=True)}
    assert og["og:url"] == url
    assert og["og:type"] == "article"
    assert og["og:title"] == document.find("h1").get_text()
    assert og["og:image"] == SITEURL + "/" + document.select_one(".cover img")["src"].removeprefix(
        SITEURL + "/")
    assert og["og:locale"] == "vi_VN"
    assert document.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    data = json.loads(document.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle"
    assert data["mainEntityOfPage"] == url
    assert data["headline"] == document.find("h1").get_text()
    assert data["datePublished"] == document.select_one(".byline time")["datetime"]
    assert data["publisher"]["name"] == document.select_one(".site-footer h2").get_text()
    assert data["image"][0].startswith(SITEURL + "/images/")
    assert data["author"]["@type"] in ("Person", "Organization")
    assert document.select_one(".article-footer")["data-url"] == url, "printed under the article"


def test_sitemap_lists_every_article_and_page_with_absolute_addresses(published_site):
    sitemap = published_site.html("sitemap.xml")
    locations = set(re.findall(r"<loc>(.*?)</loc>", sitemap))
    for article in published_site.output.glob("*/index.html"):
        assert f"{SITEURL}/{article.parent.name}/" in locations
    assert f"{SITEURL}/" in locations
    assert not [loc for loc in locations if loc.endswith(("404.html", "robots.txt"))]


def test_robots_txt_allows_all_and_names_the_sitemap(published_site, sample_site):
    robots = published_site.html("robots.txt").split("\n")
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots
    assert "Sitemap" not in sample_site.html("robots.txt"), "no absolute address in development"
