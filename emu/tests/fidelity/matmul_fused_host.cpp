// tt-emu fidelity harness: tt-metal's matmul compute kernel of the multicast factories,
// bmm_large_block_zm_fused_bias_activation.cpp, compiled unmodified against the emulator, in the
// configuration ttnn's MatmulMultiCoreReuseMcast2DProgramFactory (v0.74.0) gives it for a plain
// bf16 matmul: no bias, no activation, no fused op, untilize_out off, packer_l1_acc and
// fp32_dest_acc_en either way. Its data comes from the block-reuse reader and writer, which move
// the same blocks the multicast readers do (without the multicast):
//   reader  matmul/device/kernels/dataflow/reader_bmm_tile_layout.cpp
//   compute matmul/device/kernels/compute/bmm_large_block_zm_fused_bias_activation.cpp
//   writer  matmul/device/kernels/dataflow/writer_bmm_tile_layout.cpp
// From the factory: CBs c_0 (in0) and c_1 (in1) hold two K blocks each (MCAST_INPUT_BUFFERING_DEPTH);
// the output c_4 holds the core's out block and c_5 (the partial sums, cb_intermed0) shares its
// memory when their data formats agree, else has its own out block; the partial-sum format is
// Float32 with fp32_dest_acc_en, else bf16 (with packer_l1_acc) or the output's (without);
// packer L1 accumulation is on only with more than two K blocks (packer_l1_acc_en); the defines
// PACKER_L1_ACC and FP32_DEST_ACC_EN; the 18 compile-time arguments in the factory's order; the
// named CB arguments. One per_core_M x per_core_N output block per core (out_block = per_core),
// blocks row by row on cores in row-major order.
//
// usage: matmul_fused_host <ttnn/cpp dir> <a.bin> <b.bin> <c.bin> <batch> <Mt> <Kt> <Nt> <bcast_b>
//                          <per_core_M> <per_core_N> <in0_block_w> <out_subblock_h> <out_subblock_w>
//                          <fp32_dest_acc_en> <packer_l1_acc> <math_fidelity 0|2|3|4>
//   a.bin: batch x Mt x Kt tiles; b.bin: (bcast_b ? 1 : batch) x Kt x Nt tiles; bf16, tiled.
#include "host_common.h"

using namespace tt;
using namespace tt::tt_metal;

int main(int argc, char** argv) {
    if (argc != 18) {
        std::fprintf(stderr,
                     "usage: %s <ttnn/cpp dir> <a.bin> <b.bin> <c.bin> <batch> <Mt> <Kt> <Nt> <bcast_b> <per_core_M> "
                     "<per_core_N> <in0_block_w> <out_subblock_h> <out_subblock_w> <fp32_dest_acc_en> <packer_l1_acc> "
                     "<math_fidelity>\n",
                     argv[0]);
        return 2;
    }
    try {
        const std::string root = argv[1];
        const fidelity::BlockReuseMatmul shape = fidelity::block_reuse_matmul_args(argv);
        const auto [Mt, Kt, Nt, batch, bcast_b, per_core_M, per_core_N, in0_block_w, out_subblock_h, out_subblock_w] =
            shape;
        const bool fp32_dest_acc_en = fidelity::arg(argv, 15) != 0, packer_l1_acc = fidelity::arg(argv, 16) != 0;
        const MathFidelity math_fidelity = fidelity::fidelity_of(fidelity::arg(argv, 17));

        const std::uint32_t tile = fidelity::kBf16TileBytes;
        const std::vector<std::uint8_t> a = fidelity::read_file(argv[2]);
        const std::vector<std::uint8_t> b = fidelity::read_file(argv[3]);
        const std::uint64_t c_bytes = std::uint64_t(batch) * Mt * Nt * tile;
        fidelity::require(a.size() == std::uint64_t(batch) * Mt * Kt * tile &&
                    b.size() == std::uint64_t(bcast_b ? 1 : batch) * Kt * Nt * tile,
                "input sizes do not match the shapes");

        auto [device, a_buf, b_buf, c_buf] = fidelity::open_binary_operation(a, b, c_bytes, tile);

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

        // The factory's data formats and CB sizes (out_block_h = per_core_M, out_block_w = per_core_N).
        const std::uint32_t num_blocks = Kt / in0_block_w;
        const bool packer_l1_acc_en = packer_l1_acc && num_blocks > 2;
        const std::uint32_t buffering = batch * num_blocks > 1 ? 2 : 1;  // MCAST_INPUT_BUFFERING_DEPTH

        Program program = CreateProgram();
        const std::uint8_t cb_in0 = CBIndex::c_0, cb_in1 = CBIndex::c_1, cb_out = CBIndex::c_4;
        fidelity::create_fused_matmul_cbs(program, all_cores, tile, per_core_M * in0_block_w, per_core_N * in0_block_w,
                                          per_core_M * per_core_N, buffering, fp32_dest_acc_en);

        const fidelity::BlockReuseDataMovement data_movement =
            fidelity::create_block_reuse_data_movement(program, root, all_cores, tile, cb_in0, cb_in1, cb_out);

        // The factory's compute_kernel_args: one out block per core (out_block = per_core).
        const std::vector<std::uint32_t> compute_args = fidelity::fused_matmul_compute_args(
            in0_block_w, per_core_M, per_core_N, out_subblock_h, out_subblock_w, num_blocks, 1, 1, batch);
        fidelity::create_fused_matmul_compute(program, root, all_cores, math_fidelity, fp32_dest_acc_en,
                                              packer_l1_acc_en, compute_args);

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
