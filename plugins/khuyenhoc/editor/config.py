"""The browser editor's configuration (Decap CMS config.yml), made from our
own declarations so that it cannot drift from them.

Articles get one field per front-matter field of ``frontmatter_reader.FIELDS``;
each dataset declared in data/datapackage.yaml gets a form whose fields carry the
validator's rules where Decap can express them (required, the allowed
values, ranges, number spellings, units that must exist). The rules that
span records (a fund's ledger, registered <= total, unique keys) stay with
``make check`` and the build.
"""

import datetime
import os

from khuyenhoc.data import declarations, schema
from khuyenhoc.data.datasets import data_dir
from khuyenhoc.reading.front_matter import FIELDS, STATUSES

# The format names our admin script registers (admin/khuyenhoc-cms.js):
# YAML read and written with YAML 1.1 rules, as PyYAML reads it back.
FRONT_MATTER_FORMAT = "khuyenhoc-front-matter"
DATA_FORMAT = "khuyenhoc-data-list"
# A data file is a YAML list; Decap edits an object, so the list is
# wrapped in this one field (see khuyenhoc-cms.js).
RECORDS = "records"

DEFAULT_SERVER_PORT = 8081

ARTICLE_LABELS = {
    "title": "Tiêu đề",
    "date": "Ngày đăng",
    "modified": "Ngày sửa",
    "category": "Chuyên mục",
    "tags": "Thẻ",
    "author": "Tác giả",
    "summary": "Tóm tắt",
    "cover": "Ảnh bìa",
    "cover_caption": "Chú thích ảnh bìa",
    "featured": "Bài nổi bật",
    "slug": "Đường dẫn riêng",
    "status": "Trạng thái",
    "template": "Mẫu trang riêng",
}
STATUS_LABELS = {
    "published": "Đăng (published)",
    "draft": "Bản nháp, chưa đăng (draft)",
    "hidden": "Ẩn khỏi danh sách (hidden)",
}
# Our date widget (admin/khuyenhoc-cms.js): shown and typed as 23/03/2020 08:30
# in every browser, stored as the files hold it ("2020-03-23 08:30").
DATE_WIDGET = "ngay"
DATETIME = {"widget": DATE_WIDGET, "time": True}
SLUG_PATTERN = [r"^[a-z0-9]+(-[a-z0-9]+)*$",
                "Chỉ chữ thường không dấu, chữ số và dấu gạch nối, ví dụ tong-ket-nam-2025"]


def published_backend(git):
    """Decap's backend for the association's Git host (hoi.yaml's `git:`):
    the editor of the published site logs in there and commits there.
    GitLab, Gitea and Forgejo log in with PKCE (the app_id is public, there
    is no secret); GitHub through an OAuth service, Netlify's by default."""
    backend = {"name": git["host"], "repo": git["repo"], "branch": git["branch"]}
    url = git.get("url")
    if git["host"] == "github":
        if git.get("auth_url"):
            backend["base_url"] = git["auth_url"]
    elif git["host"] == "gitlab":
        backend.update(auth_type="pkce", app_id=git["app_id"],
                       base_url=url or "https://gitlab.com", auth_endpoint="oauth/authorize")
        if url:
            backend["api_root"] = url + "/api/v4"
    else:  # gitea, forgejo
        backend.update(app_id=git["app_id"], api_root=url + "/api/v1")
        if git["host"] == "gitea":
            backend["base_url"] = url
    return backend


def editor_origins(settings):
    """The origins the published editor talks to (its Git host's API): the
    site's Content-Security-Policy lets it (security_headers.py)."""
    git = (settings.get("ASSOCIATION") or {}).get("git")
    if settings.get("DECAP_BACKEND") != "git" or not git:
        return []
    backend = published_backend(git)
    if git["host"] == "github":
        return ["https://api.github.com"]
    root = backend.get("api_root") or backend.get("base_url")
    return ["/".join(root.split("/")[:3])]


