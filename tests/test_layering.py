"""The import graph keeps the compiler's layers apart.

    foundation (device, diagnostics, ...) <- ops/ (the dialect and its contract)
      <- shared analyses (analysis, ir_builder, options) <- transforms/ (one pass a module)
      <- pipelines/ (named pipelines compose passes);   emit/ (printers) reads ops/ only

A printer that imports a pass re-derives what the pass decided instead of reading it from
the IR, and a pass that imports another pass couples two decisions that should meet only
in the IR; both fail here with the offending import. Lazy imports inside functions count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tt_dialect"

FOUNDATION = {"device", "diagnostics", "metal_versions", "project_paths"}
SHARED = {"analysis", "index_bounds", "ir_builder", "options", "metal_enums"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every `tt_dialect` import in the file, nested ones included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            found += [(node.lineno, name) for name in names if name.startswith("tt_dialect")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("tt_dialect")]
    return found


def _layer(module: str) -> str:
    """The layer of a module `tt_dialect.<first>.<...>`."""
    parts = module.split(".")
    first = parts[1] if len(parts) > 1 else ""
    if first in FOUNDATION:
        return "foundation"
    if first in SHARED:
        return "shared"
    return first  # ops, transforms, pipelines, emit, emu, universe, api, ...


ALLOWED: dict[str, set[str]] = {
    "foundation": {"foundation"},
    "ops": {"foundation", "ops"},
    "shared": {"foundation", "ops", "shared"},
    "transforms": {"foundation", "ops", "shared"},
    "pipelines": {"foundation", "ops", "shared", "transforms", "pipelines"},
    "emit": {"foundation", "ops", "shared", "emit"},
}
"""Which layers each layer may import. `transforms` may not import `transforms`: a pass
never imports another pass (the check below allows a module to import itself)."""


def _is_module(name: str) -> bool:
    """Whether `tt_dialect.a.b` names a module or package (not a name inside one)."""
    relative = Path(*name.split(".")[1:]) if "." in name else Path()
    return (PACKAGE / relative).with_suffix(".py").exists() or (PACKAGE / relative).is_dir()


def _violations(path: Path, module: str | None = None) -> list[str]:
    module = module or _module_name(path)
    layer = _layer(module)
    if layer not in ALLOWED:
        return []
    problems = []
    for line, imported in _imports(path):
        if not _is_module(imported) or imported == module:
            continue
        target = _layer(imported)
        if target not in ALLOWED[layer] and target != "":
            problems.append(f"{module}:{line}: {layer} imports {imported}")
    return problems


SOURCES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_lower_layers(path: Path) -> None:
    assert _violations(path) == []


def test_a_pass_importing_a_pass_and_a_printer_importing_a_pass_are_reported(
    tmp_path: Path,
) -> None:
    source = tmp_path / "module.py"
    source.write_text(
        "from tt_dialect.ops.program import ProgramOp\n"
        "def lazy():\n"
        "    from tt_dialect.transforms.split_kernels import SplitKernelsPass\n"
    )
    assert _violations(source, "tt_dialect.transforms.fake") == [
        "tt_dialect.transforms.fake:3: transforms imports tt_dialect.transforms.split_kernels"
    ]
    assert _violations(source, "tt_dialect.emit.fake") == [
        "tt_dialect.emit.fake:3: emit imports tt_dialect.transforms.split_kernels"
    ]
    assert _violations(source, "tt_dialect.pipelines.fake") == []
