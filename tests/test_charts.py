"""Charts from the data: what a reader (and a screen reader) gets, the cache
that spares a rebuild any drawing, and byte-identical output."""

import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from stats_fixtures import write_data

from conftest import make_site
from khuyenhoc.charts import drawing as charts
from khuyenhoc.charts import sentences as chart_text
from khuyenhoc.charts.specs import ChartData
from khuyenhoc.data.datasets import Figure
from khuyenhoc.vietnamese import formats

NBSP = "\u00a0"
SVG_NS = "http://www.w3.org/2000/svg"
CHARTS = '''\
[[biểu đồ cột: funds/khoi-cq/* closing]]

[[biểu đồ cột nhóm: funds/khoi-cq/2018-2020 raised disbursed]]

[[biểu đồ cột chồng: awards/khoi-cq/2018-2019 count theo=recipient]]

[[biểu đồ đường: organisation/khoi-cq/* members]]

[[biểu đồ tiến độ: learning_models/khoi-cq/2024]]

[[biểu đồ cột: funds/*/2019 closing tiêu-đề="Số dư <cuối> năm 2019 & $"]]

[[biểu đồ tròn: awards/khoi-cq/2018 count theo=recipient]]

[[biểu đồ xếp hạng: funds/*/2019 raised]]

[[biểu đồ cột và đường: funds/khoi-cq/2018-2020 raised closing]]
'''
KINDS = ("bar", "grouped", "stacked", "line", "progress")
NEW_KINDS = ("donut", "ranking", "barline")
ARTICLE = "bieu-do-quy/index.html"


