// RUN: tt-opt %s -p tt-finalize-runtime-args --split-input-file --verify-diagnostics | filecheck %s --check-prefixes=CHECK,VERIFY
// RUN: tt-opt %s -p tt-finalize-runtime-args,tt-finalize-runtime-args --split-input-file --verify-diagnostics | filecheck %s --check-prefixes=CHECK,VERIFY
// RUN: tt-opt %s -p tt-finalize-runtime-args --split-input-file --verify-diagnostics --disable-verify | filecheck %s --check-prefixes=CHECK,NOVERIFY

// The second RUN line runs the pass twice: the output is the same. The third
// skips the op verifier, so the pass's own checks of the runtime-argument reads
// are reached (the verifier rejects those inputs first otherwise).

// Every kernel starts with the program's whole schema. Each keeps the entries it
// reads, in schema order (not in the order of the reads), and its reads are
// renumbered. Compile-time args: one word per CB (ascending index), then two per
// accessed tensor (ascending tensor index): the reader's CBs 0 and 1 put tensor
// 0's accessor at 2 and tensor 1's at 4, whichever accessor comes first; the
// writer's CB 16 puts tensor 2's at 1. The compute kernel reads start and count only.
tt.program @add attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>} {
    %start_arg = tt.get_arg_val 3 : i32
    %count_arg = tt.get_arg_val 4 : i32
    %b_addr = tt.get_arg_val 1 : i32
    %b = tt.tensor_accessor %b_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
    %a_addr = tt.get_arg_val 0 : i32
    %a = tt.tensor_accessor %a_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
    %cb_b = tt.get_cb 1 : !tt.cb<2, bf16>
    %cb_a = tt.get_cb 0 : !tt.cb<2, bf16>
    %start = arith.index_cast %start_arg : i32 to index
    %count = arith.index_cast %count_arg : i32 to index
    %end = arith.addi %start, %count : index
    %step = arith.constant 1 : index
    scf.for %unit = %start to %end step %step {
      tt.cb_reserve_back %cb_a, 1 : !tt.cb<2, bf16>
      tt.cb_reserve_back %cb_b, 1 : !tt.cb<2, bf16>
      %l1_a = tt.get_write_ptr %cb_a : !tt.cb<2, bf16>
      %l1_b = tt.get_write_ptr %cb_b : !tt.cb<2, bf16>
      tt.noc_async_read_page %unit, %a, %l1_a : index
      tt.noc_async_read_page %unit, %b, %l1_b : index
      tt.noc_async_read_barrier
      tt.cb_push_back %cb_a, 1 : !tt.cb<2, bf16>
      tt.cb_push_back %cb_b, 1 : !tt.cb<2, bf16>
    }
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>} {
    %start_arg = tt.get_arg_val 3 : i32
    %count_arg = tt.get_arg_val 4 : i32
    %cb_a = tt.get_cb 0 : !tt.cb<2, bf16>
    %cb_b = tt.get_cb 1 : !tt.cb<2, bf16>
    %cb_c = tt.get_cb 16 : !tt.cb<2, bf16>
  }
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>} {
    %c_addr = tt.get_arg_val 2 : i32
    %start_arg = tt.get_arg_val 3 : i32
    %count_arg = tt.get_arg_val 4 : i32
    %c = tt.tensor_accessor %c_addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
    %cb_c = tt.get_cb 16 : !tt.cb<2, bf16>
    %start = arith.index_cast %start_arg : i32 to index
    %count = arith.index_cast %count_arg : i32 to index
    %end = arith.addi %start, %count : index
    %step = arith.constant 1 : index
    scf.for %unit = %start to %end step %step {
      tt.cb_wait_front %cb_c, 1 : !tt.cb<2, bf16>
      %l1_c = tt.get_read_ptr %cb_c : !tt.cb<2, bf16>
      tt.noc_async_write_page %unit, %c, %l1_c : index
      tt.noc_async_write_barrier
      tt.cb_pop_front %cb_c, 1 : !tt.cb<2, bf16>
    }
  }
}
// CHECK:      tt.program @add attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 1, pages = 2, page_size = 2048, bf16>, #tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
// CHECK-NEXT:   tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor0_addr" : u32 = buffer_address(0), "tensor1_addr" : u32 = buffer_address(1), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, accessor_config(0) = 2, page_size(0) = 2048, accessor_config(1) = 2, page_size(1) = 2048]>} {
// CHECK-NEXT:     %start_arg = tt.get_arg_val 2 : i32
// CHECK-NEXT:     %count_arg = tt.get_arg_val 3 : i32
// CHECK-NEXT:     %b_addr = tt.get_arg_val 1 : i32
// CHECK-NEXT:     %b = tt.tensor_accessor %b_addr, cta_offset = 4, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:     %a_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:     %a = tt.tensor_accessor %a_addr, cta_offset = 2, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:     %cb_b = tt.get_cb 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     %cb_a = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:     %start = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:     %count = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:     %end = arith.addi %start, %count : index
// CHECK-NEXT:     %step = arith.constant 1 : index
// CHECK-NEXT:     scf.for %unit = %start to %end step %step {
// CHECK-NEXT:       tt.cb_reserve_back %cb_a, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:       tt.cb_reserve_back %cb_b, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:       %l1_a = tt.get_write_ptr %cb_a : !tt.cb<2, bf16>
// CHECK-NEXT:       %l1_b = tt.get_write_ptr %cb_b : !tt.cb<2, bf16>
// CHECK-NEXT:       tt.noc_async_read_page %unit, %a, %l1_a : index
// CHECK-NEXT:       tt.noc_async_read_page %unit, %b, %l1_b : index
// CHECK-NEXT:       tt.noc_async_read_barrier
// CHECK-NEXT:       tt.cb_push_back %cb_a, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:       tt.cb_push_back %cb_b, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(0) = 0, cb(1) = 1, cb(16) = 16]>} {
// CHECK-NEXT:     %start_arg = tt.get_arg_val 0 : i32
// CHECK-NEXT:     %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:     %cb_a = tt.get_cb 0 : !tt.cb<2, bf16>
// CHECK-NEXT:     %cb_b = tt.get_cb 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     %cb_c = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (1, 0)]> attributes {runtime_args = #tt.runtime_args<["tensor2_addr" : u32 = buffer_address(2), "start_unit" : u32 = start_unit, "num_units" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(2) = 2, page_size(2) = 2048]>} {
// CHECK-NEXT:     %c_addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:     %start_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:     %count_arg = tt.get_arg_val 2 : i32
// CHECK-NEXT:     %c = tt.tensor_accessor %c_addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:     %cb_c = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:     %start = arith.index_cast %start_arg : i32 to index
// CHECK-NEXT:     %count = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:     %end = arith.addi %start, %count : index
// CHECK-NEXT:     %step = arith.constant 1 : index
// CHECK-NEXT:     scf.for %unit = %start to %end step %step {
// CHECK-NEXT:       tt.cb_wait_front %cb_c, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:       %l1_c = tt.get_read_ptr %cb_c : !tt.cb<2, bf16>
// CHECK-NEXT:       tt.noc_async_write_page %unit, %c, %l1_c : index
// CHECK-NEXT:       tt.noc_async_write_barrier
// CHECK-NEXT:       tt.cb_pop_front %cb_c, 1 : !tt.cb<2, bf16>
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// One entry read several times, also inside a loop: every read is renumbered,
// and the entry is kept once. Two accessors of one tensor share its offset; the
// entries in between that nothing reads (tensor 1, start_unit) are dropped.
tt.program @twice attributes {device = #tt.device<n150>, cbs = [#tt.cb_desc<index = 16, pages = 2, page_size = 2048, bf16>]} {
  tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["out_addr" : u32 = buffer_address(0), "other_addr" : u32 = buffer_address(1), "first" : u32 = start_unit, "count" : u32 = num_units]>} {
    %addr = tt.get_arg_val 0 : i32
    %acc = tt.tensor_accessor %addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
    %cb = tt.get_cb 16 : !tt.cb<2, bf16>
    %count_arg = tt.get_arg_val 3 : i32
    %zero = arith.constant 0 : index
    %one = arith.constant 1 : index
    %count = arith.index_cast %count_arg : i32 to index
    scf.for %i = %zero to %count step %one {
      %again = tt.get_arg_val 0 : i32
      %acc2 = tt.tensor_accessor %again, cta_offset = 7, page_size = 2048 : !tt.tensor_accessor
      %l1 = tt.get_read_ptr %cb : !tt.cb<2, bf16>
      tt.noc_async_write_page %i, %acc2, %l1 : index
    }
  }
}
// CHECK:      tt.kernel @writer writer on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["out_addr" : u32 = buffer_address(0), "count" : u32 = num_units]>, compile_time_args = #tt.compile_time_args<[cb(16) = 16, accessor_config(0) = 2, page_size(0) = 2048]>} {
// CHECK-NEXT:   %addr = tt.get_arg_val 0 : i32
// CHECK-NEXT:   %acc = tt.tensor_accessor %addr, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:   %cb = tt.get_cb 16 : !tt.cb<2, bf16>
// CHECK-NEXT:   %count_arg = tt.get_arg_val 1 : i32
// CHECK-NEXT:   %zero = arith.constant 0 : index
// CHECK-NEXT:   %one = arith.constant 1 : index
// CHECK-NEXT:   %count = arith.index_cast %count_arg : i32 to index
// CHECK-NEXT:   scf.for %i = %zero to %count step %one {
// CHECK-NEXT:     %again = tt.get_arg_val 0 : i32
// CHECK-NEXT:     %acc2 = tt.tensor_accessor %again, cta_offset = 1, page_size = 2048 : !tt.tensor_accessor
// CHECK-NEXT:     %l1 = tt.get_read_ptr %cb : !tt.cb<2, bf16>
// CHECK-NEXT:     tt.noc_async_write_page %i, %acc2, %l1 : index
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// A kernel that reads nothing keeps an empty schema (the default, not printed);
// so does a kernel that had none. Other argument reads are not runtime args.
tt.program @idle attributes {device = #tt.device<n150>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
    %k = tt.get_compile_time_arg_val 0 : i32
    %s = tt.get_common_arg_val 2 : i32
  }
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
  }
}
// CHECK:      tt.program @idle attributes {device = #tt.device<n150>} {
// CHECK-NEXT:   tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compile_time_args = #tt.compile_time_args<[]>} {
// CHECK-NEXT:     %k = tt.get_compile_time_arg_val 0 : i32
// CHECK-NEXT:     %s = tt.get_common_arg_val 2 : i32
// CHECK-NEXT:   }
// CHECK-NEXT:   tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {compile_time_args = #tt.compile_time_args<[]>} {
// CHECK-NEXT:   }
// CHECK-NEXT: }

