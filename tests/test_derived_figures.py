"""Figures worked out from the data inside sentences: a change between two
years, a growth and a share in percent (docs/figures.md, section 2), and the
officer's messages when the sentence would say what the data do not."""

import pytest
import stats_fixtures
from stats_fixtures import write_data

from conftest import make_site

NBSP = "\u00a0"

# khoi-cq 2018 ("hơn 8000" members) and 2019, then 2020 and a small unit.
ORGANISATION = stats_fixtures.ORGANISATION + """
- unit: khoi-cq
  year: 2020
  branches: 71
  members: {members_2020}

- unit: so-a
  year: 2019
  branches: 0
  members: 40

- unit: so-a
  year: 2020
  branches: 2
  members: 46
"""

LEARNING_MODELS = """\
- unit: khoi-cq
  year: 2023
  model: Đơn vị học tập
  total: 80
  registered: 8
  achieved: 7

- unit: khoi-cq
  year: 2023
  model: Gia đình học tập
  total: 10
  registered: 0
  achieved: 0

""" + stats_fixtures.LEARNING_MODELS

GOOD = '''\
Năm 2019 có thêm [[tăng: organisation/khoi-cq/2018-2019 branches chữ]] tổ chức cơ sở; năm 2020 hội viên giảm [[giảm: organisation/khoi-cq/2019-2020 members]] người, số tổ chức cơ sở [[thay đổi: organisation/khoi-cq/2019-2020 branches]].
Huy động năm 2019 [[thay đổi: funds/khoi-cq/2018-2019 raised]], tức [[thay đổi: funds/khoi-cq/2018-2019 raised gọn]] hay [[tăng: funds/khoi-cq/2018-2019 raised %]] ([[tăng: funds/khoi-cq/2018-2019 raised phần trăm tròn]]); năm 2020 [[thay đổi: funds/khoi-cq/2019-2020 raised %]].
Đạt [[tỷ lệ: learning_models/khoi-cq/2024 achieved/registered model="Đơn vị học tập"]] số đơn vị đăng ký; năm 2023 là [[tỉ lệ: learning_models/khoi-cq/2023/achieved/registered model=“Đơn vị học tập”]].
Chi hội: [[thay đổi: organisation/so-a/2019-2020 members]].

[[thay đổi: organisation/khoi-cq/2019-2020 members]]

Cách viết: `[[tăng: quy/x/2018-2019 y]]`.
'''


def derived_site(root, members_2020=8100, body=GOOD, title="Huy động năm 2019 tăng "
                 "[[tăng: funds/khoi-cq/2018-2019 raised % tròn]]"):
    site = make_site(root)
    write_data(site)
    site.write("data/organisation.yaml", ORGANISATION.format(members_2020=members_2020))
    site.write("data/learning_models.yaml", LEARNING_MODELS)
    site.article("tinh.md", title=title, date="2020-01-10 08:00",
                 extra='summary: "Tỷ lệ đạt [[tỷ lệ: learning_models/khoi-cq/2024 '
                       'achieved/registered model=“Đơn vị học tập”]]."\n', body=body)
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = derived_site(tmp_path_factory.mktemp("derived"))
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def page(built):
    return built.html("huy-dong-nam-2019-tang-gan-14/index.html")


def data(value, title, text):
    return f'<data value="{value}" title="{title}">{text}</data>'


MEMBERS = "hội viên, Hội Khuyến học Khối: 8.240 năm 2019, 8.100 năm 2020"
RAISED = (f"huy động trong năm, Hội Khuyến học Khối: 164.000.000{NBSP}đồng năm 2018, "
          f"186.400.000{NBSP}đồng năm 2019")


def test_increase_and_decrease_give_the_number_and_small_counts_in_words(page):
    assert "có thêm " + data(
        1, "tổ chức cơ sở Hội, Hội Khuyến học Khối: 70 năm 2018, 71 năm 2019", "một"
    ) + " tổ chức cơ sở" in page
    assert "hội viên giảm " + data(140, MEMBERS, "140") + " người" in page


def test_change_says_rise_fall_or_no_change_itself(page):
    assert "số tổ chức cơ sở " + data(
        0, "tổ chức cơ sở Hội, Hội Khuyến học Khối: 71 năm 2019, 71 năm 2020", "không đổi"
    ) + "." in page
    assert "Huy động năm 2019 " + data(
        22400000, RAISED, f"tăng 22.400.000{NBSP}đồng") + ", tức " in page


