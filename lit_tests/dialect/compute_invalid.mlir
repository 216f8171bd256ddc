// RUN: tt-opt %s --split-input-file --verify-diagnostics | filecheck %s

// 16-bit accumulation, double-buffered: DST holds 8 tiles (0..7).
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %a = tt.get_cb 0 : !tt.cb<2, bf16>
    %b = tt.get_cb 1 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.matmul_tiles %a, %b, %c0, %c0, dst = 8 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
  }
}
// CHECK: compute_invalid.mlir:9:5: error: 'tt.matmul_tiles' op DST index 8 is out of range: DST holds 8 tiles (16-bit accumulation in double-buffered mode)

// -----

// The SFPU ops are bounded the same way.
tt.program @p attributes {device = #tt.device<n150>, cbs = []} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    tt.relu_tile dst = 8
  }
}
// CHECK: compute_invalid.mlir:19:5: error: 'tt.relu_tile' op DST index 8 is out of range: DST holds 8 tiles (16-bit accumulation in double-buffered mode)

// -----

// fp32 accumulation halves DST: 4 tiles (0..3).
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 4096, f32>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
    %cb = tt.get_cb 0 : !tt.cb<2, f32>
    %c0 = arith.constant 0 : index
    tt.copy_tile %cb, %c0, dst = 4 : !tt.cb<2, f32>, index
  }
}
// CHECK: compute_invalid.mlir:31:5: error: 'tt.copy_tile' op DST index 4 is out of range: DST holds 4 tiles (fp32 accumulation in double-buffered mode)

// -----

// Full-sync mode: 16 tiles (0..15), no more.
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = true>} {
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.pack_tile dst = 16, %out : !tt.cb<2, bf16>
  }
}
// CHECK: compute_invalid.mlir:42:5: error: 'tt.pack_tile' op DST index 16 is out of range: DST holds 16 tiles (16-bit accumulation in full-sync mode)

// -----

// Outside a kernel the bound is the physical DST.
func.func @f(%a: !tt.cb<2, bf16>, %b: !tt.cb<2, bf16>, %i: i32) {
  tt.add_tiles %a, %b, %i, %i, dst = 16 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, i32, i32
  func.return
}
// CHECK: compute_invalid.mlir:51:3: error: 'tt.add_tiles' op DST index 16 is out of range: DST holds 16 tiles (physical DST size)

// -----

// A negative DST index.
func.func @f() {
  tt.exp_tile dst = -1
  func.return
}
// CHECK: compute_invalid.mlir:60:3: error: 'tt.exp_tile' op DST index -1 is out of range: DST holds 16 tiles (physical DST size)

// -----

// Tile math belongs in the compute kernel, not in a data-movement kernel.
tt.program @p attributes {device = #tt.device<n150>, cbs = []} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    tt.tile_regs_acquire
  }
}
// CHECK: compute_invalid.mlir:70:5: error: 'tt.tile_regs_acquire' op is a compute op and cannot appear in reader kernel @reader; it belongs in a compute kernel

// -----

tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.pack_tile dst = 0, %cb : !tt.cb<2, bf16>
  }
}
// CHECK: compute_invalid.mlir:80:5: error: 'tt.pack_tile' op is a compute op and cannot appear in writer kernel @writer; it belongs in a compute kernel

// -----

// FPU inputs unpacked together need one exponent width: f16 (5-bit) with bf16 (8-bit) is rejected.
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, f16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %a = tt.get_cb 0 : !tt.cb<2, f16>
    %b = tt.get_cb 1 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.add_tiles %a, %b, %c0, %c0, dst = 0 : !tt.cb<2, f16>, !tt.cb<2, bf16>, index, index
  }
}
// CHECK: compute_invalid.mlir:93:5: error: 'tt.add_tiles' op input CB formats f16 and bf16 have different exponent widths; the unpacker needs all FPU inputs in one exponent family (bf16/bfp8_b/bfp4_b or f16)

// -----

func.func @f(%a: !tt.cb<2, bfp8_b>, %b: !tt.cb<2, f16>) {
  tt.matmul_init %a, %b transpose : !tt.cb<2, bfp8_b>, !tt.cb<2, f16>
  func.return
}
// CHECK: compute_invalid.mlir:101:3: error: 'tt.matmul_init' op input CB formats bfp8_b and f16 have different exponent widths; the unpacker needs all FPU inputs in one exponent family (bf16/bfp8_b/bfp4_b or f16)

// -----

// matmul_block writes rt*ct DST tiles from dst: 6..9 overruns the 8 tiles of a
// double-buffered 16-bit DST, though dst = 6 alone is in range.
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %a = tt.get_cb 0 : !tt.cb<2, bf16>
    %b = tt.get_cb 1 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.matmul_block %a, %b, %c0, %c0, dst = 6, ct = 2, rt = 2, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
  }
}
// CHECK: compute_invalid.mlir:115:5: error: 'tt.matmul_block' op DST tiles 6..9 of the 2x2 output subblock are out of range: DST holds 8 tiles (16-bit accumulation in double-buffered mode)

