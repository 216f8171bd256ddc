"""`tt-check-kernels` against the real tt-metal v0.74.0 headers (the `ttnn==0.74.0` wheel).

These tests run in CI like every other: the first one downloads the wheel from PyPI into
`.cache/metal/` (a few seconds), later runs use the cache. A failed download fails them (it is
not a skip), so a CI run without the headers cannot pass by checking nothing.

- Positive control: tt-metal's own kernels from the wheel (bmm.cpp as compute,
  reader/writer_unary_interleaved_start_id.cpp as reader/writer) with the compile-time arguments
  their host code gives them must pass every check, on both architectures.
- An API probe: kernels written the way our emitter writes them, using every kernel-side call
  the emitter relies on, must pass: this pins the API of v0.74.0 we target.
- Negative controls: a missing argument and deprecated calls fail, with the compiler's message.
- Usage errors (missing plan, bad plan, failed download) are one line and exit status 2.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest
from tt_dialect.tools import check_kernels as ck
from tt_dialect.tools import metal_wheel
from tt_dialect.tools.environment import find_tool

OPS = Path("ttnn") / "ttnn" / "cpp" / "ttnn" / "operations"
BMM = OPS / "matmul" / "device" / "kernels" / "compute" / "bmm.cpp"
UNARY_DATAFLOW = OPS / "eltwise" / "unary" / "device" / "kernels" / "dataflow"
READER = UNARY_DATAFLOW / "reader_unary_interleaved_start_id.cpp"
WRITER = UNARY_DATAFLOW / "writer_unary_interleaved_start_id.cpp"

ALL_PASS = [
    "PASS reader.cpp ncrisc g++",
    "PASS reader.cpp ncrisc zig-rv32",
    "PASS compute.cpp compute-api g++",
    "PASS compute.cpp trisc-pack g++",
    "PASS compute.cpp compute-api zig-rv32",
    "PASS writer.cpp brisc g++",
    "PASS writer.cpp brisc zig-rv32",
]


@pytest.fixture(scope="module")
def metal() -> Path:
    """The unpacked wheel (downloaded on first use)."""
    try:
        return metal_wheel.metal_root()
    except metal_wheel.MetalFetchError as err:
        pytest.fail(f"cannot fetch the tt-metal headers: {err}")


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    exe = find_tool("tt-check-kernels")
    if exe is None:
        pytest.fail("tt-check-kernels is not installed in this environment")
    return subprocess.run(
        [exe, *map(str, args)], check=False, capture_output=True, text=True, timeout=600, env=env
    )


def kernel_entry(file: str, role: str, processor: str, ct_args: list[int], **extra) -> dict:
    return {
        "file": file,
        "role": role,
        "processor": processor,
        "compile_time_args": ct_args,
        **extra,
    }


def write_artifact(directory: Path, sources: dict[str, str | Path], plan: dict) -> Path:
    """An artifact directory: kernel sources (text or a file to copy) and tt.plan.json."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, source in sources.items():
        if isinstance(source, Path):
            shutil.copyfile(source, directory / name)
        else:
            (directory / name).write_text(source)
    (directory / "tt.plan.json").write_text(json.dumps(plan, indent=2))
    return directory


# --------------------------------------------------------------------------- positive control


def tt_metal_plan(arch: str) -> dict:
    """The compile-time args tt-metal's host code gives these kernels.

    reader_unary_interleaved_start_id: TensorAccessorArgs at 0 (its CB is hard-coded 0);
    writer_unary_interleaved_start_id: the output CB, then TensorAccessorArgs at 1; an interleaved
    DRAM tensor's accessor args are (config word IsDram = 2, aligned page size).
    bmm (matmul_multi_core): batch, Mt, Kt, Nt and the named CBs cb_in0, cb_in1, cb_out.
    """
    return {
        "arch": arch,
        "kernels": [
            kernel_entry("reader.cpp", "reader", "riscv_1", [2, 2048]),
            kernel_entry(
                "compute.cpp",
                "compute",
                "compute",
                [1, 4, 4, 4],
                named_compile_time_args={"cb_in0": 0, "cb_in1": 1, "cb_out": 16},
            ),
            kernel_entry("writer.cpp", "writer", "riscv_0", [16, 2, 2048]),
        ],
    }