def test_money_difference_short_form(page):
    assert ", tức " + data(22400000, RAISED, f"tăng 22,4{NBSP}triệu{NBSP}đồng") + " hay" in page


def test_growth_in_percent_with_a_decimal_comma_and_rounded(page):
    # 22,4 / 164 = 13,66%: one decimal, half-up; "tròn" rounds to whole
    # percent and says which way.
    assert " hay " + data("13.66", RAISED, "13,7%") + " (" in page
    assert " (" + data("13.66", RAISED, "gần 14%") + ")" in page
    # 33,65 / 186,4 = 18,05% less.
    assert "năm 2020 " + data("-18.05", (
        f"huy động trong năm, Hội Khuyến học Khối: 186.400.000{NBSP}đồng năm 2019, "
        f"152.750.000{NBSP}đồng năm 2020"), "giảm 18,1%") + "." in page


def test_share_of_two_fields_of_one_record(page):
    assert "Đạt " + data(88, "đạt danh hiệu 66 trên đăng ký 75, Hội Khuyến học Khối, "
                             "Đơn vị học tập, 2024", "88%") + " số đơn vị" in page
    assert "năm 2023 là " + data("87.5", "đạt danh hiệu 7 trên đăng ký 8, Hội Khuyến học "
                                         "Khối, Đơn vị học tập, 2023", "87,5%") + "." in page


def test_names_from_the_data_are_escaped(page):
    assert "Chi hội: " + data(6, "hội viên, Chi hội &lt;i&gt;A&lt;/i&gt; &amp; $5$: 40 năm "
                                 "2019, 46 năm 2020", "tăng 6") + "." in page
    assert "<i>A</i>" not in page


def test_alone_in_a_paragraph_it_is_still_a_figure(page):
    assert "<p>" + data(-140, MEMBERS, "giảm 140") + "</p>" in page


def test_title_address_and_summary(built, page):
    assert "<h1>Huy động năm 2019 tăng gần 14%</h1>" in page
    assert "Tỷ lệ đạt <data value=\"88\"" in built.html("index.html")


def test_code_is_left_as_written(page):
    assert "<code>[[tăng: quy/x/2018-2019 y]]</code>" in page


BROKEN = '''\
Giảm thì không viết tăng: [[tăng: organisation/khoi-cq/2019-2020 members]].
Ước lượng: [[tăng: organisation/khoi-cq/2018-2019 members]]. Chia cho 0: [[tỷ lệ: learning_models/khoi-cq/2023 achieved/registered model="Gia đình học tập"]].
Từ 0: [[tăng: organisation/so-a/2019-2020 branches %]]. Trường sai: [[tỷ lệ: learning_models/khoi-cq/2024 achieved/registerd model="Đơn vị học tập"]].
Nhiều dòng: [[tỷ lệ: learning_models/khoi-cq/2024 achieved/registered]]. Năm thiếu: [[thay đổi: organisation/khoi-cq/2019-2021 members]].
Tỷ lệ của tỷ lệ: [[tỷ lệ: learning_models/khoi-cq/2024 target_achieved/registered model="Đơn vị học tập"]].
Chữ: [[thay đổi: organisation/khoi-cq/2019-2020 note]]. Một năm: [[tăng: organisation/khoi-cq/2019 members]]. Lạ: [[thay đổi: organisation/khoi-cq/2019-2020 members đẹp]].
Loại: [[tỷ lê: learning_models/khoi-cq/2024 achieved/total model="Đơn vị học tập"]].
'''

