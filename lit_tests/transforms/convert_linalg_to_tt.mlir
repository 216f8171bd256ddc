// RUN: tt-opt %s -p convert-linalg-to-tt --split-input-file --verify-diagnostics | filecheck %s

// A zero fill and a matmul become the gemm tile program; the default blocks
// (128x128, K step 32) are clipped to the 64x64 output.
func.func @matmul(%A: memref<64x96xbf16>, %B: memref<96x64xbf16>, %C: memref<64x64xbf16>) {
  %zero = arith.constant 0.000000e+00 : bf16
  linalg.fill ins(%zero : bf16) outs(%C : memref<64x64xbf16>)
  linalg.matmul ins(%A, %B : memref<64x96xbf16>, memref<96x64xbf16>) outs(%C : memref<64x64xbf16>)
  func.return
}
// CHECK:      func.func @matmul(%A: memref<64x96xbf16>, %B: memref<96x64xbf16>, %C: memref<64x64xbf16>) {
// CHECK-NEXT:   tt.launch_grid (%bx, %by) in (1, 1) {
// CHECK-NEXT:     %c0 = arith.constant 0 : index
// CHECK-NEXT:     %c1 = arith.constant 1 : index
// CHECK-NEXT:     %steps = arith.constant 3 : index
// CHECK-NEXT:     %cbk = arith.constant 32 : index
// CHECK-NEXT:     %cbm = arith.constant 64 : index
// CHECK-NEXT:     %cbn = arith.constant 64 : index
// CHECK-NEXT:     %row = arith.muli %by, %cbm : index
// CHECK-NEXT:     %col = arith.muli %bx, %cbn : index
// CHECK-NEXT:     %a = tt.alloc_shared : memref<64x32xbf16>
// CHECK-NEXT:     %b = tt.alloc_shared : memref<32x64xbf16>
// CHECK-NEXT:     %c = tt.alloc_fragment : memref<64x64xf32>
// CHECK-NEXT:     tt.clear %c : memref<64x64xf32>
// CHECK-NEXT:     scf.for %k = %c0 to %steps step %c1 {
// CHECK-NEXT:       %kk = arith.muli %k, %cbk : index
// CHECK-NEXT:       tt.copy %A[%row, %kk] to %a : memref<64x96xbf16> to memref<64x32xbf16>
// CHECK-NEXT:       tt.copy %B[%kk, %col] to %b : memref<96x64xbf16> to memref<32x64xbf16>
// CHECK-NEXT:       tt.gemm %a, %b, %c : memref<64x32xbf16>, memref<32x64xbf16>, memref<64x64xf32>
// CHECK-NEXT:     } {tt.pipeline = #tt.pipeline<stages = 2>}
// CHECK-NEXT:     tt.copy %c to %C[%row, %col] : memref<64x64xf32> to memref<64x64xbf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

// An elementwise epilogue on the matmul's output, in place, is fused: the
// unary op runs on the f32 fragment before the store. Blocks from the options.
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @matmul_exp(%A: memref<128x64xf32>, %B: memref<64x256xf32>, %C: memref<128x256xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%C : memref<128x256xf32>)
  linalg.matmul ins(%A, %B : memref<128x64xf32>, memref<64x256xf32>) outs(%C : memref<128x256xf32>)
  linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]} outs(%C : memref<128x256xf32>) {
  ^bb0(%out: f32):
    %e = math.exp %out : f32
    linalg.yield %e : f32
  }
  func.return
}
// CHECK:      func.func @matmul_exp(
// CHECK-NEXT:   tt.launch_grid (%bx, %by) in (2, 1) {
// CHECK:          %a = tt.alloc_shared : memref<128x32xf32>
// CHECK-NEXT:     %b = tt.alloc_shared : memref<32x128xf32>
// CHECK-NEXT:     %c = tt.alloc_fragment : memref<128x128xf32>
// CHECK:          } {tt.pipeline = #tt.pipeline<stages = 2>}
// CHECK-NEXT:     tt.exp %c to %c : memref<128x128xf32>
// CHECK-NEXT:     tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<128x256xf32>
// CHECK-NEXT:   }

// -----

