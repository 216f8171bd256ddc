"""Building an artifact directory for the emulator, cached by content hash.

Three kinds of build products live under `<cache>/emu/` (`<repo>/.cache/emu`, or
`$TT_CACHE_DIR/emu`):

- `runtime/<emu hash>/libttemu.so`: the emulator runtime (`emu/src/*.cpp`), keyed by the hash
  of every emulator source and header (`emu/include`, `emu/src`);
- `main/<key>/main`: an artifact directory's `main.cpp` compiled unmodified against the
  emulator's host headers (`emu/include/tt-metalium/...`) and linked with the runtime, keyed by
  `main.cpp`'s content and the runtime's hash. `TT_KERNEL_DIR` is `"."`: the program runs in the
  artifact directory, so the same `main` serves any directory with the same `main.cpp`;
- `kernels/<key>.so`: one kernel compiled unmodified against the emulator's kernel headers
  (`emu/include/api/...`) with its compile-time arguments baked in
  (`-DKERNEL_COMPILE_TIME_ARGS=...`, as tt-metal's JIT does), keyed by the FNV-1a 64 hash of its
  recipe (flags, emulator hash, source hash, extra include folders). The flags carry, as
  tt-metal's JIT does, the program's CB descriptors for the kernel's cores
  (`-DTT_EMU_CB_DESCRIPTORS=...`: format and tile size per CB index, so `get_tile_size` is a
  constant expression). The runtime computes the same key when the program runs and compiles
  whatever is missing; building the plan's kernels here first just lets them compile in
  parallel with `main.cpp`. `kernel_flags` mirrors `kernel_flags` in `emu/src/build.cpp`, and
  `TT_EMU_KERNEL_INCLUDES` (more `:`-separated include folders for kernels) is read by both.

Everything is written to a temporary name and renamed into place, so concurrent builds never
see half-written files.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tt_dialect.metal_enums import DATA_FORMATS, MATH_FIDELITY
from tt_dialect.project_paths import REPO_ROOT, cache_root


CXX_STD = "-std=c++20"
OPT = "-O2"
RECIPE_VERSION = "tt-emu kernel 2"
PCH_NAME = "host_pch.h"



class EmuBuildError(RuntimeError):
    """A build failed; the message names the file and quotes the compiler."""


def emu_root() -> Path:
    """The emulator's C++ sources: `$TT_EMU_ROOT`, else `<repo>/emu`."""
    env = os.environ.get("TT_EMU_ROOT")
    return Path(env).resolve() if env else REPO_ROOT / "emu"


def include_dir() -> Path:
    return emu_root() / "include"


def cache_dir() -> Path:
    return cache_root() / "emu"


def cxx() -> str:
    return os.environ.get("TT_EMU_CXX", "g++")


def fnv1a64_hex(data: bytes) -> str:
    h = 0xCBF29CE484222325
    for byte in data:
        h ^= byte
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def source_hash() -> str:
    """Hash of every emulator source and header (part of every cache key)."""
    root = emu_root()
    digest = hashlib.sha256()
    for sub in ("include", "src"):
        for path in sorted((root / sub).rglob("*")):
            if path.is_file() and path.suffix in {".h", ".hpp", ".cpp"}:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(b"\0")
                digest.update(path.read_bytes())
                digest.update(b"\0")
    return digest.hexdigest()[:16]


def _compile(argv: list[str], what: str) -> None:
    result = subprocess.run(argv, capture_output=True, text=True)
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).splitlines()[:30]
        raise EmuBuildError(
            f"{what} does not compile against the emulator ({argv[0]}):\n" + "\n".join(lines)
        )


def _place(tmp: Path, final: Path) -> None:
    """Renames `tmp` to `final` (atomic); if another build got there first, keeps theirs (the
    caller removes what is left of `tmp`)."""
    try:
        os.rename(tmp, final)
    except OSError:
        if not final.exists():
            raise


# --------------------------------------------------------------------------- the runtime