PLACE = "content/articles/tinh.md, dòng {}, cột {}: tham chiếu số liệu: "
MESSAGES = [
    (2, 13, 'viết "giảm" nhưng theo số liệu, tổ chức cơ sở Hội của Hội Khuyến học Khối tăng: '
            "70 năm 2018, 71 năm 2019 (gặp: [[giảm: organisation/khoi-cq/2018-2019 branches]]). "
            "Cách sửa: viết lại câu cho đúng số liệu, ví dụ dùng [[tăng: "
            "organisation/khoi-cq/2018-2019 branches]], hoặc [[thay đổi: "
            "organisation/khoi-cq/2018-2019 branches]] (tự viết “tăng”, “giảm” hay “không đổi”); "
            "nếu số liệu sai thì sửa trong data/organisation.yaml"),
    (7, 27, 'viết "tăng" nhưng theo số liệu, hội viên của Hội Khuyến học Khối giảm: 8.240 năm '
            "2019, 8.100 năm 2020 (gặp: [[tăng: organisation/khoi-cq/2019-2020 members]]). "
            "Cách sửa: viết lại câu cho đúng số liệu, ví dụ dùng [[giảm: "
            "organisation/khoi-cq/2019-2020 members]], hoặc [[thay đổi: "
            "organisation/khoi-cq/2019-2020 members]] (tự viết “tăng”, “giảm” hay “không đổi”); "
            "nếu số liệu sai thì sửa trong data/organisation.yaml"),
    (8, 12, "hội viên năm 2018 là số ước lượng (hơn 8.000), nên mức tăng, giảm tính ra không "
            "chính xác (gặp: [[tăng: organisation/khoi-cq/2018-2019 members]]). Cách sửa: nếu "
            'có số chính xác, sửa members năm 2018 trong data/organisation.yaml (bỏ chữ "hơn"); '
            "nếu không, bỏ tham chiếu này và viết câu không nêu mức tăng, giảm"),
    (8, 74, "không chia được vì đăng ký năm 2023 bằng 0 (gặp: [[tỷ lệ: learning_models/khoi-cq/"
            '2023 achieved/registered model="Gia đình học tập"]]). Cách sửa: chọn trường khác '
            "để chia (sau dấu /), hoặc bỏ tỷ lệ này; kiểm tra registered trong "
            "data/learning_models.yaml"),
    (9, 7, "không tính được phần trăm tăng, giảm vì tổ chức cơ sở Hội năm 2019 bằng 0 (gặp: "
           "[[tăng: organisation/so-a/2019-2020 branches %]]). Cách sửa: bỏ chữ % để viết mức "
           "tăng, giảm bằng số, hoặc so sánh với một năm khác"),
    (9, 69, 'bộ số liệu "learning_models" không có trường "registerd" (gặp: [[tỷ lệ: '
            'learning_models/khoi-cq/2024 achieved/registerd model="Đơn vị học tập"]]). Cách '
            'sửa: có phải ý bạn là "registered"? Các trường: model (Mô hình), total (Tổng số), '
            "registered (Đăng ký), achieved (Đạt danh hiệu), rated_good (Xếp loại Tốt), "
            "rated_fair (Xếp loại Khá), rated_average (Xếp loại Trung bình), target_registered "
            "(Chỉ tiêu đăng ký (%)), target_achieved (Chỉ tiêu đạt (%)), override_note (Giải "
            "trình số liệu vượt), note (Ghi chú)"),
    (10, 13, "có 2 dòng số liệu khớp, không biết lấy dòng nào (gặp: [[tỷ lệ: learning_models/"
             'khoi-cq/2024 achieved/registered]]). Cách sửa: thêm bộ lọc, ví dụ model="Đơn vị '
             'học tập", hoặc viết tổng để cộng các dòng lại'),
    (10, 85, 'bộ số liệu "organisation" không có năm 2021 (gặp: [[thay đổi: '
             "organisation/khoi-cq/2019-2021 members]]). Cách sửa: Các năm có số liệu: "
             "2018–2020"),
    (11, 18, 'trường "target_achieved" (Chỉ tiêu đạt (%)) đã là tỷ lệ phần trăm, không tính '
             "mức tăng, giảm hay tỷ lệ được (gặp: [[tỷ lệ: learning_models/khoi-cq/2024 "
             'target_achieved/registered model="Đơn vị học tập"]]). Cách sửa: chọn trường tiền '
             "hoặc số lượng: total, registered, achieved, rated_good, rated_fair, rated_average; "
             "muốn nêu tỷ lệ này thì viết riêng con số [[learning_models/khoi-cq/2024/"
             'target_achieved model="Đơn vị học tập"]]'),
    (12, 6, 'trường "note" (Ghi chú) không phải số, không tính mức tăng, giảm hay tỷ lệ được '
            "(gặp: [[thay đổi: organisation/khoi-cq/2019-2020 note]]). Cách sửa: chọn trường "
            "tiền hoặc số lượng: branches, members"),
    (12, 66, '"tăng:" cần hai năm để so sánh (gặp: [[tăng: organisation/khoi-cq/2019 members]]).'
             " Cách sửa: viết năm trước và năm sau, ví dụ 2023-2024 hay 2018,2024"),
    (12, 115, 'không hiểu chữ "đẹp" (gặp: [[thay đổi: organisation/khoi-cq/2019-2020 members '
              "đẹp]]). Cách sửa: sau tên trường chỉ viết % (hoặc phần trăm), gọn (tiền theo "
              'triệu, tỷ), tròn hoặc tròn=10 (làm tròn, tự thêm "gần", "hơn"), chữ (viết số nhỏ '
              'bằng chữ), tổng (cộng các dòng) hoặc bộ lọc trường="giá trị"'),
    (13, 7, 'không có loại "tỷ lê" (gặp: [[tỷ lê: learning_models/khoi-cq/2024 achieved/total '
            'model="Đơn vị học tập"]]). Cách sửa: có phải ý bạn là "tỷ lệ"? Các loại: bảng, biểu đồ cột, biểu '
            "đồ cột nhóm, biểu đồ cột chồng, biểu đồ đường, biểu đồ tiến độ, biểu đồ tròn, "
            "biểu đồ xếp hạng, biểu đồ cột và đường; số liệu tính ra "
            "trong câu: tăng, giảm, thay đổi, tỷ lệ, đạt chỉ tiêu, vượt chỉ tiêu, chưa đạt "
            "chỉ tiêu, so với chỉ tiêu"),
]


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    return derived_site(tmp_path_factory.mktemp("derived-broken"), body=BROKEN,
                        title="Bài [[giảm: organisation/khoi-cq/2018-2019 branches]]")


