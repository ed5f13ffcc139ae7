"""Draw one chart as SVG that follows the site's colours, written directly.

Why no charting library for the web: we draw eight simple kinds (bar,
grouped, stacked, line, progress, donut, ranking, bars and a line) and used
matplotlib only to place the axes, ticks and text, then rewrote most of
what it wrote (colours, ids, groups, coordinates). Writing the SVG here
takes about a millisecond a chart instead of ~90 ms plus a second to
import matplotlib, and gives a smaller, cleaner file.

The look is the one matplotlib gave: a 6.4 x 3.9 inch figure at 72 points
per inch, fixed margins, round value ticks (MaxNLocator's algorithm),
DejaVu Sans at 13 points. Text is placed from the font's advance widths
(``_WIDTHS``), enough to centre, right-align and keep labels apart. A
progress chart grows taller with its rows, and a ranking is drawn at a
phone's width with a row as tall as each wrapped name: no text of a drawing
overlaps another (tests/test_charts.py checks every kind).

``layout`` places everything through a few drawing calls (text, line,
rect, polyline, dot, ring); ``_Svg`` writes them as SVG, and chart_png
replays the same calls with matplotlib for the PNG that leaves the site.

Colours are not chosen here: every part is painted ``currentColor`` with a
class naming its role (``chart-s1``: first series, ``chart-grid``...) whose
``color`` theme/static/css/charts.css sets, for light and dark mode alike.
No style attribute or element (the site's Content Security Policy forbids
them), text stays text (escaped, a "$" stays a "$"), and the same spec
always gives the same bytes.
"""

import html
import math
import textwrap
import unicodedata

from khuyenhoc.vietnamese import formats

SERIES_COLOURS = 6
FONT = "DejaVu Sans, Noto Sans, sans-serif"
WIDTH, HEIGHT = 460.8, 280.8  # 6.4 x 3.9 in at 72 points per inch
SIZE, LABEL_SIZE = 13, 11  # axis text, values on the bars
ASCENT, DESCENT = 1901 / 2048, 483 / 2048  # DejaVu Sans, of the em
LINE = 1.2 * SIZE  # between the lines of a wrapped label
PAD = 3.5  # between an axis and its tick labels
MIDDLE = 0.377  # baseline below the middle of a line, of the em
LABEL_WIDTH = 12  # characters per line of a category label
RIGHT = 0.2 * 72
LEGEND_ROW = 19.5
# DejaVu Sans advance widths (of 2048) of " " to "~"; letters with accents
# are as wide as their base letter.
_WIDTHS = (
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716,
    1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767,
    1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690,
    799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186,
    569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075,
    1303, 690, 1303, 1716)
_OTHER_WIDTHS = {"đ": 1300, "Đ": 1587, "–": 1024, "—": 2048, "…": 2048, "\u00a0": 651}


def text_width(text, size=SIZE):
    units = 0
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            continue
        code = ord(char)
        units += _WIDTHS[code - 32] if 32 <= code < 127 else _OTHER_WIDTHS.get(char, 1300)
    return units * size / 2048


def draw(spec, prefix):
    """The SVG (text) of a ``chart_specs.drawing_spec``; its ids start with
    ``prefix`` so that several charts can share a page."""
    svg = _Svg()
    width, height = layout(spec, svg)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
            f'class="chart-svg" font-family="{FONT}" font-size="{SIZE}" '
            f'fill="currentColor" role="img" '
            f'aria-labelledby="{prefix}-title {prefix}-desc">'
            f'<title id="{prefix}-title">{_escape(spec["title"])}</title>'
            f'<desc id="{prefix}-desc">{_escape(spec["description"])}</desc>'
            + "".join(svg.parts) + "</svg>")


def layout(spec, svg):
    """Draw ``spec`` into ``svg`` (a ``_Svg``, or anything with its methods:
    chart_png draws the same calls with matplotlib); the drawing's (width, height)."""
    kind = spec["type"]
    if kind == "donut":
        return _donut(svg, spec)
    if kind == "ranking":
        return _ranking(svg, spec, RANKING_WIDTH)
    scale = None if kind == "progress" else _value_scale(spec)
    line_scale = _value_scale(spec, line_axis=True) if "line_axis_label" in spec else None
    left = _left(spec, scale)
    right = WIDTH - _right(line_scale)
    legend = _legend_rows(spec, left, right)
    top, bottom = _margins(spec, len(legend))
    height = _height(spec, top, bottom)
    box = (left, top, right, height - bottom)
    if scale is None:
        _progress(svg, spec, box)
    else:
        _vertical(svg, spec, box, scale, line_scale)
    _legend(svg, legend, box)
    return WIDTH, height


