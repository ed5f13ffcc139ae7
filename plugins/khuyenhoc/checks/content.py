"""Checks across the content, once every file has been read and before
anything is written.

A file can be fine on its own and still break the site: two articles at one
address (Pelican would write one over the other, or crash), a link to an
article or an image that does not exist (Pelican only warns, in English,
without saying where), a cover photo that is not there (Pelican says
nothing), HTML that would run in the reader's browser. Each is reported
with the file and the line where the officer wrote it.
"""

import difflib
import os
import posixpath
import re
from urllib.parse import unquote, urlparse

from khuyenhoc import pelican_internals, site_folders
from khuyenhoc.checks import html_safety
from khuyenhoc.data.yaml_source import read_text
from khuyenhoc.errors import OfficerError, display_path

LINKED = ("filename", "static", "attach")
# Pelican's other link forms ({category}tin-hoat-dong): no file to check.
NAMED = ("category", "tag", "author", "index")


# save_as -> content, of the build that is running: to name the article when
# Pelican refuses to write a file twice (see ``overwritten``).
addresses = {}


def check(generators, unreadable=()):
    """Every problem found across the content. ``unreadable``: files already
    reported, that links may name without being called missing."""
    context = generators[0].context
    contents = all_contents(generators)
    errors = duplicate_addresses(contents)
    skipped = {os.path.abspath(path) for path in unreadable if path}
    for content in contents:
        if getattr(content, "checked_alone", False):
            # Kept by the preview's worker, checked when it was read; links
            # to files deleted since are left to the full build.
            continue
        source = _Source(content)
        errors += missing_links(content, context, source, skipped)
        errors += missing_cover(content, context, source)
        errors += running_html(content, source)
        errors += images_without_description(content, source)
    return errors


def all_contents(generators):
    """Articles and pages of every status: drafts and hidden ones are written too."""
    kinds = ("articles", "translations", "hidden_articles", "hidden_translations",
             "drafts", "drafts_translations", "pages", "hidden_pages", "draft_pages",
             "draft_translations")
    found = {}
    for generator in generators:
        for kind in kinds:
            for content in getattr(generator, kind, None) or []:
                found[id(content)] = content
    return sorted(found.values(), key=lambda c: c.source_path)


def duplicate_addresses(contents):
    by_file = {}
    # A draft of the production build has no address: it is not written.
    contents = [content for content in contents if content.save_as]
    for content in contents:
        by_file.setdefault(posixpath.normpath(content.save_as), []).append(content)
    addresses.clear()
    addresses.update((save_as, same[0]) for save_as, same in by_file.items())
    errors = []
    taken = site_folders.reserved(contents[0].settings) if contents else ()
    for content in contents:
        folder = posixpath.normpath(content.save_as).split("/")[0]
        if folder in taken and content.status != "draft":
            errors.append(_taken(content, f"/{folder}/"))
    for same in by_file.values():
        first = same[0]
        for other in same[1:]:
            field, line, column = _address_field(other)
            errors.append(OfficerError(
                f"trùng địa chỉ /{other.url} với {display_path(first.source_path)}"
                " (trang sau sẽ ghi đè trang trước)",
                path=other.source_path, line=line, column=column, field=field,
                fix="đổi tiêu đề, hoặc thêm dòng `slug: ten-rieng-khong-dau` "
                    "để bài có địa chỉ riêng",
            ))
    return errors


def _address_field(content):
    """(field, line, column) of what makes the content's address: slug or title."""
    field = "slug" if "slug" in _positions(content) else "title"
    line, column = _positions(content).get(field, (1, None))
    return field, line, column


def _taken(content, address):
    field, line, column = _address_field(content)
    return OfficerError(
        f"địa chỉ {address} đã dành cho một trang của trang web",
        path=content.source_path, line=line, column=column, field=field,
        found=f"/{content.url}",
        fix="thêm dòng `slug: ten-rieng-khong-dau` để bài có địa chỉ riêng",
    )


def overwritten(message, output_path):
    """Pelican refused to write one file twice: name the article that wanted it."""
    written = re.search(r'"(.+?)"', message)
    relative = written and posixpath.normpath(
        os.path.relpath(written.group(1), output_path).replace(os.sep, "/"))
    content = addresses.get(relative)
    if content is None:
        return None
    return _taken(content, "/" + relative.removesuffix("index.html"))


