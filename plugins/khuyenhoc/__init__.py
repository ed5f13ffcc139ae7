"""Pelican plugin of the study-promotion association's site.

``register()`` only wires signals; each concern lives in its own module.
"""

from pelican import signals

from . import cms_admin, minify, security_headers, wiring


def register():
    signals.initialized.connect(wiring.start_build)
    signals.readers_init.connect(wiring.add_readers)
    signals.generator_init.connect(wiring.add_jinja_filters)
    signals.generator_init.connect(wiring.load_data)
    signals.get_generators.connect(wiring.add_downloads)
    signals.all_generators_finalized.connect(wiring.stop_on_errors)
    signals.finalized.connect(minify.minify_theme_files)
    signals.get_generators.connect(cms_admin.add_generator)
    signals.finalized.connect(security_headers.write_header_files)
