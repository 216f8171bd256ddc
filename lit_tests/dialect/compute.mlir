// RUN: tt-opt %s --split-input-file | filecheck %s
// RUN: TT_ROUNDTRIP | filecheck %s
// RUN: TT_GENERIC_ROUNDTRIP | filecheck %s --check-prefix=GENERIC

// Every compute op in its custom form, inside a compute kernel (16-bit
// accumulation, double-buffered: 8 DST tiles). in0 is bf16 and in1 bfp8_b:
// both have 8-bit exponents, so the unpacker takes them together.

tt.program @compute_ops attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 1088, bfp8_b>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %in0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %in1 = tt.get_cb 1 : !tt.cb<2, bfp8_b>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : i32
    tt.compute_kernel_hw_startup %in0, %in1, %out : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, !tt.cb<2, bf16>
    tt.matmul_init %in0, %in1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>
    tt.matmul_init %in0, %in1 transpose : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>
    tt.tile_regs_acquire
    tt.matmul_tiles %in0, %in1, %c0, %c1, dst = 7 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, index, i32
    tt.tile_regs_commit
    tt.tile_regs_wait
    tt.pack_tile dst = 7, %out : !tt.cb<2, bf16>
    tt.tile_regs_release
    tt.binary_op_init_common %in0, %in1, %out : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, !tt.cb<2, bf16>
    tt.add_tiles_init %in0, %in1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>
    tt.add_tiles %in0, %in1, %c0, %c0, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, index, index
    tt.sub_tiles_init %in0, %in1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>
    tt.sub_tiles %in0, %in1, %c0, %c1, dst = 1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, index, i32
    tt.mul_tiles_init %in0, %in1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>
    tt.mul_tiles %in0, %in1, %c1, %c1, dst = 2 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, i32, i32
    tt.copy_tile_init %in0 : !tt.cb<2, bf16>
    tt.copy_tile %in0, %c0, dst = 3 : !tt.cb<2, bf16>, index
    tt.reconfig_data_format %in1, %in0 : !tt.cb<2, bfp8_b>, !tt.cb<2, bf16>
    tt.pack_reconfig_data_format %out : !tt.cb<2, bf16>
    tt.fill_tile_init
    tt.fill_tile dst = 4, -2.500000e-01
    tt.binop_with_scalar_tile_init
    tt.add_unary_tile dst = 0, 1.500000e+00
    tt.sub_unary_tile dst = 1, 1.500000e+00
    tt.rsub_unary_tile dst = 2, 1.500000e+00
    tt.mul_unary_tile dst = 3, -1.500000e+00
    tt.div_unary_tile dst = 4, 4.000000e+00
    tt.init_sfpu %in0, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.exp_tile_init
    tt.exp_tile dst = 0
    tt.log_tile_init
    tt.log_tile dst = 1
    tt.sqrt_tile_init
    tt.sqrt_tile dst = 2
    tt.rsqrt_tile_init
    tt.rsqrt_tile dst = 2
    tt.exp2_tile_init
    tt.exp2_tile dst = 2
    tt.recip_tile_init
    tt.recip_tile dst = 3
    tt.relu_tile_init
    tt.relu_tile dst = 4
    tt.gelu_tile_init
    tt.gelu_tile dst = 5
    tt.sigmoid_tile_init
    tt.sigmoid_tile dst = 6
    tt.tanh_tile_init
    tt.tanh_tile dst = 7
    tt.pack_tile dst = 0, %out[%c0] : !tt.cb<2, bf16>, index
    tt.pack_tile dst = 1, %out[%c1] : !tt.cb<2, bf16>, i32
  }
}

// -----

// Full-sync mode doubles DST: 16 tiles of 16-bit data, so index 15 is valid.
tt.program @full_sync attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = true>} {
    %cb = tt.get_cb 0 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.copy_tile %cb, %c0, dst = 15 : !tt.cb<2, bf16>, index
    tt.relu_tile dst = 15
    tt.pack_tile dst = 15, %cb : !tt.cb<2, bf16>
  }
}

