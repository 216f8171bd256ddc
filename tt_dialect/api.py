"""In-process entry points: parse, run a pass pipeline and print, as `tt-opt` does.

For embedding the compiler in Python (the TileLang front end, other MLIR flows,
tests) without a subprocess:

    from tt_dialect.api import run_pipeline
    text = run_pipeline(source, "tt-metadata{grid=8x8}")

Errors are `TTDiagnostic`s with the same `file:line:col: error: ...` text
`tt-opt` prints.
"""

from __future__ import annotations

import io

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import PassPipeline
from xdsl.printer import Printer
from xdsl.universe import Universe

from tt_dialect.diagnostics import LocatingParser, verify_located


def make_context() -> Context:
    """A context that knows every dialect registered with xDSL, ours included."""
    ctx = Context()
    for name, factory in Universe.get_multiverse().all_dialects.items():
        ctx.register_dialect(name, factory)
    return ctx


def parse_module(text: str, ctx: Context | None = None, file_name: str = "<input>") -> ModuleOp:
    """Parses and verifies `text`; ops carry `file_name:line:col` locations."""
    module = LocatingParser(ctx or make_context(), text, file_name).parse_module()
    verify_located(module)
    return module


def apply_pipeline(module: ModuleOp, pipeline: str, ctx: Context | None = None) -> None:
    """Runs a `tt-opt -p` style pipeline on `module` in place, verifying after each pass."""
    passes = {name: factory for name, factory in Universe.get_multiverse().all_passes.items()}
    PassPipeline.parse_spec(
        passes, pipeline, lambda previous, op, following: verify_located(op)
    ).apply(ctx or make_context(), module)


def print_module(module: ModuleOp) -> str:
    """The module in custom syntax (`tt-opt` adds one more blank line)."""
    stream = io.StringIO()
    Printer(stream=stream).print_op(module)
    return stream.getvalue() + "\n"


def run_pipeline(text: str, pipeline: str, file_name: str = "<input>") -> str:
    """Parse, run `pipeline`, print: `tt-opt FILE -p PIPELINE` in one call."""
    ctx = make_context()
    module = parse_module(text, ctx, file_name)
    apply_pipeline(module, pipeline, ctx)
    return print_module(module)
