// tt-emu: the cost model of modeled time (pure, unit-tested). docs/perf_model.md lists every cost
// with its source; emu/README.md ("Modeled time") says how the runtime uses them.
//
// Every kernel thread keeps a clock in cycles. A kernel API call advances it by the call's
// cost; CB calls and barriers also move it forward to the time of the event they wait for (a
// push, a pop, the completion of NOC transfers). NOC transfers occupy shared resources (each
// DRAM bank, shared by its reads and writes; each core's NIU inject and absorb side), each a set
// of reserved intervals: a transfer starts when every resource it crosses has a gap for it, and
// keeps each one busy for bytes / that resource's bandwidth. Bandwidths and rates are in tenths
// of a byte per cycle, so that every duration is an exact integer: ceil(bytes * 10 / rate10).
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <utility>
#include <vector>
#include <string>

namespace emu {

struct PerfParams {
    double clock_ghz = 1.0;  // cycles per nanosecond
    // Compute (cycles per 32x32 tile).
    std::uint32_t matmul_lofi = 16;   // one FPU pass of a 32x32x32 tile matmul; x fidelity phases
    std::uint32_t eltwise_pass = 8;   // one FPU pass over a 32x32 tile (add/sub, copy); mul x phases
    std::uint32_t sfpu_simple = 128;  // relu, fill, binop with scalar, binary max / min
    std::uint32_t sfpu_complex = 640; // exp, log, sqrt, recip, gelu, sigmoid, tanh, sin, cos, tan
    std::uint32_t pack = 16;          // pack_tile
    std::uint32_t tile_regs = 2;      // tile_regs_acquire / commit / wait / release
    std::uint32_t cb_call = 4;        // cb_reserve_back / push_back / wait_front / pop_front / queries
    // NOC.
    std::uint32_t noc_issue = 8;      // issuing one read or write (programming the command buffer)
    std::uint32_t barrier = 2;        // a barrier or flush call, besides what it waits for
    std::uint32_t sem_local = 2;      // a semaphore read-modify-write or check in the core's own L1
    std::uint32_t hops = 10;          // nominal hop count of every transfer
    std::uint32_t read_latency_base = 70, read_latency_per_hop = 10;
    std::uint32_t write_latency_base = 40, write_latency_per_hop = 10;
    std::uint32_t link_rate10 = 300;   // NOC link, per transfer (caps the per-size table)
    std::uint32_t niu_rate10 = 281;    // a worker core's NIU, inject and absorb
    // A DRAM bank: one resource (one GDDR channel) booked by reads and writes alike, each at its
    // own rate (tt-npe's bank inject / absorb figures).
    std::uint32_t dram_read10 = 232;   // the bank sending (serving a read)
    std::uint32_t dram_write10 = 240;  // the bank receiving (taking a write)
    double link_scale = 1.0;           // per-size table scale (Blackhole: 60.9 / 30)

    std::uint32_t read_latency() const { return read_latency_base + read_latency_per_hop * hops; }
    std::uint32_t write_latency() const { return write_latency_base + write_latency_per_hop * hops; }
    std::uint32_t fidelity_phases(int fidelity) const { return static_cast<std::uint32_t>(std::max(1, fidelity)); }
    std::uint32_t matmul_cycles(int fidelity) const { return matmul_lofi * fidelity_phases(fidelity); }
    // reduce_tile: one FPU pass over the tile (GAPOOL / GMPOOL, or MVMUL for REDUCE_ROW SUM/AVG,
    // face by face); SUM / AVG multiply by the scaler, so they take the fidelity phases, MAX
    // compares (one pass); REDUCE_SCALAR pools twice (the columns, then the row of results).
    std::uint32_t reduce_cycles(bool max, bool scalar, int fidelity) const {
        return eltwise_pass * (max ? 1 : fidelity_phases(fidelity)) * (scalar ? 2 : 1);
    }

    // The effective rate of one transfer of `bytes` (tenths of B/cycle): tt-npe's Wormhole table,
    // 128 B -> 5.5, 512 B -> 18.0, 1 KB -> 27.4, >= 2 KB -> 30, linear in between (and from 0 B at
    // 0), scaled by `link_scale`.
    std::uint32_t transfer_rate10(std::uint32_t bytes) const {
        static constexpr std::uint32_t size[] = {0, 128, 512, 1024, 2048};
        static constexpr std::uint32_t rate[] = {0, 55, 180, 274, 300};
        std::uint64_t r = rate[4];
        for (int i = 1; i < 5; ++i) {
            if (bytes < size[i]) {
                r = rate[i - 1] + std::uint64_t(rate[i] - rate[i - 1]) * (bytes - size[i - 1]) / (size[i] - size[i - 1]);
                break;
            }
        }
        r = static_cast<std::uint64_t>(static_cast<double>(r) * link_scale + 0.5);
        return static_cast<std::uint32_t>(std::max<std::uint64_t>(r, 1));
    }

    static PerfParams for_arch(const std::string& arch) {
        PerfParams p;
        if (arch == "blackhole") {
            p.clock_ghz = 1.35;
            p.link_rate10 = 609;
            p.link_scale = 60.9 / 30.0;
            p.niu_rate10 = 570;  // 28.1 x 60.9 / 30 (no published Blackhole NIU figure)
            p.dram_read10 = 474;
            p.dram_write10 = 474;
        }
        return p;
    }
};

// Cycles to move `bytes` at `rate10` tenths of a byte per cycle, rounded up.
inline std::uint64_t cycles_for(std::uint64_t bytes, std::uint32_t rate10) {
    return (bytes * 10 + rate10 - 1) / rate10;
}

// A shared resource that serves transfers one at a time. It keeps the intervals it is reserved
// for, so a transfer requested later may take an earlier gap: a core's read waiting for a busy
// DRAM bank does not hold up its next read from an idle bank (responses return out of order on
// the NOC, as tt-npe models them). Intervals that end before the current request are forgotten:
// the caller books in order of request time (see the README on determinism).
struct Resource {
    std::uint64_t free_at = 0;  // end of the latest reservation
    std::uint64_t busy = 0;     // cycles reserved, ever
    std::uint64_t bytes = 0;
    std::map<std::uint64_t, std::uint64_t> reserved;  // start -> end: disjoint, never touching

