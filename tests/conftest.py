"""Test helpers: build small real sites in a temporary folder.

A test site is a copy of the project's settings with the real theme and
plugins, and the content a test writes. Builds run `python -m
khuyenhoc.build` in a subprocess, exactly as `make html` does, so exit
codes and messages are the officer's.
"""

import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

import build_server
from browser import chromium

PROJECT = Path(__file__).resolve().parents[1]


def declared_datasets():
    """name -> Dataset: the datasets the sample's data/datapackage.yaml declares."""
    from khuyenhoc.data import declarations
    package, errors = declarations.read(PROJECT / "data")
    assert not errors, errors
    return package.datasets
SAMPLE_CHARTS = Path(tempfile.mkdtemp(prefix="khuyenhoc-bieu-do-"))
atexit.register(shutil.rmtree, SAMPLE_CHARTS, ignore_errors=True)
SAMPLE_PNGS = Path(tempfile.mkdtemp(prefix="khuyenhoc-anh-png-"))
atexit.register(shutil.rmtree, SAMPLE_PNGS, ignore_errors=True)


class Site:
    def __init__(self, root):
        self.root = Path(root)
        self.output = self.root / "output"

    def write(self, relative, text, encoding="utf-8"):
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding=encoding)
        return path

    def article(self, name, title="Bài thử", date="2020-03-23 08:30",
                category="Tin hoạt động", body="Nội dung bài thử.", extra=""):
        front = f'---\ntitle: "{title}"\ndate: {date}\ncategory: {category}\n{extra}---\n'
        return self.write(f"content/articles/{name}", front + body + "\n")

    def build(self, settings="pelicanconf.py", env=None):
        """`python -m khuyenhoc.build SETTINGS` in this site, as `make html`
        runs it (its imports shared with the other builds: build_server.py)."""
        environment = dict(os.environ, PYTHONPATH=str(self.root / "plugins"))
        environment.update(env or {})
        return build_server.run(self.root, "khuyenhoc.build", [settings], environment)

    def check(self, settings="pelicanconf.py"):
        """`make check` in this site: the messages without a build."""
        environment = dict(os.environ, PYTHONPATH=str(self.root / "plugins"))
        return build_server.run(self.root, "khuyenhoc.commands.check", [settings], environment)

    def make(self, *arguments, env=None):
        """Run one of the project's make targets in this site."""
        return self.shell(["make", "--no-print-directory", *arguments], env=env)

    def shell(self, command, env=None):
        """Run a command (a shell line, or argv) in this site as the officer
        or a CI host would, with the project's Makefile. Make uses the
        project's own Python: no virtual environment is made in the copy."""
        shutil.copy(PROJECT / "Makefile", self.root / "Makefile")
        environment = dict(os.environ, MAKEFLAGS=f"STAMP= NPM_STAMP= PY={sys.executable}")
        environment.update(env or {})
        return subprocess.run(
            command, shell=isinstance(command, str),
            cwd=self.root, env=environment, capture_output=True, text=True,
        )

    def html(self, relative):
        return (self.output / relative).read_text(encoding="utf-8")


TEST_CATEGORIES = ("Tin hoạt động", "Tin", "Văn bản", "Quỹ khuyến học", "Khen thưởng",
                   "Gương sáng", "Gương hiếu học", "Gương học tập")


def write_association(root, **changes):
    """hoi.yaml of the site at ``root`` with some fields changed (None: the
    field removed; categories: a list)."""
    path = Path(root) / "hoi.yaml"
    text = path.read_text(encoding="utf-8")
    for name, value in changes.items():
        if name == "categories":
            head, _, rest = text.partition("categories:\n")
            rest = rest[rest.index("\n\n"):] if "\n\n" in rest else "\n"
            listed = "".join(f"  - {item}\n" for item in value)
            text = head + "categories:\n" + listed + rest
            continue
        pattern = re.compile(rf"^{name}: .*\n", re.M)
        line = "" if value is None else f"{name}: {value}\n"
        text = pattern.sub(line, text) if pattern.search(text) else text + line
    path.write_text(text, encoding="utf-8")


