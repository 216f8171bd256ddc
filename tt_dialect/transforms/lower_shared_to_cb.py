"""tt-lower-shared-to-cb: copies between tensors and buffers become NOC transfers through CBs.

Reads: partitioned tile programs whose compute is already lowered
(`tt-lower-tile-ops`): `tt.copy` between tensor arguments and buffers with
`tt.cb` descriptors, the program's `tt.runtime_args` schema.
Writes:
- at the top of the function, for multicast loads, a `tt.get_arg_val` of each
  `mcast_*` runtime argument of their axes and a `tt.get_semaphore` of each of
  their semaphores;
- one `tt.tensor_accessor` per tensor that is copied, over its base address read
  with `tt.get_arg_val` at the schema position of its `buffer_address` entry
  (page size from its `tt.layout`; the accessor's `cta_offset` is 0 here and set
  per kernel by `tt-finalize-runtime-args`);
- for a copy from a tensor region into a buffer, the producer side of the
  buffer's CB: `cb_reserve_back` of the buffer's tiles, one
  `noc_async_read_page` per tile (tile ids row-major over the region, pages
  row-major in the CB; a tensor of rank above 2 is tiled 2-D slice after 2-D slice,
  row-major over its leading dimensions, so a block of slice (b, h) of a BxHxSxD
  tensor reads tile ((b * H + h) * S_tiles + row) * D_tiles + col), `noc_async_read_barrier`, `cb_push_back`;
- for a copy from a buffer into a tensor region, the consumer side:
  `cb_wait_front`, one `noc_async_write_page` per tile from the CB's front,
  `noc_async_write_barrier`, `cb_pop_front`;
- for such a store with `chunk_rows = R`, an `scf.for` over the bands of R tile
  rows of the buffer, each the same on its pages: wait for them, write them (tensor
  tile rows offset by the band's), barrier, pop; a chunked store is never part of a
  run;
- for a *run* of copies, one barrier: consecutive copies in one block, in the
  same direction and each moving a different buffer (CB), with nothing between them
  but effect-free ops that touch no buffer (index arithmetic), are lowered
  together so their transfers overlap. Where the first copy was, every buffer's
  CB is opened (`cb_reserve_back` + `get_write_ptr`, or `cb_wait_front` +
  `get_read_ptr`), in copy order; each copy's page transfers stay where the copy
  was, after the index arithmetic they use; after the last copy come one
  `noc_async_read_barrier` (or `noc_async_write_barrier`) and every CB's
  `cb_push_back` (or `cb_pop_front`), in copy order. The gemm's K loop, `copy A
  to a; copy B to b`, becomes reserve a, reserve b, A's reads, B's reads, one
  barrier, push a, push b. A run of one copy is the single-copy form above. A
  copy whose buffer the run already moves starts a new run (a CB is not
  reserved twice before a push). Holding a's pages until b's reads are done
  cannot deadlock: the compute that frees b's space reads b's previous block,
  so it comes before `copy B` (which overwrites it) in program order, and with
  only index arithmetic between the copies, before `copy A` too: it never
  waits for this a.
- for a load marked `multicast` (`tt-schedule-multicast`), within its run: the
  page reads only on the line's sender (`scf.if` on the `mcast_sender` runtime
  argument); a receiver instead sets its receiver semaphore to 0 ("not arrived")
  and increments the sender's semaphore (its CB has room: it has reserved the
  pages). Right after the copy's reads come a read barrier and, on the sender,
  the wait until every receiver has counted in, the reset of the count and the
  multicast of the block to the same L1 address on the line's other cores. So a
  sender of two loads (the corner core of a gemm's 2D multicast) multicasts the
  first block while the second is being read. After the run's last copy: on a
  device that needs it (Blackhole, `DeviceLimits.flush_before_flag`), one
  `noc_async_writes_flushed` (the blocks have left the sender's L1); every
  sender's multicast of the "arrived" flag (1) to its receivers' semaphore (the
  same NOC, behind the block), every receiver's wait for that flag, then the
  pushes. A barrier closes the run as usual when its last copy is not a
  multicast load.
- for a copy with a `mover` (`tt-schedule-multicast`): every op of its transfer
  with an effect (CB protocol, page reads or writes, barrier, handshake) carries
  `tt.mover` = that `#tt.kernel_role`, which `tt-split-kernels` follows; copies of
  different movers are never in one run (their barriers are in different kernels).
- for a `tt.mask` (a block computed from indices alone, `LowerMasks`): the producer
  side of the buffer's CB without NOC reads: `cb_reserve_back`, `get_write_ptr`, one
  `tt.write_mask_tile` per tile, `cb_push_back` (the reader kernel's, by dataflow).
The buffers' other side (compute reading or packing them) gets its protocol from
`tt-insert-cb-protocol`. Tensor copies must start at tile-aligned offsets
(checked when the offset is a constant); the buffers disappear.

**How it runs.** Five `PatternRewriteWalker` walks over the module, each on the
functions that have a `tt.work_partition` and a `tt.runtime_args` schema, each
changing the IR only through its rewriter:
1. `InsertTensorAccessors` (on `func.func`) creates the accessors: which tensors
   need one is a question about all the function's copies, and the accessors sit
   together at the top in argument order.
2. `InsertMulticastValues` (on `func.func`) reads the multicast runtime arguments
   and semaphores once, at the top, for all the multicast loads.
3. `LowerTensorCopies` (on `tt.copy`) finds the run the copy belongs to and
   turns the whole run into the transfers of its direction, using each
   tensor's accessor; the run's later copies are erased with it, so the walk
   does not visit them again. Runs are a pattern over several ops because the
   barrier they share is one op placed by looking at all of them.
4. `LowerMasks` (on `tt.mask`) writes each mask's tiles into its CB.
5. `EraseBuffer` (on `tt.alloc_shared/fragment`) removes every buffer; a buffer
   that something other than a copy still uses is an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import IndexType, IntegerAttr, MemRefType, ModuleOp, i32
from xdsl.ir import Block, BlockArgument, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)
from xdsl.rewriter import InsertPoint

from tt_dialect.device import TILE_COLS, TILE_ROWS
from tt_dialect.analysis import argument_layout
from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.ops.args import GetArgValOp
from tt_dialect.ops.attributes import (
    MULTICAST_ARG_KINDS,
    ArgKind,
    CBDescAttr,
    DeviceAttr,
    KernelRoleAttr,
    MulticastAttr,
    MulticastAxis,
    RuntimeArgsAttr,
)
from tt_dialect.ops.cb import (
    CBPopFrontOp,
    CBPushBackOp,
    CBReserveBackOp,
    CBWaitFrontOp,
    GetCBOp,
    GetReadPtrOp,
    GetWritePtrOp,
)
from tt_dialect.ops.dataflow import (
    NocAsyncReadBarrierOp,
    NocAsyncReadPageOp,
    NocAsyncWriteBarrierOp,
    NocAsyncWritePageOp,
    TensorAccessorOp,
    WriteMaskTileOp,
)
from tt_dialect.ops.sync import (
    GetCoreNocAddrOp,
    GetNocMulticastAddrOp,
    GetSemaphoreOp,
    NocAsyncWriteMulticastOp,
    NocAsyncWritesFlushedOp,
    SemaphoreIncOp,
    SemaphoreSetMulticastOp,
    SemaphoreSetOp,
    SemaphoreWaitOp,
)
from tt_dialect.ops.compute import f32_bits
from tt_dialect.ops.tile_program import CopyOp, MaskOp, _AllocOp
from tt_dialect.ops.types import CBType
from tt_dialect.ir_builder import IndexEmitter, buffer_tiles, get_or_create_cb, has_no_effect, located


def _program_of(op: Operation) -> tuple[func.FuncOp, RuntimeArgsAttr] | None:
    """The function around `op` (or `op` itself) and its runtime-argument schema,
    if it is a partitioned program with one; the patterns leave other functions alone."""
    program: Operation | None = op
    while program is not None and not isinstance(program, func.FuncOp):
        program = program.parent_op()
    if program is None or annotations.WORK_PARTITION not in program.attributes:
        return None
    schema = program.attributes.get(annotations.RUNTIME_ARGS)
    return (program, schema) if isinstance(schema, RuntimeArgsAttr) else None


def _tensor_argument(program: func.FuncOp, value: SSAValue) -> BlockArgument | None:
    """`value` if it is one of the program's tensor arguments."""
    if isinstance(value, BlockArgument) and value.owner is program.body.block:
        return value
    return None


