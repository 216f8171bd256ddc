// tt-emu: the data-movement kernel API of tt-metal v0.74.0 (api/dataflow/dataflow_api.h), the
// free-function style: runtime and compile-time arguments, circular buffers, NOC transfers of
// pages through address generators (TensorAccessor), barriers.
//
// Semantics kept from the device:
// - cb_reserve_back / cb_wait_front block until the CB has that many free / filled pages; the
//   pointers wrap only at the end of the CB (a reservation or wait that would run past the end
//   is a fault: the CB size must be a multiple of the transfer, as tt-metal documents);
// - cb_wait_front is cumulative (n is a total, not an increment);
// - get_write_ptr / get_read_ptr return the L1 address of the back / front of the CB; L1
//   addresses are real host addresses below 4 GiB, so a kernel may also dereference them;
// - a NOC transfer is carried out when issued; the barriers (and the checks at cb_push_back /
//   cb_pop_front) enforce that a page is pushed only after its read barrier and popped only
//   after its write barrier.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdint.h>
#include <tuple>
#include <type_traits>
#include <utility>

#include "api/compile_time_args.h"
#include "api/debug/assert.h"
#include "api/tensor/tensor_accessor.h"
#include "emu/cb_descriptors.h"
#include "emu/kernel.h"
#include "emu/noc_index.h"
#include "hostdevcommon/common_values.hpp"  // VALID / INVALID, as the real dataflow_api.h
#include "hostdevcommon/kernel_structs.h"
#include "internal/circular_buffer_interface.h"
#include "noc/noc_parameters.h"  // the real one reaches it through internal/firmware_common.h

#ifdef TT_EMU_CB_DESCRIPTORS
#define DATA_FORMATS_DEFINED
#endif

using tt::DataFormat;

#ifndef NOC_MAX_BURST_SIZE
#define NOC_MAX_BURST_SIZE 8192
#endif
#ifndef NOC_UNICAST_WRITE_VC
#define NOC_UNICAST_WRITE_VC 1
#endif
#ifndef NOC_MULTICAST_WRITE_VC
#define NOC_MULTICAST_WRITE_VC 4
#endif

// The programmable core types (tt-metal's core_config.h); the emulator's cores are Tensix workers.
#ifndef TT_EMU_PROGRAMMABLE_CORE_TYPE_DEFINED
#define TT_EMU_PROGRAMMABLE_CORE_TYPE_DEFINED
enum class ProgrammableCoreType { TENSIX = 0, ACTIVE_ETH = 1, IDLE_ETH = 2, COUNT = 3 };
#endif

// ------------------------------------------------------------------ identity and arguments

inline uint8_t get_absolute_logical_x() { return static_cast<uint8_t>(emu::k::core_x()); }
inline uint8_t get_absolute_logical_y() { return static_cast<uint8_t>(emu::k::core_y()); }
inline uint8_t get_relative_logical_x() { return static_cast<uint8_t>(emu::k::core_x()); }
inline uint8_t get_relative_logical_y() { return static_cast<uint8_t>(emu::k::core_y()); }

#include "emu/runtime_args.h"

// ------------------------------------------------------------------ circular buffers

FORCE_INLINE void cb_push_back(const int32_t operand, const int32_t num_pages) {
    emu::k::cb_push_back(operand, num_pages);
}

FORCE_INLINE void cb_pop_front(int32_t operand, int32_t num_pages) { emu::k::cb_pop_front(operand, num_pages); }

