"""One converter per kind of field: the YAML value in, the typed value out.

A converter either returns the value the site will use or raises
``Invalid`` with what is wrong and what to write instead; the loader adds
the file, line, column and field path. Plain numbers that YAML would
misread (``1.230``, ``010``) are already refused by ``yaml_source``; here
we catch the same traps inside text such as ``"hơn 8.000"``.
"""

import datetime
import re
import time
import unicodedata

from khuyenhoc.data import periods, schema
from khuyenhoc.data.yaml_source import underscore_groups
from khuyenhoc.suggest import closest
from khuyenhoc.vietnamese.formats import number as vi_number


class Figure(int):
    """A money amount or a count, with the officer's qualifier if any.

    ``Figure(8000, "hơn")`` is 8000 in every sum and comparison; ``str()``
    gives the plain number and the site puts ``qualifier`` before it, so
    "hơn 8.000 hội viên" is never shown as an exact 8.000.
    """

    # Most figures are exact: they keep the class's None and no instance
    # dictionary of their own (tens of thousands of them in twenty years of data).
    qualifier = None

    def __new__(cls, value, qualifier=None):
        figure = super().__new__(cls, value)
        if qualifier is not None:
            figure.qualifier = qualifier
        return figure

    def __getnewargs__(self):
        return (int(self), self.qualifier)

    def __str__(self):
        return int.__repr__(self)

    def __repr__(self):
        if self.qualifier:
            return f"Figure({int(self)}, {self.qualifier!r})"
        return f"Figure({int(self)})"


class Share(float):
    """A percentage the source gives roughly ("gần 100%"): the number, and its qualifier."""

    qualifier = None

    def __new__(cls, value, qualifier=None):
        share = super().__new__(cls, value)
        share.qualifier = qualifier
        return share

    def __getnewargs__(self):
        return (float(self), self.qualifier)

    def __str__(self):
        return float.__repr__(self)

    def __repr__(self):
        return f"Share({float(self)}, {self.qualifier!r})"


class Invalid(Exception):
    def __init__(self, problem, fix, found=None):
        super().__init__(problem)
        self.problem = problem
        self.fix = fix
        self.found = found


