"""The benchmark (make bench) still runs: five articles, one round, one save.

Not a measurement: it only keeps bench/ from rotting as the build changes.
"""

import subprocess
import sys

from conftest import PROJECT


def test_benchmark_runs_on_a_tiny_site(tmp_path):
    report = tmp_path / "BENCHMARKS.md"
    result = subprocess.run(
        [sys.executable, "-m", "bench.run", "--sizes", "5", "--repeats", "1", "--edits", "1",
         "--data-years", "2", "--national-years", "0",
         "--workdir", str(tmp_path / "sites"), "--output", str(report)],
        cwd=PROJECT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    text = report.read_text(encoding="utf-8")
    assert "python -m bench.run --sizes 5 --repeats 1" in text
    row = next(line for line in text.splitlines() if line.startswith("| 5 | 1 |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert all(cell and cell != "—" for cell in cells), row
    # The production build with its PNGs, beside the development build and bare Pelican.
    assert "## Production build with its PNGs (medians, seconds)" in text
    published = text.split("## Production build with its PNGs")[1]
    row = next(line for line in published.splitlines() if line.startswith("| 5 |"))
    assert int(row.split("|")[2]) > 0  # PNGs were drawn
    # Both sites were really built from the same five articles.
    for flavour in ("ours", "bare"):
        built = tmp_path / "sites" / "5" / flavour / "output"
        assert len(list(built.rglob("*.html"))) > 5
    # Six data files and the declarations of their datasets (datapackage.yaml).
    assert len(list((tmp_path / "sites" / "5" / "ours" / "data").glob("*.yaml"))) == 7


def test_the_national_case_runs_small(tmp_path):
    """bench/national.py with 2 provinces and 20 communes: every format is
    written, read and checked without a mistake, the same number of records;
    the site of the CSV is built, a statistics page for each of its 23 units."""
    report = tmp_path / "national.md"
    result = subprocess.run(
        [sys.executable, "-m", "bench.national", "--years", "2", "--provinces", "2",
         "--communes", "20", "--workdir", str(tmp_path), "--output", str(report)],
        cwd=PROJECT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [line for line in report.read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and "records" not in line]
    assert [row.split("|")[1].strip() for row in rows] == [
        "csv module (floor)", "CSV", "XLSX", "YAML", "whole site from CSV (`khuyenhoc.build`)"]
    # 22 units × 2 years × 10 indicators, in every format.
    assert all(row.split("|")[3].strip() == "440" for row in rows)
    assert rows[-1].split("|")[4].strip().endswith(", 23 unit pages")
