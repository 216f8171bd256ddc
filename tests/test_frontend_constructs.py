"""The TileLang front end, one construct at a time: each test builds a small `@T.prim_func`
and FileChecks the tile program it prints (`prim_func.ir()`), so a wrong op, operand, type
or attribute fails. Then source locations, determinism and round trips through
`tt_dialect.api.parse_module` and `tt-opt`, and numerics of a few constructs on the
emulator (compared with numpy).

Checks name SSA values by FileCheck variables (`[[A:SSA]]` below is expanded to
`[[A:%[a-zA-Z0-9_]+]]`), not by the names the printer picks; constants are matched with
CHECK-DAG (their order in the prologue is not part of the contract), everything after
them line by line with CHECK-NEXT.

This file does not use `from __future__ import annotations`, so its prim_funcs' tensor
annotations are evaluated when defined (the usual case); string annotations are tested on
a generated module.

The one test marked `xfail(strict=True, raises=...)` pins a limit of tt-pipeline reached
through the front end (an elementwise op updating in place a buffer an earlier elementwise
op computed): it asserts the correct behaviour and fails the documented way until the
compiler supports it; then strict xfail reports XPASS as a failure.
"""

# ruff: noqa: F821, F841 - linters read the dtype strings in `T.Tensor(shape, "bfloat16")`
# annotations as forward references, and prim_func bodies bind buffers only the IR uses

import importlib.util
import inspect
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from xdsl.dialects.builtin import FileLineColLoc

import tilelang_tt
import tilelang_tt.language as T
import tilelang_tt.language as L
from tilelang_tt import CompileCache, TileLangError
from tilelang_tt import language as language_module
from tilelang_tt.language import Kernel as Grid
from tilelang_tt.language import Parallel as Each
from tilelang_tt.language import alloc_shared as scratch
from tilelang_tt.language import copy as move
from tt_dialect.api import parse_module, print_module
from tt_dialect.emu.runner import round_bf16
from tt_dialect.samples import bf16_values

SSA = "%[a-zA-Z0-9_]+"
BLOCK = 32
"""A module constant a prim_func body reads (compile-time Python)."""


def checks(text: str) -> str:
    """CHECK lines with `[[X:SSA]]` standing for `[[X:%[a-zA-Z0-9_]+]]`."""
    return textwrap.dedent(text).replace(":SSA]]", f":{SSA}]]")


def launch_ops(prim_func) -> list:
    """The ops of the tt.launch_grid body, in order (nested regions included)."""
    (launch,) = [op for op in prim_func.module.walk() if op.name == "tt.launch_grid"]
    return [op for op in launch.walk() if op is not launch]


# --------------------------------------------------------------------------- arguments


def test_tensor_argument_dtypes(filecheck) -> None:
    """bfloat16 -> bf16, float32 -> f32, and TileLang's "float" -> f32; T.bfloat16 and
    T.float32 are the same strings."""

    @T.prim_func
    def dtypes(
        A: T.Tensor((64, 32), "bfloat16"),
        B: T.Tensor((32, 96), "float32"),
        C: T.Tensor((128, 64), "float"),
        D: T.Tensor((32, 32), T.bfloat16),
        E: T.Tensor([32, 64], T.float32),
    ):
        with T.Kernel(1, 1) as (bx, by):
            f = T.alloc_fragment((32, 32), "float")

    filecheck(dtypes.ir(), checks("""
        CHECK:      func.func @dtypes([[A:SSA]]: memref<64x32xbf16>, [[B:SSA]]: memref<32x96xf32>, [[C:SSA]]: memref<128x64xf32>, [[D:SSA]]: memref<32x32xbf16>, [[E:SSA]]: memref<32x64xf32>) {
        CHECK-NEXT:   tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (1, 1) {
        CHECK-NEXT:     [[F:SSA]] = tt.alloc_fragment : memref<32x32xf32>
        CHECK-NEXT:   }
        CHECK-NEXT:   func.return
        CHECK-NEXT: }
    """))
    assert [(t.name, t.shape, t.dtype) for t in dtypes.tensors] == [
        ("A", (64, 32), "bf16"), ("B", (32, 96), "f32"), ("C", (128, 64), "f32"),
        ("D", (32, 32), "bf16"), ("E", (32, 64), "f32"),
    ]


def _aliased(annotation):
    @T.prim_func
    def aliased(A: annotation((64, 64), "bfloat16"), C: annotation((64, 64), "float")):
        with T.Kernel(2, 2) as (bx, by):
            a = T.alloc_shared((32, 32), "bfloat16")
            T.copy(A[by * 32, bx * 32], a)
            T.copy(a, C[by * 32, bx * 32])

    return aliased


def test_buffer_is_an_alias_of_tensor(filecheck) -> None:
    assert T.Buffer is T.Tensor
    text = _aliased(T.Buffer).ir()
    assert text == _aliased(T.Tensor).ir()
    filecheck(text, checks("""
        CHECK: func.func @aliased([[A:SSA]]: memref<64x64xbf16>, [[C:SSA]]: memref<64x64xf32>) {
    """))


# --------------------------------------------------------------------------- T.Kernel


def test_kernel_two_extents_and_threads(filecheck) -> None:
    """`T.Kernel(gx, gy, threads=128) as (bx, by)`: a gx x gy grid in [x, y] order;
    `threads` is ignored; bx indexes columns, by rows."""

    @T.prim_func
    def kernel2(A: T.Tensor((64, 96), "bfloat16"), C: T.Tensor((64, 96), "bfloat16")):
        with T.Kernel(3, 2, threads=128) as (bx, by):
            a = T.alloc_shared((32, 32), "bfloat16")
            T.copy(A[by * 32, bx * 32], a)
            T.copy(a, C[by * 32, bx * 32])

    filecheck(kernel2.ir(), checks("""
        CHECK:      func.func @kernel2([[A:SSA]]: memref<64x96xbf16>, [[C:SSA]]: memref<64x96xbf16>) {
        CHECK-NEXT:   tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (3, 2) {
        CHECK-NEXT:     [[C32:SSA]] = arith.constant 32 : index
        CHECK-NEXT:     [[BUF:SSA]] = tt.alloc_shared : memref<32x32xbf16>
        CHECK-NEXT:     [[ROW:SSA]] = arith.muli [[BY]], [[C32]] : index
        CHECK-NEXT:     [[COL:SSA]] = arith.muli [[BX]], [[C32]] : index
        CHECK-NEXT:     tt.copy [[A]][[[ROW]], [[COL]]] to [[BUF]] : memref<64x96xbf16> to memref<32x32xbf16>
        CHECK-NEXT:     tt.copy [[BUF]] to [[C]][[[ROW]], [[COL]]] : memref<32x32xbf16> to memref<64x96xbf16>
        CHECK-NEXT:   }
        CHECK-NEXT:   func.return
        CHECK-NEXT: }
    """))


def test_kernel_one_extent(filecheck) -> None:
    """`T.Kernel(n) as bx`: an n x 1 grid; bx is the x index."""

    @T.prim_func
    def kernel1(A: T.Tensor((128, 32), "float32"), C: T.Tensor((128, 32), "float32")):
        with T.Kernel(4) as bx:
            a = T.alloc_shared((32, 32), "float32")
            T.copy(A[bx * 32, 0], a)
            T.copy(a, C[bx * 32, 0])

    filecheck(kernel1.ir(), checks("""
        CHECK:      func.func @kernel1([[A:SSA]]: memref<128x32xf32>, [[C:SSA]]: memref<128x32xf32>) {
        CHECK-NEXT:   tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (4, 1) {
        CHECK-DAG:      [[C32:SSA]] = arith.constant 32 : index
        CHECK-DAG:      [[C0:SSA]] = arith.constant 0 : index
        CHECK:          [[BUF:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT:     [[ROW:SSA]] = arith.muli [[BX]], [[C32]] : index
        CHECK-NEXT:     tt.copy [[A]][[[ROW]], [[C0]]] to [[BUF]] : memref<128x32xf32> to memref<32x32xf32>
        CHECK-NEXT:     tt.copy [[BUF]] to [[C]][[[ROW]], [[C0]]] : memref<32x32xf32> to memref<128x32xf32>
        CHECK-NEXT:   }
    """))


# --------------------------------------------------------------------------- buffers


def test_alloc_clear_fill(filecheck) -> None:
    @T.prim_func
    def buffers(A: T.Tensor((32, 64), "bfloat16")):
        with T.Kernel(1, 1) as (bx, by):
            s = T.alloc_shared((32, 64), "bfloat16")
            f = T.alloc_fragment((32, 32), "float")
            g = T.alloc_fragment((64, 32), "float32")
            T.clear(f)
            T.fill(g, 0.5)
            T.fill(f, 3)
            T.fill(s, -2.25)

    filecheck(buffers.ir(), checks("""
        CHECK:      tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (1, 1) {
        CHECK-NEXT:   [[S:SSA]] = tt.alloc_shared : memref<32x64xbf16>
        CHECK-NEXT:   [[F:SSA]] = tt.alloc_fragment : memref<32x32xf32>
        CHECK-NEXT:   [[G:SSA]] = tt.alloc_fragment : memref<64x32xf32>
        CHECK-NEXT:   tt.clear [[F]] : memref<32x32xf32>
        CHECK-NEXT:   tt.fill [[G]], 5.000000e-01 : memref<64x32xf32>
        CHECK-NEXT:   tt.fill [[F]], 3.000000e+00 : memref<32x32xf32>
        CHECK-NEXT:   tt.fill [[S]], -2.250000e+00 : memref<32x64xbf16>
        CHECK-NEXT: }
    """))


# --------------------------------------------------------------------------- T.copy


def test_copy_in_out_and_buffer_to_buffer(filecheck) -> None:
    """`T.copy(A[i, j], buf)` reads a region of the buffer's shape at (i, j),
    `T.copy(buf, C[i, j])` writes one, `T.copy(buf1, buf2)` copies (converting)."""

    @T.prim_func
    def copies(A: T.Tensor((64, 128), "bfloat16"), C: T.Tensor((64, 128), "bfloat16")):
        with T.Kernel(2, 2) as (bx, by):
            a = T.alloc_shared((32, 64), "bfloat16")
            f = T.alloc_fragment((32, 64), "float")
            T.copy(A[by * 32, bx * 64], a)
            T.copy(a, f)
            T.copy(f, C[by * 32, bx * 64])

    filecheck(copies.ir(), checks("""
        CHECK:      func.func @copies([[A:SSA]]: memref<64x128xbf16>, [[C:SSA]]: memref<64x128xbf16>) {
        CHECK-NEXT:   tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (2, 2) {
        CHECK-DAG:      [[C32:SSA]] = arith.constant 32 : index
        CHECK-DAG:      [[C64:SSA]] = arith.constant 64 : index
        CHECK:          [[AS:SSA]] = tt.alloc_shared : memref<32x64xbf16>
        CHECK-NEXT:     [[F:SSA]] = tt.alloc_fragment : memref<32x64xf32>
        CHECK-NEXT:     [[ROW:SSA]] = arith.muli [[BY]], [[C32]] : index
        CHECK-NEXT:     [[COL:SSA]] = arith.muli [[BX]], [[C64]] : index
        CHECK-NEXT:     tt.copy [[A]][[[ROW]], [[COL]]] to [[AS]] : memref<64x128xbf16> to memref<32x64xbf16>
        CHECK-NEXT:     tt.copy [[AS]] to [[F]] : memref<32x64xbf16> to memref<32x64xf32>
        CHECK-NEXT:     tt.copy [[F]] to [[C]][[[ROW]], [[COL]]] : memref<32x64xf32> to memref<64x128xbf16>
        CHECK-NEXT:   }
    """))


