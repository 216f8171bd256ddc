// RUN: tt-opt %s --split-input-file | filecheck %s
// RUN: TT_ROUNDTRIP | filecheck %s
// RUN: TT_GENERIC_ROUNDTRIP | filecheck %s --check-prefix=GENERIC

// Circular-buffer ops inside a program, in their custom form.

tt.program @cbs attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 4, page_size = 4096, f32>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %in = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %in, 2 : !tt.cb<2, bf16>
    %wp = tt.get_write_ptr %in : !tt.cb<2, bf16>
    %size = tt.get_tile_size %in : !tt.cb<2, bf16>
    tt.cb_push_back %in, 2 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %out = tt.get_cb 16 : !tt.cb<4, f32>
    tt.cb_wait_front %out, 1 : !tt.cb<4, f32>
    %rp = tt.get_read_ptr %out : !tt.cb<4, f32>
    tt.cb_pop_front %out, 1 : !tt.cb<4, f32>
  }
}

// CHECK:      tt.program @cbs attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 4, page_size = 4096, f32>]} {
// CHECK-NEXT:   tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
// CHECK-NEXT:     %in = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.cb_reserve_back %in, 2 : !tt.cb<2, bf16>
// CHECK-NEXT:     %wp = tt.get_write_ptr %in : !tt.cb<2, bf16>
// CHECK-NEXT:     %size = tt.get_tile_size %in : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.cb_push_back %in, 2 : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
// CHECK-NEXT:     %out = tt.get_cb 16 : !tt.cb<4, f32>
// CHECK-NEXT:     tt.cb_wait_front %out, 1 : !tt.cb<4, f32>
// CHECK-NEXT:     %rp = tt.get_read_ptr %out : !tt.cb<4, f32>
// CHECK-NEXT:     tt.cb_pop_front %out, 1 : !tt.cb<4, f32>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// GENERIC:      %in = "tt.get_cb"() <{index = 0 : i32}> : () -> !tt.cb<2, bf16>
// GENERIC-NEXT: "tt.cb_reserve_back"(%in) <{num_pages = 2 : i32}> : (!tt.cb<2, bf16>) -> ()
// GENERIC-NEXT: %wp = "tt.get_write_ptr"(%in) : (!tt.cb<2, bf16>) -> i32
// GENERIC-NEXT: %size = "tt.get_tile_size"(%in) : (!tt.cb<2, bf16>) -> i32
// GENERIC-NEXT: "tt.cb_push_back"(%in) <{num_pages = 2 : i32}> : (!tt.cb<2, bf16>) -> ()
// GENERIC:      %out = "tt.get_cb"() <{index = 16 : i32}> : () -> !tt.cb<4, f32>
// GENERIC-NEXT: "tt.cb_wait_front"(%out) <{num_pages = 1 : i32}> : (!tt.cb<4, f32>) -> ()
// GENERIC-NEXT: %rp = "tt.get_read_ptr"(%out) : (!tt.cb<4, f32>) -> i32
// GENERIC-NEXT: "tt.cb_pop_front"(%out) <{num_pages = 1 : i32}> : (!tt.cb<4, f32>) -> ()
