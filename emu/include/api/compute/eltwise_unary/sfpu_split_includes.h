// tt-emu: the SFPU headers a compute kernel pulls in through defines (tt-metal v0.74.0
// api/compute/eltwise_unary/sfpu_split_includes.h). A host program that fuses SFPU ops into a
// kernel (SFPU_OP_CHAIN_0, SFPU_OP_INIT_PRE_IN0_0, ...) also sets SFPU_OP_<FAMILY>_INCLUDE=1 for
// the headers they need. The families the emulator has are included as on the device; any other
// family set to 1 stops the build with its name (the ops it declares are not emulated).
#pragma once

#if SFPU_OP_EXP_INCLUDE
#include "api/compute/eltwise_unary/exp.h"
#endif

#if SFPU_OP_GELU_INCLUDE
#include "api/compute/eltwise_unary/gelu.h"
#endif

#if SFPU_OP_SQRT_INCLUDE
#include "api/compute/eltwise_unary/sqrt.h"
#endif

#if SFPU_OP_RECIP_INCLUDE
#include "api/compute/eltwise_unary/recip.h"
#endif

#if SFPU_OP_RELU_FAMILY_INCLUDE
#include "api/compute/eltwise_unary/relu.h"
#endif

#if SFPU_OP_TRIG_FAMILY_INCLUDE
#include "api/compute/eltwise_unary/trigonometry.h"
#endif

#if SFPU_OP_COMPUTE_KERNEL_API_INCLUDE
#include "api/compute/compute_kernel_api.h"
#endif

#if SFPU_OP_ISINF_ISNAN_INCLUDE
#error "tt-emu: the ISINF_ISNAN SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_ERF_ERFC_INCLUDE
#error "tt-emu: the ERF_ERFC SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_LOGICAL_NOT_INCLUDE
#error "tt-emu: the LOGICAL_NOT SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_RSQRT_INCLUDE
#include "api/compute/eltwise_unary/rsqrt.h"
#endif
#if SFPU_OP_CBRT_INCLUDE
#error "tt-emu: the CBRT SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_ELU_INCLUDE
#error "tt-emu: the ELU SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_I0_INCLUDE || SFPU_OP_I1_INCLUDE
#error "tt-emu: the I0/I1 SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_ERFINV_INCLUDE
#error "tt-emu: the ERFINV SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_NEG_INCLUDE
#error "tt-emu: the NEG SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_RSUB_INCLUDE
#error "tt-emu: the RSUB SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_IDENTITY_INCLUDE
#error "tt-emu: the IDENTITY SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_TYPECAST_INCLUDE
#error "tt-emu: the TYPECAST SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_BITWISE_INCLUDE || SFPU_OP_BITWISE_NOT_INCLUDE || SFPU_OP_SHIFT_INCLUDE
#error "tt-emu: the BITWISE/SHIFT SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_ROUND_FAMILY_INCLUDE || SFPU_OP_REMAINDER_INCLUDE || SFPU_OP_FMOD_INCLUDE
#error "tt-emu: the ROUND/REMAINDER/FMOD SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_BINOP_WITH_SCALAR_INCLUDE
#include "api/compute/eltwise_unary/binop_with_scalar.h"
#endif
#if SFPU_OP_SOFTPLUS_INCLUDE || SFPU_OP_XIELU_INCLUDE || SFPU_OP_LOGSIGMOID_INCLUDE || SFPU_OP_SELU_INCLUDE || \
    SFPU_OP_PRELU_INCLUDE || SFPU_OP_ACTIVATIONS_INCLUDE || SFPU_OP_HARDTANH_INCLUDE || SFPU_OP_HARDMISH_INCLUDE || \
    SFPU_OP_MISH_INCLUDE || SFPU_OP_TANHSHRINK_INCLUDE
#error "tt-emu: the activation SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_FILL_INCLUDE
#include "api/compute/eltwise_unary/fill.h"
#endif

#if SFPU_OP_DROPOUT_INCLUDE || SFPU_OP_LOG1P_INCLUDE || SFPU_OP_UNARY_COMP_INCLUDE || \
    SFPU_OP_THRESHOLD_INCLUDE || SFPU_OP_WHERE_INCLUDE || SFPU_OP_CLAMP_INCLUDE || SFPU_OP_RPOW_INCLUDE
#error "tt-emu: the DROPOUT/LOG1P/COMP/THRESHOLD/WHERE/CLAMP/RPOW SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_BINARY_MAX_MIN_INCLUDE
#include "api/compute/binary_max_min.h"
#endif
#if SFPU_OP_LGAMMA_INCLUDE || SFPU_OP_DIGAMMA_INCLUDE || SFPU_OP_POLYGAMMA_INCLUDE
#error "tt-emu: the GAMMA SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
#if SFPU_OP_BINARY_DIV_INCLUDE || SFPU_OP_BINARY_ADD_INT_INCLUDE || SFPU_OP_BINARY_MUL_INT_INCLUDE || \
    SFPU_OP_BINARY_GT_INT_INCLUDE
#error "tt-emu: the binary SFPU SFPU ops (SFPU_OP_..._INCLUDE) are not emulated"
#endif