def shown(value):
    """A value as the officer wrote it, for the "(gặp: ...)" part."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return "danh sách [" + ", ".join(shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "nhóm trường {" + ", ".join(f"{k}: {shown(v)}" for k, v in value.items()) + "}"
    return str(value)


def _not_scalar(value, wanted):
    if isinstance(value, list):
        raise Invalid(f"phải là {wanted}, không phải một danh sách",
                      "viết một giá trị ngay sau dấu hai chấm, trên cùng dòng",
                      shown(value))
    if isinstance(value, dict):
        raise Invalid(f"phải là {wanted}, không phải một nhóm trường",
                      "viết một giá trị ngay sau dấu hai chấm; kiểm tra thụt lề của "
                      "các dòng bên dưới",
                      shown(value))


# "hơn 8000", "gần 298_500_000", "8000": an optional qualifier, then digits.
_FIGURE_TEXT = re.compile(r"^(?:(?P<word>\D*?)\s*)?(?P<number>[+-]?[\d][\d._,]*)$")
_PLAIN = re.compile(r"^[+-]?\d+(_\d+)*$")
_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")
_SCALED = re.compile(
    r"^(?:(?P<word>\D*?)\s+)?(?P<number>\d+(?:[.,]\d+)?)\s*(?P<scale>triệu|tỷ|tỉ|nghìn|ngàn)"
    r"(?:\s*đồng)?$", re.IGNORECASE)
_CURRENCY = re.compile(r"^(?P<figure>.*?\d)\s*(đồng|đ|vnđ|vnd)\.?$", re.IGNORECASE)
_SCALES = {"triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000,
           "nghìn": 1_000, "ngàn": 1_000}


def _spell(qualifier, value):
    prefix = f"{qualifier} " if qualifier else ""
    return f"{prefix}{value} hoặc {prefix}{underscore_groups(str(value))}"


def figure(field, value):
    """Money or a count: a non-negative whole number, maybe qualified."""
    if type(value) is int and 0 <= value <= (
            schema.MAX_MONEY if field.kind == "money" else schema.MAX_COUNT):
        return Figure(value)  # most figures: the checks below all pass
    unit = "số tiền tính bằng đồng" if field.kind == "money" else "số đếm được"
    example = "164000000 hoặc 164_000_000" if field.kind == "money" else "8240 hoặc 8_240"
    _not_scalar(value, f"một số nguyên ({unit})")
    qualifier = None
    if isinstance(value, bool) or isinstance(value, datetime.date):
        raise Invalid(f"phải là một số nguyên ({unit})", f"viết số, ví dụ {example}",
                      shown(value))
    if isinstance(value, float):
        raise Invalid(f"phải là một số nguyên ({unit}), không có phần lẻ",
                      f"viết số nguyên, ví dụ {example}", shown(value))
    if isinstance(value, str):
        value, qualifier = _figure_from_text(value.strip(), example)
    if value < 0:
        fix = ("viết số không âm; khoản chi ghi vào trường chi, không ghi số âm"
               if field.kind == "money" else "viết số không âm")
        raise Invalid("không được là số âm", fix, shown(value))
    ceiling = schema.MAX_MONEY if field.kind == "money" else schema.MAX_COUNT
    if value > ceiling:
        what = (f"{vi_number(ceiling)} đồng" if field.kind == "money"
                else vi_number(ceiling))
        raise Invalid("số quá lớn, có thể thừa chữ số 0",
                      f"kiểm tra lại số liệu; số này không thể vượt {what}",
                      vi_number(value))
    if qualifier and field.exact:
        raise Invalid(
            "số liệu sổ quỹ phải chính xác đến từng đồng, không dùng "
            + "/".join(schema.QUALIFIERS),
            f"viết số chính xác, ví dụ {_spell(None, value)}; cách nói ước lượng "
            "(như \"gần 300 triệu\") để trong bài viết",
            f"{qualifier} {value}")
    return Figure(value, qualifier)


def _figure_from_text(text, example):
    words = ", ".join(schema.QUALIFIERS)
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    currency = _CURRENCY.match(text)
    if currency:
        bare = currency["figure"]
        try:
            _figure_from_text(bare, example)
            fix = f"viết {bare}"
        except Invalid as written_wrong:  # "186.400.000 đ": the digits' own fix
            fix = written_wrong.fix
        raise Invalid("chỉ viết con số, không viết đơn vị tiền", fix, text)
    scaled = _SCALED.match(text)
    if scaled:
        qualifier = (scaled["word"] or "").strip().lower() or None
        amount = float(scaled["number"].replace(",", ".")) * _SCALES[scaled["scale"].lower()]
        spelled = _spell(qualifier, int(round(amount)))
        raise Invalid("số phải viết đủ chữ số, không viết chữ triệu, tỷ, nghìn",
                      f"viết {spelled}", text)
    match = _FIGURE_TEXT.match(text)
    if not match:
        raise Invalid("phải là một số nguyên, có thể kèm một từ ước lượng đứng trước",
                      f"viết số, ví dụ {example}; số ước lượng viết như: hơn 8000 "
                      f"(dùng một trong các từ: {words})", text)
    qualifier = (match["word"] or "").strip().lower() or None
    digits = match["number"]
    if qualifier is not None and qualifier not in schema.QUALIFIERS:
        raise Invalid("từ ước lượng không hợp lệ",
                      f"dùng một trong các từ: {words}, ví dụ: hơn 8000", text)
    if _GROUPED.match(digits):
        value = int(re.sub(r"[.,]", "", digits))
        raise Invalid("số viết có dấu ngăn cách hàng nghìn sẽ bị đọc sai",
                      f"viết {_spell(qualifier, value)} (không dùng dấu chấm, dấu phẩy "
                      "ngăn cách hàng nghìn)", text)
    if not _PLAIN.match(digits):
        raise Invalid("phải là một số nguyên", f"viết số, ví dụ {example}", text)
    if re.match(r"^[+-]?0\d", digits):
        raise Invalid("số có chữ số 0 ở đầu sẽ bị đọc sai",
                      f"viết {int(digits.replace('_', ''))} (bỏ số 0 ở đầu)", text)
    return int(digits.replace("_", "")), qualifier


_QUALIFIED_PERCENT = re.compile(r"^(?P<word>\D+?)\s+(?P<number>\d+(?:\.\d+)?)\s*%?$")


def percent(field, value):
    """A share in percent, 0 to 100, decimals allowed; "gần 100" when the
    source gives it roughly and the field is not exact."""
    _not_scalar(value, "một tỷ lệ phần trăm")
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", " ".join(value.split()))
        if field.takes_qualifier and re.match(r"^\d+(\.\d+)?$", text):
            # A plain share typed where a rough one could be (the editor's text box).
            value = float(text) if "." in text else int(text)
            return percent(field, value)
        rough = _QUALIFIED_PERCENT.match(text)
        if rough and rough["word"].lower() in schema.QUALIFIERS:
            if not field.takes_qualifier:
                raise Invalid("tỷ lệ này phải chính xác, không dùng "
                              + "/".join(schema.QUALIFIERS), f"viết {rough['number']}", text)
            number = float(rough["number"])
            if not 0 <= number <= 100:
                raise Invalid("tỷ lệ phần trăm phải từ 0 đến 100",
                              "viết một số từ 0 đến 100, không kèm dấu %", text)
            return Share(number, rough["word"].lower())
        bare = value.strip().rstrip("%").strip()
        if value.strip().endswith("%") and re.match(r"^\d+(\.\d+)?$", bare):
            raise Invalid("chỉ viết con số, không kèm dấu %", f"viết {bare}", value)
        raise Invalid("phải là một tỷ lệ phần trăm (một số từ 0 đến 100)",
                      "viết số, ví dụ 85 hoặc 87.5", value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid("phải là một tỷ lệ phần trăm (một số từ 0 đến 100)",
                      "viết số, ví dụ 85 hoặc 87.5", shown(value))
    if not 0 <= value <= 100:
        raise Invalid("tỷ lệ phần trăm phải từ 0 đến 100",
                      "viết một số từ 0 đến 100, không kèm dấu %", shown(value))
    return value


def year(field, value, last_year=None):
    last_year = last_year or _this_year() + 1
    _not_scalar(value, "một năm")
    if isinstance(value, str) and re.match(r"^\d{4}$", value.strip()):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid("phải là một năm viết bằng bốn chữ số",
                      "viết năm, ví dụ 2019; với năm học 2018 - 2019, ghi năm kết thúc 2019",
                      shown(value))
    if not schema.FIRST_YEAR <= value <= last_year:
        raise Invalid(f"năm phải từ {schema.FIRST_YEAR} đến {last_year}",
                      "kiểm tra lại năm, viết đủ bốn chữ số, ví dụ 2019", shown(value))
    return value


def text(field, value):
    if type(value) is str:  # most values: the checks below all pass
        value = unicodedata.normalize("NFC", value.strip())
        return _choice(field, value) if field.choices else value
    _not_scalar(value, "một đoạn chữ")
    if isinstance(value, bool) or isinstance(value, datetime.date):
        raise Invalid("phải là một đoạn chữ",
                      f'đặt giá trị trong ngoặc kép, ví dụ `{field.name}: "..."`',
                      shown(value))
    if isinstance(value, (int, float)):
        value = str(value)
    value = unicodedata.normalize("NFC", value.strip())
    if field.choices:
        return _choice(field, value)
    return value


_TODAY = [None, None]  # (day number, year): today's year, asked once a day


def _this_year():
    day = int(time.time() // 86400)
    if _TODAY[0] != day:
        _TODAY[:] = [day, datetime.date.today().year]
    return _TODAY[1]


_CHOICES = {}


def _choice(field, value):
    choices = _CHOICES.get(field.choices)
    if choices is None:
        choices = _CHOICES[field.choices] = {c.casefold(): c for c in field.choices}
    choice = choices.get(value.casefold())
    if choice is not None:
        return choice
    allowed = ", ".join(field.choices)
    raise Invalid("giá trị không có trong danh sách",
                  f"viết một trong các giá trị: {allowed}", value)


def unit(field, value):
    return text(field, value)


def measure(field, value):
    """A measure (đơn vị tính) from the association's vocabulary."""
    _not_scalar(value, "một đơn vị tính")
    value = unicodedata.normalize("NFC", str(value).strip())
    for choice in field.choices:
        if choice.casefold() == value.casefold():
            return choice
    close = closest(value, field.choices)
    raise Invalid("đơn vị tính không có trong danh sách `measures` của data/datapackage.yaml",
                  (f'có phải ý bạn là "{close}"? ' if close else "")
                  + "Các đơn vị tính: " + ", ".join(field.choices)
                  + "; đơn vị tính mới thì thêm vào `measures` trong data/datapackage.yaml",
                  value)


