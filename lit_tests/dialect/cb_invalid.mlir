// RUN: tt-opt %s --split-input-file --verify-diagnostics | filecheck %s

// A page count above the CB's pages.
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb, 3 : !tt.cb<2, bf16>
  }
}
// CHECK: cb_invalid.mlir:7:5: error: 'tt.cb_reserve_back' op page count 3 exceeds the 2 pages of the CB

// -----

// A non-positive page count.
func.func @f(%cb: !tt.cb<2, bf16>) {
  tt.cb_pop_front %cb, 0 : !tt.cb<2, bf16>
  func.return
}
// CHECK: cb_invalid.mlir:16:3: error: 'tt.cb_pop_front' op page count must be positive, got 0

// -----

// A CB index outside the architecture's range (wormhole_b0 has 32).
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 32, pages = 2, page_size = 2048, bf16>]} {
}
// CHECK: cb_invalid.mlir:24:1: error: 'tt.program' op CB index 32 is out of range: n150 (wormhole_b0) has 32 CBs per core (0..31)

// -----

// Blackhole has 64 CBs: index 40 is fine there, but get_cb must name a described CB.
tt.program @p attributes {device = #tt.device<p150>, cbs = [#tt.cb_desc<index = 40, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb = tt.get_cb 41 : !tt.cb<2, bf16>
  }
}
// CHECK: cb_invalid.mlir:33:5: error: 'tt.get_cb' op CB 41 is not described by the enclosing tt.program

// -----

tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb = tt.get_cb 0 : !tt.cb<4, bf16>
  }
}
// CHECK: cb_invalid.mlir:42:5: error: 'tt.get_cb' op CB 0 is described as 2 pages of bf16 but used as 4 pages of bf16

// -----

tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 3, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 3, pages = 1, page_size = 2048, bf16>]} {
}
// CHECK: cb_invalid.mlir:49:1: error: 'tt.program' op CB index 3 is described twice

// -----

// Pointers into L1 are for the data-movement kernels only.
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb = tt.get_cb 0 : !tt.cb<2, bf16>
    %p = tt.get_read_ptr %cb : !tt.cb<2, bf16>
  }
}
// CHECK: cb_invalid.mlir:59:5: error: 'tt.get_read_ptr' op is a dataflow op and cannot appear in compute kernel @compute; it belongs in a reader or writer kernel
