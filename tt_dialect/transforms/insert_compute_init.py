"""tt-insert-compute-init: hardware start-up and hoisted init calls in compute kernels.

Reads: the compute kernels of `tt.program`s (kernels with role `compute`; reader and
writer kernels are left alone) after kernel split and the CB protocol, where each
tile op's init (`tt.matmul_init`, `tt.matmul_block_init`, `tt.add_tiles_init`,
`tt.copy_tile_init`, `tt.exp_tile_init` ...) sits right before the op's run, inside
the loops.
Writes:
- one `tt.compute_kernel_hw_startup %in0, %in1, %out` per compute kernel, right after
  the last `tt.get_cb` of the kernel's entry block. `%in0` / `%in1` are the input CBs
  of the first FPU tile op in program order (`tt.matmul_tiles`, `tt.matmul_block`,
  `tt.add/sub/mul_tiles`: its two input CBs; `tt.copy_tile`: its CB twice), `%out`
  the CB of the first `tt.pack_tile`. A kernel that packs without FPU tile ops (SFPU
  fills only) names the CB of its first pack three times; a kernel that packs nothing
  gets none;
- in a kernel that unpacks CBs of more than one data format into a source register,
  a `tt.reconfig_data_format %srca, %srcb` right before every FPU init (the CBs its
  tile op unpacks into source registers A and B: `add_tiles_init %x, %y` reads x in A
  and y in B, `matmul_init %in0, %in1` and `matmul_block_init %in0, %in1 ...` in1 in A
  and in0 in B, `copy_tile_init %x` x in A, and the reconfig names it for B too; the
  start-up's format for B counts as one of B's, since a start-up named after a first
  `copy_tile` configures B for that CB, which need not be what the B readers hold).
  In a kernel that packs into CBs of more than one data format, a
  `tt.pack_reconfig_data_format %cb` right before every `tt.pack_tile` into `%cb`.
  The start-up configures one format per source register and one for the packer;
  without these a Tensix misreads (or mispacks) a CB of another format. Kernels of
  one format get none;
- init calls hoisted out of loops and deduplicated, nothing else moved:

      tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : ...
      tt.matmul_init %cb0, %cb1 : ...        // was inside scf.for %k
      tt.relu_tile_init                      // was inside scf.for %sub
      scf.for %unit = ... { scf.for %sub = ... { scf.for %k = ... { ... } ... } }

Inits come in two classes, which configure different hardware:
- FPU: `matmul_init`, `matmul_block_init`, `add/sub/mul_tiles_init`, `copy_tile_init`
  (unpack and the FPU). A `matmul_block_init` is identical to another only with the
  same ct, rt, kt and transpose (its properties).
  The full initialisations `compute_kernel_hw_startup`,
  `binary_op_init_common` and `init_sfpu` reconfigure the same hardware: they count
  as FPU-class inits that differ from every init (even from an identical copy), so
  nothing is hoisted or deduplicated across them, and this pass never moves or
  erases them;
- SFPU: the `<fn>_tile_init` ops of the SFPU unary table (`SFPUUnaryInit` trait);
- unpack format (`tt.reconfig_data_format`) and pack format
  (`tt.pack_reconfig_data_format`). The full initialisations configure formats too,
  so they belong to these classes as well.

Two inits are identical when they have the same op name, the same operands (SSA
values) and the same properties and attributes.

`tt.pack_l1_acc` (packer L1 accumulation) is not an init here: the lowering places
each one where the partial sums start or stop accumulating in L1, and this pass
never moves, merges or erases it.

Hoisting: an init directly in the body of an `scf.for` moves to just before that
loop when every other init of its class anywhere inside the loop is identical to it
and its operands are defined outside the loop; the identical copies inside the loop
are erased. This repeats until nothing moves, so an init climbs out of nested loops
as far as is legal. Only `scf.for` is hoisted out of: the body of an `scf.if` (or any
other region) does not run unconditionally.
Deduplication: then, in every block, an init identical to the previous init of its
class in that block is erased when no different init of the class lies between the
two (including inside the regions of the ops between them).

The hoisting assumes what the upstream pass guarantees: every tile op is preceded,
on every path, by the init it needs, so a loop whose inits of a class are all
identical runs every op of that class under that init.

A kernel that already has a `tt.compute_kernel_hw_startup` keeps it (wherever it
is, however many) and gets no second one; hoisting and deduplication still run.
So running the pass twice gives the same IR as running it once.

Errors: a kernel with FPU tile ops that packs no tile (there is no output CB to start
the packer up with), and a kernel whose start-up could not come first: its first FPU
op or first pack reads a CB that is not a `tt.get_cb` of the entry block, or a compute
op runs before the last `tt.get_cb` of the entry block.

Patterns, each applied by its own walk over the module, in this order (each step
reads what the previous ones wrote: reconfigurations are hoisted with their inits,
and deduplication sees the hoisted inits):
1. `StartComputeHardware` and 2. `ReconfigureDataFormats`, anchored on the compute
   `tt.kernel`: both decisions are about the whole kernel (its first FPU op and
   first pack; the formats of all its CBs), not about one op. Inserting the
   start-up first changes nothing in the later steps: it is outside every loop and
   a full initialisation, which no init is identical to;
3. `HoistInitsOutOfLoop`, anchored on each `scf.for`, loops inside a loop first;
4. `DropRepeatedInit`, anchored on each init.
"""

