"""The jit result and the compile cache of the TileLang front end, and the two examples.

The examples run as a user runs them (a subprocess, artifacts written, numerics checked by
the example itself against numpy); the kernel object's API and the cache are tested on a
small gemm so each emulator program builds once."""

from __future__ import annotations

import json
import re
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import tilelang_tt as tilelang
import tilelang_tt.jit_kernel as jit_module
import tilelang_tt.language as T
from tilelang_tt import CompileCache, TileLangError
from tilelang_tt.cache import COMPLETE, cache_key
from tt_dialect.emu.runner import round_bf16
from tt_dialect.samples import bf16_values

ROOT = Path(__file__).resolve().parent.parent
ARTIFACT_FILES = {"reader.cpp", "compute.cpp", "writer.cpp", "main.cpp", "CMakeLists.txt", "tt.plan.json"}


def small_gemm(M=64, N=64, K=64, bm=32, bn=32, bk=32, dtype="bfloat16"):
    @T.prim_func
    def gemm(A: T.Tensor((M, K), dtype), B: T.Tensor((K, N), dtype), C: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm), threads=128) as (bx, by):
            A_shared = T.alloc_shared((bm, bk), dtype)
            B_shared = T.alloc_shared((bk, bn), dtype)
            C_local = T.alloc_fragment((bm, bn), "float")
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, bk), num_stages=2):
                T.copy(A[by * bm, k * bk], A_shared)
                T.copy(B[k * bk, bx * bn], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[by * bm, bx * bn])

    return gemm


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh compile cache whose disk entries live under tmp_path."""
    monkeypatch.setenv("TT_CACHE_DIR", str(tmp_path / "cache"))
    return CompileCache()


@pytest.fixture
def compiles(monkeypatch):
    """Counts the pipeline runs (cache misses)."""
    calls = []
    real = jit_module._compile_module

    def counting(prim_func, pipeline):
        calls.append(pipeline)
        return real(prim_func, pipeline)

    monkeypatch.setattr(jit_module, "_compile_module", counting)
    return calls


# --------------------------------------------------------------------------- examples


def result_lines(stdout: str) -> list[str]:
    """The example's RESULT lines (`tt_dialect.emu.report`), each checked to have the one format
    every example prints: the max error within the tolerance, and the modeled time."""
    lines = [line for line in stdout.splitlines() if line.startswith("RESULT ")]
    for line in lines:
        assert re.fullmatch(
            r"RESULT [^:]+: max \|error\| \S+ <= tolerance \S+ \(max \|reference\| \S+\) PASS; "
            r"modeled [0-9.]+ us, [0-9.]+% of roofline \(\w+-bound\)",
            line,
        ), line
    return lines


@pytest.mark.parametrize(
    "script, message",
    [
        ("examples/gemm/example_gemm.py", "RESULT gemm 1024x1024x1024 C = A @ B: max |error| "),
        ("examples/elementwise/example_elementwise_add.py", "RESULT add 1024x1024 C = A + B: max |error| 0 <= tolerance 0 "),
    ],
)
def test_example_runs_writes_artifacts_and_matches_numpy(script, message, tmp_path):
    out = tmp_path / "artifacts"
    proc = subprocess.run(
        [sys.executable, str(ROOT / script), "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [line] = result_lines(proc.stdout)
    assert line.startswith(message)
    assert {p.name for p in out.iterdir()} == ARTIFACT_FILES
    plan = json.loads((out / "tt.plan.json").read_text())
    assert [t["role"] for t in plan["tensors"]] == ["input", "input", "output"]
    assert [t["shape"] for t in plan["tensors"]] == [[1024, 1024]] * 3


@pytest.mark.parametrize(
    "script, messages, calls",
    [
        ("examples/norm/example_rms_norm.py",
         ["RESULT rms_norm 64x256 B = rms_norm(A): ", "RESULT rms_norm_splitk 64x256 B = rms_norm(A): "],
         ["reduce_tile<PoolType::SUM, ReduceDim::REDUCE_ROW>", "rsqrt_tile(", "mul_tiles_bcast_cols("]),
        ("examples/softmax/example_softmax.py", ["RESULT softmax 64x256 Y = softmax(X): "],
         ["reduce_tile<PoolType::MAX, ReduceDim::REDUCE_ROW>", "sub_tiles_bcast_cols(", "exp2_tile(",
          "reduce_tile<PoolType::SUM, ReduceDim::REDUCE_ROW>", "recip_tile(", "mul_tiles_bcast_cols("]),
    ],
)
def test_norm_and_softmax_examples(script, messages, calls, tmp_path):
    """TileLang's RMSNorm (and its split-K form) and a row softmax, as users write them:
    each example checks its result against numpy itself (tolerances in the scripts)."""
    out = tmp_path / "artifacts"
    proc = subprocess.run(
        [sys.executable, str(ROOT / script), "--out", str(out), "--shape", "64", "256"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = result_lines(proc.stdout)
    assert [line[: len(message)] for line, message in zip(lines, messages)] == messages and len(lines) == len(messages)
    compute = (out / "compute.cpp").read_text()
    assert all(call in compute for call in calls), compute


def test_trans_b_example_compiles_the_branch_its_flag_takes(tmp_path):
    """examples/gemm/example_gemm_trans_b.py: `trans_B`, a Python flag, selects B's shape,
    its block copy and the transposed gemm with `if`s in the prim_func, as TileLang's gemm
    tests write it; the example checks C = A @ B^T against numpy itself."""
    out = tmp_path / "artifacts"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples/gemm/example_gemm_trans_b.py"), "--out", str(out),
         "--shape", "256", "384", "128"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [line] = result_lines(proc.stdout)
    assert line.startswith("RESULT gemm 256x384x128 C = A @ B^T: ")
    plan = json.loads((out / "tt.plan.json").read_text())
    assert [t["shape"] for t in plan["tensors"]] == [[256, 128], [384, 128], [256, 384]]
    # B's tiles are multiplied transposed: matmul_tiles after matmul_init(..., transpose = 1).
    assert "matmul_init(cb0, cb1, 1);" in (out / "compute.cpp").read_text()


# --------------------------------------------------------------------------- the kernel


def test_jit_result_api(cache, tmp_path):
    kernel = tilelang.compile(small_gemm(), out_idx=[-1], grid=(2, 2), cache=cache)
    ir = kernel.get_ir()
    assert ir.startswith("builtin.module {\n  func.func @gemm(%A: memref<64x64xbf16>")
    assert "tt.gemm %A_shared, %B_shared, %C_local" in ir
    assert set(kernel.artifacts) == ARTIFACT_FILES
    assert kernel.plan == json.loads(kernel.artifacts["tt.plan.json"])
    assert kernel.plan["program"] == "gemm" and kernel.plan["grid"] == [2, 2]
    written = kernel.write_artifacts(tmp_path / "out")
    assert {p.name: p.read_text() for p in written.iterdir()} == kernel.artifacts
    assert kernel.get_kernel_source("compute") == kernel.artifacts["compute.cpp"]
    sources = kernel.get_kernel_source()
    assert [line for line in sources.splitlines() if line.startswith("// FILE:")] == [
        "// FILE: reader.cpp", "// FILE: compute.cpp", "// FILE: writer.cpp"]
    with pytest.raises(ValueError, match=r"no kernel 'host' \(kernels: reader, compute, writer\)"):
        kernel.get_kernel_source("host")


def test_kernel_call_returns_out_idx_outputs(cache):
    kernel = tilelang.compile(small_gemm(), out_idx=[-1], grid=(2, 2), cache=cache)
    rng = np.random.default_rng(3)
    a, b = bf16_values(rng, (64, 64)), bf16_values(rng, (64, 64))
    assert kernel.last_stats is None
    c = kernel(a, b)
    assert isinstance(c, np.ndarray) and c.shape == (64, 64) and c.dtype == np.float32
    # f32 accumulation of exact bf16 products, one bf16 rounding of the result.
    np.testing.assert_array_equal(c, round_bf16(a @ b))
    # The run's counters: the modeled time and what bounds it; A and B multicast on the
    # 2x2 cores, so each tile is read once: Kt (Mt + Nt) = 2 (2 + 2).
    stats = kernel.last_stats
    assert stats["modeled_us"] > 0 and stats["roofline"]["bound"] == "compute"
    assert stats["noc"]["read_transactions"] == 2 * (2 + 2)


def test_kernel_call_without_out_idx_writes_outputs_in_place(cache):
    kernel = tilelang.compile(small_gemm(), grid=(2, 2), cache=cache)
    rng = np.random.default_rng(4)
    a, b = bf16_values(rng, (64, 64)), bf16_values(rng, (64, 64))
    c = np.zeros((64, 64), np.float32)
    assert kernel(a, b, c) is None
    np.testing.assert_array_equal(c, round_bf16(a @ b))


def test_kernel_call_checks_its_arguments(cache):
    kernel = tilelang.compile(small_gemm(), out_idx=-1, grid=(2, 2), cache=cache)
    a = np.zeros((64, 64), np.float32)
    with pytest.raises(TypeError, match=r"^gemm takes 2 arrays \(A, B\), got 1$"):
        kernel(a)
    with pytest.raises(ValueError, match=r"^argument 'B' must have shape \(64, 64\), got \(64, 32\)$"):
        kernel(a, np.zeros((64, 32), np.float32))
    reads_a = tilelang.compile(small_gemm(), out_idx=[0], grid=(2, 2), cache=cache)
    with pytest.raises(ValueError, match=r"^out_idx names 'A', which gemm reads but does not write$"):
        reads_a(a, a)


@pytest.mark.parametrize(
    "options, error, message",
    [
        (dict(target="cuda"), ValueError, 'target "cuda" is not supported by tilelang_tt (supported: "tenstorrent")'),
        (dict(out_idx=[3]), ValueError, "out_idx 3 is out of range for a prim_func with 3 tensors"),
        (dict(out_idx=[2, -1]), ValueError, "out_idx [2, -1] names a tensor twice"),
        (dict(arch="blackhole", pass_options={"arch": "blackhole"}), ValueError,
         "pass option 'arch' repeats the `arch` argument of jit/compile"),
        (dict(device="p150", pass_options={"device": "p100"}), ValueError,
         "pass option 'device' repeats the `device` argument of jit/compile"),
    ],
)
def test_compile_option_errors(options, error, message, cache):
    with pytest.raises(error) as info:
        tilelang.compile(small_gemm(), cache=cache, **options)
    assert str(info.value) == message


def test_unknown_pass_option_names_the_pipeline(cache):
    with pytest.raises(ValueError) as info:
        tilelang.compile(small_gemm(), pass_options={"cb_deep": 3}, cache=cache)
    assert str(info.value) == (
        "tt-pipeline: unknown option 'cb-deep'; did you mean 'cb-depth'? (options: api-version, arch, cb-depth, "
        "coarsen-blocks, device, dst-full-sync, gemm-accumulate, gemm-k-block, gemm-stream-output, gemm-stream-steps, "
        "gemm-subblock, grid, math-fidelity, mcast-movers, mode, multicast, verify)"
    )


def test_options_reach_the_pipeline(cache):
    kernel = tilelang.compile(
        small_gemm(), out_idx=-1, arch="blackhole", grid="1x2",
        pass_options={"cb_depth": 3, "math_fidelity": "hifi2"}, cache=cache,
    )
    assert kernel.pipeline == "tt-pipeline{arch=blackhole grid=1x2 cb-depth=3 math-fidelity=hifi2}"
    plan = kernel.plan
    assert plan["arch"] == "blackhole" and plan["grid"] == [1, 2]
    assert "MathFidelity::HiFi2" in kernel.artifacts["main.cpp"]


def test_device_selects_the_card_and_its_whole_grid(cache):
    kernel = tilelang.compile(small_gemm(), out_idx=-1, device="p100", cache=cache)
    assert kernel.pipeline == "tt-pipeline{device=p100}"
    assert (kernel.plan["device"], kernel.plan["arch"], kernel.plan["grid"]) == ("p100", "blackhole", [10, 11])
    default = tilelang.compile(small_gemm(), out_idx=-1, cache=cache)
    assert (default.plan["device"], default.plan["grid"]) == ("n150", [8, 8])


def _transposed_compile_error(cache) -> TileLangError:
    """The error of compiling a gemm with transpose_A (no Tensix form)."""

    @T.prim_func
    def transposed(A: T.Tensor((64, 64), "bfloat16"), B: T.Tensor((64, 64), "bfloat16"),
                   C: T.Tensor((64, 64), "bfloat16")):
        with T.Kernel(2, 2) as (bx, by):
            a = T.alloc_shared((64, 32), "bfloat16")
            b = T.alloc_shared((64, 32), "bfloat16")
            c = T.alloc_fragment((32, 32), "float")
            T.clear(c)
            T.copy(A[0, by * 32], a)
            T.copy(B[0, bx * 32], b)
            T.gemm(a, b, c, transpose_A=True)  # the line the error names
            T.copy(c, C[by * 32, bx * 32])

    with pytest.raises(TileLangError) as info:
        tilelang.compile(transposed, cache=cache)
    return info.value


def test_compile_errors_name_the_python_line(cache):
    error = _transposed_compile_error(cache)
    line = next(i for i, text in enumerate(Path(__file__).read_text().splitlines(), 1)
                if "the line the error names" in text)
    assert str(error).startswith(f"{__file__}:{line}:13: error: 'tt.gemm' op ")


def test_transpose_a_compile_error_names_transpose_a(cache):
    assert "transpose_a" in str(_transposed_compile_error(cache))


# --------------------------------------------------------------------------- the cache


def test_repeated_compile_hits_the_memory_cache(cache, compiles):
    first = tilelang.compile(small_gemm(), out_idx=-1, cache=cache)
    second = tilelang.compile(small_gemm(), out_idx=-1, cache=cache)
    assert len(compiles) == 1
    assert second.artifacts == first.artifacts and second.key == first.key


def test_cache_key_covers_ir_and_options(cache, compiles):
    base = tilelang.compile(small_gemm(), cache=cache)
    other_grid = tilelang.compile(small_gemm(), grid=(2, 2), cache=cache)
    other_ir = tilelang.compile(small_gemm(bk=64), cache=cache)
    other_arch = tilelang.compile(small_gemm(), arch="blackhole", cache=cache)
    assert len({base.key, other_grid.key, other_ir.key, other_arch.key}) == 4
    assert len(compiles) == 4
    assert other_grid.plan["grid"] != base.plan["grid"]


def test_out_idx_is_not_part_of_the_key(cache, compiles):
    tilelang.compile(small_gemm(), out_idx=-1, cache=cache)
    tilelang.compile(small_gemm(), out_idx=None, cache=cache)
    assert len(compiles) == 1


def test_disk_cache_serves_a_new_process(cache, compiles):
    first = tilelang.compile(small_gemm(), cache=cache)
    entry = cache.entry_dir(first.key)
    assert json.loads((entry / COMPLETE).read_text()) == list(first.artifacts)
    fresh = CompileCache()  # what a new process starts with
    again = tilelang.compile(small_gemm(), cache=fresh)
    assert len(compiles) == 1
    assert again.artifacts == first.artifacts


def test_incomplete_disk_entry_is_recompiled(cache, compiles):
    first = tilelang.compile(small_gemm(), cache=cache)
    (cache.entry_dir(first.key) / COMPLETE).unlink()
    again = tilelang.compile(small_gemm(), cache=CompileCache())
    assert len(compiles) == 2
    assert again.artifacts == first.artifacts  # deterministic: byte-identical artifacts


def test_memory_only_cache_writes_nothing(tmp_path, monkeypatch, compiles):
    monkeypatch.setenv("TT_CACHE_DIR", str(tmp_path / "cache"))
    memory_only = CompileCache(disk=False)
    tilelang.compile(small_gemm(), cache=memory_only)
    tilelang.compile(small_gemm(), cache=memory_only)
    assert len(compiles) == 1
    assert not (tmp_path / "cache").exists()


def test_compiler_change_invalidates_the_key(monkeypatch):
    ir, pipeline = small_gemm().ir(), "tt-pipeline{arch=wormhole_b0}"
    before = cache_key(ir, pipeline)
    monkeypatch.setattr("tilelang_tt.cache.compiler_fingerprint", lambda: "another compiler")
    assert cache_key(ir, pipeline) != before


def test_errors_are_not_cached(cache, compiles):
    with pytest.raises(ValueError):
        tilelang.compile(small_gemm(), pass_options={"cb_depth": 0}, cache=cache)
    assert cache.memory == {}
    assert not any(Path(os.environ["TT_CACHE_DIR"]).glob("jit/*/COMPLETE"))


# --------------------------------------------------------------------------- the decorator


def test_jit_decorator_forms(cache, compiles):
    @tilelang.jit(target="tenstorrent", out_idx=[-1], cache=cache)
    def factory(M, N, K):
        return small_gemm(M, N, K)

    kernel = factory(64, 64, 64)
    assert isinstance(kernel, tilelang.JITKernel) and kernel.out_idx == (2,)
    assert factory.__name__ == "factory"
    direct = tilelang.jit(small_gemm(), out_idx=-1, cache=cache)
    assert direct.key == kernel.key

    @tilelang.jit(cache=cache)
    def not_a_prim_func():
        return 42

    with pytest.raises(TypeError, match=r"^not_a_prim_func must return a @T.prim_func, got int$"):
        not_a_prim_func()


def test_language_constructs_refuse_to_run_as_python():
    with pytest.raises(T.NotInPrimFunc, match=r"^T.copy\(src, dst\) can only be used inside a @T.prim_func"):
        T.copy(None, None)
