// tt-emu: the Semaphore object (tt-metal v0.74.0 api/dataflow/noc_semaphore.h), a thin layer over
// dataflow_api.h's semaphore calls: the semaphore `id` of this core (get_semaphore), changed
// locally (up, down, set), waited on (wait: exactly a value; wait_min: at least a value), bumped
// on another core (up(noc, x, y, n): noc_semaphore_inc) and set on a rectangle of cores
// (set_multicast: noc_semaphore_set_multicast, or the _loopback_src variant with
// NocOptions::MCAST_INCL_SRC); relay_unicast / relay_multicast copy this semaphore's value into
// another semaphore of other cores; inc_multicast increments it on a rectangle of cores
// (noc_semaphore_inc_multicast).
#pragma once

#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/noc.h"
#include "api/debug/assert.h"

template <ProgrammableCoreType core_type = ProgrammableCoreType::TENSIX>
class Semaphore {
    template <ProgrammableCoreType OT>
    friend class Semaphore;

public:
    explicit Semaphore(uint32_t semaphore_id) : local_l1_addr_(get_semaphore<core_type>(semaphore_id)) {}

    // Local increment (a plain read-modify-write of the core's own word, as on the device).
    void up(uint32_t value) { emu::k::sem_add(local_l1_addr_, value, "Semaphore::up"); }

    // Atomic increment of this semaphore on the core at NOC coordinates (noc_x, noc_y).
    void up(const Noc& noc, uint32_t noc_x, uint32_t noc_y, uint32_t value, uint8_t vc = NOC_UNICAST_WRITE_VC) {
        const uint64_t dest = ::get_noc_addr(noc_x, noc_y, static_cast<uint32_t>(local_l1_addr_), noc.get_noc_id());
        noc_semaphore_inc(dest, value, noc.get_noc_id(), vc);
    }

    // Blocks until the value is at least `value`, then subtracts it.
    void down(uint32_t value) {
        emu::k::sem_wait(local_l1_addr_, value, true, "Semaphore::down");
        emu::k::sem_add(local_l1_addr_, 0u - value, "Semaphore::down");
    }

    void wait(uint32_t value) { noc_semaphore_wait(reinterpret_cast<volatile tt_l1_ptr uint32_t*>(local_l1_addr_), value); }

    void wait_min(uint32_t value) {
        noc_semaphore_wait_min(reinterpret_cast<volatile tt_l1_ptr uint32_t*>(local_l1_addr_), value);
    }

    void set(uint32_t value) { noc_semaphore_set(reinterpret_cast<volatile tt_l1_ptr uint32_t*>(local_l1_addr_), value); }

    template <ProgrammableCoreType dst_core_type = core_type>
    void relay_unicast(const Noc& noc, const Semaphore<dst_core_type>& dst_sem, uint32_t noc_x, uint32_t noc_y) {
        ASSERT(local_l1_addr_ != dst_sem.local_l1_addr_);
        const uint64_t dest = ::get_noc_addr(noc_x, noc_y, static_cast<uint32_t>(dst_sem.local_l1_addr_), noc.get_noc_id());
        noc_semaphore_set_remote(static_cast<uint32_t>(local_l1_addr_), dest, noc.get_noc_id());
    }

    // Sets this semaphore, on every core of the rectangle, to its value here.
    template <NocOptions opts = NocOptions::DEFAULT>
    void set_multicast(const Noc& noc, uint32_t noc_x_start, uint32_t noc_y_start, uint32_t noc_x_end, uint32_t noc_y_end,
                       uint32_t num_dests, bool linked = false) {
        multicast_value<opts>(noc, local_l1_addr_, noc_x_start, noc_y_start, noc_x_end, noc_y_end, num_dests, linked);
    }

    template <NocOptions opts = NocOptions::DEFAULT, ProgrammableCoreType dst_core_type = core_type>
    void relay_multicast(const Noc& noc, const Semaphore<dst_core_type>& dst_sem, uint32_t noc_x_start, uint32_t noc_y_start,
                         uint32_t noc_x_end, uint32_t noc_y_end, uint32_t num_dests, bool linked = false) {
        ASSERT(local_l1_addr_ != dst_sem.local_l1_addr_);
        multicast_value<opts>(noc, dst_sem.local_l1_addr_, noc_x_start, noc_y_start, noc_x_end, noc_y_end, num_dests, linked);
    }

    // Atomically increments this semaphore on every core of the rectangle (not the sender).
    void inc_multicast(const Noc& noc, uint32_t noc_x_start, uint32_t noc_y_start, uint32_t noc_x_end, uint32_t noc_y_end,
                       uint32_t value, uint32_t num_dests) {
        const uint64_t mcast = ::get_noc_multicast_addr(noc_x_start, noc_y_start, noc_x_end, noc_y_end,
                                                        static_cast<uint32_t>(local_l1_addr_), noc.get_noc_id());
        noc_semaphore_inc_multicast(mcast, value, num_dests, noc.get_noc_id());
    }

private:
    uintptr_t local_l1_addr_;

    template <NocOptions opts>
    void multicast_value(const Noc& noc, uintptr_t dst_addr, uint32_t xs, uint32_t ys, uint32_t xe, uint32_t ye,
                         uint32_t num_dests, bool linked) {
        const uint64_t mcast =
            ::get_noc_multicast_addr(xs, ys, xe, ye, static_cast<uint32_t>(dst_addr), noc.get_noc_id());
        if constexpr (has_flag(opts, NocOptions::MCAST_INCL_SRC)) {
            noc_semaphore_set_multicast_loopback_src(static_cast<uint32_t>(local_l1_addr_), mcast, num_dests, linked,
                                                     noc.get_noc_id());
        } else {
            noc_semaphore_set_multicast(static_cast<uint32_t>(local_l1_addr_), mcast, num_dests, linked, noc.get_noc_id());
        }
    }
};
