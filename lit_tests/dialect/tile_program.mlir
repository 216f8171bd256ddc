// RUN: tt-opt %s --split-input-file | filecheck %s
// RUN: TT_ROUNDTRIP | filecheck %s
// RUN: TT_GENERIC_ROUNDTRIP | filecheck %s --check-prefix=GENERIC

// Every tile-program op in its custom form.

func.func @ops(%T: memref<256x256xbf16>, %U: memref<256x256xf32>) {
  tt.launch_grid (%bx, %by) in (4, 2) {
    %a = tt.alloc_shared : memref<128x32xbf16>
    %b = tt.alloc_shared : memref<32x128xbf16>
    %bt = tt.alloc_shared : memref<128x32xbf16>
    %h = tt.alloc_shared : memref<64x64xf16>
    %c = tt.alloc_fragment : memref<128x128xf32>
    %d = tt.alloc_shared : memref<128x128xbf16>
    tt.clear %c : memref<128x128xf32>
    tt.fill %c, 1.5 : memref<128x128xf32>
    tt.copy %T[%by, %bx] to %a : memref<256x256xbf16> to memref<128x32xbf16>
    tt.copy %U[%by, %bx] to %c : memref<256x256xf32> to memref<128x128xf32>
    tt.copy %c to %d : memref<128x128xf32> to memref<128x128xbf16>
    tt.copy %c to %T[%by, %bx] : memref<128x128xf32> to memref<256x256xbf16>
    tt.copy %c to %T[%by, %bx] chunk_rows = 2 : memref<128x128xf32> to memref<256x256xbf16>
    tt.copy %T[%by, %bx] to %a multicast = <row, receivers = 1, sender_semaphore = 0, receiver_semaphore = 1> : memref<256x256xbf16> to memref<128x32xbf16>
    tt.copy %T[%by, %bx] to %a multicast = <column, receivers = 1, sender_semaphore = 2, receiver_semaphore = 3> mover = <writer> : memref<256x256xbf16> to memref<128x32xbf16>
    tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
    tt.gemm %a, %bt, %c transpose_b : memref<128x32xbf16>, memref<128x32xbf16>, memref<128x128xf32>
    tt.gemm %b, %a, %c transpose_a transpose_b : memref<32x128xbf16>, memref<128x32xbf16>, memref<128x128xf32>
    tt.gemm %a, %b, %c schedule = <block = [4, 4], k_block = 1, subblock = [2, 2], accumulate = l1> : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
    tt.add %c, %c to %c : memref<128x128xf32>
    tt.sub %c, %d to %c : memref<128x128xf32>, memref<128x128xbf16> to memref<128x128xf32>
    tt.mul %c, %c to %d : memref<128x128xf32>, memref<128x128xf32> to memref<128x128xbf16>
    tt.exp %c to %c : memref<128x128xf32>
    tt.log %c to %c : memref<128x128xf32>
    tt.sqrt %c to %c : memref<128x128xf32>
    tt.rsqrt %c to %c : memref<128x128xf32>
    tt.exp2 %c to %c : memref<128x128xf32>
    tt.recip %c to %c : memref<128x128xf32>
    tt.relu %c to %d : memref<128x128xf32> to memref<128x128xbf16>
    tt.gelu %d to %d : memref<128x128xbf16>
    tt.sigmoid %h to %h : memref<64x64xf16>
    tt.tanh %c to %c : memref<128x128xf32>
    tt.add_scalar %c, 1.500000e+00 to %c : memref<128x128xf32>
    tt.sub_scalar %c, -2.000000e+00 to %c : memref<128x128xf32>
    tt.rsub_scalar %c, 1.000000e+00 to %d : memref<128x128xf32> to memref<128x128xbf16>
    tt.mul_scalar %d, 2.500000e-01 to %d : memref<128x128xbf16>
    tt.div_scalar %c, 3.000000e+00 to %c : memref<128x128xf32>
  }
  func.return
}

