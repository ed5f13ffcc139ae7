"""The browser editor at /admin/: its config.yml mirrors our declarations,
and its file formats write what our readers read back.

The formats are run in Node exactly as built into output/admin/; the
browser itself is tested in tests/browser/test_cms_editor.py.
"""

import json
import os
import re
import shutil
import subprocess

import pytest
import yaml
from pelican.settings import read_settings

from conftest import PROJECT, declared_datasets, make_site
from khuyenhoc.data import datasets, schema
from khuyenhoc.data.values import Invalid, figure
from khuyenhoc.editor import config as cms_config
from khuyenhoc.reading.front_matter import FIELDS, STATUSES
from tooling import require

DATASETS = declared_datasets()

NODE_MODULES = PROJECT / "node_modules"


def with_node_modules(site):
    os.symlink(NODE_MODULES, site.root / "node_modules")
    return site


@pytest.fixture(scope="module")
def admin_site(tmp_path_factory):
    """The sample site built as `make edit` builds it."""
    require(str(NODE_MODULES / "decap-cms"))
    site = with_node_modules(make_site(tmp_path_factory.mktemp("admin"), with_content=True))
    result = site.build(env={"DECAP_ADMIN": "1"})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def config(admin_site):
    return yaml.safe_load((admin_site.output / "admin" / "config.yml").read_text(encoding="utf-8"))


def collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def test_admin_page_loads_decap_from_the_site_not_a_cdn(admin_site):
    folder = admin_site.output / "admin"
    page = (folder / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert scripts == ["decap-cms.js", "khuyenhoc-cms.js"]
    assert (folder / "decap-cms.js").stat().st_size > 1_000_000
    version = json.loads((NODE_MODULES / "decap-cms" / "package.json").read_text())["version"]
    assert f'"decap-cms {version}"' in (folder / "decap-cms.js").read_text(encoding="utf-8")
    # Decap loads its chunks and WebAssembly from beside itself: all are there.
    dist = NODE_MODULES / "decap-cms" / "dist"
    parts = [p.name for p in dist.iterdir() if p.name.endswith((".decap-cms.js", ".wasm"))]
    assert len(parts) > 20
    assert all((folder / name).read_bytes() == (dist / name).read_bytes() for name in parts)
    assert (folder / "yaml" / "index.js").exists()
    # No closing head tag: the preview server must not add its reload script.
    assert "</head>" not in page
    assert "http" not in " ".join(scripts)


def test_published_and_plain_builds_have_no_editor(sample_site, published_site):
    assert not (sample_site.output / "admin").exists()
    assert not (published_site.output / "admin").exists()


def test_missing_npm_packages_are_explained(site):
    site.article("a.md")
    result = site.build(env={"DECAP_ADMIN": "1"})
    assert result.returncode == 1
    assert ("1. node_modules: chưa cài trình soạn bài trên trình duyệt (Decap CMS). "
            "Cách sửa: chạy make edit (tự cài bằng npm), hoặc npm ci rồi dựng lại"
            ) in result.stderr


def test_config_is_for_the_local_repository(config):
    assert config["local_backend"] is True
    assert config["locale"] == "vi"
    assert config["media_folder"] == "content/images"
    assert config["public_folder"] == "images"


def test_other_decap_server_port():
    settings = read_settings(str(PROJECT / "pelicanconf.py"), override={"DECAP_SERVER_PORT": 8097})
    config = cms_config.build(settings, categories=[])
    assert config["local_backend"] == {"url": "http://localhost:8097/api/v1"}


def test_article_fields_are_the_front_matter_fields(config, sample_site):
    articles = collection(config, "bai_viet")
    assert articles["folder"] == "content/articles"
    assert articles["format"] == cms_config.FRONT_MATTER_FORMAT
    fields = articles["fields"]
    assert [f["name"] for f in fields] == [*FIELDS, "body"]
    for field in fields[:-1]:
        assert field["required"] is FIELDS[field["name"]][0], field["name"]
        assert field["label"] == cms_config.ARTICLE_LABELS[field["name"]]
    by_name = {f["name"]: f for f in fields}
    assert [o["value"] for o in by_name["status"]["options"]] == list(STATUSES)
    # hoi.yaml's categories in its order (issue 16), not the articles' by name.
    assert by_name["category"]["options"] == [
        "Tin hoạt động", "Quỹ khuyến học", "Gương hiếu học", "Khen thưởng", "Văn bản"]
    assert by_name["category"]["default"] == "Tin hoạt động"
    assert by_name["cover"]["widget"] == "image"
    assert by_name["body"]["public_folder"] == "{static}/images"
    assert by_name["body"]["modes"] == ["raw"]  # [[...]] saved as typed


def test_slug_rule_accepts_every_slug_the_site_makes(config, sample_site):
    pattern = next(f for f in collection(config, "bai_viet")["fields"]
                   if f["name"] == "slug")["pattern"][0]
    slugs = [p.parent.name for p in sample_site.output.glob("*/index.html")]
    assert len(slugs) > 15
    assert all(re.match(pattern, slug) for slug in slugs)
    assert not re.match(pattern, "Tổng kết năm 2025")
    assert not re.match(pattern, "tong-ket--2025")


def data_files(config):
    return {f["name"]: f for f in collection(config, "so_lieu")["files"]}


def test_one_form_per_data_file_with_the_schema_fields(config):
    files = data_files(config)
    assert list(files) == list(DATASETS)
    for name, dataset in DATASETS.items():
        form = files[name]
        assert form["file"] == f"data/{dataset.file}"
        [records] = form["fields"]
        assert records["name"] == cms_config.RECORDS and records["widget"] == "list"
        assert [(f["name"], f["label"], f["required"]) for f in records["fields"]] == [
            (f.name, f.label_vi, f.required) for f in dataset.fields]


def data_widgets(config):
    for name, form in data_files(config).items():
        for spec in form["fields"][0]["fields"]:
            yield DATASETS[name].field(spec["name"]), spec


def test_field_rules_mirror_the_schema(config):
    kinds_seen = set()
    for field, spec in data_widgets(config):
        kinds_seen.add(field.kind)
        if field.choices:
            assert spec["widget"] == "select" and spec["options"] == list(field.choices)
        elif field.kind == "unit":
            assert (spec["widget"], spec["file"], spec["value_field"]) == (
                "relation", "units", "records.*.id")
        elif field.kind == "year":
            assert spec["min"] == schema.FIRST_YEAR and spec["value_type"] == "int"
        elif field.kind in ("money", "count") and field.exact:
            assert (spec["widget"], spec["min"]) == ("number", 0)
            assert spec["max"] == (schema.MAX_MONEY if field.kind == "money" else schema.MAX_COUNT)
        elif field.kind == "percent" and field.takes_qualifier:
            # A rough percentage ("gần 100") is typed as text, checked by a pattern.
            assert spec["widget"] == "string" and re.match(spec["pattern"][0], "gần 100")
        elif field.kind == "percent":
            assert (spec["widget"], spec["min"], spec["max"]) == ("number", 0, 100)
        elif field.kind == "date":
            # Our dd/mm/yyyy widget, without the time (issue 16).
            assert (spec["widget"], spec["time"]) == ("ngay", False)
    assert kinds_seen == set(schema.KINDS)


FIGURE_SPELLINGS = ["8000", "8_000", "hơn 8000", "gần 29_850_000", "trên 1000", "khoảng 30",
                    "0", "8.000", "8,000", "010", "hơn  8000", "8000 đồng", "cỡ 8000", "8 nghìn",
                    "-5", "Hơn 8000", " 8000"]


def test_figure_rule_accepts_what_the_validator_accepts(config):
    """For figures that may carry a qualifier, the editor's pattern lets
    through only spellings that the data validator takes."""
    specs = [(f, s) for f, s in data_widgets(config)
             if f.takes_qualifier and f.kind in ("money", "count")]
    assert specs
    for field, spec in specs:
        pattern = re.compile(spec["pattern"][0])
        for text in FIGURE_SPELLINGS:
            if pattern.match(text):
                figure(field, text)  # raises Invalid if the validator refused it
        assert pattern.match("hơn 8000") and pattern.match("8000")


def test_figure_rule_refuses_the_validator_traps(config):
    field, spec = next((f, s) for f, s in data_widgets(config)
                       if f.takes_qualifier and f.kind in ("money", "count"))
    pattern = re.compile(spec["pattern"][0])
    for text in ["8.000", "8,000", "010", "8000 đồng", "cỡ 8000", "8 nghìn"]:
        assert not pattern.match(text), text
        with pytest.raises(Invalid):
            figure(field, text)


# ---- the file formats, run in Node ----

@pytest.fixture(scope="module")
def run_formats(admin_site, tmp_path_factory):
    """Runs cases through the formats of the built admin/ (see cms_formats.mjs)."""
    require("node")
    folder = tmp_path_factory.mktemp("formats") / "admin"
    shutil.copytree(admin_site.output / "admin", folder)
    (folder / "package.json").write_text('{"type": "module"}')
    script = PROJECT / "tests" / "cms_formats.mjs"

    def run(cases):
        result = subprocess.run(["node", str(script), str(folder)], input=json.dumps(cases),
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)
    return run


def test_every_file_comes_back_unchanged_when_nothing_is_edited(run_formats):
    # Every data file; not the declarations (datapackage.yaml), which are no list of records.
    cases = [{"format": "data", "text": path.read_text(encoding="utf-8")}
             for path in sorted((PROJECT / "data").glob("*.yaml"))
             if path.name != "datapackage.yaml"]
    cases += [{"format": "front-matter", "text": path.read_text(encoding="utf-8")}
              for path in sorted((PROJECT / "content").glob("*/*.md"))]
    assert len(cases) > 20
    for case, result in zip(cases, run_formats(cases)):
        assert result["text"] == case["text"]


def test_editor_sees_figures_as_written_and_dates_as_days(run_formats):
    text = (PROJECT / "data" / "awards.yaml").read_text(encoding="utf-8")
    [result] = run_formats([{"format": "data", "text": text}])
    records = result["values"]["records"]
    assert records[0]["year"] == 2018 and records[0]["count"] == "1"
    dated = [r["date"] for r in records if "date" in r]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dated)