// -----

// fp32 accumulation leaves 4 DST tiles: a 2x4 subblock cannot fit anywhere.
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
    %a = tt.get_cb 0 : !tt.cb<2, bf16>
    %b = tt.get_cb 1 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.matmul_block %a, %b, %c0, %c0, dst = 0, ct = 4, rt = 2, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
  }
}
// CHECK: compute_invalid.mlir:128:5: error: 'tt.matmul_block' op the 2x4 output subblock needs 8 DST tiles, DST holds 4 tiles (fp32 accumulation in double-buffered mode)

// -----

// The init configures the math for the subblock, so it is bounded the same way.
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %a = tt.get_cb 0 : !tt.cb<2, bf16>
    %b = tt.get_cb 1 : !tt.cb<2, bf16>
    tt.matmul_block_init %a, %b ct = 3, rt = 3, kt = 2 : !tt.cb<2, bf16>, !tt.cb<2, bf16>
  }
}
// CHECK: compute_invalid.mlir:140:5: error: 'tt.matmul_block_init' op the 3x3 output subblock needs 9 DST tiles, DST holds 8 tiles (16-bit accumulation in double-buffered mode)

// -----

// A negative first DST tile.
func.func @f(%a: !tt.cb<2, bf16>, %b: !tt.cb<2, bf16>, %i: i32) {
  tt.matmul_block %a, %b, %i, %i, dst = -1, ct = 1, rt = 1, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, i32, i32
  func.return
}
// CHECK: compute_invalid.mlir:149:3: error: 'tt.matmul_block' op DST index -1 is out of range: DST holds 16 tiles (physical DST size)

// -----

// Block dimensions count tiles: zero is no block.
func.func @f(%a: !tt.cb<2, bf16>, %b: !tt.cb<2, bf16>, %i: i32) {
  tt.matmul_block %a, %b, %i, %i, dst = 0, ct = 2, rt = 0, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, i32, i32
  func.return
}
// CHECK: compute_invalid.mlir:158:3: error: 'tt.matmul_block' op rt = 0 is not a block size: ct, rt and kt count tiles and are at least 1

// -----

func.func @f(%a: !tt.cb<2, bf16>, %b: !tt.cb<2, bf16>) {
  tt.matmul_block_init %a, %b transpose ct = 2, rt = 2, kt = 0 : !tt.cb<2, bf16>, !tt.cb<2, bf16>
  func.return
}
// CHECK: compute_invalid.mlir:166:3: error: 'tt.matmul_block_init' op kt = 0 is not a block size: ct, rt and kt count tiles and are at least 1

// -----

// matmul_block and its init unpack both CBs like matmul_tiles: one exponent width.
func.func @f(%a: !tt.cb<2, f16>, %b: !tt.cb<2, bfp4_b>, %i: index) {
  tt.matmul_block %a, %b, %i, %i, dst = 0, ct = 2, rt = 1, kt = 2 : !tt.cb<2, f16>, !tt.cb<2, bfp4_b>, index, index
  func.return
}
// CHECK: compute_invalid.mlir:175:3: error: 'tt.matmul_block' op input CB formats f16 and bfp4_b have different exponent widths; the unpacker needs all FPU inputs in one exponent family (bf16/bfp8_b/bfp4_b or f16)

// -----

func.func @f(%a: !tt.cb<2, bf16>, %b: !tt.cb<2, f16>) {
  tt.matmul_block_init %a, %b ct = 2, rt = 1, kt = 2 : !tt.cb<2, bf16>, !tt.cb<2, f16>
  func.return
}
// CHECK: compute_invalid.mlir:183:3: error: 'tt.matmul_block_init' op input CB formats bf16 and f16 have different exponent widths; the unpacker needs all FPU inputs in one exponent family (bf16/bfp8_b/bfp4_b or f16)

// -----

// The packer's L1 accumulation flag is on or off: an i1, not a count.
func.func @f(%on: i32) {
  tt.pack_l1_acc %on : i32
  func.return
}
// CHECK: compute_invalid.mlir:192:3: error: Expected attribute i1 but got i32

// -----

// Packer configuration belongs to the compute kernel.
tt.program @p attributes {device = #tt.device<n150>, cbs = []} {
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %on = arith.constant true
    tt.pack_l1_acc %on : i1
  }
}
// CHECK: compute_invalid.mlir:203:5: error: 'tt.pack_l1_acc' op is a compute op and cannot appear in writer kernel @writer; it belongs in a compute kernel
