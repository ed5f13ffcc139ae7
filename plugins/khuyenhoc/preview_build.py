"""The preview's first step after a save: only the saved articles' pages.

    python -m khuyenhoc.preview_build pelicanconf.py content/articles/bai.md ...

The preview server (``serve.py``) runs this when only articles or pages
changed, so that the officer sees the edited page about a second after
saving, then runs the full build, which brings the lists, tags, archives
and search index up to date and replaces the site atomically.

Every file is still read (from the content cache, see ``content_cache``)
and checked exactly as in the full build, so the page is the one the full
build will publish; but only the pages made from the given files are
written, in place into the served folder, with their charts, and
nothing else runs after them: no static files are copied, no other
generator writes, no ``finalized`` receiver (search index, link check)
runs.
"""

import argparse
import os
import sys

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.settings import read_settings
from pelican.writers import Writer

from . import build, figure_render


class SelectedPagesWriter(Writer):
    """Writes the pages of the selected source files and nothing else."""

    selected = frozenset()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.written = set()

    def write_file(self, name, template, context, *args, **kwargs):
        content = kwargs.get("article") or kwargs.get("page")
        if content is None or os.path.abspath(content.source_path) not in self.selected:
            return None
        self.written.add(name)
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(self, *args, **kwargs):
        return None


class PagesOnly(Pelican):
    """Pelican's run() up to writing, then the article and page generators only."""

    def run(self):
        context = self.settings.copy()
        context["generated_content"] = {}
        context["static_links"] = set()
        context["static_content"] = {}
        context["localsiteurl"] = self.settings["SITEURL"]
        generators = [
            cls(context=context, settings=self.settings, path=self.path, theme=self.theme,
                output_path=self.output_path)
            for cls in self._get_generator_classes()
        ]
        for generator in generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
        signals.all_generators_finalized.send(generators)
        for generator in generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        writer = SelectedPagesWriter(self.output_path, settings=self.settings)
        for generator in generators:
            if isinstance(generator, (ArticlesGenerator, PagesGenerator)):
                generator.generate_output(writer)
        _finish_charts(self, writer.written)


def _finish_charts(pelican, written):
    """Put the charts into the pages just written, and only into them: the
    other pages in the served folder have theirs already."""
    renderer = figure_render.current
    if renderer is None:
        return
    drawer = renderer.drawer
    drawer.pages = {page: keys for page, keys in drawer.pages.items() if page in written}
    figure_render.finish(pelican)


def build_pages(settings_path, sources, out=sys.stderr):
    """Write the pages of ``sources`` into the output folder; the exit code."""
    settings = read_settings(settings_path)
    settings["DELETE_OUTPUT_DIRECTORY"] = False
    SelectedPagesWriter.selected = frozenset(os.path.abspath(s) for s in sources)
    return build.build_in_place(settings, PagesOnly, out)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Dựng nhanh trang của các bài vừa sửa.")
    parser.add_argument("settings")
    parser.add_argument("sources", nargs="+")
    args = parser.parse_args(argv)
    return build_pages(args.settings, args.sources)


if __name__ == "__main__":
    sys.exit(main())
