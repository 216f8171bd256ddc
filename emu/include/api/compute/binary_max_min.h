// tt-emu: element-wise maximum and minimum of two DST tiles on the SFPU (tt-metal v0.74.0
// api/compute/binary_max_min.h). binary_max_tile(idst0, idst1, odst): DST[odst] =
// max(DST[idst0], DST[idst1]) element by element (binary_min_tile: min), after
// binary_max_tile_init() / binary_min_tile_init(); in fp32, rounded to a 16-bit DST's format.
// Only VectorMode::RC (the whole tile) is emulated; the Int32 / UInt32 variants compile and are a
// fault when reached (integer DST tiles are not emulated).
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

ALWI void binary_max_int32_tile(uint32_t, uint32_t, uint32_t) {
    emu::k::fail("binary_max_int32_tile: integer DST tiles are not emulated");
}
ALWI void binary_max_int32_tile_init() { emu::k::fail("binary_max_int32_tile_init: integer DST tiles are not emulated"); }
#ifndef ARCH_QUASAR
ALWI void binary_max_uint32_tile(uint32_t, uint32_t, uint32_t) {
    emu::k::fail("binary_max_uint32_tile: integer DST tiles are not emulated");
}
ALWI void binary_max_uint32_tile_init() {
    emu::k::fail("binary_max_uint32_tile_init: integer DST tiles are not emulated");
}
#endif

ALWI void binary_max_tile(uint32_t idst0, uint32_t idst1, uint32_t odst, VectorMode vector_mode = VectorMode::RC) {
    if (vector_mode != VectorMode::RC) {
        emu::k::fail("binary_max_tile: only VectorMode::RC is emulated");
    }
    emu::k::sfpu_binary_tile(emu::k::Sfpu::BinaryMax, idst0, idst1, odst);
}
ALWI void binary_max_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::BinaryMax); }

ALWI void binary_min_int32_tile(uint32_t, uint32_t, uint32_t) {
    emu::k::fail("binary_min_int32_tile: integer DST tiles are not emulated");
}
ALWI void binary_min_int32_tile_init() { emu::k::fail("binary_min_int32_tile_init: integer DST tiles are not emulated"); }
#ifndef ARCH_QUASAR
ALWI void binary_min_uint32_tile(uint32_t, uint32_t, uint32_t) {
    emu::k::fail("binary_min_uint32_tile: integer DST tiles are not emulated");
}
ALWI void binary_min_uint32_tile_init() {
    emu::k::fail("binary_min_uint32_tile_init: integer DST tiles are not emulated");
}
#endif

ALWI void binary_min_tile(uint32_t idst0, uint32_t idst1, uint32_t odst, VectorMode vector_mode = VectorMode::RC) {
    if (vector_mode != VectorMode::RC) {
        emu::k::fail("binary_min_tile: only VectorMode::RC is emulated");
    }
    emu::k::sfpu_binary_tile(emu::k::Sfpu::BinaryMin, idst0, idst1, odst);
}
ALWI void binary_min_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::BinaryMin); }

}  // namespace ckernel
