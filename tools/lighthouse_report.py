"""Lighthouse scores (mobile) of the sample site's home, heaviest article and
statistics page, with their weights: a report, not a test.

    make lighthouse          # writes LIGHTHOUSE.md

The production build (publishconf.py) is made into a temporary folder with
SITEURL set to the local server's address, served on 127.0.0.1, and
Lighthouse (npm, tools/lighthouse/) audits each page in Debian's headless
Chromium with its default mobile settings: a mid-range phone on a slow 4G
connection, simulated. Performance scores move a little from run to run;
the other categories do not.
"""

import contextlib
import datetime
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = PROJECT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (("first-contentful-paint", "FCP"), ("largest-contentful-paint", "LCP"),
           ("total-blocking-time", "TBT"), ("cumulative-layout-shift", "CLS"),
           ("speed-index", "Speed Index"))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as work, serving() as (url, set_root):
        site = Path(work) / "site"
        build(site, url, Path(work) / "cache")
        set_root(site)
        pages = [("Trang chủ", ""), ("Bài viết nặng nhất", heaviest_article(site)),
                 ("Số liệu", "so-lieu/")]
        rows = [(label, path, audit(url + path, Path(work) / f"{number}.json"))
                for number, (label, path) in enumerate(pages)]
    report = render(rows)
    print(report)
    (PROJECT / "LIGHTHOUSE.md").write_text(report, encoding="utf-8")
    print("Written to LIGHTHOUSE.md")
    return 0


@contextlib.contextmanager
def serving():
    """A local server whose folder is set once the site is built (its
    address must be known before: the production build writes it in)."""
    root = {"path": os.devnull}

    class Handler(QuietHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=root["path"], **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield (f"http://127.0.0.1:{server.server_port}/",
               lambda path: root.update(path=str(path)))
    finally:
        server.shutdown()
        server.server_close()


def build(site, url, cache):
    env = dict(os.environ, SITEURL=url.rstrip("/"), PYTHONPATH=str(PROJECT / "plugins"))
    code = ("import sys; from khuyenhoc.build.strict import build; "
            f"sys.exit(build('publishconf.py', overrides={{'OUTPUT_PATH': {str(site)!r}, "
            f"'CACHE_PATH': {str(cache)!r}}}))")
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=env, check=True)


def heaviest_article(site):
    articles = [page for page in site.glob("*/index.html")
                if 'property="og:type" content="article"' in page.read_text(encoding="utf-8")]
    heaviest = max(articles, key=lambda page: page.stat().st_size)
    return heaviest.parent.name + "/"


def audit(url, report_path):
    subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={report_path}",
         f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES),
         "--quiet"],
        env=dict(os.environ, CHROME_PATH=CHROMIUM), check=True)
    result = json.loads(report_path.read_text(encoding="utf-8"))
    audits = result["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        "scores": {name: round(100 * result["categories"][name]["score"]) for name in CATEGORIES},
        "metrics": {label: audits[key]["displayValue"] for key, label in METRICS},
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(requests),
        "hosts": sorted({re.sub(r"^https?://([^/]+)/.*$", r"\1", item["url"])
                         for item in requests}),
        "failed": [(audit_id, audits[audit_id]["title"])
                   for category in CATEGORIES
                   for audit_id in (ref["id"] for ref in result["categories"][category]["auditRefs"]
                                    if ref["weight"] > 0)
                   if audits[audit_id]["score"] is not None and audits[audit_id]["score"] < 1
                   and category != "performance"],
        "version": result["lighthouseVersion"],
        "chrome": result["environment"]["hostUserAgent"],
    }


def render(rows):
    version = rows[0][2]["version"]
    chrome = re.search(r"Chrome/([\d.]+)", rows[0][2]["chrome"])
    lines = [
        "# Lighthouse (mobile)", "",
        "Written by `tools/lighthouse_report.py`; regenerate with `make lighthouse`.", "",
        f"Measured on {datetime.date.today():%Y-%m-%d}, commit {commit()}, Lighthouse {version}, "
        f"Chromium {chrome.group(1) if chrome else '?'} (Debian, headless), default mobile "
        "settings (simulated slow 4G and a 4× slower CPU); production build served on "
        "127.0.0.1.", "",
        "| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS "
        "| Speed Index | weight (kB, transferred) | requests | hosts |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for label, path, result in rows:
        scores, metrics = result["scores"], result["metrics"]
        lines.append(
            f"| {label} (`/{path}`) | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " | "
            + " | ".join(metrics[label_] for _, label_ in METRICS)
            + f" | {result['bytes'] / 1000:.1f} | {result['requests']} | "
            + ", ".join(result["hosts"]) + " |")
    failed = [(label, audit_id, title) for label, _, result in rows
              for audit_id, title in result["failed"]]
    lines += ["", "## Audits not passed (accessibility, best practices, SEO)", ""]
    lines += [f"- {label}: `{audit_id}`: {title}" for label, audit_id, title in failed] or ["None."]
    return "\n".join(lines) + "\n"


def commit():
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT,
                          capture_output=True, text=True).stdout.strip() or "unknown"


if __name__ == "__main__":
    sys.exit(main())