def snapshot(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def report(site):
    return json.loads((site.root / "cache" / "bieu-do" / "last-build.json").read_text())


@pytest.fixture(scope="module")
def chart_site(tmp_path_factory):
    """Built three times: cold, warm (nothing changed but the output folder
    deleted, so that the build runs instead of finding the site up to date),
    and cold again."""
    site = make_site(tmp_path_factory.mktemp("charts"))
    write_data(site)
    site.article("quy.md", title="Biểu đồ quỹ", body="Các biểu đồ của quỹ.\n\n" + CHARTS)
    builds = []
    for cold in (True, False, True):
        if cold:
            shutil.rmtree(site.root / "cache", ignore_errors=True)
        else:
            shutil.rmtree(site.output)
        result = site.build()
        assert result.returncode == 0, result.stderr
        builds.append((report(site), snapshot(site.output)))
    site.builds = builds
    site.page = site.html(ARTICLE)
    return site


def chart(html, kind):
    figures = re.findall(r'<figure class="chart chart-%s" id="bieu-do-[0-9a-f]{16}">.*?</figure>'
                         % kind, html, re.S)
    assert figures, f"no {kind} chart"
    return figures[0]


def test_a_rebuild_with_nothing_changed_draws_no_chart(chart_site):
    (cold, _), (warm, _), _ = chart_site.builds
    assert cold["drawn"] > 0 and cold["reused"] == 0
    assert warm == {"drawn": 0, "reused": cold["drawn"]}


def test_builds_are_byte_identical_warm_or_cold(chart_site):
    (_, first), (_, warm), (_, cold_again) = chart_site.builds
    assert any(name.startswith("bieu-do/") for name in first)
    assert warm == first
    assert cold_again == first


@pytest.mark.parametrize("kind", KINDS + NEW_KINDS)
def test_every_kind_of_chart_is_an_accessible_svg(chart_site, kind):
    figure = chart(chart_site.page, kind)
    key = re.search(r'data-chart="([0-9a-f]{16})"', figure).group(1)
    title = re.search(r'<figcaption class="chart-title">(.*?)</figcaption>', figure).group(1)
    description = re.search(r'<p class="chart-description">(.*?)</p>', figure).group(1)
    svg = re.search(r"<svg .*?</svg>", figure, re.S).group(0)
    assert f'role="img" aria-labelledby="c{key[:8]}-title c{key[:8]}-desc"' in svg
    assert f'<title id="c{key[:8]}-title">{title}</title>' in svg
    assert f'<desc id="c{key[:8]}-desc">{description}</desc>' in svg
    # Colours are classes that the theme's CSS sets (light, dark, toggle).
    assert 'class="chart-s1"' in svg
    assert not re.search(r"(fill|stroke)=\"#", svg)
    assert " style=" not in svg and "<style" not in svg  # the site's CSP forbids them
    assert "<text" in svg and "DejaVu Sans" in svg  # real text, not paths
    assert '<details class="chart-data">' in figure and "<table>" in figure
    assert f'<a href="../bieu-do/{key}.svg">' in figure
    standalone = (chart_site.output / "bieu-do" / f"{key}.svg").read_text(encoding="utf-8")
    assert f"<title id=\"c{key[:8]}-title\">{title}</title>" in standalone
    assert "<style>" in standalone and ".chart-s1" in standalone


def test_chart_styles_only_on_pages_with_charts_and_no_chart_in_summaries(chart_site):
    assert 'href="../theme/css/charts.css"' in chart_site.page
    assert "charts.css" not in chart_site.html("index.html")
    # The article has no summary: the one made from its text leaves the charts out.
    assert chart_site.page.count('<figure class="chart chart-bar"') == 2
    assert "<figure" not in chart_site.html("index.html")


def test_bar_chart_says_what_it_shows(chart_site):
    figure = chart(chart_site.page, "bar")
    assert ('<figcaption class="chart-title">Số dư cuối năm – Quỹ khuyến học của Hội Khuyến học '
            "Khối, năm 2018–2020</figcaption>") in figure
    assert (f'<p class="chart-description">Số dư cuối năm tăng từ 425{NBSP}triệu{NBSP}đồng năm '
            f"2018 lên 431,7{NBSP}triệu{NBSP}đồng năm 2020, cao nhất 439,1{NBSP}triệu{NBSP}đồng "
            "năm 2019.</p>") in figure
    assert (f'<tr><th scope="row">2019</th><td class="num">439.100.000{NBSP}đồng</td></tr>'
            in figure)
    assert '<a href="../du-lieu/funds.csv" download>Tải số liệu (CSV)</a>' in figure
    assert ">Triệu đồng</text>" in figure  # money axis in triệu


def test_grouped_chart_describes_each_series(chart_site):
    figure = chart(chart_site.page, "grouped")
    assert (f"Huy động trong năm giảm từ 164{NBSP}triệu{NBSP}đồng năm 2018 xuống "
            f"152,8{NBSP}triệu{NBSP}đồng năm 2020, cao nhất 186,4{NBSP}triệu{NBSP}đồng năm 2019. "
            f"Chi trong năm giảm từ 298,5{NBSP}triệu{NBSP}đồng năm 2018 xuống "
            f"160,2{NBSP}triệu{NBSP}đồng năm 2020.</p>") in figure
    assert ">Huy động trong năm</text>" in figure and ">Chi trong năm</text>" in figure


def test_stacked_chart_adds_the_total(chart_site):
    figure = chart(chart_site.page, "stacked")
    assert ("Tập thể giảm từ 13 năm 2018 xuống 7 năm 2019. Cá nhân năm 2018 là 8. "
            "Tổng cộng giảm từ 21 năm 2018 xuống 7 năm 2019.") in figure
    assert ('<tr><th scope="row">2018</th><td class="num">13</td><td class="num">8</td>'
            '<td class="num">21</td></tr>') in figure


def test_line_chart_keeps_the_qualifier(chart_site):
    figure = chart(chart_site.page, "line")
    assert "Hội viên tăng từ hơn 8.000 năm 2018 lên 8.240 năm 2019." in figure
    assert '<td class="num">hơn 8.000</td>' in figure


def test_progress_chart_compares_with_the_targets(chart_site):
    figure = chart(chart_site.page, "progress")
    assert ("Năm 2024, Đơn vị học tập: đăng ký 100% (chỉ tiêu 100%), đạt danh hiệu 88% "
            "(chỉ tiêu 85%), vượt chỉ tiêu; Gia đình học tập chưa có kết quả "
            "(chỉ tiêu đăng ký 100%, đạt 90%).") in figure
    assert ('<tr><th scope="row">Đơn vị học tập</th><td class="num">100% (75/75)</td>'
            '<td class="num">100%</td><td class="num">88% (66/75)</td>'
            '<td class="num">85%</td></tr>') in figure
    assert 'class="chart-target"' in figure and ">Chỉ tiêu</text>" in figure


def test_donut_gives_each_part_its_share_and_the_total(chart_site):
    figure = chart(chart_site.page, "donut")
    assert ('<p class="chart-description">Năm 2018, Hội Khuyến học Khối: tập thể 13 (61,9%), '
            "cá nhân 8 (38,1%); tổng cộng 21.</p>") in figure
    assert ('<tr><th scope="row">Tập thể</th><td class="num">13</td>'
            '<td class="num">61,9%</td></tr>') in figure
    assert ('<tr><th scope="row">Tổng cộng</th><td class="num">21</td>'
            '<td class="num">100%</td></tr>') in figure
    assert ">Tổng cộng</text>" in figure and ">61,9% · 13</text>" in figure


def test_ranking_puts_the_largest_first(chart_site):
    figure = chart(chart_site.page, "ranking")
    assert ("Năm 2019, huy động trong năm cao nhất ở Hội Khuyến học Khối "
            f"(186,4{NBSP}triệu{NBSP}đồng), thấp nhất ở Chi hội &lt;i&gt;A&lt;/i&gt; &amp; $5$ "
            f"(5{NBSP}triệu{NBSP}đồng). Xếp hạng 2 đơn vị có số liệu, từ cao xuống thấp.") in figure
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>', figure)
    assert rows == ["Hội Khuyến học Khối", "Chi hội &lt;i&gt;A&lt;/i&gt; &amp; $5$"]


def test_bars_and_a_line_share_the_years(chart_site):
    figure = chart(chart_site.page, "barline")
    assert (f"Huy động trong năm giảm từ 164{NBSP}triệu{NBSP}đồng năm 2018 xuống "
            f"152,8{NBSP}triệu{NBSP}đồng năm 2020") in figure
    assert (f"Số dư cuối năm tăng từ 425{NBSP}triệu{NBSP}đồng năm 2018 lên "
            f"431,7{NBSP}triệu{NBSP}đồng năm 2020") in figure
    svg = ET.fromstring(re.search(r"<svg .*?</svg>", figure, re.S).group(0))
    assert len([r for r in svg.iter(f"{{{SVG_NS}}}rect") if r.get("class") == "chart-s1"]) == 4
    lines = [p for p in svg.iter(f"{{{SVG_NS}}}path") if p.get("class") == "chart-s2"]
    assert len(lines) == 2 and lines[0].get("d").count("L") == 2  # the line, the legend's


@pytest.mark.parametrize("reference, message", [
    ("biểu đồ tròn: funds/khoi-cq/2018-2019 raised disbursed",
     "biểu đồ tròn vẽ các phần của một tổng, cho một đơn vị trong một năm"),
    ("biểu đồ xếp hạng: funds/khoi-cq/2018-2019 raised",
     "biểu đồ xếp hạng so sánh một trường của nhiều đơn vị trong một năm"),
    ("biểu đồ cột và đường: funds/khoi-cq/2018-2020 raised",
     "biểu đồ cột và đường vẽ hai trường của một đơn vị qua các năm"),
])
def test_a_new_kind_that_cannot_be_drawn_names_the_fix(site, reference, message):
    write_data(site)
    site.article("sai.md", title="Biểu đồ sai", body=f"Mở đầu.\n\n[[{reference}]]\n")
    result = site.build()
    assert result.returncode == 1
    assert f"content/articles/sai.md, dòng 8, cột 1: tham chiếu số liệu: {message}" \
        in result.stderr, result.stderr
    assert "Cách sửa:" in result.stderr and "Traceback" not in result.stderr


def test_text_from_the_data_is_escaped_and_dollars_stay(chart_site):
    page = chart_site.page
    assert ('<figcaption class="chart-title">Số dư &lt;cuối&gt; năm 2019 &amp; $</figcaption>'
            in page)
    # The unit's short name, "Chi hội <i>A</i> & $5$", wrapped on three lines.
    assert ">&lt;i&gt;A&lt;/i&gt; &amp;</text>" in page
    assert ">$5$</text>" in page
    assert "<i>A</i>" not in page and "<cuối>" not in page


# --- the parts that need no build


def test_description_of_a_rise_a_fall_and_a_flat_series():
    chart = ChartData("line", "T", "year", ["2017", "2018", "2019"],
                      [("Quỹ", [Figure(400_000_000), Figure(425_000_000), Figure(450_000_000)]),
                       ("Chi", [Figure(300_000_000, "gần"), None, Figure(200_000_000)]),
                       ("Hội viên", [Figure(8000, "hơn"), Figure(8000, "hơn"), None])],
                      "money", "funds")
    assert chart_text.describe(chart) == (
        f"Quỹ tăng từ 400{NBSP}triệu{NBSP}đồng năm 2017 lên 450{NBSP}triệu{NBSP}đồng năm 2019. "
        f"Chi giảm từ gần 300{NBSP}triệu{NBSP}đồng năm 2017 xuống 200{NBSP}triệu{NBSP}đồng "
        "năm 2019. "
        f"Hội viên năm 2017 và năm 2018 đều là hơn 8.000{NBSP}đồng.")


def test_description_across_units():
    chart = ChartData("bar", "T", "unit", ["Chi hội A", "Chi hội B"],
                      [("Hội viên", [Figure(120), Figure(95)])], "count", "organisation",
                      year=2024)
    assert chart_text.describe(chart) == (
        "Năm 2024, hội viên cao nhất ở Chi hội A (120), thấp nhất ở Chi hội B (95).")


SPEC = {
    "type": "line", "title": "Quỹ & <b>", "description": "Mô tả $5$",
    "categories": ["2018", "Chi hội <i>A</i> & $5$", "2020", "2021"],
    "series": [{"label": "Huy động", "values": [164.0, None, 152.8, 170.0], "labels": [""] * 4},
               {"label": "Chi", "values": [298.5, 250.0, 160.2, 100.0], "labels": [""] * 4}],
    "axis_label": "Triệu đồng", "percent": False,
}
ROLES = {f"chart-s{n}" for n in range(1, 7)} | {
    "chart-grid", "chart-axis", "chart-target", "chart-on-bar"}


def drawn(spec, prefix="c12345678"):
    svg = charts.draw(spec, prefix)
    return svg, ET.fromstring(svg)


def texts(root):
    return ["".join(t.itertext()) for t in root.iter(f"{{{SVG_NS}}}text")]


@pytest.mark.parametrize("kind", KINDS)
def test_a_drawing_is_coloured_by_classes_only_and_its_text_stays_text(kind):
    spec = dict(SPEC, type=kind, series=[dict(s, labels=["1", "", "3", "4"])
                                         for s in SPEC["series"]])
    if kind == "progress":
        spec["targets"] = [[100.0, None, 90.0, 80.0], [None, None, 85.0, 50.0]]
    svg, root = drawn(spec)
    assert svg == charts.draw(spec, "c12345678")  # the same bytes every time
    # A progress chart is as tall as its rows' wrapped names need (issue 19).
    assert re.match(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 460.8 (280.8|[0-9.]+)" '
                    'class="chart-svg" font-family="DejaVu Sans, Noto Sans, sans-serif"', svg)
    assert kind == "progress" or 'viewBox="0 0 460.8 280.8"' in svg
    assert 'role="img" aria-labelledby="c12345678-title c12345678-desc">' in svg
    assert [child.tag.split("}")[1] for child in root][:2] == ["title", "desc"]
    assert '<title id="c12345678-title">Quỹ &amp; &lt;b&gt;</title>' in svg
    assert [e.get("id") for e in root.iter() if e.get("id")] == [
        "c12345678-title", "c12345678-desc"]
    assert " style=" not in svg and "<style" not in svg
    for element in root.iter():
        for name in ("fill", "stroke"):
            assert element.get(name) in (None, "none", "currentColor"), svg
        if element.get("fill") == "currentColor" or element.get("stroke") == "currentColor":
            assert element is root or element.get("class") in ROLES, ET.tostring(element)
    # Category labels are wrapped at 12 characters, their text escaped.
    assert ">&lt;i&gt;A&lt;/i&gt; &amp;</text>" in svg and ">$5$</text>" in svg
    assert "Triệu đồng" in texts(root)
    if kind != "bar":
        assert {"Huy động", "Chi"} <= set(texts(root))  # the legend
    assert ("Chỉ tiêu" in texts(root)) == (kind == "progress")


def test_value_ticks_are_round_numbers_and_missing_values_leave_a_gap():
    _, root = drawn(SPEC)
    ticks = [t for t in texts(root) if t[:1].isdigit() and len(t) != 4]
    assert ticks == ["0", "100", "200", "300"]  # up to 298.5 and a 5% margin
    lines = [p.get("d") for p in root.iter(f"{{{SVG_NS}}}path")
             if p.get("class") == "chart-s1" and "L" in p.get("d")]  # not the legend's
    assert len(lines) == 1 and lines[0].count("L") == 1  # 2020-2021 only
    dots = [c for c in root.iter(f"{{{SVG_NS}}}circle") if c.get("class") == "chart-s1"]
    assert len(dots) == 4  # three values, and the legend's

    percent = dict(SPEC, type="bar", percent=True, series=[dict(
        SPEC["series"][0], values=[12.5, 80.0, None, 33.0])])
    assert [t for t in texts(drawn(percent)[1]) if t.endswith("%")] == [
        "0%", "20%", "40%", "60%", "80%"]
    quarters = dict(percent, percent=False, series=[dict(
        SPEC["series"][0], values=[12.0, 14.0, None, 2.0])])
    assert [t for t in texts(drawn(quarters)[1]) if t not in quarters["categories"]][:6] == [
        "0", "2,5", "5", "7,5", "10", "12,5"]


def text_boxes(root):
    """(left, top, right, bottom, text) of each text, from the font's widths
    and its ascent and descent: the box the text's glyphs can take."""
    boxes = []
    for text in root.iter(f"{{{SVG_NS}}}text"):
        x, y = float(text.get("x")), float(text.get("y"))
        size = float(text.get("font-size", 13))
        width = charts.text_width(text.text, size)
        up, down = charts.ASCENT * size, charts.DESCENT * size
        if text.get("transform"):  # read upwards, centred on (x, y): its width runs along y
            assert text.get("text-anchor") == "middle"
            boxes.append((x - up, y - width / 2, x + down, y + width / 2, text.text))
            continue
        start = {"middle": x - width / 2, "end": x - width}.get(text.get("text-anchor"), x)
        boxes.append((start, y - up, start + width, y + down, text.text))
    return boxes


def overlaps(one, other, tolerance=0.5):
    return (min(one[2], other[2]) - max(one[0], other[0]) > tolerance
            and min(one[3], other[3]) - max(one[1], other[1]) > tolerance)


def assert_texts_apart(svg_text):
    """Every text inside the drawing, and no two texts' boxes overlapping."""
    root = ET.fromstring(svg_text)
    _, _, width, height = (float(n) for n in root.get("viewBox").split())
    boxes = text_boxes(root)
    assert boxes
    for box in boxes:
        assert 0 <= box[0] and box[2] <= width and 0 <= box[1] and box[3] <= height, box
    for index, one in enumerate(boxes):
        for other in boxes[index + 1:]:
            assert not overlaps(one, other), (one, other)


LONG_NAMES = [f"Chi hội Sở Giáo dục và Đào tạo số {n}" for n in range(4)]
YEARS = [str(year) for year in range(2005, 2025)]
UNITS_12 = [f"Chi hội Sở Nông nghiệp và Môi trường số {n}" for n in range(12)]
UNITS_34 = [f"Hội Khuyến học xã Thanh Xuân số {n}" if n % 3 else f"Phường {n}"
            for n in range(34)]
ALL_KINDS = KINDS + ("donut", "ranking", "barline")


def spec_of(kind, categories):
    """A chart spec of ``kind`` with long labels and values far apart."""
    count = len(categories)
    largest = 120.0 if kind == "progress" else 1234567.0  # progress: a share, in %
    values = ([largest, 2.5, None, 99.0] * 10)[:count]
    labels = [formats.number(v) if v is not None else "" for v in values]
    series = 2 if kind in ("progress", "barline") else 1 if kind in ("donut", "ranking") else 3
    spec = dict(SPEC, type=kind, categories=categories, series=[
        {"label": f"Dãy số liệu rất dài thứ {n}", "values": values, "labels": labels}
        for n in range(series)])
    if kind == "progress":
        spec["targets"] = [[100.0] * count, [85.0] * count]
    if kind == "ranking":
        ordered = sorted((v for v in values if v is not None), reverse=True)
        ordered += [None] * (count - len(ordered))
        spec["series"][0]["values"] = ordered
        spec["series"][0]["labels"] = [formats.number(v) if v else "" for v in ordered]
    if kind == "barline":
        spec["series"][1] = dict(spec["series"][1], values=[v and v / 1000 for v in values])
        spec["line_axis_label"] = "Nghìn người"
    if kind == "donut":
        present = [v or 0 for v in values]
        spec["shares"] = [round(v * 100 / sum(present), 1) for v in present]
        spec["total"] = "1,2 tỷ đồng"
        spec["series"][0]["labels"] = [f"{formats.number(v)} triệu đồng" for v in present]
    return spec


@pytest.mark.parametrize("kind", ALL_KINDS)
@pytest.mark.parametrize("categories", [LONG_NAMES, YEARS, UNITS_12, UNITS_34],
                         ids=["long names", "20 years", "12 units", "34 units"])
def test_every_text_fits_in_the_drawing_and_none_overlaps(kind, categories):
    """Issue 19: in a progress chart of 10 or more units, wrapped names ran
    into the next row's. Every kind, with long names and many categories."""
    if kind == "progress" and categories is YEARS:
        return  # a progress chart shows learning models or units, not years
    if kind == "donut" and len(categories) > 12:
        return  # the parts of one whole; more than six are drawn as one
    svg = charts.draw(spec_of(kind, categories), "c12345678")
    assert_texts_apart(svg)


def test_a_progress_chart_of_many_units_grows_instead_of_crowding():
    svg = charts.draw(spec_of("progress", UNITS_12), "c1")
    height = float(ET.fromstring(svg).get("viewBox").split()[3])
    assert height > 280.8
    names = [b for b in text_boxes(ET.fromstring(svg)) if b[4] and b[4].startswith("Chi hội")]
    assert len(names) == 12  # the first line of each name, none dropped


def test_a_ranking_of_34_units_is_sorted_and_readable_on_a_phone():
    spec = spec_of("ranking", UNITS_34)
    root = ET.fromstring(charts.draw(spec, "c1"))
    assert root.get("viewBox").startswith("0 0 360 ")  # drawn at a phone's width
    sizes = {float(t.get("font-size", 13)) for t in root.iter(f"{{{SVG_NS}}}text")}
    assert min(sizes) >= 11
    bars = [float(r.get("width")) for r in root.iter(f"{{{SVG_NS}}}rect")]
    assert bars == sorted(bars, reverse=True) and len(bars) == 26  # the 8 without a value


def test_a_build_that_stops_writes_no_chart_and_ends(site):
    """Charts are drawn when every page is written; a mistake found after
    reading stops the build, which draws nothing and leaves only the officer's message."""
    write_data(site)
    site.article("a-quy.md", title="Biểu đồ quỹ", body="Các biểu đồ.\n\n" + CHARTS)
    site.article("b-loi.md", title="Bài lỗi", date="2020-02-30")
    result = site.build()
    assert result.returncode == 1
    assert 'content/articles/b-loi.md, dòng 3, cột 7: trường "date": ngày không hợp lệ' \
        in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site.output).exists()
    assert not (site.root / "cache" / "bieu-do" / "last-build.json").exists()
