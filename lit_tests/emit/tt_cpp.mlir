// RUN: tt-opt %s -p 'tt-pipeline{grid=1x2}' -t tt-cpp | filecheck %s
// RUN: tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-pipeline{grid=8x8}' -t tt-cpp | filecheck %s --check-prefix=GEMM
// RUN: tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-pipeline{grid=1x8}' -t tt-cpp | filecheck %s --check-prefix=GEMM-1D
// RUN: tt-opt %S/../../examples/gemm/gemm.mlir -p 'tt-pipeline{arch=blackhole grid=8x8}' -t tt-cpp | filecheck %s --check-prefix=GEMM-BH

// z = exp(x) on two 32x64 blocks, one per core: the three kernels as C++ in the
// v0.74.0 kernel API (no deprecated call), then the host program, its
// CMakeLists.txt and the plan, each after a `// FILE:` line.
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

// CHECK-LABEL: // FILE: reader.cpp
// CHECK-NEXT:  // reader kernel of a tt-dialect program (tt-metal v0.74.0 kernel API).
// CHECK-NEXT:  #include <cstdint>
// CHECK-NEXT:  #include "api/dataflow/dataflow_api.h"
// CHECK-EMPTY:
// CHECK-NEXT:  void kernel_main() {
// CHECK-NEXT:  constexpr uint32_t cb0 = get_compile_time_arg_val(0);
// CHECK-NEXT:  const uint32_t tensor0_addr = get_arg_val<uint32_t>(0);
// CHECK-NEXT:  constexpr auto tensor0_args = TensorAccessorArgs<1>();
// CHECK-NEXT:  const auto tensor0 = TensorAccessor(tensor0_args, tensor0_addr, 2048);
// CHECK-NEXT:  const uint32_t start_arg = get_arg_val<uint32_t>(1);
// CHECK-NEXT:  const uint32_t count_arg = get_arg_val<uint32_t>(2);
// CHECK-NEXT:  const uint32_t end_unit = start_arg + count_arg;
// CHECK-NEXT:  for (uint32_t unit = start_arg; unit < end_unit; unit += 1) {
// CHECK-NEXT:  const uint32_t by = unit / 1;
// CHECK-NEXT:  const uint32_t bx = unit % 1;
// CHECK-NEXT:  const uint32_t row = by * 32;
// CHECK-NEXT:  const uint32_t col = bx * 64;
// CHECK-NEXT:  cb_reserve_back(cb0, 2);
// CHECK-NEXT:  const uint32_t l1_write = get_write_ptr(cb0);
// CHECK-NEXT:  const uint32_t first_tile_row = row / 32;
// CHECK-NEXT:  const uint32_t first_tile_col = col / 32;
// CHECK-NEXT:  for (uint32_t tile = 0; tile < 2; tile += 1) {
// CHECK-NEXT:  const uint32_t tile_row = tile / 2;
// CHECK-NEXT:  const uint32_t tile_col = tile % 2;
// CHECK-NEXT:  const uint32_t tensor_row = first_tile_row + tile_row;
// CHECK-NEXT:  const uint32_t tensor_col = first_tile_col + tile_col;
// CHECK-NEXT:  const uint32_t row_start = tensor_row * 2;
// CHECK-NEXT:  const uint32_t tile_id = row_start + tensor_col;
// CHECK-NEXT:  const uint32_t page_offset = tile * 2048;
// CHECK-NEXT:  const uint32_t l1_addr = l1_write + page_offset;
// CHECK-NEXT:  noc_async_read_page(tile_id, tensor0, l1_addr);
// CHECK-NEXT:  }
// CHECK-NEXT:  noc_async_read_barrier();
// CHECK-NEXT:  cb_push_back(cb0, 2);
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-LABEL: // FILE: compute.cpp
// CHECK-NEXT:  // compute kernel of a tt-dialect program (tt-metal v0.74.0 kernel API).
// CHECK-NEXT:  #include <cstdint>
// CHECK-NEXT:  #include "api/compute/cb_api.h"
// CHECK-NEXT:  #include "api/compute/common.h"
// CHECK-NEXT:  #include "api/compute/compute_kernel_hw_startup.h"
// CHECK-NEXT:  #include "api/compute/eltwise_unary/exp.h"
// CHECK-NEXT:  #include "api/compute/pack.h"
// CHECK-NEXT:  #include "api/compute/reg_api.h"
// CHECK-NEXT:  #include "api/compute/tile_move_copy.h"
// CHECK-EMPTY:
// CHECK-NEXT:  void kernel_main() {
// CHECK-NEXT:  constexpr uint32_t cb0 = get_compile_time_arg_val(0);
// CHECK-NEXT:  constexpr uint32_t cb16 = get_compile_time_arg_val(1);
// CHECK-NEXT:  compute_kernel_hw_startup(cb0, cb0, cb16);
// CHECK-NEXT:  const uint32_t start_arg = get_arg_val<uint32_t>(0);
// CHECK-NEXT:  const uint32_t count_arg = get_arg_val<uint32_t>(1);
// CHECK-NEXT:  const uint32_t end_unit = start_arg + count_arg;
// CHECK-NEXT:  copy_tile_init(cb0);
// CHECK-NEXT:  exp_tile_init();
// CHECK-NEXT:  for (uint32_t unit = start_arg; unit < end_unit; unit += 1) {
// CHECK-NEXT:  cb_wait_front(cb0, 2);
// CHECK-NEXT:  tile_regs_acquire();
// CHECK-NEXT:  copy_tile(cb0, 0, 0);
// CHECK-NEXT:  copy_tile(cb0, 1, 1);
// CHECK-NEXT:  cb_pop_front(cb0, 2);
// CHECK-NEXT:  exp_tile(0);
// CHECK-NEXT:  exp_tile(1);
// CHECK-NEXT:  tile_regs_commit();
// CHECK-NEXT:  cb_reserve_back(cb16, 2);
// CHECK-NEXT:  tile_regs_wait();
// CHECK-NEXT:  pack_tile<true>(0, cb16, 0);
// CHECK-NEXT:  pack_tile<true>(1, cb16, 1);
// CHECK-NEXT:  tile_regs_release();
// CHECK-NEXT:  cb_push_back(cb16, 2);
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-LABEL: // FILE: writer.cpp
// CHECK-NEXT:  // writer kernel of a tt-dialect program (tt-metal v0.74.0 kernel API).
// CHECK-NEXT:  #include <cstdint>
// CHECK-NEXT:  #include "api/dataflow/dataflow_api.h"
// CHECK-EMPTY:
// CHECK-NEXT:  void kernel_main() {
// CHECK-NEXT:  constexpr uint32_t cb16 = get_compile_time_arg_val(0);
// CHECK-NEXT:  const uint32_t tensor1_addr = get_arg_val<uint32_t>(0);
// CHECK-NEXT:  constexpr auto tensor1_args = TensorAccessorArgs<1>();
// CHECK-NEXT:  const auto tensor1 = TensorAccessor(tensor1_args, tensor1_addr, 2048);
// CHECK-NEXT:  const uint32_t start_arg = get_arg_val<uint32_t>(1);
// CHECK-NEXT:  const uint32_t count_arg = get_arg_val<uint32_t>(2);
// CHECK-NEXT:  const uint32_t end_unit = start_arg + count_arg;
// CHECK-NEXT:  for (uint32_t unit = start_arg; unit < end_unit; unit += 1) {
// CHECK-NEXT:  const uint32_t by = unit / 1;
// CHECK-NEXT:  const uint32_t bx = unit % 1;
// CHECK-NEXT:  const uint32_t row = by * 32;
// CHECK-NEXT:  const uint32_t col = bx * 64;
// CHECK-NEXT:  cb_wait_front(cb16, 2);
// CHECK-NEXT:  const uint32_t l1_read = get_read_ptr(cb16);
// CHECK-NEXT:  const uint32_t first_tile_row = row / 32;
// CHECK-NEXT:  const uint32_t first_tile_col = col / 32;
// CHECK-NEXT:  for (uint32_t tile = 0; tile < 2; tile += 1) {
// CHECK-NEXT:  const uint32_t tile_row = tile / 2;
// CHECK-NEXT:  const uint32_t tile_col = tile % 2;
// CHECK-NEXT:  const uint32_t tensor_row = first_tile_row + tile_row;
// CHECK-NEXT:  const uint32_t tensor_col = first_tile_col + tile_col;
// CHECK-NEXT:  const uint32_t row_start = tensor_row * 2;
// CHECK-NEXT:  const uint32_t tile_id = row_start + tensor_col;
// CHECK-NEXT:  const uint32_t page_offset = tile * 2048;
// CHECK-NEXT:  const uint32_t l1_addr = l1_read + page_offset;
// CHECK-NEXT:  noc_async_write_page(tile_id, tensor1, l1_addr);
// CHECK-NEXT:  }
// CHECK-NEXT:  noc_async_write_barrier();
// CHECK-NEXT:  cb_pop_front(cb16, 2);
// CHECK-NEXT:  }
// CHECK-NEXT:  }
// CHECK-LABEL: // FILE: main.cpp
// CHECK:       {0, 0, 0, 1},
// CHECK:       tt::tt_metal::CreateCircularBuffer(
// CHECK:       tt::tt_metal::CreateCircularBuffer(
// CHECK:       const KernelHandle reader_kernel = tt::tt_metal::CreateKernel(
// CHECK:       const KernelHandle compute_kernel = tt::tt_metal::CreateKernel(
// CHECK:       const KernelHandle writer_kernel = tt::tt_metal::CreateKernel(
// CHECK:       tt::tt_metal::SetRuntimeArgs(
// CHECK:       tt::tt_metal::SetRuntimeArgs(
// CHECK:       tt::tt_metal::SetRuntimeArgs(
// CHECK-LABEL: // FILE: CMakeLists.txt
// CHECK-LABEL: // FILE: tt.plan.json
// CHECK:       "schema_version": 3,
// CHECK:       "arch": "wormhole_b0",
// CHECK-NEXT:  "metal_version": "0.74.0",

