"""The `tt` dialect: both the tile-program level (input) and the hardware level.

Op definitions are grouped by concern, one module each:
- `tile_program`: grid launch, shared/fragment buffers, copy, gemm, fill, elementwise;
- `program`: programs and kernels (host-side structure);
- `cb`: circular buffers and their producer/consumer protocol;
- `dataflow`: tensor accessors, NOC reads and writes, barriers;
- `compute`: FPU/SFPU tile math, DST registers, pack;
- `sync`: semaphores, core NOC addresses and multicast writes;
- `args`: runtime and compile-time arguments.
Types live in `types`, attributes (the metadata schema) in `attributes`.
"""

from xdsl.ir import Dialect

from tt_dialect.ops import args, attributes, cb, compute, dataflow, program, sync, tile_program, types

TT = Dialect(
    "tt",
    [
        *tile_program.OPS,
        *program.OPS,
        *cb.OPS,
        *dataflow.OPS,
        *sync.OPS,
        *compute.OPS,
        *args.OPS,
    ],
    [*types.TYPES, *attributes.ATTRIBUTES],
)
