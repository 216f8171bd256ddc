// RUN: tt-opt %s --split-input-file --verify-diagnostics | filecheck %s

// A core coordinate is non-negative.
"test.op"() {name = #tt.core<-1, 0>} : () -> ()
// CHECK: attributes_invalid.mlir:4:21: error: invalid attribute: core coordinates must be non-negative, got (-1, 0)

// -----

// Also inside a core range.
"test.op"() {name = #tt.core_range<(0, 0) to (3, -2)>} : () -> ()
// CHECK: attributes_invalid.mlir:10:21: error: invalid attribute: core coordinates must be non-negative, got (3, -2)

// -----

// A core range's end does not precede its start (in x).
"test.op"() {name = #tt.core_range<(4, 0) to (3, 7)>} : () -> ()
// CHECK: attributes_invalid.mlir:16:21: error: invalid attribute: core range end (3, 7) must not precede its start (4, 0)

// -----

// ... nor in y, also inside a range set.
"test.op"() {name = #tt.core_ranges<[(0, 5) to (7, 4)]>} : () -> ()
// CHECK: attributes_invalid.mlir:22:21: error: invalid attribute: core range end (7, 4) must not precede its start (0, 5)

// -----

// The ranges of a set are disjoint.
"test.op"() {name = #tt.core_ranges<[(0, 0) to (7, 7), (4, 7) to (9, 9)]>} : () -> ()
// CHECK: attributes_invalid.mlir:28:21: error: invalid attribute: core ranges (0, 0) to (7, 7) and (4, 7) to (9, 9) overlap

// -----

// A range contained in another overlaps it.
"test.op"() {name = #tt.core_ranges<[(0, 0) to (7, 7), (0, 8) to (3, 8), (2, 2) to (2, 2)]>} : () -> ()
// CHECK: attributes_invalid.mlir:34:21: error: invalid attribute: core ranges (0, 0) to (7, 7) and (2, 2) to (2, 2) overlap

// -----

// A core range set is not empty.
"test.op"() {name = #tt.core_ranges<[]>} : () -> ()
// CHECK: attributes_invalid.mlir:40:21: error: invalid attribute: a core range set needs at least one range

// -----

// A shard grid is [rows, cols].
"test.op"() {name = #tt.shard_spec<grid = [8], shard = [1, 1], row_major>} : () -> ()
// CHECK: attributes_invalid.mlir:46:21: error: invalid attribute: shard grid must be [rows, cols], got [8]

// -----

// A shard shape is not empty.
"test.op"() {name = #tt.shard_spec<grid = [1, 1], shard = [], row_major>} : () -> ()
// CHECK: attributes_invalid.mlir:52:21: error: invalid attribute: shard shape must not be empty

// -----

// Shard grid and shape are positive.
"test.op"() {name = #tt.shard_spec<grid = [2, 0], shard = [4, 4], col_major>} : () -> ()
// CHECK: attributes_invalid.mlir:58:21: error: invalid attribute: shard grid and shard shape must be positive, got grid = [2, 0], shard = [4, 4]

// -----

"test.op"() {name = #tt.shard_spec<grid = [2, 2], shard = [4, -4], row_major>} : () -> ()
// CHECK: attributes_invalid.mlir:63:21: error: invalid attribute: shard grid and shard shape must be positive, got grid = [2, 2], shard = [4, -4]

// -----

// The shard grid rank is checked inside a buffer layout too, at the shard spec.
"test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 2, 1], shard = [4, 4], row_major>>} : () -> ()
// CHECK: attributes_invalid.mlir:69:99: error: invalid attribute: shard grid must be [rows, cols], got [2, 2, 1]

// -----

// An interleaved buffer takes no shard spec.
"test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>} : () -> ()
// CHECK: attributes_invalid.mlir:75:21: error: invalid attribute: an interleaved buffer takes no shard spec

// -----

// A sharded buffer needs one.
"test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8]>} : () -> ()
// CHECK: attributes_invalid.mlir:81:21: error: invalid attribute: a sharded buffer in l1 needs a shard spec (shard = #tt.shard_spec<...>)

// -----

// The shard is a shard spec, nothing else.
"test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = [4, 4]>} : () -> ()
// CHECK: attributes_invalid.mlir:87:21: error: invalid attribute: shard must be a #tt.shard_spec, got [4 : i64, 4 : i64]

// -----

"test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = "">} : () -> ()
// CHECK: attributes_invalid.mlir:92:21: error: invalid attribute: shard must be a #tt.shard_spec, got ""

// -----

// The shard has the tensor's rank.
"test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 2], shard = [2, 4, 4], row_major>>} : () -> ()
// CHECK: attributes_invalid.mlir:98:21: error: invalid attribute: shard shape [2, 4, 4] has rank 3, the tensor has rank 2

// -----

// The shard divides the tensor.
"test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 3], row_major>>} : () -> ()
// CHECK: attributes_invalid.mlir:104:21: error: invalid attribute: shard shape [4, 3] does not divide the tensor's [8, 8] tiles in dimension 1

// -----

// One shard per core of the shard grid.
"test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 4], shard = [4, 4], row_major>>} : () -> ()
// CHECK: attributes_invalid.mlir:110:21: error: invalid attribute: 4 shards do not match the 8 cores of shard grid [2, 4]

// -----

"test.op"() {name = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [4, 4], shard = [4, 2], col_major>>} : () -> ()
// CHECK: attributes_invalid.mlir:115:21: error: invalid attribute: 8 shards do not match the 16 cores of shard grid [4, 4]

// -----

// Only 32x32 tiles.
"test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [16, 32], tiles = [8, 8]>} : () -> ()
// CHECK: attributes_invalid.mlir:121:21: error: invalid attribute: only 32x32 tiles are supported, got [16, 32]

// -----

"test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32], tiles = [8, 8]>} : () -> ()
// CHECK: attributes_invalid.mlir:126:21: error: invalid attribute: only 32x32 tiles are supported, got [32]

// -----

// The tensor shape in tiles is not empty and positive.
"test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = []>} : () -> ()
// CHECK: attributes_invalid.mlir:132:21: error: invalid attribute: tensor shape in tiles must not be empty

// -----

"test.op"() {name = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [8, 0]>} : () -> ()
// CHECK: attributes_invalid.mlir:137:21: error: invalid attribute: tensor shape in tiles must be positive, got [8, 0]

// -----

// CB descriptors: non-negative index, positive pages and page size.
"test.op"() {name = #tt.cb_desc<index = -1, pages = 2, page_size = 2048, bf16>} : () -> ()
// CHECK: attributes_invalid.mlir:143:21: error: invalid attribute: CB index must be non-negative, got -1

// -----

"test.op"() {name = #tt.cb_desc<index = 0, pages = 0, page_size = 2048, bf16>} : () -> ()
// CHECK: attributes_invalid.mlir:148:21: error: invalid attribute: CB page count must be positive, got 0

// -----

"test.op"() {name = #tt.cb_desc<index = 0, pages = 2, page_size = 0, bf16>} : () -> ()
// CHECK: attributes_invalid.mlir:153:21: error: invalid attribute: CB page size must be positive, got 0

// -----

// A runtime argument has a name.
"test.op"() {name = #tt.runtime_arg<"" : u32 = num_units>} : () -> ()
// CHECK: attributes_invalid.mlir:159:21: error: invalid attribute: a runtime argument needs a name

// -----

// buffer_address names its tensor.
"test.op"() {name = #tt.runtime_arg<"a_addr" : u32 = buffer_address>} : () -> ()
// CHECK: attributes_invalid.mlir:165:21: error: invalid attribute: buffer_address needs a tensor index, e.g. buffer_address(0)

// -----

// The other kinds take none.
"test.op"() {name = #tt.runtime_arg<"start" : u32 = start_unit(0)>} : () -> ()
// CHECK: attributes_invalid.mlir:171:21: error: invalid attribute: start_unit takes no tensor index

// -----

"test.op"() {name = #tt.runtime_arg<"n" : u32 = num_units(1)>} : () -> ()
// CHECK: attributes_invalid.mlir:176:21: error: invalid attribute: num_units takes no tensor index

// -----

// A tensor index is non-negative (-1 would read as "no tensor").
"test.op"() {name = #tt.runtime_arg<"a_addr" : u32 = buffer_address(-1)>} : () -> ()
// CHECK: attributes_invalid.mlir:182:21: error: invalid attribute: a tensor index must be non-negative, got -1

// -----

// Entries of a schema are verified.
"test.op"() {name = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "start" : u32 = start_unit(1)]>} : () -> ()
// CHECK: attributes_invalid.mlir:188:21: error: invalid attribute: start_unit takes no tensor index

// -----

// Names in a schema are unique.
"test.op"() {name = #tt.runtime_args<["a_addr" : u32 = buffer_address(0), "n" : u32 = num_units, "a_addr" : u32 = buffer_address(1)]>} : () -> ()
// CHECK: attributes_invalid.mlir:194:21: error: invalid attribute: runtime argument 'a_addr' appears twice in the schema

// -----

// A pipeline has at least one stage.
"test.op"() {name = #tt.pipeline<stages = 0>} : () -> ()
// CHECK: attributes_invalid.mlir:200:21: error: invalid attribute: pipeline stages must be at least 1, got 0

// -----

// A CB type has a positive page count.
%cb = "test.op"() : () -> !tt.cb<0, bf16>
// CHECK: attributes_invalid.mlir:206:27: error: invalid type: a CB needs a positive page count, got 0

// -----

%cb = "test.op"() : () -> !tt.cb<-2, f32>
// CHECK: attributes_invalid.mlir:211:27: error: invalid type: a CB needs a positive page count, got -2

// -----

// Unknown enum keywords.
"test.op"() {name = #tt.device<grayskull>} : () -> ()
// CHECK: attributes_invalid.mlir:217:32: error: expected a card (n150, n300, p100, p150)

// -----

// A device is a card, not an architecture.
"test.op"() {name = #tt.device<blackhole>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:32: error: expected a card (n150, n300, p100, p150); blackhole is an architecture, its cards are p100, p150

// -----

"test.op"() {name = #tt.arch<grayskull>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:30: error: Expected `wormhole_b0`, or `blackhole`.

// -----

%cb = "test.op"() : () -> !tt.cb<2, bf8>
// CHECK: attributes_invalid.mlir:233:37: error: Expected `bf16`, `f16`, `f32`, `bfp8_b`, `bfp4_b`, `i32`, or `u32`.

// -----

"test.op"() {name = #tt.kernel_role<dataflow>} : () -> ()
// CHECK: attributes_invalid.mlir:238:37: error: Expected `reader`, `compute`, or `writer`.

// -----

"test.op"() {name = #tt.buffer_layout<sram, interleaved, bf16, tile = [32, 32], tiles = [8, 8]>} : () -> ()
// CHECK: attributes_invalid.mlir:243:39: error: Expected `dram`, or `l1`.

// -----

"test.op"() {name = #tt.shard_spec<grid = [1, 1], shard = [1, 1], diagonal>} : () -> ()
// CHECK: attributes_invalid.mlir:248:67: error: Expected `row_major`, or `col_major`.

// -----

"test.op"() {name = #tt.compute_config<hifi5, fp32_dest_acc = false, dst_full_sync = false>} : () -> ()
// CHECK: attributes_invalid.mlir:253:40: error: Expected `lofi`, `hifi2`, `hifi3`, or `hifi4`.

// -----

"test.op"() {name = #tt.runtime_arg<"x" : u64 = num_units>} : () -> ()
// CHECK: attributes_invalid.mlir:258:43: error: Expected `u32`.

// -----

"test.op"() {name = #tt.runtime_arg<"x" : u32 = end_tile>} : () -> ()
// CHECK: attributes_invalid.mlir:263:49: error: Expected `buffer_address`, `start_unit`, `num_units`, `mcast_sender`, `mcast_sender_x`, `mcast_sender_y`, `mcast_start_x`, `mcast_start_y`, `mcast_end_x`, or `mcast_end_y`.

// -----

// A work range gives each core at least one unit; idle cores are in no range.
"test.op"() {name = #tt.work_range<(0, 0) to (1, 0), start = 0, count = 0>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: work range count must be positive, got 0; idle cores belong to no range

// -----

"test.op"() {name = #tt.work_range<(0, 0) to (1, 0), start = -4, count = 1>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: work range start must be non-negative, got -4

// -----

// Ranges stay inside the core grid ...
"test.op"() {name = #tt.work_partition<global, row_major, grid = [2, 2], blocks = [1, 3], ranges = [<(0, 0) to (2, 0), start = 0, count = 1>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: work range (0, 0) to (2, 0) leaves the 2x2 core grid

// -----

// ... and do not overlap.
"test.op"() {name = #tt.work_partition<global, row_major, grid = [2, 2], blocks = [1, 4], ranges = [<(0, 0) to (1, 0), start = 0, count = 1>, <(1, 0) to (1, 1), start = 2, count = 1>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: work ranges (0, 0) to (1, 0) and (1, 0) to (1, 1) overlap

// -----

// Every unit belongs to exactly one core.
"test.op"() {name = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [1, 4], ranges = [<(0, 0) to (1, 0), start = 0, count = 1>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: work ranges cover 2 units, the [1, 4] blocks have 4

// -----

"test.op"() {name = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [1, 4], ranges = [<(0, 0) to (0, 0), start = 0, count = 2>, <(1, 0) to (1, 0), start = 1, count = 2>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: work unit 1 is assigned twice (core (1, 0) starts at 1)

// -----

"test.op"() {name = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [1, 4], ranges = [<(0, 0) to (0, 0), start = 0, count = 2>, <(1, 0) to (1, 0), start = 3, count = 1>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: work unit 2 is assigned to no core (core (1, 0) starts at 3)

// -----

// Global mode balances: no core has more than one unit above another ...
"test.op"() {name = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [1, 4], ranges = [<(0, 0) to (0, 0), start = 0, count = 3>, <(1, 0) to (1, 0), start = 3, count = 1>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: global mode must balance work: cores get between 1 and 3 units

// -----

// ... and leaves cores idle only when there are fewer units than cores.
"test.op"() {name = #tt.work_partition<global, row_major, grid = [1, 3], blocks = [1, 4], ranges = [<(0, 0) to (1, 0), start = 0, count = 2>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: global mode leaves cores idle: 2 of 3 cores work on 4 units

// -----

// Local-shard mode gives every core one whole shard.
"test.op"() {name = #tt.work_partition<local_shard, row_major, grid = [1, 2], blocks = [2, 2], shard_blocks = [2, 1], ranges = [<(0, 0) to (0, 0), start = 0, count = 3>, <(1, 0) to (1, 0), start = 3, count = 1>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: in local_shard mode every core computes one shard of 2 blocks

// -----

"test.op"() {name = #tt.work_partition<local_shard, row_major, grid = [1, 2], blocks = [2, 2], ranges = [<(0, 0) to (1, 0), start = 0, count = 2>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: local_shard mode needs shard_blocks = [rows, cols], got []

// -----

"test.op"() {name = #tt.work_partition<local_shard, row_major, grid = [1, 2], blocks = [2, 3], shard_blocks = [2, 2], ranges = [<(0, 0) to (1, 0), start = 0, count = 4>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: shard_blocks [2, 2] do not divide blocks [2, 3]

// -----

// A folded x order numbers global partitions only.
"test.op"() {name = #tt.work_partition<local_shard, row_major, grid = [1, 2], blocks = [2, 2], shard_blocks = [2, 1], x_order = folded, ranges = [<(0, 0) to (1, 0), start = 0, count = 2>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: x_order = folded numbers the blocks of global partitions only, not local_shard ones (their units follow the shards)

// -----

"test.op"() {name = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [2, 2], shard_blocks = [1, 1], ranges = [<(0, 0) to (1, 0), start = 0, count = 2>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: shard_blocks is only meaningful in local_shard mode

// -----

"test.op"() {name = #tt.work_partition<global, row_major, grid = [1, 0], blocks = [2, 2], ranges = [<(0, 0) to (1, 0), start = 0, count = 2>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: grid must be two positive extents [rows, cols], got [1, 0]

// -----

"test.op"() {name = #tt.work_partition<global, row_major, grid = [1, 2], blocks = [2, 2], ranges = []>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: a work partition needs at least one work range

// -----

// Every entry of a schema means something different ...
"test.op"() {name = #tt.runtime_args<["n" : u32 = num_units, "count" : u32 = num_units]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: runtime arguments 'n' and 'count' mean the same (num_units)

// -----

// ... also for buffer addresses.
"test.op"() {name = #tt.runtime_args<["a" : u32 = buffer_address(1), "b" : u32 = buffer_address(0), "c" : u32 = buffer_address(1)]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: runtime arguments 'a' and 'c' mean the same (buffer_address(1))

// -----

// A CB's word holds its index.
"test.op"() {name = #tt.compile_time_arg<cb(3) = 4>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:{{[0-9]+}}: error: {{.*}}the compile-time word of CB 3 holds its index, got 4

// -----

// A compile-time argument is a 32-bit word.
"test.op"() {name = #tt.compile_time_args<[accessor_config(0) = 4294967296, page_size(0) = 2048]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:{{[0-9]+}}: error: {{.*}}a compile-time argument is a 32-bit unsigned word, got 4294967296

// -----

// A page-size word follows its tensor's config word.
"test.op"() {name = #tt.compile_time_args<[page_size(0) = 2048]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:{{[0-9]+}}: error: {{.*}}page_size(0) at position 0 must follow accessor_config(0)

// -----

// A semaphore holds a 32-bit value.
"test.op"() {name = #tt.semaphore<id = 0, initial = -1, cores = [(0, 0) to (0, 0)]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:{{[0-9]+}}: error: {{.*}}a semaphore holds a 32-bit unsigned value, got initial = -1

// -----

// A tensor's layout is a #tt.buffer_layout.
"test.op"() {name = #tt.tensor<input, #tt.data_format<bf16>>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:{{[0-9]+}}: error: {{.*}}a tensor's layout must be a #tt.buffer_layout, got #tt.data_format<bf16>

// -----

// A gemm schedule's subblock divides its block ...
"test.op"() {name = #tt.gemm_schedule<block = [4, 4], k_block = 4, subblock = [3, 1], accumulate = l1>} : () -> ()
// CHECK: attributes_invalid.mlir:{{[0-9]+}}:21: error: invalid attribute: gemm schedule subblock [3, 1] does not divide block [4, 4]

// -----

// ... its sizes are positive ...
"test.op"() {name = #tt.gemm_schedule<block = [4, 4], k_block = 0, subblock = [1, 1], accumulate = l1>} : () -> ()
// CHECK: attributes_invalid.mlir:{{[0-9]+}}:21: error: invalid attribute: gemm schedule k_block must be at least 1, got 0

// -----

// ... and partial sums live in DST or L1.
"test.op"() {name = #tt.gemm_schedule<block = [4, 4], k_block = 1, subblock = [1, 1], accumulate = sram>} : () -> ()
// CHECK: attributes_invalid.mlir:{{[0-9]+}}:100: error: Expected `dst`, `l1`, `reload`, or `buffer`.

// -----

// A multicast runtime argument names its axis ...
"test.op"() {name = #tt.runtime_arg<"x" : u32 = mcast_sender>} : () -> ()
// CHECK: attributes_invalid.mlir:{{[0-9]+}}:21: error: invalid attribute: mcast_sender needs an axis, e.g. mcast_sender(row)

// -----

// ... which is a row or a column.
"test.op"() {name = #tt.runtime_arg<"x" : u32 = mcast_start_x(diagonal)>} : () -> ()
// CHECK: attributes_invalid.mlir:{{[0-9]+}}:63: error: Expected `row`, or `column`.

// -----

// A multicast has receivers ...
"test.op"() {name = #tt.multicast<row, receivers = 0, sender_semaphore = 0, receiver_semaphore = 1>} : () -> ()
// CHECK: attributes_invalid.mlir:{{[0-9]+}}:21: error: invalid attribute: a multicast needs at least one receiver, got receivers = 0

// -----

// ... two different semaphores ...
"test.op"() {name = #tt.multicast<row, receivers = 3, sender_semaphore = 2, receiver_semaphore = 2>} : () -> ()
// CHECK: attributes_invalid.mlir:{{[0-9]+}}:21: error: invalid attribute: the sender and receiver semaphores must differ, both are 2

// -----

// ... each one of the core's 16.
"test.op"() {name = #tt.multicast<column, receivers = 3, sender_semaphore = 0, receiver_semaphore = 16>} : () -> ()
// CHECK: attributes_invalid.mlir:{{[0-9]+}}:21: error: invalid attribute: semaphore id 16 is out of range: a core has 16 semaphores (ids 0..15)

// -----

// A block_2d partition gives each core a rectangle of blocks ...
"test.op"() {p = #tt.work_partition<block_2d, row_major, grid = [8, 8], blocks = [8, 8], ranges = [<(0, 0) to (7, 7), start = 0, count = 1>]>} : () -> ()
// CHECK: attributes_invalid.mlir:{{[0-9]+}}:18: error: invalid attribute: block_2d mode needs shard_blocks = [rows, cols], got []

// -----

// ... and its cores form the one rectangle that blocks / shard_blocks give.
"test.op"() {p = #tt.work_partition<block_2d, row_major, grid = [8, 8], blocks = [8, 8], shard_blocks = [2, 2], ranges = [<(0, 0) to (7, 7), start = 0, count = 4>]>} : () -> ()
// CHECK: attributes_invalid.mlir:{{[0-9]+}}:18: error: invalid attribute: block_2d mode needs one work range over a 4x4 rectangle of cores (blocks / shard_blocks)

// -----

// A 3-D launch grid's blocks [z, y, x] are partitioned in global mode only.
"test.op"() {name = #tt.work_partition<local_shard, row_major, grid = [2, 2], blocks = [2, 4, 4], shard_blocks = [2, 2], ranges = [<(0, 0) to (1, 1), start = 0, count = 8>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: blocks of a 3-D launch grid [z, y, x] = [2, 4, 4] are only partitioned in global mode, not local_shard

// -----

// Blocks of four extents.
"test.op"() {name = #tt.work_partition<global, row_major, grid = [2, 2], blocks = [1, 2, 2, 2], ranges = [<(0, 0) to (1, 1), start = 0, count = 2>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: blocks must be two positive extents [rows, cols] (or three, [z, y, x], for a 3-D launch grid), got [1, 2, 2, 2]

// -----

// A 3-D partition covers all its units.
"test.op"() {name = #tt.work_partition<global, row_major, grid = [2, 2], blocks = [2, 3, 2], ranges = [<(0, 0) to (1, 1), start = 0, count = 2>]>} : () -> ()
// CHECK: attributes_invalid.mlir:[[# @LINE - 1]]:21: error: invalid attribute: work ranges cover 8 units, the [2, 3, 2] blocks have 12
