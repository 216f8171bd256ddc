// tt-emu: numerics of the emulated Tensix core, free of any runtime state (unit-tested).
//
// - Storage formats: Float32 (bit-exact), Float16_b (bf16: the upper 16 bits of an fp32; from
//   fp32 by rounding to nearest, ties to even, NaN kept quiet), Float16 (IEEE half, round to
//   nearest even). Int32 / UInt32 tiles are converted to and from float values.
// - Tile layout: a 32x32 tile is four 16x16 faces in row-major order (top-left, top-right,
//   bottom-left, bottom-right), each face row-major: element (r, c) is at
//   ((r / 16) * 2 + c / 16) * 256 + (r % 16) * 16 + c % 16 (tt-metal's TILED_NFACES).
// - Math: tiles are unpacked to row-major fp32, computed on in fp32 and packed back.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

#include "emu/data_format.h"

namespace emu {

constexpr int kTileRows = 32;
constexpr int kTileCols = 32;
constexpr int kFaceRows = 16;
constexpr int kFaceCols = 16;
constexpr int kTileElems = kTileRows * kTileCols;

constexpr int tiled_index(int r, int c) {
    return ((r / kFaceRows) * 2 + c / kFaceCols) * (kFaceRows * kFaceCols) + (r % kFaceRows) * kFaceCols +
           c % kFaceCols;
}

inline std::uint32_t f32_bits(float f) {
    std::uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

inline float bits_f32(std::uint32_t u) {
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

// fp32 -> bf16, round to nearest, ties to even; NaN stays a (quiet) NaN.
inline std::uint16_t f32_to_bf16(float f) {
    std::uint32_t u = f32_bits(f);
    if ((u & 0x7fffffffu) > 0x7f800000u) {
        return static_cast<std::uint16_t>((u >> 16) | 0x0040u);
    }
    const std::uint32_t lsb = (u >> 16) & 1u;
    u += 0x7fffu + lsb;
    return static_cast<std::uint16_t>(u >> 16);
}

inline float bf16_to_f32(std::uint16_t b) { return bits_f32(static_cast<std::uint32_t>(b) << 16); }

inline float round_bf16(float f) { return bf16_to_f32(f32_to_bf16(f)); }

// fp32 -> IEEE half, round to nearest even (subnormals, overflow to inf, NaN handled).
inline std::uint16_t f32_to_f16(float f) {
    const std::uint32_t u = f32_bits(f);
    const std::uint32_t sign = (u >> 16) & 0x8000u;
    const std::uint32_t absu = u & 0x7fffffffu;
    if (absu > 0x7f800000u) {
        return static_cast<std::uint16_t>(sign | 0x7e00u);
    }
    if (absu >= 0x477ff000u) {  // rounds to >= 65520: inf
        return static_cast<std::uint16_t>(sign | 0x7c00u);
    }
    if (absu < 0x38800000u) {  // below the smallest normal half (2^-14): subnormal or zero
        const float a = bits_f32(absu);
        // a * 2^24 is the subnormal mantissa; nearbyint rounds to even in the default mode.
        const float m = std::nearbyint(a * 16777216.0f);
        return static_cast<std::uint16_t>(sign | static_cast<std::uint32_t>(m));
    }
    const std::uint32_t exp = ((absu >> 23) - 127 + 15) << 10;
    std::uint32_t mant = absu & 0x7fffffu;
    std::uint32_t h = exp | (mant >> 13);
    const std::uint32_t rest = mant & 0x1fffu;
    if (rest > 0x1000u || (rest == 0x1000u && (h & 1u))) {
        ++h;  // may carry into the exponent, which is the right result
    }
    return static_cast<std::uint16_t>(sign | h);
}

inline float f16_to_f32(std::uint16_t h) {
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
    const std::uint32_t exp = (h >> 10) & 0x1fu;
    const std::uint32_t mant = h & 0x3ffu;
    if (exp == 0) {
        const float v = static_cast<float>(mant) * (1.0f / 16777216.0f);
        return sign ? -v : v;
    }
    if (exp == 31) {
        return bits_f32(sign | 0x7f800000u | (mant << 13));
    }
    return bits_f32(sign | ((exp - 15 + 127) << 23) | (mant << 13));
}

inline float round_f16(float f) { return f16_to_f32(f32_to_f16(f)); }

// Bytes per element of a format the emulator's unpacker and packer handle; 0 if it has none.
inline int element_bytes(tt::DataFormat fmt) {
    switch (fmt) {
        case tt::DataFormat::Float32:
        case tt::DataFormat::Int32:
        case tt::DataFormat::UInt32:
            return 4;
        case tt::DataFormat::Float16:
        case tt::DataFormat::Float16_b:
            return 2;
        default:
            return 0;
    }
}

inline const char* format_name(tt::DataFormat fmt) {
    switch (fmt) {
        case tt::DataFormat::Float32: return "Float32";
        case tt::DataFormat::Float16: return "Float16";
        case tt::DataFormat::Float16_b: return "Float16_b";
        case tt::DataFormat::Bfp8_b: return "Bfp8_b";
        case tt::DataFormat::Bfp4_b: return "Bfp4_b";
        case tt::DataFormat::Bfp8: return "Bfp8";
        case tt::DataFormat::Bfp4: return "Bfp4";
        case tt::DataFormat::Int32: return "Int32";
        case tt::DataFormat::UInt32: return "UInt32";
        case tt::DataFormat::UInt16: return "UInt16";
        case tt::DataFormat::UInt8: return "UInt8";
        case tt::DataFormat::Int8: return "Int8";
        default: return "an unsupported format";
    }
}

// Element i (in storage order) of a page in `fmt`, as float.
inline float load_element(const std::uint8_t* page, tt::DataFormat fmt, int i) {
    switch (fmt) {
        case tt::DataFormat::Float32: {
            float v;
            std::memcpy(&v, page + 4 * i, 4);
            return v;
        }
        case tt::DataFormat::Float16_b: {
            std::uint16_t b;
            std::memcpy(&b, page + 2 * i, 2);
            return bf16_to_f32(b);
        }
        case tt::DataFormat::Float16: {
            std::uint16_t b;
            std::memcpy(&b, page + 2 * i, 2);
            return f16_to_f32(b);
        }
        case tt::DataFormat::Int32: {
            std::int32_t v;
            std::memcpy(&v, page + 4 * i, 4);
            return static_cast<float>(v);
        }
        case tt::DataFormat::UInt32: {
            std::uint32_t v;
            std::memcpy(&v, page + 4 * i, 4);
            return static_cast<float>(v);
        }
        default:
            return 0.0f;
    }
}

inline void store_element(std::uint8_t* page, tt::DataFormat fmt, int i, float v) {
    switch (fmt) {
        case tt::DataFormat::Float32:
            std::memcpy(page + 4 * i, &v, 4);
            break;
        case tt::DataFormat::Float16_b: {
            const std::uint16_t b = f32_to_bf16(v);
            std::memcpy(page + 2 * i, &b, 2);
            break;
        }
        case tt::DataFormat::Float16: {
            const std::uint16_t b = f32_to_f16(v);
            std::memcpy(page + 2 * i, &b, 2);
            break;
        }
        case tt::DataFormat::Int32: {
            const std::int32_t x = static_cast<std::int32_t>(std::nearbyint(v));
            std::memcpy(page + 4 * i, &x, 4);
            break;
        }
        case tt::DataFormat::UInt32: {
            const std::uint32_t x = v <= 0.0f ? 0u : static_cast<std::uint32_t>(std::nearbyint(v));
            std::memcpy(page + 4 * i, &x, 4);
            break;
        }
        default:
            break;
    }
}

// A tile page (face layout, `fmt`) -> 1024 row-major floats.
inline void unpack_tile(const std::uint8_t* page, tt::DataFormat fmt, float* out) {
    for (int r = 0; r < kTileRows; ++r) {
        for (int c = 0; c < kTileCols; ++c) {
            out[r * kTileCols + c] = load_element(page, fmt, tiled_index(r, c));
        }
    }
}

// 1024 row-major floats -> a tile page (face layout, `fmt`).
inline void pack_tile(const float* in, tt::DataFormat fmt, std::uint8_t* page) {
    for (int r = 0; r < kTileRows; ++r) {
        for (int c = 0; c < kTileCols; ++c) {
            store_element(page, fmt, tiled_index(r, c), in[r * kTileCols + c]);
        }
    }
}

// Packer L1 accumulation: each element of the page becomes (its value + the DST value) in fp32,
// rounded once to `fmt` (the packer adds what it packs to what L1 holds).
inline void pack_tile_accumulate(const float* in, tt::DataFormat fmt, std::uint8_t* page) {
    for (int r = 0; r < kTileRows; ++r) {
        for (int c = 0; c < kTileCols; ++c) {
            const int i = tiled_index(r, c);
            store_element(page, fmt, i, load_element(page, fmt, i) + in[r * kTileCols + c]);
        }
    }
}

// Each 16x16 face transposed in place, the faces where they are (the unpacker's within-face
// transpose).
inline void transpose_faces_within(float* t) {
    for (int fr = 0; fr < kTileRows; fr += 16) {
        for (int fc = 0; fc < kTileCols; fc += 16) {
            for (int i = 0; i < 16; ++i) {
                for (int j = i + 1; j < 16; ++j) {
                    std::swap(t[(fr + i) * kTileCols + fc + j], t[(fr + j) * kTileCols + fc + i]);
                }
            }
        }
    }
}

inline void transpose_tile(float* t) {
    for (int r = 0; r < kTileRows; ++r) {
        for (int c = r + 1; c < kTileCols; ++c) {
            const float x = t[r * kTileCols + c];
            t[r * kTileCols + c] = t[c * kTileCols + r];
            t[c * kTileCols + r] = x;
        }
    }
}

// acc += a @ b on row-major 32x32 fp32 tiles (products and sums in fp32, k ascending).
inline void matmul_tile_acc(const float* a, const float* b, float* acc) {
    for (int i = 0; i < kTileRows; ++i) {
        float row[kTileCols];
        for (int j = 0; j < kTileCols; ++j) {
            row[j] = 0.0f;
        }
        for (int k = 0; k < kTileCols; ++k) {
            const float aik = a[i * kTileCols + k];
            const float* brow = b + k * kTileCols;
            for (int j = 0; j < kTileCols; ++j) {
                row[j] += aik * brow[j];
            }
        }
        for (int j = 0; j < kTileCols; ++j) {
            acc[i * kTileCols + j] += row[j];
        }
    }
}

// ---- reduce (api/compute/reduce.h) and broadcast (api/compute/bcast.h) on row-major tiles.

enum class ReducePool { Sum = 0, Avg = 1, Max = 2 };
enum class ReduceAxis { Row = 0, Col = 1, Scalar = 2 };  // REDUCE_ROW, REDUCE_COL, REDUCE_SCALAR

// The scaler weight of a reduced element. The scaler tile's meaningful data is the first row of
// each face (tile rows 0 and 16), as reduce.h says to populate it; the pooling hardware multiplies
// each face of the operand by its face's first row, indexed by the element's position along the
// reduced dimension within the face:
//   REDUCE_ROW (over columns): element (r, c) weighs S[16 * (r / 16)][c];
//   REDUCE_COL (over rows):    element (r, c) weighs S[16 * (r / 16)][16 * (c / 16) + r % 16].
// A scaler tile filled with s everywhere weighs every element s; the partial fills ttnn's
// prepare_reduce_scaler makes for a padded last tile (zeros past the valid elements) mask the
// padding out.
inline float reduce_row_weight(const float* s, int r, int c) { return s[(r / kFaceRows) * kFaceRows * kTileCols + c]; }
inline float reduce_col_weight(const float* s, int r, int c) {
    return s[(r / kFaceRows) * kFaceRows * kTileCols + (c / kFaceCols) * kFaceCols + r % kFaceRows];
}

// MAX pooling keeps only the exponent of the scaler (ttnn's reduce.cpp: "GMPOOL only respects the
// scaler's exponent for MAX/MIN"): the maximum is multiplied by 2^e, e the exponent of S[0][0]
// (1 for a scaler of 1.0; 0 for a zero scaler).
inline float max_scale(const float* s) {
    const float v = s[0];
    if (v == 0.0f || !std::isfinite(v)) {
        return v == 0.0f ? 0.0f : 1.0f;
    }
    return std::ldexp(1.0f, std::ilogb(v));
}

// One reduce_tile: `a` reduced along `axis` with scaler tile `s`, into DST tile `dst`:
//   REDUCE_ROW: dst[r][0] (each row's result in column 0); REDUCE_COL: dst[0][c] (row 0);
//   REDUCE_SCALAR: dst[0][0]. SUM / AVG: the weighted sum (weights above; REDUCE_SCALAR is a
//   column pass then a row pass over the column results, weighed by S[0][c]: a uniform scaler s
//   gives s^2 * sum, which is why reduce.h asks for 1/sqrt(N) for a scalar AVG) is ADDED to what
//   dst holds there (the kernels reduce several tiles into one DST tile). MAX: the maximum times
//   max_scale(s), combined with dst by max, or written when `dst_fresh` (the DST tile holds
//   nothing since it was cleared, so the first tile's max is not compared with zero). Only the
//   result positions of dst change; the packer zeroes the others (reduce_init's edge masks).
inline void reduce_tile_acc(const float* a, const float* s, ReducePool pool, ReduceAxis axis, float* dst,
                            bool dst_fresh) {
    auto combine = [&](float& out, float v) {
        if (pool == ReducePool::Max) {
            out = dst_fresh ? v : std::fmax(out, v);
        } else {
            out += v;
        }
    };
    if (pool == ReducePool::Max) {
        const float k = max_scale(s);
        float all = -INFINITY;
        for (int i = 0; i < kTileRows; ++i) {
            float row = -INFINITY, col = -INFINITY;
            for (int j = 0; j < kTileCols; ++j) {
                row = std::fmax(row, a[i * kTileCols + j]);
                col = std::fmax(col, a[j * kTileCols + i]);
            }
            all = std::fmax(all, row);
            if (axis == ReduceAxis::Row) {
                combine(dst[i * kTileCols], row * k);
            } else if (axis == ReduceAxis::Col) {
                combine(dst[i], col * k);
            }
        }
        if (axis == ReduceAxis::Scalar) {
            combine(dst[0], all * k);
        }
        return;
    }
    if (axis == ReduceAxis::Row) {
        for (int r = 0; r < kTileRows; ++r) {
            float sum = 0.0f;
            for (int c = 0; c < kTileCols; ++c) {
                sum += a[r * kTileCols + c] * reduce_row_weight(s, r, c);
            }
            combine(dst[r * kTileCols], sum);
        }
        return;
    }
    float total = 0.0f;
    for (int c = 0; c < kTileCols; ++c) {
        float sum = 0.0f;
        for (int r = 0; r < kTileRows; ++r) {
            sum += a[r * kTileCols + c] * reduce_col_weight(s, r, c);
        }
        if (axis == ReduceAxis::Col) {
            combine(dst[c], sum);
        } else {
            total += sum * s[c];
        }
    }
    if (axis == ReduceAxis::Scalar) {
        combine(dst[0], total);
    }
}

// The packer's edge masks after reduce_init: every datum that is not a result position of `axis`
// becomes zero (REDUCE_ROW keeps column 0, REDUCE_COL row 0, REDUCE_SCALAR element [0][0]).
inline void reduce_pack_mask(ReduceAxis axis, float* t) {
    for (int r = 0; r < kTileRows; ++r) {
        for (int c = 0; c < kTileCols; ++c) {
            const bool keep = axis == ReduceAxis::Row ? c == 0 : axis == ReduceAxis::Col ? r == 0 : r == 0 && c == 0;
            if (!keep) {
                t[r * kTileCols + c] = 0.0f;
            }
        }
    }
}

enum class Bcast { None = 0, Col = 1, Row = 2, Scalar = 3 };  // ckernel::BroadcastType's values

// Operand B of a broadcast binary op as the FPU sees it: COL: B's column 0 across every column
// (one value per row); ROW: B's row `row` (0 by default) down every row; SCALAR: B[0][0] everywhere.
inline void bcast_operand(float* b, Bcast kind, int row = 0) {
    if (kind == Bcast::None) {
        return;
    }
    float col0[kTileRows], row0[kTileCols];
    for (int i = 0; i < kTileRows; ++i) {
        col0[i] = b[i * kTileCols];
        row0[i] = b[row * kTileCols + i];
    }
    const float scalar = b[0];
    for (int r = 0; r < kTileRows; ++r) {
        for (int c = 0; c < kTileCols; ++c) {
            b[r * kTileCols + c] = kind == Bcast::Col ? col0[r] : kind == Bcast::Row ? row0[c] : scalar;
        }
    }
}

}  // namespace emu
