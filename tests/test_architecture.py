"""The shape of the code, checked from the source.

- No import cycle between the nodes of `carrousel/`: each package (`carrousel/residents/`), each
  top-level module (`carrousel/geo.py`) and the package itself (`carrousel/__init__.py`, the
  factory) is one node. Imports under `if TYPE_CHECKING:` are no runtime dependency.
- No import inside a function body in `carrousel/` (it is how a cycle hides).
- `matching/` is pure: it imports neither Flask, SQL nor `carrousel`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "carrousel"
MATCHING = ROOT / "matching"

# Imports inside a function that are allowed, each with its reason: {(file, imported module): reason}.
FUNCTION_IMPORT_ALLOWED: dict[tuple[str, str], str] = {}

MATCHING_FORBIDDEN = ("flask", "sqlalchemy", "sqlmodel", "psycopg", "carrousel", "alembic", "jinja2")


@dataclass(frozen=True)
class Import:
    """One import statement: where it is, what it names, and whether it runs inside a function."""

    file: str
    line: int
    module: str
    in_function: bool


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, root: Path) -> Iterator[Import]:
    """Every runtime import in one file, with relative imports resolved to absolute names."""
    module = _module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    rel = str(path.relative_to(root))

    def visit(node: ast.AST, in_function: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for other in child.orelse:
                    yield from visit(other, in_function)
                continue
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield Import(rel, child.lineno, alias.name, in_function)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join([*base, child.module] if child.module else base)
                else:
                    target = child.module or ""
                # `from carrousel import geo` names the module geo; `from carrousel import create_app` the package.
                for alias in child.names:
                    yield Import(rel, child.lineno, f"{target}.{alias.name}", in_function)
            yield from visit(child, inner)

    yield from visit(tree, False)


def node_of(module: str, package_dir: Path = PACKAGE) -> str | None:
    """The graph node a module belongs to: `carrousel`, `carrousel.<package>` or `carrousel.<module>`."""
    parts = module.split(".")
    if parts[0] != package_dir.name:
        return None
    if len(parts) == 1:
        return parts[0]
    name = parts[1]
    if (package_dir / name).is_dir() or (package_dir / f"{name}.py").is_file():
        return f"{parts[0]}.{name}"
    return parts[0]  # a name defined in the package's __init__ (the factory)


def import_graph(package_dir: Path = PACKAGE) -> dict[str, dict[str, str]]:
    """{node: {node it imports: "file:line" of one such import}} for the package's runtime imports."""
    root = package_dir.parent
    graph: dict[str, dict[str, str]] = {}
    for path in sorted(package_dir.rglob("*.py")):
        if "migrations" in path.relative_to(package_dir).parts:
            continue  # Alembic's scripts are loaded by Alembic, not imported by the application
        source = node_of(_module_name(path, root), package_dir)
        assert source is not None
        graph.setdefault(source, {})
        for found in imports_of(path, root):
            target = node_of(found.module, package_dir)
            if target is not None and target != source:
                graph[source].setdefault(target, f"{found.file}:{found.line}")
    return graph


def find_cycle(graph: Mapping[str, Mapping[str, object]]) -> list[str] | None:
    """One cycle in the graph as [a, b, ..., a], or None when the graph has none."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, {})):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def describe(cycle: list[str], graph: Mapping[str, Mapping[str, str]]) -> str:
    return "\n".join(f"  {a} -> {b}  ({graph[a][b]})" for a, b in pairwise(cycle))


# --- the checker itself -------------------------------------------------------------------------


def test_find_cycle_reports_a_cycle_in_a_tiny_graph() -> None:
    graph = {"a": {"b": ""}, "b": {"c": ""}, "c": {"a": ""}, "d": {"a": ""}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]


def test_find_cycle_accepts_layers() -> None:
    graph = {"top": {"mid": "", "low": ""}, "mid": {"low": ""}, "low": {}}
    assert find_cycle(graph) is None


def test_checker_sees_a_cycle_through_the_factory_and_skips_type_checking(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "area").mkdir(parents=True)
    (package / "__init__.py").write_text("from pkg.area import views\nSEED_DIR = 1\n")
    (package / "area" / "__init__.py").write_text("")
    (package / "area" / "views.py").write_text("from ..geo import lookup\n")
    (package / "geo.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.area import views\n"
        "from pkg import SEED_DIR\ndef lookup() -> None:\n    import pkg.area\n"
    )
    graph = import_graph(package)
    assert graph["pkg.geo"] == {"pkg": "pkg/geo.py:4", "pkg.area": "pkg/geo.py:6"}
    assert find_cycle(graph) == ["pkg", "pkg.area", "pkg.geo", "pkg"]
    inside = [i for i in imports_of(package / "geo.py", tmp_path) if i.in_function]
    assert [i.module for i in inside] == ["pkg.area"]


# --- the code base ------------------------------------------------------------------------------


def test_no_import_cycle_between_carrousel_packages() -> None:
    graph = import_graph()
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle between carrousel packages:\n" + describe(cycle, graph)


def test_no_import_inside_a_function() -> None:
    found = [
        f"{i.file}:{i.line} imports {i.module}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.relative_to(PACKAGE).parts
        for i in imports_of(path, ROOT)
        if i.in_function and (i.file, i.module) not in FUNCTION_IMPORT_ALLOWED
    ]
    assert found == [], "imports inside a function body:\n" + "\n".join(found)


def test_matching_stays_pure() -> None:
    found = [
        f"{i.file}:{i.line} imports {i.module}"
        for path in sorted(MATCHING.rglob("*.py"))
        for i in imports_of(path, ROOT)
        if i.module.split(".")[0] in MATCHING_FORBIDDEN
    ]
    assert found == [], "matching/ must not import Flask, SQL or carrousel:\n" + "\n".join(found)
