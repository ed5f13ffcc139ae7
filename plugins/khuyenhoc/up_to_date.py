"""A build with nothing to do: the published site is already the one the
sources give.

The officer runs `make html` again and again, and the preview server runs a
full build after every save, often when nothing changed since the last
build. Pelican would write every page again. Instead, every successful build
records a fingerprint of all it was made from and a manifest of the site it
left in the output folder; the next build compares both first (a few tens
of milliseconds for a thousand articles) and stops at once when they match.

The fingerprint covers everything a page can depend on: the bytes of every
file in the content, data, theme and plugin folders and of the settings
files beside the one given, the settings' values (SITEURL of a production
build among them), the Python version and every installed package (its
name and version, from the names of site-packages' metadata folders). The
manifest (path, size and modification time of every file of the output)
catches a site that was changed or emptied by hand, or by the preview's
quick step, which writes pages in place: then the whole build runs.
Anything unreadable means "build".
"""

import hashlib
import json
import os
import sys
import sysconfig

from . import atomic_file, content_cache, datasets

RECORD_FILE = "up-to-date.json"
_SKIPPED_FOLDERS = {"__pycache__", ".git", "node_modules"}


def is_current(settings, sources, final_output):
    """True when ``final_output`` is what a build of ``sources`` (their
    ``sources_fingerprint``) would give."""
    try:
        with open(_record_path(settings), encoding="utf-8") as handle:
            record = json.load(handle)
    except (OSError, ValueError):
        return False
    try:
        return (record.get("output") == final_output
                and record.get("sources") == sources
                and record.get("site") == site_manifest(final_output))
    except OSError:
        return False


def remember(settings, sources, final_output):
    """Record the sources (taken before the build began: a file saved during
    the build makes the next one run) and the site of a build that has just
    succeeded."""
    record = {
        "output": final_output,
        "sources": sources,
        "site": site_manifest(final_output),
    }
    try:
        atomic_file.write(_record_path(settings), json.dumps(record).encode("utf-8"))
    except OSError:
        pass  # the next build is only slower


def sources_fingerprint(settings, settings_path):
    digest = hashlib.sha256(content_cache.fingerprint(settings).encode())
    digest.update(sys.version.encode())
    for folder in _installed_packages_folders():
        digest.update(b"\0".join(sorted(os.fsencode(name) for name in os.listdir(folder))))
    folders = [settings["PATH"], datasets.data_dir(settings), settings["THEME"],
               *settings.get("PLUGIN_PATHS", [])]
    for folder in folders:
        _add_tree(digest, os.path.abspath(folder))
    settings_folder = os.path.dirname(os.path.abspath(settings_path))
    for name in sorted(os.listdir(settings_folder)):
        if name.endswith(".py"):
            _add_file(digest, os.path.join(settings_folder, name))
    return digest.hexdigest()


def site_manifest(folder):
    digest = hashlib.sha256()
    for path in _files(folder):
        status = os.lstat(path)
        digest.update(f"{os.path.relpath(path, folder)}\0{status.st_size}\0"
                      f"{status.st_mtime_ns}\0{status.st_mode}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _record_path(settings):
    return os.path.join(settings["CACHE_PATH"], RECORD_FILE)


def _installed_packages_folders():
    paths = sysconfig.get_paths()
    return sorted({paths["purelib"], paths["platlib"]} & {p for p in sys.path if os.path.isdir(p)})


def _add_tree(digest, folder):
    digest.update(b"\1" + os.fsencode(folder))
    for path in _files(folder):
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


def _add_file(digest, path, name=None):
    with open(path, "rb") as handle:
        data = handle.read()
    digest.update(os.fsencode(name or path) + b"\0" + str(len(data)).encode() + b"\0" + data)


def _files(folder):
    """Every file under ``folder``, in a fixed order; none if it is missing."""
    found = []
    for root, subfolders, files in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if name not in _SKIPPED_FOLDERS)
        found += [os.path.join(root, name) for name in sorted(files)
                  if not name.endswith((".pyc", ".tmp"))]
    return found
