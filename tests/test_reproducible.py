"""Two builds of the same sources are byte-identical, file for file.

The second build runs in another folder, in another process (another hash
seed), and, through libfaketime, more than a year later on the clock: any
date or order taken from the build machine rather than the sources shows.
"""

import hashlib
import os
import subprocess
import sys

import pytest

from conftest import make_site
from tooling import require

SOURCE_DATE_EPOCH = "1735689600"  # 2025-01-01, as a release script would set it


def files(output):
    return {str(path.relative_to(output)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(output.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    require("faketime")
    outputs = []
    for name, clock in (("first", []), ("a-year-later", ["faketime", "-f", "+400d"])):
        site = make_site(tmp_path_factory.mktemp(name), with_content=True)
        result = subprocess.run(
            [*clock, sys.executable, "-m", "khuyenhoc.build", "publishconf.py"],
            cwd=site.root, capture_output=True, text=True,
            env=dict(os.environ, PYTHONPATH=str(site.root / "plugins"),
                     SITEURL="https://example.org/some/path",
                     SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH))
        assert result.returncode == 0, result.stderr
        outputs.append(site.output)
    return outputs


def test_two_builds_are_byte_identical(two_builds):
    first, second = (files(output) for output in two_builds)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    assert {"sitemap.xml", "feeds/all.atom.xml", "feeds/all.rss.xml", "du-lieu/funds.csv"} <= set(first)
    assert len(first) > 90
