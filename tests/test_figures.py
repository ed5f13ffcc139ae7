"""Figures and tables from the data inside articles, and the officer's messages
for references that do not hold (docs/figures.md)."""

import re

import pytest
from stats_fixtures import write_data

from conftest import make_site

NBSP = "\u00a0"
GOOD = '''\
Số dư cuối năm 2018 là [[funds/khoi-cq/2018/closing]]; chi trao thưởng [[funds/khoi-cq/2018/disbursed tròn=10]], tức [[funds/khoi-cq/2018/disbursed gọn]].
Toàn Khối có [[organisation/khoi-cq/2018/members]] hội viên. Hội Khuyến học tỉnh tặng Giấy khen cho [[awards/khoi-cq/2018/count issuer=hoi-kh-tinh recipient=“tập thể”]] tập thể; cả năm có [[awards/khoi-cq/2018/count tổng]] Giấy khen.

| Nội dung | Số tiền |
|---|---|
| Huy động | [[funds/khoi-cq/2019/raised]] |

[[bảng: funds/khoi-cq/2018-2019 opening raised disbursed closing]]

[[bảng: funds/khoi-cq/2018-2020]]

[[bảng: awards/khoi-cq/2018]]

[[bang: funds/*/2019 closing]]

Cách viết: `[[funds/khoi-cq/2018/closing]]`; \\[[không phải tham chiếu]].

```
[[funds/khoi-cq/2030/closing]]
```

    [[quy/khoi-cq/2018/x]]
'''


@pytest.fixture(scope="module")
def figures_site(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("figures"))
    write_data(site)
    site.article(
        "quy.md", title="Quỹ năm 2019: huy động [[funds/khoi-cq/2019/raised tròn]]",
        date="2020-01-10 08:00",
        extra='summary: "Số dư cuối năm [[funds/khoi-cq/2019/closing gọn]]."\n', body=GOOD)
    result = site.build()
    assert result.returncode == 0, result.stderr
    site.page = site.html("quy-nam-2019-huy-dong-hon-186-trieu-dong/index.html")
    return site


def figure(value, text, title=None):
    title = f' title="{title}"' if title else ""
    return f'<data value="{value}"{title}>{text}</data>'


def test_a_figure_reads_from_the_data_with_its_unit(figures_site):
    assert ("Số dư cuối năm 2018 là " + figure(425000000, f"425.000.000{NBSP}đồng")
            in figures_site.page)


def test_rounded_and_short_money_keep_or_add_the_qualifier(figures_site):
    title = f"298.500.000{NBSP}đồng: chi trong năm, Hội Khuyến học Khối, 2018"
    assert "chi trao thưởng " + figure(
        298500000, f"gần 300{NBSP}triệu{NBSP}đồng", title) in figures_site.page
    assert "tức " + figure(298500000, f"298,5{NBSP}triệu{NBSP}đồng", title) in figures_site.page


def test_the_qualifier_of_the_data_is_kept(figures_site):
    assert "Toàn Khối có " + figure(8000, "hơn 8.000") + " hội viên" in figures_site.page


def test_filters_and_sums_choose_among_records(figures_site):
    assert "Giấy khen cho " + figure(7, "7") + " tập thể" in figures_site.page
    assert "cả năm có " + figure(21, "21") + " Giấy khen" in figures_site.page


def test_a_figure_inside_a_markdown_table_cell(figures_site):
    assert (f'<td>{figure(186400000, f"186.400.000{NBSP}đồng")}</td>') in figures_site.page


def test_title_summary_and_address_use_the_figures(figures_site):
    page = figures_site.page
    assert f"<h1>Quỹ năm 2019: huy động hơn 186{NBSP}triệu{NBSP}đồng</h1>" in page
    index = figures_site.html("index.html")
    assert "Số dư cuối năm <data" in index
    assert f">439,1{NBSP}triệu{NBSP}đồng</data>." in index


