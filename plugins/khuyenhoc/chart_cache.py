"""Charts drawn once, in parallel, and kept between builds.

A chart's key is a hash of everything its SVG depends on: the spec (which
holds its figures, title and description), the drawing code and the
matplotlib version. A chart whose key is in the cache (``CACHE_PATH/bieu-do``)
is never drawn again. The others are drawn by one worker process, on the
core that Pelican does not use, from the moment the first one is asked for
(while Pelican is still reading the articles): Pelican goes on reading and
writing the pages meanwhile, and only at the end (``finish``) do we wait for
the drawings, put each SVG into the pages that show it and write
``bieu-do/{key}.svg``; if many are still waiting then, a second process
helps on the core Pelican no longer needs. A build that stops (``abandon``)
waits for no drawing. matplotlib is imported by the drawing processes only.

Each build leaves ``CACHE_PATH/bieu-do/last-build.json``: how many charts
were drawn and how many reused.
"""

import concurrent.futures
import hashlib
import importlib.metadata
import json
import logging
import multiprocessing
import os
import sys

from . import atomic_file, chart_svg
from .errors import OfficerError, problems

log = logging.getLogger(__name__)
LOG_PREFIX = "khuyenhoc: "

CACHE_FOLDER = "bieu-do"
OUTPUT_FOLDER = "bieu-do"
REPORT = "last-build.json"
_HERE = os.path.dirname(os.path.abspath(__file__))
# The code that shapes a drawing: a change to any of it redraws every chart.
_DRAWING_CODE = ("charts.py", "chart_svg.py")
# Charts left to draw when Pelican has written every page, above which a
# second process helps on the core Pelican no longer uses: starting one
# (importing matplotlib) costs about as much as drawing ten charts.
SHARE_FROM = 20


def drawing_fingerprint():
    digest = hashlib.sha256()
    for name in ("matplotlib", "numpy"):
        digest.update(f"{name}=={importlib.metadata.version(name)}\n".encode())
    for name in _DRAWING_CODE:
        with open(os.path.join(_HERE, name), "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


def chart_key(spec, fingerprint):
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((fingerprint + text).encode()).hexdigest()[:16]


def drawing_placeholder(key):
    return f'<div class="chart-drawing" data-chart="{key}"></div>'


def _draw(spec, prefix):
    """In a worker: the SVG, and every warning matplotlib gave while drawing."""
    import warnings

    messages = []
    handler = _ListHandler(messages)
    library_log = logging.getLogger("matplotlib")
    library_log.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            from . import charts

            svg = charts.draw(spec, prefix)
        messages += [str(warning.message) for warning in caught]
    finally:
        library_log.removeHandler(handler)
    return svg, messages


class _ListHandler(logging.Handler):
    def __init__(self, messages):
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record):
        self.messages.append(record.getMessage())


