"""Rules that look at more than one field or more than one record.

Two sorts: the rules every dataset obeys (unit ids, known units, no loop
of parents, a unique key), and the named rules (``NAMED``: the fund ledger,
figures in order, parts within a whole, children within their parent) that a
declaration in data/datapackage.yaml applies to its own fields
(``schema.Rule``): the code knows what a ledger is, never which dataset
keeps one.

Each rule takes the entries of every dataset (``datasets.Entry``: the
converted record and where it was written) and returns ``OfficerError``s.
Only records whose fields all converted are checked, so one typing mistake
is reported once, not again by every rule that reads the field.
"""

import datetime
import re

from unidecode import unidecode

from khuyenhoc.data import periods
from khuyenhoc.data.schema import LEVELS_ENDED, PARTNER, UNITS
from khuyenhoc.errors import display_path
from khuyenhoc.suggest import closest
from khuyenhoc.vietnamese.figure_text import label, lower_first
from khuyenhoc.vietnamese.formats import date as vi_date
from khuyenhoc.vietnamese.formats import number

_UNIT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

def check(entries, datasets):
    errors = []
    for rule in RULES:
        errors.extend(rule(entries, datasets))
    for dataset in datasets.values():
        for rule in dataset.rules:
            errors.extend(NAMED[rule.name](_valid(entries, dataset.name), dataset, rule,
                                           entries))
    return errors


def _valid(entries, name):
    return [entry for entry in entries.get(name, ()) if entry.valid]


def unit_ids_well_formed(entries, datasets):
    for entry in _valid(entries, UNITS):
        unit_id = entry.record["id"]
        if not _UNIT_ID.match(unit_id):
            suggestion = re.sub(r"[^a-z0-9]+", "-", unidecode(unit_id).lower()).strip("-")
            yield entry.source.error(
                "mã đơn vị chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối",
                field="id", found=unit_id,
                fix=f"viết `id: {suggestion}` và sửa mã này ở các tệp khác nếu đã dùng")


def known_units(entries, datasets):
    # Ids of every unit record that has one, even if another of its fields
    # is wrong: a typo in a unit's name must not make all its figures fail.
    known = [e.record["id"] for e in entries.get(UNITS, ()) if e.record.get("id")]
    # Looked up once per record: a set (3,356 units × 335,000 records of a
    # national association would take the list half a minute).
    known_set = set(known)
    for dataset in datasets.values():
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


def parents_without_loops(entries, datasets):
    """Following ``parent`` upwards must reach a unit without one: in a loop
    no unit is the top, and the association's tree cannot be drawn."""
    units = {e.record["id"]: e for e in _valid(entries, UNITS)}
    reported = set()
    for start in units:
        chain, unit_id = [], start
        while unit_id in units and unit_id not in chain:
            chain.append(unit_id)
            unit_id = units[unit_id].record.get("parent")
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


def unique_keys(entries, datasets):
    for dataset in datasets.values():
        seen = {}
        for entry in _valid(entries, dataset.name):
            key = tuple(entry.record[name] for name in dataset.key)
            first = seen.setdefault(key, entry)
            if first is entry:
                continue
            described = ", ".join(f"{name}: {periods.short(value) if name == 'year' else value}"
                                  for name, value in zip(dataset.key, key) if value is not None)
            where = f"dòng {first.source.line}"
            if first.source.path != entry.source.path:  # YAML and a spreadsheet, two sheets
                where = f"tệp {display_path(first.source.path)}, {where}"
            yield entry.source.error(
                f"bản ghi trùng với bản ghi ở {where}",
                field=None, found=described,
                fix="gộp hai bản ghi thành một, hoặc sửa lại đơn vị, năm cho đúng")


def fund_ledger(valid, dataset, rule, entries):
    """closing = opening + raised − disbursed; opening = last year's closing."""
    opening_, raised_, disbursed_, closing_ = (
        rule.role(role) for role in ("opening", "raised", "disbursed", "closing"))
    by_unit = {}
    unbalanced = set()
    for entry in valid:
        record = entry.record
        if any(record.get(name) is None for name in (opening_, raised_, disbursed_, closing_)):
            continue
        expected = record[opening_] + record[raised_] - record[disbursed_]
        if record[closing_] != expected:
            unbalanced.add(id(entry))
            yield entry.source.error(
                f"số dư cuối năm không khớp sổ quỹ: đầu năm {number(record[opening_])} "
                f"+ huy động {number(record[raised_])} − chi {number(record[disbursed_])} "
                f"= {number(expected)}, nhưng {closing_} ghi {number(record[closing_])}",
                field=closing_, found=str(record[closing_]),
                fix=f"sửa {closing_} thành {expected}, hoặc sửa {opening_}, {raised_}, "
                    f"{disbursed_} cho đúng sổ quỹ")
        if periods.is_year(record.get("year")):
            by_unit.setdefault(record.get("unit"), {})[record["year"]] = entry
    for years in by_unit.values():
        for year, entry in years.items():
            previous = years.get(year - 1)
            # A closing already reported as not balancing: its fix changes
            # it, and a second fix from it would contradict the first.
            if previous is None or id(previous) in unbalanced:
                continue
            opening = entry.record[opening_]
            closing = previous.record[closing_]
            if opening != closing:
                yield entry.source.error(
                    f"số dư đầu năm {year} ({number(opening)}) khác số dư cuối năm "
                    f"{year - 1} ({number(closing)}, dòng {previous.source.position(closing_)[0]})",
                    field=opening_, found=str(opening),
                    fix=f"số dư đầu năm phải bằng số dư cuối năm trước: sửa {opening_} thành "
                        f"{closing}, hoặc sửa {closing_} của năm {year - 1}")


