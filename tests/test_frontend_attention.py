"""Flash attention (issue 19): TileLang's `example_mha_fwd_bhsd` as examples/attention writes it.

- the tile program the front end builds (two chained gemms, the first transposed; the state a
  loop carries kept in place; the scores computed once per step), FileChecked;
- the compiler's decisions, read from the IR after `tt-schedule-compute`: both gemms update
  their buffers (`accumulate = buffer`), the scores' gemm with DST's zeros for its clear and the
  output's gemm adding onto the rescaled output it copies into DST;
- numerics on the emulator against numpy (softmax(Q K^T / sqrt(d)) V in float64) at five
  shapes, causal and not, with the example's own tolerance (its docstring says why);
- the kernels pass the real Metalium headers (g++ and riscv32).

The shapes stay small (at most 2 heads of 1024 or 4 of 256 queries); the 1x8x1024x128 row is
bench/kernel_perf.py's.
"""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path

import numpy as np
import pytest

import tilelang_tt
from tilelang_tt import CompileCache
from tt_dialect.api import apply_pipeline, make_context, parse_module, print_module
from tt_dialect.samples import bf16_values

ROOT = Path(__file__).resolve().parents[1]
CACHE = CompileCache(disk=False)
SSA = "%[a-zA-Z0-9_]+"