// CHECK:      func.func @ops(%T: memref<256x256xbf16>, %U: memref<256x256xf32>) {
// CHECK-NEXT:   tt.launch_grid (%bx, %by) in (4, 2) {
// CHECK-NEXT:     %a = tt.alloc_shared : memref<128x32xbf16>
// CHECK-NEXT:     %b = tt.alloc_shared : memref<32x128xbf16>
// CHECK-NEXT:     %bt = tt.alloc_shared : memref<128x32xbf16>
// CHECK-NEXT:     %h = tt.alloc_shared : memref<64x64xf16>
// CHECK-NEXT:     %c = tt.alloc_fragment : memref<128x128xf32>
// CHECK-NEXT:     %d = tt.alloc_shared : memref<128x128xbf16>
// CHECK-NEXT:     tt.clear %c : memref<128x128xf32>
// CHECK-NEXT:     tt.fill %c, 1.500000e+00 : memref<128x128xf32>
// CHECK-NEXT:     tt.copy %T[%by, %bx] to %a : memref<256x256xbf16> to memref<128x32xbf16>
// CHECK-NEXT:     tt.copy %U[%by, %bx] to %c : memref<256x256xf32> to memref<128x128xf32>
// CHECK-NEXT:     tt.copy %c to %d : memref<128x128xf32> to memref<128x128xbf16>
// CHECK-NEXT:     tt.copy %c to %T[%by, %bx] : memref<128x128xf32> to memref<256x256xbf16>
// CHECK-NEXT:     tt.copy %c to %T[%by, %bx] chunk_rows = 2 : memref<128x128xf32> to memref<256x256xbf16>
// CHECK-NEXT:     tt.copy %T[%by, %bx] to %a multicast = <row, receivers = 1, sender_semaphore = 0, receiver_semaphore = 1> : memref<256x256xbf16> to memref<128x32xbf16>
// CHECK-NEXT:     tt.copy %T[%by, %bx] to %a multicast = <column, receivers = 1, sender_semaphore = 2, receiver_semaphore = 3> mover = <writer> : memref<256x256xbf16> to memref<128x32xbf16>
// CHECK-NEXT:     tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
// CHECK-NEXT:     tt.gemm %a, %bt, %c transpose_b : memref<128x32xbf16>, memref<128x32xbf16>, memref<128x128xf32>
// CHECK-NEXT:     tt.gemm %b, %a, %c transpose_a transpose_b : memref<32x128xbf16>, memref<128x32xbf16>, memref<128x128xf32>
// CHECK-NEXT:     tt.gemm %a, %b, %c schedule = <block = [4, 4], k_block = 1, subblock = [2, 2], accumulate = l1> : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
// CHECK-NEXT:     tt.add %c, %c to %c : memref<128x128xf32>
// CHECK-NEXT:     tt.sub %c, %d to %c : memref<128x128xf32>, memref<128x128xbf16> to memref<128x128xf32>
// CHECK-NEXT:     tt.mul %c, %c to %d : memref<128x128xf32>, memref<128x128xf32> to memref<128x128xbf16>
// CHECK-NEXT:     tt.exp %c to %c : memref<128x128xf32>
// CHECK-NEXT:     tt.log %c to %c : memref<128x128xf32>
// CHECK-NEXT:     tt.sqrt %c to %c : memref<128x128xf32>
// CHECK-NEXT:     tt.rsqrt %c to %c : memref<128x128xf32>
// CHECK-NEXT:     tt.exp2 %c to %c : memref<128x128xf32>
// CHECK-NEXT:     tt.recip %c to %c : memref<128x128xf32>
// CHECK-NEXT:     tt.relu %c to %d : memref<128x128xf32> to memref<128x128xbf16>
// CHECK-NEXT:     tt.gelu %d to %d : memref<128x128xbf16>
// CHECK-NEXT:     tt.sigmoid %h to %h : memref<64x64xf16>
// CHECK-NEXT:     tt.tanh %c to %c : memref<128x128xf32>
// CHECK-NEXT:     tt.add_scalar %c, 1.500000e+00 to %c : memref<128x128xf32>
// CHECK-NEXT:     tt.sub_scalar %c, -2.000000e+00 to %c : memref<128x128xf32>
// CHECK-NEXT:     tt.rsub_scalar %c, 1.000000e+00 to %d : memref<128x128xf32> to memref<128x128xbf16>
// CHECK-NEXT:     tt.mul_scalar %d, 2.500000e-01 to %d : memref<128x128xbf16>
// CHECK-NEXT:     tt.div_scalar %c, 3.000000e+00 to %c : memref<128x128xf32>
// CHECK-NEXT:   }
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// GENERIC:      "tt.launch_grid"() <{grid = array<i64: 4, 2>}> ({
// GENERIC-NEXT: ^bb0(%bx: index, %by: index):
// GENERIC-NEXT:   %a = "tt.alloc_shared"() : () -> memref<128x32xbf16>
// GENERIC-NEXT:   %b = "tt.alloc_shared"() : () -> memref<32x128xbf16>
// GENERIC-NEXT:   %bt = "tt.alloc_shared"() : () -> memref<128x32xbf16>
// GENERIC-NEXT:   %h = "tt.alloc_shared"() : () -> memref<64x64xf16>
// GENERIC-NEXT:   %c = "tt.alloc_fragment"() : () -> memref<128x128xf32>
// GENERIC-NEXT:   %d = "tt.alloc_shared"() : () -> memref<128x128xbf16>
// GENERIC-NEXT:   "tt.clear"(%c) : (memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.fill"(%c) <{value = 1.500000e+00 : f64}> : (memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.copy"(%T, %by, %bx, %a) <{operandSegmentSizes = array<i32: 1, 2, 1, 0>}> : (memref<256x256xbf16>, index, index, memref<128x32xbf16>) -> ()
// GENERIC-NEXT:   "tt.copy"(%U, %by, %bx, %c) <{operandSegmentSizes = array<i32: 1, 2, 1, 0>}> : (memref<256x256xf32>, index, index, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.copy"(%c, %d) <{operandSegmentSizes = array<i32: 1, 0, 1, 0>}> : (memref<128x128xf32>, memref<128x128xbf16>) -> ()
// GENERIC-NEXT:   "tt.copy"(%c, %T, %by, %bx) <{operandSegmentSizes = array<i32: 1, 0, 1, 2>}> : (memref<128x128xf32>, memref<256x256xbf16>, index, index) -> ()
// GENERIC-NEXT:   "tt.copy"(%c, %T, %by, %bx) <{chunk_rows = 2 : i64, operandSegmentSizes = array<i32: 1, 0, 1, 2>}> : (memref<128x128xf32>, memref<256x256xbf16>, index, index) -> ()
// GENERIC-NEXT:   "tt.copy"(%T, %by, %bx, %a) <{multicast = #tt.multicast<row, receivers = 1, sender_semaphore = 0, receiver_semaphore = 1>, operandSegmentSizes = array<i32: 1, 2, 1, 0>}> : (memref<256x256xbf16>, index, index, memref<128x32xbf16>) -> ()
// GENERIC-NEXT:   "tt.copy"(%T, %by, %bx, %a) <{multicast = #tt.multicast<column, receivers = 1, sender_semaphore = 2, receiver_semaphore = 3>, mover = #tt.kernel_role<writer>, operandSegmentSizes = array<i32: 1, 2, 1, 0>}> : (memref<256x256xbf16>, index, index, memref<128x32xbf16>) -> ()
// GENERIC-NEXT:   "tt.gemm"(%a, %b, %c) : (memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.gemm"(%a, %bt, %c) <{transpose_b}> : (memref<128x32xbf16>, memref<128x32xbf16>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.gemm"(%b, %a, %c) <{transpose_a, transpose_b}> : (memref<32x128xbf16>, memref<128x32xbf16>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.gemm"(%a, %b, %c) <{schedule = #tt.gemm_schedule<block = [4, 4], k_block = 1, subblock = [2, 2], accumulate = l1>}> : (memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.add"(%c, %c, %c) : (memref<128x128xf32>, memref<128x128xf32>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.sub"(%c, %d, %c) : (memref<128x128xf32>, memref<128x128xbf16>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.mul"(%c, %c, %d) : (memref<128x128xf32>, memref<128x128xf32>, memref<128x128xbf16>) -> ()
// GENERIC-NEXT:   "tt.exp"(%c, %c) : (memref<128x128xf32>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.log"(%c, %c) : (memref<128x128xf32>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.sqrt"(%c, %c) : (memref<128x128xf32>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.rsqrt"(%c, %c) : (memref<128x128xf32>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.exp2"(%c, %c) : (memref<128x128xf32>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.recip"(%c, %c) : (memref<128x128xf32>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.relu"(%c, %d) : (memref<128x128xf32>, memref<128x128xbf16>) -> ()
// GENERIC-NEXT:   "tt.gelu"(%d, %d) : (memref<128x128xbf16>, memref<128x128xbf16>) -> ()
// GENERIC-NEXT:   "tt.sigmoid"(%h, %h) : (memref<64x64xf16>, memref<64x64xf16>) -> ()
// GENERIC-NEXT:   "tt.tanh"(%c, %c) : (memref<128x128xf32>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.add_scalar"(%c, %c) <{scalar = 1.500000e+00 : f32}> : (memref<128x128xf32>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.sub_scalar"(%c, %c) <{scalar = -2.000000e+00 : f32}> : (memref<128x128xf32>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "tt.rsub_scalar"(%c, %d) <{scalar = 1.000000e+00 : f32}> : (memref<128x128xf32>, memref<128x128xbf16>) -> ()
// GENERIC-NEXT:   "tt.mul_scalar"(%d, %d) <{scalar = 2.500000e-01 : f32}> : (memref<128x128xbf16>, memref<128x128xbf16>) -> ()
// GENERIC-NEXT:   "tt.div_scalar"(%c, %c) <{scalar = 3.000000e+00 : f32}> : (memref<128x128xf32>, memref<128x128xf32>) -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// TileLang's gemm on 256x256 bf16: a 2x2 grid of 128x128 blocks, K in 8
// pipelined steps of 32.

