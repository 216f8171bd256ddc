// RUN: tt-opt %s -p tt-grid-to-persistent --split-input-file --verify-diagnostics | filecheck %s

// Global partition: the launch becomes a loop over this core's units, read from
// the runtime args at their schema positions (0 and 2); the block indices are the
// unit's row and column in the 2x5 launch grid. Buffers are hoisted out of the
// loop: a core allocates its CBs once.
func.func @add(%A: memref<64x160xf32>, %C: memref<64x160xf32>) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [2, 5], ranges = [<(0, 0) to (0, 0), start = 0, count = 2>, <(1, 0) to (2, 0), start = 2, count = 1>, <(0, 1) to (2, 2), start = 4, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["first" : u32 = start_unit, "a" : u32 = buffer_address(0), "count" : u32 = num_units, "c" : u32 = buffer_address(1)]>} {
  tt.launch_grid (%bx, %by) in (5, 2) {
    %c32 = arith.constant 32 : index
    %row = arith.muli %by, %c32 : index
    %col = arith.muli %bx, %c32 : index
    %a = tt.alloc_shared : memref<32x32xf32>
    tt.copy %A[%row, %col] to %a : memref<64x160xf32> to memref<32x32xf32>
    tt.copy %a to %C[%row, %col] : memref<32x32xf32> to memref<64x160xf32>
  }
  func.return
}
// CHECK:      func.func @add(
// CHECK-NEXT:   %a = tt.alloc_shared : memref<32x32xf32>
// CHECK-NEXT:   %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:   %count_arg = tt.get_arg_val 2 : i32
// CHECK-NEXT:   %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:   %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:   %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:   %unit_step = arith.constant 1 : index
// CHECK-NEXT:   scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:     %blocks_per_row = arith.constant 5 : index
// CHECK-NEXT:     %by = arith.divui %unit, %blocks_per_row : index
// CHECK-NEXT:     %bx = arith.remui %unit, %blocks_per_row : index
// CHECK-NEXT:     %c32 = arith.constant 32 : index
// CHECK-NEXT:     %row = arith.muli %by, %c32 : index
// CHECK-NEXT:     %col = arith.muli %bx, %c32 : index
// CHECK-NEXT:     tt.copy %A[%row, %col] to %a : memref<64x160xf32> to memref<32x32xf32>
// CHECK-NEXT:     tt.copy %a to %C[%row, %col] : memref<32x32xf32> to memref<64x160xf32>
// CHECK-NEXT:   }
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

// Local-shard partition: units are numbered shard by shard (4 blocks per shard,
// 2 shards per row of the 4x4 launch grid), so the block of a unit is its shard's
// first block plus its place inside the shard.
func.func @sharded(%C: memref<256x256xbf16>) attributes {
    tt.work_partition = #tt.work_partition<local_shard, row_major, grid = [2, 2], blocks = [4, 4], shard_blocks = [2, 2], ranges = [<(0, 0) to (1, 1), start = 0, count = 4>]>,
    tt.runtime_args = #tt.runtime_args<["c" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
  tt.launch_grid (%i, %j) in (4, 4) {
    %c64 = arith.constant 64 : index
    %row = arith.muli %j, %c64 : index
    %col = arith.muli %i, %c64 : index
    %c = tt.alloc_shared : memref<64x64xbf16>
    tt.fill %c, 2.0 : memref<64x64xbf16>
    tt.copy %c to %C[%row, %col] : memref<64x64xbf16> to memref<256x256xbf16>
  }
  func.return
}
// CHECK:      func.func @sharded(
// CHECK-NEXT:   %c = tt.alloc_shared : memref<64x64xbf16>
// CHECK-NEXT:   %start_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:   %count_arg = tt.get_arg_val 2 : i32
// CHECK:        scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:     %blocks_per_shard = arith.constant 4 : index
// CHECK-NEXT:     %shard = arith.divui %unit, %blocks_per_shard : index
// CHECK-NEXT:     %block_in_shard = arith.remui %unit, %blocks_per_shard : index
// CHECK-NEXT:     %shards_per_row = arith.constant 2 : index
// CHECK-NEXT:     %shard_row = arith.divui %shard, %shards_per_row : index
// CHECK-NEXT:     %shard_col = arith.remui %shard, %shards_per_row : index
// CHECK-NEXT:     %shard_width = arith.constant 2 : index
// CHECK-NEXT:     %row_in_shard = arith.divui %block_in_shard, %shard_width : index
// CHECK-NEXT:     %col_in_shard = arith.remui %block_in_shard, %shard_width : index
// CHECK-NEXT:     %shard_height = arith.constant 2 : index
// CHECK-NEXT:     %shard_first_row = arith.muli %shard_row, %shard_height : index
// CHECK-NEXT:     %shard_first_col = arith.muli %shard_col, %shard_width : index
// CHECK-NEXT:     %j = arith.addi %shard_first_row, %row_in_shard : index
// CHECK-NEXT:     %i = arith.addi %shard_first_col, %col_in_shard : index
// CHECK-NEXT:     %c64 = arith.constant 64 : index
// CHECK-NEXT:     %row = arith.muli %j, %c64 : index
// CHECK-NEXT:     %col = arith.muli %i, %c64 : index
// CHECK-NEXT:     tt.fill %c, 2.000000e+00 : memref<64x64xbf16>
// CHECK-NEXT:     tt.copy %c to %C[%row, %col] : memref<64x64xbf16> to memref<256x256xbf16>
// CHECK-NEXT:   }

