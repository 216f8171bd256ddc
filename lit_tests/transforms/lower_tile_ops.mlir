// RUN: tt-opt %s -p tt-lower-tile-ops --split-input-file --verify-diagnostics | filecheck %s
// RUN: tt-opt %s -p tt-lower-tile-ops,tt-lower-tile-ops --split-input-file --verify-diagnostics | filecheck %s

// The input is the output of tt-schedule-compute written by hand: only what the
// pass reads (a tt.compute_config on the function, a tt.cb on every buffer, a
// schedule on every gemm); no persistent loop, which the pass does not look at.
// The second RUN line runs the pass twice: nothing is left to lower the second time.
// Tile constants are matched by value ([[T<n>]], [[P<n>]]), not by name.

// A gemm whose 2x3-tile output block fits DST (bf16 accumulator: 16-bit
// accumulation, 8 tiles): no subblock loop. The clear disappears (a DST section
// starts at zero), every buffer gets a tt.get_cb after its alloc, the gemm of
// each K step becomes matmul_block_init and one matmul_block per K tile k of the
// 2x3-tile block: A tile k (its rows are 2 tiles apart: kt = 2), B tile k*3
// (the row k of B's 2x3 tiles), accumulating into DST tiles 0..5 (row-major).
// After the loop the store is preceded by one pack per output tile, DST
// tile t to page t of C's CB. The copies are left for tt-lower-shared-to-cb.
func.func @fits(%A: memref<64x256xbf16>, %B: memref<256x96xbf16>, %C: memref<64x96xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 12, page_size = 2048, bf16>} : memref<64x96xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 12, page_size = 2048, bf16>} : memref<64x96xbf16>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %kt = arith.constant 4 : index
  %bk = arith.constant 64 : index
  tt.clear %c : memref<64x96xbf16>
  scf.for %k = %zero to %kt step %one {
    %kk = arith.muli %k, %bk : index
    tt.copy %A[%zero, %kk] to %a : memref<64x256xbf16> to memref<64x64xbf16>
    tt.copy %B[%kk, %zero] to %b : memref<256x96xbf16> to memref<64x96xbf16>
    tt.gemm %a, %b, %c schedule = <block = [2, 3], k_block = 2, subblock = [2, 3], accumulate = dst> : memref<64x64xbf16>, memref<64x96xbf16>, memref<64x96xbf16>
  }
  tt.copy %c to %C[%zero, %zero] : memref<64x96xbf16> to memref<64x96xbf16>
  func.return
}
// CHECK:      func.func @fits(
// CHECK-SAME:   tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>, tt.work_partition
// CHECK-DAG:    [[P0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:    [[P1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK-DAG:    [[P2:%[a-z0-9_]+]] = arith.constant 2 : index
// CHECK-DAG:    [[P3:%[a-z0-9_]+]] = arith.constant 3 : index
// CHECK-DAG:    [[P4:%[a-z0-9_]+]] = arith.constant 4 : index
// CHECK-DAG:    [[P5:%[a-z0-9_]+]] = arith.constant 5 : index
// CHECK:        %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
// CHECK-NEXT:   %cb0 = tt.get_cb 0 : !tt.cb<8, bf16>
// CHECK-NEXT:   %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 12, page_size = 2048, bf16>} : memref<64x96xbf16>
// CHECK-NEXT:   %cb1 = tt.get_cb 1 : !tt.cb<12, bf16>
// CHECK-NEXT:   %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 12, page_size = 2048, bf16>} : memref<64x96xbf16>
// CHECK-NEXT:   %cb16 = tt.get_cb 16 : !tt.cb<12, bf16>
// CHECK-NEXT:   %zero = arith.constant 0 : index
// CHECK-NEXT:   %one = arith.constant 1 : index
// CHECK-NEXT:   %kt = arith.constant 4 : index
// CHECK-NEXT:   %bk = arith.constant 64 : index
// CHECK-NEXT:   scf.for %k = %zero to %kt step %one {
// CHECK-DAG:      [[T0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:      [[T1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK-DAG:      [[T3:%[a-z0-9_]+]] = arith.constant 3 : index
// CHECK:          %kk = arith.muli %k, %bk : index
// CHECK-NEXT:     tt.copy %A[%zero, %kk] to %a : memref<64x256xbf16> to memref<64x64xbf16>
// CHECK-NEXT:     tt.copy %B[%kk, %zero] to %b : memref<256x96xbf16> to memref<64x96xbf16>
// CHECK-NEXT:     tt.matmul_block_init %cb0, %cb1 ct = 3, rt = 2, kt = 2 : !tt.cb<8, bf16>, !tt.cb<12, bf16>
// CHECK-NEXT:     tt.matmul_block %cb0, %cb1, [[T0]], [[T0]], dst = 0, ct = 3, rt = 2, kt = 2 : !tt.cb<8, bf16>, !tt.cb<12, bf16>, index, index
// CHECK-NEXT:     tt.matmul_block %cb0, %cb1, [[T1]], [[T3]], dst = 0, ct = 3, rt = 2, kt = 2 : !tt.cb<8, bf16>, !tt.cb<12, bf16>, index, index
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[P0]]] : !tt.cb<12, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16{{\[}}[[P1]]] : !tt.cb<12, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 2, %cb16{{\[}}[[P2]]] : !tt.cb<12, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 3, %cb16{{\[}}[[P3]]] : !tt.cb<12, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 4, %cb16{{\[}}[[P4]]] : !tt.cb<12, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 5, %cb16{{\[}}[[P5]]] : !tt.cb<12, bf16>, index
// CHECK-NEXT:   tt.copy %c to %C[%zero, %zero] : memref<64x96xbf16> to memref<64x96xbf16>
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

// A 4x4-tile f32 accumulator (fp32 accumulation, double-buffered: 4 DST tiles)
// is split into 2x2-tile subblocks, the shape reading the fewest tiles per K
// step (4 subblocks x (2 + 2) tiles; 1x4 or 4x1 would read 4 x 5). A loop over
// the 4 subblocks encloses the clear-to-store range; subblock s covers rows
// (s / 2) * 64 and columns (s % 2) * 64 of the block. The buffers shrink to one
// subblock's operands and result, their CBs keeping the depth (2 blocks): A to
// 2x2 tiles (8 pages), B to 2x2 (8), C to 2x2 (8). The copies filling A and B
// and storing C are offset by the subblock's rows and columns. Inside, one
// matmul_block per K tile k: A tile k and B tile k*2 begin the 2x2 subblock's
// operands, accumulating into DST tiles 0..3.
func.func @subblocks(%A: memref<256x256xbf16>, %B: memref<256x128xbf16>, %C: memref<256x128xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 16, page_size = 2048, bf16>} : memref<128x64xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 16, page_size = 2048, bf16>} : memref<64x128xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xf32>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %kt = arith.constant 4 : index
  %bk = arith.constant 64 : index
  %row = arith.constant 128 : index
  %col = arith.constant 0 : index
  tt.clear %c : memref<128x128xf32>
  scf.for %k = %zero to %kt step %one {
    %kk = arith.muli %k, %bk : index
    tt.copy %A[%row, %kk] to %a : memref<256x256xbf16> to memref<128x64xbf16>
    tt.copy %B[%kk, %col] to %b : memref<256x128xbf16> to memref<64x128xbf16>
    tt.gemm %a, %b, %c schedule = <block = [4, 4], k_block = 2, subblock = [2, 2], accumulate = dst> : memref<128x64xbf16>, memref<64x128xbf16>, memref<128x128xf32>
  }
  tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<256x128xbf16>
  func.return
}
// CHECK:      func.func @subblocks(
// CHECK-SAME:   tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>, tt.work_partition
// CHECK-NEXT:   %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
// CHECK-NEXT:   %cb0 = tt.get_cb 0 : !tt.cb<8, bf16>
// CHECK-NEXT:   %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
// CHECK-NEXT:   %cb1 = tt.get_cb 1 : !tt.cb<8, bf16>
// CHECK-NEXT:   %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>} : memref<64x64xf32>
// CHECK-NEXT:   %cb16 = tt.get_cb 16 : !tt.cb<8, bf16>
// CHECK-NEXT:   %zero = arith.constant 0 : index
// CHECK-NEXT:   %one = arith.constant 1 : index
// CHECK-NEXT:   %kt = arith.constant 4 : index
// CHECK-NEXT:   %bk = arith.constant 64 : index
// CHECK-NEXT:   %row = arith.constant 128 : index
// CHECK-NEXT:   %col = arith.constant 0 : index
// CHECK-NEXT:   [[LB:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-NEXT:   [[STEP:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK-NEXT:   %num_subblocks = arith.constant 4 : index
// CHECK-NEXT:   scf.for %subblock = [[LB]] to %num_subblocks step [[STEP]] {
// CHECK-DAG:      [[P0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:      [[P1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK-DAG:      [[P2:%[a-z0-9_]+]] = arith.constant 2 : index
// CHECK-DAG:      [[P3:%[a-z0-9_]+]] = arith.constant 3 : index
// CHECK:          %subblocks_per_row = arith.constant 2 : index
// CHECK-NEXT:     %subblock_row = arith.divui %subblock, %subblocks_per_row : index
// CHECK-NEXT:     %subblock_col = arith.remui %subblock, %subblocks_per_row : index
// CHECK-NEXT:     %subblock_height = arith.constant 64 : index
// CHECK-NEXT:     %row_offset = arith.muli %subblock_row, %subblock_height : index
// CHECK-NEXT:     %subblock_width = arith.constant 64 : index
// CHECK-NEXT:     %col_offset = arith.muli %subblock_col, %subblock_width : index
// CHECK-NEXT:     scf.for %k = %zero to %kt step %one {
// CHECK-DAG:        [[T0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:        [[T1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK-DAG:        [[T2:%[a-z0-9_]+]] = arith.constant 2 : index
// CHECK:            %kk = arith.muli %k, %bk : index
// CHECK-NEXT:       [[AROW:%[a-z0-9_]+]] = arith.addi %row, %row_offset : index
// CHECK-NEXT:       tt.copy %A{{\[}}[[AROW]], %kk] to %a : memref<256x256xbf16> to memref<64x64xbf16>
// CHECK-NEXT:       [[BCOL:%[a-z0-9_]+]] = arith.addi %col, %col_offset : index
// CHECK-NEXT:       tt.copy %B[%kk, [[BCOL]]] to %b : memref<256x128xbf16> to memref<64x64xbf16>
// CHECK-NEXT:       tt.matmul_block_init %cb0, %cb1 ct = 2, rt = 2, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:       tt.matmul_block %cb0, %cb1, [[T0]], [[T0]], dst = 0, ct = 2, rt = 2, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:       tt.matmul_block %cb0, %cb1, [[T1]], [[T2]], dst = 0, ct = 2, rt = 2, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     }
// CHECK-NEXT:     [[CROW:%[a-z0-9_]+]] = arith.addi %row, %row_offset : index
// CHECK-NEXT:     [[CCOL:%[a-z0-9_]+]] = arith.addi %col, %col_offset : index
// CHECK-NEXT:     tt.pack_tile dst = 0, %cb16{{\[}}[[P0]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:     tt.pack_tile dst = 1, %cb16{{\[}}[[P1]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:     tt.pack_tile dst = 2, %cb16{{\[}}[[P2]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:     tt.pack_tile dst = 3, %cb16{{\[}}[[P3]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:     tt.copy %c to %C{{\[}}[[CROW]], [[CCOL]]] : memref<64x64xf32> to memref<256x128xbf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

