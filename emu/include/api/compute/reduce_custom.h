// tt-emu: tt-metal v0.74.0 api/compute/reduce_custom.h: the block reduce_max_row of ttnn's SDPA
// (tt-llk experimental llk_math_reduce_custom.h). reduce_block_max_row<cols>(icb, scaler, first,
// idst) writes to DST[idst] column 0 the row maxima of tiles first..first+cols-1 of icb, combined
// by max with what DST[idst] holds in row 0 of faces 0 and 2 (see emu/kernel.h); the init also
// sets the packer's REDUCE_ROW edge mask for ocb, the uninit clears it. The device's contract: a
// scaler of 1.0, bf16 operands, 32x32 tiles. Blackhole's reinit variants are not declared.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

template <uint32_t block_ct_dim, bool respect_trigger = false>
ALWI void reduce_block_max_row_init(uint32_t ocb) {
    emu::k::reduce_block_max_row_init(static_cast<std::int32_t>(ocb));
}

template <uint32_t block_ct_dim, bool respect_trigger = false>
ALWI void reduce_block_max_row(uint32_t icb, uint32_t icb_scaler, uint32_t row_start_index, uint32_t idst) {
    static_assert(block_ct_dim > 0 && block_ct_dim < 128, "block_ct_dim must be in 1..127");
    emu::k::reduce_block_max_row(icb, icb_scaler, row_start_index, block_ct_dim, idst);
}

template <bool respect_trigger = false>
ALWI void reduce_block_max_row_uninit(uint32_t icb) {
    (void)icb;
    emu::k::pack_reduce_mask(emu::k::Dim::Row, true);
}

ALWI void reduce_block_max_row_init_runtime(uint32_t ocb, uint32_t block_ct_dim, bool respect_trigger = false) {
    (void)block_ct_dim;
    (void)respect_trigger;
    emu::k::reduce_block_max_row_init(static_cast<std::int32_t>(ocb));
}

ALWI void reduce_block_max_row_runtime(uint32_t icb, uint32_t icb_scaler, uint32_t row_start_index, uint32_t idst,
                                       bool respect_trigger = false, bool overlap_first_half = false) {
    (void)respect_trigger;
    if (overlap_first_half) {
        emu::k::fail("reduce_block_max_row_runtime: overlap_first_half is not emulated");
    }
    (void)icb;
    (void)icb_scaler;
    (void)row_start_index;
    (void)idst;
    emu::k::fail("reduce_block_max_row_runtime: the block width is set by reduce_block_max_row_init_runtime, which the emulator does not keep (ttnn SDPA's streaming path)");
}

ALWI void reduce_block_max_row_uninit_runtime(uint32_t icb, bool respect_trigger = false, bool overlap_first_half = false) {
    (void)respect_trigger;
    (void)overlap_first_half;
    reduce_block_max_row_uninit(icb);
}

}  // namespace ckernel
