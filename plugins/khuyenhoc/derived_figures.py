"""Figures worked out from the data, written in a sentence like a plain figure.

    [[tăng: organisation/khoi-cq/2023-2024 members]]             "135"
    [[thay đổi: funds/khoi-cq/2021-2022 raised % tròn]]          "tăng hơn 20%"
    [[tỷ lệ: learning_models/khoi-cq/2024 achieved/registered model="Đơn vị học tập"]]  "88%"

Each operand is an ordinary one-figure reference (one unit, one year, one
field, the same filters and ``tổng``) checked by ``references.select``, so a
misspelt field or a missing year gets the same message as a plain figure.
What is worked out must be exact and must agree with the words around it:
an approximate operand ("hơn 8.000"), a division by zero, or a "tăng" that
the data show to be a fall stops the build, because the sentence would then
say something the data do not.
"""

import dataclasses
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from . import formats, periods, references
from .field_values import Figure
from .figure_values import label, lower_first, qualifier, selected_value, show, unit_name

CALCULABLE = ("money", "count")
# Vietnamese prose writes small counts in words: "tăng một tổ chức cơ sở".
_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")
_OPPOSITE = {"increase": "giảm", "decrease": "tăng"}


@dataclasses.dataclass
class Derived:
    """A worked-out figure: its text, its value, and what it was worked out from."""

    reference: object
    text: str
    value: str  # machine-readable, for <data value="...">
    explanation: str
    years: list


def evaluate(reference, data, datasets):
    """The ``Derived`` figure of a checked ``tăng:``/``giảm:``/``thay đổi:``/``tỷ lệ:``
    reference; raises the ``OfficerError`` of what does not hold."""
    if reference.operation == "ratio":
        return _ratio(reference, data, datasets)
    return _change(reference, data, datasets)


def _change(reference, data, datasets):
    first, last = reference.years
    if getattr(first, "kind", "year") != getattr(last, "kind", "year"):
        raise reference.error(
            f"không so sánh được {periods.label(first)} với {periods.label(last)}: hai kỳ "
            "dài ngắn khác nhau",
            "so sánh hai kỳ cùng loại, ví dụ 6t-2022 với 6t-2023, hoặc 2022 với 2023")
    field, before, selection = _operand(reference, first, reference.fields[0], data, datasets)
    after = _operand(reference, last, field.name, data, datasets)[1]
    difference = int(after) - int(before)
    where = _where(reference, selection)
    both = (f"{show(before, field.kind)} {periods.label(first)}, "
            f"{show(after, field.kind)} {periods.label(last)}")
    _check_direction(reference, difference, field, where, both, selection.dataset.file)
    options = reference.options
    if options.get("%"):
        if before == 0:
            raise reference.error(
                f"không tính được phần trăm tăng, giảm vì {lower_first(label(field))} "
                f"{periods.label(first)} bằng 0",
                "bỏ chữ % để viết mức tăng, giảm bằng số, hoặc so sánh với một năm khác")
        amount = Fraction(difference * 100, int(before))
        text = _percent(abs(amount), options.get("tròn"))
    else:
        amount = difference
        text = _amount(abs(difference), field.kind, options)
    if reference.operation == "change":
        text = "không đổi" if difference == 0 else (
            ("tăng " if difference > 0 else "giảm ") + text)
    else:
        amount = abs(amount)
    return Derived(reference, text, _machine(amount),
                   f"{lower_first(label(field))}, {where}: {both}", [first, last])


def _ratio(reference, data, datasets):
    year = reference.years[0]
    top, part, selection = _operand(reference, year, reference.fields[0], data, datasets)
    bottom, whole = _operand(reference, year, reference.fields[1], data, datasets)[:2]
    if top.kind != bottom.kind:
        raise reference.error(
            f'trường "{top.name}" ({top.label_vi}) và "{bottom.name}" ({bottom.label_vi}) '
            "khác loại (tiền và số lượng), tỷ lệ giữa hai trường không có nghĩa",
            "chọn hai trường cùng là tiền hoặc cùng là số lượng")
    if whole == 0:
        raise reference.error(
            f"không chia được vì {lower_first(label(bottom))} {periods.label(year)} bằng 0",
            f'chọn trường khác để chia (sau dấu /), hoặc bỏ tỷ lệ này; kiểm tra '
            f"{bottom.name} trong data/{selection.dataset.file}")
    amount = Fraction(int(part) * 100, int(whole))
    explanation = (f"{lower_first(label(top))} {show(part, top.kind)} trên "
                   f"{lower_first(label(bottom))} {show(whole, bottom.kind)}, "
                   f"{_where(reference, selection)}, {periods.short_label(year)}")
    return Derived(reference, _percent(amount, reference.options.get("tròn")),
                   _machine(amount), explanation, [year])


