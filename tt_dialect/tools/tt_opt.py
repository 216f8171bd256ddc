"""`tt-opt`: xDSL's opt driver with every xDSL dialect and pass plus ours.

Our dialect, passes and targets reach it (and plain `xdsl-opt`) through the
`xdsl.universe` entry point (see `tt_dialect/universe.py`). This subclass only
changes error reporting: every failure is one `file:line:col: error: ...`
diagnostic and a non-zero exit, and output is written only once the whole
input has succeeded.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import sys
from collections.abc import Sequence
from typing import IO

from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.utils.arg_spec import parse_spec
from xdsl.utils.exceptions import ArgSpecParseError, DiagnosticException, ParseError
from xdsl.xdsl_opt_main import xDSLOptMain

from tt_dialect.api import build_pipeline, check_pass_options
from tt_dialect.diagnostics import (
    LocatingParser,
    check_defined_before_use,
    check_tt_functions_have_bodies,
    TTDiagnostic,
    diagnostic_error,
    did_you_mean,
    parse_error,
    verify_located,
)
from tt_dialect.ops.linalg_upstream import load_upstream_linalg
from tt_dialect.pipelines import leaves_verified_ir


class TTOptMain(xDSLOptMain):
    version_format = "tt-opt built from xdsl version {xdsl_version}"

    def __init__(self, args: Sequence[str] | None = None):
        self._line_offset = 0
        super().__init__(description="tt-dialect modular optimizer driver", args=args)

    def register_all_arguments(self, arg_parser) -> None:
        super().register_all_arguments(arg_parser)
        arg_parser.add_argument(
            "--list-passes",
            action="store_true",
            help="list the tt-dialect passes and targets with their options and defaults, and exit",
        )
        arg_parser.epilog = "tt-opt --list-passes shows every tt pass with its options and defaults."

    def register_all_dialects(self) -> None:
        super().register_all_dialects()
        load_upstream_linalg(self.ctx)

    def register_all_frontends(self) -> None:
        def parse_mlir(stream: IO[bytes]) -> ModuleOp:
            parser = LocatingParser(
                self.ctx, stream.read(), self.get_input_name(), line_offset=self._line_offset
            )
            return parser.parse_module(not self.args.no_implicit_module)

        self.available_frontends["mlir"] = parse_mlir

    def parse_chunk(self, chunk: IO[bytes], file_extension: str, start_offset: int = 0):
        self._line_offset = start_offset
        try:
            module = super().parse_chunk(chunk, file_extension, start_offset)
        except ParseError as err:
            err.span = dataclasses.replace(err.span, line_offset=start_offset)
            diagnostic = parse_error(err)
            diagnostic.message += self._suggestion(diagnostic.message)
            raise diagnostic from None
        except DiagnosticException as err:
            raise diagnostic_error(err, self.get_input_name()) from None
        if module is not None and not self.args.disable_verify:
            check_defined_before_use(module)
            check_tt_functions_have_bodies(module)
            verify_located(module)
        return module

    def _suggestion(self, message: str) -> str:
        """`; did you mean 'tt.gemm'?` for an unregistered op of a registered dialect."""
        match = re.fullmatch(r"Operation ([\w.]+) is not registered", message)
        if match is None or "." not in match[1]:
            return ""
        dialect = self.ctx.get_optional_dialect(match[1].split(".")[0])
        if dialect is None:
            return ""
        return did_you_mean(match[1], (op.name for op in dialect.operations))

    def setup_pipeline(self) -> None:
        def verify_between_passes(
            previous: ModulePass | None, module: ModuleOp, following: ModulePass | None
        ) -> None:
            if previous is not None and not leaves_verified_ir(previous) and not self.args.disable_verify:
                verify_located(module)

        self.pipeline = build_pipeline(
            self.available_passes, self.args.passes, verify_between_passes
        )
        target = parse_spec(self.args.target)
        check_pass_options(target.name, self.available_targets[target.name](), dict(target.parameters))

    def run(self) -> None:
        if self.args.list_passes:
            from tt_dialect.tools.pass_help import listing
            from tt_dialect.universe import get_all_passes, get_all_targets

            self._write_output(listing(get_all_passes(), get_all_targets()))
            return
        chunks, file_extension = self.prepare_input()
        output = io.StringIO()
        for index, (chunk, offset) in enumerate(chunks):
            if index > 0:
                output.write("// -----\n")
            try:
                module = self.parse_chunk(chunk, file_extension, offset)
                if module is not None:
                    self.apply_passes(module)
                    output.write(self.output_resulting_program(module))
            except TTDiagnostic as diag:
                if not self.args.verify_diagnostics:
                    raise
                output.write(f"{diag}\n")
            except DiagnosticException as err:
                diag = diagnostic_error(err, self.get_input_name())
                if not self.args.verify_diagnostics:
                    raise diag from None
                output.write(f"{diag}\n")
            finally:
                chunk.close()
        self._write_output(output.getvalue())

    def _write_output(self, text: str) -> None:
        if self.args.output_file is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        with open(self.args.output_file, "w") as stream:
            stream.write(text)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        TTOptMain(args=argv).run()
    except TTDiagnostic as diag:
        print(diag, file=sys.stderr)
        return 1
    except (OSError, ValueError, ArgSpecParseError) as err:
        print(f"tt-opt: error: {_one_line(err)}", file=sys.stderr)
        return 1
    except Exception as err:  # noqa: BLE001 - last line of defence against tracebacks
        if os.environ.get("TT_OPT_TRACEBACK"):
            raise
        print(
            f"tt-opt: internal error: {type(err).__name__}: {_one_line(err)} "
            "(set TT_OPT_TRACEBACK=1 for the traceback)",
            file=sys.stderr,
        )
        return 70
    return 0


def _one_line(err: BaseException) -> str:
    if isinstance(err, FileNotFoundError) and err.filename:
        return f"cannot open '{err.filename}': no such file"
    return " ".join(str(err).split())


if __name__ == "__main__":
    sys.exit(main())
