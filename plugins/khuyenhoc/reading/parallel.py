"""Articles read on two cores: a forked worker reads from the end of the list
while the build reads from the front, and they meet in the middle.

Reading (YAML front matter, Markdown) is the largest part of a cold build
and Pelican does it on one core. The worker is a fork of the build taken
when the first article has to be read (so it has the same readers,
settings, data and Markdown extensions) and it reads the files that
neither Pelican's content cache nor the preview's kept contents hold. Its
results go where the build's own reading would have put them: through the
reader-level content cache (``Readers.get_cached_data``, wrapped here),
which is filled exactly as in a one-core build, so a warm build after it
reads nothing.

What the officer sees does not change: a file whose reading in the worker
added a problem (errors.py), logged anything, printed anything or raised is
read again by the build itself, so every message appears once, in the
order of a one-core build. A worker that dies or gets stuck only leaves
its files to the build. ``KHUYENHOC_PARALLEL_READ=0`` reads on one core
(the tests compare both builds byte for byte).
"""

import fcntl
import gc
import logging
import multiprocessing
import os
import pickle
import sys
import weakref
from typing import NamedTuple

from pelican.urlwrappers import URLWrapper
from pelican.utils import file_suffix

from khuyenhoc import pelican_internals
from khuyenhoc.errors import problems

SWITCH = "KHUYENHOC_PARALLEL_READ"
# Below this many files to read, forking costs more than it saves (and the
# preview's re-read of one saved file never forks).
MIN_FILES = 50
# Reading one article takes milliseconds: a worker silent for this long is
# stuck, and the build reads the rest alone.
PATIENCE = 20.0


def start(generator):
    """article_generator_init: take over the generator's file list and its
    readers' cache lookups; the worker is forked at the first file to read."""
    if os.environ.get(SWITCH, "1") == "0" or not hasattr(generator, "readers"):
        return
    generator.parallel_read = _TwoReaders(generator)


def finish(generator):
    """article_generator_pretaxonomy: every article has been read."""
    two = getattr(generator, "parallel_read", None)
    if two is not None:
        two.stop()


class _TwoReaders:
    def __init__(self, generator):
        self.generator = generator
        self.readers = generator.readers
        self.files = None
        self.worker = None
        self.started = False
        self._get_files = generator.get_files
        self._get_cached = self.readers.get_cached_data
        generator.get_files = self.get_files
        self.readers.get_cached_data = self.get_cached_data

    def get_files(self, *args, **kwargs):
        # The very set generate_context() iterates: its order is the order
        # in which the build asks for the files.
        self.files = self._get_files(*args, **kwargs)
        return self.files

    def get_cached_data(self, path, default=None):
        cached = self._get_cached(path, default)
        if cached is not default and cached[0] is not None:
            return cached
        if not self.started:
            self.started = True
            self.worker = self._fork(path)
        if self.worker is None:
            return default
        taken = self.worker.take(path)
        if taken is None:
            return default
        content, metadata = taken
        data = (content, _rebuilt(metadata, self.readers.settings))
        self.readers.cache_data(path, data)
        return data

    def stop(self):
        if self.worker is not None:
            self.worker.stop()

    def _fork(self, first):
        """The worker for the files still to read from ``first`` on, or None."""
        if self.files is None:
            return None
        base = self.generator.path
        order = [(name, os.path.abspath(os.path.join(base, name))) for name in self.files]
        paths = [path for _, path in order]
        if first not in paths:
            return None
        at = paths.index(first)
        pending = [first] + [
            path for name, path in order[at + 1:]
            if self._get_cached(path, (None, None))[0] is None
            and self.generator.get_cached_data(name, None) is None
        ]
        if len(pending) < MIN_FILES:
            return None
        return _Worker(pending, self.readers)


class _Wrapper(NamedTuple):
    """A Category, Tag or Author on its way from the worker, without the
    settings dict it holds (the build's own is put back)."""

    cls: type
    state: dict