    // The earliest t >= from with [t, t + duration) free.
    std::uint64_t earliest_gap(std::uint64_t from, std::uint64_t duration) const {
        std::uint64_t t = from;
        auto it = reserved.upper_bound(t);
        if (it != reserved.begin() && std::prev(it)->second > t) {
            t = std::prev(it)->second;
        }
        for (; it != reserved.end() && it->first < t + duration; ++it) {
            t = std::max(t, it->second);
        }
        return t;
    }

    // Reserves [start, start + duration), which must be free (earliest_gap found it).
    void reserve(std::uint64_t start, std::uint64_t duration) {
        busy += duration;
        free_at = std::max(free_at, start + duration);
        if (duration == 0) {
            return;
        }
        std::uint64_t end = start + duration;
        auto next = reserved.lower_bound(start);
        if (next != reserved.begin() && std::prev(next)->second == start) {  // joins the one before
            start = std::prev(next)->first;
            reserved.erase(std::prev(next));
        }
        next = reserved.find(end);
        if (next != reserved.end()) {  // joins the one after
            end = next->second;
            reserved.erase(next);
        }
        reserved[start] = end;
    }

    void forget_before(std::uint64_t t) {
        while (!reserved.empty() && reserved.begin()->second <= t) {
            reserved.erase(reserved.begin());
        }
    }
};

// The earliest start >= now at which every (resource, duration) has a gap of its duration.
template <typename Needs>
inline std::uint64_t earliest_common_start(std::uint64_t now, const Needs& needs) {
    std::uint64_t start = now;
    for (bool moved = true; moved;) {
        moved = false;
        for (const auto& [resource, duration] : needs) {
            const std::uint64_t at = resource->earliest_gap(start, duration);
            if (at != start) {
                start = at;
                moved = true;
            }
        }
    }
    return start;
}

// One NOC transfer over two resources (source side, destination side), requested at `now`.
struct Transfer {
    std::uint64_t start = 0;  // both resources free
    std::uint64_t sent = 0;   // the last byte left the source
    std::uint64_t done = 0;   // the last byte arrived (read) or was acknowledged (write)
};

// Starts a transfer of `bytes` at the earliest time (not before `now`) both resources have a
// gap long enough for it, keeps each busy for bytes / its own rate, and completes after
// `latency` plus bytes / the slowest of the two resources and the transfer's own rate. The
// caller makes sure transfers are booked in order of request time (see the README on
// determinism).
inline Transfer book_transfer(const PerfParams& p, std::uint64_t now, std::uint32_t bytes, Resource& src,
                              std::uint32_t src_rate10, Resource& dst, std::uint32_t dst_rate10,
                              std::uint32_t latency) {
    const std::uint64_t src_busy = cycles_for(bytes, src_rate10);
    const std::uint64_t dst_busy = cycles_for(bytes, dst_rate10);
    src.forget_before(now);
    dst.forget_before(now);
    const std::pair<Resource*, std::uint64_t> needs[] = {{&src, src_busy}, {&dst, dst_busy}};
    Transfer t;
    t.start = earliest_common_start(now, needs);
    src.reserve(t.start, src_busy);
    dst.reserve(t.start, dst_busy);
    src.bytes += bytes;
    dst.bytes += bytes;
    const std::uint32_t rate = std::min({p.transfer_rate10(bytes), src_rate10, dst_rate10});
    const std::uint64_t flow = cycles_for(bytes, rate);
    t.sent = t.start + flow;
    t.done = t.start + flow + latency;
    return t;
}

// One multicast of `bytes` from a source resource to every destination resource, requested at
// `now`: one injection at the source (busy bytes / src_rate) and one absorption at each
// destination (busy bytes / dst_rate), all starting together at the earliest time every one has
// a gap for it; the data flows once at min(per-transfer rate, src_rate, dst_rate) and lands on
// every destination after `latency`. The caller books in order of request time, as for
// book_transfer.
template <typename DstList>
inline Transfer book_multicast(const PerfParams& p, std::uint64_t now, std::uint32_t bytes, Resource& src,
                               std::uint32_t src_rate10, const DstList& dsts, std::uint32_t dst_rate10,
                               std::uint32_t latency) {
    const std::uint64_t src_busy = cycles_for(bytes, src_rate10);
    const std::uint64_t dst_busy = cycles_for(bytes, dst_rate10);
    std::vector<std::pair<Resource*, std::uint64_t>> needs{{&src, src_busy}};
    for (Resource* d : dsts) {
        needs.emplace_back(d, dst_busy);
    }
    for (auto& [resource, duration] : needs) {
        resource->forget_before(now);
    }
    Transfer t;
    t.start = earliest_common_start(now, needs);
    src.reserve(t.start, src_busy);
    src.bytes += bytes;
    for (Resource* d : dsts) {
        d->reserve(t.start, dst_busy);
        d->bytes += bytes;
    }
    const std::uint32_t rate = std::min({p.transfer_rate10(bytes), src_rate10, dst_rate10});
    const std::uint64_t flow = cycles_for(bytes, rate);
    t.sent = t.start + flow;
    t.done = t.start + flow + latency;
    return t;
}

}  // namespace emu
