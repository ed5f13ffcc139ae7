"""The association's own datasets, declared in ``data/datapackage.yaml``.

An association whose bulletins give other figures than ours declares them
itself, without a programmer: a title, the fields with their Vietnamese
titles, each field's kind (``schema.KINDS``) and measure (from the
vocabulary the file also declares: đồng, người, suất...), which fields are
required, which values are allowed, the key, and the named rules
(``record_rules.NAMED``) that hold between its fields.

The file is written in the vocabulary of a Frictionless Data Package
(``resources``, ``schema.fields`` with ``name``/``title``/``constraints``,
``primaryKey``), our additions under keys of our own (``kind``, ``measure``,
``measureField``, ``exact``, ``rules``, ``measures``), so that the
published ``/du-lieu/datapackage.json`` (``datapackage.py``) is this
declaration with the types filled in.

A declaration is checked like the data: every mistake is one Vietnamese
message with its file, line and column, and the data of a dataset whose
declaration is wrong are not read (their messages would only repeat it).
"""

import os
import re
import unicodedata

from khuyenhoc.data import yaml_source
from khuyenhoc.data.schema import KINDS, NUMERIC, TIME_KINDS, UNITS, Dataset, Field, Package, Rule
from khuyenhoc.errors import OfficerError
from khuyenhoc.suggest import closest

FILE = "datapackage.yaml"
NAME = re.compile(r"^[a-z][a-z0-9_]*$")

PACKAGE_KEYS = ("name", "title", "description", "measures", "resources")
RESOURCE_KEYS = ("name", "title", "description", "path", "schema", "rules")
SCHEMA_KEYS = ("fields", "primaryKey")
FIELD_KEYS = ("name", "title", "description", "kind", "measure", "measureField", "exact",
              "targetOf", "targetBase", "constraints")
CONSTRAINT_KEYS = ("required", "enum")
# What each named rule needs, role by role: a single field of one of the
# kinds, or a list of them ("many"). record_rules.NAMED holds the rules.
RULE_ROLES = {
    "fund_ledger": {"opening": "money", "raised": "money", "disbursed": "money",
                    "closing": "money"},
    "in_order": {"fields": ("many", NUMERIC)},
    "parts_within": {"parts": ("many", NUMERIC), "whole": NUMERIC},
    "children_within": {"fields": ("many", NUMERIC)},
    # On the unit list: figures only within a unit's life (started, ended).
    "unit_lifetime": {},
    # On a dataset of members' figures: no record for a partner unit.
    "members_only": {},
}
RULE_KEYS = ("rule", "explanation")
# The fields the code reads in the unit list (the pages, the unit tree).
UNIT_FIELDS = ("id", "name")


def read(data_dir):
    """(Package or None, errors): None when ``data_dir`` declares nothing."""
    path = os.path.join(data_dir, FILE)
    if not os.path.exists(path):
        return None, []
    try:
        text = yaml_source.read_text(path)
    except OfficerError as error:
        return None, [error]
    located, errors = yaml_source.load_all(text, path, "datapackage")
    if located is None:
        return None, errors
    checker = _Checker(path, located, errors)
    return checker.package(located.value), checker.errors


