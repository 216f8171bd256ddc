// tt-emu: the emulator runtime (internal). See emu/README.md for the design.
//
// DeviceImpl  one emulated chip: parameters, DRAM buffers, cumulative counters.
// ProgramImpl what a host program built with CreateKernel / CreateCircularBuffer /
//             SetRuntimeArgs.
// Run         one execution of a program: per core an L1 (mmap'ed below 4 GiB, so L1 addresses
//             are usable host pointers) with its CBs; per core and kernel a thread.
#pragma once

#ifndef TT_EMU_NO_KERNEL_ENTRY
#define TT_EMU_NO_KERNEL_ENTRY  // the runtime is not a kernel
#endif

#include <atomic>
#include <bitset>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "cb.h"
#include "emu/data_format.h"
#include "emu/kernel.h"

namespace emu {

using XY = std::pair<std::uint32_t, std::uint32_t>;  // (x, y) logical core coordinates

// An error of the program being emulated (or of its host program's use of the API). Host API
// calls throw it; main.cpp prints what() and exits with status 1.
struct EmuError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Unwinds a kernel thread once the run is aborted (fault, deadlock, time limit). Not a
// std::exception, so a kernel's own catch clauses do not swallow it.
struct KernelAbort {};

struct DeviceParams {
    std::string arch = "wormhole_b0";
    std::uint32_t grid_x = 8;  // worker cores: x < grid_x, y < grid_y
    std::uint32_t grid_y = 10;
    std::uint32_t l1_size = 1499136;
    std::uint32_t dram_banks = 12;
    std::uint32_t dram_alignment = 32;
    std::uint32_t l1_alignment = 16;
    std::uint32_t max_cbs = 32;

    static DeviceParams from_env();
};

struct DramBuffer {
    int index = 0;
    std::string name;
    std::uint64_t address = 0;  // bank offset, the same in every bank
    std::uint64_t size = 0;
    std::uint32_t page_size = 0;
    std::uint32_t aligned_page = 0;
    std::uint32_t num_pages = 0;
    std::uint64_t per_bank_bytes = 0;
    std::vector<std::uint8_t> data;  // page-ordered, `aligned_page` bytes per page
    bool alive = true;
    std::atomic<std::uint64_t> bytes_read{0};
    std::atomic<std::uint64_t> bytes_written{0};
    std::atomic<std::uint64_t> reads{0};
    std::atomic<std::uint64_t> writes{0};

    std::string describe() const;
};

enum class KernelKind { DataMovement0, DataMovement1, Compute };

struct KernelSpec {
    std::string path;  // as given to CreateKernel
    std::string resolved;  // absolute path
    std::string display;  // file name, for messages
    KernelKind kind = KernelKind::DataMovement0;
    std::vector<XY> cores;
    std::vector<std::uint32_t> compile_args;
    std::map<std::string, std::string> defines;
    std::vector<std::pair<std::string, std::uint32_t>> named_args;  // sorted by name
    std::uint8_t noc = 0;
    int math_fidelity = 4;
    bool fp32_dest_acc = false;
    bool dst_full_sync = false;
    bool math_approx = false;
    std::map<XY, std::vector<std::uint32_t>> runtime_args;
    std::vector<std::uint32_t> common_args;
    // The program's CBs on this kernel's cores, as its build gets them (-DTT_EMU_CB_DESCRIPTORS):
    // "{index,format,tile_size},..." by index. Set when the program runs.
    std::string cb_descriptors;
    void (*entry)() = nullptr;  // set when the program runs (built-in kernels: at creation)

