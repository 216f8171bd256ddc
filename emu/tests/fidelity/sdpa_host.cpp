// tt-emu fidelity harness: ttnn's scaled dot-product attention (flash attention) with tt-metal's
// own kernels from transformer/sdpa/device/kernels, compiled unmodified against the emulator:
// dataflow/reader_interleaved.cpp, compute/sdpa.cpp (its standard path, sdpa_standard; not the
// "streaming" one), dataflow/writer_interleaved.cpp, on interleaved bf16 DRAM tensors
// Q (B, NQH, S, D), K and V (B, NKH, S, D), output (B, NQH, S, D).
//
// ttnn's SDPA program factory is not in the wheel (only the kernels are); this host program
// rebuilds its set-up from the kernels' compile-time and runtime argument lists:
// - the work: B * NQH * (S / q_chunk) Q chunks, flat ("global Q scheduling"), split over the
//   grid's cores in row-major order (split_work_to_cores); every core of the grid gets work;
// - the matmuls: Q K^T with in0_block_w = DHt, subblocks of 1 x Sk_chunk_t tiles; P V with
//   in0_block_w = Sk_chunk_t, subblocks of 1 x DHt tiles (both fit the DST of fp32 half sync, 4
//   tiles, for Sk_chunk_t, DHt <= 4);
// - scale 1/sqrt(D) (fp32 bits; the compute kernel fuses it into its exps), EXP_APPROX_MODE = 0;
// - causal: the writer's lightweight mask tiles (-inf tile, diagonal tile), the K/V loop cut at
//   the diagonal; non-causal: no mask, the reader's K/V chain forwarding off (not a participant);
// - CBs, all bf16: Q (2 chunks), K (2 chunks), V (2 chunks), mask (2 tiles), the reduce scaler
//   and column-identity tiles, QK^T (one chunk), two output accumulators, two max and two sum
//   column vectors, exp(max difference), the output (one chunk), one tile for each CB the
//   kernels name without using here (attention sink, page table, chunk start, recip scratch,
//   windowed-mask input).
//
// usage: sdpa_host <ttnn/cpp dir> <q.bin> <k.bin> <v.bin> <out.bin> <B> <NQH> <NKH> <S> <D>
//                  <q_chunk> <k_chunk> <causal> <fp32_dest>
#include <cmath>
#include <cstring>

#include "host_common.h"

using namespace tt;
using namespace tt::tt_metal;

