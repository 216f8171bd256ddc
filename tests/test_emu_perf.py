"""Modeled time in the emulator (issue 14, items 1 and 2): tiny hand-written programs whose
cycles follow from the cost table (docs/perf_model.md) by hand, and the determinism of modeled
time on a real compiled gemm.

The host program is emu/tests/perf/perf_host.cpp: a bf16 input buffer of 12 tiles (tile i in
DRAM bank i), an output buffer, CBs 0 and 16 of two 2048-B pages on each listed core, and the
kernels the test writes. Wormhole costs used below (cycles):

- CB call 4; NOC issue 8; barrier 2; tile_regs_* 2; copy_tile 8; pack_tile 16;
- read latency 70 + 10 x 10 hops = 170; write latency 40 + 10 x 10 = 140;
- a 2048-B read from DRAM flows at min(link 30, bank sending 23.2, NIU 28.1) = 23.2 B/cycle:
  ceil(2048 / 23.2) = 89 cycles, and keeps the bank busy for the same 89;
- a 2048-B write to DRAM flows at min(30, NIU 28.1, bank receiving 24.0) = 24.0:
  ceil(2048 / 24) = 86, and keeps the bank busy 86. A bank is one resource for its reads and
  writes (one GDDR channel): the two never overlap on it.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

from artifacts import compile_artifacts
from tt_dialect.emu import round_bf16, run
from tt_dialect.emu.build import cache_dir, cxx, emu_root, include_dir, runtime_library
from tt_dialect.samples import gemm_program

HOST = emu_root() / "tests" / "perf" / "perf_host.cpp"

READER = """#include <cstdint>
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
  const uint32_t in = get_arg_val<uint32_t>(0);
  const uint32_t page = PAGE;
  const InterleavedAddrGen<true> tiles{in, 2048};
  cb_reserve_back(0, 1);
  noc_async_read(tiles.get_noc_addr(page), get_write_ptr(0), 2048);
  noc_async_read_barrier();
  cb_push_back(0, 1);
}
"""

COMPUTE = """#include <cstdint>
#include "api/compute/cb_api.h"
#include "api/compute/common.h"
#include "api/compute/compute_kernel_hw_startup.h"
#include "api/compute/pack.h"
#include "api/compute/reg_api.h"
#include "api/compute/tile_move_copy.h"

void kernel_main() {
  compute_kernel_hw_startup(0, 16);
  copy_tile_init(0);
  cb_wait_front(0, 1);
  tile_regs_acquire();
  copy_tile(0, 0, 0);
  tile_regs_commit();
  cb_reserve_back(16, 1);
  tile_regs_wait();
  pack_tile(0, 16);
  tile_regs_release();
  cb_push_back(16, 1);
  cb_pop_front(0, 1);
}
"""

WRITER = """#include <cstdint>
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
  const uint32_t out = get_arg_val<uint32_t>(1);
  const InterleavedAddrGen<true> tiles{out, 2048};
  cb_wait_front(16, 1);
  noc_async_write(get_read_ptr(16), tiles.get_noc_addr(0), 2048);
  noc_async_write_barrier();
  cb_pop_front(16, 1);
}
"""


MATMUL = COMPUTE.replace('#include "api/compute/tile_move_copy.h"', '#include "api/compute/matmul.h"').replace(
    "copy_tile_init(0);", "mm_init(0, 0, 16);"
).replace("copy_tile(0, 0, 0);", "matmul_tiles(0, 0, 0, 0, 0);")


def host() -> Path:
    """perf_host.cpp built against the emulated host API, cached by its source and the runtime."""
    runtime = runtime_library()
    digest = hashlib.sha256(runtime.parent.name.encode() + HOST.read_bytes()).hexdigest()[:20]
    exe = cache_dir() / "perf" / digest / "perf_host"
    if not exe.exists():
        exe.parent.mkdir(parents=True, exist_ok=True)
        tmp = exe.with_suffix(f".{os.getpid()}.tmp")
        proc = subprocess.run(
            [
                cxx(), "-std=c++20", "-O2", f"-I{include_dir()}", str(HOST), "-o", str(tmp),
                f"-L{runtime.parent}", "-lttemu", f"-Wl,-rpath,{runtime.parent}", "-pthread",
            ],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        os.replace(tmp, exe)
    return exe


def run_kernels(tmp_path: Path, kernels: dict[str, str], cores: list[str]) -> dict:
    """Runs the kernels (file name -> source) on `cores` ("x,y"); returns the counters."""
    kdir = tmp_path / "kernels"
    kdir.mkdir()
    for name, source in kernels.items():
        (kdir / name).write_text(source)
    stats = tmp_path / "stats.json"
    env = dict(
        os.environ,
        TT_EMU_ARCH="wormhole_b0",
        TT_EMU_STATS=str(stats),
        TT_EMU_TIMEOUT="60",
        TT_EMU_CACHE=str(cache_dir()),
        TT_EMU_INCLUDE=str(include_dir()),
    )
    proc = subprocess.run(
        [str(host()), str(kdir), *cores], capture_output=True, text=True, timeout=300, env=env
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(stats.read_text())


def cycles(stats: dict) -> dict[tuple[str, tuple[int, int]], int]:
    """Each kernel's final clock, by (kernel file, core)."""
    return {(k["kernel"], tuple(k["core"])): k["cycles"] for k in stats["kernels"]}


