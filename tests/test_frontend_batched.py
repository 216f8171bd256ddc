"""3-D launch grids and rank-4 tensors through the front end (issue 19, item 2, first part).

TileLang's attention launches `T.Kernel(ceildiv(seq_len, block_M), heads, batch)` over
(batch, heads, seq_len, dim) tensors and copies 2-D blocks with the leading indices fixed,
`T.copy(Q[bz, by, bx * block_M : (bx + 1) * block_M, :], Q_shared)`. Here: the IR the front
end builds (FileChecked), the partition of the 3-D grid and the plan's shapes, numerics on the
emulator against numpy, the real-header check of one such program, and the refusals.

Tolerances: the elementwise program computes in f32 on DST (fp32 accumulation) from f32
inputs, x * y + x, two roundings of f32 operations that numpy performs the same way, so
results are compared for equality. The batched gemm takes bf16 inputs that bf16 represents
exactly (products exact in f32) and accumulates K = 80 (padded to 96 with zeros) terms in
f32 in another order than numpy: at most K * 2^-24 * sum|a*b| <= K * K * 2^-24 apart
(|a|, |b| <= 1).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest
import tilelang_tt
import tilelang_tt.language as T
from tilelang_tt import CompileCache, TileLangError
from tt_dialect.samples import bf16_values

CACHE = CompileCache(disk=False)
B, H, S, D = 2, 3, 64, 96


def batched_elementwise(bm: int = 32):
    @T.prim_func
    def fma(X: T.Tensor((B, H, S, D), "float"), Y: T.Tensor((B, H, S, D), "float"),
            Z: T.Tensor((B, H, S, D), "float")):
        with T.Kernel(T.ceildiv(S, bm), H, B, threads=128) as (bx, by, bz):
            x = T.alloc_shared((bm, D), "float")
            y = T.alloc_shared((bm, D), "float")
            z = T.alloc_fragment((bm, D), "float")
            T.copy(X[bz, by, bx * bm:(bx + 1) * bm, :], x)
            T.copy(Y[bz, by, bx * bm, 0], y)
            for i, j in T.Parallel(bm, D):
                z[i, j] = x[i, j] * y[i, j] + x[i, j]
            T.copy(z, Z[bz, by, bx * bm:(bx + 1) * bm, :])

    return fma


def batched_gemm(M: int = 64, N: int = 96, K: int = 80, bm: int = 32, bk: int = 32):
    """Per (b, h): C[b, h] = A[b, h] @ W[b, h]; blocks of bm rows and all N columns."""

    @T.prim_func
    def bmm(A: T.Tensor((B, H, M, K), "bfloat16"), W: T.Tensor((B, H, K, N), "bfloat16"),
            C: T.Tensor((B, H, M, N), "float")):
        with T.Kernel(T.ceildiv(M, bm), H, B, threads=128) as (bx, by, bz):
            a = T.alloc_shared((bm, bk), "bfloat16")
            w = T.alloc_shared((bk, N), "bfloat16")
            c = T.alloc_fragment((bm, N), "float")
            T.clear(c)
            for k in T.Pipelined(T.ceildiv(K, bk), num_stages=2):
                T.copy(A[bz, by, bx * bm, k * bk], a)
                T.copy(W[bz, by, k * bk, 0], w)
                T.gemm(a, w, c)
            T.copy(c, C[bz, by, bx * bm, 0])

    return bmm


def test_ir_of_a_3d_kernel_with_rank_4_copies(filecheck) -> None:
    filecheck(batched_elementwise().ir(), textwrap.dedent("""
        CHECK:      func.func @fma(%X: memref<2x3x64x96xf32>, %Y: memref<2x3x64x96xf32>, %Z: memref<2x3x64x96xf32>) {
        CHECK-NEXT:   tt.launch_grid (%bx, %by, %bz) in (2, 3, 2) {
        CHECK:          %[[ROW:.*]] = arith.muli %bx, %c32 : index
        CHECK-NEXT:     tt.copy %X[%bz, %by, %[[ROW]], %c0] to %x : memref<2x3x64x96xf32> to memref<32x96xf32>
        CHECK-NEXT:     tt.copy %Y[%bz, %by, %[[ROW]], %c0] to %y : memref<2x3x64x96xf32> to memref<32x96xf32>
        CHECK:          tt.copy %z to %Z[%bz, %by, %[[ROW]], %c0] : memref<32x96xf32> to memref<2x3x64x96xf32>
    """))


def test_partition_and_plan_of_a_3d_grid() -> None:
    pytest.importorskip("tt_dialect.emu")
    kernel = tilelang_tt.compile(batched_elementwise(), out_idx=-1, grid=(2, 2), cache=CACHE)
    plan = kernel.plan
    assert plan["partition"]["blocks"] == [2, 3, 2]  # [z, y, x]: batch, heads, row blocks
    assert [t["shape"] for t in plan["tensors"]] == [[B, H, S, D]] * 3
    assert [t["layout"]["tiles"] for t in plan["tensors"]] == [[B, H, 2, 3]] * 3


def test_numerics_batched_elementwise_3d_grid() -> None:
    pytest.importorskip("tt_dialect.emu")
    kernel = tilelang_tt.compile(batched_elementwise(), out_idx=-1, grid=(2, 2), cache=CACHE)
    rng = np.random.default_rng(19)
    x = rng.standard_normal((B, H, S, D)).astype(np.float32)
    y = rng.standard_normal((B, H, S, D)).astype(np.float32)
    np.testing.assert_array_equal(kernel(x, y), x * y + x)


@pytest.mark.parametrize("grid, bm", [((2, 2), 32), ((1, 1), 64), ((3, 3), 64)])
def test_numerics_batched_gemm_3d_grid(grid: tuple[int, int], bm: int) -> None:
    """bm = 64: the 64x96 f32 accumulator (6 tiles) is more than DST holds (4), so
    tt-lower-tile-ops cuts it into subblocks, offsetting the stores' last two indices."""
    pytest.importorskip("tt_dialect.emu")
    M, N, K = 64, 96, 80
    kernel = tilelang_tt.compile(batched_gemm(M, N, K, bm=bm), out_idx=-1, grid=grid, cache=CACHE)
    plan = kernel.plan
    assert [t["padded_shape"] for t in plan["tensors"]] == [[B, H, M, 96], [B, H, 96, N], [B, H, M, N]]
    rng = np.random.default_rng(7)
    a, w = bf16_values(rng, (B, H, M, K)), bf16_values(rng, (B, H, K, N))
    c = kernel(a, w)
    assert c.shape == (B, H, M, N)
    np.testing.assert_allclose(c, a @ w, rtol=0, atol=K * K * 2.0**-24)


def test_batched_gemm_kernels_pass_the_real_headers(tmp_path: Path, real_headers) -> None:
    real_headers(tilelang_tt.compile(batched_gemm(), out_idx=-1, grid=(2, 2), cache=CACHE), tmp_path / "bmm")


def test_copy_with_a_range_in_a_leading_dimension_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "prog.py"
    source.write_text(textwrap.dedent("""
        import tilelang_tt.language as T

        def build(B, H, S, D):
            @T.prim_func
            def f(X: T.Tensor((B, H, S, D), "float"), Z: T.Tensor((B, H, S, D), "float")):
                with T.Kernel(2, H, B) as (bx, by, bz):
                    x = T.alloc_shared((32, D), "float")
                    T.copy(X[0:2, by, bx * 32, 0], x)
                    T.copy(x, Z[bz, by, bx * 32, 0])
            return f
    """))
    import importlib.util

    spec = importlib.util.spec_from_file_location("batched_prog", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with pytest.raises(TileLangError) as err:
        module.build(B, H, S, D)
    assert str(err.value) == (
        f"{source}:9:20: error: T.copy region X[0:2, by, bx * 32, 0] of tensor 'X' has a range in "
        "dimension 0: a 2-D buffer 'x' is copied from the last two dimensions of a rank-4 tensor, "
        "with scalar indices (block indices, loop variables, affine expressions of them) for the "
        "leading 2"
    )


def test_kernel_with_four_extents_is_refused() -> None:
    def build():
        @T.prim_func
        def f(X: T.Tensor((B, H, S, D), "float")):
            with T.Kernel(2, 3, 2, 2) as (bx, by, bz, bw):
                T.alloc_shared((32, 32), "float")

    with pytest.raises(TileLangError, match="T.Kernel takes one, two or three grid extents here, got 4"):
        build()


def test_leading_index_past_the_tensor_is_a_located_error() -> None:
    def build():
        @T.prim_func
        def f(X: T.Tensor((B, H, S, D), "float"), Z: T.Tensor((B, H, S, D), "float")):
            with T.Kernel(2, H, B + 1) as (bx, by, bz):
                x = T.alloc_shared((32, D), "float")
                T.copy(X[bz, by, bx * 32, 0], x)
                T.copy(x, Z[0, by, bx * 32, 0])

        return f

    with pytest.raises(TileLangError) as err:
        tilelang_tt.compile(build(), out_idx=-1, grid=(2, 2), cache=CACHE)
    assert "runs past dimension 0: with block index bz = 2 (of 0..2), its index bz = 2 is not below " \
        "the tensor's 2 positions; a leading (batch) dimension is never padded" in str(err.value)
    assert "test_frontend_batched.py:" in str(err.value)


def batched_elementwise_elements(bm: int = 32):
    """TileLang's elementwise form: tensor elements at an offset, leading indices fixed."""

    @T.prim_func
    def fma_elements(X: T.Tensor((B, H, S, D), "float"), Y: T.Tensor((B, H, S, D), "float"),
                     Z: T.Tensor((B, H, S, D), "float")):
        with T.Kernel(T.ceildiv(S, bm), H, B, threads=128) as (bx, by, bz):
            for i, j in T.Parallel(bm, D):
                Z[bz, by, bx * bm + i, j] = X[bz, by, bx * bm + i, j] * Y[bz, by, bx * bm + i, j] + 1.0

    return fma_elements


def test_ir_of_rank_4_tensor_elements_in_t_parallel(filecheck) -> None:
    filecheck(batched_elementwise_elements().ir(), textwrap.dedent("""
        CHECK:      tt.launch_grid (%bx, %by, %bz) in (2, 3, 2) {
        CHECK:        %[[ROW:.*]] = arith.muli %bx, %c32 : index
        CHECK-NEXT:   tt.copy %X[%bz, %by, %[[ROW]], %c0] to %X_block : memref<2x3x64x96xf32> to memref<32x96xf32>
        CHECK-NEXT:   tt.copy %Y[%bz, %by, %[[ROW]], %c0] to %Y_block : memref<2x3x64x96xf32> to memref<32x96xf32>
        CHECK-NEXT:   tt.mul %X_block, %Y_block to %tmp : memref<32x96xf32>
        CHECK-NEXT:   tt.add_scalar %tmp, 1.000000e+00 to %Z_block : memref<32x96xf32>
        CHECK-NEXT:   tt.copy %Z_block to %Z[%bz, %by, %[[ROW]], %c0] : memref<32x96xf32> to memref<2x3x64x96xf32>
    """))


def test_numerics_rank_4_tensor_elements_in_t_parallel() -> None:
    pytest.importorskip("tt_dialect.emu")
    kernel = tilelang_tt.compile(batched_elementwise_elements(), out_idx=-1, grid=(2, 2), cache=CACHE)
    rng = np.random.default_rng(23)
    x = rng.standard_normal((B, H, S, D)).astype(np.float32)
    y = rng.standard_normal((B, H, S, D)).astype(np.float32)
    np.testing.assert_array_equal(kernel(x, y), x * y + np.float32(1.0))


def test_a_t_parallel_index_in_a_leading_dimension_is_refused() -> None:
    def build():
        @T.prim_func
        def f(X: T.Tensor((B, H, S, D), "float"), Z: T.Tensor((B, H, S, D), "float")):
            with T.Kernel(2, H, B) as (bx, by, bz):
                for i, j in T.Parallel(32, D):
                    Z[bz, by, bx * 32 + i, j] = X[i, by, bx * 32 + i, j]

    with pytest.raises(TileLangError, match=r"X\[i, by, bx \* 32 \+ i, j\]: the leading index i of "
                       r"rank-4 tensor 'X' must be a scalar \(block indices, loop variables, affine "
                       r"expressions of them\); the T.Parallel indices \(\[i, j\]\) index its last two dimensions"):
        build()


def test_numerics_padded_rank_4_tensor_with_bounds_guards() -> None:
    """seq_len 48 in 32-row blocks: every (b, h) slice is padded to 64 rows (and only
    the slices' rows: the leading dimensions keep their extents); TileLang's bounds
    guards on the row index compile to the padded copies."""
    pytest.importorskip("tt_dialect.emu")
    S48, bm = 48, 32

    @T.prim_func
    def scale(X: T.Tensor((B, H, S48, D), "float"), Z: T.Tensor((B, H, S48, D), "float")):
        with T.Kernel(T.ceildiv(S48, bm), H, B, threads=128) as (bx, by, bz):
            for i, j in T.Parallel(bm, D):
                if bx * bm + i < S48:
                    Z[bz, by, bx * bm + i, j] = T.if_then_else(
                        bx * bm + i < S48, X[bz, by, bx * bm + i, j], 0) * 2.0

    kernel = tilelang_tt.compile(scale, out_idx=-1, grid=(2, 2), cache=CACHE)
    assert [t["padded_shape"] for t in kernel.plan["tensors"]] == [[B, H, 64, D]] * 2
    x = np.random.default_rng(5).standard_normal((B, H, S48, D)).astype(np.float32)
    np.testing.assert_array_equal(kernel(x), x * np.float32(2.0))


def test_numerics_batched_gemm_cut_into_dst_subblocks() -> None:
    """Kt = 1 without a K loop and 64x128 f32 output blocks (8 tiles, DST holds 4 with
    fp32 accumulation): tt-lower-tile-ops computes each block as 2x2-tile subblocks and
    offsets the operand copies and the store by the subblock's position, in the last two
    indices of the rank-4 tensors."""
    pytest.importorskip("tt_dialect.emu")
    M, N, K, bm = 128, 128, 32, 64

    @T.prim_func
    def bmm_kt1(A: T.Tensor((B, H, M, K), "bfloat16"), W: T.Tensor((B, H, K, N), "bfloat16"),
                C: T.Tensor((B, H, M, N), "float")):
        with T.Kernel(M // bm, H, B, threads=128) as (bx, by, bz):
            a = T.alloc_shared((bm, K), "bfloat16")
            w = T.alloc_shared((K, N), "bfloat16")
            c = T.alloc_fragment((bm, N), "float")
            T.clear(c)
            T.copy(A[bz, by, bx * bm, 0], a)
            T.copy(W[bz, by, 0, 0], w)
            T.gemm(a, w, c)
            T.copy(c, C[bz, by, bx * bm, 0])

    kernel = tilelang_tt.compile(bmm_kt1, out_idx=-1, grid=(2, 2), cache=CACHE)
    assert "subblock" in kernel.get_kernel_source("writer")
    rng = np.random.default_rng(3)
    a, w = bf16_values(rng, (B, H, M, K)), bf16_values(rng, (B, H, K, N))
    np.testing.assert_allclose(kernel(a, w), a @ w, rtol=0, atol=K * K * 2.0**-24)
