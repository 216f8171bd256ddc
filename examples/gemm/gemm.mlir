// C = A @ B for 1024x1024 bf16 matrices, TileLang's gemm example:
//
//   with T.Kernel(ceildiv(N, 128), ceildiv(M, 128)) as (bx, by):   # 8 x 8 blocks
//       A_s = T.alloc_shared((128, 32)); B_s = T.alloc_shared((32, 128))
//       C_l = T.alloc_fragment((128, 128)); T.clear(C_l)
//       for k in T.Pipelined(ceildiv(K, 32), num_stages=2):         # 32 iterations
//           T.copy(A[by * 128, k * 32], A_s); T.copy(B[k * 32, bx * 128], B_s)
//           T.gemm(A_s, B_s, C_l)
//       T.copy(C_l, C[by * 128, bx * 128])

func.func @gemm(%A: memref<1024x1024xbf16>, %B: memref<1024x1024xbf16>, %C: memref<1024x1024xbf16>) {
  tt.launch_grid (%bx, %by) in (8, 8) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c32 = arith.constant 32 : index
    %c128 = arith.constant 128 : index
    %row = arith.muli %by, %c128 : index
    %col = arith.muli %bx, %c128 : index
    %a = tt.alloc_shared : memref<128x32xbf16>
    %b = tt.alloc_shared : memref<32x128xbf16>
    %c = tt.alloc_fragment : memref<128x128xf32>
    tt.clear %c : memref<128x128xf32>
    scf.for %k = %c0 to %c32 step %c1 {
      %kk = arith.muli %k, %c32 : index
      tt.copy %A[%row, %kk] to %a : memref<1024x1024xbf16> to memref<128x32xbf16>
      tt.copy %B[%kk, %col] to %b : memref<1024x1024xbf16> to memref<32x128xbf16>
      tt.gemm %a, %b, %c : memref<128x32xbf16>, memref<32x128xbf16>, memref<128x128xf32>
    } {tt.pipeline = #tt.pipeline<stages = 2>}
    tt.copy %c to %C[%row, %col] : memref<128x128xf32> to memref<1024x1024xbf16>
  }
  func.return
}
