"""Warm builds read again only what changed, and never serve a stale page."""

import os
import subprocess
import sys
import textwrap
import time

import pytest

from last_good_site import snapshot

# Runs `make html`'s build with a count of the files our reader really reads.
COUNTING_BUILD = textwrap.dedent("""
    import os, sys
    from khuyenhoc.build import strict as build
    from khuyenhoc.data import datasets
    from khuyenhoc.reading import front_matter as frontmatter_reader
    reader = frontmatter_reader.FrontMatterMarkdownReader
    original, read = reader.read, []
    def counted(self, source_path):
        read.append(source_path)
        return original(self, source_path)
    reader.read = counted
    original_data = datasets.read
    def counted_data(data_dir):
        # data/ is read in a forked child (data_cache.py): told straight
        # to the output, not kept in this process's memory.
        os.write(1, b"\\ndata read\\n")
        return original_data(data_dir)
    datasets.read = counted_data
    code = build.main(["pelicanconf.py"])
    print("read:", len(read))
    sys.exit(code)
""")


def counted_build(site, what="articles"):
    """Build; how many articles (or data folders) were really read."""
    result = run_counted(site)
    assert result.returncode == 0, result.stderr
    if what == "articles":
        return int(result.stdout.split("read:")[1])
    return result.stdout.count("\ndata read\n")


def run_counted(site):
    return subprocess.run(
        [sys.executable, "-c", COUNTING_BUILD], cwd=site.root, capture_output=True,
        text=True, env=dict(os.environ, PYTHONPATH=str(site.root / "plugins")))


def three_articles(site):
    for number in (1, 2, 3):
        site.article(f"bai-{number}.md", title=f"Bài số {number}",
                     body=f"## Mục một\n\nNội dung bài {number}.")


def test_second_build_reads_only_the_saved_article(site):
    three_articles(site)
    assert counted_build(site) == 3
    site.article("bai-2.md", title="Bài số 2", body="Nội dung mới của bài hai.")
    assert counted_build(site) == 1
    assert "Nội dung mới của bài hai." in site.html("bai-so-2/index.html")
    assert "Nội dung bài 1." in site.html("bai-so-1/index.html")
    assert counted_build(site) == 0


def test_a_mistake_found_when_reading_is_found_again_from_the_cache(site):
    # The article's HTML is checked as it is read; the next build takes the
    # article from Pelican's cache and must refuse it just the same.
    three_articles(site)
    site.article("bai-2.md", title="Bài số 2",
                 body="Đoạn đầu.\n\n<script>alert(1)</script>\n\n![](images/a.png)")
    first, second = run_counted(site), run_counted(site)
    assert first.returncode == second.returncode == 1
    assert first.stdout.split("read:")[1].split()[0] == "3"
    assert second.stdout.split("read:")[1].split()[0] == "0"
    for message in ("content/articles/bai-2.md, dòng 8, cột 1: mã HTML có thể chạy trong "
                    "trình duyệt của người đọc (gặp: <script>)",
                    "content/articles/bai-2.md, dòng 10, cột 5: ảnh chưa có lời mô tả "
                    "(gặp: images/a.png)"):
        assert message in first.stderr and message in second.stderr
    assert not site.output.exists()


def test_changed_settings_read_every_article_again(site):
    three_articles(site)
    assert counted_build(site) == 3
    assert 'class="headerlink"' not in site.html("bai-so-1/index.html")
    settings = (site.root / "pelicanconf.py").read_text(encoding="utf-8")
    site.write("pelicanconf.py", settings + textwrap.dedent("""
        MARKDOWN["extension_configs"]["markdown.extensions.toc"]["permalink"] = True
    """))
    assert counted_build(site) == 3
    assert 'class="headerlink"' in site.html("bai-so-1/index.html")


