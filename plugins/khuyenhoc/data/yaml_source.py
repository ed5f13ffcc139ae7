"""YAML read the way an officer writes it, with every value's line and column.

PyYAML silently misreads Vietnamese numbers: ``1.230`` becomes 1.23,
``8.000`` becomes 8.0, ``010`` becomes 8. We compose the node tree with the
safe loader, refuse those spellings with the fix, refuse duplicated keys
(PyYAML keeps the last one without a word), normalise text to NFC and keep
the position of every value so that validators can point at the line.
"""

import re
import unicodedata

import yaml

from khuyenhoc.errors import OfficerError

# 1.230 / 8.000 / 425.000.000 / 1.230,5: dots as thousands separators.
_VN_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
# 010 / 08 / 007: a leading zero (octal to YAML, or silently a string).
_LEADING_ZERO = re.compile(r"^[+-]?0\d+$")
# 1,230 / 425,000,000: commas as thousands separators (or a decimal comma).
_COMMA_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
# 1,5 / 12,75: a decimal comma.
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")

# The only kinds of value an officer writes. Anything else is an explicit
# tag (`!!python/object`, `!include`, ...): never constructed, refused.
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{kind}"
    for kind in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}

_FAST_LOADER = getattr(yaml, "CSafeLoader", None)

# Plain values that YAML 1.1 (PyYAML) turns into something else than what was
# typed, and YAML 1.2 (and every officer) reads as text: a time 12:30 becomes
# the number 750 (base 60), 0x1F becomes 31, yes/no/on/off become true or
# false, .inf a float. Kept as the text typed; a field that wants a number
# or true/false then says so with its own message.
_YAML11_ONLY = re.compile(
    r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$"
    r"|^[-+]?0x[0-9a-fA-F_]+$|^[-+]?0b[01_]+$|^[-+]?0o[0-7_]+$"
    r"|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$"
    r"|^(yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$")
_RESOLVED_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool")

# Deeper than this, a file is not an officer's data: refused before it is
# composed (libyaml's composer recurses on the C stack and crashes the
# process at a few hundred thousand levels; PyYAML's at a thousand).
MAX_DEPTH = 50
# Characters that can open a collection: fewer than MAX_DEPTH of them, and
# the file cannot be too deep (nor hold an alias without a "*").
_OPENERS = ("[", "{", "-", ":", "?")

# PyYAML's own problem texts, explained for the officer.
_SYNTAX_HINTS = {
    "mapping values are not allowed here": (
        "có dấu hai chấm ở chỗ không được phép",
        "nếu giá trị chứa dấu hai chấm, đặt cả giá trị trong ngoặc kép; nếu không, "
        "kiểm tra thụt lề: các trường của cùng một bản ghi phải thẳng cột với nhau",
    ),
    "expected <block end>, but found '<block mapping start>'": (
        "thụt lề không thẳng hàng",
        "các trường của cùng một bản ghi phải thẳng cột với nhau (cùng số dấu cách ở "
        "đầu dòng)",
    ),
    "expected ',' or ']', but got '<stream end>'": (
        "danh sách mở bằng [ nhưng chưa đóng bằng ]",
        "thêm dấu ] ở cuối danh sách",
    ),
    "found character '\\t' that cannot start any token": (
        "có ký tự Tab",
        "dùng dấu cách để thụt lề, không dùng phím Tab",
    ),
    "could not find expected ':'": (
        "thiếu dấu hai chấm sau tên trường",
        "viết theo mẫu `ten_truong: gia_tri`",
    ),
    "found unexpected end of stream": (
        "tệp kết thúc khi một ngoặc kép chưa được đóng",
        "đóng ngoặc kép ở cuối giá trị",
    ),
    "expected <block end>, but found '-'": (
        "thụt lề của danh sách không thẳng hàng",
        "các dòng bắt đầu bằng '-' trong cùng danh sách phải thẳng cột với nhau",
    ),
}


class Located:
    """A loaded YAML document and the (line, column) of each value by path.

    A path is a tuple of keys and list indexes: ``("funds", 3, "raised")``.
    With ``text``, ``positions`` holds only the outer values' and the rest
    are found when first asked for, by reading ``text`` again (``load_all``).
    """

    def __init__(self, value, positions, key_positions=None, text=None):
        self.value = value
        self.positions = positions
        self.key_positions = key_positions or {}
        self._text = text
        self.faulty = set()

    def _locate(self):
        """Every position, from the text read again: the same tree, the same paths."""
        builder = _Builder(None)
        builder.build_document(_compose(self._text))
        self.positions, self.key_positions = builder.positions, builder.key_positions
        self._text = None

    def position(self, path):
        """The closest known position for ``path``: the value itself, or
        the nearest enclosing mapping or list (for a missing field)."""
        path = tuple(path)
        if self._text is not None and path not in self.positions:
            self._locate()
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (None, None))

    def key_position(self, path):
        """Where the key of ``path`` is written (for a misspelt field name)."""
        path = tuple(path)
        if self._text is not None:
            self._locate()
        return self.key_positions.get(path) or self.position(path)


