// tt-emu unit tests: compute kernels written against the emulated compute API, linked as plain
// functions (built-in kernels), that check their own results exactly: matmul_block's tile
// indexing and packer L1 accumulation on tiny integer tiles (every value and sum is an integer
// of at most 8 significant bits, so bf16 holds it exactly and the results must match bit for bit).
#define TT_EMU_NO_KERNEL_ENTRY
#include <atomic>
#include <cstring>
#include <string>

#include "api/compute/compute_kernel_hw_startup.h"
#include "api/compute/matmul.h"
#include "api/compute/pack.h"
#include "api/compute/pack_untilize.h"
#include "api/compute/tile_move_copy.h"
#include "api/compute/reduce.h"
#include "api/compute/bcast.h"
#include "api/compute/binary_max_min.h"
#include "api/compute/eltwise_binary.h"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include "api/compute/transpose_wh.h"
#include "numerics.h"

std::atomic<int> g_compute_checks_passed{0};

namespace {

constexpr std::uint32_t kIn0 = 0, kIn1 = 1, kOut = 16;
constexpr std::uint32_t kRt = 2, kCt = 3, kKt = 2;  // A block 2 x 2 tiles, B block 2 x 3, C 2 x 3

// Element (i, j) of A's tile (r, k) (in -2..2) and of B's tile (k, c) (in -1..1): a pattern of its
// own in every tile and not symmetric, so a wrong tile, a wrong orientation or a transpose shows.
// |C| <= 2 * 64 (two K tiles of 32 terms), 256 with L1 accumulation: exact in bf16.
float a_elem(std::uint32_t r, std::uint32_t k, int i, int j) {
    return static_cast<float>(static_cast<int>((i * (r + 2) + j * (k + 1) + r + 3 * k) % 5) - 2);
}
float b_elem(std::uint32_t k, std::uint32_t c, int i, int j) {
    return static_cast<float>(static_cast<int>((i * (k + 1) + j * (c + 2) + k + c) % 3) - 1);
}

// Writes `count` tiles into the reserved back of CB `cb`, tile t from f(t, i, j).
template <class F>
void fill_back(std::uint32_t cb, std::uint32_t count, F f) {
    emu::k::cb_reserve_back(cb, count);
    const std::uint32_t base = emu::k::cb_write_ptr(cb);
    float rm[emu::kTileElems];
    for (std::uint32_t t = 0; t < count; ++t) {
        for (int i = 0; i < 32; ++i) {
            for (int j = 0; j < 32; ++j) {
                rm[i * 32 + j] = f(t, i, j);
            }
        }
        emu::pack_tile(rm, tt::DataFormat::Float16_b, reinterpret_cast<std::uint8_t*>(std::uintptr_t(base + t * 2048)));
    }
    emu::k::cb_push_back(cb, count);
}

// C[r][c] (element i, j) = sum over k of A(r, k) @ B(k, c), in exact integers, times `scale`.
bool out_matches(std::uint32_t base, int scale, std::string& why) {
    for (std::uint32_t r = 0; r < kRt; ++r) {
        for (std::uint32_t c = 0; c < kCt; ++c) {
            float got[emu::kTileElems];
            emu::unpack_tile(reinterpret_cast<const std::uint8_t*>(std::uintptr_t(base + (r * kCt + c) * 2048)),
                             tt::DataFormat::Float16_b, got);
            for (int i = 0; i < 32; ++i) {
                for (int j = 0; j < 32; ++j) {
                    int want = 0;
                    for (std::uint32_t k = 0; k < kKt; ++k) {
                        for (int x = 0; x < 32; ++x) {
                            want += static_cast<int>(a_elem(r, k, i, x)) * static_cast<int>(b_elem(k, c, x, j));
                        }
                    }
                    if (got[i * 32 + j] != static_cast<float>(scale * want)) {
                        why = "C tile (" + std::to_string(r) + ", " + std::to_string(c) + ") element (" +
                              std::to_string(i) + ", " + std::to_string(j) + "): got " + std::to_string(got[i * 32 + j]) +
                              ", want " + std::to_string(scale * want);
                        return false;
                    }
                }
            }
        }
    }
    return true;
}

}  // namespace

