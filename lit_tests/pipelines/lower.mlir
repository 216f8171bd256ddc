// tt-lower runs stages C-D in order with its options handed down: it equals the
// eight passes by hand.
// RUN: tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-metadata,tt-lower{math-fidelity=hifi2 dst-full-sync=true}' -o %t.pipeline
// RUN: tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-metadata,tt-schedule-compute{math-fidelity=hifi2 dst-full-sync=true},tt-lower-tile-ops,tt-lower-shared-to-cb,tt-insert-cb-protocol,tt-split-kernels,tt-insert-compute-init,tt-insert-dst-management,tt-finalize-runtime-args' -o %t.by-hand
// RUN: diff %t.pipeline %t.by-hand
// RUN: filecheck %s --input-file %t.pipeline

// Full-sync DST with fp32 accumulation holds 8 tiles: the 4x4-tile gemm block
// (partial sums in L1) runs as two 2x4 subblocks instead of four 2x2 ones.
// CHECK: tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (7, 7)]> attributes {{{.*}}compute_config = #tt.compute_config<hifi2, fp32_dest_acc = true, dst_full_sync = true>}
// CHECK: tt.matmul_block_init %cb0, %cb1 ct = 4, rt = 2, kt = 4
// CHECK: tt.pack_l1_acc %accumulate : i1
// CHECK-COUNT-8: tt.matmul_block %cb0, %cb1, %{{.*}}, %{{.*}}, dst = 0, ct = 4, rt = 2, kt = 4

// Bad options name the pass that owns them.
// RUN: not tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-lower{math-fidelity=hifi5}' 2>&1 | filecheck %s --check-prefix=BAD
// BAD: tt-opt: error: tt-lower: math-fidelity must be one of lofi, hifi2, hifi3, hifi4; got 'hifi5'; did you mean 'hifi4'?
