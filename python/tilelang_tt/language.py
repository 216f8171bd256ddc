"""The `T` namespace: TileLang's tile language, the subset Tenstorrent runs.

    import tilelang_tt.language as T

    @T.prim_func
    def gemm(A: T.Tensor((M, K), "bfloat16"), B: T.Tensor((K, N), "bfloat16"),
             C: T.Tensor((M, N), "bfloat16")):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm), threads=128) as (bx, by):
            ...

A `@T.prim_func` body is not run by Python: `prim_func` reads its source and
builds a tile program from it (`tilelang_tt.parser`). The names below are what
that body may call; the parser recognises them by identity (whatever the module
is imported as), never by spelling. Called anywhere else they raise.

The constructs, what each becomes and the rules of `T.Parallel` bodies are in
`docs/frontend.md`. dtypes: "bfloat16", "float32" and "float" (TileLang's spelling of
float32); "float16" is refused, since Tensix's 16-bit float is bfloat16.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

bfloat16 = "bfloat16"
float32 = "float32"
float16 = "float16"
int32 = "int32"
int64 = "int64"
uint32 = "uint32"

INDEX_DTYPES = ("int32", "int64", "uint32")
"""Scalar dtypes of index values: a macro parameter annotated `T.int32` takes an integer
(a block index, a loop variable, an index expression of them, or a compile-time int)."""

DTYPES = {"bfloat16": "bf16", "float32": "f32", "float": "f32"}
"""TileLang dtype spelling -> MLIR element type of the tile program."""

REFUSED_DTYPES = {
    "float16": "Tensix's 16-bit float is bfloat16: use \"bfloat16\" (or \"float32\")",
    "half": "Tensix's 16-bit float is bfloat16: use \"bfloat16\" (or \"float32\")",
}


class NotInPrimFunc(RuntimeError):
    """A `T.*` construct called as ordinary Python, outside a `@T.prim_func` body."""


def _construct(name: str, signature: str) -> Callable[..., Any]:
    def outside(*args: Any, **kwargs: Any) -> Any:
        raise NotInPrimFunc(
            f"T.{name}{signature} can only be used inside a @T.prim_func body, which "
            "tilelang_tt compiles instead of running"
        )

    outside.__name__ = outside.__qualname__ = name
    outside.__doc__ = f"`T.{name}{signature}`: see `tilelang_tt.language`."
    return outside


Kernel = _construct("Kernel", "(*extents, threads=None)")
alloc_shared = _construct("alloc_shared", "(shape, dtype)")
alloc_fragment = _construct("alloc_fragment", "(shape, dtype)")
clear = _construct("clear", "(buffer)")
fill = _construct("fill", "(buffer, value)")
copy = _construct("copy", "(src, dst)")
gemm = _construct("gemm", "(A, B, C, transpose_A=False, transpose_B=False)")
Pipelined = _construct("Pipelined", "(extent, num_stages=...)")
serial = _construct("serial", "(extent)")
Parallel = _construct("Parallel", "(*extents)")
exp = _construct("exp", "(x)")
log = _construct("log", "(x)")
sqrt = _construct("sqrt", "(x)")
rsqrt = _construct("rsqrt", "(x)")
exp2 = _construct("exp2", "(x)")
sigmoid = _construct("sigmoid", "(x)")
tanh = _construct("tanh", "(x)")
max = _construct("max", "(x, y)")  # noqa: A001 - TileLang's name
min = _construct("min", "(x, y)")  # noqa: A001 - TileLang's name
reduce_sum = _construct("reduce_sum", "(buffer, out, dim=-1, clear=True)")
reduce_max = _construct("reduce_max", "(buffer, out, dim=-1, clear=True)")
reduce_min = _construct("reduce_min", "(buffer, out, dim=-1, clear=True)")
if_then_else = _construct("if_then_else", "(condition, then_value, else_value)")


class GemmWarpPolicy(enum.Enum):
    """`T.gemm(..., policy=T.GemmWarpPolicy.FullRow)`: how TileLang splits a gemm over a GPU
    block's warps. Accepted and ignored: a Tensix core's matrix engine has no warps."""

    Square = 0
    FullRow = 1
    FullCol = 2


class Infinity(float):
    """The value of `T.infinity(dtype)`: +inf, or -inf after a unary minus. A float, so
    compile-time Python computes with it; the parser takes an infinite number as a kernel
    value only when it is one of these (an overflow such as `1e40` is refused)."""

    def __neg__(self) -> Infinity:
        return Infinity(-float(self))

    def __pos__(self) -> Infinity:
        return self

    def __repr__(self) -> str:
        return "T.infinity" if self > 0 else "-T.infinity"


def infinity(dtype: str) -> Infinity:
    """`T.infinity(dtype)`: +inf of a supported dtype ("bfloat16", "float32", "float"),
    e.g. `T.fill(scores_max, -T.infinity(accum_dtype))`, flash attention's start."""
    name = str(dtype)
    if name not in DTYPES:
        reason = REFUSED_DTYPES.get(name, 'supported: "bfloat16", "float32", "float"')
        raise ValueError(f"T.infinity of dtype {dtype!r} is not supported ({reason})")
    return Infinity(float("inf"))


