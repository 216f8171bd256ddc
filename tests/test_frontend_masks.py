"""Causal masks through the front end: `T.if_then_else(q_idx >= k_idx, 0, -T.infinity(dtype))`
in a `T.Parallel(m, n)`, as TileLang's flash attention writes it.

The condition compares a row index (the first T.Parallel index plus an offset:
`bx * block_M + i + past_len`) with a column index (`k * block_N + j`), either way round,
with >=, >, <= or <; both values are compile-time numbers or ±T.infinity. The front end
builds `tt.mask` into a buffer of its own and copies it into the destination (a buffer the
reader fills cannot also be one compute updates); the reader kernel writes the mask's tiles
(`tt_dialect::write_mask_tile`), compute reads them like a loaded block. Anything else keeps
the refusals of `T.if_then_else` (`tests/test_frontend_errors.py`).

Numerics are compared with numpy on the emulator: masked elements of exp(x + mask) are
exactly 0 (exp(-inf)); the others are exp of f32 values (`rtol = 1e-6`), or, with bf16 data,
of bf16 inputs packed to bf16 (`rtol = 2^-7`).
"""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

import tilelang_tt
import tilelang_tt.language as T
from tilelang_tt import CompileCache, TileLangError

CACHE = CompileCache(disk=False)
SSA = "%[a-zA-Z0-9_]+"


def checks(text: str) -> str:
    return textwrap.dedent(text).replace(":SSA]]", f":{SSA}]]")


def bf16_exact(x: np.ndarray) -> np.ndarray:
    return (x.view(np.uint32) & 0xFFFF0000).view(np.float32)


def causal_grid(M, N, bm, bn, past, swapped=False):
    """A 2-D grid of blocks: Y = exp(X + causal mask), the mask of block (by, bx)."""

    @T.prim_func
    def main(X: T.Tensor((M, N), "float"), Y: T.Tensor((M, N), "float")):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm), threads=128) as (bx, by):
            scores = T.alloc_fragment((bm, bn), "float")
            for i, j in T.Parallel(bm, bn):
                q_idx = by * bm + i + past
                k_idx = bx * bn + j
                if swapped:
                    scores[i, j] = T.if_then_else(k_idx <= q_idx, 0, -T.infinity(scores.dtype))
                else:
                    scores[i, j] = T.if_then_else(q_idx >= k_idx, 0, -T.infinity(scores.dtype))
            for i, j in T.Parallel(bm, bn):
                Y[by * bm + i, bx * bn + j] = T.exp(X[by * bm + i, bx * bn + j] + scores[i, j])

    return main


def causal_loop(M, N, bm, bn, past, dtype, stages=0):
    """Attention's form: one block of queries per kernel index, a loop over key blocks k,
    the mask stored into the scores in the loop, then updated in place (where attention
    accumulates the gemm)."""

    @T.prim_func
    def main(X: T.Tensor((M, N), dtype), Y: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(M, bm), threads=128) as bx:
            acc_s = T.alloc_fragment((bm, bn), "float")
            for k in T.Pipelined(T.ceildiv(N, bn), num_stages=stages):
                for i, j in T.Parallel(bm, bn):
                    q_idx = bx * bm + i + past
                    k_idx = k * bn + j
                    acc_s[i, j] = T.if_then_else(q_idx >= k_idx, 0, -T.infinity(acc_s.dtype))
                for i, j in T.Parallel(bm, bn):
                    acc_s[i, j] += X[bx * bm + i, k * bn + j]
                for i, j in T.Parallel(bm, bn):
                    Y[bx * bm + i, k * bn + j] = T.exp(acc_s[i, j])

    return main


def reference(X: np.ndarray, past: int, predicate=np.greater_equal) -> np.ndarray:
    rows = np.arange(X.shape[0])[:, None] + past
    cols = np.arange(X.shape[1])[None, :]
    with np.errstate(over="ignore"):
        return np.exp(np.where(predicate(rows, cols), X, -np.inf)).astype(np.float32)


def test_mask_ir(filecheck) -> None:
    """The mask goes to a buffer of its own (`scores_mask`), at the block's first query
    and key positions, and is copied into `scores`."""
    filecheck(causal_grid(128, 128, 64, 32, 3).ir(), checks("""
        CHECK-DAG:  [[C64:%c64]] = arith.constant 64 : index
        CHECK-DAG:  [[C3:%c3]] = arith.constant 3 : index
        CHECK-DAG:  [[C32:%c32]] = arith.constant 32 : index
        CHECK:      [[MASK:%scores_mask]] = tt.alloc_shared : memref<64x32xf32>
        CHECK:      [[SCORES:%scores]] = tt.alloc_fragment : memref<64x32xf32>
        CHECK-NEXT: [[BY64:SSA]] = arith.muli %by, [[C64]] : index
        CHECK-NEXT: [[ROW:SSA]] = arith.addi [[BY64]], [[C3]] : index
        CHECK-NEXT: [[COL:SSA]] = arith.muli %bx, [[C32]] : index
        CHECK-NEXT: tt.mask [[MASK]], [[ROW]], [[COL]] if ge then 0.000000e+00 else 0xfff0000000000000 : memref<64x32xf32>
        CHECK-NEXT: tt.copy [[MASK]] to [[SCORES]] : memref<64x32xf32> to memref<64x32xf32>
    """))


