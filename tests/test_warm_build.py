"""Warm builds read again only what changed, and never serve a stale page."""

import os
import subprocess
import sys
import textwrap

# Runs `make html`'s build with a count of the files our reader really reads.
COUNTING_BUILD = textwrap.dedent("""
    import sys
    from khuyenhoc import build, frontmatter_reader
    reader = frontmatter_reader.FrontMatterMarkdownReader
    original, read = reader.read, []
    def counted(self, source_path):
        read.append(source_path)
        return original(self, source_path)
    reader.read = counted
    code = build.main(["pelicanconf.py"])
    print("read:", len(read))
    sys.exit(code)
""")


def counted_build(site):
    result = subprocess.run(
        [sys.executable, "-c", COUNTING_BUILD], cwd=site.root, capture_output=True,
        text=True, env=dict(os.environ, PYTHONPATH=str(site.root / "plugins")))
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split("read:")[1])


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
    formats = site.root / "plugins" / "khuyenhoc" / "formats.py"
    formats.write_text(formats.read_text(encoding="utf-8") + "\n# sửa\n", encoding="utf-8")
    assert counted_build(site) == 3


def test_article_restored_with_its_old_date_is_read_again(site):
    """A copy from a backup keeps its date: the checksum still sees the change."""
    path = site.article("a.md", title="Bài khôi phục", body="Bản thứ nhất.")
    stamp = os.stat(path).st_mtime_ns
    assert site.build().returncode == 0
    site.article("a.md", title="Bài khôi phục", body="Bản thứ hai.")
    os.utime(path, ns=(stamp, stamp))
    assert site.build().returncode == 0
    assert "Bản thứ hai." in site.html("bai-khoi-phuc/index.html")


def test_footnotes_and_abbreviations_stay_in_their_article(site):
    """One Markdown converter serves every article: nothing carries over,
    whichever of the two is read first."""
    for name, own, other in (("a", "HĐND", "UBND"), ("b", "UBND", "HĐND")):
        site.article(f"{name}.md", title=f"Bài {name}",
                     body=f"Kỳ họp {own} và {other}[^1].\n\n[^1]: Chú thích của bài {name}.\n\n"
                          f"*[{own}]: định nghĩa của bài {name}")
    assert site.build().returncode == 0
    for name, own, other in (("a", "HĐND", "UBND"), ("b", "UBND", "HĐND")):
        html = site.html(f"bai-{name}/index.html")
        assert f'<abbr title="định nghĩa của bài {name}">{own}</abbr>' in html
        assert "<abbr title=" not in html.replace(f'<abbr title="định nghĩa của bài {name}">', "")
        assert f"Chú thích của bài {name}." in html
        assert "Chú thích của bài " + ("b" if name == "a" else "a") not in html
