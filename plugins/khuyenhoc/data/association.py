"""Who the association is: hoi.yaml, the one file an association edits to
make the site its own.

The settings (pelicanconf.py) read it with ``settings_from``, which never
raises: a file with mistakes still gives settings (the mistaken values left
out), and the build, ``make check`` and ``make init`` report the mistakes
through ``problems`` (file, line, column, field, fix), like the data's.
Everything else (templates, the contact page, the feeds, the browser
editor) reads the settings this gives: SITENAME, ASSOCIATION, the categories
and their order, DEFAULT_CATEGORY. Keeping it out of Python means an
officer adopts the site without touching code, and a mistake in it is told
in Vietnamese at its line instead of as a Python traceback.
"""

import os
import re
import unicodedata

from unidecode import unidecode

from khuyenhoc.data import yaml_source
from khuyenhoc.errors import OfficerError
from khuyenhoc.suggest import closest, closest_name_fix

FILE_NAME = "hoi.yaml"
DEFAULT_TAGLINE = "Bản tin khuyến học, khuyến tài, xây dựng xã hội học tập"
DEFAULT_EDITOR_TITLE = "Trưởng ban biên tập"

# Field -> (required, what it holds: for messages and the guide).
FIELDS = {
    "name": (True, 'tên đầy đủ của Hội, ví dụ "Hội Khuyến học tỉnh Hưng Yên"'),
    "short_name": (True, 'tên ngắn, ví dụ "Hội Khuyến học tỉnh"'),
    "tagline": (False, "dòng chữ nhỏ dưới tên Hội ở đầu trang"),
    "url": (False, "địa chỉ trang khi đã đăng, ví dụ https://khuyenhoc-hungyen.vn"),
    "address": (False, "địa chỉ văn phòng Hội"),
    "phone": (False, 'số điện thoại văn phòng, trong ngoặc kép: "0221.3.862.123"'),
    "hotline": (False, 'đường dây nóng, trong ngoặc kép: "0912.345.678"'),
    "email": (False, "thư điện tử của ban biên tập"),
    "editor_in_chief": (False, "họ tên trưởng ban biên tập"),
    "editor_title": (False, 'chức danh người phụ trách, mặc định "Trưởng ban biên tập"'),
    "logo": (False, "biểu trưng trong content/images, ví dụ images/logo.png"),
    "unit": (False, "mã đơn vị của chính Hội trong data/units.yaml"),
    "categories": (True, "các chuyên mục, theo thứ tự trên thanh menu"),
    "footer": (False, "dòng chữ cuối mọi trang"),
    "git": (False, "nơi lưu trang (GitHub, GitLab, Gitea/Forgejo) để soạn bài trên trang đã đăng"),
}
TEXT_FIELDS = ("name", "short_name", "tagline", "url", "address", "phone", "hotline", "email",
               "editor_in_chief", "editor_title", "logo", "unit", "footer")

