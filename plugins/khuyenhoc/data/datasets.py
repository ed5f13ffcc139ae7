"""Load the association's figures from ``data/`` and check them.

    data = load("data")                 # raises DataErrors listing every mistake
    data.records("funds")               # sorted by unit (as units.yaml lists them), then year
    data.get("funds", "khoi-cq", 2019)  # the matching records, maybe none
    data.years("organisation")          # [2018, ..., 2024]
    data.units["khoi-cq"]["name"]

Which datasets there are, and their fields, is what the association
declares in ``data/datapackage.yaml`` (``declarations.py``). Each dataset's
file is a YAML list of records (see docs/data.md); a dataset's records may
also be, or be instead, in spreadsheets the units sent (``data/funds.csv``,
``data/learning_models/*.xlsx``: ``spreadsheet_records`` reads their rows
into the same records). ``read_records`` is the one place records come from.
Every field goes through its kind's converter (``field_values``), then the
rules that span records (``record_rules``) run over everything that
converted, whatever file it came from. All the mistakes of all the files are
returned together.
"""

import os

from khuyenhoc.data import declarations, periods, spreadsheet_records, yaml_source
from khuyenhoc.data import rules as record_rules
from khuyenhoc.data.schema import UNITS
from khuyenhoc.data.spreadsheet_files import OTHER_WORKBOOKS, SPREADSHEET_EXTENSIONS
from khuyenhoc.data.values import Figure, Invalid, convert, shown
from khuyenhoc.errors import OfficerError
from khuyenhoc.suggest import closest, closest_name_fix

__all__ = ["Data", "DataErrors", "Figure", "data_dir", "load", "read"]


class DataErrors(Exception):
    """The data has mistakes; ``errors`` lists them all, ``data`` holds what was valid."""

    def __init__(self, errors, data):
        self.errors = list(errors)
        self.data = data
        super().__init__(f"{len(self.errors)} lỗi trong dữ liệu")


class Source:
    """Where one record was written: its file, its index in the file's list."""

    def __init__(self, dataset, path, index, located):
        self.dataset = dataset
        self.path = path
        self.index = index
        self.located = located

    def position(self, field=None):
        path = (self.index, field) if field else (self.index,)
        return self.located.position(path)

    @property
    def line(self):
        return self.position()[0]

    def field_path(self, field=None):
        parts = (self.dataset.name, self.index) + ((field,) if field else ())
        return yaml_source.format_path(parts)

    def error(self, problem, field=None, found=None, fix=None, at=None, at_key=False):
        """An ``OfficerError`` pointing at the value of ``field`` (or of the
        field ``at``), or at its name with ``at_key``."""
        if at_key:
            line, column = self.located.key_position((self.index, field))
        else:
            line, column = self.position(at or field)
        return OfficerError(problem, path=self.path, line=line, column=column,
                            field=self.field_path(field), found=found, fix=fix)

    def missing_fix(self, field):
        return f"thêm dòng `{field.name}: ...` ({field.label_vi}) vào bản ghi này"

    def write_field(self, name, example):
        """How to add field ``name`` to this record, for a fix."""
        return f"thêm dòng `{name}: {example}` vào bản ghi"


class Entry:
    """A record being checked: its converted values and its source."""

    __slots__ = ("record", "source", "valid")

    def __init__(self, record, source, valid):
        self.record = record
        self.source = source
        self.valid = valid


