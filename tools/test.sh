#!/usr/bin/env bash
# Set up the environment and run every test: the lit suite (through CMake's
# check-tt target) and the pytest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
cmake -S . -B build -DTT_PYTHON_ENV="$PWD/.venv" > /dev/null
cmake --build build --target check-tt
python -m pytest -q --durations=15