// accumulate = l1: the K loop encloses the subblocks. Each K step turns packer
// L1 accumulation on except in the first (k != its lower bound), computes the
// two 1x2-tile subblocks in DST (one matmul_block per K tile: A tile row*2 + k,
// B tile k*2), and packs each into its pages of the partial-sum CB 24: row r,
// column c of the block is page r*2 + c, the same pages every step. After the
// loop accumulation is turned off and the staging copy moves the partial sums
// to C's bf16 CB through DST (copy_tile, pack).
func.func @accumulate_in_l1(%A: memref<64x128xbf16>, %B: memref<128x64xbf16>, %C: memref<64x64xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 4, page_size = 4096, f32>} : memref<64x64xf32>
  %zero = arith.constant 0 : index
  %k_step = arith.constant 2 : index
  %kt = arith.constant 4 : index
  %bk = arith.constant 32 : index
  tt.clear %c : memref<64x64xf32>
  scf.for %k = %zero to %kt step %k_step {
    %kk = arith.muli %k, %bk : index
    tt.copy %A[%zero, %kk] to %a : memref<64x128xbf16> to memref<64x64xbf16>
    tt.copy %B[%kk, %zero] to %b : memref<128x64xbf16> to memref<64x64xbf16>
    tt.gemm %a, %b, %c schedule = <block = [2, 2], k_block = 2, subblock = [1, 2], accumulate = l1> : memref<64x64xbf16>, memref<64x64xbf16>, memref<64x64xf32>
  }
  %c_out = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>} : memref<64x64xf32>
  tt.copy %c to %c_out : memref<64x64xf32> to memref<64x64xf32>
  tt.copy %c_out to %C[%zero, %zero] : memref<64x64xf32> to memref<64x64xbf16>
  func.return
}
// CHECK:      func.func @accumulate_in_l1(
// CHECK-DAG:    [[P0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:    [[P1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK-DAG:    [[P2:%[a-z0-9_]+]] = arith.constant 2 : index
// CHECK-DAG:    [[P3:%[a-z0-9_]+]] = arith.constant 3 : index
// CHECK:        %cb24 = tt.get_cb 24 : !tt.cb<4, f32>
// CHECK:        scf.for %k = %zero to %kt step %k_step {
// CHECK-DAG:      [[T0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:      [[T1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK-DAG:      [[T2:%[a-z0-9_]+]] = arith.constant 2 : index
// CHECK-DAG:      [[T3:%[a-z0-9_]+]] = arith.constant 3 : index
// CHECK:          tt.copy %B[%kk, %zero] to %b : memref<128x64xbf16> to memref<64x64xbf16>
// CHECK-NEXT:     %accumulate = arith.cmpi ne, %k, %zero : index
// CHECK-NEXT:     tt.pack_l1_acc %accumulate : i1
// CHECK-NEXT:     tt.matmul_block_init %cb0, %cb1 ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:     tt.matmul_block %cb0, %cb1, [[T0]], [[T0]], dst = 0, ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.matmul_block %cb0, %cb1, [[T1]], [[T2]], dst = 0, ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.pack_tile dst = 0, %cb24{{\[}}[[T0]]] : !tt.cb<4, f32>, index
// CHECK-NEXT:     tt.pack_tile dst = 1, %cb24{{\[}}[[T1]]] : !tt.cb<4, f32>, index
// CHECK-NEXT:     tt.matmul_block_init %cb0, %cb1 ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:     tt.matmul_block %cb0, %cb1, [[T2]], [[T0]], dst = 0, ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.matmul_block %cb0, %cb1, [[T3]], [[T2]], dst = 0, ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.pack_tile dst = 0, %cb24{{\[}}[[T2]]] : !tt.cb<4, f32>, index
// CHECK-NEXT:     tt.pack_tile dst = 1, %cb24{{\[}}[[T3]]] : !tt.cb<4, f32>, index
// CHECK-NEXT:   }
// CHECK-NEXT:   %no_accumulation = arith.constant false
// CHECK-NEXT:   tt.pack_l1_acc %no_accumulation : i1
// CHECK-NEXT:   %c_out = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>} : memref<64x64xf32>
// CHECK-NEXT:   %cb16 = tt.get_cb 16 : !tt.cb<8, bf16>
// CHECK-NEXT:   tt.copy_tile_init %cb24 : !tt.cb<4, f32>
// CHECK-NEXT:   tt.copy_tile %cb24, [[P0]], dst = 0 : !tt.cb<4, f32>, index
// CHECK-NEXT:   tt.copy_tile %cb24, [[P1]], dst = 1 : !tt.cb<4, f32>, index
// CHECK-NEXT:   tt.copy_tile %cb24, [[P2]], dst = 2 : !tt.cb<4, f32>, index
// CHECK-NEXT:   tt.copy_tile %cb24, [[P3]], dst = 3 : !tt.cb<4, f32>, index
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[P0]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16{{\[}}[[P1]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 2, %cb16{{\[}}[[P2]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 3, %cb16{{\[}}[[P3]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.copy %c_out to %C[%zero, %zero] : memref<64x64xf32> to memref<64x64xbf16>

// -----

// accumulate = reload (the K loop's last step, peeled by tt-schedule-compute): per
// 1x2-tile subblock the partial sums are copied from CB 24 into DST, the step's
// matmuls add to them, the epilogue (relu) runs on DST and the result is packed into
// C's CB 16; each band of one tile row is reserved and pushed on its own, packed at
// its place in the band (pages 0 and 1). The relu goes away.
func.func @reload_and_drain(%A: memref<64x128xbf16>, %B: memref<128x64xbf16>, %C: memref<64x64xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 4, page_size = 4096, f32>} : memref<64x64xf32>
  %zero = arith.constant 0 : index
  %c_out = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>} : memref<64x64xf32>
  tt.copy %A[%zero, %zero] to %a : memref<64x128xbf16> to memref<64x64xbf16>
  tt.copy %B[%zero, %zero] to %b : memref<128x64xbf16> to memref<64x64xbf16>
  tt.gemm %a, %b, %c schedule = <block = [2, 2], k_block = 2, subblock = [1, 2], accumulate = reload> : memref<64x64xbf16>, memref<64x64xbf16>, memref<64x64xf32>
  tt.relu %c to %c_out : memref<64x64xf32>
  tt.copy %c_out to %C[%zero, %zero] chunk_rows = 1 : memref<64x64xf32> to memref<64x64xbf16>
  func.return
}
// CHECK:      func.func @reload_and_drain(
// CHECK-DAG:    [[R0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:    [[R1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK-DAG:    [[R2:%[a-z0-9_]+]] = arith.constant 2 : index
// CHECK-DAG:    [[R3:%[a-z0-9_]+]] = arith.constant 3 : index
// CHECK:        tt.copy %B[%zero, %zero] to %b : memref<128x64xbf16> to memref<64x64xbf16>
// CHECK-NEXT:   tt.cb_reserve_back %cb16, 2 : !tt.cb<8, bf16>
// CHECK-NEXT:   tt.copy_tile_init %cb24 : !tt.cb<4, f32>
// CHECK-NEXT:   tt.copy_tile %cb24, [[R0]], dst = 0 : !tt.cb<4, f32>, index
// CHECK-NEXT:   tt.copy_tile %cb24, [[R1]], dst = 1 : !tt.cb<4, f32>, index
// CHECK-NEXT:   tt.matmul_block_init %cb0, %cb1 ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:   tt.matmul_block %cb0, %cb1, [[R0]], [[R0]], dst = 0, ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:   tt.matmul_block %cb0, %cb1, [[R1]], [[R2]], dst = 0, ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:   tt.relu_tile_init
// CHECK-NEXT:   tt.relu_tile dst = 0
// CHECK-NEXT:   tt.relu_tile dst = 1
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[R0]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16{{\[}}[[R1]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.cb_push_back %cb16, 2 : !tt.cb<8, bf16>
// CHECK-NEXT:   tt.cb_reserve_back %cb16, 2 : !tt.cb<8, bf16>
// CHECK-NEXT:   tt.copy_tile_init %cb24 : !tt.cb<4, f32>
// CHECK-NEXT:   tt.copy_tile %cb24, [[R2]], dst = 0 : !tt.cb<4, f32>, index
// CHECK-NEXT:   tt.copy_tile %cb24, [[R3]], dst = 1 : !tt.cb<4, f32>, index
// CHECK-NEXT:   tt.matmul_block_init %cb0, %cb1 ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:   tt.matmul_block %cb0, %cb1, [[R2]], [[R0]], dst = 0, ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:   tt.matmul_block %cb0, %cb1, [[R3]], [[R2]], dst = 0, ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:   tt.relu_tile_init
// CHECK-NEXT:   tt.relu_tile dst = 0
// CHECK-NEXT:   tt.relu_tile dst = 1
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[R0]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16{{\[}}[[R1]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.cb_push_back %cb16, 2 : !tt.cb<8, bf16>
// CHECK-NEXT:   tt.copy %c_out to %C[%zero, %zero] chunk_rows = 1 : memref<64x64xf32> to memref<64x64xbf16>

// -----

// transpose_b: B holds N x K tiles, so B tile (k, j) is j*Kt+k and matmul_init
// transposes each B tile. Here with no K loop (Kt = 2 in one step) and
// subblocks: B shrinks along its rows (N) and its copy is offset by the
// subblock's columns.
func.func @transpose_b(%A: memref<128x64xbf16>, %B: memref<128x64xbf16>, %C: memref<128x128xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 16, page_size = 2048, bf16>} : memref<128x64xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 16, page_size = 2048, bf16>} : memref<128x64xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 32, page_size = 2048, bf16>} : memref<128x128xf32>
  %zero = arith.constant 0 : index
  %row = arith.constant 0 : index
  %col = arith.constant 0 : index
  tt.clear %c : memref<128x128xf32>
  tt.copy %A[%row, %zero] to %a : memref<128x64xbf16> to memref<128x64xbf16>
  tt.copy %B[%col, %zero] to %b : memref<128x64xbf16> to memref<128x64xbf16>
  tt.gemm %a, %b, %c transpose_b schedule = <block = [4, 4], k_block = 2, subblock = [2, 2], accumulate = dst> : memref<128x64xbf16>, memref<128x64xbf16>, memref<128x128xf32>
  tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<128x128xbf16>
  func.return
}
// CHECK:      func.func @transpose_b(
// CHECK-NEXT:   %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
// CHECK-NEXT:   %cb0 = tt.get_cb 0 : !tt.cb<8, bf16>
// CHECK-NEXT:   %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
// CHECK:        %num_subblocks = arith.constant 4 : index
// CHECK-NEXT:   scf.for %subblock = {{%[a-z0-9_]+}} to %num_subblocks step {{%[a-z0-9_]+}} {
// CHECK-DAG:      [[T0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:      [[T1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK-DAG:      [[T2:%[a-z0-9_]+]] = arith.constant 2 : index
// CHECK-DAG:      [[T3:%[a-z0-9_]+]] = arith.constant 3 : index
// CHECK:          %col_offset = arith.muli %subblock_col, %subblock_width : index
// CHECK-NEXT:     [[AROW:%[a-z0-9_]+]] = arith.addi %row, %row_offset : index
// CHECK-NEXT:     tt.copy %A{{\[}}[[AROW]], %zero] to %a : memref<128x64xbf16> to memref<64x64xbf16>
// CHECK-NEXT:     [[BROW:%[a-z0-9_]+]] = arith.addi %col, %col_offset : index
// CHECK-NEXT:     tt.copy %B{{\[}}[[BROW]], %zero] to %b : memref<128x64xbf16> to memref<64x64xbf16>
// CHECK-NEXT:     tt.matmul_init %cb0, %cb1 transpose : !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb1, [[T0]], [[T0]], dst = 0 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb1, [[T1]], [[T1]], dst = 0 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb1, [[T0]], [[T2]], dst = 1 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb1, [[T1]], [[T3]], dst = 1 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb1, [[T2]], [[T0]], dst = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb1, [[T3]], [[T1]], dst = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb1, [[T2]], [[T2]], dst = 3 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb1, [[T3]], [[T3]], dst = 3 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     [[CROW:%[a-z0-9_]+]] = arith.addi %row, %row_offset : index
// CHECK-NEXT:     [[CCOL:%[a-z0-9_]+]] = arith.addi %col, %col_offset : index
// CHECK-NEXT:     tt.pack_tile dst = 0, %cb16{{\[}}[[T0]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:     tt.pack_tile dst = 1, %cb16{{\[}}[[T1]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:     tt.pack_tile dst = 2, %cb16{{\[}}[[T2]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:     tt.pack_tile dst = 3, %cb16{{\[}}[[T3]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:     tt.copy %c to %C{{\[}}[[CROW]], [[CCOL]]] : memref<64x64xf32> to memref<128x128xbf16>
// CHECK-NEXT:   }

// -----

// Two gemms of one K loop sharing A (C1 += A*B1, C2 += A*B2) share DST: 2 x 4
// tiles fill the 8 of 16-bit accumulation, C1 at DST tiles 0-3 and C2 at 4-7.
// Each gemm gets its own matmul_block_init (its B CB differs); each store packs its
// own DST tiles into its own CB.
func.func @shared_a(%A: memref<64x64xbf16>, %B1: memref<64x64xbf16>, %B2: memref<64x64xbf16>, %C1: memref<64x64xbf16>, %C2: memref<64x64xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
  %b1 = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 4, page_size = 2048, bf16>} : memref<32x64xbf16>
  %b2 = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 2, pages = 4, page_size = 2048, bf16>} : memref<32x64xbf16>
  %acc1 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
  %acc2 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 17, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %kt = arith.constant 2 : index
  %bk = arith.constant 32 : index
  tt.clear %acc1 : memref<64x64xbf16>
  tt.clear %acc2 : memref<64x64xbf16>
  scf.for %k = %zero to %kt step %one {
    %kk = arith.muli %k, %bk : index
    tt.copy %A[%zero, %kk] to %a : memref<64x64xbf16> to memref<64x32xbf16>
    tt.copy %B1[%kk, %zero] to %b1 : memref<64x64xbf16> to memref<32x64xbf16>
    tt.copy %B2[%kk, %zero] to %b2 : memref<64x64xbf16> to memref<32x64xbf16>
    tt.gemm %a, %b1, %acc1 schedule = <block = [2, 2], k_block = 1, subblock = [2, 2], accumulate = dst> : memref<64x32xbf16>, memref<32x64xbf16>, memref<64x64xbf16>
    tt.gemm %a, %b2, %acc2 schedule = <block = [2, 2], k_block = 1, subblock = [2, 2], accumulate = dst> : memref<64x32xbf16>, memref<32x64xbf16>, memref<64x64xbf16>
  }
  tt.copy %acc1 to %C1[%zero, %zero] : memref<64x64xbf16> to memref<64x64xbf16>
  tt.copy %acc2 to %C2[%zero, %zero] : memref<64x64xbf16> to memref<64x64xbf16>
  func.return
}
// CHECK:      func.func @shared_a(
// CHECK-SAME:   tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>, tt.work_partition
// CHECK-DAG:    [[P0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:    [[P1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK-DAG:    [[P2:%[a-z0-9_]+]] = arith.constant 2 : index
// CHECK-DAG:    [[P3:%[a-z0-9_]+]] = arith.constant 3 : index
// CHECK:        scf.for %k = %zero to %kt step %one {
// CHECK-NEXT:     [[T0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK:          tt.copy %B2[%kk, %zero] to %b2 : memref<64x64xbf16> to memref<32x64xbf16>
// CHECK-NEXT:     tt.matmul_block_init %cb0, %cb1 ct = 2, rt = 2, kt = 1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:     tt.matmul_block %cb0, %cb1, [[T0]], [[T0]], dst = 0, ct = 2, rt = 2, kt = 1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:     tt.matmul_block_init %cb0, %cb2 ct = 2, rt = 2, kt = 1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:     tt.matmul_block %cb0, %cb2, [[T0]], [[T0]], dst = 4, ct = 2, rt = 2, kt = 1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[P0]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16{{\[}}[[P1]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 2, %cb16{{\[}}[[P2]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 3, %cb16{{\[}}[[P3]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.copy %acc1 to %C1[%zero, %zero] : memref<64x64xbf16> to memref<64x64xbf16>
// CHECK-NEXT:   tt.pack_tile dst = 4, %cb17{{\[}}[[P0]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 5, %cb17{{\[}}[[P1]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 6, %cb17{{\[}}[[P2]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 7, %cb17{{\[}}[[P3]]] : !tt.cb<8, bf16>, index
// CHECK-NEXT:   tt.copy %acc2 to %C2[%zero, %zero] : memref<64x64xbf16> to memref<64x64xbf16>

// -----

// relu(A*B): the relu after the K loop runs on the SFPU on the accumulator's
// DST tiles (relu_tile_init, one relu_tile per tile), then the packs precede the
// store: no round trip through a CB.
func.func @relu(%A: memref<32x128xbf16>, %B: memref<128x64xbf16>, %C: memref<32x64xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 4, page_size = 2048, bf16>} : memref<32x64xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 4, page_size = 2048, bf16>} : memref<32x64xf32>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %kt = arith.constant 4 : index
  %bk = arith.constant 32 : index
  tt.clear %c : memref<32x64xf32>
  scf.for %k = %zero to %kt step %one {
    %kk = arith.muli %k, %bk : index
    tt.copy %A[%zero, %kk] to %a : memref<32x128xbf16> to memref<32x32xbf16>
    tt.copy %B[%kk, %zero] to %b : memref<128x64xbf16> to memref<32x64xbf16>
    tt.gemm %a, %b, %c schedule = <block = [1, 2], k_block = 1, subblock = [1, 2], accumulate = dst> : memref<32x32xbf16>, memref<32x64xbf16>, memref<32x64xf32>
  }
  tt.relu %c to %c : memref<32x64xf32>
  tt.copy %c to %C[%zero, %zero] : memref<32x64xf32> to memref<32x64xbf16>
  func.return
}
// CHECK:      func.func @relu(
// CHECK-DAG:    [[P0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:    [[P1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK:          tt.matmul_block %cb0, %cb1, {{%[a-z0-9_]+}}, {{%[a-z0-9_]+}}, dst = 0, ct = 2, rt = 1, kt = 1 : !tt.cb<2, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.relu_tile_init
// CHECK-NEXT:   tt.relu_tile dst = 0
// CHECK-NEXT:   tt.relu_tile dst = 1
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[P0]]] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16{{\[}}[[P1]]] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.copy %c to %C[%zero, %zero] : memref<32x64xf32> to memref<32x64xbf16>
// CHECK-NEXT:   func.return

