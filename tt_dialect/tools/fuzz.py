"""A mutational fuzzer for `tt-opt`: every input must end in success or a located error.

    python -m tt_dialect.tools.fuzz [--mutants 50000] [--seed 0] [--timeout 10] [--save DIR]

The corpus is every `.mlir` file of `lit_tests/` and `examples/`, split at `// -----` as
`--split-input-file` does. Each mutant is one corpus case with one to three mutations,
drawn from a generator seeded by (seed, mutant number), so a run is reproducible and any
mutant can be regenerated alone:
- a token or a line deleted, duplicated, or swapped with another;
- a number made 0, -1, 1, a large power of two or a number beyond 64 bits;
- an element type or a shape changed (`bf16` -> `f32`, `128x64` -> `0x64`, ...).

Each mutant goes through `tt-opt` in process, as a user runs it: parse and verify, then, if
that succeeds, `tt-pipeline` and the `tt-cpp` target into a scratch directory. Every run
is classified:
- `success`: exit 0;
- `located`: a non-zero exit whose first line is `file:line:col: error: ...`;
- `unlocated`: a non-zero exit with any other message;
- `internal`: `tt-opt: internal error` (an exception no diagnostic caught, exit 70);
- `timeout`: more than `--timeout` seconds.
It prints a table of the outcomes by stage and, for the three bad classes, the first
reproducers (saved to `--save DIR` when given). The exit status is 1 if any run was
`unlocated`, `internal` or `timeout`. `tests/test_fuzz.py` runs 2,000 mutants in CI.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import re
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tt_dialect.project_paths import REPO_ROOT

CORPUS_DIRS = ("lit_tests", "examples")
OUTCOMES = ("success", "located", "unlocated", "internal", "timeout")
BAD_OUTCOMES = ("unlocated", "internal", "timeout")
STAGES = ("parse+verify", "tt-pipeline+tt-cpp")
LINALG_PIPELINE = "linalg-tensors-to-memrefs,convert-linalg-to-tt,tt-pipeline"
"""The second stage's pipeline for a mutant with linalg ops (its name stays `tt-pipeline+tt-cpp`)."""

_TOKEN = re.compile(r"%[\w.$-]+|#[\w.]+|![\w.]+|\"[^\"\n]*\"|[\w.]+|[^\s\w]")
_NUMBER = re.compile(r"(?<![\w%#!.])-?\d+(?![\w.])")
_ELEMENT_TYPES = ("bf16", "f32", "f16", "i32", "index", "i1", "f64")
_SHAPE = re.compile(r"\b(\d+)x(\d+)x")
_REPLACEMENT_NUMBERS = ("0", "-1", "1", "3", str(2**31), str(2**40), str(2**63), str(10**30))
_LOCATED = re.compile(r"^[^\n:]+:\d+:\d+: error: ")


class _Timeout(BaseException):
    """Raised by the alarm: a BaseException, so tt-opt's last-resort handler lets it pass."""


def corpus(root: Path = REPO_ROOT) -> list[tuple[str, str]]:
    """(name, text) of every case: each `.mlir` file under `CORPUS_DIRS`, split at
    `// -----`, in a fixed order."""
    cases = []
    for directory in CORPUS_DIRS:
        for path in sorted((root / directory).rglob("*.mlir")):
            if "Output" in path.parts:
                continue
            for index, chunk in enumerate(path.read_text().split("\n// -----\n")):
                body = "\n".join(line for line in chunk.splitlines() if not line.lstrip().startswith("//"))
                if body.strip():
                    cases.append((f"{path.relative_to(root)}#{index}", body + "\n"))
    return cases


def mutate(text: str, rng: random.Random) -> str:
    """`text` with one to three random mutations."""
    for _ in range(rng.randint(1, 3)):
        text = rng.choice(_MUTATIONS)(text, rng)
    return text


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def _token_edit(text: str, rng: random.Random) -> str:
    tokens = _tokens(text)
    if len(tokens) < 2:
        return text
    a, b = sorted(rng.sample(range(len(tokens)), 2))
    first, second = tokens[a], tokens[b]
    kind = rng.choice(("delete", "duplicate", "swap"))
    if kind == "delete":
        return text[: first.start()] + text[first.end():]
    if kind == "duplicate":
        return text[: first.end()] + " " + first.group() + text[first.end():]
    return (text[: first.start()] + second.group() + text[first.end(): second.start()] + first.group()
            + text[second.end():])


def _line_edit(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    if len(lines) < 2:
        return text
    a, b = sorted(rng.sample(range(len(lines)), 2))
    kind = rng.choice(("delete", "duplicate", "swap"))
    if kind == "delete":
        del lines[a]
    elif kind == "duplicate":
        lines.insert(b, lines[a])
    else:
        lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines) + "\n"


def _number_edit(text: str, rng: random.Random) -> str:
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        return text
    number = rng.choice(numbers)
    return text[: number.start()] + rng.choice(_REPLACEMENT_NUMBERS) + text[number.end():]


