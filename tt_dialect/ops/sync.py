"""Synchronisation and multicast ops: semaphores, core NOC addresses, multicast writes.

The multicast schedule's vocabulary: a sender core writes a
block to a rectangle of receiver cores with one multicast, and semaphores in each
core's L1 say when a block may be sent (the receivers increment the sender's
semaphore) and when it has landed (the sender sets the receivers' semaphore by
multicast). Every op is one tt-metal v0.74.0 dataflow-API call
(`api/dataflow/dataflow_api.h`); like the other NOC ops, they run on a
data-movement core and are rejected inside compute kernels. `tt-lower-shared-to-cb`
creates them for the loads `tt-schedule-multicast` marks.
"""

from __future__ import annotations

from abc import ABC
from typing import ClassVar

from xdsl.dialects import arith
from xdsl.dialects.builtin import IntegerAttr, UnitAttr, i32
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.irdl import (
    IRDLOperation,
    irdl_op_definition,
    operand_def,
    opt_prop_def,
    prop_def,
    result_def,
    traits_def,
)
from xdsl.traits import MemoryReadEffect, MemoryWriteEffect, Pure
from xdsl.utils.exceptions import VerifyException

from tt_dialect.device import SEMAPHORES_PER_CORE
from tt_dialect.ops.base import DataflowOnly, I32Prop, enclosing_program
from tt_dialect.ops.types import NocAddrType


def _loopback_prop(loopback: bool) -> dict[str, Attribute]:
    return {"loopback": UnitAttr()} if loopback else {}


def _constant_value(value: SSAValue) -> int | None:
    """The integer of an `arith.constant` operand; None for anything else."""
    owner = value.owner
    if isinstance(owner, arith.ConstantOp) and isinstance(owner.value, IntegerAttr):
        return owner.value.value.data
    return None


@irdl_op_definition
class GetSemaphoreOp(IRDLOperation):
    """`%sem = tt.get_semaphore 0`: the L1 address of this core's semaphore `id`
    (`get_semaphore(id)`), the same on every core of the program. Inside a
    `tt.program` the id must be one of the program's `semaphores` (the host
    creates only those)."""

    name = "tt.get_semaphore"

    id = prop_def(I32Prop)
    result = result_def(i32)

    traits = traits_def(DataflowOnly(), Pure())
    assembly_format = "$id attr-dict"

    def __init__(self, id: int):
        super().__init__(properties={"id": IntegerAttr(id, i32)}, result_types=[i32])

    def verify_(self) -> None:
        id = self.id.value.data
        if not 0 <= id < SEMAPHORES_PER_CORE:
            raise VerifyException(
                f"semaphore id {id} is out of range: a core has {SEMAPHORES_PER_CORE} "
                f"semaphores (ids 0..{SEMAPHORES_PER_CORE - 1})"
            )
        program = enclosing_program(self)
        if program is not None and id not in {sem.id.data for sem in program.semaphores.data}:
            raise VerifyException(
                f"semaphore {id} is not among the semaphores of program @{program.sym_name.data}"
            )


class _LocalSemaphoreOp(IRDLOperation, ABC):
    """`(addr, value)` on a semaphore in this core's L1 (`addr` from `tt.get_semaphore`)."""

    addr = operand_def(i32)
    value = operand_def(i32)

    traits = traits_def(DataflowOnly(), MemoryReadEffect(), MemoryWriteEffect())
    assembly_format = "$addr `,` $value attr-dict"

    def __init__(self, addr: SSAValue | Operation, value: SSAValue | Operation):
        super().__init__(operands=[addr, value])


@irdl_op_definition
class SemaphoreSetOp(_LocalSemaphoreOp):
    """`tt.semaphore_set %sem, %value`: stores `value` in the local semaphore at
    L1 address `sem` (`noc_semaphore_set(ptr, value)`)."""

    name = "tt.semaphore_set"


