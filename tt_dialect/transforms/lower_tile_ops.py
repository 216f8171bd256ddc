"""tt-lower-tile-ops: block-level compute becomes Tensix tile intrinsics on CBs.

Reads: partitioned tile programs after `tt-schedule-compute`: buffers with
`tt.cb` descriptors, the function's `tt.compute_config`, `tt.gemm`s with their
`#tt.gemm_schedule`, `tt.clear`, elementwise `tt.add/sub/mul` and unary ops,
and the `tt.copy`s that connect buffers and tensors. Functions without a compute
config are left alone.
Writes: the compute as tile ops on the buffers' CBs (`tt.get_cb`), each run of
them preceded by its init call (`tt-insert-compute-init` hoists them later).
Copies are left for `tt-lower-shared-to-cb`; CB protocol and DST registers are
inserted by later passes.

**gemm**, as its schedule says. A subblock's product over one K block is one
`matmul_block` per K tile (`matmul_block_init` before them); with `transpose_b`
B's tiles are not side by side in its CB, so it is one `matmul_tiles` per output
and K tile (`matmul_init ... transpose`). `transpose_a` has no Tensix form and is
an error. The `tt.clear` before the K loop goes away in both modes.
- `accumulate = l1`: the K loop encloses the subblocks. Each step, after its
  copies, turns packer L1 accumulation on except in the first step
  (`tt.pack_l1_acc` of `k != lower bound`), computes every subblock in DST and
  packs it into its pages of the accumulator's CB (the partial sums, which
  `tt-schedule-compute` made one single-buffered block, so every step's packs land
  on the same pages and add up); after the loop accumulation is turned off. The
  accumulator is then an ordinary buffer: the copy staging it for its store, or a
  unary or binary op reading it, is lowered like any other.
- `accumulate = reload` (the K loop's last step, peeled after the loop by
  `tt-schedule-compute`): per subblock, `copy_tile` of its partial sums from the
  accumulator's CB into DST, the step's matmuls adding to them, the epilogue (the one
  op reading the accumulator after the gemm: a copy, or a unary op as SFPU ops) on
  DST, and `pack_tile` into the output buffer's CB; every band of subblock rows is
  reserved and pushed by itself (`cb_reserve_back` / `cb_push_back` of its pages, its
  tiles packed at their place in the band), matching the store's `chunk_rows`. The
  epilogue op goes away.
- `accumulate = dst`: the accumulator lives in DST for the whole K loop: the gemm
  writes fixed DST tiles, unary ops applied to the result after the loop become
  SFPU ops on the same DST tiles (e.g. relu(A*B) costs no extra pack), and the
  store of the result to a tensor is preceded by one `pack_tile` per output tile.
  All gemms of one K loop (C1 += A*B1, C2 += A*B2) share DST. When the subblock is
  smaller than the block, a new `scf.for` over subblocks encloses the K loop, the
  operand buffers shrink to the rows of A and columns of B one subblock needs, and
  the copies that fill them and store the result are offset accordingly (A and B
  are read once per subblock). A copy of the result into another buffer moves
  nothing: the value stays in DST and is packed into that buffer's CB when the
  buffer is stored.

- `accumulate = buffer` (a gemm with no K loop of its own, whose accumulator other ops
  read or update): per subblock, `copy_tile` of the accumulator's current value from its
  CB into DST (none when the gemm's clear is right before it: the clear goes away), the
  matmuls adding to it, and `pack_tile` of the subblock at its place in the buffer's next
  value; `tt-insert-cb-protocol` then treats it like any in-place update of a buffer.

**elementwise.** `tt.add/sub/mul %x, %y to %z` becomes `add/sub/mul_tiles` of
each tile pair into DST and a `pack_tile` into z's CB, in chunks of at most
the DST capacity; a unary op on a buffer, or one with a scalar
(`tt.mul_scalar` -> `mul_unary_tile`), copies each tile to DST (`copy_tile`),
applies the SFPU op and packs; a copy between two buffers is
the same without the SFPU op (converting the format when they differ).

**fill.** `tt.fill` and `tt.clear` of a buffer that is not a gemm accumulator
fill each tile in DST on the SFPU (`fill_tile`; `fill_tile_bitcast` of the f32 bit
pattern for ±inf, which no C++ float literal spells) and pack it into the buffer's
CB, in chunks of at most the DST capacity. (`tt.mask`, a block computed from indices
alone, is not compute's: tt-lower-shared-to-cb has the reader write it.)

**How it runs.** Rewrite patterns, applied by `PatternRewriteWalker`s in three
walks over the module, each changing the IR only through its rewriter:
1. `LowerGemmGroup` (on `tt.gemm`) lowers a gemm together with everything that
   keeping its accumulator in DST involves: the other gemms of its K loop, their
   clears, the subblock loop, and the epilogue (unary ops on the results, copies
   of them, packs before their stores). Which ops those are, the DST tiles of
   each and the subblock shape are a whole-region analysis
   (`analyse_gemm_group`), done before the pattern rewrites anything, so the
   DST state of the epilogue (which buffer's value is in which DST tiles) never
   outlives one rewrite.
2. `LowerBinaryOp`, `LowerUnaryOp` (unary and scalar ops), `LowerBufferCopy` and
   `LowerFill` (`tt.fill`, `tt.clear`), in program order, on what the gemms left.
   Gemm groups go first because their epilogue ops would otherwise be lowered
   as standalone ops through a CB.
3. `EraseUnusedBuffer` (on `tt.alloc_shared/fragment`) removes the buffers that
   no op reads or writes any more.
Tile-index constants (`BlockConstants`) are shared by the patterns of one run:
each block gets each value once, at its start, in the order first asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
import math
from dataclasses import dataclass, replace
from typing import Literal, TypeVar

from xdsl.context import Context
from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import IndexType, IntegerAttr, MemRefType, ModuleOp, i1
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)
from xdsl.rewriter import InsertPoint

from tt_dialect.device import TILE_COLS, TILE_ROWS
from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.ops.attributes import Broadcast, CBDescAttr, ComputeConfigAttr, GemmAccumulation, ReduceDim
from tt_dialect.ops.cb import CBPushBackOp, CBReserveBackOp
from tt_dialect.ops.compute import (
    AddTilesInitOp,
    AddTilesOp,
    CopyTileInitOp,
    CopyTileOp,
    ExpTileOp,
    FillTileInitOp,
    FillTileBitcastOp,
    FillTileOp,
    f32_bits,
    GeluTileOp,
    LogTileOp,
    MatmulBlockInitOp,
    MatmulBlockOp,
    MatmulInitOp,
    MatmulTilesOp,
    MulTilesInitOp,
    MulTilesOp,
    PackL1AccOp,
    PackTileOp,
    RecipTileOp,
    ReluTileOp,
    SigmoidTileOp,
    SqrtTileOp,
    RsqrtTileOp,
    Exp2TileOp,
    SubTilesInitOp,
    SubTilesOp,
    TanhTileOp,
    AddUnaryTileOp,
    DivUnaryTileOp,
    MulUnaryTileOp,
    RsubUnaryTileOp,
    SubUnaryTileOp,
    _SFPUScalarTileOp,
    _SFPUUnaryTileOp,
    _SFPUBinaryTileOp,
    BCAST_OPS,
    BinaryMaxTileOp,
    BinaryMinTileOp,
    ReduceInitOp,
    ReduceTileOp,
    ReduceUninitOp,
)
from tt_dialect.ops.tile_program import (
    AddOp,
    ClearOp,
    CopyOp,
    ExpOp,
    FillOp,
    GeluOp,
    GemmOp,
    LogOp,
    MulOp,
    RecipOp,
    ReluOp,
    SigmoidOp,
    SqrtOp,
    RsqrtOp,
    Exp2Op,
    SubOp,
    TanhOp,
    AddScalarOp,
    DivScalarOp,
    MulScalarOp,
    RsubScalarOp,
    SubScalarOp,
    MaxOp,
    MinOp,
    _AllocOp,
    _BinaryOp,
    _ReduceOp,
    _ScalarOp,
    _UnaryOp,
)
from tt_dialect.analysis import gemm_group_of, previous_op_touching
from tt_dialect.ir_builder import (
    BlockConstants,
    ancestor_in,
    IndexEmitter,
    buffer_tiles,
    get_or_create_cb,
    has_no_effect,
    located,
    uses_after,
)

SFPU_OF: dict[type[_UnaryOp], type[_SFPUUnaryTileOp]] = {
    ExpOp: ExpTileOp,
    LogOp: LogTileOp,
    SqrtOp: SqrtTileOp,
    RsqrtOp: RsqrtTileOp,
    Exp2Op: Exp2TileOp,
    RecipOp: RecipTileOp,
    ReluOp: ReluTileOp,
    GeluOp: GeluTileOp,
    SigmoidOp: SigmoidTileOp,
    TanhOp: TanhTileOp,
    AddScalarOp: AddUnaryTileOp,
    SubScalarOp: SubUnaryTileOp,
    RsubScalarOp: RsubUnaryTileOp,
    MulScalarOp: MulUnaryTileOp,
    DivScalarOp: DivUnaryTileOp,
}


def sfpu_tile(op: _UnaryOp, dst: int) -> _SFPUUnaryTileOp:
    """The SFPU tile op computing `op` on DST tile `dst` (with its scalar, if it has one)."""
    tile_op = SFPU_OF[type(op)]
    if isinstance(op, _ScalarOp):
        assert issubclass(tile_op, _SFPUScalarTileOp)
        return tile_op(dst, op.scalar.value.data)
    return tile_op(dst)

FPU_OF: dict[type[_BinaryOp], str] = {AddOp: "add", SubOp: "sub", MulOp: "mul"}
"""The FPU eltwise operation of each binary op (`BCAST_OPS` keys)."""

SFPU_BINARY_OF: dict[type[_BinaryOp], type[_SFPUBinaryTileOp]] = {
    MaxOp: BinaryMaxTileOp,
    MinOp: BinaryMinTileOp,
}

FPU_TILES_OF: dict[str, tuple[type[Operation], type[Operation]]] = {
    "add": (AddTilesInitOp, AddTilesOp),
    "sub": (SubTilesInitOp, SubTilesOp),
    "mul": (MulTilesInitOp, MulTilesOp),
}


def _uses_in(value: SSAValue) -> list[Operation]:
    return [use.operation for use in value.uses]


def _enclosing_function(op: Operation) -> func.FuncOp | None:
    parent = op.parent_op()
    while parent is not None and not isinstance(parent, func.FuncOp):
        parent = parent.parent_op()
    return parent


def enclosing_compute_config(op: Operation) -> ComputeConfigAttr | None:
    """The `tt.compute_config` of the function around `op`, None if it has none
    (then the patterns leave `op` alone)."""
    program = _enclosing_function(op)
    config = program.attributes.get(annotations.COMPUTE_CONFIG) if program is not None else None
    return config if isinstance(config, ComputeConfigAttr) else None


# ---------------------------------------------------------------------- gemm group analysis


@dataclass(frozen=True)
class EpilogueStep:
    """What happens to one op after a gemm group's K loop while its results are in DST."""

    op: _UnaryOp | CopyOp
    action: Literal["sfpu", "alias", "pack"]
    """`sfpu`: a unary op on a result, applied on the SFPU to its DST tiles;
    `alias`: a copy of a result into another buffer, which moves nothing (the
    destination's value is the same DST tiles); `pack`: a store of a result to a
    tensor, preceded by one pack per tile from DST into the buffer's CB."""
    dst_base: int
    """First DST tile of the value the op reads."""


