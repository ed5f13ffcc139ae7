"""Editing in the browser, for real: `make edit` (decap-server beside the
preview server) in a copy of the project, Decap CMS in headless Chromium.

An article written through the editor's form lands in content/articles/
with valid front matter and is on the rebuilt site; a figure changed in a
data file's form is written back with the file's comments and passes
`make check`.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import yaml
from conftest import PROJECT, make_site
from tooling import require
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

TITLE = "Đoàn Thanh niên Sở Y tế trao 15 suất học bổng"
SLUG = "doan-thanh-nien-so-y-te-trao-15-suat-hoc-bong"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return None


def wait_until(condition, timeout=60, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {message}")


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    """`make edit` running in a copy of the project; yields (site, base URL)."""
    require("node", str(PROJECT / "node_modules" / ".bin" / "decap-server"))
    site = make_site(tmp_path_factory.mktemp("soan-bai"), with_content=True)
    os.symlink(PROJECT / "node_modules", site.root / "node_modules")
    (site.root / "Makefile").write_bytes((PROJECT / "Makefile").read_bytes())
    port, decap_port = free_port(), free_port()
    log = open(site.root / "make-edit.log", "w")
    process = subprocess.Popen(
        ["make", "--no-print-directory", "edit", f"PORT={port}", f"DECAP_SERVER_PORT={decap_port}"],
        cwd=site.root, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        env=dict(os.environ, MAKEFLAGS=f"STAMP= NPM_STAMP= PY={sys.executable}"))
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: fetch(base + "admin/") or process.poll() is not None,
                   message="make edit")
        assert process.poll() is None, (site.root / "make-edit.log").read_text()
        yield site, base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        log.close()
    # decap-server stops with the preview.
    def closed():
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", decap_port)) != 0
    wait_until(closed, 10, "decap-server to stop")


@pytest.fixture
def editor(_chromium, editing):
    site, base = editing
    driver = _chromium
    driver.get(base + "admin/")
    button = WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.XPATH, "//button[contains(., 'Đăng nhập')]"))
    button.click()
    WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.XPATH, "//*[contains(text(), 'Bộ sưu tập')]"))
    yield driver, site, base
    # The editor keeps its login and drafts in the browser: forget them.
    origin = base.rstrip("/")
    driver.execute_cdp_cmd("Storage.clearDataForOrigin",
                           {"origin": origin, "storageTypes": "all"})


def field(driver, name):
    """The visible input of a form field (Decap numbers ids: title-field-1)."""
    def find(d):
        found = [e for e in d.find_elements(By.CSS_SELECTOR, f"[id^='{name}-field-']")
                 if e.is_displayed()]
        return found[0] if found else None
    return WebDriverWait(driver, 20).until(find)


def publish(driver):
    driver.find_element(By.XPATH, "//*[normalize-space(text())='Công bố']").click()
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.XPATH, "//*[contains(text(), 'Công bố ngay')]")).click()


def test_article_written_in_the_editor_is_published_on_the_site(editor):
    driver, site, base = editor
    driver.get(base + "admin/#/collections/bai_viet/new")
    field(driver, "title").send_keys(TITLE)
    category = field(driver, "category")
    category.send_keys("Quỹ khuyến")
    category.send_keys(Keys.ENTER)
    driver.find_element(By.XPATH, "//button[contains(., 'thẻ')]").click()
    field(driver, "tag").send_keys("học bổng")
    field(driver, "author").send_keys("Trịnh Thu Hà")
    field(driver, "summary").send_keys("Mười lăm suất học bổng cho con hội viên vượt khó.")
    body = driver.find_element(By.CSS_SELECTOR, "[contenteditable=true]")
    body.click()
    body.send_keys("Sáng 5/9, Đoàn Thanh niên Sở Y tế trao 15 suất học bổng.")
    publish(driver)

    articles = site.root / "content" / "articles"
    path = wait_until(lambda: next(articles.glob(f"*-{SLUG}.md"), None), 30, "the article file")
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == TITLE
    assert front["category"] == "Quỹ khuyến học"
    assert front["tags"] == ["học bổng"]
    assert front["author"] == "Trịnh Thu Hà"
    assert front["status"] == "published"
    assert path.name == f"{str(front['date'])[:10]}-{SLUG}.md"
    assert text.rstrip().endswith("Sáng 5/9, Đoàn Thanh niên Sở Y tế trao 15 suất học bổng.")

    check = site.make("check")
    assert check.returncode == 0, check.stdout + check.stderr
    # The preview server rebuilt the site with it: its page, then the lists.
    page = wait_until(lambda: fetch(f"{base}{SLUG}/"), 60, "the article's page")
    assert TITLE in page
    wait_until(lambda: f'{SLUG}/"' in (fetch(base) or ""), 60, "the home page")


def test_figure_changed_in_a_data_form_is_written_back(editor):
    driver, site, base = editor
    path = site.root / "data" / "organisation.yaml"
    before = path.read_text(encoding="utf-8")
    driver.get(base + "admin/#/collections/so_lieu/entries/organisation")
    first = WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.XPATH, "//*[normalize-space(text())='khoi-cq · 2018']"))
    first.find_element(By.XPATH, "./../..").find_element(By.CSS_SELECTOR, "svg").click()
    members = field(driver, "members")
    members.send_keys(Keys.CONTROL, "a")
    members.send_keys("hơn 8100")
    publish(driver)

    after = wait_until(lambda: path.read_text(encoding="utf-8") != before and
                       path.read_text(encoding="utf-8"), 30, "the data file")
    assert "members: hơn 8100" in after
    comments = [line for line in before.splitlines() if line.startswith("#")]
    assert all(line in after.splitlines() for line in comments)
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed == ["  members: hơn 8100"]
    check = site.make("check")
    assert check.returncode == 0, check.stdout + check.stderr
