"""An association declares a dataset of its own (not one of ours) and gets,
from the declaration alone, its table, chart, the chart's sentence, figures in
prose, its CSV and its place in datapackage.json; periods other than years
(half-years, school years, cumulative spans) are labelled in Vietnamese and
a cumulative figure is never shown as one year's."""

import csv
import io

import pytest

from conftest import make_site

NBSP = "\u00a0"

DECLARATION = """\
name: hoi-khuyen-hoc-xa-an-binh
title: Số liệu Hội Khuyến học xã An Bình
measures: [lượt, tủ sách, người]
resources:
  - name: units
    title: Danh sách đơn vị
    schema:
      fields:
        - {name: id, title: Mã đơn vị, kind: text, constraints: {required: true}}
        - {name: name, title: Tên đơn vị, kind: text, constraints: {required: true}}
        - {name: short_name, title: Tên ngắn, kind: text, constraints: {required: true}}
        - {name: parent, title: Đơn vị cấp trên, kind: unit}
      primaryKey: [id]
  - name: reading
    title: Văn hóa đọc
    path: van-hoa-doc.yaml
    schema:
      fields:
        - {name: unit, title: Đơn vị, kind: unit, constraints: {required: true}}
        - {name: year, title: Kỳ báo cáo, kind: period, constraints: {required: true}}
        - {name: loans, title: Lượt mượn sách, kind: count, measure: lượt}
        - {name: shelves, title: Tủ sách cộng đồng, kind: count, measure: tủ sách}
      primaryKey: [unit, year]
"""

UNITS = """\
- id: xa-an-binh
  name: Hội Khuyến học xã An Bình
  short_name: Hội xã An Bình
"""

READING = """\
- unit: xa-an-binh
  year: 2021
  loans: 3200
  shelves: 12
- unit: xa-an-binh
  year: 2022
  loans: 4100
  shelves: 15
- unit: xa-an-binh
  year: 6 tháng đầu năm 2023
  loans: hơn 2500
- unit: xa-an-binh
  year: năm học 2022-2023
  loans: 4600
- unit: xa-an-binh
  year: từ năm 2016 đến tháng 10/2019
  loans: gần 9000
  shelves: 10
"""

BODY = """\
Sáu tháng đầu năm 2023, bạn đọc mượn [[reading/xa-an-binh/6t-2023/loans]] sách;
năm học 2022–2023 là [[reading/xa-an-binh/nh-2022-2023/loans]]. Từ năm 2016 đến tháng
10/2019 đã có [[reading/xa-an-binh/lk-2016-t10.2019/loans]]. So với năm 2021, lượt mượn
năm 2022 tăng [[tăng: reading/xa-an-binh/2021-2022 loans]].

[[bảng: reading/xa-an-binh/*]]

[[biểu đồ cột: reading/xa-an-binh/2021-2022 loans]]
"""


@pytest.fixture(scope="module")
def own_site(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("own-dataset"))
    site.write("data/datapackage.yaml", DECLARATION)
    site.write("data/units.yaml", UNITS)
    site.write("data/van-hoa-doc.yaml", READING)
    site.article("doc-sach.md", title="Văn hóa đọc ở xã An Bình", date="2023-11-02 08:00",
                 body=BODY)
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    site.page = site.html("van-hoa-doc-o-xa-an-binh/index.html")
    return site


def test_figures_of_periods_in_prose(own_site):
    page = own_site.page
    assert '<data value="2500">hơn 2.500</data> sách' in page
    assert '<data value="4600">4.600</data>' in page
    assert '<data value="9000">gần 9.000</data>' in page
    assert ">900</data>" in page


def test_table_labels_periods_in_vietnamese(own_site):
    page = own_site.page
    for label in ("từ năm 2016 đến tháng 10/2019", "năm học 2022–2023",
                  "6 tháng đầu năm 2023", ">2021<", ">2022<"):
        assert label in page, label
    # Years first, in order of their end: the cumulative span ends in 2019.
    assert page.index("từ năm 2016 đến tháng 10/2019") < page.index(">2021<")


def test_chart_and_its_sentence(own_site):
    page = own_site.page
    assert "Lượt mượn sách tăng từ 3.200 năm 2021 lên 4.100 năm 2022" in page


