"""The package's layers, one way from data to publication (issue 22): a module may import only its own layer and
the layers below it; no module is over 500 lines; no import hides inside a function to dodge a cycle; names say
what things are: no one-letter local outside a comprehension or a lambda."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "szreport"
MAX_LINES = 500

# Lowest first. A module belongs to the layer of the longest prefix that names it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "foundation",
        ("szreport", "szreport.metrics", "szreport.params", "szreport.fmt", "szreport.notebooks", "szreport.safeyaml"),
    ),
    ("data", ("szreport.data",)),
    ("judge", ("szreport.audit", "szreport.audit.judge")),
    ("charts", ("szreport.charts",)),
    ("present", ("szreport.present",)),
    ("audit report", ("szreport.audit.report",)),
    ("themes", ("szreport.themes",)),
    ("build", ("szreport.build",)),
    ("diff", ("szreport.diff",)),
    ("application", ("szreport.cli", "szreport.serve", "szreport.explore")),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    best, best_length = None, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_length:
                best, best_length = index, len(prefix)
    assert best is not None, f"{module} is in no layer: add it to LAYERS"
    return best


def imports_of(path: Path) -> list[tuple[int, str, bool]]:
    """(line, imported szreport module, inside a function) of every import of the package in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.split(".")[0] == "szreport":
                    for alias in child.names:  # `from szreport.x import y` imports module x.y when y is one
                        sub = f"{target}.{alias.name}"
                        is_module = (PACKAGE.parent / (sub.replace(".", "/") + ".py")).exists() or (
                            PACKAGE.parent / sub.replace(".", "/")
                        ).is_dir()
                        found.append((child.lineno, sub if is_module else target, in_function))
            elif isinstance(child, ast.Import):
                found.extend((child.lineno, a.name, in_function) for a in child.names if a.name.startswith("szreport"))
            visit(child, nested)

    visit(tree, False)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))

SCOPED = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda)  # a one-letter name may live here


def one_letter_names(path: Path) -> list[tuple[int, str]]:
    """(line, name) of every one-letter name ``path`` binds outside a comprehension or a lambda: targets of
    assignments, ``for`` and ``with``, function arguments and ``except`` names (``_`` is no name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    scoped = {id(inner) for node in ast.walk(tree) if isinstance(node, SCOPED) for inner in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if id(node) in scoped:
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            name = node.id
        elif isinstance(node, ast.arg):
            name = node.arg
        elif isinstance(node, ast.ExceptHandler) and node.name:
            name = node.name
        else:
            continue
        if len(name) == 1 and name != "_":
            found.append((node.lineno, name))
    return sorted(found)


def test_every_module_is_in_a_layer():
    for path in MODULES:
        layer_of(module_name(path))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_go_one_way_down(path):
    """The rule: a module imports only its own layer and the layers below (LAYERS, lowest first)."""
    here = module_name(path)
    own = layer_of(here)
    for line, target, _ in imports_of(path):
        there = layer_of(target)
        assert there <= own, (
            f"{path.relative_to(PACKAGE.parent)}:{line}: {here} (layer {LAYERS[own][0]}) imports {target} "
            f"(layer {LAYERS[there][0]}, above it): a module may import only its own layer and those below"
        )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_is_over_500_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE.parent)} has {lines} lines (at most {MAX_LINES})"


def test_no_function_level_import_dodges_a_cycle():
    dodging = re.compile(r"\bcycl|circular", re.IGNORECASE)
    for path in MODULES:
        lines = path.read_text(encoding="utf-8").splitlines()
        for line, target, in_function in imports_of(path):
            if in_function:
                around = " ".join(lines[max(0, line - 3) : line + 1])
                assert not dodging.search(around), f"{path.name}:{line} imports {target} late to avoid a cycle"


def test_the_rule_catches_an_import_up(tmp_path):
    """The test can fail: a data module importing a theme is named with its line."""
    assert layer_of("szreport.data.window") < layer_of("szreport.themes.economy")
    assert layer_of("szreport.audit.judge.evaluate") < layer_of("szreport.present.provenance")
    assert layer_of("szreport.present.report") < layer_of("szreport.audit.report.sections")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_names_say_what_things_are(path):
    """Issue 22 item 3: a name says what the thing is (``verdict``, ``figure``, ``year``), so no one-letter local
    outside a comprehension or a lambda, where the line itself says what it ranges over."""
    offenders = one_letter_names(path)
    where = path.relative_to(PACKAGE.parents[1]).as_posix()
    named = ", ".join(f"{where}:{line} {name}" for line, name in offenders)
    assert not offenders, f"one-letter names, say what each one is: {named}"


def test_the_names_rule_catches_a_letter(tmp_path):
    """The test can fail: a letter bound in a function is named with its line; one in a comprehension is not."""
    module = tmp_path / "module.py"
    module.write_text("def total(values):\n    x = 1\n    return [x for x in values]\n", encoding="utf-8")
    assert one_letter_names(module) == [(2, "x")]
