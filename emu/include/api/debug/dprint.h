// tt-emu: DPRINT (tt-metal v0.74.0 api/debug/dprint.h), the fmt-style device print. As on a device
// built without DEBUG_PRINT_ENABLED, every DPRINT* expands to nothing (see device_print.h). The
// removed stream style (`DPRINT << x << ENDL();`) does not compile, as with the real header.
#pragma once

#include "api/debug/device_print.h"

#define DPRINT(format, ...) DEVICE_PRINT(format, ##__VA_ARGS__)
#define DPRINT_UNPACK(format, ...) DEVICE_PRINT_UNPACK(format, ##__VA_ARGS__)
#define DPRINT_MATH(format, ...) DEVICE_PRINT_MATH(format, ##__VA_ARGS__)
#define DPRINT_PACK(format, ...) DEVICE_PRINT_PACK(format, ##__VA_ARGS__)
#define DPRINT_DATA0(format, ...) DEVICE_PRINT_DATA0(format, ##__VA_ARGS__)
#define DPRINT_DATA1(format, ...) DEVICE_PRINT_DATA1(format, ##__VA_ARGS__)
