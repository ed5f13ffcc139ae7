"""data/datapackage.yaml: the association declares its datasets, and every
mistake in a declaration gets one message with its file, line and column.

Messages are checked through ``datasets.read`` (no site build), on a copy
of the sample's data with one thing changed.
"""

import shutil

import pytest

from conftest import PROJECT
from khuyenhoc.data import datasets

DECLARATIONS = (PROJECT / "data" / "datapackage.yaml").read_text(encoding="utf-8")


@pytest.fixture
def declared(tmp_path, monkeypatch):
    """Write the sample's data with data/datapackage.yaml changed; every message."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(PROJECT / "data", tmp_path / "data")

    def check(old, new, files=None):
        assert old in DECLARATIONS, old
        (tmp_path / "data" / "datapackage.yaml").write_text(
            DECLARATIONS.replace(old, new, 1), encoding="utf-8")
        for name, text in (files or {}).items():
            (tmp_path / "data" / name).write_text(text, encoding="utf-8")
        _, errors = datasets.read("data")
        return [str(error) for error in errors]

    return check


def only(messages):
    assert len(messages) == 1, "\n".join(messages)
    return messages[0]


def line_of(text, old):
    return DECLARATIONS[:DECLARATIONS.index(text)].count("\n") + 1


def test_the_sample_declarations_are_read_in_order():
    data = datasets.load(PROJECT / "data")
    assert list(data.datasets)[:6] == ["units", "funds", "awards", "organisation", "support",
                                        "learning_models"]
    funds = data.datasets["funds"]
    assert [r.name for r in funds.rules] == ["fund_ledger"]
    assert funds.field("raised").measure == "đồng" and funds.field("raised").exact
    assert data.datasets["organisation"].field("members").measure == "hội viên"
    assert data.datasets["support"].field("quantity").measure_field == "measure"


def test_unknown_kind(declared):
    old = "- {name: branches, title: Tổ chức cơ sở Hội, kind: count, measure: tổ chức}"
    message = only(declared(old, old.replace("kind: count", "kind: cout")))
    assert message == (
        f"data/datapackage.yaml, dòng {line_of(old, old)}, cột 60: trường "
        '"datapackage.resources[3].schema.fields[2].kind": kiểu trường không có (gặp: cout). '
        'Cách sửa: có phải ý bạn là "count"? Các kiểu: money (số tiền (đồng)); count (số đếm); '
        "percent (tỷ lệ phần trăm); text (chữ); year (năm); period (kỳ báo cáo (năm, 6 tháng, "
        "năm học, nhiệm kỳ, cộng dồn)); unit (mã đơn vị); measure (đơn vị tính); "
        "list (danh sách); date (ngày)")


def test_unknown_measure_is_told_its_closest_spelling(declared):
    message = only(declared("measure: hội viên", "measure: hôi viên"))
    assert message.startswith("data/datapackage.yaml, dòng ")
    assert message.endswith(
        'trường "datapackage.resources[3].schema.fields[3].measure": đơn vị tính không có '
        'trong danh sách `measures` (gặp: hôi viên). Cách sửa: có phải ý bạn là "hội viên"? '
        "Các đơn vị tính: đồng, người, hội viên, suất, quyển, bộ, chiếc, công trình, lượt, "
        "gia đình, dòng họ, cộng đồng, đơn vị, tổ chức, chi hội, phòng học, trung tâm, học sinh, "
        "đồng/người/tháng, ngày lương/người/năm; đơn vị tính mới thì thêm vào `measures` ở "
        "đầu tệp")


def test_unknown_measure_in_the_data(declared):
    record = "\n- unit: khoi-cq\n  year: 2019\n  item: Sách\n  quantity: 3\n  measure: quyen\n"
    support = (PROJECT / "data" / "support.yaml").read_text(encoding="utf-8") + record
    message = only(declared("title: Số liệu", "title: Số liệu", {"support.yaml": support}))
    line = support.count("\n")
    index = support.count("- unit:") - 1  # the record added last
    assert message == (
        f'data/support.yaml, dòng {line}, cột 12: trường "support[{index}].measure": đơn vị tính '
        "không có trong danh sách `measures` của data/datapackage.yaml (gặp: quyen). "
        'Cách sửa: có phải ý bạn là "quyển"? Các đơn vị tính: đồng, người, hội viên, suất, '
        "quyển, bộ, chiếc, công trình, lượt, gia đình, dòng họ, cộng đồng, đơn vị, tổ chức, "
        "chi hội, phòng học, trung tâm, học sinh, đồng/người/tháng, ngày lương/người/năm; đơn "
        "vị tính mới thì thêm vào `measures` trong data/datapackage.yaml")


def test_unknown_rule(declared):
    message = only(declared("rule: fund_ledger", "rule: fund_ledgr"))
    assert message.endswith(
        'trường "datapackage.resources[1].rules[0].rule": quy tắc không có (gặp: fund_ledgr). '
        'Cách sửa: có phải ý bạn là "fund_ledger"? Các quy tắc: fund_ledger, in_order, '
        "parts_within, children_within, unit_lifetime, members_only")


def test_primary_key_naming_a_missing_field(declared):
    message = only(declared("primaryKey: [unit, year, model]", "primaryKey: [unit, year, modle]"))
    assert message.endswith(
        'trường "datapackage.resources[5].schema.primaryKey": khóa chính gọi một trường không có '
        '(gặp: modle). Cách sửa: có phải ý bạn là "model"? Các trường: unit, year, model, total, '
        "registered, achieved, rated_good, rated_fair, rated_average, target_registered, "
        "target_achieved, override_note, note")


def test_misspelt_key_is_one_message(declared):
    message = only(declared("- {name: total, title: Tổng số, kind: count}",
                            "- {name: total, titel: Tổng số, kind: count}"))
    assert message.endswith(
        'trường "datapackage.resources[5].schema.fields[3].titel": khóa không có trong khai '
        'báo trường (gặp: titel). Cách sửa: có phải ý bạn là "title"? Các khóa: name, title, '
        "description, kind, measure, measureField, exact, targetOf, targetBase, constraints")


def test_a_rule_on_a_field_of_the_wrong_kind(declared):
    message = only(declared("fields: [achieved, registered, total]",
                            "fields: [achieved, registered, model]"))
    assert message.endswith(
        'trường "datapackage.resources[5].rules[0].fields": quy tắc in_order cần trường kiểu '
        "money hoặc count hoặc percent (gặp: model (kind: text)). Cách sửa: chọn một trường số "
        "của bộ số liệu này")


def test_data_without_a_declaration(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "funds.yaml").write_text("[]\n", encoding="utf-8")
    _, errors = datasets.read("data")
    assert [str(e) for e in errors] == [
        "data/funds.yaml, dòng 1: chưa khai báo các bộ số liệu: thiếu tệp "
        "data/datapackage.yaml. Cách sửa: chép tệp data/datapackage.yaml của trang mẫu vào "
        "thư mục số liệu rồi sửa theo các bộ số liệu của Hội (xem docs/data.md)"]


def test_a_wrong_declaration_stops_the_build(site):
    site.write("data/datapackage.yaml", DECLARATIONS.replace("kind: money", "kind: tiền", 1))
    result = site.build()
    assert result.returncode == 1
    assert "kiểu trường không có (gặp: tiền)" in result.stdout + result.stderr
