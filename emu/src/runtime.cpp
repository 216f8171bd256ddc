// tt-emu: device, DRAM buffers, program execution (threads, deadlock detection, time limit)
// and the JSON counters. The kernel API calls are in kernel_api.cpp, kernel builds in build.cpp,
// the host API classes in host_api.cpp.
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <tuple>

#include "run.h"

extern char* program_invocation_short_name;

namespace emu {

namespace {

std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

std::string hex(std::uint64_t v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
    return buf;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

double timeout_seconds() {
    const std::string v = env_or("TT_EMU_TIMEOUT", "60");
    char* end = nullptr;
    const double s = std::strtod(v.c_str(), &end);
    if (end == v.c_str()) {
        throw EmuError("TT_EMU_TIMEOUT='" + v + "' is not a number of seconds");
    }
    return s;
}

// L1 of a core, below 4 GiB so that an L1 address (uint32_t) is also a host address.
std::uint8_t* map_l1(std::size_t size, bool& low) {
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    if (p != MAP_FAILED && reinterpret_cast<std::uintptr_t>(p) + size <= 0xffffffffu) {
        low = true;
        return static_cast<std::uint8_t*>(p);
    }
    if (p != MAP_FAILED) {
        ::munmap(p, size);
    }
    p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        throw EmuError(std::string("cannot map emulated L1: ") + std::strerror(errno));
    }
    low = false;
    return static_cast<std::uint8_t*>(p);
}

std::string json_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

// ------------------------------------------------------------------ parameters, names

DeviceParams DeviceParams::from_env() {
    DeviceParams p;
    p.arch = env_or("TT_EMU_ARCH", "wormhole_b0");
    if (p.arch == "wormhole_b0") {
        p.grid_x = 8;
        p.grid_y = 10;
        p.l1_size = 1499136;
        p.dram_banks = 12;
        p.dram_alignment = 32;
        p.max_cbs = 32;
    } else if (p.arch == "blackhole") {
        p.grid_x = 14;
        p.grid_y = 10;
        p.l1_size = 1572864;
        p.dram_banks = 8;
        p.dram_alignment = 64;
        p.max_cbs = 64;
    } else {
        throw EmuError("TT_EMU_ARCH='" + p.arch + "': the emulator knows wormhole_b0 and blackhole");
    }
    // A card (the plan's `device`) narrows its architecture's die to the compute grid tt-metal
    // programs see on it and sets its DRAM banks (tt_dialect/device.py has the table).
    const std::string card = env_or("TT_EMU_DEVICE", "");
    if (!card.empty()) {
        struct Card {
            const char* name;
            const char* arch;
            std::uint32_t grid_x, grid_y, dram_banks;
        };
        static const Card cards[] = {
            {"n150", "wormhole_b0", 8, 8, 12},
            {"n300", "wormhole_b0", 8, 7, 12},
            {"p100", "blackhole", 11, 10, 7},
            {"p150", "blackhole", 13, 10, 8},
        };
        const Card* found = nullptr;
        for (const Card& c : cards) {
            if (card == c.name) found = &c;
        }
        if (found == nullptr) {
            throw EmuError("TT_EMU_DEVICE='" + card + "': the emulator knows n150, n300, p100 and p150");
        }
        if (p.arch != found->arch) {
            throw EmuError("TT_EMU_DEVICE='" + card + "' is a " + found->arch + " card, but TT_EMU_ARCH='" + p.arch +
                           "'");
        }
        p.grid_x = found->grid_x;
        p.grid_y = found->grid_y;
        p.dram_banks = found->dram_banks;
    }
    const std::string grid = env_or("TT_EMU_GRID", "");
    if (!grid.empty()) {
        unsigned gx = 0, gy = 0;
        if (std::sscanf(grid.c_str(), "%ux%u", &gx, &gy) != 2 || gx == 0 || gy == 0) {
            throw EmuError("TT_EMU_GRID='" + grid + "' is not XxY");
        }
        p.grid_x = gx;
        p.grid_y = gy;
    }
    return p;
}

std::string DramBuffer::describe() const {
    return "DRAM buffer " + name + " (" + std::to_string(num_pages) + " pages of " + std::to_string(page_size) +
           " B at address " + hex(address) + ")";
}

std::string KernelSpec::kind_name() const {
    switch (kind) {
        case KernelKind::DataMovement0: return "RISCV_0";
        case KernelKind::DataMovement1: return "RISCV_1";
        case KernelKind::Compute: return "compute";
    }
    return "?";
}

// ------------------------------------------------------------------ device and DRAM

DeviceImpl::DeviceImpl(DeviceParams params) : params_(std::move(params)), next_address_(0x40000) {
    const std::string names = env_or("TT_EMU_BUFFER_NAMES", "");
    if (!names.empty()) {
        buffer_names_ = split(names, ',');
    }
}

DeviceImpl::~DeviceImpl() = default;

DramBuffer* DeviceImpl::allocate(std::uint64_t size, std::uint64_t page_size) {
    if (page_size == 0 || size % page_size != 0) {
        throw EmuError("MeshBuffer::create: buffer size " + std::to_string(size) + " is not a multiple of its page size " +
                       std::to_string(page_size));
    }
    std::lock_guard<std::mutex> lock(mu_);
    auto b = std::make_unique<DramBuffer>();
    b->index = static_cast<int>(buffers_.size());
    b->name = b->index < static_cast<int>(buffer_names_.size()) ? buffer_names_[b->index]
                                                                : "buffer" + std::to_string(b->index);
    b->size = size;
    b->page_size = static_cast<std::uint32_t>(page_size);
    const std::uint32_t align = params_.dram_alignment;
    b->aligned_page = (b->page_size + align - 1) / align * align;
    b->num_pages = static_cast<std::uint32_t>(size / page_size);
    const std::uint64_t pages_per_bank = (b->num_pages + params_.dram_banks - 1) / params_.dram_banks;
    b->per_bank_bytes = pages_per_bank * b->aligned_page;
    b->address = next_address_;
    const std::uint64_t bank_limit = 1ull << 30;  // 1 GiB per bank
    if (b->address + b->per_bank_bytes > bank_limit) {
        throw EmuError("MeshBuffer::create: out of emulated DRAM (" + std::to_string(size) + " B more)");
    }
    next_address_ += (b->per_bank_bytes + 4095) / 4096 * 4096;
    // Pages nobody writes read back as 0xFF bytes: NaN in every float format, so a missing write
    // shows in the output.
    b->data.assign(static_cast<std::size_t>(b->num_pages) * b->aligned_page, 0xFF);
    buffers_.push_back(std::move(b));
    return buffers_.back().get();
}

void DeviceImpl::free(DramBuffer* buffer) {
    std::lock_guard<std::mutex> lock(mu_);
    buffer->alive = false;
    buffer->data.clear();
    buffer->data.shrink_to_fit();
}

void DeviceImpl::write(DramBuffer& b, const void* src, std::size_t bytes) {
    if (!b.alive) {
        throw EmuError("EnqueueWriteMeshBuffer: " + b.describe() + " was deallocated");
    }
    if (bytes < b.size) {
        throw EmuError("EnqueueWriteMeshBuffer: the host data holds " + std::to_string(bytes) + " bytes; " + b.describe() +
                       " needs " + std::to_string(b.size));
    }
    host_bytes_written_ += b.size;
    const auto* s = static_cast<const std::uint8_t*>(src);
    for (std::uint32_t p = 0; p < b.num_pages; ++p) {
        std::memcpy(b.data.data() + std::size_t(p) * b.aligned_page, s + std::size_t(p) * b.page_size, b.page_size);
    }
}

void DeviceImpl::read(const DramBuffer& b, void* dst, std::size_t bytes) const {
    if (!b.alive) {
        throw EmuError("EnqueueReadMeshBuffer: " + b.describe() + " was deallocated");
    }
    if (bytes < b.size) {
        throw EmuError("EnqueueReadMeshBuffer: the host vector holds " + std::to_string(bytes) + " bytes; " + b.describe() +
                       " has " + std::to_string(b.size));
    }
    host_bytes_read_ += b.size;
    auto* d = static_cast<std::uint8_t*>(dst);
    for (std::uint32_t p = 0; p < b.num_pages; ++p) {
        std::memcpy(d + std::size_t(p) * b.page_size, b.data.data() + std::size_t(p) * b.aligned_page, b.page_size);
    }
}

DramBuffer* DeviceImpl::buffer_at(std::uint64_t address) {
    for (auto& b : buffers_) {
        if (b->address == address && b->alive) {
            return b.get();
        }
    }
    return nullptr;
}

DramBuffer* DeviceImpl::buffer_containing(std::uint64_t offset) {
    for (auto& b : buffers_) {
        if (b->alive && offset >= b->address && offset < b->address + b->per_bank_bytes) {
            return b.get();
        }
    }
    return nullptr;
}

std::string DeviceImpl::dram_copy(std::uint32_t bank, std::uint64_t offset, std::uint8_t* l1, std::uint32_t size,
                                  bool to_dram) {
    if (bank >= params_.dram_banks) {
        return "DRAM bank " + std::to_string(bank) + " does not exist (the device has " + std::to_string(params_.dram_banks) + ")";
    }
    DramBuffer* b = buffer_containing(offset);
    if (!b) {
        return std::string(to_dram ? "write to" : "read from") + " DRAM bank " + std::to_string(bank) + " at " + hex(offset) +
               ", which no buffer holds";
    }
    const std::uint64_t rel = offset - b->address;
    std::uint64_t page = (rel / b->aligned_page) * params_.dram_banks + bank;
    std::uint32_t within = static_cast<std::uint32_t>(rel % b->aligned_page);
    std::uint32_t left = size;
    while (left > 0) {
        if (page >= b->num_pages) {
            return std::string(to_dram ? "write" : "read") + " of " + std::to_string(size) + " B runs past the end of " +
                   b->describe() + " (page " + std::to_string(page) + ")";
        }
        const std::uint32_t chunk = std::min<std::uint32_t>(left, b->aligned_page - within);
        std::uint8_t* mem = b->data.data() + page * b->aligned_page + within;
        if (to_dram) {
            std::memcpy(mem, l1, chunk);
        } else {
            std::memcpy(l1, mem, chunk);
        }
        l1 += chunk;
        left -= chunk;
        within = 0;
        page += params_.dram_banks;
    }
    if (to_dram) {
        b->bytes_written += size;
        b->writes += 1;
    } else {
        b->bytes_read += size;
        b->reads += 1;
    }
    return {};
}

// ------------------------------------------------------------------ run: cores and threads

void Core::wake(Run& run, std::uint64_t now) {
    for (Thread* t : threads) {
        if (t->finished || t->waiting.kind == Waiting::None) {
            continue;
        }
        std::uint64_t at = now;
        bool ready;
        if (t->waiting.kind == Waiting::Semaphore) {
            const std::uint32_t v = word(t->waiting.offset);
            ready = t->waiting.at_least ? v >= t->waiting.value : v == t->waiting.value;
            at = stamp(t->waiting.offset);  // when the value it waits for landed
        } else {
            const CBState* c = cb(t->waiting.cb);
            ready = t->waiting.kind == Waiting::Reserve ? c->can_reserve(t->waiting.pages) : c->can_wait(t->waiting.pages);
        }
        if (ready) {
            t->waiting.kind = Waiting::None;
            t->counted = true;
            run.running.fetch_add(1);
            // It resumes when it is the ready thread of smallest clock; its clock is then at
            // least `now`, the time of the push or pop that satisfied it.
            std::lock_guard<std::mutex> lock(run.sched_mu);
            run.make_ready(t, std::max(t->clock, at));
        }
    }
}

std::string Core::word_name(std::uint32_t offset) const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%x", l1_base + offset);
    if (offset >= sem_base && offset < sem_base + kMaxSemaphores * kSemaphoreStride && (offset - sem_base) % kSemaphoreStride == 0) {
        return "semaphore " + std::to_string((offset - sem_base) / kSemaphoreStride) + " (L1 " + buf + ")";
    }
    return std::string("L1 word ") + buf;
}

void Thread::enter(const char* call) {
    if (call != nullptr) {
        last_call.store(call, std::memory_order_relaxed);
    }
    if (run->abort.load(std::memory_order_relaxed)) {
        throw KernelAbort{};
    }
}

void Thread::violation(const std::string& what) {
    run->record_fault("kernel " + name + ": " + what);
    throw KernelAbort{};
}

void Thread::block(std::unique_lock<std::mutex>& lock, const Waiting& w, const char* call) {
    waiting = w;
    waiting_call = call;
    counted = false;
    {
        std::lock_guard<std::mutex> s(run->sched_mu);
        run->pass_token();
    }
    if (run->running.fetch_sub(1) == 1) {
        run->signal_stopped();
    }
    lock.unlock();
    wait_token();  // a waker made this thread ready (Core::wake); or the run ends
    lock.lock();
    if (run->abort.load()) {
        throw KernelAbort{};
    }
}

void Thread::sync() {
    {
        std::lock_guard<std::mutex> s(run->sched_mu);
        if (run->ready.empty() || *run->ready.begin() > std::make_pair(clock, order)) {
            return;  // no other thread could still act at an earlier time: go on
        }
        run->make_ready(this, clock);
        run->pass_token();
    }
    wait_token();
}

void Thread::wait_token() {
    std::unique_lock<std::mutex> s(run->sched_mu);
    token_cv.wait(s, [&] { return go || run->abort.load(); });
    go = false;
    if (run->abort.load()) {
        throw KernelAbort{};
    }
}

void Run::make_ready(Thread* t, std::uint64_t key) { ready.insert({key, t->order}); }

void Run::pass_token() {
    if (ready.empty()) {
        return;
    }
    Thread* next = by_order[ready.begin()->second];
    ready.erase(ready.begin());
    next->go = true;
    next->token_cv.notify_one();
}

void Run::record_fault(const std::string& message) {
    {
        std::lock_guard<std::mutex> lock(mu);
        if (fault.empty()) {
            fault = message;
        }
        abort.store(true);
    }
    cv.notify_all();
}

void Run::signal_stopped() {
    {
        std::lock_guard<std::mutex> lock(mu);
        stopped = true;
    }
    cv.notify_all();
}

void Run::wake_all() {
    std::lock_guard<std::mutex> lock(sched_mu);
    for (Thread* t : by_order) {
        t->token_cv.notify_all();
    }
}

namespace {

std::string waiting_text(const Thread& t) {
    if (t.waiting.kind == Waiting::Semaphore) {
        return t.name + " waits in " + t.waiting_call + "(" + t.core->word_name(t.waiting.offset) + ", " +
               std::to_string(t.waiting.value) + "): " + t.core->word_name(t.waiting.offset) + " of " + t.core->name() +
               " holds " + std::to_string(t.core->word(t.waiting.offset)) + ", waiting for " +
               (t.waiting.at_least ? "at least " : "exactly ") + std::to_string(t.waiting.value);
    }
    const CBState* cb = t.core->cb(t.waiting.cb);
    return t.name + " waits in " + t.waiting_call + "(CB " + std::to_string(t.waiting.cb) + ", " +
           std::to_string(t.waiting.pages) + "): " + (cb ? cb->counts() : "no such CB");
}

}  // namespace

std::string Run::blocked_report(std::size_t max_lines) const {
    std::vector<std::string> lines;
    std::vector<std::string> done;
    for (const auto& c : cores) {
        std::lock_guard<std::mutex> lock(c->mu);
        for (const Thread* t : c->threads) {
            if (t->finished) {
                done.push_back(t->name);
            } else if (t->waiting.kind != Waiting::None) {
                lines.push_back(waiting_text(*t));
            }
        }
    }
    std::string out;
    for (std::size_t i = 0; i < lines.size() && i < max_lines; ++i) {
        out += "\n  " + lines[i];
    }
    if (lines.size() > max_lines) {
        out += "\n  ... and " + std::to_string(lines.size() - max_lines) + " more blocked kernels";
    }
    if (!done.empty()) {
        out += "\n  finished: " + std::to_string(done.size()) + " kernel" + (done.size() == 1 ? "" : "s") + " (" + done[0] +
               (done.size() > 1 ? ", ..." : "") + ")";
    }
    return out;
}

std::string Run::state_report(std::size_t max_lines) const {
    std::vector<std::string> lines;
    int finished_count = 0;
    for (const auto& c : cores) {
        std::lock_guard<std::mutex> lock(c->mu);
        for (const Thread* t : c->threads) {
            if (t->finished) {
                ++finished_count;
            } else if (t->waiting.kind != Waiting::None) {
                lines.push_back(waiting_text(*t));
            } else {
                lines.push_back(t->name + " is running (last call: " + t->last_call.load() + ")");
            }
        }
    }
    std::string out;
    for (std::size_t i = 0; i < lines.size() && i < max_lines; ++i) {
        out += "\n  " + lines[i];
    }
    if (lines.size() > max_lines) {
        out += "\n  ... and " + std::to_string(lines.size() - max_lines) + " more unfinished kernels";
    }
    out += "\n  finished: " + std::to_string(finished_count) + " of " + std::to_string(threads.size()) + " kernels";
    return out;
}

thread_local Thread* t_self = nullptr;

Thread* current_thread(const char* call) {
    Thread* t = t_self;
    if (t == nullptr) {
        std::fprintf(stderr, "tt-emu: %s called outside an emulated kernel\n", call ? call : "a kernel API function");
        std::abort();
    }
    t->enter(call);
    return t;
}

namespace {

// A kernel that crashes (a bad pointer, a stack overflow, a division by zero) is reported with its
// name and core, in the format main.cpp uses for errors, and ends the process.
void crash_handler(int sig, siginfo_t* info, void*) {
    const char* what = sig == SIGSEGV ? "SIGSEGV (invalid memory access)"
                       : sig == SIGBUS ? "SIGBUS (invalid memory access)"
                       : sig == SIGFPE ? "SIGFPE (arithmetic fault)"
                       : sig == SIGILL ? "SIGILL (illegal instruction)"
                                       : "a fatal signal";
    char buf[768];
    int n;
    // Checking mode: a store into the read-only L1 between the CBs and the semaphores of a core.
    const Thread* self = t_self;
    const Core* guarded = nullptr;
    if (self != nullptr && sig == SIGSEGV && self->run != nullptr) {
        const auto* a = static_cast<const std::uint8_t*>(info->si_addr);
        for (const auto& c : self->run->cores) {
            if (c->guard_hi > c->guard_lo && a >= c->l1_host + c->guard_lo && a < c->l1_host + c->guard_hi) {
                guarded = c.get();
                break;
            }
        }
    }
    if (guarded != nullptr) {
        const auto off = static_cast<std::uint32_t>(static_cast<const std::uint8_t*>(info->si_addr) - guarded->l1_host);
        n = std::snprintf(buf, sizeof buf,
                          "%s: error: kernel %s: a store to L1 0x%x of core (%u, %u), which is outside every CB and "
                          "semaphore of the core (last call: %s)\n",
                          program_invocation_short_name, self->name.c_str(), guarded->l1_base + off, guarded->x,
                          guarded->y, self->last_call.load());
    } else if (const Thread* t = self) {
        n = std::snprintf(buf, sizeof buf, "%s: error: kernel %s crashed with %s at address %p (last call: %s)\n",
                          program_invocation_short_name, t->name.c_str(), what, info->si_addr, t->last_call.load());
    } else {
        n = std::snprintf(buf, sizeof buf, "%s: error: the host program crashed with %s at address %p\n",
                          program_invocation_short_name, what, info->si_addr);
    }
    if (n > 0) {
        [[maybe_unused]] ssize_t w = ::write(2, buf, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1));
    }
    ::_exit(1);
}

void install_crash_handler() {
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction sa {};
        sa.sa_sigaction = crash_handler;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&sa.sa_mask);
        for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) {
            ::sigaction(sig, &sa, nullptr);
        }
    });
}

