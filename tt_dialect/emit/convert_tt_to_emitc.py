"""convert-tt-to-emitc: hardware-level kernels become EmitC-style IR.

Reads: `tt.program`s after `tt-lower` (and `tt-verify`): kernels of typed `tt`
ops, `arith` index arithmetic and `scf.for` loops, and the program's `metal_api`
(the tt-metal release, `#tt.metal_api<...>`, written by tt-attach-metal-api).
Writes, in every kernel body: each `tt` op becomes an `emitc.call_opaque` of
the kernel-API function it stands for in that release (its template and
literal arguments as `template_args`/`args`), `arith` and `scf` stay (the C++
printer prints them as expressions and `for` loops), and the kernel gets
`tt.cpp_includes`, the `api/...` headers of the calls it makes. The program's
attributes are untouched: the host program and `tt.plan.json` are printed from
them.

Every decision about the C++ is made here, so the printer stays a dumb walk:
- CB ids are compile-time arguments: `tt.get_cb N` becomes
  `get_compile_time_arg_val(k)` at the position of CB N in the kernel's
  `compile_time_args` (written by `tt-finalize-runtime-args`);
- an accessor becomes `TensorAccessorArgs<cta_offset>()` and
  `TensorAccessor(args, base_addr, page_size)`;
- runtime arguments are `get_arg_val<uint32_t>(i)` by schema position;
- no deprecated call: pages move with `noc_async_read_page`/`noc_async_write_page`
  and matmul starts with `compute_kernel_hw_startup<SrcOrder::Reverse>` then
  `matmul_init` (or `matmul_block_init` before `matmul_block`);
- the release decides a call's spelling where releases differ (`RENAMED_CALLS`):
  v0.81.1 removed `add/sub/mul_tiles_init` and the `*_bcast_*_init_short` inits for
  `add/sub/mul_init` and `*_bcast_*_init`, and deprecated `copy_tile_init` for
  `copy_init`; an op whose call the release no longer has (`REMOVED_CALLS`:
  `binary_op_init_common`, and `init_sfpu`, deprecated) is an error there
  (docs/metal_versions.md).

Each kernel is converted by one walk of `KERNEL_PATTERNS` (tried in order, the first
that acts wins, each op trying only the patterns for its type; regions before their
op): a pattern per op family
replaces the op by its call(s), and `WriteKernelIncludes`, anchored on the kernel,
which the walk reaches after its body, then writes the includes. The two things a
call depends on beyond its op, the compile-time position of each CB and whether the
kernel multiplies, are read once before the walk (`KernelFacts`).
"""

from __future__ import annotations

import struct
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from xdsl.context import Context
from xdsl.dialects.builtin import (
    ArrayAttr,
    IndexType,
    IntegerAttr,
    IntegerType,
    ModuleOp,
    Signedness,
    StringAttr,
    i1,
    i32,
)
from xdsl.dialects.emitc import EmitC_CallOpaqueOp, EmitC_OpaqueAttr, EmitC_OpaqueType, EmitC_PointerType
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from tt_dialect.diagnostics import op_error
from tt_dialect.metal_versions import DEFAULT_API, MetalApi
from tt_dialect.ops import annotations
from tt_dialect.ops import args as args_ops
from tt_dialect.ops import cb as cb_ops
from tt_dialect.ops import compute, dataflow, sync
from tt_dialect.ops.base import enclosing_kernel
from tt_dialect.ops.program import KernelOp, ProgramOp
from tt_dialect.emit.support_headers import MASK_TILE_CALL, MASK_TILE_HEADER
from tt_dialect.ops.attributes import CompileTimeArgKind, DataFormat, MaskPredicate, PoolType, ReduceDim

UINT32 = IntegerType(32, Signedness.UNSIGNED)
ACCESSOR_ARGS = EmitC_OpaqueType(StringAttr("TensorAccessorArgs"))
ACCESSOR = EmitC_OpaqueType(StringAttr("TensorAccessor"))
UINT64 = IntegerType(64, Signedness.UNSIGNED)
L1_WORD = "volatile tt_l1_ptr uint32_t"
"""A semaphore in L1: `noc_semaphore_set`/`noc_semaphore_wait` take a pointer to one."""
L1_WORD_PTR = EmitC_PointerType(EmitC_OpaqueType(StringAttr(L1_WORD)))

