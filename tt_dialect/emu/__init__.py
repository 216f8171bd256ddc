"""tt-emu: run the emitted TT-Metalium artifacts (reader.cpp, compute.cpp, writer.cpp, main.cpp)
unmodified on the CPU, to check their numerics against numpy and find protocol faults.

The C++ emulator is in `emu/` (see `emu/README.md`); this package builds an artifact directory
against it (cached by content hash) and runs it:

    from tt_dialect.emu import run
    out = run("build/artifacts/gemm", {"tensor0": a, "tensor1": b}, stats=True)
    out["tensor2"], out.stats
"""

from tt_dialect.emu.build import EmuBuildError, build
from tt_dialect.emu.runner import EmuError, EmuResult, from_bf16_bits, round_bf16, run, to_bf16_bits

__all__ = [
    "EmuBuildError",
    "EmuError",
    "EmuResult",
    "build",
    "from_bf16_bits",
    "round_bf16",
    "run",
    "to_bf16_bits",
]
