// tt-emu fidelity harness: tt-metal's block-reuse multi-core matmul (ttnn's
// MatmulMultiCoreReuseProgramFactory at v0.74.0) with tt-metal's own kernels, compiled
// unmodified against the emulator:
//   reader  matmul/device/kernels/dataflow/reader_bmm_tile_layout.cpp
//   compute matmul/device/kernels/compute/bmm_large_block_zm.cpp
//   writer  matmul/device/kernels/dataflow/writer_bmm_tile_layout.cpp
// C[b] = A[b] @ B[b or 0], bf16 tiles. The output is cut into per_core_M x per_core_N tile blocks,
// one per core; the blocks are numbered row by row (M outer, N inner) and block i runs on core
// (i % grid_x, i / grid_x). Each core walks K in steps of in0_block_w tiles: the reader brings an
// A block (per_core_M x in0_block_w tiles) and a B block (in0_block_w x per_core_N) into c_0 / c_1
// (two blocks each, double-buffered), the compute kernel multiplies them one out_subblock_h x
// out_subblock_w subblock of DST at a time, spilling partial sums to c_24 and reloading them for
// the next K block; c_24 shares its memory with the output CB c_16 (one CircularBufferConfig with
// both indices), as the factory sets it up. The writer stores each finished subblock.
//
// The factory fixes the blocking (per_core_M = per_core_N = 16, in0_block_w = 2, subblock 4x2);
// here it is an argument, so small matrices exercise the same code paths.
//
// usage: matmul_reuse_host <ttnn/cpp dir> <a.bin> <b.bin> <c.bin> <batch> <Mt> <Kt> <Nt> <bcast_b>
//                          <per_core_M> <per_core_N> <in0_block_w> <out_subblock_h> <out_subblock_w>
//   a.bin: batch x Mt x Kt tiles; b.bin: (bcast_b ? 1 : batch) x Kt x Nt tiles; bf16, tiled.
#include "host_common.h"

using namespace tt;
using namespace tt::tt_metal;

