"""linalg input from other MLIR flows: `convert-linalg-to-tt` then the whole
pipeline to artifacts, run on the CPU emulator and compared with numpy.

Tolerances as in test_emu_numerics.py: inputs are bf16-exact, the device
accumulates in fp32 (error at most about K * 2^-24 * max|a| * max|b|, with a
margin of 4), and a bf16 result is rounded once (2^-8 of |reference|, twice the
rounding bound). Elementwise add/sub of bf16 values round once the same way.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from artifacts import compile_artifacts
from tt_dialect.samples import bf16_values

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "linalg" / "matmul_relu.mlir"

emu = pytest.importorskip("tt_dialect.emu")


def check(result: np.ndarray, reference: np.ndarray, k: int) -> None:
    bound = 2.0**-8 * np.abs(reference) + k * 2.0**-24 * 4
    error = np.abs(result - reference)
    worst = np.unravel_index(np.argmax(error - bound), error.shape)
    assert np.all(error <= bound), (
        f"max error {error.max():.3g} at {worst}: got {result[worst]}, expected {reference[worst]}"
    )


def test_matmul_relu_example_matches_numpy(tmp_path: Path) -> None:
    artifacts = compile_artifacts(EXAMPLE, "convert-linalg-to-tt,tt-pipeline", tmp_path / "artifacts")
    rng = np.random.default_rng(11)
    a, b = bf16_values(rng, (256, 128)), bf16_values(rng, (128, 256))
    outputs = emu.run(artifacts, {"tensor0": a, "tensor1": b})
    result = outputs["tensor2"]
    assert result.shape == (256, 256)
    assert np.all(result >= 0)
    check(result, np.maximum(a @ b, 0), 128)


def test_matmul_relu_example_is_the_gemm_tile_program(tt_opt) -> None:
    run = tt_opt(str(EXAMPLE), "-p", "convert-linalg-to-tt")
    assert run.returncode == 0, run.stderr
    assert "linalg." not in run.stdout
    assert "tt.launch_grid (%bx, %by) in (2, 2)" in run.stdout
    gemm = "tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>"
    assert gemm in run.stdout
    assert "tt.relu %c to %c : memref<128x128xf32>" in run.stdout


ELEMENTWISE = {
    # name: (linalg op text, reference)
    "named-add": (
        "linalg.add ins(%X, %Y : {t}, {t}) outs(%Z : {t})",
        lambda x, y: x + y,
    ),
    "generic-sub-swapped": (
        "linalg.generic {{indexing_maps = [#id, #id, #id], "
        "iterator_types = [\"parallel\", \"parallel\"]}} ins(%X, %Y : {t}, {t}) outs(%Z : {t}) {{\n"
        "  ^bb0(%x: bf16, %y: bf16, %z: bf16):\n"
        "    %d = arith.subf %y, %x : bf16\n"
        "    linalg.yield %d : bf16\n"
        "  }}",
        lambda x, y: y - x,
    ),
}


@pytest.mark.parametrize("case", sorted(ELEMENTWISE))
def test_elementwise_module_matches_numpy(case: str, tmp_path: Path) -> None:
    body, reference = ELEMENTWISE[case]
    t = "memref<128x256xbf16>"
    source = tmp_path / "ew.mlir"
    source.write_text(
        "#id = affine_map<(d0, d1) -> (d0, d1)>\n"
        f"func.func @ew(%X: {t}, %Y: {t}, %Z: {t}) {{\n"
        f"  {body.format(t=t)}\n"
        "  func.return\n"
        "}\n"
    )
    pipeline = "convert-linalg-to-tt{block-m=64 block-n=128},tt-pipeline"
    artifacts = compile_artifacts(source, pipeline, tmp_path / "artifacts")
    rng = np.random.default_rng(sum(map(ord, case)))
    x, y = bf16_values(rng, (128, 256)), bf16_values(rng, (128, 256))
    outputs = emu.run(artifacts, {"tensor0": x, "tensor1": y})
    check(outputs["tensor2"], reference(x, y), 0)


@pytest.mark.parametrize("option", ["block-m=48", "block-n=0", "block-k=16"])
def test_block_options_must_be_tile_multiples(option: str, tt_opt) -> None:
    run = tt_opt(str(EXAMPLE), "-p", f"convert-linalg-to-tt{{{option}}}")
    name, value = option.split("=")
    assert run.returncode != 0
    message = f"convert-linalg-to-tt: {name} must be a positive multiple of 32, got {value}"
    assert message in run.stderr


SCALED = """\
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @scaled(%X: memref<64x128xf32>, %Z: memref<64x128xf32>) {
  %half = arith.constant 5.000000e-01 : f32
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : memref<64x128xf32>) outs(%Z : memref<64x128xf32>) {
  ^bb0(%x: f32, %z: f32):
    %d = arith.subf %half, %x : f32
    linalg.yield %d : f32
  }
  func.return
}
"""

SCALED_MATMUL = """\
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @alpha_matmul(%A: memref<64x64xbf16>, %B: memref<64x64xbf16>, %C: memref<64x64xbf16>) {
  %zero = arith.constant 0.000000e+00 : bf16
  %alpha = arith.constant 2.500000e-01 : bf16
  linalg.fill ins(%zero : bf16) outs(%C : memref<64x64xbf16>)
  linalg.matmul ins(%A, %B : memref<64x64xbf16>, memref<64x64xbf16>) outs(%C : memref<64x64xbf16>)
  linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]}
      outs(%C : memref<64x64xbf16>) {
  ^bb0(%c: bf16):
    %s = arith.mulf %c, %alpha : bf16
    linalg.yield %s : bf16
  }
  func.return
}
"""


def test_generic_with_a_constant_matches_numpy(tmp_path: Path) -> None:
    """`0.5 - x` (a constant first) is tt.rsub_scalar; f32 throughout, exact."""
    source = tmp_path / "scaled.mlir"
    source.write_text(SCALED)
    artifacts = compile_artifacts(source, "convert-linalg-to-tt,tt-pipeline{grid=1x2}", tmp_path / "out")
    x = np.random.default_rng(21).uniform(-1, 1, (64, 128)).astype(np.float32)
    np.testing.assert_array_equal(emu.run(artifacts, {"tensor0": x})["tensor1"], np.float32(0.5) - x)


def test_matmul_with_a_scaling_epilogue_matches_numpy(tmp_path: Path) -> None:
    """`C = 0.25 * (A @ B)`: the in-place mulf by a constant fuses into the gemm epilogue
    (tt.mul_scalar on the f32 accumulator in DST); scaling by a power of two is exact."""
    source = tmp_path / "alpha.mlir"
    source.write_text(SCALED_MATMUL)
    artifacts = compile_artifacts(source, "convert-linalg-to-tt,tt-pipeline{grid=2x2}", tmp_path / "out")
    rng = np.random.default_rng(22)
    a, b = bf16_values(rng, (64, 64)), bf16_values(rng, (64, 64))
    check(emu.run(artifacts, {"tensor0": a, "tensor1": b})["tensor2"], 0.25 * (a @ b), 64)
