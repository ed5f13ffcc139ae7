"""Settings of the development build (`make html`, `make serve`): technical
settings only.

Who the association is (its name, address, categories, footer...) is in
hoi.yaml, which an officer edits without touching Python (`make init` writes
it); plugins/khuyenhoc/data/association.py reads and checks it, and gives the
settings below their values (SITENAME, ASSOCIATION, DEFAULT_CATEGORY...).
"""

import os
import sys

# The plugin's folder, for the line below (Pelican adds it only later).
plugins_folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins")
if plugins_folder not in sys.path:
    sys.path.insert(0, plugins_folder)

from khuyenhoc.data.association import path_beside, settings_from  # noqa: E402

# SITENAME, SITESUBTITLE, AUTHOR, DEFAULT_CATEGORY, ASSOCIATION, ASSOCIATION_FILE.
globals().update(settings_from(path_beside(__file__)))

SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "khuyenhoc",
    "pelican.plugins.sitemap",
    "pelican.plugins.neighbors",  # prev_article / next_article
    "pelican.plugins.related_posts",  # related_posts, by shared tags
]
# Pelican's reStructuredText reader warns that docutils has no Vietnamese;
# our articles are Markdown with YAML front matter, read by our plugin.
READERS = {"rst": None, "html": None}

# Warm rebuilds read again only the files that changed (a checksum, not the
# date, decides); build.py drops the cache when the code or settings change
# (plugins/khuyenhoc/reading/content_cache.py).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "sha256"
GZIP_CACHE = False

# Drafts (status: draft) are written by the development build and the
# preview only, marked "Bản nháp"; the production build (publishconf.py)
# leaves them out, and no build puts them in the search index.
SHOW_DRAFTS = True

TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)

# Clean URLs: /ten-bai-viet/ rather than /ten-bai-viet.html.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
CATEGORIES_URL = "chuyen-muc/"
CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
TAGS_URL = "the/"
TAGS_SAVE_AS = "the/index.html"
AUTHOR_URL = "tac-gia/{slug}/"
AUTHOR_SAVE_AS = "tac-gia/{slug}/index.html"
AUTHORS_URL = "tac-gia/"
AUTHORS_SAVE_AS = "tac-gia/index.html"
ARCHIVES_URL = "luu-tru/"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
YEAR_ARCHIVE_URL = "luu-tru/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/index.html"

# Slugs are transliterated ("Đoàn" -> "doan") and a "/" in a legal
# reference becomes a hyphen ("281/QĐ-TTg" -> "281-qd-ttg"), and so does the
# colon of a time ("20:30" -> "20-30", not "2030").
SLUG_REGEX_SUBSTITUTIONS = [
    (r"/", "-"),
    (r"(?<=\d):(?=\d)", "-"),
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
]
SLUGIFY_USE_UNICODE = False

def heading_id(text, separator):
    """Anchors of headings, transliterated like slugs: "Đánh giá" -> "danh-gia"
    (Markdown's own slugify drops "đ" and gives "anh-gia")."""
    from markdown.extensions.toc import slugify
    from unidecode import unidecode

    return slugify(unidecode(text), separator)


MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"toc_depth": "2-3", "slugify": heading_id},
    },
    "output_format": "html5",
}

# Feeds need an absolute address: they are made by the production build.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "404", "robots",
                    "search"]
ROBOTS_SAVE_AS = "robots.txt"
# The search page (theme/templates/search.html); its index is in tim-kiem/chi-muc/
# (plugins/khuyenhoc/search/index.py).
SEARCH_URL = "tim-kiem/"
SEARCH_SAVE_AS = "tim-kiem/index.html"

# Everything a template prints is escaped unless marked safe: a "<script>" in
# a title, a tag or a unit name is shown as text. Only HTML that we made
# (article bodies, summaries, tables, charts) is marked, with `| safe` in the
# template or markupsafe.Markup in Python.
JINJA_ENVIRONMENT = {"autoescape": True}

# Only the site itself may provide scripts, styles, images and fonts; no
# inline script or style, no plugin, no framing by other sites (see
# security_headers.py). 'wasm-unsafe-eval' lets the editor's WebAssembly
# (Decap CMS, admin/) run, not JavaScript's eval.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)

# The menu's links that are neither categories nor pages: (label, address
# relative to SITEURL). The theme puts the categories after "Trang chủ".
MENU = [
    ("Trang chủ", ""),
    ("Số liệu", "so-lieu/"),
    ("Lưu trữ", "luu-tru/"),
    ("Tìm kiếm", "tim-kiem/"),
]

RELATED_POSTS_MAX = 3
SITEMAP = {
    "format": "xml",
    "exclude": [r"^404\.html$", r"^robots\.txt$", r"/trang/\d+/$"],
}

# The browser editor at /admin/ (Decap CMS) is built by `make edit` only,
# beside decap-server on port DECAP_SERVER_PORT.
DECAP_ADMIN = os.environ.get("DECAP_ADMIN") == "1"
# "local": decap-server on this computer; publishconf.py: "git", the Git host
# that hoi.yaml names.
DECAP_BACKEND = "local"
DECAP_SERVER_PORT = int(os.environ.get("DECAP_SERVER_PORT", "8081"))
