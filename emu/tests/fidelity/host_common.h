// tt-emu fidelity harness: what the host programs that drive tt-metal's own kernels share.
//
// The harnesses (matmul_host.cpp, matmul_reuse_host.cpp, matmul_fused_host.cpp, matmul_mcast_host.cpp,
// eltwise_binary_host.cpp) play the part
// of ttnn's program factories: the same CBs, kernels, compile-time and named arguments, defines
// and per-core runtime arguments as tt-metal v0.74.0's host code passes, through the emulated
// host API (as the emitted main.cpp uses it). Tensors come and go as files of tiles, tilized by the test.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <tt-metalium/distributed.hpp>
#include <tt-metalium/host_api.hpp>

namespace fidelity {

constexpr std::uint32_t kBf16TileBytes = 32 * 32 * 2;

// TensorAccessorArgs(buffer).append_to(args) for an interleaved DRAM buffer: the config word
// (tensor_accessor::ArgConfig::IsDram) and the aligned page size.
inline void append_interleaved_dram_accessor_args(std::vector<std::uint32_t>& args, std::uint32_t page_size) {
    constexpr std::uint32_t kIsDram = 1u << 1;
    args.push_back(kIsDram);
    args.push_back(page_size);
}

// tt-metal's split_work_to_cores: the first `units % cores` cores (group 1) get one unit more
// than the others (group 2); `cores` = min(units, grid cores).
struct WorkSplit {
    std::uint32_t num_cores = 0;
    std::uint32_t units_group_1 = 0;  // per core
    std::uint32_t units_group_2 = 0;
    std::uint32_t cores_group_1 = 0;
};

inline WorkSplit split_work_to_cores(const CoreCoord& grid, std::uint32_t units) {
    WorkSplit w;
    const std::uint32_t max_cores = static_cast<std::uint32_t>(grid.x * grid.y);
    w.num_cores = std::min(units, max_cores);
    if (w.num_cores == 0) {
        return w;
    }
    const std::uint32_t base = units / w.num_cores;
    const std::uint32_t more = units % w.num_cores;
    if (more == 0) {
        w.units_group_1 = base;
        w.cores_group_1 = w.num_cores;
    } else {
        w.units_group_1 = base + 1;
        w.units_group_2 = base;
        w.cores_group_1 = more;
    }
    return w;
}

inline std::vector<std::uint8_t> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const std::string& path, const std::vector<std::uint8_t>& data) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

inline std::shared_ptr<tt::tt_metal::distributed::MeshBuffer> dram_buffer(
    tt::tt_metal::distributed::MeshDevice& device, std::uint64_t bytes, std::uint32_t page_size) {
    const tt::tt_metal::distributed::DeviceLocalBufferConfig local{
        .page_size = page_size,
        .buffer_type = tt::tt_metal::BufferType::DRAM,
    };
    const tt::tt_metal::distributed::ReplicatedBufferConfig global{.size = bytes};
    return tt::tt_metal::distributed::MeshBuffer::create(global, local, &device);
}

inline std::uint32_t arg(char** argv, int i) { return static_cast<std::uint32_t>(std::stoul(argv[i])); }

// A harness's argument check: `what` as the error when `ok` fails.
inline void require(bool ok, const std::string& what) {
    if (!ok) {
        throw std::runtime_error(what);
    }
}

inline std::string str(std::uint32_t v) { return std::to_string(v); }

// The MathFidelity of a harness argument: 0 (LoFi), 2, 3 or 4 (HiFi2..4).
inline MathFidelity fidelity_of(std::uint32_t v) {
    switch (v) {
        case 0: return MathFidelity::LoFi;
        case 2: return MathFidelity::HiFi2;
        case 3: return MathFidelity::HiFi3;
        case 4: return MathFidelity::HiFi4;
        default: throw std::runtime_error("math fidelity must be 0 (LoFi), 2, 3 or 4 (HiFi2..4)");
    }
}

// The device of a binary operation and its DRAM buffers: inputs a and b written, output c
// allocated (`c_bytes`), each with pages of `page_size` bytes.
struct BinaryOperation {
    std::shared_ptr<tt::tt_metal::distributed::MeshDevice> device;
    std::shared_ptr<tt::tt_metal::distributed::MeshBuffer> a, b, c;
};

inline BinaryOperation open_binary_operation(
    const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b, std::uint64_t c_bytes,
    std::uint32_t page_size) {
    namespace distributed = tt::tt_metal::distributed;
    BinaryOperation op{distributed::MeshDevice::create_unit_mesh(0), nullptr, nullptr, nullptr};
    op.a = dram_buffer(*op.device, a.size(), page_size);
    op.b = dram_buffer(*op.device, b.size(), page_size);
    op.c = dram_buffer(*op.device, c_bytes, page_size);
    distributed::MeshCommandQueue& cq = op.device->mesh_command_queue();
    distributed::EnqueueWriteMeshBuffer(cq, op.a, a, true);
    distributed::EnqueueWriteMeshBuffer(cq, op.b, b, true);
    return op;
}

