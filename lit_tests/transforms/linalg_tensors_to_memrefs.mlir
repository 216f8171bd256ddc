// RUN: tt-opt %s -p linalg-tensors-to-memrefs --split-input-file --verify-diagnostics --print-op-generic | filecheck %s --check-prefix=GENERIC
// RUN: tt-opt %s -p linalg-tensors-to-memrefs --split-input-file --verify-diagnostics | filecheck %s

// A matmul on tensors in destination-passing style: the result becomes an output
// argument after the inputs, marked with the result it was; the tensor.empty its
// buffer. (Generic output: xDSL's custom printer of linalg.matmul drops indexing maps.)
func.func @matmul(%A: tensor<64x96xbf16>, %B: tensor<96x64xbf16>) -> tensor<64x64xbf16> {
  %zero = arith.constant 0.000000e+00 : bf16
  %empty = tensor.empty() : tensor<64x64xbf16>
  %filled = linalg.fill ins(%zero : bf16) outs(%empty : tensor<64x64xbf16>) -> tensor<64x64xbf16>
  %C = linalg.matmul ins(%A, %B : tensor<64x96xbf16>, tensor<96x64xbf16>) outs(%filled : tensor<64x64xbf16>) -> tensor<64x64xbf16>
  func.return %C : tensor<64x64xbf16>
}
// CHECK:      func.func @matmul(%A: memref<64x96xbf16>, %B: memref<96x64xbf16>, %empty: memref<64x64xbf16> {tt.result = 0 : i64}) {
// CHECK-NEXT:   %zero = arith.constant 0.000000e+00 : bf16
// CHECK-NEXT:   linalg.fill ins(%zero : bf16) outs(%empty : memref<64x64xbf16>)
// CHECK-NEXT:   linalg.matmul ins(%A, %B : memref<64x96xbf16>, memref<96x64xbf16>) outs(%empty : memref<64x64xbf16>)
// CHECK-NEXT:   func.return
// CHECK-NEXT: }
// GENERIC:    "func.func"() <{sym_name = "matmul", function_type = (memref<64x96xbf16>, memref<96x64xbf16>, memref<64x64xbf16>) -> (), arg_attrs = [{}, {}, {tt.result = 0 : i64}]}>

// -----

// relu into a second tensor.empty after the matmul: the elementwise op is the last
// reader of the matmul's fresh buffer, so it writes in place there (the epilogue
// form convert-linalg-to-tt fuses).
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @matmul_relu(%A: tensor<64x96xbf16>, %B: tensor<96x64xbf16>) -> tensor<64x64xbf16> {
  %zero = arith.constant 0.000000e+00 : bf16
  %empty = tensor.empty() : tensor<64x64xbf16>
  %filled = linalg.fill ins(%zero : bf16) outs(%empty : tensor<64x64xbf16>) -> tensor<64x64xbf16>
  %C = linalg.matmul ins(%A, %B : tensor<64x96xbf16>, tensor<96x64xbf16>) outs(%filled : tensor<64x64xbf16>) -> tensor<64x64xbf16>
  %out = tensor.empty() : tensor<64x64xbf16>
  %R = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%C : tensor<64x64xbf16>) outs(%out : tensor<64x64xbf16>) {
  ^bb0(%c: bf16, %o: bf16):
    %r = arith.maximumf %c, %zero : bf16
    linalg.yield %r : bf16
  } -> tensor<64x64xbf16>
  func.return %R : tensor<64x64xbf16>
}
// CHECK-LABEL: func.func @matmul_relu(%A: memref<64x96xbf16>, %B: memref<96x64xbf16>, %empty: memref<64x64xbf16> {tt.result = 0 : i64}) {
// CHECK:         linalg.matmul ins(%A, %B : memref<64x96xbf16>, memref<96x64xbf16>) outs(%empty : memref<64x64xbf16>)
// CHECK-NEXT:    linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%empty : memref<64x64xbf16>) outs(%empty : memref<64x64xbf16>) {

// -----

