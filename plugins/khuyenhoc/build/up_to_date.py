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

from khuyenhoc.caches import atomic_file, fingerprints
from khuyenhoc.data import datasets

RECORD_FILE = "up-to-date.json"


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
    folders = [settings["PATH"], datasets.data_dir(settings), settings["THEME"],
               *settings.get("PLUGIN_PATHS", [])]
    return fingerprints.sources(settings, settings_path, folders)


def site_manifest(folder):
    digest = hashlib.sha256()
    for path in fingerprints.files(folder):
        status = os.lstat(path)
        digest.update(f"{os.path.relpath(path, folder)}\0{status.st_size}\0"
                      f"{status.st_mtime_ns}\0{status.st_mode}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _record_path(settings):
    return os.path.join(settings["CACHE_PATH"], RECORD_FILE)
