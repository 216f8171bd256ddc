// RUN: tt-opt %s --split-input-file | filecheck %s
// RUN: TT_ROUNDTRIP | filecheck %s
// RUN: TT_GENERIC_ROUNDTRIP | filecheck %s --check-prefix=GENERIC

// Vectors, reductions and broadcasts: the tile-program ops (a rank-1 buffer, reductions
// scaled by a tile of ones, broadcast binary ops, max and min) ...

func.func @tile_program(%x: memref<64x64xf32>, %ones: memref<32x32xf32>, %s: memref<64xf32>, %y: memref<64x64xf32>) {
  %v = tt.alloc_fragment : memref<64xf32>
  tt.reduce_sum %x, %ones to %s dim = 1 : memref<64x64xf32>, memref<32x32xf32> to memref<64xf32>
  tt.reduce_max %x, %ones to %v dim = 0 : memref<64x64xf32>, memref<32x32xf32> to memref<64xf32>
  tt.sub %x, %s to %y {broadcast = #tt.broadcast<col>} : memref<64x64xf32>, memref<64xf32> to memref<64x64xf32>
  tt.mul %y, %v to %y {broadcast = #tt.broadcast<row>} : memref<64x64xf32>, memref<64xf32> to memref<64x64xf32>
  tt.max %s, %v to %v : memref<64xf32>
  tt.min %s, %v to %s : memref<64xf32>
  func.return
}
// CHECK-LABEL: func.func @tile_program
// CHECK:      %v = tt.alloc_fragment : memref<64xf32>
// CHECK-NEXT: tt.reduce_sum %x, %ones to %s dim = 1 : memref<64x64xf32>, memref<32x32xf32> to memref<64xf32>
// CHECK-NEXT: tt.reduce_max %x, %ones to %v dim = 0 : memref<64x64xf32>, memref<32x32xf32> to memref<64xf32>
// CHECK-NEXT: tt.sub %x, %s to %y {broadcast = #tt.broadcast<col>} : memref<64x64xf32>, memref<64xf32> to memref<64x64xf32>
// CHECK-NEXT: tt.mul %y, %v to %y {broadcast = #tt.broadcast<row>} : memref<64x64xf32>, memref<64xf32> to memref<64x64xf32>
// CHECK-NEXT: tt.max %s, %v to %v : memref<64xf32>
// CHECK-NEXT: tt.min %s, %v to %s : memref<64xf32>
// GENERIC-LABEL: "func.func"() <{sym_name = "tile_program"
// GENERIC:     "tt.reduce_sum"(%x, %ones, %s) <{dim = 1 : i64}>
// GENERIC:     "tt.sub"(%x, %s, %y) <{broadcast = #tt.broadcast<col>}>

// -----

// ... and the compute ops they lower to: reduce_init / reduce_tile / reduce_uninit with
// their pool type and dimension, the broadcast family, and the SFPU max and min of two
// DST tiles.

tt.program @vector_ops attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 4096, f32>, #tt.cb_desc<index = 1, pages = 2, page_size = 4096, f32>, #tt.cb_desc<index = 16, pages = 2, page_size = 4096, f32>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
    %in = tt.get_cb 0 : !tt.cb<2, f32>
    %ones = tt.get_cb 1 : !tt.cb<2, f32>
    %out = tt.get_cb 16 : !tt.cb<2, f32>
    %c0 = arith.constant 0 : index
    tt.reduce_init %in, %ones, %out <sum> <row> : !tt.cb<2, f32>, !tt.cb<2, f32>, !tt.cb<2, f32>
    tt.reduce_tile %in, %ones, %c0, %c0, dst = 0 <max> <col> : !tt.cb<2, f32>, !tt.cb<2, f32>, index, index
    tt.reduce_uninit
    tt.add_bcast_cols_init_short %in, %ones : !tt.cb<2, f32>, !tt.cb<2, f32>
    tt.add_tiles_bcast_cols %in, %ones, %c0, %c0, dst = 0 : !tt.cb<2, f32>, !tt.cb<2, f32>, index, index
    tt.add_bcast_rows_init_short %in, %ones : !tt.cb<2, f32>, !tt.cb<2, f32>
    tt.add_tiles_bcast_rows %in, %ones, %c0, %c0, dst = 0 : !tt.cb<2, f32>, !tt.cb<2, f32>, index, index
    tt.sub_bcast_cols_init_short %in, %ones : !tt.cb<2, f32>, !tt.cb<2, f32>
    tt.sub_tiles_bcast_cols %in, %ones, %c0, %c0, dst = 0 : !tt.cb<2, f32>, !tt.cb<2, f32>, index, index
    tt.sub_bcast_rows_init_short %in, %ones : !tt.cb<2, f32>, !tt.cb<2, f32>
    tt.sub_tiles_bcast_rows %in, %ones, %c0, %c0, dst = 0 : !tt.cb<2, f32>, !tt.cb<2, f32>, index, index
    tt.mul_bcast_cols_init_short %in, %ones : !tt.cb<2, f32>, !tt.cb<2, f32>
    tt.mul_tiles_bcast_cols %in, %ones, %c0, %c0, dst = 0 : !tt.cb<2, f32>, !tt.cb<2, f32>, index, index
    tt.mul_bcast_rows_init_short %in, %ones : !tt.cb<2, f32>, !tt.cb<2, f32>
    tt.mul_tiles_bcast_rows %in, %ones, %c0, %c0, dst = 0 : !tt.cb<2, f32>, !tt.cb<2, f32>, index, index
    tt.binary_max_tile_init
    tt.binary_max_tile 0, 1, dst = 0
    tt.binary_min_tile_init
    tt.binary_min_tile 2, 3, dst = 2
  }
}
// CHECK-LABEL: tt.program @vector_ops
// CHECK:      tt.reduce_init %in, %ones, %out <sum> <row> : !tt.cb<2, f32>, !tt.cb<2, f32>, !tt.cb<2, f32>
// CHECK-NEXT: tt.reduce_tile %in, %ones, %c0, %c0, dst = 0 <max> <col> : !tt.cb<2, f32>, !tt.cb<2, f32>, index, index
// CHECK-NEXT: tt.reduce_uninit
// CHECK-NEXT: tt.add_bcast_cols_init_short %in, %ones
// CHECK-NEXT: tt.add_tiles_bcast_cols %in, %ones, %c0, %c0, dst = 0
// CHECK-NEXT: tt.add_bcast_rows_init_short %in, %ones
// CHECK-NEXT: tt.add_tiles_bcast_rows %in, %ones, %c0, %c0, dst = 0
// CHECK-NEXT: tt.sub_bcast_cols_init_short %in, %ones
// CHECK-NEXT: tt.sub_tiles_bcast_cols %in, %ones, %c0, %c0, dst = 0
// CHECK-NEXT: tt.sub_bcast_rows_init_short %in, %ones
// CHECK-NEXT: tt.sub_tiles_bcast_rows %in, %ones, %c0, %c0, dst = 0
// CHECK-NEXT: tt.mul_bcast_cols_init_short %in, %ones
// CHECK-NEXT: tt.mul_tiles_bcast_cols %in, %ones, %c0, %c0, dst = 0
// CHECK-NEXT: tt.mul_bcast_rows_init_short %in, %ones
// CHECK-NEXT: tt.mul_tiles_bcast_rows %in, %ones, %c0, %c0, dst = 0
// CHECK-NEXT: tt.binary_max_tile_init
// CHECK-NEXT: tt.binary_max_tile 0, 1, dst = 0
// CHECK-NEXT: tt.binary_min_tile_init
// CHECK-NEXT: tt.binary_min_tile 2, 3, dst = 2
// GENERIC-LABEL: "tt.program"() <{sym_name = "vector_ops"
// GENERIC:     "tt.reduce_init"(%in, %ones, %out) <{pool = #tt.pool_type<sum>, dim = #tt.reduce_dim<row>}>
// GENERIC:     "tt.reduce_tile"(%in, %ones, %c0, %c0) <{dst = 0 : i32, pool = #tt.pool_type<max>, dim = #tt.reduce_dim<col>}>
// GENERIC:     "tt.binary_max_tile"() <{lhs = 0 : i32, rhs = 1 : i32, dst = 0 : i32}>
