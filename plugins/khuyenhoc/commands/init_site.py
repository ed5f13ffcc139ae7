"""`make init`: make the sample site an association's own, in one command.

    make init                                   # asks, in Vietnamese
    make init NAME="Hội Khuyến học tỉnh Hưng Yên" SHORT_NAME="Hội Khuyến học tỉnh"

Every answer can be given as a make variable (as `make new TITLE=...`); the
ones not given are asked in the terminal, or left empty when there is no
terminal (a script, CI). It writes hoi.yaml, removes the sample articles,
images and data (keeping data/datapackage.yaml, the declarations of the
datasets), writes data/units.yaml with the association as its only
unit and a Giới thiệu page with its name, and leaves a site that builds and
looks finished while empty. The answers are checked by hoi.yaml's own checks
(association.py) before anything is changed: a refused answer changes
nothing.

A site with content of its own (a hoi.yaml that is no longer the sample's,
or an article, image or data file the sample does not have) is never
emptied unless FORCE=1 is given: there is no undo.
"""

import argparse
import os
import shutil
import sys
import tempfile

from pelican.utils import slugify

from khuyenhoc.data import association, declarations
from khuyenhoc.errors import OfficerError

# The sample's files, by name: anything else is the association's own.
# (tests/test_init_site.py checks this list against the repository.)
SAMPLE_NAME = "Hội Khuyến học Khối các cơ quan tỉnh Thanh Hóa"
SAMPLE_ARTICLES = (
    "2018-06-03-trao-thuong-con-hoi-vien-nam-hoc-2017-2018.md",
    "2018-12-26-tong-ket-cong-tac-nam-2018.md",
    "2019-01-18-trao-bang-khen-ky-niem-chuong-nam-2018.md",
    "2019-12-30-quy-khuyen-hoc-khoi-nam-2019.md",
    "2020-08-28-nu-sinh-con-can-bo-so-y-te-vuot-kho-mua-dich.md",
    "2021-01-22-quy-khuyen-hoc-nam-2020-giu-vung-trong-dich-benh.md",
    "2021-10-12-doan-thanh-nien-so-tai-chinh-ra-mat-tu-sach.md",
    "2022-04-20-trien-khai-quyet-dinh-387-qd-ttg.md",
    "2022-09-15-thang-diem-danh-gia-don-vi-hoc-tap.md",
    "2022-12-29-cong-tac-quy-khuyen-hoc-nam-2022.md",
    "2023-04-12-phat-dong-ong-tiet-kiem-khuyen-hoc.md",
    "2023-09-08-vua-lam-vua-hoc-thac-si-o-tuoi-bon-muoi.md",
    "2023-12-28-tong-ket-cong-tac-khuyen-hoc-nam-2023.md",
    "2024-03-14-tong-ket-chuong-trinh-phoi-hop-khuyen-hoc-nam-2023.md",
    "2024-03-20-ke-hoach-don-vi-hoc-tap-gia-dinh-hoc-tap-2024.md",
    "2024-05-20-huong-dan-xet-khen-thuong-nam-2024.md",
    "2024-07-16-so-ket-6-thang-dau-nam-2024.md",
    "2024-12-27-tong-ket-cong-tac-khuyen-hoc-nam-2024.md",
    "2025-08-25-giai-nhi-tin-hoc-quoc-gia-con-can-bo-so-gddt.md",
)
SAMPLE_IMAGES = ("bang-khen.png", "hoi-nghi-2024.png", "ong-tiet-kiem.png", "sach-va-den.png",
                 "tong-ket-2018.png", "tu-sach.png")
SAMPLE_DATA = ("awards.yaml", "contribution_norms.yaml", "datapackage.yaml",
               "fund_reports.yaml", "funds.yaml", "learning_models.yaml",
               "learning_registration.yaml", "organisation.yaml", "support.yaml",
               "training.yaml", "units.yaml")
SAMPLE_PAGES = ("gioi-thieu.md", "lien-he.md")
# The levels an association may be at (make init's LEVEL).
LEVELS = ("trung ương", "tỉnh", "khối", "cơ sở")

DEFAULT_CATEGORIES = ("Tin hoạt động", "Quỹ khuyến học", "Gương hiếu học", "Khen thưởng",
                      "Văn bản")

