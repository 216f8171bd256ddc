"""The emulator runs the emitted artifacts unmodified and computes what numpy computes.

Every program goes through the whole pipeline: a tile program -> `tt-opt -p tt-pipeline -t
tt-cpp` -> an artifact directory -> `tt_dialect.emu.run` (main.cpp and the three kernels built
unmodified against the emulator's headers) -> compared with numpy on the same (bf16-rounded)
inputs.

Tolerances, and why:
- gemm, bf16 in / bf16 out, fp32 accumulation in DST (`fp32_dest_acc`): the products of two
  bf16 values are exact in fp32, so the errors are the fp32 accumulation over K terms, at most
  about K * 2^-24 * (|A| @ |B|) (the standard gamma_K bound, u = 2^-24), and the final rounding to
  bf16, at most half a bf16 ulp: 2^-8 * |C|. We allow 2^-8 * |C| + 1.01 * K * 2^-24 * (|A| @ |B|)
  per element.
- gemm, f32: no output rounding beyond fp32: 2^-24 * |C| + 1.01 * K * 2^-24 * (|A| @ |B|). (This is
  the emulator's fp32 math; the device feeds fp32 through 19-bit source registers and would need
  a looser bound.)
- add / sub / mul on bf16: the fp32 result of two bf16 values is exact (add/sub when exponents are
  within 16, which holds for these inputs; mul always: 8 x 8 mantissa bits), then rounded once to
  bf16 (16-bit DST, then the packer): bit-exact against numpy's fp32 result rounded to bf16.
- relu: exact.
- exp: fp32 `expf` rounded to bf16; numpy's float32 exp may differ from glibc's by an fp32 ulp,
  which can move a bf16 rounding by one bf16 ulp: 2^-7 * |ref|.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import numpy as np
import pytest

from artifacts import compile_artifacts
from tt_dialect.emu import build, round_bf16, run
from tt_dialect.emu.build import cache_dir, emu_root, source_hash
from tt_dialect.samples import bf16_values, gemm_program

ROOT = Path(__file__).resolve().parent.parent


def gemm_mlir(
    m: int, n: int, k: int, bm: int, bn: int, dtype: str = "bf16", relu: bool = False
) -> str:
    """TileLang's gemm: C = A @ B in bm x bn blocks, K in steps of 32, an f32
    fragment accumulator (optionally relu'd) copied out to C."""
    return gemm_program(m, n, k, bm, bn, 32, dtype, relu)


def split_case(path: Path, function: str) -> str:
    """The `// -----` section of a lit file that defines `@function`."""
    for part in path.read_text().split("// -----"):
        if f"func.func @{function}(" in part:
            return part
    raise AssertionError(f"no @{function} in {path}")


def inputs_for(plan: dict, seed: int = 0) -> dict[str, np.ndarray]:
    """Standard-normal inputs of the plan's input tensors, rounded to their dtype."""
    rng = np.random.default_rng(seed)
    out = {}
    for t in plan["tensors"]:
        if t["role"] == "input":
            x = rng.standard_normal(t["shape"]).astype(np.float32)
            out[t["name"]] = round_bf16(x) if t["dtype"] == "bf16" else x
    return out


def plan_of(directory: Path) -> dict:
    return json.loads((directory / "tt.plan.json").read_text())


def check_gemm(c: np.ndarray, a: np.ndarray, b: np.ndarray, dtype: str, relu: bool = False) -> None:
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    ref = a64 @ b64
    if relu:
        ref = np.maximum(ref, 0.0)
    k = a.shape[1]
    output_rounding = 2.0**-8 if dtype == "bf16" else 2.0**-24
    bound = output_rounding * np.abs(ref) + 1.01 * k * 2.0**-24 * (np.abs(a64) @ np.abs(b64))
    err = np.abs(c.astype(np.float64) - ref)
    worst = np.unravel_index(np.argmax(err - bound), err.shape)
    assert (err <= bound).all(), f"error {err[worst]} > bound {bound[worst]} at {worst}"
    assert not np.isnan(c).any()


# --------------------------------------------------------------------------- gemm

GEMMS = [
    # id, M, N, K, block M, block N, dtype, grid, relu
    (
        "64x64x64-1x1",
        64,
        64,
        64,
        64,
        64,
        "bf16",
        "1x1",
        False,
    ),  # Kt = 2, one block, DST accumulates
    ("128x128x128-2x2", 128, 128, 128, 64, 64, "bf16", "2x2", False),  # one 2x2-tile block per core
    (
        "kt1-64x96x32-1x1",
        64,
        96,
        32,
        32,
        32,
        "bf16",
        "1x1",
        False,
    ),  # Kt = 1, non-square, 6 blocks on 1 core
    (
        "96x160x64-2x3",
        96,
        160,
        64,
        32,
        32,
        "bf16",
        "2x3",
        False,
    ),  # 15 blocks on 6 cores (3,3,3,2,2,2)
    ("fewer-64x64x64-8x8", 64, 64, 64, 32, 32, "bf16", "8x8", False),  # 4 blocks, 60 cores idle
    ("256x256x128-8x8", 256, 256, 128, 32, 32, "bf16", "8x8", False),  # 64 blocks on 64 cores
    ("f32-64x64x64-1x1", 64, 64, 64, 64, 64, "f32", "1x1", False),
    ("relu-128x64x64-2x3", 128, 64, 64, 32, 32, "bf16", "2x3", True),  # gemm + relu epilogue in DST
]


@pytest.mark.parametrize("case", GEMMS, ids=[g[0] for g in GEMMS])
def test_gemm_matches_numpy(case, tmp_path: Path) -> None:
    name, m, n, k, bm, bn, dtype, grid, relu = case
    d = compile_artifacts(
        gemm_mlir(m, n, k, bm, bn, dtype, relu), f"tt-pipeline{{grid={grid}}}", tmp_path / "gemm"
    )
    plan = plan_of(d)
    ins = inputs_for(plan)
    out = run(d, ins)
    assert set(out) == {"tensor2"}
    assert out["tensor2"].dtype == np.float32 and out["tensor2"].shape == (m, n)
    check_gemm(out["tensor2"], ins["tensor0"], ins["tensor1"], dtype, relu)


def test_gemm_example_8x8(tmp_path: Path) -> None:
    """examples/gemm/gemm.mlir itself: 1024^3 bf16 on an 8x8 grid (32768 tile matmuls)."""
    source = (ROOT / "examples/gemm/gemm.mlir").read_text()
    d = compile_artifacts(source, "tt-pipeline", tmp_path / "gemm")
    ins = inputs_for(plan_of(d))
    out = run(d, ins, stats=True)
    check_gemm(out["tensor2"], ins["tensor0"], ins["tensor1"], "bf16")
    assert out.stats["tiles"]["matmul"] == 32 * 32 * 32
    assert len(out.stats["cores"]) == 64


# --------------------------------------------------------------------------- elementwise


def test_add_example(tmp_path: Path) -> None:
    """examples/elementwise/add.mlir itself: 1024x1024 bf16 on an 8x8 grid; bit-exact."""
    d = compile_artifacts(
        (ROOT / "examples/elementwise/add.mlir").read_text(), "tt-pipeline", tmp_path / "add"
    )
    ins = inputs_for(plan_of(d))
    out = run(d, ins)
    np.testing.assert_array_equal(out["tensor2"], round_bf16(ins["tensor0"] + ins["tensor1"]))


ELEMENTWISE = {
    "add": lambda x, y: round_bf16(x + y),
    "sub": lambda x, y: round_bf16(x - y),
    "mul": lambda x, y: round_bf16(x * y),
}


@pytest.mark.parametrize("op", sorted(ELEMENTWISE))
def test_binary_elementwise_bit_exact(op: str, tmp_path: Path) -> None:
    lit = ROOT / "lit_tests/pipelines/elementwise.mlir"
    d = compile_artifacts(split_case(lit, op), "tt-pipeline{grid=1x2}", tmp_path / op)
    ins = inputs_for(plan_of(d), seed=3)
    out = run(d, ins)
    np.testing.assert_array_equal(out["tensor2"], ELEMENTWISE[op](ins["tensor0"], ins["tensor1"]))


def test_exp(tmp_path: Path) -> None:
    lit = ROOT / "lit_tests/pipelines/elementwise.mlir"
    d = compile_artifacts(split_case(lit, "exp"), "tt-pipeline{grid=1x2}", tmp_path / "exp")
    ins = inputs_for(plan_of(d), seed=4)
    out = run(d, ins)
    ref = np.exp(ins["tensor0"].astype(np.float64))
    np.testing.assert_array_less(np.abs(out["tensor1"] - ref), 2.0**-7 * np.abs(ref) + 1e-30)


def test_relu(tmp_path: Path) -> None:
    lit = ROOT / "lit_tests/pipelines/elementwise.mlir"
    d = compile_artifacts(split_case(lit, "relu"), "tt-pipeline{grid=1x2}", tmp_path / "relu")
    ins = inputs_for(plan_of(d), seed=5)
    out = run(d, ins)
    np.testing.assert_array_equal(out["tensor1"], np.maximum(ins["tensor0"], 0.0))


# --------------------------------------------------------------------------- counters, caching, CLI


@pytest.fixture(scope="module")
def uneven_gemm(tmp_path_factory) -> Path:
    """96x160x64 bf16, 32x32 blocks (15) on a 2x3 grid: cores get 3 or 2 blocks."""
    return compile_artifacts(
        gemm_mlir(96, 160, 64, 32, 32),
        "tt-pipeline{grid=2x3}",
        tmp_path_factory.mktemp("g") / "gemm",
    )


def test_counters(uneven_gemm: Path) -> None:
    plan = plan_of(uneven_gemm)
    out = run(uneven_gemm, inputs_for(plan), stats=True)
    s = out.stats
    assert out["stats"] is s and set(out) == {"tensor2", "stats"}
    tile = 2048
    mt, nt, kt = 3, 5, 2
    # Every A tile is read once per block column, every B tile once per block row; C written once.
    dram = {d["name"]: d for d in s["dram"]}
    assert dram["tensor0"]["bytes_read"] == mt * kt * nt * tile
    assert dram["tensor1"]["bytes_read"] == kt * nt * mt * tile
    assert dram["tensor2"]["bytes_written"] == mt * nt * tile
    assert dram["tensor2"]["bytes_read"] == 0 and dram["tensor0"]["bytes_written"] == 0
    assert s["noc"]["read_transactions"] == 2 * mt * nt * kt
    assert s["noc"]["write_transactions"] == mt * nt
    assert s["tiles"]["matmul"] == mt * nt * kt and s["tiles"]["pack"] == mt * nt
    # Per core: the work partition's block counts, and CB high-water marks within the CBs.
    counts = {tuple(c["core"]): c["count"] for c in plan["cores"]}
    assert sorted(counts.values()) == [2, 2, 2, 3, 3, 3]
    for core in s["cores"]:
        assert core["tiles"]["matmul"] == counts[tuple(core["core"])] * kt
        for cb in core["cbs"]:
            assert 0 < cb["high_water_pages"] <= cb["high_water_pages_with_reserved"] <= cb["pages"]
    assert s["kernel_builds"] == 0  # the driver built the plan's kernels; the runtime found them


MASKED_COPY = """\
func.func @masked(%Z: memref<64x64xf32>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %c7 = arith.constant 7 : index
    %m = tt.alloc_shared : memref<64x64xf32>
    %z = tt.alloc_fragment : memref<64x64xf32>
    tt.mask %m, %c7, %c0 if gt then 1.5 else 0xFFF0000000000000 : memref<64x64xf32>
    tt.copy %m to %z : memref<64x64xf32> to memref<64x64xf32>
    tt.copy %z to %Z[%c0, %c0] : memref<64x64xf32> to memref<64x64xf32>
  }
  func.return
}
"""


def test_kernels_with_a_support_header(tmp_path: Path) -> None:
    """A reader that includes the artifacts' `tt_mask_tile.h` writes the mask's tiles into its
    CB through L1 pointers; its cache key covers the header (the driver's and the runtime's
    keys agree: no kernel is built at run time), and a changed header is a new build."""
    d = compile_artifacts(MASKED_COPY, "tt-pipeline{grid=1x1}", tmp_path / "masked")
    out = run(d, {}, stats=True)
    rows, cols = np.arange(64)[:, None] + 7, np.arange(64)[None, :]
    np.testing.assert_array_equal(out["tensor0"], np.where(rows > cols, np.float32(1.5), -np.inf))
    assert out.stats["kernel_builds"] == 0
    header = d / "tt_mask_tile.h"
    header.write_text(header.read_text() + f"// {uuid.uuid4()}\n")
    assert build(d).built == ["reader.cpp"]


def test_builds_are_cached(uneven_gemm: Path, tmp_path: Path) -> None:
    first = build(uneven_gemm)
    again = build(uneven_gemm)
    assert again.built == [] and again.main == first.main and again.kernels == first.kernels
    # The same artifacts in another directory reuse every binary.
    copy = shutil.copytree(uneven_gemm, tmp_path / "copy")
    assert build(copy).built == []
    # A changed kernel rebuilds that kernel only (a fresh edit: the cache outlives the test).
    writer = copy / "writer.cpp"
    writer.write_text(writer.read_text() + f"\n// edited {uuid.uuid4()}\n")
    assert build(copy).built == ["writer.cpp"]


def test_cli(uneven_gemm: Path, tmp_path: Path) -> None:
    ins = inputs_for(plan_of(uneven_gemm), seed=9)
    for name, value in ins.items():
        np.save(tmp_path / f"{name}.npy", value)
    cmd = [
        sys.executable, "-m", "tt_dialect.tools.emu", "run", str(uneven_gemm),
        "--in", f"tensor0={tmp_path / 'tensor0.npy'}", "--in", f"tensor1={tmp_path / 'tensor1.npy'}",
        "--out", f"tensor2={tmp_path / 'c.npy'}", "--stats", str(tmp_path / "stats.json"), "--timeout", "30",
    ]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    c = np.load(tmp_path / "c.npy")
    np.testing.assert_array_equal(c, run(uneven_gemm, ins)["tensor2"])
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["tiles"]["matmul"] == 30 and {d["name"] for d in stats["dram"]} == {
        "tensor0",
        "tensor1",
        "tensor2",
    }
    # Usage errors exit 2 with one message.
    bad = subprocess.run(
        [*cmd[:5], "--in", f"tensor0={tmp_path / 'tensor0.npy'}", "--out", "tensor9=x.npy"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert bad.returncode == 2 and bad.stderr.startswith("tt-emu: error: --out tensor9")


def _tt_emu(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tt_dialect.tools.emu", *args], capture_output=True, text=True, timeout=300
    )


def test_cli_generates_inputs_and_checks_an_expression(uneven_gemm: Path, tmp_path: Path) -> None:
    gemm = str(uneven_gemm)
    saved = tmp_path / "inputs"
    proc = _tt_emu("run", gemm, "--random", "7", "--save-inputs", str(saved), "--expect", "tensor2=tensor0 @ tensor1")
    assert proc.returncode == 0, proc.stderr
    a, b = np.load(saved / "tensor0.npy"), np.load(saved / "tensor1.npy")
    assert a.shape == (96, 64) and b.shape == (64, 160)
    # Seeded: the generator is numpy's default_rng(SEED), values exact in bf16.
    rng = np.random.default_rng(7)
    np.testing.assert_array_equal(a, bf16_values(rng, (96, 64)))
    np.testing.assert_array_equal(b, bf16_values(rng, (64, 160)))
    reference = a.astype(np.float64) @ b.astype(np.float64)
    error = float(np.max(np.abs(run(uneven_gemm, {"tensor0": a, "tensor1": b})["tensor2"] - reference)))
    tolerance = float(np.max(np.abs(reference))) * 2.0**-8 + 1e-3
    line = proc.stdout.strip()
    assert line.startswith(
        f"RESULT {gemm} tensor2 = tensor0 @ tensor1: max |error| {error:.3g} <= tolerance {tolerance:.3g} "
        f"(max |reference| {np.max(np.abs(reference)):.3g}) PASS; modeled "
    ), line
    assert line.endswith("-bound)")
    # Beyond the tolerance: the same line says FAIL and the exit status is 1.
    strict = _tt_emu("run", gemm, "--random", "7", "--expect", "tensor2=tensor0 @ tensor1", "--tolerance", "0")
    assert strict.returncode == 1 and " > tolerance 0 " in strict.stdout and "FAIL" in strict.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--expect", "tensor2=tensor0 @ tensr1"],
         "tt-emu: error: missing --in tensor0=FILE.npy (or --random SEED to generate it)"),
        (["--random", "0", "--expect", "tensor2=tensor0 @ tensr1"],
         "tt-emu: error: --expect tensor2: cannot evaluate 'tensor0 @ tensr1': name 'tensr1' is not defined"),
        (["--random", "0", "--expect", "tensor2=tensor0"],
         "tt-emu: error: --expect tensor2: 'tensor0' has shape [96, 64], tensor2 has [96, 160]"),
        (["--random", "0", "--expect", "tensor0=tensor1"],
         "tt-emu: error: --expect tensor0: the program's outputs are tensor2"),
        (["--random", "0", "--expect", "tensor2"], "tt-emu: error: --expect 'tensor2': expected NAME=EXPR"),
        (["--save-inputs", "x"], "tt-emu: error: --save-inputs needs --random"),
        (["--random", "0", "--tolerance", "1"], "tt-emu: error: --tolerance needs --expect"),
    ],
)  # fmt: skip
def test_cli_expect_usage_errors(uneven_gemm: Path, args: list[str], message: str) -> None:
    proc = _tt_emu("run", str(uneven_gemm), *args)
    assert proc.returncode == 2 and proc.stderr.strip() == message and proc.stdout == ""


