// tt-verify checks hardware-level programs against the limits of an
// architecture (tt_dialect/device.py): the program's own device, or `arch`.

// The pipeline's programs verify on both architectures.
// RUN: tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-pipeline{arch=wormhole_b0},tt-verify' | filecheck %s --check-prefix=GEMM-WH
// RUN: tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-pipeline{arch=blackhole},tt-verify' | filecheck %s --check-prefix=GEMM-BH
// RUN: tt-opt %S/../../examples/elementwise/add.mlir -p 'tt-pipeline{arch=wormhole_b0},tt-verify' | filecheck %s --check-prefix=ADD-WH
// RUN: tt-opt %S/../../examples/elementwise/add.mlir -p 'tt-pipeline{arch=blackhole},tt-verify' | filecheck %s --check-prefix=ADD-BH
// GEMM-WH:      tt.program @gemm attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 48, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>, #tt.cb_desc<index = 1, pages = 48, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>, #tt.cb_desc<index = 2, pages = 32, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>, #tt.cb_desc<index = 3, pages = 32, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>, #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>, #tt.cb_desc<index = 24, pages = 16, page_size = 4096, f32, cores = [(0, 0) to (7, 7)]>], work_partition = #tt.work_partition<block_2d, row_major, grid = [8, 8], blocks = [8, 8], shard_blocks = [1, 1], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>>], semaphores = [#tt.semaphore<id = 0, initial = 0, cores = [(0, 0) to (7, 7)]>, #tt.semaphore<id = 1, initial = 0, cores = [(0, 0) to (7, 7)]>, #tt.semaphore<id = 2, initial = 0, cores = [(0, 0) to (7, 7)]>, #tt.semaphore<id = 3, initial = 0, cores = [(0, 0) to (7, 7)]>]} {
// GEMM-WH:      tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 7)]>
// GEMM-WH:      tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (7, 7)]>
// GEMM-WH:      tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (7, 7)]>
// GEMM-BH:      tt.program @gemm attributes {device = #tt.device<p150>, cbs = [#tt.cb_desc<index = 0, pages = 48, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>, #tt.cb_desc<index = 1, pages = 48, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>, #tt.cb_desc<index = 2, pages = 32, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>, #tt.cb_desc<index = 3, pages = 32, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>, #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>, #tt.cb_desc<index = 24, pages = 16, page_size = 4096, f32, cores = [(0, 0) to (7, 7)]>], work_partition = #tt.work_partition<block_2d, row_major, grid = [10, 13], blocks = [8, 8], shard_blocks = [1, 1], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>>], semaphores = [#tt.semaphore<id = 0, initial = 0, cores = [(0, 0) to (7, 7)]>, #tt.semaphore<id = 1, initial = 0, cores = [(0, 0) to (7, 7)]>, #tt.semaphore<id = 2, initial = 0, cores = [(0, 0) to (7, 7)]>, #tt.semaphore<id = 3, initial = 0, cores = [(0, 0) to (7, 7)]>]} {
// GEMM-BH:      tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 7)]>
// GEMM-BH:      tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (7, 7)]>
// ADD-WH:       tt.program @add attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 32, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>, #tt.cb_desc<index = 1, pages = 32, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>, #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16, cores = [(0, 0) to (7, 7)]>], work_partition = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [8, 8], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>>]} {
// ADD-WH:       tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (7, 7)]>
// ADD-WH:       tt.add_tiles %cb0, %cb1, %c0, %c0, dst = 0
// ADD-BH:       tt.program @add attributes {device = #tt.device<p150>
// ADD-BH:       tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (12, 3), (0, 4) to (11, 4)]>