def runtime_library(jobs: int | None = None) -> Path:
    """`libttemu.so` for the current emulator sources, built if missing."""
    digest = source_hash()
    final_dir = cache_dir() / "runtime" / digest
    lib = final_dir / "libttemu.so"
    if lib.exists():
        return lib
    final_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp_dir = Path(tempfile.mkdtemp(prefix=f"{digest}.", dir=final_dir.parent))
    try:
        flags = [
            CXX_STD,
            OPT,
            "-fPIC",
            f"-I{include_dir()}",
            f"-I{emu_root() / 'src'}",
            f'-DTT_EMU_SOURCE_HASH="{digest}"',
            f'-DTT_EMU_INCLUDE_DIR="{include_dir()}"',
            f'-DTT_EMU_CACHE_DIR="{cache_dir()}"',
        ]
        sources = sorted((emu_root() / "src").glob("*.cpp"))
        objects = [tmp_dir / (s.stem + ".o") for s in sources]
        # The host headers, precompiled for main.cpp (GCC takes host_pch.h.gch for
        # -include host_pch.h).
        shutil.copy(emu_root() / "src" / PCH_NAME, tmp_dir / PCH_NAME)
        pch = [
            cxx(),
            *main_flags(),
            "-x",
            "c++-header",
            str(tmp_dir / PCH_NAME),
            "-o",
            str(tmp_dir / (PCH_NAME + ".gch")),
        ]
        with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 2) as pool:
            futures = [pool.submit(_compile, pch, "the precompiled host headers")]
            futures += [
                pool.submit(
                    _compile,
                    [cxx(), *flags, "-c", str(s), "-o", str(o)],
                    f"emulator source {s.name}",
                )
                for s, o in zip(sources, objects)
            ]
            for f in futures:
                f.result()
        _compile(
            [
                cxx(),
                "-shared",
                "-o",
                str(tmp_dir / "libttemu.so"),
                *map(str, objects),
                "-pthread",
                "-ldl",
            ],
            "libttemu.so",
        )
        for o in objects:
            o.unlink()
        _place(tmp_dir, final_dir)
    finally:
        if tmp_dir.exists():
            shutil.rmtree(tmp_dir, ignore_errors=True)
    return lib


# --------------------------------------------------------------------------- main.cpp


def main_flags() -> list[str]:
    return [CXX_STD, OPT, f"-I{include_dir()}"]


def main_executable(artifact_dir: Path, runtime: Path) -> tuple[Path, bool]:
    """The host program of `artifact_dir`, built if missing; (path, built now)."""
    source = (artifact_dir / "main.cpp").read_bytes()
    key = hashlib.sha256(
        source + b"\0" + runtime.parent.name.encode() + b"\0" + " ".join(main_flags()).encode()
    ).hexdigest()[:20]
    final_dir = cache_dir() / "main" / key
    exe = final_dir / "main"
    if exe.exists():
        return exe, False
    final_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp_dir = Path(tempfile.mkdtemp(prefix=f"{key}.", dir=final_dir.parent))
    try:
        _compile(
            [
                cxx(),
                *main_flags(),
                '-DTT_KERNEL_DIR="."',
                "-include",
                str(runtime.parent / PCH_NAME),
                str(artifact_dir / "main.cpp"),
                "-o",
                str(tmp_dir / "main"),
                f"-L{runtime.parent}",
                "-lttemu",
                f"-Wl,-rpath,{runtime.parent}",
                "-pthread",
            ],
            f"{artifact_dir / 'main.cpp'}",
        )
        _place(tmp_dir, final_dir)
    finally:
        if tmp_dir.exists():
            shutil.rmtree(tmp_dir, ignore_errors=True)
    return exe, True


# --------------------------------------------------------------------------- kernels


def kernel_include_dirs() -> list[str]:
    """`TT_EMU_KERNEL_INCLUDES`: more include folders for kernels, in order."""
    return [d for d in os.environ.get("TT_EMU_KERNEL_INCLUDES", "").split(":") if d]


def _cores(ranges: list[dict]) -> set[tuple[int, int]]:
    return {
        (x, y)
        for r in ranges
        for x in range(r["start"][0], r["end"][0] + 1)
        for y in range(r["start"][1], r["end"][1] + 1)
    }


def cb_descriptors(kernel: dict, cbs: list[dict]) -> str:
    """The program's CBs on the kernel's cores as the kernel build gets them, by index
    (`cb_descriptors` in emu/src/build.cpp: a later CB of the same index wins)."""
    cores = _cores(kernel["core_ranges"])
    formats: dict[int, str] = {}
    for cb in cbs:
        if cores & _cores(cb["core_ranges"]):
            formats[cb["index"]] = cb["data_format"]
    return ",".join(
        "{%d,%d,%d}" % (index, *DATA_FORMATS[formats[index]]) for index in sorted(formats)
    )


def kernel_flags(kernel: dict, arch: str, cbs: list[dict]) -> list[str]:
    """The flags of a plan kernel's build; the same list as `kernel_flags` in emu/src/build.cpp
    computes from the host program's `CreateKernel` call and CBs."""
    flags = [CXX_STD, OPT, "-fPIC", "-shared", "-fvisibility=hidden"]
    flags.append(
        "-DKERNEL_COMPILE_TIME_ARGS=" + ",".join(str(v) for v in kernel["compile_time_args"])
    )
    role = kernel["processor"]
    if role == "compute":
        config = kernel["compute_config"]
        flags += [
            "-DCOMPILE_FOR_TRISC",
            "-DTRISC_MATH",
            "-DTRISC_PACK",
            "-DTRISC_UNPACK",
            f"-DTT_EMU_DST_ACCUM_MODE={int(bool(config['fp32_dest_acc']))}",
            f"-DTT_EMU_DST_FULL_SYNC={int(bool(config['dst_full_sync']))}",
            f"-DTT_EMU_MATH_FIDELITY={MATH_FIDELITY[config['math_fidelity']]}",
            "-DTT_EMU_MATH_APPROX=0",
        ]
    else:
        noc = int(kernel["noc"].removeprefix("noc_"))
        flags += [
            "-DCOMPILE_FOR_BRISC" if role == "riscv_0" else "-DCOMPILE_FOR_NCRISC",
            f"-DNOC_INDEX={noc}",
        ]
    flags.append("-DARCH_BLACKHOLE" if arch == "blackhole" else "-DARCH_WORMHOLE")
    flags.append("-DTT_EMU_CB_DESCRIPTORS=" + cb_descriptors(kernel, cbs))
    return flags


