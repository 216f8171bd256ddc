"""tt-split-kernels: one program function becomes reader, compute and writer kernels.

Reads: a lowered program function (after `tt-insert-cb-protocol`): its
`tt.work_partition`, `tt.runtime_args`, `tt.device`, `tt.compute_config` and, if
tt-attach-metal-api ran, `tt.metal_api`,
its tensor arguments' `tt.layout`, and a body of hardware-level ops in loops.
Writes: a `tt.program` (the function is replaced) with the function's name, and
in its contract (`ops/program.py`): the device, the tt-metal release (v0.74.0 when the
function records none), the work partition and the semaphores; the
tensors in argument order with their layout and their role, decided here by
dataflow (a tensor whose accessor pages are read is an input, one whose pages
are written is an output; one both read and written, or neither, is an error); the descriptors of the CBs the kernels use, each created on the
partition's working cores. It holds three `tt.kernel`s on those cores, each
with the program's runtime-argument schema (narrowed later by
`tt-finalize-runtime-args`); the compute kernel carries the compute config.

Every op with an effect goes to exactly one kernel, decided by dataflow:
- NOC reads and their barrier go to the reader, NOC writes and theirs to the writer;
- semaphore and multicast ops go to the reader: they are the handshake of the
  multicast loads (`tt-schedule-multicast`), which fill the reader's CBs;
- an op marked `tt.mover` (the transfer of a copy whose `mover` is set,
  `tt-lower-shared-to-cb`) goes to that data-movement kernel instead: the writer
  kernel may issue a load, its CB's producer side and its handshake;
- tile math, DST and pack ops go to compute;
- a CB's producer-side ops (`cb_reserve_back`, `get_write_ptr`, `cb_push_back`,
  and `tt.write_mask_tile`, which fills its pages from indices alone) go to the
  kernel that fills it: compute if compute packs into it, else the reader; its consumer-side ops (`cb_wait_front`, `get_read_ptr`,
  `cb_pop_front`) to the kernel that drains it: compute if compute reads its
  tiles, else the writer.
Loops and `scf.if`s are kept in every kernel that has an op inside them; pure ops (index
arithmetic, argument reads, `tt.get_cb`, accessors) are copied to every kernel
that uses them. An effectful op that fits no role is an error; so is a kernel
left using a tensor argument directly, or a value another kernel computes.

**How it runs.** One rewrite pattern, `SplitProgram`, anchored on `func.func`
and applied by a `PatternRewriteWalker`, replaces the function with the
program through the rewriter. The split is a whole-function analysis, not a
rewrite of single ops: where a CB's protocol ops go depends on every op that
packs into or unpacks from it (`_Roles`), and whether a loop or a pure op
stays in a kernel depends on everything else that kernel keeps
(`_kernel_ops`). The analysis only reads the function; each kernel body is
then built apart from the IR as clones of the ops it keeps, in their order
and nesting with their names (`_KernelBody`), and the finished `tt.program`
replaces the function in one rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xdsl.context import Context
from xdsl.dialects import func, scf
from xdsl.dialects.builtin import ArrayAttr, MemRefType, ModuleOp
from xdsl.ir import Block, BlockArgument, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from tt_dialect.analysis import argument_layout, cb_source
from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.ops.attributes import (
    CBDescAttr,
    ComputeConfigAttr,
    DeviceAttr,
    MetalApiAttr,
    KernelRole,
    KernelRoleAttr,
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
    WriteMaskTileOp,
)
from tt_dialect.ops.program import KernelOp, ProgramOp
from tt_dialect.ops.sync import HANDSHAKE_OPS
from tt_dialect.ops.types import CBType
from tt_dialect.ir_builder import has_no_effect, located

READS = (NocAsyncReadPageOp, NocAsyncReadOp, NocAsyncReadBarrierOp)
WRITES = (NocAsyncWritePageOp, NocAsyncWriteOp, NocAsyncWriteBarrierOp)
PRODUCER_SIDE = (CBReserveBackOp, GetWritePtrOp, CBPushBackOp, WriteMaskTileOp)
CONSUMER_SIDE = (CBWaitFrontOp, GetReadPtrOp, CBPopFrontOp)
STRUCTURE = (scf.ForOp, scf.IfOp, scf.YieldOp)
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
    _known: dict[Operation, KernelRole | None] = field(default_factory=dict, compare=False)
    """`role` of the ops asked about (each kernel's split asks about every op)."""

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
        if op not in self._known:
            self._known[op] = self._role(op)
        return self._known[op]

    def _role(self, op: Operation) -> KernelRole | None:
        placed = op.attributes.get(annotations.MOVER)
        if isinstance(placed, KernelRoleAttr) and placed.data.is_dataflow:
            return placed.data
        if isinstance(op, (*READS, *HANDSHAKE_OPS)):
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


def _kernel_ops(function: func.FuncOp, kernel: KernelRole, roles: _Roles) -> set[Operation]:
    """The ops of `function` that `kernel` keeps: its own effectful ops, the
    structure and the pure ops, less loops left without work and pure ops nothing
    the kernel keeps uses. A nested op is kept only if its ancestors are too."""
    kept: set[Operation] = set()
    _keep_in_block(function.body.block, kernel, roles, kept)
    return kept


def _keep_in_block(block: Block, kernel: KernelRole, roles: _Roles, kept: set[Operation]) -> None:
    for op in reversed(block.ops):  # nested blocks first: a loop's work decides the loop
        for region in op.regions:
            for inner in region.blocks:
                _keep_in_block(inner, kernel, roles, kept)
        role = roles.role(op)
        if role is not None and role is not kernel:
            continue
        if isinstance(op, func.ReturnOp):
            continue
        if isinstance(op, scf.ForOp | scf.IfOp) and all(
            isinstance(inner, scf.YieldOp)
            for region in op.regions
            for inner_block in region.blocks
            for inner in inner_block.ops
            if inner in kept
        ):
            continue
        kept.add(op)
    # Pure ops whose results nothing kept uses, until none is left. An op with
    # regions is judged with all its nested ops, including those of other kernels:
    # a loop carrying values may stay unused, but nothing it computes is lost.
    changed = True
    while changed:
        changed = False
        for op in reversed(block.ops):
            if op not in kept or not op.results:
                continue
            used = any(_is_kept(use.operation, block, kept) for r in op.results for use in r.uses)
            if not used and (has_no_effect(op) or isinstance(op, GetCBOp)):
                kept.remove(op)
                changed = True


def _is_kept(op: Operation, block: Block, kept: set[Operation]) -> bool:
    """`op`, nested in `block`, is kept together with its ancestors up to `block`."""
    current: Operation | None = op
    while current is not None:
        if current not in kept:
            return False
        if current.parent_block() is block:
            return True
        current = current.parent_op()
    return False


@dataclass
class _KernelBody:
    """Builds one kernel's body apart from the IR: clones of the ops of `function`
    the kernel keeps, in their order and nesting, results and block arguments
    keeping their names."""

    function: func.FuncOp
    kernel: KernelRole
    kept: set[Operation]
    roles: _Roles
    values: dict[SSAValue, SSAValue] = field(default_factory=dict[SSAValue, SSAValue])
    """Each value of `function` the body uses -> its clone."""

    def build(self) -> Block:
        body = Block()
        self._clone_into(self.function.body.block, body)
        return body

    def _clone_into(self, source: Block, target: Block) -> None:
        clones: list[Operation] = []
        for op in source.ops:
            if op not in self.kept:
                continue
            self._check_operands(op)
            clone = op.clone_without_regions(self.values)
            for region, cloned_region in zip(op.regions, clone.regions, strict=True):
                for block in region.blocks:
                    cloned_block = Block(arg_types=block.arg_types)
                    for arg, cloned_arg in zip(block.args, cloned_block.args, strict=True):
                        cloned_arg.name_hint = arg.name_hint
                        self.values[arg] = cloned_arg
                    self._clone_into(block, cloned_block)
                    cloned_region.add_block(cloned_block)
            clones.append(clone)
        target.add_ops(clones)

    def _check_operands(self, op: Operation) -> None:
        """Every operand of a kept op is a value the kernel computes itself."""
        for operand in op.operands:
            if operand in self.values:
                continue
            if isinstance(operand, BlockArgument) and operand.owner is self.function.body.block:
                raise op_error(
                    op,
                    f"uses tensor argument #{operand.index} directly; a {self.kernel.value} "
                    "kernel reaches tensors only through accessors",
                )
            owner = operand.owner
            assert isinstance(owner, Operation)  # the arguments of kept loops are mapped
            role = self.roles.role(owner)
            where = (
                f"belongs to the {role.value} kernel"
                if role is not None
                else f"the {self.kernel.value} kernel does not keep"
            )
            raise op_error(
                op,
                f"uses the result of '{owner.name}', which {where}; kernels exchange "
                "data only through CBs",
            )


@dataclass(frozen=True)
class SplitProgram(RewritePattern):
    """Replaces one lowered program function with its `tt.program` (a whole-function
    analysis: see the module docstring)."""

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

        cores = partition.core_ranges()
        kernels = []
        for role in KERNELS:
            body = _KernelBody(op, role, _kernel_ops(op, role, roles), roles).build()
            kernels.append(
                KernelOp(
                    role.value,
                    role,
                    cores,
                    Region(body),
                    runtime_args=schema,
                    compute_config=config if role is KernelRole.COMPUTE else None,
                )
            )
        semaphores = op.attributes.get(annotations.SEMAPHORES)
        metal_api = op.attributes.get(annotations.METAL_API)
        program = ProgramOp(
            op.sym_name.data,
            device,
            [cb.on(cores) for cb in self._cb_descs(op)],
            Region(Block(kernels)),
            work_partition=partition,
            tensors=self._tensors(op, kernels),
            semaphores=list(semaphores.data) if isinstance(semaphores, ArrayAttr) else None,
            metal_api=metal_api if isinstance(metal_api, MetalApiAttr) else None,
        )
        rewriter.replace(op, located([program], op))

    @staticmethod
    def _tensors(function: func.FuncOp, kernels: list[KernelOp]) -> list[TensorDescAttr]:
        """Every tensor argument with its layout and its role: an input if pages are read
        through its accessor, an output if pages are written through it."""
        uses: dict[int, set[TensorRole]] = {}
        for kernel in kernels:
            for accessor in kernel.body.walk():
                if not isinstance(accessor, TensorAccessorOp):
                    continue
                tensor = accessor.tensor_index()
                if tensor is None:
                    raise op_error(
                        accessor,
                        "the base address of a tensor accessor must be a buffer_address "
                        "runtime argument",
                    )
                uses.setdefault(tensor, set()).update(accessor.tensor_roles())
        layouts = [argument_layout(function, arg.index) for arg in function.body.block.args]
        tensors = []
        for arg, layout in zip(function.body.block.args, layouts):
            roles = uses.get(arg.index, set())
            if len(roles) != 1:
                problem = "is both read and written" if roles else "is neither read nor written"
                raise op_error(
                    function,
                    f"tensor argument #{arg.index} {problem}; a program reads each input "
                    "tensor and writes each output through its accessor",
                )
            tensors.append(TensorDescAttr(roles.pop(), layout))
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
        PatternRewriteWalker(SplitProgram(), apply_recursively=False).rewrite_module(op)
