"""Publish the production build to plain hosting: rsync or FTP.

    DEPLOY_TARGET=user@host:/var/www/khuyenhoc make deploy     # rsync over SSH
    DEPLOY_TARGET=/srv/www/khuyenhoc make deploy               # a folder of this machine
    DEPLOY_TARGET=ftp://user@host/public_html DEPLOY_PASSWORD=... make deploy   # lftp

The target comes from the environment so that no address or password is
written into the repository. The site is built first with the production
settings (SITEURL gives its address); a failed build uploads nothing. The
target folder ends up holding exactly the site: files that are no longer in
the site are removed there, so the target must be the site's own folder.
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import urllib.parse

from pelican.settings import read_settings

from khuyenhoc.build import strict
from khuyenhoc.errors import OfficerError, display_path

FTP_SCHEMES = ("ftp", "ftps", "sftp")

EXAMPLES = (
    "đặt DEPLOY_TARGET rồi chạy lại, ví dụ: "
    "DEPLOY_TARGET=tenmay@may-chu.vn:/var/www/khuyenhoc make deploy (rsync qua SSH) hoặc "
    "DEPLOY_TARGET=ftp://tendangnhap@ftp.may-chu.vn/public_html DEPLOY_PASSWORD=matkhau "
    "make deploy (FTP)"
)


def upload_command(target, source, password=None):
    """(argv, extra environment) making ``target`` hold exactly ``source``."""
    target = target.strip()
    if not target:
        raise OfficerError("chưa đặt nơi xuất bản (biến DEPLOY_TARGET)", fix=EXAMPLES)
    parts = urllib.parse.urlsplit(target)
    if "://" in target and parts.scheme not in FTP_SCHEMES:
        raise OfficerError(
            "không hiểu địa chỉ nơi xuất bản DEPLOY_TARGET", found=target,
            fix="dùng dạng tenmay@may-chu:/thu-muc (rsync), /thu-muc/tren/may-nay "
                "hoặc ftp://, ftps://, sftp://",
        )
    if "://" in target:
        folder = urllib.parse.unquote(parts.path)
    else:
        folder = target.rpartition(":")[2] if _is_remote(target) else target
    if folder.strip().rstrip("/") in ("", "~", "."):
        raise OfficerError(
            "nơi xuất bản DEPLOY_TARGET phải là thư mục riêng của trang, "
            "không phải thư mục gốc", found=target,
            fix="ghi rõ thư mục, ví dụ tenmay@may-chu.vn:/var/www/khuyenhoc "
                "(mọi tệp khác trong thư mục đó sẽ bị xoá)",
        )
    if "://" in target:
        return _lftp_command(parts, folder, source, password)
    _require("rsync")
    return ["rsync", "--recursive", "--links", "--times", "--compress", "--delete",
            "--chmod=D755,F644",
            source.rstrip("/") + "/", target.rstrip("/") + "/"], {}


def _is_remote(target):
    # rsync's own rule: a colon before any slash means host:path.
    head = target.split("/", 1)[0]
    return ":" in head


def _lftp_command(parts, folder, source, password):
    _require("lftp")
    user = urllib.parse.unquote(parts.username or "")
    password = password or urllib.parse.unquote(parts.password or "")
    server = f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    login, environment = "", {}
    if user:
        login = f"-u {shlex.quote(user)} "
    if user and password:
        # Through the environment: a command line can be read by other users.
        login += "--env-password "
        environment["LFTP_PASSWORD"] = password
    script = "; ".join([
        "set net:max-retries 2",
        "set net:timeout 20",
        "set net:reconnect-interval-base 1",
        "set cmd:fail-exit yes",
        f"open {login}{shlex.quote(server)}",
        f"mirror --reverse --delete --parallel=4 "
        f"{shlex.quote(source.rstrip('/') + '/')} {shlex.quote(folder)}",
    ])
    return ["lftp", "-c", script], environment


def _require(tool):
    if shutil.which(tool) is None:
        raise OfficerError(
            f"máy này chưa cài chương trình {tool}",
            fix=f"cài bằng lệnh: sudo apt-get install {tool}",
        )


def deploy(settings_path="publishconf.py", do_build=True, out=sys.stderr):
    target = os.environ.get("DEPLOY_TARGET", "")
    settings = read_settings(settings_path)
    source = settings["OUTPUT_PATH"]
    try:
        command, environment = upload_command(
            target, source, os.environ.get("DEPLOY_PASSWORD"))
    except OfficerError as error:
        print(f"KHÔNG XUẤT BẢN: {error}", file=out)
        return 1
    if do_build and strict.build(settings_path, out=out) != 0:
        print("KHÔNG XUẤT BẢN: trang chưa dựng được, chưa tải gì lên. "
              "Cách sửa: sửa các lỗi ở trên rồi chạy lại make deploy", file=out)
        return 1
    print(f"Đang tải {display_path(source)}/ lên {_without_password(target)} ...", file=out)
    if command[0] == "rsync" and not _is_remote(target.strip()):
        os.makedirs(target.strip(), exist_ok=True)  # rsync makes only the last folder
    result = subprocess.run(command, env=dict(os.environ, **environment))
    if result.returncode != 0:
        print(f"KHÔNG XUẤT BẢN XONG: {command[0]} báo lỗi (mã {result.returncode}). "
              "Cách sửa: kiểm tra địa chỉ DEPLOY_TARGET, tên đăng nhập, mật khẩu "
              "và kết nối mạng, rồi chạy lại make deploy", file=out)
        return 1
    print(f"Đã xuất bản lên {_without_password(target)}.", file=out)
    return 0


def _without_password(target):
    parts = urllib.parse.urlsplit(target)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description="Dựng bản chính thức và tải lên máy chủ.")
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--no-build", action="store_true",
                        help="tải lên bản đã dựng, không dựng lại")
    args = parser.parse_args(argv)
    return deploy(args.settings, do_build=not args.no_build)


if __name__ == "__main__":
    sys.exit(main())
