"""tt-schedule-multicast: loads shared by a line of cores are read once and multicast.

Reads: tile programs partitioned by `tt-work-partition` in `global` mode (their
`tt.work_partition`, `tt.runtime_args` and `tt.device`), before
`tt-grid-to-persistent`: the `tt.launch_grid` and the loads in its body (`tt.copy`
from a tensor argument into a buffer).
Writes, when multicast pays (below):
- `tt.work_partition` becomes a `block_2d` partition: the cores form a
  Gy x Gx rectangle and core (x, y) computes the rectangle of By/Gy x Bx/Gx
  blocks at block row y * By/Gy, block column x * Bx/Gx (By x Bx blocks), so at
  every step of their unit loops the cores of a core row work on one block row
  and the cores of a core column on one block column;
- on every load whose tensor offsets depend on the block row `by` and not on
  the block column `bx` (the A blocks of a gemm): `multicast =
  #tt.multicast<row, receivers = Gx - 1, ...>`, the core row's first core reads
  the block and multicasts it along the row; on every load that depends on `bx`
  and not `by` (B blocks): `#tt.multicast<column, receivers = Gy - 1, ...>`.
  Each multicast load gets two semaphores of its own (ids in load order);
- `tt.semaphores` on the function: one `#tt.semaphore<id, initial = 0, cores>`
  per id, on the rectangle;
- the runtime-argument schema gains, per axis used, the seven per-core values the
  handshake needs: `mcast_sender(axis)` and the NOC coordinates of the line's
  sender and of its receivers' rectangle (`mcast_sender_x/y`, `mcast_start_x/y`,
  `mcast_end_x/y`), which the host computes from the partition.

When it pays: a load is shareable only where every core of the line executes it
the same number of times in the same order, that is outside any `scf.if` and
inside loops whose bounds do not depend on the block indices (a load whose
offsets depend on anything but block indices, loop variables and constants is
not shareable either). Gy is the largest divisor of By that fits the grid's rows,
Gx that of Bx in its columns (equal unit counts keep the cores in lock step). The
partition changes only if some shareable load gets a receiver (Gx > 1 for rows,
Gy > 1 for columns) and the rectangle gives no core more units than the `global`
partition's busiest core: multicast never costs parallelism. One 2D rectangle
serves both axes; the 1D variants are the cases where only one axis has more
than one core (one block row or column of cores) or only one kind of load is
shared. At most `SEMAPHORES_PER_CORE / 2` loads are multicast, in load order.

Option `multicast=auto|none|row|column` (default `auto`): `none` leaves the
program as it is, `row` / `column` multicast only along that axis.

**How it runs.** One rewrite pattern, `ScheduleMulticast`, anchored on
`func.func` (a whole-program decision: the partition, the schema and the loads
change together) and applied by a `PatternRewriteWalker`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import func, scf
from xdsl.dialects.builtin import ArrayAttr, ModuleOp
from xdsl.ir import Block, BlockArgument, Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from tt_dialect.analysis import is_tile_program
from tt_dialect.device import SEMAPHORES_PER_CORE
from tt_dialect.ir_builder import has_no_effect
from tt_dialect.ops import annotations
from tt_dialect.options import MulticastOption
from tt_dialect.ops.attributes import (
    MULTICAST_ARG_KINDS,
    CoreRangeAttr,
    CoreRangeSetAttr,
    MulticastAttr,
    MulticastAxis,
    PartitionMode,
    RuntimeArgAttr,
    RuntimeArgsAttr,
    SemaphoreDescAttr,
    ShardOrientation,
    WorkPartitionAttr,
    WorkRangeAttr,
)
from tt_dialect.ops.tile_program import CopyOp, LaunchGridOp, _AllocOp

_X, _Y = 0, 1


def _block_index_uses(
    value: SSAValue, launch: LaunchGridOp, seen: dict[SSAValue, frozenset[int] | None]
) -> frozenset[int] | None:
    """Which launch-grid indices (0: bx, 1: by) `value` depends on; None if it depends
    on something that may differ between cores other than them (a value the analysis
    cannot follow)."""
    if value in seen:
        return seen[value]
    seen[value] = None  # a cycle (loop-carried value) stays unknown
    result: frozenset[int] | None
    owner = value.owner
    if isinstance(value, BlockArgument):
        if value.owner is launch.body.block:
            result = frozenset({value.index})
        elif isinstance(owner, Block) and isinstance(loop := owner.parent_op(), scf.ForOp) and value.index == 0:
            result = _union(_block_index_uses(bound, launch, seen) for bound in (loop.lb, loop.ub, loop.step))
        else:
            result = None
    else:
        assert isinstance(owner, Operation)
        if owner.regions or not has_no_effect(owner):
            result = None
        else:
            result = _union(_block_index_uses(operand, launch, seen) for operand in owner.operands)
    seen[value] = result
    return result


def _union(parts: Iterable[frozenset[int] | None]) -> frozenset[int] | None:
    result: frozenset[int] = frozenset()
    for part in parts:
        if part is None:
            return None
        result |= part
    return result


def _in_lock_step(copy: CopyOp, launch: LaunchGridOp, seen: dict[SSAValue, frozenset[int] | None]) -> bool:
    """Every core runs `copy` equally often: only `scf.for`s with block-independent
    bounds lie between it and the launch."""
    parent = copy.parent_op()
    while parent is not launch:
        if not isinstance(parent, scf.ForOp):
            return False
        bounds = _union(_block_index_uses(b, launch, seen) for b in (parent.lb, parent.ub, parent.step))
        if bounds is None or bounds:
            return False
        parent = parent.parent_op()
    return True


def shared_loads(program: func.FuncOp, launch: LaunchGridOp) -> list[tuple[CopyOp, MulticastAxis]]:
    """The loads of `launch` that a line of cores can share, in program order, with
    the axis along which they are shared."""
    seen: dict[SSAValue, frozenset[int] | None] = {}
    found: list[tuple[CopyOp, MulticastAxis]] = []
    for copy in launch.body.walk():
        if not isinstance(copy, CopyOp) or not copy.src_indices:
            continue
        if not (isinstance(copy.src, BlockArgument) and copy.src.owner is program.body.block):
            continue
        if not isinstance(copy.dst.owner, _AllocOp) or not _in_lock_step(copy, launch, seen):
            continue
        uses = _union(_block_index_uses(index, launch, seen) for index in copy.src_indices)
        if uses == frozenset({_Y}):
            found.append((copy, MulticastAxis.ROW))
        elif uses == frozenset({_X}):
            found.append((copy, MulticastAxis.COLUMN))
    return found


def _largest_divisor_within(extent: int, limit: int) -> int:
    return max(d for d in range(1, min(extent, limit) + 1) if extent % d == 0)


@dataclass(frozen=True)
class ScheduleMulticast(RewritePattern):
    """Anchor: a tile program with a `global` work partition. Reads its launch's
    loads and partition; writes the `block_2d` partition, the loads' `multicast`,
    the semaphores and the schema entries (module docstring)."""

    choice: str

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        partition = op.attributes.get(annotations.WORK_PARTITION)
        schema = op.attributes.get(annotations.RUNTIME_ARGS)
        if (
            self.choice == "none"
            or not is_tile_program(op)
            or not isinstance(partition, WorkPartitionAttr)
            or not isinstance(schema, RuntimeArgsAttr)
            or partition.mode.data is not PartitionMode.GLOBAL
            or annotations.SEMAPHORES in op.attributes
        ):
            return
        launch = next(child for child in op.body.walk() if isinstance(child, LaunchGridOp))
        (block_rows, block_cols), (grid_rows, grid_cols) = partition.block_shape, partition.grid_shape
        rows = _largest_divisor_within(block_rows, grid_rows)
        cols = _largest_divisor_within(block_cols, grid_cols)
        receivers = {MulticastAxis.ROW: cols - 1, MulticastAxis.COLUMN: rows - 1}
        loads = [
            (copy, axis)
            for copy, axis in shared_loads(op, launch)
            if receivers[axis] > 0 and self.choice in ("auto", axis.value)
        ][: SEMAPHORES_PER_CORE // 2]
        per_core = (block_rows // rows) * (block_cols // cols)
        busiest_global = max(count for _, _, count in partition.assignments())
        if not loads or per_core > busiest_global:
            return

        rectangle = CoreRangeAttr((0, 0), (cols - 1, rows - 1))
        op.attributes[annotations.WORK_PARTITION] = WorkPartitionAttr(
            PartitionMode.BLOCK_2D,
            ShardOrientation.ROW_MAJOR,
            partition.grid_shape,
            partition.block_shape,
            (block_rows // rows, block_cols // cols),
            [WorkRangeAttr(rectangle, 0, per_core)],
        )
        cores = CoreRangeSetAttr([rectangle])
        op.attributes[annotations.SEMAPHORES] = ArrayAttr(
            SemaphoreDescAttr(id, 0, cores) for id in range(2 * len(loads))
        )
        axes = [axis for axis in MulticastAxis if any(a is axis for _, a in loads)]
        op.attributes[annotations.RUNTIME_ARGS] = RuntimeArgsAttr(
            [
                *schema.args.data,
                *(
                    RuntimeArgAttr(f"{axis.value}_{kind.value}", kind, axis=axis)
                    for axis in axes
                    for kind in MULTICAST_ARG_KINDS
                ),
            ]
        )
        rewriter.notify_op_modified(op)
        for i, (copy, axis) in enumerate(loads):
            copy.multicast = MulticastAttr(axis, receivers[axis], 2 * i, 2 * i + 1)
            rewriter.notify_op_modified(copy)


@dataclass(frozen=True)
class ScheduleMulticastPass(ModulePass, MulticastOption):
    """Reads loads shared along core rows or columns once per line and multicasts them."""

    name = "tt-schedule-multicast"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(ScheduleMulticast(self.multicast), apply_recursively=False).rewrite_module(op)
