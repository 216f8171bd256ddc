"""`tt-emu`: run a tt-cpp artifact directory on the CPU emulator.

    tt-emu run DIR --in tensor0=a.npy --in tensor1=b.npy --out tensor2=c.npy
                   [--stats s.json] [--timeout 60]
    tt-emu run DIR --random 0 --expect 'tensor2=tensor0 @ tensor1' [--tolerance 0.01]
                   [--save-inputs DIR2]
    tt-emu build DIR

Inputs are `.npy` files (`--in`), or generated (`--random SEED`: every input no `--in` gives,
uniform in [-1, 1) and exactly representable in bf16, from numpy's `default_rng(SEED)`, so the
same seed gives the same inputs; `--save-inputs` writes them as `DIR2/<name>.npy`).
`--expect NAME=EXPR` compares output NAME with a numpy expression of the inputs (by name, in
float64, with `np`) and prints one `RESULT` line: the max error, the tolerance (default: half a
bf16 ulp of the largest |reference|, 2^-8 of it, plus 1e-3), the modeled time.

`run` exits 0 on success, 1 when the emulated program fails (deadlock, contract violation, time
limit, a file that does not compile: one message on stderr) or an output is beyond its
tolerance, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from tt_dialect.emu.build import EmuBuildError, build, read_plan
from tt_dialect.emu.report import bf16_tolerance, check
from tt_dialect.emu.runner import DEFAULT_TIMEOUT, EmuError, run
from tt_dialect.samples import bf16_values


def _pairs(values: list[str], flag: str, form: str = "NAME=FILE.npy") -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        name, text = name.strip(), text.strip()
        if not sep or not name or not text:
            raise ValueError(f"{flag} {value!r}: expected {form}")
        if name in out:
            raise ValueError(f"{flag} {name} given twice")
        out[name] = text
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
    r.add_argument(
        "--random",
        type=int,
        metavar="SEED",
        help="generate every input no --in gives: uniform in [-1, 1), bf16-exact, seeded",
    )
    r.add_argument(
        "--save-inputs", type=Path, metavar="DIR", help="write the generated inputs as DIR/NAME.npy"
    )
    r.add_argument(
        "--expect",
        action="append",
        default=[],
        metavar="NAME=EXPR",
        help="compare output NAME with a numpy expression of the inputs, e.g. 'tensor2=tensor0 @ tensor1'",
    )
    r.add_argument(
        "--tolerance",
        type=float,
        metavar="T",
        help="largest max |error| an --expect accepts (default: 2^-8 of max |reference| plus 1e-3)",
    )
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
        inputs = {name: Path(path) for name, path in _pairs(args.inputs, "--in").items()}
        outputs = {name: Path(path) for name, path in _pairs(args.outputs, "--out").items()}
        expected = _pairs(args.expect, "--expect", "NAME=EXPR")
        plan = read_plan(args.dir)
    except (ValueError, EmuBuildError) as e:
        print(f"tt-emu: error: {e}", file=sys.stderr)
        return 2
    tensors = {t["name"]: t for t in plan["tensors"]}
    output_names = [n for n, t in tensors.items() if t["role"] == "output"]
    input_names = [n for n, t in tensors.items() if t["role"] == "input"]
    generated = [n for n in input_names if n not in inputs] if args.random is not None else []
    problems = [
        *(["--save-inputs needs --random"] if args.save_inputs is not None and args.random is None else []),
        *(["--tolerance needs --expect"] if args.tolerance is not None and not expected else []),
        *(
            f"{flag} {n}: the program's outputs are {', '.join(output_names)}"
            for flag, names in (("--out", outputs), ("--expect", expected))
            for n in names
            if n not in output_names
        ),
        *(
            f"--in {n}: the program's inputs are {', '.join(input_names)}"
            for n in inputs
            if n not in input_names
        ),
        *(
            f"missing --in {n}=FILE.npy (or --random SEED to generate it)"
            for n in input_names
            if n not in inputs and n not in generated
        ),
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
    rng = np.random.default_rng(args.random)
    for name in generated:
        arrays[name] = bf16_values(rng, tuple(tensors[name]["shape"]))
        if args.save_inputs is not None:
            args.save_inputs.mkdir(parents=True, exist_ok=True)
            np.save(args.save_inputs / f"{name}.npy", arrays[name])
    references = {}
    for name, expression in expected.items():
        try:
            references[name] = _evaluate(expression, arrays)
        except Exception as e:  # noqa: BLE001 - any error of the user's expression is a usage error
            print(f"tt-emu: error: --expect {name}: cannot evaluate {expression!r}: {e}", file=sys.stderr)
            return 2
        if references[name].shape != tuple(tensors[name]["shape"]):
            print(
                f"tt-emu: error: --expect {name}: {expression!r} has shape {list(references[name].shape)}, "
                f"{name} has {tensors[name]['shape']}",
                file=sys.stderr,
            )
            return 2
    try:
        result = run(args.dir, arrays, stats=args.stats is not None or bool(expected), timeout=args.timeout)
    except EmuError as e:
        print(f"tt-emu: error: {e}", file=sys.stderr)
        return 1
    for name, path in outputs.items():
        np.save(path, result[name])
    if args.stats is not None:
        args.stats.write_text(json.dumps(result.stats, indent=2) + "\n")
    ok = True
    for name, reference in references.items():
        tolerance = bf16_tolerance(reference) if args.tolerance is None else args.tolerance
        ok &= check(f"{args.dir} {name} = {expected[name]}", result[name], reference, tolerance, result.stats)
    return 0 if ok else 1


def _evaluate(expression: str, arrays: dict[str, np.ndarray]) -> np.ndarray:
    """`expression` with the inputs bound by name (float64) and numpy as `np`."""
    names = {name: np.asarray(value, dtype=np.float64) for name, value in arrays.items()}
    value = eval(expression, {"__builtins__": {}, "np": np}, names)  # the user's own command line
    return np.asarray(value, dtype=np.float64)


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
