"""Markdown with a YAML front matter block, as editors and web tools write it.

    ---
    title: "Hội Khuyến học Khối tổng kết năm 2018"
    date: 2018-12-26 08:30
    category: Tin hoạt động
    tags: [tổng kết, quỹ khuyến học]
    ---
    Nội dung bài viết...

We read it ourselves rather than through Pelican's ``Key: value`` metadata so
that every mistake points at its line, in Vietnamese, and unknown or
misspelt fields are caught instead of becoming silent attributes.
"""

import datetime
import os
import re

from pelican.readers import MarkdownReader
from pelican.utils import get_date

from khuyenhoc.checks import html_safety
from khuyenhoc.data import association, yaml_source
from khuyenhoc.errors import OfficerError, problems
from khuyenhoc.figures import markdown_marks
from khuyenhoc.suggest import closest, closest_name_fix

FENCE = "---"
ISO_DATE = re.compile(
    r"^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")

# Field -> (required for articles, what it holds, for messages and docs).
FIELDS = {
    "title": (True, "tiêu đề bài viết"),
    "date": (True, "ngày đăng, dạng 2018-12-26 hoặc 2018-12-26 08:30"),
    "modified": (False, "ngày sửa, cùng dạng với date"),
    "category": (True, "chuyên mục, ví dụ Tin hoạt động"),
    "tags": (False, "danh sách thẻ: [thẻ một, thẻ hai]"),
    "author": (False, "tên tác giả"),
    "summary": (False, "một hai câu tóm tắt"),
    "cover": (False, "ảnh bìa trong content/images, ví dụ images/tong-ket.png"),
    "cover_caption": (False, "chú thích ảnh bìa"),
    "featured": (False, "true để đưa bài lên mục nổi bật ở trang chủ"),
    "slug": (False, "đường dẫn riêng, chỉ chữ thường không dấu và gạch nối"),
    "status": (False, "published, draft hoặc hidden"),
    "template": (False, "mẫu trang riêng (ít khi cần)"),
}
PAGE_REQUIRED = ("title",)
# Longer, and the page's address (made from it) is longer than a file name
# may be: the build failed with "File name too long".
MAX_TITLE = 200
# An address of its own: plain lower-case letters, digits and hyphens, as
# the titles' slugs are (no "../" leading out of the site, no capitals that
# one host serves and another does not).
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_SLUG = 100
STATUSES = ("published", "draft", "hidden")
DATE_FIELDS = ("date", "modified")
# The body that `make new` writes (new_article.BODY): an article still
# holding it cannot be published.
PLACEHOLDER = "Viết nội dung bài ở đây, sau dòng --- ở trên."
TEXT_FIELDS = ("title", "category", "author", "summary", "cover", "cover_caption", "slug", "template")


class FrontMatterMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with YAML front matter instead of meta lines."""

    file_extensions = ["md", "markdown"]

    def read(self, source_path):
        text = read_text(source_path)
        front, body, body_line = split_front_matter(text, source_path)
        located, errors = load_front_matter(front, source_path)
        page = is_page(source_path, self.settings)
        errors += check_fields(located, source_path, page, self.settings)
        errors += check_placeholder(located.value, body, body_line, source_path)
        if errors:
            problems.extend(errors)
            raise errors[0]

        self._source_path = source_path
        self._md = self._markdown()
        content = self._md.convert(body)
        errors = markdown_marks.malformed_errors(self._md, source_path, body_line)
        errors += markdown_marks.unshown_references(
            body, body_line, source_path, getattr(self._md, "khuyenhoc_unshown", []))
        if errors:
            problems.extend(errors)
            raise errors[0]
        # Where each field was written, so that checks across files
        # (content_checks.py) can point at the line. The toc extension's
        # headings are for the theme's table of contents, taken now because
        # converting the summary below resets them.
        metadata = {
            "body_line": body_line,
            "field_positions": {name: located.position((name,)) for name in located.value},
            "toc": getattr(self._md, "toc_tokens", []),
        }
        for name, value in located.value.items():
            metadata[name] = self._process(name, value)
        metadata["html_findings"] = html_safety.findings(content, metadata.get("summary"))
        return content, metadata

    def _markdown(self):
        # One Markdown per reader, reset between files: making one (loading
        # its extensions) costs about as much as converting an article.
        if getattr(self, "_reused_md", None) is None:
            self._reused_md = _markdown(self.settings)
        self._reused_md.reset()
        return self._reused_md

    def _process(self, name, value):
        if name in DATE_FIELDS:
            return self.process_metadata(name, _date_text(value))
        if name in ("summary",):
            self._md.reset()
            return self.process_metadata(name, self._md.convert(value))
        if name == "featured":
            return value
        if name == "tags" and isinstance(value, list):
            value = [str(tag) for tag in value]
        return self.process_metadata(name, value)


def _date_text(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _markdown(settings):
    from markdown import Markdown

    config = dict(settings["MARKDOWN"])
    config["extensions"] = [
        ext for ext in config.get("extensions", []) if ext != "markdown.extensions.meta"
    ]
    return Markdown(**config)


def is_page(source_path, settings):
    """Whether Pelican reads ``source_path`` as a page rather than an article."""
    content_root = settings["PATH"]
    relative = os.path.relpath(source_path, content_root)
    return any(
        relative == page_path or relative.startswith(page_path.rstrip("/") + os.sep)
        for page_path in settings["PAGE_PATHS"]
    )


def read_text(source_path):
    """The file's text: UTF-8, with a Notepad byte-order mark removed."""
    try:
        return yaml_source.read_text(source_path)
    except OfficerError as error:
        problems.add(error)
        raise


