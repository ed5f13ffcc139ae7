"""Every rule of the data files, with the exact message the officer reads.

Messages are checked through ``datasets.read`` (fast, no site build); one
test at the end builds a site to show they reach the build the same way.
"""

import datetime
import textwrap

import pytest

from conftest import PROJECT
from khuyenhoc.data import cache as data_cache
from khuyenhoc.data import datasets

UNITS = (PROJECT / "data" / "units.yaml").read_text(encoding="utf-8")
DECLARATIONS = (PROJECT / "data" / "datapackage.yaml").read_text(encoding="utf-8")
NEXT_YEAR = datetime.date.today().year + 1

FUND = """\
- unit: khoi-cq
  year: 2018
  opening: 559_500_000
  raised: 164_000_000
  disbursed: 298_500_000
  closing: 425_000_000
"""


@pytest.fixture
def problems(tmp_path, monkeypatch):
    """Write data files into a fresh data/ and return every message, in order."""
    monkeypatch.chdir(tmp_path)

    def check(files):
        folder = tmp_path / "data"
        folder.mkdir(exist_ok=True)
        files = {"units.yaml": UNITS, "datapackage.yaml": DECLARATIONS, **files}
        for name, text in files.items():
            path = folder / name
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text), encoding="utf-8")
        _, errors = datasets.read("data")
        return [str(error) for error in errors]

    return check


def only(messages):
    assert len(messages) == 1, "\n".join(messages)
    return messages[0]


# --- types and required fields ----------------------------------------------

def test_missing_required_field(problems):
    message = only(problems({"funds.yaml": FUND.replace("  closing: 425_000_000\n", "")}))
    assert message == (
        'data/funds.yaml, dòng 1, cột 3: trường "funds[0].closing": thiếu trường bắt buộc. '
        "Cách sửa: thêm dòng `closing: ...` (Số dư cuối năm (đồng)) vào bản ghi này")


def test_required_field_left_empty(problems):
    message = only(problems({"funds.yaml": FUND.replace("closing: 425_000_000", "closing:")}))
    assert message == (
        'data/funds.yaml, dòng 6, cột 11: trường "funds[0].closing": thiếu trường bắt buộc. '
        "Cách sửa: thêm dòng `closing: ...` (Số dư cuối năm (đồng)) vào bản ghi này")


def test_text_where_a_number_belongs(problems):
    message = only(problems({"funds.yaml": FUND.replace("164_000_000", "một trăm")}))
    assert message == (
        'data/funds.yaml, dòng 4, cột 11: trường "funds[0].raised": phải là một số nguyên, '
        "có thể kèm một từ ước lượng đứng trước (gặp: một trăm). Cách sửa: viết số, ví dụ "
        "164000000 hoặc 164_000_000; số ước lượng viết như: hơn 8000 (dùng một trong các "
        "từ: trên, hơn, gần, khoảng)")


def test_decimal_where_a_whole_number_belongs(problems):
    message = only(problems({"organisation.yaml": "- unit: khoi-cq\n  year: 2019\n  members: 8240.5\n"}))
    assert message == (
        'data/organisation.yaml, dòng 3, cột 12: trường "organisation[0].members": phải là '
        "một số nguyên (số đếm được), không có phần lẻ (gặp: 8240.5). Cách sửa: viết số "
        "nguyên, ví dụ 8240 hoặc 8_240")


def test_yes_no_where_a_number_belongs(problems):
    # YAML 1.1's yes/no/on/off are kept as the text typed (issue 17): the
    # message shows what the officer wrote, not "true".
    message = only(problems({"organisation.yaml": "- unit: khoi-cq\n  year: 2019\n  members: yes\n"}))
    assert message == (
        'data/organisation.yaml, dòng 3, cột 12: trường "organisation[0].members": phải là '
        "một số nguyên, có thể kèm một từ ước lượng đứng trước (gặp: yes). Cách sửa: viết số, "
        "ví dụ 8240 hoặc 8_240; số ước lượng viết như: hơn 8000 (dùng một trong các từ: trên, "
        "hơn, gần, khoảng)")


def test_yes_no_where_text_belongs_is_the_text_typed(problems):
    # It was refused as the boolean false; YAML 1.2 and the officer read text.
    assert problems({"funds.yaml": FUND + "  note: no\n"}) == []


def test_value_outside_its_list_of_choices(problems):
    message = only(problems({"awards.yaml": """\
        - unit: khoi-cq
          year: 2018
          issuer: hoi-kh-tinh
          kind: Giấy khen thưởng
          recipient: tập thể
          count: 7
        """}))
    assert message == (
        'data/awards.yaml, dòng 4, cột 9: trường "awards[0].kind": giá trị không có trong '
        "danh sách (gặp: Giấy khen thưởng). Cách sửa: viết một trong các giá trị: Bằng khen, "
        "Giấy khen, Kỷ niệm chương, Cờ thi đua")


