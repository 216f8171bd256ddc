"""Compute ops: FPU/SFPU tile math, the DST register protocol and pack.

A compute kernel runs as three TRISC threads: unpack (CB -> source registers),
math (FPU or SFPU into DST) and pack (DST -> CB). One call of the TT-Metalium
compute API is one op here, named after the call (tt-metal v0.74.0):

```
tt.compute_kernel_hw_startup %in0, %in1, %out : !tt.cb<2, bf16>, !tt.cb<2, bf16>, !tt.cb<2, bf16>
tt.matmul_init %in0, %in1 : !tt.cb<2, bf16>, !tt.cb<2, bf16>
tt.tile_regs_acquire
tt.matmul_tiles %in0, %in1, %c0, %c0, dst = 0 : !tt.cb<2, bf16>, !tt.cb<2, bf16>, index, index
tt.tile_regs_commit
tt.tile_regs_wait
tt.pack_tile dst = 0, %out : !tt.cb<2, bf16>
tt.tile_regs_release
```

The blocked form multiplies an rt x ct output subblock per K step in one call,
and packer L1 accumulation adds packed tiles to the CB instead of overwriting:

```
tt.matmul_block_init %in0, %in1 ct = 4, rt = 2, kt = 4 : !tt.cb<8, bf16>, !tt.cb<8, bf16>
tt.matmul_block %in0, %in1, %i0, %i1, dst = 0, ct = 4, rt = 2, kt = 4 : !tt.cb<8, bf16>, !tt.cb<8, bf16>, index, index
tt.pack_l1_acc %accumulate : i1
```

DST indices are static `i32` properties written `dst = N`; they must fit the
DST capacity of the enclosing compute kernel (`verify_dst_index`; a
`matmul_block` writes DST tiles `dst .. dst + rt*ct - 1`, all of which must fit). CB tile
positions are SSA values of type `index` or `i32`. Every op is `ComputeOnly`.
"""

from __future__ import annotations

import math
import struct
from abc import ABC
from dataclasses import dataclass
from typing import ClassVar

from xdsl.dialects.builtin import I64, Float32Type, FloatAttr, IntegerAttr, UnitAttr, f32, i1, i32, i64
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.irdl import (
    IRDLOperation,
    irdl_op_definition,
    operand_def,
    opt_operand_def,
    opt_prop_def,
    prop_def,
    traits_def,
)
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import MemoryReadEffect, MemoryWriteEffect, OpTrait
from xdsl.utils.exceptions import VerifyException

from tt_dialect.ops.attributes import (
    Broadcast,
    DataFormat,
    PoolType,
    PoolTypeAttr,
    ReduceDim,
    ReduceDimAttr,
)
from tt_dialect.ops.base import (
    ComputeOnly,
    I32Prop,
    TileIndexConstr,
    check_finite_or_infinite,
    dst_capacity_at,
    parse_float_literal,
    verify_dst_index,
)
from tt_dialect.ops.types import CBType

# --------------------------------------------------------------------------- traits and helpers


@dataclass(frozen=True)
class SFPUUnaryOp(OpTrait):
    """Marks the SFPU unary tile ops (`tt.exp_tile` ...): in-place math on one DST tile."""


@dataclass(frozen=True)
class SFPUUnaryInit(OpTrait):
    """Marks the inits of the SFPU unary tile ops (`tt.exp_tile_init` ...)."""


@dataclass(frozen=True)
class SFPUBinaryOp(OpTrait):
    """Marks the SFPU binary tile ops (`tt.binary_max_tile` ...): math on two DST tiles
    into a third."""


@dataclass(frozen=True)
class SFPUBinaryInit(OpTrait):
    """Marks the inits of the SFPU binary tile ops (`tt.binary_max_tile_init` ...)."""


_EXP_B_FORMATS = frozenset({DataFormat.BF16, DataFormat.BFP8_B, DataFormat.BFP4_B})
"""Float formats with an 8-bit exponent (tt-metal's `is_exp_b_format`)."""
_EXP_A_FORMATS = frozenset({DataFormat.F16})
"""Float formats with a 5-bit exponent."""


def _exponent_family(fmt: DataFormat) -> str | None:
    """`"A"`/`"B"` exponent width of a format the unpacker checks; None for
    f32 and integer formats, which tt-metal leaves out of that check."""
    if fmt in _EXP_B_FORMATS:
        return "B"
    if fmt in _EXP_A_FORMATS:
        return "A"
    return None


def verify_unpack_formats(in0: SSAValue, in1: SSAValue) -> None:
    """The two CBs unpacked into srcA/srcB for one FPU op must share an
    exponent width (tt-metal's JIT build: "All input data-formats must have
    the same exponent format"). bf16 x bfp8_b is fine; f16 with a b-format is
    not. f32 and integer CBs are not part of the check."""
    t0, t1 = in0.type, in1.type
    assert isinstance(t0, CBType) and isinstance(t1, CBType)
    f0, f1 = t0.format.data, t1.format.data
    e0, e1 = _exponent_family(f0), _exponent_family(f1)
    if e0 is not None and e1 is not None and e0 != e1:
        raise VerifyException(
            f"input CB formats {f0.value} and {f1.value} have different exponent widths; "
            "the unpacker needs all FPU inputs in one exponent family "
            "(bf16/bfp8_b/bfp4_b or f16)"
        )


def _dst_prop(dst: int) -> IntegerAttr:
    return IntegerAttr(dst, i32)


def _transpose_prop(transpose: bool) -> dict[str, Attribute]:
    return {"transpose": UnitAttr()} if transpose else {}


_MEMORY = (MemoryReadEffect(), MemoryWriteEffect())
"""Every compute call reads or reconfigures unpack/math/pack state, CBs or DST."""


# --------------------------------------------------------------------------- start-up, matmul