DATAFLOW_API = "api/dataflow/dataflow_api.h"
COMPUTE_HEADERS: dict[str, str] = {
    "compute_kernel_hw_startup": "api/compute/compute_kernel_hw_startup.h",
    "matmul_init": "api/compute/matmul.h",
    "matmul_tiles": "api/compute/matmul.h",
    "matmul_block_init": "api/compute/matmul.h",
    "matmul_block": "api/compute/matmul.h",
    "add_tiles_init": "api/compute/eltwise_binary.h",
    "add_tiles": "api/compute/eltwise_binary.h",
    "sub_tiles_init": "api/compute/eltwise_binary.h",
    "sub_tiles": "api/compute/eltwise_binary.h",
    "mul_tiles_init": "api/compute/eltwise_binary.h",
    "mul_tiles": "api/compute/eltwise_binary.h",
    "copy_tile_init": "api/compute/tile_move_copy.h",
    "copy_tile": "api/compute/tile_move_copy.h",
    "tile_regs_acquire": "api/compute/reg_api.h",
    "tile_regs_commit": "api/compute/reg_api.h",
    "tile_regs_wait": "api/compute/reg_api.h",
    "tile_regs_release": "api/compute/reg_api.h",
    "pack_tile": "api/compute/pack.h",
    "pack_reconfig_l1_acc": "api/compute/pack.h",
    "reconfig_data_format": "api/compute/reconfig_data_format.h",
    "pack_reconfig_data_format": "api/compute/reconfig_data_format.h",
    "cb_wait_front": "api/compute/cb_api.h",
    "cb_pop_front": "api/compute/cb_api.h",
    "cb_reserve_back": "api/compute/cb_api.h",
    "cb_push_back": "api/compute/cb_api.h",
    "get_arg_val": "api/compute/common.h",
    "exp_tile_init": "api/compute/eltwise_unary/exp.h",
    "exp_tile": "api/compute/eltwise_unary/exp.h",
    "log_tile_init": "api/compute/compute_kernel_api.h",
    "log_tile": "api/compute/compute_kernel_api.h",
    "sqrt_tile_init": "api/compute/eltwise_unary/sqrt.h",
    "sqrt_tile": "api/compute/eltwise_unary/sqrt.h",
    "rsqrt_tile_init": "api/compute/eltwise_unary/rsqrt.h",
    "rsqrt_tile": "api/compute/eltwise_unary/rsqrt.h",
    "exp2_tile_init": "api/compute/compute_kernel_api.h",
    "exp2_tile": "api/compute/compute_kernel_api.h",
    "recip_tile_init": "api/compute/eltwise_unary/recip.h",
    "recip_tile": "api/compute/eltwise_unary/recip.h",
    "relu_tile_init": "api/compute/eltwise_unary/relu.h",
    "relu_tile": "api/compute/eltwise_unary/relu.h",
    "gelu_tile_init": "api/compute/eltwise_unary/gelu.h",
    "gelu_tile": "api/compute/eltwise_unary/gelu.h",
    "sigmoid_tile_init": "api/compute/compute_kernel_api.h",
    "sigmoid_tile": "api/compute/compute_kernel_api.h",
    "tanh_tile_init": "api/compute/compute_kernel_api.h",
    "tanh_tile": "api/compute/compute_kernel_api.h",
    "fill_tile_init": "api/compute/eltwise_unary/fill.h",
    "fill_tile": "api/compute/eltwise_unary/fill.h",
    "fill_tile_bitcast": "api/compute/eltwise_unary/fill.h",
    "binop_with_scalar_tile_init": "api/compute/eltwise_unary/binop_with_scalar.h",
    **{op.name.removeprefix("tt."): "api/compute/eltwise_unary/binop_with_scalar.h" for op in compute.SFPU_SCALAR_OPS},
    **{op.name.removeprefix("tt."): "api/compute/bcast.h" for pair in compute.BCAST_OPS.values() for op in pair},
    "reduce_init": "api/compute/reduce.h",
    "reduce_tile": "api/compute/reduce.h",
    "reduce_uninit": "api/compute/reduce.h",
    "binary_max_tile_init": "api/compute/binary_max_min.h",
    "binary_max_tile": "api/compute/binary_max_min.h",
    "binary_min_tile_init": "api/compute/binary_max_min.h",
    "binary_min_tile": "api/compute/binary_max_min.h",
    # v0.81.1's names for the inits it renamed (RENAMED_CALLS), in the same headers
    "add_init": "api/compute/eltwise_binary.h",
    "sub_init": "api/compute/eltwise_binary.h",
    "mul_init": "api/compute/eltwise_binary.h",
    "copy_init": "api/compute/tile_move_copy.h",
    **{f"{kind}_bcast_{b.value}s_init": "api/compute/bcast.h" for kind, b in compute.BCAST_OPS},
}
"""Header declaring each compute-kernel call, in every release we target."""