// -----

// A gemm with no K loop (Kt = 1, written without scf.for): clear, gemm and
// epilogue in one block. The sigmoid writes another buffer: its DST tiles are
// the accumulator's and the packs go to the destination's CB (16). The
// accumulator's buffer (CB 24) is no longer used and disappears.
func.func @no_k_loop(%A: memref<64x32xbf16>, %B: memref<32x32xbf16>, %C: memref<64x32xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 4, page_size = 2048, bf16>} : memref<64x32xf32>
  %d = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
  %zero = arith.constant 0 : index
  tt.clear %c : memref<64x32xf32>
  tt.copy %A[%zero, %zero] to %a : memref<64x32xbf16> to memref<64x32xbf16>
  tt.copy %B[%zero, %zero] to %b : memref<32x32xbf16> to memref<32x32xbf16>
  tt.gemm %a, %b, %c schedule = <block = [2, 1], k_block = 1, subblock = [2, 1], accumulate = dst> : memref<64x32xbf16>, memref<32x32xbf16>, memref<64x32xf32>
  tt.sigmoid %c to %d : memref<64x32xf32> to memref<64x32xbf16>
  tt.copy %d to %C[%zero, %zero] : memref<64x32xbf16> to memref<64x32xbf16>
  func.return
}
// CHECK:      func.func @no_k_loop(
// CHECK-SAME:   tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>, tt.work_partition
// CHECK-DAG:    [[T0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:    [[T1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK:        %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
// CHECK-NEXT:   %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:   %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
// CHECK-NEXT:   %cb1 = tt.get_cb 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   %d = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
// CHECK-NEXT:   %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
// CHECK-NEXT:   %zero = arith.constant 0 : index
// CHECK-NEXT:   tt.copy %A[%zero, %zero] to %a : memref<64x32xbf16> to memref<64x32xbf16>
// CHECK-NEXT:   tt.copy %B[%zero, %zero] to %b : memref<32x32xbf16> to memref<32x32xbf16>
// CHECK-NEXT:   tt.matmul_block_init %cb0, %cb1 ct = 1, rt = 2, kt = 1 : !tt.cb<4, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:   tt.matmul_block %cb0, %cb1, [[T0]], [[T0]], dst = 0, ct = 1, rt = 2, kt = 1 : !tt.cb<4, bf16>, !tt.cb<2, bf16>, index, index
// CHECK-NEXT:   tt.sigmoid_tile_init
// CHECK-NEXT:   tt.sigmoid_tile dst = 0
// CHECK-NEXT:   tt.sigmoid_tile dst = 1
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[T0]]] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16{{\[}}[[T1]]] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.copy %d to %C[%zero, %zero] : memref<64x32xbf16> to memref<64x32xbf16>
// CHECK-NEXT:   func.return

