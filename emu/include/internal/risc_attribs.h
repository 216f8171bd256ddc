// tt-emu: tt-metal v0.74.0 internal/risc_attribs.h, which kernels' helper headers include
// directly (ttnn's SDPA q_chunk_remapping.hpp): FORCE_INLINE and the tt_l1_ptr / tt_reg_ptr
// pointer annotations (emu/kernel.h defines them: on the host they annotate nothing), and
// tt_l1_load, a 64-bit load from L1 as two 32-bit words.
#pragma once

#include <cstdint>

#include "emu/kernel.h"

union tt_uint64_t {
    std::uint64_t v;
    struct {
        std::uint32_t hi;
        std::uint32_t lo;
    };
};

inline std::uint64_t tt_l1_load(const volatile tt_uint64_t* p) {
    tt_uint64_t v;
    v.hi = p->hi;
    v.lo = p->lo;
    return v.v;
}
