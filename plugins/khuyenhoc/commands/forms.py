"""`make forms`: one workbook per dataset for the units to fill in and send back.

    make forms [NAM=2025]
    python -m khuyenhoc.commands.forms pelicanconf.py [--year 2025] [--output bieu-mau]

Each ``bieu-mau/<dataset>.xlsx`` has the sheet the build reads (named after
the dataset's Vietnamese title), its headers exactly as
``spreadsheet_records`` reads them (the downloads' headers: a unit's code
and, beside it, its name), one row per unit of ``data/units.yaml`` with its
code, name and the year already filled in, drop-down lists of the allowed
values (data validation pointing at a "Danh mục" sheet, so a value with a
comma or a long list stays whole), number checks where a cell only takes a
number, and a "Hướng dẫn" sheet that explains every column. A row the unit
leaves blank (only its code, name and year) is not read back as a record.
A unit saves the workbook as it is and the officer puts it, unchanged,
into ``data/<dataset>/``.

Only the fields' names, labels, kinds and allowed values are used, through
``spreadsheet_records.describe``.
"""

import argparse
import datetime
import os
import sys

from pelican.settings import read_settings

from khuyenhoc.data import datasets
from khuyenhoc.data.spreadsheet_files import GUIDE_SHEET, LISTS_SHEET, column_letter
from khuyenhoc.data.spreadsheet_records import UNIT_CODE_SUFFIX, describe
from khuyenhoc.errors import display_path

FOLDER = "bieu-mau"
BLANK_ROWS = 20  # rows with no unit filled in, for the ones not in the list

KIND_HELP = {
    "money": "Số tiền tính bằng đồng, gõ đủ chữ số, không gõ chữ \"triệu\", \"đồng\" "
             "(ví dụ 164000000).",
    "count": "Số nguyên (ví dụ 8240). Số ước lượng gõ kèm một từ đứng trước: trên, hơn, gần, "
             "khoảng (ví dụ: hơn 8000).",
    "percent": "Tỷ lệ phần trăm từ 0 đến 100 (ví dụ 85, hoặc 85% trong ô định dạng Phần trăm).",
    "year": "Năm, bốn chữ số (ví dụ 2025). Năm học 2024 - 2025 ghi năm kết thúc 2025.",
    "text": "Chữ.",
    "unit": "Mã đơn vị: chọn trong danh sách (xem trang \"Danh mục\").",
    "measure": "Đơn vị tính (ví dụ: người, suất, quyển), như trong danh sách chọn nếu có.",
    "period": "Kỳ báo cáo: năm (2025), 6 tháng đầu năm 2025, năm học 2024-2025...",
    "list": "Các tên cách nhau bằng dấu chấm phẩy (ví dụ: Nguyễn Văn A; Trần Thị B).",
    "date": "Ngày, gõ theo dạng ngày/tháng/năm (ví dụ 23/03/2025).",
}
EXACT_HELP = " Số liệu sổ quỹ: chính xác đến từng đồng, không ghi số ước lượng."

HOW_TO = (
    "Cách điền biểu mẫu",
    "1. Điền số liệu vào trang \"{title}\", mỗi dòng một bản ghi; mã đơn vị, tên đơn vị "
    "và năm đã ghi sẵn, dòng nào đơn vị không có số liệu thì để trống.",
    "2. Không đổi tên cột, không xoá cột, không thêm dòng tổng cộng giữa bảng, không ẩn dòng "
    "hay cột có số liệu.",
    "3. Ô có danh sách chọn (mũi tên bên phải ô): chọn một giá trị, không gõ giá trị khác.",
    "4. Lưu tệp dạng .xlsx như khi nhận, rồi gửi lại cho Hội. Cán bộ phụ trách đặt tệp vào "
    "thư mục data/{name}/ của trang web và chạy make check.",
)


def _header(column):
    """(header of the value column, header of the unit's name column or None)."""
    if column.kind == "unit":
        return column.label + UNIT_CODE_SUFFIX, column.label
    return column.label, None


