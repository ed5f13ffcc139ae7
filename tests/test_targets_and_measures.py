"""Targets (chỉ tiêu) and measures (đơn vị tính): a claim that a target was
met, exceeded or missed is checked against the data like "tăng"; figures of
different measures are never added nor put on one axis; a percentage may be
approximate only where the declaration allows it."""

import shutil

import pytest

from conftest import PROJECT, make_site

MODEL = 'model="Đơn vị học tập"'
BODY = f"""\
Năm 2024 đạt [[đạt chỉ tiêu: learning_models/khoi-cq/2024 achieved {MODEL}]], tức vượt
chỉ tiêu: [[vượt chỉ tiêu: learning_models/khoi-cq/2024 achieved {MODEL}]]. Tỷ lệ đăng ký
[[so với chỉ tiêu: learning_models/khoi-cq/2024 registered {MODEL}]].
"""
WRONG = f"""\
Số đạt danh hiệu [[chưa đạt chỉ tiêu: learning_models/khoi-cq/2024 achieved {MODEL}]].

Tổng số lượng: [[support/khoi-cq/2020/quantity tổng]].

[[biểu đồ cột nhóm: support/khoi-cq/2020 quantity theo=item]]

[[biểu đồ cột nhóm: organisation/khoi-cq/2023 branches members]]

[[đạt chỉ tiêu: learning_models/khoi-cq/2024 total {MODEL}]]
"""


def sample_data_site(root):
    site = make_site(root)
    shutil.rmtree(site.root / "data")
    shutil.copytree(PROJECT / "data", site.root / "data")
    return site


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    site = sample_data_site(tmp_path_factory.mktemp("targets"))
    site.article("chi-tieu.md", title="Chỉ tiêu năm 2024", date="2025-01-05 08:00", body=BODY)
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    return site.html("chi-tieu-nam-2024/index.html")


@pytest.fixture(scope="module")
def wrong(tmp_path_factory):
    site = sample_data_site(tmp_path_factory.mktemp("targets-wrong"))
    site.article("sai.md", body=WRONG)
    result = site.build()
    assert result.returncode == 1
    return result.stderr


def test_met_and_exceeded_targets_show_result_and_target(good):
    assert ('<data value="88" title="tỷ lệ đạt danh hiệu, Hội Khuyến học Khối, Đơn vị học '
            'tập, 2024: 88%, chỉ tiêu 85%">88% (chỉ tiêu 85%)</data>') in good
    assert ">đạt chỉ tiêu (100%, chỉ tiêu 100%)</data>" in good


def test_a_claim_the_data_contradict_stops_the_build(wrong):
    assert (
        'content/articles/sai.md, dòng 6, cột 18: tham chiếu số liệu: viết "chưa đạt chỉ tiêu" '
        "nhưng theo số liệu, tỷ lệ đạt danh hiệu của Hội Khuyến học Khối, Đơn vị học tập năm "
        "2024 vượt chỉ tiêu: 88%, chỉ tiêu 85% (gặp: [[chưa đạt chỉ tiêu: learning_models/"
        'khoi-cq/2024 achieved model="Đơn vị học tập"]]). Cách sửa: viết lại câu cho đúng số '
        "liệu, ví dụ dùng [[so với chỉ tiêu: learning_models/khoi-cq/2024 achieved "
        'model="Đơn vị học tập"]] (tự viết “đạt”, “vượt” hay “chưa đạt chỉ tiêu”); nếu số '
        "liệu sai thì sửa trong data/learning_models.yaml") in wrong


def test_a_field_without_a_target(wrong):
    assert (
        'tham chiếu số liệu: trường "total" (Tổng số) không có chỉ tiêu trong khai báo bộ số '
        'liệu "learning_models" (gặp: [[đạt chỉ tiêu: learning_models/khoi-cq/2024 total '
        'model="Đơn vị học tập"]]). Cách sửa: các trường có chỉ tiêu: registered, achieved; '
        "khai báo chỉ tiêu trong data/datapackage.yaml: thêm một trường có `targetOf: total`"
        ) in wrong


def test_a_total_of_different_measures_is_refused(wrong):
    assert (
        "content/articles/sai.md, dòng 8, cột 16: tham chiếu số liệu: không cộng được các số "
        "liệu có đơn vị tính khác nhau (suất, chiếc) (gặp: [[support/khoi-cq/2020/quantity "
        'tổng]]). Cách sửa: thêm bộ lọc để chỉ cộng các dòng cùng một đơn vị tính, ví dụ '
        'measure="suất"') in wrong


def test_a_chart_of_different_measures_is_refused(wrong):
    assert (
        "content/articles/sai.md, dòng 10, cột 1: tham chiếu số liệu: không vẽ chung trên một "
        "trục các số liệu có đơn vị tính khác nhau (suất, chiếc) (gặp: [[biểu đồ cột nhóm: "
        "support/khoi-cq/2020 quantity theo=item]]). Cách sửa: thêm bộ lọc để chỉ còn một đơn "
        'vị tính, ví dụ measure="suất", hoặc dùng [[bảng: ...]] để liệt kê') in wrong
    assert (
        "content/articles/sai.md, dòng 12, cột 1: tham chiếu số liệu: không vẽ chung trên một "
        "trục các số liệu có đơn vị tính khác nhau (tổ chức, hội viên) (gặp: [[biểu đồ cột "
        "nhóm: organisation/khoi-cq/2023 branches members]]). Cách sửa: chọn các trường cùng "
        "đơn vị tính, hoặc vẽ mỗi trường một biểu đồ, hoặc dùng [[bảng: ...]] để liệt kê") in wrong


def test_a_rough_percentage_only_where_declared(tmp_path, monkeypatch):
    from khuyenhoc.data import datasets
    site = sample_data_site(tmp_path)
    monkeypatch.chdir(site.root)
    path = site.root / "data" / "learning_models.yaml"
    text = path.read_text(encoding="utf-8").replace("target_achieved: 85", "target_achieved: gần 85")
    path.write_text(text, encoding="utf-8")
    _, errors = datasets.read("data")
    [message] = [str(e) for e in errors]
    assert message.endswith(
        'trường "learning_models[9].target_achieved": tỷ lệ này phải chính xác, không dùng '
        "trên/hơn/gần/khoảng (gặp: gần 85). Cách sửa: viết 85")
