// RUN: tt-opt %s --split-input-file | filecheck %s
// RUN: TT_ROUNDTRIP | filecheck %s
// RUN: TT_GENERIC_ROUNDTRIP | filecheck %s --check-prefix=GENERIC

// Argument reads in every kernel role: per-core runtime args (bounded by the
// kernel's schema), common runtime args and compile-time args.

tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
    %a_addr = tt.get_arg_val 0 : i32
    %start = tt.get_arg_val 1 : i32
    %count = tt.get_arg_val 2 : i32
    %cb_id = tt.get_compile_time_arg_val 0 : i32
    %stride = tt.get_common_arg_val 0 : i32
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["count" : u32 = num_units]>} {
    %count = tt.get_arg_val 0 : i32
    %cb_in = tt.get_compile_time_arg_val 0 : i32
    %cb_out = tt.get_compile_time_arg_val 1 : i32
    %scale = tt.get_common_arg_val 3 : i32
  }
}

// CHECK:      tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
// CHECK-NEXT:   tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
// CHECK-NEXT:     %a_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:     %start = tt.get_arg_val 1 : i32
// CHECK-NEXT:     %count = tt.get_arg_val 2 : i32
// CHECK-NEXT:     %cb_id = tt.get_compile_time_arg_val 0 : i32
// CHECK-NEXT:     %stride = tt.get_common_arg_val 0 : i32
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["count" : u32 = num_units]>} {
// CHECK-NEXT:     %count = tt.get_arg_val 0 : i32
// CHECK-NEXT:     %cb_in = tt.get_compile_time_arg_val 0 : i32
// CHECK-NEXT:     %cb_out = tt.get_compile_time_arg_val 1 : i32
// CHECK-NEXT:     %scale = tt.get_common_arg_val 3 : i32
// CHECK-NEXT:   }
// CHECK-NEXT: }

// GENERIC:      %a_addr = "tt.get_arg_val"() <{index = 0 : i32}> : () -> i32
// GENERIC-NEXT: %start = "tt.get_arg_val"() <{index = 1 : i32}> : () -> i32
// GENERIC-NEXT: %count = "tt.get_arg_val"() <{index = 2 : i32}> : () -> i32
// GENERIC-NEXT: %cb_id = "tt.get_compile_time_arg_val"() <{index = 0 : i32}> : () -> i32
// GENERIC-NEXT: %stride = "tt.get_common_arg_val"() <{index = 0 : i32}> : () -> i32
// GENERIC:      %count = "tt.get_arg_val"() <{index = 0 : i32}> : () -> i32
// GENERIC-NEXT: %cb_in = "tt.get_compile_time_arg_val"() <{index = 0 : i32}> : () -> i32
// GENERIC-NEXT: %cb_out = "tt.get_compile_time_arg_val"() <{index = 1 : i32}> : () -> i32
// GENERIC-NEXT: %scale = "tt.get_common_arg_val"() <{index = 3 : i32}> : () -> i32

// -----

// Outside a kernel there is no schema, so any non-negative index is accepted.

func.func @free() -> i32 {
  %v = tt.get_arg_val 7 : i32
  %c = tt.get_common_arg_val 5 : i32
  %k = tt.get_compile_time_arg_val 12 : i32
  func.return %v : i32
}

// CHECK:      func.func @free() -> i32 {
// CHECK-NEXT:   %v = tt.get_arg_val 7 : i32
// CHECK-NEXT:   %c = tt.get_common_arg_val 5 : i32
// CHECK-NEXT:   %k = tt.get_compile_time_arg_val 12 : i32
// CHECK-NEXT:   func.return %v : i32
// CHECK-NEXT: }

// GENERIC:      %v = "tt.get_arg_val"() <{index = 7 : i32}> : () -> i32
// GENERIC-NEXT: %c = "tt.get_common_arg_val"() <{index = 5 : i32}> : () -> i32
// GENERIC-NEXT: %k = "tt.get_compile_time_arg_val"() <{index = 12 : i32}> : () -> i32
