// RUN: tt-opt %s --split-input-file --verify-diagnostics | filecheck %s

// CB indices are checked against the architecture: wormhole_b0 has 32 CBs.
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 31, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 32, pages = 2, page_size = 2048, bf16>]} {
}
// CHECK: program_invalid.mlir:4:1: error: 'tt.program' op CB index 32 is out of range: n150 (wormhole_b0) has 32 CBs per core (0..31)

// -----

// Blackhole has 64: index 63 is fine, 64 is not.
tt.program @p attributes {device = #tt.device<p150>, cbs = [#tt.cb_desc<index = 32, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 63, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 64, pages = 2, page_size = 2048, bf16>]} {
}
// CHECK: program_invalid.mlir:11:1: error: 'tt.program' op CB index 64 is out of range: p150 (blackhole) has 64 CBs per core (0..63)

// -----

// A CB index is described once.
tt.program @p attributes {device = #tt.device<p150>, cbs = [#tt.cb_desc<index = 5, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 6, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 5, pages = 4, page_size = 4096, f32>]} {
}
// CHECK: program_invalid.mlir:18:1: error: 'tt.program' op CB index 5 is described twice

// -----

// A program holds only kernels.
tt.program @p attributes {device = #tt.device<n150>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {}
  "test.op"() : () -> ()
}
// CHECK: program_invalid.mlir:25:1: error: 'tt.program' op a tt.program holds only tt.kernel ops, found 'test.op'

// -----

// A kernel lives in a program.
tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {}
// CHECK: program_invalid.mlir:34:1: error: 'tt.kernel' op 'tt.kernel' expects parent op 'tt.program'

// -----

func.func @f() {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {}
  func.return
}
// CHECK: program_invalid.mlir:40:3: error: 'tt.kernel' op 'tt.kernel' expects parent op 'tt.program'

// -----

// compute_config belongs to compute kernels only.
tt.program @p attributes {device = #tt.device<n150>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} {}
}
// CHECK: program_invalid.mlir:49:3: error: 'tt.kernel' op compute_config is only valid on compute kernels, not on a reader kernel

// -----

tt.program @p attributes {device = #tt.device<n150>} {
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compute_config = #tt.compute_config<lofi, fp32_dest_acc = true, dst_full_sync = false>} {}
}
// CHECK: program_invalid.mlir:56:3: error: 'tt.kernel' op compute_config is only valid on compute kernels, not on a writer kernel

// -----

// A kernel's cores lie inside the device's worker grid (wormhole_b0: 10 rows x 8 cols).
tt.program @p attributes {device = #tt.device<n150>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 7), (8, 0) to (8, 0)]> {}
}
// CHECK: program_invalid.mlir:64:3: error: 'tt.kernel' op core range (8, 0) to (8, 0) lies outside the 8x8 worker grid of n150 (wormhole_b0) (cores (x, y) with x < 8, y < 8)

// -----

// (blackhole: 10 rows x 14 cols)
tt.program @p attributes {device = #tt.device<p150>} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (13, 10)]> {}
}
// CHECK: program_invalid.mlir:72:3: error: 'tt.kernel' op core range (0, 0) to (13, 10) lies outside the 10x13 worker grid of p150 (blackhole) (cores (x, y) with x < 13, y < 10)

// -----

// A kernel body takes no block arguments (custom form).
tt.program @p attributes {device = #tt.device<n150>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
  ^bb0(%x: i32):
  }
}
// CHECK: program_invalid.mlir:80:3: error: 'tt.kernel' op a tt.kernel body takes no block arguments

// -----

// ... nor in the generic form.
"tt.program"() <{sym_name = "p", device = #tt.device<n150>, cbs = []}> ({
  "tt.kernel"() <{sym_name = "reader", role = #tt.kernel_role<reader>, cores = #tt.core_ranges<[(0, 0) to (0, 0)]>, runtime_args = #tt.runtime_args<[]>}> ({
  ^bb0(%x: i32):
  }) : () -> ()
}) : () -> ()
// CHECK: program_invalid.mlir:90:3: error: 'tt.kernel' op a tt.kernel body takes no block arguments

// -----

// A program body takes none either.
tt.program @p attributes {device = #tt.device<n150>} {
^bb0(%x: i32):
}
// CHECK: program_invalid.mlir:99:1: error: 'tt.program' op a tt.program body takes no block arguments

// -----

// Kernel names are unique within a program (its symbol table).
tt.program @p attributes {device = #tt.device<n150>} {
  tt.kernel @k reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {}
  tt.kernel @k writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {}
}
// CHECK: program_invalid.mlir:107:1: error: 'tt.program' op Redefinition of symbol "k"

// -----

// A program needs a device.
tt.program @p {
}
// CHECK: program_invalid.mlir:116:1: error: 'tt.program' op property 'device' expected in operation 'tt.program'

// -----

// An unknown kernel role.
tt.program @p attributes {device = #tt.device<n150>} {
  tt.kernel @k dataflow on #tt.core_ranges<[(0, 0) to (0, 0)]> {}
}
// CHECK: program_invalid.mlir:124:16: error: Expected `reader`, `compute`, or `writer`.

