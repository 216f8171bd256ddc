"""`tilelang.jit` / `tilelang.compile` for Tenstorrent: a prim_func to artifacts, and a kernel
that runs them on the CPU emulator.

    @tilelang.jit(target="tenstorrent", out_idx=[-1])
    def matmul(M, N, K, block_M, block_N, block_K, dtype="bfloat16"):
        @T.prim_func
        def gemm(A: T.Tensor((M, K), dtype), ...): ...
        return gemm

    kernel = matmul(1024, 1024, 1024, 128, 128, 32)
    c = kernel(a, b)                     # numpy in, numpy out (the emulator)
    kernel.write_artifacts("out/")       # reader/compute/writer.cpp, main.cpp, CMakeLists.txt, tt.plan.json

Compiling runs `tt-pipeline` (with `device` or `arch`, `grid`, `api_version` (the tt-metal
release the kernels call: `"0.74.0"`, the default, or `"0.81.1"`) and `pass_options`) and the `tt-cpp` target
in process. Results are cached by tile-program IR and options (`tilelang_tt.cache`).
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
import weakref
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tilelang_tt.cache import DEFAULT_CACHE, CompileCache, cache_key
from tilelang_tt.parser import PrimFunc, TileLangError
from tt_dialect.api import apply_pipeline, make_context
from tt_dialect.diagnostics import TTDiagnostic
from tt_dialect.emit.program_facts import KERNEL_FILES
from tt_dialect.emit.target import artifacts as program_artifacts
from tt_dialect.emit.target import write_artifacts

TARGET = "tenstorrent"
KERNEL_SOURCES = tuple(KERNEL_FILES.values())


def pipeline_spec(
    device: str | None,
    arch: str | None,
    grid: str | Sequence[int] | None,
    pass_options: Mapping[str, Any] | None,
    api_version: str | None = None,
) -> str:
    """`tt-pipeline{...}` with every option given spelled out, in a fixed order."""
    options: dict[str, str] = {}
    if device is not None:
        options["device"] = device
    if arch is not None:
        options["arch"] = arch
    if grid is not None:
        options["grid"] = grid if isinstance(grid, str) else "x".join(str(int(d)) for d in grid)
    if api_version is not None:
        options["api-version"] = str(api_version)
    for name, value in sorted((pass_options or {}).items()):
        key = name.replace("_", "-")
        if key in options:
            raise ValueError(f"pass option '{name}' repeats the `{key}` argument of jit/compile")
        options[key] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return "tt-pipeline{" + " ".join(f"{k}={v}" for k, v in options.items()) + "}"


def _check_target(target: str) -> None:
    if target != TARGET:
        raise ValueError(f'target "{target}" is not supported by tilelang_tt (supported: "{TARGET}")')


def _output_positions(out_idx: int | Sequence[int] | None, count: int) -> tuple[int, ...]:
    if out_idx is None:
        return ()
    if isinstance(out_idx, bool) or not isinstance(out_idx, int | list | tuple):
        raise TypeError(f"out_idx must be an int or a list of ints, got {out_idx!r}")
    indices = [out_idx] if isinstance(out_idx, int) else list(out_idx)
    positions = []
    for index in indices:
        if isinstance(index, bool) or not isinstance(index, int):
            raise TypeError(f"out_idx must be an int or a list of ints, got {index!r} in {out_idx!r}")
        if not -count <= index < count:
            raise ValueError(f"out_idx {index} is out of range for a prim_func with {count} tensors")
        positions.append(index % count)
    if len(set(positions)) != len(positions):
        raise ValueError(f"out_idx {list(indices)} names a tensor twice")
    return tuple(positions)


class JITKernel:
    """A compiled prim_func: its IR, its artifacts and plan, and `kernel(*arrays)`."""

    def __init__(
        self,
        prim_func: PrimFunc,
        artifacts: dict[str, str],
        key: str,
        pipeline: str,
        out_idx: tuple[int, ...],
        cache: CompileCache,
    ):
        self.prim_func = prim_func
        self.pipeline = pipeline
        self.key = key
        self.out_idx = out_idx
        self._artifacts = artifacts
        self._cache = cache
        self._plan: dict[str, Any] | None = None
        self._run_dir: Path | None = None
        self.last_stats: dict[str, Any] | None = None
        """The emulator's counters of the last call: `modeled_us` (the performance
        model's time), `roofline` (its `percent` and `bound`), DRAM and NoC traffic."""

    @property
    def artifacts(self) -> dict[str, str]:
        """File name -> text: reader.cpp, compute.cpp, writer.cpp, main.cpp, CMakeLists.txt,
        tt.plan.json."""
        return dict(self._artifacts)

    @property
    def plan(self) -> dict[str, Any]:
        """The parsed `tt.plan.json`."""
        if self._plan is None:
            self._plan = json.loads(self._artifacts["tt.plan.json"])
        return self._plan

    def get_ir(self) -> str:
        """The tile program (the IR the front end built), as MLIR text."""
        return self.prim_func.ir()

    def get_kernel_source(self, kernel: str | None = None) -> str:
        """One kernel's C++ (`"reader"`, `"compute"` or `"writer"`), or all three, each after
        a `// FILE: name` line."""
        if kernel is not None:
            name = kernel if kernel.endswith(".cpp") else f"{kernel}.cpp"
            if name not in KERNEL_SOURCES:
                raise ValueError(f"no kernel '{kernel}' (kernels: reader, compute, writer)")
            return self._artifacts[name]
        return "".join(f"// FILE: {name}\n{self._artifacts[name]}" for name in KERNEL_SOURCES)

    def write_artifacts(self, directory: str | Path) -> Path:
        """Writes every artifact into `directory` (created if needed); returns it."""
        path = Path(directory)
        write_artifacts(self._artifacts, path)
        return path

    def artifact_dir(self) -> Path:
        """A directory holding the artifacts (the cache entry, or a private one)."""
        if self._run_dir is None:
            if self._cache.disk:
                self._run_dir = self._cache.store(self.key, self._artifacts)
            else:
                self._run_dir = Path(tempfile.mkdtemp(prefix="tilelang-tt-"))
                weakref.finalize(self, shutil.rmtree, self._run_dir, True)
                write_artifacts(self._artifacts, self._run_dir)
        return self._run_dir

    def __call__(self, *arrays: Any, timeout: float | None = None) -> Any:
        """Runs the program on the CPU emulator.

        Pass one array per tensor that is not in `out_idx`, in argument order; returns the
        `out_idx` tensors as float32 numpy arrays (one array, or a list of several). Output
        tensors passed in (when `out_idx` leaves them out) are written in place. The
        emulator's counters of the run, its modeled time among them, are then in
        `last_stats`."""
        from tt_dialect.emu import EmuError, run

        tensors = self.prim_func.tensors
        passed = [i for i in range(len(tensors)) if i not in self.out_idx]
        if len(arrays) != len(passed):
            names = ", ".join(tensors[i].name for i in passed)
            raise TypeError(f"{self.prim_func.name} takes {len(passed)} arrays ({names}), got {len(arrays)}")
        roles = {t["name"]: t["role"] for t in self.plan["tensors"]}
        inputs: dict[str, np.ndarray] = {}
        in_place: dict[str, np.ndarray] = {}
        for position, array in zip(passed, arrays):
            tensor = tensors[position]
            value = np.asarray(array)
            if value.dtype.kind not in "fiub":
                what = "complex numbers" if value.dtype.kind == "c" else f"{value.dtype} values"
                raise TypeError(f"argument '{tensor.name}' holds {what}; pass real numbers "
                                f"(it is converted to {tensor.dtype})")
            if value.shape != tensor.shape:
                raise ValueError(f"argument '{tensor.name}' must have shape {tensor.shape}, got {value.shape}")
            name = f"tensor{position}"
            if roles[name] == "input":
                inputs[name] = value
            elif isinstance(array, np.ndarray):
                in_place[name] = array
            else:
                raise TypeError(f"'{tensor.name}' is an output: pass a numpy array to write into, "
                                "or list it in out_idx")
        for position in self.out_idx:
            if roles[f"tensor{position}"] != "output":
                raise ValueError(f"out_idx names '{tensors[position].name}', which "
                                 f"{self.prim_func.name} reads but does not write")
        options = {} if timeout is None else {"timeout": timeout}
        try:
            results = run(self.artifact_dir(), inputs, stats=True, **options)
        except EmuError as err:
            raise RuntimeError(f"{self.prim_func.name} failed on the emulator: {err}") from None
        self.last_stats = results.stats
        for name, array in in_place.items():
            array[...] = results[name]
        outputs = [results[f"tensor{position}"] for position in self.out_idx]
        if not outputs:
            return None
        return outputs[0] if len(outputs) == 1 else outputs


