// tt-emu: the packer's LLK calls that tt-metal's kernels make directly inside PACK((...))
// (tt-metal v0.74.0 tt_metal/hw/ckernels/<arch>/metal/llk_api/llk_pack_common_api.h, on the pack
// TRISC's include path). Only the ones the emulator models.
//
// llk_pack_reconfig_l1_acc(enable): packer L1 accumulation. While enabled, the packer adds each
// tile it packs to the tile already at the destination in L1 instead of overwriting it
// (_llk_pack_reconfig_l1_acc_ sets the packer's L1_ACC configuration bits); tt-metal's matmul
// kernels keep their K-block partial sums in L1 this way. The emulator adds in fp32 and rounds
// once to the CB's format.
#pragma once

#include <cstdint>

#include "emu/kernel.h"

inline void llk_pack_reconfig_l1_acc(const std::uint32_t enable) { emu::k::pack_l1_acc(enable != 0); }
