"""Run an artifact directory on the CPU emulator with random inputs and print
the largest error of each output against numpy, with the modeled time and its
percentage of the roofline (the emulator's performance model).

    python tools/emulate_example.py build/artifacts/gemm gemm
    python tools/emulate_example.py build/artifacts/add add
    python tools/emulate_example.py build/artifacts/matmul_relu matmul_relu

The second argument names the computation the artifacts implement, which the
reference needs (the artifacts themselves only say which tensors are inputs).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from tt_dialect import emu
from tt_dialect.samples import bf16_values

REFERENCES = {
    "gemm": lambda a, b: a @ b,
    "add": lambda a, b: a + b,
    "matmul_relu": lambda a, b: np.maximum(a @ b, 0),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("artifacts", type=Path)
    parser.add_argument("computation", choices=sorted(REFERENCES))
    args = parser.parse_args()
    plan = json.loads((args.artifacts / "tt.plan.json").read_text())
    rng = np.random.default_rng(0)
    inputs = {
        t["name"]: bf16_values(rng, tuple(t["shape"]))
        for t in plan["tensors"]
        if t["role"] == "input"
    }
    outputs = emu.run(args.artifacts, inputs, stats=True)
    reference = REFERENCES[args.computation](*inputs.values())
    stats = outputs.stats
    for name, value in outputs.items():
        if name == "stats":
            continue
        error = float(np.max(np.abs(value - reference)))
        scale = float(np.max(np.abs(reference)))
        print(
            f"{args.artifacts}: {name} max |error| vs numpy {error:.4g} (max |reference| {scale:.4g}); "
            f"modeled {stats['modeled_us']:.1f} us, {stats['roofline']['percent']:.1f}% of roofline "
            f"({stats['roofline']['bound']}-bound floor)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
