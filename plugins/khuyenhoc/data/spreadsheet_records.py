"""Records of a dataset from the spreadsheets the units send (CSV, XLSX).

Where they are (docs/data.md): ``data/<dataset>.csv`` or ``.xlsx`` beside
or instead of ``data/<dataset>.yaml``, and any number of them in
``data/<dataset>/`` (one per unit, per year...): ``data/learning_models/
bao-cao-2024.xlsx``. ``<dataset>`` is the dataset's name (``funds``,
``learning_models``...).

This module turns rows into the records YAML would have given: a dict of
field name → value as the officer would have written it in YAML (a text
"1.230.000 đ" in a money column becomes 1230000, a date cell a date, a
"85%" 85), then ``datasets`` puts every record through the same converters
(``field_values``) and rules (``record_rules``) as YAML records, with a
``SheetSource`` whose messages name the file, the sheet, the row and the
column by its letter and header. What only spreadsheets have is decided
here, each case with its message or its documented reading: a header row
under title rows, headers merged over two rows ("Xếp loại" over "Tốt",
"Khá"...), a row numbering the columns, a header repeated lower down,
hidden rows and columns, merged cells in the data (filled down), empty
rows, a total row at the bottom, formulas (their saved results; a formula
error is a mistake), the wrong sheet, a header renamed by hand.

It needs of a dataset only ``describe(dataset)``: its name, Vietnamese
title and, per field, name, Vietnamese label, kind, allowed values,
required, exact; re-pointing it at other declarations means changing that
one function.
"""

import datetime
import os
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree

from khuyenhoc.data.spreadsheet_files import (
    GUIDE_SHEET,
    LISTS_SHEET,
    OTHER_WORKBOOKS,
    SAVE_AS_XLSX,
    SPREADSHEET_EXTENSIONS,
    FormulaError,
    NoCachedValue,
    PercentNumber,
    column_letter,
    open_workbook,
    read_csv,
    read_sheet,
    sheet_names,
)
from khuyenhoc.data.values import Invalid, shown
from khuyenhoc.errors import OfficerError
from khuyenhoc.suggest import closest
from khuyenhoc.vietnamese.formats import number as vi_number

# The qualifier words of an approximate figure (schema.QUALIFIERS).
_QUALIFIERS = ("trên", "hơn", "gần", "khoảng")
HEADER_SEARCH_ROWS = 20
# Headers of the row-number column of Vietnamese forms: never data.
ROW_NUMBER_HEADERS = ("stt", "tt", "số tt", "số thứ tự")
UNIT_CODE_SUFFIX = " (mã)"
QUALIFIER_SUFFIX = ": mức ước lượng"


@dataclass(frozen=True)
class Column:
    """What a spreadsheet needs to know of one field."""
    name: str
    label: str
    kind: str
    required: bool = False
    choices: tuple = ()
    exact: bool = False

    @property
    def takes_qualifier(self):
        return self.kind in ("money", "count") and not self.exact


@dataclass(frozen=True)
class Described:
    """What a spreadsheet needs to know of one dataset."""
    name: str
    title: str
    columns: tuple

    def column(self, name):
        return next(column for column in self.columns if column.name == name)


def describe(dataset):
    """The one place that reads the dataset declarations: a ``schema.Dataset``
    as ``data/datapackage.yaml`` declares it (``declarations.py``)."""
    return Described(dataset.name, dataset.title_vi, tuple(
        Column(f.name, f.label_vi, f.kind, f.required, tuple(f.choices), bool(f.exact))
        for f in dataset.fields))


# --- Where the files are ------------------------------------------------------

def _ignored_name(name):
    # Excel's and LibreOffice's lock files while a workbook is open.
    return name.startswith(("~$", ".~lock", "."))


def files_for(name, data_dir):
    """The spreadsheets of dataset ``name``, in a stable order."""
    found = []
    for extension in SPREADSHEET_EXTENSIONS:
        path = os.path.join(data_dir, name + extension)
        if os.path.isfile(path):
            found.append(path)
    folder = os.path.join(data_dir, name)
    if os.path.isdir(folder):
        for entry in sorted(os.listdir(folder)):
            path = os.path.join(folder, entry)
            if os.path.isfile(path) and not _ignored_name(entry) and \
                    os.path.splitext(entry)[1].lower() in SPREADSHEET_EXTENSIONS:
                found.append(path)
    return found


