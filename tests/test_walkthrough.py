"""docs/walkthrough.md shows exactly what the compiler prints today."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "walkthrough.md"


def test_walkthrough_is_up_to_date():
    check = subprocess.run(
        [sys.executable, "tools/gen_walkthrough.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


def test_walkthrough_shows_both_examples_through_every_stage():
    text = DOC.read_text()
    for marker in (
        "tt-opt examples/gemm/gemm.mlir -p tt-metadata",
        "tt-opt examples/elementwise/add.mlir -p tt-metadata{grid=3x3}",
        "tt-opt examples/gemm/gemm.mlir -p tt-pipeline",
        "tt-opt examples/elementwise/add.mlir -p tt-pipeline{grid=3x3}",
    ):
        assert f"<!-- run: {marker} -->" in text
