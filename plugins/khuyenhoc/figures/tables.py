"""Tables of figures, laid out the way the association's reports lay them out.

One unit over a few years reads like the reports' own tables: a row per
field ("Số dư đầu năm", "Huy động trong năm"...) and a column per year. Over
many years the table turns (a row per year) so that it fits a phone. Several
units, or records told apart by more than unit and year (awards, learning
models), give a row per record.
"""

from dataclasses import dataclass, field

from khuyenhoc.data import periods
from khuyenhoc.figures.references import year_span
from khuyenhoc.vietnamese.figure_text import label, lower_first, show, unit_name

NUMERIC = ("money", "count", "percent")
# Beyond this many years, fields become columns and years rows.
YEARS_AS_COLUMNS = 2


@dataclass
class Cell:
    text: str
    numeric: bool = False


@dataclass
class Row:
    header: str
    cells: list


@dataclass
class Table:
    caption: str
    head: list  # column titles, the first over the row headers
    rows: list
    numeric_columns: list = field(default_factory=list)  # indexes into head, 1-based
    dataset: str | None = None


def build(selection, caption=None):
    """The ``Table`` of a checked reference's ``Selection``."""
    units = selection.data.units
    caption = caption or describe_selection(selection)
    by_unit_year = {}
    for record in selection.records:
        by_unit_year.setdefault((record["unit"], record["year"]), []).append(record)
    simple = (len(selection.units) == 1 and not selection.extra_keys
              and all(len(group) == 1 for group in by_unit_year.values()))
    fields = selection.fields
    if not selection.reference.fields:
        fields = _filled(fields, selection.records)
    if simple:
        unit = selection.units[0]
        records = {year: by_unit_year.get((unit, year), [{}])[0] for year in selection.years}
        if len(selection.years) <= YEARS_AS_COLUMNS:
            head = ["Nội dung"] + [periods.heading(year) for year in selection.years]
            rows = [Row(label(f), [_cell(records[year].get(f.name), f, units)
                                   for year in selection.years])
                    for f in fields]
        else:
            head = ["Năm"] + [label(f) for f in fields]
            rows = [Row(periods.short_label(year), [_cell(records[year].get(f.name), f, units)
                                    for f in fields])
                    for year in selection.years]
        return _table(caption, head, rows, selection)

    columns = []
    if len(selection.units) > 1:
        columns.append(selection.field("unit"))
    if len(selection.years) > 1:
        columns.append(selection.field("year"))
    if not selection.reference.fields:
        columns += selection.extra_keys
    columns += fields
    if not selection.reference.fields:
        columns = _filled(columns, selection.records)
    head = [label(f) for f in columns]
    rows = []
    for record in selection.records:
        cells = [_cell(record.get(f.name), f, units) for f in columns]
        rows.append(Row(cells[0].text, cells[1:]))
    return _table(caption, head, rows, selection)


def _table(caption, head, rows, selection):
    numeric = [index for index in range(1, len(head))
               if rows and all(row.cells[index - 1].numeric for row in rows)]
    return Table(caption, head, rows, numeric, selection.dataset.name)


def _filled(fields, records):
    """When every field was asked for, leave out those that no record fills."""
    return [f for f in fields if any(r.get(f.name) not in (None, "", []) for r in records)]


def _cell(value, field_, units):
    if value is None or value == "" or value == []:
        return Cell("—", field_.kind in NUMERIC)
    return Cell(show(value, field_.kind, units=units), field_.kind in NUMERIC)


def describe_selection(selection):
    """'Quỹ khuyến học của Hội Khuyến học Khối, năm 2021–2022'."""
    dataset = selection.dataset
    if len(selection.units) == 1:
        who = f" của {unit_name(selection.units[0], selection.data.units)}"
    else:
        who = " của các đơn vị"
    filters = ", ".join(
        f"{lower_first(label(selection.field(name)))}: "
        f"{show(value, selection.field(name).kind, units=selection.data.units)}"
        for name, value in selection.reference.filters.items())
    filters = f" ({filters})" if filters else ""
    return f"{dataset.title_vi}{who}{filters}, {years_phrase(selection.years)}"


def years_phrase(years):
    if len(years) == 1:
        return periods.label(years[0])
    if not all(periods.is_year(year) for year in years):
        return ", ".join(periods.label(year) for year in years)
    return f"năm {year_span(years)}" if _contiguous(years) else f"các năm {year_span(years)}"


def _contiguous(years):
    return list(years) == list(range(years[0], years[-1] + 1))