// Named elementwise ops: one 128x128 block of every operand per grid point.
func.func @add(%X: memref<256x128xbf16>, %Y: memref<256x128xbf16>, %Z: memref<256x128xbf16>) {
  linalg.add ins(%X, %Y : memref<256x128xbf16>, memref<256x128xbf16>) outs(%Z : memref<256x128xbf16>)
  func.return
}
// CHECK:      func.func @add(%X: memref<256x128xbf16>, %Y: memref<256x128xbf16>, %Z: memref<256x128xbf16>) {
// CHECK-NEXT:   tt.launch_grid (%bx, %by) in (1, 2) {
// CHECK-NEXT:     %cbm = arith.constant 128 : index
// CHECK-NEXT:     %cbn = arith.constant 128 : index
// CHECK-NEXT:     %row = arith.muli %by, %cbm : index
// CHECK-NEXT:     %col = arith.muli %bx, %cbn : index
// CHECK-NEXT:     %z = tt.alloc_shared : memref<128x128xbf16>
// CHECK-NEXT:     %x = tt.alloc_shared : memref<128x128xbf16>
// CHECK-NEXT:     %y = tt.alloc_shared : memref<128x128xbf16>
// CHECK-NEXT:     tt.copy %X[%row, %col] to %x : memref<256x128xbf16> to memref<128x128xbf16>
// CHECK-NEXT:     tt.copy %Y[%row, %col] to %y : memref<256x128xbf16> to memref<128x128xbf16>
// CHECK-NEXT:     tt.add %x, %y to %z : memref<128x128xbf16>
// CHECK-NEXT:     tt.copy %z to %Z[%row, %col] : memref<128x128xbf16> to memref<256x128xbf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

// A generic subtraction keeps its operand order, whatever the ins order.
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @rsub(%X: memref<64x64xf32>, %Y: memref<64x64xf32>, %Z: memref<64x64xf32>) {
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X, %Y : memref<64x64xf32>, memref<64x64xf32>) outs(%Z : memref<64x64xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %d = arith.subf %y, %x : f32
    linalg.yield %d : f32
  }
  func.return
}
// CHECK:      func.func @rsub(
// CHECK-NEXT:   tt.launch_grid (%bx, %by) in (1, 1) {
// CHECK:          tt.copy %Y[%row, %col] to %x : memref<64x64xf32> to memref<64x64xf32>
// CHECK-NEXT:     tt.copy %X[%row, %col] to %y : memref<64x64xf32> to memref<64x64xf32>
// CHECK-NEXT:     tt.sub %x, %y to %z : memref<64x64xf32>

// -----

// Generic mul, and named linalg.sub / linalg.mul / linalg.exp.
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @mul(%X: memref<32x32xbf16>, %Y: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X, %Y : memref<32x32xbf16>, memref<32x32xbf16>) outs(%Z : memref<32x32xbf16>) {
  ^bb0(%x: bf16, %y: bf16, %z: bf16):
    %p = arith.mulf %x, %y : bf16
    linalg.yield %p : bf16
  }
  func.return
}
func.func @sub(%X: memref<32x32xbf16>, %Y: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  linalg.sub ins(%X, %Y : memref<32x32xbf16>, memref<32x32xbf16>) outs(%Z : memref<32x32xbf16>)
  func.return
}
func.func @named_mul(%X: memref<32x32xbf16>, %Y: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  linalg.mul ins(%X, %Y : memref<32x32xbf16>, memref<32x32xbf16>) outs(%Z : memref<32x32xbf16>)
  func.return
}
func.func @named_exp(%X: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  linalg.exp ins(%X : memref<32x32xbf16>) outs(%Z : memref<32x32xbf16>)
  func.return
}
// CHECK-LABEL: func.func @mul(
// CHECK:         tt.mul %x, %y to %z : memref<32x32xbf16>
// CHECK-LABEL: func.func @sub(
// CHECK:         tt.sub %x, %y to %z : memref<32x32xbf16>
// CHECK-LABEL: func.func @named_mul(
// CHECK:         tt.mul %x, %y to %z : memref<32x32xbf16>
// CHECK-LABEL: func.func @named_exp(
// CHECK:         tt.exp %x to %z : memref<32x32xbf16>

// -----

