"""Pelican plugin of the study-promotion association's site.

``register()`` only wires signals; each concern lives in its own module.
"""

from pelican import signals

from . import (
    article_figures, cms_admin, content_cache, figure_render, markdown_figures, minify,
    parallel_read, reproducible, security_headers, stats_pages, url_cache, wiring,
)


def register():
    signals.initialized.connect(wiring.start_build)
    signals.readers_init.connect(wiring.add_readers)
    signals.generator_init.connect(wiring.add_jinja_filters)
    signals.generator_init.connect(wiring.load_data)
    signals.get_generators.connect(wiring.add_downloads)
    signals.all_generators_finalized.connect(wiring.stop_on_errors)
    signals.all_generators_finalized.connect(wiring.count_contents)
    signals.all_generators_finalized.connect(url_cache.keep_addresses)
    signals.finalized.connect(minify.minify_theme_files)
    signals.get_generators.connect(cms_admin.add_generator)
    signals.finalized.connect(security_headers.write_header_files)
    # Figures, tables and charts from the data (docs/figures.md).
    signals.initialized.connect(markdown_figures.install)
    signals.initialized.connect(figure_render.start)
    signals.content_object_init.connect(article_figures.fill_in)
    # Articles read on two cores (parallel_read.py).
    signals.article_generator_init.connect(parallel_read.start)
    signals.article_generator_pretaxonomy.connect(parallel_read.finish)
    # Pelican's readers' cache, once saved (content_cache.py).
    signals.article_generator_finalized.connect(content_cache.let_go)
    signals.page_generator_finalized.connect(content_cache.let_go)
    signals.get_generators.connect(stats_pages.generator)
    signals.finalized.connect(figure_render.finish)
    signals.all_generators_finalized.connect(reproducible.date_undated_sitemap_pages)
