"""References to the association's figures, as the officer writes them.

    [[funds/khoi-cq/2018/closing]]                  one figure, inside a sentence
    [[funds/khoi-cq/2018/disbursed tròn=10]]         rounded: "gần 300 triệu đồng"
    [[bảng: funds/khoi-cq/2021-2022 opening raised disbursed closing]]
    [[biểu đồ cột: funds/khoi-cq/2018-2024 raised]]
    [[tăng: organisation/khoi-cq/2023-2024 members]]  worked out: "135" (derived_figures)

The text between ``[[`` and ``]]`` is parsed here into a ``Reference``, then
checked against the loaded data (``select``): every dataset, unit, year,
field and filter must exist, otherwise the officer gets an ``OfficerError``
that names the file, the line and the column of the reference and says what
to write instead. Nothing here draws or formats; it only says *which*
figures a reference means.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from unidecode import unidecode

from khuyenhoc.data import periods
from khuyenhoc.data.schema import FIRST_YEAR
from khuyenhoc.errors import OfficerError
from khuyenhoc.suggest import closest

# Block kinds: what the officer writes before the colon -> (kind, chart type).
BLOCK_KINDS = {
    "bảng": ("table", None),
    "biểu đồ cột": ("chart", "bar"),
    "biểu đồ cột nhóm": ("chart", "grouped"),
    "biểu đồ cột chồng": ("chart", "stacked"),
    "biểu đồ đường": ("chart", "line"),
    "biểu đồ tiến độ": ("chart", "progress"),
    "biểu đồ tròn": ("chart", "donut"),
    "biểu đồ xếp hạng": ("chart", "ranking"),
    "biểu đồ cột và đường": ("chart", "barline"),
}
# Figures worked out from the data, written inside a sentence like a plain
# figure (derived_figures.py): what the officer writes -> what is worked out.
DERIVED_KINDS = {
    "tăng": "increase",
    "giảm": "decrease",
    "thay đổi": "change",
    "tỷ lệ": "ratio",
    # Against the target (chỉ tiêu) declared for the field: each claim is
    # checked, "so với chỉ tiêu" says itself which holds.
    "đạt chỉ tiêu": "target_met",
    "vượt chỉ tiêu": "target_exceeded",
    "chưa đạt chỉ tiêu": "target_missed",
    "so với chỉ tiêu": "target",
}
TARGET_OPERATIONS = ("target_met", "target_exceeded", "target_missed", "target")
# The same keywords typed without diacritics ("bieu do cot") are accepted,
# and "tỉ lệ", the other spelling of "tỷ lệ".
_KIND_ALIASES = {unidecode(name): name for name in (*BLOCK_KINDS, *DERIVED_KINDS)}
_KIND_ALIASES["tỉ lệ"] = "tỷ lệ"

# Words and settings that change how a figure is shown, not which one it is.
FIGURE_OPTIONS = ("gọn", "tròn", "tổng")
# "%" may be written "phần trăm"; "chữ" writes 0 to 10 in words ("một").
DERIVED_OPTIONS = FIGURE_OPTIONS + ("%", "chữ")
BLOCK_OPTIONS = ("tiêu-đề", "theo")
NUMERIC_KINDS = ("money", "count", "percent")

INLINE_FORM = "[[bộ-số-liệu/đơn-vị/năm/trường]], ví dụ [[funds/khoi-cq/2018/closing]]"
DERIVED_FORMS = {
    "change": "[[tăng: bộ-số-liệu/đơn-vị/năm-năm trường]], ví dụ "
              "[[tăng: organisation/khoi-cq/2023-2024 members]]",
    "ratio": "[[tỷ lệ: bộ-số-liệu/đơn-vị/năm trường/trường]], ví dụ "
             '[[tỷ lệ: learning_models/khoi-cq/2024 achieved/registered model="Đơn vị học tập"]]',
    "target": "[[đạt chỉ tiêu: bộ-số-liệu/đơn-vị/năm trường]], ví dụ "
              '[[đạt chỉ tiêu: learning_models/khoi-cq/2024 achieved model="Đơn vị học tập"]]',
}
BLOCK_FORM = ("[[bảng: bộ-số-liệu/đơn-vị/năm trường trường...]], ví dụ "
              "[[bảng: funds/khoi-cq/2021-2022 raised disbursed]]")

# A value in double quotes, or in single quotes when it holds double ones:
# kind='Kỷ niệm chương "Vì sự nghiệp khuyến học"'.
_TOKEN = re.compile(
    r'\s*(?:(?P<key>[^\s=]+)=(?:"(?P<quoted>[^"]*)"|\'(?P<single>[^\']*)\'|(?P<bare>\S+))'
    r'|(?P<word>\S+))'
)
_INNER_QUOTES = re.compile(r'"(.*)"(?=\s|$)')
_YEAR = re.compile(r"^\d{4}$")
_RANGE = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


@dataclass
class Reference:
    """What one ``[[...]]`` asks for, and where it was written."""

    text: str
    kind: str  # "figure", "table" or "chart"
    chart: str | None
    dataset: str
    units: tuple | None  # None: every unit with figures ("*")
    years: tuple | None  # None: every year with figures ("*")
    fields: tuple
    filters: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    path: str | None = None
    line: int | None = None
    column: int | None = None
    # Derived figures (kind "derived"): "increase", "decrease", "change", "ratio".
    operation: str | None = None

    def error(self, problem, fix):
        return reference_error(problem, fix, self.text, self.path, self.line, self.column)


def reference_error(problem, fix, text, path, line, column):
    return OfficerError(
        f"tham chiếu số liệu: {problem}", path=path, line=line, column=column,
        found=f"[[{text}]]", fix=fix,
    )


def parse(text, path=None, line=None, column=None, block=False):
    """The ``Reference`` written as ``[[text]]``; ``block`` when it stands alone.

    Raises ``OfficerError`` when the text cannot be read as a reference.
    """
    def fail(problem, fix):
        raise reference_error(problem, fix, text, path, line, column)

    body = _normalise(text)
    head, colon, rest = body.partition(":")
    if colon and "/" not in head and _kind_name(head) in DERIVED_KINDS:
        return _derived(_kind_name(head), rest, fail, text, path, line, column)
    if colon and "/" not in head:
        kind, chart = _block_kind(head, fail)
        if not block:
            fail(f"{head.strip()} phải đứng riêng thành một đoạn",
                 "để một dòng trống trước và sau dòng [[...]] của bảng hoặc biểu đồ")
        body = rest
    elif block and colon:
        fail("viết tên loại (bảng, biểu đồ cột...) trước dấu hai chấm", BLOCK_FORM)
    else:
        kind, chart = "figure", None

    tokens = _tokens(body, fail)
    if not tokens or "/" not in tokens[0][1]:
        fail("thiếu phần bộ-số-liệu/đơn-vị/năm",
             INLINE_FORM if kind == "figure" else BLOCK_FORM)
    parts = [part.strip() for part in tokens[0][1].split("/")]
    words = [value for key, value in tokens[1:] if key is None]
    settings = {key: value for key, value in tokens[1:] if key is not None}

    if kind == "figure":
        if len(parts) != 4 or not all(parts):
            fail("số liệu trong câu cần đủ bốn phần: bộ số liệu, đơn vị, năm và trường",
                 "viết " + INLINE_FORM)
        dataset, unit, year, field_name = parts
        years = _years(year, fail)
        if unit == "*" or years is None or len(years) != 1:
            fail("số liệu trong câu chỉ lấy một đơn vị và một năm",
                 "viết một mã đơn vị và một năm, ví dụ funds/khoi-cq/2018/closing; "
                 "muốn nhiều năm thì dùng [[bảng: ...]]")
        options = _options(words, settings, FIGURE_OPTIONS, fail,
                           "sau đường dẫn chỉ viết gọn (tiền theo triệu, tỷ), tròn hoặc "
                           'tròn=10 (làm tròn, tự thêm "gần", "hơn"), tổng (cộng các dòng) '
                           'hoặc bộ lọc trường="giá trị"')
        return Reference(text, kind, chart, dataset, (unit,), years, (field_name,),
                         settings, options, path, line, column)

    if len(parts) != 3 or not all(parts):
        fail("bảng và biểu đồ cần đủ ba phần: bộ số liệu, đơn vị và năm", "viết " + BLOCK_FORM)
    dataset, unit, year = parts
    units = None if unit == "*" else tuple(u.strip() for u in unit.split(",") if u.strip())
    options = {key: settings.pop(key) for key in BLOCK_OPTIONS if key in settings}
    return Reference(text, kind, chart, dataset, units, _years(year, fail), tuple(words),
                     settings, options, path, line, column)


def _normalise(text):
    text = unicodedata.normalize("NFC", text)
    # Word processors turn straight quotes into curly ones.
    return (text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
            .replace("\n", " ").strip())


def _kind_name(head):
    name = " ".join(head.lower().replace("-", " ").split())
    return _KIND_ALIASES.get(name, name)


def names_block(text):
    """Whether ``[[text]]`` is a table or a chart (a derived figure is not)."""
    head, colon, _ = _normalise(text).partition(":")
    return bool(colon) and "/" not in head and _kind_name(head) not in DERIVED_KINDS


def _block_kind(head, fail):
    name = _kind_name(head)
    if name not in BLOCK_KINDS:
        fail(f'không có loại "{head.strip()}"',
             _suggest(name, (*BLOCK_KINDS, *DERIVED_KINDS)) + "Các loại: "
             + ", ".join(BLOCK_KINDS) + "; số liệu tính ra trong câu: "
             + ", ".join(DERIVED_KINDS))
    return BLOCK_KINDS[name]


def _derived(name, body, fail, text, path, line, column):
    """A derived figure: ``tăng:``/``giảm:``/``thay đổi:`` a field between two
    years, or ``tỷ lệ:`` of two fields of one record, in percent."""
    operation = DERIVED_KINDS[name]
    form = DERIVED_FORMS["ratio" if operation == "ratio" else
                         "target" if operation in TARGET_OPERATIONS else "change"]
    tokens = _tokens(body, fail)
    if not tokens or tokens[0][0] is not None or "/" not in tokens[0][1]:
        fail("thiếu phần bộ-số-liệu/đơn-vị/năm", "viết " + form)
    parts = [part.strip() for part in tokens[0][1].split("/")]
    words = [value for key, value in tokens[1:] if key is None]
    settings = {key: value for key, value in tokens[1:] if key is not None}
    if len(parts) > 3:  # the fields written as part of the path
        words.insert(0, "/".join(parts[3:]))
        parts = parts[:3]
    if len(parts) != 3 or not all(parts) or not words or words[0] in DERIVED_OPTIONS:
        fail(f'"{name}:" cần bộ số liệu, đơn vị, năm và trường', "viết " + form)
    dataset, unit, year = parts
    fields = tuple(f.strip() for f in words.pop(0).split("/"))
    if unit == "*" or "," in unit:
        fail(f'"{name}:" chỉ tính cho một đơn vị', "viết một mã đơn vị, ví dụ " + form)
    years = _years(year, fail)
    if operation == "ratio":
        if len(fields) != 2 or not all(fields):
            fail("tỷ lệ cần hai trường cách nhau dấu /: trường được chia/trường chia",
                 "viết " + form)
        if years is None or len(years) != 1:
            fail("tỷ lệ chỉ tính trong một năm", "viết một năm, ví dụ " + form)
    elif operation in TARGET_OPERATIONS:
        if len(fields) != 1 or not fields[0]:
            fail(f'"{name}:" so một trường với chỉ tiêu của nó', "viết " + form)
        if years is None or len(years) != 1:
            fail(f'"{name}:" so sánh trong một năm hoặc một kỳ', "viết một năm, ví dụ " + form)
    else:
        if len(fields) != 1 or not fields[0]:
            fail(f'"{name}:" chỉ tính cho một trường', "viết " + form)
        if years is None or len(years) < 2:
            fail(f'"{name}:" cần hai năm để so sánh',
                 "viết năm trước và năm sau, ví dụ 2023-2024 hay 2018,2024")
        if "," in year and len(years) != 2:
            fail(f'"{name}:" so sánh đúng hai năm', "viết năm trước và năm sau, ví dụ 2018,2024")
        years = (years[0], years[-1])  # 2018-2024: from 2018 to 2024
    # "phần trăm" is two words for one option.
    words = " ".join(words).replace("phần trăm", "%").split()
    options = _options(words, settings, DERIVED_OPTIONS, fail,
                       "sau tên trường chỉ viết % (hoặc phần trăm), gọn (tiền theo triệu, tỷ), "
                       'tròn hoặc tròn=10 (làm tròn, tự thêm "gần", "hơn"), chữ (viết số nhỏ '
                       'bằng chữ), tổng (cộng các dòng) hoặc bộ lọc trường="giá trị"')
    return Reference(text, "derived", None, dataset, (unit,), years, fields, settings,
                     options, path, line, column, operation)


def _options(words, settings, allowed, fail, fix):
    """The words after the path, each one of ``allowed``; ``tròn=`` taken
    out of ``settings`` (what is left there are filters)."""
    options = {}
    for word in words:
        if word not in allowed:
            fail(f'không hiểu chữ "{word}"', fix)
        options[word] = True
    if "tròn" in settings:
        options["tròn"] = _rounding(settings.pop("tròn"), fail)
    elif options.get("tròn"):
        options["tròn"] = 1
    return options


def _tokens(body, fail):
    tokens, position = [], 0
    body = body.strip()
    while position < len(body):
        match = _TOKEN.match(body, position)
        if not match or match.end() == position:
            break
        if match.group("key") is not None:
            value = match.group("quoted")
            if value is not None and match.end() < len(body) and not body[match.end()].isspace():
                # key="Kỷ niệm chương "Vì sự nghiệp"": the quote inside ended the value.
                key = match.group("key")
                inner = _INNER_QUOTES.match(body, match.start("quoted") - 1)
                whole = inner.group(1) if inner else value + body[match.end():]
                fail(f'giá trị của "{key}" có dấu ngoặc kép ở bên trong, nên bị cắt ngang '
                     f'ở dấu ngoặc kép thứ hai',
                     f"đặt cả giá trị trong dấu nháy đơn: {key}='{whole}'")
            if value is None:
                value = match.group("single")
            if value is None:
                value = match.group("bare")
                if value.startswith('"'):
                    fail("thiếu dấu ngoặc kép đóng", 'viết trường="giá trị có dấu cách"')
                if value.startswith("'"):
                    fail("thiếu dấu nháy đơn đóng", "viết trường='giá trị có dấu cách'")
            tokens.append((match.group("key"), value))
        else:
            tokens.append((None, match.group("word")))
        position = match.end()
    return tokens


def _years(spec, fail):
    """'2018' -> (2018,); '2018-2020' -> (2018, 2019, 2020); '2018,2020'; '*' -> None."""
    spec = spec.strip()
    if spec == "*":
        return None
    years = []
    for piece in spec.split(","):
        piece = piece.strip()
        match = _RANGE.match(piece)
        if match:
            first, last = int(match.group(1)), int(match.group(2))
            if first > last:
                fail(f'khoảng năm "{piece}" ngược', f"viết năm nhỏ trước: {last}-{first}")
            years.extend(range(first, last + 1))
        elif _YEAR.match(piece):
            years.append(int(piece))
        else:
            try:
                years.append(periods.parse(piece, FIRST_YEAR, 9999))
            except periods.Unreadable:
                fail(f'năm "{piece}" không hợp lệ',
                     "viết một năm (2018), một khoảng (2018-2024), vài năm (2018,2020), "
                     "* (mọi năm có số liệu), hoặc một kỳ báo cáo viết gọn: 6t-2022 (6 tháng "
                     "đầu năm), 6tc-2022 (6 tháng cuối năm), nh-2023-2024 (năm học), "
                     "nk-2021-2026 (nhiệm kỳ), lk-2016-t10.2019 (cộng dồn từ năm 2016 đến "
                     "tháng 10/2019)")
    return tuple(sorted(set(years), key=periods.sort_key))


def _rounding(value, fail):
    try:
        step = int(value)
    except ValueError:
        step = 0
    if step <= 0:
        fail(f'"tròn={value}" không hợp lệ',
             "viết tròn (làm tròn đến hàng đơn vị) hoặc tròn=10, tròn=100")
    return step


@dataclass
class Selection:
    """The records a checked reference stands for."""

    reference: Reference
    dataset: object  # schema.Dataset
    units: list
    years: list
    fields: list  # schema.Field, in the order asked for
    records: list  # record dicts, sorted by unit then year
    data: object

    @property
    def extra_keys(self):
        """Key fields other than unit and year that vary between the records."""
        names = [name for name in self.dataset.key if name not in ("unit", "year")]
        return [self.field(name) for name in names
                if len({_hashable(r.get(name)) for r in self.records}) > 1]

    def field(self, name):
        return next(f for f in self.dataset.fields if f.name == name)


def select(reference, data, datasets):
    """Check ``reference`` against the data; return its ``Selection``.

    ``datasets`` is ``data.datasets`` (name -> ``schema.Dataset``). Raises the
    ``OfficerError`` of the first thing that does not exist, with the closest
    names as the fix.
    """
    ref = reference
    dataset = datasets.get(ref.dataset)
    if dataset is None:
        # The datasets that have figures: a declared one with none cannot be cited yet.
        names = [name for name in datasets if name != "units" and data.records(name)] or [
            name for name in datasets if name != "units"]
        raise ref.error(f'không có bộ số liệu "{ref.dataset}"',
                        _suggest(ref.dataset, names) + "Các bộ số liệu: " + ", ".join(names))
    if ref.dataset == "units":
        raise ref.error('bộ "units" là danh sách đơn vị, không có số liệu để lấy',
                        "dùng funds, awards, organisation, support hoặc learning_models")
    fields_by_name = {f.name: f for f in dataset.fields}
    value_fields = [f for f in dataset.fields if f.name not in ("unit", "year")]

    def field_error(name, what="trường"):
        listed = ", ".join(f"{f.name} ({f.label_vi})" for f in value_fields)
        return ref.error(f'bộ số liệu "{dataset.name}" không có {what} "{name}"',
                         _suggest(name, fields_by_name) + "Các trường: " + listed)

    for name in ref.fields:
        if name not in fields_by_name:
            raise field_error(name)
    for name in ref.filters:
        if name not in fields_by_name:
            raise field_error(name, "trường để lọc")

    _refused_record(ref, dataset, data)
    units = _units(ref, data, dataset)
    records = data.records_of(dataset.name, units)
    years = _years_of(ref, dataset, data, records, units)
    records = [r for r in records if r["year"] in years]
    records = _filtered(ref, dataset, records)

    if ref.fields:
        fields = [fields_by_name[name] for name in ref.fields]
    elif ref.chart == "progress":
        fields = []
    else:
        fields = [f for f in value_fields if f.name not in dataset.key
                  and (ref.kind == "table" or f.kind in NUMERIC_KINDS)]
    if "theo" in ref.options and ref.options["theo"] not in fields_by_name:
        raise field_error(ref.options["theo"], "trường để chia nhóm (theo=)")
    if ref.kind == "chart":
        for f in fields:
            if f.kind not in NUMERIC_KINDS:
                raise ref.error(f'trường "{f.name}" ({f.label_vi}) không phải số, '
                                "không vẽ biểu đồ được",
                                "chọn các trường tiền, số lượng hoặc tỷ lệ: " + ", ".join(
                                    f.name for f in value_fields if f.kind in NUMERIC_KINDS))
    if ref.kind == "figure":
        _check_one_figure(ref, dataset, records, fields[0])
    return Selection(ref, dataset, list(units), list(years), fields, records, data)


def _refused_record(ref, dataset, data):
    """A reference to a record refused for a mistake fails because of it:
    said under that mistake (errors.in_file_order), not with a fix of its own.
    Only the officer's references (with a file): the statistics pages leave
    the refused record out, and the build stops for the mistake anyway."""
    if ref.path is None:
        return
    for (name, unit, year), cause in getattr(data, "refused", {}).items():
        if (name == dataset.name and (ref.units is None or unit in ref.units)
                and (ref.years is None or year in ref.years)):
            error = ref.error("dùng bản ghi đang có lỗi",
                              f"sửa lỗi của bản ghi {cause[1]} trong {cause[0]} trước")
            error.cause = cause
            raise error


def _check_one_figure(ref, dataset, records, field_):
    if len(records) > 1 and not ref.options.get("tổng"):
        raise ref.error(f"có {len(records)} dòng số liệu khớp, không biết lấy dòng nào",
                        "thêm bộ lọc, ví dụ " + _distinguishing_filter(dataset, records)
                        + ", hoặc viết tổng để cộng các dòng lại")
    mixed = dataset.mixed_measures([field_], records)
    if mixed:
        raise ref.error("không cộng được các số liệu có đơn vị tính khác nhau ("
                        + ", ".join(str(m or "không ghi đơn vị tính") for m in mixed) + ")",
                        "thêm bộ lọc để chỉ cộng các dòng cùng một đơn vị tính, ví dụ "
                        f'{field_.measure_field or "trường"}="{mixed[0]}"')
    if field_.kind in ("money", "count", "percent") and all(
            r.get(field_.name) is None for r in records):
        raise ref.error(f'dòng số liệu này chưa có trường "{field_.name}" ({field_.label_vi})',
                        f"điền {field_.name} vào {dataset.file}, hoặc bỏ tham chiếu này")


def _units(ref, data, dataset):
    """The units ``ref`` names (every unit with records for "*"). Looked up
    in the data's index by unit: a national site's pages ask for each of
    3,355 units."""
    if ref.units is None:
        return data.units_with_records(dataset.name)
    for unit in ref.units:
        if unit not in data.units:
            raise ref.error(f'không có đơn vị "{unit}"',
                            _suggest(unit, data.units)
                            + "Mã đơn vị viết như trong data/units.yaml: "
                            + ", ".join(data.units))
        if not data.has_records(dataset.name, unit):
            raise ref.error(f'đơn vị "{unit}" chưa có số liệu trong bộ "{dataset.name}"',
                            "Các đơn vị có số liệu: "
                            + ", ".join(data.units_with_records(dataset.name)))
    return list(ref.units)


def _years_of(ref, dataset, data, records, units):
    all_years = data.years(dataset.name)
    if ref.years is None:
        return sorted({r["year"] for r in records}, key=periods.sort_key)
    for year in ref.years:
        if year not in all_years:
            raise ref.error(f'bộ số liệu "{dataset.name}" không có {periods.label(year)}',
                            "Các năm có số liệu: " + year_span(all_years))
        if ref.units is not None:
            for unit in units:
                if not any(r["unit"] == unit and r["year"] == year for r in records):
                    have = {r["year"] for r in records if r["unit"] == unit}
                    raise ref.error(
                        f'đơn vị "{unit}" không có số liệu {periods.label(year)} '
                        f'trong bộ "{dataset.name}"',
                        "Các năm có số liệu của đơn vị này: " + year_span(have))
    return list(ref.years)


def _filtered(ref, dataset, records):
    for name, wanted in ref.filters.items():
        kept = [r for r in records if _same(r.get(name), wanted)]
        if not kept:
            values = sorted({str(r.get(name)) for r in records if r.get(name) is not None})
            raise ref.error(f'không có dòng số liệu nào có {name} = "{wanted}"',
                            _suggest(wanted, values) + "Các giá trị có: "
                            + ", ".join(f'"{v}"' for v in values))
        records = kept
    return records


def _same(value, wanted):
    if value is None:
        return False
    if isinstance(value, (list, tuple)):
        return any(_same(item, wanted) for item in value)
    fold = lambda text: _normalise(str(text)).casefold()  # noqa: E731
    return fold(value) == fold(wanted)


def _distinguishing_filter(dataset, records):
    for name in dataset.key:
        values = {_hashable(r.get(name)) for r in records}
        if name not in ("unit", "year") and len(values) > 1:
            return f'{name}="{records[0].get(name)}"'
    return 'trường="giá trị"'


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


def _suggest(name, known):
    close = closest(str(name), [str(k) for k in known])
    return f'có phải ý bạn là "{close}"? ' if close else ""


def year_span(years):
    """[2018, 2019, 2020, 2022] -> '2018–2020, 2022'; periods other than
    years follow, in their short form ('6t-2022')."""
    others = sorted((y for y in years if not periods.is_year(y)), key=periods.sort_key)
    years = sorted(y for y in years if periods.is_year(y))
    runs, start = [], None
    for index, year in enumerate(years):
        if start is None:
            start = year
        if index + 1 == len(years) or years[index + 1] != year + 1:
            runs.append(str(start) if start == year else f"{start}–{year}")
            start = None
    runs += [periods.short(other) for other in others]
    return ", ".join(runs) if runs else "(chưa có)"