int main(int argc, char** argv) {
    if (argc != 15) {
        std::fprintf(stderr,
                     "usage: %s <ttnn/cpp dir> <a.bin> <b.bin> <c.bin> <batch> <Mt> <Kt> <Nt> <bcast_b> <per_core_M> "
                     "<per_core_N> <in0_block_w> <out_subblock_h> <out_subblock_w>\n",
                     argv[0]);
        return 2;
    }
    try {
        const std::string root = argv[1];
        const fidelity::BlockReuseMatmul shape = fidelity::block_reuse_matmul_args(argv);
        const auto [Mt, Kt, Nt, batch, bcast_b, per_core_M, per_core_N, in0_block_w, out_subblock_h, out_subblock_w] =
            shape;

        const std::uint32_t tile = fidelity::kBf16TileBytes;
        const std::vector<std::uint8_t> a = fidelity::read_file(argv[2]);
        const std::vector<std::uint8_t> b = fidelity::read_file(argv[3]);
        const std::uint64_t a_bytes = std::uint64_t(batch) * Mt * Kt * tile;
        const std::uint64_t b_bytes = std::uint64_t(bcast_b ? 1 : batch) * Kt * Nt * tile;
        const std::uint64_t c_bytes = std::uint64_t(batch) * Mt * Nt * tile;
        fidelity::require(a.size() == a_bytes && b.size() == b_bytes, "input sizes do not match the shapes");

        auto [device, a_buf, b_buf, c_buf] = fidelity::open_binary_operation(a, b, c_bytes, tile);

        // One output block per core, cores in row-major order (num_cores_to_corerangeset, row-wise).
        const CoreCoord grid = device->compute_with_storage_grid_size();
        const std::uint32_t num_blocks_y = Mt / per_core_M, num_blocks_x = Nt / per_core_N;
        const std::uint32_t num_cores = num_blocks_x * num_blocks_y;
        fidelity::require(num_cores <= grid.x * grid.y, "the " + fidelity::str(num_cores) + " output blocks need more cores than the " +
                                                  fidelity::str(static_cast<std::uint32_t>(grid.x * grid.y)) + " of the grid");
        const auto core_of = [&](std::uint32_t i) {
            return CoreCoord{i % grid.x, i / grid.x};
        };
        std::vector<CoreRange> ranges;
        for (std::uint32_t i = 0; i < num_cores; ++i) {
            ranges.emplace_back(core_of(i));
        }
        const CoreRangeSet all_cores(ranges);

        // CBs: in0 and in1 hold two K blocks each; the output CB holds the core's whole block and
        // shares its memory with the intermediate CB (one config, two indices).
        Program program = CreateProgram();
        const std::uint8_t cb_in0 = CBIndex::c_0, cb_in1 = CBIndex::c_1, cb_out = CBIndex::c_16, cb_intermed0 = 24;
        const std::uint32_t in0_block_tiles = per_core_M * in0_block_w, in1_block_tiles = per_core_N * in0_block_w;
        CreateCircularBuffer(program, all_cores,
                             CircularBufferConfig(2 * in0_block_tiles * tile, {{cb_in0, DataFormat::Float16_b}})
                                 .set_page_size(cb_in0, tile));
        CreateCircularBuffer(program, all_cores,
                             CircularBufferConfig(2 * in1_block_tiles * tile, {{cb_in1, DataFormat::Float16_b}})
                                 .set_page_size(cb_in1, tile));
        CreateCircularBuffer(
            program, all_cores,
            CircularBufferConfig(per_core_M * per_core_N * tile,
                                 {{cb_out, DataFormat::Float16_b}, {cb_intermed0, DataFormat::Float16_b}})
                .set_page_size(cb_out, tile)
                .set_page_size(cb_intermed0, tile));

        const fidelity::BlockReuseDataMovement data_movement =
            fidelity::create_block_reuse_data_movement(program, root, all_cores, tile, cb_in0, cb_in1, cb_out);

        // Compile-time arguments of bmm_large_block_zm.cpp, in its order.
        std::vector<std::uint32_t> compute_args =
            fidelity::block_matmul_operand_args(in0_block_w, per_core_M, per_core_N, out_subblock_h, out_subblock_w);
        compute_args.insert(compute_args.end(), {
                                                    Kt / in0_block_w,  // num_k_blocks
                                                    out_subblock_h,
                                                    out_subblock_w,
                                                    out_subblock_h * out_subblock_w,  // out_subblock_num_tiles
                                                    batch,
                                                });
        CreateKernel(program, root + "/ttnn/operations/matmul/device/kernels/compute/bmm_large_block_zm.cpp", all_cores,
                     ComputeConfig{.math_fidelity = MathFidelity::HiFi4,
                                   .compile_args = compute_args,
                                   .named_compile_args = {{"cb_in0", cb_in0},
                                                          {"cb_in1", cb_in1},
                                                          {"cb_out", cb_out},
                                                          {"cb_intermed0", cb_intermed0}}});

        const std::uint32_t a_addr = static_cast<std::uint32_t>(a_buf->address());
        const std::uint32_t b_addr = static_cast<std::uint32_t>(b_buf->address());
        const std::uint32_t c_addr = static_cast<std::uint32_t>(c_buf->address());
        std::uint32_t block = 0;
        for (std::uint32_t by = 0; by < num_blocks_y; ++by) {
            for (std::uint32_t bx = 0; bx < num_blocks_x; ++bx, ++block) {
                fidelity::set_block_reuse_runtime_args(program, data_movement, core_of(block), shape, by, bx, a_addr,
                                                       b_addr, c_addr);
            }
        }

        fidelity::run_and_save_output(device, program, c_buf, c_bytes, argv[4]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: error: %s\n", argv[0], e.what());
        return 1;
    }
    return 0;
}
