"""A last good site, and what a failed build must leave of it: everything.

Each bad-input module builds one good site (through the command line, as the
officer does), records every file and folder of its output with contents,
size, mode and modification time, then tries its bad inputs one at a time.
Bad builds run in-process through ``khuyenhoc.build.strict.build()`` (the same
function and exit code as ``python -m khuyenhoc.build``, without starting
Python again), and a few through the command line as well.
"""

import contextlib
import hashlib
import io
import logging
import os
import re
from pathlib import Path

from khuyenhoc.build.strict import build

HEADER = re.compile(
    r"^KHÔNG DỰNG ĐƯỢC TRANG: (\d+) lỗi cần sửa\. "
    r"Trang đã xuất bản \(output/\) vẫn giữ nguyên\.$", re.M)
NUMBERED = re.compile(r"^\d+\. ", re.M)


def snapshot(folder):
    """Every entry under ``folder`` (and the folder itself): what, how big,
    its bytes' hash, permissions and modification time."""
    folder = Path(folder)
    entries = {}
    for path in [folder, *folder.rglob("*")]:
        stat = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        entries[str(path.relative_to(folder))] = (
            stat.st_mode, stat.st_size, stat.st_mtime_ns, digest)
    return entries


class Refusal:
    """What a failed build said: exit code, the numbered messages, all output."""

    def __init__(self, code, report, logged=""):
        self.code = code
        self.text = report + logged
        header = HEADER.search(report)
        self.count = int(header.group(1)) if header else None
        body = report[header.end():] if header else ""
        parts = NUMBERED.split(body)[1:]
        self.messages = [part.strip() for part in parts]


class LastGoodSite:
    def __init__(self, site):
        self.site = site
        self.root = site.root
        result = site.build()
        assert result.returncode == 0, result.stdout + result.stderr
        self.good = snapshot(site.output)
        self.neighbours = sorted(p.name for p in self.root.iterdir())

    @contextlib.contextmanager
    def changed(self, files):
        """Write ``files`` ({relative path: text or bytes}) and put every one
        back as it was afterwards."""
        saved = {}
        made = []  # folders created here, removed afterwards (deepest first)
        try:
            for relative, text in files.items():
                path = self.root / relative
                saved[path] = path.read_bytes() if path.exists() else None
                missing = [p for p in path.parents if not p.exists()]
                path.parent.mkdir(parents=True, exist_ok=True)
                made.extend(missing)
                path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
            yield
        finally:
            for path, before in saved.items():
                if before is None:
                    path.unlink()
                else:
                    path.write_bytes(before)
            for folder in made:
                folder.rmdir()

    def refuse(self, files, settings="pelicanconf.py", overrides=None):
        """Build in-process with ``files`` changed; the build must fail."""
        with self.changed(files):
            return self.build_in_process(settings, overrides)

    def build_in_process(self, settings="pelicanconf.py", overrides=None):
        out = io.StringIO()
        logged = _Logged()
        root_logger = logging.getLogger()
        root_logger.addHandler(logged)
        previous = os.getcwd()
        os.chdir(self.root)
        try:
            code = build(str(self.root / settings), overrides=overrides, out=out)
        finally:
            os.chdir(previous)
            root_logger.removeHandler(logged)
        return Refusal(code, out.getvalue(), logged.text())

    def refuse_on_command_line(self, files, settings="pelicanconf.py"):
        with self.changed(files):
            result = self.site.build(settings)
        return Refusal(result.returncode, result.stderr, result.stdout)

    def assert_untouched(self):
        now = snapshot(self.site.output)
        changed = sorted(name for name in set(now) | set(self.good)
                         if now.get(name) != self.good.get(name))
        assert changed == [], "changed in output/: " + ", ".join(changed[:20])
        assert sorted(p.name for p in self.root.iterdir()) == self.neighbours


def assert_refused(refusal, messages, site):
    """Exit code 1, exactly ``messages`` (in order), no traceback, the last
    good site untouched."""
    assert refusal.code == 1, refusal.text
    assert "Traceback" not in refusal.text, refusal.text
    assert refusal.messages == messages, refusal.text
    assert refusal.count == len(messages)
    site.assert_untouched()


class _Logged(logging.Handler):
    """Everything Pelican logs, tracebacks included, as the console would show it."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))

    def text(self):
        return "\n".join(self.lines)
