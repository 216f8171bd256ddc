// tt-emu: filling DST tiles with a constant (tt-metal v0.74.0 api/compute/eltwise_unary/fill.h).
// fill_tile(dst, value): every element of DST[dst] = value (rounded to a 16-bit DST's format).
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void fill_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::Fill); }

ALWI void fill_tile(uint32_t idst, float param0) { emu::k::fill_tile(idst, param0); }

ALWI void fill_tile_int(uint32_t, uint32_t) { emu::k::fail("fill_tile_int: integer DST tiles are not emulated"); }

ALWI void fill_tile_bitcast(uint32_t idst, uint32_t param0) {
    float value;
    static_assert(sizeof value == sizeof param0);
    __builtin_memcpy(&value, &param0, sizeof value);
    emu::k::fill_tile(idst, value);
}

}  // namespace ckernel