def _operand(reference, year, name, data, datasets):
    """(field, value, selection) of one figure the derived one is worked out from."""
    one = dataclasses.replace(reference, kind="figure", operation=None, years=(year,),
                              fields=(name,))
    selection = references.select(one, data, datasets)
    field = selection.fields[0]
    dataset = selection.dataset
    if field.kind not in CALCULABLE:
        fix = "chọn trường tiền hoặc số lượng: " + ", ".join(
            f.name for f in dataset.fields if f.kind in CALCULABLE)
        what = "không phải số"
        if field.kind == "percent":
            what = "đã là tỷ lệ phần trăm"
            filters = "".join(f' {key}="{value}"' for key, value in reference.filters.items())
            fix += (f"; muốn nêu tỷ lệ này thì viết riêng con số "
                    f"[[{dataset.name}/{reference.units[0]}/{year}/{field.name}{filters}]]")
        raise reference.error(
            f'trường "{field.name}" ({field.label_vi}) {what}, không tính mức tăng, giảm '
            "hay tỷ lệ được", fix)
    value = selected_value(selection)
    word = qualifier(value)
    if word:
        what = "tỷ lệ" if reference.operation == "ratio" else "mức tăng, giảm"
        raise reference.error(
            f"{lower_first(label(field))} {periods.label(year)} là số ước lượng "
            f"({show(value, field.kind)}), nên {what} tính ra không chính xác",
            f'nếu có số chính xác, sửa {field.name} {periods.label(year)} trong data/{dataset.file} '
            f'(bỏ chữ "{word}"); nếu không, bỏ tham chiếu này và viết câu không nêu {what}')
    return field, value, selection


def _check_direction(reference, difference, field, where, both, file):
    """A "tăng" over a fall (or no change) would make the sentence false."""
    wrong = {"increase": difference <= 0, "decrease": difference >= 0}
    if not wrong.get(reference.operation):
        return
    written = "tăng" if reference.operation == "increase" else "giảm"
    happened = "không đổi" if difference == 0 else _OPPOSITE[reference.operation]
    rest = " ".join(reference.text.partition(":")[2].split())
    instead = f"[[thay đổi: {rest}]] (tự viết “tăng”, “giảm” hay “không đổi”)"
    if difference:
        instead = f"[[{_OPPOSITE[reference.operation]}: {rest}]], hoặc " + instead
    raise reference.error(
        f'viết "{written}" nhưng theo số liệu, {lower_first(label(field))} của {where} '
        f"{happened}: {both}",
        f"viết lại câu cho đúng số liệu, ví dụ dùng {instead}; nếu số liệu sai thì sửa "
        f"trong data/{file}")


def _where(reference, selection):
    """The unit's name, and the filters' values: "Hội Khuyến học Khối, Đơn vị học tập"."""
    names = [unit_name(reference.units[0], selection.data.units)]
    return ", ".join(names + [str(value) for value in reference.filters.values()])


def _amount(amount, kind, options):
    if options.get("chữ") and kind == "count" and amount < len(_WORDS) and not options.get("tròn"):
        return _WORDS[amount]
    return show(Figure(amount), kind, form="short" if options.get("gọn") else "full",
                step=options.get("tròn"))


def _percent(amount, step=None):
    """88 -> '88%', 87.5 -> '87,5%' (one decimal, half-up); with ``step``
    rounded to that many percent, "hơn" or "gần" when not exact."""
    exact = Decimal(amount.numerator) / Decimal(amount.denominator)
    if not step:
        return formats.percent(exact)
    shown = (exact / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    word = "" if Fraction(shown) == amount else ("hơn " if Fraction(shown) < amount else "gần ")
    return f"{word}{formats.number(int(shown))}%"


def _machine(amount):
    if isinstance(amount, int):
        return str(amount)
    exact = Decimal(amount.numerator) / Decimal(amount.denominator)
    return format(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize(), "f")