class _InputsOutputInitOp(IRDLOperation, ABC):
    """Base of the inits that configure unpack, math and pack for two input
    CBs and one output CB."""

    in0 = operand_def(CBType)
    in1 = operand_def(CBType)
    out = operand_def(CBType)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = (
        "$in0 `,` $in1 `,` $out attr-dict `:` type($in0) `,` type($in1) `,` type($out)"
    )

    def __init__(
        self,
        in0: SSAValue | Operation,
        in1: SSAValue | Operation,
        out: SSAValue | Operation,
        properties: dict[str, Attribute] | None = None,
    ):
        super().__init__(operands=[in0, in1, out], properties=properties or {})

    def verify_(self) -> None:
        verify_unpack_formats(self.in0, self.in1)


@irdl_op_definition
class ComputeKernelHwStartupOp(_InputsOutputInitOp):
    """Configures unpacker, math and packer for the kernel's CBs; called once,
    first, as `compute_kernel_hw_startup<SrcOrder::Reverse>(in0, in1, out)`."""

    name = "tt.compute_kernel_hw_startup"


@irdl_op_definition
class MatmulInitOp(IRDLOperation):
    """Short matmul initialisation (unpack A/B and FPU for matmul) after
    `compute_kernel_hw_startup`: `matmul_init(in0, in1, transpose)`.
    `transpose` transposes each in1 tile."""

    name = "tt.matmul_init"

    in0 = operand_def(CBType)
    in1 = operand_def(CBType)
    transpose = opt_prop_def(UnitAttr)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = (
        "$in0 `,` $in1 (`transpose` $transpose^)? attr-dict `:` type($in0) `,` type($in1)"
    )

    def __init__(
        self, in0: SSAValue | Operation, in1: SSAValue | Operation, transpose: bool = False
    ):
        super().__init__(operands=[in0, in1], properties=_transpose_prop(transpose))

    def verify_(self) -> None:
        verify_unpack_formats(self.in0, self.in1)


class _FPUTilesOp(IRDLOperation, ABC):
    """Base of `matmul_tiles` and `add/sub/mul_tiles(in0, in1, i0, i1, dst)`:
    unpacks tile `i0` of in0 into srcA and tile `i1` of in1 into srcB, and
    writes the FPU result into DST tile `dst`."""

    in0 = operand_def(CBType)
    in1 = operand_def(CBType)
    in0_tile = operand_def(TileIndexConstr)
    in1_tile = operand_def(TileIndexConstr)
    dst = prop_def(I32Prop)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = (
        "$in0 `,` $in1 `,` $in0_tile `,` $in1_tile `,` `dst` `=` $dst attr-dict "
        "`:` type($in0) `,` type($in1) `,` type($in0_tile) `,` type($in1_tile)"
    )

    def __init__(
        self,
        in0: SSAValue | Operation,
        in1: SSAValue | Operation,
        in0_tile: SSAValue | Operation,
        in1_tile: SSAValue | Operation,
        dst: int,
    ):
        super().__init__(
            operands=[in0, in1, in0_tile, in1_tile], properties={"dst": _dst_prop(dst)}
        )

    def verify_(self) -> None:
        verify_dst_index(self, self.dst.value.data)
        verify_unpack_formats(self.in0, self.in1)


@irdl_op_definition
class MatmulTilesOp(_FPUTilesOp):
    """Unpacks tile `in0_tile` of in0 and `in1_tile` of in1 and accumulates
    their product into DST tile `dst` (FPU): `matmul_tiles(in0, in1, i0, i1, dst)`.

    At v0.74.0 the call has five arguments; transposition of in1 is set by
    `tt.matmul_init ... transpose`, not here.
    """

    name = "tt.matmul_tiles"


def _block_props(ct: int, rt: int, kt: int, transpose: bool) -> dict[str, Attribute]:
    return {
        "ct": IntegerAttr(ct, i32),
        "rt": IntegerAttr(rt, i32),
        "kt": IntegerAttr(kt, i32),
        **_transpose_prop(transpose),
    }


def _verify_block_shape(op: MatmulBlockInitOp | MatmulBlockOp) -> None:
    """ct, rt and kt are at least 1, and the rt x ct output subblock fits DST."""
    ct, rt, kt = op.ct.value.data, op.rt.value.data, op.kt.value.data
    for name, value in (("ct", ct), ("rt", rt), ("kt", kt)):
        if value < 1:
            raise VerifyException(
                f"{name} = {value} is not a block size: ct, rt and kt count tiles and are at least 1"
            )
    capacity, reason = dst_capacity_at(op)
    if rt * ct > capacity:
        raise VerifyException(
            f"the {rt}x{ct} output subblock needs {rt * ct} DST tiles, "
            f"DST holds {capacity} tiles ({reason})"
        )


_BLOCK_DIMS = "`ct` `=` $ct `,` `rt` `=` $rt `,` `kt` `=` $kt"


@irdl_op_definition
class MatmulBlockInitOp(IRDLOperation):
    """Short initialisation of `matmul_block` (unpack A/B and FPU for an rt x ct
    output subblock, K step kt) after `compute_kernel_hw_startup`:
    `matmul_block_init(in0, in1, transpose, ct, rt, kt)`.

    `tt.matmul_block_init %in0, %in1 ct = 4, rt = 2, kt = 4 : !tt.cb<8, bf16>, !tt.cb<8, bf16>`;
    `transpose` (written after `%in1`) transposes each in1 tile. The `matmul_block`
    calls it serves must use the same ct, rt, kt and transpose. (At v0.74.0
    `mm_block_init` and `mm_block_init_short` are deprecated for this call.)
    """

    name = "tt.matmul_block_init"

    in0 = operand_def(CBType)
    in1 = operand_def(CBType)
    transpose = opt_prop_def(UnitAttr)
    ct = prop_def(I32Prop)
    rt = prop_def(I32Prop)
    kt = prop_def(I32Prop)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = (
        f"$in0 `,` $in1 (`transpose` $transpose^)? {_BLOCK_DIMS} attr-dict "
        "`:` type($in0) `,` type($in1)"
    )

    def __init__(
        self,
        in0: SSAValue | Operation,
        in1: SSAValue | Operation,
        ct: int,
        rt: int,
        kt: int,
        transpose: bool = False,
    ):
        super().__init__(operands=[in0, in1], properties=_block_props(ct, rt, kt, transpose))

    def verify_(self) -> None:
        _verify_block_shape(self)
        verify_unpack_formats(self.in0, self.in1)


