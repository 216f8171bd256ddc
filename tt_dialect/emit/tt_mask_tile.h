// tt_mask_tile.h: written by tt-dialect next to the kernels that call it (tt-cpp).
//
// tt_dialect::write_mask_tile<Predicate, Format>(l1_addr, row, col, on_true, on_false)
// writes one 32x32 tile of a mask into L1 at l1_addr (a page of a CB's reserved back):
// element (r, c) is on_true where (row + r) PRED (col + c) holds, else on_false (row and col
// are 32-bit two's complement: compared through their difference, they may be negative). The
// values are f32 bit patterns; a bf16 tile stores their top 16 bits, an f32 tile the
// patterns. The tile is laid out as Tensix tiles are in L1: four 16x16 faces in the
// order top-left, top-right, bottom-left, bottom-right, each row-major, so element
// (r, c) is at face (r / 16) * 2 + c / 16, offset (r % 16) * 16 + c % 16 in it.
// The kernels' op is tt.write_mask_tile (docs/dialect.md); tt-lower-shared-to-cb
// places one per tile of a tt.mask block in the reader kernel.
#pragma once

#include <cstdint>

namespace tt_dialect {

enum class MaskPredicate : uint32_t { Ge, Gt, Le, Lt };
enum class MaskFormat : uint32_t { Bf16, Float32 };

// Whether (row PRED col) holds, given diagonal = row - col.
template <MaskPredicate Predicate>
inline bool mask_holds(int32_t diagonal) {
    if constexpr (Predicate == MaskPredicate::Ge) {
        return diagonal >= 0;
    } else if constexpr (Predicate == MaskPredicate::Gt) {
        return diagonal > 0;
    } else if constexpr (Predicate == MaskPredicate::Le) {
        return diagonal <= 0;
    } else {
        return diagonal < 0;
    }
}

template <MaskPredicate Predicate, MaskFormat Format>
inline void write_mask_tile(uint32_t l1_addr, uint32_t row, uint32_t col, uint32_t on_true, uint32_t on_false) {
    constexpr uint32_t kFaceRows = 16;
    constexpr uint32_t kFaceCols = 16;
    constexpr uint32_t kTileRows = 32;
    constexpr uint32_t kTileCols = 32;
    // The tile's first row and column may be negative (an offset such as `i - 8`): the
    // kernel's uint32_t arithmetic wraps, and their difference, as a 32-bit signed value,
    // is the true one.
    const int32_t diagonal = static_cast<int32_t>(row - col);
    for (uint32_t r = 0; r < kTileRows; ++r) {
        for (uint32_t c = 0; c < kTileCols; ++c) {
            const uint32_t face = (r / kFaceRows) * 2 + c / kFaceCols;
            const uint32_t offset = face * kFaceRows * kFaceCols + (r % kFaceRows) * kFaceCols + c % kFaceCols;
            const int32_t element_diagonal = diagonal + static_cast<int32_t>(r) - static_cast<int32_t>(c);
            const uint32_t bits = mask_holds<Predicate>(element_diagonal) ? on_true : on_false;
            if constexpr (Format == MaskFormat::Bf16) {
                reinterpret_cast<volatile uint16_t*>(static_cast<std::uintptr_t>(l1_addr))[offset] =
                    static_cast<uint16_t>(bits >> 16);
            } else {
                reinterpret_cast<volatile uint32_t*>(static_cast<std::uintptr_t>(l1_addr))[offset] = bits;
            }
        }
    }
}

}  // namespace tt_dialect
