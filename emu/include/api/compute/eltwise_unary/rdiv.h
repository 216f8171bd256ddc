// tt-emu: value / x on a DST tile (tt-metal v0.74.0 api/compute/eltwise_unary/rdiv.h). It compiles
// (tt-metal's eltwise_sfpu.cpp includes it) and is a fault when reached: not emulated.
#pragma once

#include "api/compute/common_globals.h"
#include "ckernel_defs.h"

namespace ckernel {

ALWI void rdiv_tile_init() { emu::k::fail("rdiv_tile_init: rdiv is not emulated"); }
template <RoundingMode rounding_mode = RoundingMode::None>
ALWI void rdiv_tile(uint32_t, uint32_t, VectorMode = VectorMode::RC) {
    emu::k::fail("rdiv_tile: rdiv is not emulated");
}

}  // namespace ckernel
