"""Figures from the units' spreadsheets (issue 21): CSV and XLSX files in
data/ read through the same converters and rules as YAML, and every trap of
a real spreadsheet read correctly or refused with its exact message.

The files are real: XLSX written by openpyxl (with Excel's cached formula
results put in where a test needs them), CSV as the bytes Excel saves. The
data folder is a copy of the sample's; ``datasets.read`` is what the build
and ``make check`` call.
"""

import datetime
import shutil

import pytest
from workbooks import LEARNING_HEADER, LEARNING_SHEET, csv_bytes, xlsx

from conftest import PROJECT
from khuyenhoc.data import datasets
from khuyenhoc.errors import in_file_order

BOOK = "data/learning_models/bao-cao-2025.xlsx"
WHERE = f'{BOOK}, trang "{LEARNING_SHEET}"'


@pytest.fixture
def data(tmp_path, monkeypatch):
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def put(data, relative, content):
    path = data.parent / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def messages():
    _, errors = datasets.read("data")
    return [str(error) for error in in_file_order(errors)]


def records(name, **match):
    loaded, errors = datasets.read("data")
    assert not errors, [str(e) for e in errors]
    return [r for r in loaded.records(name) if all(r[k] == v for k, v in match.items())]


def learning(*rows):
    return [LEARNING_HEADER, *rows]


ROW = ["khoi-cq", 2025, "Gia đình học tập", 7900, 6800, 6000]


# --- reading ----------------------------------------------------------------------

def test_xlsx_records_are_read_beside_yaml(data):
    put(data, BOOK, xlsx(learning(ROW, ["khoi-cq", 2025, "Đơn vị học tập", 20, 18, 15])))
    got = records("learning_models", unit="khoi-cq", year=2025)
    assert [(r["model"], r["total"], r["registered"], r["achieved"]) for r in got] == [
        ("Gia đình học tập", 7900, 6800, 6000), ("Đơn vị học tập", 20, 18, 15)]
    # The YAML records are all still there.
    assert len(records("learning_models")) == 31 + 2


def test_csv_with_semicolons_and_a_bom_is_read(data):
    put(data, "data/learning_models.csv",
        csv_bytes(learning(ROW), delimiter=";", bom=True))
    got = records("learning_models", year=2025)
    assert [(r["unit"], r["achieved"]) for r in got] == [("khoi-cq", 6000)]


def test_title_rows_above_the_header_and_a_column_of_row_numbers(data):
    put(data, BOOK, xlsx([
        ["HỘI KHUYẾN HỌC KHỐI CÁC CƠ QUAN TỈNH"],
        ["BÁO CÁO MÔ HÌNH HỌC TẬP NĂM 2025"],
        [],
        ["STT", *LEARNING_HEADER],
        [1, *ROW],
    ]))
    assert [r["total"] for r in records("learning_models", year=2025)] == [7900]


NUMBERS_AS_TEXT = [("1230", 1230), ("1.230", 1230), ("1,230", 1230), ("1 230", 1230),
                   ("1\u00a0230", 1230), ("hơn 1.230", 1230)]


@pytest.mark.parametrize("text, value", NUMBERS_AS_TEXT)
def test_numbers_stored_as_text_with_thousands_separators_are_read(data, text, value):
    put(data, BOOK, xlsx(learning(["khoi-cq", 2025, "Gia đình học tập", 2000, text, 900])))
    record = records("learning_models", year=2025)[0]
    assert record["registered"] == value
    assert record["registered"].qualifier == ("hơn" if text.startswith("hơn") else None)


