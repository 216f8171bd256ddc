// tt-emu: tt-metal v0.74.0 api/compute/experimental/matmul_custom.h: matmul_block without the
// math unit's macro-op (MOP) programming, which ttnn's SDPA streaming path uses to interleave
// matmuls with other FPU work. The arithmetic is matmul_block's, and so is the emulator's.
#pragma once

#include "api/compute/matmul.h"

namespace ckernel {

ALWI void mm_no_mop_init_short(uint32_t in0_cb_id, uint32_t in1_cb_id, const bool transpose = false, uint32_t ct_dim = 1,
                               uint32_t rt_dim = 1, uint32_t kt_dim = 1) {
    matmul_block_init(in0_cb_id, in1_cb_id, transpose, ct_dim, rt_dim, kt_dim);
}

ALWI void matmul_block_no_mop(uint32_t in0_cb_id, uint32_t in1_cb_id, uint32_t in0_tile_index, uint32_t in1_tile_index,
                              uint32_t idst, const bool transpose, uint32_t ct_dim, uint32_t rt_dim, uint32_t kt_dim) {
    matmul_block(in0_cb_id, in1_cb_id, in0_tile_index, in1_tile_index, idst, transpose, ct_dim, rt_dim, kt_dim);
}

ALWI void mm_no_mop_reinit_short(uint32_t in0_cb_id, uint32_t in1_cb_id, const bool transpose = false,
                                 uint32_t ct_dim = 1, uint32_t rt_dim = 1, uint32_t kt_dim = 1) {
    matmul_block_init(in0_cb_id, in1_cb_id, transpose, ct_dim, rt_dim, kt_dim);
}

}  // namespace ckernel