// -----

// Elementwise add of 3x4 = 12 bf16 tiles: chunks of at most 8 (the 16-bit DST
// capacity), each an add_tiles_init, one add_tiles of tile t of both inputs
// into DST tile t - chunk start, then one pack per tile to page t of z's CB.
// The second chunk starts at tile 8 in DST tile 0. The buffers are not used any more and disappear.
func.func @add_bf16(%C: memref<96x128xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %x = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 24, page_size = 2048, bf16>} : memref<96x128xbf16>
  %y = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 24, page_size = 2048, bf16>} : memref<96x128xbf16>
  %z = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 24, page_size = 2048, bf16>} : memref<96x128xbf16>
  tt.add %x, %y to %z : memref<96x128xbf16>
  func.return
}
// CHECK:      func.func @add_bf16(
// CHECK-SAME:   tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>, tt.work_partition
// CHECK-DAG:    [[T0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:    [[T7:%[a-z0-9_]+]] = arith.constant 7 : index
// CHECK-DAG:    [[T8:%[a-z0-9_]+]] = arith.constant 8 : index
// CHECK-DAG:    [[T9:%[a-z0-9_]+]] = arith.constant 9 : index
// CHECK-DAG:    [[T11:%[a-z0-9_]+]] = arith.constant 11 : index
// CHECK:        %cb0 = tt.get_cb 0 : !tt.cb<24, bf16>
// CHECK-NEXT:   %cb1 = tt.get_cb 1 : !tt.cb<24, bf16>
// CHECK-NEXT:   %cb16 = tt.get_cb 16 : !tt.cb<24, bf16>
// CHECK-NEXT:   tt.add_tiles_init %cb0, %cb1 : !tt.cb<24, bf16>, !tt.cb<24, bf16>
// CHECK-NEXT:   tt.add_tiles %cb0, %cb1, [[T0]], [[T0]], dst = 0 : !tt.cb<24, bf16>, !tt.cb<24, bf16>, index, index
// CHECK-COUNT-6: tt.add_tiles %cb0, %cb1
// CHECK-NEXT:   tt.add_tiles %cb0, %cb1, [[T7]], [[T7]], dst = 7 : !tt.cb<24, bf16>, !tt.cb<24, bf16>, index, index
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[T0]]] : !tt.cb<24, bf16>, index
// CHECK-COUNT-6: tt.pack_tile
// CHECK-NEXT:   tt.pack_tile dst = 7, %cb16{{\[}}[[T7]]] : !tt.cb<24, bf16>, index
// CHECK-NEXT:   tt.add_tiles_init %cb0, %cb1 : !tt.cb<24, bf16>, !tt.cb<24, bf16>
// CHECK-NEXT:   tt.add_tiles %cb0, %cb1, [[T8]], [[T8]], dst = 0 : !tt.cb<24, bf16>, !tt.cb<24, bf16>, index, index
// CHECK-NEXT:   tt.add_tiles %cb0, %cb1, [[T9]], [[T9]], dst = 1 : !tt.cb<24, bf16>, !tt.cb<24, bf16>, index, index
// CHECK-NEXT:   tt.add_tiles %cb0, %cb1, {{%[a-z0-9_]+}}, {{%[a-z0-9_]+}}, dst = 2 : !tt.cb<24, bf16>, !tt.cb<24, bf16>, index, index
// CHECK-NEXT:   tt.add_tiles %cb0, %cb1, [[T11]], [[T11]], dst = 3 : !tt.cb<24, bf16>, !tt.cb<24, bf16>, index, index
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[T8]]] : !tt.cb<24, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16{{\[}}[[T9]]] : !tt.cb<24, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 2, %cb16[{{%[a-z0-9_]+}}] : !tt.cb<24, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 3, %cb16{{\[}}[[T11]]] : !tt.cb<24, bf16>, index
// CHECK-NEXT:   func.return

// -----