def test_swapped_comparison_is_the_same_mask() -> None:
    """`k_idx <= q_idx` is `q_idx >= k_idx`: the same tile program."""
    assert causal_grid(64, 64, 32, 32, 0, swapped=True).ir() == causal_grid(64, 64, 32, 32, 0).ir()


def test_mask_in_a_loop_ir(filecheck) -> None:
    """In the loop over k the mask is written each iteration at key position k * block_N."""
    filecheck(causal_loop(128, 128, 32, 64, 0, "float").ir(), checks("""
        CHECK:      [[MASK:%acc_s_mask]] = tt.alloc_shared : memref<32x64xf32>
        CHECK:      [[ROW:SSA]] = arith.muli %bx, %c32 : index
        CHECK:      scf.for %k = %c0 to %c2 step %c1 {
        CHECK-NEXT:   [[COL:SSA]] = arith.muli %k, %c64 : index
        CHECK-NEXT:   tt.mask [[MASK]], [[ROW]], [[COL]] if ge then 0.000000e+00 else 0xfff0000000000000 : memref<32x64xf32>
        CHECK-NEXT:   tt.copy [[MASK]] to %acc_s : memref<32x64xf32> to memref<32x64xf32>
    """))


@pytest.mark.parametrize("M, N, bm, bn, past", [
    (128, 128, 64, 32, 3), (96, 160, 32, 32, 0), (128, 192, 64, 64, 40), (128, 128, 32, 64, -40),
])
def test_mask_numerics_on_a_grid(M, N, bm, bn, past) -> None:
    """Several blocks in both grid dimensions, block sizes 32 and 64, with and without a
    past offset: exp(X + mask) is exp(X) on and below the shifted diagonal, 0 above."""
    pytest.importorskip("tt_dialect.emu")
    kernel = tilelang_tt.compile(causal_grid(M, N, bm, bn, past), out_idx=[-1], grid=(2, 2), cache=CACHE)
    assert "tt_dialect::write_mask_tile<tt_dialect::MaskPredicate::Ge, tt_dialect::MaskFormat::Float32>" in (
        kernel.get_kernel_source("reader")
    )
    assert "tt_mask_tile.h" in kernel.artifacts
    X = np.random.default_rng(1).standard_normal((M, N)).astype(np.float32)
    Y = kernel(X)
    expected = reference(X, past)
    np.testing.assert_array_equal(Y == 0, expected == 0)
    np.testing.assert_allclose(Y, expected, rtol=1e-6)


@pytest.mark.parametrize("M, N, bm, bn, past, dtype, stages", [
    (128, 128, 32, 64, 0, "float", 0),
    (128, 192, 64, 32, 5, "bfloat16", 0),
    (64, 256, 32, 32, 70, "float", 2),
])
def test_mask_numerics_in_a_loop_over_k(M, N, bm, bn, past, dtype, stages) -> None:
    """Attention's loop (a plain one, and T.Pipelined with two stages): each iteration masks
    the scores, adds the block of X in place and stores exp of it."""
    pytest.importorskip("tt_dialect.emu")
    program = causal_loop(M, N, bm, bn, past, dtype, stages)
    kernel = tilelang_tt.compile(program, out_idx=[-1], grid=(2, 2), cache=CACHE)
    X = np.random.default_rng(2).standard_normal((M, N)).astype(np.float32)
    if dtype == "bfloat16":
        X = bf16_exact(X)
    Y = kernel(X)
    expected = reference(X, past)
    np.testing.assert_array_equal(Y == 0, expected == 0)
    np.testing.assert_allclose(Y, expected, rtol=1e-6 if dtype == "float" else 2**-7)


def strict_mask(M, N, bm, dtype, op):
    @T.prim_func
    def main(X: T.Tensor((M, N), dtype), Y: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, bm), T.ceildiv(M, bm)) as (bx, by):
            y = T.alloc_fragment((bm, bm), dtype)
            for i, j in T.Parallel(bm, bm):
                if op == "gt":
                    y[i, j] = X[by * bm + i, bx * bm + j] + T.if_then_else(by * bm + i > bx * bm + j, 0.5, -2)
                else:
                    y[i, j] = X[by * bm + i, bx * bm + j] + T.if_then_else(bx * bm + j > by * bm + i, 0.5, -2)
            T.copy(y, Y[by * bm, bx * bm])

    return main


