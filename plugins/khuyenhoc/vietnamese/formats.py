"""Vietnamese formats for numbers, money, percentages and dates.

Pure functions, registered as Jinja filters by the plugin and used by the
tables, charts and statistics pages, so that a figure reads the same
everywhere. Babel does the locale work; we round ourselves where Babel's
rounding (half-to-even, "1000 triệu") is wrong for Vietnamese reports.
"""

import datetime
import functools
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

LOCALE = "vi"
NBSP = "\u00a0"
CURRENCY = "đồng"

MILLION = Decimal(1_000_000)
BILLION = Decimal(1_000_000_000)

DATE_FORMS = {
    "short": "dd/MM/yyyy",
    "full": "EEEE, dd/MM/yyyy",
    "long": "'ngày' d 'tháng' M 'năm' y",
    "month": "'tháng' M/yyyy",
    "year": "yyyy",
}


def _round_half_up(value, places):
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def number(value, places=None):
    """425000000 -> '425.000.000'; 1586.3 -> '1.586,3'.

    With ``places``, round half-up to at most that many decimals and drop
    trailing zeros (``number(2.50, 1)`` -> '2,5', ``number(3.0, 1)`` -> '3').
    """
    if value is None:
        return ""
    if places is None and isinstance(value, int) and not isinstance(value, bool):
        # Whole numbers, most of a site's figures: Python groups them as
        # Babel does for Vietnamese, thirty times faster.
        return f"{int(value):,}".replace(",", ".")
    if places is not None:
        value = _round_half_up(value, places)
        value = value.normalize() if value != value.to_integral() else value.to_integral()
        # A plain Decimal now (no exponent): Python's grouping with the
        # separators swapped is what Babel writes for Vietnamese, ten times
        # faster (tests/test_formats.py compares the two).
        return format(value, ",").translate(_VIETNAMESE_SEPARATORS)
    return format_decimal(value, locale=LOCALE, decimal_quantization=False)


_VIETNAMESE_SEPARATORS = str.maketrans(",.", ".,")


def money(value):
    """425000000 -> '425.000.000 đồng' (non-breaking space before 'đồng')."""
    if value is None:
        return ""
    return f"{number(value)}{NBSP}{CURRENCY}"


def money_short(value):
    """Money for prose, headlines and chart axes.

    425000000 -> '425 triệu đồng'; 1200000000 -> '1,2 tỷ đồng'. One decimal,
    rounded half-up; a sum that rounds up to 1.000 triệu is written in tỷ
    (999960000 -> '1 tỷ đồng'). Below a million the full form is kept.
    """
    if value is None:
        return ""
    whole = Decimal(str(value)).to_integral_value(rounding=ROUND_HALF_UP)
    sign = "-" if whole < 0 else ""
    amount = abs(whole)
    if amount < MILLION:
        return sign + money(amount)
    scaled, word = _round_half_up(amount / MILLION, 1), "triệu"
    if scaled >= 1000:
        scaled, word = _round_half_up(amount / BILLION, 1), "tỷ"
    return f"{sign}{number(scaled, 1)}{NBSP}{word}{NBSP}{CURRENCY}"


def percent(value, places=1):
    """A share given in percent: 85 -> '85%', 85.25 -> '85,3%'."""
    if value is None:
        return ""
    return f"{number(value, places)}%"


def ratio_percent(part, whole, places=1):
    """66 of 75 -> '88%'. An empty whole gives '' rather than a division error."""
    if not whole:
        return ""
    return percent(Decimal(part) * 100 / Decimal(whole), places)


def date(value, form="full"):
    """A date in Vietnamese: 'full' -> 'Thứ Hai, 23/03/2020', 'short' ->
    '23/03/2020', 'long' -> 'ngày 23 tháng 3 năm 2020', 'month', 'year'.

    Babel's names, never strftime: this machine has no vi_VN locale.
    """
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    try:
        pattern = DATE_FORMS[form]
    except KeyError:
        raise ValueError(
            f"unknown date form {form!r}; use one of {', '.join(DATE_FORMS)}"
        ) from None
    return _date_in_words(value, pattern)


# Lists, tags and archives show each article's date a score of times.
@functools.lru_cache(maxsize=8192)
def _date_in_words(value, pattern):
    return _babel_date(value, pattern, locale=LOCALE)


def isodate(value):
    """For <time datetime="...">: '2020-03-23T08:30:00+07:00' or '2020-03-23'."""
    if value is None:
        return ""
    return value.isoformat()


FILTERS = {
    "vi_number": number,
    "vi_money": money,
    "vi_money_short": money_short,
    "vi_percent": percent,
    "vi_ratio": ratio_percent,
    "vi_date": date,
    "isodate": isodate,
}
