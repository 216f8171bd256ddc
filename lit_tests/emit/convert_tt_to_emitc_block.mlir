// RUN: tt-opt %s -p convert-tt-to-emitc | filecheck %s

// A compute kernel written by hand at the level tt-lower leaves it: blocked
// matmul with packer L1 accumulation. matmul_block_init, matmul_block and
// pack_l1_acc become matmul_block_init(in0, in1, transpose, ct, rt, kt),
// matmul_block(in0, in1, i0, i1, dst, transpose, ct, rt, kt) and
// pack_reconfig_l1_acc(enable), declared by api/compute/matmul.h and
// api/compute/pack.h; a kernel running matmul_block starts its hardware up with
// SrcOrder::Reverse (matmul unpacks in1 into source A, in0 into B).
tt.program @block attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %in0 = tt.get_cb 0 : !tt.cb<8, bf16>
    %in1 = tt.get_cb 1 : !tt.cb<8, bf16>
    %out = tt.get_cb 16 : !tt.cb<8, bf16>
    tt.compute_kernel_hw_startup %in0, %in1, %out : !tt.cb<8, bf16>, !tt.cb<8, bf16>, !tt.cb<8, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %false = arith.constant false
    tt.matmul_block_init %in0, %in1 ct = 4, rt = 2, kt = 4 : !tt.cb<8, bf16>, !tt.cb<8, bf16>
    tt.pack_l1_acc %false : i1
    tt.cb_wait_front %in0, 8 : !tt.cb<8, bf16>
    tt.cb_wait_front %in1, 8 : !tt.cb<8, bf16>
    tt.tile_regs_acquire
    scf.for %k = %c0 to %c4 step %c1 {
      %b = arith.muli %k, %c4 : index
      tt.matmul_block %in0, %in1, %k, %b, dst = 0, ct = 4, rt = 2, kt = 4 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
    }
    tt.matmul_block %in0, %in1, %c0, %c0, dst = 0, ct = 4, rt = 2, kt = 4 transpose : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
    tt.tile_regs_commit
    tt.cb_pop_front %in0, 8 : !tt.cb<8, bf16>
    tt.cb_pop_front %in1, 8 : !tt.cb<8, bf16>
    tt.cb_reserve_back %out, 1 : !tt.cb<8, bf16>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %out : !tt.cb<8, bf16>
    tt.tile_regs_release
    tt.cb_push_back %out, 1 : !tt.cb<8, bf16>
    tt.matmul_block_init %in0, %in1 transpose ct = 1, rt = 1, kt = 1 : !tt.cb<8, bf16>, !tt.cb<8, bf16>
  }
}
// CHECK:       tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>, tt.cpp_includes = ["api/compute/cb_api.h", "api/compute/compute_kernel_hw_startup.h", "api/compute/matmul.h", "api/compute/pack.h", "api/compute/reg_api.h"]} {
// CHECK-NEXT:  %in0 = emitc.call_opaque "get_compile_time_arg_val"() {args = [0 : i32]} : () -> i32
// CHECK-NEXT:  %in1 = emitc.call_opaque "get_compile_time_arg_val"() {args = [1 : i32]} : () -> i32
// CHECK-NEXT:  %out = emitc.call_opaque "get_compile_time_arg_val"() {args = [2 : i32]} : () -> i32
// CHECK-NEXT:  emitc.call_opaque "compute_kernel_hw_startup"(%in0, %in1, %out) {template_args = [#emitc.opaque<"SrcOrder::Reverse">]} : (i32, i32, i32) -> ()
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %c4 = arith.constant 4 : index
// CHECK-NEXT:  %false = arith.constant false
// CHECK-NEXT:  emitc.call_opaque "matmul_block_init"(%in0, %in1) {args = [0 : index, 1 : index, 0 : ui32, 4 : ui32, 2 : ui32, 4 : ui32]} : (i32, i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "pack_reconfig_l1_acc"(%false) : (i1) -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_wait_front"(%in0) {args = [0 : index, 8 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_wait_front"(%in1) {args = [0 : index, 8 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "tile_regs_acquire"() : () -> ()
// CHECK-NEXT:  scf.for %k = %c0 to %c4 step %c1 {
// CHECK-NEXT:  %b = arith.muli %k, %c4 : index
// CHECK-NEXT:  emitc.call_opaque "matmul_block"(%in0, %in1, %k, %b) {args = [0 : index, 1 : index, 2 : index, 3 : index, 0 : ui32, 0 : ui32, 4 : ui32, 2 : ui32, 4 : ui32]} : (i32, i32, index, index) -> ()
// CHECK-NEXT:  }
// CHECK-NEXT:  emitc.call_opaque "matmul_block"(%in0, %in1, %c0, %c0) {args = [0 : index, 1 : index, 2 : index, 3 : index, 0 : ui32, 1 : ui32, 4 : ui32, 2 : ui32, 4 : ui32]} : (i32, i32, index, index) -> ()
// CHECK-NEXT:  emitc.call_opaque "tile_regs_commit"() : () -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_pop_front"(%in0) {args = [0 : index, 8 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_pop_front"(%in1) {args = [0 : index, 8 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_reserve_back"(%out) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "tile_regs_wait"() : () -> ()
// CHECK-NEXT:  emitc.call_opaque "pack_tile"(%out) {args = [0 : ui32, 0 : index]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "tile_regs_release"() : () -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_push_back"(%out) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "matmul_block_init"(%in0, %in1) {args = [0 : index, 1 : index, 1 : ui32, 1 : ui32, 1 : ui32, 1 : ui32]} : (i32, i32) -> ()
// CHECK-NEXT:  }