// f32 outputs turn on fp32 DST accumulation, which halves DST to 4 tiles:
// 6 tiles are lowered in chunks of 4 and 2. sub_tiles and mul_tiles take the
// operands in order (%t - %y, then %t * %y); the mul reads the CB the sub packed.
func.func @sub_mul_f32(%C: memref<64x96xf32>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %x = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 12, page_size = 4096, f32>} : memref<64x96xf32>
  %y = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 12, page_size = 4096, f32>} : memref<64x96xf32>
  %t = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 24, pages = 12, page_size = 4096, f32>} : memref<64x96xf32>
  %z = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 12, page_size = 4096, f32>} : memref<64x96xf32>
  tt.sub %x, %y to %t : memref<64x96xf32>
  tt.mul %t, %y to %z : memref<64x96xf32>
  func.return
}
// CHECK:      func.func @sub_mul_f32(
// CHECK-SAME:   tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>, tt.work_partition
// CHECK-DAG:    [[T0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:    [[T1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK-DAG:    [[T2:%[a-z0-9_]+]] = arith.constant 2 : index
// CHECK-DAG:    [[T3:%[a-z0-9_]+]] = arith.constant 3 : index
// CHECK-DAG:    [[T4:%[a-z0-9_]+]] = arith.constant 4 : index
// CHECK-DAG:    [[T5:%[a-z0-9_]+]] = arith.constant 5 : index
// CHECK:        %cb0 = tt.get_cb 0 : !tt.cb<12, f32>
// CHECK-NEXT:   %cb1 = tt.get_cb 1 : !tt.cb<12, f32>
// CHECK-NEXT:   %cb24 = tt.get_cb 24 : !tt.cb<12, f32>
// CHECK-NEXT:   %cb16 = tt.get_cb 16 : !tt.cb<12, f32>
// CHECK-NEXT:   tt.sub_tiles_init %cb0, %cb1 : !tt.cb<12, f32>, !tt.cb<12, f32>
// CHECK-NEXT:   tt.sub_tiles %cb0, %cb1, [[T0]], [[T0]], dst = 0 : !tt.cb<12, f32>, !tt.cb<12, f32>, index, index
// CHECK-NEXT:   tt.sub_tiles %cb0, %cb1, [[T1]], [[T1]], dst = 1 : !tt.cb<12, f32>, !tt.cb<12, f32>, index, index
// CHECK-NEXT:   tt.sub_tiles %cb0, %cb1, [[T2]], [[T2]], dst = 2 : !tt.cb<12, f32>, !tt.cb<12, f32>, index, index
// CHECK-NEXT:   tt.sub_tiles %cb0, %cb1, [[T3]], [[T3]], dst = 3 : !tt.cb<12, f32>, !tt.cb<12, f32>, index, index
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb24{{\[}}[[T0]]] : !tt.cb<12, f32>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb24{{\[}}[[T1]]] : !tt.cb<12, f32>, index
// CHECK-NEXT:   tt.pack_tile dst = 2, %cb24{{\[}}[[T2]]] : !tt.cb<12, f32>, index
// CHECK-NEXT:   tt.pack_tile dst = 3, %cb24{{\[}}[[T3]]] : !tt.cb<12, f32>, index
// CHECK-NEXT:   tt.sub_tiles_init %cb0, %cb1 : !tt.cb<12, f32>, !tt.cb<12, f32>
// CHECK-NEXT:   tt.sub_tiles %cb0, %cb1, [[T4]], [[T4]], dst = 0 : !tt.cb<12, f32>, !tt.cb<12, f32>, index, index
// CHECK-NEXT:   tt.sub_tiles %cb0, %cb1, [[T5]], [[T5]], dst = 1 : !tt.cb<12, f32>, !tt.cb<12, f32>, index, index
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb24{{\[}}[[T4]]] : !tt.cb<12, f32>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb24{{\[}}[[T5]]] : !tt.cb<12, f32>, index
// CHECK-NEXT:   tt.mul_tiles_init %cb24, %cb1 : !tt.cb<12, f32>, !tt.cb<12, f32>
// CHECK-NEXT:   tt.mul_tiles %cb24, %cb1, [[T0]], [[T0]], dst = 0 : !tt.cb<12, f32>, !tt.cb<12, f32>, index, index
// CHECK-NEXT:   tt.mul_tiles %cb24, %cb1, [[T1]], [[T1]], dst = 1 : !tt.cb<12, f32>, !tt.cb<12, f32>, index, index
// CHECK-NEXT:   tt.mul_tiles %cb24, %cb1, [[T2]], [[T2]], dst = 2 : !tt.cb<12, f32>, !tt.cb<12, f32>, index, index
// CHECK-NEXT:   tt.mul_tiles %cb24, %cb1, [[T3]], [[T3]], dst = 3 : !tt.cb<12, f32>, !tt.cb<12, f32>, index, index
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[T0]]] : !tt.cb<12, f32>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16{{\[}}[[T1]]] : !tt.cb<12, f32>, index
// CHECK-NEXT:   tt.pack_tile dst = 2, %cb16{{\[}}[[T2]]] : !tt.cb<12, f32>, index
// CHECK-NEXT:   tt.pack_tile dst = 3, %cb16{{\[}}[[T3]]] : !tt.cb<12, f32>, index
// CHECK-NEXT:   tt.mul_tiles_init %cb24, %cb1 : !tt.cb<12, f32>, !tt.cb<12, f32>
// CHECK-NEXT:   tt.mul_tiles %cb24, %cb1, [[T4]], [[T4]], dst = 0 : !tt.cb<12, f32>, !tt.cb<12, f32>, index, index
// CHECK-NEXT:   tt.mul_tiles %cb24, %cb1, [[T5]], [[T5]], dst = 1 : !tt.cb<12, f32>, !tt.cb<12, f32>, index, index
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[T4]]] : !tt.cb<12, f32>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16{{\[}}[[T5]]] : !tt.cb<12, f32>, index
// CHECK-NEXT:   func.return

// -----

// A unary op on a buffer: copy_tile_init, each tile copied from x's CB into
// DST, the SFPU op's init and one op per DST tile, then the packs to z's CB.
func.func @exp(%C: memref<32x64xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %x = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>} : memref<32x64xbf16>
  %z = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 4, page_size = 2048, bf16>} : memref<32x64xbf16>
  tt.exp %x to %z : memref<32x64xbf16>
  func.return
}
// CHECK:      func.func @exp(
// CHECK-SAME:   tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>, tt.work_partition
// CHECK-DAG:    [[T0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:    [[T1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK:        %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:   %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.copy_tile_init %cb0 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.copy_tile %cb0, [[T0]], dst = 0 : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.copy_tile %cb0, [[T1]], dst = 1 : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.exp_tile_init
// CHECK-NEXT:   tt.exp_tile dst = 0
// CHECK-NEXT:   tt.exp_tile dst = 1
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[T0]]] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16{{\[}}[[T1]]] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   func.return

// -----

// Copies between buffers. A gemm result copied into another buffer (TileLang's
// `T.copy(C_local, C_shared)`) stays in DST: the copy disappears and the store
// of the destination packs into its CB (16). A copy of a buffer held in a CB is
// a unary op without the SFPU op: copy_tile to DST, pack into the destination's
// CB (17), converting bf16 to f32.
func.func @buffer_copies(%A: memref<32x32xbf16>, %B: memref<32x32xbf16>, %C: memref<32x32xbf16>, %D: memref<32x32xf32>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %s = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %f = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 17, pages = 2, page_size = 4096, f32>} : memref<32x32xf32>
  %zero = arith.constant 0 : index
  tt.clear %c : memref<32x32xf32>
  tt.copy %A[%zero, %zero] to %a : memref<32x32xbf16> to memref<32x32xbf16>
  tt.copy %B[%zero, %zero] to %b : memref<32x32xbf16> to memref<32x32xbf16>
  tt.gemm %a, %b, %c schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  tt.copy %c to %s : memref<32x32xf32> to memref<32x32xbf16>
  tt.copy %s to %C[%zero, %zero] : memref<32x32xbf16> to memref<32x32xbf16>
  tt.copy %a to %f : memref<32x32xbf16> to memref<32x32xf32>
  tt.copy %f to %D[%zero, %zero] : memref<32x32xf32> to memref<32x32xf32>
  func.return
}
// CHECK:      func.func @buffer_copies(
// CHECK-DAG:    [[T0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK:        tt.matmul_block %cb0, %cb1, [[T0]], [[T0]], dst = 0, ct = 1, rt = 1, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[T0]]] : !tt.cb<2, bf16>, index
// CHECK-NEXT:   tt.copy %s to %C[%zero, %zero] : memref<32x32xbf16> to memref<32x32xbf16>
// CHECK-NEXT:   tt.copy_tile_init %cb0 : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.copy_tile %cb0, [[T0]], dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb17{{\[}}[[T0]]] : !tt.cb<2, f32>, index
// CHECK-NEXT:   tt.copy %f to %D[%zero, %zero] : memref<32x32xf32> to memref<32x32xf32>
// CHECK-NEXT:   func.return

// -----