RENAMED_CALLS: dict[MetalApi, dict[type[Operation], str]] = {
    MetalApi.V0_74_0: {},
    MetalApi.V0_81_1: {
        compute.AddTilesInitOp: "add_init",
        compute.SubTilesInitOp: "sub_init",
        compute.MulTilesInitOp: "mul_init",
        compute.CopyTileInitOp: "copy_init",
        **{init: f"{kind}_bcast_{b.value}s_init" for (kind, b), (init, _) in compute.BCAST_OPS.items()},
    },
}
"""The ops whose call a release spells otherwise than the op's mnemonic (the v0.74.0 name),
with the same arguments: v0.81.1 removed `add_tiles_init` (`api/compute/eltwise_binary.h`
declares `add_init(icb0, icb1, acc_to_dest = false)` instead) and
`mul_bcast_cols_init_short` (`api/compute/bcast.h`: `mul_bcast_cols_init(icb0, icb1)`), and
marks `copy_tile_init` `[[deprecated("Renamed to copy_init()...")]]`
(`api/compute/tile_move_copy.h`)."""

REMOVED_CALLS: dict[MetalApi, dict[type[Operation], str]] = {
    MetalApi.V0_74_0: {},
    MetalApi.V0_81_1: {
        compute.BinaryOpInitCommonOp: "binary_op_init_common is removed in tt-metal 0.81.1; "
        "start the kernel with tt.compute_kernel_hw_startup",
        compute.InitSFPUOp: "init_sfpu is deprecated in tt-metal 0.81.1; start the kernel with "
        "tt.compute_kernel_hw_startup, then tt.copy_tile_init",
    },
}
"""The ops whose call a release no longer has (or marks `[[deprecated]]`): an error."""


PLAIN_CALLS = (
    compute.TileRegsAcquireOp,
    compute.TileRegsCommitOp,
    compute.TileRegsWaitOp,
    compute.TileRegsReleaseOp,
    compute._SFPUUnaryInitOp,
    compute._SFPUBinaryInitOp,
    compute._BinaryTilesInitOp,
    compute.ReduceUninitOp,
    compute.CopyTileInitOp,
    compute.InitSFPUOp,
    compute.BinaryOpInitCommonOp,
    compute.ReconfigDataFormatOp,
    compute.PackReconfigDataFormatOp,
)
"""Ops whose call is the op's mnemonic applied to its operands, e.g.
`tt.add_tiles_init %a, %b` -> `add_tiles_init(a, b)`: the mnemonics are the
kernel-API names (docs/dialect.md)."""


def _literal(value: int, type_: Attribute = i32) -> IntegerAttr:
    return IntegerAttr(value, type_)


def _operand(index: int) -> IntegerAttr:
    return IntegerAttr(index, IndexType())


def call(
    callee: str,
    operands: Sequence[SSAValue],
    args: Sequence[Attribute] | None = None,
    result: Attribute | None = None,
    template_args: Sequence[Attribute] | None = None,
) -> EmitC_CallOpaqueOp:
    """`callee<template_args>(args)`, where an `index` IntegerAttr in `args`
    names an operand and anything else is a literal."""
    return EmitC_CallOpaqueOp(
        callee,
        operands,
        [] if result is None else [result],
        args=ArrayAttr(args) if args is not None else None,
        template_args=ArrayAttr(template_args) if template_args is not None else None,
    )


def cb_arg_positions(kernel: KernelOp) -> dict[int, int]:
    """CB index -> position of its word in the kernel's `compile_time_args`."""
    words = kernel.compile_time_args
    if words is None:
        raise op_error(
            kernel, "has no compile_time_args; run tt-finalize-runtime-args (tt-pipeline does)"
        )
    return {
        arg.index.data: position
        for position, arg in enumerate(words.args.data)
        if arg.arg_kind is CompileTimeArgKind.CB
    }


@dataclass(frozen=True)
class KernelFacts:
    """The kernel being converted and what converting its ops needs to know about
    the whole kernel, read before any of its ops is converted."""

    kernel: KernelOp
    cb_arg_positions: dict[int, int]
    """CB index -> its compile-time argument position."""
    multiplies: bool
    """The kernel runs `tt.matmul_tiles` or `tt.matmul_block`: its hardware start-up
    reverses the source order."""
    api: MetalApi = DEFAULT_API
    """The tt-metal release the program targets (its `metal_api`): how calls are spelled."""

    @staticmethod
    def of(kernel: KernelOp) -> KernelFacts:
        multiplies = any(
            isinstance(op, compute.MatmulTilesOp | compute.MatmulBlockOp) for op in kernel.body.walk()
        )
        return KernelFacts(kernel, cb_arg_positions(kernel), multiplies, kernel.metal_api)

    def callee(self, op: Operation) -> str:
        """The call `op` stands for in the program's release: its mnemonic unless the
        release renamed it (`RENAMED_CALLS`); an error if the release has no such call
        (`REMOVED_CALLS`)."""
        removed = REMOVED_CALLS[self.api].get(type(op))
        if removed is not None:
            raise op_error(op, f"has no C++ form for tt-metal {self.api.release}: {removed}")
        return RENAMED_CALLS[self.api].get(type(op), op.name.removeprefix("tt."))

    def owns(self, op: Operation) -> bool:
        """Whether `op` is in the body of the kernel being converted."""
        return enclosing_kernel(op) is self.kernel


