// RUN: tt-opt %s -p tt-infer-layout,tt-propagate-layout --split-input-file --verify-diagnostics | filecheck %s
// RUN: tt-opt %s -p 'tt-infer-layout,tt-propagate-layout{cb-depth=1}' --split-input-file --verify-diagnostics | filecheck %s --check-prefix=SINGLE
// RUN: tt-opt %s -p tt-propagate-layout --split-input-file --verify-diagnostics | filecheck %s --check-prefix=NOLAYOUT

// Without tt-infer-layout the tensor arguments have no layout to take formats from.
// NOLAYOUT: propagate_layout.mlir:11:1: error: 'func.func' op argument #1 has no tt.layout; run tt-infer-layout first

// Roles come from dataflow: B is copied in first, but A is argument #0, so A's
// buffer is input CB 0. The f32 accumulator goes back to the bf16 tensor C, so
// its CB packs bf16; the scratch buffer touches no tensor and is intermediate.
func.func @gemm(%A: memref<64x64xbf16>, %B: memref<64x64xbf16>, %C: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %second = tt.alloc_shared : memref<64x32xbf16>
    %first = tt.alloc_shared : memref<32x64xbf16>
    %acc = tt.alloc_fragment : memref<64x64xf32>
    %scratch = tt.alloc_fragment : memref<64x64xf32>
    tt.copy %B[%c0, %c0] to %first : memref<64x64xbf16> to memref<32x64xbf16>
    tt.copy %A[%c0, %c0] to %second : memref<64x64xbf16> to memref<64x32xbf16>
    tt.gemm %second, %first, %acc : memref<64x32xbf16>, memref<32x64xbf16>, memref<64x64xf32>
    tt.relu %acc to %scratch : memref<64x64xf32>
    tt.copy %scratch to %acc : memref<64x64xf32> to memref<64x64xf32>
    tt.copy %acc to %C[%c0, %c0] : memref<64x64xf32> to memref<64x64xbf16>
  }
  func.return
}
// CHECK:      %second = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
// CHECK-NEXT: %first = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 4, page_size = 2048, bf16>} : memref<32x64xbf16>
// CHECK-NEXT: %acc = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>} : memref<64x64xf32>
// CHECK-NEXT: %scratch = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 8, page_size = 4096, f32>} : memref<64x64xf32>
// SINGLE:      %second = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<64x32xbf16>
// SINGLE-NEXT: %first = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x64xbf16>
// SINGLE-NEXT: %acc = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 4, page_size = 2048, bf16>} : memref<64x64xf32>
// SINGLE-NEXT: %scratch = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 4, page_size = 4096, f32>} : memref<64x64xf32>

// -----

// Inputs follow the data format of the tensor they are filled from.
func.func @add(%X: memref<32x32xf32>, %Y: memref<32x32xbf16>, %Z: memref<32x32xf32>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %x = tt.alloc_shared : memref<32x32xf32>
    %y = tt.alloc_shared : memref<32x32xbf16>
    %z = tt.alloc_shared : memref<32x32xf32>
    tt.copy %X[%c0, %c0] to %x : memref<32x32xf32> to memref<32x32xf32>
    tt.copy %Y[%c0, %c0] to %y : memref<32x32xbf16> to memref<32x32xbf16>
    tt.add %x, %y to %z : memref<32x32xf32>, memref<32x32xbf16> to memref<32x32xf32>
    tt.copy %z to %Z[%c0, %c0] : memref<32x32xf32> to memref<32x32xf32>
  }
  func.return
}
// CHECK:      %x = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 4096, f32>} : memref<32x32xf32>
// CHECK-NEXT: %y = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
// CHECK-NEXT: %z = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 4096, f32>} : memref<32x32xf32>

// -----

func.func @in_and_out(%X: memref<32x32xbf16>, %Y: memref<32x32xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %x = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x : memref<32x32xbf16> to memref<32x32xbf16>
    tt.copy %x to %Y[%c0, %c0] : memref<32x32xbf16> to memref<32x32xbf16>
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 6]]:5: error: 'tt.alloc_shared' op buffer is both filled from a tensor and copied back to one; use separate input and output buffers

// -----

