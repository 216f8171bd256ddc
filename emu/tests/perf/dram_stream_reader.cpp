// tt-emu validation kernel (bench/kernel_perf.py, docs/perf_validation.md): stream one DRAM bank's
// pages of an interleaved buffer into L1, as tt-metal's DRAM-bandwidth micro-benchmark does to
// saturate DRAM: one reader per bank, large pages, a batch of reads in flight and one barrier per
// batch. The data lands in the same `batch` pages of CB 0 every time (nothing consumes it).
//
// runtime args: buffer address, page size (B), this reader's bank (its first page), number of
// banks (the page stride), pages to read, pages per batch.
#include <cstdint>
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
    const uint32_t address = get_arg_val<uint32_t>(0);
    const uint32_t page_bytes = get_arg_val<uint32_t>(1);
    const uint32_t bank = get_arg_val<uint32_t>(2);
    const uint32_t banks = get_arg_val<uint32_t>(3);
    const uint32_t pages = get_arg_val<uint32_t>(4);
    const uint32_t batch = get_arg_val<uint32_t>(5);
    const InterleavedAddrGen<true> buffer{address, page_bytes};
    cb_reserve_back(0, batch);
    const uint32_t l1 = get_write_ptr(0);
    // Page p of an interleaved buffer is in bank p % banks: this reader's pages are bank + i * banks.
    for (uint32_t done = 0; done < pages; done += batch) {
        const uint32_t n = pages - done < batch ? pages - done : batch;
        for (uint32_t i = 0; i < n; ++i) {
            noc_async_read(buffer.get_noc_addr(bank + (done + i) * banks), l1 + i * page_bytes, page_bytes);
        }
        noc_async_read_barrier();
    }
}