// The CB's tile size (bytes of one 32x32 tile of its data format), tile area, faces and data
// format. On the device these read the constexpr tables the JIT generates from the program's CBs
// (chlkc_descriptors.h); the emulator's kernel builds get the same tables (emu/cb_descriptors.h),
// so these are constant expressions too. A kernel built without them (the emulator's built-in
// test kernels) looks the CB up at run time instead.
#ifdef DATA_FORMATS_DEFINED
constexpr inline std::int32_t get_tile_size(const std::int32_t operand) {
    return static_cast<std::int32_t>(emu::cb_desc::entry(operand).tile_size);
}
constexpr inline uint32_t get_tile_hw(const std::int32_t operand) {
    (void)emu::cb_desc::entry(operand);
    return 32 * 32;
}
constexpr inline uint32_t get_tile_num_faces(const std::int32_t operand) {
    (void)emu::cb_desc::entry(operand);
    return 4;
}
constexpr inline DataFormat get_dataformat(const std::int32_t operand) {
    return static_cast<DataFormat>(emu::cb_desc::entry(operand).format);
}
#else
inline std::int32_t get_tile_size(const std::int32_t operand) {
    return static_cast<std::int32_t>(tt::tile_size_bytes(emu::k::cb_data_format(operand)));
}
inline uint32_t get_tile_hw(const std::int32_t) { return 32 * 32; }
inline uint32_t get_tile_num_faces(const std::int32_t) { return 4; }
inline DataFormat get_dataformat(const std::int32_t operand) { return emu::k::cb_data_format(operand); }
#endif

FORCE_INLINE uint32_t get_write_ptr(uint32_t operand) { return emu::k::cb_write_ptr(operand); }
FORCE_INLINE uint32_t get_read_ptr(uint32_t operand) { return emu::k::cb_read_ptr(operand); }

FORCE_INLINE bool cb_pages_reservable_at_back(int32_t operand, int32_t num_pages) {
    return emu::k::cb_pages_reservable_at_back(operand, num_pages);
}
FORCE_INLINE void cb_reserve_back(int32_t operand, int32_t num_pages) { emu::k::cb_reserve_back(operand, num_pages); }
FORCE_INLINE bool cb_pages_available_at_front(int32_t operand, int32_t num_pages) {
    return emu::k::cb_pages_available_at_front(operand, num_pages);
}
FORCE_INLINE void cb_wait_front(int32_t operand, int32_t num_pages) { emu::k::cb_wait_front(operand, num_pages); }

// ------------------------------------------------------------------ NOC addresses

FORCE_INLINE uint64_t get_noc_addr(uint32_t noc_x, uint32_t noc_y, uint32_t addr, uint8_t noc = noc_index) {
    (void)noc;
    return emu::k::core_noc_addr(noc_x, noc_y, addr);
}

FORCE_INLINE uint64_t get_noc_addr(uint32_t addr, uint8_t noc = noc_index) {
    (void)noc;
    return emu::k::core_noc_addr(emu::k::core_x(), emu::k::core_y(), addr);
}

// (Only for address generators, as tt-metal's SFINAE resolver argument has it, so that
// get_noc_addr(x, y, addr) with int arguments picks the core overload above.)
template <typename AddrGen>
    requires requires(const AddrGen& a) { a.get_noc_addr(0u, 0u, uint8_t{0}); }
FORCE_INLINE uint64_t get_noc_addr(const uint32_t id, const AddrGen& addrgen, uint32_t offset = 0,
                                   uint8_t noc = noc_index) {
    return addrgen.get_noc_addr(id, offset, noc);
}

// The deprecated interleaved address generators, kept for tt-metal's older kernels.
template <bool DRAM>
struct InterleavedAddrGen {
    uint32_t bank_base_address;
    uint32_t page_size;
    uint32_t get_aligned_page_size() const { return page_size; }
    uint64_t get_noc_addr(const uint32_t id, const uint32_t offset = 0, uint8_t noc = noc_index) const {
        (void)noc;
        return emu::k::accessor_noc_addr(bank_base_address, page_size, DRAM, id, offset);
    }
};

template <bool DRAM>
struct InterleavedAddrGenFast {
    uint32_t bank_base_address;
    uint32_t page_size;
    DataFormat data_format;
    uint32_t get_aligned_page_size() const { return page_size; }
    uint64_t get_noc_addr(const uint32_t id, const uint32_t offset = 0, uint8_t noc = noc_index) const {
        (void)noc;
        return emu::k::accessor_noc_addr(bank_base_address, page_size, DRAM, id, offset);
    }
};

