"""Program and kernel ops: the host-side structure of a Metalium program, the contract.

A `tt.program` and its `tt.kernel`s carry, as properties with verifiers, every
fact the host program, `tt.plan.json`, the C++ kernels and the emulator need;
each fact is written once, by the pass that decides it, and printers only read:

- `device` (tt-work-partition), `work_partition` (tt-work-partition, made
  block_2d by tt-schedule-multicast), `tensors`
  with their role and layout (tt-split-kernels from dataflow; layouts from
  tt-infer-layout), `cbs` with their pages, format and cores (tt-propagate-layout
  and tt-lower-tile-ops decide the buffers, tt-split-kernels the cores),
  `semaphores` (tt-schedule-multicast);
- per kernel: `role` and `cores` (tt-split-kernels), `runtime_args`
  (tt-work-partition's schema, narrowed by tt-finalize-runtime-args),
  `compile_time_args` (tt-finalize-runtime-args), `compute_config`
  (tt-lower-tile-ops).

The verifiers check that the facts agree with each other and with the kernel
bodies: CBs and semaphores inside the device's grid, kernels on the partition's
working cores, every CB a kernel uses created on its cores and named by its
compile-time arguments, every accessor's compile-time offset, page size and
tensor role consistent with the program's tensors.
"""

from __future__ import annotations

from typing import ClassVar

from xdsl.dialects.builtin import ArrayAttr, StringAttr, SymbolNameConstraint
from xdsl.ir import Attribute, Block, Region
from xdsl.irdl import (
    IRDLOperation,
    irdl_op_definition,
    opt_prop_def,
    prop_def,
    region_def,
    traits_def,
)
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import HasParent, IsolatedFromAbove, NoTerminator, SymbolOpInterface, SymbolTable
from xdsl.utils.exceptions import VerifyException

from tt_dialect.device import SEMAPHORES_PER_CORE
from tt_dialect.metal_versions import DEFAULT_API, MetalApi
from tt_dialect.ops.attributes import (
    CBDescAttr,
    CompileTimeArgKind,
    CompileTimeArgsAttr,
    ComputeConfigAttr,
    CoreRangeSetAttr,
    DeviceAttr,
    MetalApiAttr,
    KernelRole,
    KernelRoleAttr,
    RuntimeArgsAttr,
    SemaphoreDescAttr,
    TensorDescAttr,
    TensorRole,
    WorkPartitionAttr,
    range_text,
)
from tt_dialect.ops.cb import GetCBOp
from tt_dialect.ops.dataflow import TensorAccessorOp


