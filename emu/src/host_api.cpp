// tt-emu: the host API (tt-metalium/host_api.hpp, distributed.hpp, mesh_*.hpp) over the
// emulator runtime.
#include <algorithm>
#include <climits>
#include <cstdlib>
#include <set>

#include <tt-metalium/distributed.hpp>
#include <tt-metalium/host_api.hpp>

#include "runtime.h"

namespace tt::tt_metal {

namespace {

std::vector<emu::XY> cores_of(const std::variant<CoreCoord, CoreRange, CoreRangeSet>& spec) {
    std::vector<CoreRange> ranges;
    if (const auto* c = std::get_if<CoreCoord>(&spec)) {
        ranges.emplace_back(*c);
    } else if (const auto* r = std::get_if<CoreRange>(&spec)) {
        ranges.push_back(*r);
    } else {
        ranges = std::get<CoreRangeSet>(spec).ranges();
    }
    std::set<emu::XY> seen;
    std::vector<emu::XY> out;
    for (const CoreRange& r : ranges) {
        if (r.end_coord.x < r.start_coord.x || r.end_coord.y < r.start_coord.y) {
            throw emu::EmuError("core range " + r.str() + " is empty (its end is before its start)");
        }
        for (std::size_t y = r.start_coord.y; y <= r.end_coord.y; ++y) {
            for (std::size_t x = r.start_coord.x; x <= r.end_coord.x; ++x) {
                emu::XY xy{static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y)};
                if (seen.insert(xy).second) {
                    out.push_back(xy);
                }
            }
        }
    }
    return out;
}

std::string resolve(const std::string& path) {
    char buf[PATH_MAX];
    if (::realpath(path.c_str(), buf) != nullptr) {
        return buf;
    }
    return {};
}

std::string base_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

emu::KernelSpec& kernel_of(const Program& program, KernelHandle kernel, const char* call) {
    auto& kernels = program.impl().kernels;
    if (kernel >= kernels.size()) {
        throw emu::EmuError(std::string(call) + ": kernel handle " + std::to_string(kernel) + " is not a kernel of this program");
    }
    return kernels[kernel];
}

void set_runtime_args(const Program& program, KernelHandle kernel, const std::variant<CoreCoord, CoreRange, CoreRangeSet>& spec,
                      std::vector<std::uint32_t> args) {
    emu::KernelSpec& k = kernel_of(program, kernel, "SetRuntimeArgs");
    if (args.size() > max_runtime_args) {
        throw emu::EmuError("SetRuntimeArgs: " + std::to_string(args.size()) + " runtime arguments for kernel " + k.display +
                            "; at most " + std::to_string(max_runtime_args));
    }
    for (const emu::XY& xy : cores_of(spec)) {
        if (std::find(k.cores.begin(), k.cores.end(), xy) == k.cores.end()) {
            throw emu::EmuError("SetRuntimeArgs: kernel " + k.display + " does not run on core (" + std::to_string(xy.first) +
                                ", " + std::to_string(xy.second) + ")");
        }
        k.runtime_args[xy] = args;
    }
}

}  // namespace

Program::Program() : impl_(std::make_unique<emu::ProgramImpl>()) {}
Program::~Program() = default;
Program::Program(Program&&) noexcept = default;
Program& Program::operator=(Program&&) noexcept = default;

emu::ProgramImpl& Program::impl() const {
    if (!impl_) {
        throw emu::EmuError("use of a moved-from Program");
    }
    return *impl_;
}

Program CreateProgram() { return Program(); }

KernelHandle CreateKernel(Program& program, const std::string& file_name, const std::variant<CoreCoord, CoreRange, CoreRangeSet>& core_spec,
                          const std::variant<DataMovementConfig, ComputeConfig, EthernetConfig>& config) {
    emu::KernelSpec k;
    k.path = file_name;
    k.display = base_name(file_name);
    k.cores = cores_of(core_spec);
    k.resolved = resolve(file_name);
    if (k.resolved.empty() && !emu::is_builtin_kernel(file_name)) {
        throw emu::EmuError("CreateKernel: kernel file " + file_name + " does not exist");
    }
    if (const auto* dm = std::get_if<DataMovementConfig>(&config)) {
        k.kind = dm->processor == DataMovementProcessor::RISCV_0 ? emu::KernelKind::DataMovement0 : emu::KernelKind::DataMovement1;
        k.noc = static_cast<std::uint8_t>(dm->noc);
        k.compile_args = dm->compile_args;
        k.defines = dm->defines;
        k.named_args.assign(dm->named_compile_args.begin(), dm->named_compile_args.end());
    } else if (const auto* c = std::get_if<ComputeConfig>(&config)) {
        k.kind = emu::KernelKind::Compute;
        k.math_fidelity = static_cast<int>(c->math_fidelity);
        k.fp32_dest_acc = c->fp32_dest_acc_en;
        k.dst_full_sync = c->dst_full_sync_en;
        k.math_approx = c->math_approx_mode;
        k.compile_args = c->compile_args;
        k.defines = c->defines;
        k.named_args.assign(c->named_compile_args.begin(), c->named_compile_args.end());
        for (UnpackToDestMode m : c->unpack_to_dest_mode) {
            if (m != UnpackToDestMode::Default) {
                throw emu::EmuError("CreateKernel: kernel " + k.display + " unpacks to DST (UnpackToDestFp32), which the emulator does not model");
            }
        }
    } else {
        throw emu::EmuError("CreateKernel: kernel " + k.display + " is an Ethernet kernel; the emulator has no Ethernet cores");
    }
    std::sort(k.named_args.begin(), k.named_args.end());
    auto& kernels = program.impl().kernels;
    kernels.push_back(std::move(k));
    return static_cast<KernelHandle>(kernels.size() - 1);
}