def test_one_read(tmp_path: Path) -> None:
    """reserve 4 -> the read is issued at 4, completes at 4 + 89 + 170 = 263, the issue takes 8
    (clock 12) -> the barrier waits until 263, +2 = 265 -> push +4 = 269."""
    s = run_kernels(tmp_path, {"reader.cpp": READER.replace("PAGE", "0")}, ["0,0"])
    assert cycles(s) == {("reader.cpp", (0, 0)): 269}
    assert s["modeled_cycles"] == 269
    assert s["clock_ghz"] == 1 and s["modeled_us"] == pytest.approx(0.269)
    assert s["cores"][0]["cycles"] == 269 and s["cores"][0]["us"] == pytest.approx(0.269)


def test_chain_of_cb_hand_offs(tmp_path: Path) -> None:
    """reader -> CB 0 -> compute (copy_tile, pack_tile) -> CB 16 -> writer, one tile.

    reader: pushes at 269 (test_one_read).
    compute: cb_wait_front max(0, 269) + 4 = 273; acquire 275; copy_tile 283; commit 285;
    cb_reserve_back 289; tile_regs_wait 291; pack_tile 307; release 309; cb_push_back 313;
    cb_pop_front 317.
    writer: cb_wait_front max(0, 313) + 4 = 317; write issued at 317 completes at
    317 + 86 + 140 = 543 (clock 325); barrier 545; pop 549.
    """
    kernels = {
        "reader.cpp": READER.replace("PAGE", "0"),
        "compute.cpp": COMPUTE,
        "writer.cpp": WRITER,
    }
    s = run_kernels(tmp_path, kernels, ["0,0"])
    assert cycles(s) == {
        ("reader.cpp", (0, 0)): 269,
        ("compute.cpp", (0, 0)): 317,
        ("writer.cpp", (0, 0)): 549,
    }
    assert s["modeled_cycles"] == 549 and s["cores"][0]["cycles"] == 549


def test_derived_counters_of_one_read(tmp_path: Path) -> None:
    """The one-read program (269 cycles): bank 0 sends 2048 B (busy 89), core (0, 0)'s NIU absorbs
    them (ceil(2048 / 28.1) = 73). The busiest resource is the bank, 89 / 269 busy. 2048 DRAM bytes
    in 269 ns: 7.613 GB/s; no matmul: 0 TFLOP/s. Roofline: the host wrote the 12-tile input
    (24576 B) and read nothing back: 24576 / 288 B/cycle = 85.33 cycles, DRAM-bound, 31.72 %."""
    s = run_kernels(tmp_path, {"reader.cpp": READER.replace("PAGE", "0")}, ["0,0"])
    assert s["busiest_resource"] == {
        "resource": "DRAM bank 0",
        "busy_cycles": 89,
        "utilization": pytest.approx(89 / 269),
    }
    assert [(r["resource"], r["busy_cycles"]) for r in s["resources"]] == [
        ("DRAM bank 0", 89),
        ("NIU absorb of core (0, 0)", 73),
    ]
    assert s["dram_bytes"] == 2048 and s["dram_gb_per_s"] == pytest.approx(2048 / 269)
    assert s["matmul_flops"] == 0 and s["tflop_per_s"] == 0
    r = s["roofline"]
    assert (r["host_bytes_written"], r["host_bytes_read"], r["peak_dram_bytes_per_cycle"]) == (24576, 0, 288)
    assert r["peak_dram_gb_per_s"] == 288
    assert r["dram_cycles"] == pytest.approx(24576 / 288) and r["compute_cycles"] == 0 and r["math_cores"] == 0
    assert r["cycles"] == pytest.approx(24576 / 288) and r["bound"] == "dram"
    assert r["percent"] == pytest.approx(100 * 24576 / 288 / 269)
    assert s["cores"][0]["fpu_busy_cycles"] == 0


