// RUN: tt-opt %s -p tt-insert-compute-init --split-input-file --verify-diagnostics | filecheck %s
// RUN: tt-opt %s -p tt-insert-compute-init,tt-insert-compute-init --split-input-file --verify-diagnostics | filecheck %s

// The second RUN line runs the pass twice: the output is the same.

// Gemm with a relu epilogue. The start-up goes right after the last tt.get_cb,
// with the CBs of the first matmul_tiles and of the first pack. matmul_init is the
// only FPU init and relu_tile_init the only SFPU init of the whole loop nest: both
// climb out of every loop. Reader and writer kernels are left alone.
tt.program @gemm attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 7)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c32 = arith.constant 32 : index
    scf.for %k = %c0 to %c32 step %c1 {
      tt.cb_reserve_back %cb0, 1 : !tt.cb<4, bf16>
      tt.cb_push_back %cb0, 1 : !tt.cb<4, bf16>
    }
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (7, 7)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
    %cb1 = tt.get_cb 1 : !tt.cb<8, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<8, bf16>
    %start_arg = tt.get_arg_val 0 : i32
    %count_arg = tt.get_arg_val 1 : i32
    %start = arith.index_cast %start_arg : i32 to index
    %count = arith.index_cast %count_arg : i32 to index
    %end = arith.addi %start, %count : index
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c32 = arith.constant 32 : index
    scf.for %unit = %start to %end step %c1 {
      scf.for %sub = %c0 to %c4 step %c1 {
        scf.for %k = %c0 to %c32 step %c1 {
          tt.cb_wait_front %cb0, 1 : !tt.cb<4, bf16>
          tt.cb_wait_front %cb1, 4 : !tt.cb<8, bf16>
          tt.matmul_init %cb0, %cb1 : !tt.cb<4, bf16>, !tt.cb<8, bf16>
          tt.matmul_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<4, bf16>, !tt.cb<8, bf16>, index, index
          tt.matmul_tiles %cb0, %cb1, %c0, %c1, dst = 1 : !tt.cb<4, bf16>, !tt.cb<8, bf16>, index, index
          tt.cb_pop_front %cb0, 1 : !tt.cb<4, bf16>
          tt.cb_pop_front %cb1, 4 : !tt.cb<8, bf16>
        }
        tt.relu_tile_init
        tt.relu_tile dst = 0
        tt.relu_tile dst = 1
        tt.cb_reserve_back %cb16, 2 : !tt.cb<8, bf16>
        tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<8, bf16>, index
        tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<8, bf16>, index
        tt.cb_push_back %cb16, 2 : !tt.cb<8, bf16>
      }
    }
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (7, 7)]> {
    %cb16 = tt.get_cb 16 : !tt.cb<8, bf16>
    tt.cb_wait_front %cb16, 2 : !tt.cb<8, bf16>
    tt.cb_pop_front %cb16, 2 : !tt.cb<8, bf16>
  }
}
// CHECK-LABEL: tt.program @gemm
// CHECK:      tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 7)]> {
// CHECK-NEXT:   %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %c32 = arith.constant 32 : index
// CHECK-NEXT:   scf.for %k = %c0 to %c32 step %c1 {
// CHECK-NEXT:     tt.cb_reserve_back %cb0, 1 : !tt.cb<4, bf16>
// CHECK-NEXT:     tt.cb_push_back %cb0, 1 : !tt.cb<4, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NEXT: tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (7, 7)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
// CHECK-NEXT:   %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:   %cb1 = tt.get_cb 1 : !tt.cb<8, bf16>
// CHECK-NEXT:   %cb16 = tt.get_cb 16 : !tt.cb<8, bf16>
// CHECK-NEXT:   tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : !tt.cb<4, bf16>, !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:   %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:   %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:   %start = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:   %count = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:   %end = arith.addi %start, %count : index
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %c4 = arith.constant 4 : index
// CHECK-NEXT:   %c32 = arith.constant 32 : index
// CHECK-NEXT:   tt.matmul_init %cb0, %cb1 : !tt.cb<4, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:   tt.relu_tile_init
// CHECK-NEXT:   scf.for %unit = %start to %end step %c1 {
// CHECK-NEXT:     scf.for %sub = %c0 to %c4 step %c1 {
// CHECK-NEXT:       scf.for %k = %c0 to %c32 step %c1 {
// CHECK-NEXT:         tt.cb_wait_front %cb0, 1 : !tt.cb<4, bf16>
// CHECK-NEXT:         tt.cb_wait_front %cb1, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:         tt.matmul_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<4, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:         tt.matmul_tiles %cb0, %cb1, %c0, %c1, dst = 1 : !tt.cb<4, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:         tt.cb_pop_front %cb0, 1 : !tt.cb<4, bf16>
// CHECK-NEXT:         tt.cb_pop_front %cb1, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:       }
// CHECK-NEXT:       tt.relu_tile dst = 0
// CHECK-NEXT:       tt.relu_tile dst = 1
// CHECK-NEXT:       tt.cb_reserve_back %cb16, 2 : !tt.cb<8, bf16>
// CHECK-NEXT:       tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<8, bf16>, index
// CHECK-NEXT:       tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<8, bf16>, index
// CHECK-NEXT:       tt.cb_push_back %cb16, 2 : !tt.cb<8, bf16>
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NEXT: tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (7, 7)]> {
// CHECK-NEXT:   %cb16 = tt.get_cb 16 : !tt.cb<8, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb16, 2 : !tt.cb<8, bf16>
// CHECK-NEXT:   tt.cb_pop_front %cb16, 2 : !tt.cb<8, bf16>
// CHECK-NEXT: }

// -----

// Data formats. This kernel unpacks bf16 CBs (0, 1) and an f32 CB (24) into
// source register A, and packs into f32 (24) and bf16 (16) CBs: every FPU init
// gets a reconfig_data_format of the CBs its tile op unpacks (A, B; a copy
// names its CB for both), every pack a pack_reconfig_data_format of its CB.
// Identical reconfigs climb out of loops and repeats are removed like inits.
// A kernel of one format (the other cases here) gets none.
tt.program @formats attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 24, pages = 2, page_size = 4096, f32>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb1 = tt.get_cb 1 : !tt.cb<2, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<2, bf16>
    %cb24 = tt.get_cb 24 : !tt.cb<2, f32>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %unit = %c0 to %c4 step %c1 {
      tt.add_tiles_init %cb0, %cb1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>
      tt.add_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
      tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<2, f32>, index
      tt.copy_tile_init %cb24 : !tt.cb<2, f32>
      scf.for %t = %c0 to %c1 step %c1 {
        tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<2, f32>, index
        tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<2, bf16>, index
        tt.pack_tile dst = 0, %cb16[%c1] : !tt.cb<2, bf16>, index
      }
    }
  }
}
// CHECK-LABEL: tt.program @formats
// CHECK:        tt.compute_kernel_hw_startup %cb0, %cb1, %cb24 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, !tt.cb<2, f32>
// CHECK:        scf.for %unit = %c0 to %c4 step %c1 {
// CHECK-NEXT:     tt.reconfig_data_format %cb0, %cb1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:     tt.add_tiles_init %cb0, %cb1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:     tt.add_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
// CHECK-NEXT:     tt.pack_reconfig_data_format %cb24 : !tt.cb<2, f32>
// CHECK-NEXT:     tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<2, f32>, index
// CHECK-NEXT:     tt.reconfig_data_format %cb24, %cb24 : !tt.cb<2, f32>, !tt.cb<2, f32>
// CHECK-NEXT:     tt.copy_tile_init %cb24 : !tt.cb<2, f32>
// CHECK-NEXT:     tt.pack_reconfig_data_format %cb16 : !tt.cb<2, bf16>
// CHECK-NEXT:     scf.for %t = %c0 to %c1 step %c1 {
// CHECK-NEXT:       tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<2, f32>, index
// CHECK-NEXT:       tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<2, bf16>, index
// CHECK-NEXT:       tt.pack_tile dst = 0, %cb16[%c1] : !tt.cb<2, bf16>, index
// CHECK-NEXT:     }
// CHECK-NEXT:   }