def test_choice_in_other_letter_case_is_read_as_the_choice(problems):
    assert problems({"awards.yaml": """\
        - unit: khoi-cq
          year: 2018
          issuer: hoi-kh-tinh
          kind: giấy khen
          recipient: Tập thể
          count: 7
        """}) == []
    record = datasets.load("data").records("awards")[0]
    assert (record["kind"], record["recipient"]) == ("Giấy khen", "tập thể")


def test_names_must_be_a_list(problems):
    message = only(problems({"awards.yaml": """\
        - unit: khoi-cq
          year: 2024
          issuer: hoi-khvn
          kind: Bằng khen
          recipient: tập thể
          count: 1
          names: Chi hội Khuyến học Sở Y tế
        """}))
    assert message == (
        'data/awards.yaml, dòng 7, cột 10: trường "awards[0].names": phải là một danh sách '
        "(gặp: Chi hội Khuyến học Sở Y tế). Cách sửa: viết `names: [tên thứ nhất, tên thứ "
        "hai]` hoặc mỗi tên một dòng bắt đầu bằng dấu -")


def test_date_that_is_not_a_date(problems):
    message = only(problems({"awards.yaml": """\
        - unit: khoi-cq
          year: 2018
          issuer: khoi-cq
          kind: Giấy khen
          recipient: tập thể
          count: 6
          date: 25/12/2018
        """}))
    assert message == (
        'data/awards.yaml, dòng 7, cột 9: trường "awards[0].date": phải là một ngày theo '
        "dạng năm-tháng-ngày (gặp: 25/12/2018). Cách sửa: viết ngày theo dạng 2018-12-26")


def test_year_that_is_a_school_year(problems):
    message = only(problems({"funds.yaml": FUND.replace("year: 2018", "year: 2018-2019")}))
    assert message == (
        'data/funds.yaml, dòng 2, cột 9: trường "funds[0].year": phải là một năm viết bằng '
        "bốn chữ số (gặp: 2018-2019). Cách sửa: viết năm, ví dụ 2019; với năm học "
        "2018 - 2019, ghi năm kết thúc 2019")


# --- money and counts ----------------------------------------------------------

def test_negative_money(problems):
    messages = problems({"funds.yaml": FUND.replace("disbursed: 298_500_000", "disbursed: -298_500_000")})
    assert only(messages) == (
        'data/funds.yaml, dòng 5, cột 14: trường "funds[0].disbursed": không được là số âm '
        "(gặp: -298500000). Cách sửa: viết số không âm; khoản chi ghi vào trường chi, không "
        "ghi số âm")


def test_negative_count(problems):
    message = only(problems({"organisation.yaml": "- unit: khoi-cq\n  year: 2019\n  branches: -1\n  members: 8240\n"}))
    assert message == (
        'data/organisation.yaml, dòng 3, cột 13: trường "organisation[0].branches": không '
        "được là số âm (gặp: -1). Cách sửa: viết số không âm")


def test_money_too_large_to_be_true(problems):
    message = only(problems({"funds.yaml": """\
        - unit: khoi-cq
          year: 2018
          opening: 559_500_000
          raised: 164_000_000_000_000
          disbursed: 298_500_000
          closing: 425_000_000
        """}))
    assert message == (
        'data/funds.yaml, dòng 4, cột 11: trường "funds[0].raised": số quá lớn, có thể thừa '
        "chữ số 0 (gặp: 164.000.000.000.000). Cách sửa: kiểm tra lại số liệu; số này không "
        "thể vượt 100.000.000.000 đồng")


def test_count_too_large_to_be_true(problems):
    message = only(problems({"organisation.yaml": "- unit: khoi-cq\n  year: 2019\n  members: 824_000_000\n"}))
    assert message == (
        'data/organisation.yaml, dòng 3, cột 12: trường "organisation[0].members": số quá '
        "lớn, có thể thừa chữ số 0 (gặp: 824.000.000). Cách sửa: kiểm tra lại số liệu; số "
        "này không thể vượt 100.000.000")


# --- qualifiers --------------------------------------------------------------------

@pytest.mark.parametrize("written, value, qualifier", [
    ("hơn 8000", 8000, "hơn"),
    ("trên 8_000", 8000, "trên"),
    ("Gần  8000", 8000, "gần"),
    ("khoảng 8000", 8000, "khoảng"),
    ('"8000"', 8000, None),
    ("8_000", 8000, None),
])
def test_qualified_figures_are_read(problems, written, value, qualifier):
    assert problems({"organisation.yaml": f"- unit: khoi-cq\n  year: 2019\n  members: {written}\n"}) == []
    members = datasets.load("data").records("organisation")[0]["members"]
    assert (members, members.qualifier) == (value, qualifier)


