"""Build the site strictly and atomically.

    python -m khuyenhoc.build pelicanconf.py        # development build
    python -m khuyenhoc.build publishconf.py        # production build

The site is built into a fresh folder beside the output folder and replaces
it only when the build succeeded. Any warning or error (ours or Pelican's)
fails the build; the officer then reads every problem at once, in
Vietnamese, and the last good site stays exactly as it was.
"""

import argparse
import contextlib
import ctypes
import fcntl
import gc
import logging
import os
import secrets
import shutil
import subprocess
import sys
import tempfile

from pelican import Pelican
from pelican.settings import read_settings
from pelican.writers import FileOverwriteFailedError

from khuyenhoc import pelican_internals, wiring
from khuyenhoc.build import up_to_date
from khuyenhoc.checks import content as content_checks
from khuyenhoc.checks import links, pelican_warnings, site_address
from khuyenhoc.errors import (
    BuildStopped,
    OfficerError,
    disk_error,
    display_path,
    in_file_order,
    internal_error,
    print_report,
    problems,
)
from khuyenhoc.reading import content_cache
from khuyenhoc.search import index as search_index


class WarningCapture(logging.Handler):
    """Collects every warning and error logged while Pelican runs."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


STAGING_PREFIX = ".dang-dung-"
RETIRED_PREFIX = ".cu-"
# Inside CACHE_PATH: folders being deleted after the build has returned.
TRASH = "dang-xoa"


def build(settings_path, overrides=None, out=sys.stderr):
    """Build the site; return the exit code (0 when the site was replaced).
    A disk that is full, read-only or not ours to write is told as such."""
    where = {"output": "output"}
    try:
        return _build(settings_path, overrides, out, where)
    except OSError as exc:  # the disk; any other, a bug: still no traceback
        _report([disk_error(exc) or internal_error(exc)], where["output"], out)
        return 1


def _build(settings_path, overrides, out, where):
    settings = read_settings(settings_path, override=overrides)
    leave_out_drafts(settings)
    final_output = where["output"] = os.path.abspath(settings["OUTPUT_PATH"])
    wrong_address = site_address.check(settings)
    if wrong_address:
        _report(wrong_address, final_output, out)
        return 1
    parent = os.path.dirname(final_output)
    os.makedirs(parent, exist_ok=True)
    trash = os.path.join(settings["CACHE_PATH"], TRASH)
    with _one_build_at_a_time(parent):
        _remove_leftovers(parent, trash)
        sources = up_to_date.sources_fingerprint(settings, settings_path)
        if up_to_date.is_current(settings, sources, final_output):
            print(f"Không có gì thay đổi từ lần dựng trước: {display_path(final_output)}/ "
                  "đã là bản mới nhất.", file=out)
            return 0
        # Named first, made inside `try`: a Ctrl+C just after the folder
        # appears still removes it.
        staging = os.path.join(parent, STAGING_PREFIX + secrets.token_hex(6))
        try:
            os.mkdir(staging, 0o700)
            settings["OUTPUT_PATH"] = staging
            settings["DELETE_OUTPUT_DIRECTORY"] = False
            content_cache.prepare(settings)
            errors, records = _run(settings)
            if not errors and not records:
                errors = _search_index(staging) + links.check(staging, settings)
            failures = in_file_order(errors) + pelican_warnings.failures(
                records, errors, settings["PATH"])
            if failures:
                _report(failures, final_output, out)
                return 1
            built = _site_files(staging)
            _replace(final_output, staging, settings.get("OUTPUT_RETENTION", []))
            up_to_date.remember(settings, sources, final_output)
            _report_success(settings, final_output, built, out)
            _notify(site_address.notice(settings), out)
            return 0
        finally:
            # The failed build, or the old site once swapped out; also on Ctrl+C.
            _remove_soon(staging, trash)


DRAFT_ADDRESSES = ("DRAFT_URL", "DRAFT_SAVE_AS", "DRAFT_LANG_URL", "DRAFT_LANG_SAVE_AS",
                   "DRAFT_PAGE_URL", "DRAFT_PAGE_SAVE_AS", "DRAFT_PAGE_LANG_URL",
                   "DRAFT_PAGE_LANG_SAVE_AS")


def leave_out_drafts(settings):
    """Unless the settings ask for them (SHOW_DRAFTS: the development build and
    the preview), drafts are not written at all: a production build, or
    settings that forgot the question, publish none."""
    if not settings.get("SHOW_DRAFTS", False):
        for name in DRAFT_ADDRESSES:
            settings[name] = ""


def build_in_place(settings, pelican_class, out=sys.stderr):
    """Run ``pelican_class`` writing straight into OUTPUT_PATH, with the same
    lock, content cache, checks and messages as a build: the preview's quick
    step (preview_build.py), which writes a few pages of the served site."""
    final_output = os.path.abspath(settings["OUTPUT_PATH"])
    with _one_build_at_a_time(os.path.dirname(final_output)):
        content_cache.prepare(settings)
        errors, records = _run(settings, pelican_class)
        failures = in_file_order(errors) + pelican_warnings.failures(
            records, errors, settings["PATH"])
        if failures:
            _report(failures, final_output, out)
            return 1
        return 0


@contextlib.contextmanager
def _one_build_at_a_time(parent):
    """The preview server and `make html` may start together: the second waits."""
    handle = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _remove_leftovers(parent, trash):
    """Folders of a build that was killed (power cut, closed window): no build
    runs now (we hold the lock), so nothing is using them."""
    for name in os.listdir(parent):
        if name.startswith((STAGING_PREFIX, RETIRED_PREFIX)):
            _remove_soon(os.path.join(parent, name), trash)
    if os.path.isdir(trash):  # deletions cut short
        for name in os.listdir(trash):
            _delete_in_background(os.path.join(trash, name))


def _remove_soon(folder, trash):
    """Move ``folder`` into the trash at once and delete it in the background.

    Deleting a site of a few thousand folders takes seconds on a slow disk,
    and nobody needs to wait for it. Where the trash is on another disk, the
    folder is deleted now.
    """
    if not os.path.lexists(folder):
        return
    doomed = os.path.join(trash, os.path.basename(folder).lstrip("."))
    try:
        os.makedirs(trash, exist_ok=True)
        os.rename(folder, doomed)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    _delete_in_background(doomed)


def _delete_in_background(folder):
    # The shell returns at once and leaves `rm` running on its own.
    subprocess.run(["sh", "-c", 'rm -rf -- "$1" &', "sh", folder],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, start_new_session=True, check=False)


def _run(settings, pelican_class=Pelican):
    pelican_internals.forget_logged_warnings()
    capture = WarningCapture()
    root = logging.getLogger()
    root.addHandler(capture)
    errors = []
    # Pelican's closing line is English; build() says it in Vietnamese.
    quiet = pelican_internals.silence_console(True)
    try:
        pelican_class(settings).run()
    except BuildStopped as stopped:
        errors = stopped.errors
    except OfficerError as error:
        errors = list(problems) or [error]
    except FileOverwriteFailedError as exc:
        taken = content_checks.overwritten(str(exc), settings["OUTPUT_PATH"])
        errors = list(problems) + [taken or internal_error(exc)]
    except OSError as exc:  # the disk, or a bug
        errors = list(problems) + [disk_error(exc) or internal_error(exc)]
    except Exception as exc:  # a bug of ours or Pelican's: still no traceback
        errors = list(problems) + [internal_error(exc)]
    finally:
        pelican_internals.silence_console(quiet)
        root.removeHandler(capture)
        _let_go_of_the_run()
    if not errors and problems:
        errors = list(problems)
    return errors, capture.records


def _let_go_of_the_run():
    """Forget what would keep every article of the run alive after it: Pelican
    memoizes each content's HTML and summary on the class, for the life of the
    process, and content_checks keeps the run's addresses. Let go, their
    memory is reused by the search index and the link check (and a preview
    worker's next quick step starts without the last one's)."""
    content_checks.addresses.clear()
    pelican_internals.forget_memoized_html()


def _search_index(staging):
    """Index the built site, once Pelican is done: the memory of its pages,
    let go, is reused (a cycle collection frees what is left of them)."""
    gc.collect()
    try:
        search_index.write_index(staging)
    except OfficerError as error:
        return [error]
    except Exception as exc:  # a bug of ours: still no traceback
        return [internal_error(exc)]
    return []


def _notify(notice, out):
    if notice:
        print(notice, file=out)


def _site_files(folder):
    """(web pages, files) of the built site."""
    pages = files = 0
    for _, _, names in os.walk(folder):
        files += len(names)
        pages += sum(name.endswith(".html") for name in names)
    return pages, files


def _report_success(settings, final_output, built, out):
    """What was built, how much and where, in the officer's words (instead
    of Pelican's English "Done: Processed ...")."""
    numbers = wiring.counts
    parts = [f"{numbers.get('articles', 0)} bài viết", f"{numbers.get('pages', 0)} trang riêng"]
    if numbers.get("drafts") or numbers.get("draft_pages"):
        parts.append(f"{numbers.get('drafts', 0) + numbers.get('draft_pages', 0)} bản nháp "
                     "(chỉ xem trước, không hiện trong danh sách)")
    pages, files = built
    where = display_path(final_output) + "/"
    if settings.get("RELATIVE_URLS"):
        how = "bản xem trước: make serve để mở trên trình duyệt"
    else:
        how = f"bản để đăng, cho địa chỉ {settings.get('SITEURL') or '/'}"
    print(f"Đã dựng xong trang {settings.get('SITENAME', '')}: {', '.join(parts)}; "
          f"tổng cộng {pages} trang web, {files} tệp, trong thư mục {where} ({how}).",
          file=out)


