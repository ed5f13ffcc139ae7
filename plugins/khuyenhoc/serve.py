"""Preview server: build, serve output/ on 127.0.0.1 and reload the browser.

    python -m khuyenhoc.serve [--port 8000]

Each change to content/, data/, theme/, plugins/ or the settings rebuilds the
site in a fresh process (so an edited plugin is really reloaded); a failed
build prints its messages and the preview keeps showing the last good site.
"""

import argparse
import os
import subprocess
import sys

WATCHED = ("content", "data", "theme", "plugins", "pelicanconf.py")


def rebuild(settings):
    env = dict(os.environ, PYTHONPATH=_plugins_path())
    result = subprocess.run([sys.executable, "-m", "khuyenhoc.build", settings], env=env)
    if result.returncode == 0:
        print("Đã dựng lại trang.", flush=True)


def _plugins_path():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))


def main(argv=None):
    from livereload import Server

    parser = argparse.ArgumentParser(description="Xem trước trang, tự tải lại khi sửa.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    args = parser.parse_args(argv)

    rebuild(args.settings)
    server = Server()
    for path in WATCHED:
        if os.path.exists(path):
            server.watch(path, lambda: rebuild(args.settings), delay=0.2)
    print(f"Xem trước tại http://127.0.0.1:{args.port}/ (Ctrl+C để dừng)", flush=True)
    server.serve(host="127.0.0.1", port=args.port, root=args.output, restart_delay=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