// Unary generics: math.exp of the input is tt.exp (math.rsqrt and math.exp2, tt.rsqrt and
// tt.exp2: @rsqrt and @exp2 below).
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @exp(%X: memref<64x256xbf16>, %Z: memref<64x256xbf16>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : memref<64x256xbf16>) outs(%Z : memref<64x256xbf16>) {
  ^bb0(%x: bf16, %z: bf16):
    %e = math.exp %x : bf16
    linalg.yield %e : bf16
  }
  func.return
}
// CHECK:      func.func @exp(%X: memref<64x256xbf16>, %Z: memref<64x256xbf16>) {
// CHECK-NEXT:   tt.launch_grid (%bx, %by) in (2, 1) {
// CHECK-NEXT:     %cbm = arith.constant 64 : index
// CHECK-NEXT:     %cbn = arith.constant 128 : index
// CHECK-NEXT:     %row = arith.muli %by, %cbm : index
// CHECK-NEXT:     %col = arith.muli %bx, %cbn : index
// CHECK-NEXT:     %z = tt.alloc_shared : memref<64x128xbf16>
// CHECK-NEXT:     %x = tt.alloc_shared : memref<64x128xbf16>
// CHECK-NEXT:     tt.copy %X[%row, %col] to %x : memref<64x256xbf16> to memref<64x128xbf16>
// CHECK-NEXT:     tt.exp %x to %z : memref<64x128xbf16>
// CHECK-NEXT:     tt.copy %z to %Z[%row, %col] : memref<64x128xbf16> to memref<64x256xbf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @rsqrt(%X: memref<64x64xf32>, %R: memref<64x64xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : memref<64x64xf32>) outs(%R : memref<64x64xf32>) {
  ^bb0(%x: f32, %r: f32):
    %y = math.rsqrt %x : f32
    linalg.yield %y : f32
  }
  func.return
}
func.func @exp2(%X: memref<64x64xf32>, %E: memref<64x64xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : memref<64x64xf32>) outs(%E : memref<64x64xf32>) {
  ^bb0(%x: f32, %e: f32):
    %y = math.exp2 %x : f32
    linalg.yield %y : f32
  }
  func.return
}
// CHECK:      func.func @rsqrt(
// CHECK:          tt.rsqrt %x to %z : memref<64x64xf32>
// CHECK:      func.func @exp2(
// CHECK:          tt.exp2 %x to %z : memref<64x64xf32>

// -----

// arith.maximumf with 0.0 (either operand order; the zero may come from
// outside the body) is tt.relu.
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @relu(%X: memref<32x64xf32>, %Z: memref<32x64xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : memref<32x64xf32>) outs(%Z : memref<32x64xf32>) {
  ^bb0(%x: f32, %z: f32):
    %r = arith.maximumf %zero, %x : f32
    linalg.yield %r : f32
  }
  func.return
}
// CHECK:      func.func @relu(%X: memref<32x64xf32>, %Z: memref<32x64xf32>) {
// CHECK-NEXT:   tt.launch_grid (%bx, %by) in (1, 1) {
// CHECK-NEXT:     %cbm = arith.constant 32 : index
// CHECK-NEXT:     %cbn = arith.constant 64 : index
// CHECK-NEXT:     %row = arith.muli %by, %cbm : index
// CHECK-NEXT:     %col = arith.muli %bx, %cbn : index
// CHECK-NEXT:     %z = tt.alloc_shared : memref<32x64xf32>
// CHECK-NEXT:     %x = tt.alloc_shared : memref<32x64xf32>
// CHECK-NEXT:     tt.copy %X[%row, %col] to %x : memref<32x64xf32> to memref<32x64xf32>
// CHECK-NEXT:     tt.relu %x to %z : memref<32x64xf32>
// CHECK-NEXT:     tt.copy %z to %Z[%row, %col] : memref<32x64xf32> to memref<32x64xf32>
// CHECK-NEXT:   }
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

