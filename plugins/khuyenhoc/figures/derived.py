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

from khuyenhoc.data import periods
from khuyenhoc.data.values import Figure
from khuyenhoc.figures import references
from khuyenhoc.vietnamese import formats
from khuyenhoc.vietnamese.figure_text import (
    label,
    lower_first,
    qualifier,
    selected_value,
    show,
    unit_name,
)

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
    if reference.operation in references.TARGET_OPERATIONS:
        return _against_target(reference, data, datasets)
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


_VERDICTS = {"target_met": "đạt chỉ tiêu", "target_exceeded": "vượt chỉ tiêu",
             "target_missed": "chưa đạt chỉ tiêu"}


def _against_target(reference, data, datasets):
    """``đạt chỉ tiêu:``, ``vượt chỉ tiêu:``, ``chưa đạt chỉ tiêu:`` (checked
    claims) and ``so với chỉ tiêu:`` (says which) for a field whose target
    the declaration names (``targetOf``), in one year or period."""
    year = reference.years[0]
    one = dataclasses.replace(reference, kind="figure", operation=None, years=(year,))
    selection = references.select(one, data, datasets)
    field, dataset = selection.fields[0], selection.dataset
    target_field = next((f for f in dataset.fields if f.target_of == field.name), None)
    if target_field is None:
        with_targets = [f.target_of for f in dataset.fields if f.target_of]
        raise reference.error(
            f'trường "{field.name}" ({field.label_vi}) không có chỉ tiêu trong khai báo '
            f'bộ số liệu "{dataset.name}"',
            ("các trường có chỉ tiêu: " + ", ".join(with_targets) + "; " if with_targets else "")
            + "khai báo chỉ tiêu trong data/datapackage.yaml: thêm một trường có "
            f"`targetOf: {field.name}`")
    where = _where(reference, selection)
    if len(selection.records) != 1:
        raise reference.error(f"có {len(selection.records)} dòng số liệu khớp, không biết so "
                              "dòng nào với chỉ tiêu", 'thêm bộ lọc, ví dụ model="..."')
    record = selection.records[0]
    target = record.get(target_field.name)
    if target is None:
        raise reference.error(
            f"{where} chưa có chỉ tiêu {periods.label(year)} ({target_field.name})",
            f"điền {target_field.name} vào data/{dataset.file}, hoặc bỏ tham chiếu này")
    value = record.get(field.name)
    base = record.get(target_field.target_base) if target_field.target_base else None
    if value is None or (target_field.target_base and not base):
        missing = field.name if value is None else target_field.target_base
        raise reference.error(
            f"{where} chưa có số liệu {periods.label(year)} để so với chỉ tiêu ({missing})",
            f"điền {missing} vào data/{dataset.file}, hoặc bỏ tham chiếu này")
    kind = "percent" if target_field.kind == "percent" else field.kind
    if target_field.target_base:
        actual = Fraction(int(value) * 100, int(base))
        actual_text = _percent(actual)
        word = qualifier(value) or qualifier(base)
    else:
        actual = Fraction(str(float(value))) if kind == "percent" else Fraction(int(value))
        actual_text = show(value, kind)
        word = qualifier(value)
    goal = Fraction(str(float(target))) if target_field.kind == "percent" else Fraction(
        int(target))
    target_text = show(target, target_field.kind)
    # An approximate figure decides only when its word puts it on one side.
    if word is None:
        side = (actual > goal) - (actual < goal)
    elif word in ("hơn", "trên") and actual >= goal:
        side = 1
    elif word == "gần" and actual <= goal:
        side = -1
    else:
        raise reference.error(
            f"{lower_first(label(field))} của {where} là số ước lượng ({actual_text}), không "
            f"biết đã đạt chỉ tiêu {target_text} chưa",
            f"nếu có số chính xác, sửa {field.name} trong data/{dataset.file}; nếu không, "
            "viết câu không nói đạt hay chưa đạt chỉ tiêu")
    happened = {1: "target_exceeded", 0: "target_met", -1: "target_missed"}[side]
    holds = {"target_met": side >= 0, "target_exceeded": side > 0,
             "target_missed": side < 0, "target": True}[reference.operation]
    both = f"{actual_text}, chỉ tiêu {target_text}"
    said = ("tỷ lệ " if target_field.target_base else "") + lower_first(label(field))
    if not holds:
        rest = " ".join(reference.text.partition(":")[2].split())
        written = _VERDICTS[reference.operation]
        raise reference.error(
            f'viết "{written}" nhưng theo số liệu, {said} của {where} '
            f"{periods.label(year)} {_VERDICTS[happened]}: {both}",
            f"viết lại câu cho đúng số liệu, ví dụ dùng [[so với chỉ tiêu: {rest}]] (tự viết "
            "“đạt”, “vượt” hay “chưa đạt chỉ tiêu”); nếu số liệu sai thì sửa trong "
            f"data/{dataset.file}")
    if reference.operation == "target":
        text = f"{_VERDICTS[happened]} ({both})"
    else:
        text = f"{actual_text} (chỉ tiêu {target_text})"
    said = ("tỷ lệ " if target_field.target_base else "") + lower_first(label(field))
    explanation = f"{said}, {where}, {periods.short_label(year)}: {both}"
    return Derived(reference, text, _machine(actual), explanation, [year])


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
