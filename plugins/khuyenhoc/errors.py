"""The one exception type for mistakes that the officer can fix.

Every message is in Vietnamese and names the file, the line and column, the
field, what was found and what to write instead. Errors are collected during
a build and shown together; the build then stops before anything is
published (see ``build.py``).
"""

import errno
import os
from dataclasses import dataclass, replace
from dataclasses import field as _field


@dataclass
class OfficerError(Exception):
    """A mistake in an article or a data file, explained for a non-programmer."""

    problem: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    found: str | None = None
    fix: str | None = None
    # Another file the problem is about (a missing image): Pelican's own
    # warning about that file is then an echo (pelican_messages.py).
    target: str | None = None
    # A mistake in data/: reported before the content's.
    in_data: bool = False
    # A reference that only fails because the record it names has a mistake:
    # (data file, field path of the record, e.g. "funds[1]"). Reported under
    # that mistake, as a consequence, not as a mistake of its own.
    cause: tuple | None = None
    consequences: list = _field(default_factory=list)
    # A spreadsheet's sheet ("Mô hình học tập") and its column told as the
    # officer sees it ("D (Đạt danh hiệu)"); ``line`` is then the row and
    # ``column`` the column's number, kept for sorting.
    sheet: str | None = None
    column_label: str | None = None

    def __post_init__(self):
        super().__init__(self.problem)

    def location(self):
        parts = []
        if self.path:
            parts.append(display_path(self.path))
        if self.sheet:
            parts.append(f'trang "{self.sheet}"')
        if self.line:
            parts.append(f"dòng {self.line}")
        if self.column_label:
            parts.append(f"cột {self.column_label}")
        elif self.column:
            parts.append(f"cột {self.column}")
        return ", ".join(parts)

    def __str__(self):
        text = self.problem
        if self.field:
            text = f'trường "{self.field}": {text}'
        where = self.location()
        if where:
            text = f"{where}: {text}"
        if self.found is not None:
            text += f" (gặp: {self.found})"
        if self.fix:
            text += f". Cách sửa: {self.fix}"
        if self.consequences:
            text += ("\n   Các chỗ dùng bản ghi này (sẽ hết lỗi khi sửa xong bản ghi):"
                     + "".join(f"\n   - {c.location()}: {c.found}" for c in self.consequences))
        return text


def internal_error(exc):
    """A bug of ours or of a library, told without a traceback."""
    return OfficerError(
        f"lỗi nội bộ của chương trình ({type(exc).__name__}: {exc})",
        fix="đây không phải lỗi của bạn: chép nguyên thông báo này gửi cho người "
            "phụ trách kỹ thuật; trang đang chạy không bị thay đổi",
    )


# What the computer refused, not the program nor the officer's text: said
# as such, with what to do, and never as "lỗi nội bộ".
_DISK_PROBLEMS = {
    errno.ENOSPC: ("ổ đĩa đã đầy, không ghi được trang",
                   "xoá bớt tệp không cần trên ổ đĩa này (hoặc xin thêm chỗ trên máy chủ), "
                   "rồi dựng lại; trang đã xuất bản không bị thay đổi"),
    errno.EDQUOT: ("đã dùng hết dung lượng được cấp trên ổ đĩa, không ghi được trang",
                   "xoá bớt tệp không cần (hoặc xin thêm dung lượng), rồi dựng lại; trang "
                   "đã xuất bản không bị thay đổi"),
    errno.EROFS: ("thư mục dự án chỉ cho đọc, không ghi được trang",
                  "chép cả thư mục dự án sang chỗ ghi được (ví dụ trong thư mục Tài liệu), "
                  "hoặc bỏ chế độ chỉ đọc của ổ đĩa, rồi dựng lại"),
    errno.EACCES: ("không có quyền ghi vào thư mục dự án",
                   "chép cả thư mục dự án sang chỗ ghi được (ví dụ trong thư mục Tài liệu), "
                   "hoặc nhờ người quản trị máy cho quyền ghi, rồi dựng lại"),
    errno.EPERM: ("không có quyền ghi vào thư mục dự án",
                  "chép cả thư mục dự án sang chỗ ghi được (ví dụ trong thư mục Tài liệu), "
                  "hoặc nhờ người quản trị máy cho quyền ghi, rồi dựng lại"),
}
_DISK_TEXTS = {code: os.strerror(code) for code in _DISK_PROBLEMS}


def disk_error(exc):
    """The OfficerError for an OSError of the disk (full, read-only, no
    permission); None for any other."""
    code = getattr(exc, "errno", None)
    if code not in _DISK_PROBLEMS:
        return None
    problem, fix = _DISK_PROBLEMS[code]
    where = getattr(exc, "filename2", None) or getattr(exc, "filename", None)
    if where is None:
        return OfficerError(problem, fix=fix)
    # The folder, as the officer knows it (not the build's temporary one).
    where = os.path.abspath(os.fsdecode(where))
    while os.path.basename(where).startswith(".") or not os.path.isdir(where):
        parent = os.path.dirname(where)
        if parent == where:
            break
        where = parent
    return OfficerError(problem, found=where, fix=fix)


def disk_error_in_text(text):
    """The same, from a message that quotes an OSError ("[Errno 28] ...")."""
    for code, words in _DISK_TEXTS.items():
        if f"[Errno {code}] {words}" in text:
            problem, fix = _DISK_PROBLEMS[code]
            return OfficerError(problem, fix=fix)
    return None


def print_report(heading, errors, out):
    """The one form of every list of mistakes: a heading, then one numbered
    mistake a line, in the order given."""
    print(f"\n{heading}\n", file=out)
    for number, error in enumerate(errors, 1):
        print(f"{number}. {error}", file=out)
    print(file=out)


def in_file_order(errors):
    """Errors sorted by file, line and column: the order the officer fixes
    them. A data mistake comes with the references it makes fail listed
    under it (an article's figure may fail only because of it)."""
    return in_order(_with_consequences(errors))


def _with_consequences(errors):
    causes = [e for e in errors if e.cause is None]
    under = {}
    alone = []
    for error in errors:
        if error.cause is None:
            continue
        path, record = error.cause
        owner = next((c for c in causes if c.in_data and c.path and c.field
                      and os.path.abspath(c.path) == os.path.abspath(path)
                      and (c.field == record or c.field.startswith((record + ".", record + "[")))),
                     None)
        if owner is None:
            alone.append(replace(error, cause=None, fix=(
                f"sửa lỗi của bản ghi {record} trong {display_path(path)} trước")))
        else:
            under.setdefault(id(owner), []).append(error)
    result = [replace(e, consequences=in_order(under[id(e)])) if id(e) in under else e
              for e in causes]
    return result + alone


def in_order(errors):
    return sorted(errors, key=lambda e: (e.path or "", e.sheet or "", e.line or 0,
                                         e.column or 0))


def display_path(path):
    """A path as the officer sees it: relative to the project when inside it."""
    path = os.fspath(path)
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


class Problems:
    """The errors found so far in one build, reported together at the end."""

    def __init__(self):
        self.errors = []

    def add(self, error):
        self.errors.append(error)

    def extend(self, errors):
        self.errors.extend(errors)

    def clear(self):
        self.errors.clear()

    def __bool__(self):
        return bool(self.errors)

    def __iter__(self):
        return iter(self.errors)


class BuildStopped(Exception):
    """Raised once all errors of a build are known, before any output is written."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} lỗi")


# The problems of the build that is running. A build is one process at a
# time (Pelican is not re-entrant), so one module-level collector suffices.
problems = Problems()
