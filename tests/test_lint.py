"""The code passes ruff, with the configuration in pyproject.toml."""

import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is not installed: make test installs requirements-dev.txt"
    result = subprocess.run(
        [ruff, "check", "--no-cache", "--output-format", "concise",
         "plugins", "tests", "bench", "tools", "pelicanconf.py", "publishconf.py"],
        cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
