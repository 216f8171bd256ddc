// RUN: tt-opt %s -p 'tt-infer-layout,tt-work-partition' --split-input-file --verify-diagnostics | filecheck %s
// RUN: tt-opt %s -p 'tt-infer-layout,tt-work-partition{grid=3x3}' --split-input-file --verify-diagnostics | filecheck %s --check-prefix=GRID3
// RUN: tt-opt %s -p 'tt-infer-layout,tt-work-partition{grid=2x2}' --split-input-file --verify-diagnostics | filecheck %s --check-prefix=FOLD
// RUN: tt-opt %s -p 'tt-infer-layout{arch=blackhole},tt-work-partition{arch=blackhole}' --split-input-file --verify-diagnostics | filecheck %s --check-prefix=BH
// RUN: tt-opt %s -p 'tt-infer-layout{device=p100},tt-work-partition{device=p100}' --split-input-file --verify-diagnostics | filecheck %s --check-prefix=P100
// RUN: tt-opt %s -p 'tt-infer-layout{device=n300},tt-work-partition{device=n300}' --split-input-file --verify-diagnostics | filecheck %s --check-prefix=N300
// RUN: not tt-opt %s -p 'tt-work-partition{device=n150 arch=blackhole}' 2>&1 | filecheck %s --check-prefix=CONFLICT
// RUN: tt-opt %s -p 'tt-infer-layout,tt-work-partition{mode=local_shard grid=4x4}' --split-input-file --verify-diagnostics | filecheck %s --check-prefix=SHARD
// RUN: not tt-opt %s -p 'tt-work-partition{grid=11x5}' 2>&1 | filecheck %s --check-prefix=TOO-TALL
// RUN: not tt-opt %s -p 'tt-work-partition{arch=blackhole grid=10x15}' 2>&1 | filecheck %s --check-prefix=TOO-WIDE
// RUN: not tt-opt %s -p 'tt-work-partition{grid=8}' 2>&1 | filecheck %s --check-prefix=NOT-RXC
// RUN: not tt-opt %s -p 'tt-work-partition{grid=0x4}' 2>&1 | filecheck %s --check-prefix=EMPTY
// RUN: tt-opt %s -p 'tt-work-partition{mode=local_shard}' --split-input-file --verify-diagnostics | filecheck %s --check-prefix=NOLAYOUT

// TOO-TALL: tt-opt: error: tt-work-partition: grid 11x5 is larger than the 8x8 worker grid of n150 (wormhole_b0)
// TOO-WIDE: tt-opt: error: tt-work-partition: grid 10x15 is larger than the 10x13 worker grid of p150 (blackhole)
// NOT-RXC:  tt-opt: error: tt-work-partition: grid must be ROWSxCOLS with positive extents, e.g. grid=8x8; got '8'
// EMPTY:    tt-opt: error: tt-work-partition: grid must be ROWSxCOLS with positive extents, e.g. grid=8x8; got '0x4'
// CONFLICT: tt-opt: error: tt-work-partition: device=n150 is a wormhole_b0 card, but arch=blackhole; drop arch, or choose a blackhole card: p100, p150

// Global mode, 64 blocks. On an n150's 8x8 grid (the default): one block on each
// core. On 3x3: 64 = 9 * 7 + 1, so core (0, 0) gets 8 blocks and the other eight 7;
// on a p150's 10x13 grid (blackhole's card) the first four rows and 12 cores of the
// fifth get a block each; on a p100's 10x11, five rows and 9 cores of the sixth; on
// an n300's 7x8 (56 cores), two blocks on each core of the first row.
// Every tensor argument gets a buffer address in the schema, then start and count.
func.func @gemm(%A: memref<1024x1024xbf16>, %B: memref<1024x1024xbf16>, %n: index, %C: memref<1024x1024xbf16>) {
  tt.launch_grid (%bx, %by) in (8, 8) {
  }
  func.return
}
// CHECK:      func.func @gemm(
// CHECK-SAME: attributes {tt.work_partition = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [8, 8], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>,
// CHECK-SAME: tt.runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "tensor3_addr" : u32 = buffer_address(3), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, tt.device = #tt.device<n150>}
// GRID3:      tt.work_partition = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [8, 8], ranges = [<(0, 0) to (0, 0), start = 0, count = 8>, <(1, 0) to (2, 0), start = 8, count = 7>, <(0, 1) to (2, 2), start = 22, count = 7>]>
// BH:         tt.work_partition = #tt.work_partition<global, row_major, grid = [10, 13], blocks = [8, 8], ranges = [<(0, 0) to (12, 3), start = 0, count = 1>, <(0, 4) to (11, 4), start = 52, count = 1>]>
// BH-SAME:    tt.device = #tt.device<p150>
// P100:       tt.work_partition = #tt.work_partition<global, row_major, grid = [10, 11], blocks = [8, 8], ranges = [<(0, 0) to (10, 4), start = 0, count = 1>, <(0, 5) to (8, 5), start = 55, count = 1>]>
// P100-SAME:  tt.device = #tt.device<p100>
// N300:       tt.work_partition = #tt.work_partition<global, row_major, grid = [7, 8], blocks = [8, 8], ranges = [<(0, 0) to (7, 0), start = 0, count = 2>, <(0, 1) to (7, 6), start = 16, count = 1>]>
// N300-SAME:  tt.device = #tt.device<n300>
// Local-shard mode needs an output to follow; this program writes none.
// SHARD:      work_partition.mlir:[[# @LINE - 16]]:1: error: 'func.func' op local_shard mode needs an output: no copy writes a tensor argument

