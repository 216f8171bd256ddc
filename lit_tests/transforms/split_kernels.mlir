// RUN: tt-opt %s -p tt-split-kernels --split-input-file --verify-diagnostics | filecheck %s

// The input is a program after tt-insert-cb-protocol written by hand: one
// function with the attributes the pass reads (tt.work_partition,
// tt.runtime_args, tt.device, tt.compute_config, a tt.layout per tensor
// argument) and a body of hardware-level ops.

// An elementwise add over a 2x5 launch grid of one-tile blocks on 10 of the 80
// cores. The function becomes a tt.program with its name and device, the
// descriptors of the CBs it uses sorted by index (its get_cb ops are not), the
// partition and the tensors' layouts in argument order. Each kernel runs on the
// partition's working cores, carries the whole schema, and keeps:
// - reader: the NOC reads and their barriers, the producer side (reserve,
//   get_write_ptr, push) of CBs 0 and 1, which nothing in compute packs;
// - compute: the tile math and packs, the consumer side (wait, pop) of CBs 0
//   and 1, which it reads, and the producer side of CB 16, which it packs; only
//   compute carries the compute config;
// - writer: the NOC writes and their barrier, the consumer side (wait,
//   get_read_ptr, pop) of CB 16.
// The unit loop is kept in all three; the inner loop of the reader only in the
// reader. Pure ops (argument reads, accessors, get_cb, index arithmetic) are
// copied to the kernels that use them: the writer has no %c0, no kernel has
// %unused.
func.func @add(%A: memref<64x160xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 5]>}, %B: memref<64x160xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 5]>}, %C: memref<64x160xbf16> {tt.layout = #tt.buffer_layout<l1, interleaved, bf16, tile = [32, 32], tiles = [2, 5]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [2, 5], ranges = [<(0, 0) to (7, 0), start = 0, count = 1>, <(0, 1) to (1, 1), start = 8, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0), "b" : u32 = buffer_address(1), "c" : u32 = buffer_address(2), "start" : u32 = start_unit, "count" : u32 = num_units]>,
    tt.device = #tt.device<n150>,
    tt.compute_config = #tt.compute_config<hifi2, fp32_dest_acc = false, dst_full_sync = false>} {
  %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
  %cb1 = tt.get_cb 1 : !tt.cb<2, bf16>
  %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
  %a_addr = tt.get_arg_val 0 : i32
  %a = tt.tensor_accessor %a_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
  %b_addr = tt.get_arg_val 1 : i32
  %b = tt.tensor_accessor %b_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
  %c_addr = tt.get_arg_val 2 : i32
  %c = tt.tensor_accessor %c_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
  %start_arg = tt.get_arg_val 3 : i32
  %count_arg = tt.get_arg_val 4 : i32
  %start = arith.index_cast %start_arg : i32 to index
  %count = arith.index_cast %count_arg : i32 to index
  %end = arith.addi %start, %count : index
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %unused = arith.constant 7 : index
  scf.for %unit = %start to %end step %c1 {
    tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
    %l1_a = tt.get_write_ptr %cb0 : !tt.cb<2, bf16>
    tt.noc_async_read_page %unit, %a, %l1_a : index
    tt.noc_async_read_barrier
    tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb1, 1 : !tt.cb<2, bf16>
    %l1_b = tt.get_write_ptr %cb1 : !tt.cb<2, bf16>
    scf.for %t = %c0 to %c1 step %c1 {
      %tile = arith.addi %unit, %t : index
      tt.noc_async_read_page %tile, %b, %l1_b : index
    }
    tt.noc_async_read_barrier
    tt.cb_push_back %cb1, 1 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb1, 1 : !tt.cb<2, bf16>
    tt.add_tiles_init %cb0, %cb1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.add_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
    tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
    tt.cb_pop_front %cb1, 1 : !tt.cb<2, bf16>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
    tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<2, bf16>, index
    tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
    %l1_c = tt.get_read_ptr %cb16 : !tt.cb<2, bf16>
    tt.noc_async_write_page %unit, %c, %l1_c : index
    tt.noc_async_write_barrier
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  }
  func.return
}
// CHECK:      tt.program @add attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (7, 0), (0, 1) to (1, 1)]>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (7, 0), (0, 1) to (1, 1)]>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (7, 0), (0, 1) to (1, 1)]>], work_partition = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [2, 5], ranges = [<(0, 0) to (7, 0), start = 0, count = 1>, <(0, 1) to (1, 1), start = 8, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 5]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 5]>>, #tt.tensor<output, #tt.buffer_layout<l1, interleaved, bf16, tile = [32, 32], tiles = [2, 5]>>]} {
// CHECK-NEXT:   tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 0), (0, 1) to (1, 1)]> attributes {runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0), "b" : u32 = buffer_address(1), "c" : u32 = buffer_address(2), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
// CHECK-NEXT:     %cb1 = tt.get_cb 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:     %a_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:     %a = tt.tensor_accessor %a_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:     %b_addr = tt.get_arg_val 1 : i32
// CHECK-NEXT:     %b = tt.tensor_accessor %b_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:     %start_arg = tt.get_arg_val 3 : i32
// CHECK-NEXT:     %count_arg = tt.get_arg_val 4 : i32
// CHECK-NEXT:     %start = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:     %count = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:     %end = arith.addi %start, %count : index
// CHECK-NEXT:     %c0 = arith.constant 0 : index
// CHECK-NEXT:     %c1 = arith.constant 1 : index
// CHECK-NEXT:     scf.for %unit = %start to %end step %c1 {
// CHECK-NEXT:       tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:       %l1_a = tt.get_write_ptr %cb0 : !tt.cb<2, bf16>
// CHECK-NEXT:       tt.noc_async_read_page %unit, %a, %l1_a : index
// CHECK-NEXT:       tt.noc_async_read_barrier
// CHECK-NEXT:       tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:       tt.cb_reserve_back %cb1, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:       %l1_b = tt.get_write_ptr %cb1 : !tt.cb<2, bf16>
// CHECK-NEXT:       scf.for %t = %c0 to %c1 step %c1 {
// CHECK-NEXT:         %tile = arith.addi %unit, %t : index
// CHECK-NEXT:         tt.noc_async_read_page %tile, %b, %l1_b : index
// CHECK-NEXT:       }
// CHECK-NEXT:       tt.noc_async_read_barrier
// CHECK-NEXT:       tt.cb_push_back %cb1, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (7, 0), (0, 1) to (1, 1)]> attributes {runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0), "b" : u32 = buffer_address(1), "c" : u32 = buffer_address(2), "start" : u32 = start_unit, "count" : u32 = num_units]>, compute_config = #tt.compute_config<hifi2, fp32_dest_acc = false, dst_full_sync = false>} {
// CHECK-NEXT:     %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:     %cb1 = tt.get_cb 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:     %start_arg = tt.get_arg_val 3 : i32
// CHECK-NEXT:     %count_arg = tt.get_arg_val 4 : i32
// CHECK-NEXT:     %start = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:     %count = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:     %end = arith.addi %start, %count : index
// CHECK-NEXT:     %c0 = arith.constant 0 : index
// CHECK-NEXT:     %c1 = arith.constant 1 : index
// CHECK-NEXT:     scf.for %unit = %start to %end step %c1 {
// CHECK-NEXT:       tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:       tt.cb_wait_front %cb1, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:       tt.add_tiles_init %cb0, %cb1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:       tt.add_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
// CHECK-NEXT:       tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:       tt.cb_pop_front %cb1, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:       tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:       tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<2, bf16>, index
// CHECK-NEXT:       tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (7, 0), (0, 1) to (1, 1)]> attributes {runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0), "b" : u32 = buffer_address(1), "c" : u32 = buffer_address(2), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
// CHECK-NEXT:     %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:     %c_addr = tt.get_arg_val 2 : i32
// CHECK-NEXT:     %c = tt.tensor_accessor %c_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:     %start_arg = tt.get_arg_val 3 : i32
// CHECK-NEXT:     %count_arg = tt.get_arg_val 4 : i32
// CHECK-NEXT:     %start = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:     %count = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:     %end = arith.addi %start, %count : index
// CHECK-NEXT:     %c1 = arith.constant 1 : index
// CHECK-NEXT:     scf.for %unit = %start to %end step %c1 {
// CHECK-NEXT:       tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:       %l1_c = tt.get_read_ptr %cb16 : !tt.cb<2, bf16>
// CHECK-NEXT:       tt.noc_async_write_page %unit, %c, %l1_c : index
// CHECK-NEXT:       tt.noc_async_write_barrier
// CHECK-NEXT:       tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NOT:  func.func