def test_input_validation(uneven_gemm: Path) -> None:
    from tt_dialect.emu import EmuError

    ins = inputs_for(plan_of(uneven_gemm))
    with pytest.raises(EmuError, match="missing input tensor1"):
        run(uneven_gemm, {"tensor0": ins["tensor0"]})
    with pytest.raises(EmuError, match=r"input tensor0 has shape \(2, 2\)"):
        run(uneven_gemm, {"tensor0": np.zeros((2, 2)), "tensor1": ins["tensor1"]})
    with pytest.raises(EmuError, match="tensor2 is an output"):
        run(uneven_gemm, {**ins, "tensor2": np.zeros((96, 160))})


# ------------------------------------------------------------------ the emulator's C++ tests


def test_emulator_unit_tests_with_ctest() -> None:
    """emu/CMakeLists.txt: configure, build and run the C++ unit tests (ring buffer semantics,
    bf16 rounding, face layout, tile matmul, blocking / deadlock / faults / time limit)."""
    for tool in ("cmake", "ctest"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")
    build_dir = cache_dir() / "ctest" / source_hash()
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    steps = [
        ["cmake", "-S", str(emu_root()), "-B", str(build_dir), *generator],
        ["cmake", "--build", str(build_dir)],
        ["ctest", "--test-dir", str(build_dir), "--output-on-failure"],
    ]
    for step in steps:
        proc = subprocess.run(step, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, f"{' '.join(step)}:\n{proc.stdout}\n{proc.stderr}"
    assert "100% tests passed" in proc.stdout
