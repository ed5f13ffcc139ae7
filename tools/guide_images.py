"""Take the screenshots of the officer's guide (docs/images/*.png).

    .venv/bin/python tools/guide_images.py

Runs `make edit` in a temporary copy of the project (the real content/ and
data/ are never touched), drives headless Chromium through the preview and
the browser editor, and saves small PNGs (960 px wide, 64-colour palette).
Run it again after a change to the theme or the editor.
"""

import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image

PROJECT = Path(__file__).resolve().parents[1]
IMAGES = PROJECT / "docs" / "images"
sys.path.insert(0, str(PROJECT / "tests"))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from browser import chromium  # noqa: E402
from browser.decap_ui import field, log_in, open_publish_menu, open_record  # noqa: E402

COPIED = ("content", "data", "theme", "plugins", "pelicanconf.py", "publishconf.py", "hoi.yaml",
          "Makefile")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_project(root):
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, root / name)
    os.symlink(PROJECT / "node_modules", root / "node_modules")


def wait_for(url, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer")


def save(driver, name, height=None):
    png = driver.get_screenshot_as_png()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if height:
        image = image.crop((0, 0, image.width, min(height, image.height)))
    image = image.resize((960, round(image.height * 960 / image.width)), Image.LANCZOS)
    image = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    image.save(IMAGES / name, optimize=True)
    print(f"docs/images/{name}: {(IMAGES / name).stat().st_size // 1024} KB")


def shoot(driver, base):
    driver.get(base)
    time.sleep(1)
    save(driver, "xem-truoc-trang-chu.png", height=900)

    log_in(driver, base)
    time.sleep(1)
    save(driver, "soan-bai-danh-sach.png")

    driver.get(base + "admin/#/collections/bai_viet/new")
    field(driver, "title").send_keys("Đoàn Thanh niên Sở Y tế trao 15 suất học bổng")
    category = field(driver, "category")
    category.send_keys("Quỹ khuyến")
    category.send_keys(Keys.ENTER)
    field(driver, "author").send_keys("Trịnh Thu Hà")
    body = driver.find_element(By.CSS_SELECTOR, "[contenteditable=true]")
    body.click()
    body.send_keys("Sáng 5/9, Đoàn Thanh niên Sở Y tế trao 15 suất học bổng.")
    driver.find_element(By.CSS_SELECTOR, "[id^='title-field-']").click()
    time.sleep(1)
    save(driver, "soan-bai-moi.png")
    open_publish_menu(driver)
    time.sleep(1)
    save(driver, "soan-bai-cong-bo.png", height=400)
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)

    driver.get(base + "admin/#/collections/so_lieu/entries/organisation")
    WebDriverWait(driver, 5).until(lambda d: d.switch_to.alert).accept()  # leave unsaved
    driver.refresh()
    open_record(driver, "khoi-cq · 2018")
    members = field(driver, "members")
    members.send_keys(Keys.CONTROL, "a")
    members.send_keys("8.000")
    field(driver, "branches").click()
    time.sleep(1)
    save(driver, "soan-so-lieu.png")


def main():
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="anh-huong-dan-") as folder:
        root = Path(folder)
        copy_project(root)
        port = free_port()
        env = dict(os.environ, MAKEFLAGS=f"STAMP= NPM_STAMP= PY={sys.executable}",
                   DECAP_SERVER_PORT=str(free_port()))
        process = subprocess.Popen(["make", "--no-print-directory", "edit", f"PORT={port}"],
                                   cwd=root, env=env, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        driver = chromium.start(root / "chromium-profile", width=1280, height=860)
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_for(base + "admin/")
            shoot(driver, base)
        finally:
            driver.quit()
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)


if __name__ == "__main__":
    main()
