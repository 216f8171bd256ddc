"""The real TT-Metalium device-side trees, from the `ttnn` wheels of the releases we target.

One tree per release (`tt_dialect.metal_versions`: 0.74.0, the default, and 0.81.1); every
function takes the release as `version` (a `"0.81.1"` string or a `MetalApi`). The `ttnn` wheel
on PyPI ships tt-metal's kernel headers (`ttnn/tt_metal/hw`,
`ttnn/tt_metal/tt-llk`, ...), tt-metal's own kernels
(`ttnn/ttnn/cpp/ttnn/operations/**/kernels/`) and the host library `ttnn/build/lib/libtt_metal.so`.
`metal_root()` downloads the wheel once (pip, the cp312 manylinux build: the files we need do not
depend on the Python version) and unpacks only those parts into the project-local cache,
`<repo>/.cache/metal/ttnn-<version>/` (`TT_CACHE_DIR` moves the whole `.cache/` folder elsewhere).
A wheel already in `<cache>/metal/` (`ttnn-<version>-*manylinux*.whl`, e.g. one copied there for
a machine without network) is unpacked instead of downloading it.

The unpacked tree is built in a temporary folder beside the final one and renamed into place, so
a concurrent or interrupted fetch never leaves a half-unpacked tree behind; a fetch that loses
the race throws its copy away and uses the winner's.

Run as a script (`python -m tt_dialect.tools.metal_wheel [VERSION ...]`) to fetch and print the
roots (the default release without arguments).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from tt_dialect.metal_versions import DEFAULT_API, RELEASES, MetalApi, api_for_release
from tt_dialect.project_paths import cache_root

TTNN_VERSION = DEFAULT_API.release
"""The tt-metal release our kernels and host program target by default."""

WHEEL_PYTHON = "3.12"
WHEEL_PLATFORM = "manylinux_2_34_x86_64"

# Prefixes (inside the wheel) of what we unpack.
_KEEP_PREFIXES = (
    "ttnn/tt_metal/hw/",  # kernel API (api/dataflow, api/compute), firmware headers, ckernels
    "ttnn/tt_metal/tt-llk/",  # low-level kernels for the compute threads
    "ttnn/tt_metal/hostdevcommon/",
    "ttnn/tt_metal/api/",
    "ttnn/tt_metal/tools/",  # tools/profiler/kernel_profiler.hpp, included by the firmware wrappers
    "ttnn/tt_metal/sfpi-version",
    "ttnn/tt_metal/fabric/",  # fabric kernel headers some tt-metal kernels include
    "ttnn/tt_metal/impl/dispatch/kernels/",
    "ttnn/ttnn/cpp/ttnn/",  # tt-metal's own kernels (positive controls) and their headers
    "ttnn/build/lib/libtt_metal.so",
)
# Prebuilt firmware objects: big and useless for a compile check.
_SKIP_PARTS = ("/pre-compiled/",)
# Only the source and header files of the operations tree (it also holds host .so-side sources).
_SOURCE_SUFFIXES = (".h", ".hpp", ".hh", ".inl", ".cpp", ".cc", ".c", ".tpp", ".ipp")

_COMPLETE_MARK = ".complete"
LAYOUT = 1
"""Bumped whenever what we unpack changes, so that an older cached tree is fetched again."""


def _stamp(version: str) -> str:
    return f"ttnn=={version} layout {LAYOUT}"


class MetalFetchError(RuntimeError):
    """The wheel could not be downloaded or unpacked (the message is one line)."""


def cache_dir() -> Path:
    """Where the unpacked wheel lives: `<cache root>/metal`."""
    return cache_root() / "metal"


def release(version: str | MetalApi = TTNN_VERSION) -> str:
    """`version` as pip spells it, checked against the releases we target (a ValueError
    listing them otherwise)."""
    if isinstance(version, MetalApi):
        return version.release
    return api_for_release(version, "the ttnn version").release


def _tree_dir(version: str) -> Path:
    return cache_dir() / f"ttnn-{version}"


def _is_complete(tree: Path, version: str) -> bool:
    """Is `tree` a finished unpack of `version`, in this module's layout?"""
    try:
        return (tree / _COMPLETE_MARK).read_text().splitlines()[:1] == [_stamp(version)]
    except OSError:
        return False


def _wanted(name: str) -> bool:
    if not name.startswith(_KEEP_PREFIXES) or any(p in name for p in _SKIP_PARTS):
        return False
    if name.startswith("ttnn/ttnn/cpp/"):
        return name.endswith(_SOURCE_SUFFIXES)
    return True


def _cached_wheel(version: str) -> Path | None:
    """A wheel of `version` already in the cache folder (put there by hand), if any."""
    wheels = sorted(cache_dir().glob(f"ttnn-{version}-*-{WHEEL_PLATFORM}.whl"))
    return wheels[0] if wheels else None