def build(settings, categories):
    """The whole config.yml, as a dict."""
    root = os.path.dirname(settings["PATH"])
    articles = os.path.join(settings["PATH"], settings["ARTICLE_PATHS"][0])
    port = settings.get("DECAP_SERVER_PORT", DEFAULT_SERVER_PORT)
    git = (settings.get("ASSOCIATION") or {}).get("git")
    if settings.get("DECAP_BACKEND") == "git" and git:
        # The published site's editor (make publish, hoi.yaml's `git:`).
        backends = {"backend": published_backend(git)}
    else:
        backends = {
            # Used only away from this computer; editing here goes through
            # decap-server (make edit), which local_backend points at.
            "backend": {"name": "git-gateway", "branch": "main"},
            "local_backend": True if port == DEFAULT_SERVER_PORT
            else {"url": f"http://localhost:{port}/api/v1"},
        }
    return {
        **backends,
        "locale": "vi",
        # File names without diacritics, as `make new` writes them.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "site_url": settings.get("SITEURL") or "/",
        "media_folder": _relative(os.path.join(settings["PATH"], "images"), root),
        "public_folder": "images",
        "collections": [
            article_collection(_relative(articles, root), categories,
                               settings.get("DEFAULT_CATEGORY")),
            data_collection(_relative(data_dir(settings), root), declared(settings)),
        ],
    }


def _relative(path, root):
    return os.path.relpath(path, root).replace(os.sep, "/")


def article_collection(folder, categories, default_category):
    fields = [article_field(name, categories, default_category) for name in FIELDS]
    fields.append({
        "name": "body", "label": "Nội dung", "widget": "markdown",
        # Markdown as typed: the rich-text mode rewrites what it saves and
        # escapes [[...]], which would turn every figure reference into text.
        "modes": ["raw"],
        "hint": "Viết bằng Markdown. Con số, bảng, biểu đồ số liệu: [[...]], xem hướng dẫn.",
        # Pelican finds an image in the text by {static}/images/...
        "media_folder": "/content/images", "public_folder": "{static}/images",
    })
    return {
        "name": "bai_viet",
        "label": "Bài viết",
        "label_singular": "bài viết",
        "description": "Tin bài của bản tin. Mỗi bài là một tệp trong " + folder + "/.",
        "folder": folder,
        "create": True,
        "extension": "md",
        "format": FRONT_MATTER_FORMAT,
        # The file name; the address on the site comes from the title.
        "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}} — {{date | date('DD/MM/YYYY')}}",
        "sortable_fields": ["date", "title", "category"],
        "fields": fields,
    }


def article_field(name, categories, default_category):
    required, hint = FIELDS[name]
    field = {"name": name, "label": ARTICLE_LABELS[name], "required": required,
             "hint": hint[0].upper() + hint[1:] + "."}
    if name in ("date", "modified"):
        field.update(**DATETIME)
        if name == "date":
            field.update(now=True, hint="Ngày giờ đăng bài, dạng ngày/tháng/năm giờ:phút.")
        else:
            field["hint"] = "Ngày giờ sửa bài, nếu bài đã đăng được sửa lại."
    elif name == "category" and categories:
        field.update(widget="select", options=list(dict.fromkeys(categories)),
                     default=default_category)
    elif name == "tags":
        field.update(widget="list", allow_add=True, label_singular="thẻ",
                     field={"name": "tag", "label": "Thẻ", "widget": "string"},
                     hint="Mỗi thẻ một ô; bấm Thêm để thêm thẻ.")
    elif name == "summary":
        field["widget"] = "text"
    elif name == "cover":
        field.update(widget="image", choose_url=False)
    elif name == "featured":
        field.update(widget="boolean", default=False)
    elif name == "status":
        field.update(widget="select", default="published",
                     options=[{"label": STATUS_LABELS[s], "value": s} for s in STATUSES])
    elif name == "slug":
        field.update(widget="string", pattern=SLUG_PATTERN)
    else:
        field["widget"] = "string"
    return field


def declared(settings):
    """The datasets declared in the site's data/datapackage.yaml (none if it
    cannot be read: the build reports why)."""
    package, _ = declarations.read(data_dir(settings))
    return list(package.datasets.values()) if package else []


def data_collection(folder, datasets):
    return {
        "name": "so_lieu",
        "label": "Số liệu",
        "description": "Các tệp số liệu trong " + folder + "/. Các quy tắc giữa nhiều "
                       "dòng (sổ quỹ khớp, không trùng) được kiểm tra khi chạy make check.",
        "format": DATA_FORMAT,
        "extension": "yaml",
        "files": [data_file(dataset, folder) for dataset in datasets],
    }


def data_file(dataset, folder):
    summary = " · ".join("{{fields.%s}}" % name for name in dataset.key)
    return {
        "name": dataset.name,
        "label": dataset.title_vi,
        "file": f"{folder}/{dataset.file}",
        "fields": [{
            "name": RECORDS,
            "label": dataset.title_vi,
            "label_singular": "dòng",
            "widget": "list",
            "collapsed": True,
            "summary": summary,
            "fields": [data_field(field) for field in dataset.fields],
        }],
    }


