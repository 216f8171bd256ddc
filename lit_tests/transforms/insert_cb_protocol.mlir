// RUN: tt-opt %s -p tt-insert-cb-protocol --split-input-file --verify-diagnostics | filecheck %s
// RUN: tt-opt %s -p tt-insert-cb-protocol,tt-insert-cb-protocol --split-input-file --verify-diagnostics | filecheck %s

// The input is a program after tt-lower-shared-to-cb, written by hand and cut
// down to what the pass reads: the dataflow side of each CB (reserve/push
// around the NOC reads that fill it, wait/pop around the NOC writes that drain
// it; the page loops are left out) and the compute ops that read CBs
// (matmul/add/sub/mul_tiles, copy_tile) or write them (pack_tile).

// A K loop: CBs 0 and 1 are filled every K step and read by matmul_tiles.
// Compute waits for each fill right after its push and pops it after the last
// op reading it, before the next fill; the pops of several CBs after one
// reader follow the fills' order. CB 16 is packed after the loop and drained:
// compute reserves its pages right before the first pack and pushes them right
// before the drain's wait, with the drain's page count.
func.func @k_loop() {
  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
  %cb1 = tt.get_cb 1 : !tt.cb<4, bf16>
  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %k = %c0 to %c4 step %c1 {
    tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
    tt.noc_async_read_barrier
    tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
    tt.cb_reserve_back %cb1, 1 : !tt.cb<4, bf16>
    tt.noc_async_read_barrier
    tt.cb_push_back %cb1, 1 : !tt.cb<4, bf16>
    tt.matmul_init %cb0, %cb1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
    tt.matmul_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
    tt.matmul_tiles %cb0, %cb1, %c1, %c0, dst = 1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
  }
  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
  tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
  tt.noc_async_write_barrier
  tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>
  func.return
}
// CHECK:      func.func @k_loop() {
// CHECK-NEXT:   %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
// CHECK-NEXT:   %cb1 = tt.get_cb 1 : !tt.cb<4, bf16>
// CHECK-NEXT:   %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
// CHECK-NEXT:   %c0 = arith.constant 0 : index
// CHECK-NEXT:   %c1 = arith.constant 1 : index
// CHECK-NEXT:   %c4 = arith.constant 4 : index
// CHECK-NEXT:   scf.for %k = %c0 to %c4 step %c1 {
// CHECK-NEXT:     tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:     tt.noc_async_read_barrier
// CHECK-NEXT:     tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:     tt.cb_wait_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:     tt.cb_reserve_back %cb1, 1 : !tt.cb<4, bf16>
// CHECK-NEXT:     tt.noc_async_read_barrier
// CHECK-NEXT:     tt.cb_push_back %cb1, 1 : !tt.cb<4, bf16>
// CHECK-NEXT:     tt.cb_wait_front %cb1, 1 : !tt.cb<4, bf16>
// CHECK-NEXT:     tt.matmul_init %cb0, %cb1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:     tt.matmul_tiles %cb0, %cb1, %c1, %c0, dst = 1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:     tt.cb_pop_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:     tt.cb_pop_front %cb1, 1 : !tt.cb<4, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.cb_reserve_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_push_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.noc_async_write_barrier
// CHECK-NEXT:   tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   func.return
// CHECK-NEXT: }

// -----

