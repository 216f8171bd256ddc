// tt-emu: tt-metal v0.74.0 tt-metalium/base_types.hpp (the parts host programs use).
#pragma once

#include <cstdint>

enum class MathFidelity : std::uint8_t {
    LoFi = 0,
    HiFi2 = 2,
    HiFi3 = 3,
    HiFi4 = 4,
    Invalid = 0xff,
};

enum class UnpackToDestMode : std::uint8_t {
    UnpackToDestFp32,
    Default,
};
