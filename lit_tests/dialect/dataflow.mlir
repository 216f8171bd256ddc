// RUN: tt-opt %s --split-input-file | filecheck %s
// RUN: TT_ROUNDTRIP | filecheck %s
// RUN: TT_GENERIC_ROUNDTRIP | filecheck %s --check-prefix=GENERIC

// A reader and a writer in their custom form: runtime args -> accessor -> CB
// protocol around one page transfer and its barrier.

tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
    %a_addr = tt.get_arg_val 0 : i32
    %start = tt.get_arg_val 1 : i32
    %a = tt.tensor_accessor %a_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
    %cb = tt.get_cb 0 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb, 1 : !tt.cb<2, bf16>
    %l1 = tt.get_write_ptr %cb : !tt.cb<2, bf16>
    tt.noc_async_read_page %start, %a, %l1 : i32
    tt.noc_async_read_barrier
    tt.cb_push_back %cb, 1 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["c_addr" : u32 = buffer_address(2), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
    %c_addr = tt.get_arg_val 0 : i32
    %c = tt.tensor_accessor %c_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
    %cb = tt.get_cb 16 : !tt.cb<2, bf16>
    %tile = arith.constant 0 : index
    tt.cb_wait_front %cb, 1 : !tt.cb<2, bf16>
    %l1 = tt.get_read_ptr %cb : !tt.cb<2, bf16>
    tt.noc_async_write_page %tile, %c, %l1 : index
    tt.noc_async_write_barrier
    tt.cb_pop_front %cb, 1 : !tt.cb<2, bf16>
  }
}

// CHECK:      tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
// CHECK-NEXT:   tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
// CHECK-NEXT:     %a_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:     %start = tt.get_arg_val 1 : i32
// CHECK-NEXT:     %a = tt.tensor_accessor %a_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:     %cb = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.cb_reserve_back %cb, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     %l1 = tt.get_write_ptr %cb : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.noc_async_read_page %start, %a, %l1 : i32
// CHECK-NEXT:     tt.noc_async_read_barrier
// CHECK-NEXT:     tt.cb_push_back %cb, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["c_addr" : u32 = buffer_address(2), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
// CHECK-NEXT:     %c_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:     %c = tt.tensor_accessor %c_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:     %cb = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:     %tile = arith.constant 0 : index
// CHECK-NEXT:     tt.cb_wait_front %cb, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     %l1 = tt.get_read_ptr %cb : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.noc_async_write_page %tile, %c, %l1 : index
// CHECK-NEXT:     tt.noc_async_write_barrier
// CHECK-NEXT:     tt.cb_pop_front %cb, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// GENERIC:      %a_addr = "tt.get_arg_val"() <{index = 0 : i32}> : () -> i32
// GENERIC-NEXT: %start = "tt.get_arg_val"() <{index = 1 : i32}> : () -> i32
// GENERIC-NEXT: %a = "tt.tensor_accessor"(%a_addr) <{cta_offset = 1 : i32, page_size = 2048 : i32}> : (i32) -> !tt.tensor_accessor
// GENERIC-NEXT: %cb = "tt.get_cb"() <{index = 0 : i32}> : () -> !tt.cb<2, bf16>
// GENERIC-NEXT: "tt.cb_reserve_back"(%cb) <{num_pages = 1 : i32}> : (!tt.cb<2, bf16>) -> ()
// GENERIC-NEXT: %l1 = "tt.get_write_ptr"(%cb) : (!tt.cb<2, bf16>) -> i32
// GENERIC-NEXT: "tt.noc_async_read_page"(%start, %a, %l1) : (i32, !tt.tensor_accessor, i32) -> ()
// GENERIC-NEXT: "tt.noc_async_read_barrier"() : () -> ()
// GENERIC-NEXT: "tt.cb_push_back"(%cb) <{num_pages = 1 : i32}> : (!tt.cb<2, bf16>) -> ()
// GENERIC:      %c_addr = "tt.get_arg_val"() <{index = 0 : i32}> : () -> i32
// GENERIC-NEXT: %c = "tt.tensor_accessor"(%c_addr) <{cta_offset = 1 : i32, page_size = 2048 : i32}> : (i32) -> !tt.tensor_accessor
// GENERIC-NEXT: %cb = "tt.get_cb"() <{index = 16 : i32}> : () -> !tt.cb<2, bf16>
// GENERIC-NEXT: %tile = "arith.constant"() <{value = 0 : index}> : () -> index
// GENERIC-NEXT: "tt.cb_wait_front"(%cb) <{num_pages = 1 : i32}> : (!tt.cb<2, bf16>) -> ()
// GENERIC-NEXT: %l1 = "tt.get_read_ptr"(%cb) : (!tt.cb<2, bf16>) -> i32
// GENERIC-NEXT: "tt.noc_async_write_page"(%tile, %c, %l1) : (index, !tt.tensor_accessor, i32) -> ()
// GENERIC-NEXT: "tt.noc_async_write_barrier"() : () -> ()
// GENERIC-NEXT: "tt.cb_pop_front"(%cb) <{num_pages = 1 : i32}> : (!tt.cb<2, bf16>) -> ()