// Inputs have CB indices 0..15: a 17th input buffer does not fit.
func.func @too_many_inputs(%X: memref<32x32xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %x0 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x0 : memref<32x32xbf16> to memref<32x32xbf16>
    %x1 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x1 : memref<32x32xbf16> to memref<32x32xbf16>
    %x2 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x2 : memref<32x32xbf16> to memref<32x32xbf16>
    %x3 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x3 : memref<32x32xbf16> to memref<32x32xbf16>
    %x4 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x4 : memref<32x32xbf16> to memref<32x32xbf16>
    %x5 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x5 : memref<32x32xbf16> to memref<32x32xbf16>
    %x6 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x6 : memref<32x32xbf16> to memref<32x32xbf16>
    %x7 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x7 : memref<32x32xbf16> to memref<32x32xbf16>
    %x8 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x8 : memref<32x32xbf16> to memref<32x32xbf16>
    %x9 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x9 : memref<32x32xbf16> to memref<32x32xbf16>
    %x10 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x10 : memref<32x32xbf16> to memref<32x32xbf16>
    %x11 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x11 : memref<32x32xbf16> to memref<32x32xbf16>
    %x12 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x12 : memref<32x32xbf16> to memref<32x32xbf16>
    %x13 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x13 : memref<32x32xbf16> to memref<32x32xbf16>
    %x14 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x14 : memref<32x32xbf16> to memref<32x32xbf16>
    %x15 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x15 : memref<32x32xbf16> to memref<32x32xbf16>
    %x16 = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x16 : memref<32x32xbf16> to memref<32x32xbf16>
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 5]]:5: error: 'tt.alloc_shared' op too many input buffers: 17 need CB indices 0..16, only 0..15 exist

// -----

// An input filled by a copy in a loop carrying #tt.pipeline<stages = N> holds N blocks,
// whatever cb-depth is. The nearest pipelined loop around the copy decides: %a and %b
// (through an unpipelined loop) are filled in the stages = 3 loop, %s in the stages = 1
// loop nested in it (single buffering). %t is filled in that loop and once outside any
// pipelined loop: it gets the larger depth, cb-depth's or 1. The output keeps cb-depth.
func.func @stages(%A: memref<256x64xbf16>, %B: memref<64x64xbf16>, %C: memref<256x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 2) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c32 = arith.constant 32 : index
    %c128 = arith.constant 128 : index
    %row = arith.muli %by, %c128 : index
    %a = tt.alloc_shared : memref<128x32xbf16>
    %b = tt.alloc_shared : memref<32x64xbf16>
    %s = tt.alloc_shared : memref<32x64xbf16>
    %t = tt.alloc_shared : memref<32x64xbf16>
    %acc = tt.alloc_fragment : memref<128x64xf32>
    tt.copy %B[%c0, %c0] to %t : memref<64x64xbf16> to memref<32x64xbf16>
    scf.for %k = %c0 to %c2 step %c1 {
      %kk = arith.muli %k, %c32 : index
      tt.copy %A[%row, %kk] to %a : memref<256x64xbf16> to memref<128x32xbf16>
      scf.for %j = %c0 to %c1 step %c1 {
        tt.copy %B[%kk, %c0] to %b : memref<64x64xbf16> to memref<32x64xbf16>
      }
      scf.for %j = %c0 to %c1 step %c1 {
        tt.copy %B[%kk, %c0] to %s : memref<64x64xbf16> to memref<32x64xbf16>
        tt.copy %B[%kk, %c0] to %t : memref<64x64xbf16> to memref<32x64xbf16>
      } {tt.pipeline = #tt.pipeline<stages = 1>}
      tt.gemm %a, %b, %acc : memref<128x32xbf16>, memref<32x64xbf16>, memref<128x64xf32>
    } {tt.pipeline = #tt.pipeline<stages = 3>}
    tt.copy %acc to %C[%row, %c0] : memref<128x64xf32> to memref<256x64xbf16>
  }
  func.return
}
// CHECK:      %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 12, page_size = 2048, bf16>} : memref<128x32xbf16>
// CHECK-NEXT: %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 2, pages = 6, page_size = 2048, bf16>} : memref<32x64xbf16>
// CHECK-NEXT: %s = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 3, pages = 2, page_size = 2048, bf16>} : memref<32x64xbf16>
// CHECK-NEXT: %t = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 4, page_size = 2048, bf16>} : memref<32x64xbf16>
// CHECK-NEXT: %acc = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 16, page_size = 2048, bf16>} : memref<128x64xf32>
// SINGLE:      %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 12, page_size = 2048, bf16>} : memref<128x32xbf16>
// SINGLE-NEXT: %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 2, pages = 6, page_size = 2048, bf16>} : memref<32x64xbf16>
// SINGLE-NEXT: %s = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 3, pages = 2, page_size = 2048, bf16>} : memref<32x64xbf16>
// SINGLE-NEXT: %t = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x64xbf16>
// SINGLE-NEXT: %acc = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>} : memref<128x64xf32>