def test_derived_counters_of_one_matmul_tile(tmp_path: Path) -> None:
    """The chain of test_chain_of_cb_hand_offs with matmul_tiles (HiFi4, the ComputeConfig
    default: 16 x 4 = 64 cycles) instead of copy_tile.

    compute: wait 273; acquire 275; matmul 339; commit 341; reserve 345; tile_regs_wait 347;
    pack 363; release 365; push 369; pop 373. writer: wait 373; write issued at 373 completes at
    373 + 86 + 140 = 599 (clock 381); barrier 601; pop 605.
    FPU of core (0, 0) busy 64; bank 0 (one resource for its reads and writes) 89 for the read,
    [4, 93), + 86 for the write, [373, 459): 175 (busiest, 175 / 605); NIU inject / absorb 73.
    The read and the write are far apart, so sharing the bank changes no clock.
    DRAM: 4096 B in 605 ns. FLOPs: 2 x 1 tile x 32^3 = 65536 in 605 ns. Roofline: compute floor
    64 cycles on 1 core, DRAM 24576 / 288 = 85.33: DRAM-bound, 85.33 / 605."""
    kernels = {"reader.cpp": READER.replace("PAGE", "0"), "compute.cpp": MATMUL, "writer.cpp": WRITER}
    s = run_kernels(tmp_path, kernels, ["0,0"])
    assert cycles(s) == {
        ("reader.cpp", (0, 0)): 269,
        ("compute.cpp", (0, 0)): 373,
        ("writer.cpp", (0, 0)): 605,
    }
    assert s["modeled_cycles"] == 605 and s["tiles"]["matmul"] == 1
    assert [(r["resource"], r["busy_cycles"]) for r in s["resources"]] == [
        ("FPU of core (0, 0)", 64),
        ("DRAM bank 0", 89 + 86),
        ("NIU inject of core (0, 0)", 73),
        ("NIU absorb of core (0, 0)", 73),
    ]
    assert s["busiest_resource"]["resource"] == "DRAM bank 0"
    assert s["busiest_resource"]["utilization"] == pytest.approx(175 / 605)
    assert s["cores"][0]["fpu_busy_cycles"] == 64
    assert s["dram_bytes"] == 4096 and s["dram_gb_per_s"] == pytest.approx(4096 / 605)
    assert s["matmul_flops"] == 65536
    assert s["tflop_per_s"] == pytest.approx(65536 / 605e-9 / 1e12)
    r = s["roofline"]
    assert (r["matmul_cycles"], r["math_cores"], r["compute_cycles"]) == (64, 1, 64)
    assert r["cycles"] == pytest.approx(24576 / 288) and r["bound"] == "dram"
    assert r["percent"] == pytest.approx(100 * 24576 / 288 / 605)


