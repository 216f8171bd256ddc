"""linalg on tensors and after upstream bufferization (issue 18): built as real MLIR
flows write it, through `tt_dialect.api.compile_mlir` (linalg-tensors-to-memrefs,
convert-linalg-to-tt, tt-pipeline), run on the CPU emulator and compared with numpy;
the embedding API's inputs and errors; the embedding example script.

Inputs are bf16-exact and accumulated in fp32 into an f32 result: the error is at most
about K * 2^-24 * max|a| * max|b| (with a margin of 4), as in test_linalg_flow.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tt_dialect.api import Artifacts, CompileError, compile_mlir, mlir_text
from tt_dialect.samples import bf16_values

ROOT = Path(__file__).resolve().parent.parent
emu = pytest.importorskip("tt_dialect.emu")

MATMUL_BODY = """\
  ^bb0(%x: bf16, %y: bf16, %acc: f32):
    %xf = arith.extf %x : bf16 to f32
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
"""
"""The region of a bf16 x bf16 -> f32 `linalg.matmul` in the generic form."""

MATMUL = """\
func.func @matmul(%a: tensor<{m}x{k}xbf16>, %b: tensor<{bk}x{bn}xbf16>) -> tensor<{m}x{n}xf32> {{
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<{m}x{n}xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
  %c = "linalg.matmul"(%a, %b, %f) <{{operandSegmentSizes = array<i32: 2, 1>{maps}}}> ({{
{body}  }}) : (tensor<{m}x{k}xbf16>, tensor<{bk}x{bn}xbf16>, tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
  func.return %c : tensor<{m}x{n}xf32>
}}
""".replace("{body}", MATMUL_BODY)

TRANS_B_MAPS = (
    ", indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, "
    "affine_map<(m, n, k) -> (m, n)>]"
)

BATCH = """\
func.func @bmm(%a: tensor<3x64x96xbf16>, %b: tensor<3x96x128xbf16>) -> tensor<3x64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x64x128xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<3x64x128xf32>) -> tensor<3x64x128xf32>
  %c = linalg.batch_matmul ins(%a, %b : tensor<3x64x96xbf16>, tensor<3x96x128xbf16>) outs(%f : tensor<3x64x128xf32>) -> tensor<3x64x128xf32>
  func.return %c : tensor<3x64x128xf32>
}
"""


def check(result: np.ndarray, reference: np.ndarray, k: int) -> None:
    bound = k * 2.0**-24 * 4 + 1e-6
    error = float(np.abs(result - reference).max())
    assert error <= bound, f"max error {error:.3g} above {bound:.3g}"


def run(artifacts: Artifacts, tmp_path: Path, *inputs: np.ndarray) -> dict[str, np.ndarray]:
    directory = artifacts.write(tmp_path / "artifacts")
    return emu.run(directory, {f"tensor{i}": x for i, x in enumerate(inputs)})


def test_tensor_matmul_matches_numpy(tmp_path: Path) -> None:
    m, n, k = 128, 192, 96
    artifacts = compile_mlir(MATMUL.format(m=m, n=n, k=k, bk=k, bn=n, maps=""), block_n=64, grid="2x2")
    roles = [tensor["role"] for tensor in artifacts.plan["tensors"]]
    assert roles == ["input", "input", "output"]
    rng = np.random.default_rng(1)
    a, b = bf16_values(rng, (m, k)), bf16_values(rng, (k, n))
    check(run(artifacts, tmp_path, a, b)["tensor2"], a.astype(np.float64) @ b, k)


def test_transposed_b_matmul_matches_numpy(tmp_path: Path) -> None:
    m, n, k = 64, 128, 96
    source = MATMUL.format(m=m, n=n, k=k, bk=n, bn=k, maps=TRANS_B_MAPS)
    artifacts = compile_mlir(source, grid="2x2")
    assert "matmul_init" in artifacts["compute.cpp"]
    rng = np.random.default_rng(2)
    a, b_t = bf16_values(rng, (m, k)), bf16_values(rng, (n, k))
    check(run(artifacts, tmp_path, a, b_t)["tensor2"], a.astype(np.float64) @ b_t.T, k)


def test_batch_matmul_matches_numpy(tmp_path: Path) -> None:
    """Batch 3 folded into the grid's y axis (3 x 2 row blocks of 32 with block-m=32) and
    into the tensors' rows: a 3 x 64 x 96 input is handed over as its 192 x 96 bytes."""
    artifacts = compile_mlir(BATCH, block_m=32, grid="2x2")
    shapes = [tensor["shape"] for tensor in artifacts.plan["tensors"]]
    assert shapes == [[192, 96], [288, 128], [192, 128]]
    rng = np.random.default_rng(3)
    a, b = bf16_values(rng, (3, 64, 96)), bf16_values(rng, (3, 96, 128))
    result = run(artifacts, tmp_path, a.reshape(192, 96), b.reshape(288, 128))["tensor2"]
    check(result.reshape(3, 64, 128), a.astype(np.float64) @ b, 96)