@irdl_op_definition
class MatmulBlockOp(IRDLOperation):
    """One K step of an rt x ct output subblock (FPU): for r < rt, c < ct,
    DST[dst + r*ct + c] += in0[in0_tile + r*kt] x in1[in1_tile + c]:
    `matmul_block(in0, in1, i0, i1, dst, transpose, ct, rt, kt)`.

    kt is in0's block width, the distance between rows of in0's tiles in its
    CB; in1's tiles of one K row are consecutive.
    `tt.matmul_block %in0, %in1, %i0, %i1, dst = 0, ct = 4, rt = 2, kt = 4 : ...`
    writes DST tiles 0..7; a trailing `transpose` transposes each in1 tile (as
    set by the `tt.matmul_block_init` before it).
    """

    name = "tt.matmul_block"

    in0 = operand_def(CBType)
    in1 = operand_def(CBType)
    in0_tile = operand_def(TileIndexConstr)
    in1_tile = operand_def(TileIndexConstr)
    dst = prop_def(I32Prop)
    ct = prop_def(I32Prop)
    rt = prop_def(I32Prop)
    kt = prop_def(I32Prop)
    transpose = opt_prop_def(UnitAttr)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = (
        f"$in0 `,` $in1 `,` $in0_tile `,` $in1_tile `,` `dst` `=` $dst `,` {_BLOCK_DIMS} "
        "(`transpose` $transpose^)? attr-dict "
        "`:` type($in0) `,` type($in1) `,` type($in0_tile) `,` type($in1_tile)"
    )

    def __init__(
        self,
        in0: SSAValue | Operation,
        in1: SSAValue | Operation,
        in0_tile: SSAValue | Operation,
        in1_tile: SSAValue | Operation,
        dst: int,
        ct: int,
        rt: int,
        kt: int,
        transpose: bool = False,
    ):
        super().__init__(
            operands=[in0, in1, in0_tile, in1_tile],
            properties={"dst": _dst_prop(dst), **_block_props(ct, rt, kt, transpose)},
        )

    @property
    def dst_tiles(self) -> range:
        """The DST tiles the call writes: dst .. dst + rt*ct - 1."""
        first = self.dst.value.data
        return range(first, first + self.rt.value.data * self.ct.value.data)

    def verify_(self) -> None:
        verify_dst_index(self, self.dst.value.data)
        _verify_block_shape(self)
        tiles = self.dst_tiles
        capacity, reason = dst_capacity_at(self)
        if tiles.stop > capacity:
            raise VerifyException(
                f"DST tiles {tiles.start}..{tiles.stop - 1} of the {self.rt.value.data}x"
                f"{self.ct.value.data} output subblock are out of range: DST holds "
                f"{capacity} tiles ({reason})"
            )
        verify_unpack_formats(self.in0, self.in1)


# --------------------------------------------------------------------------- eltwise binary (FPU)


@irdl_op_definition
class BinaryOpInitCommonOp(_InputsOutputInitOp):
    """Configures unpack A/B, math and pack for eltwise binary ops on these
    CBs: `binary_op_init_common(in0, in1, out)`, once before the loop."""

    name = "tt.binary_op_init_common"


class _BinaryTilesInitOp(IRDLOperation, ABC):
    """Base of `add/sub/mul_tiles_init(in0, in1)`: selects the FPU eltwise
    operation (and reconfigures unpack A/B) for the following tile calls."""

    in0 = operand_def(CBType)
    in1 = operand_def(CBType)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = "$in0 `,` $in1 attr-dict `:` type($in0) `,` type($in1)"

    def __init__(self, in0: SSAValue | Operation, in1: SSAValue | Operation):
        super().__init__(operands=[in0, in1])

    def verify_(self) -> None:
        verify_unpack_formats(self.in0, self.in1)


@irdl_op_definition
class AddTilesInitOp(_BinaryTilesInitOp):
    """Sets the FPU up for eltwise addition: `add_tiles_init(in0, in1)`."""

    name = "tt.add_tiles_init"


@irdl_op_definition
class SubTilesInitOp(_BinaryTilesInitOp):
    """Sets the FPU up for eltwise subtraction: `sub_tiles_init(in0, in1)`."""

    name = "tt.sub_tiles_init"


@irdl_op_definition
class MulTilesInitOp(_BinaryTilesInitOp):
    """Sets the FPU up for eltwise multiplication: `mul_tiles_init(in0, in1)`."""

    name = "tt.mul_tiles_init"


@irdl_op_definition
class AddTilesOp(_FPUTilesOp):
    """DST[dst] = in0[i0] + in1[i1] on the FPU."""

    name = "tt.add_tiles"


@irdl_op_definition
class SubTilesOp(_FPUTilesOp):
    """DST[dst] = in0[i0] - in1[i1] on the FPU."""

    name = "tt.sub_tiles"


@irdl_op_definition
class MulTilesOp(_FPUTilesOp):
    """DST[dst] = in0[i0] * in1[i1] (elementwise) on the FPU."""

    name = "tt.mul_tiles"


# --------------------------------------------------------------------------- broadcast


