// tt-emu: a command queue (tt-metal v0.74.0 tt-metalium/mesh_command_queue.hpp). The emulator
// executes every command when it is enqueued: a workload runs to completion (or to a fault,
// deadlock or time limit, reported as an exception) inside EnqueueMeshWorkload.
#pragma once

#include <cstddef>
#include <memory>

#include <tt-metalium/mesh_buffer.hpp>
#include <tt-metalium/mesh_workload.hpp>

namespace tt::tt_metal::distributed {

class MeshDevice;

class MeshCommandQueue {
public:
    explicit MeshCommandQueue(MeshDevice* device) : device_(device) {}
    MeshDevice* device() const { return device_; }

    void enqueue_write_mesh_buffer(const std::shared_ptr<MeshBuffer>& buffer, const void* host_data, std::size_t bytes,
                                   bool blocking);
    void enqueue_read_mesh_buffer(void* host_data, std::size_t bytes, const std::shared_ptr<MeshBuffer>& buffer,
                                  bool blocking);
    void enqueue_mesh_workload(MeshWorkload& workload, bool blocking);
    void finish();

private:
    MeshDevice* device_;
};

}  // namespace tt::tt_metal::distributed