@irdl_op_definition
class ProgramOp(IRDLOperation):
    """A Metalium program: its device, its circular buffers and its kernels.

    ```
    tt.program @gemm attributes {device = #tt.device<n150>,
                                 cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
      tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 7)]> { ... }
    }
    ```
    """

    name = "tt.program"

    sym_name = prop_def(SymbolNameConstraint())
    device = prop_def(DeviceAttr)
    metal_api = prop_def(MetalApiAttr, default_value=MetalApiAttr(DEFAULT_API))
    """The tt-metal release whose API the kernels call (left out when printed at its
    default, v0.74.0): tt-attach-metal-api decides it, the C++ conversion and the plan
    read it."""
    cbs = prop_def(ArrayAttr[CBDescAttr], default_value=ArrayAttr(()))
    work_partition = opt_prop_def(WorkPartitionAttr)
    """Which cores compute which work units; the host sets each core's runtime args from it."""
    tensors = prop_def(ArrayAttr[TensorDescAttr], default_value=ArrayAttr(()))
    """The program's tensor arguments in order; `buffer_address(i)` is tensor i's buffer."""
    semaphores = prop_def(ArrayAttr[SemaphoreDescAttr], default_value=ArrayAttr(()))
    body = region_def("single_block")

    traits = traits_def(SymbolOpInterface(), SymbolTable(), NoTerminator(), IsolatedFromAbove())

    def __init__(
        self,
        sym_name: str,
        device: DeviceAttr,
        cbs: list[CBDescAttr],
        body: Region,
        work_partition: WorkPartitionAttr | None = None,
        tensors: list[TensorDescAttr] | None = None,
        semaphores: list[SemaphoreDescAttr] | None = None,
        metal_api: MetalApiAttr | None = None,
    ):
        properties: dict[str, Attribute | None] = {
            "sym_name": StringAttr(sym_name),
            "device": device,
            "metal_api": metal_api or MetalApiAttr(DEFAULT_API),
            "cbs": ArrayAttr(cbs),
            "work_partition": work_partition,
            "tensors": ArrayAttr(tensors or ()),
            "semaphores": ArrayAttr(semaphores or ()),
        }
        super().__init__(
            properties={k: v for k, v in properties.items() if v is not None},
            regions=[body],
        )

    @classmethod
    def parse(cls, parser: Parser) -> ProgramOp:
        sym_name = parser.parse_symbol_name()
        props, attrs = _parse_attributes(parser, cls, ("sym_name",))
        props["sym_name"] = sym_name
        return cls.create(
            properties=_in_definition_order(cls, props),
            attributes=attrs,
            regions=[_parse_body(parser)],
        )

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_symbol_name(self.sym_name.data)
        _print_attributes_and_body(printer, self, ("sym_name",))

    def cb_desc(self, index: int) -> CBDescAttr | None:
        return next((cb for cb in self.cbs.data if cb.index.data == index), None)

    def kernels(self) -> list[KernelOp]:
        return [op for op in self.body.block.ops if isinstance(op, KernelOp)]

    def verify_(self) -> None:
        if self.body.block.args:
            raise VerifyException("a tt.program body takes no block arguments")
        limits = self.device.limits
        rows, cols = limits.worker_grid
        seen: set[int] = set()
        for cb in self.cbs.data:
            index = cb.index.data
            if index >= limits.max_cbs:
                raise VerifyException(
                    f"CB index {index} is out of range: {limits.name} has "
                    f"{limits.max_cbs} CBs per core (0..{limits.max_cbs - 1})"
                )
            if index in seen:
                raise VerifyException(f"CB index {index} is described twice")
            seen.add(index)
            self._verify_in_grid(f"CB {index} is created on", cb.core_ranges)
        ids: set[int] = set()
        for semaphore in self.semaphores.data:
            if semaphore.id.data in ids:
                raise VerifyException(f"semaphore id {semaphore.id.data} is described twice")
            if semaphore.id.data >= SEMAPHORES_PER_CORE:
                raise VerifyException(
                    f"semaphore id {semaphore.id.data} is out of range: a core has "
                    f"{SEMAPHORES_PER_CORE} semaphores (ids 0..{SEMAPHORES_PER_CORE - 1})"
                )
            ids.add(semaphore.id.data)
            self._verify_in_grid(f"semaphore {semaphore.id.data} is created on", semaphore.cores)
        for op in self.body.block.ops:
            if not isinstance(op, KernelOp):
                raise VerifyException(
                    f"a tt.program holds only tt.kernel ops, found '{op.name}'"
                )
        partition = self.work_partition
        if partition is not None:
            grid_rows, grid_cols = partition.grid_shape
            if grid_rows > rows or grid_cols > cols:
                raise VerifyException(
                    f"the work partition's {grid_rows}x{grid_cols} core grid is larger than "
                    f"the {rows}x{cols} worker grid of {limits.name}"
                )

    def _verify_in_grid(self, what: str, cores: CoreRangeSetAttr | None) -> None:
        if cores is None:
            return
        limits = self.device.limits
        rows, cols = limits.worker_grid
        outside = cores.outside(rows, cols)
        if outside is not None:
            raise VerifyException(
                f"{what} {range_text(outside)}, outside the {rows}x{cols} worker grid of "
                f"{limits.name} (cores (x, y) with x < {cols}, y < {rows})"
            )

    def tensor(self, index: int) -> TensorDescAttr | None:
        tensors = self.tensors.data
        return tensors[index] if 0 <= index < len(tensors) else None


