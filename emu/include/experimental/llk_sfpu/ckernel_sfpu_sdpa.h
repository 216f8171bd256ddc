// tt-emu: the SFPU functors of ttnn's SDPA (tt-metal v0.74.0
// hw/ckernels/<arch>/metal/llk_api/experimental/llk_sfpu/ckernel_sfpu_sdpa.h), written for the
// emulator: SDPA's compute kernel applies them with SFPU_UNARY_CALL (llk_compute_api.h) to the
// DST tile in tt_emu_detail::sfpu_target, with VectorMode::C.
//
// The device's "first column" functors run 4 iterations of every other SFPU row group over faces
// 0 and 2: half of those faces, including column 0, the only datums SDPA reads back (a
// column-broadcast operand, a packed column vector). The emulator computes column 0 (all 32
// rows) and leaves the rest of the tile:
// - calculate_exponential_first_column<approx, scale_bf16>: exp(x * scale) (scale a bf16 bit
//   pattern; the device's accurate exp in approximate mode, a polynomial otherwise; the emulator's
//   fp32 expf for both);
// - calculate_recip_first_column<legacy>: 1 / x.
// calculate_fused_max_sub_exp_add_tile and calculate_softplus_first_column (ring / joint and
// streaming paths) are declared; a call is a fault.
#pragma once

#include <cstdint>

#include "llk_compute_api.h"

namespace ckernel::sfpu {

namespace tt_emu_detail {
inline void require_first_column_mode(const char* functor) {
    if (::ckernel::tt_emu_detail::sfpu_target.mode != VectorMode::C) {
        emu::k::fail((std::string(functor) + ": emulated with VectorMode::C (faces 0 and 2) only").c_str());
    }
}
}  // namespace tt_emu_detail

template <bool SDPA_EXP_APPROX_MODE, std::uint16_t scale_bf16>
inline void calculate_exponential_first_column() {
    tt_emu_detail::require_first_column_mode("calculate_exponential_first_column");
    emu::k::sfpu_first_column(emu::k::Sfpu::Exp, ::ckernel::tt_emu_detail::sfpu_target.dst,
                              __builtin_bit_cast(float, std::uint32_t(scale_bf16) << 16));
}

template <bool legacy_compat = true>
inline void calculate_recip_first_column() {
    tt_emu_detail::require_first_column_mode("calculate_recip_first_column");
    emu::k::sfpu_first_column(emu::k::Sfpu::Recip, ::ckernel::tt_emu_detail::sfpu_target.dst, 1.0f);
}

inline void calculate_fused_max_sub_exp_add_tile(int scale_bf16) {
    (void)scale_bf16;
    emu::k::fail("calculate_fused_max_sub_exp_add_tile: not emulated (ttnn SDPA's ring / streaming paths)");
}

inline void calculate_softplus_first_column(std::uint32_t, std::uint32_t, std::uint32_t) {
    emu::k::fail("calculate_softplus_first_column: not emulated (ttnn SDPA's ring / joint paths)");
}

}  // namespace ckernel::sfpu
