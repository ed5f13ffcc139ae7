"""Draw one chart with matplotlib, as SVG that follows the site's colours.

Runs in the worker processes of ``chart_cache`` only: importing this module
imports matplotlib, which a build with every chart cached never needs.

Colours are not chosen here. Each part is drawn in a sentinel colour that
says what it is (series 1, text, grid...), and ``chart_svg`` turns those into
CSS classes, so that the theme's stylesheet colours the chart and dark mode
recolours it. Text stays text (``svg.fonttype: none``), a "$" in a label
stays a "$" (no mathtext), and the output is the same bytes every time
(fixed hash salt, no date).
"""

import io
import textwrap

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from . import chart_svg, formats  # noqa: E402

SENTINELS = chart_svg.SENTINELS
COLOURS = {role: colour for colour, role in SENTINELS.items()}
SERIES = [COLOURS[f"s{n}"] for n in range(1, chart_svg.SERIES_COLOURS + 1)]

STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "khuyenhoc",
    "svg.image_inline": True,
    "text.parse_math": False,
    "font.family": "DejaVu Sans",
    "font.size": 13,
    "text.color": COLOURS["text"],
    "axes.labelcolor": COLOURS["text"],
    "xtick.color": COLOURS["text"],
    "ytick.color": COLOURS["text"],
    "axes.edgecolor": COLOURS["axis"],
    "grid.color": COLOURS["grid"],
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.spines.left": False,
    "axes.axisbelow": True,
    "legend.frameon": False,
    "figure.figsize": (6.4, 3.9),
}
LABEL_WIDTH = 12  # characters per line of a category label


def draw(spec, prefix):
    """The post-processed SVG (text) of a ``chart_specs.drawing_spec``; its ids
    start with ``prefix`` so that several charts can share a page."""
    with matplotlib.rc_context(STYLE):
        # A Figure without pyplot: no global state, nothing to close.
        figure = Figure()
        axes = figure.add_subplot()
        figure.patch.set_visible(False)
        axes.patch.set_visible(False)
        DRAWERS[spec["type"]](axes, spec)
        legend = len(spec["series"]) > 1
        if legend:
            axes.legend(loc="lower left", bbox_to_anchor=(0, 1.02),
                        ncols=len(spec["series"]) + ("targets" in spec),
                        borderaxespad=0, handlelength=1.2)
        _margins(figure, spec, legend)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return chart_svg.finish(buffer.getvalue(), spec, prefix)


def _margins(figure, spec, legend):
    """Fixed margins, in inches: measuring the text (tight_layout) would
    double the time a chart takes, and our labels are of known sizes."""
    width, height = figure.get_size_inches()
    lines = max(textwrap.fill(c, LABEL_WIDTH).count("\n") + 1 for c in spec["categories"])
    if spec["type"] == "progress":
        left, bottom = 1.8, 0.6
    else:
        left, bottom = 0.95, 0.3 + 0.21 * lines
    top = 0.5 if legend else 0.15
    figure.subplots_adjust(left=left / width, right=1 - 0.2 / width,
                           bottom=bottom / height, top=1 - top / height)


def _positions(spec):
    return list(range(len(spec["categories"])))


def _category_axis(axes, spec, horizontal=False):
    labels = [textwrap.fill(c, LABEL_WIDTH) for c in spec["categories"]]
    if horizontal:
        axes.set_yticks(_positions(spec), labels)
        axes.tick_params(axis="y", length=0)
        axes.invert_yaxis()
    else:
        axes.set_xticks(_positions(spec), labels)
        axes.tick_params(axis="x", length=0)


def _value_axis(axes, spec, horizontal=False):
    axis = axes.xaxis if horizontal else axes.yaxis
    axis.set_major_locator(MaxNLocator(nbins=6, min_n_ticks=3))
    suffix = "%" if spec["percent"] else ""
    axis.set_major_formatter(FuncFormatter(lambda v, _: formats.number(v, 2) + suffix))
    axes.tick_params(axis="x" if horizontal else "y", length=0)
    axes.grid(True, axis="x" if horizontal else "y", linewidth=0.8)
    if horizontal:
        axes.set_xlabel(spec["axis_label"])
    else:
        axes.set_ylabel(spec["axis_label"])


def _numbers(values):
    return [float("nan") if v is None else v for v in values]


def _bars(axes, spec, stacked=False):
    count = len(spec["series"])
    width = 0.7 if stacked or count == 1 else 0.8 / count
    bottoms = [0.0] * len(spec["categories"])
    for index, series in enumerate(spec["series"]):
        if stacked or count == 1:
            positions = _positions(spec)
        else:
            positions = [p - 0.4 + width * (index + 0.5) for p in _positions(spec)]
        heights = _numbers(series["values"])
        bars = axes.bar(positions, heights, width, bottom=bottoms if stacked else 0,
                        color=SERIES[index % len(SERIES)], label=series["label"])
        if any(series["labels"]):
            axes.bar_label(bars, labels=series["labels"],
                           label_type="center" if stacked else "edge",
                           padding=0 if stacked else 2, fontsize=11,
                           color=COLOURS["on-bar" if stacked else "text"])
        if stacked:
            bottoms = [b + (0 if v != v else v) for b, v in zip(bottoms, heights)]
    _category_axis(axes, spec)
    _value_axis(axes, spec)


def _line(axes, spec):
    for index, series in enumerate(spec["series"]):
        axes.plot(_positions(spec), _numbers(series["values"]), marker="o", linewidth=2.2,
                  markersize=5, color=SERIES[index % len(SERIES)], label=series["label"])
    _category_axis(axes, spec)
    _value_axis(axes, spec)
    axes.set_ylim(bottom=0)
    axes.margins(x=0.05)


def _progress(axes, spec):
    count = len(spec["series"])
    height = 0.8 / count
    labelled = False
    for index, series in enumerate(spec["series"]):
        positions = [p - 0.4 + height * (index + 0.5) for p in _positions(spec)]
        bars = axes.barh(positions, _numbers(series["values"]), height,
                         color=SERIES[index % len(SERIES)], label=series["label"])
        axes.bar_label(bars, labels=series["labels"], padding=3, fontsize=11)
        targets = spec["targets"][index] if "targets" in spec else []
        for position, target in zip(positions, targets):
            if target is not None:
                axes.plot([target, target], [position - height / 2, position + height / 2],
                          color=COLOURS["target"], linewidth=2.5, solid_capstyle="butt",
                          label="_nolegend_" if labelled else "Chỉ tiêu")
                labelled = True
    _category_axis(axes, spec, horizontal=True)
    _value_axis(axes, spec, horizontal=True)
    axes.set_xlim(0, 115)
    axes.spines["left"].set_visible(True)


DRAWERS = {
    "bar": _bars,
    "grouped": _bars,
    "stacked": lambda axes, spec: _bars(axes, spec, stacked=True),
    "line": _line,
    "progress": _progress,
}
