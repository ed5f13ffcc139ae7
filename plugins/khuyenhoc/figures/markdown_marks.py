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

import re
import xml.etree.ElementTree as etree
from html import unescape

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from khuyenhoc.errors import OfficerError

TAG_START, TAG_END = "\ue000", "\ue001"
# Before a "]]" that no "[[" on its line opened.
CLOSE_START = "\ue002"
_TAG = re.compile(f"[{TAG_START}{CLOSE_START}](\\d+):(\\d+){TAG_END}")
# Only the tags of "[[" (a stray "]]" is malformed_errors' to report).
_OPEN_TAG = re.compile(f"{TAG_START}(\\d+):(\\d+){TAG_END}")
# [[<tag>text]]: the text, on one line, may not hold another [[ or a ].
INLINE_PATTERN = rf"\[\[{TAG_START}(\d+):(\d+){TAG_END}([^\]\n{TAG_START}]*)\]\]"
_LEFT_OPEN = re.compile(rf"\[\[{TAG_START}(\d+):(\d+){TAG_END}([^\n<]*)")
_LEFT_CLOSE = re.compile(rf"{CLOSE_START}(\d+):(\d+){TAG_END}\]\]")
_CODE = re.compile(r"<(pre|code)[\s>].*?</\1>", re.S)
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
        self.md.khuyenhoc_written = [(int(line), int(column)) for text in tagged
                                     for line, column in _OPEN_TAG.findall(text)]
        return tagged


_BRACKETS = re.compile(r"\\?\[\[|\]\]")


def _tag_line(line, number):
    """``line`` with each ``[[`` tagged with its position, and each ``]]``
    that no ``[[`` of the line opened. ``\\[[`` (two brackets shown as
    typed, docs/figures.md) opens nothing to fill in and is not tagged."""
    out, position, opened = [], 0, 0
    for match in _BRACKETS.finditer(line):
        out.append(line[position:match.start()])
        bracket = match.group()
        column = match.start() + 1
        if bracket == "]]":
            if opened:
                opened -= 1
                out.append(bracket)
            elif line.startswith(">", match.end()):
                out.append(bracket)  # "]]>" ends an HTML CDATA section (html_safety's)
            else:
                out.append(f"{CLOSE_START}{number}:{column}{TAG_END}]]")
        elif bracket.startswith("\\"):
            opened += 1
            out.append(bracket)
        else:
            opened += 1
            out.append(f"[[{TAG_START}{number}:{column}{TAG_END}")
        position = match.end()
    out.append(line[position:])
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
        self.md.khuyenhoc_malformed = _malformed(text)
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
    for match in _OPEN_TAG.finditer(html):
        where = (int(match.group(1)), int(match.group(2)))
        (refused if _inside_tag(html, match.start()) else accounted).add(where)
    for match, _, _, line, column in placeholders(html):
        (refused if _inside_tag(html, match.start()) else accounted).add((line, column))
    return sorted(refused | (set(written) - accounted))


def _malformed(html):
    """(line, column, kind, text) of the brackets left in ``html`` outside
    code: "open" (a [[ never closed on its line), "close" (a ]] never opened)."""
    outside = _CODE.sub(lambda match: " " * len(match.group()), html)
    if TAG_START not in outside and CLOSE_START not in outside:
        return []
    found = []
    for match in _LEFT_OPEN.finditer(outside):
        text = _TAG.sub("", unescape(match.group(3))).rstrip()
        found.append((int(match.group(1)), int(match.group(2)), "open", "[[" + text))
    for match in _LEFT_CLOSE.finditer(outside):
        before = _TAG.sub("", unescape(outside[:match.start()].rsplit(">", 1)[-1]))
        text = before[before.rfind("[") if "[" in before else max(0, len(before) - 40):]
        found.append((int(match.group(1)), int(match.group(2)), "close", text.lstrip() + "]]"))
    return sorted(found)


def malformed(md):
    """What the last conversion by ``md`` left malformed (see ``_malformed``)."""
    return getattr(md, "khuyenhoc_malformed", [])


EXAMPLE = "[[funds/khoi-cq/2018/closing]]"


def malformed_errors(md, path, body_line):
    """The officer's errors for what ``md``'s last conversion (a body that
    starts at the file's line ``body_line``) left malformed."""
    found = malformed(md)
    errors, index = [], 0
    while index < len(found):
        line, column, kind, text = found[index]
        line += body_line - 1
        following = found[index + 1] if index + 1 < len(found) else None
        # The ]] on the next line, none before it: one reference split in two.
        if kind == "open" and following and following[2] == "close" and \
                following[0] + body_line - 1 == line + 1 and "]" not in text:
            errors.append(OfficerError(
                "tham chiếu số liệu bị ngắt xuống dòng", path=path, line=line, column=column,
                found=text, fix="viết cả tham chiếu, từ [[ đến ]], trên cùng một dòng"))
            index += 2
            continue
        if kind == "open":
            single = text.find("]", 2)
            if single > 0:
                text = text[:single + 1]
            fix = (f"viết {text}] (hai dấu ] ở cuối)" if single > 0 else
                   f"đóng tham chiếu bằng hai dấu ]] trên cùng dòng, ví dụ {EXAMPLE}")
            errors.append(OfficerError("tham chiếu số liệu thiếu hai dấu ]] để đóng",
                                       path=path, line=line, column=column, found=text,
                                       fix=fix + '; muốn hiện hai dấu ngoặc vuông như chữ '
                                                 'thường, viết \\[['))
        else:
            opened = text.startswith("[")
            fix = (f"viết [{text} (hai dấu [ ở đầu)" if opened else
                   f"mở tham chiếu bằng hai dấu [[, ví dụ {EXAMPLE}")
            errors.append(OfficerError(
                "tham chiếu số liệu thiếu hai dấu [[ để mở", path=path, line=line,
                column=max(1, column - len(text) + 2) if opened else column,
                found=text, fix=fix))
        index += 1
    return errors


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
