// RUN: tt-opt %s -p tt-insert-dst-management --split-input-file --verify-diagnostics | filecheck %s --check-prefixes=CHECK,VERIFY
// RUN: tt-opt %s -p tt-insert-dst-management,tt-insert-dst-management --split-input-file --verify-diagnostics | filecheck %s --check-prefixes=CHECK,VERIFY
// RUN: tt-opt %s -p tt-insert-dst-management --split-input-file --verify-diagnostics --disable-verify | filecheck %s --check-prefixes=CHECK,NOVERIFY

// The second RUN line runs the pass twice: the output is the same (the pass
// re-derives the tile_regs_* ops it finds). The third skips the op verifier, so
// the pass's own DST capacity check is reached (the verifier rejects such a
// DST index first otherwise).

// Gemm with a relu epilogue: one DST section per output sub-block, spanning the
// K loop. Acquire before the K loop, commit after the last relu, wait after the
// cb_reserve_back (right before the first pack), release before the cb_push_back.
// Reader and writer kernels are left alone.
tt.program @gemm attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 4, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 7)]> {
    %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
    tt.cb_reserve_back %cb0, 1 : !tt.cb<4, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<4, bf16>
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (7, 7)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
    %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
    %cb1 = tt.get_cb 1 : !tt.cb<8, bf16>
    %cb16 = tt.get_cb 16 : !tt.cb<8, bf16>
    tt.compute_kernel_hw_startup %cb0, %cb1, %cb16 : !tt.cb<4, bf16>, !tt.cb<8, bf16>, !tt.cb<8, bf16>
    %start_arg = tt.get_arg_val 0 : i32
    %count_arg = tt.get_arg_val 1 : i32
    %start = arith.index_cast %start_arg : i32 to index
    %count = arith.index_cast %count_arg : i32 to index
    %end = arith.addi %start, %count : index
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c32 = arith.constant 32 : index
    tt.matmul_init %cb0, %cb1 : !tt.cb<4, bf16>, !tt.cb<8, bf16>
    tt.relu_tile_init
    scf.for %unit = %start to %end step %c1 {
      scf.for %sub = %c0 to %c4 step %c1 {
        scf.for %k = %c0 to %c32 step %c1 {
          tt.cb_wait_front %cb0, 1 : !tt.cb<4, bf16>
          tt.cb_wait_front %cb1, 4 : !tt.cb<8, bf16>
          tt.matmul_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<4, bf16>, !tt.cb<8, bf16>, index, index
          tt.matmul_tiles %cb0, %cb1, %c0, %c1, dst = 1 : !tt.cb<4, bf16>, !tt.cb<8, bf16>, index, index
          tt.cb_pop_front %cb0, 1 : !tt.cb<4, bf16>
          tt.cb_pop_front %cb1, 4 : !tt.cb<8, bf16>
        }
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
// CHECK-NEXT:   tt.cb_reserve_back %cb0, 1 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_push_back %cb0, 1 : !tt.cb<4, bf16>
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
// CHECK-NEXT:       tt.tile_regs_acquire
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
// CHECK-NEXT:       tt.tile_regs_commit
// CHECK-NEXT:       tt.cb_reserve_back %cb16, 2 : !tt.cb<8, bf16>
// CHECK-NEXT:       tt.tile_regs_wait
// CHECK-NEXT:       tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<8, bf16>, index
// CHECK-NEXT:       tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<8, bf16>, index
// CHECK-NEXT:       tt.tile_regs_release
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

// Elementwise add in two chunks of two tiles in one block: two sections. The
// first chunk's packs end where the second chunk's math begins; the pops of the
// inputs sit between commit and wait.
tt.program @add attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %a = tt.get_cb 0 : !tt.cb<8, bf16>
    %b = tt.get_cb 1 : !tt.cb<8, bf16>
    %c = tt.get_cb 16 : !tt.cb<8, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c3 = arith.constant 3 : index
    tt.add_tiles_init %a, %b : !tt.cb<8, bf16>, !tt.cb<8, bf16>
    tt.cb_wait_front %a, 4 : !tt.cb<8, bf16>
    tt.cb_wait_front %b, 4 : !tt.cb<8, bf16>
    tt.add_tiles %a, %b, %c0, %c0, dst = 0 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
    tt.add_tiles %a, %b, %c1, %c1, dst = 1 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
    tt.cb_reserve_back %c, 2 : !tt.cb<8, bf16>
    tt.pack_tile dst = 0, %c : !tt.cb<8, bf16>
    tt.pack_tile dst = 1, %c : !tt.cb<8, bf16>
    tt.cb_push_back %c, 2 : !tt.cb<8, bf16>
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
// CHECK-LABEL: tt.program @add
// CHECK:      tt.add_tiles_init %a, %b : !tt.cb<8, bf16>, !tt.cb<8, bf16>
// CHECK-NEXT: tt.cb_wait_front %a, 4 : !tt.cb<8, bf16>
// CHECK-NEXT: tt.cb_wait_front %b, 4 : !tt.cb<8, bf16>
// CHECK-NEXT: tt.tile_regs_acquire
// CHECK-NEXT: tt.add_tiles %a, %b, %c0, %c0, dst = 0 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT: tt.add_tiles %a, %b, %c1, %c1, dst = 1 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT: tt.tile_regs_commit
// CHECK-NEXT: tt.cb_reserve_back %c, 2 : !tt.cb<8, bf16>
// CHECK-NEXT: tt.tile_regs_wait
// CHECK-NEXT: tt.pack_tile dst = 0, %c : !tt.cb<8, bf16>
// CHECK-NEXT: tt.pack_tile dst = 1, %c : !tt.cb<8, bf16>
// CHECK-NEXT: tt.tile_regs_release
// CHECK-NEXT: tt.cb_push_back %c, 2 : !tt.cb<8, bf16>
// CHECK-NEXT: tt.tile_regs_acquire
// CHECK-NEXT: tt.add_tiles %a, %b, %c2, %c2, dst = 0 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT: tt.add_tiles %a, %b, %c3, %c3, dst = 1 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT: tt.tile_regs_commit
// CHECK-NEXT: tt.cb_pop_front %a, 4 : !tt.cb<8, bf16>
// CHECK-NEXT: tt.cb_pop_front %b, 4 : !tt.cb<8, bf16>
// CHECK-NEXT: tt.cb_reserve_back %c, 2 : !tt.cb<8, bf16>
// CHECK-NEXT: tt.tile_regs_wait
// CHECK-NEXT: tt.pack_tile dst = 0, %c : !tt.cb<8, bf16>
// CHECK-NEXT: tt.pack_tile dst = 1, %c : !tt.cb<8, bf16>
// CHECK-NEXT: tt.tile_regs_release
// CHECK-NEXT: tt.cb_push_back %c, 2 : !tt.cb<8, bf16>
// CHECK-NEXT: }

// -----

// Unary exp: copy_tile and exp_tile are both math (the SFPU op works in DST); the
// inits are not.
tt.program @exp attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %in = tt.get_cb 0 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
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
// CHECK-LABEL: tt.program @exp
// CHECK:      tt.cb_wait_front %in, 1 : !tt.cb<2, bf16>
// CHECK-NEXT: tt.copy_tile_init %in : !tt.cb<2, bf16>
// CHECK-NEXT: tt.tile_regs_acquire
// CHECK-NEXT: tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT: tt.exp_tile_init
// CHECK-NEXT: tt.exp_tile dst = 0
// CHECK-NEXT: tt.tile_regs_commit
// CHECK-NEXT: tt.cb_pop_front %in, 1 : !tt.cb<2, bf16>
// CHECK-NEXT: tt.cb_reserve_back %out, 1 : !tt.cb<2, bf16>
// CHECK-NEXT: tt.tile_regs_wait
// CHECK-NEXT: tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
// CHECK-NEXT: tt.tile_regs_release
// CHECK-NEXT: tt.cb_push_back %out, 1 : !tt.cb<2, bf16>
// CHECK-NEXT: }

// -----

// Math and pack nested in loops: the loops (and the scf.if) contain both, so the
// sections are inside them. In the inner loop body math is itself in an scf.if
// (a math-containing op) and packs in an inner loop (a pack-containing op).
tt.program @nested attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %in = tt.get_cb 0 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %flag = arith.constant true
    scf.for %i = %c0 to %c2 step %c1 {
      scf.for %j = %c0 to %c2 step %c1 {
        tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
        scf.if %flag {
          tt.gelu_tile dst = 0
        }
        scf.for %r = %c0 to %c2 step %c1 {
          tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
        }
      }
      scf.if %flag {
        tt.copy_tile %in, %c0, dst = 1 : !tt.cb<2, bf16>, index
        tt.pack_tile dst = 1, %out : !tt.cb<2, bf16>
      }
    }
  }
}
// CHECK-LABEL: tt.program @nested
// CHECK:      scf.for %i = %c0 to %c2 step %c1 {
// CHECK-NEXT:   scf.for %j = %c0 to %c2 step %c1 {
// CHECK-NEXT:     tt.tile_regs_acquire
// CHECK-NEXT:     tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT:     scf.if %flag {
// CHECK-NEXT:       tt.gelu_tile dst = 0
// CHECK-NEXT:     }
// CHECK-NEXT:     tt.tile_regs_commit
// CHECK-NEXT:     tt.tile_regs_wait
// CHECK-NEXT:     scf.for %r = %c0 to %c2 step %c1 {
// CHECK-NEXT:       tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
// CHECK-NEXT:     }
// CHECK-NEXT:     tt.tile_regs_release
// CHECK-NEXT:   }
// CHECK-NEXT:   scf.if %flag {
// CHECK-NEXT:     tt.tile_regs_acquire
// CHECK-NEXT:     tt.copy_tile %in, %c0, dst = 1 : !tt.cb<2, bf16>, index
// CHECK-NEXT:     tt.tile_regs_commit
// CHECK-NEXT:     tt.tile_regs_wait
// CHECK-NEXT:     tt.pack_tile dst = 1, %out : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.tile_regs_release
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// tile_regs_* ops already in a compute kernel are re-derived: a hand-written,
// misplaced handshake becomes the canonical one.
tt.program @handwritten attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %in = tt.get_cb 0 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.tile_regs_acquire
    tt.tile_regs_wait
    tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
    tt.tile_regs_commit
    tt.tile_regs_release
  }
}
// CHECK-LABEL: tt.program @handwritten
// CHECK:      %c0 = arith.constant 0 : index
// CHECK-NEXT: tt.tile_regs_acquire
// CHECK-NEXT: tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
// CHECK-NEXT: tt.tile_regs_commit
// CHECK-NEXT: tt.tile_regs_wait
// CHECK-NEXT: tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
// CHECK-NEXT: tt.tile_regs_release
// CHECK-NEXT: }

