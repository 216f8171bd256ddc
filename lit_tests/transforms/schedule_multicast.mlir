// RUN: tt-opt %s -p 'tt-infer-layout,tt-work-partition,tt-schedule-multicast' --split-input-file --verify-diagnostics | filecheck %s
// RUN: tt-opt %s -p 'tt-infer-layout,tt-work-partition,tt-schedule-multicast{multicast=none}' --split-input-file | filecheck %s --check-prefix=NONE
// RUN: tt-opt %s -p 'tt-infer-layout,tt-work-partition,tt-schedule-multicast{multicast=column}' --split-input-file | filecheck %s --check-prefix=COLUMN
// RUN: tt-opt %s -p 'tt-infer-layout,tt-work-partition{grid=4x4},tt-schedule-multicast' --split-input-file | filecheck %s --check-prefix=GRID4
// RUN: not tt-opt %s -p 'tt-schedule-multicast{multicast=diagonal}' 2>&1 | filecheck %s --check-prefix=BAD
// RUN: tt-opt %s -p 'tt-infer-layout,tt-work-partition,tt-schedule-multicast{mcast-movers=reader}' --split-input-file | filecheck %s --check-prefix=READER
// With CB descriptors (tt-propagate-layout) the pass also merges a core's blocks:
// RUN: tt-opt %s -p 'tt-infer-layout,tt-propagate-layout,tt-work-partition{grid=4x4},tt-schedule-multicast' --split-input-file | filecheck %s --check-prefix=MERGE4
// RUN: tt-opt %s -p 'tt-infer-layout,tt-propagate-layout,tt-work-partition{grid=2x2},tt-schedule-multicast' --split-input-file | filecheck %s --check-prefix=MERGE2
// RUN: tt-opt %s -p 'tt-infer-layout,tt-propagate-layout,tt-work-partition{grid=4x4},tt-schedule-multicast{coarsen-blocks=false}' --split-input-file | filecheck %s --check-prefix=UNMERGED

// BAD: tt-opt: error: tt-schedule-multicast: multicast must be one of auto, none, row, column; got 'diagonal'

// The gemm example on the 10x8 grid: 8x8 blocks on an 8x8 rectangle, one block
// each. A's offsets depend on `by` only: the first core of each core row reads
// the A block and multicasts it to the 7 others of the row; B's depend on `bx`
// only: multicast down each core column. Two semaphores per load, on the
// rectangle, and the seven handshake values of each axis in the schema.
func.func @gemm(%A: memref<1024x1024xbf16>, %B: memref<1024x1024xbf16>, %C: memref<1024x1024xbf16>) {
  tt.launch_grid (%bx, %by) in (8, 8) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c32 = arith.constant 32 : index
    %c128 = arith.constant 128 : index
    %row = arith.muli %by, %c128 : index
    %col = arith.muli %bx, %c128 : index
    %a = tt.alloc_shared : memref<128x32xbf16>
    %b = tt.alloc_shared : memref<32x128xbf16>
    %c = tt.alloc_fragment : memref<128x128xf32>
    tt.clear %c : memref<128x128xf32>
    scf.for %k = %c0 to %c32 step %c1 {
      %kk = arith.muli %k, %c32 : index
      tt.copy %A[%row, %kk] to %a : memref<1024x1024xbf16> to memref<128x32xbf16>
      tt.copy %B[%kk, %col] to %b : memref<1024x1024xbf16> to memref<32x128xbf16>
      tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
    }
    tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<1024x1024xbf16>
  }
  func.return
}
// CHECK:      func.func @gemm(
// CHECK-SAME: tt.work_partition = #tt.work_partition<block_2d, row_major, grid = [8, 8], blocks = [8, 8], shard_blocks = [1, 1], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>
// CHECK-SAME: tt.runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units, "row_mcast_sender" : u32 = mcast_sender(row), "row_mcast_sender_x" : u32 = mcast_sender_x(row), "row_mcast_sender_y" : u32 = mcast_sender_y(row), "row_mcast_start_x" : u32 = mcast_start_x(row), "row_mcast_start_y" : u32 = mcast_start_y(row), "row_mcast_end_x" : u32 = mcast_end_x(row), "row_mcast_end_y" : u32 = mcast_end_y(row), "column_mcast_sender" : u32 = mcast_sender(column), "column_mcast_sender_x" : u32 = mcast_sender_x(column), "column_mcast_sender_y" : u32 = mcast_sender_y(column), "column_mcast_start_x" : u32 = mcast_start_x(column), "column_mcast_start_y" : u32 = mcast_start_y(column), "column_mcast_end_x" : u32 = mcast_end_x(column), "column_mcast_end_y" : u32 = mcast_end_y(column)]>
// CHECK-SAME: tt.semaphores = [#tt.semaphore<id = 0, initial = 0, cores = [(0, 0) to (7, 7)]>, #tt.semaphore<id = 1, initial = 0, cores = [(0, 0) to (7, 7)]>, #tt.semaphore<id = 2, initial = 0, cores = [(0, 0) to (7, 7)]>, #tt.semaphore<id = 3, initial = 0, cores = [(0, 0) to (7, 7)]>]
// CHECK:      tt.copy %A[%row, %kk] to %a multicast = <row, receivers = 7, sender_semaphore = 0, receiver_semaphore = 1> : memref<1024x1024xbf16> to memref<128x32xbf16>
// CHECK-NEXT: tt.copy %B[%kk, %col] to %b multicast = <column, receivers = 7, sender_semaphore = 2, receiver_semaphore = 3> mover = <writer> : memref<1024x1024xbf16> to memref<32x128xbf16>
// CHECK:      tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<1024x1024xbf16>

