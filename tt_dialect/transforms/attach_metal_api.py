"""tt-attach-metal-api: record which tt-metal release a program targets.

Reads: the `api-version` option (`0.74.0`, the default, or `0.81.1`); the tile programs of the
module (a `func.func` holding a `tt.launch_grid`, or one already partitioned, carrying
`tt.work_partition`) and its `tt.program`s.
Writes: `tt.metal_api = #tt.metal_api<v0_81_1>` on every tile program, which tt-split-kernels
moves into its `tt.program`; on a `tt.program`, its `metal_api` property. convert-tt-to-emitc
spells each kernel call as that release declares it, and the plan records the release
(`"metal_version"`) for tt-check-kernels and the emulator; neither re-derives it.

The release is decided once, like the device: a program that already records a different
release is an error (a `tt.program` at the default release, v0.74.0, counts as unrecorded,
since its property is the default when absent), and so is a `tt.program` whose kernels are
already C++ calls (convert-tt-to-emitc spelled them for the release it had).

The first stage of `tt-metadata`, so `tt-pipeline{api-version=0.81.1}` targets 0.81.1 from
the start (like `nvvm-attach-target` in MLIR, which attaches a target to GPU modules before they
are serialized).
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation
from xdsl.passes import ModulePass

from tt_dialect.analysis import is_tile_program
from tt_dialect.diagnostics import op_error
from tt_dialect.metal_versions import DEFAULT_API, MetalApi
from tt_dialect.ops import annotations
from tt_dialect.ops.attributes import MetalApiAttr
from tt_dialect.ops.program import ProgramOp
from tt_dialect.options import MetalApiOption


def _check_unchanged(op: Operation, recorded: MetalApiAttr, wanted: MetalApi) -> None:
    if recorded.data is not wanted:
        raise op_error(
            op,
            f"already targets tt-metal {recorded.data.release} (#tt.metal_api<{recorded.data.value}>); "
            f"tt-attach-metal-api cannot change it to {wanted.release}",
        )


@dataclass(frozen=True)
class AttachMetalApiPass(ModulePass, MetalApiOption):
    """Records the tt-metal release (`api-version`) on every tile program and `tt.program`."""

    name = "tt-attach-metal-api"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        wanted = self.metal_api
        attr = MetalApiAttr(wanted)
        for child in op.walk():
            if isinstance(child, func.FuncOp) and (
                annotations.WORK_PARTITION in child.attributes or is_tile_program(child)
            ):
                recorded = child.attributes.get(annotations.METAL_API)
                if isinstance(recorded, MetalApiAttr):
                    _check_unchanged(child, recorded, wanted)
                child.attributes[annotations.METAL_API] = attr
            elif isinstance(child, ProgramOp):
                if child.metal_api.data is not DEFAULT_API:
                    _check_unchanged(child, child.metal_api, wanted)
                if child.metal_api.data is not wanted and any(
                    annotations.CPP_INCLUDES in kernel.attributes for kernel in child.kernels()
                ):
                    raise op_error(
                        child,
                        f"its kernels are already C++ calls of tt-metal {child.metal_api.data.release}; "
                        "run tt-attach-metal-api before convert-tt-to-emitc",
                    )
                child.metal_api = attr
