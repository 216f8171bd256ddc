// tt-emu: the definitions of tt-llk's common/inc/ckernel_defs.h (tt-metal v0.74.0) that kernels
// use: the ids of a Tensix core's RISC-V threads, which name mailboxes (ckernel.h), and the
// rounding modes of the SFPU's division ops (rdiv_tile's template parameter), the tile shape
// (TILE_HEIGHT / TILE_WIDTH: ttnn's SDPA compute kernel names them).
#pragma once

#include <cstdint>

namespace ckernel {

enum ThreadId {
    BriscThreadId = 0,
    UnpackThreadId = 1,
    MathThreadId = 2,
    PackThreadId = 3
};

constexpr std::uint32_t TILE_HEIGHT = 32;
constexpr std::uint32_t TILE_WIDTH = 32;

enum class RoundingMode : std::uint8_t {
    None = 0,
    Trunc = 1,
    Floor = 2,
};

}  // namespace ckernel
