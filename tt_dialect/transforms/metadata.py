"""tt-metadata: stages A-B as one named pipeline.

Runs, in order, `tt-infer-layout{arch}`, `tt-propagate-layout{cb-depth}`,
`tt-work-partition{arch grid mode}` and `tt-grid-to-persistent`, verifying the
IR after each, so that

    tt-opt gemm.mlir -p 'tt-metadata{arch=blackhole grid=8x8}'

equals running the four passes by hand with those options.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from xdsl.passes import ModulePass

from tt_dialect.transforms.grid_to_persistent import GridToPersistentPass
from tt_dialect.transforms.infer_layout import InferLayoutPass
from tt_dialect.named_pipeline import NamedPipeline
from tt_dialect.transforms.propagate_layout import PropagateLayoutPass
from tt_dialect.transforms.work_partition import WorkPartitionPass


@dataclass(frozen=True)
class MetadataPipelinePass(NamedPipeline):
    """Layouts, CB descriptors, work partition and persistent loops (stages A-B)."""

    name = "tt-metadata"

    arch: Literal["wormhole_b0", "blackhole"] = "wormhole_b0"
    """Target architecture, passed to tt-infer-layout and tt-work-partition."""

    grid: str | int | None = None
    """Core grid ROWSxCOLS for tt-work-partition; the whole worker grid by default."""

    mode: Literal["global", "local_shard"] = "global"
    """Work-partition mode for tt-work-partition."""

    cb_depth: int = 2
    """Blocks per CB for tt-propagate-layout (2 is double buffering)."""

    def passes(self) -> list[ModulePass]:
        return [
            InferLayoutPass(arch=self.arch),
            PropagateLayoutPass(cb_depth=self.cb_depth),
            WorkPartitionPass(arch=self.arch, grid=self.grid, mode=self.mode),
            GridToPersistentPass(),
        ]