// -----

func.func @not_a_pipeline(%A: memref<32x32xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %a = tt.alloc_shared : memref<32x32xbf16>
    scf.for %k = %c0 to %c1 step %c1 {
      tt.copy %A[%c0, %c0] to %a : memref<32x32xbf16> to memref<32x32xbf16>
    } {tt.pipeline = 3 : i64}
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 6]]:5: error: 'scf.for' op tt.pipeline must be a #tt.pipeline<stages = N>, got 3 : i64

// -----

// Every tensor<->buffer copy stays inside its tensor for every block and iteration, and
// the check is exact: rows by * 96 over 3 blocks end at 2 * 96 + 96 = 288, the tensor's
// rows; the loop 0..7 step 3 last takes k = 6 (columns 192..223 of 224); (2 - by) * 96
// is smallest (0) at by = 2; %j runs from by to 2. The copy in the loop that never runs
// would read rows 512.. at by = 2, but never runs.
func.func @inside(%A: memref<288x224xbf16>, %C: memref<288x224xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 3) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c3 = arith.constant 3 : index
    %c7 = arith.constant 7 : index
    %c32 = arith.constant 32 : index
    %c96 = arith.constant 96 : index
    %c256 = arith.constant 256 : index
    %row = arith.muli %by, %c96 : index
    %a = tt.alloc_shared : memref<96x32xbf16>
    %c = tt.alloc_shared : memref<96x32xbf16>
    scf.for %k = %c0 to %c7 step %c3 {
      %col = arith.muli %k, %c32 : index
      tt.copy %A[%row, %col] to %a : memref<288x224xbf16> to memref<96x32xbf16>
    }
    %reversed = arith.subi %c2, %by : index
    %rrow = arith.muli %reversed, %c96 : index
    tt.copy %A[%rrow, %c0] to %a : memref<288x224xbf16> to memref<96x32xbf16>
    scf.for %j = %by to %c3 step %c1 {
      %jrow = arith.muli %j, %c96 : index
      tt.copy %A[%jrow, %c0] to %a : memref<288x224xbf16> to memref<96x32xbf16>
    }
    scf.for %never = %c1 to %c1 step %c1 {
      %far = arith.muli %by, %c256 : index
      tt.copy %A[%far, %c0] to %a : memref<288x224xbf16> to memref<96x32xbf16>
    }
    tt.copy %c to %C[%row, %c0] : memref<96x32xbf16> to memref<288x224xbf16>
  }
  func.return
}
// CHECK-LABEL: func.func @inside
// CHECK:       %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 6, page_size = 2048, bf16>} : memref<96x32xbf16>
// CHECK-NEXT:  %c = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 6, page_size = 2048, bf16>} : memref<96x32xbf16>

// -----

