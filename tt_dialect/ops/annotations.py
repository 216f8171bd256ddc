"""Names of the discardable attributes the `tt` dialect puts on upstream ops.

Before `tt-split-kernels` makes a `tt.program`, a tile program is an upstream
`func.func`; the passes of stages A-C record their decisions on it, on its
arguments, on its `scf.for` loops and on its buffers, under these names. The
program contract itself (device, tensors, CBs, partition, kernels' arguments) is
made of properties of `tt.program` and `tt.kernel` (`ops/program.py`), not of
attributes named here. These are the only spellings of these names in the
project: passes and printers import them from here.
"""

from __future__ import annotations

LAYOUT = "tt.layout"
"""On a tensor argument of a tile program: its `#tt.buffer_layout` (tt-infer-layout)."""

LOGICAL_SHAPE = "tt.logical_shape"
"""On a tensor argument of a tile program whose type tt-pad-tensors padded: its shape
before padding (`array<i64: ...>`), until tt-infer-layout moves it into the layout."""

RESULT = "tt.result"
"""On an output argument that `linalg-tensors-to-memrefs` appended to a function: the
number of the function result it was (`tt.result = 0 : i64`)."""

BATCH_SHAPE = "tt.batch_shape"
"""On a tensor argument of a tile program made from a `linalg.batch_matmul`: its shape
B x R x C before `convert-linalg-to-tt` folded the batch into rows (the argument is
(B * R) x C, the same row-major bytes)."""

CB = "tt.cb"
"""On a `tt.alloc_shared` / `tt.alloc_fragment`: its `#tt.cb_desc` (tt-propagate-layout)."""

WORK_PARTITION = "tt.work_partition"
"""On a tile program: its `#tt.work_partition` (tt-work-partition)."""

RUNTIME_ARGS = "tt.runtime_args"
"""On a tile program: its `#tt.runtime_args` schema (tt-work-partition)."""

DEVICE = "tt.device"
"""On a tile program: the `#tt.device` it was partitioned for (tt-work-partition)."""

METAL_API = "tt.metal_api"
"""On a tile program: the `#tt.metal_api` release its kernels will call (tt-attach-metal-api);
tt-split-kernels moves it into the `tt.program`."""

COMPUTE_CONFIG = "tt.compute_config"
"""On a tile program: its compute kernel's `#tt.compute_config` (tt-lower-tile-ops)."""

PIPELINE = "tt.pipeline"
"""On an `scf.for`: `#tt.pipeline<stages = N>`, TileLang's `T.Pipelined(n, num_stages=N)`."""

CPP_INCLUDES = "tt.cpp_includes"
"""On a `tt.kernel` at the EmitC level: the headers its C++ includes (convert-tt-to-emitc)."""

TENSORS = "tt.tensors"
"""On a `tt.program`: the `#tt.buffer_layout` of each tensor argument, in order (tt-split-kernels)."""

SEMAPHORES = "tt.semaphores"
"""On a tile program: the `#tt.semaphore`s its multicast loads use (tt-schedule-multicast)."""

MOVER = "tt.mover"
"""On an op of a copy's transfer: the `#tt.kernel_role` of the data-movement kernel that
issues it, from the copy's `mover` (tt-lower-shared-to-cb); tt-split-kernels places it there."""
