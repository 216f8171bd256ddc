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
#include "emu/cb_descriptors.h"  // chlkc_descriptors.h's tables (unpack_src_format, ...)
#include "emu/kernel.h"
#include "hostdevcommon/kernel_structs.h"
#include "llk_defs.h"  // VectorMode, PoolType, ReduceDim, BroadcastType, ... (as tt-llk defines them)

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

// tt-metal's JIT generates DST_SYNC_MODE for compute kernels (ttnn's kernel_lib/dest_helpers.hpp
// tests it with #if defined); the emulator's build passes the configuration as TT_EMU_DST_FULL_SYNC.
#define DST_SYNC_MODE (TT_EMU_DST_FULL_SYNC ? ckernel::DstSync::SyncFull : ckernel::DstSync::SyncHalf)
// dest_helpers.hpp reads the fp32-DST flag from DST_ACCUM_MODE when it is built for one of the
// TRISCs (UCK_CHLKC_*), else from ENABLE_FP32_DEST_ACC. The emulator's compute build is all three
// TRISCs at once, so it defines neither UCK_CHLKC_* (kernels that split their code by TRISC would
// lose parts) and gives ENABLE_FP32_DEST_ACC the compute configuration's value.
#ifndef ENABLE_FP32_DEST_ACC
#define ENABLE_FP32_DEST_ACC TT_EMU_DST_ACCUM_MODE
#endif

struct p_sfpu {
    constexpr static std::uint32_t kCONST_1_FP16B = 0x3F80;
    constexpr static std::uint32_t kCONST_0 = 0;
};

}  // namespace ckernel

using namespace ckernel;
