"""The statistics pages, made from the data alone.

    /so-lieu/                overview: the latest figures, charts, every dataset
    /so-lieu/{dataset}/      one dataset: its charts, its fields, a table per unit
    /bao-cao/{yyyy}/         "Báo cáo năm 2018": every dataset's figures of that
                             year, and the articles of that year
    /don-vi/{unit-id}/       one unit: its figures over the years

A page is a list of sections, each made of references written in the
officer's own syntax ("biểu đồ cột nhóm: funds/khoi-cq/* raised disbursed"),
so the pages go through the same checks, tables and charts as the articles.
Only references that the data can fill are written: a dataset with no
figures for a unit simply has no section on its page.
"""

import datetime
from dataclasses import dataclass, field

from pelican.generators import Generator

from khuyenhoc import site_folders
from khuyenhoc.charts import specs
from khuyenhoc.data import periods
from khuyenhoc.data.schema import PARTNER
from khuyenhoc.errors import OfficerError, problems
from khuyenhoc.figures import references, render
from khuyenhoc.figures.references import year_span
from khuyenhoc.pages import share_cards
from khuyenhoc.vietnamese.figure_text import label, unit_name
from khuyenhoc.vietnamese.formats import date as vi_date

OVERVIEW_SAVE_AS = f"{site_folders.STATISTICS}/index.html"
DATASET_SAVE_AS = site_folders.STATISTICS + "/{name}/index.html"
YEAR_SAVE_AS = site_folders.REPORTS + "/{year}/index.html"
UNIT_SAVE_AS = site_folders.UNITS + "/{id}/index.html"

# What each dataset's figures are best seen as, for one unit over the years.
CHARTS_OVER_YEARS = {
    "funds": ["biểu đồ cột nhóm: funds/{unit}/* raised disbursed",
              "biểu đồ đường: funds/{unit}/* closing"],
    "organisation": ["biểu đồ đường: organisation/{unit}/* members",
                     "biểu đồ cột: organisation/{unit}/* branches"],
    "awards": ["biểu đồ cột chồng: awards/{unit}/* count theo=recipient"],
    "support": ["biểu đồ cột: support/{unit}/* value"],
    "learning_models": [],
}
# ... to compare the units in one year, largest first ...
CHARTS_ACROSS_UNITS = {
    "funds": "biểu đồ xếp hạng: funds/*/{year} closing",
    "organisation": "biểu đồ xếp hạng: organisation/*/{year} members",
}
# ... and the parts of one whole, for the association in its latest year.
# (reference, the field it draws): drawn for the latest year the association
# has that figure in, none when it never has (a unit reporting quantities only).
CHARTS_OF_SHARES = {
    "support": ("biểu đồ tròn: support/{unit}/{year} value theo=item", "value"),
}
KIND_NAMES = {
    "money": "tiền (đồng)", "count": "số lượng", "percent": "tỷ lệ (%)", "text": "chữ",
    "year": "năm", "unit": "mã đơn vị", "list": "danh sách", "date": "ngày",
    "measure": "đơn vị tính", "period": "kỳ báo cáo",
}


@dataclass
class Section:
    heading: str
    blocks: list = field(default_factory=list)  # Markup: tables, charts, paragraphs
    anchor: str = ""


@dataclass
class StatsPage:
    save_as: str
    template: str
    title: str
    sections: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    share_image: str | None = None  # the share card's address (production builds)

    @property
    def url(self):
        return self.save_as[: -len("index.html")]


def generator(pelican):
    return StatisticsGenerator


class StatisticsGenerator(Generator):
    """Writes the statistics pages; prepared once the articles are read."""

    # Not "pages": other code takes a generator's "pages" for Pelican's Page objects.
    stats_pages = ()

    def generate_context(self):
        data = self.context.get("data")
        renderer = render.current
        if data is None or renderer is None:
            return
        site = _Site(data, renderer, self.context, self.settings)
        self.stats_pages = site.pages()
        for page in self.stats_pages:
            page.share_image = share_cards.for_stats_page(page, renderer, self.settings)
        self.context["stats_years"] = site.years

    def generate_output(self, writer):
        for page in self.stats_pages:
            writer.write_file(
                page.save_as, self.get_template(page.template), self.context,
                relative_urls=self.settings["RELATIVE_URLS"], stats=page, **page.extra)


