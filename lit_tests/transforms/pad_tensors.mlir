// RUN: tt-opt %s -p tt-pad-tensors --split-input-file --verify-diagnostics | filecheck %s
// RUN: tt-opt %s -p tt-pad-tensors,tt-pad-tensors --split-input-file --verify-diagnostics | filecheck %s
// RUN: tt-opt %s -p tt-pad-tensors,tt-infer-layout --split-input-file --verify-diagnostics | filecheck %s --check-prefix=LAYOUT

// A 1000x1000x1000 gemm in 128x128 blocks with K blocks of 32 (TileLang's ceildiv:
// 8x8 blocks, 32 K steps): A's and B's copies reach row and column 1024, and so do
// C's stores, so all three are padded to 1024x1024, with their shapes before
// padding in tt.logical_shape. Running the pass again changes nothing.
// tt-infer-layout moves the logical shape into the layout.
func.func @gemm(%A: memref<1000x1000xbf16>, %B: memref<1000x1000xbf16>, %C: memref<1000x1000xbf16>) {
  tt.launch_grid (%bx, %by) in (8, 8) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %steps = arith.constant 32 : index
    %c32 = arith.constant 32 : index
    %c128 = arith.constant 128 : index
    %row = arith.muli %by, %c128 : index
    %col = arith.muli %bx, %c128 : index
    %a = tt.alloc_shared : memref<128x32xbf16>
    %b = tt.alloc_shared : memref<32x128xbf16>
    %c = tt.alloc_fragment : memref<128x128xf32>
    tt.clear %c : memref<128x128xf32>
    scf.for %k = %c0 to %steps step %c1 {
      %kk = arith.muli %k, %c32 : index
      tt.copy %A[%row, %kk] to %a : memref<1000x1000xbf16> to memref<128x32xbf16>
      tt.copy %B[%kk, %col] to %b : memref<1000x1000xbf16> to memref<32x128xbf16>
      tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
    }
    tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<1000x1000xbf16>
  }
  func.return
}
// CHECK:      func.func @gemm(%A: memref<1024x1024xbf16> {tt.logical_shape = array<i64: 1000, 1000>}, %B: memref<1024x1024xbf16> {tt.logical_shape = array<i64: 1000, 1000>}, %C: memref<1024x1024xbf16> {tt.logical_shape = array<i64: 1000, 1000>}) {
// CHECK:          tt.copy %A[%row, %kk] to %a : memref<1024x1024xbf16> to memref<128x32xbf16>
// CHECK-NEXT:     tt.copy %B[%kk, %col] to %b : memref<1024x1024xbf16> to memref<32x128xbf16>
// CHECK:        tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<1024x1024xbf16>
// LAYOUT:     func.func @gemm(%A: memref<1024x1024xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32], logical = [1000, 1000]>}, %B: memref<1024x1024xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32], logical = [1000, 1000]>}, %C: memref<1024x1024xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32], logical = [1000, 1000]>}) {

// -----

// Blocks that do not divide the tensor: 96-row blocks over 512 rows, 6 of them, the
// last at row 480, reach row 576, a whole number of tiles (18); the 64 columns are
// whole tiles and whole blocks and stay. A 16-row tensor is padded to one tile.
func.func @blocks(%X: memref<512x64xf32>, %Y: memref<512x64xf32>, %V: memref<16x64xf32>) {
  tt.launch_grid (%bx, %by) in (1, 6) {
    %c0 = arith.constant 0 : index
    %c96 = arith.constant 96 : index
    %row = arith.muli %by, %c96 : index
    %x = tt.alloc_shared : memref<96x64xf32>
    %v = tt.alloc_shared : memref<32x64xf32>
    tt.copy %X[%row, %c0] to %x : memref<512x64xf32> to memref<96x64xf32>
    tt.copy %V[%c0, %c0] to %v : memref<16x64xf32> to memref<32x64xf32>
    tt.copy %x to %Y[%row, %c0] : memref<96x64xf32> to memref<512x64xf32>
  }
  func.return
}
// CHECK:      func.func @blocks(%X: memref<576x64xf32> {tt.logical_shape = array<i64: 512, 64>}, %Y: memref<576x64xf32> {tt.logical_shape = array<i64: 512, 64>}, %V: memref<32x64xf32> {tt.logical_shape = array<i64: 16, 64>}) {
// LAYOUT:     func.func @blocks(%X: memref<576x64xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [18, 2], logical = [512, 64]>}, %Y: memref<576x64xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [18, 2], logical = [512, 64]>}, %V: memref<32x64xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [1, 2], logical = [16, 64]>}) {

// -----

// Whole tiles and blocks, and functions that launch no grid, are left alone.
func.func @aligned(%A: memref<256x64xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 2) {
    %c0 = arith.constant 0 : index
    %c128 = arith.constant 128 : index
    %row = arith.muli %by, %c128 : index
    %a = tt.alloc_shared : memref<128x64xbf16>
    tt.copy %A[%row, %c0] to %a : memref<256x64xbf16> to memref<128x64xbf16>
  }
  func.return
}
func.func @helper(%A: memref<100x100xbf16>) {
  func.return
}
// CHECK:      func.func @aligned(%A: memref<256x64xbf16>) {
// CHECK:      func.func @helper(%A: memref<100x100xbf16>) {

// -----

// An argument with a layout of the user's is not padded: its copies need more.
// expected-error @+1 {{'func.func' op argument #0 has a tt.layout and a shape of [100, 64], which its copies need padded to [128, 64]; give the padded shape to the argument and its layout}}
func.func @annotated(%A: memref<100x64xbf16> {tt.layout = #tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [4, 2]>}) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %a = tt.alloc_shared : memref<128x64xbf16>
    tt.copy %A[%c0, %c0] to %a : memref<100x64xbf16> to memref<128x64xbf16>
  }
  func.return
}

// -----

// A rank-4 tensor (batch, heads, seq, dim) = (2, 3, 48, 80) copied as 32x96 blocks of
// its last two dimensions, the leading indices scalars: every 2-D slice is padded alike
// to 64x96 (rows 32..63 reach 64, columns reach 96); the leading dimensions keep
// their extents.
func.func @batched(%X: memref<2x3x48x80xf32>) {
  tt.launch_grid (%bx, %by, %bz) in (2, 3, 2) {
    %c0 = arith.constant 0 : index
    %c32 = arith.constant 32 : index
    %row = arith.muli %bx, %c32 : index
    %a = tt.alloc_shared : memref<32x96xf32>
    tt.copy %a to %X[%bz, %by, %row, %c0] : memref<32x96xf32> to memref<2x3x48x80xf32>
  }
  func.return
}
// CHECK:      func.func @batched(%X: memref<2x3x64x96xf32> {tt.logical_shape = array<i64: 2, 3, 48, 80>}) {
// CHECK:        tt.copy %a to %X[%bz, %by, %row, %c0] : memref<32x96xf32> to memref<2x3x64x96xf32>
// LAYOUT:     func.func @batched(%X: memref<2x3x64x96xf32> {tt.layout = #tt.buffer_layout<dram, interleaved, f32, tile = [32, 32], tiles = [2, 3, 2, 3], logical = [2, 3, 48, 80]>}) {
