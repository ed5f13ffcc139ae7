"""Plain sheets are read with python-calamine, the others with the XML reader
(data/spreadsheet_files.py, ``_plain_rows``), and both give the same rows.

A plain sheet (strings and numbers, nothing hidden, no formula, no date or
percentage format) is read by calamine several times faster; anything
calamine would not tell (a hidden row, a formula saved without its result,
85% stored as 0.85, a formula's error) sends the sheet to the XML reader,
whose messages test_spreadsheets.py pins.
"""

import datetime

import openpyxl
import pytest
from workbooks import LEARNING_HEADER, xlsx

from khuyenhoc.data import spreadsheet_files


def _both(path, title=None):
    """(rows of the plain path or None, rows of the XML reader) of a sheet."""
    workbook = spreadsheet_files.open_workbook(str(path))
    try:
        title = title or spreadsheet_files.sheet_names(workbook)[0][0]
        worksheet = workbook[title]
        percent = spreadsheet_files._percent_styles(workbook)
        plain = spreadsheet_files._plain_rows(workbook, worksheet, str(path), title, percent)
        table = spreadsheet_files.Table(str(path))
        xml = list(spreadsheet_files._sheet_rows(workbook, worksheet, table, percent))
        return plain, xml
    finally:
        workbook.close()


def _same_cells(rows):
    """An empty cell is None or "" (the records read both as empty), and a
    row ends at its last filled cell."""
    shown = []
    for number, values, hidden in rows:
        values = [None if value == "" else value for value in values]
        while values and values[-1] is None:
            values.pop()
        shown.append((number, [(type(v).__name__, v) for v in values], hidden))
    return shown


def test_a_plain_sheet_reads_the_same_through_calamine(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Mô hình học tập"
    sheet["C3"] = "Báo cáo năm 2025"
    sheet.merge_cells("C3:F3")
    for column, header in enumerate(LEARNING_HEADER, start=1):
        sheet.cell(row=5, column=column, value=header)
    sheet.append(["khoi-cq", 2025, "Gia đình học tập", 7900, 6800.5, -3])
    sheet.append(["so-a", "2025", 'Chi hội <b>A</b> & "B"', "1.230.000 đ", None, 0])
    sheet.cell(row=9, column=8, value="  cột không tên  ")
    sheet.cell(row=12, column=1, value="Tổng cộng")
    sheet.cell(row=12, column=4, value=1e20)
    workbook.create_sheet("Khác")["A1"] = "không đọc"
    path = tmp_path / "bao-cao.xlsx"
    workbook.save(path)
    plain, xml = _both(path, "Mô hình học tập")
    assert plain is not None
    assert [number for number, _, _ in plain] == [3, 5, 6, 7, 9, 12]
    assert _same_cells(plain) == _same_cells(xml)
    assert plain[2][1] == ["khoi-cq", 2025, "Gia đình học tập", 7900, 6800.5, -3]


def test_the_national_forms_sheet_reads_the_same(tmp_path):
    rows = [LEARNING_HEADER] + [
        [f"tinh-01-xa-{n:03d}", 2016 + n % 10, "Đơn vị học tập", n * 7, n * 5, n * 3]
        for n in range(1, 400)]
    path = tmp_path / "tinh-01.xlsx"
    path.write_bytes(xlsx(rows))
    plain, xml = _both(path)
    assert plain is not None and len(plain) == 400
    assert _same_cells(plain) == _same_cells(xml)


ROW = ["khoi-cq", 2025, "Gia đình học tập", 7900, 6800, 6000]


@pytest.mark.parametrize("what, content", [
    ("a formula", lambda: xlsx([LEARNING_HEADER, ROW[:5] + ["=E2-800"]])),
    ("a formula's error", lambda: xlsx([LEARNING_HEADER, ROW[:5] + ["=E2/0"]],
                                       cached={"F2": ("e", "#DIV/0!")})),
    ("a hidden row", lambda: xlsx([LEARNING_HEADER, ROW], hidden_rows=[2])),
    ("a hidden column", lambda: xlsx([LEARNING_HEADER, ROW], hidden_columns=["E"])),
    ("a percentage format", lambda: xlsx([LEARNING_HEADER + ["Tỷ lệ"], ROW + [0.85]],
                                         formats={"G2": "0%"})),
    ("a date", lambda: xlsx([LEARNING_HEADER + ["Ngày"],
                             ROW + [datetime.date(2025, 3, 23)]])),
    ("a boolean", lambda: xlsx([LEARNING_HEADER + ["Đã duyệt"], ROW + [True]])),
])
def test_what_calamine_does_not_tell_goes_to_the_xml_reader(tmp_path, what, content):
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(content())
    plain, xml = _both(path)
    assert plain is None, what
    assert [number for number, _, _ in xml] == [1, 2]
