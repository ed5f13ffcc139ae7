"""The house's plan: which room may use which (docs/architecture.md).

Rooms at the bottom (errors, suggest, site_folders, pelican_internals,
caches, vietnamese) serve every room and use only each other and the data;
the data use only them. A new import across rooms that this plan does not
list fails here, so that it is a decision and not an accident: add it to
ALLOWED and to the architecture page's table, or move the code.
"""

import ast
from pathlib import Path

import khuyenhoc

PACKAGE = Path(khuyenhoc.__file__).parent
BOTTOM = {"errors", "suggest", "site_folders", "pelican_internals", "caches", "vietnamese"}
ALLOWED = {
    "errors": set(),
    "suggest": set(),
    "site_folders": set(),
    "pelican_internals": {"errors"},
    "caches": {"errors"},
    "vietnamese": {"data"},  # a figure's text knows its period and its qualifier
    "data": {"caches", "errors", "suggest", "vietnamese"},
    "reading": BOTTOM | {"data", "checks", "figures"},  # front matter: raw HTML, [[...]] marks
    "figures": BOTTOM | {"data", "reading", "charts", "pages"},  # pages: share cards
    "charts": BOTTOM | {"data", "figures"},  # a chart is drawn from a table of figures
    "pages": BOTTOM | {"data", "figures", "charts", "checks", "editor"},
    "checks": BOTTOM | {"data"},
    "search": BOTTOM,
    "editor": BOTTOM | {"data", "reading"},
    "wiring": BOTTOM | {"data", "reading", "figures", "pages", "checks"},
    "build": BOTTOM | {"wiring", "data", "reading", "checks", "search"},
    "preview": BOTTOM | {"build", "data", "figures"},
    "commands": BOTTOM | {"build", "data", "reading", "figures", "preview"},
    "__init__": {"wiring", "build", "editor", "figures", "pages", "reading"},
}


def room_of(path):
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def used_rooms(path):
    rooms = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("khuyenhoc"):
            parts = node.module.split(".")
            rooms |= {parts[1]} if len(parts) > 1 else {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            rooms |= {alias.name.split(".")[1] for alias in node.names
                      if alias.name.startswith("khuyenhoc.")}
    return rooms


def test_every_room_uses_only_the_rooms_the_plan_allows():
    unplanned = []
    for path in sorted(PACKAGE.rglob("*.py")):
        room = room_of(path)
        assert room in ALLOWED, f"{path.relative_to(PACKAGE)}: a room the plan does not know"
        for used in sorted(used_rooms(path) - {room} - ALLOWED[room]):
            unplanned.append(f"{path.relative_to(PACKAGE)} uses {used}")
    assert unplanned == [], "imports across rooms that the plan does not allow"


def test_the_bottom_rooms_use_no_room_above_them():
    above = set(ALLOWED) - BOTTOM - {"data"}
    for room in BOTTOM:
        assert not ALLOWED[room] & above, room
