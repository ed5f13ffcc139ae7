"""PNGs and share cards in the production build (`make publish`), none in the
development build; cached like the SVGs, so a publish with nothing new draws
none, starts no worker and never imports matplotlib in the build process."""

import io
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from PIL import Image
from stats_fixtures import write_data
from test_charts import CHARTS, snapshot

from conftest import make_site

SITEURL = "https://example.org/hoi"
ARTICLE = "bieu-do-quy/index.html"
COVERED = "co-anh-bia/index.html"
FIGURE_ONLY = "so-du-quy/index.html"


def publish(site, cold):
    """`make publish` with the importing of every module logged (-X importtime:
    this process only, not the PNG workers it starts)."""
    if cold:
        shutil.rmtree(site.root / "cache", ignore_errors=True)
    shutil.rmtree(site.output, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "khuyenhoc.build", "publishconf.py"],
        cwd=site.root, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(site.root / "plugins"), "SITEURL": SITEURL})
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((site.root / "cache/anh-png/last-build.json").read_text())
    return result, report, snapshot(site.output)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("png"))
    write_data(site)
    site.article("quy.md", title="Biểu đồ quỹ", body="Các biểu đồ của quỹ.\n\n" + CHARTS)
    site.write("content/images/bia.png", (site.root / "theme/static/images/share.png").read_bytes())
    site.article("bia.md", title="Có ảnh bìa", date="2020-03-24 08:30",
                 extra='cover: images/bia.png\ncover_caption: "Ảnh: bìa."\n')
    site.article("so-du.md", title="Số dư quỹ", date="2020-03-25 08:30",
                 body="Số dư quỹ cuối năm 2019 là [[funds/khoi-cq/2019/closing]].")
    site.builds = [publish(site, cold) for cold in (True, False, True)]
    return site


def test_every_chart_has_its_png_beside_the_svg_and_csv_links(published):
    page = published.html(ARTICLE)
    keys = re.findall(r'<figure class="chart chart-[a-z]+" id="bieu-do-([0-9a-f]{16})">', page)
    assert len(keys) == 9
    for key in keys:
        assert (f'<a href="{SITEURL}/bieu-do/{key}.svg">Mở biểu đồ (SVG)</a> · '
                f'<a href="{SITEURL}/bieu-do/{key}.png" download>Tải ảnh (PNG)</a>') in page
        image = Image.open(published.output / "bieu-do" / f"{key}.png")
        assert image.format == "PNG" and abs(image.size[0] - 1260) < 2


def test_a_cold_publish_draws_in_workers_and_the_build_imports_no_matplotlib(published):
    (cold, report, _), _, _ = published.builds
    assert report["drawn"] > 0 and report["reused"] == 0 and report["workers"] >= 1
    assert "import time:" in cold.stderr  # the log is there...
    assert "matplotlib" not in cold.stderr  # ...and matplotlib is not in it


def test_a_warm_publish_draws_nothing_starts_no_worker_and_imports_no_matplotlib(published):
    (_, cold, _), (warm, report, _), _ = published.builds
    assert report == {"drawn": 0, "reused": cold["drawn"], "workers": 0}
    assert "import time:" in warm.stderr and "matplotlib" not in warm.stderr


def test_two_publishes_give_the_same_bytes(published):
    (_, _, first), (_, _, warm), (_, _, cold_again) = published.builds
    assert any(name.endswith(".png") for name in first)
    assert warm == first
    assert cold_again == first


def share_card(site, page):
    html = site.html(page)
    og = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    twitter = re.search(r'<meta name="twitter:image" content="([^"]+)">', html).group(1)
    assert og == twitter
    return og, html


@pytest.mark.parametrize("page", [ARTICLE, FIGURE_ONLY, "so-lieu/index.html",
                                  "so-lieu/funds/index.html", "bao-cao/2019/index.html",
                                  "don-vi/khoi-cq/index.html"])
def test_articles_without_a_cover_and_statistics_pages_have_a_share_card(published, page):
    address, html = share_card(published, page)
    assert re.fullmatch(re.escape(SITEURL) + r"/chia-se/[0-9a-f]{16}\.png", address)
    assert '<meta property="og:image:width" content="1200">' in html
    data = (published.output / address[len(SITEURL) + 1:]).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) < 300_000
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_an_article_with_a_cover_keeps_its_cover(published):
    address, html = share_card(published, COVERED)
    assert address == f"{SITEURL}/images/bia.png"
    assert "og:image:width" not in html


def test_the_development_build_draws_and_links_no_png(site):
    write_data(site)
    site.article("quy.md", title="Biểu đồ quỹ", body="Các biểu đồ.\n\n" + CHARTS)
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = site.html(ARTICLE)
    assert "Mở biểu đồ (SVG)" in page and "Tải ảnh (PNG)" not in page
    assert not list(site.output.rglob("*.png")) or all(
        "theme" in str(p) for p in site.output.rglob("*.png"))
    assert not (site.root / "cache" / "anh-png").exists()
    assert "/chia-se/" not in page
