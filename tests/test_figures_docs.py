"""The officer's guide to references (docs/figures.md) is complete and true:
every kind, option and dataset is in it, every example in it holds against
the sample data, and the figures it promises are the ones the site shows."""

import re

import pytest

from conftest import PROJECT, declared_datasets
from khuyenhoc.data import datasets
from khuyenhoc.figures import derived as derived_figures
from khuyenhoc.figures import references
from khuyenhoc.figures.render import figure_text

DATASETS = declared_datasets()

DOCS = (PROJECT / "docs" / "figures.md").read_text(encoding="utf-8")
NBSP = "\u00a0"
# Examples that are wrong on purpose, or stand for any reference.
NOT_EXAMPLES = {"funds/khoi-cq/2018/closin", "bộ-số-liệu/mã-đơn-vị/năm/trường", "..."}


@pytest.fixture(scope="module")
def data():
    return datasets.load(PROJECT / "data")


def examples():
    found = []
    for text in re.findall(r"\[\[([^\[\]]+)\]\]", DOCS):
        if text not in NOT_EXAMPLES and "bộ-số-liệu" not in text:
            found.append(text)
    return found


def test_the_guide_names_every_kind_option_and_dataset():
    for keyword in (*references.BLOCK_KINDS, *references.DERIVED_KINDS):
        assert f"[[{keyword}:" in DOCS, keyword
    for option in references.DERIVED_OPTIONS + references.BLOCK_OPTIONS:
        assert f"`{option}" in DOCS or f" {option}=" in DOCS, option
    for name in DATASETS:
        if name != "units":
            assert f"`{name}`" in DOCS, name


def test_the_guide_has_examples():
    assert len(examples()) >= 15


@pytest.mark.parametrize("text", examples())
def test_every_example_in_the_guide_holds(data, text):
    head = text.partition(":")[0]
    reference = references.parse(text, block=bool(head in references.BLOCK_KINDS))
    if reference.kind == "derived":
        derived_figures.evaluate(reference, data, DATASETS)
    else:
        references.select(reference, data, DATASETS)


def test_the_figures_the_guide_shows_are_those_the_site_shows(data):
    rows = [(text, shown) for text, shown in
            re.findall(r"^\| `\[\[([^\]]+)\]\]` \| ([^|]+) \|", DOCS, re.M) if ":" not in text]
    assert len(rows) == 5
    for text, shown in rows:
        selection = references.select(references.parse(text), data, DATASETS)
        assert figure_text(selection).replace(NBSP, " ") == shown.strip(), text


def test_the_worked_out_figures_the_guide_shows_are_those_the_site_shows(data):
    rows = [(text, shown) for text, shown in
            re.findall(r"^\| `\[\[([^\]]+)\]\]` \| ([^|]+) \|", DOCS, re.M)
            if text.partition(":")[0] in references.DERIVED_KINDS]
    assert len(rows) == 13
    for text, shown in rows:
        derived = derived_figures.evaluate(references.parse(text), data, DATASETS)
        assert derived.text.replace(NBSP, " ") == shown.strip(), text