// -----

// A CB that compute neither reads nor packs passes from the reader straight to
// the writer: its producer side goes to the reader, its consumer side to the
// writer, and the compute kernel is left empty.
func.func @pass_through(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}, %C: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0), "c" : u32 = buffer_address(1)]>,
    tt.device = #tt.device<n150>,
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
  %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
  %a_addr = tt.get_arg_val 0 : i32
  %a = tt.tensor_accessor %a_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
  %c_addr = tt.get_arg_val 1 : i32
  %c = tt.tensor_accessor %c_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
  %c0 = arith.constant 0 : index
  tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
  %l1_a = tt.get_write_ptr %cb0 : !tt.cb<2, bf16>
  tt.noc_async_read_page %c0, %a, %l1_a : index
  tt.noc_async_read_barrier
  tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
  %l1_c = tt.get_read_ptr %cb0 : !tt.cb<2, bf16>
  tt.noc_async_write_page %c0, %c, %l1_c : index
  tt.noc_async_write_barrier
  tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
  func.return
}
// CHECK:      tt.program @pass_through
// CHECK-NEXT:   tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0), "c" : u32 = buffer_address(1)]>} {
// CHECK-NEXT:     %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:     %a_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:     %a = tt.tensor_accessor %a_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:     %c0 = arith.constant 0 : index
// CHECK-NEXT:     tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     %l1_a = tt.get_write_ptr %cb0 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.noc_async_read_page %c0, %a, %l1_a : index
// CHECK-NEXT:     tt.noc_async_read_barrier
// CHECK-NEXT:     tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0), "c" : u32 = buffer_address(1)]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0), "c" : u32 = buffer_address(1)]>} {
// CHECK-NEXT:     %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:     %c_addr = tt.get_arg_val 1 : i32
// CHECK-NEXT:     %c = tt.tensor_accessor %c_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:     %c0 = arith.constant 0 : index
// CHECK-NEXT:     tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     %l1_c = tt.get_read_ptr %cb0 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.noc_async_write_page %c0, %c, %l1_c : index
// CHECK-NEXT:     tt.noc_async_write_barrier
// CHECK-NEXT:     tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// An intermediate CB (24), packed and read by compute, has both sides in
// compute; the reader and writer never see it. (The program has no tensors:
// its reader and writer only move CB pages.)
func.func @intermediate() attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<[]>,
    tt.device = #tt.device<n150>,
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
  %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
  %cb24 = tt.get_cb 24 : !tt.cb<2, bf16>
  %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
  %c0 = arith.constant 0 : index
  tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
  tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
  tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
  tt.copy_tile_init %cb0 : !tt.cb<2, bf16>
  tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
  tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
  tt.exp_tile_init
  tt.exp_tile dst = 0
  tt.cb_reserve_back %cb24, 1 : !tt.cb<2, bf16>
  tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<2, bf16>, index
  tt.cb_push_back %cb24, 1 : !tt.cb<2, bf16>
  tt.cb_wait_front %cb24, 1 : !tt.cb<2, bf16>
  tt.copy_tile_init %cb24 : !tt.cb<2, bf16>
  tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<2, bf16>, index
  tt.cb_pop_front %cb24, 1 : !tt.cb<2, bf16>
  tt.relu_tile_init
  tt.relu_tile dst = 0
  tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<2, bf16>, index
  tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
  tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
  tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
  func.return
}
// CHECK:      tt.program @intermediate attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 24, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
// CHECK-NEXT:   tt.kernel @reader reader
// CHECK-NEXT:     %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.kernel @compute compute
// CHECK-NEXT:     %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:     %cb24 = tt.get_cb 24 : !tt.cb<2, bf16>
// CHECK-NEXT:     %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:     %c0 = arith.constant 0 : index
// CHECK-NEXT:     tt.cb_wait_front %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.copy_tile_init %cb0 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.cb_pop_front %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.exp_tile_init
// CHECK-NEXT:     tt.exp_tile dst = 0
// CHECK-NEXT:     tt.cb_reserve_back %cb24, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.cb_push_back %cb24, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.cb_wait_front %cb24, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.copy_tile_init %cb24 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.cb_pop_front %cb24, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.relu_tile_init
// CHECK-NEXT:     tt.relu_tile dst = 0
// CHECK-NEXT:     tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.kernel @writer writer
// CHECK-NEXT:     %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// A function without a work partition is not a program: it is left alone.
func.func @not_a_program(%A: memref<32x32xbf16>) {
  func.return
}
// CHECK:      func.func @not_a_program(%A: memref<32x32xbf16>) {
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

