"""Rules that look at more than one field or more than one record.

Each rule takes the entries of every dataset (``datasets.Entry``: the
converted record and where it was written) and returns ``OfficerError``s.
Only records whose fields all converted are checked, so one typing mistake
is reported once, not again by every rule that reads the field.
"""

import re

from unidecode import unidecode

from .errors import display_path
from .formats import number
from .schema import DATASETS
from .suggest import closest

_UNIT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

OVERRIDE = "override_note"


def check(entries):
    errors = []
    for rule in RULES:
        errors.extend(rule(entries))
    return errors


def _valid(entries, name):
    return [entry for entry in entries[name] if entry.valid]


def unit_ids_well_formed(entries):
    for entry in _valid(entries, "units"):
        unit_id = entry.record["id"]
        if not _UNIT_ID.match(unit_id):
            suggestion = re.sub(r"[^a-z0-9]+", "-", unidecode(unit_id).lower()).strip("-")
            yield entry.source.error(
                "mã đơn vị chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối",
                field="id", found=unit_id,
                fix=f"viết `id: {suggestion}` và sửa mã này ở các tệp khác nếu đã dùng")


def known_units(entries):
    # Ids of every unit record that has one, even if another of its fields
    # is wrong: a typo in a unit's name must not make all its figures fail.
    known = [e.record["id"] for e in entries["units"] if e.record.get("id")]
    # Looked up once per record: a set (3,356 units × 335,000 records of a
    # national association would take the list half a minute).
    known_set = set(known)
    for dataset in DATASETS.values():
        unit_fields = [f.name for f in dataset.fields if f.kind == "unit"]
        for entry in _valid(entries, dataset.name):
            for name in unit_fields:
                unit_id = entry.record[name]
                if unit_id is None or unit_id in known_set:
                    continue
                close = closest(unit_id, known)
                fix = (f'có phải ý bạn là "{close}"? Nếu là đơn vị mới, thêm nó vào units.yaml'
                       if close else
                       "dùng một mã có trong units.yaml hoặc thêm đơn vị này vào units.yaml")
                yield entry.source.error("mã đơn vị không có trong units.yaml",
                                         field=name, found=unit_id, fix=fix)


def parents_without_loops(entries):
    """Following ``parent`` upwards must reach a unit without one: in a loop
    no unit is the top, and the association's tree cannot be drawn."""
    units = {e.record["id"]: e for e in _valid(entries, "units")}
    reported = set()
    for start in units:
        chain, unit_id = [], start
        while unit_id in units and unit_id not in chain:
            chain.append(unit_id)
            unit_id = units[unit_id].record["parent"]
        if unit_id not in chain:
            continue  # reached the top, or an unknown id (known_units says so)
        loop = chain[chain.index(unit_id):]
        if frozenset(loop) in reported:
            continue
        reported.add(frozenset(loop))
        # Told once, at the loop's first unit in the file, in the order it runs.
        first = min(range(len(loop)), key=lambda i: units[loop[i]].source.index)
        loop = loop[first:] + loop[:first]
        path = " → ".join(f"{u} (dòng {units[u].source.line})" for u in loop)
        yield units[loop[0]].source.error(
            f"đơn vị cấp trên tạo thành vòng lặp: {path} → {loop[0]}",
            field="parent", found=units[loop[0]].record["parent"],
            fix=f"sửa parent của một trong các đơn vị {', '.join(loop)} thành đúng đơn vị "
                "cấp trên; đơn vị cao nhất (Hội cấp trên cùng) không có dòng parent")


def unique_keys(entries):
    for dataset in DATASETS.values():
        seen = {}
        for entry in _valid(entries, dataset.name):
            key = tuple(entry.record[name] for name in dataset.key)
            first = seen.setdefault(key, entry)
            if first is entry:
                continue
            described = ", ".join(f"{name}: {value}" for name, value
                                  in zip(dataset.key, key) if value is not None)
            where = f"dòng {first.source.line}"
            if first.source.path != entry.source.path:  # YAML and a spreadsheet, two sheets
                where = f"tệp {display_path(first.source.path)}, {where}"
            yield entry.source.error(
                f"bản ghi trùng với bản ghi ở {where}",
                field=None, found=described,
                fix="gộp hai bản ghi thành một, hoặc sửa lại đơn vị, năm cho đúng")


