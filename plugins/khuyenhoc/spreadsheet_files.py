"""The cells of a CSV file or of one sheet of an XLSX workbook, row by row.

The units send their figures as spreadsheets; this module only reads them:
which sheet, which encoding, which separator, what a cell holds (its cached
value, or the formula's error), which rows and columns are hidden, which
cells are merged. What the cells mean is ``spreadsheet_records``' job.

XLSX is read with openpyxl 3.1.5 (pinned) in its streaming, read-only way:
its worksheet parser (``openpyxl.worksheet._reader.WorkSheetParser``, the
one ``ReadOnlyWorksheet`` uses) gives each row as it goes, with the row's
attributes (``hidden``) and the columns' (read before the rows), so a sheet
of 335,000 rows never sits in memory as cells. Merged ranges are written
at the end of a sheet's XML, after the rows; they are found first by a
quick scan of the XML for ``<mergeCell ref=...>`` (zlib and a regular
expression: a fraction of the parse), so that the header and the merged
cells of the data can be read in one pass. python-calamine (Rust) reads
values several times faster, but tells neither hidden rows and columns
nor a formula's absent cached value, which the officer's messages need;
openpyxl is also what the tests and ``make forms`` write with.

CSV: UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode
Text"), separated by commas, semicolons (Excel set to Vietnamese) or tabs,
told by the header line. A file in another encoding (Excel's plain "CSV"
saves Windows-1258 or Windows-1252 on a Vietnamese Windows) is refused
with the way to save it as "CSV UTF-8": guessing an 8-bit encoding would
turn "Đạt" into "Ð¡t" without a word.
"""

import codecs
import csv
import io
import re
import unicodedata
import zipfile
import zlib

from .errors import OfficerError

SPREADSHEET_EXTENSIONS = (".csv", ".xlsx")
# Workbooks of other programs or of old Excel: named so the officer can
# save them again as .xlsx.
OTHER_WORKBOOKS = {".xls": "Excel 97-2003 (.xls)", ".xlsm": "Excel có macro (.xlsm)",
                   ".ods": "LibreOffice (.ods)", ".numbers": "Numbers (.numbers)"}
# The sheets of a form that explain its columns and hold its drop-down
# lists (forms.py): never data.
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"

SAVE_AS_XLSX = ('mở tệp bằng Excel, chọn Tệp (File) → Lưu thành (Save As), chọn kiểu '
                '"Excel Workbook (*.xlsx)" rồi đặt tệp .xlsx vào thư mục data/ thay cho tệp này')
SAVE_AS_CSV_UTF8 = ('mở tệp bằng Excel, chọn Tệp (File) → Lưu thành (Save As), chọn kiểu '
                    '"CSV UTF-8 (Comma delimited) (*.csv)" rồi lưu đè lên tệp này; hoặc lưu '
                    'thành .xlsx')


class FormulaError(str):
    """A cell whose formula failed: its text is Excel's code ("#REF!")."""


class NoCachedValue:
    """A formula cell saved without its result (written by a program, not
    by Excel or LibreOffice, which always save the result)."""

    def __init__(self, formula):
        self.formula = formula


class PercentNumber(float):
    """A number shown as a percentage (0.85 formatted "0%" is 85%)."""


class Table:
    """One sheet (or a CSV file): where it is, and its rows.

    ``rows()`` yields ``(row_number, values, hidden)``, values from column A
    on. ``hidden_columns`` (1-based numbers) is complete once the first row
    has been yielded; ``merged`` lists (min_col, min_row, max_col, max_row).
    """

    def __init__(self, path, sheet=None, other_sheets=(), rows=None, merged=(),
                 guide=False):
        self.path = path
        self.sheet = sheet
        self.other_sheets = list(other_sheets)
        self._rows = rows
        self.merged = list(merged)
        self.hidden_columns = set()
        self.guide = guide

    def rows(self):
        return self._rows(self)


