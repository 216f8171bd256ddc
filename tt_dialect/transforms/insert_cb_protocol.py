"""tt-insert-cb-protocol: the compute side of every circular buffer's protocol.

Reads: a program after `tt-lower-shared-to-cb`, still one function: the
dataflow side of each CB is complete (`cb_reserve_back`/`cb_push_back` around
the NOC reads that fill it, `cb_wait_front`/`cb_pop_front` around the NOC writes
that drain it), compute reads CBs with `matmul_tiles`, `add/sub/mul_tiles` and
`copy_tile` and writes them with `pack_tile`.
Writes the matching compute side, so every fill is consumed and every drain
produced in equal page counts:
- a CB filled from a tensor and read by compute gets `cb_wait_front` right
  after each `cb_push_back` and `cb_pop_front` after the last op of that block
  reading it (before the next fill);
- a CB packed by compute and drained to a tensor gets `cb_reserve_back` before
  the first op packing into it and `cb_push_back` right before the drain's
  `cb_wait_front`;
- a CB packed by compute and read by compute (an intermediate) gets
  reserve/push around its packs and wait/pop around its reads, in the innermost
  block holding them all; packs in a loop that name the same pages every
  iteration (a gemm's partial sums under packer L1 accumulation) fill one
  generation of as many pages as they name;
- a CB compute packs more than once per block (an elementwise op updating a
  buffer in place, `tt.exp %z to %z` after `tt.add %x, %y to %z`) holds one
  generation of the block per run of packs: each generation gets its own
  reserve/push, and wait/pop around the reads that follow it (a read belongs to
  the latest generation packed in full before it). Only compute may consume
  such a CB: a writer waiting on it would take the first generation pushed. An
  in-place update reads one generation while packing the next, so the CB must
  hold two blocks (`cb-depth` 2 or more);
- a CB updated in a loop (`T.clear(acc)` before the loop, `acc += ...` in it) is
  carried by the loop. A carried generation is waited for where it is produced and
  popped where it is last read: the generation packed before the loop is waited for
  before the loop (or its first reader there) and popped in the loop body after the
  first iteration's reads of it; each iteration pushes the next generation and waits for
  it (before the body's own reads of it, or at the end of the body), and pops it in the
  next iteration; after the loop the last one is popped after its readers there (a
  reduction of `acc`), or right after the loop when nothing there reads it (attention's
  running maximum). So every iteration waits for as many pages as it pops.
A CB read but never produced, produced but never consumed, or with two
producers is an error.

This is an analysis of the whole function, so its one pattern,
`InsertComputeSideProtocol`, is anchored on the `func.func`: a CB's protocol
matches its uses across the loop nest (the reads between one fill and the next,
the generations of a buffer updated in place, packs and reads under different
loops), and CBs are handled in the order their data first moves, so the pops
placed after an op reading several CBs follow the order of the fills and the
first error reported is that of the first CB to move. Patterns anchored on each
CB's `tt.get_cb` would handle CBs in the order they are named instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from xdsl.context import Context
from xdsl.dialects import func, scf
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Block, Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)
from xdsl.rewriter import InsertPoint

from tt_dialect.diagnostics import op_error
from tt_dialect.index_bounds import constant_index
from tt_dialect.ops.cb import CBPopFrontOp, CBPushBackOp, CBReserveBackOp, CBWaitFrontOp, GetCBOp
from tt_dialect.ops.compute import PackTileOp, unpacked_cbs
from tt_dialect.ir_builder import ancestor_in, located



def _contains(op: Operation, predicate: Callable[[Operation], bool]) -> bool:
    return any(predicate(inner) for inner in op.walk())


@dataclass
class _CBUses:
    get_cb: GetCBOp
    fills: list[CBPushBackOp]
    """Dataflow pushes: NOC reads from a tensor fill the CB."""
    drains: list[CBWaitFrontOp]
    """Dataflow waits: NOC writes drain the CB to a tensor."""
    reads: list[Operation]
    packs: list[PackTileOp]

    @property
    def index(self) -> int:
        return self.get_cb.index.value.data

    def is_read(self, op: Operation) -> bool:
        return self.get_cb.result in unpacked_cbs(op)

    def is_pack(self, op: Operation) -> bool:
        return isinstance(op, PackTileOp) and op.out_cb is self.get_cb.result


class _Windows:
    """Ops of a block between a protocol op and the next one of the same CB."""

    @staticmethod
    def after(anchor: Operation, stop: Callable[[Operation], bool]) -> list[Operation]:
        ops = []
        current = anchor.next_op
        while current is not None and not stop(current):
            ops.append(current)
            current = current.next_op
        return ops

    @staticmethod
    def before(anchor: Operation, stop: Callable[[Operation], bool]) -> list[Operation]:
        ops = []
        current = anchor.prev_op
        while current is not None and not stop(current):
            ops.insert(0, current)
            current = current.prev_op
        return ops


@dataclass(frozen=True)
class InsertComputeSideProtocol(RewritePattern):
    """Anchored on the `func.func` holding the program (see the module docstring
    for why not on each CB or each transfer).

    Reads every `tt.get_cb` and its fills, drains, compute reads and packs. Writes
    the compute side of each CB's protocol (`_insert`), CB by CB in the order their
    data first moves."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        for cb in self._uses(op):
            self._insert(cb, rewriter)

    @staticmethod
    def _uses(program: func.FuncOp) -> list[_CBUses]:
        by_value: dict[SSAValue, _CBUses] = {}
        for op in program.body.walk():
            if isinstance(op, GetCBOp):
                by_value[op.result] = _CBUses(op, [], [], [], [])
        for op in program.body.walk():
            if isinstance(op, CBPushBackOp) and op.cb in by_value:
                by_value[op.cb].fills.append(op)
            elif isinstance(op, CBWaitFrontOp) and op.cb in by_value:
                by_value[op.cb].drains.append(op)
            elif isinstance(op, PackTileOp) and op.out_cb in by_value:
                by_value[op.out_cb].packs.append(op)
            for cb in dict.fromkeys(unpacked_cbs(op)):
                if cb in by_value:
                    by_value[cb].reads.append(op)
        # Handle CBs in the order their data first moves, so that pops inserted
        # after one reader follow the order of the fills.
        position = {op: i for i, op in enumerate(program.body.walk())}
        used = [cb for cb in by_value.values() if cb.fills or cb.drains or cb.reads or cb.packs]
        return sorted(used, key=lambda cb: min(position[o] for o in [*cb.fills, *cb.drains, *cb.reads, *cb.packs]))

    def _insert(self, cb: _CBUses, rewriter: PatternRewriter) -> None:
        if self._already_inserted(cb):
            return
        producers = [kind for kind, ops in (("a copy from a tensor", cb.fills), ("pack_tile", cb.packs)) if ops]
        if len(producers) > 1:
            raise op_error(
                cb.packs[0],
                f"CB {cb.index} has two producers: {producers[0]} and {producers[1]}",
            )
        if cb.reads and not (cb.fills or cb.packs):
            raise op_error(
                cb.reads[0],
                f"CB {cb.index} is read by '{cb.reads[0].name}' but nothing produces it: no "
                "copy from a tensor fills it and no pack_tile writes it",
            )
        if cb.fills and not cb.reads:
            raise op_error(cb.fills[0], f"CB {cb.index} is filled from a tensor but nothing reads it")
        if cb.packs and not (cb.reads or cb.drains):
            raise op_error(cb.packs[0], f"CB {cb.index} is packed but nothing consumes it")
        if cb.drains and not cb.packs:
            raise op_error(
                cb.drains[0], f"CB {cb.index} is copied to a tensor but nothing computes into it"
            )
        if cb.fills:
            covered = self._consume_after_fills(cb, rewriter)
        elif len(cb.packs) > self._pages_per_generation(cb):
            covered = self._generations(cb, rewriter)
        elif cb.drains:
            covered = self._produce_before_drains(cb, rewriter)
        else:
            covered = self._intermediate(cb, rewriter)
        for op in [*cb.reads, *cb.packs]:
            if op not in covered:
                raise op_error(
                    op,
                    f"this use of CB {cb.index} is not in the same block as (or nested in an op "
                    "after) the transfer that fills or drains it: a buffer copied from or to a "
                    "tensor is computed and read where that copy is, not updated in a loop "
                    "around or after it",
                )

    @staticmethod
    def _pages_per_generation(cb: _CBUses) -> int:
        """Tiles of the buffer behind the CB: every elementwise op packs all of them."""
        return _pages_packed(cb.packs)

    def _generations(self, cb: _CBUses, rewriter: PatternRewriter) -> set[Operation]:
        pages = self._pages_per_generation(cb)
        if cb.drains:
            raise op_error(
                cb.drains[0],
                f"CB {cb.index} is packed more than once per block (a buffer updated in place) "
                "and copied to a tensor: the writer would take the first values pushed; copy "
                "out a buffer computed once",
            )
        if len(cb.packs) % pages:
            raise op_error(
                cb.packs[-1],
                f"CB {cb.index} is packed {len(cb.packs)} times, not a whole number of "
                f"{pages}-tile generations",
            )
        _GenerationProtocol(cb, pages, rewriter).insert(_innermost_block(cb), in_loop_body=False)
        return {*cb.packs, *cb.reads}

    @staticmethod
    def _already_inserted(cb: _CBUses) -> bool:
        """Waits on a CB filled from a tensor, and reserves on a CB compute packs
        into, come only from this pass, or from a lowering that placed the CB's compute
        side itself (a `reload` gemm's bands, tt-lower-tile-ops): then the CB is done."""
        kinds = {type(use.operation) for use in cb.get_cb.result.uses}
        return (CBWaitFrontOp if cb.fills else CBReserveBackOp) in kinds

    def _consume_after_fills(self, cb: _CBUses, rewriter: PatternRewriter) -> set[Operation]:
        covered: set[Operation] = set()
        for fill in cb.fills:
            window = _Windows.after(fill, lambda op: isinstance(op, CBPushBackOp) and op.cb is fill.cb)
            readers = [op for op in window if _contains(op, cb.is_read)]
            if not readers:
                raise op_error(fill, f"nothing reads CB {cb.index} after this fill")
            pages = fill.num_pages.value.data
            rewriter.insert(located([CBWaitFrontOp(fill.cb, pages)], fill), InsertPoint.after(fill))
            last = readers[-1]
            while isinstance(last.next_op, CBPopFrontOp):
                last = last.next_op  # pops after one reader keep the order of the fills
            rewriter.insert(located([CBPopFrontOp(fill.cb, pages)], fill), InsertPoint.after(last))
            covered |= {inner for op in readers for inner in op.walk() if cb.is_read(inner)}
        return covered

    def _produce_before_drains(self, cb: _CBUses, rewriter: PatternRewriter) -> set[Operation]:
        covered: set[Operation] = set()
        for drain in cb.drains:
            window = _Windows.before(drain, lambda op: isinstance(op, CBWaitFrontOp) and op.cb is drain.cb)
            packers = [op for op in window if _contains(op, cb.is_pack)]
            if not packers:
                raise op_error(drain, f"nothing packs into CB {cb.index} before it is copied out")
            pages = drain.num_pages.value.data
            rewriter.insert(located([CBReserveBackOp(drain.cb, pages)], drain), InsertPoint.before(packers[0]))
            rewriter.insert(located([CBPushBackOp(drain.cb, pages)], drain), InsertPoint.before(drain))
            covered |= {inner for op in packers for inner in op.walk() if cb.is_pack(inner)}
        return covered

    def _intermediate(self, cb: _CBUses, rewriter: PatternRewriter) -> set[Operation]:
        """Packs then reads in one block (the innermost holding them all):
        reserve/push around the ops that pack, wait/pop around the ops that read
        after them. Packs in a loop that go to the same pages every iteration (a
        gemm's partial sums under packer L1 accumulation) make one generation of
        as many pages as they name."""
        block = _innermost_block(cb)
        packers = [op for op in block.ops if _contains(op, cb.is_pack)]
        readers = [op for op in block.ops if _contains(op, cb.is_read)]
        if block.get_operation_index(readers[0]) <= block.get_operation_index(packers[-1]):
            raise op_error(readers[0], f"CB {cb.index} is read before compute has packed all of it")
        pages = _pages_packed(cb.packs)
        value = cb.get_cb.result
        rewriter.insert(located([CBReserveBackOp(value, pages)], packers[0]), InsertPoint.before(packers[0]))
        rewriter.insert(located([CBPushBackOp(value, pages)], packers[-1]), InsertPoint.after(packers[-1]))
        rewriter.insert(located([CBWaitFrontOp(value, pages)], readers[0]), InsertPoint.before(readers[0]))
        rewriter.insert(located([CBPopFrontOp(value, pages)], readers[-1]), InsertPoint.after(readers[-1]))
        return {*cb.packs, *cb.reads}


