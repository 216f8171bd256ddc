"""Generated TileLang programs through the front end (issue 17, item 2): every one compiles
or is refused with a `TileLangError` located in the program's file, never another exception.

Each program is drawn from a seeded generator: a kernel with blocks and vectors of random
shapes and dtypes, and statements among copies, fills, reductions (random `dim` and
`clear`) and `T.Parallel` loops over blocks or vectors whose bodies are random expression
trees: buffer and vector elements with random indices, numbers (small, huge, negative,
infinite), `+ - * / //`, `T.exp`, `T.rsqrt`, `T.max`, `T.min`, `T.if_then_else`, and calls
the subset lacks. Compiled programs go through the whole pipeline (`tilelang_tt.compile`).
"""

from __future__ import annotations

import random

import pytest

import tilelang_tt
from tilelang_tt import CompileCache, TileLangError

PROGRAMS = 300
CACHE = CompileCache(disk=False)
NUMBERS = ("2", "0.5", "-1", "0", "3", "0.25", "1e40", "10**400", "float('inf')")
UNARY = ("T.exp", "T.exp2", "T.rsqrt", "T.sqrt", "T.log", "T.sigmoid", "T.tanh", "T.exp", "T.nonexistent", "abs")
BINARY = ("+", "-", "*", "/", "+", "-", "*", "//")


def _expression(rng: random.Random, loads: list[str], depth: int = 0) -> str:
    choice = rng.random()
    if depth > 2 or choice < 0.35:
        return rng.choice(loads)
    if choice < 0.45:
        return rng.choice(NUMBERS)
    if choice < 0.65:
        return f"{rng.choice(UNARY)}({_expression(rng, loads, depth + 1)})"
    if choice < 0.75:
        function = rng.choice(("T.max", "T.min"))
        return f"{function}({_expression(rng, loads, depth + 1)}, {_expression(rng, loads, depth + 1)})"
    left, right = _expression(rng, loads, depth + 1), _expression(rng, loads, depth + 1)
    return f"({left} {rng.choice(BINARY)} {right})"


def program(seed: int) -> str:
    rng = random.Random(seed)
    m, n = rng.choice((32, 64)), rng.choice((32, 64, 96))
    dtype = rng.choice(("'float'", "'bfloat16'"))
    lines = [
        "import tilelang_tt.language as T",
        "",
        "@T.prim_func",
        f"def main(A: T.Tensor(({m}, {n}), {dtype}), B: T.Tensor(({m}, {n}), 'float')):",
        "    with T.Kernel(1, threads=128) as bx:",
        f"        x = T.alloc_shared(({m}, {n}), {dtype})",
        f"        y = T.alloc_fragment(({m}, {n}), 'float')",
        f"        r = T.alloc_fragment(({m if rng.random() < 0.9 else n},), 'float')",
        f"        c = T.alloc_fragment(({n},), 'float')",
        "        T.copy(A[0, 0], x)",
        "        T.copy(x, y)",
    ]
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        if kind < 0.25:
            function = rng.choice(("T.reduce_sum", "T.reduce_max", "T.reduce_min", "T.reduce_sum", "T.reduce_abssum"))
            source = rng.choice(("x", "y"))
            target, dim = rng.choice((("r", ""), ("r", ", dim=1"), ("c", ", dim=0"), ("r", ", dim=-1"), ("c", ", dim=2")))
            clear = rng.choice(("", ", clear=False", ", clear=True"))
            lines.append(f"        {function}({source}, {target}{dim}{clear})")
        elif kind < 0.35:
            lines.append(f"        T.fill({rng.choice(('x', 'y', 'r'))}, {rng.choice(NUMBERS)})")
        elif kind < 0.5:
            vector, extent = rng.choice((("r", m), ("c", n)))
            loads = [f"{vector}[i]", f"{vector}[i]", f"{rng.choice(('r', 'c'))}[i]"]
            lines.append(f"        for i in T.Parallel({extent}):")
            lines.append(f"            {vector}[i] = {_expression(rng, loads)}")
        else:
            loads = ["x[i, j]", "y[i, j]", "r[i]", "c[j]", "y[i, j]", "r[i]", "x[i, j]"]
            if rng.random() < 0.1:
                loads += ["A[i, j]", "r[j]", "x[j, i]"]
            target = rng.choice(("y[i, j]", "y[i, j]", "y[i, j]", "r[i]", "B[i, j]"))
            operator = rng.choice(("=", "=", "+=", "*="))
            lines.append(f"        for i, j in T.Parallel({m}, {n}):")
            if rng.random() < 0.1:
                lines.append(f"            {target} {operator} T.if_then_else(i < {m}, A[i, j], 0)")
            else:
                lines.append(f"            {target} {operator} {_expression(rng, loads)}")
    lines.append("        T.copy(y, B[0, 0])")
    return "\n".join(lines) + "\n"