@pytest.fixture(scope="module")
def tt_metal_artifact(metal: Path, tmp_path_factory) -> Path:
    return write_artifact(
        tmp_path_factory.mktemp("tt_metal_kernels"),
        {"reader.cpp": metal / READER, "compute.cpp": metal / BMM, "writer.cpp": metal / WRITER},
        tt_metal_plan("wormhole_b0"),
    )


@pytest.mark.parametrize("arch", ["wormhole_b0", "blackhole"])
def test_tt_metal_kernels_pass(tt_metal_artifact: Path, arch: str):
    plan = tt_metal_plan(arch)
    (tt_metal_artifact / "tt.plan.json").write_text(json.dumps(plan))
    run = run_cli(tt_metal_artifact)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines() == ALL_PASS
    assert run.stderr == ""


def test_arch_flag_overrides_plan(tt_metal_artifact: Path):
    (tt_metal_artifact / "tt.plan.json").write_text(json.dumps(tt_metal_plan("blackhole")))
    run = run_cli(tt_metal_artifact, "--arch", "wormhole_b0", "--compiler", "g++")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines() == [line for line in ALL_PASS if line.endswith("g++")]


def test_wrong_compile_time_args_fail(tt_metal_artifact: Path):
    """The accessor's static_asserts check the host's compile-time-arg list: a missing page size
    word fails (the writer's TensorAccessorArgs<1> reads words 1 and 2)."""
    plan = tt_metal_plan("wormhole_b0")
    plan["kernels"][2]["compile_time_args"] = [16, 2]
    (tt_metal_artifact / "tt.plan.json").write_text(json.dumps(plan))
    run = run_cli(tt_metal_artifact, "--compiler", "g++")
    assert run.returncode == 1
    assert "FAIL writer.cpp brisc g++" in run.stdout
    assert "Index out of range" in run.stdout


def test_named_args_are_required(tt_metal_artifact: Path):
    """bmm.cpp reads named args: without them get_named_compile_time_arg_val is undeclared."""
    plan = tt_metal_plan("wormhole_b0")
    del plan["kernels"][1]["named_compile_time_args"]
    (tt_metal_artifact / "tt.plan.json").write_text(json.dumps(plan))
    run = run_cli(tt_metal_artifact, "--compiler", "g++")
    assert run.returncode == 1
    assert "FAIL compute.cpp compute-api g++" in run.stdout
    assert "get_named_compile_time_arg_val" in run.stdout


# --------------------------------------------------------------------------- the API we emit

PROBE_READER = """\
#include <cstdint>
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
    uint32_t a_addr = get_arg_val<uint32_t>(0);
    uint32_t b_addr = get_arg_val<uint32_t>(1);
    uint32_t start = get_arg_val<uint32_t>(2);
    uint32_t count = get_arg_val<uint32_t>(3);
    constexpr uint32_t cb_a = get_compile_time_arg_val(0);
    constexpr uint32_t cb_b = get_compile_time_arg_val(1);
    constexpr auto a_args = TensorAccessorArgs<2>();
    constexpr auto b_args = TensorAccessorArgs<a_args.next_compile_time_args_offset()>();
    // An interleaved DRAM tensor takes two compile-time words: config (IsDram = 2), page size.
    static_assert(a_args.num_compile_time_args() == 2);
    static_assert(b_args.next_compile_time_args_offset() == 6);
    static_assert(a_args.is_dram && !a_args.is_sharded && a_args.get_aligned_page_size() == 2048);
    const auto a = TensorAccessor(a_args, a_addr, get_tile_size(cb_a));
    const auto b = TensorAccessor(b_args, b_addr);
    for (uint32_t t = start; t < start + count; ++t) {
        cb_reserve_back(cb_a, 1);
        cb_reserve_back(cb_b, 1);
        noc_async_read_page(t, a, get_write_ptr(cb_a));
        noc_async_read_page(t, b, get_write_ptr(cb_b));
        noc_async_read_barrier();
        cb_push_back(cb_a, 1);
        cb_push_back(cb_b, 1);
    }
    // Semaphores and multicast (tt_dialect/ops/sync.py), written the way the emitter writes
    // them: semaphore addresses as uint32_t, cast to the API's pointer for set/wait; NOC
    // addresses uint64_t; num_dests a run-time word.
    const uint32_t sem = get_semaphore(0);
    const uint32_t valid = get_semaphore(15);
    const auto sem_ptr = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(sem);
    noc_semaphore_wait(sem_ptr, count);
    noc_semaphore_set(sem_ptr, 0);
    const uint32_t l1 = get_write_ptr(cb_a);
    const uint64_t block = get_noc_multicast_addr(1, 1, 4, 1, l1);
    noc_async_write_multicast(l1, block, 2048, count);
    noc_async_write_multicast_loopback_src(l1, block, 2048, count + 1);
    const auto valid_ptr = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(valid);
    noc_semaphore_set(valid_ptr, 1);
    const uint64_t flag = get_noc_multicast_addr(1, 1, 4, 1, valid);
    noc_semaphore_set_multicast(valid, flag, count);
    noc_semaphore_set_multicast_loopback_src(valid, flag, count + 1);
    noc_async_write_barrier();
    const uint64_t peer = get_noc_addr(1, 1, sem);
    noc_semaphore_inc(peer, 1);
}
"""

