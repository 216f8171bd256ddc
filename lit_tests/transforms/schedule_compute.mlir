// RUN: tt-opt %s -p tt-schedule-compute --split-input-file --verify-diagnostics | filecheck %s
// RUN: tt-opt %s -p tt-schedule-compute,tt-schedule-compute --split-input-file --verify-diagnostics | filecheck %s
// RUN: tt-opt %s -p 'tt-schedule-compute{gemm-accumulate=dst}' --split-input-file --verify-diagnostics | filecheck %s --check-prefix=DST
// RUN: tt-opt %s -p 'tt-schedule-compute{gemm-stream-output=false}' --split-input-file --verify-diagnostics | filecheck %s --check-prefix=NOSTREAM
// RUN: tt-opt %s -p 'tt-schedule-compute{gemm-k-block=2 gemm-subblock=1x4 math-fidelity=hifi2}' --split-input-file --verify-diagnostics | filecheck %s --check-prefix=FORCED
// RUN: not tt-opt %s -p 'tt-schedule-compute{gemm-k-block=3}' --split-input-file 2>&1 | filecheck %s --check-prefix=BAD-K
// RUN: not tt-opt %s -p 'tt-schedule-compute{gemm-subblock=3x1}' --split-input-file 2>&1 | filecheck %s --check-prefix=BAD-SUB
// RUN: not tt-opt %s -p 'tt-schedule-compute{gemm-subblock=2x}' 2>&1 | filecheck %s --check-prefix=BAD-SYNTAX
// RUN: not tt-opt %s -p 'tt-schedule-compute{gemm-accumulate=l1}' --split-input-file 2>&1 | filecheck %s --check-prefix=BAD-L1
// RUN: not tt-opt %s -p 'tt-schedule-compute{gemm-stream-steps=2}' --split-input-file 2>&1 | filecheck %s --check-prefix=BAD-STEPS

// The input is the output of tt-metadata written by hand: what the pass reads is a
// tt.work_partition and a tt.device on the function, a tt.cb on every buffer and
// the K loops around the gemms. The second RUN line runs the pass twice: a gemm
// that has a schedule and a function that has a compute config are left alone.