def assert_derived_counters_consistent(s: dict) -> None:
    """The derived counters of a run follow from its own numbers (docs/perf_model.md)."""
    seconds = s["modeled_cycles"] / (s["clock_ghz"] * 1e9)
    busiest = s["busiest_resource"]
    assert busiest["busy_cycles"] == max(r["busy_cycles"] for r in s["resources"])
    assert 0 < busiest["utilization"] <= 1
    assert all(0 < r["utilization"] <= 1 for r in s["resources"])
    assert busiest["utilization"] == pytest.approx(busiest["busy_cycles"] / s["modeled_cycles"])
    assert s["dram_bytes"] == s["noc"]["dram_bytes_read"] + s["noc"]["dram_bytes_written"]
    assert s["dram_gb_per_s"] == pytest.approx(s["dram_bytes"] / seconds / 1e9)
    assert s["matmul_flops"] == 2 * s["tiles"]["matmul"] * 32**3 > 0
    assert s["tflop_per_s"] == pytest.approx(s["matmul_flops"] / seconds / 1e12)
    r = s["roofline"]
    assert r["math_cores"] == sum(1 for c in s["cores"] if c["tiles"]["matmul"] > 0)
    assert r["compute_cycles"] == pytest.approx(r["matmul_cycles"] / r["math_cores"])
    assert r["dram_cycles"] == pytest.approx(
        (r["host_bytes_written"] + r["host_bytes_read"]) / r["peak_dram_bytes_per_cycle"]
    )
    assert r["cycles"] == pytest.approx(max(r["compute_cycles"], r["dram_cycles"]))
    assert 0 < r["percent"] <= 100
    assert r["percent"] == pytest.approx(100 * r["cycles"] / s["modeled_cycles"])


@pytest.mark.parametrize(
    "page, second",
    [
        # One bank: core (1, 0)'s read waits until bank 0 has sent core (0, 0)'s tile
        # (4 + 89 = 93): it completes at 93 + 89 + 170 = 352, barrier 354, push 358.
        ("0", 358),
        # Banks 0 and 1: no contention, both as test_one_read.
        ("get_arg_val<uint32_t>(2)", 269),
    ],
    ids=["same-bank", "different-banks"],
)
def test_two_cores_contend_for_one_dram_bank(page: str, second: int, tmp_path: Path) -> None:
    """Both readers request at cycle 4; ties go to the core first in (row, column) order."""
    s = run_kernels(tmp_path, {"reader.cpp": READER.replace("PAGE", page)}, ["0,0", "1,0"])
    assert cycles(s) == {("reader.cpp", (0, 0)): 269, ("reader.cpp", (1, 0)): second}
    assert s["modeled_cycles"] == second


