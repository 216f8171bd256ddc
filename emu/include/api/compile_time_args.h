// tt-emu: compile-time kernel arguments, as tt-metal v0.74.0's api/compile_time_args.h.
//
// The emulator compiles every kernel with its compile-time arguments baked in, exactly like
// tt-metal's JIT build: -DKERNEL_COMPILE_TIME_ARGS=0,1,2,2048 and, for named arguments,
// -DKERNEL_COMPILE_TIME_ARG_MAP={"cb_in0",0},{"cb_out",16}. So `get_compile_time_arg_val(i)` is
// a constant expression and an index past the list fails to compile, as on the device.
#ifndef TT_METAL_COMPILE_TIME_ARGS_H
#define TT_METAL_COMPILE_TIME_ARGS_H

#include <array>
#include <cstdint>
#include <utility>
#ifdef KERNEL_COMPILE_TIME_ARG_MAP
#include <string_view>
#endif

#include "emu/kernel.h"

template <class T, class... Ts>
FORCE_INLINE constexpr std::array<T, sizeof...(Ts)> make_array(Ts... values) {
    return {T(values)...};
}

#ifndef KERNEL_COMPILE_TIME_ARGS
#define KERNEL_COMPILE_TIME_ARGS
#endif

constexpr auto kernel_compile_time_args = make_array<std::uint32_t>(KERNEL_COMPILE_TIME_ARGS);

template <uint32_t Idx>
constexpr uint32_t get_ct_arg() {
    static_assert(Idx < kernel_compile_time_args.size(), "Index out of range");
    return kernel_compile_time_args[Idx];
}

#ifdef KERNEL_COMPILE_TIME_ARG_MAP
namespace {
constexpr std::pair<std::string_view, uint32_t> named_args_map[] = {KERNEL_COMPILE_TIME_ARG_MAP};
}

constexpr uint32_t get_named_ct_arg(std::string_view name) {
    for (const auto& [arg_name, arg_value] : named_args_map) {
        if (name == arg_name) {
            return arg_value;
        }
    }
    // Not a constant expression: a name that is not in the map fails to compile.
    throw "tt-emu: unknown named compile-time argument";
}

constexpr uint32_t get_named_compile_time_arg_val(std::string_view name) { return get_named_ct_arg(name); }
#endif

#define get_compile_time_arg_val(arg_idx) get_ct_arg<arg_idx>()

#endif  // TT_METAL_COMPILE_TIME_ARGS_H
