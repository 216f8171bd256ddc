// tt-emu fidelity harness: tt-metal's single-input ops on interleaved bf16 tensors with tt-metal's
// own kernels, compiled unmodified against the emulator, set up as ttnn's program factories at
// v0.74.0 set them up (CBs, compile-time arguments, defines, split_work_to_cores in row-major core
// order, per-core runtime arguments; cores without work get zero arguments):
//
//   reduce <w|h|hw> <sum|max>   reduction/generic: REDUCE_OP = PoolType::SUM / MAX, REDUCE_DIM =
//       ReduceDim::REDUCE_ROW (w) / REDUCE_COL (h) / REDUCE_SCALAR (hw), as reduce_op_utils'
//       get_defines spells them, for all three kernels. compute/reduce.cpp (compile-time Ht, Wt,
//       NC) with CBs c_0 (input, 2 tiles), c_2 (scaler, 2 tiles), c_3 (output, 2 tiles); the scaler
//       1.0f passed as its bits, prepared by the readers' dataflow_kernel_lib::prepare_reduce_scaler.
//         w:  rows of Wt tiles split over the cores; reader_unary_reduce_universal_start_id.cpp
//             (compile-time scaler bits, accessor), the unary writer; compute Ht = rows of the core.
//         h:  columns split over the cores; reader_unary_transpose_wh_universal_input_cols_
//             partitioned.cpp (compile-time Ht, Wt, HtWt, scaler bits, use_welford = 0, accessor;
//             defines ENABLE_FP32_DEST_ACC, DST_SYNC_FULL for kernel_lib's DEST_AUTO_LIMIT) reads
//             them in DEST_AUTO_LIMIT-column chunks, row by row; compute (Ht, columns of the core, 1).
//         hw: one core, the w reader over all tiles, compute (Ht, Wt, NC).
//   transpose                   data_movement/transpose (WH): reader_unary_transpose_wh_interleaved_
//       start_id.cpp (tiles in N W H order), compute/transpose_wh.cpp, the unary writer; CBs c_0 and
//       c_16 of 2 tiles; output tiles split over the cores.
//   sfpu <exp|exp-scaled-approx|exp-scaled|rsqrt|sqrt|recip> eltwise/unary: reader_unary_interleaved_start_id.cpp,
//       compute/eltwise_sfpu.cpp with SFPU_OP_CHAIN_0 and SFPU_OP_*_INCLUDE as unary_op_utils sets
//       them, the unary writer; CBs c_0 and c_2 of 2 tiles.
//
// usage: unary_ops_host <ttnn/cpp dir> reduce <w|h|hw> <sum|max> <in.bin> <out.bin> <N> <Ht> <Wt> <fp32_dest>
//        unary_ops_host <ttnn/cpp dir> transpose <in.bin> <out.bin> <N> <Ht> <Wt>
//        unary_ops_host <ttnn/cpp dir> sfpu <op> <in.bin> <out.bin> <tiles>
#include "host_common.h"

using namespace tt;
using namespace tt::tt_metal;

