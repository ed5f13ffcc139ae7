"""What a chart shows, said in one or two Vietnamese sentences.

The sentence is the chart's description for screen readers (the SVG's
``<desc>``) and is printed under it for everyone: "Huy động trong năm tăng
từ 164 triệu đồng năm 2018 lên 248,9 triệu đồng năm 2024, thấp nhất 152,8
triệu đồng năm 2020." It is generated from the same figures as the drawing,
so it cannot drift from it.
"""

from khuyenhoc.data import periods
from khuyenhoc.vietnamese.figure_text import lower_first, show, total


def describe(chart):
    """The description of a ``chart_specs.ChartData``."""
    if chart.type == "progress":
        return _progress(chart)
    if chart.type == "donut":
        return _shares(chart)
    if chart.type == "ranking":
        return _ranking(chart)
    if chart.axis == "year":
        sentences = [_over_years(name, values, chart) for name, values in chart.series]
        if chart.type == "stacked" and len(chart.series) > 1:
            sentences.append(_over_years("Tổng cộng", chart.totals(), chart))
        return _join(sentences)
    if chart.axis == "unit":
        return _join(f"{periods.heading(chart.year)}, " + _across_units(name, values, chart)
                     for name, values in chart.series)
    parts = [f"{lower_first(category)} {_value(value, chart)}"
             for category, value in zip(chart.categories, chart.series[0][1])
             if value is not None]
    return _join([f"{periods.heading(chart.year)}, {chart.unit}: " + ", ".join(parts)])


def _over_years(name, values, chart):
    when = [periods.label(p) for p in chart.periods] if chart.periods else [
        f"năm {category}" for category in chart.categories]
    points = [(year, value) for year, value in zip(when, values) if value is not None]
    if not points:
        return f"{name}: chưa có số liệu"
    (first_year, first), (last_year, last) = points[0], points[-1]
    if len(points) == 1:
        return f"{name} {first_year} là {_value(first, chart)}"
    if last > first:
        text = (f"{name} tăng từ {_value(first, chart)} {first_year} "
                f"lên {_value(last, chart)} {last_year}")
    elif last < first:
        text = (f"{name} giảm từ {_value(first, chart)} {first_year} "
                f"xuống {_value(last, chart)} {last_year}")
    else:
        text = f"{name} {first_year} và {last_year} đều là {_value(last, chart)}"
    middle = points[1:-1]
    if middle:
        high = max(points, key=lambda point: point[1])
        low = min(points, key=lambda point: point[1])
        if high in middle:
            text += f", cao nhất {_value(high[1], chart)} {high[0]}"
        if low in middle:
            text += f", thấp nhất {_value(low[1], chart)} {low[0]}"
    return text


def _across_units(name, values, chart):
    points = [(unit, value) for unit, value in zip(chart.categories, values)
              if value is not None]
    if not points:
        return f"{lower_first(name)}: chưa có số liệu"
    if len(points) == 1:
        return f"{lower_first(name)} của {points[0][0]} là {_value(points[0][1], chart)}"
    high = max(points, key=lambda point: point[1])
    low = min(points, key=lambda point: point[1])
    return (f"{lower_first(name)} cao nhất ở {high[0]} ({_value(high[1], chart)}), "
            f"thấp nhất ở {low[0]} ({_value(low[1], chart)})")


def _shares(chart):
    """'Năm 2024, Hội Khuyến học Khối: học bổng 90 triệu đồng (32,7%), ...;
    tổng cộng 275 triệu đồng.' Parts largest first."""
    _, values = chart.series[0]
    points = [(category, value) for category, value in zip(chart.categories, values)
              if value is not None]
    whole = total(value for _, value in points)
    points.sort(key=lambda point: -int(point[1]))
    parts = [f"{lower_first(category)} {_value(value, chart)} "
             f"({_percent(round(int(value) * 100 / whole, 1))})" for category, value in points]
    return _join([f"Năm {chart.year}, {chart.unit}: " + ", ".join(parts)
                  + f"; tổng cộng {_value(whole, chart)}"])


def _ranking(chart):
    """Across units, then how many units are ranked."""
    name, values = chart.series[0]
    counted = sum(value is not None for value in values)
    text = f"Năm {chart.year}, " + _across_units(name, values, chart)
    return _join([text, f"Xếp hạng {counted} đơn vị có số liệu, từ cao xuống thấp"])


def _progress(chart):
    (_, registered), (_, achieved) = chart.series
    targets_registered, targets_achieved = chart.targets
    parts = []
    for index, model in enumerate(chart.categories):
        shares = (registered[index], achieved[index])
        targets = (targets_registered[index], targets_achieved[index])
        if shares == (None, None):
            wanted = _targets_phrase(targets)
            parts.append(f"{model} chưa có kết quả" + (f" ({wanted})" if wanted else ""))
            continue
        pieces = []
        for word, share, target in zip(("đăng ký", "đạt danh hiệu"), shares, targets):
            if share is None:
                continue
            piece = f"{word} {_percent(share)}"
            if target is not None:
                piece += f" (chỉ tiêu {_percent(target)})"
            pieces.append(piece)
        text = f"{model}: " + ", ".join(pieces)
        verdict = _verdict(shares, targets)
        parts.append(text + (f", {verdict}" if verdict else ""))
    return f"{periods.heading(chart.year)}, " + "; ".join(parts) + "."


def _targets_phrase(targets):
    registered, achieved = targets
    pieces = []
    if registered is not None:
        pieces.append(f"chỉ tiêu đăng ký {_percent(registered)}")
    if achieved is not None:
        pieces.append(f"đạt {_percent(achieved)}")
    return ", ".join(pieces)


def _verdict(shares, targets):
    compared = [(share, target) for share, target in zip(shares, targets)
                if share is not None and target is not None]
    if not compared:
        return ""
    if any(share < target for share, target in compared):
        return "chưa đạt chỉ tiêu"
    if any(share > target for share, target in compared):
        return "vượt chỉ tiêu"
    return "đạt chỉ tiêu"


def _value(value, chart):
    return show(value, chart.kind, form="short")


def _percent(value):
    return show(value, "percent")


def _join(sentences):
    sentences = [s for s in sentences if s]
    return " ".join(s[:1].upper() + s[1:] + ("" if s.endswith(".") else ".") for s in sentences)