def write_form(dataset, units, year, path):
    """The workbook of ``dataset`` at ``path``, ``units`` as {id: record}."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    described = describe(dataset)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = described.title[:31]
    lists = workbook.create_sheet(LISTS_SHEET)
    guide = workbook.create_sheet(GUIDE_SHEET)

    # The columns: each field, a unit's name beside its code.
    layout = []  # (header, column or None for a unit's name, the unit field)
    for column in described.columns:
        value_header, name_header = _header(column)
        layout.append((value_header, column, None))
        if name_header:
            layout.append((name_header, None, column))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    sheet.append([header for header, _, _ in layout])
    for index, (header, _column, _) in enumerate(layout, 1):
        cell = sheet.cell(row=1, column=index)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[column_letter(index)].width = max(12, min(40, len(header) + 4))
    sheet.freeze_panes = "A2"

    # The lists: allowed values and the units' codes.
    list_columns = {}
    unit_ids = list(units)
    wanted_lists = [(c.label, list(c.choices)) for c in described.columns if c.choices]
    if any(c.kind == "unit" for c in described.columns):
        wanted_lists.append(("Mã đơn vị", unit_ids))
        wanted_lists.append(("Tên đơn vị", [units[u].get("name") or "" for u in unit_ids]))
    for index, (title, values) in enumerate(wanted_lists, 1):
        lists.cell(row=1, column=index, value=title).font = bold
        for row, value in enumerate(values, 2):
            _as_text(lists.cell(row=row, column=index, value=value))
        letter = column_letter(index)
        lists.column_dimensions[letter].width = 30
        list_columns[title] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${max(2, len(values) + 1)}"

    # One row per unit (the first unit field is the record's own unit).
    first_unit = next((c for c in described.columns if c.kind == "unit"), None)
    has_year = any(c.kind == "year" for c in described.columns)
    rows = []
    if first_unit is not None and has_year:
        rows = [{first_unit.name: unit_id, "year": year} for unit_id in unit_ids]
    for prefilled in rows:
        row = []
        for _label, column, unit_field in layout:
            if column is not None:
                value = prefilled.get(column.name)
                row.append(value if not isinstance(value, list) else "; ".join(value))
            else:
                unit_id = prefilled.get(unit_field.name)
                row.append(units.get(unit_id, {}).get("name") if unit_id else None)
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            _as_text(cell)
    last_row = 1 + len(rows) + BLANK_ROWS

    # Checks of each cell, with the message Excel shows in Vietnamese.
    for index, (header, column, _unit_field) in enumerate(layout, 1):
        letter = column_letter(index)
        cells = f"{letter}2:{letter}{last_row}"
        validation = _validation(DataValidation, column, list_columns)
        if validation is None:
            continue
        validation.errorTitle = "Giá trị không hợp lệ"
        validation.promptTitle = header[:32]
        validation.showErrorMessage = True
        sheet.add_data_validation(validation)
        validation.add(cells)

    # The guide: how to fill in, then one line per column.
    for line in HOW_TO:
        guide.append([line.format(title=described.title, name=described.name)])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append([])
    guide.append(["Cột", "Tên cột", "Bắt buộc", "Cách ghi", "Giá trị được chọn"])
    for cell in guide[guide.max_row]:
        cell.font = bold
    for index, (header, column, _unit_field) in enumerate(layout, 1):
        if column is None:
            guide.append([column_letter(index), header, "",
                          "Tên đơn vị, chỉ để đối chiếu (không được đọc vào trang web).", ""])
            continue
        help_text = ("Chọn một giá trị trong danh sách." if column.choices else
                     KIND_HELP[column.kind] + (EXACT_HELP if column.exact else ""))
        guide.append([column_letter(index), header, "có" if column.required else "",
                      help_text, "; ".join(column.choices)])
    for letter, width in zip("ABCDE", (6, 34, 10, 70, 50)):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=len(HOW_TO) + 2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    workbook.save(path)


def _as_text(cell):
    """A name from units.yaml that starts with "=" stays text: openpyxl would
    write it as a formula, which Excel would run when the unit opens the form."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"


def _validation(DataValidation, column, list_columns):
    if column is None:
        return None
    if column.choices:
        validation = DataValidation(type="list", formula1=list_columns[column.label])
        validation.error = "Chọn một giá trị trong danh sách (mũi tên bên phải ô)."
        return validation
    if column.kind == "unit":
        validation = DataValidation(type="list", formula1=list_columns["Mã đơn vị"])
        validation.error = ("Chọn một mã đơn vị trong danh sách; đơn vị mới: báo cán bộ phụ "
                            "trách thêm vào danh sách đơn vị.")
        return validation
    if column.kind == "year":
        validation = DataValidation(type="whole", operator="between", formula1="1996",
                                    formula2="2100")
        validation.error = "Năm gồm bốn chữ số, ví dụ 2025."
        return validation
    if column.kind in ("money", "count"):
        validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        validation.error = "Gõ số nguyên không âm, đủ chữ số, ví dụ 8240."
        if column.takes_qualifier:
            # "hơn 8000" is allowed: Excel warns and lets the unit keep it.
            validation.errorStyle = "warning"
            validation.error += " Số ước lượng (hơn 8000) vẫn được: chọn Yes để giữ."
        return validation
    if column.kind == "percent":
        validation = DataValidation(type="decimal", operator="between", formula1="0",
                                    formula2="100")
        validation.error = "Tỷ lệ phần trăm từ 0 đến 100, ví dụ 85."
        return validation
    if column.kind == "date":
        validation = DataValidation(type="date", operator="greaterThan", formula1="35065")
        validation.error = "Gõ ngày theo dạng ngày/tháng/năm, ví dụ 23/03/2025."
        return validation
    return None


def write_all(settings, year, output):
    """Every dataset's form into ``output``; the paths written."""
    data, _errors = datasets.read(datasets.data_dir(settings))
    units = {unit_id: record for unit_id, record in data.units.items()}
    written = []
    for dataset in data.datasets.values():
        path = os.path.join(output, f"{dataset.name}.xlsx")
        write_form(dataset, units, year, path)
        written.append(path)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    parser.add_argument("--year", default=os.environ.get("NAM") or None)
    parser.add_argument("--output", default=FOLDER)
    args = parser.parse_args(argv)
    if args.year is None:
        args.year = datetime.date.today().year
    elif not str(args.year).isdigit() or not 1996 <= int(args.year) <= 2100:
        print(f"Năm không hợp lệ (gặp: {args.year}). Cách sửa: viết năm bốn chữ số, ví dụ "
              "make forms NAM=2025", file=sys.stderr)
        return 1
    args.year = int(args.year)
    settings = read_settings(args.settings)
    written = write_all(settings, args.year, args.output)
    print(f"Đã tạo {len(written)} biểu mẫu năm {args.year} trong {display_path(args.output)}/:")
    for path in written:
        print(f"  {display_path(path)}")
    print("Gửi biểu mẫu cho các đơn vị; tệp gửi lại đặt vào data/<tên bộ số liệu>/ rồi chạy "
          "make check.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
