"""tt-lower: stages C-D as one named pipeline.

Runs, in order, `tt-schedule-compute{math-fidelity dst-full-sync gemm-k-block
gemm-subblock gemm-accumulate}`, `tt-lower-tile-ops`, `tt-lower-shared-to-cb`, `tt-insert-cb-protocol`, `tt-split-kernels`,
`tt-insert-compute-init`, `tt-insert-dst-management` and
`tt-finalize-runtime-args`, verifying the IR after each: a partitioned tile
program (the output of `tt-metadata`) becomes a `tt.program` with reader,
compute and writer kernels.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.passes import ModulePass

from tt_dialect.options import ComputeOptions, GemmScheduleOptions
from tt_dialect.pipelines import NamedPipeline
from tt_dialect.transforms.finalize_runtime_args import FinalizeRuntimeArgsPass
from tt_dialect.transforms.insert_cb_protocol import InsertCBProtocolPass
from tt_dialect.transforms.insert_compute_init import InsertComputeInitPass
from tt_dialect.transforms.insert_dst_management import InsertDstManagementPass
from tt_dialect.transforms.lower_shared_to_cb import LowerSharedToCBPass
from tt_dialect.transforms.lower_tile_ops import LowerTileOpsPass
from tt_dialect.transforms.schedule_compute import ScheduleComputePass
from tt_dialect.transforms.split_kernels import SplitKernelsPass

STAGES: tuple[type[ModulePass], ...] = (
    ScheduleComputePass,
    LowerTileOpsPass,
    LowerSharedToCBPass,
    InsertCBProtocolPass,
    SplitKernelsPass,
    InsertComputeInitPass,
    InsertDstManagementPass,
    FinalizeRuntimeArgsPass,
)


@dataclass(frozen=True)
class LowerPipelinePass(NamedPipeline, GemmScheduleOptions, ComputeOptions):
    """Tile intrinsics, CBs, kernel split, CB protocol, inits, DST, runtime args (stages C-D)."""

    name = "tt-lower"

    def passes(self) -> list[ModulePass]:
        return [self.stage(stage) for stage in STAGES]
