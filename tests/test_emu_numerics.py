"""Numerics through the whole compiler: tile program -> tt-pipeline -> C++
artifacts -> CPU emulator, compared with numpy.

Tolerances. Inputs are drawn as bf16-representable values (or f32 for the f32
cases), so products are exact in fp32 and the reference is numpy's fp32
result on the same values. The device accumulates in fp32 (the f32 fragments
ask for fp32 DST accumulation), in another order than numpy: that error is at
most about K * 2^-24 * max|a| * max|b|, far below bf16's. A bf16 output is then
rounded to nearest even: at most half an ulp, 2^-9 relative. So bf16 results
must agree within 2^-8 of |reference| (twice the rounding bound) plus the
accumulation term; f32 results within the accumulation term alone. Unary
results (exp) are rounded once to bf16: 2^-8 relative; relu is exact.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from artifacts import compile_artifacts
from tt_dialect.samples import bf16_values, elementwise_program, gemm_program

emu = pytest.importorskip("tt_dialect.emu")

GEMMS = {
    # name: (M, N, K, block M, block N, block K, dtype, grid)
    "one-tile-kt1-1x1": (32, 32, 32, 32, 32, 32, "bf16", "1x1"),
    "nonsquare-kt1-fewer-blocks-than-cores-2x3": (64, 128, 32, 32, 64, 32, "bf16", "2x3"),
    "kt3-f32-1x1": (128, 64, 96, 64, 32, 32, "f32", "1x1"),
    "more-blocks-than-cores-2x3": (256, 256, 64, 64, 64, 32, "bf16", "2x3"),
    "k-block-2-tiles-8x8": (256, 256, 128, 32, 32, 64, "bf16", "8x8"),
    "f32-fewer-blocks-than-cores-8x8": (96, 160, 64, 32, 32, 32, "f32", "8x8"),
    "subblocks-128-2x3": (256, 128, 64, 128, 128, 32, "bf16", "2x3"),
}


def check(result: np.ndarray, reference: np.ndarray, dtype: str, k: int, scale: float) -> None:
    accumulation = k * 2.0**-24 * scale * 4
    rounding = 2.0**-8 if dtype == "bf16" else 0.0
    error = np.abs(result - reference)
    bound = rounding * np.abs(reference) + accumulation
    worst = np.unravel_index(np.argmax(error - bound), error.shape)
    assert np.all(error <= bound), (
        f"max error {error.max():.3g} at {worst}: got {result[worst]}, expected {reference[worst]}"
    )


@pytest.mark.parametrize("case", sorted(GEMMS))
def test_gemm_matches_numpy(case: str, tmp_path: Path) -> None:
    m, n, k, bm, bn, bk, dtype, grid = GEMMS[case]
    artifacts = compile_artifacts(gemm_program(m, n, k, bm, bn, bk, dtype), f"tt-pipeline{{grid={grid}}}", tmp_path / "artifacts")
    rng = np.random.default_rng(sum(map(ord, case)))
    a = bf16_values(rng, (m, k)) if dtype == "bf16" else rng.uniform(-1, 1, (m, k)).astype(np.float32)
    b = bf16_values(rng, (k, n)) if dtype == "bf16" else rng.uniform(-1, 1, (k, n)).astype(np.float32)
    outputs = emu.run(artifacts, {"tensor0": a, "tensor1": b})
    check(outputs["tensor2"], a @ b, dtype, k, 1.0)


def test_gemm_relu_epilogue_matches_numpy(tmp_path: Path) -> None:
    artifacts = compile_artifacts(gemm_program(128, 128, 64, 64, 64, 32, "bf16", relu=True), "tt-pipeline{grid=2x3}", tmp_path / "artifacts")
    rng = np.random.default_rng(7)
    a, b = bf16_values(rng, (128, 64)), bf16_values(rng, (64, 128))
    outputs = emu.run(artifacts, {"tensor0": a, "tensor1": b})
    check(outputs["tensor2"], np.maximum(a @ b, 0), "bf16", 64, 1.0)


@pytest.mark.parametrize("op", ["add", "sub", "mul"])
def test_elementwise_binary_matches_numpy(op: str, tmp_path: Path) -> None:
    artifacts = compile_artifacts(elementwise_program(op, 64, 128, 32, 64, unary=False), "tt-pipeline{grid=2x3}", tmp_path / "artifacts")
    rng = np.random.default_rng(len(op))
    x, y = bf16_values(rng, (64, 128), -4, 4), bf16_values(rng, (64, 128), -4, 4)
    reference = {"add": x + y, "sub": x - y, "mul": x * y}[op]
    outputs = emu.run(artifacts, {"tensor0": x, "tensor1": y})
    check(outputs["tensor2"], reference, "bf16", 1, 16.0)


@pytest.mark.parametrize("op", ["exp", "relu"])
def test_unary_matches_numpy(op: str, tmp_path: Path) -> None:
    artifacts = compile_artifacts(elementwise_program(op, 64, 64, 32, 64, unary=True), "tt-pipeline{grid=1x2}", tmp_path / "artifacts")
    rng = np.random.default_rng(3)
    x = bf16_values(rng, (64, 64), -2, 2)
    reference = np.exp(x) if op == "exp" else np.maximum(x, 0)
    outputs = emu.run(artifacts, {"tensor0": x})
    check(outputs["tensor1"], reference.astype(np.float32), "bf16", 1, 8.0)


IN_PLACE = """\
func.func @in_place(%X: memref<256x128xbf16>, %Y: memref<256x128xbf16>, %W: memref<256x128xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 2) {
    %c0 = arith.constant 0 : index
    %c128 = arith.constant 128 : index
    %row = arith.muli %by, %c128 : index
    %x = tt.alloc_shared : memref<128x128xbf16>
    %y = tt.alloc_shared : memref<128x128xbf16>
    %z = tt.alloc_shared : memref<128x128xbf16>
    %w = tt.alloc_shared : memref<128x128xbf16>
    tt.copy %X[%row, %c0] to %x : memref<256x128xbf16> to memref<128x128xbf16>
    tt.copy %Y[%row, %c0] to %y : memref<256x128xbf16> to memref<128x128xbf16>
    tt.add %x, %y to %z : memref<128x128xbf16>
    tt.exp %z to %z : memref<128x128xbf16>
    tt.mul %z, %y to %z : memref<128x128xbf16>
    tt.sub %z, %x to %w : memref<128x128xbf16>
    tt.copy %w to %W[%row, %c0] : memref<128x128xbf16> to memref<256x128xbf16>
  }
  func.return
}
"""


def test_in_place_updates_match_numpy(tmp_path: Path) -> None:
    """A buffer updated in place twice (three generations of one CB per block, each of 16
    tiles, updated in two DST chunks while the previous generation is still read): each
    step rounds to bf16, as the reference does; exp is within one bf16 ulp."""
    artifacts = compile_artifacts(IN_PLACE, "tt-pipeline{grid=1x2}", tmp_path / "artifacts")
    rng = np.random.default_rng(5)
    x, y = bf16_values(rng, (256, 128)), bf16_values(rng, (256, 128))
    z = emu.round_bf16(np.exp(emu.round_bf16(x + y)))
    z = emu.round_bf16(z * y)
    reference = z - x
    result = emu.run(artifacts, {"tensor0": x, "tensor1": y})["tensor2"]
    bound = 2.0**-7 * (np.abs(z) + np.abs(x)) * 2
    assert np.all(np.abs(result - reference) <= bound), np.abs(result - reference).max()
