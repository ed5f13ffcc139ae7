"""Warm builds: the figures of data/ are read again only when a file changed.

Reading and checking twenty years of figures for thirty units (tens of
thousands of YAML lines, every field and ledger rule) takes about a second
on every build and every preview. Its result, the loaded ``Data`` and the
problems found, is kept in CACHE_PATH under a key made of the bytes of
every file in data/ and of what reads them (fingerprints.data: our
code, the settings, the library versions); any difference reads again.

When it is read, it is read in a forked child and comes back pickled, as
from the cache file: checking tens of thousands of YAML values leaves tens
of megabytes of freed scraps scattered through the memory of the process
that does it, and the build's reading worker (parallel_read.py), a fork of
the build, would copy every page of them it reuses.
"""

import os
import pickle

from khuyenhoc.caches import atomic_file, fingerprints
from khuyenhoc.data import datasets

CACHE_FILE = "data.pickle"
# KHUYENHOC_FORKED_DATA=0: read data/ in the build process (bench/internals.py
# measures what the forked read saves).
SWITCH = "KHUYENHOC_FORKED_DATA"


def read(settings):
    """(Data, errors) of the data folder, as ``datasets.read`` gives them."""
    data_dir = datasets.data_dir(settings)
    key = fingerprints.data(data_dir, settings)
    path = os.path.join(settings["CACHE_PATH"], CACHE_FILE)
    try:
        with open(path, "rb") as handle:
            stored_key, data, errors = pickle.load(handle)
        if stored_key == key:
            return data, errors
    except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError,
            pickle.UnpicklingError):
        pass  # no cache yet, or one that this code cannot read
    pickled = _read_apart(data_dir, key)
    if pickled is None:
        data, errors = datasets.read(data_dir)
        try:
            pickled = _pickled(key, data, errors)
        except (pickle.PicklingError, TypeError, AttributeError):
            return data, errors
    else:
        _, data, errors = pickle.loads(pickled)
    try:
        atomic_file.write(path, pickled)
    except OSError:
        pass  # a build without the cache is only slower
    return data, errors


def _pickled(key, data, errors):
    return pickle.dumps((key, data, errors), protocol=pickle.HIGHEST_PROTOCOL)


def _read_apart(data_dir, key):
    """What ``_pickled`` gives for ``data_dir``, read in a forked child; None
    when it cannot be (no fork on this system, or the child failed: the
    build then reads the data itself, and shows any exception as usual)."""
    if not hasattr(os, "fork") or os.environ.get(SWITCH, "1") == "0":
        return None
    receiving, sending = os.pipe()
    child = os.fork()
    if child == 0:
        code = 1
        try:
            os.close(receiving)
            pickled = _pickled(key, *datasets.read(data_dir))
            with os.fdopen(sending, "wb") as pipe:
                pipe.write(pickled)
            code = 0
        finally:
            # Nothing of the build's (atexit, buffered output) runs twice.
            os._exit(code)
    os.close(sending)
    with os.fdopen(receiving, "rb") as pipe:
        pickled = pipe.read()
    _, status = os.waitpid(child, 0)
    return pickled if os.waitstatus_to_exitcode(status) == 0 else None