func.func @gemm(%A: memref<256x256xbf16>, %B: memref<256x256xbf16>, %C: memref<256x256xbf16>) {
  tt.launch_grid (%bx, %by) in (2, 2) {
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
      tt.copy %A[%row, %kk] to %a : memref<256x256xbf16> to memref<128x32xbf16>
      tt.copy %B[%kk, %col] to %b : memref<256x256xbf16> to memref<32x128xbf16>
      tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
    } {tt.pipeline = #tt.pipeline<stages = 3>}
    tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<256x256xbf16>
  }
  func.return
}

// CHECK:      func.func @gemm(%A: memref<256x256xbf16>, %B: memref<256x256xbf16>, %C: memref<256x256xbf16>) {
// CHECK-NEXT:   tt.launch_grid (%bx, %by) in (2, 2) {
// CHECK-NEXT:     %c0 = arith.constant 0 : index
// CHECK-NEXT:     %c1 = arith.constant 1 : index
// CHECK-NEXT:     %c8 = arith.constant 8 : index
// CHECK-NEXT:     %c32 = arith.constant 32 : index
// CHECK-NEXT:     %c128 = arith.constant 128 : index
// CHECK-NEXT:     %row = arith.muli %by, %c128 : index
// CHECK-NEXT:     %col = arith.muli %bx, %c128 : index
// CHECK-NEXT:     %a = tt.alloc_shared : memref<128x32xbf16>
// CHECK-NEXT:     %b = tt.alloc_shared : memref<32x128xbf16>
// CHECK-NEXT:     %c = tt.alloc_fragment : memref<128x128xf32>
// CHECK-NEXT:     tt.clear %c : memref<128x128xf32>
// CHECK-NEXT:     scf.for %k = %c0 to %c8 step %c1 {
// CHECK-NEXT:       %kk = arith.muli %k, %c32 : index
// CHECK-NEXT:       tt.copy %A[%row, %kk] to %a : memref<256x256xbf16> to memref<128x32xbf16>
// CHECK-NEXT:       tt.copy %B[%kk, %col] to %b : memref<256x256xbf16> to memref<32x128xbf16>
// CHECK-NEXT:       tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
// CHECK-NEXT:     } {tt.pipeline = #tt.pipeline<stages = 3>}
// CHECK-NEXT:     tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<256x256xbf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// GENERIC:      "tt.launch_grid"() <{grid = array<i64: 2, 2>}> ({
// GENERIC-NEXT: ^bb0(%bx: index, %by: index):
// GENERIC-NEXT:   %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
// GENERIC-NEXT:   %c1 = "arith.constant"() <{value = 1 : index}> : () -> index
// GENERIC-NEXT:   %c8 = "arith.constant"() <{value = 8 : index}> : () -> index
// GENERIC-NEXT:   %c32 = "arith.constant"() <{value = 32 : index}> : () -> index
// GENERIC-NEXT:   %c128 = "arith.constant"() <{value = 128 : index}> : () -> index
// GENERIC-NEXT:   %row = "arith.muli"(%by, %c128) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index
// GENERIC-NEXT:   %col = "arith.muli"(%bx, %c128) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index
// GENERIC-NEXT:   %a = "tt.alloc_shared"() : () -> memref<128x32xbf16>
// GENERIC-NEXT:   %b = "tt.alloc_shared"() : () -> memref<32x128xbf16>
// GENERIC-NEXT:   %c = "tt.alloc_fragment"() : () -> memref<128x128xf32>
// GENERIC-NEXT:   "tt.clear"(%c) : (memref<128x128xf32>) -> ()
// GENERIC-NEXT:   "scf.for"(%c0, %c8, %c1) ({
// GENERIC-NEXT:   ^bb0(%k: index):
// GENERIC-NEXT:     %kk = "arith.muli"(%k, %c32) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index
// GENERIC-NEXT:     "tt.copy"(%A, %row, %kk, %a) <{operandSegmentSizes = array<i32: 1, 2, 1, 0>}> : (memref<256x256xbf16>, index, index, memref<128x32xbf16>) -> ()
// GENERIC-NEXT:     "tt.copy"(%B, %kk, %col, %b) <{operandSegmentSizes = array<i32: 1, 2, 1, 0>}> : (memref<256x256xbf16>, index, index, memref<32x128xbf16>) -> ()
// GENERIC-NEXT:     "tt.gemm"(%a, %b, %c) : (memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>) -> ()
// GENERIC-NEXT:     "scf.yield"() : () -> ()
// GENERIC-NEXT:   }) {tt.pipeline = #tt.pipeline<stages = 3>} : (index, index, index) -> ()
// GENERIC-NEXT:   "tt.copy"(%c, %C, %row, %col) <{operandSegmentSizes = array<i32: 1, 0, 1, 2>}> : (memref<128x128xf32>, memref<256x256xbf16>, index, index) -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// Elementwise: C = exp(A) * B on 512x256 bf16, one 64x128 block per grid point.

