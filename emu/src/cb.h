// tt-emu: the state of one circular buffer on one core, without threads (unit-tested).
//
// A CB is `num_pages` pages of `page_size` bytes in L1, used as a FIFO between one producer
// (cb_reserve_back / write / cb_push_back) and one consumer (cb_wait_front / read /
// cb_pop_front), with tt-metal's semantics:
// - the CB counts pages received (pushed) and acked (popped); `occupied = received - acked`;
// - cb_reserve_back(n) waits for `num_pages - occupied >= n`, cb_wait_front(n) for
//   `occupied >= n` (cumulative: n is a total, not an increment);
// - the write and read pointers advance by whole pushes / pops and wrap only when they reach the
//   end exactly ("no other wrap is legal": a producer writes contiguous memory). A reservation,
//   wait, push or pop that would run past the end is a contract violation here, since on the
//   device it reads or writes past the CB.
// On top the emulator tracks what each side has secured: `reserved` (pages the producer waited
// for and has not pushed) and `front` (pages the consumer waited for and has not popped), so it
// can report a push of more than was reserved, a pop of more than was waited for, a pointer
// taken without a reservation / wait, and a tile index past what was secured. A count of 0 is
// legal and changes nothing (tt-metal's own writers wait for and pop 0 padding pages), as on the
// device, where cb_wait_front(0) returns at once and cb_pop_front(0) moves nothing.
//
// The methods that change state return an empty string, or the text of the violation (and then
// change nothing).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "emu/data_format.h"

namespace emu {

struct CBState {
    std::uint32_t index = 0;
    tt::DataFormat format = tt::DataFormat::Float16_b;
    std::uint32_t page_size = 0;
    std::uint32_t num_pages = 0;
    std::uint32_t base = 0;  // device (L1) address of page 0
    std::uint8_t* host = nullptr;  // host address of page 0

    std::uint64_t received = 0;  // pages pushed, ever
    std::uint64_t acked = 0;     // pages popped, ever
    std::uint32_t wr_page = 0;   // page the write pointer is at
    std::uint32_t rd_page = 0;   // page the read pointer is at
    std::uint32_t reserved = 0;  // pages secured by cb_reserve_back and not yet pushed
    std::uint32_t front = 0;     // pages secured by cb_wait_front and not yet popped
    std::uint32_t pack_seq = 0;  // pack_tile<false> position in the reserved region
    // The thread that pushed the pages the CB holds, when one thread pushed them all (nullptr:
    // none, or more than one since the CB was last empty).
    const void* sole_pusher = nullptr;
    bool pushers_mixed = false;
    // The thread on the consumer side (cb_wait_front, cb_pop_front), once one has been seen.
    const void* consumer = nullptr;
    bool consumers_mixed = false;
    void note_consumer(const void* thread) {
        if (consumer == nullptr) {
            consumer = thread;
        } else if (consumer != thread) {
            consumers_mixed = true;
        }
    }
    // `thread` is the CB's only producer and no other thread consumes it: it may use the CB's pages
    // as its own (see check_back_tile).
    bool owned_by(const void* thread) const {
        return sole_pusher == thread && !pushers_mixed && (consumer == nullptr || consumer == thread) && !consumers_mixed;
    }

    // Modeled time, by page slot: when the page in the slot was last pushed, and freed (popped).
    std::vector<std::uint64_t> pushed_at;
    std::vector<std::uint64_t> freed_at;

    // Checking mode (TT_EMU_CHECK, see emu/README.md), by page slot: what the page holds since the
    // slot was last freed: kUnwritten (nothing landed in it), kClean (a NOC transfer, write_zeros or
    // pack_tile wrote it), or >= 0: data computed from a page that was never written (the index of
    // the run's record of where that page was read). `raw_ptr`: the producer took get_write_ptr
    // (or the CB's local interface) since its last push, so it may have filled pages by plain stores.
    static constexpr std::int32_t kUnwritten = -2;
    static constexpr std::int32_t kClean = -1;
    std::vector<std::int32_t> written;
    bool raw_ptr = false;

