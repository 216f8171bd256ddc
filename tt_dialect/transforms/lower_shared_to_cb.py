"""tt-lower-shared-to-cb: copies between tensors and buffers become NOC transfers through CBs.

Reads: partitioned tile programs whose compute is already lowered
(`tt-lower-tile-ops`): `tt.copy` between tensor arguments and buffers with
`tt.cb` descriptors, the program's `tt.runtime_args` schema.
Writes:
- one `tt.tensor_accessor` per tensor that is copied, over its base address read
  with `tt.get_arg_val` at the schema position of its `buffer_address` entry
  (page size from its `tt.layout`; the accessor's `cta_offset` is 0 here and set
  per kernel by `tt-finalize-runtime-args`);
- for a copy from a tensor region into a buffer, the producer side of the
  buffer's CB: `cb_reserve_back` of the buffer's tiles, one
  `noc_async_read_page` per tile (tile ids row-major over the region, pages
  row-major in the CB), `noc_async_read_barrier`, `cb_push_back`;
- for a copy from a buffer into a tensor region, the consumer side:
  `cb_wait_front`, one `noc_async_write_page` per tile from the CB's front,
  `noc_async_write_barrier`, `cb_pop_front`.
The buffers' other side (compute reading or packing them) gets its protocol from
`tt-insert-cb-protocol`. Tensor copies must start at tile-aligned offsets
(checked when the offset is a constant); the buffers disappear.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import IndexType, IntegerAttr, MemRefType, ModuleOp, i32
from xdsl.ir import Block, BlockArgument, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern
from xdsl.rewriter import InsertPoint, Rewriter

from tt_dialect.device import TILE_COLS, TILE_ROWS
from tt_dialect.analysis import argument_layout
from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.ops.args import GetArgValOp
from tt_dialect.ops.attributes import ArgKind, RuntimeArgsAttr
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
)
from tt_dialect.ops.tile_program import CopyOp, _AllocOp
from tt_dialect.ir_builder import IndexEmitter, buffer_tiles, cb_of, located, rewrite_functions


class _Accessors:
    """One tensor accessor per copied tensor argument, in argument order, at the
    top of the function (after its buffers and CBs)."""

    def __init__(self, program: func.FuncOp, schema: RuntimeArgsAttr, copies: list[CopyOp]):
        self.by_tensor: dict[int, SSAValue] = {}
        users: dict[int, CopyOp] = {}
        for copy in copies:
            for side in (copy.src, copy.dst):
                if isinstance(side, BlockArgument) and side.owner is program.body.block:
                    users.setdefault(side.index, copy)
        anchor = program.body.block.first_op
        while isinstance(anchor, _AllocOp | GetCBOp):
            anchor = anchor.next_op
        assert anchor is not None
        for tensor, user in sorted(users.items()):
            entry = next(
                (
                    i
                    for i, arg in enumerate(schema.args.data)
                    if arg.arg_kind is ArgKind.BUFFER_ADDRESS and arg.tensor.data == tensor
                ),
                None,
            )
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
            Rewriter.insert_op(located([address, accessor], user), InsertPoint.before(anchor))
            self.by_tensor[tensor] = accessor.result


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
    l1_base: SSAValue,
    transfer: type[NocAsyncReadPageOp | NocAsyncWritePageOp],
    accessor: SSAValue,
) -> list[Operation]:
    """`for t in tiles: transfer(tile id of t, accessor, l1_base + t * page)`."""
    tensor_type = tensor.type
    assert isinstance(tensor_type, MemRefType)
    if len(indices) != 2:
        raise op_error(copy, f"only 2-D tensors are supported, this one has rank {len(indices)}")
    rows, cols = buffer_tiles(buffer)
    tensor_cols = tensor_type.get_shape()[1] // TILE_COLS
    emit = IndexEmitter()
    first_row = _tile_offset(copy, indices[0], 0, TILE_ROWS, emit)
    first_col = _tile_offset(copy, indices[1], 1, TILE_COLS, emit)
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
    page_bytes = inner.add(arith.ConstantOp(IntegerAttr(_page_size(buffer), i32)), "page_bytes")
    offset = inner.add(arith.MuliOp(page, page_bytes), "page_offset")
    l1_addr = inner.add(arith.AddiOp(l1_base, offset), "l1_addr")
    body.add_ops([*inner.ops, transfer(tile_id, accessor, l1_addr), scf.YieldOp()])
    return [*emit.ops, scf.ForOp(zero, count, one, [], Region(body))]


def _page_size(buffer: SSAValue) -> int:
    cb_type = cb_of(buffer).type
    return cb_type.page_size  # type: ignore[attr-defined]


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
class LowerCopies(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        schema = op.attributes.get(annotations.RUNTIME_ARGS)
        if annotations.WORK_PARTITION not in op.attributes or not isinstance(schema, RuntimeArgsAttr):
            return
        copies = [c for c in op.body.walk() if isinstance(c, CopyOp)]
        accessors = _Accessors(op, schema, copies)
        for copy in copies:
            self._lower(op, copy, accessors)
        for alloc in [a for a in op.body.walk() if isinstance(a, _AllocOp)]:
            if alloc.result.uses:
                user = next(iter(alloc.result.uses)).operation
                raise op_error(user, "this op still uses a buffer, which has no hardware form after tt-lower-shared-to-cb")
            Rewriter.erase_op(alloc)
        rewriter.notify_op_modified(op)

    @staticmethod
    def _lower(program: func.FuncOp, copy: CopyOp, accessors: _Accessors) -> None:
        loading = isinstance(copy.src, BlockArgument) and copy.src.owner is program.body.block
        storing = isinstance(copy.dst, BlockArgument) and copy.dst.owner is program.body.block
        if loading == storing or not isinstance(copy.src.owner if storing else copy.dst.owner, _AllocOp):
            raise op_error(
                copy,
                "only copies between a tensor argument and a buffer have a hardware form; "
                "copy through a tensor or compute into the destination instead",
            )
        if loading:
            tensor, buffer, indices = copy.src, copy.dst, tuple(copy.src_indices)
        else:
            tensor, buffer, indices = copy.dst, copy.src, tuple(copy.dst_indices)
        assert isinstance(tensor, BlockArgument)
        cb = cb_of(buffer)
        rows, cols = buffer_tiles(buffer)
        pages = rows * cols
        side = LOAD if loading else STORE
        pointer = side.pointer(cb)
        pointer.result.name_hint = side.pointer_name
        ops = [
            side.open(cb, pages),
            pointer,
            *_page_loop(
                copy, tensor, indices, buffer, pointer.result, side.transfer,
                accessors.by_tensor[tensor.index],
            ),
            side.barrier(),
            side.close(cb, pages),
        ]
        Rewriter.replace_op(copy, located(ops, copy), [])


@dataclass(frozen=True)
class LowerSharedToCBPass(ModulePass):
    """Turns tensor<->buffer copies into NOC page transfers with their CB protocol."""

    name = "tt-lower-shared-to-cb"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        rewrite_functions(op, LowerCopies())
