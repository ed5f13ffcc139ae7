"""Pagefind's bundle kept between builds, reused while its input is the same.

Pagefind takes most of a build's time and memory, and its bundle depends on
nothing but the pages given to it, the indexing code and the Pagefind
binary: the caller makes a key of all of those (``search_index.py``). The
bundle of a key seen before (``CACHE_PATH/tim-kiem/{key}/``) is put into the
new site as hard links, in a blink; any other key is indexed afresh. The
bundles of the last two keys are kept, so that alternating development and
production builds (``make html``, ``make publish``: other addresses in the
pages, so other keys) both find theirs.

A kept bundle is never changed: it is made in a folder of its own and
renamed to its key only once complete. The output's files can share its
inodes because nothing writes into a built site's files in place. Each
build leaves ``CACHE_PATH/tim-kiem/last-build.json``: whether the bundle
was reused, and how many pages were indexed.
"""

import json
import os
import shutil
import tempfile

FOLDER = "tim-kiem"
REPORT = "last-build.json"
KEEP = 2
_BEING_MADE = ".dang-lam-"


def reuse(bundle, cache, key, pages):
    """Put the kept bundle of ``key`` at ``bundle``; False if there is none."""
    kept = os.path.join(cache, key)
    if not os.path.isdir(kept):
        return False
    shutil.copytree(kept, bundle, copy_function=_link)
    os.utime(kept)  # the most recently used: kept longest
    _report(cache, True, pages)
    return True


def keep(bundle, cache, key, pages):
    """Keep the freshly made ``bundle`` as the bundle of ``key``."""
    kept = os.path.join(cache, key)
    os.makedirs(cache, exist_ok=True)
    # Builds of one site run one at a time (build.py): what a killed build
    # was making is nobody's now.
    for name in os.listdir(cache):
        if name.startswith(_BEING_MADE):
            shutil.rmtree(os.path.join(cache, name), ignore_errors=True)
    making = tempfile.mkdtemp(prefix=_BEING_MADE, dir=cache)
    shutil.copytree(bundle, os.path.join(making, "bundle"), copy_function=_link)
    try:
        os.rename(os.path.join(making, "bundle"), kept)
    except OSError:  # made meanwhile by another build: the same bundle
        pass
    os.utime(kept)
    shutil.rmtree(making, ignore_errors=True)
    bundles = sorted((entry for entry in os.scandir(cache)
                      if entry.is_dir() and not entry.name.startswith(".")),
                     key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
    for old in bundles[KEEP:]:
        shutil.rmtree(old.path, ignore_errors=True)
    _report(cache, False, pages)


def _report(cache, reused, pages):
    with open(os.path.join(cache, REPORT), "w", encoding="utf-8") as report:
        json.dump({"reused": reused, "pages": pages}, report)


def _link(source, target):
    try:
        os.link(source, target)
    except OSError:  # another disk, or a file system without hard links
        shutil.copy2(source, target)