PROBE_WRITER = """\
#include <cstdint>
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
    uint32_t c_addr = get_arg_val<uint32_t>(0);
    uint32_t start = get_arg_val<uint32_t>(1);
    uint32_t count = get_arg_val<uint32_t>(2);
    constexpr uint32_t cb_c = get_compile_time_arg_val(0);
    constexpr auto c_args = TensorAccessorArgs<1>();
    const auto c = TensorAccessor(c_args, c_addr);
    for (uint32_t t = start; t < start + count; ++t) {
        cb_wait_front(cb_c, 1);
        noc_async_write_page(t, c, get_read_ptr(cb_c));
        noc_async_writes_flushed();
        cb_pop_front(cb_c, 1);
    }
    noc_async_write_barrier();
}
"""

# FPU ops: their pack thread compiles here too (no SFPU code, so no sfpi.h).
PROBE_COMPUTE_FPU = """\
#include <cstdint>
#include "api/compute/compute_kernel_hw_startup.h"
#include "api/compute/matmul.h"
#include "api/compute/eltwise_binary.h"
#include "api/compute/tile_move_copy.h"
#include "api/compute/pack.h"
#include "api/compute/reg_api.h"
#include "api/compute/cb_api.h"
#include "api/compute/eltwise_unary/sqrt.h"
#include "api/compute/eltwise_unary/recip.h"

void kernel_main() {
    constexpr uint32_t in0 = get_compile_time_arg_val(0);
    constexpr uint32_t in1 = get_compile_time_arg_val(1);
    constexpr uint32_t out = get_compile_time_arg_val(2);
    constexpr uint32_t kt = get_compile_time_arg_val(3);
    uint32_t n = get_arg_val<uint32_t>(0);
    compute_kernel_hw_startup<SrcOrder::Reverse>(in0, in1, out);
    matmul_init(in0, in1);
    matmul_init(in0, in1, 0);
    for (uint32_t i = 0; i < n; ++i) {
        tile_regs_acquire();
        for (uint32_t k = 0; k < kt; ++k) {
            cb_wait_front(in0, 1);
            cb_wait_front(in1, 1);
            matmul_tiles(in0, in1, 0, 0, 0);
            cb_pop_front(in0, 1);
            cb_pop_front(in1, 1);
        }
        tile_regs_commit();
        cb_reserve_back(out, 2);
        tile_regs_wait();
        pack_tile(0, out);
        pack_tile<true>(0, out, 1);
        tile_regs_release();
        cb_push_back(out, 2);
    }
    // matmul_block with its init and packer L1 accumulation (a bool or a word).
    matmul_block_init(in0, in1, 0, 4, 2, 2);
    matmul_block_init(in0, in1, 1, 1, 1, 1);
    pack_reconfig_l1_acc(true);
    const bool accumulate = n > 1;
    pack_reconfig_l1_acc(accumulate);
    cb_wait_front(in0, 4);
    cb_wait_front(in1, 8);
    tile_regs_acquire();
    for (uint32_t k = 0; k < 2; ++k) {
        matmul_block(in0, in1, k, k * 4, 0, 0, 4, 2, 2);
    }
    matmul_block(in0, in1, 0, 0, 0, 1, 1, 1, 1);
    tile_regs_commit();
    cb_pop_front(in0, 4);
    cb_pop_front(in1, 8);
    cb_reserve_back(out, 8);
    tile_regs_wait();
    for (uint32_t t = 0; t < 8; ++t) {
        pack_tile<true>(t, out, t);
    }
    tile_regs_release();
    cb_push_back(out, 8);
    pack_reconfig_l1_acc(0);
    compute_kernel_hw_startup(in0, in1, out);
    compute_kernel_hw_startup(in0, out);
    binary_op_init_common(in0, in1, out);
    add_tiles_init(in0, in1);
    sub_tiles_init(in0, in1);
    mul_tiles_init(in0, in1);
    tile_regs_acquire();
    add_tiles(in0, in1, 0, 0, 0);
    sub_tiles(in0, in1, 0, 0, 1);
    mul_tiles(in0, in1, 0, 0, 2);
    copy_tile_init(in0);
    copy_tile(in0, 0, 3);
    sqrt_tile_init();
    sqrt_tile(3);
    recip_tile_init();
    recip_tile(3);
    tile_regs_commit();
    tile_regs_wait();
    pack_tile(3, out);
    tile_regs_release();
}
"""

