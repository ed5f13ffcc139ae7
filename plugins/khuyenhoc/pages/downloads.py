"""Every dataset as a download: /du-lieu/{dataset}.csv and .json, and the whole
as a Frictionless Data Package, /du-lieu/datapackage.json (``datapackage.py``).

The CSV is for Excel: UTF-8 with a byte-order mark (without it Excel shows
"Há»™i" for "Hội"), Vietnamese column headers, CRLF line ends, amounts as
plain digits so that Excel reads them as numbers whatever its locale, and
the qualifier of an approximate figure in a column of its own. The JSON is
for programs: the field names of the YAML, the same values, and
``{field}_qualifier`` beside every figure that may carry one.
"""

import csv
import datetime
import io
import json
import os
import re

from khuyenhoc import site_folders
from khuyenhoc.data.periods import Period
from khuyenhoc.pages import datapackage

FOLDER = site_folders.DOWNLOADS
QUALIFIER_SUFFIX = "_qualifier"


def url(name, extension):
    """'du-lieu/funds.csv': relative to SITEURL, as the contract fixes it."""
    return f"{FOLDER}/{name}.{extension}"


class DownloadsGenerator:
    """Writes the downloads once the data has been read and checked."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.output_path = output_path

    def generate_output(self, writer):
        data = self.context.get("data")
        if data is not None:
            write_all(data, self.output_path)


def write_all(data, output_path):
    folder = os.path.join(output_path, FOLDER)
    os.makedirs(folder, exist_ok=True)
    datapackage.write(data, folder)
    for name in data.datasets:
        with open(os.path.join(folder, f"{name}.csv"), "w", encoding="utf-8-sig",
                  newline="") as handle:
            handle.write(to_csv(data, name))
        with open(os.path.join(folder, f"{name}.json"), "w", encoding="utf-8") as handle:
            handle.write(to_json(data, name))


def _columns(data, dataset):
    """(header, value of a record) for every CSV column."""
    columns = []
    for field in dataset.fields:
        columns.append((field.label_vi, _cell_getter(field.name)))
        if field.kind == "unit":
            columns[-1] = (f"{field.label_vi} (mã)", columns[-1][1])
            columns.append((field.label_vi, _unit_name_getter(data, field.name)))
        if field.takes_qualifier:
            columns.append((f"{field.label_vi}: mức ước lượng", _qualifier_getter(field.name)))
    return columns


def _cell_getter(name):
    return lambda record: _cell(record[name])


def _unit_name_getter(data, name):
    return lambda record: _text(data.units.get(record[name], {}).get("name", "")) if record[name] else ""


def _qualifier_getter(name):
    return lambda record: getattr(record[name], "qualifier", None) or ""


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return _text("; ".join(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Period):
        return value.label
    if isinstance(value, int):
        return int.__repr__(value)
    return _text(str(value))


# A text cell that starts like a formula would run as one in a spreadsheet
# (CSV injection, OWASP): an apostrophe makes Excel and LibreOffice show it as
# text. A spreadsheet set to Vietnamese splits a line on ";" (and one set to
# English on ","), whatever our quotes say once it has split: so a formula
# character after either separator inside a cell, where such a spreadsheet
# starts a new cell, gets its apostrophe too; so does one after a line break
# inside a cell, where a spreadsheet that misreads the quotes starts a row.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_AFTER_SEPARATOR = re.compile(r"([;,\r\n] *)(?=[=+\-@\t\r])")


def _text(text):
    text = _FORMULA_AFTER_SEPARATOR.sub(r"\1'", text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def to_csv(data, name):
    columns = _columns(data, data.datasets[name])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for header, _ in columns])
    for record in data.records(name):
        writer.writerow([get(record) for _, get in columns])
    return buffer.getvalue()


def to_json(data, name):
    dataset = data.datasets[name]
    records = []
    for record in data.records(name):
        item = {}
        for field in dataset.fields:
            value = record[field.name]
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif isinstance(value, Period):
                value = value.short
            item[field.name] = value
            if field.takes_qualifier:
                item[field.name + QUALIFIER_SUFFIX] = getattr(value, "qualifier", None)
        records.append(item)
    document = {
        "dataset": name,
        "title": dataset.title_vi,
        "fields": [{"name": f.name, "label": f.label_vi, "kind": f.kind} for f in dataset.fields],
        "records": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
