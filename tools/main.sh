#!/usr/bin/env bash
# Set up the environment and run the main job: compile the gemm and elementwise
# examples to artifact directories (kernels, main.cpp, CMakeLists.txt,
# tt.plan.json) under build/artifacts/, after round-tripping each through real
# MLIR, compile the emitted kernels against the real tt-metal v0.74.0 headers,
# and run the artifacts on the CPU emulator, printing the max error against numpy.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
for example in examples/*/*.mlir; do
  name="$(basename "$example" .mlir)"
  echo "== $example"
  tt-opt "$example" --print-op-generic \
    | iree-opt --allow-unregistered-dialect --mlir-print-op-generic \
    | tt-opt > /dev/null
  tt-opt "$example" -p tt-pipeline -t "tt-cpp{output-dir=\"build/artifacts/$name\"}"
  echo "   artifacts -> build/artifacts/$name/"
  tt-check-kernels "build/artifacts/$name"
  python -m tt_tools.emulate_example "build/artifacts/$name" "$name"
done
