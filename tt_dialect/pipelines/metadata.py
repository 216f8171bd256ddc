"""tt-metadata: stages A-B as one named pipeline.

Runs, in order, `tt-simplify`, `tt-attach-metal-api{api-version}`, `tt-pad-tensors`, `tt-infer-layout{device arch}`,
`tt-propagate-layout{cb-depth}`, `tt-work-partition{device arch grid mode}`,
`tt-schedule-multicast{multicast coarsen-blocks mcast-movers}` and
`tt-grid-to-persistent`, verifying the
IR after each, so that

    tt-opt gemm.mlir -p 'tt-metadata{arch=blackhole grid=8x8}'

equals running the eight passes by hand with those options.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.passes import ModulePass

from tt_dialect.options import CBDepthOption, MetalApiOption, MulticastOption, PartitionOptions
from tt_dialect.pipelines import NamedPipeline
from tt_dialect.transforms.attach_metal_api import AttachMetalApiPass
from tt_dialect.transforms.simplify import SimplifyPass
from tt_dialect.transforms.grid_to_persistent import GridToPersistentPass
from tt_dialect.transforms.infer_layout import InferLayoutPass
from tt_dialect.transforms.pad_tensors import PadTensorsPass
from tt_dialect.transforms.propagate_layout import PropagateLayoutPass
from tt_dialect.transforms.schedule_multicast import ScheduleMulticastPass
from tt_dialect.transforms.work_partition import WorkPartitionPass

STAGES: tuple[type[ModulePass], ...] = (
    SimplifyPass,
    AttachMetalApiPass,
    PadTensorsPass,
    InferLayoutPass,
    PropagateLayoutPass,
    WorkPartitionPass,
    ScheduleMulticastPass,
    GridToPersistentPass,
)


@dataclass(frozen=True)
class MetadataPipelinePass(NamedPipeline, MetalApiOption, CBDepthOption, MulticastOption, PartitionOptions):
    """Layouts, CB descriptors, work partition, multicast and persistent loops (stages A-B)."""

    name = "tt-metadata"

    def passes(self) -> list[ModulePass]:
        return [self.stage(stage) for stage in STAGES]