    std::uint32_t high_water = 0;           // most pages ever occupied (pushed, not popped)
    std::uint32_t high_water_with_reserved = 0;  // ... plus those reserved by the producer

    std::uint32_t occupied() const { return static_cast<std::uint32_t>(received - acked); }
    std::uint32_t free_pages() const { return num_pages - occupied(); }
    std::uint32_t write_ptr() const { return base + wr_page * page_size; }
    std::uint32_t read_ptr() const { return base + rd_page * page_size; }

    std::string name() const { return "CB " + std::to_string(index); }

    std::string counts() const {
        return name() + " holds " + std::to_string(occupied()) + " of " + std::to_string(num_pages) +
               " pages (" + std::to_string(reserved) + " reserved by the producer, " + std::to_string(front) +
               " waited for by the consumer; write pointer at page " + std::to_string(wr_page) +
               ", read pointer at page " + std::to_string(rd_page) + ")";
    }

    // --- producer
    std::string check_reserve(std::int32_t n) const {
        if (n < 0) {
            return "cb_reserve_back(" + name() + ", " + std::to_string(n) + ") with a negative page count";
        }
        if (static_cast<std::uint32_t>(n) > num_pages) {
            return "cb_reserve_back(" + name() + ", " + std::to_string(n) + ") can never be satisfied: the CB has " +
                   std::to_string(num_pages) + " pages";
        }
        if (wr_page + static_cast<std::uint32_t>(n) > num_pages) {
            return "cb_reserve_back(" + name() + ", " + std::to_string(n) + ") at page " + std::to_string(wr_page) +
                   " of " + std::to_string(num_pages) +
                   " would run past the end of the CB (the CB size must be a multiple of what is reserved at once)";
        }
        return {};
    }
    bool can_reserve(std::int32_t n) const { return free_pages() >= static_cast<std::uint32_t>(n); }
    void did_reserve(std::int32_t n) {
        ensure_written();  // (the first time: what the slots hold before the producer writes them)
        reserved = std::max(reserved, static_cast<std::uint32_t>(n));
        high_water_with_reserved = std::max(high_water_with_reserved, occupied() + reserved);
    }

    std::string push(std::int32_t n) {
        if (n < 0) {
            return "cb_push_back(" + name() + ", " + std::to_string(n) + ") with a negative page count";
        }
        const auto un = static_cast<std::uint32_t>(n);
        if (un > reserved) {
            return "cb_push_back(" + name() + ", " + std::to_string(n) + ") pushes more pages than cb_reserve_back secured (" +
                   std::to_string(reserved) + ")";
        }
        if (wr_page + un > num_pages) {
            return "cb_push_back(" + name() + ", " + std::to_string(n) + ") at page " + std::to_string(wr_page) + " of " +
                   std::to_string(num_pages) + " runs past the end of the CB";
        }
        received += un;
        reserved -= un;
        wr_page += un;
        if (wr_page == num_pages) {
            wr_page = 0;
        }
        pack_seq = 0;
        high_water = std::max(high_water, occupied());
        high_water_with_reserved = std::max(high_water_with_reserved, occupied() + reserved);
        return {};
    }

    // --- consumer
    std::string check_wait(std::int32_t n) const {
        if (n < 0) {
            return "cb_wait_front(" + name() + ", " + std::to_string(n) + ") with a negative page count";
        }
        if (static_cast<std::uint32_t>(n) > num_pages) {
            return "cb_wait_front(" + name() + ", " + std::to_string(n) + ") can never be satisfied: the CB has " +
                   std::to_string(num_pages) + " pages";
        }
        if (rd_page + static_cast<std::uint32_t>(n) > num_pages) {
            return "cb_wait_front(" + name() + ", " + std::to_string(n) + ") at page " + std::to_string(rd_page) + " of " +
                   std::to_string(num_pages) +
                   " would read past the end of the CB (the CB size must be a multiple of what is consumed at once)";
        }
        return {};
    }
    bool can_wait(std::int32_t n) const { return occupied() >= static_cast<std::uint32_t>(n); }
    void did_wait(std::int32_t n) { front = std::max(front, static_cast<std::uint32_t>(n)); }

