// RUN: tt-opt %s --split-input-file -p 'tt-pipeline{grid=1x1}' | filecheck %s

// C = A @ B^T with B stored N x K (transpose_B): B's tiles are read in its own
// row-major order and matmul_init transposes each one.
func.func @transpose_b(%A: memref<32x64xbf16>, %B: memref<64x64xbf16>, %C: memref<32x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %a = tt.alloc_shared : memref<32x64xbf16>
    %b = tt.alloc_shared : memref<64x64xbf16>
    %c = tt.alloc_fragment : memref<32x64xf32>
    tt.clear %c : memref<32x64xf32>
    tt.copy %A[%c0, %c0] to %a : memref<32x64xbf16> to memref<32x64xbf16>
    tt.copy %B[%c0, %c0] to %b : memref<64x64xbf16> to memref<64x64xbf16>
    tt.gemm %a, %b, %c transpose_b : memref<32x64xbf16>, memref<64x64xbf16>, memref<32x64xf32>
    tt.copy %c to %C[%c0, %c0] : memref<32x64xf32> to memref<32x64xbf16>
  }
  func.return
}
// CHECK-LABEL: tt.program @transpose_b attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 16, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 2]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 2]>>]} {
// CHECK-NEXT:  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, accessor_config(0) = 2, page_size(0) = 2048, accessor_config(1) = 2, page_size(1) = 2048]>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<8, bf16>
// CHECK-NEXT:  %tensor0_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %tensor0 = tt.tensor_accessor %tensor0_addr, cta_offset = 2, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %tensor1_addr = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %tensor1 = tt.tensor_accessor %tensor1_addr, cta_offset = 4, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %start_arg = tt.get_arg_val 2 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 3 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  %l1_write = tt.get_write_ptr %cb0 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb1, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  %l1_write_1 = tt.get_write_ptr %cb1 : !tt.cb<8, bf16>
// CHECK-NEXT:  %tile_rows = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row = arith.divui %c0, %tile_rows : index
// CHECK-NEXT:  %tile_cols = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col = arith.divui %c0, %tile_cols : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles = arith.constant 2 : index
// CHECK-NEXT:  scf.for %tile = %c0_1 to %num_tiles step %c1 {
// CHECK-NEXT:  %tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:  %tile_row = arith.divui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tile_col = arith.remui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tensor_row = arith.addi %first_tile_row, %tile_row : index
// CHECK-NEXT:  %tensor_col = arith.addi %first_tile_col, %tile_col : index
// CHECK-NEXT:  %tensor_tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:  %row_start = arith.muli %tensor_row, %tensor_tiles_per_row : index
// CHECK-NEXT:  %tile_id = arith.addi %row_start, %tensor_col : index
// CHECK-NEXT:  %page = arith.index_cast %tile : index to i32
// CHECK-NEXT:  %page_bytes = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset = arith.muli %page, %page_bytes : i32
// CHECK-NEXT:  %l1_addr = arith.addi %l1_write, %page_offset : i32
// CHECK-NEXT:  tt.noc_async_read_page %tile_id, %tensor0, %l1_addr : index
// CHECK-NEXT:  }
// CHECK-NEXT:  %tile_rows_1 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row_1 = arith.divui %c0, %tile_rows_1 : index
// CHECK-NEXT:  %tile_cols_1 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col_1 = arith.divui %c0, %tile_cols_1 : index
// CHECK-NEXT:  %c0_2 = arith.constant 0 : index
// CHECK-NEXT:  %c1_1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles_1 = arith.constant 4 : index
// CHECK-NEXT:  scf.for %tile_1 = %c0_2 to %num_tiles_1 step %c1_1 {
// CHECK-NEXT:  %tiles_per_row_1 = arith.constant 2 : index
// CHECK-NEXT:  %tile_row_1 = arith.divui %tile_1, %tiles_per_row_1 : index
// CHECK-NEXT:  %tile_col_1 = arith.remui %tile_1, %tiles_per_row_1 : index
// CHECK-NEXT:  %tensor_row_1 = arith.addi %first_tile_row_1, %tile_row_1 : index
// CHECK-NEXT:  %tensor_col_1 = arith.addi %first_tile_col_1, %tile_col_1 : index
// CHECK-NEXT:  %tensor_tiles_per_row_1 = arith.constant 2 : index
// CHECK-NEXT:  %row_start_1 = arith.muli %tensor_row_1, %tensor_tiles_per_row_1 : index
// CHECK-NEXT:  %tile_id_1 = arith.addi %row_start_1, %tensor_col_1 : index
// CHECK-NEXT:  %page_1 = arith.index_cast %tile_1 : index to i32
// CHECK-NEXT:  %page_bytes_1 = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset_1 = arith.muli %page_1, %page_bytes_1 : i32
// CHECK-NEXT:  %l1_addr_1 = arith.addi %l1_write_1, %page_offset_1 : i32
// CHECK-NEXT:  tt.noc_async_read_page %tile_id_1, %tensor1, %l1_addr_1 : index
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.noc_async_read_barrier
// CHECK-NEXT:  tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_push_back %cb1, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<8, bf16>
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : !tt.cb<4, bf16>, !tt.cb<8, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  tt.matmul_init %cb0, %cb1 transpose : !tt.cb<4, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %c2 = arith.constant 2 : index
// CHECK-NEXT:  %c3 = arith.constant 3 : index
// CHECK-NEXT:  tt.cb_wait_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_wait_front %cb1, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.matmul_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<4, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:  tt.matmul_tiles %cb0, %cb1, %c1, %c1, dst = 0 : !tt.cb<4, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:  tt.matmul_tiles %cb0, %cb1, %c0, %c2, dst = 1 : !tt.cb<4, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:  tt.matmul_tiles %cb0, %cb1, %c1, %c3, dst = 1 : !tt.cb<4, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.cb_pop_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_pop_front %cb1, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.cb_push_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(2) = 2, page_size(2) = 2048]>} {
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
// CHECK-NEXT:  %tensor2_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %tensor2 = tt.tensor_accessor %tensor2_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %start_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 2 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  %l1_read = tt.get_read_ptr %cb16 : !tt.cb<4, bf16>
// CHECK-NEXT:  %tile_rows = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row = arith.divui %c0, %tile_rows : index
// CHECK-NEXT:  %tile_cols = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col = arith.divui %c0, %tile_cols : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles = arith.constant 2 : index
// CHECK-NEXT:  scf.for %tile = %c0_1 to %num_tiles step %c1 {
// CHECK-NEXT:  %tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:  %tile_row = arith.divui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tile_col = arith.remui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tensor_row = arith.addi %first_tile_row, %tile_row : index
// CHECK-NEXT:  %tensor_col = arith.addi %first_tile_col, %tile_col : index
// CHECK-NEXT:  %tensor_tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:  %row_start = arith.muli %tensor_row, %tensor_tiles_per_row : index
// CHECK-NEXT:  %tile_id = arith.addi %row_start, %tensor_col : index
// CHECK-NEXT:  %page = arith.index_cast %tile : index to i32
// CHECK-NEXT:  %page_bytes = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset = arith.muli %page, %page_bytes : i32
// CHECK-NEXT:  %l1_addr = arith.addi %l1_read, %page_offset : i32
// CHECK-NEXT:  tt.noc_async_write_page %tile_id, %tensor2, %l1_addr : index
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.noc_async_write_barrier
// CHECK-NEXT:  tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }

// -----

// Two gemms sharing A in one K loop (C1 += A B1, C2 += A B2): one A tile feeds
// both; C1 accumulates in DST tile 0 and C2 in DST tile 1, packed to their own CBs.
func.func @shared_a(%A: memref<32x64xbf16>, %B1: memref<64x32xbf16>, %B2: memref<64x32xbf16>, %C1: memref<32x32xbf16>, %C2: memref<32x32xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c32 = arith.constant 32 : index
    %a = tt.alloc_shared : memref<32x32xbf16>
    %b1 = tt.alloc_shared : memref<32x32xbf16>
    %b2 = tt.alloc_shared : memref<32x32xbf16>
    %acc1 = tt.alloc_fragment : memref<32x32xf32>
    %acc2 = tt.alloc_fragment : memref<32x32xf32>
    tt.clear %acc1 : memref<32x32xf32>
    tt.clear %acc2 : memref<32x32xf32>
    scf.for %k = %c0 to %c2 step %c1 {
      %kk = arith.muli %k, %c32 : index
      tt.copy %A[%c0, %kk] to %a : memref<32x64xbf16> to memref<32x32xbf16>
      tt.copy %B1[%kk, %c0] to %b1 : memref<64x32xbf16> to memref<32x32xbf16>
      tt.copy %B2[%kk, %c0] to %b2 : memref<64x32xbf16> to memref<32x32xbf16>
      tt.gemm %a, %b1, %acc1 : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
      tt.gemm %a, %b2, %acc2 : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
    }
    tt.copy %acc1 to %C1[%c0, %c0] : memref<32x32xf32> to memref<32x32xbf16>
    tt.copy %acc2 to %C2[%c0, %c0] : memref<32x32xf32> to memref<32x32xbf16>
  }
  func.return
}
// CHECK-LABEL: tt.program @shared_a attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 1, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 2, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 17, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 2]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 1]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 1]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>>]} {
// CHECK-NEXT:  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(2) = 2, accessor_config(0) = 2, page_size(0) = 2048, accessor_config(1) = 2, page_size(1) = 2048, accessor_config(2) = 2, page_size(2) = 2048]>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb2 = tt.get_cb 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  %tensor0_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %tensor0 = tt.tensor_accessor %tensor0_addr, cta_offset = 3, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %tensor1_addr = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %tensor1 = tt.tensor_accessor %tensor1_addr, cta_offset = 5, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %tensor2_addr = tt.get_arg_val 2 : i32
// CHECK-NEXT:  %tensor2 = tt.tensor_accessor %tensor2_addr, cta_offset = 7, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %start_arg = tt.get_arg_val 3 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 4 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c2 = arith.constant 2 : index
// CHECK-NEXT:  %c32 = arith.constant 32 : index
// CHECK-NEXT:  %k_step = arith.constant 2 : index
// CHECK-NEXT:  scf.for %k = %c0 to %c2 step %k_step {
// CHECK-NEXT:  %kk = arith.muli %k, %c32 : index
// CHECK-NEXT:  tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  %l1_write = tt.get_write_ptr %cb0 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  %l1_write_1 = tt.get_write_ptr %cb1 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb2, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  %l1_write_2 = tt.get_write_ptr %cb2 : !tt.cb<4, bf16>
// CHECK-NEXT:  %tile_rows = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row = arith.divui %c0, %tile_rows : index
// CHECK-NEXT:  %tile_cols = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col = arith.divui %kk, %tile_cols : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles = arith.constant 2 : index
// CHECK-NEXT:  scf.for %tile = %c0_1 to %num_tiles step %c1 {
// CHECK-NEXT:  %tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:  %tile_row = arith.divui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tile_col = arith.remui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tensor_row = arith.addi %first_tile_row, %tile_row : index
// CHECK-NEXT:  %tensor_col = arith.addi %first_tile_col, %tile_col : index
// CHECK-NEXT:  %tensor_tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:  %row_start = arith.muli %tensor_row, %tensor_tiles_per_row : index
// CHECK-NEXT:  %tile_id = arith.addi %row_start, %tensor_col : index
// CHECK-NEXT:  %page = arith.index_cast %tile : index to i32
// CHECK-NEXT:  %page_bytes = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset = arith.muli %page, %page_bytes : i32
// CHECK-NEXT:  %l1_addr = arith.addi %l1_write, %page_offset : i32
// CHECK-NEXT:  tt.noc_async_read_page %tile_id, %tensor0, %l1_addr : index
// CHECK-NEXT:  }
// CHECK-NEXT:  %tile_rows_1 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row_1 = arith.divui %kk, %tile_rows_1 : index
// CHECK-NEXT:  %tile_cols_1 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col_1 = arith.divui %c0, %tile_cols_1 : index
// CHECK-NEXT:  %c0_2 = arith.constant 0 : index
// CHECK-NEXT:  %c1_1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles_1 = arith.constant 2 : index
// CHECK-NEXT:  scf.for %tile_1 = %c0_2 to %num_tiles_1 step %c1_1 {
// CHECK-NEXT:  %tiles_per_row_1 = arith.constant 1 : index
// CHECK-NEXT:  %tile_row_1 = arith.divui %tile_1, %tiles_per_row_1 : index
// CHECK-NEXT:  %tile_col_1 = arith.remui %tile_1, %tiles_per_row_1 : index
// CHECK-NEXT:  %tensor_row_1 = arith.addi %first_tile_row_1, %tile_row_1 : index
// CHECK-NEXT:  %tensor_col_1 = arith.addi %first_tile_col_1, %tile_col_1 : index
// CHECK-NEXT:  %tensor_tiles_per_row_1 = arith.constant 1 : index
// CHECK-NEXT:  %row_start_1 = arith.muli %tensor_row_1, %tensor_tiles_per_row_1 : index
// CHECK-NEXT:  %tile_id_1 = arith.addi %row_start_1, %tensor_col_1 : index
// CHECK-NEXT:  %page_1 = arith.index_cast %tile_1 : index to i32
// CHECK-NEXT:  %page_bytes_1 = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset_1 = arith.muli %page_1, %page_bytes_1 : i32
// CHECK-NEXT:  %l1_addr_1 = arith.addi %l1_write_1, %page_offset_1 : i32
// CHECK-NEXT:  tt.noc_async_read_page %tile_id_1, %tensor1, %l1_addr_1 : index
// CHECK-NEXT:  }
// CHECK-NEXT:  %tile_rows_2 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row_2 = arith.divui %kk, %tile_rows_2 : index
// CHECK-NEXT:  %tile_cols_2 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col_2 = arith.divui %c0, %tile_cols_2 : index
// CHECK-NEXT:  %c0_3 = arith.constant 0 : index
// CHECK-NEXT:  %c1_2 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles_2 = arith.constant 2 : index
// CHECK-NEXT:  scf.for %tile_2 = %c0_3 to %num_tiles_2 step %c1_2 {
// CHECK-NEXT:  %tiles_per_row_2 = arith.constant 1 : index
// CHECK-NEXT:  %tile_row_2 = arith.divui %tile_2, %tiles_per_row_2 : index
// CHECK-NEXT:  %tile_col_2 = arith.remui %tile_2, %tiles_per_row_2 : index
// CHECK-NEXT:  %tensor_row_2 = arith.addi %first_tile_row_2, %tile_row_2 : index
// CHECK-NEXT:  %tensor_col_2 = arith.addi %first_tile_col_2, %tile_col_2 : index
// CHECK-NEXT:  %tensor_tiles_per_row_2 = arith.constant 1 : index
// CHECK-NEXT:  %row_start_2 = arith.muli %tensor_row_2, %tensor_tiles_per_row_2 : index
// CHECK-NEXT:  %tile_id_2 = arith.addi %row_start_2, %tensor_col_2 : index
// CHECK-NEXT:  %page_2 = arith.index_cast %tile_2 : index to i32
// CHECK-NEXT:  %page_bytes_2 = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset_2 = arith.muli %page_2, %page_bytes_2 : i32
// CHECK-NEXT:  %l1_addr_2 = arith.addi %l1_write_2, %page_offset_2 : i32
// CHECK-NEXT:  tt.noc_async_read_page %tile_id_2, %tensor2, %l1_addr_2 : index
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.noc_async_read_barrier
// CHECK-NEXT:  tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_push_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_push_back %cb2, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(2) = 2, cb(16) = 16, cb(17) = 17]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb2 = tt.get_cb 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:  %cb17 = tt.get_cb 17 : !tt.cb<2, bf16>
// CHECK-NEXT:  tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:  %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c2 = arith.constant 2 : index
// CHECK-NEXT:  %k_step = arith.constant 2 : index
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  scf.for %k = %c0_1 to %c2 step %k_step {
// CHECK-NEXT:  %c0_2 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  tt.cb_wait_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_wait_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_wait_front %cb2, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.matmul_block_init %cb0, %cb1 ct = 1, rt = 1, kt = 2 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c0_2, %c0_2, dst = 0, ct = 1, rt = 1, kt = 2 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c1, %c1, dst = 0, ct = 1, rt = 1, kt = 2 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:  tt.cb_pop_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.matmul_block_init %cb0, %cb2 ct = 1, rt = 1, kt = 2 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  tt.matmul_block %cb0, %cb2, %c0_2, %c0_2, dst = 1, ct = 1, rt = 1, kt = 2 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:  tt.matmul_block %cb0, %cb2, %c1, %c1, dst = 1, ct = 1, rt = 1, kt = 2 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:  tt.cb_pop_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_pop_front %cb2, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.cb_reserve_back %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<2, bf16>, index
// CHECK-NEXT:  tt.cb_push_back %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb17, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb17[%c0] : !tt.cb<2, bf16>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.cb_push_back %cb17, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor3_addr" : u32 = buffer_address(3), "tensor4_addr" : u32 = buffer_address(4), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, cb(17) = 17, accessor_config(3) = 2, page_size(3) = 2048, accessor_config(4) = 2, page_size(4) = 2048]>} {
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:  %cb17 = tt.get_cb 17 : !tt.cb<2, bf16>
// CHECK-NEXT:  %tensor3_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %tensor3 = tt.tensor_accessor %tensor3_addr, cta_offset = 2, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %tensor4_addr = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %tensor4 = tt.tensor_accessor %tensor4_addr, cta_offset = 4, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %start_arg = tt.get_arg_val 2 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 3 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:  %l1_read = tt.get_read_ptr %cb16 : !tt.cb<2, bf16>
// CHECK-NEXT:  %tile_rows = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row = arith.divui %c0, %tile_rows : index
// CHECK-NEXT:  %tile_cols = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col = arith.divui %c0, %tile_cols : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles = arith.constant 1 : index
// CHECK-NEXT:  scf.for %tile = %c0_1 to %num_tiles step %c1 {
// CHECK-NEXT:  %tiles_per_row = arith.constant 1 : index
// CHECK-NEXT:  %tile_row = arith.divui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tile_col = arith.remui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tensor_row = arith.addi %first_tile_row, %tile_row : index
// CHECK-NEXT:  %tensor_col = arith.addi %first_tile_col, %tile_col : index
// CHECK-NEXT:  %tensor_tiles_per_row = arith.constant 1 : index
// CHECK-NEXT:  %row_start = arith.muli %tensor_row, %tensor_tiles_per_row : index
// CHECK-NEXT:  %tile_id = arith.addi %row_start, %tensor_col : index
// CHECK-NEXT:  %page = arith.index_cast %tile : index to i32
// CHECK-NEXT:  %page_bytes = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset = arith.muli %page, %page_bytes : i32
// CHECK-NEXT:  %l1_addr = arith.addi %l1_read, %page_offset : i32
// CHECK-NEXT:  tt.noc_async_write_page %tile_id, %tensor3, %l1_addr : index
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.noc_async_write_barrier
// CHECK-NEXT:  tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:  tt.cb_wait_front %cb17, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:  %l1_read_1 = tt.get_read_ptr %cb17 : !tt.cb<2, bf16>
// CHECK-NEXT:  %tile_rows_1 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row_1 = arith.divui %c0, %tile_rows_1 : index
// CHECK-NEXT:  %tile_cols_1 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col_1 = arith.divui %c0, %tile_cols_1 : index
// CHECK-NEXT:  %c0_2 = arith.constant 0 : index
// CHECK-NEXT:  %c1_1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles_1 = arith.constant 1 : index
// CHECK-NEXT:  scf.for %tile_1 = %c0_2 to %num_tiles_1 step %c1_1 {
// CHECK-NEXT:  %tiles_per_row_1 = arith.constant 1 : index
// CHECK-NEXT:  %tile_row_1 = arith.divui %tile_1, %tiles_per_row_1 : index
// CHECK-NEXT:  %tile_col_1 = arith.remui %tile_1, %tiles_per_row_1 : index
// CHECK-NEXT:  %tensor_row_1 = arith.addi %first_tile_row_1, %tile_row_1 : index
// CHECK-NEXT:  %tensor_col_1 = arith.addi %first_tile_col_1, %tile_col_1 : index
// CHECK-NEXT:  %tensor_tiles_per_row_1 = arith.constant 1 : index
// CHECK-NEXT:  %row_start_1 = arith.muli %tensor_row_1, %tensor_tiles_per_row_1 : index
// CHECK-NEXT:  %tile_id_1 = arith.addi %row_start_1, %tensor_col_1 : index
// CHECK-NEXT:  %page_1 = arith.index_cast %tile_1 : index to i32
// CHECK-NEXT:  %page_bytes_1 = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset_1 = arith.muli %page_1, %page_bytes_1 : i32
// CHECK-NEXT:  %l1_addr_1 = arith.addi %l1_read_1, %page_offset_1 : i32
// CHECK-NEXT:  tt.noc_async_write_page %tile_id_1, %tensor4, %l1_addr_1 : index
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.noc_async_write_barrier
// CHECK-NEXT:  tt.cb_pop_front %cb17, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }

// -----

// relu(A @ B): the relu runs on the SFPU on the DST tiles of the accumulator
// after the K loop, before they are packed: no extra CB round trip.
func.func @relu_epilogue(%A: memref<64x64xbf16>, %B: memref<64x32xbf16>, %C: memref<64x32xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c32 = arith.constant 32 : index
    %a = tt.alloc_shared : memref<64x32xbf16>
    %b = tt.alloc_shared : memref<32x32xbf16>
    %c = tt.alloc_fragment : memref<64x32xf32>
    tt.clear %c : memref<64x32xf32>
    scf.for %k = %c0 to %c2 step %c1 {
      %kk = arith.muli %k, %c32 : index
      tt.copy %A[%c0, %kk] to %a : memref<64x64xbf16> to memref<64x32xbf16>
      tt.copy %B[%kk, %c0] to %b : memref<64x32xbf16> to memref<32x32xbf16>
      tt.gemm %a, %b, %c : memref<64x32xbf16>, memref<32x32xbf16>, memref<64x32xf32>
    }
    tt.relu %c to %c : memref<64x32xf32>
    tt.copy %c to %C[%c0, %c0] : memref<64x32xf32> to memref<64x32xbf16>
  }
  func.return
}
// CHECK-LABEL: tt.program @relu_epilogue attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 1, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 16, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 1]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 1]>>]} {
// CHECK-NEXT:  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, accessor_config(0) = 2, page_size(0) = 2048, accessor_config(1) = 2, page_size(1) = 2048]>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<8, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<4, bf16>
// CHECK-NEXT:  %tensor0_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %tensor0 = tt.tensor_accessor %tensor0_addr, cta_offset = 2, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %tensor1_addr = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %tensor1 = tt.tensor_accessor %tensor1_addr, cta_offset = 4, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %start_arg = tt.get_arg_val 2 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 3 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c2 = arith.constant 2 : index
// CHECK-NEXT:  %c32 = arith.constant 32 : index
// CHECK-NEXT:  %k_step = arith.constant 2 : index
// CHECK-NEXT:  scf.for %k = %c0 to %c2 step %k_step {
// CHECK-NEXT:  %kk = arith.muli %k, %c32 : index
// CHECK-NEXT:  tt.cb_reserve_back %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  %l1_write = tt.get_write_ptr %cb0 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  %l1_write_1 = tt.get_write_ptr %cb1 : !tt.cb<4, bf16>
// CHECK-NEXT:  %tile_rows = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row = arith.divui %c0, %tile_rows : index
// CHECK-NEXT:  %tile_cols = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col = arith.divui %kk, %tile_cols : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles = arith.constant 4 : index
// CHECK-NEXT:  scf.for %tile = %c0_1 to %num_tiles step %c1 {
// CHECK-NEXT:  %tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:  %tile_row = arith.divui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tile_col = arith.remui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tensor_row = arith.addi %first_tile_row, %tile_row : index
// CHECK-NEXT:  %tensor_col = arith.addi %first_tile_col, %tile_col : index
// CHECK-NEXT:  %tensor_tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:  %row_start = arith.muli %tensor_row, %tensor_tiles_per_row : index
// CHECK-NEXT:  %tile_id = arith.addi %row_start, %tensor_col : index
// CHECK-NEXT:  %page = arith.index_cast %tile : index to i32
// CHECK-NEXT:  %page_bytes = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset = arith.muli %page, %page_bytes : i32
// CHECK-NEXT:  %l1_addr = arith.addi %l1_write, %page_offset : i32
// CHECK-NEXT:  tt.noc_async_read_page %tile_id, %tensor0, %l1_addr : index
// CHECK-NEXT:  }
// CHECK-NEXT:  %tile_rows_1 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row_1 = arith.divui %kk, %tile_rows_1 : index
// CHECK-NEXT:  %tile_cols_1 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col_1 = arith.divui %c0, %tile_cols_1 : index
// CHECK-NEXT:  %c0_2 = arith.constant 0 : index
// CHECK-NEXT:  %c1_1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles_1 = arith.constant 2 : index
// CHECK-NEXT:  scf.for %tile_1 = %c0_2 to %num_tiles_1 step %c1_1 {
// CHECK-NEXT:  %tiles_per_row_1 = arith.constant 1 : index
// CHECK-NEXT:  %tile_row_1 = arith.divui %tile_1, %tiles_per_row_1 : index
// CHECK-NEXT:  %tile_col_1 = arith.remui %tile_1, %tiles_per_row_1 : index
// CHECK-NEXT:  %tensor_row_1 = arith.addi %first_tile_row_1, %tile_row_1 : index
// CHECK-NEXT:  %tensor_col_1 = arith.addi %first_tile_col_1, %tile_col_1 : index
// CHECK-NEXT:  %tensor_tiles_per_row_1 = arith.constant 1 : index
// CHECK-NEXT:  %row_start_1 = arith.muli %tensor_row_1, %tensor_tiles_per_row_1 : index
// CHECK-NEXT:  %tile_id_1 = arith.addi %row_start_1, %tensor_col_1 : index
// CHECK-NEXT:  %page_1 = arith.index_cast %tile_1 : index to i32
// CHECK-NEXT:  %page_bytes_1 = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset_1 = arith.muli %page_1, %page_bytes_1 : i32
// CHECK-NEXT:  %l1_addr_1 = arith.addi %l1_write_1, %page_offset_1 : i32
// CHECK-NEXT:  tt.noc_async_read_page %tile_id_1, %tensor1, %l1_addr_1 : index
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.noc_async_read_barrier
// CHECK-NEXT:  tt.cb_push_back %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.cb_push_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<8, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : !tt.cb<8, bf16>, !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  tt.matmul_block_init %cb0, %cb1 ct = 1, rt = 2, kt = 2 : !tt.cb<8, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  tt.relu_tile_init
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c2 = arith.constant 2 : index
// CHECK-NEXT:  %k_step = arith.constant 2 : index
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  scf.for %k = %c0_1 to %c2 step %k_step {
// CHECK-NEXT:  %c0_2 = arith.constant 0 : index
// CHECK-NEXT:  %c1_1 = arith.constant 1 : index
// CHECK-NEXT:  tt.cb_wait_front %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.cb_wait_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c0_2, %c0_2, dst = 0, ct = 1, rt = 2, kt = 2 : !tt.cb<8, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c1_1, %c1_1, dst = 0, ct = 1, rt = 2, kt = 2 : !tt.cb<8, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:  tt.cb_pop_front %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.cb_pop_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  }
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
// CHECK-NEXT:  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(2) = 2, page_size(2) = 2048]>} {
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
// CHECK-NEXT:  %tensor2_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %tensor2 = tt.tensor_accessor %tensor2_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %start_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 2 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  %l1_read = tt.get_read_ptr %cb16 : !tt.cb<4, bf16>
// CHECK-NEXT:  %tile_rows = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row = arith.divui %c0, %tile_rows : index
// CHECK-NEXT:  %tile_cols = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col = arith.divui %c0, %tile_cols : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles = arith.constant 2 : index
// CHECK-NEXT:  scf.for %tile = %c0_1 to %num_tiles step %c1 {
// CHECK-NEXT:  %tiles_per_row = arith.constant 1 : index
// CHECK-NEXT:  %tile_row = arith.divui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tile_col = arith.remui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tensor_row = arith.addi %first_tile_row, %tile_row : index
// CHECK-NEXT:  %tensor_col = arith.addi %first_tile_col, %tile_col : index
// CHECK-NEXT:  %tensor_tiles_per_row = arith.constant 1 : index
// CHECK-NEXT:  %row_start = arith.muli %tensor_row, %tensor_tiles_per_row : index
// CHECK-NEXT:  %tile_id = arith.addi %row_start, %tensor_col : index
// CHECK-NEXT:  %page = arith.index_cast %tile : index to i32
// CHECK-NEXT:  %page_bytes = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset = arith.muli %page, %page_bytes : i32
// CHECK-NEXT:  %l1_addr = arith.addi %l1_read, %page_offset : i32
// CHECK-NEXT:  tt.noc_async_write_page %tile_id, %tensor2, %l1_addr : index
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.noc_async_write_barrier
// CHECK-NEXT:  tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }

// -----

// relu(A @ B) in place on a block larger than DST: the partial sums of the
// 4x4-tile block go to the L1 CB 24 (four 1x4 subblocks per K step, added by the
// packer); after the K loop each tile is copied to DST, relu'd and packed to C's CB.
func.func @relu_subblocks(%A: memref<128x64xbf16>, %B: memref<64x128xbf16>, %C: memref<128x128xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c32 = arith.constant 32 : index
    %a = tt.alloc_shared : memref<128x32xbf16>
    %b = tt.alloc_shared : memref<32x128xbf16>
    %c = tt.alloc_fragment : memref<128x128xf32>
    tt.clear %c : memref<128x128xf32>
    scf.for %k = %c0 to %c2 step %c1 {
      %kk = arith.muli %k, %c32 : index
      tt.copy %A[%c0, %kk] to %a : memref<128x64xbf16> to memref<128x32xbf16>
      tt.copy %B[%kk, %c0] to %b : memref<64x128xbf16> to memref<32x128xbf16>
      tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
    }
    tt.relu %c to %c : memref<128x128xf32>
    tt.copy %c to %C[%c0, %c0] : memref<128x128xf32> to memref<128x128xbf16>
  }
  func.return
}
// CHECK-LABEL: tt.program @relu_subblocks attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 16, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 1, pages = 16, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 24, pages = 16, page_size = 4096, f32, cores = [(0, 0) to (0, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 2]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 4]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 4]>>]} {
// CHECK-NEXT:  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, accessor_config(0) = 2, page_size(0) = 2048, accessor_config(1) = 2, page_size(1) = 2048]>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<16, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<16, bf16>
// CHECK-NEXT:  %tensor0_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %tensor0 = tt.tensor_accessor %tensor0_addr, cta_offset = 2, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %tensor1_addr = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %tensor1 = tt.tensor_accessor %tensor1_addr, cta_offset = 4, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %start_arg = tt.get_arg_val 2 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 3 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c2 = arith.constant 2 : index
// CHECK-NEXT:  %c32 = arith.constant 32 : index
// CHECK-NEXT:  %k_step = arith.constant 2 : index
// CHECK-NEXT:  scf.for %k = %c0 to %c2 step %k_step {
// CHECK-NEXT:  %kk = arith.muli %k, %c32 : index
// CHECK-NEXT:  tt.cb_reserve_back %cb0, 8 : !tt.cb<16, bf16>
// CHECK-NEXT:  %l1_write = tt.get_write_ptr %cb0 : !tt.cb<16, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb1, 8 : !tt.cb<16, bf16>
// CHECK-NEXT:  %l1_write_1 = tt.get_write_ptr %cb1 : !tt.cb<16, bf16>
// CHECK-NEXT:  %tile_rows = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row = arith.divui %c0, %tile_rows : index
// CHECK-NEXT:  %tile_cols = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col = arith.divui %kk, %tile_cols : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles = arith.constant 8 : index
// CHECK-NEXT:  scf.for %tile = %c0_1 to %num_tiles step %c1 {
// CHECK-NEXT:  %tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:  %tile_row = arith.divui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tile_col = arith.remui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tensor_row = arith.addi %first_tile_row, %tile_row : index
// CHECK-NEXT:  %tensor_col = arith.addi %first_tile_col, %tile_col : index
// CHECK-NEXT:  %tensor_tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:  %row_start = arith.muli %tensor_row, %tensor_tiles_per_row : index
// CHECK-NEXT:  %tile_id = arith.addi %row_start, %tensor_col : index
// CHECK-NEXT:  %page = arith.index_cast %tile : index to i32
// CHECK-NEXT:  %page_bytes = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset = arith.muli %page, %page_bytes : i32
// CHECK-NEXT:  %l1_addr = arith.addi %l1_write, %page_offset : i32
// CHECK-NEXT:  tt.noc_async_read_page %tile_id, %tensor0, %l1_addr : index
// CHECK-NEXT:  }
// CHECK-NEXT:  %tile_rows_1 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row_1 = arith.divui %kk, %tile_rows_1 : index
// CHECK-NEXT:  %tile_cols_1 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col_1 = arith.divui %c0, %tile_cols_1 : index
// CHECK-NEXT:  %c0_2 = arith.constant 0 : index
// CHECK-NEXT:  %c1_1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles_1 = arith.constant 8 : index
// CHECK-NEXT:  scf.for %tile_1 = %c0_2 to %num_tiles_1 step %c1_1 {
// CHECK-NEXT:  %tiles_per_row_1 = arith.constant 4 : index
// CHECK-NEXT:  %tile_row_1 = arith.divui %tile_1, %tiles_per_row_1 : index
// CHECK-NEXT:  %tile_col_1 = arith.remui %tile_1, %tiles_per_row_1 : index
// CHECK-NEXT:  %tensor_row_1 = arith.addi %first_tile_row_1, %tile_row_1 : index
// CHECK-NEXT:  %tensor_col_1 = arith.addi %first_tile_col_1, %tile_col_1 : index
// CHECK-NEXT:  %tensor_tiles_per_row_1 = arith.constant 4 : index
// CHECK-NEXT:  %row_start_1 = arith.muli %tensor_row_1, %tensor_tiles_per_row_1 : index
// CHECK-NEXT:  %tile_id_1 = arith.addi %row_start_1, %tensor_col_1 : index
// CHECK-NEXT:  %page_1 = arith.index_cast %tile_1 : index to i32
// CHECK-NEXT:  %page_bytes_1 = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset_1 = arith.muli %page_1, %page_bytes_1 : i32
// CHECK-NEXT:  %l1_addr_1 = arith.addi %l1_write_1, %page_offset_1 : i32
// CHECK-NEXT:  tt.noc_async_read_page %tile_id_1, %tensor1, %l1_addr_1 : index
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.noc_async_read_barrier
// CHECK-NEXT:  tt.cb_push_back %cb0, 8 : !tt.cb<16, bf16>
// CHECK-NEXT:  tt.cb_push_back %cb1, 8 : !tt.cb<16, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16, cb(24) = 24]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<16, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<16, bf16>
// CHECK-NEXT:  %cb24 = tt.get_cb 24 : !tt.cb<16, f32>
// CHECK-NEXT:  tt.compute_kernel_hw_startup %cb0, %cb1, %cb24 : !tt.cb<16, bf16>, !tt.cb<16, bf16>, !tt.cb<16, f32>
// CHECK-NEXT:  %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  tt.relu_tile_init
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %c2 = arith.constant 2 : index
// CHECK-NEXT:  %c3 = arith.constant 3 : index
// CHECK-NEXT:  %c4 = arith.constant 4 : index
// CHECK-NEXT:  %c5 = arith.constant 5 : index
// CHECK-NEXT:  %c6 = arith.constant 6 : index
// CHECK-NEXT:  %c7 = arith.constant 7 : index
// CHECK-NEXT:  %c8 = arith.constant 8 : index
// CHECK-NEXT:  %c9 = arith.constant 9 : index
// CHECK-NEXT:  %c10 = arith.constant 10 : index
// CHECK-NEXT:  %c11 = arith.constant 11 : index
// CHECK-NEXT:  %c12 = arith.constant 12 : index
// CHECK-NEXT:  %c13 = arith.constant 13 : index
// CHECK-NEXT:  %c14 = arith.constant 14 : index
// CHECK-NEXT:  %c15 = arith.constant 15 : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c2_1 = arith.constant 2 : index
// CHECK-NEXT:  %k_step = arith.constant 2 : index
// CHECK-NEXT:  tt.cb_reserve_back %cb24, 16 : !tt.cb<16, f32>
// CHECK-NEXT:  tt.reconfig_data_format %cb1, %cb0 : !tt.cb<16, bf16>, !tt.cb<16, bf16>
// CHECK-NEXT:  tt.matmul_block_init %cb0, %cb1 ct = 4, rt = 1, kt = 2 : !tt.cb<16, bf16>, !tt.cb<16, bf16>
// CHECK-NEXT:  tt.pack_reconfig_data_format %cb24 : !tt.cb<16, f32>
// CHECK-NEXT:  scf.for %k = %c0_1 to %c2_1 step %k_step {
// CHECK-NEXT:  %c0_2 = arith.constant 0 : index
// CHECK-NEXT:  %c1_1 = arith.constant 1 : index
// CHECK-NEXT:  %c4_1 = arith.constant 4 : index
// CHECK-NEXT:  %c2_2 = arith.constant 2 : index
// CHECK-NEXT:  %c3_1 = arith.constant 3 : index
// CHECK-NEXT:  %c5_1 = arith.constant 5 : index
// CHECK-NEXT:  %c6_1 = arith.constant 6 : index
// CHECK-NEXT:  %c7_1 = arith.constant 7 : index
// CHECK-NEXT:  %c8_1 = arith.constant 8 : index
// CHECK-NEXT:  %c9_1 = arith.constant 9 : index
// CHECK-NEXT:  %c10_1 = arith.constant 10 : index
// CHECK-NEXT:  %c11_1 = arith.constant 11 : index
// CHECK-NEXT:  %c12_1 = arith.constant 12 : index
// CHECK-NEXT:  %c13_1 = arith.constant 13 : index
// CHECK-NEXT:  %c14_1 = arith.constant 14 : index
// CHECK-NEXT:  %c15_1 = arith.constant 15 : index
// CHECK-NEXT:  tt.cb_wait_front %cb0, 8 : !tt.cb<16, bf16>
// CHECK-NEXT:  tt.cb_wait_front %cb1, 8 : !tt.cb<16, bf16>
// CHECK-NEXT:  %accumulate = arith.cmpi ne, %k, %c0_1 : index
// CHECK-NEXT:  tt.pack_l1_acc %accumulate : i1
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c0_2, %c0_2, dst = 0, ct = 4, rt = 1, kt = 2 : !tt.cb<16, bf16>, !tt.cb<16, bf16>, index, index
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c1_1, %c4_1, dst = 0, ct = 4, rt = 1, kt = 2 : !tt.cb<16, bf16>, !tt.cb<16, bf16>, index, index
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb24[%c0_2] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb24[%c1_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.pack_tile dst = 2, %cb24[%c2_2] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.pack_tile dst = 3, %cb24[%c3_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c2_2, %c0_2, dst = 0, ct = 4, rt = 1, kt = 2 : !tt.cb<16, bf16>, !tt.cb<16, bf16>, index, index
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c3_1, %c4_1, dst = 0, ct = 4, rt = 1, kt = 2 : !tt.cb<16, bf16>, !tt.cb<16, bf16>, index, index
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb24[%c4_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb24[%c5_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.pack_tile dst = 2, %cb24[%c6_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.pack_tile dst = 3, %cb24[%c7_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c4_1, %c0_2, dst = 0, ct = 4, rt = 1, kt = 2 : !tt.cb<16, bf16>, !tt.cb<16, bf16>, index, index
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c5_1, %c4_1, dst = 0, ct = 4, rt = 1, kt = 2 : !tt.cb<16, bf16>, !tt.cb<16, bf16>, index, index
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb24[%c8_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb24[%c9_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.pack_tile dst = 2, %cb24[%c10_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.pack_tile dst = 3, %cb24[%c11_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c6_1, %c0_2, dst = 0, ct = 4, rt = 1, kt = 2 : !tt.cb<16, bf16>, !tt.cb<16, bf16>, index, index
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c7_1, %c4_1, dst = 0, ct = 4, rt = 1, kt = 2 : !tt.cb<16, bf16>, !tt.cb<16, bf16>, index, index
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.cb_pop_front %cb0, 8 : !tt.cb<16, bf16>
// CHECK-NEXT:  tt.cb_pop_front %cb1, 8 : !tt.cb<16, bf16>
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb24[%c12_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb24[%c13_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.pack_tile dst = 2, %cb24[%c14_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.pack_tile dst = 3, %cb24[%c15_1] : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.cb_push_back %cb24, 16 : !tt.cb<16, f32>
// CHECK-NEXT:  %no_accumulation = arith.constant false
// CHECK-NEXT:  tt.pack_l1_acc %no_accumulation : i1
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<32, bf16>
// CHECK-NEXT:  tt.reconfig_data_format %cb24, %cb24 : !tt.cb<16, f32>, !tt.cb<16, f32>
// CHECK-NEXT:  tt.copy_tile_init %cb24 : !tt.cb<16, f32>
// CHECK-NEXT:  tt.cb_wait_front %cb24, 16 : !tt.cb<16, f32>
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.copy_tile %cb24, %c1, dst = 1 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.copy_tile %cb24, %c2, dst = 2 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.copy_tile %cb24, %c3, dst = 3 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.relu_tile dst = 0
// CHECK-NEXT:  tt.relu_tile dst = 1
// CHECK-NEXT:  tt.relu_tile dst = 2
// CHECK-NEXT:  tt.relu_tile dst = 3
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.cb_reserve_back %cb16, 16 : !tt.cb<32, bf16>
// CHECK-NEXT:  tt.pack_reconfig_data_format %cb16 : !tt.cb<32, bf16>
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 2, %cb16[%c2] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 3, %cb16[%c3] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.copy_tile %cb24, %c4, dst = 0 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.copy_tile %cb24, %c5, dst = 1 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.copy_tile %cb24, %c6, dst = 2 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.copy_tile %cb24, %c7, dst = 3 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.relu_tile dst = 0
// CHECK-NEXT:  tt.relu_tile dst = 1
// CHECK-NEXT:  tt.relu_tile dst = 2
// CHECK-NEXT:  tt.relu_tile dst = 3
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb16[%c4] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb16[%c5] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 2, %cb16[%c6] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 3, %cb16[%c7] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.copy_tile %cb24, %c8, dst = 0 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.copy_tile %cb24, %c9, dst = 1 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.copy_tile %cb24, %c10, dst = 2 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.copy_tile %cb24, %c11, dst = 3 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.relu_tile dst = 0
// CHECK-NEXT:  tt.relu_tile dst = 1
// CHECK-NEXT:  tt.relu_tile dst = 2
// CHECK-NEXT:  tt.relu_tile dst = 3
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb16[%c8] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb16[%c9] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 2, %cb16[%c10] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 3, %cb16[%c11] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.copy_tile %cb24, %c12, dst = 0 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.copy_tile %cb24, %c13, dst = 1 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.copy_tile %cb24, %c14, dst = 2 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.copy_tile %cb24, %c15, dst = 3 : !tt.cb<16, f32>, index
// CHECK-NEXT:  tt.cb_pop_front %cb24, 16 : !tt.cb<16, f32>
// CHECK-NEXT:  tt.relu_tile dst = 0
// CHECK-NEXT:  tt.relu_tile dst = 1
// CHECK-NEXT:  tt.relu_tile dst = 2
// CHECK-NEXT:  tt.relu_tile dst = 3
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb16[%c12] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb16[%c13] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 2, %cb16[%c14] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 3, %cb16[%c15] : !tt.cb<32, bf16>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.cb_push_back %cb16, 16 : !tt.cb<32, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(2) = 2, page_size(2) = 2048]>} {
// CHECK-NEXT:  %tensor2_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %tensor2 = tt.tensor_accessor %tensor2_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %start_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 2 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<32, bf16>
// CHECK-NEXT:  tt.cb_wait_front %cb16, 16 : !tt.cb<32, bf16>
// CHECK-NEXT:  %l1_read = tt.get_read_ptr %cb16 : !tt.cb<32, bf16>
// CHECK-NEXT:  %tile_rows = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row = arith.divui %c0, %tile_rows : index
// CHECK-NEXT:  %tile_cols = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col = arith.divui %c0, %tile_cols : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles = arith.constant 16 : index
// CHECK-NEXT:  scf.for %tile = %c0_1 to %num_tiles step %c1 {
// CHECK-NEXT:  %tiles_per_row = arith.constant 4 : index
// CHECK-NEXT:  %tile_row = arith.divui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tile_col = arith.remui %tile, %tiles_per_row : index
// CHECK-NEXT:  %tensor_row = arith.addi %first_tile_row, %tile_row : index
// CHECK-NEXT:  %tensor_col = arith.addi %first_tile_col, %tile_col : index
// CHECK-NEXT:  %tensor_tiles_per_row = arith.constant 4 : index
// CHECK-NEXT:  %row_start = arith.muli %tensor_row, %tensor_tiles_per_row : index
// CHECK-NEXT:  %tile_id = arith.addi %row_start, %tensor_col : index
// CHECK-NEXT:  %page = arith.index_cast %tile : index to i32
// CHECK-NEXT:  %page_bytes = arith.constant 2048 : i32
// CHECK-NEXT:  %page_offset = arith.muli %page, %page_bytes : i32
// CHECK-NEXT:  %l1_addr = arith.addi %l1_read, %page_offset : i32
// CHECK-NEXT:  tt.noc_async_write_page %tile_id, %tensor2, %l1_addr : index
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.noc_async_write_barrier
// CHECK-NEXT:  tt.cb_pop_front %cb16, 16 : !tt.cb<32, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }
