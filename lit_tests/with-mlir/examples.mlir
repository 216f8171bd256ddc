// The examples survive real MLIR: generic form through iree-opt and back into tt-opt,
// then once more around the loop must give the same text.

// RUN: tt-opt %S/../../examples/gemm/gemm.mlir --print-op-generic | IREE_OPT --allow-unregistered-dialect --mlir-print-op-generic | tt-opt --print-op-generic > %t.gemm.mlir
// RUN: IREE_OPT --allow-unregistered-dialect --mlir-print-op-generic %t.gemm.mlir | tt-opt --print-op-generic | diff -u %t.gemm.mlir -
// RUN: tt-opt %S/../../examples/elementwise/add.mlir --print-op-generic | IREE_OPT --allow-unregistered-dialect --mlir-print-op-generic | tt-opt --print-op-generic > %t.add.mlir
// RUN: IREE_OPT --allow-unregistered-dialect --mlir-print-op-generic %t.add.mlir | tt-opt --print-op-generic | diff -u %t.add.mlir -
// RUN: tt-opt %S/../../examples/gemm/gemm.mlir --print-op-generic | IREE_OPT --allow-unregistered-dialect --mlir-print-op-generic | tt-opt | filecheck %s

// CHECK: tt.launch_grid (%{{.*}}, %{{.*}}) in (8, 8) {
// CHECK: tt.alloc_shared : memref<128x32xbf16>
// CHECK: tt.alloc_fragment : memref<128x128xf32>
// CHECK: tt.gemm
// CHECK: tt.pipeline = #tt.pipeline<stages = 2>