def example():
    spec = importlib.util.spec_from_file_location("example_mha_fwd", ROOT / "examples/attention/example_mha_fwd.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXAMPLE = example()


def prim_func(batch, heads, seq_q, seq_kv, dim, causal, block=64):
    return EXAMPLE.flashattn.__wrapped__(batch, heads, seq_q, seq_kv, dim, causal, block, block)


def checks(text: str) -> str:
    return textwrap.dedent(text).replace(":SSA]]", f":{SSA}]]")


def test_tile_program_of_the_example(filecheck) -> None:
    """Per K/V step: K's block, the scores cleared and computed by a transposed gemm, the running
    maximum copied, refilled and updated in place (the loop carries it), the scores' exponentials
    in a new buffer (computed in the step), their sum, the cast to bf16 and the second gemm adding
    the probabilities times V's block onto the rescaled output."""
    ir = prim_func(1, 2, 128, 128, 64, False).ir()
    filecheck(ir, checks("""
        CHECK:      tt.launch_grid ([[BX:SSA]], [[BY:SSA]], [[BZ:SSA]]) in (2, 2, 1) {
        CHECK:        [[ACC_S:SSA]] = tt.alloc_fragment : memref<64x64xf32>
        CHECK:        [[CAST:SSA]] = tt.alloc_fragment : memref<64x64xbf16>
        CHECK:        [[ACC_O:SSA]] = tt.alloc_fragment : memref<64x64xf32>
        CHECK:        [[MAX:SSA]] = tt.alloc_fragment : memref<64xf32>
        CHECK:        tt.fill [[ACC_O]], 0.000000e+00
        CHECK:        scf.for
        CHECK:          tt.copy %K[[[BZ]], [[BY]], {{.*}}] to [[K_S:SSA]] : memref<1x2x128x64xbf16> to memref<64x64xbf16>
        CHECK-NEXT:     tt.clear [[ACC_S]]
        CHECK-NEXT:     tt.gemm [[Q_S:SSA]], [[K_S]], [[ACC_S]] transpose_b
        CHECK-NEXT:     tt.copy [[MAX]] to [[PREV:SSA]]
        CHECK-NEXT:     tt.fill [[MAX]]
        CHECK:          tt.max [[MAX]], {{.*}} to [[MAX]]
        CHECK:          tt.exp2 {{.*}} to [[P:SSA]] : memref<64x64xf32>
        CHECK-NEXT:     tt.reduce_sum [[P]]
        CHECK:          tt.copy [[P]] to [[CAST]] : memref<64x64xf32> to memref<64x64xbf16>
        CHECK-NEXT:     tt.mul [[ACC_O]], {{.*}} to [[ACC_O]] {broadcast = #tt.broadcast<col>}
        CHECK-NEXT:     tt.copy %V
        CHECK-NEXT:     tt.gemm [[CAST]], {{.*}}, [[ACC_O]] :
        CHECK-NEXT:   }
    """))


def test_both_gemms_update_their_buffers() -> None:
    """tt-schedule-compute's decision, in the IR: neither gemm has a K loop of its own (a
    reduction reads the scores; the output is rescaled between the steps' gemms), so each is one
    update of its buffer, in DST subblocks (dim 128: the 2x4-tile output in two 2x2 halves)."""
    module = parse_module(prim_func(1, 2, 128, 128, 128, False).ir())
    apply_pipeline(module, "tt-metadata,tt-schedule-compute", make_context())
    text = print_module(module)
    schedules = [line.split("schedule = ")[1].split(">")[0] + ">" for line in text.splitlines() if "tt.gemm" in line]
    assert schedules == [
        "<block = [2, 2], k_block = 4, subblock = [2, 2], accumulate = buffer>",
        "<block = [2, 4], k_block = 2, subblock = [2, 2], accumulate = buffer>",
    ], text


def test_running_maximum_and_repeated_scaling_are_simplified() -> None:
    """tt-simplify on the example: `T.fill(scores_max, -T.infinity)` then `T.reduce_max(...,
    clear=False)` is the reduction alone (no fill, no SFPU maximum in the step), and
    `scores_max[i] * scale`, written twice in the step, is computed once."""
    module = parse_module(prim_func(1, 2, 128, 128, 64, False).ir())
    apply_pipeline(module, "tt-simplify", make_context())
    (loop,) = [op for op in module.walk() if op.name == "scf.for"]
    names = [op.name for op in loop.body.block.ops]
    assert "tt.max" not in names and "tt.fill" not in names, names
    scaled_maxima = [op for op in loop.body.block.ops if op.name == "tt.mul_scalar" and op.operands[0].type.get_shape() == (64,)]
    assert len(scaled_maxima) == 2, names  # scores_max_prev * scale and scores_max * scale
    assert names.count("tt.reduce_max") == 1 and names.count("tt.exp2") == 2, names


SHAPES = {
    # name: (batch, heads, seq_len, dim, causal)
    "b2-h2-s128-d64": (2, 2, 128, 64, False),
    "b1-h2-s256-d128": (1, 2, 256, 128, False),
    "b2-h2-s256-d64-causal": (2, 2, 256, 64, True),
    "b1-h2-s512-d128-causal": (1, 2, 512, 128, True),
    "b1-h2-s1024-d64": (1, 2, 1024, 64, False),
}


@pytest.mark.parametrize("case", sorted(SHAPES))
def test_numerics_against_numpy(case: str) -> None:
    pytest.importorskip("tt_dialect.emu")
    batch, heads, seq, dim, causal = SHAPES[case]
    kernel = tilelang_tt.compile(prim_func(batch, heads, seq, seq, dim, causal), out_idx=[3], cache=CACHE)
    rng = np.random.default_rng(sum(map(ord, case)))
    q, k, v = (bf16_values(rng, (batch, heads, seq, dim), -2.0, 2.0) for _ in range(3))
    out = kernel(q, k, v)
    assert out.shape == (batch, heads, seq, dim)
    error = np.abs(out - EXAMPLE.ref_program(q, k, v, causal)).max()
    assert error <= EXAMPLE.tolerance(v), f"{case}: max error {error:.3g} > {EXAMPLE.tolerance(v):.3g}"


def test_kernels_pass_the_real_headers(tmp_path: Path, real_headers) -> None:
    for causal in (False, True):
        kernel = tilelang_tt.compile(prim_func(1, 2, 128, 128, 64, causal), out_idx=[3], cache=CACHE)
        real_headers(kernel, tmp_path / f"causal{int(causal)}")
