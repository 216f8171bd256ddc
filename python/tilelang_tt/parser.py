"""`@T.prim_func` to a tile program: the body's Python syntax tree becomes tt ops.

The body is never executed. `parse_prim_func` reads the function's source, walks its
syntax tree and builds a `func.func` of the tile-program level (`tt.launch_grid`,
`tt.alloc_shared`, `tt.copy`, `tt.gemm`, elementwise ops, `scf.for`) with xDSL's op
constructors. Every op carries the Python file, line and column it came from, so a
verifier or a pass that rejects it later names the user's source line.

Names resolve as Python would resolve them in the function: its own assignments, then the
enclosing function's variables (shapes, block sizes, dtypes), then globals and builtins.
A call is a `T.*` construct when the callee *is* one of `tilelang_tt.language`'s objects,
whatever name the module was imported under; any other call is evaluated at compile
time on compile-time values (`min(block_M, M)`). Index expressions on block and loop
indices (`by * block_M + 32`) are kept affine and become `arith` ops where used.

Anything outside the subset raises `TileLangError` naming the construct and its line.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import math
import operator
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NoReturn

from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import (
    BFloat16Type,
    FileLineColLoc,
    Float32Type,
    IndexType,
    IntAttr,
    IntegerAttr,
    MemRefType,
    ModuleOp,
    StringAttr,
)
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue

from tilelang_tt import language as T
from tt_dialect.analysis import buffers_read
from tt_dialect.api import print_module
from tt_dialect.diagnostics import TTDiagnostic, verify_located
from tt_dialect.ops import annotations
from tt_dialect.ops.attributes import Broadcast, MaskPredicate, PipelineAttr
from tt_dialect.ops.tile_program import (
    AddOp,
    MaxOp,
    MinOp,
    RecipOp,
    ReduceMaxOp,
    ReduceSumOp,
    AddScalarOp,
    DivScalarOp,
    MulScalarOp,
    RsubScalarOp,
    SubScalarOp,
    AllocFragmentOp,
    AllocSharedOp,
    ClearOp,
    CopyOp,
    ExpOp,
    FillOp,
    GemmOp,
    LaunchGridOp,
    LogOp,
    MaskOp,
    MulOp,
    ReluOp,
    SigmoidOp,
    SqrtOp,
    RsqrtOp,
    Exp2Op,
    SubOp,
    TanhOp,
)


F32_MAX = 3.4028234663852886e38
"""The largest finite float32."""


class TileLangError(TTDiagnostic):
    """A prim_func outside the supported subset: `file:line:col: error: message`."""


ELEMENT_TYPES: dict[str, Attribute] = {"bf16": BFloat16Type(), "f32": Float32Type()}

TILELANG_DTYPES: dict[str, Attribute] = {"bfloat16": BFloat16Type(), "float32": Float32Type()}
"""The dtype `A.dtype` / `buf.dtype` gives for each element type."""

MASK_PREDICATES = {ast.GtE: MaskPredicate.GE, ast.Gt: MaskPredicate.GT, ast.LtE: MaskPredicate.LE,
                   ast.Lt: MaskPredicate.LT}
"""The comparisons of a mask's row and column indices (`T.if_then_else(q >= k, ...)`)."""

ELEMENTWISE_HELP = (
    "supported: buffer elements z[i, j] and vector elements s[i] (one value per row or column) "
    "combined with each other by +, -, *, /, with a number by +, -, *, /, and T.exp, T.exp2, "
    "T.log, T.sqrt, T.rsqrt, T.sigmoid, T.tanh, T.max(x, y), T.min(x, y), T.max(x, 0)"
)

STATEMENT_NAMES = {
    ast.While: "a while loop",
    ast.If: "an if statement",
    ast.Return: "a return statement",
    ast.FunctionDef: "a nested function definition",
    ast.AsyncFunctionDef: "a nested function definition",
    ast.ClassDef: "a class definition",
    ast.Import: "an import",
    ast.ImportFrom: "an import",
    ast.Try: "a try statement",
    ast.Raise: "a raise statement",
    ast.Assert: "an assert statement",
    ast.Delete: "a del statement",
    ast.Global: "a global declaration",
    ast.Nonlocal: "a nonlocal declaration",
    ast.Break: "a break statement",
    ast.Continue: "a continue statement",
    ast.AnnAssign: "an annotated assignment",
    ast.AsyncFor: "an async for loop",
    ast.AsyncWith: "an async with statement",
    ast.Match: "a match statement",
}
"""Statements a prim_func body may not contain, by what the error calls them."""

ARITHMETIC = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}

OPERATOR_TEXT = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
    ast.Mod: "%", ast.Pow: "**", ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|",
    ast.BitXor: "^", ast.BitAnd: "&", ast.MatMult: "@",
}

COMPARISONS = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Is: operator.is_, ast.IsNot: operator.is_not,
    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
}

UNARY_TEXT = {ast.USub: "-", ast.UAdd: "+", ast.Not: "not", ast.Invert: "~"}

ELEMENTWISE_BINARY = {ast.Add: AddOp, ast.Sub: SubOp, ast.Mult: MulOp}

SCALAR_OPS = {
    (ast.Add, False): AddScalarOp,
    (ast.Add, True): AddScalarOp,
    (ast.Sub, False): SubScalarOp,
    (ast.Sub, True): RsubScalarOp,
    (ast.Mult, False): MulScalarOp,
    (ast.Mult, True): MulScalarOp,
    (ast.Div, False): DivScalarOp,
}
"""Ops of an element and a number, by operator and whether the number comes first."""

ELEMENTWISE_UNARY = {
    T.exp: ExpOp, T.exp2: Exp2Op, T.log: LogOp, T.sqrt: SqrtOp, T.rsqrt: RsqrtOp, T.sigmoid: SigmoidOp,
    T.tanh: TanhOp,
}
"""T.Parallel functions, by the `tilelang_tt.language` object (identity, not name)."""

REDUCTIONS = {T.reduce_sum: ReduceSumOp, T.reduce_max: ReduceMaxOp, T.reduce_min: ReduceMaxOp}
"""TileLang's reductions: `T.reduce_min(x)` is `-T.reduce_max(-x)`."""

INDEX_FUNCTIONS = (T.min, T.max, T.ceildiv)
"""Functions of index values outside T.Parallel bodies (`T.min(T.ceildiv(n, b), bx + 1)`),
computed by `arith` ops in the kernel when an operand is a block or loop index."""

WRITES_LAST_OPERAND = (
    GemmOp, ClearOp, FillOp, ReluOp, RecipOp, MaxOp, MinOp, ReduceSumOp, ReduceMaxOp,
    *ELEMENTWISE_BINARY.values(), *ELEMENTWISE_UNARY.values(), *SCALAR_OPS.values(),
)
"""Ops the front end builds whose last operand is the buffer they store to."""


# --------------------------------------------------------------------------- values


@dataclass(eq=False)
class IndexVar:
    """A block index (`bx`) or a loop induction variable (`k`)."""

    name: str
    value: SSAValue
    depth: int
    """Nesting depth of the block defining it (see `_Parser.blocks`)."""
    low: int | None = None
    high: int | None = None
    """Its smallest and largest values when known (a block index: 0 .. extent - 1)."""


@dataclass(frozen=True)
class Affine:
    """`const + sum(coeff * var)` over block and loop indices."""

    const: int
    terms: tuple[tuple[IndexVar, int], ...] = ()

    @staticmethod
    def of(var: IndexVar) -> Affine:
        return Affine(0, ((var, 1),))

    def _combine(self, other: Affine, sign: int) -> Affine:
        coefficients = dict(self.terms)
        for var, coeff in other.terms:
            coefficients[var] = coefficients.get(var, 0) + sign * coeff
        terms = tuple((v, c) for v, c in coefficients.items() if c)
        return Affine(self.const + sign * other.const, terms)

    def add(self, other: Affine) -> Affine:
        return self._combine(other, 1)

    def sub(self, other: Affine) -> Affine:
        return self._combine(other, -1)

    def scale(self, factor: int) -> Affine:
        if factor == 0:
            return Affine(0)
        return Affine(self.const * factor, tuple((v, c * factor) for v, c in self.terms))

    @property
    def key(self) -> tuple:
        return (self.const, tuple((id(v), c) for v, c in self.terms))


@dataclass(frozen=True)
class TensorArg:
    """A prim_func argument: a device tensor."""

    name: str
    value: SSAValue
    shape: tuple[int, ...]
    dtype: str


@dataclass(frozen=True)
class BufferVar:
    """A `T.alloc_shared` / `T.alloc_fragment` buffer."""

    name: str
    value: SSAValue
    shape: tuple[int, ...]

    @property
    def type(self) -> MemRefType:
        type_ = self.value.type
        assert isinstance(type_, MemRefType)
        return type_


@dataclass(frozen=True, eq=False)
class ParallelVar:
    """An index of a `T.Parallel` loop: only usable as a buffer subscript."""

    name: str


@dataclass(frozen=True)
class TensorRegion:
    """`A[i, j]` or `A[i:i+m, j:j+n]` as a `T.copy` operand: start offsets and, for
    slices, the extents."""

    tensor: TensorArg
    offsets: tuple[Affine, ...]
    extents: tuple[int | None, ...]


@dataclass(frozen=True)
class Shifted:
    """`offset + i` for a T.Parallel index `i`: the element at `offset` of a block."""

    var: ParallelVar
    offset: Affine


@dataclass(frozen=True)
class Load:
    """`buf[i, j]` (a whole buffer), `A[y0 + i, x0 + j]` (the block of tensor A at
    offsets (y0, x0) with the T.Parallel extents), or `s[i]` in a T.Parallel(m, n): the
    vector s, one value per row (`vector_dim` 0) or per column (1) of the block."""

    source: BufferVar | TensorArg
    offsets: tuple[Affine, ...] = ()
    vector_dim: int | None = None

    @property
    def key(self) -> tuple:
        return (id(self.source), tuple(offset.key for offset in self.offsets), self.vector_dim)


@dataclass(frozen=True)
class Elementwise:
    op: type[Operation]
    operands: tuple[Load | Elementwise, ...]
    scalar: float | None = None
    """The number of an op with a scalar (`x[i, j] * 2.5`)."""
    vector_dim: int | None = None
    """Set when the value is a vector (one value per row: 0, per column: 1) in a
    T.Parallel over a block."""
    broadcast: Broadcast | None = None
    """Of a binary op whose second operand is a vector repeated over the block."""


@dataclass(frozen=True)
class Mask(Elementwise):
    """`T.if_then_else(row_index PRED col_index, on_true, on_false)` in a T.Parallel(m, n)
    (`tt.mask`): the element (i, j) is `on_true` where `row + i PRED col + j`, else
    `on_false`; `row` and `col` are the block's first indices in the two index spaces."""

    predicate: MaskPredicate = MaskPredicate.GE
    row: Affine = field(default_factory=lambda: Affine(0))
    col: Affine = field(default_factory=lambda: Affine(0))
    on_true: float = 0.0
    on_false: float = 0.0


ElementExpr = Load | Elementwise

KERNEL_VALUES = (Affine, TensorArg, BufferVar, ParallelVar, Shifted, Load, Elementwise)
"""What an expression may stand for that is not known at compile time."""


@dataclass
class PrimFunc:
    """A parsed `@T.prim_func`: the tile program and its tensor arguments, in order."""

    name: str
    module: ModuleOp
    tensors: tuple[TensorArg, ...]
    _text: str | None = field(default=None, repr=False)

    def ir(self) -> str:
        """The tile program as MLIR text (custom syntax, no locations)."""
        if self._text is None:
            self._text = print_module(self.module)
        return self._text


# --------------------------------------------------------------------------- source


@dataclass(frozen=True)
class _Source:
    tree: ast.FunctionDef
    file: str
    line_offset: int
    col_offset: int


_VERIFIED: set[str] = set()
"""Texts of the tile programs this process has verified."""

_SOURCES: dict[object, _Source] = {}
"""Syntax trees by code object: a prim_func rebuilt with new shapes is not re-read."""