def test_table_of_one_unit_over_two_years_has_a_column_per_year(figures_site):
    table = _table(figures_site.page, "Quỹ khuyến học của Hội Khuyến học Khối, năm 2018–2019")
    assert ('<tr><th scope="col">Nội dung</th><th scope="col" class="num">Năm 2018</th>'
            '<th scope="col" class="num">Năm 2019</th></tr>') in table
    assert (f'<tr><th scope="row">Số dư đầu năm</th><td class="num">559.500.000{NBSP}đồng</td>'
            f'<td class="num">425.000.000{NBSP}đồng</td></tr>') in table
    assert (f'<tr><th scope="row">Số dư cuối năm</th><td class="num">425.000.000{NBSP}đồng</td>'
            f'<td class="num">439.100.000{NBSP}đồng</td></tr>') in table
    assert '<a href="../du-lieu/funds.csv" download>Tải số liệu (CSV)</a>' in table


def test_table_over_more_years_has_a_row_per_year(figures_site):
    table = _table(figures_site.page, "Quỹ khuyến học của Hội Khuyến học Khối, năm 2018–2020")
    assert '<th scope="col" class="num">Số dư đầu năm</th>' in table
    assert (f'<tr><th scope="row">2020</th><td class="num">439.100.000{NBSP}đồng</td>'
            f'<td class="num">152.750.000{NBSP}đồng</td>') in table
    assert "Ghi chú" not in table  # no record has a note: no empty column


def test_table_of_records_told_apart_by_more_than_unit_and_year(figures_site):
    table = _table(figures_site.page, "Khen thưởng của Hội Khuyến học Khối, năm 2018")
    assert ('<tr><th scope="col">Cấp khen</th><th scope="col">Đối tượng</th>'
            '<th scope="col" class="num">Số lượng</th></tr>') in table
    assert ('<tr><th scope="row">Hội Khuyến học tỉnh</th><td>cá nhân</td>'
            '<td class="num">8</td></tr>') in table


def test_table_across_units_escapes_their_names(figures_site):
    table = _table(figures_site.page, "Quỹ khuyến học của các đơn vị, năm 2019")
    assert ('<th scope="row">Chi hội &lt;i&gt;A&lt;/i&gt; &amp; $5$</th>'
            f'<td class="num">12.000.000{NBSP}đồng</td>') in table
    assert "<i>A</i>" not in figures_site.page


def test_code_and_escaped_brackets_are_left_as_written(figures_site):
    page = figures_site.page
    assert "<code>[[funds/khoi-cq/2018/closing]]</code>" in page
    assert "; [[không phải tham chiếu]].</p>" in page
    assert "<pre><code>[[funds/khoi-cq/2030/closing]]\n</code></pre>" in page
    assert "<pre><code>[[quy/khoi-cq/2018/x]]\n</code></pre>" in page
    assert "\ue000" not in page and "data-khuyenhoc-ref" not in page


def _table(html, caption):
    match = re.search(r'<div class="data-table">\s*<table>\s*<caption>'
                      + re.escape(caption) + r"</caption>.*?</div>", html, re.S)
    assert match, f"no table {caption!r}"
    return match.group(0)


BROKEN = '''\
Quỹ: [[quy/khoi-cq/2018/closing]].
Đơn vị: [[funds/khoi-c/2018/closing]], năm: [[funds/khoi-cq/2030/closing]], trường: [[funds/khoi-cq/2018/closin]].
Thiếu phần: [[funds/khoi-cq/2018]]. Nhiều dòng: [[awards/khoi-cq/2018/count]]. Lọc: [[awards/khoi-cq/2018/count kind="Bằng khen"]].
Đơn vị chưa có: [[organisation/so-a/2019/members]]. Năm của đơn vị: [[funds/so-a/2018/closing]]. Lạ: [[funds/khoi-cq/2018/closing đẹp]].
Bảng giữa câu [[bảng: funds/khoi-cq/2018]].

[[biểu đồ miền: funds/khoi-cq/2018-2019 raised]]

[[biểu đồ cột: funds/khoi-cq/2018-2019 raised disbursed]]

[[biểu đồ đường: funds/khoi-cq/2018 raised]]

[[biểu đồ cột: funds/khoi-cq/2018-2019 note]]

[[bảng: funds/khoi-cq/2019-2018]]

[[biểu đồ tiến độ: funds/khoi-cq/2019]]

`[[quy/x/y/z]]` không báo lỗi.

```
[[quy/x/y/z]]
```
'''

