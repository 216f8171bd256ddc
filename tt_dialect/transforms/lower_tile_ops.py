"""tt-lower-tile-ops: block-level compute becomes Tensix tile intrinsics on CBs.

Reads: partitioned tile programs after stages A-B (`tt-metadata`): buffers
with `tt.cb` descriptors, `tt.gemm`, `tt.clear`, elementwise `tt.add/sub/mul`
and unary ops, and the `tt.copy`s that connect buffers and tensors.
Writes: the compute as tile ops on the buffers' CBs (`tt.get_cb`), each run of
them preceded by its init call (`tt-insert-compute-init` hoists them later),
and `tt.compute_config = #tt.compute_config<...>` on the function. Copies are
left for `tt-lower-shared-to-cb`; CB protocol and DST registers are inserted by
later passes.

**gemm.** The accumulator of a gemm lives in DST for the whole K loop: the gemm
becomes `matmul_tiles` into fixed DST tiles, the `tt.clear` before the loop
goes away (a DST section starts zeroed), unary ops applied to the result after
the loop become SFPU ops on the same DST tiles (e.g. relu(A*B) costs no extra
pack), and the store of the result to a tensor is preceded by one `pack_tile`
per output tile. All gemms of one K loop (C1 += A*B1, C2 += A*B2) share DST.
When their output blocks need more tiles than DST holds (8 for 16-bit data, 4
with fp32 accumulation, double-buffered), the output block is split into
subblocks that fit: a new `scf.for` over subblocks encloses the K loop, the
operand buffers shrink to the rows of A and columns of B one subblock needs,
and the copies that fill them and store the result are offset accordingly. A copy
of the result into another buffer moves nothing: the value stays in DST and is
packed into that buffer's CB when the buffer is stored.
The subblock shape is the one reading the fewest tiles per K step.
`transpose_b` reads B's tiles transposed (`matmul_init ... transpose`);
`transpose_a` has no Tensix form and is an error.

**elementwise.** `tt.add/sub/mul %x, %y to %z` becomes `add/sub/mul_tiles` of
each tile pair into DST and a `pack_tile` into z's CB, in chunks of at most
the DST capacity; a unary op on a buffer, or one with a scalar
(`tt.mul_scalar` -> `mul_unary_tile`), copies each tile to DST (`copy_tile`),
applies the SFPU op and packs; a copy between two buffers is
the same without the SFPU op (converting the format when they differ).

**fill.** `tt.fill` and `tt.clear` of a buffer that is not a gemm accumulator
fill each tile in DST on the SFPU (`fill_tile`) and pack it into the buffer's
CB, in chunks of at most the DST capacity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import Float32Type, MemRefType, ModuleOp
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern
from xdsl.rewriter import InsertPoint, Rewriter

from tt_dialect.device import TILE_COLS, TILE_ROWS
from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.options import ComputeOptions
from tt_dialect.ops.attributes import CBDescAttr, ComputeConfigAttr, MathFidelity
from tt_dialect.ops.compute import (
    AddTilesInitOp,
    AddTilesOp,
    CopyTileInitOp,
    CopyTileOp,
    ExpTileOp,
    FillTileInitOp,
    FillTileOp,
    GeluTileOp,
    LogTileOp,
    MatmulInitOp,
    MatmulTilesOp,
    MulTilesInitOp,
    MulTilesOp,
    PackTileOp,
    RecipTileOp,
    ReluTileOp,
    SigmoidTileOp,
    SqrtTileOp,
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
    SubOp,
    TanhOp,
    AddScalarOp,
    DivScalarOp,
    MulScalarOp,
    RsubScalarOp,
    SubScalarOp,
    _AllocOp,
    _BinaryOp,
    _ScalarOp,
    _UnaryOp,
)
from tt_dialect.ir_builder import (
    BlockConstants,
    cb_of,
    ancestor_in,
    IndexEmitter,
    buffer_tiles,
    has_no_effect,
    located,
    rewrite_functions,
)

SFPU_OF: dict[type[_UnaryOp], type[_SFPUUnaryTileOp]] = {
    ExpOp: ExpTileOp,
    LogOp: LogTileOp,
    SqrtOp: SqrtTileOp,
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

FPU_OF: dict[type[_BinaryOp], tuple[type[Operation], type[Operation]]] = {
    AddOp: (AddTilesInitOp, AddTilesOp),
    SubOp: (SubTilesInitOp, SubTilesOp),
    MulOp: (MulTilesInitOp, MulTilesOp),
}



def subblock_shape(
    rows: int, cols: int, accumulators: int, capacity: int, a_buffers: int = 1, b_buffers: int = 1
) -> tuple[int, int]:
    """The (rows, cols) in tiles of the output subblock that fits DST and reads
    the fewest operand tiles per K step: rows/sh * cols/sw subblocks each read
    sh tiles of every A buffer and sw tiles of every B buffer. Ties go to the
    wider subblock."""
    best: tuple[int, int, int] | None = None
    for sh in (d for d in range(1, rows + 1) if rows % d == 0):
        for sw in (d for d in range(1, cols + 1) if cols % d == 0):
            if accumulators * sh * sw > capacity:
                continue
            cost = (rows // sh) * (cols // sw) * (sh * a_buffers + sw * b_buffers)
            key = (cost, -sw, -sh)
            if best is None or key < best:
                best = key
    assert best is not None
    return -best[2], -best[1]


def _is_buffer_copy(op: CopyOp) -> bool:
    """An unindexed copy between two buffers (not a tensor transfer)."""
    return not op.src_indices and not op.dst_indices and all(
        isinstance(value.owner, _AllocOp) for value in (op.src, op.dst)
    )


def _uses_in(value: SSAValue) -> list[Operation]:
    return [use.operation for use in value.uses]


@dataclass
class _GemmGroup:
    """The gemms of one K-loop body and the ops around them that they own."""

    gemms: list[GemmOp]
    loop: scf.ForOp | None
    block: Block
    """The block holding the K loop (or the gemms when there is no loop)."""
    accumulators: list[SSAValue]


class _ProgramLowering:
    """Lowers the compute of one tile program."""

    def __init__(self, program: func.FuncOp, config: ComputeConfigAttr):
        self.program = program
        self.capacity = config.dst_capacity
        self.capacity_reason = (
            f"{'fp32' if config.fp32_dest_acc.value.data else '16-bit'} accumulation in "
            f"{'full-sync' if config.dst_full_sync.value.data else 'double-buffered'} mode"
        )
        self.constants = BlockConstants()
        self.in_dst: dict[SSAValue, int] = {}
        """Buffers whose current value lives in DST, with their first DST tile."""

    # ------------------------------------------------------------------ driver

    def run(self) -> None:
        for group in self._gemm_groups():
            self._lower_gemm_group(group)
        for op in list(self.program.body.walk()):
            if isinstance(op, _BinaryOp):
                self._lower_binary(op)
            elif isinstance(op, _UnaryOp):
                self._lower_unary(op)
            elif isinstance(op, CopyOp) and _is_buffer_copy(op):
                self._lower_unary(op)
            elif isinstance(op, ClearOp | FillOp):
                self._lower_fill(op)
        for alloc in [op for op in self.program.body.walk() if isinstance(op, _AllocOp)]:
            if not alloc.result.uses:
                Rewriter.erase_op(alloc)

    def _gemm_groups(self) -> list[_GemmGroup]:
        by_block: dict[Block, list[GemmOp]] = {}
        for gemm in self.program.body.walk():
            if isinstance(gemm, GemmOp):
                block = gemm.parent_block()
                assert block is not None
                by_block.setdefault(block, []).append(gemm)
        groups = []
        for body, gemms in by_block.items():
            # The K loop is the loop around the gemms whose accumulators are
            # cleared outside it; with the clears beside the gemms there is none.
            cleared_beside = any(
                isinstance(use, ClearOp) and use.parent_block() is body
                for use in _uses_in(gemms[0].c)
            )
            parent = body.parent_op()
            loop = parent if isinstance(parent, scf.ForOp) and not cleared_beside else None
            block = loop.parent_block() if loop is not None else body
            assert block is not None
            accumulators: list[SSAValue] = []
            for gemm in gemms:
                if gemm.c not in accumulators:
                    accumulators.append(gemm.c)
            groups.append(_GemmGroup(gemms, loop, block, accumulators))
        return groups

    # ------------------------------------------------------------------ gemm

    def _lower_gemm_group(self, group: _GemmGroup) -> None:
        first = group.gemms[0]
        shape = buffer_tiles(group.accumulators[0])
        for gemm in group.gemms:
            if gemm.transpose_a is not None:
                raise op_error(
                    gemm,
                    "transpose_a has no Tensix form (the matrix engine transposes only its "
                    "second operand); transpose A when loading it",
                )
            if buffer_tiles(gemm.c) != shape:
                raise op_error(
                    gemm,
                    f"gemms accumulating together must share the output block shape; "
                    f"{list(buffer_tiles(gemm.c))} tiles differs from {list(shape)}",
                )
            for operand in (gemm.a, gemm.b, gemm.c):
                if not isinstance(operand.owner, _AllocOp):
                    raise op_error(gemm, "gemm operands must be tt.alloc_shared / tt.alloc_fragment buffers")
        count = len(group.accumulators)
        if count > self.capacity:
            raise op_error(
                first,
                f"{count} gemm accumulators share this K loop but DST holds {self.capacity} "
                f"tiles ({self.capacity_reason}); each needs at least one",
            )
        anchor = group.loop if group.loop is not None else group.gemms[-1]
        clears = self._clears(group, anchor)
        rows, cols = shape
        a_buffers = list(dict.fromkeys(g.a for g in group.gemms))
        b_buffers = list(dict.fromkeys(g.b for g in group.gemms))
        if set(a_buffers) & set(b_buffers):
            raise op_error(first, "a buffer cannot be both the A and the B operand of gemms accumulating together")
        sub_rows, sub_cols = subblock_shape(
            rows, cols, count, self.capacity, len(a_buffers), len(b_buffers)
        )
        if (sub_rows, sub_cols) != (rows, cols):
            group.block = self._split_into_subblocks(
                group, clears, anchor, (rows, cols), (sub_rows, sub_cols)
            )
            group.accumulators = list(dict.fromkeys(g.c for g in group.gemms))
        epilogue = list(group.block.ops)[group.block.get_operation_index(anchor) + 1 :]
        tiles = sub_rows * sub_cols
        for position, accumulator in enumerate(group.accumulators):
            self.in_dst[accumulator] = position * tiles
        for gemm in group.gemms:
            self._lower_gemm(gemm)
        for clear in clears:
            Rewriter.erase_op(clear)
        self._lower_epilogue(epilogue)

    def _clears(self, group: _GemmGroup, anchor: Operation) -> list[ClearOp]:
        clears = []
        for accumulator in group.accumulators:
            clear = next(
                (
                    op
                    for op in _uses_in(accumulator)
                    if isinstance(op, ClearOp)
                    and op.parent_block() is group.block
                    and group.block.get_operation_index(op) < group.block.get_operation_index(anchor)
                ),
                None,
            )
            if clear is None:
                raise op_error(
                    group.gemms[0],
                    "the gemm accumulator must be cleared (tt.clear) before its K loop; "
                    "accumulating onto earlier values is not supported",
                )
            clears.append(clear)
        return clears

    def _lower_gemm(self, gemm: GemmOp) -> None:
        block = gemm.parent_block()
        assert block is not None
        a_rows, k_tiles = buffer_tiles(gemm.a)
        _, out_cols = buffer_tiles(gemm.c)
        transpose = gemm.transpose_b is not None
        cb_a, cb_b = cb_of(gemm.a), cb_of(gemm.b)
        base = self.in_dst[gemm.c]
        ops: list[Operation] = [MatmulInitOp(cb_a, cb_b, transpose)]
        for i in range(a_rows):
            for j in range(out_cols):
                for k in range(k_tiles):
                    b_tile = j * k_tiles + k if transpose else k * out_cols + j
                    ops.append(
                        MatmulTilesOp(
                            cb_a,
                            cb_b,
                            self.constants.get(block, i * k_tiles + k),
                            self.constants.get(block, b_tile),
                            base + i * out_cols + j,
                        )
                    )
        Rewriter.replace_op(gemm, located(ops, gemm), [])

    def _lower_epilogue(self, epilogue: list[Operation]) -> None:
        """Unary ops on the results become SFPU ops on DST; stores get packs."""
        for op in epilogue:
            if isinstance(op, _UnaryOp) and op.src in self.in_dst:
                self._sfpu_in_dst(op)
            elif isinstance(op, CopyOp) and op.src in self.in_dst and _is_buffer_copy(op):
                # The value stays in DST; it is packed into the copy's destination when
                # that is stored.
                self.in_dst[op.dst] = self.in_dst[op.src]
                Rewriter.erase_op(op)
            elif isinstance(op, CopyOp) and op.src in self.in_dst:
                self._pack_before(op)
            elif any(operand in self.in_dst for inner in op.walk() for operand in inner.operands):
                raise op_error(
                    op,
                    "a gemm result in DST can only go through unary ops and be copied to a "
                    "tensor; store it first",
                )
        for accumulator in list(self.in_dst):
            del self.in_dst[accumulator]

    def _sfpu_in_dst(self, op: _UnaryOp) -> None:
        base = self.in_dst[op.src]
        rows, cols = buffer_tiles(op.src)
        tile_op = SFPU_OF[type(op)]
        ops: list[Operation] = [tile_op.INIT()]
        ops += [sfpu_tile(op, base + t) for t in range(rows * cols)]
        self.in_dst[op.dst] = base
        Rewriter.replace_op(op, located(ops, op), [])

    def _pack_before(self, copy: CopyOp) -> None:
        if not copy.dst_indices:
            raise op_error(copy, "a gemm result can only be copied to a tensor region")
        base = self.in_dst[copy.src]
        rows, cols = buffer_tiles(copy.src)
        block = copy.parent_block()
        assert block is not None
        cb = cb_of(copy.src)
        packs = [
            PackTileOp(base + t, cb, self.constants.get(block, t)) for t in range(rows * cols)
        ]
        Rewriter.insert_op(located(packs, copy), InsertPoint.before(copy))

    # ------------------------------------------------------------------ subblocks

    def _split_into_subblocks(
        self,
        group: _GemmGroup,
        clears: Sequence[ClearOp],
        anchor: Operation,
        block_tiles: tuple[int, int],
        sub_tiles: tuple[int, int],
    ) -> Block:
        """Encloses the group's ops in a loop over DST-sized output subblocks,
        shrinks its buffers to one subblock's operands and results, and returns
        the loop's body."""
        rows, cols = block_tiles
        sub_rows, sub_cols = sub_tiles
        a_buffers = list(dict.fromkeys(g.a for g in group.gemms))
        b_buffers = list(dict.fromkeys(g.b for g in group.gemms))
        results = list(group.accumulators)
        stores: list[CopyOp] = []
        for op in list(group.block.ops)[group.block.get_operation_index(anchor) + 1 :]:
            if isinstance(op, _UnaryOp) and op.src in results and op.dst not in results:
                results.append(op.dst)
            elif isinstance(op, CopyOp) and op.src in results and _is_buffer_copy(op):
                results.append(op.dst)
            elif isinstance(op, CopyOp) and op.src in results:
                stores.append(op)
        if not stores:
            raise op_error(group.gemms[0], "the gemm result is never copied to a tensor")
        fills = [
            op
            for op in self.program.body.walk()
            if isinstance(op, CopyOp) and op.dst in a_buffers + b_buffers
        ]
        members = {*clears, *fills, *stores, *group.gemms}
        if group.loop is not None:
            members.add(group.loop)
        top = [ancestor_in(op, group.block) for op in members]
        if any(op is None for op in top):
            raise op_error(
                group.gemms[0],
                "the copies filling this gemm's operands must be in the same block as its "
                "K loop or inside it",
            )
        positions = sorted(group.block.get_operation_index(op) for op in top if op is not None)
        moved = list(group.block.ops)[positions[0] : positions[-1] + 1]
        allowed = set(top) | {
            op
            for op in moved
            if (isinstance(op, _UnaryOp) or (isinstance(op, CopyOp) and _is_buffer_copy(op)))
            and op.src in results
        }
        for op in moved:
            if op not in allowed and not has_no_effect(op):
                raise op_error(
                    op,
                    "this op lies between a gemm's clear and its store and would run once per "
                    "DST subblock; move it out",
                )

        emit = IndexEmitter()
        zero, one = emit.constant(0, "c0"), emit.constant(1, "c1")
        count = emit.constant((rows // sub_rows) * (cols // sub_cols), "num_subblocks")
        located(emit.ops, moved[0])
        emit.insert_before(moved[0])
        body = Block(arg_types=[zero.type])
        subblock = body.args[0]
        subblock.name_hint = "subblock"
        offsets = IndexEmitter()
        sub_row, sub_col = offsets.divmod(
            subblock, offsets.constant(cols // sub_cols, "subblocks_per_row"), ("subblock_row", "subblock_col")
        )
        row_offset = offsets.add(
            arith.MuliOp(sub_row, offsets.constant(sub_rows * TILE_ROWS, "subblock_height")),
            "row_offset",
        )
        col_offset = offsets.add(
            arith.MuliOp(sub_col, offsets.constant(sub_cols * TILE_COLS, "subblock_width")),
            "col_offset",
        )
        body.add_ops(offsets.ops)
        loop = scf.ForOp(zero, count, one, [], Region(body))
        Rewriter.insert_op(located([loop], moved[0]), InsertPoint.before(moved[0]))
        for op in moved:
            op.detach()
            body.add_op(op)
        body.add_op(scf.YieldOp())

        transposed_b = {g.b for g in group.gemms if g.transpose_b is not None}
        for buffer in a_buffers:
            self._shrink(buffer, (sub_rows, None), fills, {0: row_offset})
        for buffer in b_buffers:
            if buffer in transposed_b:
                self._shrink(buffer, (sub_cols, None), fills, {0: col_offset})
            else:
                self._shrink(buffer, (None, sub_cols), fills, {1: col_offset})
        for buffer in results:
            self._shrink(buffer, (sub_rows, sub_cols), stores, {0: row_offset, 1: col_offset})
        return body

    def _shrink(
        self,
        buffer: SSAValue,
        tiles: tuple[int | None, int | None],
        copies: Sequence[CopyOp],
        offsets: dict[int, SSAValue],
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
        depth = desc.pages.data // (old_rows * old_cols)
        new_alloc = type(alloc)(
            MemRefType(old_type.element_type, [new_rows * TILE_ROWS, new_cols * TILE_COLS])
        )
        new_alloc.attributes[annotations.CB] = CBDescAttr(
            desc.index.data, new_rows * new_cols * depth, desc.page_size.data, desc.format.data
        )
        new_alloc.result.name_hint = buffer.name_hint
        Rewriter.insert_op(located([new_alloc], alloc), InsertPoint.before(alloc))
        for copy in copies:
            if buffer not in (copy.src, copy.dst):
                continue
            indices = copy.src_indices if copy.dst is buffer else copy.dst_indices
            for dim, offset in offsets.items():
                moved = arith.AddiOp(indices[dim], offset)
                moved.result.name_hint = ("subblock_row_start", "subblock_col_start")[dim]
                Rewriter.insert_op(located([moved], copy), InsertPoint.before(copy))
                copy.operands[self._index_operand(copy, buffer, dim)] = moved.result
        buffer.replace_all_uses_with(new_alloc.result)
        Rewriter.erase_op(alloc)

    @staticmethod
    def _index_operand(copy: CopyOp, buffer: SSAValue, dim: int) -> int:
        """Operand position of the tensor-side index `dim` of a copy touching `buffer`."""
        if copy.dst is buffer:
            return 1 + dim
        return 2 + len(copy.src_indices) + dim

    # ------------------------------------------------------------------ elementwise

    def _chunks(self, tiles: int) -> list[range]:
        return [range(start, min(start + self.capacity, tiles)) for start in range(0, tiles, self.capacity)]

    @staticmethod
    def _checked_operands(op: _BinaryOp | _UnaryOp | CopyOp | ClearOp | FillOp) -> None:
        if any(not isinstance(value.owner, _AllocOp) for value in op.operands):
            raise op_error(
                op,
                "elementwise operands and results must be tt.alloc_shared / tt.alloc_fragment "
                "buffers; copy tensors in and out with tt.copy",
            )

    def _lower_binary(self, op: _BinaryOp) -> None:
        self._checked_operands(op)
        init_type, tile_type = FPU_OF[type(op)]
        cb_x, cb_y, cb_z = cb_of(op.lhs), cb_of(op.rhs), cb_of(op.dst)
        block = op.parent_block()
        assert block is not None
        rows, cols = buffer_tiles(op.dst)
        ops: list[Operation] = []
        for chunk in self._chunks(rows * cols):
            ops.append(init_type(cb_x, cb_y))
            for t in chunk:
                tile = self.constants.get(block, t)
                ops.append(tile_type(cb_x, cb_y, tile, tile, t - chunk.start))
            ops += [PackTileOp(t - chunk.start, cb_z, self.constants.get(block, t)) for t in chunk]
        Rewriter.replace_op(op, located(ops, op), [])

    def _lower_fill(self, op: ClearOp | FillOp) -> None:
        """Every tile of the buffer is filled in DST on the SFPU and packed into its CB."""
        self._checked_operands(op)
        value = op.value.value.data if isinstance(op, FillOp) else 0.0
        cb = cb_of(op.dst)
        block = op.parent_block()
        assert block is not None
        rows, cols = buffer_tiles(op.dst)
        ops: list[Operation] = []
        for chunk in self._chunks(rows * cols):
            ops.append(FillTileInitOp())
            ops += [FillTileOp(t - chunk.start, value) for t in chunk]
            ops += [PackTileOp(t - chunk.start, cb, self.constants.get(block, t)) for t in chunk]
        Rewriter.replace_op(op, located(ops, op), [])

    def _lower_unary(self, op: _UnaryOp | CopyOp) -> None:
        """A unary op, or a copy between buffers (the same without the SFPU op): each tile
        is copied to DST, transformed and packed into the destination's CB."""
        self._checked_operands(op)
        tile_op = SFPU_OF[type(op)] if isinstance(op, _UnaryOp) else None
        cb_x, cb_z = cb_of(op.src), cb_of(op.dst)
        block = op.parent_block()
        assert block is not None
        rows, cols = buffer_tiles(op.dst)
        ops: list[Operation] = []
        for chunk in self._chunks(rows * cols):
            ops.append(CopyTileInitOp(cb_x))
            ops += [CopyTileOp(cb_x, self.constants.get(block, t), t - chunk.start) for t in chunk]
            if tile_op is not None:
                ops.append(tile_op.INIT())
                ops += [sfpu_tile(op, t - chunk.start) for t in chunk]  # type: ignore[arg-type]
            ops += [PackTileOp(t - chunk.start, cb_z, self.constants.get(block, t)) for t in chunk]
        Rewriter.replace_op(op, located(ops, op), [])


def compute_config_of(
    program: func.FuncOp, fidelity: MathFidelity, dst_full_sync: bool
) -> ComputeConfigAttr:
    """fp32 DST accumulation when any buffer the compute writes holds f32."""
    written = [
        op.c if isinstance(op, GemmOp) else op.dst
        for op in program.body.walk()
        if isinstance(op, GemmOp | _BinaryOp | _UnaryOp)
        or (isinstance(op, CopyOp) and _is_buffer_copy(op))
        or isinstance(op, ClearOp | FillOp)
    ]
    fp32 = any(
        isinstance(value.type, MemRefType) and isinstance(value.type.element_type, Float32Type)
        for value in written
    )
    return ComputeConfigAttr(fidelity, fp32_dest_acc=fp32, dst_full_sync=dst_full_sync)


@dataclass(frozen=True)
class LowerProgramCompute(RewritePattern):
    fidelity: MathFidelity
    dst_full_sync: bool

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        if annotations.WORK_PARTITION not in op.attributes or annotations.COMPUTE_CONFIG in op.attributes:
            return
        config = compute_config_of(op, self.fidelity, self.dst_full_sync)
        _ProgramLowering(op, config).run()
        op.attributes[annotations.COMPUTE_CONFIG] = config
        rewriter.notify_op_modified(op)


@dataclass(frozen=True)
class LowerTileOpsPass(ModulePass, ComputeOptions):
    """Lowers gemm, elementwise and unary block ops to tile intrinsics on CBs."""

    name = "tt-lower-tile-ops"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        rewrite_functions(op, LowerProgramCompute(self.fidelity, self.dst_full_sync))
