// tt-emu: element-wise binary FPU ops with operand B broadcast (tt-metal v0.74.0
// api/compute/bcast.h).
//
// {add,sub,mul}_tiles_bcast_{cols,rows,scalar}(icb0, icb1, itile0, itile1, idst):
// DST[idst] = A op B', A = tile itile0 of icb0, B' = tile itile1 of icb1 broadcast:
//   BroadcastType::COL    B's column 0 across the columns (B holds one value per row, e.g. the
//                         result of a REDUCE_ROW);
//   BroadcastType::ROW    B's row 0 (row bcast_row_idx) down the rows (a REDUCE_COL result);
//   BroadcastType::SCALAR B[0][0] everywhere.
// In fp32, rounded to a 16-bit DST's format; A is unpacked to SrcA, B to SrcB (checked against
// their configured formats). Each op needs the init of the same op and broadcast
// ({add,sub,mul}_bcast_{cols,rows}_init_short, add_bcast_scalar_init_short,
// {mul,sub}_tiles_bcast_scalar_init_short, v0.81.1's {add,sub,mul}_bcast_{cols,rows,scalar}_init,
// or init_bcast<op, dim>, which also configures the hardware). add / sub run at LoFi, mul at the kernel's fidelity (as the real header's template
// arguments); costs as add_tiles / mul_tiles. unary_bcast and reconfigure_unary_bcast are not
// emulated.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

namespace tt_emu_detail {
constexpr emu::k::Binary bcast_op_of(EltwiseBinaryType type) {
    return type == EltwiseBinaryType::ELWADD   ? emu::k::Binary::Add
           : type == EltwiseBinaryType::ELWSUB ? emu::k::Binary::Sub
                                               : emu::k::Binary::Mul;
}
constexpr emu::k::Bcast bcast_of(BroadcastType type) { return static_cast<emu::k::Bcast>(static_cast<int>(type)); }
}  // namespace tt_emu_detail

ALWI void sub_tiles_bcast_cols(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) {
    emu::k::bcast_tiles(emu::k::Binary::Sub, emu::k::Bcast::Col, icb0, icb1, itile0, itile1, idst, 0,
                        "sub_tiles_bcast_cols");
}

ALWI void sub_tiles_bcast_scalar(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) {
    emu::k::bcast_tiles(emu::k::Binary::Sub, emu::k::Bcast::Scalar, icb0, icb1, itile0, itile1, idst, 0,
                        "sub_tiles_bcast_scalar");
}

ALWI void mul_tiles_bcast_cols(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) {
    emu::k::bcast_tiles(emu::k::Binary::Mul, emu::k::Bcast::Col, icb0, icb1, itile0, itile1, idst, 0,
                        "mul_tiles_bcast_cols");
}

ALWI void mul_tiles_bcast_rows(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst, uint32_t bcast_row_idx = 0) {
    emu::k::bcast_tiles(emu::k::Binary::Mul, emu::k::Bcast::Row, icb0, icb1, itile0, itile1, idst, bcast_row_idx,
                        "mul_tiles_bcast_rows");
}

ALWI void add_tiles_bcast_rows(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst, uint32_t bcast_row_idx = 0) {
    emu::k::bcast_tiles(emu::k::Binary::Add, emu::k::Bcast::Row, icb0, icb1, itile0, itile1, idst, bcast_row_idx,
                        "add_tiles_bcast_rows");
}

ALWI void sub_tiles_bcast_rows(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst, uint32_t bcast_row_idx = 0) {
    emu::k::bcast_tiles(emu::k::Binary::Sub, emu::k::Bcast::Row, icb0, icb1, itile0, itile1, idst, bcast_row_idx,
                        "sub_tiles_bcast_rows");
}

ALWI void add_tiles_bcast_cols(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) {
    emu::k::bcast_tiles(emu::k::Binary::Add, emu::k::Bcast::Col, icb0, icb1, itile0, itile1, idst, 0,
                        "add_tiles_bcast_cols");
}

ALWI void add_tiles_bcast_scalar(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) {
    emu::k::bcast_tiles(emu::k::Binary::Add, emu::k::Bcast::Scalar, icb0, icb1, itile0, itile1, idst, 0,
                        "add_tiles_bcast_scalar");
}

template <EltwiseBinaryType tBcastOp, BroadcastType tBcastDim>
void init_bcast(uint32_t icb0, uint32_t icb1, uint32_t ocb, uint32_t call_line = __builtin_LINE()) {
    static_assert(tBcastOp == EltwiseBinaryType::ELWADD || tBcastOp == EltwiseBinaryType::ELWSUB ||
                      tBcastOp == EltwiseBinaryType::ELWMUL,
                  "tt-emu: only ELWADD, ELWSUB and ELWMUL are emulated");
    (void)call_line;
    emu::k::hw_startup("init_bcast", icb0, icb1, ocb);
    emu::k::bcast_init(tt_emu_detail::bcast_op_of(tBcastOp), tt_emu_detail::bcast_of(tBcastDim), icb0, icb1, "init_bcast");
}

