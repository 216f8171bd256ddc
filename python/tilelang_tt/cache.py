"""The compile cache: artifacts by (tile-program IR, pipeline, compiler), in memory and on disk.

The key is the SHA-256 of the tile program's text, the pass pipeline with all its options,
and a fingerprint of the compiler's own sources, so editing a pass invalidates every entry.
On disk an entry is a directory `<root>/<key>/` holding the artifacts themselves (the
emulator runs from it) and `COMPLETE`, written last, so a half-written entry is never read.
The root is `$TT_CACHE_DIR/jit` (default `<repo>/.cache/jit`, next to the emulator's builds).
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from tt_dialect.emit.target import write_artifacts
from tt_dialect.project_paths import REPO_ROOT, cache_root

COMPLETE = "COMPLETE"
"""Written last into an entry directory: the list of its artifact files, in order."""

COMPILER_ROOT = REPO_ROOT / "tt_dialect"


def cache_dir() -> Path:
    """`<project cache>/jit`: one directory per entry."""
    return cache_root() / "jit"


@functools.cache
def compiler_fingerprint() -> str:
    """Hash of every source file of the compiler and of this front end."""
    digest = hashlib.sha256()
    roots = (COMPILER_ROOT, Path(__file__).resolve().parent)
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".json") and path.is_file():
                digest.update(str(path.relative_to(root.parent)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(ir_text: str, pipeline: str) -> str:
    digest = hashlib.sha256()
    for part in (compiler_fingerprint(), pipeline, ir_text):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


class CompileCache:
    """Artifacts (file name -> text) by key; `disk=False` keeps them in memory only."""

    def __init__(self, disk: bool = True):
        self.disk = disk
        self.memory: dict[str, dict[str, str]] = {}

    def entry_dir(self, key: str) -> Path:
        return cache_dir() / key

    def get(self, key: str) -> dict[str, str] | None:
        found = self.memory.get(key)
        if found is not None or not self.disk:
            return found
        entry = self.entry_dir(key)
        try:
            names = json.loads((entry / COMPLETE).read_text())
            found = {name: (entry / name).read_text() for name in names}
        except (OSError, ValueError):
            return None
        self.memory[key] = found
        return found

    def put(self, key: str, artifacts: dict[str, str]) -> None:
        self.memory[key] = artifacts
        if self.disk:
            self.store(key, artifacts)

    def store(self, key: str, artifacts: dict[str, str]) -> Path:
        """The entry's directory, written now if it is not complete on disk."""
        entry = self.entry_dir(key)
        if not (entry / COMPLETE).is_file():
            write_artifacts(artifacts, entry)
            write_artifacts({COMPLETE: json.dumps(list(artifacts))}, entry)
        return entry

    def clear_memory(self) -> None:
        self.memory.clear()


DEFAULT_CACHE = CompileCache()