// The gemm example with its partial sums in L1 (#tt.gemm_schedule<block = [4, 4],
// k_block = 4, subblock = [2, 2], accumulate = l1>): the reader fetches A's and B's
// 16-tile blocks of a K step with one barrier; compute turns packer L1 accumulation
// on after the first K step, runs one matmul_block per K tile for each 2x2
// subblock and packs it to the same pages of CB 24 every step; after the K loop it
// copies the partial sums through DST into C's bf16 CB.
// The loads are multicast (tt-schedule-multicast): A along core rows by the reader
// kernel, B down core columns by the writer kernel (`mover = writer`), so the two
// lines run on two processors and NOCs. The first core of a line reads the block
// and sends it; the others mark it not arrived and count themselves in on the
// sender's semaphore. The sender multicasts the block once every receiver has room,
// then the "arrived" flag (no flush on Wormhole: the flag follows the block on the
// same NOC); the receivers wait for the flag.
// GEMM-LABEL: // FILE: reader.cpp
// GEMM:       constexpr uint32_t cb0 = get_compile_time_arg_val(0);
// GEMM-NEXT:  const uint32_t row_mcast_sender = get_arg_val<uint32_t>(3);
// GEMM:       const uint32_t row_mcast_end_y = get_arg_val<uint32_t>(9);
// GEMM-NEXT:  const uint32_t sender_semaphore0 = get_semaphore(0);
// GEMM-NEXT:  const uint32_t receiver_semaphore1 = get_semaphore(1);
// GEMM-NEXT:  const uint32_t tensor0_addr = get_arg_val<uint32_t>(0);
// GEMM:       for (uint32_t k = 0; k < 24; k += 4) {
// GEMM:       cb_reserve_back(cb0, 16);
// GEMM-NEXT:  const uint32_t l1_write = get_write_ptr(cb0);
// GEMM-NEXT:  const bool row_sender = row_mcast_sender != 0;
// GEMM-NEXT:  const bool row_receiver = row_mcast_sender == 0;
// GEMM-NEXT:  if (row_sender) {
// GEMM:       noc_async_read_page(tile_id, tensor0, l1_addr);
// GEMM:       } else {
// GEMM-NEXT:  const auto receiver_semaphore1_ptr = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(receiver_semaphore1);
// GEMM-NEXT:  noc_semaphore_set(receiver_semaphore1_ptr, 0);
// GEMM-NEXT:  const uint64_t sender_semaphore_noc = get_noc_addr(row_mcast_sender_x, row_mcast_sender_y, sender_semaphore0);
// GEMM-NEXT:  noc_semaphore_inc(sender_semaphore_noc, 1);
// GEMM-NEXT:  }
// GEMM-NEXT:  noc_async_read_barrier();
// GEMM-NEXT:  if (row_sender) {
// GEMM-NEXT:  const auto sender_semaphore0_ptr = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(sender_semaphore0);
// GEMM-NEXT:  noc_semaphore_wait(sender_semaphore0_ptr, 7);
// GEMM-NEXT:  const auto sender_semaphore0_ptr_1 = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(sender_semaphore0);
// GEMM-NEXT:  noc_semaphore_set(sender_semaphore0_ptr_1, 0);
// GEMM-NEXT:  const uint64_t multicast_block = get_noc_multicast_addr(row_mcast_start_x, row_mcast_start_y, row_mcast_end_x, row_mcast_end_y, l1_write);
// GEMM-NEXT:  noc_async_write_multicast(l1_write, multicast_block, 32768, 7);
// GEMM-NEXT:  }
// GEMM-NEXT:  if (row_sender) {
// GEMM-NEXT:  const auto receiver_semaphore1_ptr_1 = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(receiver_semaphore1);
// GEMM-NEXT:  noc_semaphore_set(receiver_semaphore1_ptr_1, 1);
// GEMM-NEXT:  const uint64_t multicast_flag = get_noc_multicast_addr(row_mcast_start_x, row_mcast_start_y, row_mcast_end_x, row_mcast_end_y, receiver_semaphore1);
// GEMM-NEXT:  noc_semaphore_set_multicast(receiver_semaphore1, multicast_flag, 7);
// GEMM-NEXT:  }
// GEMM-NEXT:  if (row_receiver) {
// GEMM-NEXT:  const auto receiver_semaphore1_ptr_2 = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(receiver_semaphore1);
// GEMM-NEXT:  noc_semaphore_wait(receiver_semaphore1_ptr_2, 1);
// GEMM-NEXT:  }
// GEMM-NEXT:  cb_push_back(cb0, 16);
// GEMM-NEXT:  }
// GEMM-NEXT:  constexpr uint32_t cb2 = get_compile_time_arg_val(1);
// GEMM-NEXT:  const uint32_t kk_1 = 24 * 32;
// GEMM-NEXT:  cb_reserve_back(cb2, 32);
// GEMM:       noc_async_write_multicast(l1_write_1, multicast_block_1, 65536, 7);
// GEMM:       cb_push_back(cb2, 32);
// GEMM-NEXT:  }
// GEMM-NEXT:  }