// A 4x4-tile f32 accumulator does not fit DST (fp32 accumulation: 4 tiles), so
// its partial sums go to L1 (accumulate = l1). The accumulator's buffer gets
// the partial-sum CB: the first free index from 24, one block of 16 fp32 tiles,
// single-buffered; the store reads a new buffer with the accumulator's old CB,
// filled by a copy. The K loop's last step is peeled into a gemm with accumulate =
// reload, and the store is chunked by the subblock's tile row: the lowering
// computes the last step band by band and the writer stores each band as it comes.
// The subblock is 1x4, the DST-filling shape with the fewest rows (the most bands).
// gemm-stream-output=false keeps the K loop whole and takes the 2x2 subblock, the
// DST-sized shape reading the fewest operand tiles (4 subblocks x (2 + 2)). The K loop reads consecutive 64-wide K
// slices (its offset is k * 64 = the buffers' K extent per step), so it is
// coarsened to K blocks of 4 tiles, the most the pass picks: step 2, A and B grow
// to 128 K columns / rows and their CBs to 32 pages (16 tiles, 2 stages).
// With gemm-accumulate=dst the sums stay in DST, in 2x2 subblocks (the lowering
// puts a loop over them around the K loop): no partial CB, no staging.
// With gemm-k-block=2 gemm-subblock=1x4 the program's K block (2 tiles) is kept
// and 1x4 subblocks are used.
func.func @partials_in_l1(%A: memref<256x256xbf16>, %B: memref<256x128xbf16>, %C: memref<256x128xbf16>) attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 16, page_size = 2048, bf16>} : memref<128x64xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 16, page_size = 2048, bf16>} : memref<64x128xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xf32>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %kt = arith.constant 4 : index
  %bk = arith.constant 64 : index
  %row = arith.constant 128 : index
  %col = arith.constant 0 : index
  tt.clear %c : memref<128x128xf32>
  scf.for %k = %zero to %kt step %one {
    %kk = arith.muli %k, %bk : index
    tt.copy %A[%row, %kk] to %a : memref<256x256xbf16> to memref<128x64xbf16>
    tt.copy %B[%kk, %col] to %b : memref<256x128xbf16> to memref<64x128xbf16>
    tt.gemm %a, %b, %c : memref<128x64xbf16>, memref<64x128xbf16>, memref<128x128xf32>
  }
  tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<256x128xbf16>
  func.return
}
// CHECK:      func.func @partials_in_l1(
// CHECK-SAME:   tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
// CHECK-NEXT:   %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 32, page_size = 2048, bf16>} : memref<128x128xbf16>
// CHECK-NEXT:   %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 32, page_size = 2048, bf16>} : memref<128x128xbf16>
// CHECK-NEXT:   %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 16, page_size = 4096, f32>} : memref<128x128xf32>
// CHECK:        tt.clear %c : memref<128x128xf32>
// CHECK-NEXT:   %k_step = arith.constant 2 : index
// CHECK-NEXT:   %k_last = arith.constant 2 : index
// CHECK-NEXT:   scf.for %k = %zero to %k_last step %k_step {
// CHECK-NEXT:     %kk = arith.muli %k, %bk : index
// CHECK-NEXT:     tt.copy %A[%row, %kk] to %a : memref<256x256xbf16> to memref<128x128xbf16>
// CHECK-NEXT:     tt.copy %B[%kk, %col] to %b : memref<256x128xbf16> to memref<128x128xbf16>
// CHECK-NEXT:     tt.gemm %a, %b, %c schedule = <block = [4, 4], k_block = 4, subblock = [1, 4], accumulate = l1> : memref<128x128xbf16>, memref<128x128xbf16>, memref<128x128xf32>
// CHECK-NEXT:   }
// CHECK-NEXT:   %c_out = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xf32>
// CHECK-NEXT:   %kk_1 = arith.muli %k_last, %bk : index
// CHECK-NEXT:   tt.copy %A[%row, %kk_1] to %a : memref<256x256xbf16> to memref<128x128xbf16>
// CHECK-NEXT:   tt.copy %B[%kk_1, %col] to %b : memref<256x128xbf16> to memref<128x128xbf16>
// CHECK-NEXT:   tt.gemm %a, %b, %c schedule = <block = [4, 4], k_block = 4, subblock = [1, 4], accumulate = reload> : memref<128x128xbf16>, memref<128x128xbf16>, memref<128x128xf32>
// CHECK-NEXT:   tt.copy %c to %c_out : memref<128x128xf32> to memref<128x128xf32>
// CHECK-NEXT:   tt.copy %c_out to %C[%row, %col] chunk_rows = 1 : memref<128x128xf32> to memref<256x128xbf16>
// CHECK-NEXT:   func.return
// NOSTREAM:      func.func @partials_in_l1(
// NOSTREAM:        %k_step = arith.constant 2 : index
// NOSTREAM-NEXT:   scf.for %k = %zero to %kt step %k_step {
// NOSTREAM:          tt.gemm %a, %b, %c schedule = <block = [4, 4], k_block = 4, subblock = [2, 2], accumulate = l1> : memref<128x128xbf16>, memref<128x128xbf16>, memref<128x128xf32>
// NOSTREAM-NEXT:   }
// NOSTREAM-NEXT:   %c_out = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xf32>
// NOSTREAM-NEXT:   tt.copy %c to %c_out : memref<128x128xf32> to memref<128x128xf32>
// NOSTREAM-NEXT:   tt.copy %c_out to %C[%row, %col] : memref<128x128xf32> to memref<256x128xbf16>
// NOSTREAM-NEXT:   func.return
// DST:        func.func @partials_in_l1(
// DST:          %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xf32>
// DST:          tt.gemm %a, %b, %c schedule = <block = [4, 4], k_block = 4, subblock = [2, 2], accumulate = dst> : memref<128x128xbf16>, memref<128x128xbf16>, memref<128x128xf32>
// DST-NEXT:   }
// DST-NEXT:   tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<256x128xbf16>
// FORCED:     func.func @partials_in_l1(
// FORCED-SAME:  tt.compute_config = #tt.compute_config<hifi2, fp32_dest_acc = true, dst_full_sync = false>} {
// FORCED-NEXT:  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 16, page_size = 2048, bf16>} : memref<128x64xbf16>
// FORCED:       scf.for %k = %zero to %k_last step %one {
// FORCED:         tt.gemm %a, %b, %c schedule = <block = [4, 4], k_block = 2, subblock = [1, 4], accumulate = l1> : memref<128x64xbf16>, memref<64x128xbf16>, memref<128x128xf32>
// FORCED:       tt.gemm %a, %b, %c schedule = <block = [4, 4], k_block = 2, subblock = [1, 4], accumulate = reload> : memref<128x64xbf16>, memref<64x128xbf16>, memref<128x128xf32>
// FORCED-NEXT:  tt.copy %c to %c_out : memref<128x128xf32> to memref<128x128xf32>
// FORCED-NEXT:  tt.copy %c_out to %C[%row, %col] chunk_rows = 1 : memref<128x128xf32> to memref<256x128xbf16>
// BAD-K:      error: 'tt.gemm' op gemm-k-block=3 must be a multiple of the program's K block of 2 tile(s) that divides the K loop of 4 steps
// BAD-SUB:    error: 'tt.gemm' op gemm-subblock=3x1 must divide the 4x4-tile output block and, times 1 accumulator(s), fit the 4 tiles of DST
// BAD-SYNTAX: gemm-subblock must be HxW with positive tile counts, e.g. 2x4; got '2x'