// -----

// A pack needs math before it in its section ...
tt.program @pack_first attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
  }
}
// CHECK: insert_dst_management.mlir:[[# @LINE - 3]]:5: error: 'tt.pack_tile' op packs DST tile 0, but no math op precedes it in its block: a DST section is math ops, then the packs of their results

// -----

// ... in its own block: math outside a loop does not feed a section inside it.
tt.program @pack_first_nested attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %in = tt.get_cb 0 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    scf.for %i = %c0 to %c1 step %c1 {
      tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
      tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
      tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
    }
  }
}
// CHECK: insert_dst_management.mlir:[[# @LINE - 6]]:7: error: 'tt.pack_tile' op packs DST tile 0, but no math op precedes it in its block: a DST section is math ops, then the packs of their results

// -----

// Math that nothing packs would be lost ...
tt.program @lost attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %in = tt.get_cb 0 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
    tt.copy_tile %in, %c0, dst = 1 : !tt.cb<2, bf16>, index
    tt.sqrt_tile dst = 1
  }
}
// CHECK: insert_dst_management.mlir:[[# @LINE - 3]]:5: error: 'tt.sqrt_tile' op writes DST tile 1, but no tt.pack_tile follows it in its block: the DST result would be lost

// -----

// ... also when the next op holds DST sections of its own.
tt.program @lost_before_loop attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %in = tt.get_cb 0 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
    scf.for %i = %c0 to %c1 step %c1 {
      tt.copy_tile %in, %c0, dst = 1 : !tt.cb<2, bf16>, index
      tt.pack_tile dst = 1, %out : !tt.cb<2, bf16>
    }
    tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
  }
}
// CHECK: insert_dst_management.mlir:[[# @LINE - 8]]:5: error: 'tt.copy_tile' op writes DST tile 0, but no tt.pack_tile follows it before the 'scf.for' op holding the next DST section: the DST result would be lost