// One core row (grid 1x8): each core's column of 8 blocks becomes one 1024x128 block
// (tt-schedule-multicast coarsens it; L1 then allows K blocks of 2 tiles), A is
// multicast along the row (1D), B has no one to share with and every core reads its
// own; the run ends with B's barrier, then A's flag.
// GEMM-1D-LABEL: // FILE: reader.cpp
// GEMM-1D:       const uint32_t row_mcast_end_y = get_arg_val<uint32_t>(10);
// GEMM-1D-NEXT:  const uint32_t sender_semaphore0 = get_semaphore(0);
// GEMM-1D-NEXT:  const uint32_t receiver_semaphore1 = get_semaphore(1);
// GEMM-1D-NEXT:  const uint32_t tensor0_addr = get_arg_val<uint32_t>(0);
// GEMM-1D-NOT:   column
// GEMM-1D:       if (row_sender) {
// GEMM-1D:       noc_async_read_page(tile_id, tensor0, l1_addr);
// GEMM-1D:       noc_semaphore_inc(sender_semaphore_noc, 1);
// GEMM-1D-NEXT:  }
// GEMM-1D-NEXT:  noc_async_read_barrier();
// GEMM-1D-NEXT:  if (row_sender) {
// GEMM-1D:       noc_async_write_multicast(l1_write, multicast_block, 131072, 7);
// GEMM-1D-NEXT:  }
// GEMM-1D-NEXT:  const uint32_t first_tile_row_1 = kk / 32;
// GEMM-1D:       noc_async_read_page(tile_id_1, tensor1, l1_addr_1);
// GEMM-1D-NEXT:  }
// GEMM-1D-NEXT:  noc_async_read_barrier();
// GEMM-1D-NEXT:  if (row_sender) {
// GEMM-1D:       noc_semaphore_set_multicast(receiver_semaphore1, multicast_flag, 7);
// GEMM-1D-NEXT:  }
// GEMM-1D-NEXT:  if (row_receiver) {
// GEMM-1D:       noc_semaphore_wait(receiver_semaphore1_ptr_2, 1);
// GEMM-1D-NEXT:  }
// GEMM-1D-NEXT:  cb_push_back(cb0, 64);
// GEMM-1D-NEXT:  cb_push_back(cb1, 8);
// GEMM-1D-LABEL: // FILE: compute.cpp

