// RUN: tt-opt %s -p tt-lower-shared-to-cb --split-input-file --verify-diagnostics | filecheck %s

// The input is what tt-lower-tile-ops leaves, written by hand: buffers with a
// tt.cb descriptor, tensor arguments with a tt.layout, the runtime-argument
// schema on the function, and the tt.copy ops between tensors and buffers. The
// compute ops around them play no part here and are left out.

// A copy from a tensor region into a buffer becomes the producer side of the
// buffer's CB: reserve the buffer's 2x2 = 4 tiles, take the write pointer, read
// each tile into its page, wait for the reads, push. The tensor's accessor is
// built at the top of the function from its buffer_address entry (schema
// position 0) and the page size of its layout. Tile t of the buffer is tensor
// tile (64/32 + t/2) * 3 + (32/32 + t%2): tiles 7, 8, 10, 11 of the 4x3-tile
// tensor, read to L1 page t (2048 bytes each). The buffer itself disappears;
// its tt.get_cb is created where the alloc was.
func.func @load(%A: memref<128x96xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 3]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
  %row = arith.constant 64 : index
  %col = arith.constant 32 : index
  tt.copy %A[%row, %col] to %a : memref<128x96xbf16> to memref<64x64xbf16>
  func.return
}
// CHECK:      func.func @load(
// CHECK-NEXT:   %cb0 = tt.get_cb 0 : !tt.cb<8, bf16>
// CHECK-NEXT:   %tensor0_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:   %tensor0 = tt.tensor_accessor %tensor0_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:   %row = arith.constant 64 : index
// CHECK-NEXT:   %col = arith.constant 32 : index
// CHECK-NEXT:   tt.cb_reserve_back %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:   %l1_write = tt.get_write_ptr %cb0 : !tt.cb<8, bf16>
// CHECK-NEXT:   %tile_rows = arith.constant 32 : index
// CHECK-NEXT:   %first_tile_row = arith.divui %row, %tile_rows : index
// CHECK-NEXT:   %tile_cols = arith.constant 32 : index
// CHECK-NEXT:   %first_tile_col = arith.divui %col, %tile_cols : index
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %num_tiles = arith.constant 4 : index
// CHECK-NEXT:   scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK-NEXT:     %tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:     %tile_row = arith.divui %tile, %tiles_per_row : index
// CHECK-NEXT:     %tile_col = arith.remui %tile, %tiles_per_row : index
// CHECK-NEXT:     %tensor_row = arith.addi %first_tile_row, %tile_row : index
// CHECK-NEXT:     %tensor_col = arith.addi %first_tile_col, %tile_col : index
// CHECK-NEXT:     %tensor_tiles_per_row = arith.constant 3 : index
// CHECK-NEXT:     %row_start = arith.muli %tensor_row, %tensor_tiles_per_row : index
// CHECK-NEXT:     %tile_id = arith.addi %row_start, %tensor_col : index
// CHECK-NEXT:     %page = arith.index_cast %tile : index to i32
// CHECK-NEXT:     %page_bytes = arith.constant 2048 : i32
// CHECK-NEXT:     %page_offset = arith.muli %page, %page_bytes : i32
// CHECK-NEXT:     %l1_addr = arith.addi %l1_write, %page_offset : i32
// CHECK-NEXT:     tt.noc_async_read_page %tile_id, %tensor0, %l1_addr : index
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.noc_async_read_barrier
// CHECK-NEXT:   tt.cb_push_back %cb0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

