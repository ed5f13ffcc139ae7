"""Editing in the browser, for real: `make edit` (decap-server beside the
preview server) in a copy of the project, Decap CMS in headless Chromium.

An article written through the editor's form lands in content/articles/
with valid front matter and is on the rebuilt site; a figure changed in a
data file's form is written back with the file's comments and passes
`make check`.
"""

import ctypes
import os
import re
import signal
import socket
import subprocess
import sys

import pytest
import yaml
from local_http import fetch, free_port, wait_until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser.decap_ui import field, log_in, open_record, publish
from conftest import PROJECT, make_site
from tooling import require

TITLE = "Đoàn Thanh niên Sở Y tế trao 15 suất học bổng"
SLUG = "doan-thanh-nien-so-y-te-trao-15-suat-hoc-bong"


def _stopped_with_this_test_run():
    # make gets SIGTERM if pytest itself is killed; `make edit` then stops
    # on its own (khuyenhoc.commands.edit notices that its parent is gone).
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


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
        preexec_fn=_stopped_with_this_test_run,
        env=dict(os.environ, MAKEFLAGS=f"STAMP= NPM_STAMP= PY={sys.executable}"))
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: fetch(base + "admin/") or process.poll() is not None)
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
    assert wait_until(closed, 10), "decap-server still runs"


@pytest.fixture
def editor(_chromium, editing):
    site, base = editing
    driver = _chromium
    log_in(driver, base)
    yield driver, site, base
    # The editor keeps its login and drafts in the browser: forget them.
    origin = base.rstrip("/")
    driver.execute_cdp_cmd("Storage.clearDataForOrigin",
                           {"origin": origin, "storageTypes": "all"})


def read_if_complete(path, ending, containing=""):
    """The file's text once the editor has written all of it (it ends with
    ``ending``, what comes last, and holds ``containing``); None before. Read
    once per look, so that the text checked is the text returned."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):  # not there, or cut mid-letter
        return None
    if text.rstrip().endswith(ending) and containing in text:
        return text
    return None


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
    # decap-server creates the file, then writes it: wait for its whole
    # content (the body typed last), not for the name alone.
    last = "Sáng 5/9, Đoàn Thanh niên Sở Y tế trao 15 suất học bổng."
    found = wait_until(lambda: next((
        (path, text) for path in articles.glob(f"*-{SLUG}.md")
        for text in [read_if_complete(path, ending=last)] if text), None), 30)
    assert found, "the editor wrote no complete article file"
    path, text = found
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
    page = wait_until(lambda: fetch(f"{base}{SLUG}/"), 60)
    assert TITLE in page
    assert wait_until(lambda: f'{SLUG}/"' in fetch(base), 60), "not on the home page"


def test_dates_are_shown_and_typed_day_first_and_the_editor_speaks_vietnamese(editor):
    """12/03 is 12 March, whatever the browser's own language (issue 16)."""
    driver, site, base = editor
    name = "2019-12-30-quy-khuyen-hoc-khoi-nam-2019"
    path = site.root / "content" / "articles" / f"{name}.md"
    before = path.read_text(encoding="utf-8")
    assert "date: 2019-12-30 " in before
    driver.get(f"{base}admin/#/collections/bai_viet/entries/{name}")
    date = field(driver, "date")
    assert date.get_attribute("value").startswith("30/12/2019 ")
    texts = driver.find_element(By.TAG_NAME, "body").text
    assert not re.search(r"\b(Add|Remove|Choose|Toggle)\b", texts), texts
    date.send_keys(Keys.CONTROL, "a")
    date.send_keys("12/03/2020 09:15")
    publish(driver)
    after = wait_until(lambda: path.read_text(encoding="utf-8") != before and
                       path.read_text(encoding="utf-8"), 30)
    assert after, "the editor did not write the article"
    assert "date: 2020-03-12 09:15" in after
    path.write_text(before, encoding="utf-8")


def test_figure_changed_in_a_data_form_is_written_back(editor):
    driver, site, base = editor
    path = site.root / "data" / "organisation.yaml"
    before = path.read_text(encoding="utf-8")
    driver.get(base + "admin/#/collections/so_lieu/entries/organisation")
    open_record(driver, "khoi-cq · 2018")
    members = field(driver, "members")
    members.send_keys(Keys.CONTROL, "a")
    members.send_keys("hơn 8100")
    publish(driver)

    after = wait_until(lambda: read_if_complete(
        path, containing="members: hơn 8100", ending=before.rstrip().splitlines()[-1]), 30)
    assert after, "the editor did not write the data file"
    assert "members: hơn 8100" in after
    comments = [line for line in before.splitlines() if line.startswith("#")]
    assert all(line in after.splitlines() for line in comments)
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed == ["  members: hơn 8100"]
    check = site.make("check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_editing_an_article_keeps_its_figure_references(editor):
    """The body is edited as Markdown text: a rich-text editor would save
    [[...]] as \\[[...]], and every figure of the article would become text."""
    driver, site, base = editor
    name = "2019-12-30-quy-khuyen-hoc-khoi-nam-2019"
    path = site.root / "content" / "articles" / f"{name}.md"
    before = path.read_text(encoding="utf-8")
    assert before.count("[[") >= 5
    driver.get(f"{base}admin/#/collections/bai_viet/entries/{name}")
    body = WebDriverWait(driver, 20).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "[contenteditable=true]"))
    body.click()
    body.send_keys(Keys.CONTROL, Keys.END)
    body.send_keys(Keys.ENTER, Keys.ENTER, "Ban biên tập bổ sung ngày 05/01/2020.")
    publish(driver)

    after = wait_until(lambda: read_if_complete(
        path, ending="Ban biên tập bổ sung ngày 05/01/2020."), 30)
    assert after, "the editor did not write the article"
    assert after.startswith(before.rstrip("\n"))
    assert after.rstrip("\n").endswith("Ban biên tập bổ sung ngày 05/01/2020.")
    assert "\\[[" not in after
    check = site.make("check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_preview_shows_figures_filled_in(editor):
    """Not raw [[...]]: the figure the site will show (issue 16)."""
    driver, site, base = editor
    name = "2019-12-30-quy-khuyen-hoc-khoi-nam-2019"
    text = (site.root / "content" / "articles" / f"{name}.md").read_text(encoding="utf-8")
    assert "[[funds/khoi-cq/2019/" in text
    driver.get(f"{base}admin/#/collections/bai_viet/entries/{name}")
    frame = WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "iframe"))
    driver.switch_to.frame(frame)
    funds = yaml.safe_load((site.root / "data" / "funds.yaml").read_text(encoding="utf-8"))
    opening = next(r["opening"] for r in funds if r["unit"] == "khoi-cq" and r["year"] == 2019)
    sentence = f"Số dư quỹ chuyển sang từ năm 2018 là {opening:,} đồng.".replace(",", ".")
    try:
        shown = WebDriverWait(driver, 60).until(
            lambda d: (lambda t: t if "đang tải" not in t and "Số dư quỹ" in t else None)(
                d.find_element(By.TAG_NAME, "body").text.replace("\u00a0", " ")))
        assert sentence in shown, shown
        assert "[[" not in shown
    finally:
        driver.switch_to.default_content()