def _margins(spec, legend_rows):
    """The top and bottom margins, in points: fixed, as our labels are of known sizes."""
    lines = max(len(_wrapped(c)) for c in spec["categories"])
    bottom = 0.6 * 72 if spec["type"] == "progress" else (0.3 + 0.21 * lines) * 72
    top = 0.15 * 72 if not legend_rows else 0.5 * 72 + (legend_rows - 1) * LEGEND_ROW
    return top, bottom


def _height(spec, top, bottom):
    """The usual height; taller for a progress chart whose rows need it, so
    that a wrapped name never reaches the next row's."""
    if spec["type"] != "progress":
        return HEIGHT
    lines = max(len(_wrapped(c)) for c in spec["categories"])
    row = max(lines * LINE, 2.6 * LABEL_SIZE) + 0.6 * SIZE
    # _progress spaces the categories (count - 0.2) * 1.1 rows apart in all.
    return max(HEIGHT, top + bottom + row * (len(spec["categories"]) - 0.2) * 1.1)


def _left(spec, scale):
    """Room for the category labels (progress), or for the value labels and
    the axis title; wider only for values too long for it."""
    if scale is None:
        return 1.8 * 72
    widest = max((text_width(label) for label in scale[3]), default=0)
    return max(0.95 * 72, PAD + widest + 4 + (ASCENT + DESCENT) * SIZE + 2)


def _right(line_scale):
    """Room right of the plot: for the line's own axis, if it has one."""
    if line_scale is None:
        return RIGHT
    widest = max((text_width(label) for label in line_scale[3]), default=0)
    return PAD + widest + 4 + (ASCENT + DESCENT) * SIZE + 2


class _Svg:
    def __init__(self):
        self.parts = []

    def add(self, tag, attributes, text=None, role=None):
        pairs = [f'{name}="{_n(value) if isinstance(value, float) else value}"'
                 for name, value in attributes]
        if role:
            pairs.append(f'class="chart-{role}"')
        head = f"<{tag} " + " ".join(pairs)
        self.parts.append(head + "/>" if text is None else f"{head}>{_escape(text)}</{tag}>")

    def text(self, x, y, text, anchor=None, size=SIZE, role=None, rotate=False):
        if not text:
            return
        attributes = [("x", x), ("y", y)]
        if rotate:
            attributes.append(("transform", f"rotate(-90 {_n(x)} {_n(y)})"))
        if anchor:
            attributes.append(("text-anchor", anchor))
        if size != SIZE:
            attributes.append(("font-size", size))
        if role:
            attributes.append(("fill", "currentColor"))
        self.add("text", attributes, text, role)

    def line(self, x1, y1, x2, y2, role, width=0.8):
        self.add("path", [("d", f"M{_n(x1)} {_n(y1)}H{_n(x2)}" if y1 == y2
                           else f"M{_n(x1)} {_n(y1)}V{_n(y2)}" if x1 == x2
                           else f"M{_n(x1)} {_n(y1)}L{_n(x2)} {_n(y2)}"),
                          ("stroke", "currentColor"), ("stroke-width", width)], role=role)

    def rect(self, x, y, width, height, role):
        self.add("rect", [("x", x), ("y", y), ("width", width), ("height", height),
                          ("fill", "currentColor")], role=role)

    def polyline(self, points, role, width=2.2):
        d = "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in points)
        self.add("path", [("d", d), ("fill", "none"), ("stroke", "currentColor"),
                          ("stroke-width", width), ("stroke-linejoin", "round")], role=role)

    def dot(self, x, y, role, radius=3.0):
        self.add("circle", [("cx", x), ("cy", y), ("r", radius)], role=role)

    def ring(self, cx, cy, outer, inner, start, end, role):
        """The ring between two angles (radians from the top, clockwise)."""
        self.add("path", [("d", _ring_segment(cx, cy, outer, inner, start, end)),
                          ("fill", "currentColor")], role=role)


