"""Warm builds: keep what the readers made of every unchanged file.

Reading (YAML front matter and Markdown) is about two thirds of a cold
build. Pelican's content cache (CACHE_CONTENT and LOAD_CONTENT_CACHE in
pelicanconf.py) keeps each file's HTML and metadata under CACHE_PATH and
reads again only the files whose checksum changed. Pelican does not notice
when what reading depends on changes: the settings, our reader and Markdown
extensions, or the installed Pelican, Markdown and PyYAML. We fingerprint
those, and a cache written under another fingerprint is deleted before
Pelican can load it.

The fingerprint is the same wherever the project lies (its folder is taken
out of the settings' paths), and Pelican's cache, which names each file by
its full path, is renamed when the project moved: a fresh clone on a
publishing host, given the cache folder of the last run, builds as a warm
build does (.github/workflows/pages.yml, .gitlab-ci.yml). Figures from data/ are filled in after reading
(article_figures.py), so a data change needs no fresh read.
"""

import hashlib
import importlib.metadata
import json
import os
import pickle
import platform

from . import atomic_file

FINGERPRINT_FILE = "readers.fingerprint"
# The project folder the cache's paths were written under.
ROOT_FILE = "project-folder"
# Settings that change from build to build without changing what is read.
_VOLATILE = {"OUTPUT_PATH", "CACHE_PATH", "LOAD_CONTENT_CACHE", "CACHE_CONTENT"}
_PACKAGES = ("pelican", "markdown", "pyyaml", "pygments", "unidecode")
_PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))


def prepare(settings):
    """Drop Pelican's content cache unless the same code and settings wrote it."""
    if not settings.get("CACHE_CONTENT"):
        return
    cache_path = settings["CACHE_PATH"]
    marker = os.path.join(cache_path, FINGERPRINT_FILE)
    current = fingerprint(settings)
    try:
        with open(marker, encoding="utf-8") as handle:
            if handle.read() == current:
                _follow_the_project(cache_path, project_folder(settings))
                return
    except OSError:
        pass
    if os.path.isdir(cache_path):
        for name in os.listdir(cache_path):
            path = os.path.join(cache_path, name)
            if os.path.isfile(path) and (name.endswith("-Readers") or name.endswith("Generator")):
                os.remove(path)
    os.makedirs(cache_path, exist_ok=True)
    with open(marker, "w", encoding="utf-8") as handle:
        handle.write(current)
    _remember_project(cache_path, project_folder(settings))


def project_folder(settings):
    """The folder holding the content folder: what the settings' paths start with."""
    return os.path.dirname(os.path.abspath(settings["PATH"]))


def _remember_project(cache_path, folder):
    with open(os.path.join(cache_path, ROOT_FILE), "w", encoding="utf-8") as handle:
        handle.write(folder)


def _follow_the_project(cache_path, folder):
    """Pelican's readers' cache names files by their full path: when the
    project is now elsewhere (a fresh clone given the last run's cache),
    rename its entries, as if it had been written here."""
    try:
        with open(os.path.join(cache_path, ROOT_FILE), encoding="utf-8") as handle:
            before = handle.read()
    except OSError:
        before = None
    if before == folder:
        return
    for name in os.listdir(cache_path):
        path = os.path.join(cache_path, name)
        if not (name.endswith("-Readers") and os.path.isfile(path)):
            continue
        try:
            with open(path, "rb") as handle:
                entries = pickle.load(handle)
            moved = {_moved(key, before, folder): value for key, value in entries.items()}
            atomic_file.write(path, pickle.dumps(moved))
        except (OSError, EOFError, ValueError, TypeError, AttributeError,
                pickle.UnpicklingError):
            os.remove(path)  # unreadable: Pelican would start afresh anyway
    _remember_project(cache_path, folder)


def _moved(key, before, folder):
    if before and isinstance(key, str) and key.startswith(before + os.sep):
        return folder + key[len(before):]
    return key


def fingerprint(settings):
    digest = hashlib.sha256()
    digest.update(platform.python_version().encode())
    for package in _PACKAGES:
        digest.update(f"{package}=={_version(package)}\n".encode())
    for name in sorted(os.listdir(_PLUGIN_DIR)):
        if name.endswith(".py"):
            with open(os.path.join(_PLUGIN_DIR, name), "rb") as handle:
                digest.update(name.encode() + b"\0" + handle.read())
    stable = {key: value for key, value in settings.items() if key not in _VOLATILE}
    try:
        text = json.dumps(stable, sort_keys=True, default=_kind)
    except (TypeError, ValueError):  # keys that do not sort: never reuse the cache
        text = os.urandom(16).hex()
    # Paths inside the project, whatever folder it is in.
    text = text.replace(json.dumps(project_folder(settings))[1:-1], "<projet>")
    digest.update(text.encode())
    return digest.hexdigest()


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


def let_go(generator):
    """article_generator_finalized / page_generator_finalized: Pelican has
    just saved its readers' cache into CACHE_PATH, and it reads it only when
    a build starts. Kept in memory until the build ends, it is every file's
    HTML a second time (as read, before the figures are filled in): about as
    much as all the articles themselves, at the build's busiest moment."""
    readers = getattr(generator, "readers", None)
    if readers is not None and hasattr(readers, "_cache"):
        readers._cache = {}