void thread_main(Thread* t) {
    t_self = t;
    // An alternate signal stack, so that a kernel's stack overflow is reported too.
    constexpr std::size_t kAltStack = 64 * 1024;
    std::unique_ptr<char[]> alt(new char[kAltStack]);
    stack_t ss{};
    ss.ss_sp = alt.get();
    ss.ss_size = kAltStack;
    ::sigaltstack(&ss, nullptr);
    bool ok = false;
    try {
        t->wait_token();
        t->spec->entry();
        ok = true;
    } catch (const KernelAbort&) {
    } catch (const std::exception& e) {
        t->run->record_fault("kernel " + t->name + ": uncaught exception: " + e.what());
    } catch (...) {
        t->run->record_fault("kernel " + t->name + ": uncaught exception");
    }
    bool was_counted;
    {
        std::lock_guard<std::mutex> lock(t->core->mu);
        t->finished = true;
        t->waiting.kind = Waiting::None;
        was_counted = t->counted;
        t->counted = false;
    }
    {
        std::lock_guard<std::mutex> lock(t->run->sched_mu);
        t->run->pass_token();
    }
    if (ok) {
        t->run->finished.fetch_add(1);
    }
    {
        std::lock_guard<std::mutex> lock(t->run->mu);
        t->run->exited.fetch_add(1);
    }
    t->run->cv.notify_all();
    if (was_counted && t->run->running.fetch_sub(1) == 1) {
        t->run->signal_stopped();
    }
    ss.ss_flags = SS_DISABLE;
    ::sigaltstack(&ss, nullptr);
    t_self = nullptr;
}