// A copy from a buffer into a tensor region becomes the consumer side: wait for
// the buffer's 1x3 tiles, take the read pointer, write each page to its tile,
// wait for the writes, pop. Page t goes to tensor tile (96/32) * 3 + t: tiles
// 9, 10, 11. f32 pages are 4096 bytes, in the CB and in the accessor. The
// tt.get_cb that follows the alloc is reused, not duplicated.
func.func @store(%C: memref<128x96xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [4, 3]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["c" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
  %c = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 6, page_size = 4096, f32>} : memref<32x96xf32>
  %cb16 = tt.get_cb 16 : !tt.cb<6, f32>
  %row = arith.constant 96 : index
  %col = arith.constant 0 : index
  tt.copy %c to %C[%row, %col] : memref<32x96xf32> to memref<128x96xf32>
  func.return
}
// CHECK:      func.func @store(
// CHECK-NEXT:   %cb16 = tt.get_cb 16 : !tt.cb<6, f32>
// CHECK-NEXT:   %tensor0_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:   %tensor0 = tt.tensor_accessor %tensor0_addr, cta_offset = 0, page_size = 4096 : !tt.tensor_accessor
// CHECK-NEXT:   %row = arith.constant 96 : index
// CHECK-NEXT:   %col = arith.constant 0 : index
// CHECK-NEXT:   tt.cb_wait_front %cb16, 3 : !tt.cb<6, f32>
// CHECK-NEXT:   %l1_read = tt.get_read_ptr %cb16 : !tt.cb<6, f32>
// CHECK-NEXT:   %tile_rows = arith.constant 32 : index
// CHECK-NEXT:   %first_tile_row = arith.divui %row, %tile_rows : index
// CHECK-NEXT:   %tile_cols = arith.constant 32 : index
// CHECK-NEXT:   %first_tile_col = arith.divui %col, %tile_cols : index
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %num_tiles = arith.constant 3 : index
// CHECK-NEXT:   scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK-NEXT:     %tiles_per_row = arith.constant 3 : index
// CHECK-NEXT:     %tile_row = arith.divui %tile, %tiles_per_row : index
// CHECK-NEXT:     %tile_col = arith.remui %tile, %tiles_per_row : index
// CHECK-NEXT:     %tensor_row = arith.addi %first_tile_row, %tile_row : index
// CHECK-NEXT:     %tensor_col = arith.addi %first_tile_col, %tile_col : index
// CHECK-NEXT:     %tensor_tiles_per_row = arith.constant 3 : index
// CHECK-NEXT:     %row_start = arith.muli %tensor_row, %tensor_tiles_per_row : index
// CHECK-NEXT:     %tile_id = arith.addi %row_start, %tensor_col : index
// CHECK-NEXT:     %page = arith.index_cast %tile : index to i32
// CHECK-NEXT:     %page_bytes = arith.constant 4096 : i32
// CHECK-NEXT:     %page_offset = arith.muli %page, %page_bytes : i32
// CHECK-NEXT:     %l1_addr = arith.addi %l1_read, %page_offset : i32
// CHECK-NEXT:     tt.noc_async_write_page %tile_id, %tensor0, %l1_addr : index
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.noc_async_write_barrier
// CHECK-NEXT:   tt.cb_pop_front %cb16, 3 : !tt.cb<6, f32>
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

