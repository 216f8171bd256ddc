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
from xdsl.ir import Attribute, Block, Operation, SSAValue

from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.ops.attributes import BufferLayoutAttr, DataFormat, GemmAccumulation
from tt_dialect.ops.cb import GetCBOp
from tt_dialect.ops.tile_program import (
    ClearOp,
    CopyOp,
    FillOp,
    GemmOp,
    LaunchGridOp,
    _ElementwiseOp,
    _ReduceOp,
    _UnaryOp,
)


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


def gemm_updates_buffer(gemm: GemmOp) -> bool:
    """Whether `gemm` is one update of its accumulator buffer (`accumulate = buffer`)
    rather than a member of a K loop whose sums stay in DST or L1.

    Once scheduled, the schedule says. Before, a gemm updates its buffer unless its
    accumulator takes one of the two forms the K-loop schedules handle:
    - cleared beside the gemm (`tt.clear` earlier in its block, nothing else writing it
      in between), and read after it only by unary ops and copies (what DST can apply
      before packing);
    - in a loop whose body touches it only through gemms, and cleared before the loop.
    So a gemm whose result a reduction or a binary op reads (the scores of attention),
    or that adds onto a value other ops keep updating across a loop (attention's
    rescaled output), updates its buffer."""
    if gemm.schedule is not None:
        return gemm.schedule.accumulate.data is GemmAccumulation.BUFFER
    body = gemm.parent_block()
    assert body is not None
    accumulator = gemm.c
    position = body.get_operation_index(gemm)
    earlier = [op for op in body.ops if body.get_operation_index(op) < position]
    writers = [op for op in earlier if _writes(op, accumulator)]
    if writers and isinstance(writers[-1], ClearOp | GemmOp) and any(isinstance(w, ClearOp) for w in writers):
        later = [op for op in body.ops if body.get_operation_index(op) > position]
        return not all(_dst_can_apply(op, accumulator) for op in later if _reads(op, accumulator))
    loop = body.parent_op()
    if not isinstance(loop, scf.ForOp):
        return True
    touching = [op for op in body.ops if _reads(op, accumulator) or _writes(op, accumulator)]
    if any(not isinstance(op, GemmOp) for op in touching):
        return True
    outer = loop.parent_block()
    assert outer is not None
    before_loop = [op for op in outer.ops if outer.get_operation_index(op) < outer.get_operation_index(loop)]
    writers = [op for op in before_loop if _writes(op, accumulator)]
    return not (writers and isinstance(writers[-1], ClearOp))


def buffers_read(op: Operation) -> tuple[SSAValue, ...]:
    """The buffers a tile-program op reads (every operand, for ops that are not tile ops)."""
    if isinstance(op, GemmOp):
        return (op.a, op.b, op.c)
    if isinstance(op, _ElementwiseOp):
        return op.inputs()
    if isinstance(op, CopyOp):
        return (op.src,)
    if isinstance(op, _ReduceOp):
        return (op.src, op.scaler)
    if isinstance(op, ClearOp | FillOp):
        return ()
    return tuple(op.operands)


def buffer_written(op: Operation) -> SSAValue | None:
    """The buffer a tile-program op writes, None for other ops."""
    if isinstance(op, GemmOp):
        return op.c
    if isinstance(op, _ElementwiseOp):
        return op.output()
    if isinstance(op, CopyOp | _ReduceOp | ClearOp | FillOp):
        return op.dst
    return None


def _reads(op: Operation, buffer: SSAValue) -> bool:
    """Whether `op` (or an op nested in it) reads `buffer`."""
    return any(buffer in buffers_read(inner) for inner in op.walk())


def _writes(op: Operation, buffer: SSAValue) -> bool:
    """Whether `op` (or an op nested in it) writes `buffer`."""
    return any(buffer_written(inner) is buffer for inner in op.walk())


def previous_op_touching(op: Operation, buffers: tuple[SSAValue, ...]) -> Operation | None:
    """The closest op before `op` in its block that uses any of `buffers` (itself or an op
    nested in it); None if none does."""
    previous = op.prev_op
    while previous is not None and not any(b in inner.operands for inner in previous.walk() for b in buffers):
        previous = previous.prev_op
    return previous


def _dst_can_apply(op: Operation, accumulator: SSAValue) -> bool:
    """A reader of a gemm result that DST can serve: a unary op or a copy of it."""
    return isinstance(op, _UnaryOp | CopyOp) and op.src is accumulator


def gemm_group_of(gemm: GemmOp) -> GemmGroupShape:
    """The gemms of `gemm`'s block and their K loop: the `scf.for` around them unless
    their accumulators are cleared beside them (then they have none). A gemm that
    updates its buffer (`gemm_updates_buffer`) is a group of its own, without a loop."""
    if gemm_updates_buffer(gemm):
        return GemmGroupShape([gemm], None, [gemm.c], list(dict.fromkeys([gemm.a, gemm.b])))
    body = gemm.parent_block()
    assert body is not None
    gemms = [op for op in body.ops if isinstance(op, GemmOp) and not gemm_updates_buffer(op)]
    cleared_beside = any(
        isinstance(use.operation, ClearOp) and use.operation.parent_block() is body
        for use in gemms[0].c.uses
    )
    parent = body.parent_op()
    loop = parent if isinstance(parent, scf.ForOp) and not cleared_beside else None
    accumulators = list(dict.fromkeys(g.c for g in gemms))
    operands = list(dict.fromkeys([g.a for g in gemms] + [g.b for g in gemms]))
    return GemmGroupShape(gemms, loop, accumulators, operands)