// -----

// A pack reads a DST tile its section's math wrote.
tt.program @unwritten attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %in = tt.get_cb 0 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.copy_tile %in, %c0, dst = 1 : !tt.cb<2, bf16>, index
    tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
    tt.pack_tile dst = 2, %out : !tt.cb<2, bf16>
  }
}
// CHECK: insert_dst_management.mlir:[[# @LINE - 3]]:5: error: 'tt.pack_tile' op packs DST tile 2, which no math op in this DST section wrote (it writes tiles 0, 1)

// -----

// A section's tiles fit DST: with fp32 accumulation, double-buffered, 4 tiles.
// The op verifier rejects DST index 4 first; without it the pass counts 5 tiles.
tt.program @too_many attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
    %in = tt.get_cb 0 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<8, bf16>
    %c0 = arith.constant 0 : index
    tt.copy_tile %in, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.copy_tile %in, %c0, dst = 1 : !tt.cb<2, bf16>, index
    tt.copy_tile %in, %c0, dst = 2 : !tt.cb<2, bf16>, index
    tt.copy_tile %in, %c0, dst = 3 : !tt.cb<2, bf16>, index
    tt.copy_tile %in, %c0, dst = 4 : !tt.cb<2, bf16>, index
    tt.pack_tile dst = 0, %out : !tt.cb<8, bf16>
  }
}
// VERIFY:   insert_dst_management.mlir:[[# @LINE - 4]]:5: error: 'tt.copy_tile' op DST index 4 is out of range: DST holds 4 tiles (fp32 accumulation in double-buffered mode)
// NOVERIFY: insert_dst_management.mlir:[[# @LINE - 9]]:5: error: 'tt.copy_tile' op DST section writes 5 tiles, DST holds 4 tiles (fp32 accumulation in double-buffered mode)