def compile_or_refuse(generate, count: int, tmp_path, stem: str) -> dict[str, int]:
    """Compiles the programs `generate(seed)` for `count` seeds: each must compile or be refused
    at a line of its file. Returns how many did which."""
    outcomes = {"compiled": 0, "refused": 0}
    for seed in range(count):
        source = generate(seed)
        path = tmp_path / f"{stem}_{seed}.py"
        path.write_text(source)
        namespace: dict = {}
        try:
            exec(compile(source, str(path), "exec"), namespace)
            tilelang_tt.compile(namespace["main"], out_idx=-1, cache=CACHE)
        except TileLangError as err:
            assert err.location.startswith(f"{path}:"), f"program {seed}: {err}\n{source}"
            outcomes["refused"] += 1
            continue
        except Exception as err:  # noqa: BLE001 - what the test is about
            pytest.fail(f"program {seed} raised {type(err).__name__}: {err}\n{source}")
        outcomes["compiled"] += 1
    return outcomes


def test_generated_programs_compile_or_are_refused_at_a_line(tmp_path) -> None:
    outcomes = compile_or_refuse(program, PROGRAMS, tmp_path, "program")
    # The generator reaches both outcomes.
    assert outcomes["compiled"] >= 10 and outcomes["refused"] > 100, outcomes


INDEX_FUNCTIONS = ("T.min", "T.max", "T.ceildiv", "//", "%")


def _index(rng: random.Random, names: list[str], depth: int = 0) -> str:
    """A random index expression over `names` (block and loop indices) and constants."""
    choice = rng.random()
    if depth > 2 or choice < 0.3:
        return rng.choice(names + ["0", "1", "3", "4"])
    if choice < 0.55:
        function = rng.choice(INDEX_FUNCTIONS)
        left = _index(rng, names, depth + 1)
        divisors = ("2", "3", "4", "2", "3", "4", "0", "bx")
        right = rng.choice(divisors) if function in ("T.ceildiv", "//", "%") else _index(rng, names, depth + 1)
        if function in ("//", "%"):
            return f"({left} {function} {right})"
        return f"{function}({left}, {right})"
    operator = rng.choice(("+", "-", "*", "+"))
    right = rng.choice(("1", "2", "3")) if operator == "*" else _index(rng, names, depth + 1)
    return f"({_index(rng, names, depth + 1)} {operator} {right})"


def index_program(seed: int) -> str:
    """A loop whose trip count and copy offsets are random index expressions of the block
    index and the loop index (T.min, T.max, T.ceildiv, //, % among them)."""
    rng = random.Random(seed)
    lines = [
        "import tilelang_tt.language as T",
        "",
        "@T.prim_func",
        "def main(A: T.Tensor((256, 64), 'float'), B: T.Tensor((256, 64), 'float')):",
        "    with T.Kernel(4, threads=128) as bx:",
        "        x = T.alloc_shared((32, 32), 'float')",
        "        y = T.alloc_shared((32, 32), 'float')",
        f"        for k in T.serial({_index(rng, ['bx'])}):",
        f"            T.copy(A[{_index(rng, ['bx', 'k'])} * 32, {_index(rng, ['bx', 'k'])} * 32], x)",
        "            T.copy(x, y)",
        "            T.copy(y, B[bx * 32, 0])",
    ]
    return "\n".join(lines) + "\n"


def test_generated_index_expressions_compile_or_are_refused_at_a_line(tmp_path) -> None:
    outcomes = compile_or_refuse(index_program, 120, tmp_path, "indices")
    assert outcomes["compiled"] >= 10 and outcomes["refused"] >= 10, outcomes
