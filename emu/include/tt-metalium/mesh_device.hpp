// tt-emu: the device (tt-metal v0.74.0 tt-metalium/mesh_device.hpp): a 1x1 unit mesh of one
// emulated chip. Its architecture is TT_EMU_ARCH (wormhole_b0 by default, or blackhole); its
// worker grid TT_EMU_GRID ("8x10": x < 8, y < 10 on Wormhole; "14x10" on Blackhole by default).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include <tt-metalium/core_coord.hpp>
#include <tt-metalium/mesh_coord.hpp>
#include <tt-metalium/tt_backend_api_types.hpp>

namespace emu {
class DeviceImpl;
}

namespace tt::tt_metal::distributed {

class MeshCommandQueue;

class MeshDevice : public std::enable_shared_from_this<MeshDevice> {
public:
    static std::shared_ptr<MeshDevice> create_unit_mesh(int device_id, std::size_t l1_small_size = 0,
                                                        std::size_t trace_region_size = 0,
                                                        std::size_t num_command_queues = 1);
    ~MeshDevice();
    MeshDevice(const MeshDevice&) = delete;
    MeshDevice& operator=(const MeshDevice&) = delete;

    tt::ARCH arch() const;
    int id() const { return device_id_; }
    CoreCoord compute_with_storage_grid_size() const;
    CoreCoord logical_grid_size() const { return compute_with_storage_grid_size(); }
    CoreCoord worker_core_from_logical_core(const CoreCoord& logical_core) const { return logical_core; }
    std::uint32_t num_dram_channels() const;
    std::uint32_t l1_size_per_core() const;
    std::uint32_t num_devices() const { return 1; }
    const MeshShape& shape() const { return shape_; }
    MeshCommandQueue& mesh_command_queue(std::optional<std::uint8_t> cq_id = std::nullopt);
    bool close();
    bool is_closed() const { return closed_; }

    emu::DeviceImpl& impl() const;

    MeshDevice(int device_id, std::shared_ptr<emu::DeviceImpl> impl);

private:
    int device_id_;
    std::shared_ptr<emu::DeviceImpl> impl_;
    MeshShape shape_{1, 1};
    std::unique_ptr<MeshCommandQueue> cq_;
    bool closed_ = false;
};

}  // namespace tt::tt_metal::distributed
