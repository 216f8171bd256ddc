"""Fidelity against kernels nobody here wrote (issue 7, item 5).

tt-metal's own kernels, taken unmodified from the cached `ttnn==0.74.0` wheel at test time
(`tt_dialect.tools.metal_wheel.metal_root()`; none of them is in this repository), are compiled against
the emulator's headers and driven by small host harnesses (`emu/tests/fidelity/*.cpp`) that
stand in for ttnn's program factories: the same CBs, compile-time and named arguments, defines,
work split and per-core runtime arguments, through the emulated host API. The outputs are
compared with numpy.

- matmul: `reader_bmm_8bank_output_tiles_partitioned.cpp` (which includes ttnn's
  `kernel_helper_functions/pad_tile.hpp`: the kernel build gets the wheel's `ttnn/cpp` as an
  extra include folder, `TT_EMU_KERNEL_INCLUDES`, as tt-metal's JIT has it), `bmm.cpp` and the
  matmul `writer_unary_interleaved_start_id.cpp`, as ttnn's multi-core matmul runs them;
- block-reuse matmul: `reader_bmm_tile_layout.cpp`, `bmm_large_block_zm.cpp` (partial sums spilled
  to an intermediate CB that shares the output CB's memory, reloaded every K block) and
  `writer_bmm_tile_layout.cpp`, as ttnn's multi-core reuse matmul runs them; its DRAM tile reads
  are checked against Kt * (Mt * C + Nt * R) on R x C cores;
- the multicast matmuls' compute kernel: `bmm_large_block_zm_fused_bias_activation.cpp`
  (`matmul_block`, packer L1 accumulation or spill and reload, bf16 or fp32 DST) in the
  2D-multicast factory's plain bf16 configuration, fed by the block-reuse reader and writer;
- 2D-multicast matmul: the in0/in1 sender and receiver readers with that compute kernel, on an
  R x C grid with semaphores and multicast (`matmul_mcast_host`, ttnn's 2D-multicast factory); its
  DRAM tile reads are checked against Kt * (Mt + Nt);
- reduce, transpose, unary SFPU (`unary_ops_host`): tt-metal's `reduce.cpp` (ttnn's kernel_lib
  reduce helpers) with the reduce readers that prepare the scaler tile, W / H / HW, sum / max;
  `transpose_wh.cpp`; `eltwise_sfpu.cpp` with ttnn's SFPU_OP_CHAIN_0 for exp, rsqrt, sqrt, recip;
- eltwise: `reader_binary_interleaved_start_id.cpp`, `eltwise_binary_kernel.cpp` with
  `ELTWISE_OP` / `ELTWISE_OP_TYPE` as `binary_op_utils::get_defines` sets them, and the unary
  `writer_unary_interleaved_start_id.cpp`, as ttnn's `ElementWiseMultiCore` runs them.

- SDPA (flash attention, issue 19 item 4): `reader_interleaved.cpp`, `compute/sdpa.cpp` (its
  standard path) and `writer_interleaved.cpp` of transformer/sdpa, causal (the writer's
  lightweight mask tiles) and not, driven by `sdpa_host` (ttnn's SDPA factory is not in the
  wheel: the harness rebuilds its arguments from the kernels; docs/sdpa_on_emulator.md).

They use the object-style kernel API (`CircularBuffer`, `Noc`, noc traits of TensorAccessor and
CircularBuffer), named compile-time arguments, `get_local_cb_interface`, and `get_tile_size` /
`get_dataformat` as constant expressions (the emulator bakes the program's CB descriptors into
each kernel build, as tt-metal's JIT does). The counters confirm the work they did (tiles
multiplied and packed, DRAM bytes, the cores the factory's work split uses). A reader written
here in the object style, run with tt-metal's compute kernel and writer, covers more of the API
(stateful reads, CB views, byte offsets, ASSERT, DPRINT) and planted bugs in it are reported
with kernel, core and call.

Tolerances. Inputs are bf16 values, so every product is exact in fp32. u = 2^-8 is bf16's unit
roundoff (8 significant bits: rounding to nearest moves a value by at most half an ulp, at most
2^-8 of its magnitude); fp32's is 2^-24.
- eltwise add / sub / mul: the FPU computes `a op b` in fp32 and rounds it once to the 16-bit
  (bf16) DST, nearest even; the packer copies bf16 unchanged. numpy's fp32 result rounded to
  bf16 the same way is therefore the same number: bit-exact.
- matmul, fp32 DST (`fp32_dest_acc_en`): fp32 accumulation over K terms, at most
  K * 2^-24 * (|A| @ |B|) to first order (the gamma_K bound), then one rounding to bf16 on pack,
  at most 2^-8 |C|: we allow 2^-8 |C| + 1.02 * K * 2^-24 * (|A| @ |B|).
- matmul, bf16 DST (tt-metal's default, `fp32_dest_acc_en = false`): after each `matmul_tiles`
  (one K tile) the running sum in DST is rounded to bf16: Kt roundings of partial sums, each
  at most |A| @ |B| in size, so at most Kt * 2^-8 * (|A| @ |B|), plus the fp32 sums inside a
  tile. We allow 1.02 * (Kt * 2^-8 + K * 2^-24) * (|A| @ |B|).
- reduce MAX, transpose: a maximum of bf16 values is one of them, a transpose a copy: bit-exact.
  The packer-zeroing contract is checked exactly too (every datum outside column 0 / row 0 /
  [0][0] is 0).
- reduce SUM (scaler 1.0, as ttnn's reader prepares it): per reduce_tile the tile's 32 (64 for
  REDUCE_SCALAR) terms are summed in fp32, then DST is rounded to bf16 (16-bit DST) or kept in
  fp32; `count` reduce_tile calls accumulate into one DST tile, then the packer rounds once to
  bf16. So at most 2^-8 |S| for the final rounding plus (count * u_DST + 64 * 2^-24) * sum |x|
  (one DST rounding per call of a partial sum at most sum |x| in size; the fp32 sums inside a
  tile), u_DST = 2^-8 (bf16 DST) or 2^-24 (fp32 DST), with a 2% margin for second-order terms.
- eltwise_sfpu exp (also scaled as ttnn's SDPA scales it: exp(x * s), x * s exact in fp32 for
  bf16 x and s = 0.125 or -1.5) / rsqrt / sqrt / recip: the emulator computes them in fp32 with
  the C library (within an fp32 ulp or two of the exact value) and rounds once to bf16: within 2^-8 |ref| of
  the float64 reference, plus the fp32 error, which can push a value just past a bf16 rounding
  boundary: we allow 2^-7 |ref| (one bf16 ulp), as tests/test_emu_basic.py does for exp.
- sdpa: per element, 2^-8 * (2 * scale * max_j |s_ij| * max_j |v_j - out_i| + (3 * k_chunks + 3)
  * max_j |v_j|): the scores' bf16 rounding before the max and the exp (a relative error of each
  p_ij, moving the p-weighted mean out_i by at most that times the spread of the v_j), then the
  bf16 roundings of P, of the rescaled output, exp(max difference) and sum per K chunk, of 1 / sum
  and of the output (`sdpa_reference`).
- padding: K that is not a multiple of 32 pads A's last K tile with NaN; the reader's
  `pad_last_ktile` (in0_last_ktile_w = K % 32) must zero it, else every output would be NaN.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from tt_dialect.emu import fidelity, round_bf16
from tt_dialect.emu.build import cxx, include_dir
from tt_dialect.emu.fidelity import read_tiles, tilize, untilize, write_tiles
from tt_dialect.tools import metal_wheel

MATMUL_KERNELS = Path("ttnn/operations/matmul/device/kernels")
BINARY_KERNELS = Path("ttnn/operations/eltwise/binary/device/kernels")
UNARY_WRITER = Path(
    "ttnn/operations/eltwise/unary/device/kernels/dataflow/writer_unary_interleaved_start_id.cpp"
)


@pytest.fixture(scope="module")
def ttnn_cpp() -> Path:
    """The wheel's `ttnn/cpp` folder: tt-metal's kernels (`ttnn/operations/...`) and their helper
    headers, as on tt-metal's JIT include path."""
    try:
        root = fidelity.ttnn_cpp()
    except metal_wheel.MetalFetchError as err:
        pytest.fail(f"cannot fetch tt-metal's kernels: {err}")
    assert (root / MATMUL_KERNELS / "compute" / "bmm.cpp").is_file()
    return root


