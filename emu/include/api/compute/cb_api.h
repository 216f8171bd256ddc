// tt-emu: the compute kernel's circular-buffer calls (tt-metal v0.74.0 api/compute/cb_api.h):
// cb_wait_front / cb_pop_front on the unpack side, cb_reserve_back / cb_push_back on the pack
// side, with the same blocking semantics as the data-movement side.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

ALWI void cb_wait_front(uint32_t cbid, uint32_t ntiles) { emu::k::cb_wait_front(cbid, ntiles); }
ALWI void cb_pop_front(uint32_t cbid, uint32_t ntiles) { emu::k::cb_pop_front(cbid, ntiles); }
ALWI void cb_reserve_back(uint32_t cbid, uint32_t ntiles) { emu::k::cb_reserve_back(cbid, ntiles); }
ALWI void cb_push_back(uint32_t cbid, uint32_t ntiles) { emu::k::cb_push_back(cbid, ntiles); }

}  // namespace ckernel
