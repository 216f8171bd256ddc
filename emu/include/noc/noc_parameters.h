// tt-emu: the NoC alignment parameters of tt-metal v0.74.0's noc/noc_parameters.h
// (internal/tt-1xx/{wormhole,blackhole}/noc/noc_parameters.h, on the kernels' include path for
// the build's architecture), which kernels use to lay out DRAM pages: DRAM_ALIGNMENT is 32 B on
// Wormhole, 64 B on Blackhole (the larger of the DRAM read and write alignments), L1_ALIGNMENT 16 B.
#pragma once

#include <cstdint>

#define NOC_L1_READ_ALIGNMENT_BYTES 16
#define NOC_L1_WRITE_ALIGNMENT_BYTES 16
#ifdef ARCH_BLACKHOLE
#define NOC_PCIE_READ_ALIGNMENT_BYTES 64
#define NOC_DRAM_READ_ALIGNMENT_BYTES 64
#else
#define NOC_PCIE_READ_ALIGNMENT_BYTES 32
#define NOC_DRAM_READ_ALIGNMENT_BYTES 32
#endif
#define NOC_PCIE_WRITE_ALIGNMENT_BYTES 16
#define NOC_DRAM_WRITE_ALIGNMENT_BYTES 16
#define NOC_REG_ALIGNMENT_BYTES 4

#define L1_ALIGNMENT                                                                              \
    (static_cast<uint32_t>(NOC_L1_READ_ALIGNMENT_BYTES >= NOC_L1_WRITE_ALIGNMENT_BYTES ? NOC_L1_READ_ALIGNMENT_BYTES \
                                                                                       : NOC_L1_WRITE_ALIGNMENT_BYTES))
#define PCIE_ALIGNMENT                                                                            \
    (static_cast<uint32_t>(NOC_PCIE_READ_ALIGNMENT_BYTES >= NOC_PCIE_WRITE_ALIGNMENT_BYTES        \
                               ? NOC_PCIE_READ_ALIGNMENT_BYTES                                    \
                               : NOC_PCIE_WRITE_ALIGNMENT_BYTES))
#define DRAM_ALIGNMENT                                                                            \
    (static_cast<uint32_t>(NOC_DRAM_READ_ALIGNMENT_BYTES >= NOC_DRAM_WRITE_ALIGNMENT_BYTES        \
                               ? NOC_DRAM_READ_ALIGNMENT_BYTES                                    \
                               : NOC_DRAM_WRITE_ALIGNMENT_BYTES))
