"""Typed attributes of the `tt` dialect: the one canonical metadata schema.

Every piece of metadata a pass writes or reads (buffer layouts, core ranges,
circular-buffer descriptors, runtime-argument schemas, the device, kernel roles)
is one of these attributes, with its own verifier. Nothing is a free-form
dictionary, and ``tt.plan.json`` is a serialization of these attributes.
"""

from __future__ import annotations

from math import prod
from collections.abc import Sequence
from typing import ClassVar

from xdsl.dialects.builtin import ArrayAttr, BoolAttr, IntAttr, NoneAttr, StringAttr
from xdsl.dialects.utils import EnumAttribute
from xdsl.ir import Attribute, ParametrizedAttribute
from xdsl.irdl import irdl_attr_definition
from xdsl.parser import AttrParser
from xdsl.printer import Printer
from xdsl.utils.exceptions import VerifyException
from xdsl.utils.str_enum import StrEnum

from tt_dialect.device import (
    CARDS,
    MAX_GRID_EXTENT,
    SEMAPHORES_PER_CORE,
    TILE_COLS,
    TILE_ROWS,
    Arch,
    Card,
    DeviceLimits,
    cards_of,
    dst_capacity,
)
from tt_dialect.metal_versions import MetalApi

# --------------------------------------------------------------------------- enums


class DataFormat(StrEnum):
    """Element format of a tile, named as tt-metal's ``DataFormat`` values."""

    BF16 = "bf16"
    F16 = "f16"
    F32 = "f32"
    BFP8_B = "bfp8_b"
    BFP4_B = "bfp4_b"
    I32 = "i32"
    U32 = "u32"


TILE_BYTES: dict[DataFormat, int] = {
    DataFormat.BF16: 2048,
    DataFormat.F16: 2048,
    DataFormat.F32: 4096,
    DataFormat.BFP8_B: 1088,
    DataFormat.BFP4_B: 576,
    DataFormat.I32: 4096,
    DataFormat.U32: 4096,
}
"""Bytes of one 32x32 tile per format (METALIUM_FACTS.md)."""


class MemorySpace(StrEnum):
    DRAM = "dram"
    L1 = "l1"


class BufferKind(StrEnum):
    INTERLEAVED = "interleaved"
    SHARDED = "sharded"


class ShardOrientation(StrEnum):
    ROW_MAJOR = "row_major"
    COL_MAJOR = "col_major"


class BlockOrder(StrEnum):
    """How a work partition numbers the x blocks of each row of the launch grid."""

    ROW_MAJOR = "row_major"
    """bx = 0, 1, ..., gx - 1."""
    FOLDED = "folded"
    """From both ends, alternately: bx = 0, gx - 1, 1, gx - 2, ... A core's run of
    consecutive units then pairs blocks of growing and shrinking work (causal attention's
    loop runs bx + 1 steps: cores get about equal sums)."""


class PartitionMode(StrEnum):
    """How a program's work units are split over cores (`tt-work-partition`)."""

    GLOBAL = "global"
    """Balanced over the whole core grid, as tt-metal's ``split_work_to_cores``."""
    LOCAL_SHARD = "local_shard"
    """Each core computes the blocks of the output shard it holds."""
    BLOCK_2D = "block_2d"
    """The cores form one rectangle as the blocks do, and each computes a rectangle of
    ``shard_blocks`` blocks, numbered as ``local_shard`` numbers them: at every step
    of their unit loops, the cores of a core row work on one row of blocks and the
    cores of a core column on one column of blocks, so a load that depends only on
    the block row (column) can be multicast along the core row (column).
    Chosen by `tt-schedule-multicast`."""


class KernelRole(StrEnum):
    READER = "reader"
    COMPUTE = "compute"
    WRITER = "writer"

    @property
    def is_dataflow(self) -> bool:
        return self is not KernelRole.COMPUTE


class MulticastAxis(StrEnum):
    """Along which line of cores a multicast load is shared (`#tt.multicast`)."""

    ROW = "row"
    """The cores of one core row: the row's first core reads and sends to the others."""
    COLUMN = "column"
    """The cores of one core column: the column's first core reads and sends."""


class MathFidelity(StrEnum):
    LOFI = "lofi"
    HIFI2 = "hifi2"
    HIFI3 = "hifi3"
    HIFI4 = "hifi4"

    @property
    def phases(self) -> int:
        """FPU passes per multiply: each divides matmul throughput (PERF_FACTS.md)."""
        return {"lofi": 1, "hifi2": 2, "hifi3": 3, "hifi4": 4}[self.value]


class Broadcast(StrEnum):
    """Which single line of tile values an FPU broadcast op repeats over its second
    operand (tt-metal's `BroadcastType`)."""

    COL = "col"
    """Column 0 of each tile, repeated across the columns: one value per row (a
    `ReduceDim::REDUCE_ROW` result); `*_tiles_bcast_cols`."""
    ROW = "row"
    """Row 0 of each tile, repeated down the rows: one value per column (a
    `ReduceDim::REDUCE_COL` result); `*_tiles_bcast_rows`."""


class MaskPredicate(StrEnum):
    """How a mask (`tt.mask`, `tt.write_mask_tile`) compares an element's row index with its
    column index: `ge` is row >= col (a causal mask keeps keys up to its query)."""

    GE = "ge"
    GT = "gt"
    LE = "le"
    LT = "lt"

    def holds(self, row: int, col: int) -> bool:
        return {"ge": row >= col, "gt": row > col, "le": row <= col, "lt": row < col}[self.value]

    @property
    def flipped(self) -> MaskPredicate:
        """The predicate with its operands swapped: `a >= b` is `b <= a`."""
        return {"ge": MaskPredicate.LE, "gt": MaskPredicate.LT, "le": MaskPredicate.GE, "lt": MaskPredicate.GT}[self.value]


class PoolType(StrEnum):
    """How `reduce_tile` combines values (tt-metal's `PoolType`)."""

    SUM = "sum"
    MAX = "max"


class ReduceDim(StrEnum):
    """Which dimension `reduce_tile` reduces (tt-metal's `ReduceDim`)."""

    ROW = "row"
    """Along each row: each row's result lands in column 0 (`REDUCE_ROW`)."""
    COL = "col"
    """Along each column: each column's result lands in row 0 (`REDUCE_COL`)."""


class GemmAccumulation(StrEnum):
    """Where a gemm's partial sums live between K blocks (`#tt.gemm_schedule`)."""

    DST = "dst"
    """In DST for the whole K loop: the output block (or each subblock, the loop over
    subblocks enclosing the K loop) fits DST."""
    L1 = "l1"
    """In an L1 circular buffer, added to by the packer (packer L1 accumulation) after
    every K block: the K loop encloses the subblocks, so every A and B block is read
    once."""
    RELOAD = "reload"
    """The last K step of an L1 accumulation, outside its K loop: each subblock's partial
    sums are copied from L1 into DST, the step's products added, the epilogue applied,
    and the result packed into the output buffer one band of subblock rows at a time,
    so the writer stores a band while the next one computes."""
    BUFFER = "buffer"
    """No K loop of its own: the gemm is one update of its accumulator buffer, like an
    elementwise op. Per DST subblock, the buffer's current value is copied from its CB
    into DST (unless the gemm's clear is right before it: DST starts at zero), the
    products are added and the subblock is packed into the buffer's CB, where any op
    reads it. For a result a reduction or another gemm reads, and for sums other ops
    update between gemms (attention's scores and rescaled output)."""


class ArgType(StrEnum):
    """C++ type of a runtime argument; tt-metal runtime args are 32-bit words."""

    U32 = "u32"


class TensorRole(StrEnum):
    """Whether the program reads a tensor (a reader kernel's accessor) or writes it (a writer's)."""

    INPUT = "input"
    OUTPUT = "output"


class CompileTimeArgKind(StrEnum):
    """What one compile-time word of a kernel holds."""

    CB = "cb"
    """The index of a circular buffer the kernel uses."""
    ACCESSOR_CONFIG = "accessor_config"
    """First word of a tensor's accessor args: `tensor_accessor::ArgConfig` bits."""
    PAGE_SIZE = "page_size"
    """Second word of a tensor's accessor args: its page size in bytes."""