// Fills. tt.fill and tt.clear of a buffer that is not a gemm accumulator fill
// each tile in DST on the SFPU and pack it into the buffer's CB (16), in chunks
// of at most 8 tiles (16-bit DST, double-buffered).
func.func @fill_and_clear(%C: memref<32x288xbf16>, %D: memref<32x32xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %z = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 18, page_size = 2048, bf16>} : memref<32x288xbf16>
  %w = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 17, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  tt.fill %z, -1.5 : memref<32x288xbf16>
  tt.copy %z to %C[%zero, %zero] : memref<32x288xbf16> to memref<32x288xbf16>
  tt.clear %w : memref<32x32xbf16>
  tt.copy %w to %D[%zero, %zero] : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK:      func.func @fill_and_clear(
// CHECK-DAG:    [[T0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:    [[T7:%[a-z0-9_]+]] = arith.constant 7 : index
// CHECK-DAG:    [[T8:%[a-z0-9_]+]] = arith.constant 8 : index
// CHECK:        tt.fill_tile_init
// CHECK-NEXT:   tt.fill_tile dst = 0, -1.500000e+00
// CHECK-COUNT-7: tt.fill_tile dst = {{[1-7]}}, -1.500000e+00
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[T0]]] : !tt.cb<18, bf16>, index
// CHECK:        tt.pack_tile dst = 7, %cb16{{\[}}[[T7]]] : !tt.cb<18, bf16>, index
// CHECK-NEXT:   tt.fill_tile_init
// CHECK-NEXT:   tt.fill_tile dst = 0, -1.500000e+00
// CHECK:        tt.pack_tile dst = 0, %cb16{{\[}}[[T8]]] : !tt.cb<18, bf16>, index
// CHECK:        tt.copy %z to %C[%zero, %zero] : memref<32x288xbf16> to memref<32x288xbf16>
// CHECK-NEXT:   tt.fill_tile_init
// CHECK-NEXT:   tt.fill_tile dst = 0, 0.000000e+00
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb17{{\[}}[[T0]]] : !tt.cb<2, bf16>, index
// CHECK-NEXT:   tt.copy %w to %D[%zero, %zero] : memref<32x32xbf16> to memref<32x32xbf16>

// -----

// Ops with a scalar are SFPU ops on DST like the unary ones, with the scalar
// (an f32) on each tile op: copy_tile, binop_with_scalar_tile_init, one
// <op>_unary_tile per tile, pack. On a gemm result in DST (relu(A*B) style) they
// need no copy.
func.func @scalar(%A: memref<32x32xbf16>, %B: memref<32x32xbf16>, %C: memref<32x32xbf16>, %D: memref<32x32xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %d = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 17, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  tt.copy %A[%zero, %zero] to %a : memref<32x32xbf16> to memref<32x32xbf16>
  tt.copy %B[%zero, %zero] to %b : memref<32x32xbf16> to memref<32x32xbf16>
  tt.clear %c : memref<32x32xf32>
  tt.gemm %a, %b, %c schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  tt.mul_scalar %c, 1.250000e-01 to %c : memref<32x32xf32>
  tt.copy %c to %C[%zero, %zero] : memref<32x32xf32> to memref<32x32xbf16>
  tt.rsub_scalar %a, 1.000000e+00 to %d : memref<32x32xbf16>
  tt.copy %d to %D[%zero, %zero] : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK:      func.func @scalar(
// CHECK-DAG:    [[T0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK:        tt.matmul_block %cb0, %cb1, [[T0]], [[T0]], dst = 0, ct = 1, rt = 1, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
// CHECK-NEXT:   tt.binop_with_scalar_tile_init
// CHECK-NEXT:   tt.mul_unary_tile dst = 0, 1.250000e-01
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16{{\[}}[[T0]]] : !tt.cb<2, bf16>, index
// CHECK-NEXT:   tt.copy %c to %C[%zero, %zero] : memref<32x32xf32> to memref<32x32xbf16>
// CHECK-NEXT:   tt.copy_tile_init %cb0 : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.copy_tile %cb0, [[T0]], dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT:   tt.binop_with_scalar_tile_init
// CHECK-NEXT:   tt.rsub_unary_tile dst = 0, 1.000000e+00
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb17{{\[}}[[T0]]] : !tt.cb<2, bf16>, index
// CHECK-NEXT:   tt.copy %d to %D[%zero, %zero] : memref<32x32xbf16> to memref<32x32xbf16>

// -----

// Errors. Every buffer the compute touches needs its CB descriptor ...
func.func @no_cb_desc(%C: memref<32x32xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %x = tt.alloc_shared : memref<32x32xbf16>
  %z = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  tt.exp %x to %z : memref<32x32xbf16>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 5]]:3: error: 'tt.alloc_shared' op buffer has no tt.cb descriptor; run tt-propagate-layout first

// -----

// ... elementwise inputs must be buffers, not tensors ...
func.func @add_tensor(%A: memref<32x32xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %z = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  tt.add %A, %A to %z : memref<32x32xbf16>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 3]]:3: error: 'tt.add' op elementwise operands and results must be tt.alloc_shared / tt.alloc_fragment buffers; copy tensors in and out with tt.copy

// -----

// ... the matrix engine has no transposed first operand ...
func.func @transpose_a() attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  tt.clear %c : memref<32x32xf32>
  tt.gemm %a, %b, %c transpose_a schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 3]]:3: error: 'tt.gemm' op transpose_a has no Tensix form (the matrix engine transposes only its second operand); transpose A when loading it

// -----

// ... and a reload gemm needs the one epilogue op that takes its result out.
func.func @reload_without_epilogue() attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 1, page_size = 4096, f32>} : memref<32x32xf32>
  tt.gemm %a, %b, %c schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = reload> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 3]]:3: error: 'tt.gemm' op a gemm with accumulate = reload needs exactly one op reading its accumulator after it, a copy or a unary op into the output buffer

// -----

// ... gemms sharing a K loop (here: one block) share one schedule ...
func.func @block_shapes() attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b2 = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 2, pages = 4, page_size = 2048, bf16>} : memref<32x64xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %c2 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 17, pages = 4, page_size = 2048, bf16>} : memref<32x64xf32>
  tt.clear %c : memref<32x32xf32>
  tt.clear %c2 : memref<32x64xf32>
  tt.gemm %a, %b, %c schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  tt.gemm %a, %b2, %c2 schedule = <block = [1, 2], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x64xbf16>, memref<32x64xf32>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 4]]:3: error: 'tt.gemm' op the gemms of a K loop need one #tt.gemm_schedule (run tt-schedule-compute first)

// -----

// ... gemm operands are buffers ...
func.func @gemm_tensor(%A: memref<32x32xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  tt.clear %c : memref<32x32xf32>
  tt.gemm %A, %b, %c schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 3]]:3: error: 'tt.gemm' op gemm operands must be tt.alloc_shared / tt.alloc_fragment buffers

// -----

// ... every accumulator of a K loop needs at least one DST tile: 5 > 4 with fp32
// accumulation (full sync would hold 8) ...
func.func @too_many_accumulators() attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c1 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %c2 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 17, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %c3 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 18, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %c4 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 19, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %c5 = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 20, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  tt.gemm %a, %b, %c1 schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  tt.gemm %a, %b, %c2 schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  tt.gemm %a, %b, %c3 schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  tt.gemm %a, %b, %c4 schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  tt.gemm %a, %b, %c5 schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 7]]:3: error: 'tt.gemm' op 5 accumulator(s) of 1x1 tiles (the schedule's subblock) need more than the 4 tiles DST holds (fp32 accumulation in double-buffered mode)

// -----

// ... the accumulator is cleared before the K loop (a clear after it does not count) ...
func.func @not_cleared() attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  scf.for %k = %zero to %one step %one {
    tt.gemm %a, %b, %c schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  }
  tt.clear %c : memref<32x32xf32>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 5]]:5: error: 'tt.gemm' op the gemm accumulator must be cleared (tt.clear) before its K loop; accumulating onto earlier values is not supported

// -----

// ... a result in DST only goes through unary ops to a store ...
func.func @binary_epilogue() attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %d = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  tt.clear %c : memref<32x32xf32>
  tt.gemm %a, %b, %c schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  tt.add %c, %a to %d : memref<32x32xf32>, memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 3]]:3: error: 'tt.add' op a gemm result in DST can only go through unary ops and be copied to a tensor; store it first

// -----

// Errors of the subblock split (a 3x3 or 2x3-tile f32 block needs subblocks).
// A buffer cannot be both operands: the split shrinks A by rows and B by columns ...
func.func @a_is_b() attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 18, page_size = 2048, bf16>} : memref<96x96xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 18, page_size = 2048, bf16>} : memref<96x96xf32>
  tt.clear %c : memref<96x96xf32>
  tt.gemm %a, %a, %c schedule = <block = [3, 3], k_block = 3, subblock = [1, 3], accumulate = dst> : memref<96x96xbf16>, memref<96x96xbf16>, memref<96x96xf32>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 3]]:3: error: 'tt.gemm' op a buffer cannot be both the A and the B operand of gemms accumulating together

// -----

// ... the result must be stored (the store bounds the subblock loop) ...
func.func @never_stored() attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 6, page_size = 2048, bf16>} : memref<96x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 6, page_size = 2048, bf16>} : memref<32x96xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 18, page_size = 2048, bf16>} : memref<96x96xf32>
  tt.clear %c : memref<96x96xf32>
  tt.gemm %a, %b, %c schedule = <block = [3, 3], k_block = 1, subblock = [1, 3], accumulate = dst> : memref<96x32xbf16>, memref<32x96xbf16>, memref<96x96xf32>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 3]]:3: error: 'tt.gemm' op the gemm result is never copied to a tensor

