"""The multicast schedule of `tt-schedule-multicast`, run on the emulator: numerics
against numpy, and the DRAM tile reads and multicasts the schedule implies, exactly.

Each case gives the core rectangle the pass must choose (Gy x Gx, or None for the
global partition), the blocks each core then computes (Sy x Sx, after the pass merged
a core's blocks into larger ones where L1 allows) and which loads it multicasts. Every
core computes its Sy x Sx blocks in lock step with its row and column; at each step one
core per core row reads its A block and one core per core column its B block. So A is
read Mt * Kt * Sx times (once with merged blocks: the multicast bound) instead of
Mt * Kt * Gx * Sx, and B Nt * Kt * Sy times; a load that is not multicast is read by
every core. The forced DST schedule
(`gemm-accumulate=dst`) reads A and B once more per subblock column and row.

Shapes cover 2D multicast on square and non-square grids, more blocks than cores (merged
into one block per core, merged as far as L1 allows, and not merged), the 1D variants (one block row: A only; one block column: B only), a 1x1 grid (nothing to
share), fp32 and bf16 accumulation, Blackhole, and both loads on the reader kernel
(`mcast-movers=reader`; by default the writer kernel moves B's blocks), and the output
stored after the K loop (`gemm-stream-output=false`; by default the last K steps are
peeled and stored band by band: 2 of them at 1024^3 on 8x8, chosen; 3 forced), whose
wider A and B blocks are multicast through CBs 2 and 3. Tolerances: tests/gemm_runs.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from artifacts import compile_artifacts
from gemm_runs import run_gemm_and_check, tile_reads
from tt_dialect.samples import gemm_program

TILE = 32

CASES = {
    # name: (M, N, K, bm, bn, accumulator, grid, options, rectangle, shard, multicast axes)
    # rectangle: the Gy x Gx cores (None: global partition); shard: the blocks each core
    # computes after tt-schedule-multicast merged its blocks into larger ones.
    "2d-8x8": (1024, 1024, 256, 128, 128, "f32", "8x8", "", (8, 8), (1, 1), {"row", "column"}),
    "2d-merged-blocks-4x4": (1024, 1024, 128, 128, 128, "f32", "4x4", "", (4, 4), (1, 1), {"row", "column"}),
    "2d-l1-limits-merging-2x2": (1024, 1024, 128, 128, 128, "f32", "2x2", "", (2, 2), (1, 2), {"row", "column"}),
    "2d-unmerged-2x2": (512, 512, 128, 128, 128, "f32", "2x2", "coarsen-blocks=false", (2, 2), (2, 2), {"row", "column"}),
    "2d-non-square-2x3-bf16": (256, 384, 128, 128, 128, "bf16", "2x3", "", (2, 3), (1, 1), {"row", "column"}),
    "2d-small-blocks-3x2": (192, 192, 64, 64, 96, "bf16", "3x2", "", (3, 2), (1, 1), {"row", "column"}),
    "1d-row-1x4": (128, 512, 256, 128, 128, "f32", "1x4", "", (1, 4), (1, 1), {"row"}),
    "1d-column-4x1": (512, 128, 256, 128, 128, "f32", "4x1", "", (4, 1), (1, 1), {"column"}),
    "none-1x1": (128, 128, 128, 128, 128, "f32", "1x1", "", None, (1, 1), set()),
    "2d-dst-subblocks-2x2": (256, 256, 128, 128, 128, "f32", "2x2", "gemm-accumulate=dst", (2, 2), (1, 1), {"row", "column"}),
    "2d-blackhole-4x4": (512, 512, 128, 128, 128, "f32", "4x4", "arch=blackhole", (4, 4), (1, 1), {"row", "column"}),
    "2d-one-mover-4x4": (512, 512, 128, 128, 128, "f32", "4x4", "mcast-movers=reader", (4, 4), (1, 1), {"row", "column"}),
    "2d-unstreamed-4x4": (512, 512, 128, 128, 128, "f32", "4x4", "gemm-stream-output=false", (4, 4), (1, 1), {"row", "column"}),
    "2d-3-streamed-steps-4x4": (512, 512, 512, 128, 128, "f32", "4x4", "gemm-stream-steps=3", (4, 4), (1, 1), {"row", "column"}),
    "2d-2-streamed-steps-8x8": (1024, 1024, 1024, 128, 128, "f32", "8x8", "", (8, 8), (1, 1), {"row", "column"}),
}


def expected_reads(case: str) -> tuple[int, int]:
    """A is read once per block column a core computes along its row, B once per block
    row along its column; a load that is not multicast by every core of the line."""
    m, n, k, _, _, _, _, _, rectangle, shard, axes = CASES[case]
    mt, nt, kt = m // TILE, n // TILE, k // TILE
    rows, cols = rectangle or (1, 1)
    shard_rows, shard_cols = shard
    reread_a, reread_b = _rereads(case)
    a = mt * kt * (shard_cols if "row" in axes else cols * shard_cols) * reread_a
    b = nt * kt * (shard_rows if "column" in axes else rows * shard_rows) * reread_b
    return a, b


@pytest.mark.parametrize("case", sorted(CASES))
def test_multicast_matches_numpy_and_reads(case: str, tmp_path: Path) -> None:
    m, n, k, bm, bn, accumulator, grid, options, rectangle, shard, axes = CASES[case]
    program = gemm_program(m, n, k, bm, bn, 32, "bf16", accumulator=accumulator)
    artifacts = compile_artifacts(program, f"tt-pipeline{{grid={grid} {options}}}", tmp_path / "artifacts")
    plan = json.loads((artifacts / "tt.plan.json").read_text())
    partition = plan["partition"]
    if rectangle is None:
        assert partition["mode"] == "global"
    else:
        assert partition["mode"] == "block_2d"
        assert partition["shard_blocks"] == list(shard)
        assert [b // s for b, s in zip(partition["blocks"], partition["shard_blocks"])] == list(rectangle)
    # With both axes multicast and one block per core the writer kernel moves B's blocks
    # (column), unless `mcast-movers=reader` keeps every load on the reader.
    movers = {
        kernel["role"]: {arg["axis"] for arg in kernel["runtime_args"] if "axis" in arg}
        for kernel in plan["kernels"]
        if kernel["role"] != "compute"
    }
    split = axes == {"row", "column"} and shard == (1, 1) and "mcast-movers=reader" not in options
    assert movers == ({"reader": {"row"}, "writer": {"column"}} if split else {"reader": axes, "writer": set()})
    # Several streamed K steps bring their wider A and B blocks through CBs 2 and 3.
    assert ({2, 3} <= {cb["index"] for cb in plan["cbs"]}) == ("streamed-steps" in case)

    outputs = run_gemm_and_check(artifacts, m, n, k, accumulator, case)
    assert tile_reads(outputs) == expected_reads(case)
    assert outputs.stats["noc"]["write_transactions"] == (m // TILE) * (n // TILE)
    # Every sender multicasts each of its blocks once per step, followed by a 4-byte
    # flag: the block bytes are what a line's receivers would otherwise have read.
    reread_a, reread_b = _rereads(case)
    shard_rows, shard_cols = shard
    per_axis = {
        "row": (m // TILE) * (k // TILE) * shard_cols * reread_a,
        "column": (n // TILE) * (k // TILE) * shard_rows * reread_b,
    }
    noc = outputs.stats["noc"]
    flags = noc["mcast_writes"] // 2
    assert noc["mcast_bytes"] - 4 * flags == sum(per_axis[axis] for axis in axes) * TILE * TILE * 2


def _rereads(case: str) -> tuple[int, int]:
    """How often the forced DST schedule (2x2 fp32 subblocks enclosing the K loop)
    reads each A and B tile of a block: once per subblock column and row."""
    _, _, _, bm, bn, _, _, options, _, _, _ = CASES[case]
    if "gemm-accumulate=dst" in options:
        return (bn // TILE) // 2, (bm // TILE) // 2
    return 1, 1
