"""tt-propagate-layout: a circular-buffer descriptor on every shared/fragment buffer.

Reads: tile programs whose tensor arguments carry `tt.layout` (run
`tt-infer-layout` first), their `tt.alloc_shared` / `tt.alloc_fragment` buffers
and the `tt.copy` ops that connect buffers and tensors.
Writes: `tt.cb = #tt.cb_desc<index, pages, page_size, format>` on every buffer.

The role of a buffer comes from dataflow only:
- *input*: filled by a copy from a tensor argument. Inputs get CB indices 0, 1, ...
  ordered by the argument they are filled from, then by program order;
- *output*: copied back to a tensor argument. Outputs get 16, 17, ... in the same order;
- *intermediate*: neither. Intermediates get 24, 25, ... in program order.
A CB page is one 32x32 tile. A buffer of T tiles gets `T * cb-depth` pages, so
the producer can fill the next block while the consumer works on this one
(`cb-depth=2` is double buffering). Inputs and outputs use the data format of
the tensor they come from or go to (packing converts); intermediates that of
their element type.

**How it runs.** One rewrite pattern, `AssignCircularBuffers`, anchored on
`func.func` and applied by a `PatternRewriteWalker`: a whole-function decision,
because a buffer's CB index depends on every other buffer of the function (its
role comes from the copies that connect it to the function's arguments, and its
index from its rank among the buffers of that role, by argument and program
order), so no single alloc can be described alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import MemRefType, ModuleOp
from xdsl.ir import BlockArgument, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from tt_dialect.device import TILE_COLS, TILE_ROWS
from tt_dialect.analysis import argument_layout, data_format_of, is_tile_program
from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.options import CBDepthOption
from tt_dialect.ops.attributes import TILE_BYTES, BufferLayoutAttr, CBDescAttr, DataFormat
from tt_dialect.ops.tile_program import CopyOp, _AllocOp

FIRST_INPUT_CB = 0
FIRST_OUTPUT_CB = 16
FIRST_INTERMEDIATE_CB = 24
END_OF_CBS = 32
"""CB index ranges, following tt-metal's convention (c_0.., c_16.., c_24..)."""


@dataclass(frozen=True)
class _Endpoint:
    """A buffer's connection to a tensor argument through a `tt.copy`."""

    arg_index: int
    program_order: int
    layout: BufferLayoutAttr


@dataclass(frozen=True)
class AssignCircularBuffers(RewritePattern):
    """Describes the CB of every buffer of one tile program."""

    cb_depth: int

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        if not is_tile_program(op):
            return
        allocs = [child for child in op.body.walk() if isinstance(child, _AllocOp)]
        if all(annotations.CB in alloc.attributes for alloc in allocs):
            return
        order = {alloc: position for position, alloc in enumerate(allocs)}
        sources: dict[_AllocOp, _Endpoint] = {}
        sinks: dict[_AllocOp, _Endpoint] = {}
        for position, copy in enumerate(c for c in op.body.walk() if isinstance(c, CopyOp)):
            self._record(op, buffer=copy.dst, tensor=copy.src, position=position, into=sources)
            self._record(op, buffer=copy.src, tensor=copy.dst, position=position, into=sinks)

        inputs = sorted(sources, key=lambda a: (sources[a].arg_index, sources[a].program_order, order[a]))
        outputs = sorted(sinks, key=lambda a: (sinks[a].arg_index, sinks[a].program_order, order[a]))
        for alloc in inputs:
            if alloc in sinks:
                raise op_error(
                    alloc,
                    "buffer is both filled from a tensor and copied back to one; "
                    "use separate input and output buffers",
                )
        intermediates = [a for a in allocs if a not in sources and a not in sinks]

        for first, limit, group, role in (
            (FIRST_INPUT_CB, FIRST_OUTPUT_CB, inputs, "input"),
            (FIRST_OUTPUT_CB, FIRST_INTERMEDIATE_CB, outputs, "output"),
            (FIRST_INTERMEDIATE_CB, END_OF_CBS, intermediates, "intermediate"),
        ):
            for offset, alloc in enumerate(group):
                index = first + offset
                if index >= limit:
                    raise op_error(
                        alloc,
                        f"too many {role} buffers: {len(group)} need CB indices "
                        f"{first}..{first + len(group) - 1}, only {first}..{limit - 1} exist",
                    )
                endpoint = sources.get(alloc) or sinks.get(alloc)
                fmt = endpoint.layout.dtype.data if endpoint else self._own_format(alloc)
                alloc.attributes[annotations.CB] = self._describe(alloc, index, fmt)
        rewriter.notify_op_modified(op)

    @staticmethod
    def _record(
        program: func.FuncOp,
        buffer: SSAValue,
        tensor: SSAValue,
        position: int,
        into: dict[_AllocOp, _Endpoint],
    ) -> None:
        """Note that `buffer` is connected to tensor argument `tensor` by copy number `position`."""
        alloc = buffer.owner
        if not isinstance(alloc, _AllocOp) or not isinstance(tensor, BlockArgument):
            return
        if tensor.owner is not program.body.block or alloc in into:
            return
        into[alloc] = _Endpoint(tensor.index, position, argument_layout(program, tensor.index))

    @staticmethod
    def _own_format(alloc: _AllocOp) -> DataFormat:
        buffer_type = alloc.results[0].type
        assert isinstance(buffer_type, MemRefType)
        fmt = data_format_of(buffer_type.element_type)
        if fmt is None:
            raise op_error(alloc, f"no data format for element type {buffer_type.element_type}")
        return fmt

    def _describe(self, alloc: _AllocOp, index: int, fmt: DataFormat) -> CBDescAttr:
        buffer_type = alloc.results[0].type
        assert isinstance(buffer_type, MemRefType)
        rows, cols = buffer_type.get_shape()
        tiles = (rows // TILE_ROWS) * (cols // TILE_COLS)
        return CBDescAttr(index, tiles * self.cb_depth, TILE_BYTES[fmt], fmt)


@dataclass(frozen=True)
class PropagateLayoutPass(ModulePass, CBDepthOption):
    """Gives every shared/fragment buffer of every tile program a `#tt.cb_desc`."""

    name = "tt-propagate-layout"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        pattern = AssignCircularBuffers(self.cb_depth)
        PatternRewriteWalker(pattern, apply_recursively=False).rewrite_module(op)
