// tt-emu: values shared by host and kernels (tt-metal v0.74.0 hostdevcommon/common_values.hpp):
// the VALID / INVALID flags tt-metal's multicast kernels keep in their semaphores.
#pragma once

#include <cstddef>
#include <cstdint>

constexpr static std::uint32_t INVALID = 0;
constexpr static std::uint32_t VALID = 1;
