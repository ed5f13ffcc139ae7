"""Headless Chromium for the browser tests, driven through Selenium.

Why Selenium with Debian's chromedriver rather than Playwright: the test
suite is pytest, Selenium is a pinned pure-Python wheel, and Debian ships
chromium and chromium-driver from the same source at the same version, so
the driver always matches the browser. Nothing downloads a browser at run
time (Playwright would want its own build or a Node process beside pytest).
Selenium also reaches the DevTools protocol (execute_cdp_cmd), which the
tests use to emulate print media, a dark system theme and a 320 px phone.
"""

import contextlib
import functools
import http.server
import threading
from pathlib import Path

from tooling import require

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# Without the background-networking flags Chromium keeps calling Google's
# hosts, which this machine's closed network refuses.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
)


def start(user_data_dir, width=1280, height=900, extra_flags=()):
    """A fresh headless Chromium with its own profile; network events logged."""
    require(CHROMIUM, CHROMEDRIVER)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, *extra_flags):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={user_data_dir}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    return driver


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site; a missing address gets the site's 404 page."""

    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(directory):
    """Serve a folder on 127.0.0.1 (a free port); yields the base URL, ending in /."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