// -----

// fp32 accumulation in double-buffered mode leaves 4 tiles: index 3 is the last.
// f32 CBs are outside the unpacker's exponent-width check, so f32 + bf16 is fine.
tt.program @fp32_acc attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 4096, f32>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
    %a = tt.get_cb 0 : !tt.cb<2, f32>
    %b = tt.get_cb 1 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.add_tiles %a, %b, %c0, %c0, dst = 3 : !tt.cb<2, f32>, !tt.cb<2, bf16>, index, index
  }
}

// -----

// Outside any kernel the bound is the physical DST (16 tiles).
func.func @outside(%cb: !tt.cb<2, bf16>, %i: i32) {
  tt.copy_tile %cb, %i, dst = 15 : !tt.cb<2, bf16>, i32
  tt.sigmoid_tile dst = 15
  func.return
}

// -----

// matmul_block: a 2x4 output subblock at DST tiles 4..11 fits the 16 tiles of
// full-sync 16-bit DST; its init names the same ct, rt, kt. Packer L1
// accumulation is switched by an i1 value.
tt.program @matmul_block_ops attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 8, page_size = 1088, bfp8_b>, #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = true>} {
    %in0 = tt.get_cb 0 : !tt.cb<8, bf16>
    %in1 = tt.get_cb 1 : !tt.cb<8, bfp8_b>
    %out = tt.get_cb 16 : !tt.cb<8, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : i32
    %on = arith.constant true
    tt.matmul_block_init %in0, %in1 ct = 4, rt = 2, kt = 4 : !tt.cb<8, bf16>, !tt.cb<8, bfp8_b>
    tt.matmul_block_init %in0, %in1 transpose ct = 1, rt = 1, kt = 1 : !tt.cb<8, bf16>, !tt.cb<8, bfp8_b>
    tt.matmul_block %in0, %in1, %c0, %c1, dst = 4, ct = 4, rt = 2, kt = 4 : !tt.cb<8, bf16>, !tt.cb<8, bfp8_b>, index, i32
    tt.matmul_block %in0, %in1, %c1, %c0, dst = 15, ct = 1, rt = 1, kt = 1 transpose : !tt.cb<8, bf16>, !tt.cb<8, bfp8_b>, i32, index
    tt.pack_l1_acc %on : i1
    tt.pack_tile dst = 4, %out : !tt.cb<8, bf16>
  }
}

