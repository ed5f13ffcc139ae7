"""docs/data.md documents every dataset and every field of the schema, and nothing else."""

import re

import pytest

from conftest import PROJECT, declared_datasets

DATASETS = declared_datasets()

DOCS = (PROJECT / "docs" / "data.md").read_text(encoding="utf-8")


def section(dataset):
    heading = f"### `{dataset.name}`: {dataset.title_vi} (`{dataset.file}`)"
    assert heading in DOCS, f"docs/data.md has no heading {heading!r}"
    text = DOCS.split(heading, 1)[1]
    return re.split(r"\n#{2,3} ", text, maxsplit=1)[0]


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_field_is_documented_in_order(name):
    dataset = DATASETS[name]
    rows = re.findall(r"^\| `(\w+)` \|", section(dataset), flags=re.MULTILINE)
    assert rows == dataset.field_names


@pytest.mark.parametrize("name", list(DATASETS))
def test_required_fields_and_choices_are_documented(name):
    dataset = DATASETS[name]
    text = section(dataset)
    for field in dataset.fields:
        row = re.search(rf"^\| `{field.name}` \|.*$", text, flags=re.MULTILINE).group(0)
        assert row.rstrip(" |").endswith("có" if field.required else "không"), row
        # A measure field's values are the declared vocabulary, documented once.
        for choice in field.choices if field.kind != "measure" else ():
            assert f"`{choice}`" in row, (field.name, choice)


def test_every_download_is_documented():
    names = re.search(r"`\{tên\}` là tên bộ số liệu: (.*?)\.\n", DOCS, flags=re.DOTALL).group(1)
    assert re.findall(r"`(\w+)`", names) == list(DATASETS)


def test_every_spreadsheet_message_is_documented():
    """Each problem the spreadsheet readers can report (OfficerError and
    Invalid texts, f-strings by their fixed parts) is in docs/data.md."""
    import ast

    from conftest import PROJECT as project

    found = []
    for module in ("spreadsheet_files", "spreadsheet_records"):
        path = project / "plugins" / "khuyenhoc" / "data" / f"{module}.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                    "OfficerError", "Invalid") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant):
                    found.append(first.value)
                elif isinstance(first, ast.JoinedStr):
                    found += [p.value for p in first.values if isinstance(p, ast.Constant)]
    parts = {part.strip(" :,\"'") for part in found}
    parts = [part for part in parts if len(part) >= 8]
    assert len(parts) >= 20
    assert [part for part in sorted(parts) if part not in DOCS] == []
