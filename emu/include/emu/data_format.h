// tt-emu: tile data formats, shared by the kernel side (`DataFormat`) and the host side
// (`tt::DataFormat`). Values are tt-metal's (tensix_types.h / tt_backend_api_types.hpp), so a
// kernel that compares formats or prints them sees the numbers the hardware uses.
#pragma once

#include <cstdint>

namespace tt {

enum class DataFormat : std::uint8_t {
    Float32 = 0,
    Float16 = 1,
    Bfp8 = 2,
    Bfp4 = 3,
    Tf32 = 4,
    Float16_b = 5,
    Bfp8_b = 6,
    Bfp4_b = 7,
    Int32 = 8,
    UInt16 = 9,
    Lf8 = 10,
    Bfp2 = 11,
    Int8 = 14,
    Bfp2_b = 15,
    UInt32 = 24,
    Fp8_e4m3 = 0x1A,
    UInt8 = 30,
    RawUInt8 = 0xf0,
    RawUInt16 = 0xf1,
    RawUInt32 = 0xf2,
    Invalid = 0xff,
};

}  // namespace tt
