"""Dataflow ops: tensor accessors, NOC reads and writes, barriers.

A reader kernel turns a tensor's page (tile) ids into NOC addresses through a
`TensorAccessor` and copies pages from DRAM into L1 (`noc_async_read_page`); a
writer does the reverse (`noc_async_write_page`). NOC transfers are
asynchronous: `noc_async_read_barrier` / `noc_async_write_barrier` wait for all
of the core's outstanding reads / writes. Every op here runs on a data-movement
RISC-V core and is rejected inside compute kernels.
"""

from __future__ import annotations

from abc import ABC

from xdsl.dialects.builtin import I64, IndexType, IntegerAttr, i32, i64
from xdsl.ir import Operation, SSAValue
from xdsl.irdl import (
    base,
    eq,
    IRDLOperation,
    irdl_op_definition,
    operand_def,
    prop_def,
    result_def,
    traits_def,
)
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import MemoryReadEffect, MemoryWriteEffect, Pure
from xdsl.utils.exceptions import VerifyException

from tt_dialect.ops.args import GetArgValOp
from tt_dialect.ops.attributes import ArgKind, DataFormat, DataFormatAttr, MaskPredicate, MaskPredicateAttr, TensorRole
from tt_dialect.ops.base import DataflowOnly, I32Prop, TileIndexConstr
from tt_dialect.ops.types import CBType, NocAddrType, TensorAccessorType


@irdl_op_definition
class TensorAccessorOp(IRDLOperation):
    """`%acc = tt.tensor_accessor %base_addr, cta_offset = 2, page_size = 2048 : !tt.tensor_accessor`.

    Builds tt-metal's `TensorAccessor(TensorAccessorArgs<cta_offset>(), base_addr,
    page_size)`: the tensor's layout (interleaved / sharded, bank mapping) is read
    from the compile-time args starting at `cta_offset`, its device buffer
    starts at the runtime `base_addr`, and one page is `page_size` bytes. It
    computes nothing on the NOC itself; it maps page ids to NOC addresses.
    """

    name = "tt.tensor_accessor"

    base_addr = operand_def(i32)
    cta_offset = prop_def(I32Prop)
    page_size = prop_def(I32Prop)
    result = result_def(TensorAccessorType)

    traits = traits_def(DataflowOnly(), Pure())
    assembly_format = (
        "$base_addr `,` `cta_offset` `=` $cta_offset `,` `page_size` `=` $page_size "
        "attr-dict `:` type($result)"
    )

    def __init__(self, base_addr: SSAValue | Operation, cta_offset: int, page_size: int):
        super().__init__(
            operands=[base_addr],
            properties={
                "cta_offset": IntegerAttr(cta_offset, i32),
                "page_size": IntegerAttr(page_size, i32),
            },
            result_types=[TensorAccessorType()],
        )

    def tensor_index(self) -> int | None:
        """The program tensor this accessor reaches: the tensor of the `buffer_address`
        runtime argument its base address reads; None if the base address is anything else."""
        read = self.base_addr.owner
        entry = read.schema_entry() if isinstance(read, GetArgValOp) else None
        if entry is None or entry.arg_kind is not ArgKind.BUFFER_ADDRESS:
            return None
        return entry.tensor.data

    def tensor_roles(self) -> set[TensorRole]:
        """What the kernel does with the tensor through this accessor: INPUT if it reads
        pages, OUTPUT if it writes pages (both, or neither)."""
        roles = set()
        for use in self.result.uses:
            if isinstance(use.operation, NocAsyncReadPageOp):
                roles.add(TensorRole.INPUT)
            elif isinstance(use.operation, NocAsyncWritePageOp):
                roles.add(TensorRole.OUTPUT)
        return roles

    def verify_(self) -> None:
        offset = self.cta_offset.value.data
        if offset < 0:
            raise VerifyException(f"cta_offset must be non-negative, got {offset}")
        size = self.page_size.value.data
        if size <= 0:
            raise VerifyException(f"page_size must be positive, got {size}")


class _NocPageOp(IRDLOperation, ABC):
    """Base of the accessor-based page transfers: `(tile_id, accessor, l1_addr)`,
    the argument order of the C++ calls. The tile id is `index` or `i32`."""

    tile_id = operand_def(TileIndexConstr)
    accessor = operand_def(TensorAccessorType)
    l1_addr = operand_def(i32)

    traits = traits_def(DataflowOnly(), MemoryReadEffect(), MemoryWriteEffect())
    assembly_format = "$tile_id `,` $accessor `,` $l1_addr attr-dict `:` type($tile_id)"

    def __init__(
        self,
        tile_id: SSAValue | Operation,
        accessor: SSAValue | Operation,
        l1_addr: SSAValue | Operation,
    ):
        super().__init__(operands=[tile_id, accessor, l1_addr])


