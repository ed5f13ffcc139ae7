"""The same sources give the same site, byte for byte.

Our own output is deterministic (charts: no ids or dates that change; see
charts.py). The one part that read the clock is the sitemap plugin: pages
without a date of their own (the home page, lists, statistics pages) get
the time of the build as their <lastmod>. They get the date of the newest
article or page instead, which is when the site's content last changed.
"""


def date_undated_sitemap_pages(generators):
    try:
        from pelican.plugins.sitemap import sitemap
    except ImportError:  # the sitemap plugin is not used
        return
    dates = [getattr(content, "modified", None) or content.date
             for generator in generators
             for content in getattr(generator, "articles", []) + getattr(generator, "pages", [])
             if getattr(content, "date", None)]
    if dates:
        sitemap.generator.now = max(dates)
