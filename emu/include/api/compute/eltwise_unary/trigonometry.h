// tt-emu: trigonometric ops on a DST tile (tt-metal v0.74.0 api/compute/eltwise_unary/
// trigonometry.h): sin, cos, tan, exact fp32. (tanh is in api/compute/compute_kernel_api.h at
// v0.74.0, not here.)
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

ALWI void sin_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::Sin); }
ALWI void sin_tile(uint32_t idst) { emu::k::sfpu_tile(emu::k::Sfpu::Sin, idst); }
ALWI void cos_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::Cos); }
ALWI void cos_tile(uint32_t idst) { emu::k::sfpu_tile(emu::k::Sfpu::Cos, idst); }
ALWI void tan_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::Tan); }
ALWI void tan_tile(uint32_t idst) { emu::k::sfpu_tile(emu::k::Sfpu::Tan, idst); }

}  // namespace ckernel
