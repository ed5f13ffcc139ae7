"""Fill the officer's ``[[...]]`` references in with the data, article by article.

Runs when Pelican makes each article or page (``content_object_init``), after
Markdown has marked the references (``markdown_figures``) and with the data
already loaded: every reference is parsed and checked, and replaced by its
figure, the figure worked out from the data (``derived_figures``: a change,
a percentage), table or chart. Filled in on every build, never cached, so a
data correction reaches them all. A reference that names something that does not
exist becomes an officer's error at its line and column in the file; the
build then stops before anything is written.

The title and the summary may hold figures too (plain text there); the slug
is made from the title with its figures filled in, as if they were typed.
"""

import re

from pelican.contents import Article, Page
from pelican.utils import slugify, truncate_html_paragraphs, truncate_html_words

from khuyenhoc import pelican_internals
from khuyenhoc.charts import specs
from khuyenhoc.errors import OfficerError, problems
from khuyenhoc.figures import derived as derived_figures
from khuyenhoc.figures import markdown_marks, references, render
from khuyenhoc.pages import share_cards
from khuyenhoc.reading.front_matter import read_text
from khuyenhoc.vietnamese.figure_text import label, selected_value, show, unit_name

_IN_TEXT = re.compile(r"\[\[([^\[\]]*)\]\]")


def fill_in(content):
    html = pelican_internals.html_of(content) if isinstance(content, (Article, Page)) else None
    if not isinstance(html, str):
        return
    renderer = render.current
    data = pelican_internals.context_of(content).get("data")
    if renderer is None or data is None:
        return
    # The years whose figures the article gives: its year reports link to it.
    content.figure_years = set()
    # Whether it shows a table or a chart: its page then links charts.css.
    content.figure_blocks = False
    # The first figure of the body: a share card's key figure when there is no chart.
    content.share_figure = None
    title = content.metadata.get("title")
    summary = content.metadata.get("summary")
    front = None
    if "[[" in str(title or "") or markdown_marks.ATTRIBUTE in str(summary or ""):
        front = _front_matter(content)
    if "[[" in str(title or ""):
        _fill_in_title(content, renderer, data, front)
    if markdown_marks.ATTRIBUTE in str(summary or ""):
        pelican_internals.set_summary(content, _fill_in_html(
            summary, content, renderer, data, lambda text, line, column: _position(front, text))[0])
    if markdown_marks.ATTRIBUTE in html:
        first_line = content.metadata.get("body_line", 1)
        html, prose = _fill_in_html(
            html, content, renderer, data,
            lambda text, line, column: (first_line + line - 1, column))
        pelican_internals.set_html(content, html)
        if content.figure_blocks and "summary" not in content.metadata:
            # Pelican would cut the summary out of the body, charts and all.
            pelican_internals.set_summary(content, _summary(prose, content.settings))
    if isinstance(content, Article):
        share_cards.for_article(content, renderer)


def _fill_in_html(html, content, renderer, data, where):
    """(``html`` with its placeholders filled in, the same without tables and
    charts); ``where`` gives the file's (line, column) of a reference from its
    text and its place in ``html``'s source."""
    pieces, prose, position = [], [], 0
    in_summary = html is not pelican_internals.html_of(content)
    for match, block, text, line, column in markdown_marks.placeholders(html):
        pieces.append(html[position:match.start()])
        prose.append(pieces[-1])
        position = match.end()
        line, column = where(text, line, column)
        try:
            if in_summary and _is_block(text):
                raise _not_in_a_field(text, content, line, column)
            reference, selection = _resolve(text, content.source_path, line, column, block, data)
            content.figure_years.update(selection.years)
            if reference.kind == "figure":
                pieces.append(renderer.figure(selection))
                prose.append(pieces[-1])
                if not in_summary and content.share_figure is None:
                    content.share_figure = _key_figure(selection)
            elif reference.kind == "derived":
                pieces.append(renderer.derived(selection, block))
                prose.append(pieces[-1])
            else:
                pieces.append(renderer.block(selection, content.save_as))
                content.figure_blocks = True
        except OfficerError as error:
            problems.add(error)
    pieces.append(html[position:])
    prose.append(pieces[-1])
    return "".join(pieces), "".join(prose)


