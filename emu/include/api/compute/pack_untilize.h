// tt-emu: packing DST tiles untilized, row-major, into a CB (tt-metal v0.74.0
// api/compute/pack_untilize.h): the calls of the "untilize from DST" form.
// - pack_untilize_dest_init<block_ct_dim, full_ct_dim>(ocb): nothing to configure in the emulator;
// - pack_untilize_dest<block_ct_dim, full_ct_dim>(ocb, block_rt_dim, block_c_index,
//   tile_dst_rt_offset): DST tiles (tile_dst_rt_offset + tile_dst_ct_offset) .. + block_rt_dim *
//   block_ct_dim - 1, a block_rt_dim x block_ct_dim block of tiles row by row, written row-major into
//   the CB's reserved region, which holds block_rt_dim rows of full_ct_dim tiles (each tile row is
//   32 rows of full_ct_dim * 32 elements); the block goes to columns block_c_index * block_ct_dim *
//   32 on. The region's pages are not counted like pack_tile's: the kernel pushes the row itself;
// - pack_untilize_uninit(ocb): nothing to undo.
// Only the 32x32 (four 16x16 faces) tiles the emulator has; narrow rows, diagonal packing and the
// dense form are not emulated (static_assert).
#pragma once

#include "api/compute/common_globals.h"

#ifndef TILE_C_DIM
#define TILE_C_DIM 32
#endif

namespace ckernel {

template <uint32_t block_ct_dim = 8, uint32_t full_ct_dim = block_ct_dim, bool narrow_row = false,
          std::uint32_t row_num_datums = TILE_C_DIM, bool dense = false, bool configure_remap = true>
ALWI void pack_untilize_dest_init(uint32_t ocb, uint32_t call_line = __builtin_LINE()) {
    static_assert(!narrow_row && row_num_datums == TILE_C_DIM && !dense,
                  "tt-emu: only full 32-column rows are untilized");
    static_assert(full_ct_dim % block_ct_dim == 0, "full_ct_dim must be divisible by block_ct_dim");
    (void)ocb;
    (void)call_line;
}

template <uint32_t block_ct_dim = 8, uint32_t full_ct_dim = block_ct_dim, bool diagonal = false, bool narrow_row = false,
          std::uint32_t row_num_datums = TILE_C_DIM, uint32_t tile_dst_ct_offset = 0, bool dense = false>
ALWI void pack_untilize_dest(uint32_t ocb, uint32_t block_rt_dim = 1, uint32_t block_c_index = 0,
                             uint32_t tile_dst_rt_offset = 0) {
    static_assert(!diagonal && !narrow_row && row_num_datums == TILE_C_DIM && !dense,
                  "tt-emu: only full 32-column rows are untilized");
    emu::k::pack_untilize(tile_dst_rt_offset + tile_dst_ct_offset, ocb, block_ct_dim, full_ct_dim, block_rt_dim,
                          block_c_index);
}

ALWI void pack_untilize_uninit(uint32_t ocb) { (void)ocb; }

}  // namespace ckernel
