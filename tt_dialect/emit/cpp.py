"""Prints a converted kernel (`convert-tt-to-emitc`) as a tt-metal C++ kernel file.

A dumb walk on `match`: every decision (which function, which template and
literal arguments, which headers) is already in the IR. The printer only names
values, inlines constants, declares each call result and index computation as a
`const` local (`arith.minui` / `arith.maxui` as a conditional expression), turns
`scf.for` into a `for` loop over `uint32_t` and `scf.if` into an `if`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from xdsl.dialects import arith, scf
from xdsl.dialects.builtin import ArrayAttr, FloatAttr, IndexType, IntAttr, IntegerAttr, IntegerType, StringAttr
from xdsl.dialects.emitc import EmitC_CallOpaqueOp, EmitC_OpaqueAttr, EmitC_OpaqueType, EmitC_PointerType
from xdsl.ir import Attribute, Block, Operation, SSAValue

from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.ops.program import KernelOp

CPP_KEYWORDS = frozenset(
    "alignas alignof and asm auto bool break case catch char class const constexpr continue "
    "default delete do double else enum explicit extern false float for friend goto if inline "
    "int long mutable namespace new noexcept not nullptr operator or private protected public "
    "register return short signed sizeof static struct switch template this throw true try "
    "typedef typename union unsigned using virtual void volatile while xor".split()
)

BINARY_OPERATORS: dict[type[Operation], str] = {
    arith.AddiOp: "+",
    arith.SubiOp: "-",
    arith.MuliOp: "*",
    arith.DivUIOp: "/",
    arith.RemUIOp: "%",
}

UNSIGNED_COMPARISONS: dict[str, str] = {
    "eq": "==",
    "ne": "!=",
    "ult": "<",
    "ule": "<=",
    "ugt": ">",
    "uge": ">=",
}
"""`arith.cmpi` predicates on the kernel's `uint32_t` values (the signed ones have no
faithful form on them), e.g. the `bool` of `tt.pack_l1_acc`."""

COMPILE_TIME_CALLS = frozenset({"get_compile_time_arg_val", "TensorAccessorArgs"})
"""Calls whose result is a compile-time constant: declared `constexpr`."""


def _c_type(type_: Attribute) -> str:
    match type_:
        case IndexType() | IntegerType(width=IntAttr(data=32)):
            return "uint32_t"
        case IntegerType(width=IntAttr(data=64)):
            return "uint64_t"
        case IntegerType(width=IntAttr(data=1)):
            return "bool"
        case EmitC_OpaqueType() | EmitC_PointerType():
            return "auto"
        case _:
            raise ValueError(f"no C++ type for {type_}")


def _float_literal(value: float) -> str:
    """A C++ `float` literal: the shortest decimal that reads back as `value`."""
    if math.isnan(value):
        return "__builtin_nanf(\"\")"
    if math.isinf(value):
        return "__builtin_inff()" if value > 0 else "-__builtin_inff()"
    return f"{value!r}f"


def _literal(attr: Attribute) -> str:
    match attr:
        case IntegerAttr(type=IntegerType(width=IntAttr(data=1))):
            return "true" if attr.value.data else "false"
        case IntegerAttr():
            return str(attr.value.data)
        case FloatAttr():
            return _float_literal(attr.value.data)
        case EmitC_OpaqueAttr(value=StringAttr(data=text)):
            return text
        case EmitC_PointerType(pointee_type=EmitC_OpaqueType(value=StringAttr(data=text))):
            return f"{text}*"
        case IntegerType():
            return "uint32_t" if attr.width.data == 32 else f"uint{attr.width.data}_t"
        case _:
            raise ValueError(f"no C++ literal for {attr}")


@dataclass
class KernelPrinter:
    kernel: KernelOp
    lines: list[str] = field(default_factory=list)
    names: dict[SSAValue, str] = field(default_factory=dict)
    inlined: dict[SSAValue, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    depth: int = 1

    def text(self) -> str:
        includes = self.kernel.attributes.get(annotations.CPP_INCLUDES)
        if not isinstance(includes, ArrayAttr):
            raise op_error(self.kernel, "is not converted to EmitC; run convert-tt-to-emitc")
        head = [
            f"// {self.kernel.role.data.value} kernel of a tt-dialect program "
            f"(tt-metal v{self.kernel.metal_api.release} kernel API).",
            "#include <cstdint>",
            *(f'#include "{header.data}"' for header in includes.data),
            "",
            "void kernel_main() {",
        ]
        self.block(self.kernel.body.block)
        return "\n".join([*head, *self.lines, "}", ""])

    # ------------------------------------------------------------------ values

    def name(self, value: SSAValue) -> str:
        if value in self.inlined:
            return self.inlined[value]
        if value not in self.names:
            base = re.sub(r"[^A-Za-z0-9_]", "_", value.name_hint or "v")
            if base[0].isdigit() or base in CPP_KEYWORDS:
                base = f"v_{base}"
            candidate, suffix = base, 1
            while candidate in self.taken:
                candidate, suffix = f"{base}_{suffix}", suffix + 1
            self.taken.add(candidate)
            self.names[value] = candidate
        return self.names[value]

    def emit(self, line: str) -> None:
        self.lines.append("  " * self.depth + line)

    def declare(self, value: SSAValue, expression: str, constexpr: bool = False) -> None:
        keyword = "constexpr" if constexpr else "const"
        self.emit(f"{keyword} {_c_type(value.type)} {self.name(value)} = {expression};")

    # ------------------------------------------------------------------ ops

    def block(self, block: Block) -> None:
        for op in block.ops:
            self.op(op)

    def nested(self, block: Block) -> None:
        self.depth += 1
        self.block(block)
        self.depth -= 1

    def op(self, op: Operation) -> None:
        match op:
            case arith.ConstantOp(value=IntegerAttr() as value):
                self.inlined[op.result] = _literal(value)
            case arith.IndexCastOp():
                self.inlined[op.result] = self.name(op.input)
            case EmitC_CallOpaqueOp():
                self.call(op)
            case scf.ForOp():
                iv = op.body.block.args[0]
                i = self.name(iv)
                self.emit(
                    f"for (uint32_t {i} = {self.name(op.lb)}; {i} < {self.name(op.ub)}; "
                    f"{i} += {self.name(op.step)}) {{"
                )
                self.nested(op.body.block)
                self.emit("}")
            case scf.IfOp():
                if op.results:
                    raise op_error(op, "yields values; only an scf.if without results has a C++ form")
                self.emit(f"if ({self.name(op.cond)}) {{")
                self.nested(op.true_region.block)
                if op.false_region.blocks and any(
                    not isinstance(inner, scf.YieldOp) for inner in op.false_region.block.ops
                ):
                    self.emit("} else {")
                    self.nested(op.false_region.block)
                self.emit("}")
            case scf.YieldOp():
                pass
            case arith.CmpiOp():
                predicate = arith.CMPI_COMPARISON_OPERATIONS[op.predicate.value.data]
                if predicate not in UNSIGNED_COMPARISONS:
                    raise op_error(op, f"compares with '{predicate}'; kernel values are uint32_t, use an unsigned predicate")
                self.declare(
                    op.result, f"{self.name(op.lhs)} {UNSIGNED_COMPARISONS[predicate]} {self.name(op.rhs)}"
                )
            case arith.MinUIOp() | arith.MaxUIOp():
                lhs, rhs = (self.name(v) for v in op.operands)
                compare = "<" if isinstance(op, arith.MinUIOp) else ">"
                self.declare(op.results[0], f"{lhs} {compare} {rhs} ? {lhs} : {rhs}")
            case _ if type(op) in BINARY_OPERATORS:
                lhs, rhs = op.operands
                self.declare(op.results[0], f"{self.name(lhs)} {BINARY_OPERATORS[type(op)]} {self.name(rhs)}")
            case _:
                raise op_error(op, "has no C++ form; kernels must be converted with convert-tt-to-emitc")

    def call(self, op: EmitC_CallOpaqueOp) -> None:
        callee = op.callee.data
        if op.template_args is not None:
            callee += "<" + ", ".join(_literal(a) for a in op.template_args.data) + ">"
        if op.args is None:
            arguments = [self.name(v) for v in op.call_args]
        else:
            arguments = [
                self.name(op.call_args[a.value.data])
                if isinstance(a, IntegerAttr) and isinstance(a.type, IndexType)
                else _literal(a)
                for a in op.args.data
            ]
        expression = f"{callee}({', '.join(arguments)})"
        if not op.res:
            self.emit(f"{expression};")
            return
        self.declare(op.res[0], expression, constexpr=op.callee.data in COMPILE_TIME_CALLS)


def kernel_includes(kernel: KernelOp) -> tuple[str, ...]:
    """The headers a converted kernel includes, in order."""
    includes = kernel.attributes.get(annotations.CPP_INCLUDES)
    if not isinstance(includes, ArrayAttr):
        raise op_error(kernel, "is not converted to EmitC; run convert-tt-to-emitc")
    return tuple(header.data for header in includes.data)


def kernel_cpp(kernel: KernelOp) -> str:
    return KernelPrinter(kernel).text()
