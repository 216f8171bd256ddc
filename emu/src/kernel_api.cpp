// tt-emu: the kernel API calls (emu::k, declared in emu/kernel.h): arguments, circular buffers,
// NOC transfers and the compute engine (FPU, SFPU, DST, packer), with their contract checks.
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "run.h"

namespace emu::k {

namespace {

std::string hex(std::uint64_t v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
    return buf;
}

// Emulated NOC addresses: an endpoint in bits 32..63, a local address in bits 0..31. Endpoints:
// kDramEndpoint + bank (address = bank offset), kCoreEndpoint + (y << 6 | x) (address = L1 offset).
constexpr std::uint64_t kDramEndpoint = 0x1000;
constexpr std::uint64_t kCoreEndpoint = 0x2000;
// A multicast rectangle: kMcastEndpoint | x_start | y_start << 6 | x_end << 12 | y_end << 18.
constexpr std::uint64_t kMcastEndpoint = 0x80000000;

std::uint64_t encode_dram(std::uint32_t bank, std::uint32_t addr) {
    return ((kDramEndpoint + bank) << 32) | addr;
}

std::uint64_t encode_core(std::uint32_t x, std::uint32_t y, std::uint32_t addr) {
    return ((kCoreEndpoint + ((std::uint64_t(y) << 6) | (x & 63))) << 32) | addr;
}

CBState* cb_of(Thread* t, std::int32_t index, const char* call) {
    CBState* cb = index >= 0 ? t->core->cb(static_cast<std::uint32_t>(index)) : nullptr;
    if (cb == nullptr) {
        t->violation(std::string(call) + ": CB " + std::to_string(index) + " is not configured on " + t->core->name());
    }
    return cb;
}

// The firmware's view of `cb` (LocalCBInterface): byte units on the data-movement cores, 16-byte
// units on the compute core (core->mu held).
void fill_interface(const Thread* t, const CBState* cb, LocalCBInterface& r) {
    const std::uint32_t shift = t->compute ? 4 : 0;
    const std::uint32_t size = cb->num_pages * cb->page_size;
    r.fifo_size = size >> shift;
    r.fifo_limit = (cb->base + size) >> shift;
    r.fifo_page_size = cb->page_size >> shift;
    r.fifo_num_pages = cb->num_pages;
    r.fifo_rd_ptr = cb->read_ptr() >> shift;
    r.fifo_wr_ptr = cb->write_ptr() >> shift;
    r.tiles_acked_received_init = 0;
    r.tiles_acked = static_cast<std::uint16_t>(cb->acked);
    r.tiles_received = static_cast<std::uint16_t>(cb->received);
    r.fifo_wr_tile_ptr = t->compute ? (cb->pack_seq * cb->page_size) >> shift : 0;
}

bool interface_out(const Thread* t, std::uint32_t index) {
    return index < t->cb_iface_out.size() && t->cb_iface_out[index];
}

// A kernel that wrote to a record get_local_cb_interface gave it (moved a FIFO pointer by hand)
// has left the emulated CB behind: reported at its next use of the CB.
void check_interface(Thread* t, const CBState* cb, const char* call) {
    if (interface_out(t, cb->index) &&
        std::memcmp(&t->cb_iface[cb->index], &t->cb_iface_given[cb->index], sizeof(LocalCBInterface)) != 0) {
        t->violation(std::string(call) + ": the kernel wrote to the interface record of CB " + std::to_string(cb->index) +
                     " (get_local_cb_interface): the emulator's CBs move only through cb_reserve_back, cb_push_back, "
                     "cb_wait_front and cb_pop_front");
    }
}

// After the kernel's own CB call: its record follows (core->mu held).
void refresh_interface(Thread* t, const CBState* cb) {
    if (interface_out(t, cb->index)) {
        fill_interface(t, cb, t->cb_iface[cb->index]);
        t->cb_iface_given[cb->index] = t->cb_iface[cb->index];
    }
}

ComputeState& compute_of(Thread* t, const char* call) {
    if (!t->compute) {
        t->violation(std::string(call) + " is a compute-kernel call, made from a data-movement kernel");
    }
    return *t->compute;
}

}  // namespace

// ------------------------------------------------------------------ arguments and identity

std::uint32_t rt_arg(int idx) {
    Thread* t = current_thread("get_arg_val");
    if (idx < 0 || static_cast<std::size_t>(idx) >= t->args->size()) {
        t->violation("get_arg_val(" + std::to_string(idx) + ") reads a runtime argument that was not set (SetRuntimeArgs gave " +
                     std::to_string(t->args->size()) + " for this core)");
    }
    return (*t->args)[idx];
}

std::uint32_t common_rt_arg(int idx) {
    Thread* t = current_thread("get_common_arg_val");
    const auto& args = t->spec->common_args;
    if (idx < 0 || static_cast<std::size_t>(idx) >= args.size()) {
        t->violation("get_common_arg_val(" + std::to_string(idx) + ") reads a common runtime argument that was not set (" +
                     std::to_string(args.size()) + " set)");
    }
    return args[idx];
}

std::uintptr_t rt_arg_addr(int idx) {
    Thread* t = current_thread("get_arg_addr");
    if (idx < 0 || static_cast<std::size_t>(idx) >= t->args->size()) {
        t->violation("get_arg_addr(" + std::to_string(idx) + ") past the runtime arguments set for this core (" +
                     std::to_string(t->args->size()) + ")");
    }
    return reinterpret_cast<std::uintptr_t>(t->args->data() + idx);
}

std::uintptr_t common_rt_arg_addr(int idx) {
    Thread* t = current_thread("get_common_arg_addr");
    const auto& args = t->spec->common_args;
    if (idx < 0 || static_cast<std::size_t>(idx) >= args.size()) {
        t->violation("get_common_arg_addr(" + std::to_string(idx) + ") past the common runtime arguments (" +
                     std::to_string(args.size()) + ")");
    }
    return reinterpret_cast<std::uintptr_t>(args.data() + idx);
}

std::uint32_t core_x() { return current_thread("get_absolute_logical_x")->core->x; }
std::uint32_t core_y() { return current_thread("get_absolute_logical_y")->core->y; }

// ------------------------------------------------------------------ circular buffers

void cb_reserve_back(std::int32_t index, std::int32_t pages) {
    Thread* t = current_thread("cb_reserve_back");
    CBState* cb = cb_of(t, index, "cb_reserve_back");
    check_interface(t, cb, "cb_reserve_back");
    std::unique_lock<std::mutex> lock(t->core->mu);
    if (std::string err = cb->check_reserve(pages); !err.empty()) {
        lock.unlock();
        t->violation(err);
    }
    while (!cb->can_reserve(pages)) {
        t->block(lock, {Waiting::Reserve, cb->index, pages}, "cb_reserve_back");
    }
    t->at_least(cb->freed_time(pages));
    t->advance(t->run->perf.cb_call);
    cb->did_reserve(pages);
    refresh_interface(t, cb);
}

void cb_push_back(std::int32_t index, std::int32_t pages) {
    Thread* t = current_thread("cb_push_back");
    CBState* cb = cb_of(t, index, "cb_push_back");
    check_interface(t, cb, "cb_push_back");
    std::unique_lock<std::mutex> lock(t->core->mu);
    if (pages > 0) {
        const std::uint32_t lo = cb->write_ptr();
        const std::uint32_t hi = lo + static_cast<std::uint32_t>(pages) * cb->page_size;
        for (const Range& r : t->reads_in_flight) {
            if (r.overlaps(lo, hi)) {
                lock.unlock();
                t->violation("cb_push_back(CB " + std::to_string(index) + ", " + std::to_string(pages) +
                             ") while a NOC read into the pushed pages is still in flight (no noc_async_read_barrier "
                             "since the read)");
            }
        }
        if (t->zeros_pending) {
            lock.unlock();
            t->violation("cb_push_back(CB " + std::to_string(index) + ", " + std::to_string(pages) +
                         ") after a Noc::async_write_zeros without its Noc::write_zeros_l1_barrier");
        }
    }
    t->advance(t->run->perf.cb_call);
    if (t->run->check && pages > 0) {
        if (interface_out(t, cb->index)) {
            cb->raw_ptr = true;  // the kernel may store through the interface's fifo_wr_ptr
        }
        cb->before_push(pages);
    }
    cb->stamp_push(pages, t->clock);  // (a failing push ends the run: the stamps do not matter)
    // A kernel that is the CB's producer and consumer (CBState::owned_by) may push pages it knows are free
    // without reserving them (tt-metal's SDPA: matmul_reduce pops a page, packs into it, pushes).
    if (pages > 0 && static_cast<std::uint32_t>(pages) > cb->reserved && cb->owned_by(t) &&
        static_cast<std::uint32_t>(pages) <= cb->free_pages()) {
        cb->did_reserve(pages);
    }
    if (pages > 0) {
        if (cb->occupied() == 0) {
            cb->sole_pusher = t;
            cb->pushers_mixed = false;
        } else if (cb->sole_pusher != t) {
            cb->pushers_mixed = true;
        }
    }
    if (std::string err = cb->push(pages); !err.empty()) {
        lock.unlock();
        t->violation(err);
    }
    refresh_interface(t, cb);
    t->core->wake(*t->run, t->clock);
}

void cb_wait_front(std::int32_t index, std::int32_t pages) {
    Thread* t = current_thread("cb_wait_front");
    CBState* cb = cb_of(t, index, "cb_wait_front");
    check_interface(t, cb, "cb_wait_front");
    std::unique_lock<std::mutex> lock(t->core->mu);
    if (std::string err = cb->check_wait(pages); !err.empty()) {
        lock.unlock();
        t->violation(err);
    }
    cb->note_consumer(t);
    while (!cb->can_wait(pages)) {
        t->block(lock, {Waiting::Wait, cb->index, pages}, "cb_wait_front");
    }
    t->at_least(cb->pushed_time(pages));
    t->advance(t->run->perf.cb_call);
    cb->did_wait(pages);
    refresh_interface(t, cb);
}

void cb_pop_front(std::int32_t index, std::int32_t pages) {
    Thread* t = current_thread("cb_pop_front");
    CBState* cb = cb_of(t, index, "cb_pop_front");
    check_interface(t, cb, "cb_pop_front");
    std::unique_lock<std::mutex> lock(t->core->mu);
    if (pages > 0) {
        const std::uint32_t lo = cb->read_ptr();
        const std::uint32_t hi = lo + static_cast<std::uint32_t>(pages) * cb->page_size;
        for (const Range& r : t->writes_in_flight) {
            if (r.overlaps(lo, hi)) {
                lock.unlock();
                t->violation("cb_pop_front(CB " + std::to_string(index) + ", " + std::to_string(pages) +
                             ") while a NOC write from the popped pages is still in flight (no noc_async_write_barrier "
                             "since the write)");
            }
        }
    }
    t->advance(t->run->perf.cb_call);
    // A kernel that is the CB's producer and consumer (CBState::owned_by) may pop pages without
    // waiting for them: it knows they are there (tt-metal's SDPA pops a CB it rewrote in place, mul_block_bcast_cols with packer
    // accumulation).
    cb->note_consumer(t);
    if (pages > 0 && static_cast<std::uint32_t>(pages) > cb->front && static_cast<std::uint32_t>(pages) <= cb->occupied() &&
        cb->owned_by(t)) {
        cb->did_wait(pages);
    }
    // The checker forgets what popped pages held (their slots are free), except in a CB the kernel
    // owns: it may push them again unchanged, which tt-metal's SDPA does to republish a CB it
    // rewrote in place (pop, reserve, push).
    if (t->run->check && pages > 0 && static_cast<std::uint32_t>(pages) <= cb->front && !cb->owned_by(t)) {
        cb->before_pop(pages);
    }
    cb->stamp_pop(pages, t->clock);  // (a failing pop ends the run: the stamps do not matter)
    if (std::string err = cb->pop(pages); !err.empty()) {
        lock.unlock();
        t->violation(err);
    }
    refresh_interface(t, cb);
    t->core->wake(*t->run, t->clock);
}

bool cb_pages_available_at_front(std::int32_t index, std::int32_t pages) {
    Thread* t = current_thread("cb_pages_available_at_front");
    CBState* cb = cb_of(t, index, "cb_pages_available_at_front");
    t->advance(t->run->perf.cb_call);
    t->sync();  // a poll: its answer must not depend on which thread the host ran first
    std::lock_guard<std::mutex> lock(t->core->mu);
    return cb->can_wait(pages);
}

bool cb_pages_reservable_at_back(std::int32_t index, std::int32_t pages) {
    Thread* t = current_thread("cb_pages_reservable_at_back");
    CBState* cb = cb_of(t, index, "cb_pages_reservable_at_back");
    t->advance(t->run->perf.cb_call);
    t->sync();
    std::lock_guard<std::mutex> lock(t->core->mu);
    return cb->can_reserve(pages);
}

std::uint32_t cb_write_ptr(std::uint32_t index) {
    Thread* t = current_thread("get_write_ptr");
    CBState* cb = cb_of(t, static_cast<std::int32_t>(index), "get_write_ptr");
    std::unique_lock<std::mutex> lock(t->core->mu);
    if (std::string err = cb->check_write_ptr("get_write_ptr"); !err.empty()) {
        lock.unlock();
        t->violation(err);
    }
    cb->raw_ptr = true;
    return cb->write_ptr();
}

std::uint32_t cb_read_ptr(std::uint32_t index) {
    Thread* t = current_thread("get_read_ptr");
    CBState* cb = cb_of(t, static_cast<std::int32_t>(index), "get_read_ptr");
    std::unique_lock<std::mutex> lock(t->core->mu);
    if (std::string err = cb->check_read_ptr("get_read_ptr"); !err.empty()) {
        lock.unlock();
        t->violation(err);
    }
    return cb->read_ptr();
}

std::uint32_t cb_page_size(std::uint32_t index) {
    Thread* t = current_thread("get_tile_size");
    return cb_of(t, static_cast<std::int32_t>(index), "get_tile_size")->page_size;
}

std::uint32_t cb_num_pages(std::uint32_t index) {
    Thread* t = current_thread("cb_num_pages");
    return cb_of(t, static_cast<std::int32_t>(index), "cb_num_pages")->num_pages;
}

tt::DataFormat cb_data_format(std::uint32_t index) {
    Thread* t = current_thread("get_dataformat");
    return cb_of(t, static_cast<std::int32_t>(index), "get_dataformat")->format;
}

LocalCBInterface* cb_interface(std::uint32_t index) {
    Thread* t = current_thread("get_local_cb_interface");
    CBState* cb = cb_of(t, static_cast<std::int32_t>(index), "get_local_cb_interface");
    check_interface(t, cb, "get_local_cb_interface");
    if (t->cb_iface.empty()) {
        const std::size_t n = t->core->cbs.size();
        t->cb_iface.assign(n, LocalCBInterface{});
        t->cb_iface_given.assign(n, LocalCBInterface{});
        t->cb_iface_out.assign(n, 0);
    }
    std::lock_guard<std::mutex> lock(t->core->mu);
    t->cb_iface_out[index] = 1;
    refresh_interface(t, cb);
    return &t->cb_iface[index];
}

std::uint32_t cb_front_tile_addr(std::uint32_t index, std::uint32_t tile) {
    Thread* t = current_thread("CircularBuffer::get_tile_address");
    CBState* cb = cb_of(t, static_cast<std::int32_t>(index), "CircularBuffer::get_tile_address");
    std::unique_lock<std::mutex> lock(t->core->mu);
    if (std::string err = cb->check_front_tile("CircularBuffer::get_tile_address", tile); !err.empty()) {
        lock.unlock();
        t->violation(err);
    }
    return cb->read_ptr() + tile * cb->page_size;
}

// ------------------------------------------------------------------ NOC

void note_call(const char* call) { current_thread(call)->pending_call = call; }

std::uint64_t accessor_noc_addr(std::uint32_t bank_base_address, std::uint32_t page_size, bool is_dram,
                                std::uint32_t page_id, std::uint32_t offset) {
    Thread* t = current_thread(nullptr);
    const std::string call = t->pending_call ? t->pending_call : "TensorAccessor::get_noc_addr";
    t->pending_call = nullptr;
    if (!is_dram) {
        t->violation("a TensorAccessor over an L1 interleaved buffer: the emulator has DRAM buffers only");
    }
    DramBuffer* b = t->run->device->buffer_at(bank_base_address);
    if (b == nullptr) {
        t->violation("a TensorAccessor at bank address " + hex(bank_base_address) +
                     " names no DRAM buffer (is the buffer-address runtime argument right?)");
    }
    if (page_size != b->aligned_page) {
        t->violation("a TensorAccessor with page size " + std::to_string(page_size) + " over " + b->describe() +
                     ", whose pages are " + std::to_string(b->aligned_page) + " B apart");
    }
    if (page_id >= b->num_pages) {
        t->violation(call + ": page (tile) id " + std::to_string(page_id) + " is out of range of " + b->name + " (" +
                     std::to_string(b->num_pages) + " pages, ids 0.." + std::to_string(b->num_pages - 1) + ", of " +
                     std::to_string(b->page_size) + " B in DRAM at " + hex(b->address) + ")");
    }
    const std::uint32_t banks = t->run->device->params().dram_banks;
    const std::uint64_t addr = b->address + std::uint64_t(page_id / banks) * b->aligned_page + offset;
    return encode_dram(page_id % banks, static_cast<std::uint32_t>(addr));
}

std::uint64_t core_noc_addr(std::uint32_t x, std::uint32_t y, std::uint32_t addr) {
    Thread* t = current_thread("get_noc_addr");
    // An L1 address of this core means "the same place in L1" on the target core (tt-metal
    // allocates CBs at the same address on every core); the emulator keeps the offset.
    if (t->core->l1(addr, 0) != nullptr) {
        addr -= t->core->l1_base;
    }
    return encode_core(x, y, addr);
}

std::uint64_t dram_bank_noc_addr(std::uint32_t bank, std::uint32_t addr) {
    current_thread("get_noc_addr_from_bank_id");
    return encode_dram(bank, addr);
}

namespace {

// The L1 range [addr, addr + size) of `t`'s core a NOC transfer touches: inside L1, and inside
// the secured pages of any CB it overlaps (reserved pages for a destination; reserved or
// waited-for pages for a source).
std::uint8_t* checked_l1(Thread* t, std::uint32_t addr, std::uint32_t size, bool destination, const char* call) {
    std::uint8_t* p = t->core->l1(addr, size);
    if (p == nullptr) {
        t->violation(std::string(call) + ": L1 range [" + hex(addr) + ", " + hex(std::uint64_t(addr) + size) +
                     ") is outside the L1 of " + t->core->name());
    }
    std::unique_lock<std::mutex> lock(t->core->mu);
    // Fine if the range is outside every CB, or inside the secured pages of a CB that covers it
    // (several CB indices may share one memory region).
    const CBState* unsecured = nullptr;
    for (const auto& cbp : t->core->cbs) {
        const CBState* cb = cbp.get();
        if (cb == nullptr) {
            continue;
        }
        const std::uint32_t lo = cb->base, hi = cb->base + cb->num_pages * cb->page_size;
        if (!(addr < hi && lo < addr + size)) {
            continue;
        }
        const std::uint32_t back_lo = cb->write_ptr(), back_hi = back_lo + cb->reserved * cb->page_size;
        const std::uint32_t front_lo = cb->read_ptr(), front_hi = front_lo + cb->front * cb->page_size;
        const bool in_back = addr >= back_lo && addr + size <= back_hi;
        const bool in_front = addr >= front_lo && addr + size <= front_hi;
        if (destination ? in_back : (in_back || in_front)) {
            return p;
        }
        if (unsecured == nullptr) {
            unsecured = cb;
        }
    }
    if (unsecured == nullptr && destination && t->run->check && !t->core->known_l1(addr, addr + size)) {
        lock.unlock();
        t->violation(std::string(call) + " writes L1 [" + hex(addr) + ", " + hex(std::uint64_t(addr) + size) + ") of " +
                     t->core->name() + ", which is outside every CB and semaphore of the core");
    }
    if (unsecured != nullptr) {
        const CBState* cb = unsecured;
        const std::uint32_t page = (addr - cb->base) / cb->page_size;
        const std::string what = cb->counts();
        lock.unlock();
        if (destination) {
            t->violation(std::string(call) + " writes page " + std::to_string(page) + " of CB " + std::to_string(cb->index) +
                         ", which is not among the pages cb_reserve_back secured: " + what);
        }
        t->violation(std::string(call) + " reads page " + std::to_string(page) + " of CB " + std::to_string(cb->index) +
                     ", which is not among the pages secured by cb_wait_front or cb_reserve_back: " + what);
    }
    return p;
}

Core* core_of(Thread* t, std::uint64_t endpoint, const char* call) {
    if (endpoint & kMcastEndpoint) {
        t->violation(std::string(call) + ": the NOC address is a multicast address (get_noc_multicast_addr); "
                     "use the multicast calls for it");
    }
    const std::uint32_t id = static_cast<std::uint32_t>(endpoint - kCoreEndpoint);
    const XY xy{id & 63, id >> 6};
    auto it = t->run->core_at.find(xy);
    if (it == t->run->core_at.end()) {
        t->violation(std::string(call) + ": core (" + std::to_string(xy.first) + ", " + std::to_string(xy.second) +
                     ") runs no kernel of this program");
    }
    return it->second;
}

// A write landed at modeled time `time` in [offset, offset + size) of core `c`'s L1: the
// semaphore words it covers (and any word a kernel of `c` waits on) are stamped with that time,
// and the waiters whose condition now holds become ready.
void landed(Run& run, Core* c, std::uint32_t offset, std::uint32_t size, std::uint64_t time) {
    std::lock_guard<std::mutex> lock(c->mu);
    const std::uint64_t hi = std::uint64_t(offset) + size;
    for (std::uint32_t id = 0; id < kMaxSemaphores; ++id) {
        const std::uint32_t w = c->sem_base + id * kSemaphoreStride;
        if (w + 4 > offset && w < hi) {
            auto& st = c->word_stamp[w];
            st = std::max(st, time);
        }
    }
    for (Thread* other : c->threads) {
        if (!other->finished && other->waiting.kind == Waiting::Semaphore && other->waiting.offset + 4 > offset &&
            other->waiting.offset < hi) {
            auto& st = c->word_stamp[other->waiting.offset];
            st = std::max(st, time);
        }
    }
    c->wake(run, time);
}

// The L1 offset of the 32-bit word at L1 address `addr` of the calling kernel's core.
std::uint32_t own_word(Thread* t, std::uintptr_t addr, const char* call) {
    if (addr > 0xFFFFFFFFu || t->core->l1(static_cast<std::uint32_t>(addr), 4) == nullptr) {
        t->violation(std::string(call) + ": address " + hex(addr) + " is not in the L1 of " + t->core->name() +
                     " (a semaphore is an L1 address of the kernel's own core: get_semaphore(id))");
    }
    if (addr % 4 != 0) {
        t->violation(std::string(call) + ": address " + hex(addr) + " is not 4-byte aligned");
    }
    return static_cast<std::uint32_t>(addr) - t->core->l1_base;
}

// The L1 offset of the 32-bit word `noc_addr` names on another core (or this one).
Core* remote_word(Thread* t, std::uint64_t noc_addr, std::uint32_t& offset, const char* call) {
    const std::uint64_t endpoint = noc_addr >> 32;
    if (endpoint < kCoreEndpoint || (endpoint & kMcastEndpoint)) {
        t->violation(std::string(call) + " to " + hex(noc_addr) +
                     ", which is not the NOC address of a worker core's L1 (get_noc_addr(x, y, addr))");
    }
    Core* other = core_of(t, endpoint, call);
    offset = static_cast<std::uint32_t>(noc_addr);
    if (other->l1(other->l1_base + offset, 4) == nullptr) {
        t->violation(std::string(call) + ": L1 offset " + hex(offset) + " is outside the L1 of " + other->name());
    }
    if (offset % 4 != 0) {
        t->violation(std::string(call) + ": L1 offset " + hex(offset) + " on " + other->name() + " is not 4-byte aligned");
    }
    return other;
}

// Is page slot `page` among the pages the consumer of `cb` waited for?
bool in_front(const CBState* cb, std::uint32_t page) {
    return ((page + cb->num_pages - cb->rd_page) % cb->num_pages) < cb->front;
}

// Checking mode: the state of the data a transfer takes from [addr, addr + size) of core `c`'s L1
// (CBState::kClean, or an origin: a page never written becomes a new origin naming `t` and `call`).
std::int32_t source_state(Thread* t, Core* c, std::uint32_t addr, std::uint32_t size, const char* call) {
    if (!t->run->check) {
        return CBState::kClean;
    }
    std::uint32_t cb = 0, page = 0;
    std::int32_t st;
    {
        std::lock_guard<std::mutex> lock(c->mu);
        st = c->range_state(addr, addr + size, cb, page);
        if (st == CBState::kUnwritten && !in_front(c->cb(cb), page) && c->cb(cb)->raw_ptr) {
            st = CBState::kClean;  // reserved pages of a kernel that may have filled them by stores
        }
    }
    if (st == CBState::kUnwritten) {
        st = t->run->new_origin("kernel " + t->name + ": " + call + " reads CB " + std::to_string(cb) + " page " +
                                std::to_string(page) + (c == t->core ? "" : " of " + c->name()) +
                                ", which was pushed without being written");
    }
    return st;
}

// Checking mode: data from [addr, addr + size) of the kernel's own L1 leaves the device (a write to
// DRAM): a page never written is a fault, and so is data computed from one.
void check_leaving(Thread* t, std::uint32_t addr, std::uint32_t size, const char* call) {
    if (!t->run->check) {
        return;
    }
    std::uint32_t cb = 0, page = 0;
    std::int32_t st;
    bool pushed = true;
    {
        std::lock_guard<std::mutex> lock(t->core->mu);
        st = t->core->range_state(addr, addr + size, cb, page);
        if (st == CBState::kUnwritten) {
            pushed = in_front(t->core->cb(cb), page);
            if (!pushed && t->core->cb(cb)->raw_ptr) {
                st = CBState::kClean;  // reserved pages of a kernel that may have filled them by stores
            }
        }
    }
    if (st == CBState::kUnwritten) {
        t->violation(std::string(call) + " reads CB " + std::to_string(cb) + " page " + std::to_string(page) +
                     (pushed ? ", which was pushed without being written"
                             : ", which nothing wrote since it was reserved"));
    }
    if (st >= 0) {
        t->run->record_fault(t->run->origin(st) + " (data computed from it reached DRAM: kernel " + t->name + ": " +
                             call + " of CB " + std::to_string(cb) + " page " + std::to_string(page) + ")");
        throw KernelAbort{};
    }
}

}  // namespace

void noc_read(std::uint64_t src, std::uint32_t dst_l1, std::uint32_t size, std::uint8_t) {
    Thread* t = current_thread("noc_async_read");
    std::uint8_t* dst = checked_l1(t, dst_l1, size, true, "noc_async_read");
    const std::uint64_t endpoint = src >> 32;
    const std::uint32_t addr = static_cast<std::uint32_t>(src);
    const PerfParams& perf = t->run->perf;
    Resource* from_port = nullptr;
    std::uint32_t from_rate = 0;
    if (endpoint >= kDramEndpoint && endpoint < kCoreEndpoint) {
        const auto bank = static_cast<std::uint32_t>(endpoint - kDramEndpoint);
        std::string err = t->run->device->dram_copy(bank, addr, dst, size, false);
        if (!err.empty()) {
            t->violation("noc_async_read: " + err);
        }
        from_port = &t->run->dram_bank[bank];
        from_rate = perf.dram_read10;
        if (t->run->check) {
            std::lock_guard<std::mutex> lock(t->core->mu);
            t->core->mark_written(dst_l1, dst_l1 + size);
        }
    } else if (endpoint >= kCoreEndpoint) {
        Core* other = core_of(t, endpoint, "noc_async_read");
        const std::uint8_t* from = other->l1(other->l1_base + addr, size);
        if (from == nullptr) {
            t->violation("noc_async_read: source range is outside the L1 of " + other->name());
        }
        const std::int32_t st = source_state(t, other, addr, size, "noc_async_read");
        std::memmove(dst, from, size);
        if (t->run->check) {
            std::lock_guard<std::mutex> lock(t->core->mu);
            t->core->mark_written(dst_l1, dst_l1 + size, st);
        }
        from_port = &other->niu_inject;
        from_rate = perf.niu_rate10;
    } else {
        t->violation("noc_async_read from " + hex(src) + ", which is not a NOC address");
    }
    t->sync();  // shared resources are booked in order of request time
    const Transfer x = book_transfer(perf, t->clock, size, *from_port, from_rate, t->core->niu_absorb, perf.niu_rate10,
                                     perf.read_latency());
    t->reads_done = std::max(t->reads_done, x.done);
    t->advance(perf.noc_issue);
    t->reads_in_flight.push_back({dst_l1, dst_l1 + size});
    ++t->noc_reads;
    t->noc_read_bytes += size;
}

void noc_write(std::uint32_t src_l1, std::uint64_t dst, std::uint32_t size, std::uint8_t) {
    Thread* t = current_thread("noc_async_write");
    std::uint8_t* src = checked_l1(t, src_l1, size, false, "noc_async_write");
    const std::uint64_t endpoint = dst >> 32;
    const std::uint32_t addr = static_cast<std::uint32_t>(dst);
    const PerfParams& perf = t->run->perf;
    Resource* to_port = nullptr;
    std::uint32_t to_rate = 0;
    Core* to_core = nullptr;
    std::uint8_t* to_host = nullptr;
    std::int32_t to_state = CBState::kClean;
    if (endpoint >= kDramEndpoint && endpoint < kCoreEndpoint) {
        const auto bank = static_cast<std::uint32_t>(endpoint - kDramEndpoint);
        check_leaving(t, src_l1, size, "noc_async_write");
        std::string err = t->run->device->dram_copy(bank, addr, src, size, true);
        if (!err.empty()) {
            t->violation("noc_async_write: " + err);
        }
        to_port = &t->run->dram_bank[bank];
        to_rate = perf.dram_write10;
    } else if (endpoint >= kCoreEndpoint) {
        Core* other = core_of(t, endpoint, "noc_async_write");
        std::uint8_t* to = other->l1(other->l1_base + addr, size);
        if (to == nullptr) {
            t->violation("noc_async_write: destination range is outside the L1 of " + other->name());
        }
        if (t->run->check && !other->known_l1(other->l1_base + addr, other->l1_base + addr + size)) {
            t->violation("noc_async_write writes L1 [" + hex(other->l1_base + addr) + ", " +
                         hex(std::uint64_t(other->l1_base) + addr + size) + ") of " + other->name() +
                         ", which is outside every CB and semaphore of that core");
        }
        to_state = source_state(t, t->core, src_l1, size, "noc_async_write");
        to_port = &other->niu_absorb;
        to_rate = perf.niu_rate10;
        to_core = other;
        to_host = to;
    } else {
        t->violation("noc_async_write to " + hex(dst) + ", which is not a NOC address");
    }
    t->sync();  // shared resources are booked in order of request time
    const Transfer x = book_transfer(perf, t->clock, size, t->core->niu_inject, perf.niu_rate10, *to_port, to_rate,
                                     perf.write_latency());
    if (to_core != nullptr) {
        // Into another core's L1: written in modeled order (after sync), like a multicast; a
        // semaphore written this way is stamped with the write's landing time.
        {
            std::lock_guard<std::mutex> lock(to_core->mu);
            std::memmove(to_host, src, size);
            if (t->run->check) {
                to_core->mark_written(to_core->l1_base + addr, to_core->l1_base + addr + size, to_state);
            }
        }
        landed(*t->run, to_core, addr, size, x.done);
    }
    t->writes_sent = std::max(t->writes_sent, x.sent);
    t->writes_done = std::max(t->writes_done, x.done);
    t->advance(perf.noc_issue);
    t->writes_in_flight.push_back({src_l1, src_l1 + size});
    ++t->noc_writes;
    t->noc_write_bytes += size;
}

bool noc_addr_is_local(std::uint64_t noc_addr) {
    Thread* t = current_thread("Noc::is_local_addr");
    return (noc_addr >> 32) == kCoreEndpoint + ((std::uint64_t(t->core->y) << 6) | (t->core->x & 63));
}

void noc_atomic_barrier(std::uint8_t) {
    Thread* t = current_thread("noc_async_atomic_barrier");
    t->at_least(t->atomics_done);
    t->advance(t->run->perf.barrier);
}

// ------------------------------------------------------------------ multicast

std::uint64_t mcast_noc_addr(std::uint32_t x_start, std::uint32_t y_start, std::uint32_t x_end, std::uint32_t y_end,
                             std::uint32_t addr) {
    Thread* t = current_thread("get_noc_multicast_addr");
    const DeviceParams& dp = t->run->device->params();
    if (x_start >= 64 || y_start >= 64 || x_end >= 64 || y_end >= 64) {
        t->violation("get_noc_multicast_addr: rectangle (" + std::to_string(x_start) + ", " + std::to_string(y_start) + ") .. (" +
                     std::to_string(x_end) + ", " + std::to_string(y_end) + ") leaves the worker grid (" +
                     std::to_string(dp.grid_x) + "x" + std::to_string(dp.grid_y) + ")");
    }
    if (t->core->l1(addr, 0) != nullptr) {
        addr -= t->core->l1_base;  // the same L1 offset on every destination (as for get_noc_addr)
    }
    const std::uint64_t rect = kMcastEndpoint | x_start | (y_start << 6) | (x_end << 12) | (std::uint64_t(y_end) << 18);
    return (rect << 32) | addr;
}

namespace {

// The destination cores of a multicast from `t` to the rectangle `dst` names (row order, the
// sender last with `loopback`), after the checks: a multicast address, not inverted for the NOC,
// inside the worker grid, num_dests the number of cores written, each destination running a
// kernel and [addr, addr + size) inside its L1. `addr` receives the L1 offset.
std::vector<Core*> mcast_destinations(Thread* t, std::uint64_t dst, std::uint32_t size, std::uint32_t num_dests,
                                      bool loopback, std::uint8_t noc, const char* call, std::uint32_t& addr) {
    const std::uint64_t endpoint = dst >> 32;
    if (!(endpoint & kMcastEndpoint)) {
        t->violation(std::string(call) + " to " + hex(dst) +
                     ", which is not a multicast NOC address (get_noc_multicast_addr)");
    }
    addr = static_cast<std::uint32_t>(dst);
    const std::uint32_t xs = endpoint & 63, ys = (endpoint >> 6) & 63, xe = (endpoint >> 12) & 63, ye = (endpoint >> 18) & 63;
    const std::string rect = "rectangle (" + std::to_string(xs) + ", " + std::to_string(ys) + ") .. (" + std::to_string(xe) +
                             ", " + std::to_string(ye) + ") on NOC " + std::to_string(noc);
    // NOC 0 runs x and y upward: the rectangle starts at its low corner. NOC 1 runs the other way,
    // so tt-metal's callers swap start and end for it (the start is the high corner).
    const bool inverted = (noc & 1) == 0 ? (xs > xe || ys > ye) : (xs < xe || ys < ye);
    if (inverted) {
        t->violation(std::string(call) + ": " + rect + " is inverted: on NOC " + std::to_string(noc) + " the start must be the " +
                     ((noc & 1) == 0 ? "low (x_start <= x_end, y_start <= y_end)"
                                     : "high (x_start >= x_end, y_start >= y_end: swapped, as for NOC 1)") +
                     " corner");
    }
    const std::uint32_t x0 = std::min(xs, xe), x1 = std::max(xs, xe), y0 = std::min(ys, ye), y1 = std::max(ys, ye);
    const DeviceParams& dp = t->run->device->params();
    if (x1 >= dp.grid_x || y1 >= dp.grid_y) {
        t->violation(std::string(call) + ": " + rect + " leaves the worker grid (" + std::to_string(dp.grid_x) + "x" +
                     std::to_string(dp.grid_y) + ", x < " + std::to_string(dp.grid_x) + ", y < " + std::to_string(dp.grid_y) +
                     ")");
    }
    const bool self_inside = t->core->x >= x0 && t->core->x <= x1 && t->core->y >= y0 && t->core->y <= y1;
    const std::uint32_t cells = (x1 - x0 + 1) * (y1 - y0 + 1);
    const std::uint32_t expected = loopback ? cells + (self_inside ? 0 : 1) : cells - (self_inside ? 1 : 0);
    if (!loopback && expected == 0) {
        t->violation(std::string(call) + ": " + rect + " holds only the sender itself, which a multicast without loopback does "
                     "not write (use the _loopback_src variant or a unicast write)");
    }
    if (num_dests != expected) {
        t->violation(std::string(call) + ": num_dests is " + std::to_string(num_dests) + " but the " + rect + " has " +
                     std::to_string(expected) + " destination" + (expected == 1 ? "" : "s") + " (" + std::to_string(cells) +
                     " core" + (cells == 1 ? "" : "s") +
                     (loopback ? (self_inside ? ", the sender among them, counted (loopback)"
                                              : ", plus the sender itself (loopback)")
                               : (self_inside ? ", less the sender, which a multicast without loopback does not write"
                                              : ", the sender not among them")) +
                     ")");
    }
    // The destinations: every core of the rectangle, in row order, and the sender last for loopback.
    std::vector<Core*> dests;
    for (std::uint32_t y = y0; y <= y1; ++y) {
        for (std::uint32_t x = x0; x <= x1; ++x) {
            if (x == t->core->x && y == t->core->y) {
                continue;
            }
            Core* c = core_of(t, kCoreEndpoint + ((std::uint64_t(y) << 6) | x), call);
            dests.push_back(c);
        }
    }
    if (loopback) {
        dests.push_back(t->core);
    }
    for (Core* c : dests) {
        if (c->l1(c->l1_base + addr, size) == nullptr) {
            t->violation(std::string(call) + ": destination range [" + hex(addr) + ", " + hex(std::uint64_t(addr) + size) +
                         ") (L1 offsets) is outside the L1 of " + c->name() + " (" + std::to_string(c->l1_size) + " B)");
        }
    }
    return dests;
}

}  // namespace

void noc_mcast(std::uint32_t src_l1, std::uint64_t dst, std::uint32_t size, std::uint32_t num_dests, bool loopback,
               bool semaphore, std::uint8_t noc, const char* call) {
    Thread* t = current_thread(call);
    if (semaphore && src_l1 % 4 != 0) {
        t->violation(std::string(call) + ": the semaphore address " + hex(src_l1) + " is not 4-byte aligned");
    }
    std::uint32_t addr = 0;
    const std::vector<Core*> dests = mcast_destinations(t, dst, size, num_dests, loopback, noc, call, addr);
    const std::uint8_t* src = checked_l1(t, src_l1, size, false, call);
    const std::int32_t st = semaphore ? CBState::kClean : source_state(t, t->core, src_l1, size, call);
    if (t->run->check && !semaphore) {
        for (Core* c : dests) {
            if (!c->known_l1(c->l1_base + addr, c->l1_base + addr + size)) {
                t->violation(std::string(call) + " writes L1 [" + hex(c->l1_base + addr) + ", " +
                             hex(std::uint64_t(c->l1_base) + addr + size) + ") of " + c->name() +
                             ", which is outside every CB and semaphore of that core");
            }
        }
    }
    // The data as it left the source (a loopback destination may overlap the source).
    std::vector<std::uint8_t> data(src, src + size);
    const PerfParams& perf = t->run->perf;
    t->sync();  // shared resources are booked in order of request time
    // Written once the sender holds the token at its request time, so that no kernel sees the
    // data (or semaphore value) before the multicast is issued in modeled order.
    for (Core* c : dests) {
        std::lock_guard<std::mutex> lock(c->mu);
        std::memcpy(c->l1(c->l1_base + addr, size), data.data(), size);
        if (t->run->check) {
            c->mark_written(c->l1_base + addr, c->l1_base + addr + size, st);
        }
    }
    std::vector<Resource*> ports;
    for (Core* c : dests) {
        ports.push_back(&c->niu_absorb);
    }
    const Transfer x =
        book_multicast(perf, t->clock, size, t->core->niu_inject, perf.niu_rate10, ports, perf.niu_rate10, perf.write_latency());
    for (Core* c : dests) {
        landed(*t->run, c, addr, size, x.done);
    }
    t->writes_sent = std::max(t->writes_sent, x.sent);
    t->writes_done = std::max(t->writes_done, x.done);
    t->advance(perf.noc_issue);
    t->writes_in_flight.push_back({src_l1, src_l1 + size});
    ++t->noc_mcast_writes;
    t->noc_mcast_bytes += size;
}

// ------------------------------------------------------------------ semaphores

std::uintptr_t semaphore_addr(std::uint32_t id) {
    Thread* t = current_thread("get_semaphore");
    if (id >= kMaxSemaphores || !t->core->sem_defined.test(id)) {
        std::string have;
        for (std::uint32_t i = 0; i < kMaxSemaphores; ++i) {
            if (t->core->sem_defined.test(i)) {
                have += (have.empty() ? "" : ", ") + std::to_string(i);
            }
        }
        t->violation("get_semaphore(" + std::to_string(id) + "): " + t->core->name() + " has no semaphore " + std::to_string(id) +
                     " (CreateSemaphore made " + (have.empty() ? "none" : "ids " + have) + " on it)");
    }
    return std::uintptr_t(t->core->l1_base) + t->core->sem_base + id * kSemaphoreStride;
}

void sem_set(std::uintptr_t addr, std::uint32_t value, const char* call) {
    Thread* t = current_thread(call);
    const std::uint32_t off = own_word(t, addr, call);
    t->advance(t->run->perf.sem_local);
    std::memcpy(t->core->l1_host + off, &value, 4);
    landed(*t->run, t->core, off, 4, t->clock);
}

void sem_add(std::uintptr_t addr, std::uint32_t value, const char* call) {
    Thread* t = current_thread(call);
    const std::uint32_t off = own_word(t, addr, call);
    t->advance(t->run->perf.sem_local);
    const std::uint32_t v = t->core->word(off) + value;
    std::memcpy(t->core->l1_host + off, &v, 4);
    landed(*t->run, t->core, off, 4, t->clock);
}

void sem_wait(std::uintptr_t addr, std::uint32_t value, bool at_least, const char* call) {
    Thread* t = current_thread(call);
    const std::uint32_t off = own_word(t, addr, call);
    t->sync();  // a poll: whoever acts at an earlier modeled time goes first
    std::unique_lock<std::mutex> lock(t->core->mu);
    auto holds = [&] {
        const std::uint32_t v = t->core->word(off);
        return at_least ? v >= value : v == value;
    };
    while (!holds()) {
        Waiting w;
        w.kind = Waiting::Semaphore;
        w.offset = off;
        w.value = value;
        w.at_least = at_least;
        t->block(lock, w, call);
    }
    t->at_least(t->core->stamp(off));
    t->advance(t->run->perf.sem_local);
}

void sem_inc(std::uint64_t noc_addr, std::uint32_t incr, std::uint8_t, const char* call) {
    Thread* t = current_thread(call);
    std::uint32_t off = 0;
    Core* other = remote_word(t, noc_addr, off, call);
    const PerfParams& perf = t->run->perf;
    t->sync();
    // An atomic increment: a 4-byte NOC write, applied in the destination's L1 when it lands.
    const Transfer x = book_transfer(perf, t->clock, 4, t->core->niu_inject, perf.niu_rate10, other->niu_absorb,
                                     perf.niu_rate10, perf.write_latency());
    {
        std::lock_guard<std::mutex> lock(other->mu);
        const std::uint32_t v = other->word(off) + incr;
        std::memcpy(other->l1_host + off, &v, 4);
    }
    landed(*t->run, other, off, 4, x.done);
    t->atomics_done = std::max(t->atomics_done, x.done);
    t->advance(perf.noc_issue);
    ++t->sem_incs;
}

void sem_inc_mcast(std::uint64_t mcast_addr, std::uint32_t incr, std::uint32_t num_dests, std::uint8_t noc) {
    const char* call = "noc_semaphore_inc_multicast";
    Thread* t = current_thread(call);
    std::uint32_t off = 0;
    const std::vector<Core*> dests = mcast_destinations(t, mcast_addr, 4, num_dests, false, noc, call, off);
    if (off % 4 != 0) {
        t->violation(std::string(call) + ": L1 offset " + hex(off) + " is not 4-byte aligned");
    }
    const PerfParams& perf = t->run->perf;
    t->sync();
    std::vector<Resource*> ports;
    for (Core* c : dests) {
        ports.push_back(&c->niu_absorb);
    }
    // One multicast atomic: a 4-byte multicast, each destination's word incremented when it lands.
    const Transfer x = book_multicast(perf, t->clock, 4, t->core->niu_inject, perf.niu_rate10, ports, perf.niu_rate10,
                                      perf.write_latency());
    for (Core* c : dests) {
        {
            std::lock_guard<std::mutex> lock(c->mu);
            const std::uint32_t v = c->word(off) + incr;
            std::memcpy(c->l1_host + off, &v, 4);
        }
        landed(*t->run, c, off, 4, x.done);
    }
    t->atomics_done = std::max(t->atomics_done, x.done);
    t->advance(perf.noc_issue);
    t->sem_incs += dests.size();
    ++t->noc_mcast_writes;
    t->noc_mcast_bytes += 4;
}

void sem_set_remote(std::uint32_t src_l1_addr, std::uint64_t dst_noc_addr, std::uint8_t noc) {
    Thread* t = current_thread("noc_semaphore_set_remote");
    std::uint32_t off = 0;
    remote_word(t, dst_noc_addr, off, "noc_semaphore_set_remote");
    own_word(t, src_l1_addr, "noc_semaphore_set_remote");
    noc_write(src_l1_addr, dst_noc_addr, 4, noc);
}

void noc_write_zeros(std::uint32_t dst_l1, std::uint32_t size, std::uint8_t) {
    Thread* t = current_thread("Noc::async_write_zeros");
    std::uint8_t* dst = checked_l1(t, dst_l1, size, true, "Noc::async_write_zeros");
    std::memset(dst, 0, size);
    if (t->run->check) {
        std::lock_guard<std::mutex> lock(t->core->mu);
        t->core->mark_written(dst_l1, dst_l1 + size);
    }
    const PerfParams& perf = t->run->perf;
    t->advance(perf.noc_issue);
    // The NOC writes the zeros into the core's own L1 at its NIU's rate (no hops).
    t->zeros_done = std::max(t->zeros_done, t->clock + cycles_for(size, perf.niu_rate10));
    t->zeros_pending = true;
}

void noc_write_zeros_barrier(std::uint8_t) {
    Thread* t = current_thread("Noc::write_zeros_l1_barrier");
    t->zeros_pending = false;
    t->at_least(t->zeros_done);
    t->advance(t->run->perf.barrier);
}

void noc_read_barrier(std::uint8_t) {
    Thread* t = current_thread("noc_async_read_barrier");
    t->reads_in_flight.clear();
    t->at_least(t->reads_done);
    t->advance(t->run->perf.barrier);
}

void noc_write_barrier(std::uint8_t) {
    Thread* t = current_thread("noc_async_write_barrier");
    t->writes_in_flight.clear();
    t->at_least(t->writes_done);
    t->advance(t->run->perf.barrier);
}

void noc_writes_flushed(std::uint8_t) {
    Thread* t = current_thread("noc_async_writes_flushed");
    t->writes_in_flight.clear();
    t->at_least(t->writes_sent);
    t->advance(t->run->perf.barrier);
}

// ------------------------------------------------------------------ compute

namespace {

const char* binary_name(Binary op) {
    switch (op) {
        case Binary::Add: return "add_tiles";
        case Binary::Sub: return "sub_tiles";
        case Binary::Mul: return "mul_tiles";
    }
    return "?";
}

const char* binary_init_name(Binary op) {
    switch (op) {
        case Binary::Add: return "add_tiles_init";
        case Binary::Sub: return "sub_tiles_init";
        case Binary::Mul: return "mul_tiles_init";
    }
    return "?";
}

const char* sfpu_name(Sfpu op) {
    switch (op) {
        case Sfpu::Exp: return "exp_tile";
        case Sfpu::Log: return "log_tile";
        case Sfpu::Sqrt: return "sqrt_tile";
        case Sfpu::Recip: return "recip_tile";
        case Sfpu::Relu: return "relu_tile";
        case Sfpu::Gelu: return "gelu_tile<false>";
        case Sfpu::GeluApprox: return "gelu_tile";
        case Sfpu::Sigmoid: return "sigmoid_tile";
        case Sfpu::Tanh: return "tanh_tile";
        case Sfpu::Sin: return "sin_tile";
        case Sfpu::Cos: return "cos_tile";
        case Sfpu::Tan: return "tan_tile";
        case Sfpu::Fill: return "fill_tile";
        case Sfpu::BinopWithScalar: return "binop_with_scalar_tile";
        case Sfpu::Rsqrt: return "rsqrt_tile";
        case Sfpu::Exp2: return "exp2_tile";
        case Sfpu::BinaryMax: return "binary_max_tile";
        case Sfpu::BinaryMin: return "binary_min_tile";
        case Sfpu::Count: break;
    }
    return "?";
}

// The hardware must have been configured (compute_kernel_hw_startup or an init that does it).
void require_started(Thread* t, ComputeState& cs, const char* call) {
    if (!cs.started) {
        t->violation(std::string(call) +
                     " before the compute hardware was configured (compute_kernel_hw_startup, binary_op_init_common, "
                     "init_sfpu or mm_init must come first)");
    }
}

// A math op writes DST tile `idx` of the section math holds.
float* math_dst(Thread* t, ComputeState& cs, std::uint32_t idx, const char* call) {
    if (!cs.acquired) {
        t->violation(std::string(call) + " writes DST outside tile_regs_acquire .. tile_regs_commit");
    }
    if (idx >= static_cast<std::uint32_t>(cs.capacity)) {
        t->violation(std::string(call) + " uses DST tile " + std::to_string(idx) + "; DST has " + std::to_string(cs.capacity) +
                     " tiles per section here (" + (cs.full_sync ? "full" : "half") + " sync, " +
                     (cs.fp32 ? "fp32" : "16-bit") + " DST)");
    }
    cs.dst_written[std::size_t(cs.math_section) * cs.capacity + idx] = 1;
    return cs.math_tile(static_cast<int>(idx));
}

// Has DST tile `idx` of math's section been written since it was last cleared?
bool dst_was_written(const ComputeState& cs, std::uint32_t idx) {
    return idx < static_cast<std::uint32_t>(cs.capacity) && cs.dst_written[std::size_t(cs.math_section) * cs.capacity + idx];
}

const char* reduce_init_name(Pool pool, Dim dim) {
    static const char* names[3][3] = {
        {"reduce_init<PoolType::SUM, ReduceDim::REDUCE_ROW>", "reduce_init<PoolType::SUM, ReduceDim::REDUCE_COL>",
         "reduce_init<PoolType::SUM, ReduceDim::REDUCE_SCALAR>"},
        {"reduce_init<PoolType::AVG, ReduceDim::REDUCE_ROW>", "reduce_init<PoolType::AVG, ReduceDim::REDUCE_COL>",
         "reduce_init<PoolType::AVG, ReduceDim::REDUCE_SCALAR>"},
        {"reduce_init<PoolType::MAX, ReduceDim::REDUCE_ROW>", "reduce_init<PoolType::MAX, ReduceDim::REDUCE_COL>",
         "reduce_init<PoolType::MAX, ReduceDim::REDUCE_SCALAR>"}};
    return names[static_cast<int>(pool)][static_cast<int>(dim)];
}

const char* reduce_tile_name(Pool pool, Dim dim) {
    static const char* names[3][3] = {
        {"reduce_tile<PoolType::SUM, ReduceDim::REDUCE_ROW>", "reduce_tile<PoolType::SUM, ReduceDim::REDUCE_COL>",
         "reduce_tile<PoolType::SUM, ReduceDim::REDUCE_SCALAR>"},
        {"reduce_tile<PoolType::AVG, ReduceDim::REDUCE_ROW>", "reduce_tile<PoolType::AVG, ReduceDim::REDUCE_COL>",
         "reduce_tile<PoolType::AVG, ReduceDim::REDUCE_SCALAR>"},
        {"reduce_tile<PoolType::MAX, ReduceDim::REDUCE_ROW>", "reduce_tile<PoolType::MAX, ReduceDim::REDUCE_COL>",
         "reduce_tile<PoolType::MAX, ReduceDim::REDUCE_SCALAR>"}};
    return names[static_cast<int>(pool)][static_cast<int>(dim)];
}

// Unpacks tile `tile` of the consumer's front of CB `index` into `out` (row-major fp32).
// Checking mode: returns CBState::kClean, or the origin of the data when the page was never
// written (a new origin naming this read) or was computed from one that was not.
std::int32_t unpack_front(Thread* t, std::uint32_t index, std::uint32_t tile, float* out, const char* call) {
    CBState* cb = cb_of(t, static_cast<std::int32_t>(index), call);
    const std::uint8_t* page;
    std::int32_t st = CBState::kClean;
    {
        std::unique_lock<std::mutex> lock(t->core->mu);
        if (std::string err = cb->check_front_tile(call, tile); !err.empty()) {
            lock.unlock();
            t->violation(err);
        }
        page = cb->front_page(tile);
        if (t->run->check) {
            st = cb->slot_state(cb->rd_page + tile);
        }
    }
    if (st == CBState::kUnwritten) {
        st = t->run->new_origin("kernel " + t->name + ": " + call + " reads CB " + std::to_string(index) + " page " +
                                std::to_string((cb->rd_page + tile) % cb->num_pages) +
                                ", which was pushed without being written");
    }
    const int eb = element_bytes(cb->format);
    if (eb == 0 || cb->page_size < static_cast<std::uint32_t>(eb * kTileElems)) {
        t->violation(std::string(call) + ": CB " + std::to_string(index) + " holds " + format_name(cb->format) +
                     " pages of " + std::to_string(cb->page_size) + " B, which the emulator's unpacker does not handle");
    }
    unpack_tile(page, cb->format, out);
    return st;
}

// Checking mode: DST tile `idx` of math's section now holds data of state `from` (CBState::kClean or
// an origin), combined with what it held if `keep` (the op accumulates).
void taint_dst(Thread* t, ComputeState& cs, std::uint32_t idx, std::int32_t from, bool keep) {
    if (!t->run->check || idx >= static_cast<std::uint32_t>(cs.capacity)) {
        return;
    }
    std::int32_t& d = cs.dst_taint[std::size_t(cs.math_section) * cs.capacity + idx];
    d = keep && d >= 0 ? d : from;
}

std::int32_t worse(std::int32_t a, std::int32_t b) { return a >= 0 ? a : b; }

// An unpack into SrcA/SrcB (or a pack) reads CB `index` with the format the hardware was last
// configured for: on a Tensix a CB of another format is misread, so the emulator reports it.
void check_format(Thread* t, const ComputeState::Configured& configured, const char* reg, std::uint32_t index,
                  const char* call) {
    CBState* cb = cb_of(t, static_cast<std::int32_t>(index), call);
    if (cb->format != configured.format) {
        t->violation(std::string(call) + " uses CB " + std::to_string(index) + " (" + format_name(cb->format) + ") with " +
                     reg + " configured for " + format_name(configured.format) + " by " + configured.by +
                     "; reconfigure it first (reconfig_data_format / pack_reconfig_data_format)");
    }
}

void to_dst_format(ComputeState& cs, float* tile) {
    if (cs.fp32) {
        return;
    }
    if (cs.dst_format == tt::DataFormat::Float16) {
        for (int i = 0; i < kTileElems; ++i) {
            tile[i] = round_f16(tile[i]);
        }
    } else {
        for (int i = 0; i < kTileElems; ++i) {
            tile[i] = round_bf16(tile[i]);
        }
    }
}

float gelu_exact(float x) { return 0.5f * x * (1.0f + std::erf(x * 0.70710678118654752f)); }

float gelu_tanh(float x) {
    const float k = 0.79788456080286536f;  // sqrt(2 / pi)
    return 0.5f * x * (1.0f + std::tanh(k * (x + 0.044715f * x * x * x)));
}

}  // namespace

void hw_startup(const char* call, std::uint32_t srca_cb, std::uint32_t srcb_cb, std::uint32_t ocb) {
    Thread* t = current_thread(call);
    ComputeState& cs = compute_of(t, call);
    CBState* srca = cb_of(t, static_cast<std::int32_t>(srca_cb), call);
    CBState* srcb = cb_of(t, static_cast<std::int32_t>(srcb_cb), call);
    CBState* out = cb_of(t, static_cast<std::int32_t>(ocb), call);
    cs.started = true;
    cs.dst_format = srca->format == tt::DataFormat::Float16 ? tt::DataFormat::Float16 : tt::DataFormat::Float16_b;
    cs.srca = {srca->format, call};
    cs.srcb = {srcb->format, call};
    cs.packer = {out->format, call};
    cs.pack_mask = false;  // a full init reprograms the packer (default edge masks)
}

void reconfig_formats(const char* call, std::int32_t srca_cb, std::int32_t srcb_cb, std::int32_t pack_cb) {
    Thread* t = current_thread(call);
    ComputeState& cs = compute_of(t, call);
    require_started(t, cs, call);
    const std::pair<std::int32_t, ComputeState::Configured*> targets[] = {
        {srca_cb, &cs.srca}, {srcb_cb, &cs.srcb}, {pack_cb, &cs.packer}};
    for (const auto& [index, configured] : targets) {
        if (index != kNoCB) {
            *configured = {cb_of(t, index, call)->format, call};
        }
    }
}

namespace {

// What every FPU init does first: the calling compute kernel, started up, names two CBs that
// exist; the FPU is then configured for `kind` by `call` (checked by the tile calls after it).
ComputeState& begin_fpu_init(Thread* t, const char* call, ComputeState::Fpu kind, std::uint32_t in0,
                             std::uint32_t in1) {
    ComputeState& cs = compute_of(t, call);
    require_started(t, cs, call);
    cb_of(t, static_cast<std::int32_t>(in0), call);
    cb_of(t, static_cast<std::int32_t>(in1), call);
    cs.fpu = kind;
    cs.fpu_init = call;
    return cs;
}

}  // namespace

void matmul_init(std::uint32_t in0, std::uint32_t in1, std::uint32_t transpose) {
    Thread* t = current_thread("matmul_init");
    ComputeState& cs = begin_fpu_init(t, "matmul_init", ComputeState::Fpu::Matmul, in0, in1);
    cs.transpose = transpose;
}

void matmul_tiles(std::uint32_t in0, std::uint32_t in1, std::uint32_t t0, std::uint32_t t1, std::uint32_t dst) {
    Thread* t = current_thread("matmul_tiles");
    ComputeState& cs = compute_of(t, "matmul_tiles");
    require_started(t, cs, "matmul_tiles");
    if (cs.fpu != ComputeState::Fpu::Matmul && cs.fpu != ComputeState::Fpu::None) {
        t->violation(std::string("matmul_tiles with the FPU configured by ") + cs.fpu_init + " (matmul_init missing)");
    }
    float* acc = math_dst(t, cs, dst, "matmul_tiles");
    check_format(t, cs.srcb, "SrcB", in0, "matmul_tiles");  // matmul: in0 -> SrcB, in1 -> SrcA
    check_format(t, cs.srca, "SrcA", in1, "matmul_tiles");
    const std::int32_t sa = unpack_front(t, in0, t0, cs.a, "matmul_tiles");
    const std::int32_t sb = unpack_front(t, in1, t1, cs.b, "matmul_tiles");
    taint_dst(t, cs, dst, worse(sa, sb), true);
    if (cs.transpose) {
        transpose_tile(cs.b);
    }
    matmul_tile_acc(cs.a, cs.b, acc);
    to_dst_format(cs, acc);
    ++cs.matmul;
    const std::uint64_t cost = t->run->perf.matmul_cycles(t->spec->math_fidelity);
    cs.fpu_busy += cost;
    cs.matmul_busy += cost;
    t->advance(cost);
}

void matmul_block(std::uint32_t in0, std::uint32_t in1, std::uint32_t t0, std::uint32_t t1, std::uint32_t dst,
                  std::uint32_t ct, std::uint32_t rt, std::uint32_t kt) {
    Thread* t = current_thread("matmul_block");
    ComputeState& cs = compute_of(t, "matmul_block");
    require_started(t, cs, "matmul_block");
    if (cs.fpu != ComputeState::Fpu::Matmul && cs.fpu != ComputeState::Fpu::None) {
        t->violation(std::string("matmul_block with the FPU configured by ") + cs.fpu_init +
                     " (matmul_block_init missing)");
    }
    if (ct == 0 || rt == 0) {
        t->violation("matmul_block with an empty block (ct_dim " + std::to_string(ct) + ", rt_dim " + std::to_string(rt) +
                     ")");
    }
    check_format(t, cs.srcb, "SrcB", in0, "matmul_block");  // matmul: in0 -> SrcB, in1 -> SrcA
    check_format(t, cs.srca, "SrcA", in1, "matmul_block");
    // DST[dst + r * ct + c] += in0[t0 + r * kt] @ in1[t1 + c] (_llk_unpack_AB_matmul_ strides in0 by
    // kt_dim per block row and in1 by one tile per column; _llk_math_matmul_ writes r * ct + c).
    for (std::uint32_t r = 0; r < rt; ++r) {
        const std::int32_t sa = unpack_front(t, in0, t0 + r * kt, cs.a, "matmul_block");
        for (std::uint32_t c = 0; c < ct; ++c) {
            float* acc = math_dst(t, cs, dst + r * ct + c, "matmul_block");
            const std::int32_t sb = unpack_front(t, in1, t1 + c, cs.b, "matmul_block");
            taint_dst(t, cs, dst + r * ct + c, worse(sa, sb), true);
            if (cs.transpose) {
                transpose_tile(cs.b);
            }
            matmul_tile_acc(cs.a, cs.b, acc);
            to_dst_format(cs, acc);
        }
    }
    const std::uint64_t tiles = std::uint64_t(rt) * ct;
    cs.matmul += tiles;
    ++cs.matmul_blocks;
    const std::uint64_t cost = tiles * t->run->perf.matmul_cycles(t->spec->math_fidelity);
    cs.fpu_busy += cost;
    cs.matmul_busy += cost;
    t->advance(cost);
}

void binary_init(Binary op, std::uint32_t in0, std::uint32_t in1, bool acc_to_dest) {
    const char* call = binary_init_name(op);
    Thread* t = current_thread(call);
    ComputeState& cs = begin_fpu_init(t, call, ComputeState::Fpu::Binary, in0, in1);
    cs.binary = op;
    cs.acc_to_dest = acc_to_dest;
}

void binary_tiles(Binary op, std::uint32_t in0, std::uint32_t in1, std::uint32_t t0, std::uint32_t t1, std::uint32_t dst) {
    const char* call = binary_name(op);
    Thread* t = current_thread(call);
    ComputeState& cs = compute_of(t, call);
    require_started(t, cs, call);
    if (cs.fpu != ComputeState::Fpu::None && !(cs.fpu == ComputeState::Fpu::Binary && cs.binary == op)) {
        t->violation(std::string(call) + " with the FPU configured by " + cs.fpu_init + " (" + binary_init_name(op) +
                     " missing)");
    }
    float* out = math_dst(t, cs, dst, call);
    check_format(t, cs.srca, "SrcA", in0, call);
    check_format(t, cs.srcb, "SrcB", in1, call);
    const std::int32_t sa = unpack_front(t, in0, t0, cs.a, call);
    const std::int32_t sb = unpack_front(t, in1, t1, cs.b, call);
    const bool acc = cs.fpu == ComputeState::Fpu::Binary && cs.acc_to_dest;
    taint_dst(t, cs, dst, worse(sa, sb), acc);
    for (int i = 0; i < kTileElems; ++i) {
        float v = op == Binary::Add ? cs.a[i] + cs.b[i] : op == Binary::Sub ? cs.a[i] - cs.b[i] : cs.a[i] * cs.b[i];
        out[i] = acc ? out[i] + v : v;
    }
    to_dst_format(cs, out);
    ++cs.binary_ops;
    const PerfParams& perf = t->run->perf;
    const std::uint64_t cost =
        op == Binary::Mul ? perf.eltwise_pass * perf.fidelity_phases(t->spec->math_fidelity) : perf.eltwise_pass;
    cs.fpu_busy += cost;
    t->advance(cost);
}

void copy_init(std::uint32_t cb, std::uint32_t transpose) {
    Thread* t = current_thread("copy_tile_init");
    ComputeState& cs = compute_of(t, "copy_tile_init");
    cb_of(t, static_cast<std::int32_t>(cb), "copy_tile_init");
    cs.fpu = ComputeState::Fpu::Copy;
    cs.fpu_init = "copy_tile_init";
    cs.transpose = transpose;
}

void copy_tile(std::uint32_t cb, std::uint32_t tile, std::uint32_t dst) {
    Thread* t = current_thread("copy_tile");
    ComputeState& cs = compute_of(t, "copy_tile");
    require_started(t, cs, "copy_tile");
    if (cs.fpu != ComputeState::Fpu::Copy && cs.fpu != ComputeState::Fpu::None) {
        t->violation(std::string("copy_tile with the FPU configured by ") + cs.fpu_init + " (copy_tile_init missing)");
    }
    float* out = math_dst(t, cs, dst, "copy_tile");
    check_format(t, cs.srca, "SrcA", cb, "copy_tile");
    taint_dst(t, cs, dst, unpack_front(t, cb, tile, out, "copy_tile"), false);
    if (cs.fpu == ComputeState::Fpu::Copy && cs.transpose == 1) {
        transpose_tile(out);
    } else if (cs.fpu == ComputeState::Fpu::Copy && cs.transpose == 2) {
        transpose_faces_within(out);
    }
    to_dst_format(cs, out);
    ++cs.copies;
    cs.fpu_busy += t->run->perf.eltwise_pass;
    t->advance(t->run->perf.eltwise_pass);
}

void sfpu_init(Sfpu op) {
    Thread* t = current_thread("sfpu init");
    ComputeState& cs = compute_of(t, "an SFPU init");
    cs.sfpu_inited.set(static_cast<int>(op));
}

namespace {

// The DST tile an SFPU op writes, after checking the hardware is set up for it.
// `part`: the share of the tile the op's iterations cover (the cost is the tile's divided by it).
float* sfpu_dst(Sfpu op, std::uint32_t dst, ComputeState*& state, std::uint64_t part = 1) {
    const char* call = sfpu_name(op);
    Thread* t = current_thread(call);
    ComputeState& cs = compute_of(t, call);
    require_started(t, cs, call);
    if (!cs.sfpu_inited.test(static_cast<int>(op))) {
        t->violation(std::string(call) + " without its init (" + call + "_init) earlier in the kernel");
    }
    state = &cs;
    float* x = math_dst(t, cs, dst, call);
    const PerfParams& perf = t->run->perf;
    const bool simple = op == Sfpu::Relu || op == Sfpu::Fill || op == Sfpu::BinopWithScalar || op == Sfpu::BinaryMax ||
                        op == Sfpu::BinaryMin;
    const std::uint64_t cost = (simple ? perf.sfpu_simple : perf.sfpu_complex) / part;
    cs.fpu_busy += cost;
    t->advance(cost);
    return x;
}

}  // namespace

void fill_tile(std::uint32_t dst, float value) {
    ComputeState* cs = nullptr;
    float* x = sfpu_dst(Sfpu::Fill, dst, cs);
    taint_dst(current_thread("fill_tile"), *cs, dst, CBState::kClean, false);
    std::fill(x, x + kTileElems, value);
    to_dst_format(*cs, x);
    ++cs->sfpu;
}

void scalar_tile(ScalarOp op, std::uint32_t dst, float value) {
    ComputeState* cs = nullptr;
    float* x = sfpu_dst(Sfpu::BinopWithScalar, dst, cs);
    for (int i = 0; i < kTileElems; ++i) {
        switch (op) {
            case ScalarOp::Add: x[i] = x[i] + value; break;
            case ScalarOp::Sub: x[i] = x[i] - value; break;
            case ScalarOp::Mul: x[i] = x[i] * value; break;
            case ScalarOp::Div: x[i] = x[i] / value; break;
            case ScalarOp::Rsub: x[i] = value - x[i]; break;
        }
    }
    to_dst_format(*cs, x);
    ++cs->sfpu;
}

void sfpu_tile(Sfpu op, std::uint32_t dst) {
    ComputeState* state = nullptr;
    float* x = sfpu_dst(op, dst, state);
    ComputeState& cs = *state;
    for (int i = 0; i < kTileElems; ++i) {
        const float v = x[i];
        float r;
        switch (op) {
            case Sfpu::Exp: r = std::exp(v); break;
            case Sfpu::Log: r = std::log(v); break;
            case Sfpu::Sqrt: r = std::sqrt(v); break;
            case Sfpu::Recip: r = 1.0f / v; break;
            case Sfpu::Relu: r = v < 0.0f ? 0.0f : v; break;
            case Sfpu::Gelu: r = gelu_exact(v); break;
            case Sfpu::GeluApprox: r = gelu_tanh(v); break;
            case Sfpu::Sigmoid: r = 1.0f / (1.0f + std::exp(-v)); break;
            case Sfpu::Tanh: r = std::tanh(v); break;
            case Sfpu::Sin: r = std::sin(v); break;
            case Sfpu::Cos: r = std::cos(v); break;
            case Sfpu::Tan: r = std::tan(v); break;
            case Sfpu::Rsqrt: r = 1.0f / std::sqrt(v); break;
            case Sfpu::Exp2: r = std::exp2(v); break;
            default: r = v; break;
        }
        x[i] = r;
    }
    to_dst_format(cs, x);
    ++cs.sfpu;
}

void sfpu_first_column(Sfpu op, std::uint32_t dst, float scale) {
    if (op != Sfpu::Exp && op != Sfpu::Recip) {
        current_thread("sfpu_first_column")->violation("tt-emu: a first-column SFPU functor other than exp / recip");
    }
    ComputeState* state = nullptr;
    float* x = sfpu_dst(op, dst, state, 4);  // 8 of a tile's 32 iterations (4 in each of faces 0 and 2)
    for (int r = 0; r < kTileRows; ++r) {
        float& v = x[r * kTileCols];
        v = op == Sfpu::Exp ? std::exp(v * scale) : 1.0f / v;
    }
    to_dst_format(*state, x);
    ++state->sfpu;
}

void exp_scaled_tile(std::uint32_t dst, float scale) {
    ComputeState* state = nullptr;
    float* x = sfpu_dst(Sfpu::Exp, dst, state);
    for (int i = 0; i < kTileElems; ++i) {
        const float product = x[i] * scale;
        x[i] = std::exp(product);
    }
    to_dst_format(*state, x);
    ++state->sfpu;
}

void sfpu_binary_tile(Sfpu op, std::uint32_t d0, std::uint32_t d1, std::uint32_t odst) {
    ComputeState* state = nullptr;
    float* out = sfpu_dst(op, odst, state);
    ComputeState& cs = *state;
    Thread* t = current_thread(sfpu_name(op));
    const float* x = math_dst(t, cs, d0, sfpu_name(op));
    const float* y = math_dst(t, cs, d1, sfpu_name(op));
    if (t->run->check) {
        const std::size_t base = std::size_t(cs.math_section) * cs.capacity;
        taint_dst(t, cs, odst, worse(cs.dst_taint[base + d0], cs.dst_taint[base + d1]), false);
    }
    for (int i = 0; i < kTileElems; ++i) {
        out[i] = op == Sfpu::BinaryMax ? std::fmax(x[i], y[i]) : std::fmin(x[i], y[i]);
    }
    to_dst_format(cs, out);
    ++cs.sfpu;
}

void reduce_init(Pool pool, Dim dim, std::uint32_t icb, std::uint32_t icb_scaler, std::int32_t ocb) {
    const char* call = reduce_init_name(pool, dim);
    Thread* t = current_thread(call);
    ComputeState& cs = begin_fpu_init(t, call, ComputeState::Fpu::Reduce, icb, icb_scaler);
    cs.reduce_pool = pool;
    cs.reduce_dim = dim;
    if (ocb != kNoCB) {
        cb_of(t, ocb, call);
        cs.pack_mask = true;  // llk_pack_reduce_mask_config<reduce_dim>
        cs.pack_mask_dim = dim;
    }
}

void reduce_tile(Pool pool, Dim dim, std::uint32_t icb, std::uint32_t icb_scaler, std::uint32_t itile,
                 std::uint32_t itile_scaler, std::uint32_t dst) {
    const char* call = reduce_tile_name(pool, dim);
    Thread* t = current_thread(call);
    ComputeState& cs = compute_of(t, call);
    require_started(t, cs, call);
    if (cs.fpu != ComputeState::Fpu::Reduce || cs.reduce_pool != pool || cs.reduce_dim != dim) {
        t->violation(std::string(call) + " with the FPU configured by " +
                     (cs.fpu == ComputeState::Fpu::None ? std::string("no init") : std::string(cs.fpu_init)) + " (" +
                     reduce_init_name(pool, dim) + " missing)");
    }
    const bool fresh = !dst_was_written(cs, dst);
    float* out = math_dst(t, cs, dst, call);
    // REDUCE_ROW SUM / AVG is a matrix-vector multiply with the operands swapped (reduce.h:
    // scaler -> SrcA, data -> SrcB); the other reductions pool the data in SrcA.
    if (dim == Dim::Row && pool != Pool::Max) {
        check_format(t, cs.srca, "SrcA", icb_scaler, call);
        check_format(t, cs.srcb, "SrcB", icb, call);
    } else {
        check_format(t, cs.srca, "SrcA", icb, call);
        check_format(t, cs.srcb, "SrcB", icb_scaler, call);
    }
    const std::int32_t sa = unpack_front(t, icb, itile, cs.a, call);
    const std::int32_t sb = unpack_front(t, icb_scaler, itile_scaler, cs.b, call);
    taint_dst(t, cs, dst, worse(sa, sb), true);
    reduce_tile_acc(cs.a, cs.b, static_cast<ReducePool>(pool), static_cast<ReduceAxis>(dim), out, fresh);
    to_dst_format(cs, out);
    ++cs.reduces;
    const std::uint64_t cost =
        t->run->perf.reduce_cycles(pool == Pool::Max, dim == Dim::Scalar, t->spec->math_fidelity);
    cs.fpu_busy += cost;
    t->advance(cost);
}

void reduce_block_max_row_init(std::int32_t ocb) {
    const char* call = "reduce_block_max_row_init";
    Thread* t = current_thread(call);
    ComputeState& cs = compute_of(t, call);
    require_started(t, cs, call);
    cb_of(t, ocb, call);
    cs.fpu = ComputeState::Fpu::Reduce;
    cs.fpu_init = call;
    cs.reduce_pool = Pool::Max;
    cs.reduce_dim = Dim::Row;
    cs.pack_mask = true;
    cs.pack_mask_dim = Dim::Row;
}

void reduce_block_max_row(std::uint32_t icb, std::uint32_t icb_scaler, std::uint32_t first, std::uint32_t cols,
                          std::uint32_t dst) {
    const char* call = "reduce_block_max_row";
    Thread* t = current_thread(call);
    ComputeState& cs = compute_of(t, call);
    require_started(t, cs, call);
    if (cs.fpu != ComputeState::Fpu::Reduce || cs.reduce_pool != Pool::Max || cs.reduce_dim != Dim::Row) {
        t->violation(std::string(call) + " with the FPU configured by " +
                     (cs.fpu == ComputeState::Fpu::None ? std::string("no init") : std::string(cs.fpu_init)) +
                     " (reduce_block_max_row_init missing)");
    }
    const bool fresh = !dst_was_written(cs, dst);
    float* out = math_dst(t, cs, dst, call);
    check_format(t, cs.srcb, "SrcB", icb_scaler, call);
    std::int32_t taint = unpack_front(t, icb_scaler, 0, cs.b, call);
    const float k = max_scale(cs.b);
    float row_max[kTileRows];
    for (int r = 0; r < kTileRows; ++r) {
        row_max[r] = -INFINITY;
    }
    for (std::uint32_t j = 0; j < cols; ++j) {
        check_format(t, cs.srca, "SrcA", icb, call);
        taint = worse(taint, unpack_front(t, icb, first + j, cs.a, call));
        for (int r = 0; r < kTileRows; ++r) {
            for (int c = 0; c < kTileCols; ++c) {
                row_max[r] = std::fmax(row_max[r], cs.a[r * kTileCols + c]);
            }
        }
    }
    for (int r = 0; r < kTileRows; ++r) {
        row_max[r] *= k;
        if (!fresh) {  // what the device pools into: row 0 of faces 0 and 2
            row_max[r] = std::fmax(row_max[r], out[(r < 16 ? 0 : 16) * kTileCols + r % 16]);
        }
    }
    std::fill(out, out + kTileElems, 0.0f);
    for (int r = 0; r < kTileRows; ++r) {
        out[r * kTileCols] = row_max[r];
    }
    taint_dst(t, cs, dst, taint, !fresh);
    to_dst_format(cs, out);
    cs.reduces += cols;
    const std::uint64_t cost = cols * t->run->perf.reduce_cycles(true, false, t->spec->math_fidelity);
    cs.fpu_busy += cost;
    t->advance(cost);
}

void pack_relu(bool enable) {
    Thread* t = current_thread("llk_pack_relu_config");
    compute_of(t, "llk_pack_relu_config").pack_relu = enable;
}

void pack_reduce_mask(Dim dim, bool clear) {
    Thread* t = current_thread(clear ? "llk_pack_reduce_mask_clear" : "llk_pack_reduce_mask_config");
    ComputeState& cs = compute_of(t, "llk_pack_reduce_mask_config");
    cs.pack_mask = !clear;
    cs.pack_mask_dim = dim;
}

void bcast_init(Binary op, Bcast kind, std::uint32_t in0, std::uint32_t in1, const char* call) {
    Thread* t = current_thread(call);
    const ComputeState::Fpu fpu = kind == Bcast::None ? ComputeState::Fpu::Binary : ComputeState::Fpu::Bcast;
    ComputeState& cs = begin_fpu_init(t, call, fpu, in0, in1);
    cs.binary = op;
    cs.bcast = kind;
    cs.acc_to_dest = false;
}

void bcast_tiles(Binary op, Bcast kind, std::uint32_t in0, std::uint32_t in1, std::uint32_t t0, std::uint32_t t1,
                 std::uint32_t dst, std::uint32_t row, const char* call) {
    Thread* t = current_thread(call);
    ComputeState& cs = compute_of(t, call);
    require_started(t, cs, call);
    const bool matches = kind == Bcast::None
                             ? cs.fpu == ComputeState::Fpu::Binary && cs.binary == op
                             : cs.fpu == ComputeState::Fpu::Bcast && cs.binary == op && cs.bcast == kind;
    if (cs.fpu != ComputeState::Fpu::None && !matches) {
        t->violation(std::string(call) + " with the FPU configured by " + cs.fpu_init +
                     " (the init of the same op and broadcast missing)");
    }
    if (row >= static_cast<std::uint32_t>(kTileRows)) {
        t->violation(std::string(call) + ": bcast_row_idx " + std::to_string(row) + " is past the tile's 32 rows");
    }
    float* out = math_dst(t, cs, dst, call);
    check_format(t, cs.srca, "SrcA", in0, call);
    check_format(t, cs.srcb, "SrcB", in1, call);
    const std::int32_t sa = unpack_front(t, in0, t0, cs.a, call);
    const std::int32_t sb = unpack_front(t, in1, t1, cs.b, call);
    taint_dst(t, cs, dst, worse(sa, sb), false);
    bcast_operand(cs.b, static_cast<emu::Bcast>(kind), static_cast<int>(row));
    for (int i = 0; i < kTileElems; ++i) {
        out[i] = op == Binary::Add ? cs.a[i] + cs.b[i] : op == Binary::Sub ? cs.a[i] - cs.b[i] : cs.a[i] * cs.b[i];
    }
    to_dst_format(cs, out);
    ++cs.binary_ops;
    const PerfParams& perf = t->run->perf;
    const std::uint64_t cost =
        op == Binary::Mul ? perf.eltwise_pass * perf.fidelity_phases(t->spec->math_fidelity) : perf.eltwise_pass;
    cs.fpu_busy += cost;
    t->advance(cost);
}

void tile_regs_acquire() {
    Thread* t = current_thread("tile_regs_acquire");
    ComputeState& cs = compute_of(t, "tile_regs_acquire");
    t->advance(t->run->perf.tile_regs);
    if (cs.acquired) {
        return;  // the hardware only waits for a free section; acquiring twice is harmless
    }
    if (cs.committed == cs.sections) {
        t->violation(std::string("tile_regs_acquire with every DST section committed and not yet released: the math "
                                 "thread would wait for a tile_regs_release that comes later in the kernel (") +
                     (cs.sections == 1 ? "full-sync DST has one section" : "double-buffered DST has two sections") + ")");
    }
    cs.acquired = true;
}

void tile_regs_commit() {
    Thread* t = current_thread("tile_regs_commit");
    ComputeState& cs = compute_of(t, "tile_regs_commit");
    t->advance(t->run->perf.tile_regs);
    if (!cs.acquired) {
        t->violation("tile_regs_commit without a tile_regs_acquire");
    }
    cs.acquired = false;
    ++cs.committed;
    cs.math_section = (cs.math_section + 1) % cs.sections;
}

void tile_regs_wait() {
    Thread* t = current_thread("tile_regs_wait");
    ComputeState& cs = compute_of(t, "tile_regs_wait");
    t->advance(t->run->perf.tile_regs);
    if (cs.waited) {
        return;
    }
    if (cs.committed == 0) {
        t->violation("tile_regs_wait with no committed DST section: the pack thread would wait for a tile_regs_commit "
                     "that comes later in the kernel (or never)");
    }
    cs.waited = true;
}

void tile_regs_release() {
    Thread* t = current_thread("tile_regs_release");
    ComputeState& cs = compute_of(t, "tile_regs_release");
    t->advance(t->run->perf.tile_regs);
    if (!cs.waited) {
        t->violation("tile_regs_release without a tile_regs_wait");
    }
    // The packer zeroes the section it is done with (ZEROACC), then hands it back to math.
    float* section = cs.pack_tile(0);
    std::fill(section, section + std::size_t(cs.capacity) * kTileElems, 0.0f);
    std::fill_n(cs.dst_written.begin() + std::ptrdiff_t(cs.pack_section) * cs.capacity, cs.capacity, 0);
    std::fill_n(cs.dst_taint.begin() + std::ptrdiff_t(cs.pack_section) * cs.capacity, cs.capacity, CBState::kClean);
    cs.waited = false;
    --cs.committed;
    cs.pack_section = (cs.pack_section + 1) % cs.sections;
}

void pack_tile(std::uint32_t dst, std::uint32_t index, std::uint32_t out_tile, bool out_of_order) {
    Thread* t = current_thread("pack_tile");
    ComputeState& cs = compute_of(t, "pack_tile");
    require_started(t, cs, "pack_tile");
    if (!cs.waited) {
        t->violation("pack_tile reads DST outside tile_regs_wait .. tile_regs_release");
    }
    if (dst >= static_cast<std::uint32_t>(cs.capacity)) {
        t->violation("pack_tile reads DST tile " + std::to_string(dst) + "; DST has " + std::to_string(cs.capacity) +
                     " tiles per section here");
    }
    const std::size_t dst_at = std::size_t(cs.pack_section) * cs.capacity + dst;
    if (t->run->check && !cs.dst_written[dst_at]) {
        t->violation("pack_tile packs DST tile " + std::to_string(dst) + ", which no math op wrote since tile_regs_acquire");
    }
    check_format(t, cs.packer, "the packer", index, "pack_tile");
    CBState* cb = cb_of(t, static_cast<std::int32_t>(index), "pack_tile");
    std::uint8_t* page;
    {
        std::unique_lock<std::mutex> lock(t->core->mu);
        const std::uint32_t tile = out_of_order ? out_tile : cb->pack_seq;
        if (std::string err = cb->check_back_tile("pack_tile", tile, cb->owned_by(t));
            !err.empty()) {
            lock.unlock();
            t->violation(err);
        }
        if (!out_of_order) {
            ++cb->pack_seq;
        }
        page = cb->back_page(tile);
        if (t->run->check) {
            const std::uint32_t lo = cb->write_ptr() + tile * cb->page_size;
            std::int32_t st = cs.dst_taint[dst_at];
            if (cs.l1_acc && st < 0) {  // accumulates onto what the page holds
                const std::int32_t old = cb->slot_state(cb->wr_page + tile);
                st = old >= 0 ? old : st;
            }
            t->core->mark_written(lo, lo + cb->page_size, st);
        }
    }
    const int eb = element_bytes(cb->format);
    if (eb == 0 || cb->page_size < static_cast<std::uint32_t>(eb * kTileElems)) {
        t->violation("pack_tile: CB " + std::to_string(index) + " holds " + format_name(cb->format) + " pages of " +
                     std::to_string(cb->page_size) + " B, which the emulator's packer does not handle");
    }
    const float* tile = cs.pack_tile(static_cast<int>(dst));
    if (cs.pack_mask) {  // reduce_init's edge masks: the data outside the result positions packs as zero
        std::copy(tile, tile + kTileElems, cs.a);
        reduce_pack_mask(static_cast<ReduceAxis>(cs.pack_mask_dim), cs.a);
        tile = cs.a;
    }
    if (cs.pack_relu) {  // llk_pack_relu_config(ReluConfig::zero()): negative values pack as zero
        if (tile != cs.a) {
            std::copy(tile, tile + kTileElems, cs.a);
            tile = cs.a;
        }
        for (int i = 0; i < kTileElems; ++i) {
            cs.a[i] = cs.a[i] < 0.0f ? 0.0f : cs.a[i];
        }
    }
    if (cs.l1_acc) {
        emu::pack_tile_accumulate(tile, cb->format, page);
    } else {
        emu::pack_tile(tile, cb->format, page);
    }
    ++cs.packs;
    t->advance(t->run->perf.pack);
}

void pack_l1_acc(bool enable) {
    Thread* t = current_thread("llk_pack_reconfig_l1_acc");
    compute_of(t, "llk_pack_reconfig_l1_acc").l1_acc = enable;
}

void pack_untilize(std::uint32_t dst0, std::uint32_t index, std::uint32_t block_ct, std::uint32_t full_ct,
                   std::uint32_t block_rt, std::uint32_t block_c) {
    const char* call = "pack_untilize_dest";
    Thread* t = current_thread(call);
    ComputeState& cs = compute_of(t, call);
    require_started(t, cs, call);
    if (!cs.waited) {
        t->violation("pack_untilize_dest reads DST outside tile_regs_wait .. tile_regs_release");
    }
    if (block_ct == 0 || full_ct % block_ct != 0 || (block_c + 1) * block_ct > full_ct) {
        t->violation("pack_untilize_dest: block " + std::to_string(block_c) + " of " + std::to_string(block_ct) +
                     " tiles does not fit a row of " + std::to_string(full_ct) + " tiles");
    }
    if (std::uint64_t(dst0) + std::uint64_t(block_rt) * block_ct > static_cast<std::uint64_t>(cs.capacity)) {
        t->violation("pack_untilize_dest reads DST tiles " + std::to_string(dst0) + ".." +
                     std::to_string(dst0 + block_rt * block_ct - 1) + "; DST has " + std::to_string(cs.capacity) +
                     " tiles per section here");
    }
    if (cs.l1_acc) {
        t->violation("pack_untilize_dest with packer L1 accumulation on: not emulated");
    }
    if (cs.pack_mask) {
        t->violation("pack_untilize_dest with reduce_init's packer edge masks on (reduce_uninit missing): not emulated");
    }
    check_format(t, cs.packer, "the packer", index, call);
    CBState* cb = cb_of(t, static_cast<std::int32_t>(index), call);
    const int eb = element_bytes(cb->format);
    if (eb == 0 || cb->page_size != static_cast<std::uint32_t>(eb * kTileElems)) {
        t->violation(std::string(call) + ": CB " + std::to_string(index) + " holds " + format_name(cb->format) +
                     " pages of " + std::to_string(cb->page_size) + " B; the emulator untilizes into whole tiles only");
    }
    std::uint8_t* region;
    {
        std::unique_lock<std::mutex> lock(t->core->mu);
        // The reserved region holds block_rt rows of full_ct tiles; its last page must be secured.
        if (std::string err = cb->check_back_tile(call, block_rt * full_ct - 1); !err.empty()) {
            lock.unlock();
            t->violation(err);
        }
        region = cb->back_page(0);
        if (t->run->check) {
            std::int32_t st = CBState::kClean;
            for (std::uint32_t i = 0; i < block_rt * block_ct; ++i) {
                st = worse(st, cs.dst_taint[std::size_t(cs.pack_section) * cs.capacity + dst0 + i]);
            }
            t->core->mark_written(cb->write_ptr(), cb->write_ptr() + block_rt * full_ct * cb->page_size, st);
        }
    }
    // Row-major: tile row tr, element row r, column block_c * block_ct * 32 + tc * 32 + c.
    const std::size_t row_elems = std::size_t(full_ct) * kTileCols;
    for (std::uint32_t tr = 0; tr < block_rt; ++tr) {
        for (std::uint32_t tc = 0; tc < block_ct; ++tc) {
            const float* tile = cs.pack_tile(static_cast<int>(dst0 + tr * block_ct + tc));
            for (int r = 0; r < kTileRows; ++r) {
                const std::size_t row = std::size_t(tr) * kTileRows + r;
                const std::size_t col = (std::size_t(block_c) * block_ct + tc) * kTileCols;
                for (int c = 0; c < kTileCols; ++c) {
                    store_element(region, cb->format, static_cast<int>(row * row_elems + col + c),
                                  tile[r * kTileCols + c]);
                }
            }
        }
    }
    cs.packs += std::uint64_t(block_rt) * block_ct;
    t->advance(std::uint64_t(block_rt) * block_ct * t->run->perf.pack);
}

void fail(const char* message) {
    Thread* t = current_thread("fail");
    t->violation(message);
}

}  // namespace emu::k