# SFPU ops: their pack-thread code needs sfpi.h (not on PyPI), so trisc-pack is skipped.
PROBE_COMPUTE_SFPU = """\
#include <cstdint>
#include "api/compute/compute_kernel_hw_startup.h"
#include "api/compute/tile_move_copy.h"
#include "api/compute/pack.h"
#include "api/compute/reg_api.h"
#include "api/compute/cb_api.h"
#include "api/compute/compute_kernel_api.h"
#include "api/compute/eltwise_unary/eltwise_unary.h"
#include "api/compute/eltwise_unary/exp.h"
#include "api/compute/eltwise_unary/relu.h"
#include "api/compute/eltwise_unary/gelu.h"

void kernel_main() {
    constexpr uint32_t in0 = get_compile_time_arg_val(0);
    constexpr uint32_t out = get_compile_time_arg_val(2);
    compute_kernel_hw_startup(in0, out);
    init_sfpu(in0, out);
    cb_wait_front(in0, 1);
    tile_regs_acquire();
    copy_tile_init(in0);
    copy_tile(in0, 0, 0);
    exp_tile_init(); exp_tile(0);
    log_tile_init(); log_tile(0);
    relu_tile_init(); relu_tile(0);
    gelu_tile_init(); gelu_tile(0);
    sigmoid_tile_init(); sigmoid_tile(0);
    tanh_tile_init(); tanh_tile(0);
    tile_regs_commit();
    cb_pop_front(in0, 1);
    cb_reserve_back(out, 1);
    tile_regs_wait();
    pack_tile(0, out);
    tile_regs_release();
    cb_push_back(out, 1);
}
"""


def probe_plan(arch: str) -> dict:
    return {
        "arch": arch,
        "kernels": [
            kernel_entry("reader.cpp", "reader", "riscv_1", [0, 1, 2, 2048, 2, 2048], noc="noc_1"),
            kernel_entry(
                "compute.cpp",
                "compute",
                "compute",
                [0, 1, 16, 4],
                compute_config={
                    "math_fidelity": "hifi4",
                    "fp32_dest_acc": False,
                    "dst_full_sync": False,
                },
            ),
            kernel_entry("writer.cpp", "writer", "riscv_0", [16, 2, 2048], noc="noc_0"),
        ],
        "cbs": [
            {"index": 0, "data_format": "bf16"},
            {"index": 1, "data_format": "bf16"},
            {"index": 16, "data_format": "bf16"},
        ],
    }


@pytest.mark.parametrize("arch", ["wormhole_b0", "blackhole"])
def test_emitter_api_fpu(metal: Path, tmp_path: Path, arch: str):
    artifact = write_artifact(
        tmp_path,
        {"reader.cpp": PROBE_READER, "compute.cpp": PROBE_COMPUTE_FPU, "writer.cpp": PROBE_WRITER},
        probe_plan(arch),
    )
    run = run_cli(artifact)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines() == ALL_PASS