// -----

// The blocks are the launch grid's points, row-major: a 2x5 launch is 10 blocks,
// more than the 9 cores of a 3x3 grid, so core (0, 0) takes two. A 1x1 launch
// keeps one core busy and leaves the rest idle.
func.func @wide(%A: memref<64x160xf32>, %C: memref<64x160xf32>) {
  tt.launch_grid (%bx, %by) in (5, 2) {
  }
  func.return
}
func.func @tiny(%A: memref<32x32xf32>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK:      tt.work_partition = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [2, 5], ranges = [<(0, 0) to (7, 0), start = 0, count = 1>, <(0, 1) to (1, 1), start = 8, count = 1>]>
// CHECK:      tt.work_partition = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>
// GRID3:      tt.work_partition = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [2, 5], ranges = [<(0, 0) to (0, 0), start = 0, count = 2>, <(1, 0) to (2, 0), start = 2, count = 1>, <(0, 1) to (2, 2), start = 4, count = 1>]>
// GRID3:      tt.work_partition = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>
// SHARD:      error: 'func.func' op local_shard mode needs an output

// -----

// Local-shard mode: C is block-sharded 2x2 (shards of 4x4 tiles), the program
// writes 2x2-tile blocks, so every core of the 2x2 shard grid computes the 2x2
// blocks of its shard, numbered shard by shard. Global mode ignores shards.
func.func @sharded(%A: memref<256x256xbf16>, %C: memref<256x256xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>}) {
  tt.launch_grid (%bx, %by) in (4, 4) {
    %c64 = arith.constant 64 : index
    %row = arith.muli %by, %c64 : index
    %col = arith.muli %c64, %bx : index
    %a = tt.alloc_shared : memref<64x64xbf16>
    tt.copy %A[%row, %col] to %a : memref<256x256xbf16> to memref<64x64xbf16>
    tt.copy %a to %C[%row, %col] : memref<64x64xbf16> to memref<256x256xbf16>
  }
  func.return
}
// SHARD:      tt.work_partition = #tt.work_partition<local_shard, row_major, grid = [2, 2], blocks = [4, 4], shard_blocks = [2, 2], ranges = [<(0, 0) to (1, 1), start = 0, count = 4>]>
// CHECK:      tt.work_partition = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [4, 4], ranges = [<(0, 0) to (7, 1), start = 0, count = 1>]>

// -----

// Height sharding over 4 cores in column-major order: the shard grid is 2 rows x 2
// cols, cores are taken column by column.
func.func @height(%A: memref<512x64xbf16>, %C: memref<512x64xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [16, 2], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 2], col_major>>}) {
  tt.launch_grid (%bx, %by) in (1, 8) {
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %row = arith.muli %by, %c64 : index
    %col = arith.muli %bx, %c64 : index
    %a = tt.alloc_shared : memref<64x64xbf16>
    tt.copy %A[%row, %col] to %a : memref<512x64xbf16> to memref<64x64xbf16>
    tt.copy %a to %C[%row, %col] : memref<64x64xbf16> to memref<512x64xbf16>
  }
  func.return
}
// SHARD:      tt.work_partition = #tt.work_partition<local_shard, col_major, grid = [2, 2], blocks = [8, 1], shard_blocks = [2, 1], ranges = [<(0, 0) to (1, 1), start = 0, count = 2>]>