def _type_edit(text: str, rng: random.Random) -> str:
    present = [t for t in _ELEMENT_TYPES if re.search(rf"\b{t}\b", text)]
    if not present:
        return text
    old = rng.choice(present)
    matches = list(re.finditer(rf"\b{old}\b", text))
    match = rng.choice(matches)
    return text[: match.start()] + rng.choice(_ELEMENT_TYPES) + text[match.end():]


def _shape_edit(text: str, rng: random.Random) -> str:
    shapes = list(_SHAPE.finditer(text))
    if not shapes:
        return text
    shape = rng.choice(shapes)
    rows, cols = (rng.choice(("0", "1", "31", "33", "64", "96", "4096", shape.group(g))) for g in (1, 2))
    return text[: shape.start()] + f"{rows}x{cols}x" + text[shape.end():]


_MUTATIONS = (_token_edit, _token_edit, _line_edit, _number_edit, _number_edit, _type_edit, _shape_edit)


@dataclass
class Result:
    stage: str
    outcome: str
    message: str


def classify(code: int, stderr: str) -> str:
    if code == 0:
        return "success"
    if code == 70 or "internal error" in stderr:
        return "internal"
    return "located" if _LOCATED.match(stderr) else "unlocated"


def _run_tt_opt(args: Sequence[str], timeout: float) -> tuple[str, str]:
    from tt_dialect.tools.tt_opt import main

    stderr = io.StringIO()
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            code = main(list(args))
    except _Timeout:
        return "timeout", f"more than {timeout:g} s"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    text = stderr.getvalue()
    return classify(code, text), text.strip().splitlines()[0] if text.strip() else ""


def _raise_timeout(signum, frame):  # noqa: ARG001 - signal handler signature
    raise _Timeout


def run_mutant(text: str, scratch: Path, timeout: float) -> list[Result]:
    """The mutant through parse+verify and, if that succeeds, tt-pipeline and tt-cpp
    (preceded by linalg-tensors-to-memrefs and convert-linalg-to-tt for a mutant with
    linalg ops, so the linalg forms of other MLIR flows are mutated too)."""
    source = scratch / "mutant.mlir"
    source.write_text(text)
    outcome, message = _run_tt_opt([str(source)], timeout)
    results = [Result(STAGES[0], outcome, message)]
    if outcome == "success":
        out = scratch / "out"
        shutil.rmtree(out, ignore_errors=True)
        pipeline = LINALG_PIPELINE if "linalg." in text else "tt-pipeline"
        outcome, message = _run_tt_opt(
            [str(source), "-p", pipeline, "-t", f'tt-cpp{{output-dir="{out}"}}'], timeout
        )
        results.append(Result(STAGES[1], outcome, message))
    return results


@dataclass
class Report:
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    bad: list[tuple[int, str, Result, str]] = field(default_factory=list)
    seconds: float = 0.0
    mutants: int = 0

    @property
    def failed(self) -> bool:
        return any(outcome in BAD_OUTCOMES for (_, outcome) in self.counts)

    def table(self) -> str:
        lines = [f"{self.mutants} mutants in {self.seconds:.1f} s",
                 "| stage | " + " | ".join(OUTCOMES) + " |", "|---|" + "---:|" * len(OUTCOMES)]
        for stage in STAGES:
            lines.append(f"| {stage} | " + " | ".join(str(self.counts[(stage, o)]) for o in OUTCOMES) + " |")
        return "\n".join(lines)


def mutants(cases: list[tuple[str, str]], count: int, seed: int) -> Iterator[tuple[int, str, str]]:
    """(number, case name, text) of `count` mutants; mutant n depends on (seed, n) only."""
    for number in range(count):
        rng = random.Random(f"{seed}:{number}")
        name, text = rng.choice(cases)
        yield number, name, mutate(text, rng)


def fuzz(count: int, seed: int = 0, timeout: float = 10.0, keep: int = 20) -> Report:
    report = Report(mutants=count)
    cases = corpus()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tt-fuzz-") as scratch:
        for number, name, text in mutants(cases, count, seed):
            for result in run_mutant(text, Path(scratch), timeout):
                report.counts[(result.stage, result.outcome)] += 1
                if result.outcome in BAD_OUTCOMES and len(report.bad) < keep:
                    report.bad.append((number, name, result, text))
    report.seconds = time.perf_counter() - start
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tt_dialect.tools.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per tt-opt run")
    parser.add_argument("--save", type=Path, help="write each bad mutant here as <number>.mlir")
    args = parser.parse_args(argv)
    report = fuzz(args.mutants, args.seed, args.timeout)
    print(report.table())
    for number, name, result, text in report.bad:
        print(f"mutant {number} of {name}: {result.stage}: {result.outcome}: {result.message}")
        if args.save is not None:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{number}.mlir").write_text(text)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
