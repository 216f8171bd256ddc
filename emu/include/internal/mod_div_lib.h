// tt-emu: the RISC-V integer helpers of tt-metal v0.74.0 internal/mod_div_lib.h that kernels call
// (the RISC-Vs have no fast divider; the emulator computes exactly what they compute).
#pragma once

#include <cstdint>

inline __attribute__((always_inline)) unsigned int mulsi3(unsigned int a, unsigned int b) { return a * b; }

// n / d and n % d for a divisor known at compile time.
template <std::uint32_t d>
inline __attribute__((always_inline)) std::uint32_t udivsi3_const_divisor(std::uint32_t n) {
    return n / d;
}

template <std::uint32_t d>
inline __attribute__((always_inline)) std::uint32_t umodsi3_const_divisor(std::uint32_t a) {
    return a % d;
}