def _source_of(function: Callable[..., Any], decorator: str = "@T.prim_func") -> _Source:
    code = getattr(function, "__code__", None)
    kind = decorator.removeprefix("@T.")
    if code is None:
        raise TileLangError("", f"{decorator} needs a Python function, got {type(function).__name__}")
    cached = _SOURCES.get(code)
    if cached is not None:
        return cached
    file = code.co_filename
    try:
        lines, first_line = inspect.getsourcelines(function)
    except (OSError, TypeError) as err:
        raise TileLangError(
            f"{file}:{code.co_firstlineno}",
            f"cannot read the source of {kind} '{function.__name__}' ({err}); "
            "define it in a file",
        ) from None
    text = "".join(lines)
    dedented = textwrap.dedent(text)
    indent = len(lines[0]) - len(lines[0].lstrip()) if lines else 0
    try:
        tree = ast.parse(dedented).body[0]
    except SyntaxError:
        tree = None  # a lambda: its source lines are the enclosing statement's
    if not isinstance(tree, ast.FunctionDef) or tree.name != function.__name__:
        if isinstance(tree, ast.AsyncFunctionDef):
            what = f"`async def {tree.name}`"
        else:
            what = "a lambda" if function.__name__ == "<lambda>" else f"'{function.__name__}'"
        raise TileLangError(
            f"{file}:{first_line}", f"{decorator} needs a function defined with `def`, got {what}"
        )
    source = _Source(tree, file, first_line - 1, indent)
    _SOURCES[code] = source
    return source


def _closure(function: Callable[..., Any]) -> dict[str, Any]:
    names = function.__code__.co_freevars
    values: dict[str, Any] = {}
    for name, cell in zip(names, function.__closure__ or ()):
        try:
            values[name] = cell.cell_contents
        except ValueError:
            continue
    return values


# --------------------------------------------------------------------------- parser


