"""`@T.macro` and index functions through the front end.

A macro's calls in a prim_func body (or in another macro) are inlined: the body compiles
in place of the call with the parameters bound to the arguments, so the tile program is
the one the body written out would give. Each test FileChecks the IR of a small program
(or compares it with the hand-inlined program's), then errors are matched by text (the
table of refused constructs is `tests/test_frontend_errors.py`).

`T.min` / `T.max` / `T.ceildiv`, `//` and `%` on block and loop indices are index values
computed in the kernel (`arith.minui`, `arith.maxui`, `arith.divui`, `arith.remui`). A loop
over such a runtime trip count runs through the whole pipeline and the emulator; results
are compared with numpy (exactly: sums of small integers in f32, products of bf16 integers),
and the emitted C++ passes the real-header check.

This file does not use `from __future__ import annotations`: macro parameter annotations
are evaluated when the macro is defined (tests/test_frontend_errors.py covers the string
form).
"""

# ruff: noqa: F841 - buffers only the IR uses

import textwrap
from pathlib import Path

import numpy as np
import pytest
import tilelang_tt
import tilelang_tt.language as T
from tilelang_tt import CompileCache, TileLangError
from tilelang_tt.language import NotInPrimFunc

CACHE = CompileCache(disk=False)
SSA = "%[a-zA-Z0-9_]+"
HERE = Path(__file__).resolve()


def checks(text: str) -> str:
    return textwrap.dedent(text).replace(":SSA]]", f":{SSA}]]")


def line_of(marker: str) -> int:
    """The line of this file holding the comment `# <marker>`."""
    lines = HERE.read_text().splitlines()
    found = [n for n, text in enumerate(lines, 1) if text.rstrip().endswith(f"# {marker}")]
    assert len(found) == 1, marker
    return found[0]


# --------------------------------------------------------------------------- macros


def prefix_sums(M=128, N=256, bM=32, bN=64, by_keyword=False, extra=1):
    """Y[rows of block bx] = the sum of X's first min(N / bN, bx + 1) column blocks of those
    rows: a loop whose trip count depends on the block index, its body a macro."""

    @T.macro
    def add_block(X: T.Tensor((M, N), "float32"), x_s: T.SharedBuffer([bM, bN], "float32"),
                  acc: T.FragmentBuffer([bM, bN], "float32"), bx: T.int32, k: T.int32):
        T.copy(X[bx * bM, k * bN], x_s)
        for i, j in T.Parallel(bM, bN):
            acc[i, j] += x_s[i, j]

    @T.prim_func
    def prefix(X: T.Tensor((M, N), "float32"), Y: T.Tensor((M, bN), "float32")):
        with T.Kernel(T.ceildiv(M, bM)) as bx:
            x_s = T.alloc_shared((bM, bN), "float32")
            acc = T.alloc_fragment((bM, bN), "float32")
            y_s = T.alloc_shared((bM, bN), "float32")
            T.clear(acc)
            for k in T.serial(T.min(T.ceildiv(N, bN), bx + extra)):
                if by_keyword:
                    add_block(X, acc=acc, k=k, x_s=x_s, bx=bx)
                else:
                    add_block(X, x_s, acc, bx, k)
            T.copy(acc, y_s)
            T.copy(y_s, Y[bx * bM, 0])

    return prefix


