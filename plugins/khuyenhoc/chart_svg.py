"""A chart's SVG (``charts.draw``) as a file of its own, for /bieu-do/{key}.svg."""

import xml.etree.ElementTree as ET

SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG)


def standalone(svg_text, stylesheet):
    """The chart with the chart stylesheet inside, after its title and description:
    opened on its own, it has no page to take its colours from."""
    root = ET.fromstring(svg_text)
    style = ET.Element(f"{{{SVG}}}style")
    style.text = stylesheet
    root.insert(2, style)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