// CHECK:      tt.program @compute_ops attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 1088, bfp8_b>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
// CHECK-NEXT:   tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
// CHECK-NEXT:     %in0 = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:     %in1 = tt.get_cb 1 : !tt.cb<2, bfp8_b>
// CHECK-NEXT:     %out = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:     %c0 = arith.constant 0 : index
// CHECK-NEXT:     %c1 = arith.constant 1 : i32
// CHECK-NEXT:     tt.compute_kernel_hw_startup %in0, %in1, %out : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, !tt.cb<2, bf16>
// CHECK-NEXT:     tt.matmul_init %in0, %in1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>
// CHECK-NEXT:     tt.matmul_init %in0, %in1 transpose : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>
// CHECK-NEXT:     tt.tile_regs_acquire
// CHECK-NEXT:     tt.matmul_tiles %in0, %in1, %c0, %c1, dst = 7 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, index, i32
// CHECK-NEXT:     tt.tile_regs_commit
// CHECK-NEXT:     tt.tile_regs_wait
// CHECK-NEXT:     tt.pack_tile dst = 7, %out : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.tile_regs_release
// CHECK-NEXT:     tt.binary_op_init_common %in0, %in1, %out : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, !tt.cb<2, bf16>
// CHECK-NEXT:     tt.add_tiles_init %in0, %in1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>
// CHECK-NEXT:     tt.add_tiles %in0, %in1, %c0, %c0, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, index, index
// CHECK-NEXT:     tt.sub_tiles_init %in0, %in1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>
// CHECK-NEXT:     tt.sub_tiles %in0, %in1, %c0, %c1, dst = 1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, index, i32
// CHECK-NEXT:     tt.mul_tiles_init %in0, %in1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>
// CHECK-NEXT:     tt.mul_tiles %in0, %in1, %c1, %c1, dst = 2 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, i32, i32
// CHECK-NEXT:     tt.copy_tile_init %in0 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.copy_tile %in0, %c0, dst = 3 : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.reconfig_data_format %in1, %in0 : !tt.cb<2, bfp8_b>, !tt.cb<2, bf16>
// CHECK-NEXT:     tt.pack_reconfig_data_format %out : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.fill_tile_init
// CHECK-NEXT:     tt.fill_tile dst = 4, -2.500000e-01
// CHECK-NEXT:     tt.binop_with_scalar_tile_init
// CHECK-NEXT:     tt.add_unary_tile dst = 0, 1.500000e+00
// CHECK-NEXT:     tt.sub_unary_tile dst = 1, 1.500000e+00
// CHECK-NEXT:     tt.rsub_unary_tile dst = 2, 1.500000e+00
// CHECK-NEXT:     tt.mul_unary_tile dst = 3, -1.500000e+00
// CHECK-NEXT:     tt.div_unary_tile dst = 4, 4.000000e+00
// CHECK-NEXT:     tt.init_sfpu %in0, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:     tt.exp_tile_init
// CHECK-NEXT:     tt.exp_tile dst = 0
// CHECK-NEXT:     tt.log_tile_init
// CHECK-NEXT:     tt.log_tile dst = 1
// CHECK-NEXT:     tt.sqrt_tile_init
// CHECK-NEXT:     tt.sqrt_tile dst = 2
// CHECK-NEXT:     tt.rsqrt_tile_init
// CHECK-NEXT:     tt.rsqrt_tile dst = 2
// CHECK-NEXT:     tt.exp2_tile_init
// CHECK-NEXT:     tt.exp2_tile dst = 2
// CHECK-NEXT:     tt.recip_tile_init
// CHECK-NEXT:     tt.recip_tile dst = 3
// CHECK-NEXT:     tt.relu_tile_init
// CHECK-NEXT:     tt.relu_tile dst = 4
// CHECK-NEXT:     tt.gelu_tile_init
// CHECK-NEXT:     tt.gelu_tile dst = 5
// CHECK-NEXT:     tt.sigmoid_tile_init
// CHECK-NEXT:     tt.sigmoid_tile dst = 6
// CHECK-NEXT:     tt.tanh_tile_init
// CHECK-NEXT:     tt.tanh_tile dst = 7
// CHECK-NEXT:     tt.pack_tile dst = 0, %out[%c0] : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.pack_tile dst = 1, %out[%c1] : !tt.cb<2, bf16>, i32
// CHECK-NEXT:   }
// CHECK-NEXT: }

// CHECK:      tt.program @full_sync attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
// CHECK-NEXT:   tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = true>} {
// CHECK-NEXT:     %cb = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:     %c0 = arith.constant 0 : index
// CHECK-NEXT:     tt.copy_tile %cb, %c0, dst = 15 : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.relu_tile dst = 15
// CHECK-NEXT:     tt.pack_tile dst = 15, %cb : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// CHECK:      tt.program @fp32_acc attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 4096, f32>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>]} {
// CHECK-NEXT:   tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
// CHECK-NEXT:     %a = tt.get_cb 0 : !tt.cb<2, f32>
// CHECK-NEXT:     %b = tt.get_cb 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     %c0 = arith.constant 0 : index
// CHECK-NEXT:     tt.add_tiles %a, %b, %c0, %c0, dst = 3 : !tt.cb<2, f32>, !tt.cb<2, bf16>, index, index
// CHECK-NEXT:   }
// CHECK-NEXT: }

