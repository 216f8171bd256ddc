// tt-emu: exp on a DST tile (tt-metal v0.74.0 api/compute/eltwise_unary/exp.h), exact fp32 expf.
//
// The scale, as tt-llk's ckernel_sfpu_exp.h applies it:
// - approximate mode (`approx`): exp_tile_init bakes its `scale` (fp32 bits) into the constants
//   it programs, so every later exp_tile computes exp(x * scale); exp_tile's scale_en and scale
//   are not used (ttnn's SDPA fuses its 1/sqrt(d) this way);
// - accurate mode: exp_tile computes exp(x * scale) with scale_en (scale a bf16 bit pattern);
//   the init's scale is not used.
// Coverage: `iterations` rows groups per call: 8 (one face) with VectorMode::RC (the four faces),
// or 32 with VectorMode::None (one call over the whole tile); both compute the whole tile.
// The emulator computes exp exactly in fp32 in both modes (the device's approximate exp is
// within a few percent; its InputClamping::None variant returns negative garbage below about
// -88, which ttnn's SDPA zeroes with the packer's ReLU: the emulator returns 0 there).
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

enum class InputClamping : uint8_t {
    ClampToNegative = 1,
    None = 0,
};

namespace tt_emu_detail {
// The scale the last approximate-mode exp_tile_init programmed (1.0f: none).
inline thread_local float exp_init_scale = 1.0f;
}  // namespace tt_emu_detail

template <bool approx = false, uint32_t scale = 0x3F800000, InputClamping input_clamping = InputClamping::ClampToNegative>
ALWI void exp_tile_init() {
    tt_emu_detail::exp_init_scale = approx ? __builtin_bit_cast(float, scale) : 1.0f;
    emu::k::sfpu_init(emu::k::Sfpu::Exp);
}

template <bool approx = false, bool scale_en = false, InputClamping input_clamping = InputClamping::ClampToNegative,
          int iterations = 8>
ALWI void exp_tile(uint32_t idst, VectorMode vector_mode = VectorMode::RC, uint16_t scale = p_sfpu::kCONST_1_FP16B) {
    static_assert(iterations == 8 || iterations == 32, "tt-emu: exp_tile runs 8 (a face) or 32 (a tile) iterations");
    if (iterations == 8 ? vector_mode != VectorMode::RC : vector_mode != VectorMode::None) {
        emu::k::fail(iterations == 8 ? "exp_tile: only VectorMode::RC is emulated with 8 iterations"
                                     : "exp_tile: 32 iterations cover the whole tile with VectorMode::None only");
    }
    float factor = 1.0f;
    if constexpr (approx) {
        factor = tt_emu_detail::exp_init_scale;
    } else if constexpr (scale_en) {
        factor = __builtin_bit_cast(float, uint32_t(scale) << 16);
    }
    if (factor == 1.0f) {
        emu::k::sfpu_tile(emu::k::Sfpu::Exp, idst);
    } else {
        emu::k::exp_scaled_tile(idst, factor);
    }
}

// The pack-thread variants (ttnn SDPA's streaming path overlaps the exp with math-thread
// matmuls): the same exp on the emulator's one compute thread.
template <bool approx = false, uint32_t scale = 0x3F800000, InputClamping input_clamping = InputClamping::ClampToNegative>
ALWI void exp_packthread_tile_init() {
    exp_tile_init<approx, scale, input_clamping>();
}

template <bool approx = false, bool scale_en = false, InputClamping input_clamping = InputClamping::ClampToNegative,
          int iterations = 8>
ALWI void exp_packthread_tile(uint32_t idst, VectorMode vector_mode = VectorMode::RC,
                              uint16_t scale = p_sfpu::kCONST_1_FP16B) {
    exp_tile<approx, scale_en, input_clamping, iterations>(idst, vector_mode, scale);
}

}  // namespace ckernel
