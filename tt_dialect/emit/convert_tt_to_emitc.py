"""convert-tt-to-emitc: hardware-level kernels become EmitC-style IR.

Reads: `tt.program`s after `tt-lower` (and `tt-verify`): kernels of typed `tt`
ops, `arith` index arithmetic and `scf.for` loops.
Writes, in every kernel body: each `tt` op becomes an `emitc.call_opaque` of
the tt-metal v0.74.0 kernel-API function it stands for (its template and
literal arguments as `template_args`/`args`), `arith` and `scf` stay (the C++
printer prints them as expressions and `for` loops), and the kernel gets
`tt.cpp_includes`, the `api/...` headers of the calls it makes. The program's
attributes are untouched: the host program and `tt.plan.json` are printed from
them.

Every decision about the C++ is made here, so the printer stays a dumb walk:
- CB ids are compile-time arguments: `tt.get_cb N` becomes
  `get_compile_time_arg_val(k)` at the position of CB N in the kernel's
  compile-time-argument layout (`tt-finalize-runtime-args`);
- an accessor becomes `TensorAccessorArgs<cta_offset>()` and
  `TensorAccessor(args, base_addr, page_size)`;
- runtime arguments are `get_arg_val<uint32_t>(i)` by schema position;
- no deprecated call: pages move with `noc_async_read_page`/`noc_async_write_page`
  and matmul starts with `compute_kernel_hw_startup<SrcOrder::Reverse>` then
  `matmul_init`.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

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
from xdsl.dialects.emitc import EmitC_CallOpaqueOp, EmitC_OpaqueAttr, EmitC_OpaqueType
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import Rewriter

from tt_dialect.diagnostics import op_error
from tt_dialect.ops import args as args_ops
from tt_dialect.ops import cb as cb_ops
from tt_dialect.ops import compute, dataflow
from tt_dialect.ops.program import KernelOp, ProgramOp
from tt_dialect.transforms.finalize_runtime_args import CompileTimeArgKind, compile_time_args_layout

INCLUDES_ATTR = "tt.cpp_includes"
"""Kernel attribute: the headers its C++ includes, in order."""

UINT32 = IntegerType(32, Signedness.UNSIGNED)
ACCESSOR_ARGS = EmitC_OpaqueType(StringAttr("TensorAccessorArgs"))
ACCESSOR = EmitC_OpaqueType(StringAttr("TensorAccessor"))

DATAFLOW_API = "api/dataflow/dataflow_api.h"
COMPUTE_HEADERS: dict[str, str] = {
    "compute_kernel_hw_startup": "api/compute/compute_kernel_hw_startup.h",
    "matmul_init": "api/compute/matmul.h",
    "matmul_tiles": "api/compute/matmul.h",
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
    "binop_with_scalar_tile_init": "api/compute/eltwise_unary/binop_with_scalar.h",
    **{op.name.removeprefix("tt."): "api/compute/eltwise_unary/binop_with_scalar.h" for op in compute.SFPU_SCALAR_OPS},
}
"""Header declaring each compute-kernel call at v0.74.0."""


PLAIN_CALLS = (
    compute.TileRegsAcquireOp,
    compute.TileRegsCommitOp,
    compute.TileRegsWaitOp,
    compute.TileRegsReleaseOp,
    compute._SFPUUnaryInitOp,
    compute._BinaryTilesInitOp,
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


@dataclass
class _KernelConversion:
    kernel: KernelOp
    cb_position: dict[int, int]
    """CB index -> its compile-time argument position."""
    matmul: bool
    """The kernel multiplies: its hardware start-up reverses the source order."""

    def convert(self, op: Operation) -> Operation | None:
        """The call replacing `op`, or None to leave it (arith, scf)."""
        operands = list(op.operands)
        match op:
            case args_ops.GetArgValOp():
                return call("get_arg_val", [], [_literal(op.index.value.data)], i32, [UINT32])
            case args_ops.GetCommonArgValOp():
                return call("get_common_arg_val", [], [_literal(op.index.value.data)], i32, [UINT32])
            case args_ops.GetCompileTimeArgValOp():
                return call("get_compile_time_arg_val", [], [_literal(op.index.value.data)], i32)
            case cb_ops.GetCBOp():
                index = op.index.value.data
                if index not in self.cb_position:
                    raise op_error(op, f"CB {index} has no compile-time argument; run tt-finalize-runtime-args")
                return call("get_compile_time_arg_val", [], [_literal(self.cb_position[index])], i32)
            case cb_ops.CBReserveBackOp() | cb_ops.CBPushBackOp() | cb_ops.CBWaitFrontOp() | cb_ops.CBPopFrontOp():
                return call(op.name.removeprefix("tt."), operands, [_operand(0), _literal(op.num_pages.value.data)])
            case cb_ops.GetWritePtrOp() | cb_ops.GetReadPtrOp() | cb_ops.GetTileSizeOp():
                return call(op.name.removeprefix("tt."), operands, None, i32)
            case dataflow.TensorAccessorOp():
                return None  # expanded in `_accessor`
            case dataflow.NocAsyncReadPageOp() | dataflow.NocAsyncWritePageOp():
                return call(op.name.removeprefix("tt."), operands)
            case dataflow.NocAsyncReadBarrierOp() | dataflow.NocAsyncWriteBarrierOp():
                return call(op.name.removeprefix("tt."), [])
            case compute.ComputeKernelHwStartupOp():
                template = [EmitC_OpaqueAttr(StringAttr("SrcOrder::Reverse"))] if self.matmul else None
                return call("compute_kernel_hw_startup", operands, None, None, template)
            case compute.MatmulInitOp():
                transpose = _literal(1 if op.transpose is not None else 0, UINT32)
                return call("matmul_init", operands, [_operand(0), _operand(1), transpose])
            case compute._FPUTilesOp():
                dst = _literal(op.dst.value.data, UINT32)
                return call(op.name.removeprefix("tt."), operands, [*map(_operand, range(4)), dst])
            case compute.CopyTileOp():
                dst = _literal(op.dst.value.data, UINT32)
                return call("copy_tile", operands, [_operand(0), _operand(1), dst])
            case compute.PackTileOp():
                dst = _literal(op.dst.value.data, UINT32)
                if op.out_tile is None:
                    return call("pack_tile", operands, [dst, _operand(0)])
                return call("pack_tile", operands, [dst, _operand(0), _operand(1)], None, [_literal(1, i1)])
            case compute.FillTileOp():
                dst = _literal(op.dst.value.data, UINT32)
                return call("fill_tile", [], [dst, op.value])
            case compute._SFPUScalarTileOp():
                # The scalar goes as its f32 bit pattern (the API's uint32_t parameter).
                (bits,) = struct.unpack("<I", struct.pack("<f", op.value.value.data))
                dst = _literal(op.dst.value.data, UINT32)
                return call(op.name.removeprefix("tt."), [], [dst, EmitC_OpaqueAttr(StringAttr(f"0x{bits:08x}u"))])
            case compute._SFPUUnaryTileOp():
                return call(op.name.removeprefix("tt."), [], [_literal(op.dst.value.data, UINT32)])
            case _ if isinstance(op, PLAIN_CALLS):
                return call(op.name.removeprefix("tt."), operands)
            case _ if op.dialect_name() == "tt":
                raise op_error(op, "has no C++ form in a kernel")
            case _:
                return None

    def accessor(self, op: dataflow.TensorAccessorOp) -> list[Operation]:
        args = call("TensorAccessorArgs", [], [], ACCESSOR_ARGS, [_literal(op.cta_offset.value.data, UINT32)])
        args.res[0].name_hint = f"{op.result.name_hint}_args" if op.result.name_hint else None
        accessor = call(
            "TensorAccessor",
            [args.res[0], op.base_addr],
            [_operand(0), _operand(1), _literal(op.page_size.value.data, UINT32)],
            ACCESSOR,
        )
        return [args, accessor]


def _includes(kernel: KernelOp) -> ArrayAttr:
    callees = [op.callee.data for op in kernel.body.walk() if isinstance(op, EmitC_CallOpaqueOp)]
    if kernel.role.data.is_dataflow:
        headers = [DATAFLOW_API]
    else:
        headers = sorted({COMPUTE_HEADERS[c] for c in callees if c in COMPUTE_HEADERS})
    return ArrayAttr([StringAttr(h) for h in headers])


def convert_kernel(kernel: KernelOp) -> None:
    layout = compile_time_args_layout(kernel)
    positions = {w.index: i for i, w in enumerate(layout) if w.kind is CompileTimeArgKind.CB}
    matmul = any(isinstance(op, compute.MatmulTilesOp) for op in kernel.body.walk())
    conversion = _KernelConversion(kernel, positions, matmul)
    for op in list(kernel.body.walk()):
        if isinstance(op, dataflow.TensorAccessorOp):
            new_ops = conversion.accessor(op)
        else:
            replacement = conversion.convert(op)
            if replacement is None:
                continue
            new_ops = [replacement]
        results = new_ops[-1].results
        for old, new in zip(op.results, results):
            new.name_hint = old.name_hint
        for new in new_ops:
            new.location = op.location
        Rewriter.replace_op(op, new_ops, list(results))
    kernel.attributes[INCLUDES_ATTR] = _includes(kernel)


def is_converted(kernel: KernelOp) -> bool:
    return INCLUDES_ATTR in kernel.attributes


@dataclass(frozen=True)
class ConvertTTToEmitCPass(ModulePass):
    """Turns every kernel's `tt` ops into EmitC calls of the kernel API."""

    name = "convert-tt-to-emitc"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for program in [p for p in op.walk() if isinstance(p, ProgramOp)]:
            for kernel in program.kernels():
                if not is_converted(kernel):
                    convert_kernel(kernel)

