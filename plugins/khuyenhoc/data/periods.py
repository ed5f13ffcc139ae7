"""Reporting periods as associations write them: a year, a half-year, a school
year, a term, a cumulative span.

    2022                         năm 2022           (a plain int: a year is a year)
    6t-2022                      6 tháng đầu năm 2022
    6tc-2022                     6 tháng cuối năm 2022
    nh-2023-2024                 năm học 2023–2024
    nk-2021-2026                 nhiệm kỳ 2021–2026
    lk-2016-t10.2019             từ năm 2016 đến tháng 10/2019 (cộng dồn)

A period field accepts either the natural Vietnamese words or the short form;
references (``[[...]]``) use the short form, which has no space. A year stays
a plain ``int`` so that everything written for years keeps working; the
other periods are ``Period`` objects that sort among the years by their end,
are never equal to a year, and say themselves in Vietnamese (``label``), so
a figure for "từ năm 2016 đến tháng 10/2019" is never shown as 2019's.
"""

import datetime
import re
import unicodedata
from functools import lru_cache, total_ordering

HALF_FIRST, HALF_SECOND, SCHOOL_YEAR, TERM, CUMULATIVE = (
    "6t", "6tc", "nh", "nk", "lk")

FORMS = ("2022 (năm 2022)", "6 tháng đầu năm 2022 (6t-2022)",
         "6 tháng cuối năm 2022 (6tc-2022)", "năm học 2023-2024 (nh-2023-2024)",
         "nhiệm kỳ 2021-2026 (nk-2021-2026)",
         "từ năm 2016 đến tháng 10/2019 (lk-2016-t10.2019)")
ACCEPTED = "; ".join(FORMS)


@total_ordering
class Period:
    """A reporting period other than a plain year."""

    __slots__ = ("kind", "start", "end")

    def __init__(self, kind, start, end):
        self.kind = kind
        self.start = start  # datetime.date, first day
        self.end = end  # datetime.date, last day

    def __reduce__(self):
        return (Period, (self.kind, self.start, self.end))

    def _key(self):
        return (self.end, self.start, self.kind)

    def __eq__(self, other):
        return isinstance(other, Period) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __lt__(self, other):
        return sort_key(self) < sort_key(other)

    def __gt__(self, other):
        return sort_key(self) > sort_key(other)

    @property
    def short(self):
        if self.kind in (HALF_FIRST, HALF_SECOND):
            return f"{self.kind}-{self.start.year}"
        if self.kind in (SCHOOL_YEAR, TERM):
            return f"{self.kind}-{self.start.year}-{self.end.year}"
        return f"lk-{_month_short(self.start, True)}-{_month_short(self.end, False)}"

    @property
    def label(self):
        if self.kind == HALF_FIRST:
            return f"6 tháng đầu năm {self.start.year}"
        if self.kind == HALF_SECOND:
            return f"6 tháng cuối năm {self.start.year}"
        if self.kind == SCHOOL_YEAR:
            return f"năm học {self.start.year}–{self.end.year}"
        if self.kind == TERM:
            return f"nhiệm kỳ {self.start.year}–{self.end.year}"
        return (f"từ {_month_words(self.start, True)} đến {_month_words(self.end, False)}")

    @property
    def cumulative(self):
        return self.kind == CUMULATIVE

    @property
    def year(self):
        """The calendar year the period ends in."""
        return self.end.year

    def __str__(self):
        return self.short

    def __repr__(self):
        return f"Period({self.short!r})"


@lru_cache(maxsize=4096)
def sort_key(value):
    """Periods and years in the order of their end (then their start); cached,
    since every record of tens of thousands is sorted by it."""
    if isinstance(value, Period):
        return (value.end, value.start)
    return (datetime.date(value, 12, 31), datetime.date(value, 1, 1))


def bounds(value):
    """(first day, last day) of a year or a period."""
    if isinstance(value, Period):
        return value.start, value.end
    return datetime.date(value, 1, 1), datetime.date(value, 12, 31)


def label(value):
    """'năm 2022', '6 tháng đầu năm 2022'..."""
    return value.label if isinstance(value, Period) else f"năm {value}"


def heading(value):
    """'Năm 2022', '6 tháng đầu năm 2022': a table's column heading."""
    text = label(value)
    return text[:1].upper() + text[1:]


def short_label(value):
    """'2022' for a year (in a column of years), the Vietnamese words for a period."""
    return value.label if isinstance(value, Period) else str(value)


def short(value):
    return value.short if isinstance(value, Period) else str(value)


