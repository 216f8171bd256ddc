// tt-emu: data-format reconfiguration (tt-metal v0.74.0 api/compute/reconfig_data_format.h).
// The unpacker's source registers and the packer are configured for one data format each (by
// compute_kernel_hw_startup and the other full inits); these calls switch them to another CB's
// format. The emulator checks every unpack and pack against the configured format. The template
// parameters (int8 conversion, tile-dimension reconfiguration) are the real ones; the emulator's
// formats carry no tile dimensions and int8 is not emulated, so they change nothing here.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

namespace tt_emu_detail {
constexpr std::int32_t cb(uint32_t id) { return static_cast<std::int32_t>(id); }
}  // namespace tt_emu_detail

template <bool to_from_int8 = false, bool is_tile_dim_reconfig_en = false>
ALWI void reconfig_data_format(const uint32_t srca_new, const uint32_t srcb_new) {
    emu::k::reconfig_formats("reconfig_data_format", tt_emu_detail::cb(srca_new), tt_emu_detail::cb(srcb_new),
                             emu::k::kNoCB);
}
template <bool to_from_int8 = false, bool is_tile_dim_reconfig_en = false>
ALWI void reconfig_data_format(const uint32_t, const uint32_t srca_new, const uint32_t, const uint32_t srcb_new) {
    reconfig_data_format(srca_new, srcb_new);
}
template <bool to_from_int8 = false, bool is_tile_dim_reconfig_en = false>
ALWI void reconfig_data_format_srca(const uint32_t srca_new) {
    emu::k::reconfig_formats("reconfig_data_format_srca", tt_emu_detail::cb(srca_new), emu::k::kNoCB, emu::k::kNoCB);
}
template <bool to_from_int8 = false, bool is_tile_dim_reconfig_en = false>
ALWI void reconfig_data_format_srca(const uint32_t, const uint32_t srca_new) { reconfig_data_format_srca(srca_new); }
template <bool to_from_int8 = false, bool is_tile_dim_reconfig_en = false>
ALWI void reconfig_data_format_srcb(const uint32_t srcb_new) {
    emu::k::reconfig_formats("reconfig_data_format_srcb", emu::k::kNoCB, tt_emu_detail::cb(srcb_new), emu::k::kNoCB);
}
template <bool to_from_int8 = false, bool is_tile_dim_reconfig_en = false>
ALWI void reconfig_data_format_srcb(const uint32_t, const uint32_t srcb_new) { reconfig_data_format_srcb(srcb_new); }
template <bool is_tile_dim_reconfig_en = false>
ALWI void pack_reconfig_data_format(const uint32_t new_cb) {
    emu::k::reconfig_formats("pack_reconfig_data_format", emu::k::kNoCB, emu::k::kNoCB, tt_emu_detail::cb(new_cb));
}
template <bool is_tile_dim_reconfig_en = false>
ALWI void pack_reconfig_data_format(const uint32_t, const uint32_t new_cb) { pack_reconfig_data_format(new_cb); }

}  // namespace ckernel
