"""Facts about a `tt.program` that every artifact agrees on: which file holds
which kernel, which tensors are inputs and outputs, and the program-level
attributes an artifact needs. Shared by the plan, the host program and the
`tt-cpp` target so they can never disagree.
"""

from __future__ import annotations

from typing import Any

from xdsl.dialects.builtin import ModuleOp

from tt_dialect.diagnostics import op_error
from tt_dialect.ops.attributes import ArgKind, KernelRole
from tt_dialect.ops.program import KernelOp, ProgramOp
from tt_dialect.transforms.split_kernels import TENSORS_ATTR

KERNEL_FILES: dict[KernelRole, str] = {
    KernelRole.READER: "reader.cpp",
    KernelRole.COMPUTE: "compute.cpp",
    KernelRole.WRITER: "writer.cpp",
}
"""Source file of each kernel, by role (one kernel per role)."""

TENSOR_ROLES: dict[KernelRole, str] = {
    KernelRole.READER: "input",
    KernelRole.WRITER: "output",
}
"""The role of a tensor whose buffer address a kernel of this role reads."""


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


def program_attr(program: ProgramOp, name: str, kind: type, what: str, purpose: str) -> Any:
    value = program.attributes.get(name)
    if not isinstance(value, kind):
        problem = "has no" if value is None else "has a malformed"
        raise op_error(
            program, f"{problem} {name} ({what}); {purpose} needs a program made by tt-pipeline"
        )
    return value


def check_one_kernel_per_role(program: ProgramOp, kernels: list[KernelOp]) -> None:
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


def tensor_roles(program: ProgramOp, tensor_count: int, kernels: list[KernelOp]) -> list[str]:
    """`input` / `output` per tensor, from which data-movement kernel reads its address."""
    addressed_by: list[set[KernelRole]] = [set() for _ in range(tensor_count)]
    for kernel in kernels:
        for arg in kernel.runtime_args.args.data:
            if arg.arg_kind is not ArgKind.BUFFER_ADDRESS:
                continue
            tensor = arg.tensor.data
            if tensor >= tensor_count:
                raise op_error(
                    kernel,
                    f"runtime argument '{arg.arg_name.data}' is the buffer address of tensor "
                    f"{tensor}, but the program has {tensor_count} tensors ({TENSORS_ATTR})",
                )
            if kernel.role.data in TENSOR_ROLES:
                addressed_by[tensor].add(kernel.role.data)
    roles = []
    for tensor, by in enumerate(addressed_by):
        if len(by) != 1:
            problem = (
                "is addressed by both a reader and a writer kernel"
                if by
                else "is addressed by no reader or writer kernel"
            )
            raise op_error(
                program,
                f"tensor {tensor} {problem}, so it is neither an input nor an output; "
                "run tt-finalize-runtime-args so each kernel keeps only the arguments it reads",
            )
        roles.append(TENSOR_ROLES[by.pop()])
    return roles