def split_front_matter(text, source_path):
    """(front matter text, Markdown body, line number where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        error = OfficerError(
            "bài viết không bắt đầu bằng phần thông tin (front matter)" if text.strip()
            else "tệp trống",
            path=source_path, line=1,
            fix="dòng đầu tiên của tệp phải là `---`, tiếp theo là title:, date:, "
                "category:, rồi một dòng `---` nữa trước nội dung",
        )
        problems.add(error)
        raise error
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            front = "".join(lines[1:index])
            body = "".join(lines[index + 1:])
            # Pad with blank lines so YAML's line numbers are the file's.
            return "\n" + front, body, index + 2
    error = OfficerError(
        "phần thông tin đầu bài không có dòng `---` đóng lại",
        path=source_path, line=1,
        fix="thêm một dòng `---` sau trường cuối cùng (thường là summary:)",
    )
    problems.add(error)
    raise error


def load_front_matter(front, source_path):
    """(Located, errors): the fields, and the mistakes YAML itself finds.

    One broken line (an unquoted title with a colon) makes the whole block
    unreadable to YAML; the block is then read again field by field, so
    that the other fields are still checked and every mistake of the file
    is reported at once. Raises only when nothing can be read.
    """
    located, errors = yaml_source.load_all(front, source_path)
    if located is None:
        located, errors = _load_field_by_field(front, source_path, errors)
    if not isinstance(located.value, dict):
        error = OfficerError(
            "phần thông tin đầu bài phải là các dòng `tên: giá trị`",
            path=source_path, line=2,
            fix="viết mỗi trường trên một dòng, ví dụ `title: \"Tiêu đề\"`",
        )
        problems.extend(errors + [error])
        raise error
    drop_empty_fields(located.value)
    return located, errors


_FIELD_START = re.compile(r"^([^\s#:-][^:]*?)\s*:(\s|$)")


def _load_field_by_field(front, source_path, whole_errors):
    """(Located, errors) of a front matter that YAML cannot read as a whole."""
    lines = front.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _FIELD_START.match(line)]
    value, positions, errors = {}, {(): (1, 1)}, []
    faulty = set()
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        # Blank lines before it keep YAML's line numbers the file's.
        text = "\n" * start + "".join(lines[start:end])
        part, part_errors = yaml_source.load_all(text, source_path)
        name = _FIELD_START.match(lines[start]).group(1).strip()
        if part is None or not isinstance(part.value, dict):
            errors += [_quote_fix(_within(error, lines, start, end), lines[start], name)
                       for error in part_errors]
            value[name] = lines[start].split(":", 1)[1].strip()
            positions[(name,)] = (start + 1, 1)
            faulty.add((name,))
            continue
        errors += part_errors
        faulty |= part.faulty
        for key, item in part.value.items():
            value.setdefault(key, item)
        positions.update({path: position for path, position in part.positions.items() if path})
    if not errors or not starts:
        return (yaml_source.Located(None, {}) if not starts else _located(value, positions, faulty),
                whole_errors)
    return _located(value, positions, faulty), errors


def _located(value, positions, faulty):
    located = yaml_source.Located(value, positions)
    located.faulty = faulty
    return located


def _within(error, lines, start, end):
    """A quote left open on a field's line: YAML says so at the end of the
    block; say it at the quote."""
    if error.line and error.line > end:
        line = lines[start]
        quote = min((line.find(q) for q in "\"'" if q in line), default=-1)
        error.line, error.column = start + 1, quote + 1 if quote >= 0 else 1
        error.problem = "ngoặc kép mở ở đây nhưng chưa đóng trên cùng dòng"
    return error


def _quote_fix(error, line, name):
    """The fix for `title: Hội nghị: tổng kết`, written out in full."""
    raw = line.split(":", 1)[1].strip()
    if ": " in raw and not raw.startswith(("\"", "'")):
        quoted = raw.replace('"', "'")
        error.fix = (f'đặt cả giá trị trong ngoặc kép vì nó có dấu hai chấm: '
                     f'`{name}: "{quoted}"`')
    return error


def drop_empty_fields(fields):
    """A known field left empty is a field not given.

    New articles (make new) and the browser editor write every field, the
    ones not filled in as `""`, `[]` or nothing at all.
    """
    for name in [n for n in fields if n in FIELDS]:
        value = fields[name]
        if value is None or value == [] or (isinstance(value, str) and not value.strip()):
            del fields[name]


# The theme's templates that show a list or the frame, never one article.
NOT_FOR_ONE_ARTICLE = frozenset({
    "base", "index", "list", "archives", "period_archives", "author", "authors",
    "category", "categories", "tag", "tags", "search", "robots", "404"})


def templates(settings):
    """The names ``template:`` may give: the theme's own templates, less those
    of lists and of the frame."""
    folder = os.path.join(settings["THEME"], "templates")
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    return sorted(name[:-len(".html")] for name in names
                  if name.endswith(".html") and name[:-len(".html")] not in NOT_FOR_ONE_ARTICLE)


def slug_for(text):
    """What ``slug:`` should say for ``text``: lower case, no marks, hyphens."""
    from unidecode import unidecode

    words = re.findall(r"[a-z0-9]+", unidecode(text).lower())
    return "-".join(words)[:MAX_SLUG].strip("-") or "ten-bai-viet"


def check_placeholder(fields, body, body_line, source_path):
    """An article started with `make new` is published only once written."""
    if fields.get("status", "published") != "published" or PLACEHOLDER not in body:
        return []
    line = body[:body.index(PLACEHOLDER)].count("\n") + body_line
    return [OfficerError(
        "bài viết vẫn còn câu mẫu của make new, chưa viết nội dung", path=source_path,
        line=line, column=1, found=PLACEHOLDER,
        fix="thay câu mẫu và các mục mẫu bằng nội dung bài; nếu chưa viết xong, "
            "để `status: draft` (bản nháp, không đăng)")]


def check_fields(located, source_path, is_page, settings=None):
    """Every problem with the fields, so the officer sees them all at once.
    Fields that YAML could not read (``located.faulty``) are already told.
    ``settings``: for the association's categories and the theme's templates
    (None: neither checked)."""
    known_templates = templates(settings) if settings and settings.get("THEME") else None
    errors = []
    fields = {name: value for name, value in located.value.items()
              if (name,) not in located.faulty}

    def error(name, problem, found=None, fix=None):
        line, column = located.position((name,))
        errors.append(OfficerError(problem, path=source_path, line=line,
                                   column=column, field=name, found=found, fix=fix))

    for name in fields:
        if name not in FIELDS:
            error(name, "trường không có trong danh sách", found=str(name),
                  fix=closest_name_fix(name, FIELDS))
    required = PAGE_REQUIRED if is_page else [n for n, (req, _) in FIELDS.items() if req]
    for name in required:
        value = located.value.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors.append(OfficerError(
                "thiếu trường bắt buộc", path=source_path, line=1, field=name,
                fix=f"thêm dòng `{name}: ...` ({FIELDS[name][1]}) vào phần thông tin đầu bài",
            ))
    for name in TEXT_FIELDS:
        if name in fields and fields[name] is not None and not isinstance(fields[name], str):
            if isinstance(fields[name], (int, float)) and name != "slug":
                fields[name] = located.value[name] = str(fields[name])
                continue
            error(name, "phải là một đoạn chữ", found=repr(fields[name]),
                  fix='đặt giá trị trong ngoặc kép, ví dụ `%s: "..."`' % name)
    for name in DATE_FIELDS:
        if name in fields:
            try:
                text = _date_text(fields[name])
                if not ISO_DATE.match(text):
                    # 03/04/2020 would be read as 4 March: only year-month-day is unambiguous.
                    raise ValueError(text)
                get_date(text)
            except (ValueError, OverflowError):
                error(name, "ngày không hợp lệ", found=str(fields[name]),
                      fix="viết ngày có thật theo dạng 2018-12-26 hoặc 2018-12-26 08:30")
    tags = fields.get("tags")
    if tags is not None and not (
        isinstance(tags, str)
        or (isinstance(tags, list) and all(isinstance(t, (str, int)) for t in tags))
    ):
        error("tags", "phải là danh sách thẻ", found=repr(tags),
              fix="viết `tags: [thẻ một, thẻ hai]`")
    if "featured" in fields and not isinstance(fields["featured"], bool):
        error("featured", "chỉ nhận true hoặc false", found=repr(fields["featured"]),
              fix="viết `featured: true` hoặc xoá dòng này")
    if "status" in fields and fields["status"] not in STATUSES:
        error("status", "trạng thái không hợp lệ", found=repr(fields["status"]),
              fix="viết published, draft hoặc hidden")
    title = fields.get("title")
    if isinstance(title, str) and len(title) > MAX_TITLE:
        error("title", f"tiêu đề quá dài ({len(title)} ký tự, tối đa {MAX_TITLE})",
              fix="rút gọn tiêu đề; phần giải thích thêm đưa vào summary: hoặc nội dung bài")
    slug = fields.get("slug")
    if isinstance(slug, str) and (not SLUG.match(slug) or len(slug) > MAX_SLUG):
        error("slug", "đường dẫn riêng chỉ gồm chữ thường không dấu, chữ số và gạch nối "
              f"(tối đa {MAX_SLUG} ký tự)", found=slug[:MAX_SLUG + 20],
              fix=f"viết `slug: {slug_for(slug)}`")
    template = fields.get("template")
    if (known_templates is not None and isinstance(template, str)
            and template not in known_templates):
        close = closest(template, known_templates)
        error("template", "không có mẫu trang này trong giao diện", found=template,
              fix=(f"có phải ý bạn là `template: {close}`? " if close else "")
              + "phần lớn bài viết không cần dòng template:, hãy xoá dòng này (các mẫu có: "
              + ", ".join(known_templates) + ")")
    category = fields.get("category")
    if not is_page and settings is not None and isinstance(category, str) and category.strip():
        wrong = association.category_error(" ".join(category.split()), settings)
        if wrong:
            error("category", wrong[0], found=category, fix=wrong[1])
    if "cover_caption" in fields and "cover" not in located.value:
        error("cover_caption", "có chú thích ảnh nhưng không có ảnh bìa",
              fix="thêm `cover: images/ten-anh.png` hoặc xoá cover_caption")
    return errors
