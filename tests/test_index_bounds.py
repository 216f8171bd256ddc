"""`tt_dialect.index_bounds` against brute force: random affine indices over a launch grid
and up to two nested loops, every block and iteration enumerated.

With constant loop bounds the extremes are exact, and the variable values reported with an
extreme give that extreme. With a loop bound that depends on a block index the extremes
are safe bounds (a block for which the loop runs no iteration may still count).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from tt_dialect.api import parse_module
from tt_dialect.index_bounds import index_range, never_runs


@dataclass(frozen=True)
class Loop:
    lower: int
    upper: int
    step: int
    lower_from_by: bool
    """The lower bound is `%by + lower` rather than `lower`."""

    def values(self, by: int) -> range:
        start = self.lower + (by if self.lower_from_by else 0)
        return range(start, self.upper, self.step)


@dataclass(frozen=True)
class Case:
    grid: tuple[int, int]
    loops: tuple[Loop, ...]
    const: int
    coefficients: tuple[int, ...]
    """Of bx, by, then each loop index."""

    def text(self) -> str:
        numbers = sorted({0, 1, self.const, *self.coefficients,
                          *(n for loop in self.loops for n in (loop.lower, loop.upper, loop.step))})
        lines = [f"    %k{n if n >= 0 else f'm{-n}'} = arith.constant {n} : index" for n in numbers]

        def k(n: int) -> str:
            return f"%k{n if n >= 0 else f'm{-n}'}"

        indent = "    "
        closing = []
        for depth, loop in enumerate(self.loops):
            lower = k(loop.lower)
            if loop.lower_from_by:
                lines.append(f"{indent}%lb{depth} = arith.addi %by, {lower} : index")
                lower = f"%lb{depth}"
            lines.append(f"{indent}scf.for %i{depth} = {lower} to {k(loop.upper)} step {k(loop.step)} {{")
            closing.append(f"{indent}}}")
            indent += "  "
        names = ["%bx", "%by", *(f"%i{d}" for d in range(len(self.loops)))]
        total = k(self.const)
        for n, (name, coefficient) in enumerate(zip(names, self.coefficients)):
            lines.append(f"{indent}%t{n} = arith.muli {name}, {k(coefficient)} : index")
            lines.append(f"{indent}%s{n} = arith.addi {total}, %t{n} : index")
            total = f"%s{n}"
        lines.append(f"{indent}%e = arith.subi {total}, {k(0)} : index")
        body = "\n".join([*lines, *reversed(closing)])
        return (
            "func.func @f() {\n"
            f"  tt.launch_grid (%bx, %by) in ({self.grid[0]}, {self.grid[1]}) {{\n{body}\n  }}\n"
            "  func.return\n}\n"
        )

    def values(self) -> list[int]:
        out = []
        for bx, by in itertools.product(range(self.grid[0]), range(self.grid[1])):
            ranges = [loop.values(by) for loop in self.loops]
            for ivs in itertools.product(*ranges):
                point = (bx, by, *ivs)
                out.append(self.const + sum(c * v for c, v in zip(self.coefficients, point)))
        return out


loops = st.builds(
    Loop,
    lower=st.integers(0, 3),
    upper=st.integers(0, 7),
    step=st.integers(1, 3),
    lower_from_by=st.booleans(),
)


@st.composite
def cases(draw) -> Case:
    grid = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    nest = tuple(draw(st.lists(loops, max_size=2)))
    coefficients = tuple(draw(st.integers(-3, 3)) for _ in range(2 + len(nest)))
    return Case(grid, nest, draw(st.integers(-40, 40)), coefficients)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_extremes_match_every_block_and_iteration(case: Case) -> None:
    module = parse_module(case.text())
    (e,) = [r for op in module.walk() for r in op.results if r.name_hint == "e"]
    values = case.values()
    if never_runs(e.op):
        assert not values
        return
    bounds = index_range(e)
    symbolic = any(loop.lower_from_by for loop in case.loops)
    if not values:
        assert symbolic  # only a bound on %by can make every block skip the loop
        return
    if symbolic:
        assert bounds.smallest.value <= min(values) and bounds.largest.value >= max(values)
        return
    assert (bounds.smallest.value, bounds.largest.value) == (min(values), max(values))
    for extreme in (bounds.smallest, bounds.largest):
        at = {variable.value: value for variable, value in extreme.values}
        assert bounds.form.const + sum(c * at[v.value] for v, c in bounds.form.terms) == extreme.value
