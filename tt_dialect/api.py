"""In-process entry points: parse, run a pass pipeline and print, as `tt-opt` does.

For embedding the compiler in Python (the TileLang front end, other MLIR flows,
tests) without a subprocess:

    from tt_dialect.api import run_pipeline
    text = run_pipeline(source, "tt-metadata{grid=8x8}")

Errors are `TTDiagnostic`s with the same `file:line:col: error: ...` text
`tt-opt` prints.

From another MLIR flow (MLIR text or an upstream MLIR Python `Module`), one call
compiles linalg to artifacts:

    from tt_dialect.api import compile_mlir
    artifacts = compile_mlir(module, grid="2x2")     # CompileError on bad input
    artifacts.write("out")                           # or artifacts.files["compute.cpp"]
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass, PassPipeline, PassPipelineCallbackType
from xdsl.printer import Printer
from xdsl.universe import Universe
from xdsl.utils.arg_spec import parse_pipeline

from xdsl.utils.exceptions import DiagnosticException, ParseError

from tt_dialect.diagnostics import (
    LocatingParser,
    TTDiagnostic,
    check_defined_before_use,
    diagnostic_error,
    did_you_mean,
    parse_error,
    verify_located,
)
from tt_dialect.ops.linalg_upstream import load_upstream_linalg


def make_context() -> Context:
    """A context that knows every dialect registered with xDSL, ours included."""
    ctx = Context()
    for name, factory in Universe.get_multiverse().all_dialects.items():
        ctx.register_dialect(name, factory)
    load_upstream_linalg(ctx)
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


def check_pass_options(name: str, pass_class: type[ModulePass], given: dict[str, object]) -> None:
    """Option names as the CLI spells them (`cb-depth`), with the nearest known name for an
    unknown one, the allowed values of an enum option (a `Literal` field), and the kind of
    value a number, boolean or text option takes."""
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
        allowed = literal_values(hints.get(field))
        kinds = scalar_kinds(hints.get(field))
        value_list = values if isinstance(values, list | tuple) else [values]
        if not value_list:
            raise ValueError(f"{name}: {spelled_name(field)} needs a value ({spelled_name(field)}=...)")
        for value in value_list:
            if allowed and value not in allowed:
                raise ValueError(
                    f"{name}: {spelled_name(field)} must be one of {', '.join(map(str, allowed))}; got "
                    f"'{value}'{did_you_mean(str(value), map(str, allowed))}"
                )
            if not allowed and kinds and type(value) not in kinds:
                shown = str(value).lower() if isinstance(value, bool) else value
                raise ValueError(f"{name}: {spelled_name(field)} must be {_KIND_WORDS[kinds]}; got '{shown}'")


_KIND_WORDS = {
    frozenset({int}): "a whole number",
    frozenset({bool}): "true or false",
    frozenset({str}): "text",
    frozenset({str, int}): "text or a whole number",
}


def option_type_members(hint: object) -> tuple[object, ...]:
    """The types an option type unites (`int | None` -> `(int, NoneType)`), or the type alone."""
    return typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)


def scalar_kinds(hint: object) -> frozenset[type]:
    """The plain value types (int, bool, str) an option type admits, `None` aside."""
    kinds = frozenset(member for member in option_type_members(hint) if member in (int, bool, str))
    return kinds if kinds in _KIND_WORDS else frozenset()


def literal_values(hint: object) -> tuple[object, ...]:
    """The values of a `Literal[...]` option type, also inside `Literal[...] | None`; () otherwise."""
    for member in option_type_members(hint):
        if typing.get_origin(member) is typing.Literal:
            return typing.get_args(member)
    return ()


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


# --------------------------------------------------------------------------- embedding


LINALG_PIPELINE = "linalg-tensors-to-memrefs,convert-linalg-to-tt,tt-pipeline"
"""What `compile_mlir` runs (with its options filled in)."""


class CompileError(Exception):
    """A module `compile_mlir` cannot compile: `diagnostics` holds the located
    `file:line:col: error: ...` diagnostics (one per failure; the compiler stops at the
    first), `source` the MLIR text they point into."""

    def __init__(self, diagnostics: Sequence[TTDiagnostic], source: str):
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = tuple(diagnostics)
        self.source = source


@dataclasses.dataclass(frozen=True)
class Artifacts:
    """A compiled program in memory: `files` maps each artifact's name (reader.cpp,
    compute.cpp, writer.cpp, main.cpp, CMakeLists.txt, tt.plan.json) to its text."""

    files: Mapping[str, str]
    pipeline: str
    """The pass pipeline that produced them (`tt-opt -p` syntax)."""

    def __getitem__(self, name: str) -> str:
        return self.files[name]

    @property
    def plan(self) -> dict[str, object]:
        """`tt.plan.json`, parsed."""
        return json.loads(self.files["tt.plan.json"])

    def write(self, directory: str | os.PathLike[str]) -> Path:
        """Writes every file into `directory` (created if needed; nothing is replaced
        until all files are ready) and returns it, for `tt_dialect.emu.run` or a build."""
        from tt_dialect.emit.target import write_artifacts

        path = Path(directory)
        write_artifacts(dict(self.files), path)
        return path


def mlir_text(module: object) -> str:
    """The MLIR text of `module`: a `str` (or `bytes`) as is; an object with a
    `get_asm(print_generic_op_form=...)` method, or whose `operation` has one (the
    upstream MLIR Python bindings' `Operation` and `Module`, e.g. from
    `iree.compiler.ir`), printed in the generic form, which xDSL reads for every op."""
    if isinstance(module, str):
        return module
    if isinstance(module, bytes):
        return module.decode()
    for owner in (module, getattr(module, "operation", None)):
        get_asm = getattr(owner, "get_asm", None)
        if callable(get_asm):
            text = get_asm(print_generic_op_form=True)
            return text.decode() if isinstance(text, bytes) else str(text)
    raise TypeError(
        f"compile_mlir takes MLIR text or an object with a get_asm(print_generic_op_form=...) "
        f"method (an upstream MLIR Module or Operation), not {type(module).__name__}"
    )


def _spec(name: str, options: Mapping[str, object]) -> str:
    given = {key: value for key, value in options.items() if value is not None}
    if not given:
        return name
    return name + "{" + " ".join(f"{key}={value}" for key, value in given.items()) + "}"


def compile_mlir(
    module: object,
    *,
    device: str | None = None,
    arch: str | None = None,
    grid: str | None = None,
    block_m: int | None = None,
    block_n: int | None = None,
    block_k: int | None = None,
    file_name: str = "<mlir>",
) -> Artifacts:
    """Compiles a linalg module from another MLIR flow to TT-Metalium artifacts.

    `module` is MLIR text or an upstream MLIR `Module`/`Operation` (see `mlir_text`):
    functions of linalg ops on tensors (destination-passing style, as torch-mlir and
    StableHLO-to-linalg produce them), after upstream one-shot bufferization, or on
    memref arguments, one computation per function (the forms of
    `linalg-tensors-to-memrefs` and `convert-linalg-to-tt`). It runs
    `linalg-tensors-to-memrefs,convert-linalg-to-tt,tt-pipeline` with the options given
    (`device` = the card, n150 by default, or `arch`; `grid` = "RxC" for tt-pipeline;
    `block_m/n/k` for convert-linalg-to-tt)
    and returns the artifacts. A function's results become output tensors after its
    inputs: tensor K of a function with I inputs is its argument K, its result N is
    tensor I + N.

    Errors raise `CompileError` with located diagnostics (`file_name:line:col` in the
    text compiled, kept as `CompileError.source`); a bad option raises it too, unlocated.
    """
    from tt_dialect.emit.target import artifacts

    text = mlir_text(module)
    convert = {"block-m": block_m, "block-n": block_n, "block-k": block_k}
    pipeline = ",".join(
        (
            "linalg-tensors-to-memrefs",
            _spec("convert-linalg-to-tt", convert),
            _spec("tt-pipeline", {"device": device, "arch": arch, "grid": grid}),
        )
    )
    ctx = make_context()
    try:
        try:
            parsed = LocatingParser(ctx, text, file_name).parse_module()
        except ParseError as err:
            raise parse_error(err) from None
        check_defined_before_use(parsed)
        verify_located(parsed)
        apply_pipeline(parsed, pipeline, ctx)
        files = artifacts(parsed)
    except TTDiagnostic as diagnostic:
        raise CompileError([diagnostic], text) from None
    except DiagnosticException as err:
        raise CompileError([diagnostic_error(err, file_name)], text) from None
    except ValueError as err:
        raise CompileError([TTDiagnostic("", " ".join(str(err).split()))], text) from None
    return Artifacts(files, pipeline)