BCAST_OPS: dict[tuple[str, Broadcast], tuple[type[_BinaryTilesInitOp], type[_FPUTilesOp]]] = {}
"""(`add`/`sub`/`mul`, broadcast) -> (`<op>_bcast_<cols|rows>_init_short`,
`<op>_tiles_bcast_<cols|rows>`): the FPU eltwise ops whose second operand is one value
per row (`cols`: its column 0 repeated across the columns) or per column (`rows`: its
row 0 repeated down the rows), tt-metal's `api/compute/bcast.h`:

```
tt.sub_bcast_cols_init_short %x, %m : !tt.cb<4, f32>, !tt.cb<2, f32>
tt.sub_tiles_bcast_cols %x, %m, %t, %r, dst = 0 : !tt.cb<4, f32>, !tt.cb<2, f32>, index, index
```"""


def _define_bcast_ops() -> None:
    for op in ("add", "sub", "mul"):
        for broadcast in Broadcast:
            lines = f"{broadcast.value}s"
            symbol = {"add": "+", "sub": "-", "mul": "*"}[op]
            index = "row r" if broadcast is Broadcast.COL else "column c"
            init = irdl_op_definition(type(
                f"{op.title()}Bcast{lines.title()}InitShortOp",
                (_BinaryTilesInitOp,),
                {
                    "name": f"tt.{op}_bcast_{lines}_init_short",
                    "__doc__": f"Sets the FPU up for `{op}_tiles_bcast_{lines}`: "
                    f"`{op}_bcast_{lines}_init_short(in0, in1)`.",
                    "__module__": __name__,
                },
            ))
            tile = irdl_op_definition(type(
                f"{op.title()}TilesBcast{lines.title()}Op",
                (_FPUTilesOp,),
                {
                    "name": f"tt.{op}_tiles_bcast_{lines}",
                    "__doc__": f"DST[dst][r][c] = in0[i0][r][c] {symbol} in1[i1] at {index} "
                    f"(the {broadcast.value} line 0 of in1's tile) on the FPU.",
                    "__module__": __name__,
                },
            ))
            BCAST_OPS[(op, broadcast)] = (init, tile)


_define_bcast_ops()


# --------------------------------------------------------------------------- reduce


def _reduce_props(pool: PoolType, dim: ReduceDim) -> dict[str, Attribute]:
    return {"pool": PoolTypeAttr(pool), "dim": ReduceDimAttr(dim)}


@irdl_op_definition
class ReduceInitOp(IRDLOperation):
    """Configures unpack, the FPU reduction and the packer's edge masks for
    `reduce_tile` from `in` with the scaler tile of `scaler` into `out`:
    `reduce_init<PoolType::SUM, ReduceDim::REDUCE_ROW>(in, scaler, out)`.
    Until `reduce_uninit`, every pack zeroes what is not the reduction's result."""

    name = "tt.reduce_init"

    input = operand_def(CBType)
    scaler = operand_def(CBType)
    out = operand_def(CBType)
    pool = prop_def(PoolTypeAttr)
    dim = prop_def(ReduceDimAttr)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = (
        "$input `,` $scaler `,` $out $pool $dim attr-dict `:` type($input) `,` type($scaler) `,` type($out)"
    )

    def __init__(
        self,
        input: SSAValue | Operation,
        scaler: SSAValue | Operation,
        out: SSAValue | Operation,
        pool: PoolType,
        dim: ReduceDim,
    ):
        super().__init__(operands=[input, scaler, out], properties=_reduce_props(pool, dim))

    def verify_(self) -> None:
        verify_unpack_formats(self.input, self.scaler)


@irdl_op_definition
class ReduceTileOp(_FPUTilesOp):
    """Reduces tile `in0_tile` of in0 along `dim`, scaled by the scaler tile `in1_tile`
    of in1, into DST tile `dst`, adding to (sum) or taking the maximum with (max) what
    DST holds: `reduce_tile<PoolType::SUM, ReduceDim::REDUCE_ROW>(in0, in1, i0, i1, dst)`.
    A row reduction leaves each row's value in column 0, a column reduction each
    column's in row 0."""

    name = "tt.reduce_tile"

    pool = prop_def(PoolTypeAttr)
    dim = prop_def(ReduceDimAttr)

    assembly_format = (
        "$in0 `,` $in1 `,` $in0_tile `,` $in1_tile `,` `dst` `=` $dst $pool $dim attr-dict "
        "`:` type($in0) `,` type($in1) `,` type($in0_tile) `,` type($in1_tile)"
    )

    def __init__(
        self,
        in0: SSAValue | Operation,
        in1: SSAValue | Operation,
        in0_tile: SSAValue | Operation,
        in1_tile: SSAValue | Operation,
        dst: int,
        pool: PoolType,
        dim: ReduceDim,
    ):
        IRDLOperation.__init__(
            self,
            operands=[in0, in1, in0_tile, in1_tile],
            properties={"dst": _dst_prop(dst), **_reduce_props(pool, dim)},
        )


@irdl_op_definition
class ReduceUninitOp(IRDLOperation):
    """Clears the packer's edge masks `reduce_init` set: `reduce_uninit()`, after a
    run of `reduce_tile`s, before packs of anything else."""

    name = "tt.reduce_uninit"

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = "attr-dict"

    def __init__(self):
        super().__init__()


# --------------------------------------------------------------------------- copy into DST


@irdl_op_definition
class CopyTileInitOp(IRDLOperation):
    """Configures unpack (to srcA) and the FPU datacopy for `copy_tile` from
    this CB: `copy_tile_init(cb)`."""

    name = "tt.copy_tile_init"

    cb = operand_def(CBType)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = "$cb attr-dict `:` type($cb)"

    def __init__(self, cb: SSAValue | Operation):
        super().__init__(operands=[cb])


@irdl_op_definition
class CopyTileOp(IRDLOperation):
    """Copies tile `tile` of the CB into DST tile `dst` (unpack + datacopy):
    `copy_tile(cb, tile, dst)`; the usual first step of SFPU math."""

    name = "tt.copy_tile"

    cb = operand_def(CBType)
    tile = operand_def(TileIndexConstr)
    dst = prop_def(I32Prop)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = "$cb `,` $tile `,` `dst` `=` $dst attr-dict `:` type($cb) `,` type($tile)"

    def __init__(self, cb: SSAValue | Operation, tile: SSAValue | Operation, dst: int):
        super().__init__(operands=[cb, tile], properties={"dst": _dst_prop(dst)})

    def verify_(self) -> None:
        verify_dst_index(self, self.dst.value.data)