from __future__ import annotations

import functools

from dataclasses import dataclass
from typing import Literal

from xdsl.context import Context
from xdsl.dialects import scf
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)
from xdsl.rewriter import InsertPoint

from tt_dialect.diagnostics import op_error
from tt_dialect.ops.attributes import DataFormat, KernelRole, PoolType, ReduceDim
from tt_dialect.ops.base import ComputeOnly, enclosing_kernel
from tt_dialect.ops.cb import GetCBOp
from tt_dialect.ops.compute import (
    BinaryOpInitCommonOp,
    ComputeKernelHwStartupOp,
    CopyTileInitOp,
    CopyTileOp,
    InitSFPUOp,
    MatmulBlockInitOp,
    MatmulBlockOp,
    MatmulInitOp,
    MatmulTilesOp,
    PackReconfigDataFormatOp,
    PackTileOp,
    ReconfigDataFormatOp,
    ReduceInitOp,
    ReduceUninitOp,
    SFPUBinaryInit,
    SFPUUnaryInit,
    _BinaryTilesInitOp,
    _FPUTilesOp,
)
from tt_dialect.ops.program import KernelOp
from tt_dialect.ops.types import CBType

InitClass = Literal["fpu", "sfpu", "unpack-format", "pack-format"]

FPU_INITS: tuple[type[Operation], ...] = (
    MatmulInitOp,
    MatmulBlockInitOp,
    _BinaryTilesInitOp,
    CopyTileInitOp,
    ReduceInitOp,
    ReduceUninitOp,
)
"""Short FPU inits (`add_tiles_init` and the broadcast ones are `_BinaryTilesInitOp`s):
hoisted and deduplicated. `reduce_uninit` undoes what `reduce_init` set up (the
packer's edge masks), so it is an init of this class that differs from every other."""

FPU_FULL_INITS: tuple[type[Operation], ...] = (
    ComputeKernelHwStartupOp,
    BinaryOpInitCommonOp,
    InitSFPUOp,
)
"""Full initialisations: FPU class, never identical to anything, never moved."""

FPU_TILE_OPS: tuple[type[Operation], ...] = (_FPUTilesOp, MatmulBlockOp, CopyTileOp)
"""Tile ops that unpack CBs into the FPU: the first one names the start-up's inputs
(`_FPUTilesOp`: matmul, eltwise, broadcast and reduce tiles)."""

_FPU_BINARY = (_FPUTilesOp, MatmulBlockOp)


def init_classes(op: Operation) -> tuple[InitClass, ...]:
    """Which hardware `op` (re)configures; empty if it is not an init."""
    return _init_classes_of(type(op))


@functools.cache
def _init_classes_of(op_type: type[Operation]) -> tuple[InitClass, ...]:
    # What an op configures follows from its class alone.
    if issubclass(op_type, FPU_FULL_INITS):
        return ("fpu", "unpack-format", "pack-format")
    if issubclass(op_type, FPU_INITS):
        return ("fpu",)
    if op_type.has_trait(SFPUUnaryInit) or op_type.has_trait(SFPUBinaryInit):
        return ("sfpu",)
    if issubclass(op_type, ReconfigDataFormatOp):
        return ("unpack-format",)
    if issubclass(op_type, PackReconfigDataFormatOp):
        return ("pack-format",)
    return ()


def same_init(a: Operation, b: Operation) -> bool:
    """Whether the init `b` configures exactly what the init `a` does."""
    return (
        not isinstance(a, FPU_FULL_INITS)
        and a.name == b.name
        and len(a.operands) == len(b.operands)
        and all(x is y for x, y in zip(a.operands, b.operands, strict=True))
        and a.properties == b.properties
        and a.attributes == b.attributes
    )