def harness_process(
    name: str,
    args: list,
    ttnn_cpp: Path,
    grid: str,
    tmp_path: Path,
    kernel_root: Path | None = None,
    arch: str = "wormhole_b0",
) -> subprocess.CompletedProcess[str]:
    """Runs a harness (tt_dialect.emu.fidelity.harness_process) on a `grid` worker grid of
    `arch`, its counters in tmp_path; the kernels are taken from `kernel_root` (default: the
    wheel's ttnn/cpp)."""
    stats = tmp_path / f"{name}.stats.json"
    return fidelity.harness_process(
        name, args, ttnn_cpp, grid, stats, kernel_root=kernel_root, arch=arch
    )


def run_harness(
    name: str, args: list, ttnn_cpp: Path, grid: str, tmp_path: Path, **kwargs
) -> dict:
    """Runs a harness (see `harness_process`); returns the emulator's counters."""
    proc = harness_process(name, args, ttnn_cpp, grid, tmp_path, **kwargs)
    assert proc.returncode == 0, proc.stderr
    return json.loads((tmp_path / f"{name}.stats.json").read_text())


# ------------------------------------------------------------------ tiles


def test_tilize_round_trip() -> None:
    x = np.arange(2 * 64 * 96, dtype=np.float32).reshape(2, 64, 96)
    t = tilize(x)
    assert t[:16].tolist() == list(range(16))  # face 0, row 0
    assert t[16] == 96  # face 0, row 1
    assert t[256] == 16  # face 1 (top right), row 0
    assert t[1024] == 32  # tile 1 is to the right of tile 0
    np.testing.assert_array_equal(untilize(t, x.shape), x)


