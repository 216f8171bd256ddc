"""Shared helpers for the pytest suite."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tt_dialect.tools.environment import find_tool

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    found = find_tool(name)
    if found is None:
        pytest.fail(f"{name} is not installed in this environment")
    return found


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def tt_opt():
    """Run `tt-opt` with arguments and optional stdin; returns a `Run`."""
    exe = _tool("tt-opt")

    def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> Run:
        proc = subprocess.run(
            [exe, *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=cwd,
            timeout=120,
        )
        return Run(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def filecheck():
    """`filecheck(text, checks)`: runs FileCheck with `checks` (CHECK lines) on `text`; a
    mismatch fails the test with FileCheck's report."""
    exe = _tool("filecheck")

    def check(text: str, checks: str) -> None:
        with tempfile.NamedTemporaryFile("w", suffix=".checks", delete=False) as handle:
            handle.write(checks)
        try:
            proc = subprocess.run(
                [exe, handle.name], input=text, capture_output=True, text=True, timeout=60
            )
        finally:
            Path(handle.name).unlink()
        if proc.returncode != 0:
            pytest.fail(f"FileCheck failed:\n{proc.stderr}\n--- input ---\n{text}")

    return check


@pytest.fixture
def real_headers(capsys: pytest.CaptureFixture[str]):
    """`real_headers(kernel, directory)`: writes a JITKernel's artifacts to `directory`, runs
    `tt-check-kernels` on them (every kernel against the plan's tt-metal release, g++ and
    zig riscv32) and fails the test unless all pass; returns what the check printed."""
    from tt_dialect.tools import check_kernels

    def check(kernel, directory: Path) -> str:
        kernel.write_artifacts(directory)
        status = check_kernels.main([str(directory)])
        printed = capsys.readouterr().out
        assert status == 0, printed
        assert "g++" in printed and "zig-rv32" in printed, printed
        return printed

    return check
