// tt-emu: the definitions of tt-llk's common/inc/ckernel_defs.h (tt-metal v0.74.0) that kernels
// use: the ids of a Tensix core's RISC-V threads, which name mailboxes (ckernel.h).
#pragma once

#include <cstdint>

namespace ckernel {

enum ThreadId {
    BriscThreadId = 0,
    UnpackThreadId = 1,
    MathThreadId = 2,
    PackThreadId = 3
};

}  // namespace ckernel
