"""bench/kernel_perf.py's table and validation code on a tiny size, so that it does not rot: every
row of the table at 128^3 (128 x 128 for the add) on a 2x2 grid, and a small DRAM stream. No timing
is asserted; the counters are deterministic, so the DRAM tile reads are asserted exactly, from each
schedule's formula (Mt = Nt = Kt = 4 tiles, R = C = 2).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import kernel_perf  # noqa: E402

N, GRID = 128, "2x2"
T = N // 32
R = C = 2


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, kernel_perf.Row]:
    work = tmp_path_factory.mktemp("kernel_perf")
    return {r.kernel: r for r in kernel_perf.table([N], GRID, work)}


def test_every_row_is_there(rows: dict[str, kernel_perf.Row]) -> None:
    assert list(rows) == [name for name, _ in kernel_perf.ROWS]
    for row in rows.values():
        assert row.available, row.not_available
        assert row.size == N and row.grid == GRID
        # A DRAM bank is one resource for its reads and writes (docs/perf_model.md), so no row
        # beats its roofline (the add did, with separate read and write ports).
        assert row.modeled_us > 0 and 0 < row.roofline_percent <= 100
        assert row.noc_bytes >= row.dram_tile_reads * 2048
        assert row.busiest_resource and 0 < row.busiest_utilization <= 1


def test_dram_tile_reads_follow_each_schedule(rows: dict[str, kernel_perf.Row]) -> None:
    # (a) one A and one B tile per output tile and K tile: 2 Mt Nt Kt.
    assert rows["tt-metal (a) no reuse"].dram_tile_reads == 2 * T * T * T
    # (b) each core reads its A rows and B columns once: Kt (Mt C + Nt R).
    assert rows["tt-metal (b) block reuse"].dram_tile_reads == T * (T * C + T * R)
    # Ours: 64x64 blocks (128 / the grid side) of 2x2 tiles on a 2x2 core rectangle, A
    # multicast along core rows and B down core columns: each tile read once, Kt (Mt + Nt),
    # like (c).
    assert rows["ours gemm"].config.startswith("hifi4, fp32 DST, 64x64 blocks")
    assert rows["ours gemm"].dram_tile_reads == T * (T + T)
    assert rows["ours gemm"].stats["noc"]["mcast_writes"] > 0
    # (c) the left column reads A and the top row reads B, each tile once: Kt (Mt + Nt).
    assert rows["tt-metal (c) 2D multicast"].dram_tile_reads == T * (T + T)
    assert rows["tt-metal (c) 2D multicast"].stats["noc"]["mcast_writes"] > 0
    # The add reads each tile of both inputs once.
    assert rows["ours add"].dram_tile_reads == 2 * T * T


def test_mcast_blocking_is_the_production_config() -> None:
    # per_core_M, per_core_N, in0_block_w, subblock h x w (PERF_FACTS.md, the 1024^3 config).
    assert kernel_perf.mcast_blocking(1024, "8x8") == (4, 4, 4, 2, 4)
    assert kernel_perf.mcast_blocking(2048, "8x8") == (8, 8, 4, 2, 4)
    assert kernel_perf.mcast_blocking(N, GRID) == (2, 2, 4, 2, 2)


def test_markdown_and_json(rows: dict[str, kernel_perf.Row], tmp_path: Path) -> None:
    text = kernel_perf.markdown(list(rows.values()))
    assert text.count("\n") == 1 + len(rows)
    assert f"| ours gemm | {N} | {GRID} |" in text
    doc = [kernel_perf.asdict(r) for r in rows.values()]
    (tmp_path / "rows.json").write_text(json.dumps(doc))


def test_dram_stream_reads_every_byte_once(tmp_path: Path) -> None:
    s = kernel_perf.dram_stream(readers=12, pages=4, page_bytes=8192, batch=2, work=tmp_path)
    assert s["noc"]["dram_bytes_read"] == 12 * 4 * 8192
    assert s["noc"]["read_transactions"] == 12 * 4
    # One reader per bank: each bank sends its own 4 pages.
    banks = [r for r in s["resources"] if r["resource"].startswith("DRAM bank")]
    assert len(banks) == 12 and len({r["busy_cycles"] for r in banks}) == 1
    assert s["dram_gb_per_s"] > 0


def test_rectangular_gemm_reads_follow_block_reuse(tmp_path: Path) -> None:
    # The extra rows' code path (ours_gemm_shape) on a small M x N x K = 64 x 128 x 256 in 32x64
    # blocks on 2x2: Mt = 2, Nt = 4, Kt = 8, 2 block rows and 2 block columns, one block per
    # core, A and B multicast: each tile read once, Kt (Mt + Nt).
    row = kernel_perf.ours_gemm_shape(64, 128, 256, "2x2", tmp_path, 32, 64)
    assert row.size == "64x128x256" and row.arch == kernel_perf.ARCH
    mt, nt, kt = 64 // 32, 128 // 32, 256 // 32
    assert row.dram_tile_reads == kt * (mt + nt) == 48
    assert row.stats["dram"] and row.modeled_us > 0


@pytest.mark.parametrize("causal", [False, True], ids=["noncausal", "causal"])
def test_attention_rows_move_the_same_data(causal: bool, tmp_path: Path) -> None:
    """The attention rows at 1x2x128x64 on 2x2: ours and tt-metal's SDPA both pass their numpy
    check (inside the row functions) and read the same DRAM tiles: Q once, K and V once per
    query block (causal: the blocks up to the diagonal)."""
    shape = (1, 2, 128, 64)
    ours = kernel_perf.ours_attention(causal, "hifi2", "2x2", tmp_path, shape)
    theirs = kernel_perf.metal_sdpa(causal, "2x2", tmp_path, shape)
    q_blocks = kv_blocks = 2
    steps = q_blocks * (q_blocks + 1) // 2 if causal else q_blocks * kv_blocks
    tiles_per_block = 2 * 2  # 64x64 bf16
    expected = 2 * (q_blocks * tiles_per_block + steps * 2 * tiles_per_block)
    assert ours.dram_tile_reads == theirs.dram_tile_reads == expected
    assert ours.modeled_us > 0 and theirs.modeled_us > 0