// Consecutive copies into buffers, with only index arithmetic between them,
// are one run and share one barrier, so their reads overlap: both CBs are
// reserved where the first copy was, each copy's reads stay where it was (B's
// after the %col they use), then one barrier and the pushes in copy order. A's
// 1x2-tile block is tensor tiles 2, 3 of the 2x2-tile A; B's 2x1-tile block at
// column 64 is tiles 2, 5 of the 2x3-tile B.
func.func @read_run(%A: memref<64x64xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>}, %B: memref<64x96xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 3]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0), "b" : u32 = buffer_address(1), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>} : memref<32x64xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
  %zero = arith.constant 0 : index
  %k = arith.constant 32 : index
  tt.copy %A[%k, %zero] to %a : memref<64x64xbf16> to memref<32x64xbf16>
  %col = arith.addi %k, %k : index
  tt.copy %B[%zero, %col] to %b : memref<64x96xbf16> to memref<64x32xbf16>
  func.return
}
// CHECK:      func.func @read_run(
// CHECK-NEXT:   %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:   %cb1 = tt.get_cb 1 : !tt.cb<4, bf16>
// CHECK-NEXT:   %tensor0_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:   %tensor0 = tt.tensor_accessor %tensor0_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:   %tensor1_addr = tt.get_arg_val 1 : i32
// CHECK-NEXT:   %tensor1 = tt.tensor_accessor %tensor1_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:   %zero = arith.constant 0 : index
// CHECK-NEXT:   %k = arith.constant 32 : index
// CHECK-NEXT:   tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   %l1_write = tt.get_write_ptr %cb0 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_reserve_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   %l1_write_1 = tt.get_write_ptr %cb1 : !tt.cb<4, bf16>
// CHECK-NEXT:   %tile_rows = arith.constant 32 : index
// CHECK-NEXT:   %first_tile_row = arith.divui %k, %tile_rows : index
// CHECK-NEXT:   %tile_cols = arith.constant 32 : index
// CHECK-NEXT:   %first_tile_col = arith.divui %zero, %tile_cols : index
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %num_tiles = arith.constant 2 : index
// CHECK-NEXT:   scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK-NEXT:     %tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:     %tile_row = arith.divui %tile, %tiles_per_row : index
// CHECK-NEXT:     %tile_col = arith.remui %tile, %tiles_per_row : index
// CHECK-NEXT:     %tensor_row = arith.addi %first_tile_row, %tile_row : index
// CHECK-NEXT:     %tensor_col = arith.addi %first_tile_col, %tile_col : index
// CHECK-NEXT:     %tensor_tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:     %row_start = arith.muli %tensor_row, %tensor_tiles_per_row : index
// CHECK-NEXT:     %tile_id = arith.addi %row_start, %tensor_col : index
// CHECK-NEXT:     %page = arith.index_cast %tile : index to i32
// CHECK-NEXT:     %page_bytes = arith.constant 2048 : i32
// CHECK-NEXT:     %page_offset = arith.muli %page, %page_bytes : i32
// CHECK-NEXT:     %l1_addr = arith.addi %l1_write, %page_offset : i32
// CHECK-NEXT:     tt.noc_async_read_page %tile_id, %tensor0, %l1_addr : index
// CHECK-NEXT:   }
// CHECK-NEXT:   %col = arith.addi %k, %k : index
// CHECK-NEXT:   %tile_rows_1 = arith.constant 32 : index
// CHECK-NEXT:   %first_tile_row_1 = arith.divui %zero, %tile_rows_1 : index
// CHECK-NEXT:   %tile_cols_1 = arith.constant 32 : index
// CHECK-NEXT:   %first_tile_col_1 = arith.divui %col, %tile_cols_1 : index
// CHECK-NEXT:   %c0_1 = arith.constant 0 : index
// CHECK-NEXT:   %c1_1 = arith.constant 1 : index
// CHECK-NEXT:   %num_tiles_1 = arith.constant 2 : index
// CHECK-NEXT:   scf.for %tile_1 = %c0_1 to %num_tiles_1 step %c1_1 {
// CHECK-NEXT:     %tiles_per_row_1 = arith.constant 1 : index
// CHECK-NEXT:     %tile_row_1 = arith.divui %tile_1, %tiles_per_row_1 : index
// CHECK-NEXT:     %tile_col_1 = arith.remui %tile_1, %tiles_per_row_1 : index
// CHECK-NEXT:     %tensor_row_1 = arith.addi %first_tile_row_1, %tile_row_1 : index
// CHECK-NEXT:     %tensor_col_1 = arith.addi %first_tile_col_1, %tile_col_1 : index
// CHECK-NEXT:     %tensor_tiles_per_row_1 = arith.constant 3 : index
// CHECK-NEXT:     %row_start_1 = arith.muli %tensor_row_1, %tensor_tiles_per_row_1 : index
// CHECK-NEXT:     %tile_id_1 = arith.addi %row_start_1, %tensor_col_1 : index
// CHECK-NEXT:     %page_1 = arith.index_cast %tile_1 : index to i32
// CHECK-NEXT:     %page_bytes_1 = arith.constant 2048 : i32
// CHECK-NEXT:     %page_offset_1 = arith.muli %page_1, %page_bytes_1 : i32
// CHECK-NEXT:     %l1_addr_1 = arith.addi %l1_write_1, %page_offset_1 : i32
// CHECK-NEXT:     tt.noc_async_read_page %tile_id_1, %tensor1, %l1_addr_1 : index
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.noc_async_read_barrier
// CHECK-NEXT:   tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_push_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

