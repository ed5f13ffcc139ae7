"""Zero broken internal links, checked by LinkChecker over HTTP on 127.0.0.1.

Twice: the development build served at the root, and the production build
made for a sub-path (https://example.org/some/path/ in spirit: here
http://127.0.0.1:PORT/some/path/) and served only under that sub-path, so
that a link that forgets the sub-path fails. LinkChecker follows every
page, stylesheet, script, image, feed and the sitemap, and checks the
anchors (#...) too; it never leaves 127.0.0.1.
"""

import contextlib
import functools
import http.server
import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

from conftest import make_site

LINKCHECKER = Path(sys.executable).parent / "linkchecker"
SUB_PATH = "/some/path/"
# Anchors (#muc-luc) must exist in the page they point into.
# Every address on the test host is internal (checked), whatever folder it
# is in; other hosts are external (share links...) and never fetched.
# Anchors (#muc-luc) must exist in the page they point into: LinkChecker
# reports a missing one as a warning, so warnings count as failures.
CONFIG = """\
[checking]
threads=4
maxrequestspersecond=1000
[filtering]
checkextern=0
internlinks=^http://127\\.0\\.0\\.1:{port}/
[AnchorCheck]
"""


class StrictHost(http.server.SimpleHTTPRequestHandler):
    """A plain static host: files under ``prefix`` only, no folder listings,
    the site's 404 page for anything else."""

    prefix = "/"

    def log_message(self, format, *args):
        pass

    def end_headers(self):
        # LinkChecker waits 0.1 to 0.6 s between requests to one host unless
        # the host answers with this header (a local server can take it).
        self.send_header("LinkChecker", "no-throttling")
        super().end_headers()

    def send_head(self):
        if not self.path.startswith(self.prefix):
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path):
        return super().translate_path("/" + path[len(self.prefix):])

    def list_directory(self, path):
        self.send_error(404)
        return None


@contextlib.contextmanager
def serve(folder, prefix="/", port=0):
    handler = functools.partial(type("Host", (StrictHost,), {"prefix": prefix}),
                                directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def linkcheck(start_urls, tmp_path):
    config = tmp_path / "linkcheckerrc"
    port = re.match(r"http://127\.0\.0\.1:(\d+)/", start_urls[0]).group(1)
    config.write_text(CONFIG.format(port=port), encoding="utf-8")
    result = subprocess.run(
        [str(LINKCHECKER), "--config", str(config), "--no-status", "--output", "text",
         *start_urls],
        capture_output=True, text=True, env=dict(os.environ, HOME=str(tmp_path)),
        timeout=600)
    return result


def summary(result):
    """(links checked, warnings, errors), from LinkChecker's last words."""
    found = re.search(r"(\d+) links? in \d+ URLs? checked\. (\d+) warnings? found.*? "
                      r"(\d+) errors? found", result.stdout)
    assert found, result.stdout + result.stderr
    return tuple(int(number) for number in found.groups())


def test_development_build_has_no_broken_link(sample_site, tmp_path):
    with serve(sample_site.output) as url:
        result = linkcheck([url, url + "404.html"], tmp_path)
    links, warnings, errors = summary(result)
    assert (warnings, errors, result.returncode) == (0, 0, 0), result.stdout + result.stderr
    assert links > 200


def test_production_build_under_a_sub_path_has_no_broken_link(tmp_path_factory, tmp_path):
    port = free_port()
    site = make_site(tmp_path_factory.mktemp("sub-path"), with_content=True)
    siteurl = f"http://127.0.0.1:{port}{SUB_PATH.rstrip('/')}"
    built = site.build("publishconf.py", env={"SITEURL": siteurl})
    assert built.returncode == 0, built.stderr
    index = site.html("index.html")
    assert f'href="{siteurl}/' in index
    with serve(site.output, SUB_PATH, port) as url:
        assert url == siteurl + "/"
        result = linkcheck([url, url + "sitemap.xml", url + "404.html"],
                           tmp_path)
    links, warnings, errors = summary(result)
    assert (warnings, errors, result.returncode) == (0, 0, 0), result.stdout + result.stderr
    assert links > 200


def test_the_strict_host_refuses_what_is_outside_the_sub_path(tmp_path):
    """The check above can fail: a link that forgets the sub-path is broken,
    and so is an anchor that is not in its page.

    The anchor points into a page that nothing else links to: LinkChecker
    checks a page's anchors when it fetches the page for that link, and
    takes a page it has already fetched from its cache. An anchor into the
    start page itself was checked or not depending on which of LinkChecker's
    threads came first."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="vi"><title>t</title>'
        '<a href="/so-lieu/">quên đường dẫn con</a><a href="trang.html#khong-co">neo</a></html>',
        encoding="utf-8")
    (tmp_path / "trang.html").write_text(
        '<!doctype html><html lang="vi"><title>t</title><p id="co">có</p></html>',
        encoding="utf-8")
    (tmp_path / "so-lieu").mkdir()
    with serve(tmp_path, SUB_PATH) as url:
        result = linkcheck([url], tmp_path)
    assert result.returncode == 1
    assert "/so-lieu/" in result.stdout
    assert "khong-co" in result.stdout
    assert summary(result)[1:] == (1, 1), result.stdout
