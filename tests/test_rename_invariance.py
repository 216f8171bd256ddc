"""SSA names are cosmetic: renaming every `%name` in a tile program must not
change what the stage A-B passes produce.

Users (and the TileLang front end) pick arbitrary value names. A pass that keys
a decision on a name hint (which buffer is the output, which block argument is
`by`, CB numbering, runtime-argument order, ...) would silently compile a
renamed program differently. For each example and each prefix of the
tt-metadata pipeline, the renamed program's output, with the names mapped back,
must equal the original program's output character for character. Names the
passes invent for new values (`%unit`, `%start_arg`, ...) are left as they are
by the inverse mapping, so they must match too.
"""

from __future__ import annotations

import random
import re
import string
from pathlib import Path

import pytest

from tt_dialect.api import run_pipeline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "gemm": ROOT / "examples" / "gemm" / "gemm.mlir",
    "add": ROOT / "examples" / "elementwise" / "add.mlir",
}

LOWER_STAGES = [
    "tt-schedule-compute",
    "tt-lower-tile-ops",
    "tt-lower-shared-to-cb",
    "tt-insert-cb-protocol",
    "tt-split-kernels",
    "tt-insert-compute-init",
    "tt-insert-dst-management",
    "tt-finalize-runtime-args",
]

PIPELINES = [
    "tt-infer-layout",
    "tt-infer-layout,tt-propagate-layout",
    "tt-infer-layout,tt-propagate-layout,tt-work-partition",
    "tt-infer-layout,tt-propagate-layout,tt-work-partition,tt-grid-to-persistent",
    "tt-metadata{grid=3x3}",
    "tt-metadata{arch=blackhole grid=2x5 cb-depth=1}",
    # Stages C-D, pass by pass after tt-metadata, then the whole pipeline.
    *(
        ",".join(["tt-metadata", *LOWER_STAGES[: count + 1]])
        for count in range(len(LOWER_STAGES))
    ),
    "tt-pipeline{grid=3x3}",
    "tt-pipeline{arch=blackhole grid=2x5 cb-depth=1 dst-full-sync=true}",
]

SEEDS = [0, 1, 2, 3, 4]

SSA_NAME = re.compile(r"%[A-Za-z_][A-Za-z0-9_$.]*")
SCOPE_START = re.compile(r"(?=^\s*(?:func\.func|tt\.kernel) )", re.MULTILINE)


def ssa_names(text: str) -> set[str]:
    return {match[1:] for match in SSA_NAME.findall(text)}


def substitute(text: str, mapping: dict[str, str]) -> str:
    """Replaces whole `%name` tokens only; unmapped names stay as they are."""
    return SSA_NAME.sub(lambda m: "%" + mapping.get(m[0][1:], m[0][1:]), text)


def alpha_normal(text: str) -> str:
    """`text` with every SSA name replaced by `%v<k>` in order of first appearance.

    Two outputs equal up to a renaming of values have the same normal form. We
    compare normal forms rather than mapping the new names back because names
    the passes invent (`%c0`, `%tile`) collide with different user names before
    and after renaming, so the printer disambiguates them differently. Each
    function and kernel is its own scope: the printer may reuse a name in the next.
    """
    return "".join(_alpha_normal_scope(scope) for scope in SCOPE_START.split(text))


def _alpha_normal_scope(text: str) -> str:
    order: dict[str, str] = {}
    return SSA_NAME.sub(lambda m: order.setdefault(m[0], f"%v{len(order)}"), text)


def fresh_names(names: set[str], rng: random.Random, avoid: set[str]) -> dict[str, str]:
    """A bijection from `names` to distinct random `v...` names not in `avoid`."""
    mapping: dict[str, str] = {}
    taken = set(avoid)
    for name in sorted(names):
        while True:
            candidate = "v" + "".join(rng.choices(string.ascii_lowercase, k=7))
            if candidate not in taken:
                break
        taken.add(candidate)
        mapping[name] = candidate
    return mapping


@pytest.fixture(scope="module")
def original_outputs() -> dict[tuple[str, str], str]:
    """Pipeline output of each unrenamed example, computed once for all seeds."""
    return {
        (example, pipeline): run_pipeline(path.read_text(), pipeline)
        for example, path in EXAMPLES.items()
        for pipeline in PIPELINES
    }


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_renaming_ssa_values_does_not_change_output(
    example: str, seed: int, pipeline: str, original_outputs: dict[tuple[str, str], str]
) -> None:
    source = EXAMPLES[example].read_text()
    expected = original_outputs[(example, pipeline)]
    names = ssa_names(source)
    # Fresh names must not collide with any name in either text, or the inverse
    # mapping could rewrite a pass-invented name.
    mapping = fresh_names(names, random.Random(seed), avoid=names | ssa_names(expected))
    inverse = {new: old for old, new in mapping.items()}

    renamed = substitute(source, mapping)
    assert ssa_names(renamed) == set(inverse), "renaming missed or invented a name"

    actual = run_pipeline(renamed, pipeline)
    assert alpha_normal(actual) == alpha_normal(expected)
