// tt-emu: one execution of a program (internal): cores, kernel threads, blocking, faults.
//
// Threads and blocking. Every (core, kernel) pair runs in its own thread, one at a time: the
// thread holding the run's token (modeled time, see emu/README.md). The CBs of a core are
// guarded by that core's mutex; a kernel that must wait (cb_reserve_back without free pages,
// cb_wait_front without filled pages) records what it waits for, hands the token on and sleeps
// until it gets it back. Whoever changes a CB makes exactly the waiters whose condition now
// holds ready to run again.
//
// Deadlock detection. `running` counts threads that are neither blocked nor finished. A thread
// decrements it when it blocks or finishes; a waker increments it on behalf of each thread it
// unblocks, while itself running. So `running` reaches 0 only when no thread can ever run
// again: then either every kernel finished, or the remaining ones are blocked forever (a
// deadlock, reported with each blocked kernel, its core, the CB it waits on and the CB's page
// counts). The thread that brings `running` to 0 only signals the controller (the host thread
// in DeviceImpl::run), which builds the report.
//
// Faults. A contract violation in a kernel records the first fault of the run, sets `abort`
// and unwinds the kernel's thread with KernelAbort; every API call checks `abort`, and the
// controller wakes every blocked thread, so all threads end. The time limit (TT_EMU_TIMEOUT,
// 60 s by default) is enforced by the controller the same way; a kernel spinning without API
// calls cannot be unwound, so after a grace period the process exits with the message.
#pragma once

#include <array>
#include <atomic>
#include <bitset>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cb.h"
#include "numerics.h"
#include "perf.h"
#include "runtime.h"  // first: the runtime is not a kernel (TT_EMU_NO_KERNEL_ENTRY)
#include "internal/circular_buffer_interface.h"

namespace emu {

struct Run;
struct Thread;

struct Waiting {
    enum Kind { None, Reserve, Wait, Semaphore } kind = None;
    std::uint32_t cb = 0;
    std::int32_t pages = 0;
    // Semaphore: the L1 offset of the word waited on, the value, and whether any value >= it will do
    // (noc_semaphore_wait_min) or only exactly it (noc_semaphore_wait).
    std::uint32_t offset = 0;
    std::uint32_t value = 0;
    bool at_least = false;
};

// Semaphores (CreateSemaphore): up to kMaxSemaphores per core, each a 32-bit word at its own
// L1_ALIGNMENT (16 B) slot of a region at the top of L1 (the CBs are allocated below it).
constexpr std::uint32_t kMaxSemaphores = kMaxSemaphoresPerCore;
constexpr std::uint32_t kSemaphoreStride = 16;

struct Core {
    std::uint32_t x = 0, y = 0;
    std::uint8_t* l1_host = nullptr;
    std::uint32_t l1_base = 0;  // device address of L1 byte 0
    std::uint32_t l1_size = 0;
    std::size_t l1_mapped = 0;
    bool l1_is_host_address = false;  // L1 addresses are the host addresses (mapped below 4 GiB)
    std::mutex mu;
    std::vector<std::unique_ptr<CBState>> cbs;  // by CB index; null if not configured here
    std::vector<Thread*> threads;
    Resource niu_inject, niu_absorb;  // modeled time: this core's NOC interface (shared by its kernels)
    // Semaphores: L1 offset of semaphore 0, which ids the program created here, and the modeled
    // time each semaphore word (by L1 offset) last changed (a remote change: when it landed).
    std::uint32_t sem_base = 0;
    // Checking mode: L1 offsets [guard_lo, guard_hi) are mapped read-only (outside every CB and
    // semaphore).
    std::uint32_t guard_lo = 0, guard_hi = 0;
    std::bitset<kMaxSemaphores> sem_defined;
    std::map<std::uint32_t, std::uint64_t> word_stamp;

