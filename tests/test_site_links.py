"""The check of every link of the built site (site_links.py): what it reads
as a link or an anchor, and its cache of what each page links to.

The pages are read with a regular expression rather than an HTML parser,
so these are the cases where the two could part: entities and
percent-encoding in addresses, quoting, anchors, and links that are only
text (in code, in a comment).
"""

import os
import subprocess
import sys
import textwrap

import pytest

from conftest import PROJECT, make_site

FIX = ("sửa địa chỉ cho đúng; liên kết tới bài khác nên viết "
       "[chữ]({filename}/articles/ten-tep.md), tới ảnh viết "
       "{static}/images/ten-anh.png, để chương trình tự tính địa chỉ")
TARGET_PAGE = """\
---
title: "Trang đích"
status: hidden
---
<span id="neo-co-that">Neo</span> <span id="mục-một">Mục một</span>
"""
# Line 6 of the article (after the 5 lines of front matter): good
# links; line 7 the same with single quotes, no quotes and a numeric entity
# (&#35; is "#"); lines 9 and 10 broken ones; then links that are only text.
LINKS = """\
[a](/trang-dich/?a=1&b=2#neo-co-that) [b](/images/%E1%BA%A3nh-%C4%91%E1%BA%B9p.png) [c](/trang-dich/#m%E1%BB%A5c-m%E1%BB%99t)
<a href='/trang-dich/'>d</a> <a href=/trang-dich/>e</a> <a href="/trang-dich/&#35;neo-co-that">f</a>

[g](/khong-co/?a=1&b=2) [h](/images/%E1%BA%A3nh-x%E1%BA%A5u.png) [i](/trang-dich/#neo-khong-co)
<a href='/nhay-don/'>j</a> <a href=/khong-nhay/>k</a>

Chữ: `<a href="/trong-code/">l</a>`

```
<a href="/trong-khoi-code/">m</a>
```

<!-- <a href="/trong-chu-thich/">n</a> -->
"""

# The officer's build, counting the pages whose links were extracted (not
# found in the cache).
COUNTING_BUILD = textwrap.dedent("""
    import sys
    from khuyenhoc.build import strict as build
    from khuyenhoc.checks import links as site_links
    original, extracted = site_links._extract, []
    def counted(text, css):
        extracted.append(css)
        return original(text, css)
    site_links._extract = counted
    code = build.main(["pelicanconf.py"])
    print("extracted:", len(extracted))
    sys.exit(code)
""")


def broken(address, line, column):
    return (f"content/articles/nguon.md, dòng {line}, cột {column}: liên kết không dẫn tới "
            f"trang hay tệp nào của trang web (ở trang /) (gặp: {address}). Cách sửa: {FIX}")


def counted_build(site):
    """(exit code, pages extracted, what the officer reads)."""
    result = subprocess.run(
        [sys.executable, "-c", COUNTING_BUILD], cwd=site.root, capture_output=True,
        text=True, env=dict(os.environ, PYTHONPATH=str(site.root / "plugins")))
    return (result.returncode, int(result.stdout.split("extracted:")[1]),
            result.stderr)


def linking_site(root):
    site = make_site(root)
    site.write("content/pages/dich.md", TARGET_PAGE)
    image = (PROJECT / "content/images/tu-sach.png").read_bytes()
    site.write("content/images/ảnh-đẹp.png", image)
    return site


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    site = linking_site(tmp_path_factory.mktemp("links"))
    site.article("nguon.md", title="Bài nguồn", body=LINKS)
    result = site.build()
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stderr


def numbered_messages(report):
    return [line.split(". ", 1)[1] for line in report.splitlines()
            if line[:1].isdigit() and ". " in line]


def test_exactly_the_broken_links_are_reported(refused):
    assert numbered_messages(refused) == [
        broken("/khong-co/?a=1&b=2", 9, 5),  # &amp; in the page: decoded, found in the article
        broken("/images/%E1%BA%A3nh-x%E1%BA%A5u.png", 9, 29),
        broken("/trang-dich/#neo-khong-co", 9, 70),
        broken("/nhay-don/", 10, 10),
        broken("/khong-nhay/", 10, 36),
    ]


@pytest.mark.parametrize("shown_only", [
    "/trong-code/", "/trong-khoi-code/", "/trong-chu-thich/"])
def test_a_link_shown_as_text_is_not_a_link(refused, shown_only):
    assert shown_only not in refused


def test_percent_encoded_vietnamese_path_and_anchor_lead_somewhere(refused):
    assert "%E1%BA%A3nh-%C4%91%E1%BA%B9p" not in refused  # images/ảnh-đẹp.png
    assert "m%E1%BB%A5c" not in refused                     # #mục-một
    assert "neo-co-that" not in refused


def test_a_cached_page_still_finds_its_target_gone(tmp_path):
    """The cache keeps what each page links to, never whether the link was
    good: no page is read again (they are all the same), yet the link of the
    article's page is found broken, as its target page is gone."""
    site = linking_site(tmp_path)
    site.article("nguon.md", title="Bài nguồn", body="Xem [đích](/trang-dich/#neo-co-that).")
    code, extracted, report = counted_build(site)
    assert code == 0, report
    assert extracted > 10

    (site.root / "content/pages/dich.md").unlink()
    code, extracted, report = counted_build(site)
    assert (code, extracted) == (1, 0), report
    assert numbered_messages(report) == [
        "content/articles/nguon.md, dòng 6, cột 12: liên kết không dẫn tới trang hay tệp nào "
        f"của trang web (ở trang /) (gặp: /trang-dich/#neo-co-that). Cách sửa: {FIX}"]


def test_a_damaged_cache_is_read_again(tmp_path):
    site = linking_site(tmp_path)
    site.article("nguon.md", title="Bài nguồn", body="Xem [đích](/trang-dich/#neo-khong-co).")
    (site.root / "cache").mkdir()
    (site.root / "cache/lien-ket.marshal").write_bytes(b"\x00not marshal")
    code, extracted, report = counted_build(site)
    assert code == 1
    assert extracted > 10
    assert "(gặp: /trang-dich/#neo-khong-co)" in report