def _sliced(bm: int, bn: int, slices: bool):
    if slices:
        @T.prim_func
        def sliced(A: T.Tensor((64, 128), "float32"), C: T.Tensor((64, 128), "float32")):
            with T.Kernel(2, 2) as (bx, by):
                a = T.alloc_shared((bm, bn), "float32")
                T.copy(A[by * bm:by * bm + bm, bx * bn:(bx + 1) * bn], a)
                T.copy(a, C[by * bm:(by + 1) * bm, bx * bn:bx * bn + bn])
                T.copy(A[:bm, bn:2 * bn], a)
    else:
        @T.prim_func
        def sliced(A: T.Tensor((64, 128), "float32"), C: T.Tensor((64, 128), "float32")):
            with T.Kernel(2, 2) as (bx, by):
                a = T.alloc_shared((bm, bn), "float32")
                T.copy(A[by * bm, bx * bn], a)
                T.copy(a, C[by * bm, bx * bn])
                T.copy(A[0, bn], a)
    return sliced


def test_copy_slices_match_the_index_form(filecheck) -> None:
    """`A[i:i+m, j:j+n]` (and `A[:m, ...]`) is the region at (i, j) with the buffer's
    extents: the same program as the one written with `A[i, j]`."""
    text = _sliced(32, 64, slices=True).ir()
    assert text == _sliced(32, 64, slices=False).ir()
    filecheck(text, checks("""
        CHECK:      func.func @sliced([[A:SSA]]: memref<64x128xf32>, [[C:SSA]]: memref<64x128xf32>) {
        CHECK-NEXT:   tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (2, 2) {
        CHECK-DAG:      [[C32:SSA]] = arith.constant 32 : index
        CHECK-DAG:      [[C64:SSA]] = arith.constant 64 : index
        CHECK-DAG:      [[C0:SSA]] = arith.constant 0 : index
        CHECK:          [[AS:SSA]] = tt.alloc_shared : memref<32x64xf32>
        CHECK-NEXT:     [[ROW:SSA]] = arith.muli [[BY]], [[C32]] : index
        CHECK-NEXT:     [[COL:SSA]] = arith.muli [[BX]], [[C64]] : index
        CHECK-NEXT:     tt.copy [[A]][[[ROW]], [[COL]]] to [[AS]] : memref<64x128xf32> to memref<32x64xf32>
        CHECK-NEXT:     tt.copy [[AS]] to [[C]][[[ROW]], [[COL]]] : memref<32x64xf32> to memref<64x128xf32>
        CHECK-NEXT:     tt.copy [[A]][[[C0]], [[C64]]] to [[AS]] : memref<64x128xf32> to memref<32x64xf32>
        CHECK-NEXT:   }
    """))


def test_copy_slice_extent_must_match_the_buffer() -> None:
    with pytest.raises(TileLangError, match="extent"):
        @T.prim_func
        def bad_slice(A: T.Tensor((64, 64), "float32")):
            with T.Kernel(1, 1) as (bx, by):
                a = T.alloc_shared((32, 32), "float32")
                T.copy(A[0:64, 0:32], a)


def test_copy_whole_tensor_of_the_buffer_shape(filecheck) -> None:
    """`T.copy(A, buf)` / `T.copy(buf, C)`: the whole tensor, at offset (0, 0)."""

    @T.prim_func
    def whole(A: T.Tensor((32, 64), "bfloat16"), C: T.Tensor((32, 64), "float")):
        with T.Kernel(1, 1) as (bx, by):
            a = T.alloc_shared((32, 64), "bfloat16")
            T.copy(A, a)
            T.copy(a, C)

    filecheck(whole.ir(), checks("""
        CHECK:      func.func @whole([[A:SSA]]: memref<32x64xbf16>, [[C:SSA]]: memref<32x64xf32>) {
        CHECK-NEXT:   tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (1, 1) {
        CHECK-NEXT:     [[C0:SSA]] = arith.constant 0 : index
        CHECK-NEXT:     [[AS:SSA]] = tt.alloc_shared : memref<32x64xbf16>
        CHECK-NEXT:     tt.copy [[A]][[[C0]], [[C0]]] to [[AS]] : memref<32x64xbf16> to memref<32x64xbf16>
        CHECK-NEXT:     tt.copy [[AS]] to [[C]][[[C0]], [[C0]]] : memref<32x64xbf16> to memref<32x64xf32>
        CHECK-NEXT:   }
    """))


def test_copy_whole_tensor_of_another_shape_is_rejected() -> None:
    with pytest.raises(TileLangError):
        @T.prim_func
        def partial(A: T.Tensor((64, 32), "float32"), C: T.Tensor((64, 32), "float32")):
            with T.Kernel(1, 1) as (bx, by):
                a = T.alloc_shared((32, 32), "float32")
                T.copy(A, a)
                T.copy(a, C)


# --------------------------------------------------------------------------- T.gemm


def test_gemm_with_and_without_transpose_b(filecheck) -> None:
    @T.prim_func
    def gemms(A: T.Tensor((64, 32), "bfloat16"), B: T.Tensor((64, 32), "bfloat16")):
        with T.Kernel(1, 1) as (bx, by):
            a = T.alloc_shared((64, 32), "bfloat16")
            b = T.alloc_shared((64, 32), "bfloat16")
            bt = T.alloc_shared((32, 64), "bfloat16")
            c = T.alloc_fragment((64, 64), "float")
            T.gemm(a, b, c, transpose_B=True)
            T.gemm(a, bt, c)
            T.gemm(a, bt, c, transpose_A=False, transpose_B=False)

    filecheck(gemms.ir(), checks("""
        CHECK:      tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (1, 1) {
        CHECK-NEXT:   [[AS:SSA]] = tt.alloc_shared : memref<64x32xbf16>
        CHECK-NEXT:   [[BS:SSA]] = tt.alloc_shared : memref<64x32xbf16>
        CHECK-NEXT:   [[BT:SSA]] = tt.alloc_shared : memref<32x64xbf16>
        CHECK-NEXT:   [[CL:SSA]] = tt.alloc_fragment : memref<64x64xf32>
        CHECK-NEXT:   tt.gemm [[AS]], [[BS]], [[CL]] transpose_b : memref<64x32xbf16>, memref<64x32xbf16>, memref<64x64xf32>{{$}}
        CHECK-NEXT:   tt.gemm [[AS]], [[BT]], [[CL]] : memref<64x32xbf16>, memref<32x64xbf16>, memref<64x64xf32>{{$}}
        CHECK-NEXT:   tt.gemm [[AS]], [[BT]], [[CL]] : memref<64x32xbf16>, memref<32x64xbf16>, memref<64x64xf32>{{$}}
        CHECK-NEXT: }
    """))


def gemm_with_flags(trans_B: bool, relu: bool, scale: float | None = None):
    """A gemm written as TileLang's own tests write it: Python flags of the enclosing
    function choose, with `if`, the B layout, the transpose and the epilogue."""
    M = N = K = 64
    bm = bn = bk = 32
    B_shape = (N, K) if trans_B else (K, N)
    B_shared_shape = (bn, bk) if trans_B else (bk, bn)

    @T.prim_func
    def gemm_flags(A: T.Tensor((M, K), "bfloat16"), B: T.Tensor(B_shape, "bfloat16"),
                   C: T.Tensor((M, N), "float32")):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm), threads=128) as (bx, by):
            A_shared = T.alloc_shared((bm, bk), "bfloat16")
            B_shared = T.alloc_shared(B_shared_shape, "bfloat16")
            C_local = T.alloc_fragment((bm, bn), "float")
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, bk), num_stages=2):
                T.copy(A[by * bm, k * bk], A_shared)
                if trans_B:
                    T.copy(B[bx * bn, k * bk], B_shared)
                else:
                    T.copy(B[k * bk, bx * bn], B_shared)
                T.gemm(A_shared, B_shared, C_local, False, trans_B)
            if relu or scale is not None:
                for i, j in T.Parallel(bm, bn):
                    if not relu:
                        C_local[i, j] = C_local[i, j] * scale
                    elif scale is None and 0 < bm <= 32:
                        C_local[i, j] = T.max(C_local[i, j], 0)
            T.copy(C_local, C[by * bm, bx * bn])

    return gemm_flags


def test_if_on_compile_time_flags_compiles_the_branch_taken(filecheck) -> None:
    filecheck(gemm_with_flags(trans_B=True, relu=True).ir(), checks("""
        CHECK:      scf.for
        CHECK:        tt.copy %A[{{.*}}] to [[AS:SSA]] : memref<64x64xbf16> to memref<32x32xbf16>
        CHECK-NEXT:   tt.copy %B[{{.*}}] to [[BS:SSA]] : memref<64x64xbf16> to memref<32x32xbf16>
        CHECK-NEXT:   tt.gemm [[AS]], [[BS]], [[CL:SSA]] transpose_b :
        CHECK-NEXT: } {tt.pipeline = #tt.pipeline<stages = 2>}
        CHECK-NEXT: tt.relu [[CL]] to [[CL1:SSA]] : memref<32x32xf32>
        CHECK-NEXT: tt.copy [[CL1]] to %C
    """))
    filecheck(gemm_with_flags(trans_B=False, relu=False, scale=0.5).ir(), checks("""
        CHECK:        tt.gemm [[AS:SSA]], [[BS:SSA]], [[CL:SSA]] : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>{{$}}
        CHECK-NEXT: } {tt.pipeline = #tt.pipeline<stages = 2>}
        CHECK-NEXT: tt.mul_scalar [[CL]], 5.000000e-01 to [[CL1:SSA]] : memref<32x32xf32>
        CHECK-NEXT: tt.copy [[CL1]] to %C
    """))
    filecheck(gemm_with_flags(trans_B=False, relu=False).ir(), checks("""
        CHECK:      tt.gemm
        CHECK-NEXT: } {tt.pipeline = #tt.pipeline<stages = 2>}
        CHECK-NEXT: tt.copy [[CL:SSA]] to %C
        CHECK-NOT:  tt.relu
    """))


