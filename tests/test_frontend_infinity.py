"""`T.infinity(dtype)` and `-T.infinity(dtype)`: flash attention's start values.

A fill of `-T.infinity` is `tt.fill ..., 0xfff0000000000000` (xDSL's spelling of an f64
-inf, which `tt-opt` reads back) and runs as `fill_tile_bitcast(d, 0xff800000u)`: C++ has no
float literal for an infinity. On the emulator, as on Tensix's SFPU, max(-inf, x) = x and
2^-inf = 0, which flash attention's first iteration relies on
(`exp2(scores_max_prev * scale - scores_max * scale)` with `scores_max_prev = -inf`).
Numbers float32 cannot hold stay refused unless they are an explicit `T.infinity`
(`tests/test_frontend_inputs.py`).
"""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

import tilelang_tt
import tilelang_tt.language as T
from tilelang_tt import CompileCache, TileLangError

CACHE = CompileCache(disk=False)
LOG2E = 1.4426950408889634


def running_max(M, N, bm, dtype):
    @T.prim_func
    def main(X: T.Tensor((M, N), dtype), Y: T.Tensor((M, N), "float"), Z: T.Tensor((M, N), "float")):
        with T.Kernel(T.ceildiv(M, bm), threads=128) as bx:
            x = T.alloc_shared((bm, N), dtype)
            prev = T.alloc_fragment((bm,), "float")
            m = T.alloc_fragment((bm,), "float")
            scale = T.alloc_fragment((bm,), "float")
            y = T.alloc_fragment((bm, N), "float")
            z = T.alloc_fragment((bm, N), "float")
            T.copy(X[bx * bm, 0], x)
            T.fill(prev, -T.infinity("float"))
            T.fill(m, -T.infinity(dtype))
            T.reduce_max(x, m, dim=1, clear=False)
            for i in T.Parallel(bm):
                scale[i] = T.exp2(prev[i] * LOG2E - m[i] * LOG2E)
            for i, j in T.Parallel(bm, N):
                y[i, j] = x[i, j] - m[i] + scale[i]
                z[i, j] = T.exp2(-T.infinity("float") - x[i, j])
            T.copy(y, Y[bx * bm, 0])
            T.copy(z, Z[bx * bm, 0])

    return main


def test_infinity_ir(filecheck) -> None:
    """-inf fills print as the f64 bit pattern; `-inf - x` is an rsub_scalar of the f32 -inf."""
    filecheck(running_max(64, 64, 32, "float").ir(), textwrap.dedent("""
        CHECK:      tt.fill %prev, 0xfff0000000000000 : memref<32xf32>
        CHECK-NEXT: tt.fill %m, 0xfff0000000000000 : memref<32xf32>
        CHECK-NEXT: tt.reduce_max %x, %ones to %m_part dim = 1
        CHECK-NEXT: tt.max %m, %m_part to %m_1 : memref<32xf32>
        CHECK:      tt.rsub_scalar %x, 0xff800000 to %{{[a-z0-9_]+}} : memref<32x64xf32>
    """))


@pytest.mark.parametrize("dtype", ["float", "bfloat16"])
def test_infinity_numerics(dtype) -> None:
    """max(-inf, row max) is the row max; 2^(-inf * s - m * s) = 0 and 2^(-inf - x) = 0,
    exactly (no NaN)."""
    pytest.importorskip("tt_dialect.emu")
    kernel = tilelang_tt.compile(running_max(64, 96, 32, dtype), out_idx=[-2, -1], grid=(2, 2), cache=CACHE)
    compute = kernel.get_kernel_source("compute")
    assert "fill_tile_bitcast(0, 0xff800000u);" in compute
    assert "inf" not in compute.replace("fill_tile_bitcast", "")
    X = np.random.default_rng(7).standard_normal((64, 96)).astype(np.float32)
    if dtype == "bfloat16":
        X = (X.view(np.uint32) & 0xFFFF0000).view(np.float32)  # exact in bf16
    Y, Z = kernel(X)
    np.testing.assert_array_equal(Y, X - X.max(axis=1, keepdims=True))
    np.testing.assert_array_equal(Z, np.zeros_like(X))


def test_infinity_outside_a_prim_func_is_plain_inf() -> None:
    assert T.infinity("float32") == float("inf")
    assert -T.infinity("bfloat16") == -float("inf")
    assert repr(-T.infinity("float")) == "-T.infinity"


def test_infinity_of_an_unsupported_dtype_is_refused(tmp_path) -> None:
    source = (
        "import tilelang_tt.language as T\n"
        "@T.prim_func\n"
        "def main(A: T.Tensor((32, 32), 'float')):\n"
        "    with T.Kernel(1) as bx:\n"
        "        a = T.alloc_shared((32, 32), 'float')\n"
        "        T.fill(a, -T.infinity('float16'))\n"
        "        T.copy(a, A[0, 0])\n"
    )
    path = tmp_path / "program.py"
    path.write_text(source)
    with pytest.raises(TileLangError) as caught:
        exec(compile(source, str(path), "exec"), {})
    assert caught.value.location == f"{path}:6:20"
    assert caught.value.message == (
        "evaluating `T.infinity('float16')` at compile time failed: ValueError: T.infinity of "
        "dtype 'float16' is not supported (Tensix's 16-bit float is bfloat16: use \"bfloat16\" "
        "(or \"float32\"))"
    )