// -----

// The program contract. A CB is created on cores of the device's worker grid.
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (8, 0)]>]} {
}
// CHECK: program_invalid.mlir:[[# @LINE - 2]]:1: error: 'tt.program' op CB 0 is created on (0, 0) to (8, 0), outside the 8x8 worker grid of n150 (wormhole_b0) (cores (x, y) with x < 8, y < 8)

// -----

// A kernel's compile-time arguments disagree with the program's CBs: cb(3) names a CB
// the program does not create.
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(3) = 3]>} {
    %cb = tt.get_cb 0 : !tt.cb<2, bf16>
  }
}
// CHECK: program_invalid.mlir:[[# @LINE - 4]]:3: error: 'tt.kernel' op compile-time argument cb(3) names CB 3, which the program does not describe

// -----

// ... or a CB the kernel uses has no compile-time word.
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compile_time_args = #tt.compile_time_args<[cb(0) = 0]>} {
    %a = tt.get_cb 0 : !tt.cb<2, bf16>
    %b = tt.get_cb 1 : !tt.cb<2, bf16>
  }
}
// CHECK: program_invalid.mlir:[[# @LINE - 5]]:3: error: 'tt.kernel' op uses CB 1, which has no word in its compile_time_args

// -----

// A kernel uses a CB that is not created on all of its cores.
tt.program @p attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (0, 0)]>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (1, 0)]> {
    %cb = tt.get_cb 0 : !tt.cb<2, bf16>
  }
}
// CHECK: program_invalid.mlir:[[# @LINE - 4]]:3: error: 'tt.kernel' op uses CB 0, which is not created on all of its cores

// -----

// An accessor's cta_offset must be where its tensor's words start.
tt.program @p attributes {device = #tt.device<n150>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>, compile_time_args = #tt.compile_time_args<[accessor_config(0) = 2, page_size(0) = 2048]>} {
    %addr = tt.get_arg_val 0 : i32
    %a = tt.tensor_accessor %addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
  }
}
// CHECK: program_invalid.mlir:[[# @LINE - 5]]:3: error: 'tt.kernel' op an accessor of tensor 0 has cta_offset 1, but the tensor's accessor words start at position 0 of the kernel's compile_time_args

// -----

// A kernel reads inputs: it cannot read the pages of an output tensor.
tt.program @p attributes {device = #tt.device<n150>, tensors = [#tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>} {
    %addr = tt.get_arg_val 0 : i32
    %a = tt.tensor_accessor %addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
    %l1 = arith.constant 0 : i32
    %page = arith.constant 0 : index
    tt.noc_async_read_page %page, %a, %l1 : index
  }
}
// CHECK: program_invalid.mlir:[[# @LINE - 8]]:3: error: 'tt.kernel' op the reader kernel reads pages of tensor 0, an output of the program; a kernel reads inputs and writes outputs only

// -----

// A kernel writes outputs: a writer cannot write the pages of an input tensor.
tt.program @p attributes {device = #tt.device<n150>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 1]>>]} {
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>} {
    %addr = tt.get_arg_val 0 : i32
    %a = tt.tensor_accessor %addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
    %l1 = arith.constant 0 : i32
    %page = arith.constant 0 : index
    tt.noc_async_write_page %page, %a, %l1 : index
  }
}
// CHECK: program_invalid.mlir:[[# @LINE - 8]]:3: error: 'tt.kernel' op the writer kernel writes pages of tensor 0, an input of the program; a kernel reads inputs and writes outputs only

// -----

// Kernels run on exactly the cores the work partition gives work.
tt.program @p attributes {device = #tt.device<n150>, work_partition = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [1, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 1>]>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (1, 0)]> {}
}
// CHECK: program_invalid.mlir:[[# @LINE - 2]]:3: error: 'tt.kernel' op runs on core (1, 0), which the work partition gives no work; the host sets runtime arguments on the partition's working cores, so every kernel runs on exactly those

// -----

// A semaphore id is described once.
tt.program @p attributes {device = #tt.device<n150>, semaphores = [#tt.semaphore<id = 0, initial = 0, cores = [(0, 0) to (0, 0)]>, #tt.semaphore<id = 0, initial = 1, cores = [(1, 0) to (1, 0)]>]} {
}
// CHECK: program_invalid.mlir:[[# @LINE - 2]]:1: error: 'tt.program' op semaphore id 0 is described twice

// -----

// A tensor's accessor words are a config word followed by its page size.
tt.program @p attributes {device = #tt.device<n150>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compile_time_args = #tt.compile_time_args<[accessor_config(0) = 2]>} {}
}
// CHECK: program_invalid.mlir:[[# @LINE - 2]]:99: error: invalid attribute: accessor_config(0) at position 0 must be followed by page_size(0)

// -----

// A core holds 16 semaphores.
tt.program @p attributes {device = #tt.device<n150>, semaphores = [#tt.semaphore<id = 16, initial = 0, cores = [(0, 0) to (0, 0)]>]} {
}
// CHECK: program_invalid.mlir:[[# @LINE - 2]]:1: error: 'tt.program' op semaphore id 16 is out of range: a core has 16 semaphores (ids 0..15)
