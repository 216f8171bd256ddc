"""Guards for the dialect as a whole: every op, attribute and type is exercised
by a round-trip lit test, and mnemonics stay plain snake_case API names."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tt_dialect.ops import TT

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DIALECT_TESTS = ROOT / "lit_tests" / "dialect"
ROUND_TRIP_FILES = sorted(
    p for p in DIALECT_TESTS.glob("*.mlir") if not p.stem.endswith("_invalid")
)


def _round_trip_text() -> str:
    texts = []
    for path in ROUND_TRIP_FILES:
        text = path.read_text()
        assert "TT_ROUNDTRIP" in text and "TT_GENERIC_ROUNDTRIP" in text, path.name
        texts.append(text)
    return "\n".join(texts)


@pytest.mark.parametrize("op", [op.name for op in TT.operations], ids=lambda n: n)
def test_every_op_has_a_round_trip_test(op: str):
    custom = re.compile(rf"(^|[\s=]){re.escape(op)}\b", re.MULTILINE)
    lines = [line for line in _round_trip_text().splitlines() if not line.startswith("//")]
    assert any(custom.search(line) for line in lines), f"{op} appears in no round-trip test"


@pytest.mark.parametrize(
    "attr", [attr.name for attr in TT.attributes], ids=lambda n: n
)
def test_every_attribute_and_type_has_a_round_trip_test(attr: str):
    text = _round_trip_text()
    assert f"#{attr}<" in text or f"!{attr}" in text, f"{attr} appears in no round-trip test"


@pytest.mark.parametrize("op", [op.name for op in TT.operations], ids=lambda n: n)
def test_mnemonics_are_plain_snake_case(op: str):
    assert re.fullmatch(r"tt\.[a-z][a-z0-9_]*", op), op


def test_dialect_reference_is_up_to_date():
    check = subprocess.run(
        [sys.executable, "tools/gen_dialect_doc.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


def test_every_pass_has_its_own_lit_file():
    """One pass per module, one lit file per pass, named after the module, in the lit folder
    named after the module's package: `tt_dialect/transforms/x.py` is tested by
    `lit_tests/transforms/x.mlir`, `tt_dialect/emit/y.py` by `lit_tests/emit/y.mlir`."""
    from tt_dialect.universe import get_all_passes

    for name, getter in get_all_passes().items():
        package, module = getter().__module__.split(".")[-2:]
        lit_file = Path("lit_tests") / package / f"{module}.mlir"
        assert (ROOT / lit_file).exists(), f"{name}: no {lit_file}"
