"""From a checked reference to what a chart shows: categories, series, words.

``ChartData`` keeps the figures themselves (with their qualifiers) for the
description and the data table; ``drawing_spec`` turns it into the plain,
JSON-able spec that ``charts.py`` draws and that the cache hashes
(``chart_cache.py``).
"""

from dataclasses import dataclass

from khuyenhoc.charts import sentences
from khuyenhoc.data import periods
from khuyenhoc.figures.tables import Cell, Row, Table, describe_selection, years_phrase
from khuyenhoc.vietnamese import formats
from khuyenhoc.vietnamese.figure_text import label, lower_first, money_scale, show, total, unit_name

AXIS_TITLES = {"year": "Năm", "unit": "Đơn vị", "field": "Nội dung", "model": "Mô hình"}
TARGET_FIELDS = ("target_registered", "target_achieved")
# Value labels on the bars only while they stay readable.
MAX_LABELLED_BARS = 10


@dataclass
class ChartData:
    type: str  # bar, grouped, stacked, line, progress, donut, ranking, barline
    title: str
    axis: str  # what the categories are: year, unit, field, model
    categories: list
    series: list  # (label, [value or None per category])
    kind: str  # money, count or percent
    dataset: str
    year: int | None = None
    unit: str | None = None
    targets: list | None = None  # progress: per series, a target per category
    notes: list | None = None  # progress: "66/75" per series and category
    periods: list | None = None  # axis "year": the year or period of each category
    note: str | None = None  # a sentence told after the description (a unit's change)
    period: str = ""  # "năm 2018–2024": printed on the PNG, which travels alone

    def totals(self):
        return [total(values) if any(v is not None for v in values) else None
                for values in zip(*(values for _, values in self.series))]

    @property
    def description(self):
        text = sentences.describe(self)
        return f"{text} {self.note}" if self.note else text


def from_selection(selection):
    """The ``ChartData`` of a chart reference; ``OfficerError`` if it cannot be drawn."""
    ref = selection.reference
    if ref.chart == "progress":
        return _progress(selection)
    chart = _categories_and_series(selection)
    chart.period = years_phrase(selection.years)
    if ref.chart == "ranking":
        return _ranked(chart, selection)
    if ref.chart == "donut":
        return _shares(chart, selection)
    if ref.chart == "barline" and (chart.axis != "year" or len(chart.series) != 2):
        raise ref.error("biểu đồ cột và đường vẽ hai trường của một đơn vị qua các năm: "
                        "trường đầu là cột, trường sau là đường",
                        "viết hai trường và từ hai năm trở lên, ví dụ "
                        "[[biểu đồ cột và đường: funds/khoi-cq/2018-2024 raised closing]]")
    return chart


def _categories_and_series(selection):
    ref = selection.reference
    kinds = {f.kind for f in selection.fields}
    if len(kinds) > 1:
        raise ref.error("không vẽ chung tiền, số lượng và tỷ lệ trên một trục",
                        "chọn các trường cùng loại, hoặc vẽ thành hai biểu đồ")
    _one_measure(selection)
    units, years, fields = selection.units, selection.years, selection.fields
    names = selection.data.units

    def value(unit, year, field):
        return total(r.get(field.name) for r in selection.records
                     if r["unit"] == unit and r["year"] == year)

    if "theo" in ref.options:
        axis, categories, series = _split_by(selection, ref.options["theo"])
        if axis == "year":
            _same_length(ref, years)
    elif len(years) > 1:
        _same_length(ref, years)
        axis, categories = "year", [periods.short_label(year) for year in years]
        if len(fields) > 1 and len(units) > 1:
            raise ref.error("biểu đồ theo năm chỉ so sánh nhiều trường của một đơn vị, "
                            "hoặc một trường của nhiều đơn vị",
                            "bớt trường hoặc chỉ chọn một đơn vị")
        if len(fields) > 1 or len(units) == 1:
            series = [(label(f), [value(units[0], y, f) for y in years]) for f in fields]
        else:
            series = [(unit_name(u, names), [value(u, y, fields[0]) for y in years])
                      for u in units]
    elif len(units) > 1:
        axis = "unit"
        categories = [unit_name(u, names) for u in units]
        series = [(label(f), [value(u, years[0], f) for u in units]) for f in fields]
    else:
        axis, categories = "field", [label(f) for f in fields]
        series = [(periods.heading(years[0]), [value(units[0], years[0], f) for f in fields])]

    if ref.chart == "bar" and len(series) > 1:
        raise ref.error("biểu đồ cột vẽ một dãy số",
                        "muốn so sánh nhiều trường hoặc nhiều đơn vị, viết "
                        "biểu đồ cột nhóm hoặc biểu đồ cột chồng")
    if ref.chart == "line" and axis != "year":
        raise ref.error("biểu đồ đường cần từ hai năm trở lên",
                        "viết một khoảng năm, ví dụ 2018-2024, hoặc * cho mọi năm")
    if all(v is None for _, values in series for v in values):
        raise ref.error("không có số liệu nào để vẽ", "chọn trường hoặc năm có số liệu")
    title = ref.options.get("tiêu-đề") or _title(selection)
    return ChartData(ref.chart, title, axis, categories, series, kinds.pop(),
                     selection.dataset.name, year=years[0],
                     unit=unit_name(units[0], names),
                     periods=list(years) if axis == "year" else None)


