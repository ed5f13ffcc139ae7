"""Every address inside the built site leads to a page or a file of it.

Run on the freshly built folder, before it replaces the published one. A
link the officer typed by hand (``[xem](/bai-cu/)``, or a relative one that
works on the article's page but not on the home page that shows its summary)
is reported at its line in the article; any other broken link is the theme's
or the plugin's, and is reported as such.
"""

import os
import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from .errors import OfficerError
from .yaml_source import read_text

# Attributes that hold one address, and the ones that hold several (srcset).
URL_ATTRIBUTES = ("href", "src", "poster", "data", "action", "formaction")
NOT_FETCHED = ("mailto", "tel", "data", "sms", "geo")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def check(output, settings):
    """OfficerErrors for the broken internal links of the site in ``output``."""
    site = _Site(output, settings.get("SITEURL", ""))
    broken = []
    for page in site.pages():
        for address in site.addresses(page):
            if not site.leads_somewhere(page, address):
                broken.append((page, address))
    return _explain(broken, settings["PATH"])


class _Site:
    def __init__(self, output, siteurl):
        self.output = output
        self.siteurl = siteurl.rstrip("/")
        self.base_path = urlsplit(self.siteurl).path.rstrip("/") if "://" in siteurl else ""
        self._ids = {}

    def pages(self):
        """Output-relative paths of the HTML and CSS files, in a stable order."""
        found = []
        for folder, dirs, files in os.walk(self.output):
            dirs.sort()
            for name in sorted(files):
                if name.endswith((".html", ".css")):
                    path = os.path.relpath(os.path.join(folder, name), self.output)
                    found.append(path.replace(os.sep, "/"))
        return found

    def addresses(self, page):
        text = self._read(page)
        if page.endswith(".css"):
            return CSS_URL.findall(text)
        return _Links.parse(text).addresses

    def ids(self, page):
        if page not in self._ids:
            self._ids[page] = _Links.parse(self._read(page)).ids
        return self._ids[page]

    def _read(self, page):
        with open(os.path.join(self.output, page), encoding="utf-8") as handle:
            return handle.read()

    def leads_somewhere(self, page, address):
        target = self._target(page, address.strip())
        if target is None:
            return True  # another site, an e-mail address, a phone number
        if target is False:
            return False
        path, fragment = target
        if not os.path.isfile(os.path.join(self.output, path)):
            return False
        if fragment and path.endswith(".html"):
            return unquote(fragment) in self.ids(path)
        return True

    def _target(self, page, address):
        """(output-relative file, fragment); None outside the site; False when
        the address cannot be inside it."""
        parts = urlsplit(address)
        if parts.scheme in NOT_FETCHED:
            return None
        path = parts.path
        if parts.scheme or parts.netloc:
            if not self.siteurl or not (address + "/").startswith(self.siteurl + "/"):
                return None
            path = urlsplit(address[len(self.siteurl):] or "/").path
            path = self.base_path + (path if path.startswith("/") else "/" + path)
        if not path:
            path = posixpath.basename(page)  # "#top" or "?a=b": this page
        if path.startswith("/"):
            if not (path + "/").startswith(self.base_path + "/"):
                return False
            relative = path[len(self.base_path):].lstrip("/")
        else:
            relative = posixpath.join(posixpath.dirname(page), path)
        relative = posixpath.normpath(unquote(relative))
        if relative == ".":
            relative = ""
        if relative.startswith(".."):
            return False
        if path.endswith("/") or os.path.isdir(os.path.join(self.output, relative)):
            relative = posixpath.join(relative, "index.html")
        return relative, parts.fragment


class _Links(HTMLParser):
    @classmethod
    def parse(cls, html):
        parser = cls(convert_charrefs=True)
        parser.addresses = []
        parser.ids = set()
        parser.feed(html)
        parser.close()
        return parser

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and tag != "meta":
                self.ids.add(value)
            elif name in URL_ATTRIBUTES and not (tag == "meta"):
                self.addresses.append(value)
            elif name in ("srcset", "imagesrcset"):
                self.addresses.extend(
                    part.split()[0] for part in value.split(",") if part.strip())

    handle_startendtag = handle_starttag


def _explain(broken, content_path):
    sources = _Sources(content_path)
    errors, seen = [], set()
    for page, address in broken:
        written = sources.find(address)
        key = (written or page, address)
        if key in seen:
            continue
        seen.add(key)
        shown = "/" + page.removesuffix("index.html")
        if written:
            path, line, column = written
            errors.append(OfficerError(
                f"liên kết không dẫn tới trang hay tệp nào của trang web (ở trang {shown})",
                path=path, line=line, column=column, found=address,
                fix="sửa địa chỉ cho đúng; liên kết tới bài khác nên viết "
                    "[chữ]({filename}/articles/ten-tep.md), tới ảnh viết "
                    "{static}/images/ten-anh.png, để chương trình tự tính địa chỉ",
            ))
        else:
            errors.append(OfficerError(
                f"trang {shown} có liên kết không dẫn tới đâu", found=address,
                fix="lỗi của giao diện hoặc chương trình, không phải của bài viết: "
                    "chép thông báo này gửi người phụ trách kỹ thuật",
            ))
    return errors


class _Sources:
    """The Markdown sources, to find where a link was typed."""

    def __init__(self, content_path):
        self.files = []
        for folder, dirs, files in os.walk(content_path):
            dirs.sort()
            for name in sorted(files):
                if name.endswith((".md", ".markdown")):
                    self.files.append(os.path.join(folder, name))
        self._lines = {}

    def find(self, address):
        """(file, line, column) of the first place ``address`` is written."""
        for path in self.files:
            if path not in self._lines:
                try:
                    self._lines[path] = read_text(path).splitlines()
                except OfficerError:  # not UTF-8: the reader reports it
                    self._lines[path] = []
            for number, text in enumerate(self._lines[path], 1):
                column = text.find(address)
                if column >= 0:
                    return path, number, column + 1
        return None
