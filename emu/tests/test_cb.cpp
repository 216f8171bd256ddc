// tt-emu unit tests: circular-buffer ring semantics and contract checks (no threads).
#include <vector>

#include "cb.h"
#include "check.h"

using emu::CBState;

static CBState make_cb(std::uint32_t pages) {
    CBState cb;
    cb.index = 3;
    cb.page_size = 64;
    cb.num_pages = pages;
    cb.base = 0x1000;
    return cb;
}

static void ring() {
    CBState cb = make_cb(4);
    CHECK(cb.free_pages() == 4 && cb.occupied() == 0);
    CHECK(!cb.can_wait(1));
    // Producer: two pages at a time, around the ring several times; consumer follows.
    for (int round = 0; round < 5; ++round) {
        for (int half = 0; half < 2; ++half) {
            CHECK(cb.check_reserve(2).empty());
            CHECK(cb.can_reserve(2));
            cb.did_reserve(2);
            CHECK(cb.check_write_ptr("get_write_ptr").empty());
            CHECK(cb.write_ptr() == 0x1000u + 64u * (2u * half));
            CHECK(cb.push(2).empty());
        }
        CHECK(cb.occupied() == 4 && !cb.can_reserve(1));  // full
        CHECK(cb.wr_page == 0);  // wrapped exactly at the end
        // Consumer: cumulative waits (2 then 4), one pop of 4.
        CHECK(cb.check_wait(2).empty() && cb.can_wait(2));
        cb.did_wait(2);
        cb.did_wait(4);
        CHECK(cb.front == 4);
        CHECK(cb.read_ptr() == 0x1000u);
        CHECK(cb.pop(4).empty());
        CHECK(cb.rd_page == 0 && cb.occupied() == 0);
    }
    CHECK(cb.received == 20 && cb.acked == 20);
    CHECK(cb.high_water == 4);
}

static void violations() {
    CBState cb = make_cb(4);
    CHECK_CONTAINS(cb.check_write_ptr("get_write_ptr"), "without a cb_reserve_back");
    CHECK_CONTAINS(cb.check_read_ptr("get_read_ptr"), "without a cb_wait_front");
    CHECK_CONTAINS(cb.check_reserve(5), "can never be satisfied");
    CHECK_CONTAINS(cb.check_wait(5), "can never be satisfied");
    cb.did_reserve(2);
    CHECK_CONTAINS(cb.push(3), "pushes more pages than cb_reserve_back secured (2)");
    CHECK(cb.received == 0);  // a failed push changes nothing
    CHECK(cb.push(2).empty());
    CHECK_CONTAINS(cb.check_back_tile("pack_tile", 0), "cb_reserve_back secured 0 pages");
    cb.did_wait(1);
    CHECK_CONTAINS(cb.pop(2), "pops more pages than cb_wait_front secured (1)");
    CHECK_CONTAINS(cb.check_front_tile("add_tiles", 1), "reads tile 1 of CB 3");
    CHECK(cb.check_front_tile("add_tiles", 0).empty());
    // Write pointer at page 2 of 4: reserving 3 would run past the end of the CB.
    CHECK_CONTAINS(cb.check_reserve(3), "run past the end of the CB");
    CHECK(cb.check_reserve(2).empty());
    // Read pointer at page 0: wait(4) is fine, pop(1) moves it to 1, then wait(4) would run past the end.
    CHECK(cb.pop(1).empty());
    CHECK_CONTAINS(cb.check_wait(4), "past the end of the CB");
}

static void high_water_with_reserved() {
    CBState cb = make_cb(8);
    cb.did_reserve(2);
    CHECK(cb.push(2).empty());
    cb.did_reserve(4);
    CHECK(cb.high_water == 2);
    CHECK(cb.high_water_with_reserved == 6);
}

// A count of 0 is legal and changes nothing (tt-metal's matmul writers wait for and pop 0 padding
// pages); a negative one is a violation.
static void zero_counts() {
    CBState cb = make_cb(4);
    CHECK(cb.check_wait(0).empty() && cb.can_wait(0));
    cb.did_wait(0);
    CHECK(cb.pop(0).empty());
    CHECK(cb.check_reserve(0).empty() && cb.can_reserve(0));
    cb.did_reserve(0);
    CHECK(cb.push(0).empty());
    CHECK(cb.occupied() == 0 && cb.reserved == 0 && cb.front == 0 && cb.rd_page == 0 && cb.wr_page == 0);
    CHECK(!cb.check_wait(-1).empty() && !cb.pop(-1).empty() && !cb.check_reserve(-1).empty() && !cb.push(-1).empty());
}

// A CB its one kernel both fills and drains (ttnn SDPA's intermediates): owned_by that kernel only,
// and then a pack beyond the reservation is accepted (in-place rewrite of a full CB).
static void owned() {
    CBState cb = make_cb(2);
    int kernel = 0, other = 0;
    cb.did_reserve(2);
    cb.sole_pusher = &kernel;
    CHECK(cb.push(2).empty());
    CHECK(cb.owned_by(&kernel) && !cb.owned_by(&other));
    CHECK(cb.check_back_tile("pack_tile", 1, cb.owned_by(&kernel)).empty());
    CHECK_CONTAINS(cb.check_back_tile("pack_tile", 2, true), "cb_reserve_back secured 0 pages");
    CHECK_CONTAINS(cb.check_back_tile("pack_tile", 0, cb.owned_by(&other)), "cb_reserve_back secured 0 pages");
    cb.note_consumer(&other);  // another kernel waits on it: no longer the kernel's own
    CHECK(!cb.owned_by(&kernel));
}

// Checking mode, raw stores: after get_write_ptr, a page whose bytes changed since its slot was
// freed counts as written even when the push NOC-wrote another page; an unchanged one does not.
static void raw_store_digest() {
    std::vector<std::uint8_t> l1(2 * 64, 0);
    CBState cb = make_cb(2);
    cb.host = l1.data();
    cb.did_reserve(2);
    cb.raw_ptr = true;
    l1[5] = 0xFF;                              // page 0: a plain store
    cb.mark_written(0x1000 + 64, 0x1000 + 128);  // page 1: through the NOC
    cb.before_push(2);
    CHECK(cb.slot_state(0) == CBState::kClean && cb.slot_state(1) == CBState::kClean);
    CHECK(cb.push(2).empty());
    cb.did_wait(2);
    cb.before_pop(2);
    CHECK(cb.pop(2).empty());
    cb.did_reserve(2);
    cb.raw_ptr = true;
    cb.mark_written(0x1000 + 64, 0x1000 + 128);  // page 1 again; page 0 untouched
    cb.before_push(2);
    CHECK(cb.slot_state(0) == CBState::kUnwritten && cb.slot_state(1) == CBState::kClean);
}

int main() {
    owned();
    raw_store_digest();
    ring();
    violations();
    high_water_with_reserved();
    zero_counts();
    return finish("test_cb");
}