// A block size that does not divide its tensor: the 512x512x512 gemm in 96x96 blocks has
// a 6x6 grid, and the last block row reads rows 480..575 of A.
func.func @gemm_96(%A: memref<512x512xbf16>, %B: memref<512x512xbf16>, %C: memref<512x512xbf16>) {
  tt.launch_grid (%bx, %by) in (6, 6) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c32 = arith.constant 32 : index
    %c96 = arith.constant 96 : index
    %row = arith.muli %by, %c96 : index
    %col = arith.muli %bx, %c96 : index
    %a = tt.alloc_shared : memref<96x32xbf16>
    %b = tt.alloc_shared : memref<32x96xbf16>
    %c = tt.alloc_fragment : memref<96x96xf32>
    tt.clear %c : memref<96x96xf32>
    scf.for %k = %c0 to %c16 step %c1 {
      %kk = arith.muli %k, %c32 : index
      tt.copy %A[%row, %kk] to %a : memref<512x512xbf16> to memref<96x32xbf16>
      tt.copy %B[%kk, %col] to %b : memref<512x512xbf16> to memref<32x96xbf16>
      tt.gemm %a, %b, %c : memref<96x32xbf16>, memref<32x96xbf16>, memref<96x96xf32>
    } {tt.pipeline = #tt.pipeline<stages = 2>}
    tt.copy %c to %C[%row, %col] : memref<96x96xf32> to memref<512x512xbf16>
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 8]]:7: error: 'tt.copy' op the 96x32 region copied from argument #0 (512x512xbf16) runs past dimension 0: with block index by = 5 (of 0..5), its row offset by * 96 = 480 plus 96 rows reaches 576, beyond the tensor's 512 rows; every block and loop iteration must copy inside the tensor (tt-pad-tensors, first in tt-metadata, pads it to what its copies reach)

// -----

// One K step too many: the loop's last iteration reads columns 96..127 of 96.
func.func @loop_past_the_end(%A: memref<64x96xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c32 = arith.constant 32 : index
    %a = tt.alloc_shared : memref<64x32xbf16>
    scf.for %k = %c0 to %c4 step %c1 {
      %col = arith.muli %k, %c32 : index
      tt.copy %A[%c0, %col] to %a : memref<64x96xbf16> to memref<64x32xbf16>
    }
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 5]]:7: error: 'tt.copy' op the 64x32 region copied from argument #0 (64x96xbf16) runs past dimension 1: with loop index k = 3 (of 0..3), its column offset k * 32 = 96 plus 32 columns reaches 128, beyond the tensor's 96 columns; every block and loop iteration must copy inside the tensor (tt-pad-tensors, first in tt-metadata, pads it to what its copies reach)

// -----

// A store past the end, at the block that combines the largest bx and by.
func.func @store_past_the_end(%C: memref<96x32xbf16>) {
  tt.launch_grid (%bx, %by) in (2, 2) {
    %c0 = arith.constant 0 : index
    %c2 = arith.constant 2 : index
    %c32 = arith.constant 32 : index
    %pair = arith.muli %by, %c2 : index
    %unit = arith.addi %pair, %bx : index
    %row = arith.muli %unit, %c32 : index
    %c = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %c to %C[%row, %c0] : memref<32x32xbf16> to memref<96x32xbf16>
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 4]]:5: error: 'tt.copy' op the 32x32 region copied to argument #0 (96x32xbf16) runs past dimension 0: with block index bx = 1 (of 0..1), block index by = 1 (of 0..1), its row offset by * 64 + bx * 32 = 96 plus 32 rows reaches 128, beyond the tensor's 96 rows; every block and loop iteration must copy inside the tensor (tt-pad-tensors, first in tt-metadata, pads it to what its copies reach)

// -----

func.func @negative_offset(%A: memref<64x32xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 2) {
    %c32 = arith.constant 32 : index
    %c0 = arith.constant 0 : index
    %row = arith.muli %by, %c32 : index
    %above = arith.subi %row, %c32 : index
    %a = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %A[%above, %c0] to %a : memref<64x32xbf16> to memref<32x32xbf16>
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 4]]:5: error: 'tt.copy' op the 32x32 region copied from argument #0 (64x32xbf16) starts before dimension 0: with block index by = 0 (of 0..1), its row offset by * 32 - 32 = -32 is negative; every block and loop iteration must copy inside the tensor

// -----

// Offsets that cannot be bounded statically are refused, naming what stops the bound.
func.func @divided(%A: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (2, 2) {
    %c0 = arith.constant 0 : index
    %c2 = arith.constant 2 : index
    %half = arith.divui %c2, %by : index
    %a = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %A[%c0, %half] to %a : memref<64x64xbf16> to memref<32x32xbf16>
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 4]]:5: error: 'tt.copy' op cannot bound the column offset (dimension 1) of the 32x32 region copied from argument #0 (64x64xbf16): it depends on the result of 'arith.divui' of 2, which is not a non-negative index divided by a positive constant; an offset must be computed from tt.launch_grid block indices and scf.for loop indices by arith.constant, arith.addi, arith.subi and arith.muli by a constant, arith.divui and arith.remui of a non-negative index by a constant, or arith.minui and arith.maxui of non-negative indices

