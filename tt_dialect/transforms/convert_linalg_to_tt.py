"""convert-linalg-to-tt: linalg on memrefs, as other MLIR flows hand it over,
becomes a tile program.

Reads: `func.func`s whose body is a sequence of linalg ops on the function's
memref arguments (plus `arith.constant`s and `func.return`), in destination form:
results written into arguments, nothing returned. Functions on tensors or returning
allocations (other MLIR flows, upstream bufferization) get there through
`linalg-tensors-to-memrefs` first:
`tt-opt -p 'linalg-tensors-to-memrefs,convert-linalg-to-tt,tt-pipeline'`. Functions
without linalg ops are left alone. A converted function is exactly one of:
- an elementwise op on 2-D memrefs, `Z = op(X, Y)` or `Z = op(X)`:
  `linalg.add/sub/mul`, `linalg.exp/log/sqrt`, upstream's `linalg.elementwise` of kind
  add/sub/mul/exp/log/sqrt/rsqrt/tanh (by its `#linalg.elementwise_kind`, identity
  maps), or a `linalg.generic` with
  identity indexing maps, two parallel iterators and a body that is one op:
  `arith.addf/subf/mulf` of the two inputs (`tt.add/sub/mul`),
  `arith.addf/subf/mulf/divf` of the input and an `arith.constant`
  (`tt.add/sub/rsub/mul/div_scalar`), `math.exp/exp2/log/sqrt/rsqrt/tanh` of the input, or
  `arith.maximumf`/`arith.maxnumf` of the input and 0.0 (relu). A unary
  generic may instead read its output (no inputs, in place);
- a matmul, `linalg.fill ins(0.0) outs(%C)` immediately followed by
  `linalg.matmul ins(%A, %B) outs(%C)` on 2-D memrefs, with the default indexing maps
  or with B transposed (`indexing_maps` C[m, n] += A[m, k] * B[n, k]: B is N x K and
  the gemm gets `transpose_b`, as TileLang's `T.gemm(..., transpose_B=True)`; A
  transposed has no Tensix form and is refused).
  linalg.matmul accumulates, C += A * B; the tile program computes C = A * B, so
  the zero fill is required and replaced by `tt.clear` of the accumulator;
- that matmul followed by a unary elementwise op (relu, exp, log, sqrt, tanh or
  an op with a constant, e.g. `alpha * C`) reading and writing `%C` in place,
  fused into the gemm epilogue (`tt.relu %c to %c` on the f32 fragment before
  the store). The epilogue then runs on the f32 accumulator, not on the value
  rounded to C's element type (exact for relu);
- a batched matmul, the zero fill and `linalg.batch_matmul` (default maps) on 3-D
  memrefs A (B x M x K), B (B x K x N), C (B x M x N): the batch is folded into the
  launch grid's y axis, which runs over (batch, row block), and into the rows of each
  tensor: its argument becomes (B * R) x C, the same row-major bytes, with
  `tt.batch_shape = array<i64: B, R, C>` recording the 3-D shape. A and C blocks are
  then at row `by * block-m`; B's rows of batch `by / (M / block-m)` (an `arith.divui`
  that `index_bounds` bounds) start at `batch * K`. No epilogue.

Writes: the function body becomes one `tt.launch_grid` in the form of
`examples/gemm/gemm.mlir` (one `block-m` x `block-n` output block per grid point,
bf16/f32 operands staged in `block-m` x `block-k` and `block-k` x `block-n`
(`block-n` x `block-k` for a transposed B) shared buffers, an f32 fragment cleared and
accumulated over an `scf.for` K loop with `#tt.pipeline<stages = 2>`, then stored) or
`examples/elementwise/add.mlir` (one `block-m` x `block-n` block of every operand per
grid point). The arguments stay in order (a batched matmul's retyped in place), so
tensor N of the artifacts is argument N.

Blocks are clipped to the tensor (a 64x64 matmul uses 64x64 blocks with the
defaults). Every dimension must be static, a multiple of the 32-element tile
and divisible by its (clipped) block; element types bf16 or f32.

**How it runs.** One rewrite pattern, `LinalgToTileProgram`, anchored on
`func.func` and applied by a `PatternRewriteWalker`: the conversion is per
function, not per linalg op. A function holds one linalg computation (one
elementwise op, or a zero fill, a matmul and an optional epilogue) and becomes
one tile program, and which program it becomes is decided by the whole sequence
of linalg ops in its body (a fill is the start of a gemm only if a matmul on its
output follows; an elementwise op after a matmul is its epilogue). Every check
runs before any change; the new `tt.launch_grid` is built apart, inserted and
the linalg ops erased through the rewriter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import arith, func, math, scf
from xdsl.dialects.builtin import (
    AffineMapAttr,
    ArrayAttr,
    BFloat16Type,
    DenseArrayBase,
    DictionaryAttr,
    FunctionType,
    Float32Type,
    FloatAttr,
    IndexType,
    MemRefType,
    ModuleOp,
    NoneAttr,
    i64,
)
from xdsl.dialects.linalg import ops as linalg
from xdsl.dialects.linalg.abstract_ops import LinalgStructuredOperation
from xdsl.ir import Block, BlockArgument, Operation, Region, SSAValue
from xdsl.ir.affine import AffineMap
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)
from xdsl.rewriter import InsertPoint

from tt_dialect.device import TILE_ROWS
from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations
from tt_dialect.ops.attributes import PipelineAttr
from tt_dialect.ops.tile_program import (
    AddOp,
    AddScalarOp,
    AllocFragmentOp,
    AllocSharedOp,
    ClearOp,
    CopyOp,
    DivScalarOp,
    ExpOp,
    GemmOp,
    LaunchGridOp,
    LogOp,
    MulOp,
    MulScalarOp,
    ReluOp,
    RsubScalarOp,
    SqrtOp,
    RsqrtOp,
    Exp2Op,
    SubOp,
    SubScalarOp,
    TanhOp,
    _UnaryOp,
)
from tt_dialect.ir_builder import IndexEmitter, located
from tt_dialect.ops.linalg_upstream import BatchMatmulOp, ElementwiseOp

SUPPORTED = (
    "supported: linalg.matmul (after a linalg.fill of 0.0 on its output), "
    "linalg.add/sub/mul/exp/log/sqrt, and linalg.generic with identity indexing maps, "
    "parallel iterators and one arith or math op in the body (see the pass documentation)"
)

SUPPORTED_BODIES = (
    "supported bodies: arith.addf/subf/mulf of the two inputs; arith.addf/subf/mulf/divf of "
    "the input and an arith.constant; math.exp/exp2/log/sqrt/rsqrt/tanh of the input; "
    "arith.maximumf/maxnumf of the input and 0.0 (relu)"
)

ONE_PROGRAM = (
    "convert-linalg-to-tt converts one linalg op per function, or a linalg.fill of 0.0 "
    "and a linalg.matmul with an optional unary epilogue on the matmul's output"
)

PIPELINE_STAGES = 2
"""`#tt.pipeline<stages = N>` on the K loop, as TileLang's `T.Pipelined(..., num_stages=2)`."""