namespace {

const char* kKernels = "/ttnn/operations/transformer/sdpa/device/kernels/";

std::uint32_t float_bits(float f) {
    std::uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
}

// CB indices (the kernels take them as compile-time arguments; these are the harness's).
enum : std::uint8_t {
    kQ = CBIndex::c_0,
    kK = CBIndex::c_1,
    kV = CBIndex::c_2,
    kMask = CBIndex::c_3,
    kSink = CBIndex::c_4,
    kScale = CBIndex::c_5,
    kPageTable = CBIndex::c_6,
    kColIdentity = CBIndex::c_7,
    kChunkStartCompute = CBIndex::c_8,
    kChunkStartWriter = CBIndex::c_9,
    kRecipScratch = CBIndex::c_10,
    kCuWindow = CBIndex::c_11,
    kOut = CBIndex::c_16,
    kQk = CBIndex::c_24,
    kOutA = CBIndex::c_25,
    kOutB = CBIndex::c_26,
    kMaxA = CBIndex::c_27,
    kMaxB = CBIndex::c_28,
    kSumA = CBIndex::c_29,
    kSumB = CBIndex::c_30,
    kExpMaxDiff = CBIndex::c_31,
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 15) {
        std::fprintf(stderr,
                     "usage: %s <ttnn/cpp dir> <q.bin> <k.bin> <v.bin> <out.bin> <B> <NQH> <NKH> <S> <D> <q_chunk> "
                     "<k_chunk> <causal> <fp32_dest>\n",
                     argv[0]);
        return 2;
    }
    try {
        const std::string root = argv[1];
        const std::uint32_t B = fidelity::arg(argv, 6), NQH = fidelity::arg(argv, 7), NKH = fidelity::arg(argv, 8);
        const std::uint32_t S = fidelity::arg(argv, 9), D = fidelity::arg(argv, 10);
        const std::uint32_t q_chunk = fidelity::arg(argv, 11), k_chunk = fidelity::arg(argv, 12);
        const bool causal = fidelity::arg(argv, 13) != 0, fp32_dest = fidelity::arg(argv, 14) != 0;
        fidelity::require(S % 32 == 0 && D % 32 == 0 && q_chunk % 32 == 0 && k_chunk % 32 == 0,
                          "S, D and the chunks must be multiples of 32");
        fidelity::require(S % q_chunk == 0 && S % k_chunk == 0, "the chunks must divide S");
        fidelity::require(NKH > 0 && NQH % NKH == 0, "NKH must divide NQH");
        const std::uint32_t tile = fidelity::kBf16TileBytes;
        const std::uint32_t St = S / 32, DHt = D / 32, Sq_chunk_t = q_chunk / 32, Sk_chunk_t = k_chunk / 32;
        fidelity::require(Sk_chunk_t <= 4 && DHt <= 4, "the harness's subblocks need k_chunk, D <= 128");
        const std::uint32_t q_num_chunks = St / Sq_chunk_t, k_num_chunks = St / Sk_chunk_t;

        const std::vector<std::uint8_t> q = fidelity::read_file(argv[2]);
        const std::vector<std::uint8_t> k = fidelity::read_file(argv[3]);
        const std::vector<std::uint8_t> v = fidelity::read_file(argv[4]);
        const std::uint64_t q_bytes = std::uint64_t(B) * NQH * St * DHt * tile;
        const std::uint64_t kv_bytes = std::uint64_t(B) * NKH * St * DHt * tile;
        fidelity::require(q.size() == q_bytes && k.size() == kv_bytes && v.size() == kv_bytes,
                          "input sizes do not match B, NQH / NKH, S, D");

        namespace distributed = tt::tt_metal::distributed;
        auto device = distributed::MeshDevice::create_unit_mesh(0);
        auto q_buf = fidelity::dram_buffer(*device, q_bytes, tile);
        auto k_buf = fidelity::dram_buffer(*device, kv_bytes, tile);
        auto v_buf = fidelity::dram_buffer(*device, kv_bytes, tile);
        auto out_buf = fidelity::dram_buffer(*device, q_bytes, tile);
        distributed::MeshCommandQueue& cq = device->mesh_command_queue();
        distributed::EnqueueWriteMeshBuffer(cq, q_buf, q, true);
        distributed::EnqueueWriteMeshBuffer(cq, k_buf, k, true);
        distributed::EnqueueWriteMeshBuffer(cq, v_buf, v, true);

        const CoreCoord grid = device->compute_with_storage_grid_size();
        const std::uint32_t units = B * NQH * q_num_chunks;
        const fidelity::WorkSplit split = fidelity::split_work_to_cores(grid, units);
        fidelity::require(split.num_cores == grid.x * grid.y, "every core of the grid must get a Q chunk");
        const CoreRange cores(CoreCoord{0, 0}, CoreCoord{grid.x - 1, grid.y - 1});

        Program program = CreateProgram();
        const std::uint32_t q_chunk_tiles = Sq_chunk_t * DHt, k_chunk_tiles = Sk_chunk_t * DHt;
        const std::uint32_t qk_chunk_tiles = Sq_chunk_t * Sk_chunk_t, out_chunk_tiles = Sq_chunk_t * DHt;
        const std::vector<std::pair<std::uint8_t, std::uint32_t>> cbs = {
            {kQ, 2 * q_chunk_tiles}, {kK, 2 * k_chunk_tiles}, {kV, 2 * k_chunk_tiles}, {kMask, 2},
            {kSink, 1}, {kScale, 1}, {kPageTable, 1}, {kColIdentity, 1}, {kChunkStartCompute, 1},
            {kChunkStartWriter, 1}, {kRecipScratch, 1}, {kCuWindow, 1}, {kOut, out_chunk_tiles},
            {kQk, qk_chunk_tiles}, {kOutA, out_chunk_tiles}, {kOutB, out_chunk_tiles}, {kMaxA, Sq_chunk_t},
            {kMaxB, Sq_chunk_t}, {kSumA, Sq_chunk_t}, {kSumB, Sq_chunk_t}, {kExpMaxDiff, Sq_chunk_t},
        };
        for (const auto& [index, tiles] : cbs) {
            CreateCircularBuffer(program, cores,
                                 CircularBufferConfig(tiles * tile, {{index, DataFormat::Float16_b}}).set_page_size(index, tile));
        }
        const std::uint32_t sender_sem = CreateSemaphore(program, cores, 0);
        const std::uint32_t receiver_sem = CreateSemaphore(program, cores, 0);
        const std::uint32_t valid_sem = CreateSemaphore(program, cores, 0);

        const std::uint32_t scale_bits = float_bits(1.0f / std::sqrt(static_cast<float>(D)));
        const std::uint32_t num_cores = split.num_cores;
        const std::uint32_t qk_subblock_h = 1, out_subblock_h = 1;

        std::vector<std::uint32_t> reader_args = {
            B, NQH, NKH, NKH, St, St, St, St, DHt, DHt, Sq_chunk_t, q_num_chunks, Sk_chunk_t, k_num_chunks, num_cores,
            causal, /*use_provided_mask=*/0, /*broadcast_provided_mask_batch=*/0, /*broadcast_provided_mask_heads=*/0,
            /*use_padded_mask=*/0, /*is_chunked=*/0, /*block_size_t=*/0, /*page_table_stick_size=*/0,
            /*use_attention_sink=*/0, /*use_mla=*/0, /*mla_kv_overlap=*/0, qk_subblock_h, /*sliding_window_size=*/0,
            /*use_streaming_compute=*/0, sender_sem, receiver_sem, valid_sem, /*mcast_enabled=*/0,
            /*use_zigzag_balancing=*/0};
        for (int i = 0; i < 7; ++i) {  // q k v mask page_table attention_sink chunk_start_idx
            fidelity::append_interleaved_dram_accessor_args(reader_args, tile);
        }
        for (std::uint32_t cb : {kQ, kK, kV, kMask, kSink, kPageTable, kChunkStartCompute, kChunkStartWriter}) {
            reader_args.push_back(cb);
        }

        std::vector<std::uint32_t> writer_args = {
            B, NQH, NKH, St, St, S, DHt, DHt, Sq_chunk_t, q_num_chunks, Sk_chunk_t, k_num_chunks,
            /*identity_scalar_packed: bf16 1.0 twice*/ 0x3F803F80u, scale_bits, num_cores, causal,
            /*use_provided_mask=*/0, /*use_padded_mask=*/0, /*is_chunked=*/0, /*sliding_window_size=*/0,
            /*use_lightweight_mask=*/causal, /*use_streaming_compute=*/0, out_subblock_h, /*k_partial_col=*/0,
            /*use_zigzag_balancing=*/0, /*use_windowed_mask=*/0};
        fidelity::append_interleaved_dram_accessor_args(writer_args, tile);  // out
        fidelity::append_interleaved_dram_accessor_args(writer_args, tile);  // cu_window_seqlens
        for (std::uint32_t cb : {kMask, kScale, kColIdentity, kChunkStartWriter, kOut, kCuWindow}) {
            writer_args.push_back(cb);
        }

        std::vector<std::uint32_t> compute_args = {
            B, NQH, NKH, St, DHt, DHt, Sq_chunk_t, q_num_chunks, Sk_chunk_t, k_num_chunks,
            /*qk_in0_block_w=*/DHt, /*qk_subblock_w=*/Sk_chunk_t, qk_subblock_h, /*qk_in0_num_subblocks=*/Sq_chunk_t,
            /*qk_in1_num_subblocks=*/1, /*qk_num_blocks=*/1,
            /*out_in0_block_w=*/Sk_chunk_t, /*out_subblock_w=*/DHt, out_subblock_h, /*out_in0_num_subblocks=*/Sq_chunk_t,
            /*out_in1_num_subblocks=*/1, /*out_num_blocks=*/1,
            num_cores, causal, /*use_provided_mask=*/0, /*use_padded_mask=*/0, /*is_chunked=*/0, scale_bits,
            /*sliding_window_size=*/0, /*use_attention_sink=*/0, /*use_streaming_compute=*/0, /*valid_Skt=*/St,
            /*k_partial_col=*/0, /*use_zigzag_balancing=*/0};
        for (std::uint32_t cb : {kQ, kK, kV, kMask, kSink, kScale, kColIdentity, kChunkStartCompute, kRecipScratch, kOut,
                                 kQk, kOutA, kOutB, kMaxA, kMaxB, kSumA, kSumB, kExpMaxDiff}) {
            compute_args.push_back(cb);
        }

        const KernelHandle reader = CreateKernel(program, root + kKernels + "dataflow/reader_interleaved.cpp", cores,
                                                 ReaderDataMovementConfig(reader_args));
        const KernelHandle writer = CreateKernel(program, root + kKernels + "dataflow/writer_interleaved.cpp", cores,
                                                 WriterDataMovementConfig(writer_args));
        const KernelHandle compute = CreateKernel(
            program, root + kKernels + "compute/sdpa.cpp", cores,
            ComputeConfig{.math_fidelity = MathFidelity::HiFi2,
                          .fp32_dest_acc_en = fp32_dest,
                          .math_approx_mode = true,
                          .compile_args = compute_args,
                          .defines = {{"EXP_APPROX_MODE", "0"}}});

        const auto q_addr = static_cast<std::uint32_t>(q_buf->address());
        const auto k_addr = static_cast<std::uint32_t>(k_buf->address());
        const auto v_addr = static_cast<std::uint32_t>(v_buf->address());
        const auto out_addr = static_cast<std::uint32_t>(out_buf->address());
        for (std::uint32_t i = 0, first = 0; i < num_cores; ++i) {
            const CoreCoord core{i % grid.x, i / grid.x};
            const std::uint32_t count = i < split.cores_group_1 ? split.units_group_1 : split.units_group_2;
            // Reader: the 7 tensor addresses, core id, one phase (chunked offset, read offset), the K/V
            // chain arguments (non-causal only; not a participant), the flat Q range.
            std::vector<std::uint32_t> r = {q_addr, k_addr, v_addr, 0, 0, 0, 0, i, /*num_phases=*/1, 0, 0};
            if (!causal) {
                r.insert(r.end(), 14, 0u);
            }
            r.push_back(first);
            r.push_back(count);
            SetRuntimeArgs(program, reader, core, r);
            SetRuntimeArgs(program, writer, core, {out_addr, i, /*num_phases=*/1, 0, 0, 0, 0, 0, first, count, 0, 0});
            SetRuntimeArgs(program, compute, core, {i, /*num_phases=*/1, 0, 0, 0, first, count});
            first += count;
        }
        fidelity::run_and_save_output(device, program, out_buf, q_bytes, argv[5]);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: error: %s\n", argv[0], e.what());
        return 1;
    }
}
