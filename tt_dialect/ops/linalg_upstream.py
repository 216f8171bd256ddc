"""Upstream linalg constructs xDSL 0.74.0 lacks, as other MLIR flows hand them over.

MLIR (LLVM 24, as in `iree-base-compiler` 3.13) writes named elementwise ops as
`linalg.elementwise` with a `#linalg.elementwise_kind<...>` (`linalg.add` and its
siblings are gone upstream), and batched matmuls as `linalg.batch_matmul`; xDSL 0.74.0
knows neither. They are defined here with upstream's names, operands and properties,
so their **generic form** (`iree-opt --mlir-print-op-generic`, or
`op.get_asm(print_generic_op_form=True)` from the upstream Python bindings) parses:

    %r = "linalg.elementwise"(%x, %y, %e) <{indexing_maps = [#id, #id, #id],
           kind = #linalg.elementwise_kind<add>, operandSegmentSizes = array<i32: 2, 1>}>
           ({ ^bb0(...): ... }) : (...) -> tensor<...>
    %c = "linalg.batch_matmul"(%a, %b, %f) <{indexing_maps = [...],
           operandSegmentSizes = array<i32: 2, 1>}> ({ ... }) : (...) -> tensor<...>

`linalg.batch_matmul` also has upstream's custom form
(`linalg.batch_matmul ins(%a, %b : ...) outs(%c : ...) -> tensor<...>`), with
non-default maps written `indexing_maps = [...]` in front, as upstream prints them.
`linalg.elementwise` has only the generic form here.

They are not part of the `tt` dialect: the dialect name `linalg` belongs to xDSL, so
`load_upstream_linalg(ctx)` adds the ops and the attribute to a context one by one
(`tt_dialect.api.make_context` and `tt-opt` do).
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.context import Context
from xdsl.dialects import arith
from xdsl.dialects.builtin import (
    AffineMapAttr,
    AnyFloat,
    ArrayAttr,
    ShapedType,
    StringAttr,
)
from xdsl.dialects.linalg.abstract_ops import LinalgStructuredOperation, NamedOperation
from xdsl.dialects.linalg.ops import YieldOp
from xdsl.dialects.linalg import IteratorTypeAttr
from xdsl.builder import Builder
from xdsl.ir import Attribute, BlockArgument, ParametrizedAttribute, Region, SSAValue
from xdsl.ir.affine import AffineMap
from xdsl.irdl import (
    AttrSizedOperandSegments,
    irdl_attr_definition,
    irdl_op_definition,
    opt_prop_def,
    prop_def,
    region_def,
    var_operand_def,
    var_result_def,
)
from xdsl.parser import AttrParser, Parser
from xdsl.printer import Printer
from xdsl.utils.exceptions import VerifyException

ELEMENTWISE_KINDS = (
    "exp", "log", "abs", "ceil", "floor", "negf", "reciprocal", "round", "sqrt", "rsqrt",
    "square", "tanh", "erf", "add", "sub", "mul", "div", "div_unsigned", "max_signed",
    "min_signed", "max_unsigned", "min_unsigned", "powf", "select",
)
"""Upstream's `ElementwiseKind` enumerants (mlir/Dialect/Linalg/IR/LinalgEnums.td)."""


@irdl_attr_definition
class ElementwiseKindAttr(ParametrizedAttribute):
    """`#linalg.elementwise_kind<add>`: what a `linalg.elementwise` computes."""

    name = "linalg.elementwise_kind"

    kind: StringAttr

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        parser.parse_punctuation("<")
        kind = parser.parse_identifier()
        parser.parse_punctuation(">")
        return (StringAttr(kind),)

    def print_parameters(self, printer: Printer) -> None:
        printer.print_string(f"<{self.kind.data}>")

    def verify(self) -> None:
        if self.kind.data not in ELEMENTWISE_KINDS:
            raise VerifyException(
                f"unknown elementwise kind '{self.kind.data}'; upstream's kinds are "
                f"{', '.join(ELEMENTWISE_KINDS)}"
            )


