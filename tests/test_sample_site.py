"""The sample site, built for real: what a reader gets."""

import re

import yaml

from conftest import PROJECT

ARTICLES = sorted((PROJECT / "content" / "articles").glob("*.md"))


def front_matter(path):
    text = path.read_text(encoding="utf-8-sig")
    return yaml.safe_load(text.split("---", 2)[1])


def test_sample_site_builds_without_a_single_warning(sample_site):
    assert "KHÔNG DỰNG ĐƯỢC" not in sample_site.result.stderr
    assert "WARNING" not in sample_site.result.stderr.upper()


def test_sample_content_is_substantial():
    assert len(ARTICLES) >= 12
    categories = {front_matter(path)["category"] for path in ARTICLES}
    years = {front_matter(path)["date"].year if hasattr(front_matter(path)["date"], "year")
             else int(str(front_matter(path)["date"])[:4]) for path in ARTICLES}
    assert len(categories) >= 4
    assert min(years) <= 2018 and max(years) >= 2025


def test_every_article_has_its_page_with_its_title(sample_site):
    pages = {path.parent.name: path for path in sample_site.output.glob("*/index.html")}
    # A figure from the data ([[...]], docs/figures.md) may stand for any text.
    titles = [re.compile(".+?".join(re.escape(part) for part in
                                    re.split(r"\[\[[^\]]*\]\]", front_matter(article)["title"])))
              for article in ARTICLES]
    found = 0
    for page in pages.values():
        html = page.read_text(encoding="utf-8")
        match = re.search(r"<h1>(.*?)</h1>", html, re.S)
        if match and any(title.fullmatch(match.group(1)) for title in titles):
            found += 1
    assert found == len(ARTICLES)


def test_dates_are_written_in_vietnamese(sample_site):
    html = sample_site.html("index.html")
    dates = re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', html)
    assert dates
    weekdays = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
    for iso, shown in dates:
        assert shown.startswith(weekdays), shown
        year, month, day = iso[:10].split("-")
        assert shown.endswith(f"{day}/{month}/{year}")
    assert "Monday" not in html and "Tuesday" not in html


def test_slugs_are_transliterated_from_vietnamese(sample_site):
    names = {path.name for path in sample_site.output.iterdir() if path.is_dir()}
    assert any(name.startswith("doan-thanh-nien") for name in names), names
    assert any("387-qd-ttg" in name for name in names), names
    for name in names:
        assert re.fullmatch(r"[a-z0-9-]+", name), name


def test_pages_about_and_contact(sample_site):
    about = sample_site.html("gioi-thieu/index.html")
    contact = sample_site.html("lien-he/index.html")
    assert "<h1>Giới thiệu</h1>" in about
    assert "0237.3.851.762" in contact


def test_page_is_vietnamese_and_footer_comes_from_settings(sample_site):
    html = sample_site.html("index.html")
    assert '<html lang="vi">' in html
    assert "Lê Thị Minh Hằng" in html
    assert 'href="tel:02373851762"' in html


def test_categories_have_pages(sample_site):
    for slug in ("tin-hoat-dong", "quy-khuyen-hoc", "khen-thuong", "guong-hieu-hoc", "van-ban"):
        assert (sample_site.output / "chuyen-muc" / slug / "index.html").exists(), slug


def test_production_build_has_feeds_with_absolute_links(published_site):
    atom = published_site.html("feeds/all.atom.xml")
    rss = published_site.html("feeds/all.rss.xml")
    assert "https://example.org/some/path/" in atom
    assert "<rss" in rss
    assert (published_site.output / "feeds" / "quy-khuyen-hoc.atom.xml").exists()
    index = published_site.html("index.html")
    assert 'href="https://example.org/some/path/' in index
