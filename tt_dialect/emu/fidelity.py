"""Driving tt-metal's own kernels on the emulator: the fidelity harnesses of `emu/tests/fidelity/`
(host programs that stand in for ttnn's program factories) and tensors as files of tiles.

Shared by the fidelity tests (tests/test_emu_fidelity.py) and the kernel benchmark
(bench/kernel_perf.py):

    exe = harness("matmul_reuse_host")          # built once, cached by its sources and the runtime
    proc = harness_process("matmul_reuse_host", [...], ttnn_cpp(), "8x8", stats_path)

The kernels themselves come from the `ttnn==0.74.0` wheel (`tt_dialect.tools.metal_wheel`; a
few from the `ttnn==0.81.1` one, `ttnn_cpp("0.81.1")`), never from this repository.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import numpy as np

from tt_dialect.emu.build import cache_dir, cxx, emu_root, include_dir, runtime_library
from tt_dialect.emu.runner import from_bf16_bits, to_bf16_bits
from tt_dialect.tools import metal_wheel

HARNESS_DIR = emu_root() / "tests" / "fidelity"
BUILD_TIMEOUT = 300
"""Seconds a harness build may take."""


class HarnessError(RuntimeError):
    """A harness did not build."""


def ttnn_cpp(version: str = metal_wheel.TTNN_VERSION) -> Path:
    """The `ttnn/cpp` folder of `version`'s wheel: tt-metal's kernels (`ttnn/operations/...`) and
    their helper headers, as on tt-metal's JIT include path. Raises `metal_wheel.MetalFetchError`."""
    return metal_wheel.metal_root(version) / "ttnn" / "ttnn" / "cpp"


def host_executable(source: Path, headers: list[Path] = (), subdir: str = "fidelity") -> Path:
    """A host program (`source`, including `headers`) built against the emulated host API and
    libttemu, cached under the emulator cache's `subdir` by the sources and the runtime's hash."""
    runtime = runtime_library()
    digest = hashlib.sha256(runtime.parent.name.encode())
    for path in (source, *headers):
        digest.update(path.read_bytes())
    exe = cache_dir() / subdir / digest.hexdigest()[:20] / source.stem
    if not exe.exists():
        exe.parent.mkdir(parents=True, exist_ok=True)
        tmp = exe.with_suffix(f".{os.getpid()}.tmp")
        proc = subprocess.run(
            [
                cxx(), "-std=c++20", "-O2", f"-I{include_dir()}", str(source), "-o", str(tmp),
                f"-L{runtime.parent}", "-lttemu", f"-Wl,-rpath,{runtime.parent}", "-pthread",
            ],
            capture_output=True, text=True, timeout=BUILD_TIMEOUT,
        )  # fmt: skip
        if proc.returncode != 0:
            raise HarnessError(f"{source.name} does not build:\n{proc.stderr}")
        os.replace(tmp, exe)
    return exe


def harness_source(name: str) -> Path:
    return HARNESS_DIR / f"{name}.cpp"


def harness(name: str) -> Path:
    """emu/tests/fidelity/<name>.cpp, built (see `host_executable`)."""
    return host_executable(harness_source(name), [HARNESS_DIR / "host_common.h"])


def harness_process(
    name: str,
    args: list,
    ttnn_cpp: Path,
    grid: str,
    stats: Path,
    kernel_root: Path | None = None,
    arch: str = "wormhole_b0",
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Runs a harness on a `grid` worker grid of `arch` with the wheel's ttnn/cpp on the kernel
    include path, writing the emulator's counters to `stats`; the kernels are taken from
    `kernel_root` (default: the wheel's ttnn/cpp). `timeout`: seconds the kernels may run."""
    env = dict(
        os.environ,
        TT_EMU_ARCH=arch,
        TT_EMU_GRID=grid,
        # ttnn/cpp ("ttnn/operations/..."), tt-metal's ttnn folder ("cpp/ttnn/...", as ttnn's SDPA
        # kernels include their helpers) and the tt-metal root ("ttnn/cpp/ttnn/kernel_lib/...").
        TT_EMU_KERNEL_INCLUDES=f"{ttnn_cpp}:{ttnn_cpp.parent}:{ttnn_cpp.parent.parent}",
        TT_EMU_STATS=str(stats),
        TT_EMU_TIMEOUT=repr(float(timeout)),
    )
    return subprocess.run(
        [str(harness(name)), str(kernel_root or ttnn_cpp), *map(str, args)],
        capture_output=True, text=True, timeout=BUILD_TIMEOUT + timeout + 60, env=env,
    )  # fmt: skip


# ------------------------------------------------------------------ tensors as tiles


def tilize(x: np.ndarray) -> np.ndarray:
    """(..., R, C) -> 32x32 tiles in row-major order over each matrix, each tile four 16x16
    faces in row-major order, each face row-major (the device's TILED_NFACES layout)."""
    *lead, r, c = x.shape
    n = len(lead)
    t = x.reshape(*lead, r // 32, 2, 16, c // 32, 2, 16)
    order = (*range(n), n, n + 3, n + 1, n + 4, n + 2, n + 5)
    return np.ascontiguousarray(t.transpose(order)).reshape(-1)


def untilize(flat: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    *lead, r, c = shape
    n = len(lead)
    t = flat.reshape(*lead, r // 32, c // 32, 2, 2, 16, 16)
    order = (*range(n), n, n + 2, n + 4, n + 1, n + 3, n + 5)
    return np.ascontiguousarray(t.transpose(order)).reshape(shape)


def write_tiles(path: Path, x: np.ndarray) -> Path:
    """`x` as bf16 tiles in the file `path`."""
    to_bf16_bits(tilize(x)).tofile(path)
    return path


def read_tiles(path: Path, shape: tuple[int, ...]) -> np.ndarray:
    return untilize(from_bf16_bits(np.fromfile(path, dtype=np.uint16)), shape)