// -----

// A read past the end of the kernel's schema: the verifier and the pass report
// it in the same words.
tt.program @p attributes {device = #tt.device<n150>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "start" : u32 = start_unit, "count" : u32 = num_units]>} {
    %v = tt.get_arg_val 3 : i32
  }
}
// CHECK: finalize_runtime_args.mlir:[[# @LINE - 3]]:5: error: 'tt.get_arg_val' op runtime argument 3 is out of range: kernel @reader declares 3 runtime arguments

// -----

// A read in a kernel without a schema.
tt.program @p attributes {device = #tt.device<n150>} {
  tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %v = tt.get_arg_val 0 : i32
  }
}
// VERIFY:   finalize_runtime_args.mlir:[[# @LINE - 3]]:5: error: 'tt.get_arg_val' op runtime argument 0 is out of range: kernel @compute declares 0 runtime arguments
// NOVERIFY: finalize_runtime_args.mlir:[[# @LINE - 4]]:5: error: 'tt.get_arg_val' op reads runtime argument 0, but kernel @compute has no runtime_args schema

// -----

// An accessor's base address must be a buffer address: not another runtime
// argument ...
tt.program @p attributes {device = #tt.device<n150>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "start" : u32 = start_unit]>} {
    %start = tt.get_arg_val 1 : i32
    %a = tt.tensor_accessor %start, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
  }
}
// CHECK: finalize_runtime_args.mlir:[[# @LINE - 3]]:5: error: 'tt.tensor_accessor' op the base address of a tensor accessor must be a buffer_address runtime argument, got runtime argument 1 ("start" : u32 = start_unit)

