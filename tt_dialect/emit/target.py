"""The `tt-cpp` target: every artifact of a compiled program.

`tt-opt IN.mlir -p tt-pipeline -t tt-cpp` prints, each after a `// FILE: <name>`
line, the three kernels (reader.cpp, compute.cpp, writer.cpp), the support headers
they include (`emit/support_headers.py`: `tt_mask_tile.h` for a program with a
mask), the host program
(main.cpp), its CMakeLists.txt and tt.plan.json. With
`-t 'tt-cpp{output-dir="DIR"}'` it writes them into DIR instead and prints
nothing. Everything is generated in memory first, so an error leaves DIR as it
was.

The input is the hardware-level program (`tt-pipeline`'s output); the target
runs `convert-tt-to-emitc` itself after taking the host program and the plan
from the program's attributes and kernels.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.utils.target import Target

from tt_dialect.diagnostics import op_error
from tt_dialect.emit.convert_tt_to_emitc import convert_kernel, is_converted
from tt_dialect.emit.cpp import kernel_cpp, kernel_includes
from tt_dialect.emit.support_headers import SUPPORT_HEADERS, support_header_text
from tt_dialect.emit.host import cmake_lists, host_main_cpp
from tt_dialect.emit.plan import plan_json
from tt_dialect.emit.program_facts import KERNEL_FILES, find_program

def artifacts(module: ModuleOp) -> dict[str, str]:
    """File name -> text of every artifact, in the order they are printed."""
    program = find_program(module, "tt-cpp")
    kernels = program.kernels()
    if any(is_converted(kernel) for kernel in kernels):
        raise op_error(
            program,
            "tt-cpp takes the hardware-level program (tt-pipeline's output), before "
            "convert-tt-to-emitc; it converts the kernels itself",
        )
    host = {
        "main.cpp": host_main_cpp(program),
        "CMakeLists.txt": cmake_lists(program),
        "tt.plan.json": plan_json(program),
    }
    files: dict[str, str] = {}
    included: set[str] = set()
    for kernel in kernels:
        convert_kernel(kernel)
        files[KERNEL_FILES[kernel.role.data]] = kernel_cpp(kernel)
        included |= set(kernel_includes(kernel))
    support = {name: support_header_text(name) for name in SUPPORT_HEADERS if name in included}
    return {**files, **support, **host}


def write_artifacts(files: dict[str, str], directory: Path) -> None:
    """Writes every file into `directory` (created if needed), each replaced
    atomically, after all of them are ready."""
    directory.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, text in files.items():
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=directory)
            with os.fdopen(handle, "w") as stream:
                stream.write(text)
            os.chmod(temporary, 0o644)
            staged.append((temporary, directory / name))
        for temporary, final in staged:
            os.replace(temporary, final)
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)


@dataclass(frozen=True)
class TTCppTarget(Target):
    """Kernels, host program, CMakeLists.txt and tt.plan.json of one program."""

    name = "tt-cpp"

    output_dir: str | None = None
    """Directory to write the artifacts into; stdout when unset."""

    def emit(self, ctx: Context, module: ModuleOp, output: IO[str]) -> None:
        files = artifacts(module)
        if self.output_dir is not None:
            write_artifacts(files, Path(self.output_dir))
            return
        for name, text in files.items():
            output.write(f"// FILE: {name}\n{text}")
            if not text.endswith("\n"):
                output.write("\n")
