// tt-emu: how a TensorAccessor is addressed in Noc transfers (tt-metal v0.74.0
// api/tensor/noc_traits.h): its arguments are a page id and a byte offset in the page,
//   noc.async_read(accessor, cb, bytes, {.page_id = id, .offset_bytes = 0}, {...});
// and the address is accessor.get_noc_addr(page_id, offset_bytes): checked against the tensor's
// buffer (a page past its end is a fault naming the call, kernel and core).
// (The emulator has interleaved DRAM tensors only, so no Page / PageView / ShardView traits.)
#pragma once

#include <cstdint>
#include <type_traits>

#include "api/dataflow/noc.h"
#include "api/debug/assert.h"
#include "api/tensor/tensor_accessor.h"

template <>
struct noc_traits_t<TensorAccessor> {
    struct src_args_type {
        uint32_t page_id{};
        uint32_t offset_bytes = 0;
    };
    struct dst_args_type {
        uint32_t page_id{};
        uint32_t offset_bytes = 0;
    };
    template <Noc::AddressType address_type>
    static auto src_addr(const TensorAccessor& src, const Noc& noc, const src_args_type& args)
        -> std::conditional_t<address_type == Noc::AddressType::LOCAL_L1, uint32_t, uint64_t> {
        uint64_t noc_addr = src.get_noc_addr(args.page_id, args.offset_bytes, noc.get_noc_id());
        if constexpr (address_type == Noc::AddressType::LOCAL_L1) {
            ASSERT(noc.is_local_addr(noc_addr));
            return static_cast<uint32_t>(noc_addr);
        }
        return noc_addr;
    }
    template <Noc::AddressType address_type>
    static auto dst_addr(const TensorAccessor& dst, const Noc& noc, const dst_args_type& args)
        -> std::conditional_t<address_type == Noc::AddressType::LOCAL_L1, uint32_t, uint64_t> {
        uint64_t noc_addr = dst.get_noc_addr(args.page_id, args.offset_bytes, noc.get_noc_id());
        if constexpr (address_type == Noc::AddressType::LOCAL_L1) {
            ASSERT(noc.is_local_addr(noc_addr));
            return static_cast<uint32_t>(noc_addr);
        }
        return noc_addr;
    }
};