def compile(
    prim_func: PrimFunc,
    out_idx: int | Sequence[int] | None = None,
    target: str = TARGET,
    device: str | None = None,
    arch: str | None = None,
    grid: str | Sequence[int] | None = None,
    pass_options: Mapping[str, Any] | None = None,
    cache: CompileCache | None = None,
    api_version: str | None = None,
) -> JITKernel:
    """Compiles a prim_func with `tt-pipeline` to artifacts (cached). `device` is the card
    (`n150`, `n300`, `p100`, `p150`; an n150 by default), `arch` an architecture instead
    (`wormhole_b0` is an n150, `blackhole` a p150). `api_version` is the tt-metal release the
    kernels call (`"0.74.0"` when None, `"0.81.1"`); the plan records it."""
    _check_target(target)
    if not isinstance(prim_func, PrimFunc):
        raise TypeError(f"expected a @T.prim_func, got {type(prim_func).__name__}")
    cache = DEFAULT_CACHE if cache is None else cache
    positions = _output_positions(out_idx, len(prim_func.tensors))
    pipeline = pipeline_spec(device, arch, grid, pass_options, api_version)
    ir_text = prim_func.ir()
    key = cache_key(ir_text, pipeline)
    files = cache.get(key)
    if files is None:
        files = _compile_module(prim_func, pipeline)
        cache.put(key, files)
    return JITKernel(prim_func, files, key, pipeline, positions, cache)


