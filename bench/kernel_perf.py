"""bench/kernel_perf: our kernels next to tt-metal's own, on the emulator's performance model.

One table, one model, one run (issue 14, item 6). For each size N (an N x N x N bf16 matmul, an
N x N bf16 add) on a Wormhole worker grid (default 8x8), every row is run on tt-emu and reports,
from the emulator's counters (`TT_EMU_STATS`, emu/src/runtime.cpp `write_stats`):

  DRAM tile reads   sum over the DRAM buffers of bytes read / page size (every page is a tile)
  NoC bytes         bytes of every NoC read, write and multicast (`noc.read_bytes +
                    noc.write_bytes + noc.mcast_bytes`; a multicast counted once, as its
                    sender injects it, whatever the number of receivers)
  modeled us        the makespan in modeled time (`modeled_us`)
  % of roofline     `roofline.percent`: max(compute floor at the kernel's fidelity, compulsory
                    DRAM time) / makespan (docs/perf_model.md, "Derived counters")
  busiest resource  `busiest_resource` and its utilization

Rows:
  ours gemm         tt_dialect.samples.gemm_program (the shape of examples/gemm: 128x128
                    output blocks, K block 32 in the source, bf16 in and out, f32 accumulator)
                    compiled by `tt-opt -p tt-pipeline{grid=RxC math-fidelity=hifi4}`, whose
                    tt-schedule-multicast reads each A block on the first core of its core row
                    and each B block on the first core of its core column and multicasts them
                    (a block_2d rectangle of cores: Kt (Mt Bx/Gx + Nt By/Gy) reads for By x Bx
                    blocks on Gy x Gx cores, Kt (Mt + Nt) with one block per core), and whose
                    tt-schedule-compute picks the K block (4 tiles), DST subblock and partial
                    sums (matmul_block, packer L1 accumulation); A's multicast runs on the
                    reader kernel and B's on the writer, and the last K step is peeled so
                    the output is stored band by band as it computes
  tt-metal (a)      no reuse: reader_bmm_8bank_output_tiles_partitioned + bmm.cpp + writer
                    (emu/tests/fidelity/matmul_host.cpp), HiFi4, bf16 DST (its default config),
                    half-sync DST
  tt-metal (b)      block reuse: reader_bmm_tile_layout + bmm_large_block_zm +
                    writer_bmm_tile_layout
                    (emu/tests/fidelity/matmul_reuse_host.cpp), HiFi4, bf16 DST (default); one
                    output block of Mt/R x Nt/C tiles per core, in0_block_w 2, subblock 4x2 (the
                    factory's; smaller where the block is smaller)
  tt-metal (c)      2D multicast: reader_bmm_tile_layout_in0_sender_padding / _in0_receiver,
                    reader_bmm_tile_layout_in1_sender_writer_padding / _in1_receiver_writer
                    _padding + bmm_large_block_zm_fused_bias_activation
                    (emu/tests/fidelity/matmul_mcast_host.cpp, ttnn's 2D-multicast factory),
                    HiFi4, bf16 DST, packer L1 acc; one output block per core, in0_block_w 4,
                    subblock 2x4 (the production config: 4x4 tiles/core at 1024^3 on 8x8, 8x8
                    at 2048^3)
  ours add          tt_dialect.samples.elementwise_program("add"), 128x128 blocks, bf16

Every matmul runs at HiFi4. The kernels of (a), (b), (c) come from the ttnn==0.74.0 wheel,
unmodified. Blocks are 128x128 unless the grid needs smaller ones (N / grid side).

Validation (issue 14, item 5; docs/perf_validation.md): a DRAM-streaming kernel
(emu/tests/perf/dram_stream_reader.cpp: one reader per DRAM bank, 8 KB pages, 8 reads in flight,
one barrier per batch) against the 267 GB/s measured on an n150, and (c) at 1024^3 on 8x8 at HiFi4
and HiFi2 against the published 42.5 us and 34.3 us.

    python bench/kernel_perf.py [--sizes 1024,2048] [--grid 8x8] [--markdown] [--json out.json]
                                [--no-validation] [--no-extra | --only-extra]

Extra rows (issue 15's "Measured targets", a second table; `--no-extra` skips them,
`--only-extra` runs them alone): ours gemm at 512x1024x2048 (M x N x K, 64x128 blocks on 8x8),
at 2048x2048x1024 with 128x128 blocks on a 4x4 grid (256 blocks, 16 per core: more blocks than
cores), and ours gemm (1024^3) and add (1024^2) on a p150's whole compute grid (tt-opt's
`grid=10x13`, rows x columns, `arch=blackhole`; the plan carries the card to the emulator, which
gives the program a p150's 13x10 x-by-y grid, the same cores). They add about 8 s.

Wall time on the 2-core machine (measured, builds cached): the default table (1024 and 2048 on
8x8) with the validation takes 36 to 70 s alone (1.7 minutes next to a test run; 46 to 48 s
measured with `time` once the extra rows were added, which take about 8 s); its slowest
row, (a) at 2048^3 (a read per tile: 2 Mt Nt Kt = 524,288 reads), 15 to 30 s; (c) 1 to 3 s per
row (the validation reuses the table's HiFi4 run at 1024 and adds one HiFi2 run). `--sizes 4096`
alone took about 6.5 minutes before (c) was wired in: (a) 3 min (4.2 M reads), ours 80 s, (b)
40 s, the add 4 s; no row reaches 5 minutes below that.

Attention rows (issue 19, item 4; `--no-attention` skips them, `--only-attention` runs them
alone, about a minute): TileLang's flash-attention forward as examples/attention/example_mha_fwd.py
writes it (64x64 blocks, bf16 in and out, fp32 accumulation), compiled by `tilelang_tt.compile` at
HiFi4 (the compiler's default) and at HiFi2, beside tt-metal's own SDPA kernels (the ttnn 0.74.0
wheel's reader_interleaved, compute/sdpa.cpp and writer_interleaved, unmodified, driven by
emu/tests/fidelity/sdpa_host.cpp; HiFi2 and fp32 DST, its factory's defaults, 64x64 chunks), at
batch 1, 8 heads, seq_len 1024, dim 128, causal and not, on the same 8x8 grid of the same model.
Every row is checked against numpy (softmax(Q K^T / sqrt(d)) V in float64) first: ours within the
example's tolerance, tt-metal's within 4x it (its kernels round the scores and sums to bf16).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

import tilelang_tt
from timing import tool
from tt_dialect import emu
from tt_dialect.emu import fidelity
from tt_dialect.emu.build import cache_dir, emu_root, include_dir
from tt_dialect.samples import bf16_values, elementwise_program, gemm_program

ARCH = "wormhole_b0"
FIDELITY = "HiFi4"
TILE = 32
DEFAULT_SIZES = (1024, 2048)
RUN_TIMEOUT = 3600.0
"""Seconds a row's kernels may run on the emulator (the table's sizes stay far below)."""

MCAST_HARNESS = "matmul_mcast_host"
MEASURED_DRAM_GB_S = 267.0
"""n150 DRAM bandwidth measured by tt-metal's micro-benchmark (PERF_FACTS.md,
Saturating_DRAM_bandwidth)."""
PUBLISHED_MCAST_US = {"HiFi4": 42.5, "HiFi2": 34.3}
"""tt-metal's tuned 2D-multicast matmul, 1024^3 bf16 on an n150's 8x8 grid (PERF_FACTS.md,
GEMM_FLOPS.md)."""


class NotAvailable(Exception):
    """A row that cannot be run here; the message says why."""


@dataclass
class Row:
    kernel: str
    size: int | str
    """N (an N^3 matmul, an N x N add), or "MxNxK" / "MxN" for the extra rows."""
    grid: str
    dram_tile_reads: int | None = None
    noc_bytes: int | None = None
    modeled_us: float | None = None
    roofline_percent: float | None = None
    roofline_bound: str | None = None
    busiest_resource: str | None = None
    busiest_utilization: float | None = None
    config: str = ""
    wall_seconds: float | None = None
    not_available: str | None = None
    arch: str = ARCH
    stats: dict = field(default_factory=dict, repr=False)

    @property
    def available(self) -> bool:
        return self.not_available is None


def parse_grid(grid: str) -> tuple[int, int]:
    """"8x8" -> (8, 8). Square grids only: tt-opt's `grid=` reads rows x columns and the
    emulator's TT_EMU_GRID columns x rows, so only a square grid means the same to both."""
    x, y = (int(v) for v in grid.lower().split("x"))
    if x != y:
        raise ValueError(f"grid {grid}: bench/kernel_perf.py runs square grids only")
    return x, y


