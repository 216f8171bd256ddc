"""Pass options used by more than one pass, each declared once.

A pass takes an option by inheriting its dataclass (xDSL reads a pass's options
from its dataclass fields, inherited ones included), so `grid`, `arch`, `mode`,
`cb-depth`, `math-fidelity` and `dst-full-sync` have one declaration, one
docstring and one parser, whether `tt-work-partition`, `tt-metadata` or
`tt-pipeline` takes them. Named pipelines hand each stage exactly the options
the stage declares (`tt_dialect.pipelines.NamedPipeline`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from tt_dialect.device import ARCH_DEFAULT_CARD, CARDS, DEFAULT_CARD, Arch, Card, DeviceLimits, cards_of
from tt_dialect.metal_versions import MetalApi, api_for_release
from tt_dialect.ops.attributes import MathFidelity, PartitionMode


class CoreGrid(NamedTuple):
    """A grid of worker cores, `rows x cols`, as the `grid` option writes it."""

    rows: int
    cols: int

    @staticmethod
    def parse(text: str | int) -> CoreGrid:
        """`"10x8"` -> CoreGrid(10, 8); a ValueError that shows the expected form otherwise."""
        match = re.fullmatch(r"([0-9]+)x([0-9]+)", str(text))
        if match is None or 0 in (rows := int(match[1]), cols := int(match[2])):
            raise ValueError(
                f"grid must be ROWSxCOLS with positive extents, e.g. grid=8x8; got '{text}'"
            )
        return CoreGrid(rows, cols)

    def check_fits(self, limits: DeviceLimits) -> None:
        max_rows, max_cols = limits.worker_grid
        if self.rows > max_rows or self.cols > max_cols:
            raise ValueError(
                f"grid {self.rows}x{self.cols} is larger than the {max_rows}x{max_cols} worker "
                f"grid of {limits.name}"
            )


@dataclass(frozen=True)
class Options:
    """Root of the option mixins: each checks its own fields in `__post_init__`
    and calls the next, so a pass with several mixins checks them all."""

    def __post_init__(self) -> None:
        pass


@dataclass(frozen=True)
class DeviceOption(Options):
    device: Literal["n150", "n300", "p100", "p150"] | None = None
    """Target card: its architecture, compute grid, L1, DRAM banks and clock
    (`tt_dialect/device.py`). Default: `arch`'s usual card, else an n150."""

    arch: Literal["wormhole_b0", "blackhole"] | None = None
    """Target architecture, when no `device` is given: wormhole_b0 means an n150,
    blackhole a p150. With a `device`, it must be the device's architecture."""

    def __post_init__(self) -> None:
        self.card  # reject a contradiction before any IR is touched
        super().__post_init__()

    @property
    def card(self) -> Card:
        if self.device is None:
            return DEFAULT_CARD if self.arch is None else ARCH_DEFAULT_CARD[Arch(self.arch)]
        card = Card(self.device)
        if self.arch is not None and CARDS[card].arch != Arch(self.arch):
            raise ValueError(
                f"device={card.value} is a {CARDS[card].arch.value} card, but arch={self.arch}; "
                f"drop arch, or choose a {self.arch} card: "
                f"{', '.join(c.value for c in cards_of(Arch(self.arch)))}"
            )
        return card

    @property
    def limits(self) -> DeviceLimits:
        return CARDS[self.card]


@dataclass(frozen=True)
class PartitionOptions(DeviceOption):
    grid: str | int | None = None
    """Core grid as ROWSxCOLS (e.g. 8x8); the device's whole compute grid by default."""

    mode: Literal["global", "local_shard"] = "global"
    """`global` balances output blocks over the grid; `local_shard` follows the output's shards."""

    def __post_init__(self) -> None:
        self.core_grid()  # reject a bad grid before any IR is touched
        super().__post_init__()

    def core_grid(self) -> CoreGrid:
        """The `grid` option, parsed and checked against `arch`'s worker grid."""
        grid = CoreGrid(*self.limits.worker_grid) if self.grid is None else CoreGrid.parse(self.grid)
        grid.check_fits(self.limits)
        return grid

    @property
    def partition_mode(self) -> PartitionMode:
        return PartitionMode(self.mode)