// -----

// A 2x3-tile bf16 accumulator fits DST (16-bit accumulation: 8 tiles): the sums
// stay there for the whole K loop and the subblock is the block. K blocks of 1
// tile grow to 4 (step 4 of 8).
func.func @fits(%A: memref<64x256xbf16>, %B: memref<256x96xbf16>, %C: memref<64x96xbf16>) attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 6, page_size = 2048, bf16>} : memref<32x96xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 12, page_size = 2048, bf16>} : memref<64x96xbf16>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %kt = arith.constant 8 : index
  %bk = arith.constant 32 : index
  tt.clear %c : memref<64x96xbf16>
  scf.for %k = %zero to %kt step %one {
    %kk = arith.muli %k, %bk : index
    tt.copy %A[%zero, %kk] to %a : memref<64x256xbf16> to memref<64x32xbf16>
    tt.copy %B[%kk, %zero] to %b : memref<256x96xbf16> to memref<32x96xbf16>
    tt.gemm %a, %b, %c : memref<64x32xbf16>, memref<32x96xbf16>, memref<64x96xbf16>
  }
  tt.copy %c to %C[%zero, %zero] : memref<64x96xbf16> to memref<64x96xbf16>
  func.return
}
// CHECK:      func.func @fits(
// CHECK-SAME:   tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
// CHECK-NEXT:   %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 16, page_size = 2048, bf16>} : memref<64x128xbf16>
// CHECK-NEXT:   %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 24, page_size = 2048, bf16>} : memref<128x96xbf16>
// CHECK-NEXT:   %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 12, page_size = 2048, bf16>} : memref<64x96xbf16>
// CHECK:        %k_step = arith.constant 4 : index
// CHECK-NEXT:   scf.for %k = %zero to %kt step %k_step {
// CHECK:          tt.gemm %a, %b, %c schedule = <block = [2, 3], k_block = 4, subblock = [2, 3], accumulate = dst> : memref<64x128xbf16>, memref<128x96xbf16>, memref<64x96xbf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.copy %c to %C[%zero, %zero] : memref<64x96xbf16> to memref<64x96xbf16>

// -----

