"""TileLang's gemm example, compiled for Tenstorrent.

The same program as TileLang's upstream `examples/gemm/example_gemm.py`, with the imports
changed to `tilelang_tt` and bfloat16 data (Tensix's 16-bit float). Run it with

    python examples/gemm/example_gemm.py [--out DIR] [--shape M N K]

It compiles the 1024x1024x1024 gemm (128x128 blocks, K block 32) to TT-Metalium artifacts in
DIR (default `build/artifacts/example_gemm`), runs them on the CPU emulator and checks the
result against numpy. `--shape` takes any other sizes, multiples of the blocks or not
(1000 1000 1000: the compiler pads the tensors to whole blocks).
"""

import argparse
import sys

import numpy as np

import tilelang_tt as tilelang
import tilelang_tt.language as T
from tt_dialect.emu.report import bf16_tolerance, check


@tilelang.jit(target="tenstorrent", out_idx=[-1])
def matmul(M, N, K, block_M, block_N, block_K, dtype="bfloat16", accum_dtype="float"):

    @T.prim_func
    def gemm(
        A: T.Tensor((M, K), dtype),
        B: T.Tensor((K, N), dtype),
        C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)

            T.clear(C_local)

            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=3):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)

            T.copy(C_local, C[by * block_M, bx * block_N])

    return gemm


def bf16_exact(rng, shape):
    """Random values bfloat16 represents exactly (so numpy sees the same inputs)."""
    bits = rng.standard_normal(shape, dtype=np.float32).view(np.uint32) & np.uint32(0xFFFF0000)
    return bits.view(np.float32)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="build/artifacts/example_gemm")
    parser.add_argument("--shape", type=int, nargs=3, default=(1024, 1024, 1024), metavar=("M", "N", "K"))
    args = parser.parse_args()
    M, N, K = args.shape

    kernel = matmul(M, N, K, 128, 128, 32)
    directory = kernel.write_artifacts(args.out)
    print(f"artifacts: {', '.join(sorted(kernel.artifacts))} in {directory}")
    print(f"plan: {kernel.plan['device']} ({kernel.plan['arch']}), grid {kernel.plan['grid']}, "
          f"{len(kernel.plan['kernels'])} kernels")

    rng = np.random.default_rng(0)
    a = bf16_exact(rng, (M, K))
    b = bf16_exact(rng, (K, N))
    c = kernel(a, b)
    ref_c = a @ b
    # bf16 output: half an ulp of the largest |C| (2^-8 of it) plus fp32 rounding.
    if not check(f"gemm {M}x{N}x{K} C = A @ B", c, ref_c, bf16_tolerance(ref_c), kernel.last_stats):
        sys.exit(1)


if __name__ == "__main__":
    main()