def data_field(field):
    spec = {"name": field.name, "label": field.label_vi, "required": field.required}
    if field.kind in ("text", "measure") and field.choices:
        spec.update(widget="select", options=list(field.choices))
    elif field.kind == "text":
        spec["widget"] = "text" if field.name.endswith("note") else "string"
    elif field.kind == "unit":
        spec.update(widget="relation", collection="so_lieu", file="units",
                    value_field=f"{RECORDS}.*.id",
                    search_fields=[f"{RECORDS}.*.id", f"{RECORDS}.*.name"],
                    display_fields=[f"{RECORDS}.*.name"],
                    hint="Chọn đơn vị trong Danh sách đơn vị.")
    elif field.kind == "year":
        last = datetime.date.today().year + 1
        spec.update(widget="number", value_type="int", min=schema.FIRST_YEAR, max=last,
                    hint=f"Năm viết đủ bốn chữ số, từ {schema.FIRST_YEAR} đến {last}.")
    elif field.kind in ("money", "count") and field.exact:
        spec.update(widget="number", value_type="int", min=0, max=_ceiling(field),
                    hint="Số chính xác (sổ quỹ), viết liền không dấu chấm: 164000000.")
    elif field.kind in ("money", "count"):
        words = "|".join(schema.QUALIFIERS)
        example = "164000000" if field.kind == "money" else "8240"
        spec.update(widget="string", pattern=[
            rf"^(({words}) )?(0|[1-9][0-9]*(_[0-9]{{3}})*)$",
            f"Viết số liền, không dấu chấm, ví dụ {example}; số ước lượng viết như: "
            f"hơn {example} (dùng {', '.join(schema.QUALIFIERS)})",
        ], hint=f"Ví dụ {example}; số ước lượng: gần {example}.")
    elif field.kind == "percent" and field.takes_qualifier:
        words = "|".join(schema.QUALIFIERS)
        spec.update(widget="string", pattern=[
            rf"^(({words}) )?[0-9]+(\.[0-9]+)?$",
            f"Viết số từ 0 đến 100, không kèm dấu %; tỷ lệ ước lượng viết như: gần 100 "
            f"(dùng {', '.join(schema.QUALIFIERS)})",
        ], hint="Ví dụ 85 hoặc 87.5; tỷ lệ ước lượng: gần 100.")
    elif field.kind == "percent":
        spec.update(widget="number", value_type="float", min=0, max=100,
                    hint="Tỷ lệ phần trăm từ 0 đến 100, không kèm dấu %.")
    elif field.kind == "period":
        spec.update(widget="string", hint="Năm (2022), 6 tháng đầu năm 2022, năm học "
                    "2023-2024, nhiệm kỳ 2021-2026, hoặc từ năm 2016 đến tháng 10/2019.")
    elif field.kind == "list":
        # One box per item: Decap's comma-separated list drops the spaces
        # inside an item as they are typed.
        spec.update(widget="list", allow_add=True, label_singular="tên",
                    field={"name": "item", "label": field.label_vi, "widget": "string"},
                    hint="Mỗi tên một ô; bấm Thêm để thêm tên.")
    elif field.kind == "date":
        spec.update(widget=DATE_WIDGET, time=False, hint="Dạng ngày/tháng/năm, ví dụ 23/03/2020.")
    else:  # a new kind in schema.KINDS must be given a widget here
        raise ValueError(f"no editor widget for kind {field.kind!r}")
    return spec


def _ceiling(field):
    return schema.MAX_MONEY if field.kind == "money" else schema.MAX_COUNT


def value_kinds(datasets):
    """Data fields whose YAML value the editor shows in another form:
    dates (shown as text) and figures (edited as text when they may carry a
    qualifier, written back as numbers when they are plain numbers). The
    editor's script knows a field by its name only, so a name must mean
    the same kind of value in every data file."""
    kinds = {}
    for dataset in datasets:
        for field in dataset.fields:
            kind = {"date": "date", "money": "figure", "count": "figure"}.get(field.kind)
            if kinds.setdefault(field.name, kind) != kind:
                raise ValueError(f"data field {field.name} holds two kinds of value")
    return {name: kind for name, kind in kinds.items() if kind}
