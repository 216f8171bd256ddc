"""tt-split-kernels: one program function becomes reader, compute and writer kernels.

Reads: a lowered program function (after `tt-insert-cb-protocol`): its
`tt.work_partition`, `tt.runtime_args`, `tt.device` and `tt.compute_config`,
its tensor arguments' `tt.layout`, and a body of hardware-level ops in loops.
Writes: a `tt.program` (the function is replaced) with the function's name, and
in its contract (`ops/program.py`): the device and the work partition; the
tensors in argument order with their layout and their role, decided here by
dataflow (a tensor the reader kernel reaches through an accessor is an input,
one the writer reaches is an output; one reached by both or by neither is an
error); the descriptors of the CBs the kernels use, each created on the
partition's working cores. It holds three `tt.kernel`s on those cores, each
with the program's runtime-argument schema (narrowed later by
`tt-finalize-runtime-args`); the compute kernel carries the compute config.

Every op with an effect goes to exactly one kernel, decided by dataflow:
- NOC reads and their barrier go to the reader, NOC writes and theirs to the writer;
- tile math, DST and pack ops go to compute;
- a CB's producer-side ops (`cb_reserve_back`, `get_write_ptr`, `cb_push_back`)
  go to the kernel that fills it: compute if compute packs into it, else the
  reader; its consumer-side ops (`cb_wait_front`, `get_read_ptr`,
  `cb_pop_front`) to the kernel that drains it: compute if compute reads its
  tiles, else the writer.
Loops are kept in every kernel that has an op inside them; pure ops (index
arithmetic, argument reads, `tt.get_cb`, accessors) are copied to every kernel
that uses them. An effectful op that fits no role is an error; so is a kernel
left using a tensor argument directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import func, scf
from xdsl.dialects.builtin import MemRefType, ModuleOp
from xdsl.ir import Block, Operation, Region
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern
from xdsl.rewriter import Rewriter

from tt_dialect.analysis import argument_layout, cb_source
from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.ops.attributes import (
    CBDescAttr,
    ComputeConfigAttr,
    DeviceAttr,
    KernelRole,
    RuntimeArgsAttr,
    TensorDescAttr,
    TensorRole,
    WorkPartitionAttr,
)
from tt_dialect.ops.base import ComputeOnly
from tt_dialect.ops.cb import (
    CBPopFrontOp,
    CBPushBackOp,
    CBReserveBackOp,
    CBWaitFrontOp,
    GetCBOp,
    GetReadPtrOp,
    GetWritePtrOp,
)
from tt_dialect.ops.compute import PackTileOp, unpacked_cbs
from tt_dialect.ops.dataflow import (
    NocAsyncReadBarrierOp,
    NocAsyncReadOp,
    NocAsyncReadPageOp,
    NocAsyncWriteBarrierOp,
    NocAsyncWriteOp,
    NocAsyncWritePageOp,
    TensorAccessorOp,
)
from tt_dialect.ops.program import KernelOp, ProgramOp
from tt_dialect.ops.types import CBType
from tt_dialect.ir_builder import has_no_effect, located, rewrite_functions

READS = (NocAsyncReadPageOp, NocAsyncReadOp, NocAsyncReadBarrierOp)
WRITES = (NocAsyncWritePageOp, NocAsyncWriteOp, NocAsyncWriteBarrierOp)
PRODUCER_SIDE = (CBReserveBackOp, GetWritePtrOp, CBPushBackOp)
CONSUMER_SIDE = (CBWaitFrontOp, GetReadPtrOp, CBPopFrontOp)
STRUCTURE = (scf.ForOp, scf.YieldOp)
KERNELS = (KernelRole.READER, KernelRole.COMPUTE, KernelRole.WRITER)


def _cb_index(op: Operation) -> int:
    get_cb = cb_source(op.operands[0])
    if not isinstance(get_cb, GetCBOp):
        raise op_error(op, "uses a CB that does not come from a tt.get_cb")
    return get_cb.index.value.data


@dataclass(frozen=True)
class _Roles:
    """Which kernel produces and which consumes each CB, by index."""

    packed: frozenset[int]
    """CBs compute packs into: their producer is compute."""
    read: frozenset[int]
    """CBs compute unpacks: their consumer is compute."""

    @staticmethod
    def of(program: func.FuncOp) -> _Roles:
        packed, read = set(), set()
        for op in program.body.walk():
            if isinstance(op, PackTileOp):
                packed.add(_cb_index(op))
            for cb in unpacked_cbs(op):
                if isinstance(cb.owner, GetCBOp):
                    read.add(cb.owner.index.value.data)
        return _Roles(frozenset(packed), frozenset(read))

    def role(self, op: Operation) -> KernelRole | None:
        """The kernel an effectful op belongs to; None for pure and structural ops."""
        if isinstance(op, READS):
            return KernelRole.READER
        if isinstance(op, WRITES):
            return KernelRole.WRITER
        if isinstance(op, PRODUCER_SIDE):
            return KernelRole.COMPUTE if _cb_index(op) in self.packed else KernelRole.READER
        if isinstance(op, CONSUMER_SIDE):
            return KernelRole.COMPUTE if _cb_index(op) in self.read else KernelRole.WRITER
        if op.has_trait(ComputeOnly):
            return KernelRole.COMPUTE
        return None


def _check_roles(program: func.FuncOp, roles: _Roles) -> None:
    for op in program.body.walk():
        if roles.role(op) is not None or isinstance(op, (*STRUCTURE, func.ReturnOp)):
            continue
        if not has_no_effect(op) and not isinstance(op, GetCBOp):
            raise op_error(
                op,
                "fits no kernel role: it is not a NOC transfer (reader/writer), a CB protocol "
                "op, tile math (compute) or a side-effect-free computation",
            )


def _prune(block: Block, keep: KernelRole, roles: _Roles) -> None:
    """Erases from `block` what does not belong to `keep`: other kernels' ops,
    loops left empty, and pure ops nobody uses."""
    for op in reversed(list(block.ops)):  # users before the values they use
        for region in op.regions:
            for inner in region.blocks:
                _prune(inner, keep, roles)
        role = roles.role(op)
        if role is not None and role is not keep:
            Rewriter.erase_op(op)
        elif isinstance(op, scf.ForOp) and all(isinstance(o, scf.YieldOp) for o in op.body.block.ops):
            Rewriter.erase_op(op)
        elif isinstance(op, func.ReturnOp):
            Rewriter.erase_op(op)
    changed = True
    while changed:
        changed = False
        for op in reversed(list(block.ops)):
            unused = op.results and not any(r.uses for r in op.results)
            if unused and (has_no_effect(op) or isinstance(op, GetCBOp)):
                Rewriter.erase_op(op)
                changed = True


@dataclass(frozen=True)
class SplitProgram(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        partition = op.attributes.get(annotations.WORK_PARTITION)
        if not isinstance(partition, WorkPartitionAttr):
            return
        schema = op.attributes.get(annotations.RUNTIME_ARGS)
        device = op.attributes.get(annotations.DEVICE)
        config = op.attributes.get(annotations.COMPUTE_CONFIG)
        if not isinstance(schema, RuntimeArgsAttr) or not isinstance(device, DeviceAttr):
            raise op_error(op, "run tt-work-partition before tt-split-kernels")
        if not isinstance(config, ComputeConfigAttr):
            raise op_error(op, "run tt-lower-tile-ops before tt-split-kernels")
        for arg in op.body.block.args:
            if not isinstance(arg.type, MemRefType):
                raise op_error(op, f"argument #{arg.index} is not a tensor; scalar arguments are not supported")
        roles = _Roles.of(op)
        _check_roles(op, roles)

        kernels = []
        for role in KERNELS:
            region = op.body.clone()
            old_block = region.block
            _prune(old_block, role, roles)
            body = Block()
            for inner in list(old_block.ops):
                inner.detach()
                body.add_op(inner)
            for inner in body.walk():
                for operand in inner.operands:
                    if operand.owner is old_block:
                        raise op_error(
                            inner,
                            f"uses tensor argument #{operand.index} directly; a {role.value} "
                            "kernel reaches tensors only through accessors",
                        )
            kernels.append(
                KernelOp(
                    role.value,
                    role,
                    partition.core_ranges(),
                    Region(body),
                    runtime_args=schema,
                    compute_config=config if role is KernelRole.COMPUTE else None,
                )
            )
        cores = partition.core_ranges()
        program = ProgramOp(
            op.sym_name.data,
            device,
            [cb.on(cores) for cb in self._cb_descs(op)],
            Region(Block(kernels)),
            work_partition=partition,
            tensors=self._tensors(op, kernels),
        )
        rewriter.replace(op, located([program], op))

    @staticmethod
    def _tensors(function: func.FuncOp, kernels: list[KernelOp]) -> list[TensorDescAttr]:
        """Every tensor argument with its layout and its role: an input if the reader
        reaches it through an accessor, an output if the writer does."""
        reached_by: dict[int, set[KernelRole]] = {}
        for kernel in kernels:
            for accessor in kernel.body.walk():
                if isinstance(accessor, TensorAccessorOp):
                    tensor = accessor.tensor_index()
                    if tensor is None:
                        raise op_error(
                            accessor,
                            "the base address of a tensor accessor must be a buffer_address "
                            "runtime argument",
                        )
                    reached_by.setdefault(tensor, set()).add(kernel.role.data)
        layouts = [argument_layout(function, arg.index) for arg in function.body.block.args]
        tensors = []
        for arg, layout in zip(function.body.block.args, layouts):
            roles = reached_by.get(arg.index, set())
            if roles not in ({KernelRole.READER}, {KernelRole.WRITER}):
                problem = "is both read and written" if roles else "is neither read nor written"
                raise op_error(
                    function,
                    f"tensor argument #{arg.index} {problem}; a program reads each input "
                    "tensor in its reader kernel and writes each output in its writer kernel",
                )
            role = TensorRole.INPUT if roles == {KernelRole.READER} else TensorRole.OUTPUT
            tensors.append(TensorDescAttr(role, layout))
        return tensors

    @staticmethod
    def _cb_descs(program: func.FuncOp) -> list[CBDescAttr]:
        types: dict[int, CBType] = {}
        for op in program.body.walk():
            if not isinstance(op, GetCBOp):
                continue
            index = op.index.value.data
            cb_type = op.result.type
            assert isinstance(cb_type, CBType)
            if types.setdefault(index, cb_type) != cb_type:
                raise op_error(op, f"CB {index} is used with two types: {types[index]} and {cb_type}")
        return [
            CBDescAttr(index, t.pages.data, t.page_size, t.format.data)
            for index, t in sorted(types.items())
        ]


@dataclass(frozen=True)
class SplitKernelsPass(ModulePass):
    """Splits each lowered program function into reader, compute and writer kernels."""

    name = "tt-split-kernels"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        rewrite_functions(op, SplitProgram())