def test_a_cumulative_figure_is_not_a_years(own_site):
    # Year reports exist for whole years only, and 2019's does not claim the span.
    assert (own_site.output / "bao-cao" / "2021" / "index.html").exists()
    assert not (own_site.output / "bao-cao" / "2019" / "index.html").exists()


def test_csv_has_the_declared_columns(own_site):
    text = (own_site.output / "du-lieu" / "reading.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Đơn vị (mã)", "Đơn vị", "Kỳ báo cáo", "Lượt mượn sách"]
    assert ["xa-an-binh", "Hội Khuyến học xã An Bình", "6 tháng đầu năm 2023", "2500",
            "hơn"] == rows[[r[2] for r in rows].index("6 tháng đầu năm 2023")][:5]


def test_a_chart_over_periods_of_different_lengths_is_refused(tmp_path):
    site = make_site(tmp_path)
    site.write("data/datapackage.yaml", DECLARATION)
    site.write("data/units.yaml", UNITS)
    site.write("data/van-hoa-doc.yaml", READING)
    site.article("a.md", body="[[biểu đồ cột: reading/xa-an-binh/2022,6t-2023 loans]]\n")
    result = site.build()
    assert result.returncode == 1
    assert (
        "content/articles/a.md, dòng 6, cột 1: tham chiếu số liệu: không vẽ chung trên một "
        "trục thời gian số liệu của các kỳ dài ngắn khác nhau (năm 2022, 6 tháng đầu năm "
        "2023) (gặp: [[biểu đồ cột: reading/xa-an-binh/2022,6t-2023 loans]]). Cách sửa: chọn "
        "các kỳ cùng loại (chỉ các năm, hoặc chỉ các kỳ 6 tháng...), hoặc dùng [[bảng: ...]] "
        "để đặt chúng cạnh nhau") in result.stderr


def test_a_period_written_wrongly(tmp_path, monkeypatch):
    from khuyenhoc.data import datasets
    monkeypatch.chdir(tmp_path)
    site = make_site(tmp_path)
    site.write("data/datapackage.yaml", DECLARATION)
    site.write("data/units.yaml", UNITS)
    site.write("data/van-hoa-doc.yaml", "- unit: xa-an-binh\n  year: nửa đầu 2023\n  loans: 5\n")
    _, errors = datasets.read("data")
    assert [str(e) for e in errors] == [
        'data/van-hoa-doc.yaml, dòng 2, cột 9: trường "reading[0].year": không đọc được kỳ '
        "báo cáo (gặp: nửa đầu 2023). Cách sửa: viết theo một trong các cách: 2022 (năm 2022); "
        "6 tháng đầu năm 2022 (6t-2022); 6 tháng cuối năm 2022 (6tc-2022); năm học 2023-2024 "
        "(nh-2023-2024); nhiệm kỳ 2021-2026 (nk-2021-2026); từ năm 2016 đến tháng 10/2019 "
        "(lk-2016-t10.2019)"]


def frictionless_validate(descriptor):
    """The real validator, as an open-data portal runs it: (exit code, report)."""
    import subprocess
    import sys
    from pathlib import Path
    command = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(command), "validate", "--json", descriptor.name],
                            cwd=descriptor.parent, capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def test_datapackage_entry_of_the_own_dataset(own_site):
    import json
    path = own_site.output / "du-lieu" / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    [reading] = [r for r in package["resources"] if r["name"] == "reading"]
    assert reading["title"] == "Văn hóa đọc" and reading["path"] == "bang/reading.csv"
    fields = {f["name"]: f for f in reading["schema"]["fields"]}
    assert fields["loans"] == {
        "name": "loans", "title": "Lượt mượn sách", "type": "integer", "kind": "count",
        "measure": "lượt", "constraints": {"minimum": 0, "maximum": 100_000_000}}
    assert fields["loans_qualifier"]["constraints"] == {"enum": ["trên", "hơn", "gần", "khoảng"]}
    assert fields["year"]["type"] == "string" and fields["year"]["kind"] == "period"
    assert reading["schema"]["primaryKey"] == ["unit", "year"]
    assert reading["schema"]["foreignKeys"] == [
        {"fields": "unit", "reference": {"resource": "units", "fields": "id"}}]
    table = (own_site.output / "du-lieu" / "bang" / "reading.csv").read_text(encoding="utf-8")
    assert "xa-an-binh,6t-2023,2500,hơn,," in table
    code, report = frictionless_validate(path)
    assert code == 0, report
    assert json.loads(report)["valid"] is True