def stray_files(data_dir, names):
    """Spreadsheets that no dataset reads: at the top of data/ under another
    name, in a folder that is no dataset's, or in a format we do not read."""
    if not os.path.isdir(data_dir):
        return
    known = ", ".join(names)
    for entry in sorted(os.listdir(data_dir)):
        path = os.path.join(data_dir, entry)
        stem, extension = os.path.splitext(entry)
        extension = extension.lower()
        if _ignored_name(entry):
            continue
        if os.path.isdir(path):
            inside = [e for e in sorted(os.listdir(path)) if not _ignored_name(e)]
            if entry in names:
                for name in inside:
                    yield from _unread(os.path.join(path, name), entry)
            elif any(os.path.splitext(e)[1].lower() in SPREADSHEET_EXTENSIONS
                     or os.path.splitext(e)[1].lower() in OTHER_WORKBOOKS for e in inside):
                close = closest(entry, names)
                yield OfficerError(
                    "thư mục không mang tên bộ số liệu nào nên các bảng tính trong đó không "
                    "được đọc", path=path, found=entry,
                    fix=(f'có phải ý bạn là "{close}"? Đổi tên thư mục' if close else
                         f"đổi tên thư mục thành tên một bộ số liệu: {known}"))
        elif extension in SPREADSHEET_EXTENSIONS and stem not in names:
            close = closest(stem, names)
            yield OfficerError(
                "tệp bảng tính không mang tên bộ số liệu nào nên không được đọc",
                path=path, found=entry,
                fix=(f'có phải ý bạn là "{close}{extension}"? ' if close else "")
                    + f"đặt tệp vào thư mục data/<tên bộ số liệu>/, ví dụ "
                      f"data/{close or names[-1]}/{entry}; các bộ số liệu: {known}")
        elif extension in OTHER_WORKBOOKS:
            yield from _unread(path, None)


def _unread(path, dataset):
    extension = os.path.splitext(path)[1].lower()
    if os.path.isdir(path) or extension in SPREADSHEET_EXTENSIONS:
        return
    if extension in OTHER_WORKBOOKS:
        yield OfficerError(
            f"bảng tính dạng {OTHER_WORKBOOKS[extension]} không đọc được, chỉ đọc .xlsx và .csv",
            path=path, fix=SAVE_AS_XLSX)
    elif dataset is not None and extension not in (".yaml", ".yml", ".md", ".txt"):
        yield OfficerError(
            "tệp trong thư mục bộ số liệu không phải .xlsx hay .csv nên không được đọc",
            path=path, fix="lưu số liệu thành .xlsx hoặc .csv (CSV UTF-8), hoặc chuyển tệp "
                           "này ra khỏi thư mục data/")


# --- Headers ------------------------------------------------------------------

def _norm(text):
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    return " ".join(text.replace("*", " ").split()).strip(" :")


def _header_map(described):
    """Normalised header → (role, field name)."""
    known = {}
    for column in described.columns:
        for header in (column.label, column.name):
            known.setdefault(_norm(header), ("field", column.name))
        if column.kind == "unit":
            known[_norm(column.label + UNIT_CODE_SUFFIX)] = ("field", column.name)
        if column.takes_qualifier:
            known[_norm(column.label + QUALIFIER_SUFFIX)] = ("qualifier", column.name)
    for header in ROW_NUMBER_HEADERS:
        known.setdefault(header, ("ignore", None))
    return known


class Layout:
    """Where each field is in one table, shared by its records' sources."""

    def __init__(self, described, table, header_row):
        self.described = described
        self.path = table.path
        self.sheet = table.sheet
        self.header_row = header_row
        self.columns = {}     # field name → (column number, "D (Đạt danh hiệu)")
        self.qualifiers = {}  # field name → column number

    def column_label(self, number, header):
        return f"{column_letter(number)} ({header})" if header else column_letter(number)


