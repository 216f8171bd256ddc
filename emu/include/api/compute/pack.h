// tt-emu: packing DST tiles into a CB (tt-metal v0.74.0 api/compute/pack.h).
// pack_tile<false>(dst, cb) writes the next tile of the reserved region (a counter the packer
// resets at cb_push_back); pack_tile<true>(dst, cb, i) writes tile i of the reserved region.
// The tile is converted to the CB's data format (bf16: rounded to nearest even).
// pack_tile_block(dst, cb, n): DST tiles dst .. dst + n - 1 to the next n tiles of the region.
// pack_reconfig_l1_acc(1): from then on every pack adds the DST tile to the tile in L1 (see
// llk_pack_common_api.h), pack_reconfig_l1_acc(0) packs by overwriting again.
#pragma once

#include "api/compute/common_globals.h"
#include "llk_pack_common_api.h"  // on the pack TRISC the real pack.h reaches it via llk_pack_tile_api.h

namespace ckernel {

ALWI void pack_init(uint32_t ocb, uint32_t call_line = __builtin_LINE()) {
    (void)ocb;
    (void)call_line;
}

template <bool out_of_order_output = false>
ALWI void pack_tile(uint32_t ifrom_dst, uint32_t icb, std::uint32_t output_tile_index = 0) {
    emu::k::pack_tile(ifrom_dst, icb, output_tile_index, out_of_order_output);
}

ALWI void pack_tile_block(uint32_t ifrom_dst, uint32_t icb, uint32_t ntiles) {
    for (uint32_t i = 0; i < ntiles; ++i) {
        emu::k::pack_tile(ifrom_dst + i, icb, 0, false);
    }
}

ALWI void pack_reconfig_l1_acc(const uint32_t l1_acc_en) { PACK((llk_pack_reconfig_l1_acc(l1_acc_en))); }

}  // namespace ckernel
