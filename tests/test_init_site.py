"""`make init`: the sample becomes an association's own site (issue 16)."""

import re
import shlex

import pytest
from bs4 import BeautifulSoup
from unidecode import unidecode

from conftest import PROJECT, make_site
from khuyenhoc.commands import init_site

NAME = "Hội Khuyến học tỉnh Hưng Yên"
SHORT_NAME = "Hội Khuyến học tỉnh"
# What of the sample association could leak: its name, places, people,
# contacts, unit ids and figures (compared without diacritics, lower case,
# so the search index's folded words are caught too).
SAMPLE_TRACES = (
    "Thanh Hóa", "Khối các cơ quan", "Hội Khuyến học Khối", "khoi-cq", "khoicq",
    "Lê Thị Minh Hằng", "0237", "0912.345.678", "Hạc Thành", "Lê Lợi",
    "Hoàng Minh Đức", "Lê Văn Tuấn", "Nguyễn Văn Thành", "Phạm Lan Anh", "Trịnh Thu Hà",
    "Sở Y tế", "Sở Tài chính", "so-gddt", "425.000.000", "8.240", "Ống tiết kiệm",
)


def fold(text):
    return unidecode(text).lower()


def init(site, *variables):
    """make init with ``variables`` (NAME=...), no terminal to ask in."""
    line = " ".join(shlex.quote(v) for v in variables)
    return site.shell(f"make --no-print-directory init {line} < /dev/null")


def numbered(text):
    return [line for line in text.splitlines() if re.match(r"\d+\. ", line)]


def test_the_sample_lists_name_every_sample_file():
    for folder, names in (("content/articles", init_site.SAMPLE_ARTICLES),
                          ("content/images", init_site.SAMPLE_IMAGES),
                          ("data", init_site.SAMPLE_DATA),
                          ("content/pages", init_site.SAMPLE_PAGES)):
        assert sorted(p.name for p in (PROJECT / folder).iterdir()) == sorted(names), folder


@pytest.fixture(scope="module")
def adopted(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("adopted"), with_content=True)
    (site.root / "cache" / "bieu-do").unlink()  # the sample's shared charts: not this site's
    result = init(site, f"NAME={NAME}", f"SHORT_NAME={SHORT_NAME}", "PHONE=0221.3.862.123",
                  "EMAIL=bantin@khuyenhoc-hy.example.vn")
    assert result.returncode == 0, result.stderr
    site.result = result
    build = site.build("publishconf.py", env={"SITEURL": "https://hy.example.vn/bantin"})
    assert build.returncode == 0, build.stderr
    site.built = build
    return site


def test_init_says_what_it_did(adopted):
    assert adopted.result.stdout.splitlines()[-3:] == [
        f"Đã khởi tạo trang của {NAME}.",
        "Đã xoá bài viết, ảnh và số liệu mẫu; thông tin của Hội ở tệp hoi.yaml.",
        'Tiếp theo: make new TITLE="..." để viết bản tin đầu tiên, make serve để xem trước.',
    ]
    assert not list((adopted.root / "content/articles").iterdir())
    assert not list((adopted.root / "content/images").iterdir())
    # The declarations of the datasets stay (issue 15): only the figures go.
    assert sorted(p.name for p in (adopted.root / "data").iterdir()) == [
        "datapackage.yaml", "units.yaml"]
    text = (adopted.root / "hoi.yaml").read_text(encoding="utf-8")
    assert f'name: "{NAME}"' in text and 'phone: "0221.3.862.123"' in text


def test_nothing_of_the_sample_association_remains_in_any_output_file(adopted):
    files = [p for p in adopted.output.rglob("*") if p.is_file()]
    assert len(files) > 20
    for path in files:
        text = fold(path.read_bytes().decode("utf-8", "replace"))
        for trace in SAMPLE_TRACES:
            assert fold(trace) not in text, (path, trace)


def test_the_new_name_is_in_every_page_header_the_contact_page_and_the_feeds(adopted):
    pages = list(adopted.output.rglob("*.html"))
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if page.select_one(".brand-name"):
            assert page.select_one(".brand-name").get_text() == NAME, path
    contact = BeautifulSoup(adopted.html("lien-he/index.html"), "html.parser")
    assert contact.select_one(".contact-details h2").get_text() == NAME
    assert "0221.3.862.123" in contact.select_one(".contact-details").get_text()
    for feed in ("feeds/all.atom.xml", "feeds/all.rss.xml"):
        assert f"<title>{NAME}</title>" in adopted.html(feed)