def local_headers_source(path: Path) -> bytes:
    """The kernel's text followed by that of every header it includes by a bare name from
    its own directory (`#include "tt_mask_tile.h"`, a support header tt-cpp writes beside
    the kernels), in include order: what the cache key hashes, so a changed header is a new
    build. `with_local_headers` in emu/src/build.cpp is the same function."""
    text = path.read_bytes()
    out = text
    for line in text.split(b"\n"):
        stripped = line.lstrip(b" \t")
        if not stripped.startswith(b'#include "'):
            continue
        name, quote, _ = stripped[len(b'#include "'):].partition(b'"')
        header = path.parent / name.decode(errors="replace")
        if quote and name and b"/" not in name and header.is_file():
            out += header.read_bytes()
    return out


def kernel_key(flags: list[str], source: bytes, emu_hash: str) -> str:
    recipe = (
        f"{RECIPE_VERSION}\nemu={emu_hash}\nsource={fnv1a64_hex(source)}\n"
        + "".join(f + "\n" for f in flags)
        + "".join(f"include={d}\n" for d in kernel_include_dirs())
    )
    return fnv1a64_hex(recipe.encode())


def kernel_object(
    artifact_dir: Path, kernel: dict, arch: str, emu_hash: str, cbs: list[dict]
) -> tuple[Path, bool]:
    """A plan kernel's shared object, built if missing; (path, built now)."""
    source_path = (artifact_dir / kernel["file"]).resolve()
    flags = kernel_flags(kernel, arch, cbs)
    key = kernel_key(flags, local_headers_source(source_path), emu_hash)
    kernels = cache_dir() / "kernels"
    so = kernels / f"{key}.so"
    if so.exists():
        return so, False
    kernels.mkdir(parents=True, exist_ok=True)
    tmp = kernels / f"{key}.so.{os.getpid()}.py.tmp"
    try:
        _compile(
            [
                cxx(),
                *flags,
                f"-I{include_dir()}",
                *(f"-I{d}" for d in kernel_include_dirs()),
                "-o",
                str(tmp),
                str(source_path),
            ],
            f"kernel {kernel['file']}",
        )
        _place(tmp, so)
    finally:
        tmp.unlink(missing_ok=True)
    return so, True


# --------------------------------------------------------------------------- a whole directory


@dataclass
class Build:
    """What `build` produced for an artifact directory."""

    artifact_dir: Path
    plan: dict
    runtime: Path
    main: Path
    kernels: list[Path] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    """What was compiled by this call (empty when everything came from the cache)."""
    seconds: float = 0.0


def read_plan(artifact_dir: Path) -> dict:
    path = artifact_dir / "tt.plan.json"
    if not path.is_file():
        raise EmuBuildError(f"{artifact_dir} has no tt.plan.json (not a tt-cpp artifact directory)")
    return json.loads(path.read_text())


def build(artifact_dir: str | os.PathLike, jobs: int | None = None) -> Build:
    """Builds (or finds in the cache) the runtime, `main` and the plan's kernels of a tt-cpp
    artifact directory."""
    start = time.perf_counter()
    directory = Path(artifact_dir).resolve()
    plan = read_plan(directory)
    for name in ("main.cpp", *(k["file"] for k in plan["kernels"])):
        if not (directory / name).is_file():
            raise EmuBuildError(f"{directory} has no {name}")
    built: list[str] = []
    runtime = cache_dir() / "runtime" / source_hash() / "libttemu.so"
    if not runtime.exists():
        runtime = runtime_library(jobs)
        built.append("libttemu.so")
    emu_hash = runtime.parent.name
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 2) as pool:
        main_future = pool.submit(main_executable, directory, runtime)
        kernel_futures = [
            pool.submit(kernel_object, directory, k, plan["arch"], emu_hash, plan["cbs"])
            for k in plan["kernels"]
        ]
        main, main_built = main_future.result()
        kernels = []
        for k, f in zip(plan["kernels"], kernel_futures):
            so, now = f.result()
            kernels.append(so)
            if now:
                built.append(k["file"])
    if main_built:
        built.append("main.cpp")
    return Build(directory, plan, runtime, main, kernels, built, time.perf_counter() - start)
