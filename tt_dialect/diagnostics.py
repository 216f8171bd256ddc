"""Located diagnostics: `file:line:col: error: message`, never a traceback.

xDSL's parser does not keep source positions on operations, so `LocatingParser`
records the position of every parsed op as a `FileLineColLoc`; verification
then walks the IR itself so it can name the op that failed.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import weakref
from pathlib import Path
from collections.abc import Iterable, Iterator

from xdsl.dialects import arith, func
from xdsl.dialects.builtin import FileLineColLoc, IntAttr, StringAttr
from xdsl.ir import Block, Operation, SSAValue
from xdsl.parser import Parser
from xdsl.utils.exceptions import DiagnosticException, ParseError, VerifyException


class TTDiagnostic(DiagnosticException):
    """An error reported to the user as one located line (plus optional context).

    Passes raise it through `op_error` so the message names the op's location."""

    def __init__(self, location: str, message: str, context: str = ""):
        super().__init__(message)
        self.location = location
        self.message = message
        self.context = context

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}error: {self.message}{self.context}"


UPSTREAM_FAULTS = (IndexError, KeyError, AssertionError, TypeError, AttributeError, ValueError, OverflowError)
"""Exceptions upstream parsers and verifiers raise on malformed input where they should
raise a diagnostic: caught at the op being parsed or verified and reported there."""


_PACKAGE = str(Path(__file__).resolve().parent)


def _raised_upstream(err: BaseException) -> bool:
    """Whether `err` was raised outside tt_dialect (in xDSL): a fault of ours is a bug to
    fix, not a diagnostic, and stays an internal error."""
    tb = err.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is None or not str(Path(tb.tb_frame.f_code.co_filename).resolve()).startswith(_PACKAGE)


