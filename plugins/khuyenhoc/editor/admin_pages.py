"""The browser editor at /admin/: Decap CMS served from the project.

Built only when the DECAP_ADMIN setting is on (``make edit`` turns it on):
the editor is of use only beside decap-server on the officer's computer,
and the published site stays free of its 6 MB of script. Decap comes from
the project's pinned npm packages, never from a CDN; its config.yml is made
from our declarations at every build (``cms_config``).
"""

import glob
import html
import json
import os
import shutil

import yaml
from pelican.generators import Generator

from khuyenhoc import site_folders
from khuyenhoc.editor import config as cms_config
from khuyenhoc.errors import OfficerError, problems

FOLDER = site_folders.EDITOR
HERE = os.path.dirname(os.path.abspath(__file__))
NODE_MODULES = "node_modules"
# Our scripts in admin/, beside Decap's.
SCRIPTS = ("khuyenhoc-cms.js", "vi-phrases.js")

PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Soạn bài — {site}</title>
<link rel="icon" href="data:,">
<!-- No closing head tag on purpose: the preview server adds its reload
     script before it, and a reload would lose what the officer is typing. -->
<body>
<script>window.CMS_MANUAL_INIT = true;</script>
<script src="decap-cms.js"></script>
<script type="application/json" id="khuyenhoc-cms">{settings}</script>
<script type="module" src="khuyenhoc-cms.js"></script>
</body>
</html>
"""


def add_generator(pelican):
    if pelican.settings.get("DECAP_ADMIN"):
        return AdminGenerator
    return None


class AdminGenerator(Generator):
    """Writes output/admin/: the page, config.yml and Decap's scripts."""

    def generate_context(self):
        # hoi.yaml's categories, in its order: the only ones an article may use.
        self.categories = list((self.settings.get("ASSOCIATION") or {}).get("categories") or [
            category.name for category, _ in self.context.get("categories", [])])
        self.decap = os.path.join(NODE_MODULES, "decap-cms", "dist")
        self.yaml_js = os.path.join(NODE_MODULES, "yaml", "browser", "dist")
        if not os.path.isfile(os.path.join(self.decap, "decap-cms.js")) or not os.path.isdir(
                self.yaml_js):
            problems.add(OfficerError(
                "chưa cài trình soạn bài trên trình duyệt (Decap CMS)",
                path=NODE_MODULES,
                fix="chạy make edit (tự cài bằng npm), hoặc npm ci rồi dựng lại",
            ))

    def generate_output(self, writer):
        folder = os.path.join(self.output_path, FOLDER)
        os.makedirs(folder, exist_ok=True)
        config = cms_config.build(self.settings, self.categories)
        with open(os.path.join(folder, "config.yml"), "w", encoding="utf-8") as handle:
            handle.write("# Made at every build from plugins/khuyenhoc/editor/config.py: "
                         "edit that, not this.\n")
            yaml.safe_dump(config, handle, allow_unicode=True, sort_keys=False, width=1000)
        settings = {
            "kinds": cms_config.value_kinds(cms_config.declared(self.settings)),
            "records": cms_config.RECORDS,
            "frontMatterFormat": cms_config.FRONT_MATTER_FORMAT,
            "dataFormat": cms_config.DATA_FORMAT,
            "stylesheet": "../theme/css/site.css",
        }
        page = PAGE.format(site=html.escape(self.settings["SITENAME"]),
                           settings=json.dumps(settings, ensure_ascii=False).replace("</", "<\\/"))
        with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as handle:
            handle.write(page)
        for name in SCRIPTS:
            shutil.copy(os.path.join(HERE, "admin", name), folder)
        # Decap's own Vietnamese, completed by vi-phrases.js.
        shutil.copy(os.path.join(NODE_MODULES, "decap-cms-locales", "src", "vi", "index.js"),
                    os.path.join(folder, "decap-vi.js"))
        # decap-cms.js loads its chunks and WebAssembly from beside itself.
        for name in ["decap-cms.js", *map(os.path.basename, glob.glob(
                os.path.join(self.decap, "*.decap-cms.js")) + glob.glob(
                os.path.join(self.decap, "*.wasm")))]:
            shutil.copy(os.path.join(self.decap, name), folder)
        shutil.copytree(self.yaml_js, os.path.join(folder, "yaml"), dirs_exist_ok=True)