// Copies from buffers to tensors form runs the same way: wait for both CBs,
// write both, one write barrier, pop both.
func.func @write_run(%C: memref<64x64xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 2]>}, %D: memref<64x64xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 2]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["c" : u32 = buffer_address(0), "d" : u32 = buffer_address(1)]>} {
  %c = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 4096, f32>} : memref<32x32xf32>
  %d = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 17, pages = 2, page_size = 4096, f32>} : memref<32x32xf32>
  %zero = arith.constant 0 : index
  tt.copy %c to %C[%zero, %zero] : memref<32x32xf32> to memref<64x64xf32>
  tt.copy %d to %D[%zero, %zero] : memref<32x32xf32> to memref<64x64xf32>
  func.return
}
// CHECK:      func.func @write_run(
// CHECK:        tt.cb_wait_front %cb16, 1 : !tt.cb<2, f32>
// CHECK-NEXT:   %l1_read = tt.get_read_ptr %cb16 : !tt.cb<2, f32>
// CHECK-NEXT:   tt.cb_wait_front %cb17, 1 : !tt.cb<2, f32>
// CHECK-NEXT:   %l1_read_1 = tt.get_read_ptr %cb17 : !tt.cb<2, f32>
// CHECK:          tt.noc_async_write_page {{%[a-z0-9_]+}}, %tensor0, {{%[a-z0-9_]+}} : index
// CHECK:          tt.noc_async_write_page {{%[a-z0-9_]+}}, %tensor1, {{%[a-z0-9_]+}} : index
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.noc_async_write_barrier
// CHECK-NEXT:   tt.cb_pop_front %cb16, 1 : !tt.cb<2, f32>
// CHECK-NEXT:   tt.cb_pop_front %cb17, 1 : !tt.cb<2, f32>
// CHECK-NEXT:   func.return

// -----

// What ends a run: a copy into a buffer the run already fills starts a new
// run (its CB is not reserved twice before one push: the second copy of %a
// goes with the copy of %b); an op with a region or an effect (here a loop)
// ends it; so does a copy in the other direction (the store of %c gets its own
// write barrier).
func.func @runs_broken(%A: memref<64x64xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>}, %C: memref<64x64xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0), "c" : u32 = buffer_address(1)]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  tt.copy %A[%zero, %zero] to %a : memref<64x64xbf16> to memref<32x32xbf16>
  tt.copy %A[%zero, %zero] to %a : memref<64x64xbf16> to memref<32x32xbf16>
  tt.copy %A[%zero, %zero] to %b : memref<64x64xbf16> to memref<32x32xbf16>
  scf.for %i = %zero to %one step %one {
  }
  tt.copy %A[%zero, %zero] to %a : memref<64x64xbf16> to memref<32x32xbf16>
  tt.copy %c to %C[%zero, %zero] : memref<32x32xbf16> to memref<64x64xbf16>
  func.return
}
// CHECK:      func.func @runs_broken(
// CHECK:        tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   %l1_write = tt.get_write_ptr %cb0 : !tt.cb<2, bf16>
// CHECK:          tt.noc_async_read_page
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.noc_async_read_barrier
// CHECK-NEXT:   tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   %l1_write_1 = tt.get_write_ptr %cb0 : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.cb_reserve_back %cb1, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   %l1_write_2 = tt.get_write_ptr %cb1 : !tt.cb<2, bf16>
// CHECK:          tt.noc_async_read_page
// CHECK:          tt.noc_async_read_page
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.noc_async_read_barrier
// CHECK-NEXT:   tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.cb_push_back %cb1, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   scf.for %i = %zero to %one step %one {
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK:          tt.noc_async_read_page
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.noc_async_read_barrier
// CHECK-NEXT:   tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
// CHECK:          tt.noc_async_write_page
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.noc_async_write_barrier
// CHECK-NEXT:   tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   func.return

