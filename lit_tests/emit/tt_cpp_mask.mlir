// RUN: tt-opt %s -p 'tt-pipeline{grid=1x2},convert-tt-to-emitc' | filecheck %s --check-prefix=EMITC
// RUN: tt-opt %s -p 'tt-pipeline{grid=1x2}' -t tt-cpp | filecheck %s

// A causal mask added to a block (attention's scores), and a -inf fill. The reader
// writes the mask's tiles: each tt.write_mask_tile is a call of the helper of
// tt_mask_tile.h, the predicate and the CB's format as template arguments, the
// values as f32 bit patterns; the reader includes the header and tt-cpp writes it
// among the artifacts. The fill of -inf is fill_tile_bitcast of its bits.
func.func @mask(%X: memref<64x128xf32>, %Z: memref<64x128xf32>, %M: memref<64x32xf32>) {
  tt.launch_grid (%bx, %by) in (2, 1) {
    %c0 = arith.constant 0 : index
    %c5 = arith.constant 5 : index
    %c64 = arith.constant 64 : index
    %x = tt.alloc_shared : memref<64x64xf32>
    %m = tt.alloc_shared : memref<64x64xf32>
    %s = tt.alloc_fragment : memref<64x64xf32>
    %low = tt.alloc_fragment : memref<64x32xf32>
    %col = arith.muli %bx, %c64 : index
    tt.mask %m, %c5, %col if ge then 0.0 else 0xFFF0000000000000 : memref<64x64xf32>
    tt.copy %X[%c0, %col] to %x : memref<64x128xf32> to memref<64x64xf32>
    tt.add %x, %m to %s : memref<64x64xf32>
    tt.copy %s to %Z[%c0, %col] : memref<64x64xf32> to memref<64x128xf32>
    tt.fill %low, 0xFFF0000000000000 : memref<64x32xf32>
    tt.copy %low to %M[%c0, %c0] : memref<64x32xf32> to memref<64x32xf32>
  }
  func.return
}
// EMITC:      tt.kernel @reader reader
// EMITC-SAME:   tt.cpp_includes = ["api/dataflow/dataflow_api.h", "tt_mask_tile.h"]
// EMITC:      emitc.call_opaque "tt_dialect::write_mask_tile"(%l1_addr, %first_row, %first_col) {args = [0 : index, 1 : index, 2 : index, #emitc.opaque<"0x00000000u">, #emitc.opaque<"0xff800000u">], template_args = [#emitc.opaque<"tt_dialect::MaskPredicate::Ge">, #emitc.opaque<"tt_dialect::MaskFormat::Float32">]} : (i32, index, index) -> ()
// EMITC:      tt.kernel @compute compute
// EMITC:      emitc.call_opaque "fill_tile_bitcast"() {args = [0 : ui32, #emitc.opaque<"0xff800000u">]} : () -> ()

// CHECK-LABEL: // FILE: reader.cpp
// CHECK:       #include "api/dataflow/dataflow_api.h"
// CHECK-NEXT:  #include "tt_mask_tile.h"
// CHECK:         cb_reserve_back([[MASK:cb[0-9]+]], 4);
// CHECK-NEXT:    const uint32_t l1_write = get_write_ptr([[MASK]]);
// CHECK-NEXT:    for (uint32_t tile = 0; tile < 4; tile += 1) {
// CHECK-NEXT:      const uint32_t tile_row = tile / 2;
// CHECK-NEXT:      const uint32_t tile_col = tile % 2;
// CHECK-NEXT:      const uint32_t row_offset = tile_row * 32;
// CHECK-NEXT:      const uint32_t col_offset = tile_col * 32;
// CHECK-NEXT:      const uint32_t first_row = 5 + row_offset;
// CHECK-NEXT:      const uint32_t first_col = [[COL:[a-z_0-9]+]] + col_offset;
// CHECK-NEXT:      const uint32_t page_offset = tile * 4096;
// CHECK-NEXT:      const uint32_t l1_addr = l1_write + page_offset;
// CHECK-NEXT:      tt_dialect::write_mask_tile<tt_dialect::MaskPredicate::Ge, tt_dialect::MaskFormat::Float32>(l1_addr, first_row, first_col, 0x00000000u, 0xff800000u);
// CHECK-NEXT:    }
// CHECK-NEXT:    cb_push_back([[MASK]], 4);
// CHECK-LABEL: // FILE: compute.cpp
// CHECK:         fill_tile_bitcast(0, 0xff800000u);
// CHECK-LABEL: // FILE: writer.cpp
// CHECK-LABEL: // FILE: tt_mask_tile.h
// CHECK:       namespace tt_dialect {
// CHECK:       inline void write_mask_tile(uint32_t l1_addr, uint32_t row, uint32_t col, uint32_t on_true, uint32_t on_false) {
// CHECK-LABEL: // FILE: main.cpp
