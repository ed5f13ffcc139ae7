"""The statistics pages of the sample site, and its articles' figures from the data."""

import re

import yaml

from conftest import PROJECT
from khuyenhoc.vietnamese import formats

NBSP = "\u00a0"
ARTICLES = sorted((PROJECT / "content" / "articles").glob("*.md"))


def row(header, *cells):
    """The start of a table row: more cells (a note) may follow."""
    return f'<tr><th scope="row">{header}</th>' + "".join(
        f'<td class="num">{cell}</td>' for cell in cells)


def money(amount):
    return f"{amount}{NBSP}đồng"


def test_statistics_are_in_the_menu_of_every_page(sample_site):
    assert '<a href="./so-lieu/">Số liệu</a>' in sample_site.html("index.html")
    html = sample_site.html("so-lieu/index.html")
    assert '<a href="../so-lieu/" aria-current="page">Số liệu</a>' in html
    html = sample_site.html("so-lieu/funds/index.html")
    assert '<a href="../../so-lieu/" aria-current="true">Số liệu</a>' in html


def test_overview_leads_to_every_dataset_year_and_unit(sample_site):
    html = sample_site.html("so-lieu/index.html")
    assert "<h1>Số liệu</h1>" in html
    for name in ("funds", "awards", "organisation", "support", "learning_models"):
        assert f'href="../so-lieu/{name}/"' in html
        assert f'href="../du-lieu/{name}.csv" download' in html
    for year in range(2018, 2025):
        assert f'<a href="../bao-cao/{year}/">Báo cáo năm {year}</a>' in html
    assert '<a href="../don-vi/khoi-cq/">Hội Khuyến học Khối các cơ quan tỉnh Thanh Hóa</a>' in html
    assert "<dt>Số dư cuối năm (2024)</dt><dd><data" in html
    assert f">{money('518.050.000')}</data></dd>" in html


def test_dataset_page_has_downloads_charts_and_a_table_per_unit(sample_site):
    html = sample_site.html("so-lieu/funds/index.html")
    assert "<h1>Quỹ khuyến học</h1>" in html
    assert '<a href="../../du-lieu/funds.csv" download>CSV</a>' in html
    assert (sample_site.output / "du-lieu" / "funds.csv").exists()
    assert '<a href="../../du-lieu/funds.json" download>JSON</a>' in html
    assert html.count('<figure class="chart chart-grouped"') == html.count(
        '<figure class="chart chart-line"') >= 1
    assert "So sánh các đơn vị năm 2024" in html
    assert row("2019", money("425.000.000"), money("186.400.000"), money("172.300.000"),
               money("439.100.000")) in html
    assert "<code>closing</code></th><td>Số dư cuối năm (đồng)</td>" in html
    assert "<svg " in html  # the drawings are in the page itself


def test_year_report_gathers_the_years_figures_and_articles(sample_site):
    html = sample_site.html("bao-cao/2018/index.html")
    assert "<h1>Báo cáo năm 2018</h1>" in html
    assert '<a rel="next" href="../../bao-cao/2019/">Năm 2019 →</a>' in html
    assert row("Hội Khuyến học Khối", money("559.500.000"), money("164.000.000"),
               money("298.500.000"), money("425.000.000")) in html
    assert '<tr><th scope="row">Hội Khuyến học Khối</th><td class="num">70</td>' \
           '<td class="num">hơn 8.000</td>' in html
    assert ('<tr><th scope="row">Trung ương Hội</th><td>Kỷ niệm chương</td>'
            '<td>Vì sự nghiệp khuyến học</td><td>cá nhân</td><td class="num">4</td>') in html
    published, citing = html.split("<h3>Có số liệu năm 2018</h3>")
    assert 'href="../../hoi-khuyen-hoc-khoi-tong-ket-cong-tac-nam-2018/"' in published
    assert ('href="../../trao-bang-khen-va-ky-niem-chuong-vi-su-nghiep-khuyen-hoc-nam-2018/"'
            in citing)


def test_year_report_shows_learning_models_against_their_targets(sample_site):
    html = sample_site.html("bao-cao/2024/index.html")
    assert "Kết quả so với chỉ tiêu – Mô hình học tập của Hội Khuyến học Khối, năm 2024" in html
    assert "Đơn vị học tập: đăng ký 100% (chỉ tiêu 100%), đạt danh hiệu 88% (chỉ tiêu 85%)" in html


def test_unit_page_links_its_parent_and_children_and_charts_its_figures(sample_site):
    html = sample_site.html("don-vi/khoi-cq/index.html")
    assert "<h1>Hội Khuyến học Khối các cơ quan tỉnh Thanh Hóa</h1>" in html
    assert '<a href="../../don-vi/hoi-kh-tinh/">Hội Khuyến học tỉnh Thanh Hóa</a>' in html
    assert '<a href="../../don-vi/so-gddt/">Chi hội Khuyến học Sở Giáo dục và Đào tạo</a>' in html
    assert "Hội viên tăng từ hơn 8.000 năm 2018 lên 8.790 năm 2024." in html


def test_unit_that_gives_awards_lists_them(sample_site):
    html = sample_site.html("don-vi/hoi-khvn/index.html")
    assert "Khen thưởng do Trung ương Hội trao" in html
    assert ("<caption>Khen thưởng của Hội Khuyến học Khối (cấp khen: Trung ương Hội), "
            "năm 2018–2024</caption>") in html


def test_sample_articles_show_their_figures_from_the_data(sample_site):
    html = sample_site.html("quy-khuyen-hoc-khoi-nam-2019-huy-dong-hon-186-trieu-dong/index.html")
    assert f"<h1>Quỹ khuyến học Khối năm 2019: huy động hơn 186{NBSP}triệu{NBSP}đồng</h1>" in html
    assert row("Số dư cuối năm", money("439.100.000")) in html
    html = sample_site.html("hoi-khuyen-hoc-khoi-tong-ket-cong-tac-nam-2018/index.html")
    assert f">gần 300{NBSP}triệu{NBSP}đồng</data>" in html
    assert ">hơn 8.000</data> hội viên" in html
    html = sample_site.html("nam-2024-66-tren-75-co-quan-dat-danh-hieu-don-vi-hoc-tap/index.html")
    assert '<figure class="chart chart-progress"' in html


def test_no_figure_of_the_data_is_typed_in_the_sample_articles():
    """Every figure the data holds for the association is written as a reference."""
    typed = set()
    for name in ("funds", "organisation"):
        for record in yaml.safe_load((PROJECT / "data" / f"{name}.yaml").read_text()):
            if record["unit"] == "khoi-cq":
                for key, value in record.items():
                    if isinstance(value, int) and key not in ("year", "branches"):
                        typed.add(formats.number(value))
    assert "439.100.000" in typed and "8.240" in typed
    for path in ARTICLES:
        text = re.sub(r"\[\[[^\]]*\]\]", "", path.read_text(encoding="utf-8"))
        found = sorted(figure for figure in typed if figure in text)
        assert not found, f"{path.name}: {found}"