_NAMED_BINARY = {linalg.AddOp: AddOp, linalg.SubOp: SubOp, linalg.MulOp: MulOp}
_NAMED_UNARY = {linalg.ExpOp: ExpOp, linalg.LogOp: LogOp, linalg.SqrtOp: SqrtOp}
_BODY_BINARY = {arith.AddfOp: AddOp, arith.SubfOp: SubOp, arith.MulfOp: MulOp}
_BODY_UNARY = {
    math.ExpOp: ExpOp,
    math.Exp2Op: Exp2Op,
    math.LogOp: LogOp,
    math.SqrtOp: SqrtOp,
    math.RsqrtOp: RsqrtOp,
    math.TanhOp: TanhOp,
}
_BODY_SCALAR = {
    (arith.AddfOp, False): AddScalarOp,
    (arith.AddfOp, True): AddScalarOp,
    (arith.SubfOp, False): SubScalarOp,
    (arith.SubfOp, True): RsubScalarOp,
    (arith.MulfOp, False): MulScalarOp,
    (arith.MulfOp, True): MulScalarOp,
    (arith.DivfOp, False): DivScalarOp,
}
"""A body op of the input and a constant, by op and whether the constant comes first."""
_RELU = (arith.MaximumfOp, arith.MaxnumfOp)
_KIND_BINARY = {"add": AddOp, "sub": SubOp, "mul": MulOp}
_KIND_UNARY = {"exp": ExpOp, "log": LogOp, "sqrt": SqrtOp, "rsqrt": RsqrtOp, "tanh": TanhOp}
"""`linalg.elementwise` by its `#linalg.elementwise_kind` (a typed property, not the body)."""
_MATMULS = (linalg.MatmulOp, BatchMatmulOp)
_CONVERTED = (
    linalg.FillOp,
    *_MATMULS,
    linalg.GenericOp,
    ElementwiseOp,
    *_NAMED_BINARY,
    *_NAMED_UNARY,
)

