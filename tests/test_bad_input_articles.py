"""Bad articles: each stops the build with its exact Vietnamese message, file
and line, exit code 1, no traceback, and the last good site left exactly as
it was (every file's bytes, the file list, modes and modification times).
"""

import shutil
import signal
import subprocess
import sys
import time
import unicodedata

import pytest

from conftest import PROJECT, make_site
from last_good_site import LastGoodSite, assert_refused

FIX_TITLE = "đổi tiêu đề, hoặc thêm dòng `slug: ten-rieng-khong-dau` để bài có địa chỉ riêng"
FIX_RUNNING_ELEMENT = ("xoá thẻ này; muốn giới thiệu video hay bản đồ của trang khác thì "
                       "chỉ đặt liên kết tới trang đó")
FIX_PLAIN_LINK = ("sửa địa chỉ cho đúng; liên kết tới bài khác nên viết "
                  "[chữ]({filename}/articles/ten-tep.md), tới ảnh viết "
                  "{static}/images/ten-anh.png, để chương trình tự tính địa chỉ")
BAD = "content/articles/bai-loi.md"
UNSHOWN = ("tham chiếu số liệu đặt ở chỗ trang không hiện được (lời mô tả hay địa chỉ của "
           "ảnh, địa chỉ liên kết, thuộc tính HTML) (gặp: [[funds/khoi-cq/2019/closing]]). "
           "Cách sửa: đặt tham chiếu trong câu văn, ngoài dấu ngoặc của ảnh hay liên kết; lời "
           "mô tả ảnh và địa chỉ viết bằng chữ thường, không có [[...]]")
NOT_ALLOWED_TAG = "thẻ HTML không được phép trong bài viết"
FIX_TAG = ("xoá thẻ này (và thẻ đóng của nó); trong bài chỉ dùng Markdown hoặc các thẻ định "
           "dạng thông thường: p, strong, em, a, img, table, ul, ol, blockquote, figure")


def article(front, body="Nội dung bài viết."):
    return f"---\n{front}---\n{body}\n"


def windows_1258(text):
    """As an old Vietnamese Windows editor saves it: "ộ" is "ô" and a combining
    dot below (Windows-1258 has letters with circumflex, breve and horn, and
    combining tone marks)."""
    saved = bytearray()
    for letter in text:
        parts = unicodedata.normalize("NFD", letter)
        for split in (len(parts), 2, 1):
            head = unicodedata.normalize("NFC", parts[:split])
            try:
                saved += head.encode("cp1258") + parts[split:].encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
    return bytes(saved)


GOOD_FRONT = 'title: "Bài lỗi"\ndate: 2021-05-04 08:00\ncategory: Tin hoạt động\n'


@pytest.fixture(scope="module")
def last_good(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("last-good-articles"))
    shutil.rmtree(site.root / "data")
    shutil.copytree(PROJECT / "data", site.root / "data")
    shutil.copy(PROJECT / "content/images/tu-sach.png", site.root / "content/images/tu-sach.png")
    site.write("content/articles/2020-03-23-trao-qua.md", article(
        'title: "Trao quà cho con hội viên"\ndate: 2020-03-23 08:30\n'
        "category: Tin hoạt động\ntags: [trao quà, khuyến học]\nauthor: Nguyễn Văn An\n"
        'summary: "Tóm tắt ngắn."\ncover: images/tu-sach.png\n'
        'cover_caption: "Ảnh: Tủ sách."\nfeatured: true\n',
        "Xem thêm [quỹ năm 2020]({filename}/articles/2021-01-22-quy.md).\n\n"
        "![Tủ sách dùng chung]({static}/images/tu-sach.png)"))
    site.write("content/articles/2021-01-22-quy.md", article(
        'title: "Quỹ khuyến học năm 2020"\ndate: 2021-01-22\ncategory: Quỹ khuyến học\n'))
    site.write("content/pages/gioi-thieu.md", article("title: Giới thiệu\n"))
    return LastGoodSite(site)