// matmul_block as tt-metal's fused matmul kernel calls it: one call per K tile with in0_index = k
// (block rows kt apart) and in1_index = k * ct, accumulating a 2 x 3 block of DST; then the block
// is packed (pack_tile_block) and checked. Then packer L1 accumulation: the same DST packed onto
// the same CB pages with pack_reconfig_l1_acc(1) gives exactly 2C; turned off again, C.
void matmul_block_kernel() {
    compute_kernel_hw_startup<SrcOrder::Reverse>(kIn0, kIn1, kOut);
    matmul_block_init(kIn0, kIn1, 0, kCt, kRt, kKt);
    fill_back(kIn0, kRt * kKt, [](std::uint32_t t, int i, int j) { return a_elem(t / kKt, t % kKt, i, j); });
    fill_back(kIn1, kKt * kCt, [](std::uint32_t t, int i, int j) { return b_elem(t / kCt, t % kCt, i, j); });
    cb_wait_front(kIn0, kRt * kKt);
    cb_wait_front(kIn1, kKt * kCt);

    std::string why;
    for (int pass = 0; pass < 3; ++pass) {
        // pass 0: plain pack; pass 1: L1 accumulation onto pass 0's C; pass 2: L1 acc off again.
        tile_regs_acquire();
        for (std::uint32_t k = 0; k < kKt; ++k) {
            matmul_block(kIn0, kIn1, k, k * kCt, 0, 0, kCt, kRt, kKt);
        }
        tile_regs_commit();
        cb_reserve_back(kOut, kRt * kCt);  // the CB holds exactly one block: the same pages each pass
        tile_regs_wait();
        pack_reconfig_l1_acc(pass == 1 ? 1 : 0);
        pack_tile_block(0, kOut, kRt * kCt);
        tile_regs_release();
        cb_push_back(kOut, kRt * kCt);
        cb_wait_front(kOut, kRt * kCt);
        if (!out_matches(emu::k::cb_read_ptr(kOut), pass == 1 ? 2 : 1, why)) {
            emu::k::fail(("matmul_block_kernel pass " + std::to_string(pass) + ": " + why).c_str());
        }
        cb_pop_front(kOut, kRt * kCt);
        ++g_compute_checks_passed;
    }
    cb_pop_front(kIn0, kRt * kKt);
    cb_pop_front(kIn1, kKt * kCt);
}

// matmul_block with B transposed (matmul_block_init(.., transpose = 1)): C = A @ B^T per tile, on a
// 1 x 1 block; checked against the exact integer result.
void matmul_block_transpose_kernel() {
    compute_kernel_hw_startup<SrcOrder::Reverse>(kIn0, kIn1, kOut);
    matmul_block_init(kIn0, kIn1, 1, 1, 1, 1);
    fill_back(kIn0, 1, [](std::uint32_t, int i, int j) { return a_elem(0, 0, i, j); });
    fill_back(kIn1, 1, [](std::uint32_t, int i, int j) { return b_elem(0, 0, i, j); });
    cb_wait_front(kIn0, 1);
    cb_wait_front(kIn1, 1);
    tile_regs_acquire();
    matmul_block(kIn0, kIn1, 0, 0, 0, 1, 1, 1, 1);
    tile_regs_commit();
    cb_reserve_back(kOut, 1);
    tile_regs_wait();
    pack_tile_block(0, kOut, 1);
    tile_regs_release();
    cb_push_back(kOut, 1);
    cb_wait_front(kOut, 1);
    float got[emu::kTileElems];
    emu::unpack_tile(reinterpret_cast<const std::uint8_t*>(std::uintptr_t(emu::k::cb_read_ptr(kOut))),
                     tt::DataFormat::Float16_b, got);
    for (int i = 0; i < 32; ++i) {
        for (int j = 0; j < 32; ++j) {
            int want = 0;
            for (int x = 0; x < 32; ++x) {
                want += static_cast<int>(a_elem(0, 0, i, x)) * static_cast<int>(b_elem(0, 0, j, x));
            }
            if (got[i * 32 + j] != static_cast<float>(want)) {
                emu::k::fail("matmul_block_transpose_kernel: C != A @ B^T");
            }
        }
    }
    cb_pop_front(kOut, 1);
    ++g_compute_checks_passed;
}

// A 2 x 3 block needs DST tiles 0..5; on a 4-tile section (fp32 DST, half sync) the call is reported.
void matmul_block_dst_overflow_kernel() {
    compute_kernel_hw_startup<SrcOrder::Reverse>(kIn0, kIn1, kOut);
    matmul_block_init(kIn0, kIn1, 0, kCt, kRt, kKt);
    fill_back(kIn0, kRt * kKt, [](std::uint32_t, int, int) { return 1.0f; });
    fill_back(kIn1, kKt * kCt, [](std::uint32_t, int, int) { return 1.0f; });
    cb_wait_front(kIn0, kRt * kKt);
    cb_wait_front(kIn1, kKt * kCt);
    tile_regs_acquire();
    matmul_block(kIn0, kIn1, 0, 0, 0, 0, kCt, kRt, kKt);
}