    std::string name() const { return "core (" + std::to_string(x) + ", " + std::to_string(y) + ")"; }
    // "semaphore 2 (L1 0x...)" for a word of the semaphore region, else "L1 word 0x...".
    std::string word_name(std::uint32_t offset) const;
    std::uint32_t word(std::uint32_t offset) const {
        std::uint32_t v;
        std::memcpy(&v, l1_host + offset, 4);
        return v;
    }
    std::uint64_t stamp(std::uint32_t offset) const {
        auto it = word_stamp.find(offset);
        return it == word_stamp.end() ? 0 : it->second;
    }
    CBState* cb(std::uint32_t index) const { return index < cbs.size() ? cbs[index].get() : nullptr; }
    // Host pointer of [addr, addr + size) in this core's L1, or null if it is not inside.
    std::uint8_t* l1(std::uint32_t addr, std::uint32_t size) const {
        if (addr < l1_base || std::uint64_t(addr) + size > std::uint64_t(l1_base) + l1_size) {
            return nullptr;
        }
        return l1_host + (addr - l1_base);
    }
    void wake(Run& run, std::uint64_t now);  // under `mu`, after a CB changed at modeled time `now`
    // Under `mu`: data landed in the L1 range [lo, hi) (device addresses): every CB page slot it
    // overlaps holds written data (checking mode).
    void mark_written(std::uint32_t lo, std::uint32_t hi, std::int32_t st = CBState::kClean) {
        for (auto& cbp : cbs) {
            if (cbp) {
                cbp->mark_written(lo, hi, st);
            }
        }
    }
    // Under `mu`: what the CB pages in [lo, hi) hold: kClean if every page is written (by the
    // account of any CB covering it: CBs may share memory), else the first unwritten page (its CB
    // and page in `cb_out`, `page_out`), else the origin of computed-from-unwritten data.
    std::int32_t range_state(std::uint32_t lo, std::uint32_t hi, std::uint32_t& cb_out, std::uint32_t& page_out) const {
        std::int32_t worst = CBState::kClean;
        for (const auto& cbp : cbs) {
            const CBState* cb = cbp.get();
            if (cb == nullptr || hi <= cb->base || lo >= cb->end_addr() || hi <= lo) {
                continue;
            }
            const std::uint32_t first = (std::max(lo, cb->base) - cb->base) / cb->page_size;
            const std::uint32_t last = (std::min(hi, cb->end_addr()) - 1 - cb->base) / cb->page_size;
            std::int32_t st = CBState::kClean;
            std::uint32_t at = first;
            for (std::uint32_t p = first; p <= last; ++p) {
                const std::int32_t s = cb->slot_state(p);
                if (s == CBState::kUnwritten) {
                    st = s;
                    at = p;
                    break;
                }
                if (s >= 0 && st == CBState::kClean) {
                    st = s;
                    at = p;
                }
            }
            if (st == CBState::kClean) {
                return CBState::kClean;
            }
            if (worst == CBState::kClean || (st == CBState::kUnwritten && worst != CBState::kUnwritten)) {
                worst = st;
                cb_out = cb->index;
                page_out = at;
            }
        }
        return worst;
    }
    // [lo, hi) (device addresses) lies inside one CB's memory or the semaphore region.
    bool known_l1(std::uint32_t lo, std::uint32_t hi) const {
        for (const auto& cbp : cbs) {
            if (cbp && lo >= cbp->base && hi <= cbp->base + cbp->num_pages * cbp->page_size) {
                return true;
            }
        }
        const std::uint32_t sem_lo = l1_base + sem_base, sem_hi = sem_lo + kMaxSemaphores * kSemaphoreStride;
        return lo >= sem_lo && hi <= sem_hi;
    }
};

struct ComputeState {
    bool started = false;
    enum class Fpu { None, Matmul, Binary, Copy, Reduce, Bcast } fpu = Fpu::None;
    const char* fpu_init = "";  // the init call that set `fpu`
    k::Binary binary = k::Binary::Add;
    bool acc_to_dest = false;
    std::uint32_t transpose = 0;
    k::Pool reduce_pool = k::Pool::Sum;  // Fpu::Reduce: what reduce_init configured
    k::Dim reduce_dim = k::Dim::Row;
    k::Bcast bcast = k::Bcast::None;     // Fpu::Bcast: the broadcast of the init (with `binary`)
    // The packer's reduce edge masks (reduce_init until reduce_uninit): every pack zeroes the
    // data outside the reduction's result positions.
    bool pack_mask = false;
    k::Dim pack_mask_dim = k::Dim::Row;
    std::bitset<static_cast<int>(k::Sfpu::Count)> sfpu_inited;

