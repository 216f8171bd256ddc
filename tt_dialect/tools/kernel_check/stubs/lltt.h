// tt-check-kernels stand-in for `lltt.h`, the replay-buffer interface that ships with the sfpi
// RISC-V toolchain (not with the ttnn wheel, and not on PyPI). tt-metal v0.74.0's Blackhole
// `ckernel.h` includes it in every TRISC build, so without it no Blackhole compute kernel can be
// compiled here. This folder comes last on the include path: a real `lltt.h` wins.
//
// Only the interface the LLK headers use is declared: `lltt::record<Exec>(start, len)` and
// `lltt::replay(start, len)` (the sfpi compiler expands them into REPLAY instructions through a
// builtin; here they are declarations only, enough for a compile check), and
// `lltt::replay_insn(start, len)`, a constexpr instruction word, built with the Tensix ISA macro
// of the architecture's own `ckernel_ops.h`.
#pragma once

#include <cstdint>

#include "ckernel_ops.h"

namespace lltt {

enum ExecBool : bool { NoExec, Exec };

template <ExecBool E = NoExec>
void record(unsigned start, unsigned length);

void replay(unsigned start, unsigned length);

constexpr std::uint32_t replay_insn(unsigned start, unsigned length) {
    return TT_OP_REPLAY(start, length, 0, 0);
}

}  // namespace lltt