def test_currency_in_a_money_cell_is_read_and_scaled_words_refused(data):
    header = ["Đơn vị", "Năm", "Hình thức hỗ trợ", "Số lượng", "Đơn vị tính", "Trị giá (đồng)"]
    put(data, "data/support/2025.csv", csv_bytes([
        header,
        ["khoi-cq", 2025, "Học bổng", 12, "suất", "1.230.000 đ"],
        ["khoi-cq", 2025, "Phần thưởng", 30, "suất", "6.000.000 đồng"],
        ["khoi-cq", 2025, "Quà Tết", 40, "suất", "178 triệu"],
    ]))
    assert messages() == [
        "data/support/2025.csv, dòng 4, cột F (Trị giá (đồng)): số phải viết đủ chữ số, "
        "không viết chữ triệu, tỷ, nghìn (gặp: 178 triệu). Cách sửa: viết 178000000 hoặc "
        "178_000_000",
    ]
    put(data, "data/support/2025.csv", csv_bytes([
        header,
        ["khoi-cq", 2025, "Học bổng", 12, "suất", "1.230.000 đ"],
        ["khoi-cq", 2025, "Phần thưởng", "30 suất", "suất", "6.000.000 đồng"],
    ]))
    assert messages() == [
        "data/support/2025.csv, dòng 3, cột D (Số lượng): phải là một số nguyên, có thể kèm "
        "một từ ước lượng đứng trước (gặp: 30 suất). Cách sửa: viết số, ví dụ 8240 hoặc "
        "8_240; số ước lượng viết như: hơn 8000 (dùng một trong các từ: trên, hơn, gần, "
        "khoảng)",
    ]
    put(data, "data/support/2025.csv", csv_bytes([
        header, ["khoi-cq", 2025, "Học bổng", 12, "suất", "1.230.000 đ"]]))
    assert records("support", year=2025)[0]["value"] == 1_230_000


def test_percentages_as_fractions_formatted_as_percent_or_as_text(data):
    header = LEARNING_HEADER + ["Chỉ tiêu đăng ký (%)", "Chỉ tiêu đạt (%)"]
    put(data, BOOK, xlsx([header, ROW + [0.85, "92,5%"]], formats={"G2": "0%"}))
    record = records("learning_models", year=2025)[0]
    assert (record["target_registered"], record["target_achieved"]) == (85, 92.5)
    put(data, BOOK, xlsx([header, ROW + [0.85, 90]]))
    assert messages() == [
        f"{WHERE}, dòng 2, cột G (Chỉ tiêu đăng ký (%)): tỷ lệ viết dạng số thập phân sẽ bị "
        "hiểu là dưới 1% (gặp: 0,85). Cách sửa: nếu là 85%, viết 85 hoặc định dạng ô là "
        "Phần trăm (Percentage) để Excel hiện dấu %",
    ]


AWARDS_HEADER = ["Đơn vị được khen", "Năm", "Cấp khen", "Hình thức khen", "Đối tượng",
                 "Số lượng", "Ngày quyết định"]


def test_dates_as_date_cells_serial_numbers_or_day_first_text(data):
    put(data, "data/awards/2025.xlsx", xlsx([
        AWARDS_HEADER,
        ["khoi-cq", 2025, "hoi-kh-tinh", "Giấy khen", "tập thể", 3, datetime.date(2025, 3, 23)],
        ["khoi-cq", 2025, "hoi-kh-tinh", "Giấy khen", "cá nhân", 5, 45739],
        ["khoi-cq", 2025, "hoi-kh-tinh", "Bằng khen", "cá nhân", 2, "23/03/2025"],
    ], sheet="Khen thưởng"))
    assert [r["date"] for r in records("awards", year=2025)] == [datetime.date(2025, 3, 23)] * 3
    put(data, "data/awards/2025.xlsx", xlsx([
        AWARDS_HEADER,
        ["khoi-cq", 2025, "hoi-kh-tinh", "Giấy khen", "tập thể", 3, "30/02/2025"],
    ], sheet="Khen thưởng"))
    assert messages() == [
        'data/awards/2025.xlsx, trang "Khen thưởng", dòng 2, cột G (Ngày quyết định): ngày '
        "không có thật (gặp: 30/02/2025). Cách sửa: viết ngày có thật theo dạng 23/03/2020",
    ]


