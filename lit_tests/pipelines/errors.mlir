// RUN: tt-opt %s --split-input-file --verify-diagnostics -p 'tt-pipeline{grid=1x1}' | filecheck %s

// DST over capacity: five accumulators share one K loop, but with fp32
// accumulation in double-buffered mode DST holds four tiles.
func.func @five_gemms(%A: memref<32x32xbf16>, %B: memref<32x32xbf16>, %C: memref<32x32xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %a = tt.alloc_shared : memref<32x32xbf16>
    %b = tt.alloc_shared : memref<32x32xbf16>
    %c1 = tt.alloc_fragment : memref<32x32xf32>
    %c2 = tt.alloc_fragment : memref<32x32xf32>
    %c3 = tt.alloc_fragment : memref<32x32xf32>
    %c4 = tt.alloc_fragment : memref<32x32xf32>
    %c5 = tt.alloc_fragment : memref<32x32xf32>
    tt.clear %c1 : memref<32x32xf32>
    tt.clear %c2 : memref<32x32xf32>
    tt.clear %c3 : memref<32x32xf32>
    tt.clear %c4 : memref<32x32xf32>
    tt.clear %c5 : memref<32x32xf32>
    tt.copy %A[%c0, %c0] to %a : memref<32x32xbf16> to memref<32x32xbf16>
    tt.copy %B[%c0, %c0] to %b : memref<32x32xbf16> to memref<32x32xbf16>
    tt.gemm %a, %b, %c1 : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
    tt.gemm %a, %b, %c2 : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
    tt.gemm %a, %b, %c3 : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
    tt.gemm %a, %b, %c4 : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
    tt.gemm %a, %b, %c5 : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
    tt.copy %c1 to %C[%c0, %c0] : memref<32x32xf32> to memref<32x32xbf16>
  }
  func.return
}
// CHECK: errors.mlir:[[# @LINE - 9]]:5: error: 'tt.gemm' op 5 gemm accumulators share this K loop but DST holds 4 tiles (fp32 accumulation in double-buffered mode); each needs at least one

// -----

// An op no kernel role can host: its effects are unknown, so it is neither a
// NOC transfer, nor CB protocol, nor tile math, nor a pure computation.
func.func @unknown_effect(%A: memref<32x32xbf16>, %C: memref<32x32xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %a = tt.alloc_shared : memref<32x32xbf16>
    %c = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %A[%c0, %c0] to %a : memref<32x32xbf16> to memref<32x32xbf16>
    "test.op"() : () -> ()
    tt.relu %a to %c : memref<32x32xbf16>
    tt.copy %c to %C[%c0, %c0] : memref<32x32xbf16> to memref<32x32xbf16>
  }
  func.return
}
// CHECK: errors.mlir:[[# @LINE - 6]]:5: error: 'test.op' op fits no kernel role: it is not a NOC transfer (reader/writer), a CB protocol op, tile math (compute) or a side-effect-free computation

// -----

// A CB consumed but never produced: %y is read by the add but nothing fills it.
func.func @unfilled(%X: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %x = tt.alloc_shared : memref<32x32xbf16>
    %y = tt.alloc_shared : memref<32x32xbf16>
    %z = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x : memref<32x32xbf16> to memref<32x32xbf16>
    tt.add %x, %y to %z : memref<32x32xbf16>
    tt.copy %z to %Z[%c0, %c0] : memref<32x32xbf16> to memref<32x32xbf16>
  }
  func.return
}
// CHECK: errors.mlir:[[# @LINE - 5]]:5: error: 'tt.add_tiles' op CB 24 is read by 'tt.add_tiles' but nothing produces it: no copy from a tensor fills it and no pack_tile writes it
