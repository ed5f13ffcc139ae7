"""Benchmark: our build against bare Pelican on ten or more years of bulletins.

    make bench                      # N = 100, 1,000, 5,000; writes BENCHMARKS.md
    BENCH_QUICK=1 make bench        # N = 100, 1,000, one run each (a minute or two)
    python -m bench.run --sizes 100,1000 --repeats 3,3

At N = 1,000 it also measures the search on the reader's side, ours
against Pagefind on the same pages (``bench/search.py``; Pagefind comes
from ``bench/requirements.txt``, which ``make bench`` installs into
``bench/out/tools/``: without it, that part is skipped and says so).

For each N it writes the same synthetic articles twice (our YAML front
matter; Pelican's own metadata) and, round after round, runs in turn: our
cold build, our warm rebuild with nothing changed, our rebuild after editing
one article, and bare Pelican's cold build, alternating which goes first so
that the machine's noise falls on both. It then starts the real preview
server, saves an article several times and polls the served page until the
change shows. Medians are reported; BENCHMARKS.md gets the table and the
exact command.
"""

import argparse
import datetime
import os
import platform
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "bench"

from bench import measure, national, phases, search, sites, synthetic  # noqa: E402

PROJECT = sites.PROJECT
FULL = {"sizes": [100, 1000, 5000], "repeats": [5, 5, 3], "edits": 5}
QUICK = {"sizes": [100, 1000], "repeats": [1, 1], "edits": 2}
TARGET_N = 1000
SERVE_TIMEOUT = 300  # seconds for one edit to show, before giving up


class BuildFailed(Exception):
    pass


def parse(argv):
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    plan = QUICK if quick else FULL
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, plan["sizes"])),
                        help="numbers of articles, comma-separated")
    parser.add_argument("--repeats", default=",".join(map(str, plan["repeats"])),
                        help="rounds per size (one number, or one per size)")
    parser.add_argument("--edits", type=int, default=plan["edits"],
                        help="saves measured under the preview server (0: skip)")
    parser.add_argument("--data-years", type=int, default=synthetic.YEARS,
                        help="years of figures for the 30 units (the smoke test uses 2)")
    parser.add_argument("--national-years", default="2" if quick else "5,10",
                        help="years of the national case (bench/national.py); 0: skip it")
    parser.add_argument("--national-formats", default="floor,csv,xlsx" if quick
                        else ",".join(national.FORMATS))
    parser.add_argument("--workdir", default=str(PROJECT / "bench" / "out"))
    parser.add_argument("--output", default=str(
        PROJECT / "bench" / "out" / "BENCHMARKS.quick.md" if quick
        else PROJECT / "BENCHMARKS.md"))
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",")]
    repeats = [int(r) for r in args.repeats.split(",")]
    if len(repeats) == 1:
        repeats *= len(args.sizes)
    if len(repeats) != len(args.sizes):
        parser.error("--repeats needs one number or one per size")
    args.repeats = repeats
    args.quick = quick
    return args


def main(argv=None):
    args = parse(argv)
    python = sys.executable
    started = time.perf_counter()
    results = {}
    args.load_before = os.getloadavg()
    profiled = TARGET_N if TARGET_N in args.sizes else max(args.sizes)
    for n, repeats in zip(args.sizes, args.repeats):
        print(f"== N = {n}: {repeats} round(s)", flush=True)
        results[n] = bench_size(n, repeats, args.edits, Path(args.workdir) / str(n), python,
                                args.data_years, profile=n == profiled,
                                search_repeats=1 if args.quick else 3)
    national_report = ""
    if args.national_years not in ("", "0"):
        print("== national case: 34 provinces + 3,321 communes", flush=True)
        national_results = national.run(
            [int(y) for y in args.national_years.split(",")],
            args.national_formats.split(","), Path(args.workdir) / "national", python)
        national_report = national.render(national_results, command_line(args))
    args.load_after = os.getloadavg()
    report = render(results, args, time.perf_counter() - started)
    if national_report:
        report = report.rstrip("\n") + "\n\n" + national_report
    print("\n" + report)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(report, encoding="utf-8")
    print(f"Written to {os.path.relpath(args.output)}")
    return 0