_IDENTITY = AffineMapAttr(AffineMap.identity(2))
_MATMUL_MAPS = ArrayAttr(
    [
        AffineMapAttr(AffineMap.from_callable(lambda m, n, k: (m, k))),
        AffineMapAttr(AffineMap.from_callable(lambda m, n, k: (k, n))),
        AffineMapAttr(AffineMap.from_callable(lambda m, n, k: (m, n))),
    ]
)
_MATMUL_TRANS_B_MAPS = ArrayAttr(
    [
        AffineMapAttr(AffineMap.from_callable(lambda m, n, k: (m, k))),
        AffineMapAttr(AffineMap.from_callable(lambda m, n, k: (n, k))),
        AffineMapAttr(AffineMap.from_callable(lambda m, n, k: (m, n))),
    ]
)
"""C[m, n] += A[m, k] * B[n, k]: B given N x K, as `T.gemm(..., transpose_B=True)`."""
_TRANSPOSED_A = AffineMapAttr(AffineMap.from_callable(lambda m, n, k: (k, m)))
_BATCH_MATMUL_MAPS = ArrayAttr(
    [
        AffineMapAttr(AffineMap.from_callable(lambda b, m, n, k: (b, m, k))),
        AffineMapAttr(AffineMap.from_callable(lambda b, m, n, k: (b, k, n))),
        AffineMapAttr(AffineMap.from_callable(lambda b, m, n, k: (b, m, n))),
    ]
)


@dataclass(frozen=True)
class Elementwise:
    """An elementwise linalg op: `tt_op` applied to `inputs`, written to `output`."""

    op: Operation
    tt_op: type[Operation]
    inputs: tuple[SSAValue, ...]
    output: SSAValue
    scalar: float | None = None
    """The constant of an op with a scalar (`tt.mul_scalar`)."""

    def build(self, inputs: Sequence[SSAValue], output: SSAValue) -> Operation:
        """The tile-program op computing this on `inputs` into `output` (buffers)."""
        if self.scalar is not None:
            return self.tt_op(inputs[0], self.scalar, output)
        return self.tt_op(*inputs, output)


def _constant(value: SSAValue) -> float | None:
    constant = value.owner
    if isinstance(constant, arith.ConstantOp) and isinstance(constant.value, FloatAttr):
        return constant.value.value.data
    return None


def _is_zero(value: SSAValue) -> bool:
    constant = value.owner
    return (
        isinstance(constant, arith.ConstantOp)
        and isinstance(constant.value, FloatAttr)
        and constant.value.value.data == 0.0
    )


def _tensor_type(op: Operation, value: SSAValue, rank: int = 2) -> MemRefType:
    """The type of a linalg operand, checked: a static, row-major bf16/f32 memref of
    `rank` dimensions that is an argument of the enclosing function."""
    number = list(op.operands).index(value)
    type_ = value.type
    if not isinstance(type_, MemRefType):
        raise op_error(
            op,
            f"operand #{number} is {type_}, not a memref; convert-linalg-to-tt needs linalg "
            "on memrefs: run linalg-tensors-to-memrefs first",
        )
    program = op.parent_op()
    is_argument = isinstance(value, BlockArgument) and program is not None
    if not (is_argument and value.owner is program.regions[0].block):
        raise op_error(
            op,
            f"operand #{number} is not an argument of the enclosing function; "
            "convert-linalg-to-tt needs linalg ops on the function's memref arguments",
        )
    shape = type_.get_shape()
    if len(shape) != rank:
        raise op_error(
            op,
            f"operand #{number} ({type_}) has rank {len(shape)}; '{op.name}' is supported on "
            f"{rank}-D memrefs",
        )
    if any(size < 0 for size in shape):
        raise op_error(
            op, f"operand #{number} ({type_}) has a dynamic dimension; shapes must be static"
        )
    if not isinstance(type_.layout, NoneAttr) or not isinstance(type_.memory_space, NoneAttr):
        raise op_error(
            op,
            f"operand #{number} ({type_}) has a layout or memory space; only plain row-major "
            "memrefs are supported",
        )
    if not isinstance(type_.element_type, BFloat16Type | Float32Type):
        raise op_error(
            op,
            f"operand #{number} has element type {type_.element_type}; supported: bf16 and f32",
        )
    return type_