def _said(field):
    """'Đạt danh hiệu' -> 'số đạt danh hiệu'; 'Tổng số' stays 'tổng số'."""
    text = lower_first(label(field))
    return text if text.startswith(("số", "tổng")) else "số " + text


def _override_fix(rule, entry):
    """How to keep a record's figures its source really gives: in YAML a
    line, in a spreadsheet a cell of the explanation's column."""
    return ("kiểm tra lại số liệu; nếu báo cáo gốc đúng là như vậy, "
            + entry.source.write_field(rule.explanation, '"lý do"')
            + " để giữ nguyên số liệu"
            if rule.explanation else "kiểm tra lại số liệu")


def in_order(valid, dataset, rule, entries):
    """Each field at most the next one (achieved ≤ registered ≤ total),
    unless the record explains in the rule's ``explanation`` field why its
    source says otherwise."""
    names = rule.role("fields")
    for entry in valid:
        record = entry.record
        if rule.explanation and record.get(rule.explanation):
            continue
        fix = _override_fix(rule, entry)
        present = [name for name in names if record.get(name) is not None]
        # Neighbours among the figures present: a missing middle one
        # compares its neighbours directly.
        for smaller, larger in zip(present, present[1:]):
            if record[smaller] > record[larger]:
                yield entry.source.error(
                    f"{_said(dataset.field(smaller))} ({smaller}) lớn hơn "
                    f"{_said(dataset.field(larger))} ({larger})",
                    field=smaller,
                    found=f"{smaller}: {record[smaller]}, {larger}: {record[larger]}",
                    fix=fix)


def parts_within(valid, dataset, rule, entries):
    """The parts add up to at most the whole (ratings within those achieved)."""
    parts, whole = rule.role("parts"), rule.role("whole")
    labels = [label(dataset.field(name)) for name in parts]
    words = [text.split(" ") for text in labels]
    common = 0
    while all(len(w) > common + 1 and w[common] == words[0][common] for w in words):
        common += 1
    said = (lower_first(" ".join(words[0][:common])) + " "
            + ", ".join(" ".join(w[common:]) for w in words)).strip()
    for entry in valid:
        record = entry.record
        if rule.explanation and record.get(rule.explanation):
            continue
        rated = [record[name] for name in parts if record.get(name) is not None]
        if rated and record.get(whole) is not None and sum(rated) > record[whole]:
            yield entry.source.error(
                f"tổng số {said} lớn hơn {_said(dataset.field(whole))} ({whole})",
                field=next(name for name in parts if record.get(name) is not None),
                found=f"{' + '.join(str(n) for n in rated)} = {sum(rated)}, "
                      f"{whole}: {record[whole]}",
                fix=_override_fix(rule, entry))


def children_within(valid, dataset, rule, entries):
    """A parent's reported figure is at least the sum of its children's for the
    same period (and the same other key values): the children are part of it."""
    parents = {e.record["id"]: e.record.get("parent") for e in _valid(entries, UNITS)}
    partners = {e.record["id"] for e in _valid(entries, UNITS)
                if e.record.get("role") == PARTNER}
    others = [name for name in dataset.key if name not in ("unit", "year")]
    groups = {}
    for entry in valid:
        record = entry.record
        group = (record.get("year"),) + tuple(record.get(name) for name in others)
        groups.setdefault(group, {})[record.get("unit")] = entry
    for group in groups.values():
        for unit, entry in group.items():
            children = [group[child] for child, parent in parents.items()
                        if parent == unit and child in group and child not in partners]
            if not children:
                continue
            for name in rule.role("fields"):
                reported = entry.record.get(name)
                values = [c.record.get(name) for c in children if c.record.get(name) is not None]
                if reported is None or not values or getattr(reported, "qualifier", None):
                    continue
                if any(getattr(v, "qualifier", None) for v in values):
                    continue
                if sum(values) > reported:
                    listed = " + ".join(f"{c.record['unit']} {number(c.record[name])}"
                                        for c in children if c.record.get(name) is not None)
                    yield entry.source.error(
                        f"{_said(dataset.field(name))} của đơn vị ({number(reported)}) nhỏ hơn "
                        f"tổng của các đơn vị cấp dưới: {listed} = {number(sum(values))}",
                        field=name, found=str(int(reported)),
                        fix=f"sửa {name} của đơn vị này hoặc của các đơn vị cấp dưới cho "
                            "khớp báo cáo; đơn vị phối hợp (partner: true) không tính vào")