// Errors. An op with an effect that is no NOC transfer, CB protocol op or tile
// math fits no kernel: a memref.store ...
func.func @store(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>,
    tt.device = #tt.device<n150>,
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
  %c0 = arith.constant 0 : index
  %v = arith.constant 1.0 : bf16
  memref.store %v, %A[%c0, %c0] : memref<32x32xbf16>
  func.return
}
// CHECK: split_kernels.mlir:[[# @LINE - 3]]:3: error: 'memref.store' op fits no kernel role: it is not a NOC transfer (reader/writer), a CB protocol op, tile math (compute) or a side-effect-free computation

// -----

// ... or an op that declares no effects at all (so may have any).
func.func @unknown_op(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>,
    tt.device = #tt.device<n150>,
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
  "test.op"() : () -> ()
  func.return
}
// CHECK: split_kernels.mlir:[[# @LINE - 3]]:3: error: 'test.op' op fits no kernel role: it is not a NOC transfer (reader/writer), a CB protocol op, tile math (compute) or a side-effect-free computation

// -----

// A kernel reaches tensors through accessors only: a pure op reading a tensor
// argument that a kernel keeps (here the bound of the reader's loop) is an error.
func.func @direct_use(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>,
    tt.device = #tt.device<n150>,
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
  %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %rows = memref.dim %A, %c0 : memref<32x32xbf16>
  %addr = tt.get_arg_val 0 : i32
  %a = tt.tensor_accessor %addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
  %l1 = tt.get_write_ptr %cb0 : !tt.cb<2, bf16>
  scf.for %i = %c0 to %rows step %c1 {
    tt.noc_async_read_page %i, %a, %l1 : index
  }
  func.return
}
// CHECK: split_kernels.mlir:[[# @LINE - 9]]:3: error: 'memref.dim' op uses tensor argument #0 directly; a reader kernel reaches tensors only through accessors