# (id, {file: text}, the exact messages, in the order the build prints them)
CASES = [
    ("no-title", {BAD: article("date: 2021-05-04\ncategory: Tin hoạt động\n")}, [
        'content/articles/bai-loi.md, dòng 1: trường "title": thiếu trường bắt buộc. '
        "Cách sửa: thêm dòng `title: ...` (tiêu đề bài viết) vào phần thông tin đầu bài",
    ]),
    ("no-date", {BAD: article('title: "Bài lỗi"\ncategory: Tin hoạt động\n')}, [
        'content/articles/bai-loi.md, dòng 1: trường "date": thiếu trường bắt buộc. '
        "Cách sửa: thêm dòng `date: ...` (ngày đăng, dạng 2018-12-26 hoặc 2018-12-26 08:30) "
        "vào phần thông tin đầu bài",
    ]),
    ("no-category", {BAD: article('title: "Bài lỗi"\ndate: 2021-05-04\n')}, [
        'content/articles/bai-loi.md, dòng 1: trường "category": thiếu trường bắt buộc. '
        "Cách sửa: thêm dòng `category: ...` (chuyên mục, ví dụ Tin hoạt động) "
        "vào phần thông tin đầu bài",
    ]),
    ("empty-title", {BAD: article('title: ""\ndate: 2021-05-04\ncategory: Tin hoạt động\n')}, [
        'content/articles/bai-loi.md, dòng 1: trường "title": thiếu trường bắt buộc. '
        "Cách sửa: thêm dòng `title: ...` (tiêu đề bài viết) vào phần thông tin đầu bài",
    ]),
    ("date-is-words", {BAD: article('title: "Bài lỗi"\ndate: hôm qua\ncategory: Tin\n')}, [
        'content/articles/bai-loi.md, dòng 3, cột 7: trường "date": ngày không hợp lệ '
        "(gặp: hôm qua). Cách sửa: viết ngày có thật theo dạng 2018-12-26 hoặc "
        "2018-12-26 08:30",
    ]),
    ("date-does-not-exist", {BAD: article('title: "Bài lỗi"\ndate: 2021-02-29\ncategory: Tin\n')}, [
        'content/articles/bai-loi.md, dòng 3, cột 7: trường "date": ngày không hợp lệ '
        "(gặp: 2021-02-29). Cách sửa: viết ngày có thật theo dạng 2018-12-26",
    ]),
    ("date-day-first", {BAD: article('title: "Bài lỗi"\ndate: 23/03/2020\ncategory: Tin\n')}, [
        'content/articles/bai-loi.md, dòng 3, cột 7: trường "date": ngày không hợp lệ '
        "(gặp: 23/03/2020). Cách sửa: viết ngày có thật theo dạng 2018-12-26 hoặc "
        "2018-12-26 08:30",
    ]),
    ("modified-not-a-date", {BAD: article(GOOD_FRONT + "modified: sáng nay\n")}, [
        'content/articles/bai-loi.md, dòng 5, cột 11: trường "modified": ngày không hợp lệ '
        "(gặp: sáng nay). Cách sửa: viết ngày có thật theo dạng 2018-12-26 hoặc "
        "2018-12-26 08:30",
    ]),
    ("not-utf8", {BAD: windows_1258(article('title: "Bài lỗi"\ndate: 2021-05-04\n'
                                            "category: Văn bản\n", "Nội dung có dấu"))}, [
        "content/articles/bai-loi.md, dòng 2: tệp không được lưu theo bảng mã UTF-8. "
        "Cách sửa: mở tệp trong trình soạn thảo, chọn Lưu với bảng mã (Encoding) UTF-8",
    ]),
    ("front-matter-unclosed-quote", {BAD: article('title: "Bài lỗi\ndate: 2021-05-04\n'
                                                  "category: Tin\n")}, [
        # At the open quote, not at the end of the block (issue 16).
        "content/articles/bai-loi.md, dòng 2, cột 8: ngoặc kép mở ở đây nhưng chưa đóng "
        "trên cùng dòng. Cách sửa: đóng ngoặc kép ở cuối giá trị",
    ]),
    ("front-matter-colon-in-value", {BAD: article("title: Quỹ: năm 2020\ndate: 2021-05-04\n"
                                                  "category: Tin\n")}, [
        # The line to write, in full (issue 16).
        "content/articles/bai-loi.md, dòng 2, cột 11: có dấu hai chấm ở chỗ không được phép. "
        'Cách sửa: đặt cả giá trị trong ngoặc kép vì nó có dấu hai chấm: `title: "Quỹ: năm 2020"`',
    ]),
    # One broken line does not hide the file's other mistakes (issue 16).
    ("front-matter-colon-and-other-mistakes", {BAD: article(
        "title: Quỹ: năm 2020\ndate: 2021-02-30\ncategory: Tin hoat dong\nfeatured: có\n")}, [
        "content/articles/bai-loi.md, dòng 2, cột 11: có dấu hai chấm ở chỗ không được phép. "
        'Cách sửa: đặt cả giá trị trong ngoặc kép vì nó có dấu hai chấm: `title: "Quỹ: năm 2020"`',
        'content/articles/bai-loi.md, dòng 3, cột 7: trường "date": ngày không hợp lệ '
        "(gặp: 2021-02-30). Cách sửa: viết ngày có thật theo dạng 2018-12-26",
        'content/articles/bai-loi.md, dòng 4, cột 11: trường "category": chuyên mục không có '
        'trong hoi.yaml (gặp: Tin hoat dong). Cách sửa: có phải ý bạn là "Tin hoạt động"? Viết '
        "đúng tên một chuyên mục: Tin hoạt động, Tin, Văn bản, Quỹ khuyến học, Khen thưởng, "
        "Gương sáng, Gương hiếu học, Gương học tập; muốn thêm chuyên mục mới, thêm nó vào danh sách "
        "categories trong hoi.yaml",
        'content/articles/bai-loi.md, dòng 5, cột 11: trường "featured": chỉ nhận true hoặc '
        "false (gặp: 'có'). Cách sửa: viết `featured: true` hoặc xoá dòng này",
    ]),
    ("front-matter-tab", {BAD: article(GOOD_FRONT + "tags:\n\t- một\n")}, [
        "content/articles/bai-loi.md, dòng 6, cột 1: có ký tự Tab. "
        "Cách sửa: dùng dấu cách để thụt lề, không dùng phím Tab",
    ]),
    ("front-matter-not-closed", {BAD: "---\n" + GOOD_FRONT + "Nội dung bài viết.\n"}, [
        "content/articles/bai-loi.md, dòng 1: phần thông tin đầu bài không có dòng `---` "
        "đóng lại. Cách sửa: thêm một dòng `---` sau trường cuối cùng (thường là summary:)",
    ]),
    ("no-front-matter", {BAD: "Title: Kiểu cũ\nDate: 2021-05-04\n\nNội dung\n"}, [
        "content/articles/bai-loi.md, dòng 1: bài viết không bắt đầu bằng phần thông tin "
        "(front matter). Cách sửa: dòng đầu tiên của tệp phải là `---`, tiếp theo là "
        "title:, date:, category:, rồi một dòng `---` nữa trước nội dung",
    ]),
    ("front-matter-is-a-list", {BAD: "---\n- title\n- date\n---\nNội dung\n"}, [
        "content/articles/bai-loi.md, dòng 2: phần thông tin đầu bài phải là các dòng "
        "`tên: giá trị`. Cách sửa: viết mỗi trường trên một dòng, ví dụ `title: \"Tiêu đề\"`",
    ]),
    ("empty-file", {BAD: b""}, [
        "content/articles/bai-loi.md, dòng 1: tệp trống. Cách sửa: dòng đầu tiên của tệp "
        "phải là `---`, tiếp theo là title:, date:, category:, rồi một dòng `---` nữa "
        "trước nội dung",
    ]),
    ("blank-file", {BAD: "\n   \n\n"}, [
        "content/articles/bai-loi.md, dòng 1: tệp trống. Cách sửa: dòng đầu tiên của tệp "
        "phải là `---`, tiếp theo là title:, date:, category:, rồi một dòng `---` nữa "
        "trước nội dung",
    ]),
    ("unknown-field", {BAD: article(GOOD_FRONT + "sumary: Tóm tắt\n")}, [
        'content/articles/bai-loi.md, dòng 5, cột 9: trường "sumary": trường không có trong '
        'danh sách (gặp: sumary). Cách sửa: có phải ý bạn là "summary"? Sửa tên trường',
    ]),
    ("field-twice", {BAD: article(GOOD_FRONT + 'title: "Lần hai"\n')}, [
        'content/articles/bai-loi.md, dòng 5, cột 1: trường "title": trường bị viết hai lần '
        "(lần đầu ở dòng 2). Cách sửa: giữ một dòng và xoá dòng còn lại",
    ]),
    ("list-where-text-belongs", {BAD: article("title: [Quỹ, năm 2020]\ndate: 2021-05-04\n"
                                              "category: Tin\n")}, [
        'content/articles/bai-loi.md, dòng 2, cột 8: trường "title": phải là một đoạn chữ '
        "(gặp: ['Quỹ', 'năm 2020']). Cách sửa: đặt giá trị trong ngoặc kép, ví dụ "
        '`title: "..."`',
    ]),
    ("mapping-where-text-belongs", {BAD: article(GOOD_FRONT + "author:\n  name: An\n")}, [
        'content/articles/bai-loi.md, dòng 6, cột 3: trường "author": phải là một đoạn chữ '
        "(gặp: {'name': 'An'}). Cách sửa: đặt giá trị trong ngoặc kép, ví dụ "
        '`author: "..."`',
    ]),
    ("tags-not-a-list", {BAD: article(GOOD_FRONT + "tags: {quỹ: 1}\n")}, [
        'content/articles/bai-loi.md, dòng 5, cột 7: trường "tags": phải là danh sách thẻ '
        "(gặp: {'quỹ': 1}). Cách sửa: viết `tags: [thẻ một, thẻ hai]`",
    ]),
    ("featured-not-true-false", {BAD: article(GOOD_FRONT + "featured: có\n")}, [
        'content/articles/bai-loi.md, dòng 5, cột 11: trường "featured": chỉ nhận true hoặc '
        "false (gặp: 'có'). Cách sửa: viết `featured: true` hoặc xoá dòng này",
    ]),
    ("unknown-status", {BAD: article(GOOD_FRONT + "status: nháp\n")}, [
        'content/articles/bai-loi.md, dòng 5, cột 9: trường "status": trạng thái không hợp lệ '
        "(gặp: 'nháp'). Cách sửa: viết published, draft hoặc hidden",
    ]),
    ("caption-without-cover", {BAD: article(GOOD_FRONT + 'cover_caption: "Ảnh"\n')}, [
        'content/articles/bai-loi.md, dòng 5, cột 16: trường "cover_caption": có chú thích '
        "ảnh nhưng không có ảnh bìa. Cách sửa: thêm `cover: images/ten-anh.png` hoặc xoá "
        "cover_caption",
    ]),
    ("vietnamese-number", {BAD: article("title: 1.230\ndate: 2021-05-04\ncategory: Tin\n")}, [
        'content/articles/bai-loi.md, dòng 2, cột 8: trường "title": số viết có dấu chấm '
        "ngăn cách hàng nghìn sẽ bị đọc sai (gặp: 1.230). Cách sửa: viết 1230 hoặc 1_230 "
        "(không dùng dấu chấm ngăn cách hàng nghìn)",
    ]),
    ("python-object-tag", {BAD: article(
        GOOD_FRONT + 'author: !!python/object/apply:os.system ["echo hỏng"]\n')}, [
        'content/articles/bai-loi.md, dòng 5, cột 9: trường "author": kiểu giá trị đặc biệt '
        "của YAML không được phép (gặp: !!python/object/apply:os.system). Cách sửa: xoá "
        "phần bắt đầu bằng dấu chấm than (!) và chỉ viết giá trị",
    ]),
    ("python-name-tag", {BAD: article(GOOD_FRONT + "summary: !!python/name:os.system\n")}, [
        'content/articles/bai-loi.md, dòng 5, cột 10: trường "summary": kiểu giá trị đặc biệt '
        "của YAML không được phép (gặp: !!python/name:os.system). Cách sửa: xoá "
        "phần bắt đầu bằng dấu chấm than (!) và chỉ viết giá trị",
    ]),
    ("page-without-title", {"content/pages/lien-he.md": article("slug: lien-he\n")}, [
        'content/pages/lien-he.md, dòng 1: trường "title": thiếu trường bắt buộc. '
        "Cách sửa: thêm dòng `title: ...` (tiêu đề bài viết) vào phần thông tin đầu bài",
    ]),
    # Across files: each file is fine alone.
    ("same-slug", {BAD: article('title: "Trao quà cho con hội viên"\ndate: 2021-05-04\n'
                                "category: Tin\n")}, [
        'content/articles/bai-loi.md, dòng 2, cột 8: trường "title": trùng địa chỉ '
        "/trao-qua-cho-con-hoi-vien/ với content/articles/2020-03-23-trao-qua.md "
        f"(trang sau sẽ ghi đè trang trước). Cách sửa: {FIX_TITLE}",
    ]),
    ("same-slug-written", {BAD: article(GOOD_FRONT + "slug: quy-khuyen-hoc-nam-2020\n")}, [
        'content/articles/bai-loi.md, dòng 5, cột 7: trường "slug": trùng địa chỉ '
        "/quy-khuyen-hoc-nam-2020/ với content/articles/2021-01-22-quy.md "
        f"(trang sau sẽ ghi đè trang trước). Cách sửa: {FIX_TITLE}",
    ]),
    ("article-at-a-page-address", {BAD: article('title: "Giới thiệu"\ndate: 2021-05-04\n'
                                                "category: Tin\n")}, [
        'content/pages/gioi-thieu.md, dòng 2, cột 8: trường "title": trùng địa chỉ '
        "/gioi-thieu/ với content/articles/bai-loi.md "
        f"(trang sau sẽ ghi đè trang trước). Cách sửa: {FIX_TITLE}",
    ]),
    ("article-at-the-archives-address", {BAD: article('title: "Lưu trữ"\ndate: 2021-05-04\n'
                                                      "category: Tin\n")}, [
        'content/articles/bai-loi.md, dòng 2, cột 8: trường "title": địa chỉ /luu-tru/ đã '
        "dành cho một trang của trang web (gặp: /luu-tru/). Cách sửa: thêm dòng "
        "`slug: ten-rieng-khong-dau` để bài có địa chỉ riêng",
    ]),
    ("article-at-the-statistics-address", {BAD: article(GOOD_FRONT + "slug: so-lieu\n")}, [
        'content/articles/bai-loi.md, dòng 5, cột 7: trường "slug": địa chỉ /so-lieu/ đã '
        "dành cho một trang của trang web (gặp: /so-lieu/). Cách sửa: thêm dòng "
        "`slug: ten-rieng-khong-dau` để bài có địa chỉ riêng",
    ]),
    ("link-to-missing-article", {BAD: article(
        GOOD_FRONT, "Đoạn đầu.\n\nXem [quỹ]({filename}/articles/2021-01-22-quy-nam.md).")}, [
        "content/articles/bai-loi.md, dòng 8, cột 11: liên kết tới bài viết không có "
        "(gặp: {filename}/articles/2021-01-22-quy-nam.md). Cách sửa: có phải ý bạn là "
        "{filename}/articles/2021-01-22-quy.md? Sửa tên tệp trong liên kết",
    ]),
    ("link-to-missing-article-relative", {BAD: article(
        GOOD_FRONT, "Xem [bài]({filename}khong-co-bai-nay.md).")}, [
        "content/articles/bai-loi.md, dòng 6, cột 11: liên kết tới bài viết không có "
        "(gặp: {filename}khong-co-bai-nay.md). Cách sửa: viết tên tệp của bài trong "
        "content/, ví dụ {filename}/articles/2018-12-26-tong-ket-cong-tac-nam-2018.md, "
        "hoặc xoá liên kết",
    ]),
    ("missing-image", {BAD: article(GOOD_FRONT, "![Tủ sách]({static}/images/tu-sach.jpg)")}, [
        "content/articles/bai-loi.md, dòng 6, cột 12: liên kết tới ảnh hay tệp không có "
        "(gặp: {static}/images/tu-sach.jpg). Cách sửa: có phải ý bạn là "
        "{static}/images/tu-sach.png? Sửa tên tệp trong liên kết",
    ]),
    ("image-linked-as-article", {BAD: article(GOOD_FRONT, "![Tủ sách]({filename}/images/tu-sach.png)")}, [
        "content/articles/bai-loi.md, dòng 6, cột 12: liên kết tới ảnh hay tệp phải viết bằng "
        "{static} (gặp: {filename}/images/tu-sach.png). Cách sửa: viết "
        "{static}/images/tu-sach.png",
    ]),
    ("unknown-link-kind", {BAD: article(GOOD_FRONT, "Xem [quỹ]({bai}/articles/2021-01-22-quy.md)")}, [
        "content/articles/bai-loi.md, dòng 6, cột 11: không có kiểu liên kết {bai} "
        "(gặp: {bai}/articles/2021-01-22-quy.md). Cách sửa: viết {filename}/articles/ten-tep.md "
        "để liên kết tới bài viết, {static}/images/ten-anh.png để liên kết tới ảnh",
    ]),
    ("missing-cover", {BAD: article(GOOD_FRONT + "cover: images/tu_sach.png\n")}, [
        'content/articles/bai-loi.md, dòng 5, cột 8: trường "cover": không có ảnh bìa này '
        "trong content/images/ (gặp: images/tu_sach.png). Cách sửa: có phải ý bạn là "
        "images/tu-sach.png? Sửa tên ảnh",
    ]),
    ("cover-outside-content", {BAD: article(GOOD_FRONT + "cover: ../../etc/passwd\n")}, [
        'content/articles/bai-loi.md, dòng 5, cột 8: trường "cover": không có ảnh bìa này '
        "trong content/images/ (gặp: ../../etc/passwd). Cách sửa: đặt ảnh vào "
        "content/images/ rồi viết `cover: images/ten-anh.png`",
    ]),
    ("image-without-description", {BAD: article(GOOD_FRONT, "![]({static}/images/tu-sach.png)")}, [
        "content/articles/bai-loi.md, dòng 6, cột 5: ảnh chưa có lời mô tả "
        "(gặp: {static}/images/tu-sach.png). Cách sửa: viết lời mô tả ngắn trong ngoặc "
        "vuông, ví dụ ![Quang cảnh hội nghị]({static}/images/tu-sach.png), để người dùng "
        "máy đọc màn hình biết ảnh nói gì",
    ]),
    ("typed-link-to-missing-page", {BAD: article(GOOD_FRONT, "Xem [bài cũ](/bai-cu-da-xoa/).")}, [
        "content/articles/bai-loi.md, dòng 6, cột 14: liên kết không dẫn tới trang hay tệp "
        "nào của trang web (ở trang /) (gặp: /bai-cu-da-xoa/). "
        f"Cách sửa: {FIX_PLAIN_LINK}",
    ]),
    ("relative-link-that-breaks-on-the-home-page", {BAD: article(
        GOOD_FRONT, "Xem [quỹ](../quy-khuyen-hoc-nam-2020/).")}, [
        "content/articles/bai-loi.md, dòng 6, cột 11: liên kết không dẫn tới trang hay tệp "
        "nào của trang web (ở trang /) (gặp: ../quy-khuyen-hoc-nam-2020/). "
        f"Cách sửa: {FIX_PLAIN_LINK}",
    ]),
    # Data references name a dataset, a unit and a year: never a path to a file.
    ("data-reference-to-a-parent-folder", {BAD: article(GOOD_FRONT, "[[bảng: ../khoi-cq/2019]]")}, [
        'content/articles/bai-loi.md, dòng 6, cột 1: tham chiếu số liệu: không có bộ số liệu ".." '
        "(gặp: [[bảng: ../khoi-cq/2019]]). Cách sửa: Các bộ số liệu: funds, awards, "
        "organisation, support, learning_models, training, fund_reports, contribution_norms, "
        "learning_registration",
    ]),
    ("data-reference-to-an-encoded-path", {BAD: article(
        GOOD_FRONT, "[[..%2F..%2Fetc/passwd/2019/closing]]")}, [
        'content/articles/bai-loi.md, dòng 6, cột 1: tham chiếu số liệu: không có bộ số liệu '
        '"..%2F..%2Fetc" (gặp: [[..%2F..%2Fetc/passwd/2019/closing]]). Cách sửa: Các bộ số '
        "liệu: funds, awards, organisation, support, learning_models, training, fund_reports, "
        "contribution_norms, learning_registration",
    ]),
    ("data-reference-with-a-parent-unit", {BAD: article(GOOD_FRONT, "[[funds/../2019/closing]]")}, [
        'content/articles/bai-loi.md, dòng 6, cột 1: tham chiếu số liệu: không có đơn vị ".." '
        "(gặp: [[funds/../2019/closing]]). Cách sửa: Mã đơn vị viết như trong "
        "data/units.yaml: hoi-khvn, hoi-kh-tinh, khoi-cq, so-gddt, so-yte, so-tc, mttq-tinh, "
        "doan-the-tinh",
    ]),
    # A worked-out figure must agree with the words around it and be exact.
    ("derived-decrease-that-the-data-show-as-a-rise", {BAD: article(
        GOOD_FRONT, "Hội viên giảm [[giảm: organisation/khoi-cq/2023-2024 members]] người.")}, [
        'content/articles/bai-loi.md, dòng 6, cột 15: tham chiếu số liệu: viết "giảm" nhưng '
        "theo số liệu, hội viên của Hội Khuyến học Khối tăng: 8.655 năm 2023, 8.790 năm 2024 "
        "(gặp: [[giảm: organisation/khoi-cq/2023-2024 members]]). Cách sửa: viết lại câu cho "
        "đúng số liệu, ví dụ dùng [[tăng: organisation/khoi-cq/2023-2024 members]], hoặc "
        "[[thay đổi: organisation/khoi-cq/2023-2024 members]] (tự viết “tăng”, “giảm” hay "
        "“không đổi”); nếu số liệu sai thì sửa trong data/organisation.yaml",
    ]),
    ("derived-from-an-approximate-figure", {BAD: article(
        GOOD_FRONT, "Tăng [[tăng: organisation/khoi-cq/2018-2019 members]] hội viên.")}, [
        "content/articles/bai-loi.md, dòng 6, cột 6: tham chiếu số liệu: hội viên năm 2018 là "
        "số ước lượng (hơn 8.000), nên mức tăng, giảm tính ra không chính xác (gặp: [[tăng: "
        "organisation/khoi-cq/2018-2019 members]]). Cách sửa: nếu có số chính xác, sửa members "
        'năm 2018 trong data/organisation.yaml (bỏ chữ "hơn"); nếu không, bỏ tham chiếu này '
        "và viết câu không nêu mức tăng, giảm",
    ]),
    ("data-reference-to-etc-passwd", {BAD: article(GOOD_FRONT, "[[bảng: ../../../etc/passwd]]")}, [
        "content/articles/bai-loi.md, dòng 6, cột 1: tham chiếu số liệu: bảng và biểu đồ cần "
        "đủ ba phần: bộ số liệu, đơn vị và năm (gặp: [[bảng: ../../../etc/passwd]]). Cách sửa: "
        "viết [[bảng: bộ-số-liệu/đơn-vị/năm trường trường...]], ví dụ "
        "[[bảng: funds/khoi-cq/2021-2022 raised disbursed]]",
    ]),
    # Malformed references are refused, not published as raw text (issue 16).
    ("reference-with-one-closing-bracket", {BAD: article(
        GOOD_FRONT, 'Tặng [[support/khoi-cq/2018/quantity item="Học bổng"] suất.')}, [
        "content/articles/bai-loi.md, dòng 6, cột 6: tham chiếu số liệu thiếu hai dấu ]] để "
        'đóng (gặp: [[support/khoi-cq/2018/quantity item="Học bổng"]). Cách sửa: viết '
        '[[support/khoi-cq/2018/quantity item="Học bổng"]] (hai dấu ] ở cuối); muốn hiện '
        "hai dấu ngoặc vuông như chữ thường, viết \\[[",
    ]),
    ("reference-with-one-opening-bracket", {BAD: article(
        GOOD_FRONT, "Số dư [funds/khoi-cq/2018/closing]] đồng.")}, [
        "content/articles/bai-loi.md, dòng 6, cột 7: tham chiếu số liệu thiếu hai dấu [[ để "
        "mở (gặp: [funds/khoi-cq/2018/closing]]). Cách sửa: viết "
        "[[funds/khoi-cq/2018/closing]] (hai dấu [ ở đầu)",
    ]),
    ("reference-split-across-lines", {BAD: article(
        GOOD_FRONT, "Số dư [[funds/khoi-cq/2018/closing\n]] đồng.")}, [
        "content/articles/bai-loi.md, dòng 6, cột 7: tham chiếu số liệu bị ngắt xuống dòng "
        "(gặp: [[funds/khoi-cq/2018/closing). Cách sửa: viết cả tham chiếu, từ [[ đến ]], "
        "trên cùng một dòng",
    ]),
    ("reference-value-with-double-quotes-inside", {BAD: article(
        GOOD_FRONT, 'Số [[awards/khoi-cq/2018/count title="Vì "sự nghiệp" khuyến học"]].')}, [
        'content/articles/bai-loi.md, dòng 6, cột 4: tham chiếu số liệu: giá trị của "title" '
        "có dấu ngoặc kép ở bên trong, nên bị cắt ngang ở dấu ngoặc kép thứ hai (gặp: "
        '[[awards/khoi-cq/2018/count title="Vì "sự nghiệp" khuyến học"]]). Cách sửa: đặt cả '
        """giá trị trong dấu nháy đơn: title='Vì "sự nghiệp" khuyến học'""",
    ]),
    ("script-in-body", {BAD: article(GOOD_FRONT, "Đoạn đầu.\n\n<script>alert('x')</script>")}, [
        "content/articles/bai-loi.md, dòng 8, cột 1: mã HTML có thể chạy trong trình duyệt "
        f"của người đọc (gặp: <script>). Cách sửa: {FIX_RUNNING_ELEMENT}",
    ]),
    ("onerror-in-body", {BAD: article(GOOD_FRONT, '<img src="x.png" alt="x" onerror="alert(1)">')}, [
        "content/articles/bai-loi.md, dòng 6, cột 26: mã HTML có thể chạy trong trình duyệt "
        "của người đọc (gặp: onerror=). Cách sửa: xoá thuộc tính này khỏi thẻ HTML (trang "
        "không chạy mã của bài viết)",
    ]),
    ("javascript-link", {BAD: article(GOOD_FRONT, "[Bấm vào đây](javascript:alert(1))")}, [
        "content/articles/bai-loi.md, dòng 6, cột 15: mã HTML có thể chạy trong trình duyệt "
        "của người đọc (gặp: javascript:). Cách sửa: chỉ dùng liên kết bắt đầu bằng "
        "https:// hoặc liên kết trong trang",
    ]),
    ("iframe-in-body", {BAD: article(GOOD_FRONT, '<iframe src="https://video.example/x"></iframe>')}, [
        "content/articles/bai-loi.md, dòng 6, cột 1: mã HTML có thể chạy trong trình duyệt "
        f"của người đọc (gặp: <iframe>). Cách sửa: {FIX_RUNNING_ELEMENT}",
    ]),
    # Markup that a hand-written reader takes for text or a comment and the
    # browser for a live element (mXSS): read as the HTML algorithm reads it.
    ("onerror-after-an-abruptly-closed-comment", {BAD: article(
        GOOD_FRONT, "<!--> <img src=x alt=a onerror=alert(1)> -->")}, [
        "content/articles/bai-loi.md, dòng 6, cột 24: mã HTML có thể chạy trong trình duyệt "
        "của người đọc (gặp: onerror=). Cách sửa: xoá thuộc tính này khỏi thẻ HTML (trang "
        "không chạy mã của bài viết)",
    ]),
    ("onerror-in-a-noscript-attribute", {BAD: article(
        GOOD_FRONT, '<noscript><p title="</noscript><img src=x alt=a onerror=alert(1)>">')}, [
        f"content/articles/bai-loi.md, dòng 6, cột 1: {NOT_ALLOWED_TAG} (gặp: <noscript>). "
        f"Cách sửa: {FIX_TAG}",
        "content/articles/bai-loi.md, dòng 6, cột 49: mã HTML có thể chạy trong trình duyệt "
        "của người đọc (gặp: onerror=). Cách sửa: xoá thuộc tính này khỏi thẻ HTML (trang "
        "không chạy mã của bài viết)",
    ]),
    ("element-after-a-textarea", {BAD: article(
        GOOD_FRONT, "<textarea></textarea><img src=x alt=a onerror=alert(1)>")}, [
        f"content/articles/bai-loi.md, dòng 6, cột 1: {NOT_ALLOWED_TAG} (gặp: <textarea>). "
        f"Cách sửa: {FIX_TAG}",
        "content/articles/bai-loi.md, dòng 6, cột 39: mã HTML có thể chạy trong trình duyệt "
        "của người đọc (gặp: onerror=). Cách sửa: xoá thuộc tính này khỏi thẻ HTML (trang "
        "không chạy mã của bài viết)",
    ]),
    ("title-xmp-noembed", {BAD: article(
        GOOD_FRONT, "<title>a</title>\n\n<xmp>b</xmp>\n\n"
                    '<noembed><img alt=b title="</noembed><img src alt=a onerror=alert(1)>"></noembed>')}, [
        f"content/articles/bai-loi.md, dòng 6, cột 1: {NOT_ALLOWED_TAG} (gặp: <title>). "
        f"Cách sửa: {FIX_TAG}",
        f"content/articles/bai-loi.md, dòng 8, cột 1: {NOT_ALLOWED_TAG} (gặp: <xmp>). "
        f"Cách sửa: {FIX_TAG}",
        f"content/articles/bai-loi.md, dòng 10, cột 1: {NOT_ALLOWED_TAG} (gặp: <noembed>). "
        f"Cách sửa: {FIX_TAG}",
        "content/articles/bai-loi.md, dòng 10, cột 53: mã HTML có thể chạy trong trình duyệt "
        "của người đọc (gặp: onerror=). Cách sửa: xoá thuộc tính này khỏi thẻ HTML (trang "
        "không chạy mã của bài viết)",
    ]),
    ("svg-cdata-and-animate-to-javascript", {BAD: article(
        GOOD_FRONT, "<svg><![CDATA[><img src=x>]]><a><animate attributeName=href "
                    "values=javascript:alert(1) /><text>x</text></a></svg>")}, [
        f"content/articles/bai-loi.md, dòng 6, cột 1: {NOT_ALLOWED_TAG} (gặp: <svg>). "
        f"Cách sửa: {FIX_TAG}",
        "content/articles/bai-loi.md, dòng 6, cột 68: mã HTML có thể chạy trong trình duyệt "
        "của người đọc (gặp: javascript:). Cách sửa: chỉ dùng liên kết bắt đầu bằng "
        "https:// hoặc liên kết trong trang",
    ]),
    ("javascript-link-with-a-tab-entity", {BAD: article(
        GOOD_FRONT, '<a href="jav&#x09;ascript:alert(1)">Bấm</a>')}, [
        "content/articles/bai-loi.md, dòng 6: mã HTML có thể chạy trong trình duyệt "
        "của người đọc (gặp: javascript:). Cách sửa: chỉ dùng liên kết bắt đầu bằng "
        "https:// hoặc liên kết trong trang",
    ]),
    ("inline-style", {BAD: article(
        GOOD_FRONT, '<p style="color:red">Chữ đỏ</p>')}, [
        "content/articles/bai-loi.md, dòng 6, cột 4: thuộc tính style= không được phép trong "
        "bài viết (gặp: style=). Cách sửa: xoá thuộc tính style=; màu, cỡ chữ và căn lề do "
        "giao diện của trang quyết định (căn giữa một cột bảng: viết :---: ở dòng kẻ dưới "
        "tiêu đề bảng)",
    ]),
    ("front-matter-nested-too-deep", {BAD: article(GOOD_FRONT + "tags: " + "[" * 20_000
                                                    + "]" * 20_000 + "\n")}, [
        "content/articles/bai-loi.md, dòng 5, cột 56: dữ liệu lồng nhau quá sâu (hơn 50 "
        "tầng). Cách sửa: mỗi bản ghi chỉ cần vài tầng: kiểm tra các dấu [ và { chưa đóng và "
        "thụt lề từ dòng này",
    ]),
    ("front-matter-alias-bomb", {BAD: article(
        GOOD_FRONT + "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n")}, [
        # The lines YAML could read are read field by field (issue 16): "a" is no field.
        'content/articles/bai-loi.md, dòng 5, cột 4: trường "a": trường không có trong danh '
        "sách (gặp: a). Cách sửa: các trường được dùng: title, date, modified, category, tags, "
        "author, summary, cover, cover_caption, featured, slug, status, template",
        "content/articles/bai-loi.md, dòng 6, cột 8: bí danh YAML (*a) không được dùng. Cách "
        "sửa: viết lại đầy đủ giá trị ở đây thay cho *a (và bỏ &a ở chỗ đặt tên)",
    ]),
    # The officer's own mistakes, told as such (not "lỗi nội bộ", not Pelican's English).
    ("title-of-two-thousand-characters", {BAD: article(
        'title: "' + "Tiêu đề rất dài " * 125 + '"\ndate: 2021-05-04 08:00\ncategory: Tin\n')}, [
        'content/articles/bai-loi.md, dòng 2, cột 8: trường "title": tiêu đề quá dài (2000 ký '
        "tự, tối đa 200). Cách sửa: rút gọn tiêu đề; phần giải thích thêm đưa vào summary: "
        "hoặc nội dung bài",
    ]),
    ("unknown-template", {BAD: article(GOOD_FRONT + "template: bai-dac-biet\n")}, [
        'content/articles/bai-loi.md, dòng 5, cột 11: trường "template": không có mẫu trang '
        "này trong giao diện (gặp: bai-dac-biet). Cách sửa: phần lớn bài viết không cần dòng "
        "template:, hãy xoá dòng này (các mẫu có: article, contact, page)",
    ]),
    ("misspelt-template", {BAD: article(GOOD_FRONT + "template: artcle\n")}, [
        'content/articles/bai-loi.md, dòng 5, cột 11: trường "template": không có mẫu trang '
        "này trong giao diện (gặp: artcle). Cách sửa: có phải ý bạn là `template: article`? "
        "phần lớn bài viết không cần dòng template:, hãy xoá dòng này (các mẫu có: article, "
        "contact, page)",
    ]),
    ("slug-leading-out-of-the-site", {BAD: article(GOOD_FRONT + "slug: ../../ra-ngoai\n")}, [
        'content/articles/bai-loi.md, dòng 5, cột 7: trường "slug": đường dẫn riêng chỉ gồm '
        "chữ thường không dấu, chữ số và gạch nối (tối đa 100 ký tự) (gặp: ../../ra-ngoai). "
        "Cách sửa: viết `slug: ra-ngoai`",
    ]),
    ("slug-with-capitals-and-marks", {BAD: article(GOOD_FRONT + 'slug: "Bài Viết Mới"\n')}, [
        'content/articles/bai-loi.md, dòng 5, cột 7: trường "slug": đường dẫn riêng chỉ gồm '
        "chữ thường không dấu, chữ số và gạch nối (tối đa 100 ký tự) (gặp: Bài Viết Mới). "
        "Cách sửa: viết `slug: bai-viet-moi`",
    ]),
    # A reference where the page cannot show it: said, not vanished or breaking the tag.
    ("data-reference-in-image-description-and-address-and-attribute", {BAD: article(
        GOOD_FRONT,
        "![Quỹ còn [[funds/khoi-cq/2019/closing]] đồng]({static}/images/tu-sach.png)\n\n"
        "![Ảnh]({static}/images/[[funds/khoi-cq/2019/closing]].png)\n\n"
        '<img src="{static}/images/tu-sach.png" alt="Quỹ [[funds/khoi-cq/2019/closing]]">\n\n'
        "Quỹ còn [[funds/khoi-cq/2019/closing]] đồng, `[[trong mã]]`, "
        "[xem [[funds/khoi-cq/2019/closing]]]({filename}/articles/2020-03-23-trao-qua.md).")}, [
        f"content/articles/bai-loi.md, dòng 6, cột 11: {UNSHOWN}",
        f"content/articles/bai-loi.md, dòng 8, cột 24: {UNSHOWN}",
        f"content/articles/bai-loi.md, dòng 10, cột 49: {UNSHOWN}",
    ]),
    ("script-in-summary", {BAD: article(GOOD_FRONT + 'summary: "Tóm tắt <script>x()</script>"\n')}, [
        'content/articles/bai-loi.md, dòng 5, cột 19: trường "summary": mã HTML có thể chạy '
        "trong trình duyệt của người đọc (gặp: <script>). "
        f"Cách sửa: {FIX_RUNNING_ELEMENT}",
    ]),
]


