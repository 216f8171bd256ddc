"""Tile-program ops: the input level, TileLang-style tile programs.

A tile program is a `func.func` whose tensor arguments are builtin memrefs.
Its body launches a grid of blocks (`tt.launch_grid`, TileLang's `T.Kernel`);
each block allocates tile-aligned buffers (`tt.alloc_shared` staged in L1 /
circular buffers, `tt.alloc_fragment` accumulators), moves tensor regions in
and out of them (`tt.copy`) and computes on whole buffers (`tt.gemm`,
`tt.clear`, `tt.fill`, elementwise ops). A pipelined loop is an upstream
`scf.for` carrying the discardable attribute `tt.pipeline = #tt.pipeline<stages = N>`
(TileLang's `T.Pipelined(n, num_stages=N)`); it needs no op of its own.

```
func.func @gemm(%A: memref<256x256xbf16>, %B: memref<256x256xbf16>, %C: memref<256x256xbf16>) {
  tt.launch_grid (%bx, %by) in (2, 2) {
    %a = tt.alloc_shared : memref<128x32xbf16>
    %b = tt.alloc_shared : memref<32x128xbf16>
    %c = tt.alloc_fragment : memref<128x128xf32>
    tt.clear %c : memref<128x128xf32>
    scf.for %k = %c0 to %c8 step %c1 { ...
      tt.copy %A[%i, %kk] to %a : memref<256x256xbf16> to memref<128x32xbf16>
      tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
    } {tt.pipeline = #tt.pipeline<stages = 2>}
    tt.copy %c to %C[%i, %j] : memref<128x128xf32> to memref<256x256xbf16>
  }
  func.return
}
```
"""

from __future__ import annotations

from abc import ABC
from collections.abc import Sequence
from math import prod
from typing import ClassVar

from xdsl.dialects.builtin import (
    I64,
    BFloat16Type,
    DenseArrayBase,
    Float16Type,
    Float32Type,
    Float64Type,
    FloatAttr,
    IndexType,
    IntegerAttr,
    MemRefType,
    UnitAttr,
    f32,
    f64,
    i64,
)
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.irdl import (
    AttrSizedOperandSegments,
    IRDLOperation,
    base,
    irdl_op_definition,
    operand_def,
    opt_prop_def,
    prop_def,
    region_def,
    result_def,
    traits_def,
    var_operand_def,
)
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import MemoryAllocEffect, MemoryReadEffect, MemoryWriteEffect, NoTerminator
from xdsl.utils.exceptions import VerifyException

from tt_dialect.device import MAX_L1_BYTES, TILE_COLS, TILE_ROWS
from tt_dialect.ops.base import check_finite_or_infinite, parse_float_literal
from tt_dialect.ops.attributes import (
    Broadcast,
    BroadcastAttr,
    GemmScheduleAttr,
    KernelRoleAttr,
    MaskPredicate,
    MaskPredicateAttr,
    MulticastAttr,
    PoolType,
    ReduceDim,
)

BUFFER_ELEMENT_TYPES: tuple[type[Attribute], ...] = (BFloat16Type, Float16Type, Float32Type)
"""Element types of tile buffers (and of the floats copies convert between)."""

_MemRef = base(MemRefType)

MAX_GRID_BLOCKS = 2**32 - 1
"""The most blocks a launch grid has: the host passes each core's first block and block
count as uint32 runtime arguments."""


# --------------------------------------------------------------------------- helpers


def _type_text(type_: Attribute) -> str:
    if isinstance(type_, MemRefType):
        dims = "x".join("?" if d < 0 else str(d) for d in type_.get_shape())
        return f"{dims}x{type_.element_type}" if dims else str(type_.element_type)
    return str(type_)


def _shape_text(shape: Sequence[int]) -> str:
    return "x".join("?" if d < 0 else str(d) for d in shape)


def _memref(value: SSAValue) -> MemRefType:
    type_ = value.type
    assert isinstance(type_, MemRefType)
    return type_


def _verify_element_type(type_: MemRefType, what: str) -> None:
    if not isinstance(type_.element_type, BUFFER_ELEMENT_TYPES):
        raise VerifyException(
            f"{what} element type must be bf16, f16 or f32, got {type_.element_type}"
        )


def _vector_or_block_shape(value: SSAValue, what: str) -> tuple[int, ...]:
    """The static shape of an elementwise operand: a 2-D block or a 1-D vector."""
    type_ = _memref(value)
    shape = tuple(type_.get_shape())
    if len(shape) == 1 and shape[0] >= 0:
        _verify_element_type(type_, what)
        return shape
    return _buffer_shape(value, what)


def _buffer_shape(value: SSAValue, what: str) -> tuple[int, int]:
    """The static 2-D shape of a tile buffer operand, or a VerifyException."""
    type_ = _memref(value)
    shape = tuple(type_.get_shape())
    if len(shape) != 2 or any(d < 0 for d in shape):
        raise VerifyException(
            f"{what} must be a static 2-D buffer, got memref<{_type_text(type_)}>"
        )
    _verify_element_type(type_, what)
    return shape[0], shape[1]


def _constant_index(value: SSAValue) -> int | None:
    """The value of an index produced by `arith.constant`, if it is one."""
    op = value.owner
    if isinstance(op, Operation) and op.name == "arith.constant":
        attr = op.properties.get("value", op.attributes.get("value"))
        if isinstance(attr, IntegerAttr):
            return attr.value.data
    return None


