"""Turn matplotlib's SVG into a chart that the site's CSS colours.

``charts.py`` paints every part in a sentinel colour naming its role; here
each sentinel fill or stroke becomes ``currentColor`` and a class
(``chart-s1``, ``chart-grid``...) whose ``color`` theme/static/css/charts.css
sets, for light and dark mode alike. The drawing also gets its title and description for
screen readers, loses matplotlib's metadata and page-wide style rule, and
its ids are made unique to the chart so that several charts can share a page.
Pure XML work: no matplotlib here.
"""

import re
import xml.etree.ElementTree as ET

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)

SERIES_COLOURS = 6
SENTINELS = {
    "#010101": "text",
    "#020202": "axis",
    "#030303": "grid",
    "#040404": "target",
    "#050505": "on-bar",
    **{f"#1000{n:02x}": f"s{n}" for n in range(1, SERIES_COLOURS + 1)},
}
FONT = "DejaVu Sans, Noto Sans, sans-serif"
_REFERENCE = re.compile(r"url\(#([^)]+)\)")
_NUMBER = re.compile(r"-?\d+\.\d+")
_GEOMETRY = ("d", "x", "y", "width", "height", "transform", "points")
_NO_ROTATION = re.compile(r"^rotate\(-?0 [^)]*\)$")
# What SVG draws anyway: no need to say it.
_DEFAULTS = {("stroke-linecap", "butt"), ("stroke-linejoin", "miter"), ("fill", "#000000"),
             ("font-style", "normal"), ("font-weight", "normal")}


def finish(svg_text, spec, prefix):
    root = ET.fromstring(svg_text)
    # Clipping to the axes changes nothing here: every bar, line and point
    # is inside them.
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (f"{{{SVG}}}metadata", f"{{{SVG}}}style", f"{{{SVG}}}clipPath"):
                parent.remove(child)
        parent.attrib.pop("clip-path", None)
    for name in ("width", "height", "version"):
        root.attrib.pop(name, None)
    root.set("class", "chart-svg")
    root.set("font-family", FONT)
    root.set("fill", "currentColor")
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}-title {prefix}-desc")
    for element in root.iter():
        _restyle(element)
    _rename_ids(root, prefix)
    title = ET.Element(f"{{{SVG}}}title", {"id": f"{prefix}-title"})
    title.text = spec["title"]
    desc = ET.Element(f"{{{SVG}}}desc", {"id": f"{prefix}-desc"})
    desc.text = spec["description"]
    root.insert(0, desc)
    root.insert(0, title)
    _flatten_groups(root)
    return ET.tostring(root, encoding="unicode")


def _restyle(element):
    """Inline style becomes presentation attributes (the site's Content Security
    Policy forbids style attributes), and a sentinel colour becomes
    ``currentColor`` with a class that sets ``color``: one class per role
    colours both fill and stroke, and text, in the colour of the whole
    chart, needs nothing at all."""
    style = element.attrib.pop("style", None)
    classes = []
    for declaration in (style or "").split(";"):
        name, _, value = (part.strip() for part in declaration.partition(":"))
        if not name or name == "font-family":  # set once, on the <svg>
            continue
        role = SENTINELS.get(value.lower()) if name in ("fill", "stroke") else None
        if role == "text":
            continue  # inherits the <svg>'s fill: currentColor
        if role:
            element.set(name, "currentColor")
            if f"chart-{role}" not in classes:
                classes.append(f"chart-{role}")
        elif (name, value) not in _DEFAULTS:
            element.set(name, _rounded(value))
    if len(classes) > 1:
        raise ValueError(f"one colour per element, not {classes}")
    if classes:
        element.set("class", " ".join(filter(None, [element.get("class")] + classes)))
    for name in _GEOMETRY:
        if name in element.attrib:
            element.set(name, _rounded(element.get(name)))
    if _NO_ROTATION.match(element.get("transform", "")):
        del element.attrib["transform"]


def _rounded(value):
    """Coordinates to a tenth of a point: a third of the bytes, no visible change."""
    return _NUMBER.sub(lambda m: _short(float(m.group(0))), " ".join(value.split()))


def _short(number):
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _rename_ids(root, prefix):
    """Keep only the ids that something points to, renamed ``prefix-N``."""
    href = f"{{{XLINK}}}href"
    used = set()
    for element in root.iter():
        for name, value in element.attrib.items():
            used.update(_REFERENCE.findall(value))
            if name in (href, "href") and value.startswith("#"):
                used.add(value[1:])
    names = {}
    for element in root.iter():
        old = element.get("id")
        if old is None:
            continue
        if old in used:
            names[old] = element.attrib["id"] = f"{prefix}-{len(names) + 1}"
        else:
            del element.attrib["id"]
    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if "url(#" in value:
                element.set(name, _REFERENCE.sub(lambda m: f"url(#{names[m.group(1)]})", value))
            elif name in (href, "href") and value.startswith("#"):
                element.set(name, "#" + names[value[1:]])


def _flatten_groups(element):
    """Drop empty groups and unwrap the bare ones that matplotlib nests by the dozen."""
    children = []
    for child in list(element):
        _flatten_groups(child)
        bare = child.tag in (f"{{{SVG}}}g", f"{{{SVG}}}defs") and not child.attrib
        if bare and len(child) == 0:
            continue
        if child.tag == f"{{{SVG}}}g" and not child.attrib:
            children.extend(child)
        else:
            children.append(child)
    element[:] = children
    element.text = element.text if element.text and element.text.strip() else None
    for child in children:
        child.tail = None


def standalone(svg_text, stylesheet):
    """The chart as a file of its own: with the chart stylesheet inside."""
    root = ET.fromstring(svg_text)
    style = ET.Element(f"{{{SVG}}}style")
    style.text = stylesheet
    root.insert(2, style)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