// -----

// ... nor a value computed in the kernel.
tt.program @p attributes {device = #tt.device<n150>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> {
    %addr = arith.constant 4096 : i32
    %a = tt.tensor_accessor %addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
  }
}
// CHECK: finalize_runtime_args.mlir:[[# @LINE - 3]]:5: error: 'tt.tensor_accessor' op the base address of a tensor accessor must be a buffer_address runtime argument, got the result of 'arith.constant'

// -----

// Accessors of one tensor share its compile-time args, page size included.
tt.program @p attributes {device = #tt.device<n150>} {
  tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (0, 0)]> attributes {runtime_args = #tt.runtime_args<["a_addr" : u32 = buffer_address(0)]>} {
    %addr = tt.get_arg_val 0 : i32
    %a = tt.tensor_accessor %addr, cta_offset = 0, page_size = 2048 : !tt.tensor_accessor
    %a2 = tt.tensor_accessor %addr, cta_offset = 0, page_size = 4096 : !tt.tensor_accessor
  }
}
// CHECK: finalize_runtime_args.mlir:[[# @LINE - 3]]:5: error: 'tt.tensor_accessor' op page_size 4096 differs from the page_size 2048 of an earlier accessor of tensor 0 in kernel @reader; the accessors of one tensor share its compile-time args
