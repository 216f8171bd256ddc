// tt-emu: the NOC a data-movement kernel uses by default. tt-metal's JIT sets NOC_INDEX from the
// kernel's DataMovementConfig::noc; the emulator's build does the same (-DNOC_INDEX=n).
#pragma once

#include <cstdint>

#ifndef NOC_INDEX
#define NOC_INDEX 0
#endif

inline constexpr std::uint8_t noc_index = NOC_INDEX;

// my_x[noc] / my_y[noc]: the NOC coordinates of the core the kernel runs on (tt-metal's firmware
// globals). NOC coordinates are logical core coordinates in the emulator, the same on both NOCs;
// a kernel's shared object serves every core it runs on, so each read asks the runtime.
#include "emu/kernel.h"

struct TtEmuMyCoordinate {
    bool y;
    std::uint8_t operator[](std::uint32_t noc) const {
        (void)noc;
        return static_cast<std::uint8_t>(y ? emu::k::core_y() : emu::k::core_x());
    }
};
inline constexpr TtEmuMyCoordinate my_x{false};
inline constexpr TtEmuMyCoordinate my_y{true};