@irdl_op_definition
class KernelOp(IRDLOperation):
    """One kernel of a program, run by every core of its core ranges.

    ```
    tt.kernel @compute compute on #tt.core_ranges<[(0, 0) to (7, 7)]>
        attributes {compute_config = #tt.compute_config<hifi4, fp32_dest_acc = false,
                    dst_full_sync = false>} { ... }
    ```
    Reader and writer kernels are data-movement kernels (NOC reads and writes);
    a compute kernel does tile math in DST. `runtime_args` is the ordered schema
    `get_arg_val` indexes into.
    """

    name = "tt.kernel"

    sym_name = prop_def(SymbolNameConstraint())
    role = prop_def(KernelRoleAttr)
    cores = prop_def(CoreRangeSetAttr)
    runtime_args = prop_def(RuntimeArgsAttr, default_value=RuntimeArgsAttr(()))
    compile_time_args = opt_prop_def(CompileTimeArgsAttr)
    """The kernel's compile-time words (tt-finalize-runtime-args); absent until laid out."""
    compute_config = opt_prop_def(ComputeConfigAttr)
    body = region_def("single_block")

    traits = traits_def(
        SymbolOpInterface(), NoTerminator(), IsolatedFromAbove(), HasParent(ProgramOp)
    )

    INLINE_PROPS: ClassVar[tuple[str, ...]] = ("sym_name", "role", "cores")

    @property
    def metal_api(self) -> MetalApi:
        """The tt-metal release of the enclosing program (the default for a detached kernel)."""
        program = self.parent_op()
        return program.metal_api.data if isinstance(program, ProgramOp) else DEFAULT_API

    def __init__(
        self,
        sym_name: str,
        role: KernelRole,
        cores: CoreRangeSetAttr,
        body: Region,
        runtime_args: RuntimeArgsAttr | None = None,
        compute_config: ComputeConfigAttr | None = None,
        compile_time_args: CompileTimeArgsAttr | None = None,
    ):
        properties: dict[str, Attribute | None] = {
            "sym_name": StringAttr(sym_name),
            "role": KernelRoleAttr(role),
            "cores": cores,
            "runtime_args": runtime_args,
            "compile_time_args": compile_time_args,
            "compute_config": compute_config,
        }
        super().__init__(
            properties={k: v for k, v in properties.items() if v is not None},
            regions=[body],
        )

    @classmethod
    def parse(cls, parser: Parser) -> KernelOp:
        sym_name = parser.parse_symbol_name()
        role = parser.parse_str_enum(KernelRole)
        parser.parse_keyword("on")
        cores = parser.parse_attribute()
        props, attrs = _parse_attributes(parser, cls, cls.INLINE_PROPS)
        props.update(sym_name=sym_name, role=KernelRoleAttr(role), cores=cores)
        return cls.create(
            properties=_in_definition_order(cls, props),
            attributes=attrs,
            regions=[_parse_body(parser)],
        )

    def print(self, printer: Printer) -> None:
        printer.print_string(" ")
        printer.print_symbol_name(self.sym_name.data)
        printer.print_string(f" {self.role.data.value} on ")
        printer.print_attribute(self.cores)
        _print_attributes_and_body(printer, self, self.INLINE_PROPS)

    def verify_(self) -> None:
        if self.body.block.args:
            raise VerifyException("a tt.kernel body takes no block arguments")
        if self.compute_config is not None and self.role.data.is_dataflow:
            raise VerifyException(
                f"compute_config is only valid on compute kernels, not on a "
                f"{self.role.data.value} kernel"
            )
        program = self.parent_op()
        if not isinstance(program, ProgramOp):
            return
        limits = program.device.limits
        rows, cols = limits.worker_grid
        outside = self.cores.outside(rows, cols)
        if outside is not None:
            raise VerifyException(
                f"core range {range_text(outside)} "
                f"lies outside the {rows}x{cols} worker grid of {limits.name} "
                f"(cores (x, y) with x < {cols}, y < {rows})"
            )
        self._verify_on_working_cores(program)
        self._verify_cbs(program)
        self._verify_accessors(program)

    def _verify_on_working_cores(self, program: ProgramOp) -> None:
        """The host sets runtime args on the partition's working cores, so a kernel
        runs on exactly those."""
        partition = program.work_partition
        if partition is None:
            return
        working = {core for core, _, _ in partition.assignments()}
        cores = set(self.cores.cores())
        if cores == working:
            return
        extra = sorted(cores - working, key=lambda c: (c[1], c[0]))
        missing = sorted(working - cores, key=lambda c: (c[1], c[0]))
        problem = (
            f"runs on core {extra[0]}, which the work partition gives no work"
            if extra
            else f"does not run on core {missing[0]}, which the work partition gives work"
        )
        raise VerifyException(
            f"{problem}; the host sets runtime arguments on the partition's working cores, "
            "so every kernel runs on exactly those"
        )

    def _verify_cbs(self, program: ProgramOp) -> None:
        """Every CB the kernel uses exists on its cores and, once the compile-time
        arguments are laid out, has its word there."""
        used = sorted({op.index.value.data for op in self.body.walk() if isinstance(op, GetCBOp)})
        words = self.compile_time_args
        named = words.indices(CompileTimeArgKind.CB) if words is not None else used
        for index in sorted({*used, *named}):
            cb = program.cb_desc(index)
            if cb is None:
                if index in named and words is not None:
                    raise VerifyException(
                        f"compile-time argument cb({index}) names CB {index}, which the "
                        "program does not describe"
                    )
                continue  # tt.get_cb reports an undescribed CB itself
            if index not in named:
                raise VerifyException(
                    f"uses CB {index}, which has no word in its compile_time_args"
                )
            ranges = cb.core_ranges
            if ranges is not None and not ranges.covers(self.cores):
                raise VerifyException(
                    f"uses CB {index}, which is not created on all of its cores"
                )

    def _verify_accessors(self, program: ProgramOp) -> None:
        """An accessor whose pages the kernel reads reaches an input, one whose pages it
        writes an output, and its compile-time offset and page size are that tensor's
        words."""
        words = self.compile_time_args
        for accessor in self.body.walk():
            if not isinstance(accessor, TensorAccessorOp):
                continue
            tensor_index = accessor.tensor_index()
            if tensor_index is None:
                continue  # tt-finalize-runtime-args reports the base address
            tensor = program.tensor(tensor_index)
            roles = accessor.tensor_roles()
            role = roles.pop() if len(roles) == 1 else None
            if program.tensors.data and tensor is None:
                raise VerifyException(
                    f"an accessor reaches tensor {tensor_index}, but the program has "
                    f"{len(program.tensors.data)} tensors"
                )
            if tensor is not None and role is not None and tensor.tensor_role is not role:
                raise VerifyException(
                    f"the {self.role.data.value} kernel {'reads' if role is TensorRole.INPUT else 'writes'} "
                    f"pages of tensor {tensor_index}, an {tensor.tensor_role.value} of the program; "
                    f"a kernel reads inputs and writes outputs only"
                )
            if words is None:
                continue
            offset = accessor.cta_offset.value.data
            config = words.position(CompileTimeArgKind.ACCESSOR_CONFIG, tensor_index)
            if config != offset:
                raise VerifyException(
                    f"an accessor of tensor {tensor_index} has cta_offset {offset}, but the "
                    f"tensor's accessor words start at "
                    f"{'no position' if config is None else f'position {config}'} of the "
                    "kernel's compile_time_args"
                )
            page_size = words.args.data[config + 1].value.data
            if page_size != accessor.page_size.value.data:
                raise VerifyException(
                    f"an accessor of tensor {tensor_index} has page_size "
                    f"{accessor.page_size.value.data}, its compile-time words say {page_size}"
                )


