// tt-emu: integer addition of DST tiles on the SFPU (tt-metal v0.74.0 api/compute/add_int_sfpu.h).
// It compiles (ttnn's reduce helpers route Int32 SUM through it) and is a fault when reached:
// integer DST tiles are not emulated.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

template <DataFormat data_format>
ALWI void add_int_tile(uint32_t, uint32_t, uint32_t) {
    emu::k::fail("add_int_tile: integer DST tiles are not emulated");
}
ALWI void add_int_tile_init() { emu::k::fail("add_int_tile_init: integer DST tiles are not emulated"); }

}  // namespace ckernel
