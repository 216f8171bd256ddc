"""IR-building helpers shared by the lowering passes (not a pass: passes live in transforms/)."""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import IndexType, MemRefType, ModuleOp, UnknownLoc
from xdsl.ir import Block, Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern
from xdsl.rewriter import InsertPoint, Rewriter
from xdsl.traits import is_side_effect_free

from tt_dialect.device import TILE_COLS, TILE_ROWS


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

    def insert_before(self, op: Operation) -> None:
        Rewriter.insert_op(self.ops, InsertPoint.before(op))
        self.ops = []


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
    """(rows, cols) in tiles of a tile-aligned 2-D buffer."""
    buffer_type = value.type
    assert isinstance(buffer_type, MemRefType)
    rows, cols = buffer_type.get_shape()
    return rows // TILE_ROWS, cols // TILE_COLS


def rewrite_functions(module: ModuleOp, pattern: RewritePattern) -> None:
    """Applies a whole-function pattern once to every top-level function.

    For passes that restructure a function's body as a unit: xDSL's walker would
    keep visiting the ops such a pattern erased or moved.
    """
    for op in list(module.ops):
        if isinstance(op, func.FuncOp):
            pattern.match_and_rewrite(op, PatternRewriter(op))


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


def cb_source(value: SSAValue) -> Operation | None:
    """The `tt.get_cb` a CB value comes from, following `scf.for` iter_args; None
    if it has none."""
    from tt_dialect.ops.cb import GetCBOp

    while True:
        owner = value.owner
        if isinstance(owner, GetCBOp):
            return owner
        if not isinstance(owner, Block):
            return None
        loop = owner.parent_op()
        if not isinstance(loop, scf.ForOp) or value.index == 0:
            return None
        value = loop.iter_args[value.index - 1]


def ancestor_in(op: Operation, block: Block) -> Operation | None:
    """The op of `block` that is or contains `op`; None if `op` is not inside `block`."""
    current: Operation | None = op
    while current is not None and current.parent_block() is not block:
        current = current.parent_op()
    return current