def _one_measure(selection):
    """Figures of different measures (công trình, suất, bộ) on one "Số lượng"
    axis, or added into one bar, would read as one quantity."""
    mixed = selection.dataset.mixed_measures(selection.fields, selection.records)
    if mixed:
        ref = selection.reference
        raise ref.error("không vẽ chung trên một trục các số liệu có đơn vị tính khác nhau ("
                        + ", ".join(str(m or "không ghi đơn vị tính") for m in mixed) + ")",
                        _measure_fix(selection) + ", hoặc dùng [[bảng: ...]] để liệt kê")


def _measure_fix(selection):
    for field in selection.fields:
        if field.measure_field:
            first = next(r for r in selection.records if r.get(field.measure_field))
            return ("thêm bộ lọc để chỉ còn một đơn vị tính, ví dụ "
                    f'{field.measure_field}="{first[field.measure_field]}"')
    return "chọn các trường cùng đơn vị tính, hoặc vẽ mỗi trường một biểu đồ"


def _same_length(ref, years):
    """Figures of periods of different lengths (a year, six months, a
    cumulative span) side by side on one time axis would read as comparable."""
    kinds = {getattr(year, "kind", "year") for year in years}
    if len(kinds) > 1:
        listed = ", ".join(periods.label(year) for year in years)
        raise ref.error("không vẽ chung trên một trục thời gian số liệu của các kỳ dài ngắn "
                        f"khác nhau ({listed})",
                        "chọn các kỳ cùng loại (chỉ các năm, hoặc chỉ các kỳ 6 tháng...), "
                        "hoặc dùng [[bảng: ...]] để đặt chúng cạnh nhau")


def _ranked(chart, selection):
    """One field of many units in one year, largest first."""
    ref = selection.reference
    if chart.axis != "unit" or len(chart.series) != 1:
        raise ref.error("biểu đồ xếp hạng so sánh một trường của nhiều đơn vị trong một năm",
                        "viết * (mọi đơn vị) hoặc vài mã đơn vị, một năm và một trường, ví dụ "
                        "[[biểu đồ xếp hạng: funds/*/2024 raised]]")
    name, values = chart.series[0]
    order = sorted(range(len(values)), key=lambda i: (values[i] is None,
                                                      -(values[i] or 0), chart.categories[i]))
    chart.categories = [chart.categories[i] for i in order]
    chart.series = [(name, [values[i] for i in order])]
    return chart


def _shares(chart, selection):
    """The parts of one whole: several fields, or one field split by ``theo=``."""
    ref = selection.reference
    if chart.axis != "field" or len(chart.series) != 1:
        raise ref.error("biểu đồ tròn vẽ các phần của một tổng, cho một đơn vị trong một năm",
                        "viết một mã đơn vị, một năm và vài trường, hoặc một trường với "
                        'theo=, ví dụ [[biểu đồ tròn: support/khoi-cq/2024 value theo=item]]')
    if chart.kind == "percent":
        raise ref.error("biểu đồ tròn không cộng các tỷ lệ (%) thành một tổng",
                        "chọn trường tiền hoặc số lượng, hoặc vẽ biểu đồ cột")
    values = [v for v in chart.series[0][1] if v is not None]
    if any(int(v) < 0 for v in values) or not any(int(v) for v in values):
        raise ref.error("biểu đồ tròn cần các phần không âm và tổng lớn hơn 0",
                        "chọn các trường có số liệu dương, hoặc vẽ biểu đồ cột")
    return chart


