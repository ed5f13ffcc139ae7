"""Settings of the production build (`make publish`).

The public address comes from the SITEURL environment variable, so that the
same sources publish to the association's domain or under a sub-path
(SITEURL=https://example.org/some/path make publish).
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://khuyenhoc-khoicq.example.vn").rstrip("/")
RELATIVE_URLS = False
# No draft in the published site (see pelicanconf.py).
SHOW_DRAFTS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
