"""Run an artifact directory on the CPU emulator with random inputs and print
the largest error of each output against numpy, with the modeled time and its
percentage of the roofline (the emulator's performance model), as one `RESULT` line
(`tt_dialect.emu.report`); exits 1 when an output is beyond its tolerance.

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
from tt_dialect.emu.report import check
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
    # bf16 outputs: half an ulp of the largest |reference| (2^-8 relative) plus fp32 rounding.
    tolerance = float(np.max(np.abs(reference))) * 2.0**-8 + 1e-3
    ok = True
    for name, value in outputs.items():
        if name == "stats":
            continue
        ok &= check(f"{args.computation} {name}", value, reference, tolerance, outputs.stats)
    if not ok:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
