// RUN: tt-opt %s -p 'tt-pipeline{grid=1x1},convert-tt-to-emitc' | filecheck %s

// relu(x) + y on one 32x32 tile: every tt op of the three kernels becomes a call
// of the v0.74.0 kernel API; CB ids come from compile-time args in the
// kernel's layout, runtime args by schema position, accessors from their
// compile-time offset; arith and scf stay for the printer.
func.func @relu_add(%X: memref<32x32xbf16>, %Y: memref<32x32xbf16>, %Z: memref<32x32xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %x = tt.alloc_shared : memref<32x32xbf16>
    %y = tt.alloc_shared : memref<32x32xbf16>
    %r = tt.alloc_shared : memref<32x32xbf16>
    %z = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %X[%c0, %c0] to %x : memref<32x32xbf16> to memref<32x32xbf16>
    tt.copy %Y[%c0, %c0] to %y : memref<32x32xbf16> to memref<32x32xbf16>
    tt.relu %x to %r : memref<32x32xbf16>
    tt.add %r, %y to %z : memref<32x32xbf16>
    tt.copy %z to %Z[%c0, %c0] : memref<32x32xbf16> to memref<32x32xbf16>
  }
  func.return
}
// CHECK:       tt.program @relu_add attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 24, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>>]} {
// CHECK:       tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, accessor_config(0) = 2, page_size(0) = 2048, accessor_config(1) = 2, page_size(1) = 2048]>, tt.cpp_includes = ["api/dataflow/dataflow_api.h"]} {
// CHECK:       %cb0 = emitc.call_opaque "get_compile_time_arg_val"() {args = [0 : i32]} : () -> i32
// CHECK:       %cb1 = emitc.call_opaque "get_compile_time_arg_val"() {args = [1 : i32]} : () -> i32
// CHECK:       %tensor0_addr = emitc.call_opaque "get_arg_val"() {args = [0 : i32], template_args = [ui32]} : () -> i32
// CHECK:       %tensor0_args = emitc.call_opaque "TensorAccessorArgs"() {args = [], template_args = [2 : ui32]} : () -> !emitc.opaque<"TensorAccessorArgs">
// CHECK:       %tensor0 = emitc.call_opaque "TensorAccessor"(%tensor0_args, %tensor0_addr) {args = [0 : index, 1 : index, 2048 : ui32]} : (!emitc.opaque<"TensorAccessorArgs">, i32) -> !emitc.opaque<"TensorAccessor">
// CHECK:       %tensor1_addr = emitc.call_opaque "get_arg_val"() {args = [1 : i32], template_args = [ui32]} : () -> i32
// CHECK:       %tensor1_args = emitc.call_opaque "TensorAccessorArgs"() {args = [], template_args = [4 : ui32]} : () -> !emitc.opaque<"TensorAccessorArgs">
// CHECK:       %tensor1 = emitc.call_opaque "TensorAccessor"(%tensor1_args, %tensor1_addr) {args = [0 : index, 1 : index, 2048 : ui32]} : (!emitc.opaque<"TensorAccessorArgs">, i32) -> !emitc.opaque<"TensorAccessor">
// CHECK:       %start_arg = emitc.call_opaque "get_arg_val"() {args = [2 : i32], template_args = [ui32]} : () -> i32
// CHECK:       %count_arg = emitc.call_opaque "get_arg_val"() {args = [3 : i32], template_args = [ui32]} : () -> i32
// CHECK:       emitc.call_opaque "cb_reserve_back"(%cb0) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK:       %l1_write = emitc.call_opaque "get_write_ptr"(%cb0) : (i32) -> i32
// CHECK:       emitc.call_opaque "cb_reserve_back"(%cb1) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK:       %l1_write_1 = emitc.call_opaque "get_write_ptr"(%cb1) : (i32) -> i32
// CHECK:       emitc.call_opaque "noc_async_read_page"(%tile_id, %tensor0, %l1_addr) : (index, !emitc.opaque<"TensorAccessor">, i32) -> ()
// CHECK:       emitc.call_opaque "noc_async_read_page"(%tile_id_1, %tensor1, %l1_addr_1) : (index, !emitc.opaque<"TensorAccessor">, i32) -> ()
// CHECK:       emitc.call_opaque "noc_async_read_barrier"() : () -> ()
// CHECK:       emitc.call_opaque "cb_push_back"(%cb0) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK:       emitc.call_opaque "cb_push_back"(%cb1) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK:       tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16, cb(24) = 24]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>, tt.cpp_includes = ["api/compute/cb_api.h", "api/compute/common.h", "api/compute/compute_kernel_hw_startup.h", "api/compute/eltwise_binary.h", "api/compute/eltwise_unary/relu.h", "api/compute/pack.h", "api/compute/reg_api.h", "api/compute/tile_move_copy.h"]} {
// CHECK-NEXT:  %cb0 = emitc.call_opaque "get_compile_time_arg_val"() {args = [0 : i32]} : () -> i32
// CHECK-NEXT:  %cb1 = emitc.call_opaque "get_compile_time_arg_val"() {args = [1 : i32]} : () -> i32
// CHECK-NEXT:  %cb24 = emitc.call_opaque "get_compile_time_arg_val"() {args = [3 : i32]} : () -> i32
// CHECK-NEXT:  %cb16 = emitc.call_opaque "get_compile_time_arg_val"() {args = [2 : i32]} : () -> i32
// CHECK-NEXT:  emitc.call_opaque "compute_kernel_hw_startup"(%cb0, %cb0, %cb24) : (i32, i32, i32) -> ()
// CHECK-NEXT:  %start_arg = emitc.call_opaque "get_arg_val"() {args = [0 : i32], template_args = [ui32]} : () -> i32
// CHECK-NEXT:  %count_arg = emitc.call_opaque "get_arg_val"() {args = [1 : i32], template_args = [ui32]} : () -> i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  emitc.call_opaque "relu_tile_init"() : () -> ()
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  emitc.call_opaque "cb_wait_front"(%cb0) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_wait_front"(%cb1) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "copy_tile_init"(%cb0) : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "tile_regs_acquire"() : () -> ()
// CHECK-NEXT:  emitc.call_opaque "copy_tile"(%cb0, %c0) {args = [0 : index, 1 : index, 0 : ui32]} : (i32, index) -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_pop_front"(%cb0) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "relu_tile"() {args = [0 : ui32]} : () -> ()
// CHECK-NEXT:  emitc.call_opaque "tile_regs_commit"() : () -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_reserve_back"(%cb24) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "tile_regs_wait"() : () -> ()
// CHECK-NEXT:  emitc.call_opaque "pack_tile"(%cb24, %c0) {args = [0 : ui32, 0 : index, 1 : index], template_args = [true]} : (i32, index) -> ()
// CHECK-NEXT:  emitc.call_opaque "tile_regs_release"() : () -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_push_back"(%cb24) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "add_tiles_init"(%cb24, %cb1) : (i32, i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_wait_front"(%cb24) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "tile_regs_acquire"() : () -> ()
// CHECK-NEXT:  emitc.call_opaque "add_tiles"(%cb24, %cb1, %c0, %c0) {args = [0 : index, 1 : index, 2 : index, 3 : index, 0 : ui32]} : (i32, i32, index, index) -> ()
// CHECK-NEXT:  emitc.call_opaque "tile_regs_commit"() : () -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_pop_front"(%cb24) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_pop_front"(%cb1) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_reserve_back"(%cb16) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "tile_regs_wait"() : () -> ()
// CHECK-NEXT:  emitc.call_opaque "pack_tile"(%cb16, %c0) {args = [0 : ui32, 0 : index, 1 : index], template_args = [true]} : (i32, index) -> ()
// CHECK-NEXT:  emitc.call_opaque "tile_regs_release"() : () -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_push_back"(%cb16) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK:       tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(2) = 2, page_size(2) = 2048]>, tt.cpp_includes = ["api/dataflow/dataflow_api.h"]} {
// CHECK:       %cb16 = emitc.call_opaque "get_compile_time_arg_val"() {args = [0 : i32]} : () -> i32
// CHECK:       %tensor2_addr = emitc.call_opaque "get_arg_val"() {args = [0 : i32], template_args = [ui32]} : () -> i32
// CHECK:       %tensor2_args = emitc.call_opaque "TensorAccessorArgs"() {args = [], template_args = [1 : ui32]} : () -> !emitc.opaque<"TensorAccessorArgs">
// CHECK:       %tensor2 = emitc.call_opaque "TensorAccessor"(%tensor2_args, %tensor2_addr) {args = [0 : index, 1 : index, 2048 : ui32]} : (!emitc.opaque<"TensorAccessorArgs">, i32) -> !emitc.opaque<"TensorAccessor">
// CHECK:       %start_arg = emitc.call_opaque "get_arg_val"() {args = [1 : i32], template_args = [ui32]} : () -> i32
// CHECK:       %count_arg = emitc.call_opaque "get_arg_val"() {args = [2 : i32], template_args = [ui32]} : () -> i32
// CHECK:       emitc.call_opaque "cb_wait_front"(%cb16) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK:       %l1_read = emitc.call_opaque "get_read_ptr"(%cb16) : (i32) -> i32
// CHECK:       emitc.call_opaque "noc_async_write_page"(%tile_id, %tensor2, %l1_addr) : (index, !emitc.opaque<"TensorAccessor">, i32) -> ()
// CHECK:       emitc.call_opaque "noc_async_write_barrier"() : () -> ()
// CHECK:       emitc.call_opaque "cb_pop_front"(%cb16) {args = [0 : index, 1 : i32]} : (i32) -> ()

// Kernels are converted once: running the pass again changes nothing.
// RUN: tt-opt %s -p 'tt-pipeline{grid=1x1},convert-tt-to-emitc' -o %t.once
// RUN: tt-opt %s -p 'tt-pipeline{grid=1x1},convert-tt-to-emitc,convert-tt-to-emitc' -o %t.twice
// RUN: diff %t.once %t.twice