class _Parser:
    def __init__(self, function: Callable[..., Any], source: _Source, definer_locals: dict[str, Any]):
        self.function = function
        self.source = source
        self.file_attr = StringAttr(source.file)
        self.enclosing = {**definer_locals, **_closure(function)}
        self.globals = function.__globals__
        self.scopes: list[dict[str, Any]] = [{}]
        self.blocks: list[Block] = []
        self.launch: LaunchGridOp | None = None
        self.prologue: list[Operation] = []
        self.constants: dict[int, SSAValue] = {}
        self.materialized: list[dict[tuple, SSAValue]] = [{}]
        self.parallel: tuple[ParallelVar, ...] | None = None
        self.parallel_extents: tuple[int, ...] = ()
        self.staged: dict[tuple, BufferVar] = {}
        self.written: set[SSAValue] = set()
        """Buffers something has stored to (see `needs_new_version`)."""
        self.written_in: dict[Block, set[SSAValue]] = {}
        """The buffers stored to in each block, directly or in a T.Parallel body."""
        self.read_first: dict[Block, set[SSAValue]] = {}
        """The buffers each block (a loop body) reads before storing to them: the values
        the loop carries from one iteration to the next."""
        self.vector_axes: dict[SSAValue, tuple[int, str]] = {}
        """Vector buffer -> which block dimension it runs along (0: one value per row,
        1: per column) and what decided it, for the message if a use disagrees."""
        self.scalers: dict[Attribute, SSAValue] = {}
        """The tile of ones each reduction's `reduce_tile` scales by, per element type."""
        self.node: ast.AST = source.tree
        self.frame_base = 0
        """Index of the first scope that names resolve in: a macro's body sees its own
        parameters and assignments, not its caller's names (see `inline_macro`)."""
        self.macros: list[T.Macro] = []
        """The macros being inlined, outermost first (to refuse recursion)."""
        self.parallel_scope = 0
        """Index of the scope of the innermost T.Parallel loop's indices."""

    # ------------------------------------------------------------------ diagnostics

    def location(self, node: ast.AST) -> tuple[int, int]:
        line = getattr(node, "lineno", self.source.tree.lineno) + self.source.line_offset
        col = getattr(node, "col_offset", 0) + self.source.col_offset + 1
        return line, col

    def error(self, node: ast.AST, message: str) -> NoReturn:
        line, col = self.location(node)
        raise TileLangError(f"{self.source.file}:{line}:{col}", message)

    def text(self, node: ast.AST) -> str:
        return ast.unparse(node)

    def add(self, op: Operation, node: ast.AST | None = None) -> Operation:
        """Appends `op` to the current block, located at `node` (or the statement)."""
        self.set_location(op, node or self.node)
        self.blocks[-1].add_op(op)
        for body in self.blocks[2:]:
            unwritten = [b for b in buffers_read(op) if b not in self.written_in.get(body, set())]
            self.read_first.setdefault(body, set()).update(unwritten)
        written = op.dst if isinstance(op, CopyOp | MaskOp) else op.operands[-1] if isinstance(op, WRITES_LAST_OPERAND) else None
        if written is not None:
            self.written.add(written)
            self.written_in.setdefault(self.blocks[-1], set()).add(written)
        return op

    def set_location(self, op: Operation, node: ast.AST) -> None:
        line, col = self.location(node)
        op.location = FileLineColLoc(self.file_attr, IntAttr(line), IntAttr(col))

    # ------------------------------------------------------------------ names

    def lookup(self, node: ast.Name) -> Any:
        for scope in reversed(self.scopes[self.frame_base:]):
            if node.id in scope:
                return scope[node.id]
        if node.id in self.enclosing:
            return self.enclosing[node.id]
        if node.id in self.globals:
            return self.globals[node.id]
        if hasattr(builtins, node.id):
            return getattr(builtins, node.id)
        self.error(node, f"name '{node.id}' is not defined")

    def bind(self, name: str, value: Any) -> None:
        self.scopes[-1][name] = value

    @contextmanager
    def scope(self, block: Block) -> Iterator[None]:
        self.scopes.append({})
        self.blocks.append(block)
        self.materialized.append({})
        try:
            yield
        finally:
            self.scopes.pop()
            self.blocks.pop()
            self.materialized.pop()

    # ------------------------------------------------------------------ function

    def parse(self) -> PrimFunc:
        tree = self.source.tree
        self.node = tree
        args = tree.args
        for kind, extra in (("*args", args.vararg), ("**kwargs", args.kwarg)):
            if extra is not None:
                self.error(extra, f"a prim_func cannot take {kind}; declare each tensor")
        if args.posonlyargs or args.kwonlyargs or args.defaults or args.kw_defaults:
            self.error(tree, "prim_func arguments must be plain `name: T.Tensor(shape, dtype)`")
        specs = [self.tensor_spec(arg) for arg in args.args]
        types = [_memref(shape, dtype) for shape, dtype in specs]
        body = Block(arg_types=types)
        function = func.FuncOp(tree.name, (types, []), Region(body))
        self.set_location(function, tree)
        tensors = []
        for arg, value, (shape, dtype) in zip(args.args, body.args, specs):
            value.name_hint = arg.arg
            tensor = TensorArg(arg.arg, value, shape, dtype)
            tensors.append(tensor)
            self.bind(arg.arg, tensor)
        self.blocks.append(body)
        for statement in tree.body:
            self.statement(statement)
        if self.launch is None:
            self.error(tree, "a prim_func needs a `with T.Kernel(...) as (bx, by):` block")
        self.add(func.ReturnOp(), tree)
        module = ModuleOp([function])
        text = print_module(module)
        if text not in _VERIFIED:
            # Verification depends on the IR alone, so a program printed the same as one
            # already verified (a prim_func rebuilt with the same shapes) is not verified again.
            try:
                verify_located(module)
            except TTDiagnostic as err:
                raise TileLangError(err.location, err.message) from None
            _VERIFIED.add(text)
        return PrimFunc(tree.name, module, tuple(tensors), text)

    def tensor_spec(self, arg: ast.arg) -> tuple[tuple[int, ...], str]:
        if arg.annotation is None:
            self.error(arg, f"argument '{arg.arg}' needs a `T.Tensor(shape, dtype)` annotation")
        spec = self.function.__annotations__.get(arg.arg)
        if not isinstance(spec, T.Tensor):
            spec = self.annotation(arg, "a tensor annotation")
        if not isinstance(spec, T.Tensor):
            self.error(
                arg, f"argument '{arg.arg}' must be annotated `T.Tensor(shape, dtype)`, got "
                f"{self.text(arg.annotation)}"
            )
        shape = spec.shape
        if not shape or not all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in shape):
            self.error(arg, f"tensor '{arg.arg}' needs a static shape of positive integers, got {shape}")
        return shape, self.dtype(spec.dtype, arg)

    def annotation(self, arg: ast.arg, what: str) -> Any:
        """The value of `arg`'s annotation, evaluated in the current function's scope.
        Python evaluated it when the function was defined (it may use variables the body
        does not) unless `from __future__ import annotations` made it a string."""
        assert arg.annotation is not None
        annotation = arg.annotation
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            annotation = ast.parse(annotation.value, mode="eval").body
            for child in ast.walk(annotation):
                ast.copy_location(child, arg.annotation)
        return self.static(annotation, what)

    def dtype(self, dtype: Any, node: ast.AST) -> str:
        name = str(dtype)
        if name in T.DTYPES:
            return T.DTYPES[name]
        if name in T.REFUSED_DTYPES:
            self.error(node, f"dtype \"{name}\" is not supported: {T.REFUSED_DTYPES[name]}")
        shown = f'"{dtype}"' if isinstance(dtype, str) else repr(dtype)
        self.error(node, f"dtype {shown} is not supported "
                   "(supported: \"bfloat16\", \"float32\", \"float\")")

    # ------------------------------------------------------------------ statements

    def statement(self, node: ast.stmt) -> None:
        self.node = node
        if isinstance(node, ast.With):
            return self.kernel(node)
        if isinstance(node, ast.For):
            return self.for_loop(node)
        if isinstance(node, ast.Assign):
            return self.assign(node)
        if isinstance(node, ast.AugAssign):
            return self.aug_assign(node)
        if isinstance(node, ast.Expr):
            return self.expression_statement(node)
        if isinstance(node, ast.Pass):
            return None
        if isinstance(node, ast.If):
            return self.if_statement(node)
        what = STATEMENT_NAMES.get(type(node), f"a {type(node).__name__} statement")
        self.error(node, f"{what} is not supported in a T.prim_func")

    def if_statement(self, node: ast.If) -> None:
        """TileLang's `if` on a compile-time condition (a flag such as `trans_B` or `relu`
        from the enclosing function): only the branch taken is compiled, in the current
        scope (names it assigns stay visible after it, as in Python). In a T.Parallel body,
        a bounds guard (`bounds_guard`) is compiled as its body."""
        if self.parallel and (guard := self.bounds_guard(node.test)) is not None:
            self.check_guarded_stores(node, guard)
            taken = node.body
        else:
            taken = node.body if self.condition(node.test, "an if condition") else node.orelse
        for statement in taken:
            if self.parallel:
                self.parallel_statement(statement)
            else:
                self.statement(statement)

    def bounds_guard(self, test: ast.expr) -> list[tuple[Shifted, int]] | None:
        """`y < M`, `x <= N - 1`, `M > y` and `and`s of them, where `y`, `x` are element
        indices of the T.Parallel loop (`by * block_M + i`) and `M`, `N` compile-time
        integers: the (index, exclusive bound) pairs. None for any other condition."""
        if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
            terms: list[tuple[Shifted, int]] = []
            for operand in test.values:
                part = self.bounds_guard(operand)
                if part is None:
                    return None
                terms += part
            return terms
        if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
            return None
        op, left, right = test.ops[0], self.expression(test.left), self.expression(test.comparators[0])
        if isinstance(op, ast.Gt | ast.GtE):
            left, right = right, left
            op = ast.Lt() if isinstance(op, ast.Gt) else ast.LtE()
        if not isinstance(op, ast.Lt | ast.LtE) or not isinstance(left, Shifted):
            return None
        if isinstance(right, bool) or not isinstance(right, int):
            return None
        return [(left, right + 1 if isinstance(op, ast.LtE) else right)]

    def check_guarded_stores(self, node: ast.If, guard: list[tuple[Shifted, int]]) -> None:
        """A bounds guard is what the padded tensors do anyway: an element past a tensor's
        end reads zero and is not stored. So its body may only store tensor elements, each
        at an index that every guard term bounds by at least the tensor's extent; then the
        body runs unguarded with the same result. Anything else is refused here."""
        what = f"the guard `{self.text(node.test)}`"
        if node.orelse:
            self.error(node.orelse[0], f"an else branch of {what} is not supported: the guard "
                       "only masks stores past the end of tensors")
        for statement in node.body:
            target = statement.targets[0] if isinstance(statement, ast.Assign) and len(statement.targets) == 1 else None
            tensor = self.expression(target.value) if isinstance(target, ast.Subscript) else None
            if not isinstance(tensor, TensorArg):
                self.error(statement, f"under {what} only stores to tensor elements are supported "
                           "(the guard masks stores past the end of tensors); "
                           f"`{self.text(statement)}` is not one")
            assert isinstance(target, ast.Subscript)
            self.check_guard_covers(node.test, guard, tensor, target, "masks stores past", "stored")

    def check_guard_covers(self, test: ast.expr, guard: list[tuple[Shifted, int]], tensor: TensorArg,
                           element: ast.Subscript, masks: str, accessed: str) -> None:
        """Every term `index < bound` of `guard` bounds `element`'s index in some dimension
        by at least the tensor's extent there: where the guard is false, the element is
        past the tensor's end."""
        indices = element.slice.elts if isinstance(element.slice, ast.Tuple) else [element.slice]
        values = [self.expression(index) for index in indices]
        for index, bound in guard:
            dims = [d for d, value in enumerate(values) if value == index]
            if not any(bound >= tensor.shape[d] for d in dims):
                extent = ", ".join(str(tensor.shape[d]) for d in dims) or "none"
                self.error(test, f"the guard `{self.text(test)}` is only supported where it {masks} "
                           f"the end of the tensor: a term `index < bound` needs the {accessed} "
                           f"element's index in a dimension whose extent is at most the bound; "
                           f"`{self.text(element)}` has extent {extent} there, bound {bound}")

    def if_then_else(self, node: ast.Call) -> Load:
        """`T.if_then_else(guard, A[y, x], 0)` in a T.Parallel body, where `guard` is a
        bounds guard on the element's indices: past a tensor's end its padding reads zero,
        so this is the element itself."""
        self.keywords(node, "T.if_then_else")
        if len(node.args) != 3:
            self.error(node, f"T.if_then_else takes a condition and two values, got {len(node.args)} arguments")
        test, then, otherwise = node.args
        mask = self.mask(test, then, otherwise)
        if mask is not None:
            return mask
        guard = self.bounds_guard(test)
        if guard is None:
            self.error(test, f"the condition of T.if_then_else is supported as a bounds guard on a "
                       f"tensor element's indices (`y < M and x < N`); `{self.text(test)}` is not one")
        zero = self.static(otherwise, "the else value of T.if_then_else")
        if isinstance(zero, bool) or zero != 0:
            self.error(otherwise, f"the else value of T.if_then_else is supported as 0 (what a padded "
                       f"tensor holds past its end), got {self.text(otherwise)}")
        value = self.parallel_value(then) if isinstance(then, ast.Subscript) else None
        if not isinstance(value, Load) or not isinstance(value.source, TensorArg):
            self.error(then, "the then value of T.if_then_else is supported as a tensor element "
                       f"(`A[y, x]`), got `{self.text(then)}`")
        assert isinstance(then, ast.Subscript)
        self.check_guard_covers(test, guard, value.source, then, "reads zeros past", "read")
        return value

    def condition(self, node: ast.expr, what: str) -> bool:
        return self.truth(node, self.expression(node), what)

    def truth(self, node: ast.expr, value: Any, what: str) -> bool:
        """The truth of `value`, what `node` evaluated to, if known at compile time."""
        if isinstance(value, KERNEL_VALUES):
            self.error(node, f"{what} must be known at compile time; `{self.text(node)}` depends on "
                       "block indices, loop variables or buffer elements (supported: Python values "
                       "of the enclosing function, comparisons of them, and/or/not)")
        return bool(self.evaluate(node, bool, value))

    def kernel(self, node: ast.With) -> None:
        if len(node.items) != 1:
            self.error(node, "a with statement in a prim_func takes exactly one T.Kernel(...)")
        item = node.items[0]
        call = item.context_expr
        if not (isinstance(call, ast.Call) and self.callee(call) is T.Kernel):
            self.error(node, f"`with {self.text(call)}` is not supported: only `with T.Kernel(...)`")
        if self.launch is not None:
            self.error(node, "a prim_func has exactly one T.Kernel; this is a second one")
        self.keywords(call, "T.Kernel", allowed=("threads",))
        extents = [self.static_int(arg, "a T.Kernel extent") for arg in call.args]
        if not 1 <= len(extents) <= 3:
            self.error(call, f"T.Kernel takes one, two or three grid extents here, got {len(extents)}")
        for extent, arg in zip(extents, call.args):
            if extent <= 0:
                self.error(arg, f"T.Kernel extent {self.text(arg)} must be positive, got {extent}")
        names = self.target_names(item.optional_vars, "T.Kernel", len(extents))
        launch = LaunchGridOp(extents + [1] * (2 - len(extents)))
        self.add(launch, node)
        self.launch = launch
        with self.scope(launch.body.block):
            for name, value, extent in zip(names, launch.block_indices, extents):
                value.name_hint = name
                self.bind(name, Affine.of(IndexVar(name, value, len(self.blocks) - 1, 0, extent - 1)))
            for statement in node.body:
                self.statement(statement)
            block = launch.body.block
            first = block.first_op
            # Constants first, then the buffers the front end allocated, each in creation order.
            self.prologue.sort(key=lambda op: not isinstance(op, arith.ConstantOp))
            for op in self.prologue:
                if first is None:
                    block.add_op(op)
                else:
                    block.insert_op_before(op, first)

    def target_names(self, target: ast.expr | None, what: str, count: int) -> list[str]:
        if target is None:
            self.error(self.node, f"{what} needs `as` names for its {count} indices")
        elements = target.elts if isinstance(target, ast.Tuple | ast.List) else [target]
        if not all(isinstance(e, ast.Name) for e in elements):
            self.error(target, f"{what} binds plain names, got {self.text(target)}")
        if len(elements) != count:
            self.error(target, f"{what} has {count} extents but binds {len(elements)} names")
        return [e.id for e in elements]  # type: ignore[union-attr]

    def assign(self, node: ast.Assign) -> None:
        if len(node.targets) != 1:
            self.error(node, "chained assignment (a = b = ...) is not supported")
        target = node.targets[0]
        if isinstance(target, ast.Subscript):
            return self.element_store(target, node.value, node)
        if isinstance(node.value, ast.Call) and self.callee(node.value) in (T.alloc_shared, T.alloc_fragment):
            if not isinstance(target, ast.Name):
                self.error(target, "assign a buffer allocation to a single name")
            return self.bind(target.id, self.allocate(node.value, target.id))
        value = self.parallel_value(node.value) if self.parallel else self.expression(node.value)
        if isinstance(target, ast.Name):
            return self.bind(target.id, value)
        if isinstance(target, ast.Tuple) and all(isinstance(e, ast.Name) for e in target.elts):
            if not isinstance(value, tuple) or len(value) != len(target.elts):
                self.error(node, f"cannot unpack {self.text(node.value)} into {len(target.elts)} names")
            for element, item in zip(target.elts, value):
                self.bind(element.id, item)  # type: ignore[union-attr]
            return None
        self.error(target, f"assignment to {self.text(target)} is not supported")

    def aug_assign(self, node: ast.AugAssign) -> None:
        load = ast.BinOp(left=_as_load(node.target), op=node.op, right=node.value)
        ast.copy_location(load, node)
        if isinstance(node.target, ast.Subscript):
            return self.element_store(node.target, load, node)
        if isinstance(node.target, ast.Name):
            return self.bind(node.target.id, self.expression(load))
        self.error(node.target, f"augmented assignment to {self.text(node.target)} is not supported")

    def expression_statement(self, node: ast.Expr) -> None:
        value = node.value
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return None  # a docstring
        if not isinstance(value, ast.Call):
            self.error(node, f"the expression `{self.text(value)}` has no effect")
        construct = self.callee(value)
        if isinstance(construct, T.Macro):
            return self.inline_macro(value, construct)
        handlers = {T.copy: self.copy, T.gemm: self.gemm, T.clear: self.clear, T.fill: self.fill,
                    **{reduction: self.reduce for reduction in REDUCTIONS}}
        handler = handlers.get(construct)
        if handler is None:
            self.error(value, f"the call `{self.text(value)}` is not a supported statement "
                       "(supported: T.copy, T.gemm, T.clear, T.fill, T.reduce_sum, T.reduce_max, "
                       "T.reduce_min)")
        self.require_kernel(value, self.text(value.func))
        handler(value)

    def require_kernel(self, node: ast.AST, what: str) -> None:
        if self.launch is None or len(self.blocks) < 2:
            self.error(node, f"{what} must be inside `with T.Kernel(...)`")

    # ------------------------------------------------------------------ macros

    def is_macro_call(self, statement: ast.stmt) -> bool:
        return (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
                and isinstance(self.callee(statement.value), T.Macro))

    @contextmanager
    def macro_frame(self, macro: T.Macro, source: _Source) -> Iterator[dict[str, Any]]:
        """Compiles in `macro`'s frame: its source locates ops and errors, and names resolve
        in a scope of its own, then in its closure, its definer's variables and its globals
        (not in the caller's names, as in Python). Yields the macro's scope."""
        saved = (self.source, self.file_attr, self.enclosing, self.globals, self.frame_base, self.node)
        self.source, self.file_attr = source, StringAttr(source.file)
        self.enclosing = {**macro.definer_locals, **_closure(macro.function)}
        self.globals = macro.function.__globals__
        self.scopes.append({})
        self.frame_base = len(self.scopes) - 1
        self.macros.append(macro)
        try:
            yield self.scopes[-1]
        finally:
            self.macros.pop()
            self.scopes.pop()
            self.source, self.file_attr, self.enclosing, self.globals, self.frame_base, self.node = saved

    def inline_macro(self, call: ast.Call, macro: T.Macro) -> None:
        """A call of a `@T.macro`: its body compiled in place, its parameters bound to the
        call's arguments (tensors, buffers, index values, compile-time values)."""
        name = macro.__name__
        if macro in self.macros:
            chain = " -> ".join(m.__name__ for m in self.macros[self.macros.index(macro):])
            self.error(call, f"the T.macro '{name}' calls itself ({chain} -> {name}): recursion is "
                       "not supported (a macro is inlined at each call)")
        try:
            source = _source_of(macro.function, "@T.macro")
        except TileLangError as err:
            if err.location:
                raise
            self.error(call, err.message)
        evaluate = self.parallel_value if self.parallel else self.expression
        positional: list[tuple[ast.expr, Any]] = []
        for arg in call.args:
            if isinstance(arg, ast.Starred):
                self.error(arg, f"*args are not supported in a call of the T.macro '{name}'")
            positional.append((arg, evaluate(arg)))
        keywords: dict[str, tuple[ast.AST, Any]] = {}
        for keyword in call.keywords:
            if keyword.arg is None:
                self.error(keyword, f"**kwargs are not supported in a call of the T.macro '{name}'")
            keywords[keyword.arg] = (keyword, evaluate(keyword.value))
        tree = source.tree
        with self.macro_frame(macro, source):
            params = self.macro_parameters(tree)
            specs = {param.arg: self.macro_annotation(param, name) for param in params}
        bound = self.bind_macro_arguments(call, name, params, positional, keywords, macro.function)
        for param in params:
            node, value = bound[param.arg]
            self.check_macro_argument(name, param.arg, specs[param.arg], node, value)
        with self.macro_frame(macro, source) as scope:
            scope.update({param: value for param, (_, value) in bound.items()})
            for statement in tree.body:
                if self.parallel:
                    self.parallel_statement(statement)
                else:
                    self.statement(statement)

    def macro_parameters(self, tree: ast.FunctionDef) -> list[ast.arg]:
        args = tree.args
        for kind, extra in (("*args", args.vararg), ("**kwargs", args.kwarg)):
            if extra is not None:
                self.error(extra, f"a T.macro cannot take {kind}; declare each parameter")
        return [*args.posonlyargs, *args.args, *args.kwonlyargs]

    def bind_macro_arguments(
        self, call: ast.Call, name: str, params: list[ast.arg], positional: list[tuple[ast.expr, Any]],
        keywords: dict[str, tuple[ast.AST, Any]], function: Callable[..., Any],
    ) -> dict[str, tuple[ast.AST, Any]]:
        """Parameter name -> (the argument's node, its value), as Python binds a call."""
        code = function.__code__
        by_position = [p.arg for p in params][: code.co_argcount]
        posonly = set([p.arg for p in params][: code.co_posonlyargcount])
        listed = ", ".join(p.arg for p in params)
        if len(positional) > len(by_position):
            self.error(call, f"the T.macro '{name}' takes {len(by_position)} positional argument"
                       f"{'' if len(by_position) == 1 else 's'} ({', '.join(by_position)}), "
                       f"got {len(positional)}")
        bound: dict[str, tuple[ast.AST, Any]] = dict(zip(by_position, positional))
        for keyword, (node, value) in keywords.items():
            if keyword not in [p.arg for p in params] or keyword in posonly:
                self.error(node, f"the T.macro '{name}' has no parameter '{keyword}' "
                           f"(its parameters: {listed})")
            if keyword in bound:
                self.error(node, f"the T.macro '{name}' got argument '{keyword}' both by position "
                           "and by keyword")
            bound[keyword] = (node, value)
        defaults = dict(zip(by_position[len(by_position) - len(function.__defaults__ or ()):],
                            function.__defaults__ or ()))
        defaults.update(function.__kwdefaults__ or {})
        missing = [p.arg for p in params if p.arg not in bound and p.arg not in defaults]
        if missing:
            names = ", ".join(f"'{m}'" for m in missing)
            self.error(call, f"the T.macro '{name}' is missing argument{'s' if len(missing) > 1 else ''} "
                       f"{names} (its parameters: {listed})")
        for param in params:
            if param.arg not in bound:
                bound[param.arg] = (call, defaults[param.arg])
        return {p.arg: bound[p.arg] for p in params}

    def macro_annotation(self, param: ast.arg, name: str) -> Any:
        """What a macro parameter's annotation asks of its argument: a `T.Tensor`, a
        `T.SharedBuffer` / `T.FragmentBuffer`, "index" (`T.int32`, `int`), "number"
        (`T.float32`, `float`) or None (no annotation). Evaluated in the macro's frame."""
        if param.annotation is None:
            return None
        spec = self.macros[-1].function.__annotations__.get(param.arg)
        if not isinstance(spec, T.Tensor | T.SharedBuffer) and spec not in (int, float):
            spec = self.annotation(param, "a macro parameter annotation")
        if isinstance(spec, T.Tensor | T.SharedBuffer):
            self.dtype(spec.dtype, param.annotation)
            return spec
        if spec is int or (isinstance(spec, str) and spec in T.INDEX_DTYPES):
            return "index"
        if spec is float or (isinstance(spec, str) and spec in T.DTYPES):
            return "number"
        self.error(param.annotation, f"the annotation `{self.text(param.annotation)}` of parameter "
                   f"'{param.arg}' of the T.macro '{name}' is not supported (supported: T.Tensor, "
                   "T.Buffer, T.SharedBuffer, T.FragmentBuffer with a shape and dtype, T.int32, "
                   "T.int64, T.uint32, int, T.float32, float)")

    def check_macro_argument(self, name: str, param: str, spec: Any, node: ast.AST, value: Any) -> None:
        """Refuses, at the argument, a value that does not match its parameter's annotation."""
        if spec is None:
            return
        what = f"argument '{param}' of the T.macro '{name}'"
        shown = self.text(node.value if isinstance(node, ast.keyword) else node)
        if isinstance(spec, T.Tensor | T.SharedBuffer):
            # TileLang's macros annotate buffers T.Buffer too (T.Buffer is T.Tensor here).
            is_tensor = isinstance(spec, T.Tensor)
            kind = "T.Tensor" if is_tensor else f"T.{type(spec).__name__}"
            expected = (TensorArg, BufferVar) if is_tensor else BufferVar
            if not isinstance(value, expected):
                noun = "a tensor or a buffer" if is_tensor else "a buffer (T.alloc_shared/T.alloc_fragment)"
                self.error(node, f"{what} is annotated {kind}: it takes {noun}, got `{shown}`")
            element = ELEMENT_TYPES[T.DTYPES[str(spec.dtype)]]
            actual = value.type.element_type if isinstance(value, BufferVar) else ELEMENT_TYPES[value.dtype]
            if tuple(spec.shape) != tuple(value.shape) or element != actual:
                self.error(node, f"{what} is annotated {kind} {_shape(spec.shape)}x{element}, but "
                           f"`{shown}` is {_shape(value.shape)}x{actual}")
            return
        if spec == "index":
            if isinstance(value, bool) or not isinstance(value, int | Affine):
                self.error(node, f"{what} is annotated as an integer: it takes a block or loop index, "
                           f"an index expression or a compile-time int, got `{shown}`")
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(node, f"{what} is annotated as a number: it takes a compile-time number, got `{shown}`")

    # ------------------------------------------------------------------ buffers and ops

    def allocate(self, call: ast.Call, name: str) -> BufferVar:
        construct = self.callee(call)
        what = "T.alloc_shared" if construct is T.alloc_shared else "T.alloc_fragment"
        self.require_kernel(call, what)
        if self.parallel:
            self.error(call, f"{what} inside T.Parallel is not supported")
        self.keywords(call, what, allowed=("scope",))
        if len(call.args) not in (1, 2):
            self.error(call, f"{what} takes (shape, dtype)")
        shape = self.static(call.args[0], f"a {what} shape")
        if isinstance(shape, int):
            shape = (shape,)
        if not isinstance(shape, tuple | list) or not all(
            isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in shape
        ):
            self.error(call.args[0], f"{what} shape must be a tuple of positive integers, "
                       f"got {shape!r}")
        dtype = self.static(call.args[1], f"a {what} dtype") if len(call.args) == 2 else "float32"
        type_ = _memref(shape, self.dtype(dtype, call.args[-1]))
        op_class = AllocSharedOp if construct is T.alloc_shared else AllocFragmentOp
        op = self.add(op_class(type_), call)
        op.results[0].name_hint = name
        return BufferVar(name, op.results[0], tuple(shape))

    def buffer(self, node: ast.expr, what: str) -> BufferVar:
        value = self.expression(node)
        if not isinstance(value, BufferVar):
            self.error(node, f"{what} must be a buffer from T.alloc_shared/T.alloc_fragment, got "
                       f"{self.text(node)}")
        return value

    def clear(self, call: ast.Call) -> None:
        self.keywords(call, "T.clear")
        if len(call.args) != 1:
            self.error(call, "T.clear takes one buffer")
        self.add(ClearOp(self.buffer(call.args[0], "T.clear's operand").value), call)

    def fill(self, call: ast.Call) -> None:
        self.keywords(call, "T.fill")
        if len(call.args) != 2:
            self.error(call, "T.fill takes (buffer, value)")
        buffer = self.buffer(call.args[0], "T.fill's operand")
        value = self.static(call.args[1], "a T.fill value")
        if not isinstance(value, int | float) or isinstance(value, bool):
            self.error(call.args[1], f"T.fill value must be a number, got {value!r}")
        self.add(FillOp(buffer.value, self.f32_number(value, call.args[1])), call)

    def gemm(self, call: ast.Call) -> None:
        flags = self.keywords(call, "T.gemm", allowed=("transpose_A", "transpose_B", "policy"))
        if "policy" in flags:  # a GPU warp split: Tensix has none
            policy = self.static(flags.pop("policy"), "T.gemm's policy")
            if not isinstance(policy, T.GemmWarpPolicy):
                members = ", ".join(f"T.GemmWarpPolicy.{m.name}" for m in T.GemmWarpPolicy)
                self.error(call.keywords[[k.arg for k in call.keywords].index("policy")].value,
                           f"T.gemm's policy must be one of {members} (accepted and ignored: "
                           f"Tensix has no warps), got {policy!r}")
        if not 3 <= len(call.args) <= 5:
            self.error(call, "T.gemm takes (A, B, C[, transpose_A[, transpose_B]])")
        a, b, c = (self.buffer(arg, f"T.gemm's {n}") for arg, n in zip(call.args, "ABC"))
        for name, arg in zip(("transpose_A", "transpose_B"), call.args[3:]):
            if name in flags:
                self.error(arg, f"T.gemm got {name} both by position and by keyword")
            flags[name] = arg
        transpose = {}
        for name in ("transpose_A", "transpose_B"):
            value = self.static(flags[name], name) if name in flags else False
            if not isinstance(value, bool):
                self.error(flags[name], f"{name} must be True or False, got {value!r}")
            transpose[name] = value
        op = GemmOp(a.value, b.value, c.value, transpose["transpose_A"], transpose["transpose_B"])
        self.add(op, call)

    def copy(self, call: ast.Call) -> None:
        self.keywords(call, "T.copy")
        if len(call.args) != 2:
            self.error(call, "T.copy takes (src, dst)")
        src, dst = (self.copy_operand(arg) for arg in call.args)
        if isinstance(src, TensorArg | TensorRegion) and isinstance(dst, TensorArg | TensorRegion):
            self.error(call, "T.copy between two tensors is not supported: T.copy moves a region "
                       "between a tensor and a buffer (T.alloc_shared/T.alloc_fragment)")
        src_indices: list[SSAValue] = []
        dst_indices: list[SSAValue] = []
        if isinstance(src, BufferVar) and isinstance(dst, BufferVar):
            self.add(CopyOp(src.value, dst.value), call)
            return
        if isinstance(src, BufferVar):
            buffer, region, indices, arg = src, dst, dst_indices, call.args[1]
        else:
            buffer, region, indices, arg = dst, src, src_indices, call.args[0]
        assert isinstance(buffer, BufferVar)
        if isinstance(region, TensorArg):
            region = TensorRegion(region, tuple(Affine(0) for _ in region.shape), region.shape)
        assert isinstance(region, TensorRegion)
        lead = len(region.offsets) - len(buffer.shape)
        if lead > 0 and len(buffer.shape) == 2:
            # A 2-D block of a higher-rank tensor: the leading dimensions are indexed
            # with scalars, the last two are the block's.
            for dim in range(lead):
                if region.extents[dim] is not None:
                    self.error(arg, f"T.copy region {self.text(arg)} of tensor '{region.tensor.name}' "
                               f"has a range in dimension {dim}: a {len(buffer.shape)}-D buffer "
                               f"'{buffer.name}' is copied from the last two dimensions of a "
                               f"rank-{len(region.offsets)} tensor, with scalar indices (block "
                               "indices, loop variables, affine expressions of them) for the "
                               f"leading {lead}")
            extents = region.extents[lead:]
        elif len(region.offsets) != len(buffer.shape):
            self.error(arg, f"T.copy region {self.text(arg)} has rank {len(region.offsets)} but "
                       f"buffer '{buffer.name}' has rank {len(buffer.shape)}")
        else:
            extents = region.extents
        for dim, (extent, size) in enumerate(zip(extents, buffer.shape), start=max(lead, 0)):
            if extent is not None and extent != size:
                self.error(arg, f"T.copy region {self.text(arg)} has extent {extent} in dim {dim} "
                           f"but buffer '{buffer.name}' has {size}")
        indices.extend(self.materialize(offset) for offset in region.offsets)
        values = [side.value if isinstance(side, BufferVar) else region.tensor.value for side in (src, dst)]
        self.add(CopyOp(values[0], values[1], src_indices, dst_indices), call)

    def copy_operand(self, node: ast.expr) -> TensorArg | BufferVar | TensorRegion:
        if isinstance(node, ast.Subscript):
            base = self.expression(node.value)
            if isinstance(base, BufferVar):
                self.error(node, f"T.copy of part of buffer '{base.name}' is not supported: "
                           "copy whole buffers")
            if not isinstance(base, TensorArg):
                self.error(node.value, f"T.copy operand {self.text(node.value)} is not a tensor or buffer")
            items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            if len(items) != len(base.shape):
                self.error(node, f"tensor '{base.name}' has rank {len(base.shape)} but is indexed "
                           f"with {len(items)} indices")
            offsets, extents = [], []
            for item, size in zip(items, base.shape):
                offset, extent = self.region_index(item, size)
                offsets.append(offset)
                extents.append(extent)
            return TensorRegion(base, tuple(offsets), tuple(extents))
        value = self.expression(node)
        if not isinstance(value, TensorArg | BufferVar):
            self.error(node, f"T.copy operand {self.text(node)} is not a tensor or buffer")
        return value

    def region_index(self, node: ast.expr, size: int) -> tuple[Affine, int | None]:
        """(offset, extent) of one dimension of a `T.copy` region; `:` is the whole
        dimension (`size`)."""
        if not isinstance(node, ast.Slice):
            return self.index(node), None
        if node.step is not None:
            self.error(node, f"a strided slice {self.text(node)} is not supported in T.copy")
        lower = self.index(node.lower) if node.lower is not None else Affine(0)
        if node.upper is None and node.lower is None:
            return lower, size
        if node.upper is None:
            self.error(node, f"the slice {self.text(node)} needs an upper bound")
        extent = self.index(node.upper).sub(lower)
        if extent.terms:
            self.error(node, f"the slice {self.text(node)} must have a constant extent")
        return lower, extent.const

    # ------------------------------------------------------------------ loops

    def for_loop(self, node: ast.For) -> None:
        if node.orelse:
            self.error(node, "a for ... else loop is not supported")
        if not isinstance(node.iter, ast.Call):
            self.error(node.iter, f"a loop over {self.text(node.iter)} is not supported "
                       "(supported: T.Pipelined, T.serial, range, T.Parallel)")
        construct = self.callee(node.iter)
        self.require_kernel(node, "a loop")
        if construct is T.Parallel:
            return self.parallel_loop(node)
        if self.parallel:
            self.error(node, "loops inside T.Parallel are not supported")
        if construct is T.Pipelined:
            flags = self.keywords(node.iter, "T.Pipelined", allowed=("num_stages",))
            stages = self.static_int(flags["num_stages"], "num_stages") if "num_stages" in flags else 0
            if stages < 0:
                self.error(flags["num_stages"], f"num_stages must be at least 0, got {stages}")
            bounds = self.loop_bounds(node.iter, "T.Pipelined", allow_step=False)
        elif construct is T.serial or construct is builtins.range:
            name = "T.serial" if construct is T.serial else "range"
            self.keywords(node.iter, name)
            bounds, stages = self.loop_bounds(node.iter, name, allow_step=True), 0
        else:
            self.error(node.iter, f"a loop over {self.text(node.iter)} is not supported "
                       "(supported: T.Pipelined, T.serial, range, T.Parallel)")
        if not isinstance(node.target, ast.Name):
            self.error(node.target, f"the loop binds one name, got {self.text(node.target)}")
        lower, upper, step = (self.materialize(b) for b in bounds)
        body = Block(arg_types=[IndexType()])
        loop = scf.ForOp(lower, upper, step, [], body)
        if stages:
            loop.attributes[annotations.PIPELINE] = PipelineAttr(stages)
        self.add(loop, node)
        induction = body.args[0]
        induction.name_hint = node.target.id
        low, high = self.index_bounds(bounds[0])[0], self.index_bounds(bounds[1])[1]
        with self.scope(body):
            variable = IndexVar(node.target.id, induction, len(self.blocks) - 1, low,
                                None if high is None else high - 1)
            self.bind(node.target.id, Affine.of(variable))
            for statement in node.body:
                self.statement(statement)
            self.add(scf.YieldOp(), node)

    def loop_bounds(self, call: ast.Call, what: str, allow_step: bool) -> tuple[Affine, Affine, Affine]:
        count = len(call.args)
        if not 1 <= count <= (3 if allow_step else 2):
            self.error(call, f"{what} takes {'(stop), (start, stop) or (start, stop, step)' if allow_step else '(stop) or (start, stop)'}")
        values = [self.index(arg) for arg in call.args]
        if count == 1:
            values.insert(0, Affine(0))
        if len(values) == 2:
            values.append(Affine(1))
        step = values[2]
        if step.terms or step.const <= 0:
            self.error(call, f"{what} step must be a positive constant")
        return values[0], values[1], step

    def parallel_loop(self, node: ast.For) -> None:
        if self.parallel:
            self.error(node, "nested T.Parallel loops are not supported: use one T.Parallel(m, n)")
        self.keywords(node.iter, "T.Parallel")
        call = node.iter
        assert isinstance(call, ast.Call)
        extents = tuple(self.static_int(arg, "a T.Parallel extent") for arg in call.args)
        if not extents:
            self.error(call, "T.Parallel takes one or more extents")
        for extent, arg in zip(extents, call.args):
            if extent <= 0:
                self.error(arg, f"T.Parallel extent {self.text(arg)} must be positive, "
                           f"got {extent}")
        names = self.target_names(node.target, "T.Parallel", len(extents))
        self.scopes.append({name: ParallelVar(name) for name in names})
        self.parallel_scope = len(self.scopes) - 1
        self.parallel = tuple(self.scopes[-1].values())
        self.parallel_extents = extents
        self.staged = {}
        try:
            for statement in node.body:
                self.parallel_statement(statement)
        finally:
            self.scopes.pop()
            self.parallel = None

    def parallel_statement(self, statement: ast.stmt) -> None:
        """A statement of a T.Parallel body: an element assignment, `pass`, an `if` on a
        compile-time condition around them, or a macro call (whose body holds them)."""
        elementwise = isinstance(statement, ast.Assign | ast.AugAssign | ast.Pass | ast.If)
        if not elementwise and not self.is_macro_call(statement):
            what = STATEMENT_NAMES.get(type(statement), f"a {type(statement).__name__} statement")
            if isinstance(statement, ast.For):
                iterable = statement.iter
                if isinstance(iterable, ast.Call) and self.callee(iterable) is T.Parallel:
                    self.error(statement, "nested T.Parallel loops are not supported: "
                               "use one T.Parallel(m, n)")
                what = "a loop"
            elif isinstance(statement, ast.Expr):
                if isinstance(statement.value, ast.Call):
                    self.callee(statement.value)  # names T.atomic_add as not in T
                what = f"the statement `{self.text(statement)}`"
            self.error(statement, f"{what} is not supported inside T.Parallel ({ELEMENTWISE_HELP})")
        self.statement(statement)

    # ------------------------------------------------------------------ T.Parallel bodies

    def element_store(self, target: ast.Subscript, value: ast.expr, node: ast.stmt) -> None:
        if not self.parallel:
            self.error(target, f"element assignment {self.text(target)} = ... is only supported "
                       "inside T.Parallel")
        destination = self.element_load(target)
        expr = self.parallel_value(value)
        if not isinstance(expr, Load | Elementwise):
            self.error(value, f"{self.text(value)} is not an elementwise expression ({ELEMENTWISE_HELP})")
        extents = ", ".join(map(str, self.parallel_extents))
        if destination.vector_dim is not None:
            self.error(node, f"a store to the vector element {self.text(target)} in "
                       f"T.Parallel({extents}) combines the values along the other index: use "
                       "T.reduce_sum / T.reduce_max / T.reduce_min, or a T.Parallel over the "
                       "vector alone")
        if expr.vector_dim is not None:
            self.error(node, f"`{self.text(value)}` has one value per "
                       f"{_AXIS_NAMES[expr.vector_dim]}, but {self.text(target)} needs one per "
                       "element: combine it with a block element (`x[i, j] * s[i]`)")
        if isinstance(destination.source, BufferVar):
            buffer = destination.source
            if self.needs_new_version(buffer):
                buffer = self.new_version(buffer, node)
            else:
                self.hold_values_read_from(buffer, node)
            self.emit_elementwise(expr, buffer, node)
            return
        self.hold_values_read_from(destination.source, node)
        tensor = destination.source
        if isinstance(expr, Load) and isinstance(expr.source, TensorArg):
            self.error(node, f"copying tensor '{expr.source.name}' into tensor '{tensor.name}' in "
                       f"T.Parallel is not supported: store a buffer element or a computed value "
                       f"({ELEMENTWISE_HELP})")
        if isinstance(expr, Load):
            block = self.operand_buffer(expr, node)
        else:
            block = self.block_buffer(tensor, f"{tensor.name}_block", node)
            self.emit_elementwise(expr, block, node)
        offsets = [self.materialize(offset) for offset in destination.offsets]
        self.add(CopyOp(block.value, tensor.value, dst_indices=offsets), node)
        # Later reads of the block see the values just stored (not DRAM, which the reader
        # kernel would read without waiting for the writer); other blocks of the tensor
        # are read again.
        self.staged = {key: staged for key, staged in self.staged.items() if key[0] != id(tensor)}
        self.staged[destination.key] = block

    def needs_new_version(self, buffer: BufferVar) -> bool:
        """A store to a buffer that already holds a value, in the kernel's straight-line
        code, goes to a new buffer: a circular buffer cannot be updated in place and then
        copied out. In a loop body, a buffer the loop carries (read in an iteration before
        the iteration stores to it) stays whatever the body stores to it: the next
        iteration, and the ops after the loop, must see the same buffer (`acc[i, j] +=
        ...`; attention's running maximum, read, refilled and updated in each iteration);
        its updates are generations of one circular buffer. A buffer the iteration gives its
        value first (a block copied in, scores cleared and computed) goes to a new buffer at
        its second store, as in straight-line code. A gemm's result is no exception:
        `tt-schedule-compute` keeps a unary op on it in DST whatever buffer the op writes."""
        if buffer.value not in self.written:
            return False
        if len(self.blocks) == 2:
            return True
        return all(
            buffer.value in self.written_in.get(body, set()) and buffer.value not in self.read_first.get(body, set())
            for body in self.blocks[2:]
        )

    def new_version(self, buffer: BufferVar, node: ast.AST) -> BufferVar:
        """A new buffer like `buffer`, which the names bound to `buffer` now denote."""
        owner = buffer.value.owner
        assert isinstance(owner, AllocSharedOp | AllocFragmentOp)
        op = type(owner)(buffer.type)
        self.set_location(op, node)
        op.results[0].name_hint = buffer.name
        if owner.parent is None:  # allocated by the front end, in the prologue
            self.prologue.insert(self.prologue.index(owner) + 1, op)
        else:
            owner.parent.insert_op_after(op, owner)
        version = BufferVar(buffer.name, op.results[0], buffer.shape)
        for scope in self.scopes:
            for name, value in scope.items():
                if value == buffer:
                    scope[name] = version
        return version

    def hold_values_read_from(self, written: BufferVar | TensorArg, node: ast.AST) -> None:
        """Before `written` is stored to: names bound in this T.Parallel loop to expressions
        reading it get their value now, in a buffer, as Python would have computed it at
        the assignment."""
        for scope in self.scopes[self.parallel_scope:]:  # the loop's and its macros' names
            self.hold_scope_values(scope, written, node)

    def hold_scope_values(self, scope: dict[str, Any], written: BufferVar | TensorArg, node: ast.AST) -> None:
        for name, value in scope.items():
            if isinstance(value, Load | Elementwise) and _reads(value, written):
                if isinstance(value, Load) and isinstance(value.source, TensorArg):
                    scope[name] = Load(self.operand_buffer(value, node))
                    continue
                held = self.block_buffer(_first_source(value), f"{name}_value", node, value.vector_dim)
                self.emit_elementwise(value, held, node)
                scope[name] = Load(held, vector_dim=value.vector_dim)

    def emit_elementwise(self, expr: ElementExpr, destination: BufferVar, node: ast.AST) -> None:
        if isinstance(expr, Mask):
            self.add(CopyOp(self.mask_buffer(expr, destination, node).value, destination.value), node)
            return
        if isinstance(expr, Load) and isinstance(expr.source, TensorArg) and expr.key not in self.staged:
            # `A_shared[i, j] = A[y0 + i, x0 + j]` is `T.copy(A[y0, x0], A_shared)`: the reader
            # fills the buffer (a copy through DST would take DST from a gemm accumulating
            # there across the loop).
            offsets = [self.materialize(offset) for offset in expr.offsets]
            self.add(CopyOp(expr.source.value, destination.value, src_indices=offsets), node)
            return
        if isinstance(expr, Load):
            source = self.operand_buffer(expr, node)
            if source != destination:
                self.add(CopyOp(source.value, destination.value), node)
            return
        operands = []
        for operand in expr.operands:
            if isinstance(operand, Load):
                operands.append(self.operand_buffer(operand, node).value)
                continue
            if isinstance(operand, Mask):
                operands.append(self.mask_buffer(operand, destination, node).value)
                continue
            temporary = self.block_buffer(destination, "tmp", node, operand.vector_dim)
            self.emit_elementwise(operand, temporary, node)
            operands.append(temporary.value)
        if expr.scalar is not None:
            self.add(expr.op(operands[0], expr.scalar, destination.value), node)
        elif expr.broadcast is not None:
            self.add(expr.op(*operands, destination.value, broadcast=expr.broadcast), node)
        else:
            self.add(expr.op(*operands, destination.value), node)
        if expr.broadcast is None:
            self.propagate_axis(operands, destination.value, node)

    def operand_buffer(self, load: Load, node: ast.AST) -> BufferVar:
        """The buffer holding `load`'s elements: the buffer itself, or a tensor block
        copied in once per T.Parallel loop."""
        if isinstance(load.source, BufferVar):
            return load.source
        staged = self.staged.get(load.key)
        if staged is None:
            tensor = load.source
            staged = self.block_buffer(tensor, f"{tensor.name}_block", node)
            offsets = [self.materialize(offset) for offset in load.offsets]
            self.add(CopyOp(tensor.value, staged.value, src_indices=offsets), node)
            self.staged[load.key] = staged
        return staged

    def block_buffer(
        self, like: BufferVar | TensorArg, name: str, node: ast.AST, vector_dim: int | None = None
    ) -> BufferVar:
        """A shared buffer of the T.Parallel extents (or, for a vector value, of the
        extent of its dimension) and `like`'s element type, allocated with the kernel's
        other buffers: an intermediate of an elementwise expression or a block of a tensor
        read or written elementwise."""
        element_type = like.type.element_type if isinstance(like, BufferVar) else ELEMENT_TYPES[like.dtype]
        shape = self.parallel_extents if vector_dim is None else (self.parallel_extents[vector_dim],)
        buffer = self.prologue_buffer(MemRefType(element_type, list(shape)), name, node)
        if vector_dim is not None:
            self.vector_axis(buffer.value, vector_dim, node)
        return buffer

    def prologue_buffer(self, type_: MemRefType, name: str, node: ast.AST) -> BufferVar:
        """A buffer the front end allocates, with the kernel's other buffers."""
        op = AllocSharedOp(type_)
        self.set_location(op, node)
        op.results[0].name_hint = name
        self.prologue.append(op)
        return BufferVar(name, op.results[0], tuple(type_.get_shape()))

    # ------------------------------------------------------------------ vectors and reductions

    def vector_axis(self, vector: SSAValue, axis: int, node: ast.AST) -> None:
        """Records that `vector` runs along block dimension `axis` (0: one value per row);
        a use along the other dimension is refused: on Tensix a vector's values lie in
        column 0 (per row) or row 0 (per column) of its tiles, and moving them would take
        a transpose."""
        line = self.location(node)[0]
        known = self.vector_axes.get(vector)
        if known is None:
            self.vector_axes[vector] = (axis, f"line {line}")
            return
        if known[0] != axis:
            name = vector.name_hint or "vector"
            self.error(node, f"vector '{name}' holds one value per {_AXIS_NAMES[known[0]]} of a block "
                       f"(as used at {known[1]}); using it per {_AXIS_NAMES[axis]} here would need a "
                       "transpose, which is not supported")

    def propagate_axis(self, operands: Sequence[SSAValue], destination: SSAValue, node: ast.AST) -> None:
        """An elementwise op on vectors gives a vector along the same dimension."""
        for operand in operands:
            known = self.vector_axes.get(operand)
            if known is not None and _rank(destination) == 1:
                self.vector_axis(destination, known[0], node)

    def reduce(self, call: ast.Call) -> None:
        """`T.reduce_sum/max/min(src, dst, dim=-1, clear=True)`: dst = the reduction of the
        block src along `dim` (1 or -1: each row's, 0: each column's); with `clear=False`
        combined with what dst holds (added, or the maximum / minimum)."""
        construct = self.callee(call)
        what = f"T.{construct.__name__}"
        keywords = self.keywords(call, what, allowed=("dim", "clear"))
        names = ("buffer", "out", "dim", "clear")
        if not 2 <= len(call.args) <= 4:
            self.error(call, f"{what} takes (buffer, out, dim=-1, clear=True)")
        args = dict(zip(names, call.args)) | keywords
        source = self.buffer(args["buffer"], f"{what}'s input")
        out = self.buffer(args["out"], f"{what}'s output")
        dim = self.static_int(args["dim"], f"{what}'s dim") if "dim" in args else -1
        clear = self.static(args["clear"], f"{what}'s clear") if "clear" in args else True
        if len(source.shape) != 2:
            self.error(args["buffer"], f"{what} reduces a 2-D block; '{source.name}' has shape "
                       f"{_shape(source.shape)}")
        if dim not in (-2, -1, 0, 1):
            self.error(args.get("dim", call), f"{what}'s dim must be 0, 1 (or -2, -1) for a 2-D block, got {dim}")
        dim %= 2
        kept = source.shape[1 - dim]
        if out.shape != (kept,):
            self.error(args["out"], f"{what} of the {_shape(source.shape)} block '{source.name}' along "
                       f"dim {dim} gives {kept} values, but '{out.name}' has shape {_shape(out.shape)}")
        if not isinstance(clear, bool):
            self.error(args["clear"], f"{what}'s clear must be True or False, got {clear!r}")
        scaler = self.scaler(source, call)
        reduced = source
        if construct is T.reduce_min:
            reduced = self.prologue_buffer(source.type, f"{source.name}_negated", call)
            self.add(MulScalarOp(source.value, -1.0, reduced.value), call)
        result = out if clear else self.prologue_buffer(out.type, f"{out.name}_part", call)
        if clear and self.needs_new_version(out):
            result = self.new_version(out, call)
        self.vector_axis(result.value, 1 - dim, call)
        self.add(REDUCTIONS[construct](reduced.value, scaler, result.value, dim), call)
        if construct is T.reduce_min:
            self.add(MulScalarOp(result.value, -1.0, result.value), call)
        if clear:
            return
        combine = {T.reduce_sum: AddOp, T.reduce_max: MaxOp, T.reduce_min: MinOp}[construct]
        target = self.new_version(out, call) if self.needs_new_version(out) else out
        self.vector_axis(out.value, 1 - dim, call)
        self.vector_axis(target.value, 1 - dim, call)
        self.add(combine(out.value, result.value, target.value), call)

    def scaler(self, like: BufferVar, node: ast.AST) -> SSAValue:
        """The kernel's 32x32 tile of ones of `like`'s element type, filled once at the
        start of each block: what `reduce_tile` scales the reduction by."""
        element_type = like.type.element_type
        if element_type not in self.scalers:
            buffer = self.prologue_buffer(MemRefType(element_type, [32, 32]), "ones", node)
            fill = FillOp(buffer.value, 1.0)
            self.set_location(fill, node)
            self.prologue.append(fill)
            self.scalers[element_type] = buffer.value
        return self.scalers[element_type]

    def parallel_value(self, node: ast.expr) -> ElementExpr | Any:
        """An expression in a T.Parallel body: a buffer/tensor element expression, or an
        index (`start_y + local_y`) or compile-time value."""
        if isinstance(node, ast.Subscript):
            return self.element_load(node)
        if isinstance(node, ast.BinOp):
            left, right = self.parallel_value(node.left), self.parallel_value(node.right)
            elements = [isinstance(v, Load | Elementwise) for v in (left, right)]
            if not any(elements):
                return self.arithmetic(node, left, right)
            numbers = [isinstance(v, int | float) and not isinstance(v, bool) for v in (left, right)]
            if any(numbers):
                return self.with_scalar(node, left, right, numbers[0])
            if type(node.op) not in (*ELEMENTWISE_BINARY, ast.Div):
                self.error(node, f"the operator '{OPERATOR_TEXT.get(type(node.op), '?')}' is not "
                           f"supported in T.Parallel ({ELEMENTWISE_HELP})")
            for operand, value, is_element in zip((node.left, node.right), (left, right), elements):
                if not is_element:
                    self.not_an_element(operand)
            if isinstance(node.op, ast.Div):  # x / y = x * (1 / y): Tensix has recip, no FPU divide
                reciprocal = Elementwise(RecipOp, (right,), vector_dim=right.vector_dim)
                return self.combine(node, MulOp, left, reciprocal)
            return self.combine(node, ELEMENTWISE_BINARY[type(node.op)], left, right)
        if isinstance(node, ast.UnaryOp) and isinstance(self.parallel_value(node.operand),
                                                        Load | Elementwise):
            self.error(node, f"the unary operator '{UNARY_TEXT.get(type(node.op), '?')}' is not "
                       f"supported in T.Parallel ({ELEMENTWISE_HELP})")
        if isinstance(node, ast.Call):
            construct = self.callee(node)
            unary = ELEMENTWISE_UNARY.get(construct)
            if unary is not None:
                what = f"T.{construct.__name__}"
                self.keywords(node, what)
                if len(node.args) != 1:
                    self.error(node, f"{what} takes one operand")
                operand = self.element_operand(node.args[0])
                return Elementwise(unary, (operand,), vector_dim=operand.vector_dim)
            if construct in (T.max, T.min):
                return self.max_min(node, construct)
            if construct is T.if_then_else:
                return self.if_then_else(node)
            if getattr(construct, "__module__", None) == T.__name__ and construct is not T.infinity:
                self.error(node, f"the call `{self.text(node)}` is not supported in T.Parallel "
                           f"({ELEMENTWISE_HELP})")
        return self.expression(node)

    def with_scalar(self, node: ast.BinOp, left: Any, right: Any, scalar_first: bool) -> Elementwise:
        """`x <op> s` or `s <op> x` for an element expression x and a number s."""
        element, scalar = (right, left) if scalar_first else (left, right)
        op = SCALAR_OPS.get((type(node.op), scalar_first))
        if op is None:
            text = f"{self.text(node.left)} {OPERATOR_TEXT.get(type(node.op), '?')} {self.text(node.right)}"
            self.error(node, f"`{text}` is not supported in T.Parallel ({ELEMENTWISE_HELP})")
        number = node.left if scalar_first else node.right
        return Elementwise(op, (element,), self.f32_number(scalar, number), vector_dim=element.vector_dim)

    def f32_number(self, value: int | float, node: ast.AST) -> float:
        """`value` as the f32 the kernels compute with; a number f32 cannot hold (a
        finite value beyond its range) is refused at its line."""
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if math.isfinite(number) and abs(number) <= F32_MAX:
            return number
        if isinstance(value, T.Infinity):  # an explicit ±T.infinity(dtype)
            return number
        if math.isnan(number):
            self.error(node, f"{self.text(node)} is NaN; kernel values here are numbers")
        if math.isinf(number) and not isinstance(value, int):
            self.error(node, f"{self.text(node)} is infinite; a float32 kernel value is finite here "
                       f"(at most {F32_MAX:.6g} in magnitude) unless it is T.infinity(dtype) or "
                       "-T.infinity(dtype)")
        self.error(node, f"the number {self.text(node)} does not fit float32, the kernels' number format "
                   f"(at most {F32_MAX:.6g} in magnitude)")

    def element_operand(self, node: ast.expr) -> ElementExpr:
        value = self.parallel_value(node)
        if not isinstance(value, Load | Elementwise):
            self.not_an_element(node)
        return value

    def not_an_element(self, node: ast.expr) -> NoReturn:
        if isinstance(node, ast.Constant):
            self.error(node, f"the scalar {self.text(node)} is not supported in T.Parallel "
                       f"({ELEMENTWISE_HELP})")
        self.error(node, f"`{self.text(node)}` is not a buffer element ({ELEMENTWISE_HELP})")

    def max_min(self, call: ast.Call, construct: Any) -> ElementExpr:
        """`T.max(x, y)` / `T.min(x, y)` of two elements (SFPU `binary_max/min_tile`), and
        `T.max(x, 0)` as relu."""
        what = f"T.{construct.__name__}"
        self.keywords(call, what)
        if len(call.args) != 2:
            self.error(call, f"{what} takes two operands")
        values = [self.parallel_value(arg) for arg in call.args]
        elements = [v for v in values if isinstance(v, Load | Elementwise)]
        if not elements and any(isinstance(v, Affine) for v in values):
            return self.index_min_max(call, construct, values)
        if len(elements) == 2:
            return self.combine(call, MaxOp if construct is T.max else MinOp, *elements)
        numbers = [v for v in values if not isinstance(v, Load | Elementwise)]
        if construct is T.max and len(elements) == 1 and numbers[0] == 0 and not isinstance(numbers[0], bool):
            return Elementwise(ReluOp, elements, vector_dim=elements[0].vector_dim)
        allowed = "two elements, or an element and 0 (relu)" if construct is T.max else "two elements"
        self.error(call, f"{what} takes {allowed}; got {self.text(call)}")

    def element_load(self, node: ast.Subscript) -> Load:
        base = self.expression(node.value)
        if not isinstance(base, BufferVar | TensorArg):
            self.error(node, f"{self.text(node.value)} is not a buffer or tensor")
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        assert self.parallel is not None
        names = ", ".join(v.name for v in self.parallel)
        indices = [self.expression(item) for item in items]
        if isinstance(base, BufferVar) and len(base.shape) == 1 and len(self.parallel) > 1:
            return self.vector_load(node, base, indices)
        leading: list[Affine] = []
        if isinstance(base, TensorArg) and len(self.parallel) == 2 and len(indices) == len(base.shape) > 2:
            # An element of a 2-D block of a higher-rank tensor: the leading indices are
            # scalars (block indices, loop variables, affine expressions of them).
            for item, index in zip(items, indices[:-2]):
                if isinstance(index, int) and not isinstance(index, bool):
                    index = Affine(index)
                if not isinstance(index, Affine):
                    self.error(item, f"{self.text(node)}: the leading index {self.text(item)} of "
                               f"rank-{len(base.shape)} tensor '{base.name}' must be a scalar (block "
                               f"indices, loop variables, affine expressions of them); the T.Parallel "
                               f"indices ([{names}]) index its last two dimensions")
                leading.append(index)
            indices = indices[-2:]
        shifted = [Shifted(i, Affine(0)) if isinstance(i, ParallelVar) else i for i in indices]
        if len(shifted) != len(self.parallel) or any(
            not isinstance(index, Shifted) or index.var != var
            for index, var in zip(shifted, self.parallel)
        ):
            self.error(node, f"{self.text(node)} must be indexed by the T.Parallel indices in order "
                       f"([{names}], each optionally plus an offset)")
        offsets = tuple(index.offset for index in shifted)  # type: ignore[union-attr]
        if isinstance(base, TensorArg):
            return Load(base, (*leading, *offsets))
        if any(offset != Affine(0) for offset in offsets):
            self.error(node, f"{self.text(node)} offsets into buffer '{base.name}'; buffers are "
                       f"indexed by the T.Parallel indices alone ([{names}])")
        if base.shape != self.parallel_extents:
            extents = ", ".join(map(str, self.parallel_extents))
            self.error(node, f"buffer '{base.name}' of shape {_shape(base.shape)} must match the "
                       f"T.Parallel({extents}) extents")
        return Load(base)

    def vector_load(self, node: ast.Subscript, vector: BufferVar, indices: list[Any]) -> Load:
        """`s[i]` in a T.Parallel over a block: the vector's value for the element's row
        (indexed by the first T.Parallel index) or column (the second)."""
        assert self.parallel is not None
        if len(indices) != 1 or not isinstance(indices[0], ParallelVar) or indices[0] not in self.parallel:
            self.error(node, f"vector '{vector.name}' must be indexed by one T.Parallel index "
                       f"({' or '.join(v.name for v in self.parallel)})")
        dim = next(d for d, var in enumerate(self.parallel) if var is indices[0])
        if len(self.parallel) != 2:
            self.error(node, "vectors are indexed in a T.Parallel over a 2-D block or over the vector itself")
        if vector.shape != (self.parallel_extents[dim],):
            self.error(node, f"vector '{vector.name}' of shape {_shape(vector.shape)} is indexed by "
                       f"'{indices[0].name}', whose extent is {self.parallel_extents[dim]}")
        self.vector_axis(vector.value, dim, node)
        return Load(vector, vector_dim=dim)

    def combine(self, node: ast.expr, op: type[Operation], left: ElementExpr, right: ElementExpr) -> Elementwise:
        """`left <op> right` for two element expressions, a block element and a vector
        element combined by broadcasting the vector (its value repeated along the row or
        column): on Tensix the vector is the second operand of a `*_tiles_bcast`."""
        if left.vector_dim == right.vector_dim:
            return Elementwise(op, (left, right), vector_dim=left.vector_dim)
        if left.vector_dim is not None and right.vector_dim is not None:
            self.error(node, f"`{self.text(node)}` combines a vector per row with a vector per "
                       "column (an outer product), which is not supported")
        if op in (MaxOp, MinOp):
            self.error(node, f"`{self.text(node)}`: T.max / T.min of a block element and a vector "
                       "element is not supported (both must be block elements, or both vector elements)")
        vector_first = left.vector_dim is not None
        block, vector = (right, left) if vector_first else (left, right)
        assert vector.vector_dim is not None
        broadcast = Broadcast.COL if vector.vector_dim == 0 else Broadcast.ROW
        result = Elementwise(op, (block, vector), broadcast=broadcast)
        if vector_first and op is SubOp:  # s - x = -(x - s)
            return Elementwise(MulScalarOp, (result,), -1.0)
        return result

    def shift(self, node: ast.BinOp, left: Any, right: Any) -> Shifted:
        """`offset + i`, `i + offset` or `i - offset` for a T.Parallel index `i`."""
        def parallel(value: Any) -> Shifted | None:
            if isinstance(value, ParallelVar):
                return Shifted(value, Affine(0))
            return value if isinstance(value, Shifted) else None

        def offset(value: Any) -> Affine | None:
            if isinstance(value, Affine):
                return value
            return Affine(value) if isinstance(value, int) and not isinstance(value, bool) else None

        lhs, rhs = parallel(left), parallel(right)
        if isinstance(node.op, ast.Add) and lhs and offset(right) is not None:
            return Shifted(lhs.var, lhs.offset.add(offset(right)))  # type: ignore[arg-type]
        if isinstance(node.op, ast.Add) and rhs and offset(left) is not None:
            return Shifted(rhs.var, rhs.offset.add(offset(left)))  # type: ignore[arg-type]
        if isinstance(node.op, ast.Sub) and lhs and offset(right) is not None:
            return Shifted(lhs.var, lhs.offset.sub(offset(right)))  # type: ignore[arg-type]
        self.error(node, f"{self.text(node)}: a T.Parallel index only takes an offset added "
                   "(`y0 + i`); other arithmetic on it is not supported")

    # ------------------------------------------------------------------ expressions

    def callee(self, call: ast.Call) -> Any:
        return self.expression(call.func)

    def keywords(self, call: ast.Call, what: str, allowed: Sequence[str] = ()) -> dict[str, ast.expr]:
        found: dict[str, ast.expr] = {}
        for keyword in call.keywords:
            if keyword.arg is None:
                self.error(keyword, f"**kwargs are not supported in {what}")
            if keyword.arg not in allowed:
                supported = ", ".join(allowed) if allowed else "none"
                self.error(keyword, f"{what} argument '{keyword.arg}' is not supported "
                           f"(supported keywords: {supported})")
            found[keyword.arg] = keyword.value
        return found

    def static(self, node: ast.expr, what: str) -> Any:
        value = self.expression(node)
        if isinstance(value, KERNEL_VALUES):
            self.error(node, f"{what} must be known at compile time, got {self.text(node)}")
        return value

    def static_int(self, node: ast.expr, what: str) -> int:
        value = self.static(node, what)
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(node, f"{what} must be an integer, got {value!r}")
        return value

    def index(self, node: ast.expr) -> Affine:
        value = self.expression(node)
        if isinstance(value, bool) or not isinstance(value, int | Affine):
            self.error(node, f"{self.text(node)} is not an integer index")
        return value if isinstance(value, Affine) else Affine(value)

    def expression(self, node: ast.expr) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            return self.lookup(node)
        if isinstance(node, ast.Attribute):
            base = self.expression(node.value)
            if base is T and not hasattr(T, node.attr):
                self.error(node, f"T.{node.attr} is not supported by tilelang_tt.language")
            if isinstance(base, TensorArg | BufferVar):
                if node.attr == "shape":
                    return base.shape
                if node.attr == "dtype":
                    return self.dtype_of(base)
                self.error(node, f"{self.text(node)} is not supported: of a tensor or buffer only "
                           ".shape and .dtype are available")
            try:
                return getattr(base, node.attr)
            except AttributeError:
                self.error(node, f"{self.text(node.value)} has no attribute '{node.attr}'")
        if isinstance(node, ast.Tuple | ast.List):
            return tuple(self.expression(e) for e in node.elts)
        if isinstance(node, ast.BinOp):
            return self.binary(node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            value = self.expression(node.operand)
            if isinstance(value, ParallelVar | Shifted):
                self.error(node, f"{self.text(node)}: a T.Parallel index only takes an offset "
                           "added (`y0 + i`); other arithmetic on it is not supported")
            return value.scale(-1) if isinstance(value, Affine) else self.evaluate(node, operator.neg, value)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.BoolOp):
            # Python's short circuit: the value of the first operand that decides.
            for operand in node.values:
                value = self.expression(operand)
                decided = self.truth(operand, value, f"an operand of `{self.text(node)}`")
                if decided == isinstance(node.op, ast.Or):
                    return value
            return value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return not self.condition(node.operand, f"the operand of `{self.text(node)}`")
        if isinstance(node, ast.IfExp):
            taken = node.body if self.condition(node.test, "a conditional expression's condition") else node.orelse
            return self.expression(taken)
        if isinstance(node, ast.Subscript):
            base = self.expression(node.value)
            if isinstance(base, TensorArg | BufferVar):
                if self.parallel:
                    self.error(node, f"the element {self.text(node)} is used in an unsupported "
                               f"expression ({ELEMENTWISE_HELP})")
                self.error(node, f"{self.text(node)} reads one element; elements are only "
                           "accessible inside T.Parallel, regions only in T.copy")
            return self.evaluate(node, operator.getitem, base, self.static(node.slice, "a subscript"))
        self.error(node, f"the expression `{self.text(node)}` is not supported in a T.prim_func")

    def compare(self, node: ast.Compare) -> bool:
        """A comparison chain on compile-time values (`a < b <= c` is `a < b and b <= c`)."""
        left = self.static(node.left, f"an operand of `{self.text(node)}`")
        for op, right_node in zip(node.ops, node.comparators):
            right = self.static(right_node, f"an operand of `{self.text(node)}`")
            if not self.evaluate(node, COMPARISONS[type(op)], left, right):
                return False
            left = right
        return True

    def binary(self, node: ast.BinOp) -> Any:
        return self.arithmetic(node, self.expression(node.left), self.expression(node.right))

    def arithmetic(self, node: ast.BinOp, left: Any, right: Any) -> Any:
        """`left <op> right` on compile-time values, affine indices or T.Parallel indices."""
        if any(isinstance(v, ParallelVar | Shifted) for v in (left, right)):
            return self.shift(node, left, right)
        if not isinstance(left, Affine) and not isinstance(right, Affine):
            function = ARITHMETIC.get(type(node.op))
            if function is None:
                self.error(node, f"the operator '{OPERATOR_TEXT[type(node.op)]}' is not supported")
            return self.evaluate(node, function, left, right)
        lhs, rhs = (v if isinstance(v, Affine) else v for v in (left, right))
        for side, value in (("left", lhs), ("right", rhs)):
            if not isinstance(value, Affine) and (isinstance(value, bool) or not isinstance(value, int)):
                self.error(node, f"index arithmetic {self.text(node)} needs integers, the {side} "
                           f"operand is {value!r}")
        as_affine = [v if isinstance(v, Affine) else Affine(v) for v in (lhs, rhs)]
        if isinstance(node.op, ast.Add):
            return as_affine[0].add(as_affine[1])
        if isinstance(node.op, ast.Sub):
            return as_affine[0].sub(as_affine[1])
        if isinstance(node.op, ast.FloorDiv | ast.Mod):
            return self.index_division(node, as_affine[0], rhs)
        if isinstance(node.op, ast.Mult):
            if isinstance(lhs, Affine) and isinstance(rhs, Affine):
                self.error(node, f"{self.text(node)} multiplies two block/loop indices; index "
                           "expressions must be affine")
            return lhs.scale(rhs) if isinstance(lhs, Affine) else rhs.scale(lhs)  # type: ignore[union-attr,arg-type]
        self.error(node, f"the operator '{OPERATOR_TEXT.get(type(node.op), '?')}' on block/loop "
                   f"indices is not supported in {self.text(node)} (supported: +, -, * by a constant, "
                   "// and % by a positive constant)")

    def call(self, node: ast.Call) -> Any:
        construct = self.callee(node)
        if isinstance(construct, T.Macro):
            self.error(node, f"the T.macro '{construct.__name__}' is inlined as a statement and gives "
                       f"no value: call it on a line of its own, not in `{self.text(node)}`")
        if construct in INDEX_FUNCTIONS:
            return self.index_function(node, construct)
        if construct in (T.alloc_shared, T.alloc_fragment):
            self.error(node, f"assign {self.text(node.func)}(...) to a name: `buf = {self.text(node)}`")
        if getattr(construct, "__module__", None) == T.__name__ and construct not in (T.Tensor, T.SharedBuffer, T.FragmentBuffer, T.infinity):
            self.error(node, f"{self.text(node.func)}(...) is not supported here")
        args = [self.static(arg, "a compile-time call argument") for arg in node.args]
        kwargs = {}
        for keyword in node.keywords:
            if keyword.arg is None:
                self.error(keyword, "**kwargs are not supported")
            kwargs[keyword.arg] = self.static(keyword.value, "a compile-time call argument")
        return self.evaluate(node, construct, *args, **kwargs)

    def evaluate(self, node: ast.AST, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except Exception as err:  # the user's own compile-time Python failed
            self.error(node, f"evaluating `{self.text(node)}` at compile time failed: "
                       f"{type(err).__name__}: {err}")

    # ------------------------------------------------------------------ masks

    def mask(self, test: ast.expr, then: ast.expr, otherwise: ast.expr) -> Mask | None:
        """`T.if_then_else(q_idx >= k_idx, 0, -T.infinity(dtype))` in a T.Parallel(m, n),
        flash attention's causal mask: one side of the comparison is an index of the
        block's rows (`bx * block_M + i + past_len`: the first T.Parallel index plus an
        offset free of the other), the other one of its columns (`k * block_N + j`),
        either way round (`k_idx <= q_idx` is the same mask), the comparison one of
        >=, >, <=, < and both values compile-time numbers or ±T.infinity. None for
        anything else, which `if_then_else` handles (or refuses) as before."""
        if self.parallel is None or len(self.parallel) != 2:
            return None
        if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
            return None
        predicate = MASK_PREDICATES.get(type(test.ops[0]))
        if predicate is None:
            return None
        left, right = self.expression(test.left), self.expression(test.comparators[0])
        sides = [side if isinstance(side, Shifted) else Shifted(side, Affine(0)) if isinstance(side, ParallelVar)
                 else None for side in (left, right)]
        if sides[0] is None or sides[1] is None:
            return None
        row_var, col_var = self.parallel
        if (sides[0].var, sides[1].var) == (col_var, row_var):
            sides.reverse()
            predicate = predicate.flipped
        elif (sides[0].var, sides[1].var) != (row_var, col_var):
            return None
        values = []
        for value_node in (then, otherwise):
            value = self.parallel_value(value_node)
            if isinstance(value, bool) or not isinstance(value, int | float):
                return None
            values.append(self.f32_number(value, value_node))
        return Mask(MaskOp, (), predicate=predicate, row=sides[0].offset, col=sides[1].offset,
                    on_true=values[0], on_false=values[1])

    def mask_buffer(self, mask: Mask, like: BufferVar, node: ast.AST) -> BufferVar:
        """A buffer of its own holding `mask` (`tt.mask`), like `like`. The reader kernel
        writes a mask (it needs no compute); a buffer compute also updates, such as
        attention's scores before their gemm, would have two producers, so the mask is
        copied into it instead."""
        buffer = self.block_buffer(like, f"{like.name}_mask", node)
        row, col = self.materialize(mask.row), self.materialize(mask.col)
        self.add(MaskOp(buffer.value, row, col, mask.predicate, mask.on_true, mask.on_false), node)
        return buffer

    def dtype_of(self, value: TensorArg | BufferVar) -> str:
        """`A.dtype` / `buf.dtype`: the TileLang dtype of a tensor or buffer."""
        element = ELEMENT_TYPES[value.dtype] if isinstance(value, TensorArg) else value.type.element_type
        return next(name for name, type_ in TILELANG_DTYPES.items() if type_ == element)


    # ------------------------------------------------------------------ index functions

    def index_bounds(self, value: Affine) -> tuple[int | None, int | None]:
        """The smallest and largest values of `value` over the block and loop indices it
        uses (None where an index's range is not known)."""
        low = high = value.const
        for var, coeff in value.terms:
            ends = (var.low, var.high) if coeff > 0 else (var.high, var.low)
            low = None if low is None or ends[0] is None else low + coeff * ends[0]
            high = None if high is None or ends[1] is None else high + coeff * ends[1]
        return low, high

    def index_function(self, node: ast.Call, construct: Any) -> Any:
        """`T.min(a, b)`, `T.max(a, b)` and `T.ceildiv(a, b)` of index values: Python's value
        when every operand is known at compile time, else an `arith` op in the kernel."""
        what = f"T.{construct.__name__}"
        self.keywords(node, what)
        if len(node.args) != 2 or any(isinstance(arg, ast.Starred) for arg in node.args):
            self.error(node, f"{what} takes two operands")
        values = [self.expression(arg) for arg in node.args]
        if not any(isinstance(value, Affine) for value in values):
            function = T.ceildiv if construct is T.ceildiv else builtins.min if construct is T.min else builtins.max
            for arg, value in zip(node.args, values):
                if isinstance(value, KERNEL_VALUES):
                    self.error(arg, f"{what} takes integers or index values (block and loop indices, "
                               f"expressions of them), got `{self.text(arg)}`")
            return self.evaluate(node, function, *values)
        if construct is T.ceildiv:
            return self.index_division(node, self.index_operand(node, node.args[0], values[0]), values[1])
        return self.index_min_max(node, construct, values)

    def index_operand(self, node: ast.expr, arg: ast.expr, value: Any) -> Affine:
        """`value`, what `arg` evaluated to, as an index that is never negative: the kernels
        compute indices as unsigned integers."""
        if isinstance(value, bool) or not isinstance(value, int | Affine):
            self.error(arg, f"`{self.text(node)}`: {self.text(arg)} is not an integer index value")
        index = value if isinstance(value, Affine) else Affine(value)
        low = self.index_bounds(index)[0]
        if low is None or low < 0:
            reach = "is not known to be non-negative" if low is None else f"can be {low}"
            self.error(arg, f"`{self.text(node)}` needs operands that are never negative (kernel "
                       f"indices are unsigned); `{self.text(arg)}` {reach}")
        return index

    def index_min_max(self, node: ast.Call, construct: Any, values: Sequence[Any]) -> Affine:
        """`T.min(a, b)` / `T.max(a, b)` of two index values: `arith.minui` / `arith.maxui`."""
        a, b = (self.index_operand(node, arg, value) for arg, value in zip(node.args, values))
        (low_a, high_a), (low_b, high_b) = self.index_bounds(a), self.index_bounds(b)
        highs = [h for h in (high_a, high_b) if h is not None]
        assert low_a is not None and low_b is not None
        if not a.terms and not b.terms:
            return Affine((builtins.min if construct is T.min else builtins.max)(a.const, b.const))
        if construct is T.min:
            op_class, name = arith.MinUIOp, "min"
            low, high = builtins.min(low_a, low_b), builtins.min(highs) if highs else None
        else:
            op_class, name = arith.MaxUIOp, "max"
            low = builtins.max(low_a, low_b)
            high = builtins.max(highs) if len(highs) == 2 else None
        return self.index_op(name, (a, b), lambda x, y: op_class(x, y), low, high)

    def index_division(self, node: ast.expr, dividend: Affine, divisor: Any) -> Affine:
        """`T.ceildiv(a, d)`, `a // d` and `a % d` of an index value `a` by a positive
        compile-time integer `d`: `arith.divui` (of `a + d - 1` for ceildiv) or `arith.remui`."""
        if isinstance(node, ast.BinOp):
            what = OPERATOR_TEXT[type(node.op)]
            divisor_node, dividend_node = node.right, node.left
        else:
            assert isinstance(node, ast.Call)
            what = "T.ceildiv"
            dividend_node, divisor_node = node.args
        if isinstance(divisor, bool) or not isinstance(divisor, int) or divisor <= 0:
            self.error(divisor_node, f"`{self.text(node)}`: {what} of an index value needs a positive "
                       f"compile-time integer divisor, got `{self.text(divisor_node)}`")
        dividend = self.index_operand(node, dividend_node, dividend)
        if not dividend.terms:
            function = {"%": operator.mod, "//": operator.floordiv, "T.ceildiv": T.ceildiv}[what]
            return Affine(function(dividend.const, divisor))
        low, high = self.index_bounds(dividend)
        assert low is not None
        if what == "%":
            if high is not None and high < divisor:
                return dividend
            return self.index_op("remainder", (dividend,), lambda x: arith.RemUIOp(x, self.constant(divisor)),
                                 0, divisor - 1)
        if what == "T.ceildiv":
            dividend = dividend.add(Affine(divisor - 1))
            low, high = low + divisor - 1, None if high is None else high + divisor - 1
        name = "ceildiv" if what == "T.ceildiv" else "quotient"
        if divisor == 1:
            return dividend
        return self.index_op(name, (dividend,), lambda x: arith.DivUIOp(x, self.constant(divisor)),
                             low // divisor, None if high is None else high // divisor, divisor)

    def index_op(self, name: str, operands: Sequence[Affine], build: Callable[..., Operation],
                 low: int | None, high: int | None, *extra: int) -> Affine:
        """The index value `build(operands...)` computes, as a new index variable with the
        range (low, high): emitted once, in the outermost block where its operands are
        defined, like `materialize`'s affine forms. Constant operands fold."""
        depth = builtins.max((var.depth for operand in operands for var, _ in operand.terms), default=1)
        key = (name, *(operand.key for operand in operands), *extra)
        for scope in reversed(self.materialized[: depth + 1]):
            if key in scope:
                return scope[key]
        values = [self.materialize(operand) for operand in operands]
        result = self.emit_at(depth, build(*values))
        result.name_hint = name
        value = Affine.of(IndexVar(name, result, depth, low, high))
        self.materialized[depth][key] = value
        return value

    # ------------------------------------------------------------------ index values

    def constant(self, value: int) -> SSAValue:
        if value not in self.constants:
            op = arith.ConstantOp(IntegerAttr(value, IndexType()))
            op.result.name_hint = f"c{value}" if value >= 0 else f"c_neg{-value}"
            self.set_location(op, self.node)
            self.prologue.append(op)
            self.constants[value] = op.result
        return self.constants[value]

    def materialize(self, value: Affine) -> SSAValue:
        """The index `value` as an SSA value, computed once in the outermost block where
        all its indices are defined (so `by * 128` is not recomputed in the K loop)."""
        if not value.terms:
            return self.constant(value.const)
        depth = max(var.depth for var, _ in value.terms)
        for scope in reversed(self.materialized[: depth + 1]):
            if value.key in scope:
                return scope[value.key]

        def emit(op: Operation) -> SSAValue:
            return self.emit_at(depth, op)

        result: SSAValue | None = None
        for var, coeff in value.terms:
            term = var.value if coeff == 1 else emit(arith.MuliOp(var.value, self.constant(coeff)))
            result = term if result is None else emit(arith.AddiOp(result, term))
        assert result is not None
        if value.const:
            result = emit(arith.AddiOp(result, self.constant(value.const)))
        self.materialized[depth][value.key] = result
        return result

    def emit_at(self, depth: int, op: Operation) -> SSAValue:
        """Adds the index op `op` to the block at `depth`: at its end if it is the current
        block, else before the op (loop, T.Kernel) that encloses the current block."""
        block = self.blocks[depth]
        self.set_location(op, self.node)
        if depth < len(self.blocks) - 1:
            block.insert_op_before(op, block.last_op)
        else:
            block.add_op(op)
        return op.results[0]


def _reads(expr: ElementExpr, source: BufferVar | TensorArg) -> bool:
    if isinstance(expr, Load):
        return expr.source == source
    return any(_reads(operand, source) for operand in expr.operands)


def _first_source(expr: ElementExpr) -> BufferVar | TensorArg:
    return expr.source if isinstance(expr, Load) else _first_source(expr.operands[0])


_AXIS_NAMES = {0: "row", 1: "column"}


def _rank(value: SSAValue) -> int:
    type_ = value.type
    assert isinstance(type_, MemRefType)
    return len(type_.get_shape())


def _memref(shape: Sequence[int], dtype: str) -> MemRefType:
    return MemRefType(ELEMENT_TYPES[dtype], list(shape))


def _shape(shape: Sequence[int]) -> str:
    return "x".join(map(str, shape))


def _as_load(target: ast.expr) -> ast.expr:
    load = ast.parse(ast.unparse(target), mode="eval").body
    ast.copy_location(load, target)
    for child in ast.walk(load):
        ast.copy_location(child, target)
    return load


def parse_prim_func(function: Callable[..., Any], definer_locals: dict[str, Any] | None = None) -> PrimFunc:
    """Builds the tile program of a `@T.prim_func` (raises `TileLangError`).

    `definer_locals` are the variables of the function the prim_func is defined in: names
    that only its string annotations use (`from __future__ import annotations`) are not
    closure variables, and are looked up there."""
    return _Parser(function, _source_of(function), definer_locals or {}).parse()