def test_changed_plugin_code_reads_every_article_again(site):
    three_articles(site)
    assert counted_build(site) == 3
    formats = site.root / "plugins" / "khuyenhoc" / "vietnamese" / "formats.py"
    formats.write_text(formats.read_text(encoding="utf-8") + "\n# sửa\n", encoding="utf-8")
    assert counted_build(site) == 3


def test_data_is_read_again_only_when_a_data_file_changes(site):
    site.write("theme/templates/quy.html", """
        {%- set fund = data.get("funds", "khoi-cq", 2019)[0] -%}
        <p id="quy">{{ fund.closing | vi_money }}</p>
        """)
    site.article("a.md", title="Quỹ năm 2019", extra="template: quy\n")
    site.write("data/units.yaml", "- id: khoi-cq\n  name: Hội Khuyến học Khối\n"
                                  "  short_name: Khối\n  level: khối\n")
    fund = ("- unit: khoi-cq\n  year: 2019\n  opening: 425_000_000\n  raised: 186_400_000\n"
            "  disbursed: 172_300_000\n  closing: {closing}\n")
    site.write("data/funds.yaml", fund.format(closing="439_100_000"))
    assert counted_build(site, "data") == 1
    assert counted_build(site, "data") == 0
    assert '<p id="quy">439.100.000\u00a0đồng</p>' in site.html("quy-nam-2019/index.html")
    site.write("data/funds.yaml", fund.format(closing="439_100_000").replace(
        "172_300_000", "172_000_000").replace("439_100_000", "439_400_000"))
    assert counted_build(site, "data") == 1
    assert '<p id="quy">439.400.000\u00a0đồng</p>' in site.html("quy-nam-2019/index.html")


def test_article_restored_with_its_old_date_is_read_again(site):
    """A copy from a backup keeps its date: the checksum still sees the change."""
    path = site.article("a.md", title="Bài khôi phục", body="Bản thứ nhất.")
    stamp = os.stat(path).st_mtime_ns
    assert site.build().returncode == 0
    site.article("a.md", title="Bài khôi phục", body="Bản thứ hai.")
    os.utime(path, ns=(stamp, stamp))
    assert site.build().returncode == 0
    assert "Bản thứ hai." in site.html("bai-khoi-phuc/index.html")


def test_old_site_is_deleted_after_the_build_returns(site):
    three_articles(site)
    assert site.build().returncode == 0
    site.article("bai-4.md", title="Bài số 4")
    assert site.build().returncode == 0
    assert (site.output / "bai-so-4" / "index.html").exists()
    assert not [p for p in site.root.iterdir() if p.name.startswith(".")]
    trash = site.root / "cache" / "dang-xoa"
    deadline = time.monotonic() + 30
    while trash.exists() and list(trash.iterdir()):
        assert time.monotonic() < deadline, sorted(p.name for p in trash.iterdir())
        time.sleep(0.05)


def test_footnotes_and_abbreviations_stay_in_their_article(site):
    """One Markdown converter serves every article: nothing carries over,
    whichever of the two is read first."""
    for name, own, other in (("a", "HĐND", "UBND"), ("b", "UBND", "HĐND")):
        site.article(f"{name}.md", title=f"Bài {name}",
                     body=f"Kỳ họp {own} và {other}[^1].\n\n[^1]: Chú thích của bài {name}.\n\n"
                          f"*[{own}]: định nghĩa của bài {name}")
    assert site.build().returncode == 0
    for name, own, _other in (("a", "HĐND", "UBND"), ("b", "UBND", "HĐND")):
        html = site.html(f"bai-{name}/index.html")
        assert f'<abbr title="định nghĩa của bài {name}">{own}</abbr>' in html
        assert "<abbr title=" not in html.replace(f'<abbr title="định nghĩa của bài {name}">', "")
        assert f"Chú thích của bài {name}." in html
        assert "Chú thích của bài " + ("b" if name == "a" else "a") not in html


UP_TO_DATE = "Không có gì thay đổi từ lần dựng trước: output/ đã là bản mới nhất."