// A wormhole_b0 program fits blackhole (more L1, a wider grid, more CBs) ...
// RUN: tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-pipeline{arch=wormhole_b0},tt-verify{arch=blackhole}' | filecheck %s --check-prefix=WH-ON-BH
// RUN: tt-opt %S/../../examples/elementwise/add.mlir -p 'tt-pipeline{arch=wormhole_b0},tt-verify{arch=blackhole}' | filecheck %s --check-prefix=WH-ON-BH
// WH-ON-BH:     tt.program @{{gemm|add}} attributes {device = #tt.device<n150>
// ... but the blackhole add uses columns 8-12, which an n150 does not have (the
// blackhole gemm multicasts on an 8x8 rectangle, which fits).
// RUN: not tt-opt %S/../../examples/elementwise/add.mlir -p 'tt-pipeline{arch=blackhole},tt-verify{arch=wormhole_b0}' 2>&1 | filecheck %s --check-prefix=BH-ON-WH
// BH-ON-WH:     add.mlir:10:1: error: 'tt.kernel' op core range (0, 0) to (12, 3) lies outside the 8x8 worker grid of n150 (wormhole_b0)

// The hand-written programs below run twice: against their own device (OWN)
// and against wormhole_b0 (WH). Every program is on wormhole_b0 unless it
// tests the arch option, so CHECK lines hold for both runs.
// RUN: tt-opt %s -p tt-verify --split-input-file --verify-diagnostics | filecheck %s --check-prefixes=CHECK,OWN
// RUN: tt-opt %s -p 'tt-verify{arch=wormhole_b0}' --split-input-file --verify-diagnostics | filecheck %s --check-prefixes=CHECK,WH

// A minimal valid program: reader -> CB 0 -> compute -> CB 16 -> writer.
tt.program @valid attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: tt.program @valid attributes {device = #tt.device<n150>

// -----

// ==== Rule 1. L1 per core
// CBs filling wormhole_b0's usable L1 exactly, 2 x 366 pages x 2048 B = 1,499,136 B, fit.
tt.program @l1_exact attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 366, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 366, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<366, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<366, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<366, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<366, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<366, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<366, bf16>
    tt.tile_regs_acquire
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<366, bf16>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<366, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<366, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<366, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<366, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<366, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<366, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<366, bf16>
  }
}
// CHECK: tt.program @l1_exact attributes {device = #tt.device<n150>

// -----

// One page more does not: 367 + 366 pages of 2048 B are 1,501,184 B.
tt.program @l1_cbs attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 367, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 366, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<367, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<367, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<367, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<367, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<366, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<367, bf16>
    tt.tile_regs_acquire
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<367, bf16>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<367, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<366, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<366, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<366, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<366, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<366, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<366, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 27]]:1: error: 'tt.program' op L1 overflow on core (0,0): CBs need 1,501,184 B, n150 (wormhole_b0) has 1,499,136 B

// -----

// The shard of an L1-sharded tensor counts too: 8,192 B of CBs fit, and so do
// the 730 pages (1,495,040 B) core (0,0) holds of tensor 0, but not both.
tt.program @l1_shard attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>], tensors = [#tt.tensor<input, #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [73, 10], shard = #tt.shard_spec<grid = [1, 1], shard = [73, 10], row_major>>>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 27]]:1: error: 'tt.program' op L1 overflow on core (0,0): CBs and L1 buffers need 1,503,232 B (CBs 8,192 B, buffers 1,495,040 B), n150 (wormhole_b0) has 1,499,136 B

// -----

// ==== Rule 2. CBs
// CB 40 exists on blackhole (64 CBs), not on wormhole_b0 (32). The op verifiers
// check CB indices against the program's own device, so only tt-verify with
// another `arch` reports this.
tt.program @cb40 attributes {device = #tt.device<p150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 40, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb40 = tt.get_cb 40 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb40, 1 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb40 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb40, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb40 = tt.get_cb 40 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb40, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb40, 1 : !tt.cb<2, bf16>
  }
}
// OWN:   tt.program @cb40 attributes {device = #tt.device<p150>
// WH:    verify.mlir:[[# @LINE - 28]]:1: error: 'tt.program' op CB index 40 is out of range: n150 (wormhole_b0) has CBs 0..31

// -----