def test_formulas_give_their_cached_results_and_an_error_is_a_mistake(data):
    rows = learning(["khoi-cq", 2025, "Gia đình học tập", 7900, "=F2+800", "=5000+1000"],
                    ["khoi-cq", 2025, "Đơn vị học tập", 20, 18, "=E3/0"])
    put(data, BOOK, xlsx(rows, cached={"E2": ("n", "6800"), "F2": ("n", "6000"),
                                        "F3": ("n", "15")}))
    assert [r["registered"] for r in records("learning_models", year=2025)] == [6800, 18]
    put(data, BOOK, xlsx(rows, cached={"E2": ("n", "6800"), "F2": ("n", "6000"),
                                        "F3": ("e", "#DIV/0!")}))
    assert messages() == [
        f"{WHERE}, dòng 3, cột F (Đạt danh hiệu): ô chứa lỗi công thức #DIV/0!, không phải "
        "số liệu (gặp: #DIV/0!). Cách sửa: mở bảng tính bằng Excel, sửa công thức của ô này "
        "(hoặc gõ thẳng số liệu vào ô) rồi lưu lại",
    ]


def test_a_formula_saved_without_its_result_is_refused(data):
    put(data, BOOK, xlsx(learning(["khoi-cq", 2025, "Gia đình học tập", 7900, 6800,
                                   "=E2-800"])))
    assert messages() == [
        f"{WHERE}, dòng 2, cột F (Đạt danh hiệu): ô có công thức nhưng tệp không lưu kết quả "
        "của công thức (gặp: =E2-800). Cách sửa: mở tệp bằng Excel hoặc LibreOffice Calc rồi "
        "lưu lại (hai chương trình này lưu cả kết quả), hoặc gõ thẳng số liệu vào ô",
    ]


def test_a_formula_error_saved_into_csv_is_a_mistake(data):
    put(data, "data/learning_models.csv", csv_bytes(learning(
        ["khoi-cq", 2025, "Gia đình học tập", 7900, "#REF!", 6000])))
    assert messages() == [
        "data/learning_models.csv, dòng 2, cột E (Đăng ký): ô chứa lỗi công thức #REF!, "
        "không phải số liệu (gặp: #REF!). Cách sửa: mở bảng tính bằng Excel, sửa công thức "
        "của ô này (hoặc gõ thẳng số liệu vào ô) rồi lưu lại",
    ]


RATED = ["Xếp loại Tốt", "Xếp loại Khá", "Xếp loại Trung bình"]


def test_headers_merged_over_two_rows(data):
    put(data, BOOK, xlsx([
        ["Đơn vị", "Năm", "Mô hình", "Tổng số", "Đăng ký", "Đạt danh hiệu", "Xếp loại",
         None, None],
        [None, None, None, None, None, None, "Tốt", "Khá", "Trung bình"],
        [*ROW, 3000, 2000, 1000],
    ], merged=["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:F2", "G1:I1"]))
    record = records("learning_models", year=2025)[0]
    assert (record["rated_good"], record["rated_fair"], record["rated_average"],
            record["achieved"]) == (3000, 2000, 1000, 6000)


def test_a_csv_saved_from_a_sheet_with_a_two_row_header(data):
    put(data, "data/learning_models.csv", csv_bytes([
        ["Đơn vị", "Năm", "Mô hình", "Tổng số", "Đăng ký", "Đạt danh hiệu", "Xếp loại", "", ""],
        ["", "", "", "", "", "", "Tốt", "Khá", "Trung bình"],
        [*ROW, 3000, 2000, 1000],
    ]))
    record = records("learning_models", year=2025)[0]
    assert (record["rated_good"], record["rated_average"]) == (3000, 1000)