def _split_by(selection, name):
    """Series (or, for one year, categories) by the values of field ``name``."""
    ref = selection.reference
    if len(selection.units) != 1 or len(selection.fields) != 1:
        raise ref.error("chia nhóm (theo=) cần một đơn vị và một trường",
                        "chọn một mã đơn vị và một trường số liệu")
    field = selection.fields[0]
    groups = []
    for record in selection.records:
        if record.get(name) not in groups:
            groups.append(record.get(name))
    names = selection.data.units
    kind = selection.field(name).kind

    def group_value(group, year):
        return total(r.get(field.name) for r in selection.records
                     if r.get(name) == group and r["year"] == year)

    shown = [_capitalised(show(group, kind, units=names)) if group is not None else "Khác"
             for group in groups]
    if len(selection.years) > 1:
        return "year", [periods.short_label(y) for y in selection.years], [
            (text, [group_value(group, y) for y in selection.years])
            for text, group in zip(shown, groups)]
    year = selection.years[0]
    return "field", shown, [(periods.heading(year), [group_value(g, year) for g in groups])]


def _capitalised(text):
    return text[:1].upper() + text[1:]


def _title(selection):
    labels = [label(f) for f in selection.fields]
    labels = labels[:1] + [lower_first(text) for text in labels[1:]]
    what = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " và " + labels[-1]
    split = selection.reference.options.get("theo")
    if split:
        what += " theo " + lower_first(label(selection.field(split)))
    return f"{what} – {describe_selection(selection)}"


def _progress(selection):
    ref = selection.reference
    names = [f.name for f in selection.dataset.fields]
    if not all(name in names for name in TARGET_FIELDS + ("registered", "achieved", "total")):
        raise ref.error("biểu đồ tiến độ chỉ dùng cho bộ số liệu learning_models",
                        "viết [[biểu đồ tiến độ: learning_models/khoi-cq/2024]]")
    if len(selection.units) != 1 or len(selection.years) != 1:
        raise ref.error("biểu đồ tiến độ vẽ cho một đơn vị trong một năm",
                        "viết một mã đơn vị và một năm, ví dụ learning_models/khoi-cq/2024")
    records = selection.records
    registered = [_share(r.get("registered"), r.get("total")) for r in records]
    achieved = [_share(r.get("achieved"), r.get("registered")) for r in records]
    notes = [[_note(r.get("registered"), r.get("total")) for r in records],
             [_note(r.get("achieved"), r.get("registered")) for r in records]]
    targets = [[r.get(name) for r in records] for name in TARGET_FIELDS]
    unit = unit_name(selection.units[0], selection.data.units)
    year = selection.years[0]
    measured = ("Kết quả so với chỉ tiêu" if any(t is not None for row in targets for t in row)
                else "Tỷ lệ đăng ký và đạt danh hiệu")
    title = ref.options.get("tiêu-đề") or (
        f"{measured} – {selection.dataset.title_vi} của {unit}, {periods.label(year)}")
    return ChartData("progress", title, "model", [r.get("model") for r in records],
                     [("Đăng ký", registered), ("Đạt danh hiệu", achieved)], "percent",
                     selection.dataset.name, year=year, unit=unit, targets=targets,
                     notes=notes, period=f"năm {year}")


def _share(part, whole):
    if part is None or not whole:
        return None
    return round(int(part) * 100 / int(whole), 1)


def _note(part, whole):
    if part is None or not whole:
        return None
    return f"{show(part, 'count')}/{show(whole, 'count')}"