// `mcast-movers=reader`: the reader kernel issues both loads (no mover).
// READER:      func.func @gemm(
// READER:      tt.copy %A[%row, %kk] to %a multicast = <row, receivers = 7, sender_semaphore = 0, receiver_semaphore = 1> : memref<1024x1024xbf16> to memref<128x32xbf16>
// READER-NEXT: tt.copy %B[%kk, %col] to %b multicast = <column, receivers = 7, sender_semaphore = 2, receiver_semaphore = 3> : memref<1024x1024xbf16> to memref<32x128xbf16>

// `multicast=none` keeps the global partition and plain loads.
// NONE:       func.func @gemm(
// NONE-SAME:  tt.work_partition = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [8, 8], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>
// NONE-NOT:   multicast
// NONE:       func.return

// `multicast=column`: only B is multicast (one pair of semaphores).
// COLUMN:      func.func @gemm(
// COLUMN-SAME: tt.semaphores = [#tt.semaphore<id = 0, initial = 0, cores = [(0, 0) to (7, 7)]>, #tt.semaphore<id = 1, initial = 0, cores = [(0, 0) to (7, 7)]>]
// COLUMN:      tt.copy %A[%row, %kk] to %a : memref<1024x1024xbf16> to memref<128x32xbf16>
// COLUMN-NEXT: tt.copy %B[%kk, %col] to %b multicast = <column, receivers = 7, sender_semaphore = 0, receiver_semaphore = 1> : memref<1024x1024xbf16> to memref<32x128xbf16>

// On a 4x4 grid each core computes a 2x2 rectangle of blocks; at every step the
// cores of a core row are on one block row, so the loads are shared all the same.
// (Without CB descriptors the pass cannot check L1 and merges no blocks.)
// GRID4:      func.func @gemm(
// GRID4-SAME: tt.work_partition = #tt.work_partition<block_2d, row_major, grid = [4, 4], blocks = [8, 8], shard_blocks = [2, 2], ranges = [<(0, 0) to (3, 3), start = 0, count = 4>]>
// GRID4:      multicast = <row, receivers = 3, sender_semaphore = 0, receiver_semaphore = 1>
// GRID4:      multicast = <column, receivers = 3, sender_semaphore = 2, receiver_semaphore = 3>

// On 4x4 each core would compute 2x2 blocks; their A rows and B columns would be
// read once per block. The pass merges them into one 256x256 block per core (the
// grid, the offsets and the buffers grow, their CBs too), so each A and B tile is
// read once.
// MERGE4:      func.func @gemm(
// MERGE4-SAME: tt.work_partition = #tt.work_partition<block_2d, row_major, grid = [4, 4], blocks = [4, 4], shard_blocks = [1, 1], ranges = [<(0, 0) to (3, 3), start = 0, count = 1>]>
// MERGE4:      tt.launch_grid (%bx, %by) in (4, 4) {
// MERGE4:      %row = arith.muli %by, %c256 : index
// MERGE4-NEXT: %c256_1 = arith.constant 256 : index
// MERGE4-NEXT: %col = arith.muli %bx, %c256_1 : index
// MERGE4-NEXT: %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 16, page_size = 2048, bf16>} : memref<256x32xbf16>
// MERGE4-NEXT: %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 16, page_size = 2048, bf16>} : memref<32x256xbf16>
// MERGE4-NEXT: %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 128, page_size = 2048, bf16>} : memref<256x256xf32>
// MERGE4:      tt.copy %A[%row, %kk] to %a multicast = <row, receivers = 3, sender_semaphore = 0, receiver_semaphore = 1> : memref<1024x1024xbf16> to memref<256x32xbf16>
// MERGE4:      tt.gemm %a, %b, %c : memref<256x32xbf16>, memref<32x256xbf16>, memref<256x256xf32>
// MERGE4:      tt.copy %c to %C[%row, %col] : memref<256x256xf32> to memref<1024x1024xbf16>

