"""What the computer refuses is told as such (issue 17, point 5): a full
disk, a read-only project folder, and an output folder that is a mount
point (as in Docker) give one Vietnamese message with the fix, or a site,
never a traceback nor "lỗi nội bộ"; the published site stays as it was.

The disks are real: small tmpfs mounts. Mounting needs root (as in the
project's CI container); elsewhere these tests are skipped, saying why.
"""

import subprocess

import pytest

from last_good_site import snapshot

HEADER = "KHÔNG DỰNG ĐƯỢC TRANG: 1 lỗi cần sửa. Trang đã xuất bản ({}/) vẫn giữ nguyên."


@pytest.fixture
def mount(tmp_path):
    """mount(folder, options): a tmpfs at ``folder``, unmounted after the test."""
    mounted = []

    def make(folder, options="size=50m"):
        folder.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here (needs root): {result.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield make
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], check=False)


def lines(result):
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_a_full_disk_is_one_message_and_the_site_stays(site, mount):
    site.article("a.md", body="Nội dung. " * 200)
    conf = site.root / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nOUTPUT_PATH = "dia/output"\n',
                    encoding="utf-8")
    disk = mount(site.root / "dia", "size=50m")
    assert site.build().returncode == 0
    good = snapshot(disk / "output")
    # Fill the disk, then change an article: the next build has no room.
    subprocess.run(["dd", "if=/dev/zero", f"of={disk / 'day'}", "bs=64k"],
                   capture_output=True, check=False)
    site.article("a.md", body="Nội dung mới. " * 200)
    result = site.build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "lỗi nội bộ" not in result.stderr
    assert lines(result) == [
        HEADER.format("dia/output"),
        "1. ổ đĩa đã đầy, không ghi được trang. Cách sửa: xoá bớt tệp không cần trên ổ đĩa "
        "này (hoặc xin thêm chỗ trên máy chủ), rồi dựng lại; trang đã xuất bản không bị "
        "thay đổi",
    ]
    assert snapshot(disk / "output") == good


def test_a_read_only_project_folder_is_told_as_such(site, mount):
    site.article("a.md")
    assert site.build().returncode == 0
    good = snapshot(site.output)
    site.article("b.md", title="Bài hai")
    project = str(site.root)
    done = subprocess.run(f"mount --bind {project} {project} && "
                          f"mount -o remount,ro,bind {project}", shell=True,
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount read-only here (needs root): {done.stderr.strip()}")
    try:
        result = site.build()
    finally:
        subprocess.run(["umount", "-l", project], check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "lỗi nội bộ" not in result.stderr
    assert lines(result) == [
        HEADER.format("output"),
        f"1. thư mục dự án chỉ cho đọc, không ghi được trang (gặp: {project}). Cách sửa: chép "
        "cả thư mục dự án sang chỗ ghi được (ví dụ trong thư mục Tài liệu), hoặc bỏ chế độ "
        "chỉ đọc của ổ đĩa, rồi dựng lại",
    ]
    assert snapshot(site.output) == good


def test_an_output_folder_that_is_a_mount_point_is_filled_in_place(site, mount):
    site.article("a.md", title="Bài một")
    mount(site.output)
    (site.output / "cu.html").write_text("trang cũ")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "<h1>Bài một</h1>" in site.html("bai-mot/index.html")
    assert not (site.output / "cu.html").exists()
    site.article("a.md", title="Bài một sửa")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "<h1>Bài một sửa</h1>" in site.html("bai-mot-sua/index.html")
    assert not (site.output / "bai-mot").exists()
    # Nothing of the build is left beside the new entries.
    assert not [p.name for p in site.output.iterdir() if p.name.endswith(".moi")]
