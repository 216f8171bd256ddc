// tt-emu: element-wise binary FPU ops (tt-metal v0.74.0 api/compute/eltwise_binary.h, with
// v0.81.1's add_init / sub_init / mul_init, which replace add/sub/mul_tiles_init there; both
// releases' names are declared, tt-check-kernels holds a kernel to its release's).
// add/sub/mul_tiles(in0, in1, i0, i1, dst): DST[dst] = A op B (DST[dst] += A op B when the init
// had acc_to_dest), in fp32, rounded to the DST format when DST is 16-bit.
#pragma once

#include "api/compute/common.h"

namespace ckernel {

ALWI void binary_op_init_common(uint32_t icb0, uint32_t icb1, uint32_t ocb, uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    emu::k::hw_startup("binary_op_init_common", icb0, icb1, ocb);
}

namespace tt_emu_detail {
constexpr emu::k::Binary binary_of(EltwiseBinaryType type) {
    return type == EltwiseBinaryType::ELWADD   ? emu::k::Binary::Add
           : type == EltwiseBinaryType::ELWSUB ? emu::k::Binary::Sub
                                               : emu::k::Binary::Mul;
}
}  // namespace tt_emu_detail

template <bool full_init, EltwiseBinaryType eltwise_binary_type>
ALWI void binary_tiles_init(uint32_t icb0, uint32_t icb1, bool acc_to_dest = false,
                            uint32_t call_line = __builtin_LINE()) {
    (void)call_line;
    static_assert(eltwise_binary_type == EltwiseBinaryType::ELWADD || eltwise_binary_type == EltwiseBinaryType::ELWSUB ||
                      eltwise_binary_type == EltwiseBinaryType::ELWMUL,
                  "tt-emu: only ELWADD, ELWSUB and ELWMUL are emulated");
    emu::k::binary_init(tt_emu_detail::binary_of(eltwise_binary_type), icb0, icb1, acc_to_dest);
}

ALWI void mul_tiles_init(uint32_t icb0, uint32_t icb1, uint32_t call_line = __builtin_LINE()) {
    binary_tiles_init<true, EltwiseBinaryType::ELWMUL>(icb0, icb1, false, call_line);
}

ALWI void mul_tiles_init(uint32_t icb0, uint32_t icb1, uint32_t acc_to_dest, uint32_t call_line = __builtin_LINE()) {
    binary_tiles_init<true, EltwiseBinaryType::ELWMUL>(icb0, icb1, acc_to_dest, call_line);
}

ALWI void add_tiles_init(uint32_t icb0, uint32_t icb1, bool acc_to_dest = false, uint32_t call_line = __builtin_LINE()) {
    binary_tiles_init<true, EltwiseBinaryType::ELWADD>(icb0, icb1, acc_to_dest, call_line);
}

ALWI void sub_tiles_init(uint32_t icb0, uint32_t icb1, bool acc_to_dest = false, uint32_t call_line = __builtin_LINE()) {
    binary_tiles_init<true, EltwiseBinaryType::ELWSUB>(icb0, icb1, acc_to_dest, call_line);
}

// v0.81.1: the same inits under their new names. mul_init's acc_to_dest (default true, for
// Quasar) is unused on Wormhole and Blackhole, as its header says: it is ignored here.
ALWI void add_init(uint32_t icb0, uint32_t icb1, bool acc_to_dest = false, uint32_t call_line = __builtin_LINE()) {
    binary_tiles_init<true, EltwiseBinaryType::ELWADD>(icb0, icb1, acc_to_dest, call_line);
}

ALWI void sub_init(uint32_t icb0, uint32_t icb1, bool acc_to_dest = false, uint32_t call_line = __builtin_LINE()) {
    binary_tiles_init<true, EltwiseBinaryType::ELWSUB>(icb0, icb1, acc_to_dest, call_line);
}

ALWI void mul_init(uint32_t icb0, uint32_t icb1, bool acc_to_dest = true, uint32_t call_line = __builtin_LINE()) {
    (void)acc_to_dest;
    binary_tiles_init<true, EltwiseBinaryType::ELWMUL>(icb0, icb1, false, call_line);
}

ALWI void mul_tiles(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) {
    emu::k::binary_tiles(emu::k::Binary::Mul, icb0, icb1, itile0, itile1, idst);
}

ALWI void add_tiles(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) {
    emu::k::binary_tiles(emu::k::Binary::Add, icb0, icb1, itile0, itile1, idst);
}

ALWI void sub_tiles(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) {
    emu::k::binary_tiles(emu::k::Binary::Sub, icb0, icb1, itile0, itile1, idst);
}

}  // namespace ckernel
