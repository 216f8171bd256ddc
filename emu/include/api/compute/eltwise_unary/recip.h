// tt-emu: reciprocal on a DST tile (tt-metal v0.74.0 api/compute/eltwise_unary/recip.h), 1/x in fp32.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

template <bool legacy_compat = true>
ALWI void recip_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::Recip); }

template <bool legacy_compat = true>
ALWI void recip_tile(uint32_t idst, VectorMode vector_mode = VectorMode::RC) {
    if (vector_mode != VectorMode::RC) {
        emu::k::fail("recip_tile: only VectorMode::RC is emulated");
    }
    emu::k::sfpu_tile(emu::k::Sfpu::Recip, idst);
}

}  // namespace ckernel
