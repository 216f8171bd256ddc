"""Where the project is and where it keeps what it builds and fetches."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def cache_root() -> Path:
    """The project's cache folder (gitignored): `$TT_CACHE_DIR`, else `<repo>/.cache`. Each
    user keeps a subfolder: the emulator's builds (`emu`), the Metalium wheel (`metal`), the
    jit's compiled programs (`jit`)."""
    env = os.environ.get("TT_CACHE_DIR")
    return Path(env).resolve() if env else REPO_ROOT / ".cache"