def _find_header(rows_seen, known):
    """The first row with two or more known headers (one for a one-field dataset)."""
    needed = 1 if len({v for v in known.values() if v[0] == "field"}) == 1 else 2
    for number, values, _hidden in rows_seen:
        matches = sum(1 for value in values if _norm(value) in known
                      and known[_norm(value)][0] == "field")
        if matches >= needed:
            return number
    return None


def _merged_at(table, row):
    """The merged ranges that include ``row``."""
    return [m for m in table.merged if m[1] <= row <= m[3]]


def _header_labels(table, header_values, below_values, header_row, known):
    """Each column's header text, and whether the row below is part of it.

    A header on two rows is either merged cells (XLSX: "Xếp loại" merged
    over three columns, "Tốt", "Khá", "Trung bình" below it) or, in a CSV
    saved from such a sheet, the group's name in its first column only.
    Each column's header is then the group's name and its own ("Xếp loại
    Tốt"), or its own alone, or the group's alone: whichever is known.
    """
    width = max(len(header_values), len(below_values))
    top = [header_values[i] if i < len(header_values) else None for i in range(width)]
    vertical = set()   # columns whose header cell is merged down over both rows
    grouped = set()    # columns under a group's name
    for first_col, first_row, last_col, last_row in _merged_at(table, header_row):
        if first_row != header_row:
            continue
        for column in range(first_col, min(last_col, width) + 1):
            if last_row > header_row:
                vertical.add(column - 1)
            if last_col > first_col:
                top[column - 1] = header_values[first_col - 1] if first_col <= len(
                    header_values) else None
                if last_row == header_row:
                    grouped.add(column - 1)
    if table.sheet is None:  # CSV: a group's name is written in its first column only
        index = 0
        while index < width:
            end = index + 1
            if _filled(top[index]) and _norm(top[index]) not in known and \
                    _is_text(_at(below_values, index)):
                while end < width and not _filled(top[end]) and _is_text(_at(below_values, end)):
                    top[end] = top[index]
                    end += 1
                if end - index >= 2:
                    grouped.update(range(index, end))
            index = end
    if not grouped:
        return [_text(value) for value in top], False
    labels = []
    for i in range(width):
        own = below_values[i] if i < len(below_values) else None
        if i in vertical or not _filled(own):
            labels.append(_text(top[i]))
            continue
        if i not in grouped and _filled(top[i]):
            labels.append(_text(top[i]))
            continue
        both = f"{_text(top[i])} {_text(own)}".strip()
        if _norm(both) in known or _norm(own) not in known:
            labels.append(both)
        else:
            labels.append(_text(own))
    if not any(_norm(labels[i]) in known for i in grouped):
        return [_text(value) for value in header_values], False
    return labels, True


def _at(values, index):
    return values[index] if index < len(values) else None


def _is_text(value):
    return isinstance(value, str) and bool(value.strip()) and not re.match(
        r"^[\d\s.,%()-]+$", value)


def _filled(value):
    return value is not None and not (isinstance(value, str) and not value.strip())


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def _numbering(values):
    """A row that numbers the columns: 1, 2, 3... or (1), (2)... or A, B..."""
    filled = [_text(v) for v in values if _filled(v)]
    return len(filled) >= 2 and all(re.match(r"^\(?(\d{1,2}|[A-Z])\)?$", v) for v in filled)


# --- Reading a file -----------------------------------------------------------

def read(dataset, path, errors, all_datasets):
    """Yield ``(source, item, faulty)`` for each record of the file at ``path``.

    ``item`` is the record as YAML would have given it; ``faulty`` the
    fields whose cell was already reported. Mistakes of the file as a whole
    (its encoding, its sheet, its headers) go to ``errors``.
    """
    described = describe(dataset)
    try:
        if path.lower().endswith(".csv"):
            tables = [read_csv(path)]
        else:
            tables = _workbook_tables(path, described)
        for table in tables:
            yield from _read_table(described, table, errors, all_datasets)
    except OfficerError as error:
        errors.append(error)
    except _BROKEN as error:
        # A workbook that opened but whose sheet cannot be parsed: damaged,
        # cut short, or made by hand to trip the reader.
        errors.append(OfficerError(
            "không mở được bảng tính: tệp bị hỏng hoặc không phải .xlsx", path=path,
            found=f"{type(error).__name__}: {error}"[:120], fix=SAVE_AS_XLSX))