# --------------------------------------------------------------------------- SFPU unary


@irdl_op_definition
class InitSFPUOp(IRDLOperation):
    """Configures unpack from `in`, the SFPU datacopy path and the packer to
    `out` for unary SFPU kernels: `init_sfpu(in, out)`."""

    name = "tt.init_sfpu"

    input = operand_def(CBType)
    out = operand_def(CBType)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = "$input `,` $out attr-dict `:` type($input) `,` type($out)"

    def __init__(self, input: SSAValue | Operation, out: SSAValue | Operation):
        super().__init__(operands=[input, out])


class _SFPUUnaryInitOp(IRDLOperation, ABC):
    """Base of `<fn>_tile_init()`: loads the SFPU microcode and constants of
    one unary function; `TILE_OP` is the matching tile op class."""

    TILE_OP: ClassVar[type[_SFPUUnaryTileOp]]

    traits = traits_def(ComputeOnly(), SFPUUnaryInit(), *_MEMORY)
    assembly_format = "attr-dict"

    def __init__(self):
        super().__init__()


class _SFPUUnaryTileOp(IRDLOperation, ABC):
    """Base of `<fn>_tile(dst)`: applies one unary function in place to DST
    tile `dst` on the SFPU (after the matching init)."""

    INIT: ClassVar[type[_SFPUUnaryInitOp]]

    dst = prop_def(I32Prop)

    traits = traits_def(ComputeOnly(), SFPUUnaryOp(), *_MEMORY)
    assembly_format = "`dst` `=` $dst attr-dict"

    def __init__(self, dst: int):
        super().__init__(properties={"dst": _dst_prop(dst)})

    def verify_(self) -> None:
        verify_dst_index(self, self.dst.value.data)


@irdl_op_definition
class ExpTileInitOp(_SFPUUnaryInitOp):
    """Sets the SFPU up for `exp_tile`."""

    name = "tt.exp_tile_init"


@irdl_op_definition
class ExpTileOp(_SFPUUnaryTileOp):
    """DST[dst] = exp(DST[dst]) on the SFPU."""

    name = "tt.exp_tile"


@irdl_op_definition
class LogTileInitOp(_SFPUUnaryInitOp):
    """Sets the SFPU up for `log_tile`."""

    name = "tt.log_tile_init"


@irdl_op_definition
class LogTileOp(_SFPUUnaryTileOp):
    """DST[dst] = ln(DST[dst]) on the SFPU."""

    name = "tt.log_tile"


@irdl_op_definition
class SqrtTileInitOp(_SFPUUnaryInitOp):
    """Sets the SFPU up for `sqrt_tile`."""

    name = "tt.sqrt_tile_init"


@irdl_op_definition
class SqrtTileOp(_SFPUUnaryTileOp):
    """DST[dst] = sqrt(DST[dst]) on the SFPU."""

    name = "tt.sqrt_tile"


@irdl_op_definition
class RsqrtTileInitOp(_SFPUUnaryInitOp):
    """Sets the SFPU up for `rsqrt_tile`."""

    name = "tt.rsqrt_tile_init"


@irdl_op_definition
class RsqrtTileOp(_SFPUUnaryTileOp):
    """DST[dst] = 1 / sqrt(DST[dst]) on the SFPU."""

    name = "tt.rsqrt_tile"


@irdl_op_definition
class Exp2TileInitOp(_SFPUUnaryInitOp):
    """Sets the SFPU up for `exp2_tile`."""

    name = "tt.exp2_tile_init"


@irdl_op_definition
class Exp2TileOp(_SFPUUnaryTileOp):
    """DST[dst] = 2^DST[dst] on the SFPU."""

    name = "tt.exp2_tile"


@irdl_op_definition
class RecipTileInitOp(_SFPUUnaryInitOp):
    """Sets the SFPU up for `recip_tile`."""

    name = "tt.recip_tile_init"


@irdl_op_definition
class RecipTileOp(_SFPUUnaryTileOp):
    """DST[dst] = 1 / DST[dst] on the SFPU."""

    name = "tt.recip_tile"


@irdl_op_definition
class ReluTileInitOp(_SFPUUnaryInitOp):
    """Sets the SFPU up for `relu_tile`."""

    name = "tt.relu_tile_init"


@irdl_op_definition
class ReluTileOp(_SFPUUnaryTileOp):
    """DST[dst] = max(DST[dst], 0) on the SFPU."""

    name = "tt.relu_tile"


@irdl_op_definition
class GeluTileInitOp(_SFPUUnaryInitOp):
    """Sets the SFPU up for `gelu_tile`."""

    name = "tt.gelu_tile_init"


@irdl_op_definition
class GeluTileOp(_SFPUUnaryTileOp):
    """DST[dst] = gelu(DST[dst]) on the SFPU."""

    name = "tt.gelu_tile"


@irdl_op_definition
class SigmoidTileInitOp(_SFPUUnaryInitOp):
    """Sets the SFPU up for `sigmoid_tile`."""

    name = "tt.sigmoid_tile_init"


@irdl_op_definition
class SigmoidTileOp(_SFPUUnaryTileOp):
    """DST[dst] = 1 / (1 + exp(-DST[dst])) on the SFPU."""

    name = "tt.sigmoid_tile"


@irdl_op_definition
class TanhTileInitOp(_SFPUUnaryInitOp):
    """Sets the SFPU up for `tanh_tile`."""

    name = "tt.tanh_tile_init"


