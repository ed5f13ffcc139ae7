"""One figure as a reader sees it: its qualifier kept, written the Vietnamese way.

Money and counts from the data are ``Figure``s, ints that may carry a
qualifier ("gần", "hơn", "trên", "khoảng"); every form here puts it in front
of the number, so "gần 300.000.000 đồng" is never shown as an exact amount.
Rounding for prose ("tròn") adds the qualifier that the rounding calls for:
298.500.000 rounded to tens of millions reads "gần 300 triệu đồng".
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from khuyenhoc.data import periods
from khuyenhoc.vietnamese import formats

NBSP = formats.NBSP


def qualifier(value):
    return getattr(value, "qualifier", None)


def show(value, kind, form="full", step=None, units=None):
    """``value`` of a field of ``kind`` as text.

    ``form`` is "full" (425.000.000 đồng) or "short" (425 triệu đồng, money
    only); ``step`` rounds to that many units of what is shown (triệu or tỷ
    for money) and sets the qualifier; ``units`` maps unit ids to names.
    """
    if value is None or value == "":
        return ""
    if step and kind in ("money", "count"):
        return _rounded(value, kind, step)
    text = _plain(value, kind, form, units)
    return _with_qualifier(qualifier(value), text)


def _plain(value, kind, form, units):
    if kind == "money":
        return formats.money_short(value) if form == "short" else formats.money(value)
    if kind == "count":
        return formats.number(value)
    if kind == "percent":
        return formats.percent(value)
    if kind in ("year", "period"):
        return periods.short_label(value)
    if kind == "unit":
        return unit_name(value, units)
    if kind == "date":
        return formats.date(value, "short")
    if kind == "list":
        return ", ".join(str(item) for item in value)
    return str(value)


def unit_name(unit_id, units, short=True):
    unit = (units or {}).get(unit_id) or {}
    return (unit.get("short_name") if short else None) or unit.get("name") or str(unit_id)


def _with_qualifier(word, text):
    return f"{word} {text}" if word else text


def _rounded(value, kind, step):
    exact = Decimal(int(value))
    scale, suffix = Decimal(1), ""
    if kind == "money":
        scale, word = money_scale(value)
        suffix = f"{NBSP}{word}{NBSP}{formats.CURRENCY}" if word else f"{NBSP}{formats.CURRENCY}"
    step = Decimal(step)
    shown = (exact / scale / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    back = shown * scale
    word = qualifier(value)
    if back != exact:
        # A figure already approximate in the source stays approximate.
        word = "khoảng" if word else ("hơn" if back < exact else "gần")
    return _with_qualifier(word, formats.number(shown) + suffix)


def money_scale(value):
    """(divisor, word) for writing ``value`` in triệu or tỷ, as money_short does."""
    amount = abs(Decimal(int(value)))
    if amount < formats.MILLION:
        return Decimal(1), ""
    if (amount / formats.MILLION).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) >= 1000:
        return formats.BILLION, "tỷ"
    return formats.MILLION, "triệu"


def total(values):
    """The sum of several figures; approximate if any of them was."""
    from khuyenhoc.data.datasets import Figure

    present = [v for v in values if v is not None]
    if not present:
        return None
    words = {qualifier(v) for v in present}
    word = None
    if words != {None}:
        word = words.pop() if len(words) == 1 else "khoảng"
    return Figure(sum(int(v) for v in present), word)


def selected_value(selection):
    """The one figure of an inline reference, or the sum asked for with "tổng"."""
    name = selection.fields[0].name
    if len(selection.records) == 1:
        return selection.records[0].get(name)
    return total(record.get(name) for record in selection.records)


def label(field):
    """A field's label without the unit that the values already carry.

    "Số dư cuối năm (đồng)" -> "Số dư cuối năm", "Chỉ tiêu đạt (%)" -> "Chỉ tiêu đạt".
    """
    return re.sub(r"\s*\((?:đồng|%)\)$", "", field.label_vi)


def lower_first(text):
    # "Số dư cuối năm" -> "số dư cuối năm"; names in capitals ("GD&ĐT") are kept.
    words = text.split(" ", 1)
    if words[0][:1].isupper() and words[0][1:].islower():
        words[0] = words[0].lower()
    return " ".join(words)