// Elementwise math in two DST chunks in one block: the output's reserve goes
// right before the first pack (after the first chunk's math), its push right
// before the drain, covering both chunks' packs; the inputs are popped after
// the second chunk's add_tiles, their last reader, before its pack.
func.func @chunks() {
  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
  %cb1 = tt.get_cb 1 : !tt.cb<4, bf16>
  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
  tt.noc_async_read_barrier
  tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
  tt.cb_reserve_back %cb1, 2 : !tt.cb<4, bf16>
  tt.noc_async_read_barrier
  tt.cb_push_back %cb1, 2 : !tt.cb<4, bf16>
  tt.add_tiles_init %cb0, %cb1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
  tt.add_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
  tt.add_tiles_init %cb0, %cb1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
  tt.add_tiles %cb0, %cb1, %c1, %c1, dst = 0 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
  tt.pack_tile dst = 0, %cb16[%c1] : !tt.cb<4, bf16>, index
  tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
  tt.noc_async_write_barrier
  tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>
  func.return
}
// CHECK:      func.func @chunks() {
// CHECK:        tt.cb_push_back %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.add_tiles_init %cb0, %cb1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:   tt.add_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:   tt.cb_reserve_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.add_tiles_init %cb0, %cb1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
// CHECK-NEXT:   tt.add_tiles %cb0, %cb1, %c1, %c1, dst = 0 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:   tt.cb_pop_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_pop_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_push_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.noc_async_write_barrier
// CHECK-NEXT:   tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>

// -----

// Each fill of a CB is consumed on its own with its own page count: the
// window of a fill ends at the next fill of the same CB. A reader nested in a
// loop counts as the loop: the pop follows the loop.
func.func @two_fills() {
  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
  tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
  scf.for %i = %c0 to %c3 step %c1 {
    tt.copy_tile %cb0, %c1, dst = 0 : !tt.cb<4, bf16>, index
  }
  tt.cb_reserve_back %cb0, 1 : !tt.cb<4, bf16>
  tt.cb_push_back %cb0, 1 : !tt.cb<4, bf16>
  tt.copy_tile %cb0, %c0, dst = 1 : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
  tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
  tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>
  func.return
}
// CHECK:      func.func @two_fills() {
// CHECK:        tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   scf.for %i = %c0 to %c3 step %c1 {
// CHECK-NEXT:     tt.copy_tile %cb0, %c1, dst = 0 : !tt.cb<4, bf16>, index
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.cb_pop_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_reserve_back %cb0, 1 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_push_back %cb0, 1 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb0, 1 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.copy_tile %cb0, %c0, dst = 1 : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_pop_front %cb0, 1 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_reserve_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_push_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>

// -----

// An intermediate CB: compute packs add's result into CB 24, then exp reads it
// back with copy_tile. Compute reserves before the first pack and pushes after
// the last one, waits before the first read and pops after the last, with as
// many pages as packs.
func.func @intermediate() {
  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
  %cb1 = tt.get_cb 1 : !tt.cb<4, bf16>
  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
  %cb24 = tt.get_cb 24 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  tt.cb_reserve_back %cb0, 2 : !tt.cb<4, bf16>
  tt.noc_async_read_barrier
  tt.cb_push_back %cb0, 2 : !tt.cb<4, bf16>
  tt.cb_reserve_back %cb1, 2 : !tt.cb<4, bf16>
  tt.noc_async_read_barrier
  tt.cb_push_back %cb1, 2 : !tt.cb<4, bf16>
  tt.add_tiles_init %cb0, %cb1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>
  tt.add_tiles %cb0, %cb1, %c0, %c0, dst = 0 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
  tt.add_tiles %cb0, %cb1, %c1, %c1, dst = 1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
  tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<4, bf16>, index
  tt.copy_tile_init %cb24 : !tt.cb<4, bf16>
  tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<4, bf16>, index
  tt.copy_tile %cb24, %c1, dst = 1 : !tt.cb<4, bf16>, index
  tt.exp_tile_init
  tt.exp_tile dst = 0
  tt.exp_tile dst = 1
  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
  tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
  tt.noc_async_write_barrier
  tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>
  func.return
}
// CHECK:      func.func @intermediate() {
// CHECK:        tt.add_tiles %cb0, %cb1, %c1, %c1, dst = 1 : !tt.cb<4, bf16>, !tt.cb<4, bf16>, index, index
// CHECK-NEXT:   tt.cb_pop_front %cb0, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_pop_front %cb1, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_reserve_back %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_push_back %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.copy_tile_init %cb24 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.copy_tile %cb24, %c1, dst = 1 : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_pop_front %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.exp_tile_init
// CHECK-NEXT:   tt.exp_tile dst = 0
// CHECK-NEXT:   tt.exp_tile dst = 1
// CHECK-NEXT:   tt.cb_reserve_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_push_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>