class ArgKind(StrEnum):
    """What a runtime argument means, so the host knows what to set it to."""

    BUFFER_ADDRESS = "buffer_address"
    """Base address of a tensor's device buffer; carries the tensor index."""
    START_UNIT = "start_unit"
    """First work unit assigned to the core."""
    NUM_UNITS = "num_units"
    """Number of work units assigned to the core."""
    MCAST_SENDER = "mcast_sender"
    """1 on the core that reads the loads multicast along an axis for its line of
    cores, 0 on the others; carries the axis."""
    MCAST_SENDER_X = "mcast_sender_x"
    """NOC x coordinate of the sender of the core's line along an axis."""
    MCAST_SENDER_Y = "mcast_sender_y"
    """NOC y coordinate of that sender."""
    MCAST_START_X = "mcast_start_x"
    """NOC x of the start corner of the receivers' rectangle of the core's line, as
    the kernel's NOC takes it (the top left on NOC 0, the bottom right on NOC 1)."""
    MCAST_START_Y = "mcast_start_y"
    """NOC y of that start corner."""
    MCAST_END_X = "mcast_end_x"
    """NOC x of the opposite (end) corner of the receivers' rectangle."""
    MCAST_END_Y = "mcast_end_y"
    """NOC y of that end corner."""

    @property
    def takes_tensor(self) -> bool:
        return self is ArgKind.BUFFER_ADDRESS

    @property
    def takes_axis(self) -> bool:
        return self.value.startswith("mcast_")


MULTICAST_ARG_KINDS: tuple[ArgKind, ...] = tuple(kind for kind in ArgKind if kind.takes_axis)
"""The per-core values of one multicast axis, in schema order."""


# --------------------------------------------------------------------------- parse/print helpers


def _parse_int_list(parser: AttrParser) -> list[int]:
    return parser.parse_comma_separated_list(parser.Delimiter.SQUARE, parser.parse_integer)


def _print_int_list(printer: Printer, values: Sequence[int]) -> None:
    with printer.in_square_brackets():
        printer.print_list(values, printer.print_int)


def _parse_keyword_value(parser: AttrParser, keyword: str) -> None:
    parser.parse_keyword(keyword)
    parser.parse_punctuation("=")


def _parse_named_ints(parser: AttrParser, keyword: str) -> list[int]:
    """`keyword = [1, 2, 3]`"""
    _parse_keyword_value(parser, keyword)
    return _parse_int_list(parser)


def _ints(attr: ArrayAttr[IntAttr]) -> tuple[int, ...]:
    return tuple(v.data for v in attr.data)


def _int_array(values: Sequence[int]) -> ArrayAttr[IntAttr]:
    return ArrayAttr(IntAttr(v) for v in values)


class _AngleEnum:
    """Prints an enum attribute as ``#tt.name<value>`` (MLIR's usual enum form)."""

    enum_type: ClassVar[type[StrEnum]]
    data: StrEnum

    def print_parameter(self, printer: Printer) -> None:
        with printer.in_angle_brackets():
            printer.print_string(self.data.value)

    @classmethod
    def parse_parameter(cls, parser: AttrParser) -> StrEnum:
        with parser.in_angle_brackets():
            return parser.parse_str_enum(cls.enum_type)


# --------------------------------------------------------------------------- enum attributes


@irdl_attr_definition
class ArchAttr(_AngleEnum, EnumAttribute[Arch]):
    """`#tt.arch<wormhole_b0>`."""

    name = "tt.arch"


@irdl_attr_definition
class CardAttr(_AngleEnum, EnumAttribute[Card]):
    """`#tt.card<n150>`."""

    name = "tt.card"


@irdl_attr_definition
class MetalApiAttr(_AngleEnum, EnumAttribute[MetalApi]):
    """`#tt.metal_api<v0_81_1>`: the tt-metal release whose kernel API a program's C++ calls
    (`v0_74_0` or `v0_81_1`; `tt_dialect.metal_versions`). Written by tt-attach-metal-api,
    read by convert-tt-to-emitc and the plan printer."""

    name = "tt.metal_api"


@irdl_attr_definition
class DataFormatAttr(_AngleEnum, EnumAttribute[DataFormat]):
    """`#tt.data_format<bf16>`."""

    name = "tt.data_format"


@irdl_attr_definition
class KernelRoleAttr(_AngleEnum, EnumAttribute[KernelRole]):
    """`#tt.kernel_role<reader>`: which of the three Tensix kernels a body is."""

    name = "tt.kernel_role"


@irdl_attr_definition
class MemorySpaceAttr(_AngleEnum, EnumAttribute[MemorySpace]):
    name = "tt.memory_space"


@irdl_attr_definition
class BufferKindAttr(_AngleEnum, EnumAttribute[BufferKind]):
    name = "tt.buffer_kind"


@irdl_attr_definition
class ShardOrientationAttr(_AngleEnum, EnumAttribute[ShardOrientation]):
    name = "tt.shard_orientation"


@irdl_attr_definition
class BlockOrderAttr(_AngleEnum, EnumAttribute[BlockOrder]):
    name = "tt.block_order"


@irdl_attr_definition
class PartitionModeAttr(_AngleEnum, EnumAttribute[PartitionMode]):
    name = "tt.partition_mode"


@irdl_attr_definition
class MathFidelityAttr(_AngleEnum, EnumAttribute[MathFidelity]):
    name = "tt.math_fidelity"


@irdl_attr_definition
class MulticastAxisAttr(_AngleEnum, EnumAttribute[MulticastAxis]):
    name = "tt.multicast_axis"


@irdl_attr_definition
class ArgTypeAttr(_AngleEnum, EnumAttribute[ArgType]):
    name = "tt.arg_type"


@irdl_attr_definition
class ArgKindAttr(_AngleEnum, EnumAttribute[ArgKind]):
    name = "tt.arg_kind"


@irdl_attr_definition
class TensorRoleAttr(_AngleEnum, EnumAttribute[TensorRole]):
    name = "tt.tensor_role"


@irdl_attr_definition
class CompileTimeArgKindAttr(_AngleEnum, EnumAttribute[CompileTimeArgKind]):
    name = "tt.compile_time_arg_kind"


# --------------------------------------------------------------------------- device


@irdl_attr_definition
class DeviceAttr(ParametrizedAttribute):
    """`#tt.device<n150>`: the target card. Its architecture and limits come from
    `tt_dialect.device.CARDS`."""

    name = "tt.device"

    card: CardAttr

    def __init__(self, card: Card | str):
        super().__init__(CardAttr(Card(card)))

    @property
    def limits(self) -> DeviceLimits:
        return CARDS[self.card.data]

    @property
    def arch(self) -> Arch:
        return self.limits.arch

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            pos = parser.pos
            word = parser.parse_optional_identifier()
            if word is None or word not in set(Card):
                cards = ", ".join(card.value for card in Card)
                hint = ""
                if word in set(Arch):
                    hint = (
                        f"; {word} is an architecture, its cards are "
                        f"{', '.join(card.value for card in cards_of(Arch(word)))}"
                    )
                parser.raise_error(f"expected a card ({cards}){hint}", pos, parser.pos)
            return (CardAttr(Card(word)),)

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets():
            printer.print_string(self.card.data.value)


# --------------------------------------------------------------------------- cores


@irdl_attr_definition
class CoreCoordAttr(ParametrizedAttribute):
    """`#tt.core<x, y>`: a logical worker core, x the column and y the row."""

    name = "tt.core"

    x: IntAttr
    y: IntAttr

    def __init__(self, x: int, y: int):
        super().__init__(IntAttr(x), IntAttr(y))

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            return _parse_coord(parser)

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets():
            printer.print_string(f"{self.x.data}, {self.y.data}")

    def verify(self) -> None:
        if self.x.data < 0 or self.y.data < 0:
            raise VerifyException(
                f"core coordinates must be non-negative, got ({self.x.data}, {self.y.data})"
            )
        if max(self.x.data, self.y.data) >= MAX_CORE_COORD:
            raise VerifyException(
                f"core coordinates must be below {MAX_CORE_COORD} (no device has a larger grid), "
                f"got ({self.x.data}, {self.y.data})"
            )


def _parse_coord(parser: AttrParser) -> tuple[IntAttr, IntAttr]:
    x = parser.parse_integer(allow_boolean=False, allow_negative=True)
    parser.parse_punctuation(",")
    y = parser.parse_integer(allow_boolean=False, allow_negative=True)
    return IntAttr(x), IntAttr(y)


