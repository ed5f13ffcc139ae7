"""The PNG worker: ``python -m khuyenhoc.charts.png_worker`` draws the pictures it is given.

Started by png_images.py, only when a production build needs a picture the
cache lacks, so that matplotlib is imported here and never in the build
process. Reads a JSON list of ``{"path": ..., "job": ...}`` on standard
input; writes each PNG to its path whole or not at all. A picture that
cannot be drawn is named on standard error and the exit code is 1.
"""

import json
import sys

from khuyenhoc.caches import atomic_file


def main():
    jobs = json.load(sys.stdin)
    # Named chart_png here as before the move into rooms: this file is part of
    # the PNGs' cache key (png_images.drawing_fingerprint), so renaming a name
    # in it would draw every picture again.
    from khuyenhoc.charts import png_drawing as chart_png

    failed = 0
    for item in jobs:
        job = item["job"]
        try:
            if job["kind"] == "chart":
                data = chart_png.chart_png(job["spec"], job["palette"], job["source"])
            else:
                data = chart_png.card_png(job["card"], job["palette"])
            atomic_file.write(item["path"], data)
        except Exception as exc:  # reported by the build, in Vietnamese
            failed += 1
            what = job.get("spec", job.get("card", {})).get("title", "")
            print(f'"{what}": {type(exc).__name__}: {exc}', file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
