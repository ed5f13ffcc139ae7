"""Warm builds: keep what the readers made of every unchanged file.

Reading (YAML front matter and Markdown) is about two thirds of a cold
build. Pelican's content cache (CACHE_CONTENT and LOAD_CONTENT_CACHE in
pelicanconf.py) keeps each file's HTML and metadata under CACHE_PATH and
reads again only the files whose checksum changed. Pelican does not notice
when what reading depends on changes: the settings, our reader and Markdown
extensions, or the installed Pelican, Markdown and PyYAML. We fingerprint
those (fingerprints.readers), and a cache written under another fingerprint is deleted before
Pelican can load it.

The fingerprint is the same wherever the project lies (its folder is left
out of the settings' paths), and Pelican's cache, which names each file by
its full path, is renamed when the project moved: a fresh clone on a
publishing host, given the cache folder of the last run, builds as a warm
build does (.github/workflows/pages.yml, .gitlab-ci.yml). Figures from data/ are filled in after reading
(article_figures.py), so a data change needs no fresh read.
"""

import os

from khuyenhoc import pelican_internals
from khuyenhoc.caches import fingerprints

FINGERPRINT_FILE = "readers.fingerprint"
# The project folder the cache's paths were written under.
ROOT_FILE = "project-folder"


def prepare(settings):
    """Drop Pelican's content cache unless the same code and settings wrote it."""
    if not settings.get("CACHE_CONTENT"):
        return
    cache_path = settings["CACHE_PATH"]
    marker = os.path.join(cache_path, FINGERPRINT_FILE)
    current = fingerprints.readers(settings)
    try:
        with open(marker, encoding="utf-8") as handle:
            if handle.read() == current:
                _follow_the_project(cache_path, fingerprints.project_folder(settings))
                return
    except OSError:
        pass
    if os.path.isdir(cache_path):
        for name in os.listdir(cache_path):
            path = os.path.join(cache_path, name)
            if os.path.isfile(path) and pelican_internals.is_content_cache_file(name):
                os.remove(path)
    os.makedirs(cache_path, exist_ok=True)
    with open(marker, "w", encoding="utf-8") as handle:
        handle.write(current)
    _remember_project(cache_path, fingerprints.project_folder(settings))


def _remember_project(cache_path, folder):
    with open(os.path.join(cache_path, ROOT_FILE), "w", encoding="utf-8") as handle:
        handle.write(folder)


def _follow_the_project(cache_path, folder):
    """The project is now elsewhere (a fresh clone given the last run's
    cache): rename the readers' cache's entries, as if written here."""
    try:
        with open(os.path.join(cache_path, ROOT_FILE), encoding="utf-8") as handle:
            before = handle.read()
    except OSError:
        before = None
    if before == folder:
        return
    for name in os.listdir(cache_path):
        path = os.path.join(cache_path, name)
        if os.path.isfile(path) and pelican_internals.is_content_cache_file(name):
            pelican_internals.move_readers_cache(path, before, folder)
    _remember_project(cache_path, folder)


def let_go(generator):
    """article_generator_finalized / page_generator_finalized: Pelican has
    just saved its readers' cache into CACHE_PATH, and it reads it only when
    a build starts. Kept in memory until the build ends, it is every file's
    HTML a second time (as read, before the figures are filled in): about as
    much as all the articles themselves, at the build's busiest moment."""
    pelican_internals.drop_readers_cache(generator)