// 33 CBs (one line per CB and kernel) are fine on blackhole; wormhole_b0 has 32.
// (On a program's own device the count cannot exceed the limit: 33 distinct
// indices include one out of range, which the tt.program verifier reports.)
tt.program @cbs33 attributes {device = #tt.device<p150>, cbs = [#tt.cb_desc<index = 0, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 2, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 3, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 4, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 5, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 6, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 7, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 8, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 9, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 10, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 11, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 12, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 13, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 14, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 15, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 17, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 18, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 19, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 20, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 21, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 22, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 23, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 24, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 25, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 26, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 27, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 28, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 29, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 30, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 31, pages = 1, page_size = 2048, bf16>, #tt.cb_desc<index = 32, pages = 1, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb0, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb0, 1 : !tt.cb<1, bf16>
    %cb1 = tt.get_cb 1 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb1, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb1, 1 : !tt.cb<1, bf16>
    %cb2 = tt.get_cb 2 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb2, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb2, 1 : !tt.cb<1, bf16>
    %cb3 = tt.get_cb 3 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb3, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb3, 1 : !tt.cb<1, bf16>
    %cb4 = tt.get_cb 4 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb4, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb4, 1 : !tt.cb<1, bf16>
    %cb5 = tt.get_cb 5 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb5, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb5, 1 : !tt.cb<1, bf16>
    %cb6 = tt.get_cb 6 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb6, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb6, 1 : !tt.cb<1, bf16>
    %cb7 = tt.get_cb 7 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb7, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb7, 1 : !tt.cb<1, bf16>
    %cb8 = tt.get_cb 8 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb8, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb8, 1 : !tt.cb<1, bf16>
    %cb9 = tt.get_cb 9 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb9, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb9, 1 : !tt.cb<1, bf16>
    %cb10 = tt.get_cb 10 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb10, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb10, 1 : !tt.cb<1, bf16>
    %cb11 = tt.get_cb 11 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb11, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb11, 1 : !tt.cb<1, bf16>
    %cb12 = tt.get_cb 12 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb12, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb12, 1 : !tt.cb<1, bf16>
    %cb13 = tt.get_cb 13 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb13, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb13, 1 : !tt.cb<1, bf16>
    %cb14 = tt.get_cb 14 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb14, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb14, 1 : !tt.cb<1, bf16>
    %cb15 = tt.get_cb 15 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb15, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb15, 1 : !tt.cb<1, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb16, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb16, 1 : !tt.cb<1, bf16>
    %cb17 = tt.get_cb 17 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb17, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb17, 1 : !tt.cb<1, bf16>
    %cb18 = tt.get_cb 18 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb18, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb18, 1 : !tt.cb<1, bf16>
    %cb19 = tt.get_cb 19 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb19, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb19, 1 : !tt.cb<1, bf16>
    %cb20 = tt.get_cb 20 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb20, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb20, 1 : !tt.cb<1, bf16>
    %cb21 = tt.get_cb 21 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb21, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb21, 1 : !tt.cb<1, bf16>
    %cb22 = tt.get_cb 22 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb22, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb22, 1 : !tt.cb<1, bf16>
    %cb23 = tt.get_cb 23 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb23, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb23, 1 : !tt.cb<1, bf16>
    %cb24 = tt.get_cb 24 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb24, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb24, 1 : !tt.cb<1, bf16>
    %cb25 = tt.get_cb 25 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb25, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb25, 1 : !tt.cb<1, bf16>
    %cb26 = tt.get_cb 26 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb26, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb26, 1 : !tt.cb<1, bf16>
    %cb27 = tt.get_cb 27 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb27, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb27, 1 : !tt.cb<1, bf16>
    %cb28 = tt.get_cb 28 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb28, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb28, 1 : !tt.cb<1, bf16>
    %cb29 = tt.get_cb 29 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb29, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb29, 1 : !tt.cb<1, bf16>
    %cb30 = tt.get_cb 30 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb30, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb30, 1 : !tt.cb<1, bf16>
    %cb31 = tt.get_cb 31 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb31, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb31, 1 : !tt.cb<1, bf16>
    %cb32 = tt.get_cb 32 : !tt.cb<1, bf16>  tt.cb_reserve_back %cb32, 1 : !tt.cb<1, bf16>  tt.cb_push_back %cb32, 1 : !tt.cb<1, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<1, bf16>  tt.cb_wait_front %cb0, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb0, 1 : !tt.cb<1, bf16>
    %cb1 = tt.get_cb 1 : !tt.cb<1, bf16>  tt.cb_wait_front %cb1, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb1, 1 : !tt.cb<1, bf16>
    %cb2 = tt.get_cb 2 : !tt.cb<1, bf16>  tt.cb_wait_front %cb2, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb2, 1 : !tt.cb<1, bf16>
    %cb3 = tt.get_cb 3 : !tt.cb<1, bf16>  tt.cb_wait_front %cb3, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb3, 1 : !tt.cb<1, bf16>
    %cb4 = tt.get_cb 4 : !tt.cb<1, bf16>  tt.cb_wait_front %cb4, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb4, 1 : !tt.cb<1, bf16>
    %cb5 = tt.get_cb 5 : !tt.cb<1, bf16>  tt.cb_wait_front %cb5, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb5, 1 : !tt.cb<1, bf16>
    %cb6 = tt.get_cb 6 : !tt.cb<1, bf16>  tt.cb_wait_front %cb6, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb6, 1 : !tt.cb<1, bf16>
    %cb7 = tt.get_cb 7 : !tt.cb<1, bf16>  tt.cb_wait_front %cb7, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb7, 1 : !tt.cb<1, bf16>
    %cb8 = tt.get_cb 8 : !tt.cb<1, bf16>  tt.cb_wait_front %cb8, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb8, 1 : !tt.cb<1, bf16>
    %cb9 = tt.get_cb 9 : !tt.cb<1, bf16>  tt.cb_wait_front %cb9, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb9, 1 : !tt.cb<1, bf16>
    %cb10 = tt.get_cb 10 : !tt.cb<1, bf16>  tt.cb_wait_front %cb10, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb10, 1 : !tt.cb<1, bf16>
    %cb11 = tt.get_cb 11 : !tt.cb<1, bf16>  tt.cb_wait_front %cb11, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb11, 1 : !tt.cb<1, bf16>
    %cb12 = tt.get_cb 12 : !tt.cb<1, bf16>  tt.cb_wait_front %cb12, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb12, 1 : !tt.cb<1, bf16>
    %cb13 = tt.get_cb 13 : !tt.cb<1, bf16>  tt.cb_wait_front %cb13, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb13, 1 : !tt.cb<1, bf16>
    %cb14 = tt.get_cb 14 : !tt.cb<1, bf16>  tt.cb_wait_front %cb14, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb14, 1 : !tt.cb<1, bf16>
    %cb15 = tt.get_cb 15 : !tt.cb<1, bf16>  tt.cb_wait_front %cb15, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb15, 1 : !tt.cb<1, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<1, bf16>  tt.cb_wait_front %cb16, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb16, 1 : !tt.cb<1, bf16>
    %cb17 = tt.get_cb 17 : !tt.cb<1, bf16>  tt.cb_wait_front %cb17, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb17, 1 : !tt.cb<1, bf16>
    %cb18 = tt.get_cb 18 : !tt.cb<1, bf16>  tt.cb_wait_front %cb18, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb18, 1 : !tt.cb<1, bf16>
    %cb19 = tt.get_cb 19 : !tt.cb<1, bf16>  tt.cb_wait_front %cb19, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb19, 1 : !tt.cb<1, bf16>
    %cb20 = tt.get_cb 20 : !tt.cb<1, bf16>  tt.cb_wait_front %cb20, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb20, 1 : !tt.cb<1, bf16>
    %cb21 = tt.get_cb 21 : !tt.cb<1, bf16>  tt.cb_wait_front %cb21, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb21, 1 : !tt.cb<1, bf16>
    %cb22 = tt.get_cb 22 : !tt.cb<1, bf16>  tt.cb_wait_front %cb22, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb22, 1 : !tt.cb<1, bf16>
    %cb23 = tt.get_cb 23 : !tt.cb<1, bf16>  tt.cb_wait_front %cb23, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb23, 1 : !tt.cb<1, bf16>
    %cb24 = tt.get_cb 24 : !tt.cb<1, bf16>  tt.cb_wait_front %cb24, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb24, 1 : !tt.cb<1, bf16>
    %cb25 = tt.get_cb 25 : !tt.cb<1, bf16>  tt.cb_wait_front %cb25, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb25, 1 : !tt.cb<1, bf16>
    %cb26 = tt.get_cb 26 : !tt.cb<1, bf16>  tt.cb_wait_front %cb26, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb26, 1 : !tt.cb<1, bf16>
    %cb27 = tt.get_cb 27 : !tt.cb<1, bf16>  tt.cb_wait_front %cb27, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb27, 1 : !tt.cb<1, bf16>
    %cb28 = tt.get_cb 28 : !tt.cb<1, bf16>  tt.cb_wait_front %cb28, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb28, 1 : !tt.cb<1, bf16>
    %cb29 = tt.get_cb 29 : !tt.cb<1, bf16>  tt.cb_wait_front %cb29, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb29, 1 : !tt.cb<1, bf16>
    %cb30 = tt.get_cb 30 : !tt.cb<1, bf16>  tt.cb_wait_front %cb30, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb30, 1 : !tt.cb<1, bf16>
    %cb31 = tt.get_cb 31 : !tt.cb<1, bf16>  tt.cb_wait_front %cb31, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb31, 1 : !tt.cb<1, bf16>
    %cb32 = tt.get_cb 32 : !tt.cb<1, bf16>  tt.cb_wait_front %cb32, 1 : !tt.cb<1, bf16>  tt.cb_pop_front %cb32, 1 : !tt.cb<1, bf16>
  }
}
// OWN:   tt.program @cbs33 attributes {device = #tt.device<p150>
// WH:    verify.mlir:[[# @LINE - 73]]:1: error: 'tt.program' op 33 CBs on one core, n150 (wormhole_b0) has 32

