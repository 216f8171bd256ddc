// Runtime arguments, the same calls in data-movement and compute kernels
// (tt-metal declares them in both dataflow_api.h and compute's common.h).
#pragma once

#include <cstdint>
#include <cstring>

#include "emu/kernel.h"

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
