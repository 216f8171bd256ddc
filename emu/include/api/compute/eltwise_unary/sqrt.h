// tt-emu: sqrt on a DST tile (tt-metal v0.74.0 api/compute/eltwise_unary/sqrt.h), exact fp32.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

ALWI void sqrt_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::Sqrt); }

template <bool FAST_APPROX = false>
ALWI void sqrt_tile(uint32_t idst) { emu::k::sfpu_tile(emu::k::Sfpu::Sqrt, idst); }

}  // namespace ckernel