def prefix_sums_reference(x: np.ndarray, bM: int, bN: int, extra: int = 1) -> np.ndarray:
    M, N = x.shape
    x = np.pad(x, ((0, 0), (0, -N % bN)))  # the padding past N reads zeros
    y = np.zeros((M, bN), np.float32)
    for bx in range(-(-M // bM)):
        rows = slice(bx * bM, (bx + 1) * bM)
        for k in range(min(-(-N // bN), bx + extra)):
            y[rows] += x[rows, k * bN:(k + 1) * bN]
    return y


def test_macro_is_inlined_at_its_call(filecheck) -> None:
    filecheck(prefix_sums().ir(), checks("""
        CHECK:      func.func @prefix([[X:SSA]]: memref<128x256xf32>, [[Y:SSA]]: memref<128x64xf32>) {
        CHECK-NEXT:   tt.launch_grid ([[BX:SSA]], {{.*}}) in (4, 1) {
        CHECK-DAG:      [[C0:SSA]] = arith.constant 0 : index
        CHECK-DAG:      [[C1:SSA]] = arith.constant 1 : index
        CHECK-DAG:      [[C4:SSA]] = arith.constant 4 : index
        CHECK-DAG:      [[C32:SSA]] = arith.constant 32 : index
        CHECK-DAG:      [[C64:SSA]] = arith.constant 64 : index
        CHECK:          [[XS:SSA]] = tt.alloc_shared : memref<32x64xf32>
        CHECK-NEXT:     [[ACC:SSA]] = tt.alloc_fragment : memref<32x64xf32>
        CHECK-NEXT:     [[YS:SSA]] = tt.alloc_shared : memref<32x64xf32>
        CHECK-NEXT:     tt.clear [[ACC]] : memref<32x64xf32>
        CHECK-NEXT:     [[NEXT:SSA]] = arith.addi [[BX]], [[C1]] : index
        CHECK-NEXT:     [[MIN:SSA]] = arith.minui [[C4]], [[NEXT]] : index
        CHECK-NEXT:     [[ROW:SSA]] = arith.muli [[BX]], [[C32]] : index
        CHECK-NEXT:     scf.for [[K:SSA]] = [[C0]] to [[MIN]] step [[C1]] {
        CHECK-NEXT:       [[COL:SSA]] = arith.muli [[K]], [[C64]] : index
        CHECK-NEXT:       tt.copy [[X]][[[ROW]], [[COL]]] to [[XS]] : memref<128x256xf32> to memref<32x64xf32>
        CHECK-NEXT:       tt.add [[ACC]], [[XS]] to [[ACC]] : memref<32x64xf32>
        CHECK-NEXT:     }
        CHECK-NEXT:     tt.copy [[ACC]] to [[YS]] : memref<32x64xf32> to memref<32x64xf32>
        CHECK-NEXT:     tt.copy [[YS]] to [[Y]][[[ROW]], [[C0]]] : memref<32x64xf32> to memref<128x64xf32>
        CHECK-NEXT:   }
        CHECK-NEXT:   func.return
        CHECK-NEXT: }
    """))


def test_keyword_arguments_bind_like_positional_ones() -> None:
    assert prefix_sums(by_keyword=True).ir() == prefix_sums().ir()


M2 = N2 = 64
B2 = 32


def _with_macros():
    @T.macro
    def scaled(src, dst, factor=2.0):
        for i, j in T.Parallel(B2, B2):
            dst[i, j] = src[i, j] * factor

    @T.macro
    def twice(src: T.SharedBuffer((B2, B2), "float32"), tmp, dst: T.FragmentBuffer((B2, B2), "float32")):
        scaled(src, tmp)
        scaled(tmp, dst, factor=0.5)

    @T.prim_func
    def program(A: T.Tensor((M2, N2), "float32"), C: T.Tensor((M2, N2), "float32")):
        with T.Kernel(N2 // B2, M2 // B2) as (bx, by):
            a = T.alloc_shared((B2, B2), "float32")
            t = T.alloc_shared((B2, B2), "float32")
            c = T.alloc_fragment((B2, B2), "float32")
            T.copy(A[by * B2, bx * B2], a)
            twice(a, t, c)
            T.copy(c, C[by * B2, bx * B2])

    return program


def _written_out():
    @T.prim_func
    def program(A: T.Tensor((M2, N2), "float32"), C: T.Tensor((M2, N2), "float32")):
        with T.Kernel(N2 // B2, M2 // B2) as (bx, by):
            a = T.alloc_shared((B2, B2), "float32")
            t = T.alloc_shared((B2, B2), "float32")
            c = T.alloc_fragment((B2, B2), "float32")
            T.copy(A[by * B2, bx * B2], a)
            for i, j in T.Parallel(B2, B2):
                t[i, j] = a[i, j] * 2.0
            for i, j in T.Parallel(B2, B2):
                c[i, j] = t[i, j] * 0.5
            T.copy(c, C[by * B2, bx * B2])

    return program


def test_buffer_annotation_takes_a_buffer_too() -> None:
    """TileLang's macros annotate fragments `T.Buffer(shape, dtype)` as well (T.Buffer is
    T.Tensor here): such a parameter takes a tensor or a buffer of that shape and dtype."""

    @T.macro
    def scaled(src: T.Buffer((B2, B2), "float32"), dst: T.Buffer([B2, B2], "float32"), factor=2.0):
        for i, j in T.Parallel(B2, B2):
            dst[i, j] = src[i, j] * factor

    @T.prim_func
    def program(A: T.Tensor((M2, N2), "float32"), C: T.Tensor((M2, N2), "float32")):
        with T.Kernel(N2 // B2, M2 // B2) as (bx, by):
            a = T.alloc_shared((B2, B2), "float32")
            t = T.alloc_shared((B2, B2), "float32")
            c = T.alloc_fragment((B2, B2), "float32")
            T.copy(A[by * B2, bx * B2], a)
            scaled(a, t)
            scaled(t, c, 0.5)
            T.copy(c, C[by * B2, bx * B2])

    assert program.ir() == _written_out().ir()


def test_macro_gives_the_program_written_out() -> None:
    """A macro with a default argument, called twice from another macro, compiles to the
    program with its body written out at each call."""
    inlined = _with_macros().ir()
    assert inlined == _written_out().ir()
    assert inlined.count("tt.mul_scalar") == 2


def _nested(flag: bool, scale: float):
    M = N = 64
    b = 32

    @T.macro
    def epilogue(x, y):
        if flag and scale != 1.0:
            for i, j in T.Parallel(b, b):
                y[i, j] = T.exp(x[i, j]) * scale
        else:
            for i, j in T.Parallel(b, b):
                y[i, j] = T.exp(x[i, j])

    @T.macro
    def load_and_finish(A, x, y, row, col):
        T.copy(A[row, col], x)
        epilogue(x, y)

    @T.prim_func
    def nested(A: T.Tensor((M, N), "float32"), C: T.Tensor((M, N), "float32")):
        with T.Kernel(N // b, M // b) as (bx, by):
            scale = 100.0  # the caller's name: the macro sees its own closure's `scale`
            x = T.alloc_shared((b, b), "float32")
            y = T.alloc_fragment((b, b), "float32")
            load_and_finish(A, x, y, by * b, bx * b)
            T.copy(y, C[by * b, bx * b])

    return nested


def test_nested_macros_and_if_on_closure_values(filecheck) -> None:
    """`if flag and scale != 1.0` in a macro reads the macro's closure (not the caller's
    `scale`); only the branch taken is compiled."""
    body = """
        CHECK:      [[Y:SSA]] = tt.alloc_fragment : memref<32x32xf32>
        CHECK-NEXT: [[ROW:SSA]] = arith.muli {{.*}}
        CHECK-NEXT: [[COL:SSA]] = arith.muli {{.*}}
        CHECK-NEXT: tt.copy [[A:SSA]][[[ROW]], [[COL]]] to [[X:SSA]] : memref<64x64xf32> to memref<32x32xf32>
    """
    filecheck(_nested(True, 3.0).ir(), checks(body + """
        CHECK-NEXT: tt.exp [[X]] to [[T:SSA]] : memref<32x32xf32>
        CHECK-NEXT: tt.mul_scalar [[T]], 3.000000e+00 to [[Y]] : memref<32x32xf32>
        CHECK-NEXT: tt.copy [[Y]] to {{.*}}[[[ROW]], [[COL]]] : memref<32x32xf32> to memref<64x64xf32>
    """))
    for flag, scale in ((False, 3.0), (True, 1.0)):
        filecheck(_nested(flag, scale).ir(), checks(body + """
            CHECK-NEXT: tt.exp [[X]] to [[Y]] : memref<32x32xf32>
            CHECK-NEXT: tt.copy [[Y]] to {{.*}}[[[ROW]], [[COL]]] : memref<32x32xf32> to memref<64x64xf32>
        """))


def _parallel_body():
    b = 32

    @T.macro
    def axpy(y, x, i, j, alpha: float):
        y[i, j] = x[i, j] * alpha + y[i, j]

    @T.prim_func
    def in_parallel(X: T.Tensor((b, b), "float32"), Y: T.Tensor((b, b), "float32")):
        with T.Kernel(1) as bx:
            x = T.alloc_shared((b, b), "float32")
            y = T.alloc_fragment((b, b), "float32")
            T.copy(X[0, 0], x)
            T.fill(y, 1.0)
            for i, j in T.Parallel(b, b):
                axpy(y, x, i, j, 2.0)
            T.copy(y, Y[0, 0])

    return in_parallel


def test_macro_called_in_a_parallel_body(filecheck) -> None:
    """A macro called in a T.Parallel body takes the loop's indices and its statements are
    the loop's; the updated fragment goes to a new version (straight-line code)."""
    filecheck(_parallel_body().ir(), checks("""
        CHECK:      tt.copy [[X:SSA]][{{.*}}] to [[XS:SSA]] : memref<32x32xf32> to memref<32x32xf32>
        CHECK-NEXT: tt.fill [[Y:SSA]], 1.000000e+00 : memref<32x32xf32>
        CHECK-NEXT: tt.mul_scalar [[XS]], 2.000000e+00 to [[T:SSA]] : memref<32x32xf32>
        CHECK-NEXT: tt.add [[T]], [[Y]] to [[Y2:SSA]] : memref<32x32xf32>
        CHECK-NEXT: tt.copy [[Y2]] to {{.*}} : memref<32x32xf32> to memref<32x32xf32>
    """))


def _located_macro():
    b = 32

    @T.macro
    def body_of(X, x, y):
        T.copy(X[0, 0], x)  # MACRO-COPY
        for i, j in T.Parallel(b, b):
            y[i, j] = T.exp(x[i, j])  # MACRO-EXP

    @T.prim_func
    def located(X: T.Tensor((b, b), "float32"), Y: T.Tensor((b, b), "float32")):
        with T.Kernel(1) as bx:
            x = T.alloc_shared((b, b), "float32")
            y = T.alloc_fragment((b, b), "float32")
            body_of(X, x, y)  # CALL
            T.copy(y, Y[0, 0])  # CALLER-COPY

    return located


def test_inlined_ops_carry_the_macro_lines() -> None:
    ops = {op.name + str(i): op for i, op in enumerate(_located_macro().module.walk())}
    lines = {}
    for op in ops.values():
        if op.name in ("tt.copy", "tt.exp"):
            lines.setdefault(op.name, []).append((Path(op.location.filename.data).name, op.location.line.data))
    assert lines["tt.copy"] == [(HERE.name, line_of("MACRO-COPY")), (HERE.name, line_of("CALLER-COPY"))]
    assert lines["tt.exp"] == [(HERE.name, line_of("MACRO-EXP"))]


def test_a_macro_called_as_python_raises() -> None:
    @T.macro
    def noop(x):
        pass

    assert isinstance(noop, T.Macro) and noop.__name__ == "noop"
    with pytest.raises(NotInPrimFunc, match="the T.macro 'noop' can only be called inside a @T.prim_func"):
        noop(1)


def _bad_macro_body():
    b = 32

    @T.macro
    def bad(x):
        T.clear(x[0])  # BAD-BODY

    @T.prim_func
    def caller(X: T.Tensor((b, b), "float32")):
        with T.Kernel(1) as bx:
            x = T.alloc_shared((b, b), "float32")
            bad(x)

    return caller


def test_an_error_in_a_macro_body_names_the_macro_line() -> None:
    with pytest.raises(TileLangError) as info:
        _bad_macro_body()
    line = line_of("BAD-BODY")
    assert info.value.location == f"{HERE}:{line}:{HERE.read_text().splitlines()[line - 1].index('x[0]') + 1}"
    assert info.value.message == "x[0] reads one element; elements are only accessible inside T.Parallel, regions only in T.copy"


# --------------------------------------------------------------------------- index functions


def _index_functions():
    @T.prim_func
    def indices(X: T.Tensor((512, 512), "float32"), Y: T.Tensor((512, 512), "float32")):
        with T.Kernel(4, 8) as (bx, by):
            x = T.alloc_shared((32, 32), "float32")
            for k in T.serial(T.max(bx, T.ceildiv(by * 3, 4))):
                T.copy(X[(by + k) // 2 * 32, (bx * 5 + k) % 16 * 32], x)
                T.copy(x, Y[by * 32, T.min(bx, 2) * 32])
            T.copy(x, Y[T.ceildiv(100, 32) * 32, T.min(3, 7) * 32])

    return indices


def test_index_functions_become_arith_ops(filecheck) -> None:
    """Operands that are all compile-time integers fold (`T.ceildiv(100, 32)`,
    `T.min(3, 7)`); an op is emitted once, in the outermost block where its operands
    are defined (`T.min(bx, 2)` before the loop); T.ceildiv(a, d) is (a + d - 1) / d;
    `%` of a value known to be below the divisor is the value itself."""
    filecheck(_index_functions().ir(), checks("""
        CHECK-DAG:  [[C0:SSA]] = arith.constant 0 : index
        CHECK-DAG:  [[C1:SSA]] = arith.constant 1 : index
        CHECK-DAG:  [[C2:SSA]] = arith.constant 2 : index
        CHECK-DAG:  [[C3:SSA]] = arith.constant 3 : index
        CHECK-DAG:  [[C4:SSA]] = arith.constant 4 : index
        CHECK-DAG:  [[C5:SSA]] = arith.constant 5 : index
        CHECK-DAG:  [[C16:SSA]] = arith.constant 16 : index
        CHECK-DAG:  [[C32:SSA]] = arith.constant 32 : index
        CHECK-DAG:  [[C96:SSA]] = arith.constant 96 : index
        CHECK-DAG:  [[C128:SSA]] = arith.constant 128 : index
        CHECK:      [[X:SSA]] = tt.alloc_shared : memref<32x32xf32>
        CHECK-NEXT: [[BY3:SSA]] = arith.muli [[BY:SSA]], [[C3]] : index
        CHECK-NEXT: [[BY3P:SSA]] = arith.addi [[BY3]], [[C3]] : index
        CHECK-NEXT: [[CEIL:SSA]] = arith.divui [[BY3P]], [[C4]] : index
        CHECK-NEXT: [[MAX:SSA]] = arith.maxui [[BX:SSA]], [[CEIL]] : index
        CHECK-NEXT: [[MIN:SSA]] = arith.minui [[BX]], [[C2]] : index
        CHECK-NEXT: [[ROW:SSA]] = arith.muli [[BY]], [[C32]] : index
        CHECK-NEXT: [[COL:SSA]] = arith.muli [[MIN]], [[C32]] : index
        CHECK-NEXT: scf.for [[K:SSA]] = [[C0]] to [[MAX]] step [[C1]] {
        CHECK-NEXT:   [[S:SSA]] = arith.addi [[BY]], [[K]] : index
        CHECK-NEXT:   [[Q:SSA]] = arith.divui [[S]], [[C2]] : index
        CHECK-NEXT:   [[BX5:SSA]] = arith.muli [[BX]], [[C5]] : index
        CHECK-NEXT:   [[T:SSA]] = arith.addi [[BX5]], [[K]] : index
        CHECK-NEXT:   [[R:SSA]] = arith.remui [[T]], [[C16]] : index
        CHECK-NEXT:   [[QR:SSA]] = arith.muli [[Q]], [[C32]] : index
        CHECK-NEXT:   [[RC:SSA]] = arith.muli [[R]], [[C32]] : index
        CHECK-NEXT:   tt.copy {{.*}}[[[QR]], [[RC]]] to [[X]] : memref<512x512xf32> to memref<32x32xf32>
        CHECK-NEXT:   tt.copy [[X]] to {{.*}}[[[ROW]], [[COL]]] : memref<32x32xf32> to memref<512x512xf32>
        CHECK-NEXT: }
        CHECK-NEXT: tt.copy [[X]] to {{.*}}[[[C128]], [[C96]]] : memref<32x32xf32> to memref<512x512xf32>
    """))


def _index_error(expression: str):
    namespace = {"T": T}
    source = textwrap.dedent(f"""
        def program(X: T.Tensor((512, 512), "float32")):
            with T.Kernel(4, 8) as (bx, by):
                x = T.alloc_shared((32, 32), "float32")
                for k in T.serial({expression}):
                    T.copy(X[0, 0], x)
    """)
    return source, namespace


@pytest.mark.parametrize(("expression", "at", "message"), [
    pytest.param("T.ceildiv(bx - 1, 2)", "bx - 1",
                 "`T.ceildiv(bx - 1, 2)` needs operands that are never negative (kernel indices are "
                 "unsigned); `bx - 1` can be -1", id="negative-operand"),
    pytest.param("T.min(bx, 4 - by)", "4 - by",
                 "`T.min(bx, 4 - by)` needs operands that are never negative (kernel indices are "
                 "unsigned); `4 - by` can be -3", id="negative-min-operand"),
    pytest.param("bx // by", "by",
                 "`bx // by`: // of an index value needs a positive compile-time integer divisor, "
                 "got `by`", id="index-divisor"),
    pytest.param("T.ceildiv(bx, 0)", "0",
                 "`T.ceildiv(bx, 0)`: T.ceildiv of an index value needs a positive compile-time "
                 "integer divisor, got `0`", id="zero-divisor"),
    pytest.param("T.min(bx, 2.5)", "2.5",
                 "`T.min(bx, 2.5)`: 2.5 is not an integer index value", id="float-operand"),
    pytest.param("T.max(bx, by, 3)", "T.max", "T.max takes two operands", id="three-operands"),
])
def test_index_function_errors(tmp_path: Path, expression: str, at: str, message: str) -> None:
    source, namespace = _index_error(expression)
    path = tmp_path / "indices.py"
    path.write_text(source)
    exec(compile(source, str(path), "exec"), namespace)  # noqa: S102 - the test's own program
    with pytest.raises(TileLangError) as info:
        T.prim_func(namespace["program"])
    lines = source.splitlines()
    (number,) = [n for n, text in enumerate(lines, 1) if expression in text]
    column = lines[number - 1].index(expression) + expression.index(at) + 1
    assert (info.value.location, info.value.message) == (f"{path}:{number}:{column}", message)


# --------------------------------------------------------------------------- runtime trip counts


@pytest.mark.parametrize("grid", [(2, 2), (1, 1)])
def test_numerics_loop_over_a_runtime_trip_count(grid) -> None:
    pytest.importorskip("tt_dialect.emu")
    kernel = tilelang_tt.compile(prefix_sums(), out_idx=-1, grid=grid, cache=CACHE)
    x = np.random.default_rng(5).integers(-8, 8, size=(128, 256)).astype(np.float32)
    np.testing.assert_array_equal(kernel(x), prefix_sums_reference(x, 32, 64))


def test_numerics_runtime_trip_count_that_can_be_zero() -> None:
    """T.min(4, bx): block 0 runs no iteration, and copies out the cleared accumulator (the
    loop-carried buffer's value packed before the loop)."""
    pytest.importorskip("tt_dialect.emu")
    kernel = tilelang_tt.compile(prefix_sums(extra=0), out_idx=-1, grid=(2, 2), cache=CACHE)
    x = np.random.default_rng(7).integers(-8, 8, size=(128, 256)).astype(np.float32)
    expected = prefix_sums_reference(x, 32, 64, extra=0)
    assert not expected[:32].any()
    np.testing.assert_array_equal(kernel(x), expected)


def test_numerics_runtime_trip_count_of_uneven_blocks() -> None:
    """M = 100 rows in 32-row blocks, N = 200 columns in 64-column blocks: the padded tensor's
    last column block reads zeros; T.min(4, bx + 1) reaches it in the last row blocks."""
    pytest.importorskip("tt_dialect.emu")
    kernel = tilelang_tt.compile(prefix_sums(M=100, N=200), out_idx=-1, grid=(2, 2), cache=CACHE)
    x = np.random.default_rng(6).integers(-8, 8, size=(100, 200)).astype(np.float32)
    np.testing.assert_array_equal(kernel(x), prefix_sums_reference(x, 32, 64))


def banded_gemm(M=256, N=256, K=256, bm=64, bn=64, bk=32):
    """C's row block by = A's row block times B over the first min(K / bk, 2 * (by + 1))
    K blocks: a gemm K loop whose trip count depends on the block index (as causal
    attention's), pipelined."""

    @T.prim_func
    def banded(A: T.Tensor((M, K), "bfloat16"), B: T.Tensor((K, N), "bfloat16"),
               C: T.Tensor((M, N), "float32")):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm)) as (bx, by):
            a = T.alloc_shared((bm, bk), "bfloat16")
            b = T.alloc_shared((bk, bn), "bfloat16")
            c = T.alloc_fragment((bm, bn), "float32")
            T.clear(c)
            for k in T.Pipelined(T.min(T.ceildiv(K, bk), (by + 1) * bm // bk), num_stages=2):
                T.copy(A[by * bm, k * bk], a)
                T.copy(B[k * bk, bx * bn], b)
                T.gemm(a, b, c)
            T.copy(c, C[by * bm, bx * bn])

    return banded


@pytest.mark.parametrize("grid, multicast", [((2, 2), None), ((4, 4), None), ((4, 4), "none")])
def test_numerics_gemm_with_a_runtime_k_loop(grid, multicast) -> None:
    pytest.importorskip("tt_dialect.emu")
    options = {"multicast": multicast} if multicast else None
    kernel = tilelang_tt.compile(banded_gemm(), out_idx=-1, grid=grid, pass_options=options, cache=CACHE)
    rng = np.random.default_rng(8)
    a = rng.integers(-4, 4, size=(256, 256)).astype(np.float32)
    b = rng.integers(-4, 4, size=(256, 256)).astype(np.float32)
    expected = np.zeros((256, 256), np.float32)
    for by in range(4):
        depth = min(8, (by + 1) * 2) * 32
        expected[by * 64:(by + 1) * 64] = a[by * 64:(by + 1) * 64, :depth] @ b[:depth]
    np.testing.assert_array_equal(kernel(a, b), expected)


def test_runtime_trip_count_in_the_kernels() -> None:
    kernel = tilelang_tt.compile(prefix_sums(), out_idx=-1, grid=(2, 2), cache=CACHE)
    for name in ("reader.cpp", "compute.cpp"):
        source = kernel.artifacts[name]
        assert "const uint32_t min = 4 < v ? 4 : v;" in source, source
        assert "for (uint32_t k = 0; k < min; k += 1) {" in source, source


@pytest.mark.parametrize("program", [prefix_sums, banded_gemm])
def test_runtime_trip_count_kernels_pass_the_real_headers(program, tmp_path: Path, real_headers) -> None:
    real_headers(tilelang_tt.compile(program(), out_idx=-1, grid=(2, 2), cache=CACHE), tmp_path / "kernels")


# --------------------------------------------------------------------------- attention's shape


def attention_like(is_causal: bool, seq=256, dim=64, block_M=64, block_N=64, heads=2, batch=1):
    """The structure of TileLang's flash attention, in this subset's terms: macros over
    buffers and block indices, a policy on the gemms, and a K loop whose trip count depends
    on the query block when causal (the masks and -inf fills are not part of this test)."""
    dtype, accum_dtype = "bfloat16", "float"
    shape = [batch, heads, seq, dim]

    @T.macro
    def scores(K: T.Tensor(shape, dtype), Q_shared: T.SharedBuffer([block_M, dim], dtype),
               K_shared: T.SharedBuffer([block_N, dim], dtype),
               acc_s: T.FragmentBuffer([block_M, block_N], accum_dtype),
               k: T.int32, by: T.int32, bz: T.int32):
        T.copy(K[bz, by, k * block_N:(k + 1) * block_N, :], K_shared)
        T.clear(acc_s)
        T.gemm(Q_shared, K_shared, acc_s, transpose_B=True, policy=T.GemmWarpPolicy.FullRow)

    @T.prim_func
    def main(Q: T.Tensor(shape, dtype), K: T.Tensor(shape, dtype), S: T.Tensor(shape, accum_dtype)):
        with T.Kernel(T.ceildiv(seq, block_M), heads, batch, threads=128) as (bx, by, bz):
            Q_shared = T.alloc_shared([block_M, dim], dtype)
            K_shared = T.alloc_shared([block_N, dim], dtype)
            acc_s = T.alloc_fragment([block_M, block_N], accum_dtype)
            T.copy(Q[bz, by, bx * block_M:(bx + 1) * block_M, :], Q_shared)
            loop_range = (T.min(T.ceildiv(seq, block_N), T.ceildiv((bx + 1) * block_M, block_N))
                          if is_causal else T.ceildiv(seq, block_N))
            for k in T.Pipelined(loop_range, num_stages=2):
                scores(K, Q_shared, K_shared, acc_s, k, by, bz)

    return main


def test_attention_shaped_program(filecheck) -> None:
    """Causal: the trip count is min(4, ceildiv((bx + 1) * 64, 64)), that is
    min(4, (bx * 64 + 127) / 64); otherwise 4. The gemm's policy is accepted and ignored
    (a GPU warp split)."""
    common = """
        CHECK:      scf.for [[K:SSA]] = [[C0:SSA]] to [[UB:SSA]] step [[C1:SSA]] {
        CHECK-NEXT:   [[ROW:SSA]] = arith.muli [[K]], [[C64:SSA]] : index
        CHECK-NEXT:   tt.copy {{.*}}[[[BZ:SSA]], [[BY:SSA]], [[ROW]], [[C0]]] to [[KS:SSA]] : memref<1x2x256x64xbf16> to memref<64x64xbf16>
        CHECK-NEXT:   tt.clear [[S:SSA]] : memref<64x64xf32>
        CHECK-NEXT:   tt.gemm [[QS:SSA]], [[KS]], [[S]] transpose_b : memref<64x64xbf16>, memref<64x64xbf16>, memref<64x64xf32>
        CHECK-NEXT: } {tt.pipeline = #tt.pipeline<stages = 2>}
    """
    causal = attention_like(True).ir()
    filecheck(causal, checks("""
        CHECK:      tt.copy {{.*}} to [[QS:SSA]] : memref<1x2x256x64xbf16> to memref<64x64xbf16>
        CHECK-NEXT: [[BXM:SSA]] = arith.muli [[BX:SSA]], [[C64:SSA]] : index
        CHECK-NEXT: [[BXMP:SSA]] = arith.addi [[BXM]], [[C127:SSA]] : index
        CHECK-NEXT: [[CEIL:SSA]] = arith.divui [[BXMP]], [[C64]] : index
        CHECK-NEXT: [[MIN:SSA]] = arith.minui [[C4:SSA]], [[CEIL]] : index
    """ + common.replace("[[UB:SSA]]", "[[MIN]]")))
    plain = attention_like(False).ir()
    assert "arith.minui" not in plain and "arith.divui" not in plain
    filecheck(plain, checks("CHECK: [[C4:SSA]] = arith.constant 4 : index\n" + common.replace("[[UB:SSA]]", "[[C4]]")))


FUTURE_FACTORY = """
from __future__ import annotations

import tilelang_tt.language as T


def build(M, N, block, annotated_rows):
    shape = (annotated_rows, N)  # only the macro's string annotation uses it
    dtype = "float32"

    @T.macro
    def load(X: T.Tensor(shape, dtype), x: T.SharedBuffer((block, block), dtype), row: T.int32):
        T.copy(X[row, 0], x)

    @T.prim_func
    def program(X: T.Tensor((M, N), "float32"), Y: T.Tensor((M, N), "float32")):
        with T.Kernel(M // block) as bx:
            x = T.alloc_shared((block, block), "float32")
            load(X, x, bx * block)
            T.copy(x, Y[bx * block, 0])

    return program
"""


def test_string_annotations_of_a_macro_in_a_factory(tmp_path: Path) -> None:
    """Under `from __future__ import annotations` the annotations are strings, evaluated
    in the macro's frame: `shape` is neither a closure variable of the macro nor a global,
    but a variable of the function that defined it, recorded by the decorator."""
    path = tmp_path / "factory.py"
    path.write_text(FUTURE_FACTORY)
    namespace: dict = {}
    exec(compile(FUTURE_FACTORY, str(path), "exec"), namespace)  # noqa: S102 - the test's program
    assert "tt.copy %X[" in namespace["build"](64, 32, 32, 64).ir()
    with pytest.raises(TileLangError) as info:
        namespace["build"](64, 32, 32, 96)
    lines = FUTURE_FACTORY.splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "load(X, x, bx * block)" in text)
    assert info.value.location == f"{path}:{line}:{lines[line - 1].index('X,') + 1}"
    assert info.value.message == ("argument 'X' of the T.macro 'load' is annotated T.Tensor 96x32xf32, "
                                  "but `X` is 64x32xf32")
