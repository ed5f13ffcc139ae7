"""The two sites the benchmark compares, built from the same articles.

``ours`` is the project as the officer runs it: the project's settings, theme
and plugins (linked, so the benchmark always measures the working tree), our
YAML front matter, the data files and the chart references. ``bare`` is what
``pelican-quickstart`` gives: Pelican's default theme, no plugins, Pelican's
own metadata lines.
"""

import os
import shutil
import time
from pathlib import Path

from bench import synthetic, synthetic_data

PROJECT = Path(__file__).resolve().parents[1]

# What pelican-quickstart writes for a development build, with our language
# and time zone. Feeds are off, as in our development build.
BARE_SETTINGS = '''\
AUTHOR = "Hội Khuyến học Khối"
SITENAME = "Hội Khuyến học Khối các cơ quan tỉnh"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 10
RELATIVE_URLS = True
'''

# Linked from the project into our synthetic site.
LINKED = ("theme", "plugins")


class Site:
    def __init__(self, root, flavour):
        self.root = Path(root)
        self.flavour = flavour
        self.output = self.root / "output"

    @property
    def articles(self):
        return self.root / "content" / "articles"

    def build_command(self, python, settings="pelicanconf.py"):
        if self.flavour == "ours":
            return [python, "-m", "khuyenhoc.build", settings]
        return [python, "-m", "pelican", "content", "-s", "pelicanconf.py"]

    def serve_command(self, python, port):
        # What `make serve` runs (see the Makefile), with a free port.
        return [python, "-m", "khuyenhoc.preview.server", "--port", str(port)]

    def environment(self):
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        if self.flavour == "ours":
            env["PYTHONPATH"] = "plugins"
        return env

    def clean(self):
        """Forget every earlier build: output, caches and staging folders."""
        self.settle()
        for name in os.listdir(self.root):
            if name in ("output", "cache") or name.startswith((".dang-dung-", ".cu-")):
                _remove(self.root / name)

    def settle(self, timeout=120):
        """Wait until the last build's old site is deleted (it is deleted in the
        background), so that the deletion does not slow the next timed build."""
        trash = self.root / "cache" / "dang-xoa"
        deadline = time.monotonic() + timeout
        while trash.is_dir() and any(trash.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.05)


def _remove(path):
    for _ in range(100):
        if not os.path.lexists(path):
            return
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        time.sleep(0.05)
    raise OSError(f"cannot remove {path}")


def create(root, n, flavour, data_years=synthetic.YEARS):
    """A site of N synthetic articles in ``root`` (rewritten from scratch)."""
    root = Path(root)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    articles = synthetic.generate(n, data_years=data_years)
    synthetic.write_content(root, articles, flavour)
    if flavour == "ours":
        for name in ("pelicanconf.py", "publishconf.py"):
            shutil.copy(PROJECT / name, root / name)
        (root / "hoi.yaml").write_text(association_file(), encoding="utf-8")
        for name in LINKED:
            os.symlink(PROJECT / name, root / name)
        synthetic_data.write(root / "data", data_years)
    else:
        (root / "pelicanconf.py").write_text(BARE_SETTINGS, encoding="utf-8")
    return Site(root, flavour), articles


def association_file():
    """hoi.yaml of a synthetic site: the sample association's details, the
    synthetic articles' categories."""
    text = (PROJECT / "hoi.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("categories:\n")
    tail = rest[rest.index("\n\n"):]
    listed = "".join(f'  - "{name}"\n' for name in synthetic.CATEGORIES)
    return head + "categories:\n" + listed + tail
