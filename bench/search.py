"""Search on the reader's side: our index against Pagefind 1.5.2 on the same pages.

    python -m bench.search bench/out/1000/ours          # a site make bench built
    python -m bench.search bench/out/1000/ours --repeats 3

``make bench`` runs it on the N = 1,000 site once its builds are measured.
Pagefind (PyPI ``pagefind_bin``, pinned in ``bench/requirements.txt``) is
installed by ``make bench`` into ``bench/out/tools/``, never into the
project's environment: it is only the yardstick here. It indexes the same
pages as ours (``data-search-body``, without ``data-search-ignore``, the
category line, byline and drawings).

For each query of QUERIES and each engine, in headless Chromium, with the
browser's cache emptied first:

- *first search*: the files of the search fetched for loading the engine and
  running that one query (ours: ``search.js``, ``index.json``, the chunks of
  the query's words and pairs, the first ten results' records; Pagefind: its
  script, WebAssembly, entry, metadata, index chunks and the first ten
  results' fragments), each counted gzipped (or as it is, if that is
  smaller: Pagefind's files are gzipped already). The search page's own HTML
  and CSS are left out, the same for both.
- *query time*: from the query given to the loaded engine (ours: the form
  submitted once ``index.json`` is read; Pagefind: ``search()`` once
  ``init()`` is done) to the first ten results ready (ours: shown on the page;
  Pagefind: their ``data()`` loaded, not drawn), median of the repeats.

Timings are taken only here, never in a test.
"""

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

if __package__ in (None, ""):  # run as a script: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "bench"

PROJECT = Path(__file__).resolve().parents[1]
TOOLS = PROJECT / "bench" / "out" / "tools"
PAGEFIND = TOOLS / "pagefind_bin" / "pagefind"
BUDGET_KB = 100  # the first search at N = 1,000, gzipped
HARNESS = "pagefind-bench/"  # a blank page without our CSP (Pagefind needs WebAssembly)

# What readers of a study-promotion bulletin type: with and without marks,
# typos, and a last word still being typed.
QUERIES = [
    ("khuyến học", "marks"), ("khuyen hoc", "plain"), ("quỹ khuyến học", "marks"),
    ("quy khuyen hoc", "plain"), ("học bổng", "marks"), ("hoc bong vuot kho", "plain"),
    ("gia đình học tập", "marks"), ("dong ho hoc tap", "plain"), ("ống tiết kiệm", "marks"),
    ("tu sach khuyen hoc", "plain"), ("bằng khen", "marks"), ("quyet dinh 387", "plain"),
    ("thông tư 22", "marks"), ("giai nhat mon toan", "plain"), ("Lò Văn Tính", "marks"),
    ("tong ket nam 2015", "plain"), ("chuyển đổi số", "marks"), ("mo hinh hoc tap", "plain"),
    ("Ươm mầm tài năng", "marks"), ("phuong huong nhiem vu", "plain"),
    ("khuyen hcoc", "typo"), ("hoc bnog", "typo"), ("gia dinh hco tap", "typo"),
    ("chuyen dio so", "typo"), ("tiet kime", "typo"),
    ("khuyen h", "half-typed"), ("ong tiet k", "half-typed"), ("quy khuyen h", "half-typed"),
    ("trao hoc b", "half-typed"), ("giai n", "half-typed"),
]

PAGEFIND_CONFIG = """\
root_selector: "[data-search-body]"
exclude_selectors: ["[data-search-ignore]", ".kicker", ".byline", "svg"]
"""

OURS_QUERY = """
const [query, done] = [arguments[0], arguments[arguments.length - 1]];
const form = document.querySelector('.search-form');
const list = document.querySelector('.search-results');
const observer = new MutationObserver(() => {
  if (list.getAttribute('aria-busy') !== 'false') return;
  const elapsed = performance.now() - started;
  observer.disconnect();
  const first = list.querySelector('.search-result h2 a');
  done({ ms: elapsed, first: first ? first.getAttribute('href') : null,
         count: (document.querySelector('.search-status').textContent.match(/(\\d+) kết quả/)
                 || [0, 0])[1] });
});
observer.observe(list, { attributes: true, attributeFilter: ['aria-busy'] });
form.elements.q.value = query;
const started = performance.now();
form.requestSubmit();
"""

