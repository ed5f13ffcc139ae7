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
         "--data-years", "2",
         "--workdir", str(tmp_path / "sites"), "--output", str(report)],
        cwd=PROJECT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    text = report.read_text(encoding="utf-8")
    assert "python -m bench.run --sizes 5 --repeats 1" in text
    row = next(line for line in text.splitlines() if line.startswith("| 5 | 1 |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert all(cell and cell != "—" for cell in cells), row
    # Both sites were really built from the same five articles.
    for flavour in ("ours", "bare"):
        built = tmp_path / "sites" / "5" / flavour / "output"
        assert len(list(built.rglob("*.html"))) > 5
    # Six data files and the declarations of their datasets (datapackage.yaml).
    assert len(list((tmp_path / "sites" / "5" / "ours" / "data").glob("*.yaml"))) == 7