@dataclass(frozen=True)
class Subblocking:
    """How a gemm group whose output block exceeds DST is split into subblocks."""

    block_tiles: tuple[int, int]
    sub_tiles: tuple[int, int]
    moved: list[Operation]
    """The ops of the group's block, in order, that the loop over subblocks encloses:
    from the first clear or operand fill to the last store."""
    results: list[SSAValue]
    """The accumulators and the buffers holding values computed from them in DST:
    all shrink to one subblock."""
    fills: list[CopyOp]
    """The copies filling the A and B buffers (offset by the subblock's rows / columns)."""
    stores: list[CopyOp]
    """The copies of results to tensors (offset by the subblock's position)."""


@dataclass(frozen=True)
class GemmGroup:
    """The gemms of one K-loop body and the ops around them that they own."""

    gemms: list[GemmOp]
    loop: scf.ForOp | None
    """The K loop (None when the gemms are not in a loop of their own)."""
    block: Block
    """The block holding the K loop (or the gemms when there is no loop)."""
    accumulators: list[SSAValue]
    clears: list[ClearOp]
    """The clear of each accumulator before the K loop; a DST section starts zeroed,
    so they disappear."""
    a_buffers: list[SSAValue]
    b_buffers: list[SSAValue]
    dst_bases: list[int]
    """First DST tile of each gemm's accumulator (one entry per gemm)."""
    subblocking: Subblocking | None
    epilogue: list[EpilogueStep]

    @property
    def anchor(self) -> Operation:
        """The op after which the results are complete: the K loop or the last gemm."""
        return self.loop if self.loop is not None else self.gemms[-1]