std::string core_text(XY c) { return "(" + std::to_string(c.first) + ", " + std::to_string(c.second) + ")"; }

}  // namespace

void DeviceImpl::run(ProgramImpl& program) {
    install_crash_handler();
    const BuildResult built = build_kernels(program, params_);
    add_build(built.seconds, built.built, built.cache_hits);

    Run run;
    run.check = env_or("TT_EMU_CHECK", "1") != "0";
    run.device = this;
    run.program = &program;

    // Cores: every core a kernel runs on.
    for (const KernelSpec& k : program.kernels) {
        for (const XY& xy : k.cores) {
            if (xy.first >= params_.grid_x || xy.second >= params_.grid_y) {
                throw EmuError("kernel " + k.display + " is placed on core " + core_text(xy) + ", outside the " +
                               std::to_string(params_.grid_x) + "x" + std::to_string(params_.grid_y) + " worker grid");
            }
            if (!run.core_at.count(xy)) {
                auto c = std::make_unique<Core>();
                c->x = xy.first;
                c->y = xy.second;
                c->cbs.resize(params_.max_cbs);
                run.core_at[xy] = c.get();
                run.cores.push_back(std::move(c));
            }
        }
    }
    std::sort(run.cores.begin(), run.cores.end(),
              [](const auto& a, const auto& b) { return a->y < b->y || (a->y == b->y && a->x < b->x); });

    struct Unmap {
        Run& r;
        ~Unmap() {
            for (auto& c : r.cores) {
                if (c->l1_host) {
                    ::munmap(c->l1_host, c->l1_mapped);
                }
            }
        }
    } unmap{run};

    // L1 and circular buffers.
    for (auto& c : run.cores) {
        c->l1_size = params_.l1_size;
        c->l1_mapped = (params_.l1_size + 4095) / 4096 * 4096;
        c->l1_host = map_l1(c->l1_mapped, c->l1_is_host_address);
        c->l1_base = c->l1_is_host_address
                         ? static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(c->l1_host))
                         : 0x10000000u;
        std::uint32_t offset = 0;
        const XY xy{c->x, c->y};
        // Semaphores: a region of kMaxSemaphores 16-byte slots at the top of L1, each created
        // semaphore set to its initial value when the program runs.
        c->sem_base = (params_.l1_size - kMaxSemaphores * kSemaphoreStride) / 32 * 32;
        for (const SemaphoreSpec& sem : program.semaphores) {
            if (std::find(sem.cores.begin(), sem.cores.end(), xy) == sem.cores.end()) {
                continue;
            }
            c->sem_defined.set(sem.id);
            const std::uint32_t at = c->sem_base + sem.id * kSemaphoreStride;
            std::memset(c->l1_host + at, 0, kSemaphoreStride);
            std::memcpy(c->l1_host + at, &sem.initial_value, 4);
        }
        for (const CBSpec& spec : program.cbs) {
            if (std::find(spec.cores.begin(), spec.cores.end(), xy) == spec.cores.end()) {
                continue;
            }
            offset = (offset + 31) / 32 * 32;
            if (std::uint64_t(offset) + spec.total_size > c->sem_base) {
                throw EmuError("the circular buffers of core " + core_text(xy) + " need more than the " +
                               std::to_string(c->sem_base) + " B of L1 a core has for them (" +
                               std::to_string(params_.l1_size) + " B, less the semaphore region)");
            }
            std::memset(c->l1_host + offset, 0xFF, spec.total_size);
            for (const auto& [index, fmt_page] : spec.buffers) {
                if (index >= params_.max_cbs) {
                    throw EmuError("CB " + std::to_string(index) + " does not exist on " + params_.arch + " (" +
                                   std::to_string(params_.max_cbs) + " CBs per core)");
                }
                if (c->cbs[index]) {
                    throw EmuError("CB " + std::to_string(index) + " is created twice on core " + core_text(xy));
                }
                const std::uint32_t page = fmt_page.second;
                if (page == 0) {
                    throw EmuError("CB " + std::to_string(index) + " has no page size (CircularBufferConfig::set_page_size)");
                }
                auto cb = std::make_unique<CBState>();
                cb->index = index;
                cb->format = fmt_page.first;
                cb->page_size = page;
                cb->num_pages = spec.total_size / page;
                cb->base = c->l1_base + offset;
                cb->host = c->l1_host + offset;
                c->cbs[index] = std::move(cb);
            }
            offset += spec.total_size;
        }
        // Checking mode: the L1 between the CBs and the semaphores (whole OS pages) is read-only,
        // so that a kernel's plain store there (get_write_ptr arithmetic gone wrong) is reported
        // by the crash handler as a store outside every CB and semaphore.
        if (run.check) {
            const std::size_t lo = (std::size_t(offset) + 4095) / 4096 * 4096;
            const std::size_t hi = std::size_t(c->sem_base) / 4096 * 4096;
            if (hi > lo && ::mprotect(c->l1_host + lo, hi - lo, PROT_READ) == 0) {
                c->guard_lo = static_cast<std::uint32_t>(lo);
                c->guard_hi = static_cast<std::uint32_t>(hi);
            }
        }
    }

    // Threads: one per (kernel, core).
    static const std::vector<std::uint32_t> no_args;
    for (const KernelSpec& k : program.kernels) {
        for (const XY& xy : k.cores) {
            Core* core = run.core_at[xy];
            for (const Thread* other : core->threads) {
                if (other->spec->kind == k.kind) {
                    throw EmuError("kernels " + other->spec->display + " and " + k.display + " both run on " + k.kind_name() +
                                   " of core " + core_text(xy));
                }
            }
            auto t = std::make_unique<Thread>();
            t->run = &run;
            t->core = core;
            t->spec = &k;
            auto args = k.runtime_args.find(xy);
            t->args = args == k.runtime_args.end() ? &no_args : &args->second;
            t->name = k.display + " (" + k.kind_name() + ") on core " + core_text(xy);
            if (k.kind == KernelKind::Compute) {
                auto cs = std::make_unique<ComputeState>();
                cs->fp32 = k.fp32_dest_acc;
                cs->full_sync = k.dst_full_sync;
                cs->sections = k.dst_full_sync ? 1 : 2;
                cs->capacity = (k.dst_full_sync ? 16 : 8) / (k.fp32_dest_acc ? 2 : 1);
                cs->dst.assign(std::size_t(cs->sections) * cs->capacity * kTileElems, 0.0f);
                cs->dst_written.assign(std::size_t(cs->sections) * cs->capacity, 0);
                cs->dst_taint.assign(std::size_t(cs->sections) * cs->capacity, CBState::kClean);
                t->compute = std::move(cs);
            }
            core->threads.push_back(t.get());
            run.threads.push_back(std::move(t));
        }
    }

    // Modeled time: the cost table, the DRAM banks, and the threads' tie-break order
    // (core by row then column, then kernel: RISCV_0, RISCV_1, compute). Every thread starts
    // ready at cycle 0; the first in that order gets the token.
    run.perf = PerfParams::for_arch(params_.arch);
    run.dram_bank.assign(params_.dram_banks, Resource{});
    for (auto& t : run.threads) {
        run.by_order.push_back(t.get());
    }
    std::sort(run.by_order.begin(), run.by_order.end(), [](const Thread* a, const Thread* b) {
        return std::make_tuple(a->core->y, a->core->x, static_cast<int>(a->spec->kind)) <
               std::make_tuple(b->core->y, b->core->x, static_cast<int>(b->spec->kind));
    });
    {
        std::lock_guard<std::mutex> lock(run.sched_mu);
        for (std::size_t i = 0; i < run.by_order.size(); ++i) {
            run.by_order[i]->order = static_cast<int>(i);
            run.make_ready(run.by_order[i], 0);
        }
        run.pass_token();
    }

    const double limit = timeout_seconds();
    const auto start = std::chrono::steady_clock::now();
    run.running.store(static_cast<int>(run.threads.size()));
    if (run.threads.empty()) {
        run.stopped = true;
    }
    // TT_EMU_THREAD_START=reverse starts the OS threads in the opposite order: modeled time must
    // not change (tests/test_emu_perf.py).
    const bool reverse = env_or("TT_EMU_THREAD_START", "") == "reverse";
    for (std::size_t i = 0; i < run.threads.size(); ++i) {
        Thread* tp = run.threads[reverse ? run.threads.size() - 1 - i : i].get();
        tp->handle = std::thread([tp] { thread_main(tp); });
    }

    // Controller: wait for the end of the run, a fault, or the time limit.
    const int total = static_cast<int>(run.threads.size());
    bool timed_out = false;
    {
        std::unique_lock<std::mutex> lock(run.mu);
        auto done = [&] { return run.stopped || !run.fault.empty(); };
        if (limit > 0) {
            const auto deadline = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                              std::chrono::duration<double>(limit));
            timed_out = !run.cv.wait_until(lock, deadline, done);
        } else {
            run.cv.wait(lock, done);
        }
    }
    std::string fault;
    {
        std::lock_guard<std::mutex> lock(run.mu);
        fault = run.fault;
    }
    if (fault.empty() && timed_out) {
        char secs[32];
        std::snprintf(secs, sizeof secs, "%g", limit);
        fault = std::string("time limit of ") + secs + " s exceeded (TT_EMU_TIMEOUT); kernel states:" + run.state_report(8);
    } else if (fault.empty() && run.finished.load() < total) {
        fault = "deadlock: every unfinished kernel is blocked and none can make progress:" + run.blocked_report(8);
    }
    if (!fault.empty()) {
        run.record_fault(fault);
        run.wake_all();
        // Every API call and every blocked wait ends the kernel now; a kernel spinning without API
        // calls cannot be stopped, so the process ends after a grace period.
        std::unique_lock<std::mutex> lock(run.mu);
        const bool all_out =
            run.cv.wait_for(lock, std::chrono::seconds(2), [&] { return run.exited.load() == total; });
        if (!all_out) {
            std::fprintf(stderr, "%s: error: %s\n", program_invocation_short_name, fault.c_str());
            std::fflush(stderr);
            ::_exit(1);
        }
    }
    for (auto& t : run.threads) {
        t->handle.join();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    // Counters.
    {
        std::lock_guard<std::mutex> lock(mu_);
        ++runs_;
        run_seconds_ += seconds;
        std::uint64_t makespan = 0;
        std::map<XY, std::uint64_t> core_cycles;
        for (const Thread* t : run.by_order) {
            const XY xy{t->core->x, t->core->y};
            kernel_times_.push_back({runs_ - 1, t->spec->display, t->spec->kind_name(), xy, t->clock});
            core_cycles[xy] = std::max(core_cycles[xy], t->clock);
            makespan = std::max(makespan, t->clock);
        }
        for (const auto& [xy, cycles] : core_cycles) {
            core_stats_[xy].cycles += cycles;
        }
        modeled_cycles_ += makespan;
        for (auto& t : run.threads) {
            CoreStats& s = core_stats_[{t->core->x, t->core->y}];
            s.noc_reads += t->noc_reads;
            s.noc_writes += t->noc_writes;
            s.noc_read_bytes += t->noc_read_bytes;
            s.noc_write_bytes += t->noc_write_bytes;
            s.noc_mcast_writes += t->noc_mcast_writes;
            s.noc_mcast_bytes += t->noc_mcast_bytes;
            s.sem_incs += t->sem_incs;
            if (t->compute) {
                s.matmul += t->compute->matmul;
                s.matmul_blocks += t->compute->matmul_blocks;
                s.binary += t->compute->binary_ops;
                s.copy += t->compute->copies;
                s.sfpu += t->compute->sfpu;
                s.reduce += t->compute->reduces;
                s.pack += t->compute->packs;
                s.fpu_busy += t->compute->fpu_busy;
                s.matmul_busy += t->compute->matmul_busy;
                if (t->compute->fpu_busy > 0) {
                    resource_busy_[{Fpu, t->core->x, t->core->y}] += t->compute->fpu_busy;
                }
            }
        }
        for (std::size_t bank = 0; bank < run.dram_bank.size(); ++bank) {
            if (run.dram_bank[bank].busy > 0) {
                resource_busy_[{DramBank, static_cast<std::uint32_t>(bank), 0}] += run.dram_bank[bank].busy;
            }
        }
        for (auto& c : run.cores) {
            if (c->niu_inject.busy > 0) {
                resource_busy_[{NiuInject, c->x, c->y}] += c->niu_inject.busy;
            }
            if (c->niu_absorb.busy > 0) {
                resource_busy_[{NiuAbsorb, c->x, c->y}] += c->niu_absorb.busy;
            }
        }
        for (auto& c : run.cores) {
            CoreStats& s = core_stats_[{c->x, c->y}];
            for (const auto& cb : c->cbs) {
                if (!cb) {
                    continue;
                }
                CoreStats::CB& out = s.cbs[cb->index];
                out.pages = cb->num_pages;
                out.page_size = cb->page_size;
                out.high_water = std::max(out.high_water, cb->high_water);
                out.high_water_with_reserved = std::max(out.high_water_with_reserved, cb->high_water_with_reserved);
                out.pages_pushed += cb->received;
            }
        }
    }
    write_stats();
    if (!fault.empty()) {
        throw EmuError(fault);
    }
}

