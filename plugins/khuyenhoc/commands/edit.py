"""Edit in the browser: decap-server beside the preview server.

    make edit            # then open http://127.0.0.1:8000/admin/

decap-server (npm, pinned) lets the editor at /admin/ read and write the
files of this folder; it listens on this computer only. The preview
server rebuilds the site, /admin/ included, after every saved change.
Ctrl+C stops both.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time

from khuyenhoc.preview import server as serve

SERVER = os.path.join("node_modules", ".bin", "decap-server")


def require_free(port, setting):
    with socket.socket() as probe:
        # As the servers do: a port left by a server just stopped is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise SystemExit(
                f"KHÔNG MỞ ĐƯỢC TRÌNH SOẠN BÀI: cổng {port} đang bận (có thể make serve hay "
                f"make edit đang chạy ở một cửa sổ khác). Cách sửa: dừng chương trình đó bằng "
                f"Ctrl+C, hoặc chọn cổng khác: make edit {setting}={port + 1}") from None


def start_decap_server(port, root):
    env = dict(os.environ, PORT=str(port), BIND_HOST="127.0.0.1", MODE="fs",
               GIT_REPO_DIRECTORY=root, LOG_LEVEL="warn")
    process = subprocess.Popen([os.path.join(root, SERVER)], cwd=root, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(
                f"KHÔNG MỞ ĐƯỢC TRÌNH SOẠN BÀI: decap-server dừng (mã {process.returncode}). "
                "Cách sửa: chạy lại make edit; nếu vẫn lỗi, chạy npm ci rồi thử lại")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("KHÔNG MỞ ĐƯỢC TRÌNH SOẠN BÀI: decap-server không trả lời sau 30 giây.")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Soạn bài trên trình duyệt (Decap CMS).")
    parser.add_argument("--port", type=int, default=8000, help="cổng của trang xem trước")
    args = parser.parse_args(argv)
    os.environ["DECAP_ADMIN"] = "1"
    port = int(os.environ.setdefault("DECAP_SERVER_PORT", "8081"))
    require_free(args.port, "PORT")
    require_free(port, "DECAP_SERVER_PORT")
    # Closing the terminal or `kill` must stop decap-server too.
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, _stop)
    threading.Thread(target=_stop_when_orphaned, daemon=True).start()
    decap = start_decap_server(port, os.getcwd())
    try:
        print(f"Soạn bài trên trình duyệt: http://127.0.0.1:{args.port}/admin/", flush=True)
        return serve.main(["--port", str(args.port)])
    except KeyboardInterrupt:
        return 0
    finally:
        decap.terminate()
        decap.wait(timeout=10)


def _stop(signum, frame):
    raise KeyboardInterrupt


def _stop_when_orphaned():
    """Stop when what started us is gone (make killed with its window, a
    test run cut short), rather than leave two servers running unseen."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)


if __name__ == "__main__":
    sys.exit(main())