@dataclass(frozen=True)
class _KernelOpConversion(RewritePattern, ABC):
    """Replaces each op of `anchors` in the kernel being converted by the ops
    `convert` returns; the last one's results take the op's results, name hints
    and location."""

    facts: KernelFacts
    anchors: ClassVar[tuple[type[Operation], ...]]

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /) -> None:
        if not isinstance(op, self.anchors) or not self.facts.owns(op):
            return
        new_ops = self.convert(op)
        results = new_ops[-1].results
        for old, new in zip(op.results, results):
            new.name_hint = old.name_hint
        for new in new_ops:
            new.location = op.location
        rewriter.replace(op, new_ops, list(results))

    @abstractmethod
    def convert(self, op: Any) -> list[Operation]:
        """The calls replacing `op` (an instance of one of `anchors`)."""


class ConvertRuntimeArgReads(_KernelOpConversion):
    """`tt.get_arg_val i`, `tt.get_common_arg_val i` -> `get_arg_val<uint32_t>(i)`,
    `get_common_arg_val<uint32_t>(i)`."""

    anchors = (args_ops.GetArgValOp, args_ops.GetCommonArgValOp)

    def convert(self, op: Any) -> list[Operation]:
        return [call(op.name.removeprefix("tt."), [], [_literal(op.index.value.data)], i32, [UINT32])]


class ConvertCompileTimeArgReads(_KernelOpConversion):
    """`tt.get_compile_time_arg_val i` -> `get_compile_time_arg_val(i)`."""

    anchors = (args_ops.GetCompileTimeArgValOp,)

    def convert(self, op: args_ops.GetCompileTimeArgValOp) -> list[Operation]:
        return [call("get_compile_time_arg_val", [], [_literal(op.index.value.data)], i32)]


class ConvertGetCB(_KernelOpConversion):
    """`tt.get_cb N` -> `get_compile_time_arg_val(k)`, k the position of CB N in the
    kernel's compile-time-argument layout (`KernelFacts.cb_arg_positions`)."""

    anchors = (cb_ops.GetCBOp,)

    def convert(self, op: cb_ops.GetCBOp) -> list[Operation]:
        index = op.index.value.data
        if index not in self.facts.cb_arg_positions:
            raise op_error(op, f"CB {index} has no compile-time argument; run tt-finalize-runtime-args")
        return [call("get_compile_time_arg_val", [], [_literal(self.facts.cb_arg_positions[index])], i32)]


class ConvertCBProtocol(_KernelOpConversion):
    """`tt.cb_reserve_back/push_back/wait_front/pop_front %cb, n` -> the call of the
    same name on (cb, n). Reads the op's page count."""

    anchors = (cb_ops.CBReserveBackOp, cb_ops.CBPushBackOp, cb_ops.CBWaitFrontOp, cb_ops.CBPopFrontOp)

    def convert(self, op: Any) -> list[Operation]:
        return [call(op.name.removeprefix("tt."), op.operands, [_operand(0), _literal(op.num_pages.value.data)])]


class ConvertCBQueries(_KernelOpConversion):
    """`tt.get_write_ptr/get_read_ptr/get_tile_size %cb` -> the call of the same
    name on the CB, returning its `uint32_t`."""

    anchors = (cb_ops.GetWritePtrOp, cb_ops.GetReadPtrOp, cb_ops.GetTileSizeOp)

    def convert(self, op: Operation) -> list[Operation]:
        return [call(op.name.removeprefix("tt."), op.operands, None, i32)]


class ConvertTensorAccessor(_KernelOpConversion):
    """`tt.tensor_accessor` -> `TensorAccessorArgs<cta_offset>()` (named after the
    accessor, `_args`) and `TensorAccessor(args, base_addr, page_size)`. Reads the
    op's compile-time offset and page size."""

    anchors = (dataflow.TensorAccessorOp,)

    def convert(self, op: dataflow.TensorAccessorOp) -> list[Operation]:
        args = call("TensorAccessorArgs", [], [], ACCESSOR_ARGS, [_literal(op.cta_offset.value.data, UINT32)])
        args.res[0].name_hint = f"{op.result.name_hint}_args" if op.result.name_hint else None
        accessor = call(
            "TensorAccessor",
            [args.res[0], op.base_addr],
            [_operand(0), _operand(1), _literal(op.page_size.value.data, UINT32)],
            ACCESSOR,
        )
        return [args, accessor]


class ConvertNocPageTransfers(_KernelOpConversion):
    """`tt.noc_async_read_page/write_page` -> the call of the same name on its operands."""

    anchors = (dataflow.NocAsyncReadPageOp, dataflow.NocAsyncWritePageOp)

    def convert(self, op: Operation) -> list[Operation]:
        return [call(op.name.removeprefix("tt."), op.operands)]