// -----

// Kernels exchange data only through CBs: a NOC read (reader) into the read
// pointer of a CB the writer drains uses a value of the writer kernel.
func.func @cross_kernel_value(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>,
    tt.device = #tt.device<n150>,
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
  %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
  %c0 = arith.constant 0 : index
  %addr = tt.get_arg_val 0 : i32
  %a = tt.tensor_accessor %addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
  %l1 = tt.get_read_ptr %cb0 : !tt.cb<2, bf16>
  tt.noc_async_read_page %c0, %a, %l1 : index
  func.return
}
// CHECK: split_kernels.mlir:[[# @LINE - 3]]:3: error: 'tt.noc_async_read_page' op uses the result of 'tt.get_read_ptr', which belongs to the writer kernel; kernels exchange data only through CBs

// -----

// The schema and device come from tt-work-partition ...
func.func @no_schema(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.device = #tt.device<n150>,
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
  func.return
}
// CHECK: split_kernels.mlir:[[# @LINE - 6]]:1: error: 'func.func' op run tt-work-partition before tt-split-kernels

// -----

func.func @no_device(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>,
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
  func.return
}
// CHECK: split_kernels.mlir:[[# @LINE - 6]]:1: error: 'func.func' op run tt-work-partition before tt-split-kernels

// -----

// ... the compute config from tt-lower-tile-ops ...
func.func @no_config(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>,
    tt.device = #tt.device<n150>} {
  func.return
}
// CHECK: split_kernels.mlir:[[# @LINE - 6]]:1: error: 'func.func' op run tt-lower-tile-ops before tt-split-kernels

// -----

// ... and every tensor's layout from tt-infer-layout.
func.func @no_layout(%A: memref<32x32xbf16>) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>,
    tt.device = #tt.device<n150>,
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
  func.return
}
// CHECK: split_kernels.mlir:[[# @LINE - 7]]:1: error: 'func.func' op argument #0 has no tt.layout; run tt-infer-layout first

// -----

// Every argument is a tensor ...
func.func @scalar(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}, %n: index) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>,
    tt.device = #tt.device<n150>,
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
  func.return
}
// CHECK: split_kernels.mlir:[[# @LINE - 7]]:1: error: 'func.func' op argument #1 is not a tensor; scalar arguments are not supported

