"""TileLang for Tenstorrent: `import tilelang_tt as tilelang`, `import tilelang_tt.language as T`.

A TileLang program runs with only its imports changed: `@tilelang.jit(target="tenstorrent",
out_idx=[-1])` on a function returning a `@T.prim_func` compiles it with tt-dialect to
TT-Metalium artifacts; the kernel it returns runs them on the CPU emulator. See
`tilelang_tt.language` for the supported subset and `tilelang_tt.jit_kernel` for the kernel object.
"""

from tilelang_tt import language
from tilelang_tt.cache import CompileCache
from tilelang_tt.jit_kernel import JITKernel, compile, jit
from tilelang_tt.parser import PrimFunc, TileLangError

__all__ = ["CompileCache", "JITKernel", "PrimFunc", "TileLangError", "compile", "jit", "language"]
