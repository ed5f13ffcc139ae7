"""The statistics pages of a site with a few hundred units (issue 21, point 4).

Each unit's page is made from its own records, found through the indexes
of ``Data`` and of ``statistics._Site`` (by unit, by field value, children
by parent, predecessors by successor) rather than by a scan of every record
and every unit per unit, which never finished for the national case's
3,355 units (``python -m bench.national --formats site`` measures that case). Here:
a real build of 260 units, every unit's page checked against the figures
the test wrote, and every statistics page compared, section by section,
with the pages the scanning code gave (kept below as the reference).
"""

import datetime
import re

import pytest

from conftest import PROJECT, make_site, write_association
from khuyenhoc.data import datasets, periods
from khuyenhoc.figures import render as figure_render
from khuyenhoc.pages import statistics

PROVINCES = 5
COMMUNES = 50  # per province
YEARS = (2021, 2022, 2023)
ISSUING = 4  # the first four provinces give awards to their communes


def _money(amount):
    """As the pages show an amount, less the unit ("đồng" follows a no-break space)."""
    return f"{amount:,}".replace(",", ".")


def national(provinces=PROVINCES, communes=COMMUNES):
    """(units.yaml, funds.yaml, organisation.yaml, awards.yaml, what each unit has).

    Province 1's last two communes merge into a new one on 1 July 2023;
    province 2 has a partner; every tenth commune has no figures."""
    units = ["- {id: tw, name: Trung ương Hội Khuyến học, short_name: Trung ương, "
             "level: trung ương}"]
    funds, organisation, awards = [], [], []
    expected = {"tw": {"years": [], "children": [], "partners": []}}
    index = 0
    for p in range(1, provinces + 1):
        province = f"tinh-{p}"
        units.append(f"- {{id: {province}, name: Hội Khuyến học tỉnh {p}, "
                     f"short_name: Tỉnh {p}, level: tỉnh, parent: tw}}")
        expected["tw"]["children"].append(province)
        expected[province] = {"years": [], "children": [], "partners": [],
                              "issuer": p <= ISSUING}
        for c in range(1, communes + 1):
            index += 1
            commune = f"{province}-xa-{c:02d}"
            ended = p == 1 and c > communes - 2
            extra = ", ended: 2023-06-30, successor: tinh-1-xa-moi" if ended else ""
            units.append(f"- {{id: {commune}, name: Hội Khuyến học xã {c} tỉnh {p}, "
                         f"short_name: Xã {c}, level: xã, parent: {province}{extra}}}")
            expected[province]["children"].append(commune)
            years = () if c % 10 == 0 else YEARS[:2] if ended else YEARS
            expected[commune] = {"years": list(years), "children": [], "partners": [],
                                 "closing": {}, "members": {}}
            closing = 10_000_000 * index
            for year in years:
                raised = 1_000_000 + index * 1000 + year % 100
                opening, closing = closing, closing + raised - 400_000
                funds.append(f"- {{unit: {commune}, year: {year}, opening: {opening}, "
                             f"raised: {raised}, disbursed: 400000, closing: {closing}}}")
                members = 100_000 + index * 100 + year % 100
                organisation.append(f"- {{unit: {commune}, year: {year}, branches: 3, "
                                    f"members: {members}}}")
                expected[commune]["closing"][year] = closing
                expected[commune]["members"][year] = members
            if years and p <= ISSUING:
                awards.append(f"- {{unit: {commune}, year: 2022, issuer: {province}, "
                              f"kind: Giấy khen, recipient: tập thể, count: {c}}}")
    units.append("- {id: tinh-1-xa-moi, name: Hội Khuyến học xã mới tỉnh 1, "
                 "short_name: Xã mới, level: xã, parent: tinh-1, started: 2023-07-01}")
    expected["tinh-1"]["children"].append("tinh-1-xa-moi")
    funds.append("- {unit: tinh-1-xa-moi, year: 2024, opening: 5000000, raised: 1000000, "
                 "disbursed: 400000, closing: 5600000}")
    organisation.append("- {unit: tinh-1-xa-moi, year: 2024, branches: 4, members: 777777}")
    expected["tinh-1-xa-moi"] = {"years": [2024], "children": [], "partners": [],
                                 "closing": {2024: 5600000}, "members": {2024: 777777}}
    units.append("- {id: mttq-tinh-2, name: Mặt trận Tổ quốc tỉnh 2, short_name: Mặt trận, "
                 "level: tỉnh, parent: tinh-2, role: phối hợp}")
    expected["tinh-2"]["partners"].append("mttq-tinh-2")
    expected["mttq-tinh-2"] = {"years": [], "children": [], "partners": []}
    lines = lambda items: "\n".join(items) + "\n"  # noqa: E731
    return (lines(units), lines(funds), lines(organisation), lines(awards), expected)


def write_data(site):
    units, funds, organisation, awards, expected = national()
    site.write("data/units.yaml", units)
    site.write("data/funds.yaml", funds)
    site.write("data/organisation.yaml", organisation)
    site.write("data/awards.yaml", awards)
    return expected


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("many-units"))
    write_association(site.root, unit="tw", name="Trung ương Hội Khuyến học")
    site.expected = write_data(site)
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _links(page, heading):
    """The unit ids linked after ``heading`` in a unit page's facts."""
    found = re.search(rf"<dt>{heading}</dt><dd>(.*?)</dd>", page)
    return re.findall(r'/don-vi/([^/"]+)/"', found.group(1)) if found else []


