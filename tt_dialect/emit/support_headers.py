"""Headers tt-dialect writes next to the kernels that call them.

A kernel op whose C++ is more than one call of the tt-metal API (a mask tile's 1024
face-ordered stores) is printed as a call of a helper written once, here, rather than
as statements the EmitC level has no ops for. The helpers are plain C++ over the
kernel API's types; each kernel that calls one includes it (`#include "<name>"`, found
beside the kernel file, as tt-metal's JIT build and the emulator compile kernels from
their own directory) and `tt-cpp` writes it among the artifacts.
"""

from __future__ import annotations

from pathlib import Path

MASK_TILE_HEADER = "tt_mask_tile.h"
"""`tt_dialect::write_mask_tile<Predicate, Format>(l1_addr, row, col, on_true, on_false)`."""

MASK_TILE_CALL = "tt_dialect::write_mask_tile"

SUPPORT_HEADERS: tuple[str, ...] = (MASK_TILE_HEADER,)


def support_header_text(name: str) -> str:
    """The text of the support header `name`, as shipped in the package."""
    if name not in SUPPORT_HEADERS:
        raise KeyError(f"{name} is not a tt-dialect support header")
    return (Path(__file__).parent / name).read_text()