// -----
// The start-up counts as a configuration of B. The first FPU op copies the f32 CB
// 24, so the start-up names it twice and configures B for f32; the only reader of
// B, the add, reads the bf16 CB 0 there: every init gets its reconfig (a mask copied
// into a block that is then added to a loaded bf16 block).
tt.program @startup_format attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 24, pages = 2, page_size = 4096, f32>, #tt.cb_desc<index = 25, pages = 2, page_size = 4096, f32>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb24 = tt.get_cb 24 : !tt.cb<2, f32>
    %cb25 = tt.get_cb 25 : !tt.cb<2, f32>
    %c0 = arith.constant 0 : index
    tt.copy_tile_init %cb24 : !tt.cb<2, f32>
    tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<2, f32>, index
    tt.pack_tile dst = 0, %cb25[%c0] : !tt.cb<2, f32>, index
    tt.add_tiles_init %cb25, %cb0 : !tt.cb<2, f32>, !tt.cb<2, bf16>
    tt.add_tiles %cb25, %cb0, %c0, %c0, dst = 0 : !tt.cb<2, f32>, !tt.cb<2, bf16>, index, index
    tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<2, f32>, index
  }
}
// CHECK-LABEL: tt.program @startup_format
// CHECK:        tt.compute_kernel_hw_startup %cb24, %cb24, %cb25 : !tt.cb<2, f32>, !tt.cb<2, f32>, !tt.cb<2, f32>
// CHECK:        tt.reconfig_data_format %cb24, %cb24 : !tt.cb<2, f32>, !tt.cb<2, f32>
// CHECK-NEXT:   tt.copy_tile_init %cb24 : !tt.cb<2, f32>
// CHECK:        tt.reconfig_data_format %cb25, %cb0 : !tt.cb<2, f32>, !tt.cb<2, bf16>
// CHECK-NEXT:   tt.add_tiles_init %cb25, %cb0 : !tt.cb<2, f32>, !tt.cb<2, bf16>

