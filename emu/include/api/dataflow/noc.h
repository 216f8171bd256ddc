// tt-emu: the object-style NOC API of tt-metal v0.74.0 (api/dataflow/noc.h): `Noc` with
// async_read / async_write between a source and a destination object, each addressed through
// its `noc_traits_t` (a TensorAccessor page: api/tensor/noc_traits.h; a CircularBuffer's read
// or write pointer: api/dataflow/circular_buffer.h), the stateful variants and the barriers.
//
//   Noc noc;
//   noc.async_read(accessor, cb, bytes, {.page_id = id}, {.offset_bytes = 0});
//   noc.async_read_barrier();
//   noc.async_write(cb, accessor, bytes, {}, {.page_id = id});
//   noc.async_writes_flushed();
//
// The transfers are the free functions' (dataflow_api.h): carried out when issued, with the same
// checks (page ids against the tensor, CB pages secured, barriers before push / pop). A
// `Noc` holds only its NOC index, as on the device; the state that set_async_read_state /
// set_async_write_state program lives, like the NOC command buffers it stands for, per kernel
// thread and NOC: a *_with_state transfer goes to the endpoint (DRAM bank or core) of the last
// set_*_state with the local address of its own arguments, and in one-packet mode
// (max_page_size <= NOC_MAX_BURST_SIZE) with the size the state was set with.
//
// Multicast: async_write_multicast(src, MulticastEndpoint, bytes, num_dsts, src_args,
// {.noc_x_start, .noc_y_start, .noc_x_end, .noc_y_end, .addr}) is dataflow_api.h's
// noc_async_write_multicast (NocOptions::MCAST_INCL_SRC: the _loopback_src variant), with its
// checks (rectangle inside the grid and not inverted, num_dests, L1 range); endpoints.h has the
// endpoints, noc_semaphore.h the Semaphore object, core_local_mem.h CoreLocalMem.
//
// async_write_zeros(dst, bytes[, {.offset_bytes}]) zeroes a CircularBuffer's or DataflowBuffer's
// reserved pages at its write pointer (checked like a NOC read's destination; a push before
// write_zeros_l1_barrier is a fault).
//
// Transaction ids (NocOptions::TXN_ID, NocOptVals::trid): a read or write with an id is an ordinary
// transfer; a barrier or flush for one id waits for all of the NOC's transfers of that kind (a
// superset of the id's, so never too early; the model may wait longer than the device, which
// tracks ids separately: docs/perf_model.md).
//
// Not emulated (a use does not compile): inline_dw_write,
// async_write_zeros to a DRAM tensor (its scratch overload).
#pragma once

#include <cstdint>
#include <type_traits>

#include "api/dataflow/dataflow_api.h"

class CircularBuffer;
class DataflowBuffer;

// The arguments of the DataflowBuffer overloads (api/dataflow/dataflow_buffer.h).
struct DataflowBufferArgs {
    uint32_t offset_bytes{};
};

template <typename T>
struct noc_traits_t {
    static_assert(sizeof(T) == 0, "NoC transactions are not supported for this type");
};

enum class NocOptions : uint32_t {
    DEFAULT = 0,
    TXN_ID = 1u << 0,
    POSTED = 1u << 1,
    CUSTOM_VC = 1u << 2,
    MCAST_INCL_SRC = 1u << 3,
    INLINE_L1 = 1u << 4,
    INLINE_REG = 1u << 5,
};

constexpr NocOptions operator|(NocOptions a, NocOptions b) noexcept {
    return static_cast<NocOptions>(static_cast<uint32_t>(a) | static_cast<uint32_t>(b));
}

constexpr bool has_flag(NocOptions opts, NocOptions flag) noexcept {
    return (static_cast<uint32_t>(opts) & static_cast<uint32_t>(flag)) != 0;
}

#ifndef NOC_UNICAST_WRITE_VC
#define NOC_UNICAST_WRITE_VC 1
#endif

// Virtual channels only order traffic on the device; the emulator's transfers complete in issue
// order, so `vc` is accepted and has no effect.
struct NocOptVals {
    uint32_t vc = NOC_UNICAST_WRITE_VC;
    uint32_t trid = 0;
};

