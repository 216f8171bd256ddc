"""Running a gemm program on the emulator and checking it against numpy, for the tests of
the gemm schedules (tests/test_gemm_schedules.py, tests/test_gemm_multicast.py).

Tolerances: as tests/test_emu_numerics.py: with an fp32 accumulator, fp32 accumulation in
another order than numpy, then one rounding to bf16 on the last pack. With a bf16
accumulator the partial sums are rounded to bf16 after every K block (in DST, or in the
bf16 partial-sum CB): at most one rounding of 2^-8 of |A| @ |B| per K block, so the bound
is (K blocks + 1) * 2^-8 * (|A| @ |B|).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tt_dialect.samples import bf16_values

emu = pytest.importorskip("tt_dialect.emu")

TILE = 32


def run_gemm_and_check(artifacts: Path, m: int, n: int, k: int, accumulator: str, seed: str):
    """Runs the artifacts on bf16 inputs drawn from `seed`, asserts C = A @ B within the
    accumulator's bound, and returns the emulator's result (with its stats)."""
    rng = np.random.default_rng(sum(map(ord, seed)))
    a, b = bf16_values(rng, (m, k)), bf16_values(rng, (k, n))
    outputs = emu.run(artifacts, {"tensor0": a, "tensor1": b}, stats=True)
    reference = a @ b
    magnitude = np.abs(a) @ np.abs(b)
    if accumulator == "f32":
        bound = 2.0**-8 * np.abs(reference) + 1.02 * k * 2.0**-24 * magnitude
    else:
        bound = (k // TILE + 1) * 2.0**-8 * magnitude
    error = np.abs(outputs["tensor2"] - reference)
    assert np.all(error <= bound), f"max error {error.max():.3g} (bound there {bound.flat[np.argmax(error - bound)]:.3g})"
    return outputs


def tile_reads(outputs) -> tuple[int, int]:
    """DRAM tile reads of A (tensor0) and B (tensor1), from the emulator's counters."""
    reads = {entry["name"]: entry["read_transactions"] for entry in outputs.stats["dram"]}
    return reads["tensor0"], reads["tensor1"]
