"""Every page of both builds passes the Nu Html Checker (npm vnu-jar) with no error."""

import json
import subprocess

from conftest import PROJECT
from tooling import require

VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(*folders):
    require("java", str(VNU))
    # The checker overflows Java's default thread stack on long pages.
    result = subprocess.run(
        ["java", "-Xss8m", "-jar", str(VNU), "--errors-only", "--format", "json",
         "--skip-non-html", *map(str, folders)],
        capture_output=True, text=True, timeout=600,
    )
    report = json.loads(result.stderr or '{"messages": []}')
    return [
        f"{m.get('url', '?').removeprefix('file:')}:{m.get('lastLine')}: {m['message']}"
        for m in report["messages"]
    ], result.returncode


def test_every_page_is_valid_html(sample_site, published_site):
    pages = list(sample_site.output.rglob("*.html")) + list(published_site.output.rglob("*.html"))
    assert len(pages) > 40
    errors, code = check(sample_site.output, published_site.output)
    assert errors == []
    assert code == 0


def test_the_checker_reports_errors(tmp_path):
    """The check above can fail: an image without alt text is an error."""
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="vi"><title>x</title><img src="a.png"></html>', encoding="utf-8")
    errors, code = check(tmp_path)
    assert len(errors) == 1 and "alt" in errors[0]
    assert code == 1
