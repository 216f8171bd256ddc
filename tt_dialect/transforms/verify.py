"""tt-verify: refuse, with the reason and the numbers, what a device cannot run.

Reads: every `tt.program` (hardware level, e.g. the output of `tt-lower`, or
hand-written), its CB descriptors, kernels, runtime-argument schemas, work
partition and tensors (the program's contract).
Writes nothing; the first violated rule is a located error. Limits come from
`tt_dialect/device.py` for `arch` (default: the program's own device), so a
program can be checked against another architecture. The rules, per program:

1. L1 per core: the pages of every CB times their size, plus the L1 buffers the
   core holds (its shard of an L1-sharded tensor, its share of an L1-interleaved
   one), fit the arch's usable L1.
2. CBs: at most the arch's number of CBs, indices in range, no index twice.
3. CB protocol, statically, per kernel: in every block (a kernel body or a loop
   body, i.e. per loop iteration) the pages reserved equal the pages pushed and
   the pages waited for equal the pages popped, for each CB; every described
   CB is pushed by exactly one kernel and popped by exactly one kernel; no call
   names more pages than the CB has (an op verifier).
4. DST, per compute kernel: `tile_regs_acquire`, `commit`, `wait`, `release` in
   that order and balanced in every block; math only between acquire and
   commit, packs only between wait and release; DST indices below the capacity
   of the kernel's data width and sync mode and compute ops only in compute
   kernels, NOC ops only in reader/writer kernels (op verifiers).
5. Runtime args: every `get_arg_val` names an entry of its kernel's schema (an
   op verifier); the
   host can set every entry on every core of the kernel: a `buffer_address`
   names a tensor of the program, and `start_unit`/`num_units` come from a work
   partition (which gives every core of every kernel units: the kernel verifier).
6. Cores: every kernel's core ranges lie in the arch's worker grid and do not overlap.
7. Data formats: every CB's format is one the arch supports, and FPU math
   (matmul_tiles/matmul_block/add/sub/mul_tiles) reads only floating-point formats.
8. Blocked matmul, per compute kernel: every `matmul_block` runs under a
   `matmul_block_init` of the same ct, rt, kt and transpose (the last FPU init
   before it in program order).
9. Multicast: every semaphore on cores the kernels run on (ids are distinct and
   in range: the program's verifier); `mcast_*` runtime arguments only with a `block_2d`
   partition, on an axis whose lines have receivers; every multicast to a
   rectangle made of an axis's `mcast_start/end` arguments names as many
   destinations (`num_dests`) as the rest of that line has cores.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Block, Operation, SSAValue
from xdsl.passes import ModulePass

from tt_dialect.device import DeviceLimits
from tt_dialect.options import DeviceOption
from tt_dialect.index_bounds import constant_index
from tt_dialect.analysis import cb_source
from tt_dialect.diagnostics import op_error, verify_located
from tt_dialect.ops.attributes import (
    ArgKind,
    BufferKind,
    BufferLayoutAttr,
    DataFormat,
    KernelRole,
    MemorySpace,
    MulticastAxis,
    PartitionMode,
)
from tt_dialect.ops.cb import (
    CBPopFrontOp,
    CBPushBackOp,
    CBReserveBackOp,
    CBWaitFrontOp,
    _CBPagesOp,
)
from tt_dialect.ops.compute import (
    AddTilesInitOp,
    BinaryOpInitCommonOp,
    ComputeKernelHwStartupOp,
    CopyTileInitOp,
    InitSFPUOp,
    MatmulBlockInitOp,
    MatmulBlockOp,
    MatmulInitOp,
    MulTilesInitOp,
    PackTileOp,
    SubTilesInitOp,
    TileRegsAcquireOp,
    TileRegsCommitOp,
    TileRegsReleaseOp,
    TileRegsWaitOp,
    FPU_BINARY_OPS,
    writes_dst,
)
from tt_dialect.ops.args import GetArgValOp
from tt_dialect.ops.program import KernelOp, ProgramOp
from tt_dialect.ops.sync import GetNocMulticastAddrOp, NocAsyncWriteMulticastOp, SemaphoreSetMulticastOp
from tt_dialect.ops.types import CBType

FPU_FORMATS = frozenset(
    {DataFormat.BF16, DataFormat.F16, DataFormat.F32, DataFormat.BFP8_B, DataFormat.BFP4_B}
)
"""Formats the FPU unpacks for matmul and eltwise binary math."""

FPU_CONFIGURING_OPS: tuple[type[Operation], ...] = (
    ComputeKernelHwStartupOp,
    BinaryOpInitCommonOp,
    InitSFPUOp,
    MatmulInitOp,
    MatmulBlockInitOp,
    AddTilesInitOp,
    SubTilesInitOp,
    MulTilesInitOp,
    CopyTileInitOp,
)
"""The calls that program the unpacker and FPU for the tile ops after them."""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _block_shape(op: MatmulBlockInitOp | MatmulBlockOp) -> str:
    """`ct = 4, rt = 2, kt = 4` (with `, transpose`): what an init programs and a
    matmul_block needs."""
    dims = f"ct = {op.ct.value.data}, rt = {op.rt.value.data}, kt = {op.kt.value.data}"
    return dims + (", transpose" if op.transpose is not None else "")


def _cb_index(op: Operation, value: SSAValue | None = None) -> int:
    """Index of the CB `op` uses (its first operand unless `value` is given)."""
    cb = op.operands[0] if value is None else value
    get_cb = cb_source(cb)
    if get_cb is None:
        raise op_error(op, "uses a CB that does not come from a tt.get_cb of its kernel")
    return get_cb.index.value.data


def _cores(kernels: list[KernelOp]) -> list[tuple[int, int]]:
    cores = {core for kernel in kernels for core in kernel.cores.cores()}
    return sorted(cores, key=lambda c: (c[1], c[0]))


class _ProgramCheck:
    def __init__(self, program: ProgramOp, limits: DeviceLimits):
        self.program = program
        self.limits = limits
        self.arch = limits.name
        self.kernels = program.kernels()

    def run(self) -> None:
        self.check_cores()
        self.check_cbs()
        self.check_formats()
        self.check_l1()
        for kernel in self.kernels:
            self.check_protocol_balance(kernel.body.block, kernel)
            if kernel.role.data is KernelRole.COMPUTE:
                self.check_dst(kernel)
                self.check_matmul_block_inits(kernel)
            self.check_runtime_args(kernel)
            self.check_multicasts(kernel)
        self.check_semaphores()
        self.check_producers_and_consumers()

    # ------------------------------------------------------------------ rules 6, 2, 7

    def check_cores(self) -> None:
        rows, cols = self.limits.worker_grid
        for kernel in self.kernels:
            ranges = kernel.cores.ranges.data
            for i, core_range in enumerate(ranges):
                x0, y0, x1, y1 = core_range.bounds
                if x1 >= cols or y1 >= rows:
                    raise op_error(
                        kernel,
                        f"core range ({x0}, {y0}) to ({x1}, {y1}) lies outside the "
                        f"{rows}x{cols} worker grid of {self.arch}",
                    )
                for other in ranges[i + 1 :]:
                    if core_range.overlaps(other):
                        raise op_error(kernel, "core ranges of one kernel overlap")

    def check_cbs(self) -> None:
        cbs = self.program.cbs.data
        if len(cbs) > self.limits.max_cbs:
            raise op_error(
                self.program,
                f"{len(cbs)} CBs on one core, {self.arch} has {self.limits.max_cbs}",
            )
        seen: set[int] = set()
        for cb in cbs:
            index = cb.index.data
            if index >= self.limits.max_cbs:
                raise op_error(
                    self.program,
                    f"CB index {index} is out of range: {self.arch} has CBs "
                    f"0..{self.limits.max_cbs - 1}",
                )
            if index in seen:
                raise op_error(self.program, f"CB index {index} is described twice")
            seen.add(index)

    def check_formats(self) -> None:
        for cb in self.program.cbs.data:
            fmt = cb.format.data
            if fmt not in self.limits.data_formats:
                raise op_error(
                    self.program, f"CB {cb.index.data} holds {fmt.value}, which {self.arch} does not support"
                )
        for kernel in self.kernels:
            for op in kernel.body.walk():
                if not isinstance(op, FPU_BINARY_OPS):
                    continue
                for operand in (op.in0, op.in1):
                    cb_type = operand.type
                    assert isinstance(cb_type, CBType)
                    if cb_type.format.data not in FPU_FORMATS:
                        allowed = ", ".join(sorted(f.value for f in FPU_FORMATS))
                        raise op_error(
                            op,
                            f"reads CB {_cb_index(op, operand)} in "
                            f"{cb_type.format.data.value}; the FPU computes on {allowed}",
                        )

    # ------------------------------------------------------------------ rule 1

    def check_l1(self) -> None:
        cb_bytes = sum(cb.total_bytes for cb in self.program.cbs.data)
        per_core: dict[tuple[int, int], int] = defaultdict(int)
        for core in _cores(self.kernels):
            per_core[core] += cb_bytes
        buffers: dict[tuple[int, int], int] = defaultdict(int)
        for layout in self._tensors():
            for core, size in self._l1_shares(layout).items():
                buffers[core] += size
                per_core[core] += size
        for core in sorted(per_core, key=lambda c: (c[1], c[0])):
            if per_core[core] > self.limits.l1_bytes:
                what = f"CBs need {cb_bytes:,} B" if not buffers[core] else (
                    f"CBs and L1 buffers need {per_core[core]:,} B "
                    f"(CBs {cb_bytes:,} B, buffers {buffers[core]:,} B)"
                )
                raise op_error(
                    self.program,
                    f"L1 overflow on core ({core[0]},{core[1]}): {what}, "
                    f"{self.arch} has {self.limits.l1_bytes:,} B",
                )

    def _tensors(self) -> list[BufferLayoutAttr]:
        return [tensor.layout for tensor in self.program.tensors.data]

    def _l1_shares(self, layout: BufferLayoutAttr) -> dict[tuple[int, int], int]:
        """Bytes of an L1 tensor each core holds."""
        if layout.memory_space is not MemorySpace.L1:
            return {}
        pages = 1
        for extent in layout.shape_in_tiles:
            pages *= extent
        rows, cols = self.limits.worker_grid
        spec = layout.shard_spec
        if layout.buffer_kind is BufferKind.SHARDED and spec is not None:
            shard_pages = 1
            for extent in spec.shard_shape:
                shard_pages *= extent
            grid_rows, grid_cols = spec.grid_shape
            return {
                (x, y): shard_pages * layout.page_size
                for y in range(grid_rows)
                for x in range(grid_cols)
            }
        banks = rows * cols
        share = -(-pages // banks) * layout.page_size
        return {(x, y): share for y in range(rows) for x in range(cols)}

    # ------------------------------------------------------------------ rule 3

    def check_protocol_balance(self, block: Block, kernel: KernelOp) -> None:
        sums: dict[tuple[int, type], int] = defaultdict(int)
        first: dict[int, Operation] = {}
        for op in block.ops:
            if isinstance(op, _CBPagesOp):
                index = _cb_index(op)
                sums[(index, type(op))] += op.num_pages.value.data
                first.setdefault(index, op)
            for region in op.regions:
                for inner in region.blocks:
                    self.check_protocol_balance(inner, kernel)
        scope = "this loop iteration" if block.parent_op() is not kernel else f"kernel @{kernel.sym_name.data}"
        for index, op in first.items():
            for opened, closed, verbs in (
                (CBReserveBackOp, CBPushBackOp, ("reserved", "pushed")),
                (CBWaitFrontOp, CBPopFrontOp, ("waited for", "popped")),
            ):
                a, b = sums[(index, opened)], sums[(index, closed)]
                if a != b:
                    raise op_error(
                        op,
                        f"CB {index}: {_count(a, 'page')} {verbs[0]} but {b} {verbs[1]} in {scope}",
                    )

    def check_producers_and_consumers(self) -> None:
        producers: dict[int, list[str]] = defaultdict(list)
        consumers: dict[int, list[str]] = defaultdict(list)
        for kernel in self.kernels:
            name = f"@{kernel.sym_name.data}"
            pushed = {_cb_index(op) for op in kernel.body.walk() if isinstance(op, CBPushBackOp)}
            popped = {_cb_index(op) for op in kernel.body.walk() if isinstance(op, CBPopFrontOp)}
            for index in pushed:
                producers[index].append(name)
            for index in popped:
                consumers[index].append(name)
        for cb in self.program.cbs.data:
            index = cb.index.data
            for role, kernels in (("produced", producers[index]), ("consumed", consumers[index])):
                if len(kernels) != 1:
                    by = f"by {len(kernels)} kernels ({', '.join(kernels)})" if kernels else "by no kernel"
                    raise op_error(
                        self.program,
                        f"CB {index} is {role} {by}; every CB has exactly one producer and one consumer",
                    )

    # ------------------------------------------------------------------ rule 4

    def check_dst(self, kernel: KernelOp) -> None:
        end = self._dst_states(kernel.body.block, "idle")
        if end != "idle":
            raise op_error(kernel, f"DST is left {end} at the end of the kernel; release it")

    _NEXT = {
        TileRegsAcquireOp: ("idle", "acquired"),
        TileRegsCommitOp: ("acquired", "committed"),
        TileRegsWaitOp: ("committed", "waited"),
        TileRegsReleaseOp: ("waited", "idle"),
    }

    def _dst_states(self, block: Block, state: str) -> str:
        """Walks `block` from DST state `state`; nested blocks must return to the
        state they started in (one loop iteration leaves DST as it found it)."""
        for op in block.ops:
            transition = self._NEXT.get(type(op))
            if transition is not None:
                expected, after = transition
                if state != expected:
                    raise op_error(
                        op,
                        f"out of order: DST is {state} here; {op.name} needs it {expected} "
                        "(acquire, commit, wait, release)",
                    )
                state = after
                continue
            if writes_dst(op) and state != "acquired":
                raise op_error(op, f"writes DST while DST is {state}; math runs between tile_regs_acquire and tile_regs_commit")
            if isinstance(op, PackTileOp) and state != "waited":
                raise op_error(op, f"reads DST while DST is {state}; packs run between tile_regs_wait and tile_regs_release")
            for region in op.regions:
                for inner in region.blocks:
                    end = self._dst_states(inner, state)
                    if end != state:
                        raise op_error(
                            op,
                            f"leaves DST {end} after an iteration that started with it {state}; "
                            "DST sections must be balanced inside the loop",
                        )
        return state

    # ------------------------------------------------------------------ rule 8

    def check_matmul_block_inits(self, kernel: KernelOp) -> None:
        """Each matmul_block runs under the block shape its init programmed: the
        last FPU-configuring op before it in program order is a matmul_block_init
        with the same ct, rt, kt and transpose. Program order stands for control
        flow: an init before a loop (where tt-insert-compute-init hoists it) serves
        the calls in the loop."""
        current: Operation | None = None
        for op in kernel.body.walk():
            if isinstance(op, FPU_CONFIGURING_OPS):
                current = op
            elif isinstance(op, MatmulBlockOp):
                shape = _block_shape(op)
                if not isinstance(current, MatmulBlockInitOp):
                    after = f"after '{current.name}'" if current is not None else "with no FPU init before it"
                    raise op_error(
                        op,
                        f"runs {after}; matmul_block needs a tt.matmul_block_init of its block "
                        f"shape ({shape}) before it",
                    )
                if _block_shape(current) != shape:
                    raise op_error(
                        op,
                        f"has block shape {shape}, but the tt.matmul_block_init before it "
                        f"programmed {_block_shape(current)}",
                    )

    # ------------------------------------------------------------------ rule 5

    def check_runtime_args(self, kernel: KernelOp) -> None:
        schema = kernel.runtime_args.args.data
        tensors = self._tensors()
        partition = self.program.work_partition
        for arg in schema:
            name = arg.arg_name.data
            if arg.arg_kind is ArgKind.BUFFER_ADDRESS and arg.tensor.data >= len(tensors):
                raise op_error(
                    kernel,
                    f"runtime argument '{name}' is the address of tensor {arg.tensor.data}; the "
                    f"program has {_count(len(tensors), 'tensor')}",
                )
            if arg.arg_kind in (ArgKind.START_UNIT, ArgKind.NUM_UNITS):
                if partition is None:
                    raise op_error(
                        kernel,
                        f"the host cannot set runtime argument '{name}': the program has no "
                        "work_partition to take units from",
                    )


    # ------------------------------------------------------------------ rule 9

    def check_semaphores(self) -> None:
        cores = set(_cores(self.kernels))
        for semaphore in self.program.semaphores.data:
            outside = [core for core in semaphore.cores.cores() if core not in cores]
            if outside:
                raise op_error(
                    self.program,
                    f"semaphore {semaphore.id.data} is created on core {outside[0]}, where no "
                    "kernel runs",
                )

    def _line_receivers(self, kernel: KernelOp, axis: MulticastAxis) -> int:
        """Receivers of a line of cores along `axis`; a located error unless the
        partition is block_2d."""
        partition = self.program.work_partition
        if partition is None or partition.mode.data is not PartitionMode.BLOCK_2D:
            mode = "none" if partition is None else partition.mode.data.value
            raise op_error(
                kernel,
                f"multicast runtime arguments need a block_2d work partition, whose core "
                f"rectangle defines the lines; this program's partition is {mode}",
            )
        rows, cols = partition.block_rectangle
        return cols - 1 if axis is MulticastAxis.ROW else rows - 1

    def check_multicasts(self, kernel: KernelOp) -> None:
        schema = kernel.runtime_args.args.data
        for arg in schema:
            if arg.arg_kind.takes_axis and self._line_receivers(kernel, arg.axis) < 1:
                raise op_error(
                    kernel,
                    f"runtime argument '{arg.arg_name.data}' is a multicast value along "
                    f"{arg.axis.value}s, but a {arg.axis.value} of the partition's core "
                    "rectangle has one core: nothing to multicast to",
                )
        for op in kernel.body.walk():
            if not isinstance(op, NocAsyncWriteMulticastOp | SemaphoreSetMulticastOp):
                continue
            rectangle = op.dst_noc_addr.owner
            count = constant_index(op.num_dests)
            if not isinstance(rectangle, GetNocMulticastAddrOp) or count is None:
                continue
            axes = {
                arg.axis
                for corner in (rectangle.x_start, rectangle.y_start, rectangle.x_end, rectangle.y_end)
                if isinstance(read := corner.owner, GetArgValOp)
                and (arg := read.schema_entry()) is not None
                and arg.arg_kind.takes_axis
            }
            if len(axes) != 1:
                continue
            (axis,) = axes
            receivers = self._line_receivers(kernel, axis)
            if count != receivers:
                raise op_error(
                    op,
                    f"multicasts to {_count(count, 'core')} along a {axis.value}, whose other "
                    f"cores number {receivers} in the partition's core rectangle",
                )


@dataclass(frozen=True)
class VerifyPass(ModulePass):
    """Checks every tt.program against the limits of its device."""

    name = "tt-verify"

    device: Literal["n150", "n300", "p100", "p150"] | None = None
    """Card to check against; the program's own device by default."""

    arch: Literal["wormhole_b0", "blackhole"] | None = None
    """Architecture to check against (its usual card: wormhole_b0 an n150, blackhole a p150),
    when no `device` is given."""

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        verify_located(op)
        self.check(op)

    def check(self, op: ModuleOp) -> None:
        """The rules alone, on IR already verified (a named pipeline's last stage)."""
        for program in op.walk():
            if isinstance(program, ProgramOp):
                limits = (
                    DeviceOption(device=self.device, arch=self.arch).limits
                    if self.device or self.arch
                    else program.device.limits
                )
                _ProgramCheck(program, limits).run()
