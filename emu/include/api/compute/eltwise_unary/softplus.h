// tt-emu: tt-metal v0.74.0 api/compute/eltwise_unary/softplus.h. Declared; a call is a fault
// (softplus is not emulated yet; ttnn's SDPA uses it in its ring / joint log-sum-exp merge).
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void softplus_tile_init() { emu::k::fail("softplus_tile_init: softplus is not emulated"); }
ALWI void softplus_tile(uint32_t, uint32_t, uint32_t, uint32_t) { emu::k::fail("softplus_tile: softplus is not emulated"); }

}  // namespace ckernel