// pack_untilize_dest: a row of 3 tiles, packed one tile per call (block_ct_dim 1, full_ct_dim 3,
// block_c_index t) into 3 reserved pages seen as 32 rows of 96 elements: element (i, j) of tile t
// must land at row i, column 32 t + j.
void pack_untilize_kernel() {
    compute_kernel_hw_startup<SrcOrder::Reverse>(kIn0, kIn1, kOut);
    fill_back(kIn1, 3, [](std::uint32_t t, int i, int j) { return static_cast<float>(t * 64 + ((i * 7 + j) % 64)); });
    cb_wait_front(kIn1, 3);
    copy_tile_to_dst_init_short(kIn1);
    pack_untilize_dest_init<1, 3>(kOut);
    cb_reserve_back(kOut, 3);
    for (std::uint32_t t = 0; t < 3; ++t) {
        tile_regs_acquire();
        copy_tile(kIn1, t, 0);
        tile_regs_commit();
        tile_regs_wait();
        pack_untilize_dest<1, 3>(kOut, 1, t);
        tile_regs_release();
    }
    pack_untilize_uninit(kOut);
    cb_push_back(kOut, 3);
    cb_wait_front(kOut, 3);
    const auto* row_major = reinterpret_cast<const std::uint8_t*>(std::uintptr_t(emu::k::cb_read_ptr(kOut)));
    for (int i = 0; i < 32; ++i) {
        for (int col = 0; col < 96; ++col) {
            const int t = col / 32, j = col % 32;
            const float want = static_cast<float>(t * 64 + ((i * 7 + j) % 64));
            if (emu::load_element(row_major, tt::DataFormat::Float16_b, i * 96 + col) != want) {
                emu::k::fail("pack_untilize_kernel: the untilized row-major block is wrong");
            }
        }
    }
    cb_pop_front(kOut, 3);
    cb_pop_front(kIn1, 3);
    ++g_compute_checks_passed;
}

namespace {

// Tile `tile` of the front of `cb` must equal want(i, j) everywhere.
template <class F>
void expect_front(std::uint32_t cb, std::uint32_t tile, const char* what, F want) {
    float got[emu::kTileElems];
    emu::unpack_tile(reinterpret_cast<const std::uint8_t*>(std::uintptr_t(emu::k::cb_read_ptr(cb) + tile * 2048)),
                     tt::DataFormat::Float16_b, got);
    for (int i = 0; i < 32; ++i) {
        for (int j = 0; j < 32; ++j) {
            if (got[i * 32 + j] != want(i, j)) {
                emu::k::fail((std::string(what) + ": element (" + std::to_string(i) + ", " + std::to_string(j) + ") is " +
                              std::to_string(got[i * 32 + j]) + ", want " + std::to_string(want(i, j)))
                                 .c_str());
            }
        }
    }
}

void pack_one(std::uint32_t dst) {
    cb_reserve_back(kOut, 1);
    tile_regs_wait();
    pack_tile(dst, kOut);
    tile_regs_release();
    cb_push_back(kOut, 1);
}

}  // namespace