PLACE = "content/articles/hong.md, dòng {}, cột {}: tham chiếu số liệu: "
MESSAGES = [
    (2, 13, '"tròn=x" không hợp lệ (gặp: [[funds/khoi-cq/2019/raised tròn=x]]). Cách sửa: '
            "viết tròn (làm tròn đến hàng đơn vị) hoặc tròn=10, tròn=100"),
    (5, 19, "tiêu đề và tóm tắt chỉ chứa được số liệu trong câu, không chứa bảng hay biểu đồ "
            "(gặp: [[bảng: funds/khoi-cq/2019]]). Cách sửa: đưa bảng, biểu đồ xuống phần "
            "nội dung bài"),
    (7, 6, 'không có bộ số liệu "quy" (gặp: [[quy/khoi-cq/2018/closing]]). Cách sửa: '
           "Các bộ số liệu: funds, awards, organisation, learning_models"),
    (8, 9, 'không có đơn vị "khoi-c" (gặp: [[funds/khoi-c/2018/closing]]). Cách sửa: '
           'có phải ý bạn là "khoi-cq"? Mã đơn vị viết như trong data/units.yaml: '
           "hoi-kh-tinh, khoi-cq, so-a"),
    (8, 45, 'bộ số liệu "funds" không có năm 2030 (gặp: [[funds/khoi-cq/2030/closing]]). '
            "Cách sửa: Các năm có số liệu: 2018–2020"),
    (8, 85, 'bộ số liệu "funds" không có trường "closin" (gặp: [[funds/khoi-cq/2018/closin]]). '
            'Cách sửa: có phải ý bạn là "closing"? Các trường: opening (Số dư đầu năm (đồng)), '
            "raised (Huy động trong năm (đồng)), disbursed (Chi trong năm (đồng)), "
            "closing (Số dư cuối năm (đồng)), note (Ghi chú)"),
    (9, 13, "số liệu trong câu cần đủ bốn phần: bộ số liệu, đơn vị, năm và trường "
            "(gặp: [[funds/khoi-cq/2018]]). Cách sửa: viết [[bộ-số-liệu/đơn-vị/năm/trường]], "
            "ví dụ [[funds/khoi-cq/2018/closing]]"),
    (9, 49, "có 3 dòng số liệu khớp, không biết lấy dòng nào (gặp: [[awards/khoi-cq/2018/count]])."
            ' Cách sửa: thêm bộ lọc, ví dụ issuer="hoi-kh-tinh", hoặc viết tổng để cộng các '
            "dòng lại"),
    (9, 85, 'không có dòng số liệu nào có kind = "Bằng khen" (gặp: [[awards/khoi-cq/2018/count '
            'kind="Bằng khen"]]). Cách sửa: Các giá trị có: "Giấy khen"'),
    (10, 17, 'đơn vị "so-a" chưa có số liệu trong bộ "organisation" (gặp: '
             "[[organisation/so-a/2019/members]]). Cách sửa: Các đơn vị có số liệu: khoi-cq"),
    (10, 69, 'đơn vị "so-a" không có số liệu năm 2018 trong bộ "funds" (gặp: '
             "[[funds/so-a/2018/closing]]). Cách sửa: Các năm có số liệu của đơn vị này: 2019"),
    (10, 102, 'không hiểu chữ "đẹp" (gặp: [[funds/khoi-cq/2018/closing đẹp]]). Cách sửa: sau '
              "đường dẫn chỉ viết gọn (tiền theo triệu, tỷ), tròn hoặc tròn=10 (làm tròn, tự "
              'thêm "gần", "hơn"), tổng (cộng các dòng) hoặc bộ lọc trường="giá trị"'),
    (11, 15, "bảng phải đứng riêng thành một đoạn (gặp: [[bảng: funds/khoi-cq/2018]]). "
             "Cách sửa: để một dòng trống trước và sau dòng [[...]] của bảng hoặc biểu đồ"),
    # "biểu đồ tròn" was the unknown kind here until issue 19 made it one.
    (13, 1, 'không có loại "biểu đồ miền" (gặp: [[biểu đồ miền: funds/khoi-cq/2018-2019 '
            'raised]]). Cách sửa: có phải ý bạn là "biểu đồ tròn"? Các loại: bảng, biểu đồ cột, '
            "biểu đồ cột nhóm, biểu đồ cột chồng, biểu đồ đường, biểu đồ tiến độ, biểu đồ tròn, "
            "biểu đồ xếp hạng, biểu đồ cột và đường; số liệu tính "
            "ra trong câu: tăng, giảm, thay đổi, tỷ lệ, đạt chỉ tiêu, vượt chỉ tiêu, chưa đạt "
            "chỉ tiêu, so với chỉ tiêu"),
    (15, 1, "biểu đồ cột vẽ một dãy số (gặp: [[biểu đồ cột: funds/khoi-cq/2018-2019 raised "
            "disbursed]]). Cách sửa: muốn so sánh nhiều trường hoặc nhiều đơn vị, viết "
            "biểu đồ cột nhóm hoặc biểu đồ cột chồng"),
    (17, 1, "biểu đồ đường cần từ hai năm trở lên (gặp: [[biểu đồ đường: funds/khoi-cq/2018 "
            "raised]]). Cách sửa: viết một khoảng năm, ví dụ 2018-2024, hoặc * cho mọi năm"),
    (19, 1, 'trường "note" (Ghi chú) không phải số, không vẽ biểu đồ được (gặp: [[biểu đồ cột: '
            "funds/khoi-cq/2018-2019 note]]). Cách sửa: chọn các trường tiền, số lượng hoặc "
            "tỷ lệ: opening, raised, disbursed, closing"),
    (21, 1, 'khoảng năm "2019-2018" ngược (gặp: [[bảng: funds/khoi-cq/2019-2018]]). '
            "Cách sửa: viết năm nhỏ trước: 2018-2019"),
    (23, 1, "biểu đồ tiến độ chỉ dùng cho bộ số liệu learning_models (gặp: [[biểu đồ tiến độ: "
            "funds/khoi-cq/2019]]). Cách sửa: viết [[biểu đồ tiến độ: learning_models/khoi-cq/2024]]"),
]


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("broken"))
    write_data(site)
    site.article("hong.md", title="Bài [[funds/khoi-cq/2019/raised tròn=x]]",
                 extra='summary: "Tóm tắt [[bảng: funds/khoi-cq/2019]]."\n', body=BROKEN)
    return site


@pytest.fixture(scope="module")
def broken_build(broken_site):
    return broken_site.build()


def test_every_broken_reference_stops_the_build(broken_build):
    assert broken_build.returncode == 1
    assert f"KHÔNG DỰNG ĐƯỢC TRANG: {len(MESSAGES)} lỗi cần sửa" in broken_build.stderr
    assert "Traceback" not in broken_build.stderr


@pytest.mark.parametrize("line, column, message", MESSAGES,
                         ids=[f"dong-{line}-cot-{column}" for line, column, _ in MESSAGES])
def test_each_broken_reference_names_file_line_column_and_fix(broken_build, line, column,
                                                              message):
    assert PLACE.format(line, column) + message + "\n" in broken_build.stderr


def test_make_check_finds_the_same_mistakes_without_building(broken_site):
    result = broken_site.check()
    assert result.returncode == 1
    assert f"KIỂM TRA: {len(MESSAGES)} lỗi cần sửa trước khi đăng." in result.stderr
    for line, column, message in MESSAGES:
        assert PLACE.format(line, column) + message + "\n" in result.stderr
