"""Tensors that are not whole tiles or whole blocks (tt-pad-tensors), written as TileLang
writes them, compiled by the front end and run on the emulator against numpy.

The buffers are padded in DRAM to what the copies reach (whole tiles and blocks); the host
program zero-fills the padding on upload and crops it on download, so users pass and get
arrays of their own shapes. Gemm K padding adds zeros to the sums. The plan records both
shapes. Tolerances: bf16 output of an fp32 accumulation within 2^-7 of sum |a||b| per
element (as tests/gemm_runs.py); elementwise f32 exact, bf16 within one bf16 rounding.
"""

from __future__ import annotations

import numpy as np
import pytest

import tilelang_tt as tilelang
import tilelang_tt.language as T
from tilelang_tt import CompileCache
from tt_dialect.samples import bf16_values

emu = pytest.importorskip("tt_dialect.emu")


def scaled_add(M, N, bm, bn, dtype):
    @T.prim_func
    def main(X: T.Tensor((M, N), dtype), Y: T.Tensor((M, N), dtype), Z: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm)) as (bx, by):
            X_shared = T.alloc_shared((bm, bn), dtype)
            Y_shared = T.alloc_shared((bm, bn), dtype)
            Z_local = T.alloc_fragment((bm, bn), dtype)
            T.copy(X[by * bm, bx * bn], X_shared)
            T.copy(Y[by * bm, bx * bn], Y_shared)
            for i, j in T.Parallel(bm, bn):
                Z_local[i, j] = X_shared[i, j] + Y_shared[i, j]
            T.copy(Z_local, Z[by * bm, bx * bn])

    return main


GEMMS = {
    # name: (M, N, K, block M, block N, block K, grid, padded M, N, K)
    "1000-cubed-8x8": (1000, 1000, 1000, 128, 128, 32, "8x8", (1024, 1024, 1024)),
    "33x65x17": (33, 65, 17, 32, 32, 32, "2x3", (64, 96, 32)),
    "1x1x1": (1, 1, 1, 32, 32, 32, "1x1", (32, 32, 32)),
    "blocks-not-dividing-512-by-96": (512, 512, 512, 96, 96, 32, "6x6", (576, 576, 512)),
}


@pytest.mark.parametrize("case", sorted(GEMMS))
def test_unaligned_gemm_matches_numpy(case: str) -> None:
    m, n, k, bm, bn, bk, grid, (pm, pn, pk) = GEMMS[case]
    program = tilelang_style_gemm(m, n, k, bm, bn, bk, "copy")
    kernel = tilelang.compile(program, out_idx=-1, grid=grid, cache=CompileCache(disk=False))
    shapes = [(t["shape"], t["padded_shape"]) for t in kernel.plan["tensors"]]
    assert shapes == [([m, k], [pm, pk]), ([k, n], [pk, pn]), ([m, n], [pm, pn])]
    rng = np.random.default_rng(m * 7 + n * 3 + k)
    a, b = bf16_values(rng, (m, k)), bf16_values(rng, (k, n))
    c = kernel(a, b)
    assert c.shape == (m, n)
    reference = a.astype(np.float64) @ b.astype(np.float64)
    bound = 2.0**-7 * (np.abs(a).astype(np.float64) @ np.abs(b)) + 1e-6
    assert np.all(np.abs(c - reference) <= bound)


@pytest.mark.parametrize(
    ("m", "n", "bm", "bn", "dtype"),
    [(100, 70, 64, 32, "float32"), (33, 200, 32, 128, "bfloat16"), (1, 1, 32, 32, "float32")],
    ids=["100x70-f32", "33x200-bf16", "1x1-f32"],
)
def test_unaligned_elementwise_matches_numpy(m: int, n: int, bm: int, bn: int, dtype: str) -> None:
    kernel = tilelang.compile(scaled_add(m, n, bm, bn, dtype), out_idx=-1, grid="2x2", cache=CompileCache(disk=False))
    rng = np.random.default_rng(m + n)
    x, y = bf16_values(rng, (m, n)), bf16_values(rng, (m, n))
    z = kernel(x, y)
    assert z.shape == (m, n)
    reference = x.astype(np.float64) + y
    if dtype == "float32":
        assert np.array_equal(z, reference.astype(np.float32))
    else:
        assert np.all(np.abs(z - reference) <= 2.0**-8 * np.abs(reference))


def guarded_add(M, N, bm, bn, guard: bool):
    """TileLang's elementwise add with per-element indices; with `guard`, the bounds check
    TileLang programs put around the store for shapes that blocks do not divide."""

    @T.prim_func
    def main(A: T.Tensor((M, N), "float32"), B: T.Tensor((M, N), "float32"), C: T.Tensor((M, N), "float32")):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm)) as (bx, by):
            for local_y, local_x in T.Parallel(bm, bn):
                y = by * bm + local_y
                x = bx * bn + local_x
                if guard:
                    if y < M and x <= N - 1:
                        C[y, x] = A[y, x] + B[y, x]
                else:
                    C[y, x] = A[y, x] + B[y, x]

    return main