def test_the_empty_site_invites_the_first_bulletin_and_explains_the_figures(adopted):
    home = BeautifulSoup(adopted.html("index.html"), "html.parser")
    assert home.select_one("#empty-heading").get_text() == f"Chào mừng đến với bản tin của {NAME}"
    assert "make new" in home.select_one(".empty-site").get_text()
    stats = BeautifulSoup(adopted.html("so-lieu/index.html"), "html.parser")
    empty = stats.select_one(".empty-stats").get_text(" ", strip=True)
    assert empty.startswith("Chưa có số liệu Hội chưa đăng số liệu nào.")
    assert "docs/data.md" in empty and "make check" in empty


def test_a_second_init_is_refused_without_force_and_changes_nothing(adopted):
    adopted.write("content/articles/tin-dau.md",
                  '---\ntitle: "Tin đầu"\ndate: 2025-01-02\ncategory: Tin hoạt động\n---\nBài.\n')
    before = (adopted.root / "hoi.yaml").read_text(encoding="utf-8")
    result = init(adopted, "NAME=Hội khác", "SHORT_NAME=Hội")
    assert result.returncode == 2  # make's code for a command that failed
    assert numbered(result.stderr) == [(
        "1. trang đã có nội dung riêng, make init sẽ xoá mất (gặp: hoi.yaml, "
        "content/articles/tin-dau.md). Cách sửa: chỉ chạy make init trên trang mẫu vừa tải "
        "về; nếu chắc chắn muốn xoá hết bài viết, ảnh và số liệu để làm lại từ đầu, chạy lại "
        "với FORCE=1")]
    assert (adopted.root / "hoi.yaml").read_text(encoding="utf-8") == before
    assert (adopted.root / "content/articles/tin-dau.md").exists()


def test_force_starts_again(tmp_path):
    site = make_site(tmp_path)
    site.article("rieng.md")
    assert init(site, "NAME=Hội A", "SHORT_NAME=Hội").returncode == 2
    result = init(site, "NAME=Hội Khuyến học xã An Bình", "SHORT_NAME=Hội Khuyến học xã",
                  "LEVEL=cơ sở", "UNIT=an-binh", "FORCE=1")
    assert result.returncode == 0, result.stderr
    assert not (site.root / "content/articles/rieng.md").exists()
    assert "- id: an-binh\n" in (site.root / "data/units.yaml").read_text(encoding="utf-8")
    assert site.build().returncode == 0


def test_answers_are_checked_before_anything_changes(tmp_path):
    site = make_site(tmp_path, with_content=True)
    result = init(site, "SHORT_NAME=Hội", "EMAIL=bantin", "LEVEL=huyện")
    assert result.returncode == 2  # make's code for a command that failed
    assert result.stderr.strip().splitlines()[0] == "KHÔNG KHỞI TẠO ĐƯỢC: 2 lỗi, chưa thay đổi gì."
    assert numbered(result.stderr) == [
        '1. trường "NAME": chưa có câu trả lời. Cách sửa: chạy lại với NAME="...", ví dụ '
        'make init NAME="Hội Khuyến học tỉnh Hưng Yên" SHORT_NAME="Hội Khuyến học tỉnh"',
        '2. trường "LEVEL": cấp không có trong danh sách (gặp: huyện). Cách sửa: viết '
        "trung ương, tỉnh, khối, cơ sở",
    ]
    assert len(list((site.root / "content/articles").iterdir())) == len(init_site.SAMPLE_ARTICLES)
    result = init(site, "NAME=Hội A", "SHORT_NAME=Hội", "EMAIL=bantin")
    assert numbered(result.stderr) == [
        '1. trường "EMAIL": địa chỉ thư điện tử không hợp lệ (gặp: bantin). Cách sửa: viết '
        "dạng ten@ten-mien.vn, ví dụ bantin@khuyenhoc-hungyen.vn",
    ]