def column_letter(number):
    """1 → "A", 27 → "AA"."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters):
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


# --- CSV -------------------------------------------------------------------

def read_csv(path):
    """The Table of a CSV file; ``OfficerError`` when it cannot be read."""
    with open(path, "rb") as handle:
        raw = handle.read()
    text = _decode(raw, path)
    lines = text.splitlines()
    first = 0
    # Excel's "sep=;" hint line, written by some exports.
    if lines and re.match(r"^\s*sep=.\s*$", lines[0], re.IGNORECASE):
        first = 1
    header = next((line for line in lines[first:] if line.strip()), "")
    delimiter = _delimiter(header)

    def rows(table):
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        start = 1
        try:
            for values in reader:
                number, start = start, reader.line_num + 1
                if number <= first:
                    continue
                yield number, values, False
        except csv.Error as error:
            raise OfficerError(
                "dòng này viết sai quy cách CSV (có dấu ngoặc kép chưa đóng)",
                path=path, line=start, found=str(error),
                fix="mở tệp bằng Excel rồi lưu lại thành CSV UTF-8, hoặc đóng ngoặc kép ở "
                    "cuối ô") from None

    return Table(path, rows=rows)


def _decode(raw, path):
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        start = raw.rfind(b"\n", 0, error.start) + 1
        end = raw.find(b"\n", error.start)
        seen = unicodedata.normalize("NFC", raw[start:end if end >= 0 else len(raw)].decode(
            "cp1258", "replace").strip())
        raise OfficerError(
            "tệp CSV không lưu theo bảng mã UTF-8 nên chữ tiếng Việt sẽ bị đọc sai (có thể "
            "tệp được lưu bằng Excel với kiểu \"CSV (Comma delimited)\", bảng mã "
            "Windows-1258 hoặc Windows-1252)",
            path=path, line=line, found=seen[:80], fix=SAVE_AS_CSV_UTF8) from None


def _delimiter(line):
    """',' ';' or tab: whichever the header line has most of, outside quotes."""
    outside = re.sub(r'"[^"]*"', "", line)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


# --- XLSX ------------------------------------------------------------------

def open_workbook(path):
    """The openpyxl read-only workbook; ``OfficerError`` when it is not one."""
    import openpyxl  # only builds with workbooks pay for the import

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except zipfile.BadZipFile:
        raise OfficerError(
            "tệp có đuôi .xlsx nhưng không phải bảng tính Excel (.xlsx): có thể là tệp .xls "
            "cũ, tệp CSV hoặc tệp có mật khẩu bị đổi tên",
            path=path, fix=SAVE_AS_XLSX + "; nếu tệp có mật khẩu, bỏ mật khẩu trước "
                           "khi lưu") from None
    except (KeyError, ValueError, TypeError, OSError, zlib.error) as error:
        raise OfficerError(
            "không mở được bảng tính: tệp bị hỏng hoặc không phải .xlsx",
            path=path, found=f"{type(error).__name__}: {error}",
            fix=SAVE_AS_XLSX) from None


def sheet_names(workbook):
    """(visible sheet names, hidden ones), in the workbook's order."""
    visible = [ws.title for ws in workbook.worksheets if ws.sheet_state == "visible"]
    hidden = [ws.title for ws in workbook.worksheets if ws.sheet_state != "visible"]
    return visible, hidden


def read_sheet(workbook, path, title):
    """The Table of sheet ``title`` of an open workbook."""
    worksheet = workbook[title]
    others = [ws.title for ws in workbook.worksheets if ws.title != title]
    merged = _merged_ranges(workbook, worksheet)
    percent_styles = _percent_styles(workbook)

    def rows(table):
        yield from _sheet_rows(workbook, worksheet, table, percent_styles)

    return Table(path, sheet=title, other_sheets=others, rows=rows, merged=merged)


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _merged_ranges(workbook, worksheet):
    ranges = []
    tail = b""
    with workbook._archive.open(worksheet._worksheet_path) as source:
        while True:
            chunk = source.read(1 << 20)
            if not chunk:
                break
            text = tail + chunk
            if b"mergeCell" in text:
                end = 0
                for match in _MERGE.finditer(text):
                    first_col, first_row, last_col, last_row = match.groups()
                    last_col, last_row = last_col or first_col, last_row or first_row
                    ranges.append((column_number(first_col.decode()), int(first_row),
                                   column_number(last_col.decode()), int(last_row)))
                    end = match.end()
                tail = text[max(end, len(text) - 200):]
            else:
                tail = text[-200:]
    return ranges


def _percent_styles(workbook):
    from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, builtin_format_code

    styles = set()
    for index, style in enumerate(workbook._cell_styles):
        number_format = style.numFmtId
        if number_format < BUILTIN_FORMATS_MAX_SIZE:
            code = builtin_format_code(number_format) or ""
        else:
            try:
                code = workbook._number_formats[number_format - BUILTIN_FORMATS_MAX_SIZE]
            except IndexError:
                code = ""
        if "%" in re.sub(r'"[^"]*"|\\.', "", code):
            styles.add(index)
    return styles


def _sheet_rows(workbook, worksheet, table, percent_styles):
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if cell["value"] is None:
                formula = element.find(FORMULA_TAG)
                if formula is not None:
                    cell["data_type"] = "f"
                    cell["value"] = NoCachedValue("=" + (formula.text or ""))
            return cell

    with workbook._archive.open(worksheet._worksheet_path) as source:
        parser = Parser(source, workbook.shared_strings, data_only=True,
                        epoch=workbook.epoch, date_formats=workbook._date_formats,
                        timedelta_formats=workbook._timedelta_formats)
        columns_read = False
        for number, cells in parser.parse():
            if not columns_read:
                table.hidden_columns = _hidden_columns(parser.column_dimensions)
                columns_read = True
            values = []
            for cell in cells:
                column = cell["column"]
                if column > len(values):
                    values.extend([None] * (column - len(values)))
                value = cell["value"]
                kind = cell["data_type"]
                if kind == "e":
                    value = FormulaError(value)
                elif kind == "n" and cell["style_id"] in percent_styles and value is not None:
                    value = PercentNumber(value)
                values[column - 1] = value
            attributes = parser.row_dimensions.get(str(number), {})
            yield number, values, attributes.get("hidden") in ("1", "true")


def _hidden_columns(dimensions):
    hidden = set()
    for attributes in dimensions.values():
        if attributes.get("hidden") in ("1", "true"):
            first = int(attributes["min"])
            last = int(attributes.get("max", first))
            hidden.update(range(first, min(last, 16384) + 1))
    return hidden
