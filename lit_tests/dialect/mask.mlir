// RUN: tt-opt %s | filecheck %s
// RUN: TT_ROUNDTRIP | filecheck %s
// RUN: TT_GENERIC_ROUNDTRIP | filecheck %s --check-prefix=GENERIC

// Masks: tt.mask (tile program: dst[i, j] = row + i PRED col + j ? on_true : on_false)
// and tt.write_mask_tile (one tile of it written by a data-movement core into a CB
// page), in their custom forms; ±inf as xDSL prints it.

func.func @masks(%row: index, %col: index) {
  %a = tt.alloc_fragment : memref<64x32xf32>
  %b = tt.alloc_shared : memref<32x32xbf16>
  tt.mask %a, %row, %col if ge then 0.0 else 0xFFF0000000000000 : memref<64x32xf32>
  tt.mask %b, %col, %row if lt then -1.5 else 2 : memref<32x32xbf16>
  %cb = tt.get_cb 24 : !tt.cb<2, bf16>
  %p = tt.get_write_ptr %cb : !tt.cb<2, bf16>
  tt.write_mask_tile %cb, %p, %row, %col if gt then 0x3f800000 else 0xff800000 : !tt.cb<2, bf16>
  tt.write_mask_tile %cb, %p, %row, %col if le then 0 else 0x7f800000 : !tt.cb<2, bf16>
  func.return
}
// CHECK:      tt.mask %a, %row, %col if ge then 0.000000e+00 else 0xfff0000000000000 : memref<64x32xf32>
// CHECK-NEXT: tt.mask %b, %col, %row if lt then -1.500000e+00 else 2.000000e+00 : memref<32x32xbf16>
// CHECK:      tt.write_mask_tile %cb, %p, %row, %col if gt then 0x3f800000 else 0xff800000 : !tt.cb<2, bf16>
// CHECK-NEXT: tt.write_mask_tile %cb, %p, %row, %col if le then 0x00000000 else 0x7f800000 : !tt.cb<2, bf16>

// GENERIC:      "tt.mask"(%a, %row, %col) <{predicate = #tt.mask_predicate<ge>, on_true = 0.000000e+00 : f64, on_false = 0xfff0000000000000 : f64}> : (memref<64x32xf32>, index, index) -> ()
// GENERIC-NEXT: "tt.mask"(%b, %col, %row) <{predicate = #tt.mask_predicate<lt>, on_true = -1.500000e+00 : f64, on_false = 2.000000e+00 : f64}> : (memref<32x32xbf16>, index, index) -> ()
// GENERIC:      "tt.write_mask_tile"(%cb, %p, %row, %col) <{predicate = #tt.mask_predicate<gt>, on_true = 1065353216 : i64, on_false = 4286578688 : i64, format = #tt.data_format<bf16>}> : (!tt.cb<2, bf16>, i32, index, index) -> ()