def _legend_items(spec):
    if len(spec["series"]) < 2:
        return []
    handles = {"line": ["line"] * len(spec["series"]), "barline": ["rect", "line"]}.get(
        spec["type"], ["rect"] * len(spec["series"]))
    items = [(series["label"], handle, _series_role(index))
             for index, (series, handle) in enumerate(zip(spec["series"], handles))]
    if "targets" in spec:
        items.append(("Chỉ tiêu", "target", "target"))
    return items


def _legend_rows(spec, left, right):
    """The legend's items in rows as wide as the plot: (x, label, handle, role)."""
    room = right - left
    rows, x = [], None
    for label, handle, role in _legend_items(spec):
        width = 1.2 * SIZE + 0.8 * SIZE + text_width(label)
        if x is None or (x > 0 and x + width > room):
            rows.append([])
            x = 0
        rows[-1].append((x, label, handle, role))
        x += width + 2 * SIZE
    return rows


def _legend(svg, rows, box):
    left, top = box[0], box[1]
    for number, row in enumerate(rows):
        baseline = top - min(0.02 * (box[3] - top), 4.5) - 0.4 * SIZE - DESCENT * SIZE - (
            len(rows) - 1 - number) * LEGEND_ROW
        middle = baseline - MIDDLE * SIZE
        for x, label, handle, role in row:
            x += left
            if handle == "rect":
                svg.rect(x, middle - 0.35 * SIZE, 1.2 * SIZE, 0.7 * SIZE, role)
            else:
                svg.line(x, middle, x + 1.2 * SIZE, middle, role,
                         width=2.5 if handle == "target" else 2.2)
                if handle == "line":
                    svg.dot(x + 0.6 * SIZE, middle, role)
            svg.text(x + 2 * SIZE, baseline, label)


def _value_scale(spec, line_axis=False):
    """The value axis of a vertical chart: its limits, ticks and their labels.
    A bar-and-line chart whose line has its own axis: the bars' (or, with
    ``line_axis``, the line's)."""
    series = spec["series"]
    as_line = spec["type"] == "line" or line_axis
    if spec["type"] == "barline" and "line_axis_label" in spec:
        series = series[1:] if line_axis else series[:1]
    if spec["type"] == "stacked":
        tops = _stack_tops(spec)
    else:
        tops = [v for one in series for v in one["values"] if v is not None]
    if spec["type"] == "barline" and not line_axis:  # bars stand on 0
        vmin, vmax = _bar_limits(min([0.0, *tops]), max([0.0, *tops]))
    elif not as_line:
        vmin, vmax = _bar_limits(min([0.0, *tops]), max([0.0, *tops]))
    else:  # from 0, 5% of room above the highest point
        values = tops or [0.0]
        vmax = max(values) + 0.05 * (max(values) - min(values))
        vmin = 0.0 if vmax > 0 else min(values)
        vmax = vmax if vmax > vmin else vmin + 1
    ticks = _ticks(vmin, vmax)
    return vmin, vmax, ticks, [_tick_label(v, spec) for v in ticks]