// ------------------------------------------------------------------ counters as JSON

void DeviceImpl::write_stats() const {
    const char* path = std::getenv("TT_EMU_STATS");
    if (path == nullptr || *path == '\0') {
        return;
    }
    std::ostringstream o;
    o << "{\n  \"emulator\": \"tt-emu\",\n  \"arch\": \"" << params_.arch << "\",\n";
    o << "  \"runs\": " << runs_ << ",\n  \"run_seconds\": " << run_seconds_ << ",\n";
    const double ghz = PerfParams::for_arch(params_.arch).clock_ghz;
    auto us = [&](std::uint64_t cycles) { return static_cast<double>(cycles) / (ghz * 1000.0); };
    o << "  \"clock_ghz\": " << ghz << ",\n  \"modeled_cycles\": " << modeled_cycles_
      << ",\n  \"modeled_us\": " << us(modeled_cycles_) << ",\n";
    o << "  \"kernels\": [";
    for (std::size_t i = 0; i < kernel_times_.size(); ++i) {
        const KernelTime& k = kernel_times_[i];
        o << (i ? ",\n" : "\n") << "    {\"run\": " << k.run << ", \"kernel\": \"" << json_escape(k.kernel)
          << "\", \"processor\": \"" << k.processor << "\", \"core\": [" << k.core.first << ", " << k.core.second
          << "], \"cycles\": " << k.cycles << ", \"us\": " << us(k.cycles) << "}";
    }
    o << (kernel_times_.empty() ? "]" : "\n  ]") << ",\n";
    o << "  \"kernel_build_seconds\": " << build_seconds_ << ",\n  \"kernel_builds\": " << kernel_builds_
      << ",\n  \"kernel_cache_hits\": " << kernel_cache_hits_ << ",\n";
    o << "  \"dram\": [";
    bool first = true;
    std::uint64_t total_read = 0, total_written = 0;
    for (const auto& b : buffers_) {
        o << (first ? "\n" : ",\n") << "    {\"buffer\": " << b->index << ", \"name\": \"" << json_escape(b->name)
          << "\", \"address\": " << b->address << ", \"size\": " << b->size << ", \"page_size\": " << b->page_size
          << ", \"pages\": " << b->num_pages << ", \"bytes_read\": " << b->bytes_read.load()
          << ", \"bytes_written\": " << b->bytes_written.load() << ", \"read_transactions\": " << b->reads.load()
          << ", \"write_transactions\": " << b->writes.load() << "}";
        total_read += b->bytes_read.load();
        total_written += b->bytes_written.load();
        first = false;
    }
    o << (first ? "]" : "\n  ]") << ",\n";
    std::uint64_t reads = 0, writes = 0, read_bytes = 0, write_bytes = 0;
    std::uint64_t mcasts = 0, mcast_bytes = 0, sem_incs = 0;
    std::uint64_t matmul = 0, matmul_blocks = 0, binary = 0, copy = 0, sfpu = 0, pack = 0, reduce = 0;
    for (const auto& [xy, s] : core_stats_) {
        mcasts += s.noc_mcast_writes;
        mcast_bytes += s.noc_mcast_bytes;
        sem_incs += s.sem_incs;
        reads += s.noc_reads;
        writes += s.noc_writes;
        read_bytes += s.noc_read_bytes;
        write_bytes += s.noc_write_bytes;
        matmul += s.matmul;
        matmul_blocks += s.matmul_blocks;
        binary += s.binary;
        copy += s.copy;
        sfpu += s.sfpu;
        pack += s.pack;
        reduce += s.reduce;
    }
    o << "  \"noc\": {\"read_transactions\": " << reads << ", \"write_transactions\": " << writes
      << ", \"read_bytes\": " << read_bytes << ", \"write_bytes\": " << write_bytes << ", \"dram_bytes_read\": " << total_read
      << ", \"dram_bytes_written\": " << total_written << ", \"mcast_writes\": " << mcasts
      << ", \"mcast_bytes\": " << mcast_bytes << ", \"semaphore_incs\": " << sem_incs << "},\n";
    o << "  \"tiles\": {\"matmul\": " << matmul << ", \"matmul_block_calls\": " << matmul_blocks << ", \"binary\": " << binary << ", \"copy\": " << copy
      << ", \"sfpu\": " << sfpu << ", \"reduce\": " << reduce << ", \"pack\": " << pack << "},\n";
    // Modeled performance (docs/perf_model.md, "Derived counters"): the busiest resource, achieved
    // DRAM bandwidth and matmul TFLOP/s, and the roofline.
    {
        const auto saved_precision = o.precision(12);
        const PerfParams perf = PerfParams::for_arch(params_.arch);
        const double cycles = static_cast<double>(modeled_cycles_);
        const double seconds = cycles / (ghz * 1e9);
        auto rate = [&](double amount) { return seconds > 0 ? amount / seconds : 0.0; };
        auto name_of = [](const std::tuple<int, std::uint32_t, std::uint32_t>& key) {
            const auto [kind, a, b] = key;
            const std::string core = "core (" + std::to_string(a) + ", " + std::to_string(b) + ")";
            switch (kind) {
                case Fpu: return "FPU of " + core;
                case DramBank: return "DRAM bank " + std::to_string(a);
                case NiuInject: return "NIU inject of " + core;
                default: return "NIU absorb of " + core;
            }
        };
        const std::tuple<int, std::uint32_t, std::uint32_t>* busiest = nullptr;
        std::uint64_t busiest_cycles = 0;
        for (const auto& [key, busy] : resource_busy_) {
            if (busy > busiest_cycles) {
                busiest = &key;
                busiest_cycles = busy;
            }
        }
        auto util = [&](std::uint64_t busy) { return cycles > 0 ? static_cast<double>(busy) / cycles : 0.0; };
        o << "  \"busiest_resource\": ";
        if (busiest) {
            o << "{\"resource\": \"" << name_of(*busiest) << "\", \"busy_cycles\": " << busiest_cycles
              << ", \"utilization\": " << util(busiest_cycles) << "},\n";
        } else {
            o << "null,\n";
        }
        o << "  \"resources\": [";
        bool first_r = true;
        for (const auto& [key, busy] : resource_busy_) {
            o << (first_r ? "\n" : ",\n") << "    {\"resource\": \"" << name_of(key) << "\", \"busy_cycles\": " << busy
              << ", \"utilization\": " << util(busy) << "}";
            first_r = false;
        }
        o << (first_r ? "]" : "\n  ]") << ",\n";
        const std::uint64_t dram_bytes = total_read + total_written;
        const double flops = 2.0 * static_cast<double>(matmul) * 32.0 * 32.0 * 32.0;
        o << "  \"dram_bytes\": " << dram_bytes << ",\n  \"dram_gb_per_s\": " << rate(static_cast<double>(dram_bytes)) / 1e9
          << ",\n  \"matmul_flops\": " << static_cast<std::uint64_t>(flops) << ",\n  \"tflop_per_s\": " << rate(flops) / 1e12
          << ",\n";
        // Roofline: max(compute floor, compulsory DRAM time).
        std::uint64_t matmul_busy = 0, math_cores = 0;
        for (const auto& [xy, s] : core_stats_) {
            matmul_busy += s.matmul_busy;
            math_cores += s.matmul > 0 ? 1 : 0;
        }
        const double compute_floor = math_cores ? static_cast<double>(matmul_busy) / static_cast<double>(math_cores) : 0.0;
        const std::uint64_t host_bytes = host_bytes_written_.load() + host_bytes_read_.load();
        const double peak = static_cast<double>(params_.dram_banks) * perf.dram_write10 / 10.0;  // B/cycle
        const double dram_floor = static_cast<double>(host_bytes) / peak;
        const double roofline = std::max(compute_floor, dram_floor);
        o << "  \"roofline\": {\"host_bytes_written\": " << host_bytes_written_.load()
          << ", \"host_bytes_read\": " << host_bytes_read_.load() << ", \"peak_dram_bytes_per_cycle\": " << peak
          << ", \"peak_dram_gb_per_s\": " << peak * ghz << ", \"dram_cycles\": " << dram_floor
          << ", \"matmul_cycles\": " << matmul_busy << ", \"math_cores\": " << math_cores
          << ", \"compute_cycles\": " << compute_floor << ", \"cycles\": " << roofline
          << ", \"bound\": \"" << (compute_floor >= dram_floor ? "compute" : "dram") << "\", \"percent\": "
          << (cycles > 0 ? 100.0 * roofline / cycles : 0.0) << "},\n";
        o.precision(saved_precision);
    }
    o << "  \"cores\": [";
    first = true;
    std::vector<std::pair<XY, const CoreStats*>> ordered;
    for (const auto& [xy, s] : core_stats_) {
        ordered.emplace_back(xy, &s);
    }
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
        return a.first.second < b.first.second || (a.first.second == b.first.second && a.first.first < b.first.first);
    });
    for (const auto& [xy, sp] : ordered) {
        const CoreStats& s = *sp;
        o << (first ? "\n" : ",\n") << "    {\"core\": [" << xy.first << ", " << xy.second << "], \"noc_reads\": " << s.noc_reads
          << ", \"noc_writes\": " << s.noc_writes << ", \"noc_read_bytes\": " << s.noc_read_bytes
          << ", \"noc_write_bytes\": " << s.noc_write_bytes << ", \"noc_mcast_writes\": " << s.noc_mcast_writes
          << ", \"noc_mcast_bytes\": " << s.noc_mcast_bytes << ", \"semaphore_incs\": " << s.sem_incs
          << ", \"cycles\": " << s.cycles << ", \"us\": " << us(s.cycles)
          << ", \"fpu_busy_cycles\": " << s.fpu_busy
          << ", \"tiles\": {\"matmul\": " << s.matmul << ", \"matmul_block_calls\": " << s.matmul_blocks
          << ", \"binary\": " << s.binary << ", \"copy\": " << s.copy << ", \"sfpu\": " << s.sfpu << ", \"reduce\": " << s.reduce << ", \"pack\": " << s.pack
          << "}, \"cbs\": [";
        bool first_cb = true;
        for (const auto& [index, cb] : s.cbs) {
            o << (first_cb ? "" : ", ") << "{\"index\": " << index << ", \"pages\": " << cb.pages
              << ", \"page_size\": " << cb.page_size << ", \"high_water_pages\": " << cb.high_water
              << ", \"high_water_pages_with_reserved\": " << cb.high_water_with_reserved
              << ", \"pages_pushed\": " << cb.pages_pushed << "}";
            first_cb = false;
        }
        o << "]}";
        first = false;
    }
    o << (first ? "]" : "\n  ]") << "\n}\n";
    const std::string tmp = std::string(path) + ".tmp";
    {
        std::ofstream f(tmp, std::ios::trunc);
        f << o.str();
    }
    std::rename(tmp.c_str(), path);
}

}  // namespace emu