// The address-generator traits of tt-metal's internal/dataflow/dataflow_api_addrgen.h, which
// kernels test with `if constexpr` (ttnn's SDPA dataflow_common.hpp: has_get_aligned_page_size_v).
template <typename T>
inline constexpr bool has_get_noc_addr_v = requires(const T& t) { t.get_noc_addr(0u); };
template <typename T>
inline constexpr bool has_page_size_v = requires(const T& t) { t.page_size; };
template <typename T>
inline constexpr bool has_get_aligned_page_size_v = requires(const T& t) { t.get_aligned_page_size(); };
template <typename T>
inline constexpr bool has_log_base_2_of_page_size_v = requires(const T& t) { t.log_base_2_of_page_size; };
template <typename T>
inline constexpr bool has_required_addrgen_traits_v =
    has_get_noc_addr_v<T> && (has_get_aligned_page_size_v<T> || has_page_size_v<T> || has_log_base_2_of_page_size_v<T>);

namespace tt_emu_detail {
template <typename AddrGen>
uint32_t page_size_of(const AddrGen& addrgen) {
    if constexpr (requires { addrgen.get_aligned_page_size(); }) {
        return addrgen.get_aligned_page_size();
    } else if constexpr (requires { addrgen.page_size; }) {
        return addrgen.page_size;
    } else {
        return 1u << addrgen.log_base_2_of_page_size;
    }
}
}  // namespace tt_emu_detail

// ------------------------------------------------------------------ NOC transfers

template <bool enable_noc_tracing = true>
FORCE_INLINE void noc_async_read_one_packet(uint64_t src_noc_addr, uint32_t dst_local_l1_addr, uint32_t size,
                                            uint8_t noc = noc_index) {
    emu::k::noc_read(src_noc_addr, dst_local_l1_addr, size, noc);
}

template <uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1, bool enable_noc_tracing = true>
inline void noc_async_read(uint64_t src_noc_addr, uint32_t dst_local_l1_addr, uint32_t size,
                           uint8_t noc = noc_index) {
    emu::k::noc_read(src_noc_addr, dst_local_l1_addr, size, noc);
}

template <bool enable_noc_tracing = true, bool posted = false>
FORCE_INLINE void noc_async_write_one_packet(uint32_t src_local_l1_addr, uint64_t dst_noc_addr, uint32_t size,
                                             uint8_t noc = noc_index) {
    emu::k::noc_write(src_local_l1_addr, dst_noc_addr, size, noc);
}

template <uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1, bool enable_noc_tracing = true, bool posted = false>
inline void noc_async_write(uint32_t src_local_l1_addr, uint64_t dst_noc_addr, uint32_t size,
                            uint8_t noc = noc_index) {
    emu::k::noc_write(src_local_l1_addr, dst_noc_addr, size, noc);
}

template <typename AddrGen, bool enable_noc_tracing = true>
FORCE_INLINE void noc_async_read_page(const uint32_t id, const AddrGen& addrgen, uint32_t dst_local_l1_addr,
                                      uint32_t offset = 0, uint8_t noc = noc_index) {
    const uint32_t page_size = tt_emu_detail::page_size_of(addrgen);
    emu::k::note_call("noc_async_read_page");
    emu::k::noc_read(addrgen.get_noc_addr(id, offset, noc), dst_local_l1_addr, page_size, noc);
}

template <typename AddrGen, bool enable_noc_tracing = true, bool posted = false>
FORCE_INLINE void noc_async_write_page(const uint32_t id, const AddrGen& addrgen, uint32_t src_local_l1_addr,
                                       uint32_t size = 0, uint32_t offset = 0, uint8_t noc = noc_index) {
    const uint32_t page_size = tt_emu_detail::page_size_of(addrgen);
    emu::k::note_call("noc_async_write_page");
    emu::k::noc_write(src_local_l1_addr, addrgen.get_noc_addr(id, offset, noc), size ? size : page_size, noc);
}

template <typename AddrGen>
[[deprecated("Use <typename AddrGen> noc_async_read_page instead.")]]
FORCE_INLINE void noc_async_read_tile(const uint32_t id, const AddrGen& addrgen, uint32_t dst_local_l1_addr,
                                      uint32_t offset = 0, uint8_t noc = noc_index) {
    emu::k::note_call("noc_async_read_tile");
    emu::k::noc_read(addrgen.get_noc_addr(id, offset, noc), dst_local_l1_addr, tt_emu_detail::page_size_of(addrgen),
                     noc);
}

