"""The search index as the build leaves it: what is indexed, its files, failures.

What a reader gets from the index in a browser is in test_search_browser.py.
"""

import json
import shutil
from html.parser import HTMLParser

from khuyenhoc.errors import OfficerError
from khuyenhoc.search import index as search_index
from khuyenhoc.search import text as search_text
from khuyenhoc.search.index import INDEX_DIR, write_index

ARTICLE = "doan-thanh-nien-so-tai-chinh-ra-mat-tu-sach-doc-de-vuon-xa/index.html"


class IndexedPart(HTMLParser):
    """What of a page the index takes: inside data-search-body, outside data-search-ignore."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, inside the body, ignored)
        self.bodies = 0
        self.records = []  # attributes of the data-search-record elements

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        inside, ignored = self.stack[-1][1:] if self.stack else (False, False)
        if "data-search-body" in attrs:
            self.bodies += 1
            inside = True
        ignored = ignored or "data-search-ignore" in attrs
        if "data-search-record" in attrs:
            self.records.append({key.removeprefix("data-"): value
                                 for key, value in attrs.items() if key != "data-search-record"})
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


def index_files(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*") if path.is_file()}


def load(site, name):
    """A file of the site's index: index.json, or one in its version's folder."""
    folder = site.output / INDEX_DIR
    if name != "index.json":
        folder /= json.loads((folder / "index.json").read_text(encoding="utf-8"))["version"]
    return json.loads((folder / name).read_text(encoding="utf-8"))


def indexed(site, url):
    """The record the index keeps of the page at ``url`` (relative to the site)."""
    for number in range(load(site, "index.json")["pages"]):
        record = load(site, f"pages/{number}.json")
        if record["url"] == url:
            return record
    raise AssertionError(f"{url} is not in the index")


def pages_with(site, folded):
    """{url: {spelling: (count, in the title)}} of the pages the index gives for
    a folded word, looked up as the search page does: in the chunk that
    index.json points to."""
    index = load(site, "index.json")
    chunk = max(number for number, first in enumerate(index["words"]) if first <= folded)
    spellings = load(site, f"words/{chunk}.json").get(folded, {})
    found = {}
    for spelling, (differences, counts, titles) in spellings.items():
        page = 0
        for difference, count in zip(differences, counts):
            page += difference
            url = load(site, f"pages/{page}.json")["url"]
            found.setdefault(url, {})[spelling] = (count, page in titles)
    return found


# --- What a page gives the index (search_text.py) ------------------------------------

def test_the_text_of_the_marked_part_without_what_is_left_out():
    page = search_text.page("""<header class="site-header"><a href="/">Trang chủ</a></header>
<main><article class="article" data-search-body>
 <header><p class="kicker"><a href="/c/">Tin hoạt động</a></p>
  <h1>Quỹ <em>khuyến học</em> &amp; học bổng</h1>
  <p class="byline"><span>Tác giả: Lê Văn Tuấn</span></p>
  <span data-search-record data-date="2021-10-12" data-sort="2021-10-12" data-year="2021"
   data-category="Tin hoạt động" data-author="Lê Văn Tuấn"></span></header>
 <nav class="toc" data-search-ignore><ol><li>Mục lục</li></ol></nav>
 <section data-search-ignore><section><p>Bài liên quan</p></section><p>Chia sẻ</p></section>
 <p>Hội <b>vận</b> động được <strong>186,5</strong> triệu đồng.</p>
 <figure><svg><text>Biểu đồ</text></svg><figcaption>Hình 1</figcaption></figure>
 <table><tr><th>Đơn vị</th><td>Số dư</td></tr></table>
 <article class="card"><p>Thẻ bài</p></article>
 <p>Cuối bài &lt;b&gt; nguyên văn.</p>