// -----

// One accessor per copied tensor, in tensor-argument order (C, A, B: arguments
// 0, 2, 3), not in copy order (B, A, C), each reading its address at the
// position of its buffer_address entry in the schema (5, 2, 0); the uncopied
// argument %U gets none. The accessors sit at the top of the function, after
// the CBs, even though the copies are in a loop; each copy uses its tensor's
// accessor (the two reads are one run, the write follows in its own).
func.func @accessors(%C: memref<64x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 1]>}, %U: memref<32x32xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [1, 1]>}, %A: memref<64x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 1]>}, %B: memref<64x32xbf16> {tt.layout = #tt.buffer_layout<l1, interleaved, bf16, tile = [32, 32], tiles = [2, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [2, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 2>]>,
    tt.runtime_args = #tt.runtime_args<["b" : u32 = buffer_address(3), "start" : u32 = start_unit, "a" : u32 = buffer_address(2), "count" : u32 = num_units, "u" : u32 = buffer_address(1), "c" : u32 = buffer_address(0)]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %units = arith.constant 2 : index
  %c32 = arith.constant 32 : index
  scf.for %unit = %zero to %units step %one {
    %row = arith.muli %unit, %c32 : index
    tt.copy %B[%row, %zero] to %b : memref<64x32xbf16> to memref<32x32xbf16>
    tt.copy %A[%row, %zero] to %a : memref<64x32xbf16> to memref<32x32xbf16>
    tt.copy %c to %C[%row, %zero] : memref<32x32xbf16> to memref<64x32xbf16>
  }
  func.return
}
// CHECK:      func.func @accessors(
// CHECK-NEXT:   %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:   %cb1 = tt.get_cb 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:   %tensor0_addr = tt.get_arg_val 5 : i32
// CHECK-NEXT:   %tensor0 = tt.tensor_accessor %tensor0_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:   %tensor2_addr = tt.get_arg_val 2 : i32
// CHECK-NEXT:   %tensor2 = tt.tensor_accessor %tensor2_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:   %tensor3_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:   %tensor3 = tt.tensor_accessor %tensor3_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:   %zero = arith.constant 0 : index
// CHECK-NEXT:   %one = arith.constant 1 : index
// CHECK-NEXT:   %units = arith.constant 2 : index
// CHECK-NEXT:   %c32 = arith.constant 32 : index
// CHECK-NEXT:   scf.for %unit = %zero to %units step %one {
// CHECK-NEXT:     %row = arith.muli %unit, %c32 : index
// CHECK-NEXT:     tt.cb_reserve_back %cb1, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     %l1_write = tt.get_write_ptr %cb1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.cb_reserve_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     %l1_write_1 = tt.get_write_ptr %cb0 : !tt.cb<2, bf16>
// CHECK:            tt.noc_async_read_page {{%[a-z0-9_]+}}, %tensor3, {{%[a-z0-9_]+}} : index
// CHECK:            tt.noc_async_read_page {{%[a-z0-9_]+}}, %tensor2, {{%[a-z0-9_]+}} : index
// CHECK:          tt.noc_async_read_barrier
// CHECK-NEXT:     tt.cb_push_back %cb1, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.cb_push_back %cb0, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.cb_wait_front %cb16, 1 : !tt.cb<2, bf16>
// CHECK:            tt.noc_async_write_page {{%[a-z0-9_]+}}, %tensor0, {{%[a-z0-9_]+}} : index
// CHECK:          tt.cb_pop_front %cb16, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   func.return

// -----