template <typename AddrGen>
[[deprecated("Use <typename AddrGen> noc_async_write_page instead.")]]
FORCE_INLINE void noc_async_write_tile(const uint32_t id, const AddrGen& addrgen, uint32_t src_local_l1_addr,
                                       uint8_t noc = noc_index) {
    emu::k::note_call("noc_async_write_tile");
    emu::k::noc_write(src_local_l1_addr, addrgen.get_noc_addr(id, 0, noc), tt_emu_detail::page_size_of(addrgen),
                      noc);
}

FORCE_INLINE void noc_async_read_barrier(uint8_t noc = noc_index) { emu::k::noc_read_barrier(noc); }
FORCE_INLINE void noc_async_write_barrier(uint8_t noc = noc_index) { emu::k::noc_write_barrier(noc); }
FORCE_INLINE void noc_async_writes_flushed(uint8_t noc = noc_index) { emu::k::noc_writes_flushed(noc); }
FORCE_INLINE void noc_async_posted_writes_flushed(uint8_t noc = noc_index) { emu::k::noc_writes_flushed(noc); }
FORCE_INLINE void noc_async_atomic_barrier(uint8_t noc_idx = noc_index) { emu::k::noc_atomic_barrier(noc_idx); }
FORCE_INLINE void noc_async_full_barrier(uint8_t noc_idx = noc_index) {
    emu::k::noc_read_barrier(noc_idx);
    emu::k::noc_write_barrier(noc_idx);
}

// ------------------------------------------------------------------ multicast
//
// A multicast writes one L1 range of this core to the same L1 address on every core of a
// rectangle of NOC coordinates (get_noc_multicast_addr). Checked: the rectangle lies inside the
// worker grid and is not inverted (on NOC 0 the start is the low corner; on NOC 1 tt-metal's
// callers swap start and end, so the start is the high corner); num_dests is the number of cores
// written: the rectangle less the sender (which a multicast without loopback skips), or, with
// _loopback_src, the rectangle and the sender; the destination range lies inside L1.

FORCE_INLINE
uint64_t get_noc_multicast_addr(uint32_t noc_x_start, uint32_t noc_y_start, uint32_t noc_x_end, uint32_t noc_y_end,
                                uint32_t addr, uint8_t noc = noc_index) {
    (void)noc;
    return emu::k::mcast_noc_addr(noc_x_start, noc_y_start, noc_x_end, noc_y_end, addr);
}

template <bool enable_noc_tracing = true>
FORCE_INLINE void noc_async_write_multicast_one_packet(std::uint32_t src_local_l1_addr, std::uint64_t dst_noc_addr_multicast,
                                                       std::uint32_t size, std::uint32_t num_dests, bool linked = false,
                                                       uint8_t noc = noc_index) {
    (void)linked;
    emu::k::noc_mcast(src_local_l1_addr, dst_noc_addr_multicast, size, num_dests, false, false, noc,
                      "noc_async_write_multicast_one_packet");
}

template <uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1>
inline void noc_async_write_multicast(uint32_t src_local_l1_addr, uint64_t dst_noc_addr_multicast, uint32_t size,
                                      uint32_t num_dests, bool linked = false, uint8_t noc = noc_index,
                                      uint8_t vc = NOC_MULTICAST_WRITE_VC) {
    (void)linked;
    (void)vc;
    emu::k::noc_mcast(src_local_l1_addr, dst_noc_addr_multicast, size, num_dests, false, false, noc,
                      "noc_async_write_multicast");
}

inline void noc_async_write_multicast_loopback_src(std::uint32_t src_local_l1_addr, std::uint64_t dst_noc_addr_multicast,
                                                   std::uint32_t size, std::uint32_t num_dests, bool linked = false,
                                                   uint8_t noc = noc_index) {
    (void)linked;
    emu::k::noc_mcast(src_local_l1_addr, dst_noc_addr_multicast, size, num_dests, true, false, noc,
                      "noc_async_write_multicast_loopback_src");
}

