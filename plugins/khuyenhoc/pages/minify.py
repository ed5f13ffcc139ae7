"""Minify the theme's CSS and JavaScript in the output.

The theme's sources stay readable in theme/static/; readers on slow phone
connections get the copies without comments and indentation (an article page
must stay under 40 KB of HTML, CSS and JS). rcssmin and rjsmin only remove
what cannot change the meaning.
"""

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minify_theme_files(pelican):
    theme_output = Path(pelican.output_path) / pelican.settings["THEME_STATIC_DIR"]
    for path in sorted(theme_output.rglob("*")):
        minify = MINIFIERS.get(path.suffix)
        if minify and path.is_file():
            path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
