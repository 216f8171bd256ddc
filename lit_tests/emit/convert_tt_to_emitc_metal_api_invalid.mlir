// RUN: tt-opt %s --split-input-file --verify-diagnostics -p convert-tt-to-emitc | filecheck %s

// An op whose call the program's release no longer has is an error, located at the op:
// v0.81.1 removed binary_op_init_common (api/compute/eltwise_binary.h) ...
tt.program @common attributes {device = #tt.device<n150>, metal_api = #tt.metal_api<v0_81_1>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<[]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %a = tt.get_cb 0 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.binary_op_init_common %a, %a, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>, !tt.cb<2, bf16>
  }
}
// CHECK: convert_tt_to_emitc_metal_api_invalid.mlir:[[# @LINE - 3]]:5: error: 'tt.binary_op_init_common' op has no C++ form for tt-metal 0.81.1: binary_op_init_common is removed in tt-metal 0.81.1; start the kernel with tt.compute_kernel_hw_startup

// -----

// ... and marks init_sfpu [[deprecated]] (api/compute/eltwise_unary/eltwise_unary.h).
tt.program @sfpu attributes {device = #tt.device<n150>, metal_api = #tt.metal_api<v0_81_1>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<[]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %a = tt.get_cb 0 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.init_sfpu %a, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>
  }
}
// CHECK: convert_tt_to_emitc_metal_api_invalid.mlir:[[# @LINE - 3]]:5: error: 'tt.init_sfpu' op has no C++ form for tt-metal 0.81.1: init_sfpu is deprecated in tt-metal 0.81.1; start the kernel with tt.compute_kernel_hw_startup, then tt.copy_tile_init

// -----

// A release we do not target does not parse.
tt.program @bad attributes {device = #tt.device<n150>, metal_api = #tt.metal_api<v0_80_0>} {
}
// CHECK: convert_tt_to_emitc_metal_api_invalid.mlir:[[# @LINE - 2]]:82: error: Expected `v0_74_0`, or `v0_81_1`.