def test_a_data_edit_keeps_comments_spellings_and_reads_back(run_formats, tmp_path):
    text = (PROJECT / "data" / "organisation.yaml").read_text(encoding="utf-8")
    [result] = run_formats([{"format": "data", "text": text, "change": {
        "set": {"0": {"members": "hơn 8100", "note": "no"}},
        "remove": [1],
        "append": [{"unit": "khoi-cq", "year": 2025, "branches": "76", "members": "8_900",
                    "note": "8:30"}],
    }}])
    written = result["text"]
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in written.splitlines() for line in comments)
    assert "members: hơn 8100" in written
    assert 'note: "no"' in written and 'note: "8:30"' in written
    assert "\n- unit: khoi-cq\n  year: 2025\n  branches: 76\n  members: 8900\n" in written
    # Our own loader reads the edited file back, with the edit.
    for path in (PROJECT / "data").glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "organisation.yaml").write_text(written, encoding="utf-8")
    data, errors = datasets.read(str(tmp_path))
    messages = [str(e) for e in errors]
    assert not [m for m in messages if "organisation" in m and "2025" not in m], messages
    records = data.records("organisation")
    first = original_first = yaml.safe_load(text)[0]
    edited = next(r for r in records if r["unit"] == first["unit"] and r["year"] == first["year"])
    assert (int(edited["members"]), edited["members"].qualifier) == (8100, "hơn")
    assert edited["note"] == "no"
    assert original_first["members"] != 8100


def test_a_new_date_is_written_as_a_yaml_date(run_formats):
    text = "# Khen thưởng\n- unit: khoi-cq\n  year: 2018\n  issuer: hoi-khvn\n"
    [result] = run_formats([{"format": "data", "text": text, "change": {
        "set": {"0": {"date": "2018-12-26", "count": "4"}}}}])
    loaded = yaml.safe_load(result["text"])[0]
    assert str(loaded["date"]) == "2018-12-26" and type(loaded["date"]).__name__ == "date"
    assert loaded["count"] == 4


