// tt-emu validation host (bench/kernel_perf.py, docs/perf_validation.md): DRAM streaming bandwidth.
//
//   dram_stream_host <reader.cpp> <readers> <pages per reader> <page bytes> <pages per batch>
//
// One interleaved DRAM buffer of readers x pages-per-reader pages (page p in bank p % banks), and
// `readers` cores (core i at (i % grid_x, i / grid_x)), each running <reader.cpp> on RISCV_1 with
// a CB 0 of `pages per batch` pages, reading the pages of bank i % banks. With readers = banks
// every bank has exactly one reader. The counters (TT_EMU_STATS) give the modeled bandwidth.
#include <cstdio>
#include <string>
#include <vector>

#include <tt-metalium/distributed.hpp>
#include <tt-metalium/host_api.hpp>

using namespace tt::tt_metal;

int main(int argc, char** argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: %s <reader.cpp> <readers> <pages per reader> <page bytes> <pages per batch>\n",
                     argv[0]);
        return 2;
    }
    try {
        const std::string reader = argv[1];
        const auto arg = [&](int i) { return static_cast<std::uint32_t>(std::stoul(argv[i])); };
        const std::uint32_t readers = arg(2), pages = arg(3), page_bytes = arg(4), batch = arg(5);
        auto device = distributed::MeshDevice::create_unit_mesh(0);
        const CoreCoord grid = device->compute_with_storage_grid_size();
        if (readers == 0 || readers > grid.x * grid.y || batch == 0) {
            throw std::runtime_error("need 1 to grid-size readers and a positive batch");
        }
        const std::uint32_t banks = static_cast<std::uint32_t>(device->num_dram_channels());
        if (readers % banks != 0 && readers > banks) {
            throw std::runtime_error("readers must be at most the banks, or a multiple of them");
        }
        distributed::MeshCommandQueue& cq = device->mesh_command_queue();
        const std::uint64_t bytes = std::uint64_t(readers) * pages * page_bytes;
        const distributed::DeviceLocalBufferConfig local{.page_size = page_bytes, .buffer_type = BufferType::DRAM};
        const distributed::ReplicatedBufferConfig global{.size = bytes};
        auto buffer = distributed::MeshBuffer::create(global, local, device.get());
        distributed::EnqueueWriteMeshBuffer(cq, buffer, std::vector<std::uint8_t>(bytes, 0), true);

        std::vector<CoreRange> ranges;
        for (std::uint32_t i = 0; i < readers; ++i) {
            ranges.emplace_back(CoreCoord{i % grid.x, i / grid.x});
        }
        const CoreRangeSet all(ranges);
        Program program = CreateProgram();
        CreateCircularBuffer(program, all,
                             CircularBufferConfig(batch * page_bytes, {{std::uint8_t{0}, tt::DataFormat::Float16_b}})
                                 .set_page_size(0, page_bytes));
        const KernelHandle k = CreateKernel(
            program, reader, all,
            DataMovementConfig{.processor = DataMovementProcessor::RISCV_1, .noc = NOC::RISCV_1_default});
        // Reader i streams the pages of bank i % banks; with more readers than banks, the pages of a
        // bank are split between its readers (stride readers instead of banks).
        const std::uint32_t stride = readers > banks ? readers : banks;
        for (std::uint32_t i = 0; i < readers; ++i) {
            SetRuntimeArgs(program, k, ranges[i].start_coord,
                           {static_cast<std::uint32_t>(buffer->address()), page_bytes, i, stride, pages, batch});
        }
        distributed::MeshWorkload workload;
        workload.add_program(distributed::MeshCoordinateRange(device->shape()), std::move(program));
        distributed::EnqueueMeshWorkload(cq, workload, false);
        distributed::Finish(cq);
        device->close();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: error: %s\n", argv[0], e.what());
        return 1;
    }
    return 0;
}