_BROKEN = (ValueError, KeyError, IndexError, TypeError, EOFError, zipfile.BadZipFile,
           zlib.error, ElementTree.ParseError)


def _workbook_tables(path, described):
    workbook = open_workbook(path)
    try:
        visible, hidden = sheet_names(workbook)
        wanted = _norm(described.title)
        titled = [name for name in visible + hidden
                  if _norm(name) in (wanted, wanted[:31].strip())]
        candidates = [name for name in visible
                      if _norm(name) not in (_norm(GUIDE_SHEET), _norm(LISTS_SHEET))]
        if titled:
            chosen = titled[0]
        elif len(candidates) == 1:
            chosen = candidates[0]
        else:
            shown_names = ", ".join(f'"{name}"' for name in visible + hidden)
            close = closest(described.title, candidates)
            raise OfficerError(
                f'bảng tính có nhiều trang mà không trang nào tên là "{described.title}" nên '
                "không biết số liệu ở trang nào",
                path=path, found=f"các trang {shown_names}",
                fix=(f'có phải số liệu ở trang "{close}"? ' if close else "")
                    + f'đổi tên trang chứa số liệu thành "{described.title}" (nháy đúp vào '
                      "tên trang ở cuối cửa sổ Excel), hoặc xoá các trang còn lại")
        table = read_sheet(workbook, path, chosen)
        yield table
    finally:
        workbook.close()


def _read_table(described, table, errors, all_datasets):
    known = _header_map(described)
    rows = table.rows()
    seen = []
    header_row = None
    for row in rows:
        seen.append(row)
        if _find_header([row], known) is not None:
            header_row = row[0]
            break
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    if header_row is None:
        errors.append(_no_header(described, table, seen, all_datasets))
        return
    header_values = seen[-1][1]
    below = next(rows, None)
    labels, two_rows = _header_labels(table, header_values, below[1] if below else [],
                                      header_row, known)
    other = _better_match(described, labels, known, all_datasets)
    if other is not None:
        errors.append(OfficerError(
            f'dòng tên cột là của bộ số liệu "{other.title_vi}", không phải của bộ số liệu '
            f'"{described.title}"', path=table.path, sheet=table.sheet, line=header_row,
            found=", ".join(label for label in labels if label)[:120],
            fix=f"nếu đây là số liệu {other.title_vi}, chuyển tệp vào thư mục "
                f"data/{other.name}/; nếu không, dùng tệp mẫu {described.title} của make "
                "forms"))
        return
    layout = Layout(described, table, header_row)
    plan = _plan(described, table, layout, labels, known, errors)
    if plan is None:
        return
    pending = [] if two_rows or below is None else [below]
    yield from _records(described, table, layout, plan, labels, known, pending, rows,
                        errors)


def _better_match(described, labels, known, all_datasets):
    """Another dataset whose headers these are, when ours lack a required one."""
    def fields(mapping):
        return {mapping[_norm(label)][1] for label in labels
                if mapping.get(_norm(label), ("",))[0] == "field"}
    ours = fields(known)
    if all(c.name in ours for c in described.columns if c.required):
        return None
    for other in all_datasets.values():
        if other.name == described.name:
            continue
        theirs = fields(_header_map(describe(other)))
        if len(theirs) > len(ours) and all(
                f.name in theirs for f in other.fields if f.required):
            return other
    return None


def _no_header(described, table, seen, all_datasets):
    first = next((values for _, values, _ in seen if any(_filled(v) for v in values)), [])
    found = ", ".join(_text(v) for v in first if _filled(v))[:120] or "trang trống"
    expected = ", ".join(c.label for c in described.columns if c.required) or \
        ", ".join(c.label for c in described.columns)
    hint = ""
    for other in all_datasets.values():
        if other.name == described.name:
            continue
        if _find_header([(0, first, False)], _header_map(describe(other))) is not None:
            hint = (f'; các cột này là của bộ số liệu "{other.title_vi}": nếu đúng vậy, '
                    f"chuyển tệp vào data/{other.name}/")
            break
    where = "trang" if table.sheet else "tệp"
    return OfficerError(
        f'không tìm thấy dòng tên cột của bộ số liệu "{described.title}" trong '
        f"{HEADER_SEARCH_ROWS} dòng đầu {where}",
        path=table.path, sheet=table.sheet, found=found,
        fix=f"dòng tên cột phải có ít nhất các cột: {expected} (viết đúng như tệp mẫu của "
            f"make forms){hint}")


