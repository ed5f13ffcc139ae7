"""The shape of the association's figures, declared as code.

One ``Dataset`` per YAML file in ``data/``; each lists its ``Field``s in
the order the officer writes them, the CSV columns follow and the docs
(docs/data.md) describe. The validators (``field_values.py``,
``record_rules.py``) read these declarations, never a hard-coded field name
outside the rules that concern it.
"""

from dataclasses import dataclass

KINDS = ("money", "count", "percent", "text", "year", "unit", "list", "date")

# The words an officer puts before an approximate figure ("hơn 8000").
QUALIFIERS = ("trên", "hơn", "gần", "khoảng")

# Study-promotion associations date from 1996 (Hội Khuyến học Việt Nam).
FIRST_YEAR = 1996

# Ceilings above which a figure is a typing mistake (an extra zero or
# three) rather than a fact: 100 tỷ đồng is far beyond any fund of a
# province's association, 100 million people beyond any membership.
MAX_MONEY = 100_000_000_000
MAX_COUNT = 100_000_000


@dataclass(frozen=True)
class Field:
    name: str
    label_vi: str
    kind: str
    required: bool = False
    # The only values allowed (text fields), in the officer's spelling.
    choices: tuple = ()
    # Money and counts that must be exact to the đồng (a ledger): no
    # qualifier, since an approximate figure cannot balance.
    exact: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"field {self.name}: unknown kind {self.kind!r}")

    @property
    def takes_qualifier(self):
        return self.kind in ("money", "count") and not self.exact


@dataclass(frozen=True)
class Dataset:
    name: str
    title_vi: str
    file: str
    fields: tuple
    key: tuple

    def field(self, name):
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    @property
    def field_names(self):
        return [field.name for field in self.fields]


def _unit_year(unit_label="Đơn vị"):
    return (
        Field("unit", unit_label, "unit", required=True),
        Field("year", "Năm", "year", required=True),
    )


NOTE = Field("note", "Ghi chú", "text")

LEVELS = ("trung ương", "tỉnh", "khối", "cơ sở")
AWARD_KINDS = ("Bằng khen", "Giấy khen", "Kỷ niệm chương", "Cờ thi đua")
RECIPIENTS = ("tập thể", "cá nhân")
MODELS = (
    "Gia đình học tập",
    "Dòng họ học tập",
    "Cộng đồng học tập",
    "Đơn vị học tập",
    "Công dân học tập",
)

UNITS = Dataset(
    name="units",
    title_vi="Danh sách đơn vị",
    file="units.yaml",
    fields=(
        Field("id", "Mã đơn vị", "text", required=True),
        Field("name", "Tên đơn vị", "text", required=True),
        Field("short_name", "Tên ngắn", "text", required=True),
        Field("level", "Cấp", "text", required=True, choices=LEVELS),
        Field("parent", "Đơn vị cấp trên", "unit"),
    ),
    key=("id",),
)

FUNDS = Dataset(
    name="funds",
    title_vi="Quỹ khuyến học",
    file="funds.yaml",
    fields=_unit_year() + (
        Field("opening", "Số dư đầu năm (đồng)", "money", required=True, exact=True),
        Field("raised", "Huy động trong năm (đồng)", "money", required=True, exact=True),
        Field("disbursed", "Chi trong năm (đồng)", "money", required=True, exact=True),
        Field("closing", "Số dư cuối năm (đồng)", "money", required=True, exact=True),
        NOTE,
    ),
    key=("unit", "year"),
)

AWARDS = Dataset(
    name="awards",
    title_vi="Khen thưởng",
    file="awards.yaml",
    fields=_unit_year("Đơn vị được khen") + (
        Field("issuer", "Cấp khen", "unit", required=True),
        Field("kind", "Hình thức khen", "text", required=True, choices=AWARD_KINDS),
        Field("title", "Tên danh hiệu, kỷ niệm chương", "text"),
        Field("recipient", "Đối tượng", "text", required=True, choices=RECIPIENTS),
        Field("count", "Số lượng", "count", required=True),
        Field("names", "Tên tập thể, cá nhân", "list"),
        Field("date", "Ngày quyết định", "date"),
        NOTE,
    ),
    key=("unit", "year", "issuer", "kind", "title", "recipient"),
)

ORGANISATION = Dataset(
    name="organisation",
    title_vi="Tổ chức Hội và hội viên",
    file="organisation.yaml",
    fields=_unit_year() + (
        Field("branches", "Tổ chức cơ sở Hội", "count"),
        Field("members", "Hội viên", "count", required=True),
        NOTE,
    ),
    key=("unit", "year"),
)

SUPPORT = Dataset(
    name="support",
    title_vi="Học bổng, quà tặng và hỗ trợ",
    file="support.yaml",
    fields=_unit_year() + (
        Field("item", "Hình thức hỗ trợ", "text", required=True),
        Field("quantity", "Số lượng", "count", required=True),
        Field("measure", "Đơn vị tính", "text", required=True),
        Field("value", "Trị giá (đồng)", "money"),
        NOTE,
    ),
    key=("unit", "year", "item"),
)

LEARNING_MODELS = Dataset(
    name="learning_models",
    title_vi="Mô hình học tập",
    file="learning_models.yaml",
    fields=_unit_year() + (
        Field("model", "Mô hình", "text", required=True, choices=MODELS),
        Field("total", "Tổng số", "count"),
        Field("registered", "Đăng ký", "count"),
        Field("achieved", "Đạt danh hiệu", "count"),
        Field("rated_good", "Xếp loại Tốt", "count"),
        Field("rated_fair", "Xếp loại Khá", "count"),
        Field("rated_average", "Xếp loại Trung bình", "count"),
        Field("target_registered", "Chỉ tiêu đăng ký (%)", "percent"),
        Field("target_achieved", "Chỉ tiêu đạt (%)", "percent"),
        Field("override_note", "Giải trình số liệu vượt", "text"),
        NOTE,
    ),
    key=("unit", "year", "model"),
)

# Units first: every other dataset refers to them.
DATASETS = {
    dataset.name: dataset
    for dataset in (UNITS, FUNDS, AWARDS, ORGANISATION, SUPPORT, LEARNING_MODELS)
}
