"""The publishing recipes for GitHub Pages, GitLab Pages and Netlify.

Their files are read as the hosts read them, and the shell commands they
run are run here, in a copy of the project, with the address each host
provides: the build must land where the host picks it up, with that address.
"""

import tomllib

import pytest
import yaml

from conftest import PROJECT


def read_yaml(relative):
    return yaml.safe_load((PROJECT / relative).read_text(encoding="utf-8"))


@pytest.fixture
def small_site(site):
    site.article("a.md", title="Bài thử xuất bản", extra="tags: [khuyến học]\n")
    return site


def assert_built_for(folder, address):
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert f'href="{address}/bai-thu-xuat-ban/"' in index
    feed = (folder / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert f"{address}/bai-thu-xuat-ban/" in feed


def test_github_pages_workflow(small_site):
    workflow = read_yaml(".github/workflows/pages.yml")
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}

    build = workflow["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in build]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert "actions/setup-node" in uses
    configure = next(s for s in build if s.get("uses", "").startswith("actions/configure-pages@"))
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert build.index(configure) < build.index(upload)
    # The build's caches of earlier runs (charts and their PNGs among them,
    # in cache/bieu-do and cache/anh-png) are restored before the build.
    cache = next(s for s in build if s.get("uses", "").startswith("actions/cache@")
                 and s["with"]["path"] == "cache")
    assert build.index(cache) < build.index(next(s for s in build if "run" in s))
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")

    # Run the shell steps as the runner would, with the address Pages gives.
    address = "https://hoikhuyenhoc.github.io/ban-tin"
    expression = "${{ steps.%s.outputs.base_url }}" % configure["id"]
    runs = [step for step in build if "run" in step]
    assert [step["run"] for step in runs] == ["make publish"]
    for step in runs:
        env = {name: value.replace(expression, address)
               for name, value in step.get("env", {}).items()}
        assert env == {"SITEURL": address}
        result = small_site.shell(["bash", "-e", "-c", step["run"]], env=env)
        assert result.returncode == 0, result.stderr
    assert_built_for(small_site.root / upload["with"]["path"], address)


def test_gitlab_pages_job(small_site):
    job = read_yaml(".gitlab-ci.yml")["pages"]
    assert job["image"] == "python:3.11-bookworm"
    assert job["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert any("nodejs npm" in line for line in job["before_script"])
    assert job["artifacts"]["paths"] == ["public"]
    # The build's caches, charts and their PNGs among them (cache/bieu-do, cache/anh-png).
    assert any(entry["paths"] == ["cache"] for entry in job["cache"])

    address = "https://hoikhuyenhoc.gitlab.io/ban-tin"
    for line in job["script"]:
        result = small_site.shell(line, env={"CI_PAGES_URL": address})
        assert result.returncode == 0, result.stderr
    assert_built_for(small_site.root / "public", address)
    assert not (small_site.root / "output").exists()


@pytest.mark.parametrize("context, variable, address", [
    ("production", "URL", "https://ban-tin-khuyen-hoc.netlify.app"),
    ("deploy-preview", "DEPLOY_PRIME_URL", "https://deploy-preview-7--ban-tin.netlify.app"),
])
def test_netlify_recipe(small_site, context, variable, address):
    config = tomllib.loads((PROJECT / "netlify.toml").read_text(encoding="utf-8"))
    assert config["build"]["environment"] == {"PYTHON_VERSION": "3.11", "NODE_VERSION": "20"}
    command = config.get("context", {}).get(context, {}).get("command",
                                                             config["build"]["command"])
    result = small_site.shell(command, env={variable: address})
    assert result.returncode == 0, result.stderr
    assert_built_for(small_site.root / config["build"]["publish"], address)


def test_github_pages_keeps_the_venv_and_the_caches_keyed_by_content():
    """Issue 16: .venv by requirements.txt and Python, node_modules by the
    lock file, cache/ by requirements.txt and the code; all restored before
    the build."""
    steps = read_yaml(".github/workflows/pages.yml")["jobs"]["build"]["steps"]
    caches = {step["with"]["path"]: step for step in steps
              if step.get("uses", "").startswith("actions/cache@")}
    assert set(caches) == {".venv", "node_modules", "cache"}
    build = next(i for i, step in enumerate(steps) if step.get("run") == "make publish")
    assert all(steps.index(step) < build for step in caches.values())
    python = "${{ steps.python.outputs.python-version }}"
    assert python in caches[".venv"]["with"]["key"]
    assert caches[".venv"]["with"]["key"].endswith("-${{ hashFiles('requirements.txt') }}")
    assert caches["node_modules"]["with"]["key"].endswith("${{ hashFiles('package-lock.json') }}")
    built = caches["cache"]["with"]
    assert "hashFiles('requirements.txt', 'plugins/**')" in built["key"]
    assert built["key"].startswith(built["restore-keys"].strip())


def test_gitlab_pages_keeps_the_venv_and_the_caches_keyed_by_content():
    job = read_yaml(".gitlab-ci.yml")["pages"]
    caches = {tuple(c["paths"]): c["key"] for c in job["cache"]}
    assert caches[(".venv",)]["files"] == ["requirements.txt"]
    assert caches[("node_modules",)]["files"] == ["package-lock.json"]
    assert "requirements.txt" in caches[("cache",)]["files"]


def test_a_restored_venv_is_reused_while_requirements_txt_is_the_same(tmp_path):
    """A checkout dates every file now: the venv's stamp is named after the
    checksum of requirements.txt, not compared by date."""
    import os
    import shutil
    import subprocess
    for name in ("Makefile", "requirements.txt"):
        shutil.copy(PROJECT / name, tmp_path / name)
    checksum = subprocess.run(["cksum", "requirements.txt"], cwd=tmp_path, capture_output=True,
                              text=True, check=True).stdout.split()[0]
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / f".requirements-{checksum}").touch()
    os.utime(tmp_path / ".venv" / f".requirements-{checksum}", (0, 0))  # older than the checkout

    def planned():
        return subprocess.run(["make", "-n", "html"], cwd=tmp_path, capture_output=True,
                              text=True, check=True).stdout
    assert "pip install" not in planned()
    with open(tmp_path / "requirements.txt", "a", encoding="utf-8") as handle:
        handle.write("# changed\n")
    assert "pip install" in planned()