CBHandle CreateCircularBuffer(Program& program, const std::variant<CoreCoord, CoreRange, CoreRangeSet>& core_spec,
                              const CircularBufferConfig& config) {
    emu::CBSpec spec;
    spec.cores = cores_of(core_spec);
    spec.total_size = config.total_size();
    for (const auto& [index, format] : config.data_formats()) {
        auto page = config.page_sizes().find(index);
        if (page == config.page_sizes().end()) {
            throw emu::EmuError("CreateCircularBuffer: CB " + std::to_string(index) + " has no page size (set_page_size)");
        }
        spec.buffers[index] = {format, page->second};
    }
    auto& cbs = program.impl().cbs;
    cbs.push_back(std::move(spec));
    return static_cast<CBHandle>(cbs.size());
}

uint32_t CreateSemaphore(Program& program, const std::variant<CoreRange, CoreRangeSet>& core_spec, uint32_t initial_value,
                         CoreType core_type) {
    if (core_type != CoreType::WORKER && core_type != CoreType::TENSIX) {
        throw emu::EmuError("CreateSemaphore: only worker (Tensix) cores are emulated, not core type " +
                            std::to_string(static_cast<int>(core_type)));
    }
    emu::SemaphoreSpec sem;
    if (const auto* r = std::get_if<CoreRange>(&core_spec)) {
        sem.cores = cores_of(*r);
    } else {
        sem.cores = cores_of(std::get<CoreRangeSet>(core_spec));
    }
    auto& sems = program.impl().semaphores;
    for (std::uint32_t id = 0; id < emu::kMaxSemaphoresPerCore; ++id) {
        bool taken = false;
        for (const emu::SemaphoreSpec& other : sems) {
            if (other.id != id) {
                continue;
            }
            for (const emu::XY& xy : sem.cores) {
                if (std::find(other.cores.begin(), other.cores.end(), xy) != other.cores.end()) {
                    taken = true;
                }
            }
        }
        if (!taken) {
            sem.id = id;
            sem.initial_value = initial_value;
            sems.push_back(std::move(sem));
            return id;
        }
    }
    throw emu::EmuError("CreateSemaphore: no semaphore id left on these cores (" + std::to_string(emu::kMaxSemaphoresPerCore) +
                        " per core)");
}

void SetRuntimeArgs(const Program& program, KernelHandle kernel, const std::variant<CoreCoord, CoreRange, CoreRangeSet>& core_spec,
                    std::initializer_list<std::uint32_t> runtime_args) {
    set_runtime_args(program, kernel, core_spec, std::vector<std::uint32_t>(runtime_args));
}

void SetRuntimeArgs(const Program& program, KernelHandle kernel, const std::variant<CoreCoord, CoreRange, CoreRangeSet>& core_spec,
                    const std::vector<std::uint32_t>& runtime_args) {
    set_runtime_args(program, kernel, core_spec, runtime_args);
}

void SetCommonRuntimeArgs(const Program& program, KernelHandle kernel_id, std::initializer_list<std::uint32_t> runtime_args) {
    kernel_of(program, kernel_id, "SetCommonRuntimeArgs").common_args.assign(runtime_args);
}

void SetCommonRuntimeArgs(const Program& program, KernelHandle kernel_id, const std::vector<std::uint32_t>& runtime_args) {
    kernel_of(program, kernel_id, "SetCommonRuntimeArgs").common_args = runtime_args;
}

}  // namespace tt::tt_metal