def _innermost_block(cb: _CBUses) -> Block:
    """The innermost block holding (directly or nested) every pack and read of the CB."""
    uses = [*cb.packs, *cb.reads]
    block = cb.packs[0].parent_block()
    assert block is not None
    while any(ancestor_in(op, block) is None for op in uses):
        parent = block.parent_op()
        assert parent is not None and parent.parent_block() is not None  # one function holds them all
        block = parent.parent_block()
    return block


@dataclass
class _Generation:
    """One generation of a CB updated in place: `pages` packs (or the generation a loop
    leaves, or the one a loop body starts with), and the top-level ops reading it."""

    first: Operation | None
    """The top-level op of its first pack (the loop that leaves it); None for the
    generation a loop body starts with."""
    last: Operation | None
    by_loop: bool = False
    readers: list[Operation] = field(default_factory=list[Operation])
    packed: int = 0
    carried_into: Operation | None = None
    """The loop whose first iteration reads it (and pops it)."""


@dataclass
class _GenerationProtocol:
    """The protocol of a CB compute packs more than once per block, block by block.

    In a block, the CB's packs form generations of `pages` packs; a read belongs to the
    latest generation packed in full before it. A loop whose body both reads and packs
    the CB carries it: the generation before the loop is the one its first iteration
    reads, each iteration leaves the next one, and what follows the loop reads the last.
    Each generation gets reserve/push around its packs and wait/pop around its reads,
    except that the generation carried into a loop is popped by the loop body, and the
    one a loop body leaves is not popped there (the next iteration or the ops after the
    loop read it)."""

    cb: _CBUses
    pages: int
    rewriter: PatternRewriter

    def insert(self, block: Block, in_loop_body: bool) -> None:
        packs = set(self.cb.packs)
        reads = set(self.cb.reads)
        generations: list[_Generation] = [_Generation(None, None)] if in_loop_body else []
        current: _Generation | None = generations[0] if in_loop_body else None
        packing: _Generation | None = None
        for top in block.ops:
            inner = [op for op in top.walk() if op in packs or op in reads]
            if not inner:
                continue
            if any(op in packs for op in inner) and any(op in reads for op in inner) and top not in packs:
                current = self._carried(top, current)
                generations.append(current)
                continue
            for op in inner:
                if op in reads:
                    if current is None:
                        raise op_error(op, f"CB {self.cb.index} is read before compute has packed all of it")
                    if not current.readers or current.readers[-1] is not top:
                        current.readers.append(top)
                    continue
                if packing is None:
                    packing = _Generation(top, top)
                    generations.append(packing)
                packing.last, packing.packed = top, packing.packed + 1
                if packing.packed == self.pages:
                    current, packing = packing, None
        order = {op: i for i, op in enumerate(block.ops)}
        for g in range(len(generations)):
            self._protocol(order, generations, g, leaves_loop=in_loop_body and g == len(generations) - 1)

    def _carried(self, loop: Operation, current: _Generation | None) -> _Generation:
        if not isinstance(loop, scf.ForOp):
            raise op_error(loop, f"CB {self.cb.index} is both read and packed inside this op; only a loop "
                           "may carry a buffer's value from one iteration to the next")
        if current is None:
            raise op_error(loop, f"CB {self.cb.index} is updated in this loop and used after it, but nothing "
                           "gives it a value before the loop: each iteration reads the value the last "
                           "one left (T.clear or T.fill it before the loop)")
        current.carried_into = loop
        self.insert(loop.body.block, in_loop_body=True)
        return _Generation(loop, loop, by_loop=True)

    def _protocol(
        self, order: dict[Operation, int], generations: list[_Generation], g: int, leaves_loop: bool
    ) -> None:
        generation = generations[g]
        value = self.cb.get_cb.result
        anchor = self.cb.packs[0]
        produced = generation.last
        if generation.first is not None and not generation.by_loop:
            assert generation.last is not None
            self._insert(CBReserveBackOp(value, self.pages), InsertPoint.before(generation.first), anchor)
            produced = self._insert(CBPushBackOp(value, self.pages), InsertPoint.after(generation.last), anchor)
        following = generations[g + 1] if g + 1 < len(generations) else None
        if generation.readers and following is not None and following.first is not None:
            if order[following.first] < order[generation.readers[-1]]:
                self._require_two_generations(following.first)
        # A generation a loop carries is waited for where it is produced (before the loop,
        # or in the iteration packing it) and popped where it is last read (in the next
        # iteration, or after the loop): every iteration then waits for as many pages as
        # it pops, however often the body reads what it packed.
        waited_already = generation.by_loop or (generation.first is None and generation.last is None)
        if generation.carried_into is not None:
            point = InsertPoint.before(generation.readers[0] if generation.readers else generation.carried_into)
            self._insert(CBWaitFrontOp(value, self.pages), point, anchor)
            return
        if leaves_loop:
            if generation.readers:
                point = InsertPoint.before(generation.readers[0])
            else:
                terminator = (generation.last or anchor).parent_block().last_op  # type: ignore[union-attr]
                point = InsertPoint.before(terminator)
            self._insert(CBWaitFrontOp(value, self.pages), point, anchor)
            return
        if generation.readers:
            if not waited_already:
                self._insert(CBWaitFrontOp(value, self.pages), InsertPoint.before(generation.readers[0]), anchor)
            self._insert(CBPopFrontOp(value, self.pages), InsertPoint.after(generation.readers[-1]), anchor)
            return
        if generation.by_loop:
            assert generation.last is not None
            self._insert(CBPopFrontOp(value, self.pages), InsertPoint.after(generation.last), anchor)
            return
        if following is None:
            raise op_error(anchor, f"CB {self.cb.index} is packed but nothing consumes it")
        # A generation overwritten unread: take it off the CB at once.
        assert produced is not None
        wait = self._insert(CBWaitFrontOp(value, self.pages), InsertPoint.after(produced), anchor)
        self._insert(CBPopFrontOp(value, self.pages), InsertPoint.after(wait), anchor)

    def _require_two_generations(self, packing: Operation) -> None:
        capacity = self.cb.get_cb.result.type.pages.data  # type: ignore[attr-defined]
        if capacity < 2 * self.pages:
            raise op_error(
                packing,
                f"CB {self.cb.index} is updated in place: it holds the block being read and "
                f"the block being packed, 2 x {self.pages} pages, but has {capacity} "
                "(use cb-depth 2 or more)",
            )

    def _insert(self, op: Operation, point: InsertPoint, anchor: Operation) -> Operation:
        self.rewriter.insert(located([op], anchor), point)
        return op


def _pages_packed(packs: Sequence[PackTileOp]) -> int:
    """The pages a run of packs fills: the distinct pages they name when every
    one names a constant page, else one page per pack."""
    pages = [constant_index(pack.out_tile) if pack.out_tile is not None else None for pack in packs]
    if any(page is None for page in pages):
        return len(packs)
    return len(set(pages))


@dataclass(frozen=True)
class InsertCBProtocolPass(ModulePass):
    """Adds compute-side wait/pop and reserve/push matching the dataflow side."""

    name = "tt-insert-cb-protocol"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(InsertComputeSideProtocol(), apply_recursively=False).rewrite_module(op)
