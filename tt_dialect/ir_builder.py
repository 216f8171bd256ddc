"""IR-building helpers shared by the lowering passes (not a pass: passes live in transforms/)."""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.builder import Builder
from xdsl.dialects import arith
from xdsl.dialects.builtin import IndexType, MemRefType, UnknownLoc
from xdsl.ir import Block, Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter
from xdsl.rewriter import InsertPoint
from xdsl.traits import is_side_effect_free

from tt_dialect.device import TILE_COLS, TILE_ROWS
from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.ops.attributes import CBDescAttr
from tt_dialect.ops.cb import GetCBOp
from tt_dialect.ops.tile_program import _AllocOp
from tt_dialect.ops.types import CBType


class IndexEmitter:
    """Collects `index` arithmetic in order, naming results as it goes; the
    caller inserts `ops` where they belong."""

    def __init__(self) -> None:
        self.ops: list[Operation] = []

    def add(self, op: Operation, name: str | None = None) -> SSAValue:
        self.ops.append(op)
        result = op.results[0]
        result.name_hint = name
        return result

    def constant(self, value: int, name: str | None = None) -> SSAValue:
        return self.add(arith.ConstantOp.from_int_and_width(value, IndexType()), name)

    def divmod(
        self, value: SSAValue, divisor: SSAValue, names: tuple[str | None, str | None]
    ) -> tuple[SSAValue, SSAValue]:
        quotient = self.add(arith.DivUIOp(value, divisor), names[0])
        remainder = self.add(arith.RemUIOp(value, divisor), names[1])
        return quotient, remainder


class BlockConstants:
    """`index` constants created once per block, at its start, in the order they
    are first asked for, through the rewriter of the pattern asking.

    One instance lives for one pass run and is shared by its patterns: the constants
    it created are the only ones it reuses (a constant of the input with the same
    value is the program's own and stays separate)."""

    def __init__(self) -> None:
        self._by_block: dict[Block, dict[int, SSAValue]] = {}

    def get(self, rewriter: PatternRewriter, block: Block, value: int) -> SSAValue:
        created = self._by_block.setdefault(block, {})
        if value not in created:
            constant = arith.ConstantOp.from_int_and_width(value, IndexType())
            constant.result.name_hint = f"c{value}"
            if created:
                last = next(reversed(created.values())).owner
                assert isinstance(last, Operation)
                rewriter.insert(constant, InsertPoint.after(last))
            else:
                rewriter.insert(constant, InsertPoint.at_start(block))
            created[value] = constant.result
        return created[value]


def buffer_tiles(value: SSAValue) -> tuple[int, int]:
    """(rows, cols) in tiles of a tile-aligned 2-D buffer; (tiles, 1) for a vector,
    whose 32 values per tile lie in one row or column of it."""
    buffer_type = value.type
    assert isinstance(buffer_type, MemRefType)
    shape = buffer_type.get_shape()
    if len(shape) == 1:
        return shape[0] // TILE_ROWS, 1
    rows, cols = shape
    return rows // TILE_ROWS, cols // TILE_COLS


def has_no_effect(op: Operation) -> bool:
    """Side-effect free, so it may be copied, moved or erased when unused."""
    # xDSL 0.74 declares no memory effects for arith.remui (its siblings are Pure).
    return is_side_effect_free(op) or isinstance(op, arith.RemUIOp)


def located(ops: Sequence[Operation], source: Operation) -> list[Operation]:
    """`ops` (and the ops nested in them) carry `source`'s location, so a later
    diagnostic about them points at the input op they came from."""
    for op in ops:
        for inner in op.walk():
            if inner.location == UnknownLoc():
                inner.location = source.location
    return list(ops)



def ancestor_in(op: Operation, block: Block) -> Operation | None:
    """The op of `block` that is or contains `op`; None if `op` is not inside `block`."""
    current: Operation | None = op
    while current is not None and current.parent_block() is not block:
        current = current.parent_op()
    return current


def uses_after(value: SSAValue, anchor: Operation) -> list[Operation]:
    """The ops using `value` that are, or are nested in, the ops after `anchor` in its
    block, in program order."""
    users: list[Operation] = []
    current = anchor.next_op
    while current is not None:
        users += [op for op in current.walk() if value in op.operands]
        current = current.next_op
    return users


def get_or_create_cb(buffer: SSAValue, rewriter: Builder) -> SSAValue:
    """The `tt.get_cb` of a buffer's CB; on first use it is created right after the
    buffer's alloc, through `rewriter` (a pattern's `PatternRewriter`)."""
    alloc = buffer.owner
    assert isinstance(alloc, _AllocOp)
    desc = alloc.attributes.get(annotations.CB)
    if not isinstance(desc, CBDescAttr):
        raise op_error(alloc, f"buffer has no {annotations.CB} descriptor; run tt-propagate-layout first")
    index = desc.index.data
    following = alloc.next_op
    while isinstance(following, GetCBOp):
        if following.index.value.data == index:
            return following.result
        following = following.next_op
    get_cb = GetCBOp(index, CBType(desc.pages.data, desc.format.data))
    get_cb.result.name_hint = f"cb{index}"
    rewriter.insert(get_cb, InsertPoint.after(alloc))
    return get_cb.result
