// tt-pipeline is tt-metadata, tt-lower and tt-verify, each getting its options.
// RUN: tt-opt %S/../../examples/elementwise/add.mlir -p 'tt-pipeline{arch=blackhole grid=2x3 cb-depth=1 math-fidelity=lofi}' -o %t.pipeline
// RUN: tt-opt %S/../../examples/elementwise/add.mlir -p 'tt-metadata{arch=blackhole grid=2x3 cb-depth=1},tt-lower{math-fidelity=lofi},tt-verify' -o %t.by-hand
// RUN: diff %t.pipeline %t.by-hand
// RUN: filecheck %s --input-file %t.pipeline

// arch reaches the device and the grid check, grid and cb-depth the partition and
// CBs: 64 blocks on 6 cores are 4 cores of 11 and 2 of 10, in three rectangles.
// CHECK: tt.program @add attributes {device = #tt.device<p150>, cbs = [#tt.cb_desc<index = 0, pages = 16, page_size = 2048, bf16, cores = [(0, 0) to (2, 0), (0, 1) to (0, 1), (1, 1) to (2, 1)]>, #tt.cb_desc<index = 1, pages = 16, page_size = 2048, bf16, cores = [(0, 0) to (2, 0), (0, 1) to (0, 1), (1, 1) to (2, 1)]>, #tt.cb_desc<index = 16, pages = 16, page_size = 2048, bf16, cores = [(0, 0) to (2, 0), (0, 1) to (0, 1), (1, 1) to (2, 1)]>], work_partition = #tt.work_partition<global, row_major, grid = [2, 3], blocks = [8, 8], ranges = [<(0, 0) to (2, 0), start = 0, count = 11>, <(0, 1) to (0, 1), start = 33, count = 11>, <(1, 1) to (2, 1), start = 44, count = 10>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>>]} {
// CHECK: tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (2, 0), (0, 1) to (0, 1), (1, 1) to (2, 1)]>
// CHECK: compute_config = #tt.compute_config<lofi, fp32_dest_acc = false, dst_full_sync = false>

// RUN: not tt-opt %S/../../examples/elementwise/add.mlir -p 'tt-pipeline{grid=11x1}' 2>&1 | filecheck %s --check-prefix=BAD
// BAD: tt-opt: error: tt-pipeline: grid 11x1 is larger than the 8x8 worker grid of n150 (wormhole_b0)
