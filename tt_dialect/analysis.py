"""Facts about tile programs that several passes read: the shared analyses.

Layering: `ops/` (the dialect and its contract) <- this module <- `transforms/`
(one pass per module; no pass imports another) <- `emit/` (printers, which read
the program contract and import no pass). A helper that two passes need lives
here, or in `ops/` if it is a fact about one op.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.dialects import func, scf
from xdsl.dialects.builtin import BFloat16Type, Float16Type, Float32Type, IntegerType
from xdsl.ir import Attribute, Block, SSAValue

from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.ops.attributes import BufferLayoutAttr, DataFormat
from tt_dialect.ops.cb import GetCBOp
from tt_dialect.ops.tile_program import ClearOp, GemmOp, LaunchGridOp


def is_tile_program(op: func.FuncOp) -> bool:
    """A function whose body launches a grid: the input level of the pipeline."""
    return any(isinstance(child, LaunchGridOp) for child in op.body.walk())


def argument_layout(program: func.FuncOp, index: int) -> BufferLayoutAttr:
    """The `tt.layout` of argument `index`; an error if tt-infer-layout has not run."""
    attrs = program.arg_attrs.data[index].data if program.arg_attrs else {}
    layout = attrs.get(annotations.LAYOUT)
    if not isinstance(layout, BufferLayoutAttr):
        raise op_error(
            program, f"argument #{index} has no {annotations.LAYOUT}; run tt-infer-layout first"
        )
    return layout


def data_format_of(element_type: Attribute) -> DataFormat | None:
    """The tile data format of a memref element type; None if Tensix has none."""
    match element_type:
        case BFloat16Type():
            return DataFormat.BF16
        case Float16Type():
            return DataFormat.F16
        case Float32Type():
            return DataFormat.F32
        case IntegerType(width=width) if width.data == 32:
            return DataFormat.I32
        case _:
            return None


def cb_source(value: SSAValue) -> GetCBOp | None:
    """The `tt.get_cb` a CB value comes from, following `scf.for` iter_args; None
    if it has none."""
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


@dataclass(frozen=True)
class GemmGroupShape:
    """The gemms of one K-loop body (they accumulate together) and their K loop."""

    gemms: list[GemmOp]
    loop: scf.ForOp | None
    accumulators: list[SSAValue]
    operands: list[SSAValue]
    """The A and B buffers (distinct)."""


def gemm_group_of(gemm: GemmOp) -> GemmGroupShape:
    """The gemms of `gemm`'s block and their K loop: the `scf.for` around them unless
    their accumulators are cleared beside them (then they have none)."""
    body = gemm.parent_block()
    assert body is not None
    gemms = [op for op in body.ops if isinstance(op, GemmOp)]
    cleared_beside = any(
        isinstance(use.operation, ClearOp) and use.operation.parent_block() is body
        for use in gemms[0].c.uses
    )
    parent = body.parent_op()
    loop = parent if isinstance(parent, scf.ForOp) and not cleared_beside else None
    accumulators = list(dict.fromkeys(g.c for g in gemms))
    operands = list(dict.fromkeys([g.a for g in gemms] + [g.b for g in gemms]))
    return GemmGroupShape(gemms, loop, accumulators, operands)
