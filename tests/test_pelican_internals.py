"""Canaries: each private part of Pelican that pelican_internals relies on is
still where it was, and behaves as it did.

When a Pelican upgrade moves one, the canary fails and says which function
of pelican_internals.py to update, instead of a build that goes wrong in
silence (a warning lost, an article's memory kept, a preview that writes
half a page).
"""

import gzip
import importlib.metadata
import inspect
import logging
import pathlib
import pickle
import re
import subprocess
import sys

import pelican
import pytest
from packaging.specifiers import SpecifierSet
from pelican import Pelican
from pelican.contents import Page
from pelican.generators import ArticlesGenerator
from pelican.log import LimitFilter
from pelican.readers import METADATA_PROCESSORS, Readers
from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican.writers import Writer

from khuyenhoc import pelican_internals

MOVED = "Pelican {version} no longer has {what}: update pelican_internals.{function}"


def moved(what, function):
    return MOVED.format(version=pelican.__version__, what=what, function=function)


def test_the_installed_pelican_is_one_the_canaries_cover():
    version = importlib.metadata.version("pelican")
    assert version in SpecifierSet(pelican_internals.PELICAN_RANGE), (
        f"Pelican {version} is outside {pelican_internals.PELICAN_RANGE}: run these canaries "
        "against it, update pelican_internals.py, then PELICAN_RANGE and pyproject.toml")


def test_pyproject_admits_only_the_covered_range():
    pyproject = (pathlib.Path(__file__).parents[1] / "pyproject.toml").read_text()
    assert f'"pelican{pelican_internals.PELICAN_RANGE}"' in pyproject.replace(" ", "")


def test_forget_logged_warnings():
    assert isinstance(getattr(LimitFilter, "_raised_messages", None), set), moved(
        "LimitFilter._raised_messages", "forget_logged_warnings")
    assert hasattr(getattr(LimitFilter, "_group_count", None), "clear"), moved(
        "LimitFilter._group_count", "forget_logged_warnings")
    logger = logging.Logger("canary")  # a plain logger, apart from the logging tree
    logger.addFilter(LimitFilter())
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger.addHandler(handler)
    try:
        logger.warning("the same warning")
        logger.warning("the same warning")
        assert len(records) == 1, "LimitFilter no longer drops repeated warnings"
        pelican_internals.forget_logged_warnings()
        logger.warning("the same warning")
        assert len(records) == 2, moved("the memory of LimitFilter", "forget_logged_warnings")
    finally:
        logger.removeHandler(handler)


def _page(html="<p>Một</p>", settings=None):
    settings = settings or dict(DEFAULT_CONFIG)
    return Page(html, metadata={"title": "Thử", "summary": "<p>Tóm tắt</p>"},
                settings=settings, source_path="/tmp/thu.md", context={"data": "x"})


def test_forget_memoized_html():
    for name in ("get_content", "get_summary"):
        assert hasattr(vars(pelican.contents.Content).get(name), "cache"), moved(
            f"a memo cache on Content.{name}", "forget_memoized_html")
    page = _page()
    page.get_content("")
    memo = vars(pelican.contents.Content)["get_content"]
    assert any(key[0] is page for key in memo.cache), moved(
        "Content.get_content's memo keyed by the content", "forget_memoized_html")
    pelican_internals.forget_memoized_html()
    assert not memo.cache


def test_html_summary_and_context_of_a_content():
    page = _page()
    assert pelican_internals.html_of(page) == "<p>Một</p>", moved("Content._content", "html_of")
    pelican_internals.set_html(page, "<p>Hai</p>")
    assert page.content == "<p>Hai</p>", moved("Content._content", "set_html")
    pelican_internals.set_summary(page, "<p>Ba</p>")
    assert page.summary == "<p>Ba</p>", moved("Content._summary", "set_summary")
    assert pelican_internals.context_of(page) == {"data": "x"}, moved(
        "Content._context", "context_of")
    pelican_internals.give_context(page, {"data": "y"})
    assert pelican_internals.context_of(page)["data"] == "y"


def test_intrasite_link_regex():
    pattern = pelican_internals.intrasite_link_regex(_page())
    match = pattern.search('<a href="{filename}/articles/bai.md">x</a>')
    assert match and match.group("what") == "filename", moved(
        "Content._get_intrasite_link_regex's group 'what'", "intrasite_link_regex")
    assert match.group("path") == "{filename}/articles/bai.md", moved(
        "Content._get_intrasite_link_regex's group 'path'", "intrasite_link_regex")
    assert match.group("value") == "/articles/bai.md", moved(
        "Content._get_intrasite_link_regex's group 'value'", "intrasite_link_regex")


def test_readers_cache(tmp_path):
    settings = read_settings(override={
        "PATH": str(tmp_path), "CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": False})
    readers = Readers(settings, cache_name="ArticlesGenerator")
    assert isinstance(getattr(readers, "_cache", None), dict), moved(
        "Readers._cache", "drop_readers_cache")
    generator = type("Generator", (), {"readers": readers})()
    readers._cache["x"] = 1
    pelican_internals.drop_readers_cache(generator)
    assert readers._cache == {}


