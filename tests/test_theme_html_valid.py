"""Every page of both builds passes the Nu Html Checker (npm vnu-jar) with no error."""

import json
import subprocess

from conftest import PROJECT
from tooling import require

VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# A page with one known error, checked in the same run (one Java start):
# it shows that the checker really reads the files and reports.
CANARY = '<!doctype html><html lang="vi"><title>x</title><img src="a.png"></html>'


def check(*folders):
    require("java", str(VNU))
    # The checker overflows Java's default thread stack on long pages.
    result = subprocess.run(
        ["java", "-Xss8m", "-jar", str(VNU), "--errors-only", "--format", "json",
         "--skip-non-html", *map(str, folders)],
        capture_output=True, text=True, timeout=900,
    )
    report = json.loads(result.stderr or '{"messages": []}')
    return [(m.get("url", "?").removeprefix("file:"), m.get("lastLine"), m["message"])
            for m in report["messages"]]


def test_every_page_is_valid_html(sample_site, published_site, tmp_path):
    (tmp_path / "canary.html").write_text(CANARY, encoding="utf-8")
    pages = list(sample_site.output.rglob("*.html")) + list(published_site.output.rglob("*.html"))
    assert len(pages) > 40
    errors = check(tmp_path, sample_site.output, published_site.output)
    canary = [e for e in errors if e[0].endswith("canary.html")]
    assert len(canary) == 1 and "alt" in canary[0][2], errors
    assert [e for e in errors if e not in canary] == []