// -----

// A CB index described twice: the tt.program verifier reports it before
// tt-verify runs (same message), so tt-verify's own check is unreachable.
tt.program @cb_twice attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 12]]:1: error: 'tt.program' op CB index 0 is described twice

// -----

// ==== Rule 3. CB protocol
// Reserved and pushed pages balance in every loop iteration: this reader
// reserves 2 pages of CB 0 per iteration but pushes 1.
tt.program @reserve_push attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %i = %c0 to %c4 step %c1 {
      tt.cb_reserve_back %cb0, 2 : !tt.cb<2, bf16>
      tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
    }
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 25]]:7: error: 'tt.cb_reserve_back' op CB 0: 2 pages reserved but 1 pushed in this loop iteration

// -----

// Waited-for and popped pages balance too: the writer waits for 2 pages of
// CB 16 and pops 1, in the kernel body.
tt.program @wait_pop attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 2 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 4]]:5: error: 'tt.cb_wait_front' op CB 16: 2 pages waited for but 1 popped in kernel @writer

// -----

// A CB has one producer: here the writer pushes CB 0 as well as the reader.
tt.program @two_producers attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 30]]:1: error: 'tt.program' op CB 0 is produced by 2 kernels (@reader, @writer); every CB has exactly one producer and one consumer

// -----

