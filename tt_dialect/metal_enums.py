"""tt-metal's enum values for our spellings, shared by every tool that builds
kernels the way tt-metal's JIT does (the real-header check, the emulator).

Values from tt-metal v0.74.0 (`tt::DataFormat`, `MathFidelity`).
"""

from __future__ import annotations

from tt_dialect.ops.attributes import TILE_BYTES, DataFormat

DATA_FORMAT_IDS: dict[str, int] = {
    "f32": 0,
    "f16": 1,
    "bf16": 5,
    "bfp8_b": 6,
    "bfp4_b": 7,
    "i32": 8,
    "u32": 24,
}
"""`tt::DataFormat` value of each data format, by the plan's spelling."""

DATA_FORMATS: dict[str, tuple[int, int]] = {
    name: (value, TILE_BYTES[DataFormat(name)]) for name, value in DATA_FORMAT_IDS.items()
}
"""`tt::DataFormat` value and the bytes of one 32x32 tile, by the plan's spelling."""

MATH_FIDELITY: dict[str, int] = {"lofi": 0, "hifi2": 2, "hifi3": 3, "hifi4": 4}
"""`MathFidelity` value, by the plan's spelling."""
