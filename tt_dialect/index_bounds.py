"""The largest and smallest values an index of a tile program takes.

Reads: an `index` SSA value inside a `tt.launch_grid` and the ops that compute it.
Writes nothing: `index_range` returns an `IndexRange` or raises `UnboundedIndex`.

An index that can be bounded is an affine form `c0 + c1 * v1 + ... + cn * vn` whose
variables are
- the block indices of a `tt.launch_grid` (`%bx` takes 0 .. x extent - 1, `%by`
  0 .. y extent - 1), and
- the induction variables of `scf.for` loops whose bounds are themselves such forms
  (the first value is the lower bound; the last is `lb + (ub - lb - 1) // step * step`
  for constant bounds and step, and at most `ub - 1` otherwise),
combined by `arith.constant`, `arith.addi`, `arith.subi` and `arith.muli` with one
constant operand, and
- the quotient of a variable with constant, non-negative bounds by a positive constant
  (`arith.divui %by, %c4`: the batch of a batched gemm whose grid's y axis runs over
  batch and row blocks), itself a variable taking first // c .. last // c, taken as
  independent of its dividend (a safe bound; exact where the form uses only one of them).
- likewise, as new variables with constant bounds taken as independent of their operands,
  the unsigned quotient and remainder of any such form that is never negative by a
  positive constant (`arith.divui`, `arith.remui`: the front end's `T.ceildiv(n, c)` is
  `(n + c - 1) / c`) and the unsigned minimum and maximum of two such forms
  (`arith.minui`, `arith.maxui`: a loop over `T.min(T.ceildiv(N, bn), bx + 1)` blocks).
  Their bounds come from their operands' extremes (interval arithmetic).
Anything else (another op, a function argument, a loop-carried
value, a product of two variables) cannot be bounded statically.

Each loop variable, innermost first, is replaced by its last value where its
coefficient is positive and by its first value where it is negative (its bounds only
use variables of enclosing loops and the grid), and what remains are block indices,
each taken at the end of its range that makes the form largest (or smallest). When
every loop has constant bounds and step the extremes are exact and the reported
variable values reach them; otherwise they are safe bounds (a block for which a loop
runs no iteration may still count). Code inside a loop with constant bounds that runs
no iteration never runs (`never_runs`); its indices need no bound.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import IntegerAttr
from xdsl.ir import Block, BlockArgument, Operation, OpResult, SSAValue

from tt_dialect.ops.tile_program import LaunchGridOp


@dataclass(frozen=True, eq=False)
class IndexVariable:
    """A block index of the launch grid or the induction variable of an `scf.for`."""

    value: SSAValue
    name: str
    """How messages name it: the value's name hint, else `bx`/`by` or `iv`."""
    kind: str
    """`block index` or `loop index`."""
    first: Affine
    """Its smallest value, a form over enclosing variables."""
    last: Affine
    """Its largest value, a form over enclosing variables."""
    depth: tuple[int, int]
    """(nesting depth of its block, argument position): enclosing variables come first."""

    def range_text(self) -> str:
        """`of 0..5`, or `from lb to ub - 1` when the bounds are not constants."""
        if not self.first.terms and not self.last.terms:
            return f"of {self.first.const}..{self.last.const}"
        return f"from {self.first.text()} to {self.last.text()}"


@dataclass(frozen=True)
class Affine:
    """`const + sum(coefficient * variable)`; no term has a zero coefficient."""

    const: int
    terms: tuple[tuple[IndexVariable, int], ...] = ()

    def add(self, other: Affine, sign: int = 1) -> Affine:
        coefficients = dict(self.terms)
        for variable, coefficient in other.terms:
            coefficients[variable] = coefficients.get(variable, 0) + sign * coefficient
        terms = tuple((v, c) for v, c in coefficients.items() if c)
        return Affine(self.const + sign * other.const, terms)

    def scale(self, factor: int) -> Affine:
        if factor == 0:
            return Affine(0)
        return Affine(self.const * factor, tuple((v, c * factor) for v, c in self.terms))

    def text(self) -> str:
        """`by * 96 + k * 32 - 5`: terms in the order the IR combines them."""
        parts: list[str] = []
        for variable, coefficient in self.terms:
            magnitude = abs(coefficient)
            term = variable.name if magnitude == 1 else f"{variable.name} * {magnitude}"
            if not parts:
                parts.append(term if coefficient > 0 else f"-{term}")
            else:
                parts.append(f"{'+' if coefficient > 0 else '-'} {term}")
        if self.const or not parts:
            if not parts:
                parts.append(str(self.const))
            else:
                parts.append(f"{'+' if self.const > 0 else '-'} {abs(self.const)}")
        return " ".join(parts)


