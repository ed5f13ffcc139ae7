"""The tests' builds, forked from a Python that has already imported the build.

Why: every test site is built as ``make html`` builds it, by
``python -m khuyenhoc.build``, and a session makes a few hundred builds. Each
new Python spends about 0.9 s of CPU importing Pelican, Markdown, Jinja,
PyYAML and the plugin before it reads a file, which was most of the fast
tier's time. Here one server process per test process imports them once;
for each build it forks a child, which is then what ``python -m`` would have
been at that point: a process that has imported the build and run nothing
yet. The child takes the site's folder, arguments and environment, runs the
build's real ``__main__`` (``runpy``, as ``-m`` does) and exits with its code;
its standard output and error come back as ``subprocess.run`` gives them.

Used only when it cannot differ from a new Python: the site's copy of the
plugin has the project's bytes (a test that edits the plugin's code gets a new
Python), the module is one the server has imported, and the environment
gives Python's start-up nothing new (no other PYTHON* variable, locale or
time zone than the server started with; the time zone is set again anyway). Nothing here is a
stand-in for the build: the same code runs, only its imports are shared.
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
MODULES = ("khuyenhoc.build", "khuyenhoc.commands.check")

# The server: imports, then forks a child per request line (JSON) and answers
# with the child's exit code. Its standard output is the answers' channel; a
# child's output goes to the files the request names.
SERVER = r"""
import json, os, runpy, sys, time, traceback
import khuyenhoc.build.strict, khuyenhoc.commands.check
base_path = sys.path[1:]
for line in sys.stdin:
    request = json.loads(line)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
                os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
            os.chdir(request["cwd"])
            os.environ.clear()
            os.environ.update(request["env"])
            time.tzset()
            sys.path[:] = [request["cwd"], *request["path"], *base_path]
            sys.argv = [request["module"], *request["args"]]
            try:
                runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
                code = 0
            except SystemExit as stop:
                if stop.code is None:
                    code = 0
                elif isinstance(stop.code, int):
                    code = stop.code
                else:
                    print(stop.code, file=sys.stderr)
                    code = 1
            except BaseException:
                traceback.print_exc()
                code = 1
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(json.dumps(os.waitstatus_to_exitcode(status)) + "\n")
    sys.stdout.flush()
"""


def _start_up(environment):
    """What Python reads from the environment when it starts (but PYTHONPATH)."""
    return {name: value for name, value in environment.items()
            if name != "PYTHONPATH" and (name.startswith(("PYTHON", "LC_")) or name == "LANG")}


def _plugin_digest(folder):
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class BuildServer:
    def __init__(self):
        self._process = None
        self._lock = threading.Lock()
        self._project_plugins = _plugin_digest(PROJECT / "plugins")

    def can_run(self, root, module, environment):
        plugins = Path(root) / "plugins"
        return (module in MODULES and hasattr(os, "fork")
                and environment.get("PYTHONPATH") == str(plugins)
                and _start_up(environment) == _start_up(os.environ)
                and _plugin_digest(plugins) == self._project_plugins)

    def run(self, root, module, arguments, environment):
        """``python -m module arguments`` in ``root`` with ``environment``,
        as ``subprocess.run(..., capture_output=True, text=True)`` gives it."""
        with self._lock, tempfile.TemporaryDirectory() as folder:
            outputs = {name: os.path.join(folder, name) for name in ("stdout", "stderr")}
            request = {"cwd": str(root), "module": module, "args": list(arguments),
                       "env": environment, "path": environment["PYTHONPATH"].split(os.pathsep),
                       **outputs}
            process = self._server()
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
            answer = process.stdout.readline()
            if not answer:
                raise RuntimeError("the build server stopped")
            texts = {name: Path(path).read_text(encoding="utf-8", errors="replace")
                     for name, path in outputs.items()}
        return subprocess.CompletedProcess([sys.executable, "-m", module, *arguments],
                                           json.loads(answer), texts["stdout"], texts["stderr"])

    def _server(self):
        if self._process is None or self._process.poll() is not None:
            environment = dict(os.environ, PYTHONPATH=str(PROJECT / "plugins"))
            self._process = subprocess.Popen(
                [sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                cwd=PROJECT, env=environment, text=True)
        return self._process

    def close(self):
        if self._process is not None and self._process.poll() is None:
            self._process.stdin.close()
            self._process.wait()


server = BuildServer()


def run(root, module, arguments, environment):
    """The build through the server when it cannot differ, else a new Python."""
    if server.can_run(root, module, environment):
        return server.run(root, module, arguments, environment)
    return subprocess.run([sys.executable, "-m", module, *arguments], cwd=root,
                          env=environment, capture_output=True, text=True)
