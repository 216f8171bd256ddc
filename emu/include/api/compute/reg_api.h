// tt-emu: DST register synchronisation (tt-metal v0.74.0 api/compute/reg_api.h).
//
// Hardware semantics, which the emulator keeps: DST holds 16 tiles (16-bit data); in the default
// double-buffered mode ("half sync", dst_full_sync_en = false) it is split in two sections of 8
// tiles (4 with fp32_dest_acc_en), which math and pack use alternately.
// - tile_regs_acquire (math): wait for a free section; tile indices address that section;
// - tile_regs_commit (math): hand the section to pack, switch math to the other section;
// - tile_regs_wait (pack): wait for a committed section;
// - tile_regs_release (pack): the packer zeroes the section it packed (ZEROACC in
//   _llk_pack_dest_section_done_: CLR_HALF, or CLR_ALL in full-sync mode) and frees it.
// DST is also zeroed when the compute kernel starts (zeroacc() in chlkc_list.h's run_kernel), so
// every freshly acquired section reads as zero: matmul_tiles accumulates onto it.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

[[deprecated("Use tile_regs_acquire() instead")]]
ALWI void acquire_dst() {
    emu::k::tile_regs_acquire();
    emu::k::tile_regs_wait();
}

ALWI void tile_regs_acquire() { emu::k::tile_regs_acquire(); }
ALWI void tile_regs_wait() { emu::k::tile_regs_wait(); }

[[deprecated("Use tile_regs_release() instead")]]
ALWI void release_dst() {
    emu::k::tile_regs_commit();
    emu::k::tile_regs_release();
}

ALWI void tile_regs_commit() { emu::k::tile_regs_commit(); }
ALWI void tile_regs_release() { emu::k::tile_regs_release(); }

}  // namespace ckernel
