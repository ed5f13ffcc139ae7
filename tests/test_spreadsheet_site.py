"""The sample site built with its learning models from a CSV file and its
fund from an XLSX workbook (issue 21's "done when") gives the same pages,
charts, downloads and search index, byte for byte, as from YAML; and a
spreadsheet mistake stops the real build with its message.
"""

import shutil

import openpyxl
import pytest
from workbooks import csv_bytes

from conftest import declared_datasets, make_site
from khuyenhoc.data import datasets

DATASETS = declared_datasets()


def _learning_csv(data):
    """learning_models as a Vietnamese Excel saves CSV: semicolons, a BOM,
    thousands written with dots ("7.620"), an STT column."""
    dataset = DATASETS["learning_models"]
    rows = [["STT"] + [field.label_vi for field in dataset.fields]]
    for number, record in enumerate(data.records("learning_models"), 1):
        row = [number]
        for field in dataset.fields:
            value = record[field.name]
            if field.kind == "count" and value is not None:
                value = f"{int(value):,}".replace(",", ".")
                if value and record[field.name].qualifier:
                    value = f"{record[field.name].qualifier} {value}"
            row.append(value)
        rows.append(row)
    return csv_bytes(rows, delimiter=";", bom=True)


def _funds_xlsx(data, path):
    """funds as a workbook: a title row, numbers as numbers, a total row."""
    dataset = DATASETS["funds"]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = dataset.title_vi
    sheet.append(["SỔ QUỸ KHUYẾN HỌC"])
    sheet.append([field.label_vi for field in dataset.fields])
    for record in data.records("funds"):
        sheet.append([int(record[f.name]) if f.kind == "money" else record[f.name]
                      for f in dataset.fields])
    sheet.append(["Tổng cộng"])
    workbook.save(path)


def _files(folder):
    return {path.relative_to(folder): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def spreadsheet_site(tmp_path_factory):
    built = make_site(tmp_path_factory.mktemp("spreadsheet-sample"), with_content=True)
    data, errors = datasets.read(built.root / "data")
    assert not errors
    (built.root / "data" / "learning_models.yaml").unlink()
    (built.root / "data" / "funds.yaml").unlink()
    (built.root / "data" / "learning_models").mkdir()
    (built.root / "data" / "learning_models" / "mo-hinh-hoc-tap.csv").write_bytes(
        _learning_csv(data))
    _funds_xlsx(data, built.root / "data" / "funds.xlsx")
    result = built.build()
    assert result.returncode == 0, result.stdout + result.stderr
    return built


def test_the_sample_from_csv_and_xlsx_gives_the_same_site_as_from_yaml(
        sample_site, spreadsheet_site):
    from_yaml = _files(sample_site.output)
    from_sheets = _files(spreadsheet_site.output)
    assert sorted(from_sheets) == sorted(from_yaml)
    different = [str(path) for path in from_yaml if from_yaml[path] != from_sheets[path]]
    assert different == []


def test_a_spreadsheet_mistake_stops_the_build(spreadsheet_site, tmp_path):
    site = make_site(tmp_path, with_content=False)
    shutil.rmtree(site.root / "data")
    shutil.copytree(spreadsheet_site.root / "data", site.root / "data")
    path = site.root / "data" / "funds.xlsx"
    workbook = openpyxl.load_workbook(path)
    workbook.active["F5"] = "=F4/0"  # a formula Excel would save as #DIV/0!
    workbook.save(path)
    result = site.build()
    assert result.returncode == 1
    assert ('data/funds.xlsx, trang "Quỹ khuyến học", dòng 5, cột F (Số dư cuối năm (đồng)): '
            "ô có công thức nhưng tệp không lưu kết quả của công thức (gặp: =F4/0). Cách sửa: "
            "mở tệp bằng Excel hoặc LibreOffice Calc rồi lưu lại (hai chương trình này lưu cả "
            "kết quả), hoặc gõ thẳng số liệu vào ô") in result.stdout + result.stderr
    assert not site.output.exists()


def test_a_changed_spreadsheet_in_a_dataset_folder_is_read_again(spreadsheet_site, tmp_path):
    """The warm build's data cache (data_cache.py) knows the files in
    data/<dataset>/: a figure changed there shows on the next build."""
    site = make_site(tmp_path, with_content=True)
    shutil.rmtree(site.root / "data")
    shutil.copytree(spreadsheet_site.root / "data", site.root / "data")
    assert site.build().returncode == 0
    page = "so-lieu/learning_models/index.html"
    assert "7.620" in site.html(page) and "7.621" not in site.html(page)
    path = site.root / "data" / "learning_models" / "mo-hinh-hoc-tap.csv"
    path.write_bytes(path.read_bytes().replace(b";7.620;", b";7.621;", 1))
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "7.621" in site.html(page)
