"""tt-finalize-runtime-args: per-kernel runtime-argument schemas and accessor offsets.

Reads: `tt.kernel`s whose `runtime_args` is the whole program-level schema
(`buffer_address(t)` per tensor, `start_unit`, `num_units`), their
`tt.get_arg_val` reads (by position in that schema), their `tt.get_cb` ops and
their `tt.tensor_accessor`s, whose base address must be a `tt.get_arg_val` of a
`buffer_address` entry.
Writes, on every kernel and nothing else:
- `runtime_args`: only the entries the kernel reads, in the order of its input
  schema (names, types and kinds unchanged); every `tt.get_arg_val` is
  renumbered to its entry's new position. A kernel that reads nothing gets
  `#tt.runtime_args<[]>`;
- `compile_time_args`: the kernel's compile-time words (below), the one list
  the C++ kernel, the host program and the plan read;
- `cta_offset` of every `tt.tensor_accessor`: the first word of its tensor's
  `TensorAccessorArgs` in the kernel's compile-time arguments.

Compile-time arguments of a kernel:
1. one word per circular buffer the kernel uses: the distinct `tt.get_cb`
   indices in ascending order, each word the CB index;
2. then, for every tensor the kernel accesses through a `tt.tensor_accessor`,
   in ascending tensor index, two words:
   - the `tensor_accessor::ArgConfig` bits of tt-metal's `TensorAccessorArgs`,
     `IsDram` (2) for the interleaved DRAM buffers we create: the word
     `TensorAccessorArgs<cta_offset>()` reads on the device;
   - the tensor's page size in bytes. tt-metal's own `TensorAccessorArgs` of an
     interleaved buffer is this one config word (`append_to` pushes one word,
     the device side consumes one); the page-size word is ours, so the host must
     build the list from this layout, not with `TensorAccessorArgs::append_to`.
A reader using CBs 0 and 1 and tensors 0 and 1 gets `[0, 1, 2, P0, 2, P1]`:
CB words at 0 and 1, tensor 0's accessors at `cta_offset = 2`, tensor 1's at 4.
Accessors of the same tensor in one kernel share the offset, so they must agree
on the page size.

Decisions never depend on names: schema entries are matched by position and
kind, names are only carried along. Running the pass twice changes nothing.

**How it runs.** The pass first plans every kernel of the module (`_KernelPlan`:
the new schema, the compile-time words, the new index of every
`tt.get_arg_val` and the offset of every accessor), which is where every error
is raised, so an error leaves the IR as it was. Then one rewrite pattern,
`FinalizeKernelArgs`, anchored on `tt.kernel` and applied by a
`PatternRewriteWalker`, writes its kernel's plan: each property it changes on
the kernel, its argument reads and its accessors is followed by
`rewriter.notify_op_modified`. A kernel's plan reads only that kernel.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import IntegerAttr, ModuleOp, i32
from xdsl.ir import Attribute, Operation, OpResult, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from tt_dialect.diagnostics import op_error
from tt_dialect.ops.args import GetArgValOp
from tt_dialect.ops.attributes import (
    CompileTimeArgAttr,
    CompileTimeArgKind,
    CompileTimeArgsAttr,
    RuntimeArgAttr,
    RuntimeArgsAttr,
)
from tt_dialect.ops.cb import GetCBOp
from tt_dialect.ops.dataflow import TensorAccessorOp
from tt_dialect.ops.program import KernelOp

INTERLEAVED_DRAM_ARGS_CONFIG = 2
"""`tensor_accessor::ArgConfig::IsDram`: the config word of an interleaved DRAM tensor."""



def compile_time_args_layout(kernel: KernelOp) -> CompileTimeArgsAttr:
    """The kernel's compile-time arguments, in order (see the module docstring).

    Reads the kernel only; raises a located diagnostic if an accessor's base
    address is not a `buffer_address` runtime argument or accessors of one
    tensor disagree on the page size."""
    layout = [
        CompileTimeArgAttr(CompileTimeArgKind.CB, index, index) for index in _cb_indices(kernel)
    ]
    for tensor, page_size in sorted(_accessed_tensors(kernel).items()):
        layout.append(
            CompileTimeArgAttr(
                CompileTimeArgKind.ACCESSOR_CONFIG, tensor, INTERLEAVED_DRAM_ARGS_CONFIG
            )
        )
        layout.append(CompileTimeArgAttr(CompileTimeArgKind.PAGE_SIZE, tensor, page_size))
    return CompileTimeArgsAttr(layout)


def _cb_indices(kernel: KernelOp) -> list[int]:
    return sorted({op.index.value.data for op in kernel.body.walk() if isinstance(op, GetCBOp)})


def _accessed_tensors(kernel: KernelOp) -> dict[int, int]:
    """Tensor index -> page size, over the kernel's tensor accessors."""
    page_sizes: dict[int, int] = {}
    for accessor in (op for op in kernel.body.walk() if isinstance(op, TensorAccessorOp)):
        tensor = accessor_tensor(kernel, accessor)
        page_size = accessor.page_size.value.data
        earlier = page_sizes.setdefault(tensor, page_size)
        if earlier != page_size:
            raise op_error(
                accessor,
                f"page_size {page_size} differs from the page_size {earlier} of an earlier "
                f"accessor of tensor {tensor} in kernel @{kernel.sym_name.data}; the "
                "accessors of one tensor share its compile-time args",
            )
    return page_sizes


