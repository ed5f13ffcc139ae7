"""What a declared dataset is made of: fields of known kinds, a key, named rules.

The datasets themselves are not here: the association declares them in
``data/datapackage.yaml`` (read and checked by ``declarations.py``), in the
vocabulary of a Frictionless Data Package with our additions (``kind``,
``measure``, ``exact``, ``rules``). The code keeps only what a declaration
chooses from: the kinds of field (each with its converter in
``field_values.py``), the named rules (``record_rules.py``) and the limits
that tell a typing mistake from a fact.
"""

import datetime
from dataclasses import dataclass

# Every kind of field: what the officer reads about it, and the Frictionless
# Table Schema type it is published as (datapackage.json).
KINDS = {
    "money": ("số tiền (đồng)", "integer"),
    "count": ("số đếm", "integer"),
    "percent": ("tỷ lệ phần trăm", "number"),
    "text": ("chữ", "string"),
    "year": ("năm", "integer"),
    "period": ("kỳ báo cáo (năm, 6 tháng, năm học, nhiệm kỳ, cộng dồn)", "string"),
    "unit": ("mã đơn vị", "string"),
    "measure": ("đơn vị tính", "string"),
    "list": ("danh sách", "array"),
    "date": ("ngày", "date"),
}
# Kinds whose values are figures: they may be added, charted, compared.
NUMERIC = ("money", "count", "percent")
# The kinds that say when a record's figures hold.
TIME_KINDS = ("year", "period")

# The words an officer puts before an approximate figure ("hơn 8000").
QUALIFIERS = ("trên", "hơn", "gần", "khoảng")

# Study-promotion associations date from 1996 (Hội Khuyến học Việt Nam).
FIRST_YEAR = 1996

# Ceilings above which a figure is a typing mistake (an extra zero or
# three) rather than a fact: 100 tỷ đồng is far beyond any fund of a
# province's association, 100 million people beyond any membership.
MAX_MONEY = 100_000_000_000
MAX_COUNT = 100_000_000

# The dataset that lists the units, which every ``unit`` field refers to.
UNITS = "units"
# A unit whose ``role`` is this is a partner organisation, not a member.
PARTNER = "phối hợp"
# Levels of the administration that no longer exist after a date: since
# 1 July 2025 Vietnam has provinces and communes, no districts.
LEVELS_ENDED = {"huyện": datetime.date(2025, 6, 30)}


@dataclass(frozen=True)
class Field:
    name: str
    label_vi: str
    kind: str
    required: bool = False
    # The only values allowed (text fields), in the officer's spelling.
    choices: tuple = ()
    # Money and counts that must be exact to the đồng (a ledger): no
    # qualifier, since an approximate figure cannot balance. Unsaid (None),
    # money and counts may be approximate ("hơn 8000"), percentages may not:
    # a percentage takes "gần", "hơn"... only when declared ``exact: false``.
    exact: bool | None = None
    # What the figures count (đồng, người, suất...), from the association's
    # vocabulary; or the name of the field of the same record that says it.
    measure: str | None = None
    measure_field: str | None = None
    description: str = ""
    # The figure this field is the target (chỉ tiêu) of; for a percentage of
    # a share, the field it is a share of (registered of total).
    target_of: str | None = None
    target_base: str | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"field {self.name}: unknown kind {self.kind!r}")

    @property
    def takes_qualifier(self):
        if self.kind == "percent":
            return self.exact is False
        return self.kind in ("money", "count") and not self.exact

    @property
    def numeric(self):
        return self.kind in NUMERIC

    def measure_of(self, record):
        """What this field's figure in ``record`` counts: đồng, suất, %..."""
        if self.measure_field:
            return record.get(self.measure_field)
        if self.kind == "percent":
            return "%"
        return self.measure


@dataclass(frozen=True)
class Rule:
    """A named rule (``record_rules.NAMED``) applied to some of a dataset's
    fields: ``roles`` maps what the rule calls a field to the field's name."""

    name: str
    roles: tuple  # ((role, field name or tuple of names), ...)
    explanation: str | None = None  # a text field that lets a record through

    def role(self, name, default=None):
        return dict(self.roles).get(name, default)


@dataclass(frozen=True)
class Dataset:
    name: str
    title_vi: str
    file: str
    fields: tuple
    key: tuple
    rules: tuple = ()
    description: str = ""

    def field(self, name):
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    def has_field(self, name):
        return any(field.name == name for field in self.fields)

    def mixed_measures(self, fields, records):
        """The measures of ``fields`` over ``records`` when there are several
        (figures that may not be added or put on one axis); else None."""
        found = []
        for field in fields:
            for record in records:
                if record.get(field.name) is None:
                    continue
                measure = field.measure_of(record)
                if measure not in found:
                    found.append(measure)
        return found if len(found) > 1 else None

    @property
    def field_names(self):
        return [field.name for field in self.fields]

    @property
    def time_field(self):
        """The field that says when (year or period), if the dataset has one."""
        return next((f.name for f in self.fields if f.kind in TIME_KINDS), None)

    @property
    def unit_field(self):
        """The field naming the unit that reports the record (the first unit field)."""
        return next((f.name for f in self.fields if f.kind == "unit"), None)


@dataclass(frozen=True)
class Package:
    """Everything ``data/datapackage.yaml`` declares."""

    name: str
    title: str
    measures: tuple
    datasets: dict  # name -> Dataset, the units first
    path: str | None = None
