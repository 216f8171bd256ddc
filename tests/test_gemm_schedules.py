"""Every gemm schedule `tt-schedule-compute` can choose (or be forced to), run on the
emulator: numerics against numpy and the DRAM tile reads the schedule implies, exactly.

Schedules: partial sums in L1 (packer L1 accumulation; the K loop encloses the
subblocks, so every A and B block is read once per K step), in DST for the whole K
loop (the block fits DST), and in DST with subblocks enclosing the K loop (forced
with `gemm-accumulate=dst`: A and B are read once per subblock). Grids: 1x1,
non-square, 8x8, and more blocks than cores. Accumulation in fp32 (an f32 fragment)
and in 16 bits (a bf16 fragment). Every core loads its own blocks here
(`multicast=none`): the reads are those of the compute schedule alone;
tests/test_gemm_multicast.py runs the same schedules with multicast loads.

Tolerances: tests/gemm_runs.py.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from artifacts import compile_artifacts
from gemm_runs import run_gemm_and_check, tile_reads
from tt_dialect.samples import bf16_values, gemm_program

emu = pytest.importorskip("tt_dialect.emu")

TILE = 32

SCHEDULES = {
    # name: (M, N, K, block M, block N, block K, accumulator, grid, options)
    "l1-4x4-grid": (512, 512, 256, 128, 128, 32, "f32", "4x4", ""),
    "l1-bf16-accumulator-2x3": (256, 384, 128, 128, 128, 32, "bf16", "2x3", ""),
    "l1-more-blocks-than-cores-2x2": (512, 512, 128, 128, 128, 32, "f32", "2x2", ""),
    "l1-1x1-k-block-from-2-tiles": (128, 128, 256, 128, 128, 64, "f32", "1x1", ""),
    "l1-forced-k1-subblock-1x4-2x2": (256, 256, 128, 128, 128, 32, "f32", "2x2", "gemm-k-block=1 gemm-subblock=1x4"),
    "l1-8x8": (256, 256, 128, 32, 32, 32, "f32", "8x8", "gemm-accumulate=l1"),
    "l1-3-streamed-steps-2x2": (256, 256, 512, 128, 128, 32, "f32", "2x2", "gemm-stream-steps=3"),
    "l1-bf16-accumulator-2-streamed-steps-1x1": (128, 128, 384, 128, 128, 32, "bf16", "1x1", "gemm-stream-steps=2"),
    "dst-fits-3x1": (192, 96, 128, 64, 96, 32, "bf16", "3x1", ""),
    "dst-subblocks-reread-2x2": (256, 256, 128, 128, 128, 32, "f32", "2x2", "gemm-accumulate=dst"),
}


def expected_tile_reads(m: int, n: int, k: int, bm: int, bn: int, subblock: tuple[int, int]) -> tuple[int, int]:
    """DRAM tile reads of A and B: every output block reads its rows of A and its
    columns of B over K once per subblock column (A) or row (B) that re-reads them."""
    blocks = (m // bm) * (n // bn)
    kt = k // TILE
    sub_rows, sub_cols = subblock
    a = blocks * (bm // TILE) * kt * (bn // TILE // sub_cols)
    b = blocks * (bn // TILE) * kt * (bm // TILE // sub_rows)
    return a, b


@pytest.mark.parametrize("case", sorted(SCHEDULES))
def test_schedule_matches_numpy_and_reads(case: str, tmp_path: Path) -> None:
    m, n, k, bm, bn, bk, accumulator, grid, options = SCHEDULES[case]
    program = gemm_program(m, n, k, bm, bn, bk, "bf16", accumulator=accumulator)
    pipeline = f"tt-pipeline{{grid={grid} multicast=none {options}}}"
    artifacts = compile_artifacts(program, pipeline, tmp_path / "artifacts")
    outputs = run_gemm_and_check(artifacts, m, n, k, accumulator, case)
    # The forced DST schedule splits the 4x4-tile f32 block into 2x2 subblocks (4 fp32
    # tiles of DST) and reads A and B once per subblock; the others read them once.
    sub = (2, 2) if "gemm-accumulate=dst" in options else (bm // TILE, bn // TILE)
    assert tile_reads(outputs) == expected_tile_reads(m, n, k, bm, bn, sub)


def test_l1_accumulation_with_relu_epilogue(tmp_path: Path) -> None:
    """relu(A @ B) with the partial sums in L1: the in-place relu after the K loop
    reads the partial-sum CB and writes the output buffer (one pass through DST)."""
    m = n = 256
    k = 128
    artifacts = compile_artifacts(
        gemm_program(m, n, k, 128, 128, 32, "bf16", relu=True), "tt-pipeline{grid=2x2}", tmp_path / "artifacts"
    )
    rng = np.random.default_rng(11)
    a, b = bf16_values(rng, (m, k)), bf16_values(rng, (k, n))
    result = emu.run(artifacts, {"tensor0": a, "tensor1": b})["tensor2"]
    reference = np.maximum(a @ b, 0)
    bound = 2.0**-8 * np.abs(reference) + 1.02 * k * 2.0**-24 * (np.abs(a) @ np.abs(b))
    assert np.all(np.abs(result - reference) <= bound)


def test_streamed_steps_that_do_not_fit_l1_are_refused(tt_opt) -> None:
    """Forced, streamed steps whose wider blocks (with the loop's A and B CBs 3 blocks
    deep) exceed L1 are an error at the gemm; chosen, one step is streamed
    (lit_tests/transforms/schedule_compute.mlir, @streamed_no_room)."""
    source = Path(__file__).parent.parent / "lit_tests" / "transforms" / "schedule_compute.mlir"
    function = next(part for part in source.read_text().split("// -----") if "@streamed_no_room" in part)
    run = tt_opt("-p", "tt-schedule-compute{gemm-stream-steps=2}", stdin=function)
    assert run.returncode == 1
    gemm_line = 1 + function.splitlines().index(next(line for line in function.splitlines() if "tt.gemm" in line))
    # 1,441,792 bytes of CBs, the loop's A and B 3 deep (+196,608), the 2-step blocks
    # (+393,216).
    assert run.stderr == (
        f"stdin:{gemm_line}:5: error: 'tt.gemm' op gemm-stream-steps=2: the A and B blocks of 2 K "
        "steps, with the K loop's A and B CBs 3 blocks deep, need 2031616 bytes of L1 and 2 free CB "
        "indices in 0-15; the L1 has 1499136 bytes\n"
    )