@irdl_op_definition
class NocAsyncReadPageOp(_NocPageOp):
    """Starts a NOC read of page `tile_id` of the accessor's tensor (DRAM or
    another core's L1) into this core's L1 at `l1_addr`; completes at the next
    `noc_async_read_barrier`."""

    name = "tt.noc_async_read_page"


@irdl_op_definition
class NocAsyncWritePageOp(_NocPageOp):
    """Starts a NOC write of the page in this core's L1 at `l1_addr` to page
    `tile_id` of the accessor's tensor; completes at the next
    `noc_async_write_barrier`."""

    name = "tt.noc_async_write_page"


@irdl_op_definition
class GetNocAddrOp(IRDLOperation):
    """`%addr = tt.get_noc_addr %tile_id, %acc : index -> !tt.noc_addr`: the
    64-bit NOC address of page `tile_id` of the accessor's tensor (bank
    coordinates plus offset), for the raw `noc_async_read` / `noc_async_write`."""

    name = "tt.get_noc_addr"

    tile_id = operand_def(TileIndexConstr)
    accessor = operand_def(TensorAccessorType)
    result = result_def(NocAddrType)

    traits = traits_def(DataflowOnly(), Pure())
    assembly_format = "$tile_id `,` $accessor attr-dict `:` type($tile_id) `->` type($result)"

    def __init__(self, tile_id: SSAValue | Operation, accessor: SSAValue | Operation):
        super().__init__(operands=[tile_id, accessor], result_types=[NocAddrType()])


@irdl_op_definition
class NocAsyncReadOp(IRDLOperation):
    """`tt.noc_async_read %noc_addr, %l1_addr, %size`: starts a NOC read of `size`
    bytes at `noc_addr` into this core's L1 at `l1_addr`; completes at the next
    `noc_async_read_barrier`."""

    name = "tt.noc_async_read"

    src_noc_addr = operand_def(NocAddrType)
    dst_l1_addr = operand_def(i32)
    size = operand_def(i32)

    traits = traits_def(DataflowOnly(), MemoryReadEffect(), MemoryWriteEffect())
    assembly_format = "$src_noc_addr `,` $dst_l1_addr `,` $size attr-dict"

    def __init__(
        self,
        src_noc_addr: SSAValue | Operation,
        dst_l1_addr: SSAValue | Operation,
        size: SSAValue | Operation,
    ):
        super().__init__(operands=[src_noc_addr, dst_l1_addr, size])


@irdl_op_definition
class NocAsyncWriteOp(IRDLOperation):
    """`tt.noc_async_write %l1_addr, %noc_addr, %size`: starts a NOC write of
    `size` bytes from this core's L1 at `l1_addr` to `noc_addr`; completes at
    the next `noc_async_write_barrier`."""

    name = "tt.noc_async_write"

    src_l1_addr = operand_def(i32)
    dst_noc_addr = operand_def(NocAddrType)
    size = operand_def(i32)

    traits = traits_def(DataflowOnly(), MemoryReadEffect(), MemoryWriteEffect())
    assembly_format = "$src_l1_addr `,` $dst_noc_addr `,` $size attr-dict"

    def __init__(
        self,
        src_l1_addr: SSAValue | Operation,
        dst_noc_addr: SSAValue | Operation,
        size: SSAValue | Operation,
    ):
        super().__init__(operands=[src_l1_addr, dst_noc_addr, size])


class _NocBarrierOp(IRDLOperation, ABC):
    traits = traits_def(DataflowOnly(), MemoryReadEffect(), MemoryWriteEffect())
    assembly_format = "attr-dict"

    def __init__(self):
        super().__init__()


@irdl_op_definition
class NocAsyncReadBarrierOp(_NocBarrierOp):
    """Blocks until every NOC read this core has issued has landed in L1."""

    name = "tt.noc_async_read_barrier"


@irdl_op_definition
class NocAsyncWriteBarrierOp(_NocBarrierOp):
    """Blocks until every NOC write this core has issued has been acknowledged
    (its source L1 may then be reused, e.g. by `cb_pop_front`)."""

    name = "tt.noc_async_write_barrier"


MASK_FORMATS = (DataFormat.BF16, DataFormat.F32)
"""CB formats `tt.write_mask_tile` writes: a bf16 element is the top half of its f32
pattern, an f32 element the pattern itself."""


