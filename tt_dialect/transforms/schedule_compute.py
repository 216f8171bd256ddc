"""tt-schedule-compute: how each program's compute runs, decided once and recorded in the IR.

Reads: partitioned tile programs after `tt-metadata` (buffers with `tt.cb`
descriptors, `tt.device`, the K loops around `tt.gemm`s).
Writes:
- `tt.compute_config = #tt.compute_config<...>` on every partitioned function without
  one: the math fidelity and DST sync mode of the options, and fp32 DST
  accumulation when a buffer the compute writes holds f32. It fixes DST's capacity
  (8 tiles of 16-bit data, 4 of fp32, double-buffered; twice in full-sync mode).
- `schedule = #tt.gemm_schedule<block, k_block, subblock, accumulate>` on every
  `tt.gemm`, the same for the gemms sharing a K loop, which `tt-lower-tile-ops` follows:
  - **accumulate = dst** when the output blocks of the K loop's gemms fit DST
    together (`subblock` = `block`: the sums stay in DST for the whole K loop), or
    when the group cannot use L1 (several accumulators, or no K loop): then the
    subblock is the DST-sized tile of the output reading the fewest operand tiles
    per K step, and a loop over subblocks encloses the K loop (A and B are read
    again for every subblock).
  - **accumulate = l1** otherwise: the K loop encloses the subblocks (with a
    streamed output, below, the DST-filling shape with the fewest rows,
    `banded_subblock`: more bands to store while computing), every A and
    B block is read once per K step and serves every subblock, and the partial sums
    go through an L1 circular buffer the packer adds to (packer L1 accumulation:
    a K step costs one pack per output tile, where reloading partials into DST, as
    tt-metal's `bmm_large_block_zm` does, costs an unpack and a pack). The
    accumulator's buffer becomes that CB: one block, single-buffered (the packer
    adds in place), in fp32 when DST accumulates in fp32. After the K loop the
    value moves to a new buffer with the accumulator's old CB (through DST, where
    the format converts): an in-place unary op reading it first (`tt.relu %c to
    %c`, the epilogue) writes the new buffer instead; otherwise a copy is inserted
    before the first reader. Later ops read the new buffer.
  - **accumulate = buffer** for a gemm that has no K loop of its own because other ops
    read or update its accumulator (`gemm_updates_buffer`: attention's scores, which a
    reduction reads, and its output, rescaled between the gemms of a loop): the gemm is
    one update of its buffer, like an elementwise op, and the subblock is the whole block
    where it fits DST, else the DST-sized shape reading the fewest operand tiles. Nothing
    else of the group logic applies (no coarsening, no partial-sum CB, no streaming).
  - **streamed output** (`gemm-stream-output`, on by default): where the result
    leaves the program right after the K loop (one epilogue op `acc -> out`, then one
    store of `out`) and the block has more than one band of subblock rows, the K
    loop's last steps are peeled after the loop: their copies, and one gemm with
    `accumulate = reload`, which `tt-lower-tile-ops` computes band by band straight
    into `out`'s CB (the partial sums reloaded into DST, the epilogue on DST), and
    the store gets `chunk_rows` = the subblock's rows, so the writer stores a band
    while the next computes instead of the whole block after the loop (1024^3 on 8x8:
    47.7 -> 45.4 us modeled with 2x2 subblocks, 44.0 us with the 1x4 of
    `banded_subblock`). How many steps (`gemm-stream-steps` forces it): as many as the
    whole grid's output takes to reach DRAM, where the loop moves its blocks with time
    to spare (`_stream_steps`). Several steps read their A and B blocks, that many
    times wider, into buffers of their own (a one-block CB each, at the first free
    input indices), and the loop's A and B CBs hold at least 3 blocks
    (`STREAMED_LOOP_DEPTH`); where that does not fit L1, fewer steps are streamed
    (1024^3 on 8x8: 2 steps, 44.0 -> 41.7 us).
  - **operand depth**: the A and B CBs hold as many blocks as the K loop's
    pipeline hint asks (`#tt.pipeline<stages>`, TileLang's `num_stages`) where all
    CBs, with the partial-sum CB, fit L1; where they do not, the most blocks that
    fit (at least one), before the K block is chosen.
  - **k_block**: the K tiles of one step. A K loop whose copies read consecutive,
    disjoint K slices of A and B (the slice offset advances by the buffers' K extent
    per iteration) is coarsened: its step grows by a factor dividing its trip count,
    and the A and B buffers (and their CBs) grow by the same factor, so each step
    moves bigger blocks with fewer CB handshakes, barriers and packs. The factor is
    the largest giving at most `MAX_K_BLOCK_TILES` K tiles whose CBs still fit L1.
- Options force any of it: `gemm-k-block=N` (K tiles per step; must be a multiple
  of the program's and divide the loop), `gemm-subblock=HxW`, `gemm-accumulate=dst|l1`,
  `gemm-stream-output=false`, `gemm-stream-steps=N` (fewer than the loop's steps).

Errors (on the gemm): gemms accumulating together with different output block
shapes; a forced choice that the group cannot take (k-block that does
not divide the K loop, subblock larger than DST or not dividing the block, l1 for a
group with several accumulators or no K loop, streamed steps as many as the loop's or
whose blocks do not fit L1), or CBs that exceed L1.

Patterns, each walked over the whole module: `DecideComputeConfig` (on `func.func`),
then `ScheduleGemmGroup` (on the first `tt.gemm` of a K-loop body; the group's other
gemms get the same schedule).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil, prod
from xdsl.context import Context
from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import Float32Type, IndexType, IntegerAttr, MemRefType, ModuleOp, i64
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)
from xdsl.rewriter import InsertPoint

from tt_dialect.analysis import GemmGroupShape, gemm_group_of, gemm_updates_buffer
from tt_dialect.device import (
    FIRST_INPUT_CB,
    FIRST_OUTPUT_CB,
    INTERMEDIATE_CB_PREFERENCE,
    MATMUL_TILE_CYCLES_LOFI,
    TILE_COLS,
    TILE_ROWS,
    DeviceLimits,
)
from tt_dialect.diagnostics import op_error
from tt_dialect.index_bounds import constant_index
from tt_dialect.ir_builder import ancestor_in, buffer_tiles, located, uses_after
from tt_dialect.ops import annotations
from tt_dialect.ops.attributes import (
    CBDescAttr,
    ComputeConfigAttr,
    TILE_BYTES,
    DataFormat,
    DeviceAttr,
    GemmAccumulation,
    GemmScheduleAttr,
    MathFidelity,
    WorkPartitionAttr,
)
from tt_dialect.ops.tile_program import (
    ClearOp,
    CopyOp,
    FillOp,
    GemmOp,
    _AllocOp,
    _BinaryOp,
    _UnaryOp,
)
from tt_dialect.options import ComputeOptions, GemmScheduleOptions

MAX_K_BLOCK_TILES = 4
"""Largest K block the schedule picks by itself: tt-metal's tuned matmul configurations
for square bf16 matmuls of 1024 to 4096 use `in0_block_w` = 4 (PERF_FACTS.md); wider
blocks cost L1 and pipeline start-up for packs that are already few."""

PARTIAL_CB_INDICES = INTERMEDIATE_CB_PREFERENCE
"""Where a partial-sum CB's index is taken from: the first free one (tt-metal's
kernels keep 24 and up for intermediates)."""

STREAMED_OPERAND_CB_INDICES = range(FIRST_INPUT_CB, FIRST_OUTPUT_CB)
"""Where the CBs of the streamed steps' wider A and B blocks take their indices from."""

