// tt-emu unit tests: bf16 / fp16 rounding, the tile face layout, tile matmul, packer L1 accumulation.
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "check.h"
#include "numerics.h"

using namespace emu;

static void bf16_rounding() {
    // Exact values survive.
    CHECK(f32_to_bf16(1.0f) == 0x3F80);
    CHECK(f32_to_bf16(-2.0f) == 0xC000);
    CHECK(bf16_to_f32(0x3F80) == 1.0f);
    // Round to nearest: 1 + 2^-8 is half-way between 1 and 1 + 2^-7 -> ties to even (1.0).
    CHECK(f32_to_bf16(bits_f32(0x3F808000u)) == 0x3F80);
    // Half-way above an odd mantissa rounds up to even.
    CHECK(f32_to_bf16(bits_f32(0x3F818000u)) == 0x3F82);
    // Just above half-way rounds up, just below rounds down (not truncation).
    CHECK(f32_to_bf16(bits_f32(0x3F808001u)) == 0x3F81);
    CHECK(f32_to_bf16(bits_f32(0x3F807FFFu)) == 0x3F80);
    // Negative values round by magnitude.
    CHECK(f32_to_bf16(bits_f32(0xBF80C000u)) == 0xBF81);
    // Overflow to infinity, NaN stays NaN (quiet), infinities stay.
    CHECK(f32_to_bf16(bits_f32(0x7F7FFFFFu)) == 0x7F80);
    CHECK(std::isnan(bf16_to_f32(f32_to_bf16(std::nanf("")))));
    CHECK(std::isnan(bf16_to_f32(f32_to_bf16(bits_f32(0x7F800001u)))));
    CHECK(f32_to_bf16(INFINITY) == 0x7F80);
    CHECK(f32_to_bf16(-INFINITY) == 0xFF80);
    // Subnormals round like any other value.
    CHECK(f32_to_bf16(bits_f32(0x00008000u)) == 0x0000);
    CHECK(f32_to_bf16(bits_f32(0x00018000u)) == 0x0002);
}

static void f16_rounding() {
    CHECK(f32_to_f16(1.0f) == 0x3C00);
    CHECK(f32_to_f16(65504.0f) == 0x7BFF);
    CHECK(f32_to_f16(65520.0f) == 0x7C00);  // half-way to the next binade: ties to even = inf
    CHECK(f32_to_f16(65519.0f) == 0x7BFF);
    CHECK(f32_to_f16(1.0f + 1.0f / 2048) == 0x3C00);  // tie -> even
    CHECK(f32_to_f16(1.0f + 3.0f / 2048) == 0x3C02);  // tie -> even (up)
    CHECK(f16_to_f32(0x0001) == std::ldexp(1.0f, -24));  // smallest subnormal
    CHECK(f32_to_f16(std::ldexp(1.0f, -25)) == 0x0000);  // tie -> even (0)
    CHECK(f32_to_f16(std::ldexp(3.0f, -25)) == 0x0002);
    CHECK(std::isnan(f16_to_f32(f32_to_f16(std::nanf("")))));
    for (std::uint32_t h = 0; h < 0x7C00; ++h) {  // every finite positive half round-trips
        if (f32_to_f16(f16_to_f32(static_cast<std::uint16_t>(h))) != h) {
            CHECK(false);
            break;
        }
    }
}

static void face_layout() {
    // Faces row-major, each face row-major.
    CHECK(tiled_index(0, 0) == 0);
    CHECK(tiled_index(0, 15) == 15);
    CHECK(tiled_index(1, 0) == 16);
    CHECK(tiled_index(0, 16) == 256);   // top-right face
    CHECK(tiled_index(16, 0) == 512);   // bottom-left face
    CHECK(tiled_index(16, 16) == 768);  // bottom-right face
    CHECK(tiled_index(31, 31) == 1023);
    CHECK(tiled_index(15, 17) == 256 + 15 * 16 + 1);
    // pack then unpack is the identity (fp32), and every storage slot is used once.
    std::vector<float> rm(kTileElems), back(kTileElems);
    for (int i = 0; i < kTileElems; ++i) {
        rm[i] = static_cast<float>(i);
    }
    std::vector<std::uint8_t> page(kTileElems * 4);
    pack_tile(rm.data(), tt::DataFormat::Float32, page.data());
    float v;
    std::memcpy(&v, page.data() + 4 * 256, 4);
    CHECK(v == 16.0f);  // element (0, 16) of the row-major tile is the first of face 1
    unpack_tile(page.data(), tt::DataFormat::Float32, back.data());
    CHECK(back == rm);
    // bf16 packing rounds each element to nearest even.
    std::vector<std::uint8_t> page16(kTileElems * 2);
    rm[5] = bits_f32(0x3F818000u);
    pack_tile(rm.data(), tt::DataFormat::Float16_b, page16.data());
    unpack_tile(page16.data(), tt::DataFormat::Float16_b, back.data());
    CHECK(f32_bits(back[5]) == 0x3F820000u);
}