def test_merged_cells_in_the_data_are_read_down(data):
    put(data, BOOK, xlsx(learning(
        ["khoi-cq", 2025, "Gia đình học tập", 7900, 6800, 6000],
        [None, None, "Đơn vị học tập", 20, 18, 15],
    ), merged=["A2:A3", "B2:B3"]))
    got = records("learning_models", year=2025)
    assert [(r["unit"], r["year"], r["model"]) for r in got] == [
        ("khoi-cq", 2025, "Gia đình học tập"), ("khoi-cq", 2025, "Đơn vị học tập")]


def test_hidden_rows_and_columns_with_figures_are_refused(data):
    put(data, BOOK, xlsx(learning(ROW, ["khoi-cq", 2025, "Đơn vị học tập", 20, 18, 15]),
                         hidden_rows=[3]))
    assert messages() == [
        f"{WHERE}, dòng 3: dòng đang bị ẩn nhưng có số liệu: số liệu ẩn dễ bị bỏ sót khi "
        "soát lại (gặp: khoi-cq, 2025, Đơn vị học tập, 20, 18, 15). Cách sửa: bỏ ẩn dòng "
        "(chọn các dòng bao quanh, chuột phải → Bỏ ẩn/Unhide), rồi xoá dòng nếu không dùng "
        "hoặc giữ lại nếu là số liệu thật",
    ]
    put(data, BOOK, xlsx(learning(ROW), hidden_columns=["E"]))
    assert messages() == [
        f"{WHERE}, dòng 2, cột E (Đăng ký): cột đang bị ẩn nhưng có số liệu: số liệu ẩn dễ "
        "bị bỏ sót khi soát lại (gặp: 6800). Cách sửa: bỏ ẩn cột (chọn hai cột hai bên, chuột "
        "phải → Bỏ ẩn/Unhide) rồi kiểm tra số liệu của cột",
    ]


def test_empty_hidden_rows_and_trailing_empty_rows_are_nothing(data):
    put(data, BOOK, xlsx(learning(ROW, [], [None, None, "", None], ["", " "]),
                         hidden_rows=[3], formats={"D40": "#,##0"}))
    assert len(records("learning_models", year=2025)) == 1


def test_a_total_row_at_the_bottom_is_left_out_and_refused_in_the_middle(data):
    total = ["Tổng cộng", None, None, 7920, 6818, 6015]
    put(data, BOOK, xlsx(learning(ROW, ["khoi-cq", 2025, "Đơn vị học tập", 20, 18, 15],
                                  total)))
    assert len(records("learning_models", year=2025)) == 2
    put(data, BOOK, xlsx(learning(ROW, total, ["khoi-cq", 2025, "Đơn vị học tập", 20, 18,
                                                15])))
    assert messages() == [
        f"{WHERE}, dòng 3: dòng tổng cộng nằm giữa bảng: dưới nó còn số liệu (dòng 4). "
        "Cách sửa: chuyển dòng tổng cộng xuống cuối bảng hoặc xoá nó (trang web tự cộng số "
        "liệu)",
    ]


def test_a_row_numbering_the_columns_and_a_repeated_header_are_skipped(data):
    put(data, BOOK, xlsx([
        LEARNING_HEADER, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"], ROW,
        LEARNING_HEADER, ["khoi-cq", 2025, "Đơn vị học tập", 20, 18, 15],
    ]))
    assert len(records("learning_models", year=2025)) == 2


def test_the_wrong_sheet(data):
    put(data, BOOK, xlsx(learning(ROW), sheet="Mô hình", other_sheets=[
        ("Quỹ", [["Đơn vị", "Năm"]])]))
    assert messages() == [
        f'{BOOK}: bảng tính có nhiều trang mà không trang nào tên là "Mô hình học tập" nên '
        'không biết số liệu ở trang nào (gặp: các trang "Mô hình", "Quỹ"). Cách sửa: có phải '
        'số liệu ở trang "Mô hình"? đổi tên trang chứa số liệu thành "Mô hình học tập" (nháy '
        "đúp vào tên trang ở cuối cửa sổ Excel), hoặc xoá các trang còn lại",
    ]