    std::string pop(std::int32_t n) {
        if (n < 0) {
            return "cb_pop_front(" + name() + ", " + std::to_string(n) + ") with a negative page count";
        }
        const auto un = static_cast<std::uint32_t>(n);
        if (un > front) {
            return "cb_pop_front(" + name() + ", " + std::to_string(n) + ") pops more pages than cb_wait_front secured (" +
                   std::to_string(front) + ")";
        }
        acked += un;
        front -= un;
        rd_page += un;
        if (rd_page == num_pages) {
            rd_page = 0;
        }
        return {};
    }

    // --- modeled time (call after a successful check; before push / pop change the counts)
    // The `n` pages about to be pushed become available at `time`.
    void stamp_push(std::int32_t n, std::uint64_t time) {
        stamp(pushed_at, received, n, time);
    }
    // The `n` front pages about to be popped are free again at `time`.
    void stamp_pop(std::int32_t n, std::uint64_t time) {
        stamp(freed_at, acked, n, time);
    }
    // When the first `n` pages at the front (cb_wait_front(n) holds) were pushed: the latest.
    std::uint64_t pushed_time(std::int32_t n) const { return latest(pushed_at, acked, n); }
    // When the `n` pages at the back (cb_reserve_back(n) holds) were freed: the latest.
    std::uint64_t freed_time(std::int32_t n) const { return latest(freed_at, received, n); }

    // --- checked access to what a side has secured
    std::string check_write_ptr(const char* call) const {
        if (reserved == 0) {
            return std::string(call) + "(" + name() + ") without a cb_reserve_back: no page of the CB is reserved";
        }
        return {};
    }
    std::string check_read_ptr(const char* call) const {
        if (front == 0) {
            return std::string(call) + "(" + name() + ") without a cb_wait_front: no page of the CB has been waited for";
        }
        return {};
    }
    // Tile `tile` of the consumer's secured front (unpack side).
    std::string check_front_tile(const char* call, std::uint32_t tile) const {
        if (tile >= front) {
            return std::string(call) + " reads tile " + std::to_string(tile) + " of " + name() + ", but cb_wait_front secured " +
                   std::to_string(front) + " page" + (front == 1 ? "" : "s");
        }
        return {};
    }
    // Tile `tile` of the producer's reserved region (pack side).
    // Beyond the reservation, with `own_pages` (owned_by the caller: a kernel that is the CB's
    // producer and consumer), any slot of the CB is
    // accepted: the packer writes at the write pointer whatever is reserved, and such a kernel
    // knows which pages are free or its own. tt-metal's SDPA rewrites a full CB in place
    // (add_block_inplace: pack_tile into the CB, then pop, reserve and push) and packs into a page
    // it just popped before pushing it (matmul_reduce).
    std::string check_back_tile(const char* call, std::uint32_t tile, bool own_pages = false) const {
        if (own_pages && tile < num_pages) {
            return {};
        }
        if (tile >= reserved) {
            return std::string(call) + " writes tile " + std::to_string(tile) + " of " + name() + ", but cb_reserve_back secured " +
                   std::to_string(reserved) + " page" + (reserved == 1 ? "" : "s");
        }
        return {};
    }