class ChartDrawer:
    """The charts of one build: asked for while pages are prepared, ready at the end."""

    def __init__(self, cache_path, workers=None):
        self.folder = os.path.join(cache_path, CACHE_FOLDER)
        self.workers = workers or default_workers()
        self.fingerprint = drawing_fingerprint()
        self.specs = {}
        self.pending = {}
        self.pages = {}  # output path relative to the site -> chart keys shown there
        self.drawn = 0
        self.reused = 0
        # Drawing starts with the first chart asked for, unless the build
        # already knows it will stop; then ``start`` (after the checks) does.
        self.started = True
        self._pool = None
        self._helpers = None

    def request(self, spec):
        """The key of the chart of ``spec``; drawing starts now if it is not cached."""
        key = chart_key(spec, self.fingerprint)
        if key in self.specs:
            return key
        self.specs[key] = spec
        if os.path.exists(self._cached(key)):
            self.reused += 1
        else:
            self.drawn += 1
            self.pending[key] = None
            if self.started and not problems:
                self._submit(key)
        return key

    def start(self):
        """Draw what is not drawing yet: called once every file has been read
        without a mistake."""
        self.started = True
        for key in self.pending:
            if self.pending[key] is None:
                self._submit(key)

    def abandon(self):
        """The build stops: drop the drawings not begun, wait for none."""
        self.started = False
        for pool in (self._pool, self._helpers):
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._helpers = None

    def _submit(self, key):
        self.pending[key] = self._workers().submit(_draw, self.specs[key], f"c{key[:8]}")

    def show_on(self, save_as, key):
        self.pages.setdefault(save_as, set()).add(key)

    def _workers(self):
        if self._pool is None:
            # Forked at the first chart, early in reading: small, and it
            # imports matplotlib for itself.
            self._pool = _fork_pool(self.workers)
        return self._pool

    def _share_out(self):
        """Pelican now only waits: the cores it used draw half of what is left."""
        spare = (os.cpu_count() or 1) - self.workers
        waiting = [key for key, future in self.pending.items()
                   if future is not None and not future.running() and not future.done()]
        if spare < 1 or len(waiting) < SHARE_FROM:
            return
        self._helpers = _fork_pool(spare)
        for key in waiting[len(waiting) // 2:]:
            if self.pending[key].cancel():
                self.pending[key] = self._helpers.submit(_draw, self.specs[key], f"c{key[:8]}")

    def _cached(self, key):
        return os.path.join(self.folder, f"{key}.svg")

    def svg(self, key):
        return _read(self._cached(key))

    def finish(self, output_path, stylesheet):
        """Wait for the drawings, write them and put them into their pages."""
        self.start()
        try:
            self._share_out()
            self._collect()
        finally:
            for pool in (self._pool, self._helpers):
                if pool is not None:
                    pool.shutdown()
        if problems:
            return
        drawings = {key: self.svg(key) for key in self.specs}
        folder = os.path.join(output_path, OUTPUT_FOLDER)
        os.makedirs(folder, exist_ok=True)
        for key, svg in drawings.items():
            _write(os.path.join(folder, f"{key}.svg"), chart_svg.standalone(svg, stylesheet))
        for save_as, keys in sorted(self.pages.items()):
            _splice(os.path.join(output_path, save_as), keys, drawings)
        self._report()

    def _collect(self):
        os.makedirs(self.folder, exist_ok=True)
        for key, future in self.pending.items():
            spec = self.specs[key]
            try:
                svg, messages = future.result()
            except Exception as exc:  # a bug of ours: shown, not a traceback
                problems.add(_drawing_error(spec, f"{type(exc).__name__}: {exc}"))
                continue
            for message in messages:
                problems.add(_drawing_error(spec, message))
            if not messages:
                _write(self._cached(key), svg)

    def _report(self):
        report = {"drawn": self.drawn, "reused": self.reused,
                  "matplotlib_in_build_process": "matplotlib" in sys.modules}
        _write(os.path.join(self.folder, REPORT), json.dumps(report, indent=1) + "\n")
        log.info("%sbiểu đồ: vẽ mới %d, dùng lại %d", LOG_PREFIX, self.drawn, self.reused)


def _fork_pool(workers):
    # fork: the processes start at once, with our modules already loaded.
    return concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("fork"))


def default_workers():
    """One process per core that the build itself leaves free, at least one:
    more workers than free cores only take turns with Pelican."""
    return max(1, (os.cpu_count() or 1) - 1)


def _drawing_error(spec, message):
    return OfficerError(
        f'không vẽ được biểu đồ "{spec["title"]}" ({message})',
        fix="chép nguyên thông báo này gửi cho người phụ trách kỹ thuật",
    )


def _splice(path, keys, drawings):
    html = _read(path)
    for key in sorted(keys):
        empty = drawing_placeholder(key)
        html = html.replace(empty, empty[: -len("</div>")] + drawings[key] + "</div>")
    _write(path, html)


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _write(path, text):
    atomic_file.write(path, text.encode("utf-8"))
