// tt-emu: tt-metal v0.74.0 api/compute/eltwise_binary_sfpu.h: binary ops of two DST tiles on the
// SFPU. Declared; a call is a fault (not emulated yet; ttnn SDPA's streaming path calls
// add_binary_tile).
#pragma once

#include "api/compute/common.h"

namespace ckernel {

namespace tt_emu_detail {
[[noreturn]] inline void binary_sfpu_not_emulated(const char* call) {
    emu::k::fail((std::string(call) + ": the SFPU's binary ops of DST tiles are not emulated").c_str());
}
}  // namespace tt_emu_detail

ALWI void add_binary_tile_init() { tt_emu_detail::binary_sfpu_not_emulated("add_binary_tile_init"); }
ALWI void sub_binary_tile_init() { tt_emu_detail::binary_sfpu_not_emulated("sub_binary_tile_init"); }
ALWI void mul_binary_tile_init() { tt_emu_detail::binary_sfpu_not_emulated("mul_binary_tile_init"); }
ALWI void div_binary_tile_init() { tt_emu_detail::binary_sfpu_not_emulated("div_binary_tile_init"); }
ALWI void add_binary_tile(uint32_t, uint32_t, uint32_t) { tt_emu_detail::binary_sfpu_not_emulated("add_binary_tile"); }
ALWI void sub_binary_tile(uint32_t, uint32_t, uint32_t) { tt_emu_detail::binary_sfpu_not_emulated("sub_binary_tile"); }
ALWI void mul_binary_tile(uint32_t, uint32_t, uint32_t) { tt_emu_detail::binary_sfpu_not_emulated("mul_binary_tile"); }
ALWI void div_binary_tile(uint32_t, uint32_t, uint32_t) { tt_emu_detail::binary_sfpu_not_emulated("div_binary_tile"); }

}  // namespace ckernel