// The K loop reads the same K slice of A every step (its offset does not depend on
// k): coarsening would change what it computes, so the K block stays 1 tile.
func.func @not_consecutive(%A: memref<32x256xbf16>, %B: memref<256x32xbf16>, %C: memref<32x32xbf16>) attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %kt = arith.constant 8 : index
  %bk = arith.constant 32 : index
  tt.clear %c : memref<32x32xbf16>
  scf.for %k = %zero to %kt step %one {
    %kk = arith.muli %k, %bk : index
    tt.copy %A[%zero, %zero] to %a : memref<32x256xbf16> to memref<32x32xbf16>
    tt.copy %B[%kk, %zero] to %b : memref<256x32xbf16> to memref<32x32xbf16>
    tt.gemm %a, %b, %c : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xbf16>
  }
  tt.copy %c to %C[%zero, %zero] : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK:      func.func @not_consecutive(
// CHECK:        scf.for %k = %zero to %kt step %one {
// CHECK:          tt.gemm %a, %b, %c schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xbf16>

// -----

// Two gemms accumulate in one K loop: L1 accumulation takes one accumulator per K
// loop, so their sums stay in DST, in subblocks both fit together: 2 x 1x2 tiles
// of the 4 fp32 ones (2 x 2x2 would need 8). The 2-step K loop of 1-tile K blocks
// becomes one step of 2 tiles.
func.func @two_accumulators(%A: memref<64x64xbf16>, %B: memref<64x64xbf16>, %C: memref<64x64xbf16>, %D: memref<64x64xbf16>) attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 4, page_size = 2048, bf16>} : memref<32x64xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>} : memref<64x64xf32>
  %d = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 17, pages = 8, page_size = 2048, bf16>} : memref<64x64xf32>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %kt = arith.constant 2 : index
  %bk = arith.constant 32 : index
  tt.clear %c : memref<64x64xf32>
  tt.clear %d : memref<64x64xf32>
  scf.for %k = %zero to %kt step %one {
    %kk = arith.muli %k, %bk : index
    tt.copy %A[%zero, %kk] to %a : memref<64x64xbf16> to memref<64x32xbf16>
    tt.copy %B[%kk, %zero] to %b : memref<64x64xbf16> to memref<32x64xbf16>
    tt.gemm %a, %b, %c : memref<64x32xbf16>, memref<32x64xbf16>, memref<64x64xf32>
    tt.gemm %a, %b, %d : memref<64x32xbf16>, memref<32x64xbf16>, memref<64x64xf32>
  }
  tt.copy %c to %C[%zero, %zero] : memref<64x64xf32> to memref<64x64xbf16>
  tt.copy %d to %D[%zero, %zero] : memref<64x64xf32> to memref<64x64xbf16>
  func.return
}
// BAD-L1:     schedule_compute.mlir:{{[0-9]+}}:5: error: 'tt.gemm' op gemm-accumulate=l1 needs one accumulator per K loop and a K loop; this group has 2 accumulator(s) and a K loop
// CHECK:      func.func @two_accumulators(
// CHECK:          tt.gemm %a, %b, %c schedule = <block = [2, 2], k_block = 2, subblock = [1, 2], accumulate = dst> : memref<64x64xbf16>, memref<64x64xbf16>, memref<64x64xf32>
// CHECK-NEXT:     tt.gemm %a, %b, %d schedule = <block = [2, 2], k_block = 2, subblock = [1, 2], accumulate = dst> : memref<64x64xbf16>, memref<64x64xbf16>, memref<64x64xf32>

// -----

// An elementwise program only gets its compute config.
func.func @add(%X: memref<32x32xbf16>, %Y: memref<32x32xbf16>, %Z: memref<32x32xbf16>) attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %x = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %y = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %z = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  tt.copy %X[%zero, %zero] to %x : memref<32x32xbf16> to memref<32x32xbf16>
  tt.copy %Y[%zero, %zero] to %y : memref<32x32xbf16> to memref<32x32xbf16>
  tt.add %x, %y to %z : memref<32x32xbf16>
  tt.copy %z to %Z[%zero, %zero] : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK:      func.func @add(
// CHECK-SAME:   tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
// CHECK-NEXT:   %x = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>

// -----

// gemm-accumulate=l1 cannot apply to a gemm without a K loop.
func.func @no_k_loop(%A: memref<32x32xbf16>, %B: memref<32x32xbf16>, %C: memref<32x32xbf16>) attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 1, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 1, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 1, page_size = 2048, bf16>} : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  tt.copy %A[%zero, %zero] to %a : memref<32x32xbf16> to memref<32x32xbf16>
  tt.copy %B[%zero, %zero] to %b : memref<32x32xbf16> to memref<32x32xbf16>
  tt.clear %c : memref<32x32xbf16>
  tt.gemm %a, %b, %c : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xbf16>
  tt.copy %c to %C[%zero, %zero] : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK:      func.func @no_k_loop(
// CHECK:        tt.gemm %a, %b, %c schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xbf16>

// -----

// Gemms accumulating together share the output block shape ...
func.func @block_shapes() attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b2 = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 2, pages = 4, page_size = 2048, bf16>} : memref<32x64xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %c2 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 17, pages = 4, page_size = 2048, bf16>} : memref<32x64xf32>
  tt.clear %c : memref<32x32xf32>
  tt.clear %c2 : memref<32x64xf32>
  tt.gemm %a, %b, %c : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  // expected-error @+1 {{gemms accumulating together must share the output block shape; [1, 2] tiles differs from [1, 1]}}
  tt.gemm %a, %b2, %c2 : memref<32x32xbf16>, memref<32x64xbf16>, memref<32x64xf32>
  func.return
}