// On Blackhole each sender flushes its block out of L1 before it multicasts the flag
// (the reader for A, the writer for B).
// GEMM-BH-LABEL: // FILE: reader.cpp
// GEMM-BH:       noc_async_write_multicast(l1_write, multicast_block, 32768, 7);
// GEMM-BH-NEXT:  }
// GEMM-BH-NEXT:  noc_async_writes_flushed();
// GEMM-BH-NEXT:  if (row_sender) {
// GEMM-BH-LABEL: // FILE: writer.cpp
// GEMM-BH:       noc_async_write_multicast(l1_write, multicast_block, 32768, 7);
// GEMM-BH-NEXT:  }
// GEMM-BH-NEXT:  noc_async_writes_flushed();
// GEMM-BH-NEXT:  if (column_sender) {
// GEMM-LABEL: // FILE: compute.cpp
// GEMM:       compute_kernel_hw_startup<SrcOrder::Reverse>(cb0, cb1, cb24);
// GEMM:       for (uint32_t unit = start_arg; unit < end_unit; unit += 1) {
// GEMM-NEXT:  cb_reserve_back(cb24, 16);
// GEMM-NEXT:  reconfig_data_format(cb1, cb0);
// GEMM-NEXT:  matmul_block_init(cb0, cb1, 0, 4, 1, 4);
// GEMM-NEXT:  pack_reconfig_data_format(cb24);
// GEMM-NEXT:  for (uint32_t k = 0; k < 24; k += 4) {
// GEMM-NEXT:  cb_wait_front(cb0, 16);
// GEMM-NEXT:  cb_wait_front(cb1, 16);
// GEMM-NEXT:  const bool accumulate = k != 0;
// GEMM-NEXT:  pack_reconfig_l1_acc(accumulate);
// GEMM-NEXT:  tile_regs_acquire();
// GEMM-NEXT:  matmul_block(cb0, cb1, 0, 0, 0, 0, 4, 1, 4);
// GEMM-NEXT:  matmul_block(cb0, cb1, 1, 4, 0, 0, 4, 1, 4);
// GEMM-NEXT:  matmul_block(cb0, cb1, 2, 8, 0, 0, 4, 1, 4);
// GEMM-NEXT:  matmul_block(cb0, cb1, 3, 12, 0, 0, 4, 1, 4);
// GEMM-NEXT:  tile_regs_commit();
// GEMM-NEXT:  tile_regs_wait();
// GEMM-NEXT:  pack_tile<true>(0, cb24, 0);
// GEMM-NEXT:  pack_tile<true>(1, cb24, 1);
// GEMM-NEXT:  pack_tile<true>(2, cb24, 2);
// GEMM-NEXT:  pack_tile<true>(3, cb24, 3);
// GEMM-NEXT:  tile_regs_release();
// GEMM:       cb_pop_front(cb0, 16);
// GEMM-NEXT:  cb_pop_front(cb1, 16);
// GEMM:       pack_tile<true>(3, cb24, 15);
// GEMM-NEXT:  tile_regs_release();
// GEMM-NEXT:  }
// The last two K steps (peeled; their A and B blocks, 8 tiles wide, come through CBs 2
// and 3) reload each 1x4 subblock's partial sums into DST, add their products and pack
// the result into C's CB, one band (tile row) at a time.
// GEMM-NEXT:  cb_push_back(cb24, 16);
// GEMM-NEXT:  pack_reconfig_l1_acc(false);
// GEMM:       cb_wait_front(cb2, 32);
// GEMM-NEXT:  cb_wait_front(cb3, 32);
// GEMM-NEXT:  cb_reserve_back(cb16, 4);
// GEMM-NEXT:  reconfig_data_format(cb24, cb24);
// GEMM-NEXT:  copy_tile_init(cb24);
// GEMM-NEXT:  cb_wait_front(cb24, 16);
// GEMM-NEXT:  tile_regs_acquire();
// GEMM-NEXT:  copy_tile(cb24, 0, 0);
// GEMM-NEXT:  copy_tile(cb24, 1, 1);
// GEMM-NEXT:  copy_tile(cb24, 2, 2);
// GEMM-NEXT:  copy_tile(cb24, 3, 3);
// GEMM-NEXT:  reconfig_data_format(cb3, cb2);
// GEMM-NEXT:  matmul_block_init(cb2, cb3, 0, 4, 1, 8);
// GEMM-NEXT:  matmul_block(cb2, cb3, 0, 0, 0, 0, 4, 1, 8);
// GEMM:       matmul_block(cb2, cb3, 7, 28, 0, 0, 4, 1, 8);
// GEMM:       tile_regs_commit();
// GEMM-NEXT:  pack_reconfig_data_format(cb16);
// GEMM-NEXT:  tile_regs_wait();
// GEMM-NEXT:  pack_tile<true>(0, cb16, 0);
// GEMM-NEXT:  pack_tile<true>(1, cb16, 1);
// GEMM-NEXT:  pack_tile<true>(2, cb16, 2);
// GEMM-NEXT:  pack_tile<true>(3, cb16, 3);
// GEMM-NEXT:  tile_regs_release();
// GEMM-NEXT:  cb_push_back(cb16, 4);
// GEMM-NEXT:  cb_reserve_back(cb16, 4);
// GEMM-NEXT:  reconfig_data_format(cb24, cb24);
// GEMM-NEXT:  copy_tile_init(cb24);
// GEMM-NEXT:  tile_regs_acquire();
// GEMM-NEXT:  copy_tile(cb24, 4, 0);
// GEMM:       copy_tile(cb24, 12, 0);
// GEMM:       cb_pop_front(cb24, 16);
// GEMM:       pack_tile<true>(3, cb16, 3);
// GEMM-NEXT:  tile_regs_release();
// GEMM-NEXT:  cb_push_back(cb16, 4);
// GEMM-NEXT:  }
// The writer kernel moves B's blocks down the core columns, then stores C.
// GEMM-LABEL: // FILE: writer.cpp
// GEMM:       constexpr uint32_t cb1 = get_compile_time_arg_val(0);
// GEMM-NEXT:  const uint32_t column_mcast_sender = get_arg_val<uint32_t>(4);
// GEMM:       const uint32_t sender_semaphore2 = get_semaphore(2);
// GEMM-NEXT:  const uint32_t receiver_semaphore3 = get_semaphore(3);
// GEMM-NEXT:  const uint32_t tensor1_addr = get_arg_val<uint32_t>(0);
// GEMM:       for (uint32_t k = 0; k < 24; k += 4) {
// GEMM:       cb_reserve_back(cb1, 16);
// GEMM:       if (column_sender) {
// GEMM:       noc_async_read_page(tile_id, tensor1, l1_addr);
// GEMM:       noc_semaphore_inc(sender_semaphore_noc, 1);
// GEMM-NEXT:  }
// GEMM-NEXT:  noc_async_read_barrier();
// GEMM-NEXT:  if (column_sender) {
// GEMM:       noc_async_write_multicast(l1_write, multicast_block, 32768, 7);
// GEMM-NEXT:  }
// GEMM-NEXT:  if (column_sender) {
// GEMM:       noc_semaphore_set_multicast(receiver_semaphore3, multicast_flag, 7);
// GEMM-NEXT:  }
// GEMM-NEXT:  if (column_receiver) {
// GEMM:       noc_semaphore_wait(receiver_semaphore3_ptr_2, 1);
// GEMM-NEXT:  }
// GEMM-NEXT:  cb_push_back(cb1, 16);
// GEMM-NEXT:  }
// GEMM-NEXT:  constexpr uint32_t cb16 = get_compile_time_arg_val(2);
// GEMM-NEXT:  constexpr uint32_t cb3 = get_compile_time_arg_val(1);
// GEMM-NEXT:  const uint32_t kk_1 = 24 * 32;
// GEMM-NEXT:  cb_reserve_back(cb3, 32);
// GEMM:       noc_async_write_multicast(l1_write_1, multicast_block_1, 65536, 7);
// GEMM:       cb_push_back(cb3, 32);
// GEMM-NEXT:  for (uint32_t band_row = 0; band_row < 4; band_row += 1) {
// GEMM-NEXT:  cb_wait_front(cb16, 4);
// GEMM-NEXT:  const uint32_t l1_read = get_read_ptr(cb16);
// GEMM-NEXT:  const uint32_t first_tile_row_2 = row / 32;
// GEMM-NEXT:  const uint32_t first_band_row = first_tile_row_2 + band_row;
// GEMM:       for (uint32_t tile_2 = 0; tile_2 < 4; tile_2 += 1) {
// GEMM:       const uint32_t tensor_row_2 = first_band_row + tile_row_2;
// GEMM:       noc_async_write_page(tile_id_2, tensor2, l1_addr_2);
// GEMM-NEXT:  }
// GEMM-NEXT:  noc_async_write_barrier();
// GEMM-NEXT:  cb_pop_front(cb16, 4);
// GEMM-NEXT:  }
// GEMM-NEXT:  }
// GEMM-NEXT:  }
// The host creates the semaphores and computes each core's multicast values from
// the partition's rectangle, for the NOC of the kernel reading them (reader 1, writer 0).
// GEMM-LABEL: // FILE: main.cpp
// GEMM:       constexpr uint32_t kRectX0 = 0;
// GEMM-NEXT:  constexpr uint32_t kRectY0 = 0;
// GEMM-NEXT:  constexpr uint32_t kRectX1 = 7;
// GEMM-NEXT:  constexpr uint32_t kRectY1 = 7;
// GEMM:       const uint32_t semaphore0 = tt::tt_metal::CreateSemaphore(program, semaphore0_cores, 0);
// GEMM:       const uint32_t semaphore3 = tt::tt_metal::CreateSemaphore(program, semaphore3_cores, 0);
// GEMM:       program, reader_kernel, core, {tensor0_address, work.start, work.count, multicast_value(*mesh_device, Mcast::sender, Axis::row, work, 1), multicast_value(*mesh_device, Mcast::sender_x, Axis::row, work, 1),
// GEMM:       program, writer_kernel, core, {tensor1_address, tensor2_address, work.start, work.count, multicast_value(*mesh_device, Mcast::sender, Axis::column, work, 0), multicast_value(*mesh_device, Mcast::sender_x, Axis::column, work, 0),
