#!/usr/bin/env bash
# Set up the environment and run the main job. Today: parse, verify and print
# every example through tt-opt, and round-trip each through real MLIR.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
for example in examples/*/*.mlir; do
  echo "== $example"
  tt-opt "$example" --print-op-generic \
    | iree-opt --allow-unregistered-dialect --mlir-print-op-generic \
    | tt-opt
done
