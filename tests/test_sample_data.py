"""The sample data in data/: valid, and holding exactly the figures the articles quote."""

import pytest

from conftest import PROJECT
from khuyenhoc.data import datasets
from khuyenhoc.data.datasets import Figure


@pytest.fixture(scope="module")
def data():
    return datasets.load(PROJECT / "data")


# (year, opening, raised, disbursed, closing) of the Khối's fund, as the articles say.
KHOI_FUND = [
    (2018, 559_500_000, 164_000_000, 298_500_000, 425_000_000),
    (2019, 425_000_000, 186_400_000, 172_300_000, 439_100_000),
    (2020, 439_100_000, 152_750_000, 160_200_000, 431_650_000),
    (2021, 431_650_000, 171_300_000, 145_800_000, 457_150_000),
    (2022, 457_150_000, 205_600_000, 188_450_000, 474_300_000),
    (2023, 474_300_000, 231_200_000, 210_000_000, 495_500_000),
    (2024, 495_500_000, 248_900_000, 226_350_000, 518_050_000),
]

KHOI_ORGANISATION = [
    (2018, 70, 8000, "hơn"), (2019, 71, 8240, None), (2020, 72, 8315, None),
    (2021, 72, 8402, None), (2022, 73, 8530, None), (2023, 74, 8655, None),
    (2024, 75, 8790, None),
]


def test_sample_data_is_valid():
    data, errors = datasets.read(PROJECT / "data")
    assert [str(e) for e in errors] == []


def test_every_data_file_says_it_is_sample_data():
    for path in (PROJECT / "data").glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# DỮ LIỆU MẪU"), path.name


@pytest.mark.parametrize("year, opening, raised, disbursed, closing", KHOI_FUND)
def test_khoi_fund_is_the_articles_fund(data, year, opening, raised, disbursed, closing):
    [record] = data.get("funds", "khoi-cq", year)
    assert (record["opening"], record["raised"], record["disbursed"], record["closing"]) == (
        opening, raised, disbursed, closing)


@pytest.mark.parametrize("year, branches, members, qualifier", KHOI_ORGANISATION)
def test_khoi_organisation_is_the_articles(data, year, branches, members, qualifier):
    [record] = data.get("organisation", "khoi-cq", year)
    assert record["branches"] == branches
    assert record["members"] == members
    assert record["members"].qualifier == qualifier


def test_awards_2018_are_the_articles(data):
    counts = {(r["issuer"], r["kind"], r["recipient"]): r["count"]
              for r in data.get("awards", "khoi-cq", 2018)}
    assert counts == {
        ("hoi-khvn", "Bằng khen", "tập thể"): 1,
        ("hoi-khvn", "Kỷ niệm chương", "cá nhân"): 4,
        ("hoi-kh-tinh", "Giấy khen", "tập thể"): 7,
        ("hoi-kh-tinh", "Giấy khen", "cá nhân"): 8,
        ("khoi-cq", "Giấy khen", "tập thể"): 6,
        ("khoi-cq", "Giấy khen", "cá nhân"): 9,
    }
    [medal] = [r for r in data.get("awards", "khoi-cq", 2018) if r["kind"] == "Kỷ niệm chương"]
    assert medal["title"] == "Vì sự nghiệp khuyến học"


def test_learning_models_2024_are_the_articles(data):
    models = {r["model"]: r for r in data.get("learning_models", "khoi-cq", 2024)}
    unit = models["Đơn vị học tập"]
    assert (unit["total"], unit["registered"], unit["achieved"]) == (75, 75, 66)
    assert (unit["target_registered"], unit["target_achieved"]) == (100, 85)
    family = models["Gia đình học tập"]
    assert (family["target_registered"], family["target_achieved"]) == (100, 90)


def test_at_least_three_units_over_seven_years(data):
    for name in ("funds", "organisation", "learning_models"):
        units = {r["unit"] for r in data.records(name)}
        assert {"khoi-cq", "so-gddt", "so-yte", "so-tc"} <= units
        for unit in units:
            years = {r["year"] for r in data.records(name) if r["unit"] == unit}
            assert set(range(2018, 2025)) <= years, (name, unit)


def test_records_are_sorted_by_unit_as_listed_then_year(data):
    order = list(data.units)
    keys = [(order.index(r["unit"]), r["year"]) for r in data.records("funds")]
    assert keys == sorted(keys)
    assert data.records("funds")[0]["unit"] == "khoi-cq"


def test_units(data):
    assert data.units["khoi-cq"] == {
        "id": "khoi-cq", "name": "Hội Khuyến học Khối các cơ quan tỉnh Thanh Hóa",
        "short_name": "Hội Khuyến học Khối", "level": "khối", "parent": "hoi-kh-tinh",
        "role": None, "started": None, "ended": None, "successor": None,
    }
    assert data.units["hoi-khvn"]["parent"] is None


def test_every_field_is_present_in_every_record(data):
    for name, dataset in data.datasets.items():
        for record in data.records(name):
            assert list(record) == dataset.field_names


def test_source_points_at_the_record(data):
    path, line = data.source("funds", 1)
    assert path.endswith("funds.yaml")
    lines = (PROJECT / "data" / "funds.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[line - 1] == "- unit: khoi-cq"
    assert lines[line] == "  year: 2019"


def test_years_and_empty_get(data):
    assert data.years("funds") == list(range(2018, 2025))
    assert data.get("funds", "khoi-cq", 2017) == []
    with pytest.raises(KeyError):
        data.records("fund")


def test_figure_is_an_int_with_a_qualifier():
    figure = Figure(8000, "hơn")
    assert figure == 8000 and figure + 1 == 8001 and isinstance(figure, int)
    assert str(figure) == "8000" and f"{figure:,}" == "8,000"
    assert figure.qualifier == "hơn" and Figure(5).qualifier is None
    import copy
    import pickle
    assert pickle.loads(pickle.dumps(figure)).qualifier == "hơn"
    assert copy.deepcopy(figure).qualifier == "hơn"