    std::string kind_name() const;
};

struct CBSpec {
    std::vector<XY> cores;
    std::uint32_t total_size = 0;
    std::map<std::uint8_t, std::pair<tt::DataFormat, std::uint32_t>> buffers;  // index -> (format, page size)
};

constexpr std::uint32_t kMaxSemaphoresPerCore = 16;  // tt-metal's NUM_SEMAPHORES

// A semaphore (CreateSemaphore): its id on each of its cores and the value it starts each run with.
struct SemaphoreSpec {
    std::vector<XY> cores;
    std::uint32_t id = 0;
    std::uint32_t initial_value = 0;
};

struct ProgramImpl {
    std::vector<KernelSpec> kernels;
    std::vector<CBSpec> cbs;
    std::vector<SemaphoreSpec> semaphores;
};

// Counters of one core, summed over runs.
struct CoreStats {
    std::uint64_t noc_reads = 0, noc_writes = 0, noc_read_bytes = 0, noc_write_bytes = 0;
    std::uint64_t noc_mcast_writes = 0, noc_mcast_bytes = 0, sem_incs = 0;  // multicasts issued, bytes each sent once
    std::uint64_t matmul = 0, binary = 0, copy = 0, sfpu = 0, pack = 0, reduce = 0;
    std::uint64_t matmul_blocks = 0;  // matmul_block calls (their tile matmuls are in `matmul`)
    std::uint64_t fpu_busy = 0, matmul_busy = 0;  // modeled cycles of math calls, of matmul_tiles
    std::uint64_t cycles = 0;  // modeled: the latest clock of the core's kernels, summed over runs
    struct CB {
        std::uint32_t pages = 0, page_size = 0, high_water = 0, high_water_with_reserved = 0;
        std::uint64_t pages_pushed = 0;
    };
    std::map<std::uint32_t, CB> cbs;
};

class DeviceImpl {
public:
    explicit DeviceImpl(DeviceParams params);
    ~DeviceImpl();

    const DeviceParams& params() const { return params_; }

    DramBuffer* allocate(std::uint64_t size, std::uint64_t page_size);
    void free(DramBuffer* buffer);
    void write(DramBuffer& buffer, const void* src, std::size_t bytes);
    void read(const DramBuffer& buffer, void* dst, std::size_t bytes) const;

    // Runs `program` to completion; throws EmuError on a fault, a deadlock or the time limit.
    void run(ProgramImpl& program);

    // DRAM access from kernels (the caller turns a non-empty return into a fault).
    DramBuffer* buffer_at(std::uint64_t address);
    DramBuffer* buffer_containing(std::uint64_t bank_offset);
    std::string dram_copy(std::uint32_t bank, std::uint64_t offset, std::uint8_t* l1, std::uint32_t size, bool to_dram);

    void write_stats() const;
    // Modeled cycles so far: the sum of every run's makespan (the stats' modeled_cycles).
    std::uint64_t modeled_cycles() const { return modeled_cycles_; }

private:
    friend struct Run;
    DeviceParams params_;
    std::mutex mu_;
    std::vector<std::unique_ptr<DramBuffer>> buffers_;
    std::uint64_t next_address_;
    std::map<XY, CoreStats> core_stats_;
    int runs_ = 0;
    double run_seconds_ = 0;
    double build_seconds_ = 0;
    int kernel_builds_ = 0;
    int kernel_cache_hits_ = 0;
    std::vector<std::string> buffer_names_;
    // Modeled time: the sum over runs of each run's makespan, and every kernel's final clock.
    struct KernelTime {
        int run = 0;
        std::string kernel, processor;
        XY core;
        std::uint64_t cycles = 0;
    };
    std::uint64_t modeled_cycles_ = 0;
    std::vector<KernelTime> kernel_times_;
    // Busy cycles of every shared resource, summed over runs, by (kind, x or bank, y); kinds in
    // ResourceKind order, which also breaks ties for the busiest one.
    enum ResourceKind { Fpu = 0, DramBank, NiuInject, NiuAbsorb };
    std::map<std::tuple<int, std::uint32_t, std::uint32_t>, std::uint64_t> resource_busy_;
    // Bytes the host wrote to (EnqueueWriteMeshBuffer) and read back from (EnqueueReadMeshBuffer) DRAM.
    mutable std::atomic<std::uint64_t> host_bytes_written_{0}, host_bytes_read_{0};

public:
    void add_build(double seconds, int built, int hits) {
        build_seconds_ += seconds;
        kernel_builds_ += built;
        kernel_cache_hits_ += hits;
    }
};

// Built-in kernels: plain functions registered under a path, used instead of compiling a file
// (the emulator's own C++ tests).
void register_builtin_kernel(const std::string& path, void (*entry)());
bool is_builtin_kernel(const std::string& path);

// Resolves every kernel's `entry` (compiling shared objects as needed); returns counts.
struct BuildResult {
    int built = 0;
    int cache_hits = 0;
    double seconds = 0;
};
BuildResult build_kernels(ProgramImpl& program, const DeviceParams& params);

// The cache key of a kernel build (mirrored by tt_dialect/emu/build.py).
std::string kernel_recipe(const KernelSpec& spec, const DeviceParams& params, const std::string& source_hash);
// The CB descriptors of `kernel` in `program` (KernelSpec::cb_descriptors).
std::string cb_descriptors(const ProgramImpl& program, const KernelSpec& kernel);
std::string fnv1a64_hex(const std::string& text);

}  // namespace emu