// A function without a runtime-argument schema (not partitioned) is left alone.
func.func @not_a_program(%A: memref<32x32xbf16>) {
  %a = tt.alloc_shared : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  tt.copy %A[%zero, %zero] to %a : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK:      func.func @not_a_program(%A: memref<32x32xbf16>) {
// CHECK-NEXT:   %a = tt.alloc_shared : memref<32x32xbf16>
// CHECK-NEXT:   %zero = arith.constant 0 : index
// CHECK-NEXT:   tt.copy %A[%zero, %zero] to %a : memref<32x32xbf16> to memref<32x32xbf16>
// CHECK-NEXT:   func.return

// -----

// Errors. Every copied tensor needs a buffer_address entry in the schema ...
func.func @no_address(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}, %C: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  tt.copy %A[%zero, %zero] to %a : memref<32x32xbf16> to memref<32x32xbf16>
  tt.copy %a to %C[%zero, %zero] : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK: lower_shared_to_cb.mlir:[[# @LINE - 3]]:3: error: 'tt.copy' op the runtime-argument schema has no buffer_address(1) entry for the tensor this copy accesses

// -----

// ... and a tt.layout (for its page size) ...
func.func @no_layout(%A: memref<32x32xbf16>) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  tt.copy %A[%zero, %zero] to %a : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK: lower_shared_to_cb.mlir:[[# @LINE - 8]]:1: error: 'func.func' op argument #0 has no tt.layout; run tt-infer-layout first

// -----

// ... every copied buffer a CB descriptor ...
func.func @no_cb_desc(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>} {
  %a = tt.alloc_shared : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  tt.copy %A[%zero, %zero] to %a : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK: lower_shared_to_cb.mlir:[[# @LINE - 5]]:3: error: 'tt.alloc_shared' op buffer has no tt.cb descriptor; run tt-propagate-layout first

// -----

// ... a constant tensor offset is a whole number of tiles ...
func.func @unaligned(%A: memref<64x64xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  tt.copy %A[%zero, %c16] to %a : memref<64x64xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK: lower_shared_to_cb.mlir:[[# @LINE - 3]]:3: error: 'tt.copy' op tensor offset 16 in dimension 1 is not a multiple of the tile size 32

// -----

// ... a copy has a tensor argument on one side and a buffer on the other: not
// two buffers ...
func.func @buffer_to_buffer() attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<[]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  tt.copy %a to %b : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK: lower_shared_to_cb.mlir:[[# @LINE - 3]]:3: error: 'tt.copy' op only copies between a tensor argument and a buffer have a hardware form; copy through a tensor or compute into the destination instead

// -----

// ... nor two tensors ...
func.func @tensor_to_tensor(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}, %C: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0), "c" : u32 = buffer_address(1)]>} {
  tt.copy %A to %C : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK: lower_shared_to_cb.mlir:[[# @LINE - 3]]:3: error: 'tt.copy' op only copies between a tensor argument and a buffer have a hardware form; copy through a tensor or compute into the destination instead

// -----

// ... and no other op may still use a buffer once the copies are lowered (here
// a unary op tt-lower-tile-ops should have lowered).
func.func @leftover(%A: memref<32x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  tt.copy %A[%zero, %zero] to %a : memref<32x32xbf16> to memref<32x32xbf16>
  tt.exp %a to %a : memref<32x32xbf16>
  func.return
}
// CHECK: lower_shared_to_cb.mlir:[[# @LINE - 3]]:3: error: 'tt.exp' op this op still uses a buffer, which has no hardware form after tt-lower-shared-to-cb

// The pass's rank check ("only 2-D tensors are supported") is not reachable:
// buffers are 2-D and the tt.copy verifier requires the tensor's rank to match.

// -----

// A store with chunk_rows (a gemm's streamed output): a loop over the bands of 2 tile
// rows, each waiting for its 4 pages, writing them from the read pointer (the band's
// first tile), barrier, pop; a band's tensor rows start at its first tile row.
func.func @chunked_store(%C: memref<128x64xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 2]>}) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["c" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>} : memref<128x64xf32>
  %zero = arith.constant 0 : index
  tt.copy %c to %C[%zero, %zero] chunk_rows = 2 : memref<128x64xf32> to memref<128x64xbf16>
  func.return
}
// CHECK:      func.func @chunked_store(
// CHECK:        %c0 = arith.constant 0 : index
// CHECK-NEXT:   %band_rows = arith.constant 2 : index
// CHECK-NEXT:   %block_rows = arith.constant 4 : index
// CHECK-NEXT:   scf.for %band_row = %c0 to %block_rows step %band_rows {
// CHECK-NEXT:     tt.cb_wait_front %cb16, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:     %l1_read = tt.get_read_ptr %cb16 : !tt.cb<8, bf16>
// CHECK-NEXT:     %tile_rows = arith.constant 32 : index
// CHECK-NEXT:     %first_tile_row = arith.divui %zero, %tile_rows : index
// CHECK-NEXT:     %first_band_row = arith.addi %first_tile_row, %band_row : index
// CHECK:          %num_tiles = arith.constant 4 : index
// CHECK:            %tensor_row = arith.addi %first_band_row, %tile_row : index
// CHECK:            %l1_addr = arith.addi %l1_read, %page_offset : i32
// CHECK-NEXT:       tt.noc_async_write_page %tile_id, %tensor0, %l1_addr : index
// CHECK-NEXT:     }
// CHECK-NEXT:     tt.noc_async_write_barrier
// CHECK-NEXT:     tt.cb_pop_front %cb16, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   func.return

// -----

// A 2-D block of a rank-4 tensor (2x3x64x96: tiles [2, 3, 2, 3]), the leading
// indices scalars: the tensor is tiled 2-D slice after 2-D slice, row-major over its
// leading dimensions, so slice (b, h) starts at tile row (b * 3 + h) * 2 and tile t
// of the 1x3-tile block is tensor tile ((b * 3 + h) * 2 + row / 32) * 3 + t. The
// store uses the same ids.
func.func @batched(%X: memref<2x3x64x96xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 3, 2, 3]>}, %Z: memref<2x3x64x96xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 3, 2, 3]>}, %b: index, %h: index) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["x" : u32 = buffer_address(0), "z" : u32 = buffer_address(1), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 6, page_size = 4096, f32>} : memref<32x96xf32>
  %c = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 6, page_size = 4096, f32>} : memref<32x96xf32>
  %row = arith.constant 32 : index
  %col = arith.constant 0 : index
  tt.copy %X[%b, %h, %row, %col] to %a : memref<2x3x64x96xf32> to memref<32x96xf32>
  tt.copy %c to %Z[%b, %h, %row, %col] : memref<32x96xf32> to memref<2x3x64x96xf32>
  func.return
}
// CHECK:      func.func @batched(
// CHECK:        tt.cb_reserve_back %cb0, 3 : !tt.cb<6, f32>
// CHECK-NEXT:   %l1_write = tt.get_write_ptr %cb0 : !tt.cb<6, f32>
// CHECK-NEXT:   %tile_rows = arith.constant 32 : index
// CHECK-NEXT:   %first_tile_row = arith.divui %row, %tile_rows : index
// CHECK-NEXT:   %leading_extent = arith.constant 3 : index
// CHECK-NEXT:   %slice_scaled = arith.muli %b, %leading_extent : index
// CHECK-NEXT:   %slice_index = arith.addi %slice_scaled, %h : index
// CHECK-NEXT:   %slice_tile_rows = arith.constant 2 : index
// CHECK-NEXT:   %slice_first_row = arith.muli %slice_index, %slice_tile_rows : index
// CHECK-NEXT:   %block_first_row = arith.addi %slice_first_row, %first_tile_row : index
// CHECK-NEXT:   %tile_cols = arith.constant 32 : index
// CHECK-NEXT:   %first_tile_col = arith.divui %col, %tile_cols : index
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %num_tiles = arith.constant 3 : index
// CHECK-NEXT:   scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK-NEXT:     %tiles_per_row = arith.constant 3 : index
// CHECK-NEXT:     %tile_row = arith.divui %tile, %tiles_per_row : index
// CHECK-NEXT:     %tile_col = arith.remui %tile, %tiles_per_row : index
// CHECK-NEXT:     %tensor_row = arith.addi %block_first_row, %tile_row : index
// CHECK-NEXT:     %tensor_col = arith.addi %first_tile_col, %tile_col : index
// CHECK-NEXT:     %tensor_tiles_per_row = arith.constant 3 : index
// CHECK-NEXT:     %row_start = arith.muli %tensor_row, %tensor_tiles_per_row : index
// CHECK-NEXT:     %tile_id = arith.addi %row_start, %tensor_col : index
// CHECK:          tt.noc_async_read_page %tile_id, %tensor0, %l1_addr : index
// CHECK:        tt.cb_wait_front %cb16, 3 : !tt.cb<6, f32>
// CHECK:        %slice_first_row_1 = arith.muli %slice_index_1, %slice_tile_rows_1 : index
// CHECK:          tt.noc_async_write_page %tile_id_1, %tensor1, %l1_addr_1 : index

// -----

// A mask (tt.mask) is the producer side of its buffer's CB with no NOC transfer:
// reserve the 2x2 = 4 tiles, take the write pointer, write each tile with
// tt.write_mask_tile at its page (4096 bytes each, f32) from its first row
// (row + 32 * tile_row) and column (col + 32 * tile_col), push. The values become
// f32 bit patterns (-inf is 0xff800000). The consumer side (compute) comes later.
func.func @mask(%r: index, %c: index) attributes {
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>,
    tt.runtime_args = #tt.runtime_args<["start" : u32 = start_unit, "count" : u32 = num_units]>} {
  %m = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 24, pages = 8, page_size = 4096, f32>} : memref<64x64xf32>
  tt.mask %m, %r, %c if ge then 0.0 else 0xFFF0000000000000 : memref<64x64xf32>
  func.return
}
// CHECK:      func.func @mask(%r: index, %c: index)
// CHECK-NEXT:   %cb24 = tt.get_cb 24 : !tt.cb<8, f32>
// CHECK-NEXT:   tt.cb_reserve_back %cb24, 4 : !tt.cb<8, f32>
// CHECK-NEXT:   %l1_write = tt.get_write_ptr %cb24 : !tt.cb<8, f32>
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %num_tiles = arith.constant 4 : index
// CHECK-NEXT:   scf.for %tile = %c0 to %num_tiles step %c1 {
// CHECK-NEXT:     %tiles_per_row = arith.constant 2 : index
// CHECK-NEXT:     %tile_row = arith.divui %tile, %tiles_per_row : index
// CHECK-NEXT:     %tile_col = arith.remui %tile, %tiles_per_row : index
// CHECK-NEXT:     %tile_rows = arith.constant 32 : index
// CHECK-NEXT:     %row_offset = arith.muli %tile_row, %tile_rows : index
// CHECK-NEXT:     %tile_cols = arith.constant 32 : index
// CHECK-NEXT:     %col_offset = arith.muli %tile_col, %tile_cols : index
// CHECK-NEXT:     %first_row = arith.addi %r, %row_offset : index
// CHECK-NEXT:     %first_col = arith.addi %c, %col_offset : index
// CHECK-NEXT:     %page = arith.index_cast %tile : index to i32
// CHECK-NEXT:     %page_bytes = arith.constant 4096 : i32
// CHECK-NEXT:     %page_offset = arith.muli %page, %page_bytes : i32
// CHECK-NEXT:     %l1_addr = arith.addi %l1_write, %page_offset : i32
// CHECK-NEXT:     tt.write_mask_tile %cb24, %l1_addr, %first_row, %first_col if ge then 0x00000000 else 0xff800000 : !tt.cb<8, f32>
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.cb_push_back %cb24, 4 : !tt.cb<8, f32>
// CHECK-NEXT:   func.return