STREAM_MOVE_SHARE = 2 / 3
"""Several K steps are streamed only where a K step's A and B blocks cross the NoC in at
most this share of the step's FPU time: with less to spare, the streamed steps' wider
blocks arrive after the loop ends and the compute waits for them (512x1024x2048 on 8x8,
which moves its blocks in 80 % of a step: 44.0 us with 1 streamed step, 44.6 with 2)."""

STREAMED_LOOP_DEPTH = 3
"""Blocks the K loop's A and B CBs hold at least when several K steps are streamed: the
wider blocks of those steps travel while the loop's last blocks do, and with double
buffering the loop has no block in hand to hide that (1024^3 on 8x8, 2 streamed steps:
45.8 us at depth 2, 41.7 us at depth 3; 1 streamed step: 44.0 us at either)."""


def compute_config_of(
    program: func.FuncOp, fidelity: MathFidelity, dst_full_sync: bool
) -> ComputeConfigAttr:
    """fp32 DST accumulation when any buffer the compute writes holds f32."""
    written = [
        op.c if isinstance(op, GemmOp) else op.dst
        for op in program.body.walk()
        if isinstance(op, GemmOp | _BinaryOp | _UnaryOp)
        or (isinstance(op, CopyOp) and op.between_buffers)
        or isinstance(op, ClearOp | FillOp)
    ]
    fp32 = any(
        isinstance(value.type, MemRefType) and isinstance(value.type.element_type, Float32Type)
        for value in written
    )
    return ComputeConfigAttr(fidelity, fp32_dest_acc=fp32, dst_full_sync=dst_full_sync)


# ---------------------------------------------------------------------- analysis


