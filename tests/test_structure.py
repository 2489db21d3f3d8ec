"""The structure of index/ (issue 20): no module uses another's private helpers, and no module
keeps state of its own that a call changes (a global, a module-level table filled at run time).
Read from the source with ``ast``: nothing is imported."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

INDEX = Path(__file__).resolve().parent.parent / "index"
MUTATING = frozenset(
    {"append", "add", "update", "pop", "clear", "extend", "insert", "remove", "discard"}
    | {"setdefault", "popitem", "appendleft", "sort", "reverse"}
)


def modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(INDEX.rglob("*.py")):
        name = ".".join(path.relative_to(INDEX.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_uses(name: str, tree: ast.Module, known: set[str]) -> list[str]:
    """Where module ``name`` imports a private name of another index module (``from x import
    _y``), or reads one through a module it imported (``x._y``)."""
    found = []
    package = name.rsplit(".", 1)[0]
    as_module: dict[str, str] = {}  # local name -> the index module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:  # relative: from the package
                source = ".".join([*package.split(".")[: 1 - node.level or None], source])
            if not source.startswith("index"):
                continue
            for alias in node.names:
                if f"{source}.{alias.name}" in known:
                    as_module[alias.asname or alias.name] = f"{source}.{alias.name}"
                elif private(alias.name) and source != name:
                    found.append(f"{name}:{node.lineno} from {source} import {alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("index"):
                    as_module[alias.asname or alias.name] = alias.name
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and private(node.attr):
            base = ast.unparse(node.value)
            if base in as_module and as_module[base] != name:
                found.append(f"{name}:{node.lineno} {base}.{node.attr}")
    return found


def module_state(name: str, tree: ast.Module) -> list[str]:
    """Where module ``name`` declares a global, or a function changes a name bound at module
    level (an item set or deleted, or a mutating method called on it)."""
    top: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            top |= {target.id for target in node.targets if isinstance(target, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            top.add(node.target.id)
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                found.append(f"{name}:{node.lineno} global {', '.join(node.names)}")
            elif (
                isinstance(node, ast.Subscript)
                and isinstance(node.ctx, ast.Store | ast.Del)
                and isinstance(node.value, ast.Name)
                and node.value.id in top
            ):
                found.append(f"{name}:{node.lineno} {ast.unparse(node)} set")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in MUTATING
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in top
            ):
                found.append(f"{name}:{node.lineno} {ast.unparse(node)}")
    return found


def test_no_index_module_uses_another_s_private_helpers() -> None:
    trees = modules()
    assert len(trees) > 40  # the scan found the package
    found = [use for name, tree in trees.items() for use in private_uses(name, tree, set(trees))]
    assert found == []


def test_no_index_module_keeps_state_a_call_changes() -> None:
    found = [use for name, tree in modules().items() for use in module_state(name, tree)]
    assert found == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from index.storage.store import _report\n", ["index.api:1 from index.storage.store"]),
        ("from index.storage import store\nstore._report({}, [])\n", ["index.api:2 store._report"]),
        ("from .store import _report\n", ["index.api:1 from index.storage.store"]),
        ("from index.storage.store import report\n", []),
    ],
)
def test_the_private_scan_finds_what_it_looks_for(source: str, expected: list[str]) -> None:
    name = "index.storage.doclist" if source.startswith("from .") else "index.api"
    found = private_uses(name, ast.parse(source), {"index.storage.store"})
    assert [use.split(" import")[0].split(":", 1)[1] for use in found] == [
        use.split(":", 1)[1] for use in expected
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("SEEN = {}\ndef see(key):\n    SEEN[key] = 1\n", ["index.x:3 SEEN[key] set"]),
        ("SEEN = []\ndef see(key):\n    SEEN.append(key)\n", ["index.x:3 SEEN.append(key)"]),
        ("COUNT = 0\ndef see():\n    global COUNT\n", ["index.x:3 global COUNT"]),
        ("TABLE = {}\ndef see(key):\n    return TABLE.get(key)\n", []),
    ],
)
def test_the_state_scan_finds_what_it_looks_for(source: str, expected: list[str]) -> None:
    assert module_state("index.x", ast.parse(source)) == expected