def data_table(chart):
    """The chart's figures as a table, shown beside it."""
    if chart.type == "progress":
        head = [AXIS_TITLES["model"], "Đăng ký", "Chỉ tiêu đăng ký",
                "Đạt danh hiệu", "Chỉ tiêu đạt"]
        rows = []
        for index, model in enumerate(chart.categories):
            cells = []
            for number, (_, values) in enumerate(chart.series):
                cells.append(_progress_cell(values[index], chart.notes[number][index]))
                target = chart.targets[number][index]
                cells.append(Cell(show(target, "percent") if target is not None else "—", True))
            rows.append(Row(model, cells))
        return Table(chart.title, head, rows, list(range(1, len(head))), chart.dataset)
    if chart.type == "donut":
        name, values = chart.series[0]
        whole = total(values)
        rows = [Row(category, [_cell(value, chart.kind), _share_cell(value, whole)])
                for category, value in zip(chart.categories, values)]
        rows.append(Row("Tổng cộng", [_cell(whole, chart.kind), Cell("100%", True)]))
        return Table(chart.title, [AXIS_TITLES[chart.axis], name, "Tỷ lệ"], rows, [1, 2],
                     chart.dataset)
    head = [AXIS_TITLES[chart.axis]] + [name for name, _ in chart.series]
    columns = [values for _, values in chart.series]
    if chart.type == "stacked" and len(chart.series) > 1:
        head.append("Tổng cộng")
        columns.append(chart.totals())
    rows = [Row(category, [_cell(values[index], chart.kind) for values in columns])
            for index, category in enumerate(chart.categories)]
    return Table(chart.title, head, rows, list(range(1, len(head))), chart.dataset)


def _cell(value, kind):
    return Cell("—" if value is None else show(value, kind), True)


def _share_cell(value, whole):
    return Cell("—" if value is None else show(share_of(value, whole), "percent"), True)


def share_of(value, whole):
    """The percentage ``value`` is of ``whole``, to a tenth."""
    return round(int(value) * 100 / int(whole), 1)


def _progress_cell(share, note):
    if share is None:
        return Cell("—", True)
    return Cell(f"{show(share, 'percent')} ({note})", True)


def drawing_spec(chart):
    """What ``charts.draw`` (and ``chart_png``) draws: plain numbers already in
    the axis's unit. A bar-and-line chart whose line is of another size than
    its bars gives the line its own axis, on the right."""
    series = chart.series
    scale, unit_words = _axis_unit(chart, series)
    line_scale = None
    if chart.type == "barline" and _own_axis(series):
        scale, unit_words = _axis_unit(chart, series[:1])
        line_scale, line_words = _axis_unit(chart, series[1:])
    bars = len(chart.categories) * len(chart.series)
    labelled = chart.type in ("ranking", "donut") or (
        chart.type not in ("line", "barline") and bars <= MAX_LABELLED_BARS)
    drawn = []
    for index, (name, values) in enumerate(series):
        own = line_scale if line_scale is not None and index == 1 else scale
        drawn.append({"label": name,
                      "values": [None if v is None else float(v) / own for v in values],
                      "labels": [_bar_label(v, own, chart.kind) if labelled else ""
                                 for v in values]})
    spec = {
        "type": chart.type,
        "title": chart.title,
        "period": chart.period,
        "description": chart.description,
        "categories": [str(c) for c in chart.categories],
        "series": drawn,
        "axis_label": unit_words,
        "percent": chart.kind == "percent",
    }
    if line_scale is not None:
        spec["line_axis_label"] = line_words
    if chart.type == "donut":
        whole = total(series[0][1])
        spec["shares"] = [None if v is None else share_of(v, whole) for v in series[0][1]]
        drawn[0]["labels"] = ["" if v is None else show(v, chart.kind, form="short")
                              for v in series[0][1]]
        spec["total"] = show(whole, chart.kind, form="short")
    if chart.targets and any(t is not None for row in chart.targets for t in row):
        spec["targets"] = [[None if t is None else float(t) for t in row]
                           for row in chart.targets]
    return spec


def _own_axis(series):
    """Whether the bars' and the line's largest values are too far apart for one axis."""
    tops = [max((abs(float(v)) for v in values if v is not None), default=0)
            for _, values in series]
    return min(tops) * 5 < max(tops)


def _axis_unit(chart, series):
    """(what to divide by, the axis's title) for ``series``."""
    scale, unit_words = 1, {"count": "Số lượng", "percent": "Tỷ lệ (%)"}.get(chart.kind, "")
    if chart.kind == "money":
        largest = max((abs(int(v)) for _, values in series for v in values
                       if v is not None), default=0)
        scale, word = money_scale(largest)
        scale = int(scale)
        unit_words = f"{word.capitalize()} đồng" if word else "Đồng"
    elif chart.kind == "count" and len(series) == 1 and chart.axis != "field":
        unit_words = series[0][0]
    return scale, unit_words


def _bar_label(value, scale, kind):
    if value is None:
        return ""
    if kind == "percent":
        return formats.percent(value)
    return formats.number(float(value) / scale, 1)