def ceildiv(a: int, b: int) -> int:
    """`T.ceildiv(a, b)`: ceil(a / b) of two integers (the grid extents)."""
    return -(-a // b)


@dataclass(frozen=True)
class Tensor:
    """`T.Tensor((M, N), dtype)`: a prim_func argument, a device tensor."""

    shape: tuple[int, ...]
    dtype: str

    def __init__(self, shape: Sequence[int], dtype: str = "float32"):
        object.__setattr__(self, "shape", tuple(shape))
        object.__setattr__(self, "dtype", dtype)


Buffer = Tensor


@dataclass(frozen=True)
class SharedBuffer:
    """`T.SharedBuffer(shape, dtype)`: a macro parameter, a buffer (T.alloc_shared/fragment)."""

    shape: tuple[int, ...]
    dtype: str

    def __init__(self, shape: Sequence[int], dtype: str = "float32"):
        object.__setattr__(self, "shape", tuple(shape) if isinstance(shape, list | tuple) else (shape,))
        object.__setattr__(self, "dtype", dtype)


@dataclass(frozen=True)
class FragmentBuffer(SharedBuffer):
    """`T.FragmentBuffer(shape, dtype)`: a macro parameter, a buffer (T.alloc_fragment/shared)."""


class Macro:
    """`@T.macro`: a function whose calls in a `@T.prim_func` body (or in another macro)
    are inlined: its body is compiled in place of the call, with its parameters bound to
    the call's arguments. Called as ordinary Python it raises.

    Decoration records what the parser needs: the function (its source, closure and
    globals) and the variables of the function defining it (names its string annotations
    may use), as `@T.prim_func` does."""

    def __init__(self, function: Callable[..., Any], definer_locals: dict[str, Any]):
        self.function = function
        self.definer_locals = definer_locals
        self.__name__ = getattr(function, "__name__", "macro")
        self.__qualname__ = getattr(function, "__qualname__", self.__name__)
        self.__doc__ = getattr(function, "__doc__", None)
        self.__wrapped__ = function

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise NotInPrimFunc(
            f"the T.macro '{self.__name__}' can only be called inside a @T.prim_func body "
            "(or another macro), where it is inlined"
        )

    def __repr__(self) -> str:
        return f"<T.macro {self.__qualname__}>"


def macro(function: Callable[..., Any]) -> Macro:
    """`@T.macro`: a function inlined at each call in a prim_func body (see `Macro`)."""
    definer = sys._getframe(1)
    definer_locals = definer.f_locals if definer.f_code.co_name != "<module>" else {}
    return Macro(function, dict(definer_locals))


def prim_func(function: Callable[..., Any]):
    """`@T.prim_func`: compiles the function's body to a tile program (a `PrimFunc`)."""
    from tilelang_tt.parser import parse_prim_func

    definer = sys._getframe(1)
    definer_locals = definer.f_locals if definer.f_code.co_name != "<module>" else {}
    return parse_prim_func(function, dict(definer_locals))