def _block(op: Operation, dim: str, size: int, option: str, requested: int) -> int:
    """The block size along a dimension: `requested` clipped to `size`, checked."""
    if size % TILE_ROWS:
        raise op_error(
            op, f"dimension {dim} = {size} is not a multiple of the {TILE_ROWS}-element tile"
        )
    block = min(requested, size)
    if size % block:
        raise op_error(
            op,
            f"dimension {dim} = {size} is not divisible by {option} = {block}; pass "
            f"convert-linalg-to-tt{{{option}=...}} with a multiple of {TILE_ROWS} dividing {size}",
        )
    return block


def _body_argument(op: linalg.GenericOp, value: SSAValue) -> int | None:
    """The index of the block argument a body value is, if the body may read it:
    an input, or the output of a generic without inputs (in place)."""
    if not isinstance(value, BlockArgument) or value.owner is not op.body.block:
        return None
    readable = len(op.inputs) or 1
    return value.index if value.index < readable else None


def _classify_generic(op: linalg.GenericOp) -> Elementwise:
    maps = list(op.indexing_maps.data)
    if any(m != _IDENTITY for m in maps):
        text = ", ".join(str(m.data) for m in maps)
        raise op_error(
            op, f"indexing maps must all be the 2-D identity (d0, d1) -> (d0, d1); got {text}"
        )
    iterators = [str(it.data.value) for it in op.iterator_types.data]
    if iterators != ["parallel", "parallel"]:
        raise op_error(
            op, f"iterator types must be [parallel, parallel]; got [{', '.join(iterators)}]"
        )
    if len(op.outputs) != 1 or len(op.inputs) > 2:
        raise op_error(
            op, f"has {len(op.inputs)} inputs and {len(op.outputs)} outputs; supported: one "
            "output and at most two inputs"
        )
    block = op.body.block
    computing = [inner for inner in block.ops if not isinstance(inner, arith.ConstantOp)]
    terminator = block.last_op
    if (
        len(computing) != 2
        or not isinstance(terminator, linalg.YieldOp)
        or len(terminator.operands) != 1
        or terminator.operands[0].owner is not computing[0]
    ):
        names = ", ".join(inner.name for inner in computing[:-1]) or "no op"
        raise op_error(op, f"body ({names}) is not supported; {SUPPORTED_BODIES}")
    compute = computing[0]
    read = [_body_argument(op, operand) for operand in compute.operands]
    tt_op: type[Operation] | None = None
    inputs: tuple[SSAValue, ...] = ()
    if type(compute) in _BODY_BINARY and len(op.inputs) == 2 and set(read) == {0, 1}:
        tt_op = _BODY_BINARY[type(compute)]
        inputs = tuple(op.operands[i] for i in read if i is not None)
    elif type(compute) in _BODY_UNARY and len(op.inputs) <= 1 and read[0] is not None:
        tt_op, inputs = _BODY_UNARY[type(compute)], (op.operands[read[0]],)
    elif len(op.inputs) <= 1 and any(type(compute) is kind for kind, _ in _BODY_SCALAR):
        for source, other in ((0, 1), (1, 0)):
            index, scalar = read[source], _constant(compute.operands[other])
            scalar_op = _BODY_SCALAR.get((type(compute), other == 0))
            if index is not None and scalar is not None and scalar_op is not None:
                return Elementwise(op, scalar_op, (op.operands[index],), op.outputs[0], scalar)
    elif isinstance(compute, _RELU) and len(op.inputs) <= 1:
        for source, other in ((0, 1), (1, 0)):
            index = read[source]
            if index is not None and _is_zero(compute.operands[other]):
                tt_op, inputs = ReluOp, (op.operands[index],)
                break
    if tt_op is None:
        raise op_error(op, f"body ({compute.name}) is not supported; {SUPPORTED_BODIES}")
    return Elementwise(op, tt_op, inputs, op.outputs[0])