def test_emitter_api_sfpu(metal: Path, tmp_path: Path):
    plan = probe_plan("wormhole_b0")
    plan["kernels"] = [plan["kernels"][1]]
    artifact = write_artifact(tmp_path, {"compute.cpp": PROBE_COMPUTE_SFPU}, plan)
    run = run_cli(artifact)
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "PASS compute.cpp compute-api g++"
    assert lines[1].startswith("SKIP compute.cpp trisc-pack g++ (needs sfpi.h")
    assert lines[2] == "PASS compute.cpp compute-api zig-rv32"


# --------------------------------------------------------------------------- negative controls

MISSING_ARG_READER = PROBE_READER.replace("cb_push_back(cb_b, 1);", "cb_push_back(cb_b);")
DEPRECATED_READER = PROBE_READER.replace(
    "noc_async_read_page(t, b, get_write_ptr(cb_b));",
    "noc_async_read_tile(t, b, get_write_ptr(cb_b));",
)
DEPRECATED_COMPUTE = PROBE_COMPUTE_FPU.replace(
    "compute_kernel_hw_startup<SrcOrder::Reverse>(in0, in1, out);", "mm_init(in0, in1, out);"
)


def _bad_reader(
    metal: Path, tmp_path: Path, reader: str
) -> tuple[subprocess.CompletedProcess, Path]:
    artifact = write_artifact(
        tmp_path,
        {"reader.cpp": reader, "compute.cpp": PROBE_COMPUTE_FPU, "writer.cpp": PROBE_WRITER},
        probe_plan("wormhole_b0"),
    )
    return run_cli(artifact), artifact


def test_missing_argument_fails(metal: Path, tmp_path: Path):
    run, artifact = _bad_reader(metal, tmp_path, MISSING_ARG_READER)
    assert run.returncode == 1
    out = run.stdout
    assert "FAIL reader.cpp ncrisc g++" in out
    assert "FAIL reader.cpp ncrisc zig-rv32" in out
    assert "PASS writer.cpp brisc g++" in out and "PASS compute.cpp trisc-pack g++" in out
    line = 1 + MISSING_ARG_READER.splitlines().index("        cb_push_back(cb_b);")
    kernel = (artifact / "reader.cpp").resolve()
    # g++, then clang, each pointing at the kernel's line
    assert f"{kernel}:{line}:" in out
    assert "too few arguments to function 'void cb_push_back(int32_t, int32_t)'" in out.replace(
        "\u2018", "'"
    ).replace("\u2019", "'")
    assert "requires 2 arguments, but 1 was provided" in out
    assert run.stderr.strip() == "tt-check-kernels: 2 of 7 checks failed"


def test_deprecated_noc_async_read_tile_fails(metal: Path, tmp_path: Path):
    run, _ = _bad_reader(metal, tmp_path, DEPRECATED_READER)
    assert run.returncode == 1
    out = run.stdout
    assert "FAIL reader.cpp ncrisc g++" in out and "FAIL reader.cpp ncrisc zig-rv32" in out
    assert "is deprecated: Use <typename AddrGen> noc_async_read_page instead." in out
    assert "[-Werror=deprecated-declarations]" in out  # g++
    assert "[-Werror,-Wdeprecated-declarations]" in out  # clang


def test_deprecated_mm_init_fails(metal: Path, tmp_path: Path):
    plan = probe_plan("wormhole_b0")
    plan["kernels"] = [plan["kernels"][1]]
    artifact = write_artifact(tmp_path, {"compute.cpp": DEPRECATED_COMPUTE}, plan)
    run = run_cli(artifact, "--compiler", "g++")
    assert run.returncode == 1
    assert "FAIL compute.cpp compute-api g++" in run.stdout
    assert "Use compute_kernel_hw_startup<SrcOrder::Reverse>(in0, in1, out)" in run.stdout


# --------------------------------------------------------------------------- usage errors