def test_bounds_guard_is_the_padded_program(filecheck) -> None:
    """`if y < M and x <= N - 1:` around a store in T.Parallel, each term bounding the
    stored element's index by at least the tensor's extent, compiles to the unguarded
    program: the padded tensors already drop stores past their end."""
    guarded = guarded_add(100, 70, 64, 32, guard=True)
    assert guarded.ir() == guarded_add(100, 70, 64, 32, guard=False).ir()
    filecheck(guarded.ir(), """
        CHECK:      func.func @main(%A: memref<100x70xf32>, %B: memref<100x70xf32>, %C: memref<100x70xf32>) {
        CHECK-NEXT:   tt.launch_grid (%bx, %by) in (3, 2) {
        CHECK:          tt.add
        CHECK:          tt.copy {{.*}} to %C[{{.*}}] : memref<64x32xf32> to memref<100x70xf32>
    """)


def test_bounds_guard_matches_numpy() -> None:
    kernel = tilelang.compile(guarded_add(100, 70, 64, 32, guard=True), out_idx=-1, grid="2x2",
                              cache=CompileCache(disk=False))
    rng = np.random.default_rng(5)
    a, b = rng.standard_normal((100, 70), dtype=np.float32), rng.standard_normal((100, 70), dtype=np.float32)
    assert np.array_equal(kernel(a, b), a + b)


def tilelang_style_gemm(M, N, K, bm, bn, bk, form: str):
    """A gemm as TileLang programs for shapes that blocks do not divide write it: operand
    blocks loaded element by element with `T.if_then_else(in bounds, A[...], 0)`
    (`form="if_then_else"`), plainly (`"elements"`) or with `T.copy` (`"copy"`), and the
    result stored under a bounds guard (or with `T.copy`)."""

    @T.prim_func
    def main(A: T.Tensor((M, K), "bfloat16"), B: T.Tensor((K, N), "bfloat16"), C: T.Tensor((M, N), "bfloat16")):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm)) as (bx, by):
            A_shared = T.alloc_shared((bm, bk), "bfloat16")
            B_shared = T.alloc_shared((bk, bn), "bfloat16")
            C_local = T.alloc_fragment((bm, bn), "float")
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, bk), num_stages=2):
                if form == "if_then_else":
                    for i, j in T.Parallel(bm, bk):
                        A_shared[i, j] = T.if_then_else(by * bm + i < M and k * bk + j < K, A[by * bm + i, k * bk + j], 0)
                    for i, j in T.Parallel(bk, bn):
                        B_shared[i, j] = T.if_then_else(k * bk + i < K and bx * bn + j < N, B[k * bk + i, bx * bn + j], 0)
                elif form == "elements":
                    for i, j in T.Parallel(bm, bk):
                        A_shared[i, j] = A[by * bm + i, k * bk + j]
                    for i, j in T.Parallel(bk, bn):
                        B_shared[i, j] = B[k * bk + i, bx * bn + j]
                else:
                    T.copy(A[by * bm, k * bk], A_shared)
                    T.copy(B[k * bk, bx * bn], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            if form == "copy":
                T.copy(C_local, C[by * bm, bx * bn])
            else:
                for i, j in T.Parallel(bm, bn):
                    if by * bm + i < M and bx * bn + j < N:
                        C[by * bm + i, bx * bn + j] = C_local[i, j]

    return main


def test_if_then_else_and_element_loads_are_block_copies() -> None:
    """`T.if_then_else(bounds, A[y, x], 0)` into a shared buffer, and the plain element
    load, are the block copy `T.copy(A[y0, x0], A_shared)`: past the end the padded
    tensor reads zero. (An element copy through DST would take DST from the gemm, which
    accumulates there across the K loop.)"""
    expected = tilelang_style_gemm(100, 70, 50, 64, 32, 32, "copy").ir()
    assert tilelang_style_gemm(100, 70, 50, 64, 32, 32, "if_then_else").ir() == expected
    assert tilelang_style_gemm(100, 70, 50, 64, 32, 32, "elements").ir() == expected


def test_tilelang_style_unaligned_gemm_matches_numpy() -> None:
    m, n, k = 100, 70, 50
    kernel = tilelang.compile(tilelang_style_gemm(m, n, k, 64, 32, 32, "if_then_else"), out_idx=-1,
                              grid="2x2", cache=CompileCache(disk=False))
    rng = np.random.default_rng(3)
    a, b = bf16_values(rng, (m, k)), bf16_values(rng, (k, n))
    c = kernel(a, b)
    reference = a.astype(np.float64) @ b.astype(np.float64)
    assert np.all(np.abs(c - reference) <= 2.0**-7 * (np.abs(a).astype(np.float64) @ np.abs(b)) + 1e-6)
