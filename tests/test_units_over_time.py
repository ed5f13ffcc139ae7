"""Units at every level and over time: a unit ends on a date and names its
successor, its figures stay true for their years, figures outside its life are
refused, and the successor's page shows where its series comes from. Partner
organisations are partners, not members."""

import pytest

from conftest import PROJECT, make_site

DECLARATIONS = (PROJECT / "data" / "datapackage.yaml").read_text(encoding="utf-8")

UNITS = """\
- id: hoi-khvn
  name: Trung ương Hội Khuyến học Việt Nam
  short_name: Trung ương Hội
  level: trung ương
- id: lao-cai-cu
  name: Hội Khuyến học tỉnh Lào Cai (trước hợp nhất)
  short_name: Lào Cai (cũ)
  level: tỉnh
  parent: hoi-khvn
  ended: 2025-06-30
  successor: lao-cai
- id: yen-bai
  name: Hội Khuyến học tỉnh Yên Bái
  short_name: Yên Bái
  level: tỉnh
  parent: hoi-khvn
  ended: 2025-06-30
  successor: lao-cai
- id: lao-cai
  name: Hội Khuyến học tỉnh Lào Cai
  short_name: Lào Cai
  level: tỉnh
  parent: hoi-khvn
  started: 2025-07-01
- id: van-yen
  name: Hội Khuyến học huyện Văn Yên
  short_name: Văn Yên
  level: huyện
  parent: yen-bai
  ended: 2025-06-30
- id: mttq-lao-cai
  name: Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai
  short_name: Mặt trận tỉnh
  level: tỉnh
  parent: lao-cai
  role: phối hợp
"""

ORGANISATION = """\
- {unit: lao-cai-cu, year: 2023, members: 120000}
- {unit: lao-cai-cu, year: 2024, members: 125000}
- {unit: yen-bai, year: 2023, members: 98000}
- {unit: yen-bai, year: 2024, members: 101000}
- {unit: lao-cai, year: 2025, members: 231000}
"""


def units_site(root, organisation=ORGANISATION, units=UNITS):
    site = make_site(root)
    site.write("data/units.yaml", units)
    site.write("data/organisation.yaml", organisation)
    return site


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    site = units_site(tmp_path_factory.mktemp("merged"))
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_successor_page_shows_its_predecessors_series(merged):
    page = merged.html("don-vi/lao-cai/index.html")
    change = ("Từ ngày 01/07/2025, Hội Khuyến học tỉnh Lào Cai (trước hợp nhất) và Hội "
              "Khuyến học tỉnh Yên Bái hợp nhất thành Hội Khuyến học tỉnh Lào Cai; số liệu "
              "trước ngày này là của đơn vị cũ.")
    assert change in page
    assert "Tổ chức Hội và hội viên (cả đơn vị tiền thân)" in page
    # The change is marked on the chart's time axis and told in its sentence.
    assert "2025 (hợp nhất)" in page
    assert page.count(change) >= 2
    # The predecessors' figures, in the table beside the new unit's.
    for figure in ("120.000", "101.000", "231.000"):
        assert figure in page, figure
    assert 'href="/don-vi/yen-bai/"' in page or "don-vi/yen-bai/" in page


def test_the_old_units_pages_name_their_successor(merged):
    page = merged.html("don-vi/yen-bai/index.html")
    assert "Kết thúc:" in page and "30/06/2025" in page
    assert "kế tục là" in page and "Hội Khuyến học tỉnh Lào Cai</a>" in page


def test_a_partner_is_shown_as_a_partner(merged):
    page = merged.html("don-vi/lao-cai/index.html")
    assert "Đơn vị phối hợp:" in page
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai" in page
    assert "đơn vị phối hợp, không phải đơn vị thành viên" in merged.html(
        "don-vi/mttq-lao-cai/index.html")


