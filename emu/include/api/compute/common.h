// tt-emu: common compute-kernel API (tt-metal v0.74.0 api/compute/common.h): runtime arguments
// and core coordinates, plus the headers the real common.h includes.
#pragma once

#include <cstring>

#include "api/compute/common_globals.h"
#include "api/compute/reg_api.h"
#include "api/compute/pack.h"
#include "api/compute/reconfig_data_format.h"
#include "api/compute/cb_api.h"
#include "api/compute/compute_kernel_hw_startup.h"
#include "llk_compute_api.h"  // LLK-level calls kernels make directly, as chlkc_list.h brings them in

#include "emu/runtime_args.h"

inline uint8_t get_absolute_logical_x() { return static_cast<uint8_t>(emu::k::core_x()); }
inline uint8_t get_absolute_logical_y() { return static_cast<uint8_t>(emu::k::core_y()); }
inline uint8_t get_relative_logical_x() { return static_cast<uint8_t>(emu::k::core_x()); }
inline uint8_t get_relative_logical_y() { return static_cast<uint8_t>(emu::k::core_y()); }