def test_conditional_expressions_and_comparisons_at_compile_time(filecheck) -> None:
    wide, mode = True, "fast"

    @T.prim_func
    def pick(A: T.Tensor((64, 64), "bfloat16")):
        with T.Kernel(1, 1) as (bx, by):
            a = T.alloc_shared((64, 64) if wide and mode in ("fast", "slow") else (32, 32), "bfloat16")
            b = T.alloc_shared((32, 64) if 0 < BLOCK <= 16 or not wide else (64, 32), "bfloat16")
            if mode != "fast":
                c = T.alloc_shared((16, 16), "bfloat16")
            elif BLOCK == 32 and mode is not None:
                c = T.alloc_shared((96, 32), "bfloat16")
            else:
                c = T.alloc_shared((128, 32), "bfloat16")
            T.copy(A[0, 0], a)

    filecheck(pick.ir(), checks("""
        CHECK:      tt.alloc_shared : memref<64x64xbf16>
        CHECK-NEXT: tt.alloc_shared : memref<64x32xbf16>
        CHECK-NEXT: tt.alloc_shared : memref<96x32xbf16>
        CHECK-NEXT: tt.copy
    """))


def test_and_or_evaluate_each_operand_once_and_short_circuit() -> None:
    calls = []

    def flag(value):
        calls.append(value)
        return value

    @T.prim_func
    def pick(A: T.Tensor((64, 64), "bfloat16")):
        with T.Kernel(1, 1) as (bx, by):
            if flag(1) and flag(0) and flag(2):
                a = T.alloc_shared((64, 64), "bfloat16")
            elif flag(0) or flag(3):
                a = T.alloc_shared((32, 32), "bfloat16")
            T.copy(A[0, 0], a)

    pick.ir()
    assert calls == [1, 0, 0, 3]


def test_numerics_gemm_variants_chosen_by_if() -> None:
    pytest.importorskip("tt_dialect.emu")
    rng = np.random.default_rng(5)
    a = bf16_values(rng, (64, 64))
    b = bf16_values(rng, (64, 64))
    for trans_B, relu, scale in ((False, False, None), (True, True, None), (False, False, 0.5)):
        kernel = tilelang_tt.compile(
            gemm_with_flags(trans_B, relu, scale), out_idx=-1, grid="2x2", cache=NUMERICS_CACHE
        )
        c = kernel(a, b)
        expected = a @ (b.T if trans_B else b)
        expected = np.maximum(expected, 0) if relu else expected * (scale or 1.0)
        # As test_numerics_gemm_transpose_b_relu: exact products, f32 sums, f32 output.
        np.testing.assert_allclose(c, expected, rtol=0, atol=64 * 64 * 2.0**-24)


# --------------------------------------------------------------------------- loops


def test_pipelined_loop_carries_the_stages(filecheck) -> None:
    """`T.Pipelined(n, num_stages=s)`: scf.for 0..n step 1 with `tt.pipeline`; a K loop
    of the gemm example, with the block-index offsets hoisted out of it."""
    M, N, K, bm, bn, bk = 64, 64, 128, 32, 32, 32

    @T.prim_func
    def pipelined(A: T.Tensor((M, K), "bfloat16"), B: T.Tensor((K, N), "bfloat16"),
                  C: T.Tensor((M, N), "bfloat16")):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm), threads=128) as (bx, by):
            A_shared = T.alloc_shared((bm, bk), "bfloat16")
            B_shared = T.alloc_shared((bk, bn), "bfloat16")
            C_local = T.alloc_fragment((bm, bn), "float")
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, bk), num_stages=3):
                T.copy(A[by * bm, k * bk], A_shared)
                T.copy(B[k * bk, bx * bn], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[by * bm, bx * bn])

    filecheck(pipelined.ir(), checks("""
        CHECK:      func.func @pipelined([[A:SSA]]: memref<64x128xbf16>, [[B:SSA]]: memref<128x64xbf16>, [[C:SSA]]: memref<64x64xbf16>) {
        CHECK-NEXT:   tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (2, 2) {
        CHECK-DAG:      [[C0:SSA]] = arith.constant 0 : index
        CHECK-DAG:      [[C1:SSA]] = arith.constant 1 : index
        CHECK-DAG:      [[C4:SSA]] = arith.constant 4 : index
        CHECK-DAG:      [[C32:SSA]] = arith.constant 32 : index
        CHECK:          [[AS:SSA]] = tt.alloc_shared : memref<32x32xbf16>
        CHECK-NEXT:     [[BS:SSA]] = tt.alloc_shared : memref<32x32xbf16>
        CHECK-NEXT:     [[CL:SSA]] = tt.alloc_fragment : memref<32x32xf32>
        CHECK-NEXT:     tt.clear [[CL]] : memref<32x32xf32>
        CHECK-NEXT:     [[ROW:SSA]] = arith.muli [[BY]], [[C32]] : index
        CHECK-NEXT:     [[COL:SSA]] = arith.muli [[BX]], [[C32]] : index
        CHECK-NEXT:     scf.for [[K:SSA]] = [[C0]] to [[C4]] step [[C1]] {
        CHECK-NEXT:       [[KK:SSA]] = arith.muli [[K]], [[C32]] : index
        CHECK-NEXT:       tt.copy [[A]][[[ROW]], [[KK]]] to [[AS]] : memref<64x128xbf16> to memref<32x32xbf16>
        CHECK-NEXT:       tt.copy [[B]][[[KK]], [[COL]]] to [[BS]] : memref<128x64xbf16> to memref<32x32xbf16>
        CHECK-NEXT:       tt.gemm [[AS]], [[BS]], [[CL]] : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>{{$}}
        CHECK-NEXT:     } {tt.pipeline = #tt.pipeline<stages = 3>}
        CHECK-NEXT:     tt.copy [[CL]] to [[C]][[[ROW]], [[COL]]] : memref<32x32xf32> to memref<64x64xbf16>
        CHECK-NEXT:   }
        CHECK-NEXT:   func.return
    """))


