"""Compiling a program to an artifact directory, for the tests that run or check artifacts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tt_dialect.tools.environment import find_tool


def compile_artifacts(source: str | Path, pipeline: str, out: Path) -> Path:
    """`tt-opt SOURCE -p PIPELINE -t tt-cpp{output-dir=OUT}`, where SOURCE is MLIR
    text (written beside OUT) or a file; fails the test with tt-opt's stderr."""
    if isinstance(source, str):
        path = out.parent / f"{out.name}.mlir"
        path.write_text(source)
        source = path
    tt_opt = find_tool("tt-opt")
    if tt_opt is None:
        pytest.fail("tt-opt is not installed in this environment")
    run = subprocess.run(
        [tt_opt, str(source), "-p", pipeline, "-t", f'tt-cpp{{output-dir="{out}"}}'],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return out