def _next_multiple(value: int, multiple: int) -> int:
    return max(multiple, -(-value // multiple) * multiple)


# --------------------------------------------------------------------------- launch


@irdl_op_definition
class LaunchGridOp(IRDLOperation):
    """`tt.launch_grid (%bx, %by) in (8, 8) { ... }`: runs the body once per
    block of an 8x8 grid; `%bx` / `%by` are the block's `index` coordinates.

    TileLang's `with T.Kernel(gx, gy) as (bx, by):` — extents in the same
    [x, y] order, static and positive. A 3-D grid, `tt.launch_grid (%bx, %by, %bz)
    in (gx, gy, gz)`, is TileLang's `T.Kernel(gx, gy, gz) as (bx, by, bz)` (attention's
    (sequence blocks, heads, batch)); its blocks are numbered row-major over
    [z, y, x] by `tt-work-partition`. The body is a single block without
    terminator, one `index` argument per extent; it may use values from above (the
    program's tensors).
    """

    name = "tt.launch_grid"

    grid = prop_def(DenseArrayBase[I64])
    body = region_def("single_block")

    traits = traits_def(NoTerminator())

    def __init__(self, grid: Sequence[int], body: Region | None = None):
        if body is None:
            body = Region(Block(arg_types=[IndexType()] * len(grid)))
        super().__init__(
            properties={"grid": DenseArrayBase.from_list(i64, list(grid))}, regions=[body]
        )

    @property
    def grid_shape(self) -> tuple[int, ...]:
        return tuple(self.grid.get_values())

    @property
    def block_indices(self) -> tuple[SSAValue, ...]:
        return tuple(self.body.block.args)

    @classmethod
    def parse(cls, parser: Parser) -> LaunchGridOp:
        args = parser.parse_comma_separated_list(
            parser.Delimiter.PAREN, lambda: parser.parse_argument(expect_type=False)
        )
        parser.parse_keyword("in")
        extents = parser.parse_comma_separated_list(
            parser.Delimiter.PAREN, lambda: parser.parse_integer(allow_boolean=False)
        )
        attrs = parser.parse_optional_attr_dict_with_keyword(("grid",))
        block_args = [arg.resolve(IndexType()) for arg in args]
        body = parser.parse_region(block_args)
        op = cls.create(
            properties={"grid": DenseArrayBase.from_list(i64, extents)},
            attributes=dict(attrs.data) if attrs is not None else {},
            regions=[body],
        )
        return op

    def print(self, printer: Printer) -> None:
        printer.print_string(" (")
        printer.print_list(self.body.block.args, printer.print_ssa_value)
        printer.print_string(") in (")
        printer.print_list(self.grid_shape, lambda d: printer.print_string(str(d)))
        printer.print_string(")")
        printer.print_op_attributes(self.attributes, print_keyword=True)
        printer.print_string(" ")
        printer.print_region(self.body, print_entry_block_args=False, print_empty_block=False)

    def verify_(self) -> None:
        extents = self.grid_shape
        if len(extents) not in (2, 3):
            raise VerifyException(
                f"grid must have 2 extents [x, y] or 3 extents [x, y, z], got {len(extents)}"
            )
        for axis, extent in zip("xyz", extents):
            if extent <= 0:
                raise VerifyException(f"grid extent {axis} must be positive, got {extent}")
        if prod(extents) > MAX_GRID_BLOCKS:
            raise VerifyException(
                f"grid of {' x '.join(map(str, extents))} blocks is too large: the host program numbers "
                f"blocks with uint32 runtime arguments, so a grid has at most {MAX_GRID_BLOCKS} blocks"
            )
        args = self.body.block.args
        if len(args) != len(extents) or any(not isinstance(a.type, IndexType) for a in args):
            count = "two" if len(extents) == 2 else "three"
            raise VerifyException(
                f"body must take exactly {count} index block arguments (the block indices), one per grid extent"
            )


# --------------------------------------------------------------------------- buffers


class _AllocOp(IRDLOperation, ABC):
    """Base of the two buffer allocations: a static, tile-aligned 2-D memref."""

    result = result_def(MemRefType)

    traits = traits_def(MemoryAllocEffect())
    assembly_format = "attr-dict `:` type($result)"

    def __init__(self, type_: MemRefType):
        super().__init__(result_types=[type_])

    def verify_(self) -> None:
        type_ = self.result.type
        assert isinstance(type_, MemRefType)
        shape = type_.get_shape()
        if len(shape) not in (1, 2):
            raise VerifyException(
                f"buffer must be 2-D (a block) or 1-D (a vector: one value per row or column "
                f"of a block), got rank {len(shape)}"
            )
        for dim, (size, tile) in enumerate(zip(shape, (TILE_ROWS, TILE_COLS))):
            if size < 0:
                raise VerifyException(f"buffer shape must be static, dim {dim} is dynamic")
            if size == 0 or size % tile:
                raise VerifyException(
                    f"buffer dim {dim} of size {size} is not a multiple of the tile size "
                    f"{tile}; the next aligned size is {_next_multiple(size, tile)}"
                )
        _verify_element_type(type_, "buffer")
        size = prod(shape) * type_.element_type.size  # pyright: ignore[reportAttributeAccessIssue]
        if size > MAX_L1_BYTES:
            raise VerifyException(
                f"buffer of {size} bytes is larger than any device's L1 ({MAX_L1_BYTES} bytes)"
            )


@irdl_op_definition
class AllocSharedOp(_AllocOp):
    """`%a = tt.alloc_shared : memref<128x32xbf16>`: a block-local buffer staged
    in L1 (lowered to circular buffers between reader, compute and writer).

    TileLang's `T.alloc_shared((128, 32), "bfloat16")`.
    """

    name = "tt.alloc_shared"


@irdl_op_definition
class AllocFragmentOp(_AllocOp):
    """`%c = tt.alloc_fragment : memref<128x128xf32>`: a block-local accumulator
    (held in DST / the compute kernel, not exchanged through the NOC).

    TileLang's `T.alloc_fragment((128, 128), "float")`.
    """

    name = "tt.alloc_fragment"


# --------------------------------------------------------------------------- copy


@irdl_op_definition
class CopyOp(IRDLOperation):
    """Copies a region of a tensor into a buffer, a buffer into a region of a
    tensor, or a whole buffer into another. TileLang's `T.copy`.

    ```
    tt.copy %A[%i, %k] to %a : memref<1024x1024xbf16> to memref<128x32xbf16>
    tt.copy %c to %C[%i, %j] : memref<128x128xf32> to memref<1024x1024xbf16>
    tt.copy %c to %d : memref<128x128xf32> to memref<128x128xbf16>
    ```
    Indices are element offsets into the indexed (tensor) side, one per
    dimension, never negative. A 2-D buffer may be copied to or from a tensor of
    higher rank (`tt.copy %Q[%b, %h, %i, %c0] to %q : memref<2x3x256x64xbf16> to
    memref<64x64xbf16>`): the leading indices are scalar positions (a region of
    extent 1) and the block spans the last two dimensions. Offsets are checked non-negative here for offsets that are `arith.constant`s,
    and by `tt-propagate-layout` for every block and loop iteration. The region
    copied has the shape of the other (buffer) side. Where it reaches past the end of
    the tensor, as TileLang's `T.copy` of a partial last block does, the part outside
    reads zeros and is not written: `tt-pad-tensors` pads the tensor's buffer to what
    its copies reach. At most one side is indexed; an unindexed copy needs
    equal shapes. Element types are bf16, f16 or f32 on both sides and may
    differ: the copy converts (e.g. an f32 fragment stored to a bf16 tensor,
    as TileLang's `T.copy` casts).
    """

    name = "tt.copy"

    src = operand_def(MemRefType)
    src_indices = var_operand_def(IndexType)
    dst = operand_def(MemRefType)
    dst_indices = var_operand_def(IndexType)
    multicast = opt_prop_def(MulticastAttr)
    """On a load shared by a line of cores: read once per line and multicast,
    decided by `tt-schedule-multicast`."""
    chunk_rows = opt_prop_def(IntegerAttr[I64])
    """On a store: the writer waits for, stores and frees the buffer this many tile rows
    at a time, as its producer pushes them (a gemm's streamed output, decided by
    `tt-schedule-compute`)."""
    mover = opt_prop_def(KernelRoleAttr)
    """The data-movement kernel that issues the copy's transfers, where it is not the
    default of its direction (the reader loads, the writer stores); decided by
    `tt-schedule-multicast`, followed by `tt-lower-shared-to-cb` and `tt-split-kernels`."""

    irdl_options = (AttrSizedOperandSegments(as_property=True),)
    traits = traits_def(MemoryReadEffect(), MemoryWriteEffect())
    assembly_format = (
        "$src (`[` $src_indices^ `]`)? `to` $dst (`[` $dst_indices^ `]`)? "
        "(`multicast` `=` $multicast^)? (`mover` `=` $mover^)? (`chunk_rows` `=` $chunk_rows^)? attr-dict `:` type($src) `to` type($dst)"
    )

    def __init__(
        self,
        src: SSAValue | Operation,
        dst: SSAValue | Operation,
        src_indices: Sequence[SSAValue | Operation] = (),
        dst_indices: Sequence[SSAValue | Operation] = (),
    ):
        super().__init__(operands=[src, src_indices, dst, dst_indices])

    @property
    def between_buffers(self) -> bool:
        """An unindexed copy between two buffers (not a tensor transfer)."""
        return not self.src_indices and not self.dst_indices and all(
            isinstance(value.owner, _AllocOp) for value in (self.src, self.dst)
        )

    def tensor_access(self) -> tuple[SSAValue, Sequence[SSAValue], SSAValue] | None:
        """(tensor, its offsets, buffer) of a load or a store; None for a copy without
        indices."""
        if self.src_indices:
            return self.src, self.src_indices, self.dst
        if self.dst_indices:
            return self.dst, self.dst_indices, self.src
        return None

    def region_extents(self) -> tuple[int, ...]:
        """The extent of the copied region in every dimension of the indexed tensor:
        the buffer's shape, preceded by 1 for each leading scalar index of a 2-D block
        of a higher-rank tensor. Only for a copy with indices."""
        access = self.tensor_access()
        assert access is not None
        tensor, _, buffer = access
        t_rank = len(_memref(tensor).get_shape())
        shape = tuple(_memref(buffer).get_shape())
        return (1,) * (t_rank - len(shape)) + shape

    def verify_(self) -> None:
        src_type, dst_type = _memref(self.src), _memref(self.dst)
        _verify_element_type(src_type, "source")
        _verify_element_type(dst_type, "destination")
        if self.src_indices and self.dst_indices:
            raise VerifyException(
                "at most one side of a copy may be indexed, got indices on both "
                "source and destination"
            )
        if self.multicast is not None and not (
            self.src_indices and isinstance(self.dst.owner, _AllocOp)
        ):
            raise VerifyException(
                "only a load (a copy from a tensor region into a buffer) can be multicast"
            )
        if self.mover is not None and not (
            self.mover.data.is_dataflow and (self.src_indices or self.dst_indices)
        ):
            raise VerifyException(
                f"a copy's mover is the reader or the writer kernel and only a tensor transfer "
                f"has one; got {self.mover.data.value} on a "
                f"{'tensor transfer' if self.src_indices or self.dst_indices else 'copy between buffers'}"
            )
        if self.chunk_rows is not None:
            rows = src_type.get_shape()[0] // TILE_ROWS if src_type.get_shape() else 0
            chunk = self.chunk_rows.value.data
            if not (self.dst_indices and isinstance(self.src.owner, _AllocOp)):
                raise VerifyException("only a store (a copy from a buffer into a tensor region) is chunked")
            if chunk < 1 or rows % chunk:
                raise VerifyException(
                    f"chunk_rows {chunk} must be positive and divide the buffer's {rows} tile rows"
                )
        if not self.src_indices and not self.dst_indices:
            if src_type.get_shape() != dst_type.get_shape():
                raise VerifyException(
                    f"source shape {_shape_text(src_type.get_shape())} and destination "
                    f"shape {_shape_text(dst_type.get_shape())} of an unindexed copy differ"
                )
            return
        if self.src_indices:
            side, tensor, indices, region = "source", src_type, self.src_indices, dst_type
        else:
            side, tensor, indices, region = "destination", dst_type, self.dst_indices, src_type
        if len(region.get_shape()) == 1:
            raise VerifyException(
                "a vector buffer (rank 1) is not copied to or from a tensor: vectors live in "
                "L1 between the ops of one kernel"
            )
        t_shape, r_shape = tensor.get_shape(), region.get_shape()
        if len(indices) != len(t_shape):
            raise VerifyException(
                f"{side} is indexed with {len(indices)} indices but has rank "
                f"{len(t_shape)} (memref<{_type_text(tensor)}>)"
            )
        if len(r_shape) != len(t_shape) and not (len(r_shape) == 2 and len(t_shape) > 2):
            raise VerifyException(
                f"copied region of rank {len(r_shape)} does not match the {side} rank "
                f"{len(t_shape)}"
            )
        # A 2-D block of a higher-rank tensor: the leading indices are scalar positions
        # (a region of extent 1 there), the block spans the last two dimensions.
        r_shape = (1,) * (len(t_shape) - len(r_shape)) + tuple(r_shape)
        for dim, (size, extent, index) in enumerate(zip(r_shape, t_shape, indices)):
            if extent < 0 or size < 0:
                continue
            offset = _constant_index(index)
            start = 0 if offset is None else offset
            if start < 0:
                raise VerifyException(
                    f"copied region {_shape_text(r_shape)} starts before the {side} "
                    f"{_shape_text(t_shape)}: dim {dim} at offset {offset}"
                )


# --------------------------------------------------------------------------- compute


@irdl_op_definition
class GemmOp(IRDLOperation):
    """`tt.gemm %a, %b, %c : memref<MxK>, memref<KxN>, memref<MxN>`:
    C += op(A) @ op(B), op transposing when `transpose_a` / `transpose_b` is set
    (then A is KxM, B is NxK). TileLang's `T.gemm(A_s, B_s, C_l, transpose_B=...)`.
    A and B share their element type; C usually is an f32 fragment.
    """

    name = "tt.gemm"

    a = operand_def(MemRefType)
    b = operand_def(MemRefType)
    c = operand_def(MemRefType)
    transpose_a = opt_prop_def(UnitAttr)
    transpose_b = opt_prop_def(UnitAttr)
    schedule = opt_prop_def(GemmScheduleAttr)
    """How to run it, decided by `tt-schedule-compute`."""

    traits = traits_def(MemoryReadEffect(), MemoryWriteEffect())
    assembly_format = (
        "$a `,` $b `,` $c (`transpose_a` $transpose_a^)? (`transpose_b` $transpose_b^)? "
        "(`schedule` `=` $schedule^)? attr-dict `:` type($a) `,` type($b) `,` type($c)"
    )

    def __init__(
        self,
        a: SSAValue | Operation,
        b: SSAValue | Operation,
        c: SSAValue | Operation,
        transpose_a: bool = False,
        transpose_b: bool = False,
    ):
        props: dict[str, Attribute] = {}
        if transpose_a:
            props["transpose_a"] = UnitAttr()
        if transpose_b:
            props["transpose_b"] = UnitAttr()
        super().__init__(operands=[a, b, c], properties=props)

    def verify_(self) -> None:
        for flag in ("transpose_a", "transpose_b"):
            if flag in self.attributes:
                raise VerifyException(
                    f"{flag} is a keyword after the operands (`tt.gemm %a, %b, %c {flag}`), "
                    "not an entry of the attribute dictionary"
                )
        a_shape = _buffer_shape(self.a, "A")
        b_shape = _buffer_shape(self.b, "B")
        c_shape = _buffer_shape(self.c, "C")
        if _memref(self.a).element_type != _memref(self.b).element_type:
            raise VerifyException(
                f"A and B element types differ: {_memref(self.a).element_type} vs "
                f"{_memref(self.b).element_type}"
            )
        m, k_a = reversed(a_shape) if self.transpose_a else a_shape
        k_b, n = reversed(b_shape) if self.transpose_b else b_shape
        shapes = (
            f"A {_shape_text(a_shape)}{' (transposed)' if self.transpose_a else ''}, "
            f"B {_shape_text(b_shape)}{' (transposed)' if self.transpose_b else ''}, "
            f"C {_shape_text(c_shape)}"
        )
        if k_a != k_b:
            raise VerifyException(f"K of A ({k_a}) and K of B ({k_b}) differ: {shapes}")
        if (m, n) != c_shape:
            raise VerifyException(f"C must be {m}x{n} (M x N), got {shapes}")
        if self.schedule is not None:
            self._verify_schedule(self.schedule, m, n, k_a)

    @property
    def k_tiles(self) -> int:
        """K in tiles: A's columns, or its rows when `transpose_a` is set."""
        rows, cols = _memref(self.a).get_shape()
        return (rows if self.transpose_a is not None else cols) // TILE_COLS

    @staticmethod
    def _verify_schedule(schedule: GemmScheduleAttr, m: int, n: int, k: int) -> None:
        block = (m // TILE_ROWS, n // TILE_COLS)
        if m % TILE_ROWS or n % TILE_COLS or schedule.block_tiles != block:
            raise VerifyException(
                f"schedule block {list(schedule.block_tiles)} must be C's {m}x{n} in "
                f"{TILE_ROWS}x{TILE_COLS} tiles"
            )
        if k % TILE_COLS or schedule.k_block.data != k // TILE_COLS:
            raise VerifyException(
                f"schedule k_block {schedule.k_block.data} must be the K extent {k} in "
                f"{TILE_COLS}-wide tiles"
            )


@irdl_op_definition
class ClearOp(IRDLOperation):
    """`tt.clear %c : memref<128x128xf32>`: sets every element to zero.
    TileLang's `T.clear(C_l)`."""

    name = "tt.clear"

    dst = operand_def(MemRefType)

    traits = traits_def(MemoryWriteEffect())
    assembly_format = "$dst attr-dict `:` type($dst)"

    def __init__(self, dst: SSAValue | Operation):
        super().__init__(operands=[dst])

    def verify_(self) -> None:
        _vector_or_block_shape(self.dst, "buffer")


@irdl_op_definition
class FillOp(IRDLOperation):
    """`tt.fill %c, 1.5 : memref<128x128xf32>`: sets every element to a constant.
    TileLang's `T.fill(C_l, 1.5)`."""

    name = "tt.fill"

    dst = operand_def(MemRefType)
    value = prop_def(FloatAttr[Float64Type])

    traits = traits_def(MemoryWriteEffect())

    def __init__(self, dst: SSAValue | Operation, value: float):
        super().__init__(operands=[dst], properties={"value": FloatAttr(value, f64)})

    @classmethod
    def parse(cls, parser: Parser) -> FillOp:
        """`%dst, value attr-dict : type`; `value` a number, or ±inf as the hexadecimal
        f64 pattern xDSL prints for it (`0xFFF0000000000000` is -inf)."""
        dst = parser.parse_unresolved_operand()
        parser.parse_punctuation(",")
        value = parse_float_literal(parser, f64)
        attrs = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        type_ = parser.parse_type()
        (operand,) = parser.resolve_operands([dst], [type_], parser.pos)
        return cls.create(operands=[operand], properties={"value": FloatAttr(value, f64)}, attributes=attrs)

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_ssa_value(self.dst)
        printer.print_string(", ")
        printer.print_float(self.value.value.data, f64)
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_attribute(self.dst.type)

    def verify_(self) -> None:
        _vector_or_block_shape(self.dst, "buffer")
        check_finite_or_infinite(self.value.value.data, "the fill value")


@irdl_op_definition
class MaskOp(IRDLOperation):
    """`tt.mask %dst, %row, %col if ge then 0.0 else -inf : memref<64x64xf32>`:
    dst[i, j] = (row + i PRED col + j) ? on_true : on_false, for every element of the
    2-D block, PRED one of `ge`, `gt`, `le`, `lt`; `row` and `col` are the block's
    first row and column in the index spaces compared (flash attention's causal mask:
    query positions against key positions). The values are numbers or ±inf (printed
    as xDSL prints non-finite floats, their f64 bit pattern). TileLang's
    `T.if_then_else(q_idx >= k_idx, 0, -T.infinity(dtype))` in a `T.Parallel`."""

    name = "tt.mask"

    dst = operand_def(MemRefType)
    row = operand_def(IndexType)
    col = operand_def(IndexType)
    predicate = prop_def(MaskPredicateAttr)
    on_true = prop_def(FloatAttr[Float64Type])
    on_false = prop_def(FloatAttr[Float64Type])

    traits = traits_def(MemoryWriteEffect())

    def __init__(
        self,
        dst: SSAValue | Operation,
        row: SSAValue | Operation,
        col: SSAValue | Operation,
        predicate: MaskPredicate,
        on_true: float,
        on_false: float,
    ):
        super().__init__(
            operands=[dst, row, col],
            properties={
                "predicate": MaskPredicateAttr(predicate),
                "on_true": FloatAttr(on_true, f64),
                "on_false": FloatAttr(on_false, f64),
            },
        )

    @classmethod
    def parse(cls, parser: Parser) -> MaskOp:
        dst = parser.parse_unresolved_operand()
        parser.parse_punctuation(",")
        row = parser.parse_unresolved_operand()
        parser.parse_punctuation(",")
        col = parser.parse_unresolved_operand()
        parser.parse_keyword("if")
        predicate = parser.parse_str_enum(MaskPredicate)
        parser.parse_keyword("then")
        on_true = parse_float_literal(parser, f64)
        parser.parse_keyword("else")
        on_false = parse_float_literal(parser, f64)
        attrs = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        type_ = parser.parse_type()
        operands = parser.resolve_operands([dst, row, col], [type_, IndexType(), IndexType()], parser.pos)
        properties = {
            "predicate": MaskPredicateAttr(predicate),
            "on_true": FloatAttr(on_true, f64),
            "on_false": FloatAttr(on_false, f64),
        }
        return cls.create(operands=operands, properties=properties, attributes=attrs)

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_ssa_value(self.dst)
        printer.print_string(", ")
        printer.print_ssa_value(self.row)
        printer.print_string(", ")
        printer.print_ssa_value(self.col)
        printer.print_string(f" if {self.predicate.data.value} then ")
        printer.print_float(self.on_true.value.data, f64)
        printer.print_string(" else ")
        printer.print_float(self.on_false.value.data, f64)
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_attribute(self.dst.type)

    def verify_(self) -> None:
        _buffer_shape(self.dst, "the mask's buffer")
        check_finite_or_infinite(self.on_true.value.data, "the value where the predicate holds")
        check_finite_or_infinite(self.on_false.value.data, "the value where the predicate fails")


def _parse_elementwise_types(parser: Parser, num_inputs: int) -> list[Attribute]:
    """`: T` (every operand has type T) or `: T1, T2 to T3` (one type each)."""
    parser.parse_punctuation(":")
    first = parser.parse_type()
    if num_inputs == 1 and parser.parse_optional_keyword("to") is None:
        return [first, first]
    if num_inputs == 2 and parser.parse_optional_punctuation(",") is None:
        return [first, first, first]
    inputs = [first]
    if num_inputs == 2:
        inputs.append(parser.parse_type())
        parser.parse_keyword("to")
    return [*inputs, parser.parse_type()]


class _ElementwiseOp(IRDLOperation, ABC):
    """Shared custom syntax of elementwise ops over whole buffers:
    `%ins to %dst : T` when every operand has type T, otherwise
    `%ins to %dst : T1[, T2] to T3`. Shapes must be equal; element types may
    differ (the op converts)."""

    NUM_INPUTS: ClassVar[int]

    traits = traits_def(MemoryReadEffect(), MemoryWriteEffect())

    def inputs(self) -> tuple[SSAValue, ...]:
        return tuple(self.operands[:-1])

    def output(self) -> SSAValue:
        return self.operands[-1]

    PROPERTIES_IN_ATTR_DICT: ClassVar[tuple[str, ...]] = ()
    """Properties written in the op's attribute dictionary (`{broadcast = ...}`)."""

    @classmethod
    def parse(cls, parser: Parser):
        ins = [parser.parse_unresolved_operand()]
        for _ in range(cls.NUM_INPUTS - 1):
            parser.parse_punctuation(",")
            ins.append(parser.parse_unresolved_operand())
        parser.parse_keyword("to")
        out = parser.parse_unresolved_operand()
        attrs = parser.parse_optional_attr_dict()
        properties = {name: attrs.pop(name) for name in cls.PROPERTIES_IN_ATTR_DICT if name in attrs}
        types = _parse_elementwise_types(parser, cls.NUM_INPUTS)
        operands = parser.resolve_operands([*ins, out], types, parser.pos)
        return cls.create(operands=operands, attributes=attrs, properties=properties)

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_list(self.inputs(), printer.print_ssa_value)
        printer.print_string(" to ")
        printer.print_ssa_value(self.output())
        written = {name: self.properties[name] for name in self.PROPERTIES_IN_ATTR_DICT if name in self.properties}
        printer.print_op_attributes({**written, **self.attributes})
        printer.print_string(" : ")
        types = [operand.type for operand in self.operands]
        if all(t == types[0] for t in types):
            printer.print_attribute(types[0])
            return
        printer.print_list(types[:-1], printer.print_attribute)
        printer.print_string(" to ")
        printer.print_attribute(types[-1])

    def verify_(self) -> None:
        names = ("lhs", "rhs") if self.NUM_INPUTS == 2 else ("source",)
        shapes = [_vector_or_block_shape(v, n) for v, n in zip(self.inputs(), names)]
        dst_shape = _vector_or_block_shape(self.output(), "destination")
        if any(shape != dst_shape for shape in shapes):
            text = ", ".join(f"{n} {_shape_text(s)}" for n, s in zip(names, shapes))
            raise VerifyException(
                f"operand shapes must be equal, got {text}, destination {_shape_text(dst_shape)}"
            )


class _BinaryOp(_ElementwiseOp, ABC):
    """`tt.add %x, %y to %z : memref<128x128xf32>`: z = x <op> y elementwise.
    TileLang: a `T.Parallel` loop computing `z[i, j] = x[i, j] <op> y[i, j]`.

    With `broadcast`, y is a vector repeated over the block x (TileLang's
    `x[i, j] - m[i]`): `{broadcast = #tt.broadcast<col>}` takes one value per row of x
    (y has x's row count), `#tt.broadcast<row>` one value per column (y has x's column
    count), as tt-metal's `BroadcastType::COL` / `ROW` do."""

    NUM_INPUTS: ClassVar[int] = 2
    PROPERTIES_IN_ATTR_DICT: ClassVar[tuple[str, ...]] = ("broadcast",)
    BROADCASTS: ClassVar[bool] = True
    """Whether the op has a broadcast form on Tensix."""

    lhs = operand_def(MemRefType)
    rhs = operand_def(MemRefType)
    dst = operand_def(MemRefType)
    broadcast = opt_prop_def(BroadcastAttr)

    def __init__(
        self,
        lhs: SSAValue | Operation,
        rhs: SSAValue | Operation,
        dst: SSAValue | Operation,
        broadcast: Broadcast | None = None,
    ):
        properties = {} if broadcast is None else {"broadcast": BroadcastAttr(broadcast)}
        super().__init__(operands=[lhs, rhs, dst], properties=properties)

    def verify_(self) -> None:
        if self.broadcast is None:
            return super().verify_()
        if not self.BROADCASTS:
            raise VerifyException(
                f"'{self.name}' has no broadcast form: both operands must have the "
                "destination's shape"
            )
        lhs, dst = _buffer_shape(self.lhs, "lhs"), _buffer_shape(self.dst, "destination")
        rhs = _vector_or_block_shape(self.rhs, "rhs")
        if lhs != dst:
            raise VerifyException(
                f"lhs {_shape_text(lhs)} and destination {_shape_text(dst)} must have one shape"
            )
        along = dst[0] if self.broadcast.data is Broadcast.COL else dst[1]
        what = "row" if self.broadcast.data is Broadcast.COL else "column"
        if rhs != (along,):
            raise VerifyException(
                f"a {self.broadcast.data.value} broadcast takes one value per {what} of the "
                f"{_shape_text(dst)} block: rhs must be a vector of {along}, got "
                f"{_shape_text(rhs)}"
            )


@irdl_op_definition
class AddOp(_BinaryOp):
    """`tt.add %x, %y to %z`: z = x + y."""

    name = "tt.add"


@irdl_op_definition
class SubOp(_BinaryOp):
    """`tt.sub %x, %y to %z`: z = x - y."""

    name = "tt.sub"


@irdl_op_definition
class MulOp(_BinaryOp):
    """`tt.mul %x, %y to %z`: z = x * y (elementwise, not a matmul)."""

    name = "tt.mul"


@irdl_op_definition
class MaxOp(_BinaryOp):
    """`tt.max %x, %y to %z`: z = max(x, y) elementwise (TileLang's `T.max(x, y)`)."""

    name = "tt.max"
    BROADCASTS: ClassVar[bool] = False


@irdl_op_definition
class MinOp(_BinaryOp):
    """`tt.min %x, %y to %z`: z = min(x, y) elementwise (TileLang's `T.min(x, y)`)."""

    name = "tt.min"
    BROADCASTS: ClassVar[bool] = False


class _ReduceOp(IRDLOperation, ABC):
    """`tt.reduce_sum %x, %scaler to %s dim = 1 : memref<128x64xf32>, memref<32x32xf32> to
    memref<128xf32>`: the vector s of x's row sums (`dim = 1`: along each row, one value
    per row) or column sums (`dim = 0`). TileLang's `T.reduce_sum(x, s, dim=1)`.

    `%scaler` is a 32x32 buffer of ones (`tt.fill %scaler, 1.0`): Tensix's `reduce_tile`
    multiplies the result by the values in the first row of each face of a scaler tile
    in a CB of its own. Writing it as an operand keeps that CB, and the fill that
    produces it, visible to every pass."""

    POOL: ClassVar[PoolType]

    src = operand_def(MemRefType)
    scaler = operand_def(MemRefType)
    dst = operand_def(MemRefType)
    dim = prop_def(IntegerAttr[I64])

    traits = traits_def(MemoryReadEffect(), MemoryWriteEffect())
    assembly_format = (
        "$src `,` $scaler `to` $dst `dim` `=` $dim attr-dict `:` type($src) `,` type($scaler) "
        "`to` type($dst)"
    )

    def __init__(
        self, src: SSAValue | Operation, scaler: SSAValue | Operation, dst: SSAValue | Operation, dim: int
    ):
        super().__init__(operands=[src, scaler, dst], properties={"dim": IntegerAttr(dim, i64)})

    @property
    def reduce_dim(self) -> ReduceDim:
        """Tensix's name of the dimension: `dim = 1` reduces each row (`REDUCE_ROW`)."""
        return ReduceDim.ROW if self.dim.value.data == 1 else ReduceDim.COL

    def verify_(self) -> None:
        rows, cols = _buffer_shape(self.src, "source")
        if _buffer_shape(self.scaler, "scaler") != (TILE_ROWS, TILE_COLS):
            raise VerifyException(
                f"the scaler must be one {TILE_ROWS}x{TILE_COLS} tile, got "
                f"{_shape_text(_memref(self.scaler).get_shape())}"
            )
        dim = self.dim.value.data
        if dim not in (0, 1):
            raise VerifyException(f"dim must be 0 (along columns) or 1 (along rows), got {dim}")
        kept = rows if dim == 1 else cols
        dst = _vector_or_block_shape(self.dst, "destination")
        if dst != (kept,):
            raise VerifyException(
                f"reducing the {rows}x{cols} source along dim {dim} gives a vector of {kept}, "
                f"the destination is {_shape_text(dst)}"
            )


@irdl_op_definition
class ReduceSumOp(_ReduceOp):
    """`tt.reduce_sum`: sums along `dim`."""

    name = "tt.reduce_sum"
    POOL: ClassVar[PoolType] = PoolType.SUM


@irdl_op_definition
class ReduceMaxOp(_ReduceOp):
    """`tt.reduce_max`: maxima along `dim`."""

    name = "tt.reduce_max"
    POOL: ClassVar[PoolType] = PoolType.MAX


class _UnaryOp(_ElementwiseOp, ABC):
    """`tt.exp %x to %z : memref<128x128xf32>`: z = f(x) elementwise (in place
    when %z is %x). TileLang: a `T.Parallel` loop computing `z[i, j] = T.exp(x[i, j])`."""

    NUM_INPUTS: ClassVar[int] = 1

    src = operand_def(MemRefType)
    dst = operand_def(MemRefType)

    def __init__(self, src: SSAValue | Operation, dst: SSAValue | Operation):
        super().__init__(operands=[src, dst])


@irdl_op_definition
class ExpOp(_UnaryOp):
    """`tt.exp %x to %z`: z = e^x."""

    name = "tt.exp"


@irdl_op_definition
class LogOp(_UnaryOp):
    """`tt.log %x to %z`: z = ln x."""

    name = "tt.log"


@irdl_op_definition
class SqrtOp(_UnaryOp):
    """`tt.sqrt %x to %z`: z = sqrt(x)."""

    name = "tt.sqrt"


@irdl_op_definition
class RsqrtOp(_UnaryOp):
    """`tt.rsqrt %x to %z`: z = 1 / sqrt(x)."""

    name = "tt.rsqrt"


@irdl_op_definition
class Exp2Op(_UnaryOp):
    """`tt.exp2 %x to %z`: z = 2^x."""

    name = "tt.exp2"


@irdl_op_definition
class RecipOp(_UnaryOp):
    """`tt.recip %x to %z`: z = 1 / x."""

    name = "tt.recip"


@irdl_op_definition
class ReluOp(_UnaryOp):
    """`tt.relu %x to %z`: z = max(x, 0)."""

    name = "tt.relu"


@irdl_op_definition
class GeluOp(_UnaryOp):
    """`tt.gelu %x to %z`: z = gelu(x)."""

    name = "tt.gelu"


@irdl_op_definition
class SigmoidOp(_UnaryOp):
    """`tt.sigmoid %x to %z`: z = 1 / (1 + e^-x)."""

    name = "tt.sigmoid"


@irdl_op_definition
class TanhOp(_UnaryOp):
    """`tt.tanh %x to %z`: z = tanh(x)."""

    name = "tt.tanh"


class _ScalarOp(_UnaryOp, ABC):
    """`tt.mul_scalar %x, 2.5 to %z : memref<128x128xf32>`: z = x <op> 2.5
    elementwise (an f32 constant). TileLang: a `T.Parallel` loop computing
    `z[i, j] = x[i, j] * 2.5`."""

    scalar = prop_def(FloatAttr[Float32Type])

    def __init__(self, src: SSAValue | Operation, scalar: float, dst: SSAValue | Operation):
        IRDLOperation.__init__(self, operands=[src, dst], properties={"scalar": FloatAttr(scalar, f32)})

    @classmethod
    def parse(cls, parser: Parser):
        src = parser.parse_unresolved_operand()
        parser.parse_punctuation(",")
        scalar = parse_float_literal(parser, f32)
        parser.parse_keyword("to")
        dst = parser.parse_unresolved_operand()
        attrs = parser.parse_optional_attr_dict()
        types = _parse_elementwise_types(parser, 1)
        operands = parser.resolve_operands([src, dst], types, parser.pos)
        return cls.create(
            operands=operands, properties={"scalar": FloatAttr(scalar, f32)}, attributes=attrs
        )

    def verify_(self) -> None:
        super().verify_()
        check_finite_or_infinite(self.scalar.value.data, "the scalar")

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_ssa_value(self.src)
        printer.print_string(", ")
        printer.print_float(self.scalar.value.data, f32)
        printer.print_string(" to ")
        printer.print_ssa_value(self.dst)
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        if self.src.type == self.dst.type:
            printer.print_attribute(self.src.type)
            return
        printer.print_attribute(self.src.type)
        printer.print_string(" to ")
        printer.print_attribute(self.dst.type)


@irdl_op_definition
class AddScalarOp(_ScalarOp):
    """`tt.add_scalar %x, s to %z`: z = x + s."""

    name = "tt.add_scalar"


@irdl_op_definition
class SubScalarOp(_ScalarOp):
    """`tt.sub_scalar %x, s to %z`: z = x - s."""

    name = "tt.sub_scalar"


@irdl_op_definition
class RsubScalarOp(_ScalarOp):
    """`tt.rsub_scalar %x, s to %z`: z = s - x."""

    name = "tt.rsub_scalar"


@irdl_op_definition
class MulScalarOp(_ScalarOp):
    """`tt.mul_scalar %x, s to %z`: z = x * s."""

    name = "tt.mul_scalar"


@irdl_op_definition
class DivScalarOp(_ScalarOp):
    """`tt.div_scalar %x, s to %z`: z = x / s."""

    name = "tt.div_scalar"


OPS = [
    LaunchGridOp,
    AllocSharedOp,
    AllocFragmentOp,
    CopyOp,
    GemmOp,
    ClearOp,
    FillOp,
    MaskOp,
    AddOp,
    SubOp,
    MulOp,
    MaxOp,
    MinOp,
    ReduceSumOp,
    ReduceMaxOp,
    ExpOp,
    LogOp,
    SqrtOp,
    RsqrtOp,
    Exp2Op,
    RecipOp,
    ReluOp,
    GeluOp,
    SigmoidOp,
    TanhOp,
    AddScalarOp,
    SubScalarOp,
    RsubScalarOp,
    MulScalarOp,
    DivScalarOp,
]
