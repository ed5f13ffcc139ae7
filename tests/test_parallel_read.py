"""Articles read on two cores (parallel_read.py) give the one-core build's site
and messages, survive a dead or stuck worker and leave no process behind."""

import filecmp
import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import make_site

# `make html`'s build, watched: how many files the worker's reading gave the
# build (taken) or left to it (bounced), how many the build read itself,
# and whether each worker was gone and reaped when the build returned.
# TEST_WORKER=kill|hang makes the worker die or hang at its fifth file;
# an article holding CẢNH_BÁO_THỬ makes the reader log a warning.
WATCHED_BUILD = textwrap.dedent("""
    import json, logging, os, signal, sys, time
    from khuyenhoc.build import strict as build
    from khuyenhoc.reading import parallel as parallel_read
    from khuyenhoc.reading.front_matter import FrontMatterMarkdownReader
    MAIN = os.getpid()
    seen = {"taken": 0, "bounced": 0, "main_reads": 0, "workers": [], "left": []}
    fault, worker_reads = os.environ.get("TEST_WORKER"), []
    if fault == "hang":
        parallel_read.PATIENCE = 3.0
    main_delay = float(os.environ.get("TEST_MAIN_DELAY", "0"))

    original_init = parallel_read._Worker.__init__
    def init(self, *args):
        original_init(self, *args)
        seen["workers"].append(self.process.pid)
    parallel_read._Worker.__init__ = init

    original_claim, original_wait = parallel_read._Worker._claim, parallel_read._Worker._wait_for
    def wait_for(self, number):
        result = original_wait(self, number)
        seen["taken" if result is not None else "bounced"] += 1
        return result
    parallel_read._Worker._wait_for = wait_for

    original_read = FrontMatterMarkdownReader.read
    def read(self, path):
        if os.getpid() == MAIN:
            seen["main_reads"] += 1
            time.sleep(main_delay)
        with open(path, encoding="utf-8", errors="replace") as handle:
            if "CẢNH_BÁO_THỬ" in handle.read():
                logging.getLogger("khuyenhoc").warning("cảnh báo thử của %s", os.path.basename(path))
        return original_read(self, path)
    FrontMatterMarkdownReader.read = read

    original_portable = parallel_read._read
    def faulty_read(readers, path):
        worker_reads.append(path)
        if len(worker_reads) == 5 and fault == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        if len(worker_reads) == 5 and fault == "hang":
            time.sleep(3600)
        return original_portable(readers, path)
    parallel_read._read = faulty_read

    code = build.main(["pelicanconf.py"])
    for pid in seen["workers"]:
        try:
            if os.waitpid(pid, os.WNOHANG) != (0, 0):
                seen["left"].append(("zombie", pid))
            else:
                seen["left"].append(("running", pid))
        except ChildProcessError:
            pass  # reaped
    print("WATCHED " + json.dumps(seen))
    sys.exit(code)
""")

COUNT = 60


def watched_build(site, parallel=True, fault=None, main_delay=0):
    """(exit code, stderr, what WATCHED_BUILD saw) of one build. ``main_delay``:
    seconds the build waits before each file it reads itself, so that the
    worker surely gets to the files at the end of the list however busy the
    machine is."""
    env = dict(os.environ, PYTHONPATH=str(site.root / "plugins"), PYTHONHASHSEED="0",
               KHUYENHOC_PARALLEL_READ="1" if parallel else "0",
               TEST_MAIN_DELAY=str(main_delay))
    if fault:
        env["TEST_WORKER"] = fault
    result = subprocess.run([sys.executable, "-c", WATCHED_BUILD], cwd=site.root, env=env,
                            capture_output=True, text=True, timeout=600)
    line = next(text for text in result.stdout.splitlines() if text.startswith("WATCHED "))
    return result.returncode, result.stderr, json.loads(line[len("WATCHED "):])


def write_articles(site, bad=()):
    for number in range(1, COUNT + 1):
        name = f"bai-{number:03d}.md"
        if number in bad:
            site.write(f"content/articles/{name}", bad[number])
            continue
        site.article(
            name, title=f"Bài số {number}", date=f"2020-03-{number % 28 + 1:02d} 08:{number % 60:02d}",
            category=("Tin hoạt động", "Gương học tập", "Quỹ khuyến học")[number % 3],
            extra=(f"tags: [thẻ {number % 5}, khuyến học]\nauthor: Tác giả {number % 4}\n"
                   f"summary: Tóm tắt *bài {number}*.\n"),
            body=f"## Mục một của bài {number}\n\nNội dung có chú thích[^1].\n\n"
                 f"| Năm | Số |\n|---|---|\n| 2020 | {number} |\n\n"
                 f"```\nmã [[không phải tham chiếu]]\n```\n\n[^1]: Chú thích bài {number}.",
        )


def same_files(first, second):
    """Every file of two folders, byte for byte; the differences."""
    differences = []
    for root, _, files in os.walk(first):
        for name in files:
            path = os.path.join(root, name)
            other = os.path.join(second, os.path.relpath(path, first))
            if not os.path.exists(other) or not filecmp.cmp(path, other, shallow=False):
                differences.append(os.path.relpath(path, first))
    def count(folder):
        return sum(len(files) for _, _, files in os.walk(folder))

    if count(first) != count(second):
        differences.append(f"{count(first)} files against {count(second)}")
    return differences


def fresh(site):
    for name in ("output", "cache"):
        shutil.rmtree(site.root / name, ignore_errors=True)


