"""The emulator finds faults and never hangs: hand-made faulty kernels, each reported as one
clear message naming the kernel and the core (and, for a deadlock, the CB each blocked kernel
waits on with its page counts), with a non-zero exit.

Each case copies a generated artifact directory (a 64x64x64 bf16 gemm on one core, its K loop
coarsened to one step of two K tiles: reader.cpp reads the four A tiles and four B tiles into CBs 0
and 1 (eight pages each) under one read barrier, compute.cpp accumulates the four output tiles in
DST with two matmul_block calls, writer.cpp writes four C tiles from CB 16) and edits one line of
one kernel.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from artifacts import compile_artifacts
from tt_dialect.emu import EmuError, run
from tt_dialect.tools.environment import find_tool

GEMM = """func.func @gemm(%A: memref<64x64xbf16>, %B: memref<64x64xbf16>, %C: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c32 = arith.constant 32 : index
    %c64 = arith.constant 64 : index
    %row = arith.muli %by, %c64 : index
    %col = arith.muli %bx, %c64 : index
    %a = tt.alloc_shared : memref<64x32xbf16>
    %b = tt.alloc_shared : memref<32x64xbf16>
    %c = tt.alloc_fragment : memref<64x64xf32>
    tt.clear %c : memref<64x64xf32>
    scf.for %k = %c0 to %c2 step %c1 {
      %kk = arith.muli %k, %c32 : index
      tt.copy %A[%row, %kk] to %a : memref<64x64xbf16> to memref<64x32xbf16>
      tt.copy %B[%kk, %col] to %b : memref<64x64xbf16> to memref<32x64xbf16>
      tt.gemm %a, %b, %c : memref<64x32xbf16>, memref<32x64xbf16>, memref<64x64xf32>
    }
    tt.copy %c to %C[%row, %col] : memref<64x64xf32> to memref<64x64xbf16>
  }
  func.return
}
"""

INPUTS = {"tensor0": np.ones((64, 64), np.float32), "tensor1": np.ones((64, 64), np.float32)}


@pytest.fixture(scope="module")
def gemm_dir(tmp_path_factory) -> Path:
    tt_opt = find_tool("tt-opt")
    assert tt_opt is not None, "tt-opt is not installed"
    base = tmp_path_factory.mktemp("faults")
    (base / "gemm.mlir").write_text(GEMM)
    out = base / "gemm"
    proc = subprocess.run(
        [
            tt_opt,
            str(base / "gemm.mlir"),
            "-p",
            "tt-pipeline{grid=1x1}",
            "-t",
            f'tt-cpp{{output-dir="{out}"}}',
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    # The unedited program is correct: C = A @ B = 64 everywhere.
    np.testing.assert_array_equal(run(out, INPUTS)["tensor2"], np.full((64, 64), 64.0, np.float32))
    return out


def edited(gemm_dir: Path, tmp_path: Path, kernel: str, old: str, new: str) -> Path:
    """A copy of the artifact directory with `old` replaced by `new` (once) in `kernel`."""
    d = shutil.copytree(gemm_dir, tmp_path / "faulty")
    path = d / kernel
    text = path.read_text()
    assert old in text, f"{old!r} is not in {kernel}"
    path.write_text(text.replace(old, new, 1))
    return d


def fault_of(
    directory: Path, timeout: float = 20.0, exit_status: int | None = 1
) -> tuple[str, float]:
    """The message of the EmuError running `directory` raises, and the seconds it took.
    `exit_status`: main's (None: the failure comes from the build, before main runs)."""
    start = time.perf_counter()
    with pytest.raises(EmuError) as info:
        run(directory, INPUTS, timeout=timeout)
    assert info.value.returncode == exit_status
    return str(info.value), time.perf_counter() - start


READER = "reader.cpp"
COMPUTE = "compute.cpp"
WRITER = "writer.cpp"
AT_READER = "kernel reader.cpp (RISCV_1) on core (0, 0): "
AT_COMPUTE = "kernel compute.cpp (compute) on core (0, 0): "
AT_WRITER = "kernel writer.cpp (RISCV_0) on core (0, 0): "

