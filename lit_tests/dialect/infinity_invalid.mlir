// RUN: tt-opt %s --split-input-file --verify-diagnostics | filecheck %s

// A NaN fill (the f64 pattern 0x7ff8...): kernel constants are numbers or ±inf.
func.func @f() {
  %a = tt.alloc_fragment : memref<32x32xf32>
  tt.fill %a, 0x7FF8000000000000 : memref<32x32xf32>
  func.return
}
// CHECK: infinity_invalid.mlir:6:3: error: 'tt.fill' op the fill value must be a number or ±inf, got NaN

// -----

// A NaN scalar.
func.func @f() {
  %a = tt.alloc_fragment : memref<32x32xf32>
  tt.mul_scalar %a, 0x7fc00000 to %a : memref<32x32xf32>
  func.return
}
// CHECK: infinity_invalid.mlir:16:3: error: 'tt.mul_scalar' op the scalar must be a number or ±inf, got NaN

// -----

// fill_tile prints its value as a C++ float literal, which no infinity has.
func.func @f() {
  "tt.fill_tile"() <{dst = 0 : i32, value = 0xff800000 : f32}> : () -> ()
  func.return
}
// CHECK: infinity_invalid.mlir:25:3: error: 'tt.fill_tile' op fills a non-finite value (-inf); C++ has no float literal for it: use tt.fill_tile_bitcast with its bit pattern

// -----

// A bit pattern wider than an f32.
func.func @f() {
  tt.fill_tile_bitcast dst = 0, bits = 0x1ff800000
  func.return
}
// CHECK: infinity_invalid.mlir:34:3: error: 'tt.fill_tile_bitcast' op bits must be a 32-bit pattern (0 to 0xffffffff), got 8581545984

// -----

// A NaN pattern.
func.func @f() {
  tt.fill_tile_bitcast dst = 0, bits = 0x7fc00000
  func.return
}
// CHECK: infinity_invalid.mlir:43:3: error: 'tt.fill_tile_bitcast' op bits 0x7fc00000 are a NaN; fills are numbers or ±inf

// -----

// A hexadecimal literal wider than the property's type.
func.func @f() {
  %a = tt.alloc_fragment : memref<32x32xf32>
  tt.mul_scalar %a, 0xfff0000000000000 to %a : memref<32x32xf32>
  func.return
}
// CHECK: infinity_invalid.mlir:53:21: error: hexadecimal float literal 0xfff0000000000000 has more than 32 bits
