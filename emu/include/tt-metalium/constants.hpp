// tt-emu: tile geometry constants (tt-metal v0.74.0 tt-metalium/constants.hpp), for host programs
// and for kernels and their helper headers (the kernel build's include path has tt-metalium/ too).
#pragma once

#include <cstdint>

namespace tt::constants {

using std::uint32_t;

constexpr uint32_t TILE_HEIGHT = 32;
constexpr uint32_t TILE_WIDTH = 32;
constexpr uint32_t TILE_HW = TILE_WIDTH * TILE_HEIGHT;
constexpr uint32_t FACE_HEIGHT = 16;
constexpr uint32_t FACE_WIDTH = 16;
constexpr uint32_t FACE_HW = FACE_WIDTH * FACE_HEIGHT;
// Bytes of a block-float tile: one byte (bfp8) or half a byte (bfp4) per value plus a 64-byte
// section of shared exponents (4 faces x 16 rows).
constexpr uint32_t BFLOAT8_B_TILE_HW = TILE_HW + 64;
constexpr uint32_t BFLOAT4_B_TILE_HW = (TILE_HW / 2) + 64;

}  // namespace tt::constants
