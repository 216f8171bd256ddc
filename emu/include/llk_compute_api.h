// tt-emu: LLK-level calls that tt-metal's compute kernels make directly (tt-metal v0.74.0:
// llk_unpack_A_api.h, llk_math_unary_datacopy_api.h, llk_pack_api.h, llk_math_eltwise_unary_sfpu
// macros, ckernel's TRISC semaphores and stalls), reached there through chlkc_list.h, here
// through api/compute/common.h. ttnn's SDPA compute kernel calls them.
//
// Emulated:
// - llk_unpack_A_init(transpose_of_faces, within_face_16x16_transpose, cb) with
//   llk_math_eltwise_unary_datacopy_init<A2D, ...>(cb): the unpacker set for copy_tile, the tile
//   transposed whole (both), within each face only (ttnn's SDPA copies its running maxima so,
//   for reduce_block_max_row), or not at all; the faces swapped without the within-face
//   transpose is not emulated (a fault).
// - llk_pack_relu_config(ReluConfig::zero() / none()): the packer's ReLU on or off; other ReLU
//   modes (thresholds) are a fault.
// - SFPU_UNARY_CALL / SFPU_UNARY_CALL_NO_TEMPLATE_ARGS: tt-llk applies a ckernel::sfpu functor to
//   the faces `VECTOR_MODE` selects of DST tile `DST_IDX`. The emulator calls the functor once
//   with that tile and mode in `tt_emu_detail::sfpu_target`; its functors (ckernel::sfpu::...,
//   written for the emulator: experimental/llk_sfpu/ckernel_sfpu_sdpa.h, ...) act on it.
// - invalidate_l1_cache (the RISC-V's L1 data cache; the emulator's L1 is coherent): nothing.
// - llk_math_eltwise_unary_sfpu_init<SfpuType::exponential / reciprocal>: the SFPU init of exp /
//   recip.
//
// Declared, a fault when reached (ttnn's SDPA "streaming" path, which the emulator does not run:
// the TRISCs' hardware semaphores and stalls order its unpack, math and pack threads, which the
// emulator runs as one thread in program order): t6_semaphore_init / post / wait_on_zero / get,
// TTI_STALLWAIT, llk_pack_init.
#pragma once

#include <cstdint>
#include <string>

#include "api/compute/common_globals.h"

