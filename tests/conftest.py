"""Shared helpers for the pytest suite."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tt_tools.environment import find_tool

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
