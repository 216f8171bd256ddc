// tt-emu: TensorAccessor over an interleaved buffer, as tt-metal v0.74.0's
// api/tensor/tensor_accessor.h: `TensorAccessor(args, bank_base_address, page_size)`.
//
// Page `id` of an interleaved buffer lives in bank `id % num_banks` at bank offset
// `bank_base_address + (id / num_banks) * aligned_page_size`. The emulator's runtime does that
// mapping (it knows the device's bank count) and checks the page id against the buffer found at
// `bank_base_address`: a page past the tensor's end is a fault, reported with kernel and core.
#pragma once

#include <cstddef>
#include <cstdint>

#include "api/tensor/tensor_accessor_args.h"
#include "emu/kernel.h"
#include "emu/noc_index.h"

struct TensorAccessor {
    template <std::size_t CTA_OFFSET, std::size_t CRTA_OFFSET>
    TensorAccessor(
        const TensorAccessorArgs<CTA_OFFSET, CRTA_OFFSET>& args,
        const std::size_t bank_base_address_in,
        const std::uint32_t page_size_in = TensorAccessorArgs<CTA_OFFSET, CRTA_OFFSET>{}.get_aligned_page_size()) :
        bank_base_address(static_cast<std::uint32_t>(bank_base_address_in)),
        aligned_page_size(page_size_in),
        is_dram(TensorAccessorArgs<CTA_OFFSET, CRTA_OFFSET>::is_dram) {
        (void)args;
    }

    std::uint32_t get_aligned_page_size() const { return aligned_page_size; }

    std::uint64_t get_noc_addr(const std::uint32_t page_id, const std::uint32_t offset = 0,
                               std::uint8_t noc = noc_index) const {
        (void)noc;
        return emu::k::accessor_noc_addr(bank_base_address, aligned_page_size, is_dram, page_id, offset);
    }

    bool is_local_bank(std::uint32_t, std::uint32_t) const { return false; }

    const std::uint32_t bank_base_address;
    const std::uint32_t aligned_page_size;
    const bool is_dram;
};