def test_content_cache_file_names(tmp_path):
    """A real Pelican build with the content cache on (in a process of its
    own: no receiver of an earlier build in this one) writes files that
    is_content_cache_file recognises, and nothing else it would delete."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "bai.md").write_text("Title: Bài\nDate: 2020-01-01\n\nMột.\n", encoding="utf-8")
    (tmp_path / "conf.py").write_text(
        "CACHE_PATH = 'cache'\nCACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n"
        "READERS = {'rst': None}\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n",
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pelican", "content", "-o", "output",
                             "-s", "conf.py"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    names = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert any(pelican_internals.is_content_cache_file(n) for n in names), moved(
        f"content caches named *-Readers or *Generator (found {names})", "is_content_cache_file")
    assert all(pelican_internals.is_content_cache_file(n) for n in names), names

    # The readers' cache names files by their full path: move_readers_cache
    # renames them when the project moved (a fresh clone given the cache).
    readers = tmp_path / "cache" / "ArticlesGenerator-Readers"
    source = str(content / "bai.md")
    assert pelican_internals.move_readers_cache(str(readers), str(tmp_path), "/noi-khac"), moved(
        "the readers' cache as a pickled dict", "move_readers_cache")
    with gzip.open(readers, "rb") as handle:  # Pelican's default GZIP_CACHE
        keys = list(pickle.load(handle))
    assert keys == ["/noi-khac" + source[len(str(tmp_path)):]], moved(
        f"readers' cache keyed by full paths (found {keys}, expected {source})",
        "move_readers_cache")


def test_filter_discardable_metadata():
    empty_tags = METADATA_PROCESSORS["tags"]("", dict(DEFAULT_CONFIG))  # Pelican's "discard"
    assert pelican_internals.filter_discardable_metadata(
        {"title": "Bài", "tags": empty_tags}) == {"title": "Bài"}, moved(
        "readers._filter_discardable_metadata", "filter_discardable_metadata")


def test_generator_classes(tmp_path):
    settings = read_settings(override={"PATH": str(tmp_path), "OUTPUT_PATH": str(tmp_path / "o"),
                                       "PLUGINS": [], "READERS": {"rst": None}})
    classes = pelican_internals.generator_classes(Pelican(settings))
    assert ArticlesGenerator in classes, moved("Pelican._get_generator_classes", "generator_classes")


def test_skip_year_archives():
    original = inspect.signature(ArticlesGenerator._build_period_archives)
    assert list(original.parameters) == ["self", "sorted_articles", "articles", "settings"], moved(
        "ArticlesGenerator._build_period_archives(sorted_articles, articles, settings)",
        "skip_year_archives")
    source = inspect.getsource(ArticlesGenerator.generate_context)
    assert "self.period_archives = self._build_period_archives(" in source, moved(
        "generate_context calling _build_period_archives", "skip_year_archives")


def test_replacing_writer(tmp_path):
    assert list(inspect.signature(Writer._open_w).parameters) == [
        "self", "filename", "encoding", "override"], moved(
        "Writer._open_w(filename, encoding, override)", "ReplacingWriter")
    source = inspect.getsource(Writer.write_file)
    assert "self._open_w(" in source, moved("Writer.write_file opening through _open_w",
                                          "ReplacingWriter")
    put = {}

    class Collecting(pelican_internals.ReplacingWriter):
        def replace(self, path, data):
            put[path] = data

    settings = read_settings(override={"PATH": str(tmp_path), "OUTPUT_PATH": str(tmp_path)})
    writer = Collecting(str(tmp_path), settings=settings)
    assert isinstance(getattr(writer, "_written_files", None), set), moved(
        "Writer._written_files", "ReplacingWriter")
    from jinja2 import Template
    writer.write_file("trang.html", Template("<p>{{ x }}</p>"), {"x": "ổn"},
                      relative_urls=False)
    assert put == {str(tmp_path / "trang.html"): "<p>ổn</p>".encode()}
    assert not (tmp_path / "trang.html").exists()


@pytest.mark.parametrize("template", pelican_internals.ECHOED_WARNING_TEMPLATES)
def test_echoed_warning_templates_are_pelicans(template):
    """pelican_messages drops these warnings by their template: each must
    still be written, as is, somewhere in Pelican's source."""
    sources = pathlib.Path(pelican.__file__).parent.rglob("*.py")
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources if "tests" not in p.parts)
    assert re.search(re.escape(template.rstrip()), text), moved(
        f"the warning {template!r}", "ECHOED_WARNING_TEMPLATES")


def test_no_other_module_reaches_into_pelican():
    """Pelican's private names are written in pelican_internals.py only, so
    that its canaries cover every one of them."""
    package = pathlib.Path(pelican_internals.__file__).parent
    internals = pathlib.Path(pelican_internals.__file__).read_text(encoding="utf-8")
    # Private attributes it reads or sets, and private methods it overrides.
    private = (set(re.findall(r"\.(_[a-z]\w*)\b", internals))
               | set(re.findall(r"def (_[a-z]\w*)\(self", internals)))
    assert {"_content", "_open_w", "_raised_messages"} <= private
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "pelican_internals.py":
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(package)}: .{name}" for name in sorted(private)
                  if re.search(rf"\.{name}\b", text)]
        found += [f"{path.relative_to(package)}: {line.strip()}" for line in text.splitlines()
                  if re.match(r"\s*from pelican[\w.]* import .*\b_[a-z]", line)]
    assert not found, ("Pelican's private parts used outside pelican_internals.py "
                       "(add a function and a canary there): " + "; ".join(found))