// -----

// ... and every accumulator needs at least one DST tile: 5 > 4 with fp32 accumulation.
func.func @too_many_accumulators() attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c1 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %c2 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 17, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %c3 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 18, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %c4 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 19, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %c5 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 20, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  tt.clear %c1 : memref<32x32xf32>
  tt.clear %c2 : memref<32x32xf32>
  tt.clear %c3 : memref<32x32xf32>
  tt.clear %c4 : memref<32x32xf32>
  tt.clear %c5 : memref<32x32xf32>
  // expected-error @+1 {{5 gemm accumulators share this K loop but DST holds 4 tiles (fp32 accumulation in double-buffered mode); each needs at least one}}
  tt.gemm %a, %b, %c1 : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  tt.gemm %a, %b, %c2 : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  tt.gemm %a, %b, %c3 : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  tt.gemm %a, %b, %c4 : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  tt.gemm %a, %b, %c5 : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  func.return
}

// -----

// relu(A @ B) with the partial sums in L1: the in-place relu that first reads the
// accumulator after the K loop writes a new buffer with the accumulator's old CB
// instead (one pass through DST), and the store reads that buffer.
func.func @epilogue_in_place(%A: memref<128x128xbf16>, %B: memref<128x128xbf16>, %C: memref<128x128xbf16>) attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>} : memref<128x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>} : memref<32x128xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xf32>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %kt = arith.constant 4 : index
  %bk = arith.constant 32 : index
  tt.clear %c : memref<128x128xf32>
  scf.for %k = %zero to %kt step %one {
    %kk = arith.muli %k, %bk : index
    tt.copy %A[%zero, %kk] to %a : memref<128x128xbf16> to memref<128x32xbf16>
    tt.copy %B[%kk, %zero] to %b : memref<128x128xbf16> to memref<32x128xbf16>
    tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
  }
  tt.relu %c to %c : memref<128x128xf32>
  tt.copy %c to %C[%zero, %zero] : memref<128x128xf32> to memref<128x128xbf16>
  func.return
}
// CHECK:      func.func @epilogue_in_place(
// CHECK:        %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 16, page_size = 4096, f32>} : memref<128x128xf32>
// CHECK:          tt.gemm %a, %b, %c schedule = <block = [4, 4], k_block = 4, subblock = [1, 4], accumulate = l1> : memref<128x128xbf16>, memref<128x128xbf16>, memref<128x128xf32>
// CHECK-NEXT:   }
// CHECK-NEXT:   %c_out = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xf32>
// CHECK-NEXT:   tt.relu %c to %c_out : memref<128x128xf32>
// CHECK-NEXT:   tt.copy %c_out to %C[%zero, %zero] : memref<128x128xf32> to memref<128x128xbf16>

// -----

