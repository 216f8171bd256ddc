"""Vectors, reductions and broadcasts through the front end (issue 16, item 3).

`T.alloc_fragment((m,))` is a vector: one value per row (or column) of a block.
`T.reduce_sum / reduce_max / reduce_min(x, s, dim, clear)` fill one from a block;
`x[i, j] - s[i]` in a `T.Parallel(m, n)` broadcasts it along the row (`s[j]`: the
column); `T.Parallel(m)` computes on vectors alone; `T.max` / `T.min` of two elements
and `/` between elements complete what norms and softmax need. Each construct's IR is
FileChecked, its numerics compared with numpy on the emulator, and its refusals matched
by text (the refused-constructs table is `tests/test_frontend_errors.py`).

Tolerances (f32 data, fp32 DST): sums over the n columns of a block are fp32 sums, at most
n * 2^-24 * sum(|x|) away from the exact sum (first order), so `atol = 1e-5` for sums of
at most 128 values of magnitude below 4; maxima, minima, broadcast sums, differences and
products are one fp32 rounding of the exact result (`rtol = 2^-23`); reciprocals and
exponentials a few fp32 ulps (`rtol = 1e-6`).
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


def compile_(prim_func, outputs: int = 1):
    pytest.importorskip("tt_dialect.emu")
    return tilelang_tt.compile(prim_func, out_idx=list(range(-outputs, 0)), grid=(2, 2), cache=CACHE)


def row_stats(M, N, bm):
    @T.prim_func
    def main(X: T.Tensor((M, N), "float"), Y: T.Tensor((M, N), "float"), Z: T.Tensor((M, N), "float")):
        with T.Kernel(T.ceildiv(M, bm), threads=128) as bx:
            x = T.alloc_shared((bm, N), "float")
            total = T.alloc_fragment((bm,), "float")
            largest = T.alloc_fragment((bm,), "float")
            smallest = T.alloc_fragment((N,), "float")
            y = T.alloc_fragment((bm, N), "float")
            z = T.alloc_fragment((bm, N), "float")
            T.copy(X[bx * bm, 0], x)
            T.reduce_sum(x, total, dim=1)
            T.reduce_max(x, largest)
            T.reduce_min(x, smallest, dim=0)
            for i, j in T.Parallel(bm, N):
                y[i, j] = (x[i, j] - largest[i]) * total[i] + smallest[j]
                z[i, j] = x[i, j] / total[i]
            T.copy(y, Y[bx * bm, 0])
            T.copy(z, Z[bx * bm, 0])

    return main


def test_reductions_and_broadcasts_ir(filecheck) -> None:
    """Each reduction scales by the kernel's one tile of ones (filled once per block); a
    vector indexed by the row index broadcasts as `col`, by the column index as `row`;
    `s - x` is `-(x - s)`; `x / s` is `x * (1 / s)` (a recip of the vector)."""
    filecheck(row_stats(64, 64, 32).ir(), checks("""
        CHECK:      [[ONES:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: tt.fill [[ONES]], 1.000000e+00 : memref<32x32xf32>
        CHECK:      [[NEG:%x_negated]] = tt.alloc_shared : memref<32x64xf32>
        CHECK:      [[X:%x]] = tt.alloc_shared : memref<32x64xf32>
        CHECK-NEXT: [[TOTAL:%total]] = tt.alloc_fragment : memref<32xf32>
        CHECK-NEXT: [[LARGEST:%largest]] = tt.alloc_fragment : memref<32xf32>
        CHECK-NEXT: [[SMALLEST:%smallest]] = tt.alloc_fragment : memref<64xf32>
        CHECK:      tt.reduce_sum [[X]], [[ONES]] to [[TOTAL]] dim = 1 : memref<32x64xf32>, memref<32x32xf32> to memref<32xf32>
        CHECK-NEXT: tt.reduce_max [[X]], [[ONES]] to [[LARGEST]] dim = 1
        CHECK-NEXT: tt.mul_scalar [[X]], -1.000000e+00 to [[NEG]]
        CHECK-NEXT: tt.reduce_max [[NEG]], [[ONES]] to [[SMALLEST]] dim = 0
        CHECK-NEXT: tt.mul_scalar [[SMALLEST]], -1.000000e+00 to [[SMALLEST]] : memref<64xf32>
        CHECK-NEXT: tt.sub [[X]], [[LARGEST]] to [[D:SSA]] {broadcast = #tt.broadcast<col>} : memref<32x64xf32>, memref<32xf32> to memref<32x64xf32>
        CHECK-NEXT: tt.mul [[D]], [[TOTAL]] to [[P:SSA]] {broadcast = #tt.broadcast<col>}
        CHECK-NEXT: tt.add [[P]], [[SMALLEST]] to [[Y:SSA]] {broadcast = #tt.broadcast<row>} : memref<32x64xf32>, memref<64xf32> to memref<32x64xf32>
        CHECK-NEXT: tt.recip [[TOTAL]] to [[R:SSA]] : memref<32xf32>
        CHECK-NEXT: tt.mul [[X]], [[R]] to %z {broadcast = #tt.broadcast<col>}
    """))


def test_reductions_and_broadcasts_numerics() -> None:
    M, N = 64, 64
    kernel = compile_(row_stats(M, N, 32), outputs=2)
    rng = np.random.default_rng(16)
    x = rng.uniform(0.5, 2.0, (M, N)).astype(np.float32)
    y, z = kernel(x)
    total = np.zeros((M, 1), np.float64)
    for b in range(0, M, 32):
        total[b:b + 32] = x[b:b + 32].astype(np.float64).sum(axis=1, keepdims=True)
    largest = x.max(axis=1, keepdims=True)
    smallest = np.concatenate([x[b:b + 32].min(axis=0, keepdims=True).repeat(32, 0) for b in range(0, M, 32)])
    np.testing.assert_allclose(y, (x - largest) * total + smallest, rtol=1e-5, atol=1e-4)
    np.testing.assert_allclose(z, x / total, rtol=1e-5, atol=1e-6)


def test_vector_parallel_and_clear_false(filecheck) -> None:
    """`T.Parallel(m)` over vectors; `clear=False` combines with what the vector holds
    (added for sums, the maximum for maxima); T.max and T.min of two elements."""
    M, N, bm, bn = 64, 128, 32, 64

    @T.prim_func
    def accumulate(X: T.Tensor((M, N), "float"), Y: T.Tensor((M, N), "float")):
        with T.Kernel(T.ceildiv(M, bm), threads=128) as bx:
            x = T.alloc_shared((bm, bn), "float")
            y = T.alloc_fragment((bm, bn), "float")
            total = T.alloc_fragment((bm,), "float")
            largest = T.alloc_fragment((bm,), "float")
            scale = T.alloc_fragment((bm,), "float")
            T.clear(total)
            T.fill(largest, -1000.0)
            for k in range(N // bn):
                T.copy(X[bx * bm, k * bn], x)
                T.reduce_sum(x, total, dim=1, clear=False)
                T.reduce_max(x, largest, dim=1, clear=False)
            for i in T.Parallel(bm):
                scale[i] = T.max(largest[i], total[i]) - T.min(largest[i], total[i])
            for k in range(N // bn):
                T.copy(X[bx * bm, k * bn], x)
                for i, j in T.Parallel(bm, bn):
                    y[i, j] = x[i, j] * scale[i]
                T.copy(y, Y[bx * bm, k * bn])

    filecheck(accumulate.ir(), checks("""
        CHECK:      scf.for
        CHECK:        tt.reduce_sum [[X:SSA]], [[ONES:SSA]] to [[PART:SSA]] dim = 1
        CHECK-NEXT:   tt.add [[TOTAL:SSA]], [[PART]] to [[TOTAL]] : memref<32xf32>
        CHECK-NEXT:   tt.reduce_max [[X]], [[ONES]] to [[PART2:SSA]] dim = 1
        CHECK-NEXT:   tt.max [[LARGEST:SSA]], [[PART2]] to [[LARGEST]] : memref<32xf32>
        CHECK:      tt.max [[LARGEST]], [[TOTAL]] to [[A:SSA]] : memref<32xf32>
        CHECK-NEXT: tt.min [[LARGEST]], [[TOTAL]] to [[B:SSA]] : memref<32xf32>
        CHECK-NEXT: tt.sub [[A]], [[B]] to [[SCALE:SSA]] : memref<32xf32>
    """))
    kernel = compile_(accumulate)
    rng = np.random.default_rng(17)
    x = rng.uniform(-1.0, 1.0, (M, N)).astype(np.float32)
    total = x.astype(np.float64).sum(axis=1, keepdims=True)
    largest = np.maximum(x.max(axis=1, keepdims=True), -1000.0)
    scale = np.abs(largest - total)
    np.testing.assert_allclose(kernel(x), x * scale, rtol=1e-5, atol=1e-5)


def test_loop_scaled_block_is_a_new_buffer(filecheck) -> None:
    """A block copied in and then scaled in the same loop iteration (TileLang's split-K
    RMSNorm) goes to a new buffer, as in straight-line code; a buffer first stored to in
    an iteration (`acc += ...`) stays in place, carried to the next."""
    M, N, bm, bk = 32, 128, 32, 64

    @T.prim_func
    def scaled(A: T.Tensor((M, N), "float"), B: T.Tensor((M, N), "float")):
        with T.Kernel(1, threads=128) as bx:
            a = T.alloc_shared((bm, bk), "float")
            s = T.alloc_fragment((bm,), "float")
            T.fill(s, 2.0)
            for k in range(N // bk):
                T.copy(A[bx * bm, k * bk], a)
                for i, j in T.Parallel(bm, bk):
                    a[i, j] *= s[i]
                T.copy(a, B[bx * bm, k * bk])

    filecheck(scaled.ir(), checks("""
        CHECK:      [[A:SSA]] = tt.alloc_shared : memref<32x64xf32>
        CHECK-NEXT: [[A1:SSA]] = tt.alloc_shared : memref<32x64xf32>
        CHECK:      scf.for
        CHECK:        tt.copy %A[{{.*}}] to [[A]]
        CHECK-NEXT:   tt.mul [[A]], {{.*}} to [[A1]] {broadcast = #tt.broadcast<col>}
        CHECK-NEXT:   tt.copy [[A1]] to %B
    """))
    kernel = compile_(scaled)
    x = np.random.default_rng(18).standard_normal((M, N), dtype=np.float32)
    np.testing.assert_array_equal(kernel(x), 2 * x)


@pytest.mark.parametrize(
    "body, message",
    [
        ("for i, j in T.Parallel(32, 64):\n    s[i] = x[i, j]",
         "a store to the vector element s[i] in T.Parallel(32, 64) combines the values along "
         "the other index: use T.reduce_sum / T.reduce_max / T.reduce_min, or a T.Parallel over "
         "the vector alone"),
        ("for i, j in T.Parallel(32, 64):\n    y[i, j] = s[i]",
         "`s[i]` has one value per row, but y[i, j] needs one per element: combine it with a "
         "block element (`x[i, j] * s[i]`)"),
        ("for i, j in T.Parallel(32, 64):\n    y[i, j] = x[i, j] * s[j]",
         "vector 's' of shape 32 is indexed by 'j', whose extent is 64"),
        ("for i, j in T.Parallel(32, 32):\n    y2[i, j] = s[i] + sq[j]",
         "`s[i] + sq[j]` combines a vector per row with a vector per column (an outer "
         "product), which is not supported"),
        ("for i, j in T.Parallel(32, 32):\n    y2[i, j] = sq[i] * x2[i, j]\n"
         "for i, j in T.Parallel(32, 32):\n    y2[i, j] = sq[j] * x2[i, j]",
         "vector 'sq' holds one value per row of a block (as used at line {line}); using it per "
         "column here would need a transpose, which is not supported"),
        ("for i, j in T.Parallel(32, 64):\n    y[i, j] = T.max(x[i, j], s[i])",
         "`T.max(x[i, j], s[i])`: T.max / T.min of a block element and a vector element is not "
         "supported (both must be block elements, or both vector elements)"),
        ("T.reduce_sum(x, s, dim=0)",
         "T.reduce_sum of the 32x64 block 'x' along dim 0 gives 64 values, but 's' has shape 32"),
        ("T.reduce_max(s, s)", "T.reduce_max reduces a 2-D block; 's' has shape 32"),
        ("T.reduce_sum(x, s, dim=2)", "T.reduce_sum's dim must be 0, 1 (or -2, -1) for a 2-D block, got 2"),
        ("T.reduce_sum(x, s, clear=1)", "T.reduce_sum's clear must be True or False, got 1"),
    ],
)
def test_refused(body: str, message: str, tmp_path) -> None:
    source = (
        "import tilelang_tt.language as T\n\n"
        "@T.prim_func\n"
        "def main(X: T.Tensor((32, 64), 'float')):\n"
        "    with T.Kernel(1, threads=128) as bx:\n"
        "        x = T.alloc_shared((32, 64), 'float')\n"
        "        y = T.alloc_shared((32, 64), 'float')\n"
        "        x2 = T.alloc_shared((32, 32), 'float')\n"
        "        y2 = T.alloc_shared((32, 32), 'float')\n"
        "        s = T.alloc_fragment((32,), 'float')\n"
        "        sq = T.alloc_fragment((32,), 'float')\n"
        + textwrap.indent(body, " " * 8) + "\n"
    )
    path = tmp_path / "program.py"
    path.write_text(source)
    first_body_line = 12
    with pytest.raises(TileLangError) as caught:
        namespace: dict = {}
        exec(compile(source, str(path), "exec"), namespace)
    assert caught.value.message == message.format(line=first_body_line + 1)
    assert caught.value.location.startswith(f"{path}:")