</article></main>
<footer class="site-footer">Số 35 Đại lộ Lê Lợi</footer>""")
    assert page.title == "Quỹ khuyến học & học bổng"
    assert page.text == ("Hội vận động được 186,5 triệu đồng. Hình 1 Đơn vị Số dư Thẻ bài "
                         "Cuối bài <b> nguyên văn.")
    assert (page.date, page.sort, page.year, page.category, page.author) == (
        "2021-10-12", "2021-10-12", "2021", "Tin hoạt động", "Lê Văn Tuấn")


def test_a_page_without_a_marked_part_gives_nothing():
    assert search_text.page("<main><h1>Lưu trữ</h1><p>Các bài</p></main>") is None
    # A page that only mentions the mark in its text is read, and has none.
    assert search_text.page(b"<main><p>data-search-body</p></main>") is None


def test_words_are_lower_case_and_folded_like_the_search_page_does():
    assert search_text.words("Sở Y tế, 186.500.000 đồng; ĐOÀN") == [
        "sở", "y", "tế", "186", "500", "000", "đồng", "đoàn"]
    said = search_text.words("Đường, dương, dưỡng, đương; QUỸ KHUYẾN HỌC")
    assert [search_text.fold(word) for word in said] == [
        "duong", "duong", "duong", "duong", "quy", "khuyen", "hoc"]
    # Decomposed input (typed on some keyboards) is the same words.
    assert search_text.words("Ho\u0323c") == ["học"]


# --- The site's index (search_index.py) ---------------------------------------------

def test_the_build_indexes_every_marked_page_and_no_other(sample_site):
    index = load(sample_site, "index.json")
    marked = sorted(path.relative_to(sample_site.output).as_posix()
                    for path in sample_site.output.rglob("*.html")
                    if indexed_part(path.read_text(encoding="utf-8")).bodies)
    assert index["pages"] == len(marked) >= 19  # 17 articles, 2 pages, statistics
    urls = sorted(load(sample_site, f"pages/{number}.json")["url"] + "index.html"
                  for number in range(index["pages"]))
    assert urls == marked


def test_articles_pages_and_statistics_are_indexed_lists_and_search_are_not(sample_site):
    for indexed_page in (ARTICLE, "gioi-thieu/index.html", "lien-he/index.html",
                         "so-lieu/index.html", "so-lieu/funds/index.html",
                         "bao-cao/2021/index.html", "don-vi/so-yte/index.html"):
        assert indexed_part(sample_site.html(indexed_page)).bodies == 1, indexed_page
    for listing in ("index.html", "tim-kiem/index.html", "luu-tru/index.html",
                    "chuyen-muc/tin-hoat-dong/index.html", "the/doan-thanh-nien/index.html",
                    "chuyen-muc/index.html"):
        assert indexed_part(sample_site.html(listing)).bodies == 0, listing


def test_only_the_text_of_an_article_is_indexed(sample_site):
    record = indexed(sample_site, ARTICLE.removesuffix("index.html"))
    assert record["title"] == "Đoàn Thanh niên Sở Tài chính ra mắt tủ sách “Đọc để vươn xa”"
    assert record["author"] == "Lê Văn Tuấn"
    assert (record["date"], record["category"]) == ("2021-10-12", "Tin hoạt động")
    text = record["text"]
    assert "Sở Tài chính" in text
    # Not the heading, category line or byline (the result shows them),
    # nor menus, footer, search box, share links, neighbours.
    assert not text.startswith(("Đoàn Thanh niên Sở", "Tin hoạt động"))
    for chrome in ("Đọc khoảng", "Tác giả", "Bỏ qua, đến nội dung", "Trang chủ", "Lưu trữ",
                   "Trang mẫu", "Tìm trong bản tin", "Chia sẻ bài viết", "Zalo",
                   "Sao chép liên kết", "Bài trước", "Số 35 Đại lộ Lê Lợi", "<"):
        assert chrome not in text, chrome


def test_words_are_found_by_their_folded_form_with_each_spelling(sample_site):
    article = ARTICLE.removesuffix("index.html")
    count, in_title = pages_with(sample_site, "doan")[article]["đoàn"]
    assert count >= 2 and in_title
    index = load(sample_site, "index.json")
    assert len(index["lengths"]) == index["pages"] and min(index["lengths"]) > 0
    spellings = set().union(*pages_with(sample_site, "duong").values())
    assert {"đường", "dương", "dưỡng", "đương"} <= spellings
    # The author is searched too: the byline is not in the text.
    assert "tuấn" in pages_with(sample_site, "tuan")[article]


def test_an_article_records_its_date_category_and_year_for_the_search_page(sample_site):
    records = indexed_part(sample_site.html(ARTICLE)).records
    assert records == [{"date": "2021-10-12", "sort": "2021-10-12", "year": "2021",
                        "category": "Tin hoạt động", "author": "Lê Văn Tuấn"}]


def test_a_year_report_is_filed_under_statistics_and_its_year(sample_site):
    records = indexed_part(sample_site.html("bao-cao/2021/index.html")).records
    assert records == [{"sort": "2021-12-31", "year": "2021", "category": "Số liệu"}]
    filters = load(sample_site, "index.json")["filters"]
    report = indexed(sample_site, "bao-cao/2021/")
    numbers = []
    for difference in filters["year"]["2021"]:
        numbers.append((numbers[-1] if numbers else 0) + difference)
    assert any(load(sample_site, f"pages/{number}.json") == report for number in numbers)


def test_index_json_lists_the_pages_newest_first(sample_site):
    newest = load(sample_site, "index.json")["newest"]
    records = [load(sample_site, f"pages/{number}.json") for number in newest]
    assert sorted(newest) == list(range(len(newest)))
    dated = [record["date"] for record in records if record["date"]]
    assert dated == sorted(dated, reverse=True)
    # A year's report is listed at the end of its year; the undated pages come last.
    urls = [record["url"] for record in records]
    report = urls.index("bao-cao/2021/")
    assert all(record["date"] >= "2022" for record in records[:report] if record["date"])
    assert all(record["date"] < "2022" for record in records[report:] if record["date"])
    assert records[-1]["date"] == ""


def test_every_word_is_in_the_chunk_that_index_json_points_to(site, tmp_path, monkeypatch):
    site.article("a.md", title="Đêm thơ khuyến học", body="Cô giáo đọc thơ ở thư viện xã. " * 3)
    site.article("b.md", title="Quỹ học bổng", body="Sở Y tế trao học bổng cho học sinh.")
    assert site.build().returncode == 0
    monkeypatch.setattr(search_index, "CHUNK_SIZE", 3)  # many small chunks
    write_index(site.output)
    index = load(site, "index.json")
    for kind in ("words", "pairs"):
        firsts = index[kind]
        assert firsts == sorted(firsts) and len(firsts) > 3
        for number, first in enumerate(firsts):
            keys = list(load(site, f"{kind}/{number}.json"))
            assert keys == sorted(keys) and keys[0] == first
            if number + 1 < len(firsts):
                assert keys[-1] < firsts[number + 1]
    assert set(pages_with(site, "tho")) == {"dem-tho-khuyen-hoc/"}
    assert set(pages_with(site, "bong")) == {"quy-hoc-bong/"}
    assert {"dem-tho-khuyen-hoc/", "quy-hoc-bong/"} <= set(pages_with(site, "hoc"))


def test_the_index_is_the_same_byte_for_byte_every_time(sample_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(sample_site.output, copy)
    write_index(copy)
    assert index_files(copy / INDEX_DIR) == index_files(sample_site.output / INDEX_DIR)


def test_the_production_build_is_indexed_too(published_site):
    assert load(published_site, "index.json")["pages"] >= 19
    assert (published_site.output / "tim-kiem" / "index.html").is_file()


def test_the_header_search_box_is_a_plain_form_to_the_search_page(sample_site, published_site):
    html = sample_site.html(ARTICLE)
    form = html[html.index('<form class="site-search"'):]
    form = form[:form.index(">") + 1]
    assert "method=" not in form  # GET, the default: ?q=… in the address
    assert 'action="../tim-kiem/"' in form
    assert '<input type="search" name="q" aria-label="Tìm trong bản tin"' in html
    published = published_site.html(ARTICLE)
    assert 'action="https://example.org/some/path/tim-kiem/"' in published


def test_the_search_page_has_its_own_form_and_no_header_box(sample_site):
    html = sample_site.html("tim-kiem/index.html")
    assert '<h1 class="page-heading" id="tim-kiem-tieu-de">Tìm kiếm</h1>' in html
    assert 'class="site-search"' not in html
    assert 'data-index="../tim-kiem/chi-muc/"' in html
    assert '<select name="chuyen-muc">' in html and '<select name="nam">' in html
    assert "Ô tìm kiếm cần trình duyệt bật JavaScript" in html


def test_an_index_that_cannot_be_written_is_reported_in_vietnamese(sample_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(sample_site.output, copy)
    shutil.rmtree(copy / "tim-kiem")
    (copy / "tim-kiem").write_text("một tệp, không phải thư mục", encoding="utf-8")
    try:
        write_index(copy)
    except OfficerError as error:
        message = str(error)
    else:
        raise AssertionError("the index was written under a file")
    assert message.startswith(f"không ghi được chỉ mục tìm kiếm vào {copy / INDEX_DIR}")
    assert "kiểm tra ổ đĩa còn chỗ trống" in message


def test_a_warm_build_indexes_an_edited_article_and_drops_a_removed_one(site):
    site.article("a.md", title="Hội thi", body="Các em thi cờ vua.")
    removed = site.article("b.md", title="Thư viện", body="Sách mới ở thư viện xã.")
    assert site.build().returncode == 0
    first = load(site, "index.json")

    site.article("a.md", title="Hội thi", body="Các em thi đánh đàn bầu.")
    assert site.build().returncode == 0
    text = indexed(site, "hoi-thi/")["text"]
    assert "đánh đàn bầu" in text and "cờ vua" not in text
    assert "hoi-thi/" in pages_with(site, "bau") and "hoi-thi/" not in pages_with(site, "vua")
    # Another index: another name for its files in the readers' caches.
    assert load(site, "index.json")["version"] != first["version"]

    removed.unlink()
    assert site.build().returncode == 0
    assert load(site, "index.json")["pages"] == 2  # and the statistics overview
    try:
        indexed(site, "thu-vien/")
    except AssertionError:
        pass
    else:
        raise AssertionError("the removed article is still in the index")


# --- Read by a real HTML parser ------------------------------------------------------

def test_the_page_is_read_as_a_browser_reads_it():
    page = search_text.page("""<!doctype html><html><head><title>x</title>