def test_a_build_with_nothing_changed_leaves_the_site_alone(site):
    three_articles(site)
    first = site.build()
    assert first.returncode == 0 and UP_TO_DATE not in first.stderr
    before = snapshot(site.output)
    assert counted_build(site) == 0
    again = site.build()
    assert again.returncode == 0
    assert UP_TO_DATE in again.stderr
    assert snapshot(site.output) == before


def test_every_kind_of_change_builds_again(site):
    """Whatever a page may depend on, a change to it is built; and the site
    changed by hand is built again from the sources."""
    three_articles(site)
    site.write("data/units.yaml", "- id: khoi-cq\n  name: Hội Khuyến học Khối\n"
                                  "  short_name: Khối\n  level: khối\n")
    assert site.build().returncode == 0

    def built_again(check):
        result = site.build()
        assert result.returncode == 0, result.stderr
        assert UP_TO_DATE not in result.stderr
        check()
        assert UP_TO_DATE in site.build().stderr

    page = "bai-so-1/index.html"
    site.article("bai-1.md", title="Bài số 1", body="Câu đã sửa.")
    built_again(lambda: "Câu đã sửa." in site.html(page) or pytest.fail("article"))
    site.write("data/units.yaml", "- id: khoi-cq\n  name: Hội Khuyến học Khối cơ quan\n"
                                  "  short_name: Khối\n  level: khối\n")
    built_again(lambda: "Hội Khuyến học Khối cơ quan" in site.html("don-vi/khoi-cq/index.html")
                or pytest.fail("data"))
    base = site.root / "theme" / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace(
        "</body>", "<!-- giao diện mới --></body>"), encoding="utf-8")
    built_again(lambda: "giao diện mới" in site.html(page) or pytest.fail("theme"))
    settings = site.root / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + '\nSITESUBTITLE = "Tên phụ mới"\n',
                        encoding="utf-8")
    built_again(lambda: "Tên phụ mới" in site.html("index.html") or pytest.fail("settings"))
    (site.output / page).unlink()
    built_again(lambda: (site.output / page).is_file() or pytest.fail("deleted page"))
    (site.output / page).write_text("sửa tay", encoding="utf-8")
    built_again(lambda: "Câu đã sửa." in site.html(page) or pytest.fail("page edited by hand"))
    published = site.build("publishconf.py", env={"SITEURL": "https://example.org/hoi"})
    assert published.returncode == 0 and UP_TO_DATE not in published.stderr
    assert "https://example.org/hoi/" in site.html(page)
    built_again(lambda: "https://example.org/hoi/" not in site.html(page) or pytest.fail("dev"))


def site_bytes(folder):
    import hashlib
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()}


def test_a_fresh_clone_given_the_last_runs_cache_builds_as_a_warm_build(site, tmp_path):
    """The publishing recipes keep cache/ between runs; each run is a fresh
    clone, possibly in another folder: the caches are keyed by content, not
    by paths or dates, so nothing is read again (issue 16)."""
    import shutil
    three_articles(site)
    site.write("data/units.yaml", "- id: hoi\n  name: Hội Khuyến học\n  short_name: Hội\n"
                                  "  level: tỉnh\n")
    assert counted_build(site) == 3
    first = site_bytes(site.output)
    clone = tmp_path / "ban-sao-moi"
    shutil.copytree(site.root, clone, ignore=shutil.ignore_patterns("output", "cache"))
    shutil.copytree(site.root / "cache", clone / "cache")  # the restored cache folder
    for path in clone.rglob("*"):  # a checkout's dates: now, not the files' own
        os.utime(path)
    fresh = type(site)(clone)
    result = run_counted(fresh)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split("read:")[1]) == 0
    assert result.stdout.count("\ndata read\n") == 0
    assert site_bytes(fresh.output) == first  # the same site, byte for byte
    # Changed content is still read again, there as here.
    fresh.article("bai-2.md", title="Bài số 2", body="Nội dung mới.")
    assert counted_build(fresh) == 1