def test_pipelined_without_stages_has_no_attribute(filecheck) -> None:
    """num_stages=0 (and no num_stages) is a plain loop; T.Pipelined(start, stop) too."""

    @T.prim_func
    def unpipelined(A: T.Tensor((128, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            a = T.alloc_shared((32, 32), "float32")
            for k in T.Pipelined(4, num_stages=0):
                T.copy(A[k * 32, 0], a)
            for k in T.Pipelined(4):
                T.copy(A[k * 32, 0], a)
            for k in T.Pipelined(1, 3, num_stages=2):
                T.copy(A[k * 32, 0], a)

    filecheck(unpipelined.ir(), checks("""
        CHECK-DAG:      [[C0:SSA]] = arith.constant 0 : index
        CHECK-DAG:      [[C1:SSA]] = arith.constant 1 : index
        CHECK-DAG:      [[C3:SSA]] = arith.constant 3 : index
        CHECK-DAG:      [[C4:SSA]] = arith.constant 4 : index
        CHECK-DAG:      [[C32:SSA]] = arith.constant 32 : index
        CHECK:          [[AS:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT:     scf.for [[K:SSA]] = [[C0]] to [[C4]] step [[C1]] {
        CHECK-NEXT:       [[I:SSA]] = arith.muli [[K]], [[C32]] : index
        CHECK-NEXT:       tt.copy [[A:SSA]][[[I]], [[C0]]] to [[AS]] : memref<128x32xf32> to memref<32x32xf32>
        CHECK-NEXT:     }{{$}}
        CHECK-NEXT:     scf.for [[K2:SSA]] = [[C0]] to [[C4]] step [[C1]] {
        CHECK-NEXT:       [[I2:SSA]] = arith.muli [[K2]], [[C32]] : index
        CHECK-NEXT:       tt.copy [[A]][[[I2]], [[C0]]] to [[AS]] : memref<128x32xf32> to memref<32x32xf32>
        CHECK-NEXT:     }{{$}}
        CHECK-NEXT:     scf.for [[K3:SSA]] = [[C1]] to [[C3]] step [[C1]] {
        CHECK-NEXT:       [[I3:SSA]] = arith.muli [[K3]], [[C32]] : index
        CHECK-NEXT:       tt.copy [[A]][[[I3]], [[C0]]] to [[AS]] : memref<128x32xf32> to memref<32x32xf32>
        CHECK-NEXT:     } {tt.pipeline = #tt.pipeline<stages = 2>}
        CHECK-NEXT:   }
        CHECK-NOT:    tt.pipeline
    """))


def test_serial_and_range_with_start_stop_step(filecheck) -> None:
    n = 8

    @T.prim_func
    def loops(A: T.Tensor((256, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            a = T.alloc_shared((32, 32), "float32")
            for k in T.serial(n):
                T.copy(A[k * 32, 0], a)
            for k in T.serial(2, 6):
                T.copy(A[k * 32, 0], a)
            for k in T.serial(1, n, 3):
                T.copy(A[k * 32, 0], a)
            for k in range(n // 2):
                T.copy(A[k * 32, 0], a)
            for k in range(3, n):
                T.copy(A[k * 32, 0], a)
            for k in range(0, n, 2):
                T.copy(A[k * 32, 0], a)

    filecheck(loops.ir(), checks("""
        CHECK-DAG:  [[C0:SSA]] = arith.constant 0 : index
        CHECK-DAG:  [[C1:SSA]] = arith.constant 1 : index
        CHECK-DAG:  [[C2:SSA]] = arith.constant 2 : index
        CHECK-DAG:  [[C3:SSA]] = arith.constant 3 : index
        CHECK-DAG:  [[C4:SSA]] = arith.constant 4 : index
        CHECK-DAG:  [[C6:SSA]] = arith.constant 6 : index
        CHECK-DAG:  [[C8:SSA]] = arith.constant 8 : index
        CHECK-DAG:  [[C32:SSA]] = arith.constant 32 : index
        CHECK:      [[AS:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: scf.for [[K1:SSA]] = [[C0]] to [[C8]] step [[C1]] {
        CHECK-NEXT:   [[I1:SSA]] = arith.muli [[K1]], [[C32]] : index
        CHECK-NEXT:   tt.copy [[A:SSA]][[[I1]], [[C0]]] to [[AS]]
        CHECK-NEXT: }{{$}}
        CHECK-NEXT: scf.for [[K2:SSA]] = [[C2]] to [[C6]] step [[C1]] {
        CHECK-NEXT:   [[I2:SSA]] = arith.muli [[K2]], [[C32]] : index
        CHECK-NEXT:   tt.copy [[A]][[[I2]], [[C0]]] to [[AS]]
        CHECK-NEXT: }{{$}}
        CHECK-NEXT: scf.for [[K3:SSA]] = [[C1]] to [[C8]] step [[C3]] {
        CHECK-NEXT:   [[I3:SSA]] = arith.muli [[K3]], [[C32]] : index
        CHECK-NEXT:   tt.copy [[A]][[[I3]], [[C0]]] to [[AS]]
        CHECK-NEXT: }{{$}}
        CHECK-NEXT: scf.for [[K4:SSA]] = [[C0]] to [[C4]] step [[C1]] {
        CHECK-NEXT:   [[I4:SSA]] = arith.muli [[K4]], [[C32]] : index
        CHECK-NEXT:   tt.copy [[A]][[[I4]], [[C0]]] to [[AS]]
        CHECK-NEXT: }{{$}}
        CHECK-NEXT: scf.for [[K5:SSA]] = [[C3]] to [[C8]] step [[C1]] {
        CHECK-NEXT:   [[I5:SSA]] = arith.muli [[K5]], [[C32]] : index
        CHECK-NEXT:   tt.copy [[A]][[[I5]], [[C0]]] to [[AS]]
        CHECK-NEXT: }{{$}}
        CHECK-NEXT: scf.for [[K6:SSA]] = [[C0]] to [[C8]] step [[C2]] {
        CHECK-NEXT:   [[I6:SSA]] = arith.muli [[K6]], [[C32]] : index
        CHECK-NEXT:   tt.copy [[A]][[[I6]], [[C0]]] to [[AS]]
        CHECK-NEXT: }{{$}}
        CHECK-NEXT: }
        CHECK-NEXT: func.return
    """))


# --------------------------------------------------------------------------- T.Parallel


def test_parallel_binary_and_unary_ops(filecheck) -> None:
    """`z[i, j] = x[i, j] <op> y[i, j]` for + - *, T.exp(x), T.max(x, 0) and T.max(0, x)
    (relu), and a plain element copy, each one op on whole buffers."""

    @T.prim_func
    def elementwise(A: T.Tensor((32, 64), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            x = T.alloc_shared((32, 64), "float32")
            y = T.alloc_shared((32, 64), "bfloat16")
            z0 = T.alloc_fragment((32, 64), "float")
            z1 = T.alloc_fragment((32, 64), "float")
            z2 = T.alloc_fragment((32, 64), "float")
            z3 = T.alloc_fragment((32, 64), "float")
            z4 = T.alloc_fragment((32, 64), "float")
            z5 = T.alloc_fragment((32, 64), "float")
            z6 = T.alloc_fragment((32, 64), "float")
            for i, j in T.Parallel(32, 64):
                z0[i, j] = x[i, j] + y[i, j]
                z1[i, j] = y[i, j] - x[i, j]
                z2[i, j] = x[i, j] * x[i, j]
                z3[i, j] = T.exp(x[i, j])
                z4[i, j] = T.max(y[i, j], 0)
                z5[i, j] = T.max(0, x[i, j])
                z6[i, j] = T.max(x[i, j], 0.0)
                y[i, j] = x[i, j]

    filecheck(elementwise.ir(), checks("""
        CHECK:      tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (1, 1) {
        CHECK-NEXT:   [[X:SSA]] = tt.alloc_shared : memref<32x64xf32>
        CHECK-NEXT:   [[Y:SSA]] = tt.alloc_shared : memref<32x64xbf16>
        CHECK-NEXT:   [[Z0:SSA]] = tt.alloc_fragment : memref<32x64xf32>
        CHECK-NEXT:   [[Z1:SSA]] = tt.alloc_fragment : memref<32x64xf32>
        CHECK-NEXT:   [[Z2:SSA]] = tt.alloc_fragment : memref<32x64xf32>
        CHECK-NEXT:   [[Z3:SSA]] = tt.alloc_fragment : memref<32x64xf32>
        CHECK-NEXT:   [[Z4:SSA]] = tt.alloc_fragment : memref<32x64xf32>
        CHECK-NEXT:   [[Z5:SSA]] = tt.alloc_fragment : memref<32x64xf32>
        CHECK-NEXT:   [[Z6:SSA]] = tt.alloc_fragment : memref<32x64xf32>
        CHECK-NEXT:   tt.add [[X]], [[Y]] to [[Z0]] : memref<32x64xf32>, memref<32x64xbf16> to memref<32x64xf32>
        CHECK-NEXT:   tt.sub [[Y]], [[X]] to [[Z1]] : memref<32x64xbf16>, memref<32x64xf32> to memref<32x64xf32>
        CHECK-NEXT:   tt.mul [[X]], [[X]] to [[Z2]] : memref<32x64xf32>{{$}}
        CHECK-NEXT:   tt.exp [[X]] to [[Z3]] : memref<32x64xf32>{{$}}
        CHECK-NEXT:   tt.relu [[Y]] to [[Z4]] : memref<32x64xbf16> to memref<32x64xf32>
        CHECK-NEXT:   tt.relu [[X]] to [[Z5]] : memref<32x64xf32>{{$}}
        CHECK-NEXT:   tt.relu [[X]] to [[Z6]] : memref<32x64xf32>{{$}}
        CHECK-NEXT:   tt.copy [[X]] to [[Y]] : memref<32x64xf32> to memref<32x64xbf16>
        CHECK-NEXT: }
    """))


def test_stores_to_a_computed_buffer_go_to_new_versions(filecheck) -> None:
    """In straight-line code a store to a buffer that holds a value goes to a new buffer
    (later uses of the name see it), a gemm's result included; in a loop, a buffer the loop
    carries stays in place."""

    @T.prim_func
    def versions(A: T.Tensor((32, 32), "float32"), B: T.Tensor((32, 32), "float32"),
                 C: T.Tensor((32, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            a = T.alloc_shared((32, 32), "float32")
            c = T.alloc_shared((32, 32), "float32")
            acc = T.alloc_fragment((32, 32), "float32")
            T.copy(A, a)
            for i, j in T.Parallel(32, 32):
                c[i, j] = a[i, j] + a[i, j]
                c[i, j] = T.exp(c[i, j])
                a[i, j] *= c[i, j]
            T.copy(a, C)
            T.clear(acc)
            T.gemm(a, c, acc)
            for i, j in T.Parallel(32, 32):
                acc[i, j] = T.max(acc[i, j], 0)
            for k in T.serial(2):
                for i, j in T.Parallel(32, 32):
                    c[i, j] = c[i, j] * c[i, j]
            T.copy(c, B)

    filecheck(versions.ir(), checks("""
        CHECK:      tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (1, 1) {
        CHECK:        [[A:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT:   [[A1:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT:   [[C:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT:   [[C1:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT:   [[ACC:SSA]] = tt.alloc_fragment : memref<32x32xf32>
        CHECK-NEXT:   [[ACC1:SSA]] = tt.alloc_fragment : memref<32x32xf32>
        CHECK-NEXT:   tt.copy %A[{{.*}}] to [[A]]
        CHECK-NEXT:   tt.add [[A]], [[A]] to [[C]]
        CHECK-NEXT:   tt.exp [[C]] to [[C1]]
        CHECK-NEXT:   tt.mul [[A]], [[C1]] to [[A1]]
        CHECK-NEXT:   tt.copy [[A1]] to %C[{{.*}}]
        CHECK-NEXT:   tt.clear [[ACC]]
        CHECK-NEXT:   tt.gemm [[A1]], [[C1]], [[ACC]]
        CHECK-NEXT:   tt.relu [[ACC]] to [[ACC1]]
        CHECK-NEXT:   scf.for
        CHECK-NEXT:     tt.mul [[C1]], [[C1]] to [[C1]]
        CHECK:        tt.copy [[C1]] to %B[{{.*}}]
    """))


def test_parallel_division_is_a_product_with_the_reciprocal(filecheck) -> None:
    """`x / y` between elements is `x * (1 / y)`: Tensix's FPU does not divide."""

    @T.prim_func
    def divide(A: T.Tensor((32, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            x = T.alloc_shared((32, 32), "float32")
            for i, j in T.Parallel(32, 32):
                x[i, j] = x[i, j] / x[i, j]

    filecheck(divide.ir(), checks("""
        CHECK:      tt.recip [[X:%x]] to [[R:SSA]] : memref<32x32xf32>{{$}}
        CHECK-NEXT: tt.mul [[X]], [[R]] to [[X1:SSA]] : memref<32x32xf32>{{$}}
    """))


def test_parallel_compound_expression_uses_temporaries(filecheck) -> None:
    """`T.max((a + b) * (a - b), 0)`: each inner result goes to a fresh shared buffer of
    the destination's element type, then the outer ops consume them."""

    @T.prim_func
    def compound(A: T.Tensor((32, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            a = T.alloc_shared((32, 32), "bfloat16")
            b = T.alloc_shared((32, 32), "bfloat16")
            c = T.alloc_fragment((32, 32), "float")
            for i, j in T.Parallel(32, 32):
                c[i, j] = T.max((a[i, j] + b[i, j]) * (a[i, j] - b[i, j]), 0)

    filecheck(compound.ir(), checks("""
        CHECK:      tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (1, 1) {
        CHECK-NEXT:   [[PROD:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT:   [[SUM:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT:   [[DIFF:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT:   [[A:SSA]] = tt.alloc_shared : memref<32x32xbf16>
        CHECK-NEXT:   [[B:SSA]] = tt.alloc_shared : memref<32x32xbf16>
        CHECK-NEXT:   [[C:SSA]] = tt.alloc_fragment : memref<32x32xf32>
        CHECK-NEXT:   tt.add [[A]], [[B]] to [[SUM]] : memref<32x32xbf16>, memref<32x32xbf16> to memref<32x32xf32>
        CHECK-NEXT:   tt.sub [[A]], [[B]] to [[DIFF]] : memref<32x32xbf16>, memref<32x32xbf16> to memref<32x32xf32>
        CHECK-NEXT:   tt.mul [[SUM]], [[DIFF]] to [[PROD]] : memref<32x32xf32>{{$}}
        CHECK-NEXT:   tt.relu [[PROD]] to [[C]] : memref<32x32xf32>{{$}}
        CHECK-NEXT: }
    """))


def test_parallel_names_bound_to_elements(filecheck) -> None:
    """`t = a[i, j] + b[i, j]; c[i, j] = T.exp(t)`: t is a temporary buffer."""

    @T.prim_func
    def bound(A: T.Tensor((32, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            a = T.alloc_shared((32, 32), "float32")
            b = T.alloc_shared((32, 32), "float32")
            c = T.alloc_fragment((32, 32), "float32")
            for i, j in T.Parallel(32, 32):
                t = a[i, j] + b[i, j]
                c[i, j] = T.exp(t)

    filecheck(bound.ir(), checks("""
        CHECK:      tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (1, 1) {
        CHECK-NEXT:   [[T:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT:   [[A:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT:   [[B:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT:   [[C:SSA]] = tt.alloc_fragment : memref<32x32xf32>
        CHECK-NEXT:   tt.add [[A]], [[B]] to [[T]] : memref<32x32xf32>{{$}}
        CHECK-NEXT:   tt.exp [[T]] to [[C]] : memref<32x32xf32>{{$}}
        CHECK-NEXT: }
    """))


def test_parallel_augmented_assignment(filecheck) -> None:
    @T.prim_func
    def augmented(A: T.Tensor((32, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            a = T.alloc_shared((32, 32), "float32")
            c = T.alloc_fragment((32, 32), "float32")
            for i, j in T.Parallel(32, 32):
                c[i, j] += a[i, j]
                c[i, j] -= a[i, j]
                c[i, j] *= a[i, j]

    filecheck(augmented.ir(), checks("""
        CHECK:      [[A:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[C:SSA]] = tt.alloc_fragment : memref<32x32xf32>
        CHECK-NEXT: [[C1:SSA]] = tt.alloc_fragment : memref<32x32xf32>
        CHECK-NEXT: [[C2:SSA]] = tt.alloc_fragment : memref<32x32xf32>
        CHECK-NEXT: tt.add [[C]], [[A]] to [[C]] : memref<32x32xf32>{{$}}
        CHECK-NEXT: tt.sub [[C]], [[A]] to [[C1]] : memref<32x32xf32>{{$}}
        CHECK-NEXT: tt.mul [[C1]], [[A]] to [[C2]] : memref<32x32xf32>{{$}}
        CHECK-NEXT: }
    """))


def test_parallel_tensor_elements_at_offsets(filecheck) -> None:
    """The elementwise-add example's form: tensor elements at block offsets are staged
    through blocks (each tensor block read once per T.Parallel loop, however often it
    appears), the result is computed into a block and written back at the offsets."""
    M, N, bm, bn = 64, 128, 32, 64

    @T.prim_func
    def offsets(A: T.Tensor((M, N), "bfloat16"), B: T.Tensor((M, N), "bfloat16"),
                C: T.Tensor((M, N), "float")):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm), threads=128) as (bx, by):
            x0 = bx * bn
            y0 = by * bm
            for i, j in T.Parallel(bm, bn):
                y = y0 + i
                C[y, x0 + j] = A[y, x0 + j] * B[y0 + i, j + x0] + A[y0 + i, x0 + j]

    filecheck(offsets.ir(), checks("""
        CHECK:      func.func @offsets([[A:SSA]]: memref<64x128xbf16>, [[B:SSA]]: memref<64x128xbf16>, [[C:SSA]]: memref<64x128xf32>) {
        CHECK-NEXT:   tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (2, 2) {
        CHECK-DAG:      [[C64:SSA]] = arith.constant 64 : index
        CHECK-DAG:      [[C32:SSA]] = arith.constant 32 : index
        CHECK:          [[CB:SSA]] = tt.alloc_shared : memref<32x64xf32>
        CHECK-NEXT:     [[TMP:SSA]] = tt.alloc_shared : memref<32x64xf32>
        CHECK-NEXT:     [[AB:SSA]] = tt.alloc_shared : memref<32x64xbf16>
        CHECK-NEXT:     [[BB:SSA]] = tt.alloc_shared : memref<32x64xbf16>
        CHECK-NEXT:     [[ROW:SSA]] = arith.muli [[BY]], [[C32]] : index
        CHECK-NEXT:     [[COL:SSA]] = arith.muli [[BX]], [[C64]] : index
        CHECK-NEXT:     tt.copy [[A]][[[ROW]], [[COL]]] to [[AB]] : memref<64x128xbf16> to memref<32x64xbf16>
        CHECK-NEXT:     tt.copy [[B]][[[ROW]], [[COL]]] to [[BB]] : memref<64x128xbf16> to memref<32x64xbf16>
        CHECK-NEXT:     tt.mul [[AB]], [[BB]] to [[TMP]] : memref<32x64xbf16>, memref<32x64xbf16> to memref<32x64xf32>
        CHECK-NEXT:     tt.add [[TMP]], [[AB]] to [[CB]] : memref<32x64xf32>, memref<32x64xbf16> to memref<32x64xf32>
        CHECK-NEXT:     tt.copy [[CB]] to [[C]][[[ROW]], [[COL]]] : memref<32x64xf32> to memref<64x128xf32>
        CHECK-NEXT:   }
        CHECK-NEXT:   func.return
    """))


# --------------------------------------------------------------------------- index arithmetic


def test_affine_index_arithmetic_and_hoisting(filecheck) -> None:
    """`by * bm + 32` is computed once, before the loop that uses it; `(k + 1) * bk - bk`
    simplifies to `k * bk`; offsets that cancel out are constants; `bx * bn` used in the
    loop and after it is one value, computed outside the loop."""
    bm, bn, bk = 32, 32, 32

    @T.prim_func
    def affine(A: T.Tensor((128, 128), "bfloat16"), C: T.Tensor((128, 256), "bfloat16")):
        with T.Kernel(2, 2) as (bx, by):
            a = T.alloc_shared((bm, bk), "bfloat16")
            for k in T.serial(3):
                T.copy(A[by * bm + 32, (k + 1) * bk - bk], a)
                T.copy(a, C[bx * bn, (k + 1) * 64])
            T.copy(a, C[bx * bn, 2 * bx * 16 - bx * 32])
            T.copy(a, C[by * bm + 32, -bx + bx + 96])

    filecheck(affine.ir(), checks("""
        CHECK:      func.func @affine([[A:SSA]]: memref<128x128xbf16>, [[C:SSA]]: memref<128x256xbf16>) {
        CHECK-NEXT: tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (2, 2) {
        CHECK-DAG:    [[C0:SSA]] = arith.constant 0 : index
        CHECK-DAG:    [[C1:SSA]] = arith.constant 1 : index
        CHECK-DAG:    [[C3:SSA]] = arith.constant 3 : index
        CHECK-DAG:    [[C32:SSA]] = arith.constant 32 : index
        CHECK-DAG:    [[C64:SSA]] = arith.constant 64 : index
        CHECK-DAG:    [[C96:SSA]] = arith.constant 96 : index
        CHECK:        [[AS:SSA]] = tt.alloc_shared : memref<32x32xbf16>
        CHECK-NEXT:   [[BYM:SSA]] = arith.muli [[BY]], [[C32]] : index
        CHECK-NEXT:   [[ROW:SSA]] = arith.addi [[BYM]], [[C32]] : index
        CHECK-NEXT:   [[BXN:SSA]] = arith.muli [[BX]], [[C32]] : index
        CHECK-NEXT:   scf.for [[K:SSA]] = [[C0]] to [[C3]] step [[C1]] {
        CHECK-NEXT:     [[KK:SSA]] = arith.muli [[K]], [[C32]] : index
        CHECK-NEXT:     tt.copy [[A]][[[ROW]], [[KK]]] to [[AS]] : memref<128x128xbf16> to memref<32x32xbf16>
        CHECK-NEXT:     [[K64:SSA]] = arith.muli [[K]], [[C64]] : index
        CHECK-NEXT:     [[COL:SSA]] = arith.addi [[K64]], [[C64]] : index
        CHECK-NEXT:     tt.copy [[AS]] to [[C]][[[BXN]], [[COL]]] : memref<32x32xbf16> to memref<128x256xbf16>
        CHECK-NEXT:   }{{$}}
        CHECK-NEXT:   tt.copy [[AS]] to [[C]][[[BXN]], [[C0]]] : memref<32x32xbf16> to memref<128x256xbf16>
        CHECK-NEXT:   tt.copy [[AS]] to [[C]][[[ROW]], [[C96]]] : memref<32x32xbf16> to memref<128x256xbf16>
        CHECK-NEXT: }
    """))


# --------------------------------------------------------------------------- compile-time Python


def test_compile_time_python_in_the_body(filecheck) -> None:
    """Calls other than T.* constructs (`min`, `max`), arithmetic on closure values and a
    module constant (BLOCK) are evaluated while parsing; names assigned in the body hold
    those values."""
    M, N, blk = 64, 128, 64

    @T.prim_func
    def static(A: T.Tensor((M, N), "bfloat16"), C: T.Tensor((M, N), "bfloat16")):
        with T.Kernel(N // BLOCK, M // min(blk, M)) as (bx, by):
            rows = min(blk, M)
            half = blk // 2
            a = T.alloc_shared((rows, half * 2 - BLOCK), "bfloat16")
            for k in T.Pipelined(N // BLOCK - 1, num_stages=max(1, 2)):
                T.copy(A[by * rows, k * BLOCK + half], a)
            T.copy(a, C[by * rows, bx * (N // 4)])

    filecheck(static.ir(), checks("""
        CHECK:      tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (4, 1) {
        CHECK-DAG:    [[C0:SSA]] = arith.constant 0 : index
        CHECK-DAG:    [[C1:SSA]] = arith.constant 1 : index
        CHECK-DAG:    [[C3:SSA]] = arith.constant 3 : index
        CHECK-DAG:    [[C32:SSA]] = arith.constant 32 : index
        CHECK-DAG:    [[C64:SSA]] = arith.constant 64 : index
        CHECK:        [[AS:SSA]] = tt.alloc_shared : memref<64x32xbf16>
        CHECK-NEXT:   [[ROW:SSA]] = arith.muli [[BY]], [[C64]] : index
        CHECK-NEXT:   scf.for [[K:SSA]] = [[C0]] to [[C3]] step [[C1]] {
        CHECK-NEXT:     [[KK:SSA]] = arith.muli [[K]], [[C32]] : index
        CHECK-NEXT:     [[COL:SSA]] = arith.addi [[KK]], [[C32]] : index
        CHECK-NEXT:     tt.copy [[A:SSA]][[[ROW]], [[COL]]] to [[AS]] : memref<64x128xbf16> to memref<64x32xbf16>
        CHECK-NEXT:   } {tt.pipeline = #tt.pipeline<stages = 2>}
        CHECK-NEXT:   [[OUT:SSA]] = arith.muli [[BX]], [[C32]] : index
        CHECK-NEXT:   tt.copy [[AS]] to [[C:SSA]][[[ROW]], [[OUT]]] : memref<64x32xbf16> to memref<64x128xbf16>
        CHECK-NEXT: }
    """))


# --------------------------------------------------------------------------- names of T


def _spelled_t(M: int, N: int):
    @T.prim_func
    def spelled(A: T.Tensor((M, N), "float32"), C: T.Tensor((M, N), "float32")):
        with T.Kernel(N // 32, M // 32, threads=128) as (bx, by):
            a = T.alloc_shared((32, 32), "float32")
            T.copy(A[by * 32, bx * 32], a)
            for i, j in T.Parallel(32, 32):
                a[i, j] = T.exp(a[i, j])
            T.copy(a, C[by * 32, bx * 32])

    return spelled


def test_constructs_are_recognised_by_identity_not_spelling(filecheck) -> None:
    """The same program written with `import tilelang_tt.language as L`, `from tilelang_tt
    import language as language_module` and constructs imported under other names
    (`Kernel as Grid`, `copy as move`, ...) is the same tile program."""
    M, N = 64, 64

    @L.prim_func
    def spelled(A: L.Tensor((M, N), "float32"), C: language_module.Buffer((M, N), "float32")):
        with Grid(N // 32, M // 32, threads=128) as (bx, by):
            a = scratch((32, 32), "float32")
            move(A[by * 32, bx * 32], a)
            for i, j in Each(32, 32):
                a[i, j] = language_module.exp(a[i, j])
            L.copy(a, C[by * 32, bx * 32])

    text = spelled.ir()
    assert text == _spelled_t(M, N).ir()
    filecheck(text, checks("""
        CHECK:      tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (2, 2) {
        CHECK:        [[AS:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT:   [[AS1:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK:        tt.copy [[A:SSA]][[[ROW:SSA]], [[COL:SSA]]] to [[AS]]
        CHECK-NEXT:   tt.exp [[AS]] to [[AS1]] : memref<32x32xf32>
        CHECK-NEXT:   tt.copy [[AS1]] to [[C:SSA]][[[ROW]], [[COL]]]
    """))


def test_a_lookalike_named_t_is_not_the_language() -> None:
    """A local object spelled `T` with a `Kernel` attribute is not T.Kernel."""

    class T:  # noqa: N801 - the point is the spelling
        @staticmethod
        def Kernel(*args, **kwargs):  # noqa: N802
            return None

        Tensor = language_module.Tensor

    with pytest.raises(TileLangError, match="Kernel"):
        @language_module.prim_func
        def impostor(A: T.Tensor((32, 32), "float32")):
            with T.Kernel(1, 1) as (bx, by):
                pass


# --------------------------------------------------------------------------- string annotations


FUTURE_MODULE = '''\
from __future__ import annotations

import tilelang_tt.language as T

M = 64
N = 32


def build(block, dtype="bfloat16"):
    @T.prim_func
    def future(A: T.Tensor((M, N), dtype), C: T.Tensor((M, N), "float")):
        with T.Kernel(M // block) as bx:
            a = T.alloc_shared((block, N), dtype)
            T.copy(A[bx * block, 0], a)
            T.copy(a, C[bx * block, 0])

    return future


def build_annotation_only_names(block, in_dtype="bfloat16", out_dtype="float"):
    # in_dtype / out_dtype appear only in annotations, as in TileLang's elementwise example
    @T.prim_func
    def future2(A: T.Tensor((M, N), in_dtype), C: T.Tensor((M, N), out_dtype)):
        with T.Kernel(M // block) as bx:
            for i, j in T.Parallel(block, N):
                C[bx * block + i, j] = T.exp(A[bx * block + i, j])

    return future2
'''


def _import_file(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


@pytest.fixture
def future_module(tmp_path: Path, request):
    path = tmp_path / f"future_{request.node.name}.py"
    path.write_text(FUTURE_MODULE)
    return _import_file(path, path.stem)


def test_string_annotations_under_future_import(future_module, filecheck) -> None:
    """`from __future__ import annotations` makes every annotation a string; they are
    evaluated in the function's scope (module globals, closure values)."""
    prim_func = future_module.build(32)
    assert isinstance(prim_func.tensors[0].shape, tuple)
    filecheck(prim_func.ir(), checks("""
        CHECK:      func.func @future([[A:SSA]]: memref<64x32xbf16>, [[C:SSA]]: memref<64x32xf32>) {
        CHECK-NEXT:   tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (2, 1) {
        CHECK-DAG:      [[C0:SSA]] = arith.constant 0 : index
        CHECK-DAG:      [[C32:SSA]] = arith.constant 32 : index
        CHECK:          [[AS:SSA]] = tt.alloc_shared : memref<32x32xbf16>
        CHECK-NEXT:     [[ROW:SSA]] = arith.muli [[BX]], [[C32]] : index
        CHECK-NEXT:     tt.copy [[A]][[[ROW]], [[C0]]] to [[AS]] : memref<64x32xbf16> to memref<32x32xbf16>
        CHECK-NEXT:     tt.copy [[AS]] to [[C]][[[ROW]], [[C0]]] : memref<32x32xbf16> to memref<64x32xf32>
        CHECK-NEXT:   }
    """))
    filecheck(future_module.build(64, "float32").ir(), checks("""
        CHECK:      func.func @future([[A:SSA]]: memref<64x32xf32>, [[C:SSA]]: memref<64x32xf32>) {
        CHECK-NEXT:   tt.launch_grid ([[BX:SSA]], [[BY:SSA]]) in (1, 1) {
        CHECK:          tt.alloc_shared : memref<64x32xf32>
    """))


def test_string_annotations_with_annotation_only_names(future_module, filecheck) -> None:
    prim_func = future_module.build_annotation_only_names(32)
    filecheck(prim_func.ir(), checks("""
        CHECK: func.func @future2([[A:SSA]]: memref<64x32xbf16>, [[C:SSA]]: memref<64x32xf32>) {
    """))


# --------------------------------------------------------------------------- locations


def _located():
    @T.prim_func
    def located(A: T.Tensor((64, 64), "bfloat16"), B: T.Tensor((64, 64), "bfloat16"),  # loc:func
                C: T.Tensor((64, 64), "float")):
        with T.Kernel(2, 2) as (bx, by):  # loc:kernel
            a = T.alloc_shared((32, 32), "bfloat16")  # loc:alloc
            b = T.alloc_shared((32, 32), "bfloat16")
            c = T.alloc_fragment((32, 32), "float")
            T.clear(c)  # loc:clear
            for k in T.Pipelined(2, num_stages=2):  # loc:loop
                T.copy(A[by * 32, k * 32], a)  # loc:copy
                T.copy(B[k * 32, bx * 32], b)
                T.gemm(a, b, c)  # loc:gemm
            for i, j in T.Parallel(32, 32):
                c[i, j] = T.max(c[i, j], 0)  # loc:relu
            T.copy(c, C[by * 32, bx * 32])

    return located


def _marker(tag: str, token: str) -> tuple[int, int]:
    """1-based (line, column) of `token` on the line of this file marked `# loc:tag`."""
    lines = Path(__file__).read_text().splitlines()
    (number,) = [n for n, line in enumerate(lines, 1) if line.rstrip().endswith(f"# loc:{tag}")]
    return number, lines[number - 1].index(token) + 1


def test_every_op_carries_its_python_source_location() -> None:
    prim_func = _located()
    ops = [op for op in prim_func.module.walk() if op.name != "builtin.module"]
    assert ops
    for op in ops:
        assert isinstance(op.location, FileLineColLoc), f"{op.name} has no source location"
        assert Path(op.location.filename.data).resolve() == Path(__file__).resolve()

    def where(name: str, nth: int = 0) -> tuple[int, int]:
        op = [op for op in ops if op.name == name][nth]
        return op.location.line.data, op.location.column.data

    assert where("func.func") == _marker("func", "def located")
    assert where("tt.launch_grid") == _marker("kernel", "with")
    assert where("tt.alloc_shared") == _marker("alloc", "T.alloc_shared")
    assert where("tt.clear") == _marker("clear", "T.clear")
    assert where("scf.for") == _marker("loop", "for")
    assert where("tt.copy") == _marker("copy", "T.copy")
    assert where("tt.gemm") == _marker("gemm", "T.gemm")
    assert where("tt.relu") == _marker("relu", "c[i, j]")
    # Index arithmetic names the statement that needed it.
    assert where("arith.muli", 0)[0] == _marker("copy", "T.copy")[0]


# --------------------------------------------------------------------------- determinism, round trips


def _everything(M: int = 64, N: int = 64, K: int = 64):
    """One program with most constructs, for determinism and round trips."""

    @T.prim_func
    def everything(A: T.Tensor((M, K), "bfloat16"), B: T.Tensor((N, K), "bfloat16"),
                   D: T.Tensor((M, N), "bfloat16"), C: T.Tensor((M, N), "float")):
        with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32), threads=128) as (bx, by):
            a = T.alloc_shared((32, 32), "bfloat16")
            b = T.alloc_shared((32, 32), "bfloat16")
            c = T.alloc_fragment((32, 32), "float")
            T.fill(c, 0)
            for k in T.Pipelined(K // 32, num_stages=2):
                T.copy(A[by * 32:by * 32 + 32, k * 32:(k + 1) * 32], a)
                T.copy(B[bx * 32, k * 32], b)
                T.gemm(a, b, c, transpose_B=True)
            for k in range(0, 2, 1):
                for i, j in T.Parallel(32, 32):
                    t = (c[i, j] - D[by * 32 + i, bx * 32 + j]) * c[i, j]
                    c[i, j] = T.max(0, t) + T.exp(c[i, j])
                    c[i, j] += D[by * 32 + i, bx * 32 + j]
            T.copy(c, C[by * 32, bx * 32])

    return everything


def test_building_twice_gives_identical_text() -> None:
    first, second = _everything(), _everything()
    assert first.module is not second.module
    assert first.ir() == second.ir() == print_module(second.module)
    assert _everything(128, 64, 96).ir() == _everything(128, 64, 96).ir()


DETERMINISM_SCRIPT = '''\
import sys
sys.path.insert(0, sys.argv[1])
import programs
sys.stdout.write(programs.build().ir())
'''


def test_text_is_identical_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    source = inspect.getsource(_everything)
    (tmp_path / "programs.py").write_text(
        "import tilelang_tt.language as T\n\n\n" + source + "\n\ndef build():\n    return _everything()\n"
    )
    outputs = []
    for seed in ("0", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, "-c", DETERMINISM_SCRIPT, str(tmp_path)],
                              capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    # The same program as in this process, up to nothing at all.
    assert outputs[0] == _everything().ir()


def test_ir_parses_back_unchanged() -> None:
    text = _everything().ir()
    assert print_module(parse_module(text)) == text


def test_empty_kernel_parses_back() -> None:
    @T.prim_func
    def empty(A: T.Tensor((32, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            pass

    text = empty.ir()
    assert print_module(parse_module(text)) == text


def test_ir_round_trips_through_tt_opt(tt_opt) -> None:
    text = _everything().ir()
    run = tt_opt(stdin=text)
    assert run.returncode == 0, run.stderr
    # tt-opt ends its output with one more blank line than print_module.
    assert run.stdout == text + "\n"


# --------------------------------------------------------------------------- semantics of T.Parallel bodies


def _symbolic_outputs(prim_func) -> dict[str, object]:
    """Runs a straight-line, single-block tile program symbolically: every buffer and tensor
    holds an expression over the input tensors' names, `tt.copy` moves it, elementwise ops
    build `(op, operands...)`. Valid only for programs whose tensors are one block at
    offset 0 (so indices can be ignored)."""
    names = {tensor.value: tensor.name for tensor in prim_func.tensors}
    contents: dict[object, object] = dict(names)
    for op in launch_ops(prim_func):
        if op.name == "tt.copy":
            contents[op.dst] = contents.get(op.src, "undefined")
        elif op.name in ("tt.add", "tt.sub", "tt.mul", "tt.exp", "tt.relu"):
            *inputs, output = op.operands
            contents[output] = (op.name[3:], *(contents.get(v, "undefined") for v in inputs))
        else:
            assert op.name in ("arith.constant", "tt.alloc_shared", "tt.alloc_fragment"), (
                f"not a straight-line elementwise program: {op.name}"
            )
    return {name: contents[value] for value, name in names.items()}


def test_symbolic_evaluation_of_a_compound_expression() -> None:
    """The checker the tests below rely on, on a program the front end gets right."""

    @T.prim_func
    def sound(A: T.Tensor((32, 32), "float32"), B: T.Tensor((32, 32), "float32"),
              C: T.Tensor((32, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            for i, j in T.Parallel(32, 32):
                t = A[i, j] * B[i, j]
                C[i, j] = T.max(t - A[i, j], 0) + T.exp(B[i, j])

    outputs = _symbolic_outputs(sound)
    assert outputs["C"] == ("add", ("relu", ("sub", ("mul", "A", "B"), "A")), ("exp", "B"))
    assert outputs["A"] == "A" and outputs["B"] == "B"


def test_parallel_name_keeps_the_value_it_was_assigned() -> None:
    @T.prim_func
    def swap(A: T.Tensor((32, 32), "float32"), B: T.Tensor((32, 32), "float32"),
             C: T.Tensor((32, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            a = T.alloc_shared((32, 32), "float32")
            b = T.alloc_shared((32, 32), "float32")
            c = T.alloc_shared((32, 32), "float32")
            T.copy(A, a)
            T.copy(B, b)
            for i, j in T.Parallel(32, 32):
                t = a[i, j]
                a[i, j] = b[i, j]
                c[i, j] = t
            T.copy(c, C)

    assert _symbolic_outputs(swap)["C"] == "A"


def test_parallel_reads_a_tensor_after_writing_it() -> None:
    @T.prim_func
    def rewrite(A: T.Tensor((32, 32), "float32"), B: T.Tensor((32, 32), "float32"),
                C: T.Tensor((32, 32), "float32"), D: T.Tensor((32, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            for i, j in T.Parallel(32, 32):
                C[i, j] = A[i, j] + B[i, j]
                A[i, j] = B[i, j] * B[i, j]
                D[i, j] = A[i, j] + B[i, j]

    outputs = _symbolic_outputs(rewrite)
    assert outputs["C"] == ("add", "A", "B")
    assert outputs["A"] == ("mul", "B", "B")
    assert outputs["D"] == ("add", ("mul", "B", "B"), "B")


def test_update_of_a_computed_buffer_runs() -> None:
    """`c = a + b; c += a; copy c out`: the update goes to a new version of c (a CB cannot
    be updated in place and then drained), so the program compiles and runs."""
    @T.prim_func
    def in_place(A: T.Tensor((32, 32), "float32"), B: T.Tensor((32, 32), "float32"),
                 C: T.Tensor((32, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            a = T.alloc_shared((32, 32), "float32")
            b = T.alloc_shared((32, 32), "float32")
            c = T.alloc_shared((32, 32), "float32")
            T.copy(A, a)
            T.copy(B, b)
            for i, j in T.Parallel(32, 32):
                c[i, j] = a[i, j] + b[i, j]
                c[i, j] += a[i, j]
            T.copy(c, C)

    assert _symbolic_outputs(in_place)["C"] == ("add", ("add", "A", "B"), "A")
    kernel = tilelang_tt.compile(in_place, out_idx=[-1], cache=NUMERICS_CACHE)
    rng = np.random.default_rng(7)
    a, b = bf16_values(rng, (32, 32)), bf16_values(rng, (32, 32))
    # Sums of three bf16 values of magnitude below 1 are exact in float32.
    np.testing.assert_array_equal(kernel(a, b), (a + b) + a)


# --------------------------------------------------------------------------- numerics (emulator)
#
# Small programs (64x64 tensors in 32x32 blocks on a 2x2 core grid, one 256x256 gemm in
# 128x128 blocks). Inputs are bf16-exact
# (tt_dialect.samples.bf16_values), so every product of two inputs is exact in f32 and numpy
# sees the device's inputs. Tolerances are stated per test.

NUMERICS_CACHE = CompileCache(disk=False)


def _compile(prim_func, outputs: int = 1):
    pytest.importorskip("tt_dialect.emu")
    return tilelang_tt.compile(prim_func, out_idx=list(range(-outputs, 0)), grid=(2, 2),
                               cache=NUMERICS_CACHE)


def test_numerics_gemm_transpose_b_relu() -> None:
    M = N = K = 64

    @tilelang_tt.jit(target="tenstorrent", out_idx=[-1], grid=(2, 2), cache=NUMERICS_CACHE)
    def matmul_nt_relu(bm, bn, bk):
        @T.prim_func
        def gemm_nt_relu(A: T.Tensor((M, K), "bfloat16"), B: T.Tensor((N, K), "bfloat16"),
                         C: T.Tensor((M, N), "float32")):
            with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm), threads=128) as (bx, by):
                A_shared = T.alloc_shared((bm, bk), "bfloat16")
                B_shared = T.alloc_shared((bn, bk), "bfloat16")
                C_local = T.alloc_fragment((bm, bn), "float")
                T.clear(C_local)
                for k in T.Pipelined(T.ceildiv(K, bk), num_stages=2):
                    T.copy(A[by * bm, k * bk], A_shared)
                    T.copy(B[bx * bn, k * bk], B_shared)
                    T.gemm(A_shared, B_shared, C_local, transpose_B=True)
                for i, j in T.Parallel(bm, bn):
                    C_local[i, j] = T.max(C_local[i, j], 0)
                T.copy(C_local, C[by * bm, bx * bn])

        return gemm_nt_relu

    pytest.importorskip("tt_dialect.emu")
    kernel = matmul_nt_relu(32, 32, 32)
    rng = np.random.default_rng(11)
    a, b = bf16_values(rng, (M, K)), bf16_values(rng, (N, K))
    c = kernel(a, b)
    # Products are exact in f32; the f32 accumulation of K terms in another order than
    # numpy's differs by at most K * 2^-24 * sum|a*b| <= K * K * 2^-24 (|a|, |b| <= 1);
    # relu is exact; C is f32 (no output rounding).
    np.testing.assert_allclose(c, np.maximum(a @ b.T, 0), rtol=0, atol=K * K * 2.0**-24)
    assert (c >= 0).all() and (c > 0).any()


def test_numerics_compound_float32_expression() -> None:
    @T.prim_func
    def compound_f32(A: T.Tensor((64, 64), "float32"), B: T.Tensor((64, 64), "float32"),
                     C: T.Tensor((64, 64), "float32")):
        with T.Kernel(2, 2) as (bx, by):
            a = T.alloc_shared((32, 32), "float32")
            b = T.alloc_shared((32, 32), "float32")
            c = T.alloc_fragment((32, 32), "float32")
            T.copy(A[by * 32, bx * 32], a)
            T.copy(B[by * 32, bx * 32], b)
            for i, j in T.Parallel(32, 32):
                t = (a[i, j] + b[i, j]) * (a[i, j] - b[i, j])
                c[i, j] = T.max(t, 0) + a[i, j] * b[i, j] + a[i, j]
            T.copy(c, C[by * 32, bx * 32])

    kernel = _compile(compound_f32)
    rng = np.random.default_rng(12)
    a, b = bf16_values(rng, (64, 64), -2, 2), bf16_values(rng, (64, 64), -2, 2)
    c = kernel(a, b)
    reference = np.maximum((a + b) * (a - b), np.float32(0)) + a * b + a
    # Every intermediate is f32 (the temporaries take c's f32) and the device does the same
    # f32 ops in the same order as numpy, so the results should agree bit for bit. The bound
    # allows each of the 5 rounding steps (a + b, a - b, their product, two sums; a * b is
    # exact, relu too) half an ulp of a value below 32 in magnitude: 5 * 2^-19 < 2^-16.
    assert reference.dtype == np.float32
    np.testing.assert_allclose(c, reference, rtol=0, atol=2.0**-16)


def test_numerics_sub_and_mul_of_tensor_elements_at_offsets() -> None:
    @T.prim_func
    def sub_mul(A: T.Tensor((64, 64), "bfloat16"), B: T.Tensor((64, 64), "bfloat16"),
                D: T.Tensor((64, 64), "bfloat16"), P: T.Tensor((64, 64), "bfloat16")):
        with T.Kernel(2, 2, threads=128) as (bx, by):
            x0 = bx * 32
            y0 = by * 32
            for i, j in T.Parallel(32, 32):
                D[y0 + i, x0 + j] = A[y0 + i, x0 + j] - B[y0 + i, x0 + j]
                P[y0 + i, x0 + j] = A[y0 + i, x0 + j] * B[y0 + i, x0 + j]

    kernel = _compile(sub_mul, outputs=2)
    rng = np.random.default_rng(13)
    a, b = bf16_values(rng, (64, 64), -4, 4), bf16_values(rng, (64, 64), -4, 4)
    d, p = kernel(a, b)
    # a - b and a * b of bf16 values are exact in f32; each result is rounded once to the
    # bf16 output, to nearest: at most half a bf16 ulp, 2^-8 of the value.
    np.testing.assert_allclose(d, a - b, rtol=2.0**-8, atol=0)
    np.testing.assert_allclose(p, a * b, rtol=2.0**-8, atol=0)


def test_numerics_exp_one_extent_kernel() -> None:
    @T.prim_func
    def exp_rows(A: T.Tensor((64, 64), "bfloat16"), C: T.Tensor((64, 64), "float")):
        with T.Kernel(2) as bx:
            for i, j in T.Parallel(32, 64):
                C[bx * 32 + i, j] = T.exp(A[bx * 32 + i, j])

    kernel = _compile(exp_rows)
    rng = np.random.default_rng(14)
    a = bf16_values(rng, (64, 64), -2, 2)
    c = kernel(a)
    # The emulator's exp_tile is fp32 expf (within an ulp or so, as numpy's float32 exp)
    # and C is f32: allow 4 f32 ulps, 2^-21 relative.
    np.testing.assert_allclose(c, np.exp(a), rtol=2.0**-21, atol=0)


def test_numerics_copies_between_buffers() -> None:
    """TileLang's `T.copy(C_local, C_shared); T.copy(C_shared, C[...])` epilogue: a gemm
    result copied into a shared buffer stays in DST until stored, also when the 128x128
    output block is split into DST-sized subblocks; an elementwise result copied from a
    fragment to a shared buffer goes through DST (copy_tile, pack)."""

    @tilelang_tt.jit(out_idx=-1, grid=(2, 2), cache=NUMERICS_CACHE)
    def staged_gemm(M, N, K, bm, bn, bk):
        @T.prim_func
        def gemm(A: T.Tensor((M, K), "bfloat16"), B: T.Tensor((K, N), "bfloat16"),
                 C: T.Tensor((M, N), "float32")):
            with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm)) as (bx, by):
                A_s = T.alloc_shared((bm, bk), "bfloat16")
                B_s = T.alloc_shared((bk, bn), "bfloat16")
                C_l = T.alloc_fragment((bm, bn), "float")
                C_s = T.alloc_shared((bm, bn), "float")
                T.clear(C_l)
                for k in T.Pipelined(T.ceildiv(K, bk), num_stages=2):
                    T.copy(A[by * bm, k * bk], A_s)
                    T.copy(B[k * bk, bx * bn], B_s)
                    T.gemm(A_s, B_s, C_l)
                T.copy(C_l, C_s)
                T.copy(C_s, C[by * bm, bx * bn])

        return gemm

    @T.prim_func
    def staged_add(A: T.Tensor((64, 64), "bfloat16"), B: T.Tensor((64, 64), "bfloat16"),
                   C: T.Tensor((64, 64), "bfloat16")):
        with T.Kernel(2, 2) as (bx, by):
            a = T.alloc_shared((32, 32), "bfloat16")
            b = T.alloc_shared((32, 32), "bfloat16")
            c_local = T.alloc_fragment((32, 32), "float")
            c_shared = T.alloc_shared((32, 32), "bfloat16")
            T.copy(A[by * 32, bx * 32], a)
            T.copy(B[by * 32, bx * 32], b)
            for i, j in T.Parallel(32, 32):
                c_local[i, j] = a[i, j] + b[i, j]
            T.copy(c_local, c_shared)
            T.copy(c_shared, C[by * 32, bx * 32])

    rng = np.random.default_rng(13)
    for M, N, K, bm, bn, bk in ((64, 64, 64, 32, 32, 32), (256, 256, 64, 128, 128, 32)):
        kernel = staged_gemm(M, N, K, bm, bn, bk)
        a, b = bf16_values(rng, (M, K)), bf16_values(rng, (K, N))
        # Exact products, f32 accumulation in another order than numpy's: K * K * 2^-24.
        np.testing.assert_allclose(kernel(a, b), a @ b, rtol=0, atol=K * K * 2.0**-24)
    kernel = _compile(staged_add)
    a, b = bf16_values(rng, (64, 64)), bf16_values(rng, (64, 64))
    # The f32 sum of two bf16 values is exact; storing it to bf16 rounds once.
    np.testing.assert_array_equal(kernel(a, b), round_bf16(a + b))


def test_numerics_fill_and_clear() -> None:
    """T.fill and T.clear of buffers that are not gemm accumulators (SFPU fill_tile, packed),
    then accumulation into the cleared buffer: each update is a new version of it, mixing a
    bf16 and an f32 CB (the kernel reconfigures the unpacker between them)."""

    @T.prim_func
    def fills(A: T.Tensor((64, 64), "bfloat16"), C: T.Tensor((64, 64), "float32")):
        with T.Kernel(2, 2) as (bx, by):
            a = T.alloc_shared((32, 32), "bfloat16")
            bias = T.alloc_shared((32, 32), "float32")
            acc = T.alloc_fragment((32, 32), "float32")
            T.copy(A[by * 32, bx * 32], a)
            T.fill(bias, -0.75)
            T.clear(acc)
            for i, j in T.Parallel(32, 32):
                acc[i, j] += a[i, j]
                acc[i, j] += bias[i, j]
            T.copy(acc, C[by * 32, bx * 32])

    kernel = _compile(fills)
    rng = np.random.default_rng(14)
    a = bf16_values(rng, (64, 64))
    # 0 + a + (-0.75) is exact in f32 for bf16 values of magnitude below 1.
    np.testing.assert_array_equal(kernel(a), (np.float32(0) + a) + np.float32(-0.75))


def test_parallel_unary_functions(filecheck) -> None:
    """T.log, T.sqrt, T.rsqrt, T.exp2, T.sigmoid and T.tanh, as T.exp: one unary op on
    whole buffers."""

    @T.prim_func
    def functions(A: T.Tensor((32, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            x = T.alloc_shared((32, 32), "float32")
            l = T.alloc_shared((32, 32), "float32")  # noqa: E741
            s = T.alloc_shared((32, 32), "float32")
            r = T.alloc_shared((32, 32), "float32")
            e = T.alloc_shared((32, 32), "float32")
            g = T.alloc_shared((32, 32), "float32")
            h = T.alloc_shared((32, 32), "float32")
            for i, j in T.Parallel(32, 32):
                l[i, j] = T.log(x[i, j])
                s[i, j] = T.sqrt(x[i, j])
                r[i, j] = T.rsqrt(x[i, j])
                e[i, j] = T.exp2(x[i, j])
                g[i, j] = T.sigmoid(x[i, j])
                h[i, j] = T.tanh(x[i, j])

    filecheck(functions.ir(), checks("""
        CHECK:      [[X:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[L:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[S:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[R:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[E:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[G:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[H:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: tt.log [[X]] to [[L]] : memref<32x32xf32>
        CHECK-NEXT: tt.sqrt [[X]] to [[S]] : memref<32x32xf32>
        CHECK-NEXT: tt.rsqrt [[X]] to [[R]] : memref<32x32xf32>
        CHECK-NEXT: tt.exp2 [[X]] to [[E]] : memref<32x32xf32>
        CHECK-NEXT: tt.sigmoid [[X]] to [[G]] : memref<32x32xf32>
        CHECK-NEXT: tt.tanh [[X]] to [[H]] : memref<32x32xf32>
    """))


def test_numerics_unary_functions() -> None:
    @T.prim_func
    def softplus_ish(A: T.Tensor((64, 64), "float32"), C: T.Tensor((64, 64), "float32")):
        with T.Kernel(2, 2) as (bx, by):
            a = T.alloc_shared((32, 32), "float32")
            c = T.alloc_shared((32, 32), "float32")
            T.copy(A[by * 32, bx * 32], a)
            for i, j in T.Parallel(32, 32):
                c[i, j] = T.log(T.sqrt(a[i, j]) + T.sigmoid(a[i, j])) * T.tanh(a[i, j])
            T.copy(c, C[by * 32, bx * 32])

    kernel = _compile(softplus_ish)
    rng = np.random.default_rng(15)
    a = rng.uniform(0.25, 4.0, (64, 64)).astype(np.float32)
    reference = np.log(np.sqrt(a) + 1 / (1 + np.exp(-a))) * np.tanh(a)
    # f32 throughout (every buffer is f32, DST accumulates in fp32); the emulator's C library
    # and numpy's may differ by an ulp per function: 2^-18 relative covers the chain.
    np.testing.assert_allclose(kernel(a), reference, rtol=2.0**-18, atol=0)


def test_numerics_rsqrt_exp2() -> None:
    """T.rsqrt and T.exp2 (rsqrt_tile, exp2_tile): the emulator computes them in fp32; the
    hardware's exp2 is an approximation (tt-metal runs it with APPROXIMATE = true)."""

    @T.prim_func
    def rsqrt_exp2(A: T.Tensor((64, 64), "float32"), C: T.Tensor((64, 64), "float32")):
        with T.Kernel(2, 2) as (bx, by):
            a = T.alloc_shared((32, 32), "float32")
            c = T.alloc_shared((32, 32), "float32")
            T.copy(A[by * 32, bx * 32], a)
            for i, j in T.Parallel(32, 32):
                c[i, j] = T.rsqrt(a[i, j]) * T.exp2(a[i, j])
            T.copy(c, C[by * 32, bx * 32])

    kernel = _compile(rsqrt_exp2)
    a = np.random.default_rng(16).uniform(0.25, 4.0, (64, 64)).astype(np.float32)
    reference = np.exp2(a.astype(np.float64)) / np.sqrt(a.astype(np.float64))
    np.testing.assert_allclose(kernel(a), reference, rtol=2.0**-20, atol=0)


def test_parallel_ops_with_a_number(filecheck) -> None:
    """An element and a number: + - * / with the number after, + - * with it before."""

    @T.prim_func
    def scalars(A: T.Tensor((32, 32), "float32")):
        with T.Kernel(1, 1) as (bx, by):
            x = T.alloc_shared((32, 32), "float32")
            z0 = T.alloc_shared((32, 32), "float32")
            z1 = T.alloc_shared((32, 32), "float32")
            z2 = T.alloc_shared((32, 32), "float32")
            z3 = T.alloc_shared((32, 32), "float32")
            z4 = T.alloc_shared((32, 32), "float32")
            for i, j in T.Parallel(32, 32):
                z0[i, j] = x[i, j] * 0.5 + 1
                z1[i, j] = 2 - x[i, j]
                z2[i, j] = 3 * x[i, j]
                z3[i, j] = x[i, j] / 4
                z4[i, j] = x[i, j] - SCALE

    filecheck(scalars.ir(), checks("""
        CHECK:      [[T:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[X:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[Z0:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[Z1:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[Z2:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[Z3:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[Z4:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: tt.mul_scalar [[X]], 5.000000e-01 to [[T]] : memref<32x32xf32>
        CHECK-NEXT: tt.add_scalar [[T]], 1.000000e+00 to [[Z0]] : memref<32x32xf32>
        CHECK-NEXT: tt.rsub_scalar [[X]], 2.000000e+00 to [[Z1]] : memref<32x32xf32>
        CHECK-NEXT: tt.mul_scalar [[X]], 3.000000e+00 to [[Z2]] : memref<32x32xf32>
        CHECK-NEXT: tt.div_scalar [[X]], 4.000000e+00 to [[Z3]] : memref<32x32xf32>
        CHECK-NEXT: tt.sub_scalar [[X]], 1.250000e-01 to [[Z4]] : memref<32x32xf32>
    """))


SCALE = 0.125
"""A module constant the prim_func above reads."""


def test_numerics_ops_with_a_number() -> None:
    @T.prim_func
    def scaled(A: T.Tensor((64, 64), "float32"), C: T.Tensor((64, 64), "float32")):
        with T.Kernel(2, 2) as (bx, by):
            a = T.alloc_shared((32, 32), "float32")
            c = T.alloc_shared((32, 32), "float32")
            T.copy(A[by * 32, bx * 32], a)
            for i, j in T.Parallel(32, 32):
                c[i, j] = (2.0 - a[i, j] * 0.5) / 4 + 1 - (3 + a[i, j])
            T.copy(c, C[by * 32, bx * 32])

    kernel = _compile(scaled)
    a = np.random.default_rng(16).uniform(-2, 2, (64, 64)).astype(np.float32)
    f = np.float32
    # The same f32 operations in the same order as numpy: bit for bit.
    np.testing.assert_array_equal(kernel(a), (f(2.0) - a * f(0.5)) / f(4) + f(1) - (f(3) + a))
