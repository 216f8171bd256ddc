#!/usr/bin/env bash
# Set up the environment and run the main job: compile the examples (TileLang's
# gemm, also at 1000^3, which the compiler pads to whole blocks, and with B transposed by a
# Python flag, elementwise add, RMSNorm (and its split-K form) and row softmax
# through tilelang_tt's jit, the same two as tile-program
# IR, and a linalg module as other MLIR flows produce it) to
# artifact directories under build/artifacts/ (kernels, main.cpp,
# CMakeLists.txt, tt.plan.json) after round-tripping each through real MLIR,
# compile the emitted kernels against the real tt-metal v0.74.0 headers, and run
# the artifacts on the CPU emulator, printing the max error against numpy; then the
# gemm once more for tt-metal 0.81.1 (api-version=0.81.1), checked against its headers.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== setting up .venv/ (the first run creates it and installs the packages: about 30 s)"
tools/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
echo "== building the CPU emulator's runtime (the first run compiles it: about 10 s; then cached)"
python -c "from tt_dialect.emu.build import runtime_library; print('   runtime:', runtime_library())"

SUMMARY=()
summarize() {  # name log: the example's RESULT lines (max error, tolerance, modeled time) for the table
  local name="$1" log="$2" line
  while IFS= read -r line; do
    SUMMARY+=("$name | ${line#RESULT }")
  done < <(grep -E "^RESULT " "$log" || true)
}

compile() {  # name source pipeline expected: tensor2 as a numpy expression of the inputs
  local name="$1" source="$2" pipeline="$3" expected="$4"
  echo "== $source"
  tt-opt "$source" --print-op-generic \
    | iree-opt --allow-unregistered-dialect --mlir-print-op-generic \
    | tt-opt > /dev/null
  tt-opt "$source" -p "$pipeline" -t "tt-cpp{output-dir=\"build/artifacts/$name\"}"
  echo "   artifacts -> build/artifacts/$name/"
  tt-check-kernels "build/artifacts/$name"
  tt-emu run "build/artifacts/$name" --random 0 --expect "tensor2=$expected" | tee "build/artifacts/$name.log"
  summarize "$name" "build/artifacts/$name.log"
}

python_example() {  # name script [args]: a TileLang program through tilelang_tt's jit
  local name="$1" script="$2"
  shift 2
  echo "== $script $*"
  mkdir -p build/artifacts
  python "$script" --out "build/artifacts/$name" "$@" | tee "build/artifacts/$name.log"
  tt-check-kernels "build/artifacts/$name"
  summarize "$name" "build/artifacts/$name.log"
}

python_example example_gemm examples/gemm/example_gemm.py
python_example example_gemm_1000 examples/gemm/example_gemm.py --shape 1000 1000 1000
python_example example_gemm_trans_b examples/gemm/example_gemm_trans_b.py
python_example example_elementwise_add examples/elementwise/example_elementwise_add.py
python_example example_rms_norm examples/norm/example_rms_norm.py
tt-check-kernels build/artifacts/example_rms_norm_splitk
python_example example_softmax examples/softmax/example_softmax.py
python_example example_embed_linalg examples/embedding/embed_linalg.py
python_example example_mha_fwd examples/attention/example_mha_fwd.py --batch 1 --heads 2 --seq_len 256 --dim 64
python_example example_mha_fwd_causal examples/attention/example_mha_fwd.py --batch 1 --heads 2 --seq_len 256 --dim 64 --is_causal
compile gemm examples/gemm/gemm.mlir tt-pipeline 'tensor0 @ tensor1'
compile add examples/elementwise/add.mlir tt-pipeline 'tensor0 + tensor1'
compile matmul_relu examples/linalg/matmul_relu.mlir convert-linalg-to-tt,tt-pipeline 'np.maximum(tensor0 @ tensor1, 0)'

# The same gemm for the current tt-metal release: its kernels against the ttnn==0.81.1 wheel's
# headers (fetched once into .cache/; tests/test_metal_versions.py runs every example this way).
echo "== examples/gemm/gemm.mlir for tt-metal 0.81.1 (api-version=0.81.1)"
tt-opt examples/gemm/gemm.mlir -p 'tt-pipeline{api-version=0.81.1}' -t 'tt-cpp{output-dir="build/artifacts/gemm_0.81.1"}'
tt-check-kernels build/artifacts/gemm_0.81.1
SUMMARY+=("gemm_0.81.1 | kernels pass tt-metal 0.81.1's headers")

echo
echo "== summary: every example compiled, passed the real-header check and matched numpy"
echo "example | result"
echo "---|---"
printf '%s\n' "${SUMMARY[@]}"
