"""Settings of the production build (`make publish`).

The public address comes from the SITEURL environment variable, so that the
same sources publish to the association's domain or under a sub-path
(SITEURL=https://example.org/some/path make publish), or from `url` in
hoi.yaml.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

# The address: SITEURL when given (the publishing recipes give it), else
# `url` in hoi.yaml.
SITEURL = (os.environ.get("SITEURL") or ASSOCIATION["url"] or "https://example.org").rstrip("/")
RELATIVE_URLS = False
# No draft in the published site (see pelicanconf.py).
SHOW_DRAFTS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

# The browser editor at /admin/ of the published site, when hoi.yaml names
# the association's Git host (its `git:` block): it logs in and commits there
# (plugins/khuyenhoc/editor/config.py). `make edit` keeps its local editor.
DECAP_BACKEND = "git"
DECAP_ADMIN = DECAP_ADMIN or bool(ASSOCIATION["git"])

# A PNG of every chart ("Tải ảnh (PNG)", for Word) and a share card for every
# article without a cover and every statistics page (og:image), drawn by
# matplotlib in a worker process and cached (plugins/khuyenhoc/charts/png_images.py).
PNG_IMAGES = True
