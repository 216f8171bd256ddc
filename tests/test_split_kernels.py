"""tt-split-kernels loses and duplicates no statement.

Every op with an effect before the split (NOC transfers, CB protocol, tile math)
appears in exactly one kernel after it; only side-effect-free ops (index
arithmetic, argument reads, CB handles, accessors) may be copied.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from xdsl.dialects import func, scf

from tt_dialect.api import apply_pipeline, make_context, parse_module
from tt_dialect.ops.cb import GetCBOp
from tt_dialect.ops.program import KernelOp
from tt_dialect.ir_builder import has_no_effect

ROOT = Path(__file__).resolve().parent.parent
BEFORE_SPLIT = "tt-metadata{grid=2x2},tt-schedule-compute,tt-lower-tile-ops,tt-lower-shared-to-cb,tt-insert-cb-protocol"
PROGRAMS = [
    ROOT / "examples" / "gemm" / "gemm.mlir",
    ROOT / "examples" / "elementwise" / "add.mlir",
    *(ROOT / "lit_tests" / "pipelines" / f"{case}.mlir" for case in ("elementwise", "gemm", "gemm_variants")),
]


def statements(ops) -> Counter[str]:
    """Effectful ops by name and operand/property text (structure excluded)."""
    return Counter(
        f"{op.name} {op.properties}"
        for op in ops
        if not has_no_effect(op)
        and not isinstance(op, GetCBOp | scf.ForOp | scf.YieldOp | func.ReturnOp | func.FuncOp | KernelOp)
        and op.name not in ("tt.program", "builtin.module")
    )


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_split_moves_every_statement_to_exactly_one_kernel(path: Path) -> None:
    ctx = make_context()
    for chunk in path.read_text().split("\n// -----\n"):
        if "tt.launch_grid" not in chunk:
            continue
        module = parse_module(chunk, ctx)
        apply_pipeline(module, BEFORE_SPLIT, ctx)
        before = statements(module.walk())
        assert before, "nothing to split"
        apply_pipeline(module, "tt-split-kernels", ctx)
        kernels = [op for op in module.walk() if isinstance(op, KernelOp)]
        assert [k.sym_name.data for k in kernels] == ["reader", "compute", "writer"]
        after = sum((statements(k.body.walk()) for k in kernels), Counter())
        assert after == before
