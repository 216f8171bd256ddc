"""tt-propagate-layout: a circular-buffer descriptor on every shared/fragment buffer.

Reads: tile programs whose tensor arguments carry `tt.layout` (run
`tt-infer-layout` first), their `tt.alloc_shared` / `tt.alloc_fragment` buffers,
the `tt.copy` ops that connect buffers and tensors, the `tt.pipeline` attribute of
the `scf.for` loops around those copies, and the index arithmetic of the copies'
tensor offsets.
Writes: `tt.cb = #tt.cb_desc<index, pages, page_size, format>` on every buffer.

The role of a buffer comes from dataflow only:
- *input*: filled by a copy from a tensor argument. Inputs get CB indices 0, 1, ...
  ordered by the argument they are filled from, then by program order;
- *output*: copied back to a tensor argument. Outputs get 16, 17, ... in the same order;
- *intermediate*: neither. Intermediates get 24, 25, ... in program order.
A CB page is one 32x32 tile. A buffer of T tiles holds `depth` blocks of T pages,
so the producer can fill the next blocks while the consumer works on this one:
- an input buffer filled by a copy inside a pipelined loop (an `scf.for` carrying
  `tt.pipeline = #tt.pipeline<stages = N>`, TileLang's `T.Pipelined(n, num_stages=N)`)
  holds N blocks: the reader runs up to N - 1 blocks ahead of compute, and
  `stages = 1` is single buffering. The nearest pipelined loop around the copy
  decides (loops without the attribute in between do not matter); a buffer filled
  by several copies gets the largest depth any of them asks for;
- every other buffer, and an input filled by a copy in no pipelined loop, holds
  `cb-depth` blocks (default 2: double buffering).
Inputs and outputs use the data format of the tensor they come from or go to
(packing converts); intermediates that of their element type.

A 2-D buffer copied to or from a tensor of higher rank spans the tensor's last two
dimensions; its leading indices are positions (a region of extent 1), bounded the same
way but never padded.

Every copy between a tensor and a buffer must stay inside the tensor for every
block of the launch grid and every iteration of its loops: its tensor offsets must
be affine forms over block and loop indices (`tt_dialect.index_bounds`), and the
largest offset plus the copied extent must not exceed the tensor's dimension (nor
the smallest be negative). A block size that does not divide its tensor is refused
here, with the block or iteration that reaches past the end, rather than read or
written out of bounds at run time. Copies inside a loop with constant bounds that
never runs are not checked.

**How it runs.** One rewrite pattern, `AssignCircularBuffers`, anchored on
`func.func` and applied by a `PatternRewriteWalker`: a whole-function decision,
because a buffer's CB index depends on every other buffer of the function (its
role comes from the copies that connect it to the function's arguments, and its
index from its rank among the buffers of that role, by argument and program
order), and its depth on the loops around the copies that fill it, so no single
alloc can be described alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import func, scf
from xdsl.dialects.builtin import MemRefType, ModuleOp
from xdsl.ir import BlockArgument, Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from tt_dialect.ir_builder import buffer_tiles
from tt_dialect.analysis import argument_layout, data_format_of, gemm_group_of, is_tile_program
from tt_dialect.diagnostics import op_error
from tt_dialect.index_bounds import UnboundedIndex, constant_index, index_range, never_runs
from tt_dialect.ops import annotations
from tt_dialect.ops.attributes import (
    TILE_BYTES,
    BufferLayoutAttr,
    CBDescAttr,
    DataFormat,
    PipelineAttr,
)
from tt_dialect.device import (
    END_OF_CBS,
    FIRST_INPUT_CB,
    FIRST_INTERMEDIATE_CB,
    FIRST_OUTPUT_CB,
    INTERMEDIATE_CB_PREFERENCE,
)
from tt_dialect.options import CBDepthOption
from tt_dialect.ops.tile_program import CopyOp, GemmOp, _AllocOp


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
        copies = [c for c in op.body.walk() if isinstance(c, CopyOp)]
        for copy in copies:
            check_copy_bounds(op, copy)
        for gemm in op.body.walk():
            if isinstance(gemm, GemmOp):
                check_gemm_loop_runs(gemm)
        allocs = [child for child in op.body.walk() if isinstance(child, _AllocOp)]
        if all(annotations.CB in alloc.attributes for alloc in allocs):
            return
        order = {alloc: position for position, alloc in enumerate(allocs)}
        sources: dict[_AllocOp, _Endpoint] = {}
        sinks: dict[_AllocOp, _Endpoint] = {}
        depths: dict[_AllocOp, int] = {}
        for position, copy in enumerate(copies):
            self._record(op, buffer=copy.dst, tensor=copy.src, position=position, into=sources)
            self._record(op, buffer=copy.src, tensor=copy.dst, position=position, into=sinks)
            filled = copy.dst.owner
            if isinstance(filled, _AllocOp) and _is_argument(op, copy.src):
                stages = pipeline_stages(op, copy)
                depth = self.cb_depth if stages is None else stages
                depths[filled] = max(depths.get(filled, 0), depth)

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

        indices: dict[_AllocOp, int] = {}
        for first, limit, group, role in (
            (FIRST_INPUT_CB, FIRST_OUTPUT_CB, inputs, "input"),
            (FIRST_OUTPUT_CB, FIRST_INTERMEDIATE_CB, outputs, "output"),
        ):
            for offset, alloc in enumerate(group):
                if first + offset >= limit:
                    raise op_error(
                        alloc,
                        f"too many {role} buffers: {len(group)} need CB indices "
                        f"{first}..{first + len(group) - 1}, only {first}..{limit - 1} exist",
                    )
                indices[alloc] = first + offset
        free = [i for i in INTERMEDIATE_CB_PREFERENCE if i not in indices.values()]
        if len(intermediates) > len(free):
            raise op_error(
                intermediates[len(free)],
                f"too many buffers: {len(allocs)} need circular buffers, a core has "
                f"{END_OF_CBS} (c_0..c_{END_OF_CBS - 1})",
            )
        indices.update(zip(intermediates, free))
        for alloc in allocs:
            endpoint = sources.get(alloc) or sinks.get(alloc)
            fmt = endpoint.layout.dtype.data if endpoint else self._own_format(alloc)
            depth = depths.get(alloc, self.cb_depth)
            alloc.attributes[annotations.CB] = self._describe(alloc, indices[alloc], fmt, depth)
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
        if not isinstance(alloc, _AllocOp) or not _is_argument(program, tensor):
            return
        assert isinstance(tensor, BlockArgument)
        if alloc in into:
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

    @staticmethod
    def _describe(alloc: _AllocOp, index: int, fmt: DataFormat, depth: int) -> CBDescAttr:
        rows, cols = buffer_tiles(alloc.results[0])
        return CBDescAttr(index, rows * cols * depth, TILE_BYTES[fmt], fmt)


def _is_argument(program: func.FuncOp, value: SSAValue) -> bool:
    return isinstance(value, BlockArgument) and value.owner is program.body.block


def pipeline_stages(program: func.FuncOp, op: Operation) -> int | None:
    """The stages of the nearest `scf.for` around `op` (inside `program`) that carries
    `tt.pipeline`, or None when no loop around `op` does."""
    parent = op.parent_op()
    while parent is not None and parent is not program:
        if isinstance(parent, scf.ForOp) and annotations.PIPELINE in parent.attributes:
            attr = parent.attributes[annotations.PIPELINE]
            if not isinstance(attr, PipelineAttr):
                raise op_error(
                    parent, f"{annotations.PIPELINE} must be a #tt.pipeline<stages = N>, got {attr}"
                )
            return attr.stages.data
        parent = parent.parent_op()
    return None


_UNITS = (("row", "rows"), ("column", "columns"))
"""What an offset counts along the last two dimensions of a tensor."""


def _shape_text(type_: MemRefType) -> str:
    return "x".join("?" if d < 0 else str(d) for d in type_.get_shape())


def check_copy_bounds(program: func.FuncOp, copy: CopyOp) -> None:
    """Raises a located error unless every block and iteration copies inside the tensor."""
    access = copy.tensor_access()
    if access is None:
        return
    tensor, indices, region = access
    direction = "from" if copy.src_indices else "to"
    if never_runs(copy):
        return
    tensor_type, region_type = tensor.type, region.type
    assert isinstance(tensor_type, MemRefType) and isinstance(region_type, MemRefType)
    tensor_text = f"{_shape_text(tensor_type)}x{tensor_type.element_type}"
    if _is_argument(program, tensor):
        assert isinstance(tensor, BlockArgument)
        tensor_text = f"argument #{tensor.index} ({tensor_text})"
    else:
        tensor_text = f"a {tensor_text} tensor"
    what = f"the {_shape_text(region_type)} region copied {direction} {tensor_text}"
    rank = len(tensor_type.get_shape())
    dims = zip(indices, copy.region_extents(), tensor_type.get_shape())
    for dim, (index, size, extent) in enumerate(dims):
        if extent < 0:
            continue
        # The last two dimensions count rows and columns; leading (batch) ones count
        # positions, the scalar index of a 2-D block copied from a higher-rank tensor.
        leading = dim < rank - 2
        unit, units = ("index", "positions") if leading else _UNITS[dim - (rank - 2)]
        try:
            bounds = index_range(index)
        except UnboundedIndex as e:
            raise op_error(
                copy,
                f"cannot bound the {unit} offset (dimension {dim}) of {what}: {e.reason}; an "
                "offset must be computed from tt.launch_grid block indices and scf.for loop "
                "indices by arith.constant, arith.addi, arith.subi and arith.muli by a constant, arith.divui and arith.remui of a non-negative index by a constant, or arith.minui and arith.maxui of non-negative indices",
            ) from None
        form = bounds.form.text()
        for extreme, past in ((bounds.smallest, False), (bounds.largest, True)):
            start = extreme.value
            if (start + size <= extent) if past else (start >= 0):
                continue
            where = f"with {extreme.bindings_text()}, " if extreme.values else ""
            offset = form if form == str(start) else f"{form} = {start}"
            if past and leading:
                raise op_error(
                    copy,
                    f"{what} runs past dimension {dim}: {where}its {unit} {offset} is not below "
                    f"the tensor's {extent} {units}; a leading (batch) dimension is never padded, "
                    "so every block and loop iteration must index inside it",
                )
            if past:
                raise op_error(
                    copy,
                    f"{what} runs past dimension {dim}: {where}its {unit} offset {offset} plus "
                    f"{size} {units} reaches {start + size}, beyond the tensor's {extent} "
                    f"{units}; every block and loop iteration must copy inside the tensor "
                    "(tt-pad-tensors, first in tt-metadata, pads it to what its copies reach)",
                )
            raise op_error(
                copy,
                f"{what} starts before dimension {dim}: {where}its {unit} offset {offset} is "
                "negative; every block and loop iteration must copy inside the tensor",
            )


def check_gemm_loop_runs(gemm: GemmOp) -> None:
    """Raises a located error unless a gemm's K loop whose bounds are computed at run time
    (a trip count such as `T.min(T.ceildiv(n, b), bx + 1)`) runs at least once in every
    block: the sums stay in DST over the K loop and are packed after it, so a K loop
    without an iteration would pack DST that no gemm wrote."""
    loop = gemm_group_of(gemm).loop
    if loop is None or (constant_index(loop.lb) is not None and constant_index(loop.ub) is not None):
        return
    try:
        lower, upper = index_range(loop.lb), index_range(loop.ub)
    except UnboundedIndex as e:
        raise op_error(gemm, f"cannot bound the trip count of the gemm's K loop: {e.reason}") from None
    if upper.smallest.value > lower.largest.value:
        return
    raise op_error(
        gemm,
        f"the gemm's K loop can run no iteration: its upper bound {upper.form.text()} can be "
        f"{upper.smallest.value}, not above its lower bound {lower.form.text()}; the gemm's "
        "sums stay in DST over the K loop, which must run at least once in every block",
    )


@dataclass(frozen=True)
class PropagateLayoutPass(ModulePass, CBDepthOption):
    """Gives every shared/fragment buffer of every tile program a `#tt.cb_desc`."""

    name = "tt-propagate-layout"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        pattern = AssignCircularBuffers(self.cb_depth)
        PatternRewriteWalker(pattern, apply_recursively=False).rewrite_module(op)
