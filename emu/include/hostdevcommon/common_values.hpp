// tt-emu: tt-metal v0.74.0 hostdevcommon/common_values.hpp: values both host and device code see.
// Kernels use INVALID / VALID as semaphore states (a multicast receiver's "data has arrived").
#pragma once

#include <cstddef>
#include <cstdint>

constexpr static std::uint32_t INVALID = 0;
constexpr static std::uint32_t VALID = 1;
constexpr static std::size_t DEFAULT_L1_SMALL_SIZE = 0;
constexpr static std::size_t DEFAULT_TRACE_REGION_SIZE = 0;
constexpr static std::size_t DEFAULT_WORKER_L1_SIZE = 0;  // the device's worker L1 size is determined at run time
constexpr static std::uint32_t DISPATCH_MAX_MESSAGE_ENTRIES = 8;