// -----

// Errors of local-shard mode. The output must be written in blocks of
// `block index * block size`, rows from the y index and columns from x ...
func.func @transposed(%A: memref<256x256xbf16>, %C: memref<256x256xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>}) {
  tt.launch_grid (%bx, %by) in (4, 4) {
    %c64 = arith.constant 64 : index
    %row = arith.muli %bx, %c64 : index
    %col = arith.muli %by, %c64 : index
    %a = tt.alloc_shared : memref<64x64xbf16>
    tt.copy %A[%row, %col] to %a : memref<256x256xbf16> to memref<64x64xbf16>
    tt.copy %a to %C[%row, %col] : memref<64x64xbf16> to memref<256x256xbf16>
  }
  func.return
}
// SHARD: work_partition.mlir:[[# @LINE - 4]]:5: error: 'tt.copy' op local_shard mode needs output offsets of the form block index * block size; dimension 0 must be the launch grid's y index times 64 (arith.muli by an arith.constant)

// -----

// ... the launch grid must cover the output exactly ...
func.func @partial(%C: memref<256x256xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>}) {
  tt.launch_grid (%bx, %by) in (2, 2) {
    %c64 = arith.constant 64 : index
    %row = arith.muli %by, %c64 : index
    %col = arith.muli %bx, %c64 : index
    %a = tt.alloc_shared : memref<64x64xbf16>
    tt.fill %a, 1.0 : memref<64x64xbf16>
    tt.copy %a to %C[%row, %col] : memref<64x64xbf16> to memref<256x256xbf16>
  }
  func.return
}
// SHARD: work_partition.mlir:[[# @LINE - 10]]:3: error: 'tt.launch_grid' op local_shard mode needs the launch grid to cover the output exactly: [2, 2] blocks of [2, 2] tiles cover [4, 4] tiles, the output has [8, 8]

// -----

// ... a shard holds whole blocks ...
func.func @straddle(%C: memref<192x192xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [6, 6], shard = #tt.shard_spec<grid = [2, 2], shard = [3, 3], row_major>>}) {
  tt.launch_grid (%bx, %by) in (3, 3) {
    %c64 = arith.constant 64 : index
    %row = arith.muli %by, %c64 : index
    %col = arith.muli %bx, %c64 : index
    %a = tt.alloc_shared : memref<64x64xbf16>
    tt.fill %a, 1.0 : memref<64x64xbf16>
    tt.copy %a to %C[%row, %col] : memref<64x64xbf16> to memref<192x192xbf16>
  }
  func.return
}
// SHARD: work_partition.mlir:[[# @LINE - 10]]:3: error: 'tt.launch_grid' op local_shard mode needs whole blocks per shard: shard shape [3, 3] tiles is not a multiple of the [2, 2]-tile block in dimension 0

// -----

// ... the shard grid must fit the core grid ...
func.func @big_shard_grid(%C: memref<256x256xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [8, 1], shard = [1, 8], row_major>>}) {
  tt.launch_grid (%bx, %by) in (1, 8) {
    %c32 = arith.constant 32 : index
    %c256 = arith.constant 256 : index
    %row = arith.muli %by, %c32 : index
    %col = arith.muli %bx, %c256 : index
    %a = tt.alloc_shared : memref<32x256xbf16>
    tt.fill %a, 1.0 : memref<32x256xbf16>
    tt.copy %a to %C[%row, %col] : memref<32x256xbf16> to memref<256x256xbf16>
  }
  func.return
}
// SHARD: work_partition.mlir:[[# @LINE - 12]]:1: error: 'func.func' op shard grid [8, 1] of the output does not fit the 4x4 core grid

// -----

// ... and the output must be sharded.
func.func @interleaved(%C: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c64 = arith.constant 64 : index
    %row = arith.muli %by, %c64 : index
    %col = arith.muli %bx, %c64 : index
    %a = tt.alloc_shared : memref<64x64xbf16>
    tt.fill %a, 1.0 : memref<64x64xbf16>
    tt.copy %a to %C[%row, %col] : memref<64x64xbf16> to memref<64x64xbf16>
  }
  func.return
}
// SHARD: work_partition.mlir:[[# @LINE - 4]]:5: error: 'tt.copy' op local_shard mode needs a sharded output; argument #0 is dram interleaved
// Without tt-infer-layout, local-shard mode has no layout to read.
// NOLAYOUT: work_partition.mlir:[[# @LINE - 13]]:1: error: 'func.func' op argument #0 has no tt.layout; run tt-infer-layout first