class ConvertWriteMaskTile(_KernelOpConversion):
    """`tt.write_mask_tile %cb, %addr, %row, %col if ge then T else F` ->
    `tt_dialect::write_mask_tile<tt_dialect::MaskPredicate::Ge, tt_dialect::MaskFormat::Bf16>(
    addr, row, col, 0xTu, 0xFu)`, the helper of `tt_mask_tile.h` (`emit/support_headers.py`),
    the format the CB's."""

    anchors = (dataflow.WriteMaskTileOp,)

    PREDICATES = {
        MaskPredicate.GE: "Ge", MaskPredicate.GT: "Gt", MaskPredicate.LE: "Le", MaskPredicate.LT: "Lt",
    }
    FORMATS = {DataFormat.BF16: "Bf16", DataFormat.F32: "Float32"}

    def convert(self, op: dataflow.WriteMaskTileOp) -> list[Operation]:
        template = [
            EmitC_OpaqueAttr(StringAttr(f"tt_dialect::MaskPredicate::{self.PREDICATES[op.predicate.data]}")),
            EmitC_OpaqueAttr(StringAttr(f"tt_dialect::MaskFormat::{self.FORMATS[op.data_format]}")),
        ]
        values = [EmitC_OpaqueAttr(StringAttr(f"0x{v.value.data:08x}u")) for v in (op.on_true, op.on_false)]
        operands = [op.l1_addr, op.row, op.col]
        return [call(MASK_TILE_CALL, operands, [_operand(0), _operand(1), _operand(2), *values], None, template)]


class ConvertNocBarriers(_KernelOpConversion):
    """`tt.noc_async_read_barrier`, `tt.noc_async_write_barrier`,
    `tt.noc_async_writes_flushed` -> the call of the same name."""

    anchors = (dataflow.NocAsyncReadBarrierOp, dataflow.NocAsyncWriteBarrierOp, sync.NocAsyncWritesFlushedOp)

    def convert(self, op: Operation) -> list[Operation]:
        return [call(op.name.removeprefix("tt."), [])]


class ConvertGetSemaphore(_KernelOpConversion):
    """`tt.get_semaphore id` -> `get_semaphore(id)`, the semaphore's L1 address."""

    anchors = (sync.GetSemaphoreOp,)

    def convert(self, op: sync.GetSemaphoreOp) -> list[Operation]:
        return [call("get_semaphore", [], [_literal(op.id.value.data, UINT32)], i32)]


class ConvertLocalSemaphore(_KernelOpConversion):
    """`tt.semaphore_set/wait %addr, %value` -> `noc_semaphore_set/wait(ptr, value)`,
    `ptr` the address as the API's pointer, cast the way tt-metal's kernels do:
    `reinterpret_cast<volatile tt_l1_ptr uint32_t*>(addr)` (named `<addr>_ptr`)."""

    anchors = (sync.SemaphoreSetOp, sync.SemaphoreWaitOp)

    def convert(self, op: Any) -> list[Operation]:
        cast = call("reinterpret_cast", [op.addr], None, L1_WORD_PTR, [L1_WORD_PTR])
        cast.res[0].name_hint = f"{op.addr.name_hint}_ptr" if op.addr.name_hint else None
        return [cast, call(f"noc_{op.name.removeprefix('tt.')}", [cast.res[0], op.value])]


class ConvertSemaphoreInc(_KernelOpConversion):
    """`tt.semaphore_inc %noc_addr, %incr` -> `noc_semaphore_inc(noc_addr, incr)`."""

    anchors = (sync.SemaphoreIncOp,)

    def convert(self, op: sync.SemaphoreIncOp) -> list[Operation]:
        return [call("noc_semaphore_inc", op.operands)]


class ConvertCoreNocAddrs(_KernelOpConversion):
    """`tt.get_core_noc_addr %x, %y, %addr` -> `get_noc_addr(x, y, addr)`,
    `tt.get_noc_multicast_addr %x0, %y0, %x1, %y1, %addr` ->
    `get_noc_multicast_addr(x0, y0, x1, y1, addr)`: `uint64_t` NOC addresses."""

    anchors = (sync.GetCoreNocAddrOp, sync.GetNocMulticastAddrOp)

    def convert(self, op: Operation) -> list[Operation]:
        callee = "get_noc_addr" if isinstance(op, sync.GetCoreNocAddrOp) else "get_noc_multicast_addr"
        return [call(callee, op.operands, None, UINT64)]


class ConvertMulticasts(_KernelOpConversion):
    """`tt.noc_async_write_multicast %src, %dst, %size, num_dests = %n [loopback]`,
    `tt.semaphore_set_multicast %src, %dst, num_dests = %n [loopback]` -> the
    op's call (`callee`: the `_loopback_src` one with loopback) on its operands."""

    anchors = (sync.NocAsyncWriteMulticastOp, sync.SemaphoreSetMulticastOp)

    def convert(self, op: Any) -> list[Operation]:
        return [call(op.callee, op.operands)]