def _plan(described, table, layout, labels, known, errors):
    """[(index, field, role)] for the columns that are read; None when the
    header has a mistake (the rows are then not read: each would fail)."""
    plan = []
    used = {}
    problems = []
    codes = {known[_norm(label)][1] for label in labels
             if _norm(label).endswith(_norm(UNIT_CODE_SUFFIX)) and _norm(label) in known}
    unknown = []
    for index, label in enumerate(labels):
        number = index + 1
        normal = _norm(label)
        if not normal:
            continue
        role, name = known.get(normal, (None, None))
        if role is None:
            unknown.append((number, label))
            continue
        if role == "ignore":
            continue
        if role == "field" and name in codes and not normal.endswith(_norm(UNIT_CODE_SUFFIX)):
            continue  # the unit's name beside its code (as in the downloads): not read
        key = (role, name)
        if key in used:
            problems.append(OfficerError(
                f'có hai cột cùng là "{described.column(name).label}": cột '
                f"{column_letter(used[key])} và cột {column_letter(number)}",
                path=table.path, sheet=table.sheet, line=layout.header_row, column=number,
                column_label=layout.column_label(number, label), found=label,
                fix="xoá một trong hai cột, hoặc sửa tên cột cho đúng"))
            continue
        used[key] = number
        if role == "field":
            layout.columns[name] = (number, layout.column_label(number, label))
        else:
            layout.qualifiers[name] = number
        plan.append((index, name, role))
    missing = [c for c in described.columns if c.required and c.name not in layout.columns]
    labels_known = [c.label for c in described.columns]
    suggested = set()
    for number, label in unknown:
        close = closest(label, [c.label for c in described.columns
                                if c.name not in layout.columns])
        close = close or closest(label, labels_known)
        if close:
            suggested.add(close)
            fix = f'có phải ý bạn là "{close}"? Sửa tên cột cho đúng như vậy'
        else:
            fix = ("sửa tên cột thành một trong các tên: " + ", ".join(labels_known)
                   + '; nếu cột này không phải số liệu, xoá cột hoặc chuyển sang trang khác')
        problems.append(OfficerError(
            "tên cột không có trong bộ số liệu", path=table.path, sheet=table.sheet,
            line=layout.header_row, column=number,
            column_label=layout.column_label(number, label), found=label, fix=fix))
    for column in missing:
        if column.label in suggested:
            continue
        problems.append(OfficerError(
            f'thiếu cột bắt buộc "{column.label}"', path=table.path, sheet=table.sheet,
            line=layout.header_row,
            fix=f'thêm một cột có tên "{column.label}" vào dòng tên cột và điền số liệu'))
    if problems:
        errors.extend(problems)
        return None
    return plan


_TOTAL = re.compile(r"^(tổng cộng|tổng số|tổng|cộng)( toàn .*| chung)?$|^toàn (khối|tỉnh|hội|"
                    r"huyện|xã|phường)$")


