// RUN: tt-opt %s --split-input-file --verify-diagnostics | filecheck %s

// A buffer that is not tile-aligned.
func.func @f() {
  %a = tt.alloc_shared : memref<100x32xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:5:3: error: 'tt.alloc_shared' op buffer dim 0 of size 100 is not a multiple of the tile size 32; the next aligned size is 128

// -----

// A fragment whose second dim is not tile-aligned.
func.func @f() {
  %c = tt.alloc_fragment : memref<128x48xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:14:3: error: 'tt.alloc_fragment' op buffer dim 1 of size 48 is not a multiple of the tile size 32; the next aligned size is 64

// -----

// A buffer of an unsupported element type.
func.func @f() {
  %a = tt.alloc_shared : memref<32x32xi32>
  func.return
}
// CHECK: tile_program_invalid.mlir:23:3: error: 'tt.alloc_shared' op buffer element type must be bf16, f16 or f32, got i32

// -----

// A buffer that is not 2-D.
func.func @f() {
  %a = tt.alloc_shared : memref<2x32x32xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:32:3: error: 'tt.alloc_shared' op buffer must be 2-D (a block) or 1-D (a vector: one value per row or column of a block), got rank 3

// -----

// A grid extent that is not positive.
func.func @f() {
  tt.launch_grid (%bx, %by) in (0, 8) {
  }
  func.return
}
// CHECK: tile_program_invalid.mlir:41:3: error: 'tt.launch_grid' op grid extent x must be positive, got 0

// -----

// The K dims of A and B differ.
func.func @f(%a: memref<128x32xbf16>, %b: memref<64x128xbf16>, %c: memref<128x128xf32>) {
  tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<64x128xbf16>, memref<128x128xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:51:3: error: 'tt.gemm' op K of A (32) and K of B (64) differ: A 128x32, B 64x128, C 128x128

// -----

// Without transpose_b, B must be K x N.
func.func @f(%a: memref<128x32xbf16>, %b: memref<128x32xbf16>, %c: memref<128x128xf32>) {
  tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<128x32xbf16>, memref<128x128xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:60:3: error: 'tt.gemm' op K of A (32) and K of B (128) differ: A 128x32, B 128x32, C 128x128

// -----

// C must be M x N.
func.func @f(%a: memref<128x32xbf16>, %b: memref<32x64xbf16>, %c: memref<128x128xf32>) {
  tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x64xbf16>, memref<128x128xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:69:3: error: 'tt.gemm' op C must be 128x64 (M x N), got A 128x32, B 32x64, C 128x128

// -----

// One index for a rank-2 tensor.
func.func @f(%A: memref<256x256xbf16>, %a: memref<128x32xbf16>, %i: index) {
  tt.copy %A[%i] to %a : memref<256x256xbf16> to memref<128x32xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:78:3: error: 'tt.copy' op source is indexed with 1 indices but has rank 2 (memref<256x256xbf16>)

// -----

// A region of another rank than the destination.
func.func @f(%C: memref<64x256xbf16>, %c: memref<128x128x2xf32>, %i: index) {
  tt.copy %c to %C[%i, %i] : memref<128x128x2xf32> to memref<64x256xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:87:3: error: 'tt.copy' op copied region of rank 3 does not match the destination rank 2

// -----

// A constant offset before the start of the tensor (past its end is allowed: tt-pad-tensors).
func.func @f(%A: memref<256x256xbf16>, %a: memref<128x32xbf16>) {
  %c0 = arith.constant 0 : index
  %cm32 = arith.constant -32 : index
  tt.copy %A[%cm32, %c0] to %a : memref<256x256xbf16> to memref<128x32xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:98:3: error: 'tt.copy' op copied region 128x32 starts before the source 256x256: dim 0 at offset -32

// -----

// Both sides indexed.
func.func @f(%A: memref<256x256xbf16>, %B: memref<256x256xbf16>, %i: index) {
  tt.copy %A[%i, %i] to %B[%i, %i] : memref<256x256xbf16> to memref<256x256xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:107:3: error: 'tt.copy' op at most one side of a copy may be indexed, got indices on both source and destination

// -----

// An unindexed copy between buffers of different shapes.
func.func @f(%c: memref<128x128xf32>, %d: memref<64x128xbf16>) {
  tt.copy %c to %d : memref<128x128xf32> to memref<64x128xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:116:3: error: 'tt.copy' op source shape 128x128 and destination shape 64x128 of an unindexed copy differ

// -----

// Elementwise operands of different shapes.
func.func @f(%x: memref<128x128xf32>, %y: memref<64x128xf32>) {
  tt.add %x, %y to %x : memref<128x128xf32>, memref<64x128xf32> to memref<128x128xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:125:3: error: 'tt.add' op operand shapes must be equal, got lhs 128x128, rhs 64x128, destination 128x128

// -----

// A unary op whose destination shape differs.
func.func @f(%x: memref<128x128xf32>, %y: memref<128x64xbf16>) {
  tt.exp %x to %y : memref<128x128xf32> to memref<128x64xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:134:3: error: 'tt.exp' op operand shapes must be equal, got source 128x128, destination 128x64

// -----

// A dynamic buffer shape.
%buf = tt.alloc_shared : memref<?x32xbf16>
// CHECK: tile_program_invalid.mlir:142:1: error: 'tt.alloc_shared' op buffer shape must be static, dim 0 is dynamic

// -----

// Elementwise operands must be static blocks or vectors.
func.func @f(%x: memref<128x?xf32>) {
  tt.relu %x to %x : memref<128x?xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:149:3: error: 'tt.relu' op source must be a static 2-D buffer, got memref<128x?xf32>

// -----

// A grid with four extents, in generic form.
"tt.launch_grid"() <{grid = array<i64: 2, 2, 2, 2>}> ({
^bb0(%bx: index, %by: index, %bz: index, %bw: index):
}) : () -> ()
// CHECK: tile_program_invalid.mlir:157:1: error: 'tt.launch_grid' op grid must have 2 extents [x, y] or 3 extents [x, y, z], got 4

// -----

// A launch body without the two block indices.
"tt.launch_grid"() <{grid = array<i64: 2, 2>}> ({
^bb0(%bx: index):
}) : () -> ()
// CHECK: tile_program_invalid.mlir:165:1: error: 'tt.launch_grid' op body must take exactly two index block arguments (the block indices), one per grid extent

// -----

// A 1-D copy into a 2-D tensor region.
func.func @f(%A: memref<256x256xbf16>, %a: memref<128xbf16>, %i: index) {
  tt.copy %A[%i, %i] to %a : memref<256x256xbf16> to memref<128xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:174:3: error: 'tt.copy' op a vector buffer (rank 1) is not copied to or from a tensor: vectors live in L1 between the ops of one kernel

// -----

// gemm inputs of different element types.
func.func @f(%a: memref<128x32xbf16>, %b: memref<32x128xf32>, %c: memref<128x128xf32>) {
  tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xf32>, memref<128x128xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:183:3: error: 'tt.gemm' op A and B element types differ: bf16 vs f32

// -----

// A transpose flag written as a discardable attribute would be silently ignored.
func.func @transpose_attr(%a: memref<32x32xbf16>, %b: memref<32x32xbf16>, %c: memref<32x32xf32>) {
  tt.gemm %a, %b, %c {transpose_b} : memref<32x32xbf16>, memref<32x32xbf16>, memref<32x32xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.gemm' op transpose_b is a keyword after the operands (`tt.gemm %a, %b, %c transpose_b`), not an entry of the attribute dictionary

// -----

// A gemm's schedule describes its own output block ...
func.func @schedule_block(%a: memref<64x32xbf16>, %b: memref<32x64xbf16>, %c: memref<64x64xf32>) {
  tt.gemm %a, %b, %c schedule = <block = [2, 1], k_block = 1, subblock = [1, 1], accumulate = dst> : memref<64x32xbf16>, memref<32x64xbf16>, memref<64x64xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.gemm' op schedule block [2, 1] must be C's 64x64 in 32x32 tiles

// -----

// ... and its K block.
func.func @schedule_k_block(%a: memref<64x64xbf16>, %b: memref<64x64xbf16>, %c: memref<64x64xf32>) {
  tt.gemm %a, %b, %c schedule = <block = [2, 2], k_block = 4, subblock = [1, 1], accumulate = l1> : memref<64x64xbf16>, memref<64x64xbf16>, memref<64x64xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.gemm' op schedule k_block 4 must be the K extent 64 in 32-wide tiles

// -----

// Only a load (tensor region into a buffer) can be multicast: not a store ...
func.func @multicast_store(%C: memref<256x256xbf16>) {
  %c0 = arith.constant 0 : index
  %c = tt.alloc_fragment : memref<128x128xbf16>
  tt.copy %c to %C[%c0, %c0] multicast = <row, receivers = 3, sender_semaphore = 0, receiver_semaphore = 1> : memref<128x128xbf16> to memref<256x256xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.copy' op only a load (a copy from a tensor region into a buffer) can be multicast

// -----

// ... nor a copy between buffers.
func.func @multicast_buffer_copy() {
  %a = tt.alloc_shared : memref<32x32xbf16>
  %b = tt.alloc_shared : memref<32x32xbf16>
  tt.copy %a to %b multicast = <column, receivers = 1, sender_semaphore = 0, receiver_semaphore = 1> : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.copy' op only a load (a copy from a tensor region into a buffer) can be multicast

// -----

// A copy's mover is a data-movement kernel ...
func.func @mover_compute(%A: memref<256x256xbf16>) {
  %c0 = arith.constant 0 : index
  %a = tt.alloc_shared : memref<32x32xbf16>
  tt.copy %A[%c0, %c0] to %a mover = <compute> : memref<256x256xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.copy' op a copy's mover is the reader or the writer kernel and only a tensor transfer has one; got compute on a tensor transfer

// -----

// ... and only a tensor transfer has one.
func.func @mover_buffer_copy() {
  %a = tt.alloc_shared : memref<32x32xbf16>
  %b = tt.alloc_shared : memref<32x32xbf16>
  tt.copy %a to %b mover = <writer> : memref<32x32xbf16> to memref<32x32xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.copy' op a copy's mover is the reader or the writer kernel and only a tensor transfer has one; got writer on a copy between buffers

// -----

// A store is chunked by whole tile rows of its buffer ...
func.func @chunk_not_dividing(%C: memref<256x256xbf16>) {
  %c0 = arith.constant 0 : index
  %c = tt.alloc_fragment : memref<128x128xf32>
  tt.copy %c to %C[%c0, %c0] chunk_rows = 3 : memref<128x128xf32> to memref<256x256xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.copy' op chunk_rows 3 must be positive and divide the buffer's 4 tile rows

// -----

// ... and only a store is chunked.
func.func @chunked_load(%A: memref<256x256xbf16>) {
  %c0 = arith.constant 0 : index
  %a = tt.alloc_shared : memref<128x128xbf16>
  tt.copy %A[%c0, %c0] to %a chunk_rows = 2 : memref<256x256xbf16> to memref<128x128xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.copy' op only a store (a copy from a buffer into a tensor region) is chunked

// -----

// A broadcast operand must be a vector with one value per row (col) ...
func.func @broadcast_length(%x: memref<128x64xf32>, %m: memref<64xf32>) {
  tt.sub %x, %m to %x {broadcast = #tt.broadcast<col>} : memref<128x64xf32>, memref<64xf32> to memref<128x64xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.sub' op a col broadcast takes one value per row of the 128x64 block: rhs must be a vector of 128, got 64

// -----

// ... or per column (row).
func.func @broadcast_row(%x: memref<128x64xf32>, %m: memref<128xf32>) {
  tt.mul %x, %m to %x {broadcast = #tt.broadcast<row>} : memref<128x64xf32>, memref<128xf32> to memref<128x64xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.mul' op a row broadcast takes one value per column of the 128x64 block: rhs must be a vector of 64, got 128

// -----

// A vector operand without a broadcast is an ordinary shape mismatch.
func.func @no_broadcast(%x: memref<128x64xf32>, %m: memref<128xf32>) {
  tt.add %x, %m to %x : memref<128x64xf32>, memref<128xf32> to memref<128x64xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.add' op operand shapes must be equal, got lhs 128x64, rhs 128, destination 128x64

// -----

// max and min run on the SFPU, which has no broadcast form.
func.func @max_broadcast(%x: memref<128x64xf32>, %m: memref<128xf32>) {
  tt.max %x, %m to %x {broadcast = #tt.broadcast<col>} : memref<128x64xf32>, memref<128xf32> to memref<128x64xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.max' op 'tt.max' has no broadcast form: both operands must have the destination's shape

// -----

// A reduction's destination has the kept dimension's length.
func.func @reduce_length(%x: memref<128x64xf32>, %ones: memref<32x32xf32>, %s: memref<64xf32>) {
  tt.reduce_sum %x, %ones to %s dim = 1 : memref<128x64xf32>, memref<32x32xf32> to memref<64xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.reduce_sum' op reducing the 128x64 source along dim 1 gives a vector of 128, the destination is 64

// -----

// dim is 0 or 1.
func.func @reduce_dim(%x: memref<128x64xf32>, %ones: memref<32x32xf32>, %s: memref<64xf32>) {
  tt.reduce_max %x, %ones to %s dim = 2 : memref<128x64xf32>, memref<32x32xf32> to memref<64xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.reduce_max' op dim must be 0 (along columns) or 1 (along rows), got 2

// -----

// The scaler is one tile.
func.func @reduce_scaler(%x: memref<128x64xf32>, %ones: memref<32x64xf32>, %s: memref<64xf32>) {
  tt.reduce_sum %x, %ones to %s dim = 0 : memref<128x64xf32>, memref<32x64xf32> to memref<64xf32>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.reduce_sum' op the scaler must be one 32x32 tile, got 32x64

// -----

// A 3-D grid whose body binds two block indices.
"tt.launch_grid"() <{grid = array<i64: 2, 2, 2>}> ({
^bb0(%bx: index, %by: index):
}) : () -> ()
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:1: error: 'tt.launch_grid' op body must take exactly three index block arguments (the block indices), one per grid extent

// -----

// A 3-D block of a rank-4 tensor: only a 2-D block copies from a higher rank.
func.func @f(%A: memref<2x3x64x64xbf16>, %a: memref<3x64x64xbf16>, %i: index) {
  tt.copy %A[%i, %i, %i, %i] to %a : memref<2x3x64x64xbf16> to memref<3x64x64xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.copy' op copied region of rank 3 does not match the source rank 4

// -----

// A 2-D block of a rank-4 tensor with a negative leading index.
func.func @f(%A: memref<2x3x64x64xbf16>, %a: memref<32x64xbf16>, %i: index) {
  %m1 = arith.constant -1 : index
  tt.copy %A[%m1, %i, %i, %i] to %a : memref<2x3x64x64xbf16> to memref<32x64xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.copy' op copied region 1x1x32x64 starts before the source 2x3x64x64: dim 0 at offset -1

// -----

// A 2-D block of a rank-4 tensor indexed with three indices.
func.func @f(%A: memref<2x3x64x64xbf16>, %a: memref<32x64xbf16>, %i: index) {
  tt.copy %A[%i, %i, %i] to %a : memref<2x3x64x64xbf16> to memref<32x64xbf16>
  func.return
}
// CHECK: tile_program_invalid.mlir:[[# @LINE - 3]]:3: error: 'tt.copy' op source is indexed with 3 indices but has rank 4 (memref<2x3x64x64xbf16>)