namespace ckernel {

constexpr bool UnpackToDestEn = false;

template <BroadcastType bcast = BroadcastType::NONE, bool acc_to_dest = false,
          EltwiseBinaryReuseDestType reuse = EltwiseBinaryReuseDestType::NONE, bool unpack_to_dest = false>
inline void llk_unpack_A_init(const std::uint32_t transpose_of_faces = 0, const std::uint32_t within_face_16x16_transpose = 0,
                              const std::uint32_t operand = 0) {
    static_assert(bcast == BroadcastType::NONE && !acc_to_dest && reuse == EltwiseBinaryReuseDestType::NONE && !unpack_to_dest,
                  "tt-emu: llk_unpack_A_init is emulated for a plain copy only");
    if (transpose_of_faces && !within_face_16x16_transpose) {
        emu::k::fail("llk_unpack_A_init: swapping faces without transposing them is not emulated");
    }
    emu::k::copy_init(operand, transpose_of_faces ? 1 : within_face_16x16_transpose ? 2 : 0);
}

template <DataCopyType type = DataCopyType::A2D, bool is_fp32_dest_acc_en = false,
          BroadcastType src_b_bcast_type = BroadcastType::NONE, bool is_int_fpu_en = false,
          PackMode pack_mode = PackMode::Default>
inline void llk_math_eltwise_unary_datacopy_init(const std::uint32_t operand = 0) {
    static_assert(type == DataCopyType::A2D && src_b_bcast_type == BroadcastType::NONE && !is_int_fpu_en,
                  "tt-emu: llk_math_eltwise_unary_datacopy_init is emulated for A2D copies only");
    (void)operand;  // llk_unpack_A_init configured the copy
}

enum class ReluType : std::uint8_t { NO_RELU = 0, ZERO_RELU = 1, MIN_THRESHOLD_RELU = 2, MAX_THRESHOLD_RELU = 3 };

struct ReluConfig {
    ReluType type = ReluType::NO_RELU;
    std::uint32_t threshold = 0;
    static constexpr ReluConfig none() { return {ReluType::NO_RELU}; }
    static constexpr ReluConfig zero() { return {ReluType::ZERO_RELU}; }
    static constexpr ReluConfig min_threshold(std::uint32_t t) { return {ReluType::MIN_THRESHOLD_RELU, t}; }
    static constexpr ReluConfig max_threshold(std::uint32_t t) { return {ReluType::MAX_THRESHOLD_RELU, t}; }
};

inline void llk_pack_relu_config(const ReluConfig config) {
    if (config.type != ReluType::NO_RELU && config.type != ReluType::ZERO_RELU) {
        emu::k::fail("llk_pack_relu_config: only ReluConfig::zero() and none() are emulated");
    }
    emu::k::pack_relu(config.type == ReluType::ZERO_RELU);
}

template <PackMode pack_mode = PackMode::Default, bool zero_output = false, bool skip_addrmod_config = false,
          bool skip_packer_strides = false>
inline void llk_pack_init(const std::uint32_t pack_output = 16, const std::uint32_t num_tiles = 1) {
    (void)pack_output, (void)num_tiles;
    emu::k::fail("llk_pack_init: not emulated (ttnn SDPA's streaming path)");
}

// llk_pack<is_fp32_dest_acc_en, out_of_order_output, pack_mode>(dst, cb, i): pack_tile's LLK.
template <bool is_fp32_dest_acc_en = false, bool out_of_order_output = false, PackMode pack_mode = PackMode::Default>
inline void llk_pack(std::uint32_t tile_index, std::uint32_t output, std::uint32_t output_tile_index = 0) {
    static_assert(pack_mode == PackMode::Default, "tt-emu: llk_pack is emulated with PackMode::Default");
    emu::k::pack_tile(tile_index, output, output_tile_index, out_of_order_output);
}

enum class SfpuType { exponential, reciprocal, unused };

template <SfpuType type, typename... Init>
inline void llk_math_eltwise_unary_sfpu_init(Init... init) {
    static_assert(type == SfpuType::exponential || type == SfpuType::reciprocal,
                  "tt-emu: llk_math_eltwise_unary_sfpu_init is emulated for exp and recip");
    (void)sizeof...(init);  // the functor's own init: the emulator's functors need none
    emu::k::sfpu_init(type == SfpuType::exponential ? emu::k::Sfpu::Exp : emu::k::Sfpu::Recip);
}

inline void invalidate_l1_cache() {}

// The TRISCs' hardware semaphores and stalls (ckernel.h, ckernel_instr_params.h): names only, the
// values are the emulator's (every call faults).
namespace semaphore {
constexpr std::uint32_t UNPACK_TO_DEST = 0, MATH_PACK = 1, FPU_SFPU = 4, UNPACK_MATH_DONE = 5, UNPACK_SYNC = 6,
                        PACK_DONE = 7;
}  // namespace semaphore
struct p_stall {
    static constexpr std::uint32_t NONE = 0, STALL_TDMA = 1, STALL_SYNC = 2, STALL_PACK = 4, STALL_UNPACK = 8,
                                   STALL_SFPU = 16, STALL_MATH = 32, STALL_CFG = 64, STALL_THCON = 128;
    static constexpr std::uint32_t WAIT_SFPU = 1, MATH = 2, PACK = 4, SRCA_VLD = 8, SRCB_VLD = 16, UNPACK = 32;
};

inline void t6_semaphore_init(std::uint32_t, std::uint32_t, std::uint32_t) {
    emu::k::fail("t6_semaphore_init: the TRISCs' semaphores are not emulated (ttnn SDPA's streaming path)");
}
template <std::uint32_t wait_res = p_stall::NONE>
inline void t6_semaphore_post(std::uint32_t) {
    emu::k::fail("t6_semaphore_post: the TRISCs' semaphores are not emulated (ttnn SDPA's streaming path)");
}
template <std::uint32_t wait_res = p_stall::NONE>
inline void t6_semaphore_wait_on_zero(std::uint32_t) {
    emu::k::fail("t6_semaphore_wait_on_zero: the TRISCs' semaphores are not emulated (ttnn SDPA's streaming path)");
}
template <std::uint32_t wait_res = p_stall::NONE>
inline void t6_semaphore_get(std::uint32_t) {
    emu::k::fail("t6_semaphore_get: the TRISCs' semaphores are not emulated (ttnn SDPA's streaming path)");
}
inline void TTI_STALLWAIT(std::uint32_t, std::uint32_t) {
    emu::k::fail("TTI_STALLWAIT: the TRISCs' stalls are not emulated (ttnn SDPA's streaming path)");
}

namespace tt_emu_detail {
struct SfpuTarget {
    std::uint32_t dst = 0;
    VectorMode mode = VectorMode::RC;
};
inline thread_local SfpuTarget sfpu_target;

template <typename Fn, typename... Args>
inline void sfpu_call(Fn fn, std::uint32_t dst, VectorMode mode, Args... args) {
    sfpu_target = {dst, mode};
    fn(args...);
}
}  // namespace tt_emu_detail

namespace sfpu {

// tt-llk's reciprocal init (ckernel_sfpu_recip.h): the SFPU set up for a reciprocal.
template <bool APPROXIMATION_MODE, bool legacy_compat = false>
inline void sfpu_reciprocal_init() {
    emu::k::sfpu_init(emu::k::Sfpu::Recip);
}

// tt-llk's calculate_binop_with_scalar (ckernel_sfpu_binop_with_unary.h): declared; a call is a
// fault (the emulator's binop_with_scalar tiles go through add_unary_tile, ...).
template <bool APPROXIMATION_MODE, int BINOP_MODE, int ITERATIONS = 8>
inline void calculate_binop_with_scalar(std::uint32_t param) {
    (void)param;
    emu::k::fail("ckernel::sfpu::calculate_binop_with_scalar through SFPU_UNARY_CALL is not emulated (ttnn SDPA's ring path)");
}

}  // namespace sfpu

// The math thread's address-counter controls (WH SDPA's recip_tile_first_column_wh_idst0_direct):
// declared; a call is a fault.
namespace math {
inline void set_addr_mod_base() { emu::k::fail("math::set_addr_mod_base: not emulated"); }
inline void clear_addr_mod_base() { emu::k::fail("math::clear_addr_mod_base: not emulated"); }
}  // namespace math
struct p_setrwc {
    static constexpr std::uint32_t CLR_NONE = 0, CLR_A = 1, CLR_B = 2, CLR_AB = 3, CR_D = 4, SET_D = 4, SET_ABD = 7;
};
inline void TTI_SETRWC(std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t) {
    emu::k::fail("TTI_SETRWC: not emulated");
}

}  // namespace ckernel

#define TT_EMU_SFPU_EXPAND(...) __VA_ARGS__
#define SFPU_UNARY_CALL(DST_SYNC, DST_ACCUM, FN, TEMPLATES, DST_IDX, VECTOR_MODE, ...) \
    (::ckernel::tt_emu_detail::sfpu_call(::ckernel::sfpu::FN<TT_EMU_SFPU_EXPAND TEMPLATES>, DST_IDX, VECTOR_MODE, ##__VA_ARGS__))
#define SFPU_UNARY_CALL_NO_TEMPLATE_ARGS(DST_SYNC, DST_ACCUM, FN, DST_IDX, VECTOR_MODE, ...) \
    (::ckernel::tt_emu_detail::sfpu_call(::ckernel::sfpu::FN, DST_IDX, VECTOR_MODE, ##__VA_ARGS__))
