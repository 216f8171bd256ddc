// tt-emu: integer multiplication of DST tiles on the SFPU (tt-metal v0.74.0
// api/compute/mul_int_sfpu.h). It compiles (tt-metal's eltwise_sfpu.cpp includes it) and is a fault
// when reached: integer DST tiles are not emulated.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

template <DataFormat data_format>
ALWI void mul_int_tile(uint32_t, uint32_t, uint32_t) {
    emu::k::fail("mul_int_tile: integer DST tiles are not emulated");
}
template <DataFormat data_format>
ALWI void mul_int_tile_init() {
    emu::k::fail("mul_int_tile_init: integer DST tiles are not emulated");
}

}  // namespace ckernel
