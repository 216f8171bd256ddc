// tt-emu: the interface between an emulated kernel and the emulator runtime (libttemu.so).
//
// Every kernel-API header of the emulator (api/dataflow/..., api/compute/..., api/tensor/...)
// is a thin inline layer over the functions declared here. They act on the calling thread's
// kernel: the runtime runs each kernel of each core in a thread of its own and knows, per
// thread, the core, the kernel, its runtime arguments, its CBs and (compute) its DST state.
//
// A kernel is compiled as a shared object of its own (like tt-metal's JIT builds one binary per
// kernel and core type), with its compile-time arguments baked in:
//   g++ -std=c++20 -O2 -fPIC -shared -fvisibility=hidden -I emu/include
//       -DKERNEL_COMPILE_TIME_ARGS=0,1,2,2048 [-DKERNEL_COMPILE_TIME_ARG_MAP=...] kernel.cpp
// The runtime loads it with dlopen and calls `tt_emu_kernel_entry`, which calls `kernel_main`.
#pragma once

#include <cstddef>
#include <cstdint>

#include "emu/data_format.h"

#define TT_EMU_API __attribute__((visibility("default")))

// tt-metal's per-CB interface record (internal/circular_buffer_interface.h defines it).
struct LocalCBInterface;

namespace emu::k {

// ---- arguments and identity
TT_EMU_API std::uint32_t rt_arg(int idx);
TT_EMU_API std::uint32_t common_rt_arg(int idx);
TT_EMU_API std::uintptr_t rt_arg_addr(int idx);
TT_EMU_API std::uintptr_t common_rt_arg_addr(int idx);
TT_EMU_API std::uint32_t core_x();  // logical coordinates of the core the kernel runs on
TT_EMU_API std::uint32_t core_y();

// ---- circular buffers (both sides; the compute kernel's unpack/pack threads use the same calls)
TT_EMU_API void cb_reserve_back(std::int32_t cb, std::int32_t pages);
TT_EMU_API void cb_push_back(std::int32_t cb, std::int32_t pages);
TT_EMU_API void cb_wait_front(std::int32_t cb, std::int32_t pages);
TT_EMU_API void cb_pop_front(std::int32_t cb, std::int32_t pages);
TT_EMU_API bool cb_pages_available_at_front(std::int32_t cb, std::int32_t pages);
TT_EMU_API bool cb_pages_reservable_at_back(std::int32_t cb, std::int32_t pages);
TT_EMU_API std::uint32_t cb_write_ptr(std::uint32_t cb);
TT_EMU_API std::uint32_t cb_read_ptr(std::uint32_t cb);
TT_EMU_API std::uint32_t cb_page_size(std::uint32_t cb);
TT_EMU_API std::uint32_t cb_num_pages(std::uint32_t cb);
TT_EMU_API tt::DataFormat cb_data_format(std::uint32_t cb);
// The calling kernel's view of a CB's interface record (get_local_cb_interface): its fields as
// the firmware keeps them (bytes on the data-movement cores, 16-byte units on the compute
// core). The record is the kernel's own copy, refreshed at this call and at each of the
// kernel's cb_* calls on that CB; a kernel that writes to it is reported (the emulator's CBs
// move only through the cb_* calls).
TT_EMU_API LocalCBInterface* cb_interface(std::uint32_t cb);
// Byte address of tile `tile` of the consumer's secured front (compute: CircularBuffer::
// get_tile_address); a tile past what cb_wait_front secured is a fault.
TT_EMU_API std::uint32_t cb_front_tile_addr(std::uint32_t cb, std::uint32_t tile);

// Names the API call being made, for messages of the calls it makes internally (for example the
// TensorAccessor page lookup inside noc_async_read_page).
TT_EMU_API void note_call(const char* call);

// ---- NOC. An emulated NOC address is (endpoint << 32 | local address): DRAM bank b or a
// worker core's L1. Transfers are carried out when issued; the barriers check the protocol.
TT_EMU_API std::uint64_t accessor_noc_addr(
    std::uint32_t bank_base_address, std::uint32_t page_size, bool is_dram, std::uint32_t page_id,
    std::uint32_t offset);
TT_EMU_API std::uint64_t core_noc_addr(std::uint32_t x, std::uint32_t y, std::uint32_t addr);
TT_EMU_API std::uint64_t dram_bank_noc_addr(std::uint32_t bank, std::uint32_t addr);
TT_EMU_API void noc_read(std::uint64_t src_noc_addr, std::uint32_t dst_l1_addr, std::uint32_t size,
                         std::uint8_t noc);
TT_EMU_API void noc_write(std::uint32_t src_l1_addr, std::uint64_t dst_noc_addr, std::uint32_t size,
                          std::uint8_t noc);
TT_EMU_API void noc_read_barrier(std::uint8_t noc);
// Noc::async_write_zeros into the calling core's L1 (checked like a NOC read's destination) and
// Noc::write_zeros_l1_barrier.
TT_EMU_API void noc_write_zeros(std::uint32_t dst_l1_addr, std::uint32_t size, std::uint8_t noc);
TT_EMU_API void noc_write_zeros_barrier(std::uint8_t noc);
TT_EMU_API void noc_write_barrier(std::uint8_t noc);
TT_EMU_API void noc_writes_flushed(std::uint8_t noc);
TT_EMU_API void noc_atomic_barrier(std::uint8_t noc);
// Multicast: an emulated multicast NOC address carries the rectangle (x_start, y_start, x_end,
// y_end, NOC coordinates as given) in bits 32..63 and the L1 address in bits 0..31.
TT_EMU_API std::uint64_t mcast_noc_addr(std::uint32_t x_start, std::uint32_t y_start, std::uint32_t x_end,
                                        std::uint32_t y_end, std::uint32_t addr);
// Writes [src_l1_addr, + size) to every core of the rectangle (and to the sender itself when
// `loopback`), checking the rectangle against the grid and `num_dests` against it; `call` names
// the API call in messages. `semaphore`: a semaphore set (its landing is timestamped).
TT_EMU_API void noc_mcast(std::uint32_t src_l1_addr, std::uint64_t dst_mcast_addr, std::uint32_t size,
                          std::uint32_t num_dests, bool loopback, bool semaphore, std::uint8_t noc, const char* call);

// ---- semaphores (CreateSemaphore): 32-bit words of L1. Local calls take an L1 address of the
// calling core (checked); remote ones a NOC address.
TT_EMU_API std::uintptr_t semaphore_addr(std::uint32_t id);
TT_EMU_API void sem_set(std::uintptr_t addr, std::uint32_t value, const char* call);
TT_EMU_API void sem_add(std::uintptr_t addr, std::uint32_t value, const char* call);
TT_EMU_API void sem_wait(std::uintptr_t addr, std::uint32_t value, bool at_least, const char* call);
TT_EMU_API void sem_inc(std::uint64_t noc_addr, std::uint32_t incr, std::uint8_t noc, const char* call);
// Increments the word at the multicast address on every core of its rectangle (not the sender).
TT_EMU_API void sem_inc_mcast(std::uint64_t mcast_addr, std::uint32_t incr, std::uint32_t num_dests, std::uint8_t noc);
// Writes the local word at src_l1_addr to the word at dst_noc_addr (noc_semaphore_set_remote).
TT_EMU_API void sem_set_remote(std::uint32_t src_l1_addr, std::uint64_t dst_noc_addr, std::uint8_t noc);

// Is `noc_addr` an address in the calling kernel's own core (Noc::is_local_addr)?
TT_EMU_API bool noc_addr_is_local(std::uint64_t noc_addr);

// ---- compute: configuration, FPU, SFPU, DST and pack. `call` names the API call in messages.
enum class Binary : int { Add = 0, Sub = 1, Mul = 2 };
enum class Sfpu : int {
    Exp, Log, Sqrt, Recip, Relu, Gelu, GeluApprox, Sigmoid, Tanh, Sin, Cos, Tan, Fill, BinopWithScalar, Rsqrt,
    Exp2, BinaryMax, BinaryMin, Count
};
// Configures unpacker, math and packer: SrcA for `srca_cb`'s data format, SrcB for `srcb_cb`'s,
// the packer for `ocb`'s (callers map their operands to the source registers).
TT_EMU_API void hw_startup(const char* call, std::uint32_t srca_cb, std::uint32_t srcb_cb,
                           std::uint32_t ocb);
// Reconfigures the data formats of SrcA, SrcB and the packer for the given CBs; kNoCB leaves one
// as it is.
constexpr std::int32_t kNoCB = -1;
TT_EMU_API void reconfig_formats(const char* call, std::int32_t srca_cb, std::int32_t srcb_cb,
                                 std::int32_t pack_cb);
TT_EMU_API void matmul_init(std::uint32_t in0, std::uint32_t in1, std::uint32_t transpose);
TT_EMU_API void matmul_tiles(std::uint32_t in0, std::uint32_t in1, std::uint32_t t0,
                             std::uint32_t t1, std::uint32_t dst);
// matmul_block: an rt x ct block of DST += (rt x 1 tiles of in0) @ (1 x ct tiles of in1): for
// r < rt, c < ct, DST[dst + r * ct + c] += in0[t0 + r * kt] @ in1[t1 + c] (the LLK's indexing:
// in0's block rows are kt tiles apart, in1's columns adjacent).
TT_EMU_API void matmul_block(std::uint32_t in0, std::uint32_t in1, std::uint32_t t0, std::uint32_t t1,
                             std::uint32_t dst, std::uint32_t ct, std::uint32_t rt, std::uint32_t kt);
TT_EMU_API void binary_init(Binary op, std::uint32_t in0, std::uint32_t in1, bool acc_to_dest);
TT_EMU_API void binary_tiles(Binary op, std::uint32_t in0, std::uint32_t in1, std::uint32_t t0,
                             std::uint32_t t1, std::uint32_t dst);
// transpose: 0 none, 1 the whole tile (transpose_wh), 2 within each 16x16 face only (the
// unpacker's within-face transpose without the face swap: llk_unpack_A_init(0, 1, cb)).
TT_EMU_API void copy_init(std::uint32_t cb, std::uint32_t transpose);
TT_EMU_API void copy_tile(std::uint32_t cb, std::uint32_t tile, std::uint32_t dst);
TT_EMU_API void sfpu_init(Sfpu op);
// binary_max_tile / binary_min_tile: DST[odst] = max / min(DST[d0], DST[d1]) (after sfpu_init).
TT_EMU_API void sfpu_binary_tile(Sfpu op, std::uint32_t d0, std::uint32_t d1, std::uint32_t odst);
// ---- reduce (api/compute/reduce.h): the values of ckernel::PoolType (SUM, AVG, MAX) and
// ckernel::ReduceDim (REDUCE_ROW, REDUCE_COL, REDUCE_SCALAR).
enum class Pool : int { Sum = 0, Avg = 1, Max = 2 };
enum class Dim : int { Row = 0, Col = 1, Scalar = 2 };
// reduce_init: the FPU configured for the reduction and, unless `ocb` is kNoCB (the math-only
// init llk_math_reduce_init), the packer's edge masks for `dim`.
TT_EMU_API void reduce_init(Pool pool, Dim dim, std::uint32_t icb, std::uint32_t icb_scaler, std::int32_t ocb);
// DST[dst] accumulates tile `itile` of icb reduced along `dim`, scaled by tile `itile_scaler` of
// icb_scaler (numerics.h, reduce_tile_acc).
TT_EMU_API void reduce_tile(Pool pool, Dim dim, std::uint32_t icb, std::uint32_t icb_scaler, std::uint32_t itile,
                            std::uint32_t itile_scaler, std::uint32_t dst);
// The packer's reduce edge masks: set for `dim` (llk_pack_reduce_mask_config), or cleared
// (reduce_uninit, llk_pack_reduce_mask_clear) with `clear`.
TT_EMU_API void pack_reduce_mask(Dim dim, bool clear);
// reduce_block_max_row (api/compute/reduce_custom.h, tt-llk's block reduce_max_row): init sets the
// FPU for it and the packer's REDUCE_ROW edge mask for ocb; the call writes to DST[dst] column 0
// the maxima of the rows of tiles first..first+cols-1 of icb (the scaler tile is 1.0 on the
// device's contract), combined by max with what DST[dst] holds in row 0 of faces 0 and 2 unless
// DST[dst] is fresh (the device pools into that row, then transposes it into column 0; a copy
// transposed within faces puts a column there). The rest of DST[dst] becomes 0.
TT_EMU_API void reduce_block_max_row_init(std::int32_t ocb);
TT_EMU_API void reduce_block_max_row(std::uint32_t icb, std::uint32_t icb_scaler, std::uint32_t first,
                                     std::uint32_t cols, std::uint32_t dst);
// The packer's ReLU (llk_pack_relu_config): on, packs max(x, 0).
TT_EMU_API void pack_relu(bool enable);
// ---- broadcast binary ops (api/compute/bcast.h): the values of ckernel::BroadcastType.
enum class Bcast : int { None = 0, Col = 1, Row = 2, Scalar = 3 };
TT_EMU_API void bcast_init(Binary op, Bcast kind, std::uint32_t in0, std::uint32_t in1, const char* call);
// DST[dst] = A op B', B' = tile t1 of in1 broadcast (COL: its column 0 across the columns; ROW:
// its row `row` down the rows; SCALAR: its [0][0]).
TT_EMU_API void bcast_tiles(Binary op, Bcast kind, std::uint32_t in0, std::uint32_t in1, std::uint32_t t0,
                            std::uint32_t t1, std::uint32_t dst, std::uint32_t row, const char* call);
TT_EMU_API void sfpu_tile(Sfpu op, std::uint32_t dst);
// exp_tile with a scale: DST[dst] = exp(DST[dst] * scale), the product rounded to fp32 (as the
// SFPU's multiply), at the cost of an exp (after sfpu_init(Sfpu::Exp)).
TT_EMU_API void exp_scaled_tile(std::uint32_t dst, float scale);
// The SDPA SFPU functors on the "first column" (ttnn's ckernel_sfpu_sdpa.h: half of faces 0 and
// 2, which holds column 0): column 0 of DST[dst] becomes exp(x * scale) (op Exp) or 1 / x (op
// Recip); the device also transforms other datums of faces 0 and 2, which the emulator leaves.
TT_EMU_API void sfpu_first_column(Sfpu op, std::uint32_t dst, float scale);
TT_EMU_API void fill_tile(std::uint32_t dst, float value);  // after sfpu_init(Sfpu::Fill)
// DST[dst] = DST[dst] <op> value (value <op> DST[dst] for Rsub), after
// sfpu_init(Sfpu::BinopWithScalar).
enum class ScalarOp : int { Add, Sub, Mul, Div, Rsub };
TT_EMU_API void scalar_tile(ScalarOp op, std::uint32_t dst, float value);
TT_EMU_API void tile_regs_acquire();
TT_EMU_API void tile_regs_commit();
TT_EMU_API void tile_regs_wait();
TT_EMU_API void tile_regs_release();
TT_EMU_API void pack_tile(std::uint32_t dst, std::uint32_t cb, std::uint32_t out_tile,
                          bool out_of_order);
// Packer L1 accumulation (llk_pack_reconfig_l1_acc): while on, pack_tile adds the DST tile to
// the tile already in the CB page (in fp32, one rounding to the CB's format) instead of
// overwriting it.
TT_EMU_API void pack_l1_acc(bool enable);
// pack_untilize_dest: DST tiles [dst0, dst0 + block_rt * block_ct) (row of tiles by row) written
// row-major into the reserved region of `cb`, seen as block_rt tile rows of 32 rows of
// full_ct * 32 elements, at column block_c * block_ct * 32.
TT_EMU_API void pack_untilize(std::uint32_t dst0, std::uint32_t cb, std::uint32_t block_ct,
                              std::uint32_t full_ct, std::uint32_t block_rt, std::uint32_t block_c);

// ---- faults raised by the headers themselves (an unsupported call, an assert)
[[noreturn]] TT_EMU_API void fail(const char* message);

}  // namespace emu::k

// Every kernel source defines `void kernel_main()`; each kernel shared object exports one entry
// point that calls it. (Tests that link kernels as plain functions define
// TT_EMU_NO_KERNEL_ENTRY.)
void kernel_main();
#ifndef TT_EMU_NO_KERNEL_ENTRY
extern "C" TT_EMU_API void tt_emu_kernel_entry() { kernel_main(); }
#endif

#ifndef FORCE_INLINE
#define FORCE_INLINE inline __attribute__((always_inline))
#endif
#ifndef tt_l1_ptr
#define tt_l1_ptr
#endif
#ifndef tt_reg_ptr
#define tt_reg_ptr
#endif
