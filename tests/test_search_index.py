"""The search index as the build leaves it: files, attributes, failures.

What a reader gets from the index in a browser is in test_search_browser.py.
"""

import gzip
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

from khuyenhoc.pagefind_reproducible import make_reproducible
from khuyenhoc.search_index import (_CELL_END, D_MARK, NOT_IN_EXCERPTS, for_index,
                                     write_bundle)
from pagefind.service import get_executable

ARTICLE = "doan-thanh-nien-so-tai-chinh-ra-mat-tu-sach-doc-de-vuon-xa/index.html"


class IndexedPart(HTMLParser):
    """What of a page Pagefind indexes: inside data-pagefind-body, outside data-pagefind-ignore."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, inside the body, ignored)
        self.bodies = 0
        self.indexed = []  # (tag, class) of the elements whose text is indexed
        self.records = []  # (attribute, value) of data-pagefind-meta/filter/sort

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        inside, ignored = self.stack[-1][1:] if self.stack else (False, False)
        if "data-pagefind-body" in attrs:
            self.bodies += 1
            inside = True
        ignored = ignored or "data-pagefind-ignore" in attrs
        if inside and not ignored:
            self.indexed.append((tag, attrs.get("class") or ""))
        for name in ("data-pagefind-meta", "data-pagefind-filter", "data-pagefind-sort"):
            if name in attrs:
                self.records.append((name, attrs[name]))
        if tag not in self.VOID:
            self.stack.append((tag, inside, ignored))

    def handle_endtag(self, tag):
        for position in range(len(self.stack) - 1, -1, -1):
            if self.stack[position][0] == tag:
                del self.stack[position:]
                break


def indexed_part(html):
    parser = IndexedPart()
    parser.feed(html)
    return parser


def test_for_index_writes_d_with_stroke_as_a_foldable_mark():
    assert for_index("Đoàn Thanh niên, con đường") == "D\u0369oàn Thanh niên, con d\u0369ường"
    assert for_index("khuyến học") == "khuyến học"


def test_for_index_keeps_cells_apart():
    assert for_index("<tr><th>Năm</th><td>Sở Y tế</td></tr>") == (
        "<tr><th>Năm</th> <td>Sở Y tế</td> </tr>")
    assert for_index("<dt>Cấp:</dt><dd>tỉnh</dd>") == "<dt>Cấp:</dt> <dd>tỉnh</dd> "


def test_the_build_writes_the_pagefind_bundle_into_the_site(sample_site):
    bundle = sample_site.output / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed_pages = [path for path in sample_site.output.rglob("*.html")
                     if indexed_part(path.read_text(encoding="utf-8")).bodies]
    assert entry["languages"]["vi"]["page_count"] == len(indexed_pages)
    assert len(indexed_pages) >= 19  # 17 articles and 2 pages


def test_the_bundle_is_the_same_byte_for_byte_every_time(sample_site, tmp_path):
    # Pagefind alone writes its filters in a different order on every run.
    bundles = []
    for run in ("first", "second"):
        write_bundle(sample_site.output, tmp_path / run)
        bundles.append({path.relative_to(tmp_path / run): path.read_bytes()
                        for path in (tmp_path / run).rglob("*") if path.is_file()})
    assert bundles[0] == bundles[1]
    assert len([name for name in bundles[0] if name.parts[0] == "filter"]) == 2
    assert bundles[0] == {path.relative_to(sample_site.output / "pagefind"): path.read_bytes()
                          for path in (sample_site.output / "pagefind").rglob("*")
                          if path.is_file()}


def test_what_pagefind_would_not_index_is_left_out_of_its_copy(sample_site, tmp_path):
    # Drawings, the navigation marked data-pagefind-ignore and the site's header
    # and footer are not given to Pagefind: the bundle is the one it makes of
    # the whole pages.
    page = (sample_site.output / "so-lieu" / "index.html").read_text(encoding="utf-8")
    given = for_index(page)
    assert "<svg" in page and "<svg" not in given
    assert 'class="site-header"' not in given and 'class="site-footer"' not in given
    assert "data-pagefind-body" in given and "<nav" not in given
    whole = tmp_path / "whole"
    for path in sample_site.output.rglob("*.html"):
        target = whole / path.relative_to(sample_site.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text(encoding="utf-8")
        target.write_text(_CELL_END.sub(r"</\1> ", text.replace("đ", "d" + D_MARK)
                                        .replace("Đ", "D" + D_MARK)), encoding="utf-8")
    subprocess.run([str(get_executable()), "--site", whole, "--output-path", tmp_path / "b",
                    "--exclude-selectors", NOT_IN_EXCERPTS], capture_output=True, check=True)
    make_reproducible(tmp_path / "b")
    assert bundle_files(tmp_path / "b") == bundle_files(sample_site.output / "pagefind")


def test_the_production_build_is_indexed_too(published_site):
    assert (published_site.output / "pagefind" / "pagefind.js").is_file()
    assert (published_site.output / "tim-kiem" / "index.html").is_file()


def test_articles_pages_and_statistics_are_indexed_lists_and_search_are_not(sample_site):
    for indexed in (ARTICLE, "gioi-thieu/index.html", "lien-he/index.html",
                    "so-lieu/index.html", "so-lieu/funds/index.html", "bao-cao/2021/index.html",
                    "don-vi/so-yte/index.html"):
        assert indexed_part(sample_site.html(indexed)).bodies == 1, indexed
    for listing in ("index.html", "tim-kiem/index.html", "luu-tru/index.html",
                    "chuyen-muc/tin-hoat-dong/index.html", "the/doan-thanh-nien/index.html",
                    "chuyen-muc/index.html"):
        assert indexed_part(sample_site.html(listing)).bodies == 0, listing


def indexed(site, url):
    """What Pagefind recorded for the page at ``url``: its text, meta and filters."""
    for fragment in (site.output / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data.removeprefix(b"pagefind_dcd").decode("utf-8").replace(
            "d\u0369", "đ").replace("D\u0369", "Đ"))
        if record["url"] == url:
            return record
    raise AssertionError(f"{url} is not in the index")


def test_only_the_text_of_an_article_is_indexed(sample_site):
    record = indexed(sample_site, "/" + ARTICLE.removesuffix("index.html"))
    title = "Đoàn Thanh niên Sở Tài chính ra mắt tủ sách “Đọc để vươn xa”"
    assert record["meta"]["title"] == title
    assert record["meta"]["author"] == "Lê Văn Tuấn"
    assert record["filters"] == {"category": ["Tin hoạt động"], "year": ["2021"]}
    text = record["content"]
    assert "Sở Tài chính" in text
    # Not the heading, category line or byline (the result shows them),
    # nor menus, footer, search box, share links, neighbours.
    assert not text.startswith(("Đoàn Thanh niên Sở", "Tin hoạt động"))
    for chrome in ("Đọc khoảng", "Tác giả", "Bỏ qua, đến nội dung", "Trang chủ", "Lưu trữ",
                   "Trang mẫu", "Tìm trong bản tin", "Chia sẻ bài viết", "Zalo",
                   "Sao chép liên kết", "Bài trước", "Số 35 Đại lộ Lê Lợi"):
        assert chrome not in text, chrome


def test_an_article_records_its_date_category_and_year_for_the_search_page(sample_site):
    records = indexed_part(sample_site.html(ARTICLE)).records
    assert ("data-pagefind-meta", "date:2021-10-12") in records
    assert ("data-pagefind-sort", "date:2021-10-12") in records
    assert ("data-pagefind-meta", "category:Tin hoạt động") in records
    assert ("data-pagefind-filter", "category:Tin hoạt động") in records
    assert ("data-pagefind-filter", "year:2021") in records
    assert ("data-pagefind-meta", "author:Lê Văn Tuấn") in records


def test_a_year_report_is_filed_under_statistics_and_its_year(sample_site):
    records = indexed_part(sample_site.html("bao-cao/2021/index.html")).records
    assert ("data-pagefind-filter", "category:Số liệu") in records
    assert ("data-pagefind-filter", "year:2021") in records
    assert ("data-pagefind-sort", "date:2021-12-31") in records


def test_the_header_search_box_is_a_plain_form_to_the_search_page(sample_site, published_site):
    html = sample_site.html(ARTICLE)
    form = re.search(r'<form class="site-search"[^>]*>', html).group(0)
    assert "method=" not in form  # GET, the default: ?q=… in the address
    assert 'action="../tim-kiem/"' in form
    assert '<input type="search" name="q" aria-label="Tìm trong bản tin"' in html
    published = published_site.html(ARTICLE)
    assert 'action="https://example.org/some/path/tim-kiem/"' in published


def test_the_search_page_has_its_own_form_and_no_header_box(sample_site):
    html = sample_site.html("tim-kiem/index.html")
    assert '<h1 class="page-heading" id="tim-kiem-tieu-de">Tìm kiếm</h1>' in html
    assert 'class="site-search"' not in html
    assert 'data-bundle="../pagefind/"' in html
    assert '<select name="chuyen-muc">' in html and '<select name="nam">' in html
    assert "Ô tìm kiếm cần trình duyệt bật JavaScript" in html


def test_a_failed_index_fails_the_build_and_keeps_the_published_site(site):
    site.article("a.md", title="Bài đã đăng")
    assert site.build().returncode == 0
    before = sorted(p.relative_to(site.output) for p in site.output.rglob("*"))
    old_index = site.html("index.html")

    site.article("b.md", title="Bài mới")
    result = site.build(env={"PAGEFIND_BINARY_PATH": "/bin/false"})
    assert result.returncode == 1
    assert "KHÔNG DỰNG ĐƯỢC TRANG: 1 lỗi" in result.stderr
    assert "không lập được chỉ mục tìm kiếm: Pagefind dừng với mã 1" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(site.output) for p in site.output.rglob("*")) == before
    assert site.html("index.html") == old_index
    assert not [p for p in site.root.iterdir() if p.name.startswith(".dang-dung-")]


def test_a_missing_indexer_is_reported_in_vietnamese(site):
    site.article("a.md", title="Bài")
    result = site.build(env={"PAGEFIND_BINARY_PATH": str(site.root / "khong-co")})
    assert result.returncode == 1
    assert "không lập được chỉ mục tìm kiếm: không chạy được Pagefind ở " in result.stderr
    assert not site.output.exists()


# --- Warm builds: the bundle kept in CACHE_PATH/tim-kiem (search_bundle_cache.py) ----------

def bundle_files(folder):
    return {path.relative_to(folder): path.read_bytes()
            for path in folder.rglob("*") if path.is_file()}


def last_index(site):
    return json.loads((site.root / "cache" / "tim-kiem" / "last-build.json").read_text())


def test_an_unchanged_site_reuses_its_bundle_the_same_as_a_fresh_one(site, tmp_path):
    # Three pages indexed: the articles and the statistics overview.
    site.article("a.md", title="Đêm thơ khuyến học", body="Cô giáo đọc thơ ở thư viện.")
    site.article("b.md", title="Quỹ học bổng", body="| Năm | Số tiền |\n|---|---|\n| 2020 | 5 |")
    assert site.build().returncode == 0
    assert last_index(site) == {"reused": False, "pages": 3}
    first = bundle_files(site.output / "pagefind")

    # The output deleted, the caches kept: the build runs (it would otherwise
    # find the site up to date and stop) and the bundle is reused.
    shutil.rmtree(site.output)
    assert site.build().returncode == 0
    assert last_index(site) == {"reused": True, "pages": 3}
    assert bundle_files(site.output / "pagefind") == first
    write_bundle(site.output, tmp_path / "fresh")  # Pagefind run again, no cache
    assert bundle_files(tmp_path / "fresh") == first

    # The production build's pages carry other addresses: a bundle of their
    # own, and both are kept for the next builds.
    published = {"SITEURL": "https://example.org/some/path"}
    assert site.build("publishconf.py", env=published).returncode == 0
    assert last_index(site) == {"reused": False, "pages": 3}
    assert site.build().returncode == 0
    assert last_index(site) == {"reused": True, "pages": 3}
    assert bundle_files(site.output / "pagefind") == first
    assert site.build("publishconf.py", env=published).returncode == 0
    assert last_index(site) == {"reused": True, "pages": 3}


def test_a_warm_build_indexes_an_edited_article_and_drops_a_removed_one(site):
    site.article("a.md", title="Hội thi", body="Các em thi cờ vua.")
    removed = site.article("b.md", title="Thư viện", body="Sách mới ở thư viện xã.")
    assert site.build().returncode == 0

    site.article("a.md", title="Hội thi", body="Các em thi đánh đàn bầu.")
    assert site.build().returncode == 0
    assert last_index(site) == {"reused": False, "pages": 3}
    text = indexed(site, "/hoi-thi/")["content"]
    assert "đánh đàn bầu" in text and "cờ vua" not in text

    removed.unlink()
    assert site.build().returncode == 0
    assert last_index(site) == {"reused": False, "pages": 2}
    entry = json.loads((site.output / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["vi"]["page_count"] == 2  # and the statistics overview
    try:
        indexed(site, "/thu-vien/")
    except AssertionError:
        pass
    else:
        raise AssertionError("the removed article is still in the index")
