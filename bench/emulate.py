"""bench/emulate: a 512x512x512 bf16 gemm on an 8x8 grid through the CPU emulator.

Compiles the gemm (128x128 blocks, K block 32) with `tt-pipeline{grid=8x8}` to
artifacts, builds the emulator executable once (reported separately), then
times `tt_dialect.emu.run` and, in the same process, numpy's float32 matmul of
the same inputs as the baseline. Prints the median wall time (target: under
10 s on the 2-core machine), the ratio to numpy, the max error and the
emulator's counters.

    python bench/emulate.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from timing import tool
from tt_dialect import emu
from tt_dialect.samples import bf16_values, gemm_program

TARGET_SECONDS = 10.0
SIZE = 512


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        program = Path(tmp) / "gemm.mlir"
        program.write_text(gemm_program(SIZE, SIZE, SIZE, 128, 128, 32, "bf16"))
        artifacts = Path(tmp) / "artifacts"
        subprocess.run(
            [tool("tt-opt"), str(program), "-p", "tt-pipeline{grid=8x8}", "-t",
             f'tt-cpp{{output-dir="{artifacts}"}}'],
            check=True,
        )
        rng = np.random.default_rng(0)
        a, b = bf16_values(rng, (SIZE, SIZE)), bf16_values(rng, (SIZE, SIZE))
        inputs = {"tensor0": a, "tensor1": b}
        start = time.perf_counter()
        emu.build(artifacts)
        build_seconds = time.perf_counter() - start
        emulated, stats = [], None
        for _ in range(args.runs):
            start = time.perf_counter()
            outputs = emu.run(artifacts, inputs, stats=True)
            emulated.append(time.perf_counter() - start)
            stats = outputs.pop("stats", None)
        baseline = []
        for _ in range(args.runs):
            start = time.perf_counter()
            reference = a @ b
            baseline.append(time.perf_counter() - start)
    seconds = statistics.median(emulated)
    error = float(np.max(np.abs(outputs["tensor2"] - reference)))
    print(f"build (uncached or cached): {build_seconds:.2f} s")
    print(f"emulated {SIZE}^3 bf16 gemm, 8x8 grid: {seconds:.2f} s median of {args.runs} (target < {TARGET_SECONDS} s)")
    print(f"numpy float32 matmul: {statistics.median(baseline) * 1e3:.2f} ms; ratio {seconds / statistics.median(baseline):.0f}x")
    print(f"max |error| vs numpy: {error:.4g} (max |C| = {float(np.max(np.abs(reference))):.3g}; bf16 half-ulp there: {2.0 ** (np.floor(np.log2(np.max(np.abs(reference)))) - 8):.3g})")
    if stats is not None:
        print("counters:", json.dumps(stats, indent=2)[:2000])


if __name__ == "__main__":
    main()