// -----

// Raw transfers through a NOC address; outside
// a program the ops verify on their own.

func.func @raw(%addr: i32, %tile: index, %page: i32, %l1: i32, %size: i32) {
  %acc = tt.tensor_accessor %addr, cta_offset = 0, page_size = 4096 : !tt.tensor_accessor
  %src = tt.get_noc_addr %tile, %acc : index -> !tt.noc_addr
  tt.noc_async_read %src, %l1, %size
  tt.noc_async_read_barrier
  %dst = tt.get_noc_addr %page, %acc : i32 -> !tt.noc_addr
  tt.noc_async_write %l1, %dst, %size
  tt.noc_async_write_barrier
  func.return
}

// CHECK:      func.func @raw(%addr: i32, %tile: index, %page: i32, %l1: i32, %size: i32) {
// CHECK-NEXT:   %acc = tt.tensor_accessor %addr, cta_offset = 0, page_size = 4096 : !tt.tensor_accessor
// CHECK-NEXT:   %src = tt.get_noc_addr %tile, %acc : index -> !tt.noc_addr
// CHECK-NEXT:   tt.noc_async_read %src, %l1, %size
// CHECK-NEXT:   tt.noc_async_read_barrier
// CHECK-NEXT:   %dst = tt.get_noc_addr %page, %acc : i32 -> !tt.noc_addr
// CHECK-NEXT:   tt.noc_async_write %l1, %dst, %size
// CHECK-NEXT:   tt.noc_async_write_barrier
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// GENERIC:      %acc = "tt.tensor_accessor"(%addr) <{cta_offset = 0 : i32, page_size = 4096 : i32}> : (i32) -> !tt.tensor_accessor
// GENERIC-NEXT: %src = "tt.get_noc_addr"(%tile, %acc) : (index, !tt.tensor_accessor) -> !tt.noc_addr
// GENERIC-NEXT: "tt.noc_async_read"(%src, %l1, %size) : (!tt.noc_addr, i32, i32) -> ()
// GENERIC-NEXT: "tt.noc_async_read_barrier"() : () -> ()
// GENERIC-NEXT: %dst = "tt.get_noc_addr"(%page, %acc) : (i32, !tt.tensor_accessor) -> !tt.noc_addr
// GENERIC-NEXT: "tt.noc_async_write"(%l1, %dst, %size) : (i32, !tt.noc_addr, i32) -> ()
// GENERIC-NEXT: "tt.noc_async_write_barrier"() : () -> ()

// -----

// Semaphores and multicast (tt-lower-shared-to-cb makes them for multicast loads):
// a sender waits for its receivers, multicasts a block, flushes it out of its L1 and
// sets their semaphore; a receiver signals the sender. num_dests is an operand;
// `loopback` picks the `_loopback_src` call.