    bool fp32 = false;
    bool full_sync = false;
    int capacity = 8;  // tiles per section
    int sections = 2;
    tt::DataFormat dst_format = tt::DataFormat::Float16_b;  // 16-bit DST holds this format
    // The data formats SrcA, SrcB and the packer are configured for, and the call that did it.
    struct Configured {
        tt::DataFormat format = tt::DataFormat::Invalid;
        const char* by = "";
    } srca, srcb, packer;
    std::vector<float> dst;  // sections * capacity tiles, row-major fp32
    // Per DST tile: written by a math call since it was last cleared (MAX reduce starts from the
    // first tile's maximum, not from the cleared zero).
    std::vector<char> dst_written;
    // Checking mode, per DST tile: CBState::kClean, or the origin of data computed from a CB page
    // that was never written. `unpacked`: the worst state of what the current op has unpacked.
    std::vector<std::int32_t> dst_taint;
    std::int32_t unpacked = -1;
    int math_section = 0;
    int pack_section = 0;
    int committed = 0;  // sections handed from math to pack, not yet released
    bool acquired = false;  // math holds a section (tile_regs_acquire .. commit)
    bool waited = false;  // pack holds a section (tile_regs_wait .. release)

    float a[kTileElems];
    float b[kTileElems];

    bool l1_acc = false;  // packer L1 accumulation (llk_pack_reconfig_l1_acc)
    bool pack_relu = false;  // packer ReLU (llk_pack_relu_config(ReluConfig::zero()))

    std::uint64_t matmul = 0, binary_ops = 0, copies = 0, sfpu = 0, packs = 0, reduces = 0;
    std::uint64_t matmul_blocks = 0;  // matmul_block calls (their tile matmuls count in `matmul`)
    // Modeled time: cycles charged for math calls (FPU and SFPU: the core's math engine busy),
    // and the part of them charged for matmul_tiles (at the kernel's fidelity).
    std::uint64_t fpu_busy = 0, matmul_busy = 0;

    float* math_tile(int idx) { return dst.data() + (std::size_t(math_section) * capacity + idx) * kTileElems; }
    float* pack_tile(int idx) { return dst.data() + (std::size_t(pack_section) * capacity + idx) * kTileElems; }
};

struct Range {
    std::uint32_t lo, hi;  // [lo, hi)
    bool overlaps(std::uint32_t a, std::uint32_t b) const { return lo < b && a < hi; }
};

struct Thread {
    Run* run = nullptr;
    Core* core = nullptr;
    const KernelSpec* spec = nullptr;
    const std::vector<std::uint32_t>* args = nullptr;
    std::string name;  // "reader.cpp (RISCV_1) on core (0, 0)"

    // Guarded by core->mu:
    bool finished = false;
    Waiting waiting;
    const char* waiting_call = "";
    bool counted = true;  // counted in run->running

    std::atomic<const char*> last_call{"(start)"};
    const char* pending_call = nullptr;  // set by note_call: the call a page lookup belongs to
    std::vector<Range> reads_in_flight;
    std::vector<Range> writes_in_flight;
    std::uint64_t noc_reads = 0, noc_writes = 0, noc_read_bytes = 0, noc_write_bytes = 0;
    std::uint64_t noc_mcast_writes = 0, noc_mcast_bytes = 0, sem_incs = 0;
    std::unique_ptr<ComputeState> compute;

