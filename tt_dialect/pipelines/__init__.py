"""Named pipelines (`tt-metadata`, `tt-lower`, `tt-pipeline`): passes that run other passes.

They sit above `transforms/` in the layering: a pass never imports another pass;
a named pipeline composes them. Each pipeline declares the options of its stages
by inheriting the same option mixins (`tt_dialect.options`), and hands every
stage exactly the options the stage declares.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TypeVar

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass

from tt_dialect.diagnostics import verify_located
from tt_dialect.options import Options
from tt_dialect.transforms.verify import VerifyPass

Stage = TypeVar("Stage", bound=ModulePass)


@dataclass(frozen=True)
class NamedPipeline(ModulePass, Options, ABC):
    """A pass that runs other passes in order, built from its own options, and
    verifies the IR after each one.

    Its options are the option mixins it inherits after `NamedPipeline`; the
    mixins' fields come in the reverse of the order they are listed in, so list
    them last-option-first to have `--help` and messages show the usual order."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.passes()  # reject bad options before any IR is touched

    @abstractmethod
    def passes(self) -> list[ModulePass]: ...

    def stage(self, stage: type[Stage]) -> Stage:
        """`stage` built with the options it declares, taken from this pipeline."""
        options = {
            field.name: getattr(self, field.name)
            for field in dataclasses.fields(stage)
            if field.init and hasattr(self, field.name)
        }
        return stage(**options)

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for stage in self.passes():
            if isinstance(stage, VerifyPass):
                # Every earlier stage left verified IR: tt-verify checks its rules only,
                # and changes nothing.
                stage.check(op)
                continue
            stage.apply(ctx, op)
            if not leaves_verified_ir(stage):
                verify_located(op)


def leaves_verified_ir(stage: ModulePass) -> bool:
    """Whether `stage` leaves IR already verified: a named pipeline verifies after each of its
    stages, and tt-verify verifies before it checks and changes nothing."""
    return isinstance(stage, NamedPipeline | VerifyPass)
