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

static FORCE_INLINE uintptr_t get_arg_addr(int arg_idx) { return emu::k::rt_arg_addr(arg_idx); }
static FORCE_INLINE uintptr_t get_common_arg_addr(int arg_idx) { return emu::k::common_rt_arg_addr(arg_idx); }

template <typename T>
FORCE_INLINE T get_arg_val(int arg_idx) {
    static_assert("Error: only 4B args are supported" && sizeof(T) == 4);
    const uint32_t raw = emu::k::rt_arg(arg_idx);
    T value;
    std::memcpy(&value, &raw, sizeof(T));
    return value;
}

template <typename T>
FORCE_INLINE T get_common_arg_val(int arg_idx) {
    static_assert("Error: only 4B args are supported" && sizeof(T) == 4);
    const uint32_t raw = emu::k::common_rt_arg(arg_idx);
    T value;
    std::memcpy(&value, &raw, sizeof(T));
    return value;
}

inline uint8_t get_absolute_logical_x() { return static_cast<uint8_t>(emu::k::core_x()); }
inline uint8_t get_absolute_logical_y() { return static_cast<uint8_t>(emu::k::core_y()); }
inline uint8_t get_relative_logical_x() { return static_cast<uint8_t>(emu::k::core_x()); }
inline uint8_t get_relative_logical_y() { return static_cast<uint8_t>(emu::k::core_y()); }
