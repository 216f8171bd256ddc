// tt-emu: tt-metal v0.74.0 tools/profiler/kernel_profiler.hpp, the device profiler's zone macros
// kernels open (ttnn's SDPA: DeviceZoneScopedN("...")). The emulator's counters and perf model
// replace the device profiler: the zones record nothing.
#pragma once

#define DeviceZoneScopedN(name)
#define DeviceZoneScopedMainN(name)
#define DeviceZoneScopedMainChildN(name)
#define DeviceZoneScopedSumN1(name)
#define DeviceZoneScopedSumN2(name)
#define DeviceTimestampedData(name, data)
#define DeviceRecordEvent(event_id)
#define DeviceValidateProfiler(condition)
#define DeviceZoneSetCounter(counter)
