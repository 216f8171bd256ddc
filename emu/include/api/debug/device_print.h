// tt-emu: DEVICE_PRINT (tt-metal v0.74.0 api/debug/device_print.h). Printing needs the host's
// print server, which the emulator does not have; like a device without DEBUG_PRINT_ENABLED, the
// macros expand to nothing and their arguments are not evaluated.
#pragma once

#define DEVICE_PRINT(format, ...)
#define DEVICE_PRINT_UNPACK(format, ...)
#define DEVICE_PRINT_MATH(format, ...)
#define DEVICE_PRINT_PACK(format, ...)
#define DEVICE_PRINT_DATA0(format, ...)
#define DEVICE_PRINT_DATA1(format, ...)
#define DEVICE_PRINT_INITIALIZE_LOCK()
#define DEVICE_PRINT_KERNEL_FINISHED()