def assert_usage_error(run: subprocess.CompletedProcess, *fragments: str) -> None:
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("tt-check-kernels: error: ")
    assert "Traceback" not in run.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_missing_plan(tmp_path: Path):
    (tmp_path / "reader.cpp").write_text(PROBE_READER)
    assert_usage_error(run_cli(tmp_path), "tt.plan.json", "no such file")


def test_missing_directory(tmp_path: Path):
    assert_usage_error(run_cli(tmp_path / "nope"), "no such directory")


def _with_plan(tmp_path: Path, plan) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name, text in (("reader.cpp", PROBE_READER), ("writer.cpp", PROBE_WRITER)):
        (tmp_path / name).write_text(text)
    (tmp_path / "compute.cpp").write_text(PROBE_COMPUTE_FPU)
    text = plan if isinstance(plan, str) else json.dumps(plan)
    (tmp_path / "tt.plan.json").write_text(text)
    return tmp_path


def _mutated(mutate) -> dict:
    plan = probe_plan("wormhole_b0")
    mutate(plan)
    return plan


BAD_PLANS = {
    "not json": ("{", "not valid JSON"),
    "not an object": ("[]", "not a JSON object"),
    "no kernels": (_mutated(lambda p: p.pop("kernels")), "'kernels'"),
    "no arch": (_mutated(lambda p: p.pop("arch")), "no 'arch'"),
    "unknown arch": (_mutated(lambda p: p.update(arch="grayskull")), "grayskull"),
    "missing file": (
        _mutated(lambda p: p["kernels"][0].update(file="nope.cpp")),
        "nope.cpp: no such kernel file",
    ),
    "no ct args": (
        _mutated(lambda p: p["kernels"][0].pop("compile_time_args")),
        "kernels[0]: has no 'compile_time_args'",
    ),
    "bad ct args": (
        _mutated(lambda p: p["kernels"][0].update(compile_time_args=[1, -2])),
        "kernels[0].compile_time_args",
    ),
    "bad processor": (
        _mutated(lambda p: p["kernels"][2].update(processor="riscv_2")),
        "kernels[2].processor",
    ),
    "reader on compute": (
        _mutated(lambda p: p["kernels"][0].update(processor="compute")),
        "a reader kernel cannot run on processor 'compute'",
    ),
    "bad named args": (
        _mutated(lambda p: p["kernels"][1].update(named_compile_time_args={"a b": 1})),
        "kernels[1].named_compile_time_args",
    ),
    "bad fidelity": (
        _mutated(lambda p: p["kernels"][1]["compute_config"].update(math_fidelity="hifi9")),
        "math_fidelity",
    ),
    "bad cb format": (
        _mutated(lambda p: p["cbs"][0].update(data_format="fp64")),
        "cbs[0].data_format",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PLANS))
def test_bad_plan(tmp_path: Path, case: str):
    plan, fragment = BAD_PLANS[case]
    assert_usage_error(run_cli(_with_plan(tmp_path, plan)), fragment)


def test_bad_option(tmp_path: Path):
    assert_usage_error(run_cli(tmp_path, "--arch", "grayskull"), "--arch")


def test_failed_download(tmp_path: Path):
    """An empty cache and a pip that finds no wheel: one line, exit status 2, no tree left."""
    artifact = _with_plan(tmp_path / "art", probe_plan("wormhole_b0"))
    empty = tmp_path / "no-wheels"
    empty.mkdir()
    env = dict(os.environ)
    env.update(
        TT_CACHE_DIR=str(tmp_path / "cache"),
        PIP_CONFIG_FILE=os.devnull,
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(empty),
        PIP_NO_CACHE_DIR="1",
    )
    env.pop("PIP_EXTRA_INDEX_URL", None)
    run = run_cli(artifact, env=env)
    assert_usage_error(run, "cannot download ttnn==0.74.0")
    assert list((tmp_path / "cache" / "metal").iterdir()) == []


def test_fetch_uses_a_wheel_in_the_cache_folder(tmp_path: Path, monkeypatch):
    """A wheel copied into `<cache>/metal/` is unpacked without a download."""
    monkeypatch.setenv("TT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache" / "metal").mkdir(parents=True)
    _fake_wheel(tmp_path / "cache" / "metal")

    def download(dest: Path, version: str) -> Path:
        raise AssertionError("downloaded although the cache folder has the wheel")

    monkeypatch.setattr(metal_wheel, "_download", download)
    root = metal_wheel.fetch(metal_wheel.TTNN_VERSION)
    assert (root / "ttnn/tt_metal/hw/inc/api/compile_time_args.h").is_file()