PAGEFIND_QUERY = """
const [query, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const pagefind = await import(new URL('../pagefind/pagefind.js', location.href).href);
  await pagefind.init();
  const started = performance.now();
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
  const elapsed = performance.now() - started;
  return { ms: elapsed, first: data.length ? data[0].url : null, count: search.results.length };
})().then(done, (error) => done({ error: String(error) }));
"""



def recording_server(folder):
    """(server, requested): ``folder`` served on 127.0.0.1 in a thread, and
    the list of the paths it was asked for (by the page and by its workers:
    Pagefind fetches from a web worker, which the page's own records miss)."""
    import functools
    import http.server
    import threading

    from browser import chromium

    requested = []

    class Recording(chromium.QuietHandler):
        def do_GET(self):
            requested.append(urlsplit(self.path).path)
            super().do_GET()

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Recording, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, requested


def index_with_pagefind(site_root):
    """Pagefind's bundle of the built site in ``site_root``/output; seconds taken."""
    if not PAGEFIND.is_file():
        raise SystemExit(f"{PAGEFIND} is missing: `make bench` installs it "
                         f"(pip install --target {TOOLS} -r bench/requirements.txt)")
    (site_root / "pagefind.yml").write_text(PAGEFIND_CONFIG, encoding="utf-8")
    harness = site_root / "output" / HARNESS
    harness.mkdir(exist_ok=True)
    (harness / "index.html").write_text(
        "<!doctype html><html lang=vi><meta charset=utf-8><title>Pagefind</title>",
        encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([str(PAGEFIND), "--site", "output", "--quiet"], cwd=site_root, check=True)
    return time.perf_counter() - started


def served_size(output, address):
    """Bytes of the file at ``address`` (a path from the site's root) as a
    server that gzips would send it."""
    path = output / unquote(address).lstrip("/")
    if path.is_dir():
        path /= "index.html"
    data = path.read_bytes()
    return min(len(data), len(gzip.compress(data, 6)))


def ours_files(path):
    return path.startswith("/tim-kiem/chi-muc/") or path == "/theme/js/search.js"


def pagefind_files(path):
    return path.startswith("/pagefind/")


def measure(driver, base, output, requested, engine, query):
    """{ms, first, count, bytes} of one first search of ``query`` with ``engine``;
    ``requested``: the paths the server is asked for."""
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    del requested[:]
    if engine == "ours":
        driver.get(base + "tim-kiem/")
        wait(driver, "return !document.querySelector('.search-filters').hidden && "
                     "document.querySelector('.search-results').getAttribute('aria-busy')"
                     " === 'false'")
        result = driver.execute_async_script(OURS_QUERY, query)
        mine = ours_files
    else:
        driver.get(base + HARNESS)
        result = driver.execute_async_script(PAGEFIND_QUERY, query)
        mine = pagefind_files
    if "error" in result:
        raise RuntimeError(f"{engine} failed on {query!r}: {result['error']}")
    result["bytes"] = sum(served_size(output, path) for path in set(requested) if mine(path))
    result["count"] = int(result["count"])
    return result


def wait(driver, condition, timeout=30):
    deadline = time.monotonic() + timeout
    while not driver.execute_script(condition):
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for: {condition}")
        time.sleep(0.02)


def run(site_root, repeats=1):
    """Measure both engines on the built site in ``site_root``; the figures."""
    sys.path.insert(0, str(PROJECT / "tests"))
    from browser import chromium

    site_root = Path(site_root).resolve()
    output = site_root / "output"
    indexing = index_with_pagefind(site_root)
    rows = []
    server, requested = recording_server(output)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with tempfile.TemporaryDirectory() as profile:
        driver = chromium.start(profile)
        driver.set_script_timeout(120)
        try:
            for query, kind in QUERIES:
                row = {"query": query, "kind": kind}
                for engine in ("ours", "pagefind"):
                    runs = [measure(driver, base, output, requested, engine, query)
                            for _ in range(repeats)]
                    row[engine] = {"ms": statistics.median(run["ms"] for run in runs),
                                   "bytes": max(run["bytes"] for run in runs),
                                   "count": runs[0]["count"], "first": runs[0]["first"]}
                rows.append(row)
                print(f"   {query!r:28} ours {row['ours']['ms']:6.1f} ms "
                      f"{row['ours']['bytes'] / 1000:6.1f} kB {row['ours']['count']:5} results; "
                      f"Pagefind {row['pagefind']['ms']:6.1f} ms "
                      f"{row['pagefind']['bytes'] / 1000:6.1f} kB "
                      f"{row['pagefind']['count']:5} results", flush=True)
        finally:
            driver.quit()
            server.shutdown()
            server.server_close()
    summary = {}
    for engine in ("ours", "pagefind"):
        summary[engine] = {
            "median_ms": statistics.median(row[engine]["ms"] for row in rows),
            "max_ms": max(row[engine]["ms"] for row in rows),
            "median_kb": statistics.median(row[engine]["bytes"] for row in rows) / 1000,
            "max_kb": max(row[engine]["bytes"] for row in rows) / 1000,
            "empty": sum(1 for row in rows if row[engine]["count"] == 0),
        }
    return {"rows": rows, "summary": summary, "repeats": repeats,
            "pages": json.loads((output / "tim-kiem" / "chi-muc" / "index.json").read_text(
                encoding="utf-8"))["pages"],
            "pagefind_seconds": indexing}


def report(result, n=None):
    """The Markdown section for BENCHMARKS.md."""
    ours, pagefind = result["summary"]["ours"], result["summary"]["pagefind"]
    size = f"N = {n:,}, " if n else ""
    lines = [
        f"## Search on the reader's side: ours against Pagefind 1.5.2 ({size}"
        f"{result['pages']:,} pages)",
        "",
        f"{len(result['rows'])} fixed queries (`bench/search.py`), each a *first search*: the "
        "browser's cache emptied, the engine loaded, one query. *Download*: the search's files "
        "fetched for it, gzipped (kB = 1,000 bytes); *time*: from the query to the first ten "
        f"results ready, median of {result['repeats']} run(s), headless Chromium. Pagefind "
        f"indexed the same pages in {result['pagefind_seconds']:.1f} s (outside our build).",
        "",
        "| | median time (ms) | slowest (ms) | median download (kB) | largest download (kB) "
        "| queries with no result |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, figures in (("ours", ours), ("Pagefind", pagefind)):
        lines.append(f"| {name} | {figures['median_ms']:.1f} | {figures['max_ms']:.1f} | "
                     f"{figures['median_kb']:.1f} | {figures['max_kb']:.1f} | "
                     f"{figures['empty']} |")
    lines += ["", "| query | kind | ours: ms / kB / results | Pagefind: ms / kB / results |",
              "|---|---|---:|---:|"]
    for row in result["rows"]:
        cells = [f"{row[e]['ms']:.1f} / {row[e]['bytes'] / 1000:.1f} / {row[e]['count']}"
                 for e in ("ours", "pagefind")]
        lines.append(f"| {row['query']} | {row['kind']} | {cells[0]} | {cells[1]} |")
    return lines


def targets(result):
    """(label, measured, met) rows for the targets table."""
    ours, pagefind = result["summary"]["ours"], result["summary"]["pagefind"]
    return [
        (f"first search ≤ {BUDGET_KB} kB gzipped (largest of the queries)",
         f"{ours['max_kb']:.1f} kB", ours["max_kb"] <= BUDGET_KB),
        ("median query time below Pagefind's, same pages, same run",
         f"{ours['median_ms']:.1f} ms vs {pagefind['median_ms']:.1f} ms",
         ours["median_ms"] < pagefind["median_ms"]),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", help="a built site's folder (with output/), e.g. bench/out/1000/ours")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    result = run(args.site, args.repeats)
    lines = report(result)
    lines += ["", "| target | measured | met |", "|---|---:|:---:|"]
    lines += [f"| {label} | {value} | {'yes' if met else 'NO'} |"
              for label, value, met in targets(result)]
    print("\n" + "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