namespace tt_emu_detail {

// What set_async_read_state / set_async_write_state program into a NOC's command buffer.
struct NocCmdState {
    bool read_set = false;
    std::uint64_t read_endpoint = 0;  // bits 32..63 of the NOC address
    std::uint32_t read_size = 0;
    bool write_set = false;
    std::uint64_t write_endpoint = 0;
    std::uint32_t write_size = 0;
};

inline thread_local NocCmdState noc_cmd_state[2];

inline NocCmdState& cmd_state(std::uint8_t noc) { return noc_cmd_state[noc & 1]; }

}  // namespace tt_emu_detail

class Noc {
public:
    enum class AddressType { NOC, LOCAL_L1 };

    static constexpr uint32_t INVALID_TXN_ID = 0xFFFFFFFF;

private:
    template <typename T>
    using src_args_t = typename noc_traits_t<T>::src_args_type;
    template <typename T>
    using dst_args_t = typename noc_traits_t<T>::dst_args_type;
    template <typename T>
    using dst_args_mcast_t = typename noc_traits_t<T>::dst_args_mcast_type;

    template <AddressType address_type>
    using addr_underlying_t = std::conditional_t<address_type == AddressType::LOCAL_L1, uintptr_t, uint64_t>;

    template <AddressType address_type, typename Src>
    auto get_src_ptr(const Src& src, const src_args_t<Src>& src_args) const {
        return addr_underlying_t<address_type>{noc_traits_t<Src>::template src_addr<address_type>(src, *this, src_args)};
    }

    template <AddressType address_type, typename Dst>
    auto get_dst_ptr(const Dst& dst, const dst_args_t<Dst>& dst_args) const {
        return addr_underlying_t<address_type>{noc_traits_t<Dst>::template dst_addr<address_type>(dst, *this, dst_args)};
    }

    template <AddressType address_type, typename Dst>
    auto get_dst_ptr_mcast(const Dst& dst, const dst_args_mcast_t<Dst>& dst_args) const {
        return addr_underlying_t<address_type>{
            noc_traits_t<Dst>::template dst_addr_mcast<address_type>(dst, *this, dst_args)};
    }

    template <NocOptions opts>
    static constexpr void check_options() {
        static_assert(!has_flag(opts, NocOptions::MCAST_INCL_SRC) && !has_flag(opts, NocOptions::INLINE_L1) &&
                          !has_flag(opts, NocOptions::INLINE_REG),
                      "tt-emu: NocOptions::MCAST_INCL_SRC applies to async_write_multicast only; inline writes are not emulated");
    }

public:
    Noc() : noc_id_(noc_index) {}
    explicit Noc(uint8_t noc_id) : noc_id_(noc_id) {}

    uint8_t get_noc_id() const { return noc_id_; }

    // NOC coordinates are logical core coordinates in the emulator.
    bool is_local_bank(uint32_t virtual_x, uint32_t virtual_y) const {
        return virtual_x == emu::k::core_x() && virtual_y == emu::k::core_y();
    }

    bool is_local_addr(const uint64_t noc_addr) const { return emu::k::noc_addr_is_local(noc_addr); }

    // Reads `size_bytes` from `src` (a NOC address: a tensor page, ...) into `dst` (an L1 address
    // of this core: a CB's write pointer, ...).
    template <NocOptions opts = NocOptions::DEFAULT, uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1,
              bool enable_noc_tracing = true, typename Src, typename Dst>
    void async_read(const Src& src, const Dst& dst, uint32_t size_bytes, const src_args_t<Src>& src_args,
                    const dst_args_t<Dst>& dst_args, const NocOptVals& noc_opts = {}) const {
        check_options<opts>();
        (void)noc_opts;
        emu::k::note_call("Noc::async_read");
        const uint64_t src_addr = get_src_ptr<AddressType::NOC>(src, src_args);
        const auto dst_addr = static_cast<uint32_t>(get_dst_ptr<AddressType::LOCAL_L1>(dst, dst_args));
        emu::k::note_call(nullptr);
        emu::k::noc_read(src_addr, dst_addr, size_bytes, noc_id_);
    }

