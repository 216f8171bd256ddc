"""Refresh the IR shown in docs/walkthrough.md by running the commands it names.

Every code block preceded by a marker line

    <!-- run: tt-opt examples/gemm/gemm.mlir -p tt-infer-layout -->

is replaced by the output of that `tt-opt` command (run in-process, from the
repository root), so the walkthrough always shows what the compiler prints.

    python tools/gen_walkthrough.py            # rewrite docs/walkthrough.md
    python tools/gen_walkthrough.py --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from tt_dialect.api import run_pipeline
from generated_doc import write_or_check  # tools/generated_doc.py, beside this script

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
    return write_or_check(
        DOC, lambda: render(DOC.read_text()), __doc__.splitlines()[0], "tools/gen_walkthrough.py"
    )


if __name__ == "__main__":
    sys.exit(main())