def analyse_gemm_group(gemm: GemmOp, config: ComputeConfigAttr) -> GemmGroup:
    """The group `gemm` belongs to, checked, with its subblocking and epilogue as its
    schedule says.

    A whole-region analysis: the group is every gemm of `gemm`'s block with its K
    loop (`gemm_group_of`), and, when the sums stay in DST, the epilogue is every op
    of the loop's block after it (after the last gemm without a loop; up to the last
    store when split into subblocks). Reads only; raises a located diagnostic for
    every unsupported group."""
    shape_of_group = gemm_group_of(gemm)
    gemms, loop, accumulators = shape_of_group.gemms, shape_of_group.loop, shape_of_group.accumulators
    block = loop.parent_block() if loop is not None else gemm.parent_block()
    assert block is not None
    first = gemms[0]
    schedule = first.schedule
    if schedule is None or any(g.schedule != schedule for g in gemms):
        raise op_error(
            first,
            "the gemms of a K loop need one #tt.gemm_schedule (run tt-schedule-compute first)",
        )
    shape = buffer_tiles(accumulators[0])
    for member in gemms:
        if member.transpose_a is not None:
            raise op_error(
                member,
                "transpose_a has no Tensix form (the matrix engine transposes only its "
                "second operand); transpose A when loading it",
            )
        for operand in (member.a, member.b, member.c):
            if not isinstance(operand.owner, _AllocOp):
                raise op_error(
                    member, "gemm operands must be tt.alloc_shared / tt.alloc_fragment buffers"
                )
    capacity = config.dst_capacity
    sub_tiles = schedule.subblock_tiles
    if len(accumulators) * sub_tiles[0] * sub_tiles[1] > capacity:
        raise op_error(
            first,
            f"{len(accumulators)} accumulator(s) of {sub_tiles[0]}x{sub_tiles[1]} tiles "
            f"(the schedule's subblock) need more than the {capacity} tiles DST holds "
            f"({config.dst_capacity_reason})",
        )
    anchor = loop if loop is not None else gemms[-1]
    clears = _accumulator_clears(gemms, block, accumulators, anchor)
    a_buffers = list(dict.fromkeys(g.a for g in gemms))
    b_buffers = list(dict.fromkeys(g.b for g in gemms))
    if set(a_buffers) & set(b_buffers):
        raise op_error(
            first,
            "a buffer cannot be both the A and the B operand of gemms accumulating together",
        )
    tiles = sub_tiles[0] * sub_tiles[1]
    bases = {accumulator: position * tiles for position, accumulator in enumerate(accumulators)}
    group = GemmGroup(
        gemms,
        loop,
        block,
        accumulators,
        clears,
        a_buffers,
        b_buffers,
        dst_bases=[bases[g.c] for g in gemms],
        subblocking=None,
        epilogue=[],
    )
    if schedule.in_l1:
        return group
    after_anchor = list(block.ops)[block.get_operation_index(anchor) + 1 :]
    if sub_tiles == shape:
        return replace(group, epilogue=_epilogue(after_anchor, bases))
    subblocking = _subblocking(group, after_anchor, sub_tiles)
    in_loop = subblocking.moved[subblocking.moved.index(anchor) + 1 :]
    return replace(group, subblocking=subblocking, epilogue=_epilogue(in_loop, bases))


def _accumulator_clears(
    gemms: list[GemmOp], block: Block, accumulators: list[SSAValue], anchor: Operation
) -> list[ClearOp]:
    """The clear of each accumulator in `block` before `anchor`."""
    clears = []
    for accumulator in accumulators:
        clear = next(
            (
                op
                for op in _uses_in(accumulator)
                if isinstance(op, ClearOp)
                and op.parent_block() is block
                and block.get_operation_index(op) < block.get_operation_index(anchor)
            ),
            None,
        )
        if clear is None:
            raise op_error(
                gemms[0],
                "the gemm accumulator must be cleared (tt.clear) before its K loop; "
                "accumulating onto earlier values is not supported",
            )
        clears.append(clear)
    return clears


def _clear_just_before(gemm: GemmOp) -> ClearOp | None:
    """The `tt.clear` of the gemm's accumulator right before it in its block (no other
    op of the block touching the accumulator in between), None if there is none."""
    previous = previous_op_touching(gemm, (gemm.c,))
    return previous if isinstance(previous, ClearOp) and previous.dst is gemm.c else None


