"""Every address inside the built site leads to a page or a file of it.

Run on the freshly built folder, before it replaces the published one. A
link the officer typed by hand (``[xem](/bai-cu/)``, or a relative one that
works on the article's page but not on the home page that shows its summary)
is reported at its line in the article; any other broken link is the theme's
or the plugin's, and is reported as such.

What each page links to and which anchors (``id``, ``name``) it has are kept
in CACHE_PATH, keyed by a hash of the page's bytes: a warm build reads every
page but extracts again only those that changed. Verdicts are never kept,
since an unchanged page's link breaks when the page it points to goes away.
"""

import hashlib
import marshal
import os
import posixpath
import re
import sys
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from khuyenhoc.caches import atomic_file, fingerprints
from khuyenhoc.data.yaml_source import read_text
from khuyenhoc.errors import OfficerError

# Attributes that hold one address, and the ones that hold several (srcset).
URL_ATTRIBUTES = ("href", "src", "poster", "data", "action", "formaction")
SRCSET_ATTRIBUTES = ("srcset", "imagesrcset")
ANCHOR_ATTRIBUTES = ("id", "name")
NOT_FETCHED = ("mailto", "tel", "data", "sms", "geo")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
CACHE_FILE = "lien-ket.marshal"


def check(output, settings):
    """OfficerErrors for the broken internal links of the site in ``output``."""
    site = _Site(output, settings.get("SITEURL", ""))
    cache = _ExtractCache(settings.get("CACHE_PATH"))
    site.extract_all(cache)
    cache.save()
    # A draft's page (a preview for the officer, never listed) links its
    # category, author and tags, whose pages exist only once an article of
    # theirs is published: its links are checked when it is published.
    drafts = posixpath.dirname(settings.get("DRAFT_SAVE_AS") or "") + "/"
    broken = [(page, address) for page in site.pages
              if drafts == "/" or not page.startswith(drafts)
              for address in site.broken_addresses(page)]
    return _explain(broken, settings["PATH"])


class _Site:
    def __init__(self, output, siteurl):
        self.output = output
        self.siteurl = siteurl.rstrip("/")
        self.base_path = urlsplit(self.siteurl).path.rstrip("/") if "://" in siteurl else ""
        self.pages = self._pages()
        self.addresses, self._ids = {}, {}
        # Most links repeat from page to page (menus, lists): each distinct
        # one is resolved once, and each file looked up once.
        self._verdicts, self._from_top, self._isfile, self._isdir = {}, {}, {}, {}

    def _pages(self):
        """Output-relative paths of the HTML and CSS files, in a stable order."""
        found = []
        for folder, dirs, files in os.walk(self.output):
            dirs.sort()
            for name in sorted(files):
                if name.endswith((".html", ".css")):
                    path = os.path.relpath(os.path.join(folder, name), self.output)
                    found.append(path.replace(os.sep, "/"))
        return found

    def extract_all(self, cache):
        for page in self.pages:
            self.addresses[page], self._ids[page] = cache.extract(
                os.path.join(self.output, page), page.endswith(".css"))

    def ids(self, page):
        if page not in self._ids:  # reached through a linked folder: not walked
            self._ids[page] = _extract(_read(os.path.join(self.output, page)), False)[1]
        return self._ids[page]

    def broken_addresses(self, page):
        """The addresses in ``page`` that lead nowhere, in the order written.

        Each distinct link is judged once per folder rather than once per
        page. ``../x/`` leads to the same place from every page of a folder
        inside the same parent, so the ``../`` that climb out of the page's
        folder are taken off first: the thousand articles, one folder each,
        then share one verdict on each menu link. (Folders of a built site
        have plain names, never ``..``; one with ``%`` keeps its own verdicts,
        as unquoting comes after joining.) An address that points at the page
        itself (``#muc``, ``?a=b``) is judged for that page alone.
        """
        folder = posixpath.dirname(page)
        folders = [folder]
        while folders[-1] and "%" not in folder:
            folders.append(posixpath.dirname(folders[-1]))
        depth = len(folders) - 1
        # The most common case in one look-up: climbing to the top folder.
        to_top = "../" * depth
        from_top = self._from_top.setdefault(depth, {})
        for address in self.addresses[page]:
            if depth and address.startswith(to_top):
                verdict = from_top.get(address)
                if verdict is None:
                    verdict = from_top[address] = self._leads_somewhere(page, address.strip())
            else:
                verdict = self._verdict(page, folders, address.strip())
            if not verdict:
                yield address

    def _verdict(self, page, folders, address):
        first = address[:1]
        if first in ("", "#", "?") or not first.isprintable():
            key = "page", page, address  # urlsplit drops control characters
        else:
            up = 0
            while up < len(folders) - 1 and address.startswith("../", 3 * up):
                up += 1
            key = up > 0, folders[up], address[3 * up:]
        if key not in self._verdicts:
            self._verdicts[key] = self._leads_somewhere(page, address)
        return self._verdicts[key]

    def _leads_somewhere(self, page, address):
        target = self._target(page, address)
        if target is None:
            return True  # another site, an e-mail address, a phone number
        if target is False:
            return False
        path, fragment = target
        if not self._is(self._isfile, os.path.isfile, path):
            return False
        if fragment and path.endswith(".html"):
            return unquote(fragment) in self.ids(path)
        return True

    def _is(self, known, test, relative):
        if relative not in known:
            known[relative] = test(os.path.join(self.output, relative))
        return known[relative]

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
        if path.endswith("/") or self._is(self._isdir, os.path.isdir, relative):
            relative = posixpath.join(relative, "index.html")
        return relative, parts.fragment


