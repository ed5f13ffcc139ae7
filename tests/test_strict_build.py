"""Any warning fails the build, and a failed build publishes nothing."""


def test_pelican_warning_fails_the_build_and_keeps_the_old_site(site):
    site.article("a.md", title="Bài tốt")
    assert site.build().returncode == 0
    before = sorted(p.relative_to(site.output) for p in site.output.rglob("*"))
    old_index = site.html("index.html")

    # A setting that Pelican only warns about (our checks cover the content).
    settings = (site.root / "pelicanconf.py").read_text(encoding="utf-8")
    site.write("pelicanconf.py", settings + '\nARTICLE_ORDER_BY = "khong-co"\n')
    result = site.build()
    assert result.returncode == 1
    assert "KHÔNG DỰNG ĐƯỢC TRANG: 1 lỗi" in result.stderr
    assert 'Pelican báo: There is no "khong-co" attribute' in result.stderr
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