// -----

// ... the operands' fills must be in the subblock loop's block (here A is
// loaded once, outside the loop holding the gemm) ...
func.func @fill_outside(%A: memref<64x32xbf16>, %B: memref<32x96xbf16>, %C: memref<64x96xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 6, page_size = 2048, bf16>} : memref<32x96xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 12, page_size = 2048, bf16>} : memref<64x96xf32>
  %zero = arith.constant 0 : index
  %one = arith.constant 1 : index
  %units = arith.constant 2 : index
  tt.copy %A[%zero, %zero] to %a : memref<64x32xbf16> to memref<64x32xbf16>
  scf.for %u = %zero to %units step %one {
    tt.copy %B[%zero, %zero] to %b : memref<32x96xbf16> to memref<32x96xbf16>
    tt.clear %c : memref<64x96xf32>
    tt.gemm %a, %b, %c schedule = <block = [2, 3], k_block = 1, subblock = [1, 3], accumulate = dst> : memref<64x32xbf16>, memref<32x96xbf16>, memref<64x96xf32>
    tt.copy %c to %C[%zero, %zero] : memref<64x96xf32> to memref<64x96xbf16>
  }
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 5]]:5: error: 'tt.gemm' op the copies filling this gemm's operands must be in the same block as its K loop or inside it

// -----

// ... and nothing else with an effect may sit between the clear and the store:
// it would run once per subblock.
func.func @in_between(%A: memref<64x32xbf16>, %B: memref<32x96xbf16>, %C: memref<64x96xbf16>, %D: memref<32x32xbf16>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>} : memref<64x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 6, page_size = 2048, bf16>} : memref<32x96xbf16>
  %c = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 16, pages = 12, page_size = 2048, bf16>} : memref<64x96xf32>
  %d = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 2, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %zero = arith.constant 0 : index
  tt.clear %c : memref<64x96xf32>
  tt.copy %A[%zero, %zero] to %a : memref<64x32xbf16> to memref<64x32xbf16>
  tt.copy %B[%zero, %zero] to %b : memref<32x96xbf16> to memref<32x96xbf16>
  tt.copy %D[%zero, %zero] to %d : memref<32x32xbf16> to memref<32x32xbf16>
  tt.gemm %a, %b, %c schedule = <block = [2, 3], k_block = 1, subblock = [1, 3], accumulate = dst> : memref<64x32xbf16>, memref<32x96xbf16>, memref<64x96xf32>
  tt.copy %c to %C[%zero, %zero] : memref<64x96xf32> to memref<64x96xbf16>
  tt.copy %d to %D[%zero, %zero] : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 6]]:3: error: 'tt.copy' op this op lies between a gemm's clear and its store and would run once per DST subblock; move it out

// -----

// An elementwise result goes to a buffer, never straight to a tensor.
func.func @unary_to_tensor(%A: memref<32x32xbf16>, %C: memref<32x32xbf16>) attributes {tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>, tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  tt.exp %a to %C : memref<32x32xbf16>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 3]]:3: error: 'tt.exp' op elementwise operands and results must be tt.alloc_shared / tt.alloc_fragment buffers; copy tensors in and out with tt.copy

// -----

// A gemm result still in DST may not be read inside a later loop.
func.func @dst_read_in_loop(%A: memref<32x32xbf16>, %C: memref<32x32xbf16>) attributes {tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>, tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %a = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %b = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>} : memref<32x32xbf16>
  %acc = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 2, page_size = 4096, f32>} : memref<32x32xf32>
  %out = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>} : memref<32x32xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  tt.clear %acc : memref<32x32xf32>
  tt.copy %A[%c0, %c0] to %a : memref<32x32xbf16> to memref<32x32xbf16>
  tt.copy %A[%c0, %c0] to %b : memref<32x32xbf16> to memref<32x32xbf16>
  tt.gemm %a, %b, %acc schedule = <block = [1, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  scf.for %i = %c0 to %c1 step %c1 {
    tt.exp %acc to %out : memref<32x32xf32>
  }
  tt.copy %out to %C[%c0, %c0] : memref<32x32xf32> to memref<32x32xbf16>
  func.return
}
// CHECK: lower_tile_ops.mlir:[[# @LINE - 6]]:3: error: 'scf.for' op a gemm result in DST can only go through unary ops and be copied to a tensor; store it first

// -----

// A row sum into a vector, then a row broadcast (col) and a column broadcast (row): the
// reduction takes one reduce_tile per block tile along the row into its row's DST tile,
// between reduce_init and reduce_uninit; a broadcast's vector tile is the block tile's row
// (col) or column (row). DST holds 4 tiles, so the 2x2 block is one chunk.
func.func @reduce_broadcast() attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %x = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 4096, f32>} : memref<64x64xf32>
  %ones = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 24, pages = 2, page_size = 4096, f32>} : memref<32x32xf32>
  %s = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 25, pages = 4, page_size = 4096, f32>} : memref<64xf32>
  %y = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 26, pages = 8, page_size = 4096, f32>} : memref<64x64xf32>
  %z = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 27, pages = 8, page_size = 4096, f32>} : memref<64x64xf32>
  tt.reduce_sum %x, %ones to %s dim = 1 : memref<64x64xf32>, memref<32x32xf32> to memref<64xf32>
  tt.sub %x, %s to %y {broadcast = #tt.broadcast<col>} : memref<64x64xf32>, memref<64xf32> to memref<64x64xf32>
  tt.mul %y, %s to %z {broadcast = #tt.broadcast<row>} : memref<64x64xf32>, memref<64xf32> to memref<64x64xf32>
  func.return
}
// CHECK-LABEL: func.func @reduce_broadcast()
// CHECK:        tt.reduce_init %[[X:.*]], %[[ONES:.*]], %[[S:.*]] <sum> <row> : !tt.cb<8, f32>, !tt.cb<2, f32>, !tt.cb<4, f32>
// CHECK-NEXT:   tt.reduce_tile %[[X]], %[[ONES]], %[[T0:.*]], %[[T0]], dst = 0 <sum> <row>
// CHECK-NEXT:   tt.reduce_tile %[[X]], %[[ONES]], %[[T1:.*]], %[[T0]], dst = 0 <sum> <row>
// CHECK-NEXT:   tt.reduce_tile %[[X]], %[[ONES]], %[[T2:.*]], %[[T0]], dst = 1 <sum> <row>
// CHECK-NEXT:   tt.reduce_tile %[[X]], %[[ONES]], %[[T3:.*]], %[[T0]], dst = 1 <sum> <row>
// CHECK-NEXT:   tt.pack_tile dst = 0, %[[S]][%[[T0]]]
// CHECK-NEXT:   tt.pack_tile dst = 1, %[[S]][%[[T1]]]
// CHECK-NEXT:   tt.reduce_uninit
// CHECK-NEXT:   tt.sub_bcast_cols_init_short %[[X]], %[[S]] : !tt.cb<8, f32>, !tt.cb<4, f32>
// CHECK-NEXT:   tt.sub_tiles_bcast_cols %[[X]], %[[S]], %[[T0]], %[[T0]], dst = 0
// CHECK-NEXT:   tt.sub_tiles_bcast_cols %[[X]], %[[S]], %[[T1]], %[[T0]], dst = 1
// CHECK-NEXT:   tt.sub_tiles_bcast_cols %[[X]], %[[S]], %[[T2]], %[[T1]], dst = 2
// CHECK-NEXT:   tt.sub_tiles_bcast_cols %[[X]], %[[S]], %[[T3]], %[[T1]], dst = 3
// CHECK:        tt.mul_bcast_rows_init_short %[[Y:.*]], %[[S]]
// CHECK-NEXT:   tt.mul_tiles_bcast_rows %[[Y]], %[[S]], %[[T0]], %[[T0]], dst = 0
// CHECK-NEXT:   tt.mul_tiles_bcast_rows %[[Y]], %[[S]], %[[T1]], %[[T1]], dst = 1
// CHECK-NEXT:   tt.mul_tiles_bcast_rows %[[Y]], %[[S]], %[[T2]], %[[T0]], dst = 2
// CHECK-NEXT:   tt.mul_tiles_bcast_rows %[[Y]], %[[S]], %[[T3]], %[[T1]], dst = 3

// -----

// A column max: one reduce_tile per tile down each column; max and min of two buffers
// run on the SFPU: both operands copied to DST (lhs in the first half, rhs in the
// second), binary_max_tile into the first half, packed from there.
func.func @column_max_and_binary_max() attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %x = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 4, page_size = 4096, f32>} : memref<64x32xf32>
  %ones = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 24, pages = 2, page_size = 4096, f32>} : memref<32x32xf32>
  %m = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 25, pages = 2, page_size = 4096, f32>} : memref<32xf32>
  %n = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 26, pages = 2, page_size = 4096, f32>} : memref<32xf32>
  tt.reduce_max %x, %ones to %m dim = 0 : memref<64x32xf32>, memref<32x32xf32> to memref<32xf32>
  tt.max %m, %m to %n : memref<32xf32>
  func.return
}
// CHECK-LABEL: func.func @column_max_and_binary_max()
// CHECK:        tt.reduce_init %[[X:.*]], %[[ONES:.*]], %[[M:.*]] <max> <col>
// CHECK-NEXT:   tt.reduce_tile %[[X]], %[[ONES]], %[[T0:.*]], %[[T0]], dst = 0 <max> <col>
// CHECK-NEXT:   tt.reduce_tile %[[X]], %[[ONES]], %[[T1:.*]], %[[T0]], dst = 0 <max> <col>
// CHECK-NEXT:   tt.pack_tile dst = 0, %[[M]][%[[T0]]]
// CHECK-NEXT:   tt.reduce_uninit
// CHECK-NEXT:   tt.copy_tile_init %[[M]]
// CHECK-NEXT:   tt.copy_tile %[[M]], %[[T0]], dst = 0
// CHECK-NEXT:   tt.copy_tile_init %[[M]]
// CHECK-NEXT:   tt.copy_tile %[[M]], %[[T0]], dst = 2
// CHECK-NEXT:   tt.binary_max_tile_init
// CHECK-NEXT:   tt.binary_max_tile 0, 2, dst = 0
// CHECK-NEXT:   tt.pack_tile dst = 0, %[[N:.*]][%[[T0]]]

