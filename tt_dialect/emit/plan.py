"""`tt.plan.json`: the host's view of a compiled program, as one JSON document.

The plan is a serialization of the typed attributes of one `tt.program` after
`tt-pipeline` (through `tt-finalize-runtime-args`); nothing in it is inferred
from SSA or symbol names. Its schema, `tt_plan.schema.json` next to this file
(`plan_schema()`), documents every field; in short:

- `schema_version` (1), `program` (the program's symbol name), `arch` (the
  device), `grid` (the work partition's core grid, [rows, cols]);
- `tensors`: the program's `tt.tensors` in argument order, named `tensor<i>` by
  position, with shape, dtype, role and buffer layout. The role comes from the
  kernels' runtime-argument schemas: a tensor whose `buffer_address` a reader
  kernel reads is an input, one a writer kernel reads is an output;
- `cores`: every working core with its first work unit and unit count
  (`WorkPartitionAttr.assignments()`), sorted by (y, x);
- `partition`: the `#tt.work_partition` itself;
- `cbs`: the program's `#tt.cb_desc`s, with the core ranges they are created on
  (the union of the kernels' core ranges);
- `kernels`: one per `tt.kernel` in program order, with its source file name,
  processor and NOC (fixed by the role, as tt-metal's `ReaderDataMovementConfig`
  and `WriterDataMovementConfig`), core ranges, compile-time arguments
  (`compile_time_args_layout`), runtime-argument schema and compute config.

Errors are `TTDiagnostic`s (`tt_dialect.diagnostics.op_error`), located at the
module or program they are about, as every other error of the compiler: a
module holding no `tt.program` or more than one, a program without
`tt.work_partition` / `tt.tensors`, a tensor that is both read by a reader and
written by a writer (or neither), two kernels with the same role (they would
share a source file), a compute kernel without `compute_config`.

The output is deterministic: lists keep the order they have in the IR (the
`cores` list is the one list sorted, by (y, x)), keys are written in a fixed
order, and `plan_json` is `json.dumps(plan, indent=2)` plus a newline.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from xdsl.dialects.builtin import ArrayAttr, ModuleOp

from tt_dialect.diagnostics import op_error
from tt_dialect.ops.attributes import (
    ArgKind,
    BufferLayoutAttr,
    CBDescAttr,
    ComputeConfigAttr,
    CoreRangeAttr,
    CoreRangeSetAttr,
    KernelRole,
    RuntimeArgAttr,
    ShardSpecAttr,
    WorkPartitionAttr,
)
from tt_dialect.ops.program import KernelOp, ProgramOp
from tt_dialect.transforms.finalize_runtime_args import compile_time_args_layout
from tt_dialect.emit.program_facts import (
    KERNEL_FILES,
    check_one_kernel_per_role,
    find_program,
    program_attr,
    tensor_roles,
)
from tt_dialect.transforms.split_kernels import TENSORS_ATTR
from tt_dialect.transforms.work_partition import PARTITION_ATTR

PURPOSE = "a plan"
SCHEMA_VERSION = 1
PLAN_FILE = "tt.plan.json"
SCHEMA_FILE = "tt_plan.schema.json"

PROCESSORS: dict[KernelRole, str] = {
    KernelRole.READER: "riscv_1",
    KernelRole.COMPUTE: "compute",
    KernelRole.WRITER: "riscv_0",
}
"""Where each kernel runs: the reader on NCRISC (`DataMovementProcessor::RISCV_1`),
the writer on BRISC (`RISCV_0`), compute on the three TRISCs (a `ComputeConfig`)."""

NOCS: dict[KernelRole, str] = {
    KernelRole.READER: "noc_1",
    KernelRole.WRITER: "noc_0",
}
"""NOC of each data-movement kernel: each processor's default
(`NOC::RISCV_1_default` = NOC 1, `NOC::RISCV_0_default` = NOC 0)."""

# --------------------------------------------------------------------------- entry points


def plan_of(program: ProgramOp | ModuleOp) -> dict[str, Any]:
    """The plan of `program` (or of the one program of a module) as JSON data."""
    if isinstance(program, ModuleOp):
        program = find_program(program, PURPOSE)
    partition = program_attr(program, PARTITION_ATTR, WorkPartitionAttr, "#tt.work_partition", PURPOSE)
    layouts = program_attr(program, TENSORS_ATTR, ArrayAttr, "array of #tt.buffer_layout", PURPOSE)
    for position, layout in enumerate(layouts.data):
        if not isinstance(layout, BufferLayoutAttr):
            raise op_error(
                program, f"{TENSORS_ATTR} entry {position} is not a #tt.buffer_layout: {layout}"
            )
    kernels = program.kernels()
    check_one_kernel_per_role(program, kernels)
    roles = tensor_roles(program, len(layouts.data), kernels)
    rows, cols = partition.grid_shape
    return {
        "schema_version": SCHEMA_VERSION,
        "program": program.sym_name.data,
        "arch": program.device.arch.data.value,
        "grid": [rows, cols],
        "tensors": [
            _tensor(position, layout, roles[position])
            for position, layout in enumerate(layouts.data)
        ],
        "cores": _cores(partition),
        "partition": _partition(partition),
        "cbs": [_cb(cb, kernels) for cb in program.cbs.data],
        "kernels": [_kernel(kernel) for kernel in kernels],
    }


def plan_json(program: ProgramOp | ModuleOp) -> str:
    """`tt.plan.json` text: the plan, two-space indented, with a trailing newline."""
    return json.dumps(plan_of(program), indent=2) + "\n"


@cache
def _schema_text() -> str:
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def plan_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `tt.plan.json`, shipped with the package."""
    return json.loads(_schema_text())


