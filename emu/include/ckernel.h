// tt-emu: tt-llk's common/inc/ckernel.h (tt-metal v0.74.0 and v0.81.1), the part kernels use:
// load_blocking (v0.81.1: a load the core waits for, which ttnn's pad_tile.hpp uses to drain its
// stores; every load of the emulator completes at once) and the mailboxes between a core's
// RISC-Vs. mailbox_write(thread, data) posts a word to `thread`'s mailbox;
// mailbox_read(thread) is a blocking read of it (tt-metal's sparse matmul passes "this batch is
// valid" from the reader (BRISC) to the three TRISCs this way, when get_batch_from_reader).
//
// Not emulated yet: the emulator runs the three TRISCs as one thread, so the three mailboxes a
// BRISC writes are read by one kernel, and a blocking read needs its own waiting state. A kernel
// that reaches either call stops with a fault naming it (kernels that only compile it, like
// tt-metal's matmul kernels with get_batch_from_reader = false, run).
#pragma once

#include <cstdint>
#include <type_traits>

#include "ckernel_defs.h"
#include "emu/kernel.h"

namespace ckernel {

template <typename T, typename = std::enable_if_t<std::is_trivially_copyable_v<T>>>
inline T load_blocking(volatile T* ptr) {
    static_assert(sizeof(T) == sizeof(std::uint16_t) || sizeof(T) == sizeof(std::uint32_t),
                  "load_blocking: operand must be 16-bit or 32-bit");
    return *ptr;
}

inline void mailbox_write(const std::uint8_t thread, const std::uint32_t data) {
    (void)thread;
    (void)data;
    emu::k::fail("ckernel::mailbox_write: the mailboxes between a core's RISC-Vs are not emulated");
}

inline std::uint32_t mailbox_read(const std::uint8_t thread) {
    (void)thread;
    emu::k::fail("ckernel::mailbox_read: the mailboxes between a core's RISC-Vs are not emulated");
}

}  // namespace ckernel