// Internal helper for all broadcast ops (public in tt-metal too).
template <EltwiseBinaryType tBcastOp, BroadcastType tBcastDim>
ALWI void any_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                          uint32_t bcast_row_idx = 0) {
    static_assert(tBcastOp == EltwiseBinaryType::ELWADD || tBcastOp == EltwiseBinaryType::ELWSUB ||
                      tBcastOp == EltwiseBinaryType::ELWMUL,
                  "tt-emu: only ELWADD, ELWSUB and ELWMUL are emulated");
    emu::k::bcast_tiles(tt_emu_detail::bcast_op_of(tBcastOp), tt_emu_detail::bcast_of(tBcastDim), icb0, icb1, itile0,
                        itile1, idst, bcast_row_idx, "any_tiles_bcast");
}

template <BroadcastType tBcastDim>
ALWI void add_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                          uint32_t bcast_row_idx = 0) {
    any_tiles_bcast<EltwiseBinaryType::ELWADD, tBcastDim>(icb0, icb1, itile0, itile1, idst, bcast_row_idx);
}

template <BroadcastType tBcastDim>
ALWI void sub_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                          uint32_t bcast_row_idx = 0) {
    any_tiles_bcast<EltwiseBinaryType::ELWSUB, tBcastDim>(icb0, icb1, itile0, itile1, idst, bcast_row_idx);
}

template <BroadcastType tBcastDim>
ALWI void mul_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst,
                          uint32_t bcast_row_idx = 0) {
    any_tiles_bcast<EltwiseBinaryType::ELWMUL, tBcastDim>(icb0, icb1, itile0, itile1, idst, bcast_row_idx);
}

ALWI void add_bcast_rows_init_short(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Add, emu::k::Bcast::Row, icb0, icb1, "add_bcast_rows_init_short");
}

ALWI void sub_bcast_rows_init_short(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Sub, emu::k::Bcast::Row, icb0, icb1, "sub_bcast_rows_init_short");
}

ALWI void add_bcast_cols_init_short(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Add, emu::k::Bcast::Col, icb0, icb1, "add_bcast_cols_init_short");
}

ALWI void add_bcast_scalar_init_short(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Add, emu::k::Bcast::Scalar, icb0, icb1, "add_bcast_scalar_init_short");
}

ALWI void mul_tiles_bcast_scalar_init_short(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Mul, emu::k::Bcast::Scalar, icb0, icb1, "mul_tiles_bcast_scalar_init_short");
}

ALWI void mul_tiles_bcast_scalar(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) {
    emu::k::bcast_tiles(emu::k::Binary::Mul, emu::k::Bcast::Scalar, icb0, icb1, itile0, itile1, idst, 0,
                        "mul_tiles_bcast_scalar");
}

ALWI void mul_bcast_cols_init_short(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Mul, emu::k::Bcast::Col, icb0, icb1, "mul_bcast_cols_init_short");
}

ALWI void mul_bcast_rows_init_short(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Mul, emu::k::Bcast::Row, icb0, icb1, "mul_bcast_rows_init_short");
}

ALWI void sub_bcast_cols_init_short(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Sub, emu::k::Bcast::Col, icb0, icb1, "sub_bcast_cols_init_short");
}

ALWI void sub_tiles_bcast_scalar_init_short(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Sub, emu::k::Bcast::Scalar, icb0, icb1, "sub_tiles_bcast_scalar_init_short");
}

// v0.81.1's names of the broadcast inits (it removed the `_init_short` ones).

ALWI void add_bcast_rows_init(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Add, emu::k::Bcast::Row, icb0, icb1, "add_bcast_rows_init");
}

ALWI void sub_bcast_rows_init(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Sub, emu::k::Bcast::Row, icb0, icb1, "sub_bcast_rows_init");
}

ALWI void mul_bcast_rows_init(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Mul, emu::k::Bcast::Row, icb0, icb1, "mul_bcast_rows_init");
}

ALWI void add_bcast_cols_init(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Add, emu::k::Bcast::Col, icb0, icb1, "add_bcast_cols_init");
}

ALWI void sub_bcast_cols_init(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Sub, emu::k::Bcast::Col, icb0, icb1, "sub_bcast_cols_init");
}

ALWI void mul_bcast_cols_init(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Mul, emu::k::Bcast::Col, icb0, icb1, "mul_bcast_cols_init");
}

ALWI void add_bcast_scalar_init(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Add, emu::k::Bcast::Scalar, icb0, icb1, "add_bcast_scalar_init");
}

ALWI void sub_bcast_scalar_init(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Sub, emu::k::Bcast::Scalar, icb0, icb1, "sub_bcast_scalar_init");
}

ALWI void mul_bcast_scalar_init(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::bcast_init(emu::k::Binary::Mul, emu::k::Bcast::Scalar, icb0, icb1, "mul_bcast_scalar_init");
}

}  // namespace ckernel