def period(field, value, last_year=None):
    """A year (int) or a ``periods.Period``, written the Vietnamese way or short."""
    last_year = last_year or datetime.date.today().year + 1
    _not_scalar(value, "một kỳ báo cáo")
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise Invalid("không đọc được kỳ báo cáo",
                      "viết theo một trong các cách: " + periods.ACCEPTED, shown(value))
    try:
        return periods.parse(value, schema.FIRST_YEAR, last_year)
    except periods.Unreadable as unreadable:
        raise Invalid(str(unreadable), "viết theo một trong các cách: " + periods.ACCEPTED,
                      str(value)) from None


def names(field, value):
    if isinstance(value, dict):
        _not_scalar(value, "một danh sách")
    if not isinstance(value, list):
        raise Invalid("phải là một danh sách",
                      f"viết `{field.name}: [tên thứ nhất, tên thứ hai]` hoặc mỗi tên một "
                      "dòng bắt đầu bằng dấu -", shown(value))
    result = []
    for item in value:
        if isinstance(item, (list, dict)) or isinstance(item, bool) or item is None:
            raise Invalid("mỗi mục của danh sách phải là một đoạn chữ",
                          "viết mỗi tên một mục, đặt tên có dấu phẩy trong ngoặc kép",
                          shown(value))
        result.append(unicodedata.normalize("NFC", str(item).strip()))
    return result


def date(field, value):
    _not_scalar(value, "một ngày")
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise Invalid("phải là một ngày theo dạng năm-tháng-ngày",
                  "viết ngày theo dạng 2018-12-26", shown(value))


CONVERTERS = {
    "money": figure,
    "count": figure,
    "percent": percent,
    "year": year,
    "text": text,
    "unit": unit,
    "measure": measure,
    "period": period,
    "list": names,
    "date": date,
}


def convert(field, value):
    """The typed value of ``field``; ``Invalid`` when it cannot be."""
    return CONVERTERS[field.kind](field, value)
