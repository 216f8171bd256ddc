// tt-emu: unary-op set-up (tt-metal v0.74.0 api/compute/eltwise_unary/eltwise_unary.h):
// unary_op_init_common / init_sfpu configure the hardware and put the FPU in copy mode for `icb`.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void unary_op_init_common(uint32_t icb, uint32_t ocb, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::hw_startup("unary_op_init_common", icb, icb, ocb);
    emu::k::copy_init(icb, 0);
}

ALWI void init_sfpu(uint32_t icb, uint32_t ocb, uint32_t call_line = __builtin_LINE()) {
    unary_op_init_common(icb, ocb, call_line);
}

}  // namespace ckernel