def _compile_module(prim_func: PrimFunc, pipeline: str) -> dict[str, str]:
    ctx = make_context()
    module = prim_func.module.clone()
    try:
        apply_pipeline(module, pipeline, ctx)
        return program_artifacts(module)
    except TTDiagnostic as err:
        raise TileLangError(err.location, err.message + err.context) from None


def jit(
    func: Callable[..., Any] | PrimFunc | None = None,
    *,
    out_idx: int | Sequence[int] | None = None,
    target: str = TARGET,
    device: str | None = None,
    arch: str | None = None,
    grid: str | Sequence[int] | None = None,
    pass_options: Mapping[str, Any] | None = None,
    cache: CompileCache | None = None,
    api_version: str | None = None,
) -> Any:
    """`@tilelang.jit(target="tenstorrent", out_idx=[-1])` on a function returning a
    `@T.prim_func`: each call builds the prim_func and compiles it (`compile`). Applied to a
    prim_func itself, compiles it at once."""
    options = dict(out_idx=out_idx, target=target, device=device, arch=arch, grid=grid,
                   pass_options=pass_options, cache=cache, api_version=api_version)
    _check_target(target)

    def decorate(function: Callable[..., Any] | PrimFunc) -> Any:
        if isinstance(function, PrimFunc):
            return compile(function, **options)

        @functools.wraps(function)
        def compiled(*args: Any, **kwargs: Any) -> JITKernel:
            prim_func = function(*args, **kwargs)
            if not isinstance(prim_func, PrimFunc):
                raise TypeError(f"{function.__name__} must return a @T.prim_func, got "
                                f"{type(prim_func).__name__}")
            return compile(prim_func, **options)

        return compiled

    return decorate if func is None else decorate(func)