def _parse_attributes(
    parser: Parser, op_type: type[IRDLOperation], inline_props: tuple[str, ...]
) -> tuple[dict[str, Attribute], dict[str, Attribute]]:
    """`attributes {...}`, split into the op's properties and other attributes."""
    parsed = parser.parse_optional_attr_dict_with_keyword(inline_props)
    entries = dict(parsed.data) if parsed is not None else {}
    prop_names = op_type.get_irdl_definition().properties
    props = {name: value for name, value in entries.items() if name in prop_names}
    attrs = {name: value for name, value in entries.items() if name not in prop_names}
    return props, attrs


def _in_definition_order(
    op_type: type[IRDLOperation], props: dict[str, Attribute]
) -> dict[str, Attribute]:
    """`props` in the order the op defines them, defaults filled in, so the
    generic form does not depend on the order of the custom `attributes {...}`."""
    ordered: dict[str, Attribute] = {}
    for name, prop in op_type.get_irdl_definition().properties.items():
        value = props.get(name, prop.default_value)
        if value is not None:
            ordered[name] = value
    ordered.update((name, value) for name, value in props.items() if name not in ordered)
    return ordered


def _parse_body(parser: Parser) -> Region:
    """A single-block body; `{}` is an empty block, as for `builtin.module`."""
    body = parser.parse_region()
    if not body.blocks:
        body.add_block(Block())
    return body


def _print_attributes_and_body(
    printer: Printer, op: IRDLOperation, inline_props: tuple[str, ...]
) -> None:
    """`attributes {...}` for every property and attribute not printed inline
    (properties at their default value are left out), then the body."""
    op_def = op.get_irdl_definition()
    defaults = {name: prop.default_value for name, prop in op_def.properties.items()}
    extra = {
        name: op.properties[name]
        for name in defaults
        if name in op.properties
        and name not in inline_props
        and op.properties[name] != defaults[name]
    }
    extra.update(op.attributes)
    printer.print_op_attributes(extra, print_keyword=True)
    printer.print_string(" ")
    # An empty body prints as `{\n}` (as `builtin.module`), not as `{ ^bb0: }`.
    # Entry-block arguments are printed so an invalid body never loses them.
    printer.print_region(op.regions[0], print_empty_block=False)


OPS = [ProgramOp, KernelOp]