// -----

func.func @product(%A: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (2, 2) {
    %c0 = arith.constant 0 : index
    %row = arith.muli %by, %bx : index
    %a = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %A[%row, %c0] to %a : memref<64x64xbf16> to memref<32x32xbf16>
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 4]]:5: error: 'tt.copy' op cannot bound the row offset (dimension 0) of the 32x32 region copied from argument #0 (64x64xbf16): it depends on the product of two indices that vary (by and bx, 'arith.muli'); an offset must be computed from tt.launch_grid block indices and scf.for loop indices by arith.constant, arith.addi, arith.subi and arith.muli by a constant, arith.divui and arith.remui of a non-negative index by a constant, or arith.minui and arith.maxui of non-negative indices

// -----

func.func @unbounded_loop(%A: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (2, 2) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c32 = arith.constant 32 : index
    %n = arith.divui %c2, %by : index
    %a = tt.alloc_shared : memref<32x32xbf16>
    scf.for %k = %c0 to %n step %c1 {
      %row = arith.muli %k, %c32 : index
      tt.copy %A[%row, %c0] to %a : memref<64x64xbf16> to memref<32x32xbf16>
    }
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 5]]:7: error: 'tt.copy' op cannot bound the row offset (dimension 0) of the 32x32 region copied from argument #0 (64x64xbf16): it depends on the loop index k, whose upper bound is not known statically: it depends on the result of 'arith.divui' of 2, which is not a non-negative index divided by a positive constant; an offset must be computed from tt.launch_grid block indices and scf.for loop indices by arith.constant, arith.addi, arith.subi and arith.muli by a constant, arith.divui and arith.remui of a non-negative index by a constant, or arith.minui and arith.maxui of non-negative indices

// -----

func.func @offset_argument(%A: memref<64x64xbf16>, %i: index) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %a = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %A[%i, %c0] to %a : memref<64x64xbf16> to memref<32x32xbf16>
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 4]]:5: error: 'tt.copy' op cannot bound the row offset (dimension 0) of the 32x32 region copied from argument #0 (64x64xbf16): it depends on argument #1 of the function; an offset must be computed from tt.launch_grid block indices and scf.for loop indices by arith.constant, arith.addi, arith.subi and arith.muli by a constant, arith.divui and arith.remui of a non-negative index by a constant, or arith.minui and arith.maxui of non-negative indices

// -----

func.func @carried_offset(%A: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c32 = arith.constant 32 : index
    %a = tt.alloc_shared : memref<32x32xbf16>
    %end = scf.for %k = %c0 to %c2 step %c1 iter_args(%row = %c0) -> (index) {
      tt.copy %A[%row, %c0] to %a : memref<64x64xbf16> to memref<32x32xbf16>
      %next = arith.addi %row, %c32 : index
      scf.yield %next : index
    }
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 7]]:7: error: 'tt.copy' op cannot bound the row offset (dimension 0) of the 32x32 region copied from argument #0 (64x64xbf16): it depends on a value carried from one iteration of an 'scf.for' to the next; an offset must be computed from tt.launch_grid block indices and scf.for loop indices by arith.constant, arith.addi, arith.subi and arith.muli by a constant, arith.divui and arith.remui of a non-negative index by a constant, or arith.minui and arith.maxui of non-negative indices

// -----

// A 2-D block of a rank-4 tensor whose leading index leaves the tensor: the batch
// dimension has 2 positions, the launch grid's z index reaches 2.
func.func @batched(%X: memref<2x3x64x96xf32>) {
  tt.launch_grid (%bx, %by, %bz) in (2, 3, 3) {
    %c0 = arith.constant 0 : index
    %c32 = arith.constant 32 : index
    %row = arith.muli %bx, %c32 : index
    %a = tt.alloc_shared : memref<32x96xf32>
    tt.copy %X[%bz, %by, %row, %c0] to %a : memref<2x3x64x96xf32> to memref<32x96xf32>
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 4]]:5: error: 'tt.copy' op the 32x96 region copied from argument #0 (2x3x64x96xf32) runs past dimension 0: with block index bz = 2 (of 0..2), its index bz = 2 is not below the tensor's 2 positions; a leading (batch) dimension is never padded, so every block and loop iteration must index inside it