class Data:
    """The validated figures, as templates and the statistics pages use them."""

    def __init__(self, entries, package=None):
        self.package = package
        # name -> schema.Dataset: what data/datapackage.yaml declares.
        self.datasets = dict(package.datasets) if package else {}
        valid = {name: [entry for entry in items if entry.valid]
                 for name, items in entries.items()}
        self.units = {entry.record["id"]: entry.record for entry in valid.get(UNITS, ())}
        self._order = {unit_id: position for position, unit_id in enumerate(self.units)}
        last = len(self._order)
        for name, items in valid.items():
            if name != UNITS:
                items.sort(key=lambda e: (self._order.get(e.record.get("unit"), last),
                                          periods.sort_key(e.record.get("year") or 0)))
        self._records = {name: [e.record for e in items] for name, items in valid.items()}
        # Only each record's file and line outlive the checks: the YAML as
        # written, with the position of every value, is several times the
        # size of the figures and every build (and fork) would carry it.
        self._sources = {name: [(e.source.path, e.source.line) for e in items]
                         for name, items in valid.items()}
        # The records refused for a mistake, by (dataset, unit, year): a
        # reference to one fails because of that mistake, reported under it.
        self.refused = {
            (name, entry.record.get("unit"), entry.record.get("year")):
                (entry.source.path, entry.source.field_path())
            for name, items in entries.items() for entry in items
            if not entry.valid and entry.record.get("year") is not None}
        # Articles and statistics pages ask thousands of times: each
        # dataset's records are grouped by unit once (``_index``).
        self._indexes = {}

    def records(self, name):
        """Every record of dataset ``name``, sorted by unit then year."""
        return self._records[self._known(name)]

    def declared(self, name):
        """Whether the association declares dataset ``name`` (the theme asks
        for some of ours by name)."""
        return name in self._records

    def records_of(self, name, units):
        """The records of dataset ``name`` for ``units``, in the order of ``records``."""
        by_unit = self._index(name)["by_unit"]
        return [record for unit in sorted(set(units), key=self._position)
                for record in by_unit.get(unit, ())]

    def units_with_records(self, name):
        """The units that have records in dataset ``name``, in units.yaml's order."""
        return list(self._index(name)["units"])

    def has_records(self, name, unit):
        """Whether ``unit`` has records in dataset ``name``."""
        return unit in self._index(name)["by_unit"]

    def get(self, name, unit, year):
        return [r for r in self._index(name)["by_unit"].get(unit, ()) if r["year"] == year]

    def years(self, name):
        return list(self._index(name)["years"])

    def _index(self, name):
        """Dataset ``name``'s records by unit (each unit's in year order) and
        its years: the data never change after loading."""
        if name not in self._indexes:
            by_unit = {}
            for record in self.records(name):
                if record.get("unit") is not None:  # not the units' own records
                    by_unit.setdefault(record["unit"], []).append(record)
            years = sorted({r["year"] for r in self.records(name) if r.get("year") is not None},
                           key=periods.sort_key)
            self._indexes[name] = {"by_unit": by_unit, "years": years,
                                   "units": sorted(by_unit, key=self._position)}
        return self._indexes[name]

    def _position(self, unit):
        """Where ``unit`` comes in units.yaml (unknown ones last, by id)."""
        return self._order.get(unit, len(self._order)), unit

    def source(self, name, index):
        """(file, line) where ``records(name)[index]`` is written."""
        return self._sources[self._known(name)][index]

    def _known(self, name):
        if name not in self._records:
            raise KeyError(f"unknown dataset {name!r}; known: {', '.join(self._records)}")
        return name

    @property
    def figure_datasets(self):
        """The declared datasets of figures (every one but the unit list)."""
        return [d for d in self.datasets.values() if d.name != UNITS]


def data_dir(settings):
    """The data folder: the DATA_PATH setting, or ``data/`` beside the content folder."""
    content = settings["PATH"]
    return os.path.join(os.path.dirname(content), settings.get("DATA_PATH", "data"))


def load(data_dir):
    """The validated data of ``data_dir``; raises ``DataErrors`` on any mistake."""
    data, errors = read(data_dir)
    if errors:
        raise DataErrors(errors, data)
    return data


def read(data_dir):
    """(Data, errors): the records that passed, and every mistake found."""
    package, errors = declarations.read(data_dir)
    declared_well = not errors
    if package is None and not errors:
        errors.extend(_undeclared(data_dir))
    datasets = package.datasets if package else {}
    entries = {}
    for dataset in datasets.values():
        entries[dataset.name] = read_records(dataset, data_dir, errors, datasets)
    if package is not None:
        errors.extend(spreadsheet_records.stray_files(data_dir, list(datasets)))
    if package is not None and declared_well:
        # A dataset whose declaration is wrong is not read: its file is not
        # told as unknown on top of the declaration's own message.
        known = {dataset.file: dataset.name for dataset in datasets.values()}
        known[declarations.FILE] = None
        errors.extend(unknown_files(data_dir, known))
    errors.extend(record_rules.check(entries, datasets))
    for error in errors:
        error.in_data = True
    return Data(entries, package), errors


