"""`tt-emu`: run a tt-cpp artifact directory on the CPU emulator.

    tt-emu run DIR --in tensor0=a.npy --in tensor1=b.npy --out tensor2=c.npy
                   [--stats s.json] [--timeout 60]
    tt-emu build DIR

`run` exits 0 on success, 1 when the emulated program fails (deadlock, contract violation, time
limit, a file that does not compile: one message on stderr), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from tt_dialect.emu.build import EmuBuildError, build, read_plan
from tt_dialect.emu.runner import DEFAULT_TIMEOUT, EmuError, run


def _pairs(values: list[str], flag: str) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not name or not path:
            raise ValueError(f"{flag} {value!r}: expected NAME=FILE.npy")
        if name in out:
            raise ValueError(f"{flag} {name} given twice")
        out[name] = Path(path)
    return out


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tt-emu", description="Run tt-cpp artifacts on the CPU emulator."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="run an artifact directory on numpy inputs")
    r.add_argument(
        "dir", type=Path, help="artifact directory (tt-opt ... -t 'tt-cpp{output-dir=DIR}')"
    )
    r.add_argument("--in", dest="inputs", action="append", default=[], metavar="NAME=FILE.npy")
    r.add_argument("--out", dest="outputs", action="append", default=[], metavar="NAME=FILE.npy")
    r.add_argument("--stats", type=Path, metavar="FILE.json", help="write the counters as JSON")
    r.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help="time limit of the run (seconds)",
    )
    b = sub.add_parser(
        "build", help="build (or find in the cache) an artifact directory's binaries"
    )
    b.add_argument("dir", type=Path)
    return parser


def _run(args: argparse.Namespace) -> int:
    try:
        inputs = _pairs(args.inputs, "--in")
        outputs = _pairs(args.outputs, "--out")
        plan = read_plan(args.dir)
    except (ValueError, EmuBuildError) as e:
        print(f"tt-emu: error: {e}", file=sys.stderr)
        return 2
    output_names = [t["name"] for t in plan["tensors"] if t["role"] == "output"]
    input_names = [t["name"] for t in plan["tensors"] if t["role"] == "input"]
    problems = [
        *(
            f"--out {n}: the program's outputs are {', '.join(output_names)}"
            for n in outputs
            if n not in output_names
        ),
        *(
            f"--in {n}: the program's inputs are {', '.join(input_names)}"
            for n in inputs
            if n not in input_names
        ),
        *(f"missing --in {n}=FILE.npy" for n in input_names if n not in inputs),
    ]
    if problems:
        print(f"tt-emu: error: {problems[0]}", file=sys.stderr)
        return 2
    arrays = {}
    for name, path in inputs.items():
        try:
            arrays[name] = np.load(path, allow_pickle=False)
        except (OSError, ValueError) as e:
            print(f"tt-emu: error: --in {name}: cannot read {path}: {e}", file=sys.stderr)
            return 2
    try:
        result = run(args.dir, arrays, stats=args.stats is not None, timeout=args.timeout)
    except EmuError as e:
        print(f"tt-emu: error: {e}", file=sys.stderr)
        return 1
    for name, path in outputs.items():
        np.save(path, result[name])
    if args.stats is not None:
        args.stats.write_text(json.dumps(result.stats, indent=2) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "run":
        return _run(args)
    try:
        b = build(args.dir)
    except EmuBuildError as e:
        print(f"tt-emu: error: {e}", file=sys.stderr)
        return 1
    print(f"main: {b.main}")
    for k, so in zip(b.plan["kernels"], b.kernels):
        print(f"{k['file']}: {so}")
    print(f"built: {', '.join(b.built) or 'nothing (cached)'} in {b.seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