// -----

// Generations: `tt.exp %z to %z` after `tt.add %x, %y to %z` packs CB 24 twice
// per block. Each run of 2 packs (the buffer's 2 tiles) is a generation with
// its own reserve/push; a read belongs to the latest generation packed in full
// before it and is wrapped in that generation's wait/pop. A generation nobody
// reads (the third, overwritten by the fourth) is taken off the CB at once.
func.func @generations() {
  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
  %cb24 = tt.get_cb 24 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<4, bf16>, index
  tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<4, bf16>, index
  tt.copy_tile %cb24, %c1, dst = 1 : !tt.cb<4, bf16>, index
  tt.exp_tile dst = 0
  tt.exp_tile dst = 1
  tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<4, bf16>, index
  tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<4, bf16>, index
  tt.copy_tile %cb24, %c1, dst = 1 : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<4, bf16>, index
  tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<4, bf16>, index
  tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>
  tt.noc_async_write_barrier
  tt.cb_pop_front %cb16, 2 : !tt.cb<4, bf16>
  func.return
}
// CHECK:      func.func @generations() {
// CHECK:        tt.cb_reserve_back %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_push_back %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.copy_tile %cb24, %c1, dst = 1 : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_pop_front %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.exp_tile dst = 0
// CHECK-NEXT:   tt.exp_tile dst = 1
// CHECK-NEXT:   tt.cb_reserve_back %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_push_back %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.copy_tile %cb24, %c1, dst = 1 : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_pop_front %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_reserve_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb16[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_reserve_back %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_push_back %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_pop_front %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_reserve_back %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_push_back %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_pop_front %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_push_back %cb16, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb16, 2 : !tt.cb<4, bf16>

// -----

// An in-place update in two DST chunks reads the old generation while packing
// the new one: the CB must hold both, 2 x 2 pages. It has 2.
func.func @generations_overlap() {
  %cb24 = tt.get_cb 24 : !tt.cb<2, bf16>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<2, bf16>, index
  tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<2, bf16>, index
  tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<2, bf16>, index
  tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<2, bf16>, index
  tt.copy_tile %cb24, %c1, dst = 0 : !tt.cb<2, bf16>, index
  tt.pack_tile dst = 0, %cb24[%c1] : !tt.cb<2, bf16>, index
  tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<2, bf16>, index
  func.return
}
// CHECK: insert_cb_protocol.mlir:[[# @LINE - 6]]:3: error: 'tt.pack_tile' op CB 24 is updated in place: it holds the block being read and the block being packed, 2 x 2 pages, but has 2 (use cb-depth 2 or more)

// -----

// A CB compute packs more than once per block cannot also be drained: the
// writer would take the first generation pushed.
func.func @generations_drained() {
  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
  tt.copy_tile %cb16, %c0, dst = 0 : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
  tt.cb_wait_front %cb16, 1 : !tt.cb<4, bf16>
  tt.noc_async_write_barrier
  tt.cb_pop_front %cb16, 1 : !tt.cb<4, bf16>
  func.return
}
// CHECK: insert_cb_protocol.mlir:[[# @LINE - 5]]:3: error: 'tt.cb_wait_front' op CB 16 is packed more than once per block (a buffer updated in place) and copied to a tensor: the writer would take the first values pushed; copy out a buffer computed once

// -----