// ------------------------------------------------------------------ semaphores
//
// A semaphore is a 32-bit word in the L1 of each core it was created on (CreateSemaphore), at
// get_semaphore(id). Kernels may read it through the pointer; they change it through these calls
// (a plain store is not seen by the emulator's waiters). noc_semaphore_wait blocks like
// cb_wait_front: a wait that can never be satisfied is a deadlock naming the semaphore and core.

template <ProgrammableCoreType type = ProgrammableCoreType::TENSIX>
FORCE_INLINE uintptr_t get_semaphore(uint32_t semaphore_id) {
    static_assert(type == ProgrammableCoreType::TENSIX, "tt-emu: only Tensix (worker) semaphores are emulated");
    return emu::k::semaphore_addr(semaphore_id);
}

inline void noc_semaphore_set_remote(std::uint32_t src_local_l1_addr, std::uint64_t dst_noc_addr, uint8_t noc = noc_index) {
    emu::k::sem_set_remote(src_local_l1_addr, dst_noc_addr, noc);
}

inline void noc_semaphore_set_multicast(uint32_t src_local_l1_addr, uint64_t dst_noc_addr_multicast, uint32_t num_dests,
                                        bool linked = false, uint8_t noc = noc_index, uint8_t vc = NOC_MULTICAST_WRITE_VC) {
    (void)linked;
    (void)vc;
    emu::k::noc_mcast(src_local_l1_addr, dst_noc_addr_multicast, 4, num_dests, false, true, noc,
                      "noc_semaphore_set_multicast");
}

inline void noc_semaphore_set_multicast_loopback_src(uint32_t src_local_l1_addr, uint64_t dst_noc_addr_multicast,
                                                     uint32_t num_dests, bool linked = false, uint8_t noc = noc_index) {
    (void)linked;
    emu::k::noc_mcast(src_local_l1_addr, dst_noc_addr_multicast, 4, num_dests, true, true, noc,
                      "noc_semaphore_set_multicast_loopback_src");
}

FORCE_INLINE
void noc_semaphore_wait(volatile tt_l1_ptr uint32_t* sem_addr, uint32_t val) {
    emu::k::sem_wait(reinterpret_cast<std::uintptr_t>(sem_addr), val, false, "noc_semaphore_wait");
}

FORCE_INLINE
void noc_semaphore_wait_min(volatile tt_l1_ptr uint32_t* sem_addr, uint32_t val) {
    emu::k::sem_wait(reinterpret_cast<std::uintptr_t>(sem_addr), val, true, "noc_semaphore_wait_min");
}

FORCE_INLINE
void noc_semaphore_set(volatile tt_l1_ptr uint32_t* sem_addr, uint32_t val) {
    emu::k::sem_set(reinterpret_cast<std::uintptr_t>(sem_addr), val, "noc_semaphore_set");
}

template <bool posted = false>
FORCE_INLINE void noc_semaphore_inc(uint64_t addr, uint32_t incr, uint8_t noc_id = noc_index,
                                    uint8_t vc = NOC_UNICAST_WRITE_VC) {
    (void)vc;
    emu::k::sem_inc(addr, incr, noc_id, "noc_semaphore_inc");
}

// Increments the semaphore at the multicast address on every core of the rectangle (the sender
// is not among the destinations; num_dests counts them).
template <bool posted = false>
FORCE_INLINE void noc_semaphore_inc_multicast(uint64_t addr, uint32_t incr, uint32_t num_dests, uint8_t noc_id = noc_index,
                                              uint8_t vc = NOC_MULTICAST_WRITE_VC) {
    (void)vc;
    emu::k::sem_inc_mcast(addr, incr, num_dests, noc_id);
}

// DRAM banks only: the emulator has no L1-interleaved buffers.
template <bool DRAM>
FORCE_INLINE uint64_t get_noc_addr_from_bank_id(uint32_t bank_id, uint32_t bank_address_offset, uint8_t noc = noc_index) {
    static_assert(DRAM, "tt-emu: L1 banks are not emulated (DRAM buffers only)");
    (void)noc;
    return emu::k::dram_bank_noc_addr(bank_id, bank_address_offset);
}
