"""Modeled time in the emulator (issue 14, items 1 and 2): tiny hand-written programs whose
cycles follow from the cost table (docs/perf_model.md) by hand, and the determinism of modeled
time on a real compiled gemm.

The host program is emu/tests/perf/perf_host.cpp: a bf16 input buffer of 12 tiles (tile i in
DRAM bank i), an output buffer, CBs 0 and 16 of two 2048-B pages on each listed core, and the
kernels the test writes. Wormhole costs used below (cycles):

- CB call 4; NOC issue 8; barrier 2; tile_regs_* 2; copy_tile 8; pack_tile 16;
- read latency 70 + 10 x 10 hops = 170; write latency 40 + 10 x 10 = 140;
- a 2048-B read from DRAM flows at min(link 30, bank inject 23.2, NIU 28.1) = 23.2 B/cycle:
  ceil(2048 / 23.2) = 89 cycles, and keeps the bank busy for the same 89;
- a 2048-B write to DRAM flows at min(30, NIU 28.1, bank absorb 24.0) = 24.0: ceil(2048 / 24) = 86.
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
