"""tt-infer-layout: a typed buffer layout on every tensor argument of a tile program.

Reads: every `func.func` whose body holds a `tt.launch_grid` (a tile program),
its memref arguments and any `tt.layout` the user put on an argument.
Writes: `tt.layout = #tt.buffer_layout<...>` on every memref argument.

The default is DRAM, interleaved, one 32x32 tile per page, with the dtype from
the element type and the shape in tiles from the memref shape (leading
dimensions are batch dimensions and stay as they are). A user annotation wins;
it must agree with the memref (dtype, shape in tiles) and fit the device (shard
grid within the worker grid). An argument that `tt-pad-tensors` padded carries its
shape before padding (`tt.logical_shape`), which moves into the layout's `logical`.
A tile dimension that is not a multiple of 32 is an error naming the argument, the
dimension and the next aligned size (tt-pad-tensors, first in tt-metadata, pads it).

**How it runs.** One rewrite pattern, `AnnotateTensorArguments`, anchored on
`func.func` and applied by a `PatternRewriteWalker`: a whole-function decision,
because what it annotates are the function's arguments (their attributes are
one `arg_attrs` list on the function, not ops of their own) and whether the
function is a tile program at all depends on its body. The function's argument
attributes are written in one change, announced to the rewriter.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import (
    ArrayAttr,
    DenseArrayBase,
    DictionaryAttr,
    MemRefType,
    ModuleOp,
    i64,
)
from xdsl.ir import Attribute, BlockArgument
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from tt_dialect.device import TILE_COLS, TILE_ROWS, DeviceLimits
from tt_dialect.diagnostics import op_error
from tt_dialect.options import DeviceOption
from tt_dialect.analysis import data_format_of, is_tile_program
from tt_dialect.ops import annotations
from tt_dialect.ops.attributes import BufferKind, BufferLayoutAttr, MemorySpace

def _describe(op: func.FuncOp, index: int) -> str:
    arg = op.body.block.args[index]
    hint = f" (%{arg.name_hint})" if arg.name_hint else ""
    return f"argument #{index}{hint}"


@dataclass(frozen=True)
class AnnotateTensorArguments(RewritePattern):
    """Adds or checks `tt.layout` on each memref argument of a tile program."""

    limits: DeviceLimits

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        if not is_tile_program(op):
            return
        arg_attrs = (
            list(op.arg_attrs.data)
            if op.arg_attrs is not None
            else [DictionaryAttr({}) for _ in op.body.block.args]
        )
        updated = [
            self._with_layout(op, arg, attrs)
            for arg, attrs in zip(op.body.block.args, arg_attrs, strict=True)
        ]
        if updated == arg_attrs:
            return
        op.arg_attrs = ArrayAttr(updated)
        rewriter.notify_op_modified(op)

    def _with_layout(self, op: func.FuncOp, arg: BlockArgument, attrs: DictionaryAttr) -> DictionaryAttr:
        if not isinstance(arg.type, MemRefType):
            return attrs
        inferred = self._infer(op, arg.index, arg.type, attrs.data.get(annotations.LOGICAL_SHAPE))
        given = attrs.data.get(annotations.LAYOUT)
        if given is None:
            rest = {name: attr for name, attr in attrs.data.items() if name != annotations.LOGICAL_SHAPE}
            return DictionaryAttr({**rest, annotations.LAYOUT: inferred})
        self._check_annotation(op, arg.index, given, inferred)
        return attrs

    def _infer(
        self, op: func.FuncOp, index: int, memref: MemRefType, logical: Attribute | None
    ) -> BufferLayoutAttr:
        what = _describe(op, index)
        shape = memref.get_shape()
        if len(shape) < 2:
            raise op_error(op, f"{what} has rank {len(shape)}; tensors need at least 2 dimensions")
        if any(dim < 0 for dim in shape):
            raise op_error(op, f"{what} has a dynamic shape; tile programs need static shapes")
        if any(dim == 0 for dim in shape):
            raise op_error(op, f"{what} has no elements (shape {'x'.join(map(str, shape))}); tensors need every dimension positive")
        fmt = data_format_of(memref.element_type)
        if fmt is None:
            raise op_error(
                op,
                f"{what} has element type {memref.element_type}; supported are bf16, f16, f32 and i32",
            )
        rank = len(shape)
        for dim, tile in ((rank - 2, TILE_ROWS), (rank - 1, TILE_COLS)):
            if shape[dim] % tile:
                aligned = -(-shape[dim] // tile) * tile
                raise op_error(
                    op,
                    f"{what} dimension {dim} has size {shape[dim]}, not a multiple of the "
                    f"tile size {tile}; pad it to {aligned}",
                )
        tiles = (*shape[:-2], shape[-2] // TILE_ROWS, shape[-1] // TILE_COLS)
        logical_shape: tuple[int, ...] = ()
        if logical is not None:
            if not isinstance(logical, DenseArrayBase) or logical.elt_type != i64:
                raise op_error(
                    op, f"{what}: {annotations.LOGICAL_SHAPE} must be an array<i64: ...>, got {logical}"
                )
            logical_shape = tuple(logical.get_values())
            if len(logical_shape) != rank or any(
                not 0 < size <= extent for size, extent in zip(logical_shape, shape)
            ):
                raise op_error(
                    op,
                    f"{what}: {annotations.LOGICAL_SHAPE} {list(logical_shape)} must have the "
                    f"argument's rank and fit its {list(shape)} elements",
                )
            if list(logical_shape) == list(shape):
                logical_shape = ()
        return BufferLayoutAttr(MemorySpace.DRAM, BufferKind.INTERLEAVED, fmt, tiles, logical=logical_shape)

    def _check_annotation(
        self, op: func.FuncOp, index: int, given: Attribute, inferred: BufferLayoutAttr
    ) -> None:
        what = _describe(op, index)
        if not isinstance(given, BufferLayoutAttr):
            raise op_error(op, f"{what}: {annotations.LAYOUT} must be a #tt.buffer_layout, got {given}")
        if given.dtype != inferred.dtype:
            raise op_error(
                op,
                f"{what}: layout dtype {given.dtype.data.value} does not match the element "
                f"type ({inferred.dtype.data.value})",
            )
        if given.shape_in_tiles != inferred.shape_in_tiles:
            raise op_error(
                op,
                f"{what}: layout shape {list(given.shape_in_tiles)} tiles does not match the "
                f"tensor's {list(inferred.shape_in_tiles)} tiles",
            )
        spec = given.shard_spec
        rows, cols = self.limits.worker_grid
        if spec is not None and (spec.grid_shape[0] > rows or spec.grid_shape[1] > cols):
            raise op_error(
                op,
                f"{what}: shard grid {list(spec.grid_shape)} is larger than the {rows}x{cols} "
                f"worker grid of {self.limits.name}",
            )


@dataclass(frozen=True)
class InferLayoutPass(ModulePass, DeviceOption):
    """Gives every tensor argument of every tile program a `#tt.buffer_layout`."""

    name = "tt-infer-layout"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        pattern = AnnotateTensorArguments(self.limits)
        PatternRewriteWalker(pattern, apply_recursively=False).rewrite_module(op)