def test_every_derived_mistake_stops_the_build_at_its_place(broken_site):
    result = broken_site.build()
    assert result.returncode == 1
    assert f"KHÔNG DỰNG ĐƯỢC TRANG: {len(MESSAGES)} lỗi cần sửa" in result.stderr
    assert "Traceback" not in result.stderr
    for line, column, message in MESSAGES:
        assert PLACE.format(line, column) + message + "\n" in result.stderr


def test_make_check_finds_the_same_mistakes(broken_site):
    result = broken_site.check()
    assert result.returncode == 1
    assert f"KIỂM TRA: {len(MESSAGES)} lỗi cần sửa trước khi đăng." in result.stderr
    for line, column, message in MESSAGES:
        assert PLACE.format(line, column) + message + "\n" in result.stderr


def test_a_data_fix_reaches_the_worked_out_figure_and_a_false_rise_is_refused(tmp_path):
    body = ("Hội viên năm 2020 [[thay đổi: organisation/khoi-cq/2019-2020 members]]; "
            "năm 2019 tăng [[tăng: organisation/khoi-cq/2019-2020 branches]] tổ chức.")
    site = derived_site(tmp_path, body=body, title="Hội viên")
    site.write("data/organisation.yaml", ORGANISATION.format(members_2020=8100).replace(
        "  year: 2020\n  branches: 71", "  year: 2020\n  branches: 72"))
    assert site.build().returncode == 0
    assert ">giảm 140</data>" in site.html("hoi-vien/index.html")
    # A correction in data/: the article itself is not read again (warm
    # build), its worked-out figure follows the data.
    organisation = (site.root / "data/organisation.yaml").read_text(encoding="utf-8")
    site.write("data/organisation.yaml", organisation.replace("members: 8100", "members: 8300"))
    assert site.build().returncode == 0
    page = site.html("hoi-vien/index.html")
    assert ">tăng 60</data>" in page and ">1</data> tổ chức" in page
    # Another correction makes "tăng" false: refused, the published page kept.
    site.write("data/organisation.yaml", organisation.replace("branches: 72", "branches: 71"))
    result = site.build()
    assert result.returncode == 1
    assert ("content/articles/tinh.md, dòng 7, cột 87: tham chiếu số liệu: viết \"tăng\" nhưng "
            "theo số liệu, tổ chức cơ sở Hội của Hội Khuyến học Khối không đổi: 71 năm 2019, "
            "71 năm 2020 (gặp: [[tăng: organisation/khoi-cq/2019-2020 branches]]). Cách sửa: "
            "viết lại câu cho đúng số liệu, ví dụ dùng [[thay đổi: organisation/khoi-cq/"
            "2019-2020 branches]] (tự viết “tăng”, “giảm” hay “không đổi”); nếu số liệu sai "
            "thì sửa trong data/organisation.yaml\n") in result.stderr
    assert site.html("hoi-vien/index.html") == page