class _Worker:
    """The forked reader, and the build's side of the meeting in the middle.

    ``bounds`` = [front, back]: the build has taken the files before
    ``front``, the worker those from ``back`` on.
    """

    def __init__(self, pending, readers):
        context = multiprocessing.get_context("fork")
        self.count = len(pending)
        self.index = {path: number for number, path in enumerate(pending)}
        self.bounds = context.RawArray("i", [1, len(pending)])
        self.lock = context.Lock()
        self.results = {}
        self.receiver, sender = context.Pipe(duplex=False)
        _widen(sender)
        self.process = context.Process(
            target=_work, args=(pending, readers, self.bounds, self.lock, sender), daemon=True)
        # The two processes share the build's memory until one of them
        # writes to a page. The garbage collector's full passes write to
        # every object they look at: frozen, what exists now is left alone
        # in both until the worker is done (``_end``).
        gc.freeze()
        self.process.start()
        sender.close()  # so that the worker's end closing is seen as EOF
        # A build that stops half way (an exception in generate_context)
        # still ends the worker when the generator goes.
        self._finalizer = weakref.finalize(self, _end, self.process, self.receiver)

    def take(self, path):
        """The worker's (content, metadata) of ``path``; None: the build reads it."""
        number = self.index.get(path)
        if number is None:
            return None
        self._collect()
        if not self._claim(number):
            return None
        result = self._wait_for(number)
        if number == self.count - 1:
            self.stop()
        return result

    def _claim(self, number):
        """False when the file is the build's to read (it then tells the
        worker it got that far), True when the worker has taken it."""
        while not self.lock.acquire(timeout=0.5):
            if not self.process.is_alive():
                # Died holding the lock: where it got to no longer moves.
                return number >= self.bounds[1]
        try:
            if number < self.bounds[1]:
                self.bounds[0] = max(self.bounds[0], number + 1)
                return False
            return True
        finally:
            self.lock.release()

    def _wait_for(self, number):
        while number not in self.results:
            if self.receiver is None or not self._receive(PATIENCE, stuck=True):
                return None
        return self.results.pop(number)

    def _collect(self):
        """Take what the worker has sent so far, so that it never waits for
        room in the pipe while the build reads its own half."""
        while self.receiver is not None and self._receive(0):
            pass

    def _receive(self, timeout, stuck=False):
        """One result into ``results``; False when none came in ``timeout``
        (the worker is then given up if ``stuck``) or the worker is gone."""
        try:
            if not self.receiver.poll(timeout):
                if stuck:
                    self._close()
                return False
            done, payload = pickle.loads(self.receiver.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError):
            # The worker has finished (or died): what it sent is kept.
            self._close()
            return False
        self.results[done] = payload
        return True

    def _close(self):
        self._finalizer()
        self.receiver = None

    def stop(self):
        self._close()
        self.results.clear()


def _widen(connection):
    # Linux: room for a hundred articles or so instead of a few (64 KiB).
    try:
        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
    except (OSError, AttributeError):
        pass


def _end(process, receiver):
    """Wait a moment for the worker to finish, then make sure it has."""
    receiver.close()
    process.join(timeout=2)
    if process.exitcode is None:
        process.kill()
        process.join()
    gc.unfreeze()


def _work(pending, readers, bounds, lock, sender):
    """In the worker: read files from the end until meeting the build."""
    try:
        noticed = _silence()
        while True:
            with lock:
                number = bounds[1] - 1
                if number < bounds[0]:
                    break
                bounds[1] = number
            noticed.clear()
            before = len(problems.errors)
            try:
                payload = _read(readers, pending[number])
            except Exception:
                payload = None
            if noticed or len(problems.errors) != before:
                payload = None
            try:
                message = pickle.dumps((number, payload), pickle.HIGHEST_PROTOCOL)
            except Exception:
                message = pickle.dumps((number, None), pickle.HIGHEST_PROTOCOL)
            sender.send_bytes(message)
        sender.close()
    except BaseException:
        os._exit(1)
    # Not multiprocessing's exit: nothing of the build's (atexit, buffers)
    # may run twice.
    os._exit(0)


def _read(readers, path):
    """What Readers.read_file caches for ``path``, ready to be sent."""
    reader = readers.readers[file_suffix(path)]
    content, metadata = reader.read(path)
    metadata = pelican_internals.filter_discardable_metadata(metadata)
    return content, {name: _portable(value) for name, value in metadata.items()}


def _portable(value):
    if isinstance(value, URLWrapper):
        state = dict(vars(value))
        state.pop("settings", None)
        return _Wrapper(type(value), state)
    if isinstance(value, list) and any(isinstance(item, URLWrapper) for item in value):
        return [_portable(item) for item in value]
    return value


def _rebuilt(metadata, settings):
    return {name: _restored(value, settings) for name, value in metadata.items()}


def _restored(value, settings):
    if isinstance(value, _Wrapper):
        wrapper = value.cls.__new__(value.cls)
        vars(wrapper).update(value.state)
        wrapper.settings = settings
        return wrapper
    if isinstance(value, list):
        return [_restored(item, settings) for item in value]
    return value


class _Noticed(list):
    """What the worker would have shown: the file is then the build's."""

    def write(self, text):
        if text:
            self.append(text)
        return len(text)

    def flush(self):
        pass


def _silence():
    """Nothing the worker logs or prints reaches the officer; it is noticed
    instead, before any filter (Pelican's drops repeated messages, and the
    build's history of them is not the worker's)."""
    noticed = _Noticed()

    def handle(logger, record):
        noticed.append(record)

    logging.Logger.handle = handle
    sys.stdout = sys.stderr = noticed
    return noticed