// -----

// Every output of a local-shard program is sharded the same way.
func.func @two_outputs(%C: memref<128x128xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [4, 4], shard = #tt.shard_spec<grid = [2, 2], shard = [2, 2], row_major>>}, %D: memref<128x128xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [4, 4], shard = #tt.shard_spec<grid = [1, 4], shard = [4, 1], row_major>>}) {
  tt.launch_grid (%bx, %by) in (4, 4) {
    %c32 = arith.constant 32 : index
    %row = arith.muli %by, %c32 : index
    %col = arith.muli %bx, %c32 : index
    %a = tt.alloc_shared : memref<32x32xbf16>
    tt.fill %a, 1.0 : memref<32x32xbf16>
    tt.copy %a to %C[%row, %col] : memref<32x32xbf16> to memref<128x128xbf16>
    tt.copy %a to %D[%row, %col] : memref<32x32xbf16> to memref<128x128xbf16>
  }
  func.return
}
// SHARD: work_partition.mlir:[[# @LINE - 4]]:5: error: 'tt.copy' op local_shard mode needs every output sharded the same way and written in the same blocks

// -----

// A tile program launches one grid.
func.func @two_launches(%A: memref<32x32xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: work_partition.mlir:[[# @LINE - 4]]:3: error: 'tt.launch_grid' op a tile program launches one grid; this one launches 2

// -----

// A 3-D launch grid (x, y, z) = (2, 3, 2): blocks = [z, y, x], 12 units numbered
// row-major over [z, y, x], split over the cores like any other run of units.
func.func @batched(%X: memref<2x3x64x96xf32>, %Z: memref<2x3x64x96xf32>) {
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
// CHECK-SAME: tt.work_partition = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [2, 3, 2], ranges = [<(0, 0) to (7, 0), start = 0, count = 1>, <(0, 1) to (3, 1), start = 8, count = 1>]>
// GRID3:      tt.work_partition = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [2, 3, 2], ranges = [<(0, 0) to (2, 0), start = 0, count = 2>, <(0, 1) to (2, 2), start = 6, count = 1>]>
// SHARD:      work_partition.mlir:[[# @LINE - 13]]:3: error: 'tt.launch_grid' op a 3-D launch grid is partitioned in global mode only; local_shard mode maps a 2-D grid of blocks onto the output's shards

// -----

// A loop whose trip count grows with the block's x index (causal attention's: block bx
// runs min(4, bx + 1) steps) gives consecutive blocks unequal work: with two blocks per
// core the units walk each row's x blocks from both ends (x_order = folded, so a core
// gets bx = 0 and 3, or 1 and 2: 5 steps each, instead of 3 and 7): the FOLD run, on a
// 2x2 grid. With one block per core (8x8, 3x3) the order is kept.
func.func @causal_loop(%X: memref<2x128x32xf32>, %Z: memref<2x128x32xf32>) {
  tt.launch_grid (%bx, %by, %bz) in (4, 1, 2) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c32 = arith.constant 32 : index
    %next = arith.addi %bx, %c1 : index
    %steps = arith.minui %next, %c4 : index
    %row = arith.muli %bx, %c32 : index
    %a = tt.alloc_shared : memref<32x32xf32>
    scf.for %k = %c0 to %steps step %c1 {
      %krow = arith.muli %k, %c32 : index
      tt.copy %X[%bz, %krow, %c0] to %a : memref<2x128x32xf32> to memref<32x32xf32>
      tt.copy %a to %Z[%bz, %row, %c0] : memref<32x32xf32> to memref<2x128x32xf32>
    }
  }
  func.return
}
// CHECK-LABEL: func.func @causal_loop(
// CHECK-SAME:  tt.work_partition = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [2, 1, 4], ranges = [<(0, 0) to (7, 0), start = 0, count = 1>]>
// GRID3-LABEL: func.func @causal_loop(
// GRID3-SAME:  tt.work_partition = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [2, 1, 4], ranges = [<(0, 0) to (2, 1), start = 0, count = 1>, <(0, 2) to (1, 2), start = 6, count = 1>]>
// FOLD-LABEL:  func.func @causal_loop(
// FOLD-SAME:   tt.work_partition = #tt.work_partition<global, row_major, grid = [2, 2], blocks = [2, 1, 4], x_order = folded, ranges = [<(0, 0) to (1, 1), start = 0, count = 2>]>
