// RUN: tt-opt %s --split-input-file --verify-diagnostics | filecheck %s

// A runtime argument past the end of the kernel's schema.
tt.program @p attributes {device = #tt.device<n150>, cbs = []} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
    %v = tt.get_arg_val 3 : i32
  }
}
// CHECK: args_invalid.mlir:6:5: error: 'tt.get_arg_val' op runtime argument 3 is out of range: kernel @reader declares 3 runtime arguments

// -----

// A kernel without a runtime_args schema declares none; the bound applies to
// compute kernels too.
tt.program @p attributes {device = #tt.device<n150>, cbs = []} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %v = tt.get_arg_val 0 : i32
  }
}
// CHECK: args_invalid.mlir:17:5: error: 'tt.get_arg_val' op runtime argument 0 is out of range: kernel @compute declares 0 runtime arguments

// -----

tt.program @p attributes {device = #tt.device<n150>, cbs = []} {
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["c_addr" : u32 = buffer_address(2)]>} {
    %v = tt.get_arg_val 1 : i32
  }
}
// CHECK: args_invalid.mlir:26:5: error: 'tt.get_arg_val' op runtime argument 1 is out of range: kernel @writer declares 1 runtime argument

// -----

// Negative indices.
func.func @f() {
  %v = tt.get_arg_val -1 : i32
  func.return
}
// CHECK: args_invalid.mlir:35:3: error: 'tt.get_arg_val' op runtime argument index must be non-negative, got -1

// -----

func.func @f() {
  %v = tt.get_common_arg_val -2 : i32
  func.return
}
// CHECK: args_invalid.mlir:43:3: error: 'tt.get_common_arg_val' op common runtime argument index must be non-negative, got -2

// -----

func.func @f() {
  %v = tt.get_compile_time_arg_val -3 : i32
  func.return
}
// CHECK: args_invalid.mlir:51:3: error: 'tt.get_compile_time_arg_val' op compile-time argument index must be non-negative, got -3