@irdl_op_definition
class TanhTileOp(_SFPUUnaryTileOp):
    """DST[dst] = tanh(DST[dst]) on the SFPU."""

    name = "tt.tanh_tile"


SFPU_UNARY_OPS: tuple[tuple[type[_SFPUUnaryInitOp], type[_SFPUUnaryTileOp]], ...] = (
    (ExpTileInitOp, ExpTileOp),
    (LogTileInitOp, LogTileOp),
    (SqrtTileInitOp, SqrtTileOp),
    (RsqrtTileInitOp, RsqrtTileOp),
    (Exp2TileInitOp, Exp2TileOp),
    (RecipTileInitOp, RecipTileOp),
    (ReluTileInitOp, ReluTileOp),
    (GeluTileInitOp, GeluTileOp),
    (SigmoidTileInitOp, SigmoidTileOp),
    (TanhTileInitOp, TanhTileOp),
)
"""(init, tile op) pairs of the SFPU unary functions; each class names its partner
(`TILE_OP` / `INIT`)."""
for _init, _tile in SFPU_UNARY_OPS:
    _init.TILE_OP = _tile
    _tile.INIT = _init


@irdl_op_definition
class BinopWithScalarTileInitOp(_SFPUUnaryInitOp):
    """Sets the SFPU up for the scalar tile ops (`add_unary_tile` ...):
    `binop_with_scalar_tile_init()`."""

    name = "tt.binop_with_scalar_tile_init"


class _SFPUScalarTileOp(_SFPUUnaryTileOp, ABC):
    """Base of `<op>_unary_tile(dst, bits)`: DST[dst] = DST[dst] <op> `value` on
    the SFPU, `value` passed as its f32 bit pattern: `tt.mul_unary_tile dst = 0, 2.5`."""

    value = prop_def(FloatAttr[Float32Type])

    assembly_format = None  # the custom parse / print below

    def __init__(self, dst: int, value: float):
        IRDLOperation.__init__(self, properties={"dst": _dst_prop(dst), "value": FloatAttr(value, f32)})

    @classmethod
    def parse(cls, parser: Parser) -> _SFPUScalarTileOp:
        """`dst = d, value attr-dict`; `value` a number or, for ±inf, the hexadecimal f32
        pattern xDSL prints for it (`0xff800000`)."""
        parser.parse_keyword("dst")
        parser.parse_punctuation("=")
        dst = parser.parse_integer(allow_boolean=False)
        parser.parse_punctuation(",")
        value = parse_float_literal(parser, f32)
        attrs = parser.parse_optional_attr_dict()
        return cls.create(properties={"dst": _dst_prop(dst), "value": FloatAttr(value, f32)}, attributes=attrs)

    def print(self, printer: Printer) -> None:
        printer.print_string(f" dst = {self.dst.value.data}, ")
        printer.print_float(self.value.value.data, f32)
        printer.print_op_attributes(self.attributes)

    def verify_(self) -> None:
        super().verify_()
        check_finite_or_infinite(self.value.value.data, "the scalar")


@irdl_op_definition
class AddUnaryTileOp(_SFPUScalarTileOp):
    """DST[dst] = DST[dst] + value."""

    name = "tt.add_unary_tile"


@irdl_op_definition
class SubUnaryTileOp(_SFPUScalarTileOp):
    """DST[dst] = DST[dst] - value."""

    name = "tt.sub_unary_tile"


@irdl_op_definition
class RsubUnaryTileOp(_SFPUScalarTileOp):
    """DST[dst] = value - DST[dst]."""

    name = "tt.rsub_unary_tile"


@irdl_op_definition
class MulUnaryTileOp(_SFPUScalarTileOp):
    """DST[dst] = DST[dst] * value."""

    name = "tt.mul_unary_tile"


@irdl_op_definition
class DivUnaryTileOp(_SFPUScalarTileOp):
    """DST[dst] = DST[dst] / value."""

    name = "tt.div_unary_tile"


SFPU_SCALAR_OPS: tuple[type[_SFPUScalarTileOp], ...] = (
    AddUnaryTileOp,
    SubUnaryTileOp,
    RsubUnaryTileOp,
    MulUnaryTileOp,
    DivUnaryTileOp,
)
"""The scalar tile ops; they share one init."""
for _tile in SFPU_SCALAR_OPS:
    _tile.INIT = BinopWithScalarTileInitOp


@irdl_op_definition
class FillTileInitOp(_SFPUUnaryInitOp):
    """Sets the SFPU up for `fill_tile`: `fill_tile_init()`."""

    name = "tt.fill_tile_init"


@irdl_op_definition
class FillTileOp(IRDLOperation):
    """DST[dst] = `value` in every element, on the SFPU (after `fill_tile_init`):
    `fill_tile(dst, value)`. `tt.fill_tile dst = 0, 1.5`"""

    name = "tt.fill_tile"

    dst = prop_def(I32Prop)
    value = prop_def(FloatAttr[Float32Type])

    traits = traits_def(ComputeOnly(), SFPUUnaryOp(), *_MEMORY)
    assembly_format = "`dst` `=` $dst `,` $value attr-dict"

    def __init__(self, dst: int, value: float):
        super().__init__(properties={"dst": _dst_prop(dst), "value": FloatAttr(value, f32)})

    def verify_(self) -> None:
        verify_dst_index(self, self.dst.value.data)
        value = self.value.value.data
        if not math.isfinite(value):
            raise VerifyException(
                f"fills a non-finite value ({value}); C++ has no float literal for it: "
                "use tt.fill_tile_bitcast with its bit pattern"
            )


