"""Every example of the main job (tools/main.sh), compiled for tt-metal 0.81.1 (`api-version`).

Each one is compiled as main.sh compiles it, with `api-version=0.81.1`: the TileLang examples
through `tilelang_tt.compile(..., api_version="0.81.1")` of the prim_func their `@jit` function
builds, the tile-program and linalg examples through `tt-pipeline{api-version=0.81.1}`. Then:

- its kernels pass `tt-check-kernels` (STRICT: a deprecated call is an error) against the
  `ttnn==0.81.1` wheel, which the plan's `metal_version` selects, with g++ and zig-rv32;
- it runs on the emulator and matches numpy, within the example's own tolerance.

The 0.74.0 side of the same checks is the main job itself and `test_real_headers.py`. The
spellings that differ are in `lit_tests/emit/convert_tt_to_emitc_metal_api.mlir`.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from tt_dialect.api import apply_pipeline, parse_module
from tt_dialect.emit.target import artifacts, write_artifacts
from tt_dialect.samples import bf16_values
from tt_dialect.tools import check_kernels, metal_wheel

ROOT = Path(__file__).resolve().parent.parent
VERSION = "0.81.1"


@pytest.fixture(scope="module")
def wheel() -> Path:
    try:
        return metal_wheel.metal_root(VERSION)
    except metal_wheel.MetalFetchError as err:
        pytest.skip(f"the ttnn {VERSION} wheel cannot be had: {err}")


def _example(path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(Path(path).stem, ROOT / path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Case:
    """One example: how main.sh builds its prim_func (or pipeline), its inputs and its check."""

    name: str
    build: Callable[[Path], None]
    """Writes the example's 0.81.1 artifacts into the folder."""
    inputs: Callable[[np.random.Generator, dict], dict[str, np.ndarray]]
    check: Callable[[dict[str, np.ndarray], np.ndarray], None]


def _jit(path: str, function: str, *args: object, **kwargs: object) -> Callable[[Path], None]:
    def build(out: Path) -> None:
        import tilelang_tt

        prim_func = getattr(_example(path), function).__wrapped__(*args, **kwargs)
        kernel = tilelang_tt.compile(prim_func, out_idx=[-1], api_version=VERSION)
        kernel.write_artifacts(out)

    return build


def _mlir(path: str, pipeline: str) -> Callable[[Path], None]:
    def build(out: Path) -> None:
        module = parse_module((ROOT / path).read_text(), file_name=path)
        apply_pipeline(module, pipeline)
        write_artifacts(artifacts(module), out)

    return build


def _random_bf16(rng: np.random.Generator, plan: dict) -> dict[str, np.ndarray]:
    return {t["name"]: bf16_values(rng, tuple(t["shape"])) for t in plan["tensors"] if t["role"] == "input"}


def _random_f32(scale: float) -> Callable[[np.random.Generator, dict], dict[str, np.ndarray]]:
    def inputs(rng: np.random.Generator, plan: dict) -> dict[str, np.ndarray]:
        return {
            t["name"]: rng.standard_normal(tuple(t["shape"]), dtype=np.float32) * np.float32(scale)
            for t in plan["tensors"]
            if t["role"] == "input"
        }

    return inputs


def _matches(reference: Callable[..., np.ndarray], atol: Callable[[np.ndarray], float]) -> Callable:
    def check(inputs: dict[str, np.ndarray], out: np.ndarray) -> None:
        ref = reference(*inputs.values())
        np.testing.assert_allclose(out, ref, rtol=0, atol=atol(ref))

    return check


def _bf16_gemm_tolerance(ref: np.ndarray) -> float:
    return float(np.abs(ref).max()) * 2.0**-8 + 1e-3  # example_gemm.py's


def _rms_norm(x: np.ndarray) -> np.ndarray:
    return _example("examples/norm/example_rms_norm.py").ref_program(x)


def _softmax(x: np.ndarray) -> np.ndarray:
    return _example("examples/softmax/example_softmax.py").ref_program(x)


