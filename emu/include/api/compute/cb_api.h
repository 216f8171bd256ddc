// tt-emu: the compute kernel's circular-buffer calls (tt-metal v0.74.0 api/compute/cb_api.h):
// cb_wait_front / cb_pop_front on the unpack side, cb_reserve_back / cb_push_back on the pack
// side, with the same blocking semantics as the data-movement side.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

ALWI void cb_wait_front(uint32_t cbid, uint32_t ntiles) { emu::k::cb_wait_front(cbid, ntiles); }
// The 32-bit word `element_offset` of tile `tile_index` at the front of CB `cb_id` (the unpacker
// reads it and posts it to the math and pack threads by mailbox; the emulator's one compute
// thread reads L1, whose addresses are host addresses).
ALWI uint32_t read_tile_value(uint32_t cb_id, uint32_t tile_index, uint32_t element_offset) {
    const std::uintptr_t address = emu::k::cb_read_ptr(cb_id) + std::uintptr_t(tile_index) * emu::k::cb_page_size(cb_id);
    return reinterpret_cast<volatile const uint32_t*>(address)[element_offset];
}
ALWI void cb_pop_front(uint32_t cbid, uint32_t ntiles) { emu::k::cb_pop_front(cbid, ntiles); }
ALWI void cb_reserve_back(uint32_t cbid, uint32_t ntiles) { emu::k::cb_reserve_back(cbid, ntiles); }
ALWI void cb_push_back(uint32_t cbid, uint32_t ntiles) { emu::k::cb_push_back(cbid, ntiles); }

}  // namespace ckernel
