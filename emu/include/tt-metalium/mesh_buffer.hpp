// tt-emu: device buffers (tt-metal v0.74.0 tt-metalium/mesh_buffer.hpp). The emulator supports
// interleaved DRAM buffers: page i lives in DRAM bank i % num_banks (12 on Wormhole, 8 on
// Blackhole), at the same bank offset (`address()`) for every bank.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <variant>

#include <tt-metalium/buffer_types.hpp>
#include <tt-metalium/mesh_device.hpp>

namespace emu {
struct DramBuffer;
}

namespace tt::tt_metal::distributed {

struct DeviceLocalBufferConfig {
    DeviceAddr page_size = 0;
    BufferType buffer_type = BufferType::DRAM;
    std::optional<bool> bottom_up;
};

struct ReplicatedBufferConfig {
    DeviceAddr size = 0;
};

using MeshBufferConfig = std::variant<ReplicatedBufferConfig>;

class MeshBuffer {
public:
    static std::shared_ptr<MeshBuffer> create(const MeshBufferConfig& mesh_buffer_config,
                                              const DeviceLocalBufferConfig& device_local_config, MeshDevice* mesh_device,
                                              std::optional<DeviceAddr> address = std::nullopt);
    ~MeshBuffer();
    MeshBuffer(const MeshBuffer&) = delete;
    MeshBuffer& operator=(const MeshBuffer&) = delete;

    bool is_allocated() const;
    void deallocate();
    MeshDevice* device() const { return device_; }
    DeviceAddr size() const;
    DeviceAddr device_local_size() const { return size(); }
    DeviceAddr address() const;
    std::uint32_t page_size() const;
    std::uint32_t num_pages() const;
    const DeviceLocalBufferConfig& device_local_config() const { return local_config_; }

    emu::DramBuffer& impl() const;

    MeshBuffer(MeshDevice* device, std::shared_ptr<MeshDevice> keep_alive, const DeviceLocalBufferConfig& local,
               emu::DramBuffer* buffer);

private:
    MeshDevice* device_;
    std::shared_ptr<MeshDevice> keep_alive_;
    DeviceLocalBufferConfig local_config_;
    emu::DramBuffer* buffer_;
};

}  // namespace tt::tt_metal::distributed
