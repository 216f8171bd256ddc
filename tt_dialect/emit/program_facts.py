"""Facts about a `tt.program` that every artifact agrees on: which file holds
which kernel and which tensors are inputs and outputs, and the check that a program
carries the whole contract (`ops/program.py`) before anything is printed. Shared by
the plan, the host program and the `tt-cpp` target so they can never disagree.
"""

from __future__ import annotations

from xdsl.dialects.builtin import ModuleOp

from tt_dialect.diagnostics import op_error
from tt_dialect.ops.attributes import KernelRole, WorkPartitionAttr
from tt_dialect.ops.program import KernelOp, ProgramOp

KERNEL_FILES: dict[KernelRole, str] = {
    KernelRole.READER: "reader.cpp",
    KernelRole.COMPUTE: "compute.cpp",
    KernelRole.WRITER: "writer.cpp",
}
"""Source file of each kernel, by role (one kernel per role)."""

KERNEL_NOCS: dict[KernelRole, int] = {
    KernelRole.READER: 1,
    KernelRole.WRITER: 0,
}
"""NOC of each data-movement kernel: its processor's default (`NOC::RISCV_1_default`
= NOC 1 for the reader on NCRISC, `NOC::RISCV_0_default` = NOC 0 for the writer on
BRISC), as tt-metal's `ReaderDataMovementConfig` / `WriterDataMovementConfig`."""


def find_program(module: ModuleOp, purpose: str) -> ProgramOp:
    """The one `tt.program` of `module`; a diagnostic on the module otherwise."""
    programs = [op for op in module.walk() if isinstance(op, ProgramOp)]
    if not programs:
        raise op_error(
            module,
            f"holds no tt.program for {purpose}; run tt-pipeline (tt-split-kernels makes the program)",
        )
    if len(programs) > 1:
        names = ", ".join(f"@{p.sym_name.data}" for p in programs)
        raise op_error(
            module, f"holds {len(programs)} tt.programs ({names}); {purpose} takes exactly one"
        )
    return programs[0]


def printable_contract(program: ProgramOp, purpose: str) -> WorkPartitionAttr:
    """Checks that `program` carries every fact an artifact prints and returns its
    work partition; a diagnostic naming the missing fact and the pass that writes it
    otherwise. Whether the facts agree is the op verifiers' business."""
    if program.work_partition is None:
        raise op_error(
            program, f"has no work_partition; {purpose} needs a program made by tt-pipeline"
        )
    if not program.tensors.data:
        raise op_error(program, f"has no tensors; {purpose} needs a program made by tt-pipeline")
    for cb in program.cbs.data:
        if cb.core_ranges is None:
            raise op_error(
                program,
                f"CB {cb.index.data} has no cores; {purpose} needs a program made by tt-pipeline",
            )
    kernels = program.kernels()
    seen: dict[KernelRole, KernelOp] = {}
    for kernel in kernels:
        role = kernel.role.data
        if role in seen:
            raise op_error(
                program,
                f"has two {role.value} kernels (@{seen[role].sym_name.data} and "
                f"@{kernel.sym_name.data}); each role has one source file ({KERNEL_FILES[role]})",
            )
        seen[role] = kernel
        if kernel.compile_time_args is None:
            raise op_error(
                kernel, "has no compile_time_args; run tt-finalize-runtime-args (tt-pipeline does)"
            )
        if role is KernelRole.COMPUTE and kernel.compute_config is None:
            raise op_error(kernel, "is a compute kernel without compute_config")
    return program.work_partition
