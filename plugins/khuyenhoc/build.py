"""Build the site strictly and atomically.

    python -m khuyenhoc.build pelicanconf.py        # development build
    python -m khuyenhoc.build publishconf.py        # production build

The site is built into a fresh folder beside the output folder and replaces
it only when the build succeeded. Any warning or error (ours or Pelican's)
fails the build; the officer then reads every problem at once, in
Vietnamese, and the last good site stays exactly as it was.
"""

import argparse
import logging
import os
import shutil
import sys
import tempfile

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings
from pelican.writers import FileOverwriteFailedError

from . import content_checks, pelican_messages
from .errors import (BuildStopped, OfficerError, display_path, in_file_order,
                     internal_error, problems)


class WarningCapture(logging.Handler):
    """Collects every warning and error logged while Pelican runs."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def build(settings_path, overrides=None, out=sys.stderr):
    """Build the site; return the exit code (0 when the site was replaced)."""
    settings = read_settings(settings_path, override=overrides)
    final_output = os.path.abspath(settings["OUTPUT_PATH"])
    parent = os.path.dirname(final_output)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".dang-dung-", dir=parent)
    settings["OUTPUT_PATH"] = staging
    settings["DELETE_OUTPUT_DIRECTORY"] = False

    errors, records = _run(settings)
    failures = in_file_order(errors) + pelican_messages.failures(
        records, errors, settings["PATH"])
    if failures:
        shutil.rmtree(staging, ignore_errors=True)
        _report(failures, final_output, out)
        return 1
    _replace(final_output, staging, settings.get("OUTPUT_RETENTION", []))
    return 0


def _run(settings):
    # Pelican's log filter drops a message it has seen before, even from an
    # earlier build in the same process: forget them so no warning is lost.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    capture = WarningCapture()
    root = logging.getLogger()
    root.addHandler(capture)
    errors = []
    try:
        Pelican(settings).run()
    except BuildStopped as stopped:
        errors = stopped.errors
    except OfficerError as error:
        errors = list(problems) or [error]
    except FileOverwriteFailedError as exc:
        taken = content_checks.overwritten(str(exc), settings["OUTPUT_PATH"])
        errors = list(problems) + [taken or internal_error(exc)]
    except Exception as exc:  # a bug of ours or Pelican's: still no traceback
        errors = list(problems) + [internal_error(exc)]
    finally:
        root.removeHandler(capture)
    if not errors and problems:
        errors = list(problems)
    return errors, capture.records


def _report(failures, final_output, out):
    print(
        f"\nKHÔNG DỰNG ĐƯỢC TRANG: {len(failures)} lỗi cần sửa. "
        f"Trang đã xuất bản ({display_path(final_output)}/) vẫn giữ nguyên.\n",
        file=out,
    )
    for number, failure in enumerate(failures, 1):
        print(f"{number}. {failure}", file=out)
    print(file=out)


def _replace(final_output, staging, retention):
    """Swap the fresh build in, keeping what OUTPUT_RETENTION names (e.g. .git)."""
    if os.path.isdir(final_output):
        for name in retention:
            kept = os.path.join(final_output, name)
            if os.path.exists(kept):
                shutil.move(kept, os.path.join(staging, name))
        retired = tempfile.mkdtemp(prefix=".cu-", dir=os.path.dirname(final_output))
        os.rename(final_output, os.path.join(retired, "output"))
        os.rename(staging, final_output)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.rename(staging, final_output)
    os.chmod(final_output, 0o755)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Dựng trang (nghiêm ngặt, thay trọn gói).")
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    args = parser.parse_args(argv)
    return build(args.settings)


if __name__ == "__main__":
    sys.exit(main())