class ConvertComputeStartup(_KernelOpConversion):
    """`tt.compute_kernel_hw_startup %in0, %in1, %out` -> `compute_kernel_hw_startup(...)`,
    `<SrcOrder::Reverse>` when the kernel multiplies (`KernelFacts.multiplies`)."""

    anchors = (compute.ComputeKernelHwStartupOp,)

    def convert(self, op: Operation) -> list[Operation]:
        template = [EmitC_OpaqueAttr(StringAttr("SrcOrder::Reverse"))] if self.facts.multiplies else None
        return [call("compute_kernel_hw_startup", op.operands, None, None, template)]


class ConvertMatmulInit(_KernelOpConversion):
    """`tt.matmul_init %in0, %in1 [transpose]` -> `matmul_init(in0, in1, 0 or 1)`."""

    anchors = (compute.MatmulInitOp,)

    def convert(self, op: compute.MatmulInitOp) -> list[Operation]:
        transpose = _literal(1 if op.transpose is not None else 0, UINT32)
        return [call("matmul_init", op.operands, [_operand(0), _operand(1), transpose])]


def _block_dims(op: compute.MatmulBlockInitOp | compute.MatmulBlockOp) -> list[Attribute]:
    """The `ct_dim, rt_dim, kt_dim` literals of a matmul_block call."""
    return [_literal(dim.value.data, UINT32) for dim in (op.ct, op.rt, op.kt)]


class ConvertMatmulBlockInit(_KernelOpConversion):
    """`tt.matmul_block_init %in0, %in1 [transpose] ct = W, rt = H, kt = K` ->
    `matmul_block_init(in0, in1, 0 or 1, W, H, K)` (not the deprecated
    `mm_block_init`/`mm_block_init_short`)."""

    anchors = (compute.MatmulBlockInitOp,)

    def convert(self, op: compute.MatmulBlockInitOp) -> list[Operation]:
        transpose = _literal(1 if op.transpose is not None else 0, UINT32)
        return [call("matmul_block_init", op.operands, [_operand(0), _operand(1), transpose, *_block_dims(op)])]


class ConvertMatmulBlock(_KernelOpConversion):
    """`tt.matmul_block %in0, %in1, %t0, %t1, dst = d, ct = W, rt = H, kt = K [transpose]`
    -> `matmul_block(in0, in1, t0, t1, d, 0 or 1, W, H, K)`."""

    anchors = (compute.MatmulBlockOp,)

    def convert(self, op: compute.MatmulBlockOp) -> list[Operation]:
        dst = _literal(op.dst.value.data, UINT32)
        transpose = _literal(1 if op.transpose is not None else 0, UINT32)
        args = [*map(_operand, range(4)), dst, transpose, *_block_dims(op)]
        return [call("matmul_block", op.operands, args)]


class ConvertPackL1Acc(_KernelOpConversion):
    """`tt.pack_l1_acc %enable` -> `pack_reconfig_l1_acc(enable)` (a `bool`, which
    the API's `uint32_t` parameter takes as 0 or 1)."""

    anchors = (compute.PackL1AccOp,)

    def convert(self, op: compute.PackL1AccOp) -> list[Operation]:
        return [call("pack_reconfig_l1_acc", op.operands)]


class ConvertFPUTiles(_KernelOpConversion):
    """`tt.matmul_tiles`, `tt.add/sub/mul_tiles %in0, %in1, %t0, %t1, dst = d` ->
    the call of the same name on (in0, in1, t0, t1, d)."""

    anchors = (compute._FPUTilesOp,)

    def convert(self, op: Any) -> list[Operation]:
        dst = _literal(op.dst.value.data, UINT32)
        return [call(op.name.removeprefix("tt."), op.operands, [*map(_operand, range(4)), dst])]


REDUCE_TEMPLATE_ARGS = {
    PoolType.SUM: "PoolType::SUM",
    PoolType.MAX: "PoolType::MAX",
    ReduceDim.ROW: "ReduceDim::REDUCE_ROW",
    ReduceDim.COL: "ReduceDim::REDUCE_COL",
}


class ConvertReduce(_KernelOpConversion):
    """`tt.reduce_init %in, %scaler, %out <pool> <dim>` and `tt.reduce_tile %in0, %in1,
    %t0, %t1, dst = d <pool> <dim>` -> `reduce_init<PoolType::P, ReduceDim::D>(in,
    scaler, out)` and `reduce_tile<PoolType::P, ReduceDim::D>(in0, in1, t0, t1, d)`.
    Tried before `ConvertFPUTiles`: `reduce_tile` is an FPU tile op too."""

    anchors = (compute.ReduceInitOp, compute.ReduceTileOp)

    def convert(self, op: Any) -> list[Operation]:
        template = [EmitC_OpaqueAttr(StringAttr(REDUCE_TEMPLATE_ARGS[attr.data])) for attr in (op.pool, op.dim)]
        if isinstance(op, compute.ReduceInitOp):
            return [call("reduce_init", op.operands, None, None, template)]
        dst = _literal(op.dst.value.data, UINT32)
        return [call("reduce_tile", op.operands, [*map(_operand, range(4)), dst], None, template)]


