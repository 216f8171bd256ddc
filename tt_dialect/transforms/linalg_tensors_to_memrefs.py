"""linalg-tensors-to-memrefs: linalg functions that return their results, on tensors
or after upstream bufferization, become functions that write their results into
memref arguments: the form `convert-linalg-to-tt` reads.

Reads: every `func.func` with a body that holds linalg ops, in one of the forms other
MLIR flows hand over (functions without linalg ops are left alone):
- **tensors, destination-passing style** (torch-mlir, StableHLO-to-linalg):
  `func.func @f(%a: tensor<MxKxbf16>, %b: tensor<KxNxbf16>) -> tensor<MxNxf32>` whose
  results come from linalg ops writing into `tensor.empty`s
  (`%e = tensor.empty()`, `%f = linalg.fill ins(%zero) outs(%e)`,
  `%c = linalg.matmul ins(%a, %b) outs(%f)`, `func.return %c`);
  `bufferization.to_tensor` / `bufferization.to_buffer` are views of their operand;
- **upstream one-shot bufferization**
  (`iree-opt --one-shot-bufferize="bufferize-function-boundaries"`): memref arguments,
  with the fully dynamic layout `strided<[?, ?], offset: ?>` or none, results in
  `memref.alloc`s written by linalg ops and returned; `memref.cast`s of them (views),
  `memref.dealloc`s, and `memref.copy`s into an allocation that a linalg op then
  overwrites whole (a `linalg.fill`, an elementwise op not reading its output);
- **already in destination form** (memref arguments, no results): unchanged but for
  dynamic argument layouts dropped.

Writes: the same function with
- each argument a memref of its shape and element type with the identity layout (the
  host program hands every tensor over as one contiguous row-major buffer; a static
  layout other than the identity is refused);
- each result an output argument appended after the inputs, in result order, carrying
  `tt.result = N : i64` (it was result N); the function returns nothing. The artifacts'
  tensors follow the arguments: tensor K of a function with I inputs is argument K,
  result N is tensor I + N;
- linalg ops on those memrefs, in the order of the input. An elementwise linalg op (all
  iterators parallel, identity maps) whose output is a fresh buffer and which is the
  last reader of an input that is a fresh buffer of the same type writes in place into
  that input (`ins(%C) outs(%C)`), as empty-tensor elimination and in-place
  bufferization do upstream: relu after a matmul becomes the matmul's epilogue.

Refused, with a located diagnostic: several blocks, an op outside the forms above
that touches tensors or memrefs, a linalg op writing into a tensor argument or into a
tensor that is read again afterwards (both would need a copy), a result that is an
argument or returned twice, an intermediate buffer that is not returned (a function is
one computation: convert-linalg-to-tt makes one tile program of it), a `memref.copy`
whose destination is read before it is overwritten.

One pattern, `ToDestinationForm`, anchored on `func.func`: which buffer a value lives
in is a whole-function decision. The new function is built apart and replaces the old
one through the rewriter; every op keeps the location of the op it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xdsl.context import Context
from xdsl.dialects import bufferization, func, memref
from xdsl.dialects.builtin import (
    AffineMapAttr,
    ArrayAttr,
    DictionaryAttr,
    IntAttr,
    IntegerAttr,
    MemRefType,
    ModuleOp,
    NoneAttr,
    ShapedType,
    StridedLayoutAttr,
    TensorType,
    i64,
)
from xdsl.dialects.linalg.abstract_ops import LinalgStructuredOperation
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.ir.affine import AffineMap
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from tt_dialect.diagnostics import op_error
from tt_dialect.ops import annotations

SUPPORTED_OPS = (
    "supported: linalg ops, tensor.empty, bufferization.to_tensor/to_buffer, "
    "memref.alloc/cast/copy/dealloc, ops on scalars (arith.constant) and func.return"
)


def _identity_strides(shape: tuple[int, ...]) -> list[int]:
    strides, size = [], 1
    for extent in reversed(shape):
        strides.append(size)
        size *= max(extent, 0)
    return list(reversed(strides))


def _buffer_type(owner: Operation, what: str, type_: Attribute) -> MemRefType:
    """The plain memref a tensor or memref value of `type_` lives in, or an error."""
    if isinstance(type_, TensorType):
        if not isinstance(type_.encoding, NoneAttr):
            raise op_error(owner, f"{what} ({type_}) has an encoding; supported: plain tensors")
        return MemRefType(type_.element_type, type_.get_shape())
    if not isinstance(type_, MemRefType):
        raise op_error(owner, f"{what} has type {type_}; supported: tensors and memrefs")
    if not isinstance(type_.memory_space, NoneAttr):
        raise op_error(owner, f"{what} ({type_}) has a memory space; supported: none")
    layout = type_.layout
    plain = MemRefType(type_.element_type, type_.get_shape())
    if isinstance(layout, NoneAttr):
        return plain
    if isinstance(layout, StridedLayoutAttr):
        strides = [s.data if isinstance(s, IntAttr) else None for s in layout.strides.data]
        offset = layout.offset.data if isinstance(layout.offset, IntAttr) else None
        identity = _identity_strides(type_.get_shape())
        dynamic = all(s is None for s in strides) and offset is None
        if dynamic or (strides == identity and offset in (0, None)):
            return plain
    if isinstance(layout, AffineMapAttr) and layout.data == AffineMap.identity(len(type_.get_shape())):
        return plain
    raise op_error(
        owner,
        f"{what} ({type_}) has a layout that is not row-major and contiguous; supported: the "
        "identity layout or the fully dynamic strided<[?, ...], offset: ?> of "
        "bufferize-function-boundaries (the host hands each tensor over row-major)",
    )


def _is_elementwise(op: LinalgStructuredOperation) -> bool:
    """All iterators parallel, every indexing map the identity, one output."""
    if len(op.outputs) != 1:
        return False
    iterators = [str(it.data.value) for it in op.get_iterator_types().data]
    maps = [m.data for m in op.get_indexing_maps().data]
    return all(it == "parallel" for it in iterators) and all(
        m == AffineMap.identity(len(iterators)) for m in maps
    )


def _reads_output(op: LinalgStructuredOperation) -> bool:
    """Whether the op's result depends on its output's old contents: not for a fill, nor
    for an elementwise op whose body does not use its output's element."""
    if op.name == "linalg.fill":
        return False
    if not _is_elementwise(op):
        return True
    return any(arg.uses for arg in op.body.block.args[len(op.inputs):])