def test_unknown_qualifier(problems):
    message = only(problems({"organisation.yaml": "- unit: khoi-cq\n  year: 2019\n  members: ít nhất 8000\n"}))
    assert message == (
        'data/organisation.yaml, dòng 3, cột 12: trường "organisation[0].members": từ ước '
        "lượng không hợp lệ (gặp: ít nhất 8000). Cách sửa: dùng một trong các từ: trên, hơn, "
        "gần, khoảng, ví dụ: hơn 8000")


def test_qualifier_in_the_fund_ledger(problems):
    message = only(problems({"funds.yaml": FUND.replace("disbursed: 298_500_000", "disbursed: gần 300_000_000")}))
    assert message == (
        'data/funds.yaml, dòng 5, cột 14: trường "funds[0].disbursed": số liệu sổ quỹ phải '
        "chính xác đến từng đồng, không dùng trên/hơn/gần/khoảng (gặp: gần 300000000). Cách "
        "sửa: viết số chính xác, ví dụ 300000000 hoặc 300_000_000; cách nói ước lượng (như "
        '"gần 300 triệu") để trong bài viết')


# --- Vietnamese-number traps ----------------------------------------------------

@pytest.mark.parametrize("written, problem, fix", [
    ("1.230", "số viết có dấu chấm ngăn cách hàng nghìn sẽ bị đọc sai",
     "viết 1230 hoặc 1_230 (không dùng dấu chấm ngăn cách hàng nghìn)"),
    ("8.000", "số viết có dấu chấm ngăn cách hàng nghìn sẽ bị đọc sai",
     "viết 8000 hoặc 8_000 (không dùng dấu chấm ngăn cách hàng nghìn)"),
    ("425.000.000", "số viết có dấu chấm ngăn cách hàng nghìn sẽ bị đọc sai",
     "viết 425000000 hoặc 425_000_000 (không dùng dấu chấm ngăn cách hàng nghìn)"),
    ("010", "số có chữ số 0 ở đầu sẽ bị đọc sai",
     'viết 10 (bỏ số 0 ở đầu); nếu là mã số hay số điện thoại, đặt trong ngoặc kép: "010"'),
    ("08", "số có chữ số 0 ở đầu sẽ bị đọc sai",
     'viết 8 (bỏ số 0 ở đầu); nếu là mã số hay số điện thoại, đặt trong ngoặc kép: "08"'),
    ("1,5", "số thập phân viết bằng dấu phẩy sẽ bị đọc thành chữ",
     "viết 1.5 (dùng dấu chấm cho phần thập phân)"),
    ("8,240", "số viết có dấu phẩy sẽ bị đọc thành chữ",
     "nếu là số nguyên, viết 8240 hoặc 8_240; nếu là số thập phân, viết 8.24"),
    ("hơn 8.000", "số viết có dấu ngăn cách hàng nghìn sẽ bị đọc sai",
     "viết hơn 8000 hoặc hơn 8_000 (không dùng dấu chấm, dấu phẩy ngăn cách hàng nghìn)"),
    ('"8.240"', "số viết có dấu ngăn cách hàng nghìn sẽ bị đọc sai",
     "viết 8240 hoặc 8_240 (không dùng dấu chấm, dấu phẩy ngăn cách hàng nghìn)"),
    ("gần 8 nghìn", "số phải viết đủ chữ số, không viết chữ triệu, tỷ, nghìn",
     "viết gần 8000 hoặc gần 8_000"),
    ("8240 người", "phải là một số nguyên, có thể kèm một từ ước lượng đứng trước",
     "viết số, ví dụ 8240 hoặc 8_240; số ước lượng viết như: hơn 8000 (dùng một trong các "
     "từ: trên, hơn, gần, khoảng)"),
    ('"hơn 08240"', "số có chữ số 0 ở đầu sẽ bị đọc sai", "viết 8240 (bỏ số 0 ở đầu)"),
])
def test_number_traps_are_refused_with_the_fix(problems, written, problem, fix):
    message = only(problems({"organisation.yaml": f"- unit: khoi-cq\n  year: 2019\n  members: {written}\n"}))
    found = written.strip('"')
    assert message == (
        f'data/organisation.yaml, dòng 3, cột 12: trường "organisation[0].members": {problem} '
        f"(gặp: {found}). Cách sửa: {fix}")


@pytest.mark.parametrize("written, fix", [
    ("300 triệu", "viết 300000000 hoặc 300_000_000"),
    ("1,2 tỷ", "viết 1200000000 hoặc 1_200_000_000"),
    ("164000000 đồng", "viết 164000000"),
])
def test_money_in_words_is_refused_with_the_digits(problems, written, fix):
    message = only(problems({"support.yaml": f"""\
        - unit: khoi-cq
          year: 2019
          item: Học bổng
          quantity: 24
          measure: suất
          value: {written}
        """}))
    assert message.startswith('data/support.yaml, dòng 6, cột 10: trường "support[0].value": ')
    assert message.endswith(f"(gặp: {written}). Cách sửa: {fix}")