static void matmul_tile() {
    std::mt19937 gen(7);
    std::normal_distribution<float> dist;
    std::vector<float> a(kTileElems), b(kTileElems), acc(kTileElems, 1.0f);
    for (int i = 0; i < kTileElems; ++i) {
        a[i] = dist(gen);
        b[i] = dist(gen);
    }
    matmul_tile_acc(a.data(), b.data(), acc.data());
    double worst = 0;
    for (int i = 0; i < 32; ++i) {
        for (int j = 0; j < 32; ++j) {
            double ref = 1.0;
            for (int k = 0; k < 32; ++k) {
                ref += double(a[i * 32 + k]) * double(b[k * 32 + j]);
            }
            worst = std::max(worst, std::fabs(ref - acc[i * 32 + j]));
        }
    }
    CHECK(worst < 1e-4);  // fp32 sums of 32 products of magnitude ~1
    // Transpose: (B^T)[k][j] = B[j][k].
    std::vector<float> bt = b;
    transpose_tile(bt.data());
    CHECK(bt[3 * 32 + 5] == b[5 * 32 + 3]);
    // Identity.
    std::vector<float> eye(kTileElems, 0.0f), out(kTileElems, 0.0f);
    for (int i = 0; i < 32; ++i) {
        eye[i * 32 + i] = 1.0f;
    }
    matmul_tile_acc(a.data(), eye.data(), out.data());
    CHECK(out == a);
}

static void pack_accumulate() {
    // Packer L1 accumulation: page = round_fmt(page + DST), the sum in fp32, one rounding.
    std::vector<float> first(kTileElems), second(kTileElems), back(kTileElems);
    for (int i = 0; i < kTileElems; ++i) {
        first[i] = static_cast<float>(i % 7) - 3.0f;
        second[i] = 0.5f * static_cast<float>(i % 5);
    }
    std::vector<std::uint8_t> page(kTileElems * 2);
    pack_tile(first.data(), tt::DataFormat::Float16_b, page.data());
    pack_tile_accumulate(second.data(), tt::DataFormat::Float16_b, page.data());
    unpack_tile(page.data(), tt::DataFormat::Float16_b, back.data());
    bool exact = true;
    for (int i = 0; i < kTileElems; ++i) {
        exact = exact && back[i] == first[i] + second[i];
    }
    CHECK(exact);
    // bf16: 256 + 1 is a tie between 256 and 258 -> even (256); fp32 keeps 257.
    std::vector<float> big(kTileElems, 256.0f), one(kTileElems, 1.0f);
    pack_tile(big.data(), tt::DataFormat::Float16_b, page.data());
    pack_tile_accumulate(one.data(), tt::DataFormat::Float16_b, page.data());
    unpack_tile(page.data(), tt::DataFormat::Float16_b, back.data());
    CHECK(back[0] == 256.0f && back[1023] == 256.0f);
    std::vector<std::uint8_t> page32(kTileElems * 4);
    pack_tile(big.data(), tt::DataFormat::Float32, page32.data());
    pack_tile_accumulate(one.data(), tt::DataFormat::Float32, page32.data());
    unpack_tile(page32.data(), tt::DataFormat::Float32, back.data());
    CHECK(back[0] == 257.0f && back[1023] == 257.0f);
}

