"""No import circle in the package: no module of src/szreport imports (directly or through others, lazily
inside a function included) a module that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "szreport"


def module_name(path: Path) -> str:
    parts = ["szreport", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(name: str) -> bool:
    return (PACKAGE.joinpath(*name.split(".")[1:]) / "__init__.py").exists()


def exists(name: str) -> bool:
    rel = name.split(".")[1:]
    return is_package(name) or PACKAGE.joinpath(*rel).with_suffix(".py").exists()


def imports_of(path: Path) -> set[str]:
    """The szreport modules one file imports, anywhere in it."""
    here = module_name(path)
    base = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("szreport")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                target = ".".join([*anchor, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.startswith("szreport"):
                target = node.module
            else:
                continue
            for alias in node.names:  # "from . import fmt" imports the module szreport.fmt
                candidate = f"{target}.{alias.name}"
                found.add(candidate if exists(candidate) else target)
    return {name for name in found if name != here and exists(name)}


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in PACKAGE.rglob("*.py")}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_graph_sees_relative_and_lazy_imports():
    edges = graph()
    assert (
        "szreport.data.claims" in edges["szreport.data.loader"]
        and "szreport.data.problems" in edges["szreport.data.claims"]
    )
    assert "szreport.audit.judge.evaluate" in edges["szreport.audit.report.sections"]
    assert "szreport.present.report" in edges["szreport.audit.report.sections"]


def test_no_module_imports_a_module_that_imports_it_back():
    assert cycles(graph()) == []
