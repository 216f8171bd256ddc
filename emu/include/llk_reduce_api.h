// tt-emu: the LLK calls of a reduction that ttnn's kernel helpers (kernel_lib/reduce_helpers_*)
// make directly, under UNPACK((...)), MATH((...)) and PACK((...)): in tt-metal v0.74.0 they come
// from llk_unpack_AB_reduce_api.h, llk_math_reduce_api.h, llk_pack_api.h and the unpack / math
// common APIs. The emulator runs the three TRISCs as one thread, so each call does its thread's
// part of what reduce.h's calls do together:
//   llk_math_reduce_init<pool, dim, ..>(icb, icb_scaler)    the FPU configured for the reduction;
//   llk_unpack_AB_reduce_init<pool, dim>(icb, icb_scaler)    nothing more (the unpack side);
//   llk_pack_reduce_mask_config<dim, ..>(ocb)                the packer's reduce edge masks;
//   llk_pack_reduce_mask_clear()                             back to the default masks;
//   llk_unpack_reconfig_data_format_srca<..>(old, new)       SrcA reconfigured for `new`'s format;
//   llk_math_reconfig_data_format_srca<..>(old, new)         nothing more (the math side).
#pragma once

#include <cstdint>

#include "emu/kernel.h"
#include "llk_defs.h"

namespace ckernel {

enum class p_dim_stride_target {
    IGNORE,
    FACE_ROW_MAJOR,
};

}  // namespace ckernel

namespace tt_emu_llk {
constexpr emu::k::Pool pool_of(ckernel::PoolType p) {
    return p == ckernel::PoolType::SUM ? emu::k::Pool::Sum : p == ckernel::PoolType::AVG ? emu::k::Pool::Avg : emu::k::Pool::Max;
}
constexpr emu::k::Dim dim_of(ckernel::ReduceDim d) {
    return d == ckernel::ReduceDim::REDUCE_ROW ? emu::k::Dim::Row
           : d == ckernel::ReduceDim::REDUCE_COL ? emu::k::Dim::Col
                                                 : emu::k::Dim::Scalar;
}
}  // namespace tt_emu_llk

template <ckernel::PoolType type, ckernel::ReduceDim dim, bool is_fp32_dest_acc_en, int MATH_FIDELITY_DESC = 0,
          bool enforce_fp32_accumulation = false>
inline void llk_math_reduce_init(const std::uint32_t operandA, const std::uint32_t operandB) {
    static_assert(type != ckernel::PoolType::MIN, "tt-emu: PoolType::MIN reductions are not emulated");
    emu::k::reduce_init(tt_emu_llk::pool_of(type), tt_emu_llk::dim_of(dim), operandA, operandB, emu::k::kNoCB);
}

template <ckernel::PoolType type, ckernel::ReduceDim dim>
inline void llk_unpack_AB_reduce_init(const std::uint32_t operandA, const std::uint32_t operandB) {
    (void)operandA;
    (void)operandB;
}

template <ckernel::ReduceDim dim, ckernel::PackMode pack_mode = ckernel::PackMode::Default>
inline void llk_pack_reduce_mask_config(const std::uint32_t output) {
    (void)output;
    emu::k::pack_reduce_mask(tt_emu_llk::dim_of(dim), false);
}

inline void llk_pack_reduce_mask_clear() { emu::k::pack_reduce_mask(emu::k::Dim::Row, true); }

template <bool is_fp32_dest_acc_en, ckernel::p_dim_stride_target dim_stride_target = ckernel::p_dim_stride_target::IGNORE,
          bool to_from_int8 = false>
inline void llk_unpack_reconfig_data_format_srca(const std::uint32_t srca_old_operand, const std::uint32_t srca_new_operand) {
    (void)srca_old_operand;
    emu::k::reconfig_formats("llk_unpack_reconfig_data_format_srca", static_cast<std::int32_t>(srca_new_operand),
                             emu::k::kNoCB, emu::k::kNoCB);
}

template <bool is_fp32_dest_acc_en, bool to_from_int8 = false>
inline void llk_math_reconfig_data_format_srca(const std::uint32_t srca_old_operand, const std::uint32_t srca_new_operand) {
    (void)srca_old_operand;
    (void)srca_new_operand;
}