@pytest.mark.parametrize("op, predicate", [("gt", np.greater), ("lt", np.less)])
@pytest.mark.parametrize("dtype", ["float", "bfloat16"])
def test_strict_masks_with_finite_values(op, predicate, dtype) -> None:
    """`>` and a comparison written column-first (`k > q`, a `lt` mask), finite values, a
    mask inside an expression (its buffer is the operand), bf16 buffers (the reader writes
    the top halves of the f32 patterns)."""
    pytest.importorskip("tt_dialect.emu")
    kernel = tilelang_tt.compile(strict_mask(96, 64, 32, dtype, op), out_idx=[-1], grid=(2, 2), cache=CACHE)
    name = {"gt": "Gt", "lt": "Lt"}[op]
    fmt = "Float32" if dtype == "float" else "Bf16"
    assert f"<tt_dialect::MaskPredicate::{name}, tt_dialect::MaskFormat::{fmt}>" in kernel.get_kernel_source("reader")
    X = bf16_exact(np.random.default_rng(3).standard_normal((96, 64)).astype(np.float32))
    Y = kernel(X)
    rows, cols = np.arange(96)[:, None], np.arange(64)[None, :]
    expected = X + np.where(predicate(rows, cols), np.float32(0.5), np.float32(-2))
    np.testing.assert_allclose(Y, expected, rtol=0 if dtype == "float" else 2**-8, atol=1e-6)


def program(tmp_path, body: str):
    source = (
        "import tilelang_tt.language as T\n"
        "@T.prim_func\n"
        "def main(A: T.Tensor((64, 64), 'float'), B: T.Tensor((64, 64), 'float')):\n"
        "    with T.Kernel(2, 2) as (bx, by):\n"
        "        s = T.alloc_fragment((32, 32), 'float')\n"
        "        for i, j in T.Parallel(32, 32):\n"
        + textwrap.indent(body, " " * 12) + "\n"
        "        T.copy(s, B[by * 32, bx * 32])\n"
    )
    path = tmp_path / "program.py"
    path.write_text(source)
    with pytest.raises(TileLangError) as caught:
        exec(compile(source, str(path), "exec"), {})
    return caught.value, path


GUARD = ("the condition of T.if_then_else is supported as a bounds guard on a tensor element's "
         "indices (`y < M and x < N`); `{}` is not one")


@pytest.mark.parametrize("body, column, message", [
    # two row indices: not a mask, and not a bounds guard
    ("s[i, j] = T.if_then_else(by * 32 + i >= i, 0, 1)", 38, GUARD.format("by * 32 + i >= i")),
    # equality is no mask predicate
    ("s[i, j] = T.if_then_else(i == j, 0, 1)", 38, GUARD.format("i == j")),
    # a value that is an element: the mask needs numbers
    ("s[i, j] = T.if_then_else(i >= j, A[i, j], 1)", 38, GUARD.format("i >= j")),
    # a scaled index keeps its refusal
    ("s[i, j] = T.if_then_else(i * 2 >= j, 0, 1)", 38,
     "i * 2: a T.Parallel index only takes an offset added (`y0 + i`); other arithmetic on it is not supported"),
    # a value float32 cannot hold
    ("s[i, j] = T.if_then_else(i >= j, 0, -1e40)", 49,
     "the number -1e+40 does not fit float32, the kernels' number format (at most 3.40282e+38 in magnitude)"),
])
def test_conditions_that_are_not_masks_keep_their_refusals(tmp_path, body, column, message) -> None:
    error, path = program(tmp_path, body)
    assert error.message == message
    assert error.location == f"{path}:7:{column}"


def test_buffer_dtype_is_its_tilelang_dtype() -> None:
    """`buf.dtype` (what `-T.infinity(acc_s.dtype)` reads) is "float32" or "bfloat16"."""

    @T.prim_func
    def main(A: T.Tensor((32, 32), "bfloat16"), B: T.Tensor((32, 32), "float")):
        with T.Kernel(1) as bx:  # noqa: F841 - the parser needs the name
            a = T.alloc_fragment((32, 32), A.dtype)
            b = T.alloc_fragment((32, 32), B.dtype)
            T.copy(A[0, 0], a)
            T.copy(a, b)
            T.copy(b, B[0, 0])

    assert "memref<32x32xbf16>" in main.ir() and "tt.copy %a to %b : memref<32x32xbf16> to memref<32x32xf32>" in main.ir()


def test_mask_and_infinity_ir_round_trips_through_tt_opt(tt_opt) -> None:
    """`tt-opt` reads back what the front end prints, -inf values included."""
    text = causal_loop(128, 128, 32, 64, 3, "float", 2).ir()
    assert "0xfff0000000000000" in text
    run = tt_opt(stdin=text)
    assert run.returncode == 0, run.stderr
    assert run.stdout == text + "\n"
