"""Preview server: build, serve output/ on 127.0.0.1 and reload the browser.

    python -m khuyenhoc.preview.server [--port 8000]

Saves under content/, data/, theme/, plugins/ and to the settings are
noticed at once (watchfiles: the system tells us, nothing is polled). When
only articles or pages changed, their own pages are written first and the
browser reloads: the officer sees the edit about a second after saving,
even with thousands of articles. That quick step runs in a worker process
that keeps every article read between saves (``preview_worker``); it is
started again after any other change (data, theme, plugins, settings,
images, a deleted file), which it would not see. The full strict build
then brings lists, tags, archives and the search index up to date and
replaces the site atomically; a new save while it runs stops it and starts
again from the quick step. Every full build runs in a fresh process, so an
edited plugin is really reloaded; a failed build prints its messages and
the preview keeps showing the last good site.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading

WATCHED = ("content", "data", "theme", "plugins", "pelicanconf.py", "hoi.yaml")
QUICK_SUFFIXES = (".md", ".markdown")
STOP_GRACE = 5  # seconds a stopped build may take to tidy up its folders


def _command(module, *arguments):
    return [sys.executable, "-m", f"khuyenhoc.{module}", *arguments]


def _environment():
    return dict(os.environ, PYTHONPATH=_plugins_path())


def _plugins_path():
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))


def rebuild(settings):
    """One full strict build, as `make html` does; True when the site was replaced."""
    result = subprocess.run(_command("build", settings), env=_environment())
    if result.returncode == 0:
        print("Đã dựng lại trang.", flush=True)
    return result.returncode == 0


def quick_sources(changed, content="content"):
    """The saved articles and pages, when they are all that changed; else None."""
    content = os.path.abspath(content) + os.sep
    sources = []
    for path in changed:
        path = os.path.abspath(path)
        if not (path.startswith(content) and path.endswith(QUICK_SUFFIXES)
                and os.path.isfile(path)):
            return None
        sources.append(path)
    return sorted(sources) or None


class QuickStep:
    """The worker process of the quick step (``preview_worker``)."""

    def __init__(self, settings):
        self.settings = settings
        self.process = None

    def start(self):
        """Start the worker, if it is not running: it reads every article now,
        so that it is ready at the next save."""
        if self.process is not None and self.process.poll() is None:
            return
        # Its messages are left to the full build that follows, which
        # reports the same problems: the officer reads them once.
        self.process = subprocess.Popen(
            _command("preview.worker", self.settings), env=_environment(),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, encoding="utf-8")

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(STOP_GRACE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def run(self, sources):
        """Write the pages of ``sources``; True when they were written. A
        worker that died is started again, once."""
        for _ in range(2):
            self.start()
            try:
                self.process.stdin.write(json.dumps(sources) + "\n")
                self.process.stdin.flush()
                answer = self.process.stdout.readline()
            except OSError:
                answer = ""
            if answer:
                return answer.strip() == "0"
            self.stop()
        return False


class Rebuilder(threading.Thread):
    """Turns saves into builds, one at a time, the newest save first."""

    def __init__(self, settings, on_built):
        super().__init__(name="dung-lai", daemon=True)
        self.settings = settings
        self.on_built = on_built
        self.quick = QuickStep(settings)
        self._pending = set()
        self._wake = threading.Condition()

    def changed(self, paths):
        with self._wake:
            self._pending.update(paths)
            self._wake.notify()

    def _take(self):
        with self._wake:
            while not self._pending:
                self._wake.wait()
            taken, self._pending = self._pending, set()
            return taken

    def _saved_again(self):
        with self._wake:
            return bool(self._pending)

    def run(self):
        self.quick.start()
        while True:
            sources = quick_sources(self._take())
            if sources is None:
                # Started again after the full build, which it would slow down.
                self.quick.stop()
            elif self.quick.run(sources):
                self.on_built()
            if self._saved_again():
                continue
            if self._full():
                print("Đã dựng lại trang.", flush=True)
                self.on_built()
            self.quick.start()

    def _full(self):
        """The full build; stopped (False) as soon as another save comes in."""
        process = subprocess.Popen(_command("build", self.settings), env=_environment())
        with self._wake:
            while process.poll() is None:
                if self._pending:
                    _stop(process)
                    return False
                self._wake.wait(0.1)
        return process.returncode == 0


def _stop(process):
    """Ctrl+C to the build (it tidies its folders), then force if it lingers."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(STOP_GRACE)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def watch(paths, rebuilder, stop=None):
    """Hand every batch of saves to the rebuilder (runs until ``stop`` is set)."""
    import watchfiles

    for changes in watchfiles.watch(*paths, stop_event=stop, debounce=400, step=30):
        rebuilder.changed(path for _, path in changes)


def main(argv=None):
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher
    from tornado.ioloop import IOLoop

    class NotPolling(Watcher):
        # Saves are noticed by watchfiles; livereload only serves and reloads.
        def start(self, callback):
            return True

    parser = argparse.ArgumentParser(description="Xem trước trang, tự tải lại khi sửa.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    args = parser.parse_args(argv)

    loop = IOLoop.current()
    rebuilder = Rebuilder(
        args.settings, lambda: loop.add_callback(LiveReloadHandler.reload_waiters))
    # The quick step's worker is started before the first full build (the two
    # take turns at the build lock), so that it has read every article by the
    # first save, which is then shown as fast as the next ones.
    rebuilder.quick.start()
    rebuild(args.settings)
    rebuilder.start()
    watched = [path for path in WATCHED if os.path.exists(path)]
    threading.Thread(target=watch, args=(watched, rebuilder), name="theo-doi",
                     daemon=True).start()
    server = Server(watcher=NotPolling())
    print(f"Xem trước tại http://127.0.0.1:{args.port}/ (Ctrl+C để dừng)", flush=True)
    try:
        server.serve(host="127.0.0.1", port=args.port, root=args.output, restart_delay=0)
    finally:
        rebuilder.quick.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
