"""Inputs the front end must refuse with a clear message, never a traceback from its
internals (issue 17, item 3): numbers float32 cannot hold, at the user's line; `jit` /
`compile` options and kernel call arguments of the wrong kind; launch grids too large for
the host program's uint32 block numbers."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

import tilelang_tt
from tilelang_tt import CompileCache, TileLangError

F32 = "(at most 3.40282e+38 in magnitude)"


def parse(tmp_path, body: str):
    """The prim_func of a program whose kernel body is `body` (line 6 is its first line)."""
    source = (
        "import tilelang_tt.language as T\n"
        "@T.prim_func\n"
        "def main(A: T.Tensor((32, 32), 'float'), B: T.Tensor((32, 32), 'float')):\n"
        "    with T.Kernel(1, threads=128) as bx:\n"
        "        X = T.alloc_shared((32, 32), 'float')\n"
        + textwrap.indent(body, " " * 8) + "\n"
    )
    path = tmp_path / "program.py"
    path.write_text(source)
    namespace: dict = {}
    exec(compile(source, str(path), "exec"), namespace)
    return namespace["main"], path


@pytest.mark.parametrize(
    "body, column, message",
    [
        ("for i, j in T.Parallel(32, 32):\n    X[i, j] = X[i, j] * 1e40", 33,
         f"the number 1e+40 does not fit float32, the kernels' number format {F32}"),
        ("for i, j in T.Parallel(32, 32):\n    X[i, j] = X[i, j] + 10**400", 33,
         f"the number 10 ** 400 does not fit float32, the kernels' number format {F32}"),
        ("for i, j in T.Parallel(32, 32):\n    X[i, j] = 1e39 - X[i, j]", 23,
         f"the number 1e+39 does not fit float32, the kernels' number format {F32}"),
        ("for i, j in T.Parallel(32, 32):\n    X[i, j] = X[i, j] * float('inf')", 33,
         f"float('inf') is infinite; a float32 kernel value is finite here {F32} unless it is "
         "T.infinity(dtype) or -T.infinity(dtype)"),
        ("for i, j in T.Parallel(32, 32):\n    X[i, j] = X[i, j] * (T.infinity('float32') * 2)", 34,
         "T.infinity('float32') * 2 is infinite; a float32 kernel value is finite here "
         f"{F32} unless it is T.infinity(dtype) or -T.infinity(dtype)"),
        ("for i, j in T.Parallel(32, 32):\n    X[i, j] = X[i, j] * float('nan')", 33,
         "float('nan') is NaN; kernel values here are numbers"),
        ("T.fill(X, 1e300)", 19, f"the number 1e+300 does not fit float32, the kernels' number format {F32}"),
    ],
)
def test_numbers_beyond_float32_are_refused_at_their_line(tmp_path, body, column, message) -> None:
    line = 6 + body.count("\n")
    with pytest.raises(TileLangError) as caught:
        parse(tmp_path, body)
    assert caught.value.message == message
    assert caught.value.location == f"{tmp_path / 'program.py'}:{line}:{column}"


def test_launch_grid_beyond_uint32_block_numbers(tmp_path) -> None:
    source = (
        "import tilelang_tt.language as T\n"
        "@T.prim_func\n"
        "def main(A: T.Tensor((32, 32), 'float')):\n"
        "    with T.Kernel(10**6, 10**6, threads=128) as (bx, by):\n"
        "        X = T.alloc_shared((32, 32), 'float')\n"
        "        T.copy(A[0, 0], X)\n"
    )
    path = tmp_path / "grid.py"
    path.write_text(source)
    with pytest.raises(TileLangError) as caught:
        exec(compile(source, str(path), "exec"), {})
    assert caught.value.location == f"{path}:4:5"
    assert caught.value.message == (
        "'tt.launch_grid' op grid of 1000000 x 1000000 blocks is too large: the host program numbers "
        "blocks with uint32 runtime arguments, so a grid has at most 4294967295 blocks")


@pytest.mark.parametrize(
    "out_idx, message",
    [
        (1.5, "out_idx must be an int or a list of ints, got 1.5"),
        ([1.5], "out_idx must be an int or a list of ints, got 1.5 in [1.5]"),
        (True, "out_idx must be an int or a list of ints, got True"),
        ("1", "out_idx must be an int or a list of ints, got '1'"),
    ],
)
def test_out_idx_of_the_wrong_type(tmp_path, out_idx, message) -> None:
    prim_func, _ = parse(tmp_path, "T.copy(A[0, 0], X)")
    with pytest.raises(TypeError) as caught:
        tilelang_tt.compile(prim_func, out_idx=out_idx, cache=CompileCache(disk=False))
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "array, message",
    [
        (np.ones((32, 32), complex), "argument 'A' holds complex numbers; pass real numbers (it is converted to f32)"),
        (np.full((32, 32), None, object), "argument 'A' holds object values; pass real numbers (it is converted to f32)"),
    ],
)
def test_kernel_arguments_of_the_wrong_kind(tmp_path, array, message) -> None:
    prim_func, _ = parse(tmp_path, "Y = T.alloc_shared((32, 32), 'float')\nT.copy(A[0, 0], X)\nT.copy(X, Y)\nT.copy(Y, B[0, 0])")
    kernel = tilelang_tt.compile(prim_func, out_idx=-1, cache=CompileCache(disk=False))
    with pytest.raises(TypeError) as caught:
        kernel(array)
    assert str(caught.value) == message