# The Git hosts the published editor (/admin/) can log in to.
GIT_HOSTS = ("github", "gitlab", "gitea", "forgejo")
GIT_FIELDS = {
    "host": "github, gitlab, gitea hoặc forgejo",
    "repo": "tài khoản/tên kho, ví dụ hoi-khuyen-hoc/trang-tin",
    "branch": "nhánh được đăng, thường là main",
    "url": "địa chỉ máy chủ Gitea/Forgejo hay GitLab riêng, ví dụ https://codeberg.org",
    "app_id": "mã ứng dụng OAuth (Application ID) của GitLab hay Gitea/Forgejo",
    "auth_url": "với GitHub: địa chỉ dịch vụ đăng nhập OAuth, mặc định của Netlify",
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_REPO = re.compile(r"^[\w.-]+(/[\w.-]+)+$")
_URL = re.compile(r"^https://[^\s/]+(/\S*)?$")


def path_beside(settings_file):
    """hoi.yaml beside the settings file that reads it."""
    return os.path.join(os.path.dirname(os.path.abspath(settings_file)), FILE_NAME)


def read(path):
    """(ASSOCIATION dict, errors): the file checked; the dict holds only the
    values that are right, with defaults for the optional ones."""
    try:
        text = yaml_source.read_text(path)
    except FileNotFoundError:
        return _defaults({}), [OfficerError(
            "không có tệp thông tin của Hội", path=path,
            fix="chạy make init để tạo tệp này, hoặc chép lại hoi.yaml từ bản gốc")]
    except OfficerError as error:
        return _defaults({}), [error]
    located, errors = yaml_source.load_all(text, path)
    if located is None:
        return _defaults({}), errors
    if not isinstance(located.value, dict):
        return _defaults({}), errors + [OfficerError(
            "tệp phải là các dòng `tên trường: giá trị`", path=path, line=1,
            fix='viết mỗi trường trên một dòng, ví dụ `name: "Hội Khuyến học tỉnh Hưng Yên"`')]
    values = dict(located.value)
    errors += check(values, located, path)
    return _defaults(values), errors


def check(values, located, path):
    """Every mistake of the file's fields; wrong values are removed from ``values``."""
    errors = []

    def error(name, problem, found=None, fix=None, at=None):
        line, column = located.position(at or (name,))
        errors.append(OfficerError(problem, path=path, line=line, column=column,
                                   field=yaml_source.format_path(at or (name,)),
                                   found=found, fix=fix))
        values.pop(name, None)

    for name in list(values):
        if (name,) in located.faulty:
            values.pop(name, None)
        elif name not in FIELDS:
            line, column = located.key_position((name,))
            errors.append(OfficerError("trường không có trong danh sách", path=path,
                                       line=line, column=column, field=str(name),
                                       found=str(name), fix=closest_name_fix(name, FIELDS)))
            values.pop(name)
    for name in TEXT_FIELDS:
        value = values.get(name)
        if value is None or isinstance(value, str):
            if isinstance(value, str):
                values[name] = value.strip()
            continue
        error(name, "phải là một đoạn chữ", found=str(value),
              fix=f'đặt giá trị trong ngoặc kép, ví dụ `{name}: "{value}"`')
    for name, (required, what) in FIELDS.items():
        if required and not values.get(name) and (name,) not in located.faulty:
            errors.append(OfficerError(
                "thiếu trường bắt buộc", path=path, line=1, field=name,
                fix=f"thêm dòng `{name}: ...` ({what})"))
    email = values.get("email")
    if email and not _EMAIL.match(email):
        error("email", "địa chỉ thư điện tử không hợp lệ", found=email,
              fix="viết dạng ten@ten-mien.vn, ví dụ bantin@khuyenhoc-hungyen.vn")
    url = values.get("url")
    if url and not re.match(r"^https?://[^\s/]+(/\S*)?$", url):
        error("url", "địa chỉ trang không hợp lệ", found=url,
              fix="viết địa chỉ đầy đủ, ví dụ https://khuyenhoc-hungyen.vn")
    logo = values.get("logo")
    if logo:
        content = os.path.join(os.path.dirname(path), "content")
        target = os.path.normpath(os.path.join(content, logo))
        if logo.startswith(("/", "..")) or not target.startswith(content + os.sep):
            error("logo", "biểu trưng phải là một tệp trong content/images", found=logo,
                  fix="đặt ảnh vào content/images rồi viết `logo: images/ten-anh.png`")
        elif not os.path.isfile(target):
            error("logo", "không có tệp ảnh này", found=logo,
                  fix=f"đặt ảnh vào content/{logo}, hoặc xoá dòng logo để dùng biểu trưng "
                      "mặc định")
    _check_categories(values, located, path, errors, error)
    _check_git(values, located, path, errors)
    return errors


def _check_categories(values, located, path, errors, error):
    categories = values.get("categories")
    if categories is None:
        return
    if isinstance(categories, str):
        categories = [part.strip() for part in categories.split(",")]
    if not isinstance(categories, list):
        error("categories", "phải là danh sách chuyên mục", found=str(categories),
              fix="viết mỗi chuyên mục một dòng, bắt đầu bằng `  - `, ví dụ `  - Tin hoạt động`")
        return
    kept, seen = [], {}
    for index, name in enumerate(categories):
        at = ("categories", index)
        line, column = located.position(at)
        if not isinstance(name, str) or not name.strip():
            errors.append(OfficerError(
                "tên chuyên mục phải là một đoạn chữ", path=path, line=line, column=column,
                field=yaml_source.format_path(at), found=str(name),
                fix='viết tên chuyên mục, ví dụ `  - "Tin hoạt động"`'))
            continue
        name = " ".join(name.split())
        key = fold(name)
        if key in seen:
            errors.append(OfficerError(
                f"chuyên mục bị viết hai lần (lần đầu: \"{seen[key]}\")", path=path, line=line,
                column=column, field=yaml_source.format_path(at), found=name,
                fix="giữ một dòng và xoá dòng còn lại"))
            continue
        seen[key] = name
        kept.append(name)
    values["categories"] = kept


def _check_git(values, located, path, errors):
    git = values.get("git")
    if git is None:
        return
    if not isinstance(git, dict):
        line, column = located.position(("git",))
        errors.append(OfficerError(
            "phải là các dòng host:, repo:, branch: thụt vào dưới git:", path=path,
            line=line, column=column, field="git", found=str(git),
            fix="viết `git:` rồi ở các dòng dưới, thụt vào hai dấu cách: "
                "`  host: github` và `  repo: tai-khoan/ten-kho`"))
        values.pop("git")
        return
    wrong = False

    def git_error(name, problem, found=None, fix=None, key=False):
        nonlocal wrong
        at = ("git", name)
        line, column = located.key_position(at) if key else located.position(at)
        errors.append(OfficerError(problem, path=path, line=line, column=column,
                                   field=yaml_source.format_path(at), found=found, fix=fix))
        wrong = True

    for name in git:
        if name not in GIT_FIELDS:
            git_error(name, "trường không có trong danh sách", found=str(name),
                      fix=closest_name_fix(name, GIT_FIELDS), key=True)
        elif git[name] is not None and not isinstance(git[name], str):
            git_error(name, "phải là một đoạn chữ", found=str(git[name]),
                      fix=f'đặt giá trị trong ngoặc kép: `{name}: "{git[name]}"`')
    host = str(git.get("host") or "").strip().lower()
    repo = str(git.get("repo") or "").strip()
    if host not in GIT_HOSTS:
        close = closest(host, GIT_HOSTS)
        git_error("host", "không biết nơi lưu trang này" if host else "thiếu nơi lưu trang",
                  found=host or None,
                  fix=(f'có phải ý bạn là "{close}"? Viết' if close else "viết")
                  + " github, gitlab, gitea hoặc forgejo")
    if not _REPO.match(repo):
        git_error("repo", "tên kho không hợp lệ" if repo else "thiếu tên kho", found=repo or None,
                  fix="viết tài khoản/tên kho như trong địa chỉ của kho, ví dụ "
                      "hoi-khuyen-hoc/trang-tin")
    for name in ("url", "auth_url"):
        value = str(git.get(name) or "").strip()
        if value and not _URL.match(value):
            git_error(name, "địa chỉ không hợp lệ", found=value,
                      fix="viết địa chỉ đầy đủ bắt đầu bằng https://, ví dụ https://codeberg.org")
    if host in ("gitea", "forgejo") and not git.get("url"):
        git_error("url", "Gitea/Forgejo cần địa chỉ máy chủ",
                  fix="thêm dòng `  url: https://codeberg.org` (địa chỉ máy chủ của bạn)")
    if host in ("gitlab", "gitea", "forgejo") and not git.get("app_id"):
        git_error("app_id", "cần mã ứng dụng OAuth để đăng nhập",
                  fix="tạo ứng dụng OAuth trên máy chủ (xem hướng dẫn, chương Bắt đầu cho Hội "
                      "của bạn) rồi chép Application ID vào `  app_id: ...`")
    if wrong:
        values.pop("git")
    else:
        values["git"] = {"host": host, "repo": repo,
                         "branch": str(git.get("branch") or "main").strip(),
                         **{name: str(git[name]).strip().rstrip("/")
                            for name in ("url", "app_id", "auth_url") if git.get(name)}}


def _defaults(values):
    association = {name: values.get(name) or "" for name in TEXT_FIELDS}
    association["name"] = association["name"] or "Hội Khuyến học"
    association["short_name"] = association["short_name"] or association["name"]
    association["tagline"] = association["tagline"] or DEFAULT_TAGLINE
    association["editor_title"] = association["editor_title"] or DEFAULT_EDITOR_TITLE
    association["categories"] = list(values.get("categories") or []) or ["Tin hoạt động"]
    association["git"] = values.get("git") or {}
    return association


def settings_from(path):
    """The settings that hoi.yaml at ``path`` gives (pelicanconf.py uses
    them). Never raises: ``problems_of`` tells what was wrong."""
    association, _ = read(path)
    return {
        "ASSOCIATION_FILE": path,
        "ASSOCIATION": association,
        "SITENAME": association["name"],
        "SITESUBTITLE": association["tagline"],
        "AUTHOR": association["short_name"],
        "DEFAULT_CATEGORY": association["categories"][0],
    }


def problems_of(settings):
    """The mistakes of the settings' hoi.yaml (none for a site without one
    named, such as a benchmark's bare settings)."""
    path = settings.get("ASSOCIATION_FILE")
    if not path:
        return []
    return read(path)[1]


def unit_errors(settings, data):
    """The association's own unit must be one of data/units.yaml."""
    path = settings.get("ASSOCIATION_FILE")
    unit = (settings.get("ASSOCIATION") or {}).get("unit")
    if not path or not unit or data is None or unit in data.units:
        return []
    located, _ = yaml_source.load_all(yaml_source.read_text(path), path)
    line, column = located.position(("unit",)) if located else (None, None)
    known = list(data.units)
    close = closest(unit, known)
    if known:
        fix = (f'có phải ý bạn là "{close}"? Viết' if close else "viết") + \
            " một mã có trong data/units.yaml: " + ", ".join(known)
    else:
        fix = "thêm đơn vị của Hội vào data/units.yaml (xem docs/data.md), hoặc xoá dòng unit"
    return [OfficerError("đơn vị của Hội không có trong data/units.yaml", path=path,
                         line=line, column=column, field="unit", found=unit, fix=fix)]


def fold(text):
    """'Tin Hoạt Động' and 'tin hoat dong' alike: for finding the closest category."""
    return " ".join(unidecode(unicodedata.normalize("NFC", str(text))).casefold().split())


def category_error(category, settings):
    """None when ``category`` is one of hoi.yaml's; else (problem, fix)."""
    categories = (settings.get("ASSOCIATION") or {}).get("categories")
    if not categories or category in categories:
        return None
    folded = {fold(name): name for name in categories}
    close = folded.get(fold(category)) or closest(category, categories)
    if close is None:
        close = closest(fold(category), list(folded))
        close = folded.get(close)
    fix = (f'có phải ý bạn là "{close}"? Viết' if close else "viết") + \
        " đúng tên một chuyên mục: " + ", ".join(categories) + \
        "; muốn thêm chuyên mục mới, thêm nó vào danh sách categories trong hoi.yaml"
    return "chuyên mục không có trong hoi.yaml", fix
