// linalg on tensors as other MLIR flows produce it, through real MLIR and then
// linalg-tensors-to-memrefs, convert-linalg-to-tt and tt-pipeline: once in the generic
// form of the tensor functions (TENSOR), once after upstream one-shot bufferization
// with bufferize-function-boundaries (BUFFER). The results become the last tensors.

// RUN: IREE_OPT --split-input-file --mlir-print-op-generic %s | tt-opt --split-input-file -p 'linalg-tensors-to-memrefs,convert-linalg-to-tt,tt-pipeline' | filecheck %s --check-prefixes=CHECK,TENSOR
// RUN: IREE_OPT --split-input-file --one-shot-bufferize="bufferize-function-boundaries" --mlir-print-op-generic %s | tt-opt --split-input-file -p 'linalg-tensors-to-memrefs,convert-linalg-to-tt,tt-pipeline' | filecheck %s --check-prefixes=CHECK,BUFFER

// Matmul in destination-passing style: bf16 inputs, an f32 result.
func.func @matmul(%a: tensor<128x64xbf16>, %b: tensor<64x128xbf16>) -> tensor<128x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x128xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<128x128xf32>) -> tensor<128x128xf32>
  %c = linalg.matmul ins(%a, %b : tensor<128x64xbf16>, tensor<64x128xbf16>) outs(%f : tensor<128x128xf32>) -> tensor<128x128xf32>
  return %c : tensor<128x128xf32>
}
// CHECK-LABEL: tt.program @matmul attributes
// CHECK-SAME:    tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 2]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 4]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [4, 4]>>]
// CHECK:         tt.matmul_block_init %cb0, %cb1 ct = 4, rt = 1, kt = 2 : !tt.cb<16, bf16>, !tt.cb<16, bf16>

// -----

// B transposed through the matmul's indexing maps.
#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
func.func @matmul_trans_b(%a: tensor<128x64xbf16>, %b: tensor<128x64xbf16>) -> tensor<128x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x128xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<128x128xf32>) -> tensor<128x128xf32>
  %c = linalg.matmul indexing_maps = [#mk, #nk, #mn] ins(%a, %b : tensor<128x64xbf16>, tensor<128x64xbf16>) outs(%f : tensor<128x128xf32>) -> tensor<128x128xf32>
  return %c : tensor<128x128xf32>
}
// CHECK-LABEL: tt.program @matmul_trans_b attributes
// CHECK-SAME:    tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 2]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 2]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [4, 4]>>]
// CHECK:         tt.matmul_init %cb0, %cb1 transpose : !tt.cb<16, bf16>, !tt.cb<16, bf16>

// -----

func.func @batch_matmul(%a: tensor<2x64x64xbf16>, %b: tensor<2x64x128xbf16>) -> tensor<2x64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x64x128xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x64x128xf32>) -> tensor<2x64x128xf32>
  %c = linalg.batch_matmul ins(%a, %b : tensor<2x64x64xbf16>, tensor<2x64x128xbf16>) outs(%f : tensor<2x64x128xf32>) -> tensor<2x64x128xf32>
  return %c : tensor<2x64x128xf32>
}
// CHECK-LABEL: tt.program @batch_matmul attributes
// CHECK-SAME:    tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 2]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 4]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [4, 4]>>]
// CHECK:         %batch = arith.divui %by, %row_blocks : index
// CHECK:         %b_row = arith.addi %batch_row, %kk : index

// -----

// Upstream's named elementwise op (linalg.add is linalg.elementwise <add> in this MLIR).
func.func @add(%x: tensor<64x128xbf16>, %y: tensor<64x128xbf16>) -> tensor<64x128xbf16> {
  %e = tensor.empty() : tensor<64x128xbf16>
  %z = linalg.elementwise <add> ins(%x, %y : tensor<64x128xbf16>, tensor<64x128xbf16>) outs(%e : tensor<64x128xbf16>) -> tensor<64x128xbf16>
  return %z : tensor<64x128xbf16>
}
// CHECK-LABEL: tt.program @add attributes
// CHECK-SAME:    tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 4]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 4]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 4]>>]
// CHECK:         tt.add_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<16, bf16>, !tt.cb<16, bf16>, index, index

// -----

// An elementwise linalg.generic: 0.5 * x.
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @scale(%x: tensor<64x128xf32>) -> tensor<64x128xf32> {
  %half = arith.constant 0.5 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %z = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<64x128xf32>) outs(%e : tensor<64x128xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.mulf %in, %half : f32
    linalg.yield %s : f32
  } -> tensor<64x128xf32>
  return %z : tensor<64x128xf32>
}
// CHECK-LABEL: tt.program @scale attributes
// CHECK-SAME:    tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 4]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 4]>>]
// CHECK:         tt.mul_unary_tile dst = 0, 5.000000e-01

// -----

// Matmul with relu into a second tensor.empty: written in place, fused as the epilogue.
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @matmul_relu(%a: tensor<128x64xbf16>, %b: tensor<64x128xbf16>) -> tensor<128x128xbf16> {
  %zero = arith.constant 0.0 : bf16
  %e = tensor.empty() : tensor<128x128xbf16>
  %f = linalg.fill ins(%zero : bf16) outs(%e : tensor<128x128xbf16>) -> tensor<128x128xbf16>
  %c = linalg.matmul ins(%a, %b : tensor<128x64xbf16>, tensor<64x128xbf16>) outs(%f : tensor<128x128xbf16>) -> tensor<128x128xbf16>
  %e2 = tensor.empty() : tensor<128x128xbf16>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%c : tensor<128x128xbf16>) outs(%e2 : tensor<128x128xbf16>) {
  ^bb0(%in: bf16, %out: bf16):
    %m = arith.maximumf %in, %zero : bf16
    linalg.yield %m : bf16
  } -> tensor<128x128xbf16>
  return %r : tensor<128x128xbf16>
}
// CHECK-LABEL: tt.program @matmul_relu attributes
// CHECK-SAME:    tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 2]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 4]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 4]>>]
// CHECK:         tt.relu_tile dst = 0