# (variable, hoi.yaml field, question). Asked in this order.
QUESTIONS = (
    ("NAME", "name", "Tên đầy đủ của Hội (ví dụ: Hội Khuyến học tỉnh Hưng Yên)"),
    ("SHORT_NAME", "short_name", "Tên ngắn (ví dụ: Hội Khuyến học tỉnh)"),
    ("ADDRESS", "address", "Địa chỉ văn phòng Hội"),
    ("PHONE", "phone", "Số điện thoại văn phòng"),
    ("HOTLINE", "hotline", "Đường dây nóng (bỏ trống nếu không có)"),
    ("EMAIL", "email", "Thư điện tử của ban biên tập"),
    ("EDITOR_IN_CHIEF", "editor_in_chief", "Họ tên trưởng ban biên tập"),
    ("URL", "url", "Địa chỉ trang khi đã đăng (bỏ trống nếu chưa có)"),
    ("LEVEL", None, "Cấp của Hội: tỉnh, khối, cơ sở hay trung ương"),
    ("UNIT", "unit", "Mã đơn vị của Hội, chữ thường không dấu (Enter: tự đặt từ tên)"),
    ("CATEGORIES", "categories", "Các chuyên mục, cách nhau dấu phẩy (Enter: "
                                 + ", ".join(DEFAULT_CATEGORIES) + ")"),
    ("FOOTER", "footer", "Dòng chữ cuối trang, ví dụ số giấy phép (bỏ trống nếu không cần)"),
)
REQUIRED = ("NAME", "SHORT_NAME")


def answers_from(environ, ask):
    """Every answer: the variable when given, else ``ask(question)`` (None:
    no terminal to ask in), with the defaults filled in."""
    answers = {}
    for variable, _, question in QUESTIONS:
        value = environ.get(variable)
        if value is None and ask is not None:
            value = ask(question)
        answers[variable] = " ".join((value or "").split())
    if not answers["LEVEL"]:
        answers["LEVEL"] = "tỉnh"
    if not answers["UNIT"] and answers["NAME"]:
        answers["UNIT"] = slugify(answers["NAME"], regex_subs=[(r"[^\w\s-]", ""),
                                                               (r"[-\s]+", "-")])
    if not answers["CATEGORIES"]:
        answers["CATEGORIES"] = ", ".join(DEFAULT_CATEGORIES)
    return answers


def _quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def association_text(answers):
    """hoi.yaml for these answers, with the sample's comments."""
    values = {field: answers[variable] for variable, field, _ in QUESTIONS if field}
    categories = [c.strip() for c in values.pop("categories").split(",") if c.strip()]
    lines = [
        "# THÔNG TIN CỦA HỘI: tệp duy nhất cần sửa để trang là của Hội bạn.",
        "# Mỗi dòng là `tên trường: giá trị`; giá trị đặt trong ngoặc kép.",
        "# Sửa xong, chạy make check để kiểm tra.",
        '# Hướng dẫn: docs/huong-dan/ (chương "Bắt đầu cho Hội của bạn").',
        "",
        "# Tên đầy đủ của Hội: hiện ở đầu mọi trang, trang Liên hệ và bản tin RSS.",
        f"name: {_quoted(values['name'])}",
        "# Tên ngắn, dùng khi nhắc lại tên Hội.",
        f"short_name: {_quoted(values['short_name'])}",
        "# Dòng chữ nhỏ dưới tên Hội ở đầu trang.",
        f"tagline: {_quoted(association.DEFAULT_TAGLINE)}",
        "# Địa chỉ trang khi đã đăng (make publish); bỏ trống nếu chưa có.",
        f"url: {_quoted(values['url'])}",
        "",
        "# Liên hệ: hiện ở cuối mọi trang và trang Liên hệ. Bỏ trống dòng nào thì",
        "# dòng đó không hiện.",
        f"address: {_quoted(values['address'])}",
        f"phone: {_quoted(values['phone'])}",
        f"hotline: {_quoted(values['hotline'])}",
        f"email: {_quoted(values['email'])}",
        f"editor_in_chief: {_quoted(values['editor_in_chief'])}",
        f"editor_title: {_quoted(association.DEFAULT_EDITOR_TITLE)}",
        "",
        "# Biểu trưng: một ảnh trong content/images, ví dụ images/logo.png.",
        "# Bỏ trống để dùng biểu trưng chung.",
        'logo: ""',
        "",
        "# Mã đơn vị của chính Hội trong data/units.yaml: số liệu của đơn vị này",
        "# đứng đầu trang Số liệu và trang chủ.",
        f"unit: {_quoted(values['unit'])}",
        "",
        "# Các chuyên mục, theo thứ tự trên thanh menu. Bài viết chỉ được dùng",
        "# các chuyên mục có ở đây; chuyên mục đầu tiên là mặc định cho bài mới.",
        "categories:",
        *(f"  - {_quoted(name)}" for name in categories),
        "",
        "# Dòng chữ cuối mọi trang (ví dụ số giấy phép). Bỏ trống nếu không cần.",
        f"footer: {_quoted(values['footer'])}",
        "",
        "# Soạn bài ngay trên trang đã đăng (địa chỉ /admin/), không cần cài gì:",
        "# bỏ dấu # ở các dòng dưới và điền nơi lưu trang của Hội. Xem hướng dẫn.",
        "# git:",
        "#   host: github            # github, gitlab, gitea hoặc forgejo",
        "#   repo: tai-khoan/ten-kho # như trong địa chỉ của kho",
        "#   branch: main",
    ]
    return "\n".join(lines) + "\n"