// A pipeline hint deeper than L1 allows (100 stages: A and B CBs of 400 pages,
// 1.6 MB): the operand CBs keep the most blocks that fit beside the other CBs and
// the fp32 partial sums: 83 (332 pages each; 1,499,136 B of L1 - 65,536 partial - 65,536
// for C's CB leaves room for 83 x 2 x 8 KB), and the K block stays 1 tile.
func.func @deep_pipeline(%A: memref<128x128xbf16>, %B: memref<128x128xbf16>, %C: memref<128x128xbf16>) attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 400, page_size = 2048, bf16>} : memref<128x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 400, page_size = 2048, bf16>} : memref<32x128xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xf32>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %kt = arith.constant 4 : index
  %bk = arith.constant 32 : index
  tt.clear %c : memref<128x128xf32>
  scf.for %k = %zero to %kt step %one {
    %kk = arith.muli %k, %bk : index
    tt.copy %A[%zero, %kk] to %a : memref<128x128xbf16> to memref<128x32xbf16>
    tt.copy %B[%kk, %zero] to %b : memref<128x128xbf16> to memref<32x128xbf16>
    tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
  } {tt.pipeline = #tt.pipeline<stages = 100>}
  tt.copy %c to %C[%zero, %zero] : memref<128x128xf32> to memref<128x128xbf16>
  func.return
}
// CHECK:      func.func @deep_pipeline(
// CHECK-NEXT:   %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 332, page_size = 2048, bf16>} : memref<128x32xbf16>
// CHECK-NEXT:   %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 332, page_size = 2048, bf16>} : memref<32x128xbf16>
// CHECK:          tt.gemm %a, %b, %c schedule = <block = [4, 4], k_block = 1, subblock = [1, 4], accumulate = l1> : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>

// -----

// transpose_a: K is A's first dimension, so the K block is 2 tiles (64 rows), not
// A's 1 column tile; tt-lower-tile-ops then rejects transpose_a with its own message.
func.func @transpose_a(%A: memref<64x32xbf16>, %B: memref<64x32xbf16>, %C: memref<32x32xbf16>) attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %zero = arith.constant 0 : index
  tt.copy %A[%zero, %zero] to %a : memref<64x32xbf16> to memref<64x32xbf16>
  tt.copy %B[%zero, %zero] to %b : memref<64x32xbf16> to memref<64x32xbf16>
  tt.clear %c : memref<32x32xf32>
  tt.gemm %a, %b, %c transpose_a : memref<64x32xbf16>, memref<64x32xbf16>, memref<32x32xf32>
  tt.copy %c to %C[%zero, %zero] : memref<32x32xf32> to memref<32x32xbf16>
  func.return
}
// CHECK:      func.func @transpose_a(
// CHECK:        tt.gemm %a, %b, %c transpose_a schedule = <block = [1, 1], k_block = 2, subblock = [1, 1], accumulate = dst> : memref<64x32xbf16>, memref<64x32xbf16>, memref<32x32xf32>

// -----