def _download(dest: Path, version: str) -> Path:
    """pip-download the wheel of `version` into `dest` and return its path."""
    cmd = [
        sys.executable, "-m", "pip", "download",
        "--quiet", "--disable-pip-version-check", "--no-deps",
        "--only-binary=:all:",
        "--python-version", WHEEL_PYTHON,
        "--platform", WHEEL_PLATFORM,
        "-d", str(dest),
        f"ttnn=={version}",
    ]  # fmt: skip
    try:
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise MetalFetchError(f"cannot download ttnn=={version} with pip: {err}") from None
    wheels = sorted(dest.glob(f"ttnn-{version}-*.whl"))
    if proc.returncode != 0 or not wheels:
        lines = [ln.strip() for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
        errors = [ln for ln in lines if "error" in ln.lower()] or lines or ["no wheel downloaded"]
        raise MetalFetchError(
            f"cannot download ttnn=={version} ({WHEEL_PLATFORM}, py{WHEEL_PYTHON}) "
            f"with pip: {errors[-1]}"
        )
    return wheels[0]


def _unpack(wheel: Path, dest: Path) -> int:
    try:
        with zipfile.ZipFile(wheel) as zf:
            names = [n for n in zf.namelist() if _wanted(n)]
            zf.extractall(dest, names)
    except (OSError, zipfile.BadZipFile) as err:
        raise MetalFetchError(f"cannot unpack {wheel.name}: {err}") from None
    if not (dest / "ttnn" / "tt_metal" / "hw" / "inc" / "api").is_dir():
        raise MetalFetchError(f"{wheel.name} has no ttnn/tt_metal/hw/inc/api: not a tt-metal wheel")
    return len(names)


def fetch(version: str | MetalApi = TTNN_VERSION, *, quiet: bool = True) -> Path:
    """Download and unpack the wheel of `version` unless the cache has it; return the tree's
    root. A `version` we do not target is a `MetalFetchError` listing those we do."""
    try:
        version = release(version)
    except ValueError as err:
        raise MetalFetchError(str(err)) from None
    tree = _tree_dir(version)
    if _is_complete(tree, version):
        return tree
    base = cache_dir()
    try:
        base.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".fetch-", dir=base))
    except OSError as err:
        raise MetalFetchError(f"cannot create the cache folder {base}: {err}") from None
    try:
        if not quiet:
            print(f"fetching ttnn=={version} into {tree} ...", file=sys.stderr)
        wheel = _cached_wheel(version) or _download(work / "wheel", version)
        staged = work / "tree"
        count = _unpack(wheel, staged)
        (staged / _COMPLETE_MARK).write_text(f"{_stamp(version)}\n{wheel.name}: {count} files\n")
        if tree.exists() and not _is_complete(tree, version):
            # An older layout (or a tree not made by this module): move it aside atomically,
            # to be deleted with `work`; another fetch may have moved it already.
            try:
                os.rename(tree, work / "stale")
            except OSError:
                pass
        try:
            os.rename(staged, tree)
        except OSError:
            if not _is_complete(tree, version):  # not a lost race: a real failure
                raise
    except OSError as err:
        raise MetalFetchError(f"cannot install the unpacked wheel into {tree}: {err}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return tree


def metal_root(version: str | MetalApi = TTNN_VERSION) -> Path:
    """The unpacked wheel's root (it holds `ttnn/`) for `version`, fetching it on first use.

    `metal_root() / "ttnn" / "tt_metal"` is the kernel header tree,
    `metal_root() / "ttnn" / "ttnn" / "cpp" / "ttnn" / "operations"` tt-metal's own kernels and
    `metal_root() / "ttnn" / "build" / "lib" / "libtt_metal.so"` the host library.
    Raises `MetalFetchError` (one-line message) when the download fails.
    """
    return fetch(version)


def libtt_metal(version: str | MetalApi = TTNN_VERSION) -> Path:
    """Path of the `libtt_metal.so` of `version`'s wheel."""
    lib = metal_root(version) / "ttnn" / "build" / "lib" / "libtt_metal.so"
    if not lib.is_file():
        raise MetalFetchError(f"{lib} is missing from the unpacked wheel")
    return lib


def exported_symbols(version: str | MetalApi = TTNN_VERSION) -> set[str]:
    """Demangled names of what `version`'s `libtt_metal.so` defines and exports
    (`nm -DC --defined-only`).

    Functions appear with their full signature, e.g.
    `tt::tt_metal::CreateProgram()`. The listing is computed once per process.
    """
    return set(_exported_symbols(libtt_metal(version)))


@functools.cache
def _exported_symbols(lib: Path) -> frozenset[str]:
    try:
        proc = subprocess.run(
            ["nm", "-DC", "--defined-only", str(lib)], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError) as err:
        raise MetalFetchError(f"cannot list the symbols of {lib} with nm: {err}") from None
    names: set[str] = set()
    for line in proc.stdout.splitlines():
        # "<address> <type> <demangled name, which may contain spaces>"
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[2]:
            names.add(parts[2])
    return frozenset(names)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if any(arg.startswith("-") for arg in args):
        print(f"usage: python -m tt_dialect.tools.metal_wheel [{' | '.join(RELEASES)} ...]", file=sys.stderr)
        return 2
    try:
        for version in args or [TTNN_VERSION]:
            print(fetch(version, quiet=False))
    except MetalFetchError as err:
        print(f"metal_wheel: error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