@irdl_op_definition
class ElementwiseOp(LinalgStructuredOperation):
    """Upstream's `linalg.elementwise`: `kind` applied elementwise to the inputs,
    written to the one output. Generic form only (see the module docstring)."""

    name = "linalg.elementwise"

    inputs = var_operand_def()
    outputs = var_operand_def(ShapedType)
    res = var_result_def()
    kind = prop_def(ElementwiseKindAttr)
    indexing_maps = opt_prop_def(ArrayAttr[AffineMapAttr])
    body = region_def("single_block")

    irdl_options = (AttrSizedOperandSegments(as_property=True),)

    def _rank(self) -> int:
        if not self.outputs:
            return 0
        type_ = self.outputs[0].type
        return len(type_.get_shape()) if isinstance(type_, ShapedType) else 0

    def get_indexing_maps(self) -> ArrayAttr[AffineMapAttr]:
        if self.indexing_maps is not None:
            return self.indexing_maps
        identity = AffineMapAttr(AffineMap.identity(self._rank()))
        return ArrayAttr([identity] * len(self.operands))

    def get_iterator_types(self) -> ArrayAttr[IteratorTypeAttr]:
        return ArrayAttr([IteratorTypeAttr.parallel()] * self._rank())

    @classmethod
    def parse(cls, parser: Parser) -> ElementwiseOp:
        parser.raise_error(
            "linalg.elementwise is read in its generic form only "
            '("linalg.elementwise"(...) <{kind = #linalg.elementwise_kind<...>, ...}>); '
            "print it with iree-opt --mlir-print-op-generic"
        )


_BATCH_MATMUL_MAPS = ArrayAttr(
    [
        AffineMapAttr(AffineMap.from_callable(lambda b, m, n, k: (b, m, k))),
        AffineMapAttr(AffineMap.from_callable(lambda b, m, n, k: (b, k, n))),
        AffineMapAttr(AffineMap.from_callable(lambda b, m, n, k: (b, m, n))),
    ]
)


@irdl_op_definition
class BatchMatmulOp(NamedOperation):
    """Upstream's `linalg.batch_matmul`: C[b, m, n] += A[b, m, k] * B[b, k, n]."""

    name = "linalg.batch_matmul"

    indexing_maps = prop_def(ArrayAttr[AffineMapAttr], default_value=_BATCH_MATMUL_MAPS)

    @classmethod
    def get_hidden_region(cls, inputs: Sequence[SSAValue], outputs: Sequence[SSAValue]) -> Region:
        arg_types = cls.body_arg_types((*inputs, *outputs))
        add, mul = (
            (arith.AddfOp, arith.MulfOp)
            if isinstance(arg_types[-1], AnyFloat)
            else (arith.AddiOp, arith.MuliOp)
        )

        out = arg_types[-1]

        @Builder.implicit_region(arg_types)
        def hidden_region(args: tuple[BlockArgument, ...]) -> None:
            # Upstream widens the inputs to the accumulator's type first (bf16 x bf16 -> f32).
            a, b = (
                arith.ExtFOp(arg, out).result
                if isinstance(out, AnyFloat) and arg.type != out
                else arg
                for arg in args[:2]
            )
            YieldOp(add(mul(a, b), args[2]))

        return hidden_region

    def get_default_indexing_maps(self) -> Sequence[AffineMap]:
        return tuple(m.data for m in self.indexing_maps.data)

    def get_indexing_maps(self) -> ArrayAttr[AffineMapAttr]:
        return self.indexing_maps

    def get_iterator_types(self) -> ArrayAttr[IteratorTypeAttr]:
        parallel, reduction = IteratorTypeAttr.parallel(), IteratorTypeAttr.reduction()
        return ArrayAttr([parallel, parallel, parallel, reduction])

    @classmethod
    def parse(cls, parser: Parser) -> BatchMatmulOp:
        maps = None
        if parser.parse_optional_keyword("indexing_maps"):
            parser.parse_punctuation("=")
            maps = parser.parse_attribute()
        op = super().parse(parser)
        if maps is not None:
            op.properties["indexing_maps"] = maps
        return op

    def print(self, printer: Printer) -> None:
        if self.indexing_maps != _BATCH_MATMUL_MAPS:
            printer.print_string(" indexing_maps = ")
            printer.print_attribute(self.indexing_maps)
        super().print(printer)


OPS = (ElementwiseOp, BatchMatmulOp)
ATTRIBUTES = (ElementwiseKindAttr,)


def load_upstream_linalg(ctx: Context) -> None:
    """Adds the ops and attributes of this module to `ctx` (once; later calls do nothing)."""
    loaded = {op.name for op in ctx.loaded_ops}
    for op in OPS:
        if op.name not in loaded:
            ctx.load_op(op)
    known = {attr.name for attr in ctx.loaded_attrs}
    for attr in ATTRIBUTES:
        if attr.name not in known:
            ctx.load_attr_or_type(attr)
