"""The preview: a saved article shows at once, then the whole site follows."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from local_http import fetch, free_port, wait_until
from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect


def quick_build(site, *sources):
    return subprocess.run(
        [sys.executable, "-m", "khuyenhoc.preview.quick_step", "pelicanconf.py", *sources],
        cwd=site.root, capture_output=True, text=True,
        env=dict(os.environ, PYTHONPATH=str(site.root / "plugins")))


def two_articles(site):
    site.article("a.md", title="Bài thứ nhất", date="2020-03-23 08:30", body="Bản đầu của bài một.")
    site.article("b.md", title="Bài thứ hai", date="2020-03-24 08:30", body="Bản đầu của bài hai.")
    assert site.build().returncode == 0


def test_quick_build_writes_only_the_saved_articles_page(site):
    two_articles(site)
    index = site.html("index.html")
    site.article("a.md", title="Bài thứ nhất", date="2020-03-23 08:30", body="Bản sửa của bài một.")
    site.article("b.md", title="Bài thứ hai", date="2020-03-24 08:30", body="Bản sửa của bài hai.")
    served = site.output / "bai-thu-nhat" / "index.html"
    before = served.stat().st_ino
    result = quick_build(site, "content/articles/a.md")
    assert result.returncode == 0, result.stderr
    assert "Bản sửa của bài một." in site.html("bai-thu-nhat/index.html")
    # Replaced in one step (a new file renamed over it), not rewritten in place.
    assert served.stat().st_ino != before
    assert not list(site.output.rglob("*.tmp"))
    assert "Bản đầu của bài hai." in site.html("bai-thu-hai/index.html")
    assert site.html("index.html") == index
    assert not [p for p in site.root.iterdir() if p.name.startswith(".dang-dung-")]


def test_quick_build_of_a_mistaken_article_writes_nothing(site):
    two_articles(site)
    page = site.html("bai-thu-nhat/index.html")
    site.article("a.md", title="Bài thứ nhất", date="2020-02-30 08:30", body="Bản sửa.")
    result = quick_build(site, "content/articles/a.md")
    assert result.returncode == 1
    assert "KHÔNG DỰNG ĐƯỢC TRANG: 1 lỗi" in result.stderr
    assert 'content/articles/a.md, dòng 3, cột 7: trường "date": ngày không hợp lệ' in result.stderr
    assert site.html("bai-thu-nhat/index.html") == page


@pytest.fixture
def preview(site):
    """`make serve` in the site: (site, address); stopped after the test."""
    two_articles(site)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "khuyenhoc.preview.server", "--port", str(port)],
        cwd=site.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, PYTHONPATH=str(site.root / "plugins")))
    address = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: "Bài thứ nhất" in fetch(address + "/")), "no preview"
        yield site, address
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_saved_article_is_served_and_the_browser_reloaded(preview):
    site, address = preview
    messages = []

    async def save_and_listen():
        socket_ = await websocket_connect(address.replace("http", "ws") + "/livereload")
        socket_.write_message(json.dumps({"command": "hello", "protocols": []}))
        assert json.loads(await socket_.read_message())["command"] == "hello"
        socket_.write_message(json.dumps({"command": "info", "url": address + "/"}))
        site.article("a.md", title="Bài thứ nhất", date="2020-03-23 08:30",
                     body="Bản vừa lưu của bài một.")
        messages.append(json.loads(await socket_.read_message()))
        socket_.close()

    IOLoop.current().run_sync(save_and_listen, timeout=60)
    assert messages[0]["command"] == "reload"
    assert "Bản vừa lưu của bài một." in fetch(address + "/bai-thu-nhat/")
    # Then the full build brings the lists up to date.
    site.article("c.md", title="Bài thứ ba", date="2020-03-25 08:30", body="Bài mới.")
    assert wait_until(lambda: "Bài thứ ba" in fetch(address + "/"))


def test_a_save_during_a_build_is_not_lost(preview):
    site, address = preview
    for number in range(1, 6):
        site.article("a.md", title="Bài thứ nhất", date="2020-03-23 08:30",
                     body=f"Lần lưu thứ {number}.")
        time.sleep(0.3)
    assert wait_until(lambda: "Lần lưu thứ 5." in fetch(address + "/bai-thu-nhat/"))
    assert wait_until(lambda: not [p for p in site.root.iterdir()
                                   if p.name.startswith(".dang-dung-")])


def fund_data(site):
    """One unit's fund over 2018-2020."""
    site.write("data/units.yaml", "- id: khoi-cq\n  name: Hội Khuyến học Khối\n"
                                  "  short_name: Khối\n  level: khối\n")
    site.write("data/funds.yaml", "".join(
        f"- unit: khoi-cq\n  year: {year}\n  opening: {100 + year - 2018}_000_000\n"
        f"  raised: 1_000_000\n  disbursed: 0\n  closing: {101 + year - 2018}_000_000\n"
        for year in (2018, 2019, 2020)))