@dataclass(frozen=True)
class MulticastOption(Options):
    multicast: Literal["auto", "none", "row", "column"] = "auto"
    """Loads shared by a line of cores (gemm A and B blocks): `auto` multicasts every
    one where it pays, `none` none, `row` / `column` only along that axis."""

    coarsen_blocks: bool = True
    """With multicast, a core computing several blocks of a row or column computes
    them as one larger block where its CBs fit L1 (each A and B tile read once)."""

    mcast_movers: Literal["split", "reader"] = "split"
    """Which data-movement kernels issue the multicast loads when both axes multicast:
    `split` gives the column loads (a gemm's B) to the writer kernel and the row loads
    to the reader, `reader` keeps all loads on the reader."""


@dataclass(frozen=True)
class CBDepthOption(Options):
    cb_depth: int = 2
    """Blocks each CB holds, unless a pipelined loop says otherwise (an input filled inside
    a `#tt.pipeline<stages = N>` loop holds N): 1 is single buffering, 2 double buffering."""

    def __post_init__(self) -> None:
        if not 1 <= self.cb_depth <= 4096:
            raise ValueError(f"cb-depth must be in 1..4096, got {self.cb_depth}")
        super().__post_init__()


@dataclass(frozen=True)
class ComputeOptions(Options):
    math_fidelity: Literal["lofi", "hifi2", "hifi3", "hifi4"] = "hifi4"
    """Math fidelity of the compute kernel."""

    dst_full_sync: bool = False
    """Full-sync DST (twice the tiles, no math/pack overlap) instead of double buffering."""

    @property
    def fidelity(self) -> MathFidelity:
        return MathFidelity(self.math_fidelity)


@dataclass(frozen=True)
class GemmScheduleOptions(Options):
    gemm_k_block: int | None = None
    """K tiles per step of every gemm's K loop (default: chosen)."""

    gemm_subblock: str | None = None
    """Output tiles per DST section, `HxW` (default: chosen)."""

    gemm_accumulate: Literal["dst", "l1"] | None = None
    """Where partial sums live between K steps (default: chosen)."""

    gemm_stream_output: bool = True
    """With partial sums in L1, compute the last K step band by band and store each band
    as it is done (default), instead of storing the block after the K loop."""

    gemm_stream_steps: int | None = None
    """K steps of a streamed output computed band by band (default: chosen, enough that
    they last as long as the grid's output takes to reach DRAM)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.gemm_k_block is not None and self.gemm_k_block < 1:
            raise ValueError(f"gemm-k-block must be at least 1, got {self.gemm_k_block}")
        if self.gemm_stream_steps is not None and self.gemm_stream_steps < 1:
            raise ValueError(f"gemm-stream-steps must be at least 1, got {self.gemm_stream_steps}")
        self.forced_subblock  # noqa: B018 (validates)

    @property
    def forced_subblock(self) -> tuple[int, int] | None:
        if self.gemm_subblock is None:
            return None
        parts = str(self.gemm_subblock).lower().split("x")
        if len(parts) != 2 or not all(p.strip().isdigit() and int(p) > 0 for p in parts):
            raise ValueError(
                f"gemm-subblock must be HxW with positive tile counts, e.g. 2x4; got "
                f"{self.gemm_subblock!r}"
            )
        return int(parts[0]), int(parts[1])


@dataclass(frozen=True)
class MetalApiOption(Options):
    api_version: Literal["0.74.0", "0.81.1"] = "0.74.0"
    """The tt-metal release whose API the kernels call (`tt_dialect.metal_versions`):
    `0.74.0` or `0.81.1`."""

    def __post_init__(self) -> None:
        self.metal_api  # noqa: B018 (validates)
        super().__post_init__()

    @property
    def metal_api(self) -> MetalApi:
        return api_for_release(self.api_version)