CASES = [
    Case("example_gemm", _jit("examples/gemm/example_gemm.py", "matmul", 1024, 1024, 1024, 128, 128, 32),
         _random_bf16, _matches(lambda a, b: a @ b, _bf16_gemm_tolerance)),
    Case("example_gemm_1000", _jit("examples/gemm/example_gemm.py", "matmul", 1000, 1000, 1000, 128, 128, 32),
         _random_bf16, _matches(lambda a, b: a @ b, _bf16_gemm_tolerance)),
    Case("example_gemm_trans_b",
         _jit("examples/gemm/example_gemm_trans_b.py", "matmul", 1024, 1024, 1024, 128, 128, 32, trans_B=True),
         _random_bf16, _matches(lambda a, b: a @ b.T, _bf16_gemm_tolerance)),
    Case("example_elementwise_add",
         _jit("examples/elementwise/example_elementwise_add.py", "elementwise_add", 1024, 1024, 128, 128),
         _random_bf16, _matches(lambda a, b: a + b, lambda ref: 0.0)),
    Case("example_rms_norm", _jit("examples/norm/example_rms_norm.py", "rms_norm", 256, 512, 32),
         _random_f32(1.0), _matches(_rms_norm, lambda ref: 1e-5)),
    Case("example_rms_norm_splitk",
         _jit("examples/norm/example_rms_norm.py", "rms_norm_splitk", 256, 512, 32, 128),
         _random_f32(1.0), _matches(_rms_norm, lambda ref: 1e-5)),
    Case("example_softmax", _jit("examples/softmax/example_softmax.py", "softmax", 256, 512, 32),
         _random_f32(3.0), _matches(_softmax, lambda ref: 1e-6)),
    Case("gemm", _mlir("examples/gemm/gemm.mlir", f"tt-pipeline{{api-version={VERSION}}}"),
         _random_bf16, _matches(lambda a, b: a @ b, _bf16_gemm_tolerance)),
    Case("add", _mlir("examples/elementwise/add.mlir", f"tt-pipeline{{api-version={VERSION}}}"),
         _random_bf16, _matches(lambda a, b: a + b, lambda ref: float(np.abs(ref).max()) * 2.0**-8)),
    Case("matmul_relu",
         _mlir("examples/linalg/matmul_relu.mlir", f"convert-linalg-to-tt,tt-pipeline{{api-version={VERSION}}}"),
         _random_bf16, _matches(lambda a, b: np.maximum(a @ b, 0), _bf16_gemm_tolerance)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_example_for_0_81_1_passes_the_real_headers_and_matches_numpy(
    case: Case, wheel: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tt_dialect import emu

    out = tmp_path / case.name
    case.build(out)
    plan = json.loads((out / "tt.plan.json").read_text())
    assert plan["metal_version"] == VERSION
    status = check_kernels.main([str(out)])  # both compilers; the plan picks the 0.81.1 wheel
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "g++" in printed and "zig-rv32" in printed, printed
    inputs = case.inputs(np.random.default_rng(0), plan)
    outputs = emu.run(out, inputs)
    (output,) = (value for name, value in outputs.items() if name != "stats")
    case.check(inputs, output)


# --------------------------------------------------------------------------- the option and its readers


def test_the_option_lists_every_release() -> None:
    import typing

    from tt_dialect.metal_versions import RELEASES
    from tt_dialect.options import MetalApiOption

    hint = typing.get_type_hints(MetalApiOption)["api_version"]
    assert typing.get_args(hint) == RELEASES


def test_jit_takes_api_version() -> None:
    import tilelang_tt

    prim_func = _example("examples/elementwise/example_elementwise_add.py").elementwise_add.__wrapped__(64, 64, 32, 32)
    kernel = tilelang_tt.compile(prim_func, out_idx=[-1], api_version=VERSION)
    assert kernel.pipeline == f"tt-pipeline{{api-version={VERSION}}}"
    assert kernel.plan["metal_version"] == VERSION
    assert "add_init(" in kernel.artifacts["compute.cpp"]
    default = tilelang_tt.compile(prim_func, out_idx=[-1])
    assert default.plan["metal_version"] == "0.74.0"
    assert "add_tiles_init(" in default.artifacts["compute.cpp"]
    with pytest.raises(Exception, match=r"api-version must be one of 0\.74\.0, 0\.81\.1; got '0\.80'"):
        tilelang_tt.compile(prim_func, out_idx=[-1], api_version="0.80")


def test_check_kernels_refuses_a_release_it_does_not_know(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "k.cpp").write_text("void kernel_main() {}\n")
    plan = {
        "arch": "wormhole_b0",
        "metal_version": "0.80",
        "kernels": [{"file": "k.cpp", "role": "reader", "processor": "riscv_1", "compile_time_args": []}],
    }
    (tmp_path / "tt.plan.json").write_text(json.dumps(plan))
    assert check_kernels.main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "metal_version must be one of 0.74.0, 0.81.1; got '0.80'" in err
    with pytest.raises(SystemExit) as exit_:
        check_kernels.main([str(tmp_path), "--metal-version", "0.80"])
    assert exit_.value.code == 2
    assert "--metal-version: invalid choice: '0.80'" in capsys.readouterr().err
