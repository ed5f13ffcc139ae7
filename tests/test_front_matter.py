"""Articles in Markdown with YAML front matter, and the officer's messages."""


def test_front_matter_fields_reach_the_page(site):
    site.article("a.md", title="Đoàn Thanh niên trao quà", date="2020-03-23 08:30",
                 extra="tags: [khuyến học, Thanh Hóa]\nauthor: Nguyễn Văn An\n"
                       'summary: "Tóm tắt ngắn."\n')
    result = site.build()
    assert result.returncode == 0, result.stderr
    html = site.html("doan-thanh-nien-trao-qua/index.html")
    assert "<h1>Đoàn Thanh niên trao quà</h1>" in html
    assert "Thứ Hai, 23/03/2020" in html
    assert 'href="../the/khuyen-hoc/"' in html
    assert "Nguyễn Văn An" in html


def test_slash_in_title_becomes_a_hyphen(site):
    site.article("a.md", title="Triển khai Quyết định 281/QĐ-TTg")
    assert site.build().returncode == 0
    assert (site.output / "trien-khai-quyet-dinh-281-qd-ttg" / "index.html").exists()


def test_byte_order_mark_is_accepted(site):
    path = site.article("a.md", title="Có BOM")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert (site.output / "co-bom" / "index.html").exists()


def test_missing_title_names_file_and_fix(site):
    site.write("content/articles/a.md", "---\ndate: 2020-03-23\ncategory: Tin hoạt động\n---\nNội dung\n")
    result = site.build()
    assert result.returncode == 1
    assert ('content/articles/a.md, dòng 1: trường "title": thiếu trường bắt buộc. '
            'Cách sửa: thêm dòng `title: ...` (tiêu đề bài viết) vào phần thông tin đầu bài'
            ) in result.stderr
    assert "Traceback" not in result.stderr


def test_impossible_date_names_line_and_column(site):
    site.article("a.md", date="2020-02-30")
    result = site.build()
    assert result.returncode == 1
    assert ('content/articles/a.md, dòng 3, cột 7: trường "date": ngày không hợp lệ '
            '(gặp: 2020-02-30). Cách sửa: viết ngày có thật theo dạng 2018-12-26\n'
            ) in result.stderr


def test_impossible_date_with_time(site):
    site.article("a.md", date="2020-02-30 08:30")
    result = site.build()
    assert result.returncode == 1
    assert ('content/articles/a.md, dòng 3, cột 7: trường "date": ngày không hợp lệ '
            '(gặp: 2020-02-30 08:30). Cách sửa: viết ngày có thật theo dạng 2018-12-26 '
            'hoặc 2018-12-26 08:30') in result.stderr


def test_text_that_is_not_a_date(site):
    site.article("a.md", date="hôm qua")
    result = site.build()
    assert result.returncode == 1
    assert ('trường "date": ngày không hợp lệ (gặp: hôm qua)') in result.stderr


def test_misspelt_field_gets_a_suggestion(site):
    site.article("a.md", extra="sumary: Tóm tắt\n")
    result = site.build()
    assert result.returncode == 1
    assert ('content/articles/a.md, dòng 5, cột 9: trường "sumary": trường không có trong '
            'danh sách (gặp: sumary). Cách sửa: có phải ý bạn là "summary"? Sửa tên trường'
            ) in result.stderr


def test_not_utf8_is_refused_with_the_fix(site):
    site.write("content/articles/a.md",
               "---\ntitle: Tiêu đề\ndate: 2020-03-23\ncategory: Văn bản\n---\nNội dung có dấu\n"
               .encode("cp1258", errors="replace"))
    result = site.build()
    assert result.returncode == 1
    assert "content/articles/a.md, dòng 2: tệp không được lưu theo bảng mã UTF-8." in result.stderr


def test_no_front_matter(site):
    site.write("content/articles/a.md", "Title: Kiểu cũ\nDate: 2020-01-01\n\nNội dung\n")
    result = site.build()
    assert result.returncode == 1
    assert ("content/articles/a.md, dòng 1: bài viết không bắt đầu bằng phần thông tin "
            "(front matter). Cách sửa: dòng đầu tiên của tệp phải là `---`") in result.stderr


def test_every_error_of_every_file_is_reported_together(site):
    site.article("a.md", date="2020-13-01")
    site.write("content/articles/b.md", "---\ntitle: B\n---\nNội dung\n")
    result = site.build()
    assert result.returncode == 1
    assert "KHÔNG DỰNG ĐƯỢC TRANG: 3 lỗi" in result.stderr
    assert "content/articles/a.md, dòng 3" in result.stderr
    assert 'content/articles/b.md, dòng 1: trường "date"' in result.stderr
    assert 'content/articles/b.md, dòng 1: trường "category"' in result.stderr


def test_vietnamese_number_in_front_matter_is_refused(site):
    site.article("a.md", extra="title_extra: 1\n")
    site.write("content/articles/b.md",
               "---\ntitle: 1.230\ndate: 2020-01-01\ncategory: Văn bản\n---\nx\n")
    result = site.build()
    assert ('content/articles/b.md, dòng 2, cột 8: trường "title": số viết có dấu chấm '
            'ngăn cách hàng nghìn sẽ bị đọc sai (gặp: 1.230). Cách sửa: viết 1230 hoặc '
            '1_230') in result.stderr


def test_fields_left_empty_count_as_not_given(site):
    site.article("a.md", title="Bài để trống", extra=(
        'modified:\ntags: []\nauthor: ""\nsummary: ""\ncover: ""\n'
        'cover_caption: ""\nslug: ""\ntemplate: ""\n'))
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert (site.output / "bai-de-trong" / "index.html").exists()


def test_empty_title_is_still_missing(site):
    site.write("content/articles/a.md",
               '---\ntitle: ""\ndate: 2020-03-23\ncategory: Tin hoạt động\n---\nNội dung\n')
    result = site.build()
    assert result.returncode == 1
    assert 'content/articles/a.md, dòng 1: trường "title": thiếu trường bắt buộc.' in result.stderr
