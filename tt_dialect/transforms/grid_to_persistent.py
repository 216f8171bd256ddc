"""tt-grid-to-persistent: the grid launch becomes a persistent loop on each core.

Reads: tile programs partitioned by `tt-work-partition` (`tt.work_partition`
and `tt.runtime_args` on the function) and their `tt.launch_grid`.
Writes: the launch is replaced by a loop that every working core runs over its
own units:

    %start_arg = tt.get_arg_val 3 : i32        // schema entry `start_unit`
    %count_arg = tt.get_arg_val 4 : i32        // schema entry `num_units`
    ...
    scf.for %unit = %start_unit to %end_unit step %c1 {
      %by = ... ; %bx = ...                    // the block of `%unit`
      <launch body>
    }

Block indices are recomputed from the unit id in the partition's numbering
(row-major over the launch grid; for a 3-D grid, whose partition has blocks
[z, y, x], `bz = unit / (y * x)`, then `by`, `bx` from the rest as for 2-D; or shard by shard in local_shard and block_2d
mode, where a shard of one block makes the unit the core's row-major index). With
`x_order = folded` the x index is the unit's rank in its row folded from both ends:
`half + odd * (gx - 1 - 2 * half)` for `half, odd = divmod(rank, 2)`.
Shared and fragment buffers are hoisted above the loop: a core allocates its
circular buffers once and reuses them for every block.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import IndexType, ModuleOp, UnknownLoc
from xdsl.ir import Block, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)
from xdsl.rewriter import InsertPoint

from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.ops.args import GetArgValOp
from tt_dialect.ops.attributes import ArgKind, PartitionMode, RuntimeArgsAttr, WorkPartitionAttr
from tt_dialect.ops.tile_program import LaunchGridOp, _AllocOp
from tt_dialect.ir_builder import IndexEmitter, located


def schema_index(schema: RuntimeArgsAttr, kind: ArgKind) -> int | None:
    return next(
        (i for i, arg in enumerate(schema.args.data) if arg.arg_kind is kind), None
    )


@dataclass(frozen=True)
class LaunchToPersistentLoop(RewritePattern):
    """Anchored on `tt.launch_grid`.

    Reads the enclosing function's `tt.work_partition` and `tt.runtime_args`.
    Writes, in place of the launch: its shared and fragment buffers, then the
    runtime-argument reads of the core's first unit and unit count, then the
    `scf.for` over the units, whose body computes the block of its unit and then
    runs the launch body with that block."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, launch: LaunchGridOp, rewriter: PatternRewriter, /) -> None:
        program = launch.parent_op()
        while program is not None and not isinstance(program, func.FuncOp):
            program = program.parent_op()
        partition = program.attributes.get(annotations.WORK_PARTITION) if program else None
        schema = program.attributes.get(annotations.RUNTIME_ARGS) if program else None
        if not isinstance(partition, WorkPartitionAttr) or not isinstance(schema, RuntimeArgsAttr):
            raise op_error(
                launch,
                f"the enclosing function has no {annotations.WORK_PARTITION} and {annotations.RUNTIME_ARGS}; "
                "run tt-work-partition first",
            )
        if partition.block_shape != tuple(reversed(launch.grid_shape)):
            raise op_error(
                launch,
                f"launch grid ({', '.join(map(str, launch.grid_shape))}) does not match the "
                f"{list(partition.block_shape)} blocks of the work partition",
            )
        start_entry = self._entry(launch, schema, ArgKind.START_UNIT)
        count_entry = self._entry(launch, schema, ArgKind.NUM_UNITS)

        for alloc in [op for op in launch.body.walk() if isinstance(op, _AllocOp)]:
            hoisted = rewriter.insert(alloc.clone(), InsertPoint.before(launch))
            rewriter.replace(alloc, [], hoisted.results)

        prologue = IndexEmitter()
        start_arg = prologue.add(GetArgValOp(start_entry), "start_arg")
        count_arg = prologue.add(GetArgValOp(count_entry), "count_arg")
        start = prologue.add(arith.IndexCastOp(start_arg, IndexType()), "start_unit")
        count = prologue.add(arith.IndexCastOp(count_arg, IndexType()), "num_units")
        end = prologue.add(arith.AddiOp(start, count), "end_unit")
        step = prologue.constant(1, "unit_step")
        body = Block(arg_types=[IndexType()])
        unit = body.args[0]
        unit.name_hint = "unit"
        loop = scf.ForOp(start, end, step, [], body)
        rewriter.insert(located([*prologue.ops, loop], launch), InsertPoint.before(launch))

        indices = IndexEmitter()
        block_x, block_y = launch.block_indices[:2]
        x_name = "rank_in_row" if partition.folded else block_x.name_hint
        if len(launch.block_indices) == 3:
            block_z = launch.block_indices[2]
            _, rows, cols = partition.block_shape
            plane, rest = indices.divmod(
                unit, indices.constant(rows * cols, "blocks_per_plane"), (block_z.name_hint, "block_in_plane")
            )
            row, col = indices.divmod(rest, indices.constant(cols, "blocks_per_row"), (block_y.name_hint, x_name))
            block_values: tuple[SSAValue, ...] = (self._fold(indices, col, partition, block_x.name_hint), row, plane)
        else:
            row, col = self._block_of(indices, unit, partition, (block_y.name_hint, x_name))
            block_values = (self._fold(indices, col, partition, block_x.name_hint), row)
        end_of_body = scf.YieldOp()
        rewriter.insert(located([*indices.ops, end_of_body], launch), InsertPoint.at_end(body))
        # The launch body's ops without a location take the launch's, as the new ones do.
        for op in launch.body.walk():
            if op.location == UnknownLoc():
                op.location = launch.location
                rewriter.notify_op_modified(op)
        rewriter.inline_block(launch.body.block, InsertPoint.before(end_of_body), block_values)
        rewriter.erase(launch)

    @staticmethod
    def _entry(launch: LaunchGridOp, schema: RuntimeArgsAttr, kind: ArgKind) -> int:
        index = schema_index(schema, kind)
        if index is None:
            raise op_error(
                launch, f"the runtime-argument schema has no {kind.value} entry"
            )
        return index

    @staticmethod
    def _fold(emit: IndexEmitter, rank: SSAValue, partition: WorkPartitionAttr, name: str | None) -> SSAValue:
        """bx of the `rank`-th unit of its row, as `WorkPartitionAttr.fold_x` computes it:
        `rank` itself, or with `x_order = folded` half + odd * (cols - 1 - 2 * half) for
        half, odd = divmod(rank, 2) (rank // 2 from the left for even ranks, from the right
        for odd ones; never negative on the way)."""
        if not partition.folded:
            return rank
        cols = partition.block_shape[-1]
        two = emit.constant(2, "c2")
        half, odd = emit.divmod(rank, two, ("half_rank", "odd_rank"))
        twice = emit.add(arith.MuliOp(half, two), "twice_half")
        mirrored = emit.add(arith.SubiOp(emit.constant(cols - 1, "last_block_x"), twice), "mirror_distance")
        shift = emit.add(arith.MuliOp(odd, mirrored), "mirror_shift")
        return emit.add(arith.AddiOp(half, shift), name)

    @staticmethod
    def _block_of(
        emit: IndexEmitter,
        unit: SSAValue,
        partition: WorkPartitionAttr,
        names: tuple[str | None, str | None],
    ) -> tuple[SSAValue, SSAValue]:
        """(row, col) of the block `unit`, as `WorkPartitionAttr.block_of` computes it."""
        _, cols = partition.block_shape
        if partition.mode.data is PartitionMode.GLOBAL:
            return emit.divmod(unit, emit.constant(cols, "blocks_per_row"), names)
        shard_rows, shard_cols = partition.shard_block_shape
        if shard_rows * shard_cols == 1:  # one block per core: the unit is the core's index
            return emit.divmod(unit, emit.constant(cols, "cores_per_row"), names)
        blocks_per_shard = emit.constant(shard_rows * shard_cols, "blocks_per_shard")
        shard, local = emit.divmod(unit, blocks_per_shard, ("shard", "block_in_shard"))
        shard_row, shard_col = emit.divmod(
            shard, emit.constant(cols // shard_cols, "shards_per_row"), ("shard_row", "shard_col")
        )
        shard_width = emit.constant(shard_cols, "shard_width")
        local_row, local_col = emit.divmod(local, shard_width, ("row_in_shard", "col_in_shard"))
        first_row = emit.add(
            arith.MuliOp(shard_row, emit.constant(shard_rows, "shard_height")), "shard_first_row"
        )
        first_col = emit.add(arith.MuliOp(shard_col, shard_width), "shard_first_col")
        row = emit.add(arith.AddiOp(first_row, local_row), names[0])
        col = emit.add(arith.AddiOp(first_col, local_col), names[1])
        return row, col


@dataclass(frozen=True)
class GridToPersistentPass(ModulePass):
    """Turns every partitioned grid launch into a per-core persistent loop."""

    name = "tt-grid-to-persistent"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(LaunchToPersistentLoop(), apply_recursively=False).rewrite_module(op)
