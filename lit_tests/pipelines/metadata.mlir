// RUN: tt-opt %S/../../examples/gemm/gemm.mlir -p tt-metadata | filecheck %s --check-prefix=GEMM
// RUN: tt-opt %S/../../examples/elementwise/add.mlir -p 'tt-metadata{grid=3x3}' | filecheck %s --check-prefix=ADD

// Options reach the passes that use them: the pipeline equals its passes by hand.
// RUN: tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-metadata{arch=blackhole grid=2x5 cb-depth=1 api-version=0.81.1}' -o %t.pipeline
// RUN: tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-attach-metal-api{api-version=0.81.1},tt-infer-layout{arch=blackhole},tt-propagate-layout{cb-depth=1},tt-work-partition{arch=blackhole grid=2x5},tt-schedule-multicast,tt-grid-to-persistent' -o %t.by-hand
// RUN: diff %t.pipeline %t.by-hand
// RUN: filecheck %s --check-prefix=OPTIONS --input-file %t.pipeline

// Bad options are reported by the pass they were written on, before any output.
// RUN: not tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-metadata{grid=12x2}' 2>&1 | filecheck %s --check-prefix=BAD-GRID
// RUN: not tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-metadata{cb-depth=0}' 2>&1 | filecheck %s --check-prefix=BAD-DEPTH
// RUN: not tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-metadata{mode=sharded}' 2>&1 | filecheck %s --check-prefix=BAD-MODE
// RUN: not tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-metadata{api-version=0.80}' 2>&1 | filecheck %s --check-prefix=BAD-API

// BAD-GRID:  tt-opt: error: tt-metadata: grid 12x2 is larger than the 8x8 worker grid of n150 (wormhole_b0)
// BAD-DEPTH: tt-opt: error: tt-metadata: cb-depth must be in 1..4096, got 0
// BAD-MODE:  tt-opt: error: tt-metadata: mode must be one of global, local_shard; got 'sharded'
// BAD-API:   tt-opt: error: tt-metadata: api-version must be one of 0.74.0, 0.81.1; got '0.80'; did you mean '0.81.1'?

// OPTIONS: tt.metal_api = #tt.metal_api<v0_81_1>
// OPTIONS-SAME: tt.work_partition = #tt.work_partition<global, row_major, grid = [2, 5], blocks = [8, 8], ranges = [<(0, 0) to (3, 0), start = 0, count = 7>, <(4, 0) to (4, 0), start = 28, count = 6>, <(0, 1) to (4, 1), start = 34, count = 6>]>
// The A and B buffers are filled in the `#tt.pipeline<stages = 2>` loop, which sizes their
// CBs; cb-depth sizes the others (C: 16 tiles, single-buffered).
// OPTIONS: #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>
// OPTIONS: #tt.cb_desc<index = 16, pages = 16, page_size = 2048, bf16>