// -----

// A 2-D block of a rank-4 tensor inside it: its buffer gets a CB of 3 tiles, double-buffered.
func.func @batched_inside(%X: memref<2x3x64x96xf32>) {
  tt.launch_grid (%bx, %by, %bz) in (2, 3, 2) {
    %c0 = arith.constant 0 : index
    %c32 = arith.constant 32 : index
    %row = arith.muli %bx, %c32 : index
    %a = tt.alloc_shared : memref<32x96xf32>
    tt.copy %X[%bz, %by, %row, %c0] to %a : memref<2x3x64x96xf32> to memref<32x96xf32>
  }
  func.return
}
// CHECK: %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 6, page_size = 4096, f32>} : memref<32x96xf32>

// -----

// A trip count computed per block, min(3, (bx * 32 + 63) / 32): the minimum and the
// quotient are bounded from their operands, so k * 32 stays below 96.
func.func @runtime_trip_count(%A: memref<64x96xbf16>) {
  tt.launch_grid (%bx, %by) in (4, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c3 = arith.constant 3 : index
    %c32 = arith.constant 32 : index
    %c63 = arith.constant 63 : index
    %a = tt.alloc_shared : memref<64x32xbf16>
    %rows = arith.muli %bx, %c32 : index
    %last = arith.addi %rows, %c63 : index
    %blocks = arith.divui %last, %c32 : index
    %trips = arith.minui %c3, %blocks : index
    scf.for %k = %c0 to %trips step %c1 {
      %col = arith.muli %k, %c32 : index
      tt.copy %A[%c0, %col] to %a : memref<64x96xbf16> to memref<64x32xbf16>
    }
  }
  func.return
}
// CHECK-LABEL: func.func @runtime_trip_count
// CHECK:       %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
// CHECK:       scf.for %k = %c0 to %trips step %c1 {

// -----

// Without the minimum the last block's trip count reaches 4 blocks of 96 columns.
func.func @runtime_trip_count_past_the_end(%A: memref<64x96xbf16>) {
  tt.launch_grid (%bx, %by) in (4, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c32 = arith.constant 32 : index
    %c63 = arith.constant 63 : index
    %a = tt.alloc_shared : memref<64x32xbf16>
    %rows = arith.muli %bx, %c32 : index
    %last = arith.addi %rows, %c63 : index
    %blocks = arith.divui %last, %c32 : index
    scf.for %k = %c0 to %blocks step %c1 {
      %col = arith.muli %k, %c32 : index
      tt.copy %A[%c0, %col] to %a : memref<64x96xbf16> to memref<64x32xbf16>
    }
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 5]]:7: error: 'tt.copy' op the 64x32 region copied from argument #0 (64x96xbf16) runs past dimension 1: with index (bx * 32 + 63) / 32 = 4 (of 1..4), loop index k = 3 (from 0 to (bx * 32 + 63) / 32 - 1), its column offset k * 32 = 96 plus 32 columns reaches 128, beyond the tensor's 96 columns; every block and loop iteration must copy inside the tensor (tt-pad-tensors, first in tt-metadata, pads it to what its copies reach)

// -----

// An unsigned remainder of a form that can be negative is not bounded.
func.func @remainder_of_negative(%A: memref<64x96xbf16>) {
  tt.launch_grid (%bx, %by) in (4, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c3 = arith.constant 3 : index
    %a = tt.alloc_shared : memref<64x32xbf16>
    %back = arith.subi %bx, %c1 : index
    %col = arith.remui %back, %c3 : index
    tt.copy %A[%c0, %col] to %a : memref<64x96xbf16> to memref<64x32xbf16>
  }
  func.return
}
// CHECK: propagate_layout.mlir:[[# @LINE - 4]]:5: error: 'tt.copy' op cannot bound the column offset (dimension 1) of the 64x32 region copied from argument #0 (64x96xbf16): it depends on the result of 'arith.remui' of bx - 1, an operand of which can be negative (the kernels compute indices as unsigned integers); an offset must be computed from tt.launch_grid block indices and scf.for loop indices by arith.constant, arith.addi, arith.subi and arith.muli by a constant, arith.divui and arith.remui of a non-negative index by a constant, or arith.minui and arith.maxui of non-negative indices
