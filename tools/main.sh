#!/usr/bin/env bash
# Set up the environment and run the main job. Today: round-trip every example
# through real MLIR, then compile it through stages A-D (tt-pipeline), writing
# build/artifacts/<example>.kernels.mlir.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
mkdir -p build/artifacts
for example in examples/*/*.mlir; do
  name="$(basename "$example" .mlir)"
  echo "== $example"
  tt-opt "$example" --print-op-generic \
    | iree-opt --allow-unregistered-dialect --mlir-print-op-generic \
    | tt-opt > /dev/null
  tt-opt "$example" -p tt-pipeline -o "build/artifacts/$name.kernels.mlir"
  echo "   stages A-D -> build/artifacts/$name.kernels.mlir"
done
