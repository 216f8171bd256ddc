// tt-emu fidelity harness: tt-metal's 2D-multicast matmul (ttnn's
// MatmulMultiCoreReuseMcast2DProgramFactory at v0.74.0, interleaved DRAM tensors, no bias, no
// activation, no fused op, no transpose_mcast) with tt-metal's own kernels, unmodified:
//   in0 sender   matmul/device/kernels/dataflow/reader_bmm_tile_layout_in0_sender_padding.cpp
//   in0 receiver matmul/device/kernels/dataflow/reader_bmm_tile_layout_in0_receiver.cpp
//   in1 sender   matmul/device/kernels/dataflow/reader_bmm_tile_layout_in1_sender_writer_padding.cpp
//   in1 receiver matmul/device/kernels/dataflow/reader_bmm_tile_layout_in1_receiver_writer_padding.cpp
//   compute      matmul/device/kernels/compute/bmm_large_block_zm_fused_bias_activation.cpp
// C = A @ B, bf16 tiles, A Mt x Kt, B Kt x Nt (batch 1). The output is cut into per_core_M x
// per_core_N blocks on an R x C grid (R = Mt / per_core_M rows, C = Nt / per_core_N columns), block
// (row y, column x) on core (x, y). Per K block of in0_block_w tiles, the left column's cores read
// their rows of A from DRAM and multicast them along their row (in0); the top row's cores read
// their columns of B and multicast them down their column (in1); every core multiplies. Each
// sender waits until its receivers have signalled (semaphore up) that their CB has room, then
// multicasts the block and sets the receivers' flag semaphore to VALID; receivers reset it to
// INVALID before signalling. So every tile of A and of B is read from DRAM exactly once:
// Kt * (Mt + Nt) tile reads.
//
// From the factory: the kernels' core sets (in0 senders: left column; in1 senders: top row; the
// receivers of both on the rest, split in a left and a right half that use the other NOC when the
// grid has more than two columns and more than one row), processors and NOCs (in0 on NOC 1, in1 on
// NOC 0, swapped on the right half), the four semaphores (INVALID), the CBs (c_0 / c_1 two K
// blocks each, c_4 the output block, c_5 the partial sums in the output's memory or its own), the
// compile-time arguments in each kernel's order (with TensorAccessorArgs for interleaved DRAM and
// the default-constructed placeholder ones for sparsity), the named CB arguments, the defines
// (SKIP_MCAST when a sender has no receivers, PACKER_L1_ACC with more than two K blocks,
// FP32_DEST_ACC_EN), and the per-core runtime arguments (multicast rectangles, start tiles,
// padding arguments of the last row / column). out_block = per_core (one output block per core).
//
// usage: matmul_mcast_host <ttnn/cpp dir> <a.bin|-> <b.bin|-> <c.bin|-> <Mt> <Kt> <Nt> <per_core_M>
//                          <per_core_N> <in0_block_w> <out_subblock_h> <out_subblock_w>
//                          <fp32_dest_acc_en> <packer_l1_acc> <math_fidelity 0|2|3|4>
//   a.bin: Mt x Kt tiles, b.bin: Kt x Nt tiles, bf16, tiled. "-" for both inputs: the harness
//   makes deterministic pseudo-random bf16 inputs itself; "-" for the output: read back, not saved
//   (timing runs, e.g. 1024^3 on 8x8). With TT_EMU_STATS set, the harness prints the run's modeled time:
//   "modeled_cycles <n> modeled_us <us>".
#include <cstring>
#include <random>
#include <set>

#include <hostdevcommon/common_values.hpp>

#include "host_common.h"

using namespace tt;
using namespace tt::tt_metal;