@irdl_op_definition
class FillTileBitcastOp(IRDLOperation):
    """DST[dst] = the f32 whose bit pattern is `bits`, in every element, on the SFPU
    (after `fill_tile_init`): `fill_tile_bitcast(dst, bits)`. The form of fills no
    C++ float literal spells, ±inf: `tt.fill_tile_bitcast dst = 0, bits = 0xff800000`."""

    name = "tt.fill_tile_bitcast"

    dst = prop_def(I32Prop)
    bits = prop_def(IntegerAttr[I64])

    traits = traits_def(ComputeOnly(), SFPUUnaryOp(), *_MEMORY)

    def __init__(self, dst: int, bits: int):
        super().__init__(properties={"dst": _dst_prop(dst), "bits": IntegerAttr(bits, i64)})

    @classmethod
    def parse(cls, parser: Parser) -> FillTileBitcastOp:
        parser.parse_keyword("dst")
        parser.parse_punctuation("=")
        dst = parser.parse_integer(allow_boolean=False)
        parser.parse_punctuation(",")
        parser.parse_keyword("bits")
        parser.parse_punctuation("=")
        bits = parser.parse_integer(allow_boolean=False)
        attrs = parser.parse_optional_attr_dict()
        return cls.create(properties={"dst": _dst_prop(dst), "bits": IntegerAttr(bits, i64)}, attributes=attrs)

    def print(self, printer: Printer) -> None:
        printer.print_string(f" dst = {self.dst.value.data}, bits = 0x{self.bits.value.data:08x}")
        printer.print_op_attributes(self.attributes)

    def verify_(self) -> None:
        verify_dst_index(self, self.dst.value.data)
        bits = self.bits.value.data
        if not 0 <= bits < 1 << 32:
            raise VerifyException(f"bits must be a 32-bit pattern (0 to 0xffffffff), got {bits}")
        if math.isnan(f32_of_bits(bits)):
            raise VerifyException(f"bits 0x{bits:08x} are a NaN; fills are numbers or ±inf")


def f32_bits(value: float) -> int:
    """The IEEE-754 single-precision bit pattern of `value` (rounded to f32)."""
    return struct.unpack("<I", struct.pack("<f", value))[0]


def f32_of_bits(bits: int) -> float:
    """The f32 whose bit pattern is `bits`."""
    return struct.unpack("<f", struct.pack("<I", bits))[0]


# --------------------------------------------------------------------------- SFPU binary


class _SFPUBinaryInitOp(IRDLOperation, ABC):
    """Base of `binary_<fn>_tile_init()`: loads the SFPU code of a binary function."""

    traits = traits_def(ComputeOnly(), SFPUBinaryInit(), *_MEMORY)
    assembly_format = "attr-dict"

    def __init__(self):
        super().__init__()


class _SFPUBinaryTileOp(IRDLOperation, ABC):
    """Base of `binary_<fn>_tile(lhs, rhs, dst)`: DST[dst] = fn(DST[lhs], DST[rhs]) on
    the SFPU (after the matching init): `tt.binary_max_tile 0, 1, dst = 0`."""

    INIT: ClassVar[type[_SFPUBinaryInitOp]]

    lhs = prop_def(I32Prop)
    rhs = prop_def(I32Prop)
    dst = prop_def(I32Prop)

    traits = traits_def(ComputeOnly(), SFPUBinaryOp(), *_MEMORY)
    assembly_format = "$lhs `,` $rhs `,` `dst` `=` $dst attr-dict"

    def __init__(self, lhs: int, rhs: int, dst: int):
        super().__init__(properties={"lhs": _dst_prop(lhs), "rhs": _dst_prop(rhs), "dst": _dst_prop(dst)})

    def verify_(self) -> None:
        for index in (self.lhs, self.rhs, self.dst):
            verify_dst_index(self, index.value.data)


@irdl_op_definition
class BinaryMaxTileInitOp(_SFPUBinaryInitOp):
    """Sets the SFPU up for `binary_max_tile`."""

    name = "tt.binary_max_tile_init"


@irdl_op_definition
class BinaryMaxTileOp(_SFPUBinaryTileOp):
    """DST[dst] = max(DST[lhs], DST[rhs]) elementwise on the SFPU."""

    name = "tt.binary_max_tile"


@irdl_op_definition
class BinaryMinTileInitOp(_SFPUBinaryInitOp):
    """Sets the SFPU up for `binary_min_tile`."""

    name = "tt.binary_min_tile_init"


@irdl_op_definition
class BinaryMinTileOp(_SFPUBinaryTileOp):
    """DST[dst] = min(DST[lhs], DST[rhs]) elementwise on the SFPU."""

    name = "tt.binary_min_tile"


BinaryMaxTileOp.INIT = BinaryMaxTileInitOp
BinaryMinTileOp.INIT = BinaryMinTileInitOp


# --------------------------------------------------------------------------- DST register protocol


class _TileRegsOp(IRDLOperation, ABC):
    """Base of the four DST handshake calls between math and pack. Order:
    acquire -> math -> commit -> wait -> pack -> release."""

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = "attr-dict"

    def __init__(self):
        super().__init__()


@irdl_op_definition
class TileRegsAcquireOp(_TileRegsOp):
    """Math thread: waits for a free DST half and takes it (`tile_regs_acquire()`)."""

    name = "tt.tile_regs_acquire"


@irdl_op_definition
class TileRegsCommitOp(_TileRegsOp):
    """Math thread: hands the filled DST half to the packer (`tile_regs_commit()`)."""

    name = "tt.tile_regs_commit"


@irdl_op_definition
class TileRegsWaitOp(_TileRegsOp):
    """Pack thread: waits for the math thread's commit (`tile_regs_wait()`)."""

    name = "tt.tile_regs_wait"


@irdl_op_definition
class TileRegsReleaseOp(_TileRegsOp):
    """Pack thread: returns the DST half to the math thread (`tile_regs_release()`)."""

    name = "tt.tile_regs_release"


# --------------------------------------------------------------------------- pack


