"""Each article's and page's address, worked out once per build.

Pelican works an address out of the settings every time a template asks for
it (``url`` is a property that formats ARTICLE_URL with a copy of the
metadata), and our lists, tags, archives, neighbours and related articles
ask about thirty times per article: a quarter of the time spent writing
pages. Once every file is read, no address changes any more, so each one is
kept in ``override_url``, the attribute Pelican itself looks at first.
"""

# The generators' lists of articles and pages, in every status and language.
CONTENT_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations",
                 "drafts", "drafts_translations", "pages", "hidden_pages", "draft_pages",
                 "draft_translations")


def keep_addresses(generators):
    """Receiver of ``all_generators_finalized``."""
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, None) or ():
                if not hasattr(content, "override_url"):
                    content.override_url = content.url