// -----

// ... and a CB has one type, the one the host creates it with.
func.func @two_types(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>,
    tt.device = #tt.device<n150>,
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
  %x = tt.get_cb 0 : !tt.cb<2, bf16>
  %y = tt.get_cb 0 : !tt.cb<4, bf16>
  func.return
}
// CHECK: split_kernels.mlir:[[# @LINE - 3]]:3: error: 'tt.get_cb' op CB 0 is used with two types: !tt.cb<2, bf16> and !tt.cb<4, bf16>

// -----

// A mask's tile writes (tt.write_mask_tile, from tt-lower-shared-to-cb) are the
// producer side of their CB (24): compute does not pack into it, so they go to the
// reader with the reserve, get_write_ptr and push around them, and the index
// arithmetic they use; compute keeps the consumer side (it copies the tiles), the
// writer the store of what compute packs (16).
func.func @mask(%C: memref<32x32xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["c" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>,
    tt.device = #tt.device<n150>,
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
  %cb16 = tt.get_cb 16 : !tt.cb<2, f32>
  %cb24 = tt.get_cb 24 : !tt.cb<2, f32>
  %c_addr = tt.get_arg_val 0 : i32
  %c = tt.tensor_accessor %c_addr, cta_offset = 0, page_size = 4096 : !tt.tensor_accessor
  %start_arg = tt.get_arg_val 1 : i32
  %count_arg = tt.get_arg_val 2 : i32
  %start = arith.index_cast %start_arg : i32 to index
  %count = arith.index_cast %count_arg : i32 to index
  %end = arith.addi %start, %count : index
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  scf.for %unit = %start to %end step %c1 {
    %row = arith.muli %unit, %c32 : index
    tt.cb_reserve_back %cb24, 1 : !tt.cb<2, f32>
    %l1_write = tt.get_write_ptr %cb24 : !tt.cb<2, f32>
    tt.write_mask_tile %cb24, %l1_write, %row, %c0 if ge then 0 else 0xff800000 : !tt.cb<2, f32>
    tt.cb_push_back %cb24, 1 : !tt.cb<2, f32>
    tt.cb_wait_front %cb24, 1 : !tt.cb<2, f32>
    tt.copy_tile_init %cb24 : !tt.cb<2, f32>
    tt.tile_regs_acquire
    tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<2, f32>, index
    tt.tile_regs_commit
    tt.cb_pop_front %cb24, 1 : !tt.cb<2, f32>
    tt.cb_reserve_back %cb16, 1 : !tt.cb<2, f32>
    tt.tile_regs_wait
    tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<2, f32>, index
    tt.tile_regs_release
    tt.cb_push_back %cb16, 1 : !tt.cb<2, f32>
    tt.cb_wait_front %cb16, 1 : !tt.cb<2, f32>
    %l1_read = tt.get_read_ptr %cb16 : !tt.cb<2, f32>
    tt.noc_async_write_page %unit, %c, %l1_read : index
    tt.noc_async_write_barrier
    tt.cb_pop_front %cb16, 1 : !tt.cb<2, f32>
  }
  func.return
}
// CHECK-LABEL: tt.program @mask
// CHECK:         tt.kernel @reader reader
// CHECK:           scf.for %unit = %start to %end step %c1 {
// CHECK-NEXT:        %row = arith.muli %unit, %c32 : index
// CHECK-NEXT:        tt.cb_reserve_back %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:        %l1_write = tt.get_write_ptr %cb24 : !tt.cb<2, f32>
// CHECK-NEXT:        tt.write_mask_tile %cb24, %l1_write, %row, %c0 if ge then 0x00000000 else 0xff800000 : !tt.cb<2, f32>
// CHECK-NEXT:        tt.cb_push_back %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:      }
// CHECK:         tt.kernel @compute compute
// CHECK-NOT:       tt.write_mask_tile
// CHECK:           tt.cb_wait_front %cb24, 1 : !tt.cb<2, f32>
// CHECK:           tt.cb_pop_front %cb24, 1 : !tt.cb<2, f32>
// CHECK:         tt.kernel @writer writer
// CHECK-NOT:       tt.write_mask_tile
// CHECK:           tt.noc_async_write_page
