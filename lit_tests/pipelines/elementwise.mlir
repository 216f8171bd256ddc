// RUN: tt-opt %s --split-input-file -p 'tt-pipeline{grid=1x2}' | filecheck %s

// add: 32x64 blocks (2 tiles), one DST section per block.
func.func @add(%X: memref<64x64xbf16>, %Y: memref<64x64xbf16>, %Z: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 2) {
    %c32 = arith.constant 32 : index
    %c64 = arith.constant 64 : index
    %row = arith.muli %by, %c32 : index
    %col = arith.muli %bx, %c64 : index
    %x = tt.alloc_shared : memref<32x64xbf16>
    %y = tt.alloc_shared : memref<32x64xbf16>
    %z = tt.alloc_shared : memref<32x64xbf16>
    tt.copy %X[%row, %col] to %x : memref<64x64xbf16> to memref<32x64xbf16>
    tt.copy %Y[%row, %col] to %y : memref<64x64xbf16> to memref<32x64xbf16>
    tt.add %x, %y to %z : memref<32x64xbf16>
    tt.copy %z to %Z[%row, %col] : memref<32x64xbf16> to memref<64x64xbf16>
  }
  func.return
}
// CHECK-LABEL: tt.program @add attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>, #tt.cb_desc<index = 1, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>, #tt.cb_desc<index = 16, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [2, 1], ranges = [<(0, 0) to (1, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>]} {
// CHECK:       tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, accessor_config(0) = 2, page_size(0) = 2048, accessor_config(1) = 2, page_size(1) = 2048]>} {
// CHECK:       %tensor0_addr = tt.get_arg_val 0 : i32
// CHECK:       %tensor0 = tt.tensor_accessor %tensor0_addr, cta_offset = 2, page_size = 2048 : !tt.tensor_accessor
// CHECK:       %tensor1_addr = tt.get_arg_val 1 : i32
// CHECK:       %tensor1 = tt.tensor_accessor %tensor1_addr, cta_offset = 4, page_size = 2048 : !tt.tensor_accessor
// CHECK:       %start_arg = tt.get_arg_val 2 : i32
// CHECK:       %count_arg = tt.get_arg_val 3 : i32
// CHECK:       scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK:       tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK:       tt.cb_reserve_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK:       scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK:       tt.noc_async_read_page %tile_id, %tensor0, %l1_addr : index
// CHECK:       scf.for %tile_1 = %c0_1 to %num_tiles_1 step %c1_1 {
// CHECK:       tt.noc_async_read_page %tile_id_1, %tensor1, %l1_addr_1 : index
// CHECK:       tt.noc_async_read_barrier
// CHECK:       tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK:       tt.cb_push_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK:       tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  tt.add_tiles_init %cb0, %cb1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  tt.cb_wait_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_wait_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.add_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:  tt.add_tiles %cb0, %cb1, %c1, %c1, dst = 1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.cb_pop_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_pop_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.cb_push_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK:       tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(2) = 2, page_size(2) = 2048]>} {
// CHECK:       %tensor2_addr = tt.get_arg_val 0 : i32
// CHECK:       %tensor2 = tt.tensor_accessor %tensor2_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK:       %start_arg = tt.get_arg_val 1 : i32
// CHECK:       %count_arg = tt.get_arg_val 2 : i32
// CHECK:       scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK:       tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
// CHECK:       scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK:       tt.noc_async_write_page %tile_id, %tensor2, %l1_addr : index
// CHECK:       tt.noc_async_write_barrier
// CHECK:       tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>

// -----