// On 2x2 each core has 4x4 blocks; merging all 16 would need more than L1 (the fp32
// partial sums and the output of a 512x512 block alone take 2 MB): 4x2 merge into a
// 512x256 block, and a core computes two of them. With two units per core B stays on
// the reader (no mover): the writer would store the first unit's output before it could
// read the second unit's B.
// MERGE2:      func.func @gemm(
// MERGE2-SAME: tt.work_partition = #tt.work_partition<block_2d, row_major, grid = [2, 2], blocks = [2, 4], shard_blocks = [1, 2], ranges = [<(0, 0) to (1, 1), start = 0, count = 2>]>
// MERGE2:      tt.launch_grid (%bx, %by) in (4, 2) {
// MERGE2:      %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 256, page_size = 2048, bf16>} : memref<512x256xf32>
// MERGE2:      tt.copy %B[%kk, %col] to %b multicast = <column, receivers = 1, sender_semaphore = 2, receiver_semaphore = 3> : memref<1024x1024xbf16> to memref<32x256xbf16>

// `coarsen-blocks=false` keeps the program's blocks: 2x2 of them per core.
// UNMERGED:      func.func @gemm(
// UNMERGED-SAME: tt.work_partition = #tt.work_partition<block_2d, row_major, grid = [4, 4], blocks = [8, 8], shard_blocks = [2, 2], ranges = [<(0, 0) to (3, 3), start = 0, count = 4>]>
// UNMERGED:      tt.launch_grid (%bx, %by) in (8, 8) {
// UNMERGED:      %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xf32>

// -----

// One block row (M = 128): a 1x8 rectangle. A is multicast along the row (1D);
// B has no other core in its column to share with and stays a plain load.
func.func @wide(%A: memref<128x256xbf16>, %B: memref<256x1024xbf16>, %C: memref<128x1024xbf16>) {
  tt.launch_grid (%bx, %by) in (8, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    %c32 = arith.constant 32 : index
    %c128 = arith.constant 128 : index
    %row = arith.muli %by, %c128 : index
    %col = arith.muli %bx, %c128 : index
    %a = tt.alloc_shared : memref<128x32xbf16>
    %b = tt.alloc_shared : memref<32x128xbf16>
    %c = tt.alloc_fragment : memref<128x128xf32>
    tt.clear %c : memref<128x128xf32>
    scf.for %k = %c0 to %c8 step %c1 {
      %kk = arith.muli %k, %c32 : index
      tt.copy %A[%row, %kk] to %a : memref<128x256xbf16> to memref<128x32xbf16>
      tt.copy %B[%kk, %col] to %b : memref<256x1024xbf16> to memref<32x128xbf16>
      tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
    }
    tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<128x1024xbf16>
  }
  func.return
}
// CHECK:      func.func @wide(
// CHECK-SAME: tt.work_partition = #tt.work_partition<block_2d, row_major, grid = [8, 8], blocks = [1, 8], shard_blocks = [1, 1], ranges = [<(0, 0) to (7, 0), start = 0, count = 1>]>
// CHECK-SAME: "num_units" : u32 = num_units, "row_mcast_sender" : u32 = mcast_sender(row),
// CHECK-NOT:  column
// CHECK-SAME: tt.semaphores = [#tt.semaphore<id = 0, initial = 0, cores = [(0, 0) to (7, 0)]>, #tt.semaphore<id = 1, initial = 0, cores = [(0, 0) to (7, 0)]>]
// CHECK:      tt.copy %A[%row, %kk] to %a multicast = <row, receivers = 7, sender_semaphore = 0, receiver_semaphore = 1>
// CHECK-NEXT: tt.copy %B[%kk, %col] to %b : memref<256x1024xbf16> to memref<32x128xbf16>

// -----

// 12x12 blocks: the largest rectangle of whole block rows and columns on 10x8
// is 6x6, four blocks per core, while the global split gives no core more than
// two. Multicast would halve the parallelism: the partition stays global.
func.func @parallelism(%A: memref<1536x32xbf16>, %B: memref<32x1536xbf16>, %C: memref<1536x1536xbf16>) {
  tt.launch_grid (%bx, %by) in (12, 12) {
    %c0 = arith.constant 0 : index
    %c128 = arith.constant 128 : index
    %row = arith.muli %by, %c128 : index
    %col = arith.muli %bx, %c128 : index
    %a = tt.alloc_shared : memref<128x32xbf16>
    %b = tt.alloc_shared : memref<32x128xbf16>
    %c = tt.alloc_fragment : memref<128x128xf32>
    tt.clear %c : memref<128x128xf32>
    tt.copy %A[%row, %c0] to %a : memref<1536x32xbf16> to memref<128x32xbf16>
    tt.copy %B[%c0, %col] to %b : memref<32x1536xbf16> to memref<32x128xbf16>
    tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
    tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<1536x1536xbf16>
  }
  func.return
}
// CHECK:      func.func @parallelism(
// CHECK-SAME: tt.work_partition = #tt.work_partition<global,
// CHECK-NOT:  multicast
// CHECK:      func.return

