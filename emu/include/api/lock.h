// tt-emu: RAII scoped lock (tt-metal v0.74.0 api/lock.h): calls its release function when it goes
// out of scope (CircularBuffer::scoped_lock).
#pragma once

template <typename ReleaseFunc>
class Lock {
public:
    inline __attribute__((always_inline)) Lock(ReleaseFunc release_func) : release_func_(release_func) {}
    inline __attribute__((always_inline)) ~Lock() { release_func_(); }

    Lock(const Lock&) = delete;
    Lock(Lock&&) = delete;
    Lock& operator=(const Lock&) = delete;
    Lock& operator=(Lock&&) = delete;

private:
    ReleaseFunc release_func_;
};
