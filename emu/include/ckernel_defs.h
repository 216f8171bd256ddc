// tt-emu: the LLK's ckernel_defs.h, as far as data-movement kernels name it: the RISC thread ids
// of a Tensix (the targets of ckernel::mailbox_write).
#pragma once

#include <cstdint>

namespace ckernel {

enum ThreadId { BriscThreadId = 0, UnpackThreadId = 1, MathThreadId = 2, PackThreadId = 3 };

}  // namespace ckernel