// -----

// Elementwise: every load depends on both block indices; nothing to share.
func.func @add(%A: memref<256x256xbf16>, %B: memref<256x256xbf16>, %C: memref<256x256xbf16>) {
  tt.launch_grid (%bx, %by) in (2, 2) {
    %c128 = arith.constant 128 : index
    %row = arith.muli %by, %c128 : index
    %col = arith.muli %bx, %c128 : index
    %a = tt.alloc_shared : memref<128x128xbf16>
    %b = tt.alloc_shared : memref<128x128xbf16>
    %c = tt.alloc_shared : memref<128x128xbf16>
    tt.copy %A[%row, %col] to %a : memref<256x256xbf16> to memref<128x128xbf16>
    tt.copy %B[%row, %col] to %b : memref<256x256xbf16> to memref<128x128xbf16>
    tt.add %a, %b to %c : memref<128x128xbf16>
    tt.copy %c to %C[%row, %col] : memref<128x128xbf16> to memref<256x256xbf16>
  }
  func.return
}
// CHECK:      func.func @add(
// CHECK-SAME: tt.work_partition = #tt.work_partition<global,
// CHECK-NOT:  multicast
// CHECK-NOT:  tt.semaphores
// CHECK:      func.return

// -----

// A K loop whose trip count depends on the block row: cores on different block
// rows run the loads a different number of times, so they are not in lock step
// and nothing is multicast.
func.func @ragged(%A: memref<256x256xbf16>, %B: memref<256x256xbf16>, %C: memref<256x256xbf16>) {
  tt.launch_grid (%bx, %by) in (2, 2) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c32 = arith.constant 32 : index
    %c128 = arith.constant 128 : index
    %row = arith.muli %by, %c128 : index
    %col = arith.muli %bx, %c128 : index
    %steps = arith.addi %by, %c1 : index
    %a = tt.alloc_shared : memref<128x32xbf16>
    %b = tt.alloc_shared : memref<32x128xbf16>
    %c = tt.alloc_fragment : memref<128x128xf32>
    tt.clear %c : memref<128x128xf32>
    scf.for %k = %c0 to %steps step %c1 {
      %kk = arith.muli %k, %c32 : index
      tt.copy %A[%row, %kk] to %a : memref<256x256xbf16> to memref<128x32xbf16>
      tt.copy %B[%kk, %col] to %b : memref<256x256xbf16> to memref<32x128xbf16>
      tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
    }
    tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<256x256xbf16>
  }
  func.return
}
// CHECK:      func.func @ragged(
// CHECK-SAME: tt.work_partition = #tt.work_partition<global,
// CHECK-NOT:  multicast
// CHECK:      func.return

// -----

// A 3-D launch grid keeps its global partition over [z, y, x] units and no load is
// multicast, though W's block depends on the y index alone (every (bx, bz) of a head
// reads it): lines of cores would have to be found per [y, x] plane.
func.func @batched(%A: memref<2x4x256x64xbf16>, %W: memref<2x4x64x64xbf16>, %C: memref<2x4x256x64xf32>) {
  tt.launch_grid (%bx, %by, %bz) in (8, 4, 2) {
    %c0 = arith.constant 0 : index
    %c32 = arith.constant 32 : index
    %row = arith.muli %bx, %c32 : index
    %a = tt.alloc_shared : memref<32x64xbf16>
    %w = tt.alloc_shared : memref<64x64xbf16>
    %c = tt.alloc_fragment : memref<32x64xf32>
    tt.copy %A[%bz, %by, %row, %c0] to %a : memref<2x4x256x64xbf16> to memref<32x64xbf16>
    tt.copy %W[%c0, %by, %c0, %c0] to %w : memref<2x4x64x64xbf16> to memref<64x64xbf16>
    tt.gemm %a, %w, %c : memref<32x64xbf16>, memref<64x64xbf16>, memref<32x64xf32>
    tt.copy %c to %C[%bz, %by, %row, %c0] : memref<32x64xf32> to memref<2x4x256x64xf32>
  }
  func.return
}
// CHECK:      func.func @batched(
// CHECK-SAME: tt.work_partition = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [2, 4, 8], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>
// CHECK-NOT:  multicast
// CHECK:      func.return
// GRID4:      tt.work_partition = #tt.work_partition<global, row_major, grid = [4, 4], blocks = [2, 4, 8], ranges = [<(0, 0) to (3, 3), start = 0, count = 4>]>