def test_another_datasets_sheet_in_the_wrong_folder(data):
    fund_header = ["Đơn vị", "Năm", "Số dư đầu năm (đồng)", "Huy động trong năm (đồng)",
                   "Chi trong năm (đồng)", "Số dư cuối năm (đồng)"]
    put(data, BOOK, xlsx([fund_header, ["khoi-cq", 2025, 1, 1, 1, 1]], sheet="Quỹ"))
    assert messages() == [
        f'{BOOK}, trang "Quỹ", dòng 1: dòng tên cột là của bộ số liệu "Quỹ khuyến học", không '
        'phải của bộ số liệu "Mô hình học tập" (gặp: Đơn vị, Năm, Số dư đầu năm (đồng), Huy '
        "động trong năm (đồng), Chi trong năm (đồng), Số dư cuối năm (đồng)). Cách sửa: nếu "
        "đây là số liệu Quỹ khuyến học, chuyển tệp vào thư mục data/funds/; nếu không, dùng "
        "tệp mẫu Mô hình học tập của make forms",
    ]


def test_a_sheet_without_a_header_row(data):
    put(data, BOOK, xlsx([["Báo cáo năm 2025"], ["khoi-cq", 2025, "Gia đình học tập", 7900]],
                         sheet="Trang tính 1"))
    assert messages() == [
        f'{BOOK}, trang "Trang tính 1": không tìm thấy dòng tên cột của bộ số liệu "Mô hình '
        'học tập" trong 20 dòng đầu trang (gặp: Báo cáo năm 2025). Cách sửa: dòng tên cột '
        "phải có ít nhất các cột: Đơn vị, Năm, Mô hình (viết đúng như tệp mẫu của make forms)",
    ]


def test_a_column_renamed_by_hand(data):
    header = ["Đơn vị", "Năm", "Mô hình", "Tổng số", "Đăng ký", "Đạt danh hieu"]
    put(data, BOOK, xlsx([header, ROW]))
    assert messages() == [
        f"{WHERE}, dòng 1, cột F (Đạt danh hieu): tên cột không có trong bộ số liệu (gặp: "
        'Đạt danh hieu). Cách sửa: có phải ý bạn là "Đạt danh hiệu"? Sửa tên cột cho đúng '
        "như vậy",
    ]


def test_a_required_column_missing_and_a_figure_without_a_header(data):
    put(data, BOOK, xlsx([["Đơn vị", "Mô hình", "Tổng số"], ["khoi-cq", "Gia đình học tập",
                                                            7900]]))
    assert messages() == [
        f'{WHERE}, dòng 1: thiếu cột bắt buộc "Năm". Cách sửa: thêm một cột có tên "Năm" vào '
        "dòng tên cột và điền số liệu",
    ]
    put(data, BOOK, xlsx(learning(ROW + [123])))
    assert messages() == [
        f"{WHERE}, dòng 2, cột G: cột không có tên nhưng có số liệu (gặp: 123). Cách sửa: "
        "viết tên cột ở dòng tên cột (dòng 1), hoặc xoá số liệu thừa ở cột này",
    ]


def test_a_csv_saved_in_a_vietnamese_windows_encoding_is_refused(data):
    put(data, "data/learning_models.csv",
        csv_bytes(learning(ROW), encoding="cp1258"))
    assert messages() == [
        "data/learning_models.csv, dòng 1: tệp CSV không lưu theo bảng mã UTF-8 nên chữ "
        'tiếng Việt sẽ bị đọc sai (có thể tệp được lưu bằng Excel với kiểu "CSV (Comma '
        'delimited)", bảng mã Windows-1258 hoặc Windows-1252) (gặp: Đơn vị,Năm,Mô hình,Tổng '
        'số,Đăng ký,Đạt danh hiệu). Cách sửa: mở tệp bằng Excel, chọn Tệp (File) → Lưu thành '
        '(Save As), chọn kiểu "CSV UTF-8 (Comma delimited) (*.csv)" rồi lưu đè lên tệp này; '
        "hoặc lưu thành .xlsx",
    ]