// -----

// accumulate = buffer: each gemm is one update of its accumulator buffer. The scores'
// gemm follows its clear, so DST's zeros stand for it (the clear goes away); the
// 2x2-tile block fits DST at once, and B transposed is one matmul_tiles per output and
// K tile. The output's gemm adds onto what %o holds: per 2x2 subblock its tiles are
// copied from %o's CB into DST, the matmul_block adds the product, and the subblock is
// packed back at its place in the block.
func.func @gemm_updates_buffer(%P: memref<64x64xbf16>, %V: memref<64x128xbf16>, %O: memref<64x128xf32>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
  %p = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>} : memref<64x64xbf16>
  %v = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 1, pages = 16, page_size = 2048, bf16>} : memref<64x128xbf16>
  %s = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 25, pages = 8, page_size = 4096, f32>} : memref<64x64xf32>
  %o = tt.alloc_fragment {tt.cb = #tt.cb_desc<index = 24, pages = 16, page_size = 4096, f32>} : memref<64x128xf32>
  %zero = arith.constant 0 : index
  tt.copy %P[%zero, %zero] to %p : memref<64x64xbf16> to memref<64x64xbf16>
  tt.copy %V[%zero, %zero] to %v : memref<64x128xbf16> to memref<64x128xbf16>
  tt.clear %s : memref<64x64xf32>
  tt.gemm %p, %p, %s transpose_b schedule = <block = [2, 2], k_block = 2, subblock = [2, 2], accumulate = buffer> : memref<64x64xbf16>, memref<64x64xbf16>, memref<64x64xf32>
  tt.gemm %p, %v, %o schedule = <block = [2, 4], k_block = 2, subblock = [2, 2], accumulate = buffer> : memref<64x64xbf16>, memref<64x128xbf16>, memref<64x128xf32>
  tt.copy %o to %O[%zero, %zero] : memref<64x128xf32> to memref<64x128xf32>
  func.return
}
// CHECK-LABEL: func.func @gemm_updates_buffer(
// CHECK-DAG:      [[T0:%[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG:      [[T1:%[a-z0-9_]+]] = arith.constant 1 : index
// CHECK-DAG:      [[T2:%[a-z0-9_]+]] = arith.constant 2 : index
// CHECK-DAG:      [[T3:%[a-z0-9_]+]] = arith.constant 3 : index
// CHECK-DAG:      [[T4:%[a-z0-9_]+]] = arith.constant 4 : index
// CHECK-DAG:      [[T5:%[a-z0-9_]+]] = arith.constant 5 : index
// CHECK-DAG:      [[T6:%[a-z0-9_]+]] = arith.constant 6 : index
// CHECK-DAG:      [[T7:%[a-z0-9_]+]] = arith.constant 7 : index
// CHECK:          tt.copy %V[%zero, %zero] to %v
// CHECK-NEXT:     tt.matmul_init %cb0, %cb0 transpose : !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb0, [[T0]], [[T0]], dst = 0
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb0, [[T1]], [[T1]], dst = 0
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb0, [[T0]], [[T2]], dst = 1
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb0, [[T1]], [[T3]], dst = 1
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb0, [[T2]], [[T0]], dst = 2
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb0, [[T3]], [[T1]], dst = 2
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb0, [[T2]], [[T2]], dst = 3
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb0, [[T3]], [[T3]], dst = 3
// CHECK-NEXT:     tt.pack_tile dst = 0, %cb25[[[T0]]] : !tt.cb<8, f32>, index
// CHECK-NEXT:     tt.pack_tile dst = 1, %cb25[[[T1]]] : !tt.cb<8, f32>, index
// CHECK-NEXT:     tt.pack_tile dst = 2, %cb25[[[T2]]] : !tt.cb<8, f32>, index
// CHECK-NEXT:     tt.pack_tile dst = 3, %cb25[[[T3]]] : !tt.cb<8, f32>, index
// CHECK-NEXT:     tt.copy_tile_init %cb24 : !tt.cb<16, f32>
// CHECK-NEXT:     tt.copy_tile %cb24, [[T0]], dst = 0
// CHECK-NEXT:     tt.copy_tile %cb24, [[T1]], dst = 1
// CHECK-NEXT:     tt.copy_tile %cb24, [[T4]], dst = 2
// CHECK-NEXT:     tt.copy_tile %cb24, [[T5]], dst = 3
// CHECK-NEXT:     tt.matmul_block_init %cb0, %cb1 ct = 2, rt = 2, kt = 2
// CHECK-NEXT:     tt.matmul_block %cb0, %cb1, [[T0]], [[T0]], dst = 0, ct = 2, rt = 2, kt = 2
// CHECK-NEXT:     tt.matmul_block %cb0, %cb1, [[T1]], [[T4]], dst = 0, ct = 2, rt = 2, kt = 2
// CHECK-NEXT:     tt.pack_tile dst = 0, %cb24[[[T0]]] : !tt.cb<16, f32>, index
// CHECK-NEXT:     tt.pack_tile dst = 1, %cb24[[[T1]]] : !tt.cb<16, f32>, index
// CHECK-NEXT:     tt.pack_tile dst = 2, %cb24[[[T4]]] : !tt.cb<16, f32>, index
// CHECK-NEXT:     tt.pack_tile dst = 3, %cb24[[[T5]]] : !tt.cb<16, f32>, index
// CHECK-NEXT:     tt.copy_tile_init %cb24 : !tt.cb<16, f32>
// CHECK-NEXT:     tt.copy_tile %cb24, [[T2]], dst = 0
// CHECK-NEXT:     tt.copy_tile %cb24, [[T3]], dst = 1
// CHECK-NEXT:     tt.copy_tile %cb24, [[T6]], dst = 2
// CHECK-NEXT:     tt.copy_tile %cb24, [[T7]], dst = 3
// CHECK-NEXT:     tt.matmul_block_init %cb0, %cb1 ct = 2, rt = 2, kt = 2
// CHECK-NEXT:     tt.matmul_block %cb0, %cb1, [[T0]], [[T2]], dst = 0, ct = 2, rt = 2, kt = 2
// CHECK-NEXT:     tt.matmul_block %cb0, %cb1, [[T1]], [[T6]], dst = 0, ct = 2, rt = 2, kt = 2
// CHECK-NEXT:     tt.pack_tile dst = 0, %cb24[[[T2]]] : !tt.cb<16, f32>, index
// CHECK-NEXT:     tt.pack_tile dst = 1, %cb24[[[T3]]] : !tt.cb<16, f32>, index
// CHECK-NEXT:     tt.pack_tile dst = 2, %cb24[[[T6]]] : !tt.cb<16, f32>, index
// CHECK-NEXT:     tt.pack_tile dst = 3, %cb24[[[T7]]] : !tt.cb<16, f32>, index
// CHECK-NEXT:     tt.copy %o to %O[%zero, %zero]

// -----

// A fill of ±inf (T.infinity) is a fill_tile_bitcast of its f32 bit pattern: C++ has
// no float literal for it. Finite fills keep fill_tile.
func.func @fill_infinity(%C: memref<32x32xf32>, %D: memref<32x32xf32>) attributes {
    tt.compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>,
    tt.work_partition = #tt.work_partition<global, row_major, grid = [1, 1], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  %z = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 16, pages = 2, page_size = 4096, f32>} : memref<32x32xf32>
  %w = tt.alloc_shared {tt.cb = #tt.cb_desc<index = 17, pages = 2, page_size = 4096, f32>} : memref<32x32xf32>
  %zero = arith.constant 0 : index
  tt.fill %z, 0xfff0000000000000 : memref<32x32xf32>
  tt.copy %z to %C[%zero, %zero] : memref<32x32xf32> to memref<32x32xf32>
  tt.fill %w, 0x7ff0000000000000 : memref<32x32xf32>
  tt.copy %w to %D[%zero, %zero] : memref<32x32xf32> to memref<32x32xf32>
  func.return
}
// CHECK:      func.func @fill_infinity(
// CHECK:        tt.fill_tile_init
// CHECK-NEXT:   tt.fill_tile_bitcast dst = 0, bits = 0xff800000
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16
// CHECK:        tt.fill_tile_init
// CHECK-NEXT:   tt.fill_tile_bitcast dst = 0, bits = 0x7f800000
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb17