def _records(described, table, layout, plan, labels, known, pending, rows, errors):
    """The rows' records. Runs once per row of every file (335,000 rows for
    a national association): what most rows need is checked first and
    cheaply; the rarer cases (a total row, the header again, an unnamed
    column) only when a cheap test says they may be there."""
    has_year = any(c.kind == "year" for c in described.columns)
    prefilled = {c.name for c in described.columns if c.kind in ("unit", "year")}
    fields = [(index, name, _NORMALISERS[described.column(name).kind],
               described.column(name)) for index, name, role in plan if role == "field"]
    qualifier_columns = [(index, name) for index, name, role in plan if role == "qualifier"]
    header_norm = [_norm(label) for label in labels]
    header_opening = next((label for label in header_norm if label), "")
    named = {i for i, label in enumerate(header_norm) if label}
    width = len(header_norm)
    hidden_columns = table.hidden_columns
    unnamed_reported = set()
    hidden_reported = set()
    fills = _fills(table, layout.header_row)
    anchors = {}
    total_row = None
    first = True

    def all_rows():
        yield from pending
        yield from rows

    for number, values, hidden in all_rows():
        if fills:
            values = _fill(values, number, fills, anchors)
        opening = _opening(values)
        if opening is None:
            continue
        if hidden:
            errors.append(OfficerError(
                "dòng đang bị ẩn nhưng có số liệu: số liệu ẩn dễ bị bỏ sót khi soát lại",
                path=table.path, sheet=table.sheet, line=number,
                found=", ".join(_text(v) for v in values if _filled(v))[:80],
                fix="bỏ ẩn dòng (chọn các dòng bao quanh, chuột phải → Bỏ ẩn/Unhide), rồi xoá "
                    "dòng nếu không dùng hoặc giữ lại nếu là số liệu thật"))
            first = False
            continue
        if first and _numbering(values):
            first = False
            continue
        first = False
        if isinstance(opening, str):
            if opening[:2].casefold() == header_opening[:2] and \
                    [_norm(v) for v in values[:width]] == header_norm[:len(values)]:
                continue  # the header again (two tables pasted one under the other)
            if _MAYBE_TOTAL.match(opening) and _TOTAL.match(_norm(opening)):
                if total_row is None:
                    total_row = number
                continue
        if total_row is not None:
            errors.append(OfficerError(
                f"dòng tổng cộng nằm giữa bảng: dưới nó còn số liệu (dòng {number})",
                path=table.path, sheet=table.sheet, line=total_row,
                fix="chuyển dòng tổng cộng xuống cuối bảng hoặc xoá nó (trang web tự cộng "
                    "số liệu)"))
            total_row = None
        if len(values) > len(named) or len(values) > width:
            for index, value in enumerate(values):
                if index in named or index in unnamed_reported or not _filled(value) or \
                        index + 1 in hidden_columns:
                    continue
                unnamed_reported.add(index)
                errors.append(OfficerError(
                    "cột không có tên nhưng có số liệu", path=table.path, sheet=table.sheet,
                    line=number, column=index + 1, column_label=column_letter(index + 1),
                    found=_text(value)[:80],
                    fix="viết tên cột ở dòng tên cột (dòng "
                        f"{layout.header_row}), hoặc xoá số liệu thừa ở cột này"))
        source = SheetSource(layout, number)
        item = {}
        faulty = set()
        count = len(values)
        for index, name, normalise, column in fields:
            value = values[index] if index < count else None
            if value is None or value == "":
                continue
            if hidden_columns and index + 1 in hidden_columns:
                _hidden_cell(errors, source, name, value, index, hidden_reported)
                faulty.add(name)
                continue
            try:
                item[name] = normalise(column, value)
            except Invalid as invalid:
                errors.append(source.error(invalid.problem, field=name, found=invalid.found,
                                           fix=invalid.fix))
                faulty.add(name)
        for index, name in qualifier_columns:
            qualifier = values[index] if index < count else None
            if _filled(qualifier) and name in item and name not in faulty:
                item[name] = _qualified(qualifier, item[name])
        if has_year and len(item) <= len(prefilled) and not faulty - prefilled and \
                all(name in prefilled for name in item):
            continue  # a row of a form the unit left blank (only unit and year filled)
        yield source, item, faulty


def _opening(values):
    """The first value of a row that is not empty; None for an empty row."""
    for value in values:
        if value is None or value == "":
            continue
        if isinstance(value, str) and not value.strip():
            continue
        return value
    return None


def _hidden_cell(errors, source, name, value, index, reported):
    if index in reported:
        return
    reported.add(index)
    errors.append(source.error(
        "cột đang bị ẩn nhưng có số liệu: số liệu ẩn dễ bị bỏ sót khi soát lại",
        field=name, found=_text(value),
        fix="bỏ ẩn cột (chọn hai cột hai bên, chuột phải → Bỏ ẩn/Unhide) rồi kiểm tra số "
            "liệu của cột"))


_MAYBE_TOTAL = re.compile(r"\s*(t[ổô]|c[ộo]|to[àa])", re.IGNORECASE)


def _qualified(qualifier, value):
    word = _text(qualifier).lower()
    return f"{word} {value}" if word else value


def _fills(table, header_row):
    """Merged cells below the header: row → [(index, anchor)] to fill down."""
    fills = {}
    for first_col, first_row, _last_col, last_row in table.merged:
        if first_row <= header_row or last_row == first_row:
            continue
        for row in range(first_row + 1, last_row + 1):
            fills.setdefault(row, []).append((first_col - 1, (first_row, first_col - 1)))
        fills.setdefault(first_row, []).append((first_col - 1, None))
    return fills


def _fill(values, number, fills, anchors):
    wanted = fills.get(number)
    if not wanted:
        return values
    values = list(values)
    for index, anchor in wanted:
        if index >= len(values):
            values.extend([None] * (index + 1 - len(values)))
        if anchor is None:
            anchors[(number, index)] = values[index]
        elif not _filled(values[index]):
            values[index] = anchors.get(anchor)
    return values


# --- Cells into the values YAML would have ---------------------------------------

_FORMULA_ERRORS = ("#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#N/A", "#NUM!", "#NULL!",
                   "#SPILL!", "#CALC!", "#GETTING_DATA")


def _cell_problems(value):
    """A formula's error, or its missing result: the same for every kind."""
    if type(value) is str:
        if "#" not in value[:3] or value.strip().upper() not in _FORMULA_ERRORS:
            return
    if isinstance(value, FormulaError) or (
            isinstance(value, str) and value.strip().upper() in _FORMULA_ERRORS):
        code = str(value).strip()
        raise Invalid(f"ô chứa lỗi công thức {code}, không phải số liệu",
                      "mở bảng tính bằng Excel, sửa công thức của ô này (hoặc gõ thẳng số "
                      "liệu vào ô) rồi lưu lại", code)
    if isinstance(value, NoCachedValue):
        raise Invalid("ô có công thức nhưng tệp không lưu kết quả của công thức",
                      "mở tệp bằng Excel hoặc LibreOffice Calc rồi lưu lại (hai chương trình "
                      "này lưu cả kết quả), hoặc gõ thẳng số liệu vào ô", value.formula)