// -----

// matmul_block is math writing its rt x ct subblock, DST tiles dst .. dst+rt*ct-1:
// the section of each K block spans the K loop, and the packs of tiles 0..7 are
// its packs. tt.pack_l1_acc (packs after the first K block add to L1) is neither
// math nor pack: it stays where it is, here between commit and wait, and does
// not end or start a section.
tt.program @block_gemm attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 8, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {
    %in0 = tt.get_cb 0 : !tt.cb<8, bf16>
    %in1 = tt.get_cb 1 : !tt.cb<8, bf16>
    %out = tt.get_cb 16 : !tt.cb<8, bf16>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %kb = %c0 to %c4 step %c1 {
      scf.for %k = %c0 to %c4 step %c1 {
        %b = arith.muli %k, %c4 : index
        tt.matmul_block %in0, %in1, %k, %b, dst = 0, ct = 4, rt = 2, kt = 4 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
      }
      %accumulate = arith.cmpi ugt, %kb, %c0 : index
      tt.pack_l1_acc %accumulate : i1
      tt.cb_reserve_back %out, 8 : !tt.cb<8, bf16>
      tt.pack_tile dst = 0, %out : !tt.cb<8, bf16>
      tt.pack_tile dst = 1, %out : !tt.cb<8, bf16>
      tt.pack_tile dst = 2, %out : !tt.cb<8, bf16>
      tt.pack_tile dst = 3, %out : !tt.cb<8, bf16>
      tt.pack_tile dst = 4, %out : !tt.cb<8, bf16>
      tt.pack_tile dst = 5, %out : !tt.cb<8, bf16>
      tt.pack_tile dst = 6, %out : !tt.cb<8, bf16>
      tt.pack_tile dst = 7, %out : !tt.cb<8, bf16>
      tt.cb_push_back %out, 8 : !tt.cb<8, bf16>
    }
  }
}
// CHECK-LABEL: tt.program @block_gemm
// CHECK:      tt.kernel @compute compute
// CHECK-NEXT:   %in0 = tt.get_cb 0 : !tt.cb<8, bf16>
// CHECK-NEXT:   %in1 = tt.get_cb 1 : !tt.cb<8, bf16>
// CHECK-NEXT:   %out = tt.get_cb 16 : !tt.cb<8, bf16>
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %c4 = arith.constant 4 : index
// CHECK-NEXT:   scf.for %kb = %c0 to %c4 step %c1 {
// CHECK-NEXT:     tt.tile_regs_acquire
// CHECK-NEXT:     scf.for %k = %c0 to %c4 step %c1 {
// CHECK-NEXT:       %b = arith.muli %k, %c4 : index
// CHECK-NEXT:       tt.matmul_block %in0, %in1, %k, %b, dst = 0, ct = 4, rt = 2, kt = 4 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
// CHECK-NEXT:     }
// CHECK-NEXT:     tt.tile_regs_commit
// CHECK-NEXT:     %accumulate = arith.cmpi ugt, %kb, %c0 : index
// CHECK-NEXT:     tt.pack_l1_acc %accumulate : i1
// CHECK-NEXT:     tt.cb_reserve_back %out, 8 : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.tile_regs_wait
// CHECK-NEXT:     tt.pack_tile dst = 0, %out : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 1, %out : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 2, %out : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 3, %out : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 4, %out : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 5, %out : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 6, %out : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.pack_tile dst = 7, %out : !tt.cb<8, bf16>
// CHECK-NEXT:     tt.tile_regs_release
// CHECK-NEXT:     tt.cb_push_back %out, 8 : !tt.cb<8, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// matmul_block's tiles must be packed like any math result ...
tt.program @block_lost attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %in0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %in1 = tt.get_cb 1 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.matmul_block %in0, %in1, %c0, %c0, dst = 2, ct = 2, rt = 2, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
  }
}
// CHECK: insert_dst_management.mlir:[[# @LINE - 3]]:5: error: 'tt.matmul_block' op writes DST tiles 2..5, but no tt.pack_tile follows it in its block: the DST result would be lost

