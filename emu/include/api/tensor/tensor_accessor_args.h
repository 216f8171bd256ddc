// tt-emu: TensorAccessorArgs, as tt-metal v0.74.0's api/tensor/tensor_accessor_args.h, for
// interleaved tensors (the emulator has no sharded buffers).
//
// Compile-time layout at CTA_OFFSET (tensor_accessor::ArgConfig): word 0 is the config bits
// (Sharded = 1, IsDram = 2, ..., RuntimePageSize = 128); word 1 the aligned page size unless the
// page size is a common runtime argument. Reading them goes through get_compile_time_arg_val, so
// a CTA list too short for the accessor fails to compile, as with the real header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <utility>

#include "api/compile_time_args.h"

template <typename T>
T get_common_arg_val(int arg_idx);

namespace tensor_accessor {

inline constexpr std::size_t UNKNOWN = static_cast<std::size_t>(-1);

enum class ArgConfig : std::uint8_t {
    None = 0,
    Sharded = 1 << 0,
    IsDram = 1 << 1,
    RuntimeRank = 1 << 2,
    RuntimeNumBanks = 1 << 3,
    RuntimeTensorShape = 1 << 4,
    RuntimeShardShape = 1 << 5,
    RuntimeBankCoords = 1 << 6,
    RuntimePageSize = 1 << 7,
};

}  // namespace tensor_accessor

template <std::size_t CTA_OFFSET, std::size_t CRTA_OFFSET = tensor_accessor::UNKNOWN>
struct TensorAccessorArgs {
    static constexpr std::uint32_t config = get_compile_time_arg_val(CTA_OFFSET);
    static constexpr bool is_sharded = (config & std::uint32_t(tensor_accessor::ArgConfig::Sharded)) != 0;
    static constexpr bool is_dram = (config & std::uint32_t(tensor_accessor::ArgConfig::IsDram)) != 0;
    static constexpr bool page_size_is_crta =
        (config & std::uint32_t(tensor_accessor::ArgConfig::RuntimePageSize)) != 0;
    static_assert(!is_sharded, "tt-emu: sharded tensors are not emulated (interleaved only)");

    static constexpr std::uint32_t AlignedPageSizeCTAOffset = CTA_OFFSET + 1;
    static constexpr std::uint32_t AlignedPageSize = [] {
        if constexpr (page_size_is_crta) {
            return 0u;
        } else {
            return get_compile_time_arg_val(AlignedPageSizeCTAOffset);
        }
    }();
    static constexpr std::uint32_t NumArgsCT = page_size_is_crta ? 1 : 2;

private:
    std::uint32_t crta_offset_rt_;

public:
    constexpr TensorAccessorArgs() : crta_offset_rt_(0) {}
    constexpr explicit TensorAccessorArgs(std::uint32_t crta_offset) : crta_offset_rt_(crta_offset) {
        static_assert(CRTA_OFFSET == tensor_accessor::UNKNOWN, "Do not pass crta_offset when CRTA_OFFSET is known");
    }
    constexpr std::uint32_t crta_offset() const {
        if constexpr (CRTA_OFFSET != tensor_accessor::UNKNOWN) {
            return CRTA_OFFSET;
        } else {
            return crta_offset_rt_;
        }
    }
    constexpr std::uint32_t get_aligned_page_size() const {
        if constexpr (!page_size_is_crta) {
            return AlignedPageSize;
        } else {
            return get_common_arg_val<std::uint32_t>(crta_offset());
        }
    }
    static constexpr std::uint32_t num_compile_time_args() { return NumArgsCT; }
    static constexpr std::uint32_t next_compile_time_args_offset() { return CTA_OFFSET + num_compile_time_args(); }
    constexpr std::uint32_t num_common_runtime_args() const { return page_size_is_crta ? 1 : 0; }
    constexpr std::uint32_t next_common_runtime_args_offset() const {
        return crta_offset() + num_common_runtime_args();
    }
};

namespace tensor_accessor::detail {

template <std::uint32_t TENSOR_IDX, std::uint32_t CTA_OFFSET>
constexpr std::uint32_t get_tensor_accessor_args_cta_offset() {
    if constexpr (TENSOR_IDX == 0) {
        return CTA_OFFSET;
    } else {
        constexpr auto prev_offset = get_tensor_accessor_args_cta_offset<TENSOR_IDX - 1, CTA_OFFSET>();
        return TensorAccessorArgs<prev_offset>::next_compile_time_args_offset();
    }
}

template <std::uint32_t CTA_OFFSET, std::uint32_t... INDEXES>
constexpr auto get_tensor_accessor_args_cta_offsets(std::integer_sequence<std::uint32_t, INDEXES...>) {
    return std::integer_sequence<std::uint32_t, get_tensor_accessor_args_cta_offset<INDEXES, CTA_OFFSET>()...>{};
}

template <std::uint32_t... CTA_OFFSETS>
constexpr auto make_tensor_accessor_args_tuple_from_cta_offsets(std::integer_sequence<std::uint32_t, CTA_OFFSETS...>) {
    return std::make_tuple(TensorAccessorArgs<CTA_OFFSETS>()...);
}

}  // namespace tensor_accessor::detail

template <std::uint32_t NUM_TENSORS, std::uint32_t CTA_OFFSET>
constexpr auto make_tensor_accessor_args_tuple() {
    constexpr auto cta_offsets = tensor_accessor::detail::get_tensor_accessor_args_cta_offsets<CTA_OFFSET>(
        std::make_integer_sequence<std::uint32_t, NUM_TENSORS>());
    return tensor_accessor::detail::make_tensor_accessor_args_tuple_from_cta_offsets(cta_offsets);
}