@irdl_op_definition
class PackTileOp(IRDLOperation):
    """Packs DST tile `dst` into the back of the CB (after `cb_reserve_back`).

    `tt.pack_tile dst = 0, %cb : !tt.cb<2, bf16>` is `pack_tile(0, cb)`: the
    tile goes to the next page in order. With an output tile index,
    `tt.pack_tile dst = 0, %cb[%i] : !tt.cb<2, bf16>, index` is
    `pack_tile<true>(0, cb, i)`: out-of-order pack to page `i` of the
    reserved space.
    """

    name = "tt.pack_tile"

    out_cb = operand_def(CBType)
    out_tile = opt_operand_def(TileIndexConstr)
    dst = prop_def(I32Prop)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = (
        "`dst` `=` $dst `,` $out_cb (`[` $out_tile^ `]`)? attr-dict "
        "`:` type($out_cb) (`,` type($out_tile)^)?"
    )

    def __init__(
        self, dst: int, out_cb: SSAValue | Operation, out_tile: SSAValue | Operation | None = None
    ):
        super().__init__(
            operands=[out_cb, [] if out_tile is None else [out_tile]],
            properties={"dst": _dst_prop(dst)},
        )

    def verify_(self) -> None:
        verify_dst_index(self, self.dst.value.data)


@irdl_op_definition
class PackL1AccOp(IRDLOperation):
    """Switches packer L1 accumulation on or off: `pack_reconfig_l1_acc(enable)`.

    While it is on, each `pack_tile` adds the DST tile to the tile already in the
    CB page it packs into instead of overwriting it (partial sums across K blocks
    accumulate in L1). `tt.pack_l1_acc %on : i1`. It configures the packer, not
    DST: it goes before the packs it affects, inside or outside a DST section."""

    name = "tt.pack_l1_acc"

    enable = operand_def(i1)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = "$enable attr-dict `:` type($enable)"

    def __init__(self, enable: SSAValue | Operation):
        super().__init__(operands=[enable])


# --------------------------------------------------------------------------- data formats


@irdl_op_definition
class ReconfigDataFormatOp(IRDLOperation):
    """Reconfigures unpack and math for the data formats of two CBs, `srca` in
    source register A and `srcb` in B: `reconfig_data_format(srca, srcb)`.

    `compute_kernel_hw_startup` configures one format per source register; a
    kernel that unpacks CBs of other formats later must reconfigure first, or
    the unpacker misreads them. (Matmul unpacks in1 to A and in0 to B.)"""

    name = "tt.reconfig_data_format"

    srca = operand_def(CBType)
    srcb = operand_def(CBType)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = "$srca `,` $srcb attr-dict `:` type($srca) `,` type($srcb)"

    def __init__(self, srca: SSAValue | Operation, srcb: SSAValue | Operation):
        super().__init__(operands=[srca, srcb])


@irdl_op_definition
class PackReconfigDataFormatOp(IRDLOperation):
    """Reconfigures the packer for this CB's data format:
    `pack_reconfig_data_format(cb)`. Needed before packing into a CB of another
    format than the one the packer was configured for."""

    name = "tt.pack_reconfig_data_format"

    cb = operand_def(CBType)

    traits = traits_def(ComputeOnly(), *_MEMORY)
    assembly_format = "$cb attr-dict `:` type($cb)"

    def __init__(self, cb: SSAValue | Operation):
        super().__init__(operands=[cb])


FPU_BINARY_OPS: tuple[type[Operation], ...] = (
    MatmulTilesOp,
    MatmulBlockOp,
    AddTilesOp,
    SubTilesOp,
    MulTilesOp,
)
"""The FPU ops unpacking two CBs (`in0`, `in1`) into the source registers."""


def writes_dst(op: Operation) -> bool:
    """Whether `op` is math that writes DST: an FPU tile op, `matmul_block`,
    `copy_tile`, or an SFPU tile op (`fill_tile` and the unary and scalar ones)."""
    return isinstance(op, _FPUTilesOp | MatmulBlockOp | CopyTileOp) or op.has_trait(SFPUUnaryOp) or op.has_trait(
        SFPUBinaryOp
    )


def dst_tiles_written(op: Operation) -> range:
    """The DST tiles a math op (`writes_dst`) writes: `dst` alone, or
    `dst .. dst + rt*ct - 1` for `matmul_block`."""
    if isinstance(op, MatmulBlockOp):
        return op.dst_tiles
    first = op.properties["dst"].value.data  # pyright: ignore[reportAttributeAccessIssue]
    return range(first, first + 1)


def unpacked_cbs(op: Operation) -> tuple[SSAValue, ...]:
    """The CBs whose tiles a compute op unpacks into DST or the FPU's source registers."""
    if isinstance(op, _FPUTilesOp | MatmulBlockOp):
        return (op.in0, op.in1)
    if isinstance(op, CopyTileOp):
        return (op.cb,)
    return ()


OPS = [
    ComputeKernelHwStartupOp,
    MatmulInitOp,
    MatmulTilesOp,
    MatmulBlockInitOp,
    MatmulBlockOp,
    BinaryOpInitCommonOp,
    AddTilesInitOp,
    SubTilesInitOp,
    MulTilesInitOp,
    AddTilesOp,
    SubTilesOp,
    MulTilesOp,
    CopyTileInitOp,
    CopyTileOp,
    InitSFPUOp,
    *(op for pair in SFPU_UNARY_OPS for op in pair),
    TileRegsAcquireOp,
    TileRegsCommitOp,
    TileRegsWaitOp,
    TileRegsReleaseOp,
    PackTileOp,
    PackL1AccOp,
    ReconfigDataFormatOp,
    PackReconfigDataFormatOp,
    FillTileInitOp,
    FillTileOp,
    FillTileBitcastOp,
    BinopWithScalarTileInitOp,
    *SFPU_SCALAR_OPS,
    *(op for pair in BCAST_OPS.values() for op in pair),
    ReduceInitOp,
    ReduceTileOp,
    ReduceUninitOp,
    BinaryMaxTileInitOp,
    BinaryMaxTileOp,
    BinaryMinTileInitOp,
    BinaryMinTileOp,
]
