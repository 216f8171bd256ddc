// tt-emu: the NOC a data-movement kernel uses by default. tt-metal's JIT sets NOC_INDEX from the
// kernel's DataMovementConfig::noc; the emulator's build does the same (-DNOC_INDEX=n).
#pragma once

#include <cstdint>

#ifndef NOC_INDEX
#define NOC_INDEX 0
#endif

inline constexpr std::uint8_t noc_index = NOC_INDEX;