@pytest.fixture(scope="module")
def one_core_site(tmp_path_factory):
    """Sixty articles built on one core: the reference output."""
    site = make_site(tmp_path_factory.mktemp("mot-loi"))
    write_articles(site)
    code, stderr, seen = watched_build(site, parallel=False)
    assert code == 0, stderr
    assert seen["workers"] == [] and seen["main_reads"] == COUNT
    reference = site.root.parent / "tham-chieu"
    shutil.copytree(site.output, reference)
    site.reference = reference
    return site


def test_two_cores_build_the_one_core_site_and_fill_the_cache(one_core_site):
    site = one_core_site
    fresh(site)
    code, stderr, seen = watched_build(site, main_delay=0.02)
    assert code == 0, stderr
    assert len(seen["workers"]) == 1 and seen["left"] == []
    # Both really read: the worker's results were used, the build read the rest.
    assert seen["taken"] > 0 and seen["main_reads"] > 0
    assert seen["taken"] + seen["main_reads"] == COUNT
    assert same_files(site.reference, site.output) == []

    # The content cache holds every article: the next build reads none.
    shutil.rmtree(site.output)
    code, stderr, seen = watched_build(site)
    assert code == 0, stderr
    assert seen == {"taken": 0, "bounced": 0, "main_reads": 0, "workers": [], "left": []}
    assert same_files(site.reference, site.output) == []


@pytest.mark.parametrize("fault", ["kill", "hang"])
def test_a_dead_or_stuck_worker_leaves_its_files_to_the_build(one_core_site, fault):
    site = one_core_site
    fresh(site)
    code, stderr, seen = watched_build(site, fault=fault, main_delay=0.02)
    assert code == 0, stderr
    assert len(seen["workers"]) == 1 and seen["left"] == []
    # The four files it read before dying were used; the rest the build read.
    assert seen["taken"] == 4
    assert seen["taken"] + seen["main_reads"] == COUNT
    assert same_files(site.reference, site.output) == []


BAD = {
    3: "---\ntitle: \"Thiếu chuyên mục\"\ndate: 2020-03-03\n---\nNội dung.\n",
    11: "---\ntitle: \"Ngày sai\"\ndate: 2020-02-31\ncategory: Tin hoạt động\n---\nNội dung.\n",
    19: "Không có phần thông tin.\n",
    27: "---\ntitle: \"Cảnh báo\"\ndate: 2020-03-05\ncategory: Tin hoạt động\n---\nCẢNH_BÁO_THỬ\n",
    34: "---\ntitle: [\"YAML sai\"\ndate: 2020-03-05\ncategory: Tin hoạt động\n---\nNội dung.\n",
    42: "---\ntitle: \"Cảnh báo hai\"\ndate: 2020-03-06\ncategory: Tin hoạt động\n---\nCẢNH_BÁO_THỬ\n",
    50: "---\ntitle: \"Trường lạ\"\ndate: 2020-03-07\ncategory: Tin hoạt động\ntieude: x\n---\nx\n",
    57: "---\ntitle: \"Nổi bật sai\"\ndate: 2020-03-08\ncategory: Tin hoạt động\nfeatured: có\n---\nx\n",
}


def test_each_message_once_and_in_order_as_on_one_core(site):
    write_articles(site, bad=BAD)
    code, one_core, seen = watched_build(site, parallel=False)
    assert code == 1 and seen["workers"] == []
    for number in BAD:
        assert f"bai-{number:03d}.md" in one_core
    assert "cảnh báo thử của bai-027.md" in one_core

    fresh(site)
    code, two_cores, seen = watched_build(site, main_delay=0.05)
    assert code == 1
    assert len(seen["workers"]) == 1 and seen["left"] == []
    # Bad files fell to the worker as well as to the build: the worker's
    # were read again by the build, which alone speaks to the officer.
    assert seen["bounced"] >= 1 and seen["taken"] > 0
    assert seen["main_reads"] == COUNT - seen["taken"]
    assert two_cores == one_core


# The preview's worker (preview_worker.py), watched: its first run reads
# every article, each save then reads the saved one again.
WATCHED_PREVIEW = textwrap.dedent("""
    import io, json, sys
    from khuyenhoc.reading import parallel as parallel_read
    from khuyenhoc.preview import worker as preview_worker
    forks = []
    original_init = parallel_read._Worker.__init__
    def init(self, *args):
        original_init(self, *args)
        forks.append(self.process.pid)
    parallel_read._Worker.__init__ = init

    def saves():
        with open(sys.argv[1], "a", encoding="utf-8") as handle:
            handle.write("\\nĐoạn mới lưu.\\n")
        yield json.dumps([sys.argv[1]]) + "\\n"

    replies = io.StringIO()
    preview_worker.serve("pelicanconf.py", saves(), replies)
    print("WATCHED " + json.dumps({"forks": len(forks), "replies": replies.getvalue()}))
""")


def test_the_preview_forks_for_its_first_read_only(one_core_site):
    site = one_core_site
    fresh(site)
    code, stderr, _ = watched_build(site, parallel=False)
    assert code == 0, stderr
    shutil.rmtree(site.root / "cache")  # the preview's first run then reads everything
    saved = site.root / "content/articles/bai-007.md"
    original = saved.read_text(encoding="utf-8")
    try:
        result = subprocess.run(
            [sys.executable, "-c", WATCHED_PREVIEW, str(saved)], cwd=site.root,
            env=dict(os.environ, PYTHONPATH=str(site.root / "plugins")),
            capture_output=True, text=True, timeout=600)
        line = next(text for text in result.stdout.splitlines() if text.startswith("WATCHED "))
        seen = json.loads(line[len("WATCHED "):])
        assert seen == {"forks": 1, "replies": "0\n"}, result.stderr
        assert "Đoạn mới lưu." in site.html("bai-so-7/index.html")
    finally:
        saved.write_text(original, encoding="utf-8")