class ConvertSFPUBinaryTile(_KernelOpConversion):
    """`tt.binary_<fn>_tile lhs, rhs, dst = d` -> `binary_<fn>_tile(lhs, rhs, d)`."""

    anchors = (compute._SFPUBinaryTileOp,)

    def convert(self, op: Any) -> list[Operation]:
        args = [_literal(index.value.data, UINT32) for index in (op.lhs, op.rhs, op.dst)]
        return [call(op.name.removeprefix("tt."), [], args)]


class ConvertCopyTile(_KernelOpConversion):
    """`tt.copy_tile %cb, %tile, dst = d` -> `copy_tile(cb, tile, d)`."""

    anchors = (compute.CopyTileOp,)

    def convert(self, op: compute.CopyTileOp) -> list[Operation]:
        dst = _literal(op.dst.value.data, UINT32)
        return [call("copy_tile", op.operands, [_operand(0), _operand(1), dst])]


class ConvertPackTile(_KernelOpConversion):
    """`tt.pack_tile dst = d, %cb` -> `pack_tile(d, cb)`; with a tile position,
    `tt.pack_tile dst = d, %cb[%i]` -> `pack_tile<true>(d, cb, i)` (out of order)."""

    anchors = (compute.PackTileOp,)

    def convert(self, op: compute.PackTileOp) -> list[Operation]:
        dst = _literal(op.dst.value.data, UINT32)
        if op.out_tile is None:
            return [call("pack_tile", op.operands, [dst, _operand(0)])]
        return [call("pack_tile", op.operands, [dst, _operand(0), _operand(1)], None, [_literal(1, i1)])]


class ConvertFillTile(_KernelOpConversion):
    """`tt.fill_tile dst = d, value` -> `fill_tile(d, value)`."""

    anchors = (compute.FillTileOp,)

    def convert(self, op: compute.FillTileOp) -> list[Operation]:
        return [call("fill_tile", [], [_literal(op.dst.value.data, UINT32), op.value])]


class ConvertFillTileBitcast(_KernelOpConversion):
    """`tt.fill_tile_bitcast dst = d, bits = b` -> `fill_tile_bitcast(d, 0x...u)`."""

    anchors = (compute.FillTileBitcastOp,)

    def convert(self, op: compute.FillTileBitcastOp) -> list[Operation]:
        dst = _literal(op.dst.value.data, UINT32)
        bits = EmitC_OpaqueAttr(StringAttr(f"0x{op.bits.value.data:08x}u"))
        return [call("fill_tile_bitcast", [], [dst, bits])]


class ConvertSFPUScalarTile(_KernelOpConversion):
    """`tt.<op>_unary_tile dst = d, value` (SFPU op with a scalar) ->
    `<op>_unary_tile(d, bits)`, the scalar as its f32 bit pattern (the API's
    uint32_t parameter). Tried before `ConvertSFPUUnaryTile`: these ops are SFPU
    unary tile ops too."""

    anchors = (compute._SFPUScalarTileOp,)

    def convert(self, op: Any) -> list[Operation]:
        (bits,) = struct.unpack("<I", struct.pack("<f", op.value.value.data))
        dst = _literal(op.dst.value.data, UINT32)
        return [call(op.name.removeprefix("tt."), [], [dst, EmitC_OpaqueAttr(StringAttr(f"0x{bits:08x}u"))])]


class ConvertSFPUUnaryTile(_KernelOpConversion):
    """`tt.<fn>_tile dst = d` (SFPU unary) -> `<fn>_tile(d)`."""

    anchors = (compute._SFPUUnaryTileOp,)

    def convert(self, op: Any) -> list[Operation]:
        return [call(op.name.removeprefix("tt."), [], [_literal(op.dst.value.data, UINT32)])]


class ConvertPlainCalls(_KernelOpConversion):
    """The ops of `PLAIN_CALLS` -> their call in the program's release
    (`KernelFacts.callee`: the mnemonic, or its new name) on their operands."""

    anchors = PLAIN_CALLS

    def convert(self, op: Operation) -> list[Operation]:
        return [call(self.facts.callee(op), op.operands)]


@dataclass(frozen=True)
class RejectOpsWithoutCppForm(RewritePattern):
    """Reads the `tt` ops of the kernel no other pattern converted; writes nothing:
    each is an error (`arith` and `scf` stay for the printer)."""

    facts: KernelFacts

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /) -> None:
        if op.dialect_name() == "tt" and self.facts.owns(op):
            raise op_error(op, "has no C++ form in a kernel")


