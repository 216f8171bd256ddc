// tt-emu: the deprecated width-height transpose calls (tt-metal v0.74.0
// api/compute/transpose_wh.h), thin layers over api/compute/transpose.h as there:
// transpose_wh_init(icb, ocb) configures the hardware for icb -> ocb (as compute_kernel_hw_startup)
// and the transposing copy; transpose_wh_init_short(icb) = transpose_init(icb);
// transpose_wh_tile(icb, itile, idst) = transpose_tile: DST[idst] = tile itile of icb, transposed.
#pragma once

#include "api/compute/transpose.h"

namespace ckernel {

[[deprecated(
    "Use compute_kernel_hw_startup(icb, ocb) once at the top of the kernel, then transpose_init(icb). See "
    "api/compute/transpose.h.")]] ALWI void
transpose_wh_init(uint32_t icb, uint32_t ocb, uint32_t call_line = __builtin_LINE()) {
    emu::k::hw_startup("transpose_wh_init", icb, icb, ocb);
    transpose_init(icb, call_line);
}

[[deprecated("Use transpose_init(icb). See api/compute/transpose.h.")]] ALWI void transpose_wh_init_short(
    uint32_t icb, uint32_t call_line = __builtin_LINE()) {
    transpose_init(icb, call_line);
}

[[deprecated("Use transpose_tile(icb, itile, idst). See api/compute/transpose.h.")]] ALWI void transpose_wh_tile(
    uint32_t icb, uint32_t itile, uint32_t idst) {
    transpose_tile(icb, itile, idst);
}

}  // namespace ckernel
