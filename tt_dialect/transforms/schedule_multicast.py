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
  and the cores of a core column on one block column; where it can, the pass
  first merges a core's blocks into larger ones (below), growing the launch
  grid's blocks and buffers;
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

A 3-D launch grid (blocks [z, y, x]) keeps its global partition: lines of cores
sharing a load would have to be found per [y, x] plane, which is not done yet.

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

**The per-core block.** With By x Bx blocks on Gy x Gx cores, a core computes
Sy x Sx = By/Gy x Bx/Gx blocks, and reads each of its A rows Sx times and B columns
Sy times. Where the block size shows in the program only as `by * c` / `bx * c`
tensor offsets of copies (with c the extent of the copied buffer dimension) and
every buffer dimension follows `by`, `bx` or neither consistently (a gemm ties A's
rows to C's, B's columns to C's; elementwise operands and buffer copies have equal
shapes), the pass merges ry x rx of a core's blocks into one: the launch grid
shrinks by (rx, ry), the offsets' factors and the buffers (and their CBs' pages)
grow. It takes the largest merge dividing (Sy, Sx) whose CBs, plus an fp32
partial-sum CB per gemm accumulator, fit L1 (most blocks, then the squarest):
with one block per core every A and B tile is read once, the multicast bound
Kt (Mt + Nt). Without CB descriptors (`tt-propagate-layout` not run) nothing is
merged.

**Two movers.** With loads multicast along both axes and one unit per core, the
column loads get `mover = #tt.kernel_role<writer>`: the writer kernel (RISCV_0, NOC 0) issues their
reads, handshakes and multicasts and the reader (RISCV_1, NOC 1) those of the row
loads, as tt-metal's 2D-multicast matmul splits its in0 and in1 senders. One
kernel doing both would wait for a B block to arrive before reading the next A
block (its loop takes the two handshakes in turn), so the two lines could not run
ahead of each other: on the 1024^3 gemm on 8x8 the split takes the modeled time
from 48.8 to 47.7 us, at 512x1024x2048 from 65.2 to 45.3 us. Only with one unit per
core: with several, the writer stores a unit's output before it can read the next
unit's B blocks, which stalls the next unit (2048x2048x1024 on 4x4, two units per
core: 596.9 us on one mover, 618.1 us split). With one axis there is nothing to split.

Options: `multicast=auto|none|row|column` (default `auto`): `none` leaves the
program as it is, `row` / `column` multicast only along that axis;
`coarsen-blocks=false` keeps the program's blocks; `mcast-movers=reader` keeps every
load on the reader kernel (default `split`).

**How it runs.** One rewrite pattern, `ScheduleMulticast`, anchored on
`func.func` (a whole-program decision: the partition, the block size, the schema
and the loads change together) and applied by a `PatternRewriteWalker`; the
structure of the blocks is `block_structure`, an analysis of the launch body done
before anything changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from math import isqrt, prod

from xdsl.context import Context
from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import ArrayAttr, DenseArrayBase, IndexType, MemRefType, ModuleOp, i64
from xdsl.ir import Block, BlockArgument, Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)
from xdsl.rewriter import InsertPoint