def unknown_files(data_dir, known):
    """An OfficerError for every entry of ``data_dir`` that no dataset reads
    and that spreadsheet_records.stray_files does not already report: its
    figures would not be used, and the officer would never know.
    ``known``: {file name: dataset name}, from the declarations. Known too
    are what spreadsheet_records reads (``data/<dataset>.csv|.xlsx`` and the
    folder ``data/<dataset>/``); stray spreadsheets, other programs'
    workbooks and folders holding spreadsheets are its to report, once.
    Hidden files (.gitkeep, .DS_Store) and Excel's lock files (``~$...``)
    are the system's, not the officer's."""
    try:
        names = sorted(os.listdir(data_dir))
    except OSError:
        return []
    errors = []
    files = sorted(known)
    datasets = set(known.values())
    workbooks = SPREADSHEET_EXTENSIONS + tuple(OTHER_WORKBOOKS)
    for name in names:
        if name in known or name.startswith((".", "~$")):
            continue
        path = os.path.join(data_dir, name)
        stem, extension = os.path.splitext(name)
        extension = extension.lower()
        if os.path.isdir(path):
            if name in datasets:
                continue  # the dataset's spreadsheets (spreadsheet_records)
            try:
                inside = os.listdir(path)
            except OSError:
                inside = []
            if any(os.path.splitext(e)[1].lower() in workbooks for e in inside):
                continue  # reported by spreadsheet_records.stray_files
        elif extension in workbooks:
            continue  # read, or reported, by spreadsheet_records
        close = closest(stem, [os.path.splitext(f)[0] for f in files]) or closest(
            stem.split("-")[0].split("_")[0], [os.path.splitext(f)[0] for f in files])
        target = f"data/{close}.yaml" if close else "tệp của bộ số liệu"
        listed = "các tệp số liệu: " + ", ".join(files)
        if os.path.isdir(path):
            problem = "thư mục trong data/ không được đọc: số liệu trong đó không được dùng"
            fix = f"chép số liệu vào {target} rồi chuyển thư mục ra khỏi data/ ({listed})"
        elif extension == ".yml" and f"{stem}.yaml" in known:
            problem = "tên tệp số liệu phải có đuôi .yaml: tệp này không được đọc"
            fix = (f"chép các bản ghi vào data/{stem}.yaml rồi xoá tệp này"
                   if f"{stem}.yaml" in names else f"đổi tên tệp thành {stem}.yaml")
        elif extension in (".yaml", ".yml"):
            problem = "tệp này không phải bộ số liệu nào: số liệu trong đó không được dùng"
            fix = (f"mỗi bộ số liệu một tệp, mọi năm trong cùng tệp: chép các bản ghi vào "
                   f"{target}, rồi xoá tệp này ({listed})")
        else:
            problem = "tệp này không phải bộ số liệu: data/ chỉ chứa các tệp số liệu"
            fix = (f"chuyển tệp ra khỏi data/ ({listed}; bảng tính .xlsx, .csv đặt tên "
                   f"theo bộ số liệu)")
        errors.append(OfficerError(problem, path=path, found=name, fix=fix))
    return errors


def _undeclared(data_dir):
    """Data files with no declaration to read them by: each one is told."""
    if not os.path.isdir(data_dir):
        return []
    return [OfficerError(
        f"chưa khai báo các bộ số liệu: thiếu tệp {os.path.join(data_dir, declarations.FILE)}",
        path=os.path.join(data_dir, name), line=1,
        fix=f"chép tệp data/{declarations.FILE} của trang mẫu vào thư mục số liệu rồi sửa "
            "theo các bộ số liệu của Hội (xem docs/data.md)")
        for name in sorted(os.listdir(data_dir)) if name.endswith((".yaml", ".yml"))]