def make_site(root, with_content=False):
    root = Path(root)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(PROJECT / name, root / name)
    # The sample's hoi.yaml; an empty site's names no unit (it has no
    # data/units.yaml) and accepts the categories tests write.
    shutil.copy(PROJECT / "hoi.yaml", root / "hoi.yaml")
    if not with_content:
        write_association(root, unit=None, categories=TEST_CATEGORIES)
    for name in ("theme", "plugins"):
        shutil.copytree(PROJECT / name, root / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    if with_content:
        for name in ("content", "data"):
            if (PROJECT / name).exists():
                shutil.copytree(PROJECT / name, root / name)
        # The sample site's charts (and, in production builds, their PNGs and
        # share cards) are drawn once per test session, not once per build of
        # it (the caches themselves are tested in test_charts.py, test_png_build.py).
        (root / "cache").mkdir(exist_ok=True)
        (root / "cache" / "bieu-do").symlink_to(SAMPLE_CHARTS, target_is_directory=True)
        (root / "cache" / "anh-png").symlink_to(SAMPLE_PNGS, target_is_directory=True)
    else:
        for name in ("content/articles", "content/pages", "content/images", "data"):
            (root / name).mkdir(parents=True, exist_ok=True)
        # The sample's declarations of its datasets (a test may write its own).
        shutil.copy(PROJECT / "data" / "datapackage.yaml", root / "data" / "datapackage.yaml")
    return Site(root)


@pytest.fixture
def site(tmp_path):
    """An empty site: the project's settings, theme and plugins, no content."""
    return make_site(tmp_path)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The project's own sample site, built once with the development settings."""
    built = make_site(tmp_path_factory.mktemp("sample"), with_content=True)
    result = built.build()
    assert result.returncode == 0, result.stdout + result.stderr
    built.result = result
    return built


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The sample site, built with the production settings."""
    built = make_site(tmp_path_factory.mktemp("published"), with_content=True)
    result = built.build("publishconf.py", env={"SITEURL": "https://example.org/some/path"})
    assert result.returncode == 0, result.stdout + result.stderr
    built.result = result
    return built


# Browser fixtures, shared by every browser test (theme, search, statistics):
#
#     def test_something(site_url, browser):
#         browser.get(site_url + "luu-tru/")
#
# ``site_url`` is the sample site (development build) served on 127.0.0.1;
# ``browser`` is one headless Chromium for the whole session (see
# tests/browser/chromium.py), reset before each test: no stored preferences,
# light system theme, desktop size, JavaScript on.

@pytest.fixture(scope="session")
def site_url(sample_site):
    """Base URL (ending in /) of the built sample site, served over HTTP."""
    with chromium.serve(sample_site.output) as url:
        yield url


@pytest.fixture(scope="session")
def _chromium(tmp_path_factory):
    driver = chromium.start(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture
def browser(_chromium, site_url):
    """The session's Chromium, reset: blank storage, light theme, 1280 px wide."""
    driver = _chromium
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": [
        {"name": "prefers-color-scheme", "value": "light"},
        {"name": "prefers-reduced-motion", "value": "reduce"},
    ]})
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    driver.get(site_url + "robots.txt")
    driver.execute_script("window.localStorage.clear()")
    driver.get_log("performance")  # forget earlier requests
    yield driver


# Tiers (make test-fast leaves out both): ``browser``, every test that drives
# Chromium, marked from the fixtures it uses or the file it is in; ``slow``,
# the modules whose tests run several builds each, a server or an external
# tool (the bench, the preview server, LinkChecker, the HTML validator, a
# second clock, rsync and FTP), named here so that the tiers are one list.
SLOW_MODULES = {
    "test_bench_smoke", "test_build_memory", "test_deploy", "test_disk_trouble", "test_forms",
    "test_host_recipes", "test_links", "test_parallel_read", "test_preview", "test_reproducible",
    "test_spreadsheet_site", "test_theme_html_valid", "test_warm_build", "test_init_site",
    # Node and the editor's formats; production builds with matplotlib's workers.
    "test_cms_admin", "test_png_build",
}
# The production build of the sample (PNG pictures, feeds): half a minute of
# the fast tier's CPU for one fixture.
SLOW_FIXTURES = {"published_site"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        in_browser_file = item.path.parent.name == "browser" or item.path.stem.endswith("_browser")
        if in_browser_file or {"browser", "_chromium"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        if item.path.stem in SLOW_MODULES or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def pytest_sessionfinish(session, exitstatus):
    build_server.server.close()