// A CB has one consumer: nothing pops CB 16 (the program has no writer).
tt.program @no_consumer attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 22]]:1: error: 'tt.program' op CB 16 is consumed by no kernel; every CB has exactly one producer and one consumer

// -----

// A call naming more pages than the CB has: the tt.cb_reserve_back verifier
// reports it before tt-verify runs (tt.get_cb already ties a CB's type to its
// descriptor), so rule 3's last clause cannot fail in tt-verify.
tt.program @too_many_pages attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 3 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 3 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 9]]:5: error: 'tt.cb_reserve_back' op page count 3 exceeds the 2 pages of the CB

// -----

// ==== Rule 4. DST
// tile_regs_commit before tile_regs_acquire.
tt.program @commit_first attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.tile_regs_commit
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.tile_regs_acquire
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 16]]:5: error: 'tt.tile_regs_commit' op out of order: DST is idle here; tt.tile_regs_commit needs it acquired (acquire, commit, wait, release)

// -----

// Math only between acquire and commit: this copy_tile runs after the commit.
tt.program @math_after_commit attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.tile_regs_commit
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 14]]:5: error: 'tt.copy_tile' op writes DST while DST is committed; math runs between tile_regs_acquire and tile_regs_commit

// -----

// Packs only between wait and release: this pack_tile runs before the wait.
tt.program @pack_before_wait attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 11]]:5: error: 'tt.pack_tile' op reads DST while DST is committed; packs run between tile_regs_wait and tile_regs_release

// -----

// A DST section is balanced inside a loop: each iteration acquires DST and
// computes, but the commit, wait, pack and release come after the loop.
tt.program @loop_section attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    scf.for %i = %c0 to %c2 step %c1 {
      tt.tile_regs_acquire
      tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    }
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 18]]:5: error: 'scf.for' op leaves DST acquired after an iteration that started with it idle; DST sections must be balanced inside the loop

// -----

// DST is released by the end of the kernel: this one never waits or releases
// (so it packs nothing; CB 16 is filled by the reader instead).
tt.program @left_acquired attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 14]]:3: error: 'tt.kernel' op DST is left acquired at the end of the kernel; release it

// -----

// A compute op in a reader kernel: the op's ComputeOnly trait reports it when
// the IR is verified, before tt-verify runs, so tt-verify's own role check
// (compute ops only in compute kernels, NOC ops only in reader/writer kernels)
// is unreachable on IR that parses.
tt.program @compute_in_reader attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 24]]:5: error: 'tt.copy_tile' op is a compute op and cannot appear in reader kernel @reader; it belongs in a compute kernel

// -----

// A DST index beyond the kernel's capacity (16-bit, double-buffered: 8 tiles)
// is reported by the op verifier too, with the reason for the capacity; tt-verify's
// own DST-index check is unreachable.
tt.program @dst_index attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.copy_tile %cb0, %c0, dst = 8 : !tt.cb<2, bf16>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 8, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 15]]:5: error: 'tt.copy_tile' op DST index 8 is out of range: DST holds 8 tiles (16-bit accumulation in double-buffered mode)

// -----

// ==== Rule 8. Blocked matmul

// matmul_block_init programs the unpacker and FPU for one block shape: the
// matmul_block after it must have the same ct, rt, kt and transpose (here kt differs).
tt.program @block_shape attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb1 = tt.get_cb 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 2 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 2 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb1, 2 : !tt.cb<2, bf16>
    tt.cb_push_back %cb1, 2 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb1 = tt.get_cb 1 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.matmul_block_init %cb0, %cb1 ct = 2, rt = 1, kt = 2 : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.cb_wait_front %cb0, 2 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb1, 2 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.matmul_block %cb0, %cb1, %c0, %c0, dst = 0, ct = 2, rt = 1, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 2 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb1, 2 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 2 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.pack_tile dst = 1, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 2 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 2 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 2 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 17]]:5: error: 'tt.matmul_block' op has block shape ct = 2, rt = 1, kt = 1, but the tt.matmul_block_init before it programmed ct = 2, rt = 1, kt = 2

// -----

// matmul_init programs matmul_tiles, not matmul_block.
tt.program @block_no_init attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb1 = tt.get_cb 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 2 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 2 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb1, 2 : !tt.cb<2, bf16>
    tt.cb_push_back %cb1, 2 : !tt.cb<2, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb1 = tt.get_cb 1 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.matmul_init %cb0, %cb1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.cb_wait_front %cb0, 2 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb1, 2 : !tt.cb<2, bf16>
    tt.tile_regs_acquire
    tt.matmul_block %cb0, %cb1, %c0, %c0, dst = 0, ct = 2, rt = 1, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 2 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb1, 2 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 2 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.pack_tile dst = 1, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 2 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 2 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 2 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 17]]:5: error: 'tt.matmul_block' op runs after 'tt.matmul_init'; matmul_block needs a tt.matmul_block_init of its block shape (ct = 2, rt = 1, kt = 1) before it

// -----

// ==== Rule 5. Runtime args
// A buffer_address names a tensor of the program: the writer's schema asks for
// tensor 1, tt.tensors has one.
tt.program @no_tensor attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>], tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0)]>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %tensor0_addr = tt.get_arg_val 0 : i32
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor1_addr" : u32 = buffer_address(1)]>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %tensor1_addr = tt.get_arg_val 0 : i32
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 7]]:3: error: 'tt.kernel' op runtime argument 'tensor1_addr' is the address of tensor 1; the program has 1 tensor

