"""Every dataset downloadable as CSV (for Excel) and JSON at /du-lieu/."""

import csv
import io
import json

import pytest

from conftest import declared_datasets

DATASETS = declared_datasets()



def read_csv(site, name):
    raw = (site.output / "du-lieu" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark for Vietnamese"
    text = raw[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_dataset_has_both_downloads(sample_site, name):
    rows = read_csv(sample_site, name)
    document = json.loads((sample_site.output / "du-lieu" / f"{name}.json").read_text("utf-8"))
    assert document["dataset"] == name
    assert len(rows) - 1 == len(document["records"]) > 0
    assert [f["name"] for f in document["fields"]] == DATASETS[name].field_names


def test_funds_csv_opens_with_vietnamese_headers_and_exact_figures(sample_site):
    header, *rows = read_csv(sample_site, "funds")
    assert header == ["Đơn vị (mã)", "Đơn vị", "Năm", "Số dư đầu năm (đồng)",
                      "Huy động trong năm (đồng)", "Chi trong năm (đồng)",
                      "Số dư cuối năm (đồng)", "Ghi chú"]
    assert rows[1] == ["khoi-cq", "Hội Khuyến học Khối các cơ quan tỉnh Thanh Hóa", "2019",
                       "425000000", "186400000", "172300000", "439100000", ""]


def test_qualifier_has_its_own_column(sample_site):
    header, *rows = read_csv(sample_site, "organisation")
    assert header[3:7] == ["Tổ chức cơ sở Hội", "Tổ chức cơ sở Hội: mức ước lượng",
                           "Hội viên", "Hội viên: mức ước lượng"]
    assert rows[0][:7] == ["khoi-cq", "Hội Khuyến học Khối các cơ quan tỉnh Thanh Hóa", "2018",
                           "70", "", "8000", "hơn"]
    assert rows[1][5:7] == ["8240", ""]


def test_lists_and_dates_in_csv(sample_site):
    header, *rows = read_csv(sample_site, "awards")
    first = dict(zip(header, rows[0]))
    assert first["Cấp khen"] == "Trung ương Hội Khuyến học Việt Nam"
    assert first["Tên tập thể, cá nhân"] == "Hội Khuyến học Khối các cơ quan tỉnh Thanh Hóa"
    dated = [dict(zip(header, row)) for row in rows if row[header.index("Ngày quyết định")]]
    assert dated[0]["Ngày quyết định"] == "2018-12-25"


def test_json_keeps_the_yaml_names_and_the_qualifier(sample_site):
    document = json.loads((sample_site.output / "du-lieu" / "organisation.json").read_text("utf-8"))
    assert document["title"] == "Tổ chức Hội và hội viên"
    assert document["records"][0] == {
        "unit": "khoi-cq", "year": 2018, "branches": 70, "branches_qualifier": None,
        "members": 8000, "members_qualifier": "hơn",
        "note": "Báo cáo tổng kết năm 2018 chỉ ghi hơn 8.000 hội viên.",
    }
    funds = json.loads((sample_site.output / "du-lieu" / "funds.json").read_text("utf-8"))
    assert "closing_qualifier" not in funds["records"][0]  # ledger figures are always exact


def test_a_site_without_data_has_empty_downloads(site):
    site.article("a.md")
    assert site.build().returncode == 0
    assert read_csv(site, "funds") == [["Đơn vị (mã)", "Đơn vị", "Năm", "Số dư đầu năm (đồng)",
                                        "Huy động trong năm (đồng)", "Chi trong năm (đồng)",
                                        "Số dư cuối năm (đồng)", "Ghi chú"]]


def test_text_that_looks_like_a_formula_stays_text_in_the_spreadsheet(site):
    site.write("data/units.yaml", """
        - id: khoi-cq
          name: "=HYPERLINK(\\"http://evil.example\\", \\"Bấm\\")"
          short_name: "@SUM(1+1)"
          level: khối
    """)
    site.write("data/organisation.yaml", """
        - unit: khoi-cq
          year: 2020
          branches: 70
          members: 8000
          note: "-2+3 hội viên mới"
    """)
    site.article("a.md")
    result = site.build()
    assert result.returncode == 0, result.stderr
    units = read_csv(site, "units")
    assert units[1][1] == "'=HYPERLINK(\"http://evil.example\", \"Bấm\")"
    assert units[1][2] == "'@SUM(1+1)"
    organisation = read_csv(site, "organisation")
    assert organisation[1][-1] == "'-2+3 hội viên mới"
    assert organisation[1][3] == "70"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_a_formula_after_a_separator_inside_a_cell_stays_text_in_either_spreadsheet(site):
    """A spreadsheet set to Vietnamese splits on ";", one set to English on ",":
    wherever either would start a cell, the cell does not start a formula."""
    site.write("data/units.yaml", """
        - id: khoi-cq
          name: "Hội; =HYPERLINK(\\"http://evil.example\\", \\"Bấm\\")"
          short_name: "Hội,+cmd|' /C calc'!A0"
          level: khối
    """)
    site.write("data/organisation.yaml", """
        - unit: khoi-cq
          year: 2020
          branches: 70
          members: 8000
          note: "Thêm;\\t@SUM(1+1), -2 hội viên; \\r=1+1"
    """)
    site.article("a.md")
    result = site.build()
    assert result.returncode == 0, result.stderr
    units, organisation = read_csv(site, "units"), read_csv(site, "organisation")
    assert units[1][1] == "Hội; '=HYPERLINK(\"http://evil.example\", \"Bấm\")"
    assert units[1][2] == "Hội,'+cmd|' /C calc'!A0"
    assert organisation[1][-1] == "Thêm;'\t@SUM(1+1), '-2 hội viên; '\r'=1+1"
    for name in ("units", "organisation"):
        text = (site.output / "du-lieu" / f"{name}.csv").read_text(encoding="utf-8-sig")
        for separator in (",", ";"):
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=separator):
                for cell in row:
                    assert not cell.lstrip(" ").startswith(FORMULA_STARTS), (separator, cell)


def test_the_data_package_is_valid_for_frictionless(sample_site):
    """The real validator: types, constraints, primary and foreign keys of every table."""
    import json

    from test_own_dataset import frictionless_validate
    path = sample_site.output / "du-lieu" / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]][:6] == [
        "units", "funds", "awards", "organisation", "support", "learning_models"]
    funds = package["resources"][1]
    assert funds["title"] == "Quỹ khuyến học"
    assert funds["rules"] == [{"rule": "fund_ledger", "opening": "opening", "raised": "raised",
                               "disbursed": "disbursed", "closing": "closing"}]
    code, report = frictionless_validate(path)
    assert code == 0, report
    report = json.loads(report)
    assert report["valid"] is True
    assert report["stats"]["tasks"] == len(package["resources"])


def test_a_broken_foreign_key_is_caught_by_the_validator(sample_site, tmp_path):
    """The check above can fail: a unit id that is not in the unit list is refused."""
    import shutil

    from test_own_dataset import frictionless_validate
    copy = tmp_path / "du-lieu"
    shutil.copytree(sample_site.output / "du-lieu", copy)
    table = copy / "bang" / "funds.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("khoi-cq,", "khoi-xx,", 1),
                     encoding="utf-8")
    code, report = frictionless_validate(copy / "datapackage.json")
    assert code != 0 and "foreign-key" in report