def dram_tile_reads(stats: dict) -> int:
    """Pages read from DRAM, over every buffer: every buffer of the table is tiled (a page is a
    tile), so these are tile reads."""
    return sum(b["bytes_read"] // b["page_size"] for b in stats["dram"])


def row_from_stats(row: Row, stats: dict) -> Row:
    row.stats = stats
    row.dram_tile_reads = dram_tile_reads(stats)
    noc = stats["noc"]
    row.noc_bytes = noc["read_bytes"] + noc["write_bytes"] + noc.get("mcast_bytes", 0)
    row.modeled_us = stats["modeled_us"]
    row.roofline_percent = stats["roofline"]["percent"]
    row.roofline_bound = stats["roofline"]["bound"]
    busiest = stats["busiest_resource"]
    if busiest is not None:
        row.busiest_resource = busiest["resource"]
        row.busiest_utilization = busiest["utilization"]
    return row


def block_side(n: int, grid: tuple[int, int]) -> int:
    """128, or less when N / 128 blocks would not give every core of the grid a block row or
    column."""
    return min(128, n // max(grid))


# ------------------------------------------------------------------ our kernels


def compile_program(source: str, grid: str, out: Path, arch: str = ARCH) -> Path:
    """`tt-opt` of the program text through tt-pipeline{arch, grid, HiFi4} to an artifact folder;
    the plan records the arch, and tt_dialect.emu.run hands it to the emulator (TT_EMU_ARCH)."""
    program = out.with_suffix(".mlir")
    program.write_text(source)
    pipeline = f"tt-pipeline{{arch={arch} grid={grid} math-fidelity=hifi4}}"
    subprocess.run(
        [tool("tt-opt"), str(program), "-p", pipeline, "-t", f'tt-cpp{{output-dir="{out}"}}'],
        check=True,
    )
    return out


def run_artifacts(row: Row, artifacts: Path, inputs: dict, check) -> Row:
    emu.build(artifacts)  # out of the wall time: the row's run only
    plan = json.loads((artifacts / "tt.plan.json").read_text())
    compute = [k["compute_config"] for k in plan["kernels"] if "compute_config" in k]
    if compute:
        c = compute[0]
        row.config = f"{c['math_fidelity']}, {'fp32' if c['fp32_dest_acc'] else 'bf16'} DST"
    start = time.perf_counter()
    out = emu.run(artifacts, inputs, stats=True, timeout=RUN_TIMEOUT)
    row.wall_seconds = time.perf_counter() - start
    check(out)
    return row_from_stats(row, out.stats)


def ours_gemm(n: int, grid: str, work: Path) -> Row:
    side = block_side(n, parse_grid(grid))
    return ours_gemm_shape(n, n, n, grid, work, side, side, size=n)


def ours_gemm_shape(m: int, n: int, k: int, grid: str, work: Path, bm: int, bn: int,
                    arch: str = ARCH, size: int | str | None = None) -> Row:  # fmt: skip
    """C (M x N) = A (M x K) @ B (K x N) in bm x bn output blocks on `grid` (tt-opt's ROWSxCOLS)
    of `arch`; more blocks than cores where (M/bm)(N/bn) exceeds the grid's cores."""
    row = Row("ours gemm", f"{m}x{n}x{k}" if size is None else size, grid, arch=arch)
    source = gemm_program(m, n, k, bm, bn, 32, "bf16")
    artifacts = compile_program(source, grid, work / f"gemm{m}x{n}x{k}.{arch}.{grid}", arch)
    rng = np.random.default_rng(m + 7 * n + 13 * k)
    a, b = bf16_values(rng, (m, k)), bf16_values(rng, (k, n))

    def check(out) -> None:
        # bf16 output of an fp32 accumulation: within a few bf16 ulps of the exact product.
        reference = a.astype(np.float64) @ b.astype(np.float64)
        bound = 2.0**-7 * (np.abs(a) @ np.abs(b)) + 1e-6
        assert np.all(np.abs(out["tensor2"] - reference) <= bound), "ours gemm: wrong result"

    row = run_artifacts(row, artifacts, {"tensor0": a, "tensor1": b}, check)
    plan = json.loads((artifacts / "tt.plan.json").read_text())
    partition = plan["partition"]
    if partition["mode"] == "block_2d":
        rows, cols = (blocks // each for blocks, each in zip(partition["blocks"], partition["shard_blocks"]))
        used = {arg["axis"] for kernel in plan["kernels"] for arg in kernel["runtime_args"] if "axis" in arg}
        axes = [axis for axis in ("row", "column") if axis in used]
        sharing = f", multicast along {' and '.join(axis + 's' for axis in axes)} on {rows}x{cols} cores"
    else:
        sharing = ", no multicast"
    merged = (m // partition["blocks"][0], n // partition["blocks"][1])
    blocks = f"{bm}x{bn} blocks" + ("" if merged == (bm, bn) else f" merged into {merged[0]}x{merged[1]}")
    row.config += f", {blocks}{sharing}, tt-schedule-compute's K block and subblock"
    return row


def ours_add(n: int, grid: str, work: Path) -> Row:
    side = block_side(n, parse_grid(grid))
    return ours_add_shape(n, n, grid, work, side, side, size=n)


def ours_add_shape(m: int, n: int, grid: str, work: Path, bm: int, bn: int, arch: str = ARCH,
                   size: int | str | None = None) -> Row:  # fmt: skip
    row = Row("ours add", f"{m}x{n}" if size is None else size, grid, arch=arch)
    source = elementwise_program("add", m, n, bm, bn, False)
    artifacts = compile_program(source, grid, work / f"add{m}x{n}.{arch}.{grid}", arch)
    rng = np.random.default_rng(m + 7 * n + 1)
    x, y = bf16_values(rng, (m, n)), bf16_values(rng, (m, n))

    def check(out) -> None:
        np.testing.assert_array_equal(out["tensor2"], emu.round_bf16(x + y))

    row = run_artifacts(row, artifacts, {"tensor0": x, "tensor1": y}, check)
    row.config = f"{bm}x{bn} blocks"
    return row


# ------------------------------------------------------------------ tt-metal's kernels


def run_harness(row: Row, name: str, args: list, grid: str, work: Path, a, b) -> Row:
    """Runs a fidelity harness on A and B (bf16 matrices, written as tiles), checks C against
    numpy within the bf16-DST bound (tests/test_emu_fidelity.py) and fills the row."""
    root = fidelity.ttnn_cpp()
    fidelity.harness(name)  # out of the wall time
    files = [fidelity.write_tiles(work / f"{name}.{x}.bin", m) for x, m in (("a", a), ("b", b))]
    c_path = work / f"{name}.c.bin"
    stats = work / f"{name}.stats.json"
    start = time.perf_counter()
    proc = fidelity.harness_process(
        name, [*files, c_path, *args], root, grid, stats, timeout=RUN_TIMEOUT
    )
    row.wall_seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{name}: {proc.stderr.strip()}")
    n, k = a.shape[-2], a.shape[-1]
    c = fidelity.read_tiles(c_path, (1, n, b.shape[-1]))
    magnitude = np.abs(a.astype(np.float64)) @ np.abs(b.astype(np.float64))
    bound = 1.02 * (k // TILE * 2.0**-8 + k * 2.0**-24) * magnitude
    error = np.abs(c - a.astype(np.float64) @ b.astype(np.float64))
    assert np.all(error <= bound), f"{name}: wrong result"
    return row_from_stats(row, json.loads(stats.read_text()))


def matmul_inputs(n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(n + 2)
    return bf16_values(rng, (1, n, n)), bf16_values(rng, (1, n, n))


def metal_no_reuse(n: int, grid: str, work: Path) -> Row:
    t = n // TILE
    row = Row("tt-metal (a) no reuse", n, grid, config=f"{FIDELITY}, bf16 DST")
    a, b = matmul_inputs(n)
    # batch 1, Mt, Kt, Nt, no B broadcast, K % 32 = 0, bf16 DST (fp32_dest_acc_en false), half sync.
    return run_harness(row, "matmul_host", [1, t, t, t, 0, 0, 0, 0], grid, work, a, b)


def largest_divisor(n: int, at_most: int) -> int:
    return max(d for d in range(1, at_most + 1) if n % d == 0)


def reuse_blocking(n: int, grid: str) -> tuple[int, int, int, int, int]:
    """(per_core_M, per_core_N, in0_block_w, out_subblock_h, out_subblock_w) of (b): one output
    block per core of the grid, the factory's in0_block_w 2 and subblock 4x2 where they fit."""
    cols, rows = parse_grid(grid)
    t = n // TILE
    pm, pn = t // rows, t // cols
    w = largest_divisor(t, 2)
    return pm, pn, w, largest_divisor(pm, 4), largest_divisor(pn, 2)


def metal_block_reuse(n: int, grid: str, work: Path) -> Row:
    t = n // TILE
    pm, pn, w, sh, sw = reuse_blocking(n, grid)
    config = f"{FIDELITY}, bf16 DST, {pm}x{pn} tiles/core, in0_block_w {w}, subblock {sh}x{sw}"
    row = Row("tt-metal (b) block reuse", n, grid, config=config)
    a, b = matmul_inputs(n)
    args = [1, t, t, t, 0, pm, pn, w, sh, sw]
    return run_harness(row, "matmul_reuse_host", args, grid, work, a, b)


FIDELITY_ARG = {"LoFi": 0, "HiFi2": 2, "HiFi3": 3, "HiFi4": 4}
"""matmul_mcast_host's <math_fidelity> argument."""


def mcast_blocking(n: int, grid: str) -> tuple[int, int, int, int, int]:
    """(per_core_M, per_core_N, in0_block_w, out_subblock_h, out_subblock_w) of (c): one output
    block per core of the grid, and the production config where it fits: in0_block_w 4,
    subblock 2x4 (1024^3 on 8x8: 4x4 tiles per core; 2048^3: 8x8)."""
    cols, rows = parse_grid(grid)
    t = n // TILE
    pm, pn = t // rows, t // cols
    return pm, pn, largest_divisor(t, 4), largest_divisor(pm, 2), largest_divisor(pn, 4)


_MCAST_RUNS: dict[tuple[int, str, str], Row] = {}
"""(c)'s runs by (N, grid, fidelity): the validation's HiFi4 run is the table's 1024 row."""


def metal_mcast(n: int, grid: str, work: Path, math_fidelity: str = FIDELITY) -> Row:
    """(c), tt-metal's 2D-multicast matmul (emu/tests/fidelity/matmul_mcast_host.cpp, ttnn's
    MatmulMultiCoreReuseMcast2DProgramFactory), in the harness's timing mode: it makes its own
    deterministic bf16 inputs ("-" "-") and does not save the output ("-"); its numerics are
    tested against numpy in tests/test_emu_fidelity.py. bf16 DST, packer L1 accumulation (the
    factory's define with more than two K blocks). The counters come from TT_EMU_STATS, as for
    (a) and (b)."""
    source = fidelity.harness_source(MCAST_HARNESS)
    if not source.is_file():
        raise NotAvailable(f"no {source.relative_to(emu_root().parent)} in this tree")
    key = (n, grid, math_fidelity)
    if key in _MCAST_RUNS:
        return _MCAST_RUNS[key]
    t = n // TILE
    pm, pn, w, sh, sw = mcast_blocking(n, grid)
    config = (f"{math_fidelity}, bf16 DST, packer L1 acc, {pm}x{pn} tiles/core, in0_block_w {w}, "
              f"subblock {sh}x{sw}")  # fmt: skip
    row = Row("tt-metal (c) 2D multicast", n, grid, config=config)
    fidelity.harness(MCAST_HARNESS)  # out of the wall time
    stats = work / f"{MCAST_HARNESS}.{n}.{math_fidelity}.stats.json"
    args = ["-", "-", "-", t, t, t, pm, pn, w, sh, sw, 0, 1, FIDELITY_ARG[math_fidelity]]
    start = time.perf_counter()
    proc = fidelity.harness_process(MCAST_HARNESS, args, fidelity.ttnn_cpp(), grid, stats, timeout=RUN_TIMEOUT)
    row.wall_seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{MCAST_HARNESS}: {proc.stderr.strip()}")
    row = row_from_stats(row, json.loads(stats.read_text()))
    _MCAST_RUNS[key] = row
    return row


ROWS = (
    ("ours gemm", ours_gemm),
    ("tt-metal (a) no reuse", metal_no_reuse),
    ("tt-metal (b) block reuse", metal_block_reuse),
    ("tt-metal (c) 2D multicast", metal_mcast),
    ("ours add", ours_add),
)


def table(sizes: list[int], grid: str, work: Path, log=None) -> list[Row]:
    """Every row at every size on `grid`, in one process and one model; `log(row)` after each."""
    rows = []
    for n in sizes:
        for name, make in ROWS:
            try:
                row = make(n, grid, work)
            except NotAvailable as why:
                row = Row(name, n, grid, not_available=str(why))
            rows.append(row)
            if log:
                log(row)
    return rows


EXTRA = (
    # (kernel, shape, arch, grid (tt-opt's ROWSxCOLS), make(work))
    ("ours gemm", "512x1024x2048", ARCH, "8x8",
     lambda work: ours_gemm_shape(512, 1024, 2048, "8x8", work, 64, 128)),
    ("ours gemm", "2048x2048x1024", ARCH, "4x4",
     lambda work: ours_gemm_shape(2048, 2048, 1024, "4x4", work, 128, 128)),
    ("ours gemm", "1024x1024x1024", "blackhole", "10x13",
     lambda work: ours_gemm_shape(1024, 1024, 1024, "10x13", work, 128, 128, arch="blackhole")),
    ("ours add", "1024x1024", "blackhole", "10x13",
     lambda work: ours_add_shape(1024, 1024, "10x13", work, 128, 128, arch="blackhole")),
)  # fmt: skip
"""The extra rows (run by default, `--no-extra` skips them; issue 15's "Measured targets" beyond
N^3 on 8x8): a rectangular gemm (M x N x K, 64x128 blocks, one per core of 8x8), more blocks
than cores (16x16 blocks of 128x128 on a 4x4 grid: 16 per core), and a p150 on its whole compute grid (10 rows x 13
columns: tt-opt's `grid=10x13`; tt_dialect.emu.run hands the emulator the plan's card, so it gives the program a
p150's 13x10 (x by y), the same cores). About 4 to 5 s each, compile included."""


def extra_table(work: Path, log=None) -> list[Row]:
    rows = []
    for name, shape, arch, grid, make in EXTRA:
        try:
            row = make(work)
        except NotAvailable as why:
            row = Row(name, shape, grid, arch=arch, not_available=str(why))
        rows.append(row)
        if log:
            log(row)
    return rows


# ------------------------------------------------------------------ attention

ATTENTION_SHAPE = (1, 8, 1024, 128)
"""(batch, heads, seq_len, dim) of the attention rows (issue 19, item 4)."""
ATTENTION_BLOCK = 64
"""Query and key block of both: examples/attention's block_M = block_N = 64, tt-metal's SDPA
chunks of 64 (its q_chunk_size / k_chunk_size)."""


def attention_inputs(shape: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(sum(shape))
    return tuple(bf16_values(rng, shape, -2.0, 2.0) for _ in range(3))  # type: ignore[return-value]


@functools.cache
def attention_example():
    """examples/attention/example_mha_fwd.py as a module (its `flashattn`, `ref_program`,
    `tolerance`), loaded once for every row."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "examples" / "attention" / "example_mha_fwd.py"
    spec = importlib.util.spec_from_file_location("example_mha_fwd", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def attention_row_from(row: Row, stats: dict, error: float, bound: float) -> Row:
    assert error <= bound, f"{row.kernel}: max error {error:.3g} > {bound:.3g}"
    row.config += f", max error {error:.2g} (bound {bound:.2g})"
    return row_from_stats(row, stats)


def ours_attention(causal: bool, fidelity_option: str, grid: str, work: Path,
                   shape: tuple[int, int, int, int] = ATTENTION_SHAPE) -> Row:  # fmt: skip
    """examples/attention's kernel (TileLang's example_mha_fwd_bhsd) at `shape` (batch, heads,
    seq_len, dim), compiled by `tilelang_tt.compile` at `fidelity_option`, on the emulator
    against numpy."""
    example = attention_example()
    b, h, s, d = shape
    label = f"{b}x{h}x{s}x{d}{' causal' if causal else ''}"
    row = Row(f"ours mha_fwd ({fidelity_option})", label, grid)
    prim_func = example.flashattn.__wrapped__(b, h, s, s, d, causal, ATTENTION_BLOCK, ATTENTION_BLOCK)
    kernel = tilelang_tt.compile(prim_func, out_idx=[3], grid=grid, pass_options={"math_fidelity": fidelity_option})
    q, k, v = attention_inputs(shape)
    start = time.perf_counter()
    out = kernel(q, k, v)
    row.wall_seconds = time.perf_counter() - start
    c = next(x["compute_config"] for x in kernel.plan["kernels"] if "compute_config" in x)
    row.config = f"{c['math_fidelity']}, {'fp32' if c['fp32_dest_acc'] else 'bf16'} DST, {ATTENTION_BLOCK}x{ATTENTION_BLOCK} blocks"
    error = float(np.max(np.abs(out - example.ref_program(q, k, v, causal))))
    return attention_row_from(row, kernel.last_stats, error, example.tolerance(v))


def metal_sdpa(causal: bool, grid: str, work: Path, shape: tuple[int, int, int, int] = ATTENTION_SHAPE) -> Row:
    """tt-metal's SDPA kernels (reader_interleaved, compute/sdpa.cpp, writer_interleaved of the
    ttnn 0.74.0 wheel, unmodified) at `shape`, driven by emu/tests/fidelity/sdpa_host.cpp
    (HiFi2, fp32 DST: its factory's defaults; chunks of ATTENTION_BLOCK)."""
    b, h, s, d = shape
    label = f"{b}x{h}x{s}x{d}{' causal' if causal else ''}"
    row = Row("tt-metal sdpa", label, grid, config="HiFi2, fp32 DST, 64x64 chunks")
    q, k, v = attention_inputs(shape)
    root = fidelity.ttnn_cpp()
    fidelity.harness("sdpa_host")  # out of the wall time
    files = [fidelity.write_tiles(work / f"sdpa.{n}.bin", x) for n, x in (("q", q), ("k", k), ("v", v))]
    out_path, stats = work / "sdpa.out.bin", work / "sdpa.stats.json"
    args = [*files, out_path, b, h, h, s, d, ATTENTION_BLOCK, ATTENTION_BLOCK, int(causal), 1]
    start = time.perf_counter()
    proc = fidelity.harness_process("sdpa_host", args, root, grid, stats, timeout=RUN_TIMEOUT)
    row.wall_seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"sdpa_host: {proc.stderr.strip()}")
    out = fidelity.read_tiles(out_path, (b, h, s, d))
    example = attention_example()
    error = float(np.max(np.abs(out - example.ref_program(q, k, v, causal))))
    # tt-metal's kernel rounds the scores, the rescaled output and the sums to bf16 on the way
    # (tests/test_emu_fidelity.py's sdpa bound); 4x our bound covers it at this size.
    return attention_row_from(row, json.loads(stats.read_text()), error, 4 * example.tolerance(v))


def attention_table(grid: str, work: Path, log=None) -> list[Row]:
    rows = []
    for causal in (False, True):
        for make in (lambda: ours_attention(causal, "hifi4", grid, work),
                     lambda: ours_attention(causal, "hifi2", grid, work),
                     lambda: metal_sdpa(causal, grid, work)):  # fmt: skip
            try:
                row = make()
            except (NotAvailable, fidelity.metal_wheel.MetalFetchError) as why:
                row = Row("tt-metal sdpa", "attention", grid, not_available=str(why))
            rows.append(row)
            if log:
                log(row)
    return rows


# ------------------------------------------------------------------ validation


@dataclass
class Validation:
    what: str
    modeled: float | None
    reference: float | None
    unit: str
    ratio: float | None = None
    note: str = ""


def dram_stream(readers: int, pages: int, page_bytes: int, batch: int, work: Path) -> dict:
    """The DRAM-streaming kernel (emu/tests/perf/dram_stream_reader.cpp) on `readers` cores;
    returns the counters."""
    perf = emu_root() / "tests" / "perf"
    exe = fidelity.host_executable(perf / "dram_stream_host.cpp", subdir="perf")
    stats = work / "dram_stream.stats.json"
    env = dict(
        os.environ,
        TT_EMU_ARCH=ARCH,
        TT_EMU_GRID="8x8",
        TT_EMU_STATS=str(stats),
        TT_EMU_TIMEOUT="600",
        TT_EMU_CACHE=str(cache_dir()),
        TT_EMU_INCLUDE=str(include_dir()),
    )
    proc = subprocess.run(
        [str(exe), str(perf / "dram_stream_reader.cpp"), *map(str, (readers, pages, page_bytes, batch))],
        capture_output=True, text=True, env=env, timeout=900,
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"dram_stream_host: {proc.stderr.strip()}")
    return json.loads(stats.read_text())


def validation(work: Path) -> list[Validation]:
    results = []
    # One reader per bank (12 on Wormhole), 8 KB pages (the NoC's largest burst), 8 in flight.
    s = dram_stream(readers=12, pages=64, page_bytes=8192, batch=8, work=work)
    results.append(Validation(
        "DRAM streaming: 12 readers (one per bank), 8 KB pages, batches of 8, one barrier per batch",
        s["dram_gb_per_s"], MEASURED_DRAM_GB_S, "GB/s", s["dram_gb_per_s"] / MEASURED_DRAM_GB_S,
        f"busiest {s['busiest_resource']['resource']} at {100 * s['busiest_resource']['utilization']:.1f} %",
    ))  # fmt: skip
    # The same bytes as 2 KB tiles, one barrier per tile: what a naive reader gets (no reference).
    s = dram_stream(readers=12, pages=256, page_bytes=2048, batch=1, work=work)
    results.append(Validation(
        "DRAM streaming, naive: 12 readers, 2 KB tiles, one barrier per tile",
        s["dram_gb_per_s"], None, "GB/s", None, "no published Wormhole figure; for contrast",
    ))  # fmt: skip
    for fid, published in PUBLISHED_MCAST_US.items():
        what = f"tt-metal (c) 2D multicast, 1024^3 bf16, 8x8, {fid}"
        try:
            row = metal_mcast(1024, "8x8", work, fid)
            results.append(Validation(what, row.modeled_us, published, "us", row.modeled_us / published))
        except NotAvailable as why:
            results.append(Validation(what, None, published, "us", None, f"not available: {why}"))
    return results


# ------------------------------------------------------------------ output


def fmt_int(v: int | None) -> str:
    return "" if v is None else f"{v:,}"


def markdown(rows: list[Row], extra: bool = False) -> str:
    """The table; `extra`: the extra rows' table, with an arch column and M x N x K shapes."""
    place = "shape (M x N x K; M x N) | arch | grid (rows x cols)" if extra else "N | grid"
    lines = [
        f"| kernel | {place} | config | DRAM tile reads | NoC bytes | modeled us | % of roofline | busiest resource (util.) | emulator wall s |",
        "|---|" + "---|" * place.count("|") + "---|---|---:|---:|---:|---:|---|---:|",
    ]
    for r in rows:
        where = f"{r.size} | {r.arch} | {r.grid}" if extra else f"{r.size} | {r.grid}"
        if not r.available:
            lines.append(f"| {r.kernel} | {where} | not available: {r.not_available} | | | | | | |")
            continue
        busiest = f"{r.busiest_resource} ({100 * r.busiest_utilization:.1f} %)" if r.busiest_resource else ""
        lines.append(
            f"| {r.kernel} | {where} | {r.config} | {fmt_int(r.dram_tile_reads)} | {fmt_int(r.noc_bytes)} "
            f"| {r.modeled_us:.1f} | {r.roofline_percent:.1f} ({r.roofline_bound}) | {busiest} | {r.wall_seconds:.1f} |"
        )
    return "\n".join(lines)


def validation_markdown(results: list[Validation]) -> str:
    lines = ["| validation | modeled | measured / published | ratio | note |", "|---|---:|---:|---:|---|"]
    for v in results:
        modeled = "" if v.modeled is None else f"{v.modeled:.1f} {v.unit}"
        ref = "" if v.reference is None else f"{v.reference:g} {v.unit}"
        ratio = "" if v.ratio is None else f"{v.ratio:.2f}"
        lines.append(f"| {v.what} | {modeled} | {ref} | {ratio} | {v.note} |")
    return "\n".join(lines)


def plain(rows: list[Row]) -> str:
    out = []
    for r in rows:
        if not r.available:
            out.append(f"{r.kernel:26} {r.size!s:>5}  not available: {r.not_available}")
            continue
        where = "" if r.arch == ARCH else f" {r.arch} {r.grid}"
        out.append(
            f"{r.kernel:26} {r.size!s:>5}{where}  {fmt_int(r.dram_tile_reads):>9} tile reads  {fmt_int(r.noc_bytes):>13} NoC B  "
            f"{r.modeled_us:9.1f} us  {r.roofline_percent:5.1f} % of roofline  {r.busiest_resource} "
            f"({100 * r.busiest_utilization:.1f} %)  [{r.wall_seconds:.1f} s]"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated N (N^3 matmuls, N^2 add); default %(default)s")  # fmt: skip
    parser.add_argument("--grid", default="8x8", help="square worker grid (default %(default)s)")
    parser.add_argument("--markdown", action="store_true", help="print markdown tables")
    parser.add_argument("--json", type=Path, help="write the rows, validation and raw counters here")
    parser.add_argument("--no-validation", action="store_true", help="skip the validation runs")
    parser.add_argument("--no-extra", dest="extra", action="store_false",
                        help="skip the extra rows (512x1024x2048, more blocks than cores, Blackhole)")  # fmt: skip
    parser.add_argument("--only-extra", action="store_true",
                        help="the extra rows alone (no size table, no validation)")  # fmt: skip
    parser.add_argument("--no-attention", dest="attention", action="store_false",
                        help="skip the attention rows (ours and tt-metal's SDPA at 1x8x1024x128)")  # fmt: skip
    parser.add_argument("--only-attention", action="store_true",
                        help="the attention rows alone")  # fmt: skip
    args = parser.parse_args()
    sizes = [] if args.only_extra or args.only_attention else [int(s) for s in args.sizes.split(",") if s]
    if args.only_extra or args.only_attention:
        args.no_validation = True
    if args.only_attention:
        args.extra = False
    if args.only_extra:
        args.attention = False
    try:
        side = parse_grid(args.grid)[0]
    except ValueError as err:
        parser.error(str(err))
    for n in sizes:
        if n % (TILE * side):
            parser.error(f"size {n} is not a multiple of {TILE} x {side} (tiles x grid side)")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kernel-perf-") as tmp:
        progress = (lambda r: print(plain([r]), file=sys.stderr, flush=True))
        rows = table(sizes, args.grid, Path(tmp), log=progress)
        extra = extra_table(Path(tmp), log=progress) if args.extra else []
        attention = attention_table(args.grid, Path(tmp), log=progress) if args.attention else []
        results = [] if args.no_validation else validation(Path(tmp))
    seconds = time.perf_counter() - start
    header = (f"tt-emu modeled time, {ARCH}, grid {args.grid}, bf16, every matmul at {FIDELITY} "
              f"(N^3 matmuls, N x N add); bench wall time {seconds:.0f} s")  # fmt: skip
    if not sizes:
        header = (f"tt-emu modeled time, the extra rows (arch and grid per row), bf16, every matmul at "
                  f"{FIDELITY}; bench wall time {seconds:.0f} s")  # fmt: skip
    print(header)
    if args.markdown:
        print()
        if rows:
            print(markdown(rows))
        if extra:
            print()
            print(markdown(extra, extra=True))
        if attention:
            print()
            print(markdown(attention, extra=True))
        if results:
            print()
            print(validation_markdown(results))
    else:
        print(plain(rows + extra + attention))
        for v in results:
            ratio = "" if v.ratio is None else f"  ratio {v.ratio:.2f}"
            modeled = "not run" if v.modeled is None else f"{v.modeled:.1f} {v.unit}"
            ref = "" if v.reference is None else f" vs {v.reference:g} {v.unit}"
            print(f"{v.what}: {modeled}{ref}{ratio}  {v.note}")
    if args.json:
        doc = {
            "arch": ARCH,
            "grid": args.grid,
            "math_fidelity": FIDELITY,
            "sizes": sizes,
            "wall_seconds": seconds,
            "rows": [asdict(r) for r in rows],
            "extra_rows": [asdict(r) for r in extra],
            "attention_rows": [asdict(r) for r in attention],
            "validation": [asdict(v) for v in results],
        }
        args.json.write_text(json.dumps(doc, indent=1))


if __name__ == "__main__":
    main()
