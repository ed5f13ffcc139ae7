"""`make new TITLE="..."`: a new article in one command."""

import datetime
import html
import re
import zoneinfo

import yaml

from khuyenhoc.commands.new_article import TEMPLATE
from khuyenhoc.reading.front_matter import FIELDS

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def today():
    return datetime.datetime.now(VIETNAM).date().isoformat()


def test_new_article_has_every_field_and_builds(site):
    before = today()
    result = site.make("new", "TITLE=Đoàn Thanh niên Sở Tài chính: triển khai 281/QĐ-TTg")
    after = today()
    assert result.returncode == 0, result.stderr
    created = list((site.root / "content/articles").iterdir())
    assert len(created) == 1
    name = created[0].name
    assert name in (f"{day}-doan-thanh-nien-so-tai-chinh-trien-khai-281-qd-ttg.md"
                    for day in (before, after))
    assert result.stdout.splitlines()[-3:] == [
        f"Đã tạo bài viết mới: content/articles/{name}",
        "Mở tệp này, điền các trường và viết nội dung, rồi chạy make serve để xem trước.",
        "Bài mới là bản nháp (status: draft): viết xong, đổi thành status: published để đăng.",
    ]

    text = created[0].read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert list(front) == list(FIELDS)
    assert front["title"] == "Đoàn Thanh niên Sở Tài chính: triển khai 281/QĐ-TTg"
    assert front["category"] == "Tin hoạt động"
    # A draft until the officer publishes it (issue 16).
    assert front["status"] == "draft"
    assert str(front["date"]).startswith(name[:10])
    assert "# Tiêu đề bài viết (bắt buộc). Giữ hai dấu ngoặc kép.\ntitle:" in text
    assert "# Ảnh bìa (đặt ảnh trong content/images), ví dụ: images/hoi-nghi.png.\ncover:" in text

    build = site.build()
    assert build.returncode == 0, build.stderr
    assert not (site.output / "doan-thanh-nien-so-tai-chinh-trien-khai-281-qd-ttg").exists()
    # Published without writing it: refused, at the sample sentence.
    created[0].write_text(text.replace("status: draft", "status: published"), encoding="utf-8")
    refused = site.build()
    assert refused.returncode == 1
    line = text.splitlines().index("Viết nội dung bài ở đây, sau dòng --- ở trên.") + 1
    assert f"1. content/articles/{name}, dòng {line}, cột 1: bài viết vẫn còn câu mẫu của make " \
        "new, chưa viết nội dung (gặp: Viết nội dung bài ở đây, sau dòng --- ở trên.). Cách " \
        "sửa: thay câu mẫu và các mục mẫu bằng nội dung bài; nếu chưa viết xong, để " \
        "`status: draft` (bản nháp, không đăng)" in refused.stderr.splitlines()
    written = text.replace("status: draft", "status: published").replace(
        "Viết nội dung bài ở đây, sau dòng --- ở trên.", "Chi đoàn ra quân.")
    created[0].write_text(written, encoding="utf-8")
    build = site.build()
    assert build.returncode == 0, build.stderr
    # The file name carries the same slug as the article's address on the site.
    page = site.html("doan-thanh-nien-so-tai-chinh-trien-khai-281-qd-ttg/index.html")
    assert "Đoàn Thanh niên Sở Tài chính: triển khai 281/QĐ-TTg</h1>" in page


def test_quotes_in_the_title_survive(site):
    result = site.make("new", 'TITLE=Phát động "Ống tiết kiệm khuyến học"', "DATE=2025-03-04")
    assert result.returncode == 0, result.stderr
    path = site.root / "content/articles/2025-03-04-phat-dong-ong-tiet-kiem-khuyen-hoc.md"
    assert 'title: "Phát động \\"Ống tiết kiệm khuyến học\\""' in path.read_text(encoding="utf-8")
    assert site.build().returncode == 0
    page = site.html("drafts/phat-dong-ong-tiet-kiem-khuyen-hoc.html")  # a draft: previewed there
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert html.unescape(heading.strip()) == 'Phát động "Ống tiết kiệm khuyến học"'


def test_existing_article_is_never_overwritten(site):
    assert site.make("new", "TITLE=Trao học bổng", "DATE=2025-09-05").returncode == 0
    path = site.root / "content/articles/2025-09-05-trao-hoc-bong.md"
    path.write_text("bài đang viết dở", encoding="utf-8")

    result = site.make("new", "TITLE=Trao học bổng", "DATE=2025-09-05")
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        "KHÔNG TẠO ĐƯỢC BÀI VIẾT: content/articles/2025-09-05-trao-hoc-bong.md: "
        "đã có bài viết ở tệp này, không ghi đè. Cách sửa: mở tệp đó để sửa tiếp, "
        "hoặc đặt tiêu đề khác cho bài mới"
    )
    assert path.read_text(encoding="utf-8") == "bài đang viết dở"


def test_missing_title_is_explained(site):
    result = site.make("new")
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        "KHÔNG TẠO ĐƯỢC BÀI VIẾT: chưa có tiêu đề bài viết. Cách sửa: chạy lại với "
        'tiêu đề, ví dụ: make new TITLE="Hội nghị tổng kết năm 2025"'
    )
    assert not list((site.root / "content/articles").iterdir())


def test_title_without_letters_is_refused(site):
    result = site.make("new", "TITLE=!!!")
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        "KHÔNG TẠO ĐƯỢC BÀI VIẾT: tiêu đề không có chữ hay số nào để làm đường dẫn "
        '(gặp: !!!). Cách sửa: viết tiêu đề có chữ, ví dụ: make new TITLE="Trao học bổng năm 2025"'
    )


def test_impossible_date_is_refused(site):
    result = site.make("new", "TITLE=Trao học bổng", "DATE=2025-02-30")
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        'KHÔNG TẠO ĐƯỢC BÀI VIẾT: ngày DATE không hợp lệ (gặp: 2025-02-30). '
        "Cách sửa: viết ngày có thật theo dạng 2025-11-20, hoặc bỏ DATE để lấy ngày hôm nay"
    )
    assert "Traceback" not in result.stderr


def test_every_reader_field_is_offered():
    assert list(TEMPLATE) == list(FIELDS)
