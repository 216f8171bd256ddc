// tt-emu: tile reductions (tt-metal v0.74.0 api/compute/reduce.h).
//
// reduce_init<pool, dim>(icb, icb_scaler, ocb) configures the FPU for the reduction and programs
// the packer's edge masks for `dim` (the header's "packer-zeroing contract"): until reduce_uninit
// (or a full init that reconfigures the packer), every pack_tile writes only the reduction's result
// positions and zeros elsewhere: REDUCE_ROW column 0 of each row, REDUCE_COL row 0 of each column,
// REDUCE_SCALAR element [0][0].
//
// reduce_tile<pool, dim>(icb, icb_scaler, itile, itile_scaler, idst) reduces tile itile of icb
// into DST[idst], scaled by tile itile_scaler of icb_scaler: SUM / AVG ADD their (scaled) sums to
// what DST holds at the result positions, so that a kernel reduces several tiles into one DST tile;
// MAX keeps the running maximum (the first tile into a freshly cleared DST tile sets it). How the
// emulator reads the scaler tile (the first row of each face, per position; MAX: the exponent of
// [0][0]) is in emu/src/numerics.h (reduce_tile_acc) and emu/README.md. With 16-bit DST the
// tile is rounded to bf16 (fp16) after each call.
//
// PoolType::MIN and reduce_tile_math (math on source registers the kernel loaded itself) are not
// emulated.
#pragma once

#include <cstdint>

#include "api/compute/common.h"
#include "llk_reduce_api.h"

namespace ckernel {

template <PoolType reduce_type, ReduceDim reduce_dim>
ALWI void reduce_init(std::uint32_t icb, std::uint32_t icb_scaler, std::uint32_t ocb,
                      std::uint32_t call_line = __builtin_LINE()) {
    static_assert(reduce_type != PoolType::MIN, "tt-emu: PoolType::MIN reductions are not emulated");
    (void)call_line;
    emu::k::reduce_init(::tt_emu_llk::pool_of(reduce_type), ::tt_emu_llk::dim_of(reduce_dim), icb, icb_scaler,
                        static_cast<std::int32_t>(ocb));
}

ALWI void reduce_uninit(std::uint32_t icb = 0) {
    (void)icb;
    llk_pack_reduce_mask_clear();
}

template <PoolType reduce_type, ReduceDim reduce_dim>
ALWI void reduce_tile(std::uint32_t icb, std::uint32_t icb_scaler, std::uint32_t itile, std::uint32_t itile_scaler,
                      std::uint32_t idst) {
    static_assert(reduce_type != PoolType::MIN, "tt-emu: PoolType::MIN reductions are not emulated");
    emu::k::reduce_tile(::tt_emu_llk::pool_of(reduce_type), ::tt_emu_llk::dim_of(reduce_dim), icb, icb_scaler, itile,
                        itile_scaler, idst);
}

template <PoolType reduce_type, ReduceDim reduce_dim>
ALWI void reduce_tile_math(std::uint32_t idst, std::uint32_t num_faces = 4) {
    (void)idst;
    (void)num_faces;
    emu::k::fail("reduce_tile_math: a reduction of source registers the kernel loaded itself is not emulated");
}

}  // namespace ckernel