// Runs `program` to completion, reads `output` (`bytes` long) back into the file `path` and
// closes the device: how every harness ends.
inline void run_and_save_output(
    const std::shared_ptr<tt::tt_metal::distributed::MeshDevice>& device,
    tt::tt_metal::Program& program,
    const std::shared_ptr<tt::tt_metal::distributed::MeshBuffer>& output,
    std::size_t bytes,
    const std::string& path) {
    namespace distributed = tt::tt_metal::distributed;
    distributed::MeshCommandQueue& cq = device->mesh_command_queue();
    distributed::MeshWorkload workload;
    workload.add_program(distributed::MeshCoordinateRange(device->shape()), std::move(program));
    distributed::EnqueueMeshWorkload(cq, workload, false);
    distributed::Finish(cq);
    std::vector<std::uint8_t> data(bytes);
    distributed::EnqueueReadMeshBuffer(cq, data, output, true);
    device->close();
    write_file(path, data);
}

// The CBs of bmm_large_block_zm_fused_bias_activation as ttnn's matmul factories create them on
// `cores`: in0 (c_0) and in1 (c_1) holding `buffering` blocks of in0_block_tiles /
// in1_block_tiles bf16 tiles; the output (c_4, bf16) and the partial sums (c_5) of one
// out_block_tiles block, sharing their memory when they have one format, apart otherwise. The
// partial sums are fp32 with fp32_dest_acc_en, else bf16 (the output's format).
inline void create_fused_matmul_cbs(tt::tt_metal::Program& program, const tt::tt_metal::CoreRangeSet& cores,
                                    std::uint32_t tile, std::uint32_t in0_block_tiles, std::uint32_t in1_block_tiles,
                                    std::uint32_t out_block_tiles, std::uint32_t buffering, bool fp32_dest_acc_en) {
    using namespace tt;
    using namespace tt::tt_metal;
    const DataFormat out_format = DataFormat::Float16_b;
    const DataFormat interm0_format = fp32_dest_acc_en ? DataFormat::Float32 : out_format;
    const std::uint32_t interm0_tile = interm0_format == DataFormat::Float32 ? 2 * tile : tile;
    const std::uint8_t cb_in0 = CBIndex::c_0, cb_in1 = CBIndex::c_1, cb_out = CBIndex::c_4, cb_interm0 = CBIndex::c_5;
    CreateCircularBuffer(program, cores,
                         CircularBufferConfig(buffering * in0_block_tiles * tile, {{cb_in0, DataFormat::Float16_b}})
                             .set_page_size(cb_in0, tile));
    CreateCircularBuffer(program, cores,
                         CircularBufferConfig(buffering * in1_block_tiles * tile, {{cb_in1, DataFormat::Float16_b}})
                             .set_page_size(cb_in1, tile));
    if (interm0_format != out_format) {
        CreateCircularBuffer(program, cores,
                             CircularBufferConfig(out_block_tiles * interm0_tile, {{cb_interm0, interm0_format}})
                                 .set_page_size(cb_interm0, interm0_tile));
        CreateCircularBuffer(program, cores,
                             CircularBufferConfig(out_block_tiles * tile, {{cb_out, out_format}}).set_page_size(cb_out, tile));
    } else {
        CreateCircularBuffer(program, cores,
                             CircularBufferConfig(out_block_tiles * tile, {{cb_out, out_format}, {cb_interm0, interm0_format}})
                                 .set_page_size(cb_out, tile)
                                 .set_page_size(cb_interm0, interm0_tile));
    }
}

// The first compile-time arguments of tt-metal's block matmul compute kernels (bmm_large_block_zm
// and bmm_large_block_zm_fused_bias_activation share them): K blocks of in0_block_w tiles, out
// blocks of out_block_h x out_block_w tiles in subblocks of out_subblock_h x out_subblock_w.
inline std::vector<std::uint32_t> block_matmul_operand_args(std::uint32_t in0_block_w, std::uint32_t out_block_h,
                                                            std::uint32_t out_block_w, std::uint32_t out_subblock_h,
                                                            std::uint32_t out_subblock_w) {
    const std::uint32_t in0_num_subblocks = out_block_h / out_subblock_h;
    const std::uint32_t in1_num_subblocks = out_block_w / out_subblock_w;
    return {
        in0_block_w,
        in0_num_subblocks,
        out_subblock_h * in0_block_w * in0_num_subblocks,  // in0_block_num_tiles
        out_subblock_h * in0_block_w,                      // in0_subblock_num_tiles
        in1_num_subblocks,
        out_subblock_w * in0_block_w * in1_num_subblocks,  // in1_block_num_tiles
        out_subblock_w * in1_num_subblocks,                // in1_per_core_w
    };
}

