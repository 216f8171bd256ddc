// RUN: tt-opt %s -p convert-tt-to-emitc | filecheck %s --check-prefix=V074
// RUN: tt-opt %s -p 'tt-attach-metal-api{api-version=0.81.1},convert-tt-to-emitc' | filecheck %s --check-prefix=V081
// RUN: tt-opt %S/../../examples/elementwise/add.mlir -p 'tt-pipeline{api-version=0.81.1}' -t tt-cpp | filecheck %s --check-prefix=CPP
// RUN: not tt-opt %s -p 'tt-attach-metal-api{api-version=0.81.1},convert-tt-to-emitc,tt-attach-metal-api{api-version=0.74.0}' 2>&1 | filecheck %s --check-prefix=CHANGED

// The calls whose spelling depends on the program's tt-metal release (its metal_api,
// v0.74.0 unless tt-attach-metal-api records another): v0.81.1 removed add/sub/mul_tiles_init
// and the broadcast inits' `_short` forms for add/sub/mul_init and <op>_bcast_<lines>_init, and
// renamed copy_tile_init to copy_init (the old name is [[deprecated]]); the includes stay the same
// headers. Every other call, and the host program, is the same in both releases.
tt.program @inits attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<[]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %a = tt.get_cb 0 : !tt.cb<2, bf16>
    %b = tt.get_cb 1 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.compute_kernel_hw_startup %a, %b, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.add_tiles_init %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.sub_tiles_init %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.mul_tiles_init %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.copy_tile_init %a : !tt.cb<2, bf16>
    tt.add_bcast_cols_init_short %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.sub_bcast_cols_init_short %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.mul_bcast_cols_init_short %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.add_bcast_rows_init_short %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.sub_bcast_rows_init_short %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.mul_bcast_rows_init_short %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.relu_tile_init
  }
}
// V074:       tt.program @inits attributes {device = #tt.device<n150>, cbs =
// V074:       emitc.call_opaque "compute_kernel_hw_startup"(%a, %b, %out)
// V074-NEXT:  emitc.call_opaque "add_tiles_init"(%a, %b)
// V074-NEXT:  emitc.call_opaque "sub_tiles_init"(%a, %b)
// V074-NEXT:  emitc.call_opaque "mul_tiles_init"(%a, %b)
// V074-NEXT:  emitc.call_opaque "copy_tile_init"(%a)
// V074-NEXT:  emitc.call_opaque "add_bcast_cols_init_short"(%a, %b)
// V074-NEXT:  emitc.call_opaque "sub_bcast_cols_init_short"(%a, %b)
// V074-NEXT:  emitc.call_opaque "mul_bcast_cols_init_short"(%a, %b)
// V074-NEXT:  emitc.call_opaque "add_bcast_rows_init_short"(%a, %b)
// V074-NEXT:  emitc.call_opaque "sub_bcast_rows_init_short"(%a, %b)
// V074-NEXT:  emitc.call_opaque "mul_bcast_rows_init_short"(%a, %b)
// V074-NEXT:  emitc.call_opaque "relu_tile_init"()

// V081:       tt.program @inits attributes {device = #tt.device<n150>, metal_api = #tt.metal_api<v0_81_1>, cbs =
// V081:       tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {{.*}}tt.cpp_includes = ["api/compute/bcast.h", "api/compute/compute_kernel_hw_startup.h", "api/compute/eltwise_binary.h", "api/compute/eltwise_unary/relu.h", "api/compute/tile_move_copy.h"]
// V081:       emitc.call_opaque "compute_kernel_hw_startup"(%a, %b, %out)
// V081-NEXT:  emitc.call_opaque "add_init"(%a, %b)
// V081-NEXT:  emitc.call_opaque "sub_init"(%a, %b)
// V081-NEXT:  emitc.call_opaque "mul_init"(%a, %b)
// V081-NEXT:  emitc.call_opaque "copy_init"(%a)
// V081-NEXT:  emitc.call_opaque "add_bcast_cols_init"(%a, %b)
// V081-NEXT:  emitc.call_opaque "sub_bcast_cols_init"(%a, %b)
// V081-NEXT:  emitc.call_opaque "mul_bcast_cols_init"(%a, %b)
// V081-NEXT:  emitc.call_opaque "add_bcast_rows_init"(%a, %b)
// V081-NEXT:  emitc.call_opaque "sub_bcast_rows_init"(%a, %b)
// V081-NEXT:  emitc.call_opaque "mul_bcast_rows_init"(%a, %b)
// V081-NEXT:  emitc.call_opaque "relu_tile_init"()

// The whole pipeline with api-version=0.81.1: the kernels, main.cpp and CMakeLists.txt say
// which release they are for, the plan records it for tt-check-kernels and the emulator.
// CPP:       // reader kernel of a tt-dialect program (tt-metal v0.81.1 kernel API).
// CPP:       // compute kernel of a tt-dialect program (tt-metal v0.81.1 kernel API).
// CPP:       compute_kernel_hw_startup(cb0, cb1, cb16);
// CPP:       add_init(cb0, cb1);
// CPP:       // writer kernel of a tt-dialect program (tt-metal v0.81.1 kernel API).
// CPP:       // v0.81.1, through the Mesh API: a 1x1 unit mesh, tt-metal's default fast dispatch.
// CPP:       # Needs an installed TT-Metalium v0.81.1: the CMake package TT-Metalium (target
// CPP:       "arch": "wormhole_b0",
// CPP-NEXT:  "metal_version": "0.81.1",

// The release is decided once: converted kernels are not re-spelled for another.
// CHANGED: error: 'tt.program' op already targets tt-metal 0.81.1 (#tt.metal_api<v0_81_1>); tt-attach-metal-api cannot change it to 0.74.0
