"""tt-work-partition: split a tile program's work units over a grid of cores.

Reads: tile programs (a `func.func` holding one `tt.launch_grid`) whose tensor
arguments carry `tt.layout` (run `tt-infer-layout` first).
Writes on the function:
- `tt.work_partition = #tt.work_partition<...>`: which cores compute which work
  units, as rectangles of cores with a first unit and a unit count per core;
- `tt.runtime_args = #tt.runtime_args<[...]>`: the program's runtime-argument
  schema: one `buffer_address` per tensor argument, then `start_unit` and
  `num_units`, the per-core values of the partition;
- `tt.device = #tt.device<card>`: the card (`device` option) the grid was checked against,
  which later stages read instead of taking their own `device` option.

A work unit is one output block, one point of the launch grid, not one output
tile. The program body is written per block: a gemm block accumulates a whole
128x128 output over the K loop and reuses each staged A and B tile for a whole
row or column of the block. Splitting a block over cores would split that
accumulator and lose the reuse; a block of 32x32 makes blocks and tiles the same.

Modes:
- `global` (default): the units, numbered row-major over the launch grid ([y, x],
  or [z, y, x] for a 3-D grid: `blocks = [z, y, x]` on the partition), are
  split as tt-metal's `split_work_to_cores` does: with U units on N cores of the
  grid, the first U mod N cores (row-major) get one unit more than the others,
  and cores stay idle only when U < N. Where a loop of the body runs a number of times
  that depends on the block's x index (`work_varies_along_x`: causal attention's
  `T.min(..., T.ceildiv((bx + 1) * block_M, block_N))`) and cores get several units, the
  units walk each row's x blocks from both ends (`x_order = folded`: bx = 0, gx - 1, 1,
  gx - 2, ...), so a core's consecutive units pair long and short loops (causal attention
  at 1x8x1024x128 on 8x8: 259 -> 152 us modeled);
- `local_shard`: the output is L1-sharded and each core computes the blocks of
  the shard it holds, so the output never crosses the NOC. The core grid is the
  shard grid; units are numbered shard by shard. The output offsets must be
  `block index * block size` (rows from the launch grid's y index, columns from
  x) and the launch grid must cover the output exactly.

**How it runs.** One rewrite pattern, `PartitionWork`, anchored on `func.func`
and applied by a `PatternRewriteWalker`: a whole-function decision, because the
partition, the runtime-argument schema and the device describe the program, not
an op of it. The units are the points of the function's one launch grid, the
schema has an entry for every tensor argument, and in `local_shard` mode the
output's shard layout (an argument attribute) is checked against the stores of
the body. The three attributes are written on the function in one change,
announced to the rewriter.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

from xdsl.context import Context
from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import IntegerAttr, MemRefType, ModuleOp
from xdsl.ir import BlockArgument, Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from tt_dialect.device import TILE_COLS, TILE_ROWS, DeviceLimits
from tt_dialect.analysis import argument_layout, is_tile_program
from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.options import PartitionOptions
from tt_dialect.ops.attributes import (
    ArgKind,
    BlockOrder,
    BufferKind,
    BufferLayoutAttr,
    CoreRangeAttr,
    DeviceAttr,
    PartitionMode,
    RuntimeArgAttr,
    RuntimeArgsAttr,
    ShardOrientation,
    WorkPartitionAttr,
    WorkRangeAttr,
)
from tt_dialect.ops.tile_program import CopyOp, LaunchGridOp

def run_to_core_ranges(first: int, end: int, cols: int) -> list[CoreRangeAttr]:
    """Cores `first .. end - 1` of a grid `cols` wide, counted row-major, as at
    most three rectangles: the tail of a row, whole rows, the head of a row."""
    ranges: list[CoreRangeAttr] = []
    while first < end:
        y, x = divmod(first, cols)
        whole_rows = (end - first) // cols if x == 0 else 0
        if whole_rows:
            ranges.append(CoreRangeAttr((0, y), (cols - 1, y + whole_rows - 1)))
            first += whole_rows * cols
        else:
            last_x = min(cols, x + end - first) - 1
            ranges.append(CoreRangeAttr((x, y), (last_x, y)))
            first += last_x - x + 1
    return ranges


def balanced_work_ranges(units: int, grid: tuple[int, int]) -> list[WorkRangeAttr]:
    """`units` split over a `grid` row-major as `split_work_to_cores` does."""
    rows, cols = grid
    working = min(units, rows * cols)
    base, extra = divmod(units, working)
    groups = [(0, extra, base + 1), (extra, working, base)]
    work_ranges: list[WorkRangeAttr] = []
    for first_core, end_core, count in groups:
        start = first_core * (base + 1)
        for cores in run_to_core_ranges(first_core, end_core, cols):
            work_ranges.append(WorkRangeAttr(cores, start, count))
            start += cores.num_cores * count
    return work_ranges


def runtime_args_schema(program: func.FuncOp) -> RuntimeArgsAttr:
    tensors = [
        RuntimeArgAttr(f"tensor{arg.index}_addr", ArgKind.BUFFER_ADDRESS, arg.index)
        for arg in program.body.block.args
        if isinstance(arg.type, MemRefType)
    ]
    return RuntimeArgsAttr(
        [
            *tensors,
            RuntimeArgAttr("start_unit", ArgKind.START_UNIT),
            RuntimeArgAttr("num_units", ArgKind.NUM_UNITS),
        ]
    )


def single_launch(program: func.FuncOp) -> LaunchGridOp:
    launches = [op for op in program.body.walk() if isinstance(op, LaunchGridOp)]
    if len(launches) != 1:
        raise op_error(
            launches[1], f"a tile program launches one grid; this one launches {len(launches)}"
        )
    return launches[0]


@dataclass(frozen=True)
class _ShardedOutput:
    """The output of a local_shard program and how its blocks map to its shards."""

    layout: BufferLayoutAttr
    block_tiles: tuple[int, int]


def work_varies_along_x(launch: LaunchGridOp) -> bool:
    """Whether a loop of the launch body runs a number of times that depends on the block's
    x index (causal attention's `T.min(..., T.ceildiv((bx + 1) * block_M, block_N))`): then
    consecutive blocks along x carry unequal work."""
    block_x = launch.block_indices[0]

    def depends(value: SSAValue, seen: set[SSAValue]) -> bool:
        if value is block_x:
            return True
        if value in seen or not isinstance(value.owner, Operation):
            return False
        seen.add(value)
        return any(depends(operand, seen) for operand in value.owner.operands)

    return any(
        depends(loop.lb, set()) or depends(loop.ub, set())
        for loop in launch.body.walk()
        if isinstance(loop, scf.ForOp)
    )


@dataclass(frozen=True)
class PartitionWork(RewritePattern):
    """Partitions the launch grid of one tile program and writes its arg schema."""

    limits: DeviceLimits
    grid: tuple[int, int]
    mode: PartitionMode

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        if not is_tile_program(op) or annotations.WORK_PARTITION in op.attributes:
            return
        launch = single_launch(op)
        # [rows, cols] = [y, x]; a 3-D grid's blocks are [z, y, x], numbered row-major.
        blocks = tuple(reversed(launch.grid_shape))
        if self.mode is PartitionMode.GLOBAL:
            ranges = balanced_work_ranges(prod(blocks), self.grid)
            several = max(r.count.data for r in ranges) > 1
            x_order = BlockOrder.FOLDED if several and work_varies_along_x(launch) else BlockOrder.ROW_MAJOR
            partition = WorkPartitionAttr(
                PartitionMode.GLOBAL, ShardOrientation.ROW_MAJOR, self.grid, blocks, (), ranges, x_order
            )
        elif len(blocks) == 3:
            raise op_error(
                launch,
                f"a 3-D launch grid is partitioned in global mode only; {self.mode.value} mode "
                "maps a 2-D grid of blocks onto the output's shards",
            )
        else:
            partition = self._local_shard(op, launch, blocks)
        op.attributes[annotations.WORK_PARTITION] = partition
        op.attributes[annotations.RUNTIME_ARGS] = runtime_args_schema(op)
        op.attributes[annotations.DEVICE] = DeviceAttr(self.limits.card)
        rewriter.notify_op_modified(op)

    def _local_shard(
        self, program: func.FuncOp, launch: LaunchGridOp, blocks: tuple[int, int]
    ) -> WorkPartitionAttr:
        output = self._sharded_output(program, launch)
        spec = output.layout.shard_spec
        assert spec is not None
        tensor_tiles = output.layout.shape_in_tiles
        covered = tuple(b * t for b, t in zip(blocks, output.block_tiles))
        if covered != tensor_tiles:
            raise op_error(
                launch,
                f"local_shard mode needs the launch grid to cover the output exactly: "
                f"{list(blocks)} blocks of {list(output.block_tiles)} tiles cover "
                f"{list(covered)} tiles, the output has {list(tensor_tiles)}",
            )
        shard_blocks = []
        for dim, (shard, block) in enumerate(zip(spec.shard_shape, output.block_tiles)):
            if shard % block:
                raise op_error(
                    launch,
                    f"local_shard mode needs whole blocks per shard: shard shape "
                    f"{list(spec.shard_shape)} tiles is not a multiple of the "
                    f"{list(output.block_tiles)}-tile block in dimension {dim}",
                )
            shard_blocks.append(shard // block)
        shard_grid = spec.grid_shape
        if shard_grid[0] > self.grid[0] or shard_grid[1] > self.grid[1]:
            raise op_error(
                program,
                f"shard grid {list(shard_grid)} of the output does not fit the "
                f"{self.grid[0]}x{self.grid[1]} core grid",
            )
        rows, cols = shard_grid
        per_core = shard_blocks[0] * shard_blocks[1]
        everything = WorkRangeAttr(CoreRangeAttr((0, 0), (cols - 1, rows - 1)), 0, per_core)
        return WorkPartitionAttr(
            PartitionMode.LOCAL_SHARD,
            spec.orientation.data,
            shard_grid,
            blocks,
            shard_blocks,
            [everything],
        )

    def _sharded_output(self, program: func.FuncOp, launch: LaunchGridOp) -> _ShardedOutput:
        stores = [
            copy
            for copy in launch.body.walk()
            if isinstance(copy, CopyOp)
            and isinstance(copy.dst, BlockArgument)
            and copy.dst.owner is program.body.block
        ]
        if not stores:
            raise op_error(program, "local_shard mode needs an output: no copy writes a tensor argument")
        found: _ShardedOutput | None = None
        for store in stores:
            assert isinstance(store.dst, BlockArgument)
            layout = argument_layout(program, store.dst.index)
            if layout.buffer_kind is not BufferKind.SHARDED:
                raise op_error(
                    store,
                    f"local_shard mode needs a sharded output; argument #{store.dst.index} is "
                    f"{layout.memory_space.value} {layout.buffer_kind.value}",
                )
            output = _ShardedOutput(layout, self._block_tiles(store, launch))
            if found is not None and found != output:
                raise op_error(
                    store,
                    "local_shard mode needs every output sharded the same way and written in "
                    "the same blocks",
                )
            found = output
        assert found is not None
        return found

    @staticmethod
    def _block_tiles(store: CopyOp, launch: LaunchGridOp) -> tuple[int, int]:
        """Block shape in tiles of a store `C[by * BM, bx * BN]`, checking the offsets."""
        block_x, block_y = launch.block_indices
        buffer_type = store.src.type
        assert isinstance(buffer_type, MemRefType)
        block_shape = buffer_type.get_shape()
        for dim, (offset, index, name) in enumerate(
            zip(store.dst_indices, (block_y, block_x), ("y", "x"))
        ):
            scale = _scaled_index(offset, index)
            if scale != block_shape[dim]:
                raise op_error(
                    store,
                    f"local_shard mode needs output offsets of the form block index * block "
                    f"size; dimension {dim} must be the launch grid's {name} index times "
                    f"{block_shape[dim]} (arith.muli by an arith.constant)",
                )
        return block_shape[0] // TILE_ROWS, block_shape[1] // TILE_COLS


def _scaled_index(value: SSAValue, index: SSAValue) -> int | None:
    """The constant c if `value` is `index * c` (either operand order), else None."""
    muli = value.owner
    if not isinstance(muli, arith.MuliOp):
        return None
    for factor, other in ((muli.lhs, muli.rhs), (muli.rhs, muli.lhs)):
        constant = other.owner
        if factor is index and isinstance(constant, arith.ConstantOp):
            if isinstance(constant.value, IntegerAttr):
                return constant.value.value.data
    return None


@dataclass(frozen=True)
class WorkPartitionPass(ModulePass, PartitionOptions):
    """Splits every tile program's output blocks over a core grid."""

    name = "tt-work-partition"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        pattern = PartitionWork(self.limits, self.core_grid(), self.partition_mode)
        PatternRewriteWalker(pattern, apply_recursively=False).rewrite_module(op)
