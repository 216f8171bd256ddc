"""Refresh the IR shown in docs/walkthrough.md by running the commands it names.

Every code block preceded by a marker line

    <!-- run: tt-opt examples/gemm/gemm.mlir -p tt-infer-layout -->

is replaced by the output of that `tt-opt` command (run in-process, from the
repository root), so the walkthrough always shows what the compiler prints.

    python tools/gen_walkthrough.py            # rewrite docs/walkthrough.md
    python tools/gen_walkthrough.py --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from pathlib import Path

from tt_dialect.api import run_pipeline

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "walkthrough.md"

_BLOCK = re.compile(r"(<!-- run: (?P<command>.+?) -->\n```mlir\n)(?P<body>.*?)(```)", re.DOTALL)


def run_command(command: str) -> str:
    """Output of `tt-opt FILE [-p PIPELINE]`, the only forms the markers use."""
    words = shlex.split(command)
    if words[:1] != ["tt-opt"] or len(words) not in (2, 4) or words[2:3] not in ([], ["-p"]):
        raise ValueError(f"marker must read 'tt-opt FILE [-p PIPELINE]', got '{command}'")
    pipeline = words[3] if len(words) == 4 else ""
    return run_pipeline((ROOT / words[1]).read_text(), pipeline, file_name=words[1])


def render(text: str) -> str:
    return _BLOCK.sub(lambda m: m[1] + run_command(m["command"]) + m[4], text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is up to date")
    args = parser.parse_args()
    current = DOC.read_text()
    fresh = render(current)
    if args.check:
        if fresh != current:
            print(f"{DOC} is out of date: run python tools/gen_walkthrough.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(fresh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
