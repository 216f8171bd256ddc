"""The tt-metal releases whose API the compiler can target.

A program targets one release (the `api-version` option, recorded in the IR as
`#tt.metal_api<v0_81_1>` on the program and as `"metal_version"` in `tt.plan.json`). The
release decides how some kernel calls are spelled (docs/metal_versions.md lists the
differences) and which `ttnn` wheel the real-header check compiles against; everything else is
the same for every release.

`MetalApi`'s values are the attribute's spelling (an identifier); `release` is the version as
pip, the plan and the `api-version` option spell it.
"""

from __future__ import annotations

from xdsl.utils.str_enum import StrEnum

from tt_dialect.diagnostics import did_you_mean


class MetalApi(StrEnum):
    V0_74_0 = "v0_74_0"
    V0_81_1 = "v0_81_1"

    @property
    def release(self) -> str:
        """`"0.81.1"`: the `ttnn` wheel's version."""
        return self.value.removeprefix("v").replace("_", ".")


DEFAULT_API = MetalApi.V0_74_0
"""What a program targets unless told otherwise."""

RELEASES: tuple[str, ...] = tuple(api.release for api in MetalApi)
"""`("0.74.0", "0.81.1")`: every release, as the `api-version` option spells it."""


def api_for_release(release: str, what: str = "api-version") -> MetalApi:
    """`"0.81.1"` -> `MetalApi.V0_81_1`; a ValueError listing the releases (and the nearest
    one) for anything else."""
    for api in MetalApi:
        if api.release == release:
            return api
    raise ValueError(
        f"{what} must be one of {', '.join(RELEASES)}; got '{release}'{did_you_mean(str(release), RELEASES)}"
    )
