"""`make deploy`: the production build uploaded to plain hosting, for real.

rsync to a folder served over HTTP (at the domain root and under a
sub-path), lftp to a real FTP server on this machine; then every link of
the uploaded site is followed.
"""

import functools
import html.parser
import http.server
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import warnings

import pytest

from conftest import make_site

FTP_USER, FTP_PASSWORD = "bantin", "mật khẩu 1"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    """A web server serving a folder, as a shared host does."""
    root = tmp_path_factory.mktemp("www")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)
            elif name == "srcset" and value:
                self.found += [part.split()[0] for part in value.split(",") if part.strip()]


def crawl(start):
    """Follow every link of the site that stays on its server; return the
    addresses seen and those that failed (status or outside the site)."""
    base = start if start.endswith("/") else start + "/"
    host = urllib.parse.urlsplit(base).netloc
    seen, failures, queue = set(), [], [base]
    while queue:
        address = queue.pop()
        if address in seen:
            continue
        seen.add(address)
        if not address.startswith(base):
            failures.append(f"outside the site: {address}")
            continue
        try:
            with urllib.request.urlopen(address) as response:
                kind = response.headers.get_content_type()
                body = response.read()
        except urllib.error.HTTPError as error:
            failures.append(f"{error.code}: {address}")
            continue
        if kind != "text/html":
            continue
        parser = Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.found:
            target = urllib.parse.urljoin(address, link).split("#")[0]
            if urllib.parse.urlsplit(target).netloc == host:
                queue.append(target)
    return seen, failures


@pytest.fixture(scope="module")
def at_root(tmp_path_factory, web):
    """The sample site deployed with rsync to the root of a web server."""
    folder, address = web
    site = make_site(tmp_path_factory.mktemp("goc"), with_content=True)
    target = folder / "goc"
    target.mkdir()
    (target / "bai-cu-da-xoa.html").write_text("cũ", encoding="utf-8")
    result = site.make("deploy", env={"DEPLOY_TARGET": str(target),
                                      "SITEURL": f"{address}/goc"})
    return site, target, result


def test_rsync_deploy_replaces_the_folder_with_the_site(at_root):
    site, target, result = at_root
    assert result.returncode == 0, result.stderr
    assert f"Đã xuất bản lên {target}." in result.stderr
    assert not (target / "bai-cu-da-xoa.html").exists()
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == sorted(
        p.relative_to(site.output) for p in site.output.rglob("*"))


def test_site_works_from_the_domain_root(tmp_path):
    www = tmp_path / "www"
    www.mkdir()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        (tmp_path / "nguon").mkdir()
        site = make_site(tmp_path / "nguon")
        site.article("a.md", title="Bài ở gốc tên miền", extra="tags: [khuyến học]\n")
        result = site.make("deploy", env={"DEPLOY_TARGET": str(www), "SITEURL": root})
        assert result.returncode == 0, result.stderr
        seen, failures = crawl(root + "/")
        assert failures == []
        assert f"{root}/bai-o-goc-ten-mien/" in seen
        assert f"{root}/the/khuyen-hoc/" in seen
    finally:
        server.shutdown()


def test_site_works_from_a_sub_path(at_root, web):
    folder, address = web
    seen, failures = crawl(f"{address}/goc/")
    assert failures == []
    assert len(seen) > 50
    assert f"{address}/goc/gioi-thieu/" in seen
    assert f"{address}/goc/luu-tru/" in seen


def test_unset_target_is_refused_before_building(site):
    site.article("a.md")
    result = site.make("deploy", env={"DEPLOY_TARGET": ""})
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        "KHÔNG XUẤT BẢN: chưa đặt nơi xuất bản (biến DEPLOY_TARGET). Cách sửa: đặt "
        "DEPLOY_TARGET rồi chạy lại, ví dụ: DEPLOY_TARGET=tenmay@may-chu.vn:/var/www/khuyenhoc "
        "make deploy (rsync qua SSH) hoặc DEPLOY_TARGET=ftp://tendangnhap@ftp.may-chu.vn/public_html "
        "DEPLOY_PASSWORD=matkhau make deploy (FTP)"
    )
    assert not site.output.exists()


@pytest.mark.parametrize("target", ["may-chu.vn:", "tenmay@may-chu.vn:~/", "/",
                                    "ftp://tenmay@may-chu.vn/"])
def test_a_whole_home_or_disk_is_refused(site, target):
    result = site.make("deploy", env={"DEPLOY_TARGET": target})
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        "KHÔNG XUẤT BẢN: nơi xuất bản DEPLOY_TARGET phải là thư mục riêng của trang, "
        f"không phải thư mục gốc (gặp: {target}). Cách sửa: ghi rõ thư mục, ví dụ "
        "tenmay@may-chu.vn:/var/www/khuyenhoc (mọi tệp khác trong thư mục đó sẽ bị xoá)"
    )