def test_front_matter_edit_keeps_comments_and_quotes_for_pyyaml(run_formats, site):
    assert site.make("new", "TITLE=Trao học bổng", "DATE=2025-09-05").returncode == 0
    path = site.root / "content/articles/2025-09-05-trao-hoc-bong.md"
    text = path.read_text(encoding="utf-8")
    [result] = run_formats([{"format": "front-matter", "text": text, "sortedKeys": list(FIELDS),
                             "change": {"set": {"author": "No", "tags": ["học bổng", "8:30"],
                                                # make new writes a draft (issue 16)
                                                "status": "published",
                                                "body": "Nội dung mới.\n"}}}])
    written = result["text"]
    for line in text.split("---")[1].splitlines():
        if line.startswith("#"):
            assert line in written
    front = yaml.safe_load(written.split("---")[1])
    assert front["author"] == "No" and front["tags"] == ["học bổng", "8:30"]
    assert written.endswith("---\n\nNội dung mới.\n")
    path.write_text(written, encoding="utf-8")
    build = site.build()
    assert build.returncode == 0, build.stderr
    assert "Nội dung mới." in site.html("trao-hoc-bong/index.html")


def test_a_new_article_from_the_editor_builds(run_formats, site):
    [result] = run_formats([{"format": "front-matter", "text": "", "sortedKeys": list(FIELDS),
                             "change": {"set": {
                                 "title": "Khen thưởng: 12 tập thể", "date": "2025-03-04 09:30",
                                 "category": "Khen thưởng", "tags": ["khen thưởng"],
                                 "featured": False, "status": "published", "author": "",
                                 "body": "Nội dung."}}}])
    assert result["text"].startswith('---\ntitle: "Khen thưởng: 12 tập thể"\ndate: 2025-03-04 09:30\n')
    site.write("content/articles/2025-03-04-khen-thuong-12-tap-the.md", result["text"])
    build = site.build()
    assert build.returncode == 0, build.stderr
    assert (site.output / "khen-thuong-12-tap-the" / "index.html").exists()


def test_only_the_edited_line_of_a_data_file_changes(run_formats):
    text = (PROJECT / "data" / "funds.yaml").read_text(encoding="utf-8")
    assert "opening: 559_500_000" in text
    [result] = run_formats([{"format": "data", "text": text, "change": {
        "set": {"1": {"note": "Đã đối chiếu sổ quỹ."}}}}])
    before, after = text.splitlines(), result["text"].splitlines()
    assert [line for line in after if line not in before] == ['  note: Đã đối chiếu sổ quỹ.']
    assert [line for line in before if line not in after] == []


def test_every_phrase_of_the_editor_is_in_vietnamese():
    """Decap's Vietnamese with ours (admin/vi-phrases.js) has every phrase
    of its English: no "Add thẻ" (issue 16)."""
    require("node", str(PROJECT / "node_modules" / "decap-cms-locales"))
    locales = PROJECT / "node_modules" / "decap-cms-locales" / "src"
    script = f"""
        import en from "{locales / 'en' / 'index.js'}";
        import vi from "{locales / 'vi' / 'index.js'}";
        import extra from "{PROJECT / 'plugins/khuyenhoc/editor/admin/vi-phrases.js'}";
        const flat = (o, p = "") => Object.entries(o).flatMap(([k, v]) =>
          v && typeof v === "object" ? flat(v, p + k + ".") : [[p + k, v]]);
        const shown = new Map([...flat(vi), ...flat(extra)]);
        const missing = flat(en).filter(([k]) => !shown.has(k)).map(([k]) => k);
        const english = flat(extra).filter(([, v]) => /\b(Add|Remove|Choose|Toggle)\b/.test(v));
        console.log(JSON.stringify({{missing, english, count: shown.size, en: flat(en).length}}));
    """
    result = subprocess.run(["node", "--input-type=module", "-e", script],
                            capture_output=True, text=True, check=True)
    found = json.loads(result.stdout)
    assert found["missing"] == [] and found["english"] == []
    assert found["count"] >= found["en"] > 200
