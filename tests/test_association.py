"""hoi.yaml: who the association is, in one checked file (issue 16)."""

from bs4 import BeautifulSoup

from conftest import PROJECT, write_association

UNITS = """
- id: hoi-hy
  name: Hội Khuyến học tỉnh Hưng Yên
  short_name: Hội Khuyến học tỉnh
  level: tỉnh
"""


def test_the_sample_settings_read_hoi_yaml_and_no_python_holds_the_details():
    settings = (PROJECT / "pelicanconf.py").read_text(encoding="utf-8")
    for detail in ("Thanh Hóa", "0237", "Lê Thị Minh Hằng", "Tin hoạt động"):
        assert detail not in settings
        assert detail in (PROJECT / "hoi.yaml").read_text(encoding="utf-8")


def test_every_detail_reaches_header_footer_contact_page_and_feeds(site):
    write_association(site.root, name='"Hội Khuyến học tỉnh Hưng Yên"',
                      short_name='"Hội Khuyến học tỉnh"', address='"Số 1 đường Chùa Chuông"',
                      phone='"0221.3.862.123"', email="bantin@khuyenhoc-hy.example.vn",
                      editor_in_chief='"Đỗ Văn Bình"', footer='"Giấy phép số 12/GP-STTTT"',
                      unit="hoi-hy", hotline=None)
    site.write("data/units.yaml", UNITS)
    site.write("content/pages/lien-he.md", "---\ntitle: Liên hệ\ntemplate: contact\n---\nGiờ làm việc.\n")
    site.article("a.md", title="Tin đầu tiên")
    result = site.build("publishconf.py", env={"SITEURL": "https://hy.example.vn"})
    assert result.returncode == 0, result.stderr
    home = BeautifulSoup(site.html("index.html"), "html.parser")
    assert home.select_one(".brand-name").get_text() == "Hội Khuyến học tỉnh Hưng Yên"
    footer = home.select_one("footer").get_text(" ", strip=True)
    for text in ("Số 1 đường Chùa Chuông", "0221.3.862.123", "Đỗ Văn Bình",
                 "Giấy phép số 12/GP-STTTT"):
        assert text in footer
    assert "Đường dây nóng" not in footer  # not given: left out
    contact = BeautifulSoup(site.html("lien-he/index.html"), "html.parser")
    details = contact.select_one(".contact-details").get_text(" ", strip=True)
    assert details.startswith("Hội Khuyến học tỉnh Hưng Yên Địa chỉ: Số 1 đường Chùa Chuông")
    feed = (site.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "<title>Hội Khuyến học tỉnh Hưng Yên</title>" in feed


def refused(site):
    result = site.build()
    assert result.returncode == 1, result.stdout + result.stderr
    check = site.check()
    assert check.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line[:1].isdigit()]
    assert [line for line in check.stderr.splitlines() if line[:1].isdigit()] == lines
    return lines


