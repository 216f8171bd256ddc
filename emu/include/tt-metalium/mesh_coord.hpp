// tt-emu: mesh shapes and coordinates (tt-metal v0.74.0 tt-metalium/mesh_coord.hpp). The emulator
// has one device: a 1x1 mesh.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tt::tt_metal::distributed {

class MeshShape {
public:
    MeshShape(std::uint32_t rows, std::uint32_t cols) : rows_(rows), cols_(cols) {}
    std::size_t dims() const { return 2; }
    std::uint32_t operator[](std::size_t i) const { return i == 0 ? rows_ : cols_; }
    std::size_t mesh_size() const { return std::size_t(rows_) * cols_; }
    friend bool operator==(const MeshShape& a, const MeshShape& b) { return a.rows_ == b.rows_ && a.cols_ == b.cols_; }

private:
    std::uint32_t rows_;
    std::uint32_t cols_;
};

class MeshCoordinate {
public:
    MeshCoordinate(std::uint32_t row, std::uint32_t col) : row_(row), col_(col) {}
    std::uint32_t operator[](std::size_t i) const { return i == 0 ? row_ : col_; }
    friend bool operator==(const MeshCoordinate& a, const MeshCoordinate& b) { return a.row_ == b.row_ && a.col_ == b.col_; }

private:
    std::uint32_t row_;
    std::uint32_t col_;
};

class MeshCoordinateRange {
public:
    explicit MeshCoordinateRange(const MeshShape& shape) :
        start_(0, 0), end_(shape[0] == 0 ? 0 : shape[0] - 1, shape[1] == 0 ? 0 : shape[1] - 1) {}
    MeshCoordinateRange(const MeshCoordinate& start, const MeshCoordinate& end) : start_(start), end_(end) {}
    const MeshCoordinate& start_coord() const { return start_; }
    const MeshCoordinate& end_coord() const { return end_; }
    bool contains(const MeshCoordinate& c) const {
        return c[0] >= start_[0] && c[0] <= end_[0] && c[1] >= start_[1] && c[1] <= end_[1];
    }

private:
    MeshCoordinate start_;
    MeshCoordinate end_;
};

}  // namespace tt::tt_metal::distributed
