"""`make forms` (issue 21): a workbook per dataset for the units, filled in
with openpyxl as a unit would in Excel, put into data/ and read back by
`make check` and the build's loader."""

import openpyxl
import pytest

from conftest import declared_datasets, make_site
from khuyenhoc.data import datasets

DATASETS = declared_datasets()


@pytest.fixture(scope="module")
def forms_site(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("forms"), with_content=True)
    result = site.make("forms", env={"NAM": "2025"})
    assert result.returncode == 0, result.stdout + result.stderr
    site.result = result
    return site


def test_make_forms_writes_one_workbook_per_dataset(forms_site):
    assert sorted(p.name for p in (forms_site.root / "bieu-mau").iterdir()) == sorted(
        f"{name}.xlsx" for name in DATASETS)
    assert f"Đã tạo {len(DATASETS)} biểu mẫu năm 2025 trong bieu-mau/:" in forms_site.result.stdout


def test_a_form_has_vietnamese_headers_a_row_per_unit_lists_and_a_guide(forms_site):
    workbook = openpyxl.load_workbook(forms_site.root / "bieu-mau" / "learning_models.xlsx")
    assert workbook.sheetnames == ["Mô hình học tập", "Danh mục", "Hướng dẫn"]
    sheet = workbook["Mô hình học tập"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == ("Đơn vị (mã)", "Đơn vị", "Năm", "Mô hình", "Tổng số", "Đăng ký",
                           "Đạt danh hiệu")
    units, _ = datasets.read(forms_site.root / "data")
    assert [row[:3] for row in rows[1:]] == [
        (unit_id, unit["name"], 2025) for unit_id, unit in units.units.items()]
    validations = {str(v.sqref).split(":")[0][0]: v for v in sheet.data_validations.dataValidation}
    models = validations["D"]
    assert models.type == "list"
    listed = workbook["Danh mục"]
    column = models.formula1.split("!")[1].replace("$", "").split(":")[0][0]
    assert [c.value for c in listed[column] if c.value][1:] == list(
        DATASETS["learning_models"].field("model").choices)
    assert validations["A"].type == "list" and validations["E"].type == "whole"
    guide = [row for row in workbook["Hướng dẫn"].iter_rows(values_only=True) if row[0]]
    assert ("G", "Đạt danh hiệu", None,
            "Số nguyên (ví dụ 8240). Số ước lượng gõ kèm một từ đứng trước: trên, hơn, gần, "
            "khoảng (ví dụ: hơn 8000).", None) in guide


def test_a_filled_in_form_is_read_back_by_the_build(forms_site):
    site = forms_site
    path = site.root / "bieu-mau" / "learning_models.xlsx"
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Mô hình học tập"]
    unit_rows = {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}
    row = unit_rows["khoi-cq"]
    for column, value in zip("DEFG", ["Gia đình học tập", 7900, 6850, "hơn 6000"]):
        sheet[f"{column}{row}"] = value
    sheet[f"K{row}"] = 0.9
    sheet[f"K{row}"].number_format = "0%"
    target = site.root / "data" / "learning_models" / "khoi-cq-2025.xlsx"
    target.parent.mkdir()
    workbook.save(target)
    organisation = openpyxl.load_workbook(site.root / "bieu-mau" / "organisation.xlsx")
    sheet = organisation.active
    for r in range(2, sheet.max_row + 1):
        if sheet.cell(row=r, column=1).value == "khoi-cq":
            sheet.cell(row=r, column=5, value=8300)  # Hội viên
    organisation.save(site.root / "data" / "organisation.xlsx")
    # The forms nobody filled in, put into data/ as they are: nothing, no mistake.
    for name in ("funds", "awards", "support"):
        (site.root / "data" / name).mkdir()
        (site.root / "data" / name / "trong.xlsx").write_bytes(
            (site.root / "bieu-mau" / f"{name}.xlsx").read_bytes())

    checked = site.check()
    assert checked.returncode == 0, checked.stdout + checked.stderr
    data, errors = datasets.read(site.root / "data")
    assert errors == []
    [record] = data.get("learning_models", "khoi-cq", 2025)
    assert (record["model"], record["total"], record["registered"], record["achieved"],
            record["achieved"].qualifier, record["target_registered"]) == (
        "Gia đình học tập", 7900, 6850, 6000, "hơn", 90)
    [members] = data.get("organisation", "khoi-cq", 2025)
    assert members["members"] == 8300
    assert data.years("funds") == list(range(2018, 2025))
    built = site.build()
    assert built.returncode == 0, built.stdout + built.stderr
    assert "8.300" in site.html("don-vi/khoi-cq/index.html")


def test_a_year_that_is_not_one_is_refused(forms_site):
    result = forms_site.make("forms", env={"NAM": "năm nay"})
    assert result.returncode != 0
    assert ("Năm không hợp lệ (gặp: năm nay). Cách sửa: viết năm bốn chữ số, ví dụ make "
            "forms NAM=2025") in result.stderr


def test_a_unit_name_that_looks_like_a_formula_stays_text(tmp_path):
    from khuyenhoc.commands.forms import write_form

    units = {"xa-a": {"id": "xa-a", "name": '=HYPERLINK("http://example.org","Xã A")'}}
    path = tmp_path / "organisation.xlsx"
    write_form(DATASETS["organisation"], units, 2025, path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet["B2"].value == '=HYPERLINK("http://example.org","Xã A")'
    assert sheet["B2"].data_type == "s"
