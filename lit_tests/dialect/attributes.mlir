// RUN: tt-opt %s --split-input-file | filecheck %s
// RUN: TT_ROUNDTRIP | filecheck %s
// RUN: TT_GENERIC_ROUNDTRIP | filecheck %s --check-prefix=GENERIC

// Every attribute and type of the `tt` dialect, hung on `test.op`, in every variant.
// The custom and generic forms of `test.op` coincide, so both prefixes check the same text.

// Enum attributes: every value of every enum.
"test.op"() {name = #tt.arch<wormhole_b0>} : () -> ()
"test.op"() {name = #tt.arch<blackhole>} : () -> ()
"test.op"() {name = #tt.card<n150>, other = #tt.card<n300>, third = #tt.card<p100>, fourth = #tt.card<p150>} : () -> ()
"test.op"() {name = #tt.data_format<bf16>} : () -> ()
"test.op"() {name = #tt.data_format<f16>} : () -> ()
"test.op"() {name = #tt.data_format<f32>} : () -> ()
"test.op"() {name = #tt.data_format<bfp8_b>} : () -> ()
"test.op"() {name = #tt.data_format<bfp4_b>} : () -> ()
"test.op"() {name = #tt.data_format<i32>} : () -> ()
"test.op"() {name = #tt.data_format<u32>} : () -> ()
"test.op"() {name = #tt.kernel_role<reader>} : () -> ()
"test.op"() {name = #tt.kernel_role<compute>} : () -> ()
"test.op"() {name = #tt.kernel_role<writer>} : () -> ()
"test.op"() {name = #tt.memory_space<dram>} : () -> ()
"test.op"() {name = #tt.memory_space<l1>} : () -> ()
"test.op"() {name = #tt.buffer_kind<interleaved>} : () -> ()
"test.op"() {name = #tt.buffer_kind<sharded>} : () -> ()
"test.op"() {name = #tt.shard_orientation<row_major>} : () -> ()
"test.op"() {name = #tt.shard_orientation<col_major>} : () -> ()
"test.op"() {name = #tt.block_order<row_major>} : () -> ()
"test.op"() {name = #tt.block_order<folded>} : () -> ()
"test.op"() {name = #tt.partition_mode<global>} : () -> ()
"test.op"() {name = #tt.partition_mode<local_shard>} : () -> ()
"test.op"() {name = #tt.partition_mode<block_2d>} : () -> ()
"test.op"() {name = #tt.math_fidelity<lofi>} : () -> ()
"test.op"() {name = #tt.math_fidelity<hifi2>} : () -> ()
"test.op"() {name = #tt.math_fidelity<hifi3>} : () -> ()
"test.op"() {name = #tt.math_fidelity<hifi4>} : () -> ()
"test.op"() {name = #tt.arg_type<u32>} : () -> ()
"test.op"() {name = #tt.arg_kind<buffer_address>} : () -> ()
"test.op"() {name = #tt.arg_kind<start_unit>} : () -> ()
"test.op"() {name = #tt.arg_kind<num_units>} : () -> ()
"test.op"() {name = #tt.arg_kind<mcast_sender>} : () -> ()
"test.op"() {name = #tt.arg_kind<mcast_end_y>} : () -> ()
"test.op"() {name = #tt.multicast_axis<row>} : () -> ()
"test.op"() {name = #tt.multicast_axis<column>} : () -> ()

// CHECK:      builtin.module {
// CHECK-NEXT:   "test.op"() {name = #tt.arch<wormhole_b0>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.arch<blackhole>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.card<n150>, other = #tt.card<n300>, third = #tt.card<p100>, fourth = #tt.card<p150>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.data_format<bf16>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.data_format<f16>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.data_format<f32>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.data_format<bfp8_b>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.data_format<bfp4_b>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.data_format<i32>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.data_format<u32>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.kernel_role<reader>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.kernel_role<compute>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.kernel_role<writer>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.memory_space<dram>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.memory_space<l1>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_kind<interleaved>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_kind<sharded>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.shard_orientation<row_major>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.shard_orientation<col_major>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.block_order<row_major>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.block_order<folded>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.partition_mode<global>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.partition_mode<local_shard>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.partition_mode<block_2d>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.math_fidelity<lofi>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.math_fidelity<hifi2>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.math_fidelity<hifi3>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.math_fidelity<hifi4>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.arg_type<u32>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.arg_kind<buffer_address>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.arg_kind<start_unit>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.arg_kind<num_units>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.arg_kind<mcast_sender>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.arg_kind<mcast_end_y>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.multicast_axis<row>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.multicast_axis<column>} : () -> ()
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "test.op"() {name = #tt.arch<wormhole_b0>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.arch<blackhole>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.card<n150>, other = #tt.card<n300>, third = #tt.card<p100>, fourth = #tt.card<p150>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.data_format<bf16>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.data_format<f16>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.data_format<f32>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.data_format<bfp8_b>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.data_format<bfp4_b>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.data_format<i32>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.data_format<u32>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.kernel_role<reader>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.kernel_role<compute>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.kernel_role<writer>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.memory_space<dram>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.memory_space<l1>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_kind<interleaved>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_kind<sharded>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.shard_orientation<row_major>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.shard_orientation<col_major>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.block_order<row_major>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.block_order<folded>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.partition_mode<global>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.partition_mode<local_shard>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.partition_mode<block_2d>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.math_fidelity<lofi>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.math_fidelity<hifi2>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.math_fidelity<hifi3>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.math_fidelity<hifi4>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.arg_type<u32>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.arg_kind<buffer_address>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.arg_kind<start_unit>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.arg_kind<num_units>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.arg_kind<mcast_sender>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.arg_kind<mcast_end_y>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.multicast_axis<row>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.multicast_axis<column>} : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// The device, on both architectures.
"test.op"() {name = #tt.device<n150>} : () -> ()
"test.op"() {name = #tt.device<p150>} : () -> ()

// CHECK:      builtin.module {
// CHECK-NEXT:   "test.op"() {name = #tt.device<n150>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.device<p150>} : () -> ()
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "test.op"() {name = #tt.device<n150>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.device<p150>} : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// Cores, core ranges (a single core, a row, a rectangle) and core range sets
// (one range, and several disjoint ones, touching and not).
"test.op"() {name = #tt.core<0, 0>} : () -> ()
"test.op"() {name = #tt.core<7, 9>} : () -> ()
"test.op"() {name = #tt.core_range<(0, 0) to (0, 0)>} : () -> ()
"test.op"() {name = #tt.core_range<(0, 3) to (7, 3)>} : () -> ()
"test.op"() {name = #tt.core_range<(1, 2) to (6, 8)>} : () -> ()
"test.op"() {name = #tt.core_ranges<[(0, 0) to (7, 7)]>} : () -> ()
"test.op"() {name = #tt.core_ranges<[(0, 0) to (7, 7), (0, 8) to (3, 8)]>} : () -> ()
"test.op"() {name = #tt.core_ranges<[(0, 0) to (0, 0), (2, 0) to (3, 1), (5, 5) to (7, 9), (0, 9) to (4, 9)]>} : () -> ()

// CHECK:      builtin.module {
// CHECK-NEXT:   "test.op"() {name = #tt.core<0, 0>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.core<7, 9>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.core_range<(0, 0) to (0, 0)>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.core_range<(0, 3) to (7, 3)>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.core_range<(1, 2) to (6, 8)>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.core_ranges<[(0, 0) to (7, 7)]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.core_ranges<[(0, 0) to (7, 7), (0, 8) to (3, 8)]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.core_ranges<[(0, 0) to (0, 0), (2, 0) to (3, 1), (5, 5) to (7, 9), (0, 9) to (4, 9)]>} : () -> ()
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "test.op"() {name = #tt.core<0, 0>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.core<7, 9>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.core_range<(0, 0) to (0, 0)>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.core_range<(0, 3) to (7, 3)>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.core_range<(1, 2) to (6, 8)>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.core_ranges<[(0, 0) to (7, 7)]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.core_ranges<[(0, 0) to (7, 7), (0, 8) to (3, 8)]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.core_ranges<[(0, 0) to (0, 0), (2, 0) to (3, 1), (5, 5) to (7, 9), (0, 9) to (4, 9)]>} : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// Shard specs and buffer layouts: interleaved DRAM and L1, sharded L1 (row- and
// column-major), a 3-D tensor, a sharded DRAM buffer, every data format.
"test.op"() {name = #tt.shard_spec<grid = [2, 4], shard = [8, 4], row_major>} : () -> ()
"test.op"() {name = #tt.shard_spec<grid = [1, 1], shard = [1, 1, 1], col_major>} : () -> ()
"test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>} : () -> ()
"test.op"() {name = #tt.buffer_layout<l1, interleaved, f32, tile = [32, 32], tiles = [1, 1]>} : () -> ()
"test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>} : () -> ()
"test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 16], shard = #tt.shard_spec<grid = [4, 2], shard = [2, 8], col_major>>} : () -> ()
"test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 8, 16]>} : () -> ()
"test.op"() {name = #tt.buffer_layout<l1, sharded, f16, tile = [32, 32], tiles = [4, 8, 16], shard = #tt.shard_spec<grid = [2, 4], shard = [2, 4, 8], row_major>>} : () -> ()
"test.op"() {name = #tt.buffer_layout<dram, sharded, bf16, tile = [32, 32], tiles = [12, 1], shard = #tt.shard_spec<grid = [1, 12], shard = [1, 1], row_major>>} : () -> ()
"test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>} : () -> ()
"test.op"() {name = #tt.buffer_layout<dram, interleaved, f16, tile = [32, 32], tiles = [2, 2]>} : () -> ()
"test.op"() {name = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 2]>} : () -> ()
"test.op"() {name = #tt.buffer_layout<dram, interleaved, bfp8_b, tile = [32, 32], tiles = [2, 2]>} : () -> ()
"test.op"() {name = #tt.buffer_layout<dram, interleaved, bfp4_b, tile = [32, 32], tiles = [2, 2]>} : () -> ()
"test.op"() {name = #tt.buffer_layout<dram, interleaved, i32, tile = [32, 32], tiles = [2, 2]>} : () -> ()
"test.op"() {name = #tt.buffer_layout<dram, interleaved, u32, tile = [32, 32], tiles = [2, 2]>} : () -> ()
"test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32], logical = [1000, 1000]>} : () -> ()
"test.op"() {name = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 18, 2], logical = [2, 512, 33]>} : () -> ()
"test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], logical = [250, 256], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>} : () -> ()

// CHECK:      builtin.module {
// CHECK-NEXT:   "test.op"() {name = #tt.shard_spec<grid = [2, 4], shard = [8, 4], row_major>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.shard_spec<grid = [1, 1], shard = [1, 1, 1], col_major>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<l1, interleaved, f32, tile = [32, 32], tiles = [1, 1]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 16], shard = #tt.shard_spec<grid = [4, 2], shard = [2, 8], col_major>>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 8, 16]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<l1, sharded, f16, tile = [32, 32], tiles = [4, 8, 16], shard = #tt.shard_spec<grid = [2, 4], shard = [2, 4, 8], row_major>>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, sharded, bf16, tile = [32, 32], tiles = [12, 1], shard = #tt.shard_spec<grid = [1, 12], shard = [1, 1], row_major>>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, f16, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, bfp8_b, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, bfp4_b, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, i32, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, u32, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32], logical = [1000, 1000]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 18, 2], logical = [2, 512, 33]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], logical = [250, 256], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>} : () -> ()
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "test.op"() {name = #tt.shard_spec<grid = [2, 4], shard = [8, 4], row_major>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.shard_spec<grid = [1, 1], shard = [1, 1, 1], col_major>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<l1, interleaved, f32, tile = [32, 32], tiles = [1, 1]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 16], shard = #tt.shard_spec<grid = [4, 2], shard = [2, 8], col_major>>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 8, 16]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<l1, sharded, f16, tile = [32, 32], tiles = [4, 8, 16], shard = #tt.shard_spec<grid = [2, 4], shard = [2, 4, 8], row_major>>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, sharded, bf16, tile = [32, 32], tiles = [12, 1], shard = #tt.shard_spec<grid = [1, 12], shard = [1, 1], row_major>>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, f16, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, bfp8_b, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, bfp4_b, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, i32, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, u32, tile = [32, 32], tiles = [2, 2]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32], logical = [1000, 1000]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 18, 2], logical = [2, 512, 33]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], logical = [250, 256], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>} : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// Circular-buffer descriptors: index 0, a high index, every data format.
"test.op"() {name = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : () -> ()
"test.op"() {name = #tt.cb_desc<index = 1, pages = 1, page_size = 2048, f16>} : () -> ()
"test.op"() {name = #tt.cb_desc<index = 16, pages = 4, page_size = 4096, f32>} : () -> ()
"test.op"() {name = #tt.cb_desc<index = 2, pages = 8, page_size = 1088, bfp8_b>} : () -> ()
"test.op"() {name = #tt.cb_desc<index = 3, pages = 2, page_size = 576, bfp4_b>} : () -> ()
"test.op"() {name = #tt.cb_desc<index = 24, pages = 2, page_size = 4096, i32>} : () -> ()
"test.op"() {name = #tt.cb_desc<index = 63, pages = 1, page_size = 4096, u32>} : () -> ()

// CHECK:      builtin.module {
// CHECK-NEXT:   "test.op"() {name = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.cb_desc<index = 1, pages = 1, page_size = 2048, f16>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.cb_desc<index = 16, pages = 4, page_size = 4096, f32>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.cb_desc<index = 2, pages = 8, page_size = 1088, bfp8_b>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.cb_desc<index = 3, pages = 2, page_size = 576, bfp4_b>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.cb_desc<index = 24, pages = 2, page_size = 4096, i32>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.cb_desc<index = 63, pages = 1, page_size = 4096, u32>} : () -> ()
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "test.op"() {name = #tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.cb_desc<index = 1, pages = 1, page_size = 2048, f16>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.cb_desc<index = 16, pages = 4, page_size = 4096, f32>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.cb_desc<index = 2, pages = 8, page_size = 1088, bfp8_b>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.cb_desc<index = 3, pages = 2, page_size = 576, bfp4_b>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.cb_desc<index = 24, pages = 2, page_size = 4096, i32>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.cb_desc<index = 63, pages = 1, page_size = 4096, u32>} : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// Runtime arguments of each kind, and empty and non-empty schemas.
"test.op"() {name = #tt.runtime_arg<"a_addr" : u32 = buffer_address(0)>} : () -> ()
"test.op"() {name = #tt.runtime_arg<"b_addr" : u32 = buffer_address(3)>} : () -> ()
"test.op"() {name = #tt.runtime_arg<"start" : u32 = start_unit>} : () -> ()
"test.op"() {name = #tt.runtime_arg<"n" : u32 = num_units>} : () -> ()
"test.op"() {name = #tt.runtime_arg<"name with spaces" : u32 = num_units>} : () -> ()
"test.op"() {name = #tt.runtime_arg<"is_sender" : u32 = mcast_sender(row)>} : () -> ()
"test.op"() {name = #tt.runtime_arg<"y1" : u32 = mcast_end_y(column)>} : () -> ()
"test.op"() {name = #tt.runtime_args<[]>} : () -> ()
"test.op"() {name = #tt.runtime_args<["n" : u32 = num_units]>} : () -> ()
"test.op"() {name = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "b_addr" : u32 = buffer_address(1), "c_addr" : u32 = buffer_address(2), "start" : u32 = start_unit, "n" : u32 = num_units]>} : () -> ()

// CHECK:      builtin.module {
// CHECK-NEXT:   "test.op"() {name = #tt.runtime_arg<"a_addr" : u32 = buffer_address(0)>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.runtime_arg<"b_addr" : u32 = buffer_address(3)>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.runtime_arg<"start" : u32 = start_unit>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.runtime_arg<"n" : u32 = num_units>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.runtime_arg<"name with spaces" : u32 = num_units>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.runtime_arg<"is_sender" : u32 = mcast_sender(row)>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.runtime_arg<"y1" : u32 = mcast_end_y(column)>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.runtime_args<[]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.runtime_args<["n" : u32 = num_units]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "b_addr" : u32 = buffer_address(1), "c_addr" : u32 = buffer_address(2), "start" : u32 = start_unit, "n" : u32 = num_units]>} : () -> ()
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "test.op"() {name = #tt.runtime_arg<"a_addr" : u32 = buffer_address(0)>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.runtime_arg<"b_addr" : u32 = buffer_address(3)>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.runtime_arg<"start" : u32 = start_unit>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.runtime_arg<"n" : u32 = num_units>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.runtime_arg<"name with spaces" : u32 = num_units>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.runtime_arg<"is_sender" : u32 = mcast_sender(row)>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.runtime_arg<"y1" : u32 = mcast_end_y(column)>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.runtime_args<[]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.runtime_args<["n" : u32 = num_units]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "b_addr" : u32 = buffer_address(1), "c_addr" : u32 = buffer_address(2), "start" : u32 = start_unit, "n" : u32 = num_units]>} : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// Work ranges and partitions: balanced over a grid with several ranges, idle
// cores, local-shard numbering in column-major core order, and a block_2d
// rectangle of cores with 2x2 blocks each.
"test.op"() {name = #tt.work_range<(0, 0) to (7, 1), start = 0, count = 2>} : () -> ()
"test.op"() {name = #tt.work_range<(3, 2) to (3, 2), start = 17, count = 1>} : () -> ()
"test.op"() {name = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [8, 8], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>} : () -> ()
"test.op"() {name = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [8, 8], ranges = [<(0, 0) to (0, 0), start = 0, count = 8>, <(1, 0) to (2, 0), start = 8, count = 7>, <(0, 1) to (2, 2), start = 22, count = 7>]>} : () -> ()
"test.op"() {name = #tt.work_partition<global, row_major, grid = [2, 4], blocks = [1, 3], ranges = [<(0, 0) to (2, 0), start = 0, count = 1>]>} : () -> ()
"test.op"() {name = #tt.work_partition<local_shard, col_major, grid = [2, 2], blocks = [4, 4], shard_blocks = [2, 2], ranges = [<(0, 0) to (1, 1), start = 0, count = 4>]>} : () -> ()
"test.op"() {name = #tt.work_partition<block_2d, row_major, grid = [8, 8], blocks = [16, 16], shard_blocks = [2, 2], ranges = [<(0, 0) to (7, 7), start = 0, count = 4>]>} : () -> ()
"test.op"() {name = #tt.work_partition<global, row_major, grid = [2, 2], blocks = [2, 1, 4], x_order = folded, ranges = [<(0, 0) to (1, 1), start = 0, count = 2>]>} : () -> ()

// CHECK:      builtin.module {
// CHECK-NEXT:   "test.op"() {name = #tt.work_range<(0, 0) to (7, 1), start = 0, count = 2>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.work_range<(3, 2) to (3, 2), start = 17, count = 1>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [8, 8], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [8, 8], ranges = [<(0, 0) to (0, 0), start = 0, count = 8>, <(1, 0) to (2, 0), start = 8, count = 7>, <(0, 1) to (2, 2), start = 22, count = 7>]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.work_partition<global, row_major, grid = [2, 4], blocks = [1, 3], ranges = [<(0, 0) to (2, 0), start = 0, count = 1>]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.work_partition<local_shard, col_major, grid = [2, 2], blocks = [4, 4], shard_blocks = [2, 2], ranges = [<(0, 0) to (1, 1), start = 0, count = 4>]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.work_partition<block_2d, row_major, grid = [8, 8], blocks = [16, 16], shard_blocks = [2, 2], ranges = [<(0, 0) to (7, 7), start = 0, count = 4>]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.work_partition<global, row_major, grid = [2, 2], blocks = [2, 1, 4], x_order = folded, ranges = [<(0, 0) to (1, 1), start = 0, count = 2>]>} : () -> ()
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "test.op"() {name = #tt.work_range<(0, 0) to (7, 1), start = 0, count = 2>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.work_range<(3, 2) to (3, 2), start = 17, count = 1>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.work_partition<global, row_major, grid = [8, 8], blocks = [8, 8], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [8, 8], ranges = [<(0, 0) to (0, 0), start = 0, count = 8>, <(1, 0) to (2, 0), start = 8, count = 7>, <(0, 1) to (2, 2), start = 22, count = 7>]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.work_partition<global, row_major, grid = [2, 4], blocks = [1, 3], ranges = [<(0, 0) to (2, 0), start = 0, count = 1>]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.work_partition<local_shard, col_major, grid = [2, 2], blocks = [4, 4], shard_blocks = [2, 2], ranges = [<(0, 0) to (1, 1), start = 0, count = 4>]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.work_partition<block_2d, row_major, grid = [8, 8], blocks = [16, 16], shard_blocks = [2, 2], ranges = [<(0, 0) to (7, 7), start = 0, count = 4>]>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.work_partition<global, row_major, grid = [2, 2], blocks = [2, 1, 4], x_order = folded, ranges = [<(0, 0) to (1, 1), start = 0, count = 2>]>} : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// Gemm schedules: partial sums in DST (whole block, or subblocks), in L1, and the
// last K step reloading them; the accumulation values on their own.
"test.op"() {name = #tt.gemm_schedule<block = [2, 3], k_block = 4, subblock = [2, 3], accumulate = dst>} : () -> ()
"test.op"() {name = #tt.gemm_schedule<block = [4, 4], k_block = 1, subblock = [2, 2], accumulate = dst>} : () -> ()
"test.op"() {name = #tt.gemm_schedule<block = [4, 4], k_block = 4, subblock = [1, 4], accumulate = l1>} : () -> ()
"test.op"() {name = #tt.gemm_schedule<block = [4, 4], k_block = 4, subblock = [1, 4], accumulate = reload>} : () -> ()
"test.op"() {name = #tt.gemm_accumulation<dst>} : () -> ()
"test.op"() {name = #tt.gemm_accumulation<l1>} : () -> ()
"test.op"() {name = #tt.gemm_accumulation<reload>} : () -> ()

// CHECK:      builtin.module {
// CHECK-NEXT:   "test.op"() {name = #tt.gemm_schedule<block = [2, 3], k_block = 4, subblock = [2, 3], accumulate = dst>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.gemm_schedule<block = [4, 4], k_block = 1, subblock = [2, 2], accumulate = dst>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.gemm_schedule<block = [4, 4], k_block = 4, subblock = [1, 4], accumulate = l1>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.gemm_schedule<block = [4, 4], k_block = 4, subblock = [1, 4], accumulate = reload>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.gemm_accumulation<dst>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.gemm_accumulation<l1>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.gemm_accumulation<reload>} : () -> ()
// CHECK-NEXT: }
// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "test.op"() {name = #tt.gemm_schedule<block = [2, 3], k_block = 4, subblock = [2, 3], accumulate = dst>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.gemm_schedule<block = [4, 4], k_block = 1, subblock = [2, 2], accumulate = dst>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.gemm_schedule<block = [4, 4], k_block = 4, subblock = [1, 4], accumulate = l1>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.gemm_schedule<block = [4, 4], k_block = 4, subblock = [1, 4], accumulate = reload>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.gemm_accumulation<dst>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.gemm_accumulation<l1>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.gemm_accumulation<reload>} : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// Compute configurations: every fidelity, both DST modes, fp32 accumulation.
"test.op"() {name = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} : () -> ()
"test.op"() {name = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} : () -> ()
"test.op"() {name = #tt.compute_config<hifi2, fp32_dest_acc = false, dst_full_sync = true>} : () -> ()
"test.op"() {name = #tt.compute_config<hifi3, fp32_dest_acc = true, dst_full_sync = true>} : () -> ()
"test.op"() {name = #tt.compute_config<lofi, fp32_dest_acc = false, dst_full_sync = false>} : () -> ()

// CHECK:      builtin.module {
// CHECK-NEXT:   "test.op"() {name = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.compute_config<hifi2, fp32_dest_acc = false, dst_full_sync = true>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.compute_config<hifi3, fp32_dest_acc = true, dst_full_sync = true>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.compute_config<lofi, fp32_dest_acc = false, dst_full_sync = false>} : () -> ()
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "test.op"() {name = #tt.compute_config<hifi4, fp32_dest_acc = false, dst_full_sync = false>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.compute_config<hifi4, fp32_dest_acc = true, dst_full_sync = false>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.compute_config<hifi2, fp32_dest_acc = false, dst_full_sync = true>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.compute_config<hifi3, fp32_dest_acc = true, dst_full_sync = true>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.compute_config<lofi, fp32_dest_acc = false, dst_full_sync = false>} : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// Software-pipelining annotations.
"test.op"() {name = #tt.pipeline<stages = 1>} : () -> ()
"test.op"() {name = #tt.pipeline<stages = 3>} : () -> ()

// CHECK:      builtin.module {
// CHECK-NEXT:   "test.op"() {name = #tt.pipeline<stages = 1>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.pipeline<stages = 3>} : () -> ()
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "test.op"() {name = #tt.pipeline<stages = 1>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.pipeline<stages = 3>} : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// Types: CBs of every data format, tensor accessors and NOC addresses.
%cb_bf16 = "test.op"() : () -> !tt.cb<2, bf16>
%cb_f16 = "test.op"() : () -> !tt.cb<1, f16>
%cb_f32 = "test.op"() : () -> !tt.cb<4, f32>
%cb_bfp8_b = "test.op"() : () -> !tt.cb<8, bfp8_b>
%cb_bfp4_b = "test.op"() : () -> !tt.cb<16, bfp4_b>
%cb_i32 = "test.op"() : () -> !tt.cb<2, i32>
%cb_u32 = "test.op"() : () -> !tt.cb<3, u32>
%acc = "test.op"() : () -> !tt.tensor_accessor
%addr = "test.op"(%acc) : (!tt.tensor_accessor) -> !tt.noc_addr
%acc2, %addr2 = "test.op"(%cb_bf16, %addr) : (!tt.cb<2, bf16>, !tt.noc_addr) -> (!tt.tensor_accessor, !tt.noc_addr)

// CHECK:      builtin.module {
// CHECK-NEXT:   %cb_bf16 = "test.op"() : () -> !tt.cb<2, bf16>
// CHECK-NEXT:   %cb_f16 = "test.op"() : () -> !tt.cb<1, f16>
// CHECK-NEXT:   %cb_f32 = "test.op"() : () -> !tt.cb<4, f32>
// CHECK-NEXT:   %cb_bfp8_b = "test.op"() : () -> !tt.cb<8, bfp8_b>
// CHECK-NEXT:   %cb_bfp4_b = "test.op"() : () -> !tt.cb<16, bfp4_b>
// CHECK-NEXT:   %cb_i32 = "test.op"() : () -> !tt.cb<2, i32>
// CHECK-NEXT:   %cb_u32 = "test.op"() : () -> !tt.cb<3, u32>
// CHECK-NEXT:   %acc = "test.op"() : () -> !tt.tensor_accessor
// CHECK-NEXT:   %addr = "test.op"(%acc) : (!tt.tensor_accessor) -> !tt.noc_addr
// CHECK-NEXT:   %acc2, %addr2 = "test.op"(%cb_bf16, %addr) : (!tt.cb<2, bf16>, !tt.noc_addr) -> (!tt.tensor_accessor, !tt.noc_addr)
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   %cb_bf16 = "test.op"() : () -> !tt.cb<2, bf16>
// GENERIC-NEXT:   %cb_f16 = "test.op"() : () -> !tt.cb<1, f16>
// GENERIC-NEXT:   %cb_f32 = "test.op"() : () -> !tt.cb<4, f32>
// GENERIC-NEXT:   %cb_bfp8_b = "test.op"() : () -> !tt.cb<8, bfp8_b>
// GENERIC-NEXT:   %cb_bfp4_b = "test.op"() : () -> !tt.cb<16, bfp4_b>
// GENERIC-NEXT:   %cb_i32 = "test.op"() : () -> !tt.cb<2, i32>
// GENERIC-NEXT:   %cb_u32 = "test.op"() : () -> !tt.cb<3, u32>
// GENERIC-NEXT:   %acc = "test.op"() : () -> !tt.tensor_accessor
// GENERIC-NEXT:   %addr = "test.op"(%acc) : (!tt.tensor_accessor) -> !tt.noc_addr
// GENERIC-NEXT:   %acc2, %addr2 = "test.op"(%cb_bf16, %addr) : (!tt.cb<2, bf16>, !tt.noc_addr) -> (!tt.tensor_accessor, !tt.noc_addr)
// GENERIC-NEXT: }) : () -> ()

// -----

// The program contract's attributes: tensor roles, compile-time arguments, tensors,
// semaphores, and CBs with the cores they are created on.
"test.op"() {name = #tt.tensor_role<input>} : () -> ()
"test.op"() {name = #tt.tensor_role<output>} : () -> ()
"test.op"() {name = #tt.compile_time_arg_kind<cb>} : () -> ()
"test.op"() {name = #tt.compile_time_arg_kind<accessor_config>} : () -> ()
"test.op"() {name = #tt.compile_time_arg_kind<page_size>} : () -> ()
"test.op"() {name = #tt.compile_time_arg<cb(16) = 16>} : () -> ()
"test.op"() {name = #tt.compile_time_args<[]>} : () -> ()
"test.op"() {name = #tt.compile_time_args<[cb(0) = 0, accessor_config(1) = 2, page_size(1) = 4096]>} : () -> ()
"test.op"() {name = #tt.tensor<output, #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 4]>>} : () -> ()
"test.op"() {name = #tt.semaphore<id = 1, initial = 0, cores = [(0, 0) to (7, 0), (0, 1) to (3, 1)]>} : () -> ()
"test.op"() {name = #tt.cb_desc<index = 24, pages = 8, page_size = 4096, f32, cores = [(0, 0) to (7, 7)]>} : () -> ()

// CHECK:      builtin.module {
// CHECK-NEXT:   "test.op"() {name = #tt.tensor_role<input>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.tensor_role<output>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.compile_time_arg_kind<cb>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.compile_time_arg_kind<accessor_config>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.compile_time_arg_kind<page_size>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.compile_time_arg<cb(16) = 16>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.compile_time_args<[]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.compile_time_args<[cb(0) = 0, accessor_config(1) = 2, page_size(1) = 4096]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.tensor<output, #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 4]>>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.semaphore<id = 1, initial = 0, cores = [(0, 0) to (7, 0), (0, 1) to (3, 1)]>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.cb_desc<index = 24, pages = 8, page_size = 4096, f32, cores = [(0, 0) to (7, 7)]>} : () -> ()
// CHECK-NEXT: }

// GENERIC:      "test.op"() {name = #tt.compile_time_args<[cb(0) = 0, accessor_config(1) = 2, page_size(1) = 4096]>} : () -> ()
// GENERIC:      "test.op"() {name = #tt.semaphore<id = 1, initial = 0, cores = [(0, 0) to (7, 0), (0, 1) to (3, 1)]>} : () -> ()

// -----

// Multicast loads along a core row and a core column.
"test.op"() {name = #tt.multicast<row, receivers = 7, sender_semaphore = 0, receiver_semaphore = 1>} : () -> ()
"test.op"() {name = #tt.multicast<column, receivers = 1, sender_semaphore = 15, receiver_semaphore = 3>} : () -> ()

// CHECK:      builtin.module {
// CHECK-NEXT:   "test.op"() {name = #tt.multicast<row, receivers = 7, sender_semaphore = 0, receiver_semaphore = 1>} : () -> ()
// CHECK-NEXT:   "test.op"() {name = #tt.multicast<column, receivers = 1, sender_semaphore = 15, receiver_semaphore = 3>} : () -> ()
// CHECK-NEXT: }

// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "test.op"() {name = #tt.multicast<row, receivers = 7, sender_semaphore = 0, receiver_semaphore = 1>} : () -> ()
// GENERIC-NEXT:   "test.op"() {name = #tt.multicast<column, receivers = 1, sender_semaphore = 15, receiver_semaphore = 3>} : () -> ()
// GENERIC-NEXT: }) : () -> ()

// -----

// The partition of a 3-D launch grid: blocks = [z, y, x], 12 units row-major over them.
"test.op"() {name = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [2, 3, 2], ranges = [<(0, 0) to (2, 0), start = 0, count = 2>, <(0, 1) to (2, 2), start = 6, count = 1>]>} : () -> ()
// CHECK: "test.op"() {name = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [2, 3, 2], ranges = [<(0, 0) to (2, 0), start = 0, count = 2>, <(0, 1) to (2, 2), start = 6, count = 1>]>} : () -> ()
// GENERIC: "test.op"() {name = #tt.work_partition<global, row_major, grid = [3, 3], blocks = [2, 3, 2], ranges = [<(0, 0) to (2, 0), start = 0, count = 2>, <(0, 1) to (2, 2), start = 6, count = 1>]>} : () -> ()
