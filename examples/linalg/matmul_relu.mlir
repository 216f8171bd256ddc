// relu(A @ B) as MLIR flows hand it over after bufferization: a func.func on
// memrefs, the output zero-filled, a linalg.matmul accumulating into it, and an
// elementwise linalg.generic applying relu in place (arith.maximumf with 0).
//
//   tt-opt examples/linalg/matmul_relu.mlir -p 'convert-linalg-to-tt,tt-pipeline' \
//       -t 'tt-cpp{output-dir="out"}'
//
// convert-linalg-to-tt makes it the gemm tile program of examples/gemm/gemm.mlir
// (128x128 output blocks, K in steps of 32, an f32 fragment cleared instead of
// the fill) with the relu fused into the epilogue: tt.relu on the fragment.

#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @matmul_relu(%A: memref<256x128xbf16>, %B: memref<128x256xbf16>, %C: memref<256x256xbf16>) {
  %zero = arith.constant 0.000000e+00 : bf16
  linalg.fill ins(%zero : bf16) outs(%C : memref<256x256xbf16>)
  linalg.matmul ins(%A, %B : memref<256x128xbf16>, memref<128x256xbf16>) outs(%C : memref<256x256xbf16>)
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%C : memref<256x256xbf16>) outs(%C : memref<256x256xbf16>) {
  ^bb0(%in: bf16, %out: bf16):
    %cst = arith.constant 0.000000e+00 : bf16
    %relu = arith.maximumf %in, %cst : bf16
    linalg.yield %relu : bf16
  }
  func.return
}
