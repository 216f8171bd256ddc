"""Emitted kernels compile against the real tt-metal v0.74.0 kernel headers.

Each case compiles a program to an artifact directory with
`tt-opt -p tt-pipeline -t tt-cpp{output-dir=...}` and runs `tt-check-kernels`
on it: dataflow kernels in the NCRISC/BRISC firmware wrappers, compute kernels
in the compute-API and pack-thread modes, with the plan's compile-time args,
deprecated calls as errors, with host g++ and a riscv32 clang.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from artifacts import compile_artifacts
from tt_dialect.tools.environment import find_tool

ROOT = Path(__file__).resolve().parent.parent
PIPELINE_TESTS = ROOT / "lit_tests" / "pipelines"


def split_case(path: Path, function: str) -> str:
    """The `--split-input-file` chunk of `path` that defines `@function`."""
    for chunk in path.read_text().split("\n// -----\n"):
        if f"func.func @{function}(" in chunk:
            return chunk
    raise AssertionError(f"no @{function} in {path}")


def elementwise_chain(ops: list[str]) -> str:
    """z = ops[-1](...ops[0](x)) on one tile, each op into its own buffer."""
    t = "memref<32x32xbf16>"
    names = ["x", *(f"v{i}" for i in range(len(ops)))]
    allocs = "".join(f"    %{n} = tt.alloc_shared : {t}\n" for n in names)
    steps = "".join(f"    tt.{op} %{a} to %{b} : {t}\n" for op, a, b in zip(ops, names, names[1:]))
    return (
        f"func.func @chain(%X: {t}, %Z: {t}) {{\n  tt.launch_grid (%bx, %by) in (1, 1) {{\n"
        f"    %c0 = arith.constant 0 : index\n{allocs}"
        f"    tt.copy %X[%c0, %c0] to %x : {t} to {t}\n{steps}"
        f"    tt.copy %{names[-1]} to %Z[%c0, %c0] : {t} to {t}\n  }}\n  func.return\n}}\n"
    )


MIXED_FORMATS_FILL_COPY = """\
func.func @mixed(%X: memref<32x64xbf16>, %Z: memref<32x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %x = tt.alloc_shared : memref<32x64xbf16>
    %bias = tt.alloc_shared : memref<32x64xf32>
    %sum = tt.alloc_fragment : memref<32x64xf32>
    %scaled = tt.alloc_fragment : memref<32x64xf32>
    %z = tt.alloc_shared : memref<32x64xbf16>
    tt.copy %X[%c0, %c0] to %x : memref<32x64xbf16> to memref<32x64xbf16>
    tt.fill %bias, -0.75 : memref<32x64xf32>
    tt.add %x, %bias to %sum : memref<32x64xbf16>, memref<32x64xf32> to memref<32x64xf32>
    tt.mul_scalar %sum, 0.5 to %scaled : memref<32x64xf32>
    tt.copy %scaled to %z : memref<32x64xf32> to memref<32x64xbf16>
    tt.copy %z to %Z[%c0, %c0] : memref<32x64xbf16> to memref<32x64xbf16>
  }
  func.return
}
"""
"""A fill, an add of a bf16 and an f32 CB, a product with a scalar and a copy between buffers:
the compute kernel reconfigures unpacker and packer formats between them."""

VECTOR_OPS = """\
func.func @vectors(%X: memref<64x64xbf16>, %Z: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %x = tt.alloc_shared : memref<64x64xbf16>
    %ones = tt.alloc_shared : memref<32x32xbf16>
    %rows = tt.alloc_fragment : memref<64xbf16>
    %cols = tt.alloc_fragment : memref<64xbf16>
    %both = tt.alloc_fragment : memref<64xbf16>
    %y = tt.alloc_fragment : memref<64x64xbf16>
    %z = tt.alloc_shared : memref<64x64xbf16>
    tt.copy %X[%c0, %c0] to %x : memref<64x64xbf16> to memref<64x64xbf16>
    tt.fill %ones, 1.0 : memref<32x32xbf16>
    tt.reduce_sum %x, %ones to %rows dim = 1 : memref<64x64xbf16>, memref<32x32xbf16> to memref<64xbf16>
    tt.reduce_max %x, %ones to %cols dim = 0 : memref<64x64xbf16>, memref<32x32xbf16> to memref<64xbf16>
    tt.min %rows, %rows to %both : memref<64xbf16>
    tt.sub %x, %both to %y {broadcast = #tt.broadcast<col>} : memref<64x64xbf16>, memref<64xbf16> to memref<64x64xbf16>
    tt.mul %y, %cols to %z {broadcast = #tt.broadcast<row>} : memref<64x64xbf16>, memref<64xbf16> to memref<64x64xbf16>
    tt.copy %z to %Z[%c0, %c0] : memref<64x64xbf16> to memref<64x64xbf16>
  }
  func.return
}
"""
"""Row sums and column maxima into vectors (reduce.h with its scaler CB), a min of two
vectors (binary_max_min.h) and row and column broadcasts (bcast.h)."""

MASKS = """\
func.func @mask(%X: memref<64x128xbf16>, %Z: memref<64x128xbf16>) {
  tt.launch_grid (%bx, %by) in (2, 1) {
    %c0 = arith.constant 0 : index
    %c5 = arith.constant 5 : index
    %c64 = arith.constant 64 : index
    %x = tt.alloc_shared : memref<64x64xbf16>
    %m = tt.alloc_shared : memref<64x64xf32>
    %n = tt.alloc_shared : memref<64x64xbf16>
    %s = tt.alloc_fragment : memref<64x64xf32>
    %t = tt.alloc_fragment : memref<64x64xf32>
    %z = tt.alloc_shared : memref<64x64xbf16>
    %col = arith.muli %bx, %c64 : index
    tt.copy %X[%c0, %col] to %x : memref<64x128xbf16> to memref<64x64xbf16>
    tt.mask %m, %c5, %col if ge then 0.0 else 0xFFF0000000000000 : memref<64x64xf32>
    tt.mask %n, %col, %c0 if lt then 1.0 else -2.5 : memref<64x64xbf16>
    tt.add %x, %m to %s : memref<64x64xbf16>, memref<64x64xf32> to memref<64x64xf32>
    tt.mul %s, %n to %t : memref<64x64xf32>, memref<64x64xbf16> to memref<64x64xf32>
    tt.exp %t to %z : memref<64x64xf32> to memref<64x64xbf16>
    tt.copy %z to %Z[%c0, %col] : memref<64x64xbf16> to memref<64x128xbf16>
  }
  func.return
}
"""
"""Two masks (`tt.mask`), one of an f32 block with -inf and one of a bf16 block: the reader
calls `tt_dialect::write_mask_tile` of the artifacts' `tt_mask_tile.h` in both formats."""

CASES = {
    "gemm-1024-8x8": ((ROOT / "examples" / "gemm" / "gemm.mlir").read_text(), "tt-pipeline{grid=8x8}"),
    "gemm-1024-blackhole": (
        (ROOT / "examples" / "gemm" / "gemm.mlir").read_text(),
        "tt-pipeline{arch=blackhole grid=10x13}",
    ),
    "gemm-rectangular-1x1": (split_case(PIPELINE_TESTS / "gemm.mlir", "rectangular"), "tt-pipeline{grid=1x1}"),
    "gemm-deep-k": (split_case(PIPELINE_TESTS / "gemm.mlir", "deep"), "tt-pipeline{grid=1x1}"),
    "gemm-relu": (split_case(PIPELINE_TESTS / "gemm_variants.mlir", "relu_subblocks"), "tt-pipeline{grid=1x1}"),
    "add": ((ROOT / "examples" / "elementwise" / "add.mlir").read_text(), "tt-pipeline{grid=3x3}"),
    "exp": (split_case(PIPELINE_TESTS / "elementwise.mlir", "exp"), "tt-pipeline{grid=1x2}"),
    "fill-mixed-formats-copy": (MIXED_FORMATS_FILL_COPY, "tt-pipeline{grid=1x1}"),
    "reduce-broadcast-min": (VECTOR_OPS, "tt-pipeline{grid=1x1}"),
    "mask": (MASKS, "tt-pipeline{grid=1x2}"),
    "sigmoid-tanh-log": (
        elementwise_chain(["sigmoid", "tanh", "log", "sqrt", "recip", "gelu", "rsqrt", "exp2"]),
        "tt-pipeline{grid=1x1}",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_emitted_kernels_compile_against_the_real_headers(case: str, tmp_path: Path) -> None:
    source, pipeline = CASES[case]
    artifacts = compile_artifacts(source, pipeline, tmp_path / "artifacts")
    check = find_tool("tt-check-kernels")
    assert check
    checked = subprocess.run([check, str(artifacts)], capture_output=True, text=True, timeout=600)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    lines = checked.stdout.splitlines()
    passes = [line for line in lines if line.startswith("PASS")]
    skips = [line for line in lines if line.startswith("SKIP")]
    # Reader and writer with both compilers, compute's API with both, and its
    # pack thread, unless SFPU code needs the sfpi toolchain (not on PyPI).
    assert len(passes) + len(skips) == 7, checked.stdout
    assert all("needs sfpi.h" in line and "trisc-pack" in line for line in skips), checked.stdout


def matmul_block_gemm() -> str:
    """The 1024^3 gemm after `tt-pipeline{grid=8x8}`: tt-schedule-compute gives its
    128x128 output block (16 tiles, more than DST's 4 with fp32 accumulation) partial
    sums in L1, so the compute kernel is `matmul_block ct = 2, rt = 2, kt = 4` per
    2x2 subblock and K block, after one `matmul_block_init`, packing into the f32 CB
    24 with the packer's L1 accumulation set from a comparison (`k != 0`) and
    switched off after the K loop."""
    from tt_dialect.api import run_pipeline

    gemm = (ROOT / "examples" / "gemm" / "gemm.mlir").read_text()
    return run_pipeline(gemm, "tt-pipeline{grid=8x8}")


def test_matmul_block_kernel_compiles_against_the_real_headers(tmp_path: Path) -> None:
    """matmul_block_init, matmul_block and pack_reconfig_l1_acc as the emitter prints
    them (with a bool from a comparison, and a literal), and the reload of the partial
    sums in the peeled last K step, pass the real-header check, pack thread included;
    tt-verify accepts the kernel first."""
    artifacts = compile_artifacts(matmul_block_gemm(), "tt-verify", tmp_path / "artifacts")
    compute = (artifacts / "compute.cpp").read_text()
    for call in (
        "compute_kernel_hw_startup<SrcOrder::Reverse>(cb0, cb1, cb24);",
        "matmul_block_init(cb0, cb1, 0, 4, 1, 4);",
        "matmul_block(cb0, cb1, 0, 0, 0, 0, 4, 1, 4);",
        "const bool accumulate = k != 0;",
        "pack_reconfig_l1_acc(accumulate);",
        "pack_reconfig_l1_acc(false);",
        "pack_reconfig_data_format(cb24);",
        # the peeled last K step: partial sums reloaded, the output pushed band by band
        "copy_tile(cb24, 0, 0);",
        "cb_reserve_back(cb16, 4);",
        "cb_push_back(cb16, 4);",
    ):
        assert call in compute, compute
    assert "matmul_tiles" not in compute and "matmul_init" not in compute
    check = find_tool("tt-check-kernels")
    assert check
    checked = subprocess.run([check, str(artifacts)], capture_output=True, text=True, timeout=600)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    passes = [line for line in checked.stdout.splitlines() if line.startswith("PASS")]
    assert len(passes) == 7, checked.stdout
