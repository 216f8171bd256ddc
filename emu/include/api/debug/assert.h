// tt-emu: device-side assertions (tt-metal v0.74.0 api/debug/assert.h).
//
// On the device ASSERT(condition[, type]) is checked only with the watcher enabled (a failed one
// hangs the core and the watcher reports it); without it the condition is not evaluated. The
// emulator behaves like a device with the watcher on: a false condition is a fault that names the
// kernel, its core, the file, the line and the condition.
#pragma once

#include "emu/kernel.h"

#define TT_EMU_ASSERT_STR2(x) #x
#define TT_EMU_ASSERT_STR(x) TT_EMU_ASSERT_STR2(x)

#define ASSERT(condition, ...)                                                                             \
    (void((condition) ? 0                                                                                  \
                      : (emu::k::fail("ASSERT(" #condition ") failed at " __FILE__ ":" TT_EMU_ASSERT_STR( \
                             __LINE__) " (tt-emu checks device assertions, as the watcher does)"),        \
                         0)))
#define ASSERT_ENABLED 1
