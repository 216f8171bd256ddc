"""bench/jit_cache: a repeated `@tilelang.jit` compile against a first compile.

Measures, in one process, on the example gemm (1024^3, 128x128 blocks, K block 32):
  cold    `matmul(...)` with an empty cache: front end, tt-pipeline, every artifact;
  memory  `matmul(...)` again: front end (syntax tree to IR), cache key, memory hit;
  disk    `matmul(...)` with the memory cache cleared: the same, reading the entry from disk.
Reports the median of each, the ratios against the cold compile, and the repeated compile
against the 5 ms target. The disk cache lives in a temporary TT_CACHE_DIR.

    python bench/jit_cache.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_MS = 5.0
ROOT = Path(__file__).resolve().parent.parent


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    os.environ["TT_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-jit-")
    sys.path.insert(0, str(ROOT / "examples" / "gemm"))
    from example_gemm import matmul

    from tilelang_tt.cache import DEFAULT_CACHE, cache_dir

    shape = (1024, 1024, 1024, 128, 128, 32)
    matmul(*shape)  # imports and the compiler fingerprint, out of every measurement

    def cold() -> None:
        DEFAULT_CACHE.clear_memory()
        for entry in cache_dir().iterdir():
            for file in entry.iterdir():
                file.unlink()
            entry.rmdir()
        matmul(*shape)

    def disk() -> None:
        DEFAULT_CACHE.clear_memory()
        matmul(*shape)

    cold_ms = median_ms(cold, max(3, args.runs // 10))
    matmul(*shape)
    memory_ms = median_ms(lambda: matmul(*shape), args.runs)
    disk_ms = median_ms(disk, args.runs)
    print(f"cold compile (front end + tt-pipeline + artifacts): {cold_ms:8.2f} ms")
    print(f"repeated compile, memory cache hit:                 {memory_ms:8.2f} ms "
          f"(ratio to cold {memory_ms / cold_ms:.3f})")
    print(f"repeated compile, disk cache hit:                   {disk_ms:8.2f} ms "
          f"(ratio to cold {disk_ms / cold_ms:.3f})")
    print(f"target: repeated compile < {TARGET_MS} ms: "
          f"{'met' if max(memory_ms, disk_ms) < TARGET_MS else 'NOT met'}")


if __name__ == "__main__":
    main()