def _address_entry(schema: RuntimeArgsAttr, tensor: int) -> int | None:
    """Schema position of the `buffer_address` entry of tensor argument `tensor`."""
    return next(
        (
            i
            for i, arg in enumerate(schema.args.data)
            if arg.arg_kind is ArgKind.BUFFER_ADDRESS and arg.tensor.data == tensor
        ),
        None,
    )


def _accessor_of(program: func.FuncOp, schema: RuntimeArgsAttr, tensor: int) -> SSAValue:
    """The tensor accessor `InsertTensorAccessors` built for tensor argument `tensor`:
    the one at the top of the function over its `buffer_address` runtime argument."""
    entry = _address_entry(schema, tensor)
    for op in program.body.block.ops:
        if isinstance(op, TensorAccessorOp):
            address = op.base_addr.owner
            if isinstance(address, GetArgValOp) and address.index.value.data == entry:
                return op.result
    raise AssertionError(f"no tensor accessor for tensor argument {tensor}")


@dataclass(frozen=True)
class InsertTensorAccessors(RewritePattern):
    """Anchor: a partitioned `func.func` with a runtime-argument schema. Reads: its
    copies, the schema and the tensors' `tt.layout`. Writes: one `tt.get_arg_val` of
    the tensor's `buffer_address` entry and one `tt.tensor_accessor` over it per
    tensor argument that a copy reads or writes, in argument order, at the top of
    the function (after its buffers and CBs); the location is the tensor's first copy.
    A whole-function analysis: which tensors need one depends on all the copies."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        found = _program_of(op)
        if found is None:
            return
        program, schema = found
        users: dict[int, CopyOp] = {}
        for copy in program.body.walk():
            if isinstance(copy, CopyOp):
                for side in (copy.src, copy.dst):
                    if (tensor := _tensor_argument(program, side)) is not None:
                        users.setdefault(tensor.index, copy)
        anchor = _first_after_buffers(program)
        for tensor, user in sorted(users.items()):
            entry = _address_entry(schema, tensor)
            if entry is None:
                raise op_error(
                    user,
                    f"the runtime-argument schema has no buffer_address({tensor}) entry for "
                    "the tensor this copy accesses",
                )
            address = GetArgValOp(entry)
            address.result.name_hint = f"tensor{tensor}_addr"
            accessor = TensorAccessorOp(address, 0, argument_layout(program, tensor).page_size)
            accessor.result.name_hint = f"tensor{tensor}"
            rewriter.insert(located([address, accessor], user), InsertPoint.before(anchor))


def _axis_entry(schema: RuntimeArgsAttr, kind: ArgKind, axis: MulticastAxis) -> int | None:
    return next(
        (
            i
            for i, arg in enumerate(schema.args.data)
            if arg.arg_kind is kind and arg.axis is axis
        ),
        None,
    )


def _multicasts(program: func.FuncOp) -> list[tuple[CopyOp, MulticastAttr]]:
    return [
        (copy, copy.multicast)
        for copy in program.body.walk()
        if isinstance(copy, CopyOp) and copy.multicast is not None
    ]


@dataclass(frozen=True)
class InsertMulticastValues(RewritePattern):
    """Anchor: a partitioned `func.func` with a runtime-argument schema whose loads
    `tt-schedule-multicast` marked. Writes, at the top of the function (after its
    buffers and CBs), a `tt.get_arg_val` of every `mcast_*` schema entry of the
    axes the marked loads use (named after the entry) and a `tt.get_semaphore` of
    every semaphore they use (`sender_semaphore{id}` / `receiver_semaphore{id}`).
    A marked load whose axis has no schema entries is an error."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        found = _program_of(op)
        if found is None:
            return
        program, schema = found
        multicasts = _multicasts(program)
        if not multicasts:
            return
        ops: list[Operation] = []
        for axis in MulticastAxis:
            users = [copy for copy, multicast in multicasts if multicast.axis.data is axis]
            if not users:
                continue
            for kind in MULTICAST_ARG_KINDS:
                entry = _axis_entry(schema, kind, axis)
                if entry is None:
                    raise op_error(
                        users[0],
                        f"this load is multicast along {axis.value}s but the runtime-argument "
                        f"schema has no {kind.value}({axis.value}) entry",
                    )
                value = GetArgValOp(entry)
                value.result.name_hint = schema.args.data[entry].arg_name.data
                ops += located([value], users[0])
        for copy, multicast in multicasts:
            for role, id in zip(("sender", "receiver"), multicast.semaphores):
                semaphore = GetSemaphoreOp(id)
                semaphore.result.name_hint = f"{role}_semaphore{id}"
                ops += located([semaphore], copy)
        rewriter.insert(ops, InsertPoint.before(_first_after_buffers(program)))