// reduce_tile<SUM, REDUCE_ROW> of two tiles a_t(i, j) = t + i into DST 0 with a scaler of ones:
// row i sums to 32 (2 i + 1) at column 0, the packer zeroes the rest; then the row sums broadcast
// back (sub_tiles_bcast_cols: a_0 - rowsum), binary max / min of the two tiles on the SFPU, and a
// width-height transpose. Integer values, exact (the one that bf16 cannot hold is rounded once).
void reduce_bcast_kernel() {
    compute_kernel_hw_startup(kIn0, kIn1, kOut);
    fill_back(kIn0, 2, [](std::uint32_t t, int i, int) { return static_cast<float>(t + i); });
    fill_back(kIn1, 1, [](std::uint32_t, int, int) { return 1.0f; });
    cb_wait_front(kIn0, 2);
    cb_wait_front(kIn1, 1);

    reduce_init<PoolType::SUM, ReduceDim::REDUCE_ROW>(kIn0, kIn1, kOut);
    tile_regs_acquire();
    reduce_tile<PoolType::SUM, ReduceDim::REDUCE_ROW>(kIn0, kIn1, 0, 0, 0);
    reduce_tile<PoolType::SUM, ReduceDim::REDUCE_ROW>(kIn0, kIn1, 1, 0, 0);
    tile_regs_commit();
    pack_one(0);
    reduce_uninit();
    cb_wait_front(kOut, 1);
    expect_front(kOut, 0, "reduce row sum", [](int i, int j) { return j == 0 ? 64.0f * i + 32.0f : 0.0f; });

    sub_bcast_cols_init_short(kIn0, kOut);
    tile_regs_acquire();
    sub_tiles_bcast_cols(kIn0, kOut, 0, 0, 0);
    tile_regs_commit();
    pack_one(0);
    cb_wait_front(kOut, 2);
    // i - (64 i + 32), rounded once to bf16 (16-bit DST).
    expect_front(kOut, 1, "sub_tiles_bcast_cols", [](int i, int) { return emu::round_bf16(-63.0f * i - 32.0f); });

    mul_bcast_rows_init_short(kIn0, kIn0);
    tile_regs_acquire();
    mul_tiles_bcast_rows(kIn0, kIn0, 1, 0, 0, 3);  // (1 + i) * a_0(3, j) = (1 + i) * 3
    tile_regs_commit();
    pack_one(0);
    cb_wait_front(kOut, 3);
    expect_front(kOut, 2, "mul_tiles_bcast_rows", [](int i, int) { return 3.0f * (1 + i); });

    copy_tile_to_dst_init_short(kIn0);
    tile_regs_acquire();
    copy_tile(kIn0, 0, 0);
    copy_tile(kIn0, 1, 1);
    binary_max_tile_init();
    binary_max_tile(0, 1, 2);
    binary_min_tile_init();
    binary_min_tile(1, 0, 3);
    tile_regs_commit();
    cb_reserve_back(kOut, 2);
    tile_regs_wait();
    pack_tile(2, kOut);
    pack_tile(3, kOut);
    tile_regs_release();
    cb_push_back(kOut, 2);
    cb_wait_front(kOut, 5);
    expect_front(kOut, 3, "binary_max_tile", [](int i, int) { return 1.0f + i; });
    expect_front(kOut, 4, "binary_min_tile", [](int i, int) { return static_cast<float>(i); });
    cb_pop_front(kOut, 5);
    cb_pop_front(kIn0, 2);
    cb_pop_front(kIn1, 1);

    fill_back(kIn0, 1, [](std::uint32_t, int i, int j) { return static_cast<float>(4 * i + j % 4); });
    cb_wait_front(kIn0, 1);
    transpose_wh_init_short(kIn0);
    tile_regs_acquire();
    transpose_wh_tile(kIn0, 0, 0);
    tile_regs_commit();
    pack_one(0);
    cb_wait_front(kOut, 1);
    expect_front(kOut, 0, "transpose_wh_tile", [](int i, int j) { return static_cast<float>(4 * j + i % 4); });
    cb_pop_front(kOut, 1);
    cb_pop_front(kIn0, 1);
    ++g_compute_checks_passed;
}

// reduce_tile after another op's init is reported.
void reduce_without_init_kernel() {
    compute_kernel_hw_startup(kIn0, kIn1, kOut);
    fill_back(kIn0, 1, [](std::uint32_t, int, int) { return 1.0f; });
    fill_back(kIn1, 1, [](std::uint32_t, int, int) { return 1.0f; });
    cb_wait_front(kIn0, 1);
    cb_wait_front(kIn1, 1);
    add_tiles_init(kIn0, kIn1);
    tile_regs_acquire();
    reduce_tile<PoolType::MAX, ReduceDim::REDUCE_COL>(kIn0, kIn1, 0, 0, 0);
}

// A tiny reduce program for the cost model: scaler and one input tile filled (2 reserve/push
// pairs: 16), 2 waits (8), one MAX REDUCE_COL reduce (8), acquire/commit (4), reserve (4),
// wait (2), pack (16), release (2), push (4): 64 cycles, checked by test_runtime.
void reduce_cycles_kernel() {
    compute_kernel_hw_startup(kIn0, kIn1, kOut);
    fill_back(kIn0, 1, [](std::uint32_t, int i, int) { return static_cast<float>(i); });
    fill_back(kIn1, 1, [](std::uint32_t, int, int) { return 1.0f; });
    cb_wait_front(kIn0, 1);
    cb_wait_front(kIn1, 1);
    reduce_init<PoolType::MAX, ReduceDim::REDUCE_COL>(kIn0, kIn1, kOut);
    tile_regs_acquire();
    reduce_tile<PoolType::MAX, ReduceDim::REDUCE_COL>(kIn0, kIn1, 0, 0, 0);
    tile_regs_commit();
    pack_one(0);
}

#pragma GCC diagnostic pop

