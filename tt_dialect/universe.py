"""Registration of the `tt` dialect, passes and targets with xDSL.

We register through xDSL's plugin mechanism: `pyproject.toml` declares the
entry point `xdsl.universe: tt_dialect = tt_dialect.universe:TT_UNIVERSE`, so
`xdsl-opt`, `tt-opt` and any other xDSL-based driver in the same environment
see our dialect and passes next to xDSL's own. Every getter imports lazily:
loading the universe costs nothing until a `tt` construct is used.
"""

from __future__ import annotations

from collections.abc import Callable

from xdsl.ir import Dialect
from xdsl.passes import ModulePass
from xdsl.universe import Universe
from xdsl.utils.target import Target


def _tt_dialect() -> Dialect:
    from tt_dialect.ops import TT

    return TT


def _simplify() -> type[ModulePass]:
    from tt_dialect.transforms.simplify import SimplifyPass

    return SimplifyPass


def _attach_metal_api() -> type[ModulePass]:
    from tt_dialect.transforms.attach_metal_api import AttachMetalApiPass

    return AttachMetalApiPass


def _pad_tensors() -> type[ModulePass]:
    from tt_dialect.transforms.pad_tensors import PadTensorsPass

    return PadTensorsPass


def _infer_layout() -> type[ModulePass]:
    from tt_dialect.transforms.infer_layout import InferLayoutPass

    return InferLayoutPass


def _propagate_layout() -> type[ModulePass]:
    from tt_dialect.transforms.propagate_layout import PropagateLayoutPass

    return PropagateLayoutPass


def _work_partition() -> type[ModulePass]:
    from tt_dialect.transforms.work_partition import WorkPartitionPass

    return WorkPartitionPass


def _schedule_multicast() -> type[ModulePass]:
    from tt_dialect.transforms.schedule_multicast import ScheduleMulticastPass

    return ScheduleMulticastPass


def _grid_to_persistent() -> type[ModulePass]:
    from tt_dialect.transforms.grid_to_persistent import GridToPersistentPass

    return GridToPersistentPass


def _metadata() -> type[ModulePass]:
    from tt_dialect.pipelines.metadata import MetadataPipelinePass

    return MetadataPipelinePass


def _finalize_runtime_args() -> type[ModulePass]:
    from tt_dialect.transforms.finalize_runtime_args import FinalizeRuntimeArgsPass

    return FinalizeRuntimeArgsPass


def _insert_compute_init() -> type[ModulePass]:
    from tt_dialect.transforms.insert_compute_init import InsertComputeInitPass

    return InsertComputeInitPass


def _insert_dst_management() -> type[ModulePass]:
    from tt_dialect.transforms.insert_dst_management import InsertDstManagementPass

    return InsertDstManagementPass


def _schedule_compute() -> type[ModulePass]:
    from tt_dialect.transforms.schedule_compute import ScheduleComputePass

    return ScheduleComputePass


def _lower_tile_ops() -> type[ModulePass]:
    from tt_dialect.transforms.lower_tile_ops import LowerTileOpsPass

    return LowerTileOpsPass


def _lower_shared_to_cb() -> type[ModulePass]:
    from tt_dialect.transforms.lower_shared_to_cb import LowerSharedToCBPass

    return LowerSharedToCBPass


def _insert_cb_protocol() -> type[ModulePass]:
    from tt_dialect.transforms.insert_cb_protocol import InsertCBProtocolPass

    return InsertCBProtocolPass


def _split_kernels() -> type[ModulePass]:
    from tt_dialect.transforms.split_kernels import SplitKernelsPass

    return SplitKernelsPass


def _lower() -> type[ModulePass]:
    from tt_dialect.pipelines.lower import LowerPipelinePass

    return LowerPipelinePass


def _pipeline() -> type[ModulePass]:
    from tt_dialect.pipelines.pipeline import PipelinePass

    return PipelinePass


def _verify() -> type[ModulePass]:
    from tt_dialect.transforms.verify import VerifyPass

    return VerifyPass


def _convert_tt_to_emitc() -> type[ModulePass]:
    from tt_dialect.emit.convert_tt_to_emitc import ConvertTTToEmitCPass

    return ConvertTTToEmitCPass


def _convert_linalg_to_tt() -> type[ModulePass]:
    from tt_dialect.transforms.convert_linalg_to_tt import ConvertLinalgToTTPass

    return ConvertLinalgToTTPass


def _linalg_tensors_to_memrefs() -> type[ModulePass]:
    from tt_dialect.transforms.linalg_tensors_to_memrefs import LinalgTensorsToMemrefsPass

    return LinalgTensorsToMemrefsPass


def get_all_passes() -> dict[str, Callable[[], type[ModulePass]]]:
    """Pass name -> lazy getter. Grows as the pipeline stages land."""
    return {
        "tt-simplify": _simplify,
        "tt-attach-metal-api": _attach_metal_api,
        "tt-pad-tensors": _pad_tensors,
        "tt-infer-layout": _infer_layout,
        "tt-propagate-layout": _propagate_layout,
        "tt-work-partition": _work_partition,
        "tt-schedule-multicast": _schedule_multicast,
        "tt-grid-to-persistent": _grid_to_persistent,
        "tt-metadata": _metadata,
        "tt-schedule-compute": _schedule_compute,
        "tt-lower-tile-ops": _lower_tile_ops,
        "tt-lower-shared-to-cb": _lower_shared_to_cb,
        "tt-insert-cb-protocol": _insert_cb_protocol,
        "tt-split-kernels": _split_kernels,
        "tt-insert-compute-init": _insert_compute_init,
        "tt-insert-dst-management": _insert_dst_management,
        "tt-finalize-runtime-args": _finalize_runtime_args,
        "tt-verify": _verify,
        "tt-lower": _lower,
        "tt-pipeline": _pipeline,
        "convert-tt-to-emitc": _convert_tt_to_emitc,
        "convert-linalg-to-tt": _convert_linalg_to_tt,
        "linalg-tensors-to-memrefs": _linalg_tensors_to_memrefs,
    }


def _tt_cpp() -> type[Target]:
    from tt_dialect.emit.target import TTCppTarget

    return TTCppTarget


def get_all_targets() -> dict[str, Callable[[], type[Target]]]:
    return {"tt-cpp": _tt_cpp}


TT_UNIVERSE = Universe(
    all_dialects={"tt": _tt_dialect},
    all_passes=get_all_passes(),
    all_targets=get_all_targets(),
)