def _unpack_sources(init: Operation) -> tuple[SSAValue, SSAValue, bool]:
    """The CBs the tile ops under an FPU init unpack into source registers A and B, and
    whether they read B at all."""
    if isinstance(init, MatmulInitOp | MatmulBlockInitOp):
        return init.in1, init.in0, True  # matmul: in1 -> A, in0 -> B
    if isinstance(init, CopyTileInitOp):
        return init.cb, init.cb, False
    if isinstance(init, ReduceInitOp):
        # A row sum runs as a matmul with the scaler in A and the data in B (reduce.h).
        if init.dim.data is ReduceDim.ROW and init.pool.data is PoolType.SUM:
            return init.scaler, init.input, True
        return init.input, init.scaler, True
    assert isinstance(init, _BinaryTilesInitOp)
    return init.in0, init.in1, True


def _format(cb: SSAValue) -> DataFormat:
    type_ = cb.type
    assert isinstance(type_, CBType)
    return type_.format.data


def _defined_inside(value: SSAValue, op: Operation) -> bool:
    owner = value.owner
    definer = owner if isinstance(owner, Operation) else owner.parent_op()
    return definer is not None and op.is_ancestor(definer)


def _first(kernel: KernelOp, types: tuple[type[Operation], ...]) -> Operation | None:
    return next((op for op in kernel.body.walk() if isinstance(op, types)), None)


def _in_compute_kernel(op: Operation) -> bool:
    kernel = enclosing_kernel(op)
    return kernel is not None and kernel.role.data is KernelRole.COMPUTE


@dataclass(frozen=True)
class StartComputeHardware(RewritePattern):
    """Anchored on a compute `tt.kernel`: its start-up depends on the whole kernel.

    Reads the kernel's first FPU tile op, first `tt.pack_tile` and the `tt.get_cb`s
    of its entry block. Writes `tt.compute_kernel_hw_startup` after the last of
    those `tt.get_cb`s, unless the kernel has one already or runs neither an FPU
    tile op nor a pack."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, kernel: KernelOp, rewriter: PatternRewriter, /) -> None:
        if kernel.role.data is not KernelRole.COMPUTE:
            return
        startup = self._startup(kernel)
        if startup is not None:
            operands, anchor = startup
            rewriter.insert(ComputeKernelHwStartupOp(*operands), InsertPoint.after(anchor))

    @staticmethod
    def _startup(
        kernel: KernelOp,
    ) -> tuple[tuple[SSAValue, SSAValue, SSAValue], Operation] | None:
        """Operands and anchor (the op to insert after) of the kernel's start-up,
        or None if the kernel needs none (or already has one)."""
        if _first(kernel, (ComputeKernelHwStartupOp,)) is not None:
            return None
        fpu = _first(kernel, FPU_TILE_OPS)
        pack = _first(kernel, (PackTileOp,))
        if fpu is None and pack is None:
            return None
        if fpu is None:
            fpu = pack  # only SFPU fills: the start-up configures the packer's CB throughout
        if pack is None:
            raise op_error(
                kernel,
                f"runs '{fpu.name}' but packs no tile: compute_kernel_hw_startup needs "
                "the output CB of a tt.pack_tile",
            )
        assert isinstance(pack, PackTileOp)
        if isinstance(fpu, PackTileOp):
            operands = (fpu.out_cb, fpu.out_cb, pack.out_cb)
        elif isinstance(fpu, CopyTileOp):
            operands = (fpu.cb, fpu.cb, pack.out_cb)
        else:
            assert isinstance(fpu, _FPU_BINARY)
            operands = (fpu.in0, fpu.in1, pack.out_cb)

        entry = kernel.body.block
        for value, user in zip(operands, (fpu, fpu, pack), strict=True):
            definer = value.owner
            if not isinstance(definer, GetCBOp) or definer.parent_block() is not entry:
                raise op_error(
                    kernel,
                    f"cannot place compute_kernel_hw_startup: a CB operand of "
                    f"'{user.name}' is not defined by a tt.get_cb in the kernel's entry block",
                )
        anchor = [op for op in entry.ops if isinstance(op, GetCBOp)][-1]
        for op in entry.ops:
            if op is anchor:
                break
            compute = next((o for o in op.walk() if o.has_trait(ComputeOnly)), None)
            if compute is not None:
                raise op_error(
                    kernel,
                    f"cannot place compute_kernel_hw_startup first: '{compute.name}' "
                    "runs before the last tt.get_cb of the kernel's entry block",
                )
        return operands, anchor


@dataclass(frozen=True)
class ReconfigureDataFormats(RewritePattern):
    """Anchored on a compute `tt.kernel`: whether it needs reconfiguration depends
    on the formats of all its CBs.

    Reads the kernel's FPU inits and `tt.pack_tile`s and the formats of their CBs.
    Writes `tt.reconfig_data_format` before every FPU init when the CBs unpacked
    into one source register differ in format, and `tt.pack_reconfig_data_format`
    before every pack when the CBs packed into differ; nothing if the kernel has
    either already."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, kernel: KernelOp, rewriter: PatternRewriter, /) -> None:
        if kernel.role.data is not KernelRole.COMPUTE:
            return
        if any(isinstance(op, ReconfigDataFormatOp | PackReconfigDataFormatOp) for op in kernel.body.walk()):
            return  # already inserted (the pass ran before)
        sources = [
            (init, *_unpack_sources(init))
            for init in kernel.body.walk()
            if isinstance(init, FPU_INITS) and not isinstance(init, ReduceUninitOp)
        ]
        srca_formats = {_format(srca) for _, srca, _, _ in sources}
        srcb_formats = {_format(srcb) for _, _, srcb, reads_b in sources if reads_b}
        startup = next((op for op in kernel.body.walk() if isinstance(op, ComputeKernelHwStartupOp)), None)
        if startup is not None and srcb_formats:
            # The start-up configured B too, for its second input (its first when the
            # kernel multiplies: SrcOrder::Reverse); a first `copy_tile` names one CB
            # twice, so B may hold a format no B reader has.
            multiplies = any(isinstance(op, MatmulTilesOp | MatmulBlockOp) for op in kernel.body.walk())
            srcb_formats.add(_format(startup.in0 if multiplies else startup.in1))
        if len(srca_formats) > 1 or len(srcb_formats) > 1:
            for init, srca, srcb, _ in sources:
                rewriter.insert(ReconfigDataFormatOp(srca, srcb), InsertPoint.before(init))
        packs = [op for op in kernel.body.walk() if isinstance(op, PackTileOp)]
        if len({_format(pack.out_cb) for pack in packs}) > 1:
            for pack in packs:
                rewriter.insert(PackReconfigDataFormatOp(pack.out_cb), InsertPoint.before(pack))