# --------------------------------------------------------------------------- checks


def _core_range(r: CoreRangeAttr) -> dict[str, list[int]]:
    x0, y0, x1, y1 = r.bounds
    return {"start": [x0, y0], "end": [x1, y1]}


def _core_ranges(ranges: CoreRangeSetAttr) -> list[dict[str, list[int]]]:
    return [_core_range(r) for r in ranges.ranges.data]


def _shard(spec: ShardSpecAttr | None) -> dict[str, Any] | None:
    if spec is None:
        return None
    return {
        "grid": list(spec.grid_shape),
        "shard": list(spec.shard_shape),
        "orientation": spec.orientation.data.value,
    }


def _tensor(position: int, layout: BufferLayoutAttr, role: str) -> dict[str, Any]:
    tile = [t.data for t in layout.tile.data]
    tiles = list(layout.shape_in_tiles)
    # The tile covers the last two dimensions; leading (batch) dimensions are
    # counted in elements already (tt-infer-layout).
    scale = [1] * (len(tiles) - len(tile)) + tile
    return {
        "name": f"tensor{position}",
        "shape": [t * s for t, s in zip(tiles, scale)],
        "dtype": layout.dtype.data.value,
        "role": role,
        "layout": {
            "memory": layout.memory_space.value,
            "kind": layout.buffer_kind.value,
            "tile": tile,
            "tiles": tiles,
            "page_size": layout.page_size,
            "shard": _shard(layout.shard_spec),
        },
    }


def _cores(partition: WorkPartitionAttr) -> list[dict[str, Any]]:
    assignments = sorted(partition.assignments(), key=lambda a: (a[0][1], a[0][0]))
    return [{"core": [x, y], "start": start, "count": count} for (x, y), start, count in assignments]


def _partition(partition: WorkPartitionAttr) -> dict[str, Any]:
    return {
        "mode": partition.mode.data.value,
        "order": partition.order.data.value,
        "grid": list(partition.grid_shape),
        "blocks": list(partition.block_shape),
        "shard_blocks": list(partition.shard_block_shape),
        "ranges": [
            {"core_range": _core_range(r.cores), "start": r.start.data, "count": r.count.data}
            for r in partition.ranges.data
        ],
    }


def _cb(cb: CBDescAttr, kernels: list[KernelOp]) -> dict[str, Any]:
    return {
        "index": cb.index.data,
        "pages": cb.pages.data,
        "page_size": cb.page_size.data,
        "data_format": cb.format.data.value,
        "total_bytes": cb.total_bytes,
        "core_ranges": _union(kernels),
    }


def _union(kernels: list[KernelOp]) -> list[dict[str, list[int]]]:
    """The cores any kernel runs on, as rectangles: the kernels' own ranges when
    they all agree (the programs tt-split-kernels makes), else row runs of the
    union merged over consecutive rows with the same runs."""
    if not kernels:
        return []
    first = kernels[0].cores
    if all(kernel.cores == first for kernel in kernels):
        return _core_ranges(first)
    cores = {core for kernel in kernels for core in kernel.cores.cores()}
    rects: list[list[int]] = []  # [x0, y0, x1, y1]
    growing: dict[tuple[int, int], int] = {}  # run (x0, x1) in row y - 1 -> its rectangle
    for y in sorted({y for _, y in cores}):
        runs: list[tuple[int, int]] = []
        for x in sorted(x for x, cy in cores if cy == y):
            if runs and runs[-1][1] == x - 1:
                runs[-1] = (runs[-1][0], x)
            else:
                runs.append((x, x))
        row: dict[tuple[int, int], int] = {}
        for x0, x1 in runs:
            index = growing.get((x0, x1))
            if index is not None and rects[index][3] == y - 1:
                rects[index][3] = y
            else:
                rects.append([x0, y, x1, y])
                index = len(rects) - 1
            row[(x0, x1)] = index
        growing = row
    rects.sort(key=lambda r: (r[1], r[0]))
    return [{"start": [x0, y0], "end": [x1, y1]} for x0, y0, x1, y1 in rects]


def _runtime_arg(arg: RuntimeArgAttr) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": arg.arg_name.data,
        "type": arg.arg_type.data.value,
        "kind": arg.arg_kind.value,
    }
    if arg.arg_kind is ArgKind.BUFFER_ADDRESS:
        entry["tensor"] = arg.tensor.data
    return entry


def _compute_config(config: ComputeConfigAttr) -> dict[str, Any]:
    return {
        "math_fidelity": config.math_fidelity.data.value,
        "fp32_dest_acc": bool(config.fp32_dest_acc.value.data),
        "dst_full_sync": bool(config.dst_full_sync.value.data),
    }


def _kernel(kernel: KernelOp) -> dict[str, Any]:
    role = kernel.role.data
    layout = compile_time_args_layout(kernel)
    entry: dict[str, Any] = {
        "name": kernel.sym_name.data,
        "file": KERNEL_FILES[role],
        "role": role.value,
        "processor": PROCESSORS[role],
    }
    if role.is_dataflow:
        entry["noc"] = NOCS[role]
    entry["core_ranges"] = _core_ranges(kernel.cores)
    entry["compile_time_args"] = [arg.value for arg in layout]
    entry["compile_time_args_layout"] = [
        {"kind": arg.kind.value, "index": arg.index} for arg in layout
    ]
    entry["runtime_args"] = [_runtime_arg(arg) for arg in kernel.runtime_args.args.data]
    if role is KernelRole.COMPUTE:
        if kernel.compute_config is None:
            raise op_error(kernel, "is a compute kernel without compute_config")
        entry["compute_config"] = _compute_config(kernel.compute_config)
    return entry

