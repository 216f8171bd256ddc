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
from collections.abc import Callable

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass, PassPipeline, PassPipelineCallbackType
from xdsl.printer import Printer
from xdsl.universe import Universe
from xdsl.utils.arg_spec import parse_pipeline

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


def build_pipeline(
    available: dict[str, Callable[[], type[ModulePass]]],
    pipeline: str,
    callback: PassPipelineCallbackType | None = None,
) -> PassPipeline:
    """`PassPipeline.parse_spec`, but an option error names the pass it belongs to."""
    specs = tuple(parse_pipeline(pipeline))
    unknown = [spec.name for spec in specs if spec.name not in available]
    if unknown:
        raise ValueError(f"Unrecognized passes: {unknown}")
    passes: list[ModulePass] = []
    for spec in specs:
        try:
            passes.append(available[spec.name]().from_pass_spec(spec))
        except ValueError as err:
            message = str(err)
            if not message.startswith(f"{spec.name}: "):
                message = f"{spec.name}: {message}"
            raise ValueError(message) from None
    return PassPipeline(tuple(passes), callback)


def apply_pipeline(module: ModuleOp, pipeline: str, ctx: Context | None = None) -> None:
    """Runs a `tt-opt -p` style pipeline on `module` in place, verifying after each pass."""
    build_pipeline(
        Universe.get_multiverse().all_passes,
        pipeline,
        lambda previous, op, following: verify_located(op),
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