    // Programs the read command buffer with `src`'s endpoint and `size_bytes`.
    template <NocOptions opts = NocOptions::DEFAULT, uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1, typename Src>
    void set_async_read_state(const Src& src, uint32_t size_bytes, const src_args_t<Src>& src_args,
                              const NocOptVals& noc_opts = {}) const {
        check_options<opts>();
        (void)noc_opts;
        emu::k::note_call("Noc::set_async_read_state");
        const uint64_t src_addr = get_src_ptr<AddressType::NOC>(src, src_args);
        emu::k::note_call(nullptr);
        auto& state = tt_emu_detail::cmd_state(noc_id_);
        state.read_set = true;
        state.read_endpoint = src_addr >> 32;
        state.read_size = size_bytes;
    }

    // A read from the endpoint set_async_read_state programmed, at `src`'s local address.
    template <NocOptions opts = NocOptions::DEFAULT, uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1, typename Src,
              typename Dst>
    void async_read_with_state(const Src& src, const Dst& dst, uint32_t size_bytes, const src_args_t<Src>& src_args,
                               const dst_args_t<Dst>& dst_args, const NocOptVals& noc_opts = {}) const {
        check_options<opts>();
        (void)noc_opts;
        const auto& state = tt_emu_detail::cmd_state(noc_id_);
        if (!state.read_set) {
            emu::k::fail("Noc::async_read_with_state without a set_async_read_state on this NOC");
        }
        emu::k::note_call("Noc::async_read_with_state");
        const auto local = static_cast<uint32_t>(get_src_ptr<AddressType::NOC>(src, src_args));
        const auto dst_addr = static_cast<uint32_t>(get_dst_ptr<AddressType::LOCAL_L1>(dst, dst_args));
        emu::k::note_call(nullptr);
        const uint32_t size = max_page_size <= NOC_MAX_BURST_SIZE ? state.read_size : size_bytes;
        emu::k::noc_read((state.read_endpoint << 32) | local, dst_addr, size, noc_id_);
    }

    // Writes `size_bytes` from `src` (an L1 address of this core: a CB's read pointer, ...) to
    // `dst` (a NOC address: a tensor page, ...).
    template <NocOptions opts = NocOptions::DEFAULT, uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1,
              bool enable_noc_tracing = true, typename Src, typename Dst>
    void async_write(const Src& src, const Dst& dst, uint32_t size_bytes, const src_args_t<Src>& src_args,
                     const dst_args_t<Dst>& dst_args, const NocOptVals& noc_opts = {}) const {
        check_options<opts>();
        (void)noc_opts;
        emu::k::note_call("Noc::async_write");
        const auto src_addr = static_cast<uint32_t>(get_src_ptr<AddressType::LOCAL_L1>(src, src_args));
        const uint64_t dst_addr = get_dst_ptr<AddressType::NOC>(dst, dst_args);
        emu::k::note_call(nullptr);
        emu::k::noc_write(src_addr, dst_addr, size_bytes, noc_id_);
    }

    // Writes `size_bytes` from `src` (an L1 address of this core) to the same L1 address on every
    // core of the rectangle `dst_args` names (a MulticastEndpoint); num_dsts counts the cores
    // written (with NocOptions::MCAST_INCL_SRC the sender too).
    template <NocOptions opts = NocOptions::DEFAULT, uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1,
              bool enable_noc_tracing = true, typename Src, typename Dst>
    void async_write_multicast(const Src& src, const Dst& dst, uint32_t size_bytes, uint32_t num_dsts,
                               const src_args_t<Src>& src_args, const dst_args_mcast_t<Dst>& dst_args,
                               bool linked = false) const {
        static_assert(!has_flag(opts, NocOptions::TXN_ID), "Mcasts with transaction id are not supported yet");
        static_assert(!has_flag(opts, NocOptions::POSTED), "Mcasts with posted transactions are not supported");
        emu::k::note_call("Noc::async_write_multicast");
        const auto src_addr = static_cast<uint32_t>(get_src_ptr<AddressType::LOCAL_L1>(src, src_args));
        const uint64_t dst_addr = get_dst_ptr_mcast<AddressType::NOC>(dst, dst_args);
        emu::k::note_call(nullptr);
        if constexpr (has_flag(opts, NocOptions::MCAST_INCL_SRC)) {
            noc_async_write_multicast_loopback_src(src_addr, dst_addr, size_bytes, num_dsts, linked, noc_id_);
        } else {
            noc_async_write_multicast<max_page_size>(src_addr, dst_addr, size_bytes, num_dsts, linked, noc_id_);
        }
    }

