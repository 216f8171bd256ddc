"""docs/walkthrough.md shows exactly what the compiler prints today."""

from tt_tools.gen_walkthrough import DOC, render


def test_walkthrough_is_up_to_date():
    assert DOC.read_text() == render(DOC.read_text()), "run: python tools/gen_walkthrough.py"


def test_walkthrough_shows_both_examples_through_every_stage():
    text = DOC.read_text()
    for marker in (
        "tt-opt examples/gemm/gemm.mlir -p tt-metadata",
        "tt-opt examples/elementwise/add.mlir -p tt-metadata{grid=3x3}",
        "tt-opt examples/gemm/gemm.mlir -p tt-pipeline",
        "tt-opt examples/elementwise/add.mlir -p tt-pipeline{grid=3x3}",
    ):
        assert f"<!-- run: {marker} -->" in text
