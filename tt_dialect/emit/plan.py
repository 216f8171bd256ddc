"""`tt.plan.json`: the host's view of a compiled program, as one JSON document.

The plan is a serialization of the contract of one `tt.program` after
`tt-pipeline` (the properties of the program and its kernels, `ops/program.py`);
it decides and infers nothing, and `main.cpp` is the other serialization of the
same facts. Its schema, `tt_plan.schema.json` next to this file
(`plan_schema()`), documents every field; in short:

- `schema_version` (3), `program` (the program's symbol name), `device` (the
  card) and its `arch`, `metal_version` (the tt-metal release the kernels call, from the
  program's `metal_api`), `grid` (the work partition's core grid, [rows, cols]);
- `tensors`: the program's `tensors` in argument order, named `tensor<i>` by
  position, with shape (the user's, which its file holds), padded shape (its DRAM
  buffer's, larger where tt-pad-tensors padded it), dtype, role and buffer layout;
- `cores`: every working core with its first work unit and unit count
  (`WorkPartitionAttr.assignments()`), sorted by (y, x);
- `partition`: the `#tt.work_partition` itself;
- `semaphores`: the program's `#tt.semaphore`s (id, initial value, core ranges);
- `cbs`: the program's `#tt.cb_desc`s, with the core ranges they are created on;
- `kernels`: one per `tt.kernel` in program order, with its source file name,
  processor and NOC (fixed by the role, as tt-metal's `ReaderDataMovementConfig`
  and `WriterDataMovementConfig`), core ranges, compile-time arguments,
  runtime-argument schema and compute config.

Errors are `TTDiagnostic`s (`tt_dialect.diagnostics.op_error`), located at the
module or program they are about, as every other error of the compiler: a
module holding no `tt.program` or more than one, a program that lacks part of the
contract (`program_facts.printable_contract`), two kernels with the same role
(they would share a source file).

The output is deterministic: lists keep the order they have in the IR (the
`cores` list is the one list sorted, by (y, x)), keys are written in a fixed
order, and `plan_json` is `json.dumps(plan, indent=2)` plus a newline.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from xdsl.dialects.builtin import ModuleOp

from tt_dialect.ops.attributes import (
    ArgKind,
    CBDescAttr,
    ComputeConfigAttr,
    CoreRangeAttr,
    CoreRangeSetAttr,
    KernelRole,
    RuntimeArgAttr,
    SemaphoreDescAttr,
    ShardSpecAttr,
    TensorDescAttr,
    WorkPartitionAttr,
)
from tt_dialect.ops.program import KernelOp, ProgramOp
from tt_dialect.emit.program_facts import KERNEL_FILES, KERNEL_NOCS, find_program, printable_contract

PURPOSE = "a plan"
SCHEMA_VERSION = 3
PLAN_FILE = "tt.plan.json"
SCHEMA_FILE = "tt_plan.schema.json"

PROCESSORS: dict[KernelRole, str] = {
    KernelRole.READER: "riscv_1",
    KernelRole.COMPUTE: "compute",
    KernelRole.WRITER: "riscv_0",
}
"""Where each kernel runs: the reader on NCRISC (`DataMovementProcessor::RISCV_1`),
the writer on BRISC (`RISCV_0`), compute on the three TRISCs (a `ComputeConfig`)."""


# --------------------------------------------------------------------------- entry points


def plan_of(program: ProgramOp | ModuleOp) -> dict[str, Any]:
    """The plan of `program` (or of the one program of a module) as JSON data."""
    if isinstance(program, ModuleOp):
        program = find_program(program, PURPOSE)
    partition = printable_contract(program, PURPOSE)
    rows, cols = partition.grid_shape
    return {
        "schema_version": SCHEMA_VERSION,
        "program": program.sym_name.data,
        "device": program.device.card.data.value,
        "arch": program.device.arch.value,
        "metal_version": program.metal_api.data.release,
        "grid": [rows, cols],
        "tensors": [_tensor(position, tensor) for position, tensor in enumerate(program.tensors.data)],
        "cores": _cores(partition),
        "partition": _partition(partition),
        "semaphores": [_semaphore(semaphore) for semaphore in program.semaphores.data],
        "cbs": [_cb(cb) for cb in program.cbs.data],
        "kernels": [_kernel(kernel) for kernel in program.kernels()],
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


def _tensor(position: int, tensor: TensorDescAttr) -> dict[str, Any]:
    layout = tensor.layout
    tile = [t.data for t in layout.tile.data]
    tiles = list(layout.shape_in_tiles)
    return {
        "name": f"tensor{position}",
        "shape": list(layout.logical_shape),
        "padded_shape": list(layout.padded_shape),
        "dtype": layout.dtype.data.value,
        "role": tensor.tensor_role.value,
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
        **({"x_order": partition.x_order.data.value} if partition.folded else {}),
        "ranges": [
            {"core_range": _core_range(r.cores), "start": r.start.data, "count": r.count.data}
            for r in partition.ranges.data
        ],
    }


def _cb(cb: CBDescAttr) -> dict[str, Any]:
    assert cb.core_ranges is not None  # printable_contract
    return {
        "index": cb.index.data,
        "pages": cb.pages.data,
        "page_size": cb.page_size.data,
        "data_format": cb.format.data.value,
        "total_bytes": cb.total_bytes,
        "core_ranges": _core_ranges(cb.core_ranges),
    }


def _semaphore(semaphore: SemaphoreDescAttr) -> dict[str, Any]:
    return {
        "id": semaphore.id.data,
        "initial_value": semaphore.initial.data,
        "core_ranges": _core_ranges(semaphore.cores),
    }


def _runtime_arg(arg: RuntimeArgAttr) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": arg.arg_name.data,
        "type": arg.arg_type.data.value,
        "kind": arg.arg_kind.value,
    }
    if arg.arg_kind is ArgKind.BUFFER_ADDRESS:
        entry["tensor"] = arg.tensor.data
    if arg.arg_kind.takes_axis:
        entry["axis"] = arg.axis.value
    return entry


def _compute_config(config: ComputeConfigAttr) -> dict[str, Any]:
    return {
        "math_fidelity": config.math_fidelity.data.value,
        "fp32_dest_acc": bool(config.fp32_dest_acc.value.data),
        "dst_full_sync": bool(config.dst_full_sync.value.data),
    }


def _kernel(kernel: KernelOp) -> dict[str, Any]:
    role = kernel.role.data
    words = kernel.compile_time_args
    assert words is not None  # printable_contract
    entry: dict[str, Any] = {
        "name": kernel.sym_name.data,
        "file": KERNEL_FILES[role],
        "role": role.value,
        "processor": PROCESSORS[role],
    }
    if role.is_dataflow:
        entry["noc"] = f"noc_{KERNEL_NOCS[role]}"
    entry["core_ranges"] = _core_ranges(kernel.cores)
    entry["compile_time_args"] = words.words
    entry["compile_time_args_layout"] = [
        {"kind": arg.arg_kind.value, "index": arg.index.data} for arg in words.args.data
    ]
    entry["runtime_args"] = [_runtime_arg(arg) for arg in kernel.runtime_args.args.data]
    if kernel.compute_config is not None:
        entry["compute_config"] = _compute_config(kernel.compute_config)
    return entry