def missing_links(content, context, source, unreadable=frozenset()):
    """`{filename}` and `{static}` links whose file does not exist, with the
    closest existing name as a suggestion."""
    errors = []
    pattern = pelican_internals.intrasite_link_regex(content)
    for html in (pelican_internals.html_of(content), content.metadata.get("summary")):
        for match in pattern.finditer(html or ""):
            what = match.group("what")
            written = match.group("path")
            if what in NAMED:
                continue
            if what not in LINKED:
                line, column = source.find(written, 1)
                errors.append(OfficerError(
                    f"không có kiểu liên kết {{{what}}}",
                    path=content.source_path, line=line, column=column, found=written,
                    fix="viết {filename}/articles/ten-tep.md để liên kết tới bài viết, "
                        "{static}/images/ten-anh.png để liên kết tới ảnh",
                ))
                continue
            key = _content_key(content, urlparse(match.group("value")).path)
            if what == "filename" and key in context["generated_content"]:
                continue
            if what != "filename" and _is_static_file(context, key):
                continue
            if os.path.abspath(os.path.join(context["PATH"], key)) in unreadable:
                continue
            line, column = source.find(written, 1)
            if what == "filename" and _is_static_file(context, key):
                errors.append(OfficerError(
                    "liên kết tới ảnh hay tệp phải viết bằng {static}",
                    path=content.source_path, line=line, column=column, found=written,
                    fix=f"viết {written.replace('{filename}', '{static}', 1)}",
                ))
                continue
            known = (context["generated_content"] if what == "filename"
                     else [k for k in context["static_content"] if _is_static_file(context, k)])
            errors.append(_missing(content, line, column, written, what, key, known))
    return errors


def _missing(content, line, column, written, what, key, known):
    thing = "bài viết" if what == "filename" else "ảnh hay tệp"
    own = content.get_relative_source_path()
    close = _closest_file(key, [k for k in known if k != own])
    if close:
        fix = f"có phải ý bạn là {{{what}}}/{close}? Sửa tên tệp trong liên kết"
    elif what == "filename":
        fix = ("viết tên tệp của bài trong content/, ví dụ "
               "{filename}/articles/2018-12-26-tong-ket-cong-tac-nam-2018.md, hoặc xoá liên kết")
    else:
        fix = "đặt tệp vào content/images/ rồi viết {static}/images/ten-tep.png"
    return OfficerError(
        f"liên kết tới {thing} không có",
        path=content.source_path, line=line, column=column, found=written, fix=fix,
        target=os.path.join(content.settings["PATH"], key),
    )


def _closest_file(key, known):
    """The known file whose name is closest to ``key``'s (folders alike don't count)."""
    by_name = {}
    for path in known:
        by_name.setdefault(posixpath.basename(path), path)
    close = difflib.get_close_matches(posixpath.basename(key), list(by_name), n=1, cutoff=0.6)
    return by_name[close[0]] if close else None


def missing_cover(content, context, source):
    cover = getattr(content, "cover", None)
    if not cover:
        return []
    key = posixpath.normpath(unquote(str(cover)).lstrip("/"))
    if _is_static_file(context, key):
        return []
    line, column = _positions(content).get("cover", (None, None))
    close = _closest_file(key, [k for k in context["static_content"]
                                if _is_static_file(context, k)])
    fix = (f"có phải ý bạn là {close}? Sửa tên ảnh" if close else
           "đặt ảnh vào content/images/ rồi viết `cover: images/ten-anh.png`")
    return [OfficerError(
        "không có ảnh bìa này trong content/images/",
        path=content.source_path, line=line, column=column, field="cover",
        found=str(cover), fix=fix, target=os.path.join(content.settings["PATH"], key),
    )]


