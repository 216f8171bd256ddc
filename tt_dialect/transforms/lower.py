"""tt-lower: stages C-D as one named pipeline.

Runs, in order, `tt-lower-tile-ops{math-fidelity dst-full-sync}`,
`tt-lower-shared-to-cb`, `tt-insert-cb-protocol`, `tt-split-kernels`,
`tt-insert-compute-init`, `tt-insert-dst-management` and
`tt-finalize-runtime-args`, verifying the IR after each: a partitioned tile
program (the output of `tt-metadata`) becomes a `tt.program` with reader,
compute and writer kernels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from xdsl.passes import ModulePass

from tt_dialect.transforms.finalize_runtime_args import FinalizeRuntimeArgsPass
from tt_dialect.transforms.insert_cb_protocol import InsertCBProtocolPass
from tt_dialect.transforms.insert_compute_init import InsertComputeInitPass
from tt_dialect.transforms.insert_dst_management import InsertDstManagementPass
from tt_dialect.transforms.lower_shared_to_cb import LowerSharedToCBPass
from tt_dialect.transforms.lower_tile_ops import LowerTileOpsPass
from tt_dialect.named_pipeline import NamedPipeline
from tt_dialect.transforms.split_kernels import SplitKernelsPass


@dataclass(frozen=True)
class LowerPipelinePass(NamedPipeline):
    """Tile intrinsics, CBs, kernel split, CB protocol, inits, DST, runtime args (stages C-D)."""

    name = "tt-lower"

    math_fidelity: Literal["lofi", "hifi2", "hifi3", "hifi4"] = "hifi4"
    """Math fidelity of the compute kernel, for tt-lower-tile-ops."""

    dst_full_sync: bool = False
    """Full-sync DST for tt-lower-tile-ops (twice the tiles, no math/pack overlap)."""

    def passes(self) -> list[ModulePass]:
        return [
            LowerTileOpsPass(math_fidelity=self.math_fidelity, dst_full_sync=self.dst_full_sync),
            LowerSharedToCBPass(),
            InsertCBProtocolPass(),
            SplitKernelsPass(),
            InsertComputeInitPass(),
            InsertDstManagementPass(),
            FinalizeRuntimeArgsPass(),
        ]
