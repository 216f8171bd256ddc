// RUN: tt-opt %s -p tt-infer-layout --split-input-file --verify-diagnostics | filecheck %s
// RUN: tt-opt %s -p 'tt-infer-layout{arch=blackhole}' --split-input-file --verify-diagnostics | filecheck %s --check-prefix=BH

// Defaults: DRAM interleaved, dtype from the element type, shape in tiles.
func.func @gemm(%A: memref<256x64xbf16>, %B: memref<64x128xf32>, %C: memref<2x256x128xf32>, %n: index) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK:      func.func @gemm(%A: memref<256x64xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [8, 2]>}, %B: memref<64x128xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 4]>}, %C: memref<2x256x128xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 8, 4]>}, %n: index) {

// -----

// A user annotation wins over the default.
func.func @sharded(%A: memref<256x256xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>}, %B: memref<256x256xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK:      func.func @sharded(%A: memref<256x256xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>}, %B: memref<256x256xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [8, 8]>}) {

// -----

// Functions that launch no grid are not tile programs and are left alone.
func.func @helper(%A: memref<100x100xbf16>) {
  func.return
}
// CHECK:      func.func @helper(%A: memref<100x100xbf16>) {

// -----

func.func @unaligned(%A: memref<256x100xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: infer_layout.mlir:[[# @LINE - 5]]:1: error: 'func.func' op argument #0 (%A) dimension 1 has size 100, not a multiple of the tile size 32; pad it to 128

// -----

func.func @unaligned_rows(%X: memref<64x64xf32>, %Y: memref<33x64xf32>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: infer_layout.mlir:[[# @LINE - 5]]:1: error: 'func.func' op argument #1 (%Y) dimension 0 has size 33, not a multiple of the tile size 32; pad it to 64

// -----

// The shape before padding (tt-pad-tensors) moves into the layout: an array<i64> of the
// argument's rank, inside its shape.
func.func @padded(%A: memref<64x32xbf16> {tt.logical_shape = array<i64: 33, 17>}) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK:      func.func @padded(%A: memref<64x32xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 1], logical = [33, 17]>}) {

// -----

func.func @logical_too_large(%A: memref<64x32xbf16> {tt.logical_shape = array<i64: 65, 17>}) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: infer_layout.mlir:[[# @LINE - 5]]:1: error: 'func.func' op argument #0 (%A): tt.logical_shape [65, 17] must have the argument's rank and fit its [64, 32] elements

// -----

func.func @logical_not_an_array(%A: memref<64x32xbf16> {tt.logical_shape = [33, 17]}) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: infer_layout.mlir:[[# @LINE - 5]]:1: error: 'func.func' op argument #0 (%A): tt.logical_shape must be an array<i64: ...>, got [33 : i64, 17 : i64]

// -----

func.func @rank1(%A: memref<1024xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: infer_layout.mlir:[[# @LINE - 5]]:1: error: 'func.func' op argument #0 (%A) has rank 1; tensors need at least 2 dimensions

// -----

func.func @dynamic(%A: memref<?x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: infer_layout.mlir:[[# @LINE - 5]]:1: error: 'func.func' op argument #0 (%A) has a dynamic shape; tile programs need static shapes

// -----

func.func @f64(%A: memref<64x64xf64>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: infer_layout.mlir:[[# @LINE - 5]]:1: error: 'func.func' op argument #0 (%A) has element type f64; supported are bf16, f16, f32 and i32

// -----

// The annotation must describe the tensor it is on.
func.func @wrong_dtype(%A: memref<64x64xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 2]>}) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: infer_layout.mlir:[[# @LINE - 5]]:1: error: 'func.func' op argument #0 (%A): layout dtype bf16 does not match the element type (f32)

// -----

func.func @wrong_shape(%A: memref<64x64xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 2]>}) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: infer_layout.mlir:[[# @LINE - 5]]:1: error: 'func.func' op argument #0 (%A): layout shape [4, 2] tiles does not match the tensor's [2, 2] tiles

// -----

func.func @not_a_layout(%A: memref<64x64xbf16> {tt.layout = 3 : i32}) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: infer_layout.mlir:[[# @LINE - 5]]:1: error: 'func.func' op argument #0 (%A): tt.layout must be a #tt.buffer_layout, got 3 : i32

// -----

// A shard grid of 12 rows: larger than wormhole_b0's 10x8 grid and than blackhole's 10x14.
func.func @big_grid(%A: memref<384x256xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [12, 8], shard = #tt.shard_spec<grid = [12, 1], shard = [1, 8], row_major>>}) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: infer_layout.mlir:[[# @LINE - 5]]:1: error: 'func.func' op argument #0 (%A): shard grid [12, 1] is larger than the 8x8 worker grid of n150 (wormhole_b0)
// BH:    infer_layout.mlir:[[# @LINE - 6]]:1: error: 'func.func' op argument #0 (%A): shard grid [12, 1] is larger than the 10x13 worker grid of p150 (blackhole)

// -----

// 1x12 fits blackhole's 14 columns but not wormhole_b0's 8.
func.func @wide_grid(%A: memref<32x384xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [1, 12], shard = #tt.shard_spec<grid = [1, 12], shard = [1, 1], row_major>>}) {
  tt.launch_grid (%bx, %by) in (1, 1) {
  }
  func.return
}
// CHECK: infer_layout.mlir:[[# @LINE - 5]]:1: error: 'func.func' op argument #0 (%A): shard grid [1, 12] is larger than the 8x8 worker grid of n150 (wormhole_b0)
// BH:    func.func @wide_grid(%A: memref<32x384xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [1, 12], shard = #tt.shard_spec<grid = [1, 12], shard = [1, 1], row_major>>}) {

// -----

// A rank-4 tensor of a 3-D launch grid: its leading (batch, heads) dimensions stay as
// they are, its last two are counted in tiles.
func.func @batched(%Q: memref<2x3x256x64xbf16>) {
  tt.launch_grid (%bx, %by, %bz) in (4, 3, 2) {
  }
  func.return
}
// CHECK: func.func @batched(%Q: memref<2x3x256x64xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [2, 3, 8, 2]>}) {
