// RUN: tt-opt %s | filecheck %s
// RUN: TT_ROUNDTRIP | filecheck %s
// RUN: TT_GENERIC_ROUNDTRIP | filecheck %s --check-prefix=GENERIC

// ±inf constants (TileLang's T.infinity): xDSL prints a non-finite float as its
// hexadecimal bit pattern, which the custom forms read back; fill_tile_bitcast
// carries the f32 pattern of a fill no C++ literal spells.

func.func @infinities() {
  %a = tt.alloc_fragment : memref<32x32xf32>
  %b = tt.alloc_fragment : memref<32x32xf32>
  tt.fill %a, 0xFFF0000000000000 : memref<32x32xf32>
  tt.fill %a, 0x7ff0000000000000 : memref<32x32xf32>
  tt.fill %a, -2 : memref<32x32xf32>
  tt.add_scalar %a, 0xff800000 to %b : memref<32x32xf32>
  tt.fill_tile_init
  tt.fill_tile_bitcast dst = 0, bits = 0xff800000
  tt.add_unary_tile dst = 1, 0x7f800000
  func.return
}
// CHECK:      tt.fill %a, 0xfff0000000000000 : memref<32x32xf32>
// CHECK-NEXT: tt.fill %a, 0x7ff0000000000000 : memref<32x32xf32>
// CHECK-NEXT: tt.fill %a, -2.000000e+00 : memref<32x32xf32>
// CHECK-NEXT: tt.add_scalar %a, 0xff800000 to %b : memref<32x32xf32>
// CHECK-NEXT: tt.fill_tile_init
// CHECK-NEXT: tt.fill_tile_bitcast dst = 0, bits = 0xff800000
// CHECK-NEXT: tt.add_unary_tile dst = 1, 0x7f800000

// GENERIC:      "tt.fill"(%a) <{value = 0xfff0000000000000 : f64}> : (memref<32x32xf32>) -> ()
// GENERIC-NEXT: "tt.fill"(%a) <{value = 0x7ff0000000000000 : f64}> : (memref<32x32xf32>) -> ()
// GENERIC-NEXT: "tt.fill"(%a) <{value = -2.000000e+00 : f64}> : (memref<32x32xf32>) -> ()
// GENERIC-NEXT: "tt.add_scalar"(%a, %b) <{scalar = 0xff800000 : f32}> : (memref<32x32xf32>, memref<32x32xf32>) -> ()
// GENERIC-NEXT: "tt.fill_tile_init"() : () -> ()
// GENERIC-NEXT: "tt.fill_tile_bitcast"() <{dst = 0 : i32, bits = 4286578688 : i64}> : () -> ()
// GENERIC-NEXT: "tt.add_unary_tile"() <{dst = 1 : i32, value = 0x7f800000 : f32}> : () -> ()