    template <NocOptions opts = NocOptions::DEFAULT, uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1, typename Dst>
    void set_async_write_state(const Dst& dst, uint32_t size_bytes, const dst_args_t<Dst>& dst_args,
                               const NocOptVals& noc_opts = {}) const {
        check_options<opts>();
        (void)noc_opts;
        emu::k::note_call("Noc::set_async_write_state");
        const uint64_t dst_addr = get_dst_ptr<AddressType::NOC>(dst, dst_args);
        emu::k::note_call(nullptr);
        auto& state = tt_emu_detail::cmd_state(noc_id_);
        state.write_set = true;
        state.write_endpoint = dst_addr >> 32;
        state.write_size = size_bytes;
    }

    template <NocOptions opts = NocOptions::DEFAULT, uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1, typename Src,
              typename Dst>
    void async_write_with_state(const Src& src, const Dst& dst, uint32_t size_bytes, const src_args_t<Src>& src_args,
                                const dst_args_t<Dst>& dst_args, const NocOptVals& noc_opts = {}) const {
        check_options<opts>();
        (void)noc_opts;
        const auto& state = tt_emu_detail::cmd_state(noc_id_);
        if (!state.write_set) {
            emu::k::fail("Noc::async_write_with_state without a set_async_write_state on this NOC");
        }
        emu::k::note_call("Noc::async_write_with_state");
        const auto src_addr = static_cast<uint32_t>(get_src_ptr<AddressType::LOCAL_L1>(src, src_args));
        const auto local = static_cast<uint32_t>(get_dst_ptr<AddressType::NOC>(dst, dst_args));
        emu::k::note_call(nullptr);
        const uint32_t size = max_page_size <= NOC_MAX_BURST_SIZE ? state.write_size : size_bytes;
        emu::k::noc_write(src_addr, (state.write_endpoint << 32) | local, size, noc_id_);
    }

    template <NocOptions opts = NocOptions::DEFAULT>
    void async_read_barrier(const NocOptVals& noc_opts = {}) const {
        check_options<opts>();
        (void)noc_opts;
        noc_async_read_barrier(noc_id_);
    }

    template <NocOptions opts = NocOptions::DEFAULT>
    void async_write_barrier(const NocOptVals& noc_opts = {}) const {
        check_options<opts>();
        (void)noc_opts;
        noc_async_write_barrier(noc_id_);
    }

    // The writes have left L1 (their sources may be reused), not necessarily arrived.
    template <NocOptions opts = NocOptions::DEFAULT>
    void async_writes_flushed(const NocOptVals& noc_opts = {}) const {
        check_options<opts>();
        (void)noc_opts;
        if constexpr (has_flag(opts, NocOptions::POSTED)) {
            noc_async_posted_writes_flushed(noc_id_);
        } else {
            noc_async_writes_flushed(noc_id_);
        }
    }

    // Zeroes `size_bytes` of this core's L1 at `dst` (a CircularBuffer or DataflowBuffer: its write
    // pointer, plus the offset of `args`).
    template <typename Dst>
    void async_write_zeros(const Dst& dst, uint32_t size_bytes, const dst_args_t<Dst>& args = {}) const {
        emu::k::note_call("Noc::async_write_zeros");
        const auto dst_addr = static_cast<uint32_t>(get_dst_ptr<AddressType::LOCAL_L1>(dst, args));
        emu::k::note_call(nullptr);
        emu::k::noc_write_zeros(dst_addr, size_bytes, noc_id_);
    }
    void write_zeros_l1_barrier() const { emu::k::noc_write_zeros_barrier(noc_id_); }

    void async_atomic_barrier() const { noc_async_atomic_barrier(noc_id_); }

    void async_full_barrier() const { noc_async_full_barrier(noc_id_); }

private:
    uint8_t noc_id_;
};
