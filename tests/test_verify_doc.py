"""docs/verify.md quotes the limits tt-verify really uses."""

from pathlib import Path

from tt_dialect.device import CARDS

DOC = Path(__file__).resolve().parent.parent / "docs" / "verify.md"


def test_documented_limits_match_the_device_table():
    text = DOC.read_text()
    for limits in CARDS.values():
        rows, cols = limits.worker_grid
        assert f"{limits.l1_bytes:,} B" in text
        assert f"{rows} x {cols}" in text
        assert f"| {limits.max_cbs} " in text or f"| {limits.max_cbs} |" in text
        for fmt in limits.data_formats:
            assert fmt in text
