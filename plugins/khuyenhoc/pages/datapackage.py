"""The association's figures as a Frictionless Data Package: /du-lieu/datapackage.json.

Open-data portals (CKAN) and tools (frictionless, Open Data Editor) read a
Data Package as it is: every declared dataset is a tabular resource with its
Table Schema (types, constraints, primary key, foreign keys to the unit list,
Vietnamese titles). The descriptor is the association's own declaration
(data/datapackage.yaml) with the Frictionless types filled in from our kinds;
our additions (``kind``, ``measure``...) stay, as the standard allows.

Each resource's table is a CSV beside it (``bang/{dataset}.csv``) whose
header is the field names, as the Table Schema requires; the qualifier of an
approximate figure has a column of its own (``members_qualifier``). The
Excel-friendly downloads (``downloads.py``) keep their Vietnamese headers.
"""

import csv
import datetime
import io
import json
import os

from khuyenhoc.data import periods
from khuyenhoc.data.schema import KINDS, MAX_COUNT, MAX_MONEY, QUALIFIERS, UNITS

FILE = "datapackage.json"
TABLES = "bang"
QUALIFIER_SUFFIX = "_qualifier"
# A period written short (periods.py): 2022, 6t-2022, nh-2023-2024, lk-2016-t10.2019.
PERIOD_PATTERN = (r"\d{4}|6tc?-\d{4}|(nh|nk)-\d{4}-\d{4}|lk-(t\d{1,2}\.)?\d{4}-(t\d{1,2}\.)?\d{4}")


def descriptor(data):
    """The datapackage.json of ``data``, as a dict."""
    package = data.package
    return {
        "name": package.name,
        "title": package.title,
        "measures": list(package.measures),
        "resources": [_resource(dataset, data) for dataset in data.datasets.values()],
    }


def _resource(dataset, data):
    fields = []
    for field in dataset.fields:
        fields.append(_field(field))
        if field.takes_qualifier:
            fields.append({
                "name": field.name + QUALIFIER_SUFFIX,
                "title": f"{field.label_vi}: mức ước lượng",
                "type": "string",
                "constraints": {"enum": list(QUALIFIERS)},
            })
    schema = {"fields": fields, "primaryKey": list(dataset.key)}
    foreign = [{"fields": field.name, "reference": {"resource": UNITS, "fields": "id"}}
               for field in dataset.fields if field.kind == "unit"]
    if foreign and UNITS in data.datasets:
        schema["foreignKeys"] = foreign
    resource = {
        "name": dataset.name,
        "title": dataset.title_vi,
        "path": f"{TABLES}/{dataset.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }
    if dataset.description:
        resource["description"] = dataset.description
    if dataset.rules:
        resource["rules"] = [dict(rule.roles, rule=rule.name) for rule in dataset.rules]
    return resource


def _field(field):
    spec = {"name": field.name, "title": field.label_vi, "type": KINDS[field.kind][1],
            "kind": field.kind}
    if field.description:
        spec["description"] = field.description
    if field.measure:
        spec["measure"] = field.measure
    if field.measure_field:
        spec["measureField"] = field.measure_field
    if field.target_of:
        spec["targetOf"] = field.target_of
    if field.target_base:
        spec["targetBase"] = field.target_base
    constraints = {}
    if field.required:
        constraints["required"] = True
    if field.choices:
        constraints["enum"] = list(field.choices)
    if field.kind in ("money", "count"):
        constraints.update(minimum=0, maximum=MAX_MONEY if field.kind == "money" else MAX_COUNT)
    elif field.kind == "percent":
        constraints.update(minimum=0, maximum=100)
    elif field.kind == "period":
        constraints["pattern"] = PERIOD_PATTERN
    elif field.kind == "list":
        spec["type"] = "string"  # the names joined by "; " in the CSV
    if constraints:
        spec["constraints"] = constraints
    return spec


def table(data, dataset):
    """The CSV of one resource: field names as header, values as the schema types say."""
    names = []
    for field in dataset.fields:
        names.append(field.name)
        if field.takes_qualifier:
            names.append(field.name + QUALIFIER_SUFFIX)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for record in data.records(dataset.name):
        row = []
        for field in dataset.fields:
            value = record.get(field.name)
            row.append(_value(value))
            if field.takes_qualifier:
                row.append(getattr(value, "qualifier", None) or "")
        writer.writerow(row)
    return buffer.getvalue()


def _value(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, periods.Period):
        return value.short
    if isinstance(value, float):
        return float.__repr__(float(value))
    if isinstance(value, int):
        return int.__repr__(value)
    return str(value)


def write(data, folder):
    """datapackage.json and its tables into ``folder`` (the site's /du-lieu/)."""
    if data.package is None:
        return
    os.makedirs(os.path.join(folder, TABLES), exist_ok=True)
    for dataset in data.datasets.values():
        with open(os.path.join(folder, TABLES, f"{dataset.name}.csv"), "w", encoding="utf-8",
                  newline="") as handle:
            handle.write(table(data, dataset))
    with open(os.path.join(folder, FILE), "w", encoding="utf-8") as handle:
        json.dump(descriptor(data), handle, ensure_ascii=False, indent=1)
        handle.write("\n")