// Reduce on a hand-checkable tile: a(r, c) = r - c (integers, exact in fp32).
static void reduce_numerics() {
    std::vector<float> a(kTileElems), ones(kTileElems, 1.0f), two(kTileElems, 2.0f), dst(kTileElems, 0.0f);
    for (int r = 0; r < 32; ++r) {
        for (int c = 0; c < 32; ++c) {
            a[r * 32 + c] = static_cast<float>(r - c);
        }
    }
    // REDUCE_ROW SUM: row r sums to 32 r - 496, at column 0; nothing else changes.
    reduce_tile_acc(a.data(), ones.data(), ReducePool::Sum, ReduceAxis::Row, dst.data(), true);
    CHECK(dst[0] == -496.0f);
    CHECK(dst[5 * 32] == 160.0f - 496.0f);
    CHECK(dst[1] == 0.0f && dst[5 * 32 + 3] == 0.0f);
    // ... accumulates into DST (a second tile), scaled by 2.
    reduce_tile_acc(a.data(), two.data(), ReducePool::Sum, ReduceAxis::Row, dst.data(), false);
    CHECK(dst[5 * 32] == 3.0f * (160.0f - 496.0f));
    // REDUCE_COL SUM: column c sums to 496 - 32 c, at row 0.
    std::fill(dst.begin(), dst.end(), 0.0f);
    reduce_tile_acc(a.data(), ones.data(), ReducePool::Sum, ReduceAxis::Col, dst.data(), true);
    CHECK(dst[0] == 496.0f && dst[31] == 496.0f - 32.0f * 31.0f && dst[32] == 0.0f);
    // REDUCE_SCALAR SUM: every element, weighted by the scaler twice (s^2): 0 for r - c; use r + c.
    std::vector<float> b(kTileElems);
    for (int r = 0; r < 32; ++r) {
        for (int c = 0; c < 32; ++c) {
            b[r * 32 + c] = static_cast<float>(r + c);
        }
    }
    std::fill(dst.begin(), dst.end(), 0.0f);
    reduce_tile_acc(b.data(), two.data(), ReducePool::Sum, ReduceAxis::Scalar, dst.data(), true);
    CHECK(dst[0] == 4.0f * 31744.0f && dst[1] == 0.0f);
    // MAX: row r's max is r (c = 0), column c's is 31 - c; the first tile sets DST (no max with 0),
    // later ones keep the running max.
    std::vector<float> neg(kTileElems);
    for (int i = 0; i < kTileElems; ++i) {
        neg[i] = a[i] - 100.0f;
    }
    std::fill(dst.begin(), dst.end(), 0.0f);
    reduce_tile_acc(neg.data(), ones.data(), ReducePool::Max, ReduceAxis::Row, dst.data(), true);
    CHECK(dst[3 * 32] == -97.0f);
    reduce_tile_acc(a.data(), ones.data(), ReducePool::Max, ReduceAxis::Row, dst.data(), false);
    CHECK(dst[3 * 32] == 3.0f);
    reduce_tile_acc(neg.data(), ones.data(), ReducePool::Max, ReduceAxis::Row, dst.data(), false);
    CHECK(dst[3 * 32] == 3.0f);
    std::fill(dst.begin(), dst.end(), 0.0f);
    reduce_tile_acc(a.data(), ones.data(), ReducePool::Max, ReduceAxis::Col, dst.data(), true);
    CHECK(dst[0] == 31.0f && dst[10] == 21.0f);
    reduce_tile_acc(neg.data(), ones.data(), ReducePool::Max, ReduceAxis::Scalar, dst.data(), true);
    CHECK(dst[0] == -69.0f);
    // MAX keeps only the scaler's exponent: 3.0 scales by 2.
    std::vector<float> three(kTileElems, 3.0f);
    reduce_tile_acc(a.data(), three.data(), ReducePool::Max, ReduceAxis::Scalar, dst.data(), true);
    CHECK(dst[0] == 62.0f);
    // A partial scaler (ttnn's prepare_reduce_scaler for 20 valid columns): zeros past column 20 of
    // each face's first row mask the padding of a REDUCE_ROW.
    std::vector<float> part(kTileElems, 0.0f);
    for (int c = 0; c < 20; ++c) {
        part[c] = 1.0f;
        part[16 * 32 + c] = 1.0f;
    }
    std::fill(dst.begin(), dst.end(), 0.0f);
    reduce_tile_acc(b.data(), part.data(), ReducePool::Sum, ReduceAxis::Row, dst.data(), true);
    CHECK(dst[0] == 190.0f && dst[17 * 32] == 17.0f * 20.0f + 190.0f);
    // The packer's edge masks.
    std::vector<float> t = b;
    reduce_pack_mask(ReduceAxis::Row, t.data());
    CHECK(t[5 * 32] == 5.0f && t[5 * 32 + 1] == 0.0f);
    t = b;
    reduce_pack_mask(ReduceAxis::Col, t.data());
    CHECK(t[7] == 7.0f && t[32 + 7] == 0.0f);
    t = b;
    reduce_pack_mask(ReduceAxis::Scalar, t.data());
    CHECK(t[0] == 0.0f && t[1] == 0.0f);
}

// Broadcast operands: b(r, c) = 100 r + c.
static void bcast_numerics() {
    std::vector<float> b(kTileElems);
    for (int r = 0; r < 32; ++r) {
        for (int c = 0; c < 32; ++c) {
            b[r * 32 + c] = static_cast<float>(100 * r + c);
        }
    }
    std::vector<float> x = b;
    bcast_operand(x.data(), Bcast::Col);
    CHECK(x[7 * 32 + 9] == 700.0f && x[31 * 32 + 31] == 3100.0f);
    x = b;
    bcast_operand(x.data(), Bcast::Row);
    CHECK(x[7 * 32 + 9] == 9.0f && x[31 * 32 + 31] == 31.0f);
    x = b;
    bcast_operand(x.data(), Bcast::Row, 2);
    CHECK(x[7 * 32 + 9] == 209.0f);
    x = b;
    bcast_operand(x.data(), Bcast::Scalar);
    CHECK(x[7 * 32 + 9] == 0.0f && x[1] == 0.0f);
    x = b;
    bcast_operand(x.data(), Bcast::None);
    CHECK(x == b);
}

int main() {
    reduce_numerics();
    bcast_numerics();
    bf16_rounding();
    f16_rounding();
    face_layout();
    matmul_tile();
    pack_accumulate();
    return finish("test_numerics");
}
