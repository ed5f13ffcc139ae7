"""`make check`: the data and the front matter checked in a second, without a build."""

import os
import subprocess
import sys

from conftest import PROJECT


def run_check(site):
    environment = dict(os.environ, PYTHONPATH=str(site.root / "plugins"))
    return subprocess.run([sys.executable, "-m", "khuyenhoc.commands.check", "pelicanconf.py"],
                          cwd=site.root, env=environment, capture_output=True, text=True)


def test_sample_project_passes_the_check_without_building(tmp_path):
    # How fast it is belongs to the benchmark (make bench), not to a timed test.
    from conftest import make_site
    site = make_site(tmp_path, with_content=True)
    result = run_check(site)
    assert result.returncode == 0, result.stderr
    articles = len(list((PROJECT / "content").rglob("*.md")))
    assert result.stdout == f"Kiểm tra xong: dữ liệu và {articles} bài viết, trang không có lỗi.\n"
    assert not (site.root / "output").exists()


def test_data_and_front_matter_mistakes_together_with_the_builds_messages(site):
    site.write("data/organisation.yaml", "- unit: khoi-cq\n  year: 2019\n  members: 8.240\n")
    site.article("a.md", date="2020-02-30 08:30")
    site.article("b.md", extra="sumary: Tóm tắt\n")
    site.write("content/pages/gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nNội dung\n")
    result = run_check(site)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line]
    assert lines == [
        "KIỂM TRA: 3 lỗi cần sửa trước khi đăng.",
        '1. content/articles/a.md, dòng 3, cột 7: trường "date": ngày không hợp lệ (gặp: '
        "2020-02-30 08:30). Cách sửa: viết ngày có thật theo dạng 2018-12-26 hoặc "
        "2018-12-26 08:30",
        '2. content/articles/b.md, dòng 5, cột 9: trường "sumary": trường không có trong '
        'danh sách (gặp: sumary). Cách sửa: có phải ý bạn là "summary"? Sửa tên trường',
        '3. data/organisation.yaml, dòng 3, cột 12: trường "organisation[0].members": số '
        "viết có dấu chấm ngăn cách hàng nghìn sẽ bị đọc sai (gặp: 8.240). Cách sửa: viết "
        "8240 hoặc 8_240 (không dùng dấu chấm ngăn cách hàng nghìn)",
    ]

    built = site.build()
    assert built.returncode == 1
    for line in lines[1:]:
        assert line in built.stderr


def test_an_article_that_cannot_be_read_is_reported_and_the_rest_checked(site):
    site.write("content/articles/a.md", "Không có phần thông tin đầu bài.\n")
    site.article("b.md", extra="featured: có\n")
    result = run_check(site)
    assert result.returncode == 1
    assert "1. content/articles/a.md, dòng 1: bài viết không bắt đầu bằng phần thông tin" in result.stderr
    assert ('2. content/articles/b.md, dòng 5, cột 11: trường "featured": chỉ nhận true '
            "hoặc false (gặp: 'có'). Cách sửa: viết `featured: true` hoặc xoá dòng này"
            ) in result.stderr