def test_modeled_time_is_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A compiled 256x256x256 bf16 gemm on a 2x2 grid: 2 x 2 blocks per core, each reader
    contending for the 12 DRAM banks with three others. Repeated runs, also with the OS threads
    started in the opposite order, give the same cycles for every kernel; outputs unchanged."""
    source = gemm_program(256, 256, 256, 64, 64, 32, "bf16", False)
    d = compile_artifacts(source, "tt-pipeline{grid=2x2}", tmp_path / "g")
    rng = np.random.default_rng(0)
    ins = {
        name: round_bf16(rng.standard_normal((256, 256)).astype(np.float32))
        for name in ("tensor0", "tensor1")
    }
    runs = []
    for start in ("", "", "reverse", "reverse"):
        monkeypatch.setenv("TT_EMU_THREAD_START", start)
        out = run(d, ins, stats=True)
        runs.append((out["tensor2"], out.stats))
    first_c, first = runs[0]
    assert first["modeled_cycles"] > 0 and len(first["kernels"]) == 12
    for c, s in runs[1:]:
        np.testing.assert_array_equal(c, first_c)
        assert s["kernels"] == first["kernels"]
        assert s["modeled_cycles"] == first["modeled_cycles"]
        assert [x["cycles"] for x in s["cores"]] == [x["cycles"] for x in first["cores"]]
        for key in ("busiest_resource", "resources", "dram_gb_per_s", "tflop_per_s", "roofline"):
            assert s[key] == first[key]
    # The derived counters (sanity): 2 bf16 inputs written, the output read back, 512 tiles.
    assert_derived_counters_consistent(first)
    assert first["roofline"]["host_bytes_written"] == 2 * 256 * 256 * 2
    assert first["roofline"]["host_bytes_read"] == 256 * 256 * 2
    assert first["tiles"]["matmul"] == 8 * 8 * 8 and first["roofline"]["math_cores"] == 4


# ------------------------------------------------------------------ multicast and semaphores
#
# Sender core (0, 0), receivers (1, 0) .. (4, 0): a 1x4 rectangle. Semaphores 0 and 1 exist on
# every core (perf_host.cpp), starting at 0. Extra Wormhole costs (docs/perf_model.md):
# semaphore set / local change / wait 2 (after any wait); a multicast of b bytes is one
# injection at the sender's NIU and one absorption at each receiver's NIU, flowing at
# min(rate(b), NIU 28.1) and landing write latency 140 after the flow.

MCAST_WRITER = """#include <cstdint>
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
  const uint32_t i = get_arg_val<uint32_t>(2);
  const uint32_t sem = get_semaphore(0);
  volatile tt_l1_ptr uint32_t* sem_ptr = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(sem);
  cb_reserve_back(0, 1);
  const uint32_t page = get_write_ptr(0);
  if (i == 0) {
    for (uint32_t w = 0; w < 512; ++w) {
      reinterpret_cast<volatile uint32_t*>(page)[w] = 0xC0DE0000u + w;
    }
    noc_async_write_multicast(page, get_noc_multicast_addr(X0, 0, X1, 0, page), 2048, NUM_DESTS);
    noc_async_write_barrier();
    noc_semaphore_set(sem_ptr, 1);
    noc_semaphore_set_multicast(sem, get_noc_multicast_addr(X0, 0, X1, 0, sem), NUM_DESTS);
    noc_async_write_barrier();
  } else {
    noc_semaphore_wait(sem_ptr, 1);
    for (uint32_t w = 0; w < 512; ++w) {
      ASSERT(reinterpret_cast<volatile uint32_t*>(page)[w] == 0xC0DE0000u + w);
    }
    cb_push_back(0, 1);
  }
}
"""

MCAST_CORES = ["0,0", "1,0", "2,0", "3,0", "4,0"]


def mcast_writer(x0: int = 1, x1: int = 4, num_dests: int = 4) -> str:
    return (
        MCAST_WRITER.replace("X0", str(x0))
        .replace("X1", str(x1))
        .replace("NUM_DESTS", str(num_dests))
    )


def run_kernels_fault(tmp_path: Path, kernels: dict[str, str], cores: list[str]) -> str:
    """Runs a program that must fail; returns the host program's error output."""
    kdir = tmp_path / "kernels"
    kdir.mkdir()
    for name, source in kernels.items():
        (kdir / name).write_text(source)
    env = dict(
        os.environ,
        TT_EMU_ARCH="wormhole_b0",
        TT_EMU_TIMEOUT="60",
        TT_EMU_CACHE=str(cache_dir()),
        TT_EMU_INCLUDE=str(include_dir()),
    )
    proc = subprocess.run(
        [str(host()), str(kdir), *cores], capture_output=True, text=True, timeout=300, env=env
    )
    assert proc.returncode == 1, proc.stderr
    return proc.stderr


def test_multicast_of_one_page_to_1x4(tmp_path: Path) -> None:
    """Sender (0, 0), on NOC 0 (RISCV_0):
    cb_reserve_back 4; the 2048-B multicast is requested at 4, every NIU free: it flows at
    min(rate(2048) 30, NIU 28.1) = 28.1 B/cycle, ceil(2048 / 28.1) = 73 cycles, and lands at
    4 + 73 + 140 = 217 (clock 4 + 8 = 12); write barrier max(12, 217) + 2 = 219;
    noc_semaphore_set 221; the 4-B semaphore multicast is requested at 221 (the sender's NIU
    was free at 4 + 73 = 77, the receivers' too): rate(4 B) = 5.5 x 4 / 128 = 0.17, in tenths
    rounded down 0.1 B/cycle, so ceil(4 / 0.1) = 40 cycles: it lands at 221 + 40 + 140 = 401
    (clock 229); write barrier 401 + 2 = 403.
    Receivers: cb_reserve_back 4; noc_semaphore_wait blocks until the semaphore lands, 401,
    + 2 = 403; cb_push_back 407.
    NIUs: the sender's injects 2048 B (ceil(2048 / 28.1) = 73) and 4 B (ceil(4 / 28.1) = 1),
    busy 74; each receiver's absorbs the same, 74."""
    s = run_kernels(tmp_path, {"writer.cpp": mcast_writer()}, MCAST_CORES)
    expected = {("writer.cpp", (0, 0)): 403}
    expected.update({("writer.cpp", (x, 0)): 407 for x in range(1, 5)})
    assert cycles(s) == expected
    assert s["modeled_cycles"] == 407
    assert s["noc"]["mcast_writes"] == 2 and s["noc"]["mcast_bytes"] == 2052
    assert s["noc"]["semaphore_incs"] == 0
    by_core = {tuple(c["core"]): c for c in s["cores"]}
    assert by_core[(0, 0)]["noc_mcast_writes"] == 2 and by_core[(0, 0)]["noc_mcast_bytes"] == 2052
    assert all(by_core[(x, 0)]["noc_mcast_writes"] == 0 for x in range(1, 5))
    busy = {r["resource"]: r["busy_cycles"] for r in s["resources"]}
    assert busy["NIU inject of core (0, 0)"] == 74
    assert all(busy[f"NIU absorb of core ({x}, 0)"] == 74 for x in range(1, 5))
    assert "NIU absorb of core (0, 0)" not in busy