// The gemm example (1024x1024x1024 bf16, 128x128 blocks, K block 32) after stages A-B:
// 64 blocks on an 8x8 rectangle of the 10x8 wormhole grid, one each (block_2d), A
// multicast along core rows and B down core columns (tt-schedule-multicast).
// GEMM:      builtin.module {
// GEMM-NEXT:   func.func @gemm(%A: memref<1024x1024xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>}, %B: memref<1024x1024xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>}, %C: memref<1024x1024xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>}) attributes {tt.metal_api = #tt.metal_api<v0_74_0>, tt.work_partition = #tt.work_partition<block_2d, row_major, grid = [8, 8], blocks = [8, 8], shard_blocks = [1, 1], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>, tt.runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units, "row_mcast_sender" : u32 = mcast_sender(row), "row_mcast_sender_x" : u32 = mcast_sender_x(row), "row_mcast_sender_y" : u32 = mcast_sender_y(row), "row_mcast_start_x" : u32 = mcast_start_x(row), "row_mcast_start_y" : u32 = mcast_start_y(row), "row_mcast_end_x" : u32 = mcast_end_x(row), "row_mcast_end_y" : u32 = mcast_end_y(row), "column_mcast_sender" : u32 = mcast_sender(column), "column_mcast_sender_x" : u32 = mcast_sender_x(column), "column_mcast_sender_y" : u32 = mcast_sender_y(column), "column_mcast_start_x" : u32 = mcast_start_x(column), "column_mcast_start_y" : u32 = mcast_start_y(column), "column_mcast_end_x" : u32 = mcast_end_x(column), "column_mcast_end_y" : u32 = mcast_end_y(column)]>, tt.device = #tt.device<n150>, tt.semaphores = [#tt.semaphore<id = 0, initial = 0, cores = [(0, 0) to (7, 7)]>, #tt.semaphore<id = 1, initial = 0, cores = [(0, 0) to (7, 7)]>, #tt.semaphore<id = 2, initial = 0, cores = [(0, 0) to (7, 7)]>, #tt.semaphore<id = 3, initial = 0, cores = [(0, 0) to (7, 7)]>]} {
// GEMM-NEXT:     %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>} : memref<128x32xbf16>
// GEMM-NEXT:     %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>} : memref<32x128xbf16>
// GEMM-NEXT:     %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xf32>
// GEMM-NEXT:     %start_arg = tt.get_arg_val 3 : i32
// GEMM-NEXT:     %count_arg = tt.get_arg_val 4 : i32
// GEMM-NEXT:     %start_unit = arith.index_cast %start_arg : i32 to index
// GEMM-NEXT:     %num_units = arith.index_cast %count_arg : i32 to index
// GEMM-NEXT:     %end_unit = arith.addi %start_unit, %num_units : index
// GEMM-NEXT:     %unit_step = arith.constant 1 : index
// GEMM-NEXT:     scf.for %unit = %start_unit to %end_unit step %unit_step {
// GEMM-NEXT:       %cores_per_row = arith.constant 8 : index
// GEMM-NEXT:       %by = arith.divui %unit, %cores_per_row : index
// GEMM-NEXT:       %bx = arith.remui %unit, %cores_per_row : index
// GEMM-NEXT:       %c0 = arith.constant 0 : index
// GEMM-NEXT:       %c1 = arith.constant 1 : index
// GEMM-NEXT:       %c32 = arith.constant 32 : index
// GEMM-NEXT:       %c128 = arith.constant 128 : index
// GEMM-NEXT:       %row = arith.muli %by, %c128 : index
// GEMM-NEXT:       %col = arith.muli %bx, %c128 : index
// GEMM-NEXT:       tt.clear %c : memref<128x128xf32>
// GEMM-NEXT:       scf.for %k = %c0 to %c32 step %c1 {
// GEMM-NEXT:         %kk = arith.muli %k, %c32 : index
// GEMM-NEXT:         tt.copy %A[%row, %kk] to %a multicast = <row, receivers = 7, sender_semaphore = 0, receiver_semaphore = 1> : memref<1024x1024xbf16> to memref<128x32xbf16>
// GEMM-NEXT:         tt.copy %B[%kk, %col] to %b multicast = <column, receivers = 7, sender_semaphore = 2, receiver_semaphore = 3> mover = <writer> : memref<1024x1024xbf16> to memref<32x128xbf16>
// GEMM-NEXT:         tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
// GEMM-NEXT:       } {tt.pipeline = #tt.pipeline<stages = 2>}
// GEMM-NEXT:       tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<1024x1024xbf16>
// GEMM-NEXT:     }
// GEMM-NEXT:     func.return
// GEMM-NEXT:   }
// GEMM-NEXT: }

// The elementwise add on a 3x3 grid: 64 blocks, 8 on core (0, 0) and 7 on the others.
// ADD:      builtin.module {
// ADD-NEXT:   func.func @add(%A: memref<1024x1024xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>}, %B: memref<1024x1024xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>}, %C: memref<1024x1024xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>}) attributes {tt.metal_api = #tt.metal_api<v0_74_0>, tt.work_partition = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [8, 8], ranges = [<(0, 0) to (0, 0), start = 0, count = 8>, <(1, 0) to (2, 0), start = 8, count = 7>, <(0, 1) to (2, 2), start = 22, count = 7>]>, tt.runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, tt.device = #tt.device<n150>} {
// ADD-NEXT:     %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 32, page_size = 2048, bf16>} : memref<128x128xbf16>
// ADD-NEXT:     %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 32, page_size = 2048, bf16>} : memref<128x128xbf16>
// ADD-NEXT:     %c = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xbf16>
// ADD-NEXT:     %start_arg = tt.get_arg_val 3 : i32
// ADD-NEXT:     %count_arg = tt.get_arg_val 4 : i32
// ADD-NEXT:     %start_unit = arith.index_cast %start_arg : i32 to index
// ADD-NEXT:     %num_units = arith.index_cast %count_arg : i32 to index
// ADD-NEXT:     %end_unit = arith.addi %start_unit, %num_units : index
// ADD-NEXT:     %unit_step = arith.constant 1 : index
// ADD-NEXT:     scf.for %unit = %start_unit to %end_unit step %unit_step {
// ADD-NEXT:       %blocks_per_row = arith.constant 8 : index
// ADD-NEXT:       %by = arith.divui %unit, %blocks_per_row : index
// ADD-NEXT:       %bx = arith.remui %unit, %blocks_per_row : index
// ADD-NEXT:       %c128 = arith.constant 128 : index
// ADD-NEXT:       %row = arith.muli %by, %c128 : index
// ADD-NEXT:       %col = arith.muli %bx, %c128 : index
// ADD-NEXT:       tt.copy %A[%row, %col] to %a : memref<1024x1024xbf16> to memref<128x128xbf16>
// ADD-NEXT:       tt.copy %B[%row, %col] to %b : memref<1024x1024xbf16> to memref<128x128xbf16>
// ADD-NEXT:       tt.add %a, %b to %c : memref<128x128xbf16>
// ADD-NEXT:       tt.copy %c to %C[%row, %col] : memref<128x128xbf16> to memref<1024x1024xbf16>
// ADD-NEXT:     }
// ADD-NEXT:     func.return
// ADD-NEXT:   }
// ADD-NEXT: }