// -----

// Elementwise add in two chunks of two tiles, each chunk with its own
// add_tiles_init: the two inits are identical, so one is hoisted and the other
// erased. The start-up reads the add's two input CBs.
tt.program @add attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %a = tt.get_cb 0 : !tt.cb<8, bf16>
    %b = tt.get_cb 1 : !tt.cb<8, bf16>
    %c = tt.get_cb 16 : !tt.cb<8, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c3 = arith.constant 3 : index
    %c8 = arith.constant 8 : index
    scf.for %unit = %c0 to %c8 step %c1 {
      tt.cb_wait_front %a, 4 : !tt.cb<8, bf16>
      tt.cb_wait_front %b, 4 : !tt.cb<8, bf16>
      tt.add_tiles_init %a, %b : !tt.cb<8, bf16>, !tt.cb<8, bf16>
      tt.add_tiles %a, %b, %c0, %c0, dst = 0 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
      tt.add_tiles %a, %b, %c1, %c1, dst = 1 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
      tt.cb_reserve_back %c, 2 : !tt.cb<8, bf16>
      tt.pack_tile dst = 0, %c : !tt.cb<8, bf16>
      tt.pack_tile dst = 1, %c : !tt.cb<8, bf16>
      tt.cb_push_back %c, 2 : !tt.cb<8, bf16>
      tt.add_tiles_init %a, %b : !tt.cb<8, bf16>, !tt.cb<8, bf16>
      tt.add_tiles %a, %b, %c2, %c2, dst = 0 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
      tt.add_tiles %a, %b, %c3, %c3, dst = 1 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
      tt.cb_pop_front %a, 4 : !tt.cb<8, bf16>
      tt.cb_pop_front %b, 4 : !tt.cb<8, bf16>
      tt.cb_reserve_back %c, 2 : !tt.cb<8, bf16>
      tt.pack_tile dst = 0, %c : !tt.cb<8, bf16>
      tt.pack_tile dst = 1, %c : !tt.cb<8, bf16>
      tt.cb_push_back %c, 2 : !tt.cb<8, bf16>
    }
  }
}
// CHECK-LABEL: tt.program @add
// CHECK:      tt.kernel @compute compute
// CHECK-NEXT:   %a = tt.get_cb 0 : !tt.cb<8, bf16>
// CHECK-NEXT:   %b = tt.get_cb 1 : !tt.cb<8, bf16>
// CHECK-NEXT:   %c = tt.get_cb 16 : !tt.cb<8, bf16>
// CHECK-NEXT:   tt.compute_kernel_hw_startup %a, %b, %c : !tt.cb<8, bf16>, !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %c2 = arith.constant 2 : index
// CHECK-NEXT:   %c3 = arith.constant 3 : index
// CHECK-NEXT:   %c8 = arith.constant 8 : index
// CHECK-NEXT:   tt.add_tiles_init %a, %b : !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:   scf.for %unit = %c0 to %c8 step %c1 {
// CHECK-NEXT:     tt.cb_wait_front %a, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.cb_wait_front %b, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.add_tiles %a, %b, %c0, %c0, dst = 0 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.add_tiles %a, %b, %c1, %c1, dst = 1 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.cb_reserve_back %c, 2 : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 0, %c : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 1, %c : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.cb_push_back %c, 2 : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.add_tiles %a, %b, %c2, %c2, dst = 0 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.add_tiles %a, %b, %c3, %c3, dst = 1 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.cb_pop_front %a, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.cb_pop_front %b, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.cb_reserve_back %c, 2 : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 0, %c : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 1, %c : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.cb_push_back %c, 2 : !tt.cb<8, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// Unary exp through copy_tile: the start-up reads the copied CB twice.
// copy_tile_init (FPU) and exp_tile_init (SFPU) both leave the loop.
tt.program @exp attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %in = tt.get_cb 0 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    scf.for %unit = %c0 to %c8 step %c1 {
      tt.cb_wait_front %in, 1 : !tt.cb<2, bf16>
      tt.copy_tile_init %in : !tt.cb<2, bf16>
      tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
      tt.exp_tile_init
      tt.exp_tile dst = 0
      tt.cb_pop_front %in, 1 : !tt.cb<2, bf16>
      tt.cb_reserve_back %out, 1 : !tt.cb<2, bf16>
      tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
      tt.cb_push_back %out, 1 : !tt.cb<2, bf16>
    }
  }
}
// CHECK-LABEL: tt.program @exp
// CHECK:      tt.kernel @compute compute
// CHECK-NEXT:   %in = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:   %out = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.compute_kernel_hw_startup %in, %in, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %c8 = arith.constant 8 : index
// CHECK-NEXT:   tt.copy_tile_init %in : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.exp_tile_init
// CHECK-NEXT:   scf.for %unit = %c0 to %c8 step %c1 {
// CHECK-NEXT:     tt.cb_wait_front %in, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.exp_tile dst = 0
// CHECK-NEXT:     tt.cb_pop_front %in, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.cb_reserve_back %out, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.cb_push_back %out, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// Two different FPU inits alternate in one loop body (matmul, then a copy of a
// bias tile): neither may leave the loop, since each run needs its own init. The
// second matmul_init repeats the previous FPU init of the block with nothing
// different in between: it is erased. The SFPU init is alone in its class: it
// still leaves the loop. A transposing matmul_init differs from a plain one.
tt.program @alternate attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 2, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %a = tt.get_cb 0 : !tt.cb<2, bf16>
    %b = tt.get_cb 1 : !tt.cb<2, bf16>
    %bias = tt.get_cb 2 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    scf.for %unit = %c0 to %c8 step %c1 {
      tt.matmul_init %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
      tt.matmul_tiles %a, %b, %c0, %c0, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
      tt.matmul_init %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
      tt.matmul_tiles %a, %b, %c1, %c1, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
      tt.copy_tile_init %bias : !tt.cb<2, bf16>
      tt.copy_tile %bias, %c0, dst = 1 : !tt.cb<2, bf16>, index
      tt.matmul_init %a, %b transpose : !tt.cb<2, bf16>, !tt.cb<2, bf16>
      tt.matmul_tiles %a, %b, %c0, %c0, dst = 2 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
      tt.sigmoid_tile_init
      tt.sigmoid_tile dst = 0
      tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
      tt.pack_tile dst = 1, %out : !tt.cb<2, bf16>
      tt.pack_tile dst = 2, %out : !tt.cb<2, bf16>
    }
  }
}
// CHECK-LABEL: tt.program @alternate
// CHECK:      tt.kernel @compute compute
// CHECK-NEXT:   %a = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:   %b = tt.get_cb 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   %bias = tt.get_cb 2 : !tt.cb<2, bf16>
// CHECK-NEXT:   %out = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.compute_kernel_hw_startup %a, %b, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %c8 = arith.constant 8 : index
// CHECK-NEXT:   tt.sigmoid_tile_init
// CHECK-NEXT:   scf.for %unit = %c0 to %c8 step %c1 {
// CHECK-NEXT:     tt.matmul_init %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:     tt.matmul_tiles %a, %b, %c0, %c0, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
// CHECK-NEXT:     tt.matmul_tiles %a, %b, %c1, %c1, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
// CHECK-NEXT:     tt.copy_tile_init %bias : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.copy_tile %bias, %c0, dst = 1 : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.matmul_init %a, %b transpose : !tt.cb<2, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:     tt.matmul_tiles %a, %b, %c0, %c0, dst = 2 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
// CHECK-NEXT:     tt.sigmoid_tile dst = 0
// CHECK-NEXT:     tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 1, %out : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 2, %out : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// Nested loops: add_tiles_init climbs out of %j and %i, and stops in %unit, whose
// body also runs a copy_tile with its own init. The copy_tile_init stays too. The
// tanh init inside the scf.if does not move: that body does not always run.
tt.program @nested attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %a = tt.get_cb 0 : !tt.cb<2, bf16>
    %b = tt.get_cb 1 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %flag = arith.constant true
    scf.for %unit = %c0 to %c4 step %c1 {
      scf.for %i = %c0 to %c4 step %c1 {
        scf.for %j = %c0 to %c4 step %c1 {
          tt.add_tiles_init %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
          tt.add_tiles %a, %b, %c0, %c0, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
          tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
        }
      }
      tt.copy_tile_init %a : !tt.cb<2, bf16>
      tt.copy_tile %a, %c0, dst = 0 : !tt.cb<2, bf16>, index
      scf.if %flag {
        tt.tanh_tile_init
        tt.tanh_tile dst = 0
      }
      tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
    }
  }
}
// CHECK-LABEL: tt.program @nested
// CHECK:      tt.kernel @compute compute
// CHECK-NEXT:   %a = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:   %b = tt.get_cb 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   %out = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.compute_kernel_hw_startup %a, %b, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %c4 = arith.constant 4 : index
// CHECK-NEXT:   %flag = arith.constant true
// CHECK-NEXT:   scf.for %unit = %c0 to %c4 step %c1 {
// CHECK-NEXT:     tt.add_tiles_init %a, %b : !tt.cb<2, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:     scf.for %i = %c0 to %c4 step %c1 {
// CHECK-NEXT:       scf.for %j = %c0 to %c4 step %c1 {
// CHECK-NEXT:         tt.add_tiles %a, %b, %c0, %c0, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
// CHECK-NEXT:         tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
// CHECK-NEXT:       }
// CHECK-NEXT:     }
// CHECK-NEXT:     tt.copy_tile_init %a : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.copy_tile %a, %c0, dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT:     scf.if %flag {
// CHECK-NEXT:       tt.tanh_tile_init
// CHECK-NEXT:       tt.tanh_tile dst = 0
// CHECK-NEXT:     }
// CHECK-NEXT:     tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// Loops one after another: each loop's inits leave it, and those before the
// second loop repeat the ones before the first with nothing different in between
// (the first loop runs no other init): they are erased. The third loop's
// copy_tile_init reads another CB, so it is different and stays before its loop.
// The fourth loop's CB is named inside the loop: its init cannot leave it.
tt.program @sequential attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %x = tt.get_cb 0 : !tt.cb<2, bf16>
    %y = tt.get_cb 1 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %i = %c0 to %c4 step %c1 {
      tt.copy_tile_init %x : !tt.cb<2, bf16>
      tt.copy_tile %x, %c0, dst = 0 : !tt.cb<2, bf16>, index
      tt.log_tile_init
      tt.log_tile dst = 0
      tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
    }
    scf.for %j = %c0 to %c4 step %c1 {
      tt.copy_tile_init %x : !tt.cb<2, bf16>
      tt.copy_tile %x, %c0, dst = 0 : !tt.cb<2, bf16>, index
      tt.log_tile_init
      tt.log_tile dst = 0
      tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
    }
    scf.for %k = %c0 to %c4 step %c1 {
      tt.copy_tile_init %y : !tt.cb<2, bf16>
      tt.copy_tile %y, %c0, dst = 0 : !tt.cb<2, bf16>, index
      tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
    }
    scf.for %l = %c0 to %c4 step %c1 {
      %z = tt.get_cb 0 : !tt.cb<2, bf16>
      tt.copy_tile_init %z : !tt.cb<2, bf16>
      tt.copy_tile %z, %c0, dst = 0 : !tt.cb<2, bf16>, index
      tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
    }
  }
}
// CHECK-LABEL: tt.program @sequential
// CHECK:      tt.kernel @compute compute
// CHECK-NEXT:   %x = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:   %y = tt.get_cb 1 : !tt.cb<2, bf16>
// CHECK-NEXT:   %out = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.compute_kernel_hw_startup %x, %x, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %c4 = arith.constant 4 : index
// CHECK-NEXT:   tt.copy_tile_init %x : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.log_tile_init
// CHECK-NEXT:   scf.for %i = %c0 to %c4 step %c1 {
// CHECK-NEXT:     tt.copy_tile %x, %c0, dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.log_tile dst = 0
// CHECK-NEXT:     tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   scf.for %j = %c0 to %c4 step %c1 {
// CHECK-NEXT:     tt.copy_tile %x, %c0, dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.log_tile dst = 0
// CHECK-NEXT:     tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.copy_tile_init %y : !tt.cb<2, bf16>
// CHECK-NEXT:   scf.for %k = %c0 to %c4 step %c1 {
// CHECK-NEXT:     tt.copy_tile %y, %c0, dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   scf.for %l = %c0 to %c4 step %c1 {
// CHECK-NEXT:     %z = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.copy_tile_init %z : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.copy_tile %z, %c0, dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// Blocked gemm with matmul_block: the start-up takes the CBs of the first
// matmul_block and of the first pack. The subblock loop's matmul_block_init is
// the only FPU init of the loop nest: it climbs out of every loop. The edge loop's
// init has another ct, so it is not a repeat of the first and stays before its
// loop. tt.pack_l1_acc is no init: the pass leaves every one where it is, even
// with an operand defined outside its loop.
tt.program @block_gemm attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %in0 = tt.get_cb 0 : !tt.cb<8, bf16>
    %in1 = tt.get_cb 1 : !tt.cb<8, bf16>
    %out = tt.get_cb 16 : !tt.cb<8, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c4 = arith.constant 4 : index
    %false = arith.constant false
    scf.for %unit = %c0 to %c4 step %c1 {
      tt.pack_l1_acc %false : i1
      scf.for %kb = %c0 to %c4 step %c1 {
        %accumulate = arith.cmpi ugt, %kb, %c0 : index
        tt.pack_l1_acc %accumulate : i1
        tt.cb_wait_front %in0, 4 : !tt.cb<8, bf16>
        tt.cb_wait_front %in1, 8 : !tt.cb<8, bf16>
        scf.for %sub = %c0 to %c2 step %c1 {
          tt.matmul_block_init %in0, %in1 ct = 4, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>
          %a = arith.muli %sub, %c2 : index
          %a1 = arith.addi %a, %c1 : index
          tt.matmul_block %in0, %in1, %a, %c0, dst = 0, ct = 4, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
          tt.matmul_block %in0, %in1, %a1, %c4, dst = 0, ct = 4, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
          tt.cb_reserve_back %out, 4 : !tt.cb<8, bf16>
          tt.pack_tile dst = 0, %out : !tt.cb<8, bf16>
          tt.pack_tile dst = 1, %out : !tt.cb<8, bf16>
          tt.pack_tile dst = 2, %out : !tt.cb<8, bf16>
          tt.pack_tile dst = 3, %out : !tt.cb<8, bf16>
          tt.cb_push_back %out, 4 : !tt.cb<8, bf16>
        }
        tt.cb_pop_front %in0, 4 : !tt.cb<8, bf16>
        tt.cb_pop_front %in1, 8 : !tt.cb<8, bf16>
      }
    }
    scf.for %edge = %c0 to %c2 step %c1 {
      tt.matmul_block_init %in0, %in1 ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>
      tt.matmul_block %in0, %in1, %c0, %c0, dst = 0, ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
      tt.pack_tile dst = 0, %out : !tt.cb<8, bf16>
      tt.pack_tile dst = 1, %out : !tt.cb<8, bf16>
    }
  }
}
// CHECK-LABEL: tt.program @block_gemm
// CHECK:      tt.kernel @compute compute
// CHECK-NEXT:   %in0 = tt.get_cb 0 : !tt.cb<8, bf16>
// CHECK-NEXT:   %in1 = tt.get_cb 1 : !tt.cb<8, bf16>
// CHECK-NEXT:   %out = tt.get_cb 16 : !tt.cb<8, bf16>
// CHECK-NEXT:   tt.compute_kernel_hw_startup %in0, %in1, %out : !tt.cb<8, bf16>, !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %c2 = arith.constant 2 : index
// CHECK-NEXT:   %c4 = arith.constant 4 : index
// CHECK-NEXT:   %false = arith.constant false
// CHECK-NEXT:   tt.matmul_block_init %in0, %in1 ct = 4, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:   scf.for %unit = %c0 to %c4 step %c1 {
// CHECK-NEXT:     tt.pack_l1_acc %false : i1
// CHECK-NEXT:     scf.for %kb = %c0 to %c4 step %c1 {
// CHECK-NEXT:       %accumulate = arith.cmpi ugt, %kb, %c0 : index
// CHECK-NEXT:       tt.pack_l1_acc %accumulate : i1
// CHECK-NEXT:       tt.cb_wait_front %in0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:       tt.cb_wait_front %in1, 8 : !tt.cb<8, bf16>
// CHECK-NEXT:       scf.for %sub = %c0 to %c2 step %c1 {
// CHECK-NEXT:         %a = arith.muli %sub, %c2 : index
// CHECK-NEXT:         %a1 = arith.addi %a, %c1 : index
// CHECK-NEXT:         tt.matmul_block %in0, %in1, %a, %c0, dst = 0, ct = 4, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:         tt.matmul_block %in0, %in1, %a1, %c4, dst = 0, ct = 4, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:         tt.cb_reserve_back %out, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:         tt.pack_tile dst = 0, %out : !tt.cb<8, bf16>
// CHECK-NEXT:         tt.pack_tile dst = 1, %out : !tt.cb<8, bf16>
// CHECK-NEXT:         tt.pack_tile dst = 2, %out : !tt.cb<8, bf16>
// CHECK-NEXT:         tt.pack_tile dst = 3, %out : !tt.cb<8, bf16>
// CHECK-NEXT:         tt.cb_push_back %out, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:       }
// CHECK-NEXT:       tt.cb_pop_front %in0, 4 : !tt.cb<8, bf16>
// CHECK-NEXT:       tt.cb_pop_front %in1, 8 : !tt.cb<8, bf16>
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.matmul_block_init %in0, %in1 ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT:   scf.for %edge = %c0 to %c2 step %c1 {
// CHECK-NEXT:     tt.matmul_block %in0, %in1, %c0, %c0, dst = 0, ct = 2, rt = 1, kt = 2 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     tt.pack_tile dst = 0, %out : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 1, %out : !tt.cb<8, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// matmul_block_init unpacks in1 into source register A and in0 into B, like
// matmul_init: with an f32 bias copied through A as well, the kernel reconfigures
// the formats before each FPU init. Two different FPU inits share the loop, so
// neither leaves it.
tt.program @block_formats attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 1088, bfp8_b>, #tt.cb_desc<index = 2, pages = 2, page_size = 4096, f32>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %in0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %in1 = tt.get_cb 1 : !tt.cb<2, bfp8_b>
    %bias = tt.get_cb 2 : !tt.cb<2, f32>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %i = %c0 to %c4 step %c1 {
      tt.matmul_block_init %in0, %in1 ct = 2, rt = 1, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>
      tt.matmul_block %in0, %in1, %c0, %c0, dst = 0, ct = 2, rt = 1, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, index, index
      tt.copy_tile_init %bias : !tt.cb<2, f32>
      tt.copy_tile %bias, %c0, dst = 2 : !tt.cb<2, f32>, index
      tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
      tt.pack_tile dst = 1, %out : !tt.cb<2, bf16>
      tt.pack_tile dst = 2, %out : !tt.cb<2, bf16>
    }
  }
}
// CHECK-LABEL: tt.program @block_formats
// CHECK:      tt.kernel @compute compute
// CHECK-NEXT:   %in0 = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:   %in1 = tt.get_cb 1 : !tt.cb<2, bfp8_b>
// CHECK-NEXT:   %bias = tt.get_cb 2 : !tt.cb<2, f32>
// CHECK-NEXT:   %out = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.compute_kernel_hw_startup %in0, %in1, %out : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, !tt.cb<2, bf16>
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %c4 = arith.constant 4 : index
// CHECK-NEXT:   scf.for %i = %c0 to %c4 step %c1 {
// CHECK-NEXT:     tt.reconfig_data_format %in1, %in0 : !tt.cb<2, bfp8_b>, !tt.cb<2, bf16>
// CHECK-NEXT:     tt.matmul_block_init %in0, %in1 ct = 2, rt = 1, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>
// CHECK-NEXT:     tt.matmul_block %in0, %in1, %c0, %c0, dst = 0, ct = 2, rt = 1, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bfp8_b>, index, index
// CHECK-NEXT:     tt.reconfig_data_format %bias, %bias : !tt.cb<2, f32>, !tt.cb<2, f32>
// CHECK-NEXT:     tt.copy_tile_init %bias : !tt.cb<2, f32>
// CHECK-NEXT:     tt.copy_tile %bias, %c0, dst = 2 : !tt.cb<2, f32>, index
// CHECK-NEXT:     tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 1, %out : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 2, %out : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// A kernel that already has its start-up keeps it, even with other CBs than the
// pass would pick, and gets no second one. A full initialisation (here init_sfpu)
// reconfigures the FPU: the copy_tile_init after it is not a repeat of the one
// before it. A compute kernel without FPU tile ops gets no start-up.
tt.program @started attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %in = tt.get_cb 0 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.compute_kernel_hw_startup %out, %out, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>, !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.copy_tile_init %in : !tt.cb<2, bf16>
    tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.init_sfpu %in, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>
    tt.copy_tile_init %in : !tt.cb<2, bf16>
    tt.copy_tile %in, %c0, dst = 1 : !tt.cb<2, bf16>, index
    tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
    tt.pack_tile dst = 1, %out : !tt.cb<2, bf16>
  }
  tt.kernel @idle compute on #tt.core_ranges<[(1, 0) to (1, 0)]> {
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
  }
}
// CHECK-LABEL: tt.program @started
// CHECK:      tt.kernel @compute compute
// CHECK-NEXT:   %in = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:   %out = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.compute_kernel_hw_startup %out, %out, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   tt.copy_tile_init %in : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT:   tt.init_sfpu %in, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>
// CHECK-NEXT:   tt.copy_tile_init %in : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.copy_tile %in, %c0, dst = 1 : !tt.cb<2, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
// CHECK-NEXT:   tt.pack_tile dst = 1, %out : !tt.cb<2, bf16>
// CHECK-NEXT: }
// CHECK-NEXT: tt.kernel @idle compute on #tt.core_ranges<[(1, 0) to (1, 0)]> {
// CHECK-NEXT:   %out = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT: }