# The production matmul's protocol (reader_bmm_tile_layout_in0_sender/receiver), object style,
# on NOC 1 (RISCV_1): its rectangle is given end first (tt-metal's program factories swap start
# and end for NOC 1). For each of BLOCKS blocks: each receiver reserves its CB page, sets its
# receiver semaphore INVALID and increments the sender's semaphore 0; the sender waits for
# all four, resets it, multicasts the block and then its VALID receiver semaphore 1.
HANDSHAKE_READER = """#include <cstdint>
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/noc.h"
#include "api/dataflow/noc_semaphore.h"
#include "api/dataflow/endpoints.h"
#include "api/core_local_mem.h"
#include "hostdevcommon/common_values.hpp"

constexpr uint32_t BLOCKS = 3;

void kernel_main() {
  const uint32_t i = get_arg_val<uint32_t>(2);
  Noc noc;
  CircularBuffer cb(0);
  Semaphore<> sender_sem(0);
  Semaphore<> receiver_sem(1);
  if (i == 0) {
    receiver_sem.set(VALID);
    for (uint32_t b = 0; b < BLOCKS; ++b) {
      cb.reserve_back(1);
      const uint32_t page = cb.get_write_ptr();
      for (uint32_t w = 0; w < 512; ++w) {
        reinterpret_cast<volatile uint32_t*>(page)[w] = b * 1000 + w;
      }
      sender_sem.wait(SIGNALS);
      sender_sem.set(0);
      MulticastEndpoint dst;
      noc.async_write_multicast(CoreLocalMem<uint32_t>(page), dst, 2048, 4, {},
                                {.noc_x_start = 4, .noc_y_start = 0, .noc_x_end = 1,
                                 .noc_y_end = 0, .addr = page});
      receiver_sem.set_multicast(noc, 4, 0, 1, 0, 4);
      cb.push_back(1);
      cb.wait_front(1);
      noc.async_write_barrier();
      cb.pop_front(1);
    }
  } else {
    for (uint32_t b = 0; b < BLOCKS; ++b) {
      cb.reserve_back(1);
      receiver_sem.set(INVALID);
      SIGNAL
      receiver_sem.wait(VALID);
      const uint32_t page = cb.get_write_ptr();
      for (uint32_t w = 0; w < 512; ++w) {
        ASSERT(reinterpret_cast<volatile uint32_t*>(page)[w] == b * 1000 + w);
      }
      cb.push_back(1);
      cb.wait_front(1);
      cb.pop_front(1);
    }
  }
}
"""


def handshake(signals: int = 4, signal: str = "sender_sem.up(noc, 0, 0, 1);") -> str:
    return HANDSHAKE_READER.replace("SIGNALS", str(signals)).replace("SIGNAL\n", signal + "\n")


def test_semaphore_handshake_moves_the_data(tmp_path: Path) -> None:
    """Three blocks through the handshake: every receiver checks every word it got (ASSERT is
    checked); 4 receivers x 3 blocks = 12 semaphore increments, 3 x 2 multicasts from the sender
    (3 x (2048 + 4) bytes). The receivers end after the sender's last VALID lands."""
    s = run_kernels(tmp_path, {"reader.cpp": handshake()}, MCAST_CORES)
    assert s["noc"]["semaphore_incs"] == 12
    assert s["noc"]["mcast_writes"] == 6 and s["noc"]["mcast_bytes"] == 3 * 2052
    by_core = {tuple(c["core"]): c for c in s["cores"]}
    assert all(by_core[(x, 0)]["semaphore_incs"] == 3 for x in range(1, 5))
    assert by_core[(0, 0)]["semaphore_incs"] == 0
    c = cycles(s)
    assert all(c[("reader.cpp", (x, 0))] > c[("reader.cpp", (0, 0))] - 200 for x in range(1, 5))