def _subblocking(
    group: GemmGroup, after_anchor: list[Operation], sub_tiles: tuple[int, int]
) -> Subblocking:
    """The ops a loop over subblocks must enclose, and the buffers and copies it
    resizes and offsets; checks that nothing else would run once per subblock."""
    gemms, block = group.gemms, group.block
    results = list(group.accumulators)
    stores: list[CopyOp] = []
    for op in after_anchor:
        if isinstance(op, _UnaryOp) and op.src in results and op.dst not in results:
            results.append(op.dst)
        elif isinstance(op, CopyOp) and op.src in results and op.between_buffers:
            results.append(op.dst)
        elif isinstance(op, CopyOp) and op.src in results:
            stores.append(op)
    if not stores:
        raise op_error(gemms[0], "the gemm result is never copied to a tensor")
    program = _enclosing_function(gemms[0])
    assert program is not None
    operands = group.a_buffers + group.b_buffers
    fills = [op for op in program.body.walk() if isinstance(op, CopyOp) and op.dst in operands]
    members: set[Operation] = {*group.clears, *fills, *stores, *gemms}
    if group.loop is not None:
        members.add(group.loop)
    top = [ancestor_in(op, block) for op in members]
    if any(op is None for op in top):
        raise op_error(
            gemms[0],
            "the copies filling this gemm's operands must be in the same block as its "
            "K loop or inside it",
        )
    positions = sorted(block.get_operation_index(op) for op in top if op is not None)
    moved = list(block.ops)[positions[0] : positions[-1] + 1]
    allowed = set(top) | {
        op
        for op in moved
        if (isinstance(op, _UnaryOp) or (isinstance(op, CopyOp) and op.between_buffers))
        and op.src in results
    }
    for op in moved:
        if op not in allowed and not has_no_effect(op):
            raise op_error(
                op,
                "this op lies between a gemm's clear and its store and would run once per "
                "DST subblock; move it out",
            )
    block_tiles = buffer_tiles(group.accumulators[0])
    return Subblocking(block_tiles, sub_tiles, moved, results, fills, stores)


def _epilogue(ops: list[Operation], bases: dict[SSAValue, int]) -> list[EpilogueStep]:
    """What each op after the K loop does with the results in DST (`bases`: each
    accumulator's first DST tile); an error for any other op reading them."""
    in_dst = dict(bases)
    """Buffers whose current value lives in DST, with their first DST tile."""
    steps: list[EpilogueStep] = []
    for op in ops:
        if isinstance(op, _UnaryOp) and op.src in in_dst:
            steps.append(EpilogueStep(op, "sfpu", in_dst[op.src]))
            in_dst[op.dst] = in_dst[op.src]
        elif isinstance(op, CopyOp) and op.src in in_dst and op.between_buffers:
            steps.append(EpilogueStep(op, "alias", in_dst[op.src]))
            in_dst[op.dst] = in_dst[op.src]
        elif isinstance(op, CopyOp) and op.src in in_dst:
            if not op.dst_indices:
                raise op_error(op, "a gemm result can only be copied to a tensor region")
            steps.append(EpilogueStep(op, "pack", in_dst[op.src]))
        elif any(operand in in_dst for inner in op.walk() for operand in inner.operands):
            raise op_error(
                op,
                "a gemm result in DST can only go through unary ops and be copied to a "
                "tensor; store it first",
            )
    return steps


# ---------------------------------------------------------------------- gemm group rewriting


_OpT = TypeVar("_OpT", bound=Operation)


def _move_ops(
    ops: Sequence[Operation], point: InsertPoint, rewriter: PatternRewriter
) -> dict[Operation, Operation]:
    """Moves `ops` (consecutive, in order) to `point`. xDSL's rewriter has no move:
    each op is cloned there and the original replaced by its clone. Returns every
    moved op, nested ones included, mapped to its clone."""
    values: dict[SSAValue, SSAValue] = {}
    clones = [op.clone(values) for op in ops]
    moved = {
        old: new for op, clone in zip(ops, clones) for old, new in zip(op.walk(), clone.walk())
    }
    rewriter.insert(clones, point)
    for op in reversed(ops):
        rewriter.replace(op, (), [values[result] for result in op.results])
    return moved