func.func @scale(%A: memref<512x256xbf16>, %B: memref<512x256xbf16>, %C: memref<512x256xbf16>) {
  tt.launch_grid (%bx, %by) in (2, 8) {
    %c64 = arith.constant 64 : index
    %c128 = arith.constant 128 : index
    %row = arith.muli %by, %c64 : index
    %col = arith.muli %bx, %c128 : index
    %a = tt.alloc_shared : memref<64x128xbf16>
    %b = tt.alloc_shared : memref<64x128xbf16>
    %t = tt.alloc_fragment : memref<64x128xf32>
    tt.copy %A[%row, %col] to %a : memref<512x256xbf16> to memref<64x128xbf16>
    tt.copy %B[%row, %col] to %b : memref<512x256xbf16> to memref<64x128xbf16>
    tt.exp %a to %t : memref<64x128xbf16> to memref<64x128xf32>
    tt.mul %t, %b to %t : memref<64x128xf32>, memref<64x128xbf16> to memref<64x128xf32>
    tt.copy %t to %C[%row, %col] : memref<64x128xf32> to memref<512x256xbf16>
  }
  func.return
}

// CHECK:      func.func @scale(%A: memref<512x256xbf16>, %B: memref<512x256xbf16>, %C: memref<512x256xbf16>) {
// CHECK-NEXT:   tt.launch_grid (%bx, %by) in (2, 8) {
// CHECK-NEXT:     %c64 = arith.constant 64 : index
// CHECK-NEXT:     %c128 = arith.constant 128 : index
// CHECK-NEXT:     %row = arith.muli %by, %c64 : index
// CHECK-NEXT:     %col = arith.muli %bx, %c128 : index
// CHECK-NEXT:     %a = tt.alloc_shared : memref<64x128xbf16>
// CHECK-NEXT:     %b = tt.alloc_shared : memref<64x128xbf16>
// CHECK-NEXT:     %t = tt.alloc_fragment : memref<64x128xf32>
// CHECK-NEXT:     tt.copy %A[%row, %col] to %a : memref<512x256xbf16> to memref<64x128xbf16>
// CHECK-NEXT:     tt.copy %B[%row, %col] to %b : memref<512x256xbf16> to memref<64x128xbf16>
// CHECK-NEXT:     tt.exp %a to %t : memref<64x128xbf16> to memref<64x128xf32>
// CHECK-NEXT:     tt.mul %t, %b to %t : memref<64x128xf32>, memref<64x128xbf16> to memref<64x128xf32>
// CHECK-NEXT:     tt.copy %t to %C[%row, %col] : memref<64x128xf32> to memref<512x256xbf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// GENERIC:      "tt.launch_grid"() <{grid = array<i64: 2, 8>}> ({
// GENERIC-NEXT: ^bb0(%bx: index, %by: index):
// GENERIC-NEXT:   %c64 = "arith.constant"() <{value = 64 : index}> : () -> index
// GENERIC-NEXT:   %c128 = "arith.constant"() <{value = 128 : index}> : () -> index
// GENERIC-NEXT:   %row = "arith.muli"(%by, %c64) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index
// GENERIC-NEXT:   %col = "arith.muli"(%bx, %c128) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index
// GENERIC-NEXT:   %a = "tt.alloc_shared"() : () -> memref<64x128xbf16>
// GENERIC-NEXT:   %b = "tt.alloc_shared"() : () -> memref<64x128xbf16>
// GENERIC-NEXT:   %t = "tt.alloc_fragment"() : () -> memref<64x128xf32>
// GENERIC-NEXT:   "tt.copy"(%A, %row, %col, %a) <{operandSegmentSizes = array<i32: 1, 2, 1, 0>}> : (memref<512x256xbf16>, index, index, memref<64x128xbf16>) -> ()
// GENERIC-NEXT:   "tt.copy"(%B, %row, %col, %b) <{operandSegmentSizes = array<i32: 1, 2, 1, 0>}> : (memref<512x256xbf16>, index, index, memref<64x128xbf16>) -> ()
// GENERIC-NEXT:   "tt.exp"(%a, %t) : (memref<64x128xbf16>, memref<64x128xf32>) -> ()
// GENERIC-NEXT:   "tt.mul"(%t, %b, %t) : (memref<64x128xf32>, memref<64x128xbf16>, memref<64x128xf32>) -> ()
// GENERIC-NEXT:   "tt.copy"(%t, %C, %row, %col) <{operandSegmentSizes = array<i32: 1, 0, 1, 2>}> : (memref<64x128xf32>, memref<512x256xbf16>, index, index) -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// A 3-D launch grid (TileLang's T.Kernel(gx, gy, gz) as (bx, by, bz)) and 2-D blocks
// of rank-4 tensors, their leading indices scalars.
func.func @batched(%Q: memref<2x3x256x64xbf16>, %O: memref<2x3x256x64xf32>) {
  tt.launch_grid (%bx, %by, %bz) in (4, 3, 2) {
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %row = arith.muli %bx, %c64 : index
    %q = tt.alloc_shared : memref<64x64xbf16>
    %o = tt.alloc_fragment : memref<64x64xf32>
    tt.copy %Q[%bz, %by, %row, %c0] to %q : memref<2x3x256x64xbf16> to memref<64x64xbf16>
    tt.copy %q to %o : memref<64x64xbf16> to memref<64x64xf32>
    tt.copy %o to %O[%bz, %by, %row, %c0] : memref<64x64xf32> to memref<2x3x256x64xf32>
  }
  func.return
}
// CHECK-LABEL: func.func @batched(
// CHECK:         tt.launch_grid (%bx, %by, %bz) in (4, 3, 2) {
// CHECK:           tt.copy %Q[%bz, %by, %row, %c0] to %q : memref<2x3x256x64xbf16> to memref<64x64xbf16>
// CHECK:           tt.copy %o to %O[%bz, %by, %row, %c0] : memref<64x64xf32> to memref<2x3x256x64xf32>
// GENERIC:       "tt.launch_grid"() <{grid = array<i64: 4, 3, 2>}> ({
// GENERIC-NEXT:  ^bb0(%bx: index, %by: index, %bz: index):
// GENERIC:         "tt.copy"(%Q, %bz, %by, %row, %c0, %q) <{operandSegmentSizes = array<i32: 1, 4, 1, 0>}> : (memref<2x3x256x64xbf16>, index, index, index, index, memref<64x64xbf16>) -> ()
