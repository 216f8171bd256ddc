// C = A + B for 1024x1024 bf16 tensors, one 128x128 block per grid point (8 x 8):
//
//   with T.Kernel(ceildiv(N, 128), ceildiv(M, 128)) as (bx, by):
//       A_s = T.alloc_shared((128, 128)); B_s = T.alloc_shared((128, 128))
//       C_s = T.alloc_shared((128, 128))
//       T.copy(A[by * 128, bx * 128], A_s); T.copy(B[by * 128, bx * 128], B_s)
//       for i, j in T.Parallel(128, 128): C_s[i, j] = A_s[i, j] + B_s[i, j]
//       T.copy(C_s, C[by * 128, bx * 128])

func.func @add(%A: memref<1024x1024xbf16>, %B: memref<1024x1024xbf16>, %C: memref<1024x1024xbf16>) {
  tt.launch_grid (%bx, %by) in (8, 8) {
    %c128 = arith.constant 128 : index
    %row = arith.muli %by, %c128 : index
    %col = arith.muli %bx, %c128 : index
    %a = tt.alloc_shared : memref<128x128xbf16>
    %b = tt.alloc_shared : memref<128x128xbf16>
    %c = tt.alloc_shared : memref<128x128xbf16>
    tt.copy %A[%row, %col] to %a : memref<1024x1024xbf16> to memref<128x128xbf16>
    tt.copy %B[%row, %col] to %b : memref<1024x1024xbf16> to memref<128x128xbf16>
    tt.add %a, %b to %c : memref<128x128xbf16>
    tt.copy %c to %C[%row, %col] : memref<128x128xbf16> to memref<1024x1024xbf16>
  }
  func.return
}
