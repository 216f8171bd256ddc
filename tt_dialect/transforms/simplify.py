"""tt-simplify: exact simplifications of a tile program's buffer ops, before any buffer gets
a circular buffer (the first stage of `tt-metadata`).

Reads: tile programs (`func.func`s holding a `tt.launch_grid`): `tt.fill` / `tt.clear`,
elementwise ops, reductions and buffer-to-buffer `tt.copy`, in straight-line order within a
block (nothing is moved across a loop's boundary).
Writes:
- **identity combines.** `tt.fill %v, -inf` followed, with nothing else touching `%v` in
  between, by `tt.max %v, %x to %v` (or `%x, %v`): the maximum with -inf is `%x` itself, so
  the fill goes and the max becomes `tt.copy %x to %v`. Likewise `tt.min` after a +inf fill
  and `tt.add` after a 0 fill or a `tt.clear`. TileLang's `T.fill(m, -T.infinity(...))` then
  `T.reduce_max(s, m, clear=False)` (flash attention's running maximum) so costs one
  reduction instead of an SFPU fill, a reduction and an SFPU maximum per step.
- **copy forwarding.** `tt.copy %x to %v` where `%x` is computed (an elementwise op or a
  reduction) by the closest op before it touching either buffer, that op reads neither, and
  nothing else uses `%x`: that op writes `%v` instead, and the copy and `%x`'s buffer go. A
  buffer a tensor's copy fills is left alone (the reader kernel fills it; `%v` may be a
  buffer that is copied out).
- **repeated computations.** An elementwise op (or a reduction) into a buffer nothing else
  writes, identical (op, inputs, properties) to an earlier op of the block into such a
  buffer, with neither the inputs nor the earlier result written in between: its uses read
  the earlier result, and it and its buffer go. TileLang's attention computes
  `scores_max[i] * scale` twice per step (for the rescaling factor and for the
  exponentials); it is computed once.
All are exact: max(-inf, x) = x, min(+inf, x) = x, 0 + x = x for every non-NaN x (a NaN
stays a NaN), a copy between buffers of one type moves values unchanged, and an op computes
the same values from the same inputs.

Patterns `FoldIdentityCombine` (on `tt.max` / `tt.min` / `tt.add`), `ForwardCopiedValue` (on
`tt.copy`) and `ReuseRepeatedComputation` (on elementwise ops and reductions), walked to a
fixed point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from tt_dialect.analysis import buffer_written, buffers_read, previous_op_touching
from tt_dialect.ir_builder import located
from tt_dialect.ops.tile_program import (
    AddOp,
    ClearOp,
    CopyOp,
    FillOp,
    MaxOp,
    MinOp,
    _AllocOp,
    _ElementwiseOp,
    _ReduceOp,
)


def _identity_of(op: AddOp | MaxOp | MinOp) -> float:
    if isinstance(op, MaxOp):
        return -math.inf
    if isinstance(op, MinOp):
        return math.inf
    return 0.0


@dataclass(frozen=True)
class FoldIdentityCombine(RewritePattern):
    """Anchor: `tt.max` / `tt.min` / `tt.add` without a broadcast, updating one operand in
    place right after that operand's fill with the op's identity."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: AddOp | MaxOp | MinOp, rewriter: PatternRewriter, /) -> None:
        if not isinstance(op, AddOp | MaxOp | MinOp) or op.broadcast is not None:
            return
        target = op.output()
        lhs, rhs = op.inputs()
        if (lhs is target) == (rhs is target) or lhs.type != rhs.type:
            return
        other = rhs if lhs is target else lhs
        fill = previous_op_touching(op, (target,))
        if isinstance(fill, ClearOp):
            value = 0.0
        elif isinstance(fill, FillOp):
            value = fill.value.value.data
        else:
            return
        if fill.dst is not target or value != _identity_of(op):
            return
        rewriter.replace(op, located([CopyOp(other, target)], op))
        rewriter.erase(fill)


@dataclass(frozen=True)
class ForwardCopiedValue(RewritePattern):
    """Anchor: `tt.copy %x to %v` between buffers of one type, `%x` computed by the closest
    op before it touching `%x` or `%v` and read by nothing but the copy."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: CopyOp, rewriter: PatternRewriter, /) -> None:
        if not op.between_buffers or op.src.type != op.dst.type:
            return
        source, target = op.src, op.dst
        alloc = source.owner
        if not isinstance(alloc, _AllocOp):
            return
        writer = previous_op_touching(op, (source, target))
        if not isinstance(writer, _ElementwiseOp | _ReduceOp):
            return  # a tensor's copy fills a buffer the reader kernel owns: it stays
        if buffer_written(writer) is not source or {source, target} & set(buffers_read(writer)):
            return
        if any(use.operation not in (writer, op) for use in source.uses):
            return
        rewriter.replace_uses_with_if(source, target, lambda use: use.operation is writer)
        rewriter.erase(op)
        rewriter.erase(alloc)


def _written_only_by(buffer: SSAValue, op: Operation) -> bool:
    return isinstance(buffer.owner, _AllocOp) and all(
        buffer_written(use.operation) is not buffer or use.operation is op for use in buffer.uses
    )


@dataclass(frozen=True)
class ReuseRepeatedComputation(RewritePattern):
    """Anchor: an elementwise op or a reduction whose result buffer only it writes; an
    identical earlier op of its block computed the same values into such a buffer."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: _ElementwiseOp | _ReduceOp, rewriter: PatternRewriter, /) -> None:
        if not isinstance(op, _ElementwiseOp | _ReduceOp):
            return
        result = buffer_written(op)
        assert result is not None
        inputs = buffers_read(op)
        if result in inputs or not _written_only_by(result, op):
            return
        earlier = op.prev_op
        while earlier is not None:
            if (
                type(earlier) is type(op)
                and buffers_read(earlier) == inputs
                and earlier.properties == op.properties
                and earlier.attributes == op.attributes
            ):
                same = buffer_written(earlier)
                if same is not None and same.type == result.type and _written_only_by(same, earlier):
                    alloc = result.owner
                    rewriter.erase(op)
                    rewriter.replace_all_uses_with(result, same)
                    rewriter.erase(alloc)
                    return
            if any(buffer_written(inner) in (*inputs, result) for inner in earlier.walk()):
                return
            earlier = earlier.prev_op


@dataclass(frozen=True)
class SimplifyPass(ModulePass):
    """Identity combines folded, copies of fresh values forwarded, repeated computations reused."""

    name = "tt-simplify"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(
            GreedyRewritePatternApplier([FoldIdentityCombine(), ForwardCopiedValue(), ReuseRepeatedComputation()])
        ).rewrite_module(op)