CASES = {
    # The reader reserves B pages but never pushes them: compute waits on CB 1, the writer on CB 16.
    "deadlock": (
        READER, "cb_push_back(cb1, 4);", "",
        [
            "deadlock: every unfinished kernel is blocked",
            "compute.cpp (compute) on core (0, 0) waits in cb_wait_front(CB 1, 4): CB 1 holds 0 of 8 pages "
            "(4 reserved by the producer, 0 waited for by the consumer;",
            "writer.cpp (RISCV_0) on core (0, 0) waits in cb_wait_front(CB 16, 4): CB 16 holds 0 of 8 pages",
            "finished: 1 kernel (reader.cpp (RISCV_1) on core (0, 0))",
        ],
    ),
    "push-more-than-reserved": (
        READER, "cb_push_back(cb0, 4);", "cb_push_back(cb0, 5);",
        [AT_READER + "cb_push_back(CB 0, 5) pushes more pages than cb_reserve_back secured (4)"],
    ),
    "pop-more-than-waited": (
        WRITER, "cb_pop_front(cb16, 4);", "cb_pop_front(cb16, 5);",
        [AT_WRITER + "cb_pop_front(CB 16, 5) pops more pages than cb_wait_front secured (4)"],
    ),
    "compute-pops-more-than-waited": (
        COMPUTE, "cb_pop_front(cb0, 4);", "cb_pop_front(cb0, 5);",
        [AT_COMPUTE + "cb_pop_front(CB 0, 5) pops more pages than cb_wait_front secured (4)"],
    ),
    "read-ptr-without-wait": (
        WRITER, "cb_wait_front(cb16, 4);", "",
        [AT_WRITER + "get_read_ptr(CB 16) without a cb_wait_front"],
    ),
    "write-ptr-without-reserve": (
        READER, "cb_reserve_back(cb0, 4);", "",
        [AT_READER + "get_write_ptr(CB 0) without a cb_reserve_back"],
    ),
    # A's tiles 0, 1, 2, 3 are read as 3, 4, ...: the second read is past the tensor.
    "tile-id-out-of-range": (
        READER, "const uint32_t tile_id = row_start + tensor_col;", "const uint32_t tile_id = row_start + tensor_col + 3;",
        [AT_READER + "noc_async_read_page: page (tile) id 4 is out of range of tensor0 (4 pages, ids 0..3"],
    ),
    "write-tile-id-out-of-range": (
        WRITER, "const uint32_t tile_id = row_start + tensor_col;", "const uint32_t tile_id = row_start + tensor_col + 4;",
        [AT_WRITER + "noc_async_write_page: page (tile) id 4 is out of range of tensor2 (4 pages, ids 0..3"],
    ),
    "push-before-read-barrier": (
        READER, "noc_async_read_barrier();\n      cb_push_back(cb0, 4);", "cb_push_back(cb0, 4);",
        [AT_READER + "cb_push_back(CB 0, 4) while a NOC read into the pushed pages is still in flight"],
    ),
    # The second K tile's block starts at A tile 2 instead of 1: its second block row (stride
    # kt_dim = 2) reads A tile 4, past the 4 waited for.
    "unpack-past-waited-tiles": (
        COMPUTE, "matmul_block(cb0, cb1, 1, 2, 0, 0, 2, 2, 2);", "matmul_block(cb0, cb1, 2, 2, 0, 0, 2, 2, 2);",
        [AT_COMPUTE + "matmul_block reads tile 4 of CB 0, but cb_wait_front secured 4 pages"],
    ),
    # The 2x2 block accumulated from DST tile 1 instead of 0: its last tile is DST tile 4.
    "dst-index-past-section": (
        COMPUTE, "matmul_block(cb0, cb1, 1, 2, 0, 0, 2, 2, 2);", "matmul_block(cb0, cb1, 1, 2, 1, 0, 2, 2, 2);",
        [AT_COMPUTE + "matmul_block uses DST tile 4; DST has 4 tiles per section here (half sync, fp32 DST)"],
    ),
    "pack-without-commit": (
        COMPUTE, "tile_regs_commit();", "",
        [AT_COMPUTE + "tile_regs_wait with no committed DST section"],
    ),
    "pack-past-reserved": (
        COMPUTE, "pack_tile<true>(3, cb16, 3);", "pack_tile<true>(3, cb16, 4);",
        [AT_COMPUTE + "pack_tile writes tile 4 of CB 16, but cb_reserve_back secured 4 pages"],
    ),
    "wait-larger-than-cb": (
        COMPUTE, "cb_wait_front(cb0, 4);", "cb_wait_front(cb0, 9);",
        [AT_COMPUTE + "cb_wait_front(CB 0, 9) can never be satisfied: the CB has 8 pages"],
    ),
    # Checking mode (TT_EMU_CHECK, on by default). The compute kernel skips a pack: the writer
    # sends CB 16's last page, pushed but never written.
    "check-skipped-pack": (
        COMPUTE, "pack_tile<true>(3, cb16, 3);", "",
        [AT_WRITER + "noc_async_write reads CB 16 page 3, which was pushed without being written"],
    ),
    # The reader reads three of A's four tiles: compute unpacks CB 0 page 3, never written; the
    # fault is reported when data computed from it reaches DRAM (C's third tile).
    "check-skipped-read": (
        READER, "for (uint32_t tile = 0; tile < 4; tile += 1)", "for (uint32_t tile = 0; tile < 3; tile += 1)",
        [AT_COMPUTE + "matmul_block reads CB 0 page 3, which was pushed without being written (data computed "
         "from it reached DRAM: kernel writer.cpp (RISCV_0) on core (0, 0): noc_async_write of CB 16 page 2)"],
    ),
    # One block row per matmul_block: DST tiles 2 and 3 are never written, and packed.
    "check-pack-unwritten-dst": (
        COMPUTE,
        "matmul_block(cb0, cb1, 0, 0, 0, 0, 2, 2, 2);\n      matmul_block(cb0, cb1, 1, 2, 0, 0, 2, 2, 2);",
        "matmul_block(cb0, cb1, 0, 0, 0, 0, 2, 1, 2);\n      matmul_block(cb0, cb1, 1, 2, 0, 0, 2, 1, 2);",
        [AT_COMPUTE + "pack_tile packs DST tile 2, which no math op wrote since tile_regs_acquire"],
    ),
    # A's tiles land 256 KiB past the reservation: outside every CB.
    "check-noc-read-outside-cbs": (
        READER, "const uint32_t l1_addr = l1_write + page_offset;", "const uint32_t l1_addr = l1_write + page_offset + 0x40000;",
        [AT_READER + "noc_async_read writes L1 [0x", ") of core (0, 0), which is outside every CB and semaphore of the core"],
    ),
    # A plain store 256 KiB past the reservation: outside every CB (the crash handler names it).
    "check-store-outside-cbs": (
        READER, "const uint32_t l1_write = get_write_ptr(cb0);",
        "const uint32_t l1_write = get_write_ptr(cb0);\n      *reinterpret_cast<volatile uint32_t*>(l1_write + 0x40000) = 0;",
        [AT_READER + "a store to L1 0x", " of core (0, 0), which is outside every CB and semaphore of the core "
         "(last call: get_write_ptr)"],
    ),
    "missing-runtime-argument": (
        WRITER, "get_arg_val<uint32_t>(2)", "get_arg_val<uint32_t>(3)",
        [AT_WRITER + "get_arg_val(3) reads a runtime argument that was not set (SetRuntimeArgs gave 3 for this core)"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_fault_is_reported(case: str, gemm_dir: Path, tmp_path: Path) -> None:
    kernel, old, new, expected = CASES[case]
    message, seconds = fault_of(edited(gemm_dir, tmp_path, kernel, old, new))
    for part in expected:
        assert part in message, f"{part!r} not in:\n{message}"
    assert seconds < 15, "a fault must be reported promptly, not by the time limit"


def test_checking_mode_can_be_switched_off(gemm_dir: Path, tmp_path: Path, monkeypatch) -> None:
    """TT_EMU_CHECK=0: the skipped pack goes unreported (the page keeps the CB's 0xFF fill)."""
    d = edited(gemm_dir, tmp_path, COMPUTE, "pack_tile<true>(3, cb16, 3);", "")
    monkeypatch.setenv("TT_EMU_CHECK", "0")
    out = run(d, INPUTS, timeout=20)["tensor2"]
    np.testing.assert_array_equal(out[:32, :32], np.full((32, 32), 64.0, np.float32))
    assert np.isnan(out[32:, 32:]).all()


def test_time_limit_ends_a_spinning_kernel(gemm_dir: Path, tmp_path: Path) -> None:
    """A kernel that never finishes but keeps calling the API is unwound at the time limit."""
    d = edited(
        gemm_dir,
        tmp_path,
        WRITER,
        "cb_pop_front(cb16, 4);",
        "cb_pop_front(cb16, 4); for (;;) { (void)get_arg_val<uint32_t>(0); }",
    )
    message, seconds = fault_of(d, timeout=1.0)
    assert message.startswith("time limit of 1 s exceeded")
    assert "writer.cpp (RISCV_0) on core (0, 0) is running (last call: get_arg_val)" in message
    assert "finished: 2 of 3 kernels" in message
    assert seconds < 10


def test_time_limit_ends_a_kernel_without_api_calls(gemm_dir: Path, tmp_path: Path) -> None:
    """A kernel spinning in plain C++ cannot be unwound: the process ends after a grace period."""
    d = edited(
        gemm_dir,
        tmp_path,
        COMPUTE,
        "tile_regs_release();",
        "tile_regs_release(); for (volatile int i = 0;; ++i) {}",
    )
    message, seconds = fault_of(d, timeout=1.0)
    assert message.startswith("time limit of 1 s exceeded")
    assert (
        "compute.cpp (compute) on core (0, 0) is running (last call: tile_regs_release)" in message
    )
    assert seconds < 12


def test_a_kernel_the_emulator_cannot_compile(gemm_dir: Path, tmp_path: Path) -> None:
    d = edited(
        gemm_dir,
        tmp_path,
        COMPUTE,
        "tile_regs_acquire();",
        "tile_regs_acquire(); not_an_api_call(0);",
    )
    message, _ = fault_of(d, exit_status=None)
    assert "kernel compute.cpp does not compile against the emulator" in message
    assert "not_an_api_call" in message


def test_deadlock_through_main_and_cli(gemm_dir: Path, tmp_path: Path) -> None:
    """The host program itself exits 1 with one `main: error:` message; `tt-emu run` exits 1 with
    one `tt-emu: error:` message."""
    d = edited(gemm_dir, tmp_path, READER, "cb_push_back(cb1, 4);", "")
    for name, value in INPUTS.items():
        np.save(tmp_path / f"{name}.npy", value)
    proc = subprocess.run(
        [sys.executable, "-m", "tt_dialect.tools.emu", "run", str(d), "--in", f"tensor0={tmp_path / 'tensor0.npy'}",
         "--in", f"tensor1={tmp_path / 'tensor1.npy'}", "--out", f"tensor2={tmp_path / 'c.npy'}", "--timeout", "20"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith("tt-emu: error: deadlock: every unfinished kernel is blocked")
    assert proc.stderr.count("error:") == 1
    assert not (tmp_path / "c.npy").exists()


def test_a_crashing_kernel_is_named(gemm_dir: Path, tmp_path: Path) -> None:
    """A kernel that dereferences a bad address is reported with its name and core."""
    d = edited(
        gemm_dir,
        tmp_path,
        WRITER,
        "noc_async_write_barrier();",
        "noc_async_write_barrier(); *reinterpret_cast<volatile uint32_t*>(uintptr_t(16)) = 1;",
    )
    message, _ = fault_of(d)
    assert message.startswith(
        "kernel writer.cpp (RISCV_0) on core (0, 0) crashed with SIGSEGV (invalid memory access)"
    )
    assert "(last call: noc_async_write_barrier)" in message


MIXED_FORMATS = """func.func @staged(%X: memref<32x32xbf16>, %Y: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %x = tt.alloc_shared : memref<32x32xbf16>
    %y = tt.alloc_shared : memref<32x32xbf16>
    %sum = tt.alloc_fragment : memref<32x32xf32>
    %z = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x : memref<32x32xbf16> to memref<32x32xbf16>
    tt.copy %Y[%c0, %c0] to %y : memref<32x32xbf16> to memref<32x32xbf16>
    tt.add %x, %y to %sum : memref<32x32xbf16>, memref<32x32xbf16> to memref<32x32xf32>
    tt.copy %sum to %z : memref<32x32xf32> to memref<32x32xbf16>
    tt.copy %z to %Z[%c0, %c0] : memref<32x32xbf16> to memref<32x32xbf16>
  }
  func.return
}
"""


@pytest.mark.parametrize(
    ("removed", "expected"),
    [
        ("reconfig_data_format(cb24, cb24);",
         "copy_tile uses CB 24 (Float32) with SrcA configured for Float16_b by reconfig_data_format; "
         "reconfigure it first (reconfig_data_format / pack_reconfig_data_format)"),
        ("pack_reconfig_data_format(cb16);",
         "pack_tile uses CB 16 (Float16_b) with the packer configured for Float32 by "
         "pack_reconfig_data_format; reconfigure it first"),
    ],
    ids=["unpack", "pack"],
)
def test_missing_format_reconfiguration_is_reported(removed: str, expected: str, tmp_path: Path) -> None:
    """A kernel mixing CB data formats must reconfigure the unpacker and packer between them
    (a Tensix misreads a CB of another format): the compiler's kernel runs; without one of its
    reconfigurations the emulator reports the unpack or pack that would misread."""
    directory = compile_artifacts(MIXED_FORMATS, "tt-pipeline{grid=1x1}", tmp_path / "good")
    x = np.full((32, 32), 1.5, np.float32)
    np.testing.assert_array_equal(run(directory, {"tensor0": x, "tensor1": x})["tensor2"], x + x)
    compute = directory / COMPUTE
    text = compute.read_text()
    assert text.count(removed) == 1, text
    compute.write_text(text.replace(removed, ""))
    with pytest.raises(EmuError) as info:
        run(directory, {"tensor0": x, "tensor1": x})
    assert str(info.value).startswith(AT_COMPUTE + expected)
