// tt-emu: DataflowBuffer (tt-metal v0.74.0 api/dataflow/dataflow_buffer.h). On Wormhole and
// Blackhole (tt-1xx) a dataflow buffer is a circular buffer by another name: `DataflowBuffer(id)`
// with reserve_back / push_back / wait_front / pop_front, get_write_ptr / get_read_ptr, and the
// CB descriptors' constants (get_tile_size, get_dataformat, ...), on the data-movement cores and on
// the compute core; on the data-movement cores also the NOC traits that make it the source (read
// pointer) or destination (write pointer) of a Noc transfer, like CircularBuffer's. ttnn's kernel
// helpers (kernel_lib/*_helpers_*) use it. The calls are the CB calls, with their checks.
#pragma once

#include <cstdint>

#include "api/dataflow/circular_buffer.h"
#include "emu/cb_descriptors.h"
#include "internal/circular_buffer_interface.h"

struct DFBAccessor {
    explicit constexpr DFBAccessor(uint16_t id) noexcept : id_(id) {}
    constexpr operator uint32_t() const noexcept { return id_; }

private:
    uint16_t id_;
};

class DataflowBuffer {
public:
    using DFBInterface = LocalCBInterface;

    DataflowBuffer(DFBAccessor accessor) : DataflowBuffer(static_cast<uint16_t>(accessor)) {}
    DataflowBuffer(uint16_t logical_dfb_id) : logical_dfb_id_(logical_dfb_id) {}

    uint16_t get_id() const { return logical_dfb_id_; }
    uint32_t get_entry_size() const { return emu::k::cb_page_size(logical_dfb_id_); }
    uint32_t get_stride_size() const { return emu::k::cb_page_size(logical_dfb_id_); }

    void reserve_back(uint16_t num_entries) { emu::k::cb_reserve_back(logical_dfb_id_, num_entries); }
    void push_back(uint16_t num_entries) { emu::k::cb_push_back(logical_dfb_id_, num_entries); }
    void wait_front(uint16_t num_entries) { emu::k::cb_wait_front(logical_dfb_id_, num_entries); }
    void pop_front(uint16_t num_entries) { emu::k::cb_pop_front(logical_dfb_id_, num_entries); }

#ifndef COMPILE_FOR_TRISC
    bool pages_reservable_at_back(int32_t num_pages) const {
        return emu::k::cb_pages_reservable_at_back(logical_dfb_id_, num_pages);
    }
    bool pages_available_at_front(int32_t num_pages) const {
        return emu::k::cb_pages_available_at_front(logical_dfb_id_, num_pages);
    }
#endif

#ifdef TT_EMU_CB_DESCRIPTORS
    constexpr uint32_t get_tile_size() const { return unpack_tile_size[logical_dfb_id_]; }
    constexpr uint32_t get_tile_r_dim() const { return unpack_tile_r_dim[logical_dfb_id_]; }
    constexpr uint32_t get_tile_c_dim() const { return unpack_tile_c_dim[logical_dfb_id_]; }
    constexpr uint32_t get_tile_hw() const { return get_tile_r_dim() * get_tile_c_dim(); }
    constexpr uint32_t get_tile_num_faces() const { return unpack_tile_num_faces[logical_dfb_id_]; }
    constexpr uint32_t get_face_r_dim() const { return unpack_tile_face_r_dim[logical_dfb_id_]; }
    constexpr DataFormat get_dataformat() const { return static_cast<DataFormat>(unpack_src_format[logical_dfb_id_]); }
#endif

#ifdef COMPILE_FOR_TRISC
    uint32_t get_tile_address(uint32_t tile_index) { return emu::k::cb_front_tile_addr(logical_dfb_id_, tile_index); }
    uint32_t read_tile_value(uint32_t tile_index, uint32_t element_offset) {
        const uint32_t address = emu::k::cb_front_tile_addr(logical_dfb_id_, tile_index);
        return reinterpret_cast<volatile uint32_t*>(static_cast<uintptr_t>(address))[element_offset];
    }
#endif

    // Nothing to finish on tt-1xx (Quasar's transaction-id bookkeeping).
    void finish() {}

    // As CircularBuffer's: bytes on the data-movement cores, 16-byte units on the compute core.
    uint32_t get_write_ptr() const { return CircularBuffer(logical_dfb_id_).get_write_ptr(); }
    uint32_t get_read_ptr() const { return CircularBuffer(logical_dfb_id_).get_read_ptr(); }

    [[nodiscard]] auto scoped_lock() {
        return Lock([] {});
    }

private:
    uint16_t logical_dfb_id_;
};

#ifndef COMPILE_FOR_TRISC

template <>
struct noc_traits_t<DataflowBuffer> {
    using src_args_type = DataflowBufferArgs;
    using dst_args_type = DataflowBufferArgs;
    template <Noc::AddressType address_type>
    static auto src_addr(const DataflowBuffer& src, const Noc&, const src_args_type& args) {
        static_assert(address_type == Noc::AddressType::LOCAL_L1, "DataflowBuffer can only be used as L1 source");
        return src.get_read_ptr() + args.offset_bytes;
    }
    template <Noc::AddressType address_type>
    static auto dst_addr(const DataflowBuffer& dst, const Noc&, const dst_args_type& args) {
        static_assert(address_type == Noc::AddressType::LOCAL_L1, "DataflowBuffer can only be used as L1 destination");
        return dst.get_write_ptr() + args.offset_bytes;
    }
};

#endif  // !COMPILE_FOR_TRISC
