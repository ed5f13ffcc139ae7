"""PNG copies of the charts and the pages' share cards, for the production build.

Why only there: a PNG is for what leaves the site (a Word report, a Zalo or
Facebook link preview), and matplotlib costs a second to import and tens of
milliseconds a picture. ``make publish`` (publishconf.py sets
``PNG_IMAGES``), which every publishing recipe runs, asks for a PNG of every
chart and a share card of every article without a cover and of every
statistics page; the development build and the preview draw none and link
none, and stay as fast as they were.

Each picture is cached in ``CACHE_PATH/anh-png/`` by a hash of what it
shows (the chart's spec or the card's words, the palette, the source line)
and of the drawing code, like the SVGs (chart_cache.py). Only the pictures
the cache lacks are drawn, by worker processes (``png_worker.py``) started
for them and given the jobs as JSON: the build process itself never imports
matplotlib, and a build whose pictures are all cached starts no worker.
Cached pictures are hard-linked (copied where links are refused) into the
output: ``bieu-do/{chart key}.png`` and ``chia-se/{card key}.png``.

Each build leaves ``CACHE_PATH/anh-png/last-build.json``: how many pictures
were drawn, how many reused, and how many workers were started.
"""

import hashlib
import importlib.metadata
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import types
from urllib.parse import urlsplit

from khuyenhoc import site_folders
from khuyenhoc.caches import atomic_file, fingerprints
from khuyenhoc.charts import drawing as charts
from khuyenhoc.errors import OfficerError, problems

log = logging.getLogger(__name__)
LOG_PREFIX = "khuyenhoc: "

CACHE_FOLDER = "anh-png"
CHART_FOLDER = site_folders.CHARTS
CARD_FOLDER = site_folders.SHARE_CARDS
REPORT = "last-build.json"
WORKER = "khuyenhoc.charts.png_worker"
# Jobs per worker below which a second worker is not worth its start (a
# second of importing matplotlib).
JOBS_PER_WORKER = 12
_HERE = os.path.dirname(os.path.abspath(__file__))
# Named by file: importing chart_png would import matplotlib into the build.
_DRAWING_CODE = ("png_drawing.py", "png_worker.py")
# The light theme's colours that a picture uses, beside the chart roles of charts.css.
_TOKEN_ROLES = {"text": "--text", "bg": "--bg", "muted": "--text-muted",
                "brand": "--brand", "on-brand": "--on-brand"}


def enabled(settings):
    return bool(settings.get("PNG_IMAGES"))


def palette(theme):
    """Role -> colour: the light theme's tokens (tokens.css, first block) as
    charts.css gives them to each part of a chart (``.chart-s1 { color:
    var(--link, ...) }``), so a PNG has the colours of the page in light mode."""
    css = os.path.join(theme, "static", "css")
    with open(os.path.join(css, "tokens.css"), encoding="utf-8") as handle:
        light = handle.read().split("}", 1)[0]
    tokens = dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,8})\s*;", light))
    with open(os.path.join(css, "charts.css"), encoding="utf-8") as handle:
        rules = handle.read()
    colours = {}
    for selectors, token in re.findall(r"([^{}]+)\{\s*color:\s*var\((--[\w-]+)", rules):
        for role in re.findall(r"\.chart-([\w-]+)", selectors):
            if token in tokens and role != "svg":
                colours[role] = tokens[token]
    colours.update({role: tokens[token] for role, token in _TOKEN_ROLES.items()})
    return colours


def site_address(settings):
    """'khuyenhoc-khoicq.example.vn/some/path': the site as a reader types it."""
    parts = urlsplit(settings.get("SITEURL") or "")
    return (parts.netloc + parts.path).rstrip("/")


def association_name(settings):
    return (settings.get("ASSOCIATION") or {}).get("name") or settings.get("SITENAME", "")


def source_line(settings):
    """'Nguồn: <tên Hội>, <trang>': the picture travels alone."""
    address = site_address(settings)
    return f"Nguồn: {association_name(settings)}" + (f", {address}" if address else "")