def fewest_reads_subblock(
    rows: int, cols: int, accumulators: int, capacity: int, a_buffers: int = 1, b_buffers: int = 1
) -> tuple[int, int]:
    """The (rows, cols) in tiles of the output subblock that fits DST and reads
    the fewest operand tiles per K step: rows/sh * cols/sw subblocks each read
    sh tiles of every A buffer and sw tiles of every B buffer. Ties go to the
    wider subblock."""
    best: tuple[int, int, int] | None = None
    for sh in (d for d in range(1, rows + 1) if rows % d == 0):
        for sw in (d for d in range(1, cols + 1) if cols % d == 0):
            if accumulators * sh * sw > capacity:
                continue
            cost = (rows // sh) * (cols // sw) * (sh * a_buffers + sw * b_buffers)
            key = (cost, -sw, -sh)
            if best is None or key < best:
                best = key
    assert best is not None
    return -best[2], -best[1]


def banded_subblock(rows: int, cols: int, capacity: int) -> tuple[int, int]:
    """The (rows, cols) in tiles of the output subblock that fills DST the most, then has
    the fewest rows (ties: the wider). With partial sums in L1 every shape reads each A
    and B tile once per K step, and a streamed output is stored one band of subblock
    rows at a time: more, thinner bands let the writer start sooner (1024^3 on 8x8:
    1x4 subblocks 44.0 us, 2x2 45.4 us)."""
    shapes = [
        (sh, sw)
        for sh in range(1, rows + 1)
        if rows % sh == 0
        for sw in range(1, cols + 1)
        if cols % sw == 0 and sh * sw <= capacity
    ]
    return min(shapes, key=lambda shape: (-shape[0] * shape[1], shape[0]))


def _loop_coefficient(value: SSAValue, loop: scf.ForOp) -> int | None:
    """c when `value` = c * (the loop's induction variable) + something the loop does
    not change; None when it is not of that form."""
    induction = loop.body.block.args[0]
    if value is induction:
        return 1
    owner = value.owner
    if not isinstance(owner, Operation) or not loop.is_ancestor(owner):
        return 0  # defined outside the loop
    if constant_index(value) is not None:
        return 0
    if isinstance(owner, arith.AddiOp | arith.SubiOp):
        lhs, rhs = _loop_coefficient(owner.lhs, loop), _loop_coefficient(owner.rhs, loop)
        if lhs is None or rhs is None:
            return None
        return lhs + rhs if isinstance(owner, arith.AddiOp) else lhs - rhs
    if isinstance(owner, arith.MuliOp):
        for varying, fixed in ((owner.lhs, owner.rhs), (owner.rhs, owner.lhs)):
            factor = constant_index(fixed)
            coefficient = _loop_coefficient(varying, loop)
            if factor is not None and coefficient is not None:
                return coefficient * factor
        return None
    return None


@dataclass(frozen=True)
class KSlices:
    """How a K loop walks K: it can be coarsened by any factor of `trip_count`."""

    step: int
    trip_count: int
    k_dims: dict[SSAValue, int]
    """Each operand buffer's K dimension (0 or 1)."""


def k_slices(group: GemmGroupShape) -> KSlices | str:
    """The K loop's walk over K, or why it cannot be coarsened."""
    loop = group.loop
    if loop is None:
        return "the gemm has no K loop"
    lower, upper, step = (constant_index(v) for v in (loop.lb, loop.ub, loop.step))
    if lower is None or upper is None or step is None or step <= 0 or upper <= lower:
        return "the K loop's bounds and step are not constants"
    if (upper - lower) % step:
        return "the K loop's step does not divide its range"
    k_dims: dict[SSAValue, int] = {}
    for gemm in group.gemms:
        k_dims.setdefault(gemm.a, 0 if gemm.transpose_a is not None else 1)
        k_dims.setdefault(gemm.b, 1 if gemm.transpose_b is not None else 0)
    for buffer, k_dim in k_dims.items():
        fills = [use.operation for use in buffer.uses if isinstance(use.operation, CopyOp) and use.operation.dst is buffer]
        others = [
            use.operation
            for use in buffer.uses
            if not isinstance(use.operation, GemmOp) and use.operation not in fills
        ]
        if others or len(fills) != 1 or fills[0].parent_op() is not loop or not fills[0].src_indices:
            return "an operand buffer is not filled by exactly one copy from a tensor in the K loop"
        indices = fills[0].src_indices
        extent = buffer_tiles(buffer)[k_dim] * (TILE_COLS if k_dim else TILE_ROWS)
        coefficients = [_loop_coefficient(index, loop) for index in indices]
        if any(c is None for c in coefficients) or len(coefficients) < 2:
            return "an operand's tensor offset is not affine in the K loop's index"
        # A 2-D block of a higher-rank tensor: its leading (scalar) indices stay put over
        # K, its rows and columns are the last two dimensions.
        if any(coefficients[:-2]):
            return "an operand's leading tensor index changes with the K loop's index"
        coefficients = coefficients[-2:]
        if coefficients[1 - k_dim] != 0 or coefficients[k_dim] * step != extent:
            return "the K loop does not read consecutive K slices of an operand"
    return KSlices(step, (upper - lower) // step, k_dims)


# ---------------------------------------------------------------------- patterns


@dataclass(frozen=True)
class DecideComputeConfig(RewritePattern):
    """Anchor: `func.func` with `tt.work_partition` and no `tt.compute_config`.
    Reads: the element types of the buffers its compute writes. Writes:
    `tt.compute_config` on it (fp32 DST accumulation when one of them holds f32)."""

    fidelity: MathFidelity
    dst_full_sync: bool

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        if annotations.WORK_PARTITION not in op.attributes or annotations.COMPUTE_CONFIG in op.attributes:
            return
        op.attributes[annotations.COMPUTE_CONFIG] = compute_config_of(op, self.fidelity, self.dst_full_sync)
        rewriter.notify_op_modified(op)


def _enclosing_function(op: Operation) -> func.FuncOp | None:
    parent = op.parent_op()
    while parent is not None and not isinstance(parent, func.FuncOp):
        parent = parent.parent_op()
    return parent


def _cb_desc(buffer: SSAValue) -> CBDescAttr:
    alloc = buffer.owner
    assert isinstance(alloc, _AllocOp)
    desc = alloc.attributes.get(annotations.CB)
    if not isinstance(desc, CBDescAttr):
        raise op_error(alloc, "a gemm buffer needs a tt.cb descriptor (run tt-metadata first)")
    return desc


def _set_cb_descs(descs: dict[SSAValue, CBDescAttr], rewriter: PatternRewriter) -> None:
    """Gives each buffer's alloc its descriptor in `descs`, where it differs."""
    for buffer, desc in descs.items():
        alloc = buffer.owner
        assert isinstance(alloc, _AllocOp)
        if desc != alloc.attributes[annotations.CB]:
            alloc.attributes[annotations.CB] = desc
            rewriter.notify_op_modified(alloc)


def _cb_bytes(program: func.FuncOp, replaced: dict[SSAValue, CBDescAttr]) -> int:
    """Bytes of every buffer's CB in `program`, with `replaced` descriptors instead."""
    total = 0
    for op in program.body.walk():
        if isinstance(op, _AllocOp):
            desc = replaced.get(op.result) or op.attributes.get(annotations.CB)
            if isinstance(desc, CBDescAttr):
                total += desc.total_bytes
    return total


@dataclass(frozen=True)
class ScheduleGemmGroup(RewritePattern):
    """Anchor: the first `tt.gemm` of a K-loop body without a schedule. Reads: the
    group's buffers, CB descriptors and K loop, the function's compute config and
    device. Writes: the schedule on every gemm of the group, and for it the coarsened
    K loop (step, operand buffers and CBs) and, with L1 accumulation, the partial-sum
    CB on the accumulator and the buffer its value moves to after the K loop; with a
    streamed output, the peeled steps after the loop (and for several steps their wider
    A and B buffers and CBs, and deeper A and B CBs for the loop) and the store's
    `chunk_rows`."""

    options: GemmScheduleOptions

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: GemmOp, rewriter: PatternRewriter, /) -> None:
        program = _enclosing_function(op)
        if program is None or op.schedule is not None:
            return
        config = program.attributes.get(annotations.COMPUTE_CONFIG)
        device = program.attributes.get(annotations.DEVICE)
        if not isinstance(config, ComputeConfigAttr) or not isinstance(device, DeviceAttr):
            return
        group = gemm_group_of(op)
        if group.gemms[0] is not op:
            return
        if gemm_updates_buffer(op):
            block = buffer_tiles(op.c)
            capacity = config.dst_capacity
            subblock = block if block[0] * block[1] <= capacity else fewest_reads_subblock(*block, 1, capacity)
            op.schedule = GemmScheduleAttr(block, op.k_tiles, subblock, GemmAccumulation.BUFFER)
            rewriter.notify_op_modified(op)
            return
        block = buffer_tiles(group.accumulators[0])
        for member in group.gemms:
            if buffer_tiles(member.c) != block:
                raise op_error(
                    member,
                    f"gemms accumulating together must share the output block shape; "
                    f"{list(buffer_tiles(member.c))} tiles differs from {list(block)}",
                )
        capacity = config.dst_capacity
        if len(group.accumulators) > capacity:
            raise op_error(
                op,
                f"{len(group.accumulators)} gemm accumulators share this K loop but DST holds "
                f"{capacity} tiles ({config.dst_capacity_reason}); each needs at least one",
            )
        accumulate = self._accumulation(group, block, capacity)
        subblock = self._subblock(group, block, capacity, accumulate)
        partial = self._partial_bytes(group, config) if accumulate is GemmAccumulation.L1 else 0
        self._fit_operand_depth(group, program, device.limits.l1_bytes - partial, rewriter)
        factor = self._k_factor(group, program, device.limits, accumulate, config)
        if factor > 1:
            self._coarsen(group, factor, rewriter)
        if accumulate is GemmAccumulation.L1:
            self._accumulate_in_l1(group, program, config, rewriter)
        k_block = group.gemms[0].k_tiles
        schedule = GemmScheduleAttr(block, k_block, subblock, accumulate)
        for gemm in group.gemms:
            gemm.schedule = schedule
            rewriter.notify_op_modified(gemm)
        if accumulate is GemmAccumulation.L1 and self.options.gemm_stream_output:
            self._stream_output(group, program, device.limits, config, schedule, rewriter)

    def _accumulation(
        self, group: GemmGroupShape, block: tuple[int, int], capacity: int
    ) -> GemmAccumulation:
        fits = len(group.accumulators) * block[0] * block[1] <= capacity
        l1_possible = len(group.accumulators) == 1 and group.loop is not None
        forced = self.options.gemm_accumulate
        if forced == "l1" and not l1_possible:
            raise op_error(
                group.gemms[0],
                "gemm-accumulate=l1 needs one accumulator per K loop and a K loop; this group "
                f"has {len(group.accumulators)} accumulator(s) and "
                f"{'a' if group.loop is not None else 'no'} K loop",
            )
        if forced is not None:
            return GemmAccumulation(forced)
        return GemmAccumulation.L1 if l1_possible and not fits else GemmAccumulation.DST

    def _subblock(
        self,
        group: GemmGroupShape,
        block: tuple[int, int],
        capacity: int,
        accumulate: GemmAccumulation,
    ) -> tuple[int, int]:
        count = len(group.accumulators)
        forced = self.options.forced_subblock
        if forced is not None:
            rows, cols = forced
            if block[0] % rows or block[1] % cols or count * rows * cols > capacity:
                raise op_error(
                    group.gemms[0],
                    f"gemm-subblock={rows}x{cols} must divide the {block[0]}x{block[1]}-tile "
                    f"output block and, times {count} accumulator(s), fit the {capacity} "
                    "tiles of DST",
                )
            return forced
        if accumulate is GemmAccumulation.DST and count * block[0] * block[1] <= capacity:
            return block
        if accumulate is GemmAccumulation.L1 and self.options.gemm_stream_output:
            return banded_subblock(*block, capacity)
        a_buffers = len(dict.fromkeys(g.a for g in group.gemms))
        b_buffers = len(dict.fromkeys(g.b for g in group.gemms))
        return fewest_reads_subblock(*block, count, capacity, a_buffers, b_buffers)

    def _k_factor(
        self,
        group: GemmGroupShape,
        program: func.FuncOp,
        limits: DeviceLimits,
        accumulate: GemmAccumulation,
        config: ComputeConfigAttr,
    ) -> int:
        slices = k_slices(group)
        base = group.gemms[0].k_tiles
        forced = self.options.gemm_k_block
        if forced is not None:
            if isinstance(slices, str) and forced != base:
                raise op_error(group.gemms[0], f"gemm-k-block={forced} cannot be applied: {slices}")
            if forced % base or (not isinstance(slices, str) and slices.trip_count % (forced // base)):
                raise op_error(
                    group.gemms[0],
                    f"gemm-k-block={forced} must be a multiple of the program's K block of {base} "
                    "tile(s) that divides the K loop"
                    + ("" if isinstance(slices, str) else f" of {slices.trip_count} steps"),
                )
            return forced // base
        if isinstance(slices, str):
            return 1
        partial = self._partial_bytes(group, config) if accumulate is GemmAccumulation.L1 else 0
        best = 1
        for factor in range(1, min(slices.trip_count, MAX_K_BLOCK_TILES // base) + 1):
            if slices.trip_count % factor:
                continue
            grown = {buffer: self._grown_desc(buffer, factor) for buffer in slices.k_dims}
            if _cb_bytes(program, grown) + partial <= limits.l1_bytes:
                best = factor
        return best

    @staticmethod
    def _fit_operand_depth(
        group: GemmGroupShape, program: func.FuncOp, budget: int, rewriter: PatternRewriter
    ) -> None:
        """Where the CBs exceed `budget` bytes of L1, the A and B CBs of the group, which
        hold as many blocks as the pipeline hint asked (`#tt.pipeline<stages>`), hold
        the most blocks that fit instead, at least one. (A forced `gemm-k-block` grows
        them afterwards; what it does not fit, tt-verify reports.)"""
        if _cb_bytes(program, {}) <= budget:
            return
        operands = list(dict.fromkeys(buffer for gemm in group.gemms for buffer in (gemm.a, gemm.b)))
        tiles = {buffer: prod(buffer_tiles(buffer)) for buffer in operands}

        def at_depth(depth: int) -> dict[SSAValue, CBDescAttr]:
            descs = {}
            for buffer in operands:
                desc = _cb_desc(buffer)
                pages = min(desc.pages.data, tiles[buffer] * depth)
                descs[buffer] = desc.resized(pages)
            return descs

        depth = max(_cb_desc(buffer).pages.data // tiles[buffer] for buffer in operands)
        while depth > 1 and _cb_bytes(program, at_depth(depth)) > budget:
            depth -= 1
        _set_cb_descs(at_depth(depth), rewriter)

    @staticmethod
    def _grown_desc(buffer: SSAValue, factor: int) -> CBDescAttr:
        desc = _cb_desc(buffer)
        return desc.resized(desc.pages.data * factor)

    def _coarsen(self, group: GemmGroupShape, factor: int, rewriter: PatternRewriter) -> None:
        """Multiplies the K loop's step and the operand buffers' K extent by `factor`."""
        loop = group.loop
        assert loop is not None
        slices = k_slices(group)
        assert isinstance(slices, KSlices)
        step = arith.ConstantOp.from_int_and_width(slices.step * factor, loop.step.type)
        step.result.name_hint = "k_step"
        rewriter.insert(located([step], loop), InsertPoint.before(loop))
        rewriter.replace_uses_with_if(
            loop.step, step.result, lambda use: use.operation is loop and use.index == 2
        )
        for buffer, k_dim in slices.k_dims.items():
            grown = _k_grown_buffer(buffer, k_dim, factor, self._grown_desc(buffer, factor))
            grown.result.name_hint = buffer.name_hint
            rewriter.replace(buffer.owner, grown)

    def _stream_output(
        self,
        group: GemmGroupShape,
        program: func.FuncOp,
        limits: DeviceLimits,
        config: ComputeConfigAttr,
        schedule: GemmScheduleAttr,
        rewriter: PatternRewriter,
    ) -> None:
        """Streams the output (`_stream_last_steps`) where `_streamed_tail` allows it,
        over the most steps that `_stream_steps` asks for and whose wider A and B CBs
        fit L1 next to every other CB."""
        tail = _streamed_tail(group, schedule)
        if tail is None:
            return
        slices = k_slices(group)
        steps = self._stream_steps(group, program, limits, config, schedule, tail, slices)
        forced = self.options.gemm_stream_steps is not None
        wide: dict[SSAValue, _AllocOp] = {}
        deeper: dict[SSAValue, CBDescAttr] = {}
        while steps > 1:
            assert isinstance(slices, KSlices)
            wide = self._wide_operands(program, slices, steps)
            deeper = {buffer: self._at_least_deep(buffer, STREAMED_LOOP_DEPTH) for buffer in slices.k_dims}
            wide_bytes = sum(_cb_desc(alloc.result).total_bytes for alloc in wide.values())
            if len(wide) == len(slices.k_dims) and _cb_bytes(program, deeper) + wide_bytes <= limits.l1_bytes:
                break
            if forced:
                raise op_error(
                    group.gemms[0],
                    f"gemm-stream-steps={steps}: the A and B blocks of {steps} K steps, with "
                    f"the K loop's A and B CBs {STREAMED_LOOP_DEPTH} blocks deep, need "
                    f"{_cb_bytes(program, deeper) + wide_bytes} bytes of L1 and {len(slices.k_dims)} "
                    f"free CB indices in 0-15; the L1 has {limits.l1_bytes} bytes",
                )
            steps, wide, deeper = steps - 1, {}, {}
        _set_cb_descs(deeper, rewriter)
        _stream_last_steps(group, schedule, tail, steps, wide, rewriter)

    def _stream_steps(
        self,
        group: GemmGroupShape,
        program: func.FuncOp,
        limits: DeviceLimits,
        config: ComputeConfigAttr,
        schedule: GemmScheduleAttr,
        tail: StreamedTail,
        slices: KSlices | str,
    ) -> int:
        """How many K steps to stream. Forced by `gemm-stream-steps`; by default 1, or,
        where the loop's blocks travel in at most `STREAM_MOVE_SHARE` of a step's FPU
        time (the A and B tiles of a step at the NoC link rate, against the ideal matmul
        cycles at the fidelity) so that the wider blocks can arrive before the loop
        ends, the fewest steps whose FPU time lasts as long as the output of every
        working core takes to reach DRAM at its peak rate, so that the writes of all
        bands but the last overlap compute; fewer than the loop has. 1024^3 bf16 on 8x8
        at HiFi4: a 4-tile K step computes for 4,096 cycles and moves its 32 tiles in
        2,185, the 2 MB output takes 7,282: 2 steps. 512x1024x2048 (2x4-tile blocks):
        24 tiles in 1,638 cycles of a 2,048-cycle step: 1 step."""
        forced = self.options.gemm_stream_steps
        if forced is not None:
            if forced >= tail.trip_count:
                raise op_error(
                    group.gemms[0],
                    f"gemm-stream-steps={forced} must be fewer than the K loop's "
                    f"{tail.trip_count} steps",
                )
            if forced > 1 and isinstance(slices, str):
                raise op_error(group.gemms[0], f"gemm-stream-steps={forced} cannot be applied: {slices}")
            return forced
        if isinstance(slices, str):
            return 1
        rows, cols = schedule.block_tiles
        step_cycles = (
            rows * cols * schedule.k_block.data * MATMUL_TILE_CYCLES_LOFI
            * config.math_fidelity.data.phases
        )  # fmt: skip
        moved_bytes = sum(_cb_desc(buffer).page_size.data * prod(buffer_tiles(buffer)) for buffer in slices.k_dims)
        if moved_bytes / limits.noc_link_bytes_per_cycle > STREAM_MOVE_SHARE * step_cycles:
            return 1
        partition = program.attributes.get(annotations.WORK_PARTITION)
        cores = len(partition.assignments()) if isinstance(partition, WorkPartitionAttr) else 1
        output_bytes = cores * rows * cols * _cb_desc(tail.epilogue.dst).page_size.data
        write_cycles = output_bytes / limits.dram_bytes_per_cycle
        return min(tail.trip_count - 1, max(1, ceil(write_cycles / step_cycles)))

    @staticmethod
    def _at_least_deep(buffer: SSAValue, depth: int) -> CBDescAttr:
        desc = _cb_desc(buffer)
        pages = max(desc.pages.data, prod(buffer_tiles(buffer)) * depth)
        return desc.resized(pages)

    @staticmethod
    def _wide_operands(program: func.FuncOp, slices: KSlices, steps: int) -> dict[SSAValue, _AllocOp]:
        """For each operand buffer of the K loop, a new buffer holding `steps` of its K
        blocks, with a one-block CB at a free input index (fewer entries where the
        indices run out)."""
        free = (i for i in STREAMED_OPERAND_CB_INDICES if i not in _used_cb_indices(program))
        wide: dict[SSAValue, _AllocOp] = {}
        for (buffer, k_dim), index in zip(slices.k_dims.items(), free):
            desc = _cb_desc(buffer)
            one_block = desc.resized(prod(buffer_tiles(buffer)) * steps, index)
            wide[buffer] = _k_grown_buffer(buffer, k_dim, steps, one_block)
            wide[buffer].result.name_hint = f"{buffer.name_hint or 'operand'}_last"
        return wide

    @staticmethod
    def _partial_format(config: ComputeConfigAttr) -> DataFormat:
        return DataFormat.F32 if config.fp32_dest_acc.value.data else DataFormat.BF16

    def _partial_bytes(self, group: GemmGroupShape, config: ComputeConfigAttr) -> int:
        rows, cols = buffer_tiles(group.accumulators[0])
        return rows * cols * TILE_BYTES[self._partial_format(config)]

    def _accumulate_in_l1(
        self,
        group: GemmGroupShape,
        program: func.FuncOp,
        config: ComputeConfigAttr,
        rewriter: PatternRewriter,
    ) -> None:
        """Gives the accumulator the partial-sum CB and moves its value after the K
        loop to a buffer with its old CB."""
        accumulator = group.accumulators[0]
        alloc = accumulator.owner
        assert isinstance(alloc, _AllocOp)
        old = _cb_desc(accumulator)
        used = _used_cb_indices(program)
        index = next((i for i in PARTIAL_CB_INDICES if i not in used), None)
        if index is None:
            raise op_error(group.gemms[0], "no free CB index (c_0..c_31) for the gemm's partial sums")
        rows, cols = buffer_tiles(accumulator)
        fmt = self._partial_format(config)
        alloc.attributes[annotations.CB] = CBDescAttr(index, rows * cols, TILE_BYTES[fmt], fmt)
        rewriter.notify_op_modified(alloc)
        self._stage_after_loop(group, old, rewriter)

    @staticmethod
    def _stage_after_loop(
        group: GemmGroupShape, old: CBDescAttr, rewriter: PatternRewriter
    ) -> None:
        """After the K loop the accumulator's value moves to a new buffer with the
        accumulator's old CB, on its way through DST: an in-place unary op that reads it
        first (`tt.relu %c to %c`) writes the new buffer instead, any other first reader
        gets a copy into it before; every later use reads the new buffer. A unary op into
        another buffer that is the only reader (`tt.relu %c to %c_1`) moves the value
        itself: nothing is staged."""
        accumulator, loop = group.accumulators[0], group.loop
        assert loop is not None
        block = loop.parent_block()
        assert block is not None
        after = uses_after(accumulator, loop)
        if not after:
            return
        only = after[0] if len(after) == 1 else None
        if isinstance(only, _UnaryOp) and only.src is accumulator and only.dst is not accumulator:
            return  # the epilogue op itself moves the value out of the partial-sum CB
        alloc = accumulator.owner
        assert isinstance(alloc, _AllocOp)
        staging = type(alloc)(accumulator.type)
        staging.attributes[annotations.CB] = old
        staging.result.name_hint = f"{accumulator.name_hint or 'acc'}_out"
        first = after[0]
        if isinstance(first, _UnaryOp) and first.src is accumulator and first.dst is accumulator:
            rewriter.insert(located([staging], first), InsertPoint.before(first))
            rewriter.replace_uses_with_if(
                accumulator, staging.result, lambda use: use.operation is first and use.index == 1
            )
            later = set(after[1:])
        else:
            top = ancestor_in(first, block)
            assert top is not None
            convert = CopyOp(accumulator, staging.result)
            rewriter.insert(located([staging, convert], top), InsertPoint.before(top))
            later = set(after)
        rewriter.replace_uses_with_if(accumulator, staging.result, lambda use: use.operation in later)


def _k_grown_buffer(buffer: SSAValue, k_dim: int, factor: int, desc: CBDescAttr) -> _AllocOp:
    """A new (unattached) buffer like `buffer`, `factor` times as long along its K
    dimension `k_dim`, with the CB `desc`, located at `buffer`'s alloc."""
    alloc = buffer.owner
    assert isinstance(alloc, _AllocOp) and isinstance(buffer.type, MemRefType)
    shape = list(buffer.type.get_shape())
    shape[k_dim] *= factor
    grown = type(alloc)(MemRefType(buffer.type.element_type, shape))
    grown.attributes = dict(alloc.attributes)
    grown.attributes[annotations.CB] = desc
    return located([grown], alloc)[0]


def _used_cb_indices(program: func.FuncOp) -> set[int]:
    return {
        desc.index.data
        for op in program.body.walk()
        if isinstance(op, _AllocOp) and isinstance(desc := op.attributes.get(annotations.CB), CBDescAttr)
    }


@dataclass(frozen=True)
class StreamedTail:
    """What `_streamed_tail` found: the K loop's constant bounds, the epilogue op
    `acc -> out` and the one store of `out`."""

    lower: int
    upper: int
    step: int
    epilogue: CopyOp | _UnaryOp
    store: CopyOp

    @property
    def trip_count(self) -> int:
        return (self.upper - self.lower) // self.step


def _streamed_tail(group: GemmGroupShape, schedule: GemmScheduleAttr) -> StreamedTail | None:
    """Where the result leaves the program straight after the K loop (its only reader
    after the loop is one epilogue op `E: acc -> out` that `_stage_after_loop` made, and
    `out` is only stored to a tensor by one copy), the loop has constant bounds and at
    least two steps, one gemm and more than one band of subblock rows: what
    `_stream_last_steps` rewrites. None anywhere else."""
    (rows, _), (sub_rows, _) = schedule.block_tiles, schedule.subblock_tiles
    loop, accumulator = group.loop, group.accumulators[0]
    if loop is None or len(group.gemms) != 1 or rows == sub_rows or loop.iter_args:
        return None
    lower, upper, step = (constant_index(value) for value in (loop.lb, loop.ub, loop.step))
    if lower is None or upper is None or step is None or step <= 0:
        return None
    if (upper - lower) // step < 2 or (upper - lower) % step:
        return None
    after = uses_after(accumulator, loop)
    if len(after) != 1 or not isinstance(epilogue := after[0], CopyOp | _UnaryOp):
        return None
    if epilogue.src is not accumulator or epilogue.parent_block() is not loop.parent_block():
        return None
    stores = [use.operation for use in epilogue.dst.uses if use.operation is not epilogue]
    if len(stores) != 1 or not isinstance(store := stores[0], CopyOp) or not store.dst_indices:
        return None
    return StreamedTail(lower, upper, step, epilogue, store)


def _stream_last_steps(
    group: GemmGroupShape,
    schedule: GemmScheduleAttr,
    tail: StreamedTail,
    steps: int,
    wide: dict[SSAValue, _AllocOp],
    rewriter: PatternRewriter,
) -> None:
    """Peels the K loop's last `steps` steps into one `reload` gemm and chunks the
    result's store by subblock rows. One step reuses the loop's operand buffers; several
    read A and B into the wider buffers `wide` (by operand buffer of the loop), whose CBs
    fill while the loop's last steps compute."""
    loop = group.loop
    assert loop is not None
    last = arith.ConstantOp.from_int_and_width(tail.upper - steps * tail.step, IndexType())
    last.result.name_hint = "k_last"
    rewriter.insert(located([last], loop), InsertPoint.before(loop))
    loop.operands[1] = last.result
    mapping: dict[SSAValue, SSAValue] = {loop.body.block.args[0]: last.result}
    mapping |= {buffer: alloc.result for buffer, alloc in wide.items()}
    peeled = [op.clone(mapping) for op in loop.body.block.ops if not isinstance(op, scf.YieldOp)]
    # After the output buffer's alloc.
    rewriter.insert([*wide.values(), *peeled], InsertPoint.before(tail.epilogue))
    for op in peeled:
        if isinstance(op, GemmOp):
            op.schedule = GemmScheduleAttr(
                schedule.block_tiles,
                schedule.k_block.data * steps,
                schedule.subblock_tiles,
                GemmAccumulation.RELOAD,
            )
    tail.store.chunk_rows = IntegerAttr(schedule.subblock_tiles[0], i64)
    rewriter.notify_op_modified(tail.store)
    rewriter.notify_op_modified(loop)


@dataclass(frozen=True)
class ScheduleComputePass(ModulePass, GemmScheduleOptions, ComputeOptions):
    """Decides the compute config of every program and the schedule of every gemm."""

    name = "tt-schedule-compute"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for pattern in (
            DecideComputeConfig(self.fidelity, self.dst_full_sync),
            ScheduleGemmGroup(self),
        ):
            PatternRewriteWalker(pattern, apply_recursively=False).rewrite_module(op)
