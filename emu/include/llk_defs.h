// tt-emu: the enums of tt-llk's llk_lib/llk_defs.h (tt-metal v0.74.0) that kernels and ttnn's kernel
// helpers name: VectorMode, ReduceDim, PoolType, DataCopyType, EltwiseBinaryType,
// EltwiseBinaryReuseDestType, DstSync, BroadcastType (with the real values), plus PackMode
// (tt-llk's common/inc/ckernel_defs.h). The compute headers include it through common_globals.h;
// data-movement kernels include it directly (ttnn's reduce_helpers_dataflow.hpp does).
#pragma once

#include <cstdint>

namespace ckernel {

enum class VectorMode : std::uint8_t {
    None = 0,
    R = 1,
    C = 2,
    RC = 4,
    RC_custom = 6,
    Invalid = 0xFF,
};

enum class ReduceDim : std::uint8_t {
    REDUCE_ROW,
    REDUCE_COL,
    REDUCE_SCALAR,
};

enum class PoolType : std::uint8_t {
    SUM,
    AVG,
    MAX,
    MIN,
};

enum class DataCopyType : std::uint8_t {
    A2D,
    B2D,
};

enum class EltwiseBinaryType : std::uint8_t {
    ELWMUL,
    ELWDIV,
    ELWADD,
    ELWSUB,
    ELWLESS,
};

enum class EltwiseBinaryReuseDestType {
    NONE = 0,
    DEST_TO_SRCA = 1,
    DEST_TO_SRCB = 2,
};

enum class DstSync : std::uint8_t {
    SyncHalf = 0,
    SyncFull = 1,
};

enum class BroadcastType : std::uint8_t {
    NONE = 0x0,
    COL = 0x1,
    ROW = 0x2,
    SCALAR = 0x3,
};

enum class PackMode : std::uint8_t {
    Default = 0,
    Untilize = 1,
    Tilize = 2,
};

}  // namespace ckernel

#ifndef COMPILE_FOR_TRISC
// ttnn's reduce program factories pass REDUCE_OP = PoolType::SUM / MAX and REDUCE_DIM =
// ReduceDim::REDUCE_ROW / ... to the data-movement kernels too, which name them unqualified
// (dataflow_kernel_lib::prepare_reduce_scaler<cb, REDUCE_OP, REDUCE_DIM>); compute kernels have
// them through `using namespace ckernel`.
using ckernel::PoolType;
using ckernel::ReduceDim;
#endif