def accessor_tensor(kernel: KernelOp, accessor: TensorAccessorOp) -> int:
    """The tensor index of the `buffer_address` entry an accessor's base address reads."""
    base = accessor.base_addr
    read = base.op if isinstance(base, OpResult) else None
    if isinstance(read, GetArgValOp):
        schema_entry(kernel, read)  # a located error if the read is out of range
    tensor = accessor.tensor_index()
    if tensor is not None:
        return tensor
    raise op_error(
        accessor,
        "the base address of a tensor accessor must be a buffer_address runtime argument, "
        f"got {_describe(kernel, base)}",
    )


def schema_entry(kernel: KernelOp, read: GetArgValOp) -> RuntimeArgAttr:
    """The entry of the kernel's schema that `read` reads."""
    index = read.index.value.data
    entries = kernel.runtime_args.args.data
    if not entries:
        raise op_error(
            read,
            f"reads runtime argument {index}, but kernel @{kernel.sym_name.data} has no "
            "runtime_args schema",
        )
    if not 0 <= index < len(entries):
        noun = "runtime argument" if len(entries) == 1 else "runtime arguments"
        raise op_error(
            read,
            f"runtime argument {index} is out of range: kernel @{kernel.sym_name.data} "
            f"declares {len(entries)} {noun}",
        )
    return entries[index]


def _describe(kernel: KernelOp, value: SSAValue) -> str:
    if not isinstance(value, OpResult):
        return "a block argument"
    if isinstance(value.op, GetArgValOp):
        entry = schema_entry(kernel, value.op)
        body = f'"{entry.arg_name.data}" : {entry.arg_type.data.value} = {entry.arg_kind.value}'
        return f"runtime argument {value.op.index.value.data} ({body})"
    return f"the result of '{value.op.name}'"


@dataclass(frozen=True)
class _KernelPlan:
    """Everything the pass writes on one kernel, computed before any change."""

    kernel: KernelOp
    schema: RuntimeArgsAttr
    compile_time_args: CompileTimeArgsAttr
    reads: list[tuple[GetArgValOp, int]]
    accessors: list[tuple[TensorAccessorOp, int]]

    @staticmethod
    def of(kernel: KernelOp) -> _KernelPlan:
        reads = [op for op in kernel.body.walk() if isinstance(op, GetArgValOp)]
        for read in reads:
            schema_entry(kernel, read)  # every read names an entry of the input schema
        used = sorted({read.index.value.data for read in reads})
        position = {old: new for new, old in enumerate(used)}
        words = compile_time_args_layout(kernel)
        accessors = [op for op in kernel.body.walk() if isinstance(op, TensorAccessorOp)]
        offsets = {
            accessor: words.position(
                CompileTimeArgKind.ACCESSOR_CONFIG, accessor_tensor(kernel, accessor)
            )
            for accessor in accessors
        }
        return _KernelPlan(
            kernel,
            RuntimeArgsAttr([kernel.runtime_args.args.data[i] for i in used]),
            words,
            [(read, position[read.index.value.data]) for read in reads],
            [(accessor, offset) for accessor, offset in offsets.items() if offset is not None],
        )

    def apply(self, rewriter: PatternRewriter) -> None:
        """Writes the plan, each changed op announced to `rewriter`."""
        _set_property(rewriter, self.kernel, "runtime_args", self.schema)
        _set_property(rewriter, self.kernel, "compile_time_args", self.compile_time_args)
        for read, index in self.reads:
            _set_property(rewriter, read, "index", IntegerAttr(index, i32))
        for accessor, offset in self.accessors:
            _set_property(rewriter, accessor, "cta_offset", IntegerAttr(offset, i32))


def _set_property(rewriter: PatternRewriter, op: Operation, name: str, value: Attribute) -> None:
    """Sets a property of `op`, announcing the change only if it is one (a second
    run of the pass changes nothing and announces nothing)."""
    if op.properties.get(name) == value:
        return
    op.properties[name] = value
    rewriter.notify_op_modified(op)


@dataclass(frozen=True)
class FinalizeKernelArgs(RewritePattern):
    """Writes the planned schema, compile-time args, argument indices and accessor
    offsets of one kernel."""

    plans: dict[KernelOp, _KernelPlan]
    """Every kernel's plan, computed before the walk."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: KernelOp, rewriter: PatternRewriter, /) -> None:
        plan = self.plans.get(op)
        if plan is not None:
            plan.apply(rewriter)


@dataclass(frozen=True)
class FinalizeRuntimeArgsPass(ModulePass):
    """Prunes every kernel's runtime-argument schema to what it reads and places
    its tensor accessors in its compile-time arguments."""

    name = "tt-finalize-runtime-args"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        # Plan every kernel before changing any, so an error leaves the IR as it was.
        plans = {
            kernel: _KernelPlan.of(kernel) for kernel in op.walk() if isinstance(kernel, KernelOp)
        }
        PatternRewriteWalker(FinalizeKernelArgs(plans), apply_recursively=False).rewrite_module(op)