def test_rules_across_records_name_the_cell(data):
    put(data, BOOK, xlsx(learning(["khoi-cq", 2025, "Gia đình học tập", 7900, 6800, 7000],
                                  ["khoi-cq", 2025, "Gia đình học tập", 1, 1, 1],
                                  ["khoi-cp", 2025, "Đơn vị học tập", 20, 18, 15])))
    assert messages() == [
        f"{WHERE}, dòng 2, cột F (Đạt danh hiệu): số đạt danh hiệu (achieved) lớn hơn số "
        "đăng ký (registered) (gặp: achieved: 7000, registered: 6800). Cách sửa: kiểm tra "
        'lại số liệu; nếu báo cáo gốc đúng là như vậy, thêm cột "Giải trình số liệu vượt" và '
        'ghi "lý do" vào ô của dòng này để giữ nguyên số liệu',
        f"{WHERE}, dòng 3: bản ghi trùng với bản ghi ở dòng 2 (gặp: unit: khoi-cq, year: 2025, "
        "model: Gia đình học tập). Cách sửa: gộp hai bản ghi thành một, hoặc sửa lại đơn vị, "
        "năm cho đúng",
        f"{WHERE}, dòng 4, cột A (Đơn vị): mã đơn vị không có trong units.yaml (gặp: "
        'khoi-cp). Cách sửa: có phải ý bạn là "khoi-cq"? Nếu là đơn vị mới, thêm nó vào '
        "units.yaml",
    ]


def test_a_value_not_in_the_list_and_a_required_cell_left_empty(data):
    put(data, BOOK, xlsx(learning(["khoi-cq", 2025, "Gia đình", 7900, 6800, 6000],
                                  ["khoi-cq", None, "Đơn vị học tập", 20, 18, 15])))
    assert messages() == [
        f"{WHERE}, dòng 2, cột C (Mô hình): giá trị không có trong danh sách (gặp: Gia "
        "đình). Cách sửa: viết một trong các giá trị: Gia đình học tập, Dòng họ học tập, "
        "Cộng đồng học tập, Đơn vị học tập, Công dân học tập",
        f"{WHERE}, dòng 3, cột B (Năm): thiếu trường bắt buộc. Cách sửa: điền Năm vào ô cột "
        "B (Năm) của dòng này",
    ]


def test_spreadsheets_no_dataset_reads_are_named(data):
    put(data, "data/bao-cao-2024.xlsx", xlsx(learning(ROW)))
    put(data, "data/learning_models/cu.xls", b"\xd0\xcf\x11\xe0old excel")
    put(data, "data/learning_model/2025.csv", csv_bytes(learning(ROW)))
    put(data, "data/learning_models/~$bao-cao.xlsx", b"lock file of an open workbook")
    assert messages() == [
        "data/bao-cao-2024.xlsx: tệp bảng tính không mang tên bộ số liệu nào nên không được "
        "đọc (gặp: bao-cao-2024.xlsx). Cách sửa: đặt tệp vào thư mục data/<tên bộ số "
        "liệu>/, ví dụ data/learning_registration/bao-cao-2024.xlsx; các bộ số liệu: units, "
        "funds, awards, organisation, support, learning_models, training, fund_reports, "
        "contribution_norms, learning_registration",
        "data/learning_model: thư mục không mang tên bộ số liệu nào nên các bảng tính trong "
        'đó không được đọc (gặp: learning_model). Cách sửa: có phải ý bạn là '
        '"learning_models"? Đổi tên thư mục',
        "data/learning_models/cu.xls: bảng tính dạng Excel 97-2003 (.xls) không đọc được, "
        "chỉ đọc .xlsx và .csv. Cách sửa: mở tệp bằng Excel, chọn Tệp (File) → Lưu thành "
        '(Save As), chọn kiểu "Excel Workbook (*.xlsx)" rồi đặt tệp .xlsx vào thư mục data/ '
        "thay cho tệp này",
    ]