def fund_ledger(entries):
    """closing = opening + raised − disbursed; opening = last year's closing."""
    by_unit = {}
    unbalanced = set()
    for entry in _valid(entries, "funds"):
        record = entry.record
        expected = record["opening"] + record["raised"] - record["disbursed"]
        if record["closing"] != expected:
            unbalanced.add(id(entry))
            yield entry.source.error(
                f"số dư cuối năm không khớp sổ quỹ: đầu năm {number(record['opening'])} "
                f"+ huy động {number(record['raised'])} − chi {number(record['disbursed'])} "
                f"= {number(expected)}, nhưng closing ghi {number(record['closing'])}",
                field="closing", found=str(record["closing"]),
                fix=f"sửa closing thành {expected}, hoặc sửa opening, raised, disbursed "
                    "cho đúng sổ quỹ")
        by_unit.setdefault(record["unit"], {})[record["year"]] = entry
    for years in by_unit.values():
        for year, entry in years.items():
            previous = years.get(year - 1)
            # A closing already reported as not balancing: its fix changes
            # it, and a second fix from it would contradict the first.
            if previous is None or id(previous) in unbalanced:
                continue
            opening = entry.record["opening"]
            closing = previous.record["closing"]
            if opening != closing:
                yield entry.source.error(
                    f"số dư đầu năm {year} ({number(opening)}) khác số dư cuối năm "
                    f"{year - 1} ({number(closing)}, dòng {previous.source.position('closing')[0]})",
                    field="opening", found=str(opening),
                    fix=f"số dư đầu năm phải bằng số dư cuối năm trước: sửa opening thành "
                        f"{closing}, hoặc sửa closing của năm {year - 1}")


# (smaller, larger): the smaller may not exceed the larger.
_ORDER = (("achieved", "registered"), ("registered", "total"), ("achieved", "total"))
_SAID = {"achieved": "số đạt danh hiệu", "registered": "số đăng ký", "total": "tổng số"}
_RATINGS = ("rated_good", "rated_fair", "rated_average")


def learning_counts_in_order(entries):
    """achieved ≤ registered ≤ total, and the ratings add up to at most achieved,
    unless the record explains in ``override_note`` why its source says otherwise."""
    for entry in _valid(entries, "learning_models"):
        record = entry.record
        if record[OVERRIDE]:
            continue
        fix = ("kiểm tra lại số liệu; nếu báo cáo gốc đúng là như vậy, "
               + entry.source.write_field(OVERRIDE, '"lý do"')
               + " để giữ nguyên số liệu")
        for smaller, larger in _ORDER:
            if record[smaller] is None or record[larger] is None:
                continue
            if smaller == "achieved" and larger == "total" and record["registered"] is not None:
                continue  # already covered by the two steps
            if record[smaller] > record[larger]:
                yield entry.source.error(
                    f"{_SAID[smaller]} ({smaller}) lớn hơn {_SAID[larger]} ({larger})",
                    field=smaller,
                    found=f"{smaller}: {record[smaller]}, {larger}: {record[larger]}",
                    fix=fix)
        rated = [record[name] for name in _RATINGS if record[name] is not None]
        if rated and record["achieved"] is not None and sum(rated) > record["achieved"]:
            yield entry.source.error(
                "tổng số xếp loại Tốt, Khá, Trung bình lớn hơn số đạt danh hiệu (achieved)",
                field=next(name for name in _RATINGS if record[name] is not None),
                found=f"{' + '.join(str(n) for n in rated)} = {sum(rated)}, "
                      f"achieved: {record['achieved']}",
                fix=fix)


RULES = (unit_ids_well_formed, known_units, parents_without_loops, unique_keys,
         fund_ledger, learning_counts_in_order)
