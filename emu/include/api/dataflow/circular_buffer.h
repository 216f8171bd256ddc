// tt-emu: the object-style circular buffer of tt-metal v0.74.0 (api/dataflow/circular_buffer.h):
// `CircularBuffer(cb_id)` with reserve_back / push_back / wait_front / pop_front and the read and
// write pointers, on the data-movement cores and on the compute core (COMPILE_FOR_TRISC), and,
// on the data-movement cores, the NOC traits that let a CB be the source (its read pointer) or
// destination (its write pointer) of a Noc transfer; use<CircularBuffer::AddrSelector::...>(cb)
// picks the other pointer.
//
// The calls are the free functions' (cb_reserve_back, ...), with the same blocking semantics and
// checks. On the compute core, as on the device, the pointers are in 16-byte units
// (get_local_cb_interface there) and get_tile_address gives a byte address.
#pragma once

#include <cstdint>

#ifdef COMPILE_FOR_TRISC
#include "emu/kernel.h"
#include "hostdevcommon/kernel_structs.h"
#include "internal/circular_buffer_interface.h"
#else
#include "api/dataflow/noc.h"
#endif

#include "api/lock.h"

class CircularBuffer {
public:
    enum class AddrSelector { WRITE_PTR, READ_PTR };

    explicit CircularBuffer(uint32_t cb_id) : cb_id_(cb_id) {}

    uint32_t get_cb_id() const { return cb_id_; }

    void reserve_back(int32_t num_pages) { emu::k::cb_reserve_back(static_cast<int32_t>(cb_id_), num_pages); }

    void push_back(int32_t num_pages) { emu::k::cb_push_back(static_cast<int32_t>(cb_id_), num_pages); }

    void wait_front(int32_t num_pages) { emu::k::cb_wait_front(static_cast<int32_t>(cb_id_), num_pages); }

    void pop_front(int32_t num_pages) { emu::k::cb_pop_front(static_cast<int32_t>(cb_id_), num_pages); }

#ifdef COMPILE_FOR_TRISC
    // Byte address of tile `tile_index` of the pages cb_wait_front secured.
    uint32_t get_tile_address(uint32_t tile_index) { return emu::k::cb_front_tile_addr(cb_id_, tile_index); }

    // Word `element_offset` of that tile.
    uint32_t read_tile_value(uint32_t tile_index, uint32_t element_offset) {
        const uint32_t address = emu::k::cb_front_tile_addr(cb_id_, tile_index);
        return reinterpret_cast<volatile uint32_t*>(static_cast<uintptr_t>(address))[element_offset];
    }
#else
    uint32_t get_tile_size() const { return ::get_tile_size(cb_id_); }
    uint32_t get_tile_hw() const { return ::get_tile_hw(cb_id_); }
    DataFormat get_dataformat() const { return ::get_dataformat(cb_id_); }

    bool pages_reservable_at_back(int32_t num_pages) const {
        return emu::k::cb_pages_reservable_at_back(static_cast<int32_t>(cb_id_), num_pages);
    }

    bool pages_available_at_front(int32_t num_pages) const {
        return emu::k::cb_pages_available_at_front(static_cast<int32_t>(cb_id_), num_pages);
    }
#endif

    // The back of the CB (reserved pages; a fault without a reserve_back).
    uint32_t get_write_ptr() const { return emu::k::cb_write_ptr(cb_id_) >> cb_addr_shift; }

    // The front of the CB (waited-for pages; a fault without a wait_front).
    uint32_t get_read_ptr() const { return emu::k::cb_read_ptr(cb_id_) >> cb_addr_shift; }

    // On the device the lock only marks a region for the NOC debugging profiler.
    [[nodiscard]] auto scoped_lock() {
        return Lock([] {});
    }

private:
    uint32_t cb_id_;
};

#ifndef COMPILE_FOR_TRISC

template <CircularBuffer::AddrSelector AddrSel>
struct CircularBufferView {
    const CircularBuffer& cb;
    explicit constexpr CircularBufferView(const CircularBuffer& c) : cb(c) {}
};

// use<CircularBuffer::AddrSelector::READ_PTR>(cb): the CB's read pointer where a Noc call would use
// its write pointer (as a destination), or the other way round.
template <CircularBuffer::AddrSelector AddrSel>
constexpr auto use(const CircularBuffer& cb) {
    return CircularBufferView<AddrSel>(cb);
}

template <>
struct noc_traits_t<CircularBuffer> {
    struct src_args_type {
        uint32_t offset_bytes{};
    };
    struct dst_args_type {
        uint32_t offset_bytes{};
    };
    template <Noc::AddressType address_type>
    static auto src_addr(const CircularBuffer& src, const Noc&, const src_args_type& args) {
        static_assert(address_type == Noc::AddressType::LOCAL_L1,
                      "CircularBuffer without mcast range can only be used as L1 source");
        return src.get_read_ptr() + args.offset_bytes;
    }
    template <Noc::AddressType address_type>
    static auto dst_addr(const CircularBuffer& dst, const Noc&, const dst_args_type& args) {
        static_assert(address_type == Noc::AddressType::LOCAL_L1,
                      "CircularBuffer without mcast range can only be used as L1 destination");
        return dst.get_write_ptr() + args.offset_bytes;
    }
};

template <CircularBuffer::AddrSelector AddrSel>
struct noc_traits_t<CircularBufferView<AddrSel>> {
    struct src_args_type {
        uint32_t offset_bytes{};
    };
    struct dst_args_type {
        uint32_t offset_bytes{};
    };
    template <Noc::AddressType address_type>
    static auto src_addr(const CircularBufferView<AddrSel>& view, const Noc&, const src_args_type& args) {
        static_assert(address_type == Noc::AddressType::LOCAL_L1,
                      "CircularBuffer without mcast range can only be used as L1 source");
        return local_addr(view) + args.offset_bytes;
    }
    template <Noc::AddressType address_type>
    static auto dst_addr(const CircularBufferView<AddrSel>& view, const Noc&, const dst_args_type& args) {
        static_assert(address_type == Noc::AddressType::LOCAL_L1,
                      "CircularBuffer without mcast range can only be used as L1 destination");
        return local_addr(view) + args.offset_bytes;
    }

private:
    static uint32_t local_addr(const CircularBufferView<AddrSel>& view) {
        if constexpr (AddrSel == CircularBuffer::AddrSelector::READ_PTR) {
            return view.cb.get_read_ptr();
        } else {
            return view.cb.get_write_ptr();
        }
    }
};

#endif  // !COMPILE_FOR_TRISC