// CHECK:      func.func @outside(%cb: !tt.cb<2, bf16>, %i: i32) {
// CHECK-NEXT:   tt.copy_tile %cb, %i, dst = 15 : !tt.cb<2, bf16>, i32
// CHECK-NEXT:   tt.sigmoid_tile dst = 15
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// GENERIC:      %in0 = "tt.get_cb"() <{index = 0 : i32}> : () -> !tt.cb<2, bf16>
// GENERIC-NEXT: %in1 = "tt.get_cb"() <{index = 1 : i32}> : () -> !tt.cb<2, bfp8_b>
// GENERIC-NEXT: %out = "tt.get_cb"() <{index = 16 : i32}> : () -> !tt.cb<2, bf16>
// GENERIC-NEXT: %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
// GENERIC-NEXT: %c1 = "arith.constant"() <{value = 1 : i32}> : () -> i32
// GENERIC-NEXT: "tt.compute_kernel_hw_startup"(%in0, %in1, %out) : (!tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, !tt.cb<2, bf16>) -> ()
// GENERIC-NEXT: "tt.matmul_init"(%in0, %in1) : (!tt.cb<2, bf16>, !tt.cb<2, bfp8_b>) -> ()
// GENERIC-NEXT: "tt.matmul_init"(%in0, %in1) <{transpose}> : (!tt.cb<2, bf16>, !tt.cb<2, bfp8_b>) -> ()
// GENERIC-NEXT: "tt.tile_regs_acquire"() : () -> ()
// GENERIC-NEXT: "tt.matmul_tiles"(%in0, %in1, %c0, %c1) <{dst = 7 : i32}> : (!tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, index, i32) -> ()
// GENERIC-NEXT: "tt.tile_regs_commit"() : () -> ()
// GENERIC-NEXT: "tt.tile_regs_wait"() : () -> ()
// GENERIC-NEXT: "tt.pack_tile"(%out) <{dst = 7 : i32}> : (!tt.cb<2, bf16>) -> ()
// GENERIC-NEXT: "tt.tile_regs_release"() : () -> ()
// GENERIC-NEXT: "tt.binary_op_init_common"(%in0, %in1, %out) : (!tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, !tt.cb<2, bf16>) -> ()
// GENERIC-NEXT: "tt.add_tiles_init"(%in0, %in1) : (!tt.cb<2, bf16>, !tt.cb<2, bfp8_b>) -> ()
// GENERIC-NEXT: "tt.add_tiles"(%in0, %in1, %c0, %c0) <{dst = 0 : i32}> : (!tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, index, index) -> ()
// GENERIC-NEXT: "tt.sub_tiles_init"(%in0, %in1) : (!tt.cb<2, bf16>, !tt.cb<2, bfp8_b>) -> ()
// GENERIC-NEXT: "tt.sub_tiles"(%in0, %in1, %c0, %c1) <{dst = 1 : i32}> : (!tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, index, i32) -> ()
// GENERIC-NEXT: "tt.mul_tiles_init"(%in0, %in1) : (!tt.cb<2, bf16>, !tt.cb<2, bfp8_b>) -> ()
// GENERIC-NEXT: "tt.mul_tiles"(%in0, %in1, %c1, %c1) <{dst = 2 : i32}> : (!tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, i32, i32) -> ()
// GENERIC-NEXT: "tt.copy_tile_init"(%in0) : (!tt.cb<2, bf16>) -> ()
// GENERIC-NEXT: "tt.copy_tile"(%in0, %c0) <{dst = 3 : i32}> : (!tt.cb<2, bf16>, index) -> ()
// GENERIC-NEXT: "tt.reconfig_data_format"(%in1, %in0) : (!tt.cb<2, bfp8_b>, !tt.cb<2, bf16>) -> ()
// GENERIC-NEXT: "tt.pack_reconfig_data_format"(%out) : (!tt.cb<2, bf16>) -> ()
// GENERIC-NEXT: "tt.fill_tile_init"() : () -> ()
// GENERIC-NEXT: "tt.fill_tile"() <{dst = 4 : i32, value = -2.500000e-01 : f32}> : () -> ()
// GENERIC-NEXT: "tt.binop_with_scalar_tile_init"() : () -> ()
// GENERIC-NEXT: "tt.add_unary_tile"() <{dst = 0 : i32, value = 1.500000e+00 : f32}> : () -> ()
// GENERIC-NEXT: "tt.sub_unary_tile"() <{dst = 1 : i32, value = 1.500000e+00 : f32}> : () -> ()
// GENERIC-NEXT: "tt.rsub_unary_tile"() <{dst = 2 : i32, value = 1.500000e+00 : f32}> : () -> ()
// GENERIC-NEXT: "tt.mul_unary_tile"() <{dst = 3 : i32, value = -1.500000e+00 : f32}> : () -> ()
// GENERIC-NEXT: "tt.div_unary_tile"() <{dst = 4 : i32, value = 4.000000e+00 : f32}> : () -> ()
// GENERIC-NEXT: "tt.init_sfpu"(%in0, %out) : (!tt.cb<2, bf16>, !tt.cb<2, bf16>) -> ()
// GENERIC-NEXT: "tt.exp_tile_init"() : () -> ()
// GENERIC-NEXT: "tt.exp_tile"() <{dst = 0 : i32}> : () -> ()
// GENERIC-NEXT: "tt.log_tile_init"() : () -> ()
// GENERIC-NEXT: "tt.log_tile"() <{dst = 1 : i32}> : () -> ()
// GENERIC-NEXT: "tt.sqrt_tile_init"() : () -> ()
// GENERIC-NEXT: "tt.sqrt_tile"() <{dst = 2 : i32}> : () -> ()
// GENERIC-NEXT: "tt.rsqrt_tile_init"() : () -> ()
// GENERIC-NEXT: "tt.rsqrt_tile"() <{dst = 2 : i32}> : () -> ()
// GENERIC-NEXT: "tt.exp2_tile_init"() : () -> ()
// GENERIC-NEXT: "tt.exp2_tile"() <{dst = 2 : i32}> : () -> ()
// GENERIC-NEXT: "tt.recip_tile_init"() : () -> ()
// GENERIC-NEXT: "tt.recip_tile"() <{dst = 3 : i32}> : () -> ()
// GENERIC-NEXT: "tt.relu_tile_init"() : () -> ()
// GENERIC-NEXT: "tt.relu_tile"() <{dst = 4 : i32}> : () -> ()
// GENERIC-NEXT: "tt.gelu_tile_init"() : () -> ()
// GENERIC-NEXT: "tt.gelu_tile"() <{dst = 5 : i32}> : () -> ()
// GENERIC-NEXT: "tt.sigmoid_tile_init"() : () -> ()
// GENERIC-NEXT: "tt.sigmoid_tile"() <{dst = 6 : i32}> : () -> ()
// GENERIC-NEXT: "tt.tanh_tile_init"() : () -> ()
// GENERIC-NEXT: "tt.tanh_tile"() <{dst = 7 : i32}> : () -> ()
// GENERIC-NEXT: "tt.pack_tile"(%out, %c0) <{dst = 0 : i32}> : (!tt.cb<2, bf16>, index) -> ()
// GENERIC-NEXT: "tt.pack_tile"(%out, %c1) <{dst = 1 : i32}> : (!tt.cb<2, bf16>, i32) -> ()
// GENERIC:      %cb = "tt.get_cb"() <{index = 0 : i32}> : () -> !tt.cb<2, bf16>
// GENERIC-NEXT: %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
// GENERIC-NEXT: "tt.copy_tile"(%cb, %c0) <{dst = 15 : i32}> : (!tt.cb<2, bf16>, index) -> ()
// GENERIC-NEXT: "tt.relu_tile"() <{dst = 15 : i32}> : () -> ()
// GENERIC-NEXT: "tt.pack_tile"(%cb) <{dst = 15 : i32}> : (!tt.cb<2, bf16>) -> ()
// GENERIC:      %a = "tt.get_cb"() <{index = 0 : i32}> : () -> !tt.cb<2, f32>
// GENERIC-NEXT: %b = "tt.get_cb"() <{index = 1 : i32}> : () -> !tt.cb<2, bf16>
// GENERIC-NEXT: %c0 = "arith.constant"() <{value = 0 : index}> : () -> index
// GENERIC-NEXT: "tt.add_tiles"(%a, %b, %c0, %c0) <{dst = 3 : i32}> : (!tt.cb<2, f32>, !tt.cb<2, bf16>, index, index) -> ()
// GENERIC:      "tt.copy_tile"(%cb, %i) <{dst = 15 : i32}> : (!tt.cb<2, bf16>, i32) -> ()
// GENERIC-NEXT: "tt.sigmoid_tile"() <{dst = 15 : i32}> : () -> ()