// -----

// ... and a pack reads one of the tiles it wrote: a 1x2 subblock at 0 writes 0 and 1.
tt.program @block_unwritten attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %in0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %in1 = tt.get_cb 1 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<2, bf16>
    %c0 = arith.constant 0 : index
    tt.matmul_block %in0, %in1, %c0, %c0, dst = 0, ct = 2, rt = 1, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
    tt.pack_tile dst = 1, %out : !tt.cb<2, bf16>
    tt.pack_tile dst = 2, %out : !tt.cb<2, bf16>
  }
}
// CHECK: insert_dst_management.mlir:[[# @LINE - 3]]:5: error: 'tt.pack_tile' op packs DST tile 2, which no math op in this DST section wrote (it writes tiles 0, 1)

// -----

// A section counts every tile of a subblock: tiles 1..4 and 0 are 5 tiles, one
// more than fp32 accumulation leaves. The op verifier rejects the subblock first.
tt.program @block_too_many attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 8, page_size = 2048, bf16>]} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} {
    %in0 = tt.get_cb 0 : !tt.cb<2, bf16>
    %in1 = tt.get_cb 1 : !tt.cb<2, bf16>
    %out = tt.get_cb 16 : !tt.cb<8, bf16>
    %c0 = arith.constant 0 : index
    tt.copy_tile %in0, %c0, dst = 0 : !tt.cb<2, bf16>, index
    tt.matmul_block %in0, %in1, %c0, %c0, dst = 1, ct = 2, rt = 2, kt = 1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
    tt.pack_tile dst = 0, %out : !tt.cb<8, bf16>
  }
}
// VERIFY:   insert_dst_management.mlir:[[# @LINE - 4]]:5: error: 'tt.matmul_block' op DST tiles 1..4 of the 2x2 output subblock are out of range: DST holds 4 tiles (fp32 accumulation in double-buffered mode)
// NOVERIFY: insert_dst_management.mlir:[[# @LINE - 6]]:5: error: 'tt.copy_tile' op DST section writes 5 tiles, DST holds 4 tiles (fp32 accumulation in double-buffered mode)