@irdl_op_definition
class SemaphoreWaitOp(_LocalSemaphoreOp):
    """`tt.semaphore_wait %sem, %value`: blocks until the local semaphore at L1
    address `sem` equals `value` (`noc_semaphore_wait(ptr, value)`)."""

    name = "tt.semaphore_wait"


@irdl_op_definition
class SemaphoreIncOp(IRDLOperation):
    """`tt.semaphore_inc %noc_addr, %incr`: atomically adds `incr` to the
    semaphore at `noc_addr`, usually another core's (`noc_semaphore_inc`)."""

    name = "tt.semaphore_inc"

    noc_addr = operand_def(NocAddrType)
    incr = operand_def(i32)

    traits = traits_def(DataflowOnly(), MemoryReadEffect(), MemoryWriteEffect())
    assembly_format = "$noc_addr `,` $incr attr-dict"

    def __init__(self, noc_addr: SSAValue | Operation, incr: SSAValue | Operation):
        super().__init__(operands=[noc_addr, incr])


@irdl_op_definition
class GetCoreNocAddrOp(IRDLOperation):
    """`%a = tt.get_core_noc_addr %x, %y, %addr`: the NOC address of L1 address
    `addr` on the core at NOC coordinates (x, y) (`get_noc_addr(x, y, addr)`;
    `tt.get_noc_addr` is the accessor form of the same C++ name)."""

    name = "tt.get_core_noc_addr"

    x = operand_def(i32)
    y = operand_def(i32)
    addr = operand_def(i32)
    result = result_def(NocAddrType)

    traits = traits_def(DataflowOnly(), Pure())
    assembly_format = "$x `,` $y `,` $addr attr-dict"

    def __init__(self, x: SSAValue | Operation, y: SSAValue | Operation, addr: SSAValue | Operation):
        super().__init__(operands=[x, y, addr], result_types=[NocAddrType()])


@irdl_op_definition
class GetNocMulticastAddrOp(IRDLOperation):
    """`%m = tt.get_noc_multicast_addr %x0, %y0, %x1, %y1, %addr`: the NOC
    multicast address of L1 address `addr` on every core of the rectangle from
    (x0, y0) to (x1, y1), NOC coordinates (`get_noc_multicast_addr`)."""

    name = "tt.get_noc_multicast_addr"

    x_start = operand_def(i32)
    y_start = operand_def(i32)
    x_end = operand_def(i32)
    y_end = operand_def(i32)
    addr = operand_def(i32)
    result = result_def(NocAddrType)

    traits = traits_def(DataflowOnly(), Pure())
    assembly_format = "$x_start `,` $y_start `,` $x_end `,` $y_end `,` $addr attr-dict"

    def __init__(
        self,
        x_start: SSAValue | Operation,
        y_start: SSAValue | Operation,
        x_end: SSAValue | Operation,
        y_end: SSAValue | Operation,
        addr: SSAValue | Operation,
    ):
        super().__init__(operands=[x_start, y_start, x_end, y_end, addr], result_types=[NocAddrType()])


class _MulticastOp(IRDLOperation, ABC):
    """A multicast from this core's L1 at `src_l1_addr` to `dst_noc_addr` (from
    `tt.get_noc_multicast_addr`) on `num_dests` cores. `num_dests` is an operand
    (the rectangle is known at run time on each sender); a constant one must be
    positive. With `loopback` the sender is in the rectangle and is written
    too (the `_loopback_src` call), and `num_dests` counts it."""

    API_NAME: ClassVar[str]
    """The kernel-API function without loopback."""

    traits = traits_def(DataflowOnly(), MemoryReadEffect(), MemoryWriteEffect())

    @property
    def callee(self) -> str:
        """The kernel-API function of this multicast."""
        loopback = self.properties.get("loopback") is not None
        return f"{self.API_NAME}_loopback_src" if loopback else self.API_NAME

    def verify_(self) -> None:
        count = _constant_value(self.operands[-1])
        if count is not None and count <= 0:
            raise VerifyException(f"num_dests must be positive, got {count}")


