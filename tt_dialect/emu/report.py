"""One result line per checked output, the same for every example and for `tt-emu run --expect`:

    RESULT gemm: max |error| 0.0138 <= tolerance 0.133 (max |reference| 33.3) PASS; modeled 41.7 us, 78.6% of roofline (compute-bound)

`tools/main.sh` collects the lines that start with `RESULT ` into its summary table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

PREFIX = "RESULT "


def bf16_tolerance(reference: np.ndarray) -> float:
    """The error a bf16 output of an fp32 computation may carry: half a bf16 ulp of the largest
    |reference| (2^-8 of it) plus 1e-3 for the fp32 rounding before it."""
    return float(np.max(np.abs(reference), initial=0.0)) * 2.0**-8 + 1e-3


def max_error(actual: np.ndarray, expected: np.ndarray) -> float:
    """The largest |actual - expected|, in float64; shapes must agree."""
    actual, expected = np.asarray(actual), np.asarray(expected)
    if actual.shape != expected.shape:
        raise ValueError(f"the output has shape {actual.shape}, the reference {expected.shape}")
    if actual.size == 0:
        return 0.0
    return float(np.max(np.abs(actual.astype(np.float64) - expected.astype(np.float64))))


def result_line(
    what: str, error: float, tolerance: float, scale: float, stats: Mapping[str, Any] | None = None
) -> str:
    verdict = "PASS" if error <= tolerance else "FAIL"
    relation = "<=" if error <= tolerance else ">"
    line = (
        f"{PREFIX}{what}: max |error| {error:.3g} {relation} tolerance {tolerance:.3g} "
        f"(max |reference| {scale:.3g}) {verdict}"
    )
    if stats:
        roofline = stats["roofline"]
        line += (
            f"; modeled {stats['modeled_us']:.1f} us, {roofline['percent']:.1f}% of roofline "
            f"({roofline['bound']}-bound)"
        )
    return line


def check(
    what: str,
    actual: np.ndarray,
    expected: np.ndarray,
    tolerance: float,
    stats: Mapping[str, Any] | None = None,
) -> bool:
    """Prints the result line of `actual` against `expected`; True when within `tolerance`."""
    error = max_error(actual, expected)
    scale = float(np.max(np.abs(expected))) if np.asarray(expected).size else 0.0
    print(result_line(what, error, tolerance, scale, stats), flush=True)
    return error <= tolerance
