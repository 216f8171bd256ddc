"""bench/startup: what the `tt` dialect adds to the start-up of an opt run.

Measures, in one run and alternating to share machine noise:
  A  `tt-opt`   parse + verify + print of a 300-op hardware-level `tt` module;
  B  `xdsl-opt` parse + print of a 300-op module of builtin ops only.
Reports the median wall time of each, their difference (target: at most
0.1 s) and their ratio.

    python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from timing import alternating_medians, tool

TARGET_ADDED_SECONDS = 0.1
OPS = 300


def hardware_module(num_ops: int) -> str:
    """A program whose reader and writer kernels shuttle pages through a CB."""
    header = (
        "tt.program @bench attributes {device = #tt.device<wormhole_b0>, cbs = "
        "[#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {\n"
    )
    body_ops = num_ops - 4  # module, program and two kernels
    per_kernel = body_ops // 2
    lines = [header]
    for role in ("reader", "writer"):
        lines.append(f"  tt.kernel @{role} {role} on #tt.core_ranges<[(0, 0) to (7, 7)]> {{\n")
        lines.append("    %cb = tt.get_cb 0 : !tt.cb<2, bf16>\n")
        for i in range(per_kernel - 1):
            op = ("tt.cb_reserve_back", "tt.cb_push_back")[i % 2] if role == "reader" else (
                ("tt.cb_wait_front", "tt.cb_pop_front")[i % 2]
            )
            lines.append(f"    {op} %cb, 1 : !tt.cb<2, bf16>\n")
        lines.append("  }\n")
    lines.append("}\n")
    return "".join(lines)


def builtin_module(num_ops: int) -> str:
    lines = [f"%v{i} = builtin.unrealized_conversion_cast to i32\n" for i in range(num_ops - 1)]
    return "".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        hw = Path(tmp) / "hardware.mlir"
        hw.write_text(hardware_module(OPS))
        builtin = Path(tmp) / "builtin.mlir"
        builtin.write_text(builtin_module(OPS))
        ours = [tool("tt-opt"), str(hw)]
        baseline = [tool("xdsl-opt"), str(builtin)]
        ours_median, baseline_median = alternating_medians(ours, baseline, args.runs)
    added = ours_median - baseline_median
    print(f"tt-opt   (tt, {OPS} ops, parse+verify+print): {ours_median:.3f} s median of {args.runs}")
    print(f"xdsl-opt (builtin, {OPS} ops, parse+print):   {baseline_median:.3f} s median of {args.runs}")
    print(f"added by the tt dialect: {added:+.3f} s (target <= {TARGET_ADDED_SECONDS} s)")
    print(f"ratio tt-opt / xdsl-opt: {ours_median / baseline_median:.2f}")


if __name__ == "__main__":
    main()
