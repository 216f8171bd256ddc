// tt-emu: the distributed (Mesh) host API of tt-metal v0.74.0 (tt-metalium/distributed.hpp):
// buffer writes and reads, workloads, Finish.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include <tt-metalium/buffer_types.hpp>
#include <tt-metalium/mesh_buffer.hpp>
#include <tt-metalium/mesh_command_queue.hpp>
#include <tt-metalium/mesh_coord.hpp>
#include <tt-metalium/mesh_device.hpp>
#include <tt-metalium/mesh_workload.hpp>
#include <tt-metalium/program.hpp>

namespace tt::tt_metal::distributed {

MeshWorkload CreateMeshWorkload();

void AddProgramToMeshWorkload(MeshWorkload& mesh_workload, Program&& program, const MeshCoordinateRange& device_range);

void EnqueueMeshWorkload(MeshCommandQueue& mesh_cq, MeshWorkload& mesh_workload, bool blocking);

template <typename DType>
void EnqueueWriteMeshBuffer(MeshCommandQueue& mesh_cq, const std::shared_ptr<MeshBuffer>& mesh_buffer,
                            const std::vector<DType>& src, bool blocking = false) {
    mesh_cq.enqueue_write_mesh_buffer(mesh_buffer, src.data(), src.size() * sizeof(DType), blocking);
}

template <typename DType>
void EnqueueReadMeshBuffer(MeshCommandQueue& mesh_cq, std::vector<DType>& dst, const std::shared_ptr<MeshBuffer>& mesh_buffer,
                           bool blocking = true) {
    mesh_cq.enqueue_read_mesh_buffer(dst.data(), dst.size() * sizeof(DType), mesh_buffer, blocking);
}

void Finish(MeshCommandQueue& mesh_cq);

}  // namespace tt::tt_metal::distributed