def _vertical(svg, spec, box, scale, line_scale=None):
    left, top, right, bottom = box
    count = len(spec["categories"])
    kind = spec["type"]
    stacked = kind == "stacked"
    bars = kind != "line"
    series = spec["series"]
    lines = series[1:] if kind == "barline" else series if kind == "line" else []
    series = series[:1] if kind == "barline" else series
    grouped = bars and not stacked and len(series) > 1
    width = 0.8 / len(series) if grouped else 0.7
    if bars:
        half = 0.4 if grouped else 0.35
        low, high = _with_margins(-half, count - 1 + half)
    else:
        low, high = _with_margins(0, count - 1) if count > 1 else (-0.5, 0.5)

    def x_of(position):
        return left + (position - low) / (high - low) * (right - left)

    vmin, vmax, ticks, labels = scale

    def y_of(value):
        return bottom - (value - vmin) / (vmax - vmin) * (bottom - top)

    for value, label in zip(ticks, labels):
        svg.line(left, y_of(value), right, y_of(value), "grid")
        svg.text(left - PAD, y_of(value) + MIDDLE * SIZE, label, anchor="end")
    widest = max((text_width(label) for label in labels), default=0)
    x = max(left - PAD - widest - 4 - DESCENT * SIZE, ASCENT * SIZE + 1)
    svg.text(x, (top + bottom) / 2, spec["axis_label"], anchor="middle", rotate=True)
    _category_labels(svg, spec, x_of, left, bottom)
    line_y = y_of
    if line_scale is not None:  # the line's own axis, on the right
        low2, high2, ticks2, labels2 = line_scale

        def line_y(value):
            return bottom - (value - low2) / (high2 - low2) * (bottom - top)

        for value, label in zip(ticks2, labels2):
            svg.text(right + PAD, line_y(value) + MIDDLE * SIZE, label)
        widest = max((text_width(label) for label in labels2), default=0)
        svg.text(right + PAD + widest + 4 + ASCENT * SIZE, (top + bottom) / 2,
                 spec["line_axis_label"], anchor="middle", rotate=True)
        svg.line(right, top, right, bottom, "axis")

    if bars:
        bases = [0.0] * count
        # A value label may be as wide as its bar if stacked, as its
        # share of the category if grouped, as the category if alone.
        slot = x_of(1) - x_of(0)
        room = (x_of(width) - x_of(0) if stacked
                else slot / len(series) - 2 if grouped else slot - 4)
        for index, one in enumerate(series):
            for position, (value, label) in enumerate(zip(one["values"], one["labels"])):
                if value is None:
                    continue
                centre = position - 0.4 + width * (index + 0.5) if grouped else position
                base = bases[position] if stacked else 0.0
                x1, x2 = x_of(centre - width / 2), x_of(centre + width / 2)
                y1, y2 = sorted((y_of(base), y_of(base + value)))
                svg.rect(x1, y1, x2 - x1, y2 - y1, _series_role(index))
                if stacked:
                    bases[position] += value
                if label:
                    _bar_value(svg, label, (x1 + x2) / 2, y1, y2, value, stacked, room)
    first = len(series) if kind == "barline" else 0
    for index, one in enumerate(lines, first):
        _polyline(svg, [(x_of(p), line_y(v)) if v is not None else None
                        for p, v in enumerate(one["values"])], _series_role(index))
    svg.line(left, bottom, right, bottom, "axis")


def _bar_value(svg, label, x, y1, y2, value, stacked, room):
    """Above the bar (below it if negative); on it, in the bar's text colour,
    when the bars are stacked. Only where it fits: in ``room`` points across,
    and on a stacked part tall enough for it (the table beside the chart
    has every figure)."""
    if text_width(label, LABEL_SIZE) > room:
        return
    if stacked:
        if y2 - y1 >= 1.1 * LABEL_SIZE:
            svg.text(x, (y1 + y2) / 2 + (ASCENT - DESCENT) / 2 * LABEL_SIZE, label,
                     anchor="middle", size=LABEL_SIZE, role="on-bar")
    elif value >= 0:
        svg.text(x, y1 - 2 - DESCENT * LABEL_SIZE, label, anchor="middle", size=LABEL_SIZE)
    else:
        svg.text(x, y2 + 2 + ASCENT * LABEL_SIZE, label, anchor="middle", size=LABEL_SIZE)


def _polyline(svg, points, role):
    """The line, with a gap where a value is missing, and a dot on every value."""
    runs, run = [], []
    for point in points + [None]:
        if point is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(point)
    for run in runs:
        if len(run) > 1:
            svg.polyline(run, role)
    for run in runs:
        for x, y in run:
            svg.dot(x, y, role)


def _category_labels(svg, spec, x_of, left, bottom):
    """Under each category, wrapped. Labels that would touch are made smaller,
    down to 10 points, and then only every second (third...) one is shown."""
    categories = spec["categories"]
    lines = [_wrapped(c) for c in categories]
    size, step = SIZE, 1
    if len(categories) > 1:
        slot = abs(x_of(1) - x_of(0))
        need = max(text_width(line) for label in lines for line in label) + 6
        if need > slot:
            size = max(10, math.floor(SIZE * slot / need * 2) / 2)
            step = max(1, math.ceil(need * size / SIZE / slot))
    for position, label in enumerate(lines):
        if position % step:
            continue
        for number, line in enumerate(label):
            # The first clear of the value labels, the last inside the drawing.
            half = text_width(line, size) / 2
            svg.text(min(max(x_of(position), left - 2 + half), WIDTH - half - 1),
                     bottom + PAD + ASCENT * size + number * LINE * size / SIZE, line,
                     anchor="middle", size=size)


