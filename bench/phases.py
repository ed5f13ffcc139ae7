"""Where a build's time goes, phase by phase, without a profiler's overhead.

    python -m bench.phases bench/out/1000/ours          # our build, as make html runs it
    python -m bench.phases bench/out/1000/bare --bare   # bare Pelican

Runs the build in this process and stamps Pelican's signals: start-up
(imports), reading (every generator's context), writing (every generator's
output) and what our build does after Pelican (swapping the output in).
"""

import argparse
import os
import sys
import time

START = time.perf_counter()
STAMPS = []


def stamp(label):
    def receiver(*args, **kwargs):
        STAMPS.append((label, time.perf_counter()))
    return receiver


# Strong references: Pelican's signals hold receivers weakly.
RECEIVERS = {}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    parser.add_argument("--bare", action="store_true", help="bare Pelican, not our build")
    args = parser.parse_args(argv)
    os.chdir(args.site)
    sys.path.insert(0, "plugins")

    from pelican import signals

    for name, label in (("initialized", "start-up: imports, settings, plugins"),
                        ("get_generators", "generators created"),
                        ("all_generators_finalized", "reading: contexts of all generators"),
                        ("finalized", "writing: outputs of all generators")):
        RECEIVERS[name] = stamp(label)
        getattr(signals, name).connect(RECEIVERS[name])
    if args.bare:
        from pelican import main as pelican_main
        pelican_main(["content", "-s", "pelicanconf.py", "-q"])
    else:
        from khuyenhoc.build import build
        if build("pelicanconf.py") != 0:
            return 1
    STAMPS.append(("after Pelican: swap output in, exit", time.perf_counter()))
    previous = START
    total = STAMPS[-1][1] - START
    for label, moment in STAMPS:
        print(f"{moment - previous:7.2f} s  {label}")
        previous = moment
    print(f"{total:7.2f} s  total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
