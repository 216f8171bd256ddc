"""The host program of a `tt.program`: `main.cpp` and the `CMakeLists.txt` that builds it.

`host_main_cpp(program)` prints a TT-Metalium host program (for the release the program's
`metal_api` names: the host calls are the same in v0.74.0 and v0.81.1) and
`cmake_lists(program)` its build file, from the contract of one `tt.program`
after `tt-pipeline` (`ops/program.py`) and nothing else: the device, the tensors
with their roles and layouts, the work partition, the circular buffers with
their cores, and per kernel its role, core ranges, runtime-argument schema,
compile-time arguments and compute config. `tt.plan.json` is the other
serialization of the same facts. The only fixed names are the kernel sources,
one per role: `reader.cpp`, `compute.cpp` and `writer.cpp`, next to `main.cpp`.

The printer makes no decision beyond formatting; a program it cannot print is a
`TTDiagnostic` on the program or kernel: one that lacks part of the contract
(`program_facts.printable_contract`), a tensor that is not an interleaved DRAM
buffer, or a block-float tensor (bfp8_b, bfp4_b: the host has no element type
to read it as).

What `main.cpp` does (the contract with whoever runs it):
- host API path: the Mesh API with fast dispatch, a 1x1 unit mesh on device 0
  (`distributed::MeshDevice::create_unit_mesh(0)`), one replicated interleaved
  DRAM `MeshBuffer` per tensor (page = one tile), `CreateProgram`,
  `CreateCircularBuffer` per CB on its cores,
  `CreateKernel` per kernel (reader on RISCV_1 / NOC RISCV_1_default, writer on
  RISCV_0 / RISCV_0_default, compute with the kernel's `ComputeConfig`), one
  loop over a static core table `{x, y, start, count}` (the partition's
  `assignments()`) setting every kernel's runtime arguments in schema order
  (the multicast values of a block_2d partition from `multicast_value`: the
  line's sender and receivers in the partition's rectangle, as NOC coordinates
  via `worker_core_from_logical_core`, oriented for the kernel's NOC), after
  `CreateSemaphore` per program semaphore (each checked to get its id),
  then `EnqueueWriteMeshBuffer` of the inputs, a `MeshWorkload` with the
  program, `EnqueueMeshWorkload` + `Finish`, `EnqueueReadMeshBuffer` of the
  outputs, `close()`;
- usage: `main <tensor0.bin> <tensor1.bin> ...`, one file per tensor in argument
  order, inputs and outputs as the program's tensors say. Inputs are read (and checked
  for size) before the device is opened; outputs are written after it closed.
  A wrong argument count or a missing, unreadable or wrongly sized input exits
  with status 2, a device error or an unwritable output with status 1;
- the `.bin` files hold the tensor's elements in row-major order (last
  dimension fastest), raw little-endian, no header: bf16 and f16 as their 16-bit
  patterns (uint16), f32 as float32, i32 as int32, u32 as uint32;
- on the device a tensor is tiled as tt-metal's `tilize_nfaces` does
  (TILED_NFACES): 32x32 tiles in row-major order over the matrix (leading
  dimensions outermost), each tile four 16x16 faces in row-major order, each
  face row-major; tile i is page i of the interleaved buffer. `main.cpp` does
  this conversion both ways itself, so the files are plain numpy arrays
  (`array.tofile(path)`, `np.fromfile(path, dtype)`).

`CMakeLists.txt` builds the executable `main` (C++20) against an installed
TT-Metalium (`find_package(TT-Metalium)`, target `TT::Metalium`; point CMake at
the package with `CMAKE_PREFIX_PATH` or `TT-Metalium_DIR`) and defines
`TT_KERNEL_DIR` as the folder holding `main.cpp` and the kernels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from math import prod


from tt_dialect.device import TILE_COLS, TILE_ROWS, Arch
from tt_dialect.diagnostics import op_error
from tt_dialect.ops.attributes import (
    ArgKind,
    BufferKind,
    BufferLayoutAttr,
    CBDescAttr,
    ComputeConfigAttr,
    CoreRangeAttr,
    CoreRangeSetAttr,
    DataFormat,
    KernelRole,
    MathFidelity,
    MemorySpace,
    MulticastAxis,
    PartitionMode,
    RuntimeArgAttr,
    WorkPartitionAttr,
)
from tt_dialect.ops.program import KernelOp, ProgramOp
from tt_dialect.emit.program_facts import KERNEL_FILES, KERNEL_NOCS, printable_contract

PURPOSE = "the host program"
MAIN_FILE = "main.cpp"
CMAKE_FILE = "CMakeLists.txt"
KERNEL_DIR_DEFINE = "TT_KERNEL_DIR"
"""Compile definition naming the folder of the kernel sources (set by the CMake file)."""
DEVICE_ID = 0
"""The device `main.cpp` opens, as a 1x1 unit mesh."""

DATA_MOVEMENT: dict[KernelRole, tuple[str, str]] = {
    KernelRole.READER: ("RISCV_1", "RISCV_1_default"),
    KernelRole.WRITER: ("RISCV_0", "RISCV_0_default"),
}
"""`DataMovementProcessor` and `NOC` of each data-movement kernel: the reader on
NCRISC with its default NOC (1), the writer on BRISC with its default NOC (0)."""

CPP_DATA_FORMATS: dict[DataFormat, str] = {
    DataFormat.BF16: "tt::DataFormat::Float16_b",
    DataFormat.F16: "tt::DataFormat::Float16",
    DataFormat.F32: "tt::DataFormat::Float32",
    DataFormat.BFP8_B: "tt::DataFormat::Bfp8_b",
    DataFormat.BFP4_B: "tt::DataFormat::Bfp4_b",
    DataFormat.I32: "tt::DataFormat::Int32",
    DataFormat.U32: "tt::DataFormat::UInt32",
}

ELEMENT_BYTES: dict[DataFormat, int] = {
    DataFormat.BF16: 2,
    DataFormat.F16: 2,
    DataFormat.F32: 4,
    DataFormat.I32: 4,
    DataFormat.U32: 4,
}
"""Bytes of one element in a `.bin` file; block-float formats have no host element type."""

CPP_MATH_FIDELITY: dict[MathFidelity, str] = {
    MathFidelity.LOFI: "MathFidelity::LoFi",
    MathFidelity.HIFI2: "MathFidelity::HiFi2",
    MathFidelity.HIFI3: "MathFidelity::HiFi3",
    MathFidelity.HIFI4: "MathFidelity::HiFi4",
}

CPP_ARCH: dict[Arch, str] = {
    Arch.WORMHOLE_B0: "tt::ARCH::WORMHOLE_B0",
    Arch.BLACKHOLE: "tt::ARCH::BLACKHOLE",
}

FACE_ROWS = 16
FACE_COLS = 16
"""A 32x32 tile is four 16x16 faces (tt-metal's `FACE_HEIGHT` / `FACE_WIDTH`)."""

INDENT = "    "


# --------------------------------------------------------------------------- what is printed


@dataclass(frozen=True)
class _Tensor:
    index: int
    layout: BufferLayoutAttr
    role: str
    """`input` or `output`."""

    @property
    def name(self) -> str:
        return f"tensor{self.index}"

    @property
    def shape(self) -> tuple[int, ...]:
        """Element shape of the user's tensor, which its file holds."""
        return self.layout.logical_shape

    @property
    def padded_shape(self) -> tuple[int, ...]:
        """Element shape of the DRAM buffer: the layout's tiles scaled by the tile."""
        return self.layout.padded_shape

    @property
    def dtype(self) -> DataFormat:
        return self.layout.dtype.data

    @property
    def num_tiles(self) -> int:
        return prod(self.layout.shape_in_tiles)


@dataclass(frozen=True)
class _Host:
    """Everything `main.cpp` prints, checked before anything is printed."""

    program: ProgramOp
    partition: WorkPartitionAttr
    tensors: list[_Tensor]
    kernels: list[KernelOp]

    @staticmethod
    def of(program: ProgramOp) -> _Host:
        partition = printable_contract(program, PURPOSE)
        tensors = [
            _Tensor(i, _printable_layout(program, i, tensor.layout), tensor.tensor_role.value)
            for i, tensor in enumerate(program.tensors.data)
        ]
        return _Host(program, partition, tensors, program.kernels())


def _printable_layout(program: ProgramOp, i: int, layout: BufferLayoutAttr) -> BufferLayoutAttr:
    """`layout`, if the host program can create and fill such a buffer; a diagnostic if not."""
    if layout.memory_space is not MemorySpace.DRAM or layout.buffer_kind is not BufferKind.INTERLEAVED:
        raise op_error(
            program,
            f"tensor {i} is a {layout.buffer_kind.value} {layout.memory_space.value} buffer; "
            "the host program creates interleaved DRAM buffers only",
        )
    if layout.dtype.data not in ELEMENT_BYTES:
        raise op_error(
            program,
            f"tensor {i} has data format {layout.dtype.data.value}; the host program reads "
            f"and writes tensors of {', '.join(f.value for f in ELEMENT_BYTES)} only "
            "(a block-float tensor has no host element type)",
        )
    if len(layout.shape_in_tiles) < 2:
        raise op_error(
            program,
            f"tensor {i} has rank {len(layout.shape_in_tiles)}; tensors need at least 2 dimensions",
        )
    return layout


# --------------------------------------------------------------------------- C++ pieces


def _comment(text: str) -> str:
    """`text` made safe inside a `//` comment (IR strings may hold anything)."""
    return " ".join(text.split())


def _cpp_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ints(values: list[int]) -> str:
    return "{" + ", ".join(str(v) for v in values) + "}"


def _core_range_set(var: str, ranges: Sequence[CoreRangeAttr]) -> list[str]:
    """`const CoreRangeSet var(...)` of `ranges`, one `CoreRange` (inclusive corners) a line."""
    lines = [f"const CoreRangeSet {var}(std::vector<CoreRange>{{"]
    for r in ranges:
        x0, y0, x1, y1 = r.bounds
        lines.append(f"{INDENT}CoreRange(CoreCoord{{{x0}, {y0}}}, CoreCoord{{{x1}, {y1}}}),")
    return [*lines, "});"]


def _kernel_var(kernel: KernelOp) -> str:
    return f"{kernel.role.data.value}_kernel"


def _arg_value(kernel: KernelOp, arg: RuntimeArgAttr, partition: WorkPartitionAttr) -> str:
    kind = arg.arg_kind
    if kind is ArgKind.BUFFER_ADDRESS:
        return f"tensor{arg.tensor.data}_address"
    if kind is ArgKind.START_UNIT:
        return "work.start"
    if kind is ArgKind.NUM_UNITS:
        return "work.count"
    if kind.takes_axis and kernel.role.data in KERNEL_NOCS:
        if partition.mode.data is not PartitionMode.BLOCK_2D:
            raise op_error(
                kernel,
                f"runtime argument '{arg.arg_name.data}' is a multicast value, which needs a "
                f"block_2d work partition; this program's is {partition.mode.data.value}",
            )
        return _multicast_value(kind, arg.axis, KERNEL_NOCS[kernel.role.data])
    raise op_error(
        kernel,
        f"runtime argument '{arg.arg_name.data}' has kind {kind.value}, which the host program "
        "cannot set",
    )


def _multicast_value(kind: ArgKind, axis: MulticastAxis, noc: int) -> str:
    """The C++ value of a multicast runtime argument on core `work` (`multicast_value`)."""
    what = kind.value.removeprefix("mcast_")
    return f"multicast_value(*mesh_device, Mcast::{what}, Axis::{axis.value}, work, {noc})"


def _config(kernel: KernelOp, compile_args: list[int]) -> list[str]:
    role = kernel.role.data
    if role is KernelRole.COMPUTE:
        config = kernel.compute_config
        assert isinstance(config, ComputeConfigAttr)
        fp32 = "true" if config.fp32_dest_acc.value.data else "false"
        full = "true" if config.dst_full_sync.value.data else "false"
        return [
            "ComputeConfig{",
            f"{INDENT}.math_fidelity = {CPP_MATH_FIDELITY[config.math_fidelity.data]},",
            f"{INDENT}.fp32_dest_acc_en = {fp32},",
            f"{INDENT}.dst_full_sync_en = {full},",
            f"{INDENT}.compile_args = {_ints(compile_args)},",
            "}",
        ]
    processor, noc = DATA_MOVEMENT[role]
    return [
        "DataMovementConfig{",
        f"{INDENT}.processor = DataMovementProcessor::{processor},",
        f"{INDENT}.noc = NOC::{noc},",
        f"{INDENT}.compile_args = {_ints(compile_args)},",
        "}",
    ]


def _indented(lines: list[str], depth: int) -> list[str]:
    return [f"{INDENT * depth}{line}" if line else "" for line in lines]


# --------------------------------------------------------------------------- main.cpp


def host_main_cpp(program: ProgramOp) -> str:
    """`main.cpp` of `program` (see the module docstring); a `TTDiagnostic` if it
    cannot be printed."""
    host = _Host.of(program)
    name = program.sym_name.data
    arch = program.device.arch
    files = " ".join(f"<{t.name}.bin>" for t in host.tensors)
    out: list[str] = []
    out += _header(host, name, arch, files, program.metal_api.data.release)
    out += _tables(host)
    out += _helpers(files)
    out += _main(host, arch)
    return "\n".join(out) + "\n"


def _header(host: _Host, name: str, arch: Arch, files: str, release: str) -> list[str]:
    tensor_lines = [
        f"//   {t.name:<10} {t.role:<7} {t.dtype.value:<5} {list(t.shape)}" for t in host.tensors
    ]
    kernels = ", ".join(KERNEL_FILES[k.role.data] for k in host.kernels)
    return [
        f"// {MAIN_FILE}: host program of tt.program @{_comment(name)} for {arch.value},",
        "// generated by tt-dialect (tt_dialect/emit/host.py) from the program's attributes.",
        "//",
        f"// Runs the kernels {kernels} (in {KERNEL_DIR_DEFINE}, which {CMAKE_FILE}",
        f"// sets to this file's folder) on Tenstorrent device {DEVICE_ID} with TT-Metalium",
        f"// v{release}, through the Mesh API: a 1x1 unit mesh, tt-metal's default fast dispatch.",
        "//",
        f"// Usage: main {files}",
        "// One file per tensor argument of the program, in argument order:",
        *tensor_lines,
        "// Input files are read before the device is opened, output files (over)written after",
        "// it is closed. A wrong argument count or a missing, unreadable or wrongly sized input",
        "// exits with status 2; a device error or an output that cannot be written with status 1.",
        "//",
        "// File format: the tensor's elements in row-major order (the last dimension varies",
        "// fastest), raw little-endian values without a header: bf16 and f16 as their 16-bit",
        "// patterns (uint16), f32 as float32, i32 as int32, u32 as uint32.",
        "//",
        "// Device layout: each tensor lives in one interleaved DRAM buffer whose pages are 32x32",
        "// tiles, tile i in page i, tiles in row-major order over the matrix (leading dimensions",
        "// outermost). A tile is four 16x16 faces in row-major order (top-left, top-right,",
        "// bottom-left, bottom-right), each face row-major: tt-metal's TILED_NFACES layout, as",
        "// tilize_nfaces / untilize_nfaces produce. This program converts both ways itself.",
        "",
        "#include <algorithm>",
        "#include <cstddef>",
        "#include <cstdint>",
        "#include <cstdio>",
        "#include <cstring>",
        "#include <exception>",
        "#include <fstream>",
        "#include <iterator>",
        "#include <memory>",
        "#include <stdexcept>",
        "#include <string>",
        "#include <utility>",
        "#include <vector>",
        "",
        "#include <tt-metalium/distributed.hpp>",
        "#include <tt-metalium/host_api.hpp>",
        "",
        f"#ifndef {KERNEL_DIR_DEFINE}",
        f'#error "{KERNEL_DIR_DEFINE} must name the folder of the kernel sources ({CMAKE_FILE})"',
        "#endif",
        "",
        "using namespace tt;",
        "using namespace tt::tt_metal;",
        "",
    ]


def _tables(host: _Host) -> list[str]:
    lines = [
        "namespace {",
        "",
        f"constexpr uint32_t kTileRows = {TILE_ROWS};",
        f"constexpr uint32_t kTileCols = {TILE_COLS};",
        f"constexpr uint32_t kFaceRows = {FACE_ROWS};",
        f"constexpr uint32_t kFaceCols = {FACE_COLS};",
        "constexpr uint32_t kFacesPerTile = (kTileRows / kFaceRows) * (kTileCols / kFaceCols);",
        "",
        "// One tensor argument of the program.",
        "struct HostTensor {",
        "    const char* name;",
        '    const char* role;       // "input": loaded from its file; "output": stored to it',
        "    const char* dtype;",
        "    const char* shape;      // element shape, for messages",
        "    bool input;",
        "    uint32_t batch;         // product of the leading dimensions",
        "    uint32_t rows;          // second-to-last dimension of the buffer, in elements",
        "    uint32_t cols;          // last dimension of the buffer, in elements",
        "    uint32_t file_rows;     // second-to-last dimension of the file (<= rows: the rest is",
        "    uint32_t file_cols;     // zero padding), last dimension of the file (<= cols)",
        "    uint32_t element_size;  // bytes per element in the file",
        "    uint32_t page_size;     // bytes per 32x32 tile: one page of its DRAM buffer",
        "    uint32_t num_tiles;     // pages of its DRAM buffer",
        "};",
        "",
        "constexpr HostTensor kTensors[] = {",
    ]
    for t in host.tensors:
        *lead, rows, cols = t.padded_shape
        *_, file_rows, file_cols = t.shape
        fields = [
            _cpp_string(t.name),
            _cpp_string(t.role),
            _cpp_string(t.dtype.value),
            _cpp_string(str(list(t.shape))),
            "true" if t.role == "input" else "false",
            str(prod(lead)),
            str(rows),
            str(cols),
            str(file_rows),
            str(file_cols),
            str(ELEMENT_BYTES[t.dtype]),
            str(t.layout.page_size),
            str(t.num_tiles),
        ]
        lines.append(f"    {{{', '.join(fields)}}},")
    lines += [
        "};",
        "constexpr std::size_t kNumTensors = sizeof(kTensors) / sizeof(kTensors[0]);",
        "",
        "// The work partition: every working core with its first work unit and unit count.",
        "struct CoreWork {",
        "    uint32_t x;",
        "    uint32_t y;",
        "    uint32_t start;",
        "    uint32_t count;",
        "};",
        "",
        "constexpr CoreWork kCores[] = {",
    ]
    for (x, y), start, count in host.partition.assignments():
        lines.append(f"    {{{x}, {y}, {start}, {count}}},")
    lines += ["};", ""]
    if _multicasts(host):
        x0, y0, x1, y1 = host.partition.ranges.data[0].cores.bounds
        corners = {"@X0@": x0, "@Y0@": y0, "@X1@": x1, "@Y1@": y1}
        helper = _MULTICAST_HELPER
        for key, value in corners.items():
            helper = helper.replace(key, str(value))
        lines += helper.splitlines()[1:]
    return lines


_MULTICAST_HELPER = """
// Multicast handshake values. The work partition is block_2d: the working cores form the
// rectangle (kRectX0, kRectY0) to (kRectX1, kRectY1). Along a core row the sender is the
// row's first core (x = kRectX0), along a core column the column's first (y = kRectY0);
// the receivers are the rest of the line. Coordinates are NOC coordinates; NOC 1 takes a
// rectangle from its high corner.
constexpr uint32_t kRectX0 = @X0@;
constexpr uint32_t kRectY0 = @Y0@;
constexpr uint32_t kRectX1 = @X1@;
constexpr uint32_t kRectY1 = @Y1@;
enum class Axis { row, column };
enum class Mcast { sender, sender_x, sender_y, start_x, start_y, end_x, end_y };

uint32_t multicast_value(const distributed::MeshDevice& device, Mcast what, Axis axis,
                         const CoreWork& work, uint32_t noc) {
    const bool row = axis == Axis::row;
    const CoreCoord sender = row ? CoreCoord{kRectX0, work.y} : CoreCoord{work.x, kRectY0};
    const CoreCoord first = row ? CoreCoord{kRectX0 + 1, work.y} : CoreCoord{work.x, kRectY0 + 1};
    const CoreCoord last = row ? CoreCoord{kRectX1, work.y} : CoreCoord{work.x, kRectY1};
    const CoreCoord from = device.worker_core_from_logical_core(sender);
    const CoreCoord start = device.worker_core_from_logical_core(noc == 0 ? first : last);
    const CoreCoord end = device.worker_core_from_logical_core(noc == 0 ? last : first);
    switch (what) {
        case Mcast::sender: return (row ? work.x == kRectX0 : work.y == kRectY0) ? 1 : 0;
        case Mcast::sender_x: return static_cast<uint32_t>(from.x);
        case Mcast::sender_y: return static_cast<uint32_t>(from.y);
        case Mcast::start_x: return static_cast<uint32_t>(start.x);
        case Mcast::start_y: return static_cast<uint32_t>(start.y);
        case Mcast::end_x: return static_cast<uint32_t>(end.x);
        case Mcast::end_y: return static_cast<uint32_t>(end.y);
    }
    return 0;
}

"""


def _multicasts(host: _Host) -> bool:
    return any(arg.arg_kind.takes_axis for kernel in host.kernels for arg in kernel.runtime_args.args.data)


_HELPERS = r"""
std::size_t tensor_bytes(const HostTensor& t) {
    return std::size_t(t.page_size) * t.num_tiles;
}

std::size_t file_bytes(const HostTensor& t) {
    return std::size_t(t.batch) * t.file_rows * t.file_cols * t.element_size;
}

// Copies a tensor between row-major order of its file's shape (`linear`) and the tiled device
// order of its buffer (`tiled`), in the direction `to_tiles` says: tiles row-major over each
// matrix, faces row-major in a tile, the rows of a face one after the other. Buffer elements
// outside the file's rows and columns are padding: left as they are in `tiled` (zero, as
// allocated) and never copied out.
void copy_tiled(const HostTensor& t, std::vector<uint8_t>& linear, std::vector<uint8_t>& tiled,
                bool to_tiles) {
    const std::size_t face_row_bytes = std::size_t(kFaceCols) * t.element_size;
    std::size_t offset = 0;  // in `tiled`
    for (uint32_t b = 0; b < t.batch; ++b) {
        for (uint32_t tile_row = 0; tile_row < t.rows / kTileRows; ++tile_row) {
            for (uint32_t tile_col = 0; tile_col < t.cols / kTileCols; ++tile_col) {
                for (uint32_t face = 0; face < kFacesPerTile; ++face) {
                    const uint32_t face_row = face / (kTileCols / kFaceCols);
                    const uint32_t face_col = face % (kTileCols / kFaceCols);
                    for (uint32_t r = 0; r < kFaceRows; ++r) {
                        const std::size_t row = std::size_t(tile_row) * kTileRows + face_row * kFaceRows + r;
                        const std::size_t col = std::size_t(tile_col) * kTileCols + face_col * kFaceCols;
                        const std::size_t cols = col < t.file_cols ? std::min<std::size_t>(kFaceCols, t.file_cols - col) : 0;
                        if (row < t.file_rows && cols > 0) {
                            const std::size_t at = (std::size_t(b) * t.file_rows + row) * t.file_cols + col;
                            uint8_t* in_linear = linear.data() + at * t.element_size;
                            uint8_t* in_tiled = tiled.data() + offset;
                            if (to_tiles) {
                                std::memcpy(in_tiled, in_linear, cols * t.element_size);
                            } else {
                                std::memcpy(in_linear, in_tiled, cols * t.element_size);
                            }
                        }
                        offset += face_row_bytes;
                    }
                }
            }
        }
    }
}

bool read_bin(const char* path, std::vector<uint8_t>& data) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return false;
    }
    data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return !in.bad();
}

bool write_bin(const char* path, const std::vector<uint8_t>& data) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()),
              static_cast<std::streamsize>(data.size()));
    out.close();
    return static_cast<bool>(out);
}

void print_usage(const char* self) {
    std::fprintf(stderr, "usage: %s @FILES@\n", self);
    std::fprintf(stderr,
                 "one file per tensor, in argument order, holding its elements in row-major "
                 "order:\n");
    for (const HostTensor& t : kTensors) {
        std::fprintf(stderr, "  %-10s %-7s %-5s %s\n", t.name, t.role, t.dtype, t.shape);
    }
}

}  // namespace
"""

_MAIN_PROLOGUE = r"""
int main(int argc, char** argv) {
    if (argc != static_cast<int>(kNumTensors) + 1) {
        print_usage(argv[0]);
        return 2;
    }

    // Every input, tiled, before the device is opened; outputs get room for their tiles.
    std::vector<std::vector<uint8_t>> tiled(kNumTensors);
    for (std::size_t i = 0; i < kNumTensors; ++i) {
        const HostTensor& t = kTensors[i];
        tiled[i].resize(tensor_bytes(t));
        if (!t.input) {
            continue;
        }
        std::vector<uint8_t> linear;
        if (!read_bin(argv[i + 1], linear)) {
            std::fprintf(stderr, "%s: error: cannot read %s, the file of input %s\n", argv[0],
                         argv[i + 1], t.name);
            return 2;
        }
        if (linear.size() != file_bytes(t)) {
            std::fprintf(stderr,
                         "%s: error: %s holds %zu bytes; input %s (%s %s, row-major) needs %zu\n",
                         argv[0], argv[i + 1], linear.size(), t.name, t.dtype, t.shape,
                         file_bytes(t));
            return 2;
        }
        copy_tiled(t, linear, tiled[i], /*to_tiles=*/true);
    }

    try {"""

_MAIN_EPILOGUE = r"""    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: error: %s\n", argv[0], e.what());
        return 1;
    }

    // Outputs, untiled, once the device is closed.
    for (std::size_t i = 0; i < kNumTensors; ++i) {
        const HostTensor& t = kTensors[i];
        if (t.input) {
            continue;
        }
        std::vector<uint8_t> linear(file_bytes(t));
        copy_tiled(t, linear, tiled[i], /*to_tiles=*/false);
        if (!write_bin(argv[i + 1], linear)) {
            std::fprintf(stderr, "%s: error: cannot write %s, the file of output %s\n", argv[0],
                         argv[i + 1], t.name);
            return 1;
        }
    }
    return 0;
}"""


def _helpers(files: str) -> list[str]:
    return _HELPERS.replace("@FILES@", files).splitlines()[1:] + [""]


def _main(host: _Host, arch: Arch) -> list[str]:
    # Buffers, program and workload live in a block of their own: they are gone before
    # the device is closed.
    scoped = (
        _buffers()
        + _circular_buffers(host)
        + _semaphores(host)
        + _kernels(host)
        + _runtime_args(host)
        + _run()
    )
    body = [
        *_device(arch),
        "{",
        *_indented(scoped, 1),
        "}",
        "if (!mesh_device->close()) {",
        f'    throw std::runtime_error("closing device {DEVICE_ID} failed");',
        "}",
    ]
    return [
        *_MAIN_PROLOGUE.splitlines()[1:],
        *_indented(body, 2),
        *_MAIN_EPILOGUE.splitlines(),
    ]


def _device(arch: Arch) -> list[str]:
    wrong_arch = (
        f"the program was compiled for {arch.value}; device {DEVICE_ID} is another architecture"
    )
    return [
        "std::shared_ptr<distributed::MeshDevice> mesh_device =",
        f"    distributed::MeshDevice::create_unit_mesh({DEVICE_ID});",
        f"if (mesh_device->arch() != {CPP_ARCH[arch]}) {{",
        "    throw std::runtime_error(",
        f"        {_cpp_string(wrong_arch)});",
        "}",
        "const CoreCoord grid = mesh_device->compute_with_storage_grid_size();",
        "for (const CoreWork& work : kCores) {",
        "    if (work.x >= grid.x || work.y >= grid.y) {",
        '        throw std::runtime_error("core (" + std::to_string(work.x) + ", " +',
        '                                 std::to_string(work.y) + ") of the work partition "',
        '                                 "is outside the device\'s worker grid");',
        "    }",
        "}",
    ]


def _buffers() -> list[str]:
    return [
        "distributed::MeshCommandQueue& cq = mesh_device->mesh_command_queue();",
        "",
        "// One interleaved DRAM buffer per tensor, one tile per page.",
        "std::vector<std::shared_ptr<distributed::MeshBuffer>> buffers;",
        "for (const HostTensor& t : kTensors) {",
        "    const distributed::DeviceLocalBufferConfig local{",
        "        .page_size = t.page_size,",
        "        .buffer_type = BufferType::DRAM,",
        "    };",
        "    const distributed::ReplicatedBufferConfig global{.size = tensor_bytes(t)};",
        "    buffers.push_back(",
        "        distributed::MeshBuffer::create(global, local, mesh_device.get()));",
        "}",
        "",
        "Program program = tt::tt_metal::CreateProgram();",
        "",
    ]


def _circular_buffers(host: _Host) -> list[str]:
    lines = ["// Circular buffers, on every core a kernel runs on."]
    variables: dict[CoreRangeSetAttr, str] = {}
    for cb in host.program.cbs.data:
        cores = cb.core_ranges
        assert cores is not None  # printable_contract
        if cores not in variables:
            variables[cores] = "cb_cores" if not variables else f"cb_cores_{len(variables)}"
            lines += _core_range_set(variables[cores], cores.ranges.data)
        lines += _circular_buffer(cb, variables[cores])
    lines.append("")
    return lines


def _semaphores(host: _Host) -> list[str]:
    """`CreateSemaphore` per semaphore, in the program's order, each checked to get the id
    the kernels were compiled for."""
    semaphores = host.program.semaphores.data
    if not semaphores:
        return []
    lines = ["// Semaphores, each with the id its kernels use."]
    for semaphore in semaphores:
        var = f"semaphore{semaphore.id.data}"
        lines += [
            *_core_range_set(f"{var}_cores", semaphore.cores.ranges.data),
            f"const uint32_t {var} = tt::tt_metal::CreateSemaphore(program, {var}_cores, "
            f"{semaphore.initial.data});",
            f"if ({var} != {semaphore.id.data}) {{",
            f'    throw std::runtime_error("semaphore {semaphore.id.data} got id " + '
            f"std::to_string({var}));",
            "}",
        ]
    lines.append("")
    return lines


def _circular_buffer(cb: CBDescAttr, cores: str) -> list[str]:
    index = cb.index.data
    fmt = cb.format.data
    return [
        f"// CB {index}: {cb.pages.data} pages of {cb.page_size.data} bytes, {fmt.value}",
        "tt::tt_metal::CreateCircularBuffer(",
        "    program,",
        "    cb_cores,",
        f"    CircularBufferConfig({cb.total_bytes}, {{{{{index}, {CPP_DATA_FORMATS[fmt]}}}}})",
        f"        .set_page_size({index}, {cb.page_size.data}));",
    ]


def _kernels(host: _Host) -> list[str]:
    lines = ["// Kernels, with their compile-time arguments."]
    for kernel in host.kernels:
        var = _kernel_var(kernel)
        words = kernel.compile_time_args
        assert words is not None  # printable_contract
        compile_args = words.words
        source = f'{KERNEL_DIR_DEFINE} "/{KERNEL_FILES[kernel.role.data]}"'
        cores = f"{kernel.role.data.value}_cores"
        lines += [
            f"// @{_comment(kernel.sym_name.data)}",
            *_core_range_set(cores, kernel.cores.ranges.data),
            f"const KernelHandle {var} = tt::tt_metal::CreateKernel(",
            "    program,",
            f"    {source},",
            f"    {cores},",
            *_indented(_config(kernel, compile_args), 1)[:-1],
            f"{INDENT}}});",
        ]
    lines.append("")
    return lines


def _runtime_args(host: _Host) -> list[str]:
    tensors = sorted(
        {
            arg.tensor.data
            for kernel in host.kernels
            for arg in kernel.runtime_args.args.data
            if arg.arg_kind is ArgKind.BUFFER_ADDRESS
        }
    )
    lines = ["// Runtime arguments of every working core, in each kernel's schema order."]
    lines += [
        f"const uint32_t tensor{t}_address = static_cast<uint32_t>(buffers[{t}]->address());"
        for t in tensors
    ]
    lines += [
        "for (const CoreWork& work : kCores) {",
        "    const CoreCoord core{work.x, work.y};",
    ]
    for kernel in host.kernels:
        args = kernel.runtime_args.args.data
        if not args:
            continue
        var = _kernel_var(kernel)
        names = ", ".join(_comment(arg.arg_name.data) for arg in args)
        values = ", ".join(_arg_value(kernel, arg, host.partition) for arg in args)
        lines += [
            f"    // {kernel.role.data.value}: {names}",
            "    tt::tt_metal::SetRuntimeArgs(",
            f"        program, {var}, core, {{{values}}});",
        ]
    lines += ["}", ""]
    return lines


def _run() -> list[str]:
    return [
        "for (std::size_t i = 0; i < kNumTensors; ++i) {",
        "    if (kTensors[i].input) {",
        "        distributed::EnqueueWriteMeshBuffer(",
        "            cq, buffers[i], tiled[i], /*blocking=*/true);",
        "    }",
        "}",
        "",
        "distributed::MeshWorkload workload;",
        "const distributed::MeshCoordinateRange devices(mesh_device->shape());",
        "workload.add_program(devices, std::move(program));",
        "distributed::EnqueueMeshWorkload(cq, workload, /*blocking=*/false);",
        "distributed::Finish(cq);",
        "",
        "for (std::size_t i = 0; i < kNumTensors; ++i) {",
        "    if (!kTensors[i].input) {",
        "        distributed::EnqueueReadMeshBuffer(cq, tiled[i], buffers[i], /*blocking=*/true);",
        "    }",
        "}",
    ]


# --------------------------------------------------------------------------- CMakeLists.txt


def cmake_lists(program: ProgramOp) -> str:
    """`CMakeLists.txt` building `main` from `main.cpp` against an installed TT-Metalium."""
    _Host.of(program)  # the same checks as main.cpp: no build file for a program without one
    name = program.sym_name.data
    project = "tt_program_" + re.sub(r"[^A-Za-z0-9_]", "_", name)
    define = f'{KERNEL_DIR_DEFINE}="${{CMAKE_CURRENT_SOURCE_DIR}}"'
    kernels = ", ".join(KERNEL_FILES.values())
    return "\n".join(
        [
            f"# {CMAKE_FILE}: builds `main`, the host program of tt.program @{_comment(name)},",
            "# generated by tt-dialect (tt_dialect/emit/host.py).",
            "#",
            f"# Needs an installed TT-Metalium v{program.metal_api.data.release}: the CMake package TT-Metalium (target",
            "# TT::Metalium) that tt-metal's build and install provide. Point CMake at it with",
            "# CMAKE_PREFIX_PATH (the tt-metal build or install prefix) or TT-Metalium_DIR (the",
            "# folder holding TT-MetaliumConfig.cmake / tt-metalium-config.cmake), e.g.",
            "#   cmake -S . -B build -DCMAKE_PREFIX_PATH=$TT_METAL_HOME/build",
            "#   cmake --build build",
            "# At run time tt-metal compiles the kernels itself; it finds its own sources through",
            "# TT_METAL_RUNTIME_ROOT (or TT_METAL_HOME), as tt-metal documents.",
            f"# {KERNEL_DIR_DEFINE} is this folder: the kernels {kernels} are next to",
            f"# {MAIN_FILE}.",
            "cmake_minimum_required(VERSION 3.22)",
            f"project({project} LANGUAGES CXX)",
            "",
            "set(CMAKE_CXX_STANDARD 20)",
            "set(CMAKE_CXX_STANDARD_REQUIRED ON)",
            "set(CMAKE_CXX_EXTENSIONS OFF)",
            "",
            "if(NOT TARGET TT::Metalium)",
            "  find_package(TT-Metalium REQUIRED)",
            "endif()",
            "",
            f"add_executable(main {MAIN_FILE})",
            "target_link_libraries(main PRIVATE TT::Metalium)",
            f"target_compile_definitions(main PRIVATE {define})",
            "",
        ]
    )
