"""In-process entry points: parse, run a pass pipeline and print, as `tt-opt` does.

For embedding the compiler in Python (the TileLang front end, other MLIR flows,
tests) without a subprocess:

    from tt_dialect.api import run_pipeline
    text = run_pipeline(source, "tt-metadata{grid=8x8}")

Errors are `TTDiagnostic`s with the same `file:line:col: error: ...` text
`tt-opt` prints.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import re
import typing
from collections.abc import Callable, Iterable

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
    """`PassPipeline.parse_spec`, but an option error names the pass it belongs to, and a
    release number is taken as written (`api-version=0.81.1`, see `quote_versions`)."""
    specs = tuple(parse_pipeline(quote_versions(pipeline)))
    for spec in specs:
        if spec.name not in available:
            raise ValueError(f"unknown pass '{spec.name}'{did_you_mean(spec.name, available)}")
    passes: list[ModulePass] = []
    for spec in specs:
        check_pass_options(spec.name, available[spec.name](), dict(spec.parameters))
        try:
            passes.append(available[spec.name]().from_pass_spec(spec))
        except ValueError as err:
            message = str(err)
            if not message.startswith(f"{spec.name}: "):
                message = f"{spec.name}: {message}"
            raise ValueError(message) from None
    return PassPipeline(tuple(passes), callback)


_BARE_VERSION = re.compile(r"(?<![\w-])(api[-_]version\s*=\s*)([^\s,}\"]+)")


def quote_versions(pipeline: str) -> str:
    """`api-version=0.81.1` -> `api-version="0.81.1"`: xDSL's pipeline lexer has no token for
    a release number (and would read `0.80` as the float 0.8), so the value of an
    `api-version` option is quoted before parsing; a quoted value is left alone."""
    return _BARE_VERSION.sub(lambda m: f'{m[1]}"{m[2]}"', pipeline)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`; did you mean 'x'?` for the known name closest to `name`, or nothing."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_pass_options(name: str, pass_class: type[ModulePass], given: dict[str, object]) -> None:
    """Option names as the CLI spells them (`cb-depth`), with the nearest known name for an
    unknown one, and the allowed values of an enum option (a `Literal` field)."""
    fields = {field.name: field for field in dataclasses.fields(pass_class)} if dataclasses.is_dataclass(pass_class) else {}
    spelled = {field.replace("_", "-"): field for field in fields}
    hints = typing.get_type_hints(pass_class) if fields else {}
    for option, values in given.items():
        field = spelled.get(option.replace("_", "-"))
        if field is None:
            known = f"options: {', '.join(sorted(spelled))}" if spelled else "it takes no options"
            raise ValueError(
                f"{name}: unknown option '{option}'{did_you_mean(option.replace('_', '-'), spelled)} ({known})"
            )
        allowed = typing.get_args(hints.get(field)) if typing.get_origin(hints.get(field)) is typing.Literal else ()
        value_list = values if isinstance(values, list | tuple) else [values]
        for value in value_list:
            if allowed and value not in allowed:
                raise ValueError(
                    f"{name}: {spelled_name(field)} must be one of {', '.join(map(str, allowed))}; got "
                    f"'{value}'{did_you_mean(str(value), map(str, allowed))}"
                )


def spelled_name(field: str) -> str:
    return field.replace("_", "-")


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
