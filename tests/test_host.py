"""The host program printer (`tt_dialect.emit.host`): `main.cpp` and `CMakeLists.txt`.

Three kinds of checks:
- the text of `main.cpp` for the gemm and add examples: one `CreateCircularBuffer` per
  `#tt.cb_desc` with its index, total size, page size and format; one `CreateKernel` per
  kernel with its role's source file and processor and exactly the compile-time arguments of
  `compile_time_args` property; a static core table equal to `WorkPartitionAttr.assignments()`
  and one loop over it that sets every kernel's runtime arguments in schema order; byte-equal
  output across calls, parses and hash seeds; a `TTDiagnostic` for what cannot be printed;
- the behaviour of the program: `main.cpp` is compiled with the host g++ against
  `MOCK_HEADER`, a stand-in for the TT-Metalium v0.74.0 host API with the names and
  signatures `main.cpp` uses (checked against the public headers and the exported symbols of
  the wheel's `libtt_metal.so`), which logs every call and keeps buffers in host memory. Runs
  with numpy-made files check the usage and file errors, that the device sees tt-metal's
  tiled layout (against an independent numpy tilize) and that outputs come back row-major;
  `CMakeLists.txt` is configured and built against a mock `TT-Metalium` CMake package;
- against the real tt-metal, when the `ttnn` wheel (`tt_dialect.tools.metal_wheel`) can be had:
  every host function `main.cpp` calls is exported by `libtt_metal.so` (or is a template
  defined in a public header), and `main.cpp` is syntax-checked against the wheel's host
  headers if the wheel ships them (v0.74.0 does not: that test skips and says so).

`host_calls(main_cpp)` lists the qualified tt-metal functions a `main.cpp` calls.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from xdsl.dialects.builtin import ArrayAttr

from tt_dialect.api import apply_pipeline, parse_module
from tt_dialect.diagnostics import TTDiagnostic
from tt_dialect.emit.host import cmake_lists, host_main_cpp
from tt_dialect.emit.program_facts import KERNEL_NOCS
from tt_dialect.ops.attributes import (
    ArgKind,
    BufferKind,
    BufferLayoutAttr,
    DataFormat,
    KernelRole,
    MemorySpace,
    TensorDescAttr,
)
from tt_dialect.ops.program import KernelOp, ProgramOp

ROOT = Path(__file__).resolve().parent.parent
GEMM = "examples/gemm/gemm.mlir"
ADD = "examples/elementwise/add.mlir"
CASES = {
    "gemm": (GEMM, "tt-pipeline"),
    "add": (ADD, "tt-pipeline"),
    "gemm_3x3": (GEMM, "tt-pipeline{grid=3x3}"),  # two work ranges, uneven unit counts
}
ALL_CORES = """\
const CoreRangeSet {var}(std::vector<CoreRange>{{
    CoreRange(CoreCoord{{0, 0}}, CoreCoord{{7, 7}}),
}});"""
"""The core range set of the working cores of the examples (an 8x8 grid), as printed."""
KERNEL_FILES = {"reader": "reader.cpp", "compute": "compute.cpp", "writer": "writer.cpp"}
CPP_FORMATS = {DataFormat.BF16: "Float16_b", DataFormat.F32: "Float32"}


def compile_program(text: str, pipeline: str, file_name: str = "<test>") -> ProgramOp:
    module = parse_module(text, file_name=file_name)
    apply_pipeline(module, pipeline)
    programs = [op for op in module.walk() if isinstance(op, ProgramOp)]
    assert len(programs) == 1
    return programs[0]


def case_program(case: str) -> ProgramOp:
    """A freshly compiled program of one of `CASES` (tests may mutate it)."""
    path, pipeline = CASES[case]
    return compile_program((ROOT / path).read_text(), pipeline, path)


def add_f32_text() -> str:
    """The add example on rectangular 256x512 f32 tensors (a 4 x 2 launch grid)."""
    text = (ROOT / ADD).read_text()
    return (
        text.replace("bf16", "f32")
        .replace("1024x1024", "256x512")
        .replace("in (8, 8)", "in (4, 2)")
    )


def _flat(text: str) -> str:
    """`text` without the indentation of its lines."""
    return "\n".join(line.strip() for line in text.splitlines())


def kernel(program: ProgramOp, role: str) -> KernelOp:
    return next(k for k in program.kernels() if k.role.data.value == role)


# --------------------------------------------------------------------------- host_calls


_COMMENTS_AND_LITERALS = re.compile(
    r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'", re.DOTALL
)
_QUALIFIED_CALL = re.compile(
    r"(?<![\w:])((?:tt::tt_metal::|distributed::|detail::)(?:\w+::)*\w+)\s*(?:<[^<>;(){}]*>\s*)?\("
)


def host_calls(main_cpp: str) -> set[str]:
    """Every `tt::tt_metal::` / `distributed::` / `detail::` function `main_cpp` calls, fully
    qualified (`distributed::Finish` -> `tt::tt_metal::distributed::Finish`), without
    arguments or template arguments; static member functions keep their class
    (`tt::tt_metal::distributed::MeshBuffer::create`). Comments and string literals are
    ignored; member calls through an object (`mesh_device->close()`) and constructors
    written as declarations (`MeshCoordinateRange devices(...)`) are not qualified calls."""
    code = _COMMENTS_AND_LITERALS.sub(" ", main_cpp)
    calls: set[str] = set()
    for match in _QUALIFIED_CALL.finditer(code):
        name = match.group(1)
        if not name.startswith("tt::tt_metal::"):
            name = "tt::tt_metal::" + name
        calls.add(name)
    return calls


def test_host_calls_parses_qualified_calls_only() -> None:
    text = """
    // tt::tt_metal::InAComment(1);
    const char* s = "distributed::InAString(2)";
    auto d = distributed::MeshDevice::create_unit_mesh(0);
    tt::tt_metal::detail::LaunchProgram(device, program);
    detail::ReadFromBuffer(*buffer, data);
    distributed::EnqueueReadMeshBuffer<uint8_t>(cq, out, buffer, true);
    tt::tt_metal::CreateProgram ();
    const distributed::MeshCoordinateRange devices(mesh_device->shape());
    std::vector<std::shared_ptr<distributed::MeshBuffer>> buffers;
    mesh_device->close();
    x = tt::DataFormat::Float16_b;
    """
    assert host_calls(text) == {
        "tt::tt_metal::distributed::MeshDevice::create_unit_mesh",
        "tt::tt_metal::detail::LaunchProgram",
        "tt::tt_metal::detail::ReadFromBuffer",
        "tt::tt_metal::distributed::EnqueueReadMeshBuffer",
        "tt::tt_metal::CreateProgram",
    }


MESH_PATH_CALLS = {
    "tt::tt_metal::CreateProgram",
    "tt::tt_metal::CreateCircularBuffer",
    "tt::tt_metal::CreateKernel",
    "tt::tt_metal::SetRuntimeArgs",
    "tt::tt_metal::distributed::MeshDevice::create_unit_mesh",
    "tt::tt_metal::distributed::MeshBuffer::create",
    "tt::tt_metal::distributed::EnqueueWriteMeshBuffer",
    "tt::tt_metal::distributed::EnqueueMeshWorkload",
    "tt::tt_metal::distributed::Finish",
    "tt::tt_metal::distributed::EnqueueReadMeshBuffer",
}


@pytest.mark.parametrize("case", ["gemm", "add"])
def test_main_cpp_calls_the_mesh_host_api(case: str) -> None:
    # The gemm multicasts its loads, with semaphores the host creates.
    semaphores = {"tt::tt_metal::CreateSemaphore"} if case == "gemm" else set()
    assert host_calls(host_main_cpp(case_program(case))) == MESH_PATH_CALLS | semaphores


# --------------------------------------------------------------------------- the text


@pytest.mark.parametrize("case", ["gemm", "add"])
def test_one_create_circular_buffer_per_cb(case: str) -> None:
    program = case_program(case)
    text = host_main_cpp(program)
    found = re.findall(
        r"tt::tt_metal::CreateCircularBuffer\(\s*program,\s*cb_cores,\s*"
        r"CircularBufferConfig\((\d+), \{\{(\d+), tt::DataFormat::(\w+)\}\}\)\s*"
        r"\.set_page_size\((\d+), (\d+)\)\);",
        text,
    )
    expected = [
        (
            str(cb.total_bytes),
            str(cb.index.data),
            CPP_FORMATS[cb.format.data],
            str(cb.index.data),
            str(cb.page_size.data),
        )
        for cb in program.cbs.data
    ]
    assert found == expected
    assert text.count("CreateCircularBuffer(") == len(program.cbs.data)
    # Created on the union of the kernels' core ranges (all on (0, 0) to (7, 7) here).
    assert _flat(ALL_CORES.format(var="cb_cores")) in _flat(text)


@pytest.mark.parametrize("case", ["gemm", "add"])
def test_one_create_kernel_per_kernel_with_its_compile_args(case: str) -> None:
    program = case_program(case)
    text = host_main_cpp(program)
    found = re.findall(
        r"const KernelHandle (\w+)_kernel = tt::tt_metal::CreateKernel\(\s*program,\s*"
        r"TT_KERNEL_DIR \"/(\w+\.cpp)\",\s*(\w+),\s*(\w+)\{(.*?)\}\);",
        text,
        re.DOTALL,
    )
    assert [f[0] for f in found] == [k.role.data.value for k in program.kernels()]
    for (role, source, cores, config, body), kern in zip(found, program.kernels(), strict=True):
        assert source == KERNEL_FILES[role]
        assert cores == f"{role}_cores"
        assert _flat(ALL_CORES.format(var=cores)) in _flat(text)
        args = kern.compile_time_args.words
        assert f".compile_args = {{{', '.join(map(str, args))}}}," in body
        if role == "compute":
            cfg = kern.compute_config
            assert config == "ComputeConfig"
            assert ".math_fidelity = MathFidelity::HiFi4," in body
            fp32, full = (bool(flag.value.data) for flag in (cfg.fp32_dest_acc, cfg.dst_full_sync))
            assert f".fp32_dest_acc_en = {str(fp32).lower()}," in body
            assert f".dst_full_sync_en = {str(full).lower()}," in body
        else:
            processor = "RISCV_1" if role == "reader" else "RISCV_0"
            assert config == "DataMovementConfig"
            assert f".processor = DataMovementProcessor::{processor}," in body
            assert f".noc = NOC::{processor}_default," in body
    # The reader of a binary op reads CBs 0 and 1 and both input tensors' accessors; the
    # gemm's reader only A's (its writer multicasts B).
    assert kernel(program, "reader").compile_time_args.words == (
        [0, 2, 2, 2048] if case == "gemm" else [0, 1, 2, 2048, 2, 2048]
    )


def _core_table(text: str) -> list[tuple[int, int, int, int]]:
    table = re.search(r"constexpr CoreWork kCores\[\] = \{\n(.*?)\n\};", text, re.DOTALL)
    assert table is not None
    return [
        tuple(int(v) for v in row)
        for row in re.findall(r"\{(\d+), (\d+), (\d+), (\d+)\},", table.group(1))
    ]


def _loops_over_cores(text: str) -> list[str]:
    """The bodies of the `for (const CoreWork& work : kCores)` loops."""
    bodies = []
    for match in re.finditer(
        r"\n( *)for \(const CoreWork& work : kCores\) \{\n(.*?)\n\1\}", text, re.DOTALL
    ):
        bodies.append(match.group(2))
    return bodies


@pytest.mark.parametrize("case", ["gemm", "add", "gemm_3x3"])
def test_runtime_args_are_set_in_one_loop_over_the_core_table(case: str) -> None:
    program = case_program(case)
    text = host_main_cpp(program)
    partition = program.work_partition
    assert _core_table(text) == [(x, y, s, c) for (x, y), s, c in partition.assignments()]
    with_args = [body for body in _loops_over_cores(text) if "SetRuntimeArgs" in body]
    assert len(with_args) == 1
    assert text.count("SetRuntimeArgs(") == with_args[0].count("SetRuntimeArgs(")
    values = {
        ArgKind.START_UNIT: lambda a: "work.start",
        ArgKind.NUM_UNITS: lambda a: "work.count",
        ArgKind.BUFFER_ADDRESS: lambda a: f"tensor{a.tensor.data}_address",
    }
    for kern in program.kernels():
        noc = KERNEL_NOCS.get(kern.role.data)  # a multicast value is for its kernel's NOC
        for kind in ArgKind:
            if kind.takes_axis:
                what = kind.value.removeprefix("mcast_")
                values[kind] = lambda a, w=what, n=noc: f"multicast_value(*mesh_device, Mcast::{w}, Axis::{a.axis.value}, work, {n})"
        args = ", ".join(values[a.arg_kind](a) for a in kern.runtime_args.args.data)
        var = f"{kern.role.data.value}_kernel"
        call = f"tt::tt_metal::SetRuntimeArgs(program, {var}, core, {{{args}}});"
        assert call in re.sub(r"\(\s+", "(", with_args[0])
    for t in (0, 1, 2):
        assert (
            f"const uint32_t tensor{t}_address = static_cast<uint32_t>(buffers[{t}]->address());"
            in text
        )


def test_uneven_partition_table() -> None:
    # 64 gemm blocks on a 3x3 grid: ranges of 8 and 7 units, balanced.
    table = _core_table(host_main_cpp(case_program("gemm_3x3")))
    assert len(table) == 9
    assert sorted({count for *_, count in table}) == [7, 8]
    assert sum(count for *_, count in table) == 64


def test_tensors_table_and_usage() -> None:
    text = host_main_cpp(compile_program(add_f32_text(), "tt-pipeline"))
    assert '{"tensor0", "input", "f32", "[256, 512]", true, 1, 256, 512, 256, 512, 4, 4096, 128},' in text
    assert '{"tensor2", "output", "f32", "[256, 512]", false, 1, 256, 512, 256, 512, 4, 4096, 128},' in text
    assert "// Usage: main <tensor0.bin> <tensor1.bin> <tensor2.bin>" in text
    assert "int main(int argc, char** argv) {" in text


def test_padded_tensor_rows_state_the_file_and_the_buffer() -> None:
    """A tensor tt-pad-tensors padded: its file holds the 1000x1000 the user passes, its
    buffer 1024x1024 (batch, rows, cols, file rows, file cols, element and page size, tiles)."""
    from tt_dialect.samples import gemm_program

    main = host_main_cpp(compile_program(gemm_program(1000, 1000, 1000, 128, 128, 32, "bf16"), "tt-pipeline{grid=8x8}"))
    assert '{"tensor0", "input", "bf16", "[1000, 1000]", true, 1, 1024, 1024, 1000, 1000, 2, 2048, 1024},' in main
    assert '{"tensor2", "output", "bf16", "[1000, 1000]", false, 1, 1024, 1024, 1000, 1000, 2, 2048, 1024},' in main
    assert "//   tensor0    input   bf16  [1000, 1000]" in main


@pytest.mark.parametrize("case", ["gemm", "add"])
def test_output_is_deterministic(case: str) -> None:
    program = case_program(case)
    first = host_main_cpp(program), cmake_lists(program)
    assert (host_main_cpp(program), cmake_lists(program)) == first
    again = case_program(case)
    assert (host_main_cpp(again), cmake_lists(again)) == first


def test_output_does_not_depend_on_the_hash_seed() -> None:
    path, pipeline = CASES["gemm_3x3"]
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tt_dialect.api import apply_pipeline, parse_module\n"
        "from tt_dialect.emit.host import cmake_lists, host_main_cpp\n"
        "from tt_dialect.ops.program import ProgramOp\n"
        f"module = parse_module(Path({path!r}).read_text(), file_name={path!r})\n"
        f"apply_pipeline(module, {pipeline!r})\n"
        "p = next(op for op in module.walk() if isinstance(op, ProgramOp))\n"
        "sys.stdout.write(host_main_cpp(p) + cmake_lists(p))\n"
    )
    outputs = []
    for seed in ("0", "4242"):
        proc = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=False,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]


def test_cmake_lists_text() -> None:
    text = cmake_lists(case_program("gemm"))
    assert "find_package(TT-Metalium REQUIRED)" in text
    assert "set(CMAKE_CXX_STANDARD 20)" in text
    assert "project(tt_program_gemm LANGUAGES CXX)" in text
    assert "add_executable(main main.cpp)" in text
    assert "target_link_libraries(main PRIVATE TT::Metalium)" in text
    assert (
        'target_compile_definitions(main PRIVATE TT_KERNEL_DIR="${CMAKE_CURRENT_SOURCE_DIR}")'
        in text
    )


# --------------------------------------------------------------------------- errors


def _expect_error(program: ProgramOp, message: str) -> None:
    with pytest.raises(TTDiagnostic, match=re.escape(message)):
        host_main_cpp(program)
    with pytest.raises(TTDiagnostic, match=re.escape(message)):
        cmake_lists(program)


def test_error_program_without_tensors() -> None:
    program = case_program("add")
    program.properties["tensors"] = ArrayAttr([])
    _expect_error(program, "has no tensors")


def test_error_program_without_work_partition() -> None:
    program = case_program("add")
    del program.properties["work_partition"]
    _expect_error(program, "has no work_partition")


def test_error_compute_kernel_without_config() -> None:
    program = case_program("add")
    del kernel(program, "compute").properties["compute_config"]
    _expect_error(program, "is a compute kernel without compute_config")


def test_error_kernel_without_compile_time_args() -> None:
    program = case_program("add")
    del kernel(program, "writer").properties["compile_time_args"]
    _expect_error(program, "has no compile_time_args; run tt-finalize-runtime-args")


def test_error_block_float_tensor() -> None:
    program = case_program("add")
    tensors = list(program.tensors.data)
    layout = tensors[1].layout
    tensors[1] = TensorDescAttr(
        tensors[1].tensor_role,
        BufferLayoutAttr(MemorySpace.DRAM, BufferKind.INTERLEAVED, DataFormat.BFP8_B, layout.shape_in_tiles),
    )
    program.properties["tensors"] = ArrayAttr(tensors)
    _expect_error(program, "tensor 1 has data format bfp8_b")


def test_error_two_kernels_of_one_role() -> None:
    program = case_program("add")
    writer = kernel(program, "writer")
    writer.properties["role"] = kernel(program, "reader").properties["role"]
    assert kernel(program, "reader").role.data is KernelRole.READER
    _expect_error(program, "has two reader kernels (@reader and @writer)")


# --------------------------------------------------------------------------- running main.cpp

MOCK_HEADER = r"""
// A stand-in for the TT-Metalium v0.74.0 host API: the names and signatures main.cpp uses
// (tt-metalium/host_api.hpp, distributed.hpp), logging every call to $MOCK_METAL_LOG and
// keeping buffers in host memory. $MOCK_METAL_COPY=src:dst makes a workload copy buffer src
// into buffer dst; $MOCK_METAL_DUMP names a folder that receives every buffer as written;
// $MOCK_METAL_ARCH=blackhole makes the device a Blackhole.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace tt {
enum class ARCH { WORMHOLE_B0, BLACKHOLE };
enum class DataFormat : uint8_t { Float32 = 0, Float16 = 1, Bfp8_b = 6, Bfp4_b = 7, Float16_b = 5, Int32 = 8, UInt32 = 24 };
struct xy_pair {
    constexpr xy_pair() : x{}, y{} {}
    constexpr xy_pair(std::size_t x, std::size_t y) : x(x), y(y) {}
    std::size_t x;
    std::size_t y;
};