// sub: 32x64 blocks (2 tiles), one DST section per block.
func.func @sub(%X: memref<64x64xbf16>, %Y: memref<64x64xbf16>, %Z: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 2) {
    %c32 = arith.constant 32 : index
    %c64 = arith.constant 64 : index
    %row = arith.muli %by, %c32 : index
    %col = arith.muli %bx, %c64 : index
    %x = tt.alloc_shared : memref<32x64xbf16>
    %y = tt.alloc_shared : memref<32x64xbf16>
    %z = tt.alloc_shared : memref<32x64xbf16>
    tt.copy %X[%row, %col] to %x : memref<64x64xbf16> to memref<32x64xbf16>
    tt.copy %Y[%row, %col] to %y : memref<64x64xbf16> to memref<32x64xbf16>
    tt.sub %x, %y to %z : memref<32x64xbf16>
    tt.copy %z to %Z[%row, %col] : memref<32x64xbf16> to memref<64x64xbf16>
  }
  func.return
}
// CHECK-LABEL: tt.program @sub attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>, #tt.cb_desc<index = 1, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>, #tt.cb_desc<index = 16, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [2, 1], ranges = [<(0, 0) to (1, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>]} {
// CHECK:       tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, accessor_config(0) = 2, page_size(0) = 2048, accessor_config(1) = 2, page_size(1) = 2048]>} {
// CHECK:       %tensor0_addr = tt.get_arg_val 0 : i32
// CHECK:       %tensor0 = tt.tensor_accessor %tensor0_addr, cta_offset = 2, page_size = 2048 : !tt.tensor_accessor
// CHECK:       %tensor1_addr = tt.get_arg_val 1 : i32
// CHECK:       %tensor1 = tt.tensor_accessor %tensor1_addr, cta_offset = 4, page_size = 2048 : !tt.tensor_accessor
// CHECK:       %start_arg = tt.get_arg_val 2 : i32
// CHECK:       %count_arg = tt.get_arg_val 3 : i32
// CHECK:       scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK:       tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK:       tt.cb_reserve_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK:       scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK:       tt.noc_async_read_page %tile_id, %tensor0, %l1_addr : index
// CHECK:       scf.for %tile_1 = %c0_1 to %num_tiles_1 step %c1_1 {
// CHECK:       tt.noc_async_read_page %tile_id_1, %tensor1, %l1_addr_1 : index
// CHECK:       tt.noc_async_read_barrier
// CHECK:       tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK:       tt.cb_push_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK:       tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  tt.sub_tiles_init %cb0, %cb1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  tt.cb_wait_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_wait_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.sub_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:  tt.sub_tiles %cb0, %cb1, %c1, %c1, dst = 1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.cb_pop_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_pop_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.cb_push_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK:       tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(2) = 2, page_size(2) = 2048]>} {
// CHECK:       %tensor2_addr = tt.get_arg_val 0 : i32
// CHECK:       %tensor2 = tt.tensor_accessor %tensor2_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK:       %start_arg = tt.get_arg_val 1 : i32
// CHECK:       %count_arg = tt.get_arg_val 2 : i32
// CHECK:       scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK:       tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
// CHECK:       scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK:       tt.noc_async_write_page %tile_id, %tensor2, %l1_addr : index
// CHECK:       tt.noc_async_write_barrier
// CHECK:       tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>

// -----

// mul: 32x64 blocks (2 tiles), one DST section per block.
func.func @mul(%X: memref<64x64xbf16>, %Y: memref<64x64xbf16>, %Z: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 2) {
    %c32 = arith.constant 32 : index
    %c64 = arith.constant 64 : index
    %row = arith.muli %by, %c32 : index
    %col = arith.muli %bx, %c64 : index
    %x = tt.alloc_shared : memref<32x64xbf16>
    %y = tt.alloc_shared : memref<32x64xbf16>
    %z = tt.alloc_shared : memref<32x64xbf16>
    tt.copy %X[%row, %col] to %x : memref<64x64xbf16> to memref<32x64xbf16>
    tt.copy %Y[%row, %col] to %y : memref<64x64xbf16> to memref<32x64xbf16>
    tt.mul %x, %y to %z : memref<32x64xbf16>
    tt.copy %z to %Z[%row, %col] : memref<32x64xbf16> to memref<64x64xbf16>
  }
  func.return
}
// CHECK-LABEL: tt.program @mul attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>, #tt.cb_desc<index = 1, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>, #tt.cb_desc<index = 16, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [2, 1], ranges = [<(0, 0) to (1, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>]} {
// CHECK:       tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, accessor_config(0) = 2, page_size(0) = 2048, accessor_config(1) = 2, page_size(1) = 2048]>} {
// CHECK:       %tensor0_addr = tt.get_arg_val 0 : i32
// CHECK:       %tensor0 = tt.tensor_accessor %tensor0_addr, cta_offset = 2, page_size = 2048 : !tt.tensor_accessor
// CHECK:       %tensor1_addr = tt.get_arg_val 1 : i32
// CHECK:       %tensor1 = tt.tensor_accessor %tensor1_addr, cta_offset = 4, page_size = 2048 : !tt.tensor_accessor
// CHECK:       %start_arg = tt.get_arg_val 2 : i32
// CHECK:       %count_arg = tt.get_arg_val 3 : i32
// CHECK:       scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK:       tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK:       tt.cb_reserve_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK:       scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK:       tt.noc_async_read_page %tile_id, %tensor0, %l1_addr : index
// CHECK:       scf.for %tile_1 = %c0_1 to %num_tiles_1 step %c1_1 {
// CHECK:       tt.noc_async_read_page %tile_id_1, %tensor1, %l1_addr_1 : index
// CHECK:       tt.noc_async_read_barrier
// CHECK:       tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK:       tt.cb_push_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK:       tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  tt.mul_tiles_init %cb0, %cb1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  tt.cb_wait_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_wait_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.mul_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:  tt.mul_tiles %cb0, %cb1, %c1, %c1, dst = 1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.cb_pop_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_pop_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.cb_push_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK:       tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(2) = 2, page_size(2) = 2048]>} {
// CHECK:       %tensor2_addr = tt.get_arg_val 0 : i32
// CHECK:       %tensor2 = tt.tensor_accessor %tensor2_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK:       %start_arg = tt.get_arg_val 1 : i32
// CHECK:       %count_arg = tt.get_arg_val 2 : i32
// CHECK:       scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK:       tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
// CHECK:       scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK:       tt.noc_async_write_page %tile_id, %tensor2, %l1_addr : index
// CHECK:       tt.noc_async_write_barrier
// CHECK:       tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>

// -----

