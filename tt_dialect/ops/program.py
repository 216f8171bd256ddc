"""Program and kernel ops: the host-side structure of a Metalium program.

A `tt.program` holds the device, the circular buffers the host creates and the
kernels; each `tt.kernel` has a role (reader / compute / writer), the cores it
runs on and the ordered schema of its runtime arguments.
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

from tt_dialect.ops.attributes import (
    CBDescAttr,
    ComputeConfigAttr,
    CoreRangeSetAttr,
    DeviceAttr,
    KernelRole,
    KernelRoleAttr,
    RuntimeArgsAttr,
)


@irdl_op_definition
class ProgramOp(IRDLOperation):
    """A Metalium program: its device, its circular buffers and its kernels.

    ```
    tt.program @gemm attributes {device = #tt.device<wormhole_b0>,
                                 cbs = [#tt.cb_desc<index = 0, pages = 2, page_size = 2048, bf16>]} {
      tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 7)]> { ... }
    }
    ```
    """

    name = "tt.program"

    sym_name = prop_def(SymbolNameConstraint())
    device = prop_def(DeviceAttr)
    cbs = prop_def(ArrayAttr[CBDescAttr], default_value=ArrayAttr(()))
    body = region_def("single_block")

    traits = traits_def(SymbolOpInterface(), SymbolTable(), NoTerminator(), IsolatedFromAbove())

    def __init__(
        self,
        sym_name: str,
        device: DeviceAttr,
        cbs: list[CBDescAttr],
        body: Region,
    ):
        super().__init__(
            properties={
                "sym_name": StringAttr(sym_name),
                "device": device,
                "cbs": ArrayAttr(cbs),
            },
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
        seen: set[int] = set()
        for cb in self.cbs.data:
            index = cb.index.data
            if index >= limits.max_cbs:
                raise VerifyException(
                    f"CB index {index} is out of range: {limits.arch.value} has "
                    f"{limits.max_cbs} CBs per core (0..{limits.max_cbs - 1})"
                )
            if index in seen:
                raise VerifyException(f"CB index {index} is described twice")
            seen.add(index)
        for op in self.body.block.ops:
            if not isinstance(op, KernelOp):
                raise VerifyException(
                    f"a tt.program holds only tt.kernel ops, found '{op.name}'"
                )


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
    compute_config = opt_prop_def(ComputeConfigAttr)
    body = region_def("single_block")

    traits = traits_def(
        SymbolOpInterface(), NoTerminator(), IsolatedFromAbove(), HasParent(ProgramOp)
    )

    INLINE_PROPS: ClassVar[tuple[str, ...]] = ("sym_name", "role", "cores")

    def __init__(
        self,
        sym_name: str,
        role: KernelRole,
        cores: CoreRangeSetAttr,
        body: Region,
        runtime_args: RuntimeArgsAttr | None = None,
        compute_config: ComputeConfigAttr | None = None,
    ):
        properties: dict[str, Attribute | None] = {
            "sym_name": StringAttr(sym_name),
            "role": KernelRoleAttr(role),
            "cores": cores,
            "runtime_args": runtime_args,
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
        if isinstance(program, ProgramOp):
            limits = program.device.limits
            rows, cols = limits.worker_grid
            for core_range in self.cores.ranges.data:
                x0, y0, x1, y1 = core_range.bounds
                if x1 >= cols or y1 >= rows:
                    raise VerifyException(
                        f"core range ({x0}, {y0}) to ({x1}, {y1}) "
                        f"lies outside the {rows}x{cols} worker grid of {limits.arch.value} "
                        f"(cores (x, y) with x < {cols}, y < {rows})"
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
        name: value
        for name, value in op.properties.items()
        if name not in inline_props and value != defaults.get(name)
    }
    extra.update(op.attributes)
    printer.print_op_attributes(extra, print_keyword=True)
    printer.print_string(" ")
    # An empty body prints as `{\n}` (as `builtin.module`), not as `{ ^bb0: }`.
    # Entry-block arguments are printed so an invalid body never loses them.
    printer.print_region(op.regions[0], print_empty_block=False)


OPS = [ProgramOp, KernelOp]
