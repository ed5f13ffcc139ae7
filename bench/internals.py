"""What each speed-up that needs Pelican's internals buys, side by side.

    python -m bench.internals                  # N = 1,000, 3 rounds
    python -m bench.internals --n 100 --repeats 1

Every round runs, on the same synthetic site and in an order that alternates
from round to round, our cold build as shipped and with one speed-up turned
off by its switch:

- reading on two cores (reading/parallel.py, through Pelican's readers'
  metadata filter): ``KHUYENHOC_PARALLEL_READ=0`` reads on one core;
- the data read in a forked child (data/cache.py): ``KHUYENHOC_FORKED_DATA=0``
  reads it in the build process; what it saves is memory, not time.

The preview's quick step (preview/, through Pelican's writer, generator
classes and year archives) is measured by ``make bench`` itself: "preview:
save → page shown" against "warm, one article edited", the full build a
save would otherwise wait for.
"""

import argparse
import statistics
import sys
from pathlib import Path

from bench import measure, sites

VARIANTS = {
    "as shipped": {},
    "reading on one core": {"KHUYENHOC_PARALLEL_READ": "0"},
    "data read in the build process": {"KHUYENHOC_FORKED_DATA": "0"},
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workdir", default=str(sites.PROJECT / "bench" / "out" / "internals"))
    args = parser.parse_args(argv)
    site, _ = sites.create(Path(args.workdir) / str(args.n), args.n, "ours")
    runs = {name: [] for name in VARIANTS}
    for round_ in range(args.repeats):
        order = list(VARIANTS) if round_ % 2 == 0 else list(reversed(VARIANTS))
        for name in order:
            site.clean()
            site.settle()
            env = dict(site.environment(), **VARIANTS[name])
            run = measure.timed(site.build_command(sys.executable), site.root, env)
            if run.returncode != 0:
                raise SystemExit(f"{name}: the build failed:\n{run.output}")
            runs[name].append(run)
        print(f"round {round_ + 1}: " + ", ".join(
            f"{name} {runs[name][-1].seconds:.2f} s" for name in VARIANTS), flush=True)
    print(render(runs, args))
    return 0


def render(runs, args):
    shipped = runs["as shipped"]
    base_s = statistics.median(r.seconds for r in shipped)
    base_mb = statistics.median(r.peak_mb for r in shipped)
    lines = [f"## What Pelican's internals buy (N = {args.n:,}, {args.repeats} rounds, medians)",
             "", "Command: `python -m bench.internals --n "
             f"{args.n} --repeats {args.repeats}`", "",
             "| our cold build | seconds | ÷ as shipped | CPU (s) | peak memory (MB) "
             "| ÷ as shipped |", "|---|---:|---:|---:|---:|---:|"]
    for name, done in runs.items():
        seconds = statistics.median(r.seconds for r in done)
        cpu = statistics.median(r.cpu for r in done)
        peak = statistics.median(r.peak_mb for r in done)
        lines.append(f"| {name} | {seconds:.2f} | {seconds / base_s:.2f}× | {cpu:.2f} "
                     f"| {peak:.0f} | {peak / base_mb:.2f}× |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