def _first_after_buffers(program: func.FuncOp) -> Operation:
    anchor = program.body.block.first_op
    while isinstance(anchor, _AllocOp | GetCBOp):
        anchor = anchor.next_op
    assert anchor is not None
    return anchor


def _top_level_value(program: func.FuncOp, match: type[GetArgValOp | GetSemaphoreOp], index: int) -> SSAValue:
    """The `tt.get_arg_val` / `tt.get_semaphore` of `index` at the top of the function
    (`InsertMulticastValues`)."""
    for op in program.body.block.ops:
        if isinstance(op, match) and (
            op.index.value.data if isinstance(op, GetArgValOp) else op.id.value.data
        ) == index:
            return op.results[0]
    raise AssertionError(f"no {match.name} {index} at the top of the function")


@dataclass
class _Multicast:
    """What a multicast load's handshake uses: its attribute, the runtime values of
    its axis and the L1 addresses of its two semaphores."""

    attr: MulticastAttr
    values: dict[ArgKind, SSAValue]
    sender_semaphore: SSAValue
    receiver_semaphore: SSAValue

    @staticmethod
    def of(program: func.FuncOp, schema: RuntimeArgsAttr, attr: MulticastAttr) -> _Multicast:
        axis = attr.axis.data
        values = {}
        for kind in MULTICAST_ARG_KINDS:
            entry = _axis_entry(schema, kind, axis)
            assert entry is not None  # InsertMulticastValues checked
            values[kind] = _top_level_value(program, GetArgValOp, entry)
        sender, receiver = (_top_level_value(program, GetSemaphoreOp, id) for id in attr.semaphores)
        return _Multicast(attr, values, sender, receiver)

    def rectangle(self, addr: SSAValue) -> GetNocMulticastAddrOp:
        v = self.values
        return GetNocMulticastAddrOp(
            v[ArgKind.MCAST_START_X], v[ArgKind.MCAST_START_Y], v[ArgKind.MCAST_END_X], v[ArgKind.MCAST_END_Y], addr
        )


