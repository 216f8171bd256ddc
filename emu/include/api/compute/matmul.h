// tt-emu: tile matrix multiplication (tt-metal v0.74.0 api/compute/matmul.h).
// matmul_tiles(in0, in1, i0, i1, dst): DST[dst] += A @ B, A = tile i0 of in0, B = tile i1 of in1
// (B transposed when matmul_init had transpose != 0), products and sums in fp32; with 16-bit DST
// (fp32_dest_acc_en = false) the accumulated tile is rounded to the DST format after each call.
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

}  // namespace ckernel