def test_bufferized_form_compiles_like_the_tensor_form() -> None:
    """What iree-opt's one-shot bufferization makes of the matmul (dynamic argument
    layouts, a returned alloc, a dead cast) gives the same artifacts as the tensor form."""
    tensor_form = compile_mlir(MATMUL.format(m=64, n=64, k=64, bk=64, bn=64, maps=""))
    t = "memref<64x64xbf16, strided<[?, ?], offset: ?>>"
    bufferized = f"""\
func.func @matmul(%a: {t}, %b: {t}) -> memref<64x64xf32> {{
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() {{alignment = 64 : i64}} : memref<64x64xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<64x64xf32>)
  "linalg.matmul"(%a, %b, %c) <{{operandSegmentSizes = array<i32: 2, 1>}}> ({{
{MATMUL_BODY}  }}) : ({t}, {t}, memref<64x64xf32>) -> ()
  %cast = "memref.cast"(%c) : (memref<64x64xf32>) -> memref<64x64xf32, strided<[?, ?], offset: ?>>
  func.return %c : memref<64x64xf32>
}}
"""
    assert compile_mlir(bufferized).files == tensor_form.files


class GenericAsm:
    """Stands for an upstream MLIR Operation: only `get_asm` (duck typing)."""

    def __init__(self, text: str):
        self.text = text
        self.calls: list[dict[str, object]] = []

    def get_asm(self, **options: object) -> str:
        self.calls.append(options)
        return self.text


class ModuleLike:
    def __init__(self, text: str):
        self.operation = GenericAsm(text)


def test_objects_with_get_asm_are_printed_generic() -> None:
    text = MATMUL.format(m=64, n=64, k=64, bk=64, bn=64, maps="")
    op, module = GenericAsm(text), ModuleLike(text)
    assert mlir_text(op) == text and op.calls == [{"print_generic_op_form": True}]
    assert mlir_text(module) == text and module.operation.calls == [{"print_generic_op_form": True}]
    with pytest.raises(TypeError, match="get_asm"):
        mlir_text(42)


def test_errors_are_one_exception_with_located_diagnostics() -> None:
    bad = MATMUL.format(m=64, n=64, k=48, bk=48, bn=64, maps="")
    with pytest.raises(CompileError) as info:
        compile_mlir(bad, file_name="bad.mlir")
    (diagnostic,) = info.value.diagnostics
    assert str(diagnostic).startswith("bad.mlir:5:3: error: 'linalg.matmul' op dimension K = 48 is not a multiple")
    assert info.value.source == bad
    with pytest.raises(CompileError, match="bad.mlir:1:1: error: unexpected end of input|bad.mlir:1:"):
        compile_mlir("func.func @f(", file_name="bad.mlir")
    with pytest.raises(CompileError, match="block-m must be a positive multiple of 32"):
        compile_mlir(MATMUL.format(m=64, n=64, k=64, bk=64, bn=64, maps=""), block_m=48)


def test_embedding_example_runs(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), str(ROOT / "python"), os.environ.get("PYTHONPATH")]))}
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "embedding" / "embed_linalg.py"), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert run.returncode == 0, run.stderr
    [line] = [line for line in run.stdout.splitlines() if line.startswith("RESULT ")]
    assert line.startswith("RESULT linalg 256x256x128 C = relu(A @ B): max |error| ")
    assert " PASS; modeled " in line
    assert "plan: n150 (wormhole_b0), grid [" in run.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "CMakeLists.txt", "compute.cpp", "main.cpp", "reader.cpp", "tt.plan.json", "writer.cpp"
    ]