def _whole(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_GROUPED_TEXT = re.compile(
    r"^(?:(?P<word>trên|hơn|gần|khoảng)\s+)?(?P<number>\d{1,3}(?:(?P<sep>[., \u00a0\u202f])"
    r"\d{3})?(?:(?P=sep)\d{3})*|\d+)\s*(?P<currency>đồng|đ|vnđ|vnd|₫)?\.?$", re.IGNORECASE)


def _figure(column, value):
    """Money and counts: a number cell, or text an Excel in any locale writes
    for one ("1.230.000", "1,230", "1 230", "1.230.000 đ")."""
    if type(value) is str and value.isdigit() and value.isascii() and value[0] != "0":
        return int(value)  # most cells of a CSV
    _cell_problems(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _whole(float(value)) if isinstance(value, PercentNumber) else _whole(value)
    if not isinstance(value, str):
        return value
    text = " ".join(unicodedata.normalize("NFC", value).split())
    match = _GROUPED_TEXT.match(text)
    if not match or (match["currency"] and column.kind != "money"):
        return text  # the converter tells what is wrong with it
    digits = re.sub(r"\D", "", match["number"])
    if len(digits) > 1 and digits.startswith("0"):
        return text
    word = (match["word"] or "").lower()
    return f"{word} {int(digits)}" if word else int(digits)


_PERCENT_TEXT = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)\s*(?P<sign>%)?$")


def _percent(column, value):
    """A percentage: 85, "85%", "85,5", or 0.85 in a cell formatted as %."""
    _cell_problems(value)
    if isinstance(value, PercentNumber):
        return _whole(round(float(value) * 100, 10))
    number = value
    if isinstance(value, str):
        match = _PERCENT_TEXT.match(value.strip())
        if not match:
            return value
        number = float(match["number"].replace(",", "."))
        if match["sign"]:
            return _whole(number)
    if isinstance(number, (int, float)) and not isinstance(number, bool):
        if 0 < number < 1:
            shown_number = vi_number(number)
            raise Invalid(
                "tỷ lệ viết dạng số thập phân sẽ bị hiểu là dưới 1%",
                f"nếu là {vi_number(round(number * 100, 10))}%, viết "
                f"{_whole(round(number * 100, 10))} hoặc định dạng ô là Phần trăm "
                "(Percentage) để Excel hiện dấu %", shown_number)
        return _whole(number)
    return value


def _year(column, value):
    if type(value) is str and len(value) == 4 and value.isdigit() and value.isascii():
        return int(value)
    _cell_problems(value)
    return _whole(value) if isinstance(value, float) else value


_DMY = re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$")
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
# Excel's serial numbers of 1/1/1996 and 31/12/2100.
_SERIALS = (35065, 73415)


def _date(column, value):
    """A date cell, its serial number (a date column formatted as a number),
    or text "23/03/2020" (day first, as Vietnamese write it) or "2020-03-23"."""
    _cell_problems(value)
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and \
            _SERIALS[0] <= value <= _SERIALS[1]:
        from openpyxl.utils.datetime import from_excel
        return from_excel(value).date()
    if isinstance(value, str):
        text = value.strip()
        match = _DMY.match(text) or _ISO.match(text)
        if match:
            try:
                return datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                raise Invalid("ngày không có thật", "viết ngày có thật theo dạng 23/03/2020",
                              text) from None
        raise Invalid("phải là một ngày", "viết ngày theo dạng 23/03/2020 (ngày/tháng/năm), "
                      "hoặc gõ ngày vào ô có định dạng Ngày (Date)", text)
    return value


def _text_cell(column, value):
    _cell_problems(value)
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, float):
        return _whole(value)
    return value


def _list(column, value):
    _cell_problems(value)
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;\n]", value) if part.strip()]
    return [_text(value)]


_NORMALISERS = {
    "money": _figure,
    "count": _figure,
    "percent": _percent,
    "year": _year,
    "text": _text_cell,
    "unit": _text_cell,
    "measure": _text_cell,
    "period": _text_cell,
    "list": _list,
    "date": _date,
}


# --- Where a record was written -------------------------------------------------

class SheetSource:
    """Where one record of a spreadsheet is: the table's layout and its row.

    The same interface as ``datasets.Source`` for ``record_rules``."""

    __slots__ = ("layout", "line")

    def __init__(self, layout, line):
        self.layout = layout
        self.line = line

    @property
    def path(self):
        return self.layout.path

    @property
    def dataset(self):
        return self.layout.described

    def position(self, field=None):
        column = self.layout.columns.get(field)
        return self.line, column[0] if column else None

    def field_path(self, field=None):
        return None

    def error(self, problem, field=None, found=None, fix=None, at=None, at_key=False):
        name = at or field
        column = self.layout.columns.get(name)
        if column is None and name is not None and name in self.layout.qualifiers:
            number = self.layout.qualifiers[name]
            column = (number, column_letter(number))
        label = None
        if column is None and name is not None:
            try:
                label = self.layout.described.column(name).label
            except StopIteration:
                label = name
        return OfficerError(problem, path=self.layout.path, line=self.line,
                            column=column[0] if column else None,
                            column_label=column[1] if column else None,
                            sheet=self.layout.sheet, field=label, found=found, fix=fix)

    def write_field(self, name, example):
        column = self.layout.columns.get(name)
        if column:
            return f"ghi {example} vào ô cột {column[1]} của dòng này"
        label = self.layout.described.column(name).label
        return f'thêm cột "{label}" và ghi {example} vào ô của dòng này'

    def missing_fix(self, field):
        column = self.layout.columns.get(field.name)
        if column:
            return f"điền {field.label_vi} vào ô cột {column[1]} của dòng này"
        return f'thêm cột "{field.label_vi}" và điền số liệu'


def shown_cell(value):
    return shown(value)