@irdl_op_definition
class WriteMaskTileOp(IRDLOperation):
    """`tt.write_mask_tile %cb, %l1_addr, %row, %col if ge then 0x00000000 else 0xff800000 : !tt.cb<2, bf16>`:
    writes one 32x32 tile of a mask into this core's L1 at `l1_addr`, a page of the CB's
    reserved back (after `cb_reserve_back`, before `cb_push_back`): element (r, c) of the
    tile is `on_true` where `row + r PRED col + c` holds, else `on_false`, PRED one of
    `ge`, `gt`, `le`, `lt` and `row`, `col` the tile's first row and column in the index
    spaces compared. The values are f32 bit patterns, stored in the CB's format (bf16:
    the top 16 bits). Elements are laid out as a tile in L1 is: four 16x16 faces, element
    (r, c) at face (r / 16) * 2 + c / 16, offset (r % 16) * 16 + c % 16 in the face.
    A data-movement core computes it (no compute input): the reader kernel's part of
    `tt.mask`. Printed as a call of the helper in the artifacts' `tt_mask_tile.h`."""

    name = "tt.write_mask_tile"

    cb = operand_def(base(CBType) | eq(i32))
    """The CB (an `i32` index once `convert-tt-to-emitc` has converted its `tt.get_cb`)."""
    l1_addr = operand_def(i32)
    row = operand_def(IndexType)
    col = operand_def(IndexType)
    predicate = prop_def(MaskPredicateAttr)
    on_true = prop_def(IntegerAttr[I64])
    on_false = prop_def(IntegerAttr[I64])
    format = prop_def(DataFormatAttr)
    """The CB's data format (in the custom form, its type's), kept as a property: the
    C++ conversion replaces the CB by its index before it converts this op."""

    traits = traits_def(DataflowOnly(), MemoryWriteEffect())

    def __init__(
        self,
        cb: SSAValue | Operation,
        l1_addr: SSAValue | Operation,
        row: SSAValue | Operation,
        col: SSAValue | Operation,
        predicate: MaskPredicate,
        on_true: int,
        on_false: int,
    ):
        cb_type = SSAValue.get(cb).type
        assert isinstance(cb_type, CBType)
        super().__init__(
            operands=[cb, l1_addr, row, col],
            properties={
                "predicate": MaskPredicateAttr(predicate),
                "on_true": IntegerAttr(on_true, i64),
                "on_false": IntegerAttr(on_false, i64),
                "format": cb_type.format,
            },
        )

    @classmethod
    def parse(cls, parser: Parser) -> WriteMaskTileOp:
        names = [parser.parse_unresolved_operand()]
        for _ in range(3):
            parser.parse_punctuation(",")
            names.append(parser.parse_unresolved_operand())
        parser.parse_keyword("if")
        predicate = parser.parse_str_enum(MaskPredicate)
        parser.parse_keyword("then")
        on_true = parser.parse_integer(allow_boolean=False)
        parser.parse_keyword("else")
        on_false = parser.parse_integer(allow_boolean=False)
        attrs = parser.parse_optional_attr_dict()
        parser.parse_punctuation(":")
        cb_type = parser.parse_type()
        operands = parser.resolve_operands(names, [cb_type, i32, IndexType(), IndexType()], parser.pos)
        if not isinstance(cb_type, CBType):
            parser.raise_error(f"tt.write_mask_tile writes into a CB, got {cb_type}")
        properties = {
            "predicate": MaskPredicateAttr(predicate),
            "on_true": IntegerAttr(on_true, i64),
            "on_false": IntegerAttr(on_false, i64),
            "format": cb_type.format,
        }
        return cls.create(operands=operands, properties=properties, attributes=attrs)

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_list(self.operands, printer.print_ssa_value)
        printer.print_string(
            f" if {self.predicate.data.value} then 0x{self.on_true.value.data:08x} "
            f"else 0x{self.on_false.value.data:08x}"
        )
        printer.print_op_attributes(self.attributes)
        printer.print_string(" : ")
        printer.print_attribute(self.cb.type)

    @property
    def data_format(self) -> DataFormat:
        return self.format.data

    def verify_(self) -> None:
        if self.data_format not in MASK_FORMATS:
            raise VerifyException(
                f"writes masks into bf16 or f32 CBs, got a CB of {self.data_format.value}"
            )
        cb_type = self.cb.type
        if isinstance(cb_type, CBType) and cb_type.format != self.format:
            raise VerifyException(
                f"format {self.data_format.value} is not its CB's ({cb_type.format.data.value})"
            )
        for name, attr in (("on_true", self.on_true), ("on_false", self.on_false)):
            bits = attr.value.data
            if not 0 <= bits < 1 << 32:
                raise VerifyException(f"{name} must be a 32-bit f32 pattern (0 to 0xffffffff), got {bits}")
            if (bits >> 23) & 0xFF == 0xFF and bits & 0x7FFFFF:
                raise VerifyException(f"{name} 0x{bits:08x} is a NaN; mask values are numbers or ±inf")


OPS = [
    TensorAccessorOp,
    NocAsyncReadPageOp,
    NocAsyncWritePageOp,
    GetNocAddrOp,
    NocAsyncReadOp,
    NocAsyncWriteOp,
    NocAsyncReadBarrierOp,
    NocAsyncWriteBarrierOp,
    WriteMaskTileOp,
]
