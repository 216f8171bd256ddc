// tt-emu: what every compute-kernel header of tt-metal v0.74.0 brings in
// (api/compute/common_globals.h): ALWI, the MATH/PACK/UNPACK thread selectors, the ckernel
// namespace in the global scope (tt-metal's chlkc_list.h does `using namespace ckernel;`),
// and the compute configuration constants the JIT generates (DST_ACCUM_MODE, APPROX, ...).
//
// The emulator runs the compute kernel's three TRISC threads (unpack, math, pack) as one thread
// in program order, so MATH((...)), PACK((...)) and UNPACK((...)) all expand to their argument.
#pragma once

#include <cstdint>

#include "api/compile_time_args.h"
#include "ckernel.h"  // as the real common_globals.h: the ckernel namespace's core definitions
#include "emu/kernel.h"
#include "hostdevcommon/kernel_structs.h"

#define ALWI inline __attribute__((always_inline))

#define MATH(...) __VA_ARGS__
#define PACK(...) __VA_ARGS__
#define UNPACK(...) __VA_ARGS__

#ifndef TT_EMU_DST_ACCUM_MODE
#define TT_EMU_DST_ACCUM_MODE 0
#endif
#ifndef TT_EMU_DST_FULL_SYNC
#define TT_EMU_DST_FULL_SYNC 0
#endif
#ifndef TT_EMU_MATH_FIDELITY
#define TT_EMU_MATH_FIDELITY 4
#endif
#ifndef TT_EMU_MATH_APPROX
#define TT_EMU_MATH_APPROX 0
#endif

using tt::DataFormat;

namespace ckernel {

constexpr bool DST_ACCUM_MODE = TT_EMU_DST_ACCUM_MODE != 0;
constexpr bool APPROX = TT_EMU_MATH_APPROX != 0;
constexpr std::uint32_t MATH_FIDELITY = TT_EMU_MATH_FIDELITY;

enum class VectorMode : std::uint8_t {
    None = 0,
    R = 1,
    C = 2,
    RC = 4,
    RC_custom = 6,
    Invalid = 0xFF,
};

enum class EltwiseBinaryType : std::uint8_t {
    ELWMUL,
    ELWDIV,
    ELWADD,
    ELWSUB,
    ELWLESS,
};

enum class BroadcastType : std::uint8_t {
    NONE = 0x0,
    COL = 0x1,
    ROW = 0x2,
    SCALAR = 0x3,
};

struct p_sfpu {
    constexpr static std::uint32_t kCONST_1_FP16B = 0x3F80;
    constexpr static std::uint32_t kCONST_0 = 0;
};

}  // namespace ckernel

using namespace ckernel;