// -----

// Buffers nested in loops are hoisted too; the loop structure stays.
func.func @nested(%A: memref<32x128xf32>) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["start" : u32 = start_unit, "count" : u32 = num_units]>} {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %k = %c0 to %c4 step %c1 {
      %t = tt.alloc_fragment : memref<32x32xf32>
      tt.clear %t : memref<32x32xf32>
    }
  }
  func.return
}
// CHECK:      func.func @nested(
// CHECK-NEXT:   %t = tt.alloc_fragment : memref<32x32xf32>
// CHECK:        scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK:          scf.for %k = %c0 to %c4 step %c1 {
// CHECK-NEXT:       tt.clear %t : memref<32x32xf32>
// CHECK-NEXT:     }
// CHECK-NEXT:   }

// -----

// The partition comes from tt-work-partition ...
func.func @unpartitioned(%A: memref<32x32xf32>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: grid_to_persistent.mlir:[[# @LINE - 4]]:3: error: 'tt.launch_grid' op the enclosing function has no tt.work_partition and tt.runtime_args; run tt-work-partition first

// -----

// ... must describe this launch grid ...
func.func @mismatch(%A: memref<32x32xf32>) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [1, 2], ranges = [<(0, 0) to (1, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["start" : u32 = start_unit, "count" : u32 = num_units]>} {
  tt.launch_grid (%bx, %by) in (1, 2) {
  }
  func.return
}
// CHECK: grid_to_persistent.mlir:[[# @LINE - 4]]:3: error: 'tt.launch_grid' op launch grid (1, 2) does not match the [1, 2] blocks of the work partition

// -----

// ... and comes with a schema that says where the core's units are.
func.func @no_count(%A: memref<32x32xf32>) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["start" : u32 = start_unit]>} {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: grid_to_persistent.mlir:[[# @LINE - 4]]:3: error: 'tt.launch_grid' op the runtime-argument schema has no num_units entry

// -----

// A 3-D launch grid (x, y, z) = (2, 3, 2): the partition's blocks are [z, y, x] and
// units row-major over them, so bz = unit / 6, by and bx from the rest as in 2-D.
func.func @batched(%X: memref<2x3x64x96xf32>, %Z: memref<2x3x64x96xf32>) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [2, 3, 2], ranges = [<(0, 0) to (2, 0), start = 0, count = 2>, <(0, 1) to (2, 2), start = 6, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["x" : u32 = buffer_address(0), "z" : u32 = buffer_address(1), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
  tt.launch_grid (%bx, %by, %bz) in (2, 3, 2) {
    %c0 = arith.constant 0 : index
    %c32 = arith.constant 32 : index
    %row = arith.muli %bx, %c32 : index
    %a = tt.alloc_shared : memref<32x96xf32>
    tt.copy %X[%bz, %by, %row, %c0] to %a : memref<2x3x64x96xf32> to memref<32x96xf32>
    tt.copy %a to %Z[%bz, %by, %row, %c0] : memref<32x96xf32> to memref<2x3x64x96xf32>
  }
  func.return
}
// CHECK:      func.func @batched(
// CHECK-NEXT:   %a = tt.alloc_shared : memref<32x96xf32>
// CHECK-NEXT:   %start_arg = tt.get_arg_val 2 : i32
// CHECK-NEXT:   %count_arg = tt.get_arg_val 3 : i32
// CHECK-NEXT:   %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:   %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:   %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:   %unit_step = arith.constant 1 : index
// CHECK-NEXT:   scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:     %blocks_per_plane = arith.constant 6 : index
// CHECK-NEXT:     %bz = arith.divui %unit, %blocks_per_plane : index
// CHECK-NEXT:     %block_in_plane = arith.remui %unit, %blocks_per_plane : index
// CHECK-NEXT:     %blocks_per_row = arith.constant 2 : index
// CHECK-NEXT:     %by = arith.divui %block_in_plane, %blocks_per_row : index
// CHECK-NEXT:     %bx = arith.remui %block_in_plane, %blocks_per_row : index
// CHECK-NEXT:     %c0 = arith.constant 0 : index
// CHECK-NEXT:     %c32 = arith.constant 32 : index
// CHECK-NEXT:     %row = arith.muli %bx, %c32 : index
// CHECK-NEXT:     tt.copy %X[%bz, %by, %row, %c0] to %a : memref<2x3x64x96xf32> to memref<32x96xf32>
// CHECK-NEXT:     tt.copy %a to %Z[%bz, %by, %row, %c0] : memref<32x96xf32> to memref<2x3x64x96xf32>
// CHECK-NEXT:   }
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

// The partition's blocks must be the launch grid's, reversed.
func.func @mismatch(%X: memref<2x3x64x96xf32>) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [3, 2, 2], ranges = [<(0, 0) to (2, 0), start = 0, count = 2>, <(0, 1) to (2, 2), start = 6, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["x" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
  tt.launch_grid (%bx, %by, %bz) in (2, 3, 2) {
  }
  func.return
}
// CHECK: grid_to_persistent.mlir:[[# @LINE - 4]]:3: error: 'tt.launch_grid' op launch grid (2, 3, 2) does not match the [3, 2, 2] blocks of the work partition

// -----

// x_order = folded: the x blocks of a row are walked from both ends (bx = 0, 3, 1, 2 for
// 4 blocks), so a core's consecutive units pair a short and a long loop. The rank in the
// row, half and odd = divmod(rank, 2), gives bx = half + odd * (3 - 2 * half), never
// negative on the way.
func.func @folded(%X: memref<2x128x32xf32>, %Z: memref<2x128x32xf32>) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [2, 2], blocks = [2, 1, 4], x_order = folded, ranges = [<(0, 0) to (1, 1), start = 0, count = 2>]>,
    tt.runtime_args = #tt.runtime_args<["x" : u32 = buffer_address(0), "z" : u32 = buffer_address(1), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
  tt.launch_grid (%bx, %by, %bz) in (4, 1, 2) {
    %c0 = arith.constant 0 : index
    %c32 = arith.constant 32 : index
    %row = arith.muli %bx, %c32 : index
    %a = tt.alloc_shared : memref<32x32xf32>
    tt.copy %X[%bz, %row, %c0] to %a : memref<2x128x32xf32> to memref<32x32xf32>
    tt.copy %a to %Z[%bz, %row, %c0] : memref<32x32xf32> to memref<2x128x32xf32>
  }
  func.return
}
// CHECK:      func.func @folded(
// CHECK:        scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:     %blocks_per_plane = arith.constant 4 : index
// CHECK-NEXT:     %bz = arith.divui %unit, %blocks_per_plane : index
// CHECK-NEXT:     %block_in_plane = arith.remui %unit, %blocks_per_plane : index
// CHECK-NEXT:     %blocks_per_row = arith.constant 4 : index
// CHECK-NEXT:     %by = arith.divui %block_in_plane, %blocks_per_row : index
// CHECK-NEXT:     %rank_in_row = arith.remui %block_in_plane, %blocks_per_row : index
// CHECK-NEXT:     %c2 = arith.constant 2 : index
// CHECK-NEXT:     %half_rank = arith.divui %rank_in_row, %c2 : index
// CHECK-NEXT:     %odd_rank = arith.remui %rank_in_row, %c2 : index
// CHECK-NEXT:     %twice_half = arith.muli %half_rank, %c2 : index
// CHECK-NEXT:     %last_block_x = arith.constant 3 : index
// CHECK-NEXT:     %mirror_distance = arith.subi %last_block_x, %twice_half : index
// CHECK-NEXT:     %mirror_shift = arith.muli %odd_rank, %mirror_distance : index
// CHECK-NEXT:     %bx = arith.addi %half_rank, %mirror_shift : index
// CHECK-NEXT:     %c0 = arith.constant 0 : index
