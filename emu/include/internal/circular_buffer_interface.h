// tt-emu: the per-CB interface record of tt-metal v0.74.0 (internal/circular_buffer_interface.h):
// `LocalCBInterface` with the firmware's field names and layout, and get_local_cb_interface(cb).
//
// On the device the record is the CB's live state in the core's local memory. In the emulator a
// CB's state lives in the runtime (it is shared by the producer and consumer threads and checked
// on every call), so get_local_cb_interface returns the calling kernel's own copy of the record,
// filled from that state at the call and refreshed at each of the kernel's cb_* calls on that CB.
// Units are the firmware's: byte addresses and sizes on the data-movement cores, 16-byte units on
// the compute core (cb_addr_shift). Writing to the record (pointer arithmetic some kernels do by
// hand) is reported as a fault at the kernel's next use of that CB rather than silently ignored.
#pragma once

#include <cstdint>

#include "emu/kernel.h"

struct LocalCBInterface {
    std::uint32_t fifo_size;
    std::uint32_t fifo_limit;  // range is inclusive of the limit
    std::uint32_t fifo_page_size;
    std::uint32_t fifo_num_pages;

    std::uint32_t fifo_rd_ptr;
    std::uint32_t fifo_wr_ptr;

    union {
        std::uint32_t tiles_acked_received_init;
        struct {
            std::uint16_t tiles_acked;
            std::uint16_t tiles_received;
        };
    };

    // used by packer for in-order packing
    std::uint32_t fifo_wr_tile_ptr;
};

#if defined(COMPILE_FOR_TRISC)
constexpr std::uint32_t cb_addr_shift = 4;  // CIRCULAR_BUFFER_COMPUTE_ADDR_SHIFT
#else
constexpr std::uint32_t cb_addr_shift = 0;
#endif

FORCE_INLINE LocalCBInterface& get_local_cb_interface(std::uint32_t cb_id) { return *emu::k::cb_interface(cb_id); }
