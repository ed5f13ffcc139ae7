"""Pelican's own warnings, for the officer.

A strict build fails on any warning. Pelican's warnings are in English and
rarely say which line is wrong; most of the ones an officer can cause are
echoes of a problem that we already report in Vietnamese with the line (a
file that could not be read, two articles at one address, a missing linked
image, an image without a description). Those echoes are dropped; any other
warning is shown as Pelican wrote it, marked as Pelican's.
"""

import os

from khuyenhoc import pelican_internals
from khuyenhoc.errors import OfficerError, disk_error_in_text

# Warnings that repeat one of our own checks, by the start of their text.
ECHOES = pelican_internals.ECHOED_WARNING_TEMPLATES


def failures(records, errors, content_path):
    """Our errors for Pelican's log ``records``, less the echoes of ``errors``."""
    reported = set()
    for error in errors:
        reported.update(os.path.abspath(p) for p in (error.path, error.target) if p)
    found = []
    disk = []
    for record in records:
        if _is_echo(record, reported, content_path):
            continue
        # A full or read-only disk: Pelican warns once per file it could not
        # copy; the officer needs one message, in Vietnamese, with the fix.
        full = disk_error_in_text(record.getMessage())
        if full:
            if not any(str(full) == str(e) for e in disk + errors):
                disk.append(full)
            continue
        found.append(OfficerError(
            f"Pelican báo: {record.getMessage()}",
            fix="sửa theo thông báo trên; bản dựng nghiêm ngặt không chấp nhận cảnh báo nào",
        ))
    return disk + found


def _is_echo(record, reported, content_path):
    if not str(record.msg).startswith(ECHOES):
        return False
    if not reported:
        return False
    for arg in record.args or ():
        if not isinstance(arg, (str, os.PathLike)):
            continue
        candidates = {os.path.abspath(arg), os.path.abspath(os.path.join(content_path, arg))}
        if candidates & reported:
            return True
    return False
