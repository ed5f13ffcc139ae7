"""Real spreadsheets for the tests: XLSX written with openpyxl, CSV as bytes.

``xlsx()`` writes what an officer's Excel would: title rows, merged and
hidden cells, number formats, formulas. openpyxl saves formulas without
their result (only Excel and LibreOffice compute them); ``cached`` puts a
result into the saved XML, as Excel does, so that reading cached values
and formula errors is tested on the bytes Excel writes.
"""

import io
import re
import unicodedata
import zipfile

import openpyxl

LEARNING_SHEET = "Mô hình học tập"
LEARNING_HEADER = ["Đơn vị", "Năm", "Mô hình", "Tổng số", "Đăng ký", "Đạt danh hiệu"]


def xlsx(rows, sheet=LEARNING_SHEET, merged=(), hidden_rows=(), hidden_columns=(),
         formats=None, cached=None, other_sheets=()):
    """The bytes of a workbook. ``formats``: {"D5": "0%"}; ``cached``:
    {"F3": ("n", "1230")} or {"F3": ("e", "#REF!")} for formula cells."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(list(row))
    for cells in merged:
        worksheet.merge_cells(cells)
    for number in hidden_rows:
        worksheet.row_dimensions[number].hidden = True
    for letter in hidden_columns:
        worksheet.column_dimensions[letter].hidden = True
    for coordinate, number_format in (formats or {}).items():
        worksheet[coordinate].number_format = number_format
    for name, other_rows in other_sheets:
        other = workbook.create_sheet(name)
        for row in other_rows:
            other.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    if cached:
        data = _with_cached(data, cached)
    return data


def _with_cached(data, cached):
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode("utf-8")
                for coordinate, (kind, value) in cached.items():
                    text, count = re.subn(
                        rf'<c r="{coordinate}"[^>]*><f>(.*?)</f><v\s*/></c>',
                        rf'<c r="{coordinate}" t="{kind}"><f>\1</f><v>{value}</v></c>', text)
                    assert count == 1, coordinate
                content = text.encode("utf-8")
            target.writestr(item, content)
    return output.getvalue()


def csv_bytes(rows, delimiter=",", encoding="utf-8", bom=False):
    lines = []
    for row in rows:
        cells = []
        for cell in row:
            text = "" if cell is None else str(cell)
            if delimiter in text or '"' in text or "\n" in text:
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        lines.append(delimiter.join(cells))
    text = "\r\n".join(lines) + "\r\n"
    data = windows_1258(text) if encoding == "cp1258" else text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text):
    """Text as a Vietnamese Windows saves it: letters with their vowel marks
    (ơ, â, đ) as one byte, the tone as a combining mark after them."""
    data = b""
    for char in text:
        try:
            data += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            data += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return data


def read_xlsx(data, sheet=None):
    """The values of a workbook's sheet, as a list of rows."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    worksheet = workbook[sheet] if sheet else workbook.active
    return [list(row) for row in worksheet.iter_rows(values_only=True)]
