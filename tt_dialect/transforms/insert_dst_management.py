"""tt-insert-dst-management: the DST register handshake between math and pack.

Reads: the compute kernels of `tt.program`s (reader and writer kernels are left
alone): their math ops, which write DST (`tt.matmul_tiles`, `tt.add/sub/mul_tiles`,
`tt.copy_tile` and the SFPU unary tile ops `tt.exp_tile` ..., not their inits; and
`tt.matmul_block`, which writes the rt*ct tiles `dst .. dst + rt*ct - 1`), and
their `tt.pack_tile`s, which read it. Other compute ops are neither math nor pack:
`tt.pack_l1_acc` (packer L1 accumulation) configures the packer and may sit inside
or outside a section.
Writes: `tt.tile_regs_acquire` / `commit` / `wait` / `release` around every DST
section, in tt-metal v0.74's order:

    tt.cb_wait_front ...                     // inputs
    tt.tile_regs_acquire
    <math ops>
    tt.tile_regs_commit
    tt.cb_pop_front ... / tt.cb_reserve_back ...
    tt.tile_regs_wait
    <pack ops>
    tt.tile_regs_release
    tt.cb_push_back ...

A DST section is found block by block. Each top-level op of a block contains math
(it is, or has nested, a math op), pack, both or neither. An op containing both holds
its sections inside: the pass recurses into its regions. In the block itself a
section is a maximal run "math-containing ops, then pack-containing ops" (other ops
may be interleaved): it starts at a math-containing op and ends at the last
pack-containing op before the next math-containing op, or before an op containing
both. Acquire goes right before the section's first math-containing op, commit right
after its last, wait right before its first pack-containing op and release right
after its last. A section may span loops: in a gemm, acquire sits before the K loop
and commit after the epilogue's last SFPU op.

The pass owns the handshake: tile_regs_* ops already in a compute kernel are erased
and re-derived, so running the pass twice gives the same IR as running it once, and a
hand-written handshake is replaced by the canonical one.

One pattern, `InsertDstManagement`, anchored on the compute kernel: finding the
sections is an analysis of the kernel's whole region (where a section starts
depends on every op before it in its block and on what the ops after it pack, and
an op holding sections of its own splits the block), and re-deriving the handshake
erases every `tile_regs_*` op of the kernel first.

Errors (each on the op at fault):
- a pack-containing op with no math-containing op before it in its section;
- math after which nothing packs, in its block or before the next op holding
  sections of its own: the DST result would be lost;
- a `tt.pack_tile` of a DST tile that no math op of its section wrote;
- a section writing more distinct DST tiles than the kernel's DST holds (its
  `#tt.compute_config`, 16 tiles without one). The op verifier already bounds every
  DST index by that capacity, so only unverified IR reaches this check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Block, Operation
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)
from xdsl.rewriter import InsertPoint

from tt_dialect.diagnostics import op_error
from tt_dialect.ops.attributes import KernelRole
from tt_dialect.ops.base import dst_capacity_at
from tt_dialect.ops.compute import (
    PackTileOp,
    TileRegsAcquireOp,
    TileRegsCommitOp,
    TileRegsReleaseOp,
    TileRegsWaitOp,
    dst_tiles_written,
    writes_dst,
)
from tt_dialect.ops.program import KernelOp


TILE_REGS_OPS: tuple[type[Operation], ...] = (
    TileRegsAcquireOp,
    TileRegsCommitOp,
    TileRegsWaitOp,
    TileRegsReleaseOp,
)



def dst_index(op: Operation) -> int:
    """The DST tile a pack reads or a math op writes (its `dst` property; the first
    of the tiles a `tt.matmul_block` writes)."""
    return op.properties["dst"].value.data  # pyright: ignore[reportAttributeAccessIssue]


def _describe_written(op: Operation) -> str:
    """`DST tile 3` or `DST tiles 0..7`: what a math op writes, for diagnostics."""
    tiles = dst_tiles_written(op)
    if len(tiles) == 1:
        return f"DST tile {tiles.start}"
    return f"DST tiles {tiles.start}..{tiles.stop - 1}"


def _math_in(op: Operation) -> list[Operation]:
    return [nested for nested in op.walk() if writes_dst(nested)]


def _packs_in(op: Operation) -> list[PackTileOp]:
    return [nested for nested in op.walk() if isinstance(nested, PackTileOp)]


@dataclass
class DstSection:
    """One acquire ... release section: top-level ops of one block, math then pack."""

    math: list[Operation] = field(default_factory=list[Operation])
    """Math-containing ops, in order."""
    packs: list[Operation] = field(default_factory=list[Operation])
    """Pack-containing ops, in order (all after the last math-containing op)."""

    def math_ops(self) -> list[Operation]:
        return [math for op in self.math for math in _math_in(op)]

    def pack_ops(self) -> list[PackTileOp]:
        return [pack for op in self.packs for pack in _packs_in(op)]


def dst_sections(block: Block) -> list[DstSection]:
    """The DST sections of `block` and of the ops in it that contain both math and
    pack, in program order; raises on math that nothing packs and on a pack that no
    math precedes."""
    sections: list[DstSection] = []
    current: DstSection | None = None

    def close(before: Operation | None) -> None:
        if current is None:
            return
        if not current.packs:
            last = current.math_ops()[-1]
            where = (
                "in its block"
                if before is None
                else f"before the '{before.name}' op holding the next DST section"
            )
            raise op_error(
                last,
                f"writes {_describe_written(last)}, but no tt.pack_tile follows it {where}: "
                "the DST result would be lost",
            )
        sections.append(current)

    for op in block.ops:
        has_math, packs = bool(_math_in(op)), _packs_in(op)
        if has_math and packs:
            close(op)
            current = None
            for region in op.regions:
                for nested in region.blocks:
                    sections.extend(dst_sections(nested))
        elif has_math:
            if current is None or current.packs:
                close(None)
                current = DstSection()
            current.math.append(op)
        elif packs:
            if current is None:
                raise op_error(
                    packs[0],
                    f"packs DST tile {dst_index(packs[0])}, but no math op precedes it in "
                    "its block: a DST section is math ops, then the packs of their results",
                )
            current.packs.append(op)
    close(None)
    return sections


def check_section(section: DstSection) -> None:
    """The section fits DST and packs only tiles its math wrote."""
    math = section.math_ops()
    written = sorted({tile for op in math for tile in dst_tiles_written(op)})
    capacity, reason = dst_capacity_at(math[0])
    if len(written) > capacity:
        raise op_error(
            math[0],
            f"DST section writes {len(written)} tiles, DST holds {capacity} tiles ({reason})",
        )
    for pack in section.pack_ops():
        if dst_index(pack) not in written:
            tiles = ", ".join(map(str, written))
            raise op_error(
                pack,
                f"packs DST tile {dst_index(pack)}, which no math op in this DST section "
                f"wrote (it writes tile{'s' if len(written) > 1 else ''} {tiles})",
            )


@dataclass(frozen=True)
class InsertDstManagement(RewritePattern):
    """Anchored on a compute `tt.kernel`.

    Reads its math ops, packs and `tile_regs_*` ops, and its compute config (the
    DST capacity). Writes: every `tile_regs_*` op erased, then acquire / commit /
    wait / release around each DST section (`dst_sections`)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, kernel: KernelOp, rewriter: PatternRewriter, /) -> None:
        if kernel.role.data is not KernelRole.COMPUTE:
            return
        # tile_regs_* ops contain neither math nor pack: the analysis ignores them.
        sections = dst_sections(kernel.body.block)
        for section in sections:
            check_section(section)
        for op in [op for op in kernel.body.walk() if isinstance(op, TILE_REGS_OPS)]:
            rewriter.erase(op)
        for section in sections:
            rewriter.insert(TileRegsAcquireOp(), InsertPoint.before(section.math[0]))
            rewriter.insert(TileRegsCommitOp(), InsertPoint.after(section.math[-1]))
            rewriter.insert(TileRegsWaitOp(), InsertPoint.before(section.packs[0]))
            rewriter.insert(TileRegsReleaseOp(), InsertPoint.after(section.packs[-1]))


@dataclass(frozen=True)
class InsertDstManagementPass(ModulePass):
    """Brackets every DST section of a compute kernel with the tile_regs handshake."""

    name = "tt-insert-dst-management"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(InsertDstManagement(), apply_recursively=False).rewrite_module(op)
