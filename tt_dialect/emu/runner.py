"""Running an artifact directory on the emulator: numpy arrays in, numpy arrays out.

`run(dir, {"tensor0": a, "tensor1": b})` builds the directory (cached, see `build.py`), writes
each input in `main.cpp`'s `.bin` contract (one file per tensor, in argument order, row-major
little-endian elements; bf16 as the uint16 bit patterns, rounded to nearest even from the
given values), runs `main` in the artifact directory and reads the outputs back (bf16 and f16
outputs as float32 arrays). `main.cpp` itself tilizes and untilizes.

A fault of the program (a deadlock, a contract violation, the time limit) makes `main` exit
non-zero with one message on stderr; `run` raises `EmuError` with that message.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from tt_dialect.emu.build import EmuBuildError, build, cache_dir, include_dir

DEFAULT_TIMEOUT = 60.0
"""Seconds a run may take (the kernels' execution; builds come before and are not counted)."""

BACKSTOP_SECONDS = 60.0
"""Extra seconds before the driver kills a `main` whose own time limit did not end it (a kernel
compiled on the fly, or a host program stuck outside the kernels)."""

FILE_DTYPES = {
    "bf16": np.uint16,
    "f16": np.float16,
    "f32": np.float32,
    "i32": np.int32,
    "u32": np.uint32,
}
"""Element type of a tensor's `.bin` file, by the plan's dtype."""


class EmuError(RuntimeError):
    """The emulated program failed: the message is the emulator's (kernel, core, what)."""

    def __init__(self, message: str, stderr: str = "", returncode: int | None = None):
        super().__init__(message)
        self.stderr = stderr
        self.returncode = returncode


class EmuResult(dict):
    """The outputs by tensor name. With `stats=True` the counters are in `.stats` and also under
    the key "stats" (tensors are named `tensor<i>`, so the key never collides)."""

    stats: dict | None = None


def to_bf16_bits(values: np.ndarray) -> np.ndarray:
    """float values -> bf16 bit patterns (uint16), rounded to nearest, ties to even."""
    f = np.ascontiguousarray(values, dtype=np.float32)
    u = f.view(np.uint32).astype(np.uint64)
    nan = np.isnan(f)
    rounded = ((u + 0x7FFF + ((u >> 16) & 1)) >> 16).astype(np.uint16)
    return np.where(nan, ((u >> 16) | 0x40).astype(np.uint16), rounded)


def from_bf16_bits(bits: np.ndarray) -> np.ndarray:
    """bf16 bit patterns (uint16) -> float32 values."""
    return (np.asarray(bits, dtype=np.uint16).astype(np.uint32) << 16).view(np.float32)


def round_bf16(values: np.ndarray) -> np.ndarray:
    """`values` rounded to bf16 (nearest even), as float32."""
    return from_bf16_bits(to_bf16_bits(values))


def _to_file_array(name: str, tensor: dict, value) -> np.ndarray:
    array = np.asarray(value)
    shape = tuple(tensor["shape"])
    if array.shape != shape:
        raise EmuError(
            f"input {name} has shape {array.shape}; "
            f"the program's {name} is {tensor['dtype']} {list(shape)}"
        )
    dtype = tensor["dtype"]
    if dtype == "bf16":
        return to_bf16_bits(array.astype(np.float32))
    return np.ascontiguousarray(array.astype(FILE_DTYPES[dtype]))


def _from_file(path: Path, tensor: dict) -> np.ndarray:
    dtype = tensor["dtype"]
    data = np.fromfile(path, dtype=FILE_DTYPES[dtype]).reshape(tensor["shape"])
    if dtype == "bf16":
        return from_bf16_bits(data)
    if dtype == "f16":
        return data.astype(np.float32)
    return data


def _message(stderr: str) -> str:
    """The emulator's message: main.cpp prints `<argv0>: error: <message>`."""
    text = stderr.strip()
    marker = ": error: "
    first = text.find(marker)
    return text[first + len(marker) :] if first >= 0 else text


def run(
    artifact_dir: str | os.PathLike,
    inputs: Mapping[str, np.ndarray],
    stats: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> EmuResult:
    """Runs a tt-cpp artifact directory on the emulator.

    `inputs` maps the plan's input tensor names (`tensor0`, `tensor1`, ...) to arrays of the
    tensor's shape; returns the outputs by name (bf16/f16 as float32). With `stats=True` the
    result's `.stats` (and its "stats" entry) holds the counters (DRAM bytes per tensor, NOC
    transactions, tiles computed per core, CB high-water marks, timings). `timeout` bounds the
    kernels' execution, in seconds.
    """
    try:
        b = build(artifact_dir)
    except EmuBuildError as e:
        raise EmuError(str(e)) from None
    plan = b.plan
    tensors = plan["tensors"]
    names = [t["name"] for t in tensors]
    expected = {t["name"] for t in tensors if t["role"] == "input"}
    unknown = sorted(set(inputs) - set(names))
    if unknown:
        raise EmuError(
            f"no tensor named {', '.join(unknown)} in the program (tensors: {', '.join(names)})"
        )
    not_inputs = sorted(set(inputs) - expected)
    if not_inputs:
        raise EmuError(f"{', '.join(not_inputs)} is an output of the program, not an input")
    missing = [n for n in names if n in expected and n not in inputs]
    if missing:
        raise EmuError(f"missing input {', '.join(missing)}")

    with tempfile.TemporaryDirectory(prefix="tt-emu-") as tmp:
        tmp_dir = Path(tmp)
        files = [tmp_dir / f"{t['name']}.bin" for t in tensors]
        for t, path in zip(tensors, files):
            if t["role"] == "input":
                _to_file_array(t["name"], t, inputs[t["name"]]).tofile(path)
        stats_path = tmp_dir / "stats.json"
        env = dict(os.environ)
        env.update(
            TT_EMU_ARCH=plan["arch"],
            TT_EMU_DEVICE=plan["device"],
            TT_EMU_TIMEOUT=repr(float(timeout)),
            TT_EMU_CACHE=str(cache_dir()),
            TT_EMU_INCLUDE=str(include_dir()),
            TT_EMU_BUFFER_NAMES=",".join(names),
        )
        env.pop("TT_EMU_STATS", None)
        if stats:
            env["TT_EMU_STATS"] = str(stats_path)
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                [str(b.main), *map(str, files)],
                cwd=b.artifact_dir,
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout + BACKSTOP_SECONDS,
            )
        except subprocess.TimeoutExpired:
            raise EmuError(
                f"time limit of {timeout:g} s exceeded; "
                "the emulator did not stop by itself and was killed"
            ) from None
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            raise EmuError(
                _message(proc.stderr) or f"main exited with status {proc.returncode}",
                proc.stderr,
                proc.returncode,
            )
        result = EmuResult()
        for t, path in zip(tensors, files):
            if t["role"] == "output":
                result[t["name"]] = _from_file(path, t)
        if stats:
            counters = json.loads(stats_path.read_text()) if stats_path.exists() else {}
            counters["program"] = plan.get("program")
            counters["wall_seconds"] = wall
            counters["build"] = {"seconds": b.seconds, "built": b.built}
            result.stats = counters
            result["stats"] = counters
    return result
