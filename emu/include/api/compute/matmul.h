// tt-emu: tile matrix multiplication (tt-metal v0.74.0 api/compute/matmul.h).
// matmul_tiles(in0, in1, i0, i1, dst): DST[dst] += A @ B, A = tile i0 of in0, B = tile i1 of in1
// (B transposed when matmul_init had transpose != 0), products and sums in fp32; with 16-bit DST
// (fp32_dest_acc_en = false) the accumulated tile is rounded to the DST format after each call.
// matmul_block(in0, in1, i0, i1, dst, transpose, ct, rt, kt): an rt x ct block of those in one
// call, DST[dst + r * ct + c] += in0[i0 + r * kt] @ in1[i1 + c] (r < rt, c < ct): the A block is
// rt rows of kt tiles, the B block rows of ct tiles; one K tile per call (the kernel loops over K).
// B is transposed when the init had transpose != 0 (the unpacker is configured at init; the
// call's own `transpose` only matters on Blackhole's throttled re-init).
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void matmul_init(uint32_t in0_cb_id, uint32_t in1_cb_id, const uint32_t transpose = 0,
                      uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::matmul_init(in0_cb_id, in1_cb_id, transpose);
}

ALWI void matmul_tiles(uint32_t in0_cb_id, uint32_t in1_cb_id, uint32_t in0_tile_index, uint32_t in1_tile_index,
                       uint32_t idst) {
    emu::k::matmul_tiles(in0_cb_id, in1_cb_id, in0_tile_index, in1_tile_index, idst);
}

[[deprecated(
    "Use compute_kernel_hw_startup<SrcOrder::Reverse>(in0, in1, out) once at kernel start, then matmul_init(in0, in1, "
    "transpose).")]] ALWI void
mm_init(uint32_t in0_cb_id, uint32_t in1_cb_id, uint32_t out_cb_id, const uint32_t transpose = 0,
        uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::hw_startup("mm_init", in1_cb_id, in0_cb_id, out_cb_id);  // matmul: in0 -> SrcB, in1 -> SrcA
    emu::k::matmul_init(in0_cb_id, in1_cb_id, transpose);
}

[[deprecated("Renamed to matmul_init().")]] ALWI void mm_init_short(uint32_t in0_cb_id, uint32_t in1_cb_id,
                                                                      const uint32_t transpose = 0,
                                                                      uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::matmul_init(in0_cb_id, in1_cb_id, transpose);
}

ALWI void matmul_block_init(uint32_t in0_cb_id, uint32_t in1_cb_id, const uint32_t transpose = 0, uint32_t ct_dim = 1,
                            uint32_t rt_dim = 1, uint32_t kt_dim = 1, uint32_t call_line = __builtin_LINE()) {
    (void)ct_dim;
    (void)rt_dim;
    (void)kt_dim;
    (void)call_line;
    emu::k::matmul_init(in0_cb_id, in1_cb_id, transpose);
}

ALWI void matmul_block(uint32_t in0_cb_id, uint32_t in1_cb_id, uint32_t in0_tile_index, uint32_t in1_tile_index,
                       uint32_t idst, const uint32_t transpose, uint32_t ct_dim, uint32_t rt_dim, uint32_t kt_dim,
                       uint32_t call_line = __builtin_LINE()) {
    (void)transpose;
    (void)call_line;
    emu::k::matmul_block(in0_cb_id, in1_cb_id, in0_tile_index, in1_tile_index, idst, ct_dim, rt_dim, kt_dim);
}

[[deprecated(
    "Use compute_kernel_hw_startup<SrcOrder::Reverse>(in0, in1, out) once at kernel start, then matmul_block_init(in0, "
    "in1, transpose, ct_dim, rt_dim, kt_dim).")]] ALWI void
mm_block_init(uint32_t in0_cb_id, uint32_t in1_cb_id, uint32_t out_cb_id, const uint32_t transpose = 0,
              uint32_t ct_dim = 1, uint32_t rt_dim = 1, uint32_t kt_dim = 1, uint32_t call_line = __builtin_LINE()) {
    emu::k::hw_startup("mm_block_init", in1_cb_id, in0_cb_id, out_cb_id);  // matmul: in0 -> SrcB, in1 -> SrcA
    matmul_block_init(in0_cb_id, in1_cb_id, transpose, ct_dim, rt_dim, kt_dim, call_line);
}

[[deprecated("Renamed to matmul_block_init().")]] ALWI void mm_block_init_short(
    uint32_t in0_cb_id, uint32_t in1_cb_id, const uint32_t transpose = 0, uint32_t ct_dim = 1, uint32_t rt_dim = 1,
    uint32_t kt_dim = 1, uint32_t call_line = __builtin_LINE()) {
    matmul_block_init(in0_cb_id, in1_cb_id, transpose, ct_dim, rt_dim, kt_dim, call_line);
}

[[deprecated("Call reconfig_data_format_srca(old_in1, in1) then matmul_block_init(...).")]] ALWI void
mm_block_init_short_with_dt(uint32_t in0_cb_id, uint32_t in1_cb_id, uint32_t old_in1_cb_id, const uint32_t transpose = 0,
                            uint32_t ct_dim = 1, uint32_t rt_dim = 1, uint32_t kt_dim = 1,
                            uint32_t call_line = __builtin_LINE()) {
    reconfig_data_format_srca(old_in1_cb_id, in1_cb_id);
    matmul_block_init(in0_cb_id, in1_cb_id, transpose, ct_dim, rt_dim, kt_dim, call_line);
}

[[deprecated("Call reconfig_data_format(old_in1, in1, old_in0, in0) then matmul_block_init(...).")]] ALWI void
mm_block_init_short_with_both_dt(uint32_t in0_cb_id, uint32_t in1_cb_id, uint32_t old_in0_cb_id, uint32_t old_in1_cb_id,
                                 const uint32_t transpose = 0, uint32_t ct_dim = 1, uint32_t rt_dim = 1,
                                 uint32_t kt_dim = 1) {
    reconfig_data_format(old_in1_cb_id, in1_cb_id, old_in0_cb_id, in0_cb_id);
    matmul_block_init(in0_cb_id, in1_cb_id, transpose, ct_dim, rt_dim, kt_dim);
}

}  // namespace ckernel