def _i32(value: int, name: str) -> arith.ConstantOp:
    constant = arith.ConstantOp(IntegerAttr(value, i32))
    constant.result.name_hint = name
    return constant


def _if(condition: SSAValue, then: list[Operation], otherwise: list[Operation] | None = None) -> scf.IfOp:
    orelse = [*otherwise, scf.YieldOp()] if otherwise is not None else None
    return scf.IfOp(condition, [], [*then, scf.YieldOp()], orelse)


def _signal_ready(multicast: _Multicast) -> list[Operation]:
    """A receiver with room in its CB: mark its block not yet arrived, then add one to
    the sender's semaphore."""
    invalid = _i32(0, "not_arrived")
    one = _i32(1, "c1_i32")
    sender = GetCoreNocAddrOp(
        multicast.values[ArgKind.MCAST_SENDER_X], multicast.values[ArgKind.MCAST_SENDER_Y], multicast.sender_semaphore
    )
    sender.result.name_hint = "sender_semaphore_noc"
    return [
        invalid,
        SemaphoreSetOp(multicast.receiver_semaphore, invalid),
        one,
        sender,
        SemaphoreIncOp(sender, one),
    ]


def _send_block(multicast: _Multicast, l1_base: SSAValue, size: int) -> list[Operation]:
    """The sender, its block read: wait until every receiver has room, reset the count
    and start the multicast of the block (its pages' L1 address is the same on every
    core of the line)."""
    receivers = _i32(multicast.attr.receivers.data, "num_receivers")
    zero, bytes_ = _i32(0, "c0_i32"), _i32(size, "block_bytes")
    data = multicast.rectangle(l1_base)
    data.result.name_hint = "multicast_block"
    return [
        receivers,
        SemaphoreWaitOp(multicast.sender_semaphore, receivers),
        zero,
        SemaphoreSetOp(multicast.sender_semaphore, zero),
        bytes_,
        data,
        NocAsyncWriteMulticastOp(l1_base, data, bytes_, receivers),
    ]


def _send_flag(multicast: _Multicast) -> list[Operation]:
    """The sender, its blocks flushed out: set the receivers' semaphore to "arrived" by
    multicast (same NOC, in order behind the block)."""
    receivers = _i32(multicast.attr.receivers.data, "num_receivers")
    arrived = _i32(1, "arrived")
    flag = multicast.rectangle(multicast.receiver_semaphore)
    flag.result.name_hint = "multicast_flag"
    return [
        arrived,
        SemaphoreSetOp(multicast.receiver_semaphore, arrived),
        receivers,
        flag,
        SemaphoreSetMulticastOp(multicast.receiver_semaphore, flag, receivers),
    ]


def _await_block(multicast: _Multicast) -> list[Operation]:
    arrived = _i32(1, "arrived")
    return [arrived, SemaphoreWaitOp(multicast.receiver_semaphore, arrived)]


def _tile_offset(copy: CopyOp, value: SSAValue, dim: int, tile: int, emit: IndexEmitter) -> SSAValue:
    constant = value.owner
    if isinstance(constant, arith.ConstantOp) and isinstance(constant.value, IntegerAttr):
        if constant.value.value.data % tile:
            raise op_error(
                copy,
                f"tensor offset {constant.value.value.data} in dimension {dim} is not a "
                f"multiple of the tile size {tile}",
            )
    axis = "row" if dim == 0 else "col"
    return emit.add(arith.DivUIOp(value, emit.constant(tile, f"tile_{axis}s")), f"first_tile_{axis}")


