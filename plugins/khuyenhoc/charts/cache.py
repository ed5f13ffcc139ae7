"""The charts of a build: drawn once every page is written, kept between builds.

A chart's key is a hash of everything its SVG depends on: the spec (which
holds its figures, title and description) and the drawing code. Pages get a
placeholder for each chart they show (``drawing_placeholder``); at the end
(``finish``), each chart not in the cache (``CACHE_PATH/bieu-do``) is drawn,
in this process (``charts.draw`` takes about a millisecond), then put into
the pages that show it and written as ``bieu-do/{key}.svg``. A build that
stops never reaches ``finish``: it draws nothing.

Each build leaves ``CACHE_PATH/bieu-do/last-build.json``: how many charts
were drawn and how many reused.
"""

import hashlib
import json
import logging
import os
import re

from khuyenhoc import site_folders
from khuyenhoc.caches import atomic_file, fingerprints
from khuyenhoc.charts import drawing as charts
from khuyenhoc.charts import svg_file
from khuyenhoc.errors import OfficerError, problems

log = logging.getLogger(__name__)
LOG_PREFIX = "khuyenhoc: "

CACHE_FOLDER = site_folders.CHARTS
OUTPUT_FOLDER = site_folders.CHARTS
REPORT = "last-build.json"
# The code that shapes a drawing: a change to it redraws every chart.
_DRAWING_CODE = (charts,)


def drawing_fingerprint():
    return fingerprints.drawing(_DRAWING_CODE)


def chart_key(spec, fingerprint):
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((fingerprint + text).encode()).hexdigest()[:16]


def drawing_placeholder(key):
    return f'<div class="chart-drawing" data-chart="{key}"></div>'


class ChartDrawer:
    """The charts of one build: asked for while pages are prepared, drawn at the end."""

    def __init__(self, cache_path):
        self.folder = os.path.join(cache_path, CACHE_FOLDER)
        self.fingerprint = drawing_fingerprint()
        self.specs = {}
        self.pages = {}  # output path relative to the site -> chart keys shown there
        self.drawn = 0
        self.reused = 0

    def request(self, spec):
        """The key of the chart of ``spec``."""
        key = chart_key(spec, self.fingerprint)
        self.specs.setdefault(key, spec)
        return key

    def show_on(self, save_as, key):
        self.pages.setdefault(save_as, set()).add(key)

    def _cached(self, key):
        return os.path.join(self.folder, f"{key}.svg")

    def finish(self, output_path, stylesheet):
        """Draw what the cache lacks, write the charts and put them into their pages."""
        drawings = {}
        os.makedirs(self.folder, exist_ok=True)
        for key, spec in self.specs.items():
            drawings[key] = self._drawing(key, spec)
        if problems:
            return
        folder = os.path.join(output_path, OUTPUT_FOLDER)
        os.makedirs(folder, exist_ok=True)
        for key, svg in drawings.items():
            _write(os.path.join(folder, f"{key}.svg"), svg_file.standalone(svg, stylesheet))
        for save_as, keys in sorted(self.pages.items()):
            _splice(os.path.join(output_path, save_as), keys, drawings)
        self._report()

    def _drawing(self, key, spec):
        path = self._cached(key)
        if os.path.exists(path):
            self.reused += 1
            return _read(path)
        try:
            svg = charts.draw(spec, f"c{key[:8]}")
        except Exception as exc:  # a bug of ours: shown, not a traceback
            problems.add(_drawing_error(spec, f"{type(exc).__name__}: {exc}"))
            return None
        self.drawn += 1
        _write(path, svg)
        return svg

    def _report(self):
        report = {"drawn": self.drawn, "reused": self.reused}
        _write(os.path.join(self.folder, REPORT), json.dumps(report, indent=1) + "\n")
        log.info("%sbiểu đồ: vẽ mới %d, dùng lại %d", LOG_PREFIX, self.drawn, self.reused)


def _drawing_error(spec, message):
    return OfficerError(
        f'không vẽ được biểu đồ "{spec["title"]}" ({message})',
        fix="chép nguyên thông báo này gửi cho người phụ trách kỹ thuật",
    )


_PLACEHOLDER = re.compile(
    re.escape(drawing_placeholder("KEY")).replace("KEY", "([0-9a-f]+)"))


def _splice(path, keys, drawings):
    """Each placeholder of ``keys`` in the page at ``path`` filled with its
    drawing, in one pass over the page: a dataset page of a national site
    shows thousands of charts, and a search of the whole page per chart
    grew with their square."""
    def filled(match):
        key = match.group(1)
        if key not in keys:
            return match.group(0)
        return match.group(0)[: -len("</div>")] + drawings[key] + "</div>"

    _write(path, _PLACEHOLDER.sub(filled, _read(path)))


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _write(path, text):
    atomic_file.write(path, text.encode("utf-8"))
