"""Programs outside the TileLang front end's subset: one located `TileLangError` each.

Every case below is a plain function (not decorated, so defining it does not parse it);
the test applies `T.prim_func` to it, or also `tilelang_tt.compile` for errors only the
pass pipeline finds. The line the error must name carries an `# ERROR` comment, and the
column must point at the table's `at` text on that line; the message is compared whole.
"""

# ruff: noqa: F841 - a case's buffers are never used: it stops at its error

from __future__ import annotations

import inspect
from collections.abc import Callable

import numpy as np
import pytest

import tilelang_tt as tilelang
import tilelang_tt.language as T
from tilelang_tt import CompileCache, TileLangError

M = N = K = 256
BM = BN = 128
BK = 32

INT32 = "int32"  # T.int32: an index type (of macro parameters), not a tensor dtype

PARALLEL_HELP = (
    "supported: buffer elements z[i, j] and vector elements s[i] (one value per row or column) "
    "combined with each other by +, -, *, /, with a number by +, -, *, /, and T.exp, T.exp2, "
    "T.log, T.sqrt, T.rsqrt, T.sigmoid, T.tanh, T.max(x, y), T.min(x, y), T.max(x, 0)"
)


def marked_line(function: Callable) -> tuple[int, str]:
    """The line number and text of the one line of `function` marked `# ERROR`."""
    lines, first = inspect.getsourcelines(function)
    marked = [(first + i, text) for i, text in enumerate(lines) if "# ERROR" in text]
    assert len(marked) == 1, f"{function.__name__} needs exactly one `# ERROR` line"
    return marked[0]


def expected_location(function: Callable, at: str) -> str:
    """`file:line:col` of the first character of `at` on the `# ERROR` line."""
    line, text = marked_line(function)
    assert text.count(at) == 1, f"{at!r} must occur once on {function.__name__}'s ERROR line"
    return f"{function.__code__.co_filename}:{line}:{text.index(at) + 1}"


def check(err: TileLangError, function: Callable, at: str, message: str) -> None:
    location = expected_location(function, at)
    assert (err.location, err.message) == (location, message)
    assert str(err) == f"{location}: error: {message}"


# --------------------------------------------------------------------------- statements