def test_the_association_unit_must_exist(site):
    write_association(site.root, unit="hoi-hung-yen")
    site.write("data/units.yaml", UNITS)
    site.article("a.md")
    line = next(n for n, text in enumerate(
        (site.root / "hoi.yaml").read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("unit:"))
    assert refused(site) == [
        f'1. hoi.yaml, dòng {line}, cột 7: trường "unit": đơn vị của Hội không có trong '
        'data/units.yaml (gặp: hoi-hung-yen). Cách sửa: có phải ý bạn là "hoi-hy"? Viết một '
        "mã có trong data/units.yaml: hoi-hy",
    ]


def test_mistakes_of_hoi_yaml_are_told_at_their_line(site):
    site.write("hoi.yaml", """
        # Thông tin của Hội
        name: Hội Khuyến học: tỉnh Hưng Yên
        short_name: "Hội Khuyến học tỉnh"
        """)
    site.article("a.md")
    assert refused(site) == [
        "1. hoi.yaml, dòng 2, cột 21: có dấu hai chấm ở chỗ không được phép. Cách sửa: nếu "
        "giá trị chứa dấu hai chấm, đặt cả giá trị trong ngoặc kép; nếu không, kiểm tra thụt "
        "lề: các trường của cùng một bản ghi phải thẳng cột với nhau",
    ]
    site.write("hoi.yaml", """
        name: "Hội Khuyến học tỉnh Hưng Yên"
        short_nam: "Hội Khuyến học tỉnh"
        phone: 02213862123
        email: bantin
        categories:
          - Tin hoạt động
          - Tin Hoạt Động
        git:
          host: githb
          repo: hoi/trang
        """)
    assert refused(site) == [
        '1. hoi.yaml, dòng 1: trường "short_name": thiếu trường bắt buộc. Cách sửa: thêm dòng '
        '`short_name: ...` (tên ngắn, ví dụ "Hội Khuyến học tỉnh")',
        '2. hoi.yaml, dòng 2, cột 1: trường "short_nam": trường không có trong danh sách '
        '(gặp: short_nam). Cách sửa: có phải ý bạn là "short_name"? Sửa tên trường',
        '3. hoi.yaml, dòng 3, cột 8: trường "phone": số có chữ số 0 ở đầu sẽ bị đọc sai '
        '(gặp: 02213862123). Cách sửa: viết 2213862123 (bỏ số 0 ở đầu); nếu là mã số hay số '
        'điện thoại, đặt trong ngoặc kép: "02213862123"',
        '4. hoi.yaml, dòng 4, cột 8: trường "email": địa chỉ thư điện tử không hợp lệ '
        "(gặp: bantin). Cách sửa: viết dạng ten@ten-mien.vn, ví dụ bantin@khuyenhoc-hungyen.vn",
        '5. hoi.yaml, dòng 7, cột 5: trường "categories[1]": chuyên mục bị viết hai lần (lần '
        'đầu: "Tin hoạt động") (gặp: Tin Hoạt Động). Cách sửa: giữ một dòng và xoá dòng còn lại',
        '6. hoi.yaml, dòng 9, cột 9: trường "git.host": không biết nơi lưu trang này (gặp: '
        'githb). Cách sửa: có phải ý bạn là "github"? Viết github, gitlab, gitea hoặc forgejo',
    ]


def test_an_unknown_category_is_refused_with_the_closest(site):
    write_association(site.root, categories=["Tin hoạt động", "Văn bản"])
    site.article("a.md", category="Tin hoat dong")
    assert refused(site) == [
        '1. content/articles/a.md, dòng 4, cột 11: trường "category": chuyên mục không có '
        'trong hoi.yaml (gặp: Tin hoat dong). Cách sửa: có phải ý bạn là "Tin hoạt động"? '
        "Viết đúng tên một chuyên mục: Tin hoạt động, Văn bản; muốn thêm chuyên mục mới, "
        "thêm nó vào danh sách categories trong hoi.yaml",
    ]


def test_a_value_with_double_quotes_can_be_referenced(site):
    site.write("data/units.yaml", UNITS)
    site.write("data/support.yaml", """
        - unit: hoi-hy
          year: 2024
          item: 'Tủ sách "Em yêu khoa học"'
          quantity: 12
          measure: bộ
        - unit: hoi-hy
          year: 2024
          item: Học bổng
          quantity: 30
          measure: suất
        """)
    site.article("a.md", body="Tặng [[support/hoi-hy/2024/quantity "
                              "item='Tủ sách \"Em yêu khoa học\"']] bộ sách.")
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup(site.html("bai-thu/index.html"), "html.parser")
    assert page.select_one(".prose p").get_text() == "Tặng 12 bộ sách."


def test_a_successful_build_says_so_in_vietnamese(site):
    site.article("a.md", title="Một")
    site.article("b.md", title="Hai")
    site.article("c.md", title="Nháp", extra="status: draft\n")
    site.write("content/pages/gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nVề Hội.\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    files = [p for p in site.output.rglob("*") if p.is_file()]
    pages = sum(p.suffix == ".html" for p in files)
    assert "Done: Processed" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[-1] == (
        "Đã dựng xong trang Hội Khuyến học Khối các cơ quan tỉnh Thanh Hóa: 2 bài viết, "
        "1 trang riêng, 1 bản nháp (chỉ xem trước, không hiện trong danh sách); tổng cộng "
        f"{pages} trang web, {len(files)} tệp, trong thư mục output/ (bản xem trước: make "
        "serve để mở trên trình duyệt).")
    published = site.build("publishconf.py", env={"SITEURL": "https://hy.example.vn"})
    assert published.stderr.splitlines()[-1].endswith(
        "trong thư mục output/ (bản để đăng, cho địa chỉ https://hy.example.vn).")