namespace {

// `tiles` bf16 tiles of standard normal values (rounded to bf16), deterministic in `seed`.
std::vector<std::uint8_t> random_bf16_tiles(std::uint64_t tiles, std::uint32_t seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<float> dist;
    std::vector<std::uint8_t> out(tiles * fidelity::kBf16TileBytes);
    for (std::size_t i = 0; i < out.size(); i += 2) {
        const float f = dist(gen);
        std::uint32_t u;
        std::memcpy(&u, &f, 4);
        u += 0x7fffu + ((u >> 16) & 1u);  // round to nearest even (finite values)
        const std::uint16_t b = static_cast<std::uint16_t>(u >> 16);
        std::memcpy(out.data() + i, &b, 2);
    }
    return out;
}

// TensorAccessorArgs(buffer).append_to(args) for an interleaved DRAM buffer, and
// TensorAccessorArgs().append_to(args), the placeholder (no buffer: config None, page size 0).
void append_placeholder_accessor_args(std::vector<std::uint32_t>& args) {
    args.push_back(0);
    args.push_back(0);
}

// The modeled makespan from the counters file TT_EMU_STATS names (written when the device
// closes): "modeled_cycles" and "modeled_us", printed for benchmark scripts.
void print_modeled_time() {
    const char* path = std::getenv("TT_EMU_STATS");
    if (path == nullptr || *path == '\0') {
        return;
    }
    const std::vector<std::uint8_t> bytes = fidelity::read_file(path);
    const std::string json(bytes.begin(), bytes.end());
    const auto value_of = [&](const std::string& key) -> std::string {
        const std::size_t at = json.find("\"" + key + "\": ");
        if (at == std::string::npos) {
            throw std::runtime_error("no " + key + " in " + path);
        }
        const std::size_t from = at + key.size() + 4;
        return json.substr(from, json.find_first_of(",\n}", from) - from);
    };
    std::printf("modeled_cycles %s modeled_us %s\n", value_of("modeled_cycles").c_str(), value_of("modeled_us").c_str());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 16) {
        std::fprintf(stderr,
                     "usage: %s <ttnn/cpp dir> <a.bin|-> <b.bin|-> <c.bin|-> <Mt> <Kt> <Nt> <per_core_M> <per_core_N> "
                     "<in0_block_w> <out_subblock_h> <out_subblock_w> <fp32_dest_acc_en> <packer_l1_acc> "
                     "<math_fidelity>\n",
                     argv[0]);
        return 2;
    }
    try {
        const std::string root = argv[1];
        const std::string kernels = root + "/ttnn/operations/matmul/device/kernels/";
        const std::uint32_t Mt = fidelity::arg(argv, 5), Kt = fidelity::arg(argv, 6), Nt = fidelity::arg(argv, 7),
                            per_core_M = fidelity::arg(argv, 8), per_core_N = fidelity::arg(argv, 9),
                            in0_block_w = fidelity::arg(argv, 10), out_subblock_h = fidelity::arg(argv, 11),
                            out_subblock_w = fidelity::arg(argv, 12);
        const bool fp32_dest_acc_en = fidelity::arg(argv, 13) != 0, packer_l1_acc = fidelity::arg(argv, 14) != 0;
        const MathFidelity math_fidelity = fidelity::fidelity_of(fidelity::arg(argv, 15));
        const std::uint32_t B = 1;
        const std::uint32_t out_block_h = per_core_M, out_block_w = per_core_N;
        fidelity::require(per_core_M && per_core_N && in0_block_w && out_subblock_h && out_subblock_w,
                "block and subblock sizes must be positive");
        fidelity::require(Kt % in0_block_w == 0, "Kt (" + fidelity::str(Kt) + ") must be divisible by in0_block_w (" + fidelity::str(in0_block_w) + ")");
        // The factory's TT_FATALs.
        fidelity::require(out_block_h % out_subblock_h == 0 && out_block_h >= out_subblock_h,
                "out_block_h must be multiple of out_subblock_h");
        fidelity::require(out_block_w % out_subblock_w == 0 && out_block_w >= out_subblock_w,
                "out_block_w must be multiple of out_subblock_w");

        const std::uint32_t tile = fidelity::kBf16TileBytes;
        const std::string a_path = argv[2], b_path = argv[3], c_path = argv[4];
        fidelity::require((a_path == "-") == (b_path == "-"), "give both inputs or neither (\"-\")");
        const std::vector<std::uint8_t> a =
            a_path == "-" ? random_bf16_tiles(std::uint64_t(Mt) * Kt, 1) : fidelity::read_file(a_path);
        const std::vector<std::uint8_t> b =
            b_path == "-" ? random_bf16_tiles(std::uint64_t(Kt) * Nt, 2) : fidelity::read_file(b_path);
        fidelity::require(a.size() == std::uint64_t(Mt) * Kt * tile && b.size() == std::uint64_t(Kt) * Nt * tile,
                "input sizes do not match the shapes");
        const std::uint64_t c_bytes = std::uint64_t(Mt) * Nt * tile;

        auto [device, a_buf, b_buf, c_buf] = fidelity::open_binary_operation(a, b, c_bytes, tile);
        const CoreCoord grid = device->compute_with_storage_grid_size();

        // ---- the factory's work split: one out block per core, blocks on an R x C grid from (0, 0).
        const std::uint32_t num_blocks = Kt / in0_block_w;
        const std::uint32_t num_blocks_y = (Mt - 1) / per_core_M + 1, num_blocks_x = (Nt - 1) / per_core_N + 1;
        const std::uint32_t R = num_blocks_y, C = num_blocks_x;  // num_cores_with_work_r / _c
        fidelity::require(C <= grid.x && R <= grid.y, "the " + fidelity::str(R) + " x " + fidelity::str(C) + " blocks do not fit the " +
                                                fidelity::str(static_cast<std::uint32_t>(grid.y)) + " x " +
                                                fidelity::str(static_cast<std::uint32_t>(grid.x)) + " grid");
        const CoreRange all_cores({0, 0}, {C - 1, R - 1});
        const CoreRange in0_sender({0, 0}, {0, R - 1});  // left column
        const CoreRange in1_sender({0, 0}, {C - 1, 0});  // top row
        const bool split_half = C > 2 && R > 1;
        const std::uint32_t half_core = split_half ? C / 2 : C - 1;
        std::set<CoreRange> in0_receiver_set, in1_receiver_set;
        if (C > 1) {
            in0_receiver_set.insert(CoreRange({1, 0}, {C - 1, 0}));  // top row except corner
        }
        if (R > 1) {
            in1_receiver_set.insert(CoreRange({0, 1}, {0, R - 1}));  // left column except corner
        }
        if (C > 1 && R > 1) {
            const CoreRange left_half({1, 1}, {half_core, R - 1});
            in0_receiver_set.insert(left_half);
            in1_receiver_set.insert(left_half);
        }
        const std::optional<CoreRange> right_half =
            split_half ? std::optional<CoreRange>(CoreRange({half_core + 1, 1}, {C - 1, R - 1})) : std::nullopt;

        Program program = CreateProgram();
        const std::uint32_t in0_sender_sem = CreateSemaphore(program, all_cores, INVALID);
        const std::uint32_t in0_receiver_sem = CreateSemaphore(program, all_cores, INVALID);
        const std::uint32_t in1_sender_sem = CreateSemaphore(program, all_cores, INVALID);
        const std::uint32_t in1_receiver_sem = CreateSemaphore(program, all_cores, INVALID);

        // ---- CBs and data formats.
        const bool packer_l1_acc_en = packer_l1_acc && num_blocks > 2;
        const std::uint32_t depth = B * num_blocks > 1 ? 2 : 1;  // MCAST_INPUT_BUFFERING_DEPTH
        fidelity::create_fused_matmul_cbs(program, CoreRangeSet(all_cores), tile, out_block_h * in0_block_w,
                                          out_block_w * in0_block_w, out_block_h * out_block_w, depth, fp32_dest_acc_en);

        // ---- compile-time arguments, in each kernel's order.
        const std::uint32_t in0_num_subblocks = out_block_h / out_subblock_h;
        const std::uint32_t out_num_blocks_x = per_core_N / out_block_w, out_num_blocks_y = per_core_M / out_block_h;
        const std::uint32_t M = Mt, K = Kt, N = Nt;  // the factory's M, K, N are in tiles
        std::vector<std::uint32_t> in0_sender_args = {
            1, K,                                    // in0_tensor_stride_w, _h
            in0_block_w, out_block_h * K,            // next inner-dim block, next h-dim block
            in0_block_w, out_block_h,                // in0_block_w, in0_block_h
            out_subblock_h * in0_block_w * in0_num_subblocks,  // in0_block_num_tiles
            0, 0,                                    // in0_last_ktile_w, _h (K is whole tiles)
            0, 0, 0,                                 // extract_shard_sub_blocks, shard width, height
            num_blocks, out_num_blocks_x, out_num_blocks_y,
            in0_sender_sem, in0_receiver_sem,
            num_blocks_x - 1, num_blocks_x - 1,      // in0_mcast_num_dests, _num_cores
            M * K, B, B, 0,                          // MtKt, in0 batch, in1 batch, reuse_in0_in_CB
            0, 0, 1, 0,                              // batchB, sparsity_pagesize, bcast_A, get_batch_from_reader
            0,                                       // fuse_op
        };
        fidelity::append_interleaved_dram_accessor_args(in0_sender_args, tile);
        append_placeholder_accessor_args(in0_sender_args);  // sparsity
        in0_sender_args.push_back(B);                        // num_batch_compute (no sparsity: every batch)

        std::vector<std::uint32_t> in1_sender_args = {
            1, N, in0_block_w * N, out_block_w,      // in1 strides w, h; next K block; next w-dim block
            out_block_w, in0_block_w, out_block_w * in0_block_w,  // in1 block w, h, tiles
            num_blocks, out_num_blocks_x, out_num_blocks_y,
            in1_sender_sem, in1_receiver_sem,
            num_blocks_y - 1, num_blocks_y - 1,      // in1_mcast_num_dests, _num_cores
            K * N, B, 0,                             // KtNt, batch, bcast_B
            0, 0,                                    // batchB, sparsity_pagesize
            1, N, out_subblock_w, out_subblock_h * N, out_block_w, out_block_h * N,  // out strides
            out_subblock_w, out_subblock_h, out_subblock_w * out_subblock_h,
            M * N,                                   // MtNt
            0,                                       // in3_tensor_stride_w placeholder (no bias)
            0, 0,                                    // fuse_op all_gather, reduce_scatter
        };
        fidelity::append_interleaved_dram_accessor_args(in1_sender_args, tile);  // in1
        append_placeholder_accessor_args(in1_sender_args);                       // sparsity
        fidelity::append_interleaved_dram_accessor_args(in1_sender_args, tile);  // out

        const std::vector<std::uint32_t> in0_receiver_args = {
            in0_block_w * out_block_h, num_blocks, out_num_blocks_x, out_num_blocks_y,
            in0_sender_sem, in0_receiver_sem, B, 0,  // ..., batch, get_batch_from_reader
        };
        std::vector<std::uint32_t> in1_receiver_args = {
            out_block_w * in0_block_w, num_blocks, out_num_blocks_x, out_num_blocks_y,
            in1_sender_sem, in1_receiver_sem, B,
            1, N, out_subblock_w, out_subblock_h * N, out_block_w, out_block_h * N,
            out_subblock_w, out_subblock_h, out_subblock_w * out_subblock_h, M * N,
            0,  // in3_block_w placeholder (no bias)
            0,  // fuse_op reduce_scatter
        };
        fidelity::append_interleaved_dram_accessor_args(in1_receiver_args, tile);  // out

        const std::vector<std::uint32_t> compute_args = fidelity::fused_matmul_compute_args(
            in0_block_w, out_block_h, out_block_w, out_subblock_h, out_subblock_w, num_blocks, out_num_blocks_x,
            out_num_blocks_y, B);

        // ---- defines and kernels.
        std::map<std::string, std::string> in0_sender_defines, in1_sender_defines;
        if (in0_receiver_set.empty()) {
            in0_sender_defines["SKIP_MCAST"] = "1";
        }
        if (in1_receiver_set.empty()) {
            in1_sender_defines["SKIP_MCAST"] = "1";
        }
        const NOC in0_noc = NOC::NOC_1, in1_noc = NOC::NOC_0;  // preferred_noc_for_dram_write / _read
        const NOC in0_split_noc = NOC::NOC_0, in1_split_noc = NOC::NOC_1;

        const KernelHandle in0_sender_kernel = CreateKernel(
            program, kernels + "dataflow/reader_bmm_tile_layout_in0_sender_padding.cpp", in0_sender,
            DataMovementConfig{.processor = DataMovementProcessor::RISCV_1,
                               .noc = in0_noc,
                               .compile_args = in0_sender_args,
                               .defines = in0_sender_defines,
                               .named_compile_args = {{"cb_in0", CBIndex::c_0},
                                                      {"cb_in0_sharded", CBIndex::c_2},
                                                      {"cb_sparsity", CBIndex::c_6},
                                                      {"cb_in0_intermediate", CBIndex::c_8}}});
        const std::unordered_map<std::string, std::uint32_t> writer_cbs = {
            {"cb_in1", CBIndex::c_1}, {"cb_bias", CBIndex::c_3}, {"cb_out", CBIndex::c_4}};
        std::unordered_map<std::string, std::uint32_t> in1_sender_cbs = writer_cbs;
        in1_sender_cbs["cb_sparsity"] = CBIndex::c_7;
        in1_sender_cbs["cb_in1_intermediate"] = CBIndex::c_9;
        const KernelHandle in1_sender_kernel = CreateKernel(
            program, kernels + "dataflow/reader_bmm_tile_layout_in1_sender_writer_padding.cpp", in1_sender,
            DataMovementConfig{.processor = DataMovementProcessor::RISCV_0,
                               .noc = in1_noc,
                               .compile_args = in1_sender_args,
                               .defines = in1_sender_defines,
                               .named_compile_args = in1_sender_cbs});
        const auto in1_receiver_kernel = [&](const CoreRangeSet& cores, NOC noc) {
            return CreateKernel(program, kernels + "dataflow/reader_bmm_tile_layout_in1_receiver_writer_padding.cpp",
                                cores,
                                DataMovementConfig{.processor = DataMovementProcessor::RISCV_0,
                                                   .noc = noc,
                                                   .compile_args = in1_receiver_args,
                                                   .named_compile_args = writer_cbs});
        };
        const auto in0_receiver_kernel = [&](const CoreRangeSet& cores, NOC noc) {
            return CreateKernel(program, kernels + "dataflow/reader_bmm_tile_layout_in0_receiver.cpp", cores,
                                DataMovementConfig{.processor = DataMovementProcessor::RISCV_1,
                                                   .noc = noc,
                                                   .compile_args = in0_receiver_args,
                                                   .named_compile_args = {{"cb_in0", CBIndex::c_0}}});
        };
        std::optional<KernelHandle> in1_receiver, in0_receiver, in1_receiver_other, in0_receiver_other;
        if (!in1_receiver_set.empty()) {
            in1_receiver = in1_receiver_kernel(CoreRangeSet(in1_receiver_set), in1_noc);
        }
        if (!in0_receiver_set.empty()) {
            in0_receiver = in0_receiver_kernel(CoreRangeSet(in0_receiver_set), in0_noc);
        }
        if (right_half) {
            in1_receiver_other = in1_receiver_kernel(CoreRangeSet(*right_half), in1_split_noc);
            in0_receiver_other = in0_receiver_kernel(CoreRangeSet(*right_half), in0_split_noc);
        }
        fidelity::create_fused_matmul_compute(program, root, CoreRangeSet(all_cores), math_fidelity, fp32_dest_acc_en,
                                              packer_l1_acc_en, compute_args);

        // ---- runtime arguments: the factory's per-core loop (logical = NOC coordinates here).
        const std::uint32_t last_per_core_M = M % per_core_M == 0 ? per_core_M : M % per_core_M;
        const std::uint32_t last_per_core_N = N % per_core_N == 0 ? per_core_N : N % per_core_N;
        const std::uint32_t last_out_block_h = last_per_core_M % out_block_h == 0 ? out_block_h : last_per_core_M % out_block_h;
        const std::uint32_t last_out_block_w = last_per_core_N % out_block_w == 0 ? out_block_w : last_per_core_N % out_block_w;
        const std::uint32_t last_out_num_blocks_h = (last_per_core_M - 1) / out_block_h + 1;
        const std::uint32_t last_out_num_blocks_w = (last_per_core_N - 1) / out_block_w + 1;
        const std::uint32_t last_nonzero_subblocks_h = (last_out_block_h - 1) / out_subblock_h + 1;
        const std::uint32_t last_nonzero_subblocks_w = (last_out_block_w - 1) / out_subblock_w + 1;
        const std::uint32_t last_subblock_h =
            last_out_block_h % out_subblock_h == 0 ? out_subblock_h : last_out_block_h % out_subblock_h;
        const std::uint32_t last_subblock_w =
            last_out_block_w % out_subblock_w == 0 ? out_subblock_w : last_out_block_w % out_subblock_w;
        const std::uint32_t padded_subblock_tiles_addr_skip = tile * (out_subblock_w - last_subblock_w);
        const std::uint32_t padded_block_tiles_w_skip =
            (out_subblock_w * out_subblock_h) * (out_block_w / out_subblock_w - last_nonzero_subblocks_w);
        const std::uint32_t padded_block_tiles_h_skip =
            (out_block_h / out_subblock_h - last_nonzero_subblocks_h) * (out_block_w * out_subblock_h);
        const std::uint32_t a_addr = static_cast<std::uint32_t>(a_buf->address());
        const std::uint32_t b_addr = static_cast<std::uint32_t>(b_buf->address());
        const std::uint32_t c_addr = static_cast<std::uint32_t>(c_buf->address());
        const std::uint32_t in0_end_idx = num_blocks_y - 1, in1_end_idx = num_blocks_x - 1;

        for (std::uint32_t y = 0; y < R; ++y) {
            for (std::uint32_t x = 0; x < C; ++x) {
                const CoreCoord core{x, y};
                const std::uint32_t in0_idx = y, in1_idx = x;
                // in0 multicast along the row, written for NOC 1 (start and end swapped); in1 down
                // the column, written for NOC 0.
                const CoreCoord in0_mcast_start{C - 1, y}, in0_mcast_end{1, y};
                const CoreCoord in1_mcast_start{x, 1}, in1_mcast_end{x, R - 1};
                const std::uint32_t out_start_tile = in1_idx * per_core_N + in0_idx * per_core_M * N;
                const bool last_row = in0_idx == in0_end_idx, last_col = in1_idx == in1_end_idx;

                if (in1_idx == 0) {
                    SetRuntimeArgs(program, in0_sender_kernel, core,
                                   {a_addr, per_core_M * K * in0_idx,  // in0 tensor, start tile
                                    static_cast<std::uint32_t>(in0_mcast_start.x),
                                    static_cast<std::uint32_t>(in0_mcast_start.y),
                                    static_cast<std::uint32_t>(in0_mcast_end.x),
                                    static_cast<std::uint32_t>(in0_mcast_end.y),
                                    last_row ? last_out_block_h : out_block_h,  // last_block_h
                                    0});                                         // sparsity_addr
                } else {
                    const bool left = x <= half_core || y == 0;
                    SetRuntimeArgs(program, left ? *in0_receiver : *in0_receiver_other, core, {0, y});  // sender
                }

                if (in0_idx == 0) {
                    SetRuntimeArgs(program, in1_sender_kernel, core,
                                   {b_addr, per_core_N * in1_idx,  // in1 tensor, start tile
                                    static_cast<std::uint32_t>(in1_mcast_start.x),
                                    static_cast<std::uint32_t>(in1_mcast_start.y),
                                    static_cast<std::uint32_t>(in1_mcast_end.x),
                                    static_cast<std::uint32_t>(in1_mcast_end.y),
                                    0,                       // sparsity_addr
                                    c_addr, out_start_tile,  // out tensor, start tile
                                    last_col ? last_out_block_w : out_block_w,  // last_block_w (reader padding)
                                    out_block_h / out_subblock_h, out_subblock_h, 0, out_block_w / out_subblock_w,
                                    last_col ? last_nonzero_subblocks_w : out_block_w / out_subblock_w,
                                    last_col ? last_subblock_w : out_subblock_w,
                                    last_col ? padded_subblock_tiles_addr_skip : 0,
                                    last_col ? padded_block_tiles_w_skip : 0,
                                    0, 0,  // bias address, start tile (no bias)
                                    last_col ? last_out_num_blocks_w : out_num_blocks_x});
                } else {
                    const bool left = x <= half_core;
                    SetRuntimeArgs(program, left ? *in1_receiver : *in1_receiver_other, core,
                                   {x, 0,                   // in1 sender (top of the column)
                                    c_addr, out_start_tile,  // out tensor, start tile
                                    out_block_h / out_subblock_h,
                                    last_row ? last_nonzero_subblocks_h : out_block_h / out_subblock_h,
                                    last_row ? last_subblock_h : out_subblock_h,
                                    last_row ? padded_block_tiles_h_skip : 0,
                                    out_block_w / out_subblock_w,
                                    last_col ? last_nonzero_subblocks_w : out_block_w / out_subblock_w,
                                    last_col ? last_subblock_w : out_subblock_w,
                                    last_col ? padded_subblock_tiles_addr_skip : 0,
                                    last_col ? padded_block_tiles_w_skip : 0,
                                    last_row ? last_out_num_blocks_h : out_num_blocks_y,
                                    last_col ? last_out_num_blocks_w : out_num_blocks_x});
                }
            }
        }

        // The output is read back either way (the roofline's compulsory DRAM traffic counts it).
        fidelity::run_and_save_output(device, program, c_buf, c_bytes, c_path == "-" ? "/dev/null" : c_path);
        print_modeled_time();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: error: %s\n", argv[0], e.what());
        return 1;
    }
    return 0;
}