from tt_dialect.analysis import is_tile_program
from tt_dialect.device import SEMAPHORES_PER_CORE, TILE_COLS, TILE_ROWS
from tt_dialect.index_bounds import constant_index
from tt_dialect.ir_builder import has_no_effect, located
from tt_dialect.ops import annotations
from tt_dialect.ops.attributes import (
    MULTICAST_ARG_KINDS,
    TILE_BYTES,
    CBDescAttr,
    CoreRangeAttr,
    CoreRangeSetAttr,
    DataFormat,
    DeviceAttr,
    KernelRole,
    KernelRoleAttr,
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
from tt_dialect.ops.tile_program import CopyOp, GemmOp, LaunchGridOp, _AllocOp
from tt_dialect.options import MulticastOption

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



class _DimClasses:
    """Union-find over buffer dimensions, each class labelled with the launch index
    its extent follows (`_X`, `_Y`) or `_FIXED`; a contradiction makes it unusable."""

    def __init__(self) -> None:
        self.parent: dict[tuple[SSAValue, int], tuple[SSAValue, int]] = {}
        self.label: dict[tuple[SSAValue, int], int] = {}
        self.broken = False

    def find(self, node: tuple[SSAValue, int]) -> tuple[SSAValue, int]:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            node = self.parent[node]
        return node

    def mark(self, node: tuple[SSAValue, int], label: int) -> None:
        root = self.find(node)
        if self.label.setdefault(root, label) != label:
            self.broken = True

    def unite(self, a: tuple[SSAValue, int], b: tuple[SSAValue, int]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        self.parent[rb] = ra
        if rb in self.label:
            self.mark(ra, self.label.pop(rb))

    def of(self, node: tuple[SSAValue, int]) -> int | None:
        return self.label.get(self.find(node))


_FIXED = 2


@dataclass(frozen=True)
class _BlockStructure:
    """How a launch body's block size shows: the `index * c` offsets of each launch
    index, and which launch index (or none) each buffer dimension's extent follows."""

    offsets: list[tuple[arith.MuliOp, int, int]]
    """(op, launch index, c) of every `index * c` offset."""
    dims: dict[SSAValue, tuple[int, int]]
    """Buffer -> (label of dim 0, label of dim 1): `_X`, `_Y` or `_FIXED`."""


def block_structure(program: func.FuncOp, launch: LaunchGridOp) -> _BlockStructure | None:
    """The block structure of `launch`, if the block size can be scaled: every use of a
    launch index is `index * c` used only as a tensor offset of a copy, whose buffer
    dimension then has extent c; every other offset is block-independent; and the
    compute ops tie buffer dimensions consistently (a gemm's M and N, equal shapes of
    elementwise operands and buffer-to-buffer copies). None otherwise."""
    seen: dict[SSAValue, frozenset[int] | None] = {}
    offsets: dict[SSAValue, tuple[arith.MuliOp, int, int]] = {}
    for axis, index in enumerate(launch.block_indices):
        for use in index.uses:
            muli = use.operation
            other = muli.operands[1 - use.index] if isinstance(muli, arith.MuliOp) else None
            factor = constant_index(other) if other is not None else None
            if not isinstance(muli, arith.MuliOp) or factor is None:
                return None
            if not all(isinstance(u.operation, CopyOp) for u in muli.result.uses):
                return None
            offsets[muli.result] = (muli, axis, factor)
    buffers = [op.result for op in launch.body.walk() if isinstance(op, _AllocOp)]
    classes = _DimClasses()
    for op in launch.body.walk():
        operands = [v for v in op.operands if v in buffers]
        if isinstance(op, CopyOp) and (op.src_indices or op.dst_indices):
            buffer = op.dst if op.src_indices else op.src
            indices = op.src_indices or op.dst_indices
            extents = _shape(buffer)
            if len(indices) != len(extents):
                return None
            for dim, index in enumerate(indices):
                if index in offsets:
                    _, axis, factor = offsets[index]
                    if factor != extents[dim]:
                        return None
                    classes.mark((buffer, dim), axis)
                elif _block_index_uses(index, launch, seen) == frozenset():
                    classes.mark((buffer, dim), _FIXED)
                else:
                    return None
        elif isinstance(op, GemmOp):
            m_a, k_a = (1, 0) if op.transpose_a is not None else (0, 1)
            k_b, n_b = (1, 0) if op.transpose_b is not None else (0, 1)
            classes.unite((op.a, m_a), (op.c, 0))
            classes.unite((op.b, n_b), (op.c, 1))
            classes.mark((op.a, k_a), _FIXED)
            classes.mark((op.b, k_b), _FIXED)
        elif operands:
            if len({_shape(v) for v in operands}) != 1:
                return None
            for value in operands[1:]:
                for dim in (0, 1):
                    classes.unite((operands[0], dim), (value, dim))
    dims = {}
    for buffer in buffers:
        labels = (classes.of((buffer, 0)), classes.of((buffer, 1)))
        if None in labels:
            return None
        dims[buffer] = labels
    if classes.broken:
        return None
    return _BlockStructure(list(offsets.values()), dims)


def _shape(buffer: SSAValue) -> tuple[int, ...]:
    assert isinstance(buffer.type, MemRefType)
    return tuple(buffer.type.get_shape())


def _scale(labels: tuple[int, int], factors: tuple[int, int]) -> tuple[int, int]:
    """Per-dimension growth of a buffer whose dimensions follow `labels`, for block
    factors (rows, cols) = (along y, along x)."""
    rows, cols = factors
    return tuple(rows if label == _Y else cols if label == _X else 1 for label in labels)


def _grown_bytes(structure: _BlockStructure, factors: tuple[int, int]) -> int:
    """L1 of every buffer's CB once blocks grow by `factors`, plus an fp32 partial-sum
    CB of each gemm accumulator's size (what tt-schedule-compute may add)."""
    total = 0
    for buffer, labels in structure.dims.items():
        desc = buffer.owner.attributes.get(annotations.CB)
        assert isinstance(desc, CBDescAttr)
        dy, dx = _scale(labels, factors)
        total += desc.total_bytes * dy * dx
        if any(isinstance(use.operation, GemmOp) and use.operation.c is buffer for use in buffer.uses):
            tiles = prod(_shape(buffer)) // (TILE_ROWS * TILE_COLS)
            total += tiles * dy * dx * TILE_BYTES[DataFormat.F32]
    return total


def _divisors(n: int) -> list[int]:
    """The divisors of n in increasing order, in O(sqrt(n)) (grids reach 2^32 blocks)."""
    small = [d for d in range(1, isqrt(n) + 1) if n % d == 0]
    return small + [n // d for d in reversed(small) if d * d != n]


def block_factors(structure: _BlockStructure, shard: tuple[int, int], l1_bytes: int) -> tuple[int, int]:
    """The largest growth (rows, cols) of the block, dividing each core's `shard` of
    blocks, whose CBs fit L1: most blocks merged, then the squarest; (1, 1) when none
    fits (tt-verify reports a program that does not fit at all)."""
    fits = [
        (rows, cols)
        for rows in _divisors(shard[0])
        for cols in _divisors(shard[1])
        if _grown_bytes(structure, (rows, cols)) <= l1_bytes
    ]
    return max(fits, key=lambda f: (f[0] * f[1], -abs(f[0] - f[1]), f[0]), default=(1, 1))


def grow_blocks(
    launch: LaunchGridOp, structure: _BlockStructure, factors: tuple[int, int], rewriter: PatternRewriter
) -> None:
    """Each launch point computes `factors` (rows, cols) of the old blocks as one: the
    grid shrinks, every `index * c` offset becomes `index * (c * factor)` and every
    buffer dimension that follows a launch index grows by its factor (and its CB's pages)."""
    rows, cols = factors
    grid_x, grid_y = launch.grid_shape
    launch.grid = DenseArrayBase.from_list(i64, [grid_x // cols, grid_y // rows])
    rewriter.notify_op_modified(launch)
    for muli, axis, factor in structure.offsets:
        grown = arith.ConstantOp.from_int_and_width(factor * (cols if axis == _X else rows), IndexType())
        grown.result.name_hint = f"c{factor * (cols if axis == _X else rows)}"
        rewriter.insert(located([grown], muli), InsertPoint.before(muli))
        scaled = arith.MuliOp(launch.block_indices[axis], grown.result)
        scaled.result.name_hint = muli.result.name_hint
        rewriter.replace(muli, located([scaled], muli))
    for buffer, labels in structure.dims.items():
        dy, dx = _scale(labels, factors)
        if dy * dx == 1:
            continue
        alloc = buffer.owner
        assert isinstance(alloc, _AllocOp) and isinstance(buffer.type, MemRefType)
        rows_, cols_ = _shape(buffer)
        grown_alloc = type(alloc)(MemRefType(buffer.type.element_type, [rows_ * dy, cols_ * dx]))
        grown_alloc.attributes = dict(alloc.attributes)
        desc = alloc.attributes[annotations.CB]
        assert isinstance(desc, CBDescAttr)
        grown_alloc.attributes[annotations.CB] = CBDescAttr(
            desc.index.data, desc.pages.data * dy * dx, desc.page_size.data, desc.format.data
        )
        grown_alloc.result.name_hint = buffer.name_hint
        rewriter.replace(alloc, located([grown_alloc], alloc))


def _largest_divisor_within(extent: int, limit: int) -> int:
    return max(d for d in _divisors(extent) if d <= limit)


@dataclass(frozen=True)
class ScheduleMulticast(RewritePattern):
    """Anchor: a tile program with a `global` work partition. Reads its launch's
    loads and partition; writes the `block_2d` partition, the loads' `multicast`,
    the semaphores and the schema entries (module docstring)."""

    choice: str
    coarsen: bool
    split_movers: bool

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
            or len(partition.block_shape) != 2  # a 3-D launch grid: not yet multicast
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
        shard = (block_rows // rows, block_cols // cols)
        busiest_global = max(count for _, _, count in partition.assignments())
        if not loads or shard[0] * shard[1] > busiest_global:
            return
        factors = (1, 1)
        structure = block_structure(op, launch) if self.coarsen and shard != (1, 1) else None
        device = op.attributes.get(annotations.DEVICE)
        described = structure is not None and all(
            isinstance(buffer.owner.attributes.get(annotations.CB), CBDescAttr) for buffer in structure.dims
        )
        if structure is not None and described and isinstance(device, DeviceAttr):
            factors = block_factors(structure, shard, device.limits.l1_bytes)
            if factors != (1, 1):
                grow_blocks(launch, structure, factors, rewriter)
        blocks = (block_rows // factors[0], block_cols // factors[1])
        shard = (shard[0] // factors[0], shard[1] // factors[1])
        per_core = shard[0] * shard[1]

        rectangle = CoreRangeAttr((0, 0), (cols - 1, rows - 1))
        op.attributes[annotations.WORK_PARTITION] = WorkPartitionAttr(
            PartitionMode.BLOCK_2D,
            ShardOrientation.ROW_MAJOR,
            partition.grid_shape,
            blocks,
            shard,
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
        split = self.split_movers and len(axes) == 2 and per_core == 1
        for i, (copy, axis) in enumerate(loads):
            copy.multicast = MulticastAttr(axis, receivers[axis], 2 * i, 2 * i + 1)
            if split and axis is MulticastAxis.COLUMN:
                copy.mover = KernelRoleAttr(KernelRole.WRITER)
            rewriter.notify_op_modified(copy)


@dataclass(frozen=True)
class ScheduleMulticastPass(ModulePass, MulticastOption):
    """Reads loads shared along core rows or columns once per line and multicasts them."""

    name = "tt-schedule-multicast"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(
            ScheduleMulticast(self.multicast, self.coarsen_blocks, self.mcast_movers == "split"),
            apply_recursively=False,
        ).rewrite_module(op)
