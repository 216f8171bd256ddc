"""Base of the named pipelines (`tt-metadata`, `tt-lower`, `tt-pipeline`)."""

from __future__ import annotations

from abc import ABC, abstractmethod

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass

from tt_dialect.diagnostics import verify_located


class NamedPipeline(ModulePass, ABC):
    """A pass that runs other passes in order, built from its own options, and
    verifies the IR after each one."""

    def __post_init__(self) -> None:
        self.passes()  # reject bad options before any IR is touched

    @abstractmethod
    def passes(self) -> list[ModulePass]: ...

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for stage in self.passes():
            stage.apply(ctx, op)
            verify_located(op)
