// tt-check-kernels, mode `compute-api`: a compute kernel checked against the declarations of
// tt-metal's compute API (api/compute/*.h) without selecting a TRISC thread.
//
// A compute kernel is normally compiled three times, once per TRISC thread (unpack, math, pack),
// with TRISC_UNPACK / TRISC_MATH / TRISC_PACK selecting which LLK calls survive the
// UNPACK(...) / MATH(...) / PACK(...) macros. None is defined here: every macro body is dropped,
// so the LLK internals (and sfpi.h, which is not on PyPI) are never needed, while every call the
// kernel makes is still resolved against the API's declarations: names, argument counts and
// types, template arguments, and [[deprecated]] markers.
//
// The per-thread JIT header chlkc_descriptors.h only defines the DST configuration under a
// UCK_CHLKC_* thread macro, so this wrapper defines it from the kernel's compute config
// (TT_CHECK_DST_ACCUM_MODE, TT_CHECK_DST_FULL_SYNC, passed by tt-check-kernels).
#include "internal/firmware_common.h"

#ifndef TT_CHECK_DST_ACCUM_MODE
#define TT_CHECK_DST_ACCUM_MODE 0
#endif
constexpr bool DST_ACCUM_MODE = TT_CHECK_DST_ACCUM_MODE != 0;
#if defined(TT_CHECK_DST_FULL_SYNC) && TT_CHECK_DST_FULL_SYNC
#define DST_SYNC_MODE DstSync::SyncFull
#else
#define DST_SYNC_MODE DstSync::SyncHalf
#endif

// api/compile_time_args.h and chlkc_list.h come before the kernel, as in the JIT's trisck.cc:
// v0.81.1's compute API headers include neither (v0.74.0's common_globals.h included
// chlkc_list.h), yet a kernel calls get_compile_time_arg_val and the headers need chlkc_list.h's
// `using namespace ckernel` (compute_kernel_sentinel.h names ckernel's `Operand` unqualified).
// chlkc_list.h calls kernel_main() from run_kernel().
void kernel_main();
#include "api/compile_time_args.h"
#include "chlkc_list.h"

// Generated next to the check: `#include "<the kernel source>"`, as the JIT's kernel_includes.hpp.
#include "kernel_includes.hpp"