// On 64 cores the 1024x1024 bf16 output (2 MB) takes 7,282 cycles to reach DRAM at
// 288 B/cycle, and a 4-tile K step of a 4x4-tile block computes for 4,096 cycles at
// HiFi4 (its 32 tiles cross the NoC in 2,185, under two thirds of that): the last 2
// K steps are streamed. Their A and B blocks, 8 tiles wide, get buffers of their own
// (CBs 2 and 3, the first free input indices, one block each) that fill while the
// loop's last steps compute; the loop's A and B CBs hold 3 blocks instead of 2.
// gemm-stream-steps=2 on the first function (a K loop of 2 steps) is refused.
func.func @streamed_steps(%A: memref<1024x1024xbf16>, %B: memref<1024x1024xbf16>, %C: memref<1024x1024xbf16>) attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<block_2d, row_major, grid = [8, 8], blocks = [8, 8], shard_blocks = [1, 1], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>} : memref<128x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>} : memref<32x128xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xf32>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %kt = arith.constant 32 : index
  %bk = arith.constant 32 : index
  tt.clear %c : memref<128x128xf32>
  scf.for %k = %zero to %kt step %one {
    %kk = arith.muli %k, %bk : index
    tt.copy %A[%zero, %kk] to %a : memref<1024x1024xbf16> to memref<128x32xbf16>
    tt.copy %B[%kk, %zero] to %b : memref<1024x1024xbf16> to memref<32x128xbf16>
    tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
  }
  tt.copy %c to %C[%zero, %zero] : memref<128x128xf32> to memref<1024x1024xbf16>
  func.return
}
// CHECK:      func.func @streamed_steps(
// CHECK-NEXT:   %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 48, page_size = 2048, bf16>} : memref<128x128xbf16>
// CHECK-NEXT:   %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 48, page_size = 2048, bf16>} : memref<128x128xbf16>
// CHECK:        %k_step = arith.constant 4 : index
// CHECK-NEXT:   %k_last = arith.constant 24 : index
// CHECK-NEXT:   scf.for %k = %zero to %k_last step %k_step {
// CHECK:          tt.gemm %a, %b, %c schedule = <block = [4, 4], k_block = 4, subblock = [1, 4], accumulate = l1> : memref<128x128xbf16>, memref<128x128xbf16>, memref<128x128xf32>
// CHECK-NEXT:   }
// CHECK-NEXT:   %c_out = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xf32>
// CHECK-NEXT:   %a_last = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 2, pages = 32, page_size = 2048, bf16>} : memref<128x256xbf16>
// CHECK-NEXT:   %b_last = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 3, pages = 32, page_size = 2048, bf16>} : memref<256x128xbf16>
// CHECK-NEXT:   %kk_1 = arith.muli %k_last, %bk : index
// CHECK-NEXT:   tt.copy %A[%zero, %kk_1] to %a_last : memref<1024x1024xbf16> to memref<128x256xbf16>
// CHECK-NEXT:   tt.copy %B[%kk_1, %zero] to %b_last : memref<1024x1024xbf16> to memref<256x128xbf16>
// CHECK-NEXT:   tt.gemm %a_last, %b_last, %c schedule = <block = [4, 4], k_block = 8, subblock = [1, 4], accumulate = reload> : memref<128x256xbf16>, memref<256x128xbf16>, memref<128x128xf32>
// CHECK-NEXT:   tt.copy %c to %c_out : memref<128x128xf32> to memref<128x128xf32>
// CHECK-NEXT:   tt.copy %c_out to %C[%zero, %zero] chunk_rows = 1 : memref<128x128xf32> to memref<1024x1024xbf16>
// CHECK-NEXT:   func.return
// BAD-STEPS: error: 'tt.gemm' op gemm-stream-steps=2 must be fewer than the K loop's 2 steps

// -----

// The same on a 256x512 block: its CBs nearly fill L1 (fp32 partial sums 512 KB,
// C 512 KB, A and B 384 KB), so deeper loop CBs and the wider blocks do not fit and
// one step is streamed (forced, two steps are refused: tests/test_gemm_schedules.py).
func.func @streamed_no_room(%A: memref<2048x1024xbf16>, %B: memref<1024x4096xbf16>, %C: memref<2048x4096xbf16>) attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<block_2d, row_major, grid = [8, 8], blocks = [8, 8], shard_blocks = [1, 1], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 64, page_size = 2048, bf16>} : memref<256x128xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 128, page_size = 2048, bf16>} : memref<128x512xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 256, page_size = 2048, bf16>} : memref<256x512xf32>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %kt = arith.constant 8 : index
  %bk = arith.constant 128 : index
  tt.clear %c : memref<256x512xf32>
  scf.for %k = %zero to %kt step %one {
    %kk = arith.muli %k, %bk : index
    tt.copy %A[%zero, %kk] to %a : memref<2048x1024xbf16> to memref<256x128xbf16>
    tt.copy %B[%kk, %zero] to %b : memref<1024x4096xbf16> to memref<128x512xbf16>
    tt.gemm %a, %b, %c : memref<256x128xbf16>, memref<128x512xbf16>, memref<256x512xf32>
  }
  tt.copy %c to %C[%zero, %zero] : memref<256x512xf32> to memref<2048x4096xbf16>
  func.return
}
// CHECK:      func.func @streamed_no_room(
// CHECK-NEXT:   %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 64, page_size = 2048, bf16>} : memref<256x128xbf16>
// CHECK:        %k_last = arith.constant 7 : index
// CHECK-NEXT:   scf.for %k = %zero to %k_last step %one {
// CHECK:        tt.gemm %a, %b, %c schedule = <block = [8, 16], k_block = 4, subblock = [1, 4], accumulate = reload> : memref<256x128xbf16>, memref<128x512xbf16>, memref<256x512xf32>

