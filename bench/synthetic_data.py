"""Twenty years of figures for thirty member units, in the data/ format.

The files follow docs/data.md (the data helper's schema): the association's
three levels (central, province, bloc) as issuers, thirty grassroots units
below the bloc, and per unit and year a balanced fund ledger, branches and
members, three learning models, two kinds of support and an award. Seeded,
so the same call always writes the same files.
"""

import random
import shutil
from pathlib import Path

from bench import units as unit_list
from bench.synthetic import FIRST_YEAR, YEARS

DECLARATIONS = Path(__file__).resolve().parents[1] / "data" / "datapackage.yaml"

PARENTS = [
    ("hoi-khvn", "Trung ương Hội Khuyến học Việt Nam", "Trung ương Hội", "trung ương", None),
    ("hoi-kh-tinh", "Hội Khuyến học tỉnh", "Hội Khuyến học tỉnh", "tỉnh", "hoi-khvn"),
    ("khoi-cq", "Hội Khuyến học Khối các cơ quan tỉnh", "Hội Khuyến học Khối", "khối",
     "hoi-kh-tinh"),
]
MODELS = ("Gia đình học tập", "Đơn vị học tập", "Công dân học tập")
SUPPORT = (("Phần thưởng học sinh giỏi", "suất"), ("Học bổng", "suất"))
AWARDS = (("hoi-kh-tinh", "Giấy khen", "tập thể"), ("khoi-cq", "Giấy khen", "cá nhân"),
          ("hoi-khvn", "Bằng khen", "tập thể"))


def write(data_dir, years=YEARS, seed=1996):
    """Write data/*.yaml for ``years`` years; returns the number of records."""
    rng = random.Random(seed)
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    files = {name: [] for name in ("units", "funds", "organisation", "learning_models",
                                   "support", "awards")}
    for id_, name, short, level, parent in PARENTS:
        files["units"].append(_record(id=id_, name=name, short_name=short, level=level,
                                      parent=parent))
    for unit in unit_list.UNITS:
        files["units"].append(_record(id=unit.id, name=f"Chi hội Khuyến học {unit.name}",
                                      short_name=unit.short_name, level="cơ sở",
                                      parent="khoi-cq"))
        _unit_years(unit.id, range(FIRST_YEAR, FIRST_YEAR + years), rng, files)
    for name, records in files.items():
        text = f"# Dữ liệu tổng hợp cho phép đo tốc độ (bench/): {name}.\n\n"
        (data_dir / f"{name}.yaml").write_text(text + "\n".join(records), encoding="utf-8")
    # The datasets are those the sample declares (data/datapackage.yaml).
    shutil.copy(DECLARATIONS, data_dir / DECLARATIONS.name)
    return sum(len(records) for records in files.values())


def _unit_years(unit, years, rng, files):
    closing = rng.randint(20, 200) * 1_000_000
    members = rng.randint(60, 600)
    for year in years:
        opening = closing
        raised = rng.randint(10, 120) * 100_000
        disbursed = min(opening + raised, rng.randint(8, 110) * 100_000)
        closing = opening + raised - disbursed
        files["funds"].append(_record(unit=unit, year=year, opening=opening, raised=raised,
                                      disbursed=disbursed, closing=closing))
        members += rng.randint(-10, 25)
        files["organisation"].append(_record(unit=unit, year=year,
                                             branches=rng.randint(1, 6), members=members))
        for model in MODELS:
            total = members if model != "Đơn vị học tập" else rng.randint(1, 5)
            registered = total * rng.randint(60, 100) // 100
            achieved = registered * rng.randint(50, 100) // 100
            files["learning_models"].append(_record(
                unit=unit, year=year, model=model, total=total, registered=registered,
                achieved=achieved))
        for item, measure in SUPPORT:
            quantity = rng.randint(3, 60)
            files["support"].append(_record(unit=unit, year=year, item=item,
                                            quantity=quantity, measure=measure,
                                            value=quantity * rng.randint(2, 10) * 100_000))
        issuer, kind, recipient = rng.choice(AWARDS)
        files["awards"].append(_record(unit=unit, year=year, issuer=issuer, kind=kind,
                                       recipient=recipient, count=rng.randint(1, 9)))


def _record(**fields):
    lines = []
    for name, value in fields.items():
        if value is None:
            continue
        if isinstance(value, int) and value >= 10_000:
            value = f"{value:_}"  # 425_000_000, as docs/data.md advises
        lines.append(f"{'- ' if not lines else '  '}{name}: {value}")
    return "\n".join(lines) + "\n"
