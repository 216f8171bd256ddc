// RUN: tt-opt %s --split-input-file | filecheck %s
// RUN: TT_ROUNDTRIP | filecheck %s
// RUN: TT_GENERIC_ROUNDTRIP | filecheck %s --check-prefix=GENERIC

// An empty program: no CBs, no kernels. `cbs` defaults to [] and is not printed.

tt.program @e attributes {device = #tt.device<p150>} {}

// CHECK:      builtin.module {
// CHECK-NEXT:   tt.program @e attributes {device = #tt.device<p150>} {
// CHECK-NEXT:   }
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "tt.program"() <{sym_name = "e", device = #tt.device<p150>, metal_api = #tt.metal_api<v0_74_0>, cbs = [], tensors = [], semaphores = []}> ({
// GENERIC-NEXT:   ^bb0:
// GENERIC-NEXT:   }) : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// All three roles, runtime-argument schemas, a compute config, several core
// ranges and discardable attributes on both ops. The order of the entries in
// `attributes {...}` does not matter: properties come first, in definition order.

tt.program @eltwise attributes {tt.origin = "tilelang", cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>], device = #tt.device<n150>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 6), (0, 7) to (3, 7)]> attributes {runtime_args = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "b_addr" : u32 = buffer_address(1), "start" : u32 = start_unit, "n" : u32 = num_units]>} {
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (7, 6), (0, 7) to (3, 7)]> attributes {tt.note = "fp32 accumulation", compute_config = #tt.compute_config<hifi2, fp32_dest_acc = true, dst_full_sync = true>, runtime_args = #tt.runtime_args<["n" : u32 = num_units]>} {
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (7, 6), (0, 7) to (3, 7)]> attributes {runtime_args = #tt.runtime_args<["c_addr" : u32 = buffer_address(2), "start" : u32 = start_unit, "n" : u32 = num_units]>} {
  }
}

