// Every op, type and attribute of the dialect tests goes through real MLIR and back:
// tt-opt prints the generic form, iree-opt (MLIR, with `tt` unregistered) re-prints it,
// tt-opt parses and verifies MLIR's text, and printing that through MLIR again must
// give the same text (a fixed point), so nothing was lost or changed on the way.

// RUN: tt-opt %S/../dialect/attributes.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic > %t.attributes.mlir
// RUN: tt-opt %t.attributes.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic | diff -u %t.attributes.mlir -
// RUN: tt-opt %S/../dialect/program.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic > %t.program.mlir
// RUN: tt-opt %t.program.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic | diff -u %t.program.mlir -
// RUN: tt-opt %S/../dialect/cb.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic > %t.cb.mlir
// RUN: tt-opt %t.cb.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic | diff -u %t.cb.mlir -
// RUN: tt-opt %S/../dialect/compute.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic > %t.compute.mlir
// RUN: tt-opt %t.compute.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic | diff -u %t.compute.mlir -
// RUN: tt-opt %S/../dialect/dataflow.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic > %t.dataflow.mlir
// RUN: tt-opt %t.dataflow.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic | diff -u %t.dataflow.mlir -
// RUN: tt-opt %S/../dialect/args.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic > %t.args.mlir
// RUN: tt-opt %t.args.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic | diff -u %t.args.mlir -
// RUN: tt-opt %S/../dialect/tile_program.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic > %t.tile_program.mlir
// RUN: tt-opt %t.tile_program.mlir --split-input-file --print-op-generic | IREE_OPT --allow-unregistered-dialect --split-input-file --mlir-print-op-generic | diff -u %t.tile_program.mlir -
// RUN: filecheck %s --check-prefix=CB < %t.cb.mlir
// RUN: filecheck %s --check-prefix=COMPUTE < %t.compute.mlir

// MLIR keeps our attributes and types as opaque dialect text, byte for byte:
// CB: "tt.program"() <{cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 4, page_size = 4096, f32>], device = #tt.device<n150>, metal_api = #tt.metal_api<v0_74_0>, semaphores = [], sym_name = "cbs", tensors = []}> ({
// CB: "tt.cb_reserve_back"(%{{.*}}) <{num_pages = 2 : i32}> : (!tt.cb<2, bf16>) -> ()
// COMPUTE: compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>
