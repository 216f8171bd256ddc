// tt-emu: the host API of tt-metal v0.74.0 (tt-metalium/host_api.hpp) that host programs use to
// build a program: CreateProgram, CreateKernel, CreateCircularBuffer, CreateSemaphore, SetRuntimeArgs.
//
// CreateKernel records the kernel source path (resolved against the working directory), its
// cores and its configuration; when the program runs, the emulator builds each kernel as a shared
// object with its compile-time arguments baked in (cached by content hash) and runs every core's
// kernels concurrently, one thread each.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <variant>
#include <vector>

#include <tt-metalium/base_types.hpp>
#include <tt-metalium/buffer_types.hpp>
#include <tt-metalium/circular_buffer_config.hpp>
#include <tt-metalium/core_coord.hpp>
#include <tt-metalium/data_types.hpp>
#include <tt-metalium/kernel_types.hpp>
#include <tt-metalium/program.hpp>
#include <tt-metalium/tt_backend_api_types.hpp>

// The kinds of cores of a chip (UMD's CoreType). Semaphores live on WORKER (Tensix) cores here.
#ifndef TT_EMU_CORE_TYPE_DEFINED
#define TT_EMU_CORE_TYPE_DEFINED
enum class CoreType { ARC, DRAM, ACTIVE_ETH, IDLE_ETH, PCIE, TENSIX, ROUTER_ONLY, SECURITY, L2CPU, HARVESTED, ETH, WORKER, COUNT };
#endif

namespace tt::tt_metal {

using CoreSpec = std::variant<CoreCoord, CoreRange, CoreRangeSet>;

Program CreateProgram();

KernelHandle CreateKernel(Program& program, const std::string& file_name, const std::variant<CoreCoord, CoreRange, CoreRangeSet>& core_spec,
                          const std::variant<DataMovementConfig, ComputeConfig, EthernetConfig>& config = DataMovementConfig{});

CBHandle CreateCircularBuffer(Program& program, const std::variant<CoreCoord, CoreRange, CoreRangeSet>& core_spec,
                              const CircularBufferConfig& config);

// A semaphore on every core of `core_spec`, set to `initial_value` when the program runs; returns
// its id (the smallest id free on all those cores; 16 per core). Kernels find it with
// get_semaphore(id).
uint32_t CreateSemaphore(Program& program, const std::variant<CoreRange, CoreRangeSet>& core_spec, uint32_t initial_value,
                         CoreType core_type = CoreType::WORKER);

void SetRuntimeArgs(const Program& program, KernelHandle kernel, const std::variant<CoreCoord, CoreRange, CoreRangeSet>& core_spec,
                    std::initializer_list<std::uint32_t> runtime_args);
void SetRuntimeArgs(const Program& program, KernelHandle kernel, const std::variant<CoreCoord, CoreRange, CoreRangeSet>& core_spec,
                    const std::vector<std::uint32_t>& runtime_args);

void SetCommonRuntimeArgs(const Program& program, KernelHandle kernel_id, std::initializer_list<std::uint32_t> runtime_args);
void SetCommonRuntimeArgs(const Program& program, KernelHandle kernel_id, const std::vector<std::uint32_t>& runtime_args);

}  // namespace tt::tt_metal