// -----

// start_unit exists on a core only if the work partition gives it units: the
// reader runs on (0, 0) and (1, 0), the partition gives its one unit to (0, 0).
// The kernel verifier (the program contract) reports it before tt-verify runs.
tt.program @no_units attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>], work_partition = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit]>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %start_unit = tt.get_arg_val 0 : i32
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (1, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 12]]:3: error: 'tt.kernel' op runs on core (1, 0), which the work partition gives no work; the host sets runtime arguments on the partition's working cores, so every kernel runs on exactly those

// -----

// A get_arg_val beyond the kernel's schema: the tt.get_arg_val verifier reports
// it first, so tt-verify's own schema check is unreachable.
tt.program @arg_index attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>], tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0)]>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %tensor0_addr = tt.get_arg_val 1 : i32
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 10]]:5: error: 'tt.get_arg_val' op runtime argument 1 is out of range: kernel @reader declares 1 runtime argument

// -----

// ==== Rule 6. Cores
// Column 10 exists on blackhole (14 columns), not on wormhole_b0 (8). The
// tt.kernel verifier checks the program's own device, so only tt-verify with
// another `arch` reports this.
tt.program @column10 attributes {device = #tt.device<p150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0), (10, 0) to (10, 1)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0), (10, 0) to (10, 1)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
  }
}
// OWN:   tt.program @column10 attributes {device = #tt.device<p150>
// WH:    verify.mlir:[[# @LINE - 12]]:3: error: 'tt.kernel' op core range (10, 0) to (10, 1) lies outside the 8x8 worker grid of n150 (wormhole_b0)

// -----

// Overlapping core ranges of one kernel: #tt.core_ranges rejects them when the
// attribute is parsed, so tt-verify's overlap check is unreachable.
tt.program @overlap attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (1, 1), (1, 1) to (2, 2)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (1, 1), (1, 1) to (2, 2)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 11]]:31: error: invalid attribute: core ranges (0, 0) to (1, 1) and (1, 1) to (2, 2) overlap

// -----

// ==== Rule 7. Data formats
// Both architectures handle every tt.data_format (device.py), so "a CB format
// the arch does not support" cannot be written. FPU math reads floating-point
// formats only: add_tiles reads CB 1 in i32.
tt.program @fpu_i32 attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 4096, i32>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb1 = tt.get_cb 1 : !tt.cb<2, i32>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb1, 1 : !tt.cb<2, i32>
    tt.cb_push_back %cb1, 1 : !tt.cb<2, i32>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb1 = tt.get_cb 1 : !tt.cb<2, i32>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb1, 1 : !tt.cb<2, i32>
    tt.tile_regs_acquire
    tt.add_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, i32>, index, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb1, 1 : !tt.cb<2, i32>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: verify.mlir:[[# @LINE - 16]]:5: error: 'tt.add_tiles' op reads CB 1 in i32; the FPU computes on bf16, bfp4_b, bfp8_b, f16, f32

// -----

// Copying an i32 tile into DST is not FPU math: the same CB through copy_tile
// and pack_tile verifies.
tt.program @copy_i32 attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 1, pages = 2, page_size = 4096, i32>, #tt.cb_desc<index = 16, pages = 2, page_size = 4096, i32>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb1 = tt.get_cb 1 : !tt.cb<2, i32>
    tt.cb_reserve_back %cb1, 1 : !tt.cb<2, i32>
    tt.cb_push_back %cb1, 1 : !tt.cb<2, i32>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
    %cb1 = tt.get_cb 1 : !tt.cb<2, i32>
    %cb16 = tt.get_cb 16 : !tt.cb<2, i32>
    %c0 = arith.constant 0 : index
    tt.cb_wait_front %cb1, 1 : !tt.cb<2, i32>
    tt.tile_regs_acquire
    tt.copy_tile %cb1, %c0, dst = 0 : !tt.cb<2, i32>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb1, 1 : !tt.cb<2, i32>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, i32>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16 : !tt.cb<2, i32>
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, i32>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<2, i32>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, i32>
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, i32>
  }
}
// CHECK: tt.program @copy_i32 attributes {device = #tt.device<n150>

// -----

