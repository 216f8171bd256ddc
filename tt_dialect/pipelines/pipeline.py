"""tt-pipeline: the whole compiler from tile program to kernels, stages A-D.

`tt-pipeline{device=n150|n300|p100|p150 arch=wormhole_b0|blackhole grid=RxC mode=global|local_shard
multicast=auto|none|row|column coarsen-blocks=true mcast-movers=split|reader cb-depth=N math-fidelity=... dst-full-sync=... gemm-k-block=N gemm-subblock=HxW
gemm-accumulate=dst|l1 gemm-stream-output=true gemm-stream-steps=N api-version=0.74.0|0.81.1
verify=true}` runs `tt-metadata`
(stages A-B), `tt-lower` (stages C-D) and, unless `verify=false`, `tt-verify`,
handing each the options it declares: `device` and `arch` to layout inference and the work
partition (which records the device for every later stage), `grid` and `mode`
to the work partition, `multicast`, `coarsen-blocks` and `mcast-movers` to the multicast schedule, `cb-depth` to CB
descriptors, `math-fidelity`,
`dst-full-sync` and the `gemm-*` choices to the compute schedule, `api-version` to
tt-attach-metal-api (which records the tt-metal release the C++ will call).
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.passes import ModulePass

from tt_dialect.options import (
    CBDepthOption,
    ComputeOptions,
    GemmScheduleOptions,
    MetalApiOption,
    MulticastOption,
    PartitionOptions,
)
from tt_dialect.pipelines import NamedPipeline
from tt_dialect.pipelines.lower import LowerPipelinePass
from tt_dialect.pipelines.metadata import MetadataPipelinePass
from tt_dialect.transforms.verify import VerifyPass


@dataclass(frozen=True)
class PipelinePass(
    NamedPipeline, MetalApiOption, GemmScheduleOptions, ComputeOptions, CBDepthOption, MulticastOption, PartitionOptions
):
    """Tile program to hardware-level kernels: tt-metadata, tt-lower, tt-verify."""

    name = "tt-pipeline"

    verify: bool = True
    """Run tt-verify on the result (on by default)."""

    def passes(self) -> list[ModulePass]:
        stages: list[ModulePass] = [
            self.stage(MetadataPipelinePass),
            self.stage(LowerPipelinePass),
        ]
        if self.verify:
            stages.append(VerifyPass())
        return stages