def test_unknown_kind_of_address_is_refused(site):
    result = site.make("deploy", env={"DEPLOY_TARGET": "https://khuyenhoc.vn/"})
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        "KHÔNG XUẤT BẢN: không hiểu địa chỉ nơi xuất bản DEPLOY_TARGET "
        "(gặp: https://khuyenhoc.vn/). Cách sửa: dùng dạng tenmay@may-chu:/thu-muc (rsync), "
        "/thu-muc/tren/may-nay hoặc ftp://, ftps://, sftp://"
    )


def test_missing_rsync_is_explained(site, tmp_path):
    # A PATH with Python only: rsync cannot be found.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(sys.executable, bin_dir / "python")
    result = subprocess.run(
        [sys.executable, "-m", "khuyenhoc.commands.deploy"], cwd=site.root, capture_output=True,
        text=True, env={"PATH": str(bin_dir), "PYTHONPATH": str(site.root / "plugins"),
                        "DEPLOY_TARGET": str(tmp_path / "www")})
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "KHÔNG XUẤT BẢN: máy này chưa cài chương trình rsync. "
        "Cách sửa: cài bằng lệnh: sudo apt-get install rsync"
    )


def test_failed_build_uploads_nothing(site, tmp_path):
    site.article("a.md", date="2020-02-30")
    result = site.make("deploy", env={"DEPLOY_TARGET": str(tmp_path / "www")})
    assert result.returncode != 0
    assert "KHÔNG DỰNG ĐƯỢC TRANG: 1 lỗi cần sửa." in result.stderr
    assert ("KHÔNG XUẤT BẢN: trang chưa dựng được, chưa tải gì lên. Cách sửa: sửa các lỗi "
            "ở trên rồi chạy lại make deploy") in result.stderr
    assert not (tmp_path / "www").exists()


@pytest.fixture
def ftp_server(tmp_path):
    with warnings.catch_warnings():  # pyftpdlib still imports asyncore on 3.11
        warnings.simplefilter("ignore", DeprecationWarning)
        from pyftpdlib.authorizers import DummyAuthorizer
        from pyftpdlib.handlers import FTPHandler
        from pyftpdlib.servers import ThreadedFTPServer

    root = tmp_path / "ftp"
    root.mkdir()
    authorizer = DummyAuthorizer()
    authorizer.add_user(FTP_USER, FTP_PASSWORD, str(root), perm="elradfmwMT")
    # No pause after a wrong password: lftp's retries would make the test slow.
    handler = type("Handler", (FTPHandler,), {"authorizer": authorizer,
                                              "auth_failed_timeout": 0})
    server = ThreadedFTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.2},
                     daemon=True).start()
    yield root, server.address[1]
    server.close_all()


def test_ftp_deploy_mirrors_the_site(at_root, ftp_server):
    site = at_root[0]
    root, port = ftp_server
    remote = root / "public_html" / "khuyen hoc"
    remote.mkdir(parents=True)
    (remote / "bai-cu.html").write_text("cũ", encoding="utf-8")
    target = f"ftp://{FTP_USER}@127.0.0.1:{port}/public_html/khuyen%20hoc"
    result = site.shell(
        [sys.executable, "-m", "khuyenhoc.commands.deploy", "--no-build"],
        env={"PYTHONPATH": str(site.root / "plugins"), "DEPLOY_TARGET": target,
             "DEPLOY_PASSWORD": FTP_PASSWORD})
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Đã xuất bản lên {target}." in result.stderr
    assert FTP_PASSWORD not in result.stdout + result.stderr
    assert not (remote / "bai-cu.html").exists()
    uploaded = sorted(p.relative_to(remote) for p in remote.rglob("*"))
    assert uploaded == sorted(p.relative_to(site.output) for p in site.output.rglob("*"))
    assert (remote / "index.html").read_bytes() == (site.output / "index.html").read_bytes()


def test_wrong_ftp_password_is_reported(at_root, ftp_server):
    site = at_root[0]
    root, port = ftp_server
    result = site.shell(
        [sys.executable, "-m", "khuyenhoc.commands.deploy", "--no-build"],
        env={"PYTHONPATH": str(site.root / "plugins"),
             "DEPLOY_TARGET": f"ftp://{FTP_USER}:sai@127.0.0.1:{port}/public_html"})
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith(
        "KHÔNG XUẤT BẢN XONG: lftp báo lỗi (mã 1). Cách sửa: kiểm tra địa chỉ DEPLOY_TARGET,")
    assert "ftp://bantin:***@127.0.0.1" in result.stderr
    assert not (root / "public_html").exists()