def test_a_trap_does_not_hide_the_other_mistakes_of_the_file(problems):
    messages = problems({"funds.yaml": FUND.replace("164_000_000", "164.000.000")
                         + FUND.replace("2018", "2019").replace("559_500_000", "425_000_000")
                               .replace("425_000_000\n", "452_000_000\n")})
    assert len(messages) == 2
    assert messages[0].startswith('data/funds.yaml, dòng 4, cột 11: trường "funds[0].raised": '
                                  "số viết có dấu chấm")
    assert messages[1].startswith('data/funds.yaml, dòng 12, cột 12: trường "funds[1].closing": '
                                  "số dư cuối năm không khớp")


# --- percentages ----------------------------------------------------------------------

def _target(value):
    return {"learning_models.yaml": f"""\
        - unit: khoi-cq
          year: 2024
          model: Đơn vị học tập
          target_achieved: {value}
        """}


def test_percentage_above_100(problems):
    assert only(problems(_target(185))) == (
        'data/learning_models.yaml, dòng 4, cột 20: trường "learning_models[0].target_achieved": '
        "tỷ lệ phần trăm phải từ 0 đến 100 (gặp: 185). Cách sửa: viết một số từ 0 đến 100, "
        "không kèm dấu %")


def test_percentage_below_0(problems):
    assert only(problems(_target(-5))).endswith(
        "tỷ lệ phần trăm phải từ 0 đến 100 (gặp: -5). Cách sửa: viết một số từ 0 đến 100, "
        "không kèm dấu %")


def test_percentage_with_a_percent_sign(problems):
    assert only(problems(_target('"85%"'))).endswith(
        "chỉ viết con số, không kèm dấu % (gặp: 85%). Cách sửa: viết 85")


def test_percentage_with_decimals_is_read(problems):
    assert problems(_target(87.5)) == []
    assert datasets.load("data").records("learning_models")[0]["target_achieved"] == 87.5


# --- achieved ≤ registered ≤ total ---------------------------------------------------

def _models(total, registered, achieved, extra=""):
    return {"learning_models.yaml": textwrap.dedent(f"""\
        - unit: so-yte
          year: 2021
          model: Cộng đồng học tập
          total: {total}
          registered: {registered}
          achieved: {achieved}
        """) + extra}


def test_achieved_above_registered(problems):
    assert only(problems(_models(80, 74, 91))) == (
        'data/learning_models.yaml, dòng 6, cột 13: trường "learning_models[0].achieved": số '
        "đạt danh hiệu (achieved) lớn hơn số đăng ký (registered) (gặp: achieved: 91, "
        "registered: 74). Cách sửa: kiểm tra lại số liệu; nếu báo cáo gốc đúng là như vậy, "
        'thêm dòng `override_note: "lý do"` vào bản ghi để giữ nguyên số liệu')


def test_registered_above_total(problems):
    assert only(problems(_models(70, 74, 60))) == (
        'data/learning_models.yaml, dòng 5, cột 15: trường "learning_models[0].registered": '
        "số đăng ký (registered) lớn hơn tổng số (total) (gặp: registered: 74, total: 70). "
        "Cách sửa: kiểm tra lại số liệu; nếu báo cáo gốc đúng là như vậy, thêm dòng "
        '`override_note: "lý do"` vào bản ghi để giữ nguyên số liệu')


def test_achieved_above_total_without_registered(problems):
    files = {"learning_models.yaml": "- unit: so-yte\n  year: 2021\n  model: Đơn vị học tập\n"
                                     "  total: 5\n  achieved: 6\n"}
    assert "số đạt danh hiệu (achieved) lớn hơn tổng số (total) (gặp: achieved: 6, total: 5)" \
        in only(problems(files))


def test_ratings_above_achieved(problems):
    files = _models(75, 75, 66, extra="  rated_good: 30\n  rated_fair: 30\n  rated_average: 9\n")
    assert only(problems(files)) == (
        'data/learning_models.yaml, dòng 7, cột 15: trường "learning_models[0].rated_good": '
        "tổng số xếp loại Tốt, Khá, Trung bình lớn hơn số đạt danh hiệu (achieved) (gặp: "
        "30 + 30 + 9 = 69, achieved: 66). Cách sửa: kiểm tra lại số liệu; nếu báo cáo gốc "
        'đúng là như vậy, thêm dòng `override_note: "lý do"` vào bản ghi để giữ nguyên số liệu')


def test_an_override_note_keeps_the_figures_as_reported(problems):
    note = '  override_note: "Báo cáo của huyện ghi 91 cộng đồng đạt trên 74 đăng ký."\n'
    assert problems(_models(80, 74, 91, extra=note)) == []
    record = datasets.load("data").records("learning_models")[0]
    assert (record["achieved"], record["registered"]) == (91, 74)


