"""Any warning fails the build, and a failed build publishes nothing."""


def test_pelican_warning_fails_the_build_and_keeps_the_old_site(site):
    site.article("a.md", title="Bài tốt")
    assert site.build().returncode == 0
    before = sorted(p.relative_to(site.output) for p in site.output.rglob("*"))
    old_index = site.html("index.html")

    site.article("b.md", title="Bài có liên kết hỏng",
                 body="Xem [bài khác]({filename}/khong-co-bai-nay.md).")
    result = site.build()
    assert result.returncode == 1
    assert "KHÔNG DỰNG ĐƯỢC TRANG: 1 lỗi" in result.stderr
    assert "Pelican báo: Unable to find" in result.stderr
    assert sorted(p.relative_to(site.output) for p in site.output.rglob("*")) == before
    assert site.html("index.html") == old_index
    assert not [p for p in site.root.iterdir() if p.name.startswith(".dang-dung-")]


def test_successful_build_replaces_the_output(site):
    site.article("a.md", title="Bài một")
    assert site.build().returncode == 0
    (site.output / "stale.html").write_text("cũ")
    site.article("b.md", title="Bài hai")
    assert site.build().returncode == 0
    assert not (site.output / "stale.html").exists()
    assert (site.output / "bai-hai" / "index.html").exists()
