// tt-emu: one-time hardware configuration of a compute kernel (tt-metal v0.74.0
// api/compute/compute_kernel_hw_startup.h). SrcOrder::Reverse (matmul: in0 -> SrcB, in1 -> SrcA)
// changes which source register each CB's data format is configured for; the emulator records
// the formats and checks every unpack and pack against them.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

enum class SrcOrder : uint8_t {
    Regular = 0,  // icb0 -> SrcA, icb1 -> SrcB
    Reverse = 1,  // icb0 -> SrcB, icb1 -> SrcA
};

template <SrcOrder src_order = SrcOrder::Regular>
ALWI void compute_kernel_hw_startup(uint32_t icb0, uint32_t icb1, uint32_t ocb) {
    constexpr bool reverse = src_order == SrcOrder::Reverse;
    emu::k::hw_startup("compute_kernel_hw_startup", reverse ? icb1 : icb0, reverse ? icb0 : icb1, ocb);
}

ALWI void compute_kernel_hw_startup(uint32_t icb0, uint32_t ocb) { compute_kernel_hw_startup(icb0, icb0, ocb); }

ALWI void enable_fp32_dest_acc() { emu::k::fail("enable_fp32_dest_acc: switching DST mode at run time is not emulated"); }
ALWI void disable_fp32_dest_acc() { emu::k::fail("disable_fp32_dest_acc: switching DST mode at run time is not emulated"); }

}  // namespace ckernel
