"""The cells of a CSV file or of one sheet of an XLSX workbook, row by row.

The units send their figures as spreadsheets; this module only reads them:
which sheet, which encoding, which separator, what a cell holds (its cached
value, or the formula's error), which rows and columns are hidden, which
cells are merged. What the cells mean is ``spreadsheet_records``' job.

XLSX: openpyxl 3.1.5 (pinned) opens the workbook (its sheets, shared
strings, styles, date epoch). A plain sheet (strings and numbers, nothing
hidden, no formula, no date or percentage format: what a unit types into
a form) is then read with python-calamine 0.9.1 (pinned; Rust), after a
quick scan of its XML that tells it is plain (``_plain_rows``). Any other
sheet is streamed here with the standard library's ``iterparse``, one row
at a time (``_sheet_rows``): calamine tells neither hidden rows and
columns, nor a cell's number format (a 0.85 shown as 85%), nor a formula
saved without its result, and the officer's messages need all three.
Merged ranges are written at the end of a sheet's XML, after the rows;
they are found first by a quick scan of the XML for ``<mergeCell
ref=...>`` (zlib and a regular expression).

Why calamine, measured side by side (CPU, the national case's 34
learning-model workbooks, 167,784 rows, bench/national.py's files, on
the shared machine, 3 December 2026), each with its own opening of the
workbooks (openpyxl's alone: 0.63 s): ``iterparse`` walking the XML and
doing nothing, 5.73 s; a pyexpat parser with start and end handlers for
row, c, v and t only, making the rows, 5.77 s; lxml's ``iterparse``
filtered on rows, making the rows, 5.55 s; calamine making the rows,
1.61 s. The XML parse in Python is the cost, and only calamine avoids it. Read
and checked whole (``datasets.read``, bench/national.py), the national
case's XLSX took 3.8 times the CPU of the same rows from CSV with
``iterparse``, and about twice with calamine for the plain sheets.

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
from xml.etree import ElementTree

from khuyenhoc.errors import OfficerError

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

class Workbook:
    """An XLSX workbook's parts that reading needs: its sheets (name, state,
    path in the archive), shared strings, styles and date epoch.

    Opened with openpyxl's reader, without its worksheets: for each sheet,
    openpyxl's read-only mode parses the whole sheet once just to size it
    (when the file does not say its dimension, as openpyxl's own files do
    not), which doubled the time of a workbook."""

    def __init__(self, reader):
        self.archive = reader.archive
        self.shared_strings = reader.shared_strings
        book = reader.wb
        self.epoch = book.epoch
        self._date_formats = book._date_formats
        self._cell_styles = book._cell_styles
        self._number_formats = book._number_formats
        self.worksheets = []
        for sheet, rel in reader.parser.find_sheets():
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
                self.worksheets.append(Worksheet(sheet.name, sheet.state or "visible",
                                                 rel.target))

    def __getitem__(self, title):
        return next(ws for ws in self.worksheets if ws.title == title)

    def close(self):
        self.archive.close()


class Worksheet:
    def __init__(self, title, sheet_state, path):
        self.title = title
        self.sheet_state = sheet_state
        self.path = path


# Excel's limits: 16,384 columns. Shared strings are read whole by openpyxl:
# more than this is no unit's report but a file made to fill the memory.
MAX_COLUMNS = 16384
MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024


def open_workbook(path):
    """The ``Workbook`` at ``path``; ``OfficerError`` when it is not one."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    try:
        reader = ExcelReader(path, read_only=True, data_only=True)
        try:
            strings = sum(item.file_size for item in reader.archive.infolist()
                          if item.filename.lower().endswith("sharedstrings.xml"))
            if strings > MAX_SHARED_STRINGS_BYTES:
                raise OfficerError(
                    "bảng tính quá lớn để đọc (phần chữ của bảng tính vượt 256 MB)",
                    path=path, found=f"{strings // (1024 * 1024)} MB",
                    fix="chia số liệu thành nhiều tệp nhỏ hơn (mỗi đơn vị hoặc mỗi năm một "
                        "tệp), hoặc lưu thành CSV UTF-8")
            reader.read_manifest()
            reader.read_strings()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            return Workbook(reader)
        except BaseException:
            reader.archive.close()
            raise
    except zipfile.BadZipFile:
        raise OfficerError(
            "tệp có đuôi .xlsx nhưng không phải bảng tính Excel (.xlsx): có thể là tệp .xls "
            "cũ, tệp CSV hoặc tệp có mật khẩu bị đổi tên",
            path=path, fix=SAVE_AS_XLSX + "; nếu tệp có mật khẩu, bỏ mật khẩu trước "
                           "khi lưu") from None
    except (KeyError, ValueError, TypeError, OSError, zlib.error,
            ElementTree.ParseError) as error:
        raise OfficerError(
            "không mở được bảng tính: tệp bị hỏng hoặc không phải .xlsx",
            path=path, found=f"{type(error).__name__}: {error}"[:120],
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
        plain = _plain_rows(workbook, worksheet, path, title, percent_styles)
        if plain is not None:
            yield from plain
        else:
            yield from _sheet_rows(workbook, worksheet, table, percent_styles)

    return Table(path, sheet=title, other_sheets=others, rows=rows, merged=merged)


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _merged_ranges(workbook, worksheet):
    ranges = []
    tail = b""
    with workbook.archive.open(worksheet.path) as source:
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


# --- Plain sheets: values from python-calamine --------------------------------

# A sheet larger than this (uncompressed XML) is streamed (``_sheet_rows``):
# calamine holds a whole sheet in memory.
PLAIN_SHEET_MAX_BYTES = 64 * 1024 * 1024
# What makes a sheet not plain, looked for as plain bytes (a search that
# runs at memory speed): a formula, anything hidden, a text that XML
# readers may not agree on (Excel's _x000D_ escapes, a raw carriage return,
# phonetic runs), a namespace prefix, an attribute written other than as
# Excel, LibreOffice and openpyxl write them (``t = "e"``, ``t='e'``).
# Each is loose on purpose: a false alarm only reads the sheet the slow way.
_NOT_PLAIN = (b"<f>", b"<f ", b"<f/", b"hidden", b"rPh", b"\r", b":row", b":c ", b" t=\"e",
              b" t='", b" s='", b" t =", b" s =", b"\nt=", b"\ns=", b"\tt=", b"\ts=")
_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
_KIND = re.compile(rb' t="(\w*)"')
_PLAIN_KINDS = {b"s", b"n", b"inlineStr"}
_STYLE = re.compile(rb' s="(\d+)"')
_BASIC_TYPES = {str, int, float}
_WHOLE = 1e15


def _plain_rows(workbook, worksheet, path, title, percent_styles):
    """The rows of a plain sheet, as ``_sheet_rows`` gives them, read with
    python-calamine; None when the sheet is not plain (then ``_sheet_rows``).

    Plain: strings and numbers only, none formatted as a date or a
    percentage, nothing hidden, no formula (``_NOT_PLAIN``), every row
    numbered. Such a sheet is what a unit types into a form, and what the
    national case is made of; calamine (Rust) reads it several times
    faster than ``iterparse`` walks its XML. Calamine does not tell what a
    sheet that is not plain needs (hidden rows and columns, number formats,
    formulas saved without their result), so those keep the XML reader:
    the officer's messages are the same either way. The XML is scanned
    first (zlib, bytes searches and regular expressions with a literal
    start) to tell; calamine's values are then checked once more (a date
    or a boolean sends the sheet back to the XML reader too)."""
    info = workbook.archive.getinfo(worksheet.path)
    if info.file_size > PLAIN_SHEET_MAX_BYTES:
        return None
    xml = workbook.archive.read(worksheet.path)
    if any(needle in xml for needle in _NOT_PLAIN):
        return None
    if b"_x" in xml and _ESCAPE.search(xml):
        return None
    numbers = [int(n) for n in _ROW_NUMBER.findall(xml)]
    if len(numbers) != xml.count(b"<row"):
        return None  # a row without its number (or numbered oddly): the XML reader's
    if not set(_KIND.findall(xml)) <= _PLAIN_KINDS:
        return None  # an error, a boolean, an ISO date, a formula's text
    special = set(workbook._date_formats) | set(percent_styles)
    if special:
        styles = _STYLE.findall(xml)
        if len(styles) != xml.count(b" s=") or any(
                int(style) in special for style in set(styles)):
            return None
    try:
        import python_calamine

        grid = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_name(
            title).to_python(skip_empty_area=False)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - what calamine refuses (a Rust panic is a
        return None        # BaseException), the XML reader tells as it always did
    kinds = set()
    for row in grid:
        kinds.update(map(type, row))
    if not kinds <= _BASIC_TYPES:
        return None  # a date, a time or a boolean: the XML reader's
    rows = []
    height = len(grid)
    for number in numbers:
        # Calamine gives every number as a float; the XML says 7900 (an int
        # for the XML reader) for a whole number, and 1e+20 past 15 digits.
        values = [None if value == "" else
                  int(value) if value.__class__ is float and value.is_integer()
                  and -_WHOLE < value < _WHOLE else value
                  for value in grid[number - 1]] if number <= height else []
        while values and values[-1] is None:
            values.pop()
        rows.append((number, values, False))
    return rows


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STRICT = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"


def _sheet_rows(workbook, worksheet, table, percent_styles):
    """(row number, values, hidden) of a sheet, streamed from its XML.

    openpyxl opens the workbook (sheets, shared strings, styles, epoch);
    the rows are read here rather than by openpyxl's ``WorkSheetParser``:
    it makes a dictionary and parses a coordinate per cell, and with them
    it read the national case's workbooks five times slower than our CSV
    path (measured, bench/national.py); this loop does what the records
    need and no more. Cells follow ECMA-376 §18.3.1.4: ``t`` (s shared
    string, inlineStr, str formula text, b, e error, d ISO date, n number),
    ``s`` (style: dates and percentages), ``<f>`` (formula) and ``<v>``
    (its saved result).
    """
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    strings = workbook.shared_strings
    date_styles = workbook._date_formats
    epoch = workbook.epoch
    columns = {}  # "AB" → 27
    # Styles that make a number a date or a percentage, as written in ``s``.
    special = {str(style) for style in set(date_styles) | set(percent_styles)}

    def column_of(reference):
        letters = reference.rstrip("0123456789")
        number = columns.get(letters)
        if number is None:
            number = columns[letters] = column_number(letters)
            if not 1 <= number <= MAX_COLUMNS:
                raise ValueError(f"cell {reference} is outside any worksheet")
        return number

    with workbook.archive.open(worksheet.path) as source:
        ns = None
        previous = 0
        # "end" events only: a row is whole when it ends. Each row is cleared
        # once read; what stays is an empty element per row (tens of bytes).
        for _event, element in ElementTree.iterparse(source):
            tag = element.tag
            if ns is None:
                ns = tag[:tag.index("}") + 1] if tag.startswith("{") else ""
                c_tag, v_tag = ns + "c", ns + "v"
            if tag == ns + "row":
                number = element.get("r")
                number = int(number) if number else previous + 1
                previous = number
                values = []
                column = 0
                for cell in element:
                    if cell.tag != c_tag:
                        continue
                    reference = cell.get("r")
                    column = column_of(reference) if reference else column + 1
                    if column > len(values):
                        values.extend([None] * (column - len(values)))
                    # Most cells: a plain number or a shared string, one <v>.
                    kind = cell.get("t")
                    if len(cell) == 1 and cell[0].tag == v_tag and cell.get("s") not in special \
                            and (kind is None or kind == "n" or kind == "s"):
                        text = cell[0].text
                        if text:
                            if kind == "s":
                                values[column - 1] = strings[int(text)]
                            elif text.isdigit():
                                values[column - 1] = int(text)
                            else:
                                values[column - 1] = _number(text)
                            continue
                    values[column - 1] = _cell_value(cell, ns, strings, date_styles,
                                                     percent_styles, epoch, from_excel,
                                                     from_ISO8601)
                hidden = element.get("hidden") in ("1", "true")
                element.clear()
                yield number, values, hidden
            elif tag == ns + "cols":
                table.hidden_columns = _hidden_columns(
                    {i: dict(col.attrib) for i, col in enumerate(element)})
                element.clear()


def _number(text):
    return float(text) if ("." in text or "E" in text or "e" in text) else int(text)


def _cell_value(cell, ns, strings, date_styles, percent_styles, epoch, from_excel,
                from_ISO8601):
    kind = cell.get("t", "n")
    text = None
    formula = False
    inline = None
    for child in cell:
        tag = child.tag
        if tag == ns + "v":
            text = child.text
        elif tag == ns + "f":
            formula = True
        elif tag == ns + "is":
            inline = "".join(t.text or "" for t in child.iter(ns + "t"))
    if kind == "inlineStr":
        return inline
    if text is None or text == "":
        return NoCachedValue("=" + (cell.findtext(ns + "f") or "")) if formula else None
    if kind == "n":
        value = _number(text)
        style = int(cell.get("s", 0))
        if style in date_styles:
            try:
                return from_excel(value, epoch)
            except (OverflowError, ValueError):
                return FormulaError("#VALUE!")
        if style in percent_styles:
            return PercentNumber(value)
        return value
    if kind == "s":
        return strings[int(text)]
    if kind == "str":
        return text
    if kind == "b":
        return text in ("1", "true")
    if kind == "e":
        return FormulaError(text)
    if kind == "d":
        return from_ISO8601(text)
    return text


def _hidden_columns(dimensions):
    hidden = set()
    for attributes in dimensions.values():
        if attributes.get("hidden") in ("1", "true"):
            first = int(attributes["min"])
            last = int(attributes.get("max", first))
            hidden.update(range(first, min(last, 16384) + 1))
    return hidden
