"""The artifact corpus: every example and every pipeline lit input, compiled to artifacts.

`tests/golden/artifacts.sha256` holds a SHA-256 digest of every artifact of every case. A
change to the compiler that changes any emitted byte (kernels, main.cpp, CMakeLists.txt,
tt.plan.json) fails `test_golden_artifacts.py` until the manifest is regenerated with

    python tests/golden_corpus.py --write

so every change in generated code is visible in review as a change of this file.

Cases: the tile-program and linalg examples with the main job's pipelines, the TileLang
examples through `jit`, and every `// -----` case of the pipeline lit files that compiles,
with the pipeline of the file's first RUN line.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "tests" / "golden" / "artifacts.sha256"

MLIR_EXAMPLES: list[tuple[str, str]] = [
    ("examples/gemm/gemm.mlir", "tt-pipeline"),
    ("examples/gemm/gemm.mlir", "tt-pipeline{grid=2x3}"),
    ("examples/gemm/gemm.mlir", "tt-pipeline{arch=blackhole}"),
    ("examples/elementwise/add.mlir", "tt-pipeline"),
    ("examples/elementwise/add.mlir", "tt-pipeline{arch=blackhole grid=2x3 cb-depth=1 math-fidelity=lofi}"),
    ("examples/linalg/matmul_relu.mlir", "convert-linalg-to-tt,tt-pipeline"),
]
LIT_FILES = [
    "lit_tests/pipelines/gemm.mlir",
    "lit_tests/pipelines/gemm_variants.mlir",
    "lit_tests/pipelines/elementwise.mlir",
    "lit_tests/emit/tt_cpp.mlir",
]
SPLIT = re.compile(r"^// -----\s*$", re.MULTILINE)
RUN_PIPELINE = re.compile(r"-p '([^']*)'")


def _artifacts(text: str, pipeline: str) -> dict[str, str] | None:
    """The artifacts of one input, or None if it does not compile (an error case)."""
    from tt_dialect.api import apply_pipeline, parse_module
    from tt_dialect.diagnostics import TTDiagnostic
    from tt_dialect.emit.target import artifacts

    try:
        module = parse_module(text)
        apply_pipeline(module, pipeline)
        return artifacts(module)
    except (TTDiagnostic, ValueError):
        return None


def _tilelang_examples() -> Iterator[tuple[str, dict[str, str]]]:
    import importlib.util

    for path, shape, make in (
        ("examples/gemm/example_gemm.py", "", lambda m: m.matmul(1024, 1024, 1024, 128, 128, 32)),
        # Padded to 1024 (tt-pad-tensors): main.cpp crops the files' 1000x1000 tensors.
        ("examples/gemm/example_gemm.py", " 1000x1000x1000", lambda m: m.matmul(1000, 1000, 1000, 128, 128, 32)),
        ("examples/elementwise/example_elementwise_add.py", "", lambda m: m.elementwise_add(1024, 1024, 128, 128)),
    ):
        spec = importlib.util.spec_from_file_location(Path(path).stem, ROOT / path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        kernel = make(module)
        yield path + shape, dict(kernel.artifacts)


def corpus() -> Iterator[tuple[str, dict[str, str]]]:
    """(case name, artifacts) of every case, in a fixed order."""
    for path, pipeline in MLIR_EXAMPLES:
        files = _artifacts((ROOT / path).read_text(), pipeline)
        assert files is not None, f"{path} with {pipeline} does not compile"
        yield f"{path} -p {pipeline}", files
    for path in LIT_FILES:
        text = (ROOT / path).read_text()
        match = RUN_PIPELINE.search(text)
        assert match is not None, f"{path}: no -p '...' on its RUN line"
        for number, chunk in enumerate(SPLIT.split(text)):
            files = _artifacts(chunk, match[1])
            if files is not None:
                yield f"{path}#{number} -p {match[1]}", files
    yield from _tilelang_examples()


@functools.cache
def cases() -> tuple[tuple[str, dict[str, str]], ...]:
    """The corpus, compiled once per process (several tests read it)."""
    return tuple(corpus())


def digests() -> list[str]:
    lines = []
    for case, files in cases():
        for name in sorted(files):
            digest = hashlib.sha256(files[name].encode()).hexdigest()
            lines.append(f"{digest}  {case} :: {name}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {MANIFEST.name}")
    parser.add_argument("--dump", type=Path, help="also write every artifact under DIR, to diff")
    args = parser.parse_args()
    if args.dump is not None:
        for number, (case, files) in enumerate(corpus()):
            folder = args.dump / f"{number:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "CASE").write_text(case + "\n")
            for name, text in files.items():
                (folder / name).write_text(text)
    lines = digests()
    if args.write:
        MANIFEST.write_text("\n".join(lines) + "\n")
        print(f"wrote {len(lines)} digests to {MANIFEST.relative_to(ROOT)}")
        return 0
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