# --- units, duplicates, years -----------------------------------------------------

def test_unknown_unit_with_the_closest_suggested(problems):
    message = only(problems({"funds.yaml": FUND.replace("unit: khoi-cq", "unit: khoi-cp")}))
    assert message == (
        'data/funds.yaml, dòng 1, cột 9: trường "funds[0].unit": mã đơn vị không có trong '
        'units.yaml (gặp: khoi-cp). Cách sửa: có phải ý bạn là "khoi-cq"? Nếu là đơn vị mới, '
        "thêm nó vào units.yaml")


def test_unknown_unit_with_nothing_close(problems):
    message = only(problems({"funds.yaml": FUND.replace("unit: khoi-cq", "unit: ubnd-huyen")}))
    assert message.endswith(
        "(gặp: ubnd-huyen). Cách sửa: dùng một mã có trong units.yaml hoặc thêm đơn vị này "
        "vào units.yaml")


def test_unknown_issuer_and_parent(problems):
    messages = problems({
        "units.yaml": UNITS.replace("parent: khoi-cq\n\n- id: so-tc", "parent: khoi\n\n- id: so-tc"),
        "awards.yaml": "- unit: khoi-cq\n  year: 2018\n  issuer: tinh\n  kind: Giấy khen\n"
                       "  recipient: cá nhân\n  count: 8\n",
    })
    assert len(messages) == 2
    assert 'trường "units[4].parent": mã đơn vị không có trong units.yaml (gặp: khoi)' in messages[0]
    assert 'trường "awards[0].issuer": mã đơn vị không có trong units.yaml (gặp: tinh)' in messages[1]


def test_units_whose_parents_loop_back(problems):
    # hoi-khvn, the top, given a parent three levels below it.
    units = UNITS.replace("- id: hoi-khvn\n", "- id: hoi-khvn\n  parent: so-gddt\n", 1)
    assert only(problems({"units.yaml": units})) == (
        'data/units.yaml, dòng 7, cột 11: trường "units[0].parent": đơn vị cấp trên tạo thành '
        "vòng lặp: hoi-khvn (dòng 6) → so-gddt (dòng 24) → khoi-cq (dòng 18) → hoi-kh-tinh "
        "(dòng 12) → hoi-khvn (gặp: so-gddt). Cách sửa: sửa parent của một trong các đơn vị "
        "hoi-khvn, so-gddt, khoi-cq, hoi-kh-tinh thành đúng đơn vị cấp trên; đơn vị cao nhất "
        "(Hội cấp trên cùng) không có dòng parent")


def test_unit_that_is_its_own_parent(problems):
    head, _, tail = UNITS.rpartition("parent: khoi-cq")  # so-tc, the last unit
    assert only(problems({"units.yaml": head + "parent: so-tc" + tail})).startswith(
        'data/units.yaml, dòng 39, cột 11: trường "units[5].parent": đơn vị cấp trên tạo thành '
        "vòng lặp: so-tc (dòng 35) → so-tc (gặp: so-tc).")


def test_unit_id_with_capitals_or_diacritics(problems):
    messages = problems({"units.yaml": UNITS + "\n- id: Sở-Nội-vụ\n  name: Chi hội Khuyến học "
                                                "Sở Nội vụ\n  short_name: Sở Nội vụ\n  level: cơ sở\n"})
    assert only(messages) == (
        'data/units.yaml, dòng 57, cột 7: trường "units[8].id": mã đơn vị chỉ được gồm chữ '
        "thường không dấu, chữ số và dấu gạch nối (gặp: Sở-Nội-vụ). Cách sửa: viết "
        "`id: so-noi-vu` và sửa mã này ở các tệp khác nếu đã dùng")


def test_same_unit_and_year_twice(problems):
    message = only(problems({"organisation.yaml": """\
        - unit: khoi-cq
          year: 2019
          members: 8240

        - unit: khoi-cq
          year: 2019
          members: 8245
        """}))
    assert message == (
        'data/organisation.yaml, dòng 5, cột 3: trường "organisation[1]": bản ghi trùng với '
        "bản ghi ở dòng 1 (gặp: unit: khoi-cq, year: 2019). "
        "Cách sửa: gộp hai bản ghi thành một, hoặc sửa lại đơn vị, năm cho đúng")


def test_same_unit_id_twice(problems):
    duplicate = UNITS + "\n- id: so-tc\n  name: Sở Tài chính\n  short_name: STC\n  level: cơ sở\n"
    assert "bản ghi trùng với bản ghi ở dòng 35 (gặp: id: so-tc)" in only(problems({"units.yaml": duplicate}))


def test_same_year_for_two_models_is_no_duplicate(problems):
    assert problems({"learning_models.yaml": """\
        - unit: khoi-cq
          year: 2024
          model: Đơn vị học tập
          target_achieved: 85
        - unit: khoi-cq
          year: 2024
          model: Gia đình học tập
          target_achieved: 90
        """}) == []