def units_text(answers):
    return (
        "# Danh sách đơn vị. Các tệp số liệu khác gọi đơn vị bằng mã (id).\n"
        "# Thêm các chi hội, đơn vị thành viên ở dưới, mỗi đơn vị một khối như đơn vị đầu.\n"
        "# Cách viết từng trường: xem docs/data.md.\n\n"
        f"- id: {answers['UNIT']}\n"
        f"  name: {_quoted(answers['NAME'])}\n"
        f"  short_name: {_quoted(answers['SHORT_NAME'])}\n"
        f"  level: {answers['LEVEL']}\n"
    )


def about_text(answers):
    name = answers["NAME"]
    return (
        "---\ntitle: Giới thiệu\nslug: gioi-thieu\n"
        f"summary: {_quoted('Giới thiệu ' + name + '.')}\n---\n\n"
        f"{name} là tổ chức xã hội hoạt động vì sự nghiệp khuyến học, khuyến tài, "
        "xây dựng xã hội học tập.\n\n"
        "Trang này giới thiệu Hội: lịch sử, tôn chỉ mục đích, cơ cấu tổ chức và các đơn vị "
        "thành viên. Sửa tệp content/pages/gioi-thieu.md để viết phần giới thiệu của Hội.\n"
    )


CONTACT = """---
title: Liên hệ
slug: lien-he
template: contact
summary: "Địa chỉ, điện thoại và thư điện tử của Văn phòng Hội."
---

Mọi thông tin, tin bài, ý kiến đóng góp cho Bản tin, xin gửi về Văn phòng Hội theo địa chỉ trên.

## Gửi tin bài

Các chi hội, đơn vị gửi tin bài kèm ảnh (nếu có) qua thư điện tử, ghi rõ họ tên, đơn vị và số điện thoại của người viết.
"""


def own_content(root):
    """What in ``root`` is not the sample's: the files an init would lose."""
    found = []
    located, _ = association.read(os.path.join(root, association.FILE_NAME))
    if located.get("name") != SAMPLE_NAME:
        found.append(association.FILE_NAME)
    for folder, sample in (("content/articles", SAMPLE_ARTICLES),
                           ("content/images", SAMPLE_IMAGES), ("data", SAMPLE_DATA),
                           ("content/pages", SAMPLE_PAGES)):
        path = os.path.join(root, folder)
        if os.path.isdir(path):
            found += [f"{folder}/{name}" for name in sorted(os.listdir(path))
                      if name not in sample]
    return found