namespace {

const char* kWriter = "/ttnn/operations/eltwise/unary/device/kernels/dataflow/writer_unary_interleaved_start_id.cpp";

struct Setup {
    std::shared_ptr<distributed::MeshDevice> device;
    std::shared_ptr<distributed::MeshBuffer> in, out;
    CoreCoord grid;
    CoreRange all{CoreCoord{0, 0}, CoreCoord{0, 0}};
};

Setup open(const std::vector<std::uint8_t>& input, std::uint64_t out_bytes) {
    const std::uint32_t tile = fidelity::kBf16TileBytes;
    auto op = fidelity::open_binary_operation(input, input, out_bytes, tile);
    Setup s{op.device, op.a, op.c, op.device->compute_with_storage_grid_size()};
    s.all = CoreRange(CoreCoord{0, 0}, CoreCoord{s.grid.x - 1, s.grid.y - 1});
    return s;
}

void bf16_cb(Program& program, const CoreRange& cores, std::uint8_t index, std::uint32_t tiles) {
    const std::uint32_t tile = fidelity::kBf16TileBytes;
    CreateCircularBuffer(program, cores,
                         CircularBufferConfig(tiles * tile, {{index, DataFormat::Float16_b}}).set_page_size(index, tile));
}

KernelHandle unary_writer(Program& program, const std::string& root, const CoreRange& cores, std::uint32_t out_cb) {
    std::vector<std::uint32_t> args = {out_cb};
    fidelity::append_interleaved_dram_accessor_args(args, fidelity::kBf16TileBytes);
    return CreateKernel(program, root + kWriter, cores, WriterDataMovementConfig(args));
}

// Runs `units` units of work split over the grid; set(core, first unit, units) sets a core's
// runtime arguments, idle(core) those of a core without work.
template <class Set, class Idle>
void split(const CoreCoord& grid, std::uint32_t units, Set set, Idle idle) {
    const fidelity::WorkSplit w = fidelity::split_work_to_cores(grid, units);
    for (std::uint32_t i = 0, first = 0; i < grid.x * grid.y; ++i) {
        const CoreCoord core{i % grid.x, i / grid.x};
        if (i >= w.num_cores) {
            idle(core);
            continue;
        }
        const std::uint32_t count = i < w.cores_group_1 ? w.units_group_1 : w.units_group_2;
        set(core, first, count);
        first += count;
    }
}

constexpr std::uint32_t kOneBits = 0x3F800000u;  // 1.0f: SUM and MAX scale by 1

int reduce(const std::string& root, char** argv) {
    const std::string dim = argv[3], op = argv[4];
    const std::uint32_t N = fidelity::arg(argv, 7), Ht = fidelity::arg(argv, 8), Wt = fidelity::arg(argv, 9);
    const bool fp32_dest = fidelity::arg(argv, 10) != 0;
    fidelity::require(op == "sum" || op == "max", "op must be sum or max");
    fidelity::require(dim == "w" || dim == "h" || dim == "hw", "dim must be w, h or hw");
    const std::uint32_t tile = fidelity::kBf16TileBytes;
    const std::vector<std::uint8_t> input = fidelity::read_file(argv[5]);
    fidelity::require(input.size() == std::uint64_t(N) * Ht * Wt * tile, "input size does not match N x Ht x Wt tiles");
    const std::uint32_t out_tiles = dim == "w" ? N * Ht : dim == "h" ? N * Wt : N;
    Setup s = open(input, std::uint64_t(out_tiles) * tile);
    const std::map<std::string, std::string> defines = {
        {"REDUCE_OP", op == "sum" ? "PoolType::SUM" : "PoolType::MAX"},
        {"REDUCE_DIM", dim == "w" ? "ReduceDim::REDUCE_ROW" : dim == "h" ? "ReduceDim::REDUCE_COL" : "ReduceDim::REDUCE_SCALAR"}};
    const std::string kernels = root + "/ttnn/operations/reduction/generic/device/kernels/";
    const auto in_addr = static_cast<std::uint32_t>(s.in->address());
    const auto out_addr = static_cast<std::uint32_t>(s.out->address());

    Program program = CreateProgram();
    const CoreRange cores = dim == "hw" ? CoreRange(CoreCoord{0, 0}, CoreCoord{0, 0}) : s.all;
    bf16_cb(program, cores, CBIndex::c_0, 2);
    bf16_cb(program, cores, CBIndex::c_2, 2);
    bf16_cb(program, cores, CBIndex::c_3, 2);
    const KernelHandle writer = unary_writer(program, root, cores, CBIndex::c_3);
    if (dim == "h") {
        std::vector<std::uint32_t> reader_args = {Ht, Wt, Ht * Wt, kOneBits, /*use_welford=*/0};
        fidelity::append_interleaved_dram_accessor_args(reader_args, tile);
        std::map<std::string, std::string> reader_defines = defines;
        reader_defines["ENABLE_FP32_DEST_ACC"] = fp32_dest ? "1" : "0";
        reader_defines["DST_SYNC_FULL"] = "0";
        const KernelHandle reader =
            CreateKernel(program, kernels + "dataflow/reader_unary_transpose_wh_universal_input_cols_partitioned.cpp", cores,
                         ReaderDataMovementConfig(reader_args, reader_defines));
        // One kernel per work group (the factory's two compute kernels), here per core: the column
        // count is a compile-time argument.
        split(s.grid, N * Wt,
              [&](CoreCoord core, std::uint32_t first, std::uint32_t count) {
                  const std::uint32_t batch = first / Wt, w = first % Wt;
                  SetRuntimeArgs(program, reader, core, {in_addr, batch * Ht * Wt + w, w, count});
                  SetRuntimeArgs(program, writer, core, {out_addr, count, first});
                  CreateKernel(program, kernels + "compute/reduce.cpp", CoreRange(core, core),
                               ComputeConfig{.fp32_dest_acc_en = fp32_dest, .compile_args = {Ht, count, 1}, .defines = defines});
              },
              [&](CoreCoord core) {
                  SetRuntimeArgs(program, reader, core, std::vector<std::uint32_t>(4, 0));
                  SetRuntimeArgs(program, writer, core, std::vector<std::uint32_t>(3, 0));
              });
    } else {
        std::vector<std::uint32_t> reader_args = {kOneBits};
        fidelity::append_interleaved_dram_accessor_args(reader_args, tile);
        const KernelHandle reader = CreateKernel(program, kernels + "dataflow/reader_unary_reduce_universal_start_id.cpp",
                                                 cores, ReaderDataMovementConfig(reader_args, defines));
        if (dim == "hw") {
            CreateKernel(program, kernels + "compute/reduce.cpp", cores,
                         ComputeConfig{.fp32_dest_acc_en = fp32_dest, .compile_args = {Ht, Wt, N}, .defines = defines});
            SetRuntimeArgs(program, reader, CoreCoord{0, 0}, {in_addr, N * Ht * Wt, 0});
            SetRuntimeArgs(program, writer, CoreCoord{0, 0}, {out_addr, N, 0});
        } else {
            split(s.grid, N * Ht,
                  [&](CoreCoord core, std::uint32_t first, std::uint32_t count) {
                      SetRuntimeArgs(program, reader, core, {in_addr, count * Wt, first * Wt});
                      SetRuntimeArgs(program, writer, core, {out_addr, count, first});
                      CreateKernel(program, kernels + "compute/reduce.cpp", CoreRange(core, core),
                                   ComputeConfig{.fp32_dest_acc_en = fp32_dest, .compile_args = {count, Wt, 1}, .defines = defines});
                  },
                  [&](CoreCoord core) {
                      SetRuntimeArgs(program, reader, core, std::vector<std::uint32_t>(3, 0));
                      SetRuntimeArgs(program, writer, core, std::vector<std::uint32_t>(3, 0));
                  });
        }
    }
    fidelity::run_and_save_output(s.device, program, s.out, std::uint64_t(out_tiles) * tile, argv[6]);
    return 0;
}

int transpose(const std::string& root, char** argv) {
    const std::uint32_t N = fidelity::arg(argv, 5), Ht = fidelity::arg(argv, 6), Wt = fidelity::arg(argv, 7);
    const std::uint32_t tile = fidelity::kBf16TileBytes, tiles = N * Ht * Wt;
    const std::vector<std::uint8_t> input = fidelity::read_file(argv[3]);
    fidelity::require(input.size() == std::uint64_t(tiles) * tile, "input size does not match N x Ht x Wt tiles");
    Setup s = open(input, std::uint64_t(tiles) * tile);
    Program program = CreateProgram();
    bf16_cb(program, s.all, CBIndex::c_0, 2);
    bf16_cb(program, s.all, CBIndex::c_16, 2);
    std::vector<std::uint32_t> reader_args;
    fidelity::append_interleaved_dram_accessor_args(reader_args, tile);
    const KernelHandle reader = CreateKernel(
        program, root + "/ttnn/operations/data_movement/transpose/device/kernels/dataflow/reader_unary_transpose_wh_interleaved_start_id.cpp",
        s.all, ReaderDataMovementConfig(reader_args));
    const KernelHandle writer = unary_writer(program, root, s.all, CBIndex::c_16);
    const KernelHandle compute = CreateKernel(
        program, root + "/ttnn/operations/data_movement/transpose/device/kernels/compute/transpose_wh.cpp", s.all,
        ComputeConfig{});
    const auto in_addr = static_cast<std::uint32_t>(s.in->address());
    const auto out_addr = static_cast<std::uint32_t>(s.out->address());
    // Output tile t (in N W H order, the output's row-major order) is input tile (n, h, w).
    split(s.grid, tiles,
          [&](CoreCoord core, std::uint32_t first, std::uint32_t count) {
              const std::uint32_t n = first / (Ht * Wt), wt = first % (Ht * Wt) / Ht, ht = first % Ht;
              SetRuntimeArgs(program, reader, core, {in_addr, count, n * Ht * Wt + ht * Wt + wt, ht, wt, Ht, Wt, Ht * Wt});
              SetRuntimeArgs(program, compute, core, {count});
              SetRuntimeArgs(program, writer, core, {out_addr, count, first});
          },
          [&](CoreCoord core) {
              SetRuntimeArgs(program, reader, core, std::vector<std::uint32_t>(8, 0));
              SetRuntimeArgs(program, compute, core, {0});
              SetRuntimeArgs(program, writer, core, std::vector<std::uint32_t>(3, 0));
          });
    fidelity::run_and_save_output(s.device, program, s.out, std::uint64_t(tiles) * tile, argv[4]);
    return 0;
}

int sfpu(const std::string& root, char** argv) {
    const std::string op = argv[3];
    const std::uint32_t tiles = fidelity::arg(argv, 6);
    const std::uint32_t tile = fidelity::kBf16TileBytes;
    // unary_op_utils: the op's init and call as SFPU_OP_CHAIN_0, and its header family.
    std::map<std::string, std::string> defines;
    if (op == "exp") {
        defines = {{"SFPU_OP_EXP_INCLUDE", "1"}, {"SFPU_OP_CHAIN_0", "exp_tile_init<false>(); exp_tile<false>(0);"}};
    } else if (op == "exp-scaled-approx") {
        // ttnn's SDPA form (compute_common.hpp, sub_exp_block_bcast_cols_inplace): approximate exp
        // with the scale 0.125 (1/sqrt(64)) programmed at init, one call over the whole tile.
        defines = {{"SFPU_OP_EXP_INCLUDE", "1"},
                   {"SFPU_OP_CHAIN_0",
                    "exp_tile_init<true, 0x3E000000u, InputClamping::None>(); "
                    "exp_tile<true, false, InputClamping::None, 32>(0, VectorMode::None);"}};
    } else if (op == "exp-scaled") {
        // Accurate exp with a bf16 scale of -1.5 (0xBFC0) passed to exp_tile (scale_en).
        defines = {{"SFPU_OP_EXP_INCLUDE", "1"},
                   {"SFPU_OP_CHAIN_0", "exp_tile_init<false>(); exp_tile<false, true>(0, VectorMode::RC, 0xBFC0);"}};
    } else if (op == "rsqrt") {
        defines = {{"SFPU_OP_RSQRT_INCLUDE", "1"}, {"SFPU_OP_CHAIN_0", "rsqrt_tile_init<false>(); rsqrt_tile<false>(0);"}};
    } else if (op == "sqrt") {
        defines = {{"SFPU_OP_SQRT_INCLUDE", "1"}, {"SFPU_OP_CHAIN_0", "sqrt_tile_init(); sqrt_tile(0);"}};
    } else if (op == "recip") {
        defines = {{"SFPU_OP_RECIP_INCLUDE", "1"}, {"SFPU_OP_CHAIN_0", "recip_tile_init(); recip_tile(0);"}};
    } else {
        throw std::runtime_error("unknown op " + op);
    }
    const std::vector<std::uint8_t> input = fidelity::read_file(argv[4]);
    fidelity::require(input.size() == std::uint64_t(tiles) * tile, "input size does not match the tile count");
    Setup s = open(input, std::uint64_t(tiles) * tile);
    Program program = CreateProgram();
    bf16_cb(program, s.all, CBIndex::c_0, 2);
    bf16_cb(program, s.all, CBIndex::c_2, 2);
    std::vector<std::uint32_t> reader_args;
    fidelity::append_interleaved_dram_accessor_args(reader_args, tile);
    const KernelHandle reader = CreateKernel(
        program, root + "/ttnn/operations/eltwise/unary/device/kernels/dataflow/reader_unary_interleaved_start_id.cpp", s.all,
        ReaderDataMovementConfig(reader_args));
    const KernelHandle writer = unary_writer(program, root, s.all, CBIndex::c_2);
    const KernelHandle compute = CreateKernel(
        program, root + "/ttnn/operations/eltwise/unary/device/kernels/compute/eltwise_sfpu.cpp", s.all,
        ComputeConfig{.math_approx_mode = false, .defines = defines});
    const auto in_addr = static_cast<std::uint32_t>(s.in->address());
    const auto out_addr = static_cast<std::uint32_t>(s.out->address());
    split(s.grid, tiles,
          [&](CoreCoord core, std::uint32_t first, std::uint32_t count) {
              SetRuntimeArgs(program, reader, core, {in_addr, count, first});
              SetRuntimeArgs(program, compute, core, {count});
              SetRuntimeArgs(program, writer, core, {out_addr, count, first});
          },
          [&](CoreCoord core) {
              SetRuntimeArgs(program, reader, core, std::vector<std::uint32_t>(3, 0));
              SetRuntimeArgs(program, compute, core, {0});
              SetRuntimeArgs(program, writer, core, std::vector<std::uint32_t>(3, 0));
          });
    fidelity::run_and_save_output(s.device, program, s.out, std::uint64_t(tiles) * tile, argv[5]);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        fidelity::require(argc >= 3, "usage: unary_ops_host <ttnn/cpp dir> <reduce|transpose|sfpu> ...");
        const std::string root = argv[1], what = argv[2];
        if (what == "reduce" && argc == 11) {
            return reduce(root, argv);
        }
        if (what == "transpose" && argc == 8) {
            return transpose(root, argv);
        }
        if (what == "sfpu" && argc == 7) {
            return sfpu(root, argv);
        }
        throw std::runtime_error("bad arguments (see the usage at the top of unary_ops_host.cpp)");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: error: %s\n", argv[0], e.what());
        return 1;
    }
}
