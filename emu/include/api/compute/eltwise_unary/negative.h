// tt-emu: tt-metal v0.74.0 api/compute/eltwise_unary/negative.h. Declared; a call is a fault
// (not emulated yet; ttnn's SDPA uses it in its ring / joint log-sum-exp merge).
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void negative_tile_init() { emu::k::fail("negative_tile_init: not emulated"); }
ALWI void negative_tile(uint32_t) { emu::k::fail("negative_tile: not emulated"); }

}  // namespace ckernel