def check_answers(answers):
    """The answers' mistakes, told by the variable the officer gives."""
    errors = [OfficerError("chưa có câu trả lời", field=variable,
                           fix=f'chạy lại với {variable}="...", ví dụ make init '
                               'NAME="Hội Khuyến học tỉnh Hưng Yên" SHORT_NAME="Hội Khuyến học tỉnh"')
              for variable in REQUIRED if not answers[variable]]
    if answers["LEVEL"] not in LEVELS:
        errors.append(OfficerError("cấp không có trong danh sách", field="LEVEL",
                                   found=answers["LEVEL"], fix="viết " + ", ".join(LEVELS)))
    if errors:
        return errors
    by_field = {field: variable for variable, field, _ in QUESTIONS if field}
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, association.FILE_NAME)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(association_text(answers))
        _, found = association.read(path)
    for error in found:
        field = (error.field or "").split(".")[0].split("[")[0]
        errors.append(OfficerError(error.problem, field=by_field.get(field, error.field),
                                   found=error.found, fix=error.fix))
    return errors


def initialise(root, answers, force=False):
    """Make the site at ``root`` the association's; raises a list of
    OfficerErrors (nothing changed) when it cannot."""
    errors = check_answers(answers)
    if errors:
        raise InitRefused(errors)
    own = own_content(root)
    if own and not force:
        shown = ", ".join(own[:5]) + (f" và {len(own) - 5} tệp khác" if len(own) > 5 else "")
        raise InitRefused([OfficerError(
            "trang đã có nội dung riêng, make init sẽ xoá mất", found=shown,
            fix="chỉ chạy make init trên trang mẫu vừa tải về; nếu chắc chắn muốn xoá hết bài "
                "viết, ảnh và số liệu để làm lại từ đầu, chạy lại với FORCE=1")])
    # The declarations of the datasets (data/datapackage.yaml) are kept: they
    # say what the association's figures are made of, not what they are.
    declared = os.path.join(root, "data", declarations.FILE)
    kept = None
    if os.path.isfile(declared):
        with open(declared, "rb") as handle:
            kept = handle.read()
    for folder in ("content/articles", "content/images", "data"):
        path = os.path.join(root, folder)
        if os.path.isdir(path):
            shutil.rmtree(path)
        os.makedirs(path)
    pages = os.path.join(root, "content", "pages")
    if os.path.isdir(pages):
        shutil.rmtree(pages)
    os.makedirs(pages)
    _write(os.path.join(pages, "gioi-thieu.md"), about_text(answers))
    _write(os.path.join(pages, "lien-he.md"), CONTACT)
    _write(os.path.join(root, "data", "units.yaml"), units_text(answers))
    if kept is not None:
        # Its title names the association: the new one's.
        lines = kept.decode("utf-8").splitlines(keepends=True)
        for index, line in enumerate(lines):
            if line.startswith("title:"):
                lines[index] = f"title: {_quoted('Số liệu của ' + answers['NAME'])}\n"
                break
        _write(declared, "".join(lines))
    _write(os.path.join(root, association.FILE_NAME), association_text(answers))
    # The last build's caches and site are the sample's.
    for folder in ("cache", "output"):
        shutil.rmtree(os.path.join(root, folder), ignore_errors=True)


def _write(path, text):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


class InitRefused(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(map(str, errors)))


def _ask_in_terminal():
    if not sys.stdin.isatty():
        return None
    print("Trả lời từng câu rồi bấm Enter (bỏ trống nếu chưa có):")

    def ask(question):
        try:
            return input(f"  {question}: ")
        except EOFError:
            return ""
    return ask


def main(argv=None, environ=None):
    parser = argparse.ArgumentParser(description="Biến trang mẫu thành trang của Hội bạn.")
    parser.add_argument("--root", default=".")
    args = parser.parse_args(argv)
    environ = os.environ if environ is None else environ
    answers = answers_from(environ, _ask_in_terminal())
    try:
        initialise(args.root, answers, force=environ.get("FORCE") == "1")
    except InitRefused as refused:
        print(f"\nKHÔNG KHỞI TẠO ĐƯỢC: {len(refused.errors)} lỗi, chưa thay đổi gì.\n",
              file=sys.stderr)
        for number, error in enumerate(refused.errors, 1):
            print(f"{number}. {error}", file=sys.stderr)
        return 1
    print(f"Đã khởi tạo trang của {answers['NAME']}.")
    print("Đã xoá bài viết, ảnh và số liệu mẫu; thông tin của Hội ở tệp hoi.yaml.")
    print("Tiếp theo: make new TITLE=\"...\" để viết bản tin đầu tiên, make serve để xem trước.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
