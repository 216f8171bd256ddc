// tt-emu: NOC endpoints of the object-style API (tt-metal v0.74.0 api/dataflow/endpoints.h):
// a core's L1 by NOC coordinates (UnicastEndpoint), a rectangle of cores (MulticastEndpoint, the
// destination of Noc::async_write_multicast) and an allocator bank (AllocatorBank; DRAM only in
// the emulator). They only compute NOC addresses; the transfers are dataflow_api.h's.
#pragma once

#include "api/dataflow/noc.h"

struct UnicastEndpoint {
    uint64_t get_noc_unicast_addr(uint32_t noc_x, uint32_t noc_y, uint32_t addr, uint8_t noc) const {
        return ::get_noc_addr(noc_x, noc_y, addr, noc);
    }
};

struct MulticastEndpoint {
    uint64_t get_noc_multicast_addr(uint32_t noc_x_start, uint32_t noc_y_start, uint32_t noc_x_end, uint32_t noc_y_end,
                                    uint32_t addr, uint8_t noc) const {
        return ::get_noc_multicast_addr(noc_x_start, noc_y_start, noc_x_end, noc_y_end, addr, noc);
    }
};

enum class AllocatorBankType { L1, DRAM };

template <AllocatorBankType bank_type>
struct AllocatorBank {
    uint64_t get_noc_addr_from_bank_id(uint32_t bank_id, uint32_t addr, uint8_t noc) const {
        return ::get_noc_addr_from_bank_id<bank_type == AllocatorBankType::DRAM>(bank_id, addr, noc);
    }
};

template <>
struct noc_traits_t<UnicastEndpoint> {
    struct src_args_type {
        uint32_t noc_x{};
        uint32_t noc_y{};
        uint32_t addr{};
    };
    struct dst_args_type {
        uint32_t noc_x{};
        uint32_t noc_y{};
        uint32_t addr{};
    };
    template <Noc::AddressType address_type>
    static auto src_addr(const UnicastEndpoint& ep, const Noc& noc, const src_args_type& a) {
        if constexpr (address_type == Noc::AddressType::LOCAL_L1) {
            return a.addr;
        } else {
            return ep.get_noc_unicast_addr(a.noc_x, a.noc_y, a.addr, noc.get_noc_id());
        }
    }
    template <Noc::AddressType address_type>
    static auto dst_addr(const UnicastEndpoint& ep, const Noc& noc, const dst_args_type& a) {
        if constexpr (address_type == Noc::AddressType::LOCAL_L1) {
            return a.addr;
        } else {
            return ep.get_noc_unicast_addr(a.noc_x, a.noc_y, a.addr, noc.get_noc_id());
        }
    }
};

template <>
struct noc_traits_t<MulticastEndpoint> {
    struct dst_args_mcast_type {
        uint32_t noc_x_start{};
        uint32_t noc_y_start{};
        uint32_t noc_x_end{};
        uint32_t noc_y_end{};
        uint32_t addr{};
    };
    template <Noc::AddressType address_type>
    static auto dst_addr_mcast(const MulticastEndpoint& ep, const Noc& noc, const dst_args_mcast_type& a) {
        static_assert(address_type == Noc::AddressType::NOC, "a MulticastEndpoint is a NOC destination");
        return ep.get_noc_multicast_addr(a.noc_x_start, a.noc_y_start, a.noc_x_end, a.noc_y_end, a.addr, noc.get_noc_id());
    }
};

template <AllocatorBankType bank_type>
struct noc_traits_t<AllocatorBank<bank_type>> {
    struct src_args_type {
        uint32_t bank_id{};
        uint32_t addr{};
    };
    struct dst_args_type {
        uint32_t bank_id{};
        uint32_t addr{};
    };
    template <Noc::AddressType address_type>
    static auto src_addr(const AllocatorBank<bank_type>& bank, const Noc& noc, const src_args_type& a) {
        static_assert(address_type == Noc::AddressType::NOC, "an AllocatorBank is a NOC address");
        return bank.get_noc_addr_from_bank_id(a.bank_id, a.addr, noc.get_noc_id());
    }
    template <Noc::AddressType address_type>
    static auto dst_addr(const AllocatorBank<bank_type>& bank, const Noc& noc, const dst_args_type& a) {
        static_assert(address_type == Noc::AddressType::NOC, "an AllocatorBank is a NOC address");
        return bank.get_noc_addr_from_bank_id(a.bank_id, a.addr, noc.get_noc_id());
    }
};
