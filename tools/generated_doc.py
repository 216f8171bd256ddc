"""The command-line side shared by the generators of checked-in docs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def write_or_check(doc: Path, render: Callable[[], str], description: str, script: str) -> int:
    """`script` rewrites `doc` with `render()`; `script --check` exits 1 if it differs."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="only check that the file is up to date")
    fresh = render()
    if parser.parse_args().check:
        if not doc.exists() or doc.read_text() != fresh:
            print(f"{doc} is out of date: run python {script}", file=sys.stderr)
            return 1
        return 0
    doc.write_text(fresh)
    return 0
