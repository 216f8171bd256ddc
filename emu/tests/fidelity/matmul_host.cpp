// tt-emu fidelity harness: tt-metal's multi-core matmul (ttnn's MatmulMultiCoreProgramFactory at
// v0.74.0) with tt-metal's own kernels, compiled unmodified against the emulator:
//   reader  matmul/device/kernels/dataflow/reader_bmm_8bank_output_tiles_partitioned.cpp
//   compute matmul/device/kernels/compute/bmm.cpp
//   writer  matmul/device/kernels/dataflow/writer_unary_interleaved_start_id.cpp
// C[b] = A[b] @ B[b or 0], bf16 tiles. The output tiles (batch x Mt x Nt, row-major) are split
// over the device's worker grid as the factory does (split_work_to_cores, core i at
// (i / grid_y, i % grid_y)); each core's reader streams A(mt, kt) and B(kt, nt) for each of its
// output tiles, bmm.cpp accumulates them in DST and packs one tile at a time, the writer stores
// it at its tile id.
//
// usage: matmul_host <ttnn/cpp dir> <a.bin> <b.bin> <c.bin> <batch> <Mt> <Kt> <Nt> <bcast_b>
//                    <K % 32> <fp32_dest_acc> <dst_full_sync>
//   a.bin: batch x Mt x Kt tiles; b.bin: (bcast_b ? 1 : batch) x Kt x Nt tiles; bf16, tiled
//   (four 16x16 faces per tile). K % 32 != 0 makes the reader zero A's padding columns in the
//   last K tile (in0_last_ktile_w), as tt-metal does for a K that is not a multiple of 32.
#include "host_common.h"

using namespace tt;
using namespace tt::tt_metal;

int main(int argc, char** argv) {
    if (argc != 13) {
        std::fprintf(stderr,
                     "usage: %s <ttnn/cpp dir> <a.bin> <b.bin> <c.bin> <batch> <Mt> <Kt> <Nt> <bcast_b> <K %% 32> "
                     "<fp32_dest_acc> <dst_full_sync>\n",
                     argv[0]);
        return 2;
    }
    try {
        const std::string root = argv[1];
        const std::uint32_t batch = fidelity::arg(argv, 5), Mt = fidelity::arg(argv, 6), Kt = fidelity::arg(argv, 7),
                            Nt = fidelity::arg(argv, 8), bcast_b = fidelity::arg(argv, 9),
                            last_ktile_w = fidelity::arg(argv, 10);
        const bool fp32_dest_acc = fidelity::arg(argv, 11) != 0, dst_full_sync = fidelity::arg(argv, 12) != 0;
        const std::uint32_t tile = fidelity::kBf16TileBytes;
        const std::vector<std::uint8_t> a = fidelity::read_file(argv[2]);
        const std::vector<std::uint8_t> b = fidelity::read_file(argv[3]);
        const std::uint64_t a_bytes = std::uint64_t(batch) * Mt * Kt * tile;
        const std::uint64_t b_bytes = std::uint64_t(bcast_b ? 1 : batch) * Kt * Nt * tile;
        const std::uint64_t c_bytes = std::uint64_t(batch) * Mt * Nt * tile;
        if (a.size() != a_bytes || b.size() != b_bytes) {
            throw std::runtime_error("input sizes do not match the shapes");
        }

        auto [device, a_buf, b_buf, c_buf] = fidelity::open_binary_operation(a, b, c_bytes, tile);

        // The factory's work split: output tiles over the grid, column-major core order.
        const CoreCoord grid = device->compute_with_storage_grid_size();
        const std::uint32_t num_output_tiles = batch * Mt * Nt;
        const fidelity::WorkSplit split = fidelity::split_work_to_cores(grid, num_output_tiles);
        const auto core_of = [&](std::uint32_t i) {
            return CoreCoord{i / grid.y, i % grid.y};
        };
        std::vector<CoreRange> all, group_1, group_2;
        for (std::uint32_t i = 0; i < split.num_cores; ++i) {
            all.emplace_back(core_of(i));
            (i < split.cores_group_1 ? group_1 : group_2).emplace_back(core_of(i));
        }
        const CoreRangeSet all_cores(all);

        Program program = CreateProgram();
        const std::uint32_t cb_in0 = CBIndex::c_0, cb_in1 = CBIndex::c_1, cb_out = CBIndex::c_16;
        for (std::uint32_t cb : {cb_in0, cb_in1, cb_out}) {
            CreateCircularBuffer(program, all_cores,
                                 CircularBufferConfig(2 * tile, {{static_cast<std::uint8_t>(cb), DataFormat::Float16_b}})
                                     .set_page_size(static_cast<std::uint8_t>(cb), tile));
        }

        std::vector<std::uint32_t> reader_args = {last_ktile_w, /*in0_last_ktile_h (transpose_a)=*/0};
        fidelity::append_interleaved_dram_accessor_args(reader_args, tile);
        fidelity::append_interleaved_dram_accessor_args(reader_args, tile);
        const KernelHandle reader = CreateKernel(
            program, root + "/ttnn/operations/matmul/device/kernels/dataflow/reader_bmm_8bank_output_tiles_partitioned.cpp",
            all_cores, ReaderDataMovementConfig(reader_args, {}, {{"cb_in0", cb_in0}, {"cb_in1", cb_in1}}));

        std::vector<std::uint32_t> writer_args;
        fidelity::append_interleaved_dram_accessor_args(writer_args, tile);
        const KernelHandle writer = CreateKernel(
            program, root + "/ttnn/operations/matmul/device/kernels/dataflow/writer_unary_interleaved_start_id.cpp",
            all_cores, WriterDataMovementConfig(writer_args, {}, {{"cb_out", cb_out}}));

        // bmm.cpp's batch, Mt and Nt loops are one loop over the core's output tiles: B = Mt = 1,
        // Nt = the core's tile count (one compute kernel per core group).
        for (const auto& [cores, count] : {std::pair{group_1, split.units_group_1}, std::pair{group_2, split.units_group_2}}) {
            if (cores.empty()) {
                continue;
            }
            CreateKernel(
                program, root + "/ttnn/operations/matmul/device/kernels/compute/bmm.cpp", CoreRangeSet(cores),
                ComputeConfig{.math_fidelity = MathFidelity::HiFi4,
                              .fp32_dest_acc_en = fp32_dest_acc,
                              .dst_full_sync_en = dst_full_sync,
                              .compile_args = {1, 1, Kt, count},
                              .named_compile_args = {{"cb_in0", cb_in0}, {"cb_in1", cb_in1}, {"cb_out", cb_out}}});
        }

        for (std::uint32_t i = 0, written = 0; i < split.num_cores; ++i) {
            const std::uint32_t count = i < split.cores_group_1 ? split.units_group_1 : split.units_group_2;
            const CoreCoord core = core_of(i);
            SetRuntimeArgs(program, reader, core,
                           {static_cast<std::uint32_t>(a_buf->address()), static_cast<std::uint32_t>(b_buf->address()), Mt,
                            Kt, Nt, Mt * Kt, Kt * Nt, batch, bcast_b, written, count, Mt * Nt});
            SetRuntimeArgs(program, writer, core, {static_cast<std::uint32_t>(c_buf->address()), count, written});
            written += count;
        }

        fidelity::run_and_save_output(device, program, c_buf, c_bytes, argv[4]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: error: %s\n", argv[0], e.what());
        return 1;
    }
    return 0;
}