def bench_size(n, repeats, edits, workdir, python, data_years, profile=False,
               search_repeats=3):
    ours, articles = sites.create(workdir / "ours", n, "ours", data_years)
    bare, _ = sites.create(workdir / "bare", n, "bare")
    edited = pick_edited(articles)
    runs = {kind: [] for kind in KINDS}
    for round_ in range(repeats):
        steps = [lambda: ours_round(ours, edited, python, runs, round_),
                 lambda: bare_round(bare, python, runs)]
        for step in steps if round_ % 2 == 0 else reversed(steps):
            step()
        print(f"   round {round_ + 1}: " + ", ".join(
            f"{kind} {runs[kind][-1].seconds:.2f} s ({runs[kind][-1].cpu:.2f} s CPU)"
            for kind in KINDS), flush=True)
    page = article_page(ours, edited)
    result = {"runs": repeats}
    for kind, done in runs.items():
        result[kind] = statistics.median(run.seconds for run in done)
        result[kind + "_cpu"] = statistics.median(run.cpu for run in done)
        result[kind + "_mem"] = statistics.median(run.peak_mb for run in done)
        result[kind + "_own_mem"] = statistics.median(run.own_peak_mb for run in done)
    result["pictures"] = statistics.median(
        getattr(run, "pictures", 0) for run in runs["publish"])
    result["ours_size"] = measure.tree_size(ours.output)
    result["bare_size"] = measure.tree_size(bare.output)
    result["ours_page"] = measure.page_weight(ours.output, page)
    result["bare_page"] = measure.page_weight(bare.output, bare_article_page(bare, edited))
    if edits:
        latencies, settled = preview_latency(ours, edited, page, python, edits)
        result["preview"] = statistics.median(latencies)
        result["preview_max"] = max(latencies)
        result["settled"] = statistics.median(settled)
        print(f"   preview: {', '.join(f'{s:.2f}' for s in latencies)} s; whole site "
              f"{', '.join(f'{s:.2f}' for s in settled)} s", flush=True)
    if profile:
        ours.clean()
        result["parts"] = {"ours cold": phases.timed_build(str(ours.root)),
                           "ours warm": phases.timed_build(str(ours.root)),
                           "bare cold": phases.timed_build(str(bare.root), bare=True)}
        result["parts_n"] = n
    if n == TARGET_N:  # the search's budgets are set at N = 1,000
        if search.PAGEFIND.is_file():
            print("   search: ours against Pagefind, in headless Chromium", flush=True)
            result["search"] = search.run(ours.root, repeats=search_repeats)
            result["search_n"] = n
        else:
            print(f"   search not measured: no {search.PAGEFIND} (make bench installs it)",
                  flush=True)
    return result


def pick_edited(articles):
    """The article edited in warm builds and the preview, whose page is
    weighed: from the middle of the years, with a chart and no cover photo
    (a photo would outweigh everything else on the page)."""
    middle = len(articles) // 2
    for article in articles[middle:] + articles[:middle]:
        if article.charts and not article.cover:
            return article
    return articles[middle]


KINDS = ("cold", "bare", "warm", "edit", "publish")


def ours_round(site, edited, python, runs, round_):
    site.clean()
    runs["cold"].append(build(site, python))
    runs["warm"].append(build(site, python))
    synthetic.edit(site.articles / edited.filename, f"vòng {round_ + 1}")
    runs["edit"].append(build(site, python))
    # `make publish` from nothing: every chart's PNG and every share card drawn.
    site.clean()
    runs["publish"].append(build(site, python, "publishconf.py"))
    runs["publish"][-1].pictures = pictures_drawn(site)


def bare_round(site, python, runs):
    site.clean()
    runs["bare"].append(build(site, python))


def build(site, python, settings="pelicanconf.py"):
    site.settle()
    run = measure.timed(site.build_command(python, settings), site.root, site.environment())
    if run.returncode != 0:
        raise BuildFailed(f"{site.flavour} build failed in {site.root}:\n{run.output}")
    return run


def pictures_drawn(site):
    """How many PNGs (charts and share cards) the last publish drew."""
    import json

    report = site.root / "cache" / "anh-png" / "last-build.json"
    return json.loads(report.read_text())["drawn"] if report.exists() else 0


def article_page(site, article):
    """The output path of an article page of our site, from its slug."""
    from pelican.settings import read_settings
    from pelican.utils import slugify

    settings = read_settings(str(site.root / "pelicanconf.py"))
    slug = slugify(article.title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
                   use_unicode=settings["SLUGIFY_USE_UNICODE"])
    page = settings["ARTICLE_SAVE_AS"].format(slug=slug)
    if not (site.output / page).is_file():
        raise BuildFailed(f"the article page {page} is missing from {site.output}")
    return page