def test_semaphore_handshake_is_deterministic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same cycles for every kernel over repeated runs, also with the threads started in
    reverse order."""
    runs = []
    for n, start in enumerate(("", "", "reverse", "reverse")):
        monkeypatch.setenv("TT_EMU_THREAD_START", start)
        d = tmp_path / str(n)
        d.mkdir()
        runs.append(run_kernels(d, {"reader.cpp": handshake()}, MCAST_CORES))
    for s in runs[1:]:
        assert s["kernels"] == runs[0]["kernels"]
        assert s["modeled_cycles"] == runs[0]["modeled_cycles"]
        assert s["resources"] == runs[0]["resources"]


def test_receiver_that_never_signals_is_a_deadlock(tmp_path: Path) -> None:
    """The receivers never increment the sender's semaphore: the sender waits forever for 4."""
    err = run_kernels_fault(tmp_path, {"reader.cpp": handshake(signal="")}, MCAST_CORES)
    assert "deadlock" in err
    assert (
        "reader.cpp (RISCV_1) on core (0, 0) waits in noc_semaphore_wait(semaphore 0 (L1 0x" in err
    )
    assert "semaphore 0" in err and "of core (0, 0) holds 0, waiting for exactly 4" in err
    assert "on core (1, 0) waits in noc_semaphore_wait(semaphore 1 (L1 0x" in err


@pytest.mark.parametrize(
    "x0, x1, num_dests, message",
    [
        (
            1,
            8,
            7,
            "noc_async_write_multicast: rectangle (1, 0) .. (8, 0) on NOC 0 leaves the worker grid"
            " (8x10",
        ),
        (4, 1, 4, "noc_async_write_multicast: rectangle (4, 0) .. (1, 0) on NOC 0 is inverted"),
        (
            1,
            4,
            3,
            "noc_async_write_multicast: num_dests is 3 but the rectangle (1, 0) .. (4, 0) on NOC 0"
            " has 4 destinations",
        ),
        (
            0,
            4,
            5,
            "num_dests is 5 but the rectangle (0, 0) .. (4, 0) on NOC 0 has 4 destinations"
            " (5 cores, less the sender",
        ),
    ],
    ids=["outside-grid", "inverted", "num-dests", "num-dests-with-sender-inside"],
)
def test_multicast_faults(x0: int, x1: int, num_dests: int, message: str, tmp_path: Path) -> None:
    err = run_kernels_fault(tmp_path, {"writer.cpp": mcast_writer(x0, x1, num_dests)}, MCAST_CORES)
    assert "kernel writer.cpp (RISCV_0) on core (0, 0)" in err
    assert message in err


def test_multicast_past_the_end_of_l1_is_a_fault(tmp_path: Path) -> None:
    """2048 B multicast to the address of semaphore 0, in the last 256 B of L1."""
    source = mcast_writer().replace(
        "get_noc_multicast_addr(1, 0, 4, 0, page), 2048",
        "get_noc_multicast_addr(1, 0, 4, 0, sem), 2048",
    )
    err = run_kernels_fault(tmp_path, {"writer.cpp": source}, MCAST_CORES)
    assert (
        "kernel writer.cpp (RISCV_0) on core (0, 0): noc_async_write_multicast: destination"
        " range [0x" in err
    )
    assert "(L1 offsets) is outside the L1 of core (1, 0) (1499136 B)" in err


def test_semaphore_id_not_created_is_a_fault(tmp_path: Path) -> None:
    source = mcast_writer().replace("get_semaphore(0)", "get_semaphore(5)")
    err = run_kernels_fault(tmp_path, {"writer.cpp": source}, ["0,0"])
    assert (
        "kernel writer.cpp (RISCV_0) on core (0, 0): get_semaphore(5): core (0, 0) has no"
        " semaphore 5" in err
    )
    assert "(CreateSemaphore made ids 0, 1 on it)" in err


