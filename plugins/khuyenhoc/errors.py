"""The one exception type for mistakes that the officer can fix.

Every message is in Vietnamese and names the file, the line and column, the
field, what was found and what to write instead. Errors are collected during
a build and shown together; the build then stops before anything is
published (see ``build.py``).
"""

import os
from dataclasses import dataclass


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
        return text


def internal_error(exc):
    """A bug of ours or of a library, told without a traceback."""
    return OfficerError(
        f"lỗi nội bộ của chương trình ({type(exc).__name__}: {exc})",
        fix="đây không phải lỗi của bạn: chép nguyên thông báo này gửi cho người "
            "phụ trách kỹ thuật; trang đang chạy không bị thay đổi",
    )


def print_report(heading, errors, out):
    """The one form of every list of mistakes: a heading, then one numbered
    mistake a line, in the order given."""
    print(f"\n{heading}\n", file=out)
    for number, error in enumerate(errors, 1):
        print(f"{number}. {error}", file=out)
    print(file=out)


def in_file_order(errors):
    """Errors sorted by file, line and column: the order the officer fixes them."""
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
