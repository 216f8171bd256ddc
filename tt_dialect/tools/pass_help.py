"""`tt-opt --list-passes`: every tt pass and target with its options, their values and defaults.

A pass's options are the fields of its dataclass (inherited ones included, as xDSL reads
them); each option's description is the string literal written under its field, read from
the source of the class that declares it (Python keeps no attribute docstrings at run
time). The text is generated from the classes, so it cannot drift from what `-p` accepts.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import inspect
import textwrap
import typing
from collections.abc import Callable, Mapping

from tt_dialect.api import literal_values, option_type_members, spelled_name

WIDTH = 100


def listing(passes: Mapping[str, Callable[[], type]], targets: Mapping[str, Callable[[], type]]) -> str:
    """The `--list-passes` text for `passes` and `targets` (name -> lazy getter), in that order."""
    out = [
        "tt-dialect passes, with their options (-p 'NAME{OPTION=VALUE ...}'):",
        "",
    ]
    for name, getter in passes.items():
        out += _entry(name, getter())
    out += ["tt-dialect targets (-t 'NAME{OPTION=VALUE ...}'):", ""]
    for name, getter in targets.items():
        out += _entry(name, getter())
    return "\n".join(out)


def _entry(name: str, cls: type) -> list[str]:
    out = [name]
    summary = _first_paragraph(inspect.getdoc(cls) or "")
    out += textwrap.wrap(summary, WIDTH, initial_indent="    ", subsequent_indent="    ")
    fields = dataclasses.fields(cls) if dataclasses.is_dataclass(cls) else ()
    hints = typing.get_type_hints(cls) if fields else {}
    docs = _field_docs(cls)
    for field in fields:
        if field.name == "name":
            continue
        head = f"  {spelled_name(field.name)}={_values(hints[field.name])}  (default: {_default(field)})"
        out.append(head)
        doc = " ".join(docs.get(field.name, "").split())
        out += textwrap.wrap(doc, WIDTH, initial_indent="      ", subsequent_indent="      ")
    out.append("")
    return out


def _first_paragraph(doc: str) -> str:
    return " ".join(doc.split("\n\n")[0].split())


def _values(hint: object) -> str:
    allowed = literal_values(hint)
    if allowed:
        return "|".join(str(value) for value in allowed)
    kinds = []
    for member in option_type_members(hint):
        if member is bool:
            kinds.append("true|false")
        elif member is int:
            kinds.append("N")
        elif member is str:
            kinds.append("TEXT")
    return "|".join(dict.fromkeys(kinds)) or "VALUE"


def _default(field: dataclasses.Field) -> str:
    value = field.default
    if value is dataclasses.MISSING:
        return "required"
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _field_docs(cls: type) -> dict[str, str]:
    """Field name -> the string literal under it, from every class of the MRO (nearest wins)."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        docs.update(_class_field_docs(klass))
    return docs


@functools.cache
def _class_field_docs(klass: type) -> dict[str, str]:
    try:
        source = textwrap.dedent(inspect.getsource(klass))
    except (OSError, TypeError):
        return {}
    body = ast.parse(source).body[0]
    if not isinstance(body, ast.ClassDef):
        return {}
    docs = {}
    for statement, following in zip(body.body, body.body[1:]):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = following.value.value
    return docs
