// tt-emu unit tests: whole programs through the host API with built-in kernels: blocking CB
// hand-off between two threads, deadlock detection, a contract violation, the time limit.
#include <cstdlib>
#include <memory>
#include <string>

#include <tt-metalium/distributed.hpp>
#include <tt-metalium/host_api.hpp>

#include "check.h"
#include "runtime.h"

using namespace tt::tt_metal;

extern std::atomic<std::uint64_t> g_consumed_sum;
void producer_kernel();
void consumer_kernel();
void stuck_kernel();
void overpush_kernel();
void spin_kernel();
void object_producer_kernel();
void object_consumer_kernel();
void iface_writer_kernel();
extern std::atomic<int> g_compute_checks_passed;
void matmul_block_kernel();
void matmul_block_transpose_kernel();
void matmul_block_dst_overflow_kernel();
void pack_untilize_kernel();
void reduce_bcast_kernel();
void reduce_without_init_kernel();
void reduce_cycles_kernel();

namespace {

std::string run_program(std::shared_ptr<distributed::MeshDevice>& device, const char* reader, const char* writer,
                        std::uint32_t count, std::uint32_t cb_pages, const std::vector<CoreCoord>& cores) {
    Program program = CreateProgram();
    CoreRangeSet all(std::vector<CoreRange>{CoreRange(CoreCoord{0, 0}, CoreCoord{1, 1})});
    CreateCircularBuffer(program, all, CircularBufferConfig(cb_pages * 64, {{0, tt::DataFormat::Float32}}).set_page_size(0, 64));
    std::vector<KernelHandle> kernels;
    if (reader) {
        kernels.push_back(CreateKernel(program, reader, all,
                                       DataMovementConfig{.processor = DataMovementProcessor::RISCV_1, .noc = NOC::RISCV_1_default}));
    }
    if (writer) {
        kernels.push_back(CreateKernel(program, writer, all,
                                       DataMovementConfig{.processor = DataMovementProcessor::RISCV_0, .noc = NOC::RISCV_0_default}));
    }
    for (const CoreCoord& c : cores) {
        for (KernelHandle k : kernels) {
            SetRuntimeArgs(program, k, c, {count});
        }
    }
    distributed::MeshWorkload workload;
    workload.add_program(distributed::MeshCoordinateRange(device->shape()), std::move(program));
    try {
        distributed::EnqueueMeshWorkload(device->mesh_command_queue(), workload, false);
        distributed::Finish(device->mesh_command_queue());
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

// One compute kernel on core (0, 0) with bf16 CBs 0 (4 tiles), 1 (6 tiles) and 16 (6 tiles).
std::string run_compute(std::shared_ptr<distributed::MeshDevice>& device, const char* kernel, bool fp32_dest_acc,
                        bool full_sync = false) {
    Program program = CreateProgram();
    const CoreRangeSet core(std::vector<CoreRange>{CoreRange(CoreCoord{0, 0})});
    for (const auto& [index, tiles] : {std::pair<std::uint8_t, std::uint32_t>{0, 4}, {1, 6}, {16, 6}}) {
        CreateCircularBuffer(program, core,
                             CircularBufferConfig(tiles * 2048, {{index, tt::DataFormat::Float16_b}}).set_page_size(index, 2048));
    }
    CreateKernel(program, kernel, core, ComputeConfig{.fp32_dest_acc_en = fp32_dest_acc, .dst_full_sync_en = full_sync});
    distributed::MeshWorkload workload;
    workload.add_program(distributed::MeshCoordinateRange(device->shape()), std::move(program));
    try {
        distributed::EnqueueMeshWorkload(device->mesh_command_queue(), workload, false);
        distributed::Finish(device->mesh_command_queue());
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

}  // namespace

int main() {
    emu::register_builtin_kernel("builtin/producer.cpp", producer_kernel);
    emu::register_builtin_kernel("builtin/consumer.cpp", consumer_kernel);
    emu::register_builtin_kernel("builtin/stuck.cpp", stuck_kernel);
    emu::register_builtin_kernel("builtin/overpush.cpp", overpush_kernel);
    emu::register_builtin_kernel("builtin/spin.cpp", spin_kernel);
    emu::register_builtin_kernel("builtin/object_producer.cpp", object_producer_kernel);
    emu::register_builtin_kernel("builtin/object_consumer.cpp", object_consumer_kernel);
    emu::register_builtin_kernel("builtin/iface_writer.cpp", iface_writer_kernel);
    emu::register_builtin_kernel("builtin/matmul_block.cpp", matmul_block_kernel);
    emu::register_builtin_kernel("builtin/matmul_block_transpose.cpp", matmul_block_transpose_kernel);
    emu::register_builtin_kernel("builtin/matmul_block_dst_overflow.cpp", matmul_block_dst_overflow_kernel);
    emu::register_builtin_kernel("builtin/pack_untilize.cpp", pack_untilize_kernel);
    emu::register_builtin_kernel("builtin/reduce_bcast.cpp", reduce_bcast_kernel);
    emu::register_builtin_kernel("builtin/reduce_without_init.cpp", reduce_without_init_kernel);
    emu::register_builtin_kernel("builtin/reduce_cycles.cpp", reduce_cycles_kernel);
    ::setenv("TT_EMU_TIMEOUT", "20", 1);
    auto device = distributed::MeshDevice::create_unit_mesh(0);
    CHECK(device->arch() == tt::ARCH::WORMHOLE_B0);
    CHECK(device->compute_with_storage_grid_size().x == 8);
    const std::vector<CoreCoord> cores = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};

    // 4 cores x 1000 pages through a 2-page CB: the threads block and wake each other.
    g_consumed_sum = 0;
    std::string err = run_program(device, "builtin/producer.cpp", "builtin/consumer.cpp", 1000, 2, cores);
    CHECK(err.empty());
    CHECK(g_consumed_sum == 4ull * (999ull * 1000 / 2));

    // A consumer with no producer: deadlock, reported with kernel, core, CB and page counts.
    err = run_program(device, nullptr, "builtin/stuck.cpp", 1, 2, cores);
    CHECK_CONTAINS(err, "deadlock");
    CHECK_CONTAINS(err, "stuck.cpp (RISCV_0) on core (0, 0) waits in cb_wait_front(CB 0, 1): CB 0 holds 0 of 2 pages");

    // Runtime arguments set on one of the four cores only: a kernel on another core reads an
    // argument that was never set.
    err = run_program(device, "builtin/producer.cpp", "builtin/consumer.cpp", 20, 4, {{0, 0}});
    CHECK_CONTAINS(err, "get_arg_val(0) reads a runtime argument that was not set");

    // A contract violation: push more than reserved.
    err = run_program(device, "builtin/overpush.cpp", "builtin/consumer.cpp", 1, 4, cores);
    CHECK_CONTAINS(err, "overpush.cpp (RISCV_1) on core");
    CHECK_CONTAINS(err, "cb_push_back(CB 0, 2) pushes more pages than cb_reserve_back secured (1)");

    // The object-style CircularBuffer, with the CB interface record following the kernel's calls.
    g_consumed_sum = 0;
    err = run_program(device, "builtin/object_producer.cpp", "builtin/object_consumer.cpp", 300, 2, cores);
    CHECK(err.empty());
    CHECK(g_consumed_sum == 4ull * (299ull * 300 / 2));

    // A kernel that writes to the record (moves a FIFO pointer by hand) is reported.
    err = run_program(device, "builtin/iface_writer.cpp", "builtin/consumer.cpp", 1, 2, cores);
    CHECK_CONTAINS(err, "cb_reserve_back: the kernel wrote to the interface record of CB 0 (get_local_cb_interface)");

    // matmul_block: tile indexing, accumulation over K, transpose and packer L1 accumulation, and
    // pack_untilize_dest's row-major layout, exact
    // on integer tiles (the kernels check their own output), with a 16-bit DST and an fp32 one
    // (full sync: 8 fp32 tiles, room for the 2 x 3 block).
    g_compute_checks_passed = 0;
    for (const auto& [kernel, fp32] : {std::pair<const char*, bool>{"builtin/matmul_block.cpp", false},
                                       {"builtin/matmul_block.cpp", true},
                                       {"builtin/matmul_block_transpose.cpp", false},
                                       {"builtin/pack_untilize.cpp", false}}) {
        err = run_compute(device, kernel, fp32, fp32);
        CHECK(err.empty());
        if (!err.empty()) {
            std::fprintf(stderr, "%s\n", err.c_str());
        }
    }
    CHECK(g_compute_checks_passed == 8);
    // A block larger than the DST section (2 x 3 tiles, fp32 DST: 4 per section) is reported.
    err = run_compute(device, "builtin/matmul_block_dst_overflow.cpp", true);
    CHECK_CONTAINS(err, "matmul_block uses DST tile 4; DST has 4 tiles per section here (half sync, fp32 DST)");

    // reduce (row sums with the packer's edge masks), broadcast sub / mul, SFPU max / min and the
    // width-height transpose, exact on integer tiles (the kernel checks its own output), with 16-bit
    // and fp32 DST.
    g_compute_checks_passed = 0;
    for (bool fp32 : {false, true}) {
        err = run_compute(device, "builtin/reduce_bcast.cpp", fp32);
        CHECK(err.empty());
        if (!err.empty()) {
            std::fprintf(stderr, "%s\n", err.c_str());
        }
    }
    CHECK(g_compute_checks_passed == 2);
    err = run_compute(device, "builtin/reduce_without_init.cpp", false);
    CHECK_CONTAINS(err, "reduce_tile<PoolType::MAX, ReduceDim::REDUCE_COL> with the FPU configured by add_tiles_init "
                        "(reduce_init<PoolType::MAX, ReduceDim::REDUCE_COL> missing)");
    // The cost model: a tiny reduce program is 64 modeled cycles (worked out in the kernel's comment).
    {
        const std::uint64_t before = device->impl().modeled_cycles();
        err = run_compute(device, "builtin/reduce_cycles.cpp", false);
        CHECK(err.empty());
        CHECK(device->impl().modeled_cycles() - before == 64);
    }

    // The time limit ends a kernel that never finishes.
    ::setenv("TT_EMU_TIMEOUT", "0.5", 1);
    err = run_program(device, "builtin/spin.cpp", nullptr, 1, 2, cores);
    CHECK_CONTAINS(err, "time limit of 0.5 s exceeded");
    CHECK_CONTAINS(err, "spin.cpp (RISCV_1) on core (0, 0) is running (last call: get_arg_val)");

    CHECK(device->close());
    return finish("test_runtime");
}
