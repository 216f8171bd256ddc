// RUN: tt-opt %s --split-input-file -p 'tt-pipeline{grid=1x1}' | filecheck %s

// Square gemm, Kt > 1: 64x64x64, one 64x64 block, K loop of 2 steps of 32.
// The f32 accumulator gives fp32 DST accumulation (4 tiles): the 2x2-tile block
// fits, so the sums stay in DST and are packed once; the K loop reads consecutive
// K slices and is coarsened to one step of 2 tiles (two matmul_block calls).
func.func @square(%A: memref<64x64xbf16>, %B: memref<64x64xbf16>, %C: memref<64x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c32 = arith.constant 32 : index
    %c64 = arith.constant 64 : index
    %row = arith.muli %by, %c64 : index
    %col = arith.muli %bx, %c64 : index
    %a = tt.alloc_shared : memref<64x32xbf16>
    %b = tt.alloc_shared : memref<32x64xbf16>
    %c = tt.alloc_fragment : memref<64x64xf32>
    tt.clear %c : memref<64x64xf32>
    scf.for %k = %c0 to %c2 step %c1 {
      %kk = arith.muli %k, %c32 : index
      tt.copy %A[%row, %kk] to %a : memref<64x64xbf16> to memref<64x32xbf16>
      tt.copy %B[%kk, %col] to %b : memref<64x64xbf16> to memref<32x64xbf16>
      tt.gemm %a, %b, %c : memref<64x32xbf16>, memref<32x64xbf16>, memref<64x64xf32>
    }
    tt.copy %c to %C[%row, %col] : memref<64x64xf32> to memref<64x64xbf16>
  }
  func.return
}
// CHECK-LABEL: tt.program @square attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>>]} {
// CHECK-NEXT:  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, accessor_config(0) = 2, page_size(0) = 2048, accessor_config(1) = 2, page_size(1) = 2048]>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<8, bf16>
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
// CHECK-NEXT:  %blocks_per_row = arith.constant 1 : index
// CHECK-NEXT:  %by = arith.divui %unit, %blocks_per_row : index
// CHECK-NEXT:  %bx = arith.remui %unit, %blocks_per_row : index
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c2 = arith.constant 2 : index
// CHECK-NEXT:  %c32 = arith.constant 32 : index
// CHECK-NEXT:  %c64 = arith.constant 64 : index
// CHECK-NEXT:  %row = arith.muli %by, %c64 : index
// CHECK-NEXT:  %col = arith.muli %bx, %c64 : index
// CHECK-NEXT:  %k_step = arith.constant 2 : index
// CHECK-NEXT:  scf.for %k = %c0 to %c2 step %k_step {
// CHECK-NEXT:  %kk = arith.muli %k, %c32 : index
// CHECK-NEXT:  tt.cb_reserve_back %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  %l1_write = tt.get_write_ptr %cb0 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb1, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  %l1_write_1 = tt.get_write_ptr %cb1 : !tt.cb<8, bf16>
// CHECK-NEXT:  %tile_rows = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row = arith.divui %row, %tile_rows : index
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
// CHECK-NEXT:  %first_tile_col_1 = arith.divui %col, %tile_cols_1 : index
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
// CHECK-NEXT:  tt.cb_push_back %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.cb_push_back %cb1, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<8, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<8, bf16>
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:  %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  tt.matmul_block_init %cb0, %cb1 ct = 2, rt = 2, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %c2 = arith.constant 2 : index
// CHECK-NEXT:  %c3 = arith.constant 3 : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c2_1 = arith.constant 2 : index
// CHECK-NEXT:  %k_step = arith.constant 2 : index
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  scf.for %k = %c0_1 to %c2_1 step %k_step {
// CHECK-NEXT:  %c0_2 = arith.constant 0 : index
// CHECK-NEXT:  %c1_1 = arith.constant 1 : index
// CHECK-NEXT:  %c2_2 = arith.constant 2 : index
// CHECK-NEXT:  tt.cb_wait_front %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.cb_wait_front %cb1, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c0_2, %c0_2, dst = 0, ct = 2, rt = 2, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c1_1, %c2_2, dst = 0, ct = 2, rt = 2, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:  tt.cb_pop_front %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.cb_pop_front %cb1, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.cb_reserve_back %cb16, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<8, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<8, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 2, %cb16[%c2] : !tt.cb<8, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 3, %cb16[%c3] : !tt.cb<8, bf16>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.cb_push_back %cb16, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(2) = 2, page_size(2) = 2048]>} {
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<8, bf16>
// CHECK-NEXT:  %tensor2_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %tensor2 = tt.tensor_accessor %tensor2_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %start_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 2 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %blocks_per_row = arith.constant 1 : index
// CHECK-NEXT:  %by = arith.divui %unit, %blocks_per_row : index
// CHECK-NEXT:  %bx = arith.remui %unit, %blocks_per_row : index
// CHECK-NEXT:  %c64 = arith.constant 64 : index
// CHECK-NEXT:  %row = arith.muli %by, %c64 : index
// CHECK-NEXT:  %col = arith.muli %bx, %c64 : index
// CHECK-NEXT:  tt.cb_wait_front %cb16, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  %l1_read = tt.get_read_ptr %cb16 : !tt.cb<8, bf16>
// CHECK-NEXT:  %tile_rows = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row = arith.divui %row, %tile_rows : index
// CHECK-NEXT:  %tile_cols = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col = arith.divui %col, %tile_cols : index
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles = arith.constant 4 : index
// CHECK-NEXT:  scf.for %tile = %c0 to %num_tiles step %c1 {
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
// CHECK-NEXT:  tt.cb_pop_front %cb16, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }

// -----

// Rectangular gemm, Kt = 1 written without a K loop: 64x128 output blocks of
// 2x4 tiles need 8 DST tiles, fp32 accumulation has 4, so each block is
// computed as two 2x2 subblocks; each subblock reads the 2 A tiles and its 2 B
// tiles and packs its 4 output tiles once.
func.func @rectangular(%A: memref<128x32xbf16>, %B: memref<32x128xbf16>, %C: memref<128x128xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 2) {
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c128 = arith.constant 128 : index
    %row = arith.muli %by, %c64 : index
    %col = arith.muli %bx, %c128 : index
    %a = tt.alloc_shared : memref<64x32xbf16>
    %b = tt.alloc_shared : memref<32x128xbf16>
    %c = tt.alloc_fragment : memref<64x128xf32>
    tt.clear %c : memref<64x128xf32>
    tt.copy %A[%row, %c0] to %a : memref<128x32xbf16> to memref<64x32xbf16>
    tt.copy %B[%c0, %col] to %b : memref<32x128xbf16> to memref<32x128xbf16>
    tt.gemm %a, %b, %c : memref<64x32xbf16>, memref<32x128xbf16>, memref<64x128xf32>
    tt.copy %c to %C[%row, %col] : memref<64x128xf32> to memref<128x128xbf16>
  }
  func.return
}
// CHECK-LABEL: tt.program @rectangular attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 1, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [2, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 2>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 1]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 4]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 4]>>]} {
// CHECK-NEXT:  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, accessor_config(0) = 2, page_size(0) = 2048, accessor_config(1) = 2, page_size(1) = 2048]>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
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
// CHECK-NEXT:  %blocks_per_row = arith.constant 1 : index
// CHECK-NEXT:  %by = arith.divui %unit, %blocks_per_row : index
// CHECK-NEXT:  %bx = arith.remui %unit, %blocks_per_row : index
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c64 = arith.constant 64 : index
// CHECK-NEXT:  %c128 = arith.constant 128 : index
// CHECK-NEXT:  %row = arith.muli %by, %c64 : index
// CHECK-NEXT:  %col = arith.muli %bx, %c128 : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %num_subblocks = arith.constant 2 : index
// CHECK-NEXT:  scf.for %subblock = %c0_1 to %num_subblocks step %c1 {
// CHECK-NEXT:  %subblocks_per_row = arith.constant 2 : index
// CHECK-NEXT:  %subblock_row = arith.divui %subblock, %subblocks_per_row : index
// CHECK-NEXT:  %subblock_col = arith.remui %subblock, %subblocks_per_row : index
// CHECK-NEXT:  %subblock_height = arith.constant 64 : index
// CHECK-NEXT:  %row_offset = arith.muli %subblock_row, %subblock_height : index
// CHECK-NEXT:  %subblock_width = arith.constant 64 : index
// CHECK-NEXT:  %col_offset = arith.muli %subblock_col, %subblock_width : index
// CHECK-NEXT:  %subblock_row_start = arith.addi %row, %row_offset : index
// CHECK-NEXT:  tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  %l1_write = tt.get_write_ptr %cb0 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  %l1_write_1 = tt.get_write_ptr %cb1 : !tt.cb<4, bf16>
// CHECK-NEXT:  %tile_rows = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row = arith.divui %subblock_row_start, %tile_rows : index
// CHECK-NEXT:  %tile_cols = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col = arith.divui %c0, %tile_cols : index
// CHECK-NEXT:  %c0_2 = arith.constant 0 : index
// CHECK-NEXT:  %c1_1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles = arith.constant 2 : index
// CHECK-NEXT:  scf.for %tile = %c0_2 to %num_tiles step %c1_1 {
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
// CHECK-NEXT:  %l1_addr = arith.addi %l1_write, %page_offset : i32
// CHECK-NEXT:  tt.noc_async_read_page %tile_id, %tensor0, %l1_addr : index
// CHECK-NEXT:  }
// CHECK-NEXT:  %subblock_col_start = arith.addi %col, %col_offset : index
// CHECK-NEXT:  %tile_rows_1 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row_1 = arith.divui %c0, %tile_rows_1 : index
// CHECK-NEXT:  %tile_cols_1 = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col_1 = arith.divui %subblock_col_start, %tile_cols_1 : index
// CHECK-NEXT:  %c0_3 = arith.constant 0 : index
// CHECK-NEXT:  %c1_2 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles_1 = arith.constant 2 : index
// CHECK-NEXT:  scf.for %tile_1 = %c0_3 to %num_tiles_1 step %c1_2 {
// CHECK-NEXT:  %tiles_per_row_1 = arith.constant 2 : index
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
// CHECK-NEXT:  tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_push_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<4, bf16>
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:  %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  tt.matmul_block_init %cb0, %cb1 ct = 2, rt = 2, kt = 1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %num_subblocks = arith.constant 2 : index
// CHECK-NEXT:  scf.for %subblock = %c0 to %num_subblocks step %c1 {
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c1_1 = arith.constant 1 : index
// CHECK-NEXT:  %c2 = arith.constant 2 : index
// CHECK-NEXT:  %c3 = arith.constant 3 : index
// CHECK-NEXT:  tt.cb_wait_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_wait_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.tile_regs_acquire
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c0_1, %c0_1, dst = 0, ct = 2, rt = 2, kt = 1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:  tt.tile_regs_commit
// CHECK-NEXT:  tt.cb_pop_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_pop_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb16, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.tile_regs_wait
// CHECK-NEXT:  tt.pack_tile dst = 0, %cb16[%c0_1] : !tt.cb<8, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 1, %cb16[%c1_1] : !tt.cb<8, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 2, %cb16[%c2] : !tt.cb<8, bf16>, index
// CHECK-NEXT:  tt.pack_tile dst = 3, %cb16[%c3] : !tt.cb<8, bf16>, index
// CHECK-NEXT:  tt.tile_regs_release
// CHECK-NEXT:  tt.cb_push_back %cb16, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(2) = 2, page_size(2) = 2048]>} {
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<8, bf16>
// CHECK-NEXT:  %tensor2_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %tensor2 = tt.tensor_accessor %tensor2_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:  %start_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 2 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  scf.for %unit = %start_unit to %end_unit step %unit_step {
// CHECK-NEXT:  %blocks_per_row = arith.constant 1 : index
// CHECK-NEXT:  %by = arith.divui %unit, %blocks_per_row : index
// CHECK-NEXT:  %bx = arith.remui %unit, %blocks_per_row : index
// CHECK-NEXT:  %c64 = arith.constant 64 : index
// CHECK-NEXT:  %c128 = arith.constant 128 : index
// CHECK-NEXT:  %row = arith.muli %by, %c64 : index
// CHECK-NEXT:  %col = arith.muli %bx, %c128 : index
// CHECK-NEXT:  %c0 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %num_subblocks = arith.constant 2 : index
// CHECK-NEXT:  scf.for %subblock = %c0 to %num_subblocks step %c1 {
// CHECK-NEXT:  %subblocks_per_row = arith.constant 2 : index
// CHECK-NEXT:  %subblock_row = arith.divui %subblock, %subblocks_per_row : index
// CHECK-NEXT:  %subblock_col = arith.remui %subblock, %subblocks_per_row : index
// CHECK-NEXT:  %subblock_height = arith.constant 64 : index
// CHECK-NEXT:  %row_offset = arith.muli %subblock_row, %subblock_height : index
// CHECK-NEXT:  %subblock_width = arith.constant 64 : index
// CHECK-NEXT:  %col_offset = arith.muli %subblock_col, %subblock_width : index
// CHECK-NEXT:  %subblock_row_start = arith.addi %row, %row_offset : index
// CHECK-NEXT:  %subblock_col_start = arith.addi %col, %col_offset : index
// CHECK-NEXT:  tt.cb_wait_front %cb16, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  %l1_read = tt.get_read_ptr %cb16 : !tt.cb<8, bf16>
// CHECK-NEXT:  %tile_rows = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row = arith.divui %subblock_row_start, %tile_rows : index
// CHECK-NEXT:  %tile_cols = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col = arith.divui %subblock_col_start, %tile_cols : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c1_1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles = arith.constant 4 : index
// CHECK-NEXT:  scf.for %tile = %c0_1 to %num_tiles step %c1_1 {
// CHECK-NEXT:  %tiles_per_row = arith.constant 2 : index
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
// CHECK-NEXT:  tt.cb_pop_front %cb16, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }

// -----

// Rectangular gemm with Kt > 1 and a K block of two tiles: 32x64 output blocks
// (1x2 tiles) over K = 128 in steps of 64, coarsened to one step of 4 tiles:
// four matmul_block calls (one per K tile) into the same two DST tiles.
func.func @deep(%A: memref<32x128xbf16>, %B: memref<128x64xbf16>, %C: memref<32x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c64 = arith.constant 64 : index
    %a = tt.alloc_shared : memref<32x64xbf16>
    %b = tt.alloc_shared : memref<64x64xbf16>
    %c = tt.alloc_fragment : memref<32x64xf32>
    tt.clear %c : memref<32x64xf32>
    scf.for %k = %c0 to %c2 step %c1 {
      %kk = arith.muli %k, %c64 : index
      tt.copy %A[%c0, %kk] to %a : memref<32x128xbf16> to memref<32x64xbf16>
      tt.copy %B[%kk, %c0] to %b : memref<128x64xbf16> to memref<64x64xbf16>
      tt.gemm %a, %b, %c : memref<32x64xbf16>, memref<64x64xbf16>, memref<32x64xf32>
    }
    tt.copy %c to %C[%c0, %c0] : memref<32x64xf32> to memref<32x64xbf16>
  }
  func.return
}
// CHECK-LABEL: tt.program @deep attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 1, pages = 16, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>, #tt.cb_desc<index = 16, pages = 4, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 4]>>, #tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 2]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 2]>>]} {
// CHECK-NEXT:  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, accessor_config(0) = 2, page_size(0) = 2048, accessor_config(1) = 2, page_size(1) = 2048]>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<8, bf16>
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
// CHECK-NEXT:  %c64 = arith.constant 64 : index
// CHECK-NEXT:  %k_step = arith.constant 2 : index
// CHECK-NEXT:  scf.for %k = %c0 to %c2 step %k_step {
// CHECK-NEXT:  %kk = arith.muli %k, %c64 : index
// CHECK-NEXT:  tt.cb_reserve_back %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  %l1_write = tt.get_write_ptr %cb0 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.cb_reserve_back %cb1, 8 : !tt.cb<16, bf16>
// CHECK-NEXT:  %l1_write_1 = tt.get_write_ptr %cb1 : !tt.cb<16, bf16>
// CHECK-NEXT:  %tile_rows = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_row = arith.divui %c0, %tile_rows : index
// CHECK-NEXT:  %tile_cols = arith.constant 32 : index
// CHECK-NEXT:  %first_tile_col = arith.divui %kk, %tile_cols : index
// CHECK-NEXT:  %c0_1 = arith.constant 0 : index
// CHECK-NEXT:  %c1 = arith.constant 1 : index
// CHECK-NEXT:  %num_tiles = arith.constant 4 : index
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
// CHECK-NEXT:  tt.cb_push_back %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.cb_push_back %cb1, 8 : !tt.cb<16, bf16>
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-NEXT:  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
// CHECK-NEXT:  %cb0 = tt.get_cb 0 : !tt.cb<8, bf16>
// CHECK-NEXT:  %cb1 = tt.get_cb 1 : !tt.cb<16, bf16>
// CHECK-NEXT:  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
// CHECK-NEXT:  tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : !tt.cb<8, bf16>, !tt.cb<16, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:  %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:  %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:  %start_unit = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:  %num_units = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:  %end_unit = arith.addi %start_unit, %num_units : index
// CHECK-NEXT:  %unit_step = arith.constant 1 : index
// CHECK-NEXT:  tt.matmul_block_init %cb0, %cb1 ct = 2, rt = 1, kt = 4 : !tt.cb<8, bf16>, !tt.cb<16, bf16>
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
// CHECK-NEXT:  %c2_1 = arith.constant 2 : index
// CHECK-NEXT:  %c4 = arith.constant 4 : index
// CHECK-NEXT:  %c3 = arith.constant 3 : index
// CHECK-NEXT:  %c6 = arith.constant 6 : index
// CHECK-NEXT:  tt.cb_wait_front %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.cb_wait_front %cb1, 8 : !tt.cb<16, bf16>
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c0_2, %c0_2, dst = 0, ct = 2, rt = 1, kt = 4 : !tt.cb<8, bf16>, !tt.cb<16, bf16>, index, index
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c1_1, %c2_1, dst = 0, ct = 2, rt = 1, kt = 4 : !tt.cb<8, bf16>, !tt.cb<16, bf16>, index, index
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c2_1, %c4, dst = 0, ct = 2, rt = 1, kt = 4 : !tt.cb<8, bf16>, !tt.cb<16, bf16>, index, index
// CHECK-NEXT:  tt.matmul_block %cb0, %cb1, %c3, %c6, dst = 0, ct = 2, rt = 1, kt = 4 : !tt.cb<8, bf16>, !tt.cb<16, bf16>, index, index
// CHECK-NEXT:  tt.cb_pop_front %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:  tt.cb_pop_front %cb1, 8 : !tt.cb<16, bf16>
// CHECK-NEXT:  }
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
