"""The officer's guide (docs/huong-dan/) follows the code: every make target,
every front-matter field and every message the officer can meet is in it,
its links and pictures are there, and its example messages are real ones."""

import ast
import re
import shlex

import pytest
from pelican.settings import read_settings

from conftest import PROJECT, make_site
from khuyenhoc.commands.new_article import article_slug
from khuyenhoc.reading.front_matter import FIELDS

GUIDE = PROJECT / "docs" / "huong-dan"
PAGES = sorted(GUIDE.glob("*.md"))
TEXT = "\n".join(page.read_text(encoding="utf-8") for page in PAGES)
ERRORS_PAGE = (GUIDE / "07-thong-bao-loi.md").read_text(encoding="utf-8")

# Modules whose OfficerError texts the guide explains (the data validator's
# are explained in docs/data.md, tested by tests/test_data_docs.py).
MESSAGE_MODULES = ("reading.front_matter", "data.yaml_source", "checks.content",
                   "checks.links", "commands.new_article", "commands.deploy",
                   "editor.admin_pages", "checks.pelican_warnings", "errors",
                   "checks.content_files", "checks.site_address", "data.association",
                   "commands.init_site", "figures.markdown_marks")


def make_targets():
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    return re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE)


def test_every_make_target_is_in_the_guide():
    targets = make_targets()
    assert {"new", "serve", "check", "deploy", "edit"} <= set(targets)
    missing = [t for t in targets if f"`make {t}" not in TEXT]
    assert missing == []


def test_every_front_matter_field_is_in_the_table_in_order():
    page = (GUIDE / "02-viet-bai.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| (có|không) \|", page, flags=re.MULTILINE)
    assert [name for name, _ in rows] == list(FIELDS)
    assert [required == "có" for _, required in rows] == [r for r, _ in FIELDS.values()]


def _texts(node):
    """The literal text of a message argument: whole strings, and the
    fixed parts of an f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [part.value for part in node.values
                if isinstance(part, ast.Constant) and isinstance(part.value, str)]
    if isinstance(node, ast.IfExp):
        return _texts(node.body) + _texts(node.orelse)
    return []


def officer_messages(module):
    """The problem texts of the module's OfficerErrors, as written in the code."""
    path = PROJECT / "plugins" / "khuyenhoc" / f"{module.replace('.', '/')}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            # OfficerError(problem, ...); check_fields' error(field, problem, ...);
            # yaml_source's self._error(node, path, problem, ...)
            position = {"OfficerError": 0, "error": 1, "_error": 2}.get(name)
            if position is not None and len(node.args) > position:
                found += _texts(node.args[position])
        # yaml_source's (problem, fix) pairs: syntax hints and number traps.
        if (module == "yaml_source" and isinstance(node, ast.Tuple) and len(node.elts) == 2
                and all(_texts(e) for e in node.elts)):
            found += _texts(node.elts[0])
    parts = {part.strip(" /().{}:,") for part in found}
    return sorted(part for part in parts if len(part) >= 3)


@pytest.mark.parametrize("module", MESSAGE_MODULES)
def test_every_message_is_explained(module):
    messages = officer_messages(module)
    assert messages
    assert [m for m in messages if m not in ERRORS_PAGE] == []


def test_every_link_and_picture_is_there():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"```.*?```|`[^`\n]*`", "", text, flags=re.DOTALL)  # examples, not links
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if target.startswith(("http://", "https://", "#", "{")):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            assert path.exists(), f"{page.name}: {target}"
            if path.suffix == ".png":
                assert path.stat().st_size < 100_000, f"{target} is too heavy for the docs"


def test_every_chapter_is_in_the_contents():
    contents = (GUIDE / "README.md").read_text(encoding="utf-8")
    chapters = [p.name for p in PAGES if p.name != "README.md"]
    assert chapters == re.findall(r"\]\((\d\d-[\w-]+\.md)\)", contents)


def test_example_messages_are_the_programs_own(site):
    """Chapter 4's examples, reproduced: an impossible date, a number with
    thousands dots, an image link to a file that is not there."""
    page = (GUIDE / "04-xem-truoc-va-kiem-tra.md").read_text(encoding="utf-8")
    examples = {line for line in page.splitlines() if re.match(r"^(\d\. )?\S+\.(md|yaml), dòng", line)}
    for name in ("organisation.yaml", "units.yaml"):
        site.write(f"data/{name}", (PROJECT / "data" / name).read_text(encoding="utf-8"))
    assert site.make("new", "TITLE=Trao học bổng", "DATE=2025-09-05").returncode == 0
    article = site.root / "content/articles/2025-09-05-trao-hoc-bong.md"
    good = article.read_text(encoding="utf-8")
    organisation = site.root / "data/organisation.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8").replace(
        "members: 8240", "members: 8.240", 1), encoding="utf-8")
    article.write_text(re.sub(r"(?m)^date: .*$", "date: 2025-09-31", good), encoding="utf-8")
    check = site.make("check")
    shown = set(check.stderr.splitlines())

    organisation.write_text((PROJECT / "data/organisation.yaml").read_text(encoding="utf-8"),
                            encoding="utf-8")
    article.write_text(good + "\n![Quang cảnh]({static}/images/trao-hoc-bong.png)\n",
                       encoding="utf-8")
    site.write("content/images/trao-hoc-bong-2025.png",
               (PROJECT / "content/images/tu-sach.png").read_bytes())
    shown |= set(site.build().stderr.splitlines())
    assert len(examples) == 3
    assert examples <= shown


def slugify(title):
    return article_slug(title, read_settings(str(PROJECT / "pelicanconf.py")))


@pytest.mark.slow  # make init, then builds the whole sample twice
def test_a_newcomer_publishes_an_article_with_a_chart_by_the_guide(tmp_path):
    """Chapter 3's worked example, done as written: make new, the category,
    the text with a figure, a chart and a table; make check; make deploy."""
    page = (GUIDE / "03-so-lieu.md").read_text(encoding="utf-8")
    example = page.split("## Ví dụ: một bài có biểu đồ", 1)[1]
    command = re.search(r"```sh\n(.*?)\n```", example, re.DOTALL).group(1)
    body = re.search(r"```markdown\n(.*?)```", example, re.DOTALL).group(1)
    assert "sửa `category: Quỹ khuyến học` và\n`status: published`" in example
    title = shlex.split(command)[2].removeprefix("TITLE=")

    (tmp_path / "du-an").mkdir()
    site = make_site(tmp_path / "du-an", with_content=True)
    created = site.shell(command)
    assert created.returncode == 0, created.stderr
    path = next((site.root / "content" / "articles").glob(f"*-{slugify(title)}.md"))
    front = path.read_text(encoding="utf-8").split("\n---\n")[0]
    front = front.replace("category: Tin hoạt động", "category: Quỹ khuyến học").replace(
        "status: draft", "status: published")
    path.write_text(f"{front}\n---\n\n{body}", encoding="utf-8")

    check = site.make("check")
    assert check.returncode == 0, check.stderr
    target = tmp_path / "www" / "khuyen-hoc"
    deployed = site.make("deploy", env={"DEPLOY_TARGET": str(target),
                                        "SITEURL": "https://example.org/khuyen-hoc"})
    assert deployed.returncode == 0, deployed.stderr
    article = (target / slugify(title) / "index.html").read_text(encoding="utf-8")
    assert title in article
    assert "518,1\u00a0triệu\u00a0đồng" in article
    assert "<svg" in article and "<table" in article
    assert "[[" not in article
