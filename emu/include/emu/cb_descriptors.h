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

// One of chlkc_descriptors.h's per-CB tables (index 0..31): `field` of each configured CB,
// `missing` for the others.
template <class T, class F>
constexpr auto table(F field, T missing) {
    struct Table {
        T v[32];
        constexpr const T& operator[](std::uint32_t i) const { return v[i]; }
    } t{};
    for (T& x : t.v) {
        x = missing;
    }
    for (const Entry& e : kEntries) {
        if (e.index < 32) {
            t.v[e.index] = field(e);
        }
    }
    return t;
}

}  // namespace emu::cb_desc

// chlkc_descriptors.h's tables, which kernels and ttnn's kernel helpers index by CB as constant
// expressions (`static_cast<DataFormat>(unpack_src_format[cb])`, `unpack_tile_r_dim[cb]`): the data
// format a CB is unpacked from / packed to, its tiles' dimensions, faces and size. The emulator's
// unpacker and packer keep a CB's format (the src / dst formats are the CB's), tiles are 32x32 in
// four 16x16 faces; unconfigured CBs hold 255 (DataFormat::Invalid) and 0.
inline constexpr auto unpack_src_format =
    emu::cb_desc::table<std::uint8_t>([](const emu::cb_desc::Entry& e) { return std::uint8_t(e.format); }, 255);
inline constexpr auto unpack_dst_format = unpack_src_format;
inline constexpr auto pack_src_format = unpack_src_format;
inline constexpr auto pack_dst_format = unpack_src_format;
inline constexpr auto unpack_tile_r_dim =
    emu::cb_desc::table<std::uint8_t>([](const emu::cb_desc::Entry&) { return std::uint8_t(32); }, 0);
inline constexpr auto unpack_tile_c_dim = unpack_tile_r_dim;
inline constexpr auto pack_tile_r_dim = unpack_tile_r_dim;
inline constexpr auto pack_tile_c_dim = unpack_tile_r_dim;
inline constexpr auto unpack_tile_num_faces =
    emu::cb_desc::table<std::uint8_t>([](const emu::cb_desc::Entry&) { return std::uint8_t(4); }, 0);
inline constexpr auto pack_tile_num_faces = unpack_tile_num_faces;
inline constexpr auto unpack_tile_face_r_dim =
    emu::cb_desc::table<std::uint8_t>([](const emu::cb_desc::Entry&) { return std::uint8_t(16); }, 0);
inline constexpr auto pack_tile_face_r_dim = unpack_tile_face_r_dim;
inline constexpr auto unpack_tile_size =
    emu::cb_desc::table<std::uint32_t>([](const emu::cb_desc::Entry& e) { return e.tile_size; }, 0u);
inline constexpr auto pack_tile_size = unpack_tile_size;

#endif