# Pages are read by Lexbor (selectolax), which follows the WHATWG parsing
# algorithm: the links and anchors found are the ones a browser finds, with
# comments, <script> and <style> text, and character references read as a
# browser reads them. Measured on the 79 pages of the sample site against the
# regular expression it replaced (which mimicked html.parser): the same
# addresses and anchors on every page, in about the same time.
_WITH_A_LINK = ",".join(f"[{name}]" for name in
                        (*URL_ATTRIBUTES, *SRCSET_ATTRIBUTES, *ANCHOR_ATTRIBUTES))


def _extract(text, css):
    """(addresses in the order written, anchors) of one page."""
    if css:
        return tuple(CSS_URL.findall(text)), frozenset()
    addresses, ids = [], set()
    for node in LexborHTMLParser(text).css(_WITH_A_LINK):
        in_meta = node.tag == "meta"
        for attribute, value in node.attributes.items():
            if value is None:
                continue  # a name alone
            # Interned: the same link on many pages is one string in the cache.
            value = sys.intern(value)
            if attribute in ANCHOR_ATTRIBUTES and not in_meta:
                ids.add(value)
            elif attribute in URL_ATTRIBUTES and not in_meta:
                addresses.append(value)
            elif attribute in SRCSET_ATTRIBUTES:
                addresses.extend(sys.intern(part.split()[0])
                                 for part in value.split(",") if part.strip())
    return tuple(addresses), frozenset(ids)


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()



class _ExtractCache:
    """Each page's addresses and anchors, by the hash of its bytes."""

    def __init__(self, cache_path):
        self.path = cache_path and os.path.join(cache_path, CACHE_FILE)
        self.version = _code_version()
        self.known, self.used = self._load(), {}

    def _load(self):
        if not self.path:
            return {}
        try:
            with open(self.path, "rb") as handle:
                version, known = marshal.load(handle)
        except (OSError, TypeError, ValueError, EOFError):
            return {}  # none yet, or written by another Python: extract again
        return known if version == self.version else {}

    def extract(self, path, css):
        with open(path, "rb") as handle:
            data = handle.read()
        key = hashlib.sha1(data, usedforsecurity=False).digest() + (b"c" if css else b"h")
        found = self.known.get(key)
        if found is None:
            # Decoded as open(path, encoding="utf-8") does, newlines and all.
            text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
            found = _extract(text, css)
        self.used[key] = found
        return found

    def save(self):
        """Keep this build's pages only, rewriting the file only when that
        changes it: a warm build with nothing new writes nothing."""
        if not self.path or self.used.keys() == self.known.keys():
            return
        try:
            atomic_file.write(self.path, marshal.dumps((self.version, self.used)))
        except OSError:  # a read-only cache folder: the next build extracts again
            pass


def _code_version():
    return fingerprints.link_extraction(__file__)


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