// The compile-time arguments of bmm_large_block_zm_fused_bias_activation, in the factories' order,
// for out blocks of out_block_h x out_block_w tiles (out_num_blocks_x x _y of them per core) in
// subblocks of out_subblock_h x out_subblock_w, K in num_blocks blocks of in0_block_w tiles; the
// output not untilized, the batch not from the reader, in0 not transposed.
inline std::vector<std::uint32_t> fused_matmul_compute_args(
    std::uint32_t in0_block_w, std::uint32_t out_block_h, std::uint32_t out_block_w, std::uint32_t out_subblock_h,
    std::uint32_t out_subblock_w, std::uint32_t num_blocks, std::uint32_t out_num_blocks_x,
    std::uint32_t out_num_blocks_y, std::uint32_t batch) {
    std::vector<std::uint32_t> args =
        block_matmul_operand_args(in0_block_w, out_block_h, out_block_w, out_subblock_h, out_subblock_w);
    args.insert(args.end(), {
                                num_blocks,
                                out_num_blocks_x,
                                out_num_blocks_y,
                                out_subblock_h,
                                out_subblock_w,
                                out_subblock_h * out_subblock_w,  // out_subblock_num_tiles
                                batch,
                                out_block_h * out_block_w,  // out_block_num_tiles
                                0,                          // untilize_out
                                0,                          // get_batch_from_reader
                                0,                          // in0_transpose_tile
                            });
    return args;
}

// bmm_large_block_zm_fused_bias_activation (from the wheel at `root`) on `cores` with
// `compute_args`, its defines (PACKER_L1_ACC, FP32_DEST_ACC_EN) and named CBs as the factories
// pass them.
inline tt::tt_metal::KernelHandle create_fused_matmul_compute(
    tt::tt_metal::Program& program, const std::string& root, const tt::tt_metal::CoreRangeSet& cores,
    MathFidelity math_fidelity, bool fp32_dest_acc_en, bool packer_l1_acc_en,
    const std::vector<std::uint32_t>& compute_args) {
    using namespace tt;
    using namespace tt::tt_metal;
    std::map<std::string, std::string> defines;
    if (packer_l1_acc_en) {
        defines["PACKER_L1_ACC"] = "1";
    }
    if (fp32_dest_acc_en) {
        defines["FP32_DEST_ACC_EN"] = "1";
    }
    return CreateKernel(
        program, root + "/ttnn/operations/matmul/device/kernels/compute/bmm_large_block_zm_fused_bias_activation.cpp",
        cores,
        ComputeConfig{.math_fidelity = math_fidelity,
                      .fp32_dest_acc_en = fp32_dest_acc_en,
                      .compile_args = compute_args,
                      .defines = defines,
                      .named_compile_args = {{"cb_in0", CBIndex::c_0},
                                             {"cb_in1", CBIndex::c_1},
                                             {"cb_bias", CBIndex::c_3},
                                             {"cb_out", CBIndex::c_4},
                                             {"cb_intermed0", CBIndex::c_5},
                                             {"cb_in0_intermediate", CBIndex::c_8},
                                             {"cb_in1_intermediate", CBIndex::c_9},
                                             {"cb_in0_transposed", CBIndex::c_10}}});
}

// A matmul as ttnn's block-reuse factories split it: one output block of per_core_M x per_core_N
// tiles per core, K in blocks of in0_block_w tiles, the output written in out_subblock_h x
// out_subblock_w subblocks; `batch` matmuls, B shared by all of them when `bcast_b`.
struct BlockReuseMatmul {
    std::uint32_t Mt, Kt, Nt, batch, bcast_b, per_core_M, per_core_N, in0_block_w, out_subblock_h, out_subblock_w;
};

