"""Circular-buffer ops: naming a CB in a kernel and its producer/consumer protocol.

A producer does `cb_reserve_back(n)`, writes n pages at `get_write_ptr`, then
`cb_push_back(n)`; a consumer does `cb_wait_front(n)`, reads at `get_read_ptr`,
then `cb_pop_front(n)`. Page counts are static and never exceed the CB's pages.
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

from tt_dialect.ops.base import DataflowOnly, I32Prop, enclosing_program
from tt_dialect.ops.types import CBType


@irdl_op_definition
class GetCBOp(IRDLOperation):
    """`%cb = tt.get_cb 0 : !tt.cb<2, bf16>`: the CB with index 0 of the program.

    Inside a `tt.program` the index must be in the device's range and the
    program must describe that CB with the same pages and format.
    """

    name = "tt.get_cb"

    index = prop_def(I32Prop)
    result = result_def(CBType)

    traits = traits_def(Pure())
    assembly_format = "$index attr-dict `:` type($result)"

    def __init__(self, index: int, cb_type: CBType):
        super().__init__(properties={"index": IntegerAttr(index, i32)}, result_types=[cb_type])

    def verify_(self) -> None:
        index = self.index.value.data
        if index < 0:
            raise VerifyException(f"CB index must be non-negative, got {index}")
        program = enclosing_program(self)
        if program is None:
            return
        limits = program.device.limits
        if index >= limits.max_cbs:
            raise VerifyException(
                f"CB index {index} is out of range: {limits.name} has "
                f"{limits.max_cbs} CBs per core (0..{limits.max_cbs - 1})"
            )
        desc = program.cb_desc(index)
        if desc is None:
            raise VerifyException(f"CB {index} is not described by the enclosing tt.program")
        cb_type = self.result.type
        assert isinstance(cb_type, CBType)
        if desc.pages.data != cb_type.pages.data or desc.format.data != cb_type.format.data:
            raise VerifyException(
                f"CB {index} is described as {desc.pages.data} pages of "
                f"{desc.format.data.value} but used as {cb_type.pages.data} pages of "
                f"{cb_type.format.data.value}"
            )


class _CBPagesOp(IRDLOperation, ABC):
    """Base of the four protocol ops: a CB and a static page count."""

    cb = operand_def(CBType)
    num_pages = prop_def(I32Prop)

    assembly_format = "$cb `,` $num_pages attr-dict `:` type($cb)"

    def __init__(self, cb: SSAValue | Operation, num_pages: int):
        super().__init__(operands=[cb], properties={"num_pages": IntegerAttr(num_pages, i32)})

    def verify_(self) -> None:
        pages = self.num_pages.value.data
        cb_type = self.cb.type
        assert isinstance(cb_type, CBType)
        if pages <= 0:
            raise VerifyException(f"page count must be positive, got {pages}")
        if pages > cb_type.pages.data:
            raise VerifyException(
                f"page count {pages} exceeds the {cb_type.pages.data} pages of the CB"
            )


@irdl_op_definition
class CBReserveBackOp(_CBPagesOp):
    """Blocks until `num_pages` free pages are at the back of the CB (producer)."""

    name = "tt.cb_reserve_back"
    traits = traits_def(MemoryReadEffect(), MemoryWriteEffect())


@irdl_op_definition
class CBPushBackOp(_CBPagesOp):
    """Publishes `num_pages` written pages to the consumer (producer)."""

    name = "tt.cb_push_back"
    traits = traits_def(MemoryReadEffect(), MemoryWriteEffect())


@irdl_op_definition
class CBWaitFrontOp(_CBPagesOp):
    """Blocks until `num_pages` pages are at the front of the CB (consumer)."""

    name = "tt.cb_wait_front"
    traits = traits_def(MemoryReadEffect(), MemoryWriteEffect())


@irdl_op_definition
class CBPopFrontOp(_CBPagesOp):
    """Frees `num_pages` consumed pages for the producer (consumer)."""

    name = "tt.cb_pop_front"
    traits = traits_def(MemoryReadEffect(), MemoryWriteEffect())


class _CBQueryOp(IRDLOperation, ABC):
    cb = operand_def(CBType)
    result = result_def(i32)

    assembly_format = "$cb attr-dict `:` type($cb)"

    def __init__(self, cb: SSAValue | Operation):
        super().__init__(operands=[cb], result_types=[i32])


@irdl_op_definition
class GetReadPtrOp(_CBQueryOp):
    """L1 address of the front page (valid after `cb_wait_front`)."""

    name = "tt.get_read_ptr"
    traits = traits_def(DataflowOnly(), MemoryReadEffect())


@irdl_op_definition
class GetWritePtrOp(_CBQueryOp):
    """L1 address of the back page (valid after `cb_reserve_back`)."""

    name = "tt.get_write_ptr"
    traits = traits_def(DataflowOnly(), MemoryReadEffect())


@irdl_op_definition
class GetTileSizeOp(_CBQueryOp):
    """Bytes of one page (tile) of the CB."""

    name = "tt.get_tile_size"
    traits = traits_def(Pure())


OPS = [
    GetCBOp,
    CBReserveBackOp,
    CBPushBackOp,
    CBWaitFrontOp,
    CBPopFrontOp,
    GetReadPtrOp,
    GetWritePtrOp,
    GetTileSizeOp,
]