def _fault_text(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


class LocatingParser(Parser):
    """A parser that stamps each op it parses with the op's source position."""

    def __init__(self, *args, line_offset: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self._line_offset = line_offset
        content = self.lexer.input.content
        newline = b"\n" if isinstance(content, bytes) else "\n"
        self._line_starts = [0]
        index = content.find(newline)
        while index != -1:
            self._line_starts.append(index + 1)
            index = content.find(newline, index + 1)

    def _line_col(self, position: int) -> tuple[int, int]:
        """1-based line and column of an input offset, in O(log lines)
        (`Span.get_location` rescans the input from the start every time)."""
        line = bisect.bisect_right(self._line_starts, position)
        return line + self._line_offset, position - self._line_starts[line - 1] + 1

    def _parse_extended_type_or_attribute(self, attr_or_type_name: str, is_type: bool = True):
        # The `#`/`!` token is already consumed; report at the whole attribute.
        start = self._current_token.span.start - len(attr_or_type_name) - 1
        try:
            return super()._parse_extended_type_or_attribute(attr_or_type_name, is_type)
        except (VerifyException, ValueError, OverflowError) as err:
            kind = "type" if is_type else "attribute"
            self.raise_error(f"invalid {kind}: {err}", start, self.pos)

    def parse_operation(self) -> Operation:
        token = self._current_token.span
        try:
            op = super().parse_operation()
        except ParseError:
            raise
        except VerifyException as err:
            self.raise_error(str(err), token)
        except UPSTREAM_FAULTS as err:
            # A value the IR cannot hold (an integer beyond its type, a float beyond f32),
            # or an upstream op parser failing on malformed input with an exception instead
            # of a parse error (xDSL's linalg parsers index operands they assume).
            if not _raised_upstream(err):
                raise
            if isinstance(err, OverflowError):
                self.raise_error(f"a number too large for its type ({_fault_text(err)})", token)
            if isinstance(err, ValueError):
                self.raise_error(" ".join(str(err).split()), token)
            self.raise_error(f"malformed op: its parser failed with {_fault_text(err)}", token)
        if not isinstance(op.location, FileLineColLoc):
            line, col = self._line_col(token.start)
            op.location = FileLineColLoc(self._file_name, IntAttr(line), IntAttr(col))
        return op

    @functools.cached_property
    def _file_name(self) -> StringAttr:
        return StringAttr(self.lexer.input.name)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`; did you mean 'x'?` for the known name closest to `name`, or nothing."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def op_location(op: Operation) -> str:
    """`file:line:col` of `op`, or of its closest located ancestor; for an op without
    either (an implicit module), of the first located op inside it."""
    current: Operation | None = op
    while current is not None:
        loc = current.location
        if isinstance(loc, FileLineColLoc):
            return f"{loc.filename.data}:{loc.line.data}:{loc.column.data}"
        current = current.parent_op()
    for inner in op.walk():
        loc = inner.location
        if isinstance(loc, FileLineColLoc):
            return f"{loc.filename.data}:{loc.line.data}:{loc.column.data}"
    return ""


def op_error(op: Operation, message: str) -> TTDiagnostic:
    return TTDiagnostic(op_location(op), f"'{op.name}' op {message}")


def _post_order(op: Operation) -> Iterator[Operation]:
    for region in op.regions:
        for block in region.blocks:
            for child in block.ops:
                yield from _post_order(child)
    yield op


SELF_CONTAINED_OPS: frozenset[type[Operation]] = frozenset(arith.Arith.operations)
"""Ops whose verification reads only the op itself (its operands, their types, its result
types, properties and attributes, and whether it ends its block): arith's, which are a
third of a lowered program's ops."""

_verified_as: weakref.WeakKeyDictionary[Operation, tuple[object, ...]] = weakref.WeakKeyDictionary()
"""What each self-contained op was when it last verified."""


def _self_contained_state(op: Operation) -> tuple[object, ...]:
    return (
        tuple(op.operands),
        tuple(operand.type for operand in op.operands),
        tuple(result.type for result in op.results),
        tuple(op.properties.items()),
        tuple(op.attributes.items()),
        op.next_op is None,
    )


def verify_located(root: Operation) -> None:
    """Verify `root` like `Operation.verify`, but raise a `TTDiagnostic` naming
    the innermost failing op and its source location. A self-contained op that
    verified before and has not changed since is not verified again (named
    pipelines verify after every stage)."""
    for op in _post_order(root):
        state = _self_contained_state(op) if type(op) in SELF_CONTAINED_OPS else None
        if state is not None and _verified_as.get(op) == state:
            continue
        try:
            op.verify(verify_nested_ops=False)
        except VerifyException as err:
            raise op_error(op, str(err).removeprefix("Operation does not verify: ")) from None
        except UPSTREAM_FAULTS as err:
            # An upstream verifier that fails on malformed input with an exception instead
            # of a VerifyException (xDSL's linalg verifiers index operands they assume).
            if not _raised_upstream(err):
                raise
            raise op_error(op, f"is malformed: its verifier failed with {_fault_text(err)}") from None
        if state is not None:
            _verified_as[op] = state


def check_defined_before_use(root: Operation) -> None:
    """Every operand is defined before its use, in the use's block or one enclosing it
    (MLIR's dominance for single-block regions, which tile programs and kernels are).
    xDSL's parser accepts a value used above its definition (`%k` before the loop that
    defines it); a pass would later fail on it without a location."""
    visible: set[SSAValue] = set()

    def check_block(block: Block) -> None:
        scope = list(block.args)
        visible.update(scope)
        for op in block.ops:
            for index, operand in enumerate(op.operands):
                if operand not in visible:
                    name = f"%{operand.name_hint}" if operand.name_hint else f"#{index}"
                    raise op_error(op, f"operand {name} is used before its definition (or outside "
                                       "the region that defines it)")
            for region in op.regions:
                if len(region.blocks) == 1:
                    check_block(region.block)
            visible.update(op.results)
            scope.extend(op.results)
        visible.difference_update(scope)

    for region in root.regions:
        if len(region.blocks) == 1:
            check_block(region.block)


def check_tt_functions_have_bodies(root: Operation) -> None:
    """A `func.func` that carries tt metadata (a `tt.*` attribute, on it or on an argument)
    has a body: the tt passes rewrite function bodies, and a declaration has none."""
    for op in root.walk():
        if not isinstance(op, func.FuncOp) or op.body.blocks:
            continue
        arg_attrs = op.arg_attrs.data if op.arg_attrs is not None else ()
        names = [*op.attributes, *(name for attrs in arg_attrs for name in attrs.data)]
        tt_names = sorted({name for name in names if name.startswith("tt.")})
        if tt_names:
            raise op_error(op, f"carries {', '.join(tt_names)} but has no body; tt metadata belongs on "
                               "a function with a body (a tile program)")


def parse_error(err: ParseError) -> TTDiagnostic:
    loc = err.span.get_location()
    message = err.msg.strip()
    at_end = err.span.start >= len(err.span.input.content.rstrip())
    if at_end and (not message or message.startswith("in ")):
        # xDSL reports a truncated region as " in block definition".
        message = f"unexpected end of input ({message})" if message else "unexpected end of input"
    context = err.span.print_with_context("").split("\n", 1)[1].rstrip()
    return TTDiagnostic(f"{loc.file}:{loc.line}:{loc.col}", message, "\n" + context if context else "")


def diagnostic_error(err: DiagnosticException, location: str) -> TTDiagnostic:
    return TTDiagnostic(location, str(err))