def test_fetch_refuses_a_release_we_do_not_target(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TT_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(metal_wheel.MetalFetchError, match=r"must be one of 0\.74\.0, 0\.81\.1; got '0\.80'"):
        metal_wheel.fetch("0.80")


# --------------------------------------------------------------------------- metal_wheel


def test_exported_symbols(metal: Path):
    symbols = metal_wheel.exported_symbols()
    assert isinstance(symbols, set)
    assert "tt::tt_metal::CreateProgram()" in symbols
    assert any(
        s.startswith("tt::tt_metal::distributed::MeshDevice::create_unit_mesh(") for s in symbols
    )


def test_tree_has_what_the_checker_needs(metal: Path):
    tm = metal / "ttnn" / "tt_metal"
    for rel in (
        "hw/inc/api/dataflow/dataflow_api.h",
        "hw/inc/api/tensor/tensor_accessor_args.h",
        "hw/firmware/src/tt-1xx/ncrisck.cc",
        "hw/firmware/src/tt-1xx/brisck.cc",
        "hw/firmware/src/tt-1xx/trisck.cc",
    ):
        assert (tm / rel).is_file(), rel
    assert (metal / BMM).is_file() and (metal / READER).is_file() and (metal / WRITER).is_file()
    assert (metal / "ttnn" / "build" / "lib" / "libtt_metal.so").is_file()
    assert not list(metal.rglob("pre-compiled"))


def _fake_wheel(directory: Path) -> Path:
    wheel = directory / f"ttnn-{metal_wheel.TTNN_VERSION}-cp312-cp312-manylinux_2_34_x86_64.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("ttnn/tt_metal/hw/inc/api/compile_time_args.h", "// fake\n")
        zf.writestr("ttnn/tt_metal/hw/firmware/pre-compiled/fw.elf", "skip me")
        zf.writestr("ttnn/ttnn/cpp/ttnn/operations/op/kernels/k.cpp", "// kernel\n")
        zf.writestr("ttnn/ttnn/cpp/ttnn/operations/op/notes.md", "not a source\n")
        zf.writestr("ttnn/_ttnn.so", "not wanted\n")
    return wheel


def test_fetch_is_atomic_and_idempotent(tmp_path: Path, monkeypatch):
    """Concurrent fetches agree on one tree; nothing half-written or temporary is left."""
    monkeypatch.setenv("TT_CACHE_DIR", str(tmp_path / "cache"))
    calls = []

    def download(dest: Path, version: str) -> Path:
        assert version == metal_wheel.TTNN_VERSION
        calls.append(dest)
        dest.mkdir(parents=True)
        return _fake_wheel(dest)

    monkeypatch.setattr(metal_wheel, "_download", download)
    barrier = threading.Barrier(3)
    roots: list[Path] = []

    def fetch():
        barrier.wait()
        roots.append(metal_wheel.fetch())

    threads = [threading.Thread(target=fetch) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(roots) == 3 and len(set(roots)) == 1
    root = roots[0]
    assert (root / "ttnn/tt_metal/hw/inc/api/compile_time_args.h").is_file()
    assert (root / "ttnn/ttnn/cpp/ttnn/operations/op/kernels/k.cpp").is_file()
    assert not (root / "ttnn/ttnn/cpp/ttnn/operations/op/notes.md").exists()
    assert not (root / "ttnn/_ttnn.so").exists()
    assert not list(root.rglob("pre-compiled"))
    assert [p.name for p in root.parent.iterdir()] == [root.name]
    before = len(calls)
    assert metal_wheel.fetch() == root
    assert len(calls) == before  # cached: no second download


def test_fetch_replaces_an_older_layout(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(
        metal_wheel, "_download", lambda dest, version: (dest.mkdir(parents=True), _fake_wheel(dest))[1]
    )
    old = metal_wheel.cache_dir() / f"ttnn-{metal_wheel.TTNN_VERSION}"
    (old / "leftover").mkdir(parents=True)
    (old / ".complete").write_text(f"ttnn=={metal_wheel.TTNN_VERSION} layout 0\n")
    root = metal_wheel.fetch()
    assert root == old
    assert not (root / "leftover").exists()
    assert (root / "ttnn/tt_metal/hw/inc/api/compile_time_args.h").is_file()
    assert [p.name for p in root.parent.iterdir()] == [root.name]


def test_fetch_failure_leaves_nothing(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TT_CACHE_DIR", str(tmp_path / "cache"))

    def download(dest: Path, version: str) -> Path:
        raise metal_wheel.MetalFetchError("no network")

    monkeypatch.setattr(metal_wheel, "_download", download)
    with pytest.raises(metal_wheel.MetalFetchError, match="no network"):
        metal_wheel.fetch()
    assert list((tmp_path / "cache" / "metal").iterdir()) == []


# --------------------------------------------------------------------------- unit level


def test_permissive_warning_in_kernel_is_an_error(tmp_path: Path):
    kernel = tmp_path / "k.cpp"
    kernel.write_text("")
    bad = "invalid conversion from 'const char*' to 'int' [-fpermissive]"
    output = "\n".join(
        [
            f"{kernel}:4:18: warning: {bad}",
            '    4 |     int x = "a";',
            (
                f"{kernel}:5:10: warning: cast from 'uint32_t*' to 'uint32_t' loses precision "
                "[-fpermissive]"
            ),
            "/hdr/x.h:1:1: warning: invalid conversion from 'void*' to 'int' [-fpermissive]",
        ]
    )
    lines = ck.error_lines(output, kernel.resolve())
    assert lines == [
        f"{kernel}:4:18: error: {bad}",
        '    4 |     int x = "a";',
    ]


def test_descriptors_follow_plan_and_arch(tmp_path: Path):
    (tmp_path / "compute.cpp").write_text("")
    plan = ck.Plan(
        arch="blackhole",
        kernels=(),
        cb_formats=((0, "f32"), (16, "bfp8_b")),
    )
    kernel = ck.KernelSpec(
        "compute.cpp",
        tmp_path / "compute.cpp",
        "compute",
        "compute",
        (),
        compute=ck.ComputeConfig(math_fidelity=2, fp32_dest_acc=True, dst_full_sync=True),
    )
    text = ck.descriptors_header(plan, kernel, ck.ARCHES["blackhole"])
    assert "unpack_src_format[64] = {0, 5, 5," in text
    assert "pack_tile_size[64] = {4096, 2048," in text and ", 1088, 2048," in text
    assert "static_cast<ckernel::MathFidelity>(2)" in text
    assert "constexpr bool DST_ACCUM_MODE = true;" in text
    assert "DstSync::SyncFull" in text
    wh = ck.descriptors_header(plan, kernel, ck.ARCHES["wormhole_b0"])
    assert "unpack_src_format[32]" in wh


def test_named_args_and_defines_flags(tmp_path: Path):
    kernel = ck.KernelSpec(
        "reader.cpp",
        tmp_path / "reader.cpp",
        "reader",
        "riscv_1",
        (2, 2048),
        named_compile_time_args=(("cb_in", 0), ("cb_out", 16)),
        defines=(("BACKWARDS", "1"),),
        noc=1,
    )
    flags = ck.defines_for(ck.Check(kernel, "ncrisc", "g++"), ck.ARCHES["wormhole_b0"])
    assert "-DKERNEL_COMPILE_TIME_ARGS=2,2048" in flags
    assert '-DKERNEL_COMPILE_TIME_ARG_MAP={"cb_in",0},{"cb_out",16}' in flags
    assert "-DBACKWARDS=1" in flags
    assert "-DCOMPILE_FOR_NCRISC" in flags and "-DNOC_INDEX=1" in flags
    assert "-DNUM_DRAM_BANKS=12" in flags and "-DIS_NOT_POW2_NUM_DRAM_BANKS=1" in flags
    bh = ck.defines_for(ck.Check(kernel, "ncrisc", "g++"), ck.ARCHES["blackhole"])
    assert "-DARCH_BLACKHOLE" in bh and "-DLOG_BASE_2_OF_NUM_DRAM_BANKS=3" in bh