namespace mock {
inline void log(const std::string& line) {
    if (const char* path = std::getenv("MOCK_METAL_LOG")) {
        std::ofstream(path, std::ios::app) << line << "\n";
    }
}
inline std::string join(const std::vector<uint32_t>& values) {
    std::string s;
    for (std::size_t i = 0; i < values.size(); ++i) s += (i ? "," : "") + std::to_string(values[i]);
    return s;
}
}  // namespace mock

namespace tt_metal {
using CoreCoord = tt::xy_pair;
struct CoreRange {
    CoreRange(const CoreCoord& start, const CoreCoord& end) : start_coord(start), end_coord(end) {}
    CoreCoord start_coord;
    CoreCoord end_coord;
};
class CoreRangeSet {
public:
    CoreRangeSet(std::vector<CoreRange>&& ranges) : ranges_(std::move(ranges)) {}
    const std::vector<CoreRange>& ranges() const { return ranges_; }
private:
    std::vector<CoreRange> ranges_;
};
using CoreSpec = std::variant<CoreCoord, CoreRange, CoreRangeSet>;

enum class MathFidelity : uint8_t { LoFi = 0, HiFi2 = 2, HiFi3 = 3, HiFi4 = 4, Invalid = 0xff };
enum class DataMovementProcessor { RISCV_0 = 0, RISCV_1 = 1 };
enum NOC : uint8_t { RISCV_0_default = 0, RISCV_1_default = 1, NOC_0 = 0, NOC_1 = 1 };
enum class NOC_MODE : uint8_t { DM_DEDICATED_NOC = 0, DM_DYNAMIC_NOC = 1 };
enum class BufferType { DRAM, L1, SYSTEM_MEMORY, L1_SMALL, TRACE };
enum class UnpackToDestMode : uint8_t { Default, UnpackToDestFp32 };
using KernelHandle = std::uint32_t;
using CBHandle = std::uintptr_t;
using DeviceAddr = std::uint64_t;

struct DataMovementConfig {
    DataMovementProcessor processor = DataMovementProcessor::RISCV_0;
    NOC noc = NOC::RISCV_0_default;
    NOC_MODE noc_mode = NOC_MODE::DM_DEDICATED_NOC;
    std::vector<uint32_t> compile_args;
    std::map<std::string, std::string> defines;
    std::unordered_map<std::string, uint32_t> named_compile_args;
};
struct ComputeConfig {
    MathFidelity math_fidelity = MathFidelity::HiFi4;
    bool fp32_dest_acc_en = false;
    bool dst_full_sync_en = false;
    std::vector<UnpackToDestMode> unpack_to_dest_mode;
    bool bfp8_pack_precise = false;
    bool math_approx_mode = false;
    std::vector<uint32_t> compile_args;
    std::map<std::string, std::string> defines;
    std::unordered_map<std::string, uint32_t> named_compile_args;
};

class CircularBufferConfig {
public:
    CircularBufferConfig(uint32_t total_size, const std::map<uint8_t, tt::DataFormat>& formats)
        : total_size_(total_size), formats_(formats) {}
    CircularBufferConfig& set_page_size(uint8_t index, uint32_t page_size) {
        if (formats_.count(index) == 0) throw std::runtime_error("set_page_size of an index without a format");
        page_sizes_[index] = page_size;
        return *this;
    }
    uint32_t total_size_;
    std::map<uint8_t, tt::DataFormat> formats_;
    std::map<uint8_t, uint32_t> page_sizes_;
};

class Program {
public:
    Program() = default;
    Program(Program&&) = default;
    Program& operator=(Program&&) = default;
    Program(const Program&) = delete;
    uint32_t next_kernel = 0;
    uint32_t next_semaphore = 0;
};

inline std::string cores_text(const CoreSpec& spec) {
    std::string s;
    for (const CoreRange& r : std::get<CoreRangeSet>(spec).ranges()) {
        s += (s.empty() ? "" : ";") + std::to_string(r.start_coord.x) + "," + std::to_string(r.start_coord.y) +
             "-" + std::to_string(r.end_coord.x) + "," + std::to_string(r.end_coord.y);
    }
    return s;
}

inline Program CreateProgram() { return Program(); }

inline CBHandle CreateCircularBuffer(Program&, const CoreSpec& cores, const CircularBufferConfig& config) {
    for (const auto& [index, format] : config.formats_) {
        tt::mock::log("cb index=" + std::to_string(index) + " format=" + std::to_string(int(format)) +
                      " total=" + std::to_string(config.total_size_) +
                      " page=" + std::to_string(config.page_sizes_.at(index)) + " cores=" + cores_text(cores));
    }
    return 0;
}

inline uint32_t CreateSemaphore(Program& program, const CoreSpec& cores, uint32_t initial_value) {
    const uint32_t id = program.next_semaphore++;
    tt::mock::log("semaphore id=" + std::to_string(id) + " initial=" + std::to_string(initial_value) +
                  " cores=" + cores_text(cores));
    return id;
}

inline KernelHandle CreateKernel(
    Program& program,
    const std::string& file_name,
    const CoreSpec& cores,
    const std::variant<DataMovementConfig, ComputeConfig>& config) {
    const KernelHandle handle = program.next_kernel++;
    std::string what;
    if (const auto* dm = std::get_if<DataMovementConfig>(&config)) {
        what = "processor=" + std::to_string(int(dm->processor)) + " noc=" + std::to_string(int(dm->noc)) +
               " args=" + tt::mock::join(dm->compile_args);
    } else {
        const auto& c = std::get<ComputeConfig>(config);
        what = "fidelity=" + std::to_string(int(c.math_fidelity)) + " fp32=" + std::to_string(c.fp32_dest_acc_en) +
               " full_sync=" + std::to_string(c.dst_full_sync_en) + " args=" + tt::mock::join(c.compile_args);
    }
    tt::mock::log("kernel " + std::to_string(handle) + " path=" + file_name + " cores=" + cores_text(cores) +
                  " " + what);
    return handle;
}

inline void SetRuntimeArgs(const Program&, KernelHandle kernel, const CoreSpec& core, std::span<const uint32_t> args) {
    const auto& c = std::get<CoreCoord>(core);
    tt::mock::log("rtargs kernel=" + std::to_string(kernel) + " core=" + std::to_string(c.x) + "," +
                  std::to_string(c.y) + " args=" + tt::mock::join(std::vector<uint32_t>(args.begin(), args.end())));
}
inline void SetRuntimeArgs(
    const Program& program, KernelHandle kernel, const CoreSpec& core, std::initializer_list<uint32_t> args) {
    SetRuntimeArgs(program, kernel, core, std::span<const uint32_t>(args.begin(), args.size()));
}

namespace distributed {
struct MeshShape {};
struct MeshCoordinateRange {
    explicit MeshCoordinateRange(const MeshShape&) {}
};
class MeshBuffer;
inline std::vector<MeshBuffer*>& all_buffers() {
    static std::vector<MeshBuffer*> buffers;
    return buffers;
}

class MeshCommandQueue {};

class MeshDevice : public std::enable_shared_from_this<MeshDevice> {
public:
    static std::shared_ptr<MeshDevice> create_unit_mesh(
        int device_id, std::size_t = 0, std::size_t = 0, std::size_t = 1) {
        tt::mock::log("open device=" + std::to_string(device_id));
        return std::make_shared<MeshDevice>();
    }
    tt::ARCH arch() const {
        const char* arch = std::getenv("MOCK_METAL_ARCH");
        return arch != nullptr && std::string(arch) == "blackhole" ? tt::ARCH::BLACKHOLE : tt::ARCH::WORMHOLE_B0;
    }
    CoreCoord compute_with_storage_grid_size() const { return CoreCoord{8, 8}; }
    // Translated (NOC) coordinates: logical (x, y) is at (x + 1, y + 2) in the mock.
    CoreCoord worker_core_from_logical_core(const CoreCoord& logical) const {
        return CoreCoord{logical.x + 1, logical.y + 2};
    }
    MeshCommandQueue& mesh_command_queue(std::optional<uint8_t> = std::nullopt) { return cq_; }
    const MeshShape& shape() const { return shape_; }
    bool close() {
        tt::mock::log("close");
        return true;
    }
private:
    MeshCommandQueue cq_;
    MeshShape shape_;
};

struct DeviceLocalBufferConfig {
    DeviceAddr page_size = 0;
    BufferType buffer_type = BufferType::DRAM;
    int sharding_args = 0;
    std::optional<bool> bottom_up;
};
struct ReplicatedBufferConfig {
    DeviceAddr size = 0;
};
struct ShardedBufferConfig {
    DeviceAddr global_size = 0;
};
using MeshBufferConfig = std::variant<ReplicatedBufferConfig, ShardedBufferConfig>;

class MeshBuffer {
public:
    static std::shared_ptr<MeshBuffer> create(
        const MeshBufferConfig& config, const DeviceLocalBufferConfig& local, MeshDevice*,
        std::optional<DeviceAddr> = std::nullopt) {
        auto buffer = std::make_shared<MeshBuffer>();
        buffer->index = all_buffers().size();
        buffer->address_ = 0x100000 * (buffer->index + 1);
        buffer->data.resize(std::get<ReplicatedBufferConfig>(config).size);
        all_buffers().push_back(buffer.get());
        tt::mock::log("buffer " + std::to_string(buffer->index) + " address=" + std::to_string(buffer->address_) +
                      " size=" + std::to_string(buffer->data.size()) + " page=" + std::to_string(local.page_size) +
                      " dram=" + std::to_string(local.buffer_type == BufferType::DRAM));
        return buffer;
    }
    DeviceAddr address() const { return address_; }
    std::size_t index = 0;
    DeviceAddr address_ = 0;
    std::vector<uint8_t> data;
};

class MeshWorkload {
public:
    void add_program(const MeshCoordinateRange&, Program&& program) { programs_.push_back(std::move(program)); }
private:
    std::vector<Program> programs_;
};

inline void EnqueueMeshWorkload(MeshCommandQueue&, MeshWorkload&, bool) {
    tt::mock::log("run");
    if (const char* copy = std::getenv("MOCK_METAL_COPY")) {
        const std::string spec(copy);
        const std::size_t colon = spec.find(':');
        all_buffers().at(std::stoul(spec.substr(colon + 1)))->data = all_buffers().at(std::stoul(spec.substr(0, colon)))->data;
    }
}

inline void Finish(MeshCommandQueue&, std::span<const uint8_t> = {}) { tt::mock::log("finish"); }

template <typename DType>
void EnqueueWriteMeshBuffer(
    MeshCommandQueue&, std::shared_ptr<MeshBuffer>& buffer, const std::vector<DType>& src, bool = false) {
    if (src.size() * sizeof(DType) != buffer->data.size()) throw std::runtime_error("write of the wrong size");
    std::memcpy(buffer->data.data(), src.data(), buffer->data.size());
    tt::mock::log("write " + std::to_string(buffer->index));
    if (const char* dir = std::getenv("MOCK_METAL_DUMP")) {
        std::ofstream out(std::string(dir) + "/buffer" + std::to_string(buffer->index) + ".bin", std::ios::binary);
        out.write(reinterpret_cast<const char*>(buffer->data.data()), static_cast<std::streamsize>(buffer->data.size()));
    }
}

template <typename DType>
void EnqueueReadMeshBuffer(
    MeshCommandQueue&, std::vector<DType>& dst, std::shared_ptr<MeshBuffer>& buffer, bool = true) {
    // tt-metal does not resize the destination of a replicated buffer: it must fit already.
    if (dst.size() * sizeof(DType) != buffer->data.size()) throw std::runtime_error("read of the wrong size");
    std::memcpy(dst.data(), buffer->data.data(), buffer->data.size());
    tt::mock::log("read " + std::to_string(buffer->index));
}
}  // namespace distributed
}  // namespace tt_metal
}  // namespace tt
"""

MOCK_CMAKE_CONFIG = """\
add_library(TT::Metalium INTERFACE IMPORTED)
set_target_properties(TT::Metalium PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "{include}")
"""


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed")
    return path


@pytest.fixture(scope="module")
def mock_include(tmp_path_factory: pytest.TempPathFactory) -> Path:
    include = tmp_path_factory.mktemp("mock_metal") / "include"
    (include / "tt-metalium").mkdir(parents=True)
    (include / "tt_metal_mock.hpp").write_text(MOCK_HEADER)
    for header in ("host_api.hpp", "distributed.hpp"):
        (include / "tt-metalium" / header).write_text(
            '#pragma once\n#include "../tt_metal_mock.hpp"\n'
        )
    return include


def _build(main_cpp: str, folder: Path, include: Path) -> Path:
    gxx = _need("g++")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "main.cpp").write_text(main_cpp)
    exe = folder / "main"
    proc = subprocess.run(
        [gxx, "-std=c++20", "-Wall", "-Werror", f"-I{include}", f'-DTT_KERNEL_DIR="{folder}"',
         "-o", str(exe), str(folder / "main.cpp")],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return exe


def _run(exe: Path, args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "MOCK_METAL_LOG": str(cwd / "calls.log"), **env}
    (cwd / "calls.log").unlink(missing_ok=True)
    return subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def tilize(matrix: np.ndarray) -> np.ndarray:
    """tt-metal's TILED_NFACES order of a row-major matrix, independently of main.cpp."""
    rows, cols = matrix.shape
    faces = matrix.reshape(rows // 32, 2, 16, cols // 32, 2, 16)
    # (tile row, face row, row in face, tile col, face col, col in face) -> tiles, faces, rows
    return faces.transpose(0, 3, 1, 4, 2, 5).reshape(-1)


@pytest.fixture(scope="module")
def gemm_exe(
    tmp_path_factory: pytest.TempPathFactory, mock_include: Path
) -> tuple[Path, ProgramOp]:
    program = case_program("gemm")
    return _build(host_main_cpp(program), tmp_path_factory.mktemp("gemm"), mock_include), program


def _log(cwd: Path) -> list[str]:
    return (cwd / "calls.log").read_text().splitlines()


def test_run_gemm_sets_up_the_program_as_the_ir_says(gemm_exe, tmp_path: Path) -> None:
    exe, program = gemm_exe
    rng = np.random.default_rng(1)
    a = rng.integers(0, 1 << 16, size=(1024, 1024), dtype=np.uint16)
    b = rng.integers(0, 1 << 16, size=(1024, 1024), dtype=np.uint16)
    a.tofile(tmp_path / "a.bin")
    b.tofile(tmp_path / "b.bin")
    (tmp_path / "dump").mkdir()
    proc = _run(
        exe, ["a.bin", "b.bin", "c.bin"], tmp_path, MOCK_METAL_COPY="0:2", MOCK_METAL_DUMP="dump"
    )
    assert proc.returncode == 0, proc.stderr
    log = _log(tmp_path)

    # Buffers: one interleaved DRAM buffer per tensor, one bf16 tile per page.
    assert [line for line in log if line.startswith("buffer")] == [
        f"buffer {i} address={0x100000 * (i + 1)} size={1024 * 1024 * 2} page=2048 dram=1"
        for i in range(3)
    ]
    # The device got tt-metal's tiled layout of each input, and the output came back row-major.
    for name, source in (("buffer0.bin", a), ("buffer1.bin", b)):
        assert np.array_equal(
            np.fromfile(tmp_path / "dump" / name, dtype=np.uint16), tilize(source)
        )
    assert np.array_equal(np.fromfile(tmp_path / "c.bin", dtype=np.uint16).reshape(1024, 1024), a)

    # CBs, kernels and runtime arguments, in the order the IR gives them. The CBs' formats as
    # tt::DataFormat numbers them: the operands and the output are bf16 (Float16_b = 5), the
    # partial-sum CB the packer accumulates into is fp32 (Float32 = 0).
    tt_format = {DataFormat.BF16: 5, DataFormat.F32: 0}
    assert sorted({cb.format.data for cb in program.cbs.data}) == [DataFormat.BF16, DataFormat.F32]
    assert [line for line in log if line.startswith("cb ")] == [
        f"cb index={cb.index.data} format={tt_format[cb.format.data]} total={cb.total_bytes} "
        f"page={cb.page_size.data} cores=0,0-7,7"
        for cb in program.cbs.data
    ]
    kernels = [line for line in log if line.startswith("kernel ")]
    assert [re.search(r"path=(\S+)", k).group(1) for k in kernels] == [
        str(exe.parent / KERNEL_FILES[k.role.data.value]) for k in program.kernels()
    ]
    for line, kern in zip(kernels, program.kernels()):
        args = ",".join(str(word) for word in kern.compile_time_args.words)
        assert line.endswith(f" args={args}")
    assert " processor=1 noc=1 " in kernels[0] and " processor=0 noc=0 " in kernels[2]
    assert " fidelity=4 fp32=1 full_sync=0 " in kernels[1]

    # Two semaphores per multicast load, ids in order, on the working cores.
    assert [line for line in log if line.startswith("semaphore")] == [
        f"semaphore id={i} initial=0 cores=0,0-7,7" for i in range(4)
    ]
    addresses = {t: 0x100000 * (t + 1) for t in range(3)}
    expected_args = []
    for (x, y), start, count in program.work_partition.assignments():
        for handle, kern in enumerate(program.kernels()):
            values = []
            for arg in kern.runtime_args.args.data:
                kind = arg.arg_kind
                values.append(
                    addresses[arg.tensor.data] if kind is ArgKind.BUFFER_ADDRESS
                    else start if kind is ArgKind.START_UNIT
                    else count if kind is ArgKind.NUM_UNITS
                    else _multicast_value(kind, arg.axis.value, x, y, KERNEL_NOCS[kern.role.data])
                )  # fmt: skip
            expected_args.append(
                f"rtargs kernel={handle} core={x},{y} args={','.join(map(str, values))}"
            )
    assert [line for line in log if line.startswith("rtargs")] == expected_args

    # Inputs are written before the run, outputs read after it, then the device is closed.
    steps = [
        line
        for line in log
        if line.split()[0] in ("open", "write", "run", "finish", "read", "close")
    ]
    assert steps == ["open device=0", "write 0", "write 1", "run", "finish", "read 2", "close"]


def _multicast_value(kind: ArgKind, axis: str, x: int, y: int, noc: int) -> int:
    """What a kernel of core (x, y) of the gemm's 8x8 rectangle gets: along a row the
    sender is the row's core at x = 0 and the receivers x = 1..7; along a column the core
    at y = 0 and y = 1..7. The mock puts logical (x, y) at NOC (x + 1, y + 2); NOC 1 (the
    reader's, which moves A along rows) takes the receivers' rectangle from its high
    corner, NOC 0 (the writer's, which moves B down columns) from its low one."""
    if axis == "row":
        sender, first, last, is_sender = (0, y), (1, y), (7, y), x == 0
    else:
        sender, first, last, is_sender = (x, 0), (x, 1), (x, 7), y == 0
    corners = {"sender": sender, "start": last if noc == 1 else first, "end": first if noc == 1 else last}
    what = kind.value.removeprefix("mcast_")
    if what == "sender":
        return int(is_sender)
    corner, coordinate = what.rsplit("_", 1)
    logical = corners[corner]
    return logical[0] + 1 if coordinate == "x" else logical[1] + 2


def test_run_rectangular_f32(mock_include: Path, tmp_path: Path) -> None:
    program = compile_program(add_f32_text(), "tt-pipeline{grid=3x3}")
    exe = _build(host_main_cpp(program), tmp_path / "build", mock_include)
    rng = np.random.default_rng(2)
    a = rng.standard_normal((256, 512), dtype=np.float32)
    b = rng.standard_normal((256, 512), dtype=np.float32)
    a.tofile(tmp_path / "a.bin")
    b.tofile(tmp_path / "b.bin")
    (tmp_path / "dump").mkdir()
    proc = _run(
        exe, ["a.bin", "b.bin", "c.bin"], tmp_path, MOCK_METAL_COPY="1:2", MOCK_METAL_DUMP="dump"
    )
    assert proc.returncode == 0, proc.stderr
    assert np.array_equal(
        np.fromfile(tmp_path / "dump" / "buffer0.bin", dtype=np.float32), tilize(a)
    )
    assert np.array_equal(np.fromfile(tmp_path / "c.bin", dtype=np.float32).reshape(256, 512), b)
    log = _log(tmp_path)
    assert next(line for line in log if line.startswith("cb ")) == (
        "cb index=0 format=0 total=131072 page=4096 cores=0,0-2,1;0,2-1,2"
    )
    assert len([line for line in log if line.startswith("rtargs kernel=1 ")]) == 8


def test_run_usage_and_file_errors(gemm_exe, tmp_path: Path) -> None:
    exe, _ = gemm_exe
    proc = _run(exe, ["a.bin"], tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[0] == f"usage: {exe} <tensor0.bin> <tensor1.bin> <tensor2.bin>"
    assert "  tensor2    output  bf16  [1024, 1024]" in proc.stderr
    assert not (tmp_path / "calls.log").exists()  # the device was never opened

    proc = _run(exe, ["missing.bin", "b.bin", "c.bin"], tmp_path)
    assert proc.returncode == 2
    assert "error: cannot read missing.bin, the file of input tensor0" in proc.stderr

    np.zeros((1024, 1023), dtype=np.uint16).tofile(tmp_path / "short.bin")
    proc = _run(exe, ["short.bin", "short.bin", "c.bin"], tmp_path)
    assert proc.returncode == 2
    assert (
        "short.bin holds 2095104 bytes; input tensor0 (bf16 [1024, 1024], row-major) needs 2097152"
        in (proc.stderr)
    )

    np.zeros((1024, 1024), dtype=np.uint16).tofile(tmp_path / "a.bin")
    proc = _run(exe, ["a.bin", "a.bin", "no/such/dir/c.bin"], tmp_path)
    assert proc.returncode == 1
    assert "cannot write no/such/dir/c.bin, the file of output tensor2" in proc.stderr

    proc = _run(exe, ["a.bin", "a.bin", "c.bin"], tmp_path, MOCK_METAL_ARCH="blackhole")
    assert proc.returncode == 1
    assert (
        "the program was compiled for wormhole_b0; device 0 is another architecture" in proc.stderr
    )


def test_cmake_builds_main_against_a_tt_metalium_package(
    mock_include: Path, tmp_path: Path
) -> None:
    cmake = _need("cmake")
    _need("g++")
    program = case_program("add")
    source = tmp_path / "src"
    source.mkdir()
    (source / "main.cpp").write_text(host_main_cpp(program))
    (source / "CMakeLists.txt").write_text(cmake_lists(program))
    package = tmp_path / "prefix" / "lib" / "cmake" / "TT-Metalium"
    package.mkdir(parents=True)
    (package / "TT-MetaliumConfig.cmake").write_text(MOCK_CMAKE_CONFIG.format(include=mock_include))
    build = tmp_path / "build"
    configure = subprocess.run(
        [cmake, "-S", str(source), "-B", str(build), f"-DCMAKE_PREFIX_PATH={tmp_path / 'prefix'}",
         "-DCMAKE_CXX_COMPILER=g++"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert configure.returncode == 0, configure.stdout + configure.stderr
    built = subprocess.run(
        [cmake, "--build", str(build)], capture_output=True, text=True, timeout=600, check=False
    )
    assert built.returncode == 0, built.stdout + built.stderr
    np.zeros((1024, 1024), dtype=np.uint16).tofile(tmp_path / "a.bin")
    proc = _run(build / "main", ["a.bin", "a.bin", "c.bin"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    paths = re.findall(r"path=(\S+)", (tmp_path / "calls.log").read_text())
    assert paths == [str(source / name) for name in ("reader.cpp", "compute.cpp", "writer.cpp")]


# --------------------------------------------------------------------------- real tt-metal

HEADER_TEMPLATES = {
    "tt::tt_metal::distributed::EnqueueWriteMeshBuffer",
    "tt::tt_metal::distributed::EnqueueReadMeshBuffer",
}
"""Host functions defined as templates in `tt-metalium/distributed.hpp`: nothing to export."""


def _metal_wheel():
    metal_wheel = pytest.importorskip(
        "tt_dialect.tools.metal_wheel",
        reason="tt_dialect.tools.metal_wheel (the ttnn wheel cache) is not available",
    )
    return metal_wheel


@pytest.mark.parametrize("version", ["0.74.0", "0.81.1"])
def test_host_calls_are_exported_by_libtt_metal(version: str) -> None:
    """Every release we target exports the host calls main.cpp makes (the host program is
    the same for both)."""
    metal_wheel = _metal_wheel()
    try:
        symbols = metal_wheel.exported_symbols(version)
    except metal_wheel.MetalFetchError as err:
        pytest.skip(f"the ttnn wheel cannot be had: {err}")
    for case in ("gemm", "add"):
        for name in sorted(host_calls(host_main_cpp(case_program(case))) - HEADER_TEMPLATES):
            pattern = re.compile(rf"(?:^|[\s*&]){re.escape(name)}[(<]")
            assert any(pattern.search(symbol) for symbol in symbols), (
                f"{name} is not exported by libtt_metal.so"
            )


def test_main_cpp_syntax_checks_against_the_wheels_host_headers(tmp_path: Path) -> None:
    metal_wheel = _metal_wheel()
    try:
        root = metal_wheel.metal_root()
    except metal_wheel.MetalFetchError as err:
        pytest.skip(f"the ttnn wheel cannot be had: {err}")
    api = root / "ttnn" / "tt_metal" / "api"
    missing = [
        h for h in ("host_api.hpp", "distributed.hpp") if not (api / "tt-metalium" / h).is_file()
    ]
    if missing:
        shipped = sorted(p.name for p in (api / "tt-metalium").glob("*")) if api.is_dir() else []
        pytest.skip(
            f"the ttnn {metal_wheel.TTNN_VERSION} wheel ships no TT-Metalium host API headers "
            f"(no tt-metalium/{', '.join(missing)}; tt-metalium/ holds only {shipped}): main.cpp "
            "cannot be syntax-checked against it"
        )
    main = tmp_path / "main.cpp"
    main.write_text(host_main_cpp(case_program("gemm")))
    includes = [
        api,
        root / "ttnn" / "tt_metal" / "hostdevcommon" / "api",
        root / "ttnn" / "tt_metal",
    ]
    proc = subprocess.run(
        [_need("g++"), "-std=c++20", "-fsyntax-only", *(f"-I{d}" for d in includes),
         f'-DTT_KERNEL_DIR="{tmp_path}"', str(main)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
