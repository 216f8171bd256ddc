"""The tt-cpp target: every artifact, on stdout or into a directory, and nothing on error."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tt_dialect.tools.environment import find_tool

ROOT = Path(__file__).resolve().parent.parent
GEMM = ROOT / "examples" / "gemm" / "gemm.mlir"
ADD = ROOT / "examples" / "elementwise" / "add.mlir"
FILES = ["reader.cpp", "compute.cpp", "writer.cpp", "main.cpp", "CMakeLists.txt", "tt.plan.json"]


def tt_opt(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    exe = find_tool("tt-opt")
    assert exe is not None
    return subprocess.run([exe, *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("example", [GEMM, ADD], ids=lambda p: p.stem)
def test_stdout_has_every_artifact_after_its_file_line(example: Path) -> None:
    run = tt_opt(str(example), "-p", "tt-pipeline", "-t", "tt-cpp")
    assert run.returncode == 0, run.stderr
    markers = [line[len("// FILE: ") :] for line in run.stdout.splitlines() if line.startswith("// FILE: ")]
    assert markers == FILES
    assert "void kernel_main() {" in run.stdout
    for deprecated in ("mm_init(", "noc_async_read_tile(", "noc_async_write_tile("):
        assert deprecated not in run.stdout


@pytest.mark.parametrize("example", [GEMM, ADD], ids=lambda p: p.stem)
def test_output_dir_gets_exactly_the_artifacts_byte_identical_across_runs(example: Path, tmp_path: Path) -> None:
    outputs = []
    for seed in ("0", "4242"):
        directory = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = tt_opt(str(example), "-p", "tt-pipeline", "-t", f'tt-cpp{{output-dir="{directory}"}}', env=env)
        assert run.returncode == 0, run.stderr
        assert run.stdout == ""
        assert sorted(p.name for p in directory.iterdir()) == sorted(FILES)
        outputs.append({name: (directory / name).read_bytes() for name in FILES})
    assert outputs[0] == outputs[1]
    stdout = tt_opt(str(example), "-p", "tt-pipeline", "-t", "tt-cpp").stdout
    for name in FILES:
        assert f"// FILE: {name}\n{outputs[0][name].decode()}" in stdout


def test_nothing_is_written_when_compilation_fails(tmp_path: Path) -> None:
    # 100 blocks per CB overflow L1: tt-verify, the pipeline's last stage, refuses.
    directory = tmp_path / "out"
    run = tt_opt(str(ADD), "-p", "tt-pipeline{cb-depth=100}", "-t", f'tt-cpp{{output-dir="{directory}"}}')
    assert run.returncode == 1
    assert "error: 'tt.program' op L1 overflow on core (0,0)" in run.stderr
    assert "Traceback" not in run.stderr
    assert not directory.exists()


def test_the_target_refuses_input_that_is_not_a_program() -> None:
    run = tt_opt(str(GEMM), "-t", "tt-cpp")
    assert run.returncode == 1
    assert "holds no tt.program for tt-cpp; run tt-pipeline (tt-split-kernels makes the program)" in run.stderr


def test_the_target_refuses_already_converted_kernels() -> None:
    run = tt_opt(str(GEMM), "-p", "tt-pipeline,convert-tt-to-emitc", "-t", "tt-cpp")
    assert run.returncode == 1
    assert "tt-cpp takes the hardware-level program" in run.stderr
