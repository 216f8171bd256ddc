// tt-emu: typed access to a core's own L1 (tt-metal v0.74.0 api/core_local_mem.h).
//
// `CoreLocalMem<T>(address)` is a typed view of L1 at `address` (an L1 address is a host address
// in the emulator, so the view dereferences directly): element access, pointer arithmetic in
// units of T, comparisons, scoped_lock; on the data-movement cores it is also the local source or
// destination of a Noc transfer (`{.offset_bytes = n}`), never a multicast destination. The
// device's debug sanitizer (DEBUG_SANITIZE_L1_ADDR) and NoC-debugging events are not part of the
// emulator: a transfer that uses the view is checked like any other (inside L1, secured CB pages).
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#if !defined(COMPILE_FOR_TRISC)
#include "api/dataflow/noc.h"
#endif
#include "api/lock.h"
#include "emu/kernel.h"

template <typename T, typename AddressType = uintptr_t>
class CoreLocalMem {
    using difference_type = std::ptrdiff_t;

    static_assert(std::is_integral<AddressType>::value, "AddressType must be an integral type");
    static_assert(std::is_unsigned<AddressType>::value, "AddressType must be unsigned for address representation");
    static_assert(sizeof(AddressType) >= sizeof(difference_type),
                  "AddressType must be large enough to hold difference_type for safe pointer arithmetic");

public:
    CoreLocalMem(AddressType address) : address_(address) {}
    CoreLocalMem(T* ptr) : address_(reinterpret_cast<AddressType>(ptr)) {}
    CoreLocalMem(const CoreLocalMem&) = default;
    CoreLocalMem& operator=(const CoreLocalMem&) = default;

    tt_l1_ptr T* get_unsafe_ptr() const { return reinterpret_cast<tt_l1_ptr T*>(address_); }
    AddressType get_address() const { return address_; }

    T& operator[](uint32_t index) const { return get_unsafe_ptr()[index]; }
    T& operator*() const { return get_unsafe_ptr()[0]; }
    T* operator->() const { return get_unsafe_ptr(); }

    CoreLocalMem& operator++() {
        address_ += sizeof(T);
        return *this;
    }
    CoreLocalMem operator++(int) {
        CoreLocalMem old = *this;
        address_ += sizeof(T);
        return old;
    }
    CoreLocalMem& operator--() {
        address_ -= sizeof(T);
        return *this;
    }
    CoreLocalMem operator--(int) {
        CoreLocalMem old = *this;
        address_ -= sizeof(T);
        return old;
    }
    CoreLocalMem& operator+=(difference_type offset) {
        address_ += offset * sizeof(T);
        return *this;
    }
    CoreLocalMem& operator-=(difference_type offset) {
        address_ -= offset * sizeof(T);
        return *this;
    }
    CoreLocalMem operator+(difference_type offset) const { return CoreLocalMem(address_ + offset * sizeof(T)); }
    CoreLocalMem operator-(difference_type offset) const { return CoreLocalMem(address_ - offset * sizeof(T)); }
    difference_type operator-(const CoreLocalMem& other) const {
        return (static_cast<difference_type>(address_) - static_cast<difference_type>(other.address_)) /
               static_cast<difference_type>(sizeof(T));
    }

    // The device records lock / unlock events for its NoC debugger; the emulator has none.
    [[nodiscard]] auto scoped_lock(size_t) {
        return Lock([]() {});
    }

    bool operator==(const CoreLocalMem& other) const { return address_ == other.address_; }
    bool operator!=(const CoreLocalMem& other) const { return address_ != other.address_; }
    bool operator<(const CoreLocalMem& other) const { return address_ < other.address_; }
    bool operator<=(const CoreLocalMem& other) const { return address_ <= other.address_; }
    bool operator>(const CoreLocalMem& other) const { return address_ > other.address_; }
    bool operator>=(const CoreLocalMem& other) const { return address_ >= other.address_; }
    explicit operator bool() const { return address_ != 0; }

private:
    AddressType address_;
};

#if !defined(COMPILE_FOR_TRISC)
namespace tt_emu_detail {
template <typename>
inline constexpr bool always_false = false;
}  // namespace tt_emu_detail

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
    static auto src_addr(const CoreLocalMem<T, AddressType>& src, const Noc&, const src_args_type& args) {
        static_assert(address_type == Noc::AddressType::LOCAL_L1, "CoreLocalMem can only be used as local L1 source");
        return src.get_address() + args.offset_bytes;
    }
    template <Noc::AddressType address_type>
    static auto dst_addr(const CoreLocalMem<T, AddressType>& dst, const Noc&, const dst_args_type& args) {
        static_assert(address_type == Noc::AddressType::LOCAL_L1, "CoreLocalMem can only be used as local L1 dest");
        return dst.get_address() + args.offset_bytes;
    }
    template <Noc::AddressType address_type>
    static auto dst_addr_mcast(const CoreLocalMem<T, AddressType>&, const Noc&, const dst_args_mcast_type&) {
        static_assert(tt_emu_detail::always_false<T>, "CoreLocalMem cannot be used as NoC mcast destination");
        return AddressType{0};
    }
};
#endif  // !defined(COMPILE_FOR_TRISC)
