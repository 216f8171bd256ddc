// tt-emu unit tests: the cost model (perf.h) and the CB timestamps (cb.h), without threads.
#include "cb.h"
#include "check.h"
#include "perf.h"

#include <vector>

using emu::PerfParams;

static void rates() {
    const PerfParams wh = PerfParams::for_arch("wormhole_b0");
    // tt-npe's table, in tenths of B/cycle, linear in between.
    CHECK(wh.transfer_rate10(128) == 55);
    CHECK(wh.transfer_rate10(512) == 180);
    CHECK(wh.transfer_rate10(1024) == 274);
    CHECK(wh.transfer_rate10(2048) == 300 && wh.transfer_rate10(8192) == 300);
    CHECK(wh.transfer_rate10(768) == 227);  // halfway between 18.0 and 27.4
    CHECK(wh.transfer_rate10(64) == 27);    // 5.5 / 2, rounded down
    CHECK(emu::cycles_for(2048, 232) == 89);  // 88.27 rounded up
    CHECK(emu::cycles_for(2048, 240) == 86);
    CHECK(wh.read_latency() == 170 && wh.write_latency() == 140);
    CHECK(wh.matmul_cycles(0) == 16 && wh.matmul_cycles(2) == 32 && wh.matmul_cycles(3) == 48 &&
          wh.matmul_cycles(4) == 64);
    const PerfParams bh = PerfParams::for_arch("blackhole");
    CHECK(bh.clock_ghz == 1.35 && bh.dram_read10 == 474 && bh.transfer_rate10(2048) == 609);
}

static void transfers() {
    const PerfParams p = PerfParams::for_arch("wormhole_b0");
    emu::Resource bank, niu_a, niu_b;
    // Two 2048-B reads from one bank into two cores, both requested at cycle 4: the second
    // starts when the bank has sent the first (4 + 89).
    const emu::Transfer a = emu::book_transfer(p, 4, 2048, bank, p.dram_read10, niu_a, p.niu_rate10, 170);
    const emu::Transfer b = emu::book_transfer(p, 4, 2048, bank, p.dram_read10, niu_b, p.niu_rate10, 170);
    CHECK(a.start == 4 && a.sent == 93 && a.done == 263);
    CHECK(b.start == 93 && b.done == 352);
    CHECK(bank.free_at == 182 && bank.busy == 178 && bank.bytes == 4096);
    CHECK(niu_a.free_at == 4 + 73);  // 2048 / 28.1 = 72.9: the NIU is free before the bank
}

static void transfers_take_earlier_gaps() {
    const PerfParams p = PerfParams::for_arch("wormhole_b0");
    emu::Resource busy_bank, idle_bank, niu;
    busy_bank.reserve(0, 1000);  // other cores' reads keep this bank busy until 1000
    // A core reads a page from the busy bank, then one from the idle bank, both at cycle 10:
    // the first waits for the bank (starts at 1000) and books the NIU for [1000, 1073); the
    // second finds the NIU and the idle bank free at 10 and starts then, not after the first.
    const emu::Transfer first = emu::book_transfer(p, 10, 2048, busy_bank, p.dram_read10, niu, p.niu_rate10, 170);
    const emu::Transfer second = emu::book_transfer(p, 10, 2048, idle_bank, p.dram_read10, niu, p.niu_rate10, 170);
    CHECK(first.start == 1000 && second.start == 10 && second.done == 10 + 89 + 170);
    // A third read from the second bank at 20: its NIU is free from 83 (the second's 73 cycles)
    // and the bank from 99 (89 cycles at 23.2 B/cycle): it starts at 99, still before the first.
    const emu::Transfer third = emu::book_transfer(p, 20, 2048, idle_bank, p.dram_read10, niu, p.niu_rate10, 170);
    CHECK(third.start == 99);
    CHECK(niu.busy == 3 * 73 && niu.free_at == 1073);
}

static void reads_and_writes_share_a_bank() {
    const PerfParams p = PerfParams::for_arch("wormhole_b0");
    emu::Resource bank, niu_a, niu_b;
    // Core A reads a 2048-B page from the bank and core B writes one to it, both requested at 4.
    // One bank (one GDDR channel) serves both: the read keeps it busy ceil(2048 / 23.2) = 89
    // cycles, [4, 93); the write, at the bank's receive rate, ceil(2048 / 24.0) = 86 cycles, can
    // only start at 93 (B's NIU is free) and completes 93 + 86 + 140 = 319. With separate read
    // and write ports it would have started at 4.
    const emu::Transfer r = emu::book_transfer(p, 4, 2048, bank, p.dram_read10, niu_a, p.niu_rate10, 170);
    const emu::Transfer w = emu::book_transfer(p, 4, 2048, niu_b, p.niu_rate10, bank, p.dram_write10, 140);
    CHECK(r.start == 4 && r.done == 4 + 89 + 170);
    CHECK(w.start == 93 && w.sent == 93 + 86 && w.done == 319);
    CHECK(bank.busy == 89 + 86 && bank.free_at == 179 && bank.bytes == 4096);
    CHECK(niu_b.busy == 73 && niu_b.free_at == 93 + 73);
}

static void multicasts() {
    const PerfParams p = PerfParams::for_arch("wormhole_b0");
    emu::Resource src, d[4];
    std::vector<emu::Resource*> dsts = {&d[0], &d[1], &d[2], &d[3]};
    d[2].reserve(0, 30);  // one destination is still absorbing something else
    // One 2048-B multicast to a 1x4 range requested at 4: it starts when every NIU is free (30),
    // flows once at min(30, 28.1) = 28.1 B/cycle (73 cycles) and lands 140 later.
    const emu::Transfer m = emu::book_multicast(p, 4, 2048, src, p.niu_rate10, dsts, p.niu_rate10, p.write_latency());
    CHECK(m.start == 30 && m.sent == 30 + 73 && m.done == 30 + 73 + 140);
    CHECK(src.busy == 73 && src.bytes == 2048 && src.free_at == 103);  // one injection
    for (int i = 0; i < 4; ++i) {  // one absorption each
        CHECK(d[i].busy == 73 + (i == 2 ? 30 : 0) && d[i].bytes == 2048 && d[i].free_at == 103);
    }
    // A 4-B semaphore multicast: rate(4) rounds down to 0.1 B/cycle, 40 cycles of flow.
    const emu::Transfer s = emu::book_multicast(p, 200, 4, src, p.niu_rate10, dsts, p.niu_rate10, p.write_latency());
    CHECK(s.start == 200 && s.done == 200 + 40 + 140 && src.busy == 74);
}

static void cb_timestamps() {
    emu::CBState cb;
    cb.page_size = 64;
    cb.num_pages = 2;
    cb.did_reserve(2);
    CHECK(cb.freed_time(2) == 0);  // never used
    cb.stamp_push(1, 10);
    CHECK(cb.push(1).empty());
    cb.stamp_push(1, 20);
    CHECK(cb.push(1).empty());
    CHECK(cb.pushed_time(1) == 10 && cb.pushed_time(2) == 20);
    cb.did_wait(2);
    cb.stamp_pop(1, 30);
    CHECK(cb.pop(1).empty());
    CHECK(cb.pushed_time(1) == 20);  // the page still at the front
    CHECK(cb.freed_time(1) == 30);   // the slot the next push reuses
}

int main() {
    rates();
    transfers();
    transfers_take_earlier_gaps();
    reads_and_writes_share_a_bank();
    multicasts();
    cb_timestamps();
    return finish("test_perf");
}