def read_records(dataset, data_dir, errors, all_datasets=None):
    """The ``Entry`` of every record of ``dataset`` in ``data_dir``, its
    mistakes added to ``errors``: the one place records are read from. The
    dataset's YAML file first, then the rows of its spreadsheets, through the
    same converters. ``all_datasets`` (name -> Dataset) lets a spreadsheet of
    another dataset, put in the wrong place, be told as such."""
    entries = _read_yaml(dataset, data_dir, errors)
    for path in spreadsheet_records.files_for(dataset.name, data_dir):
        for source, item, faulty in spreadsheet_records.read(
                dataset, path, errors, all_datasets or {dataset.name: dataset}):
            entries.append(_read_record(dataset, source, item, errors, faulty))
    return entries


def _read_yaml(dataset, data_dir, errors):
    path = os.path.join(data_dir, dataset.file)
    if not os.path.exists(path):
        return []  # a dataset the association does not keep (yet)
    try:
        text = yaml_source.read_text(path)
    except OfficerError as error:
        errors.append(error)
        return []
    located, yaml_errors = yaml_source.load_all(text, path, dataset.name,
                                                 positions=False)
    errors.extend(yaml_errors)
    if located is None:
        return []
    items = located.value
    if items is None:
        errors.append(OfficerError(
            "tệp trống, không có bản ghi nào", path=path, line=1,
            fix="mỗi bản ghi bắt đầu bằng một dòng `- unit: ...` (xem docs/data.md); "
                "nếu chưa có số liệu, viết `[]`"))
        return []
    if not isinstance(items, list):
        line, column = located.position(())
        errors.append(OfficerError(
            "tệp phải là một danh sách bản ghi, mỗi bản ghi bắt đầu bằng dấu -",
            path=path, line=line, column=column,
            fix="viết dấu - và một dấu cách trước trường đầu tiên của mỗi bản ghi, "
                "ví dụ `- unit: khoi-cq`"))
        return []
    return [_read_record(dataset, Source(dataset, path, index, located), item, errors)
            for index, item in enumerate(items)]


def _read_record(dataset, source, item, errors, faulty=None):
    """One record through its fields' converters. ``faulty``: the fields
    whose value was already reported (by default, YAML's number traps)."""
    names, fields, required = _fields(dataset)
    record = dict.fromkeys(names)
    if not isinstance(item, dict):
        errors.append(source.error(
            "mỗi bản ghi phải là các dòng `tên trường: giá trị`",
            found=shown(item),
            fix="viết mỗi trường trên một dòng, thụt lề thẳng hàng dưới dòng `- ...`; "
                "ví dụ `- unit: khoi-cq` rồi `  year: 2019`"))
        return Entry(record, source, valid=False)
    if faulty is None:
        faulty = {path[1] for path in source.located.faulty
                  if len(path) > 1 and path[0] == source.index}
    valid = not faulty
    for name, value in item.items():
        if name in faulty:
            continue  # already reported by yaml_source (a number trap)
        field = fields.get(name)
        if field is None:
            errors.append(source.error(
                "trường không có trong danh sách", field=str(name), found=str(name),
                at_key=True,
                fix=closest_name_fix(str(name), names)))
            valid = False
            continue
        if value is None or value == "":
            continue  # reported below when required
        try:
            record[name] = convert(field, value)
        except Invalid as invalid:
            errors.append(source.error(invalid.problem, field=name,
                                       found=invalid.found, fix=invalid.fix))
            valid = False
    for field in required:
        if record[field.name] is None and field.name not in faulty and \
                _absent(item, field.name):
            at = field.name if field.name in item else None
            errors.append(source.error(
                "thiếu trường bắt buộc", field=field.name, at=at,
                fix=source.missing_fix(field)))
            valid = False
    return Entry(record, source, valid)


_FIELDS = {}


def _fields(dataset):
    """(field names, {name: Field}, required Fields) of ``dataset``, worked
    out once: asked for every one of hundreds of thousands of records."""
    known = _FIELDS.get(dataset.name)
    if known is None or known[0] is not dataset:
        names = dataset.field_names
        known = _FIELDS[dataset.name] = (dataset, names, {f.name: f for f in dataset.fields},
                                         [f for f in dataset.fields if f.required])
    return known[1:]


def _absent(item, name):
    value = item.get(name)
    return value is None or value == ""
