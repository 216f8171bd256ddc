// tt-emu: DST tiles combined with a scalar (tt-metal v0.74.0
// api/compute/eltwise_unary/binop_with_scalar.h). The scalar is passed as its f32 bit pattern.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

namespace tt_emu_detail {
inline float scalar_of(uint32_t bits) {
    float value;
    static_assert(sizeof value == sizeof bits);
    __builtin_memcpy(&value, &bits, sizeof value);
    return value;
}
}  // namespace tt_emu_detail

// The binop modes of tt-llk's calculate_binop_with_scalar (ttnn's SDPA passes ADD_UNARY to it).
enum { ADD_UNARY = 0, SUB_UNARY = 1, MUL_UNARY = 2, DIV_UNARY = 3, RSUB_UNARY = 4 };

ALWI void binop_with_scalar_tile_init() { emu::k::sfpu_init(emu::k::Sfpu::BinopWithScalar); }

ALWI void add_unary_tile(uint32_t idst, uint32_t param1) {
    emu::k::scalar_tile(emu::k::ScalarOp::Add, idst, tt_emu_detail::scalar_of(param1));
}
ALWI void sub_unary_tile(uint32_t idst, uint32_t param1) {
    emu::k::scalar_tile(emu::k::ScalarOp::Sub, idst, tt_emu_detail::scalar_of(param1));
}
ALWI void mul_unary_tile(uint32_t idst, uint32_t param1) {
    emu::k::scalar_tile(emu::k::ScalarOp::Mul, idst, tt_emu_detail::scalar_of(param1));
}
ALWI void div_unary_tile(uint32_t idst, uint32_t param1) {
    emu::k::scalar_tile(emu::k::ScalarOp::Div, idst, tt_emu_detail::scalar_of(param1));
}
ALWI void rsub_unary_tile(uint32_t idst, uint32_t param1) {
    emu::k::scalar_tile(emu::k::ScalarOp::Rsub, idst, tt_emu_detail::scalar_of(param1));
}
ALWI void add_unary_tile_int32(uint32_t, uint32_t) { emu::k::fail("add_unary_tile_int32: integer DST tiles are not emulated"); }
ALWI void sub_unary_tile_int32(uint32_t, uint32_t) { emu::k::fail("sub_unary_tile_int32: integer DST tiles are not emulated"); }

}  // namespace ckernel
