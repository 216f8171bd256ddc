// tt-emu: whole-tile transpose into DST (tt-metal v0.74.0 api/compute/transpose.h).
// transpose_init(icb) configures the unpacker and math for a width-height transpose of icb's
// tiles (the unpacker transposes the faces and within them, math copies to DST);
// transpose_tile(icb, i, dst): DST[dst] = tile i of icb, transposed. The emulator runs it as a
// transposing copy (copy_tile_to_dst_init_short(icb, 1) + copy_tile), with copy_tile's checks and
// cost.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void transpose_init(uint32_t icb, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::copy_init(icb, 1);
}

ALWI void transpose_tile(uint32_t icb, uint32_t itile, uint32_t idst) { emu::k::copy_tile(icb, itile, idst); }

}  // namespace ckernel