// CHECK:      tt.program @matmul_block_ops attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 8, page_size = 1088, bfp8_b>, #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>]} {
// CHECK-NEXT:   tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = true>} {
// CHECK-NEXT:     %in0 = tt.get_cb 0 : !tt.cb<8, bf16>
// CHECK-NEXT:     %in1 = tt.get_cb 1 : !tt.cb<8, bfp8_b>
// CHECK-NEXT:     %out = tt.get_cb 16 : !tt.cb<8, bf16>
// CHECK-NEXT:     %c0 = arith.constant 0 : index
// CHECK-NEXT:     %c1 = arith.constant 1 : i32
// CHECK-NEXT:     %on = arith.constant true
// CHECK-NEXT:     tt.matmul_block_init %in0, %in1 ct = 4, rt = 2, kt = 4 : !tt.cb<8, bf16>, !tt.cb<8, bfp8_b>
// CHECK-NEXT:     tt.matmul_block_init %in0, %in1 transpose ct = 1, rt = 1, kt = 1 : !tt.cb<8, bf16>, !tt.cb<8, bfp8_b>
// CHECK-NEXT:     tt.matmul_block %in0, %in1, %c0, %c1, dst = 4, ct = 4, rt = 2, kt = 4 : !tt.cb<8, bf16>, !tt.cb<8, bfp8_b>, index, i32
// CHECK-NEXT:     tt.matmul_block %in0, %in1, %c1, %c0, dst = 15, ct = 1, rt = 1, kt = 1 transpose : !tt.cb<8, bf16>, !tt.cb<8, bfp8_b>, i32, index
// CHECK-NEXT:     tt.pack_l1_acc %on : i1
// CHECK-NEXT:     tt.pack_tile dst = 4, %out : !tt.cb<8, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// GENERIC:      "tt.matmul_block_init"(%in0, %in1) <{ct = 4 : i32, rt = 2 : i32, kt = 4 : i32}> : (!tt.cb<8, bf16>, !tt.cb<8, bfp8_b>) -> ()
// GENERIC-NEXT: "tt.matmul_block_init"(%in0, %in1) <{transpose, ct = 1 : i32, rt = 1 : i32, kt = 1 : i32}> : (!tt.cb<8, bf16>, !tt.cb<8, bfp8_b>) -> ()
// GENERIC-NEXT: "tt.matmul_block"(%in0, %in1, %c0, %c1) <{dst = 4 : i32, ct = 4 : i32, rt = 2 : i32, kt = 4 : i32}> : (!tt.cb<8, bf16>, !tt.cb<8, bfp8_b>, index, i32) -> ()
// GENERIC-NEXT: "tt.matmul_block"(%in0, %in1, %c1, %c0) <{dst = 15 : i32, ct = 1 : i32, rt = 1 : i32, kt = 1 : i32, transpose}> : (!tt.cb<8, bf16>, !tt.cb<8, bfp8_b>, i32, index) -> ()
// GENERIC-NEXT: "tt.pack_l1_acc"(%on) : (i1) -> ()
