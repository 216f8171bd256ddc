"""tt-pipeline: the whole compiler so far, stages A-D.

`tt-pipeline{arch=wormhole_b0|blackhole grid=RxC mode=global|local_shard
cb-depth=N math-fidelity=... dst-full-sync=... verify=true}` runs `tt-metadata`
(stages A-B), `tt-lower` (stages C-D) and, unless `verify=false`, `tt-verify`,
handing each option to the passes that use it: `arch` to layout inference and the work partition (which records the
device for every later stage), `grid` and `mode` to the work partition.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from xdsl.passes import ModulePass

from tt_dialect.transforms.lower import LowerPipelinePass
from tt_dialect.transforms.metadata import MetadataPipelinePass
from tt_dialect.named_pipeline import NamedPipeline
from tt_dialect.transforms.verify import VerifyPass


@dataclass(frozen=True)
class PipelinePass(NamedPipeline):
    """Tile program to hardware-level kernels: tt-metadata, then tt-lower."""

    name = "tt-pipeline"

    arch: Literal["wormhole_b0", "blackhole"] = "wormhole_b0"
    """Target architecture."""

    grid: str | int | None = None
    """Core grid ROWSxCOLS; the whole worker grid by default."""

    mode: Literal["global", "local_shard"] = "global"
    """Work-partition mode."""

    cb_depth: int = 2
    """Blocks per CB (2 is double buffering)."""

    math_fidelity: Literal["lofi", "hifi2", "hifi3", "hifi4"] = "hifi4"
    """Math fidelity of the compute kernel."""

    dst_full_sync: bool = False
    """Full-sync DST instead of double buffering."""

    verify: bool = True
    """Run tt-verify on the result (on by default)."""

    def passes(self) -> list[ModulePass]:
        stages: list[ModulePass] = [
            MetadataPipelinePass(
                arch=self.arch, grid=self.grid, mode=self.mode, cb_depth=self.cb_depth
            ),
            LowerPipelinePass(math_fidelity=self.math_fidelity, dst_full_sync=self.dst_full_sync),
        ]
        if self.verify:
            stages.append(VerifyPass())
        return stages