func.func @mcast(%x: i32, %y: i32, %x1: i32, %y1: i32, %l1: i32, %size: i32, %n: i32, %one: i32) {
  %sem = tt.get_semaphore 15
  tt.semaphore_wait %sem, %n
  tt.semaphore_set %sem, %one
  %m = tt.get_noc_multicast_addr %x, %y, %x1, %y1, %l1
  tt.noc_async_write_multicast %l1, %m, %size, num_dests = %n
  tt.noc_async_write_multicast %l1, %m, %size, num_dests = %n loopback
  tt.noc_async_writes_flushed
  %msem = tt.get_noc_multicast_addr %x, %y, %x1, %y1, %sem
  tt.semaphore_set_multicast %sem, %msem, num_dests = %n
  tt.semaphore_set_multicast %sem, %msem, num_dests = %n loopback
  %a = tt.get_core_noc_addr %x, %y, %sem
  tt.semaphore_inc %a, %one
  func.return
}

// CHECK:      func.func @mcast(%x: i32, %y: i32, %x1: i32, %y1: i32, %l1: i32, %size: i32, %n: i32, %one: i32) {
// CHECK-NEXT:   %sem = tt.get_semaphore 15
// CHECK-NEXT:   tt.semaphore_wait %sem, %n
// CHECK-NEXT:   tt.semaphore_set %sem, %one
// CHECK-NEXT:   %m = tt.get_noc_multicast_addr %x, %y, %x1, %y1, %l1
// CHECK-NEXT:   tt.noc_async_write_multicast %l1, %m, %size, num_dests = %n
// CHECK-NEXT:   tt.noc_async_write_multicast %l1, %m, %size, num_dests = %n loopback
// CHECK-NEXT:   tt.noc_async_writes_flushed
// CHECK-NEXT:   %msem = tt.get_noc_multicast_addr %x, %y, %x1, %y1, %sem
// CHECK-NEXT:   tt.semaphore_set_multicast %sem, %msem, num_dests = %n
// CHECK-NEXT:   tt.semaphore_set_multicast %sem, %msem, num_dests = %n loopback
// CHECK-NEXT:   %a = tt.get_core_noc_addr %x, %y, %sem
// CHECK-NEXT:   tt.semaphore_inc %a, %one
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// GENERIC:      %sem = "tt.get_semaphore"() <{id = 15 : i32}> : () -> i32
// GENERIC-NEXT: "tt.semaphore_wait"(%sem, %n) : (i32, i32) -> ()
// GENERIC-NEXT: "tt.semaphore_set"(%sem, %one) : (i32, i32) -> ()
// GENERIC-NEXT: %m = "tt.get_noc_multicast_addr"(%x, %y, %x1, %y1, %l1) : (i32, i32, i32, i32, i32) -> !tt.noc_addr
// GENERIC-NEXT: "tt.noc_async_write_multicast"(%l1, %m, %size, %n) : (i32, !tt.noc_addr, i32, i32) -> ()
// GENERIC-NEXT: "tt.noc_async_write_multicast"(%l1, %m, %size, %n) <{loopback}> : (i32, !tt.noc_addr, i32, i32) -> ()
// GENERIC-NEXT: "tt.noc_async_writes_flushed"() : () -> ()
// GENERIC-NEXT: %msem = "tt.get_noc_multicast_addr"(%x, %y, %x1, %y1, %sem) : (i32, i32, i32, i32, i32) -> !tt.noc_addr
// GENERIC-NEXT: "tt.semaphore_set_multicast"(%sem, %msem, %n) : (i32, !tt.noc_addr, i32) -> ()
// GENERIC-NEXT: "tt.semaphore_set_multicast"(%sem, %msem, %n) <{loopback}> : (i32, !tt.noc_addr, i32) -> ()
// GENERIC-NEXT: %a = "tt.get_core_noc_addr"(%x, %y, %sem) : (i32, i32, i32) -> !tt.noc_addr
// GENERIC-NEXT: "tt.semaphore_inc"(%a, %one) : (!tt.noc_addr, i32) -> ()
