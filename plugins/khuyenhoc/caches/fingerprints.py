"""What every cache of the build is keyed by, in one place.

A cache is only as good as its key: a result kept under a key that misses
something it depends on is a stale page published in silence. Each cache
asks this module for the fingerprint of what its result depends on, and
nothing else computes one:

- ``readers``: Pelican's content cache (content_cache) — our code, the
  settings, Python and the libraries that read Markdown and YAML;
- ``data``: the loaded figures (data_cache) — ``readers`` and the bytes of
  every file in data/;
- ``sources``: the whole site (up_to_date) — ``readers``, every installed
  package, and every file of the content, data, theme and plugin folders
  and of the settings files and hoi.yaml;
- ``drawing``: a chart's SVG (chart_cache) — the code that shapes drawings;
- ``link_extraction``: a page's links and anchors (site_links) — the code
  that finds them.

Fingerprints are made of bytes and versions, never of dates.
"""

import ast
import functools
import hashlib
import importlib.metadata
import json
import os
import platform
import sys
import sysconfig

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Settings that change from build to build without changing what is read.
_VOLATILE = {"OUTPUT_PATH", "CACHE_PATH", "LOAD_CONTENT_CACHE", "CACHE_CONTENT"}
# The libraries whose versions change what reading gives.
_READING_PACKAGES = ("pelican", "markdown", "pyyaml", "pygments", "unidecode")
_SKIPPED_FOLDERS = {"__pycache__", ".git", "node_modules"}


def readers(settings):
    """Our code, the settings and the reading libraries."""
    digest = hashlib.sha256()
    digest.update(platform.python_version().encode())
    for package in _READING_PACKAGES:
        digest.update(f"{package}=={_version(package)}\n".encode())
    for path in files(PACKAGE_DIR):
        if path.endswith(".py"):
            _add_file(digest, path, os.path.relpath(path, PACKAGE_DIR))
    stable = {key: value for key, value in settings.items() if key not in _VOLATILE}
    try:
        text = json.dumps(stable, sort_keys=True, default=_kind)
    except (TypeError, ValueError):  # keys that do not sort: never reuse the cache
        text = os.urandom(16).hex()
    # Paths inside the project, whatever folder it is in: a fresh clone
    # elsewhere, given the last run's cache, reuses it (content_cache).
    text = text.replace(json.dumps(project_folder(settings))[1:-1], "<projet>")
    digest.update(text.encode())
    return digest.hexdigest()


def project_folder(settings):
    """The folder holding the content folder: what the settings' paths start with."""
    return os.path.dirname(os.path.abspath(settings["PATH"]))


def data(data_dir, settings):
    """``readers`` and the bytes of every file of the data folder."""
    digest = hashlib.sha256(readers(settings).encode())
    # Every file, in data/ and in its folders (data/learning_models/*.xlsx),
    # and every folder by name, empty or not (datasets.unknown_files).
    for folder, subfolders, names in os.walk(data_dir):
        subfolders.sort()
        for name in subfolders:
            relative = os.path.relpath(os.path.join(folder, name), data_dir)
            digest.update(relative.encode() + b"/\0")
        for name in sorted(names):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, data_dir)
            with open(path, "rb") as handle:
                digest.update(relative.encode() + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()


def sources(settings, settings_path, folders):
    """Everything a page can depend on: ``readers``, every installed package,
    the files of ``folders`` and the settings files beside ``settings_path``."""
    digest = hashlib.sha256(readers(settings).encode())
    digest.update(sys.version.encode())
    for folder in _installed_packages_folders():
        digest.update(b"\0".join(sorted(os.fsencode(name) for name in os.listdir(folder))))
    for folder in folders:
        folder = os.path.abspath(folder)
        digest.update(b"\1" + os.fsencode(folder))
        for path in files(folder):
            _add_file(digest, path, os.path.relpath(path, folder))
        # A link to a folder is not walked into (os.walk), but adding or
        # changing one changes what the build reads (and may refuse).
        for root, subfolders, _ in os.walk(folder):
            subfolders.sort()
            for name in subfolders:
                path = os.path.join(root, name)
                if os.path.islink(path):
                    digest.update(b"\2" + os.fsencode(os.path.relpath(path, folder)) + b"\0"
                                  + os.fsencode(os.readlink(path)))
    settings_folder = os.path.dirname(os.path.abspath(settings_path))
    for name in sorted(os.listdir(settings_folder)):
        if name.endswith(".py") or name == "hoi.yaml":  # the association's file
            _add_file(digest, os.path.join(settings_folder, name))
    return digest.hexdigest()


def drawing(modules):
    """The code of the modules that shape a drawing: a change to it redraws
    every chart. Their syntax tree without import statements and docstrings,
    so that moving a module (which rewrites its imports and the paths its
    docstrings name) draws no chart anew and keeps every chart's address."""
    digest = hashlib.sha256(platform.python_version().encode())
    for module in modules:
        stat = os.stat(module.__file__)
        digest.update(_code_shape(module.__file__, stat.st_mtime_ns, stat.st_size))
    return digest.hexdigest()


@functools.lru_cache(maxsize=16)
def _code_shape(path, _mtime_ns, _size):
    """A file's syntax tree, as ``drawing`` counts it; worked out once per
    process while the file is unchanged (parsing it took 0.12 s, which the
    preview's quick step paid at every save)."""
    with open(path, "rb") as handle:
        tree = _WithoutImportsAndDocstrings().visit(ast.parse(handle.read()))
    return ast.dump(tree).encode()


class _WithoutImportsAndDocstrings(ast.NodeTransformer):
    def visit_Import(self, node):
        return None

    visit_ImportFrom = visit_Import

    def generic_visit(self, node):
        node = super().generic_visit(node)
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
        return node


def link_extraction(module_file):
    """Extracted links are only as good as the code that found them."""
    with open(module_file, "rb") as handle:
        return hashlib.sha1(handle.read() + sys.version.encode(),
                            usedforsecurity=False).hexdigest()


def files(folder):
    """Every file under ``folder``, in a fixed order; none if it is missing."""
    found = []
    for root, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if name not in _SKIPPED_FOLDERS)
        found += [os.path.join(root, name) for name in sorted(names)
                  if not name.endswith((".pyc", ".tmp"))]
    return found


def _add_file(digest, path, name=None):
    with open(path, "rb") as handle:
        content = handle.read()
    digest.update(os.fsencode(name or path) + b"\0" + str(len(content)).encode() + b"\0"
                  + content)


def _installed_packages_folders():
    paths = sysconfig.get_paths()
    return sorted({paths["purelib"], paths["platlib"]} & {p for p in sys.path if os.path.isdir(p)})


def _version(package):
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def _kind(value):
    # Functions, classes and compiled objects: their type, never their
    # address, so that the fingerprint is the same from one run to the next.
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    return f"<{type(value).__module__}.{type(value).__qualname__}>"