// exp: each tile is copied to DST, transformed on the SFPU and packed.
func.func @exp(%X: memref<64x64xbf16>, %Z: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 2) {
    %c32 = arith.constant 32 : index
    %c64 = arith.constant 64 : index
    %row = arith.muli %by, %c32 : index
    %col = arith.muli %bx, %c64 : index
    %x = tt.alloc_shared : memref<32x64xbf16>
    %z = tt.alloc_shared : memref<32x64xbf16>
    tt.copy %X[%row, %col] to %x : memref<64x64xbf16> to memref<32x64xbf16>
    tt.exp %x to %z : memref<32x64xbf16>
    tt.copy %z to %Z[%row, %col] : memref<32x64xbf16> to memref<64x64xbf16>
  }
  func.return
}
// CHECK-LABEL: tt.program @exp attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>, #tt.cb_desc<index = 16, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [2, 1], ranges = [<(0, 0) to (1, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>]} {
// CHECK:       tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, accessor_config(0) = 2, page_size(0) = 2048]>} {
// CHECK:       %tensor0_addr = tt.get_arg_val 0 : i32
// CHECK:       %tensor0 = tt.tensor_accessor %tensor0_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK:       %start_arg = tt.get_arg_val 1 : i32
// CHECK:       %count_arg = tt.get_arg_val 2 : i32
// CHECK:       scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK:       tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK:       scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK:       tt.noc_async_read_page %tile_id, %tensor0, %l1_addr : index
// CHECK:       tt.noc_async_read_barrier
// CHECK:       tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK:       tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.compute_kernel_hw_startup %cb0, %cb0, %cb16 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  tt.copy_tile_init %cb0 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.exp_tile_init
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  tt.cb_wait_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.copy_tile %cb0, %c1, dst = 1 : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.cb_pop_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.exp_tile dst = 0
// CHECK-NEXT:  tt.exp_tile dst = 1
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.cb_reserve_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.cb_push_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK:       tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor1_addr" : u32 = buffer_address(1), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(1) = 2, page_size(1) = 2048]>} {
// CHECK:       %tensor1_addr = tt.get_arg_val 0 : i32
// CHECK:       %tensor1 = tt.tensor_accessor %tensor1_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK:       %start_arg = tt.get_arg_val 1 : i32
// CHECK:       %count_arg = tt.get_arg_val 2 : i32
// CHECK:       scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK:       tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
// CHECK:       scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK:       tt.noc_async_write_page %tile_id, %tensor1, %l1_addr : index
// CHECK:       tt.noc_async_write_barrier
// CHECK:       tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>

// -----

// relu: each tile is copied to DST, transformed on the SFPU and packed.
func.func @relu(%X: memref<64x64xbf16>, %Z: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 2) {
    %c32 = arith.constant 32 : index
    %c64 = arith.constant 64 : index
    %row = arith.muli %by, %c32 : index
    %col = arith.muli %bx, %c64 : index
    %x = tt.alloc_shared : memref<32x64xbf16>
    %z = tt.alloc_shared : memref<32x64xbf16>
    tt.copy %X[%row, %col] to %x : memref<64x64xbf16> to memref<32x64xbf16>
    tt.relu %x to %z : memref<32x64xbf16>
    tt.copy %z to %Z[%row, %col] : memref<32x64xbf16> to memref<64x64xbf16>
  }
  func.return
}
// CHECK-LABEL: tt.program @relu attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>, #tt.cb_desc<index = 16, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [2, 1], ranges = [<(0, 0) to (1, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>]} {
// CHECK:       tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, accessor_config(0) = 2, page_size(0) = 2048]>} {
// CHECK:       %tensor0_addr = tt.get_arg_val 0 : i32
// CHECK:       %tensor0 = tt.tensor_accessor %tensor0_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK:       %start_arg = tt.get_arg_val 1 : i32
// CHECK:       %count_arg = tt.get_arg_val 2 : i32
// CHECK:       scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK:       tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK:       scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK:       tt.noc_async_read_page %tile_id, %tensor0, %l1_addr : index
// CHECK:       tt.noc_async_read_barrier
// CHECK:       tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK:       tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.compute_kernel_hw_startup %cb0, %cb0, %cb16 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  tt.copy_tile_init %cb0 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.relu_tile_init
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  tt.cb_wait_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.copy_tile %cb0, %c1, dst = 1 : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.cb_pop_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.relu_tile dst = 0
// CHECK-NEXT:  tt.relu_tile dst = 1
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.cb_reserve_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.cb_push_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK:       tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor1_addr" : u32 = buffer_address(1), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(1) = 2, page_size(1) = 2048]>} {
// CHECK:       %tensor1_addr = tt.get_arg_val 0 : i32
// CHECK:       %tensor1 = tt.tensor_accessor %tensor1_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK:       %start_arg = tt.get_arg_val 1 : i32
// CHECK:       %count_arg = tt.get_arg_val 2 : i32
// CHECK:       scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK:       tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
// CHECK:       scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK:       tt.noc_async_write_page %tile_id, %tensor1, %l1_addr : index
// CHECK:       tt.noc_async_write_barrier
// CHECK:       tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>
