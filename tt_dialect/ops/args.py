"""Argument ops: the 32-bit words a kernel reads from the host.

- per-core runtime args (`get_arg_val<uint32_t>(i)`), set per core by
  `SetRuntimeArgs`; entry i is described by the kernel's `runtime_args` schema;
- common runtime args (`get_common_arg_val<uint32_t>(i)`), one list shared by all
  cores of the kernel (`SetCommonRuntimeArgs`);
- compile-time args (`get_compile_time_arg_val(i)`), baked into the kernel
  binary (CB ids, `TensorAccessorArgs`).
All are `uint32_t` (`i32` here) and legal in every kernel role.
"""

from __future__ import annotations

from abc import ABC
from typing import ClassVar

from xdsl.dialects.builtin import IntegerAttr, i32
from xdsl.irdl import IRDLOperation, irdl_op_definition, prop_def, result_def, traits_def
from xdsl.traits import Pure
from xdsl.utils.exceptions import VerifyException

from tt_dialect.ops.attributes import RuntimeArgAttr
from tt_dialect.ops.base import I32Prop, enclosing_kernel


class _ArgValOp(IRDLOperation, ABC):
    """Base of the argument reads: a static index and an `i32` result."""

    KIND: ClassVar[str]
    """What the index names, for messages ("runtime argument", ...)."""

    index = prop_def(I32Prop)
    result = result_def(i32)

    traits = traits_def(Pure())
    assembly_format = "$index attr-dict `:` type($result)"

    def __init__(self, index: int):
        super().__init__(properties={"index": IntegerAttr(index, i32)}, result_types=[i32])

    def verify_(self) -> None:
        index = self.index.value.data
        if index < 0:
            raise VerifyException(f"{self.KIND} index must be non-negative, got {index}")


@irdl_op_definition
class GetArgValOp(_ArgValOp):
    """`%v = tt.get_arg_val 0 : i32`: reads this core's per-core runtime argument
    `index` (`get_arg_val<uint32_t>(index)`) from the args the host wrote into
    the core's L1 before launch. Inside a `tt.kernel` the index must name an
    entry of the kernel's `runtime_args` schema."""

    name = "tt.get_arg_val"
    KIND: ClassVar[str] = "runtime argument"

    def schema_entry(self) -> RuntimeArgAttr | None:
        """The entry of the enclosing kernel's schema this op reads; None outside a
        kernel or when the index is out of range (which the verifier reports)."""
        kernel = enclosing_kernel(self)
        entries = kernel.runtime_args.args.data if kernel is not None else ()
        index = self.index.value.data
        return entries[index] if 0 <= index < len(entries) else None

    def verify_(self) -> None:
        super().verify_()
        kernel = enclosing_kernel(self)
        if kernel is None:
            return
        index = self.index.value.data
        count = len(kernel.runtime_args.args.data)
        if index >= count:
            noun = "runtime argument" if count == 1 else "runtime arguments"
            raise VerifyException(
                f"runtime argument {index} is out of range: kernel "
                f"@{kernel.sym_name.data} declares {count} {noun}"
            )


@irdl_op_definition
class GetCommonArgValOp(_ArgValOp):
    """`%v = tt.get_common_arg_val 0 : i32`: reads common runtime argument `index`
    (`get_common_arg_val<uint32_t>(index)`), one list shared by every core of
    the kernel."""

    name = "tt.get_common_arg_val"
    KIND: ClassVar[str] = "common runtime argument"


@irdl_op_definition
class GetCompileTimeArgValOp(_ArgValOp):
    """`%v = tt.get_compile_time_arg_val 0 : i32`: compile-time argument `index`
    (`get_compile_time_arg_val(index)`), a `constexpr` baked into the kernel
    binary when the host compiles it."""

    name = "tt.get_compile_time_arg_val"
    KIND: ClassVar[str] = "compile-time argument"


OPS = [GetArgValOp, GetCommonArgValOp, GetCompileTimeArgValOp]