def drawing_fingerprint():
    """The drawing code (charts' layout, chart_png, the worker) and the
    matplotlib that draws: a change to either draws every picture anew."""
    files = [types.SimpleNamespace(__file__=os.path.join(_HERE, name)) for name in _DRAWING_CODE]
    return fingerprints.drawing([charts, *files]) + importlib.metadata.version("matplotlib")


class PngImages:
    """The pictures of one production build: asked for while pages are
    prepared, drawn (those not cached) and written at the end."""

    def __init__(self, settings):
        self.settings = settings
        self.folder = os.path.join(settings["CACHE_PATH"], CACHE_FOLDER)
        self.palette = palette(settings["THEME"])
        self.source = source_line(settings)
        self.fingerprint = drawing_fingerprint()
        self.jobs = {}  # cache key -> job
        self.outputs = {}  # output path relative to the site -> cache key
        self.drawn = self.reused = self.workers = 0

    def _key(self, job):
        text = json.dumps(job, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256((self.fingerprint + text).encode()).hexdigest()[:16]

    def chart(self, chart_key, spec):
        """Ask for the PNG of the chart ``chart_key``: /bieu-do/{chart_key}.png."""
        job = {"kind": "chart", "spec": spec, "palette": self.palette, "source": self.source}
        key = self._key(job)
        self.jobs.setdefault(key, job)
        self.outputs[f"{CHART_FOLDER}/{chart_key}.png"] = key

    def card(self, card):
        """Ask for a share card; its absolute address."""
        job = {"kind": "card", "card": card, "palette": self.palette}
        key = self._key(job)
        self.jobs.setdefault(key, job)
        self.outputs[f"{CARD_FOLDER}/{key}.png"] = key
        return f"{self.settings['SITEURL']}/{CARD_FOLDER}/{key}.png"

    def _cached(self, key):
        return os.path.join(self.folder, f"{key}.png")

    def finish(self, output_path):
        """Draw what the cache lacks, then put every picture into the output."""
        missing = {key: job for key, job in self.jobs.items()
                   if not os.path.exists(self._cached(key))}
        self.reused = len(self.jobs) - len(missing)
        if missing:
            self._draw(missing)
        if problems:
            return
        for relative, key in sorted(self.outputs.items()):
            _place(self._cached(key), os.path.join(output_path, relative))
        report = {"drawn": self.drawn, "reused": self.reused, "workers": self.workers}
        atomic_file.write(os.path.join(self.folder, REPORT),
                          (json.dumps(report, indent=1) + "\n").encode())
        log.info("%sảnh PNG: vẽ mới %d, dùng lại %d", LOG_PREFIX, self.drawn, self.reused)

    def _draw(self, missing):
        """Draw ``missing`` in worker processes, one per core at most."""
        os.makedirs(self.folder, exist_ok=True)
        jobs = [{"path": self._cached(key), "job": job} for key, job in sorted(missing.items())]
        count = max(1, min(os.cpu_count() or 1, len(jobs) // JOBS_PER_WORKER))
        environment = dict(os.environ, MPLCONFIGDIR=os.path.join(self.folder, "matplotlib"),
                           PYTHONPATH=os.pathsep.join(
                               [os.path.dirname(_HERE), os.environ.get("PYTHONPATH", "")]))
        workers = []
        for number in range(count):
            share = json.dumps(jobs[number::count], ensure_ascii=False).encode()
            worker = subprocess.Popen([sys.executable, "-m", WORKER], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      env=environment)
            workers.append((worker, share))
        self.workers = count
        for worker, share in workers:
            _, errors = worker.communicate(share)
            if worker.returncode != 0:
                problems.add(_drawing_error(errors.decode("utf-8", "replace")))
        self.drawn = sum(os.path.exists(job["path"]) for job in jobs)


def _drawing_error(message):
    lines = [line for line in message.strip().splitlines() if line.strip()]
    return OfficerError(
        f"không vẽ được ảnh PNG của biểu đồ ({lines[-1] if lines else 'không rõ lý do'})",
        fix="đây không phải lỗi của bạn: chép nguyên thông báo này gửi cho người "
            "phụ trách kỹ thuật; trang đang chạy không bị thay đổi",
    )


def _place(cached, target):
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copyfile(cached, target)
