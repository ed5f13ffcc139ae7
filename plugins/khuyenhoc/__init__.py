"""Pelican plugin of the study-promotion association's site.

``register()`` only wires signals; each concern lives in its own module.
"""

from pelican import signals

from khuyenhoc import wiring
from khuyenhoc.build import addresses as url_cache
from khuyenhoc.editor import admin_pages as cms_admin
from khuyenhoc.figures import fill_in as article_figures
from khuyenhoc.figures import markdown_marks as markdown_figures
from khuyenhoc.figures import render as figure_render
from khuyenhoc.pages import minify, security_headers
from khuyenhoc.pages import sitemap_dates as reproducible
from khuyenhoc.pages import statistics as stats_pages
from khuyenhoc.reading import content_cache
from khuyenhoc.reading import parallel as parallel_read

# Every receiver, in the order it runs on its signal. Receivers are module-level
# functions (Pelican holds them by weak reference); each lives in its room.
RECEIVERS = [
    (signals.initialized, wiring.start_build),
    (signals.readers_init, wiring.add_readers),
    (signals.generator_init, wiring.add_jinja_filters),
    (signals.generator_init, wiring.load_data),
    (signals.get_generators, wiring.add_downloads),
    (signals.all_generators_finalized, wiring.stop_on_errors),
    (signals.all_generators_finalized, wiring.count_contents),
    (signals.all_generators_finalized, url_cache.keep_addresses),
    (signals.finalized, minify.minify_theme_files),
    (signals.get_generators, cms_admin.add_generator),
    (signals.finalized, security_headers.write_header_files),
    # Figures, tables and charts from the data (docs/figures.md).
    (signals.initialized, markdown_figures.install),
    (signals.initialized, figure_render.start),
    (signals.content_object_init, article_figures.fill_in),
    # Articles read on two cores (parallel_read.py).
    (signals.article_generator_init, parallel_read.start),
    (signals.article_generator_pretaxonomy, parallel_read.finish),
    # Pelican's readers' cache, once saved (content_cache.py).
    (signals.article_generator_finalized, content_cache.let_go),
    (signals.page_generator_finalized, content_cache.let_go),
    (signals.get_generators, stats_pages.generator),
    (signals.finalized, figure_render.finish),
    (signals.all_generators_finalized, reproducible.date_undated_sitemap_pages),
]


def register():
    for signal, receiver in RECEIVERS:
        signal.connect(receiver)