@pytest.mark.parametrize("files, messages", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_article_is_refused_and_the_site_kept(last_good, files, messages):
    assert_refused(last_good.refuse(files), messages, last_good)


def test_there_are_at_least_forty_cases_with_the_data_ones():
    from test_bad_input_data import CASES as DATA_CASES
    assert len(CASES) >= 30
    assert len(CASES) + len(DATA_CASES) >= 40


def test_every_mistake_of_every_file_is_listed_together(last_good):
    refusal = last_good.refuse({
        BAD: article('title: "Bài lỗi"\ndate: 2021-13-01\ncategory: Tin\n'),
        "content/articles/bai-loi-2.md": article('title: "Hai"\n'),
    })
    assert refusal.code == 1
    assert [m.split(":")[0] for m in refusal.messages] == [
        "content/articles/bai-loi-2.md, dòng 1",
        "content/articles/bai-loi-2.md, dòng 1",
        "content/articles/bai-loi.md, dòng 3, cột 7",
    ]
    last_good.assert_untouched()


def test_byte_order_mark_is_accepted_on_purpose(last_good, tmp_path):
    """Windows Notepad saves UTF-8 with a byte-order mark: the officer's files
    must build as they are (the mark is not part of the text)."""
    site = make_site(tmp_path)
    site.write("content/articles/bom.md", b"\xef\xbb\xbf" + article(GOOD_FRONT).encode("utf-8"))
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "<h1>Bài lỗi</h1>" in site.html("bai-loi/index.html")


# On the command line, as `make html` runs it: the same messages and exit code.

def test_command_line_refuses_with_exit_code_1_and_no_traceback(last_good):
    refusal = last_good.refuse_on_command_line({
        BAD: windows_1258(article('title: "Bài lỗi"\ndate: 2021-05-04\ncategory: Văn bản\n',
                                  "Nội dung có dấu")),
        "content/articles/bai-loi-2.md": article(GOOD_FRONT.replace("Bài lỗi", "Bài hai"),
                                                 "Xem [x]({filename}/khong-co.md)"),
    })
    assert_refused(refusal, [
        "content/articles/bai-loi-2.md, dòng 6, cột 9: liên kết tới bài viết không có "
        "(gặp: {filename}/khong-co.md). Cách sửa: viết tên tệp của bài trong content/, ví dụ "
        "{filename}/articles/2018-12-26-tong-ket-cong-tac-nam-2018.md, hoặc xoá liên kết",
        "content/articles/bai-loi.md, dòng 2: tệp không được lưu theo bảng mã UTF-8. "
        "Cách sửa: mở tệp trong trình soạn thảo, chọn Lưu với bảng mã (Encoding) UTF-8",
    ], last_good)


# Every kind of failure leaves the last good site as it was.

def test_a_pelican_warning_keeps_the_site(last_good):
    settings = (last_good.root / "pelicanconf.py").read_text(encoding="utf-8")
    refusal = last_good.refuse(
        {"pelicanconf.py": settings + '\nARTICLE_ORDER_BY = "khong-co"\n'})
    assert refusal.code == 1
    assert refusal.messages[0].startswith('Pelican báo: There is no "khong-co" attribute')
    last_good.assert_untouched()


class _BreaksWhileWriting:
    """A Jinja filter with a bug that strikes on the fifth page: by then
    Pelican has written pages into the staging folder."""

    def __init__(self):
        self.calls = 0

    def __call__(self, value, old, new):
        self.calls += 1
        if self.calls == 5:
            raise RuntimeError("hỏng giữa chừng")
        return str(value).replace(old, new)


def test_a_crash_while_writing_keeps_the_site_and_shows_no_traceback(last_good):
    breaks = _BreaksWhileWriting()
    refusal = last_good.build_in_process(overrides={"JINJA_FILTERS": {"replace": breaks}})
    assert breaks.calls == 5
    assert_refused(refusal, [
        "lỗi nội bộ của chương trình (RuntimeError: hỏng giữa chừng). Cách sửa: đây không "
        "phải lỗi của bạn: chép nguyên thông báo này gửi cho người phụ trách kỹ thuật; "
        "trang đang chạy không bị thay đổi",
    ], last_good)


def test_a_broken_link_found_after_writing_keeps_the_site(last_good):
    # The whole site is written before the links are checked; still nothing changes.
    refusal = last_good.refuse({BAD: article(GOOD_FRONT, "[x](khong-co/)")})
    assert refusal.code == 1
    assert "(gặp: khong-co/)" in refusal.messages[0]
    last_good.assert_untouched()


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "killed"])
def test_an_interrupted_build_keeps_the_site_and_the_next_build_cleans_up(last_good, how):
    env_site = last_good.site
    # A new article, so that the build has work to do (an unchanged site is
    # found up to date at once, before any staging folder is made).
    env_site.article(f"dung-do-{how.name.lower()}.md", title=f"Bài dựng dở {how.name}")
    process = subprocess.Popen(
        [sys.executable, "-m", "khuyenhoc.build", "pelicanconf.py"], cwd=env_site.root,
        env={**__import__("os").environ, "PYTHONPATH": str(env_site.root / "plugins")},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".dang-dung-") for p in env_site.root.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, "no staging folder"
        time.sleep(0.01)
    process.send_signal(how)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "Traceback" not in stderr
    if how == signal.SIGINT:
        assert "Đã dừng bản dựng. Trang đã xuất bản vẫn giữ nguyên." in stderr
        last_good.assert_untouched()
    else:
        # A killed process cannot clean up: its staging folder stays, the site does not change.
        assert snapshot_of(last_good) == last_good.good
    result = env_site.build()
    assert result.returncode == 0, result.stderr
    assert not [p for p in env_site.root.iterdir() if p.name.startswith((".dang-dung-", ".cu-"))]
    last_good.good = snapshot_of(last_good)


def snapshot_of(last_good):
    from last_good_site import snapshot
    return snapshot(last_good.site.output)


def test_a_time_typed_as_a_title_stays_the_text_typed(site):
    """YAML 1.1 reads 20:30 as the number 1230 (base 60): the page was /1230/."""
    site.write("content/articles/gio.md", "---\ntitle: 20:30\ndate: 2021-05-04\n"
                                          "category: Tin hoạt động\nsummary: 12:30\n---\nx\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = site.html("20-30/index.html")
    assert "<h1>20:30</h1>" in page
    assert '<div class="lede"><p>12:30</p></div>' in page