def _day(date):
    return vi_date(date, "short")


def unit_lifetime(valid, dataset, rule, entries):
    """A unit's figures fall within its life; an ended unit names when; a
    district-level unit ended when districts did (30/6/2025)."""
    units = {e.record["id"]: e for e in valid}
    for entry in valid:
        record = entry.record
        started, ended = record.get("started"), record.get("ended")
        if started and ended and ended < started:
            yield entry.source.error(
                f"ngày kết thúc ({_day(ended)}) trước ngày thành lập ({_day(started)})",
                field="ended", found=ended.isoformat(), fix="sửa lại một trong hai ngày")
        if record.get("successor") and not ended:
            yield entry.source.error(
                "có đơn vị kế tục nhưng chưa ghi ngày kết thúc", field="successor",
                found=record["successor"],
                fix="thêm dòng `ended: 2025-06-30` (ngày đơn vị thôi hoạt động, hợp nhất, "
                    "đổi tên), hoặc bỏ dòng successor")
        until = LEVELS_ENDED.get(record.get("level"))
        if until and (ended is None or ended > until):
            yield entry.source.error(
                f"cấp {record['level']} không còn từ ngày "
                f"{_day(until + datetime.timedelta(days=1))}",
                field="ended" if ended else "level", found=ended.isoformat() if ended
                else record["level"],
                fix=f"ghi `ended: {until.isoformat()}` (hoặc ngày sớm hơn) và `successor: ...` "
                    "(đơn vị cấp xã hoặc cấp tỉnh kế tục), hoặc sửa cấp của đơn vị")
    if not any(e.record.get("started") or e.record.get("ended") for e in valid):
        return  # no unit has a life to check figures against
    for name, entries_ in entries.items():
        if name == UNITS:
            continue
        for entry in entries_:
            if not entry.valid:
                continue
            record = entry.record
            unit = units.get(record.get("unit"))
            when = record.get("year")
            if unit is None or when is None:
                continue
            start, end = periods.bounds(when)
            started, ended = unit.record.get("started"), unit.record.get("ended")
            if ended and start > ended:
                successor = unit.record.get("successor")
                after = f', kế tục là "{successor}"' if successor else ""
                yield entry.source.error(
                    f'đơn vị "{record["unit"]}" đã kết thúc ngày {_day(ended)}{after}: không có '
                    f"số liệu {periods.label(when)}",
                    field="year", found=periods.short(when),
                    fix=(f'ghi số liệu này cho đơn vị kế tục: `unit: {successor}`'
                         if successor else "sửa năm, kỳ báo cáo hoặc đơn vị")
                    + f" (xem ended của {record['unit']} ở data/units.yaml dòng "
                      f"{unit.source.line})")
            elif started and end < started:
                yield entry.source.error(
                    f'đơn vị "{record["unit"]}" thành lập ngày {_day(started)}: không có số liệu '
                    f"{periods.label(when)}",
                    field="year", found=periods.short(when),
                    fix="ghi số liệu trước ngày này cho đơn vị tiền thân (đơn vị có "
                        f"`successor: {record['unit']}`), hoặc sửa năm, kỳ báo cáo")


def members_only(valid, dataset, rule, entries):
    """Partner organisations (role: phối hợp) are not members: no figure of theirs
    is counted among the association's own."""
    partners = {e.record["id"]: e for e in _valid(entries, UNITS)
                if e.record.get("role") == PARTNER}
    for entry in valid:
        unit = entry.record.get("unit")
        if unit in partners:
            yield entry.source.error(
                f'"{unit}" là đơn vị phối hợp, không phải đơn vị thành viên: bộ số liệu '
                f'"{dataset.title_vi}" chỉ tính các đơn vị thành viên của Hội',
                field="unit", found=unit,
                fix="ghi số liệu của đơn vị phối hợp vào bộ số liệu về phối hợp, không cộng "
                    f"vào {dataset.file}; nếu đây là đơn vị thành viên, bỏ `role: phối hợp` ở "
                    f"data/units.yaml dòng {partners[unit].source.line}")


NAMED = {
    "fund_ledger": fund_ledger,
    "in_order": in_order,
    "parts_within": parts_within,
    "children_within": children_within,
    "unit_lifetime": unit_lifetime,
    "members_only": members_only,
}

RULES = (unit_ids_well_formed, known_units, parents_without_loops, unique_keys)