@pytest.mark.parametrize("year", [1995, NEXT_YEAR + 1, 19])
def test_year_out_of_range(problems, year):
    message = only(problems({"funds.yaml": FUND.replace("year: 2018", f"year: {year}")}))
    assert message == (
        f'data/funds.yaml, dòng 2, cột 9: trường "funds[0].year": năm phải từ 1996 đến '
        f"{NEXT_YEAR} (gặp: {year}). Cách sửa: kiểm tra lại năm, viết đủ bốn chữ số, ví dụ 2019")


# --- the fund ledger ------------------------------------------------------------------

def test_closing_that_does_not_add_up(problems):
    message = only(problems({"funds.yaml": FUND.replace("closing: 425_000_000", "closing: 452_000_000")}))
    assert message == (
        'data/funds.yaml, dòng 6, cột 12: trường "funds[0].closing": số dư cuối năm không '
        "khớp sổ quỹ: đầu năm 559.500.000 + huy động 164.000.000 − chi 298.500.000 = "
        "425.000.000, nhưng closing ghi 452.000.000 (gặp: 452000000). Cách sửa: sửa closing "
        "thành 425000000, hoặc sửa opening, raised, disbursed cho đúng sổ quỹ")


def test_opening_that_is_not_last_years_closing(problems):
    second = """\
- unit: khoi-cq
  year: 2019
  opening: 425_100_000
  raised: 186_400_000
  disbursed: 172_300_000
  closing: 439_200_000
"""
    message = only(problems({"funds.yaml": FUND + second}))
    assert message == (
        'data/funds.yaml, dòng 9, cột 12: trường "funds[1].opening": số dư đầu năm 2019 '
        "(425.100.000) khác số dư cuối năm 2018 (425.000.000, dòng 6) (gặp: 425100000). Cách "
        "sửa: số dư đầu năm phải bằng số dư cuối năm trước: sửa opening thành 425000000, "
        "hoặc sửa closing của năm 2018")


def test_ledger_across_a_gap_in_years_is_not_chained(problems):
    later = FUND.replace("2018", "2020").replace("559_500_000", "439_100_000").replace(
        "164_000_000", "152_750_000").replace("298_500_000", "160_200_000").replace(
        "425_000_000", "431_650_000")
    assert problems({"funds.yaml": FUND + later}) == []


def test_ledgers_of_two_units_are_separate(problems):
    other = FUND.replace("khoi-cq", "so-tc").replace("2018", "2019")
    assert problems({"funds.yaml": FUND + other}) == []


# --- names, shapes, files ------------------------------------------------------------

def test_unknown_field_with_the_closest_suggested(problems):
    message = only(problems({"funds.yaml": FUND.replace("raised", "rasied").replace(
        "  rasied: 164_000_000\n", "  rasied: 164_000_000\n  raised: 164_000_000\n")}))
    assert message == (
        'data/funds.yaml, dòng 4, cột 3: trường "funds[0].rasied": trường không có trong danh '
        'sách (gặp: rasied). Cách sửa: có phải ý bạn là "raised"? Sửa tên trường')


def test_unknown_field_with_nothing_close(problems):
    message = only(problems({"organisation.yaml": "- unit: khoi-cq\n  year: 2019\n  members: 8240\n"
                                                  "  xyz: 1\n"}))
    assert message.endswith("(gặp: xyz). Cách sửa: các trường được dùng: unit, year, branches, "
                            "members, note")


def test_field_written_twice(problems):
    message = only(problems({"funds.yaml": FUND + "  raised: 164_000_000\n"}))
    assert message == (
        'data/funds.yaml, dòng 7, cột 3: trường "funds[0].raised": trường bị viết hai lần '
        "(lần đầu ở dòng 4). Cách sửa: giữ một dòng và xoá dòng còn lại")


def test_a_list_where_a_record_belongs(problems):
    message = only(problems({"organisation.yaml": "- [khoi-cq, 2019, 8240]\n"}))
    assert message == (
        'data/organisation.yaml, dòng 1, cột 3: trường "organisation[0]": mỗi bản ghi phải là '
        "các dòng `tên trường: giá trị` (gặp: danh sách [khoi-cq, 2019, 8240]). Cách sửa: "
        "viết mỗi trường trên một dòng, thụt lề thẳng hàng dưới dòng `- ...`; ví dụ "
        "`- unit: khoi-cq` rồi `  year: 2019`")


def test_a_list_where_a_number_belongs(problems):
    message = only(problems({"organisation.yaml": "- unit: khoi-cq\n  year: 2019\n  members:\n"
                                                  "    - 8240\n    - 8245\n"}))
    assert message == (
        'data/organisation.yaml, dòng 4, cột 5: trường "organisation[0].members": phải là một '
        "số nguyên (số đếm được), không phải một danh sách (gặp: danh sách [8240, 8245]). "
        "Cách sửa: viết một giá trị ngay sau dấu hai chấm, trên cùng dòng")


