"""Cache files written whole or not at all.

The caches (data, charts, links, the last build's record) are read by the
next build: a build stopped while writing one must leave the old file or
none, never half of one.
"""

import contextlib
import os


def write(path, data):
    """Write the bytes ``data`` to ``path`` through a temporary file beside
    it (named after this process, so that two processes never share one), renamed
    over it. OSError is the caller's to handle."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise
