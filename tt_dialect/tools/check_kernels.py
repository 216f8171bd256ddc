"""`tt-check-kernels DIR`: compile an artifact directory's kernels against tt-metal's headers.

DIR holds the kernels of one program (`reader.cpp`, `compute.cpp`, `writer.cpp`) and its
`tt.plan.json`. Every kernel the plan lists is compiled, with exactly the compile-time arguments
the plan gives it, against the kernel-side headers of the tt-metal release the plan targets
(`metal_version`: 0.74.0 or 0.81.1, from the `ttnn==<version>` wheel, see `metal_wheel.py`), the
way tt-metal's JIT build would compile it:

- a data-movement kernel is compiled inside the wheel's own firmware wrapper for its processor
  (`hw/firmware/src/tt-1xx/ncrisck.cc` for `riscv_1`, `brisck.cc` for `riscv_0`), which includes
  the kernel through a generated `kernel_includes.hpp`, as the JIT does;
- a compute kernel is compiled twice: `compute-api` (our `kernel_check/compute_api.cc`: every
  call checked against the `api/compute/*.h` declarations, no TRISC thread selected) and
  `trisc-pack` (the wheel's `trisck.cc` + `chlkc_list.h` with generated `chlkc_descriptors.h`
  and `chlkc_pack.cpp`, through the real pack-thread LLK code). The unpack and math threads need
  `sfpi.h`, which ships with the sfpi RISC-V toolchain and with no PyPI package, so they cannot
  be checked here; the pack thread of an SFPU op (exp, relu, gelu, log, sigmoid, tanh, ...) needs
  it too, and that `trisc-pack` check is reported `SKIP` (compute-api still checks its calls).
  Blackhole's `ckernel.h` also includes the toolchain's `lltt.h` in every TRISC build:
  `kernel_check/stubs/lltt.h` declares its small interface, last on the include path.

Two compilers (`--compiler`, default `both`):
- `g++`: the host's g++ (`-fsyntax-only`, about 0.5 s a check). The headers cast pointers to
  32-bit words, which a 64-bit host rejects, so this needs `-fpermissive`; a `[-fpermissive]`
  diagnostic located in the kernel itself (other than a pointer-width one) still fails the check.
- `zig-rv32`: clang from the `ziglang` PyPI package, a real `-target riscv32` object compile (the
  data-movement kernels and the compute-api mode; the pack thread's LLK code is GCC-only). The
  object must define `kernel_main()`. Zig's caches stay in `.cache/zig/`.

A call to an API marked `[[deprecated]]` is an error in every check. One line per check
(`PASS reader.cpp ncrisc g++`, `FAIL ...`, `SKIP ... (why)`); a failing check is followed by the compiler's error lines and
the exit status is 1. A missing file, a bad plan or a failed download is one line
`tt-check-kernels: error: ...` and exit status 2. Nothing is written outside `.cache/`.

Plan fields read (all others are ignored):
- `arch`: `wormhole_b0` | `blackhole` (`--arch` overrides it);
- optional `metal_version`: the tt-metal release whose headers check the kernels, `0.74.0`
  (the default: a plan without it, e.g. one written for tt-metal's own kernels) | `0.81.1`
  (`--metal-version` overrides it);
- `kernels[]`: `file` (a path relative to DIR), `role` (`reader` | `compute` | `writer`),
  `processor` (`riscv_1` = NCRISC, `riscv_0` = BRISC, `compute` = the TRISCs; a compute role must
  run on `compute` and a data-movement role on `riscv_0` / `riscv_1`), `compile_time_args` (list of
  unsigned 32-bit ints); optional: `noc` (`noc_0` | `noc_1`, default the processor's own NOC),
  `named_compile_time_args` (object name -> uint32, for `get_named_compile_time_arg_val`),
  `defines` (object NAME -> value, the kernel's preprocessor defines), `compute_config`
  (`math_fidelity`, `fp32_dest_acc`, `dst_full_sync`);
- optional `cbs[]`: `index` and `data_format` (`bf16` | `f16` | `f32` | `bfp8_b` | `bfp4_b` |
  `i32` | `u32`), the data formats the generated descriptors give each CB (default bf16).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tt_dialect.metal_enums import DATA_FORMATS, MATH_FIDELITY
from tt_dialect.metal_versions import DEFAULT_API, RELEASES, api_for_release
from tt_dialect.tools import metal_wheel

PROG = "tt-check-kernels"
PLAN_FILE = "tt.plan.json"
HERE = Path(__file__).resolve().parent
COMPUTE_API_WRAPPER = HERE / "kernel_check" / "compute_api.cc"
STUBS = HERE / "kernel_check" / "stubs"  # headers of the sfpi toolchain (not on PyPI)

COMPILERS = ("g++", "zig-rv32")
COMPILE_TIMEOUT_S = 600
MAX_ERRORS_SHOWN = 12


class UsageError(Exception):
    """A missing file, a bad plan, a missing tool: reported as one line, exit status 2."""


# --------------------------------------------------------------------------- architectures


@dataclass(frozen=True)
class Arch:
    name: str  # our name (tt.plan.json, tt_dialect.device)
    define: str  # -DARCH_...
    hw: str  # hw/inc/internal/tt-1xx/<hw>
    llk: str  # hw/ckernels/<llk>, tt-llk/tt_llk_<llk>
    num_cbs: int  # NUM_CIRCULAR_BUFFERS for device code of this arch
    dram_banks: int
    l1_banks: int


# DRAM bank counts as on an n150 (12) and a p150 (8); the L1 bank counts are representative.
# Any consistent values do for a compile check; non-powers of two take the division-based
# address path (IS_NOT_POW2_NUM_*_BANKS), powers of two the shift-based one.
ARCHES: dict[str, Arch] = {
    "wormhole_b0": Arch("wormhole_b0", "ARCH_WORMHOLE", "wormhole", "wormhole_b0", 32, 12, 64),
    "blackhole": Arch("blackhole", "ARCH_BLACKHOLE", "blackhole", "blackhole", 64, 8, 140),
}


# --------------------------------------------------------------------------- the plan

ROLES = ("reader", "compute", "writer")
DATAFLOW_PROCESSORS = {"riscv_0": "brisc", "riscv_1": "ncrisc"}
DEFAULT_NOC = {"riscv_0": 0, "riscv_1": 1}
NOCS = {"noc_0": 0, "noc_1": 1}

DEFAULT_FORMAT = "bf16"

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_U32_MAX = 2**32 - 1


@dataclass(frozen=True)
class ComputeConfig:
    math_fidelity: int = 4
    fp32_dest_acc: bool = False
    dst_full_sync: bool = False


@dataclass(frozen=True)
class KernelSpec:
    file: str
    path: Path
    role: str
    processor: str
    compile_time_args: tuple[int, ...]
    named_compile_time_args: tuple[tuple[str, int], ...] = ()
    defines: tuple[tuple[str, str], ...] = ()
    noc: int = 0
    compute: ComputeConfig = field(default_factory=ComputeConfig)

    @property
    def is_compute(self) -> bool:
        return self.processor == "compute"


@dataclass(frozen=True)
class Plan:
    arch: str | None
    kernels: tuple[KernelSpec, ...]
    cb_formats: tuple[tuple[int, str], ...]
    metal_version: str = DEFAULT_API.release


def _plan_error(where: str, message: str) -> UsageError:
    return UsageError(f"{where}: {message}")


def _uint32(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _U32_MAX


def _parse_kernel(directory: Path, where: str, entry: Any) -> KernelSpec:
    if not isinstance(entry, dict):
        raise _plan_error(where, "is not an object")
    for key in ("file", "role", "processor", "compile_time_args"):
        if key not in entry:
            raise _plan_error(where, f"has no '{key}'")
    file = entry["file"]
    if not isinstance(file, str) or not file or Path(file).is_absolute() or '"' in file:
        raise _plan_error(f"{where}.file", f"{file!r} is not a relative path")
    role = entry["role"]
    if role not in ROLES:
        raise _plan_error(f"{where}.role", f"{role!r} is not one of {', '.join(ROLES)}")
    processor = entry["processor"]
    if processor not in (*DATAFLOW_PROCESSORS, "compute"):
        raise _plan_error(
            f"{where}.processor", f"{processor!r} is not one of riscv_0, riscv_1, compute"
        )
    if (role == "compute") != (processor == "compute"):
        raise _plan_error(where, f"a {role} kernel cannot run on processor {processor!r}")
    ct_args = entry["compile_time_args"]
    if not isinstance(ct_args, list) or not all(_uint32(v) for v in ct_args):
        raise _plan_error(f"{where}.compile_time_args", "is not a list of unsigned 32-bit integers")
    named = entry.get("named_compile_time_args", {})
    if not isinstance(named, dict) or not all(
        _IDENT.match(k) and _uint32(v) for k, v in named.items()
    ):
        raise _plan_error(
            f"{where}.named_compile_time_args",
            "is not an object of identifier -> unsigned 32-bit integer",
        )
    defines = entry.get("defines", {})
    if not isinstance(defines, dict) or not all(
        _IDENT.match(k)
        and (isinstance(v, str | int) and not isinstance(v, bool))
        and "\n" not in str(v)
        for k, v in defines.items()
    ):
        raise _plan_error(f"{where}.defines", "is not an object of identifier -> string or integer")
    noc = DEFAULT_NOC.get(processor, 0)
    if "noc" in entry and processor != "compute":
        if entry["noc"] not in NOCS:
            raise _plan_error(f"{where}.noc", f"{entry['noc']!r} is not noc_0 or noc_1")
        noc = NOCS[entry["noc"]]
    compute = ComputeConfig()
    if "compute_config" in entry and processor == "compute":
        compute = _parse_compute_config(f"{where}.compute_config", entry["compute_config"])
    path = directory / file
    if not path.is_file():
        raise UsageError(f"{path}: no such kernel file (named by {where}.file)")
    return KernelSpec(
        file=file,
        path=path.resolve(),
        role=role,
        processor=processor,
        compile_time_args=tuple(ct_args),
        named_compile_time_args=tuple(named.items()),
        defines=tuple((k, str(v)) for k, v in defines.items()),
        noc=noc,
        compute=compute,
    )


def _parse_compute_config(where: str, config: Any) -> ComputeConfig:
    if not isinstance(config, dict):
        raise _plan_error(where, "is not an object")
    fidelity = config.get("math_fidelity", "hifi4")
    if fidelity not in MATH_FIDELITY:
        raise _plan_error(
            f"{where}.math_fidelity", f"{fidelity!r} is not one of {', '.join(MATH_FIDELITY)}"
        )
    flags = {}
    for key in ("fp32_dest_acc", "dst_full_sync"):
        value = config.get(key, False)
        if not isinstance(value, bool):
            raise _plan_error(f"{where}.{key}", "is not a boolean")
        flags[key] = value
    return ComputeConfig(MATH_FIDELITY[fidelity], **flags)


def _parse_cbs(plan_path: Path, cbs: Any) -> tuple[tuple[int, str], ...]:
    if not isinstance(cbs, list):
        raise _plan_error(f"{plan_path}: cbs", "is not a list")
    formats: dict[int, str] = {}
    for i, cb in enumerate(cbs):
        where = f"{plan_path}: cbs[{i}]"
        if not isinstance(cb, dict) or not _uint32(cb.get("index")):
            raise _plan_error(where, "has no integer 'index'")
        fmt = cb.get("data_format", DEFAULT_FORMAT)
        if fmt not in DATA_FORMATS:
            raise _plan_error(
                f"{where}.data_format", f"{fmt!r} is not one of {', '.join(DATA_FORMATS)}"
            )
        formats[cb["index"]] = fmt
    return tuple(sorted(formats.items()))


def load_plan(directory: Path) -> Plan:
    """Read and validate `DIR/tt.plan.json` (the fields listed in the module docstring)."""
    if not directory.is_dir():
        raise UsageError(f"{directory}: no such directory")
    plan_path = directory / PLAN_FILE
    if not plan_path.is_file():
        raise UsageError(f"{plan_path}: no such file (an artifact directory needs a plan)")
    try:
        data = json.loads(plan_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"{plan_path}: cannot read: {err}") from None
    except json.JSONDecodeError as err:
        raise UsageError(f"{plan_path}: not valid JSON: {err}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{plan_path}: not a JSON object")
    arch = data.get("arch")
    if arch is not None and not isinstance(arch, str):
        raise _plan_error(f"{plan_path}: arch", "is not a string")
    kernels = data.get("kernels")
    if not isinstance(kernels, list) or not kernels:
        raise UsageError(f"{plan_path}: 'kernels' is missing or not a non-empty list")
    specs = tuple(
        _parse_kernel(directory, f"{plan_path}: kernels[{i}]", entry)
        for i, entry in enumerate(kernels)
    )
    seen: set[Path] = set()
    for spec in specs:
        if spec.path in seen:
            raise UsageError(f"{plan_path}: two kernels name the file {spec.file}")
        seen.add(spec.path)
    cb_formats = _parse_cbs(plan_path, data["cbs"]) if "cbs" in data else ()
    version = data.get("metal_version", DEFAULT_API.release)
    try:
        version = api_for_release(version, "metal_version").release
    except ValueError as err:
        raise UsageError(f"{plan_path}: {err}") from None
    return Plan(arch=arch, kernels=specs, cb_formats=cb_formats, metal_version=version)


# --------------------------------------------------------------------------- compile commands


@dataclass(frozen=True)
class Check:
    kernel: KernelSpec
    mode: str  # ncrisc | brisc | compute-api | trisc-pack
    compiler: str  # g++ | zig-rv32

    @property
    def label(self) -> str:
        return f"{self.kernel.file} {self.mode} {self.compiler}"


@dataclass
class Result:
    check: Check
    status: str  # PASS | FAIL | SKIP
    errors: list[str]  # the compiler's error lines (FAIL) or why the check was skipped (SKIP)
    command: list[str]

    @property
    def ok(self) -> bool:
        return self.status != "FAIL"


def checks_for(kernel: KernelSpec, compilers: Sequence[str]) -> list[Check]:
    """The checks of one kernel, in a fixed order."""
    out = []
    for compiler in compilers:
        if kernel.is_compute:
            out.append(Check(kernel, "compute-api", compiler))
            if compiler == "g++":  # the pack thread's LLK code uses GCC-only attribute syntax
                out.append(Check(kernel, "trisc-pack", compiler))
        else:
            out.append(Check(kernel, DATAFLOW_PROCESSORS[kernel.processor], compiler))
    return out


def include_dirs(root: Path, arch: Arch) -> list[Path]:
    """The kernel build's include path (tt-metal's JIT include list for a Tensix kernel)."""
    tm = root / "ttnn" / "tt_metal"
    hw = tm / "hw" / "inc" / "internal" / "tt-1xx" / arch.hw
    ck = tm / "hw" / "ckernels" / arch.llk / "metal"
    llk = tm / "tt-llk" / f"tt_llk_{arch.llk}"
    return [
        tm / "hw" / "inc",
        tm / "hw" / "inc" / "internal",
        tm / "hw" / "inc" / "internal" / "tt-1xx",
        hw,
        hw / f"{arch.llk}_defines",
        hw / "noc",
        ck / "common",
        ck / "llk_io",
        ck / "llk_api",
        ck / "llk_api" / "llk_sfpu",
        llk / "common" / "inc",
        llk / "common" / "inc" / "sfpu",
        llk / "llk_lib",
        llk / "llk_lib" / "hal",
        tm / "tt-llk" / "common",
        tm / "tt-llk" / "tools" / "include",
        tm / "hostdevcommon" / "api",
        tm / "api",
        tm,
        root / "ttnn",  # "tt_metal/...", "ttnn/cpp/ttnn/..." includes
        root / "ttnn" / "ttnn" / "cpp",  # "ttnn/operations/..." includes of tt-metal's kernels
        STUBS,  # last: only what nothing above provides
    ]


def _bank_defines(prefix: str, count: int) -> list[str]:
    out = [f"-DNUM_{prefix}_BANKS={count}"]
    if count & (count - 1):
        out.append(f"-DIS_NOT_POW2_NUM_{prefix}_BANKS=1")
    else:
        out.append(f"-DLOG_BASE_2_OF_NUM_{prefix}_BANKS={count.bit_length() - 1}")
    return out


def defines_for(check: Check, arch: Arch) -> list[str]:
    """-D flags: what the JIT passes for this processor, plus the kernel's own arguments."""
    k = check.kernel
    flags = [
        f"-D{arch.define}",
        "-DKERNEL_BUILD",
        "-DTENSIX_FIRMWARE",
        "-DLOCAL_MEM_EN=0",
        "-DNOC_MODE=0",  # DM_DEDICATED_NOC
        *_bank_defines("DRAM", arch.dram_banks),
        *_bank_defines("L1", arch.l1_banks),
        "-DPCIE_NOC_X=0",
        "-DPCIE_NOC_Y=3",
        "-DDISPATCH_MESSAGE_ADDR=0",
        "-DPROGRAMMABLE_CORE_TYPE=0",
        "-DKERNEL_COMPILE_TIME_ARGS=" + ",".join(str(v) for v in k.compile_time_args),
    ]
    if k.named_compile_time_args:
        pairs = ",".join(f'{{"{name}",{value}}}' for name, value in k.named_compile_time_args)
        flags.append(f"-DKERNEL_COMPILE_TIME_ARG_MAP={pairs}")
    if check.mode == "brisc":
        flags += ["-DCOMPILE_FOR_BRISC", "-DPROCESSOR_INDEX=0", f"-DNOC_INDEX={k.noc}"]
    elif check.mode == "ncrisc":
        flags += ["-DCOMPILE_FOR_NCRISC", "-DPROCESSOR_INDEX=1", f"-DNOC_INDEX={k.noc}"]
    elif check.mode == "compute-api":
        flags += [
            "-DCOMPILE_FOR_TRISC=1",
            "-DPROCESSOR_INDEX=3",
            "-DNOC_INDEX=0",
            f"-DTT_CHECK_DST_ACCUM_MODE={int(k.compute.fp32_dest_acc)}",
            f"-DTT_CHECK_DST_FULL_SYNC={int(k.compute.dst_full_sync)}",
        ]
    elif check.mode == "trisc-pack":
        flags += [
            "-DCOMPILE_FOR_TRISC=2",
            "-DUCK_CHLKC_PACK",
            "-DNAMESPACE=chlkc_pack",
            "-DPROCESSOR_INDEX=4",
            "-DNOC_INDEX=0",
        ]
    flags += [f"-D{name}={value}" for name, value in k.defines]
    return flags


def source_for(check: Check, root: Path) -> Path:
    firmware = root / "ttnn" / "tt_metal" / "hw" / "firmware" / "src" / "tt-1xx"
    return {
        "brisc": firmware / "brisck.cc",
        "ncrisc": firmware / "ncrisck.cc",
        "trisc-pack": firmware / "trisck.cc",
        "compute-api": COMPUTE_API_WRAPPER,
    }[check.mode]


def _array(ctype: str, name: str, values: Sequence[int]) -> str:
    return f"constexpr {ctype} {name}[{len(values)}] = {{{', '.join(map(str, values))}}};\n"


def descriptors_header(plan: Plan, kernel: KernelSpec, arch: Arch) -> str:
    """`chlkc_descriptors.h`: the JIT's per-kernel data-format and tile descriptors.

    Every CB gets the data format the plan gives it (bf16 otherwise) and a 32x32 tile of four
    16x16 faces. Dataflow kernels see the unpack and pack tables (dataflow_api.h includes the
    header when it exists, as in a real build); each TRISC thread sees its own.
    """
    formats = dict(plan.cb_formats)
    codes = [DATA_FORMATS[formats.get(i, DEFAULT_FORMAT)][0] for i in range(arch.num_cbs)]
    sizes = [DATA_FORMATS[formats.get(i, DEFAULT_FORMAT)][1] for i in range(arch.num_cbs)]
    n = arch.num_cbs

    def tiles(prefix: str) -> str:
        return "".join(
            _array(ctype, prefix + name, values)
            for ctype, name, values in (
                ("std::uint8_t", "tile_num_faces", [4] * n),
                ("std::uint8_t", "partial_face", [0] * n),
                ("std::uint8_t", "tile_face_r_dim", [16] * n),
                ("std::uint8_t", "narrow_tile", [0] * n),
                ("std::uint8_t", "tile_r_dim", [32] * n),
                ("std::uint8_t", "tile_c_dim", [32] * n),
                ("std::uint16_t", "tile_size", sizes),
                ("std::uint8_t", "num_faces_r_dim", [2] * n),
                ("std::uint8_t", "num_faces_c_dim", [2] * n),
            )
        )

    cfg = kernel.compute
    sync = "SyncFull" if cfg.dst_full_sync else "SyncHalf"
    return (
        "// Generated by tt-check-kernels for " + kernel.file + "\n"
        "#pragma once\n#include <cstdint>\n"
        '#if defined(UCK_CHLKC_MATH)\n#include "llk_defs.h"\n'
        "constexpr ckernel::MathFidelity MATH_FIDELITY = "
        f"static_cast<ckernel::MathFidelity>({cfg.math_fidelity});\n"
        "constexpr bool APPROX = false;\n#endif\n"
        "#if !defined(UCK_CHLKC_PACK)\n"
        + _array("std::int32_t", "unpack_src_format", codes)
        + _array("std::int32_t", "unpack_dst_format", codes)
        + tiles("unpack_")
        + "#endif\n#if !defined(UCK_CHLKC_MATH) && !defined(UCK_CHLKC_UNPACK)\n"
        + _array("unsigned char", "pack_src_format", codes)
        + _array("unsigned char", "pack_dst_format", codes)
        + tiles("pack_")
        + "#if defined(UCK_CHLKC_PACK)\n"
        + _array("std::int32_t", "unpack_src_format", codes)
        + "#endif\n#endif\n"
        "#if defined(UCK_CHLKC_MATH) || defined(UCK_CHLKC_PACK) || defined(UCK_CHLKC_UNPACK)\n"
        f"constexpr bool DST_ACCUM_MODE = {'true' if cfg.fp32_dest_acc else 'false'};\n"
        f"#define DST_SYNC_MODE DstSync::{sync}\n#endif\n"
    )


def write_generated(gen: Path, plan: Plan, kernel: KernelSpec, arch: Arch) -> None:
    """The JIT-generated files a kernel build includes, written into `gen`."""
    include = f'#include "{kernel.path}"\n'
    (gen / "kernel_includes.hpp").write_text(include)
    (gen / "chlkc_descriptors.h").write_text(descriptors_header(plan, kernel, arch))
    (gen / "defines_generated.h").write_text("// kernel defines are passed as -D flags\n")
    for thread in ("unpack", "math", "pack", "isolate_sfpu"):
        (gen / f"chlkc_{thread}.cpp").write_text(
            f'#define TRISC_{thread.upper()}\n#include "defines_generated.h"\n{include}'
        )


# Warnings the headers trigger on a 64-bit host; silenced so that failures stay readable.
GXX_QUIET = [
    "-Wno-attributes",
    "-Wno-int-to-pointer-cast",
    "-Wno-pointer-arith",
    "-Wno-volatile",
    "-Wno-unused-variable",
    "-Wno-unused-but-set-variable",
]


def command_for(check: Check, arch: Arch, root: Path, gen: Path, obj: Path) -> list[str]:
    includes = [f"-I{gen}", *(f"-I{d}" for d in include_dirs(root, arch))]
    common = [
        "-std=c++20",
        "-fno-exceptions",
        "-fno-rtti",
        "-fdiagnostics-color=never",
        *defines_for(check, arch),
        *includes,
    ]
    if check.compiler == "g++":
        return [
            "g++",
            "-fsyntax-only",
            "-fpermissive",
            "-Werror=deprecated-declarations",
            *GXX_QUIET,
            *common,
            str(source_for(check, root)),
        ]
    return [
        sys.executable,
        "-m",
        "ziglang",
        "c++",
        "-target",
        "riscv32-linux-musl",
        "-mcpu=generic_rv32+m+a",
        "-Os",
        # eth_l1_address_map.h names std::size_t without including <cstddef>; the device
        # toolchain's headers bring it in implicitly, libc++'s do not.
        "-include",
        "cstddef",
        # -w would also hide the deprecation errors under clang: silence everything else instead.
        "-Wno-everything",
        "-Werror=deprecated-declarations",
        *common,
        "-c",
        "-o",
        str(obj),
        str(source_for(check, root)),
    ]


# --------------------------------------------------------------------------- diagnostics

_DIAG = re.compile(
    r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?:(?P<col>\d+):)? "
    r"(?P<sev>fatal error|error|warning|note): (?P<msg>.*)$"
)
_EXCERPT = re.compile(r"^\s*(\d+\s*)?\|")
_CONTEXT = re.compile(r"^(?P<file>[^:\s][^:]*):\d+:\d+:\s+(required from|in .constexpr. expansion)")


def _same_file(a: str, b: Path) -> bool:
    try:
        return Path(a).resolve() == b
    except OSError:
        return False


def error_lines(output: str, kernel: Path) -> list[str]:
    """The compiler's errors (each with its source excerpt and notes) from `output`.

    An error raised inside a header is followed by the lines of its instantiation context
    ("required from here") that point into the kernel, so the kernel line that caused it shows.
    A host-g++ `[-fpermissive]` warning in the kernel itself counts as an error: the device
    compiler rejects it. Pointer-width ones ("loses precision") do not: they only fail on a
    64-bit host.
    """
    shown: list[str] = []
    context: list[str] = []  # instantiation context of the next diagnostic, in the kernel
    errors = 0
    keep = False
    for line in output.splitlines():
        m = _DIAG.match(line)
        if m:
            sev = m["sev"]
            is_error = sev in ("error", "fatal error") or (
                sev == "warning"
                and "[-fpermissive]" in m["msg"]
                and "loses precision" not in m["msg"]
                and _same_file(m["file"], kernel)
            )
            if is_error:
                errors += 1
                keep = errors <= MAX_ERRORS_SHOWN
                if keep:
                    # An escalated -fpermissive warning is shown as the error it is on the device.
                    shown.append(line.replace(": warning: ", ": error: ", 1))
                    shown.extend(f"  {c.strip()}" for c in context)
            elif sev == "note" and keep:
                shown.append(line)
            else:
                keep = False
            context = []
            continue
        ctx = _CONTEXT.match(line)
        if ctx:
            if _same_file(ctx["file"], kernel):
                context.append(line)
            keep = False
        elif (
            keep
            and (_EXCERPT.match(line) or line.startswith(" "))
            and not line.lstrip().startswith(("In ", "from "))
        ):
            shown.append(line)
        else:
            keep = False
    if errors > MAX_ERRORS_SHOWN:
        shown.append(f"... and {errors - MAX_ERRORS_SHOWN} more errors")
    return shown


def _defines_kernel_main(obj: Path) -> tuple[bool, str]:
    """Is `obj` a 32-bit RISC-V ELF object that defines `kernel_main()`?"""
    try:
        head = obj.read_bytes()[:20]
    except OSError as err:
        return False, f"no object written: {err}"
    if head[:4] != b"\x7fELF" or head[4] != 1 or int.from_bytes(head[18:20], "little") != 243:
        return False, f"{obj.name} is not a 32-bit RISC-V ELF object"
    nm = shutil.which("nm")
    if nm is None:
        return True, ""
    proc = subprocess.run(
        [nm, "-C", "--defined-only", str(obj)], check=False, capture_output=True, text=True
    )
    if not re.search(r" T kernel_main\(\)$", proc.stdout, re.MULTILINE):
        return False, f"{obj.name} does not define kernel_main()"
    return True, ""


_SFPI_MISSING = re.compile(r"fatal error: '?sfpi\.h'?: (No such file or directory|file not found)")
_ANY_ERROR = re.compile(r"^[^\s].*?: (fatal error|error): ", re.MULTILINE)
SFPI_SKIP = (
    "needs sfpi.h: the SFPU ops' pack-thread code includes the sfpi toolchain's header, "
    "which is not on PyPI; compute-api checked every call"
)


def _only_sfpi_missing(output: str, check: Check) -> bool:
    """Did a pack-thread compile stop at the missing `sfpi.h`, with no error before it?

    The SFPU ops' LLK headers (exp, relu, gelu, the ones in compute_kernel_api.h, ...) include
    the sfpi toolchain's `sfpi.h` in the pack thread too. That is a limit of this machine, not
    a fault of the kernel, so such a check is skipped (compute-api still checks the calls).
    """
    if check.mode != "trisc-pack":
        return False
    errors = _ANY_ERROR.findall(output)
    return len(errors) == 1 and _SFPI_MISSING.search(output) is not None


def run_check(
    check: Check, plan: Plan, arch: Arch, root: Path, scratch: Path, keep: bool = False
) -> Result:
    """Compile one check in its own folder of generated files (removed unless `keep`)."""
    gen = Path(tempfile.mkdtemp(prefix="gen-", dir=scratch))
    try:
        write_generated(gen, plan, check.kernel, arch)
        obj = gen / "kernel.o"
        cmd = command_for(check, arch, root, gen, obj)
        if keep:
            (gen / "command.sh").write_text(shlex.join(cmd) + "\n")
        env = dict(os.environ)
        if check.compiler == "zig-rv32":
            zig = metal_wheel.cache_root() / "zig"
            env["ZIG_GLOBAL_CACHE_DIR"] = str(zig / "global")
            env["ZIG_LOCAL_CACHE_DIR"] = str(zig / "local")
        try:
            proc = subprocess.run(
                cmd,
                check=False,
                capture_output=True,
                text=True,
                env=env,
                timeout=COMPILE_TIMEOUT_S,
                cwd=gen,
            )
        except subprocess.TimeoutExpired:
            return Result(check, "FAIL", [f"compiler timed out after {COMPILE_TIMEOUT_S} s"], cmd)
        except OSError as err:
            return Result(check, "FAIL", [f"cannot run {cmd[0]}: {err}"], cmd)
        output = proc.stderr + proc.stdout
        errors = error_lines(output, check.kernel.path)
        if proc.returncode != 0 and _only_sfpi_missing(output, check):
            return Result(check, "SKIP", [SFPI_SKIP], cmd)
        ok = proc.returncode == 0 and not errors
        if proc.returncode != 0 and not errors:
            errors = output.strip().splitlines()[-20:] or [
                f"compiler exit status {proc.returncode}"
            ]
        if ok and check.compiler == "zig-rv32":
            ok, problem = _defines_kernel_main(obj)
            if not ok:
                errors = [problem]
        return Result(check, "PASS" if ok else "FAIL", [] if ok else errors, cmd)
    finally:
        if not keep:
            shutil.rmtree(gen, ignore_errors=True)


# --------------------------------------------------------------------------- driver


def _require_tools(compilers: Sequence[str]) -> None:
    if "g++" in compilers and shutil.which("g++") is None:
        raise UsageError("g++ is not installed (needed by --compiler g++)")
    if "zig-rv32" in compilers and importlib.util.find_spec("ziglang") is None:
        raise UsageError(
            "the zig-rv32 compiler needs the ziglang package: pip install ziglang "
            "(or use --compiler g++)"
        )


def run(
    directory: Path,
    arch_name: str | None,
    compilers: Sequence[str],
    verbose: bool,
    metal_version: str | None = None,
) -> int:
    plan = load_plan(directory)
    name = arch_name or plan.arch
    if name is None:
        raise UsageError(f"{directory / PLAN_FILE}: no 'arch' (pass --arch)")
    if name not in ARCHES:
        raise UsageError(
            f"{directory / PLAN_FILE}: arch {name!r} is not one of {', '.join(ARCHES)}"
        )
    arch = ARCHES[name]
    _require_tools(compilers)
    try:
        root = metal_wheel.metal_root(metal_version or plan.metal_version)
    except metal_wheel.MetalFetchError as err:
        raise UsageError(str(err)) from None
    checks = [c for k in plan.kernels for c in checks_for(k, compilers)]
    scratch_base = metal_wheel.cache_root() / "check-kernels"
    try:
        scratch_base.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix="run-", dir=scratch_base))
    except OSError as err:
        raise UsageError(f"cannot create a scratch folder in {scratch_base}: {err}") from None
    try:
        with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
            results = list(
                pool.map(lambda c: run_check(c, plan, arch, root, scratch, verbose), checks)
            )
    finally:
        if not verbose:
            shutil.rmtree(scratch, ignore_errors=True)
    failed = 0
    for result in results:
        if result.status == "SKIP":
            print(f"SKIP {result.check.label} ({result.errors[0]})")
        else:
            print(f"{result.status} {result.check.label}")
            for line in result.errors:
                print(f"  {line}")
        if verbose:  # the generated files are kept: the command can be run again as printed
            print(f"  $ {shlex.join(result.command)}")
        failed += not result.ok
    sys.stdout.flush()
    if failed:
        print(f"{PROG}: {failed} of {len(results)} checks failed", file=sys.stderr)
        return 1
    return 0


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit status 2
        self.exit(2, f"{PROG}: error: {message}\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _Parser(
        prog=PROG,
        description="Compile an artifact directory's kernels against the headers of the tt-metal "
        "release its plan targets.",
    )
    parser.add_argument("dir", type=Path, help="artifact directory: kernels and tt.plan.json")
    parser.add_argument("--arch", choices=sorted(ARCHES), help="override the plan's arch")
    parser.add_argument(
        "--metal-version", choices=RELEASES, help="override the plan's metal_version (default 0.74.0)"
    )
    parser.add_argument("--compiler", choices=(*COMPILERS, "both"), default="both")
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="print each compile command and keep its generated files (in .cache/check-kernels/)",
    )
    args = parser.parse_args(argv)
    compilers = COMPILERS if args.compiler == "both" else (args.compiler,)
    try:
        return run(args.dir, args.arch, compilers, args.verbose, args.metal_version)
    except UsageError as err:
        sys.stdout.flush()
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