def test_a_mapping_where_text_belongs(problems):
    message = only(problems({"funds.yaml": FUND + "  note:\n    nguồn: báo cáo\n"}))
    assert message == (
        'data/funds.yaml, dòng 8, cột 5: trường "funds[0].note": phải là một đoạn chữ, không '
        "phải một nhóm trường (gặp: nhóm trường {nguồn: báo cáo}). Cách sửa: viết một giá trị "
        "ngay sau dấu hai chấm; kiểm tra thụt lề của các dòng bên dưới")


def test_a_single_record_without_its_dash(problems):
    message = only(problems({"organisation.yaml": "unit: khoi-cq\nyear: 2019\nmembers: 8240\n"}))
    assert message == (
        "data/organisation.yaml, dòng 1, cột 1: tệp phải là một danh sách bản ghi, mỗi bản ghi "
        "bắt đầu bằng dấu -. Cách sửa: viết dấu - và một dấu cách trước trường đầu tiên của "
        "mỗi bản ghi, ví dụ `- unit: khoi-cq`")


def test_malformed_yaml(problems):
    message = only(problems({"organisation.yaml": "- unit: khoi-cq\n  year: 2019\n members: 8240\n"}))
    assert message == (
        "data/organisation.yaml, dòng 3, cột 2: thụt lề không thẳng hàng. Cách sửa: các "
        "trường của cùng một bản ghi phải thẳng cột với nhau (cùng số dấu cách ở đầu dòng)")


def test_colon_in_a_value(problems):
    message = only(problems({"funds.yaml": FUND + "  note: Xem: báo cáo\n"}))
    assert message == (
        "data/funds.yaml, dòng 7, cột 12: có dấu hai chấm ở chỗ không được phép. Cách sửa: "
        "nếu giá trị chứa dấu hai chấm, đặt cả giá trị trong ngoặc kép; nếu không, kiểm tra "
        "thụt lề: các trường của cùng một bản ghi phải thẳng cột với nhau")


def test_list_left_open(problems):
    message = only(problems({"awards.yaml": "- unit: khoi-cq\n  names: [An, Bình\n"}))
    assert message == (
        "data/awards.yaml, dòng 3, cột 1: danh sách mở bằng [ nhưng chưa đóng bằng ]. "
        "Cách sửa: thêm dấu ] ở cuối danh sách")


def test_tab_indentation(problems):
    message = only(problems({"organisation.yaml": "- unit: khoi-cq\n\tyear: 2019\n"}))
    assert message == (
        "data/organisation.yaml, dòng 2, cột 1: có ký tự Tab. Cách sửa: dùng dấu cách để thụt "
        "lề, không dùng phím Tab")


@pytest.mark.parametrize("text", ["", "\n\n", "# chỉ có ghi chú\n"])
def test_empty_file(problems, text):
    assert only(problems({"awards.yaml": text})) == (
        "data/awards.yaml, dòng 1: tệp trống, không có bản ghi nào. Cách sửa: mỗi bản ghi bắt "
        "đầu bằng một dòng `- unit: ...` (xem docs/data.md); nếu chưa có số liệu, viết `[]`")


def test_an_empty_list_is_no_records(problems):
    assert problems({"awards.yaml": "[]\n"}) == []


def test_a_missing_file_is_a_dataset_with_no_records(problems):
    assert problems({}) == []
    assert datasets.load("data").records("funds") == []


def test_file_not_saved_as_utf8(problems):
    text = "- unit: khoi-cq\n  year: 2019\n  members: 8240\n  note: Ghi chú\n"
    assert only(problems({"organisation.yaml": text.encode("cp1258")})) == (
        "data/organisation.yaml, dòng 4: tệp không được lưu theo bảng mã UTF-8. Cách sửa: mở "
        "tệp trong trình soạn thảo, chọn Lưu với bảng mã (Encoding) UTF-8")


def test_byte_order_mark_is_accepted(problems):
    assert problems({"funds.yaml": b"\xef\xbb\xbf" + FUND.encode()}) == []


# --- NFC -----------------------------------------------------------------------------------

def test_text_is_normalised_to_nfc(problems):
    import unicodedata
    decomposed = unicodedata.normalize("NFD", "Giấy khen")
    assert decomposed != "Giấy khen"
    assert problems({"awards.yaml": f"""\
        - unit: khoi-cq
          year: 2018
          issuer: hoi-kh-tinh
          kind: {decomposed}
          recipient: tập thể
          count: 7
          names: [{unicodedata.normalize("NFD", "Chi hội Sở Y tế")}]
          note: {unicodedata.normalize("NFD", "Ghi chú")}
        """}) == []
    record = datasets.load("data").records("awards")[0]
    assert record["kind"] == "Giấy khen"
    assert record["names"] == ["Chi hội Sở Y tế"]
    assert record["note"] == "Ghi chú"