def test_quick_build_puts_the_charts_into_the_saved_page(site):
    fund_data(site)
    two_articles(site)
    site.article("a.md", title="Bài thứ nhất", date="2020-03-23 08:30",
                 body="Số dư quỹ qua các năm:\n\n[[biểu đồ cột: funds/khoi-cq/2018-2020 closing]]")
    result = quick_build(site, "content/articles/a.md")
    assert result.returncode == 0, result.stderr
    html = site.html("bai-thu-nhat/index.html")
    drawing = html.split('class="chart-drawing"', 1)[1].split("</div>", 1)[0]
    assert "<svg" in drawing


class Worker:
    """The preview server's quick-step worker, driven as the server drives it."""

    def __init__(self, site):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "khuyenhoc.preview.worker", "pelicanconf.py"],
            cwd=site.root, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
            env=dict(os.environ, PYTHONPATH=str(site.root / "plugins")))
        self.site = site

    def pages(self, *sources):
        """The exit code of writing the pages of ``sources`` (content/...)."""
        paths = [str(self.site.root / source) for source in sources]
        self.process.stdin.write(json.dumps(paths) + "\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def close(self):
        """Standard error of the whole run."""
        self.process.stdin.close()
        self.process.wait(60)
        return self.process.stderr.read()


def figures_site(site):
    """Articles with a figure, a chart, shared tags (related articles), two
    categories and neighbours, a page, and the data they show."""
    fund_data(site)
    site.write("content/pages/gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nVề Hội.\n")
    for number, (name, category) in enumerate(
            [("a.md", "Tin hoạt động"), ("b.md", "Gương sáng"), ("c.md", "Tin hoạt động"),
             ("d.md", "Gương sáng")], 1):
        site.article(name, title=f"Bài số {number}", date=f"2020-03-2{number} 08:30",
                     category=category, extra="tags: [quỹ, học bổng]\n",
                     body=f"Bản đầu của bài {number}.")
    edit_figures_article(site, "Bản đầu")
    assert site.build().returncode == 0


def edit_figures_article(site, words):
    site.article("b.md", title="Bài số 2", date="2020-03-22 08:30", category="Gương sáng",
                 extra="tags: [quỹ, học bổng]\n",
                 body=f"{words}: quỹ cuối năm 2020 còn [[funds/khoi-cq/2020/closing]].\n\n"
                      "[[biểu đồ cột: funds/khoi-cq/2018-2020 closing]]")


def test_worker_writes_the_page_the_full_build_publishes(site):
    figures_site(site)
    page = "bai-so-2/index.html"
    worker = Worker(site)
    try:
        edit_figures_article(site, "Bản sửa")
        assert worker.pages("content/articles/b.md") == 0
        quick = site.html(page)
        assert "Bản sửa: quỹ cuối năm 2020 còn <data" in quick
        assert '<svg' in quick.split('class="chart-drawing"', 1)[1].split("</div>", 1)[0]
        assert site.build().returncode == 0
        assert quick == site.html(page)
        # A neighbour renamed, then the article saved again: the kept
        # articles give the new title, as a fresh read does.
        site.article("c.md", title="Bài số ba", date="2020-03-23 08:30",
                     extra="tags: [quỹ, học bổng]\n", body="Bản đầu của bài 3.")
        assert worker.pages("content/articles/c.md") == 0
        edit_figures_article(site, "Bản sửa lần hai")
        assert worker.pages("content/articles/b.md") == 0
        quick = site.html(page)
        assert 'href="../bai-so-ba/">' in quick
        one_shot = quick_build(site, "content/articles/b.md")
        assert one_shot.returncode == 0, one_shot.stderr
        assert site.html(page) == quick
        assert site.build().returncode == 0
        assert quick == site.html(page)
    finally:
        worker.close()


def test_worker_refuses_a_mistaken_article_then_takes_it_fixed(site):
    two_articles(site)
    page = site.html("bai-thu-nhat/index.html")
    worker = Worker(site)
    site.article("a.md", title="Bài thứ nhất", date="2020-02-30 08:30", body="Bản sửa.")
    assert worker.pages("content/articles/a.md") == 1
    assert site.html("bai-thu-nhat/index.html") == page
    site.article("a.md", title="Bài thứ nhất", date="2020-03-23 08:30", body="Bản đã sửa.")
    assert worker.pages("content/articles/a.md") == 0
    assert "Bản đã sửa." in site.html("bai-thu-nhat/index.html")
    messages = worker.close()
    assert 'content/articles/a.md, dòng 3, cột 7: trường "date": ngày không hợp lệ' in messages
