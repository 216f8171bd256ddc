"""A gemm whose B layout a Python flag selects, as TileLang's own gemm tests write it.

`trans_B` chooses, with `if` statements in the `T.prim_func`, whether B is given as K x N or
as N x K (then loaded as N x K blocks and multiplied transposed). The flag is known when the
kernel is compiled, so only the branch taken is compiled. Run it with

    python examples/gemm/example_gemm_trans_b.py [--out DIR] [--shape M N K]

It compiles C = A @ B^T (512x512x512 by default, 128x128 blocks, K block 32) to TT-Metalium
artifacts in DIR (default `build/artifacts/example_gemm_trans_b`), runs them on the CPU
emulator and checks the result against numpy.
"""

import argparse
import sys

import numpy as np

import tilelang_tt as tilelang
import tilelang_tt.language as T
from tt_dialect.emu.report import check, max_error


@tilelang.jit(target="tenstorrent", out_idx=[-1])
def matmul(M, N, K, block_M, block_N, block_K, trans_B, dtype="bfloat16", accum_dtype="float"):
    B_shape = (N, K) if trans_B else (K, N)
    B_shared_shape = (block_N, block_K) if trans_B else (block_K, block_N)

    @T.prim_func
    def gemm(
        A: T.Tensor((M, K), dtype),
        B: T.Tensor(B_shape, dtype),
        C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared(B_shared_shape, dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=3):
                T.copy(A[by * block_M, k * block_K], A_shared)
                if trans_B:
                    T.copy(B[bx * block_N, k * block_K], B_shared)
                else:
                    T.copy(B[k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local, False, trans_B)
            T.copy(C_local, C[by * block_M, bx * block_N])

    return gemm


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="build/artifacts/example_gemm_trans_b")
    parser.add_argument("--shape", type=int, nargs=3, default=(512, 512, 512), metavar=("M", "N", "K"))
    args = parser.parse_args()
    M, N, K = args.shape

    kernel = matmul(M, N, K, 128, 128, 32, trans_B=True)
    directory = kernel.write_artifacts(args.out)
    print(f"artifacts: {', '.join(sorted(kernel.artifacts))} in {directory}")

    rng = np.random.default_rng(0)
    a = rng.uniform(-1, 1, (M, K)).astype(np.float32)
    b_t = rng.uniform(-1, 1, (N, K)).astype(np.float32)
    # Values bfloat16 represents exactly, so numpy sees the same inputs.
    a, b_t = ((x.view(np.uint32) & np.uint32(0xFFFF0000)).view(np.float32) for x in (a, b_t))
    c = kernel(a, b_t)
    ref_c = a.astype(np.float64) @ b_t.T.astype(np.float64)
    # bf16 output of an fp32 accumulation: within 2^-7 of sum |a| |b| per element. The line
    # reports the largest bound; every element is checked against its own.
    bound = 2.0**-7 * (np.abs(a).astype(np.float64) @ np.abs(b_t).T) + 1e-6
    within = bool(np.all(np.abs(c - ref_c) <= bound))
    if not check(f"gemm {M}x{N}x{K} C = A @ B^T", c, ref_c, float(bound.max()), kernel.last_stats) or not within:
        sys.exit(f"an element of C is beyond its bound (max |error| {max_error(c, ref_c):.3g})")


if __name__ == "__main__":
    main()