def _classify_kind(op: ElementwiseOp) -> Elementwise:
    maps = list(op.get_indexing_maps().data)
    if any(m != _IDENTITY for m in maps):
        text = ", ".join(str(m.data) for m in maps)
        raise op_error(
            op, f"indexing maps must all be the 2-D identity (d0, d1) -> (d0, d1); got {text}"
        )
    kind = op.kind.kind.data
    if len(op.outputs) == 1:
        if kind in _KIND_BINARY and len(op.inputs) == 2:
            return Elementwise(op, _KIND_BINARY[kind], tuple(op.inputs), op.outputs[0])
        if kind in _KIND_UNARY and len(op.inputs) == 1:
            return Elementwise(op, _KIND_UNARY[kind], tuple(op.inputs), op.outputs[0])
    raise op_error(
        op,
        f"of kind {kind} with {len(op.inputs)} inputs is not supported; supported kinds: "
        f"{', '.join(_KIND_BINARY)} (two inputs) and {', '.join(_KIND_UNARY)} (one input)",
    )


def classify_elementwise(op: Operation) -> Elementwise:
    """The elementwise computation of a supported linalg op, or an error."""
    if isinstance(op, linalg.GenericOp):
        return _classify_generic(op)
    if isinstance(op, ElementwiseOp):
        return _classify_kind(op)
    assert isinstance(op, LinalgStructuredOperation)
    if type(op) in _NAMED_BINARY and len(op.inputs) == 2 and len(op.outputs) == 1:
        return Elementwise(op, _NAMED_BINARY[type(op)], tuple(op.inputs), op.outputs[0])
    if type(op) in _NAMED_UNARY and len(op.inputs) == 1 and len(op.outputs) == 1:
        return Elementwise(op, _NAMED_UNARY[type(op)], tuple(op.inputs), op.outputs[0])
    raise op_error(op, f"is not supported by convert-linalg-to-tt; {SUPPORTED}")


