// tt-emu: data-type conversion of a DST tile (tt-metal v0.74.0 api/compute/eltwise_unary/typecast.h).
// It compiles (ttnn's reduce helpers use it around an Int32 post-multiply) and is a fault when
// reached: the emulator's DST holds floating-point values only.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

template <uint32_t IN_DTYPE, uint32_t OUT_DTYPE>
ALWI void typecast_tile(uint32_t) {
    emu::k::fail("typecast_tile: data-type conversions of DST tiles are not emulated");
}
template <uint32_t IN_DTYPE, uint32_t OUT_DTYPE>
ALWI void typecast_tile_init() {
    emu::k::fail("typecast_tile_init: data-type conversions of DST tiles are not emulated");
}

}  // namespace ckernel
