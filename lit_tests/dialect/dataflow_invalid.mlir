// RUN: tt-opt %s --split-input-file --verify-diagnostics | filecheck %s

// NOC ops belong in data-movement kernels: a page read in a compute kernel
// (the accessor comes from a test op so that the read is the first error).
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["start" : u32 = start_unit]>} {
    %start = tt.get_arg_val 0 : i32
    %a = "test.op"() : () -> !tt.tensor_accessor
    %cb = tt.get_cb 0 : !tt.cb<2, bf16>
    %l1 = "test.op"() : () -> i32
    tt.noc_async_read_page %start, %a, %l1 : i32
  }
}
// CHECK: dataflow_invalid.mlir:11:5: error: 'tt.noc_async_read_page' op is a dataflow op and cannot appear in compute kernel @compute; it belongs in a reader or writer kernel

// -----

tt.program @p attributes {device = #tt.device<n150>, cbs = []} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a_addr" : u32 = buffer_address(0)]>} {
    %a_addr = tt.get_arg_val 0 : i32
    %a = tt.tensor_accessor %a_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
  }
}
// CHECK: dataflow_invalid.mlir:21:5: error: 'tt.tensor_accessor' op is a dataflow op and cannot appear in compute kernel @compute; it belongs in a reader or writer kernel

// -----

tt.program @p attributes {device = #tt.device<n150>, cbs = []} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    tt.noc_async_write_barrier
  }
}
// CHECK: dataflow_invalid.mlir:30:5: error: 'tt.noc_async_write_barrier' op is a dataflow op and cannot appear in compute kernel @compute; it belongs in a reader or writer kernel

// -----

tt.program @p attributes {device = #tt.device<n150>, cbs = []} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %tile = "test.op"() : () -> index
    %a = "test.op"() : () -> !tt.tensor_accessor
    %src = tt.get_noc_addr %tile, %a : index -> !tt.noc_addr
  }
}
// CHECK: dataflow_invalid.mlir:41:5: error: 'tt.get_noc_addr' op is a dataflow op and cannot appear in compute kernel @compute; it belongs in a reader or writer kernel

// -----

// A negative compile-time-arg offset for the accessor args.
func.func @f(%addr: i32) {
  %a = tt.tensor_accessor %addr, cta_offset = -1, page_size = 2048 : !tt.tensor_accessor
  func.return
}
// CHECK: dataflow_invalid.mlir:50:3: error: 'tt.tensor_accessor' op cta_offset must be non-negative, got -1

// -----

// A page size that is not positive.
func.func @f(%addr: i32) {
  %a = tt.tensor_accessor %addr, cta_offset = 2, page_size = 0 : !tt.tensor_accessor
  func.return
}
// CHECK: dataflow_invalid.mlir:59:3: error: 'tt.tensor_accessor' op page_size must be positive, got 0

// -----

func.func @f(%addr: i32) {
  %a = tt.tensor_accessor %addr, cta_offset = 2, page_size = -2048 : !tt.tensor_accessor
  func.return
}
// CHECK: dataflow_invalid.mlir:67:3: error: 'tt.tensor_accessor' op page_size must be positive, got -2048

// -----

// Tile ids are index or i32 (generic form: the custom form rejects i64 when parsing).
func.func @f(%tile: i64, %a: !tt.tensor_accessor, %l1: i32) {
  "tt.noc_async_write_page"(%tile, %a, %l1) : (i64, !tt.tensor_accessor, i32) -> ()
  func.return
}
// CHECK: dataflow_invalid.mlir:76:3: error: 'tt.noc_async_write_page' op operand 'tile_id' at position 0 does not verify:

// -----

// Semaphore ids name one of the core's 16 semaphores.
func.func @f() {
  %sem = tt.get_semaphore 16
  func.return
}
// CHECK: dataflow_invalid.mlir:85:3: error: 'tt.get_semaphore' op semaphore id 16 is out of range: a core has 16 semaphores (ids 0..15)

// -----

func.func @f() {
  %sem = tt.get_semaphore -1
  func.return
}
// CHECK: dataflow_invalid.mlir:93:3: error: 'tt.get_semaphore' op semaphore id -1 is out of range: a core has 16 semaphores (ids 0..15)

// -----

// A multicast reaches at least one core: a constant num_dests must be positive.
func.func @f(%l1: i32, %m: !tt.noc_addr, %size: i32) {
  %n = arith.constant 0 : i32
  tt.noc_async_write_multicast %l1, %m, %size, num_dests = %n loopback
  func.return
}
// CHECK: dataflow_invalid.mlir:103:3: error: 'tt.noc_async_write_multicast' op num_dests must be positive, got 0

// -----

func.func @f(%sem: i32, %m: !tt.noc_addr) {
  %n = arith.constant -2 : i32
  tt.semaphore_set_multicast %sem, %m, num_dests = %n
  func.return
}
// CHECK: dataflow_invalid.mlir:112:3: error: 'tt.semaphore_set_multicast' op num_dests must be positive, got -2

// -----

// Semaphores and multicasts belong in data-movement kernels.
tt.program @p attributes {device = #tt.device<n150>, cbs = [], semaphores = [#tt.semaphore<id = 0, initial = 0, cores = [(0, 0) to (0, 0)]>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %sem = tt.get_semaphore 0
  }
}
// CHECK: dataflow_invalid.mlir:122:5: error: 'tt.get_semaphore' op is a dataflow op and cannot appear in compute kernel @compute; it belongs in a reader or writer kernel

// -----

tt.program @p attributes {device = #tt.device<n150>, cbs = []} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %sem = "test.op"() : () -> i32
    %n = "test.op"() : () -> i32
    tt.semaphore_wait %sem, %n
  }
}
// CHECK: dataflow_invalid.mlir:133:5: error: 'tt.semaphore_wait' op is a dataflow op and cannot appear in compute kernel @compute; it belongs in a reader or writer kernel

// -----

tt.program @p attributes {device = #tt.device<n150>, cbs = []} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %x = "test.op"() : () -> i32
    %m = tt.get_noc_multicast_addr %x, %x, %x, %x, %x
  }
}
// CHECK: dataflow_invalid.mlir:143:5: error: 'tt.get_noc_multicast_addr' op is a dataflow op and cannot appear in compute kernel @compute; it belongs in a reader or writer kernel

// -----

tt.program @p attributes {device = #tt.device<n150>, cbs = []} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %x = "test.op"() : () -> i32
    %m = "test.op"() : () -> !tt.noc_addr
    tt.noc_async_write_multicast %x, %m, %x, num_dests = %x
  }
}
// CHECK: dataflow_invalid.mlir:154:5: error: 'tt.noc_async_write_multicast' op is a dataflow op and cannot appear in compute kernel @compute; it belongs in a reader or writer kernel

// -----

// In a program, a kernel reads only the semaphores the host creates.
tt.program @p attributes {device = #tt.device<n150>, cbs = [], semaphores = [#tt.semaphore<id = 0, initial = 0, cores = [(0, 0) to (0, 0)]>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %sem = tt.get_semaphore 0
    %other = tt.get_semaphore 3
  }
}
// CHECK: dataflow_invalid.mlir:165:5: error: 'tt.get_semaphore' op semaphore 3 is not among the semaphores of program @p
