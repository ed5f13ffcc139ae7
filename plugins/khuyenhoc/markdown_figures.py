"""Markdown extension: find the officer's ``[[...]]`` references, keep their place.

Markdown only *marks* references here; they are checked and filled in with
the data afterwards (``article_figures``), so that the content cache never
holds a stale figure and a data correction reaches every article.

Positions: before Markdown does anything, every ``[[`` is tagged with its
line and column in the body (private-use characters that no officer types).
A reference that Markdown parses as text or as its own paragraph becomes a
placeholder element carrying the reference and its position; a ``[[`` inside
code is left to Markdown and the tag is removed at the end, so code blocks
and code spans come out exactly as written.
"""

from html import unescape
import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .errors import OfficerError

TAG_START, TAG_END = "\ue000", "\ue001"
_TAG = re.compile(f"{TAG_START}(\\d+):(\\d+){TAG_END}")
# [[<tag>text]]: the text may not hold another [[ or a ].
INLINE_PATTERN = rf"\[\[{TAG_START}(\d+):(\d+){TAG_END}([^\]{TAG_START}]*)\]\]"
_BLOCK = re.compile(
    rf"^\s*\[\[{TAG_START}(\d+):(\d+){TAG_END}([^\]{TAG_START}:/]+:[^\]{TAG_START}]*)\]\]\s*$",
    re.S,
)

ATTRIBUTE = "data-khuyenhoc-ref"
# The serialised placeholders, for article_figures to find (any attribute order).
_PLACEHOLDER = re.compile(rf'<(span|div) ([^>]*{ATTRIBUTE}="[^>]*)></\1>')
_ATTRIBUTES = re.compile(r'([\w-]+)="([^"]*)"')


class _TagPositions(Preprocessor):
    def run(self, lines):
        tagged = [_tag_line(line, number) for number, line in enumerate(lines, 1)]
        self.md.khuyenhoc_written = [(int(line), int(column))
                                     for text in tagged for line, column in _TAG.findall(text)]
        return tagged


def _tag_line(line, number):
    parts = line.split("[[")
    out, column = [parts[0]], len(parts[0]) + 1
    for part in parts[1:]:
        out.append(f"[[{TAG_START}{number}:{column}{TAG_END}{part}")
        column += 2 + len(part)
    return "".join(out)


def _placeholder(tag, text, line, column):
    element = etree.Element(tag)
    element.set(ATTRIBUTE, text)
    element.set("data-line", line)
    element.set("data-column", column)
    element.text = ""
    return element


class _InlineReference(InlineProcessor):
    def handleMatch(self, match, data):
        line, column, text = match.groups()
        return _placeholder("span", text, line, column), match.start(0), match.end(0)


class _BlockReference(BlockProcessor):
    """A paragraph that is only a ``[[bảng: ...]]`` or ``[[biểu đồ ...: ...]]``."""

    def test(self, parent, block):
        return bool(_BLOCK.match(block))

    def run(self, parent, blocks):
        line, column, text = _BLOCK.match(blocks.pop(0)).groups()
        parent.append(_placeholder("div", text, line, column))


class _RemoveTags(Postprocessor):
    """Removes the position tags, having noted the references that cannot be
    shown (``unshown``)."""

    def run(self, text):
        self.md.khuyenhoc_unshown = unshown(text, getattr(self.md, "khuyenhoc_written", []))
        return _TAG.sub("", text)


def _inside_tag(html, index):
    """Whether ``index`` of ``html`` is within a tag (an attribute's value)."""
    return html.rfind("<", 0, index) > html.rfind(">", 0, index)


def unshown(html, written):
    """(line, column) of each ``[[`` of ``written`` that the page would not
    show: in an image's description or address, a link's address, an HTML
    attribute (its tag is left there, or its placeholder ended up inside a
    tag), or gone altogether (Markdown flattens an image's description to
    text). A ``[[`` shown as text (in code, or no reference) is not one."""
    accounted = set()
    refused = set()
    for match in _TAG.finditer(html):
        where = (int(match.group(1)), int(match.group(2)))
        (refused if _inside_tag(html, match.start()) else accounted).add(where)
    for match, _, _, line, column in placeholders(html):
        (refused if _inside_tag(html, match.start()) else accounted).add((line, column))
    return sorted(refused | (set(written) - accounted))


class FiguresExtension(Extension):
    def extendMarkdown(self, md):
        # Before whitespace normalisation (30) and fenced code (25).
        md.preprocessors.register(_TagPositions(md), "khuyenhoc_positions", 40)
        # Above the footnote (17) and reference (15) paragraph processors,
        # below code blocks (80) and tables (75).
        md.parser.blockprocessors.register(_BlockReference(md.parser), "khuyenhoc_block", 18)
        # After code spans (190) and escapes (180), before links (170).
        md.inlinePatterns.register(_InlineReference(INLINE_PATTERN, md), "khuyenhoc_inline", 176)
        # Last of all, once code blocks are back in the text.
        md.postprocessors.register(_RemoveTags(md), "khuyenhoc_positions", 0)


def makeExtension(**kwargs):  # noqa: N802 (Markdown's name)
    return FiguresExtension(**kwargs)


def strip_tags(text):
    return _TAG.sub("", text)


def placeholders(html):
    """(match, is_block, text, line, column) for each placeholder in ``html``."""
    for match in _PLACEHOLDER.finditer(html):
        attributes = {name: unescape(value) for name, value in _ATTRIBUTES.findall(match.group(2))}
        yield (match, match.group(1) == "div", attributes[ATTRIBUTE],
               int(attributes["data-line"]), int(attributes["data-column"]))


def unshown_references(body, body_line, source_path, unshown):
    """An OfficerError for each ``[[...]]`` written where the page cannot show
    it (markdown_figures.unshown): it would vanish, or break the tag."""
    lines = body.splitlines()
    errors = []
    for line, column in unshown:
        text = lines[line - 1][column - 1:] if line <= len(lines) else ""
        end = text.find("]]")
        errors.append(OfficerError(
            "tham chiếu số liệu đặt ở chỗ trang không hiện được (lời mô tả hay địa chỉ của "
            "ảnh, địa chỉ liên kết, thuộc tính HTML)",
            path=source_path, line=body_line + line - 1, column=column,
            found=text[:end + 2] if end >= 0 else text[:40],
            fix="đặt tham chiếu trong câu văn, ngoài dấu ngoặc của ảnh hay liên kết; lời mô "
                "tả ảnh và địa chỉ viết bằng chữ thường, không có [[...]]",
        ))
    return errors


def install(pelican):
    """Every Markdown file of the site is read with this extension."""
    extensions = pelican.settings["MARKDOWN"].setdefault("extensions", [])
    if __name__ not in extensions:
        extensions.append(__name__)
