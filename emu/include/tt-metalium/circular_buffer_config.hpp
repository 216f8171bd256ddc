// tt-emu: circular-buffer configuration (tt-metal v0.74.0 tt-metalium/circular_buffer_config.hpp):
// a total size in bytes and, per CB index sharing that memory, a data format and a page size.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include <hostdevcommon/kernel_structs.h>
#include <tt-metalium/tt_backend_api_types.hpp>

namespace tt::tt_metal {

class CircularBufferConfig {
public:
    CircularBufferConfig(std::uint32_t total_size, const std::map<std::uint8_t, tt::DataFormat>& data_format_spec) :
        total_size_(total_size) {
        for (const auto& [index, format] : data_format_spec) {
            data_formats_[index] = format;
        }
    }

    CircularBufferConfig& set_page_size(std::uint8_t buffer_index, std::uint32_t page_size) {
        if (!data_formats_.count(buffer_index)) {
            throw std::runtime_error("CircularBufferConfig::set_page_size: CB " + std::to_string(buffer_index) +
                                     " has no data format in this config");
        }
        if (page_size == 0 || total_size_ % page_size != 0) {
            throw std::runtime_error("CircularBufferConfig::set_page_size: total size " + std::to_string(total_size_) +
                                     " of CB " + std::to_string(buffer_index) + " is not a multiple of its page size " +
                                     std::to_string(page_size));
        }
        page_sizes_[buffer_index] = page_size;
        return *this;
    }

    CircularBufferConfig& set_total_size(std::uint32_t total_size) {
        total_size_ = total_size;
        return *this;
    }

    std::uint32_t total_size() const { return total_size_; }
    const std::map<std::uint8_t, tt::DataFormat>& data_formats() const { return data_formats_; }
    const std::map<std::uint8_t, std::uint32_t>& page_sizes() const { return page_sizes_; }

private:
    std::uint32_t total_size_ = 0;
    std::map<std::uint8_t, tt::DataFormat> data_formats_;
    std::map<std::uint8_t, std::uint32_t> page_sizes_;
};

}  // namespace tt::tt_metal