    // Modeled time (see emu/README.md): the kernel's clock in cycles, and when its outstanding
    // NOC transfers complete. Only the thread holding the run's token touches them.
    std::uint64_t clock = 0;
    std::uint64_t reads_done = 0;
    std::uint64_t writes_done = 0;
    std::uint64_t writes_sent = 0;
    std::uint64_t atomics_done = 0;  // noc_semaphore_inc: when the last one landed
    std::uint64_t zeros_done = 0;    // Noc::async_write_zeros: when the last one is done
    bool zeros_pending = false;      // an async_write_zeros without its write_zeros_l1_barrier yet
    int order = 0;  // position in (core, kernel) order: breaks ties of equal clocks
    // The token (guarded by run->sched_mu): set when the scheduler hands this thread the token.
    bool go = false;
    std::condition_variable token_cv;

    // get_local_cb_interface: the kernel's records by CB index, and what each held when it was last
    // refreshed (a difference means the kernel wrote to it). Allocated at the first call.
    std::vector<LocalCBInterface> cb_iface;
    std::vector<LocalCBInterface> cb_iface_given;
    std::vector<char> cb_iface_out;  // handed out to the kernel
    std::thread handle;

    [[noreturn]] void violation(const std::string& what);
    void enter(const char* call);  // every API call: abort check and bookkeeping
    // Blocks (core->mu held through `lock`) until the CB condition of `w` holds.
    void block(std::unique_lock<std::mutex>& lock, const Waiting& w, const char* call);
    // Modeled time: a point where the order among threads matters (a request for a shared
    // resource, a poll): hands the token to the thread of smallest (clock, order) if that is not
    // this one, and returns when this thread holds it again.
    void sync();
    void wait_token();  // until this thread holds the token (sched_mu not held)
    void advance(std::uint64_t cycles) { clock += cycles; }
    void at_least(std::uint64_t time) { clock = std::max(clock, time); }
};

struct Run {
    DeviceImpl* device = nullptr;
    ProgramImpl* program = nullptr;
    std::vector<std::unique_ptr<Core>> cores;
    std::map<XY, Core*> core_at;
    std::vector<std::unique_ptr<Thread>> threads;

    std::atomic<int> running{0};
    std::atomic<int> finished{0};
    std::atomic<int> exited{0};
    std::atomic<bool> abort{false};
    // Checking mode (TT_EMU_CHECK, on unless "0"): reads of CB pages pushed without being written,
    // packs of DST tiles no math op wrote, NOC stores outside every CB and semaphore.
    bool check = true;
    // Checking mode: where data computed from never-written CB pages came from (the fault text
    // for when it becomes visible: written to DRAM). Indexed by CBState::written values >= 0.
    std::mutex origins_mu;
    std::vector<std::string> origins;
    std::int32_t new_origin(const std::string& text) {
        std::lock_guard<std::mutex> lock(origins_mu);
        origins.push_back(text);
        return static_cast<std::int32_t>(origins.size() - 1);
    }
    std::string origin(std::int32_t i) {
        std::lock_guard<std::mutex> lock(origins_mu);
        return origins.at(static_cast<std::size_t>(i));
    }

    // Modeled time: one thread at a time runs (holds the token); a thread that suspends hands it
    // to the ready thread of smallest (clock, order). Lock order: a core's mu, then sched_mu.
    PerfParams perf;
    std::vector<Resource> dram_bank;  // per DRAM bank: its reads and writes share it
    std::mutex sched_mu;
    std::set<std::pair<std::uint64_t, int>> ready;  // (clock, order) of the threads waiting for the token
    std::vector<Thread*> by_order;
    void make_ready(Thread* t, std::uint64_t key);  // sched_mu held
    void pass_token();                              // sched_mu held: to the smallest ready thread, if any

    std::mutex mu;  // guards the fields below
    std::condition_variable cv;
    bool stopped = false;  // `running` reached 0
    std::string fault;

    void record_fault(const std::string& message);
    void signal_stopped();
    void wake_all();
    std::string blocked_report(std::size_t max_lines) const;
    std::string state_report(std::size_t max_lines) const;
};

Thread* current_thread(const char* call);

}  // namespace emu