def is_year(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _month_short(date, first):
    whole = date.month == (1 if first else 12)
    return str(date.year) if whole else f"t{date.month}.{date.year}"


def _month_words(date, first):
    whole = date.month == (1 if first else 12)
    return f"năm {date.year}" if whole else f"tháng {date.month}/{date.year}"


def _month_end(year, month):
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


_DASH = r"\s*[-–—]\s*"
_POINT = r"(?:tháng\s*(?P<{0}m>\d{{1,2}})\s*/\s*)?(?:năm\s*)?(?P<{0}y>\d{{4}})"
_SHORT_POINT = r"(?:t(?P<{0}m>\d{{1,2}})\.)?(?P<{0}y>\d{{4}})"
_NATURAL = [
    (HALF_FIRST, re.compile(r"^(?:6\s*tháng\s*đầu\s*năm\s*|6t-)(?P<y>\d{4})$")),
    (HALF_SECOND, re.compile(r"^(?:6\s*tháng\s*cuối\s*năm\s*|6tc-)(?P<y>\d{4})$")),
    (SCHOOL_YEAR, re.compile(rf"^(?:năm\s*học\s*|nh-)(?P<a>\d{{4}}){_DASH}(?P<b>\d{{4}})$")),
    (TERM, re.compile(rf"^(?:nhiệm\s*kỳ\s*|nk-)(?P<a>\d{{4}}){_DASH}(?P<b>\d{{4}})$")),
    (CUMULATIVE, re.compile(r"^(?:lũy\s*kế\s*|luỹ\s*kế\s*)?từ\s*" + _POINT.format("a")
                            + r"\s*đến\s*" + _POINT.format("b") + "$")),
    (CUMULATIVE, re.compile("^lk-" + _SHORT_POINT.format("a") + "-"
                            + _SHORT_POINT.format("b") + "$")),
    ("year", re.compile(r"^(?:năm\s*)?(?P<y>\d{4})$")),
]


class Unreadable(ValueError):
    pass


def parse(text, first_year, last_year):
    """The year (int) or ``Period`` written as ``text``; ``Unreadable`` with
    the reason when it is none of the accepted forms."""
    text = unicodedata.normalize("NFC", " ".join(str(text).split())).lower()
    for kind, pattern in _NATURAL:
        match = pattern.match(text)
        if not match:
            continue
        if kind == "year":
            return _year(int(match["y"]), first_year, last_year)
        if kind in (HALF_FIRST, HALF_SECOND):
            year = _year(int(match["y"]), first_year, last_year)
            if kind == HALF_FIRST:
                return Period(kind, datetime.date(year, 1, 1), datetime.date(year, 6, 30))
            return Period(kind, datetime.date(year, 7, 1), datetime.date(year, 12, 31))
        if kind in (SCHOOL_YEAR, TERM):
            first, last = (_year(int(match[g]), first_year, last_year + 5) for g in "ab")
            if kind == SCHOOL_YEAR and last != first + 1:
                raise Unreadable(f"năm học phải là hai năm liền nhau, ví dụ năm học "
                                 f"{first}-{first + 1}")
            if kind == TERM and last <= first:
                raise Unreadable("nhiệm kỳ phải có năm kết thúc sau năm bắt đầu, ví dụ "
                                 "nhiệm kỳ 2021-2026")
            if kind == SCHOOL_YEAR:
                return Period(kind, datetime.date(first, 9, 1), datetime.date(last, 8, 31))
            return Period(kind, datetime.date(first, 1, 1), datetime.date(last, 12, 31))
        groups = match.groupdict()
        start = _month_date(groups, "a", True, first_year, last_year)
        end = _month_date(groups, "b", False, first_year, last_year)
        if end <= start:
            raise Unreadable("thời điểm kết thúc phải sau thời điểm bắt đầu")
        return Period(CUMULATIVE, start, end)
    raise Unreadable("không đọc được kỳ báo cáo")


def _month_date(groups, part, first, first_year, last_year):
    year = _year(int(groups[part + "y"]), first_year, last_year)
    month = groups.get(part + "m")
    if month is None:
        return datetime.date(year, 1, 1) if first else datetime.date(year, 12, 31)
    month = int(month)
    if not 1 <= month <= 12:
        raise Unreadable(f"tháng {month} không có; tháng viết từ 1 đến 12")
    return datetime.date(year, month, 1) if first else _month_end(year, month)


def _year(year, first_year, last_year):
    if not first_year <= year <= last_year:
        raise Unreadable(f"năm phải từ {first_year} đến {last_year}")
    return year