def _page_loop(
    copy: CopyOp,
    tensor: BlockArgument,
    indices: tuple[SSAValue, ...],
    buffer: SSAValue,
    cb: SSAValue,
    l1_base: SSAValue,
    transfer: type[NocAsyncReadPageOp | NocAsyncWritePageOp],
    accessor: SSAValue,
    rewriter: PatternRewriter,
    band: tuple[SSAValue, int] | None = None,
) -> list[Operation]:
    """`for t in tiles: transfer(tile id of t, accessor, l1_base + t * page)`, the
    loop body built through `rewriter`: over the buffer's tiles, or, for `band` =
    (first tile row, tile rows), over those rows of it (then `l1_base` holds the band's
    first tile)."""
    tensor_type = tensor.type
    assert isinstance(tensor_type, MemRefType)
    shape = tensor_type.get_shape()
    if len(indices) != len(shape) or len(shape) < 2:
        raise op_error(copy, f"a tensor copy needs one index per dimension of a tensor of rank 2 or more, got {len(indices)}")
    rows, cols = buffer_tiles(buffer)
    tensor_cols = shape[-1] // TILE_COLS
    emit = IndexEmitter()
    *leading, row_index, col_index = indices
    first_row = _tile_offset(copy, row_index, 0, TILE_ROWS, emit)
    if leading:
        # Tiles row-major over the leading dimensions, then over each 2-D slice: the
        # slice (b, h) of a BxHxSxD tensor starts at tile row (b * H + h) * S_tiles.
        slice_index = leading[0]
        for dim, index in enumerate(leading[1:], start=1):
            scaled = emit.add(arith.MuliOp(slice_index, emit.constant(shape[dim], "leading_extent")), "slice_scaled")
            slice_index = emit.add(arith.AddiOp(scaled, index), "slice_index")
        slice_row = emit.add(
            arith.MuliOp(slice_index, emit.constant(shape[-2] // TILE_ROWS, "slice_tile_rows")),
            "slice_first_row",
        )
        first_row = emit.add(arith.AddiOp(slice_row, first_row), "block_first_row")
    if band is not None:
        band_row, rows = band
        first_row = emit.add(arith.AddiOp(first_row, band_row), "first_band_row")
    first_col = _tile_offset(copy, col_index, 1, TILE_COLS, emit)
    zero, one = emit.constant(0, "c0"), emit.constant(1, "c1")
    count = emit.constant(rows * cols, "num_tiles")
    body = Block(arg_types=[IndexType()])
    tile = body.args[0]
    tile.name_hint = "tile"
    inner = IndexEmitter()
    row, col = inner.divmod(tile, inner.constant(cols, "tiles_per_row"), ("tile_row", "tile_col"))
    tensor_row = inner.add(arith.AddiOp(first_row, row), "tensor_row")
    tensor_col = inner.add(arith.AddiOp(first_col, col), "tensor_col")
    row_start = inner.add(
        arith.MuliOp(tensor_row, inner.constant(tensor_cols, "tensor_tiles_per_row")), "row_start"
    )
    tile_id = inner.add(arith.AddiOp(row_start, tensor_col), "tile_id")
    page = inner.add(arith.IndexCastOp(tile, i32), "page")
    cb_type = cb.type
    assert isinstance(cb_type, CBType)
    page_bytes = inner.add(arith.ConstantOp(IntegerAttr(cb_type.page_size, i32)), "page_bytes")
    offset = inner.add(arith.MuliOp(page, page_bytes), "page_offset")
    l1_addr = inner.add(arith.AddiOp(l1_base, offset), "l1_addr")
    rewriter.insert(
        [*inner.ops, transfer(tile_id, accessor, l1_addr), scf.YieldOp()], InsertPoint.at_end(body)
    )
    return [*emit.ops, scf.ForOp(zero, count, one, [], Region(body))]


@dataclass(frozen=True)
class _Transfer:
    """The ops of one direction of a tensor<->CB copy."""

    open: type[CBReserveBackOp | CBWaitFrontOp]
    pointer: type[GetWritePtrOp | GetReadPtrOp]
    pointer_name: str
    transfer: type[NocAsyncReadPageOp | NocAsyncWritePageOp]
    barrier: type[NocAsyncReadBarrierOp | NocAsyncWriteBarrierOp]
    close: type[CBPushBackOp | CBPopFrontOp]


LOAD = _Transfer(
    CBReserveBackOp, GetWritePtrOp, "l1_write", NocAsyncReadPageOp, NocAsyncReadBarrierOp, CBPushBackOp
)
"""Tensor to CB: the producer side."""
STORE = _Transfer(
    CBWaitFrontOp, GetReadPtrOp, "l1_read", NocAsyncWritePageOp, NocAsyncWriteBarrierOp, CBPopFrontOp
)
"""CB to tensor: the consumer side."""


@dataclass(frozen=True)
class _Lowered:
    """One copy between a tensor argument and a buffer, with its direction."""

    copy: CopyOp
    side: _Transfer
    tensor: BlockArgument
    buffer: SSAValue
    indices: tuple[SSAValue, ...]


def _classify(program: func.FuncOp, op: CopyOp) -> _Lowered | None:
    """The copy's direction and sides; None if it is not tensor <-> buffer."""
    loaded = _tensor_argument(program, op.src)
    stored = _tensor_argument(program, op.dst)
    if (loaded is None) == (stored is None) or not isinstance(
        op.src.owner if stored is not None else op.dst.owner, _AllocOp
    ):
        return None
    if loaded is not None:
        return _Lowered(op, LOAD, loaded, op.dst, tuple(op.src_indices))
    assert stored is not None
    return _Lowered(op, STORE, stored, op.src, tuple(op.dst_indices))


def _joins(op: Operation) -> bool:
    """An op that may stand between two copies of a run: effect-free, without
    regions and not touching a buffer (index arithmetic, constants)."""
    return (
        has_no_effect(op)
        and not op.regions
        and not any(isinstance(operand.owner, _AllocOp) for operand in op.operands)
    )


def _cb_key(buffer: SSAValue) -> object:
    """What identifies the CB behind a buffer: its descriptor's index (two
    buffers on one CB count as one), else the buffer itself."""
    desc = buffer.owner.attributes.get(annotations.CB) if isinstance(buffer.owner, _AllocOp) else None
    return desc.index.data if isinstance(desc, CBDescAttr) else buffer


def _run_of(program: func.FuncOp, anchor: _Lowered) -> list[_Lowered]:
    """The run of copies `anchor` belongs to. Copies in one block, in the same
    direction, with only ops that `_joins` allows between them, form a chain;
    the chain is cut into runs from its first copy on, a new run starting at a
    copy whose CB the current run already moves (a CB cannot be reserved
    twice before one push, nor waited on twice before one pop) or whose mover
    differs."""
    first = anchor.copy
    current = first.prev_op
    while current is not None:
        if isinstance(current, CopyOp):
            other = _classify(program, current)
            if other is None or other.side is not anchor.side or current.chunk_rows is not None:
                break
            first = current
        elif not _joins(current):
            break
        current = current.prev_op
    runs: list[list[_Lowered]] = [[]]
    current = first
    while current is not None:
        if isinstance(current, CopyOp):
            copy = _classify(program, current)
            if copy is None or copy.side is not anchor.side or copy.copy.chunk_rows is not None:
                break
            if any(
                _cb_key(copy.buffer) == _cb_key(other.buffer) or copy.copy.mover != other.copy.mover
                for other in runs[-1]
            ):
                runs.append([])
            runs[-1].append(copy)
        elif not _joins(current):
            break
        current = current.next_op
    return next(run for run in runs if any(copy.copy is anchor.copy for copy in run))


def _place(ops: list[Operation], mover: KernelRoleAttr) -> None:
    """Marks every op of a transfer with an effect, nested ones too, as issued by `mover`."""
    for op in ops:
        for inner in op.walk():
            if not isinstance(inner, scf.IfOp | scf.YieldOp) and not has_no_effect(inner):
                inner.attributes[annotations.MOVER] = mover


@dataclass(frozen=True)
class LowerTensorCopies(RewritePattern):
    """Anchor: `tt.copy` in a partitioned function with a runtime-argument schema;
    the pattern lowers the whole run of copies it belongs to (`_run_of`).
    Reads: which side of each copy is a tensor argument and which a buffer, the
    buffers' CB descriptors and shapes, the tensors' accessors, and the ops
    between the copies. Writes, for a run of copies from tensors into buffers
    (`LOAD`): every buffer's `cb_reserve_back` and `get_write_ptr` where the
    first copy was, each copy's page reads (one `noc_async_read_page` per tile)
    where that copy was, then one `noc_async_read_barrier` and every buffer's
    `cb_push_back` in copy order after the last; a run of copies from buffers
    into tensors (`STORE`) likewise with `cb_wait_front`/`get_read_ptr`, page
    writes, one `noc_async_write_barrier` and `cb_pop_front`. A run of one copy
    is the plain reserve, reads, barrier, push. The ops between the copies stay
    where they were (they are index arithmetic, the reads that follow may use
    them). A multicast load gets the sender/receiver handshake described in the
    module docstring. Any copy that is not tensor <-> buffer is an error."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: CopyOp, rewriter: PatternRewriter, /) -> None:
        found = _program_of(op)
        if found is None:
            return
        program, schema = found
        anchor = _classify(program, op)
        if anchor is None:
            raise op_error(
                op,
                "only copies between a tensor argument and a buffer have a hardware form; "
                "copy through a tensor or compute into the destination instead",
            )
        if op.chunk_rows is not None:
            return self._chunked_store(program, schema, anchor, rewriter)
        run = _run_of(program, anchor)
        side = anchor.side
        opens: list[Operation] = []
        closes: list[Operation] = []
        transfers: list[list[Operation]] = []
        flags: list[Operation] = []
        arrivals: list[Operation] = []
        for copy in run:
            cb = get_or_create_cb(copy.buffer, rewriter)
            rows, cols = buffer_tiles(copy.buffer)
            pages = rows * cols
            pointer = side.pointer(cb)
            pointer.result.name_hint = side.pointer_name
            accessor = _accessor_of(program, schema, copy.tensor.index)
            opens += located([side.open(cb, pages), pointer], copy.copy)
            ops = _page_loop(
                copy.copy, copy.tensor, copy.indices, copy.buffer, cb, pointer.result,
                side.transfer, accessor, rewriter,
            )
            if (attr := copy.copy.multicast) is not None:
                multicast = _Multicast.of(program, schema, attr)
                axis = attr.axis.data.value
                zero = _i32(0, "c0_i32")
                sender_arg = multicast.values[ArgKind.MCAST_SENDER]
                is_sender = arith.CmpiOp(sender_arg, zero, "ne")
                is_sender.result.name_hint = f"{axis}_sender"
                is_receiver = arith.CmpiOp(sender_arg, zero, "eq")
                is_receiver.result.name_hint = f"{axis}_receiver"
                opens += located([zero, is_sender, is_receiver], copy.copy)
                cb_type = cb.type
                assert isinstance(cb_type, CBType)
                send = _send_block(multicast, pointer.result, pages * cb_type.page_size)
                ops = [
                    _if(is_sender.result, ops, _signal_ready(multicast)),
                    side.barrier(),
                    _if(is_sender.result, send),
                ]
                flags += located([_if(is_sender.result, _send_flag(multicast))], copy.copy)
                arrivals += located([_if(is_receiver.result, _await_block(multicast))], copy.copy)
            transfers.append(located(ops, copy.copy))
            closes += located([side.close(cb, pages)], copy.copy)
        first, last = run[0].copy, run[-1].copy
        rewriter.insert(opens, InsertPoint.before(first))
        for copy, ops in zip(run, transfers):
            rewriter.insert(ops, InsertPoint.before(copy.copy))
        tail: list[Operation] = []
        if last.multicast is None:
            tail += located([side.barrier()], last)
        if flags:
            device = program.attributes.get(annotations.DEVICE)
            if not isinstance(device, DeviceAttr) or device.limits.flush_before_flag:
                tail += located([NocAsyncWritesFlushedOp()], last)
            tail += [*flags, *arrivals]
        if (mover := first.mover) is not None:
            for ops in (opens, *transfers, tail, closes):
                _place(ops, mover)
        rewriter.insert([*tail, *closes], InsertPoint.after(last))
        for copy in run:
            rewriter.erase(copy.copy)


    @staticmethod
    def _chunked_store(
        program: func.FuncOp, schema: RuntimeArgsAttr, store: _Lowered, rewriter: PatternRewriter
    ) -> None:
        """A store with `chunk_rows`: a loop over the bands of that many tile rows, each
        waiting for its pages, writing them, barrier, freeing them; the producer pushes
        the bands in order."""
        assert store.copy.chunk_rows is not None and store.side is STORE
        cb = get_or_create_cb(store.buffer, rewriter)
        rows, cols = buffer_tiles(store.buffer)
        chunk = store.copy.chunk_rows.value.data
        accessor = _accessor_of(program, schema, store.tensor.index)
        outer = IndexEmitter()
        zero, step = outer.constant(0, "c0"), outer.constant(chunk, "band_rows")
        end = outer.constant(rows, "block_rows")
        body = Block(arg_types=[IndexType()])
        band_row = body.args[0]
        band_row.name_hint = "band_row"
        pointer = STORE.pointer(cb)
        pointer.result.name_hint = STORE.pointer_name
        pages = chunk * cols
        band = _page_loop(
            store.copy, store.tensor, store.indices, store.buffer, cb, pointer.result,
            STORE.transfer, accessor, rewriter, band=(band_row, chunk),
        )
        body.add_ops([STORE.open(cb, pages), pointer, *band, STORE.barrier(), STORE.close(cb, pages), scf.YieldOp()])
        ops = [*outer.ops, scf.ForOp(zero, end, step, [], Region(body))]
        rewriter.insert(located(ops, store.copy), InsertPoint.before(store.copy))
        rewriter.erase(store.copy)


@dataclass(frozen=True)
class LowerMasks(RewritePattern):
    """Anchor: `tt.mask` in a partitioned function with a runtime-argument schema.
    Reads: the buffer's CB and shape, the mask's offsets, predicate and values.
    Writes, where the mask was: the producer side of the buffer's CB with no NOC
    transfer, `cb_reserve_back` of the block's tiles and `get_write_ptr`, then a loop
    over the tiles (row-major, as the CB's pages) writing each with
    `tt.write_mask_tile` at `l1_write + tile * page` from its first row `row + 32 *
    tile_row` and first column `col + 32 * tile_col`, then `cb_push_back`. The values
    become f32 bit patterns (±inf included); the CB's format decides how they are
    stored. Nothing in the mask needs compute, so it is written by a data-movement
    core: `tt-split-kernels` puts these ops in the reader, as the producer side of a
    CB compute does not pack into, and compute reads the block like a loaded one.

    Why a helper call rather than loops in the printed C++: a tile is 1024 stores
    through an L1 pointer at face-ordered offsets, which the EmitC level here (calls,
    index arithmetic, `for` and `if`) has no op for; the per-element work is one fixed
    function of (row, col, predicate, values, format), written once in
    `tt_mask_tile.h` (shipped with the artifacts) and checked against the real headers,
    while every decision (which tiles, which offsets, which values) stays in the IR."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: MaskOp, rewriter: PatternRewriter, /) -> None:
        if _program_of(op) is None:
            return
        cb = get_or_create_cb(op.dst, rewriter)
        cb_type = cb.type
        assert isinstance(cb_type, CBType)
        rows, cols = buffer_tiles(op.dst)
        pages = rows * cols
        reserve = CBReserveBackOp(cb, pages)
        pointer = GetWritePtrOp(cb)
        pointer.result.name_hint = "l1_write"
        emit = IndexEmitter()
        zero, one = emit.constant(0, "c0"), emit.constant(1, "c1")
        count = emit.constant(pages, "num_tiles")
        body = Block(arg_types=[IndexType()])
        tile = body.args[0]
        tile.name_hint = "tile"
        inner = IndexEmitter()
        tile_row, tile_col = inner.divmod(tile, inner.constant(cols, "tiles_per_row"), ("tile_row", "tile_col"))
        row_offset = inner.add(arith.MuliOp(tile_row, inner.constant(TILE_ROWS, "tile_rows")), "row_offset")
        col_offset = inner.add(arith.MuliOp(tile_col, inner.constant(TILE_COLS, "tile_cols")), "col_offset")
        first_row = inner.add(arith.AddiOp(op.row, row_offset), "first_row")
        first_col = inner.add(arith.AddiOp(op.col, col_offset), "first_col")
        page = inner.add(arith.IndexCastOp(tile, i32), "page")
        page_bytes = inner.add(arith.ConstantOp(IntegerAttr(cb_type.page_size, i32)), "page_bytes")
        offset = inner.add(arith.MuliOp(page, page_bytes), "page_offset")
        l1_addr = inner.add(arith.AddiOp(pointer.result, offset), "l1_addr")
        write = WriteMaskTileOp(
            cb, l1_addr, first_row, first_col, op.predicate.data,
            f32_bits(op.on_true.value.data), f32_bits(op.on_false.value.data),
        )
        body.add_ops([*inner.ops, write, scf.YieldOp()])
        ops = [reserve, pointer, *emit.ops, scf.ForOp(zero, count, one, [], Region(body)), CBPushBackOp(cb, pages)]
        rewriter.replace(op, located(ops, op), [])


@dataclass(frozen=True)
class EraseBuffer(RewritePattern):
    """Anchor: `tt.alloc_shared` / `tt.alloc_fragment` in a partitioned function with
    a runtime-argument schema, once its copies are lowered. Reads: the buffer's uses.
    Writes: removes the alloc (its `tt.get_cb` stays); a remaining use is an error."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: _AllocOp, rewriter: PatternRewriter, /) -> None:
        if _program_of(op) is None:
            return
        if op.result.uses:
            user = next(iter(op.result.uses)).operation
            raise op_error(
                user,
                "this op still uses a buffer, which has no hardware form after "
                "tt-lower-shared-to-cb",
            )
        rewriter.erase(op)


@dataclass(frozen=True)
class LowerSharedToCBPass(ModulePass):
    """Turns tensor<->buffer copies into NOC page transfers with their CB protocol."""

    name = "tt-lower-shared-to-cb"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for pattern in (
            InsertTensorAccessors(), InsertMulticastValues(), LowerTensorCopies(), LowerMasks(), EraseBuffer()
        ):
            PatternRewriteWalker(pattern, apply_recursively=False).rewrite_module(op)
