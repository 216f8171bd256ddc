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

from xdsl.dialects.builtin import IntegerAttr, i32
from xdsl.ir import Operation, SSAValue
from xdsl.irdl import (
    IRDLOperation,
    irdl_op_definition,
    operand_def,
    prop_def,
    result_def,
    traits_def,
)
from xdsl.traits import MemoryReadEffect, MemoryWriteEffect, Pure
from xdsl.utils.exceptions import VerifyException

from tt_dialect.ops.args import GetArgValOp
from tt_dialect.ops.attributes import ArgKind, TensorRole
from tt_dialect.ops.base import DataflowOnly, I32Prop, TileIndexConstr
from tt_dialect.ops.types import NocAddrType, TensorAccessorType


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


OPS = [
    TensorAccessorOp,
    NocAsyncReadPageOp,
    NocAsyncWritePageOp,
    GetNocAddrOp,
    NocAsyncReadOp,
    NocAsyncWriteOp,
    NocAsyncReadBarrierOp,
    NocAsyncWriteBarrierOp,
]
