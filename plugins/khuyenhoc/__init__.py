"""Pelican plugin of the study-promotion association's site.

``register()`` only wires signals; each concern lives in its own module.
"""

from pelican import signals

from khuyenhoc import wiring
from khuyenhoc.build import addresses
from khuyenhoc.editor import admin_pages
from khuyenhoc.figures import fill_in, markdown_marks, render
from khuyenhoc.pages import minify, security_headers, sitemap_dates, statistics
from khuyenhoc.reading import content_cache, parallel

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
    (signals.all_generators_finalized, addresses.keep_addresses),
    (signals.finalized, minify.minify_theme_files),
    (signals.get_generators, admin_pages.add_generator),
    (signals.finalized, security_headers.write_header_files),
    # Figures, tables and charts from the data (docs/figures.md).
    (signals.initialized, markdown_marks.install),
    (signals.initialized, render.start),
    (signals.content_object_init, fill_in.fill_in),
    # Articles read on two cores (reading/parallel.py).
    (signals.article_generator_init, parallel.start),
    (signals.article_generator_pretaxonomy, parallel.finish),
    # Pelican's readers' cache, once saved (reading/content_cache.py).
    (signals.article_generator_finalized, content_cache.let_go),
    (signals.page_generator_finalized, content_cache.let_go),
    (signals.get_generators, statistics.generator),
    (signals.finalized, render.finish),
    (signals.all_generators_finalized, sitemap_dates.date_undated_sitemap_pages),
]


def register():
    for signal, receiver in RECEIVERS:
        signal.connect(receiver)