def _report(failures, final_output, out):
    print_report(f"KHÔNG DỰNG ĐƯỢC TRANG: {len(failures)} lỗi cần sửa. "
                 f"Trang đã xuất bản ({display_path(final_output)}/) vẫn giữ nguyên.",
                 failures, out)


def _replace(final_output, staging, retention):
    """Swap the fresh build in, keeping what OUTPUT_RETENTION names (e.g. .git).

    The two folders are exchanged in one step where the system allows it, so
    that a web server reading output/ never finds it missing; the old site
    is then at ``staging``, which the caller removes.
    """
    if not os.path.isdir(final_output):
        os.rename(staging, final_output)
    elif os.path.ismount(final_output):
        _replace_contents(final_output, staging, retention)
    else:
        for name in retention:
            kept = os.path.join(final_output, name)
            if os.path.exists(kept):
                shutil.move(kept, os.path.join(staging, name))
        if not _exchange(staging, final_output):
            retired = tempfile.mkdtemp(prefix=RETIRED_PREFIX, dir=os.path.dirname(final_output))
            os.rename(final_output, os.path.join(retired, "output"))
            os.rename(staging, final_output)
            shutil.rmtree(retired, ignore_errors=True)
    os.chmod(final_output, 0o755)


def _replace_contents(final_output, staging, retention):
    """The output folder is a mount point (a Docker volume, a network share):
    it cannot be renamed, so its entries are replaced one by one, each
    copied in beside the old one first and renamed over it in one step. A
    reader may meet a mix of old and new top-level entries for a moment,
    never a half-written file."""
    suffix = "." + secrets.token_hex(4) + ".moi"
    fresh = sorted(os.listdir(staging))
    copied = []
    try:
        for name in fresh:
            source, target = os.path.join(staging, name), os.path.join(final_output, name + suffix)
            if os.path.isdir(source) and not os.path.islink(source):
                shutil.copytree(source, target, symlinks=True)
            else:
                shutil.copy2(source, target, follow_symlinks=False)
            copied.append(target)
    except BaseException:
        for target in copied:
            _remove_path(target)
        raise
    for name in fresh:
        old = os.path.join(final_output, name)
        if os.path.isdir(old) and not os.path.islink(old):
            shutil.rmtree(old)
        os.replace(os.path.join(final_output, name + suffix), old)
    for name in os.listdir(final_output):
        if name not in fresh and name not in retention:
            _remove_path(os.path.join(final_output, name))


def _remove_path(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        os.unlink(path)


def _exchange(first, second):
    """Swap two paths atomically (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                     rename_exchange)
    return done == 0


def main(argv=None):
    parser = argparse.ArgumentParser(description="Dựng trang (nghiêm ngặt, thay trọn gói).")
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    args = parser.parse_args(argv)
    try:
        return build(args.settings)
    except KeyboardInterrupt:
        print("\nĐã dừng bản dựng. Trang đã xuất bản vẫn giữ nguyên.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