def read(site, monkeypatch):
    from khuyenhoc.data import datasets
    monkeypatch.chdir(site.root)
    return [str(e) for e in datasets.read("data")[1]]


def test_a_figure_after_its_units_end(tmp_path, monkeypatch):
    site = units_site(tmp_path, ORGANISATION + "- {unit: yen-bai, year: 2026, members: 5}\n")
    assert read(site, monkeypatch) == [
        'data/organisation.yaml, dòng 6, cột 25: trường "organisation[5].year": đơn vị '
        '"yen-bai" đã kết thúc ngày 30/06/2025, kế tục là "lao-cai": không có số liệu năm '
        "2026 (gặp: 2026). Cách sửa: ghi số liệu này cho đơn vị kế tục: `unit: lao-cai` (xem "
        "ended của yen-bai ở data/units.yaml dòng 12)"]


def test_a_figure_before_its_unit_began(tmp_path, monkeypatch):
    site = units_site(tmp_path, ORGANISATION + "- {unit: lao-cai, year: 2024, members: 5}\n")
    assert read(site, monkeypatch) == [
        'data/organisation.yaml, dòng 6, cột 25: trường "organisation[5].year": đơn vị '
        '"lao-cai" thành lập ngày 01/07/2025: không có số liệu năm 2024 (gặp: 2024). Cách '
        "sửa: ghi số liệu trước ngày này cho đơn vị tiền thân (đơn vị có `successor: "
        "lao-cai`), hoặc sửa năm, kỳ báo cáo"]


def test_a_partner_in_a_member_total(tmp_path, monkeypatch):
    site = units_site(tmp_path, ORGANISATION + "- {unit: mttq-lao-cai, year: 2025, members: 5}\n")
    assert read(site, monkeypatch) == [
        'data/organisation.yaml, dòng 6, cột 10: trường "organisation[5].unit": '
        '"mttq-lao-cai" là đơn vị phối hợp, không phải đơn vị thành viên: bộ số liệu "Tổ '
        'chức Hội và hội viên" chỉ tính các đơn vị thành viên của Hội (gặp: mttq-lao-cai). '
        "Cách sửa: ghi số liệu của đơn vị phối hợp vào bộ số liệu về phối hợp, không cộng vào "
        "organisation.yaml; nếu đây là đơn vị thành viên, bỏ `role: phối hợp` ở "
        "data/units.yaml dòng 31"]


def test_a_district_after_districts_ended(tmp_path, monkeypatch):
    site = units_site(tmp_path, units=UNITS.replace(
        "  level: huyện\n  parent: yen-bai\n  ended: 2025-06-30\n",
        "  level: huyện\n  parent: yen-bai\n"))
    assert read(site, monkeypatch) == [
        'data/units.yaml, dòng 28, cột 10: trường "units[4].level": cấp huyện không còn từ '
        "ngày 01/07/2025 (gặp: huyện). Cách sửa: ghi `ended: 2025-06-30` (hoặc ngày sớm hơn) "
        "và `successor: ...` (đơn vị cấp xã hoặc cấp tỉnh kế tục), hoặc sửa cấp của đơn vị"]


def test_a_successor_without_an_end(tmp_path, monkeypatch):
    site = units_site(tmp_path, units=UNITS.replace(
        "  short_name: Yên Bái\n  level: tỉnh\n  parent: hoi-khvn\n  ended: 2025-06-30\n",
        "  short_name: Yên Bái\n  level: tỉnh\n  parent: hoi-khvn\n"))
    messages = read(site, monkeypatch)
    assert messages[0] == (
        'data/units.yaml, dòng 17, cột 14: trường "units[2].successor": có đơn vị kế tục nhưng '
        "chưa ghi ngày kết thúc (gặp: lao-cai). Cách sửa: thêm dòng `ended: 2025-06-30` (ngày "
        "đơn vị thôi hoạt động, hợp nhất, đổi tên), hoặc bỏ dòng successor")