namespace tt::tt_metal::distributed {

// ------------------------------------------------------------------ device

MeshDevice::MeshDevice(int device_id, std::shared_ptr<emu::DeviceImpl> impl) :
    device_id_(device_id), impl_(std::move(impl)), cq_(std::make_unique<MeshCommandQueue>(this)) {}

MeshDevice::~MeshDevice() = default;

std::shared_ptr<MeshDevice> MeshDevice::create_unit_mesh(int device_id, std::size_t, std::size_t, std::size_t) {
    if (device_id != 0) {
        throw emu::EmuError("MeshDevice::create_unit_mesh(" + std::to_string(device_id) + "): the emulator has one device, 0");
    }
    return std::make_shared<MeshDevice>(device_id, std::make_shared<emu::DeviceImpl>(emu::DeviceParams::from_env()));
}

emu::DeviceImpl& MeshDevice::impl() const { return *impl_; }

tt::ARCH MeshDevice::arch() const {
    return impl_->params().arch == "blackhole" ? tt::ARCH::BLACKHOLE : tt::ARCH::WORMHOLE_B0;
}

CoreCoord MeshDevice::compute_with_storage_grid_size() const {
    return {impl_->params().grid_x, impl_->params().grid_y};
}

std::uint32_t MeshDevice::num_dram_channels() const { return impl_->params().dram_banks; }
std::uint32_t MeshDevice::l1_size_per_core() const { return impl_->params().l1_size; }

MeshCommandQueue& MeshDevice::mesh_command_queue(std::optional<std::uint8_t> cq_id) {
    if (cq_id.value_or(0) != 0) {
        throw emu::EmuError("mesh_command_queue(" + std::to_string(*cq_id) + "): the emulator has command queue 0 only");
    }
    return *cq_;
}

bool MeshDevice::close() {
    if (!closed_) {
        closed_ = true;
        impl_->write_stats();
    }
    return true;
}

// ------------------------------------------------------------------ buffers

MeshBuffer::MeshBuffer(MeshDevice* device, std::shared_ptr<MeshDevice> keep_alive, const DeviceLocalBufferConfig& local,
                       emu::DramBuffer* buffer) :
    device_(device), keep_alive_(std::move(keep_alive)), local_config_(local), buffer_(buffer) {}

std::shared_ptr<MeshBuffer> MeshBuffer::create(const MeshBufferConfig& mesh_buffer_config, const DeviceLocalBufferConfig& local,
                                               MeshDevice* mesh_device, std::optional<DeviceAddr> address) {
    if (address.has_value()) {
        throw emu::EmuError("MeshBuffer::create at a given address is not emulated");
    }
    if (local.buffer_type != BufferType::DRAM) {
        throw emu::EmuError("MeshBuffer::create: the emulator has interleaved DRAM buffers only");
    }
    const auto& replicated = std::get<ReplicatedBufferConfig>(mesh_buffer_config);
    emu::DramBuffer* b = mesh_device->impl().allocate(replicated.size, local.page_size);
    return std::make_shared<MeshBuffer>(mesh_device, mesh_device->shared_from_this(), local, b);
}

MeshBuffer::~MeshBuffer() { deallocate(); }

bool MeshBuffer::is_allocated() const { return buffer_ != nullptr && buffer_->alive; }

void MeshBuffer::deallocate() {
    if (buffer_ != nullptr && buffer_->alive) {
        device_->impl().free(buffer_);
    }
}

DeviceAddr MeshBuffer::size() const { return buffer_->size; }
DeviceAddr MeshBuffer::address() const { return buffer_->address; }
std::uint32_t MeshBuffer::page_size() const { return buffer_->page_size; }
std::uint32_t MeshBuffer::num_pages() const { return buffer_->num_pages; }
emu::DramBuffer& MeshBuffer::impl() const { return *buffer_; }

// ------------------------------------------------------------------ command queue

void MeshCommandQueue::enqueue_write_mesh_buffer(const std::shared_ptr<MeshBuffer>& buffer, const void* host_data,
                                                 std::size_t bytes, bool) {
    device_->impl().write(buffer->impl(), host_data, bytes);
}

void MeshCommandQueue::enqueue_read_mesh_buffer(void* host_data, std::size_t bytes, const std::shared_ptr<MeshBuffer>& buffer,
                                                bool) {
    device_->impl().read(buffer->impl(), host_data, bytes);
}

void MeshCommandQueue::enqueue_mesh_workload(MeshWorkload& workload, bool) {
    for (auto& [range, program] : workload.get_programs()) {
        (void)range;
        device_->impl().run(program.impl());
    }
}

void MeshCommandQueue::finish() {}

MeshWorkload CreateMeshWorkload() { return MeshWorkload(); }

void AddProgramToMeshWorkload(MeshWorkload& mesh_workload, Program&& program, const MeshCoordinateRange& device_range) {
    mesh_workload.add_program(device_range, std::move(program));
}

void EnqueueMeshWorkload(MeshCommandQueue& mesh_cq, MeshWorkload& mesh_workload, bool blocking) {
    mesh_cq.enqueue_mesh_workload(mesh_workload, blocking);
}

void Finish(MeshCommandQueue& mesh_cq) { mesh_cq.finish(); }

}  // namespace tt::tt_metal::distributed