// What upstream one-shot bufferization makes of it (bufferize-function-boundaries):
// dynamic argument layouts, a returned memref.alloc, a dead memref.cast, a dealloc.
func.func @bufferized(%A: memref<64x64xf32, strided<[?, ?], offset: ?>>, %B: memref<64x64xf32, strided<[?, ?], offset: ?>>) -> (memref<64x64xf32>, memref<64x64xf32>) {
  %sum = memref.alloc() {alignment = 64 : i64} : memref<64x64xf32>
  linalg.add ins(%A, %B : memref<64x64xf32, strided<[?, ?], offset: ?>>, memref<64x64xf32, strided<[?, ?], offset: ?>>) outs(%sum : memref<64x64xf32>)
  %exp = memref.alloc() {alignment = 64 : i64} : memref<64x64xf32>
  linalg.exp ins(%A : memref<64x64xf32, strided<[?, ?], offset: ?>>) outs(%exp : memref<64x64xf32>)
  %cast = "memref.cast"(%sum) : (memref<64x64xf32>) -> memref<64x64xf32, strided<[?, ?], offset: ?>>
  func.return %exp, %sum : memref<64x64xf32>, memref<64x64xf32>
}
// CHECK-LABEL: func.func @bufferized(%A: memref<64x64xf32>, %B: memref<64x64xf32>, %exp: memref<64x64xf32> {tt.result = 0 : i64}, %sum: memref<64x64xf32> {tt.result = 1 : i64}) {
// CHECK-NEXT:    linalg.add ins(%A, %B : memref<64x64xf32>, memref<64x64xf32>) outs(%sum : memref<64x64xf32>)
// CHECK-NEXT:    linalg.exp ins(%A : memref<64x64xf32>) outs(%exp : memref<64x64xf32>)
// CHECK-NEXT:    func.return

// -----

// A memref.copy into an allocation a fill then overwrites whole is dead.
func.func @dead_copy(%A: memref<64x64xbf16>, %B: memref<64x64xbf16>, %init: memref<64x64xbf16>) -> memref<64x64xbf16> {
  %zero = arith.constant 0.000000e+00 : bf16
  %C = memref.alloc() : memref<64x64xbf16>
  "memref.copy"(%init, %C) : (memref<64x64xbf16>, memref<64x64xbf16>) -> ()
  linalg.fill ins(%zero : bf16) outs(%C : memref<64x64xbf16>)
  linalg.matmul ins(%A, %B : memref<64x64xbf16>, memref<64x64xbf16>) outs(%C : memref<64x64xbf16>)
  memref.dealloc %init : memref<64x64xbf16>
  func.return %C : memref<64x64xbf16>
}
// CHECK-LABEL: func.func @dead_copy(%A: memref<64x64xbf16>, %B: memref<64x64xbf16>, %init: memref<64x64xbf16>, %C: memref<64x64xbf16> {tt.result = 0 : i64}) {
// CHECK-NEXT:    %zero = arith.constant 0.000000e+00 : bf16
// CHECK-NEXT:    linalg.fill ins(%zero : bf16) outs(%C : memref<64x64xbf16>)
// CHECK-NEXT:    linalg.matmul

// -----

// Already in destination form: unchanged.
func.func @destination(%X: memref<64x64xf32>, %Z: memref<64x64xf32>) {
  linalg.exp ins(%X : memref<64x64xf32>) outs(%Z : memref<64x64xf32>)
  func.return
}
// CHECK-LABEL: func.func @destination(%X: memref<64x64xf32>, %Z: memref<64x64xf32>) {
// CHECK-NEXT:    linalg.exp ins(%X : memref<64x64xf32>) outs(%Z : memref<64x64xf32>)

// -----

func.func @into_argument(%X: tensor<64x64xf32>, %Y: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %r = linalg.exp ins(%X : tensor<64x64xf32>) outs(%Y : tensor<64x64xf32>) -> tensor<64x64xf32>
  func.return %r : tensor<64x64xf32>
}
// CHECK: linalg_tensors_to_memrefs.mlir:[[# @LINE - 3]]:3: error: 'linalg.exp' op writes into function argument #1: a tensor is a value, so the result would need a copy of it; write into a tensor.empty

