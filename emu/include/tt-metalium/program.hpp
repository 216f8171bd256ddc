// tt-emu: a program: kernels, circular buffers and runtime arguments (tt-metal v0.74.0
// tt-metalium/program.hpp). Move-only, as in tt-metal.
#pragma once

#include <cstdint>
#include <memory>

namespace emu {
struct ProgramImpl;
}

namespace tt::tt_metal {

using CBHandle = std::uintptr_t;

class Program {
public:
    Program();
    ~Program();
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;
    Program(Program&&) noexcept;
    Program& operator=(Program&&) noexcept;

    // The emulator's description of the program (kernels, CBs, arguments).
    emu::ProgramImpl& impl() const;

private:
    std::unique_ptr<emu::ProgramImpl> impl_;
};

}  // namespace tt::tt_metal
