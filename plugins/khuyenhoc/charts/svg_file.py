"""A chart's SVG (``charts.draw``) as a file of its own, for /bieu-do/{key}.svg."""

import html


def standalone(svg_text, stylesheet):
    """The chart with the chart stylesheet inside, after its title and description:
    opened on its own, it has no page to take its colours from."""
    head, _, rest = svg_text.partition("</desc>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f"{head}</desc><style>{html.escape(stylesheet, quote=False)}</style>{rest}\n")
