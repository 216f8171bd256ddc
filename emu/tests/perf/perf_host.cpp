// tt-emu modeled-time tests (tests/test_emu_perf.py): a host program for tiny hand-written
// kernels whose modeled cycles follow from docs/perf_model.md by hand.
//
//   perf_host <kernel dir> <x,y> [<x,y> ...]
//
// One bf16 DRAM buffer of 12 tiles (tile i in bank i % 12 on Wormhole) and one output buffer of
// 12 tiles; on each listed core CB 0 and CB 16 (2 pages of 2048 B each), and whichever of
// reader.cpp (RISCV_1), compute.cpp and writer.cpp (RISCV_0) the kernel folder holds. Each
// core's kernels get the runtime arguments {input address, output address, i}, i = the core's
// position in the list; every core has semaphores 0 and 1 (initial value 0). The counters
// (TT_EMU_STATS) hold the modeled cycles.
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <tt-metalium/distributed.hpp>
#include <tt-metalium/host_api.hpp>

using namespace tt::tt_metal;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s <kernel dir> <x,y> [<x,y> ...]\n", argv[0]);
        return 2;
    }
    try {
        const std::string dir = argv[1];
        std::vector<CoreCoord> cores;
        for (int i = 2; i < argc; ++i) {
            unsigned x = 0, y = 0;
            if (std::sscanf(argv[i], "%u,%u", &x, &y) != 2) {
                throw std::runtime_error(std::string("not a core: ") + argv[i]);
            }
            cores.push_back(CoreCoord{x, y});
        }
        constexpr std::uint32_t tile = 2048, tiles = 12;
        auto device = distributed::MeshDevice::create_unit_mesh(0);
        distributed::MeshCommandQueue& cq = device->mesh_command_queue();
        const distributed::DeviceLocalBufferConfig local{.page_size = tile, .buffer_type = BufferType::DRAM};
        const distributed::ReplicatedBufferConfig global{.size = tile * tiles};
        auto in = distributed::MeshBuffer::create(global, local, device.get());
        auto out = distributed::MeshBuffer::create(global, local, device.get());
        distributed::EnqueueWriteMeshBuffer(cq, in, std::vector<std::uint8_t>(tile * tiles, 0), true);

        std::vector<CoreRange> ranges;
        for (const CoreCoord& c : cores) {
            ranges.emplace_back(c, c);
        }
        const CoreRangeSet all(ranges);
        Program program = CreateProgram();
        for (std::uint8_t cb : {std::uint8_t{0}, std::uint8_t{16}}) {
            CreateCircularBuffer(program, all,
                                 CircularBufferConfig(2 * tile, {{cb, tt::DataFormat::Float16_b}}).set_page_size(cb, tile));
        }
        // Two semaphores on every listed core (ids 0 and 1, both starting at 0), for the
        // multicast and semaphore tests.
        for (int i = 0; i < 2; ++i) {
            const std::uint32_t id = CreateSemaphore(program, all, 0);
            if (id != static_cast<std::uint32_t>(i)) {
                throw std::runtime_error("CreateSemaphore returned id " + std::to_string(id));
            }
        }
        std::vector<KernelHandle> kernels;
        if (std::filesystem::exists(dir + "/reader.cpp")) {
            kernels.push_back(CreateKernel(program, dir + "/reader.cpp", all,
                                           DataMovementConfig{.processor = DataMovementProcessor::RISCV_1,
                                                              .noc = NOC::RISCV_1_default}));
        }
        if (std::filesystem::exists(dir + "/compute.cpp")) {
            kernels.push_back(CreateKernel(program, dir + "/compute.cpp", all, ComputeConfig{}));
        }
        if (std::filesystem::exists(dir + "/writer.cpp")) {
            kernels.push_back(CreateKernel(program, dir + "/writer.cpp", all,
                                           DataMovementConfig{.processor = DataMovementProcessor::RISCV_0,
                                                              .noc = NOC::RISCV_0_default}));
        }
        for (std::uint32_t i = 0; i < cores.size(); ++i) {
            for (KernelHandle k : kernels) {
                SetRuntimeArgs(program, k, cores[i],
                               {static_cast<std::uint32_t>(in->address()), static_cast<std::uint32_t>(out->address()), i});
            }
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
