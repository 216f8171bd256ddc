// tt-emu: packing DST tiles into a CB (tt-metal v0.74.0 api/compute/pack.h).
// pack_tile<false>(dst, cb) writes the next tile of the reserved region (a counter the packer
// resets at cb_push_back); pack_tile<true>(dst, cb, i) writes tile i of the reserved region.
// The tile is converted to the CB's data format (bf16: rounded to nearest even).
#pragma once

#include "api/compute/common_globals.h"

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

ALWI void pack_reconfig_l1_acc(const uint32_t l1_acc_en) {
    if (l1_acc_en) {
        emu::k::fail("pack_reconfig_l1_acc: packer L1 accumulation is not emulated");
    }
}

}  // namespace ckernel
