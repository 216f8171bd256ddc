"""TileLang's elementwise-add example, compiled for Tenstorrent.

The same program as TileLang's upstream elementwise add (each block reads A and B at its
offsets and writes C = A + B), with the imports changed to `tilelang_tt` and bfloat16 inputs
(Tensix's 16-bit float); C is float32. Run it with

    python examples/elementwise/example_elementwise_add.py [--out DIR]

It compiles the 1024x1024 add (128x128 blocks) to TT-Metalium artifacts in DIR (default
`build/artifacts/example_elementwise_add`), runs them on the CPU emulator and checks the result
against numpy.
"""

import argparse
import sys

import numpy as np

import tilelang_tt as tilelang
import tilelang_tt.language as T
from tt_dialect.emu.report import check


@tilelang.jit(target="tenstorrent", out_idx=[-1])
def elementwise_add(M, N, block_M, block_N, in_dtype="bfloat16", out_dtype="float", threads=128):

    @T.prim_func
    def main(
        A: T.Tensor((M, N), in_dtype),
        B: T.Tensor((M, N), in_dtype),
        C: T.Tensor((M, N), out_dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=threads) as (bx, by):
            start_x = bx * block_N
            start_y = by * block_M

            for local_y, local_x in T.Parallel(block_M, block_N):
                y = start_y + local_y
                x = start_x + local_x
                C[y, x] = A[y, x] + B[y, x]

    return main


def bf16_exact(rng, shape):
    """Random values bfloat16 represents exactly (so numpy sees the same inputs)."""
    bits = rng.standard_normal(shape, dtype=np.float32).view(np.uint32) & np.uint32(0xFFFF0000)
    return bits.view(np.float32)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="build/artifacts/example_elementwise_add")
    args = parser.parse_args()

    kernel = elementwise_add(1024, 1024, 128, 128)
    directory = kernel.write_artifacts(args.out)
    print(f"artifacts: {', '.join(sorted(kernel.artifacts))} in {directory}")

    rng = np.random.default_rng(0)
    a = bf16_exact(rng, (1024, 1024))
    b = bf16_exact(rng, (1024, 1024))
    c = kernel(a, b)
    ref_c = a + b
    # The sum of two bf16 values is exact in float32, and C is float32: tolerance 0.
    if not check("add 1024x1024 C = A + B", c, ref_c, 0.0, kernel.last_stats):
        sys.exit(1)


if __name__ == "__main__":
    main()