def running_html(content, source):
    errors = []
    findings = _html_findings(content)
    parts = [(findings["dangers"], source.body_line, None)]
    if "summary" in _positions(content) and findings["summary_dangers"]:
        parts.append((findings["summary_dangers"], _positions(content)["summary"][0], "summary"))
    for dangers, from_line, field in parts:
        for kind, name, shown in dangers:
            line, column = source.find(name, from_line, ignore_case=True)
            problem, fix = _HTML_PROBLEMS[kind]
            errors.append(OfficerError(
                problem, path=content.source_path, line=line or from_line, column=column,
                field=field, found=shown, fix=fix,
            ))
    return errors


def images_without_description(content, source):
    """Pelican warns, in English; a screen reader says only "image"."""
    errors = []
    for src in _html_findings(content)["images_without_alt"]:
        line, column = source.find(src)
        errors.append(OfficerError(
            "ảnh chưa có lời mô tả", path=content.source_path, line=line, column=column,
            found=src,
            fix="viết lời mô tả ngắn trong ngoặc vuông, ví dụ ![Quang cảnh hội nghị]"
                f"({src}), để người dùng máy đọc màn hình biết ảnh nói gì",
        ))
    return errors


def _html_findings(content):
    """What the reader found in the article's HTML (frontmatter_reader.py);
    found now for a file that another reader read."""
    findings = getattr(content, "html_findings", None)
    if findings is None:
        summary = content.metadata.get("summary") if "summary" in _positions(content) else None
        findings = html_safety.findings(pelican_internals.html_of(content) or "", summary)
    return findings


_RUNS = "mã HTML có thể chạy trong trình duyệt của người đọc"
# kind of html_safety.Danger -> (problem, fix).
_HTML_PROBLEMS = {
    "element": (_RUNS, "xoá thẻ này; muốn giới thiệu video hay bản đồ của trang khác thì "
                       "chỉ đặt liên kết tới trang đó"),
    "attribute": (_RUNS, "xoá thuộc tính này khỏi thẻ HTML (trang không chạy mã của bài viết)"),
    "url": (_RUNS, "chỉ dùng liên kết bắt đầu bằng https:// hoặc liên kết trong trang"),
    "tag": ("thẻ HTML không được phép trong bài viết",
            "xoá thẻ này (và thẻ đóng của nó); trong bài chỉ dùng Markdown hoặc các thẻ định "
            "dạng thông thường: p, strong, em, a, img, table, ul, ol, blockquote, figure"),
    "style": ("thuộc tính style= không được phép trong bài viết",
              "xoá thuộc tính style=; màu, cỡ chữ và căn lề do giao diện của trang quyết định "
              "(căn giữa một cột bảng: viết :---: ở dòng kẻ dưới tiêu đề bảng)"),
    "other": ("thuộc tính HTML không được phép trong bài viết",
              "xoá thuộc tính này khỏi thẻ HTML"),
    "markup": ("mã HTML viết sai, trình duyệt có thể đọc khác với chương trình",
               "viết lại đoạn HTML này bằng Markdown, hoặc cho đúng: mỗi thẻ mở có thẻ "
               "đóng, giá trị thuộc tính đặt trong ngoặc kép"),
}


def _is_static_file(context, key):
    # Pelican lists a linked static file even when it does not exist.
    return key in context["static_content"] and os.path.isfile(
        os.path.join(context["PATH"], key))


def _content_key(content, path):
    """The content-relative source path a link names, as Pelican looks it up."""
    path = unquote(path)
    if path.startswith("/"):
        return posixpath.normpath(path[1:])
    return content.get_relative_source_path(os.path.join(content.relative_dir, path))


def _positions(content):
    return getattr(content, "field_positions", None) or {}


class _Source:
    """The article's text, to find the line of something written in it."""

    def __init__(self, content):
        self.path = content.source_path
        self.body_line = getattr(content, "body_line", 1)
        self._lines = None

    def find(self, needle, from_line=None, ignore_case=False):
        """(line, column) of the first ``needle`` at or after ``from_line``."""
        if self._lines is None:
            self._lines = read_text(self.path).splitlines()
        start = (from_line or self.body_line) - 1
        flags = re.IGNORECASE if ignore_case else 0
        for number, text in enumerate(self._lines[start:], start + 1):
            match = re.search(re.escape(needle), text, flags)
            if match:
                return number, match.start() + 1
        return self.body_line, None
