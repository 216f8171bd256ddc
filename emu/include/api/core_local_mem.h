// tt-emu: CoreLocalMem (tt-metal v0.74.0 api/core_local_mem.h): a typed pointer into the core's
// own L1, usable as the local source or destination of a Noc transfer. L1 addresses are host
// addresses in the emulator, so it dereferences directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#if !defined(COMPILE_FOR_TRISC)
#include "api/dataflow/noc.h"
#endif
#include "api/lock.h"

template <typename T, typename AddressType = uintptr_t>
class CoreLocalMem {
    using difference_type = std::ptrdiff_t;
    static_assert(std::is_integral<AddressType>::value && std::is_unsigned<AddressType>::value,
                  "AddressType must be an unsigned integral type");
    static_assert(sizeof(AddressType) >= sizeof(difference_type), "AddressType must hold a difference_type");

public:
    CoreLocalMem(AddressType address) : address_(address) {}
    CoreLocalMem(T* ptr) : address_(reinterpret_cast<AddressType>(ptr)) {}
    CoreLocalMem(const CoreLocalMem&) = default;
    CoreLocalMem& operator=(const CoreLocalMem&) = default;

    tt_l1_ptr T* get_unsafe_ptr() const { return reinterpret_cast<tt_l1_ptr T*>(address_); }
    AddressType get_address() const { return address_; }

    T& operator[](uint32_t index) const { return get_unsafe_ptr()[index]; }
    T& operator*() const { return *get_unsafe_ptr(); }
    tt_l1_ptr T* operator->() const { return get_unsafe_ptr(); }

    CoreLocalMem& operator+=(difference_type n) {
        address_ += n * sizeof(T);
        return *this;
    }
    CoreLocalMem& operator-=(difference_type n) {
        address_ -= n * sizeof(T);
        return *this;
    }
    CoreLocalMem& operator++() { return *this += 1; }
    CoreLocalMem& operator--() { return *this -= 1; }
    CoreLocalMem operator++(int) {
        CoreLocalMem before = *this;
        *this += 1;
        return before;
    }
    CoreLocalMem operator--(int) {
        CoreLocalMem before = *this;
        *this -= 1;
        return before;
    }
    CoreLocalMem operator+(difference_type n) const { return CoreLocalMem(AddressType(address_ + n * sizeof(T))); }
    CoreLocalMem operator-(difference_type n) const { return CoreLocalMem(AddressType(address_ - n * sizeof(T))); }
    difference_type operator-(const CoreLocalMem& other) const {
        return (static_cast<difference_type>(address_) - static_cast<difference_type>(other.address_)) /
               static_cast<difference_type>(sizeof(T));
    }

    [[nodiscard]] auto scoped_lock(size_t num_elements) {
        (void)num_elements;
        return Lock([] {});
    }

    bool operator==(const CoreLocalMem& o) const { return address_ == o.address_; }
    bool operator!=(const CoreLocalMem& o) const { return address_ != o.address_; }
    bool operator<(const CoreLocalMem& o) const { return address_ < o.address_; }
    bool operator<=(const CoreLocalMem& o) const { return address_ <= o.address_; }
    bool operator>(const CoreLocalMem& o) const { return address_ > o.address_; }
    bool operator>=(const CoreLocalMem& o) const { return address_ >= o.address_; }
    explicit operator bool() const { return address_ != 0; }

private:
    AddressType address_;
};

#if !defined(COMPILE_FOR_TRISC)
template <typename T, typename AddressType>
struct noc_traits_t<CoreLocalMem<T, AddressType>> {
    struct src_args_type {
        AddressType offset_bytes = 0;
    };
    struct dst_args_type {
        AddressType offset_bytes = 0;
    };
    struct dst_args_mcast_type {};

    template <Noc::AddressType address_type>
    static auto src_addr(const CoreLocalMem<T, AddressType>& src, const Noc&, const src_args_type& a) {
        static_assert(address_type == Noc::AddressType::LOCAL_L1, "CoreLocalMem can only be used as local L1 source");
        return src.get_address() + a.offset_bytes;
    }
    template <Noc::AddressType address_type>
    static auto dst_addr(const CoreLocalMem<T, AddressType>& dst, const Noc&, const dst_args_type& a) {
        static_assert(address_type == Noc::AddressType::LOCAL_L1, "CoreLocalMem can only be used as local L1 dest");
        return dst.get_address() + a.offset_bytes;
    }
};
#endif