@irdl_op_definition
class NocAsyncWriteMulticastOp(_MulticastOp):
    """`tt.noc_async_write_multicast %src, %dst, %size, num_dests = %n [loopback]`:
    starts a NOC write of `size` bytes from L1 `src` to every core of the
    multicast address `dst` (`noc_async_write_multicast(src, dst, size, n)` or
    `noc_async_write_multicast_loopback_src`); completes at the next
    `noc_async_write_barrier`."""

    name = "tt.noc_async_write_multicast"
    API_NAME: ClassVar[str] = "noc_async_write_multicast"

    src_l1_addr = operand_def(i32)
    dst_noc_addr = operand_def(NocAddrType)
    size = operand_def(i32)
    num_dests = operand_def(i32)
    loopback = opt_prop_def(UnitAttr)

    assembly_format = (
        "$src_l1_addr `,` $dst_noc_addr `,` $size `,` `num_dests` `=` $num_dests "
        "(`loopback` $loopback^)? attr-dict"
    )

    def __init__(
        self,
        src_l1_addr: SSAValue | Operation,
        dst_noc_addr: SSAValue | Operation,
        size: SSAValue | Operation,
        num_dests: SSAValue | Operation,
        loopback: bool = False,
    ):
        super().__init__(
            operands=[src_l1_addr, dst_noc_addr, size, num_dests], properties=_loopback_prop(loopback)
        )


@irdl_op_definition
class SemaphoreSetMulticastOp(_MulticastOp):
    """`tt.semaphore_set_multicast %src, %dst, num_dests = %n [loopback]`: copies
    the local semaphore at L1 `src` to the semaphore at the multicast address
    `dst` on every core of its rectangle (`noc_semaphore_set_multicast(src, dst, n)`
    or `noc_semaphore_set_multicast_loopback_src`)."""

    name = "tt.semaphore_set_multicast"
    API_NAME: ClassVar[str] = "noc_semaphore_set_multicast"

    src_l1_addr = operand_def(i32)
    dst_noc_addr = operand_def(NocAddrType)
    num_dests = operand_def(i32)
    loopback = opt_prop_def(UnitAttr)

    assembly_format = (
        "$src_l1_addr `,` $dst_noc_addr `,` `num_dests` `=` $num_dests "
        "(`loopback` $loopback^)? attr-dict"
    )

    def __init__(
        self,
        src_l1_addr: SSAValue | Operation,
        dst_noc_addr: SSAValue | Operation,
        num_dests: SSAValue | Operation,
        loopback: bool = False,
    ):
        super().__init__(operands=[src_l1_addr, dst_noc_addr, num_dests], properties=_loopback_prop(loopback))


@irdl_op_definition
class NocAsyncWritesFlushedOp(IRDLOperation):
    """`tt.noc_async_writes_flushed`: blocks until every NOC write this core has
    issued has left its L1 (`noc_async_writes_flushed()`), so the source may be
    overwritten; unlike `tt.noc_async_write_barrier` it does not wait for the
    destinations' acknowledgement. A multicast sender flushes before it lets its
    CB pages be reused."""

    name = "tt.noc_async_writes_flushed"

    traits = traits_def(DataflowOnly(), MemoryReadEffect(), MemoryWriteEffect())
    assembly_format = "attr-dict"

    def __init__(self):
        super().__init__()


HANDSHAKE_OPS: tuple[type[IRDLOperation], ...] = (
    SemaphoreSetOp,
    SemaphoreWaitOp,
    SemaphoreIncOp,
    NocAsyncWriteMulticastOp,
    NocAsyncWritesFlushedOp,
    SemaphoreSetMulticastOp,
)
"""The ops with an effect: a multicast load's handshake (the others compute addresses)."""

OPS = [
    GetSemaphoreOp,
    SemaphoreSetOp,
    SemaphoreWaitOp,
    SemaphoreIncOp,
    GetCoreNocAddrOp,
    GetNocMulticastAddrOp,
    NocAsyncWriteMulticastOp,
    SemaphoreSetMulticastOp,
    NocAsyncWritesFlushedOp,
]
