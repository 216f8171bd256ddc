// tt-emu: the LLK's ckernel.h, as far as data-movement kernels use it: the mailboxes between a
// core's RISCs. tt-metal's matmul readers write to them only on their sparsity path
// (get_batch_from_reader); the emulator does not model the mailboxes, so a write is a fault that
// names the call rather than a message nobody reads.
#pragma once

#include <cstdint>

#include "ckernel_defs.h"
#include "emu/kernel.h"

namespace ckernel {

inline void mailbox_write(const std::uint8_t thread, const std::uint32_t data) {
    (void)thread;
    (void)data;
    emu::k::fail("ckernel::mailbox_write: the mailboxes between a core's RISCs are not emulated");
}

}  // namespace ckernel
