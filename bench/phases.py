"""Where a build's time goes, part by part, without a profiler's overhead.

    python -m bench.phases bench/out/1000/ours            # our build, as make html runs it
    python -m bench.phases bench/out/1000/ours --warm     # build twice, show the second
    python -m bench.phases bench/out/1000/bare --bare     # bare Pelican

Runs the build in a child process and times, there, each part of the work
by wrapping the function that does it (a part whose module does not exist
yet is skipped). The parts do not nest, so what is left is Pelican's own
work between them (building contexts, pagination) plus Python's start-up.
For a full profile, run the same command under ``python -m cProfile``.
"""

import argparse
import functools
import importlib
import json
import os
import subprocess
import sys
import time

# (label, "module:attribute"): the functions that do each part of a build.
PARTS = [
    ("data/: read and check the figures", "khuyenhoc.data.datasets:read"),
    ("read articles and pages (front matter, Markdown; cached when warm)",
     "pelican.readers:Readers.read_file"),
    ("fill figures, tables and charts into articles", "khuyenhoc.figures.fill_in:fill_in"),
    ("checks across articles (addresses, links, HTML)", "khuyenhoc.checks.content:check"),
    ("statistics pages: contents", "khuyenhoc.pages.statistics:StatisticsGenerator.generate_context"),
    ("statistics pages: writing", "khuyenhoc.pages.statistics:StatisticsGenerator.generate_output"),
    ("write pages (Jinja templates)", "pelican.writers:Writer.write_file"),
    ("write feeds", "pelican.writers:Writer.write_feed"),
    ("copy static files", "pelican.generators:StaticGenerator.generate_output"),
    ("write CSV/JSON downloads", "khuyenhoc.pages.downloads:write_all"),
    ("wait for the chart drawings, put them in pages", "khuyenhoc.charts.cache:ChartDrawer.finish"),
    ("search index: read the pages, write the index", "khuyenhoc.search.index:write_index"),
    ("check every link of the built site", "khuyenhoc.checks.links:check"),
    ("swap the new site in", "khuyenhoc.build.strict:_replace"),
    ("delete folders (old site, temporary copies)", "shutil:rmtree"),
]
START_UP = "start-up: Python, Pelican, plugins"
OTHER = "the rest: Pelican's contexts, pagination, our signals"


def timed_build(site, bare=False, warm=False):
    """[(part, [wall seconds, CPU seconds of the build process])] of one
    build of ``site``, the total last."""
    argv = [sys.executable, "-m", "bench.phases", "--child", str(site)]
    if bare:
        argv.append("--bare")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [os.path.join(site, "plugins"), os.path.dirname(os.path.dirname(__file__))]))
    runs = 2 if warm else 1
    for _ in range(runs):
        result = subprocess.run(argv, cwd=site, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"build failed in {site}:\n{result.stdout}{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _child(site, bare):
    started, started_cpu = time.perf_counter(), time.process_time()
    totals = {label: [0.0, 0.0] for label, _ in PARTS}
    for label, target in PARTS:
        _wrap(target, label, totals)
    from pelican import signals

    ready = {}
    # Held here: Pelican's signals keep their receivers weakly.
    mark = lambda *args, **kwargs: ready.setdefault(  # noqa: E731
        "at", (time.perf_counter(), time.process_time()))
    signals.initialized.connect(mark)
    devnull = open(os.devnull, "w")
    stdout, sys.stdout = sys.stdout, devnull
    try:
        if bare:
            from pelican import main as pelican_main
            pelican_main(["content", "-s", "pelicanconf.py", "-q"])
            code = 0
        else:
            from khuyenhoc.build.strict import build
            code = build("pelicanconf.py", out=devnull)
    finally:
        sys.stdout = stdout
    total = [time.perf_counter() - started, time.process_time() - started_cpu]
    if code != 0:
        return code
    at, at_cpu = ready.get("at", (started, started_cpu))
    parts = [(START_UP, [at - started, at_cpu - started_cpu])]
    parts += [(label, times) for label, times in totals.items() if times[0] > 0.0005]
    parts.append((OTHER, [total[i] - sum(times[i] for _, times in parts) for i in (0, 1)]))
    parts.append(("total", total))
    print(json.dumps(parts, ensure_ascii=False))
    return 0


def _wrap(target, label, totals):
    module_name, _, path = target.partition(":")
    try:
        owner = importlib.import_module(module_name)
    except ImportError:
        return
    *owners, name = path.split(".")
    for attribute in owners:
        owner = getattr(owner, attribute, None)
    original = getattr(owner, name, None) if owner is not None else None
    if original is None:
        return
    depth = [0]

    @functools.wraps(original)
    def timed(*args, **kwargs):
        depth[0] += 1
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            depth[0] -= 1
            if depth[0] == 0:
                totals[label][0] += time.perf_counter() - start
                totals[label][1] += time.process_time() - start_cpu

    setattr(owner, name, timed)
    # register() connects the receivers of its list, made when the plugin was
    # imported: the list gets the timed one too (bare Pelican has no plugin).
    plugin = sys.modules.get("khuyenhoc")
    if plugin is not None:
        plugin.RECEIVERS[:] = [(signal, timed if receiver is original else receiver)
                               for signal, receiver in plugin.RECEIVERS]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    parser.add_argument("--bare", action="store_true", help="bare Pelican, not our build")
    parser.add_argument("--warm", action="store_true", help="time a second, warm build")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args.site, args.bare)
    print("   wall     CPU (this process)")
    for label, (wall, cpu) in timed_build(os.path.abspath(args.site), args.bare, args.warm):
        print(f"{wall:7.2f} s {cpu:7.2f} s  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
