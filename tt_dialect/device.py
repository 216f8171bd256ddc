"""Limits of the Tenstorrent cards the compiler targets.

A program targets a card (`device=n150|n300|p100|p150`); the card fixes the architecture
(`Arch`) and what differs between cards of one architecture: the compute grid tt-metal
programs see, the DRAM banks and the clock. Numbers come from
``shared/reference/METALIUM_FACTS.md`` and ``PERF_FACTS.md`` (tt-metal v0.74.0) and from
Tenstorrent's public card specifications (docs.tenstorrent.com, "Card Comparison"):

| card | arch | Tensix | compute grid (rows x cols) | DRAM | clock |
|---|---|---:|---|---|---|
| n150 | wormhole_b0 | 72 | 8x8 (the ninth row runs fast dispatch) | 12 GB, 12 banks, 288 GB/s | 1 GHz |
| n300 | wormhole_b0 | 2 x 64 | 7x8 per chip (one row dispatches) | 2 x 12 GB, 12 banks a chip | 1 GHz |
| p100 | blackhole | 120 | 10x11 (12 columns, one dispatches) | 28 GB, 7 banks, 448 GB/s | 1.35 GHz |
| p150 | blackhole | 140 | 10x13 (14 columns, one dispatches) | 32 GB, 8 banks, 512 GB/s | 1.35 GHz |

A program runs on one chip: on an n300, the PCIe-attached one. Everything that depends on
the card reads it from here, never from a literal elsewhere, so adding a card is one entry
in ``CARDS``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from xdsl.utils.str_enum import StrEnum


class Arch(StrEnum):
    WORMHOLE_B0 = "wormhole_b0"
    BLACKHOLE = "blackhole"


class Card(StrEnum):
    N150 = "n150"
    N300 = "n300"
    P100 = "p100"
    P150 = "p150"


@dataclass(frozen=True)
class DeviceLimits:
    card: Card
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
    clock_ghz: float
    """The AI clock (Tensix cores and NoC)."""
    data_formats: frozenset[str] = frozenset(
        {"bf16", "f16", "f32", "bfp8_b", "bfp4_b", "i32", "u32"}
    )
    """Tile data formats (`DataFormat` values) the arch's unpacker and packer handle."""

    @property
    def name(self) -> str:
        """How messages name the device: `n150 (wormhole_b0)`."""
        return f"{self.card.value} ({self.arch.value})"

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

INTERMEDIATE_CB_PREFERENCE = (*range(FIRST_INTERMEDIATE_CB, END_OF_CBS), *range(FIRST_INPUT_CB, FIRST_INTERMEDIATE_CB))
"""The order in which a buffer that no tensor fills or drains takes a free CB index: the
conventional intermediates c_24..c_31 first, then whatever the inputs and outputs left free
(an index is only a number to the hardware; tt-metal's SDPA uses c_0..c_7 and c_24..c_31
for intermediates alike)."""

MATMUL_TILE_CYCLES_LOFI = 16
"""Ideal FPU cycles of one 32x32x32 tile matmul at LoFi; each fidelity phase adds as many
(PERF_FACTS.md: LoFi 16, HiFi2 32, HiFi3 48, HiFi4 64)."""

TILE_ROWS = 32
TILE_COLS = 32

_WORMHOLE_B0 = DeviceLimits(
    card=Card.N150,
    arch=Arch.WORMHOLE_B0,
    l1_bytes=1_499_136,
    worker_grid=(8, 8),
    max_cbs=32,
    dram_banks=12,
    l1_alignment=16,
    dram_alignment=32,
    flush_before_flag=False,
    dram_bank_bytes_per_cycle=24.0,
    noc_link_bytes_per_cycle=30.0,
    clock_ghz=1.0,
)
_BLACKHOLE = DeviceLimits(
    card=Card.P150,
    arch=Arch.BLACKHOLE,
    l1_bytes=1_572_864,
    worker_grid=(10, 13),
    max_cbs=64,
    dram_banks=8,
    l1_alignment=16,
    dram_alignment=64,
    flush_before_flag=True,
    dram_bank_bytes_per_cycle=47.4,
    noc_link_bytes_per_cycle=60.9,
    clock_ghz=1.35,
)

CARDS: dict[Card, DeviceLimits] = {
    Card.N150: _WORMHOLE_B0,
    Card.N300: replace(_WORMHOLE_B0, card=Card.N300, worker_grid=(7, 8)),
    Card.P100: replace(_BLACKHOLE, card=Card.P100, worker_grid=(10, 11), dram_banks=7),
    Card.P150: _BLACKHOLE,
}

DEFAULT_CARD = Card.N150
"""What a program targets when neither `device` nor `arch` is given."""

ARCH_DEFAULT_CARD: dict[Arch, Card] = {Arch.WORMHOLE_B0: Card.N150, Arch.BLACKHOLE: Card.P150}
"""The card an `arch` option alone selects."""


def cards_of(arch: Arch) -> list[Card]:
    return [card for card, limits in CARDS.items() if limits.arch == arch]


MAX_L1_BYTES = max(limits.l1_bytes for limits in CARDS.values())
"""The largest L1 of any device: no buffer of a block is larger."""

MAX_GRID_EXTENT = max(extent for limits in CARDS.values() for extent in limits.worker_grid)
"""The largest core-grid extent of any device: a bound on core grids written in IR."""


def dst_capacity(fp32_dest_acc: bool, full_sync: bool) -> int:
    """DST tiles usable by one acquire/release section.

    Double-buffered ("half sync") mode splits the 16 physical tiles in two;
    32-bit accumulation halves the count again.
    """
    tiles = DST_PHYSICAL_TILES if full_sync else DST_PHYSICAL_TILES // 2
    return tiles // 2 if fp32_dest_acc else tiles
