// tt-emu unit tests: data-movement kernels written against the emulated kernel API, linked as
// plain functions (built-in kernels) instead of compiled per file.
#define TT_EMU_NO_KERNEL_ENTRY
#include <atomic>

#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/dataflow_api.h"

std::atomic<std::uint64_t> g_consumed_sum{0};

// args: count. Pushes 0, 1, ..., count - 1, one page each, through CB 0.
void producer_kernel() {
    const uint32_t count = get_arg_val<uint32_t>(0);
    for (uint32_t i = 0; i < count; ++i) {
        cb_reserve_back(0, 1);
        // L1 addresses are host addresses: a kernel may write through them directly.
        auto* page = reinterpret_cast<volatile uint32_t*>(static_cast<uintptr_t>(get_write_ptr(0)));
        page[0] = i;
        cb_push_back(0, 1);
    }
}

// args: count. Pops `count` pages, checks they arrive in order.
void consumer_kernel() {
    const uint32_t count = get_arg_val<uint32_t>(0);
    for (uint32_t i = 0; i < count; ++i) {
        cb_wait_front(0, 1);
        auto* page = reinterpret_cast<volatile uint32_t*>(static_cast<uintptr_t>(get_read_ptr(0)));
        if (page[0] != i) {
            emu::k::fail("consumer_kernel: pages arrived out of order");
        }
        g_consumed_sum += page[0];
        cb_pop_front(0, 1);
    }
}

// Waits for one page that nobody pushes.
void stuck_kernel() { cb_wait_front(0, 1); }

// Reserves more than the CB holds, then pushes twice what it reserved.
void overpush_kernel() {
    cb_reserve_back(0, 1);
    cb_push_back(0, 2);
}

// Spins, making API calls.
void spin_kernel() {
    for (;;) {
        (void)get_arg_val<uint32_t>(0);
    }
}

// The object-style API (tt-metal's own kernels): CircularBuffer, and the CB interface record
// get_local_cb_interface gives, which follows the kernel's own CB calls. args: count.
void object_producer_kernel() {
    const uint32_t count = get_arg_val<uint32_t>(0);
    CircularBuffer cb(tt::CBIndex::c_0);
    for (uint32_t i = 0; i < count; ++i) {
        cb.reserve_back(1);
        const LocalCBInterface& iface = get_local_cb_interface(cb.get_cb_id());
        if (iface.fifo_wr_ptr != cb.get_write_ptr() || iface.fifo_page_size != 64 ||
            iface.fifo_size != iface.fifo_num_pages * 64 || iface.tiles_received != static_cast<uint16_t>(i)) {
            emu::k::fail("object_producer_kernel: the CB interface record does not match the CB");
        }
        reinterpret_cast<volatile uint32_t*>(static_cast<uintptr_t>(cb.get_write_ptr()))[0] = i;
        cb.push_back(1);
        if (iface.tiles_received != static_cast<uint16_t>(i + 1)) {
            emu::k::fail("object_producer_kernel: the CB interface record did not follow cb.push_back");
        }
    }
}

void object_consumer_kernel() {
    const uint32_t count = get_arg_val<uint32_t>(0);
    CircularBuffer cb(tt::CBIndex::c_0);
    for (uint32_t i = 0; i < count; ++i) {
        cb.wait_front(1);
        if (get_local_cb_interface(0).fifo_rd_ptr != cb.get_read_ptr()) {
            emu::k::fail("object_consumer_kernel: fifo_rd_ptr is not the read pointer");
        }
        if (reinterpret_cast<volatile uint32_t*>(static_cast<uintptr_t>(cb.get_read_ptr()))[0] != i) {
            emu::k::fail("object_consumer_kernel: pages arrived out of order");
        }
        g_consumed_sum += i;
        cb.pop_front(1);
    }
}

// Moves the write pointer by hand, as some kernels do on the device: reported, not ignored.
void iface_writer_kernel() {
    get_local_cb_interface(0).fifo_wr_ptr += 64;
    cb_reserve_back(0, 1);
}
