// tt-emu: the program's CB descriptors, baked into each kernel build as tt-metal's JIT does.
//
// tt-metal generates `chlkc_descriptors.h` for every kernel of a program from the program's
// circular buffers on that kernel's cores (data format and tile size per CB index), which makes
// get_tile_size / get_dataformat / get_tile_hw / get_tile_num_faces constant expressions
// (dataflow_api.h, under DATA_FORMATS_DEFINED): kernels write
// `constexpr DataFormat f = get_dataformat(cb);`. The emulator builds kernels when the program
// runs, when every CB is known, and passes the same facts as
//   -DTT_EMU_CB_DESCRIPTORS={index,format,tile_size},...
// (formats are tt::DataFormat values, tile sizes in bytes; tiles are 32x32 in four faces).
#pragma once

#include <cstdint>

#include "emu/data_format.h"
#include "emu/kernel.h"

#ifdef TT_EMU_CB_DESCRIPTORS

namespace emu::cb_desc {

struct Entry {
    std::uint32_t index;
    std::uint32_t format;
    std::uint32_t tile_size;
};

// A sentinel first, so that a kernel on cores without CBs (an empty list) still compiles.
inline constexpr Entry kEntries[] = {{0xFFFFFFFFu, 0xFFu, 0u}, TT_EMU_CB_DESCRIPTORS};

constexpr const Entry& entry(std::int32_t operand) {
    for (const Entry& e : kEntries) {
        if (e.index == static_cast<std::uint32_t>(operand)) {
            return e;
        }
    }
    // Not a constant expression: a constant use of an unconfigured CB fails to compile; a run-time
    // use is a fault.
    emu::k::fail("get_tile_size / get_dataformat of a CB that no circular buffer of this kernel's cores configures");
}

}  // namespace emu::cb_desc

#endif