class _Checker:
    def __init__(self, path, located, errors):
        self.path = path
        self.located = located
        self.errors = list(errors)
        # (mapping id, key) for every misspelt key already told: its
        # absence under the right name is the same mistake, not another.
        self.misspelt = set()

    def error(self, parts, problem, found=None, fix=None, at_key=False):
        try:
            if at_key:
                line, column = self.located.key_position(parts)
            else:
                line, column = self.located.position(parts)
        except (KeyError, IndexError, TypeError):
            line, column = self.located.position(parts[:-1]) if parts else (1, 1)
        self.errors.append(OfficerError(
            problem, path=self.path, line=line, column=column,
            field=yaml_source.format_path(("datapackage",) + tuple(parts)) if parts else None,
            found=found, fix=fix))

    def mapping(self, value, parts, keys, what):
        """``value`` if it is a mapping of known keys (unknown ones reported)."""
        if not isinstance(value, dict):
            self.error(parts, f"{what} phải là các dòng `khóa: giá trị`",
                       found=_shown(value),
                       fix="viết mỗi khóa trên một dòng, thụt lề thẳng hàng (xem docs/data.md)")
            return None
        for key in value:
            if key not in keys:
                close = closest(str(key), keys)
                self.misspelt.add((id(value), close))
                self.error(parts + (key,), f"khóa không có trong khai báo {what}",
                           found=str(key), at_key=True,
                           fix=(f'có phải ý bạn là "{close}"? ' if close else "")
                           + "Các khóa: " + ", ".join(keys))
        return value

    def text(self, mapping, key, parts, required=True):
        value = mapping.get(key)
        if value is None or value == "":
            if required and (id(mapping), key) not in self.misspelt:
                self.error(parts, f"thiếu khóa bắt buộc `{key}`",
                           fix=f"thêm dòng `{key}: ...`")
            return None
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            self.error(parts + (key,), f"`{key}` phải là một đoạn chữ", found=_shown(value),
                       fix=f'viết `{key}: "..."`')
            return None
        return unicodedata.normalize("NFC", str(value).strip())

    def name(self, mapping, parts, what):
        name = self.text(mapping, "name", parts)
        if name is not None and not NAME.match(name):
            suggestion = re.sub(r"[^a-z0-9_]+", "_", _ascii(name).lower()).strip("_")
            self.error(parts + ("name",),
                       f"tên {what} chỉ được gồm chữ thường không dấu, chữ số và dấu gạch dưới, "
                       "bắt đầu bằng một chữ", found=name,
                       fix=f"viết `name: {suggestion or 'ten_moi'}`")
            return None
        return name

    def names_list(self, value, parts, what):
        """A list of names, or one name written alone."""
        if isinstance(value, str):
            return [value.strip()]
        if isinstance(value, list) and all(isinstance(v, str) for v in value) and value:
            return [v.strip() for v in value]
        self.error(parts, f"{what} phải là một danh sách tên trường",
                   found=_shown(value), fix="viết ví dụ `[unit, year]`")
        return None

    # --- the package

    def package(self, value):
        if self.mapping(value, (), PACKAGE_KEYS, "gói số liệu") is None:
            return None
        measures = self.measures(value.get("measures"))
        resources = value.get("resources")
        if not isinstance(resources, list) or not resources:
            self.error(("resources",) if "resources" in value else (),
                       "thiếu danh sách bộ số liệu `resources`", found=_shown(resources)
                       if resources is not None else None,
                       fix="viết `resources:` rồi mỗi bộ số liệu một mục bắt đầu bằng `- name: ...`")
            return None
        datasets = {}
        for index, item in enumerate(resources):
            dataset = self.dataset(item, ("resources", index), measures)
            if dataset is None:
                continue
            if dataset.name in datasets:
                self.error(("resources", index, "name"), "hai bộ số liệu trùng tên",
                           found=dataset.name, fix="đặt cho mỗi bộ số liệu một tên riêng")
                continue
            datasets[dataset.name] = dataset
        self.check_units(datasets, resources)
        ordered = {UNITS: datasets[UNITS]} if UNITS in datasets else {}
        ordered.update((n, d) for n, d in datasets.items() if n != UNITS)
        return Package(name=self.text(value, "name", (), required=False) or "so-lieu",
                       title=self.text(value, "title", ()) or "",
                       measures=measures, datasets=ordered, path=self.path)

    def measures(self, value):
        if value is None:
            self.error((), "thiếu danh sách đơn vị tính `measures`",
                       fix="thêm `measures: [đồng, người, suất, quyển, bộ, chiếc, công trình, "
                           "lượt]` (các đơn vị tính Hội dùng)")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            self.error(("measures",), "`measures` phải là một danh sách đơn vị tính",
                       found=_shown(value), fix="viết ví dụ `measures: [đồng, người, suất]`")
            return ()
        return tuple(unicodedata.normalize("NFC", v.strip()) for v in value)

    def dataset(self, item, parts, measures):
        if self.mapping(item, parts, RESOURCE_KEYS, "bộ số liệu") is None:
            return None
        name = self.name(item, parts, "bộ số liệu")
        title = self.text(item, "title", parts)
        file = self.text(item, "path", parts, required=False) or (f"{name}.yaml" if name else None)
        if file is not None and (not file.endswith(".yaml") or "/" in file or "\\" in file):
            self.error(parts + ("path",), "tệp số liệu phải là một tệp .yaml trong thư mục data/",
                       found=file, fix=f"viết `path: {name}.yaml`")
            file = None
        schema = item.get("schema")
        if self.mapping(schema, parts + ("schema",), SCHEMA_KEYS, "bảng (schema)") is None:
            return None
        fields = self.fields(schema.get("fields"), parts + ("schema", "fields"), measures)
        if fields is None or None in (name, title, file):
            return None
        names = [f.name for f in fields]
        key = self.key(schema, parts + ("schema",), names, name)
        rules = self.rules(item.get("rules"), parts + ("rules",), {f.name: f for f in fields})
        if key is None or rules is None:
            return None
        for field in fields:
            for written, named in (("measureField", field.measure_field),
                                   ("targetOf", field.target_of),
                                   ("targetBase", field.target_base)):
                if named and named not in names:
                    self.error(parts + ("schema", "fields", names.index(field.name), written),
                               "không có trường này trong bộ số liệu", found=named,
                               fix=_choose(named, names))
                    return None
        if name != UNITS and not {"unit", "year"} <= set(names):
            missing = " và ".join(f"`{n}`" for n in ("unit", "year") if n not in names)
            self.error(parts + ("schema", "fields"), f"bộ số liệu thiếu trường {missing}",
                       fix="mỗi bộ số liệu có trường `unit` (kind: unit, đơn vị báo cáo) và "
                           "trường `year` (kind: year hoặc period, kỳ báo cáo)")
            return None
        if name != UNITS and fields[names.index("unit")].kind != "unit":
            self.error(parts + ("schema", "fields", names.index("unit"), "kind"),
                       "trường `unit` là đơn vị báo cáo, phải có kind: unit",
                       found=fields[names.index("unit")].kind, fix="viết `kind: unit`")
            return None
        if "year" in names and fields[names.index("year")].kind not in TIME_KINDS:
            self.error(parts + ("schema", "fields", names.index("year"), "kind"),
                       "trường `year` là kỳ báo cáo, phải có kind: year hoặc kind: period",
                       found=fields[names.index("year")].kind,
                       fix="viết `kind: year` (chỉ năm) hoặc `kind: period` (năm, 6 tháng, "
                           "năm học, nhiệm kỳ, cộng dồn)")
            return None
        return Dataset(name=name, title_vi=title, file=file, fields=tuple(fields),
                       key=tuple(key), rules=tuple(rules),
                       description=self.text(item, "description", parts, required=False) or "")

    def fields(self, value, parts, measures):
        if not isinstance(value, list) or not value:
            self.error(parts, "thiếu danh sách trường `fields`", found=_shown(value)
                       if value is not None else None,
                       fix="viết `fields:` rồi mỗi trường một mục bắt đầu bằng `- name: ...`")
            return None
        fields, ok = [], True
        for index, item in enumerate(value):
            field = self.field(item, parts + (index,), measures)
            if field is None:
                ok = False
            elif any(f.name == field.name for f in fields):
                self.error(parts + (index, "name"), "hai trường trùng tên", found=field.name,
                           fix="đặt cho mỗi trường một tên riêng")
                ok = False
            else:
                fields.append(field)
        return fields if ok else None

    def field(self, item, parts, measures):
        if self.mapping(item, parts, FIELD_KEYS, "trường") is None:
            return None
        name = self.name(item, parts, "trường")
        title = self.text(item, "title", parts)
        kind = self.text(item, "kind", parts)
        ok = None not in (name, title, kind)
        if kind is not None and kind not in KINDS:
            close = closest(kind, KINDS)
            self.error(parts + ("kind",), "kiểu trường không có", found=kind,
                       fix=(f'có phải ý bạn là "{close}"? ' if close else "")
                       + "Các kiểu: " + "; ".join(f"{k} ({v[0]})" for k, v in KINDS.items()))
            ok = False
        measure = self.text(item, "measure", parts, required=False)
        if measure is not None and measure not in measures:
            close = closest(measure, measures)
            self.error(parts + ("measure",), "đơn vị tính không có trong danh sách `measures`",
                       found=measure,
                       fix=(f'có phải ý bạn là "{close}"? ' if close else "")
                       + "Các đơn vị tính: " + ", ".join(measures)
                       + "; đơn vị tính mới thì thêm vào `measures` ở đầu tệp")
            ok = False
        if measure is not None and kind in KINDS and kind not in NUMERIC:
            self.error(parts + ("measure",), f"chỉ trường số mới có đơn vị tính; trường này "
                       f"có kind: {kind}", found=measure, fix="bỏ dòng measure")
            ok = False
        exact = item.get("exact")
        if exact is not None and not isinstance(exact, bool):
            self.error(parts + ("exact",), "`exact` chỉ nhận true hoặc false", found=_shown(exact),
                       fix="viết `exact: true` (số phải chính xác, không nhận trên/hơn/gần/"
                           "khoảng) hoặc bỏ dòng này")
            ok = False
        constraints = item.get("constraints") or {}
        required, choices = False, ()
        if self.mapping(constraints, parts + ("constraints",), CONSTRAINT_KEYS,
                        "ràng buộc (constraints)") is None:
            ok = False
        else:
            required = constraints.get("required", False)
            if not isinstance(required, bool):
                self.error(parts + ("constraints", "required"),
                           "`required` chỉ nhận true hoặc false", found=_shown(required),
                           fix="viết `required: true` (bắt buộc) hoặc bỏ dòng này")
                ok = False
            enum = constraints.get("enum")
            if enum is not None:
                if not isinstance(enum, list) or not all(isinstance(v, str) for v in enum):
                    self.error(parts + ("constraints", "enum"),
                               "`enum` phải là danh sách các giá trị được phép",
                               found=_shown(enum), fix="viết ví dụ `enum: [tập thể, cá nhân]`")
                    ok = False
                else:
                    choices = tuple(unicodedata.normalize("NFC", v.strip()) for v in enum)
        measure_field = self.text(item, "measureField", parts, required=False)
        target_of = self.text(item, "targetOf", parts, required=False)
        target_base = self.text(item, "targetBase", parts, required=False)
        if (target_of or target_base) and kind in KINDS and kind not in NUMERIC:
            self.error(parts + ("targetOf" if target_of else "targetBase",),
                       f"chỉ tiêu phải là một trường số; trường này có kind: {kind}",
                       found=target_of or target_base,
                       fix="viết kind: percent (chỉ tiêu tính bằng %) hoặc kind: count")
            ok = False
        if target_base and not target_of:
            self.error(parts + ("targetBase",), "`targetBase` cần đi cùng `targetOf`",
                       found=target_base, fix="thêm dòng `targetOf: tên-trường-được-giao-chỉ-tiêu`")
            ok = False
        if not ok:
            return None
        if kind == "money":
            measure = measure or "đồng"
        if kind == "measure":
            choices = choices or measures
        return Field(name=name, label_vi=title, kind=kind, required=required, choices=choices,
                     exact=exact, measure=measure, measure_field=measure_field,
                     target_of=target_of, target_base=target_base,
                     description=self.text(item, "description", parts, required=False) or "")

    def key(self, schema, parts, names, dataset):
        key = schema.get("primaryKey")
        if key is None:
            self.error(parts, "thiếu khóa chính `primaryKey`",
                       fix="thêm `primaryKey: [unit, year]`: các trường mà hai bản ghi không "
                           "được trùng cả")
            return None
        key = self.names_list(key, parts + ("primaryKey",), "primaryKey")
        if key is None:
            return None
        for name in key:
            if name not in names:
                self.error(parts + ("primaryKey",), "khóa chính gọi một trường không có",
                           found=name, fix=_choose(name, names))
                return None
        return key

    def rules(self, value, parts, fields):
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(parts, "`rules` phải là một danh sách quy tắc", found=_shown(value),
                       fix="viết mỗi quy tắc một mục bắt đầu bằng `- rule: ...`")
            return None
        rules = []
        for index, item in enumerate(value):
            rule = self.rule(item, parts + (index,), fields)
            if rule is None:
                return None
            rules.append(rule)
        return rules

    def rule(self, item, parts, fields):
        if not isinstance(item, dict):
            self.mapping(item, parts, (), "quy tắc")
            return None
        name = self.text(item, "rule", parts)
        if name is None:
            return None
        if name not in RULE_ROLES:
            close = closest(name, RULE_ROLES)
            self.error(parts + ("rule",), "quy tắc không có", found=name,
                       fix=(f'có phải ý bạn là "{close}"? ' if close else "")
                       + "Các quy tắc: " + ", ".join(RULE_ROLES))
            return None
        wanted = RULE_ROLES[name]
        if self.mapping(item, parts, RULE_KEYS + tuple(wanted), f"quy tắc {name}") is None:
            return None
        roles = []
        for role, kinds in wanted.items():
            many = isinstance(kinds, tuple) and kinds[:1] == ("many",)
            kinds = kinds[1] if many else kinds
            kinds = (kinds,) if isinstance(kinds, str) else kinds
            written = item.get(role, None if many else role)
            if written is None:
                self.error(parts, f"quy tắc {name} cần khóa `{role}`",
                           fix=f"thêm dòng `{role}: [...]` với các trường của quy tắc")
                return None
            names = self.names_list(written, parts + (role,), f"`{role}`")
            if names is None or (not many and len(names) != 1):
                if names is not None:
                    self.error(parts + (role,), f"`{role}` là một trường", found=_shown(written),
                               fix=f"viết `{role}: tên-trường`")
                return None
            for field_name in names:
                if field_name not in fields:
                    self.error(parts + (role,), f"quy tắc {name} gọi một trường không có",
                               found=field_name, fix=_choose(field_name, fields))
                    return None
                if fields[field_name].kind not in kinds:
                    self.error(parts + (role,), f"quy tắc {name} cần trường kiểu "
                               + " hoặc ".join(kinds), found=f"{field_name} "
                               f"(kind: {fields[field_name].kind})",
                               fix="chọn một trường số của bộ số liệu này")
                    return None
            roles.append((role, tuple(names) if many else names[0]))
        explanation = self.text(item, "explanation", parts, required=False)
        if explanation is not None and explanation not in fields:
            self.error(parts + ("explanation",), "không có trường giải trình này",
                       found=explanation, fix=_choose(explanation, fields))
            return None
        return Rule(name, tuple(roles), explanation)

    def check_units(self, datasets, resources):
        uses_units = any(f.kind == "unit" for d in datasets.values() for f in d.fields)
        units = datasets.get(UNITS)
        if uses_units and units is None:
            self.error(("resources",), "có trường kind: unit nhưng chưa khai báo bộ số liệu "
                       "`units` (danh sách đơn vị)",
                       fix="thêm bộ số liệu `- name: units` với các trường id, name, "
                           "short_name, level, parent (xem docs/data.md)")
        if units is not None:
            index = next(i for i, r in enumerate(resources)
                         if isinstance(r, dict) and r.get("name") == UNITS)
            for name in UNIT_FIELDS:
                if not units.has_field(name):
                    self.error(("resources", index, "schema", "fields"),
                               f"danh sách đơn vị phải có trường `{name}`",
                               fix=f"thêm trường `- name: {name}`")


def _choose(name, known):
    close = closest(str(name), list(known))
    return (f'có phải ý bạn là "{close}"? ' if close else "") + "Các trường: " + ", ".join(known)


def _ascii(text):
    from unidecode import unidecode
    return unidecode(text)


def _shown(value):
    from khuyenhoc.data.values import shown
    return shown(value)