def test_every_unit_page_is_built_with_its_own_figures(many):
    assert len(many.expected) == 1 + PROVINCES * (COMMUNES + 1) + 2
    for unit_id, wanted in many.expected.items():
        page = many.html(f"don-vi/{unit_id}/index.html")
        assert _links(page, "Đơn vị trực thuộc:") == wanted["children"], unit_id
        assert _links(page, "Đơn vị phối hợp:") == wanted["partners"], unit_id
        if wanted.get("closing"):
            assert '<h2 id="funds">Quỹ khuyến học</h2>' in page, unit_id
            for year, closing in wanted["closing"].items():
                if len(wanted["closing"]) > 1:  # one year: a table of fields
                    assert f'<th scope="row">{year}</th>' in page
                assert _money(closing) in page, (unit_id, year)
            for year, members in wanted["members"].items():
                assert f"{members:,}".replace(",", ".") in page, (unit_id, year)
        elif not wanted.get("issuer") and unit_id != "tw":
            assert "Chưa có số liệu của đơn vị này." in page, unit_id
            assert 'id="funds"' not in page, unit_id
        if wanted.get("issuer") is not None:
            given = f"Khen thưởng do Tỉnh {unit_id.split('-')[1]} trao"
            assert (given in page) is wanted["issuer"], unit_id


def test_a_commune_page_holds_no_other_units_figures(many):
    page = many.html("don-vi/tinh-3-xa-07/index.html")
    own = many.expected["tinh-3-xa-07"]["closing"]
    neighbour = many.expected["tinh-3-xa-08"]["closing"]
    assert all(_money(v) in page for v in own.values())
    assert not any(_money(v) in page for v in neighbour.values())


def test_the_merged_communes_successor_shows_its_predecessors(many):
    page = many.html("don-vi/tinh-1-xa-moi/index.html")
    assert _links(page, "Đơn vị tiền thân:") == ["tinh-1-xa-49", "tinh-1-xa-50"]
    assert ("Từ ngày 01/07/2023, Hội Khuyến học xã 49 tỉnh 1 và Hội Khuyến học xã 50 tỉnh 1 "
            "hợp nhất thành Hội Khuyến học xã mới tỉnh 1") in page
    assert "Quỹ khuyến học (cả đơn vị tiền thân)" in page


# --- the same pages as the scan gave -------------------------------------------------

class _ScanningSite(statistics._Site):
    """The statistics pages as they were made before the indexes: every
    question about a unit answered by a scan of every record or unit."""

    def unit_records(self, name, unit):
        return [r for r in self.records(name) if r["unit"] == unit]

    def has(self, dataset, unit=None, year=None, **equal):
        return any((unit is None or r["unit"] == unit) and (year is None or r["year"] == year)
                   and all(r.get(k) == v for k, v in equal.items())
                   for r in self.records(dataset))

    def years_of(self, dataset, unit):
        return sorted({r["year"] for r in self.records(dataset) if r["unit"] == unit},
                      key=periods.sort_key)

    def predecessors(self, unit_id):
        found, todo = [], [unit_id]
        while todo:
            current = todo.pop()
            for other, unit in self.data.units.items():
                if unit.get("successor") == current and other not in found and other != unit_id:
                    found.append(other)
                    todo.append(other)
        order = list(self.data.units)
        return sorted(found, key=lambda u: (self.data.units[u].get("ended")
                                            or datetime.date.max, order.index(u)))


def _shown(page):
    return (page.save_as, page.template, page.title,
            [(s.heading, s.anchor, [str(b) for b in s.blocks]) for s in page.sections],
            {key: value for key, value in page.extra.items()})


def test_the_statistics_pages_are_those_the_scan_gave(tmp_path):
    site = make_site(tmp_path)
    write_data(site)
    data = datasets.load(str(site.root / "data"))
    settings = {"THEME": str(PROJECT / "theme"), "CACHE_PATH": str(tmp_path / "cache"),
                "RELATIVE_URLS": True, "SITEURL": "", "ASSOCIATION": {"unit": "tw"}}
    context = {"articles": []}
    indexed = statistics._Site(data, figure_render.Renderer(settings), context, settings)
    scanned = _ScanningSite(data, figure_render.Renderer(settings), context, settings)
    pages, reference = indexed.pages(), scanned.pages()
    assert len(pages) == 1 + 3 + 4 + len(data.units)  # overview, datasets, years, units
    assert [p.save_as for p in pages] == [p.save_as for p in reference]
    for page, expected in zip(pages, reference):
        assert _shown(page) == _shown(expected), page.save_as
    units = data.units
    for page in pages:
        unit_id = page.extra.get("unit", {}).get("id")
        if unit_id is None:
            continue
        assert [c["id"] for c in page.extra["children"]] == [
            i for i, u in units.items() if u.get("parent") == unit_id
            and u.get("role") != "phối hợp"]
        assert [c["id"] for c in page.extra["partners"]] == [
            i for i, u in units.items() if u.get("parent") == unit_id
            and u.get("role") == "phối hợp"]
