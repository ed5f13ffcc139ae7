"""The preview's first step after a save: only the saved articles' pages.

    python -m khuyenhoc.preview.quick_step pelicanconf.py content/articles/bai.md ...

The preview server (``serve.py``) runs this when only articles or pages
changed, so that the officer sees the edited page about a second after
saving, then runs the full build, which brings the lists, tags, archives
and search index up to date and replaces the site atomically. The server
runs it in a worker process that keeps every article read between saves
(``preview_worker``); from the command line, every file is read.

Every file is read (from the content cache, see ``content_cache``, or kept
by the worker) and the saved ones are checked exactly as in the full
build, so the page is the one the full build will publish. Only what that
page is made of runs: the article, page and static generators (not the
statistics pages, downloads or editor), neighbours and related articles of
the saved articles; only the pages made from the given files are written,
each replacing the served one in a single step, with their charts, and nothing else runs
after them: no static files are copied, no list, tag or archive page is
made, no ``finalized`` receiver (search index, link check) runs.
"""

import argparse
import contextlib
import functools
import os
import sys
import types

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.settings import read_settings

from khuyenhoc import pelican_internals
from khuyenhoc.build import strict
from khuyenhoc.caches import atomic_file
from khuyenhoc.figures import render

# What an article's or a page's own page is made of: the articles and pages
# (neighbours, related articles, categories, menu) and the static files their
# links name. The other generators (statistics pages, downloads, the editor)
# write pages of their own that the quick step leaves to the full build.
PAGE_GENERATORS = (ArticlesGenerator, PagesGenerator, StaticGenerator)
RELATED_POSTS = "pelican.plugins.related_posts.related_posts"


class SelectedPagesWriter(pelican_internals.ReplacingWriter):
    """Writes the pages of the selected source files and nothing else, each
    replacing the served page in one step: the officer's browser, reloading
    it meanwhile, gets the old page or the new, never half of one."""

    def __init__(self, *args, selected=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.selected = selected
        self.written = set()

    def write_file(self, name, template, context, *args, **kwargs):
        content = kwargs.get("article") or kwargs.get("page")
        if content is None or os.path.abspath(content.source_path) not in self.selected:
            return None
        self.written.add(name)
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(self, *args, **kwargs):
        return None

    def replace(self, path, data):
        atomic_file.write(path, data)


class PagesOnly(Pelican):
    """Pelican's run() up to writing, with the generators of PAGE_GENERATORS,
    writing only the pages of ``selected``; ``kept``: contents kept from an
    earlier run (preview_worker.py), or None to read every file."""

    def __init__(self, settings, selected=frozenset(), kept=None):
        super().__init__(settings)
        self.selected = selected
        self.kept = kept
        related = sys.modules.get(RELATED_POSTS)
        if related is not None:  # the plugin is used (PLUGINS): see run()
            signals.article_generator_finalized.disconnect(related.add_related_posts)

    def related_posts_of_selected(self, generator):
        """The related_posts plugin, for the articles written only: it counts
        the shared tags of every pair of articles, which grows as the square
        of their number. (The plugin's other way, related articles named in
        the front matter, cannot happen: the reader refuses that field.)"""
        related = sys.modules[RELATED_POSTS]
        written = [article for article in generator.articles + generator.drafts
                   if os.path.abspath(article.source_path) in self.selected]
        related.add_related_posts(types.SimpleNamespace(
            settings=generator.settings, tags=generator.tags, articles=written, drafts=[]))

    def run(self):
        context = self.settings.copy()
        context["generated_content"] = {}
        context["static_links"] = set()
        context["static_content"] = {}
        context["localsiteurl"] = self.settings["SITEURL"]
        if self.kept is not None:
            context["data"] = self.kept.data(self.settings)
        generators = [
            cls(context=context, settings=self.settings, path=self.path, theme=self.theme,
                output_path=self.output_path)
            for cls in pelican_internals.generator_classes(self) if issubclass(cls, PAGE_GENERATORS)
        ]
        related = (signals.article_generator_finalized.connected_to(self.related_posts_of_selected)
                   if RELATED_POSTS in sys.modules else contextlib.nullcontext())
        with related:
            for generator in generators:
                if self.kept is not None:
                    self.kept.attach(generator)
                if isinstance(generator, ArticlesGenerator):
                    pelican_internals.skip_year_archives(generator)
                if hasattr(generator, "generate_context"):
                    generator.generate_context()
        signals.all_generators_finalized.send(generators)
        for generator in generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        writer = SelectedPagesWriter(self.output_path, settings=self.settings,
                                     selected=self.selected)
        write = functools.partial(writer.write_file,
                                  relative_urls=self.settings["RELATIVE_URLS"])
        for generator in generators:
            # Only the articles' and pages' own pages: lists, tags and
            # archives would each be made only to be thrown away.
            if isinstance(generator, ArticlesGenerator):
                generator.generate_articles(write)
                generator.generate_drafts(write)
            elif isinstance(generator, PagesGenerator):
                generator.generate_output(writer)
        _finish_charts(self, writer.written)


def _finish_charts(pelican, written):
    """Put the charts into the pages just written, and only into them: the
    other pages in the served folder have theirs already."""
    renderer = render.current
    if renderer is None:
        return
    drawer = renderer.drawer
    drawer.pages = {page: keys for page, keys in drawer.pages.items() if page in written}
    render.finish(pelican)


def build_pages(settings_path, sources, out=sys.stderr, kept=None):
    """Write the pages of ``sources`` into the output folder; the exit code.
    ``kept``: see PagesOnly."""
    settings = read_settings(settings_path)
    settings["DELETE_OUTPUT_DIRECTORY"] = False
    selected = frozenset(os.path.abspath(s) for s in sources)
    if kept is not None:
        kept.prepare(settings, selected)
    return strict.build_in_place(
        settings, lambda settings: PagesOnly(settings, selected, kept), out)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Dựng nhanh trang của các bài vừa sửa.")
    parser.add_argument("settings")
    parser.add_argument("sources", nargs="+")
    args = parser.parse_args(argv)
    return build_pages(args.settings, args.sources)


if __name__ == "__main__":
    sys.exit(main())
