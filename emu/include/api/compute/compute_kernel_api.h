// tt-emu: the SFPU ops tt-metal v0.74.0 declares in api/compute/compute_kernel_api.h that the
// emulator supports: sigmoid, tanh, log (each needs its *_init before use). The emulator computes
// them exactly in fp32 (the approximate modes of the hardware are not modelled).
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

template <bool fast_and_approx = false>
ALWI void sigmoid_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::Sigmoid); }

template <VectorMode vec_mode = VectorMode::RC, bool fast_and_approx = false>
ALWI void sigmoid_tile(uint32_t idst) {
    static_assert(vec_mode == VectorMode::RC, "tt-emu: only VectorMode::RC is emulated");
    emu::k::sfpu_tile(emu::k::Sfpu::Sigmoid, idst);
}

template <bool fast_and_approx = false>
ALWI void tanh_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::Tanh); }

template <bool fast_and_approx = false>
ALWI void tanh_tile(uint32_t idst) { emu::k::sfpu_tile(emu::k::Sfpu::Tanh, idst); }

template <bool fast_and_approx = false>
ALWI void log_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::Log); }

template <bool fast_and_approx = false>
ALWI void log_tile(uint32_t idst) { emu::k::sfpu_tile(emu::k::Sfpu::Log, idst); }

// exp2_tile: 2^x, exact fp32 here (the hardware's is an approximation, APPROXIMATE = true).
ALWI void exp2_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::Exp2); }

ALWI void exp2_tile(uint32_t idst) { emu::k::sfpu_tile(emu::k::Sfpu::Exp2, idst); }

// sfpu_reduce_init / sfpu_reduce: reductions on the SFPU (ttnn's reduce helpers take this path for
// Int32 data). They compile and are a fault when reached: not emulated.
template <PoolType pool_type, DataFormat format>
ALWI void sfpu_reduce_init() {
    emu::k::fail("sfpu_reduce_init: reductions on the SFPU are not emulated");
}

template <PoolType pool_type, DataFormat format, ReduceDim reduce_dim = ReduceDim::REDUCE_COL>
ALWI void sfpu_reduce(uint32_t idst, uint32_t ct_dim = 1, uint32_t rt_dim = 1) {
    (void)idst;
    (void)ct_dim;
    (void)rt_dim;
    emu::k::fail("sfpu_reduce: reductions on the SFPU are not emulated");
}

}  // namespace ckernel