@dataclass(frozen=True)
class Extreme:
    """One end of an index's range and the variable values that reach it."""

    value: int
    values: tuple[tuple[IndexVariable, int], ...]
    """The variables the extreme depends on, enclosing first, with their values there."""

    def bindings_text(self) -> str:
        """`block index by = 5 (of 0..5), loop index k = 15 (of 0..15)`."""
        return ", ".join(
            f"{v.kind} {v.name} = {value} ({v.range_text()})" for v, value in self.values
        )


@dataclass(frozen=True)
class IndexRange:
    form: Affine
    smallest: Extreme
    largest: Extreme


class UnboundedIndex(Exception):
    """An index that is not an affine form over block and loop indices."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
        """What stops the bound, e.g. `it depends on the result of 'arith.divui'`."""


@dataclass
class _Analysis:
    variables: dict[SSAValue, IndexVariable] = field(default_factory=dict)
    forms: dict[SSAValue, Affine] = field(default_factory=dict)

    def form(self, value: SSAValue) -> Affine:
        if value not in self.forms:
            self.forms[value] = self._form(value)
        return self.forms[value]

    def _form(self, value: SSAValue) -> Affine:
        if isinstance(value, BlockArgument):
            variable = self.variable(value)
            return Affine(0, ((variable, 1),))
        assert isinstance(value, OpResult)
        op = value.op
        constant = constant_index(value)
        if constant is not None:
            return Affine(constant)
        if isinstance(op, arith.AddiOp):
            return self.form(op.lhs).add(self.form(op.rhs))
        if isinstance(op, arith.SubiOp):
            return self.form(op.lhs).add(self.form(op.rhs), sign=-1)
        if isinstance(op, arith.MuliOp):
            lhs, rhs = self.form(op.lhs), self.form(op.rhs)
            if lhs.terms and rhs.terms:
                raise UnboundedIndex(
                    f"it depends on the product of two indices that vary ({lhs.text()} and "
                    f"{rhs.text()}, 'arith.muli')"
                )
            return lhs.scale(rhs.const) if not rhs.terms else rhs.scale(lhs.const)
        if isinstance(op, arith.DivUIOp) and self._is_variable_quotient(op):
            return self._quotient(value, op)
        if isinstance(op, arith.DivUIOp | arith.RemUIOp | arith.MinUIOp | arith.MaxUIOp):
            return self._derived(value, op)
        raise UnboundedIndex(f"it depends on the result of '{op.name}'")

    def _is_variable_quotient(self, op: arith.DivUIOp) -> bool:
        """`%v / c` for a variable `%v` with constant, non-negative bounds (see `_quotient`)."""
        divisor = constant_index(op.rhs)
        if divisor is None or divisor <= 0:
            return False
        dividend = self.form(op.lhs)
        terms = dividend.terms
        return (
            not dividend.const
            and len(terms) == 1
            and terms[0][1] == 1
            and not terms[0][0].first.terms
            and not terms[0][0].last.terms
            and terms[0][0].first.const >= 0
        )

    def _derived(self, value: SSAValue, op: Operation) -> Affine:
        """An unsigned quotient or remainder by a positive constant, or an unsigned minimum
        or maximum, of non-negative forms: a new variable whose constant bounds follow
        from its operands' extremes (or a constant, when they are constants)."""
        if value in self.variables:
            return Affine(0, ((self.variables[value], 1),))
        forms = [self.form(operand) for operand in op.operands]
        ranges = [(self.extreme(f, largest=False).value, self.extreme(f, largest=True).value) for f in forms]
        shown = forms[:1] if isinstance(op, arith.DivUIOp | arith.RemUIOp) else forms
        what = f"the result of '{op.name}' of {', '.join(f.text() for f in shown)}"
        if any(low < 0 for low, _ in ranges):
            raise UnboundedIndex(f"it depends on {what}, an operand of which can be negative "
                                 "(the kernels compute indices as unsigned integers)")
        if isinstance(op, arith.DivUIOp | arith.RemUIOp):
            divisor = constant_index(op.rhs)
            if divisor is None or divisor <= 0:
                raise UnboundedIndex(f"it depends on {what}, which is not a non-negative index "
                                     "divided by a positive constant")
            (low, high) = ranges[0]
            if isinstance(op, arith.DivUIOp):
                first, last, name = low // divisor, high // divisor, f"({forms[0].text()}) / {divisor}"
            elif high < divisor:
                first, last, name = low, high, f"({forms[0].text()}) % {divisor}"
            else:
                first, last, name = 0, divisor - 1, f"({forms[0].text()}) % {divisor}"
        else:
            pick = min if isinstance(op, arith.MinUIOp) else max
            first, last = pick(r[0] for r in ranges), pick(r[1] for r in ranges)
            name = f"{'min' if pick is min else 'max'}({forms[0].text()}, {forms[1].text()})"
        if all(not f.terms for f in forms):
            return Affine(first)  # constant operands: first == last
        depth = max(variable.depth for f in forms for variable, _ in f.terms)
        variable = IndexVariable(value, name, "index", Affine(first), Affine(last), depth)
        self.variables[value] = variable
        return Affine(0, ((variable, 1),))

    def _quotient(self, value: SSAValue, op: arith.DivUIOp) -> Affine:
        if value in self.variables:
            return Affine(0, ((self.variables[value], 1),))
        dividend, divisor = self.form(op.lhs), constant_index(op.rhs)
        assert divisor is not None
        variable = dividend.terms[0][0]
        quotient = IndexVariable(
            value,
            f"{variable.name} / {divisor}",
            variable.kind,
            Affine(variable.first.const // divisor),
            Affine(variable.last.const // divisor),
            variable.depth,
        )
        self.variables[value] = quotient
        return Affine(0, ((quotient, 1),))

    def variable(self, value: BlockArgument) -> IndexVariable:
        if value in self.variables:
            return self.variables[value]
        block = value.block
        owner = block.parent_op()
        depth = (_depth(block), value.index)
        if isinstance(owner, LaunchGridOp):
            extent = owner.grid_shape[value.index]
            name = value.name_hint or ("bx", "by")[value.index]
            variable = IndexVariable(value, name, "block index", Affine(0), Affine(extent - 1), depth)
        elif isinstance(owner, scf.ForOp) and value.index == 0:
            variable = self._loop_variable(owner, value, depth)
        elif isinstance(owner, func.FuncOp):
            raise UnboundedIndex(f"it depends on argument #{value.index} of the function")
        elif isinstance(owner, scf.ForOp):
            raise UnboundedIndex("it depends on a value carried from one iteration of an "
                                 "'scf.for' to the next")
        else:
            name = "a block without parent op" if owner is None else f"'{owner.name}'"
            raise UnboundedIndex(f"it depends on a block argument of {name}")
        self.variables[value] = variable
        return variable

    def _loop_variable(
        self, loop: scf.ForOp, value: BlockArgument, depth: tuple[int, int]
    ) -> IndexVariable:
        name = value.name_hint or "iv"
        bounds = []
        for which, bound in (("lower", loop.lb), ("upper", loop.ub)):
            try:
                bounds.append(self.form(bound))
            except UnboundedIndex as e:
                raise UnboundedIndex(
                    f"it depends on the loop index {name}, whose {which} bound is not known "
                    f"statically: {e.reason}"
                ) from None
        lower, upper = bounds
        last = upper.add(Affine(-1))
        step = constant_index(loop.step)
        if not lower.terms and not upper.terms and step is not None and step > 0:
            last = Affine(lower.const + max(0, upper.const - lower.const - 1) // step * step)
        return IndexVariable(value, name, "loop index", lower, last, depth)

    def extreme(self, form: Affine, largest: bool) -> Extreme:
        """The largest (or smallest) value of `form` and the values that reach it."""
        chosen: dict[IndexVariable, Affine] = {}
        current = form
        while current.terms:
            variable, coefficient = max(current.terms, key=lambda term: term[0].depth)
            take_last = (coefficient > 0) == largest
            bound = variable.last if take_last else variable.first
            chosen[variable] = bound
            rest = Affine(current.const, tuple(t for t in current.terms if t[0] is not variable))
            current = rest.add(bound.scale(coefficient))
        values: dict[IndexVariable, int] = {}

        def value_of(variable: IndexVariable) -> int:
            if variable not in values:
                bound = chosen.get(variable, variable.first)
                values[variable] = bound.const + sum(c * value_of(v) for v, c in bound.terms)
            return values[variable]

        shown = sorted(chosen, key=lambda v: v.depth)
        return Extreme(current.const, tuple((v, value_of(v)) for v in shown))


def constant_index(value: SSAValue) -> int | None:
    """The integer an `arith.constant` gives `value`; None when something else computes it."""
    op = value.owner
    if isinstance(op, arith.ConstantOp) and isinstance(op.value, IntegerAttr):
        return op.value.value.data
    return None


def _depth(block: Block) -> int:
    depth = 0
    op: Operation | None = block.parent_op()
    while op is not None:
        depth += 1
        op = op.parent_op()
    return depth


def never_runs(op: Operation) -> bool:
    """`op` is inside an `scf.for` whose constant bounds give it no iteration."""
    parent = op.parent_op()
    while parent is not None:
        if isinstance(parent, scf.ForOp):
            lower, upper = constant_index(parent.lb), constant_index(parent.ub)
            if lower is not None and upper is not None and upper <= lower:
                return True
        parent = parent.parent_op()
    return False


def index_range(value: SSAValue) -> IndexRange:
    """The range of `value` over every block and loop iteration that computes it.
    Raises `UnboundedIndex` when it is not an affine form over block and loop indices."""
    analysis = _Analysis()
    form = analysis.form(value)
    return IndexRange(form, analysis.extreme(form, largest=False), analysis.extreme(form, largest=True))