def test_a_file_named_xlsx_that_is_not_a_workbook(data):
    put(data, BOOK, csv_bytes(learning(ROW)))
    assert messages() == [
        f"{BOOK}: tệp có đuôi .xlsx nhưng không phải bảng tính Excel (.xlsx): có thể là tệp "
        ".xls cũ, tệp CSV hoặc tệp có mật khẩu bị đổi tên. Cách sửa: mở tệp bằng Excel, chọn "
        'Tệp (File) → Lưu thành (Save As), chọn kiểu "Excel Workbook (*.xlsx)" rồi đặt tệp '
        ".xlsx vào thư mục data/ thay cho tệp này; nếu tệp có mật khẩu, bỏ mật khẩu trước khi "
        "lưu",
    ]


def test_the_downloaded_csv_reads_back_the_same(data):
    """What /du-lieu/{dataset}.csv gives (codes and names of units, the
    qualifier in a column of its own) put back in data/ is the same data."""
    from khuyenhoc.pages import downloads

    before, errors = datasets.read("data")
    assert not errors
    for name in ("organisation", "awards", "units"):
        (data / f"{name}.yaml").unlink()
        put(data, f"data/{name}.csv", downloads.to_csv(before, name).encode("utf-8-sig"))
    after, errors = datasets.read("data")
    assert not errors, [str(e) for e in errors]
    for name in ("organisation", "awards", "units"):
        assert downloads.to_json(after, name) == downloads.to_json(before, name)


def test_an_explanation_column_keeps_figures_the_rules_would_refuse(data):
    put(data, BOOK, xlsx([LEARNING_HEADER + ["Giải trình số liệu vượt"],
                          ["khoi-cq", 2025, "Gia đình học tập", 7900, 6800, 7000,
                           "Báo cáo gốc tính cả hộ mới đăng ký"],
                          ["khoi-cq", 2025, "Đơn vị học tập", 20, 18, 19]]))
    assert messages() == [
        f"{WHERE}, dòng 3, cột F (Đạt danh hiệu): số đạt danh hiệu (achieved) lớn hơn số "
        "đăng ký (registered) (gặp: achieved: 19, registered: 18). Cách sửa: kiểm tra lại số "
        "liệu; nếu báo cáo gốc đúng là như vậy, ghi \"lý do\" vào ô cột G (Giải trình số liệu "
        "vượt) của dòng này để giữ nguyên số liệu",
    ]


def test_a_damaged_workbook_is_refused(data):
    import io
    import zipfile

    good = xlsx(learning(ROW))
    source = zipfile.ZipFile(io.BytesIO(good))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[:len(content) // 2]  # cut short
            target.writestr(item, content)
    put(data, BOOK, damaged.getvalue())
    [message] = messages()
    assert message.startswith(
        f"{BOOK}: không mở được bảng tính: tệp bị hỏng hoặc không phải .xlsx (gặp: ParseError")
    assert message.endswith(
        'Cách sửa: mở tệp bằng Excel, chọn Tệp (File) → Lưu thành (Save As), chọn kiểu '
        '"Excel Workbook (*.xlsx)" rồi đặt tệp .xlsx vào thư mục data/ thay cho tệp này')


def test_a_record_in_a_spreadsheet_and_in_yaml_is_a_duplicate_named_by_file(data):
    put(data, "data/organisation.csv", csv_bytes([["Đơn vị", "Năm", "Hội viên"],
                                                  ["khoi-cq", 2019, 8240]]))
    [message] = messages()
    assert message.startswith(
        "data/organisation.csv, dòng 2: bản ghi trùng với bản ghi ở tệp data/organisation.yaml, "
        "dòng ")
