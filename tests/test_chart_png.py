"""A chart's PNG and a share card, drawn by matplotlib (in this test process):
the PNG says what the SVG of the same spec says, in the light theme's colours,
with its title, period and source; the same spec gives the same bytes."""

import io
import struct
import xml.etree.ElementTree as ET

import pytest
from PIL import Image
from test_charts import ALL_KINDS, LONG_NAMES, SVG_NS, UNITS_12, UNITS_34, YEARS, spec_of

from conftest import PROJECT
from khuyenhoc.charts import drawing as charts
from khuyenhoc.charts import png_images

chart_png = pytest.importorskip("khuyenhoc.charts.png_drawing")

PALETTE = png_images.palette(PROJECT / "theme")
SOURCE = "Nguồn: Hội Khuyến học Khối các cơ quan tỉnh Thanh Hóa, khuyenhoc-khoicq.example.vn"
CASES = [(kind, categories) for kind in ALL_KINDS
         for categories in (LONG_NAMES, YEARS, UNITS_12, UNITS_34)
         if not (kind == "progress" and categories is YEARS)
         and not (kind == "donut" and len(categories) > 12)]


def svg_texts(spec):
    root = ET.fromstring(charts.draw(spec, "c1"))
    return ["".join(t.itertext()) for t in root.iter(f"{{{SVG_NS}}}text")]


def chunks(png):
    """The PNG's chunk types, in order."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        found.append(kind.decode())
        at += 12 + length
    return found


@pytest.mark.parametrize("kind, categories", CASES)
def test_the_png_and_the_svg_of_one_spec_say_the_same_things(kind, categories):
    """Compared before drawing: every text the PNG will show (labels, ticks,
    values, legend, axis titles) is the SVG's, and the bars have the same sizes."""
    spec = dict(spec_of(kind, categories), period="năm 2018–2024")
    plan = chart_png.plan(spec)
    assert plan.texts() == svg_texts(spec)
    root = ET.fromstring(charts.draw(spec, "c1"))
    svg_bars = [(round(float(r.get("width")), 1), round(float(r.get("height")), 1))
                for r in root.iter(f"{{{SVG_NS}}}rect")]
    assert [(round(c[3], 1), round(c[4], 1)) for c in plan.calls if c[0] == "rect"] == svg_bars
    header = [text for text, _, _ in chart_png.header(spec)]
    assert " ".join(header).split() == (spec["title"] + " Năm 2018–2024").split()


def test_a_period_already_in_the_title_is_not_said_twice():
    spec = dict(spec_of("bar", YEARS), title="Số dư cuối năm, năm 2018–2024",
                period="năm 2018–2024")
    assert [text for text, _, _ in chart_png.header(spec)] == ["Số dư cuối năm, năm 2018–2024"]


def test_the_png_is_16_cm_at_200_dpi_the_same_bytes_every_time_and_undated():
    spec = dict(spec_of("grouped", YEARS[:7]), title="Huy động và chi – Quỹ khuyến học",
                period="năm 2018–2024")
    png = chart_png.chart_png(spec, PALETTE, SOURCE)
    assert png == chart_png.chart_png(spec, PALETTE, SOURCE)
    # No date, no software name, no text at all: only the picture.
    assert not {"tEXt", "iTXt", "zTXt", "tIME"} & set(chunks(png))
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert abs(image.size[0] - 16 / 2.54 * 200) < 2  # 16 cm at 200 dpi
    assert round(image.info["dpi"][0]) == 200


def test_the_png_has_the_light_themes_colours():
    spec = dict(spec_of("bar", YEARS[:3]), title="T", period="")
    image = Image.open(io.BytesIO(chart_png.chart_png(spec, PALETTE, SOURCE))).convert("RGB")
    colours = {colour for _, colour in image.getcolors(1 << 20)}

    def rgb(hex_colour):
        return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))

    assert rgb(PALETTE["s1"]) in colours and rgb(PALETTE["bg"]) in colours


def test_the_palette_is_the_light_theme_as_charts_css_gives_it():
    tokens = (PROJECT / "theme/static/css/tokens.css").read_text().split("}", 1)[0]
    assert f"--link: {PALETTE['s1']};" in tokens
    assert f"--accent: {PALETTE['s2']};" in tokens
    assert f"--border: {PALETTE['grid']};" in tokens
    assert f"--bg: {PALETTE['on-bar']};" in tokens
    assert PALETTE["bg"] == "#ffffff"


@pytest.mark.parametrize("chart, figure", [
    (None, None),
    (None, {"text": "439,1 triệu đồng", "label": "Số dư cuối năm, Hội Khuyến học Khối, năm 2019"}),
    ("grouped", None),
    ("donut", None),
])
def test_a_share_card_is_a_small_1200_by_630_png(chart, figure):
    card = {"title": "Hội Khuyến học Khối tổng kết công tác khuyến học, khuyến tài, xây dựng "
                     "xã hội học tập năm 2024 và triển khai nhiệm vụ năm 2025 " * 2,
            "association": "Hội Khuyến học Khối các cơ quan tỉnh Thanh Hóa",
            "address": "khuyenhoc-khoicq.example.vn",
            "chart": spec_of(chart, LONG_NAMES) if chart else None, "figure": figure}
    png = chart_png.card_png(card, PALETTE)
    assert png == chart_png.card_png(card, PALETTE)
    assert len(png) < 300_000
    image = Image.open(io.BytesIO(png))
    assert (image.format, image.size) == ("PNG", (1200, 630))
