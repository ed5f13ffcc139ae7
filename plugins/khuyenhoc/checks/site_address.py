"""The site's public address (SITEURL), checked before a build starts.

SITEURL is typed by hand (``SITEURL=... make publish``, a host's settings
page) and printed into every page, feed and header file: a quote or a space
breaks attributes, a ``javascript:`` address turns every link into a
script. So it is refused unless it is empty (development) or an http(s)
address of a host with an optional path of plain characters.

An ``http://`` address is accepted with a notice, not refused: some cheap
hosts offer no https and the officer cannot change that, and a site that
cannot be published helps nobody; but readers' connections are then open
to anyone on the way, and browsers mark the site "Không bảo mật", so the
officer is told, after every production build, what to ask the host for.
"""

import re
from urllib.parse import urlsplit

from khuyenhoc.errors import OfficerError

# scheme://host[:port][/path], the path of unreserved characters, %XX and "/".
_ADDRESS = re.compile(
    r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/([A-Za-z0-9._~!$&()*+,;=:@-]|%[0-9A-Fa-f]{2})*)*$")
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
FIX = ("viết địa chỉ đầy đủ bắt đầu bằng https://, không có dấu cách hay dấu ngoặc kép, "
       "ví dụ SITEURL=https://khuyenhoc.example.vn make publish")


def check(settings):
    """[OfficerError] when SITEURL is not an address a page may carry."""
    siteurl = settings.get("SITEURL") or ""
    if siteurl == "" or _ADDRESS.match(siteurl):
        return []
    return [OfficerError("địa chỉ trang web (SITEURL) không hợp lệ", field="SITEURL",
                         found=siteurl, fix=FIX)]


def is_https(settings):
    return (settings.get("SITEURL") or "").startswith("https://")


def notice(settings):
    """A notice (not an error) for a production address without https."""
    siteurl = settings.get("SITEURL") or ""
    if not siteurl.startswith("http://") or urlsplit(siteurl).hostname in _LOCAL_HOSTS:
        return None
    return (f"Lưu ý: địa chỉ trang web {siteurl} dùng http://, không mã hoá: trình duyệt sẽ "
            "báo trang \"Không bảo mật\" và người khác trên đường truyền đọc hoặc sửa được "
            "trang. Trang vẫn được dựng. Cách sửa: đề nghị nơi cho thuê máy chủ bật HTTPS "
            "(thường miễn phí, Let's Encrypt), rồi dựng lại với địa chỉ https://")
