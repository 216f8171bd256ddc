// tt-emu: 1 / sqrt on a DST tile (tt-metal v0.74.0 api/compute/eltwise_unary/rsqrt.h), exact fp32.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

template <bool legacy_compat = false>
ALWI void rsqrt_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::Rsqrt); }

template <bool legacy_compat = false, bool FAST_APPROX = false>
ALWI void rsqrt_tile(uint32_t idst) { emu::k::sfpu_tile(emu::k::Sfpu::Rsqrt, idst); }

}  // namespace ckernel