def bare_article_page(site, article):
    from pelican.utils import slugify

    page = slugify(article.title, regex_subs=[(r"[^\w\s-]", ""), (r"[-\s]+", "-")]) + ".html"
    if not (site.output / page).is_file():
        raise BuildFailed(f"the article page {page} is missing from {site.output}")
    return page


def preview_latency(site, edited, page, python, edits):
    """Seconds from saving an article to the preview server serving the change."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page.removesuffix('index.html')}"
    log = open(site.root / "serve.log", "w", encoding="utf-8")
    server = subprocess.Popen(site.serve_command(python, port), cwd=site.root,
                              env=site.environment(), stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    latencies, settled = [], []
    try:
        if measure.wait_for(url, lambda body: True, SERVE_TIMEOUT) is None:
            raise BuildFailed(f"the preview server did not start; see {log.name}")
        for number in range(edits):
            time.sleep(1.0)  # the officer reads the page before the next save
            builds = full_builds(log.name)
            token = f"bản xem trước {number + 1} {time.time_ns()}"
            saved = time.perf_counter()
            synthetic.edit(site.articles / edited.filename, token)
            if measure.wait_for(url, lambda body: token in body, SERVE_TIMEOUT) is None:
                raise BuildFailed(f"the edit never showed at {url}; see {log.name}")
            latencies.append(time.perf_counter() - saved)
            # Then the full build: lists, tags and archives up to date.
            if not wait_until(lambda: full_builds(log.name) > builds, SERVE_TIMEOUT):
                raise BuildFailed(f"the full build never ended; see {log.name}")
            settled.append(time.perf_counter() - saved)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
    return latencies, settled


def full_builds(log_path):
    """How many full builds the preview server has finished (it says so)."""
    with open(log_path, encoding="utf-8", errors="replace") as handle:
        return handle.read().count("Đã dựng lại trang.")


def wait_until(condition, timeout):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------- report

def render(results, args, elapsed):
    sizes = list(results)
    lines = [
        "# Benchmarks",
        "",
        "Written by `bench/run.py`; do not edit by hand. Regenerate with:",
        "",
        "```sh",
        command_line(args),
        "```",
        "",
        machine(elapsed, args),
        "",
        "## Build times (medians, seconds)",
        "",
        "| N | runs | ours cold | bare Pelican cold | ratio | warm, nothing changed "
        "| ÷ bare cold | warm, one article edited | ÷ bare cold | preview: save → page shown "
        "| preview: save → whole site rebuilt |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        r = results[n]
        lines.append(
            f"| {n:,} | {r['runs']} | {r['cold']:.2f} | {r['bare']:.2f} | "
            f"{r['cold'] / r['bare']:.2f}× | {r['warm']:.2f} | {r['warm'] / r['bare']:.2f}× | "
            f"{r['edit']:.2f} | {r['edit'] / r['bare']:.2f}× | {preview_cell(r)} | "
            f"{seconds_cell(r, 'settled')} |")
    lines += [
        "",
        "## Production build with its PNGs (medians, seconds)",
        "",
        "`make publish` (publishconf.py) from no output and no cache: the development "
        "build's work, plus a PNG of every chart and a share card for every article "
        "without a cover and every statistics page, drawn by matplotlib in worker "
        "processes (`png_images.py`). With the publishing recipes' restored cache, only "
        "new charts are drawn.",
        "",
        "| N | PNGs drawn | ours `make publish` cold | ours `make html` cold "
        "| bare Pelican cold | publish ÷ bare | publish CPU (s, with workers) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        r = results[n]
        lines.append(
            f"| {n:,} | {r['pictures']:.0f} | {r['publish']:.2f} | {r['cold']:.2f} | "
            f"{r['bare']:.2f} | {r['publish'] / r['bare']:.2f}× | {r['publish_cpu']:.2f} |")
    lines += [
        "",
        "## CPU time (medians, seconds)",
        "",
        "User and system time of the build and of its child processes (the reading worker). "
        "Other programs running on the machine change it much less than the "
        "wall-clock times above.",
        "",
        "| N | ours cold | bare Pelican cold | ratio | warm, nothing changed | ÷ bare cold "
        "| warm, one article edited | ÷ bare cold |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        r = results[n]
        lines.append(
            f"| {n:,} | {r['cold_cpu']:.2f} | {r['bare_cpu']:.2f} | "
            f"{r['cold_cpu'] / r['bare_cpu']:.2f}× | {r['warm_cpu']:.2f} | "
            f"{r['warm_cpu'] / r['bare_cpu']:.2f}× | {r['edit_cpu']:.2f} | "
            f"{r['edit_cpu'] / r['bare_cpu']:.2f}× |")
    lines += [
        "",
        "## Memory and weight (medians)",
        "",
        "| N | peak memory ours cold (MB) | bare (MB) | ratio "
        "| of it, the build process alone (MB) | ÷ bare | ours warm (MB) "
        "| output ours (MB, files) | bare (MB, files) | article page ours: HTML / with assets / gzip (kB) "
        "| bare (kB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        r = results[n]
        lines.append(
            f"| {n:,} | {r['cold_mem']:.0f} | {r['bare_mem']:.0f} | "
            f"{r['cold_mem'] / r['bare_mem']:.2f}× | {r['cold_own_mem']:.0f} | "
            f"{r['cold_own_mem'] / r['bare_mem']:.2f}× | {r['warm_mem']:.0f} | "
            f"{size_cell(r['ours_size'])} | {size_cell(r['bare_size'])} | "
            f"{weight_cell(r['ours_page'])} | {weight_cell(r['bare_page'])} |")
    searched = [r for r in results.values() if "search" in r]
    lines += ["", *growth(results), "", *targets(results), "", *breakdown(results), ""]
    if searched:
        lines += [*search.report(searched[0]["search"], searched[0]["search_n"]), ""]
    lines += notes(args)
    return "\n".join(lines) + "\n"


def preview_cell(r):
    if "preview" not in r:
        return "—"
    return f"{r['preview']:.2f} (max {r['preview_max']:.2f})"


def seconds_cell(result, key):
    return f"{result[key]:.2f}" if key in result else "—"


def size_cell(size):
    total, files = size
    return f"{total / 1e6:.1f}, {files:,}"


def weight_cell(weight):
    html, total, packed = weight
    return f"{html / 1e3:.1f} / {total / 1e3:.1f} / {packed / 1e3:.1f}"


GROWTH_KEYS = [("cold", "ours cold"), ("bare", "bare Pelican cold"),
               ("warm", "warm, nothing changed"), ("edit", "warm, one edit"),
               ("preview", "preview")]


def growth(results):
    """Cost per extra article between consecutive sizes: flat means linear."""
    sizes = sorted(results)
    if len(sizes) < 2:
        return []
    segments = list(zip(sizes, sizes[1:]))
    header = " | ".join(f"{a:,} → {b:,}" for a, b in segments)
    lines = ["## Growth: milliseconds per additional article",
             "",
             "Between two sizes, (time at the larger − time at the smaller) ÷ (extra articles). "
             "Equal figures along a row mean linear growth; the last column is the later "
             "segment over the earlier one.",
             "",
             f"| figure | {header} | later ÷ earlier |",
             "|---|" + "---:|" * (len(segments) + 1)]
    for key, label in GROWTH_KEYS:
        if not all(key in results[n] for n in sizes):
            continue
        slopes = [1000 * (results[b][key] - results[a][key]) / (b - a) for a, b in segments]
        trend = f"{slopes[-1] / slopes[0]:.2f}" if len(slopes) > 1 and slopes[0] > 0 else "—"
        lines.append(f"| {label} | " + " | ".join(f"{s:.2f}" for s in slopes) + f" | {trend} |")
    for key, label in (("cold_mem", "peak memory, ours (kB per article)"),
                       ("bare_mem", "peak memory, bare (kB per article)")):
        slopes = [1024 * (results[b][key] - results[a][key]) / (b - a) for a, b in segments]
        lines.append(f"| {label} | " + " | ".join(f"{s:.1f}" for s in slopes) + " | |")
    return lines


def targets(results):
    if TARGET_N not in results:
        return [f"## Targets\n\nThe targets are set at N = {TARGET_N:,}, not measured in this run."]
    r = results[TARGET_N]
    rows = [
        ("cold build ≤ 1.10× bare Pelican", r["cold"] / r["bare"], 1.10, "×"),
        ("warm, nothing changed ≤ 0.5× bare Pelican cold", r["warm"] / r["bare"], 0.5, "×"),
        ("edited article shown in the preview ≤ 2 s", r.get("preview"), 2.0, " s"),
        ("peak memory ≤ 2× bare Pelican", r["cold_mem"] / r["bare_mem"], 2.0, "×"),
    ]
    lines = [f"## Targets at N = {TARGET_N:,}", "", "| target | measured | met |",
             "|---|---:|:---:|"]
    for label, value, limit, unit in rows:
        if value is None:
            lines.append(f"| {label} | not measured | — |")
        else:
            lines.append(f"| {label} | {value:.2f}{unit} | {'yes' if value <= limit else 'NO'} |")
    if "search" in r:
        lines += [f"| search: {label} | {value} | {'yes' if met else 'NO'} |"
                  for label, value, met in search.targets(r["search"])]
    return lines


def breakdown(results):
    profiled = [r for r in results.values() if "parts" in r]
    if not profiled:
        return []
    r = profiled[0]
    builds = list(r["parts"])
    labels = []
    for parts in r["parts"].values():
        labels += [label for label, _ in parts if label not in labels and label != "total"]
    lines = [f"## Where the time goes (N = {r['parts_n']:,}, one build each)",
             "",
             "Each part is timed by wrapping the function that does it (`python -m "
             "bench.phases SITE`); CPU is the build process's own, so work done in other "
             "processes (the reading worker) shows as wall time only.",
             "",
             "| part | " + " | ".join(f"{b}: wall / CPU (s)" for b in builds) + " |",
             "|---|" + "---:|" * len(builds)]
    for label in labels + ["total"]:
        cells = []
        for build_name in builds:
            times = dict(r["parts"][build_name]).get(label)
            cells.append(f"{times[0]:.2f} / {times[1]:.2f}" if times else "—")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def notes(args):
    return [
        "## What is measured",
        "",
        "- *ours*: `python -m khuyenhoc.build pelicanconf.py` (what `make html` runs) on the "
        "project's settings, theme and plugins; *bare*: `python -m pelican content` with "
        "Pelican's default theme, no plugins and pelican-quickstart's settings, on the same "
        "articles written with Pelican's own metadata lines.",
        "- *cold*: no output and no cache. *warm, nothing changed*: the same build run "
        "again at once; it finds its sources and the output as the last successful build "
        "left them (`up_to_date.py`) and stops. *one article edited*: a line appended to "
        "one article, then the whole build runs with every cache warm (articles, data, "
        "charts), which is what the officer waits for after a change.",
        "- *preview*: the real preview server (`python -m khuyenhoc.preview.server`, what `make serve` "
        "runs) is started, one article is saved, and its page is fetched every 20 ms until "
        "the change is served (*page shown*); then we wait for the server's full build to "
        "end (*whole site rebuilt*: lists, tags, archives); one second passes before the "
        "next save.",
        "- *peak memory*: the largest sum, sampled every 25 ms, of the proportional set size "
        "(PSS) of the build and all its child processes (the reading worker); *the build "
        "process alone*: the largest PSS of the build's own Python process.",
        "- *article page*: the edited article's HTML, then with every stylesheet, script and "
        "image of the site that it loads (CSS `@import`s followed), then that total gzipped.",
        "- Synthetic articles: 300–1,500 words of Vietnamese prose (median about 630), "
        "headings, numbered lists, tables, photo captions, 30% with a cover picture, dated "
        "evenly over 20 years. Our site also gets `data/`: "
        f"{args.data_years} years × 30 units of every dataset; bare Pelican has no use for it.",
    ]


def command_line(args):
    env = "BENCH_QUICK=1 " if args.quick else ""
    argv = " ".join(shlex.quote(a) for a in sys.argv[1:])
    return f"{env}python -m bench.run {argv}".rstrip() + (
        "   # = make bench" if not sys.argv[1:] else "")


def machine(elapsed, args):
    import pelican

    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(line.split(":", 1)[1].strip() for line in handle
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT,
                            capture_output=True, text=True).stdout.strip() or "unknown"
    before = ", ".join(f"{load:.1f}" for load in args.load_before)
    after = ", ".join(f"{load:.1f}" for load in args.load_after)
    return (f"Measured on {datetime.date.today():%Y-%m-%d}, commit {commit}: {cpu}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}, Pelican "
            f"{pelican.__version__}. The whole run took {elapsed / 60:.1f} minutes. "
            f"Load average (1, 5, 15 min) before: {before}; after: {after} "
            f"(other programs competing for the {os.cpu_count()} cores).")


if __name__ == "__main__":
    sys.exit(main())