# --- all together ---------------------------------------------------------------------------

def test_every_mistake_of_every_file_is_reported_at_once(problems):
    messages = problems({
        "funds.yaml": FUND.replace("raised", "rasied"),
        "organisation.yaml": "- unit: khoi-cq\n  year: 2019\n  members: 8.240\n",
        "awards.yaml": "",
    })
    assert [m.split(",")[0] for m in messages] == [
        "data/funds.yaml", "data/funds.yaml", "data/awards.yaml", "data/organisation.yaml"]


def test_load_raises_with_every_mistake(problems):
    problems({"organisation.yaml": "- unit: khoi-cq\n  year: 2019\n  members: 8.240\n"})
    with pytest.raises(datasets.DataErrors) as raised:
        datasets.load("data")
    assert len(raised.value.errors) == 1
    assert raised.value.data.records("organisation") == []


def _organisation_years(first, last, tail=""):
    """One record a year for khoi-cq, four lines each, then ``tail``."""
    return "".join(f"- unit: khoi-cq\n  year: {year}\n  branches: 3\n  members: 100\n"
                   for year in range(first, last + 1)) + tail


def test_mistakes_far_down_a_long_file_name_their_own_line_and_column(problems):
    # Only the records' positions are kept while a file is checked; a
    # field's is found again from the text when a message needs it.
    text = _organisation_years(2001, 2020) + (
        "- unit: khoi-cq\n  year: 2021\n  branches: 3\n  members: nhiều\n"
        "- unit: khoi-cq\n  year: 2022\n  branches: 3\n  memebrs: 100\n"
        "- unit: khoi-cq\n  branches: 3\n  members: 100\n")
    messages = problems({"organisation.yaml": text})
    assert [m.split(": trường")[0] for m in messages] == [
        "data/organisation.yaml, dòng 84, cột 12",
        "data/organisation.yaml, dòng 88, cột 3",
        "data/organisation.yaml, dòng 85, cột 3",
        "data/organisation.yaml, dòng 89, cột 3",
    ]
    assert messages[0].startswith(
        'data/organisation.yaml, dòng 84, cột 12: trường "organisation[20].members": phải là '
        "một số nguyên")
    assert '"organisation[21].memebrs": trường không có trong danh sách' in messages[1]
    assert '"organisation[21].members": thiếu trường bắt buộc' in messages[2]
    assert '"organisation[22].year": thiếu trường bắt buộc' in messages[3]


def test_each_record_keeps_the_line_it_is_written_on(problems):
    assert problems({"organisation.yaml": _organisation_years(2001, 2024)}) == []
    data = datasets.load("data")
    assert data.source("organisation", 0) == ("data/organisation.yaml", 1)
    assert data.source("organisation", 23) == ("data/organisation.yaml", 93)


def test_data_read_apart_and_from_the_cache_is_the_data_read_here(problems, tmp_path):
    # The build reads data/ in a forked child (data_cache.py), then from the
    # cache file: the same records, the same messages, in the same order.
    messages = problems({"organisation.yaml": _organisation_years(2001, 2010, (
        "- unit: khoi-cq\n  year: 2011\n  members: hơn 8.000\n"
        "- unit: khoi-cq\n  year: 2012\n  memebrs: 100\n"))})
    here, _ = datasets.read("data")
    settings = {"PATH": str(tmp_path / "content"), "CACHE_PATH": str(tmp_path / "cache")}
    for _ in ("apart", "from the cache"):
        data, errors = data_cache.read(settings)
        assert [str(error) for error in errors] == messages
        assert data.records("organisation") == here.records("organisation")
        assert data.source("organisation", 9)[1] == 37
    assert (tmp_path / "cache" / data_cache.CACHE_FILE).is_file()


def test_the_build_shows_data_messages_and_writes_nothing(site):
    site.write("data/units.yaml", UNITS)
    site.write("data/funds.yaml", FUND.replace("closing: 425_000_000", "closing: 452_000_000"))
    site.write("data/organisation.yaml", "- unit: khoi-cq\n  year: 2019\n  members: hơn 8.000\n")
    site.article("a.md")
    result = site.build()
    assert result.returncode == 1
    assert "KHÔNG DỰNG ĐƯỢC TRANG: 2 lỗi cần sửa." in result.stderr
    assert ('1. data/funds.yaml, dòng 6, cột 12: trường "funds[0].closing": số dư cuối năm '
            "không khớp sổ quỹ") in result.stderr
    assert ('2. data/organisation.yaml, dòng 3, cột 12: trường "organisation[0].members": số '
            "viết có dấu ngăn cách hàng nghìn sẽ bị đọc sai (gặp: hơn 8.000)") in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.output.exists()
    assert not [p for p in site.root.iterdir() if p.name.startswith(".dang-dung-")]
