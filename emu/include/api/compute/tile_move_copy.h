// tt-emu: copying CB tiles into DST (tt-metal v0.74.0 api/compute/tile_move_copy.h, with
// v0.81.1's copy_init, the new name of copy_tile_init and copy_tile_to_dst_init_short).
// copy_tile(cb, i, dst): DST[dst] = tile i of cb (transposed when the init asked for it);
// copy_block_matmul_partials: n of them.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

ALWI void copy_tile_to_dst_init_short(uint32_t cbid, uint32_t transpose = 0, uint32_t transpose_within_16x16_face = false,
                                      uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    if (transpose_within_16x16_face && !transpose) {
        emu::k::fail("copy_tile_to_dst_init_short: a transpose within faces only is not emulated");
    }
    emu::k::copy_init(cbid, transpose);
}

ALWI void copy_tile_init(uint32_t cbid, uint32_t call_line = __builtin_LINE()) {
    copy_tile_to_dst_init_short(cbid, 0, false, call_line);
}

ALWI void copy_init(uint32_t cbid, uint32_t transpose = 0, uint32_t transpose_within_16x16_face = false,
                    uint32_t call_line = __builtin_LINE()) {
    copy_tile_to_dst_init_short(cbid, transpose, transpose_within_16x16_face, call_line);
}

ALWI void copy_tile_to_dst_init_short_with_dt(uint32_t old_cbid, uint32_t new_cbid, uint32_t transpose = 0) {
    (void)old_cbid;
    emu::k::reconfig_formats("copy_tile_to_dst_init_short_with_dt", static_cast<std::int32_t>(new_cbid), emu::k::kNoCB,
                             emu::k::kNoCB);
    emu::k::copy_init(new_cbid, transpose);
}

ALWI void copy_tile(uint32_t in_cb_id, uint32_t in_tile_index, uint32_t dst_tile_index) {
    emu::k::copy_tile(in_cb_id, in_tile_index, dst_tile_index);
}

// ntiles tiles of the CB from start_in_tile_index on to DST from start_dst_tile_index on (the LLK's
// unpack-A and datacopy block calls: tile i to DST tile i, in order).
ALWI void copy_block_matmul_partials(uint32_t in_cb_id, uint32_t start_in_tile_index, uint32_t start_dst_tile_index,
                                     uint32_t ntiles) {
    for (uint32_t i = 0; i < ntiles; ++i) {
        emu::k::copy_tile(in_cb_id, start_in_tile_index + i, start_dst_tile_index + i);
    }
}

}  // namespace ckernel
