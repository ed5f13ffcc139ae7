"""A chart as a PNG, and a page's share card, drawn by matplotlib.

Why matplotlib here when the web's charts are our own SVG (charts.py): a
PNG travels alone, into Word reports that do not take SVG and into the link
previews of Facebook and Zalo, and rasterising real text well (DejaVu Sans,
which matplotlib ships, has every Vietnamese letter) is what it does best.

Why the same drawing: ``charts.layout`` places every text, bar, line and
tick of a spec by calling a few drawing methods; ``Plan`` records those
calls and ``_paint`` replays them onto a matplotlib figure. The PNG and the
SVG of one spec therefore say the same things (title, labels, ticks,
values) by construction, and a test compares them before drawing
(``plan``). The PNG adds what a picture alone needs: its title, its period
and a source line.

This module imports matplotlib: only the PNG worker (png_worker.py), a
process of its own started when a PNG is not cached, imports it. The build
process never does. The PNG has no date nor software name in it: the same
spec gives the same bytes.
"""

import io
import math
import os

import matplotlib

matplotlib.use("Agg")

from matplotlib import patches  # noqa: E402
from matplotlib.backends.backend_agg import RendererAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402

from khuyenhoc.charts import drawing as charts

FONT = "DejaVu Sans"
DPI = 200
WIDTH_PT = 16 / 2.54 * 72  # 16 cm: a Word page's text width
MARGIN = 10.0
TITLE_SIZE, PERIOD_SIZE, SOURCE_SIZE = 14.0, 11.0, 9.0
CARD_WIDTH, CARD_HEIGHT = 1200, 630  # pixels: what Facebook and Zalo show
CARD_DPI = 100
_ANCHORS = {"start": "left", "middle": "center", "end": "right"}


class Plan:
    """The calls ``charts.layout`` makes, kept: what the picture will show."""

    def __init__(self):
        self.calls = []
        self.size = (0.0, 0.0)

    def text(self, x, y, text, anchor=None, size=charts.SIZE, role=None, rotate=False):
        if text:
            self.calls.append(("text", x, y, text, anchor or "start", size, role, rotate))

    def line(self, x1, y1, x2, y2, role, width=0.8):
        self.calls.append(("line", [(x1, y1), (x2, y2)], role, width))

    def polyline(self, points, role, width=2.2):
        self.calls.append(("line", list(points), role, width))

    def rect(self, x, y, width, height, role):
        self.calls.append(("rect", x, y, width, height, role))

    def dot(self, x, y, role, radius=3.0):
        self.calls.append(("dot", x, y, radius, role))

    def ring(self, cx, cy, outer, inner, start, end, role):
        self.calls.append(("ring", cx, cy, outer, inner, start, end, role))

    def texts(self):
        return [call[3] for call in self.calls if call[0] == "text"]


def plan(spec):
    """What the PNG of ``spec`` shows, before anything is drawn: the SVG's
    drawing, call for call (scaled to 16 cm, a ranking's text is larger)."""
    drawing = Plan()
    drawing.size = charts.layout(spec, drawing)
    return drawing


def header(spec):
    """The lines above the chart: its title, then its period unless the title says it."""
    lines = [(line, TITLE_SIZE, True) for line in _wrapped(spec["title"], TITLE_SIZE,
                                                             WIDTH_PT - 2 * MARGIN, bold=True)]
    period = spec.get("period") or ""
    if period and period.lower() not in spec["title"].lower():
        lines.append((period[:1].upper() + period[1:], PERIOD_SIZE, False))
    return lines


def chart_png(spec, palette, source):
    """The PNG (bytes) of a chart spec: title, period, the chart, the source line."""
    drawing = plan(spec)
    width, height = drawing.size
    scale = (WIDTH_PT - 2 * MARGIN) / width
    lines = header(spec)
    top = MARGIN + sum(1.3 * size for _, size, _ in lines) + 6
    total = top + height * scale + 6 + 1.3 * SOURCE_SIZE + MARGIN
    figure, axes = _canvas(WIDTH_PT, total, palette["bg"])
    y = MARGIN
    for text, size, bold in lines:
        y += size
        _text(axes, MARGIN, y, text, size, palette["text"], bold=bold)
        y += 0.3 * size
    _paint(axes, drawing, palette, MARGIN, top, scale)
    _text(axes, MARGIN, total - MARGIN, source, SOURCE_SIZE, palette["muted"])
    return _png(figure, DPI)


