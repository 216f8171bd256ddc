"""Row softmax written as TileLang programs write it, compiled for Tenstorrent.

Each block reads its rows whole and computes, as TileLang's softmax and attention kernels
do: the row maxima (`T.reduce_max(..., dim=1)` into a vector of one value per row), the
exponentials of the differences in base 2 (`T.exp2((x[i, j] - max[i]) * log2(e))`,
a row broadcast then a scale), the row sums (`T.reduce_sum`), and the division of every
element by its row's sum (`x[i, j] / sum[i]`, a reciprocal and a row broadcast). Run it with

    python examples/softmax/example_softmax.py [--out DIR] [--shape M N]

It compiles the kernel, runs it on the CPU emulator and checks it against numpy.
"""

import argparse
import math
import sys

import numpy as np

import tilelang_tt as tilelang
import tilelang_tt.language as T
from tt_dialect.emu.report import check


@tilelang.jit(target="tenstorrent", out_idx=[-1])
def softmax(M, N, block_M, dtype="float"):
    scale = 1.44269504  # log2(e)

    @T.prim_func
    def main(X: T.Tensor((M, N), dtype), Y: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
            x_shared = T.alloc_shared((block_M, N), dtype)
            x = T.alloc_fragment((block_M, N), dtype)
            row_max = T.alloc_fragment((block_M,), dtype)
            row_sum = T.alloc_fragment((block_M,), dtype)

            T.copy(X[bx * block_M, 0], x_shared)
            T.copy(x_shared, x)
            T.reduce_max(x, row_max, dim=1)
            for i, j in T.Parallel(block_M, N):
                x[i, j] = T.exp2((x[i, j] - row_max[i]) * scale)
            T.reduce_sum(x, row_sum, dim=1)
            for i, j in T.Parallel(block_M, N):
                x[i, j] = x[i, j] / row_sum[i]
            T.copy(x, Y[bx * block_M, 0])

    return main


def ref_program(x):
    e = np.exp(x.astype(np.float64) - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


TOLERANCE = 1e-6
"""Absolute, on values in [0, 1]: exp2 and the reciprocal are correct to a few fp32 ulps,
log2(e) is rounded to 9 digits (relative 3e-9 of exponents up to ~10), the row sums are
fp32 sums of N terms of at most 1 (relative error below N * 2^-24 = 3e-5 in the worst
case, ~1e-7 typically, on a sum of at least 1 dividing values of at most 1)."""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="build/artifacts/example_softmax")
    parser.add_argument("--shape", type=int, nargs=2, default=(256, 512), metavar=("M", "N"))
    args = parser.parse_args()
    M, N = args.shape

    kernel = softmax(M, N, 32)
    directory = kernel.write_artifacts(args.out)
    print(f"artifacts: {', '.join(sorted(kernel.artifacts))} in {directory}")
    rng = np.random.default_rng(0)
    x = (rng.standard_normal((M, N), dtype=np.float32) * 3).astype(np.float32)
    y = kernel(x)
    if not check(f"softmax {M}x{N} Y = softmax(X)", y, ref_program(x), TOLERANCE, kernel.last_stats):
        sys.exit(1)
    assert math.isclose(float(y.sum()), M, rel_tol=1e-4)


if __name__ == "__main__":
    main()
