// tt-emu: gelu on a DST tile (tt-metal v0.74.0 api/compute/eltwise_unary/gelu.h).
// fast_and_approx = true (the default): the tanh form 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)));
// false: the exact form 0.5 x (1 + erf(x / sqrt 2)); both in fp32.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

template <bool fast_and_approx = true>
ALWI void gelu_tile_init() {
    emu::k::sfpu_init(fast_and_approx ? emu::k::Sfpu::GeluApprox : emu::k::Sfpu::Gelu);
}

template <bool fast_and_approx = true>
ALWI void gelu_tile(uint32_t idst) {
    emu::k::sfpu_tile(fast_and_approx ? emu::k::Sfpu::GeluApprox : emu::k::Sfpu::Gelu, idst);
}

}  // namespace ckernel