class _Site:
    def __init__(self, data, renderer, context, settings):
        self.data = data
        self.renderer = renderer
        self.context = context
        self.unit = main_unit(data, settings)
        self.datasets = [d for d in data.figure_datasets if data.records(d.name)]
        # Year reports are for whole years: a half-year's or a cumulative
        # figure is never one year's (its tables are on the dataset's page).
        self.years = sorted({year for d in self.datasets for year in data.years(d.name)
                             if periods.is_year(year)})
        # Each unit's page asks about its own records, its children and its
        # predecessors: looked up in indexes made once (``Data.records_of``,
        # ``_by_field``, the two below), never by a scan of every record or
        # unit per unit, so that a national site's 3,355 unit pages cost in
        # proportion to its records (bench/national.py --formats site).
        self._field_indexes = {}
        self._children = {}  # parent id -> [unit id], in units.yaml's order
        self._predecessors = {}  # unit id -> the ids whose successor it is
        for unit_id, unit in data.units.items():
            if unit.get("parent") is not None:
                self._children.setdefault(unit["parent"], []).append(unit_id)
            if unit.get("successor") is not None:
                self._predecessors.setdefault(unit["successor"], []).append(unit_id)

    def pages(self):
        pages = [self.overview()]
        pages += [self.dataset_page(dataset) for dataset in self.datasets]
        pages += [self.year_page(year) for year in self.years]
        pages += [self.unit_page(unit_id) for unit_id in self.data.units]
        return pages

    # --- what the pages are made of

    def records(self, name):
        """The records of dataset ``name``; none if the association does not declare it."""
        return self.data.records(name) if name in self.data.datasets else []

    def block(self, text, save_as):
        """The HTML of one reference; None when it cannot be filled."""
        try:
            reference = references.parse(text, block=True)
            selection = references.select(reference, self.data, self.data.datasets)
            return self.renderer.block(selection, save_as)
        except OfficerError as error:
            error.problem = f"trang số liệu {save_as}: {error.problem}"
            problems.add(error)
            return None

    def figure(self, text):
        reference = references.parse(text)
        return self.renderer.figure(references.select(reference, self.data, self.data.datasets))

    def unit_records(self, name, unit):
        """The records of dataset ``name`` for ``unit``, in year order (the index)."""
        return self.data.records_of(name, (unit,)) if name in self.data.datasets else []

    def _by_field(self, name, field_name):
        """Dataset ``name``'s records by the value of ``field_name``, made
        once; None when a value cannot be a key (a list), then scanned."""
        key = (name, field_name)
        if key not in self._field_indexes:
            index = {}
            try:
                for record in self.records(name):
                    index.setdefault(record.get(field_name), []).append(record)
            except TypeError:
                index = None
            self._field_indexes[key] = index
        return self._field_indexes[key]

    def has(self, dataset, unit=None, year=None, **equal):
        if unit is not None:
            candidates = self.unit_records(dataset, unit)
        elif year is not None and not equal:
            return dataset in self.data.datasets and year in self.data.years(dataset)
        elif equal:
            name, value = next(iter(equal.items()))
            index = self._by_field(dataset, name)
            try:
                candidates = self.records(dataset) if index is None else index.get(value, ())
            except TypeError:  # a value that cannot be a key: scanned
                candidates = self.records(dataset)
        else:
            candidates = self.records(dataset)
        return any((unit is None or r["unit"] == unit) and (year is None or r["year"] == year)
                   and all(r.get(k) == v for k, v in equal.items())
                   for r in candidates)

    def years_of(self, dataset, unit):
        return sorted({r["year"] for r in self.unit_records(dataset, unit)},
                      key=periods.sort_key)

    def charts_over_years(self, dataset, unit, save_as):
        years = self.years_of(dataset.name, unit)
        if len(years) < 2 or len({getattr(y, "kind", "year") for y in years}) > 1:
            return []
        records = self.unit_records(dataset.name, unit)
        blocks = []
        for text in CHARTS_OVER_YEARS.get(dataset.name, []):
            text = text.format(unit=unit)
            fields = references.parse(text, block=True).fields
            if all(any(r.get(name) is not None for r in records) for name in fields):
                blocks.append(self.block(text, save_as))
        return [b for b in blocks if b]

    def progress(self, unit, year, save_as):
        if not any(r["year"] == year and (
                r.get("target_registered") is not None or r.get("total"))
                for r in self.unit_records("learning_models", unit)):
            return []
        block = self.block(f"biểu đồ tiến độ: learning_models/{unit}/{year}", save_as)
        return [block] if block else []

    def latest_progress_year(self, unit):
        years = [r["year"] for r in self.unit_records("learning_models", unit)
                 if r.get("target_registered") is not None]
        return max(years) if years else None

    # --- the pages

    def overview(self):
        save_as = OVERVIEW_SAVE_AS
        page = StatsPage(save_as, "stats/overview", "Số liệu")
        page.extra["highlights"] = self.highlights()
        if self.unit:
            for dataset in self.datasets:
                if dataset.name in ("funds", "organisation"):
                    charts = self.charts_over_years(dataset, self.unit, save_as)[:1]
                    if charts:
                        page.sections.append(Section(dataset.title_vi, charts, dataset.name))
        page.extra["datasets"] = [self.dataset_summary(d) for d in self.datasets]
        page.extra["units"] = self.unit_tree()
        return page

    def highlights(self):
        """(label, figure) of the association's latest year, for the overview."""
        wanted = [("organisation", "members"), ("organisation", "branches"),
                  ("funds", "raised"), ("funds", "disbursed"), ("funds", "closing")]
        found = []
        for dataset, name in wanted:
            years = [r["year"] for r in self.unit_records(dataset, self.unit)
                     if r.get(name) is not None]
            if years:
                year = max(years)
                text = (f"{label(self.data.datasets[dataset].field(name))} "
                        f"({periods.short_label(year)})")
                found.append((text, self.figure(f"{dataset}/{self.unit}/{year}/{name}")))
        return found

    def dataset_summary(self, dataset):
        records = self.records(dataset.name)
        return {
            "name": dataset.name,
            "title": dataset.title_vi,
            "url": DATASET_SAVE_AS.format(name=dataset.name)[: -len("index.html")],
            "years": _span(self.data.years(dataset.name)),
            "units": len({r["unit"] for r in records}),
            "records": len(records),
        }

    def unit_tree(self):
        units = self.data.units
        return [{"id": unit_id, "name": unit["name"], "level": unit.get("level"),
                 "parent": unit.get("parent"),
                 "url": UNIT_SAVE_AS.format(id=unit_id)[: -len("index.html")]}
                for unit_id, unit in units.items()]

    def dataset_page(self, dataset):
        save_as = DATASET_SAVE_AS.format(name=dataset.name)
        page = StatsPage(save_as, "stats/dataset", dataset.title_vi)
        page.extra["dataset"] = self.dataset_summary(dataset)
        page.extra["fields"] = [
            {"name": f.name, "label": f.label_vi, "kind": KIND_NAMES[f.kind]}
            for f in dataset.fields]
        units = [u for u in self.data.units if self.has(dataset.name, u)]
        if self.unit in units:
            units.remove(self.unit)
            units.insert(0, self.unit)
        if self.unit and dataset.name == "learning_models":
            year = self.latest_progress_year(self.unit)
            if year:
                page.sections.append(Section(
                    f"Kết quả so với chỉ tiêu năm {year}",
                    self.progress(self.unit, year, save_as), "tien-do"))
        shares, drawn = CHARTS_OF_SHARES.get(dataset.name, (None, None))
        own_years = [year for year in self.years_of(dataset.name, self.unit)
                     if any(r["year"] == year and r.get(drawn) is not None
                            for r in self.unit_records(dataset.name, self.unit))
                     ] if self.unit and shares else []
        if own_years:
            block = self.block(shares.format(unit=self.unit, year=own_years[-1]), save_as)
            if block:
                page.sections.append(Section(f"Cơ cấu năm {own_years[-1]}", [block], "co-cau"))
        latest = max(self.data.years(dataset.name))
        across = CHARTS_ACROSS_UNITS.get(dataset.name)
        with_latest = [u for u in units if self.has(dataset.name, u, latest)]
        if across and len(with_latest) > 1:
            block = self.block(across.format(year=latest), save_as)
            if block:
                page.sections.append(Section(f"So sánh các đơn vị năm {latest}", [block],
                                             "so-sanh"))
        for unit in units:
            blocks = self.charts_over_years(dataset, unit, save_as)
            table = self.block(f"bảng: {dataset.name}/{unit}/*", save_as)
            page.sections.append(Section(unit_name(unit, self.data.units, short=False),
                                         blocks + ([table] if table else []), unit))
        return page

    def year_page(self, year):
        save_as = YEAR_SAVE_AS.format(year=year)
        page = StatsPage(save_as, "stats/year", f"Báo cáo năm {year}")
        for dataset in self.datasets:
            if not self.has(dataset.name, year=year):
                continue
            blocks = []
            if dataset.name == "learning_models" and self.unit:
                blocks += self.progress(self.unit, year, save_as)
            table = self.block(f"bảng: {dataset.name}/*/{year}", save_as)
            page.sections.append(Section(dataset.title_vi, blocks + ([table] if table else []),
                                         dataset.name))
        page.extra["year"] = year
        articles = self.context.get("articles", [])
        page.extra["articles"] = [a for a in articles if a.date.year == year]
        page.extra["citing_articles"] = [a for a in articles if a.date.year != year
                                         and year in getattr(a, "figure_years", ())]
        index = self.years.index(year)
        page.extra["previous_year"] = self.years[index - 1] if index else None
        page.extra["next_year"] = self.years[index + 1] if index + 1 < len(self.years) else None
        return page

    def unit_page(self, unit_id):
        unit = self.data.units[unit_id]
        save_as = UNIT_SAVE_AS.format(id=unit_id)
        page = StatsPage(save_as, "stats/unit", unit["name"])
        units = self.data.units
        page.extra["unit"] = unit
        page.extra["parent"] = (dict(units[unit["parent"]], id=unit["parent"])
                                if unit.get("parent") in units else None)
        below = self._children.get(unit_id, ())
        page.extra["children"] = [dict(units[i], id=i) for i in below
                                  if units[i].get("role") != PARTNER]
        page.extra["partners"] = [dict(units[i], id=i) for i in below
                                  if units[i].get("role") == PARTNER]
        page.extra["successor"] = (dict(units[unit["successor"]], id=unit["successor"])
                                   if unit.get("successor") in units else None)
        lineage = self.predecessors(unit_id)
        page.extra["predecessors"] = [dict(units[u], id=u) for u in lineage]
        change = self.change_sentence(unit_id, lineage) if lineage else None
        page.extra["change"] = change
        for dataset in self.datasets:
            if lineage and any(self.has(dataset.name, u) for u in lineage):
                blocks = self.lineage_blocks(dataset, unit_id, lineage, change, save_as)
                page.sections.append(Section(f"{dataset.title_vi} (cả đơn vị tiền thân)",
                                             blocks, dataset.name + "-tien-than"))
            if not self.has(dataset.name, unit_id):
                continue
            blocks = self.charts_over_years(dataset, unit_id, save_as)
            if dataset.name == "learning_models":
                year = self.latest_progress_year(unit_id)
                blocks += self.progress(unit_id, year, save_as) if year else []
            table = self.block(f"bảng: {dataset.name}/{unit_id}/*", save_as)
            page.sections.append(Section(dataset.title_vi, blocks + ([table] if table else []),
                                         dataset.name))
        if self.has("awards", issuer=unit_id):
            table = self.block(f"bảng: awards/*/* issuer={unit_id}", save_as)
            if table:
                page.sections.append(Section(f"Khen thưởng do {unit['short_name']} trao",
                                             [table], "da-trao"))
        return page


    def predecessors(self, unit_id):
        """The units that ended into ``unit_id``, and theirs, oldest first."""
        found, todo = [], [unit_id]
        while todo:
            current = todo.pop()
            for other in self._predecessors.get(current, ()):
                if other not in found and other != unit_id:
                    found.append(other)
                    todo.append(other)
        order = {u: position for position, u in enumerate(self.data.units)} if found else {}
        return sorted(found, key=lambda u: (self.data.units[u].get("ended")
                                            or datetime.date.max, order[u]))

    def change_sentence(self, unit_id, lineage):
        units = self.data.units
        direct = [u for u in lineage if units[u].get("successor") == unit_id]
        ended = max(units[u]["ended"] for u in direct if units[u].get("ended"))
        names = [units[u]["name"] for u in direct]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]
        verb = "hợp nhất thành" if len(direct) > 1 else "được kế tục bởi"
        day = vi_date(ended + datetime.timedelta(days=1), "short")
        return (f"Từ ngày {day}, {listed} {verb} {units[unit_id]['name']}; số liệu trước "
                "ngày này là của đơn vị cũ.")

    def lineage_blocks(self, dataset, unit_id, lineage, change, save_as):
        """The unit's series with its predecessors', the change marked on the
        chart (the year it happened) and told in its sentence."""
        units = ",".join(u for u in lineage + [unit_id] if self.has(dataset.name, u))
        blocks = []
        for text in CHARTS_OVER_YEARS.get(dataset.name, []) or [None]:
            if text is None:
                break
            reference = references.parse(text.format(unit=units), block=True)
            if len(reference.fields) != 1:
                continue
            try:
                selection = references.select(reference, self.data, self.data.datasets)
                if len(selection.years) < 2:
                    continue
                chart = specs.from_selection(selection)
            except OfficerError:
                continue  # what the data cannot fill is simply not drawn
            ended = max(self.data.units[u]["ended"] for u in lineage
                        if self.data.units[u].get("ended"))
            word = "hợp nhất" if len(lineage) > 1 else "kế tục"
            chart.categories = [
                f"{category} ({word})" if start <= ended < end else category
                for category, (start, end) in zip(
                    chart.categories, (periods.bounds(p) for p in chart.periods))]
            if not any(f"({word})" in c for c in chart.categories):
                # The change falls between two periods: mark the first after it.
                for index, period in enumerate(chart.periods):
                    if periods.bounds(period)[0] > ended:
                        chart.categories[index] += f" ({word})"
                        break
            chart.note = change
            blocks.append(self.renderer.chart_html(chart, save_as))
        table = self.block(f"bảng: {dataset.name}/{units}/*", save_as)
        return blocks + ([table] if table else [])


def _span(years):
    """'2018–2024', then the other periods in words: '2024, 6 tháng đầu năm 2024'."""
    whole = [year for year in years if periods.is_year(year)]
    others = [periods.label(p) for p in years if not periods.is_year(p)]
    return ", ".join(([year_span(whole)] if whole else []) + others)


def main_unit(data, settings):
    """The association whose site this is: ASSOCIATION["unit"], else the unit
    named like the association, else the unit with the most figures."""
    association = settings.get("ASSOCIATION") or {}
    if association.get("unit") in data.units:
        return association["unit"]
    for unit_id, unit in data.units.items():
        if unit.get("name") == association.get("name"):
            return unit_id
    counts = {}
    for dataset in data.figure_datasets:
        for record in data.records(dataset.name):
            counts[record["unit"]] = counts.get(record["unit"], 0) + 1
    return max(counts, key=counts.get) if counts else None