// argv[5..14] of a block-reuse harness (batch Mt Kt Nt bcast_b per_core_M per_core_N in0_block_w
// out_subblock_h out_subblock_w), checked as the factories check them (their TT_FATALs), plus the
// subblock tiling the kernels assume.
inline BlockReuseMatmul block_reuse_matmul_args(char** argv) {
    const BlockReuseMatmul s{arg(argv, 6), arg(argv, 7),  arg(argv, 8),  arg(argv, 5),  arg(argv, 9),
                             arg(argv, 10), arg(argv, 11), arg(argv, 12), arg(argv, 13), arg(argv, 14)};
    require(s.per_core_M && s.per_core_N && s.in0_block_w && s.out_subblock_h && s.out_subblock_w,
            "block and subblock sizes must be positive");
    const auto divides = [](std::uint32_t n, const char* n_name, std::uint32_t d, const char* d_name) {
        require(n % d == 0, std::string(n_name) + " (" + str(n) + ") must be divisible by " + d_name + " (" + str(d) + ")");
    };
    divides(s.Mt, "Mt", s.per_core_M, "per_core_M");
    divides(s.Nt, "Nt", s.per_core_N, "per_core_N");
    divides(s.Kt, "Kt", s.in0_block_w, "in0_block_w");
    divides(s.per_core_M, "per_core_M", s.out_subblock_h, "out_subblock_h");
    divides(s.per_core_N, "per_core_N", s.out_subblock_w, "out_subblock_w");
    return s;
}

// tt-metal's block-reuse reader and writer (reader_bmm_tile_layout.cpp, writer_bmm_tile_layout.cpp
// from the wheel at `root`) on `cores`, with their interleaved-DRAM accessor arguments and named CBs.
struct BlockReuseDataMovement {
    tt::tt_metal::KernelHandle reader, writer;
};

inline BlockReuseDataMovement create_block_reuse_data_movement(
    tt::tt_metal::Program& program, const std::string& root, const tt::tt_metal::CoreRangeSet& cores,
    std::uint32_t tile, std::uint8_t cb_in0, std::uint8_t cb_in1, std::uint8_t cb_out) {
    using namespace tt::tt_metal;
    const std::string kernels = root + "/ttnn/operations/matmul/device/kernels/dataflow/";
    std::vector<std::uint32_t> reader_args;
    append_interleaved_dram_accessor_args(reader_args, tile);
    append_interleaved_dram_accessor_args(reader_args, tile);
    std::vector<std::uint32_t> writer_args;
    append_interleaved_dram_accessor_args(writer_args, tile);
    return {
        CreateKernel(program, kernels + "reader_bmm_tile_layout.cpp", cores,
                     ReaderDataMovementConfig(reader_args, {}, {{"cb_in0", cb_in0}, {"cb_in1", cb_in1}})),
        CreateKernel(program, kernels + "writer_bmm_tile_layout.cpp", cores,
                     WriterDataMovementConfig(writer_args, {}, {{"cb_out", cb_out}})),
    };
}

// The reader's and writer's runtime arguments on `core` for output block (by, bx), as the factory
// sets them; a, b and c are the tensors' DRAM addresses.
inline void set_block_reuse_runtime_args(
    tt::tt_metal::Program& program, const BlockReuseDataMovement& kernels, const tt::tt_metal::CoreCoord& core,
    const BlockReuseMatmul& m, std::uint32_t by, std::uint32_t bx, std::uint32_t a, std::uint32_t b,
    std::uint32_t c) {
    using tt::tt_metal::SetRuntimeArgs;
    const std::uint32_t in0_num_subblocks = m.per_core_M / m.out_subblock_h;
    const std::uint32_t in1_num_subblocks = m.per_core_N / m.out_subblock_w;
    SetRuntimeArgs(program, kernels.reader, core,
                   {// A: first tile of the block's rows; next tile, next row, next K block.
                    a, m.Kt * m.per_core_M * by, 1, m.Kt, m.in0_block_w,
                    // A block: width, height, tiles.
                    m.in0_block_w, m.per_core_M, m.in0_block_w * m.per_core_M,
                    // B: first tile of the block's columns; next tile, next row, next K block.
                    b, m.per_core_N * bx, 1, m.Nt, m.in0_block_w * m.Nt,
                    // B block: width, height, tiles.
                    m.per_core_N, m.in0_block_w, m.per_core_N * m.in0_block_w,
                    // K blocks; batch strides, batch, B broadcast.
                    m.Kt / m.in0_block_w, m.Mt * m.Kt, m.Kt * m.Nt, m.batch, m.bcast_b});
    SetRuntimeArgs(program, kernels.writer, core,
                   {// C: the block's first tile; next tile, next row, next subblock across and down.
                    c, m.per_core_N * bx + m.per_core_M * m.Nt * by, 1, m.Nt, m.out_subblock_w,
                    m.out_subblock_h * m.Nt,
                    // subblock width, height, tiles; subblocks across and down.
                    m.out_subblock_w, m.out_subblock_h, m.out_subblock_w * m.out_subblock_h, in1_num_subblocks,
                    in0_num_subblocks,
                    // batch stride, batch.
                    m.Mt * m.Nt, m.batch});
}

}  // namespace fidelity