@dataclass(frozen=True)
class WriteKernelIncludes(RewritePattern):
    """Anchored on the kernel being converted, after its body (the walk visits
    regions first). Reads the callees of its `emitc.call_opaque`s; writes
    `tt.cpp_includes`: the dataflow API for a reader or writer, the sorted headers
    declaring the calls of a compute kernel."""

    facts: KernelFacts

    @op_type_rewrite_pattern
    def match_and_rewrite(self, kernel: KernelOp, rewriter: PatternRewriter, /) -> None:
        if kernel is not self.facts.kernel:
            return
        kernel.attributes[annotations.CPP_INCLUDES] = _includes(kernel)
        rewriter.notify_op_modified(kernel)


def _includes(kernel: KernelOp) -> ArrayAttr:
    callees = [op.callee.data for op in kernel.body.walk() if isinstance(op, EmitC_CallOpaqueOp)]
    if kernel.role.data.is_dataflow:
        headers = [DATAFLOW_API, *([MASK_TILE_HEADER] if MASK_TILE_CALL in callees else [])]
    else:
        headers = sorted({COMPUTE_HEADERS[c] for c in callees if c in COMPUTE_HEADERS})
    return ArrayAttr([StringAttr(h) for h in headers])


KERNEL_PATTERNS: tuple[Callable[[KernelFacts], RewritePattern], ...] = (
    ConvertRuntimeArgReads,
    ConvertCompileTimeArgReads,
    ConvertGetCB,
    ConvertCBProtocol,
    ConvertCBQueries,
    ConvertTensorAccessor,
    ConvertNocPageTransfers,
    ConvertWriteMaskTile,
    ConvertNocBarriers,
    ConvertGetSemaphore,
    ConvertLocalSemaphore,
    ConvertSemaphoreInc,
    ConvertCoreNocAddrs,
    ConvertMulticasts,
    ConvertComputeStartup,
    ConvertMatmulInit,
    ConvertMatmulBlockInit,
    ConvertMatmulBlock,
    ConvertPackL1Acc,
    ConvertReduce,
    ConvertFPUTiles,
    ConvertCopyTile,
    ConvertPackTile,
    ConvertFillTile,
    ConvertFillTileBitcast,
    ConvertSFPUScalarTile,
    ConvertSFPUUnaryTile,
    ConvertSFPUBinaryTile,
    ConvertPlainCalls,
    WriteKernelIncludes,
    RejectOpsWithoutCppForm,
)
"""The patterns of one kernel's conversion, each built on its `KernelFacts`, in the
order they are tried (a scalar SFPU op is an SFPU unary op too; anything `tt` left
over is an error)."""


@dataclass
class _PatternsByOpType(RewritePattern):
    """The patterns in order, as `GreedyRewritePatternApplier` tries them (the first
    that acts wins), but each op tries only those that can act on its type: a
    conversion only if the op is one of its anchors (found once per op type)."""

    patterns: tuple[RewritePattern, ...]
    by_type: dict[type[Operation], tuple[RewritePattern, ...]] = field(default_factory=dict)

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /) -> None:
        candidates = self.by_type.get(type(op))
        if candidates is None:
            candidates = tuple(
                pattern
                for pattern in self.patterns
                if not isinstance(pattern, _KernelOpConversion) or isinstance(op, pattern.anchors)
            )
            self.by_type[type(op)] = candidates
        for pattern in candidates:
            pattern.match_and_rewrite(op, rewriter)
            if rewriter.has_done_action:
                return


def convert_kernel(kernel: KernelOp) -> None:
    """Converts `kernel`'s ops into calls, then writes its includes: one walk of
    `KERNEL_PATTERNS` acting on this kernel only. The walk covers the region of the
    program holding the kernel so that it reaches the `tt.kernel` itself, after its
    body; nothing is erased for being unused (the printer prints every op)."""
    region = kernel.parent_region()
    assert region is not None, "a kernel lives in a tt.program"
    facts = KernelFacts.of(kernel)
    patterns = _PatternsByOpType(tuple(pattern(facts) for pattern in KERNEL_PATTERNS))
    PatternRewriteWalker(patterns, walk_regions_first=True, apply_recursively=False).rewrite_region(region)


def is_converted(kernel: KernelOp) -> bool:
    return annotations.CPP_INCLUDES in kernel.attributes


@dataclass(frozen=True)
class ConvertTTToEmitCPass(ModulePass):
    """Turns every kernel's `tt` ops into EmitC calls of the kernel API."""

    name = "convert-tt-to-emitc"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for program in [p for p in op.walk() if isinstance(p, ProgramOp)]:
            for kernel in program.kernels():
                if not is_converted(kernel):
                    convert_kernel(kernel)

