// RUN: tt-opt %s -p tt-attach-metal-api --split-input-file --verify-diagnostics | filecheck %s --check-prefix=DEFAULT
// RUN: tt-opt %s -p 'tt-attach-metal-api{api-version=0.81.1}' --split-input-file | filecheck %s --check-prefix=V081
// RUN: tt-opt %s -p 'tt-attach-metal-api{api-version="0.81.1"}' --split-input-file | filecheck %s --check-prefix=V081
// RUN: tt-opt %s -p 'tt-attach-metal-api{api-version=0.74.0}' --split-input-file --verify-diagnostics | filecheck %s --check-prefix=DEFAULT
// RUN: not tt-opt %s -p 'tt-attach-metal-api{api-version=0.80}' 2>&1 | filecheck %s --check-prefix=BAD
// RUN: not tt-opt %s -p 'tt-attach-metal-api{api-version=v0_81_1}' 2>&1 | filecheck %s --check-prefix=BAD-SPELLING

// BAD: tt-opt: error: tt-attach-metal-api: api-version must be one of 0.74.0, 0.81.1; got '0.80'; did you mean '0.81.1'?
// BAD-SPELLING: tt-opt: error: tt-attach-metal-api: api-version must be one of 0.74.0, 0.81.1; got 'v0_81_1'

// A tile program gets the release as `tt.metal_api` (v0.74.0 unless api-version says otherwise);
// a function that is not a tile program gets nothing.
func.func @add(%A: memref<32x32xbf16>, %C: memref<32x32xbf16>) {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %a = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %A[%c0, %c0] to %a : memref<32x32xbf16> to memref<32x32xbf16>
    tt.copy %a to %C[%c0, %c0] : memref<32x32xbf16> to memref<32x32xbf16>
  }
  func.return
}
func.func @helper() {
  func.return
}
// DEFAULT:      func.func @add(%A: memref<32x32xbf16>, %C: memref<32x32xbf16>) attributes {tt.metal_api = #tt.metal_api<v0_74_0>} {
// DEFAULT:      func.func @helper() {
// V081:         func.func @add(%A: memref<32x32xbf16>, %C: memref<32x32xbf16>) attributes {tt.metal_api = #tt.metal_api<v0_81_1>} {
// V081:         func.func @helper() {

// -----

// A tt.program gets the release as its `metal_api` property, left out when printed at the
// default.
tt.program @p attributes {device = #tt.device<n150>} {
}
// DEFAULT:      tt.program @p attributes {device = #tt.device<n150>} {
// V081:         tt.program @p attributes {device = #tt.device<n150>, metal_api = #tt.metal_api<v0_81_1>} {

// -----

// The release is decided once: a program recording another one is an error.
func.func @recorded(%A: memref<32x32xbf16>, %C: memref<32x32xbf16>) attributes {tt.metal_api = #tt.metal_api<v0_81_1>} {
  tt.launch_grid (%bx, %by) in (1, 1) {
    %c0 = arith.constant 0 : index
    %a = tt.alloc_shared : memref<32x32xbf16>
    tt.copy %A[%c0, %c0] to %a : memref<32x32xbf16> to memref<32x32xbf16>
    tt.copy %a to %C[%c0, %c0] : memref<32x32xbf16> to memref<32x32xbf16>
  }
  func.return
}
// V081:         func.func @recorded({{.*}}) attributes {tt.metal_api = #tt.metal_api<v0_81_1>} {
// DEFAULT:      attach_metal_api.mlir:[[# @LINE - 10]]:1: error: 'func.func' op already targets tt-metal 0.81.1 (#tt.metal_api<v0_81_1>); tt-attach-metal-api cannot change it to 0.74.0
