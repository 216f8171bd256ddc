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
