// tt-emu: base^x on a DST tile (tt-metal v0.74.0 api/compute/eltwise_unary/rpow.h). It compiles
// (tt-metal's eltwise_sfpu.cpp includes it) and is a fault when reached: not emulated.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

ALWI void rpow_tile_init() { emu::k::fail("rpow_tile_init: rpow is not emulated"); }
ALWI void rpow_tile(uint32_t, uint32_t, VectorMode = VectorMode::RC) { emu::k::fail("rpow_tile: rpow is not emulated"); }

}  // namespace ckernel
