"""Start a new article in one command.

    make new TITLE="Hội nghị tổng kết năm 2025"
    python -m khuyenhoc.commands.new_article --title "..." [--date 2025-11-20]

Creates content/articles/YYYY-MM-DD-<slug>.md with today's date in the
site's time zone, the slug made exactly as Pelican makes the site's URLs
(same settings), and every front-matter field ready to fill, each with a
Vietnamese comment. An existing file is never overwritten. The article is a
draft (`status: draft`) until the officer changes it, and its sample body
(PLACEHOLDER) cannot be published: the build refuses it.
"""

import argparse
import datetime
import json
import os
import sys
import zoneinfo

from pelican.settings import read_settings
from pelican.utils import slugify

from khuyenhoc.errors import OfficerError, display_path
from khuyenhoc.reading.front_matter import FIELDS, PLACEHOLDER

# How each field is offered in a new article: the starting value (YAML) and
# the comment above it. Every field of FIELDS must be here (tested), so a
# field added to the reader is offered to the officer too.
TEMPLATE = {
    "title": ("{title}", "Tiêu đề bài viết (bắt buộc). Giữ hai dấu ngoặc kép."),
    "date": ("{date}", "Ngày giờ đăng (bắt buộc), dạng 2018-12-26 hoặc 2018-12-26 08:30."),
    "modified": ("", "Ngày sửa bài, cùng dạng với date. Để trống nếu chưa sửa."),
    "category": ("{category}", "Chuyên mục (bắt buộc), ví dụ: Tin hoạt động."),
    "tags": ("[]", "Thẻ, ví dụ: [tổng kết, quỹ khuyến học]. Để [] nếu không có thẻ."),
    "author": ('""', "Tên tác giả, ví dụ: \"Nguyễn Văn Thành\"."),
    "summary": ('""', "Một hai câu tóm tắt, hiện ở trang chủ và khi chia sẻ."),
    "cover": ('""', "Ảnh bìa (đặt ảnh trong content/images), ví dụ: images/hoi-nghi.png."),
    "cover_caption": ('""', "Chú thích ảnh bìa, ví dụ: \"Ảnh: Quang cảnh hội nghị.\""),
    "featured": ("false", "true để đưa bài lên mục nổi bật ở trang chủ."),
    "slug": ('""', "Đường dẫn riêng (chữ thường không dấu, gạch nối). "
                   "Để trống: tự tạo từ tiêu đề."),
    "status": ("draft", "Bài mới là bản nháp (draft), chưa đăng. Viết xong, đổi thành "
                        "published để đăng; hidden: có trang nhưng không hiện trong danh sách."),
    "template": ('""', "Mẫu trang riêng. Để trống (ít khi cần)."),
}

BODY = PLACEHOLDER + """

## Tiêu đề mục

Mỗi đoạn văn cách nhau một dòng trống.
"""


def article_slug(title, settings):
    """The slug Pelican gives an article with this title."""
    return slugify(
        title,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def now_in(settings):
    return datetime.datetime.now(zoneinfo.ZoneInfo(settings["TIMEZONE"]))


def front_matter(title, when, category):
    values = {
        "title": json.dumps(title, ensure_ascii=False),
        "date": when.strftime("%Y-%m-%d %H:%M"),
        "category": category,
    }
    lines = ["---"]
    for name in FIELDS:
        value, comment = TEMPLATE[name]
        lines.append(f"# {comment}")
        lines.append(f"{name}: {value.format(**values)}".rstrip())
    lines.append("---")
    return "\n".join(lines) + "\n"


def create(title, settings, when=None):
    """Write the new article and return its path; OfficerError when refused."""
    title = " ".join((title or "").split())
    if not title:
        raise OfficerError(
            "chưa có tiêu đề bài viết",
            fix='chạy lại với tiêu đề, ví dụ: make new TITLE="Hội nghị tổng kết năm 2025"',
        )
    slug = article_slug(title, settings)
    if not slug:
        raise OfficerError(
            "tiêu đề không có chữ hay số nào để làm đường dẫn", found=title,
            fix="viết tiêu đề có chữ, ví dụ: make new TITLE=\"Trao học bổng năm 2025\"",
        )
    when = when or now_in(settings)
    folder = os.path.join(settings["PATH"], settings["ARTICLE_PATHS"][0])
    path = os.path.join(folder, f"{when:%Y-%m-%d}-{slug}.md")
    os.makedirs(folder, exist_ok=True)
    text = front_matter(title, when, settings["DEFAULT_CATEGORY"]) + "\n" + BODY
    try:
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise OfficerError(
            "đã có bài viết ở tệp này, không ghi đè", path=path,
            fix="mở tệp đó để sửa tiếp, hoặc đặt tiêu đề khác cho bài mới",
        ) from None
    return path


def _parse_date(text, settings):
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise OfficerError(
            "ngày DATE không hợp lệ", found=text,
            fix="viết ngày có thật theo dạng 2025-11-20, hoặc bỏ DATE để lấy ngày hôm nay",
        ) from None
    now = now_in(settings)
    return now.replace(year=day.year, month=day.month, day=day.day)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Tạo bài viết mới.")
    parser.add_argument("--title", default=os.environ.get("TITLE", ""),
                        help="tiêu đề bài viết (hoặc biến môi trường TITLE)")
    parser.add_argument("--date", default=os.environ.get("DATE") or None,
                        help="ngày đăng dạng 2025-11-20 (mặc định: hôm nay)")
    parser.add_argument("--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)
    settings = read_settings(args.settings)
    try:
        when = _parse_date(args.date, settings) if args.date else None
        path = create(args.title, settings, when)
    except OfficerError as error:
        print(f"KHÔNG TẠO ĐƯỢC BÀI VIẾT: {error}", file=sys.stderr)
        return 1
    print(f"Đã tạo bài viết mới: {display_path(path)}")
    print("Mở tệp này, điền các trường và viết nội dung, "
          "rồi chạy make serve để xem trước.")
    print("Bài mới là bản nháp (status: draft): viết xong, đổi thành status: published "
          "để đăng.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