// Errors. A CB has one producer: a fill from a tensor or compute's packs ...
func.func @two_producers() {
  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  tt.cb_reserve_back %cb0, 1 : !tt.cb<4, bf16>
  tt.cb_push_back %cb0, 1 : !tt.cb<4, bf16>
  tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 0, %cb0[%c0] : !tt.cb<4, bf16>, index
  func.return
}
// CHECK: insert_cb_protocol.mlir:[[# @LINE - 3]]:3: error: 'tt.pack_tile' op CB 0 has two producers: a copy from a tensor and pack_tile

// -----

// ... a CB compute reads must be produced ...
func.func @unproduced() {
  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
  tt.cb_wait_front %cb16, 1 : !tt.cb<4, bf16>
  tt.cb_pop_front %cb16, 1 : !tt.cb<4, bf16>
  func.return
}
// CHECK: insert_cb_protocol.mlir:[[# @LINE - 6]]:3: error: 'tt.copy_tile' op CB 0 is read by 'tt.copy_tile' but nothing produces it: no copy from a tensor fills it and no pack_tile writes it

// -----

// ... a filled CB must be read ...
func.func @unread() {
  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
  tt.cb_reserve_back %cb0, 1 : !tt.cb<4, bf16>
  tt.noc_async_read_barrier
  tt.cb_push_back %cb0, 1 : !tt.cb<4, bf16>
  func.return
}
// CHECK: insert_cb_protocol.mlir:[[# @LINE - 3]]:3: error: 'tt.cb_push_back' op CB 0 is filled from a tensor but nothing reads it

// -----

// ... a packed CB must be read or drained ...
func.func @unconsumed() {
  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
  func.return
}
// CHECK: insert_cb_protocol.mlir:[[# @LINE - 3]]:3: error: 'tt.pack_tile' op CB 16 is packed but nothing consumes it

// -----

// ... a drained CB must be computed into ...
func.func @undrained() {
  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
  tt.cb_wait_front %cb16, 1 : !tt.cb<4, bf16>
  tt.noc_async_write_barrier
  tt.cb_pop_front %cb16, 1 : !tt.cb<4, bf16>
  func.return
}
// CHECK: insert_cb_protocol.mlir:[[# @LINE - 5]]:3: error: 'tt.cb_wait_front' op CB 16 is copied to a tensor but nothing computes into it

// -----

// ... every read follows a fill in its block (here a read after the loop that
// fills the CB) ...
func.func @read_outside() {
  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %k = %c0 to %c4 step %c1 {
    tt.cb_reserve_back %cb0, 1 : !tt.cb<4, bf16>
    tt.cb_push_back %cb0, 1 : !tt.cb<4, bf16>
    tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<4, bf16>, index
  }
  tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
  tt.cb_wait_front %cb16, 1 : !tt.cb<4, bf16>
  tt.cb_pop_front %cb16, 1 : !tt.cb<4, bf16>
  func.return
}
// CHECK: insert_cb_protocol.mlir:[[# @LINE - 6]]:3: error: 'tt.copy_tile' op this use of CB 0 is not in the same block as (or nested in an op after) the transfer that fills or drains it: a buffer copied from or to a tensor is computed and read where that copy is, not updated in a loop around or after it

// -----

// ... every fill is read before the next fill of its CB ...
func.func @second_fill_unread() {
  %cb0 = tt.get_cb 0 : !tt.cb<4, bf16>
  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  tt.cb_reserve_back %cb0, 1 : !tt.cb<4, bf16>
  tt.cb_push_back %cb0, 1 : !tt.cb<4, bf16>
  tt.copy_tile %cb0, %c0, dst = 0 : !tt.cb<4, bf16>, index
  tt.cb_reserve_back %cb0, 1 : !tt.cb<4, bf16>
  tt.cb_push_back %cb0, 1 : !tt.cb<4, bf16>
  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
  tt.cb_wait_front %cb16, 1 : !tt.cb<4, bf16>
  tt.cb_pop_front %cb16, 1 : !tt.cb<4, bf16>
  func.return
}
// CHECK: insert_cb_protocol.mlir:[[# @LINE - 6]]:3: error: 'tt.cb_push_back' op nothing reads CB 0 after this fill

// -----

// ... every drain is packed since the previous drain of its CB ...
func.func @second_drain_unpacked() {
  %cb16 = tt.get_cb 16 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  tt.pack_tile dst = 0, %cb16[%c0] : !tt.cb<4, bf16>, index
  tt.cb_wait_front %cb16, 1 : !tt.cb<4, bf16>
  tt.cb_pop_front %cb16, 1 : !tt.cb<4, bf16>
  tt.cb_wait_front %cb16, 1 : !tt.cb<4, bf16>
  tt.cb_pop_front %cb16, 1 : !tt.cb<4, bf16>
  func.return
}
// CHECK: insert_cb_protocol.mlir:[[# @LINE - 4]]:3: error: 'tt.cb_wait_front' op nothing packs into CB 16 before it is copied out

// -----

// An intermediate CB packed in a loop and read after it (a gemm's partial sums
// under packer L1 accumulation): one generation around the loop, as many pages as
// the packs name (2), whatever the iterations; wait/pop around the read.
func.func @intermediate_accumulated() {
  %cb24 = tt.get_cb 24 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %k = %c0 to %c4 step %c1 {
    tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<4, bf16>, index
    tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<4, bf16>, index
  }
  tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<4, bf16>, index
  func.return
}
// CHECK:      func.func @intermediate_accumulated() {
// CHECK:        tt.cb_reserve_back %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   scf.for %k = %c0 to %c4 step %c1 {
// CHECK-NEXT:     tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<4, bf16>, index
// CHECK-NEXT:     tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<4, bf16>, index
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.cb_push_back %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.cb_wait_front %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<4, bf16>, index
// CHECK-NEXT:   tt.cb_pop_front %cb24, 2 : !tt.cb<4, bf16>
// CHECK-NEXT:   func.return

// -----

// ... after all of them.
func.func @intermediate_early() {
  %cb24 = tt.get_cb 24 : !tt.cb<4, bf16>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<4, bf16>, index
  tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<4, bf16>, index
  tt.pack_tile dst = 1, %cb24[%c1] : !tt.cb<4, bf16>, index
  func.return
}
// CHECK: insert_cb_protocol.mlir:[[# @LINE - 4]]:3: error: 'tt.copy_tile' op CB 24 is read before compute has packed all of it

// -----

// A CB that nothing fills, packs, reads or drains needs no protocol.
func.func @unused_cb() {
  %cb3 = tt.get_cb 3 : !tt.cb<2, bf16>
  func.return
}
// CHECK:      func.func @unused_cb() {
// CHECK-NEXT:   %cb3 = tt.get_cb 3 : !tt.cb<2, bf16>
// CHECK-NEXT:   func.return

// -----