def format_path(path):
    """("funds", 3, "raised") -> 'funds[3].raised'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def read_text(source_path):
    """The file's text: UTF-8, with a Notepad byte-order mark removed.

    Raises ``OfficerError`` when the file was saved in another encoding.
    """
    with open(source_path, "rb") as handle:
        raw = handle.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise OfficerError(
            "tệp không được lưu theo bảng mã UTF-8",
            path=source_path, line=line,
            fix="mở tệp trong trình soạn thảo, chọn Lưu với bảng mã (Encoding) UTF-8",
        ) from None


def load(text, source_path, name=None):
    """Parse ``text`` (already decoded) into a ``Located``.

    Raises a list of ``OfficerError`` (as ``YamlErrors``) when the text is
    not YAML or holds a trap; all traps of the file are reported at once.
    """
    located, errors = load_all(text, source_path, name)
    if errors:
        raise YamlErrors(errors)
    return located


def load_all(text, source_path, name=None, positions=True):
    """(Located, errors): like ``load`` but keeps going past the traps, so
    that the rest of the file can still be checked. A trapped value stays
    the text as written and its path is in ``Located.faulty``. On a syntax
    error nothing can be read: (None, [error]). ``name`` prefixes the field
    paths of messages: ``funds[3].raised`` rather than ``[3].raised``.

    ``positions=False``: only the positions of the document and of its
    items (a data file's records) are kept; the others are found if a
    message asks for one, from ``text`` read again. For a long file whose
    values are mostly right: a position for each of its tens of thousands of
    values is several times the size of the values themselves.
    """
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, source_path)]
    builder = _Builder(source_path, name, depth=None if positions else 1)
    value = builder.build_document(root) if root is not None else None
    located = Located(value, builder.positions, builder.key_positions,
                      text=None if positions or root is None else text)
    located.faulty = builder.faulty
    return located, builder.errors


class _Refused(yaml.MarkedYAMLError):
    """A text that is valid YAML but that we do not compose: an alias, or
    nesting beyond MAX_DEPTH. ``explanation`` and ``fix`` are the message."""

    def __init__(self, mark, explanation, fix):
        super().__init__(problem=explanation, problem_mark=mark)
        self.explanation = explanation
        self.fix = fix


def _refuse_aliases_and_depth(text):
    """Aliases are refused where they are used: a few lines of nested aliases
    (a "billion laughs") expand to billions of values. Nesting is bounded.
    Both are found from the parser's events (libyaml, no recursion) before
    anything is composed; only a file that could hold either is looked at."""
    if "*" not in text and sum(text.count(c) for c in _OPENERS) <= MAX_DEPTH:
        return
    depth = 0
    loader = _FAST_LOADER or yaml.SafeLoader
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                raise _Refused(
                    event.start_mark,
                    f"bí danh YAML (*{event.anchor}) không được dùng",
                    f"viết lại đầy đủ giá trị ở đây thay cho *{event.anchor} "
                    f"(và bỏ &{event.anchor} ở chỗ đặt tên)")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Refused(
                        event.start_mark,
                        f"dữ liệu lồng nhau quá sâu (hơn {MAX_DEPTH} tầng)",
                        "mỗi bản ghi chỉ cần vài tầng: kiểm tra các dấu [ và { "
                        "chưa đóng và thụt lề từ dòng này")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except _Refused:
        raise
    except yaml.YAMLError:
        return  # a syntax error: composing says it, in our words


def _compose(text):
    """The node tree, by libyaml when PyYAML was built with it: five times
    faster on twenty years of data. libyaml words its errors differently,
    so a text it refuses is parsed again by PyYAML for the messages we
    explain (_SYNTAX_HINTS)."""
    _refuse_aliases_and_depth(text)
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


class YamlErrors(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def _syntax_error(exc, source_path):
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "cú pháp YAML không hợp lệ"
    if isinstance(exc, _Refused):
        explanation, fix = exc.explanation, exc.fix
    else:
        explanation, fix = _SYNTAX_HINTS.get(
            problem,
            (f"cú pháp YAML không hợp lệ ({problem})",
             "kiểm tra thụt lề, dấu hai chấm và ngoặc kép ở dòng này và dòng trên"),
        )
    return OfficerError(
        explanation,
        path=source_path,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        fix=fix,
    )


class _Builder:
    def __init__(self, source_path, name=None, depth=None):
        self.source_path = source_path
        self.name = name
        self.faulty = set()
        self.positions = {}
        self.key_positions = {}
        # The positions kept: those of paths up to this length (None: all).
        self.depth = depth
        self.errors = []
        self.constructor = yaml.SafeLoader("")

    def build_document(self, root):
        value = self.build(root, ())
        # The loader lives in reference cycles (its states are its own
        # methods) and remembers every node it constructed: without this
        # the whole node tree waits for the garbage collector.
        self.constructor.constructed_objects.clear()
        return value

    def build(self, node, path):
        if self.depth is None or len(path) <= self.depth:
            self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if self._refuse_tag(node, path):
                return None
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _refuse_tag(self, node, path):
        """True (and an error) when ``node`` carries a tag we never construct."""
        if node.tag in _PLAIN_TAGS:
            return False
        self._error(node, path, "kiểu giá trị đặc biệt của YAML không được phép",
                    found=_tag_text(node.tag),
                    fix="xoá phần bắt đầu bằng dấu chấm than (!) và chỉ viết giá trị")
        return True

    def _mapping(self, node, path):
        if self._refuse_tag(node, path):
            return None
        result = {}
        value_nodes = {}
        self.constructor.flatten_mapping(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._error(key_node, path, "tên trường phải là một chữ",
                            fix="viết tên trường rồi dấu hai chấm, ví dụ `ten: ...`")
                continue
            key = self._scalar(key_node, path)
            if not isinstance(key, (str, int)):
                key = str(key_node.value)
            if isinstance(key, str):
                key = unicodedata.normalize("NFC", key)
            if key in result:
                first_line = value_nodes[key].start_mark.line + 1
                self._error(
                    key_node, path + (key,),
                    f"trường bị viết hai lần (lần đầu ở dòng {first_line})",
                    fix="giữ một dòng và xoá dòng còn lại",
                )
                continue
            if self.depth is None:
                self.key_positions[path + (key,)] = (
                    key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            value_nodes[key] = value_node
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node, path):
        raw = node.value
        if self._refuse_tag(node, path):
            return raw
        # A plain (unquoted) scalar: style None from PyYAML, "" from libyaml.
        if not node.style and node.tag in (
            "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:str"
        ):
            trap = _number_trap(raw)
            if trap:
                problem, fix = trap
                self._error(node, path, problem, found=raw, fix=fix)
                return raw
        if not node.style and node.tag in _RESOLVED_TAGS and _YAML11_ONLY.match(raw):
            return unicodedata.normalize("NFC", raw)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError):  # 2020-02-30: YAML's date, not a real one
            self._error(node, path, "ngày không hợp lệ", found=raw,
                        fix="viết ngày có thật theo dạng 2018-12-26")
            return raw
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value)
        return value

    def _error(self, node, path, problem, found=None, fix=None):
        self.faulty.add(path)
        if self.name:
            path = (self.name,) + path
        self.errors.append(OfficerError(
            problem,
            path=self.source_path,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
            field=format_path(path) or None,
            found=found,
            fix=fix,
        ))


def _tag_text(tag):
    """'tag:yaml.org,2002:python/object' -> '!!python/object', as it was typed."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


def _number_trap(raw):
    """(problem, fix) when ``raw`` is a number that YAML would misread."""
    if _VN_GROUPED.match(raw):
        digits = raw.replace(".", "")
        whole, _, decimals = digits.partition(",")
        plain = f"{whole}.{decimals}" if decimals else whole
        grouped = underscore_groups(whole) + (f".{decimals}" if decimals else "")
        return (
            "số viết có dấu chấm ngăn cách hàng nghìn sẽ bị đọc sai",
            f"viết {plain} hoặc {grouped} (không dùng dấu chấm ngăn cách hàng nghìn)",
        )
    if _LEADING_ZERO.match(raw):
        return (
            "số có chữ số 0 ở đầu sẽ bị đọc sai",
            f"viết {int(raw)} (bỏ số 0 ở đầu); nếu là mã số hay số điện thoại, "
            f'đặt trong ngoặc kép: "{raw}"',
        )
    if _COMMA_GROUPED.match(raw):
        whole = raw.replace(",", "")
        fix = f"nếu là số nguyên, viết {whole} hoặc {underscore_groups(whole)}"
        if raw.count(",") == 1:
            decimal = raw.replace(",", ".").rstrip("0").rstrip(".")
            if not _VN_GROUPED.match(decimal):
                fix += f"; nếu là số thập phân, viết {decimal}"
        return ("số viết có dấu phẩy sẽ bị đọc thành chữ", fix)
    if _DECIMAL_COMMA.match(raw):
        return (
            "số thập phân viết bằng dấu phẩy sẽ bị đọc thành chữ",
            f"viết {raw.replace(',', '.')} (dùng dấu chấm cho phần thập phân)",
        )
    return None


def underscore_groups(digits):
    """'-12345678' -> '-12_345_678': the readable way to write a big number in YAML."""
    sign = digits[0] if digits[0] in "+-" else ""
    digits = digits.lstrip("+-")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return sign + "_".join(groups)
