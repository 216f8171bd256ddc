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
    dram_bank_bytes_per_cycle: float
    """What one DRAM bank takes per core clock cycle (PERF_FACTS.md: Wormhole 12 banks
    x 24 B at 1 GHz, 288 GB/s; Blackhole 8 banks x 47.4 B at 1.35 GHz, 512 GB/s)."""
    noc_link_bytes_per_cycle: float
    """What a NoC link carries per cycle (PERF_FACTS.md: Wormhole 30 B, Blackhole 60.9 B)."""
    data_formats: frozenset[str] = frozenset(
        {"bf16", "f16", "f32", "bfp8_b", "bfp4_b", "i32", "u32"}
    )
    """Tile data formats (`DataFormat` values) the arch's unpacker and packer handle."""

    @property
    def dram_bytes_per_cycle(self) -> float:
        return self.dram_banks * self.dram_bank_bytes_per_cycle

    @property
    def worker_cores(self) -> int:
        return self.worker_grid[0] * self.worker_grid[1]


SEMAPHORES_PER_CORE = 16
"""Semaphores a Tensix core holds (tt-metal's `NUM_SEMAPHORES`): ids 0 .. 15."""

DST_PHYSICAL_TILES = 16
"""DST register file size in 32x32 tiles (16-bit data, full-sync mode)."""

FIRST_INPUT_CB = 0
FIRST_OUTPUT_CB = 16
FIRST_INTERMEDIATE_CB = 24
END_OF_CBS = 32
"""CB index ranges, following tt-metal's convention (c_0.., c_16.., c_24..)."""

MATMUL_TILE_CYCLES_LOFI = 16
"""Ideal FPU cycles of one 32x32x32 tile matmul at LoFi; each fidelity phase adds as many
(PERF_FACTS.md: LoFi 16, HiFi2 32, HiFi3 48, HiFi4 64)."""

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
        dram_bank_bytes_per_cycle=24.0,
        noc_link_bytes_per_cycle=30.0,
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
        dram_bank_bytes_per_cycle=47.4,
        noc_link_bytes_per_cycle=60.9,
    ),
}


MAX_L1_BYTES = max(limits.l1_bytes for limits in DEVICES.values())
"""The largest L1 of any device: no buffer of a block is larger."""

MAX_GRID_EXTENT = max(extent for limits in DEVICES.values() for extent in limits.worker_grid)
"""The largest core-grid extent of any device: a bound on core grids written in IR."""


def dst_capacity(fp32_dest_acc: bool, full_sync: bool) -> int:
    """DST tiles usable by one acquire/release section.

    Double-buffered ("half sync") mode splits the 16 physical tiles in two;
    32-bit accumulation halves the count again.
    """
    tiles = DST_PHYSICAL_TILES if full_sync else DST_PHYSICAL_TILES // 2
    return tiles // 2 if fp32_dest_acc else tiles
