"""bench/compile: the whole compiler on the gemm example, against parsing it.

Measures, in one run and alternating to share machine noise:
  A  `tt-opt examples/gemm/gemm.mlir -p tt-pipeline -t tt-cpp`: every stage and
     every artifact (kernels, main.cpp, CMakeLists.txt, tt.plan.json);
  B  `xdsl-opt examples/gemm/gemm.mlir`: parse + print of the same input.
Reports the median wall time of each and their ratio (target: at most 2.0).

    python bench/compile.py [--runs N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from timing import alternating_medians, tool

TARGET_RATIO = 2.0
GEMM = Path(__file__).resolve().parent.parent / "examples" / "gemm" / "gemm.mlir"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    compile_all = [tool("tt-opt"), str(GEMM), "-p", "tt-pipeline", "-t", "tt-cpp"]
    parse_print = [tool("xdsl-opt"), str(GEMM)]
    ours, baseline = alternating_medians(compile_all, parse_print, args.runs)
    print(f"tt-opt -p tt-pipeline -t tt-cpp (gemm, all artifacts): {ours:.3f} s median of {args.runs}")
    print(f"xdsl-opt parse+print (same input):                     {baseline:.3f} s median of {args.runs}")
    print(f"ratio: {ours / baseline:.2f} (target <= {TARGET_RATIO})")


if __name__ == "__main__":
    main()