def bf16_normal(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    return round_bf16(rng.standard_normal(shape).astype(np.float32))


def product_and_magnitude(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A @ B and |A| @ |B| in float64: the reference and the scale of its error bounds."""
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    return a64 @ b64, np.abs(a64) @ np.abs(b64)


def assert_within(result: np.ndarray, reference: np.ndarray, bound: np.ndarray) -> None:
    """Every element of `result` within `bound` of `reference`; else the worst one."""
    error = np.abs(result - reference)
    worst = np.unravel_index(np.argmax(error - bound), error.shape)
    assert np.all(error <= bound), (
        f"max error {error.max():.3g} at {worst}: got {result[worst]}, "
        f"expected {reference[worst]}, bound {bound[worst]:.3g}"
    )


def assert_fused_matmul_within(c: np.ndarray, a: np.ndarray, b: np.ndarray, kt: int, l1_blocks: int,
                                fp32_dst: bool) -> None:
    """The fused compute kernel's bound (see the module docstring). bf16 DST: Kt roundings of DST
    to bf16 (one per matmul_block, i.e. per K tile), plus one rounding of the bf16 sum in L1 per
    K block with L1 accumulation (`l1_blocks`; 0 without). fp32 DST: fp32 sums over K terms,
    plus `l1_blocks` fp32 additions in L1 (Float32 partial sums), then one bf16 rounding."""
    reference, magnitude = product_and_magnitude(a, b)
    k = a.shape[-1]
    if fp32_dst:
        bound = 2.0**-8 * np.abs(reference) + 1.02 * (k + l1_blocks) * 2.0**-24 * magnitude
    else:
        bound = 1.02 * ((kt + l1_blocks) * 2.0**-8 + k * 2.0**-24) * magnitude
    assert_within(c, reference, bound)


# ------------------------------------------------------------------ matmul: bmm.cpp

MATMULS = {
    # name: (batch, M, K, N, B broadcast over the batch, grid, fp32 DST, DST full sync)
    "one-tile-kt1-1x1": (1, 32, 32, 32, False, "1x1", False, True),
    "uneven-split-nonsquare-2x3": (1, 96, 96, 160, False, "2x3", False, True),
    "fp32-dst-half-sync-2x3": (1, 96, 128, 64, False, "2x3", True, False),
    "batched-b-broadcast-fewer-tiles-than-cores-8x8": (3, 64, 64, 64, True, "8x8", False, True),
    "batched-k-not-multiple-of-32-padded-3x2": (2, 64, 80, 96, False, "3x2", True, True),
}


@pytest.mark.parametrize("case", sorted(MATMULS))
def test_tt_metal_bmm_matches_numpy(case: str, ttnn_cpp: Path, tmp_path: Path) -> None:
    batch, m, k, n, bcast, grid, fp32_dst, full_sync = MATMULS[case]
    rng = np.random.default_rng(sum(map(ord, case)))
    kp = -(-k // 32) * 32
    mt, kt, nt = m // 32, kp // 32, n // 32
    # A's padding columns (K..Kp) hold NaN: only the reader's pad_last_ktile keeps them out.
    a = np.full((batch, m, kp), np.nan, dtype=np.float32)
    a[:, :, :k] = bf16_normal(rng, (batch, m, k))
    b = bf16_normal(rng, (1 if bcast else batch, kp, n))
    stats = run_harness(
        "matmul_host",
        [write_tiles(tmp_path / "a.bin", a), write_tiles(tmp_path / "b.bin", b), tmp_path / "c.bin",
         batch, mt, kt, nt, int(bcast), k % 32, int(fp32_dst), int(full_sync)],
        ttnn_cpp, grid, tmp_path,
    )  # fmt: skip
    c = read_tiles(tmp_path / "c.bin", (batch, m, n))

    reference, magnitude = product_and_magnitude(a[:, :, :k], b[:, :k, :])
    if fp32_dst:
        bound = 2.0**-8 * np.abs(reference) + 1.02 * kp * 2.0**-24 * magnitude
    else:
        bound = 1.02 * (kt * 2.0**-8 + kp * 2.0**-24) * magnitude
    assert np.all(np.isfinite(c)), "NaN/Inf in the output: A's padding reached the matmul"
    assert_within(c, reference, bound)

    # The work tt-metal's kernels did, by the emulator's counters.
    tiles = batch * mt * nt
    assert stats["tiles"]["matmul"] == tiles * kt and stats["tiles"]["pack"] == tiles
    dram = stats["dram"]
    assert dram[0]["bytes_read"] == tiles * kt * 2048  # A(mt, kt) for each output tile
    assert dram[1]["bytes_read"] == tiles * kt * 2048
    assert dram[2]["bytes_written"] == tiles * 2048
    # split_work_to_cores, cores in column-major order: core i at (i / grid_y, i % grid_y).
    gx, gy = int(grid[0]), int(grid[2])
    used = min(tiles, gx * gy)
    assert {tuple(c["core"]) for c in stats["cores"]} == {(i // gy, i % gy) for i in range(used)}
    per_core = sorted(core["tiles"]["pack"] for core in stats["cores"])
    assert per_core[-1] - per_core[0] <= 1 and sum(per_core) == tiles


def test_tt_metal_0_81_1_bmm_matches_numpy(ttnn_cpp: Path, tmp_path: Path) -> None:
    """tt-metal 0.81.1's own bmm reader and compute kernels (from the `ttnn==0.81.1` wheel, on its
    ttnn/cpp include path) on the emulator: they hold their CBs as `DataflowBuffer`s and the reader
    drains its padding stores with `ckernel::load_blocking`, which 0.81.1 added. The writer stays
    0.74.0's: 0.81.1's reads its arguments through `experimental/kernel_args.h`, which the
    emulator does not have."""
    try:
        cpp_081 = fidelity.ttnn_cpp("0.81.1")
    except metal_wheel.MetalFetchError as err:
        pytest.skip(f"the ttnn 0.81.1 wheel cannot be had: {err}")
    kernels = tmp_path / "kernels"
    for rel, root in (
        ("dataflow/reader_bmm_8bank_output_tiles_partitioned.cpp", cpp_081),
        ("compute/bmm.cpp", cpp_081),
        ("dataflow/writer_unary_interleaved_start_id.cpp", ttnn_cpp),
    ):
        (kernels / MATMUL_KERNELS / rel).parent.mkdir(parents=True, exist_ok=True)
        (kernels / MATMUL_KERNELS / rel).symlink_to(root / MATMUL_KERNELS / rel)
    batch, m, k, n = 1, 64, 80, 96  # K not a multiple of 32: the reader pads A's last K tile
    kp = 96
    rng = np.random.default_rng(81)
    a = np.full((batch, m, kp), np.nan, dtype=np.float32)
    a[:, :, :k] = bf16_normal(rng, (batch, m, k))
    b = bf16_normal(rng, (batch, kp, n))
    stats = run_harness(
        "matmul_host",
        [write_tiles(tmp_path / "a.bin", a), write_tiles(tmp_path / "b.bin", b), tmp_path / "c.bin",
         batch, m // 32, kp // 32, n // 32, 0, k % 32, 1, 1],
        cpp_081, "2x2", tmp_path, kernel_root=kernels,
    )  # fmt: skip
    c = read_tiles(tmp_path / "c.bin", (batch, m, n))
    reference, magnitude = product_and_magnitude(a[:, :, :k], b[:, :k, :])
    assert np.all(np.isfinite(c)), "NaN/Inf in the output: A's padding reached the matmul"
    assert_within(c, reference, 2.0**-8 * np.abs(reference) + 1.02 * kp * 2.0**-24 * magnitude)
    assert stats["tiles"]["matmul"] == (m // 32) * (n // 32) * (kp // 32)


# ------------------------------------------------------------------ matmul: bmm_large_block_zm.cpp

REUSE_MATMULS = {
    # name: (batch, M, K, N, B broadcast, grid, per_core_M, per_core_N, in0_block_w, subblock h x w)
    "square-256-2x2": (1, 256, 256, 256, False, "2x2", 4, 4, 2, (2, 2)),
    "nonsquare-batched-4x2": (2, 128, 192, 384, False, "4x2", 2, 4, 3, (1, 4)),
    "one-k-block-b-broadcast-1x1": (3, 64, 64, 96, True, "1x1", 2, 3, 2, (2, 1)),
}


@pytest.mark.parametrize("case", sorted(REUSE_MATMULS))
def test_tt_metal_block_reuse_matmul_matches_numpy(
    case: str, ttnn_cpp: Path, tmp_path: Path
) -> None:
    batch, m, k, n, bcast, grid, pm, pn, w, (sh, sw) = REUSE_MATMULS[case]
    rng = np.random.default_rng(sum(map(ord, case)))
    mt, kt, nt = m // 32, k // 32, n // 32
    a = bf16_normal(rng, (batch, m, k))
    b = bf16_normal(rng, (1 if bcast else batch, k, n))
    stats = run_harness(
        "matmul_reuse_host",
        [write_tiles(tmp_path / "a.bin", a), write_tiles(tmp_path / "b.bin", b), tmp_path / "c.bin",
         batch, mt, kt, nt, int(bcast), pm, pn, w, sh, sw],
        ttnn_cpp, grid, tmp_path,
    )  # fmt: skip
    c = read_tiles(tmp_path / "c.bin", (batch, m, n))

    # bf16 DST (the factory's default): rounded to bf16 after each matmul_tiles; the partial sums
    # spilled to the intermediate CB between K blocks are bf16 already, so packing them adds no
    # rounding. Same bound as bmm.cpp with a bf16 DST.
    reference, magnitude = product_and_magnitude(a, b)
    bound = 1.02 * (kt * 2.0**-8 + k * 2.0**-24) * magnitude
    assert_within(c, reference, bound)

    # DRAM traffic of block reuse: each of the R x C cores (R = Mt / per_core_M block rows,
    # C = Nt / per_core_N block columns) reads its A rows (per_core_M x Kt tiles) and its B
    # columns (Kt x per_core_N) once per batch: Kt * (Mt * C + Nt * R) tiles per batch.
    rows, cols = mt // pm, nt // pn
    dram = stats["dram"]
    a_tiles, b_tiles = (dram[i]["bytes_read"] // 2048 for i in (0, 1))
    assert (a_tiles, b_tiles) == (batch * kt * mt * cols, batch * kt * nt * rows)
    assert a_tiles + b_tiles == batch * kt * (mt * cols + nt * rows)
    assert dram[0]["read_transactions"] + dram[1]["read_transactions"] == a_tiles + b_tiles
    assert dram[2]["bytes_written"] == batch * mt * nt * 2048
    tiles = batch * mt * nt
    assert stats["tiles"]["matmul"] == tiles * kt
    # Every output tile is packed once per K block (to the intermediate CB, the last time to the
    # output CB) and reloaded from the intermediate CB for every K block but the first.
    assert stats["tiles"]["pack"] == tiles * (kt // w)
    assert stats["tiles"]["copy"] == tiles * (kt // w - 1)
    # One output block per core, blocks row by row on cores in row-major order.
    gx = int(grid[0])
    assert {tuple(core["core"]) for core in stats["cores"]} == {
        (i % gx, i // gx) for i in range(rows * cols)
    }


def test_block_reuse_subblock_larger_than_dst_is_reported(ttnn_cpp: Path, tmp_path: Path) -> None:
    """A 4x4 output subblock is 16 DST tiles; half-sync bf16 DST has 8 per section (tt-metal's
    factories keep out_subblock_h * out_subblock_w <= 8 for that reason)."""
    a, b = np.zeros((1, 128, 64), np.float32), np.zeros((1, 64, 128), np.float32)
    args = [write_tiles(tmp_path / "a.bin", a), write_tiles(tmp_path / "b.bin", b), tmp_path / "c.bin",
            1, 4, 2, 4, 0, 4, 4, 2, 4, 4]  # fmt: skip
    proc = harness_process("matmul_reuse_host", args, ttnn_cpp, "1x1", tmp_path)
    assert proc.returncode == 1
    assert re.search(
        r"bmm_large_block_zm\.cpp \(compute\) on core \(0, 0\): matmul_tiles uses DST tile 8; "
        r"DST has 8 tiles per section here \(half sync, 16-bit DST\)",
        proc.stderr,
    ), proc.stderr


# ------------------------------------------------------------------ matmul: the multicast factories' compute kernel

FUSED_MATMULS = {
    # name: (batch, M, K, N, B broadcast, grid, per_core_M, per_core_N, in0_block_w, subblock h x w)
    "square-256-2x2": (1, 256, 256, 256, False, "2x2", 4, 4, 2, (2, 2)),
    "nonsquare-2x2": (1, 128, 384, 192, False, "2x2", 2, 3, 2, (1, 3)),
}
# Batch 1 only: with the partial sums in the output CB's memory (c_5 shares c_4's, as the factory
# sets it up for a bf16 output), the next batch's first K block spills its partial sums into the
# pages the writer may not have written out yet; nothing in the kernels orders the two (the CBs
# have separate counters), only timing. Under the modeled timing of a batched 2x2 run the spill
# wins for one subblock (measured: one wrong tile, batch 0's last subblock), a hazard the same
# kernels have on a device whose DRAM writes are slow enough.


@pytest.mark.parametrize("fp32_dst", [False, True], ids=["bf16-dst", "fp32-dst"])
@pytest.mark.parametrize("l1_acc", [False, True], ids=["no-l1-acc", "packer-l1-acc"])
@pytest.mark.parametrize("case", sorted(FUSED_MATMULS))
def test_tt_metal_fused_bias_activation_matmul_compute_matches_numpy(
    case: str, l1_acc: bool, fp32_dst: bool, ttnn_cpp: Path, tmp_path: Path
) -> None:
    """`bmm_large_block_zm_fused_bias_activation.cpp` (the compute kernel of ttnn's 1D/2D multicast
    matmuls) in the 2D-multicast factory's plain bf16 configuration (no bias, no activation,
    untilize_out off), fed by the block-reuse reader and writer (`matmul_fused_host`): matmul_block
    over out_subblock_h x out_subblock_w subblocks, the partial sums either spilled and reloaded
    every K block or accumulated in L1 by the packer (PACKER_L1_ACC), with a bf16 or fp32 DST."""
    batch, m, k, n, bcast, grid, pm, pn, w, (sh, sw) = FUSED_MATMULS[case]
    rng = np.random.default_rng(sum(map(ord, case)))
    mt, kt, nt = m // 32, k // 32, n // 32
    nb = kt // w  # K blocks; both cases have more than two, so the factory enables L1 accumulation
    assert nb > 2
    a = bf16_normal(rng, (batch, m, k))
    b = bf16_normal(rng, (1 if bcast else batch, k, n))
    stats = run_harness(
        "matmul_fused_host",
        [write_tiles(tmp_path / "a.bin", a), write_tiles(tmp_path / "b.bin", b), tmp_path / "c.bin",
         batch, mt, kt, nt, int(bcast), pm, pn, w, sh, sw, int(fp32_dst), int(l1_acc), 4],
        ttnn_cpp, grid, tmp_path,
    )  # fmt: skip
    c = read_tiles(tmp_path / "c.bin", (batch, m, n))

    assert_fused_matmul_within(c, a, b, kt, nb if l1_acc else 0, fp32_dst)

    tiles = batch * mt * nt
    counted = stats["tiles"]
    assert counted["matmul"] == tiles * kt
    # One matmul_block per subblock and K tile.
    assert counted["matmul_block_calls"] == batch * kt * (mt // sh) * (nt // sw)
    # Every output tile is packed once per K block; reloaded for every K block but the first
    # (spill and reload), or only for the last (L1 accumulation: the last K block reloads the sums
    # the packer accumulated, to pack the result to the output CB).
    assert counted["pack"] == tiles * nb
    assert counted["copy"] == tiles * (1 if l1_acc else nb - 1)
    rows, cols = mt // pm, nt // pn
    dram = stats["dram"]
    a_tiles, b_tiles = (dram[i]["bytes_read"] // 2048 for i in (0, 1))
    assert (a_tiles, b_tiles) == (batch * kt * mt * cols, batch * kt * nt * rows)
    assert dram[2]["bytes_written"] == tiles * 2048


# ------------------------------------------------------------------ matmul: the 2D-multicast factory

MCAST_MATMULS = {
    # name: (M, K, N, grid "CxR", per_core_M, per_core_N, in0_block_w, subblock h x w, fp32 DST,
    #        packer_l1_acc)
    "256-4x4": (256, 256, 256, "4x4", 2, 2, 2, (2, 2), False, False),
    "512-8x8-l1-acc": (512, 512, 512, "8x8", 2, 2, 4, (2, 2), False, True),
    "nonsquare-fp32-l1-acc-2x3": (192, 384, 128, "2x3", 2, 2, 3, (1, 2), True, True),
}


@pytest.mark.parametrize("case", sorted(MCAST_MATMULS))
def test_tt_metal_2d_multicast_matmul_matches_numpy(case: str, ttnn_cpp: Path, tmp_path: Path) -> None:
    """tt-metal's 2D-multicast matmul (issue 14 item 4(c)): its four readers and its compute kernel,
    unmodified, on an R x C grid driven by `matmul_mcast_host` (ttnn's
    MatmulMultiCoreReuseMcast2DProgramFactory): the left column reads A's rows and multicasts them
    along each row, the top row reads B's columns and multicasts them down each column, handshaking
    with semaphores; the 8x8 case has receivers on both NOCs (the factory's half split)."""
    m, k, n, grid, pm, pn, w, (sh, sw), fp32_dst, l1_acc = MCAST_MATMULS[case]
    rng = np.random.default_rng(sum(map(ord, case)))
    mt, kt, nt = m // 32, k // 32, n // 32
    cols, rows = nt // pn, mt // pm
    assert grid == f"{cols}x{rows}"
    nb = kt // w
    l1_acc_on = l1_acc and nb > 2  # the factory enables packer L1 accumulation with > 2 K blocks
    a = bf16_normal(rng, (m, k))
    b = bf16_normal(rng, (k, n))
    stats = run_harness(
        "matmul_mcast_host",
        [write_tiles(tmp_path / "a.bin", a), write_tiles(tmp_path / "b.bin", b), tmp_path / "c.bin",
         mt, kt, nt, pm, pn, w, sh, sw, int(fp32_dst), int(l1_acc), 4],
        ttnn_cpp, grid, tmp_path,
    )  # fmt: skip
    c = read_tiles(tmp_path / "c.bin", (m, n))

    # Tolerances as for the compute kernel alone: the multicast moves bf16 tiles unchanged.
    assert_fused_matmul_within(c, a, b, kt, nb if l1_acc_on else 0, fp32_dst)

    # Every tile of A and of B is read from DRAM exactly once (the senders read, the receivers get
    # the multicast): Kt * (Mt + Nt) tile reads, against Kt * (Mt * C + Nt * R) for block reuse.
    dram = stats["dram"]
    a_tiles, b_tiles = (dram[i]["bytes_read"] // 2048 for i in (0, 1))
    assert (a_tiles, b_tiles) == (mt * kt, kt * nt)
    assert dram[0]["read_transactions"] + dram[1]["read_transactions"] == kt * (mt + nt)
    assert dram[2]["bytes_written"] == mt * nt * 2048
    # Per K block each of the R in0 senders multicasts its A block and then the VALID flag to its
    # row (C > 1), each of the C in1 senders its B block and the flag to its column (R > 1); every
    # receiver signals its sender once per K block.
    noc = stats["noc"]
    assert noc["mcast_writes"] == 2 * nb * (rows * (cols > 1) + cols * (rows > 1))
    assert noc["semaphore_incs"] == nb * ((cols - 1) * rows + (rows - 1) * cols)
    tiles = stats["tiles"]
    assert tiles["matmul"] == mt * nt * kt
    assert tiles["matmul_block_calls"] == kt * (mt // sh) * (nt // sw)
    assert tiles["pack"] == mt * nt * nb
    assert {tuple(core["core"]) for core in stats["cores"]} == {
        (x, y) for x in range(cols) for y in range(rows)
    }


def test_2d_multicast_matmul_timing_run_prints_modeled_cycles(ttnn_cpp: Path, tmp_path: Path) -> None:
    """The harness's timing mode (for bench/: `-` inputs made by the harness, output read back but
    not saved) prints the run's modeled makespan from the counters, e.g. for 1024^3 on 8x8:
    matmul_mcast_host <ttnn/cpp> - - - 32 32 32 4 4 4 2 4 0 1 4 (HiFi4; 2 for HiFi2)."""
    args = ["-", "-", "-", 8, 8, 8, 2, 2, 2, 2, 2, 0, 1, 2]
    proc = harness_process("matmul_mcast_host", args, ttnn_cpp, "4x4", tmp_path)
    assert proc.returncode == 0, proc.stderr
    stats = json.loads((tmp_path / "matmul_mcast_host.stats.json").read_text())
    match = re.fullmatch(r"modeled_cycles (\d+) modeled_us ([0-9.e+-]+)\n", proc.stdout)
    assert match, proc.stdout
    assert int(match[1]) == stats["modeled_cycles"] > 0
    assert stats["roofline"]["host_bytes_read"] == 8 * 8 * 2048  # the output was read back
    assert stats["dram"][0]["bytes_read"] + stats["dram"][1]["bytes_read"] == 8 * (8 + 8) * 2048


# ------------------------------------------------------------------ eltwise_binary_kernel.cpp

ELTWISE = {
    # name: (op, rows, cols, grid, arch)
    "add-uneven-split-3x2": ("add", 160, 224, "3x2", "wormhole_b0"),
    "add-fewer-tiles-than-cores-8x8": ("add", 32, 64, "8x8", "wormhole_b0"),
    "add-one-core-1x1": ("add", 64, 96, "1x1", "wormhole_b0"),
    "add-blackhole-4x2": ("add", 128, 160, "4x2", "blackhole"),
    "sub-2x2": ("sub", 96, 64, "2x2", "wormhole_b0"),
    "mul-2x2": ("mul", 96, 64, "2x2", "wormhole_b0"),
}


@pytest.mark.parametrize("case", sorted(ELTWISE))
def test_tt_metal_eltwise_binary_matches_numpy(case: str, ttnn_cpp: Path, tmp_path: Path) -> None:
    op, rows, cols, grid, arch = ELTWISE[case]
    rng = np.random.default_rng(sum(map(ord, case)))
    x, y = bf16_normal(rng, (rows, cols)), bf16_normal(rng, (rows, cols))
    num_tiles = rows * cols // 1024
    a, b = write_tiles(tmp_path / "a.bin", x), write_tiles(tmp_path / "b.bin", y)
    args = [op, a, b, tmp_path / "c.bin", num_tiles]
    stats = run_harness("eltwise_binary_host", args, ttnn_cpp, grid, tmp_path, arch=arch)
    z = read_tiles(tmp_path / "c.bin", (rows, cols))
    reference = round_bf16({"add": x + y, "sub": x - y, "mul": x * y}[op])
    np.testing.assert_array_equal(z, reference)

    assert stats["tiles"]["binary"] == num_tiles and stats["tiles"]["pack"] == num_tiles
    # Every core of the grid runs the three kernels; those without tiles get zero arguments. The
    # tiles go to the cores in row-major order: core i at (i % grid_x, i / grid_x).
    gx, gy = int(grid[0]), int(grid[2])
    assert len(stats["cores"]) == gx * gy
    busy = [c for c in stats["cores"] if c["tiles"]["pack"]]
    assert len(busy) == min(num_tiles, gx * gy)
    assert {tuple(c["core"]) for c in busy} == {(i % gx, i // gx) for i in range(len(busy))}


# ------------------------------------------------------------------ more of the object-style API

# A reader in the object style, written here: the binary eltwise reader's job through more of the
# API than tt-metal's reader uses (the stateful read, a CB view, a custom VC, a read in two halves
# at byte offsets, constexpr get_tile_size / get_dataformat, the CB interface record, ASSERT,
# DPRINT, a scoped lock). `FAULT` selects a planted bug.
OBJECT_READER = r"""
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/noc.h"
#include "api/debug/dprint.h"
#include "api/tensor/noc_traits.h"

void kernel_main() {
    const uint32_t a_addr = get_arg_val<uint32_t>(0);
    const uint32_t b_addr = get_arg_val<uint32_t>(1);
    const uint32_t num_tiles = get_arg_val<uint32_t>(2);
    const uint32_t start_id = get_arg_val<uint32_t>(3);
    constexpr auto a_args = TensorAccessorArgs<1>();
    constexpr auto b_args = TensorAccessorArgs<a_args.next_compile_time_args_offset()>();
    constexpr uint32_t tile_bytes = get_tile_size(tt::CBIndex::c_0);
    static_assert(tile_bytes == 2048 && get_dataformat(tt::CBIndex::c_1) == DataFormat::Float16_b);
    const auto a = TensorAccessor(a_args, a_addr, tile_bytes);
    const auto b = TensorAccessor(b_args, b_addr);

    Noc noc;
    CircularBuffer cb0(tt::CBIndex::c_0);
    CircularBuffer cb1(tt::CBIndex::c_1);
    ASSERT(noc.is_local_bank(get_absolute_logical_x(), get_absolute_logical_y()));
    DPRINT("core reads {} tiles from {}\n", num_tiles, start_id);
    for (uint32_t id = start_id; id < start_id + num_tiles; ++id) {
        cb0.reserve_back(1);
        cb1.reserve_back(1);
        {
            auto lock = cb0.scoped_lock();
            noc.set_async_read_state(a, tile_bytes, {.page_id = id});
            const auto back = use<CircularBuffer::AddrSelector::WRITE_PTR>(cb0);
            noc.async_read_with_state(a, back, tile_bytes, {.page_id = id}, {});
        }
        const uint32_t half = cb1.get_tile_size() / 2;
#if FAULT == 1
        noc.async_read(b, cb1, half, {.page_id = id + 1000}, {});
#else
        noc.async_read<NocOptions::CUSTOM_VC>(b, cb1, half, {.page_id = id}, {}, {.vc = 2});
#endif
        noc.async_read(b, cb1, half, {.page_id = id, .offset_bytes = half}, {.offset_bytes = half});
        ASSERT(get_local_cb_interface(tt::CBIndex::c_0).fifo_wr_ptr == cb0.get_write_ptr());
#if FAULT == 2
        ASSERT(id < start_id);
#endif
#if FAULT != 3
        noc.async_read_barrier();
#endif
        cb0.push_back(1);
        cb1.push_back(1);
    }
}
"""


def object_reader_root(ttnn_cpp: Path, tmp_path: Path, fault: int) -> Path:
    """A kernel root whose binary reader is OBJECT_READER; the compute kernel and the writer are
    tt-metal's (links into the wheel)."""
    root = tmp_path / f"root{fault}"
    reader = root / BINARY_KERNELS / "dataflow" / "reader_binary_interleaved_start_id.cpp"
    reader.parent.mkdir(parents=True)
    reader.write_text(f"#define FAULT {fault}\n" + OBJECT_READER)
    compute = root / BINARY_KERNELS / "compute" / "eltwise_binary_kernel.cpp"
    compute.parent.mkdir(parents=True)
    compute.symlink_to(ttnn_cpp / BINARY_KERNELS / "compute" / "eltwise_binary_kernel.cpp")
    writer = root / UNARY_WRITER
    writer.parent.mkdir(parents=True)
    writer.symlink_to(ttnn_cpp / UNARY_WRITER)
    return root


def test_object_style_reader_with_tt_metal_compute_and_writer(
    ttnn_cpp: Path, tmp_path: Path
) -> None:
    rng = np.random.default_rng(11)
    x, y = bf16_normal(rng, (96, 160)), bf16_normal(rng, (96, 160))
    a, b = write_tiles(tmp_path / "a.bin", x), write_tiles(tmp_path / "b.bin", y)
    root = object_reader_root(ttnn_cpp, tmp_path, 0)
    args = ["add", a, b, tmp_path / "c.bin", 15]
    stats = run_harness("eltwise_binary_host", args, ttnn_cpp, "2x3", tmp_path, kernel_root=root)
    np.testing.assert_array_equal(read_tiles(tmp_path / "c.bin", (96, 160)), round_bf16(x + y))
    # Per tile: one read of A, two half reads of B.
    dram = stats["dram"]
    assert (dram[0]["read_transactions"], dram[1]["read_transactions"]) == (15, 30)
    assert dram[0]["bytes_read"] == dram[1]["bytes_read"] == 15 * 2048


@pytest.mark.parametrize(
    "fault, message",
    [
        (1, r"reader_binary_interleaved_start_id\.cpp \(RISCV_1\) on core \(\d, \d\): "
            r"Noc::async_read: page \(tile\) id 10\d\d is out of range of buffer1 \(15 pages"),
        (2, r"reader_binary_interleaved_start_id\.cpp \(RISCV_1\) on core \(\d, \d\): "
            r"ASSERT\(id < start_id\) failed at .*reader_binary_interleaved_start_id\.cpp:\d+"),
        (3, r"cb_push_back\(CB 0, 1\) while a NOC read into the pushed pages is still in flight"),
    ],
)  # fmt: skip
def test_object_style_faults_are_reported(
    fault: int, message: str, ttnn_cpp: Path, tmp_path: Path
) -> None:
    x = np.zeros((96, 160), dtype=np.float32)
    a, b = write_tiles(tmp_path / "a.bin", x), write_tiles(tmp_path / "b.bin", x)
    root = object_reader_root(ttnn_cpp, tmp_path, fault)
    args = ["add", a, b, tmp_path / "c.bin", 15]
    proc = harness_process("eltwise_binary_host", args, ttnn_cpp, "2x3", tmp_path, kernel_root=root)
    assert proc.returncode == 1
    assert re.search(message, proc.stderr), proc.stderr


# A writer in the object style that writes with NOC transaction ids, as ttnn's SDPA writer does
# (dataflow_common.hpp: `noc.async_write<NocOptions::TXN_ID>(..., {.trid = ...})` then
# `noc.async_writes_flushed<NocOptions::TXN_ID>({.trid = ...})` before the CB pages are popped).
# Without the flush the pop is a fault: the write from the popped page may still be in flight.
TXN_WRITER = r"""
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/noc.h"
#include "api/tensor/noc_traits.h"

void kernel_main() {
    const uint32_t dst_addr = get_arg_val<uint32_t>(0);
    const uint32_t num_pages = get_arg_val<uint32_t>(1);
    const uint32_t start_id = get_arg_val<uint32_t>(2);
    constexpr uint32_t cb_id_out = get_compile_time_arg_val(0);
    constexpr auto dst_args = TensorAccessorArgs<1>();
    const auto s = TensorAccessor(dst_args, dst_addr);
    static_assert(has_get_aligned_page_size_v<decltype(s)> && !has_page_size_v<decltype(s)>);
    const uint32_t page_bytes = get_local_cb_interface(cb_id_out).fifo_page_size;
    Noc noc;
    CircularBuffer cb(cb_id_out);
    for (uint32_t i = start_id; i < start_id + num_pages; ++i) {
        const uint32_t trid = 1 + i % 4;
        cb.wait_front(1);
        noc.async_write<NocOptions::TXN_ID>(cb, s, page_bytes, {}, {.page_id = i}, {.trid = trid});
#if !FAULT
        noc.async_writes_flushed<NocOptions::TXN_ID>({.trid = trid});
#endif
        cb.pop_front(1);
    }
    noc.async_write_barrier<NocOptions::TXN_ID>({.trid = 1});
    noc.async_write_barrier();
}
"""


def txn_writer_root(ttnn_cpp: Path, tmp_path: Path, fault: int) -> Path:
    """A kernel root whose unary writer is TXN_WRITER; the reader and compute kernel are tt-metal's."""
    root = tmp_path / f"txn{fault}"
    for kernel in ("dataflow/reader_binary_interleaved_start_id.cpp", "compute/eltwise_binary_kernel.cpp"):
        path = root / BINARY_KERNELS / kernel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(ttnn_cpp / BINARY_KERNELS / kernel)
    writer = root / UNARY_WRITER
    writer.parent.mkdir(parents=True)
    writer.write_text(f"#define FAULT {fault}\n" + TXN_WRITER)
    return root


def test_writes_with_transaction_ids(ttnn_cpp: Path, tmp_path: Path) -> None:
    rng = np.random.default_rng(12)
    x, y = bf16_normal(rng, (96, 160)), bf16_normal(rng, (96, 160))
    a, b = write_tiles(tmp_path / "a.bin", x), write_tiles(tmp_path / "b.bin", y)
    args = ["add", a, b, tmp_path / "c.bin", 15]
    stats = run_harness(
        "eltwise_binary_host", args, ttnn_cpp, "2x3", tmp_path, kernel_root=txn_writer_root(ttnn_cpp, tmp_path, 0)
    )
    np.testing.assert_array_equal(read_tiles(tmp_path / "c.bin", (96, 160)), round_bf16(x + y))
    assert sum(d["bytes_written"] for d in stats["dram"]) == 15 * 2048
    proc = harness_process(
        "eltwise_binary_host", args, ttnn_cpp, "2x3", tmp_path, kernel_root=txn_writer_root(ttnn_cpp, tmp_path, 1)
    )
    assert proc.returncode == 1
    assert "while a NOC write from the popped pages is still in flight" in proc.stderr, proc.stderr


# The 2D-multicast matmul's readers (issue 14, item 4(c)): they need the emulator's semaphores
# and multicast (Semaphore<>, Noc::async_write_multicast, MulticastEndpoint, CoreLocalMem,
# get_semaphore). Compiled here, unmodified, against the emulator's headers with interleaved
# DRAM tensors (TensorAccessorArgs config 2 = IsDram, page 2048) and bf16 CBs; the host harness
# that runs them is separate.
MCAST_READERS = [
    ("reader_bmm_tile_layout_in0_sender_padding.cpp", 28, 2),
    ("reader_bmm_tile_layout_in0_receiver.cpp", 0, 0),
    ("reader_bmm_tile_layout_in1_sender_writer_padding.cpp", 32, 4),
    ("reader_bmm_tile_layout_in1_receiver_writer_padding.cpp", 19, 1),
]


@pytest.mark.parametrize(
    "kernel, accessor_offset, accessors", MCAST_READERS, ids=[k for k, _, _ in MCAST_READERS]
)
@pytest.mark.parametrize("arch", ["WORMHOLE", "BLACKHOLE"])
def test_multicast_matmul_readers_compile(
    kernel: str, accessor_offset: int, accessors: int, arch: str, ttnn_cpp: Path
) -> None:
    args = ["1"] * accessor_offset + ["2", "2048"] * accessors + ["1"] * 8
    named = ",".join(
        f'{{"{n}",{i}}}'
        for i, n in enumerate(
            [
                "cb_in0",
                "cb_in1",
                "cb_in0_sharded",
                "cb_bias",
                "cb_out",
                "cb_sparsity",
                "cb_in1_sharded",
            ]
        )
    )
    cbs = ",".join(f"{{{i},5,2048}}" for i in range(7))
    proc = subprocess.run(
        [
            cxx(), "-std=c++20", "-fsyntax-only", f"-DKERNEL_COMPILE_TIME_ARGS={','.join(args)}",
            f"-DKERNEL_COMPILE_TIME_ARG_MAP={named}", f"-DTT_EMU_CB_DESCRIPTORS={cbs}",
            "-DCOMPILE_FOR_NCRISC", "-DNOC_INDEX=1", f"-DARCH_{arch}",
            f"-I{include_dir()}", f"-I{ttnn_cpp}",
            str(ttnn_cpp / MATMUL_KERNELS / "dataflow" / kernel),
        ],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr


# ttnn's SDPA (flash attention) reader and writer (issue 19, item 4): compiled unmodified against
# the emulator's headers for B=1, 2 heads, S=128 (4 tiles), head dim 64 (2 tiles), chunks of 2
# tiles, interleaved DRAM tensors, without and with the causal mask. They need NOC transaction
# ids, VALID / INVALID from dataflow_api.h, dataflow_api_addrgen.h's traits
# (has_get_aligned_page_size_v), internal/risc_attribs.h and, like tt-metal's JIT, tt-metal's
# `ttnn` folder on the include path (`#include "cpp/ttnn/..."`). Their compute kernel does not
# compile yet: docs/sdpa_on_emulator.md lists what it needs.
SDPA_KERNELS = Path("ttnn/operations/transformer/sdpa/device/kernels")
ACCESSOR = ["2", "2048"]  # TensorAccessorArgs: IsDram, page size


def sdpa_reader_args(causal: bool) -> list[int | str]:
    # B NQH NKH NVH Sqt Skt valid_Sqt valid_Skt DHt vDHt Sq_chunk_t q_num_chunks Sk_chunk_t
    # k_num_chunks num_cores is_causal use_provided_mask bcast_mask_batch bcast_mask_heads
    # use_padded_mask is_chunked block_size_t page_table_stick_size use_attention_sink use_mla
    # mla_kv_overlap qk_subblock_h sliding_window_size use_streaming_compute sender_sem
    # receiver_sem valid_sem mcast_enabled use_zigzag_balancing; 7 accessors (q k v mask
    # page_table attention_sink chunk_start_idx); CB ids.
    scalars = [1, 2, 2, 2, 4, 4, 4, 4, 2, 2, 2, 2, 2, 2, 4, int(causal)] + [0] * 10 + [1] + [0] * 7
    return scalars + ACCESSOR * 7 + list(range(9)) + [16]


def sdpa_writer_args(causal: bool) -> list[int | str]:
    # B NQH NKH Sqt valid_Sqt unpadded_Sk DHt vDHt Sq_chunk_t q_num_chunks Sk_chunk_t
    # k_num_chunks identity_scalar_packed (bf16 1.0 twice) scale (fp32 0.125) num_cores is_causal
    # use_provided_mask use_padded_mask is_chunked sliding_window_size use_lightweight_mask
    # use_streaming_compute out_subblock_h k_partial_col use_zigzag_balancing use_windowed_mask;
    # 2 accessors (out, cu_window_seqlens); CB ids (mask, identity scale, col identity,
    # chunk_start_idx, out, cu_window).
    scalars = [1, 2, 2, 4, 4, 128, 2, 2, 2, 2, 2, 2, 0x3F803F80, 0x3E000000, 4, int(causal), 0, 0, 0, 0,
               int(causal), 0, 1, 0, 0, 0]  # fmt: skip
    return scalars + ACCESSOR * 2 + [3, 5, 7, 8, 16, 9]


@pytest.mark.parametrize("causal", [False, True], ids=["noncausal", "causal"])
@pytest.mark.parametrize("kernel", ["reader_interleaved", "writer_interleaved"])
def test_sdpa_dataflow_kernels_compile(kernel: str, causal: bool, ttnn_cpp: Path) -> None:
    reader = kernel == "reader_interleaved"
    args = sdpa_reader_args(causal) if reader else sdpa_writer_args(causal)
    cbs = ",".join(f"{{{i},5,2048}}" for i in (*range(10), 16))
    proc = subprocess.run(
        [
            cxx(), "-std=c++20", "-fsyntax-only", f"-DKERNEL_COMPILE_TIME_ARGS={','.join(map(str, args))}",
            f"-DTT_EMU_CB_DESCRIPTORS={cbs}",
            "-DCOMPILE_FOR_NCRISC" if reader else "-DCOMPILE_FOR_BRISC", f"-DNOC_INDEX={int(reader)}",
            "-DARCH_WORMHOLE", f"-I{include_dir()}", f"-I{ttnn_cpp}", f"-I{ttnn_cpp.parent}",
            f"-I{ttnn_cpp.parent.parent}", str(ttnn_cpp / SDPA_KERNELS / "dataflow" / f"{kernel}.cpp"),
        ],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr


SDPAS = {
    # name: (B, NQH, NKH, S, D, q_chunk, k_chunk, causal, fp32 DST, grid)
    "noncausal-b1-h2-s128-d64-2x2": (1, 2, 2, 128, 64, 64, 64, False, True, "2x2"),
    "causal-b1-h2-s128-d64-2x2": (1, 2, 2, 128, 64, 64, 64, True, True, "2x2"),
}


def sdpa_reference(q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool) -> tuple[np.ndarray, np.ndarray]:
    """softmax(Q K^T / sqrt(D)) V in float64 (K and V heads shared by NQH / NKH query heads) and
    the error bound of the emulated kernel (see the module docstring, "sdpa")."""
    group = q.shape[1] // k.shape[1]
    k64 = np.repeat(k.astype(np.float64), group, axis=1)
    v64 = np.repeat(v.astype(np.float64), group, axis=1)
    scale = 1.0 / np.sqrt(q.shape[-1])
    s = q.astype(np.float64) @ k64.transpose(0, 1, 3, 2)
    allowed = np.tril(np.ones(s.shape[-2:], dtype=bool)) if causal else np.ones(s.shape[-2:], dtype=bool)
    s = np.where(allowed, s, -np.inf)
    p = np.exp((s - s.max(axis=-1, keepdims=True)) * scale)
    out = (p / p.sum(axis=-1, keepdims=True)) @ v64
    # Per query row i: the scores' bf16 rounding (QK^T packed to a bf16 CB, its row maxima taken
    # from it) moves each exponent by at most 2^-8 * scale * (|s_ij| + max_j |s_ij|): a relative
    # error of p_ij, which moves out_i by at most that times max_j |v_j - out_i| (out_i is a
    # p-weighted mean of the v_j). Then bf16 roundings of quantities of size max|v| or relative:
    # P (1), per K chunk the rescaled output, exp(max difference) and sum (3 each), 1 / sum, the
    # normalised output (2): 2^-8 * (3 * k_chunks + 3) * max_j |v_j|.
    big = np.where(allowed, np.abs(s), 0.0).max(axis=-1, keepdims=True)
    spread = np.abs(v64[:, :, None, :, :] - out[:, :, :, None, :])  # (b, h, i, j, d)
    spread = np.where(allowed[None, None, :, :, None], spread, 0.0).max(axis=3)
    vmax = np.where(allowed[None, None, :, :, None], np.abs(v64)[:, :, None, :, :], 0.0).max(axis=3)
    k_chunks = q.shape[2] // 64
    bound = 2.0**-8 * (scale * 2 * big * spread + (3 * k_chunks + 3) * vmax)
    return out, bound


@pytest.mark.parametrize("case", sorted(SDPAS))
def test_tt_metal_sdpa_matches_numpy(case: str, ttnn_cpp: Path, tmp_path: Path) -> None:
    b, nqh, nkh, s, d, q_chunk, k_chunk, causal, fp32_dst, grid = SDPAS[case]
    rng = np.random.default_rng(sum(map(ord, case)))
    q, k, v = (bf16_normal(rng, (b, h, s, d)) for h in (nqh, nkh, nkh))
    files = [write_tiles(tmp_path / f"{n}.bin", x) for n, x in (("q", q), ("k", k), ("v", v))]
    args = [*files, tmp_path / "out.bin", b, nqh, nkh, s, d, q_chunk, k_chunk, int(causal), int(fp32_dst)]
    stats = run_harness("sdpa_host", args, ttnn_cpp, grid, tmp_path)
    out = read_tiles(tmp_path / "out.bin", (b, nqh, s, d))
    ref, bound = sdpa_reference(q, k, v, causal)
    error = np.abs(out - ref)
    print(f"{case}: max error {error.max():.4g} (bound {bound.max():.4g}, worst error/bound "
          f"{(error / bound).max():.3f}), modeled {stats['modeled_cycles']} cycles")
    assert_within(out, ref, bound)
    # The work: Q K^T and P V (2 * S * S * D each per head; causal: the chunks on and below the
    # diagonal), plus the row sums as a matmul with a column of ones (one 32x32x32 tile product per
    # Q row tile and K chunk); Q read once, K and V once per Q chunk, the output written once.
    q_chunks = s // q_chunk
    kv_chunks = q_chunks * (q_chunks + 1) // 2 if causal else q_chunks * (s // k_chunk)
    per_chunk = 2 * 2 * q_chunk * k_chunk * d
    assert stats["matmul_flops"] == b * nqh * (kv_chunks * per_chunk + q_chunks * (q_chunk // 32) * 2 * 32**3)
    dram_read = sum(x["bytes_read"] for x in stats["dram"])
    assert dram_read == b * nqh * (s * d * 2 + kv_chunks * 2 * k_chunk * d * 2)  # bf16: 2 bytes


# ------------------------------------------------------------------ reduce, transpose, unary SFPU

REDUCES = {
    # name: (dim, op, N, Ht, Wt, grid, fp32 DST)
    "w-sum-2x3": ("w", "sum", 1, 5, 3, "2x3", False),
    "w-max-batched-2x2": ("w", "max", 2, 3, 2, "2x2", False),
    "h-sum-fp32-dst-2x2": ("h", "sum", 1, 4, 6, "2x2", True),
    "h-max-batched-more-columns-than-dst-1x2": ("h", "max", 2, 3, 10, "1x2", False),
    "hw-sum-1x1": ("hw", "sum", 2, 2, 2, "1x1", True),
}


@pytest.mark.parametrize("case", sorted(REDUCES))
def test_tt_metal_reduce_matches_numpy(case: str, ttnn_cpp: Path, tmp_path: Path) -> None:
    dim, op, n, ht, wt, grid, fp32_dst = REDUCES[case]
    rng = np.random.default_rng(sum(map(ord, case)))
    x = bf16_normal(rng, (n, ht * 32, wt * 32))
    out_shape = {"w": (n, ht * 32, 32), "h": (n, 32, wt * 32), "hw": (n, 32, 32)}[dim]
    stats = run_harness(
        "unary_ops_host",
        ["reduce", dim, op, write_tiles(tmp_path / "x.bin", x), tmp_path / "y.bin", n, ht, wt, int(fp32_dst)],
        ttnn_cpp, grid, tmp_path,
    )  # fmt: skip
    y = read_tiles(tmp_path / "y.bin", out_shape)
    axis = {"w": (2,), "h": (1,), "hw": (1, 2)}[dim]
    x64 = x.astype(np.float64)
    expected = np.zeros(out_shape)
    if op == "max":
        ref = x64.max(axis=axis)  # a maximum of bf16 values is a bf16 value: exact
        bound = np.zeros_like(ref)
    else:
        ref = x64.sum(axis=axis)
        count = {"w": wt, "h": ht, "hw": ht * wt}[dim]  # reduce_tile calls into one DST tile
        unit = 2.0**-24 if fp32_dst else 2.0**-8
        bound = 2.0**-8 * np.abs(ref) + 1.02 * (count * unit + 64 * 2.0**-24) * np.abs(x64).sum(axis=axis)
    # The packer-zeroing contract: results at column 0 / row 0 / [0][0], zero elsewhere.
    if dim == "w":
        expected[:, :, 0] = ref
        got, zero = y[:, :, 0], y[:, :, 1:]
    elif dim == "h":
        expected[:, 0, :] = ref
        got, zero = y[:, 0, :], y[:, 1:, :]
    else:
        got, zero = y[:, 0, 0], y.reshape(n, -1)[:, 1:]
    assert np.all(zero == 0.0), "data outside the reduction's result positions was not zeroed"
    assert_within(got, ref, bound)
    tiles = stats["tiles"]
    assert tiles["reduce"] == n * ht * wt
    assert tiles["pack"] == int(np.prod(out_shape)) // 1024


TRANSPOSES = {"one-tile-1x1": (1, 1, 1, "1x1"), "batched-nonsquare-2x3": (2, 3, 5, "2x3")}


@pytest.mark.parametrize("case", sorted(TRANSPOSES))
def test_tt_metal_transpose_wh_matches_numpy(case: str, ttnn_cpp: Path, tmp_path: Path) -> None:
    n, ht, wt, grid = TRANSPOSES[case]
    rng = np.random.default_rng(sum(map(ord, case)))
    x = bf16_normal(rng, (n, ht * 32, wt * 32))
    run_harness(
        "unary_ops_host",
        ["transpose", write_tiles(tmp_path / "x.bin", x), tmp_path / "y.bin", n, ht, wt],
        ttnn_cpp, grid, tmp_path,
    )  # fmt: skip
    y = read_tiles(tmp_path / "y.bin", (n, wt * 32, ht * 32))
    np.testing.assert_array_equal(y, x.transpose(0, 2, 1))  # a copy: bit-exact


SFPU_OPS = {
    "exp": (np.exp, lambda r: r.standard_normal),
    # ttnn's SDPA's exp: approximate, scale 0.125 programmed by exp_tile_init, 32 iterations over
    # the whole tile (VectorMode::None); scaled inputs from -75 (results still normal in bf16) to 1.
    "exp-scaled-approx": (lambda v: np.exp(v * 0.125), lambda r: lambda s: r.uniform(-600.0, 8.0, s)),
    # accurate exp with scale_en and a bf16 scale -1.5
    "exp-scaled": (lambda v: np.exp(v * -1.5), lambda r: lambda s: r.uniform(-4.0, 4.0, s)),
    "rsqrt": (lambda v: 1.0 / np.sqrt(v), lambda r: lambda s: r.uniform(0.05, 20.0, s)),
    "sqrt": (np.sqrt, lambda r: lambda s: r.uniform(0.0, 50.0, s)),
    "recip": (np.reciprocal, lambda r: lambda s: np.where(r.random(s) < 0.5, -1, 1) * r.uniform(0.05, 20.0, s)),
}


@pytest.mark.parametrize("op", sorted(SFPU_OPS))
def test_tt_metal_eltwise_sfpu_matches_numpy(op: str, ttnn_cpp: Path, tmp_path: Path) -> None:
    fn, sampler = SFPU_OPS[op]
    rng = np.random.default_rng(sum(map(ord, op)))
    x = round_bf16(sampler(rng)((1, 96, 160)).astype(np.float32))
    stats = run_harness(
        "unary_ops_host",
        ["sfpu", op, write_tiles(tmp_path / "x.bin", x), tmp_path / "y.bin", 15],
        ttnn_cpp, "2x3", tmp_path,
    )  # fmt: skip
    y = read_tiles(tmp_path / "y.bin", x.shape)
    ref = fn(x.astype(np.float64))
    assert_within(y, ref, 2.0**-7 * np.abs(ref))
    assert stats["tiles"]["sfpu"] == 15 and stats["tiles"]["copy"] == 15