def _progress(svg, spec, box):
    """Horizontal bars from 0 to 115%, categories top to bottom, a mark at each target."""
    left, top, right, bottom = box
    count = len(spec["categories"])
    series = spec["series"]
    height = 0.8 / len(series)
    largest = max([v for one in series for v in one["values"] if v is not None], default=0)
    vmax = max(115.0, largest * 1.15)
    low, high = _with_margins(-0.4, count - 1 + 0.4)

    def x_of(value):
        return left + value / vmax * (right - left)

    def y_of(position):
        return top + (position - low) / (high - low) * (bottom - top)

    for value in _ticks(0.0, vmax):
        svg.line(x_of(value), top, x_of(value), bottom, "grid")
        svg.text(x_of(value), bottom + PAD + ASCENT * SIZE, _tick_label(value, spec),
                 anchor="middle")
    svg.text((left + right) / 2, bottom + PAD + (ASCENT + DESCENT) * SIZE + 4 + ASCENT * SIZE,
             spec["axis_label"], anchor="middle")
    for position, category in enumerate(spec["categories"]):
        lines = _wrapped(category)
        first = y_of(position) - (len(lines) - 1) * LINE / 2 + MIDDLE * SIZE
        for number, line in enumerate(lines):
            svg.text(left - PAD, first + number * LINE, line, anchor="end")
    targets = spec.get("targets", [])
    for index, one in enumerate(series):
        for position, (value, label) in enumerate(zip(one["values"], one["labels"])):
            y1 = y_of(position - 0.4 + height * index)
            y2 = y_of(position - 0.4 + height * (index + 1))
            target = targets[index][position] if index < len(targets) else None
            if value is not None:
                svg.rect(left, y1, x_of(value) - left, y2 - y1, _series_role(index))
                if label:  # after the bar, and after its target's mark
                    end = x_of(value if target is None else max(value, target)) + 3
                    svg.text(end + (2 if target is not None and target >= value else 0),
                             (y1 + y2) / 2 + (ASCENT - DESCENT) / 2 * LABEL_SIZE,
                             label, size=LABEL_SIZE)
            if target is not None:
                svg.line(x_of(target), y1, x_of(target), y2, "target", width=2.5)
    svg.line(left, top, left, bottom, "axis")
    svg.line(left, bottom, right, bottom, "axis")


RANKING_WIDTH = 360.0  # a phone's width: the ranking is read there at full size
RANKING_LABEL_SHARE = 0.45  # of the width, at most, for the units' names


def _ranking(svg, spec, width):
    """Horizontal bars, one row per unit in the order given (largest first),
    its value after the bar; each row as tall as its wrapped name needs."""
    names = _ranking_names(spec["categories"], width)
    left = max(text_width(line) for lines in names for line in lines) + PAD + 2
    right = width - RIGHT
    top = 0.15 * 72
    rows = [max(len(lines) * LINE, 1.2 * SIZE) + 0.45 * SIZE for lines in names]
    bottom = top + sum(rows)
    height = bottom + PAD + (ASCENT + DESCENT) * SIZE + 4 + (ASCENT + DESCENT) * SIZE + 4
    series = spec["series"][0]
    values = [v for v in series["values"] if v is not None]
    vmin = min([0.0, *values])
    largest = max([0.0, *values])
    # Room after the longest bar for its value.
    widest = max((text_width(label, LABEL_SIZE) for label in series["labels"]), default=0)
    plot = right - left
    room = plot - 4 - widest
    vmax = largest * plot / room if largest > 0 and room > 0 else (largest or 1.0)
    vmax = max(vmax, vmin + 1e-9) if vmax > vmin else vmin + 1

    def x_of(value):
        return left + (value - vmin) / (vmax - vmin) * plot

    for value in _spaced_ticks(vmin, vmax, x_of, spec, width):
        svg.line(x_of(value), top, x_of(value), bottom, "grid")
        svg.text(x_of(value), bottom + PAD + ASCENT * SIZE, _tick_label(value, spec),
                 anchor="middle")
    svg.text((left + right) / 2, bottom + PAD + (ASCENT + DESCENT) * SIZE + 4 + ASCENT * SIZE,
             spec["axis_label"], anchor="middle")
    y = top
    for lines, row, value, label in zip(names, rows, series["values"], series["labels"]):
        middle = y + row / 2
        first = middle - (len(lines) - 1) * LINE / 2 + MIDDLE * SIZE
        for number, line in enumerate(lines):
            svg.text(left - PAD, first + number * LINE, line, anchor="end")
        if value is not None:
            bar = min(0.7 * row, 1.1 * SIZE)
            x1, x2 = sorted((x_of(0.0), x_of(value)))
            svg.rect(x1, middle - bar / 2, x2 - x1, bar, "s1")
            svg.text(max(x2, x_of(0.0)) + 3, middle + (ASCENT - DESCENT) / 2 * LABEL_SIZE,
                     label, size=LABEL_SIZE)
        y += row
    svg.line(x_of(0.0), top, x_of(0.0), bottom, "axis")
    return width, height