// -----

// A gemm whose result another op reads (attention's scores, which a reduction reads)
// is one update of its buffer: accumulate = buffer, with no K loop of its own, the
// subblock the whole block where it fits DST (2x2 fp32 tiles = DST's 4). Its CB is left
// as it is.
func.func @scores_updated_in_buffer(%Q: memref<64x64xbf16>, %K: memref<64x64xbf16>, %S: memref<64x64xf32>) attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %q = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
  %k = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
  %s = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 8, page_size = 4096, f32>} : memref<64x64xf32>
  %t = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 8, page_size = 4096, f32>} : memref<64x64xf32>
  %zero = arith.constant 0 : index
  tt.copy %Q[%zero, %zero] to %q : memref<64x64xbf16> to memref<64x64xbf16>
  tt.copy %K[%zero, %zero] to %k : memref<64x64xbf16> to memref<64x64xbf16>
  tt.clear %s : memref<64x64xf32>
  tt.gemm %q, %k, %s transpose_b : memref<64x64xbf16>, memref<64x64xbf16>, memref<64x64xf32>
  tt.mul %s, %s to %t : memref<64x64xf32>
  tt.copy %t to %S[%zero, %zero] : memref<64x64xf32> to memref<64x64xf32>
  func.return
}
// CHECK-LABEL: func.func @scores_updated_in_buffer(
// CHECK:         %s = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 8, page_size = 4096, f32>} : memref<64x64xf32>
// CHECK:         tt.clear %s : memref<64x64xf32>
// CHECK-NEXT:    tt.gemm %q, %k, %s transpose_b schedule = <block = [2, 2], k_block = 2, subblock = [2, 2], accumulate = buffer> : memref<64x64xbf16>, memref<64x64xbf16>, memref<64x64xf32>
// CHECK-NEXT:    tt.mul %s, %s to %t : memref<64x64xf32>

// -----

// A gemm adding onto a value that other ops update in the same loop (attention's
// output, rescaled before each step's gemm) has no K loop either: accumulate = buffer,
// even though the loop encloses it. Its 2x4-tile block exceeds DST (4 fp32 tiles), so
// the subblock is the DST-sized shape reading the fewest operand tiles.
func.func @rescaled_accumulator(%P: memref<64x64xbf16>, %V: memref<64x128xbf16>, %O: memref<64x128xf32>) attributes {
    tt.device = #tt.device<n150>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %p = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
  %v = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 16, page_size = 2048, bf16>} : memref<64x128xbf16>
  %o = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 16, page_size = 4096, f32>} : memref<64x128xf32>
  %out = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 16, page_size = 4096, f32>} : memref<64x128xf32>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %steps = arith.constant 2 : index
  tt.fill %o, 0.0 : memref<64x128xf32>
  scf.for %j = %zero to %steps step %one {
    tt.copy %P[%zero, %zero] to %p : memref<64x64xbf16> to memref<64x64xbf16>
    tt.copy %V[%zero, %zero] to %v : memref<64x128xbf16> to memref<64x128xbf16>
    tt.mul_scalar %o, 0.5 to %o : memref<64x128xf32>
    tt.gemm %p, %v, %o : memref<64x64xbf16>, memref<64x128xbf16>, memref<64x128xf32>
  }
  tt.copy %o to %out : memref<64x128xf32> to memref<64x128xf32>
  tt.copy %out to %O[%zero, %zero] : memref<64x128xf32> to memref<64x128xf32>
  func.return
}
// CHECK-LABEL: func.func @rescaled_accumulator(
// CHECK:         tt.mul_scalar %o, 5.000000e-01 to %o : memref<64x128xf32>
// CHECK-NEXT:    tt.gemm %p, %v, %o schedule = <block = [2, 4], k_block = 2, subblock = [2, 2], accumulate = buffer> : memref<64x64xbf16>, memref<64x128xbf16>, memref<64x128xf32>
