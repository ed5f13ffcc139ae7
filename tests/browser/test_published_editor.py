"""The browser editor on the published site (issue 16): when hoi.yaml names
the association's Git host, `make publish` writes /admin/ configured for it.
Tested as far as this machine allows: the configuration, and Decap loading
it in Chromium and showing that host's login button. No login is made (it
needs the host)."""

import os

import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import chromium
from conftest import PROJECT, make_site, write_association
from tooling import require

HOSTS = {
    "github": ("  host: github\n  repo: hoi-hung-yen/trang-tin\n",
               {"name": "github", "repo": "hoi-hung-yen/trang-tin", "branch": "main"},
               "Đăng nhập bằng GitHub", "https://api.github.com"),
    "gitlab": ("  host: gitlab\n  repo: hoi-hung-yen/trang-tin\n  app_id: 4f1c9a\n",
               {"name": "gitlab", "repo": "hoi-hung-yen/trang-tin", "branch": "main",
                "auth_type": "pkce", "app_id": "4f1c9a", "base_url": "https://gitlab.com",
                "auth_endpoint": "oauth/authorize"},
               "Đăng nhập bằng GitLab", "https://gitlab.com"),
    "gitea": ("  host: gitea\n  repo: hoi/trang\n  branch: xuat-ban\n"
              "  url: https://git.khuyenhoc.example.vn\n  app_id: 77aa\n",
              {"name": "gitea", "repo": "hoi/trang", "branch": "xuat-ban", "app_id": "77aa",
               "api_root": "https://git.khuyenhoc.example.vn/api/v1",
               "base_url": "https://git.khuyenhoc.example.vn"},
              "Đăng nhập bằng Gitea", "https://git.khuyenhoc.example.vn"),
    "forgejo": ("  host: forgejo\n  repo: hoi/trang\n  url: https://codeberg.org\n"
                "  app_id: c0de\n",
                {"name": "forgejo", "repo": "hoi/trang", "branch": "main", "app_id": "c0de",
                 "api_root": "https://codeberg.org/api/v1"},
                "Đăng nhập bằng Forgejo", "https://codeberg.org"),
}


@pytest.fixture(scope="module")
def node_modules():
    require("node", str(PROJECT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"))
    return PROJECT / "node_modules"


def published(root, node_modules, git):
    site = make_site(root)
    os.symlink(node_modules, site.root / "node_modules")
    with open(site.root / "hoi.yaml", "a", encoding="utf-8") as handle:
        handle.write("git:\n" + git)
    site.article("a.md", title="Tin đầu tiên")
    result = site.build("publishconf.py", env={"SITEURL": "https://khuyenhoc.example.vn/bantin"})
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.parametrize("host", HOSTS)
def test_publish_writes_the_editor_for_the_git_host(host, tmp_path, node_modules, _chromium):
    git, backend, button, origin = HOSTS[host]
    site = published(tmp_path, node_modules, git)
    config = yaml.safe_load((site.output / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == backend
    assert "local_backend" not in config
    assert config["site_url"] == "https://khuyenhoc.example.vn/bantin"
    # No secret anywhere in the published editor: only the public app id.
    for path in (site.output / "admin").glob("*.yml"):
        text = path.read_text(encoding="utf-8").lower()
        assert "secret" not in text and "token" not in text and "password" not in text
    headers = (site.output / "_headers").read_text(encoding="utf-8")
    assert f"connect-src 'self' {origin};" in headers

    with chromium.serve(site.output) as url:
        driver = _chromium
        driver.get(url + "admin/")
        login = WebDriverWait(driver, 60).until(
            lambda d: d.find_element(By.XPATH, f"//button[contains(., '{button}')]"))
        assert login.is_displayed()


def test_without_a_git_host_the_published_site_has_no_editor(tmp_path):
    site = make_site(tmp_path)
    site.article("a.md")
    result = site.build("publishconf.py", env={"SITEURL": "https://khuyenhoc.example.vn"})
    assert result.returncode == 0, result.stderr
    assert not (site.output / "admin").exists()
    assert "connect-src 'self';" in (site.output / "_headers").read_text(encoding="utf-8")


def test_the_local_editor_of_make_edit_is_unchanged(tmp_path, node_modules):
    site = make_site(tmp_path)
    os.symlink(node_modules, site.root / "node_modules")
    write_association(site.root)
    with open(site.root / "hoi.yaml", "a", encoding="utf-8") as handle:
        handle.write("git:\n" + HOSTS["github"][0])
    site.article("a.md")
    result = site.build(env={"DECAP_ADMIN": "1"})
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((site.output / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["local_backend"] is True
