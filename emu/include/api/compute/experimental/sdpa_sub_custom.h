// tt-emu: tt-metal v0.74.0 api/compute/experimental/sdpa_sub_custom.h: ttnn SDPA's streaming
// path's custom column-broadcast subtract over ct_dim tiles. Declared; a call is a fault (not
// emulated yet: the emulator runs SDPA's standard path).
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void sub_bcast_cols_init_short_custom(uint32_t icb0, uint32_t icb1, uint32_t ct_dim, uint32_t call_line = __builtin_LINE()) {
    (void)icb0, (void)icb1, (void)ct_dim, (void)call_line;
    emu::k::fail("sub_bcast_cols_init_short_custom: not emulated (ttnn SDPA's streaming path)");
}

ALWI void sub_tiles_bcast_cols_custom(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                                      uint32_t ct_dim) {
    (void)icb0, (void)icb1, (void)itile0, (void)itile1, (void)idst, (void)ct_dim;
    emu::k::fail("sub_tiles_bcast_cols_custom: not emulated (ttnn SDPA's streaming path)");
}

}  // namespace ckernel