def test_loopback_multicast_counts_the_sender(tmp_path: Path) -> None:
    """noc_async_write_multicast_loopback_src / noc_semaphore_set_multicast_loopback_src over
    (0, 0) .. (4, 0): the sender is written too, num_dests = 5 (the receivers' checks pass)."""
    source = (
        mcast_writer(0, 4, 5)
        .replace("noc_async_write_multicast(", "noc_async_write_multicast_loopback_src(")
        .replace("noc_semaphore_set_multicast(", "noc_semaphore_set_multicast_loopback_src(")
    )
    s = run_kernels(tmp_path, {"writer.cpp": source}, MCAST_CORES)
    assert s["noc"]["mcast_writes"] == 2
    busy = {r["resource"]: r["busy_cycles"] for r in s["resources"]}
    assert busy["NIU absorb of core (0, 0)"] == 74  # the sender absorbs its own copy
    (tmp_path / "f").mkdir()
    bad = source.replace(", 5)", ", 4)")
    err = run_kernels_fault(tmp_path / "f", {"writer.cpp": bad}, MCAST_CORES)
    assert "num_dests is 4 but the rectangle (0, 0) .. (4, 0) on NOC 0 has 5 destinations" in err


INC_MCAST_WRITER = """#include <cstdint>
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/noc.h"
#include "api/dataflow/noc_semaphore.h"

void kernel_main() {
  const uint32_t i = get_arg_val<uint32_t>(2);
  Noc noc;
  Semaphore<> sem(1);
  if (i == 0) {
    sem.inc_multicast(noc, 1, 0, 4, 0, 3, 4);
    sem.inc_multicast(noc, 1, 0, 4, 0, 3, 4);
    noc_async_atomic_barrier();
  } else {
    sem.wait_min(6);
    ASSERT(*reinterpret_cast<volatile uint32_t*>(get_semaphore(1)) == 6);
  }
}
"""


def test_semaphore_increment_multicast(tmp_path: Path) -> None:
    """Semaphore::inc_multicast (noc_semaphore_inc_multicast) twice by 3 to (1, 0) .. (4, 0).
    Sender: each is a 4-B multicast issued at 0 and 8: the first flows 0 .. 40 and lands at 180;
    the second waits for the NIUs (busy ceil(4 / 28.1) = 1 cycle: free at 1), starts at 8, lands
    at 8 + 40 + 140 = 188; clock 16; noc_async_atomic_barrier 188 + 2 = 190. Receivers: woken
    when the value reaches 6 (landed 188), + 2 = 190."""
    s = run_kernels(tmp_path, {"writer.cpp": INC_MCAST_WRITER}, MCAST_CORES)
    expected = {("writer.cpp", (x, 0)): 190 for x in range(5)}
    assert cycles(s) == expected
    assert s["noc"]["semaphore_incs"] == 8 and s["noc"]["mcast_writes"] == 2


SET_REMOTE_WRITER = """#include <cstdint>
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
  const uint32_t i = get_arg_val<uint32_t>(2);
  const uint32_t sem = get_semaphore(1);
  volatile tt_l1_ptr uint32_t* ptr = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(sem);
  if (i == 0) {
    noc_semaphore_set(ptr, 7);
    noc_semaphore_set_remote(sem, get_noc_addr(1, 0, sem));
    noc_async_write_barrier();
  } else {
    noc_semaphore_wait(ptr, 7);
  }
}
"""


def test_semaphore_set_remote(tmp_path: Path) -> None:
    """noc_semaphore_set_remote: a 4-B NOC write of the local value into (1, 0)'s semaphore.
    Sender: set 2; the write is issued at 2, flows 40 cycles, lands at 2 + 40 + 140 = 182
    (clock 10); barrier 184. Receiver: woken at 182, + 2 = 184."""
    s = run_kernels(tmp_path, {"writer.cpp": SET_REMOTE_WRITER}, ["0,0", "1,0"])
    assert cycles(s) == {("writer.cpp", (0, 0)): 184, ("writer.cpp", (1, 0)): 184}
    assert s["noc"]["write_transactions"] == 1 and s["noc"]["write_bytes"] == 4
