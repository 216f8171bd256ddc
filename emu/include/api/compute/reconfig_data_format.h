// tt-emu: data-format reconfiguration (tt-metal v0.74.0 api/compute/reconfig_data_format.h).
// The emulator's unpacker and packer read each CB's data format on every tile, so these calls
// have nothing to reconfigure.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

ALWI void reconfig_data_format(const uint32_t, const uint32_t) {}
ALWI void reconfig_data_format(const uint32_t, const uint32_t, const uint32_t, const uint32_t) {}
ALWI void reconfig_data_format_srca(const uint32_t) {}
ALWI void reconfig_data_format_srca(const uint32_t, const uint32_t) {}
ALWI void reconfig_data_format_srcb(const uint32_t) {}
ALWI void reconfig_data_format_srcb(const uint32_t, const uint32_t) {}
ALWI void pack_reconfig_data_format(const uint32_t) {}
ALWI void pack_reconfig_data_format(const uint32_t, const uint32_t) {}

}  // namespace ckernel