// -----

func.func @returns_argument(%X: tensor<64x64xf32>) -> (tensor<64x64xf32>, tensor<64x64xf32>) {
  %e = tensor.empty() : tensor<64x64xf32>
  %r = linalg.exp ins(%X : tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  func.return %r, %X : tensor<64x64xf32>, tensor<64x64xf32>
}
// CHECK: linalg_tensors_to_memrefs.mlir:[[# @LINE - 2]]:3: error: 'func.return' op returns function argument #0 as result #1; supported: results computed by linalg ops into a tensor.empty or a memref.alloc

// -----

func.func @intermediate(%X: tensor<64x64xf32>, %Y: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %e = tensor.empty() : tensor<64x64xf32>
  %t = linalg.exp ins(%X : tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %r = linalg.add ins(%X, %Y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  func.return %r : tensor<64x64xf32>
}
// CHECK: linalg_tensors_to_memrefs.mlir:[[# @LINE - 5]]:3: error: 'tensor.empty' op is an intermediate buffer that is not returned; a function converted to a tile program computes its results straight from its arguments (one linalg op, or a zero fill, a matmul and an elementwise epilogue, which is written in place)

// -----

func.func @read_empty(%X: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %e = tensor.empty() : tensor<64x64xf32>
  %r = linalg.add ins(%X, %e : tensor<64x64xf32>, tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  func.return %r : tensor<64x64xf32>
}
// CHECK: linalg_tensors_to_memrefs.mlir:[[# @LINE - 3]]:3: error: 'linalg.add' op reads a tensor.empty (operand #1), whose contents are undefined; a tensor.empty is only the destination (outs) of a linalg op

// -----

func.func @live_copy(%A: memref<64x64xf32>, %init: memref<64x64xf32>) -> memref<64x64xf32> {
  %C = memref.alloc() : memref<64x64xf32>
  "memref.copy"(%init, %C) : (memref<64x64xf32>, memref<64x64xf32>) -> ()
  linalg.add ins(%A, %C : memref<64x64xf32>, memref<64x64xf32>) outs(%C : memref<64x64xf32>)
  func.return %C : memref<64x64xf32>
}
// CHECK: linalg_tensors_to_memrefs.mlir:[[# @LINE - 4]]:3: error: 'memref.copy' op initializes a buffer that 'linalg.add' then reads; a memref.copy is supported only into a buffer a linalg op then overwrites whole

// -----

func.func @strided(%A: memref<64x64xf32, strided<[1, 64]>>) -> memref<64x64xf32> {
  %C = memref.alloc() : memref<64x64xf32>
  linalg.exp ins(%A : memref<64x64xf32, strided<[1, 64]>>) outs(%C : memref<64x64xf32>)
  func.return %C : memref<64x64xf32>
}
// CHECK: linalg_tensors_to_memrefs.mlir:[[# @LINE - 5]]:1: error: 'func.func' op argument #0 (memref<64x64xf32, strided<[1, 64]>>) has a layout that is not row-major and contiguous; supported: the identity layout or the fully dynamic strided<[?, ...], offset: ?> of bufferize-function-boundaries (the host hands each tensor over row-major)

// -----

func.func @other_op(%X: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %e = tensor.empty() : tensor<64x64xf32>
  %r = linalg.exp ins(%X : tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %s = tensor.extract_slice %r[0, 0] [64, 64] [1, 1] : tensor<64x64xf32> to tensor<64x64xf32>
  func.return %s : tensor<64x64xf32>
}
// CHECK: linalg_tensors_to_memrefs.mlir:[[# @LINE - 3]]:3: error: 'tensor.extract_slice' op is not supported by linalg-tensors-to-memrefs; supported: linalg ops, tensor.empty, bufferization.to_tensor/to_buffer, memref.alloc/cast/copy/dealloc, ops on scalars (arith.constant) and func.return