@dataclass
class _Buffer:
    """A buffer of the new function: an argument, or a fresh allocation (from a
    `tensor.empty` or a `memref.alloc`) that becomes an output argument if returned."""

    value: SSAValue
    source: Operation | None = None
    """The op that allocated it (None for an argument)."""
    argument: int | None = None
    pending_copy: Operation | None = None
    """A `memref.copy` into it that a full overwrite has yet to make dead."""


@dataclass
class _Builder:
    function: func.FuncOp
    block: Block = field(init=False)
    ops: list[Operation] = field(default_factory=list)
    buffers: dict[SSAValue, _Buffer] = field(default_factory=dict)
    """Original value (tensor or memref) -> the buffer it lives in."""
    empties: dict[SSAValue, Operation] = field(default_factory=dict)
    """The results of `tensor.empty`s: each use as a linalg op's output is a fresh buffer."""
    order: dict[Operation, int] = field(default_factory=dict)
    """Position of each op of the original body."""

    def __post_init__(self) -> None:
        old = self.function.body.block
        self.order = {op: i for i, op in enumerate(old.ops)}
        types = [
            _buffer_type(self.function, f"argument #{i}", arg.type) for i, arg in enumerate(old.args)
        ]
        self.block = Block(arg_types=types)
        for i, (arg, new) in enumerate(zip(old.args, self.block.args)):
            new.name_hint = arg.name_hint
            self.buffers[arg] = _Buffer(new, argument=i)

    def buffer(self, op: Operation, value: SSAValue) -> _Buffer:
        if value in self.empties:
            raise op_error(
                op,
                f"reads a tensor.empty (operand #{list(op.operands).index(value)}), whose contents "
                "are undefined; a tensor.empty is only the destination (outs) of a linalg op",
            )
        if value not in self.buffers:
            raise op_error(
                op,
                f"operand #{list(op.operands).index(value)} ({value.type}) is not a function "
                f"argument or a buffer computed in the function; {SUPPORTED_OPS}",
            )
        return self.buffers[value]

    def fresh(self, source: Operation, type_: Attribute) -> _Buffer:
        """A new allocation for `source` (a `tensor.empty` or a `memref.alloc`)."""
        alloc = memref.AllocOp([], [], _buffer_type(source, "the result", type_))
        alloc.location = source.location
        alloc.memref.name_hint = source.results[0].name_hint
        self.ops.append(alloc)
        return _Buffer(alloc.memref, source=source)

    def linalg(self, op: LinalgStructuredOperation) -> None:
        for value in op.inputs:
            if isinstance(value.type, ShapedType):
                self._read(op, self.buffer(op, value))
        outputs: list[_Buffer] = []
        for value in op.outputs:
            if value in self.empties:
                outputs.append(self.fresh(self.empties[value], value.type))
            else:
                outputs.append(self.buffer(op, value))
        for value, buffer in zip(op.outputs, outputs):
            if buffer.pending_copy is not None:
                if _reads_output(op):
                    raise op_error(
                        buffer.pending_copy,
                        "initializes a buffer that a linalg op then reads; a memref.copy is "
                        "supported only into a buffer a linalg op then overwrites whole (a "
                        "linalg.fill, an elementwise op not reading its output)",
                    )
                buffer.pending_copy = None
            if isinstance(value.type, TensorType) and value not in self.empties:
                if buffer.argument is not None:
                    raise op_error(
                        op,
                        f"writes into function argument #{buffer.argument}: a tensor is a value, "
                        "so the result would need a copy of it; write into a tensor.empty",
                    )
                users = [use.operation for use in value.uses if use.operation is not op]
                if any(self.order.get(user, -1) > self.order[op] for user in users):
                    raise op_error(
                        op,
                        f"overwrites {value.name_hint and '%' + value.name_hint or 'its output tensor'}, "
                        "which is read again afterwards (that would need a copy); give each "
                        "linalg op its own tensor.empty",
                    )
        operands = [
            self.buffer(op, value).value if isinstance(value.type, ShapedType) else value
            for value in op.inputs
        ] + [buffer.value for buffer in outputs]
        regions = [op.detach_region(region) for region in list(op.regions)]
        new = type(op).create(
            operands=operands,
            result_types=[],
            properties=dict(op.properties),
            attributes=dict(op.attributes),
            regions=regions,
        )
        new.location = op.location
        self.ops.append(new)
        for result, buffer in zip(op.results, outputs):
            self.buffers[result] = buffer

    def _read(self, op: Operation, buffer: _Buffer) -> None:
        if buffer.pending_copy is not None:
            raise op_error(
                buffer.pending_copy,
                f"initializes a buffer that '{op.name}' then reads; a memref.copy is supported "
                "only into a buffer a linalg op then overwrites whole",
            )

    def alias(self, op: Operation, source: SSAValue, result: SSAValue) -> None:
        self.buffers[result] = self.buffer(op, source)


