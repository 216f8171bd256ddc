// tt-emu: tile data formats (tt::DataFormat) and architectures (tt::ARCH, from UMD in tt-metal).
#pragma once

#include <cstdint>

#include "emu/data_format.h"

namespace tt {

enum class ARCH {
    GRAYSKULL = 1,
    WORMHOLE_B0 = 2,
    BLACKHOLE = 3,
    QUASAR = 4,
    Invalid = 0xFF,
};

}  // namespace tt
