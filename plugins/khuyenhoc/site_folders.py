"""The site's own folders, named in one place.

Pelican's pages (categories, tags, authors, archives, pagination) have their
addresses in the settings (``*_SAVE_AS``, ``PAGINATION_PATTERNS``); the
plugin's pages and files have theirs here. Every module and template takes
them from this module (templates as ``FOLDERS``, added with the filters),
and ``reserved`` works out from both which first parts of an address no
article may take.
"""

import re

STATISTICS = "so-lieu"          # /so-lieu/, /so-lieu/{dataset}/
REPORTS = "bao-cao"             # /bao-cao/{year}/
UNITS = "don-vi"                # /don-vi/{id}/
CHARTS = "bieu-do"              # /bieu-do/{key}.svg, .png
SHARE_CARDS = "chia-se"         # /chia-se/{key}.png (og:image, production builds)
DOWNLOADS = "du-lieu"           # /du-lieu/{dataset}.csv, .json
SEARCH = "tim-kiem"             # /tim-kiem/ (SEARCH_SAVE_AS in the settings)
SEARCH_INDEX = f"{SEARCH}/chi-muc"
EDITOR = "admin"                # /admin/ (the browser editor)

FOLDERS = {"statistics": STATISTICS, "reports": REPORTS, "units": UNITS, "charts": CHARTS,
           "share_cards": SHARE_CARDS,
           "downloads": DOWNLOADS, "search": SEARCH, "search_index": SEARCH_INDEX,
           "editor": EDITOR}
# What Pelican and the theme put at the top of the site besides the pages.
_FIXED = {"theme", "images", "drafts", "feeds", "404.html", "index.html"}


def reserved(settings):
    """First parts of the addresses that the site itself uses: an article
    there would overwrite a page of the site or be overwritten by it."""
    names = set(_FIXED) | {folder.split("/")[0] for folder in FOLDERS.values()}
    for key, value in settings.items():
        if key.endswith(("_SAVE_AS", "_URL")) and isinstance(value, str):
            names.add(_first_part(value))
    for pattern in settings.get("PAGINATION_PATTERNS", ()):
        for template in pattern[1:]:
            names.add(_first_part(template.replace("{base_name}/", "")))
    names.discard("")
    return frozenset(names)


def _first_part(template):
    first = template.lstrip("/").split("/")[0]
    # "{slug}/index.html" is an article's own address, not a folder of the site.
    return "" if re.search(r"[{}]", first) else first