@dataclass(frozen=True)
class HoistInitsOutOfLoop(RewritePattern):
    """Anchored on an `scf.for` in a compute kernel, visited after the loops inside
    it (so an init climbs out of a loop nest one loop per visit).

    Reads the inits directly in the loop body and every init of their classes
    anywhere inside the loop. Writes, for each init of the body (in order) whose
    operands are defined outside the loop and whose class has no different init
    inside the loop: the init right before the loop, and no copy of it inside."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, loop: scf.ForOp, rewriter: PatternRewriter, /) -> None:
        if not _in_compute_kernel(loop):
            return
        while (hoistable := self._hoistable(loop)) is not None:
            init, copies = hoistable
            rewriter.insert(init.clone(), InsertPoint.before(loop))
            for op in [init, *copies]:
                rewriter.erase(op)

    @staticmethod
    def _hoistable(loop: scf.ForOp) -> tuple[Operation, list[Operation]] | None:
        """The first init of the loop body that can leave the loop and its copies
        inside the loop; None if no init can."""
        inits_inside = [(op, kinds) for op in loop.walk() if (kinds := init_classes(op))]
        for init in loop.body.block.ops:
            kinds = init_classes(init)
            if not kinds or isinstance(init, FPU_FULL_INITS):
                continue
            if any(_defined_inside(value, loop) for value in init.operands):
                continue
            (kind,) = kinds
            others = [op for op, classes in inits_inside if op is not init and kind in classes]
            if all(same_init(init, other) for other in others):
                return init, others
        return None


@dataclass(frozen=True)
class DropRepeatedInit(RewritePattern):
    """Anchored on an init (not a full initialisation) in a compute kernel.

    Reads the ops before it in its block, back to the previous init of its class.
    Erases the init when that previous init is identical and no different init of
    the class lies between the two (including inside the regions of the ops between
    them)."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /) -> None:
        kinds = init_classes(op)
        if len(kinds) != 1 or isinstance(op, FPU_FULL_INITS) or not _in_compute_kernel(op):
            return
        (kind,) = kinds
        between: list[Operation] = []
        previous = op.prev_op
        while previous is not None and kind not in init_classes(previous):
            between.extend(nested for nested in previous.walk() if kind in init_classes(nested))
            previous = previous.prev_op
        if previous is not None and all(same_init(previous, other) for other in [*between, op]):
            rewriter.erase(op)


@dataclass(frozen=True)
class InsertComputeInitPass(ModulePass):
    """Starts the compute hardware up once per compute kernel and hoists init calls
    out of loops."""

    name = "tt-insert-compute-init"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for pattern, inner_first in (
            (StartComputeHardware(), False),
            (ReconfigureDataFormats(), False),
            (HoistInitsOutOfLoop(), True),
            (DropRepeatedInit(), False),
        ):
            PatternRewriteWalker(
                pattern, walk_regions_first=inner_first, apply_recursively=False
            ).rewrite_module(op)