// A CB handed through a loop's iter_args is the same CB: protocol and producer
// checks follow it back to its tt.get_cb.
tt.program @iter_args attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %r = scf.for %i = %c0 to %c1 step %c1 iter_args(%cb = %cb0) -> (!tt.cb<2, bf16>) {
      tt.cb_reserve_back %cb, 1 : !tt.cb<2, bf16>
      tt.cb_push_back %cb, 1 : !tt.cb<2, bf16>
      scf.yield %cb : !tt.cb<2, bf16>
    }
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
  }
}
// CHECK: tt.program @iter_args

// -----

// start_unit needs the program's work partition, which this program lacks.
tt.program @no_partition attributes {device = #tt.device<n150>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["start" : u32 = start_unit]>} {
  }
}
// CHECK: verify.mlir:[[# @LINE - 3]]:3: error: 'tt.kernel' op the host cannot set runtime argument 'start': the program has no work_partition to take units from

// -----

// ==== Rule 9. Multicast
// A row multicast must name the rest of the row: the 4x2 rectangle's rows have 3 other cores.
tt.program @mcast_dests attributes {device = #tt.device<n150>, cbs = [], work_partition = #tt.work_partition<block_2d, row_major, grid = [8, 8], blocks = [2, 4], shard_blocks = [1, 1], ranges = [<(0, 0) to (3, 1), start = 0, count = 1>]>, semaphores = [#tt.semaphore<id = 0, initial = 0, cores = [(0, 0) to (3, 1)]>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (3, 1)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "x0" : u32 = mcast_start_x(row), "y0" : u32 = mcast_start_y(row), "x1" : u32 = mcast_end_x(row), "y1" : u32 = mcast_end_y(row)]>} {
    %x0 = tt.get_arg_val 1 : i32
    %y0 = tt.get_arg_val 2 : i32
    %x1 = tt.get_arg_val 3 : i32
    %y1 = tt.get_arg_val 4 : i32
    %flag = tt.get_semaphore 0
    %dests = arith.constant 7 : i32
    %rect = tt.get_noc_multicast_addr %x0, %y0, %x1, %y1, %flag
    tt.semaphore_set_multicast %flag, %rect, num_dests = %dests
  }
}
// CHECK: verify.mlir:[[# @LINE - 3]]:5: error: 'tt.semaphore_set_multicast' op multicasts to 7 cores along a row, whose other cores number 3 in the partition's core rectangle

// -----

// Multicast values need a block_2d partition.
tt.program @mcast_global attributes {device = #tt.device<n150>, cbs = [], work_partition = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [2, 4], ranges = [<(0, 0) to (7, 0), start = 0, count = 1>]>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 0)]> attributes {runtime_args = #tt.runtime_args<["sender" : u32 = mcast_sender(row)]>} {
  }
}
// CHECK: verify.mlir:[[# @LINE - 3]]:3: error: 'tt.kernel' op multicast runtime arguments need a block_2d work partition, whose core rectangle defines the lines; this program's partition is global

// -----

// A column multicast on a one-row rectangle has no one to send to.
tt.program @mcast_no_receivers attributes {device = #tt.device<n150>, cbs = [], work_partition = #tt.work_partition<block_2d, row_major, grid = [8, 8], blocks = [1, 4], shard_blocks = [1, 1], ranges = [<(0, 0) to (3, 0), start = 0, count = 1>]>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (3, 0)]> attributes {runtime_args = #tt.runtime_args<["sender" : u32 = mcast_sender(column)]>} {
  }
}
// CHECK: verify.mlir:[[# @LINE - 3]]:3: error: 'tt.kernel' op runtime argument 'sender' is a multicast value along columns, but a column of the partition's core rectangle has one core: nothing to multicast to

// -----

// Semaphores live on cores that run the program.
tt.program @semaphore_elsewhere attributes {device = #tt.device<n150>, cbs = [], semaphores = [#tt.semaphore<id = 0, initial = 0, cores = [(0, 0) to (1, 0)]>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
  }
}
// CHECK: verify.mlir:[[# @LINE - 4]]:1: error: 'tt.program' op semaphore 0 is created on core (1, 0), where no kernel runs
