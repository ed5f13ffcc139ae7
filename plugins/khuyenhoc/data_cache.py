"""Warm builds: the figures of data/ are read again only when a file changed.

Reading and checking twenty years of figures for thirty units (tens of
thousands of YAML lines, every field and ledger rule) takes about a second
on every build and every preview. Its result, the loaded ``Data`` and the
problems found, is kept in CACHE_PATH under a key made of the bytes of
every file in data/ and of what reads them (content_cache.fingerprint: our
code, the settings, the library versions); any difference reads again.
"""

import hashlib
import os
import pickle

from . import atomic_file, content_cache, datasets

CACHE_FILE = "data.pickle"


def read(settings):
    """(Data, errors) of the data folder, as ``datasets.read`` gives them."""
    data_dir = datasets.data_dir(settings)
    key = _key(data_dir, settings)
    path = os.path.join(settings["CACHE_PATH"], CACHE_FILE)
    try:
        with open(path, "rb") as handle:
            stored_key, data, errors = pickle.load(handle)
        if stored_key == key:
            return data, errors
    except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError,
            pickle.UnpicklingError):
        pass  # no cache yet, or one that this code cannot read
    data, errors = datasets.read(data_dir)
    try:
        atomic_file.write(path, pickle.dumps((key, data, errors),
                                             protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # a build without the cache is only slower
    return data, errors


def _key(data_dir, settings):
    digest = hashlib.sha256(content_cache.fingerprint(settings).encode())
    if os.path.isdir(data_dir):
        for name in sorted(os.listdir(data_dir)):
            path = os.path.join(data_dir, name)
            if os.path.isfile(path):
                with open(path, "rb") as handle:
                    digest.update(name.encode() + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()
