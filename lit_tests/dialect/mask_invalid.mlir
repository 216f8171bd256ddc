// RUN: tt-opt %s --split-input-file --verify-diagnostics | filecheck %s

// A mask of a vector: masks compare a row index with a column index.
func.func @f(%r: index) {
  %a = tt.alloc_fragment : memref<64xf32>
  tt.mask %a, %r, %r if ge then 0.0 else 1.0 : memref<64xf32>
  func.return
}
// CHECK: mask_invalid.mlir:6:3: error: 'tt.mask' op the mask's buffer must be a static 2-D buffer, got memref<64xf32>

// -----

// A NaN value.
func.func @f(%r: index) {
  %a = tt.alloc_fragment : memref<32x32xf32>
  tt.mask %a, %r, %r if ge then 0.0 else 0x7FF8000000000000 : memref<32x32xf32>
  func.return
}
// CHECK: mask_invalid.mlir:16:3: error: 'tt.mask' op the value where the predicate fails must be a number or ±inf, got NaN

// -----

// An unknown predicate.
func.func @f(%r: index) {
  %a = tt.alloc_fragment : memref<32x32xf32>
  tt.mask %a, %r, %r if eq then 0.0 else 1.0 : memref<32x32xf32>
  func.return
}
// CHECK: mask_invalid.mlir:26:25: error: Expected `ge`, `gt`, `le`, or `lt`.

// -----

// Offsets are indices.
func.func @f(%r: i32) {
  %a = tt.alloc_fragment : memref<32x32xf32>
  "tt.mask"(%a, %r, %r) <{predicate = #tt.mask_predicate<ge>, on_true = 0.0 : f64, on_false = 1.0 : f64}> : (memref<32x32xf32>, i32, i32) -> ()
  func.return
}
// CHECK: mask_invalid.mlir:36:3: error: 'tt.mask' op operand 'row' at position 1 does not verify:

// -----

// Mask tiles are bf16 or f32.
func.func @f(%r: index, %p: i32) {
  %cb = tt.get_cb 24 : !tt.cb<2, bfp8_b>
  tt.write_mask_tile %cb, %p, %r, %r if ge then 0 else 0xff800000 : !tt.cb<2, bfp8_b>
  func.return
}
// CHECK: mask_invalid.mlir:46:3: error: 'tt.write_mask_tile' op writes masks into bf16 or f32 CBs, got a CB of bfp8_b

// -----

// A value wider than an f32 pattern.
func.func @f(%r: index, %p: i32) {
  %cb = tt.get_cb 24 : !tt.cb<2, f32>
  tt.write_mask_tile %cb, %p, %r, %r if ge then 0x100000000 else 0 : !tt.cb<2, f32>
  func.return
}
// CHECK: mask_invalid.mlir:56:3: error: 'tt.write_mask_tile' op on_true must be a 32-bit f32 pattern (0 to 0xffffffff), got 4294967296

// -----

// A NaN pattern.
func.func @f(%r: index, %p: i32) {
  %cb = tt.get_cb 24 : !tt.cb<2, f32>
  tt.write_mask_tile %cb, %p, %r, %r if ge then 0 else 0x7fc00000 : !tt.cb<2, f32>
  func.return
}
// CHECK: mask_invalid.mlir:66:3: error: 'tt.write_mask_tile' op on_false 0x7fc00000 is a NaN; mask values are numbers or ±inf

// -----

// The format property is the CB's.
func.func @f(%r: index, %p: i32) {
  %cb = tt.get_cb 24 : !tt.cb<2, f32>
  "tt.write_mask_tile"(%cb, %p, %r, %r) <{predicate = #tt.mask_predicate<ge>, on_true = 0 : i64, on_false = 0 : i64, format = #tt.data_format<bf16>}> : (!tt.cb<2, f32>, i32, index, index) -> ()
  func.return
}
// CHECK: mask_invalid.mlir:76:3: error: 'tt.write_mask_tile' op format bf16 is not its CB's (f32)

// -----

// A mask tile is written by a data-movement core.
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 24, pages = 2, page_size = 4096, f32>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb = tt.get_cb 24 : !tt.cb<2, f32>
    %r = arith.constant 0 : index
    %p = arith.constant 0 : i32
    tt.write_mask_tile %cb, %p, %r, %r if ge then 0 else 0xff800000 : !tt.cb<2, f32>
  }
}
// CHECK: mask_invalid.mlir:89:5: error: 'tt.write_mask_tile' op is a dataflow op and cannot appear in compute kernel @compute; it belongs in a reader or writer kernel
