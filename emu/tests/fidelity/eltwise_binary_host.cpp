// tt-emu fidelity harness: tt-metal's element-wise binary op on interleaved tensors (ttnn's
// BinaryDeviceOperation::ElementWiseMultiCore at v0.74.0) with tt-metal's own kernels, compiled
// unmodified against the emulator:
//   reader  eltwise/binary/device/kernels/dataflow/reader_binary_interleaved_start_id.cpp
//   compute eltwise/binary/device/kernels/compute/eltwise_binary_kernel.cpp
//   writer  eltwise/unary/device/kernels/dataflow/writer_unary_interleaved_start_id.cpp
// with the defines binary_op_utils::get_defines sets for the op (ELTWISE_OP = add_tiles,
// ELTWISE_OP_TYPE = EltwiseBinaryType::ELWADD for an add). The tiles are split over the device's
// worker grid in row-major core order (split_work_to_cores(grid, tiles, row_wise = true)); the
// kernels run on every core of the grid, and cores without work get zero runtime arguments, as
// the factory gives them.
//
// usage: eltwise_binary_host <ttnn/cpp dir> <add|sub|mul> <a.bin> <b.bin> <c.bin> <tiles>
//   bf16 tiles (four 16x16 faces each), `tiles` of them per tensor.
#include "host_common.h"

using namespace tt;
using namespace tt::tt_metal;

int main(int argc, char** argv) {
    if (argc != 7) {
        std::fprintf(stderr, "usage: %s <ttnn/cpp dir> <add|sub|mul> <a.bin> <b.bin> <c.bin> <tiles>\n", argv[0]);
        return 2;
    }
    try {
        const std::string root = argv[1];
        const std::string op = argv[2];
        const std::uint32_t num_tiles = fidelity::arg(argv, 6);
        const std::uint32_t tile = fidelity::kBf16TileBytes;
        // binary_op_utils::get_defines for the FPU ops.
        std::map<std::string, std::string> defines;
        if (op == "add") {
            defines = {{"ELTWISE_OP", "add_tiles"}, {"ELTWISE_OP_TYPE", "EltwiseBinaryType::ELWADD"}};
        } else if (op == "sub") {
            defines = {{"ELTWISE_OP", "sub_tiles"}, {"ELTWISE_OP_TYPE", "EltwiseBinaryType::ELWSUB"}};
        } else if (op == "mul") {
            defines = {{"ELTWISE_OP", "mul_tiles"}, {"ELTWISE_OP_TYPE", "EltwiseBinaryType::ELWMUL"}};
        } else {
            throw std::runtime_error("unknown op " + op);
        }
        const std::vector<std::uint8_t> a = fidelity::read_file(argv[3]);
        const std::vector<std::uint8_t> b = fidelity::read_file(argv[4]);
        const std::uint64_t bytes = std::uint64_t(num_tiles) * tile;
        if (a.size() != bytes || b.size() != bytes) {
            throw std::runtime_error("input sizes do not match the tile count");
        }

        auto [device, a_buf, b_buf, c_buf] = fidelity::open_binary_operation(a, b, bytes, tile);

        const CoreCoord grid = device->compute_with_storage_grid_size();
        const CoreRange all_device_cores(CoreCoord{0, 0}, CoreCoord{grid.x - 1, grid.y - 1});

        Program program = CreateProgram();
        // Two tiles per CB (2 * max_block_size, block size 1 when nothing is sharded).
        const std::uint8_t src0_cb = CBIndex::c_0, src1_cb = CBIndex::c_1, out_cb = CBIndex::c_2;
        for (std::uint8_t cb : {src0_cb, src1_cb, out_cb}) {
            CreateCircularBuffer(program, all_device_cores,
                                 CircularBufferConfig(2 * tile, {{cb, DataFormat::Float16_b}}).set_page_size(cb, tile));
        }

        std::vector<std::uint32_t> reader_args = {/*block_or_width_sharded=*/0};
        fidelity::append_interleaved_dram_accessor_args(reader_args, tile);
        fidelity::append_interleaved_dram_accessor_args(reader_args, tile);
        const KernelHandle reader = CreateKernel(
            program, root + "/ttnn/operations/eltwise/binary/device/kernels/dataflow/reader_binary_interleaved_start_id.cpp",
            all_device_cores, ReaderDataMovementConfig(reader_args));

        std::vector<std::uint32_t> writer_args = {out_cb};
        fidelity::append_interleaved_dram_accessor_args(writer_args, tile);
        const KernelHandle writer = CreateKernel(
            program, root + "/ttnn/operations/eltwise/unary/device/kernels/dataflow/writer_unary_interleaved_start_id.cpp",
            all_device_cores, WriterDataMovementConfig(writer_args));

        const KernelHandle compute = CreateKernel(
            program, root + "/ttnn/operations/eltwise/binary/device/kernels/compute/eltwise_binary_kernel.cpp",
            all_device_cores, ComputeConfig{.fp32_dest_acc_en = false, .defines = defines});

        const fidelity::WorkSplit split = fidelity::split_work_to_cores(grid, num_tiles);
        const std::uint32_t total_cores = static_cast<std::uint32_t>(grid.x * grid.y);
        const auto a_addr = static_cast<std::uint32_t>(a_buf->address());
        const auto b_addr = static_cast<std::uint32_t>(b_buf->address());
        const auto c_addr = static_cast<std::uint32_t>(c_buf->address());
        for (std::uint32_t i = 0, read = 0; i < total_cores; ++i) {
            const CoreCoord core{i % grid.x, i / grid.x};
            if (i >= split.num_cores) {
                SetRuntimeArgs(program, reader, core, std::vector<std::uint32_t>(7, 0));
                SetRuntimeArgs(program, compute, core, std::vector<std::uint32_t>(2, 0));
                SetRuntimeArgs(program, writer, core, std::vector<std::uint32_t>(3, 0));
                continue;
            }
            const std::uint32_t count = i < split.cores_group_1 ? split.units_group_1 : split.units_group_2;
            // reader: src0, src1, tiles, start id, block height, block width, cores in y (sharded only)
            SetRuntimeArgs(program, reader, core, {a_addr, b_addr, count, read, 0, 0, 0});
            // compute: blocks, tiles per block (1: interleaved)
            SetRuntimeArgs(program, compute, core, {count, 1});
            SetRuntimeArgs(program, writer, core, {c_addr, count, read});
            read += count;
        }

        fidelity::run_and_save_output(device, program, c_buf, bytes, argv[5]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: error: %s\n", argv[0], e.what());
        return 1;
    }
    return 0;
}