def _spaced_ticks(vmin, vmax, x_of, spec, width):
    """Ticks along a narrow horizontal axis: fewer of them until their labels
    stand apart and inside the drawing."""
    for bins in (6, 5, 4, 3, 2, 1):
        ticks = _ticks(vmin, vmax, bins=bins, least=2)
        ticks = [t for t in ticks if x_of(t) + text_width(_tick_label(t, spec)) / 2 <= width - 1]
        edges = [(x_of(t) - text_width(_tick_label(t, spec)) / 2,
                  x_of(t) + text_width(_tick_label(t, spec)) / 2) for t in ticks]
        if all(right + 6 <= left for (_, right), (left, _) in zip(edges, edges[1:])):
            return ticks
    return ticks[:1]


def _ranking_names(categories, width):
    """Each unit's name wrapped so that the names take at most
    RANKING_LABEL_SHARE of the width."""
    for at in range(30, 5, -1):
        names = [textwrap.wrap(c, at) or [""] for c in categories]
        if max(text_width(line) for lines in names for line in lines) + PAD + 2 <= (
                RANKING_LABEL_SHARE * width):
            return names
    return names


DONUT_PARTS = 6  # one colour each; more parts are put together as "Các mục khác"
DONUT_OUTER, DONUT_INNER = 100.0, 58.0
DONUT_LEGEND = 250.0  # where the legend starts
DONUT_LABEL_WIDTH = 24


def donut_parts(spec):
    """(name, value, share, value text) of each part drawn, the largest
    ones first in the order given, the smallest together when there are
    more than DONUT_PARTS."""
    series = spec["series"][0]
    parts = [(name, value, share, text) for name, value, share, text in zip(
        spec["categories"], series["values"], spec["shares"], series["labels"])
        if value]
    if len(parts) <= DONUT_PARTS:
        return parts
    kept = sorted(range(len(parts)), key=lambda i: -parts[i][1])[:DONUT_PARTS - 1]
    rest = [part for i, part in enumerate(parts) if i not in kept]
    other = ("Các mục khác", sum(p[1] for p in rest), round(sum(p[2] for p in rest), 1), "")
    return [part for i, part in enumerate(parts) if i in kept] + [other]


def _donut(svg, spec):
    """A ring of the parts from the top, clockwise; the total in its hole;
    the legend on the right gives each part's name, share and value."""
    parts = donut_parts(spec)
    legend = []
    for name, _, share, text in parts:
        lines = textwrap.wrap(name, DONUT_LABEL_WIDTH) or [""]
        figures = formats.percent(share) + (f" · {text}" if text else "")
        if DONUT_LEGEND + 1.2 * SIZE + text_width(figures) > WIDTH - 1:
            lines += [formats.percent(share), text]
        else:
            lines.append(figures)
        legend.append(lines)
    rows = [len(lines) * LINE + 0.5 * SIZE for lines in legend]
    height = max(HEIGHT, sum(rows) + 0.3 * 72)
    cx, cy = 0.15 * 72 + DONUT_OUTER, height / 2
    whole = sum(part[1] for part in parts)
    angle = 0.0
    for index, (_, value, _, _) in enumerate(parts):
        sweep = value / whole * 2 * math.pi
        svg.ring(cx, cy, DONUT_OUTER, DONUT_INNER, angle, angle + sweep, _series_role(index))
        angle += sweep
    size = min(SIZE, SIZE * (2 * DONUT_INNER - 12) / max(text_width(spec["total"]), 1))
    svg.text(cx, cy - 2, "Tổng cộng", anchor="middle", size=LABEL_SIZE)
    svg.text(cx, cy + 2 + ASCENT * size, spec["total"], anchor="middle",
             size=math.floor(size * 2) / 2)
    y = (height - sum(rows)) / 2
    for index, (lines, row) in enumerate(zip(legend, rows)):
        first = y + 0.25 * SIZE + ASCENT * SIZE
        svg.rect(DONUT_LEGEND, first - 0.7 * SIZE, 0.7 * SIZE, 0.7 * SIZE, _series_role(index))
        for number, line in enumerate(lines):
            svg.text(DONUT_LEGEND + 1.2 * SIZE, first + number * LINE, line)
        y += row
    return WIDTH, height