// An op of the input and an arith.constant is a tt op with a scalar: 0.5 - x
// (the constant first) is tt.rsub_scalar. linalg.sqrt is tt.sqrt.
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @scalar(%X: memref<32x32xf32>, %Z: memref<32x32xf32>) {
  %half = arith.constant 5.000000e-01 : f32
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : memref<32x32xf32>) outs(%Z : memref<32x32xf32>) {
  ^bb0(%x: f32, %z: f32):
    %d = arith.subf %half, %x : f32
    linalg.yield %d : f32
  }
  func.return
}
func.func @named_sqrt(%X: memref<32x32xf32>, %Z: memref<32x32xf32>) {
  linalg.sqrt ins(%X : memref<32x32xf32>) outs(%Z : memref<32x32xf32>)
  func.return
}
// CHECK:      func.func @scalar(%X: memref<32x32xf32>, %Z: memref<32x32xf32>) {
// CHECK:          tt.rsub_scalar %x, 5.000000e-01 to %z : memref<32x32xf32>
// CHECK:      func.func @named_sqrt(%X: memref<32x32xf32>, %Z: memref<32x32xf32>) {
// CHECK:          tt.sqrt %x to %z : memref<32x32xf32>

// -----

// A matmul scaled in place by a constant (C = alpha * A * B) fuses the scaling
// into the gemm epilogue, on the f32 fragment.
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @alpha(%A: memref<32x32xbf16>, %B: memref<32x32xbf16>, %C: memref<32x32xbf16>) {
  %zero = arith.constant 0.000000e+00 : bf16
  %alpha = arith.constant 2.500000e-01 : bf16
  linalg.fill ins(%zero : bf16) outs(%C : memref<32x32xbf16>)
  linalg.matmul ins(%A, %B : memref<32x32xbf16>, memref<32x32xbf16>) outs(%C : memref<32x32xbf16>)
  linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]}
      outs(%C : memref<32x32xbf16>) {
  ^bb0(%c: bf16):
    %s = arith.mulf %alpha, %c : bf16
    linalg.yield %s : bf16
  }
  func.return
}
// CHECK:      func.func @alpha(
// CHECK:          tt.gemm %a, %b, %c : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
// CHECK-NEXT:   } {tt.pipeline = #tt.pipeline<stages = 2>}
// CHECK-NEXT:   tt.mul_scalar %c, 2.500000e-01 to %c : memref<32x32xf32>
// CHECK-NEXT:   tt.copy %c to %C[%row, %col] : memref<32x32xf32> to memref<32x32xbf16>

// -----

// Functions without linalg are left alone.
func.func @untouched(%X: memref<32x32xf32>) {
  func.return
}
// CHECK:      func.func @untouched(%X: memref<32x32xf32>) {
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

