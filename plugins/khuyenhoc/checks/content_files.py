"""Only what the site publishes leaves ``content/``.

Pelican copies every file of the static folders (``content/images/``) as it
is, and follows links wherever they lead: a ``.env`` or a private key put
there by mistake, a Word or Excel lock file (``~$bao-cao.xlsx``), Windows'
``Thumbs.db``, macOS's ``.DS_Store``, a Markdown file with its front matter,
or a symbolic link to ``/etc/passwd`` named ``.png`` would all be published.
So every file under ``content/`` is looked at before anything is written:
a link that leads out of the project, and a file in a static folder whose
kind the site does not publish, are refused with the file named.
"""

import os

from khuyenhoc.errors import OfficerError

# The kinds of file an article shows or offers for download.
PUBLISHED_EXTENSIONS = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif",
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".ppt", ".pptx",
    ".mp3", ".mp4", ".webm",
})
# Office's lock files (~$bao-cao.xlsx, .~lock.bao-cao.xlsx#) and editors' backups.
_TEMPORARY_PREFIXES = ("~$", ".~lock", "~")


def check(settings):
    """Every refused file under the content folder, as OfficerErrors."""
    content = os.path.abspath(settings["PATH"])
    project = os.path.realpath(os.path.dirname(content))
    static = [os.path.join(content, folder) for folder in settings.get("STATIC_PATHS", [])]
    errors = []
    for folder, subfolders, files in os.walk(content):
        subfolders.sort()
        for name in sorted(subfolders + files):
            path = os.path.join(folder, name)
            if os.path.islink(path):
                error = _outside(path, project)
                if error:
                    errors.append(error)
                    if name in subfolders:
                        subfolders.remove(name)  # not walked into
                    continue
            if name in files and _under(path, static):
                error = _not_published(path, name)
                if error:
                    errors.append(error)
    return errors


def _outside(path, project):
    target = os.path.realpath(path)
    if _under(target, [project]) and os.path.exists(target):
        return None
    return OfficerError(
        "lối tắt (symbolic link) trỏ ra ngoài thư mục dự án: tệp ngoài dự án không "
        "được đăng lên trang web",
        path=path, found=os.readlink(path),
        fix="chép tệp thật vào chỗ này thay cho lối tắt, hoặc xoá lối tắt",
    )


def _not_published(path, name):
    extension = os.path.splitext(name)[1].lower()
    if name.startswith(_TEMPORARY_PREFIXES) or name.endswith(("~", "#")):
        problem = "tệp tạm của Word, Excel hay trình soạn thảo không được đăng lên trang web"
    elif name.startswith("."):
        problem = "tệp ẩn không được đăng lên trang web"
    elif extension not in PUBLISHED_EXTENSIONS:
        problem = "loại tệp này không được đăng lên trang web"
    else:
        return None
    return OfficerError(
        problem, path=path, found=name,
        fix="xoá tệp này khỏi thư mục (hoặc chuyển ra ngoài content/); trong "
            f"{os.path.basename(os.path.dirname(path))}/ chỉ đặt ảnh (.png, .jpg, .gif, "
            ".webp) và tài liệu để tải về (.pdf, .docx, .xlsx)",
    )


def _under(path, folders):
    return any(path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
               for folder in folders)