@irdl_attr_definition
class CoreRangeAttr(ParametrizedAttribute):
    """`#tt.core_range<(x0, y0) to (x1, y1)>`: an inclusive rectangle of cores,
    as tt-metal's ``CoreRange``."""

    name = "tt.core_range"

    start: CoreCoordAttr
    end: CoreCoordAttr

    def __init__(self, start: tuple[int, int], end: tuple[int, int]):
        super().__init__(CoreCoordAttr(*start), CoreCoordAttr(*end))

    @property
    def bounds(self) -> tuple[int, int, int, int]:
        return (self.start.x.data, self.start.y.data, self.end.x.data, self.end.y.data)

    @property
    def num_cores(self) -> int:
        x0, y0, x1, y1 = self.bounds
        return (x1 - x0 + 1) * (y1 - y0 + 1)

    def cores(self) -> list[tuple[int, int]]:
        """Cores in row-major order (y outer, x inner), as tt-metal enumerates them."""
        x0, y0, x1, y1 = self.bounds
        return [(x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]

    def overlaps(self, other: CoreRangeAttr) -> bool:
        ax0, ay0, ax1, ay1 = self.bounds
        bx0, by0, bx1, by1 = other.bounds
        return ax0 <= bx1 and bx0 <= ax1 and ay0 <= by1 and by0 <= ay1

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            return _parse_range_body(parser)

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets():
            self.print_body(printer)

    def print_body(self, printer: Printer) -> None:
        x0, y0, x1, y1 = self.bounds
        printer.print_string(f"({x0}, {y0}) to ({x1}, {y1})")

    def verify(self) -> None:
        x0, y0, x1, y1 = self.bounds
        if x1 < x0 or y1 < y0:
            raise VerifyException(
                f"core range end ({x1}, {y1}) must not precede its start ({x0}, {y0})"
            )


def _parse_range_body(parser: AttrParser) -> tuple[CoreCoordAttr, CoreCoordAttr]:
    with parser.in_parens():
        start = CoreCoordAttr.new(_parse_coord(parser))
    parser.parse_keyword("to")
    with parser.in_parens():
        end = CoreCoordAttr.new(_parse_coord(parser))
    return start, end


@irdl_attr_definition
class CoreRangeSetAttr(ParametrizedAttribute):
    """`#tt.core_ranges<[(0, 0) to (7, 7), (0, 8) to (3, 8)]>`: disjoint core rectangles."""

    name = "tt.core_ranges"

    ranges: ArrayAttr[CoreRangeAttr]

    def __init__(self, ranges: Sequence[CoreRangeAttr]):
        super().__init__(ArrayAttr(ranges))

    def cores(self) -> list[tuple[int, int]]:
        return [core for r in self.ranges.data for core in r.cores()]

    @property
    def num_cores(self) -> int:
        return sum(r.num_cores for r in self.ranges.data)

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            return (cls.parse_body(parser).ranges,)

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets():
            self.print_body(printer)

    @staticmethod
    def parse_body(parser: AttrParser) -> CoreRangeSetAttr:
        """`[(0, 0) to (7, 7), ...]`: the set without its `#tt.core_ranges<>`."""
        ranges = parser.parse_comma_separated_list(
            parser.Delimiter.SQUARE, lambda: CoreRangeAttr.new(_parse_range_body(parser))
        )
        return CoreRangeSetAttr.new((ArrayAttr(ranges),))

    def print_body(self, printer: Printer) -> None:
        with printer.in_square_brackets():
            printer.print_list(self.ranges.data, lambda r: r.print_body(printer))

    def covers(self, cores: CoreRangeSetAttr) -> bool:
        return set(cores.cores()) <= set(self.cores())

    def outside(self, rows: int, cols: int) -> CoreRangeAttr | None:
        """The first range that leaves a `rows x cols` grid, if any."""
        return next(
            (r for r in self.ranges.data if r.bounds[2] >= cols or r.bounds[3] >= rows), None
        )

    def verify(self) -> None:
        ranges = self.ranges.data
        if not ranges:
            raise VerifyException("a core range set needs at least one range")
        for i, a in enumerate(ranges):
            for b in ranges[i + 1 :]:
                if a.overlaps(b):
                    raise VerifyException(
                        f"core ranges {range_text(a)} and {range_text(b)} overlap"
                    )


def range_text(r: CoreRangeAttr) -> str:
    """`(x0, y0) to (x1, y1)`, as ranges are written in the IR and in messages."""
    x0, y0, x1, y1 = r.bounds
    return f"({x0}, {y0}) to ({x1}, {y1})"


# --------------------------------------------------------------------------- buffer layout


@irdl_attr_definition
class ShardSpecAttr(ParametrizedAttribute):
    """`#tt.shard_spec<grid = [2, 4], shard = [8, 4], row_major>`.

    An N-D shard spec: ``shard`` is the shard shape in tiles (one entry per
    tensor dimension); ``grid`` is the core grid [rows, cols] the shards are
    distributed over, in ``orientation`` order.
    """

    name = "tt.shard_spec"

    grid: ArrayAttr[IntAttr]
    shard: ArrayAttr[IntAttr]
    orientation: ShardOrientationAttr

    def __init__(
        self,
        grid: Sequence[int],
        shard: Sequence[int],
        orientation: ShardOrientation = ShardOrientation.ROW_MAJOR,
    ):
        super().__init__(_int_array(grid), _int_array(shard), ShardOrientationAttr(orientation))

    @property
    def grid_shape(self) -> tuple[int, ...]:
        return _ints(self.grid)

    @property
    def shard_shape(self) -> tuple[int, ...]:
        return _ints(self.shard)

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            grid = _parse_named_ints(parser, "grid")
            parser.parse_punctuation(",")
            shard = _parse_named_ints(parser, "shard")
            parser.parse_punctuation(",")
            orientation = parser.parse_str_enum(ShardOrientation)
        return (_int_array(grid), _int_array(shard), ShardOrientationAttr(orientation))

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets():
            printer.print_string("grid = ")
            _print_int_list(printer, self.grid_shape)
            printer.print_string(", shard = ")
            _print_int_list(printer, self.shard_shape)
            printer.print_string(f", {self.orientation.data.value}")

    def verify(self) -> None:
        if len(self.grid_shape) != 2:
            raise VerifyException(
                f"shard grid must be [rows, cols], got {list(self.grid_shape)}"
            )
        if not self.shard_shape:
            raise VerifyException("shard shape must not be empty")
        if any(d <= 0 for d in self.grid_shape + self.shard_shape):
            raise VerifyException(
                f"shard grid and shard shape must be positive, got grid = "
                f"{list(self.grid_shape)}, shard = {list(self.shard_shape)}"
            )


@irdl_attr_definition
class BufferLayoutAttr(ParametrizedAttribute):
    """Layout of a tensor in device memory.

    `#tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>`
    `#tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8],
       shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>`

    `#tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32],
       logical = [1000, 1000]>`

    ``tiles`` is the tensor shape in tiles. Interleaved buffers place one tile
    per page round-robin over the memory's banks; sharded buffers split the
    tiles into ``shard``-shaped blocks, one per core of the shard grid.
    ``logical`` (`tt-pad-tensors`) is the element shape of the user's tensor when
    the buffer is larger, padded to whole tiles and blocks: the host program
    zero-fills the rest on upload and crops it on download. Empty when the buffer
    holds exactly the tensor.
    """

    name = "tt.buffer_layout"

    memory: MemorySpaceAttr
    kind: BufferKindAttr
    dtype: DataFormatAttr
    tile: ArrayAttr[IntAttr]
    tiles: ArrayAttr[IntAttr]
    shard: ShardSpecAttr | StringAttr
    """The shard spec, or the empty string for interleaved buffers."""
    logical: ArrayAttr[IntAttr]

    def __init__(
        self,
        memory: MemorySpace,
        kind: BufferKind,
        dtype: DataFormat,
        tiles: Sequence[int],
        shard: ShardSpecAttr | None = None,
        logical: Sequence[int] = (),
    ):
        super().__init__(
            MemorySpaceAttr(memory),
            BufferKindAttr(kind),
            DataFormatAttr(dtype),
            _int_array((TILE_ROWS, TILE_COLS)),
            _int_array(tiles),
            shard if shard is not None else StringAttr(""),
            _int_array(logical),
        )

    @property
    def memory_space(self) -> MemorySpace:
        return self.memory.data

    @property
    def buffer_kind(self) -> BufferKind:
        return self.kind.data

    @property
    def shape_in_tiles(self) -> tuple[int, ...]:
        return _ints(self.tiles)

    @property
    def shard_spec(self) -> ShardSpecAttr | None:
        return self.shard if isinstance(self.shard, ShardSpecAttr) else None

    @property
    def page_size(self) -> int:
        return TILE_BYTES[self.dtype.data]

    @property
    def padded_shape(self) -> tuple[int, ...]:
        """Element shape of the buffer: the tiles, the last two dims scaled by the tile."""
        *lead, rows, cols = self.shape_in_tiles
        return (*lead, rows * TILE_ROWS, cols * TILE_COLS)

    @property
    def logical_shape(self) -> tuple[int, ...]:
        """Element shape of the user's tensor: `logical`, or the whole buffer."""
        return _ints(self.logical) or self.padded_shape

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            memory = parser.parse_str_enum(MemorySpace)
            parser.parse_punctuation(",")
            kind = parser.parse_str_enum(BufferKind)
            parser.parse_punctuation(",")
            dtype = parser.parse_str_enum(DataFormat)
            parser.parse_punctuation(",")
            tile = _parse_named_ints(parser, "tile")
            parser.parse_punctuation(",")
            tiles = _parse_named_ints(parser, "tiles")
            logical: list[int] = []
            shard: Attribute = StringAttr("")
            if parser.parse_optional_punctuation(","):
                if parser.parse_optional_keyword("logical") is not None:
                    parser.parse_punctuation("=")
                    logical = _parse_int_list(parser)
                    has_shard = parser.parse_optional_punctuation(",") is not None
                else:
                    has_shard = True
                if has_shard:
                    _parse_keyword_value(parser, "shard")
                    shard = parser.parse_attribute()
                    if not isinstance(shard, ShardSpecAttr):
                        raise VerifyException(f"shard must be a #tt.shard_spec, got {shard}")
        return (
            MemorySpaceAttr(memory),
            BufferKindAttr(kind),
            DataFormatAttr(dtype),
            _int_array(tile),
            _int_array(tiles),
            shard,
            _int_array(logical),
        )

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets():
            printer.print_string(
                f"{self.memory.data.value}, {self.kind.data.value}, {self.dtype.data.value}, tile = "
            )
            _print_int_list(printer, _ints(self.tile))
            printer.print_string(", tiles = ")
            _print_int_list(printer, self.shape_in_tiles)
            if self.logical.data:
                printer.print_string(", logical = ")
                _print_int_list(printer, _ints(self.logical))
            if self.shard_spec is not None:
                printer.print_string(", shard = ")
                printer.print_attribute(self.shard_spec)

    def verify(self) -> None:
        if _ints(self.tile) != (TILE_ROWS, TILE_COLS):
            raise VerifyException(
                f"only {TILE_ROWS}x{TILE_COLS} tiles are supported, got {list(_ints(self.tile))}"
            )
        tiles = self.shape_in_tiles
        if not tiles:
            raise VerifyException("tensor shape in tiles must not be empty")
        if any(t <= 0 for t in tiles):
            raise VerifyException(f"tensor shape in tiles must be positive, got {list(tiles)}")
        if isinstance(self.shard, StringAttr) and self.shard.data:
            raise VerifyException("shard must be a #tt.shard_spec")
        logical = _ints(self.logical)
        if logical:
            padded = self.padded_shape
            if len(logical) != len(padded):
                raise VerifyException(
                    f"logical shape {list(logical)} has rank {len(logical)}, the tensor has rank "
                    f"{len(padded)}"
                )
            if any(not 0 < size <= extent for size, extent in zip(logical, padded)):
                raise VerifyException(
                    f"logical shape {list(logical)} must be positive and fit the buffer's "
                    f"{list(padded)} elements"
                )
            if logical == padded:
                raise VerifyException(
                    f"logical shape {list(logical)} is the whole buffer; leave it out"
                )
        spec = self.shard_spec
        if self.buffer_kind is BufferKind.INTERLEAVED:
            if spec is not None:
                raise VerifyException("an interleaved buffer takes no shard spec")
            return
        if spec is None:
            raise VerifyException(
                f"a sharded buffer in {self.memory.data.value} needs a shard spec "
                "(shard = #tt.shard_spec<...>)"
            )
        if len(spec.shard_shape) != len(tiles):
            raise VerifyException(
                f"shard shape {list(spec.shard_shape)} has rank {len(spec.shard_shape)}, "
                f"the tensor has rank {len(tiles)}"
            )
        for dim, (extent, shard) in enumerate(zip(tiles, spec.shard_shape)):
            if extent % shard:
                raise VerifyException(
                    f"shard shape {list(spec.shard_shape)} does not divide the tensor's "
                    f"{list(tiles)} tiles in dimension {dim}"
                )
        num_shards = 1
        for extent, shard in zip(tiles, spec.shard_shape):
            num_shards *= extent // shard
        grid_cores = spec.grid_shape[0] * spec.grid_shape[1]
        if num_shards != grid_cores:
            raise VerifyException(
                f"{num_shards} shards do not match the {grid_cores} cores of shard grid "
                f"{list(spec.grid_shape)}"
            )


# --------------------------------------------------------------------------- circular buffers


@irdl_attr_definition
class CBDescAttr(ParametrizedAttribute):
    """`#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>`:
    one circular buffer as the host creates it (``CreateCircularBuffer`` of a
    ``CircularBufferConfig`` on a ``CoreRangeSet``).

    ``cores`` are the cores the buffer is created on. A buffer of a tile program
    (`tt.cb` on an alloc) has none yet; every CB of a `tt.program` made by
    tt-split-kernels has them."""

    name = "tt.cb_desc"

    index: IntAttr
    pages: IntAttr
    page_size: IntAttr
    format: DataFormatAttr
    cores: CoreRangeSetAttr | NoneAttr

    def __init__(
        self,
        index: int,
        pages: int,
        page_size: int,
        fmt: DataFormat,
        cores: CoreRangeSetAttr | None = None,
    ):
        super().__init__(
            IntAttr(index),
            IntAttr(pages),
            IntAttr(page_size),
            DataFormatAttr(fmt),
            cores if cores is not None else NoneAttr(),
        )

    @property
    def core_ranges(self) -> CoreRangeSetAttr | None:
        return self.cores if isinstance(self.cores, CoreRangeSetAttr) else None

    def on(self, cores: CoreRangeSetAttr) -> CBDescAttr:
        """This buffer, created on `cores`."""
        return CBDescAttr(
            self.index.data, self.pages.data, self.page_size.data, self.format.data, cores
        )

    def resized(self, pages: int, index: int | None = None) -> CBDescAttr:
        """This buffer with `pages` pages (at CB `index` instead, if given)."""
        return CBDescAttr(
            self.index.data if index is None else index,
            pages,
            self.page_size.data,
            self.format.data,
            self.core_ranges,
        )

    @property
    def total_bytes(self) -> int:
        return self.pages.data * self.page_size.data

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            values: list[Attribute] = []
            for key in ("index", "pages", "page_size"):
                _parse_keyword_value(parser, key)
                values.append(IntAttr(parser.parse_integer(allow_boolean=False)))
                parser.parse_punctuation(",")
            values.append(DataFormatAttr(parser.parse_str_enum(DataFormat)))
            cores: Attribute = NoneAttr()
            if parser.parse_optional_punctuation(","):
                _parse_keyword_value(parser, "cores")
                cores = CoreRangeSetAttr.parse_body(parser)
            values.append(cores)
        return values

    def print_parameters(self, printer: Printer) -> None:
        printer.print_string(
            f"<index = {self.index.data}, pages = {self.pages.data}, "
            f"page_size = {self.page_size.data}, {self.format.data.value}"
        )
        if self.core_ranges is not None:
            printer.print_string(", cores = ")
            self.core_ranges.print_body(printer)
        printer.print_string(">")

    def verify(self) -> None:
        if self.index.data < 0:
            raise VerifyException(f"CB index must be non-negative, got {self.index.data}")
        if self.pages.data <= 0:
            raise VerifyException(f"CB page count must be positive, got {self.pages.data}")
        if self.page_size.data <= 0:
            raise VerifyException(f"CB page size must be positive, got {self.page_size.data}")
        # The kernels and the host program hold these as uint32 (the program's verifier
        # bounds the index by the device's CB count and the bytes by its L1).
        for what, value in (("index", self.index), ("page count", self.pages), ("page size", self.page_size)):
            if value.data >= 2**31:
                raise VerifyException(f"CB {what} {value.data} does not fit the 32-bit words it is passed in")


# --------------------------------------------------------------------------- work partition


@irdl_attr_definition
class WorkRangeAttr(ParametrizedAttribute):
    """`#tt.work_range<(0, 0) to (7, 1), start = 0, count = 2>`: a rectangle of
    cores that each get `count` consecutive work units. Taken in the order of
    the enclosing partition, its i-th core gets units
    ``start + i * count .. start + (i + 1) * count - 1``."""

    name = "tt.work_range"

    cores: CoreRangeAttr
    start: IntAttr
    count: IntAttr

    def __init__(self, cores: CoreRangeAttr, start: int, count: int):
        super().__init__(cores, IntAttr(start), IntAttr(count))

    def ordered_cores(self, order: ShardOrientation) -> list[tuple[int, int]]:
        """The rectangle's cores, row by row (`row_major`) or column by column."""
        x0, y0, x1, y1 = self.cores.bounds
        if order is ShardOrientation.ROW_MAJOR:
            return [(x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]
        return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            cores = CoreRangeAttr.new(_parse_range_body(parser))
            parser.parse_punctuation(",")
            _parse_keyword_value(parser, "start")
            start = parser.parse_integer(allow_boolean=False)
            parser.parse_punctuation(",")
            _parse_keyword_value(parser, "count")
            count = parser.parse_integer(allow_boolean=False)
        return (cores, IntAttr(start), IntAttr(count))

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets():
            self.cores.print_body(printer)
            printer.print_string(f", start = {self.start.data}, count = {self.count.data}")

    def verify(self) -> None:
        if self.start.data < 0:
            raise VerifyException(f"work range start must be non-negative, got {self.start.data}")
        if self.count.data < 1:
            raise VerifyException(
                f"work range count must be positive, got {self.count.data}; "
                "idle cores belong to no range"
            )


@irdl_attr_definition
class WorkPartitionAttr(ParametrizedAttribute):
    """How a tile program's work units are split over cores.

    ```
    #tt.work_partition<global, row_major, grid = [8, 8], blocks = [8, 8],
        ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>
    #tt.work_partition<local_shard, row_major, grid = [2, 2], blocks = [8, 8],
        shard_blocks = [4, 4], ranges = [<(0, 0) to (1, 1), start = 0, count = 16>]>
    ```
    A work unit is one output block: one point of the program's launch grid,
    which has ``blocks`` = [rows, cols] points (TileLang's `by`, `bx` extents).
    Units are numbered row-major over the blocks (`global`), or shard by shard
    and row-major inside a shard of ``shard_blocks`` blocks (`local_shard`, and
    `block_2d`, where a "shard" is the rectangle of blocks one core computes), so
    that every core's units are one contiguous run. ``grid`` = [rows, cols] is
    the core grid; ``ranges`` assign runs of units to rectangles of cores,
    enumerated in the given order (row_major or col_major). Cores in no range
    are idle.

    A 3-D launch grid (TileLang's `T.Kernel(gx, gy, gz)`) has ``blocks`` =
    [z, y, x] (`bz`, `by`, `bx` extents), in global mode only; its units are
    numbered row-major over [z, y, x]: unit = (bz * y + by) * x + bx.
    """

    name = "tt.work_partition"

    mode: PartitionModeAttr
    order: ShardOrientationAttr
    grid: ArrayAttr[IntAttr]
    blocks: ArrayAttr[IntAttr]
    shard_blocks: ArrayAttr[IntAttr]
    """Blocks per shard (per core) [rows, cols] in local_shard and block_2d mode;
    empty in global mode."""
    ranges: ArrayAttr[WorkRangeAttr]
    x_order: BlockOrderAttr
    """How units walk the x blocks of a row (`BlockOrder`); printed when `folded`."""

    def __init__(
        self,
        mode: PartitionMode,
        order: ShardOrientation,
        grid: Sequence[int],
        blocks: Sequence[int],
        shard_blocks: Sequence[int],
        ranges: Sequence[WorkRangeAttr],
        x_order: BlockOrder = BlockOrder.ROW_MAJOR,
    ):
        super().__init__(
            PartitionModeAttr(mode),
            ShardOrientationAttr(order),
            _int_array(grid),
            _int_array(blocks),
            _int_array(shard_blocks),
            ArrayAttr(ranges),
            BlockOrderAttr(x_order),
        )

    @property
    def folded(self) -> bool:
        return self.x_order.data is BlockOrder.FOLDED

    def fold_x(self, rank: int) -> int:
        """The bx of the `rank`-th unit of a row (`BlockOrder`)."""
        if not self.folded:
            return rank
        cols = self.block_shape[-1]
        return rank // 2 if rank % 2 == 0 else cols - 1 - rank // 2

    @property
    def grid_shape(self) -> tuple[int, ...]:
        return _ints(self.grid)

    @property
    def block_shape(self) -> tuple[int, ...]:
        return _ints(self.blocks)

    @property
    def shard_block_shape(self) -> tuple[int, ...]:
        return _ints(self.shard_blocks)

    @property
    def num_units(self) -> int:
        return prod(self.block_shape)

    def assignments(self) -> list[tuple[tuple[int, int], int, int]]:
        """(core, first unit, unit count) of every working core, range by range."""
        order = self.order.data
        return [
            (core, r.start.data + i * r.count.data, r.count.data)
            for r in self.ranges.data
            for i, core in enumerate(r.ordered_cores(order))
        ]

    def block_of(self, unit: int) -> tuple[int, ...]:
        """The (row, col) launch-grid point of work unit `unit`: (by, bx); (bz, by, bx)
        for a 3-D grid."""
        if len(self.block_shape) == 3:
            _, rows, cols = self.block_shape
            plane, rest = divmod(unit, rows * cols)
            row, rank = divmod(rest, cols)
            return plane, row, self.fold_x(rank)
        rows, cols = self.block_shape
        if self.mode.data is PartitionMode.GLOBAL:
            row, rank = divmod(unit, cols)
            return row, self.fold_x(rank)
        shard_rows, shard_cols = self.shard_block_shape
        shard, local = divmod(unit, shard_rows * shard_cols)
        shard_row, shard_col = divmod(shard, cols // shard_cols)
        local_row, local_col = divmod(local, shard_cols)
        return shard_row * shard_rows + local_row, shard_col * shard_cols + local_col

    @property
    def block_rectangle(self) -> tuple[int, int]:
        """(rows, cols) of the core rectangle of a block_2d (or local_shard) partition:
        blocks / shard_blocks. In block_2d mode its one work range covers it."""
        (rows, cols), (shard_rows, shard_cols) = self.block_shape, self.shard_block_shape
        return rows // shard_rows, cols // shard_cols

    def core_ranges(self) -> CoreRangeSetAttr:
        """The working cores, as the kernels' core ranges."""
        return CoreRangeSetAttr([r.cores for r in self.ranges.data])

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            mode = parser.parse_str_enum(PartitionMode)
            parser.parse_punctuation(",")
            order = parser.parse_str_enum(ShardOrientation)
            parser.parse_punctuation(",")
            grid = _parse_named_ints(parser, "grid")
            parser.parse_punctuation(",")
            blocks = _parse_named_ints(parser, "blocks")
            parser.parse_punctuation(",")
            shard_blocks: list[int] = []
            if parser.parse_optional_keyword("shard_blocks") is not None:
                parser.parse_punctuation("=")
                shard_blocks = _parse_int_list(parser)
                parser.parse_punctuation(",")
            x_order = BlockOrder.ROW_MAJOR
            if parser.parse_optional_keyword("x_order") is not None:
                parser.parse_punctuation("=")
                x_order = parser.parse_str_enum(BlockOrder)
                parser.parse_punctuation(",")
            _parse_keyword_value(parser, "ranges")
            ranges = parser.parse_comma_separated_list(
                parser.Delimiter.SQUARE,
                lambda: WorkRangeAttr.new(WorkRangeAttr.parse_parameters(parser)),
            )
        return (
            PartitionModeAttr(mode),
            ShardOrientationAttr(order),
            _int_array(grid),
            _int_array(blocks),
            _int_array(shard_blocks),
            ArrayAttr(ranges),
            BlockOrderAttr(x_order),
        )

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets():
            printer.print_string(f"{self.mode.data.value}, {self.order.data.value}, grid = ")
            _print_int_list(printer, self.grid_shape)
            printer.print_string(", blocks = ")
            _print_int_list(printer, self.block_shape)
            if self.shard_block_shape:
                printer.print_string(", shard_blocks = ")
                _print_int_list(printer, self.shard_block_shape)
            if self.folded:
                printer.print_string(f", x_order = {self.x_order.data.value}")
            printer.print_string(", ranges = ")
            with printer.in_square_brackets():
                printer.print_list(self.ranges.data, lambda r: r.print_parameters(printer))

    def verify(self) -> None:
        if len(self.grid_shape) != 2 or any(d <= 0 for d in self.grid_shape):
            raise VerifyException(f"grid must be two positive extents [rows, cols], got {list(self.grid_shape)}")
        blocks = self.block_shape
        if len(blocks) == 3 and all(d > 0 for d in blocks):
            if self.mode.data is not PartitionMode.GLOBAL:
                raise VerifyException(
                    f"blocks of a 3-D launch grid [z, y, x] = {list(blocks)} are only partitioned "
                    f"in global mode, not {self.mode.data.value}"
                )
        elif len(blocks) != 2 or any(d <= 0 for d in blocks):
            raise VerifyException(
                f"blocks must be two positive extents [rows, cols] (or three, [z, y, x], for a "
                f"3-D launch grid), got {list(blocks)}"
            )
        if any(d > MAX_GRID_EXTENT for d in self.grid_shape):
            raise VerifyException(
                f"grid {list(self.grid_shape)} is larger than any device's core grid (extents up "
                f"to {MAX_GRID_EXTENT})"
            )
        if self.folded and self.mode.data is not PartitionMode.GLOBAL:
            raise VerifyException(
                f"x_order = folded numbers the blocks of global partitions only, not {self.mode.data.value} "
                "ones (their units follow the shards)"
            )
        self._verify_mode()
        rows, cols = self.grid_shape
        ranges = self.ranges.data
        if not ranges:
            raise VerifyException("a work partition needs at least one work range")
        for i, r in enumerate(ranges):
            _, _, x1, y1 = r.cores.bounds
            if x1 >= cols or y1 >= rows:
                raise VerifyException(
                    f"work range {range_text(r.cores)} leaves the {rows}x{cols} core grid"
                )
            for other in ranges[i + 1 :]:
                if r.cores.overlaps(other.cores):
                    raise VerifyException(
                        f"work ranges {range_text(r.cores)} and {range_text(other.cores)} overlap"
                    )
        self._verify_coverage()

    def _verify_mode(self) -> None:
        shard = self.shard_block_shape
        if self.mode.data is PartitionMode.GLOBAL:
            if shard:
                raise VerifyException("shard_blocks is only meaningful in local_shard mode")
            return
        mode = self.mode.data.value
        if len(shard) != 2 or any(d <= 0 for d in shard):
            raise VerifyException(
                f"{mode} mode needs shard_blocks = [rows, cols], got {list(shard)}"
            )
        if any(b % s for b, s in zip(self.block_shape, shard)):
            raise VerifyException(
                f"shard_blocks {list(shard)} do not divide blocks {list(self.block_shape)}"
            )
        if self.mode.data is PartitionMode.BLOCK_2D:
            rows, cols = self.block_rectangle
            ranges = self.ranges.data
            x0, y0, x1, y1 = ranges[0].cores.bounds if ranges else (0, 0, -1, -1)
            if len(ranges) != 1 or (y1 - y0 + 1, x1 - x0 + 1) != (rows, cols):
                raise VerifyException(
                    f"block_2d mode needs one work range over a {rows}x{cols} rectangle of "
                    f"cores (blocks / shard_blocks)"
                )

    def _verify_coverage(self) -> None:
        """Every unit belongs to exactly one core; global splits are balanced."""
        assignments = sorted(self.assignments(), key=lambda a: a[1])
        expected = 0
        for core, start, count in assignments:
            if start != expected:
                problem = "assigned twice" if start < expected else "assigned to no core"
                unit = min(start, expected)
                raise VerifyException(f"work unit {unit} is {problem} (core {core} starts at {start})")
            expected = start + count
        if expected != self.num_units:
            raise VerifyException(
                f"work ranges cover {expected} units, the {list(self.block_shape)} blocks have "
                f"{self.num_units}"
            )
        counts = [count for _, _, count in assignments]
        if self.mode.data is not PartitionMode.GLOBAL:
            per_shard = self.shard_block_shape[0] * self.shard_block_shape[1]
            if any(c != per_shard for c in counts):
                raise VerifyException(
                    f"in {self.mode.data.value} mode every core computes one shard of "
                    f"{per_shard} blocks"
                )
            return
        if max(counts) - min(counts) > 1:
            raise VerifyException(
                f"global mode must balance work: cores get between {min(counts)} and "
                f"{max(counts)} units"
            )
        rows, cols = self.grid_shape
        if len(counts) < min(self.num_units, rows * cols):
            raise VerifyException(
                f"global mode leaves cores idle: {len(counts)} of {rows * cols} cores work on "
                f"{self.num_units} units"
            )


# --------------------------------------------------------------------------- runtime arguments


@irdl_attr_definition
class RuntimeArgAttr(ParametrizedAttribute):
    """`#tt.runtime_arg<"a_addr" : u32 = buffer_address(0)>`: one runtime argument,
    with its name, C++ type and meaning. ``buffer_address`` names the tensor (its
    index among the program's tensor arguments), the ``mcast_*`` kinds the axis of
    their multicast (`mcast_sender(row)`); the other kinds take no operand."""

    name = "tt.runtime_arg"

    arg_name: StringAttr
    arg_type: ArgTypeAttr
    kind: ArgKindAttr
    tensor: IntAttr
    """The operand: tensor index for buffer_address, the position of the axis in
    `MulticastAxis` for the mcast kinds; -1 otherwise."""

    def __init__(
        self,
        name: str,
        kind: ArgKind,
        tensor: int = -1,
        arg_type: ArgType = ArgType.U32,
        axis: MulticastAxis | None = None,
    ):
        operand = list(MulticastAxis).index(axis) if axis is not None else tensor
        super().__init__(
            StringAttr(name), ArgTypeAttr(arg_type), ArgKindAttr(kind), IntAttr(operand)
        )

    @property
    def arg_kind(self) -> ArgKind:
        return self.kind.data

    @property
    def axis(self) -> MulticastAxis:
        """The multicast axis of an mcast kind."""
        assert self.arg_kind.takes_axis
        return list(MulticastAxis)[self.tensor.data]

    @property
    def operand_text(self) -> str:
        """`(0)`, `(row)` or nothing, as the operand prints."""
        if self.arg_kind.takes_axis and 0 <= self.tensor.data < len(MulticastAxis):
            return f"({self.axis.value})"
        return f"({self.tensor.data})" if self.tensor.data >= 0 else ""

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            return _parse_runtime_arg_body(parser)

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets():
            self.print_body(printer)

    def print_body(self, printer: Printer) -> None:
        printer.print_string_literal(self.arg_name.data)
        printer.print_string(f" : {self.arg_type.data.value} = {self.kind.data.value}{self.operand_text}")

    def verify(self) -> None:
        if not self.arg_name.data:
            raise VerifyException("a runtime argument needs a name")
        kind = self.arg_kind
        if kind.takes_axis:
            if not 0 <= self.tensor.data < len(MulticastAxis):
                raise VerifyException(f"{kind.value} needs an axis, e.g. {kind.value}(row)")
            return
        if self.tensor.data < -1:
            raise VerifyException(f"a tensor index must be non-negative, got {self.tensor.data}")
        if kind.takes_tensor and self.tensor.data < 0:
            raise VerifyException("buffer_address needs a tensor index, e.g. buffer_address(0)")
        if not kind.takes_tensor and self.tensor.data >= 0:
            raise VerifyException(f"{kind.value} takes no tensor index")


def _parse_runtime_arg_body(parser: AttrParser) -> tuple[Attribute, ...]:
    name = parser.parse_str_literal("runtime argument name")
    parser.parse_punctuation(":")
    arg_type = parser.parse_str_enum(ArgType)
    parser.parse_punctuation("=")
    kind = parser.parse_str_enum(ArgKind)
    operand = -1
    if parser.parse_optional_punctuation("("):
        if kind.takes_axis:
            operand = list(MulticastAxis).index(parser.parse_str_enum(MulticastAxis))
        else:
            operand = parser.parse_integer(allow_boolean=False)
            if operand < 0:
                # -1 is the "no tensor" encoding: a written negative index must not alias it.
                raise VerifyException(f"a tensor index must be non-negative, got {operand}")
        parser.parse_punctuation(")")
    return (StringAttr(name), ArgTypeAttr(arg_type), ArgKindAttr(kind), IntAttr(operand))


@irdl_attr_definition
class RuntimeArgsAttr(ParametrizedAttribute):
    """`#tt.runtime_args<["a_addr" : u32 = buffer_address(0), "start" : u32 = start_unit]>`.

    The ordered schema of a kernel's runtime arguments: entry i is read by
    ``get_arg_val(i)`` and set by the host at position i.
    """

    name = "tt.runtime_args"

    args: ArrayAttr[RuntimeArgAttr]

    def __init__(self, args: Sequence[RuntimeArgAttr]):
        super().__init__(ArrayAttr(args))

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            args = parser.parse_comma_separated_list(
                parser.Delimiter.SQUARE,
                lambda: RuntimeArgAttr.new(_parse_runtime_arg_body(parser)),
            )
        return (ArrayAttr(args),)

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets(), printer.in_square_brackets():
            printer.print_list(self.args.data, lambda a: a.print_body(printer))

    def verify(self) -> None:
        seen: set[str] = set()
        meanings: dict[tuple[ArgKind, int], str] = {}
        for arg in self.args.data:
            name = arg.arg_name.data
            if name in seen:
                raise VerifyException(f"runtime argument '{name}' appears twice in the schema")
            seen.add(name)
            meaning = (arg.arg_kind, arg.tensor.data)
            if meaning in meanings:
                raise VerifyException(
                    f"runtime arguments '{meanings[meaning]}' and '{name}' mean the same "
                    f"({arg.arg_kind.value}{arg.operand_text})"
                )
            meanings[meaning] = name


# --------------------------------------------------------------------------- compile-time arguments


@irdl_attr_definition
class CompileTimeArgAttr(ParametrizedAttribute):
    """`#tt.compile_time_arg<cb(16) = 16>`: one 32-bit compile-time word of a kernel,
    what it holds (a CB index, or a tensor's accessor config or page size), which
    CB or tensor it is about, and the value the host passes."""

    name = "tt.compile_time_arg"

    kind: CompileTimeArgKindAttr
    index: IntAttr
    """The CB index (kind `cb`) or the tensor index (the accessor kinds)."""
    value: IntAttr

    def __init__(self, kind: CompileTimeArgKind, index: int, value: int):
        super().__init__(CompileTimeArgKindAttr(kind), IntAttr(index), IntAttr(value))

    @property
    def arg_kind(self) -> CompileTimeArgKind:
        return self.kind.data

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            return _parse_compile_time_arg_body(parser)

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets():
            self.print_body(printer)

    def print_body(self, printer: Printer) -> None:
        printer.print_string(f"{self.kind.data.value}({self.index.data}) = {self.value.data}")

    def verify(self) -> None:
        if self.index.data < 0:
            raise VerifyException(f"a compile-time argument's index must be non-negative, got {self.index.data}")
        if not 0 <= self.value.data < 2**32:
            raise VerifyException(
                f"a compile-time argument is a 32-bit unsigned word, got {self.value.data}"
            )
        if self.arg_kind is CompileTimeArgKind.CB and self.value.data != self.index.data:
            raise VerifyException(
                f"the compile-time word of CB {self.index.data} holds its index, got {self.value.data}"
            )


def _parse_compile_time_arg_body(parser: AttrParser) -> tuple[Attribute, ...]:
    kind = parser.parse_str_enum(CompileTimeArgKind)
    with parser.in_parens():
        index = parser.parse_integer(allow_boolean=False)
    parser.parse_punctuation("=")
    value = parser.parse_integer(allow_boolean=False)
    return (CompileTimeArgKindAttr(kind), IntAttr(index), IntAttr(value))


@irdl_attr_definition
class CompileTimeArgsAttr(ParametrizedAttribute):
    """`#tt.compile_time_args<[cb(0) = 0, cb(16) = 16, accessor_config(0) = 2, page_size(0) = 2048]>`.

    The ordered compile-time arguments of a kernel: word i is what
    ``get_compile_time_arg_val(i)`` reads, and what the host passes at position
    i of the kernel's ``compile_args``. A tensor's accessor words come as a pair,
    config then page size, and its accessors' ``cta_offset`` is the position of
    the config word.
    """

    name = "tt.compile_time_args"

    args: ArrayAttr[CompileTimeArgAttr]

    def __init__(self, args: Sequence[CompileTimeArgAttr]):
        super().__init__(ArrayAttr(args))

    @property
    def words(self) -> list[int]:
        return [arg.value.data for arg in self.args.data]

    def position(self, kind: CompileTimeArgKind, index: int) -> int | None:
        """Position of the word of `kind` about CB or tensor `index`; None if there is none."""
        return next(
            (
                i
                for i, arg in enumerate(self.args.data)
                if arg.arg_kind is kind and arg.index.data == index
            ),
            None,
        )

    def indices(self, kind: CompileTimeArgKind) -> list[int]:
        return [arg.index.data for arg in self.args.data if arg.arg_kind is kind]

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            args = parser.parse_comma_separated_list(
                parser.Delimiter.SQUARE,
                lambda: CompileTimeArgAttr.new(_parse_compile_time_arg_body(parser)),
            )
        return (ArrayAttr(args),)

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets(), printer.in_square_brackets():
            printer.print_list(self.args.data, lambda a: a.print_body(printer))

    def verify(self) -> None:
        args = self.args.data
        seen: set[tuple[CompileTimeArgKind, int]] = set()
        for position, arg in enumerate(args):
            key = (arg.arg_kind, arg.index.data)
            if key in seen:
                raise VerifyException(
                    f"compile-time argument {arg.arg_kind.value}({arg.index.data}) appears twice"
                )
            seen.add(key)
            if arg.arg_kind is CompileTimeArgKind.ACCESSOR_CONFIG:
                following = args[position + 1] if position + 1 < len(args) else None
                if (
                    following is None
                    or following.arg_kind is not CompileTimeArgKind.PAGE_SIZE
                    or following.index.data != arg.index.data
                ):
                    raise VerifyException(
                        f"accessor_config({arg.index.data}) at position {position} must be "
                        f"followed by page_size({arg.index.data})"
                    )
            if arg.arg_kind is CompileTimeArgKind.PAGE_SIZE:
                before = args[position - 1] if position else None
                if before is None or before.arg_kind is not CompileTimeArgKind.ACCESSOR_CONFIG:
                    raise VerifyException(
                        f"page_size({arg.index.data}) at position {position} must follow "
                        f"accessor_config({arg.index.data})"
                    )


# --------------------------------------------------------------------------- program contract


@irdl_attr_definition
class TensorDescAttr(ParametrizedAttribute):
    """`#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, ...>>`: one tensor
    argument of a program, read (input) or written (output), and its device layout."""

    name = "tt.tensor"

    role: TensorRoleAttr
    layout: BufferLayoutAttr

    def __init__(self, role: TensorRole, layout: BufferLayoutAttr):
        super().__init__(TensorRoleAttr(role), layout)

    @property
    def tensor_role(self) -> TensorRole:
        return self.role.data

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            role = parser.parse_str_enum(TensorRole)
            parser.parse_punctuation(",")
            layout = parser.parse_attribute()
        if not isinstance(layout, BufferLayoutAttr):
            raise VerifyException(f"a tensor's layout must be a #tt.buffer_layout, got {layout}")
        return (TensorRoleAttr(role), layout)

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets():
            printer.print_string(f"{self.role.data.value}, ")
            printer.print_attribute(self.layout)


@irdl_attr_definition
class SemaphoreDescAttr(ParametrizedAttribute):
    """`#tt.semaphore<id = 0, initial = 0, cores = [(0, 0) to (7, 7)]>`: a semaphore the
    host creates on `cores` (``CreateSemaphore``), with its initial value; `id` is
    the value ``CreateSemaphore`` returns, which kernels use to find it."""

    name = "tt.semaphore"

    id: IntAttr
    initial: IntAttr
    cores: CoreRangeSetAttr

    def __init__(self, id: int, initial: int, cores: CoreRangeSetAttr):
        super().__init__(IntAttr(id), IntAttr(initial), cores)

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            _parse_keyword_value(parser, "id")
            id = parser.parse_integer(allow_boolean=False)
            parser.parse_punctuation(",")
            _parse_keyword_value(parser, "initial")
            initial = parser.parse_integer(allow_boolean=False)
            parser.parse_punctuation(",")
            _parse_keyword_value(parser, "cores")
            cores = CoreRangeSetAttr.parse_body(parser)
        return (IntAttr(id), IntAttr(initial), cores)

    def print_parameters(self, printer: Printer) -> None:
        printer.print_string(f"<id = {self.id.data}, initial = {self.initial.data}, cores = ")
        self.cores.print_body(printer)
        printer.print_string(">")

    def verify(self) -> None:
        if self.id.data < 0:
            raise VerifyException(f"a semaphore id must be non-negative, got {self.id.data}")
        if not 0 <= self.initial.data < 2**32:
            raise VerifyException(
                f"a semaphore holds a 32-bit unsigned value, got initial = {self.initial.data}"
            )


# --------------------------------------------------------------------------- compute configuration


@irdl_attr_definition
class ComputeConfigAttr(ParametrizedAttribute):
    """`#tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>`.

    Settings of a compute kernel (``ComputeConfig`` on the host). They fix the
    DST capacity: 8 tiles (16-bit) or 4 (fp32 accumulation) in the default
    double-buffered mode, twice that in full-sync mode.
    """

    name = "tt.compute_config"

    math_fidelity: MathFidelityAttr
    fp32_dest_acc: BoolAttr
    dst_full_sync: BoolAttr

    def __init__(
        self,
        math_fidelity: MathFidelity = MathFidelity.HIFI4,
        fp32_dest_acc: bool = False,
        dst_full_sync: bool = False,
    ):
        super().__init__(
            MathFidelityAttr(math_fidelity),
            BoolAttr.from_bool(fp32_dest_acc),
            BoolAttr.from_bool(dst_full_sync),
        )

    @property
    def dst_capacity(self) -> int:
        return dst_capacity(bool(self.fp32_dest_acc.value.data), bool(self.dst_full_sync.value.data))

    @property
    def dst_capacity_reason(self) -> str:
        """Why DST holds `dst_capacity` tiles, for diagnostics."""
        return (
            f"{'fp32' if self.fp32_dest_acc.value.data else '16-bit'} accumulation in "
            f"{'full-sync' if self.dst_full_sync.value.data else 'double-buffered'} mode"
        )

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            fidelity = parser.parse_str_enum(MathFidelity)
            parser.parse_punctuation(",")
            _parse_keyword_value(parser, "fp32_dest_acc")
            fp32 = parser.parse_boolean()
            parser.parse_punctuation(",")
            _parse_keyword_value(parser, "dst_full_sync")
            full = parser.parse_boolean()
        return (MathFidelityAttr(fidelity), BoolAttr.from_bool(fp32), BoolAttr.from_bool(full))

    def print_parameters(self, printer: Printer) -> None:
        fp32 = "true" if self.fp32_dest_acc.value.data else "false"
        full = "true" if self.dst_full_sync.value.data else "false"
        printer.print_string(
            f"<{self.math_fidelity.data.value}, fp32_dest_acc = {fp32}, dst_full_sync = {full}>"
        )


# --------------------------------------------------------------------------- tile-program level


@irdl_attr_definition
class BroadcastAttr(_AngleEnum, EnumAttribute[Broadcast]):
    name = "tt.broadcast"


@irdl_attr_definition
class MaskPredicateAttr(_AngleEnum, EnumAttribute[MaskPredicate]):
    """`#tt.mask_predicate<ge>`: the comparison of a mask's row and column indices
    (`ge`, `gt`, `le`, `lt`)."""

    name = "tt.mask_predicate"


@irdl_attr_definition
class PoolTypeAttr(_AngleEnum, EnumAttribute[PoolType]):
    name = "tt.pool_type"


@irdl_attr_definition
class ReduceDimAttr(_AngleEnum, EnumAttribute[ReduceDim]):
    name = "tt.reduce_dim"


@irdl_attr_definition
class GemmAccumulationAttr(_AngleEnum, EnumAttribute[GemmAccumulation]):
    name = "tt.gemm_accumulation"


@irdl_attr_definition
class GemmScheduleAttr(ParametrizedAttribute):
    """`#tt.gemm_schedule<block = [4, 4], k_block = 4, subblock = [2, 4], accumulate = l1>`
    on a `tt.gemm`: how `tt-schedule-gemm` decided to run it (read by
    `tt-lower-tile-ops`).

    - `block`: the output block one core computes per work unit, in tiles (rows, cols);
    - `k_block`: the K tiles of A and B one step of the K loop brings in;
    - `subblock`: the output tiles one DST section computes (rows, cols), dividing
      `block`;
    - `accumulate`: where partial sums live between K steps (`GemmAccumulation`)."""

    name = "tt.gemm_schedule"

    block: ArrayAttr[IntAttr]
    k_block: IntAttr
    subblock: ArrayAttr[IntAttr]
    accumulate: GemmAccumulationAttr

    def __init__(
        self,
        block: tuple[int, int],
        k_block: int,
        subblock: tuple[int, int],
        accumulate: GemmAccumulation,
    ):
        super().__init__(
            _int_array(block), IntAttr(k_block), _int_array(subblock), GemmAccumulationAttr(accumulate)
        )

    @property
    def block_tiles(self) -> tuple[int, int]:
        rows, cols = _ints(self.block)
        return rows, cols

    @property
    def subblock_tiles(self) -> tuple[int, int]:
        rows, cols = _ints(self.subblock)
        return rows, cols

    @property
    def in_l1(self) -> bool:
        return self.accumulate.data is GemmAccumulation.L1

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            block = _parse_named_ints(parser, "block")
            parser.parse_punctuation(",")
            _parse_keyword_value(parser, "k_block")
            k_block = parser.parse_integer(allow_boolean=False)
            parser.parse_punctuation(",")
            subblock = _parse_named_ints(parser, "subblock")
            parser.parse_punctuation(",")
            _parse_keyword_value(parser, "accumulate")
            accumulate = parser.parse_str_enum(GemmAccumulation)
        return (_int_array(block), IntAttr(k_block), _int_array(subblock), GemmAccumulationAttr(accumulate))

    def print_parameters(self, printer: Printer) -> None:
        printer.print_string(
            f"<block = {list(_ints(self.block))}, k_block = {self.k_block.data}, "
            f"subblock = {list(_ints(self.subblock))}, accumulate = {self.accumulate.data.value}>"
        )

    def verify(self) -> None:
        for what, values in (("block", _ints(self.block)), ("subblock", _ints(self.subblock))):
            if len(values) != 2 or min(values) < 1:
                raise VerifyException(f"gemm schedule {what} must be two positive tile counts, got {list(values)}")
        if self.k_block.data < 1:
            raise VerifyException(f"gemm schedule k_block must be at least 1, got {self.k_block.data}")
        (rows, cols), (sub_rows, sub_cols) = self.block_tiles, self.subblock_tiles
        if rows % sub_rows or cols % sub_cols:
            raise VerifyException(
                f"gemm schedule subblock {[sub_rows, sub_cols]} does not divide block {[rows, cols]}"
            )


@irdl_attr_definition
class PipelineAttr(ParametrizedAttribute):
    """`#tt.pipeline<stages = 3>` on an `scf.for`: the loop is TileLang's
    ``T.Pipelined(n, num_stages=3)``. `tt-propagate-layout` gives every buffer filled
    from a tensor inside it (nearest pipelined loop) a CB of `stages` blocks; 1 is
    single buffering."""

    name = "tt.pipeline"

    stages: IntAttr

    def __init__(self, stages: int):
        super().__init__(IntAttr(stages))

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            _parse_keyword_value(parser, "stages")
            return (IntAttr(parser.parse_integer(allow_boolean=False)),)

    def print_parameters(self, printer: Printer) -> None:
        printer.print_string(f"<stages = {self.stages.data}>")

    def verify(self) -> None:
        if self.stages.data < 1:
            raise VerifyException(f"pipeline stages must be at least 1, got {self.stages.data}")
        if self.stages.data > MAX_PIPELINE_STAGES:
            raise VerifyException(
                f"pipeline stages must be at most {MAX_PIPELINE_STAGES} (more blocks never fit an L1), "
                f"got {self.stages.data}"
            )


MAX_CORE_COORD = 256
"""A bound on core coordinates far above any device's grid: ranges of cores are expanded
core by core."""

MAX_PIPELINE_STAGES = 4096
"""More blocks than this never fit any L1, even of the smallest tile (1.5 MB / 576 B)."""


@irdl_attr_definition
class MulticastAttr(ParametrizedAttribute):
    """`#tt.multicast<row, receivers = 7, sender_semaphore = 0, receiver_semaphore = 1>`
    on a load (`tt.copy` from a tensor into a buffer): every core of a line of
    cores along `axis` loads the same region at the same step, so the line's first
    core reads it and multicasts it to the `receivers` others. The handshake uses
    two semaphores on every core: each receiver increments the sender's
    `sender_semaphore` when its CB has room, and the sender sets the receivers'
    `receiver_semaphore` to 1 by multicast once the data is on its way (the data
    and the flag travel the same NOC, in order). Decided by `tt-schedule-multicast`."""

    name = "tt.multicast"

    axis: MulticastAxisAttr
    receivers: IntAttr
    sender_semaphore: IntAttr
    receiver_semaphore: IntAttr

    def __init__(self, axis: MulticastAxis, receivers: int, sender_semaphore: int, receiver_semaphore: int):
        super().__init__(
            MulticastAxisAttr(axis), IntAttr(receivers), IntAttr(sender_semaphore), IntAttr(receiver_semaphore)
        )

    @property
    def semaphores(self) -> tuple[int, int]:
        return self.sender_semaphore.data, self.receiver_semaphore.data

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            axis = parser.parse_str_enum(MulticastAxis)
            values = []
            for keyword in ("receivers", "sender_semaphore", "receiver_semaphore"):
                parser.parse_punctuation(",")
                _parse_keyword_value(parser, keyword)
                values.append(IntAttr(parser.parse_integer(allow_boolean=False)))
        return (MulticastAxisAttr(axis), *values)

    def print_parameters(self, printer: Printer) -> None:
        printer.print_string(
            f"<{self.axis.data.value}, receivers = {self.receivers.data}, "
            f"sender_semaphore = {self.sender_semaphore.data}, "
            f"receiver_semaphore = {self.receiver_semaphore.data}>"
        )

    def verify(self) -> None:
        if self.receivers.data < 1:
            raise VerifyException(
                f"a multicast needs at least one receiver, got receivers = {self.receivers.data}"
            )
        for semaphore in self.semaphores:
            if not 0 <= semaphore < SEMAPHORES_PER_CORE:
                raise VerifyException(
                    f"semaphore id {semaphore} is out of range: a core has "
                    f"{SEMAPHORES_PER_CORE} semaphores (ids 0..{SEMAPHORES_PER_CORE - 1})"
                )
        if self.sender_semaphore.data == self.receiver_semaphore.data:
            raise VerifyException(
                f"the sender and receiver semaphores must differ, both are {self.sender_semaphore.data}"
            )


ATTRIBUTES: list[type[Attribute]] = [
    CardAttr,
    BroadcastAttr,
    MaskPredicateAttr,
    PoolTypeAttr,
    ReduceDimAttr,
    MulticastAxisAttr,
    MulticastAttr,
    GemmAccumulationAttr,
    GemmScheduleAttr,
    ArchAttr,
    MetalApiAttr,
    DataFormatAttr,
    KernelRoleAttr,
    MemorySpaceAttr,
    BufferKindAttr,
    ShardOrientationAttr,
    BlockOrderAttr,
    MathFidelityAttr,
    ArgTypeAttr,
    ArgKindAttr,
    PartitionModeAttr,
    DeviceAttr,
    CoreCoordAttr,
    CoreRangeAttr,
    CoreRangeSetAttr,
    ShardSpecAttr,
    BufferLayoutAttr,
    CBDescAttr,
    WorkRangeAttr,
    WorkPartitionAttr,
    RuntimeArgAttr,
    RuntimeArgsAttr,
    TensorRoleAttr,
    CompileTimeArgKindAttr,
    CompileTimeArgAttr,
    CompileTimeArgsAttr,
    TensorDescAttr,
    SemaphoreDescAttr,
    ComputeConfigAttr,
    PipelineAttr,
]