// CHECK:      builtin.module {
// CHECK-NEXT:   tt.program @eltwise attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>], tt.origin = "tilelang"} {
// CHECK-NEXT:     tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 6), (0, 7) to (3, 7)]> attributes {runtime_args = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "b_addr" : u32 = buffer_address(1), "start" : u32 = start_unit, "n" : u32 = num_units]>} {
// CHECK-NEXT:     }
// CHECK-NEXT:     tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (7, 6), (0, 7) to (3, 7)]> attributes {runtime_args = #tt.runtime_args<["n" : u32 = num_units]>, compute_config = #tt.compute_config<hifi2, fp32_dest_acc = true, dst_full_sync = true>, tt.note = "fp32 accumulation"} {
// CHECK-NEXT:     }
// CHECK-NEXT:     tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (7, 6), (0, 7) to (3, 7)]> attributes {runtime_args = #tt.runtime_args<["c_addr" : u32 = buffer_address(2), "start" : u32 = start_unit, "n" : u32 = num_units]>} {
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "tt.program"() <{sym_name = "eltwise", device = #tt.device<n150>, metal_api = #tt.metal_api<v0_74_0>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>], tensors = [], semaphores = []}> ({
// GENERIC-NEXT:     "tt.kernel"() <{sym_name = "reader", role = #tt.kernel_role<reader>, cores = #tt.core_ranges<[(0, 0) to (7, 6), (0, 7) to (3, 7)]>, runtime_args = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "b_addr" : u32 = buffer_address(1), "start" : u32 = start_unit, "n" : u32 = num_units]>}> ({
// GENERIC-NEXT:     ^bb0:
// GENERIC-NEXT:     }) : () -> ()
// GENERIC-NEXT:     "tt.kernel"() <{sym_name = "compute", role = #tt.kernel_role<compute>, cores = #tt.core_ranges<[(0, 0) to (7, 6), (0, 7) to (3, 7)]>, runtime_args = #tt.runtime_args<["n" : u32 = num_units]>, compute_config = #tt.compute_config<hifi2, fp32_dest_acc = true, dst_full_sync = true>}> ({
// GENERIC-NEXT:     ^bb0:
// GENERIC-NEXT:     }) {tt.note = "fp32 accumulation"} : () -> ()
// GENERIC-NEXT:     "tt.kernel"() <{sym_name = "writer", role = #tt.kernel_role<writer>, cores = #tt.core_ranges<[(0, 0) to (7, 6), (0, 7) to (3, 7)]>, runtime_args = #tt.runtime_args<["c_addr" : u32 = buffer_address(2), "start" : u32 = start_unit, "n" : u32 = num_units]>}> ({
// GENERIC-NEXT:     ^bb0:
// GENERIC-NEXT:     }) : () -> ()
// GENERIC-NEXT:   }) {tt.origin = "tilelang"} : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// Defaults: an empty runtime-argument schema and an empty CB list are left out
// of the custom form; a compute kernel without compute_config has none. Kernels
// on single cores and on disjoint ranges; blackhole's top CB index (63).

tt.program @defaults attributes {device = #tt.device<p150>, cbs = [#tt.cb_desc<index = 63, pages = 1, page_size = 4096, f32>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<[]>} {}
  tt.kernel @compute compute on #tt.core_ranges<[(1, 0) to (1, 0), (3, 0) to (4, 1), (0, 9) to (12, 9)]> {}
  tt.kernel @writer writer on #tt.core_ranges<[(12, 9) to (12, 9)]> attributes {tag = 7 : i64} {}
}

// CHECK:      builtin.module {
// CHECK-NEXT:   tt.program @defaults attributes {device = #tt.device<p150>, cbs = [#tt.cb_desc<index = 63, pages = 1, page_size = 4096, f32>]} {
// CHECK-NEXT:     tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
// CHECK-NEXT:     }
// CHECK-NEXT:     tt.kernel @compute compute on #tt.core_ranges<[(1, 0) to (1, 0), (3, 0) to (4, 1), (0, 9) to (12, 9)]> {
// CHECK-NEXT:     }
// CHECK-NEXT:     tt.kernel @writer writer on #tt.core_ranges<[(12, 9) to (12, 9)]> attributes {tag = 7 : i64} {
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "tt.program"() <{sym_name = "defaults", device = #tt.device<p150>, metal_api = #tt.metal_api<v0_74_0>, cbs = [#tt.cb_desc<index = 63, pages = 1, page_size = 4096, f32>], tensors = [], semaphores = []}> ({
// GENERIC-NEXT:     "tt.kernel"() <{sym_name = "reader", role = #tt.kernel_role<reader>, cores = #tt.core_ranges<[(0, 0) to (0, 0)]>, runtime_args = #tt.runtime_args<[]>}> ({
// GENERIC-NEXT:     ^bb0:
// GENERIC-NEXT:     }) : () -> ()
// GENERIC-NEXT:     "tt.kernel"() <{sym_name = "compute", role = #tt.kernel_role<compute>, cores = #tt.core_ranges<[(1, 0) to (1, 0), (3, 0) to (4, 1), (0, 9) to (12, 9)]>, runtime_args = #tt.runtime_args<[]>}> ({
// GENERIC-NEXT:     ^bb0:
// GENERIC-NEXT:     }) : () -> ()
// GENERIC-NEXT:     "tt.kernel"() <{sym_name = "writer", role = #tt.kernel_role<writer>, cores = #tt.core_ranges<[(12, 9) to (12, 9)]>, runtime_args = #tt.runtime_args<[]>}> ({
// GENERIC-NEXT:     ^bb0:
// GENERIC-NEXT:     }) {tag = 7 : i64} : () -> ()
// GENERIC-NEXT:   }) : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// Several programs in one module, each with its own symbol table.

tt.program @first attributes {device = #tt.device<n150>} {
  tt.kernel @k reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {}
}
tt.program @second attributes {device = #tt.device<n150>} {
  tt.kernel @k writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {}
}

// CHECK:      builtin.module {
// CHECK-NEXT:   tt.program @first attributes {device = #tt.device<n150>} {
// CHECK-NEXT:     tt.kernel @k reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.program @second attributes {device = #tt.device<n150>} {
// CHECK-NEXT:     tt.kernel @k writer on #tt.core_ranges<[(0, 0) to (0, 0)]> {
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT: }

// GENERIC:      "tt.program"() <{sym_name = "first", device = #tt.device<n150>, metal_api = #tt.metal_api<v0_74_0>, cbs = [], tensors = [], semaphores = []}> ({
// GENERIC-NEXT:   "tt.kernel"() <{sym_name = "k", role = #tt.kernel_role<reader>, cores = #tt.core_ranges<[(0, 0) to (0, 0)]>, runtime_args = #tt.runtime_args<[]>}> ({
// GENERIC:        "tt.program"() <{sym_name = "second", device = #tt.device<n150>, metal_api = #tt.metal_api<v0_74_0>, cbs = [], tensors = [], semaphores = []}> ({
// GENERIC-NEXT:   "tt.kernel"() <{sym_name = "k", role = #tt.kernel_role<writer>, cores = #tt.core_ranges<[(0, 0) to (0, 0)]>, runtime_args = #tt.runtime_args<[]>}> ({

// -----

// The whole program contract: tensors with their roles, the work partition, CBs on
// their cores, a semaphore, and each kernel's compile-time arguments (a CB word, then
// the accessor words of its tensor, at the accessor's cta_offset).

tt.program @contract attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [1, 2], ranges = [<(0, 0) to (1, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 2]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 2]>>], semaphores = [#tt.semaphore<id = 0, initial = 1, cores = [(0, 0) to (1, 0)]>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, accessor_config(0) = 2, page_size(0) = 2048]>} {
    %cb = tt.get_cb 0 : !tt.cb<2, bf16>
    %addr = tt.get_arg_val 0 : i32
    %a = tt.tensor_accessor %addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["c" : u32 = buffer_address(1)]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(1) = 2, page_size(1) = 2048]>} {
    %cb = tt.get_cb 16 : !tt.cb<2, bf16>
    %addr = tt.get_arg_val 0 : i32
    %c = tt.tensor_accessor %addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
  }
}

// CHECK:      tt.program @contract attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [1, 2], ranges = [<(0, 0) to (1, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 2]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 2]>>], semaphores = [#tt.semaphore<id = 0, initial = 1, cores = [(0, 0) to (1, 0)]>]} {
// CHECK-NEXT:   tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, accessor_config(0) = 2, page_size(0) = 2048]>} {
// CHECK:        tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["c" : u32 = buffer_address(1)]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(1) = 2, page_size(1) = 2048]>} {

// GENERIC:      "tt.program"() <{sym_name = "contract", device = #tt.device<n150>, metal_api = #tt.metal_api<v0_74_0>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16, cores = [(0, 0) to (1, 0)]>], work_partition = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [1, 2], ranges = [<(0, 0) to (1, 0), start = 0, count = 1>]>, tensors = [#tt.tensor<input, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 2]>>, #tt.tensor<output, #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [1, 2]>>], semaphores = [#tt.semaphore<id = 0, initial = 1, cores = [(0, 0) to (1, 0)]>]}> ({
// GENERIC-NEXT:   "tt.kernel"() <{sym_name = "reader", role = #tt.kernel_role<reader>, cores = #tt.core_ranges<[(0, 0) to (1, 0)]>, runtime_args = #tt.runtime_args<["a" : u32 = buffer_address(0)]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, accessor_config(0) = 2, page_size(0) = 2048]>}> ({
