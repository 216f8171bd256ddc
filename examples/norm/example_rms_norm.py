"""TileLang's RMSNorm examples, compiled for Tenstorrent.

The two programs of TileLang's `examples/norm/rms_norm.py`, with the imports changed to
`tilelang_tt` and 32-row blocks (a Tensix tile is 32x32; upstream's GPU blocks are 1 row):

- `rms_norm`: each block reads its rows whole, squares them, reduces each row
  (`T.reduce_sum(..., dim=1)` into a vector of one value per row), turns the sums into
  `rsqrt(mean + eps)` in a `T.Parallel` over the vector, and multiplies every element
  by its row's value (`A_local[i, j] *= A_powsum[i]`, a row broadcast);
- `rms_norm_splitk`: the same with the row read in `blk_k`-wide pieces, twice: a first
  loop accumulates the squares, a second scales each piece and writes it out.

Run it with

    python examples/norm/example_rms_norm.py [--out DIR] [--shape M N]

It compiles both (the split-K one's artifacts go to DIR_splitk), runs them on the CPU
emulator and checks them against numpy.
"""

import argparse
import sys

import numpy as np

import tilelang_tt as tilelang
import tilelang_tt.language as T
from tt_dialect.emu.report import check as check_result


@tilelang.jit(target="tenstorrent", out_idx=[-1])
def rms_norm(M, N, blk_m):
    dtype = "float"

    @T.prim_func
    def main(A: T.Tensor((M, N), dtype), B: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(M, blk_m), threads=128) as bx:
            A_shared = T.alloc_shared((blk_m, N), dtype)
            A_pow_local = T.alloc_fragment((blk_m, N), dtype)
            A_local = T.alloc_fragment((blk_m, N), dtype)
            A_powsum = T.alloc_fragment((blk_m,), dtype)

            T.copy(A[bx * blk_m:(bx + 1) * blk_m, :], A_shared)
            T.copy(A_shared, A_local)
            for i, j in T.Parallel(blk_m, N):
                A_pow_local[i, j] = A_local[i, j] * A_local[i, j]
            T.reduce_sum(A_pow_local, A_powsum, dim=1)
            for i in T.Parallel(blk_m):
                A_powsum[i] = T.rsqrt(A_powsum[i] / N) + 1e-12
            for i, j in T.Parallel(blk_m, N):
                A_local[i, j] *= A_powsum[i]
            T.copy(A_local, B[bx * blk_m:(bx + 1) * blk_m, :])

    return main


@tilelang.jit(target="tenstorrent", out_idx=[-1])
def rms_norm_splitk(M, N, blk_m, blk_k):
    dtype = "float"

    @T.prim_func
    def main(A: T.Tensor((M, N), dtype), B: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(M, blk_m), threads=128) as bx:
            A_shared = T.alloc_shared((blk_m, blk_k), dtype)
            A_local = T.alloc_fragment((blk_m, blk_k), dtype)
            A_powsum = T.alloc_fragment((blk_m,), dtype)

            num_k_step = T.ceildiv(N, blk_k)
            T.clear(A_local)
            for k in range(num_k_step):
                T.copy(A[bx * blk_m, k * blk_k], A_shared)
                for i, j in T.Parallel(blk_m, blk_k):
                    A_local[i, j] += A_shared[i, j] * A_shared[i, j]
            T.reduce_sum(A_local, A_powsum, dim=1)
            for i in T.Parallel(blk_m):
                A_powsum[i] = T.rsqrt(A_powsum[i] / N) + 1e-12
            for k in range(num_k_step):
                # reverse, better cache hit rate
                T.copy(A[bx * blk_m, (num_k_step - 1 - k) * blk_k], A_shared)
                for i, j in T.Parallel(blk_m, blk_k):
                    A_shared[i, j] *= A_powsum[i]
                T.copy(A_shared, B[bx * blk_m, (num_k_step - 1 - k) * blk_k])

    return main


def ref_program(x):
    return x / np.sqrt(np.mean(x.astype(np.float64) ** 2, axis=-1, keepdims=True) + 1e-12)


TOLERANCE = 1e-5
"""Relative to the row's scale (|B| <= about 4): the sums of squares are fp32 sums of N
terms (relative error about N * 2^-24 = 3e-5 at N = 512 in the worst case, ~1e-6
typically), rsqrt and the products add a few fp32 ulps."""


def check(name, kernel, a):
    b = kernel(a)
    m, n = a.shape
    if not check_result(f"{name} {m}x{n} B = rms_norm(A)", b, ref_program(a), TOLERANCE, kernel.last_stats):
        sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="build/artifacts/example_rms_norm")
    parser.add_argument("--shape", type=int, nargs=2, default=(256, 512), metavar=("M", "N"))
    args = parser.parse_args()
    M, N = args.shape

    rng = np.random.default_rng(0)
    a = rng.standard_normal((M, N), dtype=np.float32)
    for name, kernel, out in (
        ("rms_norm", rms_norm(M, N, 32), args.out),
        ("rms_norm_splitk", rms_norm_splitk(M, N, 32, 128), f"{args.out}_splitk"),
    ):
        directory = kernel.write_artifacts(out)
        print(f"{name} artifacts: {', '.join(sorted(kernel.artifacts))} in {directory}")
        check(name, kernel, a)


if __name__ == "__main__":
    main()