@dataclass(frozen=True)
class ToDestinationForm(RewritePattern):
    """Rewrites one function into destination form (whole-function: which buffer each
    value lives in depends on every op of the body)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, function: func.FuncOp, rewriter: PatternRewriter, /) -> None:
        if not function.body.blocks or not any(
            isinstance(op, LinalgStructuredOperation) for op in function.body.walk()
        ):
            return
        if len(function.body.blocks) != 1:
            raise op_error(function, "has several blocks; supported: a single-block body")
        built = _Builder(function)
        returned: list[_Buffer] = []
        ret: Operation | None = None
        for op in list(function.body.block.ops):
            if isinstance(op, LinalgStructuredOperation):
                built.linalg(op)
            elif isinstance(op, func.ReturnOp):
                ret = op
                returned = [built.buffer(op, value) for value in op.arguments]
            elif op.name == "tensor.empty":
                if op.operands:
                    raise op_error(op, f"has dynamic sizes ({op.results[0].type}); shapes must be static")
                _buffer_type(op, "the result", op.results[0].type)
                built.empties[op.results[0]] = op
            elif isinstance(op, memref.AllocOp):
                if op.dynamic_sizes or op.symbol_operands:
                    raise op_error(op, "has dynamic sizes or symbols; shapes must be static")
                built.buffers[op.memref] = built.fresh(op, op.memref.type)
            elif isinstance(op, memref.CastOp | bufferization.ToTensorOp | bufferization.ToBufferOp):
                built.alias(op, op.operands[0], op.results[0])
            elif isinstance(op, memref.DeallocOp):
                built.buffer(op, op.memref)
            elif isinstance(op, memref.CopyOp):
                source, dest = built.buffer(op, op.source), built.buffer(op, op.destination)
                built._read(op, source)
                if dest.source is None:
                    raise op_error(
                        op,
                        f"writes into function argument #{dest.argument}; a memref.copy is "
                        "supported only into a buffer a linalg op then overwrites whole",
                    )
                dest.pending_copy = op
            elif any(isinstance(v.type, ShapedType) for v in (*op.operands, *op.results)) or op.regions:
                raise op_error(op, f"is not supported by linalg-tensors-to-memrefs; {SUPPORTED_OPS}")
            else:
                op.detach()
                built.ops.append(op)
        assert ret is not None  # a func.func body ends in func.return
        pending = [b.pending_copy for b in built.buffers.values() if b.pending_copy is not None]
        if pending:
            raise op_error(
                pending[0],
                "initializes a buffer no linalg op then overwrites; a memref.copy is supported "
                "only into a buffer a linalg op then overwrites whole",
            )
        self._write_in_place(built)
        new = self._finish(function, built, returned, ret)
        rewriter.replace(function, new)

    @staticmethod
    def _write_in_place(built: _Builder) -> None:
        """An elementwise op writing a fresh buffer while it is the last reader of a fresh
        input buffer of the same type writes into that input instead."""
        allocs = {b.value: b for b in built.buffers.values() if b.source is not None}
        for index, op in enumerate(built.ops):
            if not isinstance(op, LinalgStructuredOperation) or not _is_elementwise(op):
                continue
            out = op.outputs[0]
            if out not in allocs or any(
                out in later.operands for later in built.ops[:index] if later is not out.owner
            ):
                continue
            for value in op.inputs:
                if value is out or value not in allocs or value.type != out.type:
                    continue
                if any(value in later.operands for later in built.ops[index + 1:]):
                    continue
                for later in built.ops[index:]:
                    for i, operand in enumerate(later.operands):
                        if operand is out:
                            later.operands[i] = value
                for buffer in built.buffers.values():
                    if buffer.value is out:
                        buffer.value = value
                break

    @staticmethod
    def _finish(
        function: func.FuncOp, built: _Builder, returned: list[_Buffer], ret: Operation
    ) -> func.FuncOp:
        results: dict[SSAValue, int] = {}
        for number, buffer in enumerate(returned):
            if buffer.argument is not None:
                raise op_error(
                    ret,
                    f"returns function argument #{buffer.argument} as result #{number}; "
                    "supported: results computed by linalg ops into a tensor.empty or a "
                    "memref.alloc",
                )
            if buffer.value in results:
                raise op_error(
                    ret,
                    f"returns the same buffer as results #{results[buffer.value]} and #{number}; "
                    "each result needs a buffer of its own",
                )
            results[buffer.value] = number
        block = built.block
        ops = []
        for op in built.ops:
            is_alloc = isinstance(op, memref.AllocOp)
            if is_alloc and op.memref not in results:
                users = [o for o in built.ops if op.memref in o.operands]
                if users:
                    source = next(b.source for b in built.buffers.values() if b.value is op.memref)
                    raise op_error(
                        source or op,
                        "is an intermediate buffer that is not returned; a function converted "
                        "to a tile program computes its results straight from its arguments "
                        "(one linalg op, or a zero fill, a matmul and an elementwise epilogue, "
                        "which is written in place)",
                    )
                continue
            if not is_alloc:
                ops.append(op)
        old_attrs = function.arg_attrs.data if function.arg_attrs is not None else ()
        arg_attrs = list(old_attrs) or [DictionaryAttr({}) for _ in block.args]
        outputs: list[SSAValue] = []
        for buffer_value, number in sorted(results.items(), key=lambda item: item[1]):
            arg = block.insert_arg(buffer_value.type, len(block.args))
            arg.name_hint = buffer_value.name_hint
            buffer_value.replace_all_uses_with(arg)
            outputs.append(arg)
            arg_attrs.append(DictionaryAttr({annotations.RESULT: IntegerAttr(number, i64)}))
        new_return = func.ReturnOp()
        new_return.location = ret.location
        block.add_ops([*ops, new_return])
        new = func.FuncOp(
            function.sym_name.data,
            ([arg.type for arg in block.args], []),
            Region(block),
            function.sym_visibility,
            arg_attrs=ArrayAttr(arg_attrs) if any(d.data for d in arg_attrs) else None,
        )
        for name, attr in function.attributes.items():
            new.attributes.setdefault(name, attr)
        new.location = function.location
        return new


@dataclass(frozen=True)
class LinalgTensorsToMemrefsPass(ModulePass):
    """Puts linalg functions on tensors or returned allocations into destination form."""

    name = "linalg-tensors-to-memrefs"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(ToDestinationForm(), apply_recursively=False).rewrite_module(op)

