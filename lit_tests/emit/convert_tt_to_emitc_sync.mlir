// RUN: tt-opt %s -p convert-tt-to-emitc | filecheck %s

// A multicast sender written by hand (tt-lower-shared-to-cb makes these ops for
// multicast loads): it waits until its receivers have counted themselves in on its
// semaphore, multicasts a block from its CB to the rectangle (1, 1)-(4, 1) and to
// itself, flushes the block out of its L1, sets the
// receivers' semaphore by multicast, and increments a semaphore on core (1, 1).
// The semaphore address is cast to the API's `volatile tt_l1_ptr uint32_t*` the
// way tt-metal's kernels do; NOC addresses are `uint64_t`; every call is
// declared by api/dataflow/dataflow_api.h.
tt.program @mcast attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>], semaphores = [#tt.semaphore<id = 0, initial = 0, cores = [(0, 0) to (0, 0)]>, #tt.semaphore<id = 1, initial = 0, cores = [(0, 0) to (0, 0)]>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["count" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0]>} {
    %count = tt.get_arg_val 0 : i32
    %cb = tt.get_cb 0 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : i32
    %c1 = arith.constant 1 : i32
    %c4 = arith.constant 4 : i32
    %c5 = arith.constant 5 : i32
    %size = arith.constant 2048 : i32
    %sem = tt.get_semaphore 0
    %valid = tt.get_semaphore 1
    tt.semaphore_wait %sem, %count
    tt.semaphore_set %sem, %c0
    tt.cb_wait_front %cb, 1 : !tt.cb<2, bf16>
    %l1 = tt.get_read_ptr %cb : !tt.cb<2, bf16>
    %block = tt.get_noc_multicast_addr %c1, %c1, %c4, %c1, %l1
    tt.noc_async_write_multicast %l1, %block, %size, num_dests = %c4
    tt.noc_async_write_multicast %l1, %block, %size, num_dests = %c5 loopback
    tt.noc_async_writes_flushed
    tt.semaphore_set %valid, %c1
    %flag = tt.get_noc_multicast_addr %c1, %c1, %c4, %c1, %valid
    tt.semaphore_set_multicast %valid, %flag, num_dests = %c4
    tt.semaphore_set_multicast %valid, %flag, num_dests = %c5 loopback
    tt.noc_async_write_barrier
    %peer = tt.get_core_noc_addr %c1, %c1, %sem
    tt.semaphore_inc %peer, %c1
    tt.cb_pop_front %cb, 1 : !tt.cb<2, bf16>
  }
}
// CHECK:       tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["count" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0]>, tt.cpp_includes = ["api/dataflow/dataflow_api.h"]} {
// CHECK-NEXT:  %count = emitc.call_opaque "get_arg_val"() {args = [0 : i32], template_args = [ui32]} : () -> i32
// CHECK-NEXT:  %cb = emitc.call_opaque "get_compile_time_arg_val"() {args = [0 : i32]} : () -> i32
// CHECK-NEXT:  %c0 = arith.constant 0 : i32
// CHECK-NEXT:  %c1 = arith.constant 1 : i32
// CHECK-NEXT:  %c4 = arith.constant 4 : i32
// CHECK-NEXT:  %c5 = arith.constant 5 : i32
// CHECK-NEXT:  %size = arith.constant 2048 : i32
// CHECK-NEXT:  %sem = emitc.call_opaque "get_semaphore"() {args = [0 : ui32]} : () -> i32
// CHECK-NEXT:  %valid = emitc.call_opaque "get_semaphore"() {args = [1 : ui32]} : () -> i32
// CHECK-NEXT:  %sem_ptr = emitc.call_opaque "reinterpret_cast"(%sem) {template_args = [!emitc.ptr<!emitc.opaque<"volatile tt_l1_ptr uint32_t">>]} : (i32) -> !emitc.ptr<!emitc.opaque<"volatile tt_l1_ptr uint32_t">>
// CHECK-NEXT:  emitc.call_opaque "noc_semaphore_wait"(%sem_ptr, %count) : (!emitc.ptr<!emitc.opaque<"volatile tt_l1_ptr uint32_t">>, i32) -> ()
// CHECK-NEXT:  %sem_ptr_1 = emitc.call_opaque "reinterpret_cast"(%sem) {template_args = [!emitc.ptr<!emitc.opaque<"volatile tt_l1_ptr uint32_t">>]} : (i32) -> !emitc.ptr<!emitc.opaque<"volatile tt_l1_ptr uint32_t">>
// CHECK-NEXT:  emitc.call_opaque "noc_semaphore_set"(%sem_ptr_1, %c0) : (!emitc.ptr<!emitc.opaque<"volatile tt_l1_ptr uint32_t">>, i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_wait_front"(%cb) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  %l1 = emitc.call_opaque "get_read_ptr"(%cb) : (i32) -> i32
// CHECK-NEXT:  %block = emitc.call_opaque "get_noc_multicast_addr"(%c1, %c1, %c4, %c1, %l1) : (i32, i32, i32, i32, i32) -> ui64
// CHECK-NEXT:  emitc.call_opaque "noc_async_write_multicast"(%l1, %block, %size, %c4) : (i32, ui64, i32, i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "noc_async_write_multicast_loopback_src"(%l1, %block, %size, %c5) : (i32, ui64, i32, i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "noc_async_writes_flushed"() : () -> ()
// CHECK-NEXT:  %valid_ptr = emitc.call_opaque "reinterpret_cast"(%valid) {template_args = [!emitc.ptr<!emitc.opaque<"volatile tt_l1_ptr uint32_t">>]} : (i32) -> !emitc.ptr<!emitc.opaque<"volatile tt_l1_ptr uint32_t">>
// CHECK-NEXT:  emitc.call_opaque "noc_semaphore_set"(%valid_ptr, %c1) : (!emitc.ptr<!emitc.opaque<"volatile tt_l1_ptr uint32_t">>, i32) -> ()
// CHECK-NEXT:  %flag = emitc.call_opaque "get_noc_multicast_addr"(%c1, %c1, %c4, %c1, %valid) : (i32, i32, i32, i32, i32) -> ui64
// CHECK-NEXT:  emitc.call_opaque "noc_semaphore_set_multicast"(%valid, %flag, %c4) : (i32, ui64, i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "noc_semaphore_set_multicast_loopback_src"(%valid, %flag, %c5) : (i32, ui64, i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "noc_async_write_barrier"() : () -> ()
// CHECK-NEXT:  %peer = emitc.call_opaque "get_noc_addr"(%c1, %c1, %sem) : (i32, i32, i32) -> ui64
// CHECK-NEXT:  emitc.call_opaque "noc_semaphore_inc"(%peer, %c1) : (ui64, i32) -> ()
// CHECK-NEXT:  emitc.call_opaque "cb_pop_front"(%cb) {args = [0 : index, 1 : i32]} : (i32) -> ()
// CHECK-NEXT:  }