def _ring_segment(cx, cy, outer, inner, start, end):
    """The path of the ring between two angles (radians from the top, clockwise)."""
    if end - start >= 2 * math.pi - 1e-9:  # the whole ring: two halves
        middle = start + math.pi
        return (_ring_segment(cx, cy, outer, inner, start, middle)
                + _ring_segment(cx, cy, outer, inner, middle, end))

    def point(radius, angle):
        return cx + radius * math.sin(angle), cy - radius * math.cos(angle)

    large = 1 if end - start > math.pi else 0
    (x1, y1), (x2, y2) = point(outer, start), point(outer, end)
    (x3, y3), (x4, y4) = point(inner, end), point(inner, start)
    return (f"M{_n(x1)} {_n(y1)}A{_n(outer)} {_n(outer)} 0 {large} 1 "
            f"{_n(x2)} {_n(y2)}L{_n(x3)} {_n(y3)}A{_n(inner)} {_n(inner)} 0 "
            f"{large} 0 {_n(x4)} {_n(y4)}Z")


def _stack_tops(spec):
    tops = []
    for values in zip(*(one["values"] for one in spec["series"])):
        up = sum(v for v in values if v is not None and v > 0)
        down = sum(v for v in values if v is not None and v < 0)
        tops += [up, down]
    return tops


def _with_margins(low, high, share=0.05):
    return low - share * (high - low), high + share * (high - low)


def _bar_limits(vmin, vmax):
    """From 0 (the bars stand on it), 5% of room beyond the longest bar."""
    span = (vmax - vmin) or 1.0
    return (vmin - 0.05 * span if vmin < 0 else 0.0,
            vmax + 0.05 * span if vmax > 0 or vmin == 0 else 0.0)


_STEPS = (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20)


def _ticks(vmin, vmax, bins=6, least=3):
    """The ticks inside [vmin, vmax] that matplotlib's MaxNLocator(nbins=6,
    min_n_ticks=3, steps=[1, 2, 2.5, 5, 10]) chooses: steps of 1, 2, 2.5 or 5
    times a power of ten (its default steps also gave 0, 8, 16... or 0, 1,5, 3...)."""
    span = vmax - vmin
    scale = 10 ** math.floor(math.log10(span / bins))
    raw = span / bins
    steps = [s * scale for s in _STEPS]
    first_large = next(i for i, step in enumerate(steps) if step >= raw)
    for step in reversed(steps[: first_large + 1]):
        best = (vmin // step) * step
        low = _floor_edge((vmin - best) / step)
        high = _ceil_edge((vmax - best) / step)
        ticks = [best + n * step for n in range(low, high + 1)]
        inside = [t for t in ticks if vmin - 1e-9 * span <= t <= vmax + 1e-9 * span]
        if len(inside) >= least:
            break
    return [0.0 if abs(t) < 1e-9 * span else t for t in inside]


def _floor_edge(x):
    whole, rest = divmod(x, 1)
    return int(whole) + (1 if abs(rest - 1) < 1e-10 else 0)


def _ceil_edge(x):
    whole, rest = divmod(x, 1)
    return int(whole) + (0 if abs(rest) < 1e-10 else 1)


def _tick_label(value, spec):
    return formats.number(value, 2) + ("%" if spec["percent"] else "")


def _wrapped(text):
    return textwrap.wrap(text, LABEL_WIDTH) or [""]


def _series_role(index):
    return f"s{index % SERIES_COLOURS + 1}"


def _escape(text):
    return html.escape(text, quote=False)


def _n(number):
    """Coordinates to a tenth of a point: no visible change, a third of the bytes."""
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