def while_loop(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        while True:  # ERROR
            pass


def if_statement(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        if bx:  # ERROR
            pass


def if_on_loop_variable(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        for k in T.serial(4):
            if k < 2:  # ERROR
                pass


def guard_inside_tensor(A: T.Tensor((M, N), T.bfloat16), C: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(N // BN, M // BM) as (bx, by):
        for i, j in T.Parallel(BM, BN):
            y = by * BM + i
            if y < M - 1:  # ERROR
                C[y, bx * BN + j] = A[y, bx * BN + j]


def guard_with_else(A: T.Tensor((M, N), T.bfloat16), C: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(N // BN, M // BM) as (bx, by):
        for i, j in T.Parallel(BM, BN):
            y = by * BM + i
            if y < M:
                C[y, bx * BN + j] = A[y, bx * BN + j]
            else:
                C[y, bx * BN + j] = A[y, bx * BN + j]  # ERROR


def guard_around_buffer_store(A: T.Tensor((M, N), T.bfloat16), C: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(N // BN, M // BM) as (bx, by):
        X = T.alloc_fragment((BM, BN), T.bfloat16)
        for i, j in T.Parallel(BM, BN):
            if by * BM + i < M:
                X[i, j] = A[by * BM + i, bx * BN + j]  # ERROR
        T.copy(X, C[by * BM, bx * BN])


def if_then_else_not_a_guard(A: T.Tensor((M, N), T.bfloat16), C: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(N // BN, M // BM) as (bx, by):
        X = T.alloc_shared((BM, BN), T.bfloat16)
        for i, j in T.Parallel(BM, BN):
            X[i, j] = T.if_then_else(i == j, A[by * BM + i, bx * BN + j], 0)  # ERROR
        T.copy(X, C[by * BM, bx * BN])


def if_then_else_nonzero(A: T.Tensor((M, N), T.bfloat16), C: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(N // BN, M // BM) as (bx, by):
        X = T.alloc_shared((BM, BN), T.bfloat16)
        for i, j in T.Parallel(BM, BN):
            X[i, j] = T.if_then_else(by * BM + i < M, A[by * BM + i, bx * BN + j], 1)  # ERROR
        T.copy(X, C[by * BM, bx * BN])


FLAGS = np.array([True, False])


def if_on_array(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        if FLAGS:  # ERROR
            pass


def return_in_body(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        return A  # ERROR


def kernel_four_extents(A: T.Tensor((2, 2, M, N), T.bfloat16)):
    with T.Kernel(2, 2, 2, 2) as (bx, by, bz, bw):  # ERROR
        X = T.alloc_shared((BM, BN), "bfloat16")


def copy_leading_range(A: T.Tensor((2, 3, M, N), T.float32), C: T.Tensor((2, 3, M, N), T.float32)):
    with T.Kernel(M // BM, 3, 2) as (bx, by, bz):
        X = T.alloc_shared((BM, N), "float32")
        T.copy(A[bz, 0:3, bx * BM, 0], X)  # ERROR
        T.copy(X, C[bz, by, bx * BM, 0])


def parallel_leading_parallel_index(A: T.Tensor((2, 3, M, N), T.float32),
                                    C: T.Tensor((2, 3, M, N), T.float32)):
    with T.Kernel(M // BM, 3, 2) as (bx, by, bz):
        for i, j in T.Parallel(BM, N):
            C[bz, by, bx * BM + i, j] = A[bz, j, bx * BM + i, j] * 2.0  # ERROR


def two_kernels(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        pass
    with T.Kernel(2, 2) as (bx, by):  # ERROR
        pass


def kernel_extent_not_constant(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(A, 2) as (bx, by):  # ERROR
        pass


def kernel_extent_float(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(M / BM, 2) as (bx, by):  # ERROR
        pass


def alloc_outside_kernel(A: T.Tensor((M, N), T.bfloat16)):
    X = T.alloc_shared((BM, BN), "bfloat16")  # ERROR
    with T.Kernel(2, 2) as (bx, by):
        pass


def alloc_zero_extent(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((0, BN), "bfloat16")  # ERROR


# --------------------------------------------------------------------------- loops


def loop_over_enumerate(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        for k in enumerate(range(4)):  # ERROR
            pass


def loop_over_list(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        for k in [0, 1]:  # ERROR
            pass


def nested_parallel(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        for i in T.Parallel(BM):
            for j in T.Parallel(BN):  # ERROR
                X[i, j] = X[i, j]


def parallel_zero_extent(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        for i, j in T.Parallel(0, BN):  # ERROR
            X[i, j] = X[i, j]


# --------------------------------------------------------------------------- T.Parallel bodies


def parallel_scalar(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        for i, j in T.Parallel(BM, BN):
            X[i, j] = 2 / X[i, j]  # ERROR


def parallel_divide(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        for i, j in T.Parallel(BM, BN):
            X[i, j] = X[i, j] // X[i, j]  # ERROR


def parallel_negate(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        for i, j in T.Parallel(BM, BN):
            X[i, j] = -X[i, j]  # ERROR


def parallel_python_call(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        for i, j in T.Parallel(BM, BN):
            X[i, j] = abs(X[i, j])  # ERROR


def max_not_relu(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        Y = T.alloc_shared((BM, BN), "bfloat16")
        for i, j in T.Parallel(BM, BN):
            X[i, j] = T.max(X[i, j], 2)  # ERROR


def permuted_indices(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        A_s = T.alloc_shared((BM, BN), "bfloat16")
        for i, j in T.Parallel(BM, BN):
            A_s[i, j] = A_s[j, i]  # ERROR


def negated_parallel_index(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        for i, j in T.Parallel(BM, BN):
            X[i, j] = A[-i, j]  # ERROR


def parallel_tensor_to_tensor(A: T.Tensor((M, N), T.bfloat16), C: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        for i, j in T.Parallel(BM, BN):
            C[by * BM + i, bx * BN + j] = A[by * BM + i, bx * BN + j]  # ERROR


def element_outside_parallel(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        x = A[0, 0]  # ERROR


# --------------------------------------------------------------------------- T.* calls


def reduce_abssum(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        Y = T.alloc_fragment((BM, BN), "float32")
        T.reduce_abssum(X, Y, dim=1)  # ERROR


def atomic_add_in_parallel(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        for i, j in T.Parallel(BM, BN):
            T.atomic_add(A[i, j], X[i, j])  # ERROR


def gemm_policy(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BK), "bfloat16")
        Y = T.alloc_shared((BK, BN), "bfloat16")
        Z = T.alloc_fragment((BM, BN), "float32")
        T.gemm(X, Y, Z, policy=1)  # ERROR


def gemm_clear_accum(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BK), "bfloat16")
        Y = T.alloc_shared((BK, BN), "bfloat16")
        Z = T.alloc_fragment((BM, BN), "float32")
        T.gemm(X, Y, Z, clear_accum=True)  # ERROR


def gemm_shape_mismatch(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BK), "bfloat16")
        Y = T.alloc_shared((2 * BK, BN), "bfloat16")
        Z = T.alloc_fragment((BM, BN), "float32")
        T.gemm(X, Y, Z)  # ERROR


def copy_extent_mismatch(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        T.copy(A[by * BM:by * BM + 64, bx * BN:bx * BN + BN], X)  # ERROR


def copy_between_tensors(A: T.Tensor((M, N), T.bfloat16), B: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        T.copy(A, B)  # ERROR


def block_index_product(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        T.copy(A[bx * by, 0], X)  # ERROR


# --------------------------------------------------------------------------- names and types


def undefined_name(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, block_N), "bfloat16")  # ERROR  # noqa: F821


def tensor_internal_attribute(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(A.value, 2) as (bx, by):  # ERROR
        pass


def no_annotation(A):  # ERROR
    with T.Kernel(2, 2) as (bx, by):
        pass


def float16_tensor(A: T.Tensor((M, N), T.float16)):  # ERROR
    with T.Kernel(2, 2) as (bx, by):
        pass


def float16_buffer(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "float16")  # ERROR


def int_tensor(A: T.Tensor((M, N), INT32)):  # ERROR
    with T.Kernel(2, 2) as (bx, by):
        pass


async def async_prim_func(A: T.Tensor((M, N), T.bfloat16)):  # ERROR
    pass


# --------------------------------------------------------------------------- macros
# The annotations below are strings (`from __future__ import annotations`), evaluated in
# the macro's frame when a call is compiled.


@T.macro
def load_block(X: T.Tensor((M, N), T.bfloat16), x: T.SharedBuffer((BM, BN), "bfloat16"),
               row: T.int32, col: T.int32 = 0):
    T.copy(X[row, col], x)


def macro_missing_argument(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        load_block(A, X)  # ERROR


def macro_too_many_arguments(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        load_block(A, X, by * BM, bx * BN, 1)  # ERROR


def macro_unknown_keyword(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        load_block(A, X, by * BM, column=bx * BN)  # ERROR


def macro_argument_twice(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        load_block(A, X, by * BM, row=0)  # ERROR


def macro_buffer_shape_mismatch(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BK), "bfloat16")
        load_block(A, X, by * BM)  # ERROR


def macro_buffer_dtype_mismatch(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_fragment((BM, BN), "float32")
        load_block(A, X, by * BM)  # ERROR


def macro_tensor_shape_mismatch(A: T.Tensor((M, BN), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        load_block(A, X, by * BM)  # ERROR


def macro_tensor_for_buffer(A: T.Tensor((M, N), T.bfloat16), B: T.Tensor((BM, BN), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        load_block(A, B, by * BM)  # ERROR


def macro_bad_index_argument(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        load_block(A, X, 0, col=1.5)  # ERROR


def macro_buffer_for_index(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        load_block(A, X, X)  # ERROR


def macro_as_value(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        y = load_block(A, X, 0)  # ERROR


@T.macro
def forever(x: T.SharedBuffer((BM, BN), "bfloat16")):
    T.clear(x)
    again(x)


@T.macro
def again(x):
    forever(x)  # ERROR


def macro_recursion(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        forever(X)


@T.macro
def odd_annotation(x: list):  # ERROR
    T.clear(x)


def macro_odd_annotation(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        odd_annotation(X)


@T.macro
def variadic(*buffers):  # ERROR
    pass


def macro_variadic(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        variadic()


@T.macro
def reads_caller_name(x):
    T.clear(X)  # noqa: F821 - the caller's name, not visible here  # ERROR


def macro_sees_no_caller_names(A: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(2, 2) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        reads_caller_name(X)


# (function, text the column points at, message)
PARSE_ERRORS = [
    pytest.param(while_loop, "while", "a while loop is not supported in a T.prim_func", id="while"),
    pytest.param(macro_missing_argument, "load_block",
                 "the T.macro 'load_block' is missing argument 'row' (its parameters: X, x, row, col)",
                 id="macro-missing-argument"),
    pytest.param(macro_too_many_arguments, "load_block",
                 "the T.macro 'load_block' takes 4 positional arguments (X, x, row, col), got 5",
                 id="macro-too-many-arguments"),
    pytest.param(macro_unknown_keyword, "column=",
                 "the T.macro 'load_block' has no parameter 'column' (its parameters: X, x, row, col)",
                 id="macro-unknown-keyword"),
    pytest.param(macro_argument_twice, "row=",
                 "the T.macro 'load_block' got argument 'row' both by position and by keyword",
                 id="macro-argument-twice"),
    pytest.param(macro_buffer_shape_mismatch, "X,",
                 "argument 'x' of the T.macro 'load_block' is annotated T.SharedBuffer 128x128xbf16, "
                 "but `X` is 128x32xbf16", id="macro-buffer-shape"),
    pytest.param(macro_buffer_dtype_mismatch, "X,",
                 "argument 'x' of the T.macro 'load_block' is annotated T.SharedBuffer 128x128xbf16, "
                 "but `X` is 128x128xf32", id="macro-buffer-dtype"),
    pytest.param(macro_tensor_shape_mismatch, "A,",
                 "argument 'X' of the T.macro 'load_block' is annotated T.Tensor 256x256xbf16, "
                 "but `A` is 256x128xbf16", id="macro-tensor-shape"),
    pytest.param(macro_tensor_for_buffer, "B,",
                 "argument 'x' of the T.macro 'load_block' is annotated T.SharedBuffer: it takes a "
                 "buffer (T.alloc_shared/T.alloc_fragment), got `B`", id="macro-tensor-for-buffer"),
    pytest.param(macro_bad_index_argument, "col=",
                 "argument 'col' of the T.macro 'load_block' is annotated as an integer: it takes a "
                 "block or loop index, an index expression or a compile-time int, got `1.5`",
                 id="macro-float-for-index"),
    pytest.param(macro_buffer_for_index, "X)",
                 "argument 'row' of the T.macro 'load_block' is annotated as an integer: it takes a "
                 "block or loop index, an index expression or a compile-time int, got `X`",
                 id="macro-buffer-for-index"),
    pytest.param(macro_as_value, "load_block",
                 "the T.macro 'load_block' is inlined as a statement and gives no value: call it on a "
                 "line of its own, not in `load_block(A, X, 0)`", id="macro-as-value"),

    pytest.param(if_statement, "bx", "an if condition must be known at compile time; `bx` depends on "
                 "block indices, loop variables or buffer elements (supported: Python values of the "
                 "enclosing function, comparisons of them, and/or/not)", id="if-on-block-index"),
    pytest.param(if_on_loop_variable, "k < 2", "an operand of `k < 2` must be known at compile time, got k",
                 id="if-on-loop-variable"),
    pytest.param(guard_inside_tensor, "y < M - 1",
                 "the guard `y < M - 1` is only supported where it masks stores past the end of the "
                 "tensor: a term `index < bound` needs the stored element's index in a dimension "
                 "whose extent is at most the bound; `C[y, bx * BN + j]` has extent 256 there, "
                 "bound 255", id="guard-inside-tensor"),
    pytest.param(guard_with_else, "C[y, bx * BN + j] = A",
                 "an else branch of the guard `y < M` is not supported: the guard only masks "
                 "stores past the end of tensors", id="guard-with-else"),
    pytest.param(guard_around_buffer_store, "X[i, j]",
                 "under the guard `by * BM + i < M` only stores to tensor elements are supported "
                 "(the guard masks stores past the end of tensors); `X[i, j] = A[by * BM + i, bx * "
                 "BN + j]` is not one", id="guard-around-buffer-store"),
    pytest.param(if_then_else_not_a_guard, "i == j",
                 "the condition of T.if_then_else is supported as a bounds guard on a tensor "
                 "element's indices (`y < M and x < N`); `i == j` is not one", id="if-then-else-not-a-guard"),
    pytest.param(if_then_else_nonzero, "1)",
                 "the else value of T.if_then_else is supported as 0 (what a padded tensor holds "
                 "past its end), got 1", id="if-then-else-nonzero"),
    pytest.param(if_on_array, "FLAGS", "evaluating `FLAGS` at compile time failed: ValueError: The truth "
                 "value of an array with more than one element is ambiguous. Use a.any() or a.all()",
                 id="if-on-array"),
    pytest.param(return_in_body, "return", "a return statement is not supported in a T.prim_func",
                 id="return"),
    pytest.param(two_kernels, "with", "a prim_func has exactly one T.Kernel; this is a second one",
                 id="two-kernels"),
    pytest.param(kernel_four_extents, "T.Kernel(2, 2, 2, 2)",
                 "T.Kernel takes one, two or three grid extents here, got 4", id="kernel-four-extents"),
    pytest.param(copy_leading_range, "A[bz, 0:3, bx * BM, 0]",
                 "T.copy region A[bz, 0:3, bx * BM, 0] of tensor 'A' has a range in dimension 1: "
                 "a 2-D buffer 'X' is copied from the last two dimensions of a rank-4 tensor, with "
                 "scalar indices (block indices, loop variables, affine expressions of them) for "
                 "the leading 2", id="copy-leading-range"),
    pytest.param(parallel_leading_parallel_index, "j, bx",
                 "A[bz, j, bx * BM + i, j]: the leading index j of rank-4 tensor 'A' must be a "
                 "scalar (block indices, loop variables, affine expressions of them); the "
                 "T.Parallel indices ([i, j]) index its last two dimensions",
                 id="parallel-leading-parallel-index"),
    pytest.param(kernel_extent_not_constant, "A, 2",
                 "a T.Kernel extent must be known at compile time, got A",
                 id="kernel-extent-tensor"),
    pytest.param(kernel_extent_float, "M / BM", "a T.Kernel extent must be an integer, got 2.0",
                 id="kernel-extent-float"),
    pytest.param(alloc_outside_kernel, "T.alloc_shared",
                 "T.alloc_shared must be inside `with T.Kernel(...)`", id="alloc-outside-kernel"),
    pytest.param(alloc_zero_extent, "(0, BN)",
                 "T.alloc_shared shape must be a tuple of positive integers, got (0, 128)",
                 id="alloc-zero-extent"),
    pytest.param(loop_over_enumerate, "enumerate",
                 "a loop over enumerate(range(4)) is not supported "
                 "(supported: T.Pipelined, T.serial, range, T.Parallel)", id="loop-over-enumerate"),
    pytest.param(loop_over_list, "[0, 1]",
                 "a loop over [0, 1] is not supported "
                 "(supported: T.Pipelined, T.serial, range, T.Parallel)", id="loop-over-list"),
    pytest.param(nested_parallel, "for",
                 "nested T.Parallel loops are not supported: use one T.Parallel(m, n)",
                 id="nested-parallel"),
    pytest.param(parallel_zero_extent, "0, BN", "T.Parallel extent 0 must be positive, got 0",
                 id="parallel-zero-extent"),
    pytest.param(parallel_scalar, "2",
                 f"`2 / X[i, j]` is not supported in T.Parallel ({PARALLEL_HELP})",
                 id="parallel-scalar"),
    pytest.param(parallel_divide, "X[i, j] //",
                 f"the operator '//' is not supported in T.Parallel ({PARALLEL_HELP})",
                 id="parallel-divide"),
    pytest.param(parallel_negate, "-X",
                 f"the unary operator '-' is not supported in T.Parallel ({PARALLEL_HELP})",
                 id="parallel-negate"),
    pytest.param(parallel_python_call, "X[i, j])",
                 f"the element X[i, j] is used in an unsupported expression ({PARALLEL_HELP})",
                 id="parallel-python-call"),
    pytest.param(max_not_relu, "T.max",
                 "T.max takes two elements, or an element and 0 (relu); got T.max(X[i, j], 2)",
                 id="max-not-relu"),
    pytest.param(permuted_indices, "A_s[j, i]",
                 "A_s[j, i] must be indexed by the T.Parallel indices in order "
                 "([i, j], each optionally plus an offset)", id="permuted-indices"),
    pytest.param(negated_parallel_index, "-i",
                 "-i: a T.Parallel index only takes an offset added (`y0 + i`); "
                 "other arithmetic on it is not supported", id="negated-parallel-index"),
    pytest.param(parallel_tensor_to_tensor, "C[",
                 "copying tensor 'A' into tensor 'C' in T.Parallel is not supported: "
                 f"store a buffer element or a computed value ({PARALLEL_HELP})",
                 id="parallel-tensor-to-tensor"),
    pytest.param(element_outside_parallel, "A[0, 0]",
                 "A[0, 0] reads one element; elements are only accessible inside T.Parallel, "
                 "regions only in T.copy", id="element-outside-parallel"),
    pytest.param(reduce_abssum, "T.reduce_abssum",
                 "T.reduce_abssum is not supported by tilelang_tt.language", id="reduce-abssum"),
    pytest.param(atomic_add_in_parallel, "T.atomic_add",
                 "T.atomic_add is not supported by tilelang_tt.language", id="atomic-add"),
    pytest.param(gemm_policy, "1)",
                 "T.gemm's policy must be one of T.GemmWarpPolicy.Square, T.GemmWarpPolicy.FullRow, "
                 "T.GemmWarpPolicy.FullCol (accepted and ignored: Tensix has no warps), got 1",
                 id="gemm-policy"),
    pytest.param(gemm_clear_accum, "clear_accum",
                 "T.gemm argument 'clear_accum' is not supported (supported keywords: transpose_A, "
                 "transpose_B, policy)", id="gemm-clear-accum"),
    pytest.param(gemm_shape_mismatch, "T.gemm",
                 "'tt.gemm' op K of A (32) and K of B (64) differ: A 128x32, B 64x128, C 128x128",
                 id="gemm-shape-mismatch"),
    pytest.param(copy_extent_mismatch, "A[",
                 "T.copy region A[by * BM:by * BM + 64, bx * BN:bx * BN + BN] has extent 64 "
                 "in dim 0 but buffer 'X' has 128", id="copy-extent-mismatch"),
    pytest.param(copy_between_tensors, "T.copy",
                 "T.copy between two tensors is not supported: T.copy moves a region between "
                 "a tensor and a buffer (T.alloc_shared/T.alloc_fragment)",
                 id="copy-between-tensors"),
    pytest.param(block_index_product, "bx * by",
                 "bx * by multiplies two block/loop indices; index expressions must be affine",
                 id="block-index-product"),
    pytest.param(undefined_name, "block_N", "name 'block_N' is not defined", id="undefined-name"),
    pytest.param(tensor_internal_attribute, "A.value",
                 "A.value is not supported: of a tensor or buffer only .shape and .dtype are available",
                 id="tensor-attribute"),
    pytest.param(no_annotation, "A)", "argument 'A' needs a `T.Tensor(shape, dtype)` annotation",
                 id="no-annotation"),
    pytest.param(float16_tensor, "A:",
                 "dtype \"float16\" is not supported: Tensix's 16-bit float is bfloat16: use "
                 "\"bfloat16\" (or \"float32\")", id="float16-tensor"),
    pytest.param(float16_buffer, "\"float16\"",
                 "dtype \"float16\" is not supported: Tensix's 16-bit float is bfloat16: use "
                 "\"bfloat16\" (or \"float32\")", id="float16-buffer"),
    pytest.param(int_tensor, "A:",
                 "dtype \"int32\" is not supported "
                 "(supported: \"bfloat16\", \"float32\", \"float\")",
                 id="int-dtype"),
]


@pytest.mark.parametrize(("function", "at", "message"), PARSE_ERRORS)
def test_prim_func_error(function: Callable, at: str, message: str) -> None:
    with pytest.raises(TileLangError) as info:
        T.prim_func(function)
    check(info.value, function, at, message)


# (prim_func, the function whose line is marked, text the column points at, message):
# errors in a macro's body or definition name the macro's line.
MACRO_ERRORS = [
    pytest.param(macro_recursion, again, "forever",
                 "the T.macro 'forever' calls itself (forever -> again -> forever): recursion is not "
                 "supported (a macro is inlined at each call)", id="macro-recursion"),
    pytest.param(macro_odd_annotation, odd_annotation, "list",
                 "the annotation `list` of parameter 'x' of the T.macro 'odd_annotation' is not "
                 "supported (supported: T.Tensor, T.Buffer, T.SharedBuffer, T.FragmentBuffer with a "
                 "shape and dtype, T.int32, T.int64, T.uint32, int, T.float32, float)",
                 id="macro-annotation"),
    pytest.param(macro_variadic, variadic, "buffers",
                 "a T.macro cannot take *args; declare each parameter", id="macro-variadic"),
    pytest.param(macro_sees_no_caller_names, reads_caller_name, "X)",
                 "name 'X' is not defined", id="macro-caller-names"),
]


@pytest.mark.parametrize(("function", "marked", "at", "message"), MACRO_ERRORS)
def test_macro_error(function: Callable, marked: Callable, at: str, message: str) -> None:
    with pytest.raises(TileLangError) as info:
        T.prim_func(function)
    check(info.value, getattr(marked, "__wrapped__", marked), at, message)


def lambda_prim_func_source():
    return lambda A: A  # ERROR


@pytest.mark.parametrize(
    ("function", "marked", "what"),
    [
        pytest.param(lambda_prim_func_source(), lambda_prim_func_source, "a lambda", id="lambda"),
        pytest.param(async_prim_func, async_prim_func, "`async def async_prim_func`",
                     id="async-def"),
    ],
)
def test_prim_func_needs_def(function: Callable, marked: Callable, what: str) -> None:
    # No `def` body to walk: the error names the function's first line (no column), which
    # is the `# ERROR` line of `marked`.
    line, _ = marked_line(marked)
    with pytest.raises(TileLangError) as info:
        T.prim_func(function)
    location = f"{function.__code__.co_filename}:{line}"
    message = f"@T.prim_func needs a function defined with `def`, got {what}"
    assert str(info.value) == f"{location}: error: {message}"


# --------------------------------------------------------------------------- compile-time errors


def gemm_transpose_a(A: T.Tensor((M, K), T.bfloat16), B: T.Tensor((K, N), T.bfloat16),
                     C: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(N // BN, M // BM) as (bx, by):
        A_s = T.alloc_shared((BK, BM), "bfloat16")
        B_s = T.alloc_shared((BK, BN), "bfloat16")
        C_l = T.alloc_fragment((BM, BN), "float32")
        T.clear(C_l)
        for k in T.Pipelined(K // BK, num_stages=2):
            T.copy(A[k * BK, by * BM], A_s)
            T.copy(B[k * BK, bx * BN], B_s)
            T.gemm(A_s, B_s, C_l, transpose_A=True)  # ERROR
        T.copy(C_l, C[by * BM, bx * BN])


def update_in_loop_then_store(A: T.Tensor((M, N), T.bfloat16), C: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(N // BN, M // BM) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")
        Y = T.alloc_shared((BM, BN), "bfloat16")
        T.copy(A[by * BM, bx * BN], X)
        for i, j in T.Parallel(BM, BN):
            Y[i, j] = X[i, j] + X[i, j]
        for k in T.serial(2):
            for i, j in T.Parallel(BM, BN):
                Y[i, j] *= X[i, j]
        T.copy(Y, C[by * BM, bx * BN])  # ERROR


def leading_index_past_tensor(A: T.Tensor((2, 3, M, N), T.float32), C: T.Tensor((2, 3, M, N), T.float32)):
    with T.Kernel(M // BM, 3, 3) as (bx, by, bz):
        X = T.alloc_shared((BM, N), "float32")
        T.copy(A[bz, by, bx * BM, 0], X)  # ERROR
        T.copy(X, C[0, by, bx * BM, 0])


def buffer_in_and_out(A: T.Tensor((M, N), T.bfloat16), C: T.Tensor((M, N), T.bfloat16)):
    with T.Kernel(N // BN, M // BM) as (bx, by):
        X = T.alloc_shared((BM, BN), "bfloat16")  # ERROR
        T.copy(A[by * BM, bx * BN], X)
        T.copy(X, C[by * BM, bx * BN])


def gemm_loop_without_iterations(A: T.Tensor((M, K), T.bfloat16), B: T.Tensor((K, N), T.bfloat16),
                                 C: T.Tensor((M, N), T.float32)):
    with T.Kernel(N // BN, M // BM) as (bx, by):
        A_s = T.alloc_shared((BM, BK), "bfloat16")
        B_s = T.alloc_shared((BK, BN), "bfloat16")
        C_l = T.alloc_fragment((BM, BN), "float32")
        T.clear(C_l)
        for k in T.Pipelined(T.min(K // BK, by * 4), num_stages=2):
            T.copy(A[by * BM, k * BK], A_s)
            T.copy(B[k * BK, bx * BN], B_s)
            T.gemm(A_s, B_s, C_l)  # ERROR
        T.copy(C_l, C[by * BM, bx * BN])


COMPILE_ERRORS = [
    pytest.param(gemm_loop_without_iterations, "T.gemm",
                 "'tt.gemm' op the gemm's K loop can run no iteration: its upper bound "
                 "min(8, by * 4) can be 0, not above its lower bound 0; the gemm's sums stay in DST "
                 "over the K loop, which must run at least once in every block",
                 id="gemm-loop-without-iterations"),
    pytest.param(gemm_transpose_a, "T.gemm",
                 "'tt.gemm' op transpose_a has no Tensix form (the matrix engine transposes "
                 "only its second operand); transpose A when loading it", id="gemm-transpose-a"),
    pytest.param(update_in_loop_then_store, "T.copy",
                 "'tt.cb_wait_front' op CB 16 is packed more than once per block (a buffer updated "
                 "in place) and copied to a tensor: the writer would take the first values pushed; "
                 "copy out a buffer computed once", id="update-in-loop-then-store"),
    pytest.param(buffer_in_and_out, "T.alloc_shared",
                 "'tt.alloc_shared' op buffer is both filled from a tensor and copied back to one; "
                 "use separate input and output buffers", id="buffer-in-and-out"),
    pytest.param(leading_index_past_tensor, "T.copy",
                 "'tt.copy' op the 128x256 region copied from argument #0 (2x3x256x256xf32) runs "
                 "past dimension 0: with block index bz = 2 (of 0..2), its index bz = 2 is not "
                 "below the tensor's 2 positions; a leading (batch) dimension is never padded, so "
                 "every block and loop iteration must index inside it", id="leading-index-past-tensor"),
]


@pytest.mark.parametrize(("function", "at", "message"), COMPILE_ERRORS)
def test_compile_error(function: Callable, at: str, message: str) -> None:
    prim_func = T.prim_func(function)  # inside the subset: the pipeline refuses it
    with pytest.raises(TileLangError) as info:
        tilelang.compile(prim_func, cache=CompileCache(disk=False))
    check(info.value, function, at, message)


def parallel_store_of_buffer(A: T.Tensor((M, K), T.bfloat16), B: T.Tensor((K, N), T.bfloat16),
                             C: T.Tensor((M, N), T.float32)):
    with T.Kernel(N // BN, M // BM) as (bx, by):
        A_s = T.alloc_shared((BM, BK), "bfloat16")
        B_s = T.alloc_shared((BK, BN), "bfloat16")
        C_l = T.alloc_fragment((BM, BN), "float32")
        T.clear(C_l)
        for k in T.Pipelined(K // BK, num_stages=2):
            T.copy(A[by * BM, k * BK], A_s)
            T.copy(B[k * BK, bx * BN], B_s)
            T.gemm(A_s, B_s, C_l)
        for i, j in T.Parallel(BM, BN):
            C[by * BM + i, bx * BN + j] = C_l[i, j]


def test_parallel_store_of_a_buffer_is_a_copy_to_the_tensor() -> None:
    # `C[y, x] = C_l[i, j]` stores the buffer itself (as `T.copy(C_l, C[y, x])` does), not
    # through a staging buffer and a buffer-to-buffer copy.
    prim_func = T.prim_func(parallel_store_of_buffer)
    assert "tt.copy %C_l to %C[" in prim_func.ir()
    tilelang.compile(prim_func, cache=CompileCache(disk=False))