<script>document.write('<div data-search-body>giả</div>')</script></head><body>
<!-- <div data-search-body>bình luận</div> -->
<main><div data-search-body title="a > b" data-note='<p>'>
 <h1>Tiêu <wbr>đề</h1>
 <p>Đoạn một<p>Đoạn hai, <b>không</b> đóng
 <div data-search-ignore><p>Bỏ <div>qua</div> hết</p><p>cả đây</div>
 <script>var s = "</div><p>mã</p>";</script>
 <!-- <p>ẩn</p> -->
 <p>Tu&shy;ổi &lt;b&gt; &amp; x&#7871;p&nbsp;hạng</p>
 <table><tr><td>Ô một<td>Ô hai</table>
</div><p>Ngoài</p></main></body></html>""".encode())
    assert page.title == "Tiêu đề"
    assert page.text == ("Đoạn một Đoạn hai, không đóng Tu\u00adổi <b> & xếp hạng Ô một Ô hai")


def test_sections_are_the_headings_with_an_id_and_where_they_start():
    page = search_text.page("""<article data-search-body><h1>Báo cáo</h1>
<nav data-search-ignore><h2 id="muc-luc">Mục lục</h2></nav>
<p>Mở đầu ngắn.</p>
<h2 id="quy">Quỹ <em>khuyến học</em></h2><p>Số dư tăng.</p>
<h3 id="chi">Chi</h3><table><tr><td>Một</td><td>Hai</td></tr></table>
<h2>Không có id</h2><p>Vẫn là phần chi.</p><h3 id="">id rỗng</h3>
<h2 id="khen-thuong">Khen thưởng</h2>
</article>""")
    assert page.text == ("Mở đầu ngắn. Quỹ khuyến học Số dư tăng. Chi Một Hai Không có id "
                         "Vẫn là phần chi. id rỗng Khen thưởng")
    assert page.sections == [("quy", "Quỹ khuyến học", 3), ("chi", "Chi", 9),
                             ("khen-thuong", "Khen thưởng", 21)]
    tokens = page.text.split(" ")
    for _anchor, heading, start in page.sections:
        assert tokens[start:start + len(heading.split(" "))] == heading.split(" ")


def test_a_long_pages_record_gives_its_sections_at_its_table_of_contents_anchors(sample_site):
    long_article = "hoi-khuyen-hoc-khoi-tong-ket-cong-tac-nam-2018/"
    html = sample_site.html(long_article + "index.html")
    toc = html[html.index('<nav class="toc"'):]
    toc = toc[:toc.index("</nav>")]
    anchors = [part.split('"')[0] for part in toc.split('href="#')[1:]]
    record = indexed(sample_site, long_article)
    assert [anchor for anchor, _heading, _start in record["sections"]] == anchors
    assert len(anchors) >= search_index.SECTIONS_FROM
    tokens = record["text"].split(" ")
    for _anchor, heading, start in record["sections"]:
        assert tokens[start:start + len(heading.split(" "))] == heading.split(" ")
        assert f">{heading}</h2>" in html or f">{heading}</h3>" in html
    report = indexed(sample_site, "bao-cao/2021/")
    assert [anchor for anchor, _heading, _start in report["sections"]][:2] == ["funds", "awards"]
    # A short page has none.
    assert "sections" not in indexed(sample_site, "vua-lam-vua-hoc-thac-si-o-tuoi-bon-muoi/")


def test_the_vocabulary_for_corrections_is_small_folded_and_commonest_first(sample_site):
    vocabulary = load(sample_site, "vocabulary.json").split(" ")
    assert len(vocabulary) == len(set(vocabulary)) > 500
    assert all(word.isalpha() and word == search_text.fold(word) for word in vocabulary)
    assert {"khuyen", "hoc", "thac", "nien", "doan"} <= set(vocabulary)
    assert "2019" not in vocabulary and "đoàn" not in vocabulary
    # On more pages, earlier: "hoc" is on nearly every page, "thac" (thạc sĩ) on one.
    assert vocabulary.index("hoc") < vocabulary.index("thac")
    assert pages_with(sample_site, "hoc") and len(pages_with(sample_site, "thac")) == 1
    folder = sample_site.output / INDEX_DIR
    version = load(sample_site, "index.json")["version"]
    assert (folder / version / "vocabulary.json").stat().st_size < 20_000
