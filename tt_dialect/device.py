"""Per-architecture limits of the Tenstorrent devices the compiler targets.

Numbers come from ``shared/reference/METALIUM_FACTS.md`` (tt-metal v0.74.0).
Everything that depends on the architecture reads it from here, never from a
literal elsewhere, so adding an architecture is one entry in ``DEVICES``.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.utils.str_enum import StrEnum


class Arch(StrEnum):
    WORMHOLE_B0 = "wormhole_b0"
    BLACKHOLE = "blackhole"


@dataclass(frozen=True)
class DeviceLimits:
    arch: Arch
    l1_bytes: int
    """Usable L1 per Tensix core."""
    worker_grid: tuple[int, int]
    """Functional worker grid as (rows, cols); core (x, y) needs x < cols, y < rows."""
    max_cbs: int
    """Circular buffers per core: valid CB indices are 0 .. max_cbs - 1."""
    dram_banks: int
    l1_alignment: int
    dram_alignment: int
    flush_before_flag: bool
    """A multicast sender must flush its block (`noc_async_writes_flushed`) before it
    multicasts the "arrived" flag. Wormhole sends a core's writes on one NOC in issue
    order, so the flag lands behind the block; Blackhole may change the block before
    its write is issued (tt-metal's 2D-multicast matmul readers flush on Blackhole only)."""
    data_formats: frozenset[str] = frozenset(
        {"bf16", "f16", "f32", "bfp8_b", "bfp4_b", "i32", "u32"}
    )
    """Tile data formats (`DataFormat` values) the arch's unpacker and packer handle."""

    @property
    def worker_cores(self) -> int:
        return self.worker_grid[0] * self.worker_grid[1]


SEMAPHORES_PER_CORE = 16
"""Semaphores a Tensix core holds (tt-metal's `NUM_SEMAPHORES`): ids 0 .. 15."""

DST_PHYSICAL_TILES = 16
"""DST register file size in 32x32 tiles (16-bit data, full-sync mode)."""

TILE_ROWS = 32
TILE_COLS = 32

DEVICES: dict[Arch, DeviceLimits] = {
    Arch.WORMHOLE_B0: DeviceLimits(
        arch=Arch.WORMHOLE_B0,
        l1_bytes=1_499_136,
        worker_grid=(10, 8),
        max_cbs=32,
        dram_banks=12,
        l1_alignment=16,
        dram_alignment=32,
        flush_before_flag=False,
    ),
    Arch.BLACKHOLE: DeviceLimits(
        arch=Arch.BLACKHOLE,
        l1_bytes=1_572_864,
        worker_grid=(10, 14),
        max_cbs=64,
        dram_banks=8,
        l1_alignment=16,
        dram_alignment=64,
        flush_before_flag=True,
    ),
}


def dst_capacity(fp32_dest_acc: bool, full_sync: bool) -> int:
    """DST tiles usable by one acquire/release section.

    Double-buffered ("half sync") mode splits the 16 physical tiles in two;
    32-bit accumulation halves the count again.
    """
    tiles = DST_PHYSICAL_TILES if full_sync else DST_PHYSICAL_TILES // 2
    return tiles // 2 if fp32_dest_acc else tiles
