"""Timing helpers shared by the benchmarks: median wall time of alternating runs."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from tt_dialect.tools.environment import find_tool


def tool(name: str) -> str:
    found = find_tool(name)
    if found is None:
        sys.exit(f"bench: {name} not found; run tools/setup.sh")
    return found


def time_command(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def alternating_medians(first: list[str], second: list[str], runs: int) -> tuple[float, float]:
    """Median wall time of each command over `runs` alternating runs, after one
    warm-up run of each (file-system cache, .pyc files), so both share the
    machine's noise."""
    time_command(first)
    time_command(second)
    first_times, second_times = [], []
    for _ in range(runs):
        first_times.append(time_command(first))
        second_times.append(time_command(second))
    return statistics.median(first_times), statistics.median(second_times)
