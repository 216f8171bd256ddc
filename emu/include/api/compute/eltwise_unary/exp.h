// tt-emu: exp on a DST tile (tt-metal v0.74.0 api/compute/eltwise_unary/exp.h), exact fp32 expf.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

enum class InputClamping : uint8_t {
    ClampToNegative = 1,
    None = 0,
};

template <bool approx = false, uint32_t scale = 0x3F800000, InputClamping input_clamping = InputClamping::ClampToNegative>
ALWI void exp_tile_init() {
    static_assert(scale == 0x3F800000, "tt-emu: a scaled exp is not emulated");
    emu::k::sfpu_init(emu::k::Sfpu::Exp);
}

template <bool approx = false, bool scale_en = false, InputClamping input_clamping = InputClamping::ClampToNegative,
          int iterations = 8>
ALWI void exp_tile(uint32_t idst, VectorMode vector_mode = VectorMode::RC, uint16_t scale = p_sfpu::kCONST_1_FP16B) {
    static_assert(!scale_en, "tt-emu: a scaled exp is not emulated");
    static_assert(iterations == 8, "tt-emu: exp_tile over part of a tile is not emulated");
    (void)scale;
    if (vector_mode != VectorMode::RC) {
        emu::k::fail("exp_tile: only VectorMode::RC is emulated");
    }
    emu::k::sfpu_tile(emu::k::Sfpu::Exp, idst);
}

}  // namespace ckernel
