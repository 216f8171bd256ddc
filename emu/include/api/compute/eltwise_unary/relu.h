// tt-emu: relu on a DST tile (tt-metal v0.74.0 api/compute/eltwise_unary/relu.h): x < 0 ? 0 : x.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

ALWI void relu_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::Relu); }

ALWI void relu_tile(uint32_t idst) { emu::k::sfpu_tile(emu::k::Sfpu::Relu, idst); }

}  // namespace ckernel
