"""Shared pieces of `tt` op definitions: role traits, constraints and lookups
of the enclosing program and kernel."""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING

from xdsl.dialects.builtin import I32, AnyFloat, IndexType, IntegerAttr, i32
from xdsl.ir import Operation
from xdsl.irdl import base, eq
from xdsl.parser import Parser
from xdsl.traits import OpTrait
from xdsl.utils.exceptions import VerifyException

from tt_dialect.device import DST_PHYSICAL_TILES

if TYPE_CHECKING:
    from tt_dialect.ops.program import KernelOp, ProgramOp

TileIndexConstr = base(IndexType) | eq(i32)
"""Tile ids, page counts given at run time and CB tile positions: `index` or `i32`."""

I32Prop = IntegerAttr[I32]


def enclosing_kernel(op: Operation) -> KernelOp | None:
    from tt_dialect.ops.program import KernelOp

    parent = op.parent_op()
    while parent is not None and not isinstance(parent, KernelOp):
        parent = parent.parent_op()
    return parent


def enclosing_program(op: Operation) -> ProgramOp | None:
    from tt_dialect.ops.program import ProgramOp

    parent = op.parent_op()
    while parent is not None and not isinstance(parent, ProgramOp):
        parent = parent.parent_op()
    return parent


@dataclass(frozen=True)
class DataflowOnly(OpTrait):
    """NOC and L1-pointer ops: only legal in reader and writer kernels."""

    def verify(self, op: Operation) -> None:
        kernel = enclosing_kernel(op)
        if kernel is not None and not kernel.role.data.is_dataflow:
            raise VerifyException(
                f"is a dataflow op and cannot appear in compute kernel "
                f"@{kernel.sym_name.data}; it belongs in a reader or writer kernel"
            )


@dataclass(frozen=True)
class ComputeOnly(OpTrait):
    """Tile math, DST and unpack/pack ops: only legal in compute kernels."""

    def verify(self, op: Operation) -> None:
        kernel = enclosing_kernel(op)
        if kernel is not None and kernel.role.data.is_dataflow:
            raise VerifyException(
                "is a compute op and cannot appear in "
                f"{kernel.role.data.value} kernel @{kernel.sym_name.data}; "
                "it belongs in a compute kernel"
            )


def dst_capacity_at(op: Operation) -> tuple[int, str]:
    """DST tiles available to `op` and the reason, from the enclosing compute
    kernel's `#tt.compute_config` (16 physical tiles outside any kernel)."""
    kernel = enclosing_kernel(op)
    config = kernel.compute_config if kernel is not None else None
    if config is None:
        return DST_PHYSICAL_TILES, "physical DST size"
    return config.dst_capacity, config.dst_capacity_reason


def verify_dst_index(op: Operation, index: int, what: str = "DST index") -> None:
    capacity, reason = dst_capacity_at(op)
    if index < 0 or index >= capacity:
        raise VerifyException(
            f"{what} {index} is out of range: DST holds {capacity} tiles ({reason})"
        )


def parse_float_literal(parser: Parser, type_: AnyFloat) -> float:
    """A float property written as a number (`-1.5`, `2`) or, for a value no decimal
    literal spells (±inf), as MLIR's hexadecimal bit pattern of `type_` (`0xFF800000`
    for an f32 -inf, `0xFFF0000000000000` for an f64 one): what xDSL's `print_float`
    prints for non-finite values, read back."""
    token = parser._current_token  # noqa: SLF001 - the literal's spelling decides its meaning
    if token.text[:2].lower() == "0x":
        start = parser.pos
        bits = parser.parse_integer(allow_boolean=False, allow_negative=False)
        width = type_.bitwidth
        if bits >= 1 << width:
            parser.raise_error(f"hexadecimal float literal {token.text} has more than {width} bits", start, parser.pos)
        packed = bits.to_bytes(width // 8, "little")
        return struct.unpack("<f" if width == 32 else "<d", packed)[0]
    return float(parser.parse_number())


def check_finite_or_infinite(value: float, what: str) -> None:
    """Kernel constants are numbers or ±inf (`T.infinity`); NaN is refused."""
    if math.isnan(value):
        raise VerifyException(f"{what} must be a number or ±inf, got NaN")
