"""The preview's quick step, kept running between saves.

    python -m khuyenhoc.preview.worker pelicanconf.py

Started by the preview server (``serve.py``). It reads every article and
page once, then waits: each line on its standard input is a JSON list of
saved files, whose pages it writes as ``preview_build`` does; it answers
each with a line holding the exit code, on its standard output.

Why a process that stays: most of a quick step in a fresh process is spent
making what the saved page does not show, again for every save: loading
Pelican's content cache, filling figures into every article and checking
every one of them (about six seconds for a thousand articles). The saved
page needs the other articles only for their titles, addresses, dates,
tags and categories (neighbours, related articles, menu), and those come
out of reading a file that has not changed exactly as before. So the
worker keeps every content as read, and for each save reads again only the
saved files and any other file whose stamp (time, size) changed; then
Pelican runs as in ``preview_build``: neighbours, related articles,
categories, the checks across files and the pages, from the kept and the
fresh contents alike. A kept content is a copy taken right after reading,
copied again for each run, so nothing a run adds to it (neighbours,
related articles) leaks into the next.

What the worker does not see, the server restarts it for: any change
other than saved articles and pages (data/, theme, plugins, settings,
images, a deleted file). Contents with a problem are never kept, so they
are read and reported again at every save, and the full build that follows
every quick step, in a fresh process, still checks and writes everything.
A long-lived process was chosen over caching filled articles on disk
because loading a thousand articles, even filled, is itself the cost.
"""

import argparse
import copy
import json
import os
import sys

import jinja2
from pelican.generators import CachingGenerator

from khuyenhoc import pelican_internals
from khuyenhoc.data import cache as data_cache
from khuyenhoc.errors import problems
from khuyenhoc.figures import render
from khuyenhoc.preview.quick_step import build_pages


class KeptContents:
    """Every article and page as read, by source path, with its file's stamp."""

    def __init__(self):
        # absolute source path -> (stamp, content, static files it links)
        self.contents = {}
        self.templates = _TemplatesInMemory()
        self._data = None

    def data(self, settings):
        """data/, read once (the server restarts us when it changes); its
        problems are the run's problems every time."""
        if self._data is None:
            self._data = data_cache.read(settings)
        data, errors = self._data
        problems.extend(errors)
        return data

    def prepare(self, settings, selected):
        """Before a run: the saved files are read again, whatever their stamp."""
        for path in selected:
            self.contents.pop(path, None)
        if self.contents:
            # Kept in memory: Pelican's content cache on disk is neither
            # loaded (the slow part) nor saved (the full build saves it).
            settings["LOAD_CONTENT_CACHE"] = False
            settings["CACHE_CONTENT"] = False

    def attach(self, generator):
        """Give a generator our compiled templates and, if it caches contents
        (articles, pages), our contents as its cache."""
        generator.env.bytecode_cache = self.templates
        if render.current is not None:
            render.current.env.bytecode_cache = self.templates
        if not isinstance(generator, CachingGenerator):
            return

        def cached(filename, default=None):
            path = os.path.join(generator.path, filename)
            stamp, content, links = self.contents.get(path, (None, None, None))
            if content is None or stamp != _stamp(path):
                return default
            fresh = _copy(content, generator.context)
            fresh.get_static_links = links.copy
            return fresh

        def keep(filename, content):
            path = os.path.join(generator.path, filename)
            kept = _copy(content, None)
            # What Pelican works out again and again from the settings and the
            # text, and what no later step changes once a file is read (see
            # url_cache): its addresses and the static files it links.
            kept.override_url = content.url
            kept.override_save_as = content.save_as
            self.contents[path] = (_stamp(path), kept, content.get_static_links())

        generator.get_cached_data = cached
        generator.cache_data = keep

    def after_run(self, code):
        """Forget the contents that had a problem (all of them when a problem
        names no file); the others need no checking of their own again."""
        if code:
            paths = [error.path for error in problems]
            if not paths or not all(paths):
                self.contents.clear()
            for path in paths:
                self.contents.pop(os.path.abspath(path or ""), None)
        for _, content, _ in self.contents.values():
            content.checked_alone = True


class _TemplatesInMemory(jinja2.BytecodeCache):
    """Templates compiled once (Jinja checks each against its source)."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _stamp(path):
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


def _copy(content, context):
    fresh = copy.copy(content)
    fresh.metadata = dict(content.metadata)
    # Links are worked out in the run's own context; a kept copy holds none,
    # so that no earlier run's context (and its data) stays in memory.
    pelican_internals.give_context(fresh, context)
    return fresh


def serve(settings, requests, replies):
    """Read everything once, then answer every request (a JSON list of files)."""
    kept = KeptContents()
    kept.after_run(build_pages(settings, [], kept=kept))
    for line in requests:
        code = build_pages(settings, json.loads(line), kept=kept)
        kept.after_run(code)
        replies.write(f"{code}\n")
        replies.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Dựng nhanh trang của các bài vừa sửa.")
    parser.add_argument("settings")
    args = parser.parse_args(argv)
    # The answers have standard output to themselves: whatever else is
    # printed goes to standard error.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    try:
        serve(args.settings, sys.stdin, replies)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
