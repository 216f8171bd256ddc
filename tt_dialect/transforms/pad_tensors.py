"""tt-pad-tensors: tensors whose shape is not made of whole tiles and blocks get padded buffers.

Reads: every tile program (a `func.func` whose body holds a `tt.launch_grid`), its
memref arguments and the `tt.copy` ops between them and buffers, with the offsets of
those copies bounded over every block and loop iteration (`index_bounds`).
Writes: for each argument whose last two dimensions are not whole tiles, or that some
copy reaches past (the last block of a 1000-row tensor in 128-row blocks reaches row
1024; 512 columns in 96-column blocks reach 576), the argument's type with those two
dimensions padded to what the copies reach, rounded up to whole tiles, and
`tt.logical_shape = array<i64: ...>` on the argument: its shape before padding, which
`tt-infer-layout` moves into the buffer layout (`logical = [...]`). A tensor of rank
above 2 is padded in its last two dimensions only (each 2-D slice alike); its leading
dimensions, which a 2-D block indexes with scalars, keep their extents.

Padding is done by the host program in DRAM: it zero-fills the padded elements on
upload and crops them on download (`emit/host.py`), so kernels work on whole tiles and
blocks with no masks. Zero padding keeps a gemm's sums over K exact (the padded K
columns of A and rows of B are zero) and an elementwise op's padded results are never
read. Results equal numpy on the logical region.

A copy whose offsets cannot be bounded, or that starts before a tensor, is left to
`tt-propagate-layout`, which reports it. An argument with a `tt.layout` given by the
user is not padded: padding it is an error naming the shape its layout must have.

One pattern, `PadTensorArguments`, anchored on `func.func`: the padding of an argument
is a whole-function decision (every copy of it counts).
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import ArrayAttr, DenseArrayBase, DictionaryAttr, MemRefType, ModuleOp, i64
from xdsl.ir import BlockArgument
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from tt_dialect.analysis import is_tile_program
from tt_dialect.device import TILE_COLS, TILE_ROWS
from tt_dialect.diagnostics import op_error
from tt_dialect.index_bounds import UnboundedIndex, index_range, never_runs
from tt_dialect.ops import annotations
from tt_dialect.ops.tile_program import CopyOp


def _round_up(size: int, multiple: int) -> int:
    return -(-size // multiple) * multiple


@dataclass(frozen=True)
class PadTensorArguments(RewritePattern):
    """Pads the last two dimensions of every tensor argument of a tile program to
    whole tiles and to what its copies reach."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        if not is_tile_program(op):
            return
        reach = self._reach(op)
        arg_attrs = (
            list(op.arg_attrs.data)
            if op.arg_attrs is not None
            else [DictionaryAttr({}) for _ in op.body.block.args]
        )
        changed = False
        for arg in list(op.body.block.args):
            memref = arg.type
            if not isinstance(memref, MemRefType) or len(memref.get_shape()) < 2:
                continue
            shape = list(memref.get_shape())
            if any(size < 0 for size in shape) or annotations.LOGICAL_SHAPE in arg_attrs[arg.index].data:
                continue
            padded = list(shape)
            for dim, tile in ((len(shape) - 2, TILE_ROWS), (len(shape) - 1, TILE_COLS)):
                padded[dim] = _round_up(max(shape[dim], reach.get((arg.index, dim), 0)), tile)
            if padded == shape:
                continue
            if annotations.LAYOUT in arg_attrs[arg.index].data:
                raise op_error(
                    op,
                    f"argument #{arg.index} has a {annotations.LAYOUT} and a shape of "
                    f"{shape}, which its copies need padded to {padded}; give the padded "
                    "shape to the argument and its layout",
                )
            new_type = MemRefType(memref.element_type, padded)
            rewriter.replace_value_with_new_type(arg, new_type)
            logical = DenseArrayBase.from_list(i64, shape)
            arg_attrs[arg.index] = DictionaryAttr(
                {**arg_attrs[arg.index].data, annotations.LOGICAL_SHAPE: logical}
            )
            changed = True
        if not changed:
            return
        op.arg_attrs = ArrayAttr(arg_attrs)
        op.function_type = func.FunctionType.from_lists(
            [arg.type for arg in op.body.block.args], op.function_type.outputs.data
        )
        rewriter.notify_op_modified(op)

    @staticmethod
    def _reach(op: func.FuncOp) -> dict[tuple[int, int], int]:
        """(argument index, dimension) -> the largest offset plus extent any copy of the
        argument reaches in that dimension, over every block and loop iteration."""
        reach: dict[tuple[int, int], int] = {}
        for copy in op.body.walk():
            if not isinstance(copy, CopyOp) or never_runs(copy) or (access := copy.tensor_access()) is None:
                continue
            tensor, indices, region = access
            if not isinstance(tensor, BlockArgument) or tensor.owner is not op.body.block:
                continue
            assert isinstance(region.type, MemRefType)
            for dim, (index, size) in enumerate(zip(indices, copy.region_extents())):
                try:
                    largest = index_range(index).largest.value
                except UnboundedIndex:
                    continue  # tt-propagate-layout reports it
                key = (tensor.index, dim)
                reach[key] = max(reach.get(key, 0), largest + size)
        return reach


@dataclass(frozen=True)
class PadTensorsPass(ModulePass):
    """Pads every tensor argument of every tile program to whole tiles and blocks."""

    name = "tt-pad-tensors"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(PadTensorArguments(), apply_recursively=False).rewrite_module(op)