// -----

// The packer is started up with the CB of the first pack: a kernel that computes
// and packs nothing has none.
tt.program @no_pack attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %in = tt.get_cb 0 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.copy_tile_init %in : !tt.cb<2, bf16>
    tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
  }
}
// CHECK: insert_compute_init.mlir:[[# @LINE - 7]]:3: error: 'tt.kernel' op runs 'tt.copy_tile' but packs no tile: compute_kernel_hw_startup needs the output CB of a tt.pack_tile

// -----

// The start-up comes right after the entry block's last tt.get_cb: its CBs must
// be named there ...
tt.program @inner_cb attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    scf.for %i = %c0 to %c1 step %c1 {
      %cb = tt.get_cb 0 : !tt.cb<2, bf16>
      tt.copy_tile %cb, %c0, dst = 0 : !tt.cb<2, bf16>, index
      tt.pack_tile dst = 0, %cb : !tt.cb<2, bf16>
    }
  }
}
// CHECK: insert_compute_init.mlir:[[# @LINE - 10]]:3: error: 'tt.kernel' op cannot place compute_kernel_hw_startup: a CB operand of 'tt.copy_tile' is not defined by a tt.get_cb in the kernel's entry block

// -----

// ... and no compute call may run before it.
tt.program @late_cb attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %in = tt.get_cb 0 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
  }
}
// CHECK: insert_compute_init.mlir:[[# @LINE - 8]]:3: error: 'tt.kernel' op cannot place compute_kernel_hw_startup first: 'tt.copy_tile' runs before the last tt.get_cb of the kernel's entry block
