"""Measuring one process: wall time, peak memory of its whole tree, sizes."""

import gzip
import http.client
import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

SAMPLE_EVERY = 0.025  # seconds between two memory samples


@dataclass
class Run:
    seconds: float
    cpu: float           # user + system seconds of the process and its children
    peak_mb: float       # largest sum of PSS over the process and its children
    own_peak_mb: float   # largest PSS of the process alone (without its workers)
    maxrss_mb: float     # the kernel's peak RSS of the largest single process
    returncode: int
    output: str


def timed(command, cwd, env):
    """Run ``command`` to its end, timing it and sampling its memory."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    sampler = TreeMemory(process.pid)
    sampler.start()
    # Read the output in a thread: a full pipe would stall the build.
    chunks = []
    reader = threading.Thread(target=lambda: chunks.append(process.stdout.read()))
    reader.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.stop()
    reader.join()
    process.stdout.close()
    return Run(seconds, usage.ru_utime + usage.ru_stime, sampler.peak_kb / 1024,
               sampler.own_peak_kb / 1024, usage.ru_maxrss / 1024, process.returncode,
               b"".join(chunks).decode("utf-8", "replace"))


class TreeMemory(threading.Thread):
    """Samples the proportional set size of a process and all its descendants,
    so that the reading worker beside the build is counted too."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.own_peak_kb = 0
        self._done = threading.Event()

    def stop(self):
        self._done.set()
        self.join()

    def run(self):
        while not self._done.is_set():
            sizes = {pid: _pss_kb(pid) for pid in descendants(self.pid)}
            self.peak_kb = max(self.peak_kb, sum(sizes.values()))
            self.own_peak_kb = max(self.own_peak_kb, sizes.get(self.pid, 0))
            self._done.wait(SAMPLE_EVERY)


def descendants(root):
    """``root`` and every live process below it (read from /proc)."""
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as handle:
                    stat = handle.read()
            except OSError:
                continue
            # The command name may hold spaces: the parent id follows the ')'.
            parents[int(name)] = int(stat[stat.rindex(b")") + 2:].split()[1])
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_size(folder):
    """(bytes, files) of everything under ``folder``."""
    total = count = 0
    for root, _, files in os.walk(folder):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
            count += 1
    return total, count


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "") and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img", "source", "iframe", "embed") and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag == "object" and attrs.get("data"):
            self.urls.append(attrs["data"])


_CSS_URL = re.compile(r"""@import\s+(?:url\()?["']?([^"')\s;]+)|url\(["']?([^"')]+)""")


def page_weight(output, page):
    """What a first visit to one page downloads from the site itself:
    (HTML bytes, HTML + same-site assets bytes, the same gzipped)."""
    output = Path(output).resolve()
    html_path = output / page
    seen, raw, packed = set(), 0, 0
    pending = [html_path]
    while pending:
        path = pending.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        body = path.read_bytes()
        raw += len(body)
        packed += len(gzip.compress(body, 6))
        if path.suffix == ".html":
            parser = _Assets()
            parser.feed(body.decode("utf-8", "replace"))
            urls = parser.urls
        elif path.suffix == ".css":
            urls = [a or b for a, b in _CSS_URL.findall(body.decode("utf-8", "replace"))]
        else:
            urls = []
        for url in urls:
            target = _local(output, path, url)
            if target:
                pending.append(target)
    html = html_path.read_bytes()
    return len(html), raw, packed


def _local(output, page, url):
    if re.match(r"^[a-z]+:|^//|^#", url):
        return None  # another site, a data: URL or an anchor
    url = url.split("#")[0].split("?")[0]
    if not url:
        return None
    target = output / url.lstrip("/") if url.startswith("/") else page.parent / url
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target if output in target.parents else None


def wait_for(url, predicate, timeout):
    """Poll ``url`` until ``predicate(body)`` holds; the time it took, or None."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                if predicate(response.read().decode("utf-8", "replace")):
                    return time.perf_counter() - start
        except (urllib.error.URLError, ConnectionError, TimeoutError,
                http.client.IncompleteRead):
            pass  # not served yet, or read while the preview was writing it
        time.sleep(0.02)
    return None
