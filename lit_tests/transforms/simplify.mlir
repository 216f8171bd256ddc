// RUN: tt-opt %s -p tt-simplify --split-input-file --verify-diagnostics | filecheck %s
// RUN: tt-opt %s -p tt-simplify,tt-simplify --split-input-file --verify-diagnostics | filecheck %s

// Flash attention's running maximum: `T.fill(m, -T.infinity(...))` then
// `T.reduce_max(s, m, clear=False)`, which the front end writes as a reduction into a
// buffer of its own and a max with what m holds. The maximum with -inf is the reduction
// itself: the fill and the max go, and the reduction writes m. The second RUN line runs
// the pass twice: nothing is left to fold.
func.func @running_max(%S: memref<64x64xf32>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %s = tt.alloc_fragment : memref<64x64xf32>
    %ones = tt.alloc_fragment : memref<32x32xf32>
    %m = tt.alloc_fragment : memref<64xf32>
    %m_prev = tt.alloc_fragment : memref<64xf32>
    %m_part = tt.alloc_fragment : memref<64xf32>
    %zero = arith.constant 0 : index
    tt.fill %ones, 1.0 : memref<32x32xf32>
    tt.copy %S[%zero, %zero] to %s : memref<64x64xf32> to memref<64x64xf32>
    tt.copy %m to %m_prev : memref<64xf32> to memref<64xf32>
    tt.fill %m, 0xfff0000000000000 : memref<64xf32>
    tt.reduce_max %s, %ones to %m_part dim = 1 : memref<64x64xf32>, memref<32x32xf32> to memref<64xf32>
    tt.max %m, %m_part to %m : memref<64xf32>
    tt.sub %m_prev, %m to %m_prev : memref<64xf32>
  }
  func.return
}
// CHECK-LABEL: func.func @running_max
// CHECK-NOT:     %m_part
// CHECK:         tt.copy %m to %m_prev : memref<64xf32> to memref<64xf32>
// CHECK-NEXT:    tt.reduce_max %s, %ones to %m dim = 1 : memref<64x64xf32>, memref<32x32xf32> to memref<64xf32>
// CHECK-NEXT:    tt.sub %m_prev, %m to %m_prev : memref<64xf32>

// -----

// The identity of each combine: +inf for min, 0 (a fill or a clear) for add. A fill with another value, a
// combine that is not in place, and a fill some op reads first stay as they are.
func.func @other_combines(%x: memref<32x32xf32>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %a = tt.alloc_fragment : memref<32x32xf32>
    %b = tt.alloc_fragment : memref<32x32xf32>
    %c = tt.alloc_fragment : memref<32x32xf32>
    %d = tt.alloc_fragment : memref<32x32xf32>
    %e = tt.alloc_fragment : memref<32x32xf32>
    tt.fill %x, 2.0 : memref<32x32xf32>
    tt.fill %a, 0x7ff0000000000000 : memref<32x32xf32>
    tt.min %x, %a to %a : memref<32x32xf32>
    tt.fill %b, 0.0 : memref<32x32xf32>
    tt.add %b, %x to %b : memref<32x32xf32>
    tt.fill %c, 1.0 : memref<32x32xf32>
    tt.add %c, %x to %c : memref<32x32xf32>
    tt.fill %d, 0.0 : memref<32x32xf32>
    tt.add %d, %x to %e : memref<32x32xf32>
    tt.fill %e, 0.0 : memref<32x32xf32>
    tt.exp %e to %d : memref<32x32xf32>
    tt.add %e, %x to %e : memref<32x32xf32>
  }
  func.return
}
// CHECK-LABEL: func.func @other_combines
// CHECK:         tt.fill %x, 2.000000e+00
// CHECK-NEXT:    tt.copy %x to %a : memref<32x32xf32> to memref<32x32xf32>
// CHECK-NEXT:    tt.copy %x to %b : memref<32x32xf32> to memref<32x32xf32>
// CHECK-NEXT:    tt.fill %c, 1.000000e+00
// CHECK-NEXT:    tt.add %c, %x to %c
// CHECK-NEXT:    tt.fill %d, 0.000000e+00
// CHECK-NEXT:    tt.add %d, %x to %e
// CHECK-NEXT:    tt.fill %e, 0.000000e+00
// CHECK-NEXT:    tt.exp %e to %d
// CHECK-NEXT:    tt.add %e, %x to %e

// -----

// Attention computes `scores_max[i] * scale` twice per step; the second computes what the
// first did from an unchanged input, so its uses read the first result. A computation
// whose input was written in between, or into a buffer written twice, is kept.
func.func @repeated(%X: memref<32x32xf32>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %m = tt.alloc_fragment : memref<64xf32>
    %t1 = tt.alloc_fragment : memref<64xf32>
    %t2 = tt.alloc_fragment : memref<64xf32>
    %t3 = tt.alloc_fragment : memref<64xf32>
    %u = tt.alloc_fragment : memref<64xf32>
    %w = tt.alloc_fragment : memref<64xf32>
    tt.fill %m, 2.0 : memref<64xf32>
    tt.mul_scalar %m, 0.5 to %t1 : memref<64xf32>
    tt.exp2 %t1 to %u : memref<64xf32>
    tt.mul_scalar %m, 0.5 to %t2 : memref<64xf32>
    tt.sub %u, %t2 to %w : memref<64xf32>
    tt.exp %m to %m : memref<64xf32>
    tt.mul_scalar %m, 0.5 to %t3 : memref<64xf32>
    tt.sub %w, %t3 to %w : memref<64xf32>
  }
  func.return
}
// CHECK-LABEL: func.func @repeated
// CHECK-NOT:     %t2
// CHECK:         tt.mul_scalar %m, 5.000000e-01 to %t1 : memref<64xf32>
// CHECK-NEXT:    tt.exp2 %t1 to %u : memref<64xf32>
// CHECK-NEXT:    tt.sub %u, %t1 to %w : memref<64xf32>
// CHECK-NEXT:    tt.exp %m to %m : memref<64xf32>
// CHECK-NEXT:    tt.mul_scalar %m, 5.000000e-01 to %t3 : memref<64xf32>
// CHECK-NEXT:    tt.sub %w, %t3 to %w : memref<64xf32>

// -----

// A buffer a tensor's copy fills is the reader kernel's: copying it on into a buffer that
// is copied out stays as written (forwarding would make one buffer both filled from a
// tensor and copied to one).
func.func @tensor_fill_not_forwarded(%A: memref<32x32xf32>, %B: memref<32x32xf32>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %x = tt.alloc_shared : memref<32x32xf32>
    %y = tt.alloc_shared : memref<32x32xf32>
    %zero = arith.constant 0 : index
    tt.copy %A[%zero, %zero] to %x : memref<32x32xf32> to memref<32x32xf32>
    tt.copy %x to %y : memref<32x32xf32> to memref<32x32xf32>
    tt.copy %y to %B[%zero, %zero] : memref<32x32xf32> to memref<32x32xf32>
  }
  func.return
}
// CHECK-LABEL: func.func @tensor_fill_not_forwarded
// CHECK:         tt.copy %A[%zero, %zero] to %x
// CHECK-NEXT:    tt.copy %x to %y
// CHECK-NEXT:    tt.copy %y to %B[%zero, %zero]
