"""What a page's share card shows: the picture of its link on Facebook and Zalo.

An article without a cover photo, and every statistics, unit and report
page, gets a 1200 x 630 PNG (drawn by chart_png.card_png in the PNG worker)
with the page's title, its first chart or else its first figure, and the
association's name; its absolute address is the page's ``og:image`` and
``twitter:image``. An article with a cover keeps its cover. Production
builds only (png_images.py): the development build keeps the theme's
default picture.
"""

from khuyenhoc.charts.png_images import association_name, site_address

# A chart too tall for a card's right half (a long ranking) is left out.
MOST_ROWS = 12


def card(settings, title, chart=None, figure=None):
    """The card's words (and chart spec): what its PNG is drawn from and hashed by."""
    if chart is not None and chart["type"] == "ranking" and len(chart["categories"]) > MOST_ROWS:
        chart = None
    return {"title": title, "association": association_name(settings),
            "address": site_address(settings), "chart": chart,
            "figure": figure if chart is None else None}


def for_article(content, renderer):
    """Set ``content.share_image`` (an absolute address) unless it has a cover."""
    images = renderer.images
    if images is None or getattr(content, "cover", None) or getattr(
            content, "status", "published") != "published":
        return
    chart = renderer.first_chart.get(content.save_as)
    content.share_image = images.card(card(content.settings, content.title, chart,
                                           getattr(content, "share_figure", None)))


def for_stats_page(page, renderer, settings):
    """The share card's address of a statistics, unit or report page."""
    if renderer.images is None:
        return None
    return renderer.images.card(card(settings, page.title, renderer.first_chart.get(page.save_as)))