    // --- checking mode: what the page slots hold
    void ensure_written() {
        if (written.size() != num_pages) {
            written.assign(num_pages, kUnwritten);
            freed_digest.assign(num_pages, 0);
            for (std::uint32_t p = 0; p < num_pages; ++p) {
                freed_digest[p] = page_digest(p);
            }
        }
    }
    // What a page slot held when it was last freed (FNV-1a of its bytes; checking mode), so that
    // plain stores into it can be told from no write at all (before_push).
    std::vector<std::uint64_t> freed_digest;
    std::uint64_t page_digest(std::uint32_t slot) const {
        if (host == nullptr) {
            return 0;
        }
        std::uint64_t h = 0xcbf29ce484222325ull;
        const std::uint8_t* p = host + std::size_t(slot) * page_size;
        for (std::uint32_t i = 0; i < page_size; ++i) {
            h = (h ^ p[i]) * 0x100000001b3ull;
        }
        return h;
    }
    std::uint32_t end_addr() const { return base + num_pages * page_size; }
    // Data with state `st` (kClean or an origin) landed in [lo, hi) (device addresses).
    void mark_written(std::uint32_t lo, std::uint32_t hi, std::int32_t st = kClean) {
        const std::uint32_t end = end_addr();
        if (hi <= base || lo >= end || hi <= lo) {
            return;
        }
        ensure_written();
        const std::uint32_t first = (std::max(lo, base) - base) / page_size;
        const std::uint32_t last = (std::min(hi, end) - 1 - base) / page_size;
        for (std::uint32_t p = first; p <= last; ++p) {
            written[p] = st;
        }
    }
    // The producer's raw-store rule, before pushing `n` pages: if it took get_write_ptr since its
    // last push and none of the pushed pages was written through the NOC or the packer, it filled
    // them by plain stores: they count as written. If it NOC-wrote some of them, an unwritten one
    // counts as written when its bytes changed since its slot was freed (stores into it: ttnn's
    // SDPA writer fills its -inf mask tile by stores and the diagonal tile beside it through the
    // NOC); an unchanged one stays unwritten.
    void before_push(std::int32_t n) {
        ensure_written();
        if (raw_ptr) {
            bool any = false;
            for (std::int32_t i = 0; i < n && static_cast<std::uint32_t>(i) < num_pages; ++i) {
                any = any || written[(wr_page + i) % num_pages] != kUnwritten;
            }
            for (std::int32_t i = 0; i < n && static_cast<std::uint32_t>(i) < num_pages; ++i) {
                const std::uint32_t slot = (wr_page + i) % num_pages;
                if (written[slot] == kUnwritten && (!any || page_digest(slot) != freed_digest[slot])) {
                    written[slot] = kClean;
                }
            }
        }
        raw_ptr = false;
    }
    // Before popping `n` pages: their slots are free, unwritten again.
    void before_pop(std::int32_t n) {
        ensure_written();
        for (std::int32_t i = 0; i < n && static_cast<std::uint32_t>(i) < num_pages; ++i) {
            const std::uint32_t slot = (rd_page + i) % num_pages;
            written[slot] = kUnwritten;
            freed_digest[slot] = page_digest(slot);
        }
    }
    // The state of page slot `slot` (kClean until the CB's first push: nothing is tracked before).
    std::int32_t slot_state(std::uint32_t slot) const {
        return written.size() == num_pages ? written[slot % num_pages] : kClean;
    }

    void stamp(std::vector<std::uint64_t>& at, std::uint64_t first, std::int32_t n, std::uint64_t time) {
        if (at.size() != num_pages) {
            at.assign(num_pages, 0);
        }
        for (std::int32_t i = 0; i < n && static_cast<std::uint32_t>(i) < num_pages; ++i) {
            at[(first + i) % num_pages] = time;
        }
    }
    std::uint64_t latest(const std::vector<std::uint64_t>& at, std::uint64_t first, std::int32_t n) const {
        std::uint64_t t = 0;
        for (std::int32_t i = 0; i < n && static_cast<std::uint32_t>(i) < at.size(); ++i) {
            t = std::max(t, at[(first + i) % num_pages]);
        }
        return t;
    }

    std::uint8_t* front_page(std::uint32_t tile) const { return host + static_cast<std::size_t>(rd_page + tile) * page_size; }
    std::uint8_t* back_page(std::uint32_t tile) const { return host + static_cast<std::size_t>(wr_page + tile) * page_size; }
};

}  // namespace emu
