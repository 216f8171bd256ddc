"""Embedding tt-dialect in a Python MLIR flow: linalg on tensors built with the upstream
MLIR Python bindings, compiled by `tt_dialect.api.compile_mlir`, run on the emulator.

    python examples/embedding/embed_linalg.py [--out DIR] [--shape M N K] [--grid RxC]

It builds `relu(A @ B)` as torch-mlir or StableHLO-to-linalg would hand it over: a
`func.func` on tensors (`A` M x K and `B` K x N in bf16, the result M x N in f32) with
a `tensor.empty`, a zero `linalg.fill`, a `linalg.matmul` and an elementwise
`linalg.generic` (relu) into a second `tensor.empty`, returning the result. The module
object goes to `compile_mlir` as it is (it prints it in the generic form); the result
becomes the third tensor of the artifacts (`tensor2`, after the two inputs). The
artifacts are written to DIR (default `build/artifacts/example_embed_linalg`), run on
the CPU emulator and compared with numpy.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from iree.compiler import ir
from iree.compiler.dialects import arith, func, linalg, tensor

from tt_dialect import emu
from tt_dialect.api import CompileError, compile_mlir
from tt_dialect.emu.report import check


def matmul_relu_module(m: int, n: int, k: int) -> ir.Module:
    """relu(A @ B) on tensors, built with the upstream bindings (needs an active Context)."""
    bf16, f32 = ir.BF16Type.get(), ir.F32Type.get()
    module = ir.Module.create()
    with ir.InsertionPoint(module.body):

        @func.FuncOp.from_py_func(
            ir.RankedTensorType.get((m, k), bf16), ir.RankedTensorType.get((k, n), bf16)
        )
        def matmul_relu(a, b):
            zero = arith.constant(f32, 0.0)
            acc = linalg.fill(zero, outs=[tensor.empty((m, n), f32)])
            c = linalg.matmul(a, b, outs=[acc])
            identity = ir.AffineMap.get_identity(2)

            @linalg.generic(
                [c], [tensor.empty((m, n), f32)], [identity, identity], [linalg.IteratorType.parallel] * 2
            )
            def relu(x, _):
                return arith.maximumf(x, zero)

            return relu

    return module


def bf16_exact(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Values in [-1, 1) that bfloat16 represents exactly, so numpy sees the device's inputs."""
    x = rng.uniform(-1, 1, shape).astype(np.float32)
    return (x.view(np.uint32) & np.uint32(0xFFFF0000)).view(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="build/artifacts/example_embed_linalg")
    parser.add_argument("--shape", type=int, nargs=3, default=(256, 256, 128), metavar=("M", "N", "K"))
    parser.add_argument("--grid", default=None, help="tt-pipeline's grid, RxC (default: the card's whole grid)")
    parser.add_argument("--device", default=None, help="the card: n150 (default), n300, p100 or p150")
    args = parser.parse_args()
    m, n, k = args.shape

    with ir.Context(), ir.Location.unknown():
        module = matmul_relu_module(m, n, k)
        try:
            artifacts = compile_mlir(module, device=args.device, grid=args.grid)
        except CompileError as err:
            raise SystemExit(str(err)) from None
    directory = artifacts.write(args.out)
    print(f"artifacts: {', '.join(sorted(artifacts.files))} in {directory}")
    plan = artifacts.plan
    print(f"plan: {plan['device']} ({plan['arch']}), grid {plan['grid']}, {len(plan['kernels'])} kernels")

    rng = np.random.default_rng(0)
    a, b = bf16_exact(rng, (m, k)), bf16_exact(rng, (k, n))
    result = emu.run(directory, {"tensor0": a, "tensor1": b}, stats=True)
    reference = np.maximum(a.astype(np.float64) @ b.astype(np.float64), 0)
    # f32 output of an fp32 accumulation over K products of bf16-exact values.
    tolerance = k * 2.0**-24 * 4 + 1e-6
    if not check(f"linalg {m}x{n}x{k} C = relu(A @ B)", result["tensor2"], reference, tolerance, result.stats):
        sys.exit(1)


if __name__ == "__main__":
    main()