def card_png(card, palette):
    """A 1200 x 630 share card: the association's name on a band, the page's
    title, its chart or key figure, the site's address."""
    # One unit is one pixel; font sizes are in points (72 a inch, 100 pixels a inch).
    figure, axes = _canvas(CARD_WIDTH, CARD_HEIGHT, palette["bg"], dpi=CARD_DPI)
    px = 72 / CARD_DPI
    axes.add_patch(patches.Rectangle((0, 0), CARD_WIDTH, 84, color=palette["brand"], lw=0))
    name = _wrapped(card["association"], 28, CARD_WIDTH - 96, bold=True)[0]
    _text(axes, 48, 54, name, 28 * px, palette["on-brand"], bold=True)
    chart = card.get("chart")
    column = 560 if chart else CARD_WIDTH - 96
    for title_size in ((46, 40, 34) if chart else (56, 48, 40)):
        lines = _wrapped(card["title"], title_size, column, bold=True)
        if len(lines) <= 4:
            break
    if len(lines) > 4:
        lines = lines[:4]
        lines[-1] = lines[-1].rstrip(" ,.;:–") + "…"
    y = 140 + title_size * 0.2
    for line in lines:
        y += title_size
        _text(axes, 48, y, line, title_size * px, palette["text"], bold=True)
        y += title_size * 0.25
    figure_of = card.get("figure")
    if chart:
        drawing = plan(chart)
        width, height = drawing.size
        scale = min((CARD_WIDTH - 48 - 640) / width, 440 / height)
        _paint(axes, drawing, palette, 640, 110 + (440 - height * scale) / 2, scale, px)
    elif figure_of:
        value_size = 96
        value = _wrapped(figure_of["text"], value_size, column, bold=True)
        if len(value) > 1:
            value_size = 64
        _text(axes, 48, min(y + 40 + value_size, 500), figure_of["text"], value_size * px,
              palette["s1"], bold=True)
        _text(axes, 48, min(y + 40 + value_size, 500) + 44,
              _wrapped(figure_of["label"], 28, column)[0], 28 * px, palette["muted"])
    axes.add_patch(patches.Rectangle((48, 566), CARD_WIDTH - 96, 2, color=palette["grid"],
                                     lw=0))
    _text(axes, 48, 606, card["address"], 24 * px, palette["muted"])
    return _png(figure, CARD_DPI)


def _canvas(width, height, background, dpi=72):
    """A figure ``width`` x ``height`` units (points at 72 dpi, pixels at 100),
    y downwards as in SVG, with one axes that fills it and shows nothing of its own."""
    figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor=background)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)
    axes.set_axis_off()
    return figure, axes


def _paint(axes, drawing, palette, left, top, scale, points=1.0):
    """Replay ``drawing`` onto ``axes``, moved to (left, top) and scaled;
    ``points``: the size of one unit of the canvas, in points (lines and text)."""
    size = scale * points

    def at(x, y):
        return left + x * scale, top + y * scale

    for call in drawing.calls:
        kind = call[0]
        if kind == "text":
            _, x, y, text, anchor, font, role, rotate = call
            x, y = at(x, y)
            colour = palette.get(role, palette["text"]) if role else palette["text"]
            _text(axes, x, y, text, font * size, colour, anchor=anchor, rotate=rotate)
        elif kind == "line":
            _, points_, role, width = call
            xs, ys = zip(*(at(x, y) for x, y in points_))
            axes.plot(xs, ys, color=palette[role], linewidth=width * size,
                      solid_capstyle="butt", solid_joinstyle="round")
        elif kind == "rect":
            _, x, y, width, height, role = call
            x, y = at(x, y)
            axes.add_patch(patches.Rectangle((x, y), width * scale, height * scale,
                                             facecolor=palette[role], linewidth=0))
        elif kind == "dot":
            _, x, y, radius, role = call
            axes.add_patch(patches.Circle(at(x, y), radius * scale, facecolor=palette[role],
                                          linewidth=0))
        elif kind == "ring":
            _, cx, cy, outer, inner, start, end, role = call
            # Angles from the top, clockwise; with y downwards, matplotlib's
            # counter-clockwise angles from the right are these less 90 degrees.
            axes.add_patch(patches.Wedge(
                at(cx, cy), outer * scale, math.degrees(start) - 90, math.degrees(end) - 90,
                width=(outer - inner) * scale, facecolor=palette[role],
                edgecolor=palette["bg"], linewidth=1.0 * size))


def _text(axes, x, y, text, size, colour, anchor="start", rotate=False, bold=False):
    font = _FONTS["bold" if bold else "normal"].copy()
    font.set_size(size)
    axes.text(x, y, text, fontproperties=font, color=colour, ha=_ANCHORS[anchor],
              va="baseline", rotation=90 if rotate else 0, rotation_mode="anchor",
              parse_math=False)


_MEASURE = RendererAgg(1, 1, 72)  # at 72 dpi, a pixel is a point
# The files matplotlib ships, named: never a system font of another version.
_FONTS = {weight: FontProperties(fname=os.path.join(
    matplotlib.get_data_path(), "fonts", "ttf", name)) for weight, name in (
    ("normal", "DejaVuSans.ttf"), ("bold", "DejaVuSans-Bold.ttf"))}


def _width(text, size, bold=False):
    """The width of ``text`` in DejaVu Sans at ``size``, as matplotlib draws it."""
    font = _FONTS["bold" if bold else "normal"].copy()
    font.set_size(size)
    return _MEASURE.get_text_width_height_descent(text, font, ismath=False)[0]


def _wrapped(text, size, room, bold=False):
    """``text`` in lines of at most ``room`` units at ``size``."""
    lines, line = [], ""
    for word in text.split():
        wider = f"{line} {word}" if line else word
        if line and _width(wider, size, bold) > room:
            lines.append(line)
            line = word
        else:
            line = wider
    return lines + [line] if line else lines or [""]


def _png(figure, dpi):
    """The figure as PNG bytes, with no date nor software name: the same drawing
    gives the same bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None},
                   facecolor=figure.get_facecolor())
    return buffer.getvalue()