def _key_figure(selection):
    """A figure as a share card shows it: short, with what it is."""
    field = selection.fields[0]
    where = unit_name(selection.units[0], selection.data.units)
    return {"text": show(selected_value(selection), field.kind, form="short",
                         units=selection.data.units),
            "label": f"{label(field)}, {where}, năm {selection.years[0]}"}


def _summary(html, settings):
    """The summary Pelican would make, from the text alone."""
    if settings.get("SUMMARY_MAX_PARAGRAPHS") is not None:
        html = truncate_html_paragraphs(html, settings["SUMMARY_MAX_PARAGRAPHS"])
    if settings.get("SUMMARY_MAX_LENGTH") is not None:
        html = truncate_html_words(html, settings["SUMMARY_MAX_LENGTH"],
                                   settings.get("SUMMARY_END_SUFFIX", "…"))
    return html


def _fill_in_title(content, renderer, data, front):
    def figure(match):
        text = match.group(1)
        line, column = _position(front, text)
        try:
            if _is_block(text):
                raise _not_in_a_field(text, content, line, column)
            reference, selection = _resolve(text, content.source_path, line, column, False, data)
            content.figure_years.update(selection.years)
            if reference.kind == "derived":
                return selection.text
            return render.figure_text(selection)
        except OfficerError as error:
            problems.add(error)
            return ""

    content.title = content.metadata["title"] = _IN_TEXT.sub(figure, content.title)
    if "slug" not in content.metadata:
        settings = content.settings
        content.slug = slugify(content.title,
                               regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
                               preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                               use_unicode=settings.get("SLUGIFY_USE_UNICODE", False))


def _not_in_a_field(text, content, line, column):
    return _not_in_a_field_at(text, content.source_path, line, column)


def _not_in_a_field_at(text, path, line, column):
    return references.reference_error(
        "tiêu đề và tóm tắt chỉ chứa được số liệu trong câu, không chứa bảng hay biểu đồ",
        "đưa bảng, biểu đồ xuống phần nội dung bài", text, path, line, column)


def _is_block(text):
    return references.names_block(text)


def _resolve(text, path, line, column, block, data):
    """(reference, its Selection or, for a worked-out figure, its Derived)."""
    reference = references.parse(text, path, line, column, block=block)
    if reference.kind == "derived":
        return reference, derived_figures.evaluate(reference, data, data.datasets)
    return reference, references.select(reference, data, data.datasets)


def _front_matter(content):
    lines = read_text(content.source_path).splitlines()
    return lines[: content.metadata.get("body_line", 1) - 1]


def _position(lines, text):
    """Line and column of ``[[text]]`` in the front matter."""
    needle = f"[[{text}]]"
    for number, line in enumerate(lines or [], 1):
        column = line.find(needle)
        if column >= 0:
            return number, column + 1
    return None, None


def check_file(path, settings, data, front, body, body_line, fields):
    """The reference mistakes of one file, found without building (make check).

    ``front``/``body``/``body_line`` as split by the reader, ``fields`` its
    front matter values. The body goes through the same Markdown as in the
    build, so a reference inside code is skipped here as it is there.
    """
    from markdown import Markdown

    front_lines = ["---"] + front.splitlines()[1:] + ["---"]
    found = []
    for name in ("title", "summary"):
        for text in _IN_TEXT.findall(str(fields.get(name) or "")):
            line, column = _position(front_lines, text)
            found.append((text, line, column, False, True))
    config = dict(settings["MARKDOWN"])
    config["extensions"] = [e for e in config.get("extensions", [])
                            if e != "markdown.extensions.meta"]
    if markdown_marks.__name__ not in config["extensions"]:
        config["extensions"].append(markdown_marks.__name__)
    md = Markdown(**config)
    html = md.convert(body)
    errors = markdown_marks.malformed_errors(md, path, body_line)
    unshown = markdown_marks.unshown_references(
        body, body_line, path, getattr(md, "khuyenhoc_unshown", []))
    if unshown:
        return errors + unshown
    for _, block, text, line, column in markdown_marks.placeholders(html):
        found.append((text, body_line + line - 1, column, block, False))
    for text, line, column, block, in_field in found:
        try:
            if in_field and _is_block(text):
                raise _not_in_a_field_at(text, path, line, column)
            reference, selection = _resolve(text, path, line, column, block, data)
            if reference.kind == "chart":
                specs.from_selection(selection)  # what it shows; nothing drawn
        except OfficerError as error:
            errors.append(error)
    return errors