@dataclass(frozen=True)
class LinalgToTileProgram(RewritePattern):
    """Rewrites one function of linalg ops into a tile program (whole-function:
    the linalg ops of the body together decide the program)."""

    block_m: int
    block_n: int
    block_k: int

    @op_type_rewrite_pattern
    def match_and_rewrite(self, program: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        if not any(op.name.startswith("linalg.") for op in program.body.walk()):
            return
        if program.function_type.outputs.data:
            raise op_error(
                program,
                "returns values; run linalg-tensors-to-memrefs first (tt-opt -p "
                "'linalg-tensors-to-memrefs,convert-linalg-to-tt'): it makes the results output "
                "arguments, as convert-linalg-to-tt needs",
            )
        work: list[Operation] = []
        for op in program.body.block.ops:
            if isinstance(op, func.ReturnOp | arith.ConstantOp):
                continue
            if not op.name.startswith("linalg."):
                raise op_error(
                    op,
                    "is not supported in a function converted by convert-linalg-to-tt: only "
                    "linalg ops on the function's memref arguments, arith.constant and "
                    "func.return",
                )
            if not isinstance(op, _CONVERTED):
                raise op_error(op, f"is not supported by convert-linalg-to-tt; {SUPPORTED}")
            work.append(op)
        first = work[0]
        if isinstance(first, linalg.FillOp):
            launch = self._gemm_program(work, program, rewriter)
        elif isinstance(first, _MATMULS):
            raise op_error(
                first,
                "accumulates into its output (C += A * B); the tile program computes "
                "C = A * B, so C must be zero-filled by a linalg.fill of 0.0 right before "
                "the matmul",
            )
        else:
            if len(work) > 1:
                raise op_error(work[1], f"follows another linalg op; {ONE_PROGRAM}")
            launch = self._elementwise_program(classify_elementwise(first))
        rewriter.insert_op(launch, InsertPoint.at_start(program.body.block))
        for op in reversed(list(program.body.block.ops)):
            if op is not launch and not isinstance(op, func.ReturnOp):
                rewriter.erase_op(op)

    def _gemm_program(
        self, work: Sequence[Operation], program: func.FuncOp, rewriter: PatternRewriter
    ) -> LaunchGridOp:
        fill = work[0]
        assert isinstance(fill, linalg.FillOp)
        matmul = work[1] if len(work) > 1 else None
        if not isinstance(matmul, _MATMULS) or matmul.outputs[0] is not fill.outputs[0]:
            raise op_error(
                fill,
                "is supported only as the zero fill of a linalg.matmul's or "
                "linalg.batch_matmul's output, right before it",
            )
        if not _is_zero(fill.inputs[0]):
            raise op_error(
                fill,
                "must fill the matmul's output with 0.0 (an arith.constant): the tile "
                "program computes C = A * B",
            )
        batched = isinstance(matmul, BatchMatmulOp)
        transpose_b = self._transpose_b(matmul)
        if len(work) > 3:
            raise op_error(work[3], f"follows another linalg op; {ONE_PROGRAM}")
        epilogue = None
        if len(work) == 3:
            if batched:
                raise op_error(
                    work[2],
                    "after a linalg.batch_matmul is not supported; an epilogue fuses only "
                    "into a linalg.matmul",
                )
            epilogue = self._epilogue(work[2], matmul)
        a, b, c = matmul.inputs[0], matmul.inputs[1], matmul.outputs[0]
        if c is a or c is b:
            raise op_error(
                matmul,
                "writes one of its inputs; the tile program reads A and B across output "
                "blocks, so C must be a different memref",
            )
        rank = 3 if batched else 2
        a_type, b_type, c_type = (_tensor_type(matmul, v, rank) for v in (a, b, c))
        a_shape, b_shape, c_shape = a_type.get_shape(), b_type.get_shape(), c_type.get_shape()
        batch = a_shape[0] if batched else 1
        (m, k), (k_b, n) = a_shape[-2:], b_shape[-2:]
        if transpose_b:
            n, k_b = k_b, n
        batches_agree = not batched or a_shape[0] == b_shape[0] == c_shape[0]
        if k != k_b or c_shape[-2:] != (m, n) or not batches_agree:
            shapes = [("x".join(map(str, t)), name) for t, name in ((a_shape, "A"), (b_shape, "B"), (c_shape, "C"))]
            text = ", ".join(f"{name} {shape}" for shape, name in shapes)
            raise op_error(matmul, f"operand shapes do not form a {'batched ' * batched}matmul: {text}")
        if a_type.element_type != b_type.element_type:
            raise op_error(
                matmul,
                f"A and B element types differ ({a_type.element_type} vs "
                f"{b_type.element_type}); tt.gemm needs one input type",
            )
        bm = _block(matmul, "M", m, "block-m", self.block_m)
        bn = _block(matmul, "N", n, "block-n", self.block_n)
        bk = _block(matmul, "K", k, "block-k", self.block_k)
        dtype = a_type.element_type
        if batched:
            a, b, c = (self._fold_batch(program, v, rewriter) for v in (a, b, c))

        launch = LaunchGridOp((n // bn, batch * (m // bm)))
        bx, by = launch.block_indices
        bx.name_hint, by.name_hint = "bx", "by"
        index = IndexEmitter()
        c0, c1 = index.constant(0, "c0"), index.constant(1, "c1")
        steps = index.constant(k // bk, "steps")
        cbk = index.constant(bk, "cbk")
        cbm, cbn = index.constant(bm, "cbm"), index.constant(bn, "cbn")
        row = index.add(arith.MuliOp(by, cbm), "row")
        col = index.add(arith.MuliOp(bx, cbn), "col")
        batch_row = None
        if batched:
            # The y axis runs over (batch, row block): A's and C's folded rows are
            # by * block-m already; B's K rows of batch by / (M / block-m) start at batch * K.
            row_blocks = index.constant(m // bm, "row_blocks")
            which = index.add(arith.DivUIOp(by, row_blocks), "batch")
            batch_row = index.add(arith.MuliOp(which, index.constant(k, "ck")), "batch_row")
        a_buf = _named(AllocSharedOp(MemRefType(dtype, [bm, bk])), "a")
        b_buf = _named(AllocSharedOp(MemRefType(dtype, [bn, bk] if transpose_b else [bk, bn])), "b")
        c_buf = _named(AllocFragmentOp(MemRefType(Float32Type(), [bm, bn])), "c")
        k_body = Block(arg_types=[IndexType()])
        k_body.args[0].name_hint = "k"
        kk = arith.MuliOp(k_body.args[0], cbk)
        kk.result.name_hint = "kk"
        k_ops: list[Operation] = [kk]
        b_row: SSAValue = kk.result
        if batch_row is not None:
            b_row_op = arith.AddiOp(batch_row, kk)
            b_row_op.result.name_hint = "b_row"
            k_ops.append(b_row_op)
            b_row = b_row_op.result
        k_body.add_ops(
            [
                *k_ops,
                CopyOp(a, a_buf, src_indices=[row, kk]),
                CopyOp(b, b_buf, src_indices=[col, kk] if transpose_b else [b_row, col]),
                GemmOp(a_buf, b_buf, c_buf, transpose_b=transpose_b),
                scf.YieldOp(),
            ]
        )
        k_loop = scf.ForOp(c0, steps, c1, [], Region(k_body))
        k_loop.attributes[annotations.PIPELINE] = PipelineAttr(PIPELINE_STAGES)
        body: list[Operation] = [*index.ops, a_buf, b_buf, c_buf, ClearOp(c_buf), k_loop]
        if epilogue is not None:
            body.append(located([epilogue.build([c_buf], c_buf)], epilogue.op)[0])
        body.append(CopyOp(c_buf, c, dst_indices=[row, col]))
        launch.body.block.add_ops(located(body, matmul))
        return located([launch], matmul)[0]

    @staticmethod
    def _transpose_b(matmul: Operation) -> bool:
        """Whether B is given transposed (N x K), from the matmul's indexing maps."""
        if isinstance(matmul, BatchMatmulOp):
            if matmul.indexing_maps != _BATCH_MATMUL_MAPS:
                raise op_error(
                    matmul,
                    "has non-default indexing maps (transposed or broadcast operands); "
                    "supported: C[b, m, n] += A[b, m, k] * B[b, k, n]",
                )
            return False
        assert isinstance(matmul, linalg.MatmulOp)
        if matmul.indexing_maps == _MATMUL_MAPS:
            return False
        if matmul.indexing_maps == _MATMUL_TRANS_B_MAPS:
            return True
        if matmul.indexing_maps.data[0] == _TRANSPOSED_A:
            raise op_error(
                matmul,
                "reads A transposed (A[k, m]), which has no Tensix form (the matrix engine "
                "transposes only its second operand); supported: C[m, n] += A[m, k] * B[k, n] "
                "and, with B transposed, C[m, n] += A[m, k] * B[n, k]",
            )
        raise op_error(
            matmul,
            "has indexing maps other than a plain or B-transposed matmul (broadcast "
            "operands); supported: C[m, n] += A[m, k] * B[k, n] and C[m, n] += A[m, k] * B[n, k]",
        )

    @staticmethod
    def _fold_batch(program: func.FuncOp, value: SSAValue, rewriter: PatternRewriter) -> SSAValue:
        """The argument `value` (B x R x C) retyped (B * R) x C: the batch folded into rows,
        the same row-major bytes; `tt.batch_shape` keeps the 3-D shape."""
        assert isinstance(value, BlockArgument) and isinstance(value.type, MemRefType)
        shape = value.type.get_shape()
        folded = MemRefType(value.type.element_type, [shape[0] * shape[1], shape[2]])
        number = value.index
        new = rewriter.replace_value_with_new_type(value, folded)
        inputs = [arg.type for arg in program.body.block.args]
        program.function_type = FunctionType.from_lists(inputs, [])
        attrs = list(program.arg_attrs.data) if program.arg_attrs is not None else [
            DictionaryAttr({}) for _ in inputs
        ]
        entries = dict(attrs[number].data)
        entries[annotations.BATCH_SHAPE] = DenseArrayBase.from_list(i64, list(shape))
        attrs[number] = DictionaryAttr(entries)
        program.arg_attrs = ArrayAttr(attrs)
        return new

    @staticmethod
    def _epilogue(op: Operation, matmul: linalg.MatmulOp) -> Elementwise:
        if not isinstance(op, (linalg.GenericOp, ElementwiseOp, *_NAMED_UNARY)):
            raise op_error(
                op,
                "after a linalg.matmul is not supported; only a unary epilogue (relu, "
                "exp, log, sqrt, tanh, or an op with a constant) on the matmul's output "
                "fuses into the gemm",
            )
        epilogue = classify_elementwise(op)
        output = matmul.outputs[0]
        in_place = epilogue.inputs == (output,) and epilogue.output is output
        if not issubclass(epilogue.tt_op, _UnaryOp) or not in_place:
            raise op_error(
                op,
                "after a linalg.matmul must be a unary op reading and writing the "
                "matmul's output in place (ins(%C) outs(%C)) to fuse into the gemm epilogue",
            )
        return epilogue

    def _elementwise_program(self, ew: Elementwise) -> LaunchGridOp:
        types = [_tensor_type(ew.op, v) for v in (*ew.inputs, ew.output)]
        shape = types[-1].get_shape()
        for type_ in types[:-1]:
            if type_.get_shape() != shape:
                text = ", ".join(f"{t.get_shape()[0]}x{t.get_shape()[1]}" for t in types)
                raise op_error(
                    ew.op, f"operand shapes differ ({text}); elementwise ops need equal shapes"
                )
        m, n = shape
        bm = _block(ew.op, "M", m, "block-m", self.block_m)
        bn = _block(ew.op, "N", n, "block-n", self.block_n)

        launch = LaunchGridOp((n // bn, m // bm))
        bx, by = launch.block_indices
        bx.name_hint, by.name_hint = "bx", "by"
        index = IndexEmitter()
        cbm, cbn = index.constant(bm, "cbm"), index.constant(bn, "cbn")
        row = index.add(arith.MuliOp(by, cbm), "row")
        col = index.add(arith.MuliOp(bx, cbn), "col")
        out = _named(AllocSharedOp(MemRefType(types[-1].element_type, [bm, bn])), "z")
        ins = [
            _named(AllocSharedOp(MemRefType(t.element_type, [bm, bn])), name)
            for t, name in zip(types[:-1], "xy")
        ]
        loads = [CopyOp(v, buf, src_indices=[row, col]) for v, buf in zip(ew.inputs, ins)]
        body: list[Operation] = [
            *index.ops,
            out,
            *ins,
            *loads,
            ew.build(ins, out),
            CopyOp(out, ew.output, dst_indices=[row, col]),
        ]
        launch.body.block.add_ops(located(body, ew.op))
        return located([launch], ew.op)[0]


def _named(op: Operation, name: str) -> Operation:
    op.results[0].name_hint = name
    return op


@dataclass(frozen=True)
class ConvertLinalgToTTPass(ModulePass):
    """Converts functions of linalg ops on memrefs into tile programs."""

    name = "convert-linalg-to-tt"

    block_m: int = 128
    """Rows of an output block (matmul M, elementwise rows); clipped to the tensor."""

    block_n: int = 128
    """Columns of an output block (matmul N, elementwise columns); clipped to the tensor."""

    block_k: int = 32
    """Matmul K step: columns of the staged A block, rows of the B block; clipped to K."""

    def __post_init__(self) -> None:
        options = (("block-m", self.block_m), ("block-n", self.block_n), ("block-k", self.block_k))
        for option, value in options:
            if value <= 0 or value % TILE_ROWS:
                raise ValueError(
                    f"{self.name}: {option} must be a positive multiple of {TILE_ROWS}, got {value}"
                )

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        pattern = LinalgToTileProgram(self.block_m, self.block_n, self.block_k)
        PatternRewriteWalker(pattern, apply_recursively=False).rewrite_module(op)