def _enclose_in_subblock_loop(group: GemmGroup, rewriter: PatternRewriter) -> GemmGroup:
    """Encloses the group's ops in a loop over DST-sized output subblocks, shrinks
    its buffers to one subblock's operands and results, offsets the copies that
    fill and store them, and returns the group as it is inside the loop."""
    subblocking = group.subblocking
    assert subblocking is not None
    rows, cols = subblocking.block_tiles
    sub_rows, sub_cols = subblocking.sub_tiles
    first = subblocking.moved[0]
    transposed_b = {g.b for g in group.gemms if g.transpose_b is not None}

    emit = IndexEmitter()
    zero, one = emit.constant(0, "c0"), emit.constant(1, "c1")
    count = emit.constant((rows // sub_rows) * (cols // sub_cols), "num_subblocks")
    rewriter.insert(located(emit.ops, first), InsertPoint.before(first))
    body = Block(arg_types=[IndexType()])
    subblock = body.args[0]
    subblock.name_hint = "subblock"
    offsets = IndexEmitter()
    sub_row, sub_col = offsets.divmod(
        subblock,
        offsets.constant(cols // sub_cols, "subblocks_per_row"),
        ("subblock_row", "subblock_col"),
    )
    row_offset = offsets.add(
        arith.MuliOp(sub_row, offsets.constant(sub_rows * TILE_ROWS, "subblock_height")),
        "row_offset",
    )
    col_offset = offsets.add(
        arith.MuliOp(sub_col, offsets.constant(sub_cols * TILE_COLS, "subblock_width")),
        "col_offset",
    )
    rewriter.insert(offsets.ops, InsertPoint.at_end(body))
    loop = scf.ForOp(zero, count, one, [], Region(body))
    rewriter.insert(located([loop], first), InsertPoint.before(first))
    clone_of = _move_ops(subblocking.moved, InsertPoint.at_end(body), rewriter)
    rewriter.insert(scf.YieldOp(), InsertPoint.at_end(body))

    def inside(op: _OpT) -> _OpT:
        """`op` as moved into the loop."""
        moved = clone_of.get(op, op)
        assert isinstance(moved, type(op))
        return moved

    fills = [inside(op) for op in subblocking.fills]
    stores = [inside(op) for op in subblocking.stores]
    for buffer in group.a_buffers:
        _shrink(buffer, (sub_rows, None), fills, {0: row_offset}, rewriter)
    for buffer in group.b_buffers:
        if buffer in transposed_b:
            _shrink(buffer, (sub_cols, None), fills, {0: col_offset}, rewriter)
        else:
            _shrink(buffer, (None, sub_cols), fills, {1: col_offset}, rewriter)
    for buffer in subblocking.results:
        _shrink(buffer, (sub_rows, sub_cols), stores, {0: row_offset, 1: col_offset}, rewriter)
    return replace(
        group,
        gemms=[inside(g) for g in group.gemms],
        loop=inside(group.loop) if group.loop is not None else None,
        block=body,
        clears=[inside(c) for c in group.clears],
        subblocking=None,
        epilogue=[replace(step, op=inside(step.op)) for step in group.epilogue],
    )


def _shrink(
    buffer: SSAValue,
    tiles: tuple[int | None, int | None],
    copies: Sequence[CopyOp],
    offsets: dict[int, SSAValue],
    rewriter: PatternRewriter,
) -> None:
    """Replaces `buffer` by a smaller one (None keeps a dimension) and offsets
    the tensor side of the copies touching it."""
    alloc = buffer.owner
    assert isinstance(alloc, _AllocOp)
    old_type = buffer.type
    assert isinstance(old_type, MemRefType)
    old_rows, old_cols = buffer_tiles(buffer)
    new_rows = tiles[0] if tiles[0] is not None else old_rows
    new_cols = tiles[1] if tiles[1] is not None else old_cols
    desc = alloc.attributes[annotations.CB]
    assert isinstance(desc, CBDescAttr)
    depth, rest = divmod(desc.pages.data, old_rows * old_cols)
    if depth == 0 or rest:
        raise op_error(
            alloc,
            f"its CB holds {desc.pages.data} pages, not a whole number of its "
            f"{old_rows * old_cols} tiles: a DST subblock cannot be cut from it",
        )
    new_alloc = type(alloc)(
        MemRefType(old_type.element_type, [new_rows * TILE_ROWS, new_cols * TILE_COLS])
    )
    new_alloc.attributes[annotations.CB] = CBDescAttr(
        desc.index.data, new_rows * new_cols * depth, desc.page_size.data, desc.format.data
    )
    new_alloc.result.name_hint = buffer.name_hint
    for copy in copies:
        if buffer not in (copy.src, copy.dst):
            continue
        indices = copy.src_indices if copy.dst is buffer else copy.dst_indices
        # The buffer's rows and columns are the tensor's last two dimensions (a 2-D
        # block of a higher-rank tensor has scalar leading indices first).
        lead = len(indices) - 2
        for dim, offset in offsets.items():
            start = arith.AddiOp(indices[lead + dim], offset)
            start.result.name_hint = ("subblock_row_start", "subblock_col_start")[dim]
            rewriter.insert(located([start], copy), InsertPoint.before(copy))
            position = _index_operand(copy, buffer, lead + dim)
            rewriter.replace_uses_with_if(
                indices[lead + dim],
                start.result,
                lambda use, copy=copy, position=position: (
                    use.operation is copy and use.index == position
                ),
            )
    rewriter.replace(alloc, located([new_alloc], alloc))


def _index_operand(copy: CopyOp, buffer: SSAValue, dim: int) -> int:
    """Operand position of the tensor-side index `dim` of a copy touching `buffer`."""
    if copy.dst is buffer:
        return 1 + dim
    return 2 + len(copy.src_indices) + dim


# ---------------------------------------------------------------------- patterns


@dataclass(frozen=True)
class _TileOpPattern(RewritePattern):
    """A pattern emitting tile ops, with the pass run's tile-index constants."""

    constants: BlockConstants

    def tile(self, rewriter: PatternRewriter, op: Operation, value: int) -> SSAValue:
        """The `index` constant `value` at the start of `op`'s block."""
        block = op.parent_block()
        assert block is not None
        return self.constants.get(rewriter, block, value)


@dataclass(frozen=True)
class LowerGemmGroup(_TileOpPattern):
    """Anchor: `tt.gemm` (the first of its K-loop body; the group's other gemms go
    with it). Reads: the group as `analyse_gemm_group` finds it, the buffers' CB
    descriptors, the function's compute config. Writes: `matmul_init` and
    `matmul_tiles` into fixed DST tiles per gemm, the clears removed, a loop over
    subblocks with shrunk buffers and offset copies when the block exceeds DST, SFPU
    ops for the unary epilogue, `pack_tile`s before every store of a result, and
    the copies between result buffers removed."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: GemmOp, rewriter: PatternRewriter, /) -> None:
        config = enclosing_compute_config(op)
        if config is None:
            return
        if op.schedule is not None and op.schedule.accumulate.data is GemmAccumulation.RELOAD:
            return self._reload_and_drain(op, rewriter)
        if op.schedule is not None and op.schedule.accumulate.data is GemmAccumulation.BUFFER:
            return self._update_buffer(op, rewriter)
        group = analyse_gemm_group(op, config)
        if group.subblocking is not None:
            group = _enclose_in_subblock_loop(group, rewriter)
        for clear in group.clears:
            rewriter.erase(clear)
        if group.gemms[0].schedule is not None and group.gemms[0].schedule.in_l1:
            self._accumulate_in_l1(group, rewriter)
            return
        for gemm, base in zip(group.gemms, group.dst_bases):
            rows, cols = buffer_tiles(gemm.c)
            ops = self._matmuls(gemm, rewriter, (rows, cols), (0, 0), base)
            rewriter.replace(gemm, located(ops, gemm), [])
        for step in group.epilogue:
            if step.action == "sfpu":
                assert isinstance(step.op, _UnaryOp)
                self._sfpu_in_dst(step.op, step.dst_base, rewriter)
            elif step.action == "alias":
                # The value stays in DST; it is packed into the copy's destination
                # when that is stored.
                rewriter.erase(step.op)
            else:
                assert isinstance(step.op, CopyOp)
                self._pack_before(step.op, step.dst_base, rewriter)

    def _matmuls(
        self,
        gemm: GemmOp,
        rewriter: PatternRewriter,
        subblock: tuple[int, int],
        first: tuple[int, int],
        base: int,
    ) -> list[Operation]:
        """The init and the matmuls adding the product of A's and B's blocks over the
        output subblock of `subblock` tiles at tile `first` of the block into DST
        tiles `base` + row * cols + col: one `matmul_block` per K tile, or, with B
        transposed (its tiles are not side by side in the CB), one `matmul_tiles` per
        output and K tile."""
        rows, cols = subblock
        first_row, first_col = first
        k_tiles = buffer_tiles(gemm.a)[1]
        block_cols = buffer_tiles(gemm.c)[1]
        cb_a, cb_b = get_or_create_cb(gemm.a, rewriter), get_or_create_cb(gemm.b, rewriter)
        if gemm.transpose_b is None:
            ops: list[Operation] = [MatmulBlockInitOp(cb_a, cb_b, cols, rows, k_tiles)]
            for k in range(k_tiles):
                a_tile = self.tile(rewriter, gemm, first_row * k_tiles + k)
                b_tile = self.tile(rewriter, gemm, k * block_cols + first_col)
                ops.append(MatmulBlockOp(cb_a, cb_b, a_tile, b_tile, base, cols, rows, k_tiles))
            return ops
        ops = [MatmulInitOp(cb_a, cb_b, transpose=True)]
        for i in range(rows):
            for j in range(cols):
                for k in range(k_tiles):
                    a_tile = self.tile(rewriter, gemm, (first_row + i) * k_tiles + k)
                    b_tile = self.tile(rewriter, gemm, (first_col + j) * k_tiles + k)
                    ops.append(MatmulTilesOp(cb_a, cb_b, a_tile, b_tile, base + i * cols + j))
        return ops

    def _accumulate_in_l1(self, group: GemmGroup, rewriter: PatternRewriter) -> None:
        """Each K step computes every subblock in DST and the packer adds it to the
        partial sums in the accumulator's CB (packer L1 accumulation, off on the first
        step so that it overwrites what the previous block left); after the K loop
        accumulation is turned off for the packs that follow."""
        gemm, loop = group.gemms[0], group.loop
        schedule = gemm.schedule
        assert loop is not None and schedule is not None
        rows, cols = schedule.block_tiles
        sub_rows, sub_cols = schedule.subblock_tiles
        partials = get_or_create_cb(gemm.c, rewriter)
        accumulate = arith.CmpiOp(loop.body.block.args[0], loop.lb, "ne")
        accumulate.result.name_hint = "accumulate"
        ops: list[Operation] = [accumulate, PackL1AccOp(accumulate.result)]
        for first_row in range(0, rows, sub_rows):
            for first_col in range(0, cols, sub_cols):
                ops += self._matmuls(gemm, rewriter, (sub_rows, sub_cols), (first_row, first_col), 0)
                for i in range(sub_rows):
                    for j in range(sub_cols):
                        tile = self.tile(rewriter, gemm, (first_row + i) * cols + first_col + j)
                        ops.append(PackTileOp(i * sub_cols + j, partials, tile))
        rewriter.replace(gemm, located(ops, gemm), [])
        off = arith.ConstantOp(IntegerAttr(0, i1))
        off.result.name_hint = "no_accumulation"
        rewriter.insert(located([off, PackL1AccOp(off.result)], loop), InsertPoint.after(loop))

    def _reload_and_drain(self, gemm: GemmOp, rewriter: PatternRewriter) -> None:
        """The last K step of an L1 accumulation (`accumulate = reload`): per subblock,
        the partial sums are copied from the accumulator's CB into DST, the step's
        matmuls add to them, the epilogue (the one op reading the accumulator after the
        gemm: a copy or a unary op into the output buffer) runs on DST, and the result is
        packed into the output's CB; each band of subblock rows is reserved and pushed
        on its own, so the store (chunked the same way) writes a band while the next
        computes. The epilogue op goes away."""
        schedule = gemm.schedule
        assert schedule is not None
        after = uses_after(gemm.c, gemm)
        epilogue = after[0] if len(after) == 1 else None
        if not isinstance(epilogue, CopyOp | _UnaryOp) or epilogue.src is not gemm.c:
            raise op_error(
                gemm,
                "a gemm with accumulate = reload needs exactly one op reading its accumulator "
                "after it, a copy or a unary op into the output buffer",
            )
        rows, cols = schedule.block_tiles
        sub_rows, sub_cols = schedule.subblock_tiles
        partials = get_or_create_cb(gemm.c, rewriter)
        out = get_or_create_cb(epilogue.dst, rewriter)
        sfpu = SFPU_OF[type(epilogue)] if isinstance(epilogue, _UnaryOp) else None
        band = sub_rows * cols
        ops: list[Operation] = []
        for first_row in range(0, rows, sub_rows):
            ops.append(CBReserveBackOp(out, band))
            for first_col in range(0, cols, sub_cols):
                dst = [(i, j, i * sub_cols + j) for i in range(sub_rows) for j in range(sub_cols)]
                ops.append(CopyTileInitOp(partials))
                for i, j, d in dst:
                    ops.append(CopyTileOp(partials, self.tile(rewriter, gemm, (first_row + i) * cols + first_col + j), d))
                ops += self._matmuls(gemm, rewriter, (sub_rows, sub_cols), (first_row, first_col), 0)
                if sfpu is not None:
                    assert isinstance(epilogue, _UnaryOp)
                    ops.append(sfpu.INIT())
                    ops += [sfpu_tile(epilogue, d) for _, _, d in dst]
                for i, j, d in dst:
                    ops.append(PackTileOp(d, out, self.tile(rewriter, gemm, i * cols + first_col + j)))
            ops.append(CBPushBackOp(out, band))
        rewriter.replace(gemm, located(ops, gemm), [])
        rewriter.erase(epilogue)

    def _update_buffer(self, gemm: GemmOp, rewriter: PatternRewriter) -> None:
        """`accumulate = buffer`: per subblock, the accumulator's current value is copied
        from its CB into DST, the matmuls add to it and the subblock is packed back at
        its place in the buffer's next value. When the buffer's last write before the
        gemm is its clear (nothing reading it in between), the clear goes away and DST's
        zeros stand for it."""
        schedule = gemm.schedule
        assert schedule is not None
        rows, cols = schedule.block_tiles
        sub_rows, sub_cols = schedule.subblock_tiles
        accumulator = get_or_create_cb(gemm.c, rewriter)
        clear = _clear_just_before(gemm)
        ops: list[Operation] = []
        for first_row in range(0, rows, sub_rows):
            for first_col in range(0, cols, sub_cols):
                tiles = [
                    (self.tile(rewriter, gemm, (first_row + i) * cols + first_col + j), i * sub_cols + j)
                    for i in range(sub_rows)
                    for j in range(sub_cols)
                ]
                if clear is None:
                    ops.append(CopyTileInitOp(accumulator))
                    ops += [CopyTileOp(accumulator, tile, d) for tile, d in tiles]
                ops += self._matmuls(gemm, rewriter, (sub_rows, sub_cols), (first_row, first_col), 0)
                ops += [PackTileOp(d, accumulator, tile) for tile, d in tiles]
        rewriter.replace(gemm, located(ops, gemm), [])
        if clear is not None:
            rewriter.erase(clear)

    @staticmethod
    def _sfpu_in_dst(op: _UnaryOp, base: int, rewriter: PatternRewriter) -> None:
        rows, cols = buffer_tiles(op.src)
        ops: list[Operation] = [SFPU_OF[type(op)].INIT()]
        ops += [sfpu_tile(op, base + t) for t in range(rows * cols)]
        rewriter.replace(op, located(ops, op), [])

    def _pack_before(self, copy: CopyOp, base: int, rewriter: PatternRewriter) -> None:
        rows, cols = buffer_tiles(copy.src)
        cb = get_or_create_cb(copy.src, rewriter)
        packs = [PackTileOp(base + t, cb, self.tile(rewriter, copy, t)) for t in range(rows * cols)]
        rewriter.insert(located(packs, copy), InsertPoint.before(copy))


def _checked_operands(op: _BinaryOp | _UnaryOp | _ReduceOp | CopyOp | ClearOp | FillOp) -> None:
    if any(not isinstance(value.owner, _AllocOp) for value in op.operands):
        raise op_error(
            op,
            "elementwise operands and results must be tt.alloc_shared / tt.alloc_fragment "
            "buffers; copy tensors in and out with tt.copy",
        )


def _dst_chunks(tiles: int, capacity: int) -> list[range]:
    """Tile ranges of at most `capacity` tiles (what DST holds at once)."""
    return [range(start, min(start + capacity, tiles)) for start in range(0, tiles, capacity)]


@dataclass(frozen=True)
class LowerBinaryOp(_TileOpPattern):
    """Anchor: `tt.add` / `tt.sub` / `tt.mul` / `tt.max` / `tt.min` on buffers. Reads:
    the buffers' CB descriptors and shape, the op's `broadcast`, the function's compute
    config (DST capacity). Writes, per DST-sized chunk:
    - add/sub/mul: `*_tiles_init`, one `*_tiles` per tile pair into DST; with a
      broadcast, `*_bcast_<cols|rows>_init_short` and `*_tiles_bcast_<cols|rows>`, the
      vector's tile being the block tile's row (`col` broadcast) or column (`row`);
    - max/min (SFPU, on two DST tiles): `copy_tile` of the lhs chunk into the first
      half of DST and of the rhs chunk into the second, `binary_max/min_tile` of each
      pair into the first half (chunks of half the capacity);
    then one `pack_tile` per tile into the destination's CB."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: _BinaryOp, rewriter: PatternRewriter, /) -> None:
        config = enclosing_compute_config(op)
        if config is None:
            return
        _checked_operands(op)
        cb_x = get_or_create_cb(op.lhs, rewriter)
        cb_y = get_or_create_cb(op.rhs, rewriter)
        cb_z = get_or_create_cb(op.dst, rewriter)
        rows, cols = buffer_tiles(op.dst)
        if type(op) in SFPU_BINARY_OF:
            ops = self._on_sfpu(op, rewriter, (cb_x, cb_y, cb_z), rows * cols, config.dst_capacity)
            rewriter.replace(op, located(ops, op), [])
            return
        kind = FPU_OF[type(op)]
        if op.broadcast is None:
            init_type, tile_type = FPU_TILES_OF[kind]
        else:
            init_type, tile_type = BCAST_OPS[(kind, op.broadcast.data)]

        def vector_tile(t: int) -> int:
            if op.broadcast is None:
                return t
            return t // cols if op.broadcast.data is Broadcast.COL else t % cols

        ops: list[Operation] = []
        for chunk in _dst_chunks(rows * cols, config.dst_capacity):
            ops.append(init_type(cb_x, cb_y))
            for t in chunk:
                tile = self.tile(rewriter, op, t)
                ops.append(tile_type(cb_x, cb_y, tile, self.tile(rewriter, op, vector_tile(t)), t - chunk.start))
            ops += [PackTileOp(t - chunk.start, cb_z, self.tile(rewriter, op, t)) for t in chunk]
        rewriter.replace(op, located(ops, op), [])

    def _on_sfpu(
        self,
        op: _BinaryOp,
        rewriter: PatternRewriter,
        cbs: tuple[SSAValue, SSAValue, SSAValue],
        tiles: int,
        capacity: int,
    ) -> list[Operation]:
        cb_x, cb_y, cb_z = cbs
        tile_type = SFPU_BINARY_OF[type(op)]
        half = capacity // 2
        ops: list[Operation] = []
        for chunk in _dst_chunks(tiles, half):
            for cb, base in ((cb_x, 0), (cb_y, half)):
                ops.append(CopyTileInitOp(cb))
                ops += [CopyTileOp(cb, self.tile(rewriter, op, t), base + t - chunk.start) for t in chunk]
            ops.append(tile_type.INIT())
            ops += [tile_type(t - chunk.start, half + t - chunk.start, t - chunk.start) for t in chunk]
            ops += [PackTileOp(t - chunk.start, cb_z, self.tile(rewriter, op, t)) for t in chunk]
        return ops


@dataclass(frozen=True)
class LowerReduce(_TileOpPattern):
    """Anchor: `tt.reduce_sum` / `tt.reduce_max` of a block into a vector. Reads: the
    buffers' CB descriptors and shapes, `dim`, the function's compute config. Writes
    `reduce_init<pool, dim>` (source, scaler, destination), then per DST-sized chunk of
    the vector's tiles one `reduce_tile` per block tile along the reduced dimension into
    the vector tile's DST tile (they add up, or keep the maximum, in DST), one
    `pack_tile` per vector tile; then `reduce_uninit`, which clears the packer's edge
    masks before anything else packs."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: _ReduceOp, rewriter: PatternRewriter, /) -> None:
        config = enclosing_compute_config(op)
        if config is None:
            return
        _checked_operands(op)
        cb_x = get_or_create_cb(op.src, rewriter)
        cb_scaler = get_or_create_cb(op.scaler, rewriter)
        cb_s = get_or_create_cb(op.dst, rewriter)
        rows, cols = buffer_tiles(op.src)
        dim, pool = op.reduce_dim, op.POOL
        kept, reduced = (rows, cols) if dim is ReduceDim.ROW else (cols, rows)
        zero = self.tile(rewriter, op, 0)
        ops: list[Operation] = [ReduceInitOp(cb_x, cb_scaler, cb_s, pool, dim)]
        for chunk in _dst_chunks(kept, config.dst_capacity):
            for v in chunk:
                for r in range(reduced):
                    t = v * cols + r if dim is ReduceDim.ROW else r * cols + v
                    ops.append(ReduceTileOp(cb_x, cb_scaler, self.tile(rewriter, op, t), zero, v - chunk.start, pool, dim))
            ops += [PackTileOp(v - chunk.start, cb_s, self.tile(rewriter, op, v)) for v in chunk]
        ops.append(ReduceUninitOp())
        rewriter.replace(op, located(ops, op), [])


@dataclass(frozen=True)
class _CopyThroughDst(_TileOpPattern):
    """Each tile of the source is copied to DST (`copy_tile`), optionally
    transformed on the SFPU, and packed into the destination's CB."""

    def lower(
        self, op: _UnaryOp | CopyOp, rewriter: PatternRewriter, config: ComputeConfigAttr
    ) -> None:
        _checked_operands(op)
        tile_op = SFPU_OF[type(op)] if isinstance(op, _UnaryOp) else None
        cb_x, cb_z = get_or_create_cb(op.src, rewriter), get_or_create_cb(op.dst, rewriter)
        rows, cols = buffer_tiles(op.dst)
        ops: list[Operation] = []
        for chunk in _dst_chunks(rows * cols, config.dst_capacity):
            ops.append(CopyTileInitOp(cb_x))
            ops += [CopyTileOp(cb_x, self.tile(rewriter, op, t), t - chunk.start) for t in chunk]
            if tile_op is not None:
                assert isinstance(op, _UnaryOp)
                ops.append(tile_op.INIT())
                ops += [sfpu_tile(op, t - chunk.start) for t in chunk]
            ops += [PackTileOp(t - chunk.start, cb_z, self.tile(rewriter, op, t)) for t in chunk]
        rewriter.replace(op, located(ops, op), [])


@dataclass(frozen=True)
class LowerUnaryOp(_CopyThroughDst):
    """Anchor: a unary op (`tt.exp`, `tt.relu`, ...) or one with a scalar
    (`tt.add_scalar`, ...) on buffers. Reads: the buffers' CB descriptors and
    shape, the function's compute config. Writes: per DST-sized chunk,
    `copy_tile_init`, `copy_tile` per tile, the SFPU op's init and one SFPU tile op
    per tile, and `pack_tile` per tile into the destination's CB."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: _UnaryOp, rewriter: PatternRewriter, /) -> None:
        config = enclosing_compute_config(op)
        if config is not None:
            self.lower(op, rewriter, config)


@dataclass(frozen=True)
class LowerBufferCopy(_CopyThroughDst):
    """Anchor: `tt.copy` between two buffers. Reads and writes as `LowerUnaryOp`
    without the SFPU op (the pack converts the data format when the CBs differ)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: CopyOp, rewriter: PatternRewriter, /) -> None:
        config = enclosing_compute_config(op)
        if config is not None and op.between_buffers:
            self.lower(op, rewriter, config)


def _fill_tile(dst: int, value: float) -> Operation:
    """`fill_tile(dst, value)`, or for ±inf, which no C++ float literal spells,
    `fill_tile_bitcast(dst, bits)` with the f32 bit pattern."""
    if math.isfinite(value):
        return FillTileOp(dst, value)
    return FillTileBitcastOp(dst, f32_bits(value))


@dataclass(frozen=True)
class LowerFill(_TileOpPattern):
    """Anchor: `tt.fill` / `tt.clear` of a buffer (the clears of gemm accumulators
    are gone by then). Reads: the buffer's CB descriptor and shape, the function's
    compute config. Writes: per DST-sized chunk, `fill_tile_init`, one `fill_tile`
    (`fill_tile_bitcast` of the f32 bit pattern for ±inf) per tile and `pack_tile` per
    tile into the buffer's CB."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: ClearOp | FillOp, rewriter: PatternRewriter, /) -> None:
        config = enclosing_compute_config(op)
        if config is None:
            return
        _checked_operands(op)
        value = op.value.value.data if isinstance(op, FillOp) else 0.0
        cb = get_or_create_cb(op.dst, rewriter)
        rows, cols = buffer_tiles(op.dst)
        ops: list[Operation] = []
        for chunk in _dst_chunks(rows * cols, config.dst_capacity):
            ops.append(FillTileInitOp())
            ops += [_fill_tile(t - chunk.start, value) for t in chunk]
            ops += [PackTileOp(t - chunk.start, cb, self.tile(rewriter, op, t)) for t in chunk]
        rewriter.replace(op, located(ops, op), [])


@dataclass(frozen=True)
class EraseUnusedBuffer(RewritePattern):
    """Anchor: `tt.alloc_shared` / `tt.alloc_fragment` in a function with a compute
    config. Reads: the buffer's uses. Writes: removes the alloc when nothing uses
    the buffer any more (its `tt.get_cb`, if any, stays)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: _AllocOp, rewriter: PatternRewriter, /) -> None:
        if not op.result.uses and enclosing_compute_config(op) is not None:
            rewriter.erase(op)


@dataclass(frozen=True)
class LowerTileOpsPass(ModulePass):
    """Lowers gemm, elementwise and unary block ops to tile intrinsics on CBs."""

    name = "tt-lower-tile-ops"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        constants = BlockConstants()
        walks: list[RewritePattern] = [
            LowerGemmGroup(constants),
            GreedyRewritePatternApplier(
                [
                    LowerBinaryOp(constants),
                    LowerReduce(constants),
                    LowerUnaryOp(constants),
                    LowerBufferCopy(constants),
                    LowerFill(constants),
                ],
                dce_enabled=False,
            ),
            EraseUnusedBuffer(),
        ]
        for pattern in walks:
            PatternRewriteWalker(pattern, apply_recursively=False).rewrite_module(op)
