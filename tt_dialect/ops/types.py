"""Types of the `tt` dialect: hardware handles are types, never bare integers."""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects.builtin import IntAttr
from xdsl.ir import Attribute, ParametrizedAttribute, TypeAttribute
from xdsl.irdl import irdl_attr_definition
from xdsl.parser import AttrParser
from xdsl.printer import Printer
from xdsl.utils.exceptions import VerifyException

from tt_dialect.ops.attributes import TILE_BYTES, DataFormat, DataFormatAttr


@irdl_attr_definition
class CBType(ParametrizedAttribute, TypeAttribute):
    """`!tt.cb<2, bf16>`: a circular buffer of 2 pages, each one 32x32 tile of bf16.

    The CB index is not part of the type: it lives on the program's
    `#tt.cb_desc` and on the `tt.get_cb` op that names the buffer in a kernel.
    """

    name = "tt.cb"

    pages: IntAttr
    format: DataFormatAttr

    def __init__(self, pages: int, fmt: DataFormat):
        super().__init__(IntAttr(pages), DataFormatAttr(fmt))

    @property
    def page_size(self) -> int:
        return TILE_BYTES[self.format.data]

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            pages = parser.parse_integer(allow_boolean=False)
            parser.parse_punctuation(",")
            fmt = parser.parse_str_enum(DataFormat)
        return (IntAttr(pages), DataFormatAttr(fmt))

    def print_parameters(self, printer: Printer) -> None:
        printer.print_string(f"<{self.pages.data}, {self.format.data.value}>")

    def verify(self) -> None:
        if self.pages.data <= 0:
            raise VerifyException(f"a CB needs a positive page count, got {self.pages.data}")


@irdl_attr_definition
class TensorAccessorType(ParametrizedAttribute, TypeAttribute):
    """`!tt.tensor_accessor`: maps a tensor's page (tile) ids to NOC addresses
    (tt-metal's ``TensorAccessor``)."""

    name = "tt.tensor_accessor"


@irdl_attr_definition
class NocAddrType(ParametrizedAttribute, TypeAttribute):
    """`!tt.noc_addr`: a 64-bit NOC address (core or bank coordinates plus offset)."""

    name = "tt.noc_addr"


TYPES: list[type[Attribute]] = [CBType, TensorAccessorType, NocAddrType]
