"""The package's shape: stages that only look down, no import circles, no framework in the core.

records → campaign → rules → history → site | office | snapshot → county | city → cli |
mkdocs_plugin | city_plugin. A module may import its own stage and the stages below; site, office and
snapshot stand side by side and do not import each other, nor do county and city. Read from the
source with ``ast``, so the test fails before anyone runs the import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "xinfang"

#: Each stage's level; the shared base (errors, findings) is below everything.
LEVELS = {
    "errors": 0,
    "findings": 0,
    "parallel": 0,
    "records": 1,
    "campaign": 2,
    "rules": 3,
    "history": 4,
    "site": 5,
    "office": 5,
    "snapshot": 5,  # a county's snapshot for the city
    "county": 6,  # a county's own repository: init, upgrade, demo
    "city": 6,  # the city's roll-up: reads snapshots, renders with site's templates and office's workbook
    "cli": 7,
    "mkdocs_plugin": 7,
    "city_plugin": 7,
    "__main__": 8,
    "__init__": 0,
}
EDGE = {"cli", "mkdocs_plugin", "city_plugin", "__main__"}
MAX_LINES = 330  # "about 300": a module that grows past this holds more than one idea


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    """Every module of the package, and every outside top-level package, that ``path`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:  # `from . import sibling` imports the sibling, not the package
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in _NAMES else target)
    return found


_NAMES = {_module_name(p) for p in PACKAGE.rglob("*.py")}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


MODULES = _modules()
GRAPH = {
    name: {m for m in _imports(name, path) if m in MODULES and m != name}
    for name, path in MODULES.items()
}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_lower_stages_never_import_higher_ones(module: str) -> None:
    stage = _stage(module)
    assert stage in LEVELS, f"{module}: stage {stage} has no level in this test"
    for target in GRAPH[module]:
        other = _stage(target)
        if other == stage or target == "xinfang":
            continue
        assert LEVELS[other] < LEVELS[stage] or (
            LEVELS[other] == LEVELS[stage] and stage in EDGE
        ), f"{module} (stage {stage}) imports {target} (stage {other}): a lower stage looks up"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _stage(m) not in EDGE))
def test_the_core_imports_neither_argparse_nor_mkdocs(module: str) -> None:
    outside = {m.split(".")[0] for m in _imports(module, MODULES[module])}
    assert not outside & {"argparse", "mkdocs", "click"}, module


def test_no_import_circles() -> None:
    seen: dict[str, int] = {}  # 1 on the path, 2 done
    circles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(GRAPH[node]):
            if seen.get(nxt) == 1:
                circles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in seen:
                visit(nxt, [*path, nxt])
        seen[node] = 2

    for name in sorted(GRAPH):
        if name not in seen:
            visit(name, [name])
    assert not circles, "import circles: " + "; ".join(" → ".join(c) for c in circles)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_long(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines: split it along its meaning"


def test_imports_are_read_as_python_resolves_them() -> None:
    """Relative imports resolve to the modules they name, so an upward one cannot hide."""
    assert _stage("xinfang.records.loader") == "records"
    assert LEVELS[_stage("xinfang.site.generator")] > LEVELS[_stage("xinfang.rules.table")]
    assert "xinfang.records.yaml_nodes" in GRAPH["xinfang.records.case"]
    assert "xinfang.campaign.workdays" in GRAPH["xinfang.rules.context"]
    assert {"xinfang.cli.check", "xinfang.cli.site", "xinfang.cli.work"} <= GRAPH[
        "xinfang.cli.main"
    ]