func.func @no_fill(%A: memref<32x32xbf16>, %B: memref<32x32xbf16>, %C: memref<32x32xbf16>) {
  linalg.matmul ins(%A, %B : memref<32x32xbf16>, memref<32x32xbf16>) outs(%C : memref<32x32xbf16>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.matmul' op accumulates into its output (C += A * B); the tile program computes C = A * B, so C must be zero-filled by a linalg.fill of 0.0 right before the matmul

// -----

func.func @fill_one(%A: memref<32x32xbf16>, %B: memref<32x32xbf16>, %C: memref<32x32xbf16>) {
  %one = arith.constant 1.000000e+00 : bf16
  linalg.fill ins(%one : bf16) outs(%C : memref<32x32xbf16>)
  linalg.matmul ins(%A, %B : memref<32x32xbf16>, memref<32x32xbf16>) outs(%C : memref<32x32xbf16>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 4]]:3: error: 'linalg.fill' op must fill the matmul's output with 0.0 (an arith.constant): the tile program computes C = A * B

// -----

func.func @fill_alone(%C: memref<32x32xbf16>) {
  %zero = arith.constant 0.000000e+00 : bf16
  linalg.fill ins(%zero : bf16) outs(%C : memref<32x32xbf16>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.fill' op is supported only as the zero fill of a linalg.matmul's or linalg.batch_matmul's output, right before it

// -----

func.func @not_tile(%A: memref<100x64xbf16>, %B: memref<64x64xbf16>, %C: memref<100x64xbf16>) {
  %zero = arith.constant 0.000000e+00 : bf16
  linalg.fill ins(%zero : bf16) outs(%C : memref<100x64xbf16>)
  linalg.matmul ins(%A, %B : memref<100x64xbf16>, memref<64x64xbf16>) outs(%C : memref<100x64xbf16>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.matmul' op dimension M = 100 is not a multiple of the 32-element tile

// -----

func.func @not_divisible(%A: memref<192x64xbf16>, %B: memref<64x64xbf16>, %C: memref<192x64xbf16>) {
  %zero = arith.constant 0.000000e+00 : bf16
  linalg.fill ins(%zero : bf16) outs(%C : memref<192x64xbf16>)
  linalg.matmul ins(%A, %B : memref<192x64xbf16>, memref<64x64xbf16>) outs(%C : memref<192x64xbf16>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.matmul' op dimension M = 192 is not divisible by block-m = 128; pass convert-linalg-to-tt{block-m=...} with a multiple of 32 dividing 192

// -----

// (xDSL 0.74 parses a matmul's indexing_maps only in the generic form.)
func.func @transposed(%A: memref<32x32xbf16>, %B: memref<32x32xbf16>, %C: memref<32x32xbf16>) {
  %zero = arith.constant 0.000000e+00 : bf16
  linalg.fill ins(%zero : bf16) outs(%C : memref<32x32xbf16>)
  "linalg.matmul"(%A, %B, %C) <{operandSegmentSizes = array<i32: 2, 1>, indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d0)>, affine_map<(d0, d1, d2) -> (d0, d1)>]}> ({
  ^bb0(%a: bf16, %b: bf16, %c: bf16):
    %p = arith.mulf %a, %b : bf16
    %s = arith.addf %p, %c : bf16
    linalg.yield %s : bf16
  }) : (memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xbf16>) -> ()
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 8]]:3: error: 'linalg.matmul' op has indexing maps other than a plain or B-transposed matmul (broadcast operands); supported: C[m, n] += A[m, k] * B[k, n] and C[m, n] += A[m, k] * B[n, k]

// -----

func.func @aliasing(%A: memref<32x32xbf16>, %B: memref<32x32xbf16>) {
  %zero = arith.constant 0.000000e+00 : bf16
  linalg.fill ins(%zero : bf16) outs(%A : memref<32x32xbf16>)
  linalg.matmul ins(%A, %B : memref<32x32xbf16>, memref<32x32xbf16>) outs(%A : memref<32x32xbf16>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.matmul' op writes one of its inputs; the tile program reads A and B across output blocks, so C must be a different memref

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @epilogue_elsewhere(%A: memref<32x32xbf16>, %B: memref<32x32xbf16>, %C: memref<32x32xbf16>, %D: memref<32x32xbf16>) {
  %zero = arith.constant 0.000000e+00 : bf16
  linalg.fill ins(%zero : bf16) outs(%C : memref<32x32xbf16>)
  linalg.matmul ins(%A, %B : memref<32x32xbf16>, memref<32x32xbf16>) outs(%C : memref<32x32xbf16>)
  linalg.exp ins(%C : memref<32x32xbf16>) outs(%D : memref<32x32xbf16>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.exp' op after a linalg.matmul must be a unary op reading and writing the matmul's output in place (ins(%C) outs(%C)) to fuse into the gemm epilogue

// -----

func.func @binary_epilogue(%A: memref<32x32xbf16>, %B: memref<32x32xbf16>, %C: memref<32x32xbf16>) {
  %zero = arith.constant 0.000000e+00 : bf16
  linalg.fill ins(%zero : bf16) outs(%C : memref<32x32xbf16>)
  linalg.matmul ins(%A, %B : memref<32x32xbf16>, memref<32x32xbf16>) outs(%C : memref<32x32xbf16>)
  linalg.add ins(%C, %A : memref<32x32xbf16>, memref<32x32xbf16>) outs(%C : memref<32x32xbf16>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.add' op after a linalg.matmul is not supported; only a unary epilogue (relu, exp, log, sqrt, tanh, or an op with a constant) on the matmul's output fuses into the gemm

// -----

func.func @two_ops(%X: memref<32x32xbf16>, %Y: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  linalg.add ins(%X, %Y : memref<32x32xbf16>, memref<32x32xbf16>) outs(%Z : memref<32x32xbf16>)
  linalg.mul ins(%Z, %Y : memref<32x32xbf16>, memref<32x32xbf16>) outs(%Z : memref<32x32xbf16>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.mul' op follows another linalg op; convert-linalg-to-tt converts one linalg op per function, or a linalg.fill of 0.0 and a linalg.matmul with an optional unary epilogue on the matmul's output

// -----

func.func @unsupported_op(%X: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  linalg.transpose ins(%X : memref<32x32xbf16>) outs(%Z : memref<32x32xbf16>) permutation = [1, 0]
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.transpose' op is not supported by convert-linalg-to-tt; supported: linalg.matmul (after a linalg.fill of 0.0 on its output), linalg.add/sub/mul/exp/log/sqrt, and linalg.generic with identity indexing maps, parallel iterators and one arith or math op in the body (see the pass documentation)

// -----

func.func @other_op(%X: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  %t = memref.alloc() : memref<32x32xbf16>
  linalg.exp ins(%X : memref<32x32xbf16>) outs(%Z : memref<32x32xbf16>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 4]]:3: error: 'memref.alloc' op is not supported in a function converted by convert-linalg-to-tt: only linalg ops on the function's memref arguments, arith.constant and func.return

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @bad_body(%X: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : memref<32x32xbf16>) outs(%Z : memref<32x32xbf16>) {
  ^bb0(%x: bf16, %z: bf16):
    %l = math.cos %x : bf16
    linalg.yield %l : bf16
  }
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 8]]:3: error: 'linalg.generic' op body (math.cos) is not supported; supported bodies: arith.addf/subf/mulf of the two inputs; arith.addf/subf/mulf/divf of the input and an arith.constant; math.exp/exp2/log/sqrt/rsqrt/tanh of the input; arith.maximumf/maxnumf of the input and 0.0 (relu)

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @max_one(%X: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  %one = arith.constant 1.000000e+00 : bf16
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : memref<32x32xbf16>) outs(%Z : memref<32x32xbf16>) {
  ^bb0(%x: bf16, %z: bf16):
    %r = arith.maximumf %x, %one : bf16
    linalg.yield %r : bf16
  }
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 8]]:3: error: 'linalg.generic' op body (arith.maximumf) is not supported; supported bodies: arith.addf/subf/mulf of the two inputs; arith.addf/subf/mulf/divf of the input and an arith.constant; math.exp/exp2/log/sqrt/rsqrt/tanh of the input; arith.maximumf/maxnumf of the input and 0.0 (relu)

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>
func.func @transposing_generic(%X: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  linalg.generic {indexing_maps = [#tr, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : memref<32x32xbf16>) outs(%Z : memref<32x32xbf16>) {
  ^bb0(%x: bf16, %z: bf16):
    %e = math.exp %x : bf16
    linalg.yield %e : bf16
  }
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 8]]:3: error: 'linalg.generic' op indexing maps must all be the 2-D identity (d0, d1) -> (d0, d1); got (d0, d1) -> (d1, d0), (d0, d1) -> (d0, d1)

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @reduction(%X: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "reduction"]}
      ins(%X : memref<32x32xbf16>) outs(%Z : memref<32x32xbf16>) {
  ^bb0(%x: bf16, %z: bf16):
    %e = math.exp %x : bf16
    linalg.yield %e : bf16
  }
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 8]]:3: error: 'linalg.generic' op iterator types must be [parallel, parallel]; got [parallel, reduction]

// -----

func.func @rank3(%X: memref<2x32x32xbf16>, %Z: memref<2x32x32xbf16>) {
  linalg.exp ins(%X : memref<2x32x32xbf16>) outs(%Z : memref<2x32x32xbf16>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.exp' op operand #0 (memref<2x32x32xbf16>) has rank 3; 'linalg.exp' is supported on 2-D memrefs

// -----

func.func @dynamic(%X: memref<?x32xbf16>, %Z: memref<?x32xbf16>) {
  linalg.exp ins(%X : memref<?x32xbf16>) outs(%Z : memref<?x32xbf16>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.exp' op operand #0 (memref<?x32xbf16>) has a dynamic dimension; shapes must be static

// -----

func.func @f16(%X: memref<32x32xf16>, %Z: memref<32x32xf16>) {
  linalg.exp ins(%X : memref<32x32xf16>) outs(%Z : memref<32x32xf16>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.exp' op operand #0 has element type f16; supported: bf16 and f32

// -----

func.func @tensors(%X: tensor<32x32xf32>, %Z: tensor<32x32xf32>) {
  %r = linalg.exp ins(%X : tensor<32x32xf32>) outs(%Z : tensor<32x32xf32>) -> tensor<32x32xf32>
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.exp' op operand #0 is tensor<32x32xf32>, not a memref; convert-linalg-to-tt needs linalg on memrefs: run linalg-tensors-to-memrefs first

// -----

func.func @strided(%X: memref<32x32xf32, strided<[64, 1]>>, %Z: memref<32x32xf32>) {
  linalg.exp ins(%X : memref<32x32xf32, strided<[64, 1]>>) outs(%Z : memref<32x32xf32>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.exp' op operand #0 (memref<32x32xf32, strided<[64, 1]>>) has a layout or memory space; only plain row-major memrefs are supported

// -----

func.func @returns(%X: memref<32x32xf32>, %Z: memref<32x32xf32>) -> memref<32x32xf32> {
  linalg.exp ins(%X : memref<32x32xf32>) outs(%Z : memref<32x32xf32>)
  func.return %Z : memref<32x32xf32>
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 4]]:1: error: 'func.func' op returns values; run linalg-tensors-to-memrefs first (tt-opt -p 'linalg-tensors-to-memrefs,convert-linalg-to-tt'): it makes the results output arguments, as convert-linalg-to-tt needs

// -----

// B given transposed (N x K) through the matmul's indexing maps: B's blocks are
// loaded N x K and the gemm multiplies them transposed (T.gemm(..., transpose_B=True)).
// xDSL 0.74.0 reads a linalg.matmul with indexing maps in its generic form only.
#mk = affine_map<(d0, d1, d2) -> (d0, d2)>
#nk = affine_map<(d0, d1, d2) -> (d1, d2)>
#mn = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @matmul_trans_b(%A: memref<64x96xbf16>, %B: memref<64x96xbf16>, %C: memref<64x64xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%C : memref<64x64xf32>)
  "linalg.matmul"(%A, %B, %C) <{indexing_maps = [#mk, #nk, #mn], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%a: bf16, %b: bf16, %c: f32):
    %x = arith.extf %a : bf16 to f32
    %y = arith.extf %b : bf16 to f32
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %c, %p : f32
    linalg.yield %s : f32
  }) : (memref<64x96xbf16>, memref<64x96xbf16>, memref<64x64xf32>) -> ()
  func.return
}
// CHECK-LABEL: func.func @matmul_trans_b(
// CHECK:         %b = tt.alloc_shared : memref<64x32xbf16>
// CHECK:         tt.copy %A[%row, %kk] to %a : memref<64x96xbf16> to memref<64x32xbf16>
// CHECK-NEXT:    tt.copy %B[%col, %kk] to %b : memref<64x96xbf16> to memref<64x32xbf16>
// CHECK-NEXT:    tt.gemm %a, %b, %c transpose_b : memref<64x32xbf16>, memref<64x32xbf16>, memref<64x64xf32>

// -----

// A transposed has no Tensix form.
#km = affine_map<(d0, d1, d2) -> (d2, d0)>
#kn = affine_map<(d0, d1, d2) -> (d2, d1)>
#mn = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @matmul_trans_a(%A: memref<96x64xbf16>, %B: memref<96x64xbf16>, %C: memref<64x64xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%C : memref<64x64xf32>)
  "linalg.matmul"(%A, %B, %C) <{indexing_maps = [#km, #kn, #mn], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%a: bf16, %b: bf16, %c: f32):
    %x = arith.extf %a : bf16 to f32
    %y = arith.extf %b : bf16 to f32
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %c, %p : f32
    linalg.yield %s : f32
  }) : (memref<96x64xbf16>, memref<96x64xbf16>, memref<64x64xf32>) -> ()
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 10]]:3: error: 'linalg.matmul' op reads A transposed (A[k, m]), which has no Tensix form (the matrix engine transposes only its second operand); supported: C[m, n] += A[m, k] * B[k, n] and, with B transposed, C[m, n] += A[m, k] * B[n, k]

// -----

// A batched matmul: the batch is folded into the grid's y axis (batch, row block) and
// into the rows of every tensor (4x64x96 becomes 256x96, the same row-major bytes,
// tt.batch_shape keeps the 3-D shape); B's rows of batch by / (M / block-m) start at
// batch * K.
func.func @batch(%A: memref<4x64x96xbf16>, %B: memref<4x96x64xbf16>, %C: memref<4x64x64xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%C : memref<4x64x64xf32>)
  linalg.batch_matmul ins(%A, %B : memref<4x64x96xbf16>, memref<4x96x64xbf16>) outs(%C : memref<4x64x64xf32>)
  func.return
}
// CHECK-LABEL: func.func @batch(%A: memref<256x96xbf16> {tt.batch_shape = array<i64: 4, 64, 96>}, %B: memref<384x64xbf16> {tt.batch_shape = array<i64: 4, 96, 64>}, %C: memref<256x64xf32> {tt.batch_shape = array<i64: 4, 64, 64>}) {
// CHECK-NEXT:    tt.launch_grid (%bx, %by) in (1, 4) {
// CHECK:           %row = arith.muli %by, %cbm : index
// CHECK-NEXT:      %col = arith.muli %bx, %cbn : index
// CHECK-NEXT:      %row_blocks = arith.constant 1 : index
// CHECK-NEXT:      %batch = arith.divui %by, %row_blocks : index
// CHECK-NEXT:      %ck = arith.constant 96 : index
// CHECK-NEXT:      %batch_row = arith.muli %batch, %ck : index
// CHECK:           scf.for %k = %c0 to %steps step %c1 {
// CHECK-NEXT:        %kk = arith.muli %k, %cbk : index
// CHECK-NEXT:        %b_row = arith.addi %batch_row, %kk : index
// CHECK-NEXT:        tt.copy %A[%row, %kk] to %a : memref<256x96xbf16> to memref<64x32xbf16>
// CHECK-NEXT:        tt.copy %B[%b_row, %col] to %b : memref<384x64xbf16> to memref<32x64xbf16>
// CHECK:           tt.copy %c to %C[%row, %col] : memref<64x64xf32> to memref<256x64xf32>

// -----

// upstream's named elementwise op, by its kind (generic form).
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @kind(%X: memref<64x64xbf16>, %Y: memref<64x64xbf16>, %Z: memref<64x64xbf16>) {
  "linalg.elementwise"(%X, %Y, %Z) <{indexing_maps = [#id, #id, #id], kind = #linalg.elementwise_kind<sub>, operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: bf16, %y: bf16, %z: bf16):
    %d = arith.subf %x, %y : bf16
    linalg.yield %d : bf16
  }) : (memref<64x64xbf16>, memref<64x64xbf16>, memref<64x64xbf16>) -> ()
  func.return
}
// CHECK-LABEL: func.func @kind(
// CHECK:         tt.sub %x, %y to %z : memref<64x64xbf16>

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @kind_unsupported(%X: memref<64x64xbf16>, %Z: memref<64x64xbf16>) {
  "linalg.elementwise"(%X, %Z) <{indexing_maps = [#id, #id], kind = #linalg.elementwise_kind<floor>, operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: bf16, %z: bf16):
    %d = math.floor %x : bf16
    linalg.yield %d : bf16
  }) : (memref<64x64xbf16>, memref<64x64xbf16>) -> ()
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 7]]:3: error: 'linalg.elementwise' op of kind floor with 1 inputs is not supported; supported kinds: add, sub, mul (two inputs) and exp, log, sqrt, rsqrt, tanh (one input)

// -----

func.func @batch_shapes(%A: memref<4x64x96xbf16>, %B: memref<2x96x64xbf16>, %C: memref<4x64x64xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  linalg.fill ins(%zero : f32) outs(%C : memref<4x64x64xf32>)
  linalg.batch_matmul ins(%A, %B : memref<4x64x96xbf16>, memref<2x96x64xbf16>) outs(%C : memref<4x64x64xf32>)
  func.return
}
// CHECK: convert_linalg_to_tt.mlir:[[# @LINE - 3]]:3: error: 'linalg.batch_matmul' op inferred input/output operand #1 has shape's dimension #0 to be 4, but found 2