// A buffer carried by a loop (T.clear before it, `acc += x` in it, a reduction after
// it): a carried generation is waited for where it is produced and popped where it is
// last read. The one packed before the loop is waited for before the loop and popped
// in the body after the first iteration reads it; each iteration pushes the next one
// and waits for it at the end of the body; the op after the loop reads the last one
// and pops it. Every iteration waits for as many pages as it pops.
func.func @carried(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cb24 = tt.get_cb 24 : !tt.cb<2, f32>
  %cb25 = tt.get_cb 25 : !tt.cb<2, f32>
  tt.fill_tile dst = 0, 0.0
  tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<2, f32>, index
  scf.for %k = %c0 to %n step %c1 {
    %d0 = arith.constant 0 : index
    tt.copy_tile %cb24, %d0, dst = 0 : !tt.cb<2, f32>, index
    tt.add_unary_tile dst = 0, 1.0
    tt.pack_tile dst = 0, %cb24[%d0] : !tt.cb<2, f32>, index
  }
  tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<2, f32>, index
  tt.pack_tile dst = 0, %cb25[%c0] : !tt.cb<2, f32>, index
  tt.copy_tile %cb25, %c0, dst = 0 : !tt.cb<2, f32>, index
  func.return
}
// CHECK-LABEL: func.func @carried
// CHECK:        tt.cb_reserve_back %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:   tt.pack_tile dst = 0, %cb24[%c0]
// CHECK-NEXT:   tt.cb_push_back %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:   tt.cb_wait_front %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:   scf.for
// CHECK-NEXT:     %d0 = arith.constant 0 : index
// CHECK-NEXT:     tt.copy_tile %cb24, %d0, dst = 0
// CHECK-NEXT:     tt.cb_pop_front %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:     tt.add_unary_tile dst = 0
// CHECK-NEXT:     tt.cb_reserve_back %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:     tt.pack_tile dst = 0, %cb24[%d0]
// CHECK-NEXT:     tt.cb_push_back %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:     tt.cb_wait_front %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.copy_tile %cb24, %c0, dst = 0
// CHECK-NEXT:   tt.cb_pop_front %cb24, 1 : !tt.cb<2, f32>

// -----

// Attention's running maximum: read at the top of each iteration, refilled and
// updated, read again after its last update in the same iteration, and never read after
// the loop. The body's last generation is waited for before its readers there (once),
// the next iteration pops it after reading it, and a pop after the loop takes the last
// one off.
func.func @carried_read_in_body(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cb24 = tt.get_cb 24 : !tt.cb<2, f32>
  tt.fill_tile dst = 0, 0.0
  tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<2, f32>, index
  scf.for %k = %c0 to %n step %c1 {
    tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<2, f32>, index
    tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<2, f32>, index
    tt.copy_tile %cb24, %c0, dst = 1 : !tt.cb<2, f32>, index
    tt.add_unary_tile dst = 1, 1.0
  }
  func.return
}
// CHECK-LABEL: func.func @carried_read_in_body
// CHECK:        tt.cb_push_back %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:   tt.cb_wait_front %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:   scf.for
// CHECK-NEXT:     tt.copy_tile %cb24, %c0, dst = 0
// CHECK-NEXT:     tt.cb_pop_front %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:     tt.cb_reserve_back %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:     tt.pack_tile dst = 0, %cb24[%c0]
// CHECK-NEXT:     tt.cb_push_back %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:     tt.cb_wait_front %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:     tt.copy_tile %cb24, %c0, dst = 1
// CHECK-NEXT:     tt.add_unary_tile dst = 1
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.cb_pop_front %cb24, 1 : !tt.cb<2, f32>
// CHECK-NEXT:   func.return

// -----

// Updated in a loop and read after it, with no value before the loop: the first
// iteration would read nothing.
func.func @carried_uninitialized(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cb24 = tt.get_cb 24 : !tt.cb<2, f32>
  %cb25 = tt.get_cb 25 : !tt.cb<2, f32>
  tt.fill_tile dst = 0, 0.0
  tt.pack_tile dst = 0, %cb25[%c0] : !tt.cb<2, f32>, index
  tt.copy_tile %cb25, %c0, dst = 0 : !tt.cb<2, f32>, index
  tt.pack_tile dst = 0, %cb25[%c0] : !tt.cb<2, f32>, index
  scf.for %k = %c0 to %n step %c1 {
    tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<2, f32>, index
    tt.pack_tile dst = 0, %cb24[%c0] : !tt.cb<2, f32>, index
  }
  tt.copy_tile %cb24, %c0, dst = 0 : !tt.cb<2, f32>, index
  tt.copy_tile %cb25, %c0, dst = 0 : !tt.cb<2, f32>, index
  func.return
}
// CHECK: insert_cb_protocol.mlir:[[# @LINE - 8]]:3: error: 'scf.for' op CB 24 is read before compute has packed all of it
